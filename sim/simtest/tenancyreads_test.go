package simtest_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/krakensim/krakensim/sim/simtest"
)

// TestChangeOfTenancyReadingIsOneRegister: the demo household's closing reading of each
// smart meter and Sam's opening one are the same change of tenancy reading, at the
// start of the day the occupier account began; a month on, the register both accounts
// show expects the same range.
func TestChangeOfTenancyReadingIsOneRegister(t *testing.T) {
	_, c, sam, number, _ := claimedHome(t, true)
	c.AdvanceClock(30 * 24 * time.Hour)
	c.SignIn("demo@krakensim.dev", "krakensim")
	sam.SignIn("sam@example.com", "a-new-home-2026")
	const q = `query($n: String!) { account(accountNumber: $n) { properties {
		electricityMeterPoints { meters { serialNumber registers { expectedReadingRanges } readings(first: 12) { edges { node { readAt registers { value } } } } } }
		gasMeterPoints { meters { serialNumber readings(first: 12) { edges { node { readAt registers { value } } } } } } } } }`
	type view struct {
		reads  map[string]any // a meter's reading at the move, by serial number
		ranges any
	}
	read := func(client *simtest.Client, n string) view {
		t.Helper()
		v := view{reads: map[string]any{}}
		for _, p := range simtest.Get(mustQuery(t, client)(q, map[string]any{"n": n}), "account", "properties").([]any) {
			for _, fuel := range []string{"electricityMeterPoints", "gasMeterPoints"} {
				for _, mp := range simtest.Get(p, fuel).([]any) {
					for _, m := range simtest.Get(mp, "meters").([]any) {
						serial := simtest.Get(m, "serialNumber").(string)
						if r := simtest.Get(m, "registers", 0, "expectedReadingRanges"); r != nil {
							v.ranges = r
						}
						for _, e := range simtest.Get(m, "readings", "edges").([]any) {
							if simtest.Get(e, "node", "readAt") == "2026-12-03T00:00:00+00:00" {
								v.reads[serial] = simtest.Get(e, "node", "registers", 0, "value")
							}
						}
					}
				}
			}
		}
		return v
	}
	left, came := read(c, "A-C90DC431"), read(sam, number)
	for _, serial := range []string{"19L3471092", "E6S13452871961"} {
		if left.reads[serial] == nil || left.reads[serial] != came.reads[serial] {
			t.Errorf("meter %s at the move: %v closing, %v opening; want one reading", serial, left.reads[serial], came.reads[serial])
		}
	}
	if came.ranges == nil || fmt.Sprint(left.ranges) != fmt.Sprint(came.ranges) {
		t.Errorf("the electricity register expects %v to the household, %v to Sam; want one range", left.ranges, came.ranges)
	}
}
