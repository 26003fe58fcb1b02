package simtest_test

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/simtest"
)

// rest gets a public REST path with an API key as the Basic auth user name ("" for
// none): the status and the decoded body.
func rest(t *testing.T, srv *simtest.Server, session, key, path string) (int, map[string]any) {
	t.Helper()
	c := srv.ClientIn(t, session)
	if key != "" {
		c.Header.Set("Authorization", "Basic "+base64.StdEncoding.EncodeToString([]byte(key+":")))
	}
	status, b := c.Do(http.MethodGet, path, nil)
	var out map[string]any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatalf("GET %s: %d %s", path, status, b)
	}
	return status, out
}

// TestOctopusPublicRESTAgreesWithGraphQL: the public REST API answers what GraphQL does
// of the same state: a smart meter's use a day (costOfUsage's), a tariff's unit rate (the
// agreement's), Agile's half hours, a meter point's region; to its owner's API key alone,
// and bad parameters, products and pages as DRF refuses them.
func TestOctopusPublicRESTAgreesWithGraphQL(t *testing.T) {
	srv, c := octopus(t)
	const demoKey, otherKey = "sk_live_krakensimdemo3235447", "sk_live_krakensimother3235449"
	const use = "/v1/electricity-meter-points/1013004420117/meters/19L3471092/consumption/"
	status, body := rest(t, srv, c.Session, demoKey, use+"?group_by=day&period_from=2026-11-30T00:00Z&period_to=2026-12-02T00:00Z&order_by=period")
	days := simtest.Get(body, "results").([]any)
	graph := simtest.Get(mustQuery(t, c)(`{ costOfUsage(accountNumber: "A-C90DC431", grouping: DAY, startAt: "2026-11-30T00:00:00Z") {
		details(grouping: DAY, startAt: "2026-11-30T00:00:00Z", first: 2) { edges { node { startAt usageKwh } } } } }`, nil), "costOfUsage", "details", "edges").([]any)
	if status != 200 || len(days) != 2 || len(graph) != 2 {
		t.Fatalf("the days' use: %d %v, GraphQL %v", status, body, graph)
	}
	for i := range days {
		rv, gv := fmt.Sprint(simtest.Get(days[i], "consumption")), fmt.Sprint(simtest.Get(graph[i], "node", "usageKwh"))
		if rv != gv || simtest.Get(days[i], "interval_start") != strings.Replace(simtest.Get(graph[i], "node", "startAt").(string), "+00:00", "Z", 1) {
			t.Errorf("day %d: REST %v, GraphQL %v", i, days[i], graph[i])
		}
	}
	// Home Assistant's Octopus integration leaves the trailing slash off.
	if status, bare := rest(t, srv, c.Session, demoKey, strings.TrimSuffix(use, "/")+"?period_from=2026-12-01T00:00:00Z&period_to=2026-12-02T00:00:00Z"); status != 200 || bare["count"] != 48.0 {
		t.Errorf("a day's half hours without the trailing slash: %d %v", status, bare["count"])
	}
	// bentasker's Telegraf plugin writes "%Y-%m-%d %H:%M:%SZ"; Python requests sends
	// str(datetime), "+" for its space and "%2B" for its offset's sign.
	for _, span := range []string{
		"period_from=2026-12-01%2000:00:00Z&period_to=2026-12-02%2000:00:00Z",
		"period_from=2026-12-01+00%3A00%3A00%2B00%3A00&period_to=2026-12-02+00%3A00%3A00%2B00%3A00",
	} {
		_, used := rest(t, srv, c.Session, demoKey, use+"?"+span)
		_, agile := rest(t, srv, c.Session, "", "/v1/products/AGILE-24-10-01/electricity-tariffs/E-1R-AGILE-24-10-01-C/standard-unit-rates/?"+span)
		_, standing := rest(t, srv, c.Session, "", "/v1/products/AGILE-24-10-01/electricity-tariffs/E-1R-AGILE-24-10-01-C/standing-charges/?"+span)
		if used["count"] != 48.0 || simtest.Get(used, "results", 0, "interval_end") != "2026-12-02T00:00:00Z" || agile["count"] != 48.0 || standing["count"] != 1.0 {
			t.Errorf("a day's span with a space for T (%s): consumption %v, Agile %v, standing %v", span, used["count"], agile["count"], standing)
		}
	}
	_, body = rest(t, srv, c.Session, demoKey, use+"?page_size=48")
	halves := simtest.Get(body, "results").([]any)
	if len(halves) != 48 || simtest.Get(halves, 0, "interval_end") != "2026-12-02T00:00:00Z" {
		t.Errorf("the last day's half hours, newest first: %d, %v", len(halves), simtest.Get(halves, 0))
	}
	if next, _ := body["next"].(string); !strings.HasPrefix(next, srv.URL+use+"?") || !strings.Contains(next, "page=2") {
		t.Errorf("the next page's link %q is not on the server asked", next)
	}

	unit := simtest.Get(mustQuery(t, c)(`{ account(accountNumber: "A-C90DC431") { electricityAgreements(active: true) { tariff { ... on StandardTariff { tariffCode unitRate standingCharge } } } } }`, nil),
		"account", "electricityAgreements", 0, "tariff")
	// The prices in force now, a direct debit payer's first.
	const now = "?period_from=2026-12-02T09:00Z&period_to=2026-12-02T09:30Z"
	_, body = rest(t, srv, c.Session, "", "/v1/products/VAR-22-11-01/electricity-tariffs/E-1R-VAR-22-11-01-A/standard-unit-rates/"+now)
	_, standing := rest(t, srv, c.Session, "", "/v1/products/VAR-22-11-01/electricity-tariffs/E-1R-VAR-22-11-01-A/standing-charges/"+now)
	if simtest.Get(unit, "tariffCode") != "E-1R-VAR-22-11-01-A" || simtest.Get(body, "results", 0, "value_inc_vat") != simtest.Get(unit, "unitRate") ||
		simtest.Get(standing, "results", 0, "value_inc_vat") != simtest.Get(unit, "standingCharge") || body["count"] != 2.0 ||
		simtest.Get(body, "results", 0, "payment_method") != "DIRECT_DEBIT" || simtest.Get(body, "results", 1, "payment_method") != "NON_DIRECT_DEBIT" {
		t.Errorf("the tariff: GraphQL %v, REST %v and %v", unit, body, standing)
	}
	_, body = rest(t, srv, c.Session, "", "/v1/products/AGILE-24-10-01/electricity-tariffs/E-1R-AGILE-24-10-01-C/standard-unit-rates/?period_from=2026-12-01T00:00Z&period_to=2026-12-02T00:00Z")
	rates := simtest.Get(body, "results").([]any)
	from, _ := time.Parse(time.RFC3339, fmt.Sprint(simtest.Get(rates, 0, "valid_from")))
	to, _ := time.Parse(time.RFC3339, fmt.Sprint(simtest.Get(rates, 0, "valid_to")))
	if len(rates) != 48 || to.Sub(from) != 30*time.Minute || simtest.Get(rates, 0, "valid_to") != "2026-12-02T00:00:00Z" {
		t.Errorf("Agile's half hours of a day: %d, the newest %v", len(rates), simtest.Get(rates, 0))
	}
	if _, body = rest(t, srv, c.Session, "", "/v1/electricity-meter-points/1013004420117/"); fmt.Sprint(body) != "map[gsp:_A mpan:1013004420117 profile_class:1]" {
		t.Errorf("the meter point %v", body)
	}
	if _, product := rest(t, srv, c.Session, "", "/v1/products/VAR-22-11-01"); product["available_from"] != "2022-11-01T00:00:00Z" ||
		simtest.Get(product, "single_register_electricity_tariffs", "_A", "varying", "standard_unit_rate_inc_vat") != simtest.Get(unit, "unitRate") {
		t.Errorf("Flexible as the products list gives it: %v", product)
	}
	_, body = rest(t, srv, c.Session, "", "/v1/industry/grid-supply-points/?postcode=NR3%201AB")
	_, all := rest(t, srv, c.Session, "", "/v1/industry/grid-supply-points/")
	if fmt.Sprint(body["results"]) != "[map[group_id:_A]]" || all["count"] != 14.0 {
		t.Errorf("the demo home's GSP group %v, of %v groups", body["results"], all["count"])
	}

	for _, tc := range []struct {
		name, key, path string
		status          int
	}{
		{"no key", "", use, 401},
		{"an unknown key", "sk_live_nobody", use, 401},
		{"another's meter", otherKey, use, 404},
		{"a span backwards", demoKey, use + "?period_from=2026-12-01T00:00Z&period_to=2026-11-01T00:00Z", 400},
		{"grouped by year", demoKey, use + "?group_by=year", 400},
		{"a page past the end", demoKey, use + "?page_size=10&page=99999", 404},
		{"no such product", "", "/v1/products/NOPE-1/", 404},
		{"a gas tariff as electricity", "", "/v1/products/VAR-22-11-01/electricity-tariffs/G-1R-VAR-22-11-01-A/standard-unit-rates/", 404},
		{"a single rate's night rates", "", "/v1/products/VAR-22-11-01/electricity-tariffs/E-1R-VAR-22-11-01-A/night-unit-rates/", 404},
	} {
		if status, body := rest(t, srv, c.Session, tc.key, tc.path); status != tc.status || simtest.Get(body, "detail") == nil {
			t.Errorf("%s: %d %v, want %d", tc.name, status, body, tc.status)
		}
	}
}

