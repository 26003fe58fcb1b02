package world

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/krakensim/krakensim/sim/graphql"
)

// boostSDL is devicesSDL with Intelligent Octopus's dispatches, which draw energy, and
// its boost charge.
var boostSDL = strings.NewReplacer(
	"type UpsideDispatchType { start: DateTime! end: DateTime! }",
	`type UpsideDispatchType { start: DateTime! end: DateTime!
  # Energy in kWh (import has a negative value).
  delta: Decimal
  meta: UpsideDispatchMetaType }
type UpsideDispatchMetaType { source: String location: String }
type PerformBoostCharge { krakenflexDevice: KrakenFlexDeviceType }`,
	"suspendControl(input: AccountInput): SuspendControl }",
	`suspendControl(input: AccountInput): SuspendControl
  triggerBoostCharge(input: AccountInput): PerformBoostCharge
  deleteBoostCharge(input: AccountInput): PerformBoostCharge }`,
).Replace(devicesSDL)

// TestBoostChargesWhenAskedAndSuspensionPlansNone boosts a declared car, cancels the
// boost and suspends its smart control, reading its devices' state and its planned
// dispatches after each.
func TestBoostChargesWhenAskedAndSuspensionPlansNone(t *testing.T) {
	cars := []Device{{Type: "SmartFlexVehicle", ID: "car-1", Make: "Tesla", Model: "Model 3"}, {Type: "SmartFlexChargePoint", ID: "cp-1", Make: "Ohme", Model: "Home Pro"}}
	w := newSDLWorld(t, boostSDL, Options{Devices: func(_ *Env, args map[string]any) ([]Device, bool) {
		return cars, args == nil || args["accountNumber"] == "A-1"
	}})
	w.env = &Env{Now: testNow, Store: NewStore(0)}
	read := func() string {
		out := w.ask(`{ devices(accountNumber: "A-1") { status { currentState } } plannedDispatches(accountNumber: "A-1") { start end meta { source } } }`, nil)
		var b strings.Builder
		car := out["devices"].([]any)[0].(map[string]any) // the charger's lifecycle is drawn
		fmt.Fprint(&b, car["status"].(map[string]any)["currentState"], " ")
		for _, d := range out["plannedDispatches"].([]any) {
			m := d.(map[string]any)
			if src := m["meta"].(map[string]any)["source"]; src != "smart-charge" {
				fmt.Fprint(&b, src, " ", m["start"], " ", m["end"], " ")
			} else {
				fmt.Fprint(&b, "smart ")
			}
		}
		return strings.TrimSpace(b.String())
	}
	do := func(op string) {
		w.ask(`mutation { `+op+`(input: {accountNumber: "A-1"}) { krakenflexDevice { krakenflexDeviceId } } }`, nil)
	}
	first := read()
	if strings.Contains(first, "BOOSTING") || strings.Contains(first, "bump") || !strings.Contains(first, "smart") {
		t.Fatalf("before any boost: %s", first)
	}
	smart := strings.Count(first, "smart")
	// The boost charges the car until full: its 57.5 kWh Model 3 from the day's target
	// charge, at the 7.4 kW its Ohme charger takes.
	prefs := w.ask(`{ devices(accountNumber: "A-1") { ... on SmartFlexVehicle { chargingPreferences { weekdayTargetSoc } } } }`, nil)
	target := prefs["devices"].([]any)[0].(map[string]any)["chargingPreferences"].(map[string]any)["weekdayTargetSoc"].(float64)
	full := time.Duration(57.5 * (100 - target) / 100 / 7.4 * float64(time.Hour)).Round(time.Minute)
	do("triggerBoostCharge")
	boost := "bump-charge 2026-12-02T12:00:00+00:00 " + testNow.Add(full).UTC().Format("2006-01-02T15:04:05+00:00")
	if got := read(); !strings.HasPrefix(got, "BOOSTING "+boost) || strings.Count(got, "smart") > smart || full < time.Hour {
		t.Errorf("boosting %v%% to full (%s): %s", target, full, got)
	}
	do("deleteBoostCharge")
	if got := read(); got != first {
		t.Errorf("the boost cancelled: %s, want %s", got, first)
	}
	do("suspendControl")
	if got := read(); got != "SMART_CONTROL_OFF" {
		t.Errorf("suspended: %s", got)
	}
}

