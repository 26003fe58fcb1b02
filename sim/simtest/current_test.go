package simtest_test

import (
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/ratelimit"
	"github.com/krakensim/krakensim/sim/simtest"
)

// demoCar is the demo household's car (A-7B3E9D12), smart charged on Intelligent Octopus Go.
const demoCar = "00000000-0002-4000-8020-0000000a7b3e"

// advance moves c's session clock on by d and signs the demo user in afresh, as a
// client whose token has lived its hour does.
func advance(c *simtest.Client, d time.Duration) {
	c.AdvanceClock(d)
	c.SignIn("demo@krakensim.dev", "krakensim")
}

const flexAndPlanned = `query($d: String!, $a: String!) {
  flexPlannedDispatches(deviceId: $d) { start end type energyAddedKwh }
  plannedDispatches(accountNumber: $a) { start end delta meta { source } }
}`

// TestFlexPlannedDispatchesArePlannedDispatches asks a car's planned dispatches by its
// device id, as clients do since plannedDispatches was deprecated, through the night
// and a boost: they are its owner's plannedDispatches, slot for slot, the energy they
// add the energy those draw (negative, an import, as captured answers give it), and
// their type what asked for them.
func TestFlexPlannedDispatchesArePlannedDispatches(t *testing.T) {
	_, c := current(t)
	q := mustQuery(t, c)
	vars := map[string]any{"d": demoCar, "a": "A-7B3E9D12"}
	kinds := map[string]string{"smart-charge": "SMART", "bump-charge": "BOOST", "test-charge": "TEST"}
	seen := map[string]bool{}
	for _, step := range []struct {
		advance time.Duration
		boost   bool
	}{{0, false}, {14 * time.Hour, false}, {90 * time.Minute, false}, {13 * time.Hour, true}} {
		advance(c, step.advance)
		if step.boost {
			q(`mutation($d: String!) { updateBoostCharge(input: {deviceId: $d, action: BOOST}) { id } }`, map[string]any{"d": demoCar})
		}
		out := q(flexAndPlanned, vars)
		flex, planned := out["flexPlannedDispatches"].([]any), out["plannedDispatches"].([]any)
		if len(flex) != len(planned) {
			t.Fatalf("after %v: %d flex dispatches, %d planned: %v %v", step.advance, len(flex), len(planned), flex, planned)
		}
		for i := range flex {
			f, p := flex[i].(map[string]any), planned[i].(map[string]any)
			added, _ := strconv.ParseFloat(f["energyAddedKwh"].(string), 64)
			delta, _ := strconv.ParseFloat(p["delta"].(string), 64)
			source := simtest.Get(p, "meta", "source").(string)
			if f["start"] != p["start"] || f["end"] != p["end"] || added >= 0 || added != delta || f["type"] != kinds[source] {
				t.Errorf("after %v: flex %v, planned %v", step.advance, f, p)
			}
			seen[f["type"].(string)] = true
		}
	}
	if !seen["SMART"] || !seen["BOOST"] {
		t.Errorf("types seen %v, want SMART and BOOST", seen)
	}
}

// TestFlexPlannedDispatchesOfOthers asks for the planned dispatches of a car the viewer
// does not own, and of a device no one has: Unauthorized, as Kraken answers both; its
// own smart meter, which no one smart charges, plans none.
func TestFlexPlannedDispatchesOfOthers(t *testing.T) {
	_, c := current(t)
	const op = `query($d: String!) { flexPlannedDispatches(deviceId: $d) { start } }`
	if code := graphqlCode(t, c, op, map[string]any{"d": "00000000-0000-4000-8000-000000000000"}); code != "KT-CT-1111" {
		t.Errorf("an unknown device: %q", code)
	}
	out := mustQuery(t, c)(op, map[string]any{"d": "94-D3-0F-FD-F7-42-23-70"})
	if got := out["flexPlannedDispatches"].([]any); len(got) != 0 {
		t.Errorf("the household's smart meter, no car, plans %v", got)
	}
	c.SignIn("solar@krakensim.dev", "krakensim")
	if code := graphqlCode(t, c, op, map[string]any{"d": demoCar}); code != "KT-CT-1111" {
		t.Errorf("another's car: %q", code)
	}
}

// TestFlexPlannedDispatchesAlone removes plannedDispatches from the SDL, as Octopus
// has since January 2026: a car's dispatches are those plannedDispatches lists where
// it is, and its state
// still says its smart charge is planned while they list one.
func TestFlexPlannedDispatchesAlone(t *testing.T) {
	_, c := currentEdited(t, func(sdl string) string {
		return strings.Replace(sdl, "plannedDispatches(accountNumber: String!): [UpsideDispatchType]", "", 1)
	}, nil)
	_, beside := current(t)
	q, qb := mustQuery(t, c), mustQuery(t, beside)
	const op = `query($d: String!) {
  flexPlannedDispatches(deviceId: $d) { start end }
  devices(accountNumber: "A-7B3E9D12", deviceId: $d) { status { currentState } }
}`
	states := map[string]bool{}
	for h := 0; h < 24; h++ {
		out := q(op, map[string]any{"d": demoCar})
		state := simtest.Get(out, "devices", 0, "status", "currentState")
		want := "SMART_CONTROL_CAPABLE"
		if len(out["flexPlannedDispatches"].([]any)) > 0 {
			want = "SMART_CONTROL_IN_PROGRESS"
		}
		if state != want {
			t.Errorf("hour %d: %v with dispatches %v", h, state, out["flexPlannedDispatches"])
		}
		if b := qb(`{ plannedDispatches(accountNumber: "A-7B3E9D12") { start end } }`, nil)["plannedDispatches"]; !reflect.DeepEqual(out["flexPlannedDispatches"], b) {
			t.Errorf("hour %d: %v alone, %v planned where plannedDispatches is", h, out["flexPlannedDispatches"], b)
		}
		states[want] = true
		advance(c, time.Hour)
		advance(beside, time.Hour)
	}
	if !states["SMART_CONTROL_IN_PROGRESS"] {
		t.Errorf("no plan in a day: %v", states)
	}
}

