package accounts

import (
	"cmp"
	"context"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/fake"
)

// Moving in: a new occupier takes over a home's supplies from the day they move in
// (moveInCreateCustomer), once its occupier has left (moveOut) or as the occupier is
// moved out the day before (forceMoveIn, the occupier's own request). The newcomer gets
// a user and an account of their own: the home again (a property of the account's, its
// meter points the same supplies, MPANs and MPRNs, and meters), on the product asked for
// or the tenant's default (Flexible), each supply on its tariff of the meter's kind in
// the home's region from the move-in day. A newcomer with an email is sent a link to set
// a password; one without (forceMoveIn names no email) gets a placeholder (blackhole)
// address until registerEmail or updateBlackholeEmail gives a real one, which is sent
// the link then; the letter's key (scope UPDATE_BLACKHOLE_EMAIL) signs in for 30 days, to
// do that alone.
// Lookups of a supply by MPAN or MPRN answer its occupier.

// defaultProduct is the product a newcomer is supplied on when none is asked for.
const defaultProduct = "VAR-22-11-01"

// letterKeyLifetime is how long the key a newcomer's letter gives signs them in.
const letterKeyLifetime = 30 * 24 * time.Hour

// blackholeDomain is the domain of the placeholder addresses of users with no email.
const blackholeDomain = "blackhole.krakensim.invalid"

// hasBlackholeEmail reports whether the user's address is a placeholder.
func hasBlackholeEmail(u *sim.User) bool {
	return strings.HasSuffix(strings.ToLower(u.Email), "@"+blackholeDomain)
}

// moveInPlan is a checked move in, made by apply.
type moveInPlan struct {
	user    *sim.User
	account *sim.Account
	// occupier is the unclaimed occupier account the newcomer takes the home over from.
	occupier *sim.Account
}

