package accounts

import (
	"cmp"
	"encoding/base64"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/fake"
	"github.com/krakensim/krakensim/sim/graphql"
	"github.com/krakensim/krakensim/sim/workdays"
	"github.com/krakensim/krakensim/sim/world"
)

// The builders below turn world state into the executor's object maps, keyed by SDL
// field name. Collections and back references are sim.Lazy, so that only what the
// client selects is built and their arguments are honoured.

type obj = map[string]any

// env is the state the builders read: the session's world and its virtual time.
type env struct {
	*sim.World
	now  time.Time
	zone *time.Location
	sess *sim.Session
	// freeEvents are the free electricity events announced by now, once this call has
	// read them (nil until then).
	freeEvents *[]flexEvent
	maxPage    int
	// call is the resolver call the env serves, which knows who is signed in; nil for an
	// entity found by key.
	call *sim.Call
	// histories are the accounts' ledger histories this call has read.
	histories map[historyKey]*history
	// billings are the accounts' billing this call has worked out.
	billings map[*sim.Account]*billed
	// prepayRuns are the prepayment meters' credit this call has worked out.
	prepayRuns map[*sim.PrepayMeter]prepayRun
	// codes are the products the catalogue and the accounts name, once asked for.
	codes []string
	// control are the accounts' boost charges, suspended spans and car batteries this
	// call has read.
	control map[string]world.CarControl
	// day is today's date, once worked out.
	day string
	// anchored are the envs at the accounts' anchors (atAnchor), by day, once made.
	anchored map[string]*env
	// began is the day the session began, once worked out (anchorDay).
	began string
	// small are the business accounts' de minimis status (smallBusiness), once read.
	small map[string]bool
	// levies are the supplies' tax and levy (pointLevy), by account and meter point,
	// once read.
	levies map[[2]string]levy
	// reviews are the accounts' payment reviews (reviewPayments) this call has made.
	reviews map[*sim.Account]review
}

// levy is a supply's tax factor and whether Climate Change Levy is charged on it; held
// is false for a meter point its account does not hold.
type levy struct {
	tax          float64
	levied, held bool
}

// controlOf is what the account's devices were asked and its car's battery (Control),
// read once a call.
func (w *env) controlOf(a *sim.Account) world.CarControl {
	if c, ok := w.control[a.Number]; ok {
		return c
	}
	if w.control == nil {
		w.control = map[string]world.CarControl{}
	}
	c := w.sess.Control(a.Number)
	w.control[a.Number] = c
	return c
}

func newEnv(c *sim.Call) *env {
	w := sessionEnv(c.Session)
	w.call = c
	return w
}

// viewerEmail is the signed-in user's email; "" when none is known.
func (w *env) viewerEmail() string {
	if w.call == nil {
		return ""
	}
	if u, _, err := w.call.Viewer(); err == nil && u != nil {
		return u.Email
	}
	return ""
}

// today is the session's date, YYYY-MM-DD in the tenant's local time.
func (w *env) today() string {
	if w.day == "" {
		w.day = w.now.In(w.zone).Format(time.DateOnly)
	}
	return w.day
}

// days are the working days of the tenant's banks.
func (w *env) days() *workdays.Calendar { return workdays.For(w.zone) }

// tariffTax is the factor of the tax on energy bought on a tariff: a business product's
// (BUS-…) at the standard rate (20% in Great Britain, whose homes pay 5%), an export's
// none (it is sold, not bought), another's at the tenant's rate for homes.
func (w *env) tariffTax(code string) float64 {
	switch {
	case exportTariff(code):
		return 1
	case businessProduct(code):
		return businessTax(w)
	}
	return w.sess.TaxRate()
}

// accountTax is the factor of the tax on an account's energy: a business account's at
// the standard rate, unless each of its supplies is under HMRC's de minimis level
// (smallBusiness); a household's, and a small business's, at the tenant's rate for homes.
func (w *env) accountTax(a *sim.Account) float64 {
	if a != nil && a.AccountType == "BUSINESS" && !w.smallBusiness(a) {
		return businessTax(w)
	}
	return w.sess.TaxRate()
}

// taxOn is the factor of the tax a's supply on tariff code is charged, as its statements
// charge it: none on an export, else the account's.
func (w *env) taxOn(a *sim.Account, code string) float64 {
	if exportTariff(code) {
		return 1
	}
	return w.accountTax(a)
}

// pointTax is the factor of the tax on a's supply at a meter point (its id, or its MPAN
// or MPRN) on tariff code, as its statements charge it (pointLevy).
func (w *env) pointTax(a *sim.Account, point, code string) float64 {
	tax, _ := w.pointLevy(a, point, code)
	return tax
}

// pointLevy is the factor of the tax on a's supply at a meter point (its id, or its MPAN
// or MPRN) on tariff code, and whether Climate Change Levy is charged on its use, as its
// statements charge them: none on an export, a business's by its own use against de
// minimis (supplyTax), read from its meter in place today; the account's (taxOn),
// without the levy, for a meter point a does not hold.
func (w *env) pointLevy(a *sim.Account, point, code string) (float64, bool) {
	if a == nil || exportTariff(code) {
		return w.taxOn(a, code), false
	}
	key := [2]string{a.Number, point}
	l, ok := w.levies[key]
	if !ok {
		l = w.supplyLevy(a, point)
		if w.levies == nil {
			w.levies = map[[2]string]levy{}
		}
		w.levies[key] = l
	}
	if !l.held {
		return w.taxOn(a, code), false
	}
	return l.tax, l.levied
}

// supplyLevy is pointLevy's tax on a's supply at a meter point, whatever its tariff:
// an account not a business's at the tenant's rate for homes, without reading a meter.
func (w *env) supplyLevy(a *sim.Account, point string) levy {
	today := w.today()
	for _, p := range a.Properties {
		for _, mp := range p.ElectricityMeterPoints {
			if mp.ID != point && mp.Identifier() != point {
				continue
			}
			if exportPoint(&mp) {
				return levy{tax: 1, held: true}
			}
			if a.AccountType != "BUSINESS" {
				return levy{tax: w.sess.TaxRate(), held: true}
			}
			m := world.Meter{Register: mp.Identifier()}
			if k := electricityMeterInPlace(&mp, today); k >= 0 {
				m = electricityRegister(w, a, mp, mp.Meters[k])
			}
			tax, levied := w.supplyTax(a, m, true)
			return levy{tax, levied, true}
		}
		for _, mp := range p.GasMeterPoints {
			if mp.ID != point && mp.Identifier() != point {
				continue
			}
			if a.AccountType != "BUSINESS" {
				return levy{tax: w.sess.TaxRate(), held: true}
			}
			m := world.Meter{Register: mp.Identifier()}
			if k := gasMeterInPlace(&mp, today); k >= 0 {
				m = gasRegister(w, a, mp, mp.Meters[k])
			}
			tax, levied := w.supplyTax(a, m, false)
			return levy{tax, levied, true}
		}
	}
	return levy{}
}

// deMinimisDaily are HMRC's de minimis levels of a business's supply (VAT Notice 701/19),
// in kWh a day: electricity's, then gas's. A supply using less on average is charged as
// a home's, at the reduced rate of VAT and without Climate Change Levy.
var deMinimisDaily = map[bool]float64{true: 33, false: 145}

// deMinimis reports whether the supply whose meter's register m uses (electricity's or
// gas's) uses less a day, over its year, than its fuel's de minimis level.
func deMinimis(w *env, m world.Meter, electricity bool) bool {
	return yearOfUse(w, m)/365.2425 < deMinimisDaily[electricity]
}

// smallBusiness reports whether every supply in place of business account a uses less a
// day, over its year (the estimated annual consumption REST lists), than its fuel's de
// minimis level; read once a call.
func (w *env) smallBusiness(a *sim.Account) bool {
	if small, ok := w.small[a.Number]; ok {
		return small
	}
	if w.small == nil {
		w.small = map[string]bool{}
	}
	// Until known, a register read for its use is taxed as a home's: its tax is not read.
	w.small[a.Number] = true
	today, small := w.today(), true
	for _, p := range a.Properties {
		for _, mp := range p.ElectricityMeterPoints {
			if k := electricityMeterInPlace(&mp, today); k >= 0 && !exportPoint(&mp) {
				small = small && deMinimis(w, electricityRegister(w, a, mp, mp.Meters[k]), true)
			}
		}
		for _, mp := range p.GasMeterPoints {
			if k := gasMeterInPlace(&mp, today); k >= 0 {
				small = small && deMinimis(w, gasRegister(w, a, mp, mp.Meters[k]), false)
			}
		}
	}
	w.small[a.Number] = small
	return small
}

// supplyTax is the factor of the tax on a supply of a's whose meter's register m uses
// (electricity's or gas's) as its statements charge it, and whether Climate Change Levy
// is charged on it: a business's supply at the standard rate, with the levy in Great
// Britain, unless it uses less a day over its year than its fuel's de minimis level, each
// supply decided on its own; anything else's at the tenant's rate for homes.
func (w *env) supplyTax(a *sim.Account, m world.Meter, electricity bool) (float64, bool) {
	if a == nil || a.AccountType != "BUSINESS" || deMinimis(w, m, electricity) {
		return w.sess.TaxRate(), false
	}
	return businessTax(w), fake.Country(w.zone) == "GB"
}

// cclRates are the main rates of Climate Change Levy in pence per kWh (HMRC's Climate
// Change Levy rates), electricity's then gas's, from the day (1 April) each took effect.
var cclRates = []struct {
	from      string
	elec, gas float64
}{
	{"2018-04-01", 0.583, 0.203},
	{"2019-04-01", 0.847, 0.339},
	{"2020-04-01", 0.811, 0.406},
	{"2021-04-01", 0.775, 0.465},
	{"2022-04-01", 0.775, 0.568},
	{"2023-04-01", 0.775, 0.672},
	{"2024-04-01", 0.775, 0.775},
	{"2025-04-01", 0.775, 0.775},
	{"2026-04-01", 0.801, 0.801},
}

// cclRate is the main rate of Climate Change Levy on a fuel on a day (YYYY-MM-DD), in
// pence per kWh: the latest in force (the first before any).
func cclRate(day string, electricity bool) float64 {
	r := cclRates[0]
	for _, c := range cclRates {
		if c.from <= day {
			r = c
		}
	}
	if electricity {
		return r.elec
	}
	return r.gas
}

// businessTax is the factor of the standard rate of tax, on a business's energy: never
// below the rate for homes (Australia's GST is one rate).
func businessTax(w *env) float64 { return max(fake.GoodsTax(w.zone), w.sess.TaxRate()) }

// businessProduct reports whether a product or tariff code is a business one (BUS-…,
// E-1R-BUS-…).
func businessProduct(code string) bool {
	up := strings.ToUpper(code)
	return strings.HasPrefix(up, "BUS") || strings.Contains(up, "-BUS-")
}

// brand is the brand the tenant supplies under (World.Brand).
func (w *env) brand() string { return w.World.Brand() }

// dayOf is the local date a DateTime argument names; today when it names none.
func (w *env) dayOf(v any) string {
	if t, ok := parseTime(v, w.zone); ok {
		return t.In(w.zone).Format(time.DateOnly)
	}
	return w.today()
}

// taxName is the tax on energy where the tenant is: GST in Australia and New Zealand,
// else VAT.
func (w *env) taxName() string {
	if c := fake.Country(w.zone); c == "AU" || c == "NZ" {
		return "GST"
	}
	return "VAT"
}

