package simtest_test

import (
	"fmt"
	"strconv"
	"testing"

	"github.com/krakensim/krakensim/sim/simtest"
)

// TestOriginCoordinatesAreInTheState: a home whose postcode the place table lacks is
// placed in a town of its postcode's state, not anywhere in Australia: Brunswick and
// Carlton in Victoria, Mount Barker in South Australia.
func TestOriginCoordinatesAreInTheState(t *testing.T) {
	srv, c := tenant(t, "origin-schema.graphql")
	// The states' extents, south to north and west to east.
	bounds := map[string][4]float64{"VIC": {-39.2, -33.9, 140.9, 150.0}, "SA": {-38.1, -25.9, 128.9, 141.1}}
	for _, tc := range []struct{ key, account, postcode, state string }{
		{"sk_live_krakensimheatpump3235452", "A-5E3C1B77", "3056", "VIC"},
		{"sk_live_krakensimpayg3235453", "A-3C7D5E91", "3053", "VIC"},
		{"sk_live_krakensimsolar3235454", "A-6D4F2E88", "5251", "SA"},
	} {
		client, _ := signInAs(t, srv, c, `{APIKey: "`+tc.key+`"}`)
		p := simtest.Get(mustQuery(t, client)(`query($n: String!) { account(accountNumber: $n) { properties { postcode coordinates { latitude longitude } } } }`,
			map[string]any{"n": tc.account}), "account", "properties", 0)
		lat, _ := strconv.ParseFloat(fmt.Sprint(simtest.Get(p, "coordinates", "latitude")), 64)
		lon, _ := strconv.ParseFloat(fmt.Sprint(simtest.Get(p, "coordinates", "longitude")), 64)
		b := bounds[tc.state]
		if simtest.Get(p, "postcode") != tc.postcode || lat < b[0] || lat > b[1] || lon < b[2] || lon > b[3] {
			t.Errorf("%s at %v: (%v, %v); want a place in %s", tc.account, simtest.Get(p, "postcode"), lat, lon, tc.state)
		}
	}
}
