package simtest_test

import (
	"testing"

	"github.com/krakensim/krakensim/sim/simtest"
)

// TestOriginPaymentPreferences stops the demo ledger's automated payments from a day on
// Origin and then prefers its mandate again from a later one: each is its preference
// from its day, newest first; refused as documented for a day too soon, a ledger not the
// account's and another account's instruction.
func TestOriginPaymentPreferences(t *testing.T) {
	_, c := tenant(t, "origin-schema.graphql")
	query := mustQuery(t, c)
	const (
		stop   = `mutation($l: [String]!, $from: Date!) { stopAutomatedPayments(input: {accountNumber: "A-C90DC431", ledgerNumbers: $l, fromDate: $from}) { __typename } }`
		prefer = `mutation($in: String!, $from: Date!) { setPaymentPreference(input: {accountNumber: "A-C90DC431", paymentMethod: $in, ledgerNumbers: ["L-6B2F0A1C"], fromDate: $from}) { __typename } }`
		read   = `{ account(accountNumber: "A-C90DC431") { ledgers { number
			before: paymentPreferenceAtTime(atTime: "2026-12-09T12:00:00+11:00") { __typename }
			stopped: paymentPreferenceAtTime(atTime: "2026-12-15T12:00:00+11:00") { __typename ... on UserManagedPayment { forPaymentsAfter } }
			after: paymentPreferenceAtTime(atTime: "2026-12-21T12:00:00+11:00") { __typename ... on PreferredInstruction { paymentMethod { id } } }
			paymentPreferences { edges { node { __typename ... on PreferredInstruction { forPaymentsAfter } ... on UserManagedPayment { forPaymentsAfter } } } } } } }`
	)
	for _, tc := range []struct {
		name, query string
		vars        map[string]any
		code        string
	}{
		{"today", stop, map[string]any{"l": []string{"L-6B2F0A1C"}, "from": "2026-12-02"}, "KT-CT-3968"},
		{"another's ledger", stop, map[string]any{"l": []string{"L-7B3E9D01"}, "from": "2026-12-10"}, "KT-CT-3822"},
		{"another account's instruction", prefer, map[string]any{"in": "412882", "from": "2026-12-20"}, "KT-CT-3967"},
	} {
		if out := c.Query(tc.query, tc.vars); len(out.Errors) != 1 || out.Errors[0].Code() != tc.code {
			t.Errorf("%s: %+v, want %s", tc.name, out.Errors, tc.code)
		}
	}
	query(stop, map[string]any{"l": []string{"L-6B2F0A1C"}, "from": "2026-12-10"})
	query(prefer, map[string]any{"in": "412881", "from": "2026-12-20"})
	l := simtest.Get(query(read, nil), "account", "ledgers", 0)
	for _, tc := range []struct {
		path []any
		want any
	}{
		{[]any{"before", "__typename"}, "PreferredInstruction"},
		{[]any{"stopped", "__typename"}, "UserManagedPayment"},
		{[]any{"stopped", "forPaymentsAfter"}, "2026-12-10T00:00:00+11:00"},
		{[]any{"after", "paymentMethod", "id"}, "412881"},
		{[]any{"paymentPreferences", "edges", 0, "node", "forPaymentsAfter"}, "2026-12-20T00:00:00+11:00"},
		{[]any{"paymentPreferences", "edges", 1, "node", "forPaymentsAfter"}, "2026-12-10T00:00:00+11:00"},
	} {
		if got := simtest.Get(l, tc.path...); got != tc.want {
			t.Errorf("%v = %v, want %v", tc.path, got, tc.want)
		}
	}
}
