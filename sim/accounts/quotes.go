package accounts

import (
	"cmp"
	"context"
	"fmt"
	"hash/fnv"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/fake"
)

// A tariff switch on Octopus's SDL is a quote, then a choice: requote prices a
// property's supply on the products on offer to it, quoteAccountOnProducts prices
// meter points on the products a client names, and renewAgreements and
// switchMeterPointProducts put the supply on a quoted product by its id. The account
// keeps its latest quotes (sim.MaxEnergyQuotes) for that.

// quotedSupply is a meter point as a quote prices it: its MPAN or MPRN, fuel, tariff
// shape and region, its agreement in force and product, its household, and what it
// uses a year (estimated without a smart meter).
type quotedSupply struct {
	mpxn, mpID     string
	electricity    bool
	prefix, region string
	ag             sim.Agreement
	active         bool
	home           household
	kwh            float64
	smart          bool
	point          func() obj
	// year is the supply's last year of use, as its meter in place recorded it.
	year pricedYear
	// declared is the year's use a prospect declares for a supply not yet ours.
	declared float64
	// account is the account whose supply it is; nil for a prospect's.
	account *sim.Account
	// method is how the quote has it paid (QuotePaymentMethod; "" for by direct debit),
	// and receipt whether that is at the price for paying otherwise than by direct debit
	// (onReceipt).
	method  string
	receipt bool
	// taxAt is the factor of the tax a prospect's quote charges (0: the tariff's).
	taxAt float64
}

// supplies are the meter points of a's property p (all of a's properties when p is
// nil), electricity first.
func supplies(w *env, a *sim.Account, p *sim.Property) []quotedSupply {
	var out []quotedSupply
	day := w.today()
	add := func(id, mpxn string, ags []sim.Agreement, electricity bool, point func() obj) {
		s := quotedSupply{mpxn: mpxn, mpID: id, electricity: electricity, prefix: "G-1R-", point: point, account: a}
		if electricity {
			s.prefix = "E-1R-"
		}
		s.ag, s.active = activeAgreement(ags, day)
		last := s.ag
		if !s.active && len(ags) > 0 {
			last = ags[len(ags)-1]
		}
		if prefix, region := tariffShape(last.TariffCode); prefix != "" {
			s.prefix, s.region = prefix, region
		}
		m, smart, ok := supplyRegister(w, a, id, electricity)
		if ok {
			end, _ := dayStart(day, w.zone)
			s.year = yearBefore(w, m, electricity, end)
		}
		s.kwh, s.smart, s.home = s.year.kwh, smart, householdOf(a, smart)
		s.method = quoteMethod(w, a)
		s.receipt = paidOnReceipt(w, s.method)
		s.year.receipt = s.receipt
		out = append(out, s)
	}
	for i := range a.Properties {
		prop := &a.Properties[i]
		if p != nil && prop != p {
			continue
		}
		for j := range prop.ElectricityMeterPoints {
			mp := &prop.ElectricityMeterPoints[j]
			add(mp.ID, mp.Identifier(), mp.Agreements, true, func() obj { return electricityPoint(w, a, mp) })
		}
		for j := range prop.GasMeterPoints {
			mp := &prop.GasMeterPoints[j]
			add(mp.ID, mp.Identifier(), mp.Agreements, false, func() obj { return gasPoint(w, a, mp) })
		}
	}
	return out
}

// offers says whether the supply may be quoted on product: its own, or one on offer to
// its household with a tariff of its shape, launched by day.
func (s quotedSupply) offers(w *env, product, day string) bool {
	if product == "" || s.region == "" {
		return false
	}
	if product == s.ag.ProductCode {
		return true
	}
	return s.home.offers(product, s.prefix) && productSupplies(product, s.prefix) && onOffer(w, product, day)
}

// offered are the candidates the supply may be quoted on on day, each once.
func (s quotedSupply) offered(w *env, candidates []string, day string) []string {
	var out []string
	for _, code := range candidates {
		if s.offers(w, code, day) && !slices.Contains(out, code) {
			out = append(out, code)
		}
	}
	return out
}

// tariff is the supply's tariff code on product.
func (s quotedSupply) tariff(product string) string { return s.prefix + product + "-" + s.region }

// cost is the supply's last year of use on product, as a statement on it would price
// it, in pence with tax; for a supply without a meter in place, a year of standing
// charges and the use a prospect declared.
func (s quotedSupply) cost(w *env, product string) int {
	tc := s.tariff(product)
	if s.year.w == nil {
		return yearCost(w, tc, s.electricity, s.declared, s.tax(w, tc), s.receipt)
	}
	tax, levied := s.levy(w, tc)
	return s.year.cost(tc, tax, levied)
}

// tax is the factor of the tax the supply is charged on tariff code: as its account's
// statements charge that supply (pointTax), a prospect's as its quote says or else as
// the tariff's.
func (s quotedSupply) tax(w *env, code string) float64 {
	tax, _ := s.levy(w, code)
	return tax
}

