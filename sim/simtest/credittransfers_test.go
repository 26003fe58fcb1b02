package simtest_test

import (
	"fmt"
	"testing"

	"github.com/krakensim/krakensim/sim/simtest"
)

// TestOriginCreditTransfersAreThePermissions makes, refuses and ends credit transfer
// permissions, and reads them from both ledgers: none between two energy ledgers, one at
// a time from the flat's credit storage ledger, listed by its source and its target, and
// ended when terminated.
func TestOriginCreditTransfersAreThePermissions(t *testing.T) {
	_, c := tenant(t, "origin-schema.graphql")
	const create = `mutation($s: String!, $t: String!) { createCreditTransferPermission(input: {sourceLedgerNumber: $s, targetLedgerNumber: $t}) { validFrom } }`
	const terminate = `mutation($s: String!, $t: String!) { terminateCreditTransferPermission(input: {sourceLedgerNumber: $s, targetLedgerNumber: $t}) { validTo } }`
	const store, electricity, gas, others = "L-7B3E9D02", "L-6B2F0A1C", "L-6B2F0A1D", "L-0F4A2B01"
	refusals := []struct {
		name, query, source, target, code string
	}{
		{"two energy ledgers", create, electricity, gas, "KT-CT-3828"},
		{"no such ledger", create, "L-00000000", electricity, "KT-CT-3827"},
		{"one ledger twice", create, store, store, "KT-CT-3827"},
		{"another's ledger", create, store, others, "KT-CT-3822"},
		{"nothing to end", terminate, store, electricity, "KT-CT-3825"},
	}
	for _, tc := range refusals {
		if out := c.Query(tc.query, map[string]any{"s": tc.source, "t": tc.target}); len(out.Errors) != 1 || out.Errors[0].Code() != tc.code {
			t.Errorf("%s: %+v, want %s", tc.name, out.Errors, tc.code)
		}
	}
	query := mustQuery(t, c)
	made := query(create, map[string]any{"s": store, "t": electricity})
	if got := simtest.Get(made, "createCreditTransferPermission", "validFrom"); got != "2026-12-02T20:00:00+11:00" {
		t.Errorf("validFrom %v, want now", got)
	}
	if out := c.Query(create, map[string]any{"s": store, "t": electricity}); len(out.Errors) != 1 || out.Errors[0].Code() != "KT-CT-3829" {
		t.Errorf("made twice: %+v", out.Errors)
	}
	const ledgers = `query($n: String!) { account(accountNumber: $n) { ledgers { number creditTransferPermissionsData {
		fromSourceLedgers { ledgerNumber accountNumber validTo } toTargetLedgers { ledgerNumber accountNumber validTo } } } } }`
	permissions := func(account, ledger string) string {
		for _, l := range simtest.Get(query(ledgers, map[string]any{"n": account}), "account", "ledgers").([]any) {
			if simtest.Get(l, "number") == ledger {
				d := simtest.Get(l, "creditTransferPermissionsData")
				return fmt.Sprint(simtest.Get(d, "fromSourceLedgers"), simtest.Get(d, "toTargetLedgers"))
			}
		}
		return "no ledger " + ledger
	}
	if got, want := permissions("A-7B3E9D12", store), "[] [map[accountNumber:A-C90DC431 ledgerNumber:L-6B2F0A1C validTo:<nil>]]"; got != want {
		t.Errorf("the source lists %s, want %s", got, want)
	}
	if got, want := permissions("A-C90DC431", electricity), "[map[accountNumber:A-7B3E9D12 ledgerNumber:L-7B3E9D02 validTo:<nil>]] []"; got != want {
		t.Errorf("the target lists %s, want %s", got, want)
	}
	if got, want := permissions("A-C90DC431", gas), "[] []"; got != want {
		t.Errorf("another ledger lists %s", got)
	}
	c.AdvanceClock(1800e9)
	ended := query(terminate, map[string]any{"s": store, "t": electricity})
	if got := simtest.Get(ended, "terminateCreditTransferPermission", "validTo"); got != "2026-12-02T20:30:00+11:00" {
		t.Errorf("validTo %v, want now", got)
	}
	if got, want := permissions("A-C90DC431", electricity), "[map[accountNumber:A-7B3E9D12 ledgerNumber:L-7B3E9D02 validTo:2026-12-02T20:30:00+11:00]] []"; got != want {
		t.Errorf("after ending, the target lists %s, want %s", got, want)
	}
	if out := c.Query(terminate, map[string]any{"s": store, "t": electricity}); len(out.Errors) != 1 || out.Errors[0].Code() != "KT-CT-3825" {
		t.Errorf("ended twice: %+v", out.Errors)
	}
}

