package simtest_test

import (
	"fmt"
	"math"
	"strconv"
	"testing"
	"time"

	"github.com/krakensim/krakensim/sim/simtest"
)

const registerDevice = `mutation($n: String!, $p: Int!, $t: KrakenFlexDeviceTypes!, $by: ProviderChoices!, $v: ID) {
  deviceRegistration(input: {accountNumber: $n, propertyId: $p, deviceType: $t, provider: $by, deviceDetails: {deviceVariantId: $v}}) { registeredDeviceIds } }`

// variantID is the catalog id electricVehicles or chargePointVariants gives a model,
// the same in the make's list (where the list takes a make) as in the whole catalog.
func variantID(t *testing.T, c *simtest.Client, list, idField, make, model string) string {
	t.Helper()
	idOf := func(v any) string {
		if f, ok := v.(float64); ok {
			return strconv.FormatFloat(f, 'f', -1, 64)
		}
		return fmt.Sprint(v)
	}
	find := func(makes []any) string {
		for _, mk := range makes {
			for _, m := range simtest.Get(mk, "models").([]any) {
				if simtest.Get(mk, "make") == make && simtest.Get(m, "model") == model {
					return idOf(simtest.Get(m, idField))
				}
			}
		}
		return ""
	}
	all := find(mustQuery(t, c)(fmt.Sprintf(`{ all: %s { make models { model %s } } }`, list, idField), nil)["all"].([]any))
	filtered := all
	if list == "electricVehicles" {
		filtered = find(mustQuery(t, c)(fmt.Sprintf(`{ one: %s(make: %q) { make models { model %s } } }`, list, make, idField), nil)["one"].([]any))
	}
	if all == "" || filtered != all {
		t.Fatalf("%s %s is %q in the make's list and %q in the whole catalog", make, model, filtered, all)
	}
	return all
}

