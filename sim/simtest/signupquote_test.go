package simtest_test

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/krakensim/krakensim/sim/simtest"
)

// TestOctopusSignupQuoteIsKept quotes a prospect in Norwich as a sign-up page does,
// unsigned: the quote is for the postcode's region (_A), on the consumption given and
// Ofgem's typical gas for an estimate, each product's tariffs of that region, a year's
// cost whose twelfth is its monthly amount, the cheapest recommended and each's saving
// against the dearest; quote(code:) reads it back, and another session, or no code, an
// empty quote, whose consumption estimates are Ofgem's as consumptionEstimates gives
// them; an economy 7 meter is quoted on two-rate tariffs; a postcode that is not one is
// an error naming the field.
func TestOctopusSignupQuoteIsKept(t *testing.T) {
	srv, c := octopus(t)
	c.Token = ""
	const create = `mutation($pc: String!, $e: [ElectricityMeterPointConsumptionInput]) { createQuote(input: {postcode: $pc, brandCode: "OCTOPUS_ENERGY",
		electricityMeterPoints: $e, gasMeterPoints: [{isEstimate: true}]}) { errors { field } quote { code gspGroupId meterType elecAnnualConsumptionStandard gasAnnualConsumption
		quotedProducts { id elecTariffCode gasTariffCode annualAmount monthlyAmount annualSaving recommended } } } }`
	got := mustQuery(t, c)(create, map[string]any{"pc": "nr31ab", "e": []any{map[string]any{"isEstimate": false, "annualConsumptionStandard": 2900}}})
	q := simtest.Get(got, "createQuote", "quote").(map[string]any)
	if fmt.Sprintf("%v %v %v %v", q["gspGroupId"], q["meterType"], q["elecAnnualConsumptionStandard"], q["gasAnnualConsumption"]) != "_A STANDARD 2900 11500" {
		t.Errorf("the quote: %v", q)
	}
	products := q["quotedProducts"].([]any)
	cheapest, dearest := math.Inf(1), 0.0
	for _, p := range products {
		cheapest, dearest = math.Min(cheapest, number(t, simtest.Get(p, "annualAmount"))), math.Max(dearest, number(t, simtest.Get(p, "annualAmount")))
	}
	for _, p := range products {
		p := p.(map[string]any)
		annual := number(t, p["annualAmount"])
		if !strings.HasSuffix(p["elecTariffCode"].(string), "-A") || !strings.HasPrefix(p["elecTariffCode"].(string), "E-1R-") || !strings.HasPrefix(p["gasTariffCode"].(string), "G-1R-") ||
			math.Abs(number(t, p["monthlyAmount"])-annual/12) > 0.5 || p["recommended"] != (annual == cheapest) || number(t, p["annualSaving"]) != dearest-annual || annual < 100000 {
			t.Errorf("a product: %v", p)
		}
	}
	if len(products) < 2 {
		t.Errorf("products: %v", products)
	}
	est := mustQuery(t, c)(`{ consumptionEstimates { medium { gasAnnualConsumption } } quote { consumptionEstimates { medium { gasAnnualConsumption } } } }`, nil)
	if a, b := fmt.Sprint(est["consumptionEstimates"]), fmt.Sprint(simtest.Get(est, "quote", "consumptionEstimates")); a != b || a != "map[medium:map[gasAnnualConsumption:11500]]" {
		t.Errorf("Ofgem's estimates %s, the quote's %s", a, b)
	}
	const read = `query($c: String) { quote(code: $c) { code quotedProducts { id annualAmount } } }`
	back := mustQuery(t, c)(read, map[string]any{"c": q["code"]})
	if fmt.Sprint(simtest.Get(back, "quote", "quotedProducts")) != fmt.Sprint(stripTo(products, "id", "annualAmount")) || simtest.Get(back, "quote", "code") != q["code"] {
		t.Errorf("read back: %v, made %v", back, products)
	}
	other := srv.Client(t)
	for _, cl := range []*simtest.Client{other, c} {
		code := q["code"]
		if cl == c {
			code = nil
		}
		if s := fmt.Sprint(mustQuery(t, cl)(read, map[string]any{"c": code})["quote"]); s != "map[code:<nil> quotedProducts:[]]" {
			t.Errorf("an empty quote: %s", s)
		}
	}
	e7 := mustQuery(t, c)(create, map[string]any{"pc": "NR3 1AB", "e": []any{map[string]any{"isEstimate": false, "annualConsumptionDay": 2000, "annualConsumptionNight": 1500}}})
	if codes := fmt.Sprint(simtest.Get(e7, "createQuote", "quote", "meterType"), " ", simtest.Get(e7, "createQuote", "quote", "quotedProducts", 0, "elecTariffCode")); !strings.HasPrefix(codes, "ECONOMY7 E-2R-") {
		t.Errorf("an economy 7 quote: %s", codes)
	}
	bad := mustQuery(t, c)(create, map[string]any{"pc": "NOT A POSTCODE", "e": []any{map[string]any{"isEstimate": true}}})
	if s := fmt.Sprint(bad["createQuote"]); s != "map[errors:[map[field:postcode]] quote:<nil>]" {
		t.Errorf("a postcode that is not one: %s", s)
	}
}

