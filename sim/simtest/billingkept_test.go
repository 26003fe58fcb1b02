package simtest_test

import (
	"testing"

	"github.com/krakensim/krakensim/sim/simtest"
)

// TestBillingFollowsChanges reads the demo account's money fields, under two aliases of
// the account in one request, again after each change to what its billing reads, in one
// session whose clock stands a year on: the aliases agree, a charge, a new direct debit
// and a month on move the answer, and after each change it reads as a session that made
// the same changes and reads it once, as a billing kept from an earlier read must not
// hide.
func TestBillingFollowsChanges(t *testing.T) {
	srv, c := octopus(t)
	const read = `{
		a: account(accountNumber: "A-C90DC431") { balance bills(first: 3) { edges { node { id toDate ... on StatementType { closingBalance } } } } }
		b: account(accountNumber: "A-C90DC431") { balance transactions(first: 5) { edges { node { id amount balanceCarriedForward } } }
			paymentSchedules(first: 5) { edges { node { id paymentAmount validFrom validTo } } } } }`
	first := followsChanges(t, srv, c, "2027-12-02T09:00:00Z", read, []keptChange{
		{"a charge", `mutation { createAccountCharge(input: {accountNumber: "A-C90DC431", grossAmount: 2100, reason: "VOUCHER_PURCHASE", displayNote: "Voucher"}) { accountCharge { id } } }`, "", true},
		{"a new direct debit", `mutation { createAccountPaymentSchedule(input: {accountNumber: "A-C90DC431", ledgerNumber: "L-6B2F0A1C", paymentAmount: 15000, paymentDay: 5}) { schedule { validFrom } } }`, "", true},
		{"a month on", "", "2028-01-03T09:00:00Z", true},
	})
	if a, b := simtest.Get(first, "a", "balance"), simtest.Get(first, "b", "balance"); a != b || a == nil {
		t.Errorf("the aliases' balances: %v and %v", a, b)
	}
}
