package world

import (
	"math"
	"strconv"
	"testing"
	"time"
)

// partialTelemetrySDL is Kraken's telemetry of a device, grouped by the minute or the
// half hour.
const partialTelemetrySDL = `type Query {
  telemetry(deviceId: String!, start: DateTime, end: DateTime, grouping: TelemetryGrouping): [TelemetryType]
}
enum TelemetryGrouping { ONE_MINUTE HALF_HOURLY }
type TelemetryType { readAt: DateTime! consumptionDelta: Decimal }
scalar DateTime
scalar Decimal`

// TestPartialBucketIsWhatWasRead reads a bucket that runs past where a supplier's
// readings stop (at the last midnight in London) and the finer
// readings of the part of it that was read: the bucket's value is their sum, not its
// whole calendar span's.
func TestPartialBucketIsWhatWasRead(t *testing.T) {
	meter := Meter{Register: "M1", ReadFrom: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)}
	metered := Options{Meter: func(_ *Env, id string) (Meter, bool) { return meter, id == "dev-1" }}
	measured := func(freq, window string) string {
		return `{ list: measurements(first: 100, ` + window + `, utilityFilters: [{electricityFilters: {readingFrequencyType: ` + freq + `, deviceId: "dev-1"}}]) { edges { node { value } } } }`
	}
	tests := []struct {
		name         string
		sdl          string
		opts         Options
		now          time.Time
		bucket, read string // the query of the one bucket, and of its half hours or minutes read
		field        string
		parts        int
	}{
		{"December's month, read to 1 December's end", zoneSDL, metered, testNow,
			measured("MONTH_INTERVAL", `startAt: "2026-12-01T00:00:00Z", endAt: "2027-01-01T00:00:00Z"`),
			measured("THIRTY_MIN_INTERVAL", `startAt: "2026-12-01T00:00:00Z", endAt: "2026-12-02T00:00:00Z"`), "value", 48},
		{"2 December in Sydney, read to 11:00 there", zoneSDL, metered, testNow,
			measured("DAY_INTERVAL", `timezone: "Australia/Sydney", startAt: "2026-12-02T00:00:00+11:00", endAt: "2026-12-03T00:00:00+11:00"`),
			measured("THIRTY_MIN_INTERVAL", `startAt: "2026-12-01T13:00:00Z", endAt: "2026-12-02T00:00:00Z"`), "value", 22},
	}
	values := func(t *testing.T, w *sdlWorld, query, field string) []float64 {
		t.Helper()
		list := w.ask(query, nil)["list"]
		if m, ok := list.(map[string]any); ok {
			list = m["edges"]
		}
		var out []float64
		for _, it := range list.([]any) {
			n := it.(map[string]any)
			if nd, ok := n["node"].(map[string]any); ok {
				n = nd
			}
			v, err := strconv.ParseFloat(n[field].(string), 64)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, v)
		}
		return out
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := newSDLWorld(t, tt.sdl, tt.opts)
			w.env = &Env{Now: tt.now, Store: NewStore(0)}
			bucket, parts := values(t, w, tt.bucket, tt.field), values(t, w, tt.read, tt.field)
			var sum float64
			for _, v := range parts {
				sum += v
			}
			if len(bucket) != 1 || len(parts) != tt.parts || math.Abs(bucket[0]-sum) > 0.0005*float64(tt.parts+1) {
				t.Errorf("buckets %v; its %d parts read %v", bucket, len(parts), sum)
			}
		})
	}
}

