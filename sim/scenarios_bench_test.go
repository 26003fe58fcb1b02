package sim_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/graphql"
	"github.com/krakensim/krakensim/sim/rules"
)

// BenchmarkScenarioAnswer answers a mutation from a scripted error while n rules
// target other fields: the cost must not grow with n.
func BenchmarkScenarioAnswer(b *testing.B) {
	for _, n := range []int{10, 10000} {
		b.Run(fmt.Sprintf("rules=%d", n), func(b *testing.B) {
			s := newSim(b, 1)
			var rs []*rules.Rule
			for i := range n {
				rs = append(rs, &rules.Rule{
					When: rules.When{Kind: rules.KindGraphQL, Field: fmt.Sprintf("otherField%d", i)},
					Then: []*rules.Answer{{Errors: []rules.ErrorSpec{{Code: "KT-CT-1111"}}}},
				})
			}
			rs = append(rs, &rules.Rule{
				When: rules.When{Kind: rules.KindGraphQL, Field: "createAccountPaymentSchedule", Variables: []rules.PathMatch{
					{Path: "input.accountNumber", Matcher: &rules.Matcher{Op: rules.OpEqual, Value: "A-FA11ED01"}},
				}},
				Then: []*rules.Answer{{Errors: []rules.ErrorSpec{{Code: "KT-CT-3942"}}}},
			})
			if err := s.SetScenarios([]*rules.Scenario{{Name: "bench", Rules: rs}}); err != nil {
				b.Fatal(err)
			}
			if err := s.ActivateScenario("bench", ""); err != nil {
				b.Fatal(err)
			}
			req := &graphql.Request{
				Query:     `mutation($input: CreateAccountPaymentScheduleInput!) { createAccountPaymentSchedule(input: $input) { schedule { id } } }`,
				Variables: map[string]any{"input": map[string]any{"accountNumber": "A-FA11ED01", "ledgerNumber": "L-1", "paymentDay": 3}},
				Header:    map[string][]string{sim.SessionHeader: {"bench"}},
			}
			b.ReportAllocs()
			for b.Loop() {
				resp := s.API().Execute(context.Background(), req)
				if len(resp.Errors) != 1 || resp.Errors[0].Extensions["errorCode"] != "KT-CT-3942" {
					b.Fatalf("errors = %v", resp.Errors)
				}
			}
		})
	}
}
