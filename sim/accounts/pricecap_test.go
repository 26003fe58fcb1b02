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

// TestVersionsPricedTogether: every version of a variable product costs the same in a
// region at any time (Flexible Octopus's VAR-19-04-12, VAR-21-09-29 and VAR-22-11-01,
// on either register and gas), the version on sale at its own prices; a fixed tariff
// keeps prices of its own.
func TestVersionsPricedTogether(t *testing.T) {
	london, _ := time.LoadLocation("Europe/London")
	now := time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name  string
		codes []string
		at    string
		same  bool
	}{
		{"Flexible in January 2023", []string{"E-1R-VAR-19-04-12-A", "E-1R-VAR-21-09-29-A", "E-1R-VAR-22-11-01-A"}, "2023-01-15", true},
		{"Flexible today", []string{"E-1R-VAR-19-04-12-C", "E-1R-VAR-22-11-01-C"}, "2026-12-01", true},
		{"Economy 7", []string{"E-2R-VAR-19-04-12-L", "E-2R-VAR-22-11-01-L"}, "2021-03-01", true},
		{"gas", []string{"G-1R-VAR-19-04-12-N", "G-1R-VAR-21-09-29-N", "G-1R-VAR-22-11-01-N"}, "2024-06-01", true},
		{"Intelligent Go", []string{"E-1R-INTELLI-VAR-22-10-14-A", "E-1R-INTELLI-VAR-24-10-29-A"}, "2025-02-01", true},
		{"business", []string{"E-1R-BUS-VAR-18-10-01-G", "E-1R-BUS-VAR-23-04-01-G"}, "2024-02-01", true},
		{"two regions", []string{"E-1R-VAR-22-11-01-A", "E-1R-VAR-22-11-01-C"}, "2026-12-01", false},
		{"fixed versions", []string{"E-1R-OE-FIX-12M-24-09-01-A", "E-1R-OE-FIX-12M-24-10-01-A"}, "2025-01-01", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			at, _ := time.ParseInLocation(time.DateOnly, tc.at, london)
			first := pricesAt(tc.codes[0], tc.codes[0][0] == 'E', london, now, at)
			for _, code := range tc.codes[1:] {
				if p := pricesAt(code, code[0] == 'E', london, now, at); (p == first) != tc.same {
					t.Errorf("%s: %+v; %s: %+v; want the same: %v", tc.codes[0], first, code, p, tc.same)
				}
			}
		})
	}
	if p, want := pricesOf("E-1R-VAR-22-11-01-A", true, london).unit, 24.82; p != want {
		t.Errorf("Flexible Octopus on sale today in region A: %v p/kWh, want %v as it always was", p, want)
	}
}

// TestFixedPricedAtLaunch: a fixed tariff launched in 2019, under the Energy Price
// Guarantee and in 2025 costs, within the spread its prices are drawn from, what the
// variable tariff in its region cost at its launch, in Great Britain and Australia; one
// the catalogue sells costs today's prices.
func TestFixedPricedAtLaunch(t *testing.T) {
	london, _ := time.LoadLocation("Europe/London")
	sydney, _ := time.LoadLocation("Australia/Sydney")
	now := time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name, product string
		zone          *time.Location
		// elec and gas are the variable tariff's level at launch (today, on sale).
		elec, gas float64
		onSale    bool
	}{
		{"2019", "FIX-12M-19-06-01", london, 0.7, 0.73, false},
		{"November 2022", "FIX-12M-22-11-01", london, 1.33, 1.75, false},
		{"2025", "FIX-12M-25-01-01", london, 0.97, 1.07, false},
		{"Australia 2019", "FIX-12M-19-08-01", sydney, 0.77, 0.8, false},
		{"Australia 2025", "FIX-12M-25-01-01", sydney, 0.99, 0.98, false},
		{"on sale", "OE-FIX-12M-24-09-01", london, 1, 1, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := priceRanges[map[*time.Location]string{london: "GB", sydney: "AU"}[tc.zone]]
			from, _ := launched(tc.product, tc.zone)
			if tc.onSale {
				from = now
			}
			for _, fuel := range []struct {
				prefix       string
				level        float64
				unit, charge [2]float64
			}{{"E-1R-", tc.elec, r.unit, r.standing}, {"G-1R-", tc.gas, r.gas, r.gasStanding}} {
				electricity := fuel.prefix[0] == 'E'
				variable := pricesAt(fuel.prefix+"VAR-22-11-01-C", electricity, tc.zone, now, from)
				if got := variable.unit / pricesOf(fuel.prefix+"VAR-22-11-01-C", electricity, tc.zone).unit; math.Abs(got-fuel.level) > 0.005 {
					t.Fatalf("%s: the variable tariff at %.2f, want %v", fuel.prefix, got, fuel.level)
				}
				fixed := pricesOf(fuel.prefix+tc.product+"-C", electricity, tc.zone)
				for _, p := range []struct {
					name   string
					v      float64
					spread [2]float64
				}{{"unit rate", fixed.unit, fuel.unit}, {"standing charge", fixed.standing, fuel.charge}} {
					lo, hi := p.spread[0]*fuel.level-0.01, p.spread[1]*fuel.level+0.01
					if p.v < lo || p.v > hi {
						t.Errorf("%s%s-C's %s %v, want %.2f–%.2f as the variable tariff's", fuel.prefix, tc.product, p.name, p.v, lo, hi)
					}
				}
			}
		})
	}
}
