package simtest_test

import (
	"fmt"
	"testing"

	"github.com/krakensim/krakensim/sim/simtest"
)

// TestRegisterWrapsAtItsDigits reads the business account's five-dial smart meter in
// July 2034, as its count passes 99999: its readings and expected range are as its dials
// show them (the range in two parts, up to 99999 and on from 0), a reading below the one
// before it, the dials having wrapped, is taken, a value of six digits is refused as
// invalid, and so is one below the one before it that the use since could not wrap to.
func TestRegisterWrapsAtItsDigits(t *testing.T) {
	srv, _ := octopus(t)
	const meter = `{ account(accountNumber: "A-B1A2C3D4") { properties { electricityMeterPoints { meters {
		registers { digits expectedReadingRanges } readings(first: 2) { edges { node { source registers { value digits } } } } } } } } }`
	const read = `mutation($v: Int!) { r: createElectricityMeterReading(mpan: "1600155283015", serialNumber: "16K0034561",
		readings: [{registerId: "1", reading: $v}]) { readingErrors { field errors { ... on SerializerErrorType { code } } } id } }`
	session := func(t *testing.T) func(string, map[string]any) map[string]any {
		c := srv.Client(t)
		setClock(t, c, "2034-07-22T12:00:00Z")
		c.SignIn("business@krakensim.dev", "krakensim")
		return mustQuery(t, c)
	}
	errorsOf := func(out map[string]any) string {
		var got []string
		for _, e := range simtest.Get(out, "r", "readingErrors").([]any) {
			got = append(got, fmt.Sprint(simtest.Get(e, "field"), " ", simtest.Get(e, "errors", 0, "code")))
		}
		return fmt.Sprint(got)
	}
	q := session(t)
	m := simtest.Get(q(meter, nil), "account", "properties", 0, "electricityMeterPoints", 0, "meters", 0)
	if got := fmt.Sprint(simtest.Get(m, "readings", "edges", 0, "node")); got != "map[registers:[map[digits:5 value:99702.06700]] source:SMART_METER]" {
		t.Fatalf("the reading of 1 July 2034: got %s, want 99702.06700 of five digits", got)
	}
	ranges := simtest.Get(m, "registers", 0, "expectedReadingRanges").([]any)
	if len(ranges) != 2 || simtest.Get(ranges, 0, 1) != 99999.0 || simtest.Get(ranges, 1, 0) != 0.0 {
		t.Fatalf("expected ranges %v, want two: up to 99999 and on from 0", ranges)
	}
	lo, hi := simtest.Get(ranges, 0, 0).(float64), simtest.Get(ranges, 1, 1).(float64)
	if lo < 99900 || hi < 1 || hi > 100 {
		t.Fatalf("expected ranges %v, want them about the wrap", ranges)
	}
	for _, tt := range []struct {
		name  string
		value int
		want  string
	}{
		{"more digits than the dials", 100000 + int(hi), "[reading invalid]"},
		{"below the reading before and far from the wrap", 50000, "[reading invalid]"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := errorsOf(session(t)(read, map[string]any{"v": tt.value})); got != tt.want {
				t.Errorf("%d: errors %s, want %s", tt.value, got, tt.want)
			}
		})
	}
	if out := q(read, map[string]any{"v": int(hi)}); errorsOf(out) != "[]" || simtest.Get(out, "r", "id") == nil {
		t.Fatalf("%v, past the wrap in the expected range: %v", hi, out)
	}
	m = simtest.Get(q(meter, nil), "account", "properties", 0, "electricityMeterPoints", 0, "meters", 0)
	if got, want := fmt.Sprint(simtest.Get(m, "readings", "edges", 0, "node")), fmt.Sprintf("map[registers:[map[digits:5 value:%.5f]] source:CUSTOMER]", hi); got != want {
		t.Errorf("the newest reading: got %s, want %s", got, want)
	}
}
