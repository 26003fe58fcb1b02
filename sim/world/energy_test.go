package world

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"testing"
	"time"
)

// meterSDL is a meter's readings as Kraken's tenants shape them: telemetry in Wh and W
// with costs, and consumption in kWh by grouping.
const meterSDL = `type Query {
  smartMeterTelemetry(deviceId: String!, start: DateTime, end: DateTime, grouping: TelemetryGrouping): [SmartMeterTelemetryType]
  meter: Meter
  plannedDispatches(accountNumber: String!): [Dispatch]
  measurements(startAt: DateTime, endAt: DateTime, utilityFilters: UtilityFilter, first: Int): [Measurement]
}
input UtilityFilter { fuel: Fuel deviceId: String }
enum Fuel { ELECTRICITY GAS }
type Measurement { readAt: DateTime value: Float }
type Dispatch { start: DateTime! end: DateTime! delta: Decimal }
type Meter { serialNumber: String! consumption(startAt: DateTime, endAt: DateTime, grouping: ConsumptionGroupings, first: Int): [ConsumptionType] }
type ConsumptionType { startAt: DateTime endAt: DateTime value: Float }
type SmartMeterTelemetryType {
  readAt: DateTime
  "Total energy consumed by the meter measured in Wh."
  consumption: Decimal
  demand: Decimal
  consumptionDelta: Decimal
  costDelta: Decimal
  costDeltaWithTax: Decimal
}
enum TelemetryGrouping { TEN_SECONDS ONE_MINUTE FIVE_MINUTES HALF_HOURLY HOURLY }
enum ConsumptionGroupings { QUARTER_HOUR HALF_HOUR HOUR DAY WEEK MONTH }
scalar DateTime
scalar Decimal`

// TestReadingsAddUp: a meter's readings are one register seen at several groupings, so
// the small steps add up to the large, the register grows by each step's energy, demand
// is the step's mean power, and a cost is its energy at one unit rate.
func TestReadingsAddUp(t *testing.T) {
	w := newSDLWorld(t, meterSDL, Options{})
	ask := func(query string) map[string]any { t.Helper(); return w.ask(query, nil) }
	num := func(v any) float64 {
		t.Helper()
		f, err := strconv.ParseFloat(toString(v), 64)
		if err != nil {
			t.Fatalf("%v is not a number", v)
		}
		return f
	}
	telemetry := func(grouping string) []map[string]any {
		list := ask(`{ smartMeterTelemetry(deviceId: "D1", start: "2026-12-01T06:00:00Z", end: "2026-12-01T08:00:00Z", grouping: ` + grouping + `) {
			readAt consumption demand consumptionDelta costDelta costDeltaWithTax } }`)["smartMeterTelemetry"].([]any)
		out := make([]map[string]any, len(list))
		for i, r := range list {
			out[i] = r.(map[string]any)
		}
		return out
	}
	sum := func(list []map[string]any, field string) float64 {
		var s float64
		for _, r := range list {
			s += num(r[field])
		}
		return s
	}
	hourly, half, minutes := telemetry("HOURLY"), telemetry("HALF_HOURLY"), telemetry("ONE_MINUTE")
	if len(hourly) != 2 || len(half) != 4 || len(minutes) != 120 {
		t.Fatalf("%d hours, %d half hours, %d minutes in two hours", len(hourly), len(half), len(minutes))
	}
	total := sum(hourly, "consumptionDelta")
	for name, got := range map[string]float64{"half hours": sum(half, "consumptionDelta"), "minutes": sum(minutes, "consumptionDelta")} {
		if math.Abs(got-total) > 0.06*float64(len(minutes)) {
			t.Errorf("two hours' %s add up to %.1f Wh, the hours to %.1f", name, got, total)
		}
	}
	// Two morning hours of a household: 0.1–2 kWh, stated in Wh.
	if total < 100 || total > 2000 {
		t.Errorf("two hours' consumption is %.1f Wh, want 100–2,000", total)
	}
	for i, r := range half {
		delta, demand := num(r["consumptionDelta"]), num(r["demand"])
		if i+1 < len(half) {
			if grew := num(half[i+1]["consumption"]) - num(r["consumption"]); math.Abs(grew-num(half[i+1]["consumptionDelta"])) > 0.2 {
				t.Errorf("the register grew %.1f Wh to %v, but the half hour's delta is %v", grew, half[i+1]["readAt"], half[i+1]["consumptionDelta"])
			}
		}
		if mean := delta * 2; demand < 0.8*mean || demand > 1.2*mean {
			t.Errorf("at %v the demand is %.1f W, but the half hour's mean is %.1f W", r["readAt"], demand, mean)
		}
		cost, taxed := num(r["costDelta"]), num(r["costDeltaWithTax"])
		if rate := cost / (delta / 1000); rate < 18 || rate > 30.1 {
			t.Errorf("at %v %.2f p for %.1f Wh is %.2f p/kWh, want 18–30", r["readAt"], cost, delta, rate)
		}
		if math.Abs(taxed-cost*1.05) > 0.011 {
			t.Errorf("at %v the cost with tax is %.2f p, want %.2f × 1.05", r["readAt"], taxed, cost)
		}
	}

	consumption := func(grouping, to string) []any {
		return ask(`{ meter { consumption(startAt: "2026-11-01T00:00:00Z", endAt: "` + to + `", grouping: ` + grouping + `, first: 1000) { startAt value } } }`)["meter"].(map[string]any)["consumption"].([]any)
	}
	days := consumption("DAY", "2026-11-08T00:00:00Z")
	halves := consumption("HALF_HOUR", "2026-11-08T00:00:00Z")
	if len(days) != 7 || len(halves) != 7*48 {
		t.Fatalf("%d days and %d half hours in a week", len(days), len(halves))
	}
	var week, weekHalves float64
	for _, d := range days {
		week += num(d.(map[string]any)["value"])
	}
	for _, h := range halves {
		weekHalves += num(h.(map[string]any)["value"])
	}
	if math.Abs(week-weekHalves) > 0.001*float64(len(halves)) {
		t.Errorf("a week's days add up to %.3f kWh, its half hours to %.3f", week, weekHalves)
	}
	if week < 7*5 || week > 7*25 {
		t.Errorf("a week's consumption is %.1f kWh, want 35–175", week)
	}
}