// levy is the supply's tax on tariff code (tax) and whether Climate Change Levy is
// charged on its use, as its account's statements charge them (pointLevy); a
// prospect's tax as its quote says or else as the tariff's, and no levy.
func (s quotedSupply) levy(w *env, code string) (float64, bool) {
	switch {
	case s.taxAt > 0:
		return s.taxAt, false
	case s.account == nil:
		return w.tariffTax(code), false
	}
	return w.pointLevy(s.account, s.mpID, code)
}

// tariffLabel is the tariff information label (TIL) of supply s on product for a year
// of its use costing annual pence: who supplies it, the tariff and its prices with tax,
// and the use assumed. kind is the label's type name before its rates (Octopus's
// ProductTariffInformationLabel, TariffInformationLabel).
func tariffLabel(w *env, a *sim.Account, s quotedSupply, product string, annual int, kind string) obj {
	tc := s.tariff(product)
	p := w.prices(tc, s.electricity, w.now)
	if s.receipt {
		p = p.onReceipt(tc)
	}
	method, named := labelMethods[s.method]
	if !named {
		method = "PAY_ON_RECEIPT"
	}
	p = p.taxedAt(s.tax(w, tc))
	display, full := productNames(w, product)
	ends, tariffType := "None", "Variable"
	if months, fixed := termMonths(product); fixed {
		ends, tariffType = addMonths(w.today(), months), "Fixed"
	}
	standing := p.taxed(p.standing)
	m := obj{
		"__typename": kind + "Standard", "supplier": codeWords(a.Brand), "tariffFullName": full, "tariffName": full, "tariffDisplayName": display,
		"tariffType": tariffType, "tariffCode": tc, "tariffEndsOn": ends, "priceGuaranteedUntil": ends, "paymentMethod": method,
		"exitFees": 0, "exitFeesType": nil, "additionals": nil, "tariffComparisonRate": nil, "estimatedAnnualCost": annual,
		"standingCharge": standing, "annualStandingCharge": math.Round(standing*365*100) / 100,
	}
	kwh := int(math.Round(s.kwh))
	if !p.twoRate {
		m["unitRate"], m["assumedAnnualConsumption"] = p.taxed(p.unit), kwh
		return m
	}
	m["__typename"] = kind + "Eco7"
	m["unitRateDay"], m["unitRateNight"] = p.taxed(p.day), p.taxed(p.night)
	m["assumedAnnualConsumptionDay"], m["assumedAnnualConsumptionNight"] = dayNight(s.kwh)
	return m
}

// labelMethods are the payment methods a tariff information label names (PaymentMethods)
// for a quote's (QuotePaymentMethod); any other is paid on receipt of the bill.
var labelMethods = map[string]string{"": "DIRECT_DEBIT", "DIRECTDEBIT": "DIRECT_DEBIT", "CREDITCARD": "CREDIT_CARD"}

// dayNight splits a year's use of a two-rate meter into its day and night kWh.
func dayNight(kwh float64) (day, night int) {
	night = int(math.Round(kwh * nightShare))
	return int(math.Round(kwh)) - night, night
}

// quoteCode is a quote's code: eight letters and digits its first product's id makes.
func quoteCode(id string) string {
	const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
	h := fnv.New64a()
	h.Write([]byte("quote:" + id))
	v := h.Sum64()
	b := make([]byte, 8)
	for i := range b {
		b[i] = alphabet[v%32]
		v /= 32
	}
	return string(b)
}

// requote prices a property's supply on each product on offer to it (its own first,
// then the catalogue's), the one saving most recommended, paid as the input's
// paymentMethod says (by direct debit, the SDL's default, when not given), and keeps
// the quote for renewAgreements.
func requote(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	_, a, err := owned(c, str(in, "accountNumber"), "", "")
	if err != nil {
		return nil, err
	}
	id := str(in, "propertyId")
	p := accountProperty(a, id)
	if p == nil {
		return nil, c.ValidationError("KT-CT-4616", "The account has no property "+id+".", "input", "propertyId")
	}
	w := newEnv(c)
	// The SDL's default, as GraphQL gives it when the input does not: by direct debit.
	quote, err := quoteProperty(c, w, a, p, w.dayOf(in["productAvailableAt"]), orDefault(str(in, "paymentMethod"), "DIRECTDEBIT"), "")
	if err != nil {
		return nil, err
	}
	return obj{"quote": quote}, nil
}

