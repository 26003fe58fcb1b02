package simtest_test

import (
	"encoding/base64"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/accounts"
	"github.com/krakensim/krakensim/sim/simtest"
)

// savingSessionsQuery reads the Saving Sessions events and an account's part in them.
const savingSessionsQuery = `query($a: String!) { savingSessions { eventCount events { id code startAt endAt status rewardPerKwhInOctoPoints devEvent }
	account(accountNumber: $a) { canJoinCampaign hasJoinedCampaign eligibleMeterPoints { address mpan } signedUpMeterPoint { mpan }
		joinedEvents { eventId startAt endAt status eventStatus rewardGivenInOctoPoints energySavedInKwh baselineConsumptionDeltaKwh consumptionDeltaKwh resultsSetAt }
		eventStreak { eventStartDate isOptedIntoEvent streakPoints } } } }`

// savingSessionsOf reads Saving Sessions for an account: the events by id, in order, and
// its part.
func savingSessionsOf(t *testing.T, c *simtest.Client, account string) (events []map[string]any, byID map[any]map[string]any, part any) {
	t.Helper()
	ss := mustQuery(t, c)(savingSessionsQuery, map[string]any{"a": account})["savingSessions"]
	byID = map[any]map[string]any{}
	for _, e := range simtest.Get(ss, "events").([]any) {
		events = append(events, e.(map[string]any))
		byID[simtest.Get(e, "id")] = e.(map[string]any)
	}
	if n := simtest.Get(ss, "eventCount"); n != float64(len(events)) {
		t.Errorf("eventCount is %v for %d events", n, len(events))
	}
	return events, byID, simtest.Get(ss, "account")
}

// joinedIDs are the ids of the events an account's part lists as joined.
func joinedIDs(part any) []any {
	var out []any
	for _, j := range simtest.Get(part, "joinedEvents").([]any) {
		out = append(out, simtest.Get(j, "eventId"))
	}
	return out
}

