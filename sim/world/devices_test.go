package world

import (
	"fmt"
	"slices"
	"testing"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/krakensim/krakensim/sim/fake"
)

// devicesSDL lists an owner's devices the way Kraken's SmartFlex API does, beside the
// older fields it replaced.
const devicesSDL = `type Query {
  devices(accountNumber: String!, deviceId: String): [SmartFlexDeviceInterface!]
  registeredKrakenflexDevice(accountNumber: String!): KrakenFlexDeviceType
  vehicleChargingPreferences(accountNumber: String!): VehicleChargingPreferencesType
  plannedDispatches(accountNumber: String!): [UpsideDispatchType]
  savingSessions(accountNumber: String!): SavingSessionsType
}
type Mutation { updateDeviceSmartControl(input: SmartControlInput!): SmartFlexDeviceInterface
  setVehicleChargePreferences(input: VehicleChargingPreferencesInput): SetVehicleChargingPreferences
  suspendControl(input: AccountInput): SuspendControl }
input VehicleChargingPreferencesInput { accountNumber: String! weekdayTargetSoc: Int! weekdayTargetTime: String! }
input AccountInput { accountNumber: String! }
type SetVehicleChargingPreferences { krakenflexDevice: KrakenFlexDeviceType }
type SuspendControl { krakenflexDevice: KrakenFlexDeviceType }
type SmartFlexVehicleChargingPreferences { weekdayTargetSoc: Int! weekdayTargetTime: Time! }
scalar Time
input SmartControlInput { deviceId: ID! action: SmartControlAction! }
enum SmartControlAction { SUSPEND UNSUSPEND }
interface SmartFlexDeviceInterface { id: ID! name: String status: SmartFlexDeviceStatus }
type SmartFlexVehicle implements SmartFlexDeviceInterface { id: ID! name: String status: SmartFlexDeviceStatus make: String model: String
  chargingPreferences: SmartFlexVehicleChargingPreferences }
type SmartFlexChargePoint implements SmartFlexDeviceInterface { id: ID! name: String status: SmartFlexDeviceStatus make: String model: String }
type SmartFlexBattery implements SmartFlexDeviceInterface { id: ID! name: String status: SmartFlexDeviceStatus make: String model: String }
type SmartFlexDeviceStatus { current: SmartFlexDeviceLifecycleStatus isSuspended: Boolean currentState: SmartFlexDeviceState }
enum SmartFlexDeviceLifecycleStatus { ONBOARDING PENDING_LIVE LIVE ONBOARDING_TEST_IN_PROGRESS FAILED_ONBOARDING_TEST RETIRED }
enum SmartFlexDeviceState { AUTHENTICATION_PENDING AUTHENTICATION_FAILED AUTHENTICATION_COMPLETE TEST_CHARGE_IN_PROGRESS TEST_CHARGE_FAILED
  TEST_CHARGE_NOT_AVAILABLE SETUP_COMPLETE SMART_CONTROL_CAPABLE SMART_CONTROL_IN_PROGRESS BOOSTING SMART_CONTROL_OFF SMART_CONTROL_NOT_AVAILABLE LOST_CONNECTION RETIRED }
type KrakenFlexDeviceType { krakenflexDeviceId: String vehicleMake: String vehicleModel: String chargePointMake: String chargePointModel: String
  vehicleBatterySizeInKwh: Decimal chargePointPowerInKw: Decimal }
scalar Decimal
type VehicleChargingPreferencesType { weekdayTargetSoc: Int }
type UpsideDispatchType { start: DateTime! end: DateTime! }
type SavingSessionsType { hasJoinedCampaign: Boolean }
scalar DateTime`

