package simtest_test

import (
	"fmt"
	"testing"

	"github.com/krakensim/krakensim/sim/simtest"
)

// quoteOnProducts is quoteAccountOnProducts of the demo account, as "mpan consumption
// annualAmount" of each electricity point and "mprn consumption annualAmount" of each gas one.
const quoteOnProducts = `mutation($e: [ElectricityMeterPointProductsInput!], $g: [GasMeterPointProductsInput!]) {
	quoteAccountOnProducts(input: {accountNumber: "A-C90DC431", electricityMeterPointsInput: $e, gasMeterPointsInput: $g}) { quoteRequest { code
	electricitySupplyPoints { mpan annualConsumption { ... on ElectricityConsumptionStandard { consumption } } quotedProducts { product { code } annualAmount } }
	gasSupplyPoints { mprn annualConsumption { ... on GasConsumption { consumption } } quotedProducts { product { code } annualAmount } } } } }`

// TestQuoteAccountOnProductsNewHome: the demo account quotes the home it is moving to
// before the move, as the SDL's input allows: by its MPAN and MPRN (at the MPAN's region,
// on the use given, else a typical home's), or by no MPAN with the use, the meter type and
// the region; the quote's code then puts the new home on the product at the move. An MPAN
// that is none, or no MPAN and no use, is refused naming the field.
func TestQuoteAccountOnProductsNewHome(t *testing.T) {
	fix := []any{map[string]any{"code": "OE-FIX-12M-24-09-01"}}
	elec := func(edit func(map[string]any)) []any {
		m := map[string]any{"mpan": "1245708906730", "productsInput": fix}
		if edit != nil {
			edit(m)
		}
		return []any{m}
	}
	type point = struct {
		id, kwh, annual any
	}
	read := func(out map[string]any, list string) []point {
		var ps []point
		for _, p := range simtest.Get(out, "quoteAccountOnProducts", "quoteRequest", list).([]any) {
			ps = append(ps, point{simtest.Get(p, map[bool]string{true: "mpan", false: "mprn"}[list == "electricitySupplyPoints"]),
				simtest.Get(p, "annualConsumption", "consumption"), simtest.Get(p, "quotedProducts", 0, "annualAmount")})
		}
		return ps
	}
	_, c := octopus(t)
	q := mustQuery(t, c)
	given := read(q(quoteOnProducts, map[string]any{"e": elec(func(m map[string]any) { m["consumption"] = map[string]any{"standard": 2000} })}), "electricitySupplyPoints")
	bare := read(q(quoteOnProducts, map[string]any{"e": elec(func(m map[string]any) {
		delete(m, "mpan")
		m["consumption"], m["meterType"], m["gspId"] = map[string]any{"standard": 2000}, "STANDARD", "_C"
	})}), "electricitySupplyPoints")
	if len(given) != 1 || len(bare) != 1 || given[0].id != "1245708906730" || given[0].kwh != 2000.0 || bare[0].kwh != 2000.0 || given[0].annual != bare[0].annual || given[0].annual == nil {
		t.Errorf("the new home's MPAN on 2000 kWh %v; no MPAN, 2000 kWh in London (_C) %v: want the same price", given, bare)
	}
	both := q(quoteOnProducts, map[string]any{"e": elec(nil), "g": []any{map[string]any{"mprn": "1570890673", "productsInput": fix}}})
	if e, g := read(both, "electricitySupplyPoints"), read(both, "gasSupplyPoints"); fmt.Sprint(e[0].kwh, " ", g[0].id, " ", g[0].kwh) != "2700 1570890673 11500" || e[0].annual.(float64) <= given[0].annual.(float64) {
		t.Errorf("the new home on a typical home's use: %v %v", e, g)
	}
	code := simtest.Get(both, "quoteAccountOnProducts", "quoteRequest", "code")
	moved := q(`mutation($q: String!) { performMoveOut(input: {accountNumber: "A-C90DC431", propertyId: "2214531", moveOutDate: "2026-12-18", newProperty: {address: "97 Market Terrace, London",
		postcode: "SE1 9SG", moveInDate: "2026-12-18", mpans: ["1245708906730"], mprns: ["1570890673"], moveInNewProperty: true, productCode: "OE-FIX-12M-24-09-01", quoteCode: $q}}) {
		account { ... on AccountType { properties { address electricityMeterPoints { mpan agreements { tariff { ... on StandardTariff { productCode } } } } } } } } }`, map[string]any{"q": code})
	found := false
	for _, p := range simtest.Get(moved, "performMoveOut", "account", "properties").([]any) {
		for _, mp := range simtest.Get(p, "electricityMeterPoints").([]any) {
			found = found || simtest.Get(mp, "mpan") == "1245708906730" && simtest.Get(mp, "agreements", 0, "tariff", "productCode") == "OE-FIX-12M-24-09-01"
		}
	}
	if !found {
		t.Errorf("moved with the new home's quote %v: %v", code, moved)
	}
	after := read(q(quoteOnProducts, map[string]any{"e": elec(nil)}), "electricitySupplyPoints")
	if len(after) != 1 || after[0].kwh != 2700.0 || after[0].annual != read(both, "electricitySupplyPoints")[0].annual {
		t.Errorf("the new home, moving in, not yet supplied: %v, want a typical home's use as before the move", after)
	}
	for _, tc := range []struct {
		name string
		e    []any
	}{
		{"an MPAN that is none", elec(func(m map[string]any) { m["mpan"] = "1245708906731" })},
		{"no MPAN and no use", elec(func(m map[string]any) { delete(m, "mpan") })},
		{"no MPAN and no meter type", elec(func(m map[string]any) { delete(m, "mpan"); m["consumption"] = map[string]any{"standard": 2000} })},
		{"a region that is none", elec(func(m map[string]any) { m["gspId"] = "_Z" })},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := graphqlCode(t, c, quoteOnProducts, map[string]any{"e": tc.e}); got != "KT-GB-4614" {
				t.Errorf("got %q, want KT-GB-4614", got)
			}
		})
	}
}
