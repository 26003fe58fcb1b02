package accounts

import (
	"fmt"
	"testing"
)

func TestApportion(t *testing.T) {
	tests := []struct {
		name    string
		total   int
		weights []float64
		want    string
	}{
		{"one part", 1234, []float64{5}, "[1234]"},
		{"two prices", 100, []float64{2, 1}, "[67 33]"},
		{"thirds add up", 100, []float64{1, 1, 1}, "[33 34 33]"},
		{"an export's negative charge", -100, []float64{1, 3}, "[-25 -75]"},
		{"no weight", 7, []float64{0, 0}, "[0 7]"},
		{"none", 7, nil, "[]"},
	}
	for _, tt := range tests {
		if got := fmt.Sprint(apportion(tt.total, tt.weights)); got != tt.want {
			t.Errorf("%s: apportion(%d, %v) = %s, want %s", tt.name, tt.total, tt.weights, got, tt.want)
		}
	}
}

// TestLatestPeriods: the latest n of the months billed are billingPeriods' latest n,
// whatever the day of the month they start on and however long ago.
func TestLatestPeriods(t *testing.T) {
	for _, tc := range []struct{ start, today string }{
		{"2024-01-15", "2026-12-02"}, {"2024-01-31", "2027-03-01"}, {"2020-02-29", "2041-07-30"},
		{"2024-05-01", "2025-04-30"}, {"2024-05-01", "2024-05-20"}, {"2026-01-31", "9999-12-31"},
	} {
		all := billingPeriods(tc.start, tc.today)
		for _, n := range []int{1, 12, 13} {
			want := all[max(0, len(all)-n):]
			if got := latestPeriods(tc.start, tc.today, n); fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("latestPeriods(%s, %s, %d) = %v; want %v", tc.start, tc.today, n, got, want)
			}
		}
	}
}