// TestOctopusPublicRESTRatesAreWholePeriods reads Intelligent Octopus Go's unit rates
// without a period, as Predbat does: the periods are whole, on the half hour, tonight's
// off-peak from 23:30 to 05:30 in one, none cut where the default window begins or ends.
func TestOctopusPublicRESTRatesAreWholePeriods(t *testing.T) {
	srv, c := octopus(t)
	_, body := rest(t, srv, c.Session, "", "/v1/products/INTELLI-VAR-22-10-14/electricity-tariffs/E-1R-INTELLI-VAR-22-10-14-A/standard-unit-rates/")
	rates := simtest.Get(body, "results").([]any)
	if len(rates) < 4 {
		t.Fatalf("rates %v", body)
	}
	var spans []string
	for _, r := range rates {
		from, e1 := time.Parse(time.RFC3339, fmt.Sprint(simtest.Get(r, "valid_from")))
		to, e2 := time.Parse(time.RFC3339, fmt.Sprint(simtest.Get(r, "valid_to")))
		if e1 != nil || e2 != nil || from.Minute()%30 != 0 || to.Minute()%30 != 0 {
			t.Errorf("a period off the half hours: %v", r)
		}
		spans = append(spans, from.Format("02 15:04")+"–"+to.Format("02 15:04"))
	}
	if spans[0] != "02 23:30–03 05:30" {
		t.Errorf("the newest period is %s, not tonight's off-peak whole: %v", spans[0], spans)
	}
}

