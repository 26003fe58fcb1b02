package accounts

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/krakensim/krakensim/internal/lazyre"
	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/fake"
)

// A product looked up by its code (energyProduct(code:)) is the one the accounts'
// agreements name: what its code says of it (variable or fixed, its term, when it
// launched, import or export), and its tariffs at a postcode, whose codes and prices
// are those an agreement on the product in that region has.

// productDate is the launch date a product code carries (VAR-22-11-01, AGILE-24-10-01).
var productDate = lazyre.New(`(\d{2})-(\d{2})-(\d{2})`)

// productTerm is the fixed term a product code states in months (OE-FIX-12M-24-09-01).
var productTerm = lazyre.New(`-(\d{1,2})M-`)

// productFamilies name a product by the words of its code, the first that matches.
var productFamilies = []struct{ word, name string }{
	{"FAN", "Fan Club"}, {"INTELLI", "Intelligent Go"}, {"AGILE", "Agile"}, {"COSY", "Cosy"}, {"GO", "Go"},
	{"OUTGOING", "Outgoing"}, {"EXPORT", "Outgoing"}, {"TRACKER", "Tracker"}, {"SILVER", "Tracker"},
	{"FIX", "Fixed"}, {"VAR", "Flexible"},
}

// onboardingCodes are the smart tariffs a supply is onboarded to (SmartOnboardingTariffCodes),
// by product family.
var onboardingCodes = map[string]string{
	"Intelligent Go": "INTELLIGENT_OCTOPUS", "Agile": "AGILE_OCTOPUS", "Cosy": "COSY_OCTOPUS", "Go": "OCTOPUS_GO",
}

// smartOnboarding is an electricity meter point's smartTariffOnboarding: its latest move
// onto a smart tariff (an agreement whose product's family the one before it was not),
// its terms accepted when that agreement was made, started until the agreement begins
// and completed since; nil for a supply never moved onto one.
func smartOnboarding(w *env, a *sim.Account, mp *sim.ElectricityMeterPoint) any {
	ags := slices.Clone(mp.Agreements)
	slices.SortStableFunc(ags, func(x, y sim.Agreement) int { return strings.Compare(x.ValidFrom, y.ValidFrom) })
	var out any
	prev := ""
	for _, ag := range ags {
		code := onboardingCodes[productName(ag.ProductCode)]
		if code != "" && code != prev {
			status, at := "COMPLETED", agreedAt(w, a, ag)
			if ag.ValidFrom > w.today() {
				status = "STARTED"
			} else if begun, ok := dayStart(ag.ValidFrom, w.zone); ok && begun.After(at) {
				at = begun
			}
			out = obj{"id": ag.ID, "latestStatus": status, "latestTermsStatus": "TERMS_ACCEPTED", "smartTariffCode": code,
				"lastUpdated": dateTime(at, w.zone)}
		}
		prev = code
	}
	return out
}

// termMonths is the fixed term a product code states, in months; false for none.
func termMonths(code string) (int, bool) {
	m := productTerm().FindStringSubmatch(strings.ToUpper(code))
	if m == nil {
		return 0, false
	}
	months, err := strconv.Atoi(m[1])
	return months, err == nil
}

// prepayProduct reports whether a product's code names it a prepayment product
// (PREPAY-VAR-18-09-21, COOP-PP-VAR-20-04-01).
func prepayProduct(code string) bool {
	upper := strings.ToUpper(code)
	return strings.Contains(upper, "PREPAY") || slices.Contains(strings.Split(upper, "-"), "PP")
}

// productName is the display name a product code's family gives it; "" for none.
func productName(code string) string { return familyNames.get(code, familyName) }

// familyNames holds productName's answers: a price is looked up each half hour a cost
// sums, and each asks its product's family.
var familyNames codeMemo

// familyName is productName's name of a code, worked out from its words.
func familyName(code string) string {
	for _, w := range strings.FieldsFunc(strings.ToUpper(code), func(r rune) bool { return r == '-' }) {
		for _, f := range productFamilies {
			if strings.HasPrefix(w, f.word) {
				return f.name
			}
		}
	}
	return ""
}

