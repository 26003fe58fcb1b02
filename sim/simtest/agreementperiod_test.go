package simtest_test

import (
	"fmt"
	"testing"

	"github.com/krakensim/krakensim/sim/simtest"
)

// TestOriginAgreementPeriodChanges updates and extends an agreement's period as Origin's
// staff tools do: the account then lists the agreement with the period asked for; an
// unknown account or agreement, another's, one on another of the viewer's accounts, an
// end not after the start or the current end, an overlap with the supply's earlier
// agreement and an anonymous caller are refused with the codes the fields document, and
// change nothing.
func TestOriginAgreementPeriodChanges(t *testing.T) {
	srv, c := tenant(t, "origin-schema.graphql")
	const (
		update = `mutation($n: String!, $id: ID!, $from: Date!, $to: Date) { updateAgreementPeriod(input: {accountNumber: $n, agreementId: $id, validFrom: $from, validTo: $to}) { account { number } } }`
		extend = `mutation($n: String!, $id: ID!, $to: Date!) { extendAgreementPeriod(input: {accountNumber: $n, agreementId: $id, validTo: $to}) { agreement { id validFrom validTo } } }`
		listed = `{ account(accountNumber: "A-C90DC431") { properties { electricityMeterPoints { agreements { id validFrom validTo } } } } }`
	)
	periods := func() map[string]string {
		out := map[string]string{}
		p := simtest.Get(mustQuery(t, c)(listed, nil), "account", "properties", 0)
		for _, ag := range simtest.Get(p, "electricityMeterPoints", 0, "agreements").([]any) {
			out[fmt.Sprintf("%.0f", simtest.Get(ag, "id"))] = fmt.Sprintf("%v..%v", simtest.Get(ag, "validFrom"), simtest.Get(ag, "validTo"))
		}
		return out
	}
	before := periods()
	if before["9100001"] != "2024-01-01T00:00:00+11:00..<nil>" {
		t.Fatalf("agreement 9100001 before: %v", before)
	}
	for _, tc := range []struct {
		name, query, n, id, from, to, code string
		anonymous                          bool
	}{
		{"unknown account", update, "A-00000000", "9100001", "2024-01-01", "2027-03-01", "KT-CT-4178", false},
		{"unknown agreement", update, "A-C90DC431", "123456789", "2024-01-01", "2027-03-01", "KT-CT-1501", false},
		{"another's agreement", update, "A-C90DC431", "9100008", "2026-01-01", "2027-03-01", "KT-CT-1111", false},
		{"another's account", update, "A-0F4A2B19", "9100008", "2026-01-01", "2027-03-01", "KT-CT-1111", false},
		{"the viewer's other account's", update, "A-C90DC431", "9100003", "2024-01-01", "2027-03-01", "KT-CT-1504", false},
		{"an end before the start", update, "A-C90DC431", "9100001", "2024-01-01", "2023-12-01", "KT-CT-1503", false},
		{"an overlap", update, "A-C90DC431", "9100001", "2023-06-01", "", "KT-CT-1505", false},
		{"anonymous", update, "A-C90DC431", "9100001", "2024-01-01", "2027-03-01", "KT-CT-1112", true},
		{"extending one without an end", extend, "A-C90DC431", "9100001", "", "2027-03-01", "KT-CT-1515", false},
		{"extending another's", extend, "A-C90DC431", "9100008", "", "2027-03-01", "KT-CT-1111", false},
		{"extending an unknown one", extend, "A-C90DC431", "123456789", "", "2027-03-01", "KT-CT-1501", false},
	} {
		who := c
		if tc.anonymous {
			who = srv.ClientIn(t, c.Session)
		}
		vars := map[string]any{"n": tc.n, "id": tc.id, "to": tc.to}
		if tc.to == "" {
			vars["to"] = nil
		}
		if tc.query == update {
			vars["from"] = tc.from
		}
		if got := graphqlCode(t, who, tc.query, vars); got != tc.code {
			t.Errorf("%s: %q, want %s", tc.name, got, tc.code)
		}
	}
	if after := periods(); fmt.Sprint(after) != fmt.Sprint(before) {
		t.Fatalf("refused changes changed the agreements: %v, then %v", before, after)
	}
	got := mustQuery(t, c)(update, map[string]any{"n": "A-C90DC431", "id": "9100001", "from": "2024-02-01", "to": "2027-03-01"})
	if n := simtest.Get(got, "updateAgreementPeriod", "account", "number"); n != "A-C90DC431" {
		t.Errorf("the updated agreement's account: %v", n)
	}
	if p := periods()["9100001"]; p != "2024-02-01T00:00:00+11:00..2027-03-01T00:00:00+11:00" {
		t.Errorf("the account lists the updated agreement as %v", p)
	}
	if got := graphqlCode(t, c, extend, map[string]any{"n": "A-C90DC431", "id": "9100001", "to": "2027-02-01"}); got != "KT-CT-1514" {
		t.Errorf("extending it to before its end: %q, want KT-CT-1514", got)
	}
	got = mustQuery(t, c)(extend, map[string]any{"n": "A-C90DC431", "id": "9100001", "to": "2027-06-01"})
	if end := simtest.Get(got, "extendAgreementPeriod", "agreement", "validTo"); end != "2027-06-01T00:00:00+10:00" {
		t.Errorf("the extended agreement's end: %v", end)
	}
	if p := periods()["9100001"]; p != "2024-02-01T00:00:00+11:00..2027-06-01T00:00:00+10:00" {
		t.Errorf("the account lists the extended agreement as %v", p)
	}
}