// TestMeterPointDirection reads which way each of a household's electricity supplies
// flows: the solar home's import and export, the demo home's import.
func TestMeterPointDirection(t *testing.T) {
	_, c := current(t)
	const op = `query($a: String!) { account(accountNumber: $a) { properties { electricityMeterPoints { mpan direction } } } }`
	for _, tc := range []struct{ user, account, want string }{
		{"demo@krakensim.dev", "A-7B3E9D12", "IMPORT"},
		{"solar@krakensim.dev", "A-6D4F2E88", "IMPORT EXPORT"},
	} {
		c.SignIn(tc.user, "krakensim")
		var got []string
		for _, p := range simtest.Get(mustQuery(t, c)(op, map[string]any{"a": tc.account}), "account", "properties", 0, "electricityMeterPoints").([]any) {
			got = append(got, p.(map[string]any)["direction"].(string))
		}
		if strings.Join(got, " ") != tc.want {
			t.Errorf("%s: %v, want %s", tc.account, got, tc.want)
		}
	}
}

const weekQuery = `{ devices(accountNumber: "A-7B3E9D12") { ... on SmartFlexVehicle {
  chargingPreferences { weekdayTargetTime weekdayTargetSoc weekendTargetTime weekendTargetSoc }
  preferences { mode unit targetType isChargingDurationCapped schedules { dayOfWeek time min max upperLimit } }
  status { ... on SmartFlexVehicleStatus { stateOfChargeLimit { upperSocLimit } } }
} } }`

// week is the car's schedule as "DAY hh:mm:ss max" lines, and its chargingPreferences
// as the same for a weekday and a weekend day.
func week(t *testing.T, out map[string]any) (sched, prefs string) {
	t.Helper()
	var days []string
	for _, d := range simtest.Get(out, "devices", 0, "preferences", "schedules").([]any) {
		m := d.(map[string]any)
		if m["min"] != nil {
			t.Errorf("%s: min %v, where none was set", m["dayOfWeek"], m["min"])
		}
		if m["upperLimit"] != nil {
			t.Errorf("%s: upperLimit %v for a car that sends no power back", m["dayOfWeek"], m["upperLimit"])
		}
		days = append(days, m["dayOfWeek"].(string)+" "+m["time"].(string)+" "+fmt.Sprint(m["max"].(float64)))
	}
	cp := simtest.Get(out, "devices", 0, "chargingPreferences").(map[string]any)
	at := func(day, kind string) string {
		return day + " " + cp[kind+"TargetTime"].(string) + " " + strconv.FormatFloat(cp[kind+"TargetSoc"].(float64), 'f', -1, 64)
	}
	var want []string
	for _, d := range []string{"MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"} {
		want = append(want, at(d, "weekday"))
	}
	want = append(want, at("SATURDAY", "weekend"), at("SUNDAY", "weekend"))
	return strings.Join(days, ", "), strings.Join(want, ", ")
}

// TestDeviceSchedule reads the car's week as newer SDLs' preferences state it, then
// sets it as the Octopus app does: each day is what its charging preferences state for
// its kind of day, before and after, and the app's setting is theirs.
func TestDeviceSchedule(t *testing.T) {
	_, c := current(t)
	q := mustQuery(t, c)
	out := q(weekQuery, nil)
	if sched, prefs := week(t, out); sched != prefs {
		t.Errorf("made up: schedule %s\npreferences %s", sched, prefs)
	}
	p := simtest.Get(out, "devices", 0, "preferences").(map[string]any)
	if p["mode"] != "CHARGE" || p["unit"] != "PERCENTAGE" || p["targetType"] != "ABSOLUTE_STATE_OF_CHARGE" || p["isChargingDurationCapped"] != "DISABLED" {
		t.Errorf("a car's preferences: %v", p)
	}
	var sched []any
	for _, d := range []string{"MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"} {
		at, most := "07:30", 69.0
		if d == "SATURDAY" || d == "SUNDAY" {
			at, most = "09:00", 80
		}
		sched = append(sched, map[string]any{"dayOfWeek": d, "time": at, "max": most})
	}
	// The older mutation first, then the app's: every field reads the app's.
	q(`mutation { setVehicleChargePreferences(input: {accountNumber: "A-7B3E9D12", weekdayTargetSoc: 90,
		weekdayTargetTime: "07:00", weekendTargetSoc: 80, weekendTargetTime: "08:00"}) { krakenflexDevice { krakenflexDeviceId } } }`, nil)
	q(`mutation($in: SmartFlexDevicePreferencesInput!) { setDevicePreferences(input: $in) { id } }`,
		map[string]any{"in": map[string]any{"deviceId": demoCar, "mode": "CHARGE", "unit": "PERCENTAGE", "schedules": sched}})
	// An empty week leaves the targets as they are.
	q(`mutation($in: SmartFlexDevicePreferencesInput!) { setDevicePreferences(input: $in) { id } }`,
		map[string]any{"in": map[string]any{"deviceId": demoCar, "mode": "CHARGE", "unit": "PERCENTAGE", "schedules": []any{}}})
	sched2, prefs := week(t, q(weekQuery, nil))
	const want = "MONDAY 07:30:00 69, TUESDAY 07:30:00 69, WEDNESDAY 07:30:00 69, THURSDAY 07:30:00 69, FRIDAY 07:30:00 69, SATURDAY 09:00:00 80, SUNDAY 09:00:00 80"
	if sched2 != want || prefs != want {
		t.Errorf("set: schedule %s\npreferences %s\nwant %s", sched2, prefs, want)
	}
	old := simtest.Get(q(`{ vehicleChargingPreferences(accountNumber: "A-7B3E9D12") { weekdayTargetTime weekdayTargetSoc } }`, nil), "vehicleChargingPreferences")
	if m := old.(map[string]any); m["weekdayTargetTime"] != "07:30" || m["weekdayTargetSoc"] != float64(69) {
		t.Errorf("the older field: %v", old)
	}
}

