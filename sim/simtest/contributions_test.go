package simtest_test

import (
	"testing"
	"time"

	"github.com/krakensim/krakensim/sim/simtest"
)

// TestOctopusContributionAgreementsAreTheAccounts makes a contribution to a scheme
// contributionSchemes lists, refused as documented otherwise (backdated, or a second
// while the first runs), listed by the account with a period a month, each fulfilled
// once over, and ended once: not by another user, not in the past, not once ended.
func TestOctopusContributionAgreementsAreTheAccounts(t *testing.T) {
	srv, c := octopus(t)
	const create = `mutation($s: String!, $a: Int!, $from: DateTime!, $to: DateTime) { createContributionAgreement(input: {accountNumber: "A-C90DC431", schemeCode: $s, interval: MONTHLY, amount: $a, activeFrom: $from, activeTo: $to}) { contributionAgreement { id } } }`
	const end = `mutation($id: ID!, $at: DateTime) { endContributionAgreement(input: {contributionAgreementId: $id, endAt: $at}) { contributionAgreement { activeTo } } }`
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
		from         string
		to           any
		code         string
	}{
		{"no such scheme", "NO_SUCH_SCHEME", 500, "2026-12-10T00:00:00Z", nil, "KT-CT-9601"},
		{"a closed scheme", closed, 500, "2026-12-10T00:00:00Z", nil, "KT-CT-9606"},
		{"nothing", open, 0, "2026-12-10T00:00:00Z", nil, "KT-CT-9605"},
		{"an end before the start", open, 500, "2026-12-10T00:00:00Z", "2026-12-09T00:00:00Z", "KT-CT-9601"},
		{"a start in the past", open, 500, "2026-09-10T00:00:00+01:00", nil, "KT-CT-9601"},
	}
	for _, tc := range refusals {
		out := c.Query(create, map[string]any{"s": tc.scheme, "a": tc.amount, "from": tc.from, "to": tc.to})
		if len(out.Errors) != 1 || out.Errors[0].Code() != tc.code {
			t.Errorf("%s: %+v, want %s", tc.name, out.Errors, tc.code)
		}
	}
	id := simtest.Get(query(create, map[string]any{"s": open, "a": 500, "from": "2026-12-10T00:00:00Z"}), "createContributionAgreement", "contributionAgreement", "id")
	if out := c.Query(create, map[string]any{"s": open, "a": 500, "from": "2026-12-20T00:00:00Z"}); len(out.Errors) != 1 || out.Errors[0].Code() != "KT-CT-9602" {
		t.Errorf("a second agreement to the scheme: %+v, want KT-CT-9602", out.Errors)
	}
	c.AdvanceClock(75 * 24 * time.Hour) // to 15 February 2027
	c.SignIn("demo@krakensim.dev", "krakensim")
	const read = `{ account(accountNumber: "A-C90DC431") { contributionAgreements { id amount activeTo contributionScheme { code } periods { edges { node { periodFrom fulfilledAt } } } } } }`
	fulfilled := func() []any {
		ag := simtest.Get(query(read, nil), "account", "contributionAgreements", 0)
		if simtest.Get(ag, "id") != id || simtest.Get(ag, "contributionScheme", "code") != open {
			t.Errorf("the account lists %v", ag)
		}
		var out []any
		for _, p := range simtest.Get(ag, "periods", "edges").([]any) {
			out = append(out, simtest.Get(p, "node", "fulfilledAt"))
		}
		return out
	}
	if got := fulfilled(); len(got) != 3 || got[0] != "2027-01-10T00:00:00+00:00" || got[1] != "2027-02-10T00:00:00+00:00" || got[2] != nil {
		t.Errorf("periods fulfilled %v, want Dec's and Jan's, not Feb's", got)
	}
	other := srv.ClientIn(t, c.Session)
	other.SignIn("other@krakensim.dev", "krakensim")
	for _, tc := range []struct {
		name string
		by   *simtest.Client
		id   any
		at   any
		code string
	}{
		{"another user's", other, id, nil, "KT-CT-4123"},
		{"no such agreement", c, "1", nil, "KT-CT-9603"},
		{"an end in the past", c, id, "2027-01-01T00:00:00Z", "KT-CT-9604"},
		{"an end within a fulfilled period", c, id, "2027-02-09T00:00:00Z", "KT-CT-9604"},
	} {
		if out := tc.by.Query(end, map[string]any{"id": tc.id, "at": tc.at}); len(out.Errors) != 1 || out.Errors[0].Code() != tc.code {
			t.Errorf("end %s: %+v, want %s", tc.name, out.Errors, tc.code)
		}
	}
	if got := simtest.Get(query(end, map[string]any{"id": id}), "endContributionAgreement", "contributionAgreement", "activeTo"); got != "2027-02-15T09:00:00+00:00" {
		t.Errorf("ended at %v, want now", got)
	}
	if got := fulfilled(); len(got) != 3 || got[0] != "2027-01-10T00:00:00+00:00" || got[1] != "2027-02-10T00:00:00+00:00" {
		t.Errorf("after the end, periods fulfilled %v, want Dec's and Jan's still", got)
	}
	if out := c.Query(end, map[string]any{"id": id}); len(out.Errors) != 1 || out.Errors[0].Code() != "KT-CT-9604" {
		t.Errorf("end again: %+v, want KT-CT-9604", out.Errors)
	}
}