// planMoveIn checks a newcomer's move into property id on date: the home must be empty
// then (or be left the day before, when vacating is the occupier moving out with it),
// the names given, an email (when required, or given) valid and no user's, the product
// one that supplies each of the home's supplies. refuse reports a problem with an input
// field; taken is the code for an email already in use.
func planMoveIn(c *sim.Call, in map[string]any, vacating bool, emailRequired bool, refuse func(msg string, path ...any) error, taken string) (*moveInPlan, error) {
	w := c.Session.World()
	id := str(in, "propertyId")
	held, p := w.Property(id)
	if p == nil {
		return nil, refuse("No property has id "+id+".", "propertyId")
	}
	date, ok := parseDate(in["moveInDate"])
	switch {
	case !ok:
		return nil, refuse("moveInDate is no date.", "moveInDate")
	case date > addDays(today(c), 90):
		return nil, refuse("A move in is arranged at most 90 days ahead.", "moveInDate")
	case !vacating && !held.Occupier && (p.OccupiedTo == "" || p.OccupiedTo >= date):
		return nil, refuse("The home is occupied on "+date+"; its occupier moves out first.", "moveInDate")
	}
	occupier := unclaimedOccupier(w, p, date)
	if held.Occupier && p.OccupiedFrom > date {
		return nil, refuse("The home is occupied on "+date+"; its occupier moves out first.", "moveInDate")
	}
	for _, mpxn := range supplyIDs(p) {
		if a := supplyOccupier(w, mpxn, date); a != nil && a.Number != held.Number && a != occupier {
			return nil, refuse("Someone else has moved into the home by "+date+".", "moveInDate")
		}
	}
	given, family := strings.TrimSpace(str(in, "givenName")), strings.TrimSpace(str(in, "familyName"))
	for k, v := range map[string]string{"givenName": given, "familyName": family} {
		if v == "" || len(v) > 100 {
			return nil, refuse("Enter the "+map[string]string{"givenName": "given", "familyName": "family"}[k]+" name (up to 100 characters).", k)
		}
	}
	email := strings.TrimSpace(str(in, "email"))
	switch {
	case email == "" && emailRequired, email != "" && (!validEmail(email) || len(email) > 254):
		return nil, refuse("Enter a valid email address.", "email")
	case email != "" && w.UserByEmail(email) != nil:
		return nil, c.ValidationError(taken, "This email address is already in use.", "input", "email")
	}
	ids := w.IDs()
	u := &sim.User{ID: ids.Next("user"), Email: email, GivenName: given, FamilyName: family}
	if email == "" {
		u.Email = "user-" + u.ID + "@" + blackholeDomain
	}
	details := map[string]any{}
	for _, k := range []string{"mobile", "dateOfBirth"} {
		if v, ok := in[k]; ok && v != nil {
			details[k] = v
		}
	}
	if err := applyUserDetails(c, u, details, "KT-GB-5416", taken); err != nil {
		return nil, err
	}
	product := cmp.Or(strings.TrimSpace(str(in, "productCode")), defaultProduct)
	if !knownProduct(newEnv(c), product) {
		return nil, refuse("No product has the code "+product+".", "productCode")
	}
	home := sim.Property{ID: ids.Next("property"), Address: p.Address, PropertyType: p.PropertyType, OccupiedFrom: date, EmbeddedNetwork: p.EmbeddedNetwork, MovedIn: true}
	if bad, fuel := newcomerSupplies(c, p, &home, date, defaultProduct, func(string, bool) string { return product }); bad != "" {
		return nil, refuse("The product "+product+" does not supply the home's "+strings.ToLower(fuel)+" meter.", "productCode")
	}
	a := &sim.Account{
		Number: w.NewAccountNumber("move-in", u.ID, id, date), Status: "ACTIVE", AccountType: "DOMESTIC", Brand: held.Brand,
		CreatedAt: c.Session.Now().UTC(), BillingName: given + " " + family, BillingEmail: email, BillingAddress: p.Address,
		CommsDeliveryPreference: "EMAIL", Properties: []sim.Property{home},
	}
	if date > today(c) {
		a.Status = "PENDING"
	}
	a.Ledgers = []sim.Ledger{{ID: ids.Next("ledger"), Number: sim.LedgerNumber(a.Number, 0), Name: "Main Ledger", LedgerType: "GENERAL_LEDGER"}}
	u.AccountNumbers = []string{a.Number}
	return &moveInPlan{user: u, account: a, occupier: occupier}, nil
}

// apply makes the newcomer's user and account, and emails them a link to set a password.
func (m *moveInPlan) apply(c *sim.Call) {
	w := c.Session.World()
	if m.occupier != nil {
		giveWay(c, m.occupier, m.account.Properties[0].OccupiedFrom)
	}
	w.AddUser(m.user)
	w.AddAccount(m.account)
	if !hasBlackholeEmail(m.user) {
		welcome(c, m.user, m.account)
		return
	}
	// A newcomer with no address is written to at the home, with a key that signs them
	// in to register one.
	k, err := addScopedKey(c, m.user, "UPDATE_BLACKHOLE_EMAIL", letterKeyLifetime)
	if err != nil {
		return
	}
	key := k.Key
	a := m.account
	to := strings.Join(append([]string{a.BillingName}, linesOf(a.BillingAddress)...), ", ")
	url := link(c, "/register/?key="+key)
	w.AddMessage(&sim.Message{
		To: to, Subject: "Welcome to your new home's energy", SentAt: c.Session.Now().Truncate(time.Second),
		Body: "Your account " + a.Number + " supplies this home from " + a.Properties[0].OccupiedFrom + ". Sign in at " + url + " to give us your email address.",
		Data: map[string]string{"accountNumber": a.Number, "preSignedKey": key, "link": url},
	})
}

// welcome gives the user a password reset and emails it as a welcome to the account.
func welcome(c *sim.Call, u *sim.User, a *sim.Account) {
	_ = emailReset(c, u, "Welcome to your new home's energy", func(url string) string {
		return "Your account " + a.Number + " supplies " + strings.Join(a.BillingAddress.Lines, ", ") + ". Set a password to sign in within three days at " + url + "."
	}, map[string]string{"accountNumber": a.Number})
}

