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

// TestPartialBucketIsWhatWasRead reads a bucket that runs past where its readings stop
// (a supplier's at the last midnight in London, telemetry's at now) and the finer
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
		{"telemetry's half hour under way, read to now", partialTelemetrySDL, Options{}, testNow.Add(10 * time.Minute),
			`{ list: telemetry(deviceId: "d", start: "2026-12-02T12:00:00Z", end: "2026-12-02T12:30:00Z", grouping: HALF_HOURLY) { consumptionDelta } }`,
			`{ list: telemetry(deviceId: "d", start: "2026-12-02T12:00:00Z", end: "2026-12-02T12:10:00Z", grouping: ONE_MINUTE) { consumptionDelta } }`, "consumptionDelta", 10},
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
