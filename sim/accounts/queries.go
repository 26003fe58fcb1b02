package accounts

import (
	"cmp"
	"context"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/krakensim/krakensim/sim"
)

// viewer is the signed-in user.
func viewer(_ context.Context, c *sim.Call) (any, error) {
	u, _, err := c.Viewer()
	if err != nil {
		return nil, err
	}
	return userMapOf(newEnv(c), u, c.Field), nil
}

// account is one account the viewer may read; any other number is unauthorized.
func account(_ context.Context, c *sim.Call) (any, error) {
	_, a, err := readable(c, c.StringArg("accountNumber"), "", "")
	if err != nil {
		return nil, err
	}
	return accountMapOf(newEnv(c), a, c.Field), nil
}

// getUsersForAccounts (Origin's) is the users of each account named that the viewer may
// read, each once, in the order the accounts are named: an account the viewer may not
// read (another's, or one no one holds) is refused as account refuses it, and a list
// naming none KT-AU-5412.
func getUsersForAccounts(_ context.Context, c *sim.Call) (any, error) {
	e := newEnv(c)
	numbers, _ := c.Arg("accountNumbers").([]any)
	out := []any{}
	seen := map[string]bool{}
	found := false
	for _, n := range numbers {
		number, ok := n.(string)
		if !ok {
			continue
		}
		found = true
		_, a, err := readable(c, number, "", "")
		if err != nil {
			return nil, err
		}
		for _, u := range e.AccountUsers(a.Number) {
			if !seen[u.ID] {
				seen[u.ID] = true
				out = append(out, userMapOf(e, u, c.Field))
			}
		}
	}
	if !found {
		if _, _, err := c.Viewer(); err != nil {
			return nil, err
		}
		return nil, c.Error("KT-AU-5412")
	}
	return out, nil
}

// accounts finds the viewer's accounts by a user's phone number or by their portfolio's
// number; exactly one of phoneNumber and portfolioNumber must be given.
func accounts(_ context.Context, c *sim.Call) (any, error) {
	phone, hasPhone := strPtr(c.Field.Args, "phoneNumber")
	portfolio, hasPortfolio := strPtr(c.Field.Args, "portfolioNumber")
	if hasPhone == hasPortfolio {
		return nil, c.Error("KT-CT-4184")
	}
	u, _, err := c.Viewer()
	if err != nil {
		return nil, err
	}
	e := newEnv(c)
	out := []any{}
	if hasPortfolio {
		for _, a := range e.Accounts {
			if a != nil && strings.EqualFold(strings.TrimSpace(portfolio), portfolioNumber(a)) && u.CanAccess(a.Number) {
				out = append(out, accountMap(e, a))
			}
		}
		return out, nil
	}
	want := digits(phone)
	seen := map[string]bool{}
	others := false
	for _, owner := range e.Users {
		if owner == nil || want == "" || (digits(owner.Mobile) != want && digits(owner.Landline) != want) {
			continue
		}
		for _, n := range owner.AccountNumbers {
			if seen[n] {
				continue
			}
			seen[n] = true
			if !u.CanAccess(n) {
				others = true
				continue
			}
			if a := e.Account(n); a != nil {
				out = append(out, accountMap(e, a))
			}
		}
	}
	if len(out) == 0 && others {
		return nil, c.Error(codeUnauthorized)
	}
	return out, nil
}

