package simtest_test

import (
	"fmt"
	"testing"

	"github.com/krakensim/krakensim/sim/simtest"
)

// TestStatementTotalsAreTheirLines reads three years of the demo account's statements
// on each tenant's SDL: each one's totalCharges and totalCredits, net, tax and gross,
// are what its charges and credits list added up, to the penny, as a client reconciling
// a statement's VAT line against its transactions adds them.
func TestStatementTotalsAreTheirLines(t *testing.T) {
	for _, sdl := range []string{"octopus-schema.graphql", "origin-schema.graphql"} {
		t.Run(sdl, func(t *testing.T) {
			_, c := tenant(t, sdl)
			data := mustQuery(t, c)(`{ account(accountNumber: "A-C90DC431") { bills(first: 36) { edges { node { id ... on StatementType {
				totalCharges { netTotal taxTotal grossTotal } totalCredits { netTotal taxTotal grossTotal }
				transactions(first: 100) { edges { node { __typename amounts { net tax gross } } } } } } } } } }`, nil)
			bills := simtest.Get(data, "account", "bills", "edges").([]any)
			if len(bills) < 30 {
				t.Fatalf("%d statements", len(bills))
			}
			for _, e := range bills {
				n := simtest.Get(e, "node")
				var charges, credits [3]int
				for _, tx := range simtest.Get(n, "transactions", "edges").([]any) {
					a := simtest.Get(tx, "node", "amounts")
					net, tax, gross := toInt(simtest.Get(a, "net")), toInt(simtest.Get(a, "tax")), toInt(simtest.Get(a, "gross"))
					switch simtest.Get(tx, "node", "__typename") {
					case "Charge":
						charges = [3]int{charges[0] + net, charges[1] + tax, charges[2] + gross}
					case "Refund": // its gross is 0, as Kraken answers a payment's
						charges = [3]int{charges[0] + net, charges[1], charges[2] + net}
					case "Credit":
						credits = [3]int{credits[0] + net, credits[1] + tax, credits[2] + gross}
					}
				}
				total := func(field string) [3]int {
					v := simtest.Get(n, field)
					return [3]int{toInt(simtest.Get(v, "netTotal")), toInt(simtest.Get(v, "taxTotal")), toInt(simtest.Get(v, "grossTotal"))}
				}
				if got := total("totalCharges"); got != charges {
					t.Errorf("statement %v: totalCharges %v, its charges %v", simtest.Get(n, "id"), got, charges)
				}
				if got := total("totalCredits"); got != credits {
					t.Errorf("statement %v: totalCredits %v, its credits %v", simtest.Get(n, "id"), got, credits)
				}
			}
		})
	}
}

// TestACreditKeepsTheTaxItWasPostedWith posts a credit of 1000 net and 50 tax with
// postCredit and with createAccountCredit: the transaction lists that split, and the
// open statement's totalCredits grow by it.
func TestACreditKeepsTheTaxItWasPostedWith(t *testing.T) {
	for _, tc := range []struct{ name, mutation string }{
		{"postCredit", `mutation { postCredit(input: {accountNumber: "A-C90DC431", netAmount: 1000, taxAmount: 50, reason: "GOODWILL", ledgerId: "6100001"}) { credit { id } } }`},
		{"createAccountCredit", `mutation { createAccountCredit(input: {accountNumber: "A-C90DC431", netAmount: 1000, salesTaxAmount: 50, grossAmount: 1050, reason: EXTERNAL_REFERRAL_CREDIT}) { accountCredit { id } } }`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, c := octopus(t)
			q := mustQuery(t, c)
			const read = `{ account(accountNumber: "A-C90DC431") { transactions(first: 1) { edges { node { __typename amounts { net tax gross } } } }
				bills(first: 1, includeOpenStatements: true) { edges { node { ... on StatementType { status totalCredits { netTotal taxTotal grossTotal } } } } } } }`
			credits := func(d map[string]any) [3]int {
				v := simtest.Get(d, "account", "bills", "edges", 0, "node", "totalCredits")
				return [3]int{toInt(simtest.Get(v, "netTotal")), toInt(simtest.Get(v, "taxTotal")), toInt(simtest.Get(v, "grossTotal"))}
			}
			before := credits(q(read, nil))
			q(tc.mutation, nil)
			after := q(read, nil)
			if got := fmt.Sprint(simtest.Get(after, "account", "transactions", "edges", 0, "node")); got != "map[__typename:Credit amounts:map[gross:1050 net:1000 tax:50]]" {
				t.Errorf("the credit is listed as %s", got)
			}
			if got := credits(after); got != [3]int{before[0] + 1000, before[1] + 50, before[2] + 1050} || simtest.Get(after, "account", "bills", "edges", 0, "node", "status") != "OPEN" {
				t.Errorf("the open statement's totalCredits went from %v to %v", before, got)
			}
		})
	}
}