// TestDeviceScheduleDayByDay sets the car's week a different target each day, as the
// Octopus app can: the schedule reads back day by day, the older fields state its first
// weekday and first weekend day, a day set alone moves only that day, and each morning's
// target is its own day's (a Tuesday's night charges to Wednesday's); writing the older
// fields sets every day of their kind again.
func TestDeviceScheduleDayByDay(t *testing.T) {
	_, c := current(t)
	q := mustQuery(t, c)
	set := func(days ...[3]any) {
		var sched []any
		for _, d := range days {
			sched = append(sched, map[string]any{"dayOfWeek": d[0], "time": d[1], "max": d[2]})
		}
		q(`mutation($in: SmartFlexDevicePreferencesInput!) { setDevicePreferences(input: $in) { id } }`,
			map[string]any{"in": map[string]any{"deviceId": demoCar, "mode": "CHARGE", "unit": "PERCENTAGE", "schedules": sched}})
	}
	schedule := func() string {
		sched, _ := week(t, q(weekQuery, nil))
		return sched
	}
	set([3]any{"MONDAY", "05:00", 50}, [3]any{"TUESDAY", "05:30", 55}, [3]any{"WEDNESDAY", "06:00", 60}, [3]any{"THURSDAY", "06:30", 65},
		[3]any{"FRIDAY", "07:00", 70}, [3]any{"SATURDAY", "10:00", 75}, [3]any{"SUNDAY", "11:00", 80})
	const want = "MONDAY 05:00:00 50, TUESDAY 05:30:00 55, WEDNESDAY 06:00:00 60, THURSDAY 06:30:00 65, FRIDAY 07:00:00 70, SATURDAY 10:00:00 75, SUNDAY 11:00:00 80"
	if got := schedule(); got != want {
		t.Errorf("set day by day: %s\nwant %s", got, want)
	}
	cp := simtest.Get(q(weekQuery, nil), "devices", 0, "chargingPreferences").(map[string]any)
	if cp["weekdayTargetSoc"] != float64(50) || cp["weekdayTargetTime"] != "05:00:00" || cp["weekendTargetSoc"] != float64(75) || cp["weekendTargetTime"] != "10:00:00" {
		t.Errorf("the older fields after a week set day by day: %v", cp)
	}
	set([3]any{"THURSDAY", "04:00", 90})
	if got, want := schedule(), strings.Replace(want, "THURSDAY 06:30:00 65", "THURSDAY 04:00:00 90", 1); got != want {
		t.Errorf("Thursday set alone: %s\nwant %s", got, want)
	}
	// 2 December 2026 is a Wednesday: tonight charges the car for Thursday's 90%, as far
	// as its limit lets it; the night after for Friday's 70%.
	advance(c, 14*time.Hour) // 23:00
	tonight := walkCar(t, c)
	if want := min(90, tonight.limit); math.Abs(tonight.soc+tonight.before(time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC))/57.5*100-want) > 1 {
		t.Errorf("Wednesday night: at %v%%, %.3f kWh planned, Thursday's target %v%%", tonight.soc, tonight.before(time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC)), want)
	}
	advance(c, 8*time.Hour) // Thursday 07:00
	if thursday := walkCar(t, c); math.Abs(thursday.soc-min(90, thursday.limit)) > 1 {
		t.Errorf("Thursday morning at %v%%, its target 90%%, its limit %v%%", thursday.soc, thursday.limit)
	}
	q(`mutation { setVehicleChargePreferences(input: {accountNumber: "A-7B3E9D12", weekdayTargetSoc: 85,
		weekdayTargetTime: "07:00", weekendTargetSoc: 70, weekendTargetTime: "09:00"}) { __typename } }`, nil)
	if sched, prefs := week(t, q(weekQuery, nil)); sched != prefs || !strings.HasPrefix(sched, "MONDAY 07:00:00 85") {
		t.Errorf("the older fields set after: schedule %s\npreferences %s", sched, prefs)
	}
}

// TestDeviceScheduleRefused sets days no one could mean, and a car's week in a heat
// pump's mode or unit, which its preferenceSetting does not offer: refused with the
// validation error the mutation documents, the input named, and nothing changed (its
// mode, unit and kind of target neither).
func TestDeviceScheduleRefused(t *testing.T) {
	_, c := current(t)
	q := mustQuery(t, c)
	before, _ := week(t, q(weekQuery, nil))
	settings := func() string {
		p := simtest.Get(q(weekQuery, nil), "devices", 0, "preferences").(map[string]any)
		return fmt.Sprint(p["mode"], " ", p["unit"], " ", p["targetType"])
	}
	was := settings()
	for _, tc := range []struct {
		mode, unit string
		day        map[string]any
		path       string
	}{
		{"CHARGE", "PERCENTAGE", map[string]any{"dayOfWeek": "TUESDAY", "time": "13:00", "max": 80}, "input schedules 1 time"},
		{"CHARGE", "PERCENTAGE", map[string]any{"dayOfWeek": "TUESDAY", "time": "07:00", "max": 150}, "input schedules 1 max"},
		{"HEAT", "CELSIUS", map[string]any{"dayOfWeek": "TUESDAY", "time": "05:00", "max": 20}, "input mode"},
		{"CHARGE", "CELSIUS", map[string]any{"dayOfWeek": "TUESDAY", "time": "05:00", "max": 20}, "input unit"},
		{"COOL", "PERCENTAGE", map[string]any{"dayOfWeek": "TUESDAY", "time": "05:00", "max": 80}, "input mode"},
	} {
		out := c.Query(`mutation($in: SmartFlexDevicePreferencesInput!) { setDevicePreferences(input: $in) { id } }`,
			map[string]any{"in": map[string]any{"deviceId": demoCar, "mode": tc.mode, "unit": tc.unit,
				"schedules": []any{map[string]any{"dayOfWeek": "MONDAY", "time": "06:00", "max": 90}, tc.day}}})
		if len(out.Errors) != 1 || out.Errors[0].Code() != "KT-CT-4321" {
			t.Fatalf("%v: %+v", tc.day, out.Errors)
		}
		ve := out.Errors[0].Extensions["validationErrors"].([]any)[0].(map[string]any)
		var path []string
		for _, p := range ve["inputPath"].([]any) {
			path = append(path, fmt.Sprint(p))
		}
		if got := strings.Join(path, " "); got != tc.path {
			t.Errorf("%v: inputPath %v, want %s", tc.day, ve["inputPath"], tc.path)
		}
		if after, _ := week(t, q(weekQuery, nil)); after != before {
			t.Errorf("%v changed the week: %s", tc.day, after)
		}
		if got := settings(); got != was {
			t.Errorf("%s in %s changed the preferences to %s (from %s)", tc.mode, tc.unit, got, was)
		}
	}
}