// TestDispatchesDrawAChargersPower: what lasts hours and is not a meter's reading (a
// smart-charging dispatch) draws a charger's steady power, not a household's.
func TestDispatchesDrawAChargersPower(t *testing.T) {
	w := newSDLWorld(t, meterSDL, Options{})
	seen := 0
	for _, a := range []string{"A-1", "A-2", "A-3", "A-4", "A-5", "A-6"} {
		for _, d := range w.ask(`{ plannedDispatches(accountNumber: "`+a+`") { start end delta } }`, nil)["plannedDispatches"].([]any) {
			d := d.(map[string]any)
			start, err1 := time.Parse(time.RFC3339, fmt.Sprint(d["start"]))
			end, err2 := time.Parse(time.RFC3339, fmt.Sprint(d["end"]))
			kwh, err3 := strconv.ParseFloat(fmt.Sprint(d["delta"]), 64)
			if err1 != nil || err2 != nil || err3 != nil || !end.After(start) {
				t.Fatalf("dispatch %+v", d)
			}
			if kw := kwh / end.Sub(start).Hours(); kw < 1.45 || kw > 7.35 {
				t.Errorf("a dispatch of %v h delivers %v kWh: %.2f kW, want a charger's 1.5–7.3", end.Sub(start).Hours(), kwh, kw)
			}
			seen++
		}
	}
	if seen == 0 {
		t.Fatal("no dispatches for six accounts")
	}
}