// TestOctopusPublicRESTProductTariffs: a product's tariffs carry Octopus's fields and the
// links to their rates and standing charges, on the server asked, each of which answers;
// its sample quotes price its sample household's year on them; and it has no
// two-register gas tariffs, as Octopus's products have none.
func TestOctopusPublicRESTProductTariffs(t *testing.T) {
	srv, c := octopus(t)
	for _, tc := range []struct {
		product, group, region string
		rels                   []string
		quotes, method         string
	}{
		{"VAR-22-11-01", "single_register_electricity_tariffs", "_A", []string{"standing_charges", "standard_unit_rates"}, "electricity_single_rate", "varying"},
		{"VAR-22-11-01", "dual_register_electricity_tariffs", "_C", []string{"standing_charges", "day_unit_rates", "night_unit_rates"}, "electricity_dual_rate", "varying"},
		{"VAR-22-11-01", "single_register_gas_tariffs", "_P", []string{"standing_charges", "standard_unit_rates"}, "", "varying"},
		{"AGILE-24-10-01", "single_register_electricity_tariffs", "_C", []string{"standing_charges", "standard_unit_rates"}, "electricity_single_rate", "direct_debit_monthly"},
		{"INTELLI-VAR-22-10-14", "single_register_electricity_tariffs", "_H", []string{"standing_charges", "standard_unit_rates"}, "electricity_single_rate", "direct_debit_monthly"},
		{"OE-FIX-12M-24-09-01", "single_register_electricity_tariffs", "_A", []string{"standing_charges", "standard_unit_rates"}, "electricity_single_rate", "direct_debit_monthly"},
	} {
		t.Run(tc.product+tc.group+tc.region, func(t *testing.T) {
			status, product := rest(t, srv, c.Session, "", "/v1/products/"+tc.product+"/")
			tariff, _ := simtest.Get(product, tc.group, tc.region, tc.method).(map[string]any)
			if status != 200 || tariff == nil {
				t.Fatalf("%d: no %s %s tariff in %v", status, tc.group, tc.region, product)
			}
			if _, ok := product["dual_register_gas_tariffs"]; ok {
				t.Errorf("the product has dual_register_gas_tariffs")
			}
			if simtest.Get(product, "links", 0, "href") != srv.URL+"/v1/products/"+tc.product+"/" {
				t.Errorf("the product's own link %v", product["links"])
			}
			for _, f := range []string{"dual_fuel_discount_exc_vat", "dual_fuel_discount_inc_vat", "exit_fees_exc_vat", "exit_fees_inc_vat"} {
				if tariff[f] != 0.0 {
					t.Errorf("%s = %v, want 0", f, tariff[f])
				}
			}
			if tariff["exit_fees_type"] != "NONE" {
				t.Errorf("exit_fees_type %v", tariff["exit_fees_type"])
			}
			links, _ := tariff["links"].([]any)
			if len(links) != len(tc.rels) {
				t.Fatalf("links %v, want %v", links, tc.rels)
			}
			fuel := "electricity-tariffs"
			if strings.HasPrefix(tariff["code"].(string), "G-") {
				fuel = "gas-tariffs"
			}
			for i, rel := range tc.rels {
				want := srv.URL + "/v1/products/" + tc.product + "/" + fuel + "/" + tariff["code"].(string) + "/" + strings.ReplaceAll(rel, "_", "-") + "/"
				if simtest.Get(links[i], "rel") != rel || simtest.Get(links[i], "href") != want || simtest.Get(links[i], "method") != "GET" {
					t.Errorf("link %d: %v, want %s at %s", i, links[i], rel, want)
				}
				status, page := rest(t, srv, c.Session, "", strings.TrimPrefix(want, srv.URL))
				if status != 200 || page["count"] == 0.0 {
					t.Errorf("following %s: %d %v", rel, status, page)
				}
			}
			if tc.quotes == "" {
				return
			}
			year := 365 * tariff["standing_charge_exc_vat"].(float64)
			if unit, ok := tariff["standard_unit_rate_exc_vat"].(float64); ok {
				year += 2700 * unit
			} else {
				year += 2262*tariff["day_unit_rate_exc_vat"].(float64) + 1638*tariff["night_unit_rate_exc_vat"].(float64)
			}
			if got := simtest.Get(product, "sample_quotes", tc.region, tc.method, tc.quotes, "annual_cost_exc_vat"); got != float64(int(year+0.5)) {
				t.Errorf("%s's annual cost %v, want %.0f", tc.quotes, got, year)
			}
		})
	}
}

// TestOctopusPublicRESTProductFilters lists the products on sale now, or at available_at,
// kept by each of Octopus's Boolean filters as DRF reads them (domestic ones when
// is_business is not given) and by brand, and refuses a filter it cannot read naming it.
func TestOctopusPublicRESTProductFilters(t *testing.T) {
	srv, c := octopus(t, func(w *sim.World) {
		mp := &w.Account("A-C90DC431").Properties[0].ElectricityMeterPoints[0]
		mp.Agreements = append(mp.Agreements,
			sim.Agreement{ID: "9100097", TariffCode: "E-1R-SILVER-24-12-31-A", ProductCode: "SILVER-24-12-31", ValidFrom: "2018-01-01", ValidTo: "2018-02-01"},
			sim.Agreement{ID: "9100098", TariffCode: "E-1R-PREPAY-VAR-18-09-21-A", ProductCode: "PREPAY-VAR-18-09-21", ValidFrom: "2018-02-01", ValidTo: "2018-03-01"})
	})
	// Business products only when is_business is true: Octopus documents its default false.
	const now = "AGILE-24-10-01 COSY-22-12-08 FIX-12M-25-01-01 GO-VAR-22-10-14 INTELLI-VAR-24-10-29 OE-FIX-12M-24-09-01 OUTGOING-VAR-24-10-26 PREPAY-VAR-18-09-21 SILVER-24-12-31 VAR-22-11-01"
	for _, tc := range []struct{ query, want string }{
		{"", now},
		{"?available_at=2020-01-01T00:00Z", "AGILE-18-02-21 GO-18-06-12 PREPAY-VAR-18-09-21 VAR-19-04-12"},
		{"?available_at=2020-01-01T00:00Z&is_business=true", "BUS-VAR-18-10-01"},
		{"?available_at=2022-11-01T00:00:00%2B00:00", "AGILE-VAR-22-10-19 GO-VAR-22-10-14 INTELLI-VAR-22-10-14 PREPAY-VAR-18-09-21 VAR-22-11-01"},
		{"?brand=OCTOPUS_ENERGY", now},
		{"?brand=EBIT", ""},
		{"?brand=octopus_energy", ""},
		{"?brand=OCTOPUS_ENERGY&is_business=true", "BUS-VAR-23-04-01"},
		{"?is_tracker=true", "SILVER-24-12-31"},
		{"?is_tracker=False&is_prepay=0&is_variable=y&is_business=off", "AGILE-24-10-01 COSY-22-12-08 GO-VAR-22-10-14 INTELLI-VAR-24-10-29 OUTGOING-VAR-24-10-26 VAR-22-11-01"},
		{"?is_prepay=True", "PREPAY-VAR-18-09-21"},
		{"?is_business=1", "BUS-VAR-23-04-01"},
		{"?is_variable=no&is_business=false", "FIX-12M-25-01-01 OE-FIX-12M-24-09-01"},
		{"?is_restricted=true", ""},
		{"?is_restricted=false", now},
		{"?is_green=true", "AGILE-24-10-01"},
		{"?is_green=maybe", "400 is_green"},
		{"?is_tracker=tRUE", "400 is_tracker"},
		{"?available_at=tomorrow", "400 available_at"},
	} {
		status, body := rest(t, srv, c.Session, "", "/v1/products/"+tc.query)
		var got []string
		if status != 200 {
			for k, v := range body {
				got = append(got, fmt.Sprint(status, " ", k))
				if msgs, _ := v.([]any); len(msgs) != 1 {
					t.Errorf("%s: %v is not a list of one message", tc.query, v)
				}
			}
		}
		results, _ := body["results"].([]any)
		for _, r := range results {
			got = append(got, fmt.Sprint(simtest.Get(r, "code")))
		}
		if strings.Join(got, " ") != tc.want {
			t.Errorf("%q: %v, want %s", tc.query, got, tc.want)
		}
	}
}

