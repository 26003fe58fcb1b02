package simtest_test

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/krakensim/krakensim/sim/simtest"
)

// TestOriginConsumptionSummary: a supply's consumptionSummary answers what its meter
// measured in the window asked, under the meter's register "1": one entry for each whole
// day (from the first midnight after startAt) or month, the same use its readings tell,
// costed with GST on top, none from today's midnight on; a basic meter is summarised only
// when asked (includeBasicMeters).
func TestOriginConsumptionSummary(t *testing.T) {
	srv, c := tenant(t, "origin-schema.graphql")
	const summary = `query($n: String!, $from: DateTime!, $to: DateTime!, $g: ConsumptionGranularity!, $basic: Boolean) { account(accountNumber: $n) {
		properties { meterPoints { ... on MeterPointType { identifier
			consumptionSummary(startAt: $from, endAt: $to, timezone: "Australia/Sydney", granularity: $g, includeBasicMeters: $basic) {
				registers { identifier } summarizedConsumption { startAt endAt consumption cost costWithGst } } } } } } }`
	const readings = `query($id: String!, $from: DateTime!, $to: DateTime!, $g: TimeGranularities) { supplyPoint(externalIdentifier: $id, marketName: "AUS_ELECTRICITY") {
		readings(startAt: $from, endAt: $to, timezone: "Australia/Sydney", readingType: INTERVAL, timeGranularity: $g) { importReadings(first: 100) { edges { node { value intervalStart } } } } } }`
	summarise := func(vars map[string]any) any {
		return simtest.Get(mustQuery(t, c)(summary, vars), "account", "properties", 0, "meterPoints", 0, "consumptionSummary")
	}
	for _, tc := range []struct {
		name, from, to, granularity, readAs string
		starts                              []string
	}{
		{"three days from midday", "2026-11-01T12:00:00+11:00", "2026-11-04T12:00:00+11:00", "DAILY", "DAY",
			[]string{"2026-11-02T00:00:00+11:00", "2026-11-03T00:00:00+11:00"}},
		{"two months", "2026-09-01T00:00:00+10:00", "2026-11-01T00:00:00+11:00", "MONTHLY", "MONTH",
			[]string{"2026-09-01T00:00:00+10:00", "2026-10-01T00:00:00+10:00"}},
		{"up to today", "2026-11-30T00:00:00+11:00", "2026-12-05T00:00:00+11:00", "DAILY", "DAY",
			[]string{"2026-11-30T00:00:00+11:00", "2026-12-01T00:00:00+11:00"}}, // today, 2 December, not read yet
	} {
		got := summarise(map[string]any{"n": "A-C90DC431", "from": tc.from, "to": tc.to, "g": tc.granularity})
		if n := len(got.([]any)); n != 1 || fmt.Sprint(simtest.Get(got, 0, "registers")) != "[map[identifier:1]]" {
			t.Errorf("%s: %v, want one summary of the register 1", tc.name, got)
			continue
		}
		read := simtest.Get(mustQuery(t, c)(readings, map[string]any{"id": "4102004420", "from": tc.starts[0], "to": tc.to, "g": tc.readAs}), "supplyPoint", "readings", "importReadings", "edges").([]any)
		buckets := simtest.Get(got, 0, "summarizedConsumption").([]any)
		if len(buckets) != len(tc.starts) {
			t.Errorf("%s: %d entries, want %d: %v", tc.name, len(buckets), len(tc.starts), buckets)
			continue
		}
		for i, b := range buckets {
			use, _ := simtest.Get(b, "consumption").(float64)
			cost, _ := simtest.Get(b, "cost").(float64)
			withGst, _ := simtest.Get(b, "costWithGst").(float64)
			value, _ := strconv.ParseFloat(fmt.Sprint(simtest.Get(read, i, "node", "value")), 64)
			if simtest.Get(b, "startAt") != tc.starts[i] || simtest.Get(read, i, "node", "intervalStart") != tc.starts[i] || use <= 0 || math.Abs(use-value) > 0.001 ||
				cost <= 0 || math.Abs(withGst-cost*1.1) > 0.02 {
				t.Errorf("%s: entry %d %v, read %v", tc.name, i, b, simtest.Get(read, i, "node"))
			}
		}
	}
	other, _ := signInAs(t, srv, c, `{APIKey: "sk_live_krakensimother3235449"}`)
	c = other
	for _, basic := range []bool{false, true} {
		got := summarise(map[string]any{"n": "A-0F4A2B19", "from": "2026-11-01T00:00:00+11:00", "to": "2026-11-08T00:00:00+11:00", "g": "DAILY", "basic": basic})
		want := 0
		if basic {
			want = 1
		}
		if len(got.([]any)) != want || basic && len(simtest.Get(got, 0, "summarizedConsumption").([]any)) != 7 {
			t.Errorf("the basic meter, includeBasicMeters %v: %v", basic, got)
		}
	}
}