// TestOctopusSavingSessions follows Octopus's Saving Sessions as the Home Assistant
// integration and the app do: the season's events in order, each in the state its time
// gives it; the demo account signed up on its own smart meter point, its joined events
// among them with their results once set; opting in to an upcoming event, which the
// account then lists; and the refusals each field documents.
func TestOctopusSavingSessions(t *testing.T) {
	_, c := octopus(t)
	now := time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)
	events, byID, part := savingSessionsOf(t, c, "A-C90DC431")
	if len(events) < 3 {
		t.Fatalf("%d events by 2 December", len(events))
	}
	codes := map[any]bool{}
	var upcoming, begun map[string]any
	for i, e := range events {
		start, _ := time.Parse(time.RFC3339, e["startAt"].(string))
		end, _ := time.Parse(time.RFC3339, e["endAt"].(string))
		want := map[bool]string{true: "UPCOMING", false: "DONE"}[now.Before(start)]
		if e["status"] != want || !end.After(start) || e["devEvent"] != false || codes[e["code"]] {
			t.Errorf("event %v: %v–%v %v, dev %v, at %v", e["code"], start, end, e["status"], e["devEvent"], now)
		}
		codes[e["code"]] = true
		if m := start.Month(); m > time.March && m < time.November || start.After(now.Add(7*24*time.Hour)) {
			t.Errorf("event %v starts %v, outside the season or the week ahead", e["code"], start)
		}
		if i > 0 && e["startAt"].(string) < events[i-1]["startAt"].(string) {
			t.Errorf("event %v starts before the one listed before it", e["code"])
		}
		joined := slices.Contains(joinedIDs(part), e["id"])
		switch {
		case upcoming == nil && !joined && e["status"] == "UPCOMING":
			upcoming = e
		case begun == nil && !joined && e["status"] == "DONE":
			begun = e
		}
	}
	if upcoming == nil || begun == nil {
		t.Fatalf("no upcoming event the demo account has not joined, or no past one: %v", events)
	}
	if got := spaced(simtest.Get(part, "hasJoinedCampaign"), simtest.Get(part, "canJoinCampaign"), simtest.Get(part, "signedUpMeterPoint", "mpan"),
		simtest.Get(part, "eligibleMeterPoints")); got != "true false 1013004420117 [map[address:41 Octopus Lane, Norwich, Norfolk, NR3 1AB mpan:1013004420117]]" {
		t.Errorf("the demo account's sign-up: %s", got)
	}
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatal(err)
	}
	eventDays := map[string]bool{}
	for _, e := range events {
		eventDays[e["startAt"].(string)[:10]] = true
	}
	rewarded := 0
	for _, j := range simtest.Get(part, "joinedEvents").([]any) {
		e := byID[simtest.Get(j, "eventId")]
		if e == nil || simtest.Get(j, "startAt") != e["startAt"] || simtest.Get(j, "endAt") != e["endAt"] || simtest.Get(j, "eventStatus") != e["status"] {
			t.Errorf("joined %v, which the events list as %v", j, e)
			continue
		}
		saved, known := simtest.Get(j, "energySavedInKwh").(float64)
		if set := simtest.Get(j, "resultsSetAt"); known != (set != nil) || known && set.(string) > now.Format(time.RFC3339) {
			t.Errorf("joined %v: results set at %v", j, set)
		}
		if !known {
			continue
		}
		rewarded++
		baseline, used := simtest.Get(j, "baselineConsumptionDeltaKwh").(float64), simtest.Get(j, "consumptionDeltaKwh")
		if metered := meteredOver(t, c, "3010001", e["startAt"].(string), e["endAt"].(string)); used == nil || math.Abs(used.(float64)-metered) > 0.003 {
			t.Errorf("joined %v: used %v kWh, where the meter's half hours over it add up to %.3f", j, used, metered)
		}
		// Its baseline is the meter's same half hours over the ten weekdays before it
		// without an event; each half hour used less than that saves, and earns whole
		// pennies' worth of points (eight a penny).
		wantBase, wantSaved, wantPoints, halves := 0.0, 0.0, 0.0, 0
		start, _ := time.Parse(time.RFC3339, e["startAt"].(string))
		end, _ := time.Parse(time.RFC3339, e["endAt"].(string))
		for hh := start.In(london); hh.Before(end); hh = hh.Add(30 * time.Minute) { // the same local time, the clocks changed or not
			halves++
			base, days := 0.0, 0
			for day := hh.AddDate(0, 0, -1); days < 10; day = day.AddDate(0, 0, -1) {
				if wd := day.Weekday(); wd == time.Saturday || wd == time.Sunday || eventDays[day.Format(time.DateOnly)] {
					continue
				}
				base += meteredOver(t, c, "3010001", day.Format(time.RFC3339), day.Add(30*time.Minute).Format(time.RFC3339))
				days++
			}
			base /= 10
			s := max(base-meteredOver(t, c, "3010001", hh.Format(time.RFC3339), hh.Add(30*time.Minute).Format(time.RFC3339)), 0)
			wantBase, wantSaved = wantBase+base, wantSaved+s
			wantPoints += math.Round(s*e["rewardPerKwhInOctoPoints"].(float64)/8) * 8
		}
		points := simtest.Get(j, "rewardGivenInOctoPoints").(float64)
		status := simtest.Get(j, "status")
		if math.Abs(baseline-wantBase) > 0.002*float64(halves) || math.Abs(saved-wantSaved) > 0.002*float64(halves) ||
			math.Mod(points, 8) != 0 || math.Abs(points-wantPoints) > 8*float64(halves) || (saved == 0) != (status == "FAIL") {
			t.Errorf("joined %v at %v points a kWh: baseline %v, saved %v, %v points, %v; want about %.3f, %.3f, %v",
				j, e["rewardPerKwhInOctoPoints"], baseline, saved, points, status, wantBase, wantSaved, wantPoints)
		}
	}
	if rewarded == 0 {
		t.Error("the demo account has no results of a past event")
	}

	out := c.Query(`mutation($a: String!, $e: String!) { joinSavingSessionsEvent(input: {accountNumber: $a, eventCode: $e}) { joinedEventCodes } }`,
		map[string]any{"a": "A-C90DC431", "e": upcoming["code"]})
	if len(out.Errors) > 0 || !slices.Contains(simtest.Get(out.Data, "joinSavingSessionsEvent", "joinedEventCodes").([]any), upcoming["code"]) {
		t.Fatalf("joining %v answered %+v %v", upcoming["code"], out.Errors, out.Data)
	}
	_, _, after := savingSessionsOf(t, c, "A-C90DC431")
	if got, want := joinedIDs(after), append(joinedIDs(part), upcoming["id"]); !slices.Equal(sortedIDs(got), sortedIDs(want)) {
		t.Errorf("after joining %v the account lists %v, want %v", upcoming["id"], got, want)
	}
	again := c.Query(`mutation($e: String!) { joinSavingSessionsEvent(input: {accountNumber: "A-C90DC431", eventCode: $e}) { joinedEventCodes } }`, map[string]any{"e": upcoming["code"]})
	if len(again.Errors) > 0 || fmt.Sprint(again.Data) != fmt.Sprint(out.Data) {
		t.Errorf("joining again answered %+v %v, not %v", again.Errors, again.Data, out.Data)
	}

	for _, tc := range []struct{ name, account, code, want string }{
		{"begun", "A-C90DC431", begun["code"].(string), "KT-GB-5117"},
		{"unknown", "A-C90DC431", "NOTANEVT", "KT-GB-5114"},
		{"another's account", "A-0F4A2B19", upcoming["code"].(string), "KT-CT-4177"},
		{"not signed up", "A-7B3E9D12", upcoming["code"].(string), "KT-GB-5116"},
	} {
		out := c.Query(`mutation($a: String!, $e: String!) { joinSavingSessionsEvent(input: {accountNumber: $a, eventCode: $e}) { joinedEventCodes } }`,
			map[string]any{"a": tc.account, "e": tc.code})
		if len(out.Errors) != 1 || out.Errors[0].Code() != tc.want {
			t.Errorf("%s: %+v, want %s", tc.name, out.Errors, tc.want)
		}
	}
	if _, _, again := savingSessionsOf(t, c, "A-C90DC431"); fmt.Sprint(again) != fmt.Sprint(after) {
		t.Errorf("refused joins changed the account's part: %v, was %v", again, after)
	}

	// The event's results are set two days after it ends.
	end, _ := time.Parse(time.RFC3339, upcoming["endAt"].(string))
	c.AdvanceClock(end.Add(49 * time.Hour).Sub(now))
	c.SignIn("demo@krakensim.dev", "krakensim")
	_, byID, part = savingSessionsOf(t, c, "A-C90DC431")
	for _, j := range simtest.Get(part, "joinedEvents").([]any) {
		if simtest.Get(j, "eventId") != upcoming["id"] {
			continue
		}
		if simtest.Get(j, "eventStatus") != "DONE" || simtest.Get(j, "resultsSetAt") == nil || simtest.Get(j, "status") == "UPCOMING" {
			t.Errorf("two days after it ended, the event joined reads %v", j)
		}
	}
	streak := simtest.Get(part, "eventStreak").([]any)
	if i := slices.IndexFunc(streak, func(s any) bool { return simtest.Get(s, "eventStartDate") == upcoming["startAt"] }); i < 0 ||
		simtest.Get(streak[i], "isOptedIntoEvent") != true || simtest.Get(streak[i], "streakPoints").(float64) < 1 {
		t.Errorf("the event streak does not count the event joined: %v", streak)
	}
}