// refreshQuote prices again the property of the viewer's quote with the input's code
// (one requote made) on the products on offer today, paid as it was: the quote keeps its
// code, and its products are the new ones. An unknown code is KT-GB-4612.
func refreshQuote(_ context.Context, c *sim.Call) (any, error) {
	u, _, err := c.Viewer()
	if err != nil {
		return nil, err
	}
	code := strings.TrimSpace(str(input(c), "code"))
	world := c.Session.World()
	refreshable := func(q sim.EnergyQuote) bool { return q.Code == code && q.PropertyID != "" }
	for _, number := range u.AccountNumbers {
		if ro := world.Account(number); ro == nil || !slices.ContainsFunc(ro.EnergyQuotes, refreshable) {
			continue // not copied for the session unless it holds the quote
		}
		a := world.MutableAccount(number)
		i := slices.IndexFunc(a.EnergyQuotes, refreshable)
		p := accountProperty(a, a.EnergyQuotes[i].PropertyID)
		if p == nil {
			break
		}
		w := newEnv(c)
		quote, err := quoteProperty(c, w, a, p, w.today(), cmp.Or(a.EnergyQuotes[i].PaymentMethod, "DIRECTDEBIT"), code)
		if err != nil {
			return nil, c.Error("KT-GB-4613")
		}
		return obj{"quote": quote}, nil
	}
	return nil, c.ValidationError("KT-GB-4612", "No quote of the viewer's accounts has the code "+code+".", "input", "code")
}

// quoteProperty is the QuoteType of a's property p on the products on offer to it on
// day, kept as one of a's quotes: under the code keep, in place of the quote with that
// code, or under a new code when keep is "".
func quoteProperty(c *sim.Call, w *env, a *sim.Account, p *sim.Property, day, paymentMethod, keep string) (obj, error) {
	sups := supplies(w, a, p)
	for i := range sups {
		sups[i].method, sups[i].receipt = paymentMethod, paidOnReceipt(w, paymentMethod)
		sups[i].year.receipt = sups[i].receipt
	}
	var codes []string
	for _, s := range sups {
		if s.active {
			codes = append(codes, s.ag.ProductCode)
		}
	}
	codes = append(codes, onSaleProducts()...)
	ids := c.Session.World().IDs()
	type priced struct {
		qp     sim.QuotedEnergyProduct
		annual int
		saving int
		tariff map[bool]string
		label  map[bool]obj
	}
	var quoted []priced
	for _, code := range codes {
		if slices.ContainsFunc(quoted, func(q priced) bool { return q.qp.ProductCode == code }) {
			continue
		}
		q := priced{tariff: map[bool]string{}, label: map[bool]obj{}}
		for _, s := range sups {
			if !s.offers(w, code, day) {
				continue
			}
			cost := s.cost(w, code)
			q.qp.MeterPoints = append(q.qp.MeterPoints, s.mpxn)
			q.tariff[s.electricity] = s.tariff(code)
			q.label[s.electricity] = tariffLabel(w, a, s, code, cost, "TariffInformationLabel")
			q.annual += cost
			if s.active {
				q.saving += s.cost(w, s.ag.ProductCode)
			}
		}
		if len(q.qp.MeterPoints) == 0 {
			continue
		}
		q.qp.ID, q.qp.ProductCode = ids.Next("quotedProduct"), code
		q.saving -= q.annual
		quoted = append(quoted, q)
	}
	if len(quoted) == 0 {
		return nil, c.ValidationError("KT-CT-4616", "The property has no supply with a tariff to quote on.", "input", "propertyId")
	}
	if keep == "" {
		keep = quoteCode(quoted[0].qp.ID)
	}
	a.EnergyQuotes = slices.DeleteFunc(a.EnergyQuotes, func(q sim.EnergyQuote) bool { return q.Code == keep })
	quote := sim.EnergyQuote{Code: keep, CreatedAt: c.Session.Now(), PropertyID: p.ID, PaymentMethod: paymentMethod}
	best := 0 // the greatest saving on the supplies each prices, as products may price different fuels
	for i, q := range quoted {
		quote.Products = append(quote.Products, q.qp)
		if q.saving > quoted[best].saving {
			best = i
		}
	}
	a.AddEnergyQuote(quote)
	products := make([]any, len(quoted))
	for i, q := range quoted {
		m := productMap(w, q.qp.ProductCode)
		products[i] = obj{
			"id": q.qp.ID, "name": m["displayName"], "description": m["description"], "product": m,
			"recommended": i == best, "annualAmount": q.annual, "monthlyAmount": int(math.Round(float64(q.annual) / 12)),
			"annualSaving": max(q.saving, 0), "elecTariffCode": q.tariff[true], "gasTariffCode": q.tariff[false],
			"isVariable": m["isVariable"], "allowedSupplyStartDates": supplyStartDates(day),
			"electricityTariffInformationLabel": orNilObj(q.label[true]), "gasTariffInformationLabel": orNilObj(q.label[false]),
		}
	}
	out := obj{
		"code": quote.Code, "postcode": p.Address.Postcode, "isBusiness": a.AccountType == "BUSINESS",
		"includesElectricity": len(p.ElectricityMeterPoints) > 0, "includesGas": len(p.GasMeterPoints) > 0,
		"paymentMethod": paymentMethod, "meterType": "NO_METER",
		"mpan": "", "mprn": nil, "elecEstimate": false, "gasEstimate": false,
		"elecAnnualConsumptionStandard": nil, "elecAnnualConsumptionDay": nil, "elecAnnualConsumptionNight": nil, "gasAnnualConsumption": nil,
		"address": quoteAddress(p.Address),
		"quotedProducts": sim.Lazy(func(args map[string]any) (any, error) {
			if id, ok := args["id"].(string); ok {
				return slices.DeleteFunc(slices.Clone(products), func(v any) bool { return v.(obj)["id"] != id }), nil
			}
			return products, nil
		}),
	}
	for _, s := range sups {
		kwh := int(math.Round(s.kwh))
		if !s.electricity {
			if out["mprn"] == nil {
				out["mprn"], out["gasAnnualConsumption"], out["gasEstimate"] = s.mpxn, kwh, !s.smart
			}
			continue
		}
		if out["mpan"] != "" {
			continue
		}
		out["mpan"], out["elecEstimate"], out["gspGroupId"] = s.mpxn, !s.smart, "_"+s.region
		twoRate := s.prefix == "E-2R-"
		switch {
		case twoRate:
			out["elecAnnualConsumptionDay"], out["elecAnnualConsumptionNight"] = dayNight(s.kwh)
		default:
			out["elecAnnualConsumptionStandard"] = kwh
		}
		out["meterType"] = map[[2]bool]string{{false, false}: "STANDARD", {false, true}: "ECONOMY7", {true, false}: "SMART", {true, true}: "SMART_ECONOMY7"}[[2]bool{s.smart, twoRate}]
	}
	return out, nil
}

