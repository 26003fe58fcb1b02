package accounts

import (
	"math"
	"testing"
	"time"

	"github.com/krakensim/krakensim/sim"
)

// TestRatePeriods lays a two-rate tariff's night and day rates over windows in winter,
// in British Summer Time and across the clocks changing, and a single rate over any.
func TestRatePeriods(t *testing.T) {
	at := func(s string) time.Time {
		v, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	goPrices := pricesOf("E-2R-GO-VAR-22-10-14-A", true, nil)
	e7Prices := pricesOf("E-2R-VAR-22-11-01-A", true, nil)
	iogPrices := pricesOf("E-1R-INTELLI-VAR-22-10-14-A", true, nil)
	day, night := goPrices.taxed(goPrices.day), goPrices.taxed(goPrices.night)
	london, _ := time.LoadLocation("Europe/London")
	sydney, _ := time.LoadLocation("Australia/Sydney")
	tests := []struct {
		name, code string
		prices     tariffPrices
		start, end string
		want       []string // the starts of the periods, night ones marked with *
		zone       *time.Location
	}{
		{"Go in winter", "E-2R-GO-VAR-22-10-14-A", goPrices, "2026-12-01T00:00:00Z", "2026-12-02T00:00:00Z",
			[]string{"2026-12-01T00:00:00Z", "*2026-12-01T00:30:00Z", "2026-12-01T05:30:00Z"}, nil},
		{"Go in summer: off-peak is 23:30–04:30 UTC", "E-2R-GO-VAR-22-10-14-A", goPrices, "2026-07-01T12:00:00Z", "2026-07-02T12:00:00Z",
			[]string{"2026-07-01T12:00:00Z", "*2026-07-01T23:30:00Z", "2026-07-02T04:30:00Z"}, nil},
		{"Economy 7 keeps seven hours", "E-2R-VAR-22-11-01-A", e7Prices, "2026-12-01T00:00:00Z", "2026-12-01T12:00:00Z",
			[]string{"2026-12-01T00:00:00Z", "*2026-12-01T00:30:00Z", "2026-12-01T07:30:00Z"}, nil},
		{"the night the clocks go forward: four hours off-peak", "E-2R-GO-VAR-22-10-14-A", goPrices, "2026-03-28T12:00:00Z", "2026-03-30T12:00:00Z",
			[]string{"2026-03-28T12:00:00Z", "*2026-03-29T00:30:00Z", "2026-03-29T04:30:00Z", "*2026-03-29T23:30:00Z", "2026-03-30T04:30:00Z"}, nil},
		{"a window inside the night", "E-2R-GO-VAR-22-10-14-A", goPrices, "2026-12-01T01:00:00Z", "2026-12-01T02:00:00Z",
			[]string{"*2026-12-01T01:00:00Z"}, nil},
		{"one rate", "E-1R-VAR-22-11-01-A", pricesOf("E-1R-VAR-22-11-01-A", true, nil), "2026-12-01T03:00:00Z", "2026-12-03T00:00:00Z",
			[]string{"2026-12-01T03:00:00Z"}, nil},
		{"Go in Sydney's summer: off-peak is 13:30–18:30 UTC", "E-2R-GO-VAR-22-10-14-A", goPrices, "2026-12-01T00:00:00Z", "2026-12-02T00:00:00Z",
			[]string{"2026-12-01T00:00:00Z", "*2026-12-01T13:30:00Z", "2026-12-01T18:30:00Z"}, sydney},
		{"Go on a smart meter's one register", "E-1R-GO-VAR-22-10-14-A", pricesOf("E-1R-GO-VAR-22-10-14-A", true, nil), "2026-12-01T00:00:00Z", "2026-12-02T00:00:00Z",
			[]string{"2026-12-01T00:00:00Z", "*2026-12-01T00:30:00Z", "2026-12-01T05:30:00Z"}, nil},
		{"Intelligent Go's night begins the evening before", "E-1R-INTELLI-VAR-22-10-14-A", iogPrices, "2026-12-01T00:00:00Z", "2026-12-02T00:00:00Z",
			[]string{"*2026-12-01T00:00:00Z", "2026-12-01T05:30:00Z", "*2026-12-01T23:30:00Z"}, nil},
		{"Intelligent Go in summer: 22:30–04:30 UTC", "E-1R-INTELLI-VAR-22-10-14-A", iogPrices, "2026-07-01T12:00:00Z", "2026-07-02T12:00:00Z",
			[]string{"2026-07-01T12:00:00Z", "*2026-07-01T22:30:00Z", "2026-07-02T04:30:00Z"}, nil},
		{"Intelligent Go's night the clocks go back: seven hours", "E-1R-INTELLI-VAR-22-10-14-A", iogPrices, "2026-10-24T12:00:00Z", "2026-10-25T12:00:00Z",
			[]string{"2026-10-24T12:00:00Z", "*2026-10-24T22:30:00Z", "2026-10-25T05:30:00Z"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			zone := tt.zone
			if zone == nil {
				zone = london
			}
			got := ratePeriods(tt.code, tt.prices, at(tt.start), at(tt.end), zone)
			if len(got) != len(tt.want) {
				t.Fatalf("%d periods %v, want %v", len(got), got, tt.want)
			}
			for i, p := range got {
				want, isNight := tt.want[i], false
				if want[0] == '*' {
					want, isNight = want[1:], true
				}
				if p.from.Format(time.RFC3339) != want {
					t.Errorf("period %d starts %v, want %s", i, p.from, want)
				}
				if tt.prices.twoRate && (p.value == tt.prices.taxed(tt.prices.night)) != isNight {
					t.Errorf("period %d from %v is at %v p; night %v", i, p.from, p.value, isNight)
				}
				if i+1 < len(got) && !p.to.Equal(got[i+1].from) || i+1 == len(got) && !p.to.Equal(at(tt.end)) {
					t.Errorf("period %d ends %v, not where the next begins", i, p.to)
				}
			}
		})
	}
	if night >= day {
		t.Errorf("Go's night rate %v is not below its day rate %v", night, day)
	}
}

// TestRateAt reads a tariff's unit rate at an instant, as the world's telemetry costs
// it: Octopus Go's and Intelligent Octopus Go's night rate in their off-peak hours (from
// the evening before for the latter), the tenant's time, and the day rate around.
func TestRateAt(t *testing.T) {
	const goCode = "E-2R-GO-VAR-22-10-14-A"
	p := pricesOf(goCode, true, nil)
	flat := pricesOf("E-1R-VAR-22-11-01-A", true, nil)
	const iogCode = "E-1R-INTELLI-VAR-22-10-14-A"
	iog := pricesOf(iogCode, true, nil)
	london, _ := time.LoadLocation("Europe/London")
	sydney, _ := time.LoadLocation("Australia/Sydney")
	tests := []struct {
		at     string
		code   string
		prices tariffPrices
		want   float64
		zone   *time.Location
	}{
		{"2026-12-01T14:00:00Z", goCode, p, p.night, sydney},
		{"2026-12-01T01:00:00Z", goCode, p, p.day, sydney},
		{"2026-12-01T01:00:00Z", goCode, p, p.night, nil},
		{"2026-12-01T00:29:59Z", goCode, p, p.day, nil},
		{"2026-12-01T05:30:00Z", goCode, p, p.day, nil},
		{"2026-07-01T23:45:00Z", goCode, p, p.night, nil},
		{"2026-07-02T04:30:00Z", goCode, p, p.day, nil},
		{"2026-12-01T01:00:00Z", "E-1R-VAR-22-11-01-A", flat, flat.unit, nil},
		{"2026-11-30T23:45:00Z", iogCode, iog, iog.night, nil},
		{"2026-11-30T23:29:59Z", iogCode, iog, iog.day, nil},
		{"2026-12-01T05:29:00Z", iogCode, iog, iog.night, nil},
		{"2026-07-01T22:30:00Z", iogCode, iog, iog.night, nil},
		{"2026-07-02T04:30:00Z", iogCode, iog, iog.day, nil},
	}
	for _, tt := range tests {
		at, _ := time.Parse(time.RFC3339, tt.at)
		zone := tt.zone
		if zone == nil {
			zone = london
		}
		if got := rateAt(tt.code, tt.prices, at, zone); got != tt.want {
			t.Errorf("%s at %s: %v p/kWh, want %v", tt.code, tt.at, got, tt.want)
		}
	}
}

// TestTimeOfUse tells a smart meter's single-register tariff whose rate changes with the
// time of day from a two-register tariff and a single rate.
func TestTimeOfUse(t *testing.T) {
	tests := []struct {
		code               string
		timeOfUse, twoRate bool
	}{
		{"E-1R-GO-VAR-22-10-14-A", true, true},
		{"E-1R-INTELLI-VAR-22-10-14-A", true, true},
		{"E-2R-GO-VAR-22-10-14-A", false, true},
		{"E-2R-VAR-22-11-01-A", false, true},
		{"E-1R-VAR-22-11-01-A", false, false},
		{"E-1R-AGILE-24-10-01-A", false, false},
		{"E-1R-OUTGOING-VAR-24-10-26-A", false, false},
		{"G-1R-GO-VAR-22-10-14-A", false, false},
	}
	for _, tt := range tests {
		if got, two := timeOfUse(tt.code), twoRates(tt.code); got != tt.timeOfUse || two != tt.twoRate {
			t.Errorf("%s: time of use %v, two rates %v; want %v, %v", tt.code, got, two, tt.timeOfUse, tt.twoRate)
		}
	}
}

// TestLastReading picks a meter's latest reading, in any order, and the use per half
// hour since the one before; a use no household has is left out.
func TestLastReading(t *testing.T) {
	jan := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	feb := time.Date(2025, 2, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name     string
		readings []sim.MeterReading
		at       time.Time
		kwh, per float64
	}{
		{"none", nil, time.Time{}, 0, 0},
		{"one", []sim.MeterReading{{ReadAt: jan, Value: 100}}, jan, 100, 0},
		{"two, newest first", []sim.MeterReading{{ReadAt: feb, Value: 14498.5}, {ReadAt: jan, Value: 14231}}, feb, 14498.5, 267.5 / (31 * 48)},
		{"a use no household has", []sim.MeterReading{{ReadAt: jan, Value: 0}, {ReadAt: feb, Value: 99999}}, feb, 99999, 0},
	}
	for _, tt := range tests {
		at, kwh, _, per := lastReading(tt.readings)
		if !at.Equal(tt.at) || kwh != tt.kwh || math.Abs(per-tt.per) > 1e-9 {
			t.Errorf("%s: %v %v %v, want %v %v %v", tt.name, at, kwh, per, tt.at, tt.kwh, tt.per)
		}
	}
}

func TestCurrentMeter(t *testing.T) {
	cases := []struct {
		name    string
		from    []string
		removed []string
		want    int
	}{
		{"none", nil, nil, -1},
		{"one", []string{"2019-10-01"}, nil, 0},
		{"a replacement", []string{"2019-10-01", "2024-03-02"}, nil, 1},
		{"listed newest first", []string{"2024-03-02", "2019-10-01"}, nil, 0},
		{"one fitted after today", []string{"2019-10-01", "2027-01-05"}, nil, 0},
		{"no date beside a dated one", []string{"", "2021-05-01"}, nil, 1},
		{"the others removed", []string{"2001-01-01", "2014-01-01", ""}, []string{"2014-01-01", "2016-01-01", ""}, 2},
		{"removed after today", []string{"2019-10-01"}, []string{"2027-01-01"}, 0},
		{"all removed", []string{"2019-10-01"}, []string{"2020-01-01"}, -1},
	}
	for _, c := range cases {
		removed := func(i int) string {
			if i < len(c.removed) {
				return c.removed[i]
			}
			return ""
		}
		if got := currentMeter(len(c.from), func(i int) string { return c.from[i] }, removed, "2026-12-03"); got != c.want {
			t.Errorf("%s: meter %d, want %d", c.name, got, c.want)
		}
	}
}

// TestProductCodes names products by their codes' families: as Octopus Energy sells
// them on a tenant whose accounts are Octopus's, by the family elsewhere; and finds a
// postcode's GSP group.
func TestProductCodes(t *testing.T) {
	cases := []struct {
		code, brand, display, full string
	}{
		{"VAR-22-11-01", "OCTOPUS_ENERGY", "Flexible Octopus", "Flexible Octopus November 2022"},
		{"AGILE-24-10-01", "OCTOPUS_ENERGY", "Agile Octopus", "Agile Octopus October 2024"},
		{"INTELLI-VAR-22-10-14", "OCTOPUS_ENERGY", "Intelligent Octopus Go", "Intelligent Octopus Go October 2022"},
		{"OE-FIX-12M-24-09-01", "OCTOPUS_ENERGY", "Octopus 12M Fixed", "Octopus 12M Fixed September 2024"},
		{"OUTGOING-VAR-24-10-26", "OCTOPUS_ENERGY", "Outgoing Octopus", "Outgoing Octopus October 2024"},
		{"GO-VAR-22-10-14", "OCTOPUS_ENERGY", "Octopus Go", "Octopus Go October 2022"},
		{"COSY-22-12-08", "OCTOPUS_ENERGY", "Cosy Octopus", "Cosy Octopus December 2022"},
		{"VAR-22-11-01", "ORIGIN", "Flexible", "Flexible November 2022"},
		{"INTELLI-VAR-24-10-29", "ORIGIN", "Intelligent Go", "Intelligent Go October 2024"},
		{"OE-FIX-12M-24-09-01", "", "Fixed", "Fixed September 2024"},
		{"BESPOKE-1", "OCTOPUS_ENERGY", "BESPOKE-1", "BESPOKE-1"},
		{"VAR-22-13-40", "OCTOPUS_ENERGY", "Flexible Octopus", "Flexible Octopus"}, // no such date
	}
	for _, c := range cases {
		w := &env{World: &sim.World{Accounts: []*sim.Account{{Number: "A-1", Brand: c.brand}}}, zone: time.UTC}
		if d, f := productNames(w, c.code); d != c.display || f != c.full {
			t.Errorf("%s of %s: %q, %q; want %q, %q", c.code, c.brand, d, f, c.display, c.full)
		}
	}
	for postcode, want := range map[string]string{"NR3 1AB": "A", "CB1 2AB": "A", "sw1a 1aa": "C", "G2 1AA": "N", "EH1 1AA": "N", "M1 1AA": "G", "ZZ9 9ZZ": "", "": "", "123": ""} {
		if got := gspOf(postcode); got != want {
			t.Errorf("gspOf(%q) = %q, want %q", postcode, got, want)
		}
	}
}

// TestAgilePrices reads a year of Agile's half hours in two regions: they average the
// tariff's unit rate, never pass the cap with VAT, carry the peak offset from 16:00 to
// 19:00, and a region's coefficient is between 2.0 and 2.4.
func TestAgilePrices(t *testing.T) {
	london, _ := time.LoadLocation("Europe/London")
	for _, code := range []string{"E-1R-AGILE-24-10-01-A", "E-1R-AGILE-24-10-01-P"} {
		p := pricesOf(code, true, london)
		if c := agileCoefficient(code); c < 2 || c > 2.4 {
			t.Errorf("%s: coefficient %v", code, c)
		}
		var sum float64
		n := 0
		for at := time.Date(2026, 1, 1, 0, 0, 0, 0, london); at.Year() == 2026; at = at.Add(30 * time.Minute) {
			v := agileRate(code, p, at, london)
			sum += v
			n++
			local := at.In(london)
			if v > 100/vat+0.005 || local.Hour() >= 16 && local.Hour() < 19 && v < agilePeakOffset {
				t.Fatalf("%s at %v: %v p", code, local, v)
			}
		}
		if mean := sum / float64(n); math.Abs(mean-p.unit) > 0.03*p.unit {
			t.Errorf("%s: a year's half hours average %.2f p; its unit rate is %.2f p", code, mean, p.unit)
		}
		// A summer's middays are its cheapest hours, and some go below zero.
		var midday, night float64
		negative := 0
		for at := time.Date(2026, 6, 1, 0, 0, 0, 0, london); at.Month() < time.September; at = at.Add(30 * time.Minute) {
			v := agileRate(code, p, at, london)
			switch h := at.In(london).Hour(); {
			case h >= 11 && h < 15:
				midday += v
			case h >= 1 && h < 5:
				night += v
			}
			if v < 0 {
				negative++
			}
		}
		if midday >= night || negative < 50 || negative > 1000 {
			t.Errorf("%s, summer 2026: middays %.0f p against nights %.0f p, %d half hours below zero; want middays cheaper and some below zero", code, midday, night, negative)
		}
	}
}

// TestAgilePublishedTo ends Agile's published prices at 23:00 UK time today until 16:00
// UK time, and at 23:00 tomorrow from then, in winter and in British Summer Time.
func TestAgilePublishedTo(t *testing.T) {
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ now, want string }{
		{"2026-12-02T09:00:00Z", "2026-12-02T23:00:00Z"},
		{"2026-12-02T15:59:00Z", "2026-12-02T23:00:00Z"},
		{"2026-12-02T16:00:00Z", "2026-12-03T23:00:00Z"},
		{"2026-12-02T23:30:00Z", "2026-12-03T23:00:00Z"},
		{"2026-07-01T14:59:00Z", "2026-07-01T22:00:00Z"}, // 15:59 BST
		{"2026-07-01T15:00:00Z", "2026-07-02T22:00:00Z"}, // 16:00 BST
		{"2026-07-01T23:30:00Z", "2026-07-02T22:00:00Z"}, // 00:30 BST on 2 July
		{"2026-03-28T16:00:00Z", "2026-03-29T22:00:00Z"}, // the clocks go forward that night
	} {
		now, _ := time.Parse(time.RFC3339, tc.now)
		if got := agilePublishedTo(now, london).UTC().Format(time.RFC3339); got != tc.want {
			t.Errorf("at %s: %s, want %s", tc.now, got, tc.want)
		}
	}
}