// launched is the day a product code says its product launched, in zone; false when it
// carries no date.
func launched(code string, zone *time.Location) (time.Time, bool) {
	m := productDate().FindStringSubmatch(code)
	if m == nil {
		return time.Time{}, false
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	d, _ := strconv.Atoi(m[3])
	t := time.Date(2000+y, time.Month(mo), d, 0, 0, 0, 0, zone)
	if t.Month() != time.Month(mo) || t.Day() != d {
		return time.Time{}, false
	}
	return t, true
}

// octopusNames are the names Octopus Energy sells its product families under, as
// Kraken's answers to Octopus's clients show them ("Octopus Go", "Intelligent Octopus
// Go", "Flexible Octopus"); a fixed product's states its term ("Octopus 12M Fixed").
var octopusNames = map[string]string{
	"Flexible": "Flexible Octopus", "Agile": "Agile Octopus", "Go": "Octopus Go", "Intelligent Go": "Intelligent Octopus Go",
	"Cosy": "Cosy Octopus", "Tracker": "Octopus Tracker", "Outgoing": "Outgoing Octopus", "Fixed": "Octopus Fixed",
}

// productNames are a product's display name and full name (the display name and the
// month it launched): its family's, by Octopus's names where the tenant's accounts are
// Octopus Energy's; its code for both when its family is not known.
func productNames(w *env, code string) (display, full string) {
	display = productName(code)
	if display == "" {
		return code, code
	}
	if name, ok := octopusNames[display]; ok && w.brand() == "OCTOPUS_ENERGY" {
		display = name
		if months, fixed := termMonths(code); fixed && productName(code) == "Fixed" {
			display = "Octopus " + strconv.Itoa(months) + "M Fixed"
		}
	}
	if from, ok := launched(code, w.zone); ok {
		return display, display + " " + from.Format("January 2006")
	}
	return display, display
}

// productDescription is what a product's prices do: follow the market each half hour,
// stay fixed for its term, or change with notice.
func productDescription(code string) string {
	upper := strings.ToUpper(code)
	months, termed := termMonths(code)
	switch fixed := strings.Contains(upper, "FIX"); {
	case strings.Contains(upper, "AGILE"):
		return "Prices that change every half hour with the wholesale market."
	case productName(code) == "Fan Club":
		return "A unit rate 20% lower in the half hours its fan's wind turbine turns fast, 50% lower when it is very windy."
	case fixed && termed:
		return "Prices fixed for " + strconv.Itoa(months) + " months."
	case fixed:
		return "Prices fixed for the product's term."
	}
	return "Prices that can change, with notice."
}

// productMap is the EnergyProductType with code.
func productMap(e *env, code string) obj {
	upper := strings.ToUpper(code)
	fixed := strings.Contains(upper, "FIX")
	name, full := productNames(e, code)
	direction := "IMPORT"
	if strings.Contains(upper, "OUTGOING") || strings.Contains(upper, "EXPORT") {
		direction = "EXPORT"
	}
	var term any
	if months, ok := termMonths(code); ok && fixed {
		term = months
	}
	availableFrom := dateTime(productLaunch(e, code), e.zone)
	m := obj{
		// The product's id is its code's, the same wherever it is named.
		"id":         strconv.FormatUint(100000+fake.HashStrings("product", code)%900000, 10),
		"__typename": "EnergyProductType", "code": code, "displayName": name, "fullName": full, "description": productDescription(code),
		"isVariable": !fixed, "isFixed": fixed, "term": term, "direction": direction,
		"isChargedHalfHourly": halfHourlyFamilies[productName(code)], "isPrepay": prepayProduct(code),
		"isBusiness": businessProduct(code), "isDomestic": !businessProduct(code),
		"availableFrom": availableFrom, "availableTo": nil, "isAvailable": true, "isUnavailable": false, "isGreen": greenProduct(code),
		// Flexible is the tariff a new customer is put on; no product is an occupier's,
		// the Energy Price Guarantee (October 2022 to June 2023) no longer reduces any
		// rate, and none charges for leaving early (Octopus's exit fee type NONE). The
		// catalogue keeps no internal notes or tags.
		"isDefault": productName(code) == "Flexible", "isOccupier": false, "includesEpgReduction": false, "isHidden": false,
		"notes": "", "tags": []any{}, "exitFees": 0, "exitFeesType": "NONE",
	}
	if until, ok := withdrawn(e, code); ok {
		m["availableTo"], m["isAvailable"], m["isUnavailable"] = dateTime(until, e.zone), false, true
	}
	if productLaunch(e, code).After(e.now) { // not launched yet, on the session's clock
		m["isAvailable"], m["isUnavailable"] = false, true
	}
	m["tariffs"] = sim.Lazy(func(args map[string]any) (any, error) {
		postcode, _ := args["postcode"].(string)
		return connection(e, productTariffs(e, code, gspOf(postcode)), args)
	})
	return m
}

// productTariffs are a product's tariffs in a region (a GSP group's letter): single-
// and two-rate electricity, and gas for a product that supplies it; none outside the
// regions.
func productTariffs(e *env, code, region string) []any {
	if region == "" {
		return []any{}
	}
	out := []any{}
	for _, t := range tariffKinds(code) {
		tc := t.prefix + code + "-" + region
		m := tariffFields(e, code, tc, t.electricity, [2]string{}, e.tariffTax(tc), false)
		m["__typename"] = t.typename
		out = append(out, m)
	}
	return out
}

// tariffKind is a kind of tariff a product may have: its code's prefix, its type, its
// fuel.
type tariffKind struct {
	prefix, typename string
	electricity      bool
}

// allTariffKinds are single- and two-rate electricity, then gas.
var allTariffKinds = []tariffKind{{"E-1R-", "StandardTariff", true}, {"E-2R-", "DayNightTariff", true}, {"G-1R-", "GasTariffType", false}}

// timeOfUseKinds are the tariffs of a smart tariff whose rate changes with the time of
// day or by the half hour: a smart meter's single register (a product's tariffs list it
// as a StandardTariff, at its day or standard rate, as EnergyTariffType has no
// half-hourly member; an agreement on it is a HalfHourlyTariff).
var timeOfUseKinds = []tariffKind{{"E-1R-", "StandardTariff", true}}

// singleRateKinds are the tariffs of a product sold for single-register meters alone,
// electricity and gas, as Octopus sells Tracker (no Economy 7).
var singleRateKinds = []tariffKind{allTariffKinds[0], allTariffKinds[2]}

// tariffKinds are the kinds of tariff a product has, as its family says.
func tariffKinds(code string) []tariffKind {
	switch productName(code) {
	case "Outgoing":
		return allTariffKinds[:1] // an export is paid at one rate
	case "Go", "Intelligent Go", "Agile", "Cosy", "Fan Club":
		return timeOfUseKinds
	case "Tracker":
		return singleRateKinds
	}
	return allTariffKinds
}

// tariffFields are the fields of a tariff on a product that say what it is and costs,
// with tax at the factor tax, as an agreement on it and the product's tariffs both show them
// (at the prices one paying on receipt pays, receipt);
// a half-hourly tariff lists the unit rates of today's half hours when asked, those in
// valid (an agreement's first and last days, "" for open) of them.
func tariffFields(w *env, productCode, tariffCode string, electricity bool, valid [2]string, tax float64, receipt bool) obj {
	m := obj{"id": tariffID(tariffCode), "tariffCode": tariffCode, "productCode": orNil(productCode), "displayName": nil, "fullName": nil, "description": nil,
		"isExport": exportTariff(tariffCode)}
	if productCode != "" {
		m["displayName"], m["fullName"] = productNames(w, productCode)
		m["description"] = productDescription(productCode)
	}
	prices := w.prices(tariffCode, electricity, w.now)
	if receipt {
		prices = prices.onReceipt(tariffCode)
	}
	prices = prices.taxedAt(tax)
	for k, v := range prices.priceFields() {
		m[k] = v
	}
	if electricity && halfHourly(tariffCode) {
		m["unitRates"] = sim.Lazy(func(map[string]any) (any, error) { return todaysRates(w, tariffCode, prices, valid), nil })
	}
	switch {
	case electricity && agile(tariffCode):
		m["agileCalculationInfo"] = agileInfo(tariffCode)
	case electricity && timeOfUse(tariffCode):
		m["preVatUnitRate"], m["unitRate"] = prices.day, prices.taxed(prices.day)
	}
	return m
}

// tariffID is a tariff's id: a number of its own, as Kraken's are ("175911"), the same
// for its code wherever it is listed.
func tariffID(code string) string {
	return strconv.FormatUint(100000+fake.HashStrings("tariff id", code)%900000, 10)
}

// todaysRates are a half-hourly tariff's unit rates (UnitRate) over the periods that
// make up today and tomorrow, whole: last night's off-peak, the day, tonight's,
// tomorrow's day and night, as a captured Intelligent Octopus Go agreement lists them
// ("returned for the current and next day"); Agile's half hours of today and tomorrow
// as far as their prices are published; only those in valid (an agreement's first and
// last days, "" for open).
func todaysRates(w *env, code string, p tariffPrices, valid [2]string) []any {
	day := w.now.In(w.zone)
	start, end := time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, w.zone), time.Date(day.Year(), day.Month(), day.Day()+2, 0, 0, 0, 0, w.zone)
	if agile(code) {
		end = agilePublishedTo(w.now, w.zone)
	}
	if from, ok := dayStart(valid[0], w.zone); ok {
		start = maxTime(start, from)
	}
	if to, ok := dayStart(valid[1], w.zone); ok {
		end = minTime(end, to)
	}
	out := []any{}
	// Each at the prices in force then: a step with the market splits a night.
	for _, sp := range priceSpans(code, true, w.zone, w.now, start.Add(-24*time.Hour), end.Add(24*time.Hour)) {
		for _, r := range ratePeriods(code, sp.prices.taxedAt(p.tax), sp.from, sp.to, w.zone) {
			if !r.to.After(start) || !r.from.Before(end) {
				continue
			}
			out = append(out, obj{"validFrom": dateTime(r.from, w.zone), "validTo": dateTime(r.to, w.zone), "value": r.value, "preVatValue": r.pre})
		}
	}
	return out
}