func orNil(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// dateTime tells an instant as Kraken does: in local time, with its offset.
func dateTime(t time.Time, zone *time.Location) any {
	if t.IsZero() {
		return nil
	}
	return t.In(zone).Format(fake.DateTimeLayout)
}

// dateAsTime turns a YYYY-MM-DD date into the DateTime of its local midnight.
func dateAsTime(d string, zone *time.Location) any {
	if d == "" {
		return nil
	}
	t, ok := dayStart(d, zone)
	if !ok {
		return nil
	}
	return t.Format(fake.DateTimeLayout)
}

// dayStart is the instant a YYYY-MM-DD date starts in zone.
func dayStart(d string, zone *time.Location) (time.Time, bool) {
	t, err := time.ParseInLocation(time.DateOnly, d, zone)
	return t, err == nil
}

// decimal formats a Decimal output as Kraken does, a string with at least one decimal.
func decimal(f float64) string {
	s := strconv.FormatFloat(f, 'f', -1, 64)
	if !strings.Contains(s, ".") {
		s += ".0"
	}
	return s
}

func argString(args map[string]any, key string) string { return str(args, key) }

// accountID is the numeric id of an account, from its hexadecimal number.
func accountID(number string) string {
	n, err := strconv.ParseUint(strings.TrimPrefix(number, "A-"), 16, 64)
	if err != nil {
		return number
	}
	return strconv.FormatUint(n, 10)
}

func idInt(id string) any {
	n, err := strconv.Atoi(id)
	if err != nil {
		return nil
	}
	return n
}

// numericID is a database id as a number when it is one, so that it answers an Int id
// (Origin's MeterPointType.id) as well as an ID; else the id as it is.
func numericID(id string) any {
	if n, err := strconv.Atoi(id); err == nil {
		return n
	}
	return id
}

// userCreated is when a user joined: when the first of their accounts was opened; now
// for a user with none.
func (w *env) userCreated(u *sim.User) any {
	var first time.Time
	for _, n := range u.AccountNumbers {
		if a := w.Account(n); a != nil && !a.CreatedAt.IsZero() && (first.IsZero() || a.CreatedAt.Before(first)) {
			first = a.CreatedAt
		}
	}
	if first.IsZero() {
		first = w.now
	}
	return dateTime(first, w.zone)
}

// userMap is an AccountUserType.
// userCtx is what a user's fields are read from.
type userCtx struct {
	w    *env
	u    *sim.User
	held *heldEntities
}

// Held are what a made-up object under a user may name: the user, and their accounts
// with what each holds but its other users.
func (c *userCtx) Held() []map[string]any {
	if c.held == nil {
		c.held = &heldEntities{}
	}
	if c.held.all != nil {
		return c.held.all
	}
	self := c.held.self
	if self == nil {
		self = userFields.build(c, nil)
	}
	self["__typename"] = "AccountUserType"
	out := []map[string]any{self}
	for _, n := range c.u.AccountNumbers {
		if a := c.w.Account(n); a != nil {
			for _, e := range (&accountCtx{w: c.w, a: a}).Held() {
				if e["__typename"] != "AccountUserType" {
					out = append(out, e)
				}
			}
		}
	}
	c.held.all = out
	return out
}

func (c *userCtx) fullName() string { return strings.TrimSpace(c.u.GivenName + " " + c.u.FamilyName) }

// userFields are a user's fields; its maps keep its identity whatever a query selects.
// Set by init, since some fields build maps that link back to users.
var userFields fieldTable[*userCtx]

func init() {
	userFields = newFieldTable(userFieldList(), "id", "email")
}

func userFieldList() []field[*userCtx] {
	return []field[*userCtx]{
		{"id", func(c *userCtx) any { return c.u.ID }},
		{world.HoldsKey, func(c *userCtx) any { return c }},
		{"givenName", func(c *userCtx) any { return c.u.GivenName }},
		{"familyName", func(c *userCtx) any { return c.u.FamilyName }},
		{"email", func(c *userCtx) any { return c.u.Email }},
		{"mobile", func(c *userCtx) any { return c.u.Mobile }},
		{"landline", func(c *userCtx) any { return c.u.Landline }},
		{"title", func(c *userCtx) any { return orNil(c.u.Title) }},
		{"pronouns", func(c *userCtx) any { return orNil(c.u.Pronouns) }},
		{"isDeceased", func(c *userCtx) any { return false }},
		{"isActive", func(c *userCtx) any { return true }}, // a user state has signs in
		{"liveSecretKey", func(c *userCtx) any { return orNil(c.u.APIKey) }},
		{"createdAt", func(c *userCtx) any { return c.w.userCreated(c.u) }},
		{"dateOfBirth", func(c *userCtx) any { return orNil(c.u.DateOfBirth) }},
		{"fullName", func(c *userCtx) any { return c.fullName() }},
		{"preferredName", func(c *userCtx) any { return orNil(c.u.PreferredName) }},
		{"details", func(c *userCtx) any { return userDetails(c.u) }},
		{"alternativePhoneNumbers", func(c *userCtx) any { return []any{} }},
		{"hasFamilyIssues", func(c *userCtx) any { return c.u.FamilyIssues != nil }},
		{"isInHardship", func(c *userCtx) any { return userInHardship(c.w, c.u) }},
		{"isOptedInToWof", func(c *userCtx) any { return spunTheWheel(c.w, c.u) }},
		{"specialCircumstances", func(c *userCtx) any { return specialCircumstances(c.w, c.u) }},
		{"label", func(c *userCtx) any { return orNil(c.u.Label) }},
		// The state records no change to a user after it was made.
		{"lastUpdatedAt", func(c *userCtx) any { return c.w.userCreated(c.u) }},
		{"address", func(c *userCtx) any { return userAddress(c.w, c.u) }},
		{"state", func(c *userCtx) any { return userState(c.w, c.u) }},
		{"primaryPlacesOfResidence", func(c *userCtx) any {
			return sim.Lazy(func(map[string]any) (any, error) { return primaryResidences(c.w, c.u), nil })
		}},
		{"transactions", func(c *userCtx) any {
			return sim.Lazy(func(args map[string]any) (any, error) { return userTransactions(c.w, c.u, args) })
		}},
		{"preferences", func(c *userCtx) any { return prefsMap(c.u.Preferences) }},
		{"consents", func(c *userCtx) any {
			return sim.Lazy(func(map[string]any) (any, error) { return consentList(c.u.Consents, "1"+c.u.ID), nil })
		}},
		{"concessions", func(c *userCtx) any {
			return sim.Lazy(func(map[string]any) (any, error) { return userConcessions(c.w, c.u), nil })
		}},
		{"applicableConcessionCardTypes", func(c *userCtx) any {
			return sim.Lazy(func(map[string]any) (any, error) { return applicableCards(c.w, c.u), nil })
		}},
		// A user is an admin of the portfolio of each of their accounts.
		{"portfolioIds", func(c *userCtx) any {
			return sim.Lazy(func(args map[string]any) (any, error) {
				out := []any{}
				for _, a := range userPortfolios(c.w, c.u, args) {
					out = append(out, portfolioID(a))
				}
				return out, nil
			})
		}},
		{"portfolioId", func(c *userCtx) any {
			if ps := userPortfolios(c.w, c.u, nil); len(ps) > 0 {
				return portfolioID(ps[0])
			}
			return nil
		}},
		{"portfolios", func(c *userCtx) any {
			return sim.Lazy(func(args map[string]any) (any, error) {
				nodes := []any{}
				for _, a := range userPortfolios(c.w, c.u, args) {
					nodes = append(nodes, portfolioMap(c.w, a))
				}
				return connection(c.w, nodes, args)
			})
		}},
		{"bills", func(c *userCtx) any {
			return sim.Lazy(func(args map[string]any) (any, error) { return userBills(c.w, c.u, args) })
		}},
		{"paymentMethods", func(c *userCtx) any {
			return sim.Lazy(func(args map[string]any) (any, error) { return userInstructions(c.w, c.u, args) })
		}},
		{"portfolioUserRoles", func(c *userCtx) any {
			return sim.Lazy(func(args map[string]any) (any, error) { return portfolioRoles(c.w, c.u, args), nil })
		}},
		{"accounts", func(c *userCtx) any {
			return sim.Selective(func(args map[string]any, sel graphql.Selection) (any, error) {
				return userAccounts(c.w, c.u, args, sel), nil
			})
		}},
		{"accountUserRoles", func(c *userCtx) any {
			return sim.Lazy(func(args map[string]any) (any, error) {
				only := argString(args, "accountNumber")
				out := []any{}
				for _, n := range c.u.AccountNumbers {
					a := c.w.Account(n)
					if a == nil || (only != "" && only != n) {
						continue
					}
					out = append(out, roleMap(c.w, c.u, a, "ADMIN"))
					if a.LoyaltyPointsUserID == c.u.ID {
						out = append(out, roleMap(c.w, c.u, a, "LOYALTY_POINT_USER"))
					}
				}
				return out, nil
			})
		}},
	}
}

// userMap is a user (AccountUserType).
func userMap(w *env, u *sim.User) obj { return userMapOf(w, u, nil) }

// userMapOf is userMap holding only the fields sel asks for (all when nil) and those
// it always keeps.
func userMapOf(w *env, u *sim.User, sel graphql.Selection) obj {
	return userFields.build(&userCtx{w: w, u: u}, sel)
}

// field is one field of an object type and how it reads from what the object is
// built of.
type field[C any] struct {
	name  string
	value func(c C) any
}

// fieldTable is an object type's fields, and those its maps hold whatever a query
// selects (its identity, and what the generator reads of a parent).
type fieldTable[C any] struct {
	fields []field[C]
	index  map[string]int // by name
	kept   []int          // indexes of the fields always held
}

// newFieldTable is the table of fields whose maps always hold those named keep.
func newFieldTable[C any](fields []field[C], keep ...string) fieldTable[C] {
	t := fieldTable[C]{fields: fields, index: make(map[string]int, len(fields))}
	for i, f := range fields {
		t.index[f.name] = i
		if slices.Contains(keep, f.name) {
			t.kept = append(t.kept, i)
		}
	}
	return t
}

// build is the object of c, holding the fields sel asks for and the kept ones; all of
// them when sel is nil or asks for one the table has not, which the world then answers
// from what the object says (the successor of a deprecated field, its lifetime).
func (t *fieldTable[C]) build(c C, sel graphql.Selection) obj {
	var names []string
	all := sel == nil
	if !all {
		names, all = sel.Selected()
	}
	for _, name := range names {
		if _, ok := t.index[name]; !ok && !strings.HasPrefix(name, "__") {
			all = true
			break
		}
	}
	if all {
		m := make(obj, len(t.fields))
		for _, f := range t.fields {
			m[f.name] = f.value(c)
		}
		return m
	}
	m := make(obj, len(t.kept)+len(names))
	for _, i := range t.kept {
		m[t.fields[i].name] = t.fields[i].value(c)
	}
	for _, name := range names {
		if i, ok := t.index[name]; ok && !slices.Contains(t.kept, i) {
			m[name] = t.fields[i].value(c)
		}
	}
	return m
}

func roleMap(w *env, u *sim.User, a *sim.Account, role string) obj {
	return obj{
		"id":      u.ID + "-" + accountID(a.Number) + "-" + strings.ToLower(role),
		"role":    role,
		"user":    sim.Lazy(func(map[string]any) (any, error) { return userMap(w, u), nil }),
		"account": sim.Lazy(func(map[string]any) (any, error) { return accountMap(w, a), nil }),
	}
}

// userAccounts lists the user's accounts, filtered as AccountUserType.accounts' arguments say.
func userAccounts(w *env, u *sim.User, args map[string]any, sel graphql.Selection) []any {
	restrict := stringSet(args["restrictToAccountNumbers"])
	exclude := stringSet(args["excludeAccountTypes"])
	brands := stringSet(args["allowedBrandCodes"])
	out := []any{}
	for _, n := range u.AccountNumbers {
		a := w.Account(n)
		if a == nil {
			continue
		}
		if restrict != nil && !restrict[n] || exclude[a.AccountType] || brands != nil && !brands[a.Brand] {
			continue
		}
		if without, _ := args["excludeAccountsWithoutAgreements"].(bool); without && !hasAgreements(a) {
			continue
		}
		out = append(out, accountMapOf(w, a, sel))
	}
	return out
}

func hasAgreements(a *sim.Account) bool {
	has := false
	eachAgreements(a, func(ags []sim.Agreement, _ bool) { has = has || len(ags) > 0 })
	return has
}

// eachAgreements calls fn with the agreements of each of a's meter points, electricity's
// first in each property, and whether they are electricity's.
func eachAgreements(a *sim.Account, fn func(ags []sim.Agreement, electricity bool)) {
	eachAgreementList(a, func(ags *[]sim.Agreement, electricity bool) { fn(*ags, electricity) })
}

// eachAgreementList is eachAgreements with each meter point's list itself, to change on
// an account the session owns.
func eachAgreementList(a *sim.Account, fn func(ags *[]sim.Agreement, electricity bool)) {
	for i := range a.Properties {
		p := &a.Properties[i]
		for j := range p.ElectricityMeterPoints {
			fn(&p.ElectricityMeterPoints[j].Agreements, true)
		}
		for j := range p.GasMeterPoints {
			fn(&p.GasMeterPoints[j].Agreements, false)
		}
	}
}

// stringSet turns a list argument into a set; nil when the argument is absent.
func stringSet(v any) map[string]bool {
	items, ok := v.([]any)
	if !ok {
		return nil
	}
	set := make(map[string]bool, len(items))
	for _, it := range items {
		if s, ok := it.(string); ok {
			set[s] = true
		}
	}
	return set
}

func prefsMap(p sim.CommsPreferences) obj {
	font := p.FontSizeMultiplier
	if font == 0 {
		font = 1
	}
	hold := p.PreferredHoldMusic
	if hold == "" {
		hold = "NO_SONG_PREFERRED"
	}
	format := p.EmailFormat
	if format == "" {
		format = "HTML"
	}
	return obj{
		"isOptedInToClientMessages":          p.IsOptedInToClientMessages,
		"isOptedInToOfferMessages":           p.IsOptedInToOfferMessages,
		"isOptedInToRecommendedMessages":     p.IsOptedInToRecommendedMessages,
		"isOptedInToUpdateMessages":          p.IsOptedInToUpdateMessages,
		"isOptedInToThirdPartyMessages":      p.IsOptedInToThirdPartyMessages,
		"isOptedInMeterReadingConfirmations": p.IsOptedInMeterReadingConfirmations,
		"isOptedInToSmsMessages":             p.IsOptedInToSmsMessages,
		"emailFormat":                        format,
		"isUsingInvertedEmailColours":        p.IsUsingInvertedEmailColours,
		"fontSizeMultiplier":                 font,
		"preferredHoldMusic":                 hold,
	}
}

// consentList is a list of ConsentType; ids are stable per owner and position.
func consentList(cs []sim.Consent, owner string) []any {
	out := make([]any, 0, len(cs))
	for i, c := range cs {
		id, _ := strconv.Atoi(owner)
		out = append(out, obj{
			"id":    id*100 + i + 1,
			"code":  c.Code,
			"value": c.Value,
			"type": obj{
				"code": c.Code, "name": consentName(c.Code), "description": consentName(c.Code) + ".",
				"defaultValue": "UNKNOWN",
			},
		})
	}
	return out
}

func consentName(code string) string {
	words := strings.Fields(strings.ToLower(strings.ReplaceAll(code, "_", " ")))
	if len(words) > 0 {
		words[0] = strings.ToUpper(words[0][:1]) + words[0][1:]
	}
	return strings.Join(words, " ")
}

func addressLines(ad sim.Address) []string {
	return slices.DeleteFunc(slices.Clone(ad.Lines), func(s string) bool { return strings.TrimSpace(s) == "" })
}

// linesOf is an address on lines as its country writes it: the postcode on a line of
// its own in Great Britain, after the suburb and state in Australia ("Newtown NSW
// 2042").
func linesOf(ad sim.Address) []string {
	if street, locality, region := addressParts(ad); ad.CountryCode == "AU" && (locality != "" || region != "") {
		return append(street, strings.Join(strings.Fields(locality+" "+region+" "+ad.Postcode), " "))
	}
	parts := addressLines(ad)
	if ad.Postcode != "" {
		parts = append(parts, ad.Postcode)
	}
	return parts
}

// joinedAddress is an address formatted into a single string, its lines joined by
// commas, as Kraken answers a property's address and an account's billingAddress.
func joinedAddress(ad sim.Address) string { return strings.Join(linesOf(ad), ", ") }

// richAddress is a RichAddressType or PropertyRichAddressType.
func richAddress(ad sim.Address) obj {
	street, locality, region := addressParts(ad)
	country := ad.CountryCode
	if country == "" {
		country = "GB"
	}
	return obj{
		"name": nil, "organization": nil,
		"streetAddress":           strings.Join(street, "\n"),
		"structuredStreetAddress": nil,
		"dependentLocality":       "",
		"locality":                locality,
		"administrativeArea":      region,
		"postalCode":              ad.Postcode,
		"sortingCode":             "",
		"country":                 country,
		"deliveryPointIdentifier": "",
		"asString": sim.Lazy(func(args map[string]any) (any, error) {
			return envelope(ad, args["showPostalCode"] != false, args["showCountry"] != false), nil
		}),
	}
}

// accountCtx is what an AccountType's fields are read from.
type accountCtx struct {
	w     *env
	a     *sim.Account
	lines []string // the billing address lines, once read
	// held are the entities it holds, once built, and the account's whole map when one
	// was built; a pointer, so that the context stays in its size class on the request
	// path.
	held *heldEntities
}

// heldEntities are what an account holds for the world, and its own whole map.
type heldEntities struct {
	self obj
	all  []map[string]any
}

func (c *accountCtx) addressLines() []string {
	if c.lines == nil {
		c.lines = addressLines(c.a.BillingAddress)
	}
	return c.lines
}

func (c *accountCtx) line(i int) any { return lineAt(c.addressLines(), i) }

func (c *accountCtx) split() []string {
	lines := c.addressLines()
	out := make([]string, len(lines), len(lines)+1)
	copy(out, lines)
	return append(out, c.a.BillingAddress.Postcode)
}

// accountFields are an AccountType's fields (and the AccountInterface it implements);
// its maps keep its identity and its status (which the generator reads of a parent)
// whatever a query selects. Set by init, since some fields build maps that link back.
var accountFields fieldTable[*accountCtx]

func init() {
	accountFields = newFieldTable(accountFieldList(), "__typename", "id", "number", "status")
}

func accountFieldList() []field[*accountCtx] {
	return []field[*accountCtx]{
		{"__typename", func(c *accountCtx) any { return "AccountType" }},
		{"id", func(c *accountCtx) any { return accountID(c.a.Number) }},
		{"number", func(c *accountCtx) any { return c.a.Number }},
		{"status", func(c *accountCtx) any { return orNil(statusOf(c.w, c.a)) }},
		{"accountType", func(c *accountCtx) any { return orNil(c.a.AccountType) }},
		{"brand", func(c *accountCtx) any { return orNil(c.a.Brand) }},
		{"createdAt", func(c *accountCtx) any { return dateTime(c.a.CreatedAt, c.w.zone) }},
		{world.LifetimeKey, func(c *accountCtx) any { return c.w.accountLifetime(c.a) }},
		{world.HoldsKey, func(c *accountCtx) any { return c }},
		{"overdueBalance", func(c *accountCtx) any {
			return sim.Lazy(func(map[string]any) (any, error) { return overdueBalance(c.w, c.a), nil })
		}},
		{"urn", func(c *accountCtx) any {
			if c.a.Sale != nil {
				return orNil(c.a.Sale.URN)
			}
			return nil
		}},
		{"billingName", func(c *accountCtx) any { return c.a.BillingName }},
		{"billingSubName", func(c *accountCtx) any { return orNil(c.a.BillingSubName) }},
		{"billingEmail", func(c *accountCtx) any { return orNil(c.a.BillingEmail) }},
		{"billingAddress", func(c *accountCtx) any { return joinedAddress(c.a.BillingAddress) }},
		{"billingAddressLine1", func(c *accountCtx) any { return c.line(0) }},
		{"billingAddressLine2", func(c *accountCtx) any { return c.line(1) }},
		{"billingAddressLine3", func(c *accountCtx) any { return c.line(2) }},
		{"billingAddressLine4", func(c *accountCtx) any { return c.line(3) }},
		{"billingAddressLine5", func(c *accountCtx) any { return c.line(4) }},
		{"billingAddressPostcode", func(c *accountCtx) any { return c.a.BillingAddress.Postcode }},
		{"billingPostcode", func(c *accountCtx) any { return c.a.BillingAddress.Postcode }},
		{"billingCountryCode", func(c *accountCtx) any { return orNil(c.a.BillingAddress.CountryCode) }},
		{"billingDeliveryPointIdentifier", func(c *accountCtx) any { return nil }},
		{"splitBillingAddress", func(c *accountCtx) any { return c.split() }},
		{"address", func(c *accountCtx) any { return richAddress(c.a.BillingAddress) }},
		{"activePaymentMethod", func(c *accountCtx) any { return activePaymentMethod(c.w, c.a) }},
		{"canRequestRefund", func(c *accountCtx) any {
			return sim.Lazy(func(map[string]any) (any, error) { return refundEligibility(c.w, c.a)["canRequestRefund"], nil })
		}},
		{"referralsCreated", func(c *accountCtx) any { return c.a.ReferralsCreated }},
		{"activeReferralSchemes", func(c *accountCtx) any { return referralSchemes(c.w, c.a) }},
		{"commsDeliveryPreference", func(c *accountCtx) any { return orNil(c.a.CommsDeliveryPreference) }},
		{"documentAccessibility", func(c *accountCtx) any { return orNil(c.a.DocumentAccessibility) }},
		{"complaints", func(c *accountCtx) any {
			return sim.Lazy(func(args map[string]any) (any, error) { return complaintConnection(c.w, c.a, args) })
		}},
		{"preferredLanguageForComms", func(c *accountCtx) any { return orNil(c.a.PreferredLanguageForComms) }},
		{"isInHardship", func(c *accountCtx) any { return len(activeHardship(c.w, c.a)) > 0 }},
		{"projectedBalance", func(c *accountCtx) any {
			return sim.Lazy(func(map[string]any) (any, error) { return projectedBalance(c.w, c.a), nil })
		}},
		{"shouldReviewPayments", func(c *accountCtx) any {
			return sim.Lazy(func(map[string]any) (any, error) { return shouldReview(c.w, c.a), nil })
		}},
		{"recommendedBalanceAdjustment", func(c *accountCtx) any {
			return sim.Lazy(func(map[string]any) (any, error) { return balanceAdjustment(c.w.balanceNow(c.a, "")), nil })
		}},
		// The monthly payment its latest review suggests: livePaymentAdequacy's total.
		{"paymentAdequacy", func(c *accountCtx) any {
			return sim.Lazy(func(map[string]any) (any, error) {
				r := reviewPayments(c.w, c.a)
				return obj{"suggestedDirectDebitAmount": r.ongoing + r.adjustment}, nil
			})
		}},
		// Octopus's dashboard takes a final reading within two days of a move out.
		{"cotReadingWindowDays", func(c *accountCtx) any { return 2 }},
		{"eligibilityForWarmHomeDiscount", func(c *accountCtx) any { return warmHomeDiscount(c.w, c.a) }},
		{"warmHomeDiscount", func(c *accountCtx) any { return warmHomeDiscountHistory(c.w, c.a) }},
		{"canChangePayments", func(c *accountCtx) any { return statusOf(c.w, c.a) == "ACTIVE" }},
		{"canBeWithdrawn", func(c *accountCtx) any { return statusOf(c.w, c.a) == "PENDING" }},
		{"canRenewTariff", func(c *accountCtx) any { return canRenewTariff(c.w, c.a) }},
		{"greenAccomplishments", func(c *accountCtx) any {
			return sim.Lazy(func(map[string]any) (any, error) { return greenAccomplishments(c.w, c.a), nil })
		}},
		{"isEligibleForElectricityReadingIncentive", func(c *accountCtx) any { return readsByHand(c.w, c.a, true) }},
		{"isEligibleForGasReadingIncentive", func(c *accountCtx) any { return readsByHand(c.w, c.a, false) }},
		{"smets2Interest", func(c *accountCtx) any { return orNil(c.a.SMETS2Interest) }},
		{"smets2RefusalReason", func(c *accountCtx) any { return orNil(c.a.SMETS2RefusalReason) }},
		{"hasActiveDunningProcess", func(c *accountCtx) any { return false }},
		{"hasActiveCollectionsProceedings", func(c *accountCtx) any { return false }},
		{"isInBlockingMigration", func(c *accountCtx) any { return false }},
		{"contributionAgreements", func(c *accountCtx) any {
			out := []any{}
			for _, ag := range c.a.ContributionAgreements {
				out = append(out, contributionAgreement(c.w, ag))
			}
			return out
		}},
		{"balance", func(c *accountCtx) any {
			w, a := c.w, c.a
			return sim.Lazy(func(args map[string]any) (any, error) {
				if all, _ := args["includeAllLedgers"].(bool); all && len(a.Ledgers) > 0 {
					sum := 0
					for _, l := range a.Ledgers {
						sum += w.balanceNow(a, l.Number)
					}
					return sum, nil
				}
				return w.balanceNow(a, ""), nil
			})
		}},
		{"dueCharges", func(c *accountCtx) any {
			return sim.Lazy(func(map[string]any) (any, error) { return dueCharges(c.w, c.a), nil })
		}},
		{"estimatedUsageAndCost", func(c *accountCtx) any {
			return sim.Lazy(func(map[string]any) (any, error) { return usageEstimate(c.w, c.a), nil })
		}},
		// What the account owes: its debt, nothing while it is in credit.
		{"totalBalanceOwing", func(c *accountCtx) any {
			return sim.Lazy(func(map[string]any) (any, error) { return max(0, -c.w.balanceNow(c.a, "")), nil })
		}},
		{"events", func(c *accountCtx) any {
			return sim.Lazy(func(args map[string]any) (any, error) { return accountEvents(c.w, c.a, args) })
		}},
		{"consents", func(c *accountCtx) any {
			return sim.Lazy(func(map[string]any) (any, error) { return consentList(c.a.Consents, accountID(c.a.Number)), nil })
		}},
		{"users", func(c *accountCtx) any {
			w, a := c.w, c.a
			return sim.Lazy(func(map[string]any) (any, error) {
				out := []any{}
				for _, u := range w.AccountUsers(a.Number) {
					out = append(out, userMap(w, u))
				}
				return out, nil
			})
		}},
		{"ledgers", func(c *accountCtx) any {
			w, a := c.w, c.a
			return sim.Lazy(func(args map[string]any) (any, error) {
				id, number := argString(args, "ledgerId"), argString(args, "ledgerNumber")
				out := []any{}
				for i := range a.Ledgers {
					l := &a.Ledgers[i]
					if id != "" && l.ID != id || number != "" && l.Number != number {
						continue
					}
					out = append(out, ledgerMap(w, a, l, i == 0))
				}
				return out, nil
			})
		}},
		{"metadata", func(c *accountCtx) any {
			return sim.Lazy(func(map[string]any) (any, error) { return metadataList(c.a.Metadata), nil })
		}},
		{"references", func(c *accountCtx) any {
			return sim.Lazy(func(map[string]any) (any, error) { return referenceList(c.w, c.a), nil })
		}},
		{"notes", func(c *accountCtx) any {
			return sim.Lazy(func(map[string]any) (any, error) { return noteList(c.a, c.w.zone), nil })
		}},
		{"campaigns", func(c *accountCtx) any {
			w, a := c.w, c.a
			return sim.Lazy(func(map[string]any) (any, error) { return accountCampaigns(w, a), nil })
		}},
		{"portfolio", func(c *accountCtx) any {
			return sim.Lazy(func(map[string]any) (any, error) { return portfolioMap(c.w, c.a), nil })
		}},
		{"applications", func(c *accountCtx) any {
			return sim.Lazy(func(args map[string]any) (any, error) { return applicationConnection(c.w, c.a, args) })
		}},
		{"referrals", func(c *accountCtx) any {
			return sim.Lazy(func(args map[string]any) (any, error) { return referralConnection(c.w, c.a, args) })
		}},
		{"rewards", func(c *accountCtx) any {
			return sim.Lazy(func(map[string]any) (any, error) { return rewardList(c.w, c.a), nil })
		}},
		{"repayments", func(c *accountCtx) any {
			return sim.Lazy(func(args map[string]any) (any, error) { return repaymentConnection(c.w, c.a, args) })
		}},
		{"payments", func(c *accountCtx) any {
			return sim.Lazy(func(args map[string]any) (any, error) { return paymentConnection(c.w, c.a, args) })
		}},
		{"fileAttachments", func(c *accountCtx) any {
			return sim.Lazy(func(map[string]any) (any, error) { return attachmentList(c.w, c.a), nil })
		}},
		{"paginatedFileAttachments", func(c *accountCtx) any {
			return sim.Lazy(func(args map[string]any) (any, error) { return attachmentConnection(c.w, c.a, args) })
		}},
		{"paymentPlans", func(c *accountCtx) any {
			return sim.Lazy(func(args map[string]any) (any, error) { return planConnection(c.w, c.a, args) })
		}},
		{"paymentPlanEligibilityStatus", func(c *accountCtx) any { return planEligibility(c.w, c.a) }},
		{"paymentSchedules", func(c *accountCtx) any {
			return sim.Lazy(func(args map[string]any) (any, error) { return scheduleConnection(c.w, c.a, args) })
		}},
		{"billingOptions", func(c *accountCtx) any {
			return sim.Lazy(func(map[string]any) (any, error) { return billingOptions(c.w, c.a), nil })
		}},
		{"billingTriggerConfiguration", func(c *accountCtx) any {
			return sim.Lazy(func(map[string]any) (any, error) { return billingTrigger(c.w, c.a, "ACCOUNT"), nil })
		}},
		{"bill", func(c *accountCtx) any {
			return sim.Lazy(func(args map[string]any) (any, error) { return billByID(c.w, c.a, args), nil })
		}},
		{"paymentForecast", func(c *accountCtx) any {
			return sim.Lazy(func(args map[string]any) (any, error) { return paymentForecast(c.w, c.a, args), nil })
		}},
		{"paginatedPaymentForecast", func(c *accountCtx) any {
			return sim.Lazy(func(args map[string]any) (any, error) { return connection(c.w, paymentForecast(c.w, c.a, args), args) })
		}},
		{"maximumRefund", func(c *accountCtx) any { return maximumRefund(c.w, c.a) }},
		{"trackerTariffDailyPricing", func(c *accountCtx) any { return trackerPricing(c.w, c.a) }},
		{"requestRefundEligibility", func(c *accountCtx) any {
			return sim.Lazy(func(map[string]any) (any, error) { return refundEligibility(c.w, c.a), nil })
		}},
		{"business", func(c *accountCtx) any { return business(c.w, c.a) }},
		{"businessType", func(c *accountCtx) any { return businessType(c.a) }},
		{"activeHardshipAgreements", func(c *accountCtx) any { return activeHardship(c.w, c.a) }},
		{"paymentExtensionInfo", func(c *accountCtx) any {
			return sim.Lazy(func(map[string]any) (any, error) { return paymentExtensionInfo(c.w, c.a), nil })
		}},
		{"customerAssets", func(c *accountCtx) any { return customerAssetList(c.w, c.a) }},
		{"reminders", func(c *accountCtx) any {
			return sim.Lazy(func(args map[string]any) (any, error) { return reminderConnection(c.w, c.a, args) })
		}},
		// The state records no assistance, debt collection or provisional transaction
		// (what it posts is final), so an account it holds has none.
		{"assistanceAgreements", func(c *accountCtx) any { return []any{} }},
		{"debtCollectionProceedings", func(c *accountCtx) any { return []any{} }},
		{"provisionalTransactions", func(c *accountCtx) any {
			return sim.Lazy(func(args map[string]any) (any, error) { return connection(c.w, []any{}, args) })
		}},
		{"bills", func(c *accountCtx) any {
			return sim.Lazy(func(args map[string]any) (any, error) { return billConnection(c.w, c.a, args) })
		}},
		{"annualStatements", func(c *accountCtx) any {
			return sim.Lazy(func(args map[string]any) (any, error) { return annualStatements(c.w, c.a, args) })
		}},
		{"transactions", func(c *accountCtx) any {
			return sim.Lazy(func(args map[string]any) (any, error) { return transactionConnection(c.w, c.a, nil, args) })
		}},
		{"directDebitInstructions", func(c *accountCtx) any {
			return sim.Lazy(func(args map[string]any) (any, error) { return instructionConnection(c.w, c.a, args) })
		}},
		{"paymentMethods", func(c *accountCtx) any {
			return sim.Lazy(func(args map[string]any) (any, error) { return instructionConnection(c.w, c.a, args) })
		}},
		{"properties", func(c *accountCtx) any {
			w, a := c.w, c.a
			return sim.Lazy(func(args map[string]any) (any, error) {
				from, hasFrom := parseTime(args["activeFrom"], w.zone)
				out := []any{}
				for i := range a.Properties {
					p := &a.Properties[i]
					if to := occupiedTo(a, p); hasFrom && to != "" && to < from.In(w.zone).Format(time.DateOnly) {
						continue
					}
					out = append(out, propertyMap(w, a, p))
				}
				return out, nil
			})
		}},
		// The homes the account has moved out of.
		{"previousProperties", func(c *accountCtx) any {
			w, a := c.w, c.a
			return sim.Lazy(func(map[string]any) (any, error) {
				out := []any{}
				for i := range a.Properties {
					if p := &a.Properties[i]; occupiedTo(a, p) != "" && occupiedTo(a, p) < w.today() {
						out = append(out, propertyMap(w, a, p))
					}
				}
				return out, nil
			})
		}},
		{"currentEstimatedSsd", func(c *accountCtx) any {
			if d, ok := saleStart(c.w, c.a); ok {
				return orNil(d)
			}
			return supplyStartDay(c.a)
		}},
		{"earliestPossibleSsd", func(c *accountCtx) any { return ssdBound(c.w, c.a, false) }},
		{"latestPossibleSsd", func(c *accountCtx) any { return ssdBound(c.w, c.a, true) }},
		{"lifeSupport", func(c *accountCtx) any { return lifeSupportMap(c.a) }},
		{"linkedUserIds", func(c *accountCtx) any {
			ids := []any{}
			for _, u := range c.w.AccountUsers(c.a.Number) {
				ids = append(ids, u.ID)
			}
			return ids
		}},
		{"hasWriteOffLedgers", func(c *accountCtx) any {
			return slices.ContainsFunc(c.a.Ledgers, func(l sim.Ledger) bool { return strings.Contains(l.LedgerType, "WRITE_OFF") })
		}},
		{"serviceOrders", func(c *accountCtx) any { return serviceOrderList(c.w, c.a) }},
		{"electricityAgreements", func(c *accountCtx) any {
			return sim.Lazy(func(args map[string]any) (any, error) { return fuelAgreements(c.w, c.a, args, true), nil })
		}},
		{"gasAgreements", func(c *accountCtx) any {
			return sim.Lazy(func(args map[string]any) (any, error) { return fuelAgreements(c.w, c.a, args, false), nil })
		}},
		// A tenant that lists every fuel's agreements in one (Origin's agreements(active:, id:)).
		{"agreements", func(c *accountCtx) any {
			return sim.Lazy(func(args map[string]any) (any, error) { return agreementsOf(c.w, c.a, args, true, true), nil })
		}},
	}
}

// accountMap is an AccountType (and the AccountInterface it implements).
func accountMap(w *env, a *sim.Account) obj { return accountMapOf(w, a, nil) }

// accountMapOf is accountMap holding only the fields sel asks for (all when nil) and
// those it always keeps.
func accountMapOf(w *env, a *sim.Account, sel graphql.Selection) obj {
	return accountFields.build(&accountCtx{w: w, a: a}, sel)
}

// foundAccountMap is accountMap for a lookup by key, the map the world also reads as the
// account when it owns what the world makes up (not built again for that).
func foundAccountMap(w *env, a *sim.Account) obj {
	c := &accountCtx{w: w, a: a, held: &heldEntities{}}
	c.held.self = accountFields.build(c, nil)
	return c.held.self
}

// accountCampaigns are the campaigns an account is in (AccountCampaignType): those
// state lists, and Octopus's Octoplus and Octoplus Saving Sessions once it has joined
// them (a loyalty-points user; a Saving Sessions sign-up), from the day it signed up to
// Saving Sessions, as Octopus lists both from one day.
func accountCampaigns(w *env, a *sim.Account) []any {
	out := []any{}
	for _, slug := range a.Campaigns {
		out = append(out, campaignMap(w, slug))
	}
	joined := func(slug, name string, since any) {
		if !slices.Contains(a.Campaigns, slug) {
			out = append(out, obj{"slug": slug, "name": name, "startDate": since, "expiryDate": nil, "campaignExpiryDate": nil})
		}
	}
	signedUp := any(nil) // Octoplus and Saving Sessions are joined together, on one day
	if s := a.SavingSessions; s != nil {
		signedUp = s.JoinedAt.In(w.zone).Format(time.DateOnly)
	}
	if a.Brand == "OCTOPUS_ENERGY" && a.LoyaltyPointsUserID != "" {
		joined("octoplus", "Octoplus", signedUp)
	}
	if a.SavingSessions != nil {
		joined(savingSessionsCampaign, "Octoplus Saving Sessions", signedUp)
	}
	return out
}

func campaignMap(w *env, slug string) obj {
	m := obj{"slug": slug, "name": slug, "startDate": nil, "expiryDate": nil, "campaignExpiryDate": nil}
	for _, c := range w.Campaigns {
		if c != nil && c.Slug == slug {
			m["name"] = c.Name
			m["startDate"] = orNil(c.StartDate)
			m["expiryDate"] = orNil(c.ExpiryDate)
			m["campaignExpiryDate"] = orNil(c.ExpiryDate)
		}
	}
	return m
}

func metadataList(ms []sim.Metadata) []any {
	out := make([]any, 0, len(ms))
	for _, m := range ms {
		out = append(out, metadataMap(m))
	}
	return out
}

func metadataMap(m sim.Metadata) obj {
	return obj{"key": m.Key, "value": orNil(m.Value)}
}

func referenceList(w *env, a *sim.Account) []any {
	out := make([]any, 0, len(a.References))
	for _, r := range a.References {
		out = append(out, referenceMap(w, a, r))
	}
	return out
}

func referenceMap(w *env, a *sim.Account, r sim.AccountReference) obj {
	created, updated := r.CreatedAt, r.UpdatedAt
	if created.IsZero() {
		created = a.CreatedAt
	}
	if updated.IsZero() {
		updated = created
	}
	return obj{
		"namespace": r.Namespace, "value": r.Value,
		"createdAt": dateTime(created, w.zone), "updatedAt": dateTime(updated, w.zone),
		"account": sim.Lazy(func(map[string]any) (any, error) { return accountMap(w, a), nil }),
	}
}

// noteList lists the account's notes, pinned ones first, then newest first.
func noteList(a *sim.Account, zone *time.Location) []any {
	notes := slices.Clone(a.Notes)
	slices.SortStableFunc(notes, func(x, y sim.Note) int {
		if x.IsPinned != y.IsPinned {
			if x.IsPinned {
				return -1
			}
			return 1
		}
		return y.CreatedAt.Compare(x.CreatedAt)
	})
	out := make([]any, 0, len(notes))
	for _, n := range notes {
		created := n.CreatedAt
		if created.IsZero() {
			created = a.CreatedAt
		}
		out = append(out, obj{"body": n.Body, "isPinned": n.IsPinned, "createdAt": dateTime(created, zone)})
	}
	return out
}

// ledgerMap is a LedgerType; statements hang off the account's first ledger.
func ledgerMap(w *env, a *sim.Account, l *sim.Ledger, first bool) obj {
	m := obj{
		"id": orNil(l.ID), "name": orNil(l.Name), "number": l.Number, "ledgerType": orNil(l.LedgerType),
		// Kraken: "a negative amount implies the customer is in credit".
		"balance":               sim.Lazy(func(map[string]any) (any, error) { return w.balanceNow(a, l.Number), nil }),
		"amountOwedByCustomer":  sim.Lazy(func(map[string]any) (any, error) { return -w.balanceNow(a, l.Number), nil }),
		"affectsAccountBalance": true,
		// The state records no payment adequacy review, so none has been applied.
		"paymentAdequacy": obj{"isCurrentlyExempt": false, "latestAppliedPaymentAdequacyChange": nil},
		"debtLedger":      nil, // the state records no debt, so no ledger holds one
		"creditTransferPermissionsData": sim.Lazy(func(map[string]any) (any, error) {
			return creditTransfers(w, a, l), nil
		}),
		"billingTriggerConfiguration": sim.Lazy(func(map[string]any) (any, error) {
			return billingTrigger(w, a, "CHARGING_LEDGER"), nil
		}),
		"statements": sim.Lazy(func(args map[string]any) (any, error) {
			nodes := []any{}
			if first || statementLedger(a) == "" { // a dual-fuel account's statements are each ledger's
				want, filtered := integer(args, "statementId")
				for _, s := range slices.Backward(w.statements(a)) {
					if filtered && idInt(s.ID) != want {
						continue
					}
					nodes = append(nodes, statementMap(w, a, s))
				}
			}
			return connection(w, nodes, args)
		}),
		"invoices":          sim.Lazy(func(args map[string]any) (any, error) { return connection(w, []any{}, args) }),
		"repaymentRequests": sim.Lazy(func(args map[string]any) (any, error) { return repaymentRequests(w, a, l, args) }),
		"refundRequests":    sim.Lazy(func(args map[string]any) (any, error) { return connection(w, []any{}, args) }),
		"transactions": sim.Lazy(func(args map[string]any) (any, error) {
			own := maps.Clone(args) // the ledger's own, each carrying forward the ledger's balance
			if own == nil {
				own = map[string]any{}
			}
			own[onLedger] = l.Number
			return transactionConnection(w, a, nil, own)
		}),
	}
	ledgerPayments(w, a, l, first, m)
	return m
}

func statementMap(w *env, a *sim.Account, s sim.Statement) obj {
	zone := w.zone
	end := ""
	if s.BillPeriodTo != "" {
		end = addDays(s.BillPeriodTo, 1)
	}
	return obj{
		"id": idInt(s.ID), "identifier": orNil(s.Number),
		"startAt": dateAsTime(s.BillPeriodFrom, zone), "endAt": dateAsTime(end, zone),
		"firstIssuedAt": dateAsTime(s.IssuedDate, zone), "earliestChargeAt": dateAsTime(s.BillPeriodFrom, zone),
		"latestChargeAt": dateAsTime(s.BillPeriodTo, zone), "pdfUrl": temporaryURL(w, a, s), "annulledBy": nil,
	}
}

// connection pages nodes the Relay way, as the generated world does.
func connection(w *env, nodes []any, args map[string]any) (any, error) {
	return world.Connection(nodes, args, w.maxPage)
}

// applicationConnection is how an account joined (AccountApplicationType): one
// application, sold as a sign-up's sale says (its channel, subchannel and date of sale),
// else directly the day the account was opened; current, with its 14 days of cooling
// off from the sale, while the account is being set up, pending or still cooling off (a supply may begin
// within them), historic after; a migration from its import supplier when it has one.
// A status argument keeps it or not.
func applicationConnection(w *env, a *sim.Account, args map[string]any) (any, error) {
	status, coolingOff := "HISTORIC", any(nil)
	sold, channel, subchannel := a.CreatedAt.In(w.zone).Format(time.DateOnly), "DIRECT", ""
	if a.Sale != nil {
		sold, channel, subchannel = cmp.Or(a.Sale.DateOfSale, sold), cmp.Or(a.Sale.SalesChannel, channel), a.Sale.SalesSubchannel
	}
	if ends := addDays(sold, 14); statusOf(w, a) == "PENDING" || statusOf(w, a) == "INCOMPLETE" || w.today() <= ends {
		status, coolingOff = "CURRENT", ends
	}
	nodes := []any{}
	if want, ok := args["status"].(string); !ok || want == status {
		nodes = append(nodes, obj{
			"status": status, "salesChannel": channel, "salesSubchannel": orNil(subchannel), "dateOfSale": sold, "coolingOffEndDate": coolingOff,
			"isMigrated": a.ImportSupplier != "", "migrationSource": orNil(a.ImportSupplier),
		})
	}
	return connection(w, nodes, args)
}

// portfolioMap is the portfolio an account the state holds is in: its own, a root of the
// hierarchy (depth 1, no parent, ancestors or descendants), billed to its billing name,
// led by it and of its brand, with it as its one account; its number is the account's
// as P-.
func portfolioMap(w *env, a *sim.Account) obj {
	created := any(nil)
	if !a.CreatedAt.IsZero() {
		created = dateTime(a.CreatedAt, w.zone)
	}
	return obj{
		"id": portfolioID(a), "number": portfolioNumber(a),
		"billingName": orNil(a.BillingName), "collectiveBilling": false, "createdAt": created, "updatedAt": created,
		"leadAccountNumber": a.Number, "brand": orNil(a.Brand), "depth": 1, "parent": nil, "name": orNil(a.BillingName),
		"ancestors":   sim.Lazy(func(args map[string]any) (any, error) { return connection(w, []any{}, args) }),
		"descendants": sim.Lazy(func(args map[string]any) (any, error) { return connection(w, []any{}, args) }),
		"accounts":    sim.Lazy(func(args map[string]any) (any, error) { return connection(w, []any{accountMap(w, a)}, args) }),
	}
}

// repaymentConnection is an account's repayments (AccountRepaymentType), newest first:
// those asked of the supplier and not yet acted on (REQUESTED, on the day asked), and
// the refunds its ledgers hold (REPAYMENT transactions, PAID on their date), of the
// statuses args ask for.
func repaymentConnection(w *env, a *sim.Account, args map[string]any) (any, error) {
	statuses, filtered := args["statuses"].([]any)
	nodes := []any{}
	if !filtered || slices.Contains(statuses, any(repaymentRequested)) {
		for i := len(a.RepaymentRequests) - 1; i >= 0; i-- {
			if r := a.RepaymentRequests[i]; r.Status == repaymentRequested {
				nodes = append(nodes, requestedRepayment(w, r))
			}
		}
	}
	if filtered && !slices.Contains(statuses, any("PAID")) {
		return connection(w, nodes, args)
	}
	repayments := slices.Clone(a.Transactions)
	for _, t := range w.billing(a).posted { // a final statement's credit refunded
		if t.Type == "REPAYMENT" {
			repayments = append(repayments, t)
		}
	}
	slices.SortStableFunc(repayments, func(x, y sim.Transaction) int { return strings.Compare(y.Date, x.Date) })
	for _, t := range repayments {
		if t.Type == "REPAYMENT" {
			nodes = append(nodes, obj{"id": t.ID, "amount": t.Amount, "paymentDate": t.Date, "status": "PAID"})
		}
	}
	return connection(w, nodes, args)
}

func paymentConnection(w *env, a *sim.Account, args map[string]any) (any, error) {
	ledger := ledgerFilter(a, args)
	status := argString(args, "status")
	nodes := []any{}
	today := w.today()
	// Newest first: the collections of the account's billing beside state's payments,
	// which keep their order on a day.
	payments := slices.DeleteFunc(slices.Clone(a.Payments), func(p sim.Payment) bool { return w.unmade(a, p) })
	slices.Reverse(payments)
	payments = append(payments, w.billing(a).collections...)
	payments = append(payments, transactionPayments(a, payments, today)...)
	slices.SortStableFunc(payments, func(x, y sim.Payment) int { return strings.Compare(y.PaymentDate, x.PaymentDate) })
	days := w.days()
	for _, p := range payments {
		if ledger != "" && ledger != p.LedgerNumber {
			continue
		}
		if status != "" && paymentStatus(p, today) != status {
			continue
		}
		nodes = append(nodes, paymentMap(days, a, p, today))
	}
	return connection(w, nodes, args)
}

// transactionPayments are the payments state's ledger holds as transactions (imported through
// data import) that no payment listed stands for (by its id, its transaction's "P" and
// its id, or its ledger, day, amount and whether by card), up to today, collected.
func transactionPayments(a *sim.Account, listed []sim.Payment, today string) []sim.Payment {
	var out []sim.Payment
	for _, t := range a.Transactions {
		if t.Type != "PAYMENT" || t.Date > today {
			continue
		}
		ledger := postedTo(a, t)
		if slices.ContainsFunc(listed, func(p sim.Payment) bool {
			return p.ID == t.ID || "P"+p.ID == t.ID ||
				p.PaymentDate == t.Date && p.Amount == t.Amount && postedTo(a, sim.Transaction{LedgerNumber: p.LedgerNumber}) == ledger &&
					(paymentMethod(p.TransactionType) == "CARD_PAYMENT") == (paymentMethod(t.PaymentType) == "CARD_PAYMENT")
		}) {
			continue
		}
		out = append(out, sim.Payment{ID: t.ID, LedgerNumber: ledger, Amount: t.Amount, PaymentDate: t.Date, Reference: t.Reference,
			Status: "CLEARED", TransactionType: cmp.Or(t.PaymentType, "OTHER")})
	}
	return out
}

func paymentMap(days *workdays.Calendar, a *sim.Account, p sim.Payment, today string) obj {
	status := paymentStatus(p, today)
	refundable := 0
	if status == "CLEARED" {
		refundable = max(0, p.Amount-refunded(a, p.ID))
	}
	return obj{
		"id": p.ID, "amount": p.Amount, "paymentDate": p.PaymentDate, "reference": p.Reference,
		"transactionType": orNil(p.TransactionType), "status": orNil(status), "surchargeAmount": 0,
		"refundableAmount": refundable, "maxRescheduleDays": rescheduleLimit(days, a, p, today),
	}
}

// paymentStatus is a payment's status today: one scheduled or pending for a day that has
// passed has been collected.
func paymentStatus(p sim.Payment, today string) string {
	if (p.Status == "SCHEDULED" || p.Status == "PENDING") && p.PaymentDate != "" && p.PaymentDate < today {
		return "CLEARED"
	}
	return p.Status
}

// scheduleActive reports whether a schedule is in force on date.
func scheduleActive(s sim.PaymentSchedule, date string) bool {
	return s.ValidFrom <= date && (s.ValidTo == "" || s.ValidTo >= date)
}

func scheduleConnection(w *env, a *sim.Account, args map[string]any) (any, error) {
	now := argString(args, "activeOnDate")
	active, hasActive := args["active"].(bool)
	ledger := ledgerFilter(a, args)
	reason := argString(args, "reason")
	schedules := slices.DeleteFunc(slices.Clone(w.schedules(a)), func(s sim.PaymentSchedule) bool { return w.unagreed(a, s) })
	slices.SortStableFunc(schedules, func(x, y sim.PaymentSchedule) int {
		return strings.Compare(y.ValidFrom, x.ValidFrom)
	})
	nodes := []any{}
	for _, s := range schedules {
		if now != "" && !scheduleActive(s, now) {
			continue
		}
		if hasActive && active != (s.ValidTo == "" || s.ValidTo >= w.today()) {
			continue
		}
		if ledger != "" && ledger != s.LedgerNumber {
			continue
		}
		if reason != "" && s.Reason != reason {
			continue
		}
		nodes = append(nodes, scheduleMap(a, s))
	}
	return connection(w, nodes, args)
}

// scheduleMap is a PaymentScheduleType; one on a supplementary ledger (goods, prepay)
// names it, one on the account's own ledgers (a fuel's, the general one) does not.
func scheduleMap(a *sim.Account, s sim.PaymentSchedule) obj {
	var ledger any
	if l := ledgerFor(a, s.LedgerNumber); l != nil && s.LedgerNumber != "" && !mainLedger(l.LedgerType) {
		ledger = obj{"id": orNil(l.ID), "name": orNil(l.Name), "ledgerType": orNil(l.LedgerType), "currentBalance": l.Balance,
			"paymentAdequacy": obj{"isCurrentlyExempt": false, "latestAppliedPaymentAdequacyChange": nil}}
	}
	mult := s.PaymentFrequencyMultiplier
	if mult == 0 {
		mult = 1
	}
	return obj{
		"id": s.ID, "supplementaryLedger": ledger, "ledgerNumber": orNil(s.LedgerNumber), "validFrom": s.ValidFrom, "validTo": orNil(s.ValidTo),
		"reason": orNil(s.Reason), "paymentHolidayReason": "", "paymentDay": intOrNil(s.PaymentDay),
		"paymentFrequency": orNil(s.PaymentFrequency), "paymentFrequencyMultiplier": mult,
		"paymentAmount": s.PaymentAmount, "paymentAdequacyAdjustment": 0, "paymentAdequacyAdjustmentExpiryDate": nil,
		"isVariablePaymentAmount": s.IsVariablePaymentAmount, "totalDebtAmount": intOrNil(s.TotalDebtAmount),
		"isPaymentHoliday": s.IsPaymentHoliday, "scheduleType": orNil(s.ScheduleType),
	}
}

// intOrNil is n, or nil for 0 (none given).
func intOrNil(n int) any {
	if n == 0 {
		return nil
	}
	return n
}

// transactionTypeName maps a world transaction type to the TransactionType object.
func transactionTypeName(t string) string {
	switch t {
	case "CREDIT":
		return "Credit"
	case "PAYMENT":
		return "Payment"
	case "REPAYMENT":
		return "Refund"
	}
	return "Charge"
}

var importedFilters = map[string]string{
	"IMPORTED_CHARGES": "Charge", "IMPORTED_CREDITS": "Credit",
	"IMPORTED_PAYMENTS": "Payment", "IMPORTED_REPAYMENTS": "Refund",
}

// matchesFilter reports whether a transaction of the type, imported through data import
// or not, is one a TransactionTypeFilter names: IMPORTED_CHARGES only imported charges.
func matchesFilter(filter string, typename string, imported bool) bool {
	switch filter {
	case "ISSUED_TRANSACTIONS":
		return true
	case "ENERGY_CHARGES":
		return typename == "Charge"
	}
	return imported && importedFilters[filter] == typename
}

// onLedger is the key of a transaction list's arguments that keeps it to one ledger's
// (a ledger's own transactions), which no GraphQL argument can have.
const onLedger = "\x00ledger"

// transactionConnection lists transactions with AccountType.transactions' filters.
func transactionConnection(w *env, a *sim.Account, keep func(sim.Transaction) bool, args map[string]any) (any, error) {
	include := stringSet(args["transactionTypes"])
	exclude := stringSet(args["transactionTypesExcluded"])
	from, to := argString(args, "fromDate"), argString(args, "toDate")
	ledgerNumber := ledgerFilter(a, args)
	if l, ok := args[onLedger].(string); ok {
		ledgerNumber = l
	}
	// The ledger's history (every ledger's for none) in date order: the dates bound it by
	// two binary searches, and only the other filters read each transaction.
	h := w.ledgerHistory(a, ledgerNumber)
	lo, hi := 0, len(h.txs)
	if from != "" {
		lo = h.at(from)
	}
	if to != "" {
		hi = max(lo, h.at(to))
	}
	var kept []int32 // nil: all of h.txs[lo:hi]
	if keep != nil || len(include) > 0 || len(exclude) > 0 {
		kept = []int32{}
		for i := lo; i < hi; i++ {
			t := h.txs[i]
			name := transactionTypeName(t.Type)
			if keep != nil && !keep(*t) {
				continue
			}
			if imported := t.ImportSupplier != ""; len(include) > 0 && !anyFilter(include, name, imported) || anyFilter(exclude, name, imported) {
				continue
			}
			kept = append(kept, int32(i))
		}
	}
	n := hi - lo
	if kept != nil {
		n = len(kept)
	}
	desc := argString(args, "orderBy") != "POSTED_DATE_ASC"
	// Only the page's transactions become objects, however long the ledger.
	links := statementLinksOf(w, a)
	details := w.billing(a).details
	// The customer's balance after a transaction is the ledger's (the account's) balance
	// now less what was posted after it.
	node := func(k int) any {
		if desc {
			k = n - 1 - k
		}
		i := lo + k
		if kept != nil {
			i = int(kept[k])
		}
		t := h.txs[i]
		after := h.balanceNow(w, a, ledgerNumber) - (h.net[len(h.txs)] - h.net[i+1])
		name := transactionTypeName(t.Type)
		title := t.DisplayNote
		if title == "" {
			title = strings.ReplaceAll(strings.ToLower(t.Reason), "_", " ")
		}
		statement, issued := links.of(*t)
		m := obj{
			"__typename": name, "id": t.ID, "postedDate": t.Date, "createdAt": transactionCreated(w, name, *t),
			"accountNumber": a.Number, "amount": t.Amount, "amounts": transactionAmounts(name, *t, transactionTax(w, *t, w.accountTax(a))),
			"balanceCarriedForward": after, "isHeld": false, "isIssued": issued,
			"title": orNil(title), "billingDocumentIdentifier": orNil(statement), "statementId": orNil(statement), "isReversed": false,
			"hasStatement": statement != "", "note": transactionNote(name, t.Note),
		}
		if name == "Credit" {
			m["reasonCode"] = orNil(t.Reason)
		}
		if name == "Charge" {
			// What state lists says nothing of what it charged for; a charge of the
			// account's billing says what it does.
			maps.Copy(m, obj{"consumption": nil, "isExport": false, "detail": nil, "reasonCode": orNil(t.Reason),
				"lineItems": []any{}, "breakdownItems": []any{}, "taxItems": []any{}, "basedOnEstimatedReadings": "NOT_APPLICABLE"})
			if d, ok := details[t.ID]; ok {
				maps.Copy(m, d.chargeFields(w, *t))
			}
		}
		return m
	}
	return world.ConnectionOf(n, node, args, w.maxPage)
}

// transactionTax is the factor of the tax in a transaction: the goods' on a goods
// purchase or the credit that takes some back, energy (the account's energy tax) on
// anything else.
func transactionTax(w *env, t sim.Transaction, energy float64) float64 {
	if t.Reason == "GOODS_PURCHASE" || t.Reason == goodsRefund {
		return fake.GoodsTax(w.zone)
	}
	return energy
}

// transactionAmounts are a transaction's net, tax and gross amounts (transactionSplit)
// as the transaction types answer them.
func transactionAmounts(typename string, t sim.Transaction, taxRate float64) obj {
	net, tax, gross := transactionSplit(typename, t, taxRate)
	return obj{"net": net, "tax": tax, "gross": gross}
}

// transactionSplit is a transaction's net, tax and gross: a charge's split at the
// tenant's tax, as its statement splits it, and so a goods refund's, which takes back
// part of a charge; of a payment or refund only the net, as Kraken documents, its tax
// and gross 0 as Kraken answers them; a credit posted with its tax, as it was posted;
// any other credit's all net.
func transactionSplit(typename string, t sim.Transaction, taxRate float64) (net, tax, gross int) {
	switch {
	case typename == "Credit" && t.Tax != 0:
		return t.Amount - t.Tax, t.Tax, t.Amount
	case typename == "Charge", typename == "Credit" && t.Reason == goodsRefund:
		net := int(math.Round(float64(t.Amount) / taxRate))
		return net, t.Amount - net, t.Amount
	case typename == "Payment", typename == "Refund":
		return t.Amount, 0, 0
	}
	return t.Amount, 0, t.Amount
}

// transactionCreated is when Kraken recorded a transaction, after the day it was posted
// for, as a captured account's were: a charge in the evening after, when its billing run
// priced it, a payment three nights after, when the collection was reconciled, anything
// else the morning after; never after now (a transaction posted today was made now).
func transactionCreated(w *env, typename string, t sim.Transaction) any {
	day, ok := dayStart(t.Date, w.zone)
	if !ok {
		return nil
	}
	h := fake.HashStrings("created", t.ID, t.Date)
	at := day.AddDate(0, 0, 1).Add(10*time.Hour + time.Duration(h%7200)*time.Second)
	switch typename {
	case "Charge":
		at = day.AddDate(0, 0, 1).Add(21*time.Hour + time.Duration(h%3600)*time.Second)
	case "Payment":
		at = day.AddDate(0, 0, 3).Add(3*time.Hour + time.Duration(h%3600)*time.Second)
	}
	return dateTime(minTime(at, w.now), w.zone)
}

// transactionNote is a transaction's note as Kraken answers it: a payment's or refund's
// null without one, a charge's or credit's empty.
func transactionNote(typename, note string) any {
	if note == "" && (typename == "Payment" || typename == "Refund") {
		return nil
	}
	return note
}

func anyFilter(filters map[string]bool, typename string, imported bool) bool {
	for f := range filters {
		if matchesFilter(f, typename, imported) {
			return true
		}
	}
	return false
}

// propertyMeters are the serial numbers of a property's meters in place, by fuel (the
// first supply's of each), for the world's series under it that name none.
func propertyMeters(w *env, p *sim.Property) map[string]string {
	out := map[string]string{}
	today := w.today()
	for i := range p.ElectricityMeterPoints {
		mp := &p.ElectricityMeterPoints[i]
		k := electricityMeterInPlace(mp, today)
		switch {
		case k < 0:
		case exportPoint(mp) && out["export"] == "":
			out["export"] = mp.Meters[k].ID // an export meter is named by its id: its serial number is its import's
		case !exportPoint(mp) && out["electricity"] == "":
			out["electricity"] = mp.Meters[k].SerialNumber
		}
	}
	for i := range p.GasMeterPoints {
		if k := gasMeterInPlace(&p.GasMeterPoints[i], today); k >= 0 && out["gas"] == "" {
			out["gas"] = p.GasMeterPoints[i].Meters[k].SerialNumber
		}
	}
	return out
}

// propertyMap is a PropertyType.
func propertyMap(w *env, a *sim.Account, p *sim.Property) obj {
	lines := addressLines(p.Address)
	allowed := smets2InstallationAllowed(w, p)
	m := obj{
		"id":           p.ID,
		"postcode":     p.Address.Postcode,
		"address":      joinedAddress(p.Address),
		"richAddress":  richAddress(p.Address),
		"state":        stateChoice(p.Address),
		"splitAddress": append(slices.Clip(lines), p.Address.Postcode),
		"addressLine1": lineAt(lines, 0), "addressLine2": lineAt(lines, 1), "addressLine3": lineAt(lines, 2),
		"addressLine4": lineAt(lines, 3), "addressLine5": lineAt(lines, 4),
		"label":                       nil, // "an optional label", which no fixture gives
		"isChangeOfTenancyOngoing":    false,
		"isSmets2InstallationAllowed": allowed,
		"smartDeviceNetworks":         networkList(w, a, p),
		"embeddedNetwork":             embeddedNetwork(w, p.EmbeddedNetwork),
		"unmeteredSupplyPoints":       []any{}, // a street light's or a phone box's, not a home's
		"benchmarks":                  nil,     // "null if we don't have benchmark data", which no fixture gives
		// A home stands in no hierarchy of properties (a block's flats under the block).
		"parent":          nil,
		"ancestors":       sim.Lazy(func(args map[string]any) (any, error) { return connection(w, []any{}, args) }),
		"descendants":     sim.Lazy(func(args map[string]any) (any, error) { return connection(w, []any{}, args) }),
		world.LifetimeKey: w.occupancy(a, p),
		world.MetersKey:   tenancyMeters(a, propertyMeters(w, p)),
		"occupancyPeriods": []any{obj{
			"id": p.ID, "effectiveFrom": dateAsTime(p.OccupiedFrom, w.zone), "effectiveTo": dateAsTime(addDays(occupiedTo(a, p), 1), w.zone), "isOccupier": true,
			"accountNumber": a.Number, "numberOfOccupants": intOrNil(p.NumberOfOccupants),
		}},
		"electricityMeterPoints": sim.Lazy(func(map[string]any) (any, error) {
			out := []any{}
			for i := range p.ElectricityMeterPoints {
				out = append(out, electricityPoint(w, a, &p.ElectricityMeterPoints[i]))
			}
			return out, nil
		}),
		"gasMeterPoints": sim.Lazy(func(map[string]any) (any, error) {
			out := []any{}
			for i := range p.GasMeterPoints {
				out = append(out, gasPoint(w, a, &p.GasMeterPoints[i]))
			}
			return out, nil
		}),
		// A tenant that lists every fuel's meter points in one (Origin's meterPoints).
		"meterPoints": sim.Lazy(func(map[string]any) (any, error) {
			out := []any{}
			for i := range p.ElectricityMeterPoints {
				out = append(out, electricityPoint(w, a, &p.ElectricityMeterPoints[i]))
			}
			for i := range p.GasMeterPoints {
				out = append(out, gasPoint(w, a, &p.GasMeterPoints[i]))
			}
			for i := range p.WaterMeterPoints {
				out = append(out, waterPointMap(w, a, p, &p.WaterMeterPoints[i]))
			}
			return out, nil
		}),
	}
	m["availableSmets2InstallationTimeslots"] = sim.Lazy(func(map[string]any) (any, error) {
		out := []any{} // no engineer fits what may not be fitted
		for _, s := range installSlots(w, a, p, "", "TWO_HOUR") {
			out = append(out, obj{"appointmentDate": s.date, "startTime": s.start, "endTime": s.end})
		}
		return out, nil
	})
	return m
}

// fuelAgreements lists the account's electricity or gas agreements, only those in
// force today when args ask for active ones.
func fuelAgreements(w *env, a *sim.Account, args map[string]any, electricity bool) []any {
	return agreementsOf(w, a, args, electricity, !electricity)
}

// agreementsOf lists the account's agreements of the fuels asked for, only those in
// force today when args ask for active ones, and only the one args name by id.
func agreementsOf(w *env, a *sim.Account, args map[string]any, electricity, gas bool) []any {
	active, _ := args["active"].(bool)
	id, hasID := args["id"]
	out := []any{}
	add := func(ags []sim.Agreement, mpID string, point func() obj, electricity bool) {
		for _, ag := range ags {
			if s, _ := id.(string); hasID && s != ag.ID {
				continue
			}
			if !active || agreementActive(ag, w.today()) {
				out = append(out, agreementMap(w, a, ag, point(), mpID, electricity))
			}
		}
	}
	for i := range a.Properties {
		p := &a.Properties[i]
		for j := range p.ElectricityMeterPoints {
			if mp := &p.ElectricityMeterPoints[j]; electricity {
				add(mp.Agreements, mp.ID, func() obj { return electricityPoint(w, a, mp) }, true)
			}
		}
		for j := range p.GasMeterPoints {
			if mp := &p.GasMeterPoints[j]; gas {
				add(mp.Agreements, mp.ID, func() obj { return gasPoint(w, a, mp) }, false)
			}
		}
	}
	return out
}

func agreementActive(ag sim.Agreement, date string) bool { return ag.InForce(date) }

// meterPointAgreements are a meter point's agreements, those that have ended only with
// includeInactive (the field "filters out expired agreements by default"), and only
// those in force after validAfter when it is given.
func meterPointAgreements(w *env, a *sim.Account, mpID string, ags []sim.Agreement, point obj, electricity bool, args map[string]any) []any {
	after, hasAfter := parseTime(args["validAfter"], w.zone)
	inactive, _ := args["includeInactive"].(bool)
	today := w.today()
	out := []any{}
	for _, ag := range ags {
		if hasAfter && ag.ValidTo != "" && ag.ValidTo < after.In(w.zone).Format(time.DateOnly) {
			continue
		}
		if !inactive && ag.ValidTo != "" && ag.ValidTo <= today {
			continue
		}
		out = append(out, agreementMap(w, a, ag, point, mpID, electricity))
	}
	return out
}

// coolingOff is how long after an agreement is made it may be rescinded.
const coolingOff = 14 * 24 * time.Hour

// agreedAt is when an agreement was made: when state says, else three weeks before it
// began (when its quote was taken), but not before the account was opened, nor after it
// began.
func agreedAt(w *env, a *sim.Account, ag sim.Agreement) time.Time {
	if !ag.AgreedAt.IsZero() {
		return ag.AgreedAt
	}
	start, ok := dayStart(ag.ValidFrom, w.zone)
	if !ok {
		return a.CreatedAt
	}
	agreed := start.AddDate(0, 0, -21)
	if a.CreatedAt.After(agreed) {
		agreed = a.CreatedAt
	}
	return minTime(agreed, start)
}

func agreementMap(w *env, a *sim.Account, ag sim.Agreement, point obj, mpID string, electricity bool) obj {
	tariff := tariffFields(w, ag.ProductCode, ag.TariffCode, electricity, [2]string{ag.ValidFrom, ag.ValidTo}, w.pointTax(a, mpID, ag.TariffCode), w.paysOnReceipt(a))
	typename := "ElectricityAgreementType"
	switch {
	case !electricity:
		tariff["__typename"] = "GasTariffType"
		typename = "GasAgreementType"
	case prepayPoint(a, mpID):
		tariff["__typename"] = "PrepayTariff"
	case halfHourly(ag.TariffCode):
		tariff["__typename"] = "HalfHourlyTariff"
	case strings.Contains(ag.TariffCode, "-2R-"):
		tariff["__typename"] = "DayNightTariff"
	default:
		tariff["__typename"] = "StandardTariff"
	}
	agreed := agreedAt(w, a, ag)
	return obj{
		"__typename": typename, "isActive": agreementActive(ag, w.today()),
		"agreedAt": dateTime(agreed, w.zone), "ratesAgreedAt": dateTime(agreed, w.zone), "rescissionDeadlineAt": dateTime(agreed.Add(coolingOff), w.zone),
		"id": idInt(ag.ID), "validFrom": dateAsTime(ag.ValidFrom, w.zone), "validTo": dateAsTime(ag.ValidTo, w.zone),
		"agreedFrom": dateAsTime(ag.ValidFrom, w.zone), "agreedTo": dateAsTime(ag.ValidTo, w.zone), "isRevoked": false,
		"tariff": tariff, "meterPoint": point, "unitRateUplifts": []any{},
		"supplyType": supplyTypeOf(electricity), "terminatedAt": dateAsTime(ag.ValidTo, w.zone),
		"supplyPoint": supplyPoint(w, a, point, mpID, electricity),
		"product": sim.Lazy(func(map[string]any) (any, error) {
			if ag.ProductCode == "" {
				return nil, nil
			}
			return agreementProduct(w, ag, electricity), nil
		}),
		"account": sim.Lazy(func(map[string]any) (any, error) { return accountMap(w, a), nil }),
		"bestOffer": sim.Lazy(func(args map[string]any) (any, error) {
			return bestOffer(w, a, ag, mpID, electricity, args), nil
		}),
		"eligibleRebates": sim.Lazy(func(args map[string]any) (any, error) {
			return eligibleRebates(w, a, ag, mpID, electricity, args), nil
		}),
		"lineItems": sim.Lazy(func(args map[string]any) (any, error) { return agreementLineItems(w, a, ag, mpID, args) }),
	}
}

// supplyPoint is the supply point an agreement supplies (ElectricitySupplyPointType,
// GasSupplyPointType): its meter point, at its property, and its meter's readings.
func supplyPoint(w *env, a *sim.Account, point obj, mpID string, electricity bool) obj {
	typename, market := "GasSupplyPointType", marketOf(w, propertyOf(a, mpID), electricity)
	if electricity {
		typename = "ElectricitySupplyPointType"
	}
	ident, _ := point["identifier"].(string)
	return obj{
		"__typename": typename, "id": mpID, "marketName": market, "meterPoint": point,
		"property": sim.Lazy(func(map[string]any) (any, error) {
			if p := propertyOf(a, mpID); p != nil {
				return propertyMap(w, a, p), nil
			}
			return nil, nil
		}),
		"readings": sim.Lazy(func(args map[string]any) (any, error) { return supplyReadings(w, a, mpID, ident, electricity, args) }),
	}
}

// Held are the entities an account holds that a made-up object under it may name: the
// account itself, its properties, their meter points, its ledgers and its users; built
// once for the account's map.
func (c *accountCtx) Held() []map[string]any {
	if c.held == nil {
		c.held = &heldEntities{}
	}
	if c.held.all != nil {
		return c.held.all
	}
	w, a := c.w, c.a
	self := c.held.self
	if self == nil {
		self = accountFields.build(c, nil)
	}
	self["__typename"] = "AccountType"
	out := []map[string]any{self}
	for i := range a.Properties {
		p := &a.Properties[i]
		m := propertyMap(w, a, p)
		m["__typename"] = "PropertyType"
		out = append(out, m)
		for j := range p.ElectricityMeterPoints {
			out = append(out, electricityPoint(w, a, &p.ElectricityMeterPoints[j]))
		}
		for j := range p.GasMeterPoints {
			out = append(out, gasPoint(w, a, &p.GasMeterPoints[j]))
		}
	}
	for i := range a.Ledgers {
		m := ledgerMap(w, a, &a.Ledgers[i], i == 0)
		m["__typename"] = "LedgerType"
		out = append(out, m)
	}
	for _, u := range w.AccountUsers(a.Number) {
		m := userMap(w, u)
		m["__typename"] = "AccountUserType"
		out = append(out, m)
	}
	c.held.all = out
	return out
}

// readsByHand reports whether an account has a supply of the fuel whose meter in place
// is read by hand (not a smart meter): what a reading incentive rewards, Octoplus's
// points for a reading being for customers without a smart meter.
func readsByHand(w *env, a *sim.Account, electricity bool) bool {
	today := w.today()
	for i := range a.Properties {
		p := &a.Properties[i]
		if electricity {
			for _, mp := range p.ElectricityMeterPoints {
				if m := electricityMeterInPlace(&mp, today); m >= 0 && !mp.Meters[m].IsDigital {
					return true
				}
			}
			continue
		}
		for _, mp := range p.GasMeterPoints {
			if m := gasMeterInPlace(&mp, today); m >= 0 && !mp.Meters[m].IsDigital {
				return true
			}
		}
	}
	return false
}

// enrolment is a supply's EnrolmentType while it is being enrolled: its registration
// requested, to start on the day the last registration flow named, from the supplier
// still supplying it (current until the switch); nil once it is on supply, as Kraken
// answers when no enrolment is in progress.
func enrolment(w *env, status, start, current string) any {
	if status == "WITHDRAWN" {
		return obj{"switchStartDate": orNil(start), "supplyStartDate": nil, "previousSupplier": orNil(supplierName(w, current)), "status": "WITHDRAWN"}
	}
	if status != "PENDING_REGISTRATION" {
		return nil
	}
	return obj{"switchStartDate": orNil(start), "supplyStartDate": orNil(start), "previousSupplier": orNil(supplierName(w, current)), "status": "REQUESTED"}
}

// supplyTypeOf is the fuel an agreement or meter point supplies, as SupplyType names it.
func supplyTypeOf(electricity bool) string {
	if electricity {
		return "ELECTRICITY"
	}
	return "GAS"
}

// singleRateTPR is the time pattern regime of a meter's one register: 00001, all day,
// for the standard domestic settlement configuration (SSC 0393); null for others,
// whose registers the state does not split.
func singleRateTPR(ssc string) any {
	if ssc == "0393" {
		return "00001"
	}
	return nil
}

// gasReadFrequency is how often Xoserve expects a gas supply's reads: monthly (M) from
// a smart meter, annually (A) from one read by hand.
func gasReadFrequency(w *env, mp *sim.GasMeterPoint) string {
	if i := gasMeterInPlace(mp, w.today()); i >= 0 && mp.Meters[i].IsDigital {
		return "M"
	}
	return "A"
}

// electricityPoint is an ElectricityMeterPointType.
// supplierIDs are a meter point's suppliers in its registration: the current one new,
// or, while a registration is pending, old (the supplier it is leaving is still current).
func supplierIDs(m obj, status, mpid string) {
	m["newSupplierId"], m["oldSupplierId"] = orNil(mpid), nil
	if status == "PENDING_REGISTRATION" || status == "WITHDRAWN" {
		m["newSupplierId"], m["oldSupplierId"] = nil, orNil(mpid)
	}
}

func electricityPoint(w *env, a *sim.Account, mp *sim.ElectricityMeterPoint) obj {
	start := registrationStart(a, mp.ID, mp.RegistrationStartDate)
	status := pointStatus(w, a, mp.ID, mp.Status, start, "ON_SUPPLY")
	m := obj{
		"__typename": "ElectricityMeterPointType",
		"id":         numericID(mp.ID), "mpan": mp.Identifier(), "identifier": mp.Identifier(), "ssc": mp.SSC, "energisationStatus": mp.EnergisationStatus,
		"profileClass": mp.ProfileClass, "measurementClass": mp.MeasurementClass, "gspGroupId": orNil(mp.GSPGroupID),
		"status": orNil(status), "currentSupplierMpid": orNil(mp.CurrentSupplierMPID),
		"isOnSupply": status == "ON_SUPPLY", "energizationStatus": aemoEnergization(mp.EnergisationStatus),
		"supplyStatus":      krakenStatus(status),
		"requiresEnrolment": false, "requiresWithdrawal": false,
		"hasOpenOpeningReadDispute": false, "hasOpenClosingReadDispute": false,
		world.LifetimeKey:          w.supplyLifetime(a, mp.Agreements, mp.ID),
		"lastValidatedReadingDate": w.lastReadingDate(a, mp),
		"supplyType":               supplyTypeOf(true),
		"lnsp":                     networkMap(mp.NMI),
		"isExport":                 exportPoint(mp),
		"direction":                pointDirection(mp),
	}
	siteFields(m, a, mp.ID)
	m["enrolment"] = enrolment(w, status, start, mp.CurrentSupplierMPID)
	if status == "PENDING_REGISTRATION" && start != "" {
		m["targetSsd"] = start
	}
	supplierIDs(m, status, mp.CurrentSupplierMPID)
	if mp.NMI != "" {
		australianPointFields(w, m, a, mp)
	} else {
		smartRecord(w, m, a, mp)
		// The line loss factor class is a three-digit code the distributor assigns; the state
		// names none, so the MPAN picks one, the same each time.
		m["llf"] = strconv.FormatUint(100+fake.HashStrings("llfc", mp.Identifier())%900, 10)
	}
	m["meters"] = sim.Lazy(func(args map[string]any) (any, error) {
		want, filtered := integer(args, "id")
		out := []any{}
		for i := range mp.Meters {
			if filtered && idInt(mp.Meters[i].ID) != want || notYetFitted(status, mp.Meters[i].ActiveFrom, w.today()) {
				continue
			}
			out = append(out, electricityMeter(w, a, mp, &mp.Meters[i], m))
		}
		return out, nil
	})
	m["agreements"] = sim.Lazy(func(args map[string]any) (any, error) {
		return meterPointAgreements(w, a, mp.ID, mp.Agreements, m, true, args), nil
	})
	m["smartTariffOnboarding"] = sim.Lazy(func(map[string]any) (any, error) { return smartOnboarding(w, a, mp), nil })
	m["unbilledReadings"] = sim.Lazy(func(map[string]any) (any, error) {
		billedTo, names := billedTo(w, a), dayNightNames(w, mp)
		out := []any{}
		for i := range mp.Meters {
			var last sim.MeterReading
			for j, r := range mp.Meters[i].Readings {
				if r.ReadAt.After(billedTo) {
					out, last = joinRegisters(out, last, r, readingMap(mp.Meters[i].ID, j, r, "ElectricityMeterReadingType", w.zone), names)
				}
			}
		}
		return out, nil
	})
	return m
}

// pointDirection is which way an electricity supply's energy flows (newer SDLs'
// direction: IMPORT, or EXPORT for one on an export tariff), so that a client need not
// rely on where a household's export point is listed.
func pointDirection(mp *sim.ElectricityMeterPoint) string {
	if exportPoint(mp) {
		return "EXPORT"
	}
	return "IMPORT"
}

// krakenStatus is a supply's status as KrakenStatus says it: a live gas supply (LIVE) is
// ON_SUPPLY, one being registered is GAINING; nil for a status it has no word for.
func krakenStatus(status string) any {
	switch status {
	case "LIVE":
		return "ON_SUPPLY"
	case "PENDING_REGISTRATION":
		return "GAINING"
	case "ON_SUPPLY", "OFF_SUPPLY", "GAINING", "LOSING", "LOST":
		return status
	}
	return nil
}

// aemoEnergization is a UK energisation status (E, D) as the AEMO code an Australian
// tenant's energizationStatus takes (A for active, D for de-energised); nil for others.
func aemoEnergization(uk string) any {
	switch uk {
	case "E":
		return "A"
	case "D":
		return "D"
	}
	return nil
}

// notYetFitted reports whether a meter fitted from a day after today at a supply still
// registering is one its supplier does not hold yet: the meter a switch brings comes
// with its registration's completion.
func notYetFitted(status, activeFrom, today string) bool {
	return status == "PENDING_REGISTRATION" && activeFrom > today
}

// gasPoint is a GasMeterPointType.
func gasPoint(w *env, a *sim.Account, mp *sim.GasMeterPoint) obj {
	start := registrationStart(a, mp.ID, mp.RegistrationStartDate)
	status := pointStatus(w, a, mp.ID, mp.Status, start, map[bool]string{true: "LIVE", false: "ON_SUPPLY"}[mp.MIRN == ""])
	m := obj{
		"__typename": "GasMeterPointType",
		"id":         numericID(mp.ID), "mprn": mp.Identifier(), "identifier": mp.Identifier(), "status": orNil(status), "currentSupplierMpid": orNil(mp.CurrentSupplierMPID),
		"isOnSupply":        status == "ON_SUPPLY" || status == "LIVE",
		"supplyStatus":      krakenStatus(status),
		"distributor":       networkMap(mp.MIRN),
		"requiresEnrolment": false, "requiresWithdrawal": false,
		"hasOpenOpeningReadDispute": false, "hasOpenClosingReadDispute": false,
		world.LifetimeKey: w.supplyLifetime(a, mp.Agreements, mp.ID),
		"supplyType":      supplyTypeOf(false),
	}
	siteFields(m, a, mp.ID)
	gasZoneFields(m, a, mp.ID)
	if mp.MIRN == "" {
		m["meterReadBatchFrequency"] = gasReadFrequency(w, mp)
		m["smartStartDate"] = gasSmartStart(w, a, mp)
		gasQuantities(w, m, a, mp)
	}
	m["enrolment"] = enrolment(w, status, start, mp.CurrentSupplierMPID)
	if status == "PENDING_REGISTRATION" && start != "" {
		m["targetSsd"] = start
	}
	supplierIDs(m, status, mp.CurrentSupplierMPID)
	if mp.MIRN != "" { // a small gas supply has no agreed capacity
		m["supplyDetails"] = obj{"agreedCapacity": nil, "connectionUnits": nil}
	}
	m["meters"] = sim.Lazy(func(args map[string]any) (any, error) {
		want, filtered := integer(args, "id")
		out := []any{}
		for i := range mp.Meters {
			if filtered && idInt(mp.Meters[i].ID) != want || notYetFitted(status, mp.Meters[i].ActiveFrom, w.today()) {
				continue
			}
			out = append(out, gasMeter(w, a, mp, &mp.Meters[i], m))
		}
		return out, nil
	})
	m["agreements"] = sim.Lazy(func(args map[string]any) (any, error) {
		return meterPointAgreements(w, a, mp.ID, mp.Agreements, m, false, args), nil
	})
	m["unbilledReadings"] = sim.Lazy(func(map[string]any) (any, error) {
		billedTo := billedTo(w, a)
		out := []any{}
		for i := range mp.Meters {
			for j, r := range mp.Meters[i].Readings {
				if r.ReadAt.After(billedTo) {
					node := readingMap(mp.Meters[i].ID, j, r, "GasMeterReadingType", w.zone)
					australianGasReadingOf(w, a, mp, &mp.Meters[i], node)
					out = append(out, node)
				}
			}
		}
		return out, nil
	})
	return m
}

// billedTo is the instant the account's billing has billed its supply to: the start of
// its open statement period, or now when none is open yet; a reading after it is
// unbilled.
func billedTo(w *env, a *sim.Account) time.Time {
	if t, ok := dayStart(openPeriodStart(w, a), w.zone); ok {
		return t
	}
	return w.now
}

// readingID is the id of the reading at position i of a meter's readings that has none
// of its own: its meter's id and its position.
func readingID(meterID string, i int) string { return meterID + strconv.Itoa(1000 + i + 1)[1:] }

func readingMap(meterID string, i int, r sim.MeterReading, typename string, zone *time.Location) obj {
	register := r.Register
	if register == "" {
		register = "1"
	}
	source, label, name := r.Source, r.Source, registerName(register, zone)
	if gb, ok := gbReadingSources[source]; ok {
		source, label = gb[0], gb[1]
	}
	if fake.Country(zone) == "AU" {
		// What Australian tenants call how a reading came; one the state does not name
		// came in by import.
		source, label = cmp.Or(ausReadingSources[r.Source], "IMPORT_READING_CREATE"), r.Source
	}
	units := "kWh"
	if strings.HasPrefix(typename, "Gas") {
		units = "m³"
	}
	out := obj{
		"__typename": typename, "id": cmp.Or(r.ID, readingID(meterID, i)), "readAt": dateTime(r.ReadAt, zone),
		"readingSource": orNil(label), "source": orNil(source), "value": readingValue(dials(r.Value)), "units": units,
		"isQuarantined": false, "direction": "I",
		"registers": []any{obj{"identifier": register, "name": name, "value": readingValue(dials(r.Value)), "digits": registerDigits, "isQuarantined": false}},
	}
	if fake.Country(zone) == "AU" {
		// Its NEM quality, as a NEM13 file gives it: an estimate Kraken made is estimated
		// data (E) by AEMO's customer class method for a basic meter (63), any other
		// reading actual metering data (A), which takes no method.
		out["qualityFlag"], out["qualityMethod"] = "A", "A"
		if r.Source == "ESTIMATE" {
			out["qualityFlag"], out["qualityMethod"] = "E", "E63"
		}
	}
	return out
}

// readingValue is a reading's value as Kraken stores it, to five decimal places
// ("25612.44300", a captured smart reading's).
func readingValue(v float64) string { return strconv.FormatFloat(v, 'f', 5, 64) }

// registerName is what a meter and its readings call a register: Octopus's single-rate
// register is "Standard"; an Australian tenant's, and any other, "Register" and its
// identifier.
func registerName(identifier string, zone *time.Location) string {
	if identifier == "1" && fake.Country(zone) != "AU" {
		return "Standard"
	}
	return "Register " + identifier
}

// gbReadingSources are how Octopus's readings say how they came, as a code and in words:
// a smart meter's "SMART_METER", "Smart reading" (a single-rate register is "Standard").
var gbReadingSources = map[string][2]string{
	"SMART": {"SMART_METER", "Smart reading"}, "CUSTOMER": {"CUSTOMER", "Customer reading"}, "ESTIMATE": {"ESTIMATE", "Estimated reading"},
}

// ausReadingSources name a reading's source as Australian tenants do: a customer's own
// read is a self-reading, a smart meter's comes in its NEM12 interval data.
var ausReadingSources = map[string]string{"CUSTOMER": "SELF_READING_CREATE", "SMART": "READING_FROM_NEM12", "ESTIMATE": "KRAKEN_ESTIMATE"}

// readingConnection pages a meter's readings, newest first: of the event types asked for
// (eventTypes) and read within startAt and endAt, where the field takes them. Readings
// of a meter's registers taken together (at one time, from one source) are one reading
// of each register, which has the id and value of the first register's. names are what
// the meter calls its registers (nil: registerName); an Australian gas meter's (gas)
// with the gas each measured.
func readingConnection(w *env, meterID string, rs []sim.MeterReading, typename string, names map[string]string, gas *sim.GasMeter, args map[string]any) (any, error) {
	events := stringSet(args["eventTypes"])
	from, hasFrom := parseTime(args["startAt"], w.zone)
	to, hasTo := parseTime(args["endAt"], w.zone)
	nodes := make([]any, 0, len(rs))
	var last sim.MeterReading
	for i := len(rs) - 1; i >= 0; i-- {
		r := rs[i]
		if events != nil && !events[readingEvent(r.Source)] || hasFrom && r.ReadAt.Before(from) || hasTo && !r.ReadAt.Before(to) {
			continue
		}
		node := readingMap(meterID, i, r, typename, w.zone)
		if gas != nil && fake.Country(w.zone) == "AU" {
			australianGasReading(w, gas, rs, i, node)
		}
		nodes, last = joinRegisters(nodes, last, r, node, names)
	}
	return connection(w, nodes, args)
}

// joinRegisters adds the node of reading r to nodes, or, where the node added last
// (of reading last) is of readings of the meter's other registers taken with r (at one
// time, from one source), adds r's register to that node instead, its registers in
// order and its id and value the first register's, as ElectricityMeterReadingType
// gathers an Economy 7 meter's day and night values under one reading. names are what
// the meter calls its registers (nil: registerName). It returns the nodes and r.
func joinRegisters(nodes []any, last, r sim.MeterReading, node obj, names map[string]string) ([]any, sim.MeterReading) {
	register := cmpRegister(r.Register)
	if name, ok := names[register]; ok {
		node["registers"].([]any)[0].(obj)["name"] = name
	}
	n := len(nodes)
	if n == 0 || !r.ReadAt.Equal(last.ReadAt) || r.Source != last.Source {
		return append(nodes, node), r
	}
	prev := nodes[n-1].(obj)
	regs := prev["registers"].([]any)
	if slices.ContainsFunc(regs, func(x any) bool { return x.(obj)["identifier"] == register }) {
		return append(nodes, node), r
	}
	regs = append(regs, node["registers"].([]any)...)
	slices.SortStableFunc(regs, func(x, y any) int {
		return strings.Compare(x.(obj)["identifier"].(string), y.(obj)["identifier"].(string))
	})
	prev["registers"] = regs
	if regs[0].(obj)["identifier"] == register {
		prev["id"], prev["value"] = node["id"], node["value"]
	}
	return nodes, r
}

func electricityMeter(w *env, a *sim.Account, mp *sim.ElectricityMeterPoint, m *sim.ElectricityMeter, point obj) obj {
	meter := obj{
		"__typename": "ElectricityMeterType",
		"id":         m.ID, "nodeId": base64.StdEncoding.EncodeToString([]byte("ElectricityMeterType:" + m.ID)),
		"serialNumber": m.SerialNumber, "isDigital": m.IsDigital, "activeFrom": m.ActiveFrom, "activeTo": orNil(m.ActiveTo),
		"installationDate": orNil(m.ActiveFrom), "meterType": orNil(m.MeterType), "fuelType": "ELECTRICITY",
		"consumptionUnits": "kWh", "meterPoint": point, "importMeter": nil, "hasAndAllowsHhReadings": m.IsDigital,
		"isTradPrepay": false, "isReadyForTopup": false, "requiresCotFinalReading": false,
		"registers": electricityRegisters(w, a, mp, m),
		"readings": sim.Lazy(func(args map[string]any) (any, error) {
			return readingConnection(w, m.ID, electricityReads(w, a, mp, m), "ElectricityMeterReadingType", dayNightNames(w, mp), nil, args)
		}),
		world.LifetimeKey:  w.meterLifetime(m.ActiveFrom, point),
		world.ReadAsKey:    world.TenancyID(a.Number, m.ID),
		"manufacturedYear": fittedYear(m.ActiveFrom),
	}
	addElectricitySmartFields(w, a, mp, m, meter)
	prepaySmartFields(w, a, m.ID, meter)
	if mp.NMI != "" {
		australianMeterFields(w, meter, m)
		australianRegister(w, a, mp, m, meter["registers"].([]any)[0].(obj))
		meter["registers"].([]any)[0].(obj)["consumptionSummary"] = sim.Lazy(func(args map[string]any) (any, error) { return registerSummary(w, a, mp, m.ID, args) })
		meter["registers"].([]any)[0].(obj)["readingsSummary"] = sim.Lazy(func(args map[string]any) (any, error) { return readingsSummary(w, a, mp, m.ID, args) })
	}
	return meter
}

// electricityRegisters are an electricity meter's registers: its one standard register,
// or an Economy 7 meter's day and night registers (dayNightCode), each estimated to draw
// its share of the meter's year of use.
func electricityRegisters(w *env, a *sim.Account, mp *sim.ElectricityMeterPoint, m *sim.ElectricityMeter) []any {
	type kind struct {
		name, rate string
		tpr        any
		share      float64
	}
	kinds := map[string]kind{"1": {registerName("1", w.zone), "STANDARD", singleRateTPR(mp.SSC), 1}}
	if dayNightCode(w, mp) != "" {
		kinds = map[string]kind{"1": {"Day", "DAY", economy7DayTPR, 1 - nightShare}, "2": {"Night", "NIGHT", economy7NightTPR, nightShare}}
	}
	ids := meterRegisters(w, mp, m)
	if !slices.Equal(ids, meterRegisters(w, mp, nil)) {
		// Registers an import declared share the meter's use evenly.
		kinds = map[string]kind{}
		for _, id := range ids {
			kinds[id] = kind{registerName(id, w.zone), "STANDARD", singleRateTPR(mp.SSC), 1 / float64(len(ids))}
		}
	}
	out := []any{}
	for _, id := range ids {
		k := kinds[id]
		out = append(out, obj{"id": m.ID + id, "identifier": id, "digits": registerDigits, "decimalPlaces": 1, "name": k.name,
			"unitRateType": k.rate, "timePatternRegime": k.tpr, "multiplier": 1.0, // a whole-current meter's
			"eac": sim.Lazy(func(map[string]any) (any, error) {
				return decimal(registerEAC(w, a, mp, m, k.share)), nil
			}),
			"expectedReadingRanges": sim.Lazy(func(map[string]any) (any, error) { return registerExpectation(w, a, m.ID, id), nil }),
		})
	}
	return out
}

// registerEAC is a register's estimated annual consumption in whole kWh: its share of
// its meter's year of use (all of it, or an Economy 7 meter's day or night share), as
// GraphQL's register eac and REST's consumption_day and consumption_night give it.
func registerEAC(w *env, a *sim.Account, mp *sim.ElectricityMeterPoint, m *sim.ElectricityMeter, share float64) float64 {
	return math.Round(share * yearOfUse(w, electricityRegister(w, a, *mp, *m)))
}

// fittedYear is the year a meter fitted on the day (a date) was made: the year before,
// as a meter waits in stock; null for a meter of no known day.
func fittedYear(day string) any {
	if len(day) < 4 {
		return nil
	}
	y, err := strconv.Atoi(day[:4])
	if err != nil {
		return nil
	}
	return y - 1
}

func gasMeter(w *env, a *sim.Account, mp *sim.GasMeterPoint, m *sim.GasMeter, point obj) obj {
	meter := obj{
		"__typename": "GasMeterType",
		"id":         m.ID, "nodeId": base64.StdEncoding.EncodeToString([]byte("GasMeterType:" + m.ID)),
		"serialNumber": m.SerialNumber, "isDigital": m.IsDigital, "activeFrom": m.ActiveFrom, "activeTo": orNil(m.ActiveTo),
		"installationDate": orNil(m.ActiveFrom), "meterType": m.MeterType, "imperial": m.Imperial,
		"fuelType": "GAS", "consumptionUnits": gasConsumptionUnits(a, m), "meterPoint": point, "hasAndAllowsHhReadings": m.IsDigital,
		"isTradPrepay": false, "isReadyForTopup": false, "requiresCotFinalReading": false,
		"registers": []any{obj{"id": m.ID + "1", "identifier": "1", "digits": registerDigits, "decimalPlaces": 0, "name": registerName("1", w.zone), "unitRateType": "STANDARD",
			"expectedReadingRanges": sim.Lazy(func(map[string]any) (any, error) { return registerExpectation(w, a, m.ID, "1"), nil }),
		}},
		// A domestic meter has neither a collar nor a bypass fitted (Xoserve's Y or N).
		"collarFitted": "N", "bypassFitted": "N",
		// Its volume is corrected as its readings are turned into kWh; a reading of an
		// imperial meter counts hundreds of cubic feet.
		"correction": volumeCorrection, "readingFactor": decimal(map[bool]float64{false: 1, true: cubicMetresPerHundredFeet}[m.Imperial]),
		// Its units are what a step of its register counts, in its own measure: a cubic
		// metre, or a hundred cubic feet.
		"units":            map[bool]int{false: 1, true: 100}[m.Imperial],
		"manufacturedYear": fittedYear(m.ActiveFrom),
		"readings": sim.Lazy(func(args map[string]any) (any, error) {
			return readingConnection(w, m.ID, gasReads(w, a, mp, m), "GasMeterReadingType", nil, m, args)
		}),
		world.LifetimeKey: w.meterLifetime(m.ActiveFrom, point),
		world.ReadAsKey:   world.TenancyID(a.Number, m.ID),
	}
	if fake.Country(w.zone) == "AU" {
		// Australian tenants type a gas meter by what it meters (AusGasMeterType) and give
		// its size apart.
		meter["meterType"], meter["meterTypeSizeCode"] = "GAS", orNil(m.MeterType)
		australianGasMeter(w, a, mp, m, meter)
	}
	addGasSmartFields(w, a, m, meter)
	prepaySmartFields(w, a, m.ID, meter)
	if fake.Country(w.zone) != "AU" {
		gasMeterOwner(w, a, mp, m, meter)
	}
	return meter
}

// gasMeterLocations are where a British home's gas meter usually is.
var gasMeterLocations = []string{"Under stairs", "Kitchen", "Outside meter box", "Garage", "Hallway cupboard", "Cellar"}

// gasMeterOwner gives a British gas meter its owner and asset manager, as its supply
// point's ownership type says (a smart meter the supplier's, the account's brand; a
// traditional one its transporter's, the network of its local distribution zone), one
// place for its location and its description, and no special reading instructions.
func gasMeterOwner(w *env, a *sim.Account, mp *sim.GasMeterPoint, m *sim.GasMeter, meter obj) {
	owner := codeWords(a.Brand)
	if !supplierOwns(m) {
		if ad, ok := siteOf(a, mp.ID); ok && ldzNetworks[ldzOf(ad.Postcode)] != "" {
			owner = ldzNetworks[ldzOf(ad.Postcode)]
		}
	}
	place := gasMeterLocations[fake.HashStrings("gas meter location", m.ID)%uint64(len(gasMeterLocations))]
	meter["owner"], meter["currentMeterAssetManager"] = owner, owner
	meter["location"], meter["locationDescription"], meter["instructions"] = place, place, ""
}

// quoteMap is a GoodsQuote.
func quoteMap(q *sim.GoodsQuote, now time.Time, zone *time.Location) obj {
	products := make([]any, 0, len(q.Products))
	for _, p := range q.Products {
		products = append(products, obj{
			"product": p.Code, "numberOfUnits": p.NumberOfUnits, "pricePerUnit": p.PricePerUnit,
			"netAmount": p.PricePerUnit * p.NumberOfUnits, "currency": fake.Currency(zone),
		})
	}
	return obj{
		"id": idInt(q.ID), "code": q.Code, "totalNetAmount": q.TotalNetAmount, "quotedAt": dateTime(q.QuotedAt, zone),
		"goodsQuotedProducts": products, "hasQuoteExpired": quoteExpired(q, now),
	}
}

// quoteValidity is how long a goods quote can be accepted.
const quoteValidity = 30 * 24 * time.Hour

// quoteExpired reports whether a goods quote is past its validity at now.
func quoteExpired(q *sim.GoodsQuote, now time.Time) bool {
	return !q.QuotedAt.IsZero() && now.After(q.QuotedAt.Add(quoteValidity))
}

// purchaseMap is a GoodsPurchase, priced in the money and goods tax of zone's country.
func purchaseMap(a *sim.Account, p *sim.GoodsPurchase, zone *time.Location) obj {
	items := make([]any, 0, len(p.Items))
	for _, it := range p.Items {
		net := float64(it.PricePerUnit*it.NumberOfUnits) / 100
		items = append(items, obj{
			"product": it.ProductCode, "numberOfUnits": it.NumberOfUnits, "pricePerUnit": float64(it.PricePerUnit) / 100,
			"netAmount": net, "grossAmount": float64(itemGross(it, zone)) / 100, "currency": fake.Currency(zone),
		})
	}
	var ledgerID any
	if l := ledgerFor(a, p.LedgerNumber); l != nil {
		ledgerID = orNil(l.ID)
	}
	return obj{
		"code": p.Code, "ledgerId": ledgerID, "goodsSaleItems": items, "goodsGrants": []any{},
		"clientParams": orNil(p.ClientParams), "marketParams": orNil(p.MarketParams),
	}
}