// TestOctopusRegisteredCarIsOnboarded registers a car for the demo house by its
// catalog id, as the app's SmartFlex onboarding does: devices lists it ONBOARDING until
// its test charge, which runs for a quarter of an hour, then LIVE; a boost is refused
// until then, and a second test charge is refused while one runs and once it is live.
// The test charge is a dispatch of its own ("test-charge"), planned while it runs and
// completed after, which the house's meter measured.
func TestOctopusRegisteredCarIsOnboarded(t *testing.T) {
	srv, c := octopus(t)
	q := mustQuery(t, c)
	leaf := variantID(t, c, "electricVehicles", "vehicleId", "Nissan", "Leaf")
	got := q(registerDevice, map[string]any{"n": "A-C90DC431", "p": 2214531, "t": "ELECTRIC_VEHICLES", "by": "ENODE", "v": leaf})
	id, _ := simtest.Get(got, "deviceRegistration", "registeredDeviceIds", 0).(string)
	if id == "" {
		t.Fatalf("registered %v", got)
	}
	const devices = `{ devices(accountNumber: "A-C90DC431") { id provider deviceType status { current currentState } ... on SmartFlexVehicle { make model } } }`
	state := func() string {
		d := q(devices, nil)["devices"].([]any)
		if len(d) != 1 || simtest.Get(d, 0, "id") != id {
			t.Fatalf("devices %v, want the car %s alone", d, id)
		}
		return fmt.Sprint(simtest.Get(d, 0, "make"), " ", simtest.Get(d, 0, "model"), " ", simtest.Get(d, 0, "provider"), " ",
			simtest.Get(d, 0, "status", "current"), " ", simtest.Get(d, 0, "status", "currentState"))
	}
	if s := state(); s != "Nissan Leaf ENODE ONBOARDING AUTHENTICATION_COMPLETE" {
		t.Errorf("registered: %s", s)
	}
	// The older record restates the car and the provider it was registered through; no
	// smart charge is planned for a car not yet live.
	old := q(`{ registeredKrakenflexDevice(accountNumber: "A-C90DC431") { krakenflexDeviceId provider vehicleMake vehicleModel }
	  plannedDispatches(accountNumber: "A-C90DC431") { start } }`, nil)
	if got := fmt.Sprint(old["registeredKrakenflexDevice"], " ", old["plannedDispatches"]); got != "map[krakenflexDeviceId:"+id+" provider:ENODE vehicleMake:Nissan vehicleModel:Leaf] []" {
		t.Errorf("the record and the plan of a car being onboarded: %s", got)
	}
	const boost = `mutation { triggerBoostCharge(input: {accountNumber: "A-C90DC431"}) { __typename } }`
	if r := c.Query(boost, nil); len(r.Errors) != 1 || r.Errors[0].Code() != "KT-CT-4357" || fmt.Sprint(r.Errors[0].Extensions["boostChargeRefusalReasons"]) != "[BC_DEVICE_NOT_YET_LIVE]" {
		t.Errorf("a boost of a car not yet live: %+v", r.Errors)
	}
	const test = `mutation { triggerTestCharge(input: {accountNumber: "A-C90DC431"}) { krakenflexDevice { krakenflexDeviceId } } }`
	if got := simtest.Get(q(test, nil), "triggerTestCharge", "krakenflexDevice", "krakenflexDeviceId"); got != id {
		t.Errorf("the test charge is of %v", got)
	}
	if s := state(); s != "Nissan Leaf ENODE ONBOARDING_TEST_IN_PROGRESS TEST_CHARGE_IN_PROGRESS" {
		t.Errorf("under test: %s", s)
	}
	refused := func(want string) {
		t.Helper()
		r := c.Query(test, nil)
		if len(r.Errors) != 1 || r.Errors[0].Code() != "KT-CT-4355" || fmt.Sprint(r.Errors[0].Extensions["testChargeRefusalReasons"]) != want {
			t.Errorf("a second test charge: %+v, want KT-CT-4355 %s", r.Errors, want)
		}
	}
	refused("[TC_DEVICE_ONBOARDING_IN_PROGRESS]")
	const dispatches = `{ plannedDispatches(accountNumber: "A-C90DC431") { start end delta meta { source } }
		completedDispatches(accountNumber: "A-C90DC431") { start end delta meta { source location } } }`
	// A quarter of an hour at the 6.6 kW a Leaf charges at, with no charger named.
	got = q(dispatches, nil)
	if p := fmt.Sprint(got["plannedDispatches"]); p != "[map[delta:-1.650 end:2026-12-02T09:15:00+00:00 meta:map[source:test-charge] start:2026-12-02T09:00:00+00:00]]" {
		t.Errorf("under test, planned: %s", p)
	}
	c.AdvanceClock(16 * time.Minute)
	c.SignIn("demo@krakensim.dev", "krakensim")
	if s := state(); s != "Nissan Leaf ENODE LIVE SMART_CONTROL_CAPABLE" && s != "Nissan Leaf ENODE LIVE SMART_CONTROL_IN_PROGRESS" {
		t.Errorf("after its test: %s", s)
	}
	refused("[TC_DEVICE_LIVE]")
	got = q(dispatches, nil)
	if d := fmt.Sprint(got["completedDispatches"]); d != "[map[delta:-1.650 end:2026-12-02T09:15:00+00:00 meta:map[location:AT_HOME source:<nil>] start:2026-12-02T09:00:00+00:00]]" {
		t.Errorf("after its test, completed: %s", d)
	}
	// The house's meter measured it: its 09:00 half hour, which the supplier has after
	// midnight, is 1.65 kWh more than in a session where no car was registered.
	c.AdvanceClock(15 * time.Hour)
	c.SignIn("demo@krakensim.dev", "krakensim")
	const halfHour = `{ account(accountNumber: "A-C90DC431") { properties { electricityMeterPoints { meters {
		consumption(startAt: "2026-12-02T09:00:00Z", grouping: HALF_HOUR, timezone: "Europe/London", first: 1) { edges { node { value } } } } } } } }`
	plain := srv.Client(t)
	plain.AdvanceClock(15*time.Hour + 32*time.Minute)
	plain.SignIn("demo@krakensim.dev", "krakensim")
	read := func(c *simtest.Client) float64 {
		got := mustQuery(t, c)(halfHour, nil)
		return number(t, simtest.Get(got, "account", "properties", 0, "electricityMeterPoints", 0, "meters", 0, "consumption", "edges", 0, "node", "value"))
	}
	if tested, without := read(c), read(plain); math.Abs(tested-without-1.65) > 0.001 {
		t.Errorf("the 09:00 half hour: %.3f kWh with the test charge, %.3f without", tested, without)
	}
}

