package world

import (
	"fmt"
	"strings"
	"testing"
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
	do("triggerBoostCharge")
	boost := "bump-charge 2026-12-02T12:00:00+00:00 2026-12-02T13:30:00+00:00"
	if got := read(); !strings.HasPrefix(got, "BOOSTING "+boost) || strings.Count(got, "smart") != smart {
		t.Errorf("boosting: %s", got)
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
