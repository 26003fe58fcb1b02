package simtest_test

import (
	"reflect"
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
	changes := []struct{ name, mutation, at string }{
		{"a charge", `mutation { createAccountCharge(input: {accountNumber: "A-C90DC431", grossAmount: 2100, reason: "VOUCHER_PURCHASE", displayNote: "Voucher"}) { accountCharge { id } } }`, ""},
		{"a new direct debit", `mutation { createAccountPaymentSchedule(input: {accountNumber: "A-C90DC431", ledgerNumber: "L-6B2F0A1C", paymentAmount: 15000, paymentDay: 5}) { schedule { validFrom } } }`, ""},
		{"a month on", "", "2028-01-03T09:00:00Z"},
	}
	apply := func(c *simtest.Client, change int) {
		if ch := changes[change]; ch.mutation != "" {
			mustQuery(t, c)(ch.mutation, nil)
		} else {
			setClock(t, c, ch.at)
			c.SignIn("demo@krakensim.dev", "krakensim")
		}
	}
	setClock(t, c, "2027-12-02T09:00:00Z")
	c.SignIn("demo@krakensim.dev", "krakensim")
	last := mustQuery(t, c)(read, nil)
	if a, b := simtest.Get(last, "a", "balance"), simtest.Get(last, "b", "balance"); a != b || a == nil {
		t.Fatalf("the aliases' balances: %v and %v", a, b)
	}
	if again := mustQuery(t, c)(read, nil); !reflect.DeepEqual(again, last) {
		t.Fatalf("read twice: %v, then %v", last, again)
	}
	for i, change := range changes {
		apply(c, i)
		got := mustQuery(t, c)(read, nil)
		if reflect.DeepEqual(got, last) {
			t.Errorf("after %s the account reads as before: %v", change.name, got)
		}
		fresh := srv.Client(t)
		setClock(t, fresh, "2027-12-02T09:00:00Z")
		fresh.SignIn("demo@krakensim.dev", "krakensim")
		for k := range i + 1 {
			apply(fresh, k)
		}
		if want := mustQuery(t, fresh)(read, nil); !reflect.DeepEqual(got, want) {
			t.Errorf("after %s the account reads %v; a session that read it once reads %v", change.name, got, want)
		}
		last = got
	}
}