const carQuery = `query($d: String!) {
  devices(accountNumber: "A-7B3E9D12") { ... on SmartFlexVehicle {
    chargePointPowerOutput vehicleBatterySize
    chargingPreferences { weekdayTargetSoc weekendTargetSoc }
    status { ... on SmartFlexVehicleStatus { stateOfCharge { value timestamp } stateOfChargeLimit { upperSocLimit } } }
  } }
  flexPlannedDispatches(deviceId: $d) { start end energyAddedKwh }
}`

// TestCarStateOfCharge walks a day and a night in half hours: the car's charge is never
// over its limit, and is of now; in the night it is its target short of what the plan has still to put
// in, and at its target once the plan is done. It charges at its charger's 7.4 kW, as
// boosts draw: a boost fills it as it draws, not when it is asked for.
func TestCarStateOfCharge(t *testing.T) {
	_, c := current(t)
	q := mustQuery(t, c)
	vars := map[string]any{"d": demoCar}
	num := func(v any) float64 {
		f, _ := strconv.ParseFloat(fmt.Sprint(v), 64)
		return f
	}
	now := time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)
	nights := 0
	for step := 0; step < 48; step++ {
		out := q(carQuery, vars)
		car := simtest.Get(out, "devices", 0).(map[string]any)
		soc := num(simtest.Get(car, "status", "stateOfCharge", "value"))
		limit := num(simtest.Get(car, "status", "stateOfChargeLimit", "upperSocLimit"))
		capacity := num(car["vehicleBatterySize"])
		if car["chargePointPowerOutput"] != "7.40" || capacity <= 0 {
			t.Fatalf("power %v, battery %v", car["chargePointPowerOutput"], car["vehicleBatterySize"])
		}
		if soc < 0 || soc > limit {
			t.Errorf("%s: charge %v%% over its limit %v%%", now.Format(time.RFC3339), soc, limit)
		}
		if at := simtest.Get(car, "status", "stateOfCharge", "timestamp"); at != now.Format("2006-01-02T15:04:05+00:00") {
			t.Errorf("%s: the charge is of %v", now.Format(time.RFC3339), at)
		}
		if h := now.Hour(); h >= 19 || h < 7 {
			morning := time.Date(now.Year(), now.Month(), now.Day(), 7, 0, 0, 0, time.UTC)
			if h >= 19 {
				morning = morning.AddDate(0, 0, 1)
			}
			day := "weekday" // Wednesday to Friday: the mornings' targets are the same
			top := min(num(simtest.Get(car, "chargingPreferences", day+"TargetSoc")), limit)
			left := 0.0
			for _, d := range out["flexPlannedDispatches"].([]any) {
				m := d.(map[string]any)
				start, _ := time.Parse(time.RFC3339, m["start"].(string))
				end, _ := time.Parse(time.RFC3339, m["end"].(string))
				if end.After(now) && start.Before(morning) {
					from := start
					if now.After(from) {
						from = now
					}
					left += -num(m["energyAddedKwh"]) * float64(end.Sub(from)) / float64(end.Sub(start))
				}
			}
			if want := math.Round(top - left/capacity*100); soc != want {
				t.Errorf("%s: charge %v%%, want %v%% (target %v, %.3f kWh still planned)", now.Format(time.RFC3339), soc, want, top, left)
			}
			nights++
		}
		advance(c, 30*time.Minute)
		now = now.Add(30 * time.Minute)
	}
	if nights < 20 {
		t.Errorf("only %d half hours of night walked", nights)
	}
	// A boost on Thursday morning fills it as it draws, half hour by half hour.
	soc := func() float64 {
		return num(simtest.Get(q(carQuery, vars), "devices", 0, "status", "stateOfCharge", "value"))
	}
	before := soc()
	q(`mutation($d: String!) { updateBoostCharge(input: {deviceId: $d, action: BOOST}) { id } }`, vars)
	if at := soc(); at != before {
		t.Errorf("a boost just asked for moved the charge from %v%% to %v%%", before, at)
	}
	advance(c, 30*time.Minute)
	if after := soc(); after < before+4 || after > before+7 {
		t.Errorf("half an hour's boost at 7.4 kW into a 57.5 kWh battery took it from %v%% to %v%%", before, after)
	}
}

// carWalk is one half hour of a walk through the car's nights: its charge and limit,
// the targets its preferences set, and the smart charge planned from then on.
type carWalk struct {
	soc, limit, weekday, weekend float64
	plan                         []planned
}

// planned is a planned dispatch: its start, end and the energy it puts in, in kWh.
type planned struct {
	start, end time.Time
	kwh        float64
}

// walkCar reads the demo car as carQuery asks it, at the session's time now.
func walkCar(t *testing.T, c *simtest.Client) carWalk {
	t.Helper()
	out := mustQuery(t, c)(carQuery, map[string]any{"d": demoCar})
	num := func(v any) float64 {
		f, err := strconv.ParseFloat(fmt.Sprint(v), 64)
		if err != nil {
			t.Fatalf("%v: %v", v, err)
		}
		return f
	}
	car := simtest.Get(out, "devices", 0)
	w := carWalk{soc: num(simtest.Get(car, "status", "stateOfCharge", "value")), limit: num(simtest.Get(car, "status", "stateOfChargeLimit", "upperSocLimit")),
		weekday: num(simtest.Get(car, "chargingPreferences", "weekdayTargetSoc")), weekend: num(simtest.Get(car, "chargingPreferences", "weekendTargetSoc"))}
	for _, d := range out["flexPlannedDispatches"].([]any) {
		m := d.(map[string]any)
		start, _ := time.Parse(time.RFC3339, m["start"].(string))
		end, _ := time.Parse(time.RFC3339, m["end"].(string))
		w.plan = append(w.plan, planned{start, end, -num(m["energyAddedKwh"])})
	}
	return w
}

// before is the energy in kWh the plan dispatches before t.
func (w carWalk) before(t time.Time) float64 {
	var kwh float64
	for _, p := range w.plan {
		if p.start.Before(t) {
			kwh += p.kwh
		}
	}
	return kwh
}

// charging reports whether the plan dispatches a charge in the half hour from now.
func (w carWalk) charging(now time.Time) bool {
	for _, p := range w.plan {
		if p.start.Before(now.Add(30*time.Minute)) && p.end.After(now) {
			return true
		}
	}
	return false
}