// TestOctopusAgilePricesArePublishedAt16 follows the clock through two afternoons: a
// day's Agile prices (23:00 to 23:00 UK time) are out from 16:00 the day before, so the
// newest price REST, unitRates and applicableRates list is for 22:30 today until then and
// for 22:30 tomorrow from then, with or without a period asked for; a price once
// published does not change.
func TestOctopusAgilePricesArePublishedAt16(t *testing.T) {
	srv, c := octopus(t, func(w *sim.World) {
		mp := &w.Account("A-C90DC431").Properties[0].ElectricityMeterPoints[0]
		mp.Agreements[1].ValidTo = "2026-06-01"
		mp.Agreements = append(mp.Agreements, sim.Agreement{ID: "9100099", TariffCode: "E-1R-AGILE-24-10-01-A", ProductCode: "AGILE-24-10-01", ValidFrom: "2026-06-01"})
	})
	const rates = "/v1/products/AGILE-24-10-01/electricity-tariffs/E-1R-AGILE-24-10-01-A/standard-unit-rates/"
	const graph = `{ account(accountNumber: "A-C90DC431") { electricityAgreements(active: true) { tariff { ... on HalfHourlyTariff { unitRates { validTo } } } } }
		applicableRates(accountNumber: "A-C90DC431", mpxn: "1013004420117", startAt: "2026-12-02T00:00:00Z", endAt: "2026-12-06T00:00:00Z", last: 1) { totalCount edges { node { validTo } } } }`
	const lastOfToday = "/v1/products/AGILE-24-10-01/electricity-tariffs/E-1R-AGILE-24-10-01-A/standard-unit-rates/?period_from=2026-12-02T22:30Z&period_to=2026-12-02T23:00Z"
	_, first := rest(t, srv, c.Session, "", lastOfToday)
	var advanced time.Duration
	for _, tc := range []struct {
		at     time.Duration // since 09:00 UTC (UK time) on 2 December
		newest string
		count  int // the half hours from 2 December's midnight
	}{
		{0, "2026-12-02T23:00:00Z", 46},
		{6*time.Hour + 59*time.Minute, "2026-12-02T23:00:00Z", 46},
		{7 * time.Hour, "2026-12-03T23:00:00Z", 94},
		{14*time.Hour + 30*time.Minute, "2026-12-03T23:00:00Z", 94},
		{22 * time.Hour, "2026-12-03T23:00:00Z", 94},
		{31 * time.Hour, "2026-12-04T23:00:00Z", 142},
	} {
		c.AdvanceClock(tc.at - advanced)
		advanced = tc.at
		c.SignIn("demo@krakensim.dev", "krakensim") // the token of an hour ago has expired
		_, plain := rest(t, srv, c.Session, "", rates)
		_, asked := rest(t, srv, c.Session, "", rates+"?period_from=2026-12-02T00:00Z&period_to=2026-12-06T00:00Z")
		_, beyond := rest(t, srv, c.Session, "", rates+"?period_from=2026-12-05T00:00Z&period_to=2026-12-06T00:00Z")
		data := mustQuery(t, c)(graph, nil)
		unitRates := simtest.Get(data, "account", "electricityAgreements", 0, "tariff", "unitRates").([]any)
		got := fmt.Sprint(simtest.Get(plain, "results", 0, "valid_to"), " ", simtest.Get(asked, "results", 0, "valid_to"), " ", asked["count"], " ", beyond["count"], " ",
			strings.Replace(fmt.Sprint(unitRates[len(unitRates)-1].(map[string]any)["validTo"]), "+00:00", "Z", 1), " ",
			strings.Replace(fmt.Sprint(simtest.Get(data, "applicableRates", "edges", 0, "node", "validTo")), "+00:00", "Z", 1), " ", simtest.Get(data, "applicableRates", "totalCount"))
		want := fmt.Sprint(tc.newest, " ", tc.newest, " ", tc.count, " 0 ", tc.newest, " ", tc.newest, " ", tc.count)
		if got != want {
			t.Errorf("at %v past 09:00: REST, asked, count, beyond, unitRates, applicableRates, count: %s, want %s", tc.at, got, want)
		}
		if _, again := rest(t, srv, c.Session, "", lastOfToday); fmt.Sprint(again["results"]) != fmt.Sprint(first["results"]) {
			t.Errorf("at %v past 09:00 the 22:30 price is %v, was %v", tc.at, again["results"], first["results"])
		}
	}
}

