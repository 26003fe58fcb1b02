package world

import (
	"slices"
	"strconv"
	"testing"
	"time"
)

// liveSDL is Kraken's heat pump telemetry and Fan Club discounts: what is so now, and
// what was.
const liveSDL = `type Query {
  octoHeatPumpLivePerformance(euid: ID!): LiveTelemetry
  fanClubStatus(accountNumber: String): [FanClubStatus]
}
type LiveTelemetry { readAt: DateTime! coefficientOfPerformance: Decimal }
type FanClubStatus { discountSource: String! current: DiscountData! historic: [DiscountData]! thresholds: [Threshold]! }
type DiscountData {
  startAt: DateTime!
  "The discount as a decimal between 0 and 1."
  discount: Decimal!
}
type Threshold {
  "The discount that is rewarded when the power crosses the corresponding threshold. Ranges from 0.0 - 1.0."
  discount: Decimal
  "The power (kW) that must be surpassed to achieve the corresponding discount."
  power: Decimal
}
scalar DateTime
scalar Decimal`

// TestLiveIsNow: live telemetry was read minutes ago, a current discount holds now, and
// historic ones are over.
func TestLiveIsNow(t *testing.T) {
	w := newSDLWorld(t, liveSDL, Options{})
	for _, euid := range []string{"00:1e:5e:09:02:b1:2f:3c", "00:1e:5e:09:02:b1:2f:3d", "00:1e:5e:09:02:b1:2f:3e"} {
		data := w.ask(`query($e: ID!) { octoHeatPumpLivePerformance(euid: $e) { readAt } }`, map[string]any{"e": euid})
		at, err := time.Parse(time.RFC3339, data["octoHeatPumpLivePerformance"].(map[string]any)["readAt"].(string))
		if err != nil {
			t.Fatal(err)
		}
		if ago := testNow.Sub(at); ago < 0 || ago > 5*time.Minute {
			t.Errorf("%s: live telemetry read at %v, %v before now", euid, at, ago)
		}
	}
	for _, acct := range []string{"A-C90DC431", "A-7B3E9D12", "A-0F4A2B19"} {
		data := w.ask(`query($a: String) { fanClubStatus(accountNumber: $a) { current { startAt } historic { startAt } } }`, map[string]any{"a": acct})
		for _, s := range data["fanClubStatus"].([]any) {
			s := s.(map[string]any)
			cur, _ := time.Parse(time.RFC3339, s["current"].(map[string]any)["startAt"].(string))
			if cur.After(testNow) {
				t.Errorf("%s: the current discount starts %v, after now", acct, cur)
			}
			for _, h := range s["historic"].([]any) {
				at, _ := time.Parse(time.RFC3339, h.(map[string]any)["startAt"].(string))
				if !at.Before(cur) {
					t.Errorf("%s: a historic discount starts %v, not before the current one (%v)", acct, at, cur)
				}
			}
		}
	}
}

// TestStatedBounds: a number whose description bounds it lies within the bounds, told
// with three decimals when it is a fraction.
func TestStatedBounds(t *testing.T) {
	w := newSDLWorld(t, liveSDL, Options{})
	n := 0
	for _, acct := range []string{"A-C90DC431", "A-7B3E9D12", "A-0F4A2B19", "A-B1A2C3D4"} {
		data := w.ask(`query($a: String) { fanClubStatus(accountNumber: $a) { current { discount } historic { discount } thresholds { discount } } }`, map[string]any{"a": acct})
		for _, s := range data["fanClubStatus"].([]any) {
			s := s.(map[string]any)
			ds := []any{s["current"].(map[string]any)["discount"]}
			for _, k := range []string{"historic", "thresholds"} {
				for _, it := range s[k].([]any) {
					ds = append(ds, it.(map[string]any)["discount"])
				}
			}
			for _, d := range ds {
				n++
				v, err := strconv.ParseFloat(d.(string), 64)
				if err != nil || v < 0 || v > 1 || len(d.(string)) != len("0.000") {
					t.Errorf("%s: a discount of %v, want a fraction between 0 and 1 told as 0.000", acct, d)
				}
			}
		}
	}
	if n == 0 {
		t.Fatal("no discounts")
	}
	for _, c := range []struct {
		desc   string
		lo, hi float64
		ok     bool
	}{
		{"The discount as a decimal between 0 and 1.", 0, 1, true},
		{"Ranges from 0.0 - 1.0.", 0, 1, true},
		{"The new day of the month at which to take payment; ranges from 1 to 28.", 1, 28, true},
		{"From 5 to 1.", 0, 0, false},
		{"The greenness score 0-100 (higher is greener).", 0, 0, false},
		{"Day of the month (1-31).", 1, 28, true},
		{"Month of the year (1-12).", 1, 12, true},
		{"A weekday (1 to 7), Monday first.", 1, 7, true},
		{"Footnote (3).", 0, 0, false},
		{"", 0, 0, false},
	} {
		lo, hi, ok := statedBounds(c.desc)
		if lo != c.lo || hi != c.hi || ok != c.ok {
			t.Errorf("statedBounds(%q) = %v, %v, %v; want %v, %v, %v", c.desc, lo, hi, ok, c.lo, c.hi, c.ok)
		}
	}
}

// TestStatedChoices reads the codes a string's description lists as its values, the
// usual one first, and none from prose that lists no codes.
func TestStatedChoices(t *testing.T) {
	for _, c := range []struct {
		desc string
		want []string
	}{
		{"Energy product direction, e.g. IMPORT or EXPORT.", []string{"IMPORT", "EXPORT"}},
		{"Type of the device, e.g. ESME or GSME.", []string{"ESME", "GSME"}},
		{"The fuel: one of GAS, ELECTRICITY or WATER.", []string{"GAS", "ELECTRICITY", "WATER"}},
		{"Either ABN or ACN.", []string{"ABN", "ACN"}},
		{"Method of payment. Can be 'CHEQUE' or 'DIRECT_DEBIT'.", []string{"CHEQUE", "DIRECT_DEBIT"}},
		{"The platform, e.g. 'PINPOINT' or 'FCM'.", []string{"PINPOINT", "FCM"}},
		{"The field, e.g. 'Suburb' or 'Postcode'.", nil},
		{"It can be IMPORTANT or not.", nil},
		{"Direction of the energy, import or export.", nil},
		{"e.g. Octopus or British Gas", nil},
		{"", nil},
	} {
		if got := statedChoices(c.desc); !slices.Equal(got, c.want) {
			t.Errorf("statedChoices(%q) = %v, want %v", c.desc, got, c.want)
		}
	}
}