// TestOriginDeprecatedSummariesAreTheirReplacements reads November 2026 of the demo
// supply through the deprecated summaries and their replacements, by day and by month:
// a register's consumptionSummary is its meter point's summarizedConsumption, bucket for
// bucket, and standingChargesSummary is standingChargesWindow's charges, a day of supply
// for each day at the agreement's daily standing charge (what predictedBill charges a
// day ahead), the month the sum of its days; an unknown zone in the window's input is
// KT-CT-13614 on input.timezone.
func TestOriginDeprecatedSummariesAreTheirReplacements(t *testing.T) {
	_, c := tenant(t, "origin-schema.graphql")
	const read = `query($g: ConsumptionGranularity!, $tz: String!) { account(accountNumber: "A-C90DC431") { properties { meterPoints { ... on MeterPointType {
		consumptionSummary(startAt: "2026-11-01T00:00:00+11:00", endAt: "2026-12-01T00:00:00+11:00", timezone: $tz, granularity: $g) { summarizedConsumption { startAt endAt consumption cost costWithGst } }
		meters { ... on ElectricityMeterType { registers { consumptionSummary(startAt: "2026-11-01T00:00:00+11:00", endAt: "2026-12-01T00:00:00+11:00", timezone: $tz, granularity: $g) { startAt endAt consumption cost costWithGst } } } }
		standingChargesSummary(startAt: "2026-11-01T00:00:00+11:00", endAt: "2026-12-01T00:00:00+11:00", timezone: $tz, granularity: $g) { startAt endAt consumption cost costWithGst }
		standingChargesWindow(input: {startAt: "2026-11-01T00:00:00+11:00", endAt: "2026-12-01T00:00:00+11:00", timezone: $tz, granularity: $g}) { charges { startAt endAt consumption cost costWithGst } error { __typename } }
		predictedBill { lastReadingDatetime billEndsAt components { predictedStandingCharges { costInCents } } } } } } } }`
	sums := map[string][2]float64{}
	var perDay float64
	for _, tc := range []struct {
		granularity string
		n           int
		days        float64
	}{{"DAILY", 30, 1}, {"MONTHLY", 1, 30}} {
		point := simtest.Get(mustQuery(t, c)(read, map[string]any{"g": tc.granularity, "tz": "Australia/Sydney"}), "account", "properties", 0, "meterPoints", 0)
		use := simtest.Get(point, "consumptionSummary", 0, "summarizedConsumption").([]any)
		if reg := simtest.Get(point, "meters", 0, "registers", 0, "consumptionSummary"); len(use) != tc.n || fmt.Sprint(reg) != fmt.Sprint(use) {
			t.Errorf("%s: the register's %v\nthe meter point's %v", tc.granularity, reg, use)
		}
		standing := simtest.Get(point, "standingChargesSummary").([]any)
		if window := simtest.Get(point, "standingChargesWindow"); len(standing) != tc.n || fmt.Sprint(simtest.Get(window, "charges")) != fmt.Sprint(standing) || simtest.Get(window, "error") != nil {
			t.Errorf("%s: standingChargesSummary %v\nstandingChargesWindow %v", tc.granularity, standing, window)
		}
		var kwh, cost float64
		for i, b := range standing {
			days, _ := simtest.Get(b, "consumption").(float64)
			c, _ := simtest.Get(b, "cost").(float64)
			withGst, _ := simtest.Get(b, "costWithGst").(float64)
			if simtest.Get(b, "startAt") != simtest.Get(use, i, "startAt") || simtest.Get(b, "endAt") != simtest.Get(use, i, "endAt") || days != tc.days || c <= 0 || math.Abs(withGst-c*1.1) > 0.02 {
				t.Errorf("%s: standing charge %d %v, the use's bucket %v", tc.granularity, i, b, simtest.Get(use, i))
			}
			u, _ := simtest.Get(use, i, "consumption").(float64)
			kwh, cost = kwh+u, cost+c
		}
		sums[tc.granularity] = [2]float64{kwh, cost}
		if tc.granularity == "DAILY" {
			perDay, _ = simtest.Get(standing, 0, "cost").(float64)
			ahead, _ := strconv.ParseFloat(fmt.Sprint(simtest.Get(point, "predictedBill", "components", "predictedStandingCharges", "costInCents")), 64)
			from, _ := time.Parse(time.RFC3339, fmt.Sprint(simtest.Get(point, "predictedBill", "lastReadingDatetime")))
			to, _ := time.Parse(time.RFC3339, fmt.Sprint(simtest.Get(point, "predictedBill", "billEndsAt")))
			if days := to.Sub(from).Hours() / 24; days < 1 || math.Abs(ahead/days-perDay) > 0.01 {
				t.Errorf("a day's standing charge %v; predictedBill's %v for %v days ahead", perDay, ahead, days)
			}
		}
	}
	if d, m := sums["DAILY"], sums["MONTHLY"]; math.Abs(d[0]-m[0]) > 0.05 || math.Abs(d[1]-m[1]) > 0.05 || math.Abs(m[1]-30*perDay) > 0.05 {
		t.Errorf("November's days %v (kWh, cents), its month %v, 30 days at %v", d, m, perDay)
	}
	out := c.Query(`{ account(accountNumber: "A-C90DC431") { properties { meterPoints { ... on MeterPointType {
		standingChargesWindow(input: {startAt: "2026-11-01T00:00:00+11:00", endAt: "2026-12-01T00:00:00+11:00", timezone: "Mars/Olympus", granularity: DAILY}) { charges { cost } } } } } } }`, nil)
	var window []string
	for _, e := range out.Errors {
		if e.Path[len(e.Path)-1] == "standingChargesWindow" {
			window = append(window, e.Code(), fmt.Sprint(e.Extensions["validationErrors"]))
		}
	}
	if len(window) != 2 || window[0] != "KT-CT-13614" || !strings.Contains(window[1], "inputPath:[input timezone]") {
		t.Errorf("standingChargesWindow in Mars/Olympus: %q", window)
	}
}

