package accounts

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/fake"
	"github.com/krakensim/krakensim/sim/workdays"
)

// A prospect's quote (createQuote, then quote(code:)): the products on sale in the
// postcode's region, each priced on the consumption given (Ofgem's typical where it is
// an estimate) as a year on it would be, with tax, kept in the session for the sign-up
// that follows.

// signupQuote is a quote a prospect asked for.
type signupQuote struct {
	code, postcode, gsp, brand, payment string
	business                            bool
	mpan, mprn                          string
	elec, gas                           bool
	twoRate                             bool
	smart                               bool // the MPAN's meter in place is smart
	standard, day, night, gasKWh        int
	elecEstimate, gasEstimate           bool
	address                             map[string]any
}

// quotesKey keys a session's sign-up quotes (map by code).
type quotesKey struct{}

// maxSignupQuotes bounds the quotes a session keeps (the oldest go first).
const maxSignupQuotes = 100

// createQuote answers createQuote: a quote for the postcode's region on the meter points
// and consumption given (the MPAN's region, where it names one), its code kept for
// quote(code:); errors name a postcode that is not one on Great Britain's grid, a GSP
// group that is none, an MPAN whose check digit is wrong, an MPRN that is none (not 6
// to 10 digits, as createAcquisitionQuoteRequestForProducts checks it) and a quote for
// no fuel.
func createQuote(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	w := newEnv(c)
	var problems serializerErrors
	pc := normalPostcode(str(in, "postcode"))
	if pc == "" {
		problems.add("postcode", "invalid", fmt.Sprintf("%q is not a UK postcode.", str(in, "postcode")))
	}
	q := &signupQuote{postcode: pc, brand: str(in, "brandCode"), payment: orDefault(str(in, "paymentMethod"), "DIRECTDEBIT")}
	q.business, _ = boolean(in, "isBusiness")
	if a, ok := in["address"].(map[string]any); ok {
		q.address = a
	}
	if pc != "" && gspOf(pc) == "" {
		problems.add("postcode", "invalid", fmt.Sprintf("%q is not a UK postcode.", str(in, "postcode")))
	}
	q.gsp = str(in, "gspGroupId")
	if q.gsp != "" && (len(q.gsp) != 2 || q.gsp[0] != '_' || !slices.Contains(gspGroups(), q.gsp[1:])) {
		problems.add("gspGroupId", "invalid", fmt.Sprintf("%q is not a GSP group.", q.gsp))
	}
	if q.gsp == "" && pc != "" {
		q.gsp = "_" + gspOf(pc)
	}
	if e := firstOf(in["electricityMeterPoints"]); e != nil {
		q.elec, q.mpan = true, strings.TrimSpace(str(e, "mpan"))
		switch gsp, _ := mpanGSP(w, q.mpan); {
		case q.mpan != "" && !validMPAN(q.mpan):
			problems.add("electricityMeterPoints", "invalid", "The MPAN "+q.mpan+" is not one.")
		case gsp != "":
			q.gsp = gsp // the MPAN's industry data name its region
		}
		q.smart = smartMPAN(w, q.mpan)
		q.elecEstimate, _ = boolean(e, "isEstimate")
		q.standard, _ = integer(e, "annualConsumptionStandard")
		q.day, _ = integer(e, "annualConsumptionDay")
		q.night, _ = integer(e, "annualConsumptionNight")
		pclass, _ := integer(e, "profileClass")
		q.twoRate = q.day > 0 || q.night > 0 || pclass == 2 || pclass == 4
		standard, day, night, _ := typicalMedium()
		switch {
		case q.twoRate && (q.elecEstimate || q.day+q.night <= 0):
			q.day, q.night, q.standard = day, night, 0
		case !q.twoRate && (q.elecEstimate || q.standard <= 0):
			q.standard = standard
		}
	}
	if g := firstOf(in["gasMeterPoints"]); g != nil {
		q.gas, q.mprn = true, strings.TrimSpace(str(g, "mprn"))
		if q.mprn != "" && !validMPRN(q.mprn) {
			problems.add("gasMeterPoints", "invalid", "The MPRN "+q.mprn+" is not one.")
		}
		q.gasEstimate, _ = boolean(g, "isEstimate")
		q.gasKWh, _ = integer(g, "annualConsumption")
		if _, _, _, gas := typicalMedium(); q.gasEstimate || q.gasKWh <= 0 {
			q.gasKWh = gas
		}
	}
	if !q.elec && !q.gas {
		problems.add("electricityMeterPoints", "required", "A quote is for electricity, gas or both.")
	}
	if len(problems) > 0 {
		return obj{"errors": []any(problems), "quote": nil}, nil
	}
	quotes := sessionQuotes(c)
	h := fake.Mix64(fake.HashStrings("signup quote", c.Session.ID, pc, w.now.Format(time.RFC3339Nano), fmt.Sprint(len(quotes))))
	q.code = fmt.Sprintf("QT-%08X", uint32(h))
	quotes = append(quotes, q)
	if len(quotes) > maxSignupQuotes {
		quotes = quotes[len(quotes)-maxSignupQuotes:]
	}
	c.Session.SetValue(quotesKey{}, quotes)
	return obj{"errors": []any{}, "quote": signupQuoteMap(w, q)}, nil
}