// newcomerSupplies copies the home p's supplies to a newcomer's property from date: each
// on the product choose picks for it (none for ""), on its tariff of the meter's kind in
// the home's region, rolling onto variable at the end of a fixed term (rollOver), with
// its meters' readings from date. It answers the identifier and
// fuel of a supply the product picked does not supply ("" for none).
func newcomerSupplies(c *sim.Call, p, home *sim.Property, date, variable string, choose func(mpID string, electricity bool) string) (bad, fuel string) {
	ids, agreed, zone := c.Session.World().IDs(), c.Session.Now(), c.Session.Zone()
	w, held := newEnv(c), c.Session.World()
	owner, _ := held.Property(p.ID)
	start, _ := dayStart(date, zone)
	for _, mp := range p.ElectricityMeterPoints {
		product := choose(mp.ID, true)
		if product == "" {
			continue
		}
		ag, ok := newcomerAgreement(ids, mp.Agreements, true, product, supplyRegion(p.Address.CountryCode, p.Address.Postcode, mp.Identifier()), date, agreed)
		if !ok {
			return mp.Identifier(), "ELECTRICITY"
		}
		mp.ID, mp.Agreements, mp.Meters = ids.Next("meterPoint"), rollOver(ids, []sim.Agreement{ag}, ag, variable), meterReadingsFrom(mp.Meters, date, zone)
		for k := range mp.Meters {
			m := &mp.Meters[k]
			m.Readings = tenancyRead(w, owner, m.ID, m.IsDigital || smetsGeneration(m.MeterType) != "", start, m.Readings)
		}
		home.ElectricityMeterPoints = append(home.ElectricityMeterPoints, mp)
	}
	for _, mp := range p.GasMeterPoints {
		product := choose(mp.ID, false)
		if product == "" {
			continue
		}
		ag, ok := newcomerAgreement(ids, mp.Agreements, false, product, supplyRegion(p.Address.CountryCode, p.Address.Postcode, mp.Identifier()), date, agreed)
		if !ok {
			return mp.Identifier(), "GAS"
		}
		mp.ID, mp.Agreements, mp.Meters = ids.Next("meterPoint"), rollOver(ids, []sim.Agreement{ag}, ag, variable), gasReadingsFrom(mp.Meters, date, zone)
		for k := range mp.Meters {
			m := &mp.Meters[k]
			m.Readings = tenancyRead(w, owner, m.ID, m.IsDigital, start, m.Readings)
		}
		home.GasMeterPoints = append(home.GasMeterPoints, mp)
	}
	return "", ""
}

// tenancyRead adds to a newcomer's readings of a meter the change of tenancy reading at
// at, the start of their move-in day: what its register showed then to the account that
// held the home (a), so that the newcomer's register goes on from the same value; a
// smart meter's is read (SMART, to the watt-hour or litre, as that account's closing
// reading is), a meter read by hand's estimated (ESTIMATE, in whole units, as its dial
// shows them). A meter read then already gets none.
func tenancyRead(w *env, a *sim.Account, meterID string, smart bool, at time.Time, readings []sim.MeterReading) []sim.MeterReading {
	if a == nil || slices.ContainsFunc(readings, func(r sim.MeterReading) bool { return r.ReadAt.Equal(at) }) {
		return readings
	}
	view := meterOf(w, a, meterID)
	if view.value == nil {
		return readings
	}
	v, source := math.Round(view.value(at)*1000)/1000, "SMART"
	if !smart {
		v, source = math.Floor(view.value(at)), "ESTIMATE"
	}
	if v < 0 {
		return readings
	}
	return append(readings, sim.MeterReading{ID: meterID + strings.ReplaceAll(at.Format(time.DateOnly), "-", ""), ReadAt: at.UTC(), Register: "1", Value: v, Source: source})
}