// TestOwnersDevicesAgree: whatever devices an owner has, as the world picks them or as
// state declares them, its registered device is its car and charger, its charging
// preferences need a car and its dispatches a device; what needs no device is there.
func TestOwnersDevicesAgree(t *testing.T) {
	declared := map[string][]Device{
		"A-DECL": {{Type: "SmartFlexVehicle", ID: "car-1", Make: "Tesla", Model: "Model 3"}, {Type: "OtherTenantHeater", ID: "h-1"}},
		"A-BATT": {{Type: "SmartFlexBattery", ID: "batt-1", Make: "Tesla"}},
	}
	w := newSDLWorld(t, devicesSDL, Options{Devices: func(_ *Env, args map[string]any) ([]Device, bool) {
		if args == nil {
			var all []Device
			for _, d := range declared {
				all = append(all, d...)
			}
			return all, true
		}
		d, ok := declared[fmt.Sprint(args["accountNumber"])]
		return d, ok
	}})
	ask := w.ask
	const read = `query($a: String!) {
  devices(accountNumber: $a) { __typename id status { current isSuspended currentState } ... on SmartFlexVehicle { make model } ... on SmartFlexChargePoint { make model } ... on SmartFlexBattery { make model } }
  registeredKrakenflexDevice(accountNumber: $a) { krakenflexDeviceId vehicleMake vehicleModel chargePointMake chargePointModel vehicleBatterySizeInKwh chargePointPowerInKw }
  vehicleChargingPreferences(accountNumber: $a) { weekdayTargetSoc }
  plannedDispatches(accountNumber: $a) { start }
  savingSessions(accountNumber: $a) { hasJoinedCampaign } }`
	seen, lives := map[string]int{}, map[string]int{}
	for i := range 60 {
		acct := fmt.Sprintf("A-%d", i)
		if i < len(declared) {
			acct = []string{"A-DECL", "A-BATT"}[i]
		}
		out := ask(read, map[string]any{"a": acct})
		kinds := map[string]map[string]any{}
		for _, d := range out["devices"].([]any) {
			m := d.(map[string]any)
			if k := m["__typename"].(string); kinds[k] == nil {
				kinds[k] = m // the registered device is the first of its kind
			}
		}
		for _, d := range out["devices"].([]any) {
			st := d.(map[string]any)["status"].(map[string]any)
			life, state := fmt.Sprint(st["current"]), fmt.Sprint(st["currentState"])
			allowed := append(lifecycleStates[life], "SMART_CONTROL_OFF")
			if !slices.Contains(allowed, state) || life == "LIVE" && (st["isSuspended"] == true) != (state == "SMART_CONTROL_OFF") {
				t.Errorf("%s: a %s device suspended %v in state %s", acct, life, st["isSuspended"], state)
			}
			lives[life]++
		}
		car, charger := kinds["SmartFlexVehicle"], kinds["SmartFlexChargePoint"]
		reg, _ := out["registeredKrakenflexDevice"].(map[string]any)
		if (reg != nil) != (car != nil || charger != nil) {
			t.Errorf("%s: devices %v, registered %v", acct, out["devices"], reg)
		}
		if reg != nil && (reg["vehicleMake"] != mapValue(car, "make") || reg["vehicleModel"] != mapValue(car, "model") ||
			reg["chargePointMake"] != mapValue(charger, "make") || reg["chargePointModel"] != mapValue(charger, "model")) {
			t.Errorf("%s: registered %v, but the devices are %v", acct, reg, out["devices"])
		}
		if reg != nil && ((reg["vehicleBatterySizeInKwh"] != nil) != (car != nil) || (reg["chargePointPowerInKw"] != nil) != (charger != nil)) {
			t.Errorf("%s: registered %v states figures of devices it does not have (devices %v)", acct, reg, out["devices"])
		}
		if first := charger; reg != nil {
			if first == nil {
				first = car
			}
			if reg["krakenflexDeviceId"] != first["id"] {
				t.Errorf("%s: registered device %v, but the devices are %v", acct, reg["krakenflexDeviceId"], out["devices"])
			}
		}
		if (out["vehicleChargingPreferences"] != nil) != (car != nil) {
			t.Errorf("%s: a car %v with charging preferences %v", acct, car, out["vehicleChargingPreferences"])
		}
		if len(kinds) == 0 && len(out["plannedDispatches"].([]any)) > 0 {
			t.Errorf("%s: no device, but dispatches %v", acct, out["plannedDispatches"])
		}
		if out["savingSessions"] == nil {
			t.Errorf("%s: saving sessions need no device, but read null", acct)
		}
		switch {
		case car != nil:
			seen["car"]++
		case len(kinds) > 0:
			seen["other"]++
		default:
			seen["none"]++
		}
		switch acct {
		case "A-DECL":
			if len(kinds) != 1 || car["id"] != "car-1" || car["make"] != "Tesla" || car["model"] != "Model 3" {
				t.Errorf("A-DECL lists %v, not the Tesla Model 3 state declares", out["devices"])
			}
		case "A-BATT":
			if len(kinds) != 1 || kinds["SmartFlexBattery"]["make"] != "Tesla" || kinds["SmartFlexBattery"]["model"] == nil {
				t.Errorf("A-BATT lists %v, not a Tesla battery", out["devices"])
			}
		}
	}
	if lives["LIVE"] < 2 || len(lives) < 2 {
		t.Errorf("lifecycle statuses %v; want live devices and others", lives)
	}
	if seen["car"] < 2 || seen["none"] < 2 {
		t.Errorf("owners with a car, another device, none: %v; want some of each", seen)
	}
	got := ask(`mutation { updateDeviceSmartControl(input: {deviceId: "car-1", action: SUSPEND}) { __typename name status { current isSuspended currentState } } }`, nil)["updateDeviceSmartControl"].(map[string]any)
	if got["__typename"] != "SmartFlexVehicle" || got["name"] != "Tesla Model 3" {
		t.Errorf("acting on the declared car by id answered %v, want the Tesla Model 3", got)
	}
	if st := got["status"].(map[string]any); st["isSuspended"] != true || st["current"] == "LIVE" && st["currentState"] != "SMART_CONTROL_OFF" {
		t.Errorf("after SUSPEND the car's status is %v", st)
	}
}

