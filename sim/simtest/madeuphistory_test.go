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

// TestOriginPublicHolidaysAreTheStates asks Origin for Victoria's public holidays in
// 2026 and the Australia-wide ones in its first half: the state's calendar, which its
// payment dates keep, within the range asked; and a move in by gas, as by electricity,
// is refused for a MIRN no home has.
func TestOriginPublicHolidaysAreTheStates(t *testing.T) {
	_, c := tenant(t, "origin-schema.graphql")
	data := mustQuery(t, c)(`{ vic: publicHolidays(input: {state: VIC, dateFrom: "2026-01-01", dateTo: "2026-12-31"})
		all: publicHolidays(input: {dateFrom: "2026-01-01", dateTo: "2026-06-30"})
		gas: gasMoveInDates(input: {mirn: "5330000017"}) { moveInDates error { __typename } } }`, nil)
	if got := fmt.Sprint(simtest.Get(data, "vic")); got != "[2026-01-01 2026-01-26 2026-03-09 2026-04-03 2026-04-04 2026-04-05 2026-04-06 2026-04-25 2026-06-08 2026-09-25 2026-11-03 2026-12-25 2026-12-26 2026-12-28]" {
		t.Errorf("Victoria's 2026 holidays: %s", got)
	}
	if got := fmt.Sprint(simtest.Get(data, "all")); got != "[2026-01-01 2026-01-26 2026-04-03 2026-04-06 2026-04-25]" {
		t.Errorf("Australia-wide holidays to June 2026: %s", got)
	}
	if got := fmt.Sprint(simtest.Get(data, "gas")); got != "map[error:map[__typename:DoesNotExistErrorType] moveInDates:<nil>]" {
		t.Errorf("gasMoveInDates of an unknown MIRN: %s", got)
	}
}
