package rules

import (
	"fmt"
	"testing"
)

// eqRule is a rule on createAccountPaymentSchedule for one account number, or any.
func eqRule(m *Matcher, priority int) *Rule {
	r := gqlRule("createAccountPaymentSchedule")
	r.Priority = priority
	if m != nil {
		r.When.Variables = []PathMatch{{Path: "input.accountNumber", Matcher: m}}
	}
	return r
}

// TestValueIndexKeepsOrder checks that rules found through the value index answer in the
// order a scan would: priority, then load order, whichever list holds them.
func TestValueIndexKeepsOrder(t *testing.T) {
	rules := []*Rule{
		eqRule(eq("A-1"), 0),              // #1
		eqRule(re("^A-"), 0),              // #2: not indexable
		eqRule(eq("A-2"), 0),              // #3
		eqRule(oneOf("A-2", "A-3"), 0),    // #4
		eqRule(eq("A-3"), 5),              // #5: higher priority
		eqRule(eq(7), 0),                  // #6: a number
		eqRule(nil, 0),                    // #7: any
		eqRule(&Matcher{Op: OpAbsent}, 0), // #8
	}
	ix := mustIndex(t, scen("s", rules...))
	tests := []struct {
		vars map[string]any
		want string
	}{
		{map[string]any{"input": map[string]any{"accountNumber": "A-1"}}, "s#1"},
		{map[string]any{"input": map[string]any{"accountNumber": "A-2"}}, "s#2"},
		{map[string]any{"input": map[string]any{"accountNumber": "A-3"}}, "s#5"},
		{map[string]any{"input": map[string]any{"accountNumber": "B-9"}}, "s#7"},
		{map[string]any{"input": map[string]any{"accountNumber": 7.0}}, "s#6"},
		{map[string]any{"input": map[string]any{"accountNumber": 7}}, "s#6"},
		{map[string]any{"input": map[string]any{}}, "s#7"},
		{nil, "s#7"},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprint(tc.vars), func(t *testing.T) {
			got := ix.SelectGraphQL(&GraphQLCall{Field: "createAccountPaymentSchedule", Variables: tc.vars}, nil, nil)
			if ruleID(got) != tc.want {
				t.Errorf("got %s, want %s", ruleID(got), tc.want)
			}
		})
	}
	// Without the catch-all rules, a value no rule names matches nothing.
	ix = mustIndex(t, scen("s", rules[0], rules[2], rules[3]))
	if got := ix.SelectGraphQL(&GraphQLCall{Field: "createAccountPaymentSchedule", Variables: map[string]any{"input": map[string]any{"accountNumber": "A-9"}}}, nil, nil); got != nil {
		t.Errorf("A-9 matched %s", ruleID(got))
	}
	if got := ix.SelectGraphQL(&GraphQLCall{Field: "createAccountPaymentSchedule", Variables: map[string]any{"input": map[string]any{"accountNumber": "A-3"}}}, nil, nil); ruleID(got) != "s#4" {
		t.Errorf("A-3 matched %s, want the oneOf rule s#4", ruleID(got))
	}
}

// BenchmarkSelectByValue is what a recording produces: one rule per account number on
// the same field, the matching one in the middle.
func BenchmarkSelectByValue(b *testing.B) {
	for _, n := range []int{10, 100000} {
		rules := make([]*Rule, n)
		for i := range rules {
			rules[i] = eqRule(eq(fmt.Sprintf("A-%08X", i)), 0)
		}
		ix := mustIndex(b, scen("recorded", rules...))
		call := &GraphQLCall{Field: "createAccountPaymentSchedule", Variables: map[string]any{"input": map[string]any{"accountNumber": fmt.Sprintf("A-%08X", n/2)}}}
		counters := NewCounters()
		b.Run(fmt.Sprintf("rules=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if ix.SelectGraphQL(call, nil, counters) == nil {
					b.Fatal("no match")
				}
			}
		})
	}
}