// TestOctopusDeviceRegistrationIsRefused registers what cannot be registered: each is
// refused with the code deviceRegistration documents, and nothing is registered.
func TestOctopusDeviceRegistrationIsRefused(t *testing.T) {
	srv, c := octopus(t)
	leaf := variantID(t, c, "electricVehicles", "vehicleId", "Nissan", "Leaf")
	zappi := variantID(t, c, "chargePointVariants", "variantId", "myenergi", "Zappi v2")
	other := srv.ClientIn(t, c.Session)
	other.SignIn("other@krakensim.dev", "krakensim")
	for _, tc := range []struct {
		name   string
		client *simtest.Client
		vars   map[string]any
		want   string
	}{
		{"a variant no catalog has", c, map[string]any{"n": "A-C90DC431", "p": 2214531, "t": "ELECTRIC_VEHICLES", "by": "ENODE", "v": "999"}, "KT-CT-4321"},
		{"a car as a battery", c, map[string]any{"n": "A-C90DC431", "p": 2214531, "t": "BATTERIES", "by": "ENODE", "v": leaf}, "KT-CT-4321"},
		{"a property not the account's", c, map[string]any{"n": "A-C90DC431", "p": 2214533, "t": "ELECTRIC_VEHICLES", "by": "ENODE", "v": leaf}, "KT-CT-4321"},
		{"a provider that does not control the model", c, map[string]any{"n": "A-C90DC431", "p": 2214531, "t": "ELECTRIC_VEHICLES", "by": "TESLA", "v": leaf}, "KT-CT-4312"},
		{"a charger beside the flat's car", c, map[string]any{"n": "A-7B3E9D12", "p": 2214532, "t": "ELECTRIC_VEHICLES", "by": "MYENERGI", "v": zappi}, "KT-CT-4324"},
		{"someone else's account", other, map[string]any{"n": "A-C90DC431", "p": 2214531, "t": "ELECTRIC_VEHICLES", "by": "ENODE", "v": leaf}, "KT-CT-1111"},
	} {
		if got := graphqlCode(t, tc.client, registerDevice, tc.vars); got != tc.want {
			t.Errorf("%s: %q, want %s", tc.name, got, tc.want)
		}
	}
	if d := mustQuery(t, c)(`{ devices(accountNumber: "A-C90DC431") { id } }`, nil)["devices"]; fmt.Sprint(d) != "[]" {
		t.Errorf("a refused registration registered %v", d)
	}
}