// TestOriginConsumptionSummaryIncludeEstimates reads a week of November 2026 with
// includeEstimates left out (true), true and false: the demo's smart meter, whose
// intervals are all read, answers the same week each time; other@'s basic meter, whose
// reads are all estimates, answers its week, on its meter point (with
// includeBasicMeters) and its register alike, but none of it without estimates.
func TestOriginConsumptionSummaryIncludeEstimates(t *testing.T) {
	srv, c := tenant(t, "origin-schema.graphql")
	const summary = `query($n: String!, $e: Boolean) { account(accountNumber: $n) { properties { meterPoints { ... on MeterPointType {
		consumptionSummary(startAt: "2026-11-01T00:00:00+11:00", endAt: "2026-11-08T00:00:00+11:00", timezone: "Australia/Sydney", granularity: DAILY, includeBasicMeters: true, includeEstimates: $e) {
			summarizedConsumption { startAt consumption cost } }
		meters { ... on ElectricityMeterType { registers {
			consumptionSummary(startAt: "2026-11-01T00:00:00+11:00", endAt: "2026-11-08T00:00:00+11:00", timezone: "Australia/Sydney", granularity: DAILY, includeEstimates: $e) { startAt consumption cost } } } } } } } } }`
	other, _ := signInAs(t, srv, c, `{APIKey: "sk_live_krakensimother3235449"}`)
	for _, tc := range []struct {
		name    string
		c       *simtest.Client
		account string
		without int
	}{{"smart", c, "A-C90DC431", 7}, {"basic", other, "A-0F4A2B19", 0}} {
		for _, e := range []any{nil, true, false} {
			point := simtest.Get(mustQuery(t, tc.c)(summary, map[string]any{"n": tc.account, "e": e}), "account", "properties", 0, "meterPoints", 0)
			buckets := simtest.Get(point, "consumptionSummary", 0, "summarizedConsumption").([]any)
			want := 7
			if e == false {
				want = tc.without
			}
			if reg := simtest.Get(point, "meters", 0, "registers", 0, "consumptionSummary"); len(buckets) != want || fmt.Sprint(reg) != fmt.Sprint(buckets) {
				t.Errorf("%s, includeEstimates %v: %d buckets (want %d) %v, the register's %v", tc.name, e, len(buckets), want, buckets, reg)
			}
			for _, b := range buckets {
				if u, _ := simtest.Get(b, "consumption").(float64); u <= 0 {
					t.Errorf("%s, includeEstimates %v: %v", tc.name, e, b)
				}
			}
		}
	}
}

