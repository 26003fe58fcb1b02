package simtest_test

import (
	"testing"

	"github.com/krakensim/krakensim/sim/simtest"
)

// TestOctopusContributionAgreementsAreTheAccounts makes a contribution to a scheme
// contributionSchemes lists, refused as documented otherwise, listed by the account
// with a period a month, each fulfilled once over, and ended once.
func TestOctopusContributionAgreementsAreTheAccounts(t *testing.T) {
	_, c := octopus(t)
	const create = `mutation($s: String!, $a: Int!, $from: DateTime!, $to: DateTime) { createContributionAgreement(input: {accountNumber: "A-C90DC431", schemeCode: $s, interval: MONTHLY, amount: $a, activeFrom: $from, activeTo: $to}) { contributionAgreement { id } } }`
	const end = `mutation($id: ID!) { endContributionAgreement(input: {contributionAgreementId: $id}) { contributionAgreement { activeTo } } }`
	query := mustQuery(t, c)
	schemes := simtest.Get(query(`{ contributionSchemes { code acceptingContributions } }`, nil), "contributionSchemes").([]any)
	open, closed := "", ""
	for _, s := range schemes {
		if simtest.Get(s, "acceptingContributions") == true {
			open = simtest.Get(s, "code").(string)
		} else {
			closed = simtest.Get(s, "code").(string)
		}
	}
	if open == "" || closed == "" {
		t.Fatalf("schemes %v: want one open and one closed", schemes)
	}
	refusals := []struct {
		name, scheme string
		amount       int
		to           any
		code         string
	}{
		{"no such scheme", "NO_SUCH_SCHEME", 500, nil, "KT-CT-9601"},
		{"a closed scheme", closed, 500, nil, "KT-CT-9606"},
		{"nothing", open, 0, nil, "KT-CT-9605"},
		{"an end before the start", open, 500, "2026-09-01T00:00:00+01:00", "KT-CT-9601"},
	}
	for _, tc := range refusals {
		out := c.Query(create, map[string]any{"s": tc.scheme, "a": tc.amount, "from": "2026-09-10T00:00:00+01:00", "to": tc.to})
		if len(out.Errors) != 1 || out.Errors[0].Code() != tc.code {
			t.Errorf("%s: %+v, want %s", tc.name, out.Errors, tc.code)
		}
	}
	id := simtest.Get(query(create, map[string]any{"s": open, "a": 500, "from": "2026-09-10T00:00:00+01:00"}), "createContributionAgreement", "contributionAgreement", "id")
	const read = `{ account(accountNumber: "A-C90DC431") { contributionAgreements { id amount activeTo contributionScheme { code } periods { edges { node { periodFrom fulfilledAt } } } } } }`
	ag := simtest.Get(query(read, nil), "account", "contributionAgreements", 0)
	if simtest.Get(ag, "id") != id || simtest.Get(ag, "contributionScheme", "code") != open || simtest.Get(ag, "activeTo") != nil {
		t.Errorf("the account lists %v", ag)
	}
	periods, _ := simtest.Get(ag, "periods", "edges").([]any)
	var fulfilled []any
	for _, p := range periods {
		fulfilled = append(fulfilled, simtest.Get(p, "node", "fulfilledAt"))
	}
	if len(periods) != 3 || fulfilled[0] != "2026-10-10T00:00:00+01:00" || fulfilled[1] != "2026-11-10T00:00:00+00:00" || fulfilled[2] != nil {
		t.Errorf("periods fulfilled %v, want Sep and Oct's, not Nov's", fulfilled)
	}
	if got := simtest.Get(query(end, map[string]any{"id": id}), "endContributionAgreement", "contributionAgreement", "activeTo"); got != "2026-12-02T09:00:00+00:00" {
		t.Errorf("ended at %v, want now", got)
	}
	for r, code := range map[any]string{id: "KT-CT-9604", "1": "KT-CT-9603"} {
		if out := c.Query(end, map[string]any{"id": r}); len(out.Errors) != 1 || out.Errors[0].Code() != code {
			t.Errorf("end %v: %+v, want %s", r, out.Errors, code)
		}
	}
}
