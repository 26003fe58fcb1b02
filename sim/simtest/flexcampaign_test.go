package simtest_test

import (
	"math"
	"slices"
	"strconv"
	"testing"

	"github.com/krakensim/krakensim/sim/simtest"
)

// TestOctopusFreeElectricity reads the free electricity campaign as a notifier does: the
// solar household, signed up, is enrolled by its import MPAN (not its export's) and takes
// part in each event announced, oldest first; the demo household is not; an event's half
// hours cost the enrolled household nothing, and its statement is what its readings cost.
func TestOctopusFreeElectricity(t *testing.T) {
	_, c := current(t)
	const read = `query($a: String!, $p: String!) {
		enrolled: isEnrolledInCustomerFlexibilityCampaign(accountNumber: $a, campaignSlug: "free_electricity", supplyPointIdentifier: $p)
		events: customerFlexibilityCampaignEvents(accountNumber: $a, campaignSlug: "free_electricity", supplyPointIdentifier: $p, last: 50) {
			totalCount edges { node { code name startAt endAt isEventParticipant } } } }`
	c.SignIn("solar@krakensim.dev", "krakensim")
	q := mustQuery(t, c)
	solar := q(read, map[string]any{"a": "A-6D4F2E88", "p": "2200007316455"})
	export := q(read, map[string]any{"a": "A-6D4F2E88", "p": "2200007316464"})
	if simtest.Get(solar, "enrolled") != true || simtest.Get(export, "enrolled") != false {
		t.Errorf("enrolled by import %v, by export %v; want true, false", simtest.Get(solar, "enrolled"), simtest.Get(export, "enrolled"))
	}
	edges := simtest.Get(solar, "events", "edges").([]any)
	if len(edges) < 5 {
		t.Fatalf("%d events", len(edges))
	}
	for i, e := range edges {
		n := simtest.Get(e, "node").(map[string]any)
		if n["isEventParticipant"] != true || n["name"] != "Free Electricity" || n["startAt"].(string) >= n["endAt"].(string) ||
			i > 0 && n["startAt"].(string) <= simtest.Get(edges[i-1], "node", "startAt").(string) {
			t.Errorf("event %d: %v", i, n)
		}
	}
	latest := simtest.Get(edges[len(edges)-1], "node").(map[string]any)
	uf := []any{map[string]any{"electricityFilters": map[string]any{"readingFrequencyType": "THIRTY_MIN_INTERVAL", "readingDirection": "CONSUMPTION"}}}
	halves := q(`query($s: DateTime!, $e: DateTime!, $uf: [UtilityFiltersInput!]) { account(accountNumber: "A-6D4F2E88") { properties {
		measurements(first: 10, startAt: $s, endAt: $e, utilityFilters: $uf) { edges { node { value metaData { statistics { type costExclTax { estimatedAmount } } } } } } } } }`,
		map[string]any{"s": latest["startAt"], "e": latest["endAt"], "uf": uf})
	for _, h := range simtest.Get(halves, "account", "properties", 0, "measurements", "edges").([]any) {
		if cost := simtest.Get(h, "node", "metaData", "statistics", 0, "costExclTax", "estimatedAmount"); simtest.Get(h, "node", "value") != "0.000" && cost != "0.00000" {
			t.Errorf("a half hour of %s: %v kWh cost %v", latest["code"], simtest.Get(h, "node", "value"), cost)
		}
	}
	// costOfUsage's half hours are as free, and add up to its day's.
	day := latest["startAt"].(string)[:10] + "T00:00:00+01:00"
	usage := q(`query($s: DateTime!) { costOfUsage(accountNumber: "A-6D4F2E88", fuelType: ELECTRICITY, grouping: HALF_HOUR, meterId: "3010009", startAt: $s,
		timezone: "Europe/London") { details(grouping: HALF_HOUR, first: 48) { edges { node { cost startAt } } } } }`, map[string]any{"s": day})
	whole := q(`query($s: DateTime!) { costOfUsage(accountNumber: "A-6D4F2E88", fuelType: ELECTRICITY, grouping: DAY, meterId: "3010009", startAt: $s,
		timezone: "Europe/London") { details(grouping: DAY, first: 1) { edges { node { cost } } } } }`, map[string]any{"s": day})
	halfSum := 0.0
	for _, e := range simtest.Get(usage, "costOfUsage", "details", "edges").([]any) {
		cost := simtest.Get(e, "node", "cost").(float64)
		halfSum += cost
		if at := simtest.Get(e, "node", "startAt").(string); at >= latest["startAt"].(string) && at < latest["endAt"].(string) && cost != 0 {
			t.Errorf("costOfUsage's half hour from %s in %s: %v p", at, latest["code"], cost)
		}
	}
	if d := simtest.Get(whole, "costOfUsage", "details", "edges", 0, "node", "cost").(float64); math.Abs(halfSum-d) > 24 {
		t.Errorf("the day of %s: half hours %v p, the day %v p", latest["code"], halfSum, d)
	}
	c.SignIn("demo@krakensim.dev", "krakensim")
	demo := mustQuery(t, c)(read, map[string]any{"a": "A-C90DC431", "p": "1013004420117"})
	if simtest.Get(demo, "enrolled") != false || simtest.Get(demo, "events", "edges", 0, "node", "isEventParticipant") != false {
		t.Errorf("the demo household: %v", demo)
	}
}

