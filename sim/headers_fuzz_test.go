package sim_test

import (
	"context"
	"testing"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/graphql"
)

// FuzzControlHeaders throws arbitrary krakensim control headers at a mutation: the
// answer is always a well-formed response, never a panic.
func FuzzControlHeaders(f *testing.F) {
	f.Add("KT-CT-3942", "", "s1", "JWT x")
	f.Add("createAccountPaymentSchedule=KT-CT-3942,viewer=KT-CT-1111", "payment-schedule-errors", "", "")
	f.Add("=,,=x", "nope,,", "bad id!", "JWT")
	s := newSim(f, 1)
	const m = `mutation { createAccountPaymentSchedule(input: {accountNumber: "A-C90DC431", ledgerNumber: "L-6B2F0A1C", paymentDay: 3}) { schedule { id } } }`
	f.Fuzz(func(t *testing.T, forced, scenario, session, authz string) {
		h := map[string][]string{
			sim.HeaderForceError: {forced}, sim.HeaderScenario: {scenario},
			sim.SessionHeader: {session}, "Authorization": {authz},
		}
		resp := s.API().Execute(context.Background(), &graphql.Request{Query: m, Header: h})
		if resp == nil {
			t.Fatal("no response")
		}
		if _, err := resp.MarshalJSON(); err != nil {
			t.Fatal(err)
		}
		if resp.Executed && resp.Data == nil && len(resp.Errors) == 0 {
			t.Fatal("executed with neither data nor errors")
		}
	})
}
