package simtest_test

import (
	"fmt"
	"math"
	"strconv"
	"testing"

	"github.com/krakensim/krakensim/sim/simtest"
)

// TestOriginConsumptionSummary: a supply's consumptionSummary answers what its meter
// measured in the window asked, under the meter's register "1": one entry for each whole
// day (from the first midnight after startAt) or month, the same use its readings tell,
// costed with GST on top, none from today's midnight on; a basic meter is summarised only
// when asked (includeBasicMeters).
func TestOriginConsumptionSummary(t *testing.T) {
	srv, c := tenant(t, "origin-schema.graphql")
	const summary = `query($n: String!, $from: DateTime!, $to: DateTime!, $g: ConsumptionGranularity!, $basic: Boolean) { account(accountNumber: $n) {
		properties { meterPoints { ... on MeterPointType { identifier
			consumptionSummary(startAt: $from, endAt: $to, timezone: "Australia/Sydney", granularity: $g, includeBasicMeters: $basic) {
				registers { identifier } summarizedConsumption { startAt endAt consumption cost costWithGst } } } } } } }`
	const readings = `query($id: String!, $from: DateTime!, $to: DateTime!, $g: TimeGranularities) { supplyPoint(externalIdentifier: $id, marketName: "AUS_ELECTRICITY") {
		readings(startAt: $from, endAt: $to, timezone: "Australia/Sydney", readingType: INTERVAL, timeGranularity: $g) { importReadings(first: 100) { edges { node { value intervalStart } } } } } }`
	summarise := func(vars map[string]any) any {
		return simtest.Get(mustQuery(t, c)(summary, vars), "account", "properties", 0, "meterPoints", 0, "consumptionSummary")
	}
	for _, tc := range []struct {
		name, from, to, granularity, readAs string
		starts                              []string
	}{
		{"three days from midday", "2026-11-01T12:00:00+11:00", "2026-11-04T12:00:00+11:00", "DAILY", "DAY",
			[]string{"2026-11-02T00:00:00+11:00", "2026-11-03T00:00:00+11:00"}},
		{"two months", "2026-09-01T00:00:00+10:00", "2026-11-01T00:00:00+11:00", "MONTHLY", "MONTH",
			[]string{"2026-09-01T00:00:00+10:00", "2026-10-01T00:00:00+10:00"}},
		{"up to today", "2026-11-30T00:00:00+11:00", "2026-12-05T00:00:00+11:00", "DAILY", "DAY",
			[]string{"2026-11-30T00:00:00+11:00", "2026-12-01T00:00:00+11:00"}}, // today, 2 December, not read yet
	} {
		got := summarise(map[string]any{"n": "A-C90DC431", "from": tc.from, "to": tc.to, "g": tc.granularity})
		if n := len(got.([]any)); n != 1 || fmt.Sprint(simtest.Get(got, 0, "registers")) != "[map[identifier:1]]" {
			t.Errorf("%s: %v, want one summary of the register 1", tc.name, got)
			continue
		}
		read := simtest.Get(mustQuery(t, c)(readings, map[string]any{"id": "4102004420", "from": tc.starts[0], "to": tc.to, "g": tc.readAs}), "supplyPoint", "readings", "importReadings", "edges").([]any)
		buckets := simtest.Get(got, 0, "summarizedConsumption").([]any)
		if len(buckets) != len(tc.starts) {
			t.Errorf("%s: %d entries, want %d: %v", tc.name, len(buckets), len(tc.starts), buckets)
			continue
		}
		for i, b := range buckets {
			use, _ := simtest.Get(b, "consumption").(float64)
			cost, _ := simtest.Get(b, "cost").(float64)
			withGst, _ := simtest.Get(b, "costWithGst").(float64)
			value, _ := strconv.ParseFloat(fmt.Sprint(simtest.Get(read, i, "node", "value")), 64)
			if simtest.Get(b, "startAt") != tc.starts[i] || simtest.Get(read, i, "node", "intervalStart") != tc.starts[i] || use <= 0 || math.Abs(use-value) > 0.001 ||
				cost <= 0 || math.Abs(withGst-cost*1.1) > 0.02 {
				t.Errorf("%s: entry %d %v, read %v", tc.name, i, b, simtest.Get(read, i, "node"))
			}
		}
	}
	other, _ := signInAs(t, srv, c, `{APIKey: "sk_live_krakensimother3235449"}`)
	c = other
	for _, basic := range []bool{false, true} {
		got := summarise(map[string]any{"n": "A-0F4A2B19", "from": "2026-11-01T00:00:00+11:00", "to": "2026-11-08T00:00:00+11:00", "g": "DAILY", "basic": basic})
		want := 0
		if basic {
			want = 1
		}
		if len(got.([]any)) != want || basic && len(simtest.Get(got, 0, "summarizedConsumption").([]any)) != 7 {
			t.Errorf("the basic meter, includeBasicMeters %v: %v", basic, got)
		}
	}
}
