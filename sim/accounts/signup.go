package accounts

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/auth"
	"github.com/krakensim/krakensim/sim/fake"
	"github.com/krakensim/krakensim/sim/workdays"
)

// Signing up: a supplier's sign-up site, signed in as an organisation, prepares the
// customer (initializeUser: the user with the email, else a new one) and their account
// (initializeAccount: the user's account at the billing address, else a new one,
// INCOMPLETE, holding the supplies to switch by MPAN, NMI, MPRN or MIRN, the day asked
// for and the payment day), or both at once (prepareAccount). enrollment (Origin's)
// then switches the supplies: they register from the day asked for (two weeks on when
// none was), on the tenant's default product, in the billing address's home; the
// account is pending until then, when the registrations complete (pointStatus) and
// bring the supplies' meters (an NMI's smart meter, a MIRN's basic gas meter), a
// direct debit pays it on the payment day, and a
// referral code or reward scheme the sale names rewards it. The switch is cancelled as any other
// (cancelEnrollment) until its supplies start, and reversed (reverseEnrollment) after,
// within four weeks: the supplies go back, their agreements end today and the rewards
// for joining not yet paid are cancelled. A customer
// signed in may prepare and enrol only themselves.

// defaultSwitchDays is how far ahead a switch with no day asked for starts.
const defaultSwitchDays = 14

// maxSwitchDays is how far ahead a switch may be asked to start.
const maxSwitchDays = 90

// maxSaleSupplies is how many supply points one sign-up may name.
const maxSaleSupplies = 20

// reversalDays is how long after its supplies start a switch may be reversed.
const reversalDays = 28

// saleRefusal is a sign-up's refusal of bad input: code and the input path.
type saleRefusal func(msg string, path ...any) error

// signUpCaller is who signs a customer up: an organisation (org true), or the customer
// signed in as the user.
func signUpCaller(c *sim.Call) (claims *auth.Claims, org bool, err error) {
	claims, err = c.Caller()
	if err != nil {
		return nil, false, err
	}
	return claims, claims.Organization != "", nil
}

// customer is the user customer details name: the user with that email when the names
// agree (ok false when they do not), else a new user (not yet added).
func customer(c *sim.Call, details map[string]any, code string, refuse saleRefusal, path ...any) (u *sim.User, isNew, ok bool, err error) {
	at := func(k string) []any { return append(slices.Clone(path), k) }
	given, family := strings.TrimSpace(str(details, "givenName")), strings.TrimSpace(str(details, "familyName"))
	email := strings.TrimSpace(str(details, "email"))
	switch {
	case given == "" || len(given) > 100:
		return nil, false, false, refuse("Enter the given name (up to 100 characters).", at("givenName")...)
	case family == "" || len(family) > 100:
		return nil, false, false, refuse("Enter the family name (up to 100 characters).", at("familyName")...)
	case !validEmail(email) || len(email) > 254:
		return nil, false, false, refuse("Enter a valid email address.", at("email")...)
	}
	w := c.Session.World()
	if known := w.UserByEmail(email); known != nil {
		same := strings.EqualFold(known.GivenName, given) && strings.EqualFold(known.FamilyName, family)
		return known, false, same, nil
	}
	u = &sim.User{ID: w.IDs().Next("user"), Email: email, GivenName: given, FamilyName: family}
	extra := map[string]any{}
	for _, k := range []string{"mobile", "dateOfBirth", "landline", "title", "pronouns"} {
		if v, ok := details[k]; ok && v != nil && v != "" {
			extra[k] = v
		}
	}
	if err := applyUserDetails(c, u, extra, code, code); err != nil {
		return nil, false, false, err
	}
	return u, true, true, nil
}

// mayActFor refuses a customer signed in acting for another user.
func mayActFor(c *sim.Call, claims *auth.Claims, org bool, userID string) error {
	if !org && !claims.IsUser(userID) {
		return c.Error(c.UnauthorizedCode())
	}
	return nil
}