// digits keeps a phone number's digits, reading +44 as a leading 0.
func digits(s string) string {
	s = strings.TrimSpace(s)
	if rest, ok := strings.CutPrefix(s, "+44"); ok {
		s = "0" + rest
	}
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// property is one property on an account the viewer may read: by its id, or (Origin)
// the home supplied today through the meter point with the NMI or MIRN.
func property(_ context.Context, c *sim.Call) (any, error) {
	u, _, err := c.Viewer()
	if err != nil {
		return nil, err
	}
	e := newEnv(c)
	a, p := e.Property(c.StringArg("id"))
	if nmi := strings.TrimSpace(c.StringArg("nmi")); p == nil && nmi != "" {
		if held, mp := e.ElectricityMeterPoint(nmi); mp != nil {
			a, p = held, propertyOf(held, mp.ID)
		}
	}
	if mirn := strings.TrimSpace(c.StringArg("mirn")); p == nil && mirn != "" {
		if held, mp := e.GasMeterPoint(mirn); mp != nil {
			a, p = held, propertyOf(held, mp.ID)
		}
	}
	if p == nil || !u.CanAccess(a.Number) {
		return nil, c.Error(codeUnauthorized)
	}
	return propertyMap(e, a, p), nil
}

// properties lists an account's properties; active keeps those still occupied.
func properties(_ context.Context, c *sim.Call) (any, error) {
	_, a, err := readable(c, c.StringArg("accountNumber"), codeUnauthorized, "")
	if err != nil {
		return nil, err
	}
	e := newEnv(c)
	active, _ := c.Arg("active").(bool)
	out := []any{}
	for i := range a.Properties {
		p := &a.Properties[i]
		if to := occupiedTo(a, p); active && to != "" && to < e.today() {
			continue
		}
		out = append(out, propertyMap(e, a, p))
	}
	return out, nil
}

// meterPoints finds a meter point by MPAN or MPRN on the viewer's accounts; null when
// no meter point has it.
func meterPoints(_ context.Context, c *sim.Call) (any, error) {
	u, _, err := c.Viewer()
	if err != nil {
		return nil, err
	}
	e := newEnv(c)
	if mpan := c.StringArg("mpan"); mpan != "" {
		a, mp := e.ElectricityMeterPoint(mpan)
		if mp == nil {
			return nil, nil
		}
		if !u.CanAccess(a.Number) {
			return nil, c.Error(codeUnauthorized)
		}
		return electricityPoint(e, a, mp), nil
	}
	if mprn := c.StringArg("mprn"); mprn != "" {
		a, mp := e.GasMeterPoint(mprn)
		if mp == nil {
			return nil, nil
		}
		if !u.CanAccess(a.Number) {
			return nil, c.Error(codeUnauthorized)
		}
		return gasPoint(e, a, mp), nil
	}
	return nil, nil
}

// accountReference lists the references carrying value on the viewer's accounts.
func accountReference(_ context.Context, c *sim.Call) (any, error) {
	u, _, err := c.Viewer()
	if err != nil {
		return nil, err
	}
	value := strings.TrimSpace(c.StringArg("value"))
	if value == "" {
		return nil, c.ValidationError("KT-CT-8310", "A reference value is required.", "value")
	}
	e := newEnv(c)
	out := []any{}
	for _, n := range u.AccountNumbers {
		a := e.Account(n)
		if a == nil {
			continue
		}
		for _, r := range a.References {
			if r.Value == value {
				out = append(out, referenceMap(e, a, r))
			}
		}
	}
	return out, nil
}

// metadata lists what is attached to an account (by number) or an account user (by id
// or email) the viewer may read.
func metadata(_ context.Context, c *sim.Call) (any, error) {
	u, _, err := c.Viewer()
	if err != nil {
		return nil, err
	}
	owner, err := metadataOwner(c, u, c.StringArg("linkedObjectType"), c.StringArg("identifier"), codeUnauthorized, false)
	if err != nil {
		return nil, err
	}
	return metadataList(*owner), nil
}

// metadataOwner finds the metadata list of the linked object, checking the viewer may
// touch it; the object type defaults from the identifier's shape. With write, the list
// is the session's own copy to change.
func metadataOwner(c *sim.Call, u *sim.User, kind, identifier, unauthorized string, write bool) (*[]sim.Metadata, error) {
	w := c.Session.World()
	if kind == "" {
		kind = "ACCOUNT_USER"
		if strings.HasPrefix(identifier, "A-") {
			kind = "ACCOUNT"
		}
	}
	if kind == "ACCOUNT" {
		a := w.Account(identifier)
		if a == nil || !u.CanAccess(identifier) {
			return nil, c.Error(unauthorized)
		}
		if write {
			a = w.MutableAccount(a.Number)
		}
		return &a.Metadata, nil
	}
	if identifier != u.ID && !strings.EqualFold(identifier, u.Email) {
		return nil, c.Error(unauthorized)
	}
	if write {
		u = w.MutableUser(u.ID)
	}
	return &u.Metadata, nil
}

// goodsQuotes lists the quotes of an account, the quote with a code, or, with neither,
// every quote on the viewer's accounts.
func goodsQuotes(_ context.Context, c *sim.Call) (any, error) {
	u, _, err := c.Viewer()
	if err != nil {
		return nil, err
	}
	number, code := c.StringArg("accountNumber"), c.StringArg("quoteCode")
	if number != "" && !u.CanAccess(number) {
		return nil, c.Error(codeUnauthorized)
	}
	e := newEnv(c)
	out := []any{}
	for _, q := range e.GoodsQuotes {
		if q == nil || (number != "" && q.AccountNumber != number) || (code != "" && !strings.EqualFold(q.Code, code)) {
			continue
		}
		if q.AccountNumber != "" && !u.CanAccess(q.AccountNumber) {
			continue
		}
		out = append(out, quoteMap(q, e.now, e.zone))
	}
	return out, nil
}

// goodsPurchases lists an account's goods purchases, newest first.
func goodsPurchases(_ context.Context, c *sim.Call) (any, error) {
	_, a, err := readable(c, c.StringArg("accountNumber"), codeUnauthorized, "")
	if err != nil {
		return nil, err
	}
	out := []any{}
	for i := len(a.GoodsPurchases) - 1; i >= 0; i-- {
		out = append(out, purchaseMap(a, &a.GoodsPurchases[i], c.Session.Zone()))
	}
	return out, nil
}

// loyaltyPointLedgers lists the loyalty-point movements of the viewer, or of the user
// Origin's input names (KT-CT-1111 for one who shares no account with the viewer),
// newest first; a balance the fixtures give without movements shows as one opening entry.
func loyaltyPointLedgers(_ context.Context, c *sim.Call) (any, error) {
	u, _, err := c.Viewer()
	if err != nil {
		return nil, err
	}
	if id := strings.TrimSpace(c.StringArg("input.accountUserId")); id != "" {
		if u, err = sharedUser(c, id); err != nil || u == nil {
			return nil, cmp.Or(err, c.Error(c.UnauthorizedCode()))
		}
	}
	out := []any{}
	for _, en := range slices.Backward(newEnv(c).loyaltyEntries(u)) { // newest first, as Kraken lists them
		out = append(out, loyaltyEntryMap(en, c.Session.Zone()))
	}
	return out, nil
}

// loyaltyEntryMap is a LoyaltyPointLedgerEntryType: a CREDIT or a CHARGE, as the SDL
// says, of the points it moved (its value unsigned, the type saying which way).
func loyaltyEntryMap(en sim.LoyaltyPointEntry, zone *time.Location) obj {
	kind, value := "CREDIT", en.Value
	if value < 0 {
		kind, value = "CHARGE", -value
	}
	return obj{
		"id": en.ID, "ledgerType": kind, "value": itoa(value),
		"balanceBroughtForward": itoa(en.BalanceBroughtForward), "balanceCarriedForward": itoa(en.BalanceCarriedForward),
		"reasonCode": orNil(en.ReasonCode), "postedAt": dateTime(en.PostedAt, zone), "accountNumber": orNil(en.AccountNumber),
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// sharesAccount reports whether the viewer may read a user: themselves, or a user of an
// account they may read.
func sharesAccount(viewer, u *sim.User) bool {
	if viewer == u {
		return true
	}
	return slices.ContainsFunc(u.AccountNumbers, viewer.CanAccess)
}

// accountUserFromAccountNumber answers Origin's accountUserFromAccountNumber(input:):
// the user of an account the viewer may read with the email given, else its first
// user; KT-CT-4178 for an account state does not hold.
func accountUserFromAccountNumber(_ context.Context, c *sim.Call) (any, error) {
	_, a, err := readable(c, strings.TrimSpace(c.StringArg("input.accountNumber")), "", "KT-CT-4178")
	if err != nil {
		return nil, err
	}
	w := newEnv(c)
	users := w.AccountUsers(a.Number)
	if len(users) == 0 {
		return nil, nil
	}
	email := strings.TrimSpace(c.StringArg("input.emailAddress"))
	for _, u := range users {
		if email != "" && strings.EqualFold(u.Email, email) {
			return userMap(w, u), nil
		}
	}
	return userMap(w, users[0]), nil
}

// accountUser answers Origin's accountUser(input:): the user with the id or email given,
// the viewer when neither is; KT-CT-1111 for one the viewer may not read or state does
// not hold.
func accountUser(_ context.Context, c *sim.Call) (any, error) {
	viewer, _, err := c.Viewer()
	if err != nil {
		return nil, err
	}
	w := newEnv(c)
	u := viewer
	if id := strings.TrimSpace(c.StringArg("input.accountUserId")); id != "" {
		u = w.User(id)
	} else if email := strings.TrimSpace(c.StringArg("input.accountUserEmail")); email != "" {
		u = w.UserByEmail(email)
	}
	if u == nil || !sharesAccount(viewer, u) {
		return nil, c.Error(codeUnauthorized)
	}
	return userMap(w, u), nil
}

// userSyncPayload (Origin's) is a user's sync profile built from the session's world:
// their names and contact details, family issues flag, roles and accounts. Exactly one
// of accountUserId and accountUserEmail names the user (KT-AU-5415), one who exists
// (KT-CT-5412) and is the viewer or shares an account with them (Unauthorized
// otherwise); its accounts page by first alone (KT-AU-5410).
func userSyncPayload(_ context.Context, c *sim.Call) (any, error) {
	viewer, _, err := c.Viewer()
	if err != nil {
		return nil, err
	}
	in := input(c)
	id, byID := strPtr(in, "accountUserId")
	email, byEmail := strPtr(in, "accountUserEmail")
	if byID == byEmail {
		return nil, c.Error("KT-AU-5415")
	}
	w := c.Session.World()
	u := w.User(id)
	if byEmail {
		u = w.UserByEmail(email)
	}
	if u == nil {
		return nil, c.Error("KT-CT-5412")
	}
	if u.ID != viewer.ID && !slices.ContainsFunc(u.AccountNumbers, viewer.CanAccess) {
		return nil, c.Error(codeUnauthorized)
	}
	e := newEnv(c)
	var issues any
	if f := u.FamilyIssues; f != nil {
		issues = obj{"notSafeToSendFdvPolicy": f.NotSafeToSendFdvPolicy, "notSafeToReceiveMoveInComms": f.NotSafeToReceiveMoveInComms}
	}
	var accountRoles, portfolioRoles, accounts []any
	for _, n := range u.AccountNumbers {
		a := w.Account(n)
		if a == nil {
			continue
		}
		accountRoles = append(accountRoles, obj{"accountNumber": a.Number, "role": "ADMIN"})
		for _, role := range rolesOn(u, a.Number) {
			portfolioRoles = append(portfolioRoles, obj{"portfolioId": portfolioID(a), "portfolioNumber": portfolioNumber(a), "role": role})
		}
		m := accountMap(e, a)
		var linked []any
		for _, o := range e.AccountUsers(a.Number) {
			linked = append(linked, o.ID)
		}
		sync := obj{"linkedUserIds": linked, "portfolioNumber": portfolioNumber(a), "business": nil, "agreements": []any{}}
		for _, k := range []string{"number", "brand", "accountType", "status", "commsDeliveryPreference", "billingAddressLine1",
			"billingAddressLine2", "billingAddressLine3", "billingAddressLine4", "billingAddressLine5", "billingPostcode"} {
			sync[k] = m[k]
		}
		accounts = append(accounts, sync)
	}
	return obj{
		"accountUserId": u.ID, "givenName": u.GivenName, "familyName": u.FamilyName, "dateOfBirth": orNil(u.DateOfBirth),
		"hasFamilyIssues": u.FamilyIssues != nil, "familyIssues": issues,
		"email": u.Email, "mobile": orNil(u.Mobile), "landline": orNil(u.Landline), "alternativePhoneNumbers": []any{},
		"accountUserRoles": orEmpty(accountRoles), "portfolioUserRoles": orEmpty(portfolioRoles), "businessUserRoles": []any{},
		"accounts": sim.Lazy(func(args map[string]any) (any, error) {
			for _, k := range []string{"offset", "before", "after", "last"} {
				if args[k] != nil {
					return nil, c.Error("KT-AU-5410")
				}
			}
			return connection(e, orEmpty(accounts), args)
		}),
	}, nil
}

// orEmpty is items, or an empty list for none.
func orEmpty(items []any) []any {
	if items == nil {
		return []any{}
	}
	return items
}
