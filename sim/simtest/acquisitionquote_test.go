package simtest_test

import (
	"testing"

	"github.com/krakensim/krakensim/sim/simtest"
)

// TestOctopusAcquisitionQuoteIsPricedOnTheUseDeclared: a prospect's supplies at a
// postcode are priced on the products named that may supply them (Agile wants a smart
// meter the prospect has not shown), on the use declared or a typical home's, as
// createQuote prices the same; bad input is KT-GB-4625.
func TestOctopusAcquisitionQuoteIsPricedOnTheUseDeclared(t *testing.T) {
	_, c := octopus(t)
	const q = `mutation($i: CreateAcquisitionQuoteRequestForProductsInput!) { createAcquisitionQuoteRequestForProducts(input: $i) { quoteRequest {
		electricitySupplyPoints { mpan rateType annualConsumption { ... on ElectricityConsumptionStandard { consumption isEstimate } }
			quotedProducts { id product { code } annualAmount electricityTariffInformationLabel { ... on ProductTariffInformationLabelStandard { tariffCode } } } }
		gasSupplyPoints { mprn quotedProducts { product { code } annualAmount } } } } }`
	in := func(edit func(map[string]any)) map[string]any {
		m := map[string]any{"postcode": "m14 5rt", "productCodes": []any{"VAR-22-11-01", "AGILE-24-10-01"},
			"electricityMeterPoints": []any{map[string]any{"mpan": "1600047318252", "isEstimate": false, "annualConsumptionStandard": 3100}},
			"gasMeterPoints":         []any{map[string]any{"mprn": "8840112736", "isEstimate": true}}}
		if edit != nil {
			edit(m)
		}
		return map[string]any{"i": m}
	}
	got := simtest.Get(mustQuery(t, c)(q, in(nil)), "createAcquisitionQuoteRequestForProducts", "quoteRequest")
	e := simtest.Get(got, "electricitySupplyPoints", 0)
	if spaced(simtest.Get(e, "mpan"), simtest.Get(e, "rateType"), simtest.Get(e, "annualConsumption", "consumption"), simtest.Get(e, "annualConsumption", "isEstimate"),
		len(simtest.Get(e, "quotedProducts").([]any)), simtest.Get(e, "quotedProducts", 0, "id"), simtest.Get(e, "quotedProducts", 0, "product", "code"),
		simtest.Get(e, "quotedProducts", 0, "electricityTariffInformationLabel", "tariffCode")) != "1600047318252 STANDARD 3100 false 1 <nil> VAR-22-11-01 E-1R-VAR-22-11-01-G" {
		t.Errorf("the electricity supply %v", e)
	}
	// A prospect's own quote of the same use at the same postcode prices the same year.
	own := simtest.Get(mustQuery(t, c)(`mutation { createQuote(input: {brandCode: "OCTOPUS_ENERGY", postcode: "M14 5RT", electricityMeterPoints: [{isEstimate: false, annualConsumptionStandard: 3100}]}) {
		quote { quotedProducts { product { code } annualAmount } } } }`, nil), "createQuote", "quote", "quotedProducts").([]any)
	var flexible any
	for _, p := range own {
		if simtest.Get(p, "product", "code") == "VAR-22-11-01" {
			flexible = simtest.Get(p, "annualAmount")
		}
	}
	if flexible == nil || flexible != simtest.Get(e, "quotedProducts", 0, "annualAmount") {
		t.Errorf("createQuote prices a year on Flexible %v, the acquisition quote %v", flexible, simtest.Get(e, "quotedProducts", 0, "annualAmount"))
	}
	if g := simtest.Get(got, "gasSupplyPoints", 0, "quotedProducts", 0, "annualAmount"); g == nil || g.(float64) < 50000 {
		t.Errorf("a typical home's gas on Flexible: %v", g)
	}
	for _, tc := range []struct {
		name string
		edit func(map[string]any)
	}{
		{"no postcode", func(m map[string]any) { m["postcode"] = "nowhere" }},
		{"no MPAN", func(m map[string]any) {
			m["electricityMeterPoints"] = []any{map[string]any{"mpan": "1600047318253", "isEstimate": true}}
		}},
		{"no supply", func(m map[string]any) { m["electricityMeterPoints"], m["gasMeterPoints"] = []any{}, []any{} }},
		{"Agile alone", func(m map[string]any) { m["productCodes"] = []any{"AGILE-24-10-01"} }},
	} {
		if code := graphqlCode(t, c, q, in(tc.edit)); code != "KT-GB-4625" {
			t.Errorf("%s: %q", tc.name, code)
		}
	}
}
