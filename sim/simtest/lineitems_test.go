package simtest_test

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/krakensim/krakensim/sim/simtest"
)

// TestOctopusLineItemsAreWhatTheMeterMeasured reads agreements' lineItems as marco-sparko
// does: a day's consumption charge is the meter's day in kWh at the tariff's unit rate
// before tax, as its consumption says it, up to the last midnight; on Intelligent
// Octopus Go, with no grouping, each item is a run at one of its two rates, end to end;
// a day's standing charge is a day at the standing charge before tax.
func TestOctopusLineItemsAreWhatTheMeterMeasured(t *testing.T) {
	_, c := octopus(t)
	q := mustQuery(t, c)
	const items = `query($id: ID!, $g: LineItemGroupingOptions!, $i: LineItemTypeOptions!) { electricityAgreement(id: $id) { ... on ElectricityAgreementType {
		tariff { ... on StandardTariff { preVatUnitRate preVatStandingCharge } ... on HalfHourlyTariff { unitRates { preVatValue } } }
		lineItems(startAt: "2026-11-28T00:00:00Z", grouping: $g, itemType: $i, timezone: "Europe/London", first: 20) {
			edges { node { startAt endAt netAmount numberOfUnits settlementUnit itemType } } pageInfo { hasNextPage } } } } }`
	read := func(id int, grouping, kind string) (tariff any, nodes []map[string]any) {
		got := q(items, map[string]any{"id": id, "g": grouping, "i": kind})
		for _, e := range simtest.Get(got, "electricityAgreement", "lineItems", "edges").([]any) {
			nodes = append(nodes, simtest.Get(e, "node").(map[string]any))
		}
		return simtest.Get(got, "electricityAgreement", "tariff"), nodes
	}
	num := func(v any) float64 {
		x, err := strconv.ParseFloat(fmt.Sprint(v), 64)
		if err != nil {
			t.Fatalf("%v is not a number", v)
		}
		return x
	}

	tariff, days := read(9100001, "DAY", "CONSUMPTION_CHARGE")
	used := q(`{ account(accountNumber: "A-C90DC431") { properties { electricityMeterPoints { meters {
		consumption(startAt: "2026-11-28T00:00:00Z", grouping: DAY, timezone: "Europe/London", first: 10) { edges { node { startAt value } } } } } } } }`, nil)
	metered := simtest.Get(used, "account", "properties", 0, "electricityMeterPoints", 0, "meters", 0, "consumption", "edges").([]any)
	rate := num(simtest.Get(tariff, "preVatUnitRate"))
	if len(days) != 4 || len(metered) != 4 {
		t.Fatalf("28 November to 2 December: %d days of line items, %d of consumption", len(days), len(metered))
	}
	for i, d := range days {
		kwh := num(simtest.Get(metered[i], "node", "value"))
		if d["startAt"] != simtest.Get(metered[i], "node", "startAt") || math.Abs(num(d["numberOfUnits"])-kwh) > 0.0006 ||
			math.Abs(num(d["netAmount"])-num(d["numberOfUnits"])*rate) > 0.01 || d["settlementUnit"] != "KILOWATT_HOURS" || d["itemType"] != "CONSUMPTION_CHARGE" {
			t.Errorf("%v: line item %v; the meter measured %v kWh at %v p", d["startAt"], d, kwh, rate)
		}
	}

	_, standing := read(9100001, "DAY", "STANDING_CHARGE")
	for _, d := range standing {
		if num(d["numberOfUnits"]) != 1 || math.Abs(num(d["netAmount"])-num(simtest.Get(tariff, "preVatStandingCharge"))) > 0.00001 || d["settlementUnit"] != "DAYS" {
			t.Errorf("a day's standing charge %v; the tariff's %v", d, simtest.Get(tariff, "preVatStandingCharge"))
		}
	}

	iog, runs := read(9100003, "NONE", "CONSUMPTION_CHARGE")
	prices := map[float64]bool{}
	for _, r := range simtest.Get(iog, "unitRates").([]any) {
		prices[math.Round(num(simtest.Get(r, "preVatValue"))*100)/100] = true
	}
	if len(runs) < 8 || len(prices) != 2 {
		t.Fatalf("Intelligent Octopus Go's runs %v at %v", runs, prices)
	}
	for i, r := range runs {
		price := math.Round(num(r["netAmount"])/num(r["numberOfUnits"])*100) / 100
		if !prices[price] || i > 0 && (r["startAt"] != runs[i-1]["endAt"] || price == math.Round(num(runs[i-1]["netAmount"])/num(runs[i-1]["numberOfUnits"])*100)/100) {
			t.Errorf("run %d %v–%v at %v p; the tariff's rates %v", i, r["startAt"], r["endAt"], price, prices)
		}
	}
	if last := runs[len(runs)-1]["endAt"].(string); last > "2026-12-02T00:00:00+00:00" {
		t.Errorf("line items up to %s, after the last midnight", last)
	}

	if got := graphqlCode(t, c, `{ electricityAgreement(id: 9100001) { ... on ElectricityAgreementType {
		lineItems(startAt: "2026-11-28T00:00:00Z", grouping: DAY, itemType: STANDING_CHARGE, timezone: "Mars/Olympus", first: 2) { edges { cursor } } } } }`, nil); got != "KT-CT-13614" {
		t.Errorf("a time zone that is none: %q", got)
	}
}