// TestOwnersDeviceActions: a mutation on an owner's device record (its payload's
// krakenflexDevice) acts on the owner's car as the devices list shows it: its charging
// preferences take the values, and suspending it suspends its smart control.
func TestOwnersDeviceActions(t *testing.T) {
	w := newSDLWorld(t, devicesSDL, Options{Devices: func(_ *Env, args map[string]any) ([]Device, bool) {
		if args == nil || args["accountNumber"] == "A-CAR" {
			return []Device{{Type: "SmartFlexVehicle", ID: "car-1", Make: "Tesla", Model: "Model 3"}}, true
		}
		return nil, false
	}})
	w.env = &Env{Now: testNow, Store: NewStore(0)}
	ask := func(query string) map[string]any { t.Helper(); return w.ask(query, nil) }
	const car = `{ devices(accountNumber: "A-CAR") { ... on SmartFlexVehicle { chargingPreferences { weekdayTargetSoc weekdayTargetTime } status { current isSuspended currentState } } } }`
	ask(`mutation { setVehicleChargePreferences(input: {accountNumber: "A-CAR", weekdayTargetSoc: 85, weekdayTargetTime: "06:30"}) { krakenflexDevice { vehicleMake } } }`)
	got := ask(car)["devices"].([]any)[0].(map[string]any)
	if want := map[string]any{"weekdayTargetSoc": 85.0, "weekdayTargetTime": "06:30:00"}; fmt.Sprint(got["chargingPreferences"]) != fmt.Sprint(want) {
		t.Errorf("after setVehicleChargePreferences the car's preferences read %v, want %v", got["chargingPreferences"], want)
	}
	ask(`mutation { suspendControl(input: {accountNumber: "A-CAR"}) { krakenflexDevice { vehicleMake } } }`)
	st := ask(car)["devices"].([]any)[0].(map[string]any)["status"].(map[string]any)
	if st["isSuspended"] != true || st["current"] == "LIVE" && st["currentState"] != "SMART_CONTROL_OFF" {
		t.Errorf("after suspendControl the car's status is %v", st)
	}
}

