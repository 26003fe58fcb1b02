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

// TestOctopusTrackerIsPricedByTheDay moves the demo household's electricity to Octopus
// Tracker on 3 December: its REST unit rates are one a UK day, tomorrow's out from 11:00,
// the same in any session; applicableRates, the meter's costs, the agreement's unit rate
// and trackerTariffDailyPricing give each day's REST price, and December's statement
// charges each day's use at that day's price.
func TestOctopusTrackerIsPricedByTheDay(t *testing.T) {
	srv, c := octopus(t)
	q := mustQuery(t, c)
	q(`mutation { replaceAgreement(input: {accountNumber: "A-C90DC431", mpxn: "1013004420117", replaceOnDate: "2026-12-03", newProductCode: "SILVER-24-10-01"}) { account { number } } }`, nil)
	const rates = "/v1/products/SILVER-24-10-01/electricity-tariffs/E-1R-SILVER-24-10-01-A/standard-unit-rates/"
	rows := func(session, query string) []any {
		t.Helper()
		status, body := rest(t, srv, session, "", rates+query)
		out, _ := body["results"].([]any)
		if status != 200 {
			t.Fatalf("%s: %d %v", query, status, body)
		}
		return out
	}
	// At 09:00 today's price is the newest; from 11:00 tomorrow's.
	for _, tc := range []struct {
		advance time.Duration
		newest  string
	}{{0, "2026-12-03T00:00:00Z"}, {2 * time.Hour, "2026-12-04T00:00:00Z"}} {
		c.AdvanceClock(tc.advance)
		if got := simtest.Get(rows(c.Session, "?page_size=1"), 0, "valid_to"); got != tc.newest {
			t.Errorf("%v after 09:00 the newest day ends %v; want %s", tc.advance, got, tc.newest)
		}
	}
	c.AdvanceClock(39 * 24 * time.Hour) // 2027-01-10 11:00
	c.SignIn("demo@krakensim.dev", "krakensim")

	// December's days from the 3rd, each midnight to midnight, keyed by its date.
	window := "?period_from=2026-12-03T00:00:00Z&period_to=2027-01-01T00:00:00Z"
	days := map[string]float64{}
	distinct := map[float64]bool{}
	for _, r := range rows(c.Session, window) {
		from, _ := time.Parse(time.RFC3339, r.(map[string]any)["valid_from"].(string))
		to, _ := time.Parse(time.RFC3339, r.(map[string]any)["valid_to"].(string))
		if to.Sub(from) != 24*time.Hour || from.Hour() != 0 {
			t.Errorf("a row from %v to %v is not a UK day", from, to)
		}
		pre := r.(map[string]any)["value_exc_vat"].(float64)
		days[from.Format(time.DateOnly)], distinct[pre] = pre, true
	}
	if len(days) != 29 || len(distinct) < 10 {
		t.Fatalf("%d days at %d prices; want 29 days whose prices move: %v", len(days), len(distinct), days)
	}
	// Another session, its clock a month and more behind, prices a day alike.
	const day = "?period_from=2026-11-28T00:00:00Z&period_to=2026-11-29T00:00:00Z"
	if mine, other := rows(c.Session, day), rows("tracker-other", day); len(other) != 1 || fmt.Sprint(mine) != fmt.Sprint(other) {
		t.Errorf("another session's 28 November: %v; this one's %v", other, mine)
	}

	applicable := q(`{ applicableRates(accountNumber: "A-C90DC431", mpxn: "1013004420117", startAt: "2026-12-03T00:00:00Z", endAt: "2027-01-01T00:00:00Z", first: 100) {
		edges { node { validFrom validTo value } } } }`, nil)
	edges := simtest.Get(applicable, "applicableRates", "edges").([]any)
	if len(edges) != 29 {
		t.Errorf("applicableRates: %d rates; want one a day, 29", len(edges))
	}
	for _, e := range edges {
		day := simtest.Get(e, "node", "validFrom").(string)[:10]
		if v, _ := strconv.ParseFloat(simtest.Get(e, "node", "value").(string), 64); v != days[day] {
			t.Errorf("applicableRates on %s: %v; REST %v", day, v, days[day])
		}
	}

	// The meter's costs price each day at its price, and the statement charges their sum.
	costs := q(`{ account(accountNumber: "A-C90DC431") { properties { measurements(first: 31, startAt: "2026-12-01T00:00:00Z", endAt: "2027-01-01T00:00:00Z", timezone: "Europe/London",
		utilityFilters: [{electricityFilters: {readingFrequencyType: DAY_INTERVAL}}]) { edges { node { ... on IntervalMeasurementType { startAt }
		metaData { statistics { label costExclTax { estimatedAmount pricePerUnit { amount } } } } } } } } } }`, nil)
	var sum float64
	for _, e := range simtest.Get(costs, "account", "properties", 0, "measurements", "edges").([]any) {
		day := simtest.Get(e, "node", "startAt").(string)[:10]
		for _, s := range simtest.Get(e, "node", "metaData", "statistics").([]any) {
			if simtest.Get(s, "label") != "Consumption cost" {
				continue
			}
			amount, _ := strconv.ParseFloat(fmt.Sprint(simtest.Get(s, "costExclTax", "estimatedAmount")), 64)
			sum += amount
			price, _ := strconv.ParseFloat(fmt.Sprint(simtest.Get(s, "costExclTax", "pricePerUnit", "amount")), 64)
			if want, tracked := days[day]; tracked && price != want {
				t.Errorf("the meter's cost on %s at %v; REST %v", day, price, want)
			}
		}
	}
	bills := q(`{ account(accountNumber: "A-C90DC431") { bills(first: 3) { edges { node { fromDate ... on StatementType {
		transactions(first: 10) { edges { node { title ... on Charge { consumption { usageCost } } } } } } } } } } }`, nil)
	charged := -1.0
	for _, b := range simtest.Get(bills, "account", "bills", "edges").([]any) {
		if simtest.Get(b, "node", "fromDate") != "2026-12-01" {
			continue
		}
		for _, tr := range simtest.Get(b, "node", "transactions", "edges").([]any) {
			if simtest.Get(tr, "node", "title") == "Electricity" {
				charged = simtest.Get(tr, "node", "consumption", "usageCost").(float64)
			}
		}
	}
	if math.Abs(charged-sum) > 1 {
		t.Errorf("December's electricity use charged %vp; its days at their prices %.2fp", charged, sum)
	}

	// Today's price (10 January) on the agreement and trackerTariffDailyPricing.
	today := rows(c.Session, "?period_from=2027-01-10T00:00:00Z&period_to=2027-01-11T00:00:00Z")
	taxed, _ := simtest.Get(today, 0, "value_inc_vat").(float64)
	account := q(`{ account(accountNumber: "A-C90DC431") { trackerTariffDailyPricing { electricity }
		electricityAgreements { tariff { ... on StandardTariff { tariffCode unitRate } } } } }`, nil)
	agreements := simtest.Get(account, "account", "electricityAgreements").([]any)
	if tariff := simtest.Get(agreements[len(agreements)-1], "tariff"); simtest.Get(tariff, "unitRate") != taxed ||
		!strings.Contains(fmt.Sprint(simtest.Get(tariff, "tariffCode")), "SILVER") {
		t.Errorf("the agreement's unit rate today %v; REST %v", simtest.Get(account, "account", "electricityAgreements"), taxed)
	}
	if got := simtest.Get(account, "account", "trackerTariffDailyPricing", "electricity"); got != math.Round(taxed) {
		t.Errorf("trackerTariffDailyPricing %v; want today's %v in whole pence", got, taxed)
	}

	// The standing charge is set for the term: one price from launch.
	if status, body := rest(t, srv, c.Session, "", strings.Replace(rates, "standard-unit-rates", "standing-charges", 1)); status != 200 || simtest.Get(body, "count") != 1.0 {
		t.Errorf("standing charges: %d %v", status, body)
	}
}