// TestFreeElectricityOnTheStatement: the solar household's statement of a month with free
// electricity events charges what its import's readings cost, the events' free hours
// included.
func TestFreeElectricityOnTheStatement(t *testing.T) {
	_, c := current(t)
	c.SignIn("solar@krakensim.dev", "krakensim")
	q := mustQuery(t, c)
	charges := q(`{ account(accountNumber: "A-6D4F2E88") { ledgers { transactions(first: 24) { edges { node { __typename amounts { net }
		... on Charge { isExport consumption { startDate endDate } } } } } } } }`, nil)
	checked := 0
	for _, e := range simtest.Get(charges, "account", "ledgers", 0, "transactions", "edges").([]any) {
		n := simtest.Get(e, "node").(map[string]any)
		if n["__typename"] != "Charge" || n["isExport"] == true {
			continue
		}
		from, to := simtest.Get(n, "consumption", "startDate").(string), simtest.Get(n, "consumption", "endDate").(string)
		if from < "2026-05-01" || from > "2026-06-30" {
			continue
		}
		days := q(`query($s: Date!, $e: Date!) { account(accountNumber: "A-6D4F2E88") { properties { measurements(first: 40, startOn: $s, endOn: $e,
			utilityFilters: [{electricityFilters: {readingFrequencyType: DAY_INTERVAL, readingDirection: CONSUMPTION}}]) {
			edges { node { metaData { statistics { costExclTax { estimatedAmount } } } } } } } } }`, map[string]any{"s": from, "e": to})
		cost := 0.0
		for _, d := range simtest.Get(days, "account", "properties", 0, "measurements", "edges").([]any) {
			for _, s := range simtest.Get(d, "node", "metaData", "statistics").([]any) {
				v, _ := strconv.ParseFloat(simtest.Get(s, "costExclTax", "estimatedAmount").(string), 64)
				cost += v
			}
		}
		if net := simtest.Get(n, "amounts", "net").(float64); math.Abs(net-cost) > 1 {
			t.Errorf("%s to %s: charged %v net, its readings cost %.2f", from, to, net, cost)
		}
		checked++
	}
	if checked == 0 {
		t.Fatal("no charge of May or June 2026")
	}
}

// TestSavingSessionsAsAFlexibilityCampaign reads Saving Sessions through the flexibility
// campaign API, as predbat does first: the demo household, whose campaigns list
// octoplus-saving-sessions, is enrolled by the meter point it signed up (not by another
// MPAN), and the campaign's events are savingSessions' events, each a participant's
// exactly when the account's joinedEvents list it.
func TestSavingSessionsAsAFlexibilityCampaign(t *testing.T) {
	_, c := current(t)
	c.SignIn("demo@krakensim.dev", "krakensim")
	q := mustQuery(t, c)
	const read = `query($p: String!, $after: String) {
		account(accountNumber: "A-C90DC431") { campaigns { slug } }
		enrolled: isEnrolledInCustomerFlexibilityCampaign(accountNumber: "A-C90DC431", campaignSlug: "octoplus-saving-sessions", supplyPointIdentifier: $p)
		events: customerFlexibilityCampaignEvents(accountNumber: "A-C90DC431", campaignSlug: "octoplus-saving-sessions", supplyPointIdentifier: $p, first: 100, after: $after) {
			totalCount pageInfo { hasNextPage endCursor } edges { node { code startAt endAt isEventParticipant } } } }`
	flex := q(read, map[string]any{"p": "1013004420117"})
	edges := simtest.Get(flex, "events", "edges").([]any)
	for page := flex; simtest.Get(page, "events", "pageInfo", "hasNextPage") == true; {
		page = q(read, map[string]any{"p": "1013004420117", "after": simtest.Get(page, "events", "pageInfo", "endCursor")})
		edges = append(edges, simtest.Get(page, "events", "edges").([]any)...)
	}
	var slugs []any
	for _, cp := range simtest.Get(flex, "account", "campaigns").([]any) {
		slugs = append(slugs, simtest.Get(cp, "slug"))
	}
	if !slices.Contains(slugs, "octoplus-saving-sessions") || simtest.Get(flex, "enrolled") != true {
		t.Errorf("campaigns %v, enrolled %v; want the campaign listed and its supply point enrolled", slugs, simtest.Get(flex, "enrolled"))
	}
	if other := q(read, map[string]any{"p": "1000007345180"}); simtest.Get(other, "enrolled") != false {
		t.Errorf("enrolled by an MPAN the account did not sign up: %v", simtest.Get(other, "enrolled"))
	}
	events, byID, part := savingSessionsOf(t, c, "A-C90DC431")
	joined := map[string]bool{}
	for _, id := range joinedIDs(part) {
		joined[byID[id]["code"].(string)] = true
	}
	if len(edges) != len(events) || len(joined) < 10 || simtest.Get(flex, "events", "totalCount") != float64(len(events)) {
		t.Fatalf("%d flexibility events (total %v) for %d Saving Sessions events, %d joined", len(edges), simtest.Get(flex, "events", "totalCount"), len(events), len(joined))
	}
	participated := 0
	for i, e := range edges {
		n, s := simtest.Get(e, "node").(map[string]any), events[i]
		if n["code"] != s["code"] || n["startAt"] != s["startAt"] || n["endAt"] != s["endAt"] || n["isEventParticipant"] != joined[s["code"].(string)] {
			t.Errorf("event %d: %v; Saving Sessions' %v, joined %v", i, n, s, joined[s["code"].(string)])
		}
		if n["isEventParticipant"] == true {
			participated++
		}
	}
	if participated != len(joined) {
		t.Errorf("a participant in %d events, joined %d", participated, len(joined))
	}
}
