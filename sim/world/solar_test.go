package world

import (
	"math"
	"testing"
	"time"
)

func TestSolarExportKeepsTheSun(t *testing.T) {
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatal(err) // time/tzdata is linked through sim/fake
	}
	sydney, err := time.LoadLocation("Australia/Sydney")
	if err != nil {
		t.Fatal(err)
	}
	day := func(zone *time.Location, y int, m time.Month, d int) time.Time {
		return time.Date(y, m, d, 0, 0, 0, 0, zone)
	}
	for _, tc := range []struct {
		name           string
		zone           *time.Location
		kw             float64
		summer, winter time.Time
	}{
		{"a 4 kW array in London", london, 4, day(london, 2026, time.June, 20), day(london, 2026, time.December, 20)},
		{"a 6.6 kW array in Sydney", sydney, 6.6, day(sydney, 2026, time.December, 20), day(sydney, 2026, time.June, 20)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			reg := Meter{Register: "EXPORT-" + tc.name, Solar: tc.kw}.In(tc.zone)
			year := reg.Use(day(tc.zone, 2026, time.January, 1), day(tc.zone, 2027, time.January, 1))
			if perKW := year / tc.kw; perKW < 380 || perKW > 560 {
				t.Errorf("a year exports %.0f kWh per kW; want about 470", perKW)
			}
			weekOf := func(from time.Time) float64 { return reg.Use(from, from.AddDate(0, 0, 7)) }
			if s, w := weekOf(tc.summer), weekOf(tc.winter); s < 2.5*w {
				t.Errorf("a summer week exports %.1f kWh, a winter one %.1f; want several times more in summer", s, w)
			}
			for _, d := range []time.Time{tc.summer, tc.winter} {
				total, sum, noonHour := reg.Use(d, d.AddDate(0, 0, 1)), 0.0, 0.0
				for h := d; h.Before(d.AddDate(0, 0, 1)); h = h.Add(30 * time.Minute) {
					v := reg.Use(h, h.Add(30*time.Minute))
					if v < 0 {
						t.Fatalf("%s exports %.4f kWh", h, v)
					}
					local := h.In(tc.zone)
					_, offset := local.Zone()
					std := local.Hour() - offset/3600 + int(standardOffset(tc.zone)/time.Hour)
					if (std < 3 || std >= 22) && v != 0 {
						t.Errorf("%s (standard %02d:%02d) exports %.4f kWh at night", h, std, local.Minute(), v)
					}
					if std == 12 {
						noonHour += v
					}
					sum += v
				}
				if math.Abs(sum-total) > 1e-6 || total <= 0 {
					t.Errorf("%s: half hours add to %.4f, the day is %.4f", d.Format(time.DateOnly), sum, total)
				}
				if noonHour < total/12 {
					t.Errorf("%s: noon's hour exports %.3f of %.3f kWh; want most around noon", d.Format(time.DateOnly), noonHour, total)
				}
			}
			if reg.At(tc.summer.Add(time.Hour)) >= reg.At(tc.summer.Add(13*time.Hour)) {
				t.Error("the register did not grow over the day")
			}
		})
	}
}

func TestSolarExportPassesThroughItsReading(t *testing.T) {
	at := time.Date(2026, time.November, 1, 0, 0, 0, 0, time.UTC)
	reg := Meter{Register: "EXPORT-1", Solar: 3.6, ReadAt: at, Read: 1234.5}.In(time.UTC)
	if got := reg.At(at); math.Abs(got-1234.5) > 1e-9 {
		t.Errorf("the register reads %.4f at its reading; want 1234.5", got)
	}
}

func TestSolarYieldIsTheStates(t *testing.T) {
	for _, tc := range []struct {
		country, postcode string
		perDay            float64
	}{
		{"AU", "5251", 4.2}, // Mount Barker, SA
		{"AU", "2000", 3.9}, // Sydney
		{"AU", "2600", 4.3}, // Canberra
		{"AU", "0800", 4.4}, // Darwin
		{"AU", "7000", 3.5}, // Hobart
		{"AU", "3000", 3.6}, // Melbourne
		{"AU", "6000", 4.4}, // Perth
		{"AU", "4000", 4.2}, // Brisbane
		{"AU", "SA", 0},
		{"GB", "EX1 1AA", 0},
	} {
		if got := SolarYield(tc.country, tc.postcode) / 365.2425; math.Abs(got-tc.perDay) > 1e-9 {
			t.Errorf("%s %s: %.2f kWh a kW a day; want %.1f", tc.country, tc.postcode, got, tc.perDay)
		}
	}
}

func TestSolarExportIsTheSurplus(t *testing.T) {
	adelaide, err := time.LoadLocation("Australia/Adelaide")
	if err != nil {
		t.Fatal(err)
	}
	from, to := time.Date(2026, time.January, 1, 0, 0, 0, 0, adelaide), time.Date(2027, time.January, 1, 0, 0, 0, 0, adelaide)
	made := 5 * SolarYield("AU", "5251")
	half := Meter{Register: "EXPORT-MB", Solar: 5, SolarYield: SolarYield("AU", "5251")}.In(adelaide).Use(from, to)
	var years []float64
	for _, use := range []float64{0.15, 0.3, 0.45} {
		reg := Meter{Register: "EXPORT-MB", Solar: 5, SolarYield: SolarYield("AU", "5251"), HomeUse: use, ReadAt: from, Read: 100}.In(adelaide)
		if got := reg.At(from); math.Abs(got-100) > 1e-9 {
			t.Errorf("use %.2f: the register reads %.4f at its reading; want 100", use, got)
		}
		year := reg.Use(from, to)
		// The home uses at most its year's use of what the array makes, and a fifth of it at least.
		if self := made - year; self > 48*365.2425*use || self < 0.2*48*365.2425*use || year <= half {
			t.Errorf("use %.2f a half hour: exports %.0f of the %.0f kWh the array makes (half-yield %.0f)", use, year, made, half)
		}
		years = append(years, year)
		for _, d := range []time.Time{time.Date(2026, time.December, 20, 0, 0, 0, 0, adelaide), time.Date(2026, time.June, 20, 0, 0, 0, 0, adelaide)} {
			sum := 0.0
			for h := d; h.Before(d.AddDate(0, 0, 1)); h = h.Add(30 * time.Minute) {
				v := reg.Use(h, h.Add(30*time.Minute))
				if v < 0 || v > 2.5+1e-9 || (h.Hour() < 5 || h.Hour() >= 21) && v != 0 {
					t.Errorf("use %.2f: %s exports %.4f kWh", use, h.Format(time.DateTime), v)
				}
				sum += v
			}
			if total := reg.Use(d, d.AddDate(0, 0, 1)); math.Abs(sum-total) > 1e-6 {
				t.Errorf("use %.2f: %s's half hours add to %.4f, the day is %.4f", use, d.Format(time.DateOnly), sum, total)
			}
		}
		if early, late := reg.At(time.Date(2012, time.March, 1, 12, 0, 0, 0, adelaide)), reg.At(time.Date(2012, time.March, 2, 12, 0, 0, 0, adelaide)); late <= early || early >= 100 {
			t.Errorf("use %.2f: before its reading the register reads %.4f then %.4f", use, early, late)
		}
	}
	if years[0] <= years[1] || years[1] <= years[2] {
		t.Errorf("homes using more export %v kWh a year; want less", years)
	}
}