// energyProduct answers energyProduct(code:): the product with that code; null for a
// code that names none (empty, or one that carries no launch date and no agreement is
// on).
func energyProduct(_ context.Context, c *sim.Call) (any, error) {
	code := strings.TrimSpace(c.StringArg("code"))
	e := newEnv(c)
	if !knownProduct(e, code) {
		return nil, nil
	}
	return productMap(e, code), nil
}

// availableProductFromDisplayName answers the catalogue's available product whose
// display name begins with the one given ("Agile" finds Agile Octopus), where several
// do a home's before a business's, then the newest; null for none.
func availableProductFromDisplayName(_ context.Context, c *sim.Call) (any, error) {
	prefix := strings.ToLower(strings.TrimSpace(c.StringArg("displayName")))
	if prefix == "" {
		return nil, nil
	}
	e := newEnv(c)
	var found obj
	for _, code := range productCodes(e) {
		if name, _ := productNames(e, code); !strings.HasPrefix(strings.ToLower(name), prefix) {
			continue
		}
		p := productMap(e, code)
		if p["isAvailable"] != true {
			continue
		}
		switch {
		case found == nil, found["isBusiness"] == true && p["isBusiness"] != true: // a home's before a business's
			found = p
		case found["isBusiness"] == p["isBusiness"] && productLaunch(e, code).After(productLaunch(e, found["code"].(string))):
			found = p
		}
	}
	if found == nil {
		return nil, nil
	}
	return found, nil
}

