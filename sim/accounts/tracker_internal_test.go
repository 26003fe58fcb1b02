package accounts

import (
	"testing"
	"time"
)

// TestTrackerCodesOfAnyShape: a Tracker code of any shape (no region, no date, no
// dash) is priced without a panic, and a dated one's day follows its version's
// formula within its caps.
func TestTrackerCodesOfAnyShape(t *testing.T) {
	london, _ := time.LoadLocation("Europe/London")
	now := time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		code  string
		moves bool
	}{
		{"SILVER", false}, {"E-1R-SILVER", false}, {"TRACKER-X", false},
		{"E-1R-SILVER-24-10-01-A", true}, {"G-1R-SILVER-FLEX-22-11-25-P", true}, {"SILVER-24-10-01", true},
	} {
		for _, electricity := range []bool{true, false} {
			base := pricesOf(tc.code, electricity, london)
			days := map[float64]bool{}
			for d := range 20 {
				p := pricesAt(tc.code, electricity, london, now, now.AddDate(0, 0, -d))
				limit := trackerElectricityCap
				if !electricity {
					limit = trackerGasCap
				}
				if p.unit <= 0 || p.unit > limit/vat || p.standing != base.standing {
					t.Errorf("%s (electricity %v) on day -%d: %+v", tc.code, electricity, d, p)
				}
				days[p.unit] = true
			}
			if moves := len(days) > 1; moves != tc.moves {
				t.Errorf("%s (electricity %v): %d prices in 20 days; want moving %v", tc.code, electricity, len(days), tc.moves)
			}
		}
	}
}