// TestCarChargeFollowsItsTargets walks the demo car from Friday afternoon to Monday
// morning in half hours, its weekend's target below its weekday's, then writes its
// targets on Sunday evening. Its charge never jumps: it rises only in a dispatched half
// hour, by at most what 7.4 kW puts in 57.5 kWh, and falls only as it is driven; each
// morning it is at its target as far as its limit lets it, above it only where the night
// charged nothing. Writing today's target moves neither the charge nor tonight's plan;
// writing tomorrow's sizes tonight's plan to reach it.
func TestCarChargeFollowsItsTargets(t *testing.T) {
	_, c := current(t)
	now := time.Date(2026, 12, 4, 16, 0, 0, 0, time.UTC) // a Friday
	advance(c, now.Sub(time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)))
	const capacity, halfHour = 57.5, 7.4 / 2 / 57.5 * 100
	walk := func(until time.Time) carWalk {
		prev := walkCar(t, c)
		charged := false // in the night so far
		if prev.weekday <= prev.weekend {
			t.Fatalf("targets %v on weekdays, %v at weekends: the walk wants the weekend's lower", prev.weekday, prev.weekend)
		}
		for now.Before(until) {
			advance(c, 30*time.Minute)
			at := now
			now = now.Add(30 * time.Minute)
			w := walkCar(t, c)
			step := w.soc - prev.soc
			charged = charged || prev.charging(at)
			switch {
			case w.soc < 0 || w.soc > w.limit:
				t.Errorf("%v: charge %v%%, limit %v%%", now, w.soc, w.limit)
			case step > 0 && !prev.charging(at):
				t.Errorf("%v: the charge rose from %v%% to %v%% with no charge dispatched", now, prev.soc, w.soc)
			case step > halfHour+1 || step < -2:
				t.Errorf("%v: the charge moved from %v%% to %v%% in half an hour", now, prev.soc, w.soc)
			}
			if now.Hour() == 7 && now.Minute() == 0 {
				top := w.weekday
				if wd := now.Weekday(); wd == time.Saturday || wd == time.Sunday {
					top = w.weekend
				}
				top = min(top, w.limit)
				if w.soc < top-1 {
					t.Errorf("%v: the morning's charge %v%% short of its target %v%%", now, w.soc, top)
				}
				if w.soc > top+1 && charged {
					t.Errorf("%v: the night charged it to %v%%, over its target %v%%", now, w.soc, top)
				}
				charged = false
			}
			prev = w
		}
		return prev
	}
	sunday := walk(time.Date(2026, 12, 6, 20, 0, 0, 0, time.UTC))
	monday := time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC)
	set := func(weekday, weekend int) carWalk {
		mustQuery(t, c)(fmt.Sprintf(`mutation { setVehicleChargePreferences(input: {accountNumber: "A-7B3E9D12", weekdayTargetSoc: %d,
			weekdayTargetTime: "07:00", weekendTargetSoc: %d, weekendTargetTime: "09:00"}) { __typename } }`, weekday, weekend), nil)
		return walkCar(t, c)
	}
	today := set(int(sunday.weekday), int(sunday.weekend)-20)
	if today.soc != sunday.soc || today.before(monday) != sunday.before(monday) {
		t.Errorf("Sunday's target lowered on Sunday evening: charge %v%% → %v%%, tonight's plan %.3f → %.3f kWh", sunday.soc, today.soc, sunday.before(monday), today.before(monday))
	}
	target := math.Min(sunday.limit, sunday.soc+20)
	tomorrow := set(int(target), int(sunday.weekend)-20)
	if want := (target - tomorrow.soc) / 100 * capacity; tomorrow.soc != sunday.soc || math.Abs(tomorrow.before(monday)-want) > 0.006*capacity {
		t.Errorf("Monday's target set to %v%% from %v%%: %.3f kWh planned tonight, want %.3f", target, tomorrow.soc, tomorrow.before(monday), want)
	}
	walk(time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC))
}

// TestSuspendedCarChargesFromPlugIn suspends the demo car's smart control on Sunday
// afternoon: plugged in at 18:00, it charges at once, by at most what 7.4 kW puts in half
// an hour, with nothing dispatched, to Monday's target as far as its limit lets it; its
// charge never falls once it is no longer driven (at 19:00), at the night's start too.
func TestSuspendedCarChargesFromPlugIn(t *testing.T) {
	_, c := current(t)
	now := time.Date(2026, 12, 6, 16, 0, 0, 0, time.UTC) // a Sunday
	advance(c, now.Sub(time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)))
	mustQuery(t, c)(`mutation($d: ID!) { updateDeviceSmartControl(input: {deviceId: $d, action: SUSPEND}) { __typename } }`, map[string]any{"d": demoCar})
	prev := walkCar(t, c)
	const halfHour = 7.4 / 2 / 57.5 * 100
	rose := false
	for now.Before(time.Date(2026, 12, 7, 1, 0, 0, 0, time.UTC)) {
		advance(c, 30*time.Minute)
		now = now.Add(30 * time.Minute)
		w := walkCar(t, c)
		step := w.soc - prev.soc
		rose = rose || step > 0
		switch {
		case len(w.plan) > 0:
			t.Errorf("%v: suspended, yet %d dispatches planned", now, len(w.plan))
		case step > 0 && now.Hour() < 18 && now.Hour() > 12:
			t.Errorf("%v: the charge rose from %v%% to %v%% before the car was plugged in", now, prev.soc, w.soc)
		case step > halfHour+1 || step < 0 && (now.Hour() > 19 || now.Hour() < 12):
			t.Errorf("%v: the charge moved from %v%% to %v%% in half an hour", now, prev.soc, w.soc)
		}
		prev = w
	}
	if top := min(prev.weekday, prev.limit); !rose || math.Abs(prev.soc-top) > 1 {
		t.Errorf("suspended, the car charged to %v%% by 01:00 (rose %v), Monday's target %v%%", prev.soc, rose, top)
	}
}