// TestEachMeterHasItsRegister: readings filtered to another meter (gas, not
// electricity) come from another register; the same filters read the same one.
func TestEachMeterHasItsRegister(t *testing.T) {
	w := newSDLWorld(t, meterSDL, Options{})
	read := func(filter string) string {
		return string(w.raw(`{ measurements(startAt: "2026-12-01T00:00:00Z", endAt: "2026-12-01T03:00:00Z", utilityFilters: `+filter+`) { readAt value } }`, nil))
	}
	gas, electricity := read(`{fuel: GAS}`), read(`{fuel: ELECTRICITY}`)
	if gas == electricity {
		t.Errorf("gas and electricity read the same: %s", gas)
	}
	if again := read(`{fuel: GAS}`); again != gas {
		t.Errorf("gas read %s, then %s", gas, again)
	}
}

func toString(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// TestRegisterOnlyGrows: every half hour draws energy, whatever the series, day and
// season, including across midnight and before the registers' origin, for gas too.
func TestRegisterOnlyGrows(t *testing.T) {
	for _, series := range []uint64{0, 1, 0xdeadbeef, math.MaxUint64} {
		for _, start := range []time.Time{registerOrigin.Add(-3 * time.Hour), testNow.Add(-72 * time.Hour), time.Date(2026, 7, 14, 21, 0, 0, 0, time.UTC)} {
			reg := regOf(series, &Meter{Season: GasSeason}, householdOf(time.UTC))
			prev := reg.at(start)
			for i := 1; i <= 6*48; i++ {
				at := start.Add(time.Duration(i) * 10 * time.Minute)
				r := reg.at(at)
				if r <= prev {
					t.Fatalf("series %x: the register fell from %.4f to %.4f at %v", series, prev, r, at)
				}
				prev = r
			}
		}
	}
}

// TestStateMetersShareARegister: every series that reads a meter state knows (by its
// smart device's id, or as its consumption) reads the same register, and costs it at
// the meter's tariff.
func TestStateMetersShareARegister(t *testing.T) {
	serial := ""
	w := newSDLWorld(t, meterSDL, Options{Meter: func(_ *Env, id string) (Meter, bool) {
		if id == "dev-1" || id == "dev-2" || id == serial {
			return Meter{Register: "M1", Rate: func(at time.Time) float64 {
				if at.Before(time.Date(2026, 12, 1, 3, 30, 0, 0, time.UTC)) {
					return 8 // a night rate
				}
				return 24
			}}, true
		}
		return Meter{}, false
	}})
	serial = w.ask(`{ meter { serialNumber } }`, nil)["meter"].(map[string]any)["serialNumber"].(string)
	const window = `start: "2026-12-01T02:00:00Z", end: "2026-12-01T06:00:00Z", grouping: HALF_HOURLY`
	tele := func(dev string) []any {
		return w.ask(`{ smartMeterTelemetry(deviceId: "`+dev+`", `+window+`) { consumptionDelta costDelta } }`, nil)["smartMeterTelemetry"].([]any)
	}
	one, two, other := tele("dev-1"), tele("dev-2"), tele("dev-9")
	if fmt.Sprint(one) != fmt.Sprint(two) || fmt.Sprint(one) == fmt.Sprint(other) {
		t.Errorf("two devices of one meter read %v and %v; another meter %v", one, two, other)
	}
	cons := w.ask(`{ meter { consumption(startAt: "2026-12-01T02:00:00Z", endAt: "2026-12-01T06:00:00Z", grouping: HALF_HOUR) { value } } }`, nil)["meter"].(map[string]any)["consumption"].([]any)
	if len(cons) != len(one) || len(one) != 8 {
		t.Fatalf("%d half hours of consumption, %d of telemetry", len(cons), len(one))
	}
	for i := range one {
		wh, _ := strconv.ParseFloat(fmt.Sprint(one[i].(map[string]any)["consumptionDelta"]), 64)
		kwh := cons[i].(map[string]any)["value"].(float64)
		if math.Abs(wh/1000-kwh) > 0.0011 {
			t.Errorf("half hour %d: telemetry %v Wh, consumption %v kWh", i, wh, kwh)
		}
		cost, _ := strconv.ParseFloat(fmt.Sprint(one[i].(map[string]any)["costDelta"]), 64)
		want := 24.0
		if i < 3 {
			want = 8
		}
		if math.Abs(cost-wh/1000*want) > 0.006 {
			t.Errorf("half hour %d: %v Wh cost %v p, want at %v p/kWh", i, wh, cost, want)
		}
	}
	// An hour costs what its half hours do, the one the rate changes in included.
	hours := w.ask(`{ smartMeterTelemetry(deviceId: "dev-1", start: "2026-12-01T02:00:00Z", end: "2026-12-01T06:00:00Z", grouping: HOURLY) { costDelta } }`, nil)["smartMeterTelemetry"].([]any)
	for h, r := range hours {
		got, _ := strconv.ParseFloat(fmt.Sprint(r.(map[string]any)["costDelta"]), 64)
		var sum float64
		for _, half := range one[2*h : 2*h+2] {
			c, _ := strconv.ParseFloat(fmt.Sprint(half.(map[string]any)["costDelta"]), 64)
			sum += c
		}
		if math.Abs(got-sum) > 0.011 {
			t.Errorf("hour %d costs %v p, its half hours %.2f p", h, got, sum)
		}
	}
}

// TestRegisterPassesThroughTheLatestReading: a state meter's register reads its latest
// reading at the time it was taken, and the one before it at its time, using between
// them what they show.
func TestRegisterPassesThroughTheLatestReading(t *testing.T) {
	readAt, since := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 10, 25, 0, 0, 0, 0, time.UTC)
	w := newSDLWorld(t, meterSDL, Options{Meter: func(_ *Env, id string) (Meter, bool) {
		return Meter{Register: "M2", ReadAt: readAt, Read: 14498.5, Since: since, PerHalfHour: 0.18}, id == "dev-1"
	}})
	week := w.ask(`{ smartMeterTelemetry(deviceId: "dev-1", start: "2026-10-25T00:00:00Z", end: "2026-11-01T00:00:00Z", grouping: HOURLY) { consumption consumptionDelta } }`, nil)["smartMeterTelemetry"].([]any)
	if len(week) != 7*24 {
		t.Fatalf("%d hours in a week", len(week))
	}
	var wh float64
	for _, h := range week {
		v, _ := strconv.ParseFloat(fmt.Sprint(h.(map[string]any)["consumptionDelta"]), 64)
		wh += v
	}
	if got := wh / 1000 / (7 * 48); math.Abs(got-0.18) > 0.002 {
		t.Errorf("a week used %.4f kWh a half hour; the readings make 0.18", got)
	}
	last, _ := strconv.ParseFloat(fmt.Sprint(week[len(week)-1].(map[string]any)["consumption"]), 64)
	if math.Abs(last/1000-14498.5) > 0.05 {
		t.Errorf("the register read %.2f kWh when the meter read 14,498.5", last/1000)
	}
}