// meteredOver is what the meter with the id recorded from start to end, as its half
// hours of consumption add up.
func meteredOver(t *testing.T, c *simtest.Client, meter, start, end string) float64 {
	t.Helper()
	from, _ := time.Parse(time.RFC3339, start)
	to, _ := time.Parse(time.RFC3339, end)
	data := mustQuery(t, c)(`query($id: ID!, $at: DateTime!, $n: Int) { node(id: $id) { ... on ElectricityMeterType {
		consumption(grouping: HALF_HOUR, startAt: $at, first: $n, timezone: "Europe/London") { edges { node { value } } } } } }`,
		map[string]any{"id": base64.StdEncoding.EncodeToString([]byte("ElectricityMeterType:" + meter)), "at": start, "n": int(to.Sub(from) / (30 * time.Minute))})
	sum := 0.0
	for _, e := range simtest.Get(data, "node", "consumption", "edges").([]any) {
		v, _ := strconv.ParseFloat(simtest.Get(e, "node", "value").(string), 64)
		sum += v
	}
	return sum
}

// spaced is values as fmt.Println writes them, without the newline.
func spaced(v ...any) string { return strings.TrimSuffix(fmt.Sprintln(v...), "\n") }

// sortedIDs is a sorted copy of event ids.
func sortedIDs(ids []any) []float64 {
	out := make([]float64, len(ids))
	for i, id := range ids {
		out[i] = id.(float64)
	}
	slices.Sort(out)
	return out
}