// TestTelemetryExport reads the solar home's smart meter live, as newer SDLs give it
// (export beside consumption): its export register rises half hour by half hour by what
// its export supply's consumption reads then, and its demand is net of it (negative
// while the home exports); a home without export sends none out.
func TestTelemetryExport(t *testing.T) {
	_, c := current(t)
	c.SignIn("solar@krakensim.dev", "krakensim")
	q := mustQuery(t, c)
	points := simtest.Get(q(`{ account(accountNumber: "A-6D4F2E88") { properties { electricityMeterPoints { direction meters {
		smartImportElectricityMeter { deviceId }
		consumption(startAt: "2026-12-01T09:00:00Z", grouping: HALF_HOUR, timezone: "Europe/London", first: 12) { edges { node { startAt value } } }
	} } } } }`, nil), "account", "properties", 0, "electricityMeterPoints").([]any)
	exported, device := map[int64]float64{}, ""
	for _, p := range points {
		meter := simtest.Get(p, "meters", 0)
		if simtest.Get(p, "direction") == "IMPORT" {
			device = simtest.Get(meter, "smartImportElectricityMeter", "deviceId").(string)
			continue
		}
		for _, e := range simtest.Get(meter, "consumption", "edges").([]any) {
			v, _ := strconv.ParseFloat(simtest.Get(e, "node", "value").(string), 64)
			at, _ := time.Parse(time.RFC3339, simtest.Get(e, "node", "startAt").(string))
			exported[at.Unix()] = v * 1000
		}
	}
	const telemetry = `query($d: String!) { smartMeterTelemetry(deviceId: $d, grouping: HALF_HOURLY, start: "2026-12-01T09:00:00Z", end: "2026-12-01T15:00:00Z") { readAt consumption export demand } }`
	reads := q(telemetry, map[string]any{"d": device})["smartMeterTelemetry"].([]any)
	if device == "" || len(reads) != 12 || len(exported) != 12 {
		t.Fatalf("device %q, %d reads, %d half hours of export", device, len(reads), len(exported))
	}
	var sum float64
	exporting := 0
	for i := 1; i < len(reads); i++ {
		prev, _ := strconv.ParseFloat(simtest.Get(reads[i-1], "export").(string), 64)
		cur, _ := strconv.ParseFloat(simtest.Get(reads[i], "export").(string), 64)
		at, _ := time.Parse(time.RFC3339, simtest.Get(reads[i], "readAt").(string))
		want, ok := exported[at.Unix()]
		if !ok || math.Abs(cur-prev-want) > 0.5 {
			t.Errorf("%s: the register rose %.1f Wh, the export supply read %.1f (%v)", at, cur-prev, want, ok)
		}
		sum += cur - prev
		// demand is the mean net power, in W, over the half hour: what the home drew less
		// what it sent out.
		in0, _ := strconv.ParseFloat(simtest.Get(reads[i-1], "consumption").(string), 64)
		in1, _ := strconv.ParseFloat(simtest.Get(reads[i], "consumption").(string), 64)
		demand, _ := strconv.ParseFloat(simtest.Get(reads[i], "demand").(string), 64)
		drew, sent := 2*(in1-in0), 2*(cur-prev)
		if math.Abs(demand-(drew-sent)) > 1 {
			t.Errorf("%s: demand %.1f W, drawing %.1f W and sending out %.1f W", at, demand, drew, sent)
		}
		if demand < 0 {
			exporting++
		}
	}
	if sum <= 0 || exporting == 0 {
		t.Errorf("around a December noon: %.1f Wh sent out, a negative demand in %d half hours", sum, exporting)
	}
	c.SignIn("demo@krakensim.dev", "krakensim")
	for _, r := range q(telemetry, map[string]any{"d": "94-D3-0F-FD-F7-42-23-70"})["smartMeterTelemetry"].([]any) {
		if v := simtest.Get(r, "export"); v != "0.0000" {
			t.Fatalf("the demo home, without export, reads export %v", v)
		}
	}
}

// TestUpdateBoostChargeRefusals boosts the car by its device id, as the app does, where
// it cannot boost: while a boost is under way and while its smart control is suspended,
// KT-CT-4357 with the reason, as clients' captured refusals give it.
func TestUpdateBoostChargeRefusals(t *testing.T) {
	_, c := current(t)
	q := mustQuery(t, c)
	const boost = `mutation($d: String!) { updateBoostCharge(input: {deviceId: $d, action: BOOST}) { id } }`
	vars := map[string]any{"d": demoCar}
	q(boost, vars)
	boostRefused(t, c, boost, vars, "BC_BOOST_CHARGE_IN_PROGRESS")
	q(`mutation($d: String!) { updateBoostCharge(input: {deviceId: $d, action: CANCEL}) { id } }`, vars)
	q(`mutation($d: ID!) { updateDeviceSmartControl(input: {deviceId: $d, action: SUSPEND}) { id } }`, vars)
	boostRefused(t, c, boost, vars, "BC_DEVICE_SUSPENDED")
}

// TestChargeLimitViolatedForTheNextMorning reads whether the car's own limit on its
// charge (85% in the served world) is violated through a week whose weekday target
// (95%) is above it and whose weekend one (70%) below: it is for the target of the next
// morning, the one the car's next charge is for, so from 07:00 on a Friday it is not,
// and from 07:00 on a Sunday it is again.
func TestChargeLimitViolatedForTheNextMorning(t *testing.T) {
	_, c := served(t)
	const read = `{ devices(accountNumber: "A-7B3E9D12") { ... on SmartFlexVehicle { chargingPreferences { weekdayTargetSoc weekendTargetSoc } }
		status { ... on SmartFlexVehicleStatus { stateOfChargeLimit { upperSocLimit isLimitViolated } } } } }`
	car := simtest.Get(mustQuery(t, c)(read, nil), "devices", 0)
	if got := fmt.Sprint(simtest.Get(car, "chargingPreferences", "weekdayTargetSoc"), simtest.Get(car, "chargingPreferences", "weekendTargetSoc"),
		simtest.Get(car, "status", "stateOfChargeLimit", "upperSocLimit")); got != "95 70 85" {
		t.Fatalf("the served car's targets and limit %s, not 95 70 85", got)
	}
	for _, step := range []struct {
		by       time.Duration
		at       string
		violated bool
	}{
		{0, "Wed 09:00", true},              // Thursday's 95%
		{45 * time.Hour, "Fri 06:00", true}, // Friday's own
		{time.Hour, "Fri 07:00", false},     // Saturday's 70%
		{47*time.Hour + 59*time.Minute, "Sun 06:59", false},
		{time.Minute, "Sun 07:00", true}, // Monday's 95%
	} {
		advance(c, step.by)
		got := simtest.Get(mustQuery(t, c)(read, nil), "devices", 0, "status", "stateOfChargeLimit", "isLimitViolated")
		if got != step.violated {
			t.Errorf("%s: isLimitViolated %v, want %v", step.at, got, step.violated)
		}
	}
}

