package simtest_test

import (
	"fmt"
	"strconv"
	"testing"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/simtest"
)

// TestListedPaymentIDsAreInts: every payment the demo, solar and business accounts, one
// moved out and one paying by a variable direct debit list (fixed and variable direct
// debits, bank transfers, a final settlement) has an id amendPayment's Int paymentId
// takes, no two share one, and each keeps its id in another session read on another day
// in another order, and is above those of the kind dated before it; a variable debit's collection still to come is refused as
// KT-CT-3924, not by the Int's coercion.
func TestListedPaymentIDsAreInts(t *testing.T) {
	holders := []struct{ account, email string }{
		{"A-C90DC431", "demo@krakensim.dev"},
		{"A-7B3E9D12", "demo@krakensim.dev"},
		{"A-6D4F2E88", "solar@krakensim.dev"},
		{"A-B1A2C3D4", "business@krakensim.dev"},
		{"A-0F4A2B19", "other@krakensim.dev"},
	}
	type payment struct{ id, status string }
	read := func(at string, order []int) (map[string]payment, *simtest.Client) {
		t.Helper()
		_, c := octopus(t, func(w *sim.World) {
			a := w.Account("A-0F4A2B19")
			for i := range a.PaymentSchedules {
				a.PaymentSchedules[i].IsVariablePaymentAmount, a.PaymentSchedules[i].PaymentAmount = true, 0
			}
		})
		query := mustQuery(t, c)
		query(`mutation { performMoveOut(input: {accountNumber: "A-7B3E9D12", propertyId: "2214532", moveOutDate: "2026-12-14"}) { account { number } } }`, nil)
		setClock(t, c, at)
		listed := map[string]payment{}
		seen := map[string]string{}
		for _, k := range order {
			h := holders[k]
			c.SignIn(h.email, "krakensim")
			const list = `query($a: String!, $after: String) { account(accountNumber: $a) { payments(first: 100, after: $after) {
				pageInfo { hasNextPage endCursor } edges { node { id amount paymentDate status transactionType } } } } }`
			var after any
			for more := true; more; {
				page := simtest.Get(query(list, map[string]any{"a": h.account, "after": after}), "account", "payments")
				for _, e := range simtest.Get(page, "edges").([]any) {
					p := e.(map[string]any)["node"]
					id := fmt.Sprint(simtest.Get(p, "id"))
					if n, err := strconv.ParseInt(id, 10, 64); err != nil || n < 1 || n > 1<<31-1 {
						t.Errorf("%s: payment %s (%v) is no Int", h.account, id, p)
					}
					if was, ok := seen[id]; ok {
						t.Errorf("%s and %s both list payment %s", was, h.account, id)
					}
					seen[id] = h.account
					key := fmt.Sprint(h.account, " ", simtest.Get(p, "paymentDate"), " ", simtest.Get(p, "transactionType"), " ", simtest.Get(p, "amount"))
					listed[key] = payment{id, simtest.Get(p, "status").(string)}
				}
				more, after = simtest.Get(page, "pageInfo", "hasNextPage") == true, simtest.Get(page, "pageInfo", "endCursor")
			}
		}
		return listed, c
	}
	first, c := read("2027-02-22T09:00:00Z", []int{0, 1, 2, 3, 4})
	kinds := map[string]bool{}
	scheduled := 0
	for key, p := range first {
		n, _ := strconv.Atoi(p.id)
		switch {
		case n >= 1_200_000_000:
			kinds["final settlement"] = true
		case n >= 700_000_000:
			kinds["variable debit"] = true
			if p.status == "SCHEDULED" && key[:10] == "A-0F4A2B19" {
				scheduled = n
			}
		case n >= 200_000_000:
			kinds["bank transfer"] = true
		}
	}
	kind := func(n int) int { return (n + 300_000_000) / 500_000_000 } // transfers, variable debits, settlements
	for key, p := range first {                                        // within a kind, a later payment of the account has a higher id
		n, _ := strconv.Atoi(p.id)
		for other, q := range first {
			m, _ := strconv.Atoi(q.id)
			if min(n, m) >= 200_000_000 && other[:10] == key[:10] && other[11:21] > key[11:21] && kind(n) == kind(m) && m <= n {
				t.Errorf("%s is %s, yet %s before it is %s", other, q.id, key, p.id)
			}
		}
	}
	if len(kinds) != 3 || scheduled == 0 {
		t.Fatalf("payments listed of %v, want bank transfers, variable debits (one scheduled) and a final settlement", kinds)
	}
	c.SignIn("other@krakensim.dev", "krakensim")
	out := c.Query(`mutation($id: Int!) { amendPayment(input: {accountNumber: "A-0F4A2B19", paymentId: $id, amount: 9000, paymentDate: "2027-03-20"}) { payment { id } } }`,
		map[string]any{"id": scheduled})
	if len(out.Errors) != 1 || out.Errors[0].Code() != "KT-CT-3924" {
		t.Errorf("amending variable debit %d: %+v, want KT-CT-3924", scheduled, out.Errors)
	}
	later, _ := read("2027-04-20T09:00:00Z", []int{4, 3, 2, 1, 0})
	same := 0
	for key, p := range first {
		if q, ok := later[key]; ok && p.status == "CLEARED" {
			same++
			if q.id != p.id {
				t.Errorf("%s is %s two months on, %s before", key, q.id, p.id)
			}
		}
	}
	if same < 100 {
		t.Errorf("%d payments listed in both sessions, want the months before", same)
	}
}

