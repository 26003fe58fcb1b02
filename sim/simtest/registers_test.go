package simtest_test

import (
	"fmt"
	"testing"

	"github.com/krakensim/krakensim/sim/simtest"
)

// TestOctopusMeterRegistersAreNamedAsTheirReadings: a meter's register is what its
// readings call it ("Standard", as a captured Kraken reading names Octopus's one
// register) and is rated STANDARD, as REST's account lists it, for each fuel and
// household (the Prometheus exporter keeps only meters whose registers are "Standard").
func TestOctopusMeterRegistersAreNamedAsTheirReadings(t *testing.T) {
	_, c := octopus(t)
	for _, tc := range []struct{ email, account string }{
		{"demo@krakensim.dev", "A-C90DC431"},
		{"solar@krakensim.dev", "A-6D4F2E88"},
	} {
		c.SignIn(tc.email, "krakensim")
		data := mustQuery(t, c)(`query($n: String!) { account(accountNumber: $n) { properties {
			electricityMeterPoints { meters { registers { identifier name unitRateType }
				readings(first: 1) { edges { node { registers { identifier name } } } } } }
			gasMeterPoints { meters { registers { identifier name unitRateType }
				readings(first: 1) { edges { node { registers { identifier name } } } } } } } } }`, map[string]any{"n": tc.account})
		seen := 0
		for _, fuel := range []string{"electricityMeterPoints", "gasMeterPoints"} {
			for _, mp := range simtest.Get(data, "account", "properties", 0, fuel).([]any) {
				for _, m := range simtest.Get(mp, "meters").([]any) {
					reg := simtest.Get(m, "registers", 0)
					got := fmt.Sprint(simtest.Get(reg, "name"), " ", simtest.Get(reg, "unitRateType"))
					if got != "Standard STANDARD" {
						t.Errorf("%s %s: register %v; want Standard STANDARD", tc.account, fuel, reg)
					}
					if rd := simtest.Get(m, "readings", "edges", 0, "node", "registers", 0); rd != nil && simtest.Get(rd, "name") != simtest.Get(reg, "name") {
						t.Errorf("%s %s: the register is %v, its readings' %v", tc.account, fuel, reg, rd)
					}
					seen++
				}
			}
		}
		if seen == 0 {
			t.Errorf("%s: no meters", tc.account)
		}
	}
}
