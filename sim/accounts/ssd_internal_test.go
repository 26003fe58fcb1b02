package accounts

import (
	"slices"
	"testing"
	"time"

	"github.com/krakensim/krakensim/sim/workdays"
)

// TestSsdRule: a supply starts from tomorrow (or the move in) to four weeks on, on a
// working day or the move in's own day; the days it lists are the ones it accepts.
func TestSsdRule(t *testing.T) {
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatal(err) // time/tzdata is linked through sim/fake
	}
	days := workdays.For(london)
	for _, tc := range []struct {
		name, today, moveIn string
		first, last         string
		day, refusal        string
	}{
		{"a switch", "2026-12-07", "", "2026-12-08", "2027-01-04", "2026-12-08", ""},
		{"today", "2026-12-07", "", "2026-12-08", "2027-01-04", "2026-12-07", "Choose a day from 2026-12-08 to 2027-01-04."},
		{"five weeks on", "2026-12-07", "", "2026-12-08", "2027-01-04", "2027-01-11", "Choose a day from 2026-12-08 to 2027-01-04."},
		{"not a date", "2026-12-07", "", "2026-12-08", "2027-01-04", "", "Choose a day from 2026-12-08 to 2027-01-04."},
		{"a Saturday", "2026-12-07", "", "2026-12-08", "2027-01-04", "2026-12-19", "2026-12-19 is not a working day."},
		{"Christmas", "2026-12-07", "", "2026-12-08", "2027-01-04", "2026-12-25", "2026-12-25 is a bank holiday (Christmas Day)."},
		{"before the move in", "2026-12-07", "2026-12-18", "2026-12-18", "2027-01-04", "2026-12-09", "Choose a day from 2026-12-18 to 2027-01-04."},
		{"a Saturday move in", "2026-12-07", "2026-12-19", "2026-12-19", "2027-01-04", "2026-12-19", ""},
		{"the Monday after it", "2026-12-07", "2026-12-19", "2026-12-19", "2027-01-04", "2026-12-21", ""},
		{"a move in past four weeks", "2026-12-07", "2027-02-01", "2027-02-01", "2027-02-01", "2027-02-02", "Choose a day from 2027-02-01 to 2027-02-01."},
		{"a move in gone", "2026-12-07", "2026-11-30", "2026-12-08", "2027-01-04", "2026-11-30", "Choose a day from 2026-12-08 to 2027-01-04."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := newSsdRule(tc.today, tc.moveIn, days)
			listed := r.dates()
			if len(listed) == 0 || listed[0] != tc.first || listed[len(listed)-1] != tc.last {
				t.Fatalf("dates %v, want %s to %s", listed, tc.first, tc.last)
			}
			if got := r.refusal(tc.day); got != tc.refusal {
				t.Errorf("refusal(%q) = %q, want %q", tc.day, got, tc.refusal)
			}
			for d := addDays(tc.today, -1); d <= addDays(r.to, 1); d = addDays(d, 1) {
				if ok := r.refusal(d) == ""; ok != slices.Contains(listed, d) {
					t.Errorf("%s: accepted %v, listed %v", d, ok, !ok)
				}
			}
		})
	}
}