// TestOctopusRESTConsumptionWithoutAPeriodIsAllOfIt: consumption asked for no period is
// every half hour (or day) the meter was read in, from its first to the last midnight,
// paged newest first as Kraken pages it, not the latest 25,000 half hours; its oldest
// half hour is the one a window around it reads.
func TestOctopusRESTConsumptionWithoutAPeriodIsAllOfIt(t *testing.T) {
	srv, c := octopus(t)
	const key, path = "sk_live_krakensimdemo3235447", "/v1/electricity-meter-points/1013004420117/meters/19L3471092/consumption/"
	midnight := time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC)
	_, oldest := rest(t, srv, c.Session, key, path+"?order_by=period&page_size=2")
	first, err := time.Parse(time.RFC3339, fmt.Sprint(simtest.Get(oldest, "results", 0, "interval_start")))
	if err != nil {
		t.Fatalf("the oldest half hour: %v", oldest)
	}
	halfHours := int(midnight.Sub(first) / (30 * time.Minute))
	if halfHours <= 25000 || simtest.Get(oldest, "count") != float64(halfHours) {
		t.Fatalf("%v half hours from %s; want every one to midnight, %d, more than a page of 25,000", simtest.Get(oldest, "count"), first, halfHours)
	}
	// The newest first: its last page ends with the oldest, as the window around it reads it.
	pages := (halfHours + 24999) / 25000
	_, last := rest(t, srv, c.Session, key, fmt.Sprintf("%s?page_size=25000&page=%d", path, pages))
	rows := last["results"].([]any)
	if got := simtest.Get(rows[len(rows)-1], "interval_start"); got != simtest.Get(oldest, "results", 0, "interval_start") || len(rows) != halfHours-(pages-1)*25000 {
		t.Errorf("the last page has %d half hours ending at %v; want %d ending at %s", len(rows), got, halfHours-(pages-1)*25000, first)
	}
	_, around := rest(t, srv, c.Session, key, path+"?order_by=period&period_from="+first.Add(-24*time.Hour).UTC().Format(time.RFC3339)+"&period_to="+first.Add(time.Hour).UTC().Format(time.RFC3339))
	if simtest.Get(around, "count") != float64(2) || simtest.Get(around, "results", 0, "consumption") != simtest.Get(oldest, "results", 0, "consumption") ||
		simtest.Get(around, "results", 1, "consumption") != simtest.Get(oldest, "results", 1, "consumption") {
		t.Errorf("a window around the first reading: %v; want its two half hours as %v", around, oldest)
	}
	// By day, the days from the first's to midnight.
	_, days := rest(t, srv, c.Session, key, path+"?group_by=day&page_size=1")
	y, m, d := first.Date()
	if want := math.Round(midnight.Sub(time.Date(y, m, d, 0, 0, 0, 0, time.UTC)).Hours() / 24); simtest.Get(days, "count") != want {
		t.Errorf("%v days; want %v", simtest.Get(days, "count"), want)
	}
}

// TestOctopusRESTConsumptionGroups sums the demo meter's half hours by each group_by over
// a window across the clocks going forward: hours, days, weeks from Monday, months and
// quarters from their first days, each the sum of its half hours in the window as the
// half hours state them, to the Wh.
func TestOctopusRESTConsumptionGroups(t *testing.T) {
	srv, c := octopus(t)
	const key, path = "sk_live_krakensimdemo3235447", "/v1/electricity-meter-points/1013004420117/meters/19L3471092/consumption/"
	const window = "&period_from=2026-03-27T00:00:00Z&period_to=2026-04-03T00:00:00Z&order_by=period&page_size=1000"
	_, body := rest(t, srv, c.Session, key, path+"?"+window[1:])
	halves := body["results"].([]any)
	for _, tc := range []struct {
		group string
		count int
		first string // the first group's start
	}{
		{"hour", 168, "2026-03-27T00:00:00Z"},
		{"day", 8, "2026-03-27T00:00:00Z"}, // to 01:00 on the clocks of 3 April
		{"week", 2, "2026-03-23T00:00:00Z"},
		{"month", 2, "2026-03-01T00:00:00Z"},
		{"quarter", 2, "2026-01-01T00:00:00Z"},
	} {
		_, body := rest(t, srv, c.Session, key, path+"?group_by="+tc.group+window)
		rows := body["results"].([]any)
		if len(rows) != tc.count || simtest.Get(rows[0], "interval_start") != tc.first {
			t.Errorf("%s: %d groups from %v; want %d from %s", tc.group, len(rows), simtest.Get(rows[0], "interval_start"), tc.count, tc.first)
			continue
		}
		var sum, want float64
		for _, r := range rows {
			sum += simtest.Get(r, "consumption").(float64)
		}
		for _, r := range halves {
			want += simtest.Get(r, "consumption").(float64)
		}
		if math.Abs(sum-want) > 0.0005 { // the Wh of its half hours, added up
			t.Errorf("%s: %.3f kWh in all; its half hours %.3f", tc.group, sum, want)
		}
	}
}

// TestOctopusPublicRESTServesSupersededProducts reads products by the codes a tariff
// comparison bot hard-codes, long superseded: each is served with the day it left sale
// (its family's next launch), and its tariffs' rates too, though the products on sale
// now leave it out; a code that launches after now, or of no family, is none.
func TestOctopusPublicRESTServesSupersededProducts(t *testing.T) {
	srv, c := octopus(t)
	for _, tc := range []struct{ product, until string }{
		{"AGILE-18-02-21", "2022-07-22T00:00:00+01:00"},
		{"AGILE-22-08-31", "2022-10-19T00:00:00+01:00"},
		{"AGILE-FLEX-22-11-25", "2023-12-06T00:00:00Z"},
		{"AGILE-24-04-03", "2024-10-01T00:00:00+01:00"},
		{"INTELLI-VAR-22-10-14", "2023-03-01T00:00:00Z"},
		{"INTELLI-BB-VAR-23-03-01", "2024-10-29T00:00:00Z"},
		{"SILVER-FLEX-22-11-25", "2023-12-06T00:00:00Z"},
		{"SILVER-24-10-01", ""}, // Tracker's last, closed to new customers: read by code, never listed
	} {
		status, product := rest(t, srv, c.Session, "", "/v1/products/"+tc.product+"/")
		until := any(tc.until)
		if tc.until == "" {
			until = nil
		}
		if status != 200 || product["code"] != tc.product || product["available_to"] != until {
			t.Errorf("%s: %d, code %v, available to %v, want %s", tc.product, status, product["code"], product["available_to"], tc.until)
		}
		rates := "/v1/products/" + tc.product + "/electricity-tariffs/E-1R-" + tc.product + "-J/standard-unit-rates/?period_from=2026-12-01T00:00:00Z&period_to=2026-12-02T00:00:00Z"
		if status, page := rest(t, srv, c.Session, "", rates); status != 200 || page["count"] == 0.0 {
			t.Errorf("%s's rates on 1 December: %d %v", tc.product, status, page)
		}
	}
	_, onSale := rest(t, srv, c.Session, "", "/v1/products/?page_size=100")
	if s := fmt.Sprint(onSale["results"]); strings.Contains(s, "AGILE-FLEX-22-11-25") || strings.Contains(s, "SILVER-") {
		t.Errorf("a superseded product is listed on sale: %s", s)
	}
	for _, code := range []string{"AGILE-FLEX-27-11-25", "NOPE-22-11-25", "AGILE-FLEX-22-11-25-X", "AGILE-FLEX-22-02-30", "VAR-00-01-01", "AGILE-22-11-25", "GO-VAR-19-04-12"} {
		status, body := rest(t, srv, c.Session, "", "/v1/products/"+code+"/")
		if status != 404 || body["detail"] != "No EnergyProduct matches the given query." {
			t.Errorf("%s: %d %v, want 404", code, status, body)
		}
		if status, _ := rest(t, srv, c.Session, "", "/v1/products/"+code+"/electricity-tariffs/E-1R-"+code+"-A/standard-unit-rates/"); status != 404 {
			t.Errorf("%s's rates: %d, want 404", code, status)
		}
	}
	// A product an account's agreement holds is served, however long since it left sale.
	if status, product := rest(t, srv, c.Session, "", "/v1/products/VAR-19-04-12/"); status != 200 || product["code"] != "VAR-19-04-12" {
		t.Errorf("VAR-19-04-12, which A-C90DC431 was on: %d %v", status, product["code"])
	}
}