// TestOriginLedgerHasNoAdequacyReviewApplied reads a ledger's payment adequacy: the
// state records no review, so none has been applied, as Kraken answers then.
func TestOriginLedgerHasNoAdequacyReviewApplied(t *testing.T) {
	_, c := tenant(t, "origin-schema.graphql")
	out := mustQuery(t, c)(`{ account(accountNumber: "A-C90DC431") { ledgers { number paymentAdequacy { isCurrentlyExempt latestAppliedPaymentAdequacyChange { appliedDate newPaymentAmount } } } } }`, nil)
	ledgers, _ := simtest.Get(out, "account", "ledgers").([]any)
	if len(ledgers) != 2 {
		t.Fatalf("ledgers %v", ledgers)
	}
	for _, l := range ledgers {
		if got := simtest.Get(l, "paymentAdequacy"); fmt.Sprint(got) != "map[isCurrentlyExempt:false latestAppliedPaymentAdequacyChange:<nil>]" {
			t.Errorf("%v: paymentAdequacy %v", simtest.Get(l, "number"), got)
		}
	}
}

// TestOriginBalanceTransferNamesLedgersByNumber moves credit between two of the demo's
// Origin accounts, naming the source ledger by ledgerNumber, as Origin's
// AccountLedgerInput has it, and the target by none (its account's ledger): the source
// charged and the target credited; a ledger number not the account's is refused.
func TestOriginBalanceTransferNamesLedgersByNumber(t *testing.T) {
	_, c := tenant(t, "origin-schema.graphql")
	query := mustQuery(t, c)
	const balances = `{ a: account(accountNumber: "A-C90DC431") { ledgers { number balance } } b: account(accountNumber: "A-7B3E9D12") { ledgers { number balance } } }`
	const move = `mutation($from: String, $a: Int!) { transferLedgerBalance(input: {sourceAccountLedger: {accountNumber: "A-C90DC431", ledgerNumber: $from},
		targetAccountLedger: {accountNumber: "A-7B3E9D12"}, amount: $a}) { balanceTransfer { reason accountCredit { grossAmount } } } }`
	before := query(balances, nil)
	from := simtest.Get(before, "a", "ledgers", 0, "number")
	if out := c.Query(move, map[string]any{"from": "L-0F4A2B01", "a": 100}); len(out.Errors) != 1 || out.Errors[0].Code() != "KT-CT-3822" {
		t.Errorf("another's ledger number: %+v, want KT-CT-3822", out.Errors)
	}
	credit := number(t, simtest.Get(before, "a", "ledgers", 0, "balance"))
	amount := 100
	if credit < float64(amount) {
		query(`mutation { postCredit(input: {accountNumber: "A-C90DC431", ledgerNumber: "`+fmt.Sprint(from)+`", netAmount: 1000, taxAmount: 0, reason: "GOODWILL", displayNote: "x"}) { __typename } }`, nil)
		before = query(balances, nil)
		credit = number(t, simtest.Get(before, "a", "ledgers", 0, "balance"))
	}
	got := simtest.Get(query(move, map[string]any{"from": from, "a": amount}), "transferLedgerBalance", "balanceTransfer")
	if simtest.Get(got, "reason") != "BALANCE_TRANSFER" || number(t, simtest.Get(got, "accountCredit", "grossAmount")) != float64(amount) {
		t.Errorf("transferred %v", got)
	}
	after := query(balances, nil)
	if a, b := number(t, simtest.Get(after, "a", "ledgers", 0, "balance")), number(t, simtest.Get(after, "b", "ledgers", 0, "balance")); a != credit-float64(amount) ||
		b != number(t, simtest.Get(before, "b", "ledgers", 0, "balance"))+float64(amount) {
		t.Errorf("balances %v and %v after, %v before", a, b, before)
	}
}
