package simtest_test

import (
	"fmt"
	"strings"
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

// TestMadeUpPhonesAreForDrama reads the phone a made-up heat pump quote's contact gives
// on the GB tenant: a mobile from the numbers Ofcom keeps for drama (07700 900xxx).
func TestMadeUpPhonesAreForDrama(t *testing.T) {
	_, c := octopus(t)
	data := mustQuery(t, c)(`{ heatPumpGoodsQuote(code: "x") { contactDetails { phone } } }`, nil)
	if phone, _ := simtest.Get(data, "heatPumpGoodsQuote", "contactDetails", "phone").(string); !strings.HasPrefix(phone, "+447700900") || len(phone) != 13 {
		t.Errorf("a made-up GB phone %q is not in Ofcom's drama range +447700900xxx", phone)
	}
}