// TestDeviceStateFollowsThePlan reads a live car's state at noon and in the night: in
// progress exactly while a planned dispatch is scheduled or covers now (the SDL's
// SMART_CONTROL_IN_PROGRESS), capable when none is.
func TestDeviceStateFollowsThePlan(t *testing.T) {
	cars := []Device{{Type: "SmartFlexVehicle", ID: "car-1", Make: "Tesla", Model: "Model 3"}}
	w := newSDLWorld(t, boostSDL, Options{Devices: func(_ *Env, args map[string]any) ([]Device, bool) {
		return cars, args == nil || args["accountNumber"] == "A-1"
	}})
	seen := map[string]bool{}
	for _, now := range []time.Time{testNow, time.Date(2026, 12, 3, 1, 10, 0, 0, time.UTC), time.Date(2026, 12, 3, 23, 40, 0, 0, time.UTC), time.Date(2026, 12, 4, 6, 0, 0, 0, time.UTC)} {
		w.env = &Env{Now: now, Store: NewStore(0)}
		out := w.ask(`{ devices(accountNumber: "A-1") { status { current currentState } } plannedDispatches(accountNumber: "A-1") { start end } }`, nil)
		status := out["devices"].([]any)[0].(map[string]any)["status"].(map[string]any)
		if status["current"] != "LIVE" {
			t.Fatalf("the car is %v", status)
		}
		scheduled := false
		for _, d := range out["plannedDispatches"].([]any) {
			end, _ := time.Parse(time.RFC3339, d.(map[string]any)["end"].(string))
			scheduled = scheduled || end.After(now)
		}
		want := "SMART_CONTROL_CAPABLE"
		if scheduled {
			want = "SMART_CONTROL_IN_PROGRESS"
		}
		if status["currentState"] != want {
			t.Errorf("at %s: %v, dispatches %v", now.Format(time.RFC3339), status["currentState"], out["plannedDispatches"])
		}
		seen[want] = true
	}
	if !seen["SMART_CONTROL_IN_PROGRESS"] {
		t.Errorf("only %v seen", seen)
	}
}

// TestBoostByDeviceLastsAsByOwner boosts the car by its device id, through a mutation
// that names no owner: it lasts until the car is full, as a boost its owner asks for
// does, the car's owner found from state.
func TestBoostByDeviceLastsAsByOwner(t *testing.T) {
	sdl := strings.NewReplacer(
		"triggerBoostCharge(input: AccountInput): PerformBoostCharge",
		"triggerBoostCharge(input: AccountInput): PerformBoostCharge\n  updateBoostCharge(input: BoostInput!): SmartFlexDeviceInterface",
		"input AccountInput { accountNumber: String! }",
		"input AccountInput { accountNumber: String! }\ninput BoostInput { deviceId: ID! action: BoostAction! }\nenum BoostAction { BOOST CANCEL }",
	).Replace(boostSDL)
	cars := []Device{{Type: "SmartFlexVehicle", ID: "car-1", Make: "Tesla", Model: "Model 3", Owner: "A-1"}, {Type: "SmartFlexChargePoint", ID: "cp-1", Make: "Ohme", Model: "Home Pro", Owner: "A-1"}}
	boostEnd := func(mutation string) any {
		w := newSDLWorld(t, sdl, Options{Devices: func(_ *Env, args map[string]any) ([]Device, bool) {
			return cars, args == nil || args["accountNumber"] == "A-1"
		}})
		w.env = &Env{Now: testNow, Store: NewStore(0)}
		w.ask(mutation, nil)
		for _, d := range w.ask(`{ plannedDispatches(accountNumber: "A-1") { end meta { source } } }`, nil)["plannedDispatches"].([]any) {
			if d.(map[string]any)["meta"].(map[string]any)["source"] == "bump-charge" {
				return d.(map[string]any)["end"]
			}
		}
		return nil
	}
	byOwner := boostEnd(`mutation { triggerBoostCharge(input: {accountNumber: "A-1"}) { __typename } }`)
	byDevice := boostEnd(`mutation { updateBoostCharge(input: {deviceId: "car-1", action: BOOST}) { __typename } }`)
	if byOwner == nil || byDevice != byOwner || byOwner == "2026-12-02T13:30:00+00:00" {
		t.Errorf("a boost by the owner ends %v, by the device %v", byOwner, byDevice)
	}
}