// stripTo is items with only the keys given.
func stripTo(items []any, keys ...string) []any {
	out := make([]any, len(items))
	for i, it := range items {
		m := map[string]any{}
		for _, k := range keys {
			m[k] = it.(map[string]any)[k]
		}
		out[i] = m
	}
	return out
}

// TestOctopusSignupQuoteKnowsTheSmartMeter: createQuote looks the MPAN given up: the demo
// flat's smart meter is quoted as SMART, with Agile among its electricity products; a
// traditional meter's MPAN, an MPAN the world does not supply and none at all are
// STANDARD, without Agile; no quote offers what needs a car or a heat pump (Go,
// Intelligent Go, Cosy), nor Agile with gas, which it does not supply.
func TestOctopusSignupQuoteKnowsTheSmartMeter(t *testing.T) {
	_, c := octopus(t)
	c.Token = ""
	const create = `mutation($e: [ElectricityMeterPointConsumptionInput], $g: [GasMeterPointConsumptionInput]) { createQuote(input: {postcode: "NR3 1AB", brandCode: "OCTOPUS_ENERGY",
		electricityMeterPoints: $e, gasMeterPoints: $g}) { errors { field } quote { meterType quotedProducts { product { code } elecTariffCode } } } }`
	elec := func(mpan string) []any {
		m := map[string]any{"isEstimate": true}
		if mpan != "" {
			m["mpan"] = mpan
		}
		return []any{m}
	}
	gas := []any{map[string]any{"isEstimate": true}}
	for _, tc := range []struct {
		name, mpan string
		gas        bool
		want       string // meterType, then the products' codes
	}{
		{"the demo flat's smart meter", "1013004420117", false, "SMART VAR-22-11-01 AGILE-24-10-01 OE-FIX-12M-24-09-01"},
		{"a smart meter with gas", "1013004420117", true, "SMART VAR-22-11-01 OE-FIX-12M-24-09-01"},
		{"a traditional meter", "1200019374620", false, "STANDARD VAR-22-11-01 OE-FIX-12M-24-09-01"},
		{"an MPAN the world does not supply", "1900000000004", false, "STANDARD VAR-22-11-01 OE-FIX-12M-24-09-01"},
		{"no MPAN", "", false, "STANDARD VAR-22-11-01 OE-FIX-12M-24-09-01"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			vars := map[string]any{"e": elec(tc.mpan)}
			if tc.gas {
				vars["g"] = gas
			}
			q := simtest.Get(mustQuery(t, c)(create, vars), "createQuote", "quote")
			got := []string{fmt.Sprint(simtest.Get(q, "meterType"))}
			for _, p := range simtest.Get(q, "quotedProducts").([]any) {
				got = append(got, fmt.Sprint(simtest.Get(p, "product", "code")))
				if tariff := fmt.Sprint(simtest.Get(p, "elecTariffCode")); !strings.Contains(tariff, fmt.Sprint(simtest.Get(p, "product", "code"))) {
					t.Errorf("the product %v is quoted on the tariff %s", simtest.Get(p, "product", "code"), tariff)
				}
			}
			if strings.Join(got, " ") != tc.want {
				t.Errorf("quoted %s, want %s", strings.Join(got, " "), tc.want)
			}
		})
	}
}
