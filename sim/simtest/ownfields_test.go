package simtest_test

import (
	"testing"

	"github.com/krakensim/krakensim/sim/simtest"
)

// TestFieldsOfTheirOwnFollowTheGuard holds fields that named their owner optionally
// (apiExceptions, savingSessions, octoPoints, inkConversation, Origin's contracts and
// workflows) or check the account themselves (centrepayDeductions) to the guard's rule
// on both tenants: anonymously the missing header's error (or the field's own
// "Unauthorized." code where it documents no KT-CT-1112), another's account or user, or
// an unknown account, Unauthorized, and the viewer's own (a user sharing their account
// included) answered.
func TestFieldsOfTheirOwnFollowTheGuard(t *testing.T) {
	gbSrv, gb := octopus(t)
	auSrv, au := tenant(t, "origin-schema.graphql")
	cases := []struct {
		name, query string
		au          bool
		vars        map[string]any // refused signed in
		own         map[string]any // answered signed in, at the path answer
		answer      []any
		anonymous   string
	}{
		{"apiExceptions another's user", `query($u: ID) { apiExceptions(input: {userId: $u}) { totalCount } }`, false, map[string]any{"u": "3235449"}, map[string]any{"u": "3235448"}, []any{"apiExceptions", "totalCount"}, "KT-CT-1112"},
		{"apiExceptions another's account", `query($a: ID) { apiExceptions(input: {accountNumber: $a}) { totalCount } }`, true, map[string]any{"a": "A-0F4A2B19"}, map[string]any{}, []any{"apiExceptions", "totalCount"}, "KT-CT-1112"},
		{"savingSessions", `query($a: String) { savingSessions(accountNumber: $a) { eventCount } }`, false, map[string]any{"a": "A-0F4A2B19"}, map[string]any{"a": "A-C90DC431"}, []any{"savingSessions", "eventCount"}, "KT-CT-1112"},
		{"savingSessions unknown", `query($a: String) { savingSessions(accountNumber: $a) { eventCount } }`, false, map[string]any{"a": "A-00000000"}, map[string]any{}, []any{"savingSessions", "eventCount"}, "KT-CT-1112"},
		{"octoPoints", `query($a: String) { octoPoints(accountNumber: $a) { account(accountNumber: "A-C90DC431") { currentPointsInWallet } } }`, false, map[string]any{"a": "A-0F4A2B19"}, map[string]any{"a": "A-C90DC431"}, []any{"octoPoints", "account", "currentPointsInWallet"}, "KT-CT-1112"},
		{"inkConversation", `query($a: String) { inkConversation(accountNumber: $a) { __typename } }`, false, map[string]any{"a": "A-0F4A2B19"}, map[string]any{"a": "A-C90DC431"}, []any{"inkConversation", "__typename"}, "KT-CT-1112"},
		{"centrepayDeductions", `query($a: String!) { centrepayDeductions(accountNumber: $a) { amount } }`, true, map[string]any{"a": "A-0F4A2B19"}, map[string]any{"a": "A-C90DC431"}, []any{"centrepayDeductions"}, "KT-CT-3823"},
		{"accountContract", `query($a: String) { accountContract(accountNumber: $a) { __typename } }`, true, map[string]any{"a": "A-0F4A2B19"}, nil, nil, "KT-CT-1112"},
		{"houseMoveOutWorkflows", `query($a: String) { houseMoveOutWorkflows(input: {accountNumber: $a}) { __typename } }`, true, map[string]any{"a": "A-0F4A2B19"}, map[string]any{}, []any{"houseMoveOutWorkflows", "__typename"}, "KT-CT-1112"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, srv := gb, gbSrv
			if tc.au {
				c, srv = au, auSrv
			}
			out := c.Query(tc.query, tc.vars)
			want := "KT-CT-1111"
			if tc.name == "centrepayDeductions" {
				want = "KT-CT-3823"
			}
			if len(out.Errors) != 1 || out.Errors[0].Code() != want || out.Errors[0].Message != "Unauthorized." || hasData(out) {
				t.Errorf("%v signed in: %+v %v, want %s Unauthorized. and no data", tc.vars, out.Errors, out.Data, want)
			}
			out = srv.ClientIn(t, c.Session+"-anonymous").Query(tc.query, tc.own)
			if len(out.Errors) != 1 || out.Errors[0].Code() != tc.anonymous || hasData(out) {
				t.Errorf("anonymously: %+v %v, want %s and no data", out.Errors, out.Data, tc.anonymous)
			}
			if tc.answer == nil {
				return
			}
			out = c.Query(tc.query, tc.own)
			if len(out.Errors) > 0 || simtest.Get(out.Data, tc.answer...) == nil {
				t.Errorf("the viewer's own %v: %+v %v", tc.own, out.Errors, out.Data)
			}
		})
	}
	// A customer's API exceptions are of their own accounts.
	for _, e := range simtest.Get(gb.Query(`{ apiExceptions(first: 10) { edges { node { accountNumber } } } }`, nil).Data, "apiExceptions", "edges").([]any) {
		if n := simtest.Get(e, "node", "accountNumber"); n != "A-C90DC431" && n != "A-7B3E9D12" {
			t.Errorf("an API exception of %v", n)
		}
	}
}
