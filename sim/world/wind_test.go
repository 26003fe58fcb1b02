package world

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"
)

// fanSDL is Octopus's Fan Club status, as its SDL has it.
const fanSDL = `type Query { fanClubStatus(accountNumber: String, propertyId: Int): [FanClubStatus] }
type FanClubStatus {
  discountSource: String! name: String! location: String windFarm: String
  accountNumbers: [String]! propertyIds: [Int]!
  thresholds: [Threshold]! current: DiscountData! historic: [DiscountData]! forecast: DiscountForecast
}
type Threshold { power: Decimal discount: Decimal windSpeed: Decimal }
type DiscountData { startAt: DateTime! discount: Decimal! metaData: FanClubMetadataOutput }
type FanClubMetadataOutput { power: Decimal windSpeed: Decimal windDirection: Decimal }
type DiscountForecast { baseTime: DateTime! data: [ForecastData]! }
type ForecastData { validTime: DateTime! projectedDiscount: Decimal! powerMedian: Decimal! powerLowerBound: Decimal! powerUpperBound: Decimal! }
scalar DateTime
scalar Decimal`

// TestFanClubFollowsTheWind: a turbine's discounts are its thresholds' at its output:
// the current one for this half hour, the 48 half hours before it, and an hourly
// forecast of the next 48 hours from a run before now; thresholds rise together; the
// source is named with its fan's number first and serves the asking account.
func TestFanClubFollowsTheWind(t *testing.T) {
	w := newSDLWorld(t, fanSDL, Options{})
	num := func(v any) float64 {
		t.Helper()
		f, err := strconv.ParseFloat(fmt.Sprint(v), 64)
		if err != nil {
			t.Fatalf("not a number: %v", v)
		}
		return f
	}
	when := func(v any) time.Time {
		t.Helper()
		at, err := time.Parse(time.RFC3339, fmt.Sprint(v))
		if err != nil {
			t.Fatal(err)
		}
		return at
	}
	discounted := 0
	for _, acct := range []string{"A-C90DC431", "A-7B3E9D12", "A-0F4A2B19", "A-B1A2C3D4"} {
		data := w.ask(`query($a: String) { fanClubStatus(accountNumber: $a) { discountSource accountNumbers
			thresholds { power discount windSpeed }
			current { startAt discount metaData { power windSpeed } }
			historic { startAt discount metaData { power } }
			forecast { baseTime data { validTime projectedDiscount powerMedian powerLowerBound powerUpperBound } } } }`, map[string]any{"a": acct})
		for _, s := range data["fanClubStatus"].([]any) {
			s := s.(map[string]any)
			if src := fmt.Sprint(s["discountSource"]); !strings.HasPrefix(src, "#") || !strings.Contains(src, " Fan: ") {
				t.Errorf("%s: source %q, want \"#n Fan: …\"", acct, src)
			}
			if fmt.Sprint(s["accountNumbers"]) != "["+acct+"]" {
				t.Errorf("%s: the source serves %v", acct, s["accountNumbers"])
			}
			var powers, cuts []float64
			for i, th := range s["thresholds"].([]any) {
				th := th.(map[string]any)
				powers, cuts = append(powers, num(th["power"])), append(cuts, num(th["discount"]))
				if i > 0 && (powers[i] <= powers[i-1] || cuts[i] <= cuts[i-1]) {
					t.Errorf("%s: thresholds %v do not rise together", acct, s["thresholds"])
				}
			}
			earned := func(p float64) float64 {
				d := 0.0
				for i, tp := range powers {
					if p > tp {
						d = cuts[i]
					}
				}
				return d
			}
			check := func(what string, d map[string]any) {
				p := num(d["metaData"].(map[string]any)["power"])
				if got := num(d["discount"]); got != earned(p) {
					t.Errorf("%s: %s discount %v at %v kW, which earns %v", acct, what, got, p, earned(p))
				}
				if num(d["discount"]) > 0 {
					discounted++
				}
			}
			cur := s["current"].(map[string]any)
			check("current", cur)
			if at := when(cur["startAt"]); !at.Equal(testNow.Truncate(30 * time.Minute)) {
				t.Errorf("%s: the current discount starts %v, now is %v", acct, at, testNow)
			}
			hist := s["historic"].([]any)
			for i, h := range hist {
				check("historic", h.(map[string]any))
				if at := when(h.(map[string]any)["startAt"]); !at.Equal(testNow.Add(-time.Duration(i+1) * 30 * time.Minute)) {
					t.Errorf("%s: historic discount %d starts %v", acct, i, at)
				}
			}
			fc := s["forecast"].(map[string]any)
			base := when(fc["baseTime"])
			points := fc["data"].([]any)
			if !base.Before(testNow) || len(hist) != 48 || len(points) != 48 {
				t.Errorf("%s: %d historic discounts, a forecast run at %v of %d points", acct, len(hist), base, len(points))
			}
			for i, p := range points {
				p := p.(map[string]any)
				lo, med, hi := num(p["powerLowerBound"]), num(p["powerMedian"]), num(p["powerUpperBound"])
				if at := when(p["validTime"]); !at.Equal(testNow.Add(time.Duration(i+1)*time.Hour)) || lo > med || med > hi || num(p["projectedDiscount"]) != earned(med) {
					t.Errorf("%s: forecast point %d: %v", acct, i, p)
				}
			}
		}
	}
	if discounted == 0 {
		t.Error("the wind never earned a discount")
	}
}