// newcomerAgreement is a supply's agreement on product from date: on the product's tariff
// of the meter's kind (the last agreement's, else a single rate) in the supply's region
// (the last agreement's, else region).
func newcomerAgreement(ids sim.IDs, ags []sim.Agreement, electricity bool, product, region, date string, agreed time.Time) (sim.Agreement, bool) {
	prefix := fuelPrefix(electricity) + "1R-"
	if n := len(ags); n > 0 {
		prefix, region = tariffShape(ags[n-1].TariffCode)
	}
	if !productSupplies(product, prefix) {
		if prefix = fuelPrefix(electricity) + "1R-"; !productSupplies(product, prefix) {
			return sim.Agreement{}, false
		}
	}
	return agreementOn(ids, prefix, region, product, date, agreed), true
}

// supplyRegion is the region a supply's tariff is priced in: in Australia the network
// that owns its NMI or MIRN, else the GSP group of its postcode (C for none).
func supplyRegion(country, postcode, identifier string) string {
	if n, ok := fake.NetworkOf(identifier); ok && country == "AU" {
		return n.ID
	}
	return cmp.Or(gspOf(postcode), "C")
}

// meterReadingsFrom are the meters with the readings taken on or after date.
func meterReadingsFrom(ms []sim.ElectricityMeter, date string, zone *time.Location) []sim.ElectricityMeter {
	return withReadingsFrom(ms, func(m *sim.ElectricityMeter) *[]sim.MeterReading { return &m.Readings }, date, zone)
}

func gasReadingsFrom(ms []sim.GasMeter, date string, zone *time.Location) []sim.GasMeter {
	return withReadingsFrom(ms, func(m *sim.GasMeter) *[]sim.MeterReading { return &m.Readings }, date, zone)
}

// withReadingsFrom copies meters, keeping the readings taken on or after date.
func withReadingsFrom[M any](ms []M, readings func(*M) *[]sim.MeterReading, date string, zone *time.Location) []M {
	out := slices.Clone(ms)
	for i := range out {
		rs := readings(&out[i])
		var kept []sim.MeterReading
		for _, r := range *rs {
			if r.ReadAt.In(zone).Format(time.DateOnly) >= date {
				kept = append(kept, r)
			}
		}
		*rs = kept
	}
	return out
}

// supplyIDs are a property's MPANs (NMIs) and MPRNs (MIRNs).
func supplyIDs(p *sim.Property) []string {
	var out []string
	for i := range p.ElectricityMeterPoints {
		out = append(out, p.ElectricityMeterPoints[i].Identifier())
	}
	for i := range p.GasMeterPoints {
		out = append(out, p.GasMeterPoints[i].Identifier())
	}
	return out
}

// supplyOccupier is the account occupying a home with the supply mpxn on date or later,
// or nil.
func supplyOccupier(w *sim.World, mpxn, date string) *sim.Account {
	for _, a := range w.Accounts {
		if a == nil {
			continue
		}
		for i := range a.Properties {
			p := &a.Properties[i]
			if (p.OccupiedTo == "" || p.OccupiedTo >= date) && containsSupply(p, mpxn) {
				return a
			}
		}
	}
	return nil
}

func containsSupply(p *sim.Property, mpxn string) bool {
	for _, id := range supplyIDs(p) {
		if id == mpxn {
			return true
		}
	}
	return false
}

// moveInCreateCustomer moves a new customer into an empty home.
func moveInCreateCustomer(_ context.Context, c *sim.Call) (any, error) {
	refuse := func(msg string, path ...any) error {
		return c.ValidationError("KT-GB-5416", msg, append([]any{"input"}, path...)...)
	}
	plan, err := planMoveIn(c, input(c), false, true, refuse, "KT-CT-4111")
	if err != nil {
		return nil, err
	}
	plan.apply(c)
	return obj{"accountNumber": plan.account.Number}, nil
}