// TestOctopusPublicRESTListsProductsOnSaleThen lists the products on sale at
// available_at: a superseded product in its own window (from its launch to its
// family's next), not before it or after.
func TestOctopusPublicRESTListsProductsOnSaleThen(t *testing.T) {
	srv, c := octopus(t)
	for _, tc := range []struct {
		at      string
		listed  []string
		omitted []string
	}{
		{"2022-11-01T00:00:00Z", nil, []string{"AGILE-FLEX-22-11-25", "INTELLI-BB-VAR-23-03-01"}},
		{"2023-01-01T00:00:00Z", []string{"AGILE-FLEX-22-11-25"}, []string{"INTELLI-BB-VAR-23-03-01", "AGILE-24-10-01"}},
		{"2023-06-01T00:00:00Z", []string{"AGILE-FLEX-22-11-25", "INTELLI-BB-VAR-23-03-01"}, []string{"AGILE-18-02-21", "INTELLI-VAR-22-10-14"}},
		{"2024-10-01T00:00:00%2B01:00", []string{"AGILE-24-10-01", "INTELLI-BB-VAR-23-03-01"}, []string{"AGILE-FLEX-22-11-25", "AGILE-24-04-03"}},
		{"2019-06-01T00:00:00Z", []string{"AGILE-18-02-21"}, []string{"AGILE-FLEX-22-11-25", "INTELLI-VAR-22-10-14"}},
	} {
		status, body := rest(t, srv, c.Session, "", "/v1/products/?available_at="+tc.at)
		var got []string
		results, _ := body["results"].([]any)
		for _, r := range results {
			got = append(got, fmt.Sprint(simtest.Get(r, "code")))
		}
		for _, code := range tc.listed {
			if status != 200 || !slices.Contains(got, code) {
				t.Errorf("at %s: %d %v, want %s listed", tc.at, status, got, code)
			}
		}
		for _, code := range tc.omitted {
			if slices.Contains(got, code) {
				t.Errorf("at %s: %v lists %s", tc.at, got, code)
			}
		}
	}
}

// TestOctopusPublicRESTPagesAsDRF pages the consumption, rates and products lists as
// Django REST framework's PageNumberPagination does: a page_size that is not a whole
// number of at least 1 is the default (100), page=last is the last page, and page 2's
// previous link names no page.
func TestOctopusPublicRESTPagesAsDRF(t *testing.T) {
	srv, c := octopus(t)
	for _, tc := range []struct{ key, path string }{
		{"sk_live_krakensimdemo3235447", "/v1/electricity-meter-points/1013004420117/meters/19L3471092/consumption/?period_from=2026-11-01T00:00Z&period_to=2026-11-05T00:00Z"},
		{"", "/v1/products/AGILE-24-10-01/electricity-tariffs/E-1R-AGILE-24-10-01-C/standard-unit-rates/?period_from=2026-11-01T00:00Z&period_to=2026-11-05T00:00Z"},
		{"", "/v1/products/?is_variable=true"},
	} {
		_, all := rest(t, srv, c.Session, tc.key, tc.path+"&page_size=1000")
		results, _ := all["results"].([]any)
		n := len(results)
		if n < 3 {
			t.Fatalf("%s: %v", tc.path, all)
		}
		for _, bad := range []string{"0", "-1", "abc"} {
			status, body := rest(t, srv, c.Session, tc.key, tc.path+"&page_size="+bad)
			got, _ := body["results"].([]any)
			if status != 200 || len(got) != min(n, 100) || body["count"] != float64(n) || fmt.Sprint(got) != fmt.Sprint(results[:min(n, 100)]) {
				t.Errorf("%s page_size=%s: %d, %d results of %v", tc.path, bad, status, len(got), body["count"])
			}
		}
		status, last := rest(t, srv, c.Session, tc.key, tc.path+"&page_size=2&page=last")
		want := results[(n-1)/2*2:]
		if got, _ := last["results"].([]any); status != 200 || fmt.Sprint(got) != fmt.Sprint(want) || last["next"] != nil {
			t.Errorf("%s page=last: %d %v, want %v", tc.path, status, last["results"], want)
		}
		_, second := rest(t, srv, c.Session, tc.key, tc.path+"&page_size=2&page=2")
		prev, _ := second["previous"].(string)
		if strings.Contains(prev, "page=") || !strings.Contains(prev, "page_size=2") || !strings.Contains(fmt.Sprint(second["next"]), "page=3") {
			t.Errorf("%s page 2: previous %v, next %v", tc.path, second["previous"], second["next"])
		}
	}
}