// TestLineItemsOfAMonthBeginWithTheAgreement: a month's line item of an agreement that
// began mid-month (Go from 15 May 2022) starts when it began and charges only its own
// days, as a day's items do.
func TestLineItemsOfAMonthBeginWithTheAgreement(t *testing.T) {
	_, c := octopus(t)
	q := mustQuery(t, c)
	const read = `query($g: LineItemGroupingOptions!) { electricityAgreement(id: 9100012) { ... on ElectricityAgreementType {
		lineItems(startAt: "2022-05-01T00:00:00Z", grouping: $g, itemType: CONSUMPTION_CHARGE, timezone: "Europe/London", first: 31) {
			edges { node { startAt endAt numberOfUnits } } } } } }`
	c.SignIn("demo@krakensim.dev", "krakensim")
	month := simtest.Get(q(read, map[string]any{"g": "MONTH"}), "electricityAgreement", "lineItems", "edges").([]any)
	var days []any
	for _, d := range simtest.Get(q(read, map[string]any{"g": "DAY"}), "electricityAgreement", "lineItems", "edges").([]any) {
		if strings.HasPrefix(simtest.Get(d, "node", "startAt").(string), "2022-05") {
			days = append(days, d)
		}
	}
	if len(month) == 0 || len(days) != 17 {
		t.Fatalf("%d months, %d days of May 2022", len(month), len(days))
	}
	if got := simtest.Get(month[0], "node", "startAt"); got != "2022-05-15T00:00:00+01:00" || simtest.Get(days[0], "node", "startAt") != got {
		t.Errorf("May's item starts %v, its first day's %v; the agreement began on the 15th", got, simtest.Get(days[0], "node", "startAt"))
	}
	sum := 0.0
	for _, d := range days {
		v, _ := strconv.ParseFloat(simtest.Get(d, "node", "numberOfUnits").(string), 64)
		sum += v
	}
	if v, _ := strconv.ParseFloat(simtest.Get(month[0], "node", "numberOfUnits").(string), 64); math.Abs(v-sum) > 0.001 {
		t.Errorf("May charges %v kWh, its days %v", v, sum)
	}
}

// TestOctopusStandingChargeIsADayAcrossClockChanges reads the demo home's standing charge
// line items as a client reconciling them with its statements does: the day the clocks
// go back (25 hours) and the day they go forward (23) are a day each, and a month's
// standing charge is what its statement charged for supply.
func TestOctopusStandingChargeIsADayAcrossClockChanges(t *testing.T) {
	_, c := octopus(t)
	q := mustQuery(t, c)
	const items = `query($at: DateTime!, $g: LineItemGroupingOptions!) { electricityAgreement(id: 9100001) { ... on ElectricityAgreementType {
		lineItems(startAt: $at, grouping: $g, itemType: STANDING_CHARGE, timezone: "Europe/London", first: 3) { edges { node { startAt numberOfUnits netAmount } } } } } }`
	for _, tc := range []struct{ at, day string }{
		{"2026-10-24T00:00:00+01:00", "2026-10-25T00:00:00+01:00"},
		{"2026-03-28T00:00:00Z", "2026-03-29T00:00:00+00:00"},
	} {
		got := q(items, map[string]any{"at": tc.at, "g": "DAY"})
		n := simtest.Get(got, "electricityAgreement", "lineItems", "edges", 1, "node")
		if simtest.Get(n, "startAt") != tc.day || simtest.Get(n, "numberOfUnits") != "1.0000" {
			t.Errorf("the day the clocks change: %v", n)
		}
	}
	bills := q(`{ account(accountNumber: "A-C90DC431") { bills(first: 12) { edges { node { fromDate ... on StatementType {
		transactions(first: 5) { edges { node { ... on Charge { title consumption { supplyCharge } } } } } } } } } } }`, nil)
	for _, month := range []string{"2026-10-01", "2026-03-01"} {
		var supply any
		for _, b := range simtest.Get(bills, "account", "bills", "edges").([]any) {
			if simtest.Get(b, "node", "fromDate") != month {
				continue
			}
			for _, e := range simtest.Get(b, "node", "transactions", "edges").([]any) {
				if simtest.Get(e, "node", "title") == "Electricity" {
					supply = simtest.Get(e, "node", "consumption", "supplyCharge")
				}
			}
		}
		start := month + "T00:00:00+01:00"
		if month == "2026-03-01" {
			start = month + "T00:00:00Z"
		}
		n := simtest.Get(q(items, map[string]any{"at": start, "g": "MONTH"}), "electricityAgreement", "lineItems", "edges", 0, "node")
		net, _ := strconv.ParseFloat(fmt.Sprint(simtest.Get(n, "netAmount")), 64)
		if supply == nil || simtest.Get(n, "numberOfUnits") != "31.0000" || math.Round(net) != supply {
			t.Errorf("%s: line item %v; the statement charged %v for supply", month, n, supply)
		}
	}
}
