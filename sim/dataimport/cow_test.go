package dataimport_test

import (
	"reflect"
	"testing"

	"github.com/krakensim/krakensim/fixtures"
	"github.com/krakensim/krakensim/sim"
)

// TestImportsLeaveFixturesAlone sends every request of TestStatuses that succeeds, each
// in a session of its own: the fixtures the sessions share and a fresh session keep the
// fixtures' values.
func TestImportsLeaveFixturesAlone(t *testing.T) {
	cfg, err := baseConfig()
	if err != nil {
		t.Fatal(err)
	}
	shared, err := fixtures.Default()
	if err != nil {
		t.Fatal(err)
	}
	pristine := shared.Clone()
	cfg.World, cfg.ClockStart = shared, testNow
	s, err := sim.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	changed := 0
	for i, tc := range statusCases(t) {
		if tc.status/100 != 2 {
			continue
		}
		id := "import-" + itoa(i)
		serve(t, s, id, tc.call)
		if !reflect.DeepEqual(world(t, s, id).Clone(), pristine) {
			changed++
		}
		if !reflect.DeepEqual(shared, pristine) {
			t.Fatalf("%s changed the fixtures the sessions share", tc.name)
		}
	}
	if changed == 0 {
		t.Fatal("no request changed its session; the test proves nothing")
	}
	if !reflect.DeepEqual(world(t, s, "fresh").Clone(), pristine) {
		t.Error("a fresh session does not hold the fixtures' values")
	}
}
