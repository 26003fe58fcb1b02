package simtest_test

import (
	"fmt"
	"math"
	"strconv"
	"testing"

	"github.com/krakensim/krakensim/sim/simtest"
)

// TestOneRoundedEnergy: a day's energy is one figure on every path, to the last Wh: the
// meter's half hours added up, its day and the day's consumption line item's units.
func TestOneRoundedEnergy(t *testing.T) {
	_, c := octopus(t)
	q := mustQuery(t, c)
	wh := func(v any) int64 { // v in kWh, whole Wh
		t.Helper()
		x, err := strconv.ParseFloat(fmt.Sprint(v), 64)
		if err != nil || math.Abs(x*1000-math.Round(x*1000)) > 1e-6 {
			t.Fatalf("%v is not a number of whole Wh (%v)", v, err)
		}
		return int64(math.Round(x * 1000))
	}
	consumption := func(grouping string, first int) []any {
		got := q(fmt.Sprintf(`{ account(accountNumber: "A-C90DC431") { properties { electricityMeterPoints { meters {
			consumption(startAt: "2026-11-29T00:00:00Z", grouping: %s, timezone: "Europe/London", first: %d) { edges { node { startAt value } } } } } } } }`, grouping, first), nil)
		return simtest.Get(got, "account", "properties", 0, "electricityMeterPoints", 0, "meters", 0, "consumption", "edges").([]any)
	}
	halves, days := consumption("HALF_HOUR", 48), consumption("DAY", 1)
	if len(halves) != 48 || len(days) != 1 {
		t.Fatalf("29 November: %d half hours, %d days", len(halves), len(days))
	}
	var sum int64
	for _, e := range halves {
		sum += wh(simtest.Get(e, "node", "value"))
	}
	day := wh(simtest.Get(days[0], "node", "value"))
	items := q(`{ electricityAgreement(id: 9100001) { ... on ElectricityAgreementType {
		lineItems(startAt: "2026-11-29T00:00:00Z", grouping: DAY, itemType: CONSUMPTION_CHARGE, timezone: "Europe/London", first: 1) {
			edges { node { startAt numberOfUnits } } } } } }`, nil)
	edges := simtest.Get(items, "electricityAgreement", "lineItems", "edges").([]any)
	if len(edges) != 1 {
		t.Fatalf("29 November: %d line items", len(edges))
	}
	units := simtest.Get(edges[0], "node", "numberOfUnits")
	if day == 0 || sum != day || wh(units) != day {
		t.Errorf("29 November: half hours %d Wh, the day %d Wh, its line item %v kWh", sum, day, units)
	}
}