// forceMoveIn moves the viewer's account out of a home the day before a named customer
// moves in.
func forceMoveIn(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	_, held, err := readable(c, str(in, "accountNumber"), "", "")
	if err != nil {
		return nil, err
	}
	refuse := func(msg string, path ...any) error {
		return c.ValidationError("KT-GB-6628", msg, append([]any{"input"}, path...)...)
	}
	date, ok := parseDate(in["moveInDate"])
	if !ok {
		return nil, refuse("moveInDate is no date.", "moveInDate")
	}
	i, err := leaving(c, held, str(in, "propertyId"), addDays(date, -1), "moveInDate", refuse)
	if err != nil {
		return nil, err
	}
	plan, err := planMoveIn(c, in, true, false, refuse, "KT-GB-6628")
	if err != nil {
		return nil, err
	}
	a := leave(c, held, i, addDays(date, -1))
	plan.apply(c)
	return obj{"account": accountMap(newEnv(c), a)}, nil
}

// blackholeUser is the account's user with a placeholder address, for the registration
// journey of a caller signed in as an organisation or as a user of the account (the
// newcomer, by the key their letter gave): KT-CT-10006 for no such account, KT-GB-5412
// when its users have real ones.
func blackholeUser(c *sim.Call, number string) (*sim.Account, *sim.User, error) {
	claims, err := c.Caller()
	if err != nil {
		return nil, nil, err
	}
	w := c.Session.World()
	a := w.Account(number)
	if a == nil {
		return nil, nil, c.Error("KT-CT-10006")
	}
	if claims.Organization == "" {
		if u := w.User(claims.UserID); u == nil || !u.CanAccess(a.Number) {
			return nil, nil, c.Error(c.UnauthorizedCode())
		}
	}
	for _, u := range w.AccountUsers(a.Number) {
		if hasBlackholeEmail(u) {
			return a, u, nil
		}
	}
	return nil, nil, c.Error("KT-GB-5412")
}

// registerBlackholeEmail gives the account's placeholder user a real address (KT-GB-5413
// for one that is not or is someone's), makes it the account's billing email and sends
// a link to set a password.
func registerBlackholeEmail(c *sim.Call) (*sim.Account, *sim.User, error) {
	in := input(c)
	a, u, err := blackholeUser(c, str(in, "accountNumber"))
	if err != nil {
		return nil, nil, err
	}
	email := strings.TrimSpace(str(in, "email"))
	w := c.Session.World()
	if !validEmail(email) || len(email) > 254 || strings.HasSuffix(strings.ToLower(email), "@"+blackholeDomain) || w.UserByEmail(email) != nil {
		return nil, nil, c.ValidationError("KT-GB-5413", "Enter a valid email address that no other user has.", "input", "email")
	}
	mu := w.MutableUser(u.ID)
	mu.Email = email
	ma := w.MutableAccount(a.Number)
	ma.BillingEmail = email
	welcome(c, mu, ma)
	return ma, mu, nil
}

func blackholeUserMap(u *sim.User) obj {
	return obj{"id": u.ID, "email": u.Email, "hasBlackholeEmail": hasBlackholeEmail(u)}
}

// registerEmail registers the address of a user in the registration journey.
func registerEmail(_ context.Context, c *sim.Call) (any, error) {
	_, u, err := registerBlackholeEmail(c)
	if err != nil {
		return nil, err
	}
	return obj{"blackholeEmailAccountUser": blackholeUserMap(u)}, nil
}

// updateBlackholeEmail replaces an account user's placeholder address.
func updateBlackholeEmail(_ context.Context, c *sim.Call) (any, error) {
	a, u, err := registerBlackholeEmail(c)
	if err != nil {
		return nil, err
	}
	return obj{"blackholeEmailAccountUser": blackholeUserMap(u),
		"blackholeEmailAccount": obj{"id": accountID(a.Number), "number": a.Number, "billingEmail": a.BillingEmail}}, nil
}
