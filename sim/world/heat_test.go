package world

import (
	"math"
	"strconv"
	"testing"
	"time"
)

// heatSDL is Kraken's Octopus heat pump performance.
const heatSDL = `type Query {
  octoHeatPumpLivePerformance(euid: ID!): LiveTelemetry
  octoHeatPumpLifetimePerformance(euid: ID!): LifetimeTelemetry
  octoHeatPumpTimeSeriesPerformance(euid: ID!, startAt: DateTime!, endAt: DateTime!, performanceGrouping: PerformanceGrouping!): [HeatPumpPerformanceGroupingNode]
  octoHeatPumpTimeRangedPerformance(euid: ID!, startAt: DateTime!, endAt: DateTime!): HeatPumpTimeRangedPerformance
}
type LiveTelemetry { readAt: DateTime! coefficientOfPerformance: Decimal powerInput: Power! heatOutput: Power! outdoorTemperature: Temperature! }
type LifetimeTelemetry { readAt: DateTime! seasonalCoefficientOfPerformance: Decimal energyInput: Energy! heatOutput: Energy! }
type HeatPumpPerformanceGroupingNode { startAt: DateTime! endAt: DateTime! energyInput: Energy energyOutput: Energy outdoorTemperature: Temperature }
type HeatPumpTimeRangedPerformance { coefficientOfPerformance: Decimal energyInput: Energy! energyOutput: Energy! }
type Power { value: Decimal unit: PowerUnit! }
type Energy { value: Decimal unit: EnergyUnit! }
type Temperature { value: Decimal unit: TemperatureUnit! }
enum PowerUnit { KILOWATT }
enum EnergyUnit { KILOWATT_HOUR }
enum TemperatureUnit { DEGREES_CELSIUS }
enum PerformanceGrouping { LIVE DAY WEEK MONTH YEAR }
scalar DateTime
scalar Decimal`

// value is the number a value object (Power, Energy, Temperature) tells.
func value(t *testing.T, o any) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(o.(map[string]any)["value"].(string), 64)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestHeatPumpPerformanceAddsUp: a heat pump's coefficient of performance is its heat
// over its electricity, live, over a window and over its lifetime; a window's energy is
// the sum of its days'; and it is as cold outdoors as a British December is.
func TestHeatPumpPerformanceAddsUp(t *testing.T) {
	w := newSDLWorld(t, heatSDL, Options{})
	for _, euid := range []string{"00:1e:5e:09:02:b1:2f:3c", "00:1e:5e:09:02:b1:2f:3d", "00:1e:5e:09:02:b1:2f:3e"} {
		data := w.ask(`query($e: ID!) {
			live: octoHeatPumpLivePerformance(euid: $e) { coefficientOfPerformance powerInput { value } heatOutput { value } outdoorTemperature { value } }
			life: octoHeatPumpLifetimePerformance(euid: $e) { seasonalCoefficientOfPerformance energyInput { value } heatOutput { value } }
			days: octoHeatPumpTimeSeriesPerformance(euid: $e, startAt: "2026-11-01T00:00:00Z", endAt: "2026-11-08T00:00:00Z", performanceGrouping: DAY) { startAt energyInput { value } energyOutput { value } outdoorTemperature { value } }
			week: octoHeatPumpTimeRangedPerformance(euid: $e, startAt: "2026-11-01T00:00:00Z", endAt: "2026-11-08T00:00:00Z") { coefficientOfPerformance energyInput { value } energyOutput { value } }
		}`, map[string]any{"e": euid})
		live := data["live"].(map[string]any)
		in, out := value(t, live["powerInput"]), value(t, live["heatOutput"])
		if got, _ := strconv.ParseFloat(live["coefficientOfPerformance"].(string), 64); in <= 0 || math.Abs(got-out/in) > 0.02 {
			t.Errorf("%s: live COP %v, with %v kW in and %v kW out", euid, got, in, out)
		}
		if temp := value(t, live["outdoorTemperature"]); temp < -8 || temp > 16 {
			t.Errorf("%s: %v °C outdoors in a London December", euid, temp)
		}
		week := data["week"].(map[string]any)
		wIn, wOut := value(t, week["energyInput"]), value(t, week["energyOutput"])
		if got, _ := strconv.ParseFloat(week["coefficientOfPerformance"].(string), 64); math.Abs(got-wOut/wIn) > 0.02 {
			t.Errorf("%s: the week's COP %v, with %v kWh in and %v kWh out", euid, got, wIn, wOut)
		}
		days := data["days"].([]any)
		if len(days) != 7 {
			t.Fatalf("%s: %d days in a week", euid, len(days))
		}
		var dIn, dOut float64
		for _, d := range days {
			d := d.(map[string]any)
			dIn += value(t, d["energyInput"])
			dOut += value(t, d["energyOutput"])
		}
		if math.Abs(dIn-wIn) > 0.01 || math.Abs(dOut-wOut) > 0.01 {
			t.Errorf("%s: the days add up to %v kWh in and %v out; the week is %v and %v", euid, dIn, dOut, wIn, wOut)
		}
		if wIn < 7*3 || wIn > 7*40 {
			t.Errorf("%s: %v kWh drawn in a November week", euid, wIn)
		}
		life := data["life"].(map[string]any)
		lIn, lOut := value(t, life["energyInput"]), value(t, life["heatOutput"])
		if got, _ := strconv.ParseFloat(life["seasonalCoefficientOfPerformance"].(string), 64); math.Abs(got-lOut/lIn) > 0.02 {
			t.Errorf("%s: the lifetime's COP %v, with %v kWh in and %v kWh out", euid, got, lIn, lOut)
		}
		if lIn < 1000 {
			t.Errorf("%s: %v kWh drawn in a lifetime of a year or more", euid, lIn)
		}
	}
}

// TestOutdoorFollowsTheSeasons: the north's winter is in January, the south's in July,
// and an afternoon is warmer than the small hours.
func TestOutdoorFollowsTheSeasons(t *testing.T) {
	london, _ := time.LoadLocation("Europe/London")
	sydney, _ := time.LoadLocation("Australia/Sydney")
	mean := func(loc *time.Location, m time.Month, hour int) float64 {
		sum := 0.0
		for d := 1; d <= 28; d++ {
			sum += outdoor(time.Date(2026, m, d, hour, 0, 0, 0, loc))
		}
		return sum / 28
	}
	for _, c := range []struct {
		name           string
		loc            *time.Location
		winter, summer time.Month
	}{{"London", london, time.January, time.July}, {"Sydney", sydney, time.July, time.January}} {
		w, s := mean(c.loc, c.winter, 12), mean(c.loc, c.summer, 12)
		if w >= s-5 {
			t.Errorf("%s: %.1f °C at noon in %v, %.1f in %v", c.name, w, c.winter, s, c.summer)
		}
		if night, day := mean(c.loc, time.April, 3), mean(c.loc, time.April, 15); night >= day {
			t.Errorf("%s: %.1f °C at 03:00, %.1f at 15:00", c.name, night, day)
		}
	}
}
