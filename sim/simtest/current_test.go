package simtest_test

import (
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/krakensim/krakensim/sim/simtest"
)

// demoCar is the demo household's car (A-7B3E9D12), smart charged on Intelligent Octopus Go.
const demoCar = "00000000-0002-4000-8020-0000000a7b3e"

const flexAndPlanned = `query($d: String!, $a: String!) {
  flexPlannedDispatches(deviceId: $d) { start end type energyAddedKwh }
  plannedDispatches(accountNumber: $a) { start end delta meta { source } }
}`

// TestFlexPlannedDispatchesArePlannedDispatches asks a car's planned dispatches by its
// device id, as clients do since plannedDispatches was deprecated, through the night
// and a boost: they are its owner's plannedDispatches, slot for slot, the energy they
// add the energy those draw, and their type what asked for them.
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
		c.AdvanceClock(step.advance)
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
			if f["start"] != p["start"] || f["end"] != p["end"] || added <= 0 || added != -delta || f["type"] != kinds[source] {
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
// does not own, and of a device no one has: Unauthorized, as Kraken answers both.
func TestFlexPlannedDispatchesOfOthers(t *testing.T) {
	_, c := current(t)
	const op = `query($d: String!) { flexPlannedDispatches(deviceId: $d) { start } }`
	if code := graphqlCode(t, c, op, map[string]any{"d": "00000000-0000-4000-8000-000000000000"}); code != "KT-CT-1111" {
		t.Errorf("an unknown device: %q", code)
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
	})
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
		c.AdvanceClock(time.Hour)
		beside.AdvanceClock(time.Hour)
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