// TestMeterMeanHalfHour: a meter's mean half hour is a year's: what its readings show,
// over the year their season makes it (a week of late October, near the year's mean, a
// little above it; January's well above), else the one its register draws, so that a
// year of its register is 365.24 days of 48 of them.
func TestMeterMeanHalfHour(t *testing.T) {
	if got := (Meter{Register: "19L3471092", PerHalfHour: 0.18}).MeanHalfHour(time.UTC); got != 0.18 {
		t.Errorf("a meter whose readings show 0.18 kWh a half hour, over no known time, means %v", got)
	}
	jan, feb := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)
	if got := (Meter{Register: "19L3471092", ReadAt: feb, Since: jan, PerHalfHour: 0.18}).MeanHalfHour(time.UTC); got < 0.145 || got > 0.155 {
		t.Errorf("January's 0.18 kWh a half hour makes a year's mean of %.3f, want about 0.18/1.2", got)
	}
	m := Meter{Register: "E6S13452871961"}
	mean := m.MeanHalfHour(time.UTC)
	start := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	if perDay := m.Use(start, start.AddDate(1, 0, 0), time.UTC) / 365; math.Abs(perDay-48*mean) > 0.01*48*mean {
		t.Errorf("the register uses %.2f kWh a day over a year; its mean half hour %.3f makes %.2f", perDay, mean, 48*mean)
	}
}

