package simtest_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/krakensim/krakensim/sim/simtest"
)

// TestMadeUpHistoryKeepsItsDates reads records the world makes up (Octopus's API
// exceptions and a meter point's agent contracts, Origin's change requests) before and
// after the clock moves on two months: what had happened keeps its dates.
func TestMadeUpHistoryKeepsItsDates(t *testing.T) {
	for _, tc := range []struct{ schema, signIn, query string }{
		{"octopus-schema.graphql", `mutation { obtainKrakenToken(input: {email: "demo@krakensim.dev", password: "krakensim"}) { token } }`, `{ apiExceptions(first: 3) { edges { node { id createdAt } } }
			account(accountNumber: "A-C90DC431") { properties { electricityMeterPoints { agentContracts { agentId effectiveFrom } } } } }`},
		{"origin-schema.graphql", `mutation { obtainKrakenToken(input: {APIKey: "sk_live_krakensimdemo3235447"}) { token } }`, `{ account(accountNumber: "A-7B3E9D12") { changeRequests { id status proposedDate actualChangeDate actualEndDate } } }`},
	} {
		_, c := tenant(t, tc.schema)
		before := fmt.Sprint(mustQuery(t, c)(tc.query, nil))
		c.AdvanceClock(60 * 24 * time.Hour)
		c.Token, _ = simtest.Get(mustQuery(t, c)(tc.signIn, nil), "obtainKrakenToken", "token").(string)
		if after := fmt.Sprint(mustQuery(t, c)(tc.query, nil)); after != before {
			t.Errorf("%s: made-up history moved with the clock:\n%s\n%s", tc.schema, before, after)
		}
	}
}