// initializeUser (Origin's) finds or makes the customer a sign-up names.
func initializeUser(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	claims, org, err := signUpCaller(c)
	if err != nil {
		return nil, err
	}
	refuse := func(msg string, path ...any) error {
		return c.ValidationError("KT-CT-10328", msg, append([]any{"input"}, path...)...)
	}
	details, _ := in["customerDetails"].(map[string]any)
	u, isNew, same, err := customer(c, details, "KT-CT-10328", refuse, "customerDetails")
	if err != nil {
		return nil, err
	}
	if !same {
		return nil, c.ValidationError("KT-CT-10329", "A user with this email address has other names.", "input", "customerDetails", "email")
	}
	if !isNew {
		if err := mayActFor(c, claims, org, u.ID); err != nil {
			return nil, err
		}
	} else if !org {
		return nil, c.Error(c.UnauthorizedCode())
	}
	if isNew {
		c.Session.World().AddUser(u)
	}
	return obj{"isNewUser": isNew, "userNumber": u.ID}, nil
}

// initializeAccount (Origin's) finds or makes the account a sign-up prepares for a user.
func initializeAccount(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	claims, org, err := signUpCaller(c)
	if err != nil {
		return nil, err
	}
	refuse := func(msg string, path ...any) error {
		return c.ValidationError("KT-CT-10325", msg, append([]any{"input"}, path...)...)
	}
	u := c.Session.World().User(strings.TrimSpace(str(in, "userNumber")))
	if u == nil {
		return nil, refuse("No user has the number "+str(in, "userNumber")+".", "userNumber")
	}
	if err := mayActFor(c, claims, org, u.ID); err != nil {
		return nil, err
	}
	a, isNew, err := prepareSale(c, u, in, refuse)
	if err != nil {
		return nil, err
	}
	return obj{"isNewAccount": isNew, "accountNumber": a.Number}, nil
}

// prepareAccount finds or makes both the customer and their account.
func prepareAccount(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	claims, org, err := signUpCaller(c)
	if err != nil {
		return nil, err
	}
	refuse := func(msg string, path ...any) error {
		return c.ValidationError("KT-CT-10316", msg, append([]any{"input"}, path...)...)
	}
	details, _ := in["customerDetails"].(map[string]any)
	u, isNew, same, err := customer(c, details, "KT-CT-10316", refuse, "customerDetails")
	if err != nil {
		return nil, err
	}
	switch {
	case !same:
		return nil, c.ValidationError("KT-CT-10322", "A user with this email address already exists, with other names.", "input", "customerDetails", "email")
	case isNew && !org:
		return nil, c.Error(c.UnauthorizedCode())
	case !isNew:
		if err := mayActFor(c, claims, org, u.ID); err != nil {
			return nil, err
		}
	}
	a, newAccount, err := prepareSale(c, u, in, refuse, isNew)
	if err != nil {
		return nil, err
	}
	return obj{"isNewAccount": newAccount, "accountNumber": a.Number, "isNewUser": isNew, "userId": u.ID, "userNumber": u.ID}, nil
}