// quoteByCode answers quote(code:): the session's quote with that code, else an empty
// quote (no products), as Kraken documents.
func quoteByCode(_ context.Context, c *sim.Call) (any, error) {
	code := c.StringArg("code")
	w := newEnv(c)
	for _, q := range sessionQuotes(c) {
		if code != "" && q.code == code {
			return signupQuoteMap(w, q), nil
		}
	}
	return signupQuoteMap(w, &signupQuote{payment: "DIRECTDEBIT"}), nil
}

// sessionQuotes are the session's sign-up quotes, oldest first.
func sessionQuotes(c *sim.Call) []*signupQuote {
	qs, _ := c.Session.Value(quotesKey{}).([]*signupQuote)
	return slices.Clone(qs)
}

// signupQuoteOffers reports whether the session's createQuote with the code quoted the
// product.
func signupQuoteOffers(c *sim.Call, code, product string) bool {
	for _, q := range sessionQuotes(c) {
		if code != "" && q.code == code {
			return slices.ContainsFunc(quotedProducts(newEnv(c), q), func(p obj) bool { return p["id"] == q.code+"-"+product })
		}
	}
	return false
}

// smartMPAN reports whether the meter in place today at an MPAN the world knows is
// smart; false for an MPAN it does not know.
func smartMPAN(w *env, mpan string) bool {
	if mpan == "" {
		return false
	}
	_, mp := w.ElectricityMeterPoint(mpan)
	if mp == nil {
		return false
	}
	k := electricityMeterInPlace(mp, w.today())
	return k >= 0 && mp.Meters[k].IsDigital
}

// firstOf is the first object of a list argument; nil for none.
func firstOf(v any) map[string]any {
	if l, ok := v.([]any); ok && len(l) > 0 {
		m, _ := l[0].(map[string]any)
		return m
	}
	return nil
}

// signupQuoteMap is a prospect's QuoteType.
func signupQuoteMap(w *env, q *signupQuote) obj {
	meterType := any(nil)
	if q.elec {
		meterType = map[[2]bool]string{{false, false}: "STANDARD", {false, true}: "ECONOMY7", {true, false}: "SMART", {true, true}: "SMART_ECONOMY7"}[[2]bool{q.smart, q.twoRate}]
	}
	products := quotedProducts(w, q)
	return obj{
		"__typename": "QuoteType", "code": orNil(q.code), "postcode": q.postcode, "gspGroupId": orNil(q.gsp),
		"includesElectricity": q.elec, "includesGas": q.gas, "isBusiness": q.business, "meterType": meterType,
		"mpan": q.mpan, "mprn": orNil(q.mprn), "paymentMethod": q.payment,
		"elecAnnualConsumptionStandard": intOrNil(q.standard), "elecAnnualConsumptionDay": intOrNil(q.day),
		"elecAnnualConsumptionNight": intOrNil(q.night), "elecEstimate": q.elecEstimate,
		"gasAnnualConsumption": intOrNil(q.gasKWh), "gasEstimate": q.gasEstimate,
		"partnerProductId": nil, "latitude": nil, "longitude": nil, "address": orNilMap(q.address), "termsAndConditions": nil,
		"consumptionEstimates": typicalEstimates(),
		"quotedProducts": sim.Lazy(func(args map[string]any) (any, error) {
			id := str(args, "id")
			out := []any{}
			for _, p := range products {
				if id == "" || p["id"] == id {
					out = append(out, p)
				}
			}
			return out, nil
		}),
	}
}

// orNilMap is m, or nil for none.
func orNilMap(m map[string]any) any {
	if m == nil {
		return nil
	}
	return m
}