// TestOctopusPublicRESTNaiveTimesAreLondon: a date or time without a zone is read in
// Europe/London, as Octopus's developer docs say it assumes, so that a summer day asked
// by bare dates is that day from its BST midnight, a product's window at a naive time
// is London's, and a naive time in the hour the clocks skip or repeat is a 400 naming it.
func TestOctopusPublicRESTNaiveTimesAreLondon(t *testing.T) {
	srv, c := octopus(t)
	const key = "sk_live_krakensimdemo3235447"
	const use = "/v1/electricity-meter-points/1013004420117/meters/19L3471092/consumption/"
	for _, tc := range []struct {
		name, naive, zoned string
	}{
		{"a summer day by bare dates", "period_from=2026-07-15&period_to=2026-07-16&group_by=day",
			"period_from=2026-07-15T00:00:00%2B01:00&period_to=2026-07-16T00:00:00%2B01:00&group_by=day"},
		{"a summer night's half hours", "period_from=2026-07-15T00:00:00&period_to=2026-07-15T02:00:00&order_by=period",
			"period_from=2026-07-14T23:00:00Z&period_to=2026-07-15T01:00:00Z&order_by=period"},
		{"a winter day", "period_from=2026-12-01&period_to=2026-12-02", "period_from=2026-12-01T00:00Z&period_to=2026-12-02T00:00Z"},
		{"the day the clocks go back", "period_from=2026-10-25&period_to=2026-10-26&group_by=hour",
			"period_from=2026-10-24T23:00Z&period_to=2026-10-26T00:00Z&group_by=hour"},
	} {
		_, naive := rest(t, srv, c.Session, key, use+"?"+tc.naive)
		_, zoned := rest(t, srv, c.Session, key, use+"?"+tc.zoned)
		if naive["count"] == 0.0 || fmt.Sprint(naive) != fmt.Sprint(zoned) {
			t.Errorf("%s: naive %v; want as zoned %v", tc.name, naive, zoned)
		}
	}
	_, day := rest(t, srv, c.Session, key, use+"?period_from=2026-07-15&period_to=2026-07-16&group_by=day")
	if day["count"] != 1.0 || simtest.Get(day, "results", 0, "interval_start") != "2026-07-15T00:00:00+01:00" {
		t.Errorf("15 July by bare dates: %v; want one day from its BST midnight", day)
	}
	for _, tc := range []struct{ name, path, want string }{
		{"Agile on sale at a naive BST time", "/v1/products/?available_at=2024-09-30T23:30:00", "AGILE-24-04-03"},
		{"Agile on sale just after a naive BST midnight", "/v1/products/?available_at=2024-10-01T00:30:00", "AGILE-24-10-01"},
	} {
		_, body := rest(t, srv, c.Session, "", tc.path)
		var codes []string
		for _, p := range simtest.Get(body, "results").([]any) {
			if code := simtest.Get(p, "code").(string); strings.HasPrefix(code, "AGILE") {
				codes = append(codes, code)
			}
		}
		if fmt.Sprint(codes) != "["+tc.want+"]" {
			t.Errorf("%s: Agile %v; want %s", tc.name, codes, tc.want)
		}
	}
	if _, body := rest(t, srv, c.Session, "", "/v1/products/AGILE-24-10-01/?tariffs_active_at=2024-09-30T23:30:00"); body["single_register_electricity_tariffs"] == nil ||
		len(body["single_register_electricity_tariffs"].(map[string]any)) != 0 {
		t.Errorf("Agile's tariffs at a naive time before its BST launch: %v; want none", body["single_register_electricity_tariffs"])
	}
	for _, tc := range []struct {
		name, path string
		want       string
	}{
		{"the hour the clocks skip", use + "?period_from=2026-03-29T01:30:00",
			"map[detail:period_from 2026-03-29T01:30:00 has no offset and is an hour Europe/London's clocks skip or pass twice; give its offset, such as Z or +01:00.]"},
		{"the hour the clocks repeat", use + "?period_from=2026-10-24&period_to=2026-10-25T01:15",
			"map[detail:period_to 2026-10-25T01:15 has no offset and is an hour Europe/London's clocks skip or pass twice; give its offset, such as Z or +01:00.]"},
		{"a product at the repeated hour", "/v1/products/?available_at=2026-10-25T01:30:00", `map[available_at:[Invalid datetime for the timezone "Europe/London".]]`},
	} {
		status, body := rest(t, srv, c.Session, key, tc.path)
		if status != 400 || fmt.Sprint(body) != tc.want {
			t.Errorf("%s: %d %v; want 400 %s", tc.name, status, body, tc.want)
		}
	}
	if status, body := rest(t, srv, c.Session, key, use+"?period_from=2026-10-25T01:30:00%2B01:00&period_to=2026-10-25T01:30:00Z"); status != 200 || body["count"] != 2.0 {
		t.Errorf("the repeated hour with its offsets: %d %v; want its two half hours", status, body["count"])
	}
}