// prepareSale is the user's account at the input's billing address that a sign-up
// prepared, else a new one holding the sale (isNew); a new user (addUser) is added
// with it. A new account's user is sent a link to set a password.
func prepareSale(c *sim.Call, u *sim.User, in map[string]any, refuse saleRefusal, addUser ...bool) (*sim.Account, bool, error) {
	w := c.Session.World()
	env := newEnv(c)
	brand := strings.ToUpper(strings.TrimSpace(str(in, "brandCode")))
	if tenant := env.brand(); brand != tenant {
		return nil, false, refuse("The brand "+brand+" is not this supplier's ("+tenant+").", "brandCode")
	}
	billingName := strings.TrimSpace(str(in, "billingName"))
	if billingName == "" || len(billingName) > 200 {
		return nil, false, refuse("Enter the billing name (up to 200 characters).", "billingName")
	}
	addr, err := saleAddress(brand, in, refuse)
	if err != nil {
		return nil, false, err
	}
	sale := &sim.Sale{SalesChannel: "DIRECT"}
	if si, _ := in["salesInfo"].(map[string]any); si != nil {
		sale.SalesChannel = strings.ToUpper(strings.TrimSpace(str(si, "salesChannel")))
		if sale.SalesChannel == "" {
			sale.SalesChannel = "DIRECT"
		}
		sale.ReferralCode = strings.TrimSpace(str(si, "referralCode"))
		sale.SalesSubchannel = sim.Clip(strings.TrimSpace(str(si, "salesSubchannel")), 100)
		sale.URN = sim.Clip(strings.TrimSpace(str(si, "urn")), 100)
	}
	if v, given := in["preferredSsd"]; given && v != nil {
		d, ok := parseDate(v)
		switch {
		case !ok:
			return nil, false, refuse("preferredSsd is no date.", "preferredSsd")
		case addr.CountryCode == "GB": // a British switch starts on a day updateSsd would accept
			if why := newSsdRule(today(c), "", bankDays(c)).refusal(d); why != "" {
				return nil, false, refuse(why, "preferredSsd")
			}
		case d <= today(c) || d > addDays(today(c), maxSwitchDays):
			return nil, false, refuse("A switch starts after today and at most 90 days ahead.", "preferredSsd")
		}
		sale.PreferredSSD = d
	}
	if v, given := in["dateOfSale"]; given && v != nil {
		d, ok := parseDate(v)
		if !ok || d > today(c) {
			return nil, false, refuse("dateOfSale is no day up to today.", "dateOfSale")
		}
		sale.DateOfSale = d
	}
	if day, ok := integer(in, "chosenPaymentDay"); ok {
		if day < 1 || day > 28 {
			return nil, false, refuse("The payment day must be between 1 and 28.", "chosenPaymentDay")
		}
		sale.PaymentDay = day
	}
	list, _ := in["supplyPointInfoList"].([]any)
	if len(list) > maxSaleSupplies {
		return nil, false, refuse(fmt.Sprintf("A sign-up names at most %d supply points.", maxSaleSupplies), "supplyPointInfoList")
	}
	for i, v := range list {
		sp, err := saleSupplyPoint(w, v, addr, func(msg string, path ...any) error {
			return refuse(msg, append([]any{"supplyPointInfoList", i}, path...)...)
		})
		if err != nil {
			return nil, false, err
		}
		if !slices.Contains(sale.SupplyPoints, sp) {
			sale.SupplyPoints = append(sale.SupplyPoints, sp)
		}
	}
	for _, n := range u.AccountNumbers {
		if a := w.Account(n); a != nil && a.Sale != nil && sameAddress(a.BillingAddress, addr) {
			return a, false, nil
		}
	}
	accountType := "DOMESTIC"
	if t := str(in, "accountType"); t == "BUSINESS" {
		accountType = t
	}
	ids := w.IDs()
	a := &sim.Account{
		Number: w.NewAccountNumber("sign-up", u.ID, addr.Postcode, strings.Join(addr.Lines, ",")), Status: "INCOMPLETE", AccountType: accountType, Brand: brand,
		CreatedAt: c.Session.Now().UTC(), BillingName: billingName, BillingAddress: addr,
		CommsDeliveryPreference: "EMAIL", Sale: sale,
	}
	a.Ledgers = []sim.Ledger{{ID: ids.Next("ledger"), Number: sim.LedgerNumber(a.Number, 0), Name: "Main Ledger", LedgerType: "GENERAL_LEDGER"}}
	if len(addUser) > 0 && addUser[0] {
		w.AddUser(u)
	}
	mu := w.MutableUser(u.ID)
	mu.AccountNumbers = append(mu.AccountNumbers, a.Number)
	w.AddAccount(a)
	if mu.Password == "" {
		_ = emailReset(c, mu, "Welcome: set your password", func(url string) string {
			return "Your account " + a.Number + " is being set up. Set a password to sign in within three days at " + url + "."
		}, map[string]string{"accountNumber": a.Number})
	}
	return a, true, nil
}