// TestEndedAgreementsListNoRatesOfToday reads the car household's agreements, the
// Octopus Go one that ended in 2022 among them, as an E.ON-style client does without
// asking for the active one alone: only the agreement in force lists today's half-hourly
// unit rates; the ended one lists none.
func TestEndedAgreementsListNoRatesOfToday(t *testing.T) {
	_, c := octopus(t)
	data := mustQuery(t, c)(`{ account(accountNumber: "A-7B3E9D12") { electricityAgreements { validFrom validTo
		tariff { ... on HalfHourlyTariff { productCode unitRates { validFrom validTo value } } } } } }`, nil)
	ended, inForce := 0, 0
	for _, ag := range simtest.Get(data, "account", "electricityAgreements").([]any) {
		rates, _ := simtest.Get(ag, "tariff", "unitRates").([]any)
		to, _ := simtest.Get(ag, "validTo").(string)
		switch {
		case to != "" && to < "2026-12-02":
			ended++
			if len(rates) != 0 {
				t.Errorf("the agreement that ended %s lists %d unit rates of today", to, len(rates))
			}
		case simtest.Get(ag, "tariff", "productCode") != nil:
			inForce++
			if len(rates) == 0 {
				t.Errorf("the agreement in force %v lists no unit rates", ag)
			}
		}
	}
	if ended == 0 || inForce == 0 {
		t.Fatalf("%d ended and %d half-hourly agreements in force: %v", ended, inForce, data)
	}
}

// TestTariffsSayWhetherTheyExport: every fixture household's electricity tariffs in
// force say isExport as their meter point's direction says it, so a client that picks
// the import tariff by it finds one (Flexible prepay, Business Variable, Cosy, Agile
// import, not export; Outgoing, export).
func TestTariffsSayWhetherTheyExport(t *testing.T) {
	_, c := current(t)
	const q = `query($a: String!) { account(accountNumber: $a) { electricityAgreements(active: true) { meterPoint { direction }
		tariff { __typename ... on StandardTariff { tariffCode isExport } ... on DayNightTariff { tariffCode isExport }
			... on ThreeRateTariff { tariffCode isExport } ... on HalfHourlyTariff { tariffCode isExport } ... on PrepayTariff { tariffCode isExport } } } } }`
	seen := map[bool]int{}
	for _, u := range []struct{ email, account string }{
		{"demo@krakensim.dev", "A-C90DC431"}, {"demo@krakensim.dev", "A-7B3E9D12"}, {"business@krakensim.dev", "A-B1A2C3D4"},
		{"heatpump@krakensim.dev", "A-5E3C1B77"}, {"payg@krakensim.dev", "A-3C7D5E91"}, {"solar@krakensim.dev", "A-6D4F2E88"},
	} {
		c.SignIn(u.email, "krakensim")
		for _, ag := range simtest.Get(mustQuery(t, c)(q, map[string]any{"a": u.account}), "account", "electricityAgreements").([]any) {
			export, ok := simtest.Get(ag, "tariff", "isExport").(bool)
			if dir := simtest.Get(ag, "meterPoint", "direction"); !ok || export != (dir == "EXPORT") {
				t.Errorf("%s: %v %v isExport %v on a meter point whose direction is %v", u.account, simtest.Get(ag, "tariff", "__typename"), simtest.Get(ag, "tariff", "tariffCode"), simtest.Get(ag, "tariff", "isExport"), dir)
			}
			seen[export]++
		}
	}
	if seen[true] != 1 || seen[false] < 7 {
		t.Errorf("%d export and %d import tariffs in force; want the solar home's one export among them", seen[true], seen[false])
	}
}

// TestCarActivePowerIsItsCharge reads the car's status as Octopus's app does, its
// activePower and stateOfCharge DecimalReadings: its power is what its home's meter
// measures it drawing, the charge's full power in a planned dispatch and nothing
// outside one, of now, as its limit's latest reading is; a stateOfCharge of that type
// states the car's charge, as an older type with an Int value does.
func TestCarActivePowerIsItsCharge(t *testing.T) {
	const status = `{ devices(accountNumber: "A-7B3E9D12") { ... on SmartFlexVehicle { status { ... on SmartFlexVehicleStatus {
		stateOfCharge { value } stateOfChargeLimit { timestamp } activePower { value timestamp } } } } } plannedDispatches(accountNumber: "A-7B3E9D12") { start end } }`
	_, c := current(t)
	_, shared := currentEdited(t, nil, func(sdl string) string {
		return strings.Replace(sdl, "stateOfCharge: DecimalReading", "stateOfCharge: SmartFlexStateOfCharge", 1) +
			"\ntype SmartFlexStateOfCharge {\n  value: Int\n  timestamp: DateTime\n}\n"
	})
	q := mustQuery(t, c)
	out := q(status, nil)
	soc := simtest.Get(out, "devices", 0, "status", "stateOfCharge", "value")
	if other := simtest.Get(mustQuery(t, shared)(status, nil), "devices", 0, "status", "stateOfCharge", "value"); fmt.Sprint(other) != fmt.Sprint(soc) || soc == nil {
		t.Errorf("stateOfCharge as a DecimalReading %v, as an older type of Int value %v", soc, other)
	}
	power := func(out map[string]any) float64 {
		v, err := strconv.ParseFloat(fmt.Sprint(simtest.Get(out, "devices", 0, "status", "activePower", "value")), 64)
		if err != nil {
			t.Fatalf("activePower %v", simtest.Get(out, "devices", 0, "status", "activePower"))
		}
		return v
	}
	if p := power(out); p != 0 {
		t.Errorf("at 09:00, in no dispatch, the car draws %v kW", p)
	}
	start, _ := time.Parse(time.RFC3339, simtest.Get(out, "plannedDispatches", 0, "start").(string))
	advance(c, start.Sub(time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC))+10*time.Minute)
	out = mustQuery(t, c)(status, nil)
	if p, at := power(out), simtest.Get(out, "devices", 0, "status", "activePower", "timestamp"); p < 1.4 || p > 7.4 || at != start.Add(10*time.Minute).Format("2006-01-02T15:04:05+00:00") {
		t.Errorf("10 minutes into the dispatch of %v: %v kW at %v", start, p, at)
	}
	if limit, at := simtest.Get(out, "devices", 0, "status", "stateOfChargeLimit", "timestamp"), simtest.Get(out, "devices", 0, "status", "activePower", "timestamp"); limit != at {
		t.Errorf("the limit's latest reading at %v, the power's at %v; the car reports them together", limit, at)
	}
}

