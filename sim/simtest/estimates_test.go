package simtest_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/krakensim/krakensim/sim/simtest"
)

// TestOctopusRootAnswersAreTheAccounts reads what the app asks beside an account: the
// typical use a sign-up offers rises from low to high, a two-rate year splitting into
// day and night; a credit household has no prepayment top-ups and no Feed-in Tariff
// schedule.
func TestOctopusRootAnswersAreTheAccounts(t *testing.T) {
	_, c := octopus(t)
	data := mustQuery(t, c)(`{ consumptionEstimates { low { ...use } medium { ...use } high { ...use } }
		prepayPayments(accountNumber: "A-C90DC431", first: 5) { totalCount edges { node { id } } }
		fitSchedule(accountNumber: "A-C90DC431", scheduleId: "1") { scheduleId } }
		fragment use on ConsumptionEstimate { elecAnnualConsumptionStandard elecAnnualConsumptionDay elecAnnualConsumptionNight gasAnnualConsumption }`, nil)
	var prev []float64
	for _, level := range []string{"low", "medium", "high"} {
		e := simtest.Get(data, "consumptionEstimates", level).(map[string]any)
		cur := []float64{e["elecAnnualConsumptionStandard"].(float64), e["elecAnnualConsumptionDay"].(float64) + e["elecAnnualConsumptionNight"].(float64), e["gasAnnualConsumption"].(float64)}
		if e["elecAnnualConsumptionNight"].(float64) >= e["elecAnnualConsumptionDay"].(float64) || cur[1] <= cur[0] || cur[2] <= cur[1] {
			t.Errorf("%s use: %v", level, e)
		}
		if prev != nil && slices.ContainsFunc([]int{0, 1, 2}, func(i int) bool { return cur[i] <= prev[i] }) {
			t.Errorf("%s use %v is not above the level below's %v", level, cur, prev)
		}
		prev = cur
	}
	if got := fmt.Sprint(simtest.Get(data, "consumptionEstimates", "medium")); got != "map[elecAnnualConsumptionDay:2762 elecAnnualConsumptionNight:1138 elecAnnualConsumptionStandard:2700 gasAnnualConsumption:11500]" {
		t.Errorf("medium use: %s", got)
	}
	if got := spaced(simtest.Get(data, "prepayPayments", "totalCount"), simtest.Get(data, "fitSchedule")); got != "0 <nil>" {
		t.Errorf("a credit household's top-ups and FIT schedule: %s", got)
	}
}