// TestSeasons: a register uses more in winter than in summer, the months reversed south
// of the equator, and gas swings more than electricity.
func TestSeasons(t *testing.T) {
	sydney, err := time.LoadLocation("Australia/Sydney")
	if err != nil {
		t.Fatal(err)
	}
	month := func(m Meter, mon time.Month, zone *time.Location) float64 {
		from := time.Date(2026, mon, 1, 0, 0, 0, 0, zone)
		return m.Use(from, from.AddDate(0, 1, 0), zone) / float64(from.AddDate(0, 1, -1).Day())
	}
	electricity, gas := Meter{Register: "E1"}, Meter{Register: "G1", Season: GasSeason}
	for _, tc := range []struct {
		name   string
		m      Meter
		zone   *time.Location
		winter time.Month
		lo, hi float64
	}{
		{"electricity in London", electricity, time.UTC, time.January, 1.35, 1.6},
		{"gas in London", gas, time.UTC, time.January, 3.5, 6},
		{"electricity in Sydney", electricity, sydney, time.July, 1.35, 1.6},
	} {
		summer := tc.winter + 6
		if summer > 12 {
			summer -= 12
		}
		if r := month(tc.m, tc.winter, tc.zone) / month(tc.m, summer, tc.zone); r < tc.lo || r > tc.hi {
			t.Errorf("%s: a winter day uses %.2f times a summer day's, want %.2f–%.2f", tc.name, r, tc.lo, tc.hi)
		}
	}
}

// TestPartsAddUpToTheirTotal: a usage split by time of use (peak, off-peak, shoulder,
// controlled load) beside its total adds up to it, the peak the largest part.
func TestPartsAddUpToTheirTotal(t *testing.T) {
	w := newSDLWorld(t, `type Query { usage: [OfferUsage] }
type OfferUsage { startAt: DateTime endAt: DateTime totalUsage: Decimal peakUsage: Decimal offPeakUsage: Decimal shoulderUsage: Decimal controlledLoadUsage: Decimal }
scalar DateTime
scalar Decimal`, Options{})
	w.env = &Env{Now: testNow, Store: NewStore(0)}
	data := w.ask(`{ usage { startAt endAt totalUsage peakUsage offPeakUsage shoulderUsage controlledLoadUsage } }`, nil)
	for _, u := range data["usage"].([]any) {
		u := u.(map[string]any)
		num := func(k string) float64 {
			f, err := strconv.ParseFloat(fmt.Sprint(u[k]), 64)
			if err != nil {
				t.Fatalf("%s = %v", k, u[k])
			}
			return f
		}
		total, peak, off, shoulder, controlled := num("totalUsage"), num("peakUsage"), num("offPeakUsage"), num("shoulderUsage"), num("controlledLoadUsage")
		if total <= 0 || math.Abs(peak+off+shoulder+controlled-total) > 0.005 || !(peak > off && off >= shoulder && shoulder > controlled) {
			t.Errorf("a usage of %v kWh is %v peak, %v off-peak, %v shoulder and %v controlled load", total, peak, off, shoulder, controlled)
		}
	}
}

// TestUsageIsAHouseholds: what a usage over a span that is no charge answers is a
// household's use (under 2.5 kW at the evening's peak), not a charger's 1.5–7.3 kW.
func TestUsageIsAHouseholds(t *testing.T) {
	w := newSDLWorld(t, `type Query { usage(accountNumber: String!): [OfferUsage] }
type OfferUsage { startAt: DateTime endAt: DateTime totalUsage: Decimal }
scalar DateTime
scalar Decimal`, Options{})
	w.env = &Env{Now: testNow, Store: NewStore(0)}
	seen := 0
	for i := range 30 {
		for _, u := range w.ask(fmt.Sprintf(`{ usage(accountNumber: "A-%08X") { startAt endAt totalUsage } }`, i), nil)["usage"].([]any) {
			u := u.(map[string]any)
			start, err1 := time.Parse(time.RFC3339, fmt.Sprint(u["startAt"]))
			end, err2 := time.Parse(time.RFC3339, fmt.Sprint(u["endAt"]))
			kwh, err3 := strconv.ParseFloat(fmt.Sprint(u["totalUsage"]), 64)
			if err1 != nil || err2 != nil || err3 != nil || !end.After(start) {
				continue
			}
			seen++
			if kw := kwh / end.Sub(start).Hours(); kw > 2.5 {
				t.Errorf("a usage of %v kWh over %v: %.2f kW", kwh, end.Sub(start), kw)
			}
		}
	}
	if seen < 20 {
		t.Fatalf("%d usages with a span", seen)
	}
}

