package simtest_test

import (
	"fmt"
	"testing"

	"github.com/krakensim/krakensim/sim/simtest"
)

// TestOriginTerminateAgreementEndsIt terminates agreements as Origin's app does: the
// viewer's own ends where it was asked to, as the account then lists it; an unknown id,
// another's agreement, a day past or before it began and an anonymous caller are
// refused with the codes the field documents, and leave the agreement as it was.
func TestOriginTerminateAgreementEndsIt(t *testing.T) {
	srv, c := tenant(t, "origin-schema.graphql")
	const m = `mutation($id: ID!, $at: DateTime!) { terminateAgreement(input: {agreementId: $id, terminateAt: $at}) { agreement { id validTo } } }`
	const listed = `{ account(accountNumber: "A-C90DC431") { properties { electricityMeterPoints { agreements { id validTo } } } } }`
	ends := func() map[string]any {
		out := map[string]any{}
		for _, ag := range simtest.Get(mustQuery(t, c)(listed, nil), "account", "properties", 0, "electricityMeterPoints", 0, "agreements").([]any) {
			out[fmt.Sprintf("%.0f", simtest.Get(ag, "id"))] = simtest.Get(ag, "validTo")
		}
		return out
	}
	before := ends()
	for _, tc := range []struct {
		name, id, at, code string
		anonymous          bool
	}{
		{"unknown id", "123456789", "2027-01-20T00:00:00+11:00", "KT-CT-1501", false},
		{"another's agreement", "9100008", "2027-01-20T00:00:00+11:00", "KT-CT-1111", false},
		{"a day past", "9100001", "2026-11-20T00:00:00+11:00", "KT-CT-1513", false},
		{"before it began", "9100001", "2023-01-20T00:00:00+11:00", "KT-CT-1513", false},
		{"anonymous", "9100001", "2027-01-20T00:00:00+11:00", "KT-CT-1112", true},
	} {
		who := c
		if tc.anonymous {
			who = srv.ClientIn(t, c.Session)
		}
		if got := graphqlCode(t, who, m, map[string]any{"id": tc.id, "at": tc.at}); got != tc.code {
			t.Errorf("%s: %q, want %s", tc.name, got, tc.code)
		}
	}
	if end, listed := before["9100001"]; !listed || end != nil || ends()["9100001"] != nil {
		t.Fatalf("refused terminations changed the agreement: %v, then %v", before, ends())
	}
	got := mustQuery(t, c)(m, map[string]any{"id": "9100001", "at": "2027-01-20T00:00:00+11:00"})
	if end := simtest.Get(got, "terminateAgreement", "agreement", "validTo"); end != "2027-01-20T00:00:00+11:00" {
		t.Errorf("the terminated agreement's end: %v", end)
	}
	if end := ends()["9100001"]; end != "2027-01-20T00:00:00+11:00" {
		t.Errorf("the account lists the terminated agreement ending %v: %v", end, ends())
	}
	if got := graphqlCode(t, c, m, map[string]any{"id": "9100001", "at": "2027-02-20T00:00:00+11:00"}); got != "KT-CT-1513" {
		t.Errorf("terminating it after its end: %q, want KT-CT-1513", got)
	}
}
