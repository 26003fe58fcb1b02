package accounts_test

import (
	"reflect"
	"strings"
	"testing"
)

// TestViewerAccountsBySelection checks that the viewer's accounts answer each field the
// same whether the query selects it alone, with the others or through fragments:
// the accounts are built with only the fields a query selects.
func TestViewerAccountsBySelection(t *testing.T) {
	c := signIn(t, "demo@krakensim.dev")
	const all = `number status balance billingName billingAddress billingAddressLine1 splitBillingAddress
		createdAt address { postalCode locality streetAddress country } ledgers { number }
		... on AccountType { canChangePayments properties { id postcode } }`
	full := c.do(`{ viewer { accounts { `+all+` } } }`, nil)
	accounts, _ := dig(full, "viewer.accounts").([]any)
	if len(accounts) < 2 {
		t.Fatalf("%d accounts, want the demo household's two or more", len(accounts))
	}
	for _, tc := range []struct {
		name, query, field string
	}{
		{"alone", `{ viewer { accounts { balance } } }`, "balance"},
		{"an address line", `{ viewer { accounts { billingAddressLine1 } } }`, "billingAddressLine1"},
		{"a list", `{ viewer { accounts { splitBillingAddress } } }`, "splitBillingAddress"},
		{"an object", `{ viewer { accounts { address { postalCode locality streetAddress country } } } }`, "address"},
		{"a fragment", `{ viewer { accounts { ...A } } } fragment A on AccountType { billingAddress }`, "billingAddress"},
		{"an inline fragment", `{ viewer { accounts { ... on AccountType { canChangePayments } } } }`, "canChangePayments"},
		{"a nested list", `{ viewer { accounts { ... on AccountType { properties { id postcode } } } } }`, "properties"},
		{"a lazy list", `{ viewer { accounts { ledgers { number } } } }`, "ledgers"},
		{"aliased", `{ viewer { accounts { n: number } } }`, "n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, _ := dig(c.do(tc.query, nil), "viewer.accounts").([]any)
			if len(got) != len(accounts) {
				t.Fatalf("%d accounts, want %d", len(got), len(accounts))
			}
			for i := range got {
				want := accounts[i].(map[string]any)[tc.field]
				if tc.field == "n" {
					want = accounts[i].(map[string]any)["number"]
				}
				if g := got[i].(map[string]any)[tc.field]; !reflect.DeepEqual(g, want) {
					t.Errorf("account %d %s = %v, want %v", i, tc.field, g, want)
				}
			}
		})
	}
}

// TestViewerBySelection checks that the viewer answers each field the same whether
// the query selects it alone or with the others.
func TestViewerBySelection(t *testing.T) {
	c := signIn(t, "demo@krakensim.dev")
	fields := []string{"id", "givenName", "familyName", "email", "fullName", "preferredName", "title",
		"preferences { isOptedInToOfferMessages fontSizeMultiplier }", "consents { code value }", "accountUserRoles { role }"}
	all := c.do(`{ viewer { `+strings.Join(fields, " ")+` } }`, nil)
	for _, f := range fields {
		name, _, _ := strings.Cut(f, " ")
		t.Run(name, func(t *testing.T) {
			alone := c.do(`{ viewer { `+f+` } }`, nil)
			if got, want := dig(alone, "viewer."+name), dig(all, "viewer."+name); !reflect.DeepEqual(got, want) {
				t.Fatalf("viewer.%s alone = %v, with the others %v", name, got, want)
			}
		})
	}
	if got := dig(all, "viewer.email"); got != "demo@krakensim.dev" {
		t.Fatalf("viewer.email = %v", got)
	}
}