// saleAddress is the billing address a sign-up gives, in the brand's country.
func saleAddress(brand string, in map[string]any, refuse saleRefusal) (sim.Address, error) {
	ba, _ := in["billingAddress"].(map[string]any)
	if ba == nil {
		return sim.Address{}, refuse("Give the billing address.", "billingAddress")
	}
	country := "GB"
	if brand == "ORIGIN" {
		country = "AU"
	}
	if cc := strings.ToUpper(strings.TrimSpace(str(ba, "countryCode"))); cc != "" && cc != country {
		return sim.Address{}, refuse("The supplier supplies homes in "+country+", not "+cc+".", "billingAddress", "countryCode")
	}
	addr := sim.Address{CountryCode: country, Postcode: strings.ToUpper(strings.TrimSpace(str(ba, "postalCode")))}
	for _, k := range []string{"line1", "line2", "line3", "line4", "line5"} {
		if l := strings.TrimSpace(str(ba, k)); l != "" {
			addr.Lines = append(addr.Lines, sim.Clip(l, 200))
		}
	}
	switch {
	case strings.TrimSpace(str(ba, "line1")) == "":
		return sim.Address{}, refuse("Give the address's first line.", "billingAddress", "line1")
	case country == "GB" && !sim.IsUKPostcode(addr.Postcode), country == "AU" && (len(addr.Postcode) != 4 || !sim.IsDigits(addr.Postcode)):
		return sim.Address{}, refuse("The postcode "+addr.Postcode+" is not one of "+country+".", "billingAddress", "postalCode")
	case country == "AU":
		return australianSaleAddress(addr, refuse)
	}
	return addr, nil
}

// australianSaleAddress is an Australian sign-up's address as Australia's are kept: the
// parts its lines join with commas each a line, the postcode left off, the street lines,
// then the suburb and the state (the postcode's when it names none); one naming another
// state than its postcode's is refused.
func australianSaleAddress(addr sim.Address, refuse saleRefusal) (sim.Address, error) {
	var parts []string
	for _, l := range addr.Lines {
		for _, p := range strings.Split(l, ",") {
			if p = strings.TrimSpace(p); p != "" {
				parts = append(parts, p)
			}
		}
	}
	if n := len(parts); n > 1 {
		if parts[n-1] = strings.TrimSuffix(parts[n-1], " "+addr.Postcode); parts[n-1] == addr.Postcode {
			parts = parts[:n-1]
		}
	}
	named := ""
	if n := len(parts); n > 1 {
		named, parts[n-1] = australianStateIn(parts[n-1])
		if parts[n-1] == "" {
			parts = parts[:n-1]
		}
	}
	state := fake.PostcodeState(addr.Postcode)
	if named != "" && state != "" && named != state {
		return sim.Address{}, refuse("The postcode "+addr.Postcode+" is in "+state+", not "+named+".", "billingAddress", "postalCode")
	}
	if region := cmp.Or(named, state); region != "" {
		parts = append(parts, region)
	}
	addr.Lines = parts
	return addr, nil
}

// australianStateIn is the state or territory (NSW, VIC…) a line is, abbreviated or
// written out, or ends with, abbreviated ("Fitzroy VIC"), and the line before it; "" and
// the line for none.
func australianStateIn(line string) (state, rest string) {
	upper := strings.ToUpper(line)
	for abbr, choice := range australianStates {
		switch {
		case upper == abbr || upper == strings.ReplaceAll(choice, "_", " "):
			return abbr, ""
		case strings.HasSuffix(upper, " "+abbr):
			return abbr, strings.TrimSpace(line[:len(line)-len(abbr)])
		}
	}
	return "", line
}