func mapValue(m map[string]any, k string) any {
	if m == nil {
		return nil
	}
	return m[k]
}

// TestDeviceTypeIsTheDevicesKind: a device's kind enum names the category its type is
// of (a car and its charger are ELECTRIC_VEHICLES, a battery BATTERIES), and a kind no
// value names in the plural is left to the Faker.
func TestDeviceTypeIsTheDevicesKind(t *testing.T) {
	w := newSDLWorld(t, `type Query { devices(accountNumber: String!): [SmartFlexDeviceInterface!] }
interface SmartFlexDeviceInterface { id: ID! deviceType: KrakenFlexDeviceTypes! }
type SmartFlexVehicle implements SmartFlexDeviceInterface { id: ID! deviceType: KrakenFlexDeviceTypes! }
type SmartFlexChargePoint implements SmartFlexDeviceInterface { id: ID! deviceType: KrakenFlexDeviceTypes! }
type SmartFlexBattery implements SmartFlexDeviceInterface { id: ID! deviceType: KrakenFlexDeviceTypes! }
type SmartFlexHeatPump implements SmartFlexDeviceInterface { id: ID! deviceType: KrakenFlexDeviceTypes! }
enum KrakenFlexDeviceTypes { BATTERIES ELECTRIC_VEHICLES INVERTERS HEAT_PUMPS STORAGE_HEATERS THERMOSTATS }`, Options{})
	want := map[string]string{"SmartFlexVehicle": "ELECTRIC_VEHICLES", "SmartFlexChargePoint": "ELECTRIC_VEHICLES", "SmartFlexBattery": "BATTERIES", "SmartFlexHeatPump": "HEAT_PUMPS"}
	seen := map[string]bool{}
	for i := range 40 {
		data := w.ask(`query($a: String!) { devices(accountNumber: $a) { __typename deviceType } }`, map[string]any{"a": fmt.Sprintf("A-%08X", i)})
		for _, d := range data["devices"].([]any) {
			d := d.(map[string]any)
			typ := d["__typename"].(string)
			seen[typ] = true
			if d["deviceType"] != want[typ] {
				t.Errorf("a %s has deviceType %v, want %s", typ, d["deviceType"], want[typ])
			}
		}
	}
	if len(seen) < 3 {
		t.Errorf("only %v among the devices", seen)
	}
	referral := &ast.Definition{Kind: ast.Enum, Name: "ReferralSchemeTypeChoices",
		EnumValues: ast.EnumValueList{{Name: "REFERRAL_REWARD"}, {Name: "SIGNUP_REWARD"}, {Name: "LEGACY_REFERRAL"}}}
	if got := headValue(referral, typeWords("ReferralType")); got != "" {
		t.Errorf("a referral's scheme type is always %s", got)
	}
}

func TestParentsKind(t *testing.T) {
	s := gqlparser.MustLoadSchema(&ast.Source{Input: `type Query { a: Int }
interface DeviceStatus { current: String }
type VehicleStatus implements DeviceStatus { current: String }
type ChargePointStatus implements DeviceStatus { current: String }
type GenericDeviceStatus implements DeviceStatus { current: String }`})
	r := NewRoles(s, fake.New(1))
	all := []string{"ChargePointStatus", "GenericDeviceStatus", "VehicleStatus"}
	for _, tc := range []struct {
		parent string
		want   []string
	}{
		{"Vehicle", []string{"VehicleStatus"}},
		{"ChargePoint", []string{"ChargePointStatus"}},
		{"HeatPump", all}, // no status of its kind: any
		{"Query", all},
	} {
		if got := r.parentsKind(tc.parent, "DeviceStatus", all); !slices.Equal(got, tc.want) {
			t.Errorf("%s's status: %v, want %v", tc.parent, got, tc.want)
		}
	}
}
