package simtest_test

import (
	"fmt"
	"testing"

	"github.com/krakensim/krakensim/sim/simtest"
)

// TestOctopusHeatPumpQuoteIsAGoodsQuote: a Cosy heat pump is quoted for a home less the
// Boiler Upgrade Scheme grant, as a goods quote of the viewer's account that
// acceptGoodsQuote turns into a purchase; a home one cannot be fitted to, a product that
// is no heat pump, contact details that are not and another's account are refused.
func TestOctopusHeatPumpQuoteIsAGoodsQuote(t *testing.T) {
	_, c := octopus(t)
	const q = `mutation($i: CreateHeatPumpGoodsQuoteInput) { createHeatPumpGoodsQuote(input: $i) { quote {
		accountNumber code quoteId quotedProduct { product numberOfUnits pricePerUnit netAmount currency } contactDetails { email } addressDetails { postcode } } } }`
	in := func(edit func(m, home, contact map[string]any)) map[string]any {
		home := map[string]any{"propertyType": "SEMI_DETACHED", "heatType": "MAINS_GAS_BOILER", "hasOutdoorSpaceForHeatPump": true}
		contact := map[string]any{"firstName": "Jamie", "lastName": "Carter", "email": "demo@krakensim.dev", "phone": "07700 900123"}
		m := map[string]any{"accountNumber": "A-C90DC431", "productId": 31, "propertyDetails": home, "contactDetails": contact,
			"addressDetails": map[string]any{"addressLine1": "41 Octopus Lane", "addressLine2": "Norwich", "postcode": "NR3 1AB"}}
		if edit != nil {
			edit(m, home, contact)
		}
		return map[string]any{"i": m}
	}
	quote := simtest.Get(mustQuery(t, c)(q, in(nil)), "createHeatPumpGoodsQuote", "quote")
	if got := fmt.Sprint(simtest.Get(quote, "accountNumber"), " ", simtest.Get(quote, "quotedProduct"), " ", simtest.Get(quote, "addressDetails", "postcode")); got !=
		"A-C90DC431 map[currency:GBP netAmount:50000 numberOfUnits:1 pricePerUnit:50000 product:COSY-6] NR3 1AB" {
		t.Errorf("the quote %s", got)
	}
	id := simtest.Get(quote, "quoteId")
	bought := simtest.Get(mustQuery(t, c)(`mutation($id: Int!) { acceptGoodsQuote(input: {accountNumber: "A-C90DC431", quoteId: $id}) { goodsPurchase { code } } }`,
		map[string]any{"id": id}), "acceptGoodsQuote", "goodsPurchase", "code")
	if bought == nil {
		t.Error("accepting the heat pump's quote made no purchase")
	}
	for _, tc := range []struct {
		name string
		edit func(m, home, contact map[string]any)
		code string
	}{
		{"an upper-floor flat", func(_, home, _ map[string]any) { home["propertyType"] = "FLAT" }, "KT-CT-8205"},
		{"no outdoor space", func(_, home, _ map[string]any) { home["hasOutdoorSpaceForHeatPump"] = false }, "KT-CT-8205"},
		{"a thermostat", func(m, _, _ map[string]any) { m["productId"] = 7 }, "KT-CT-8205"},
		{"no email", func(_, _, contact map[string]any) { contact["email"] = "jamie@" }, "KT-CT-8202"},
		{"another's account", func(m, _, _ map[string]any) { m["accountNumber"] = "A-0F4A2B19" }, "KT-CT-1111"},
	} {
		if got := graphqlCode(t, c, q, in(tc.edit)); got != tc.code {
			t.Errorf("%s: %q, want %s", tc.name, got, tc.code)
		}
	}
}