// saleSupplyPoint reads one supply a sign-up names: by supplyPointId, a supply state
// holds, or by its market and identifier, in Australia an NMI or MIRN in a block AEMO
// allocates to a network in the state of the address's postcode, and no electricity
// outside the National Electricity Market (Western Australia, the Northern Territory),
// where the tenant sells none.
func saleSupplyPoint(w *sim.World, v any, addr sim.Address, refuse saleRefusal) (sim.SaleSupplyPoint, error) {
	m, _ := v.(map[string]any)
	if id := strings.TrimSpace(str(m, "supplyPointId")); id != "" {
		for _, a := range w.Accounts {
			if a == nil {
				continue
			}
			for _, p := range a.Properties {
				for _, mp := range p.ElectricityMeterPoints {
					if mp.ID == id {
						return sim.SaleSupplyPoint{Electricity: true, Identifier: mp.Identifier()}, nil
					}
				}
				for _, mp := range p.GasMeterPoints {
					if mp.ID == id {
						return sim.SaleSupplyPoint{Identifier: mp.Identifier()}, nil
					}
				}
			}
		}
		return sim.SaleSupplyPoint{}, refuse("No supply point has the id "+id+".", "supplyPointId")
	}
	info, _ := m["supplyPointInfo"].(map[string]any)
	if info == nil {
		return sim.SaleSupplyPoint{}, refuse("Name the supply point by supplyPointId or supplyPointInfo.")
	}
	market := strings.ToUpper(str(info, "marketName"))
	id := strings.ToUpper(strings.TrimSpace(str(info, "externalIdentifier")))
	elec := strings.Contains(market, "ELEC") || strings.Contains(market, "NEM")
	if addr.CountryCode == "AU" {
		state := fake.PostcodeState(addr.Postcode)
		n, known := fake.NetworkOf(id)
		kind := "MIRN"
		if elec {
			kind = "NMI"
		}
		switch {
		case elec && !sim.IsNMI(id):
			return sim.SaleSupplyPoint{}, refuse("The identifier "+id+" is no NMI.", "supplyPointInfo", "externalIdentifier")
		case elec && (state == "WA" || state == "NT"):
			return sim.SaleSupplyPoint{}, refuse("The postcode "+addr.Postcode+" is in "+state+", outside the National Electricity Market, where we sell no electricity.", "supplyPointInfo", "externalIdentifier")
		case elec && (!known || n.Gas):
			return sim.SaleSupplyPoint{}, refuse("The NMI "+id+" is in no block AEMO allocates to an electricity network.", "supplyPointInfo", "externalIdentifier")
		case !elec && strings.Contains(market, "GAS") && (!sim.IsDigits(id) || !known || !n.Gas):
			return sim.SaleSupplyPoint{}, refuse("The MIRN "+id+" is in no block AEMO allocates to a gas network.", "supplyPointInfo", "externalIdentifier")
		case known && state != "" && !n.Serves(state):
			return sim.SaleSupplyPoint{}, refuse("The "+kind+" "+id+" is "+n.Name+"'s, in "+n.State+", not in "+state+", where the postcode "+addr.Postcode+" is.", "supplyPointInfo", "externalIdentifier")
		}
	}
	switch {
	case elec && (sim.IsNMI(id) || validMPAN(id)):
		return sim.SaleSupplyPoint{Electricity: true, Identifier: id}, nil
	case elec:
		return sim.SaleSupplyPoint{}, refuse("The identifier "+id+" is no MPAN or NMI.", "supplyPointInfo", "externalIdentifier")
	case strings.Contains(market, "GAS") && sim.IsDigits(id) && len(id) >= 6 && len(id) <= 11:
		return sim.SaleSupplyPoint{Identifier: id}, nil
	case strings.Contains(market, "GAS"):
		return sim.SaleSupplyPoint{}, refuse("The identifier "+id+" is no MPRN or MIRN.", "supplyPointInfo", "externalIdentifier")
	}
	return sim.SaleSupplyPoint{}, refuse("The market "+market+" is neither electricity nor gas.", "supplyPointInfo", "marketName")
}

// validMPAN reports whether s is an MPAN core with its check digit.
func validMPAN(s string) bool {
	d, ok := sim.MPANCheckDigit(s[:min(12, len(s))])
	return len(s) == 13 && ok && d == s[12]
}

// validMPRN reports whether s is an MPRN: 6 to 10 digits.
func validMPRN(s string) bool {
	return sim.IsDigits(s) && len(s) >= 6 && len(s) <= 10
}

// sameAddress reports whether two addresses are one: the same first line and postcode.
func sameAddress(a, b sim.Address) bool {
	first := func(ad sim.Address) string {
		if len(ad.Lines) == 0 {
			return ""
		}
		return strings.Join(strings.Fields(strings.ToUpper(ad.Lines[0])), " ")
	}
	return normalPostcode(a.Postcode) == normalPostcode(b.Postcode) && first(a) == first(b)
}

