package simtest_test

import (
	"fmt"
	"slices"
	"strconv"
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

// TestMadeUpScheduleFollowsTheClock reads records the world makes up with a drawn status
// (an Octopus meter point's agent contracts) as the clock moves
// on: one whose date has come no longer says it is to come, one that says so is dated
// after now, and one that was to come keeps its date as it comes to pass.
func TestMadeUpScheduleFollowsTheClock(t *testing.T) {
	for _, tc := range []struct {
		schema, signIn, query string
		path                  []string // to the list of records
		status, date, toCome  string
		cameAs                []string // what one to come may come to read
	}{
		{"octopus-schema.graphql", `mutation { obtainKrakenToken(input: {email: "demo@krakensim.dev", password: "krakensim"}) { token } }`,
			`{ account(accountNumber: "A-C90DC431") { properties { electricityMeterPoints { agentContracts { contractStatus effectiveFrom } } } } }`,
			[]string{"account", "properties", "0", "electricityMeterPoints", "0", "agentContracts"},
			"contractStatus", "effectiveFrom", "REQUESTED", []string{"ACCEPTED"}},
	} {
		_, c := tenant(t, tc.schema)
		now := time.Date(2026, time.December, 2, 9, 0, 0, 0, time.UTC)
		toCome := map[string]string{} // the date of one to come: its status later
		for _, step := range []time.Duration{0, 21 * 24 * time.Hour, 21 * 24 * time.Hour, 30 * 24 * time.Hour} {
			if step > 0 {
				c.AdvanceClock(step)
				now = now.Add(step)
				c.Token, _ = simtest.Get(mustQuery(t, c)(tc.signIn, nil), "obtainKrakenToken", "token").(string)
			}
			var list any = mustQuery(t, c)(tc.query, nil)
			for _, p := range tc.path {
				if i, err := strconv.Atoi(p); err == nil {
					list = list.([]any)[i]
				} else {
					list = simtest.Get(list, p)
				}
			}
			for _, e := range list.([]any) {
				if n := simtest.Get(e, "node"); n != nil {
					e = n
				}
				status, _ := simtest.Get(e, tc.status).(string)
				date, _ := simtest.Get(e, tc.date).(string)
				at, err := time.Parse(time.RFC3339, date)
				if err != nil {
					at, err = time.ParseInLocation(time.DateOnly, date, time.UTC)
				}
				if err != nil {
					t.Fatalf("%s %q: %v", tc.date, date, err)
				}
				if status == tc.toCome && !at.After(now) {
					t.Errorf("%s: at %s one dated %s reads %s", tc.schema, now.Format(time.RFC3339), date, status)
				}
				if _, seen := toCome[date]; seen || status == tc.toCome {
					toCome[date] = status
				}
			}
		}
		came := 0
		for date, status := range toCome {
			switch {
			case slices.Contains(tc.cameAs, status):
				came++
			case status != tc.toCome:
				t.Errorf("%s: one to come on %s came to read %s", tc.schema, date, status)
			}
		}
		if came == 0 {
			t.Errorf("%s: nothing to come came to pass in 72 days: %v", tc.schema, toCome)
		}
	}
}

// TestOriginBrownoutsKeepTheirPlan reads Origin's API brownouts as the clock moves on 70
// days: the statuses the input names are the ones answered, one under way has its end
// and reads COMPLETED after it, and each names a root field the schema serves.
func TestOriginBrownoutsKeepTheirPlan(t *testing.T) {
	_, c := tenant(t, "origin-schema.graphql")
	const q = `query($s: [APIBrownoutStatus]) { apiBrownouts(input: {statuses: $s}) { edges { node { status startsAt endsAt disablesRequestsTo } } } }`
	now := time.Date(2026, time.December, 2, 9, 0, 0, 0, time.UTC)
	for _, step := range []time.Duration{0, 70 * 24 * time.Hour} {
		c.AdvanceClock(step)
		now = now.Add(step)
		c.Token = "sk_live_krakensimother3235449" // an API key outlasts the clock's move
		for _, tc := range []struct {
			statuses []any
			want     []string // the statuses that may come back
		}{
			{nil, []string{"SCHEDULED", "IN_PROGRESS", "COMPLETED", "CANCELLED", "ABORTED"}},
			{[]any{"SCHEDULED"}, []string{"SCHEDULED"}},
			{[]any{"IN_PROGRESS", "COMPLETED"}, []string{"IN_PROGRESS", "COMPLETED"}},
		} {
			edges, _ := simtest.Get(mustQuery(t, c)(q, map[string]any{"s": tc.statuses}), "apiBrownouts", "edges").([]any)
			for _, e := range edges {
				n := simtest.Get(e, "node")
				status, _ := simtest.Get(n, "status").(string)
				if !slices.Contains(tc.want, status) {
					t.Errorf("at %s statuses %v answered one %s", now.Format(time.DateOnly), tc.statuses, status)
				}
				ref, _ := simtest.Get(n, "disablesRequestsTo").(string)
				if root, field, ok := strings.Cut(ref, "."); !ok || root != "Query" || field == "" {
					t.Errorf("disablesRequestsTo %q names no root field", ref)
				}
				end, _ := simtest.Get(n, "endsAt").(string)
				at, err := time.Parse(time.RFC3339, end)
				switch {
				case status == "IN_PROGRESS" && (err != nil || !at.After(now)):
					t.Errorf("at %s one under way ends %q", now.Format(time.DateOnly), end)
				case status == "IN_PROGRESS" && at.After(now.Add(60*24*time.Hour)):
					t.Errorf("at %s one under way keeps ending later: %s", now.Format(time.DateOnly), end)
				}
			}
			if tc.statuses == nil && len(edges) == 0 {
				t.Errorf("at %s no brownouts", now.Format(time.DateOnly))
			}
		}
	}
}
