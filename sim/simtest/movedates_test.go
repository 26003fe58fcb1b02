package simtest_test

import (
	"testing"

	"github.com/krakensim/krakensim/sim/simtest"
)

// TestOriginMoveDatesAreAccepted offers the move-out days of Origin's date picker and
// moves out on each of them in a world of its own: every one is accepted, from today on
// and in order; once a move out is arranged, the home's move-in days begin the day
// after it. Anonymous callers, another's account and another's home are refused.
func TestOriginMoveDatesAreAccepted(t *testing.T) {
	srv, c := tenant(t, "origin-schema.graphql")
	const (
		dates  = `query($n: String!, $p: ID!) { moveOutDates(input: {accountNumber: $n, propertyId: $p}) { moveOutDates error { __typename } } }`
		out    = `mutation($d: Date!) { propertyMoveOut(input: {accountNumber: "A-C90DC431", propertyId: "2214531", moveOutDate: $d}) { workflow { status } } }`
		moveIn = `{ electricityMoveInDates(input: {nmi: "4102004420"}) { moveInDates error { __typename } } moveInDates(input: {propertyId: "2214531"}) { moveInDates error { __typename } } }`
	)
	offered, _ := simtest.Get(mustQuery(t, c)(dates, map[string]any{"n": "A-C90DC431", "p": "2214531"}), "moveOutDates", "moveOutDates").([]any)
	if len(offered) != 91 || offered[0] != "2026-12-02" || offered[90] != "2027-03-02" {
		t.Fatalf("move-out days offered on 2 December 2026: %v", offered)
	}
	for i, d := range offered {
		if i > 0 && d.(string) <= offered[i-1].(string) {
			t.Fatalf("move-out days out of order: %v after %v", d, offered[i-1])
		}
		own := srv.Client(t)
		own.Token = c.Token
		if r := own.Query(out, map[string]any{"d": d}); len(r.Errors) > 0 || simtest.Get(r.Data, "propertyMoveOut", "workflow", "status") == nil {
			t.Fatalf("moving out on the offered %v: %+v", d, r)
		}
	}
	if got := simtest.Get(mustQuery(t, c)(moveIn, nil), "electricityMoveInDates", "moveInDates").([]any); len(got) != 0 {
		t.Errorf("move-in days into an occupied home: %v", got)
	}
	mustQuery(t, c)(out, map[string]any{"d": "2027-01-10"})
	got := mustQuery(t, c)(moveIn, nil)
	for _, field := range []string{"electricityMoveInDates", "moveInDates"} {
		if days, _ := simtest.Get(got, field, "moveInDates").([]any); len(days) != 51 || days[0] != "2027-01-11" || days[50] != "2027-03-02" {
			t.Errorf("%s once the occupier moves out on 10 January: %v", field, simtest.Get(got, field))
		}
	}
	if e := simtest.Get(mustQuery(t, c)(dates, map[string]any{"n": "A-C90DC431", "p": "2214531"}), "moveOutDates", "error", "__typename"); e != "HouseMoveOutHasBeenPerformedErrorType" {
		t.Errorf("move-out days of a home left: %v", e)
	}
	if e := simtest.Get(mustQuery(t, c)(dates, map[string]any{"n": "A-C90DC431", "p": "2214533"}), "moveOutDates", "error", "__typename"); e != "AccountIsNotAssociatedWithPropertyErrorType" {
		t.Errorf("move-out days of another's home: %v", e)
	}
	anonymous := srv.ClientIn(t, c.Session)
	for _, tc := range []struct {
		name, query string
		vars        map[string]any
		who         *simtest.Client
		code        string
	}{
		{"another's account", dates, map[string]any{"n": "A-0F4A2B19", "p": "2214533"}, c, "KT-CT-1111"},
		{"anonymous move-out days", dates, map[string]any{"n": "A-C90DC431", "p": "2214531"}, anonymous, "KT-CT-1112"},
		{"anonymous move-in days", moveIn, nil, anonymous, "KT-CT-1112"},
	} {
		if got := graphqlCode(t, tc.who, tc.query, tc.vars); got != tc.code {
			t.Errorf("%s: %q, want %s", tc.name, got, tc.code)
		}
	}
}