// businessFlexible is the variable business product on sale today, the latest launched
// ("" when the tenant sells none).
func businessFlexible(e *env) string {
	best, at := "", time.Time{}
	for _, code := range productCodes(e) {
		from, dated := launched(code, e.zone)
		if _, gone := withdrawn(e, code); !businessProduct(code) || productName(code) != "Flexible" || prepayProduct(code) ||
			!dated || from.After(e.now) || gone || from.Before(at) {
			continue
		}
		best, at = code, from
	}
	return best
}

// enrollment (Origin's) switches the supplies a sign-up prepared: KT-CT-4501 for an
// account the caller may not act for, KT-CT-10313 for one not prepared or switched
// already, KT-CT-10315 for one naming no supplies, KT-CT-10314 for a supply already
// ours, KT-CT-1602 for bad bank details. A business's supplies go on the tenant's
// variable business product, a home's on its default.
func enrollment(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	claims, org, err := signUpCaller(c)
	if err != nil {
		return nil, err
	}
	w := c.Session.World()
	number := strings.TrimSpace(str(in, "accountNumber"))
	ro := w.Account(number)
	if ro == nil || !org && !slices.ContainsFunc(w.AccountUsers(number), func(u *sim.User) bool { return claims.IsUser(u.ID) }) {
		return nil, c.Error("KT-CT-4501")
	}
	switch {
	case ro.Sale == nil:
		return nil, c.ValidationError("KT-CT-10313", "The account "+number+" was not prepared for a sign-up.", "input", "accountNumber")
	case !ro.Sale.EnrolledAt.IsZero():
		return nil, c.ValidationError("KT-CT-10313", "The account "+number+" is switching already.", "input", "accountNumber")
	case len(ro.Sale.SupplyPoints) == 0:
		return nil, c.ValidationError("KT-CT-10315", "The sign-up names no supply point to switch.", "input", "accountNumber")
	}
	ssd := ro.Sale.PreferredSSD
	if ssd == "" || ssd <= today(c) {
		ssd = addDays(today(c), defaultSwitchDays)
	}
	for _, sp := range ro.Sale.SupplyPoints {
		if held := supplyOccupier(w, sp.Identifier, ssd); held != nil {
			return nil, c.ValidationError("KT-CT-10314", "The supply "+sp.Identifier+" is on supply with us already.", "input", "accountNumber")
		}
	}
	a := w.MutableAccount(number)
	var mandate *sim.PaymentInstruction
	if bank, _ := in["bankDetails"].(map[string]any); bank != nil {
		m, err := bankInstruction(c, a, &a.Ledgers[0], bank, "KT-CT-1602", "input", "bankDetails")
		if err != nil {
			return nil, err
		}
		mandate = &m
	}
	ids := w.IDs()
	home := sim.Property{ID: ids.Next("property"), Address: a.BillingAddress, OccupiedFrom: ssd}
	now := c.Session.Now()
	product := variableProduct(newEnv(c), a.AccountType == "BUSINESS")
	for _, sp := range a.Sale.SupplyPoints {
		region := supplyRegion(a.BillingAddress.CountryCode, a.BillingAddress.Postcode, sp.Identifier)
		ag, ok := newcomerAgreement(ids, nil, sp.Electricity, product, region, ssd, now)
		if !ok {
			ag, _ = newcomerAgreement(ids, nil, sp.Electricity, defaultProduct, region, ssd, now)
		}
		if sp.Electricity {
			mp := sim.ElectricityMeterPoint{ID: ids.Next("meterPoint"), Status: "PENDING_REGISTRATION", RegistrationStartDate: ssd, Agreements: []sim.Agreement{ag}}
			if sim.IsNMI(sp.Identifier) && !validMPAN(sp.Identifier) {
				mp.NMI = sp.Identifier
				mp.Meters = []sim.ElectricityMeter{{ID: ids.Next("meter"), SerialNumber: switchedMeterSerial(sp.Identifier, ssd, false),
					MeterType: "COMMS4D", IsDigital: true, ActiveFrom: ssd}}
			} else {
				mp.MPAN = sp.Identifier
			}
			home.ElectricityMeterPoints = append(home.ElectricityMeterPoints, mp)
			continue
		}
		mp := sim.GasMeterPoint{ID: ids.Next("meterPoint"), Status: "PENDING_REGISTRATION", RegistrationStartDate: ssd, Agreements: []sim.Agreement{ag}}
		if a.BillingAddress.CountryCode == "AU" {
			mp.MIRN = sp.Identifier
			mp.Meters = []sim.GasMeter{{ID: ids.Next("meter"), SerialNumber: switchedMeterSerial(sp.Identifier, ssd, true), MeterType: "G4", ActiveFrom: ssd}}
		} else {
			mp.MPRN = sp.Identifier
		}
		home.GasMeterPoints = append(home.GasMeterPoints, mp)
	}
	a.Properties = append(a.Properties, home)
	a.Status = "PENDING"
	a.Sale.EnrolledAt = now.UTC().Truncate(time.Second)
	if si, _ := in["salesInfo"].(map[string]any); si != nil && strings.TrimSpace(str(si, "referralCode")) != "" {
		a.Sale.ReferralCode = strings.TrimSpace(str(si, "referralCode"))
	}
	if a.BillingAddress.CountryCode == "AU" {
		addFuelLedgers(ids, a)
	}
	if mandate != nil {
		addMandate(a, *mandate)
		saleSchedule(w, a, ssd)
	}
	if rs := rewardScheme(w, a.Sale.ReferralCode, "SIGNUP_REWARD", "PROMO_REWARD", "PARTNER_REWARD"); rs != nil && !atCapacity(w, rs) && !hasScheme(a, rs.Code) {
		giveSchemeReward(c, a, rs)
	} else if from := referrer(w, a.Sale.ReferralCode); a.Sale.ReferralCode != "" && from != nil && from.Number != a.Number && from.Brand == a.Brand && a.ReferredBy == "" {
		referLater(c, a, from)
	}
	for _, u := range w.AccountUsers(a.Number) {
		w.AddMessage(&sim.Message{To: u.Email, Subject: "Your switch has begun", SentAt: now.UTC().Truncate(time.Second),
			Body: "Your account " + a.Number + " supplies " + strings.Join(a.BillingAddress.Lines, ", ") + " from " + ssd + ".",
			Data: map[string]string{"accountNumber": a.Number, "supplyStartDate": ssd}})
	}
	jp := joinProcess(a, today(c))
	return obj{"enrollmentProcesses": []any{joinProcessMap(newEnv(c), a, jp)}, "message": "The account " + a.Number + " is switching from " + ssd + "."}, nil
}