// TestChargeRefusedByLifecycle asks for a boost and a test charge of the made-up devices
// of owners until it has met a live one and one that is not: a boost of a device not
// live is refused (BC_DEVICE_NOT_YET_LIVE, or BC_DEVICE_RETIRED), a test charge of a
// live one (TC_DEVICE_LIVE), each as its device list says it, and a test charge of
// any once its smart control is suspended (TC_DEVICE_SUSPENDED).
func TestChargeRefusedByLifecycle(t *testing.T) {
	sdl := strings.Replace(boostSDL, "triggerBoostCharge(input: AccountInput): PerformBoostCharge",
		"triggerBoostCharge(input: AccountInput): PerformBoostCharge\n  triggerTestCharge(input: AccountInput): PerformBoostCharge", 1)
	w := newSDLWorld(t, sdl, Options{Refused: func(f *graphql.Field, reasons []string) error {
		return fmt.Errorf("%s refused: %v", f.Name, reasons)
	}})
	seen := map[string]bool{}
	for i := 0; i < 60 && !(seen["live"] && seen["not"]); i++ {
		owner := fmt.Sprintf("A-%d", i)
		w.env = &Env{Now: testNow, Store: NewStore(0)}
		devs := w.ask(`query($a: String!) { devices(accountNumber: $a) { __typename status { current } } }`, map[string]any{"a": owner})["devices"].([]any)
		var lives []string // of the cars and chargers a charge acts on
		for _, d := range devs {
			if typ := d.(map[string]any)["__typename"]; typ == "SmartFlexVehicle" || typ == "SmartFlexChargePoint" {
				lives = append(lives, fmt.Sprint(d.(map[string]any)["status"].(map[string]any)["current"]))
			}
		}
		if len(lives) == 0 {
			continue
		}
		boost := string(w.raw(`mutation($a: String!) { triggerBoostCharge(input: {accountNumber: $a}) { __typename } }`, map[string]any{"a": owner}))
		test := string(w.raw(`mutation($a: String!) { triggerTestCharge(input: {accountNumber: $a}) { __typename } }`, map[string]any{"a": owner}))
		live := slices.Contains(lives, "LIVE")
		notLive := slices.ContainsFunc(lives, func(l string) bool { return l != "LIVE" })
		if notLive != (strings.Contains(boost, "BC_DEVICE_NOT_YET_LIVE") || strings.Contains(boost, "BC_DEVICE_RETIRED")) {
			t.Errorf("%s's devices %v: the boost %s", owner, lives, boost)
		}
		if live != strings.Contains(test, "TC_DEVICE_LIVE") || strings.Contains(test, "TC_DEVICE_SUSPENDED") {
			t.Errorf("%s's devices %v: the test charge %s", owner, lives, test)
		}
		w.raw(`mutation($a: String!) { suspendControl(input: {accountNumber: $a}) { __typename } }`, map[string]any{"a": owner})
		test = string(w.raw(`mutation($a: String!) { triggerTestCharge(input: {accountNumber: $a}) { __typename } }`, map[string]any{"a": owner}))
		if live != strings.Contains(test, "TC_DEVICE_LIVE") || !strings.Contains(test, "TC_DEVICE_SUSPENDED") {
			t.Errorf("%s's devices %v, suspended: the test charge %s", owner, lives, test)
		}
		seen["live"] = seen["live"] || live
		seen["not"] = seen["not"] || notLive
	}
	if !seen["live"] || !seen["not"] {
		t.Errorf("met %v", seen)
	}
}