// knownProduct reports whether the catalogue knows a product: its code carries a launch
// date, or an agreement is on it.
func knownProduct(e *env, code string) bool {
	if code == "" {
		return false
	}
	if _, dated := launched(code, e.zone); dated {
		return true
	}
	_, agreed := firstAgreed(e, code)
	return agreed
}

// productLaunch is the day a product was first available: the launch date its code
// carries, else the day the first agreement on it began.
func productLaunch(e *env, code string) time.Time {
	from, dated := launched(code, e.zone)
	if !dated {
		from, _ = firstAgreed(e, code)
	}
	return from
}

// firstAgreed is the day the first agreement on a product whose code carries no launch
// date began, as its launch; the start of the clock's year, and false, when no
// agreement is on it.
func firstAgreed(e *env, code string) (time.Time, bool) {
	var first time.Time
	for _, a := range e.Accounts {
		eachAgreements(a, func(ags []sim.Agreement, _ bool) {
			for _, ag := range ags {
				if t, ok := dayStart(ag.ValidFrom, e.zone); ok && ag.ProductCode != "" && strings.EqualFold(ag.ProductCode, code) && (first.IsZero() || t.Before(first)) {
					first = t
				}
			}
		})
	}
	if first.IsZero() {
		return time.Date(e.now.In(e.zone).Year(), time.January, 1, 0, 0, 0, 0, e.zone), false
	}
	return first, true
}