// TestOffPeakShare reads a two-rate household's day half hour by half hour: the
// off-peak hours hold the share of the day's use its tariff says, whether they
// lie within the day (00:30–05:30) or begin the evening before (23:30–05:30, whose half
// hour before midnight is the day's own), and the day's use is the same either way.
func TestOffPeakShare(t *testing.T) {
	london, _ := time.LoadLocation("Europe/London")
	h := householdOf(london)
	day := time.Date(2026, 11, 10, 0, 0, 0, 0, london)
	tests := []struct {
		name     string
		from, to time.Duration
		halves   []int
	}{
		{"within the day", 30 * time.Minute, 5*time.Hour + 30*time.Minute, []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}},
		{"from the evening before", -30 * time.Minute, 5*time.Hour + 30*time.Minute, []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 47}},
	}
	var totals []float64
	for _, tt := range tests {
		m := &Meter{Register: "21L4381927", OffPeaks: always(OffPeak{From: tt.from, To: tt.to, Share: 0.3})}
		r := regOf(42, m, h)
		if r.shapeOn(0, 0) == nil {
			t.Fatalf("%s: no shape", tt.name)
		}
		total := r.over(span{start: day, end: day.Add(24 * time.Hour)})
		var night float64
		for _, j := range tt.halves {
			at := day.Add(time.Duration(j) * slot)
			night += r.over(span{start: at, end: at.Add(slot)})
		}
		if share := night / total; math.Abs(share-0.3) > 0.002 { // midnight's wobble moves the day's total a little
			t.Errorf("%s: %.4f of %.4f kWh off-peak, a share of %.6f", tt.name, night, total, share)
		}
		totals = append(totals, total)
	}
	if math.Abs(totals[0]-totals[1]) > 1e-9 {
		t.Errorf("the day's use %v with one window, %v with the other", totals[0], totals[1])
	}
	if shapeOf(OffPeak{From: -24 * time.Hour, To: time.Hour, Share: 0.3}) != nil || shapeOf(OffPeak{From: 2 * time.Hour, To: time.Hour, Share: 0.3}) != nil {
		t.Error("a window of more than a day, or backwards, made a shape")
	}
}

// TestShapesFollowTheTariffs reads a household that moved onto a two-rate tariff: its
// days before draw their use as a single-rate household's do, its days after draw the
// tariff's share off-peak, and each day's use is what it would have been either way.
func TestShapesFollowTheTariffs(t *testing.T) {
	london, _ := time.LoadLocation("Europe/London")
	h := householdOf(london)
	moved := time.Date(2024, 11, 1, 0, 0, 0, 0, london)
	night := OffPeak{From: -30 * time.Minute, To: 5*time.Hour + 30*time.Minute, Share: 7.0 / 24}
	r := regOf(42, &Meter{Register: "x", OffPeaks: []OffPeakFrom{{From: moved.AddDate(-2, 0, 0)}, {From: moved, OffPeak: night}}}, h)
	plain := regOf(42, &Meter{Register: "x"}, h)
	for _, tt := range []struct {
		day   time.Time
		share float64
	}{
		{moved.AddDate(0, 0, -2), 0}, // the household's own night
		{moved.AddDate(0, 0, 9), 7.0 / 24},
	} {
		day := span{start: tt.day, end: tt.day.AddDate(0, 0, 1)}
		total := r.over(day)
		if want := plain.over(day); math.Abs(total-want) > 1e-9 {
			t.Errorf("%v: the day drew %v kWh, %v on a single rate", tt.day, total, want)
		}
		off := r.over(span{start: tt.day, end: tt.day.Add(5*time.Hour + 30*time.Minute)}) + r.over(span{start: tt.day.Add(23*time.Hour + 30*time.Minute), end: day.end})
		if share := off / total; tt.share > 0 && math.Abs(share-tt.share) > 0.005 || tt.share == 0 && share > 0.2 {
			t.Errorf("%v: %.3f of the day's use off-peak", tt.day.Format(time.DateOnly), share)
		}
	}
}