// saleSchedule gives an account a sign-up prepared, paying by direct debit, its monthly
// schedule on the payment day its sale chose, from its supply start (from); none for a
// sale that chose no day.
func saleSchedule(w *sim.World, a *sim.Account, from string) {
	if a.Sale == nil || a.Sale.PaymentDay == 0 || len(a.Ledgers) == 0 {
		return
	}
	replaceSchedule(a, sim.PaymentSchedule{ID: nextID(81700, scheduleIDs(w)), LedgerNumber: a.Ledgers[0].Number, ValidFrom: from,
		Reason: "GENERAL_ACCOUNT_PAYMENT", PaymentDay: a.Sale.PaymentDay, PaymentFrequency: "Monthly", PaymentFrequencyMultiplier: 1,
		IsVariablePaymentAmount: true, ScheduleType: "DIRECT_DEBIT"})
}

// saleStart is the day the supply an Octopus sign-up prepared is to start while it is
// not yet switching (ok false otherwise): the preferred day, while the supply start
// rule (ssdRule) still allows it, else the first day it allows two weeks on
// (defaultSwitchDays), as enrollment starts a switch with no day asked for.
func saleStart(w *env, a *sim.Account) (string, bool) {
	if a.Sale == nil || !a.Sale.EnrolledAt.IsZero() {
		return "", false
	}
	rule := newSsdRule(w.today(), "", workdays.For(w.zone))
	if d := a.Sale.PreferredSSD; d != "" && rule.refusal(d) == "" {
		return d, true
	}
	days := rule.dates()
	for _, d := range days {
		if d >= addDays(w.today(), defaultSwitchDays) {
			return d, true
		}
	}
	if len(days) > 0 {
		return days[len(days)-1], true
	}
	return "", true
}

