package simtest_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/krakensim/krakensim/sim/simtest"
)

// TestOriginPaysByCard pays on Origin with the flat's saved card today (cleared, its
// ledger in credit by it) and on a later day (scheduled), and with a new card saved
// (listed with the account's cards) or declined (failed, nothing saved); another
// account's card pays nothing.
func TestOriginPaysByCard(t *testing.T) {
	_, c := tenant(t, "origin-schema.graphql")
	query := mustQuery(t, c)
	const (
		saved    = `mutation($in: String!, $a: Int!, $d: Date) { makePaymentWithSavedCard(input: {accountNumber: "A-7B3E9D12", paymentInstructionId: $in, amount: $a, paymentDate: $d}) { accountPayment { amount status paymentDate } } }`
		newCard  = `mutation($t: String!) { makePaymentWithNewCard(input: {accountNumber: "A-7B3E9D12", vendorCardIdentifier: $t, amount: 500, saveCard: true}) { accountPayment { status } creditCardInstruction { id cardPaymentNetwork } } }`
		balance  = `{ account(accountNumber: "A-7B3E9D12") { ledgers { balance } } }`
		payments = `{ account(accountNumber: "A-7B3E9D12") { payments(first: 5) { edges { node { amount status } } } paymentMethods { edges { node { id } } } } }`
	)
	before := simtest.Get(query(balance, nil), "account", "ledgers", 0, "balance").(float64)
	if got := simtest.Get(query(saved, map[string]any{"in": "412883", "a": 1580}), "makePaymentWithSavedCard", "accountPayment", "status"); got != "CLEARED" {
		t.Errorf("paid today: %v", got)
	}
	if got := simtest.Get(query(balance, nil), "account", "ledgers", 0, "balance"); got != before+1580 {
		t.Errorf("the ledger is at %v, was %v", got, before)
	}
	if got := simtest.Get(query(saved, map[string]any{"in": "412883", "a": 900, "d": "2026-12-20"}), "makePaymentWithSavedCard", "accountPayment"); simtest.Get(got, "status") != "SCHEDULED" || simtest.Get(got, "paymentDate") != "2026-12-20" {
		t.Errorf("paid later: %v", got)
	}
	if got := simtest.Get(query(saved, map[string]any{"in": "412883", "a": 100, "d": "2028-01-01"}), "makePaymentWithSavedCard", "accountPayment"); got != nil {
		t.Errorf("paid over a year ahead: %v", got)
	}
	if got := simtest.Get(query(saved, map[string]any{"in": "412881", "a": 100}), "makePaymentWithSavedCard", "accountPayment"); got != nil {
		t.Errorf("another account's instruction paid %v", got)
	}
	cards := len(simtest.Get(query(payments, nil), "account", "paymentMethods", "edges").([]any))
	r := simtest.Get(query(newCard, map[string]any{"t": "pm_card_mastercard"}), "makePaymentWithNewCard")
	if simtest.Get(r, "accountPayment", "status") != "CLEARED" || simtest.Get(r, "creditCardInstruction", "cardPaymentNetwork") != "MASTERCARD" {
		t.Errorf("a new card: %v", r)
	}
	r = simtest.Get(query(newCard, map[string]any{"t": "pm_card_chargeDeclined"}), "makePaymentWithNewCard")
	if simtest.Get(r, "accountPayment", "status") != "FAILED" || simtest.Get(r, "creditCardInstruction") != nil {
		t.Errorf("a declined card: %v", r)
	}
	if got := len(simtest.Get(query(payments, nil), "account", "paymentMethods", "edges").([]any)); got != cards+1 {
		t.Errorf("%d cards after saving one, %d before", got, cards)
	}
}

// TestOriginCardExpiryIsUpdated gives the flat's card a reissued card's expiry on
// Origin, which its instructions then answer; a direct debit, another's account and an
// expiry past or not a month are refused with their codes.
func TestOriginCardExpiryIsUpdated(t *testing.T) {
	_, c := tenant(t, "origin-schema.graphql")
	const (
		update = `mutation($n: String!, $id: String!, $m: String!, $y: String!) { updateCreditCardInstruction(input: {accountNumber: $n, creditCardInstructionAttributes: {id: $id, expiryMonth: $m, expiryYear: $y}}) { creditCardInstruction { id cardExpiryMonth cardExpiryYear } } }`
		read   = `{ account(accountNumber: "A-7B3E9D12") { paymentInstructions: directDebitInstructions(first: 5) { edges { node { id cardExpiryMonth cardExpiryYear } } } } }`
	)
	vars := func(n, id, m, y string) map[string]any { return map[string]any{"n": n, "id": id, "m": m, "y": y} }
	for _, tc := range []struct {
		name string
		vars map[string]any
		want string
	}{
		{"another's account", vars("A-0F4A2B19", "412883", "1", "2031"), "KT-CT-4123"},
		{"a direct debit", vars("A-7B3E9D12", "412882", "1", "2031"), "KT-CT-3926"},
		{"month 13", vars("A-7B3E9D12", "412883", "13", "2031"), "KT-CT-1605"},
		{"last month", vars("A-7B3E9D12", "412883", "11", "2026"), "KT-CT-1605"},
	} {
		if got := graphqlCode(t, c, update, tc.vars); got != tc.want {
			t.Errorf("%s: %q, want %s", tc.name, got, tc.want)
		}
	}
	if got := fmt.Sprint(simtest.Get(c.Query(update, vars("A-7B3E9D12", "412883", "03", "31")).Data, "updateCreditCardInstruction", "creditCardInstruction")); got != "map[cardExpiryMonth:3 cardExpiryYear:2031 id:412883]" {
		t.Errorf("updated: %s", got)
	}
	if got := fmt.Sprint(simtest.Get(c.Query(read, nil).Data, "account", "paymentInstructions", "edges")); !strings.Contains(got, "map[cardExpiryMonth:3 cardExpiryYear:2031 id:412883]") {
		t.Errorf("the flat's instructions: %s", got)
	}
}