// TestOnboardingWizardIsOnlyWhileOnboarding reads made-up owners' devices until it has
// met live ones and others: a device live or retired has no current onboarding wizard,
// and some device still onboarding has one.
func TestOnboardingWizardIsOnlyWhileOnboarding(t *testing.T) {
	sdl := strings.NewReplacer(
		"  chargingPreferences: SmartFlexVehicleChargingPreferences }",
		"  chargingPreferences: SmartFlexVehicleChargingPreferences\n  onboardingWizard: SmartFlexOnboardingWizard }\ntype SmartFlexOnboardingWizard { id: ID! }",
	).Replace(boostSDL)
	w := newSDLWorld(t, sdl, Options{})
	var done, onboarding, wizards int
	for i := 0; i < 80; i++ {
		w.env = &Env{Now: testNow, Store: NewStore(0)}
		for _, d := range w.ask(`query($a: String!) { devices(accountNumber: $a) { ... on SmartFlexVehicle { status { current } onboardingWizard { id } } } }`,
			map[string]any{"a": fmt.Sprintf("A-%d", i)})["devices"].([]any) {
			m := d.(map[string]any)
			status, ok := m["status"].(map[string]any)
			if !ok {
				continue
			}
			switch status["current"] {
			case "LIVE", "RETIRED":
				done++
				if m["onboardingWizard"] != nil {
					t.Errorf("a %s car's onboarding wizard %v", status["current"], m["onboardingWizard"])
				}
			default:
				onboarding++
				if m["onboardingWizard"] != nil {
					wizards++
				}
			}
		}
	}
	if done == 0 || onboarding == 0 || wizards == 0 {
		t.Errorf("met %d cars done onboarding, %d onboarding (%d with a wizard)", done, onboarding, wizards)
	}
}

// TestLimitViolatedWhenTargetExceedsIt reads made-up owners of one car until it has met
// a target charge above the car's own limit and one within it: isLimitViolated says
// which, in the car's status and its other devices' alike.
func TestLimitViolatedWhenTargetExceedsIt(t *testing.T) {
	sdl := strings.NewReplacer(
		"type SmartFlexDeviceStatus { current: SmartFlexDeviceLifecycleStatus isSuspended: Boolean currentState: SmartFlexDeviceState }",
		"type SmartFlexDeviceStatus { current: SmartFlexDeviceLifecycleStatus isSuspended: Boolean currentState: SmartFlexDeviceState stateOfChargeLimit: StateOfChargeLimit }\ntype StateOfChargeLimit { upperSocLimit: Int isLimitViolated: Boolean }",
	).Replace(boostSDL)
	w := newSDLWorld(t, sdl, Options{})
	seen := map[bool]bool{}
	for i := 0; i < 200 && !(seen[true] && seen[false]); i++ {
		w.env = &Env{Now: testNow, Store: NewStore(0)} // a Wednesday: the weekday target
		devs := w.ask(`query($a: String!) { devices(accountNumber: $a) { __typename status { stateOfChargeLimit { upperSocLimit isLimitViolated } }
			... on SmartFlexVehicle { chargingPreferences { weekdayTargetSoc } } } }`, map[string]any{"a": fmt.Sprintf("A-%d", i)})["devices"].([]any)
		target, cars := -1.0, 0
		for _, d := range devs {
			if p, ok := d.(map[string]any)["chargingPreferences"].(map[string]any); ok {
				target, _ = toFloat(p["weekdayTargetSoc"])
				cars++
			}
		}
		if cars != 1 {
			continue // the target of one car
		}
		for _, d := range devs {
			l, ok := d.(map[string]any)["status"].(map[string]any)["stateOfChargeLimit"].(map[string]any)
			if !ok {
				continue
			}
			limit, _ := toFloat(l["upperSocLimit"])
			if want := target > limit; l["isLimitViolated"] != want {
				t.Errorf("A-%d's %s: target %v, limit %v, violated %v", i, d.(map[string]any)["__typename"], target, limit, l["isLimitViolated"])
			}
			seen[target > limit] = true
		}
	}
	if !seen[true] || !seen[false] {
		t.Errorf("met targets above the limit %v, within it %v", seen[true], seen[false])
	}
}
