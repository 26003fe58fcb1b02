package world

import (
	"math"
	"strconv"
	"testing"
	"time"
)

// TestPointInTimeReadsTheRegister asks a metered window at each frequency (now 12:00 UTC
// on 2 December 2026, a supplier's readings collected to the last midnight): a grouping
// answers intervals, POINT_IN_TIME the register (MeasurementType) at the start of each
// half hour the window holds up to where the readings stop, which is the meter's
// Register.At there and rises by each half hour's THIRTY_MIN_INTERVAL energy.
func TestPointInTimeReadsTheRegister(t *testing.T) {
	meter := Meter{Register: "M1", ReadFrom: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)}
	w := newSDLWorld(t, zoneSDL, Options{Meter: func(_ *Env, id string) (Meter, bool) { return meter, id == "dev-1" }})
	london, err := time.LoadLocation("Europe/London") // zoneSDL's tenant's
	if err != nil {
		t.Fatal(err)
	}
	reg := meter.In(london)
	type item struct {
		typ, at string
		value   float64
	}
	ask := func(t *testing.T, freq, window string) []item {
		t.Helper()
		data := w.ask(`{ measurements(first: 100, `+window+`, utilityFilters: [{electricityFilters: {readingFrequencyType: `+freq+`, deviceId: "dev-1"}}]) {
			edges { node { __typename value readAt ... on IntervalMeasurementType { startAt } } } } }`, nil)
		var out []item
		for _, e := range data["measurements"].(map[string]any)["edges"].([]any) {
			n := e.(map[string]any)["node"].(map[string]any)
			it := item{typ: n["__typename"].(string), at: n["readAt"].(string)}
			if s, ok := n["startAt"].(string); ok {
				it.at = s
			}
			it.value, _ = strconv.ParseFloat(n["value"].(string), 64)
			out = append(out, it)
		}
		return out
	}
	day := `startAt: "2026-11-30T00:00:00Z", endAt: "2026-12-01T00:00:00Z"`
	tests := []struct {
		name, freq, window string
		typ                string
		n                  int
		first, last        string
	}{
		{"half hours", "THIRTY_MIN_INTERVAL", day, "IntervalMeasurementType", 48, "2026-11-30T00:00:00+00:00", "2026-11-30T23:30:00+00:00"},
		{"hours", "HOUR_INTERVAL", day, "IntervalMeasurementType", 24, "2026-11-30T00:00:00+00:00", "2026-11-30T23:00:00+00:00"},
		{"raw, half-hourly", "RAW_INTERVAL", day, "IntervalMeasurementType", 48, "2026-11-30T00:00:00+00:00", "2026-11-30T23:30:00+00:00"},
		{"points in a day", "POINT_IN_TIME", day, "MeasurementType", 48, "2026-11-30T00:00:00+00:00", "2026-11-30T23:30:00+00:00"},
		{"points to where the readings stop", "POINT_IN_TIME", `startAt: "2026-12-01T20:00:00Z", endAt: "2026-12-02T12:00:00Z"`,
			"MeasurementType", 8, "2026-12-01T20:00:00+00:00", "2026-12-01T23:30:00+00:00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ask(t, tt.freq, tt.window)
			if len(got) != tt.n || got[0].at != tt.first || got[len(got)-1].at != tt.last {
				t.Fatalf("%d items from %+v to %+v; want %d from %s to %s", len(got), got[0], got[len(got)-1], tt.n, tt.first, tt.last)
			}
			for _, it := range got {
				if it.typ != tt.typ {
					t.Fatalf("%+v: want a %s", it, tt.typ)
				}
			}
			if tt.freq != "POINT_IN_TIME" {
				return
			}
			for i, it := range got {
				at, _ := time.Parse(time.RFC3339, it.at)
				if want := reg.At(at); math.Abs(it.value-want) > 0.0006 {
					t.Errorf("the register at %s: %.4f, Register.At %.4f", it.at, it.value, want)
				}
				if i == 0 {
					continue
				}
				prev, _ := time.Parse(time.RFC3339, got[i-1].at)
				half := ask(t, "THIRTY_MIN_INTERVAL", `startAt: "`+got[i-1].at+`", endAt: "`+it.at+`"`)
				if len(half) != 1 || at.Sub(prev) != slot || math.Abs(it.value-got[i-1].value-half[0].value) > 0.0011 {
					t.Errorf("from %+v to %+v; the half hour between %+v", got[i-1], it, half)
				}
			}
		})
	}
}
