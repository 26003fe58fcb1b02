package world

import (
	"testing"
	"time"
)

// greenSDL is Kraken's greenness forecast (Octopus's greener nights).
const greenSDL = `type Query { greennessForecast: [GreennessForecastPeriod] }
type GreennessForecastPeriod {
  validFrom: DateTime validTo: DateTime
  "The greenness score 0-100 (higher is greener)."
  greennessScore: Int
  greennessIndex: GreennessForecastIndex
  highlightFlag: Boolean
}
enum GreennessForecastIndex { LOW MEDIUM HIGH }
scalar DateTime`

// TestGreennessForecastIsTheWeeksNights: the forecast is the week's nights, 23:00 to
// 06:00 local time, one after another from the night not yet over; each index is the
// band its score falls in, and the best scores are the ones highlighted.
func TestGreennessForecastIsTheWeeksNights(t *testing.T) {
	london, _ := time.LoadLocation("Europe/London")
	cases := []struct {
		name  string
		now   time.Time
		first string
	}{
		{"at noon", time.Date(2026, 12, 2, 12, 0, 0, 0, london), "2026-12-02T23:00:00+00:00"},
		{"at two in the morning", time.Date(2026, 12, 2, 2, 0, 0, 0, london), "2026-12-01T23:00:00+00:00"},
		{"at six in the morning", time.Date(2026, 12, 2, 6, 0, 0, 0, london), "2026-12-02T23:00:00+00:00"},
		{"across the clocks going forward", time.Date(2026, 3, 27, 12, 0, 0, 0, london), "2026-03-27T23:00:00+00:00"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w := newSDLWorld(t, greenSDL, Options{})
			w.env = &Env{Now: c.now, Store: NewStore(0)}
			periods := w.ask(`{ greennessForecast { validFrom validTo greennessScore greennessIndex highlightFlag } }`, nil)["greennessForecast"].([]any)
			if len(periods) != 7 {
				t.Fatalf("%d periods, want the week's 7 nights", len(periods))
			}
			if got := periods[0].(map[string]any)["validFrom"]; got != c.first {
				t.Errorf("the forecast starts at %v, want %s", got, c.first)
			}
			top, highlighted := 0.0, 0
			for _, p := range periods {
				top = max(top, p.(map[string]any)["greennessScore"].(float64))
			}
			var prevFrom time.Time
			for i, p := range periods {
				p := p.(map[string]any)
				from, _ := time.Parse(time.RFC3339, p["validFrom"].(string))
				to, _ := time.Parse(time.RFC3339, p["validTo"].(string))
				if from.In(london).Hour() != 23 || to.In(london).Hour() != 6 || to.Sub(from) < 6*time.Hour || to.Sub(from) > 8*time.Hour {
					t.Errorf("period %d is %v–%v, want a night from 23:00 to 06:00", i, p["validFrom"], p["validTo"])
				}
				if i > 0 && from.Sub(prevFrom) != 24*time.Hour && from.Sub(prevFrom) != 23*time.Hour && from.Sub(prevFrom) != 25*time.Hour {
					t.Errorf("period %d starts %v after the one before", i, from.Sub(prevFrom))
				}
				prevFrom = from
				score := p["greennessScore"].(float64)
				want := "MEDIUM"
				switch {
				case score < 100.0/3:
					want = "LOW"
				case score >= 200.0/3:
					want = "HIGH"
				}
				if p["greennessIndex"] != want {
					t.Errorf("period %d scores %v with index %v, want %s", i, score, p["greennessIndex"], want)
				}
				if p["highlightFlag"] != (score == top) {
					t.Errorf("period %d scores %v (best %v) and is highlighted: %v", i, score, top, p["highlightFlag"])
				}
				if p["highlightFlag"] == true {
					highlighted++
				}
			}
			if highlighted == 0 {
				t.Error("no period is highlighted")
			}
		})
	}
}

// TestLevel: a score out of 100 falls in one of equal bands.
func TestLevel(t *testing.T) {
	three := []string{"LOW", "MEDIUM", "HIGH"}
	for _, c := range []struct {
		score float64
		want  string
	}{{0, "LOW"}, {23, "LOW"}, {33, "LOW"}, {34, "MEDIUM"}, {39, "MEDIUM"}, {66, "MEDIUM"}, {67, "HIGH"}, {68, "HIGH"}, {100, "HIGH"}, {120, "HIGH"}, {-5, "LOW"}} {
		if got := level(three, c.score); got != c.want {
			t.Errorf("level(%v) = %s, want %s", c.score, got, c.want)
		}
	}
}
