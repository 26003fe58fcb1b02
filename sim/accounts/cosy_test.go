package accounts

import (
	"math"
	"testing"
	"time"
)

// TestCosyRates lays out a day of Cosy Octopus in winter and in summer time: its seven
// periods keep the clocks, the Cosy windows at half the standard rate and 16:00–19:00 at
// two fifths more, and rateAt answers each half hour as its period does.
func TestCosyRates(t *testing.T) {
	london, _ := time.LoadLocation("Europe/London")
	const code = "E-1R-COSY-22-12-08-A"
	p := pricesOf(code, true, london)
	for _, tt := range []struct {
		name, day string
		offset    time.Duration // the clocks ahead of UTC
	}{{"winter", "2026-12-01", 0}, {"summer time", "2026-07-01", time.Hour}} {
		t.Run(tt.name, func(t *testing.T) {
			start, _ := time.ParseInLocation(time.DateOnly, tt.day, london)
			periods := ratePeriods(code, p, start, start.AddDate(0, 0, 1), london)
			want := []struct {
				from   time.Duration
				factor float64
			}{{0, 1}, {4 * time.Hour, 0.5}, {7 * time.Hour, 1}, {13 * time.Hour, 0.5}, {16 * time.Hour, 1.4}, {19 * time.Hour, 1}, {22 * time.Hour, 0.5}}
			if len(periods) != len(want) {
				t.Fatalf("%d periods: %+v", len(periods), periods)
			}
			for i, w := range want {
				r := periods[i]
				if !r.from.Equal(start.Add(w.from)) || math.Abs(r.pre-p.unit*w.factor) > 0.006 || r.value != p.taxed(r.pre) {
					t.Errorf("period %d from %v at %v p (%v with VAT), want from %v at %v × %v", i, r.from, r.pre, r.value, start.Add(w.from), w.factor, p.unit)
				}
				for at := r.from; at.Before(r.to); at = at.Add(30 * time.Minute) {
					if got := rateAt(code, p, at, london); got != r.pre {
						t.Errorf("%v: rateAt %v, its period %v", at, got, r.pre)
					}
				}
			}
			if got := periods[0].from.UTC().Hour(); got != (24-int(tt.offset.Hours()))%24 {
				t.Errorf("the day begins at %02d:00 UTC", got)
			}
		})
	}
}