// TestOctopusSmartFlexWizardFollowsTheRegistration starts the SmartFlex onboarding of
// the demo house, as the app does before it registers a car: the wizard is listed, the
// same one answered when started again, done once the car is registered there, and a
// wizard cancelled or not the viewer's cannot be cancelled (KT-CT-4371).
func TestOctopusSmartFlexWizardFollowsTheRegistration(t *testing.T) {
	srv, c := octopus(t)
	q := mustQuery(t, c)
	const start = `mutation($p: Int!) { startSmartFlexOnboarding(input: {accountNumber: "A-C90DC431", propertyId: $p}) { wizard { id } } }`
	const list = `{ smartFlexOnboardingWizards(accountNumber: "A-C90DC431") { id } }`
	const cancel = `mutation($w: ID!) { cancelSmartFlexOnboarding(input: {wizardId: $w}) { wizard { id } } }`
	first := simtest.Get(q(start, map[string]any{"p": 2214531}), "startSmartFlexOnboarding", "wizard", "id")
	again := simtest.Get(q(start, map[string]any{"p": 2214531}), "startSmartFlexOnboarding", "wizard", "id")
	if first == nil || again != first || fmt.Sprint(q(list, nil)["smartFlexOnboardingWizards"]) != fmt.Sprintf("[map[id:%v]]", first) {
		t.Fatalf("started %v then %v; listed %v", first, again, q(list, nil))
	}
	if got := graphqlCode(t, c, start, map[string]any{"p": 2214533}); got != "KT-CT-4321" {
		t.Errorf("another's property: %q", got)
	}
	other := srv.ClientIn(t, c.Session)
	other.SignIn("other@krakensim.dev", "krakensim")
	if got := graphqlCode(t, other, cancel, map[string]any{"w": first}); got != "KT-CT-4371" {
		t.Errorf("someone else's wizard cancelled: %q", got)
	}
	leaf := variantID(t, c, "electricVehicles", "vehicleId", "Nissan", "Leaf")
	q(registerDevice, map[string]any{"n": "A-C90DC431", "p": 2214531, "t": "ELECTRIC_VEHICLES", "by": "ENODE", "v": leaf})
	if got := fmt.Sprint(q(list, nil)["smartFlexOnboardingWizards"]); got != "[]" {
		t.Errorf("after the car was registered, wizards %s", got)
	}
	if got := graphqlCode(t, c, cancel, map[string]any{"w": first}); got != "KT-CT-4371" {
		t.Errorf("a done wizard cancelled: %q", got)
	}
	second := simtest.Get(q(start, map[string]any{"p": 2214531}), "startSmartFlexOnboarding", "wizard", "id")
	if second == first || simtest.Get(q(cancel, map[string]any{"w": second}), "cancelSmartFlexOnboarding", "wizard", "id") != second {
		t.Errorf("a new wizard %v (the first %v) not cancelled", second, first)
	}
	if got := fmt.Sprint(q(list, nil)["smartFlexOnboardingWizards"]); got != "[]" {
		t.Errorf("after cancelling, wizards %s", got)
	}
}

// TestOctopusSuspendedCarRefusesTestCharge asks for a test charge of the flat's live car
// while its smart control is suspended: refused with both reasons, TC_DEVICE_LIVE and
// TC_DEVICE_SUSPENDED, and with TC_DEVICE_LIVE alone once it is resumed; a car being
// onboarded at the demo house is refused its test charge (TC_DEVICE_SUSPENDED) while
// suspended, and has it once resumed.
func TestOctopusSuspendedCarRefusesTestCharge(t *testing.T) {
	_, c := octopus(t)
	q := mustQuery(t, c)
	refused := func(account, when, want string) {
		t.Helper()
		r := c.Query(`mutation($a: String!) { triggerTestCharge(input: {accountNumber: $a}) { __typename } }`, map[string]any{"a": account})
		if len(r.Errors) != 1 || r.Errors[0].Code() != "KT-CT-4355" || fmt.Sprint(r.Errors[0].Extensions["testChargeRefusalReasons"]) != want {
			t.Errorf("%s: %+v, want KT-CT-4355 %s", when, r.Errors, want)
		}
	}
	control := func(verb, account string) {
		q(`mutation($a: String!) { `+verb+`(input: {accountNumber: $a}) { __typename } }`, map[string]any{"a": account})
	}
	control("suspendControl", "A-7B3E9D12")
	refused("A-7B3E9D12", "the flat's live car, suspended", "[TC_DEVICE_LIVE TC_DEVICE_SUSPENDED]")
	control("resumeControl", "A-7B3E9D12")
	refused("A-7B3E9D12", "the flat's live car, resumed", "[TC_DEVICE_LIVE]")

	leaf := variantID(t, c, "electricVehicles", "vehicleId", "Nissan", "Leaf")
	got := q(registerDevice, map[string]any{"n": "A-C90DC431", "p": 2214531, "t": "ELECTRIC_VEHICLES", "by": "ENODE", "v": leaf})
	id, _ := simtest.Get(got, "deviceRegistration", "registeredDeviceIds", 0).(string)
	control("suspendControl", "A-C90DC431")
	refused("A-C90DC431", "a car being onboarded, suspended", "[TC_DEVICE_SUSPENDED]")
	control("resumeControl", "A-C90DC431")
	const test = `mutation { triggerTestCharge(input: {accountNumber: "A-C90DC431"}) { krakenflexDevice { krakenflexDeviceId } } }`
	if got := simtest.Get(q(test, nil), "triggerTestCharge", "krakenflexDevice", "krakenflexDeviceId"); id == "" || got != id {
		t.Errorf("the test charge once resumed is of %v, want %q", got, id)
	}
}
