package simtest_test

import (
	"testing"

	"github.com/krakensim/krakensim/sim/simtest"
)

// TestOriginAddsAndReaddressesAProperty adds a home to the demo account on Origin and
// gives it another address, both listed with the account's properties; refused as
// documented for an address that is not one, one the account has and another's home.
func TestOriginAddsAndReaddressesAProperty(t *testing.T) {
	srv, c := tenant(t, "origin-schema.graphql")
	query := mustQuery(t, c)
	other := srv.ClientIn(t, c.Session)
	other.Token = simtest.Get(other.Query(`mutation { obtainKrakenToken(input: {APIKey: "sk_live_krakensimother3235449"}) { token } }`, nil).Data, "obtainKrakenToken", "token").(string)
	const (
		add    = `mutation($street: String!, $pc: String!) { addProperty(input: {accountNumber: "A-C90DC431", address: {streetAddress: $street, locality: "Marrickville", administrativeArea: "NSW", postalCode: $pc}}) { property { id postcode address } } }`
		update = `mutation($id: ID!, $street: String!, $pc: String!) { updatePropertyAddress(input: {propertyId: $id, address: {streetAddress: $street, locality: "Enmore", administrativeArea: "NSW", postalCode: $pc}}) { property { id postcode address } } }`
		homes  = `{ account(accountNumber: "A-C90DC431") { properties { id postcode } } }`
	)
	for _, tc := range []struct {
		name string
		vars map[string]any
	}{
		{"no postcode", map[string]any{"street": "9 Sydenham Road", "pc": ""}},
		{"a UK postcode", map[string]any{"street": "9 Sydenham Road", "pc": "NR3 1AB"}},
		{"the account's home", map[string]any{"street": "41 Kraken Street", "pc": "2042"}},
	} {
		if out := c.Query(add, tc.vars); len(out.Errors) != 1 || out.Errors[0].Code() != "KT-CT-6629" {
			t.Errorf("%s: %+v, want KT-CT-6629", tc.name, out.Errors)
		}
	}
	p := simtest.Get(query(add, map[string]any{"street": "9 Sydenham Road", "pc": "2204"}), "addProperty", "property")
	if simtest.Get(p, "postcode") != "2204" || simtest.Get(p, "address") == nil {
		t.Fatalf("added %v", p)
	}
	id := simtest.Get(p, "id")
	if out := other.Query(update, map[string]any{"id": id, "street": "1 Other Road", "pc": "2042"}); len(out.Errors) != 1 || out.Errors[0].Code() != "KT-CT-6622" {
		t.Errorf("another's home: %+v", out.Errors)
	}
	if out := c.Query(update, map[string]any{"id": id, "street": "", "pc": "2042"}); len(out.Errors) != 1 || out.Errors[0].Code() != "KT-CT-6638" {
		t.Errorf("no street: %+v", out.Errors)
	}
	query(update, map[string]any{"id": id, "street": "3 Enmore Road", "pc": "2042"})
	listed := simtest.Get(query(homes, nil), "account", "properties").([]any)
	if len(listed) != 2 || simtest.Get(listed[1], "id") != id || simtest.Get(listed[1], "postcode") != "2042" {
		t.Errorf("the account's homes %v", listed)
	}
}