// withdrawn is the day a product left sale: one the catalogue no longer offers left
// when the next product of its family and kind (domestic or business, prepay or not)
// launched, before today; false for one still on sale.
func withdrawn(e *env, code string) (time.Time, bool) {
	from, dated := launched(code, e.zone)
	if !dated || slices.ContainsFunc(energyCatalogue, func(c string) bool { return strings.EqualFold(c, code) }) {
		return time.Time{}, false
	}
	family, business := productName(code), strings.HasPrefix(strings.ToUpper(code), "BUS")
	var next time.Time
	for _, other := range slices.Concat(productCodes(e), supersededProducts) {
		t, ok := launched(other, e.zone)
		if ok && t.After(from) && !t.After(e.now) && productName(other) == family &&
			strings.HasPrefix(strings.ToUpper(other), "BUS") == business && prepayProduct(other) == prepayProduct(code) && (next.IsZero() || t.Before(next)) {
			next = t
		}
	}
	return next, !next.IsZero()
}

// productCodes are the catalogue's products and those the session's accounts are or
// were on, in code order, worked out once a call.
func productCodes(e *env) []string {
	if e.codes != nil {
		return e.codes
	}
	codes := slices.Clone(energyCatalogue)
	for _, a := range e.Accounts {
		eachAgreements(a, func(ags []sim.Agreement, _ bool) {
			for _, ag := range ags {
				if ag.ProductCode != "" {
					codes = append(codes, ag.ProductCode)
				}
			}
		})
	}
	slices.Sort(codes)
	e.codes = slices.Compact(codes)
	return e.codes
}

// energyCatalogue are the energy products on offer besides those the accounts are on.
var energyCatalogue = []string{
	"VAR-22-11-01", "AGILE-24-10-01", "GO-VAR-22-10-14", "INTELLI-VAR-24-10-29",
	"COSY-22-12-08", "OE-FIX-12M-24-09-01", "OUTGOING-VAR-24-10-26",
}

// businessCatalogue are the business products on offer, to business accounts only.
var businessCatalogue = []string{"BUS-VAR-23-04-01"}

// onSaleProducts are the products on offer: the catalogue's for homes, then its
// business ones.
func onSaleProducts() []string { return slices.Concat(energyCatalogue, businessCatalogue) }

// halfHourlyFamilies are the smart tariffs, charged by the half hour a smart meter
// records: Agile's prices, and Go's, Intelligent Go's and Cosy's times of day.
var halfHourlyFamilies = map[string]bool{"Agile": true, "Go": true, "Intelligent Go": true, "Cosy": true}

// greenProduct reports whether Octopus flags a product green: Agile and its named green
// tariffs, not Flexible, Go, Cosy or its fixes, though their electricity is renewable too
// (captured answers of both APIs say so).
func greenProduct(code string) bool {
	return productName(code) == "Agile" || strings.Contains(strings.ToUpper(code), "GREEN")
}

// productFilters are the Boolean fields of a product that energyProducts(filterBy:)
// keeps it by.
var productFilters = map[string]string{
	"PREPAY": "isPrepay", "BUSINESS": "isBusiness", "DOMESTIC": "isDomestic", "VARIABLE": "isVariable",
	"FIXED": "isFixed", "SMART": "isChargedHalfHourly", "GREEN": "isGreen",
}

