package simtest_test

import (
	"math"
	"testing"

	"github.com/krakensim/krakensim/sim/simtest"
)

// zonedUsage is QUERY_USAGE's window in a zone of the client's choosing.
const zonedUsage = `query ($startAt: DateTime, $endAt: DateTime, $freq: ReadingFrequencyType, $tz: String) {
  account(accountNumber: "A-C90DC431") { properties { measurements(first: 100, startAt: $startAt, endAt: $endAt, timezone: $tz,
    utilityFilters: [{electricityFilters: {readingDirection: CONSUMPTION, readingQuality: ACTUAL, readingFrequencyType: $freq}}]) {
      edges { node { value ... on IntervalMeasurementType { startAt endAt } metaData { statistics { type costInclTax { estimatedAmount } } } } } } } } }`

// zonedRows are the measurements of [startAt, endAt) at the grouping freq, grouped in tz.
func zonedRows(t *testing.T, c *simtest.Client, freq, tz, startAt, endAt string) []usageRow {
	t.Helper()
	m := simtest.Get(mustQuery(t, c)(zonedUsage, map[string]any{"freq": freq, "tz": tz, "startAt": startAt, "endAt": endAt}),
		"account", "properties", 0, "measurements")
	var rows []usageRow
	for _, e := range simtest.Get(m, "edges").([]any) {
		rows = append(rows, usageRowOf(simtest.Get(e, "node").(map[string]any)))
	}
	return rows
}

// TestPartialLastBucketIsWhatWasRead reads the demo home's usage on Octopus (the clock at
// 09:00 UTC on 2 December 2026, its half hours read to that midnight) in buckets coarser
// than a half hour whose last one runs past where the readings stop: December's month,
// and 2 December in Sydney (from 13:00 UTC on the 1st), and the UTC day its supply began
// in (at 23:00 UTC). Each keeps its calendar labels, but its energy and cost are those of
// the half hours read of it; a bucket wholly read is the sum of its parts.
func TestPartialLastBucketIsWhatWasRead(t *testing.T) {
	_, c := octopus(t)
	cases := []struct {
		name, freq, tz   string
		startAt, endAt   string
		first, last      string // the buckets' labels, in tz
		parts            string // the grouping of the parts each bucket sums
		partFrom, partTo []string
	}{
		{"months", "MONTH_INTERVAL", "Europe/London", "2026-11-01T00:00:00Z", "2027-01-01T00:00:00Z",
			"2026-11-01T00:00:00+00:00", "2026-12-01T00:00:00+00:00/2027-01-01T00:00:00+00:00", "DAY_INTERVAL",
			[]string{"2026-11-01T00:00:00Z", "2026-12-01T00:00:00Z"}, []string{"2026-12-01T00:00:00Z", "2027-01-01T00:00:00Z"}},
		{"a day in Sydney", "DAY_INTERVAL", "Australia/Sydney", "2026-12-01T00:00:00+11:00", "2026-12-03T00:00:00+11:00",
			"2026-12-01T00:00:00+11:00", "2026-12-02T00:00:00+11:00/2026-12-03T00:00:00+11:00", "THIRTY_MIN_INTERVAL",
			[]string{"2026-12-01T00:00:00+11:00", "2026-12-02T00:00:00+11:00"}, []string{"2026-12-02T00:00:00+11:00", "2026-12-03T00:00:00+11:00"}},
		{"the first day, in UTC", "DAY_INTERVAL", "UTC", "2019-09-30T00:00:00Z", "2019-10-02T00:00:00Z",
			"2019-09-30T00:00:00+00:00", "2019-10-01T00:00:00+00:00/2019-10-02T00:00:00+00:00", "THIRTY_MIN_INTERVAL",
			[]string{"2019-09-30T00:00:00Z", "2019-10-01T00:00:00Z"}, []string{"2019-10-01T00:00:00Z", "2019-10-02T00:00:00Z"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rows := zonedRows(t, c, tc.freq, tc.tz, tc.startAt, tc.endAt)
			if len(rows) != 2 || rows[0].start != tc.first || rows[1].start+"/"+rows[1].end != tc.last {
				t.Fatalf("buckets %v, want %s to %s", rows, tc.first, tc.last)
			}
			for i, b := range rows {
				parts := zonedRows(t, c, tc.parts, tc.tz, tc.partFrom[i], tc.partTo[i])
				var kwh, amount float64
				for _, p := range parts {
					kwh, amount = kwh+p.kwh, amount+p.amount
				}
				if len(parts) == 0 || math.Abs(b.kwh-kwh) > 0.05 || math.Abs(b.amount-amount) > 0.5 {
					t.Errorf("%s: %v kWh costing %v; its %d parts read %v costing %v", b.start, b.kwh, b.amount, len(parts), kwh, amount)
				}
			}
		})
	}
}

// TestConsumptionIsToldInTheTimezoneAsked reads the demo meter's consumption as
// octopy-energy's consumptionAndRate does (the last quarter in UTC) and by other
// groupings and zones: each interval starts at midnight in the timezone asked and its
// startAt and endAt are told in it, whatever the tenant's offset then.
func TestConsumptionIsToldInTheTimezoneAsked(t *testing.T) {
	_, c := octopus(t)
	const read = `query($g: ConsumptionGroupings!, $tz: String!, $s: DateTime!, $first: Int, $last: Int) { account(accountNumber: "A-C90DC431") { properties { electricityMeterPoints {
		meters { consumption(first: $first, last: $last, grouping: $g, timezone: $tz, startAt: $s) { edges { node { value startAt endAt } } } } } } } }`
	for _, tc := range []struct {
		name, grouping, tz, startAt string
		first                       bool // the window's first interval, else its last
		start, end                  string
	}{
		{"octopy-energy's quarter", "QUARTER", "UTC", "2026-10-01T00:00:00Z", false, "2026-10-01T00:00:00+00:00", "2027-01-01T00:00:00+00:00"},
		{"a summer day in UTC", "DAY", "UTC", "2026-07-01T00:00:00Z", true, "2026-07-01T00:00:00+00:00", "2026-07-02T00:00:00+00:00"},
		{"a month in Sydney", "MONTH", "Australia/Sydney", "2026-10-01T00:00:00+10:00", false, "2026-12-01T00:00:00+11:00", "2027-01-01T00:00:00+11:00"},
		{"a week in Berlin", "WEEK", "Europe/Berlin", "2026-11-02T00:00:00+01:00", false, "2026-11-30T00:00:00+01:00", "2026-12-07T00:00:00+01:00"},
		{"the tenant's own", "QUARTER", "Europe/London", "2026-10-01T00:00:00+01:00", false, "2026-10-01T00:00:00+01:00", "2027-01-01T00:00:00+00:00"},
	} {
		vars := map[string]any{"g": tc.grouping, "tz": tc.tz, "s": tc.startAt, "last": 1}
		if tc.first {
			vars = map[string]any{"g": tc.grouping, "tz": tc.tz, "s": tc.startAt, "first": 1}
		}
		edges := simtest.Get(mustQuery(t, c)(read, vars),
			"account", "properties", 0, "electricityMeterPoints", 0, "meters", 0, "consumption", "edges").([]any)
		n := simtest.Get(edges, 0, "node")
		if len(edges) != 1 || simtest.Get(n, "startAt") != tc.start || simtest.Get(n, "endAt") != tc.end {
			t.Errorf("%s: %v, want %s to %s", tc.name, edges, tc.start, tc.end)
		}
	}
}