// TestTelemetryListsCompleteSteps reads telemetry at 12:03:07, in windows that end at
// now and after it, and open at their end: each lists the steps that ended by now, not
// the one under way, as the live feed's latest reading is the last complete ten seconds.
func TestTelemetryListsCompleteSteps(t *testing.T) {
	const sdl = `type Query {
  telemetry(deviceId: String!, start: DateTime, end: DateTime, grouping: TelemetryGrouping): [TelemetryType]
}
enum TelemetryGrouping { TEN_SECONDS ONE_MINUTE HALF_HOURLY }
type TelemetryType { readAt: DateTime! consumptionDelta: Decimal }
scalar DateTime
scalar Decimal`
	w := newSDLWorld(t, sdl, Options{})
	w.env = &Env{Now: time.Date(2026, 12, 6, 12, 3, 7, 0, time.UTC), Store: NewStore(0)}
	tests := []struct{ grouping, start, end, last string }{
		{"TEN_SECONDS", "2026-12-06T12:02:07Z", "2026-12-06T12:03:07Z", "2026-12-06T12:02:50"},
		{"TEN_SECONDS", "2026-12-06T12:02:07Z", "2026-12-06T12:10:00Z", "2026-12-06T12:02:50"},
		{"TEN_SECONDS", "2026-12-06T12:02:07Z", "", "2026-12-06T12:02:50"},
		{"ONE_MINUTE", "2026-12-06T11:58:07Z", "2026-12-06T12:03:07Z", "2026-12-06T12:02:00"},
		{"HALF_HOURLY", "2026-12-06T10:00:00Z", "2026-12-06T12:03:07Z", "2026-12-06T11:30:00"},
		{"HALF_HOURLY", "2026-12-06T10:00:00Z", "2026-12-06T11:45:00Z", "2026-12-06T11:30:00"},
	}
	for _, tt := range tests {
		window := `start: "` + tt.start + `"`
		if tt.end != "" {
			window += `, end: "` + tt.end + `"`
		}
		list, _ := w.ask(`{ list: telemetry(deviceId: "d", `+window+`, grouping: `+tt.grouping+`) { readAt } }`, nil)["list"].([]any)
		if len(list) == 0 {
			t.Errorf("%s %s: no readings", tt.grouping, window)
			continue
		}
		if last, _ := list[len(list)-1].(map[string]any)["readAt"].(string); len(last) < 19 || last[:19] != tt.last {
			t.Errorf("%s %s: the last reading is at %q, want %s", tt.grouping, window, last, tt.last)
		}
	}
	live, _ := w.ask(`{ list: telemetry(deviceId: "d") { readAt } }`, nil)["list"].([]any)
	if len(live) != 1 || live[0].(map[string]any)["readAt"].(string)[:19] != "2026-12-06T12:02:50" {
		t.Errorf("the live reading: %v", live)
	}
}

// TestHalfHourFrom: a window's bound is the first half hour starting at or after it, on
// the half hours of its own zone, so that a supplier's half-hour records are listed
// whole by their start.
func TestHalfHourFrom(t *testing.T) {
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatal(err)
	}
	kathmandu := time.FixedZone("+0545", 5*3600+45*60)
	tests := []struct {
		in, want time.Time
	}{
		{time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC), time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC)},
		{time.Date(2026, 12, 5, 12, 0, 0, 1, time.UTC), time.Date(2026, 12, 5, 12, 30, 0, 0, time.UTC)},
		{time.Date(2026, 12, 5, 12, 10, 0, 0, time.UTC), time.Date(2026, 12, 5, 12, 30, 0, 0, time.UTC)},
		{time.Date(2026, 12, 5, 23, 50, 0, 0, time.UTC), time.Date(2026, 12, 6, 0, 0, 0, 0, time.UTC)},
		{time.Date(2026, 10, 25, 0, 40, 0, 0, time.UTC).In(london), time.Date(2026, 10, 25, 1, 0, 0, 0, time.UTC)}, // 01:40 BST, before the clocks go back
		{time.Date(2026, 3, 29, 0, 45, 0, 0, london), time.Date(2026, 3, 29, 1, 0, 0, 0, time.UTC)},
		{time.Date(2026, 12, 5, 12, 20, 0, 0, kathmandu), time.Date(2026, 12, 5, 12, 30, 0, 0, kathmandu)},
	}
	for _, tc := range tests {
		if got := HalfHourFrom(tc.in); !got.Equal(tc.want) {
			t.Errorf("HalfHourFrom(%v) = %v; want %v", tc.in, got, tc.want)
		}
	}
}