// quotedProducts are a quote's products: those on sale to the home (Flexible and a
// fixed product; Agile too, for electricity alone, where the MPAN's meter is smart; no
// product that needs a car or a heat pump, which a quote cannot declare), or to a
// business (its business products), for the fuels quoted, each a year's cost with
// tax at the consumption given, the cheapest recommended, each's saving against the
// dearest, the tariff information label of each fuel's tariff, and the days a switch
// may start (ssdRule); none for a quote with no region.
func quotedProducts(w *env, q *signupQuote) []obj {
	if q.gsp == "" || len(q.gsp) != 2 || !q.elec && !q.gas {
		return nil
	}
	tax, receipt := q.tax(w), paidOnReceipt(w, q.payment)
	supply := func(electricity bool, mpxn, prefix string, kwh int) quotedSupply {
		return quotedSupply{mpxn: mpxn, electricity: electricity, prefix: prefix, region: q.gsp[1:], kwh: float64(kwh), declared: float64(kwh),
			method: q.payment, receipt: receipt, taxAt: tax}
	}
	elec, gas := supply(true, q.mpan, "E-1R-", q.standard), supply(false, q.mprn, "G-1R-", q.gasKWh)
	if q.twoRate {
		elec = supply(true, q.mpan, "E-2R-", q.day+q.night)
	}
	brand := &sim.Account{Brand: w.brand()}
	type priced struct {
		code             string
		elecTariff, gasT string
		annual           int
		label            map[bool]obj
	}
	var all []priced
	for _, code := range onSaleProducts() {
		h := household{business: q.business, smart: q.smart}
		if q.elec && (!h.offers(code, "E-1R-") || !productSupplies(code, elec.prefix)) || q.gas && !h.offers(code, "G-1R-") {
			continue
		}
		p := priced{code: code, label: map[bool]obj{}}
		for _, s := range []quotedSupply{elec, gas} {
			if s.electricity && !q.elec || !s.electricity && !q.gas {
				continue
			}
			cost := s.cost(w, code)
			if s.electricity {
				p.elecTariff = s.tariff(code)
			} else {
				p.gasT = s.tariff(code)
			}
			p.label[s.electricity] = tariffLabel(w, brand, s, code, cost, "TariffInformationLabel")
			p.annual += cost
		}
		all = append(all, p)
	}
	if len(all) == 0 {
		return nil
	}
	cheapest, dearest := 0, 0
	for i, p := range all {
		if p.annual < all[cheapest].annual {
			cheapest = i
		}
		if p.annual > all[dearest].annual {
			dearest = i
		}
	}
	var starts []any // the days updateSsd would accept for the switch
	for _, d := range newSsdRule(w.today(), "", workdays.For(w.zone)).dates() {
		starts = append(starts, d)
	}
	out := make([]obj, len(all))
	for i, p := range all {
		name, _ := productNames(w, p.code)
		product := productMap(w, p.code)
		out[i] = obj{
			"__typename": "QuotedProductType", "id": fmt.Sprintf("%s-%s", q.code, p.code), "name": name, "description": productDescription(p.code),
			"product": product, "recommended": i == cheapest, "annualAmount": p.annual, "monthlyAmount": int(math.Round(float64(p.annual) / 12)),
			"annualSaving": all[dearest].annual - p.annual, "elecTariffCode": p.elecTariff, "gasTariffCode": p.gasT,
			"isVariable": product["isVariable"], "allowedSupplyStartDates": starts, "co2SavingInKg": nil, "treesSaving": nil,
			"includesCarbonOffsetting":          false,
			"electricityTariffInformationLabel": orNilObj(p.label[true]), "gasTariffInformationLabel": orNilObj(p.label[false]),
		}
	}
	return out
}

// tax is the factor of the tax the quote's supplies would be charged: a business's at
// the standard rate unless each supply quoted uses under its de minimis level, a home's
// at the rate for homes.
func (q *signupQuote) tax(w *env) float64 {
	elec, gas := float64(q.standard+q.day+q.night)/365.2425, float64(q.gasKWh)/365.2425
	if q.business && (q.elec && elec >= deMinimisDaily[true] || q.gas && gas >= deMinimisDaily[false]) {
		return businessTax(w)
	}
	return w.sess.TaxRate()
}

