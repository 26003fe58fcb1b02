package simtest_test

import (
	"testing"
	"time"

	"github.com/krakensim/krakensim/sim/simtest"
)

// TestLeaverSubmitsNoReadingAfterMovingOut: the demo household, moved out of its home
// on 15 December, gives submitMeterReading a reading of the home's meters, addressed by
// account and meter id, for a day it still lived there, and is refused one for a day
// after (KT-GB-6414), as a reading given by MPAN or MPRN is: the meter is no longer
// theirs.
func TestLeaverSubmitsNoReadingAfterMovingOut(t *testing.T) {
	_, c := vendorServer(t)
	mustQuery(t, c)(`mutation { moveOut(input: {accountNumber: "A-C90DC431", propertyId: "2214531", moveOutDate: "2026-12-15"}) { account { number } } }`, nil)
	c.AdvanceClock(18 * 24 * time.Hour)
	c.SignIn("demo@krakensim.dev", "krakensim")
	const submit = `mutation($m: ID!, $v: Decimal!, $at: DateTime!) { submitMeterReading(input: {accountNumber: "A-C90DC431", meterId: $m, value: $v, readAt: $at}) { reading { meterId value readAt } } }`
	for _, tc := range []struct {
		meter, value, at, code string
	}{
		{"3010001", "19300", "2026-12-10T09:00:00Z", ""},
		{"3010001", "19400", "2026-12-18T09:00:00Z", "KT-GB-6414"},
		{"19L3471092", "19400", "2026-12-16T00:30:00Z", "KT-GB-6414"},
		{"3020001", "9360", "2026-12-12T09:00:00Z", ""},
		{"3020001", "9380", "2026-12-19T09:00:00Z", "KT-GB-6414"},
	} {
		out := c.Query(submit, map[string]any{"m": tc.meter, "v": tc.value, "at": tc.at})
		switch {
		case tc.code == "" && (len(out.Errors) > 0 || simtest.Get(out.Data, "submitMeterReading", "reading", "meterId") == nil):
			t.Errorf("meter %s on %s: %+v %v, want the reading taken", tc.meter, tc.at, out.Errors, out.Data)
		case tc.code != "" && (len(out.Errors) != 1 || out.Errors[0].Code() != tc.code || simtest.Get(out.Data, "submitMeterReading") != nil):
			t.Errorf("meter %s on %s: %+v %v, want %s", tc.meter, tc.at, out.Errors, out.Data, tc.code)
		}
	}
}
