package simtest_test

import (
	"testing"

	"github.com/krakensim/krakensim/sim/simtest"
)

// BenchmarkMeasurements pages the demo home's half hours on the Octopus SDL as a usage
// exporter does: without a window, a year's and a day's, one page of each; and seventy
// years by five minutes, its first page and its last.
func BenchmarkMeasurements(b *testing.B) {
	_, c := tenant(b, "octopus-schema.graphql")
	const q = `query($startOn: Date, $endOn: Date, $first: Int, $last: Int, $freq: ReadingFrequencyType) { account(accountNumber: "A-C90DC431") { properties {
		measurements(first: $first, last: $last, startOn: $startOn, endOn: $endOn, utilityFilters: [{electricityFilters: {readingDirection: CONSUMPTION, readingFrequencyType: $freq}}]) {
			totalCount pageInfo { hasNextPage endCursor } edges { node { value ... on IntervalMeasurementType { startAt endAt } } } } } } }`
	for _, bc := range []struct {
		name string
		vars map[string]any
	}{
		{"no window first 10", map[string]any{"first": 10}},
		{"a year first 100", map[string]any{"startOn": "2025-12-01", "endOn": "2026-11-30", "first": 100}},
		{"a day first 100", map[string]any{"startOn": "2026-11-30", "endOn": "2026-11-30", "first": 100}},
		{"a month first 1000", map[string]any{"startOn": "2026-11-01", "endOn": "2026-11-30", "first": 1000}},
		{"seventy years by five minutes first 1000", map[string]any{"startOn": "2019-01-01", "endOn": "2088-12-31", "first": 1000, "freq": "FIVE_MIN_INTERVAL"}},
		{"seventy years by five minutes last 1000", map[string]any{"startOn": "2019-01-01", "endOn": "2088-12-31", "last": 1000, "freq": "FIVE_MIN_INTERVAL"}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				out := c.Query(q, bc.vars)
				if len(out.Errors) > 0 || simtest.Get(out.Data, "account", "properties", 0, "measurements", "totalCount") == nil {
					b.Fatalf("%+v", out.Errors)
				}
			}
		})
	}
}

// BenchmarkCostedMeasurements reads a page of a hundred days of the demo home's
// measurements with their statistics, each day's cost summed over its half hours.
func BenchmarkCostedMeasurements(b *testing.B) {
	_, c := tenant(b, "octopus-schema.graphql")
	const q = `{ account(accountNumber: "A-C90DC431") { properties { measurements(first: 100, startOn: "2026-08-01", endOn: "2026-11-30",
		utilityFilters: [{electricityFilters: {readingFrequencyType: DAY_INTERVAL}}]) { edges { node { value
		metaData { statistics { costExclTax { estimatedAmount } costInclTax { estimatedAmount } } } } } } } } }`
	b.ReportAllocs()
	for b.Loop() {
		out := c.Query(q, nil)
		if len(out.Errors) > 0 || len(simtest.Get(out.Data, "account", "properties", 0, "measurements", "edges").([]any)) != 100 {
			b.Fatalf("%+v", out.Errors)
		}
	}
}