// quoteMethod is how a pays, as a quote's payment method: on receipt where it pays
// otherwise than by direct debit (paysOnReceipt), else by direct debit.
func quoteMethod(w *env, a *sim.Account) string {
	if w.paysOnReceipt(a) {
		return "ONRECEIPT"
	}
	return "DIRECTDEBIT"
}

// paidOnReceipt reports whether a quote's payment method (QuotePaymentMethod) is other
// than direct debit, priced at the dearer prices Octopus publishes for it (onReceipt).
func paidOnReceipt(w *env, method string) bool {
	return method != "DIRECTDEBIT" && fake.Country(w.zone) == "GB"
}

// accountProperty is a's property with id; nil for none.
func accountProperty(a *sim.Account, id string) *sim.Property {
	for i := range a.Properties {
		if a.Properties[i].ID == id {
			return &a.Properties[i]
		}
	}
	return nil
}

// supplyStartDates are the days a quoted product may start supply: today and the next
// thirteen.
func supplyStartDates(day string) []any {
	out := make([]any, 14)
	for i := range out {
		out[i] = addDays(day, i)
	}
	return out
}

func quoteAddress(ad sim.Address) obj {
	m := obj{"addressLine1": nil, "addressLine2": nil, "addressLine3": nil}
	for i, line := range ad.Lines {
		if i < 3 {
			m[fmt.Sprintf("addressLine%d", i+1)] = line
		}
	}
	return m
}