// TestOctopusSavingSessionsSignUp signs an account up to Saving Sessions on its smart
// meter point, after which it can opt in to events, and joins Octoplus with and without
// Saving Sessions, as the app's Octoplus sign-up does.
func TestOctopusSavingSessionsSignUp(t *testing.T) {
	_, c := tenant(t, "octopus-schema.graphql", func(w *sim.World) {
		for _, a := range w.Accounts {
			if a.Number == "A-C90DC431" || a.Number == "A-7B3E9D12" {
				a.LoyaltyPointsUserID, a.SavingSessions = "", nil
			}
		}
	})
	q := mustQuery(t, c)
	_, _, part := savingSessionsOf(t, c, "A-7B3E9D12")
	if got := spaced(simtest.Get(part, "hasJoinedCampaign"), simtest.Get(part, "canJoinCampaign"), simtest.Get(part, "signedUpMeterPoint"), joinedIDs(part)); got != "false true <nil> []" {
		t.Errorf("an account not signed up: %s", got)
	}
	for _, tc := range []struct{ name, mpan, want string }{
		{"another account's MPAN", "1013004420117", "KT-GB-5111"},
		{"another's MPAN", "1200019374620", "KT-GB-5111"},
	} {
		out := c.Query(`mutation($m: String!) { joinSavingSessionsCampaign(input: {accountNumber: "A-7B3E9D12", mpan: $m}) { account { number } } }`, map[string]any{"m": tc.mpan})
		if len(out.Errors) != 1 || out.Errors[0].Code() != tc.want {
			t.Errorf("%s: %+v, want %s", tc.name, out.Errors, tc.want)
		}
	}
	for range 2 { // the second time changes nothing
		data := q(`mutation { joinSavingSessionsCampaign(input: {accountNumber: "A-7B3E9D12", mpan: "1000007345180"}) { account { number } } }`, nil)
		if got := simtest.Get(data, "joinSavingSessionsCampaign", "account", "number"); got != "A-7B3E9D12" {
			t.Errorf("joining answered account %v", got)
		}
	}
	events, _, part := savingSessionsOf(t, c, "A-7B3E9D12")
	if got := spaced(simtest.Get(part, "hasJoinedCampaign"), simtest.Get(part, "canJoinCampaign"), simtest.Get(part, "signedUpMeterPoint", "mpan"), joinedIDs(part)); got != "true false 1000007345180 []" {
		t.Errorf("after signing up: %s", got)
	}
	next := events[len(events)-1]
	data := q(`mutation($e: String!) { joinSavingSessionsEvent(input: {accountNumber: "A-7B3E9D12", eventCode: $e}) { joinedEventCodes } }`, map[string]any{"e": next["code"]})
	if got := fmt.Sprint(simtest.Get(data, "joinSavingSessionsEvent", "joinedEventCodes")); got != fmt.Sprint([]any{next["code"]}) {
		t.Errorf("an account signed up today joined %s, want only %v", got, next["code"])
	}

	join := `mutation($a: String!, $o: SavingSessionsEnrolmentOptions) { joinOctoplusCampaign(accountNumber: $a, savingSessionsEnrolmentOptions: $o) {
		success outcome { octoplus { hasEnrolled } savingSessions { hasEnrolled enrolledMpan notEnrolledReason } } } }`
	info := `query($a: String!) { octoplusAccountInfo(accountNumber: $a) { isOctoplusEnrolled isLoyaltyPointsUser } savingSessions { account(accountNumber: $a) { hasJoinedCampaign } } }`
	for _, tc := range []struct {
		name, account string
		options       map[string]any
		want, after   string
	}{
		{"without Saving Sessions", "A-7B3E9D12", nil, "true true <nil>", "true true true"},
		{"on another's MPAN", "A-C90DC431", map[string]any{"shouldEnrol": true, "nominatedMpan": "1200019374620"}, "true true false <nil>", "true true false"},
	} {
		data := q(join, map[string]any{"a": tc.account, "o": tc.options})
		ss := simtest.Get(data, "joinOctoplusCampaign", "outcome", "savingSessions")
		got := spaced(simtest.Get(data, "joinOctoplusCampaign", "success"), simtest.Get(data, "joinOctoplusCampaign", "outcome", "octoplus", "hasEnrolled"), ss)
		if ss != nil {
			got = spaced(simtest.Get(data, "joinOctoplusCampaign", "success"), simtest.Get(data, "joinOctoplusCampaign", "outcome", "octoplus", "hasEnrolled"),
				simtest.Get(ss, "hasEnrolled"), simtest.Get(ss, "enrolledMpan"))
		}
		if got != tc.want {
			t.Errorf("%s: %s, want %s", tc.name, got, tc.want)
		}
		read := q(info, map[string]any{"a": tc.account})
		if got := spaced(simtest.Get(read, "octoplusAccountInfo", "isOctoplusEnrolled"), simtest.Get(read, "octoplusAccountInfo", "isLoyaltyPointsUser"),
			simtest.Get(read, "savingSessions", "account", "hasJoinedCampaign")); got != tc.after {
			t.Errorf("%s: afterwards %s, want %s", tc.name, got, tc.after)
		}
		out := c.Query(join, map[string]any{"a": tc.account, "o": tc.options})
		if len(out.Errors) != 1 || out.Errors[0].Code() != "KT-GB-9312" {
			t.Errorf("%s again: %+v, want KT-GB-9312", tc.name, out.Errors)
		}
	}
}