// TestOctopusTrackerIsSingleRate: Octopus sells Tracker to single-register meters alone
// (no Economy 7), so each version lists single-rate electricity and gas tariffs and no
// dual-register ones, whose rates are not found.
func TestOctopusTrackerIsSingleRate(t *testing.T) {
	srv, c := octopus(t)
	for _, code := range []string{"SILVER-FLEX-22-11-25", "SILVER-24-10-01"} {
		_, body := rest(t, srv, c.Session, "", "/v1/products/"+code+"/")
		if dual, single := body["dual_register_electricity_tariffs"].(map[string]any), body["single_register_electricity_tariffs"].(map[string]any); len(dual) != 0 || len(single) != 14 {
			t.Errorf("%s: %d dual-register regions, %d single; want 0 and 14", code, len(dual), len(single))
		}
		if _, has := simtest.Get(body, "sample_quotes", "_A", "direct_debit_monthly", "electricity_dual_rate").(map[string]any); has {
			t.Errorf("%s quotes a dual-rate meter", code)
		}
		if status, _ := rest(t, srv, c.Session, "", "/v1/products/"+code+"/electricity-tariffs/E-2R-"+code+"-A/day-unit-rates/"); status != 404 {
			t.Errorf("%s's E-2R- day rates: %d; want 404", code, status)
		}
	}
}