// createAcquisitionQuoteRequestForProducts prices a prospect's supplies at a postcode (an
// MPAN's at its own region) on the products named, from the use declared (a typical
// home's when estimated without a figure), as quoteRequest prices an account's, keeping
// nothing: KT-GB-4625 for a
// postcode that is not one, an MPAN or MPRN that is none, no supply, or a supply no
// product named may supply.
func createAcquisitionQuoteRequestForProducts(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	w := newEnv(c)
	refuse := func(msg string, path ...any) error {
		return c.ValidationError("KT-GB-4625", msg, append([]any{"input"}, path...)...)
	}
	pc := normalPostcode(str(in, "postcode"))
	region := gspOf(pc)
	if pc == "" || region == "" {
		return nil, refuse(fmt.Sprintf("%q is not a UK postcode.", str(in, "postcode")), "postcode")
	}
	var codes []string
	list, _ := in["productCodes"].([]any)
	for _, v := range list {
		if code, ok := v.(string); ok && strings.TrimSpace(code) != "" && !slices.Contains(codes, strings.TrimSpace(code)) {
			codes = append(codes, strings.TrimSpace(code))
		}
	}
	medium := typicalUse[1]
	var points []pointQuote
	add := func(s quotedSupply, field string, i int) error {
		var products []string
		for _, code := range codes {
			if (household{}).offers(code, s.prefix) && productSupplies(code, s.prefix) && onOffer(w, code, w.today()) {
				products = append(products, code)
			}
		}
		if len(products) == 0 {
			return refuse("No product named supplies the "+fuelOf(s.electricity)+" supply "+s.mpxn+".", field, i)
		}
		points = append(points, pointQuote{s: s, products: products})
		return nil
	}
	elecs, _ := in["electricityMeterPoints"].([]any)
	gases, _ := in["gasMeterPoints"].([]any)
	if len(elecs)+len(gases) == 0 || len(elecs)+len(gases) > maxSaleSupplies {
		return nil, refuse(fmt.Sprintf("Name one to %d meter points.", maxSaleSupplies), "electricityMeterPoints")
	}
	for i, v := range elecs {
		m, _ := v.(map[string]any)
		mpan := strings.TrimSpace(str(m, "mpan"))
		if mpan != "" && !validMPAN(mpan) {
			return nil, refuse("The MPAN "+mpan+" is not one.", "electricityMeterPoints", i, "mpan")
		}
		s := quotedSupply{mpxn: mpan, electricity: true, prefix: "E-1R-", region: region}
		if gsp, _ := mpanGSP(w, mpan); gsp != "" {
			s.region = gsp[1:] // the MPAN's industry data name its region
		}
		std, _ := integer(m, "annualConsumptionStandard")
		day, _ := integer(m, "annualConsumptionDay")
		night, _ := integer(m, "annualConsumptionNight")
		s.declared = float64(max(std, 0))
		if day > 0 || night > 0 {
			s.prefix, s.declared = "E-2R-", float64(max(day, 0)+max(night, 0))
		}
		if s.declared == 0 {
			s.declared = float64(medium.standard)
			if s.prefix == "E-2R-" {
				s.declared = float64(medium.twoRate)
			}
		}
		s.kwh = s.declared
		if err := add(s, "electricityMeterPoints", i); err != nil {
			return nil, err
		}
	}
	for i, v := range gases {
		m, _ := v.(map[string]any)
		mprn := strings.TrimSpace(str(m, "mprn"))
		if mprn != "" && !validMPRN(mprn) {
			return nil, refuse("The MPRN "+mprn+" is not one.", "gasMeterPoints", i, "mprn")
		}
		kwh, _ := integer(m, "annualConsumption")
		s := quotedSupply{mpxn: mprn, prefix: "G-1R-", region: region, declared: float64(max(kwh, 0))}
		if s.declared == 0 {
			s.declared = float64(medium.gas)
		}
		s.kwh = s.declared
		if err := add(s, "gasMeterPoints", i); err != nil {
			return nil, err
		}
	}
	out := quoteRequest(c, w, &sim.Account{Brand: w.brand()}, points, false)
	for key, list := range map[string][]any{"electricitySupplyPoints": elecs, "gasSupplyPoints": gases} {
		for i, p := range out[key].([]any) {
			estimate, _ := boolean(list[i].(map[string]any), "isEstimate")
			if use, ok := p.(obj)["annualConsumption"].(obj); ok {
				use["isEstimate"] = estimate
			}
		}
	}
	return obj{"quoteRequest": out, "possibleErrors": []any{}}, nil
}