// TestOffPeakKeepsTheClocks reads a London household on a tariff whose off-peak hours
// are 23:30 to 05:30 on a day of summer time: the part of its day's use its tariff
// assumes falls in those hours by the clocks (22:30 to 04:30 UTC), as its rates do.
func TestOffPeakKeepsTheClocks(t *testing.T) {
	london, _ := time.LoadLocation("Europe/London")
	night := OffPeak{From: -30 * time.Minute, To: 5*time.Hour + 30*time.Minute, Share: 7.0 / 24}
	r := regOf(42, &Meter{Register: "x", OffPeaks: always(night)}, householdOf(london))
	day := time.Date(2026, 7, 10, 0, 0, 0, 0, london) // 23:00 UTC on the 9th
	off := r.over(span{start: day.Add(-30 * time.Minute), end: day.Add(5*time.Hour + 30*time.Minute)})
	// The household's day is 00:00 to 00:00 GMT, 01:00 to 01:00 by the clocks.
	start := time.Date(2026, 7, 10, 0, 0, 0, 0, time.UTC)
	total := r.over(span{start: start, end: start.Add(24 * time.Hour)})
	if share := off / total; math.Abs(share-7.0/24) > 0.005 {
		t.Errorf("10 July: %.3f of the day's use in the off-peak hours by the clocks, want 7/24", share)
	}
}

// always are a meter's off-peak hours op on every day.
func always(op OffPeak) []OffPeakFrom { return []OffPeakFrom{{OffPeak: op}} }

// TestHouseholdKeepsTheClocks finds a household's busiest hour in January and in July,
// by its clocks: 18:00 in both, as its use keeps the clocks through summer time (before,
// its day kept standard time, and its evening peak fell at 19:00 in July).
func TestHouseholdKeepsTheClocks(t *testing.T) {
	zone, _ := time.LoadLocation("Europe/London")
	r := Meter{Register: "19L3471092"}.In(zone)
	for _, month := range []time.Month{time.January, time.July} {
		var byHour [24]float64
		start := time.Date(2026, month, 1, 0, 0, 0, 0, zone)
		for at := start; at.Before(start.AddDate(0, 1, 0)); at = at.Add(slot) {
			byHour[at.Hour()] += r.Use(at, at.Add(slot))
		}
		busiest := 0
		for h := range byHour {
			if byHour[h] > byHour[busiest] {
				busiest = h
			}
		}
		if busiest != 18 {
			t.Errorf("in %v the household's busiest hour is %02d:00", month, busiest)
		}
	}
}

