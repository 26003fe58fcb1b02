package accounts

import (
	"math"
	"strconv"
	"testing"
	"time"
)

// TestPriceSpans: a variable tariff's prices step on the price cap's quarter days in
// Great Britain (twice a year before October 2022) and each 1 July in Australia, at the
// listed levels whatever the product's launch and within 6% of the reference beyond
// them, the last step open, and none announced more than stepsAhead before it applies;
// a fixed tariff, Agile and an export keep one span.
func TestPriceSpans(t *testing.T) {
	london, _ := time.LoadLocation("Europe/London")
	sydney, _ := time.LoadLocation("Australia/Sydney")
	day := func(zone *time.Location, s string) time.Time {
		d, _ := time.ParseInLocation(time.DateOnly, s, zone)
		return d
	}
	for _, tc := range []struct {
		name, code string
		zone       *time.Location
		now        string
		from, to   string // "" to: open
		want       []string
	}{
		{"Flexible over 2026", "E-1R-VAR-22-11-01-A", london, "2026-12-02", "2026-02-10", "2026-12-01",
			[]string{"2026-02-10 1.09", "2026-04-01 0.97", "2026-07-01 0.98", "2026-10-01 1"}},
		{"open, January announced", "E-1R-VAR-22-11-01-A", london, "2026-12-02", "2026-11-01", "",
			[]string{"2026-11-01 1", "2027-01-01 0.94 open"}},
		{"open, January not yet announced", "E-1R-VAR-22-11-01-A", london, "2026-11-15", "2026-11-01", "",
			[]string{"2026-11-01 1 open"}},
		{"through the 2022 crisis, whatever the product's launch", "G-1R-VAR-19-04-12-A", london, "2026-12-02", "2022-02-01", "2023-11-01",
			[]string{"2022-02-01 0.7", "2022-04-01 1.25", "2022-10-01 1.75", "2023-07-01 1.27", "2023-10-01 1.17"}},
		{"before the cap began, its first level", "E-1R-BUS-VAR-18-10-01-G", london, "2026-12-02", "2018-12-01", "2019-05-01",
			[]string{"2018-12-01 0.64", "2019-04-01 0.7"}},
		{"Australia before 2023", "E-1R-VAR-19-04-12-A", sydney, "2026-12-02", "2022-01-01", "2023-08-01",
			[]string{"2022-01-01 0.72", "2022-07-01 0.8", "2023-07-01 0.98"}},
		{"Australia's year from 1 July", "E-1R-VAR-22-11-01-A", sydney, "2026-12-02", "2025-06-01", "2026-08-01",
			[]string{"2025-06-01 0.99", "2025-07-01 0.97", "2026-07-01 1"}},
		{"a step at the same price is none", "G-1R-VAR-22-11-01-A", sydney, "2027-08-01", "2026-06-01", "2027-08-01",
			[]string{"2026-06-01 0.99", "2026-07-01 1"}},
		{"a fixed tariff", "E-1R-OE-FIX-12M-24-09-01-A", london, "2026-12-02", "2025-01-01", "2026-01-01", []string{"2025-01-01 1"}},
		{"Agile", "E-1R-AGILE-24-10-01-A", london, "2026-12-02", "2025-01-01", "2026-01-01", []string{"2025-01-01 1"}},
		{"an export", "E-1R-OUTGOING-VAR-24-10-26-A", london, "2026-12-02", "2025-01-01", "2026-01-01", []string{"2025-01-01 1"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			end := time.Time{}
			if tc.to != "" {
				end = day(tc.zone, tc.to)
			}
			spans := priceSpans(tc.code, tc.code[0] == 'E', tc.zone, day(tc.zone, tc.now).Add(9*time.Hour), day(tc.zone, tc.from), end)
			base := pricesOf(tc.code, tc.code[0] == 'E', tc.zone)
			var got []string
			for i, sp := range spans {
				ratio := fmtRatio(sp.prices.unit / base.unit)
				if sp.to.IsZero() {
					ratio += " open"
				}
				got = append(got, sp.from.In(tc.zone).Format(time.DateOnly)+" "+ratio)
				if i > 0 && !spans[i-1].to.Equal(sp.from) {
					t.Errorf("span %d begins %v; the one before ends %v", i, sp.from, spans[i-1].to)
				}
			}
			if last := spans[len(spans)-1]; tc.to != "" && !last.to.Equal(end) {
				t.Errorf("the last span ends %v, want %v", last.to, end)
			}
			if len(got) != len(tc.want) {
				t.Fatalf("spans %v, want %v", got, tc.want)
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Errorf("spans %v, want %v", got, tc.want)
					break
				}
			}
		})
	}
	for q := 0; q < 40; q++ {
		at := time.Date(2027, time.Month(1+3*q), 15, 0, 0, 0, 0, london)
		for _, electricity := range []bool{true, false} {
			if level, from, to := marketStepAt(at, london, electricity); level < 0.94 || level > 1.06 || from.Day() != 1 || to.Sub(from) < 89*24*time.Hour {
				t.Errorf("%v: level %v from %v to %v", at, level, from, to)
			}
		}
	}
}

// fmtRatio is r to four places, without trailing zeros.
func fmtRatio(r float64) string {
	return strconv.FormatFloat(math.Round(r*10000)/10000, 'f', -1, 64)
}
