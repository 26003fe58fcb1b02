package simtest_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/krakensim/krakensim/sim/simtest"
)

// TestFittedCodesSayTheirCause: a refusal whose own code the tenant's field does not
// document answers a code the field does, its message still the refusal's (a switch date
// out of range does not blame a supply point); one the field documents answers itself;
// one of an object not the viewer's answers the field's "Unauthorized." code, which
// tells no more.
func TestFittedCodesSayTheirCause(t *testing.T) {
	_, oct := octopus(t)
	_, ori := tenant(t, "origin-schema.graphql")
	requoted := simtest.Get(mustQuery(t, oct)(`mutation { requote(input: {accountNumber: "A-C90DC431", propertyId: "2214531"}) { quote { quotedProducts { id } } } }`, nil),
		"requote", "quote", "quotedProducts", 0, "id")
	quoted := simtest.Get(mustQuery(t, ori)(`mutation { createQuoteForAccount(input: {accountNumber: "A-C90DC431", identifiers: ["4102004420"], asOf: "2026-12-02"}) {
		quoteRequest { quotedSupplyPoints { edges { node { quotedProducts { edges { node { id } } } } } } } } }`, nil),
		"createQuoteForAccount", "quoteRequest", "quotedSupplyPoints", "edges", 0, "node", "quotedProducts", "edges", 0, "node", "id")
	const (
		switchTo = `mutation($a: String!, $id: ID!, $d: Date!) { initiateProductSwitch(input: {accountNumber: $a, quotedProductId: $id, switchDate: $d}) { productCode } }`
		heatPump = `mutation($t: HeatPumpPropertyType!) { createHeatPumpGoodsQuote(input: {accountNumber: "A-C90DC431", productId: 31,
			propertyDetails: {propertyType: $t, heatType: MAINS_GAS_BOILER, hasOutdoorSpaceForHeatPump: true},
			contactDetails: {firstName: "Jamie", lastName: "Carter", email: "demo@krakensim.dev", phone: "07700 900123"},
			addressDetails: {addressLine1: "41 Octopus Lane", addressLine2: "Norwich", postcode: "NR3 1AB"}}) { quote { code } } }`
		switchDate = "Agreement product switch date is not within the acceptable range."
	)
	for _, tc := range []struct {
		name          string
		c             *simtest.Client
		query         string
		vars          map[string]any
		code, message string
	}{
		{"Octopus: a switch date too far (1507 undocumented)", oct, switchTo, map[string]any{"a": "A-C90DC431", "id": requoted, "d": "2027-03-15"}, "KT-CT-4719", switchDate},
		{"Octopus: a switch date gone", oct, switchTo, map[string]any{"a": "A-C90DC431", "id": requoted, "d": "2026-12-01"}, "KT-CT-4719", switchDate},
		{"Origin: a switch date too far (1507 documented)", ori, switchTo, map[string]any{"a": "A-C90DC431", "id": quoted, "d": "2027-03-15"}, "KT-CT-1507", switchDate},
		{"Octopus: a heat pump for an upper-floor flat (8205 documented)", oct, heatPump, map[string]any{"t": "FLAT"}, "KT-CT-8205", "Unable to create quote."},
		{"Octopus: another's account", oct, switchTo, map[string]any{"a": "A-00000000", "id": requoted, "d": "2026-12-10"}, "KT-CT-4922", "Unauthorized."},
	} {
		out := tc.c.Query(tc.query, tc.vars)
		if len(out.Errors) != 1 {
			t.Errorf("%s: %+v", tc.name, out)
			continue
		}
		if got := fmt.Sprint(out.Errors[0].Code(), " ", out.Errors[0].Message); got != tc.code+" "+tc.message {
			t.Errorf("%s: %s, want %s %s", tc.name, got, tc.code, tc.message)
		}
		if d := fmt.Sprint(out.Errors[0].Extensions["errorDescription"]); tc.message == switchDate && !strings.Contains(d, "switch date") {
			t.Errorf("%s: described %q", tc.name, d)
		}
	}
}
