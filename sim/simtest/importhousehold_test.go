package simtest_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/krakensim/krakensim/sim/simtest"
)

// TestAnImportedDualFuelAccountBillsEachFuelToItsLedger imports, in both tenants, an
// account whose ledgers are an ELECTRICITY_LEDGER and a GAS_LEDGER (30.00 between
// them): each ledger is of that type, each fuel's charges go to its own ledger, and
// the statement billed since opens at the account's 30.00 and closes at its balance.
func TestAnImportedDualFuelAccountBillsEachFuelToItsLedger(t *testing.T) {
	for _, tc := range []struct{ tenant, payload, email string }{
		{"octopus-schema.graphql", "gb_dual", "jo.d58@example.com"},
		{"origin-schema.graphql", "au_dual", "kim.d58@example.com"},
	} {
		t.Run(tc.payload, func(t *testing.T) {
			srv, c := tenant(t, tc.tenant)
			number := importedNumber(t, srv, c, importPayload(t, tc.payload, nil), tc.email)
			data := mustQuery(t, c)(`query($a: String!) { account(accountNumber: $a) { balance
				ledgers { ledgerType name transactions(first: 20) { edges { node { __typename title } } } }
				bills(first: 1) { edges { node { ... on StatementType { openingBalance closingBalance } } } } } }`, map[string]any{"a": number})
			var types []string
			for _, l := range simtest.Get(data, "account", "ledgers").([]any) {
				typ := simtest.Get(l, "ledgerType").(string)
				types = append(types, typ+"/"+simtest.Get(l, "name").(string))
				want := map[string]string{"ELECTRICITY_LEDGER": "Electricity", "GAS_LEDGER": "Gas"}[typ]
				charged := 0
				for _, e := range simtest.Get(l, "transactions", "edges").([]any) {
					if n := simtest.Get(e, "node"); simtest.Get(n, "__typename") == "Charge" {
						charged++
						if title := simtest.Get(n, "title"); title != want {
							t.Errorf("a %v charge on the %s", title, typ)
						}
					}
				}
				if charged == 0 {
					t.Errorf("the %s has no charges", typ)
				}
			}
			if want := []string{"ELECTRICITY_LEDGER/Electricity Ledger", "GAS_LEDGER/Gas Ledger"}; !slices.Equal(types, want) {
				t.Errorf("ledgers %v, want %v", types, want)
			}
			st := simtest.Get(data, "account", "bills", "edges", 0, "node")
			if open := toInt(simtest.Get(st, "openingBalance")); open != 3000 {
				t.Errorf("the statement opens at %d, want the 3000 transferred", open)
			}
			if closing, balance := toInt(simtest.Get(st, "closingBalance")), toInt(simtest.Get(data, "account", "balance")); closing != balance {
				t.Errorf("the statement closes at %d, the account's balance is %d", closing, balance)
			}
		})
	}
}

// TestAnImportedMetersRegistersAreTheDeclared imports, in both tenants, meters that
// declare two registers or one: GraphQL's registers are those the payload declared,
// whatever the meter's single-rate tariff has.
func TestAnImportedMetersRegistersAreTheDeclared(t *testing.T) {
	for _, tc := range []struct {
		tenant, payload, email string
		want                   map[string]string // serial number → register identifiers
	}{
		{"octopus-schema.graphql", "gb_dual", "jo.d58@example.com", map[string]string{"D58E7A": "1,2", "D58IMP": "1"}},
		{"origin-schema.graphql", "au_dual", "kim.d58@example.com", map[string]string{"D58E7A": "1,2", "D58IMP": "1"}},
	} {
		t.Run(tc.payload, func(t *testing.T) {
			srv, c := tenant(t, tc.tenant)
			number := importedNumber(t, srv, c, importPayload(t, tc.payload, nil), tc.email)
			data := mustQuery(t, c)(`query($a: String!) { account(accountNumber: $a) { properties { electricityMeterPoints {
				meters { serialNumber registers { identifier } } } } } }`, map[string]any{"a": number})
			got := map[string]string{}
			for _, p := range simtest.Get(data, "account", "properties").([]any) {
				for _, mp := range simtest.Get(p, "electricityMeterPoints").([]any) {
					for _, m := range simtest.Get(mp, "meters").([]any) {
						var ids []string
						for _, r := range simtest.Get(m, "registers").([]any) {
							ids = append(ids, simtest.Get(r, "identifier").(string))
						}
						got[simtest.Get(m, "serialNumber").(string)] = strings.Join(ids, ",")
					}
				}
			}
			for serial, want := range tc.want {
				if got[serial] != want {
					t.Errorf("meter %s: registers %q, want %q (all: %v)", serial, got[serial], want, got)
				}
			}
		})
	}
}

// TestAMigratedCustomerWithALoginKeepsIt imports a customer whose email already signs
// in (a fixture user, or one an earlier import made): the import succeeds and that
// login sees the new account beside its others, its name unchanged.
func TestAMigratedCustomerWithALoginKeepsIt(t *testing.T) {
	for _, tc := range []struct {
		name, first, payload, email, given string
		had                                []string
	}{
		{"a fixture user", "", "gb3", "demo@krakensim.dev", "", []string{"A-C90DC431", "A-7B3E9D12"}},
		{"a user an earlier import made", "gb_dual", "gb8", "jo.d58@example.com", "Jo", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv, c := octopus(t)
			if tc.first != "" {
				tc.had = []string{importedNumber(t, srv, c, importPayload(t, tc.first, nil), tc.email)}
			}
			c.SignIn(tc.email, "krakensim")
			before := mustQuery(t, c)(`{ viewer { givenName } }`, nil)
			payload := importPayload(t, tc.payload, func(p map[string]any) {
				simtest.Get(p, "customers", 0).(map[string]any)["email"] = tc.email
			})
			if status, body := importAs(t, srv, c, "/v2/data-import/accounts/", payload); status != 201 {
				t.Fatalf("import: %d %v", status, body)
			}
			data := mustQuery(t, c)(`{ viewer { givenName accounts { number } } }`, nil)
			var numbers []string
			for _, a := range simtest.Get(data, "viewer", "accounts").([]any) {
				numbers = append(numbers, simtest.Get(a, "number").(string))
			}
			if len(numbers) != len(tc.had)+1 {
				t.Errorf("the login sees %v, want %v and the new account", numbers, tc.had)
			}
			for _, n := range tc.had {
				if !slices.Contains(numbers, n) {
					t.Errorf("the login lost %s: %v", n, numbers)
				}
			}
			if got, want := simtest.Get(data, "viewer", "givenName"), simtest.Get(before, "viewer", "givenName"); got != want || tc.given != "" && got != tc.given {
				t.Errorf("the login's given name is %v, was %v", got, want)
			}
		})
	}
}
