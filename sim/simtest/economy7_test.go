package simtest_test

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/simtest"
)

// TestOctopusEconomy7KeepsGreenwichMeanTime: the demo household moved onto Economy 7
// last June is charged its night rate from 00:30 to 07:30 GMT all year, as the meter's
// clock keeps it: 01:30 to 08:30 in British Summer Time, 00:30 to 07:30 in winter; its
// smart meter's half hours in those hours of a summer week are the night's share of its
// use (7/24), as its prices assume.
func TestOctopusEconomy7KeepsGreenwichMeanTime(t *testing.T) {
	srv, c := octopus(t, func(w *sim.World) {
		mp := &w.Account("A-C90DC431").Properties[0].ElectricityMeterPoints[0]
		mp.Agreements[1].ValidTo = "2026-06-01"
		mp.Agreements = append(mp.Agreements, sim.Agreement{ID: "9100099", TariffCode: "E-2R-VAR-22-11-01-A", ProductCode: "VAR-22-11-01", ValidFrom: "2026-06-01"})
	})
	const q = `query($from: DateTime!, $to: DateTime!) { applicableRates(accountNumber: "A-C90DC431", mpxn: "1013004420117", startAt: $from, endAt: $to, first: 10) {
		edges { node { value validFrom validTo } } } }`
	for _, tc := range []struct{ day, want string }{
		{"2026-07-01", "2026-07-01T01:00:00+01:00 2026-07-01T01:30:00+01:00 2026-07-01T08:30:00+01:00"},
		{"2026-11-02", "2026-11-02T00:00:00+00:00 2026-11-02T00:30:00+00:00 2026-11-02T07:30:00+00:00"},
	} {
		got := mustQuery(t, c)(q, map[string]any{"from": tc.day + "T00:00:00Z", "to": tc.day + "T23:00:00Z"})
		edges := simtest.Get(got, "applicableRates", "edges").([]any)
		var starts []string
		var values []float64
		for _, e := range edges {
			starts = append(starts, fmt.Sprint(simtest.Get(e, "node", "validFrom")))
			v, _ := strconv.ParseFloat(fmt.Sprint(simtest.Get(e, "node", "value")), 64)
			values = append(values, v)
		}
		if strings.Join(starts, " ") != tc.want || len(values) != 3 || values[0] != values[2] || values[1] >= values[0] {
			t.Errorf("%s: the rates begin at %v at %v; want the night's from the second, %s", tc.day, starts, values, tc.want)
		}
	}
	_, body := rest(t, srv, c.Session, "sk_live_krakensimdemo3235447",
		"/v1/electricity-meter-points/1013004420117/meters/19L3471092/consumption/?period_from=2026-07-01T00:00:00Z&period_to=2026-07-08T00:00:00Z&page_size=1000")
	var all, night float64
	for _, r := range simtest.Get(body, "results").([]any) {
		v := number(t, simtest.Get(r, "consumption"))
		from, _ := time.Parse(time.RFC3339, fmt.Sprint(simtest.Get(r, "interval_start")))
		if m := from.UTC().Hour()*60 + from.UTC().Minute(); m >= 30 && m < 7*60+30 {
			night += v
		}
		all += v
	}
	if all == 0 || math.Abs(night/all-7.0/24) > 0.004 {
		t.Errorf("a July week's use %.3f kWh, %.3f of it from 00:30 to 07:30 GMT; want 7/24", all, night)
	}
}