// TestOctopusSavingSessionsRewardsArePoints reads the demo account's joined events
// beside its user's loyalty ledger: each event whose results are set credited what it
// earned on the day they were, the points can be redeemed, and an event joined now
// credits its reward once its results are set.
func TestOctopusSavingSessionsRewardsArePoints(t *testing.T) {
	_, c := octopus(t)
	const ledger = `{ loyaltyPointLedgers { id value balanceBroughtForward balanceCarriedForward reasonCode postedAt accountNumber } }`
	credited := func() map[string]map[string]any {
		out := map[string]map[string]any{}
		entries := simtest.Get(mustQuery(t, c)(ledger, nil), "loyaltyPointLedgers").([]any)
		for i, en := range entries {
			m := en.(map[string]any)
			if i+1 < len(entries) && m["balanceBroughtForward"] != simtest.Get(entries[i+1], "balanceCarriedForward") {
				t.Errorf("entry %v does not run on from the one before it, %v", m, entries[i+1])
			}
			if m["reasonCode"] == "SAVING_SESSIONS_REWARD" {
				out[m["postedAt"].(string)] = m
			}
		}
		return out
	}
	events, _, part := savingSessionsOf(t, c, "A-C90DC431")
	rewards := credited()
	n := 0
	for _, j := range simtest.Get(part, "joinedEvents").([]any) {
		reward, set := simtest.Get(j, "rewardGivenInOctoPoints"), simtest.Get(j, "resultsSetAt")
		if set == nil || reward.(float64) == 0 {
			continue // no results yet, or nothing earned: nothing credited
		}
		n++
		en := rewards[set.(string)]
		if reward.(float64) > 0 && (en == nil || en["value"] != fmt.Sprint(reward) || en["accountNumber"] != "A-C90DC431") {
			t.Errorf("event %v earned %v points, set at %v; the ledger credits %v", simtest.Get(j, "eventId"), reward, set, en)
		}
	}
	if n == 0 || len(rewards) < n {
		t.Fatalf("%d events that earned points, %d rewards on the ledger", n, len(rewards))
	}
	top := simtest.Get(mustQuery(t, c)(ledger, nil), "loyaltyPointLedgers", 0, "balanceCarriedForward").(string)
	points, _ := strconv.Atoi(top)
	if points <= 1200 {
		t.Fatalf("the demo user holds %d points after %d rewards", points, len(rewards))
	}
	out := c.Query(`mutation($p: Int!) { redeemLoyaltyPointsForAccountCredit(input: {accountNumber: "A-C90DC431", points: $p}) { pointsRedeemed } }`, map[string]any{"p": points - points%accounts.OctoPointsPerPenny})
	if len(out.Errors) > 0 {
		t.Fatalf("redeeming all %d points: %+v", points, out.Errors)
	}
	if again := credited(); len(again) != len(rewards) {
		t.Errorf("after redeeming, %d rewards on the ledger, was %d", len(again), len(rewards))
	}

	upcoming := joinUpcomingEvent(t, c, events, part)
	c.SignIn("demo@krakensim.dev", "krakensim")
	_, _, part = savingSessionsOf(t, c, "A-C90DC431")
	later := credited()
	for _, j := range simtest.Get(part, "joinedEvents").([]any) {
		if simtest.Get(j, "eventId") != upcoming["id"] {
			continue
		}
		if reward := simtest.Get(j, "rewardGivenInOctoPoints"); reward.(float64) > 0 {
			if en := later[simtest.Get(j, "resultsSetAt").(string)]; en == nil || en["value"] != fmt.Sprint(reward) {
				t.Errorf("the event joined earned %v points; the ledger credits %v", reward, en)
			}
		}
	}
}

// joinUpcomingEvent joins the demo household to the first upcoming event it has not
// joined and runs c's clock to two days after the event ends, when its reward is
// settled; it answers the event.
func joinUpcomingEvent(t *testing.T, c *simtest.Client, events []map[string]any, part any) map[string]any {
	t.Helper()
	var upcoming map[string]any
	for _, e := range events {
		if e["status"] == "UPCOMING" && !slices.Contains(joinedIDs(part), e["id"]) {
			upcoming = e
			break
		}
	}
	if upcoming == nil {
		t.Fatal("no upcoming event to join")
	}
	mustQuery(t, c)(`mutation($e: String!) { joinSavingSessionsEvent(input: {accountNumber: "A-C90DC431", eventCode: $e}) { joinedEventCodes } }`, map[string]any{"e": upcoming["code"]})
	end, _ := time.Parse(time.RFC3339, upcoming["endAt"].(string))
	c.AdvanceClock(end.Add(49 * time.Hour).Sub(time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)))
	return upcoming
}
