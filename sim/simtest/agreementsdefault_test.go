package simtest_test

import (
	"fmt"
	"testing"

	"github.com/krakensim/krakensim/sim/simtest"
)

// TestOctopusMeterPointAgreementsLeaveOutTheExpired: a meter point's agreements "filters
// out expired agreements by default", so a client taking the first has today's; with
// includeInactive it lists them all, and validAfter those in force after it.
func TestOctopusMeterPointAgreementsLeaveOutTheExpired(t *testing.T) {
	_, c := octopus(t)
	q := mustQuery(t, c)
	for _, tc := range []struct{ args, want string }{
		{"", "[E-1R-VAR-22-11-01-A]"},
		{"(includeInactive: false)", "[E-1R-VAR-22-11-01-A]"},
		{"(includeInactive: true)", "[E-1R-VAR-19-04-12-A E-1R-VAR-22-11-01-A]"},
		{`(includeInactive: true, validAfter: "2025-01-01T00:00:00Z")`, "[E-1R-VAR-22-11-01-A]"},
	} {
		data := q(`{ account(accountNumber: "A-C90DC431") { properties { electricityMeterPoints { agreements`+tc.args+` { tariff { ... on TariffType { tariffCode } } } } } } }`, nil)
		var codes []any
		for _, ag := range simtest.Get(data, "account", "properties", 0, "electricityMeterPoints", 0, "agreements").([]any) {
			codes = append(codes, simtest.Get(ag, "tariff", "tariffCode"))
		}
		if got := fmt.Sprint(codes); got != tc.want {
			t.Errorf("agreements%s: %s, want %s", tc.args, got, tc.want)
		}
	}
}