// TestRateLimitInfoOfTheCurrentAPI asks rateLimitInfo as an MCP server for Octopus
// does, with the field-specific limits Octopus lists today: none, as the simulator
// limits no field on its own, and the points allowance when rate limiting is on.
func TestRateLimitInfoOfTheCurrentAPI(t *testing.T) {
	kraken, err := ratelimit.ParsePolicy("kraken")
	if err != nil {
		t.Fatal(err)
	}
	_, c := currentWith(t, nil, nil, func(cfg *sim.Config) { cfg.RateLimit = kraken })
	out := mustQuery(t, c)(`{ rateLimitInfo { pointsAllowanceRateLimit { limit remainingPoints usedPoints ttl isBlocked }
		fieldSpecificRateLimits(first: 99) { edges { node { field rate ttl isBlocked } } totalCount } } }`, nil)
	info := simtest.Get(out, "rateLimitInfo")
	if got := spaced(simtest.Get(info, "pointsAllowanceRateLimit", "limit"), simtest.Get(info, "pointsAllowanceRateLimit", "isBlocked"),
		len(simtest.Get(info, "fieldSpecificRateLimits", "edges").([]any)), simtest.Get(info, "fieldSpecificRateLimits", "totalCount")); got != "50000 false 0 0" {
		t.Errorf("rateLimitInfo: %s (%v)", got, info)
	}
}

// TestDevicePreferencesAnswerIsTheDevice: setDevicePreferences answers the device as
// its account's devices list it next, the days the write did not name included.
func TestDevicePreferencesAnswerIsTheDevice(t *testing.T) {
	_, c := current(t)
	q := mustQuery(t, c)
	const sel = `id preferences { mode unit schedules { dayOfWeek time max } }`
	set := q(`mutation { setDevicePreferences(input: {deviceId: "`+demoCar+`", mode: CHARGE, unit: PERCENTAGE,
		schedules: [{dayOfWeek: MONDAY, time: "07:30", max: 90}]}) { `+sel+` } }`, nil)
	read := q(`{ devices(accountNumber: "A-7B3E9D12") { `+sel+` } }`, nil)
	answered, listed := fmt.Sprint(simtest.Get(set, "setDevicePreferences")), fmt.Sprint(simtest.Get(read, "devices", 0))
	if answered != listed {
		t.Errorf("the mutation answered\n%s\nthe list reads\n%s", answered, listed)
	}
	if !strings.Contains(listed, "dayOfWeek:MONDAY max:90 time:07:30:00") {
		t.Errorf("Monday not as written: %s", listed)
	}
}

// TestPreferenceSettingIsWhatTheCarTakes reads the car's preference setting, as Octopus
// Germany's integration does, and writes its schedule at its bounds: a time from its
// timeFrom to its timeTo in its timeStep and a charge from its min to its max are taken,
// a step beyond either refused.
func TestPreferenceSettingIsWhatTheCarTakes(t *testing.T) {
	_, c := current(t)
	q := mustQuery(t, c)
	out := q(`{ devices(accountNumber: "A-7B3E9D12") { preferenceSetting { deviceType mode unit scheduleSettings { min max step timeFrom timeTo timeStep } } } }`, nil)
	s := simtest.Get(out, "devices", 0, "preferenceSetting").(map[string]any)
	b := simtest.Get(s, "scheduleSettings", 0).(map[string]any)
	if s["deviceType"] != "ELECTRIC_VEHICLES" || s["mode"] != "CHARGE" || s["unit"] != "PERCENTAGE" || b["timeStep"] != 30.0 {
		t.Fatalf("the car's setting %v", s)
	}
	step := time.Duration(b["timeStep"].(float64)) * time.Minute
	clock := func(v any, by time.Duration) string {
		at, _ := time.Parse("15:04:05", v.(string))
		return at.Add(by).Format("15:04")
	}
	num := func(v any, by float64) float64 {
		f, _ := strconv.ParseFloat(v.(string), 64)
		return f + by
	}
	const set = `mutation($t: Time!, $m: Decimal!) { setDevicePreferences(input: {deviceId: "` + demoCar + `", mode: CHARGE, unit: PERCENTAGE,
		schedules: [{dayOfWeek: MONDAY, time: $t, max: $m}]}) { id } }`
	for _, tc := range []struct {
		name, at string
		most     float64
		ok       bool
	}{
		{"the earliest time, the least charge", clock(b["timeFrom"], 0), num(b["min"], 0), true},
		{"the latest time, the most charge", clock(b["timeTo"], 0), num(b["max"], 0), true},
		{"a step before the earliest", clock(b["timeFrom"], -step), 80, false},
		{"a step after the latest", clock(b["timeTo"], step), 80, false},
		{"over the most charge", clock(b["timeTo"], 0), num(b["max"], num(b["step"], 0)), false},
		{"half a step", clock(b["timeTo"], 0), num(b["max"], -num(b["step"], 0)/2), false},
	} {
		r := c.Query(set, map[string]any{"t": tc.at, "m": tc.most})
		if tc.ok != (len(r.Errors) == 0) {
			t.Errorf("%s (%s, %v%%): errors %+v", tc.name, tc.at, tc.most, r.Errors)
		}
	}
	// Devices the world makes for an account that names none have no setting it knows.
	c.SignIn("other@krakensim.dev", "krakensim")
	for _, d := range simtest.Get(mustQuery(t, c)(`{ devices(accountNumber: "A-0F4A2B19") { __typename preferenceSetting { id } } }`, nil), "devices").([]any) {
		if s := simtest.Get(d, "preferenceSetting"); s != nil {
			t.Errorf("a %v the world made: setting %v", simtest.Get(d, "__typename"), s)
		}
	}
}