// TestCutsLowerTheHouseholdsUse reads a register whose household cut its use in two
// spans (Saving Sessions it joined): over each it draws its share less than the same
// register uncut, elsewhere the same, and after them its reading is lower by what the
// cuts saved; a cut of nothing, or overlapping the one before, takes off no more.
func TestCutsLowerTheHouseholdsUse(t *testing.T) {
	london, _ := time.LoadLocation("Europe/London")
	at := func(d, h, m int) time.Time { return time.Date(2026, 11, d, h, m, 0, 0, london) }
	cuts := []Cut{
		{From: at(3, 18, 30), To: at(3, 20, 0), Share: 0.4},
		{From: at(3, 19, 0), To: at(3, 19, 30), Share: 0.9}, // inside the one before
		{From: at(10, 17, 0), To: at(10, 18, 0), Share: 0.25},
		{From: at(12, 17, 0), To: at(12, 18, 0), Share: 0},
	}
	plain := Meter{Register: "19L3471092", PerHalfHour: 0.18}.In(london)
	cut := Meter{Register: "19L3471092", PerHalfHour: 0.18, Cuts: cuts}.In(london)
	saved := 0.0
	for _, tc := range []struct {
		name     string
		from, to time.Time
		share    float64
	}{
		{"before", at(3, 17, 0), at(3, 18, 30), 0},
		{"the first", at(3, 18, 30), at(3, 20, 0), 0.4},
		{"between", at(3, 20, 0), at(10, 17, 0), 0},
		{"half the second", at(10, 17, 30), at(10, 18, 0), 0.25},
		{"the second", at(10, 17, 0), at(10, 18, 0), 0.25},
		{"one of nothing", at(12, 17, 0), at(12, 18, 0), 0},
	} {
		want := plain.reg.drawn(span{start: tc.from, end: tc.to}) * (1 - tc.share)
		if got := cut.reg.drawn(span{start: tc.from, end: tc.to}); math.Abs(got-want) > 1e-9 {
			t.Errorf("%s: %.6f kWh, want %.6f", tc.name, got, want)
		}
		if tc.name == "the first" || tc.name == "the second" {
			saved += plain.reg.drawn(span{start: tc.from, end: tc.to}) * tc.share
		}
	}
	if got := plain.reg.at(at(20, 0, 0)) - cut.reg.at(at(20, 0, 0)); saved <= 0 || math.Abs(got-saved) > 1e-9 {
		t.Errorf("after the cuts the reading is %.6f kWh lower, want %.6f", got, saved)
	}
	if got := plain.At(at(3, 18, 30)) - cut.At(at(3, 18, 30)); got != 0 {
		t.Errorf("before the cuts the reading is %.6f kWh lower", got)
	}
}

// TestRoundedOnce: energy is the register's difference with each end rounded once to
// the decimals a field answers in, so as a client adds up what it reads, in those
// decimals, the half hours make exactly their day and the days their week, the minutes
// exactly their hour, and each telemetry delta is exactly what the register grew.
func TestRoundedOnce(t *testing.T) {
	w := newSDLWorld(t, meterSDL, Options{})
	// units is v in units of the last of decimals: exact for a number so answered.
	units := func(v any, decimals int) int64 {
		t.Helper()
		f, err := strconv.ParseFloat(toString(v), 64)
		if err != nil {
			t.Fatalf("%v is not a number", v)
		}
		return int64(math.Round(f * math.Pow10(decimals)))
	}
	total := func(list []any, field string, decimals int) int64 {
		var n int64
		for _, r := range list {
			n += units(r.(map[string]any)[field], decimals)
		}
		return n
	}
	consumption := func(grouping string) []any {
		return w.ask(`{ meter { consumption(startAt: "2026-11-01T00:00:00Z", endAt: "2026-11-08T00:00:00Z", grouping: `+grouping+`, first: 1000) { value } } }`, nil)["meter"].(map[string]any)["consumption"].([]any)
	}
	week, days, halves := total(consumption("WEEK"), "value", 3), total(consumption("DAY"), "value", 3), total(consumption("HALF_HOUR"), "value", 3)
	if week != days || days != halves || week == 0 {
		t.Errorf("a week is %d Wh, its days add up to %d, its half hours to %d", week, days, halves)
	}
	telemetry := func(grouping string) []any {
		return w.ask(`{ smartMeterTelemetry(deviceId: "D1", start: "2026-12-01T06:00:00Z", end: "2026-12-01T08:00:00Z", grouping: `+grouping+`) { consumption consumptionDelta } }`, nil)["smartMeterTelemetry"].([]any)
	}
	hours, minutes := telemetry("HOURLY"), telemetry("ONE_MINUTE")
	if h, m := total(hours, "consumptionDelta", 4), total(minutes, "consumptionDelta", 4); h != m || h == 0 {
		t.Errorf("two hours are %d × 0.0001 Wh, their minutes %d", h, m)
	}
	for i := 1; i < len(minutes); i++ {
		r, prev := minutes[i].(map[string]any), minutes[i-1].(map[string]any)
		if grew := units(r["consumption"], 4) - units(prev["consumption"], 4); grew != units(r["consumptionDelta"], 4) {
			t.Fatalf("minute %d: the register grew %d × 0.0001 Wh, the delta is %v", i, grew, r["consumptionDelta"])
		}
	}
}