// TestOriginDeprecatedSummariesIncludeEstimates: the deprecated readingsSummary of a
// register and a supply's predictedBill honour includeEstimates as consumptionSummary
// does. The demo's smart meter, all of whose intervals are read, answers the same each
// way: readingsSummary the days consumptionSummary sums (under the register "1"),
// predictedBill the same bill to yesterday. other@'s basic meter, read only by
// estimates, is summarised and predicted with estimates (readingsSummary's default) and
// neither without them (predictedBill's default): no days, and a bill whose reading is
// not found.
func TestOriginDeprecatedSummariesIncludeEstimates(t *testing.T) {
	srv, c := tenant(t, "origin-schema.graphql")
	const q = `query($n: String!, $e: Boolean) { account(accountNumber: $n) { properties { meterPoints { ... on MeterPointType {
		predictedBill(includeBasicMeters: true, includeEstimates: $e) { costInCents lastReadingDatetime predictedBillError { __typename } }
		meters { ... on ElectricityMeterType { registers {
			consumptionSummary(startAt: "2026-11-01T00:00:00+11:00", endAt: "2026-11-06T00:00:00+11:00", timezone: "Australia/Sydney", granularity: DAILY) { startAt consumption }
			readingsSummary(startDate: "2026-11-01", endDate: "2026-11-05", readingsGranularity: DAILY, includeEstimates: $e) { date registerId value } } } } } } } } }`
	other, _ := signInAs(t, srv, c, `{APIKey: "sk_live_krakensimother3235449"}`)
	for _, tc := range []struct {
		name    string
		c       *simtest.Client
		account string
		basic   bool
	}{{"smart", c, "A-C90DC431", false}, {"basic", other, "A-0F4A2B19", true}} {
		for _, e := range []any{nil, true, false} {
			point := simtest.Get(mustQuery(t, tc.c)(q, map[string]any{"n": tc.account, "e": e}), "account", "properties", 0, "meterPoints", 0)
			reg := simtest.Get(point, "meters", 0, "registers", 0)
			days := simtest.Get(reg, "readingsSummary").([]any)
			summed := simtest.Get(reg, "consumptionSummary").([]any)
			wantDays := 5
			if tc.basic && e == false {
				wantDays = 0
			}
			if len(days) != wantDays || len(summed) != 5 {
				t.Errorf("%s, includeEstimates %v: readingsSummary %v, want %d days", tc.name, e, days, wantDays)
				continue
			}
			for i, d := range days {
				if want := strings.TrimSuffix(simtest.Get(summed, i, "startAt").(string), "T00:00:00+11:00"); simtest.Get(d, "date") != want || simtest.Get(d, "registerId") != "1" ||
					math.Abs(decimal(t, simtest.Get(d, "value"))-number(t, simtest.Get(summed, i, "consumption"))) > 0.0005 {
					t.Errorf("%s, includeEstimates %v: day %d %v, consumptionSummary's %v", tc.name, e, i, d, summed[i])
				}
			}
			bill := simtest.Get(point, "predictedBill")
			if tc.basic && e != true {
				if simtest.Get(bill, "predictedBillError", "__typename") != "PredictedBillReadingNotFoundErrorType" || simtest.Get(bill, "costInCents") != nil {
					t.Errorf("%s, includeEstimates %v: predictedBill %v, want its reading not found", tc.name, e, bill)
				}
				continue
			}
			if simtest.Get(bill, "predictedBillError") != nil || simtest.Get(bill, "lastReadingDatetime") != "2026-12-01T00:00:00+11:00" || decimal(t, simtest.Get(bill, "costInCents")) <= 0 {
				t.Errorf("%s, includeEstimates %v: predictedBill %v, want one to yesterday", tc.name, e, bill)
			}
		}
	}
}