// TestOctopusConsumptionWholeHalfHours: a window off the half hour lists the smart
// meter's whole half hours starting in it (period_from inclusive, period_to exclusive),
// each with the value it has in any window, none cut; a day grouped sums those alone;
// GraphQL's measurements of the same window list the same half hours.
func TestOctopusConsumptionWholeHalfHours(t *testing.T) {
	srv, c := octopus(t)
	const key = "sk_live_krakensimdemo3235447"
	const use = "/v1/electricity-meter-points/1013004420117/meters/19L3471092/consumption/?order_by=period&"
	_, whole := rest(t, srv, c.Session, key, use+"period_from=2026-11-30T11:30Z&period_to=2026-11-30T14:00Z")
	value := map[string]any{}
	for _, r := range simtest.Get(whole, "results").([]any) {
		value[simtest.Get(r, "interval_start").(string)] = simtest.Get(r, "consumption")
	}
	measured := func(from, to string) []string {
		edges := simtest.Get(mustQuery(t, c)(`query($from: DateTime, $to: DateTime) { account(accountNumber: "A-C90DC431") { properties { measurements(first: 10, startAt: $from, endAt: $to,
			utilityFilters: [{electricityFilters: {readingFrequencyType: THIRTY_MIN_INTERVAL}}]) { edges { node { value ... on IntervalMeasurementType { startAt } } } } } } }`,
			map[string]any{"from": from, "to": to}), "account", "properties", 0, "measurements", "edges").([]any)
		var out []string
		for _, e := range edges {
			out = append(out, strings.Replace(fmt.Sprint(simtest.Get(e, "node", "startAt")), "+00:00", "Z", 1)+" "+fmt.Sprint(simtest.Get(e, "node", "value")))
		}
		return out
	}
	for _, tc := range []struct {
		name, from, to string
		starts         []string
	}{
		{"on the half hour", "2026-11-30T12:00:00Z", "2026-11-30T13:30:00Z", []string{"12:00", "12:30", "13:00"}},
		{"ten past to twenty past", "2026-11-30T12:10:00Z", "2026-11-30T13:20:00Z", []string{"12:30", "13:00"}},
		{"a microsecond past", "2026-11-30T12:00:00.000001Z", "2026-11-30T13:00:00.000001Z", []string{"12:30", "13:00"}},
		{"inside one half hour", "2026-11-30T12:05:00Z", "2026-11-30T12:25:00Z", nil},
		{"from one half hour's middle to the next's", "2026-11-30T12:15:00Z", "2026-11-30T12:45:00Z", []string{"12:30"}},
	} {
		_, body := rest(t, srv, c.Session, key, use+"period_from="+tc.from+"&period_to="+tc.to)
		var got, want, graph []string
		for _, r := range simtest.Get(body, "results").([]any) {
			start := simtest.Get(r, "interval_start").(string)
			got = append(got, start[11:16])
			if v := simtest.Get(r, "consumption"); v != value[start] {
				t.Errorf("%s: %s is %v; want %v, its value in any window", tc.name, start, v, value[start])
			}
			graph = append(graph, start+" "+fmt.Sprintf("%.3f", simtest.Get(r, "consumption")))
		}
		want = append(want, tc.starts...)
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s: half hours from %v; want %v", tc.name, got, want)
		}
		if m := measured(tc.from, tc.to); fmt.Sprint(m) != fmt.Sprint(graph) {
			t.Errorf("%s: GraphQL measurements %v; REST %v", tc.name, m, graph)
		}
	}
	_, day := rest(t, srv, c.Session, key, use+"group_by=day&period_from=2026-11-30T23:10Z&period_to=2026-12-01T00:20Z")
	_, late := rest(t, srv, c.Session, key, use+"period_from=2026-11-30T23:30Z&period_to=2026-12-01T00:30Z")
	if day["count"] != 2.0 || late["count"] != 2.0 || simtest.Get(day, "results", 0, "consumption") != simtest.Get(late, "results", 0, "consumption") ||
		simtest.Get(day, "results", 1, "consumption") != simtest.Get(late, "results", 1, "consumption") {
		t.Errorf("days grouped over 23:10 to 00:20: %v; want 30 November's 23:30 half hour and 1 December's 00:00, whole: %v", day, late)
	}
}

// TestOctopusPublicRESTChallenges: every 401 of the public REST API carries DRF's
// challenge, WWW-Authenticate: Basic realm="api", so that a client that sends its key
// only when challenged (Python's HTTPBasicAuthHandler, .NET's credentials) sends it; an
// answer to a good key carries none.
func TestOctopusPublicRESTChallenges(t *testing.T) {
	srv, c := octopus(t)
	basic := func(key string) string { return "Basic " + base64.StdEncoding.EncodeToString([]byte(key+":")) }
	const use = "/v1/electricity-meter-points/1013004420117/meters/19L3471092/consumption/?page_size=1"
	for _, tc := range []struct {
		name, path, auth string
		status           int
		challenge        string
	}{
		{"no credentials", use, "", 401, `Basic realm="api"`},
		{"an account with no credentials", "/v1/accounts/A-C90DC431/", "", 401, `Basic realm="api"`},
		{"a key of no one", "/v1/accounts/A-C90DC431/", basic("sk_live_nobody"), 401, `Basic realm="api"`},
		{"bad base64", use, "Basic !!!", 401, `Basic realm="api"`},
		{"another scheme", use, "Bearer abc", 401, `Basic realm="api"`},
		{"an undecodable token", use, "JWT abc.def.ghi", 401, `Basic realm="api"`},
		{"the owner's key", use, basic("sk_live_krakensimdemo3235447"), 200, ""},
		{"the products, open to all", "/v1/products/?page_size=1", "", 200, ""},
	} {
		req, err := http.NewRequest(http.MethodGet, srv.URL+tc.path, nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set(sim.SessionHeader, c.Session)
		if tc.auth != "" {
			req.Header.Set("Authorization", tc.auth)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != tc.status || resp.Header.Get("WWW-Authenticate") != tc.challenge {
			t.Errorf("%s: %d WWW-Authenticate %q; want %d %q", tc.name, resp.StatusCode, resp.Header.Get("WWW-Authenticate"), tc.status, tc.challenge)
		}
	}
}

// TestOctopusPublicRESTLinksAfterTheSlash: a page asked for without the trailing slash
// links its next and previous pages at the slashed URL Django redirects it to, as DRF
// builds them there.
func TestOctopusPublicRESTLinksAfterTheSlash(t *testing.T) {
	srv, c := octopus(t)
	const rates = "/v1/products/VAR-22-11-01/electricity-tariffs/E-1R-VAR-22-11-01-A/standard-unit-rates"
	const use = "/v1/electricity-meter-points/1013004420117/meters/19L3471092/consumption"
	for _, tc := range []struct{ name, key, path, link, want string }{
		{"rates' next, without the slash", "", rates + "?page_size=1", "next", rates + "/?page=2&page_size=1"},
		{"rates' previous, without the slash", "", rates + "?page_size=1&page=3", "previous", rates + "/?page=2&page_size=1"},
		{"rates' next, with the slash", "", rates + "/?page_size=1", "next", rates + "/?page=2&page_size=1"},
		{"consumption's next, without the slash", "sk_live_krakensimdemo3235447", use + "?page_size=1", "next", use + "/?page=2&page_size=1"},
		{"products' previous to page 1", "", "/v1/products?page_size=1&page=2", "previous", "/v1/products/?page_size=1"},
	} {
		status, body := rest(t, srv, c.Session, tc.key, tc.path)
		if status != 200 || body[tc.link] != srv.URL+tc.want {
			t.Errorf("%s: %d %s %v; want %s", tc.name, status, tc.link, body[tc.link], srv.URL+tc.want)
		}
	}
}