// switchedMeterSerial is the serial number of the meter at an Australian supply a switch
// brings, which its registration's completion tells the supplier: an electricity
// meter's two digits of the year before it was fitted, a letter and seven digits
// (19L3471092), a gas meter's its size and eight (G4A00981234), the same for the supply
// each time.
func switchedMeterSerial(identifier, fitted string, gas bool) string {
	h := fake.HashStrings("switched meter", identifier)
	if gas {
		return fmt.Sprintf("G4%c%08d", 'A'+rune(h%26), h/26%100000000)
	}
	year := 0
	if len(fitted) >= 4 {
		year, _ = strconv.Atoi(fitted[:4])
	}
	return fmt.Sprintf("%02d%c%07d", (year+99)%100, 'A'+rune(h%26), h/26%10000000)
}

// reverseEnrollment (Origin's) undoes a switch whose supplies have started, within
// reversalDays, cancelling its rewards for joining not yet paid (lapseRewards):
// KT-CT-10318 for a number none of the viewer's accounts has, KT-CT-10350
// for one that can still be cancelled, KT-CT-10351 for one cancelled, KT-CT-10349 for
// one reversed already, KT-CT-10354 past the cut-off.
func reverseEnrollment(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	w := newEnv(c)
	held, jp, err := viewersSwitch(c, w, in)
	if err != nil {
		return nil, err
	}
	switch jp.Status {
	case "CANCELLED":
		return nil, c.ValidationError("KT-CT-10351", "The switch "+jp.Number+" was cancelled.", "input", "number")
	case "REVERSED":
		return nil, c.ValidationError("KT-CT-10349", "The switch "+jp.Number+" was reversed already.", "input", "number")
	}
	day := today(c)
	start := ""
	for _, s := range accountSupplies(held, day) {
		if s.start != "" && (start == "" || s.start < start) {
			start = s.start
		}
	}
	switch {
	case start == "" || start > day:
		return nil, c.ValidationError("KT-CT-10350", "The switch "+jp.Number+" has not started; cancel it instead.", "input", "number")
	case addDays(start, reversalDays) < day:
		return nil, c.ValidationError("KT-CT-10354", "The switch started on "+start+"; it could be reversed until "+addDays(start, reversalDays)+".", "input", "number")
	}
	a := c.Session.World().MutableAccount(held.Number)
	next := *jp
	next.Status, next.ReversedAt, next.ReversalReason = "REVERSED", c.Session.Now().UTC().Truncate(time.Second), sim.Clip(str(in, "reversalReason"), 500)
	a.JoinProcess = &next
	lapseRewards(a)
	if a.Status == "PENDING" { // supplied by now, it was active; else the switch never began
		a.Status = map[bool]string{true: "ACTIVE", false: "WITHDRAWN"}[a.StatusOn(day) == "ACTIVE"]
	}
	end := addDays(day, 1)
	for i := range a.Properties {
		p := &a.Properties[i]
		if p.MovedIn {
			continue
		}
		for j := range p.ElectricityMeterPoints {
			mp := &p.ElectricityMeterPoints[j]
			mp.Status, mp.Agreements = "WITHDRAWN", endAgreements(mp.Agreements, end)
		}
		for j := range p.GasMeterPoints {
			mp := &p.GasMeterPoints[j]
			mp.Status, mp.Agreements = "WITHDRAWN", endAgreements(mp.Agreements, end)
		}
		if p.OccupiedTo == "" {
			p.OccupiedTo = day
		}
	}
	return obj{"message": "The switch " + next.Number + " is reversed.", "enrollmentProcess": joinProcessMap(w, a, &next)}, nil
}