// orNilObj is m, or nil when m is nil, so that a missing label answers null.
func orNilObj(m obj) any {
	if m == nil {
		return nil
	}
	return m
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// pointQuote is a meter point to quote and the products to quote it on.
type pointQuote struct {
	s        quotedSupply
	products []string
}

// quoteRequest is a QuoteRequest pricing each meter point on its products, each a
// quoted product of its own. A kept request is one of a's quotes, whose products a
// switch takes by id; one not kept has no code and null ids.
func quoteRequest(c *sim.Call, w *env, a *sim.Account, points []pointQuote, keep bool) obj {
	ids := c.Session.World().IDs()
	quote := sim.EnergyQuote{CreatedAt: c.Session.Now()}
	out := obj{"createdAt": dateTime(quote.CreatedAt, w.zone), "electricitySupplyPoints": []any{}, "gasSupplyPoints": []any{}}
	for _, pq := range points {
		s := pq.s
		quoted := []any{}
		for _, code := range pq.products {
			var id any
			if keep {
				qp := sim.QuotedEnergyProduct{ID: ids.Next("quotedProduct"), ProductCode: code, MeterPoints: []string{s.mpxn}}
				quote.Products = append(quote.Products, qp)
				id = idInt(qp.ID)
			}
			annual := s.cost(w, code)
			pmap := productMap(w, code)
			label := tariffLabel(w, a, s, code, annual, "ProductTariffInformationLabel")
			quoted = append(quoted, obj{"id": id, "label": pmap["displayName"], "product": pmap,
				"annualAmount": annual, "monthlyAmount": int(math.Round(float64(annual) / 12)),
				"electricityTariffInformationLabel": label, "gasTariffInformationLabel": label})
		}
		kwh := int(math.Round(s.kwh))
		point := obj{"quotedProducts": quoted, "agreement": nil, "rateType": "STANDARD",
			"annualConsumption": obj{"__typename": "GasConsumption", "consumption": kwh, "isEstimate": !s.smart}}
		if s.active {
			point["agreement"] = agreementMap(w, a, s.ag, s.point(), s.mpID, s.electricity)
		}
		list := "gasSupplyPoints"
		if s.electricity {
			list, point["mpan"] = "electricitySupplyPoints", s.mpxn
			point["annualConsumption"].(obj)["__typename"] = "ElectricityConsumptionStandard"
			if s.prefix == "E-2R-" {
				day, night := dayNight(s.kwh)
				point["rateType"] = "ECONOMY7"
				point["annualConsumption"] = obj{"__typename": "ElectricityConsumptionLabelEco7", "day": day, "night": night, "isEstimate": !s.smart}
			}
		} else {
			point["mprn"] = s.mpxn
		}
		out[list] = append(out[list].([]any), point)
	}
	if keep && len(quote.Products) > 0 {
		quote.Code = quoteCode(quote.Products[0].ID)
		out["code"] = quote.Code
		a.AddEnergyQuote(quote)
	}
	return out
}

// quoteAccountOnProducts prices each meter point the input names on the products it
// names, paid as the account pays (the input has no paymentMethod; its labels name it),
// and keeps the quote for switchMeterPointProducts and a move's next home: one of the
// account's on the use its meter recorded, or, for a home not yet supplied (one it is
// moving to, by MPAN or MPRN, or by none with the use, meter type and region, as the
// SDL's input allows), on the use given, else a typical home's (newQuotedSupply). An
// MPAN or MPRN that is none, missing use or meter type, a region that is none or a
// product the point may not have is KT-GB-4614.
func quoteAccountOnProducts(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	_, a, err := owned(c, str(in, "accountNumber"), "", "")
	if err != nil {
		return nil, err
	}
	w := newEnv(c)
	day := w.dayOf(in["at"])
	sups := supplies(w, a, nil)
	var points []pointQuote
	for _, fuel := range []struct {
		list, key   string
		electricity bool
	}{{"electricityMeterPointsInput", "mpan", true}, {"gasMeterPointsInput", "mprn", false}} {
		items, _ := in[fuel.list].([]any)
		for i, it := range items {
			m, _ := it.(map[string]any)
			mpxn := strings.TrimSpace(str(m, fuel.key))
			refuse := func(msg string, path ...any) error {
				return c.ValidationError("KT-GB-4614", msg, append([]any{"input", fuel.list, i}, path...)...)
			}
			at := slices.IndexFunc(sups, func(s quotedSupply) bool { return mpxn != "" && s.mpxn == mpxn && s.electricity == fuel.electricity })
			var pq pointQuote
			switch {
			case at >= 0 && sups[at].year.w != nil:
				pq.s = sups[at]
			default: // a home not yet supplied, the account's or one it may move to
				s, err := newQuotedSupply(w, a, m, fuel.electricity, mpxn, refuse)
				if err != nil {
					return nil, err
				}
				if at >= 0 {
					known := sups[at]
					known.declared, known.kwh, known.smart, known.home = s.declared, s.kwh, s.smart, s.home
					s = known
				}
				pq.s = s
			}
			products, _ := m["productsInput"].([]any)
			for k, pi := range products {
				pm, _ := pi.(map[string]any)
				code := strings.TrimSpace(str(pm, "code"))
				if !pq.s.offers(w, code, day) {
					return nil, c.ValidationError("KT-GB-4614", "The product "+code+" is not on offer to the meter point "+mpxn+".", "input", fuel.list, i, "productsInput", k, "code")
				}
				pq.products = append(pq.products, code)
			}
			if len(pq.products) > 0 {
				points = append(points, pq)
			}
		}
	}
	if len(points) == 0 {
		return nil, c.ValidationError("KT-GB-4614", "Name at least one meter point and product to quote.", "input")
	}
	return obj{"quoteRequest": quoteRequest(c, w, a, points, true)}, nil
}

// newQuotedSupply is a supply quoteAccountOnProducts prices for a's household that no
// meter of its has recorded: at the MPAN or MPRN given (mpxn; "" for none), at the region
// its MPAN names, else gspId, else the billing address's; of the meter type given, else
// of the MPAN's meter (SMART where it is smart), two-rate for an Economy 7 type not
// quoted flat; using the consumption given (required without an MPAN or MPRN, as the
// meter type is for electricity), else a typical home's.
func newQuotedSupply(w *env, a *sim.Account, m map[string]any, electricity bool, mpxn string, refuse func(string, ...any) error) (quotedSupply, error) {
	key, fuel := "mprn", "MPRN"
	if electricity {
		key, fuel = "mpan", "MPAN"
	}
	switch {
	case electricity && mpxn != "" && !validMPAN(mpxn), !electricity && mpxn != "" && !validMPRN(mpxn):
		return quotedSupply{}, refuse("The "+fuel+" "+mpxn+" is not one.", key)
	}
	use, _ := m["consumption"].(map[string]any)
	meterType := str(m, "meterType")
	switch {
	case mpxn == "" && use == nil:
		return quotedSupply{}, refuse("Give the "+fuel+" or the consumption to quote on.", "consumption")
	case mpxn == "" && electricity && meterType == "":
		return quotedSupply{}, refuse("Give the MPAN or the meter type to quote on.", "meterType")
	case strings.Contains(meterType, "THREE_RATE"):
		return quotedSupply{}, refuse("The meter type "+meterType+" is not quoted: quote a single or two-rate meter.", "meterType")
	}
	s := quotedSupply{mpxn: mpxn, electricity: electricity, prefix: "G-1R-", region: gspOf(a.BillingAddress.Postcode)}
	if gsp := str(m, "gspId"); gsp != "" {
		if len(gsp) != 2 || gsp[0] != '_' || !slices.Contains(gspGroups(), gsp[1:]) {
			return quotedSupply{}, refuse(fmt.Sprintf("%q is not a GSP group.", gsp), "gspId")
		}
		s.region = gsp[1:]
	}
	if electricity {
		if gsp, _ := mpanGSP(w, mpxn); gsp != "" {
			s.region = gsp[1:] // the MPAN's industry data name its region
		}
		flat, _ := boolean(m, "flatRate")
		s.smart = strings.HasPrefix(meterType, "SMART") || meterType == "" && smartMPAN(w, mpxn)
		s.prefix = "E-1R-"
		if strings.HasSuffix(meterType, "ECONOMY7") && !strings.Contains(meterType, "FLAT") && !flat {
			s.prefix = "E-2R-"
		}
	}
	if s.region == "" {
		return quotedSupply{}, refuse("Give the region (gspId) to quote in.", "gspId")
	}
	medium := typicalUse[1]
	standard, _ := integer(use, "standard")
	day, _ := integer(use, "day")
	night, _ := integer(use, "night")
	offPeak, _ := integer(use, "offPeak")
	gas, _ := integer(use, "value")
	switch {
	case !electricity:
		s.declared = float64(cmp.Or(max(gas, 0), medium.gas))
	case s.prefix == "E-2R-":
		s.declared = float64(cmp.Or(max(day, 0)+max(night, 0)+max(offPeak, 0), medium.twoRate))
	default:
		s.declared = float64(cmp.Or(max(standard, 0)+max(day, 0)+max(night, 0)+max(offPeak, 0), medium.standard))
	}
	s.kwh, s.home = s.declared, householdOf(a, s.smart)
	s.method = quoteMethod(w, a)
	s.receipt = paidOnReceipt(w, s.method)
	s.taxAt = (&signupQuote{business: s.home.business, elec: electricity, gas: !electricity, standard: int(s.declared), gasKWh: int(s.declared)}).tax(w)
	return s, nil
}

// propertyQuote is what createRenewalQuoteRequest and createQuoteRequestForProducts
// quote: each meter point of the input's property on the products (those on offer to
// it at renewalAt when codes is nil, else those of codes it may have); refused with
// code when the property is not the account's or no product may be quoted.
func propertyQuote(c *sim.Call, code string, codes []string, keep bool) (any, error) {
	in := input(c)
	_, a, err := owned(c, str(in, "accountNumber"), "", "")
	if err != nil {
		return nil, err
	}
	w := newEnv(c)
	day := w.dayOf(in["renewalAt"])
	id := str(in, "propertyId")
	p := accountProperty(a, id)
	if p == nil {
		return nil, c.ValidationError(code, "The account has no property "+id+".", "input", "propertyId")
	}
	var points []pointQuote
	for _, s := range supplies(w, a, p) {
		candidates := codes
		if candidates == nil {
			candidates = offerCodes(s.ag.ProductCode, s.prefix, s.home)
		}
		pq := pointQuote{s: s, products: s.offered(w, candidates, day)}
		if len(pq.products) > 0 {
			points = append(points, pq)
		}
	}
	if len(points) == 0 {
		if codes == nil {
			return nil, c.ValidationError(code, "The property has no supply with a tariff to quote on.", "input", "propertyId")
		}
		return nil, c.ValidationError(code, "No product asked for is on offer to the property's supply.", "input", "productCodes")
	}
	return obj{"quoteRequest": quoteRequest(c, w, a, points, keep)}, nil
}

// createRenewalQuoteRequest quotes each meter point of a property on the products on
// offer to it at renewalAt, its own first, and keeps the quote.
func createRenewalQuoteRequest(_ context.Context, c *sim.Call) (any, error) {
	return propertyQuote(c, "KT-CT-4616", nil, true)
}

// createQuoteRequestForProducts quotes each meter point of a property on the products
// the input names that it may have, and keeps nothing, as the SDL documents.
func createQuoteRequestForProducts(_ context.Context, c *sim.Call) (any, error) {
	codes := []string{}
	list, _ := input(c)["productCodes"].([]any)
	for _, v := range list {
		if code, ok := v.(string); ok {
			codes = append(codes, strings.TrimSpace(code))
		}
	}
	return propertyQuote(c, "KT-GB-4624", codes, false)
}

// switchMeterPointProducts puts each meter point the input names on the quoted product
// it names, from changeOn, else from when its agreement ends (tomorrow for an open-ended
// one). Every switch is checked before any is made.
func switchMeterPointProducts(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	_, a, err := owned(c, str(in, "accountNumber"), "KT-CT-4623", "")
	if err != nil {
		return nil, err
	}
	w := newEnv(c)
	day := w.today()
	sups := supplies(w, a, nil)
	ids := c.Session.World().IDs()
	items, _ := in["meterPointSwitchContexts"].([]any)
	type change struct {
		mpxn        string
		electricity bool
		ag          sim.Agreement
	}
	var changes []change
	for i, it := range items {
		m, _ := it.(map[string]any)
		mpxn := strings.TrimSpace(str(m, "mpxn"))
		at := slices.IndexFunc(sups, func(s quotedSupply) bool { return s.mpxn == mpxn })
		if at < 0 {
			return nil, c.ValidationError("KT-GB-4116", "The account has no meter point "+mpxn+".", "input", "meterPointSwitchContexts", i, "mpxn")
		}
		s := sups[at]
		qid := str(m, "quotedProductId")
		_, qp := a.QuotedProduct(qid)
		if qp == nil || !slices.Contains(qp.MeterPoints, mpxn) {
			return nil, c.ValidationError("KT-GB-4617", "No quote of the account's has the product "+qid+" for the meter point "+mpxn+".", "input", "meterPointSwitchContexts", i, "quotedProductId")
		}
		if !s.active {
			return nil, c.ValidationError("KT-GB-4120", "The meter point "+mpxn+" has no agreement in force.", "input", "meterPointSwitchContexts", i, "mpxn")
		}
		from := s.ag.ValidTo
		if from == "" {
			from = addDays(day, 1)
		}
		if v, given := strPtr(m, "changeOn"); given {
			d, ok := parseDate(v)
			if !ok || d < day {
				return nil, c.ValidationError("KT-GB-4116", "The change date must be today or later, as YYYY-MM-DD.", "input", "meterPointSwitchContexts", i, "changeOn")
			}
			from = d
		}
		ag := agreementOn(ids, s.prefix, s.region, qp.ProductCode, from, c.Session.Now())
		if ags := meterPointAgreementsOf(a, mpxn, s.electricity); renewed(*ags, ag, day) != nil {
			return nil, c.ValidationError("KT-GB-4116", "An agreement of the meter point "+mpxn+" has begun on "+from+".", "input", "meterPointSwitchContexts", i, "changeOn")
		}
		changes = append(changes, change{mpxn, s.electricity, ag})
	}
	for _, ch := range changes {
		ags := meterPointAgreementsOf(a, ch.mpxn, ch.electricity)
		*ags = renew(ids, *ags, ch.ag, variableProduct(w, a.AccountType == "BUSINESS"))
	}
	return obj{"account": accountMap(w, a)}, nil
}

// renewAgreements puts a property's supply on a product a quote of it (requote,
// createRenewalQuoteRequest, quoteAccountOnProducts) quoted: from
// changeOn, else from today, or, where fixed agreements end within 90 days, from the
// first of their ends, as Kraken's tariff renewal does.
func renewAgreements(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	_, a, err := owned(c, str(in, "accountNumber"), "", "")
	if err != nil {
		return nil, err
	}
	w := newEnv(c)
	day := w.today()
	refuse := func(field, msg string) (any, error) {
		return nil, c.ValidationError("KT-GB-4125", msg, "input", field)
	}
	qid, pid := str(in, "quotedProductId"), str(in, "propertyId")
	_, qp := a.QuotedProduct(qid)
	p := accountProperty(a, pid)
	sups := supplies(w, a, p)
	switch {
	case qp == nil:
		return refuse("quotedProductId", "No quote of the account's has the product "+qid+"; requote the property first.")
	case p == nil || !quotedFor(qp, sups):
		return refuse("propertyId", "The quoted product "+qid+" was not quoted for the property "+pid+".")
	}
	from := day
	if v, given := strPtr(in, "changeOn"); given {
		d, ok := parseDate(v)
		if !ok || d < day || d > addDays(day, 90) {
			return refuse("changeOn", "The change date must be a date (YYYY-MM-DD) from today to 90 days ahead.")
		}
		from = d
	}
	var chosen []quotedSupply
	for _, s := range sups {
		if !slices.Contains(qp.MeterPoints, s.mpxn) {
			continue
		}
		if !s.active {
			return nil, c.ValidationError("KT-GB-4111", "The meter point "+s.mpxn+" has no agreement in force to renew.", "input", "propertyId")
		}
		chosen = append(chosen, s)
		if _, given := in["changeOn"]; !given && s.ag.ValidTo != "" && s.ag.ValidTo <= addDays(day, 90) {
			if _, fixed := termMonths(s.ag.ProductCode); fixed && (from == day || s.ag.ValidTo < from) {
				from = s.ag.ValidTo
			}
		}
	}
	for _, s := range chosen {
		if ags := meterPointAgreementsOf(a, s.mpxn, s.electricity); renewed(*ags, sim.Agreement{ValidFrom: from}, day) != nil {
			return refuse("changeOn", "An agreement of the meter point "+s.mpxn+" has begun on "+from+".")
		}
	}
	putOn(c, a, chosen, qp.ProductCode, from)
	return obj{"account": accountMap(w, a)}, nil
}

// quotedFor says whether each meter point qp quotes is one of sups, the supplies of
// the property to renew: a requote's, a renewal quote request's or a meter point's quote.
func quotedFor(qp *sim.QuotedEnergyProduct, sups []quotedSupply) bool {
	return len(qp.MeterPoints) > 0 && !slices.ContainsFunc(qp.MeterPoints, func(mpxn string) bool {
		return !slices.ContainsFunc(sups, func(s quotedSupply) bool { return s.mpxn == mpxn })
	})
}

// putOn puts each supply on a product from a day: a new agreement, the one in force
// ending then.
func putOn(c *sim.Call, a *sim.Account, chosen []quotedSupply, product, from string) {
	ids, variable := c.Session.World().IDs(), variableProduct(newEnv(c), a.AccountType == "BUSINESS")
	for _, s := range chosen {
		ags := meterPointAgreementsOf(a, s.mpxn, s.electricity)
		*ags = renew(ids, *ags, agreementOn(ids, s.prefix, s.region, product, from, c.Session.Now()), variable)
	}
}

// initiateProductSwitch puts the supplies a quoted product of the account's quotes
// covers on its product from switchDate, today to 90 days ahead (KT-CT-1507 otherwise):
// KT-CT-4619 for a quoted product no quote of the account has, KT-CT-4719 for a supply
// with no agreement in force, KT-CT-1509 for one whose agreement began on that day,
// KT-CT-4626 for a product other than the one selected for its supply. The quoted
// product is selected and its quote accepted.
func initiateProductSwitch(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	_, a, err := owned(c, str(in, "accountNumber"), "KT-CT-4924", "")
	if err != nil {
		return nil, err
	}
	w := newEnv(c)
	day := w.today()
	qid := str(in, "quotedProductId")
	q, qp := a.QuotedProduct(qid)
	if qp == nil {
		return nil, c.ValidationError("KT-CT-4619", "No quote of the account's has the product "+qid+".", "input", "quotedProductId")
	}
	if !qp.Selected && slices.ContainsFunc(q.Products, func(o sim.QuotedEnergyProduct) bool { return o.Selected && slices.Equal(o.MeterPoints, qp.MeterPoints) }) {
		return nil, c.ValidationError("KT-CT-4626", "Quote "+q.Code+" has another product selected for the supply; switch to that one or select this.", "input", "quotedProductId")
	}
	from, ok := parseDate(in["switchDate"])
	if !ok || from < day || from > addDays(day, 90) {
		return nil, c.ValidationError("KT-CT-1507", "The switch date must be a date from today to 90 days ahead.", "input", "switchDate")
	}
	var chosen []quotedSupply
	for _, s := range supplies(w, a, nil) {
		if !slices.Contains(qp.MeterPoints, s.mpxn) {
			continue
		}
		if !s.active {
			return nil, c.ValidationError("KT-CT-4719", "The meter point "+s.mpxn+" has no agreement in force.", "input", "quotedProductId")
		}
		if renewed(*meterPointAgreementsOf(a, s.mpxn, s.electricity), sim.Agreement{ValidFrom: from}, day) != nil {
			return nil, c.ValidationError("KT-CT-1509", "An agreement of the meter point "+s.mpxn+" has begun on "+from+".", "input", "switchDate")
		}
		chosen = append(chosen, s)
	}
	if len(chosen) == 0 {
		return nil, c.ValidationError("KT-CT-4719", "The quoted product covers none of the account's supplies.", "input", "quotedProductId")
	}
	putOn(c, a, chosen, qp.ProductCode, from)
	qp.Selected = true
	if q.AcceptedAt.IsZero() {
		q.AcceptedAt = c.Session.Now().UTC().Truncate(time.Second)
	}
	return obj{"productCode": qp.ProductCode, "switchDate": from}, nil
}