// energyProducts answers energyProducts(postcode:): the catalogue's products and those
// the session's accounts are or were on, in code order, that have tariffs at the
// postcode, pass every filterBy filter and are on sale or not as availability asks.
func energyProducts(_ context.Context, c *sim.Call) (any, error) {
	e := newEnv(c)
	args := c.Field.Args
	if gspOf(c.StringArg("postcode")) == "" {
		return connection(e, []any{}, args)
	}
	if !sellsBrand(e, args) {
		return nil, c.Error("KT-GB-9516")
	}
	filters, _ := args["filterBy"].([]any)
	out := []any{}
	for _, code := range productCodes(e) {
		p := productMap(e, code)
		keep := args["availability"] == nil || p["isAvailable"] == (args["availability"] == "AVAILABLE")
		for _, f := range filters {
			if field, ok := productFilters[fmt.Sprint(f)]; ok && p[field] != true {
				keep = false
			}
		}
		if keep {
			out = append(out, p)
		}
	}
	return connection(e, out, args)
}

// sellsBrand reports whether the brands energyProducts asks for (brand, brands) include
// the tenant's, whose products they are; true when it asks for none.
func sellsBrand(e *env, args map[string]any) bool {
	list, _ := args["brands"].([]any)
	asked, sells := false, false
	for _, b := range append(slices.Clip(list), args["brand"]) {
		if s, _ := b.(string); s != "" {
			asked, sells = true, sells || strings.EqualFold(s, e.brand())
		}
	}
	return !asked || sells || e.brand() == ""
}

// gspOf is the letter of the GSP group (the region a tariff code ends with) that a UK
// postcode's area lies in; "" for a postcode of no known area.
func gspOf(postcode string) string {
	p := strings.ToUpper(strings.TrimSpace(postcode))
	n := 0
	for n < len(p) && n < 2 && p[n] >= 'A' && p[n] <= 'Z' {
		n++
	}
	if n == 0 {
		return ""
	}
	return gspAreas()[p[:n]]
}

// gspAreas are the GSP groups of the UK's postcode areas, by the region most of the
// area lies in (_A Eastern … _P North Scotland).
var gspAreas = sync.OnceValue(func() map[string]string {
	groups := map[string]string{
		"A": "AL CB CM CO IP LU NR PE SG SS MK",
		"B": "DE LE LN NG NN",
		"C": "E EC N NW SE SW W WC BR CR DA EN HA IG KT RM SM TW UB",
		"D": "CH L LL CW",
		"E": "B CV DY WS WV ST TF WR HR SY",
		"F": "DH DL NE SR TS",
		"G": "BB BL CA FY LA M OL PR SK WN WA",
		"H": "BH GU OX PO RG SL SO SP HP",
		"J": "BN CT ME RH TN",
		"K": "CF NP SA LD",
		"L": "BA BS DT EX GL PL TA TQ TR SN",
		"M": "BD DN HD HG HU HX LS S WF YO",
		"N": "DG EH G KA ML TD FK KY PA",
		"P": "AB DD IV KW PH HS ZE",
	}
	out := map[string]string{}
	for g, areas := range groups {
		for _, a := range strings.Fields(areas) {
			out[a] = g
		}
	}
	return out
})

// TariffProduct is the product a tariff code of the catalogue's shape is on: its fuel
// and rate prefix, a product family Kraken sells with its launch date, and its region
// (a Great Britain region's letter or an Australian network's name); E-1R-VAR-22-11-01-C
// is on VAR-22-11-01. False for any other code.
func TariffProduct(code string) (string, bool) {
	prefix, region := tariffShape(code)
	if !slices.ContainsFunc(allTariffKinds, func(k tariffKind) bool { return k.prefix == prefix }) || region == "" || strings.IndexFunc(region, func(r rune) bool { return r < 'A' || r > 'Z' }) >= 0 || len(code) <= len(prefix)+len(region)+1 {
		return "", false
	}
	product := code[len(prefix) : len(code)-len(region)-1]
	if familyName(product) == "" || !productDate().MatchString(product) {
		return "", false
	}
	if _, ok := launched(product, time.UTC); !ok {
		return "", false
	}
	return product, true
}