// TestOctopusTrackerAddsItsRegionsAdder: both Tracker versions follow the same
// wholesale day in a region, so that across November's days the later version's price
// with VAT is the earlier's moved along a line whose intercept is fixed by the two
// versions' adders in that region: Merseyside and North Wales's (8.056p before
// SILVER-24-10-01, 12.4193p from it, as Octopus publishes them), not East England's
// (7.126p, 11.9522p).
func TestOctopusTrackerAddsItsRegionsAdder(t *testing.T) {
	srv, c := octopus(t)
	prices := func(code string) map[string]float64 {
		t.Helper()
		path := "/v1/products/" + code + "/electricity-tariffs/E-1R-" + code + "-D/standard-unit-rates/?period_from=2026-11-01T00:00:00Z&period_to=2026-12-01T00:00:00Z"
		status, body := rest(t, srv, c.Session, "", path)
		if status != 200 {
			t.Fatalf("%s: %d %v", path, status, body)
		}
		out := map[string]float64{}
		for _, r := range body["results"].([]any) {
			row := r.(map[string]any)
			out[row["valid_from"].(string)] = row["value_exc_vat"].(float64) * 1.05
		}
		return out
	}
	before, from := prices("SILVER-FLEX-22-11-25"), prices("SILVER-24-10-01")
	if len(before) != 30 || len(from) != 30 {
		t.Fatalf("%d and %d days; want 30 of each", len(before), len(from))
	}
	// The least-squares line from the earlier version's price to the later's.
	var n, sx, sy, sxx, sxy float64
	for day, x := range before {
		y := from[day]
		n, sx, sy, sxx, sxy = n+1, sx+x, sy+y, sxx+x*x, sxy+x*y
	}
	slope := (n*sxy - sx*sy) / (n*sxx - sx*sx)
	intercept := (sy - slope*sx) / n
	for _, tc := range []struct {
		region         string
		before, from   float64
		wantTheRegions bool
	}{{"Merseyside and North Wales", 8.056, 12.4193, true}, {"East England", 7.126, 11.9522, false}} {
		want := tc.from - slope*tc.before
		if fits := math.Abs(intercept-want) < 0.1; fits != tc.wantTheRegions {
			t.Errorf("intercept %.3f against %.3f from %s's adders: fits %v, want %v", intercept, want, tc.region, fits, tc.wantTheRegions)
		}
	}
}

// TestOctopusTrackerIsQuotedAtItsExpectedPrice: a quote prices a year on Tracker at the
// formula's mean, which its days average, not at today's price alone, so that the
// quoted annual amount is what a year of statements charges the same use: the year's
// use at the mean of its days' published prices, with a year's standing charges.
func TestOctopusTrackerIsQuotedAtItsExpectedPrice(t *testing.T) {
	srv, c := octopus(t)
	q := mustQuery(t, c)
	q(`mutation { replaceAgreement(input: {accountNumber: "A-C90DC431", mpxn: "1013004420117", replaceOnDate: "2026-12-03", newProductCode: "SILVER-24-10-01"}) { account { number } } }`, nil)
	c.AdvanceClock(12 * 24 * time.Hour) // 14 December, a day 8% below the year's mean
	c.SignIn("demo@krakensim.dev", "krakensim")
	data := q(`mutation { quoteAccountOnProducts(input: {accountNumber: "A-C90DC431", electricityMeterPointsInput: [{mpan: "1013004420117",
		productsInput: [{code: "SILVER-24-10-01"}]}]}) { quoteRequest { electricitySupplyPoints { annualConsumption { ... on ElectricityConsumptionStandard { consumption } } quotedProducts { annualAmount } } } } }`, nil)
	point := simtest.Get(data, "quoteAccountOnProducts", "quoteRequest", "electricitySupplyPoints", 0)
	kwh, _ := simtest.Get(point, "annualConsumption", "consumption").(float64)
	annual, _ := simtest.Get(point, "quotedProducts", 0, "annualAmount").(float64)

	const tariff = "/v1/products/SILVER-24-10-01/electricity-tariffs/E-1R-SILVER-24-10-01-A/"
	_, rates := rest(t, srv, c.Session, "", tariff+"standard-unit-rates/?period_from=2025-12-14T00:00:00Z&period_to=2026-12-14T00:00:00Z&page_size=1500")
	rows, _ := rates["results"].([]any)
	var sum float64
	for _, r := range rows {
		sum += r.(map[string]any)["value_inc_vat"].(float64)
	}
	_, standing := rest(t, srv, c.Session, "", tariff+"standing-charges/")
	daily, _ := simtest.Get(standing, "results", 0, "value_inc_vat").(float64)
	today, _ := simtest.Get(q(`{ account(accountNumber: "A-C90DC431") { trackerTariffDailyPricing { electricity } } }`, nil), "account", "trackerTariffDailyPricing", "electricity").(float64)
	if len(rows) != 365 || kwh <= 0 || daily <= 0 {
		t.Fatalf("%d days of rates, %v kWh a year, standing charge %v", len(rows), kwh, daily)
	}
	want := kwh*sum/float64(len(rows)) + 365*daily
	if math.Abs(annual-want) > 0.01*want {
		t.Errorf("quoted %v a year for %v kWh; a year of days at their mean price (today's %vp) charges %.0f", annual, kwh, today, want)
	}
}