// TestSessionPaymentsNumberBelowCollections: once a weekly direct debit's collection
// (numbered from 10,000,000) is amended, a one-off payment made after it is still
// numbered among the session's own, not after the collection, whose neighbours are
// other collections'.
func TestSessionPaymentsNumberBelowCollections(t *testing.T) {
	_, c := tenant(t, "origin-schema.graphql")
	query := mustQuery(t, c)
	query(`mutation { createFixedPaymentSchedule(input: {accountNumber: "A-C90DC431", scheduleType: DIRECT_DEBIT, paymentAmount: 5000,
		paymentFrequency: Weekly, validFrom: "2026-12-12"}) { paymentSchedule { id } } }`, nil)
	setClock(t, c, "2026-12-14T09:00:00Z")
	signInWith(t, c, map[string]any{"APIKey": "sk_live_krakensimdemo3235447"})
	weekly := 0
	for _, e := range simtest.Get(query(`{ account(accountNumber: "A-C90DC431") { payments(first: 5) { edges { node { id paymentDate } } } } }`, nil), "account", "payments", "edges").([]any) {
		if simtest.Get(e, "node", "paymentDate") == "2026-12-14" {
			weekly, _ = strconv.Atoi(fmt.Sprint(simtest.Get(e, "node", "id")))
		}
	}
	if weekly < 10_000_000 {
		t.Fatalf("the weekly collection of 14 December is %d, want one numbered from 10,000,000", weekly)
	}
	query(`mutation($id: Int!) { amendPayment(input: {accountNumber: "A-C90DC431", paymentId: $id, amount: 6000, paymentDate: "2026-12-16"}) { payment { id } } }`,
		map[string]any{"id": weekly})
	made := simtest.Get(query(`mutation { collectPayment(input: {accountNumber: "A-C90DC431", amount: 4000, paymentDate: "2026-12-15",
		description: "One-off", idempotencyKey: "one-off", ledgerNumber: "L-6B2F0A1C", collectionMethod: DIRECT_DEBIT}) { payment { id } } }`, nil), "collectPayment", "payment", "id")
	if n, _ := strconv.Atoi(fmt.Sprint(made)); n < 5_501_000 || n >= 10_000_000 {
		t.Errorf("the one-off payment after amending collection %d is %v, want one of the session's, from 5,501,000", weekly, made)
	}
}
