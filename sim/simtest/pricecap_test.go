package simtest_test

import (
	"fmt"
	"math"
	"strconv"
	"testing"
	"time"

	"github.com/krakensim/krakensim/sim/simtest"
)

// TestOctopusVariablePricesStepWithTheCap reads Flexible Octopus's prices as a tariff
// comparer does: REST lists them from the product's launch as they stepped with the
// price cap, each step from a quarter day's midnight in London, for a direct debit payer
// and, dearer, for one paying otherwise, contiguous, the newest open and announced a
// month ahead; GraphQL's applicableRates for the demo home change on the same days to
// the same prices; a month's statement charges its use at that quarter's prices; and a
// fixed tariff keeps one price for any payer.
func TestOctopusVariablePricesStepWithTheCap(t *testing.T) {
	srv, c := octopus(t)
	london, _ := time.LoadLocation("Europe/London")
	const flex = "/v1/products/VAR-22-11-01/electricity-tariffs/E-1R-VAR-22-11-01-A/"
	steps := func(kind string) []map[string]any {
		_, body := rest(t, srv, c.Session, "", flex+kind+"/")
		rows, _ := body["results"].([]any)
		var debit []map[string]any
		for i, r := range rows {
			row := r.(map[string]any)
			if i%2 == 0 {
				if row["payment_method"] != "DIRECT_DEBIT" {
					t.Fatalf("%s row %d: %v", kind, i, row)
				}
				debit = append(debit, row)
				continue
			}
			prev := rows[i-1].(map[string]any)
			if row["payment_method"] != "NON_DIRECT_DEBIT" || row["valid_from"] != prev["valid_from"] || row["valid_to"] != prev["valid_to"] ||
				row["value_exc_vat"].(float64) <= prev["value_exc_vat"].(float64) {
				t.Errorf("%s: %v beside the direct debit payer's %v", kind, row, prev)
			}
		}
		if len(debit) < 10 || debit[0]["valid_to"] != nil || debit[len(debit)-1]["valid_from"] != "2022-11-01T00:00:00Z" {
			t.Fatalf("%s: %d steps, the newest %v, the oldest %v", kind, len(debit), debit[0], debit[len(debit)-1])
		}
		for i := 1; i < len(debit); i++ {
			from, _ := time.Parse(time.RFC3339, debit[i-1]["valid_from"].(string))
			local := from.In(london)
			if debit[i]["valid_to"] != debit[i-1]["valid_from"] || local.Day() != 1 || local.Hour() != 0 || (local.Month()-1)%3 != 0 {
				t.Errorf("%s: %v follows %v", kind, debit[i-1], debit[i])
			}
		}
		return debit
	}
	units, standing := steps("standard-unit-rates"), steps("standing-charges")
	// On 2 December the price cap of January is announced; April's is not.
	if units[0]["valid_from"] != "2027-01-01T00:00:00Z" || units[1]["valid_from"] != "2026-09-30T23:00:00Z" {
		t.Errorf("the newest steps: %v, %v", units[0], units[1])
	}
	at := func(rows []map[string]any, day string) float64 {
		for _, r := range rows {
			if r["valid_from"].(string) <= day {
				return r["value_exc_vat"].(float64)
			}
		}
		return 0
	}
	data := mustQuery(t, c)(`{ applicableRates(accountNumber: "A-C90DC431", mpxn: "1013004420117", startAt: "2026-01-01T00:00:00Z",
		endAt: "2026-12-01T00:00:00Z", first: 20) { edges { node { value validFrom validTo } } }
		account(accountNumber: "A-C90DC431") { transactions(fromDate: "2026-05-31", toDate: "2026-06-01") { edges { node {
		... on Charge { title consumption { startDate endDate quantity usageCost supplyCharge } } } } } } }`, nil)
	var got []string
	for _, e := range simtest.Get(data, "applicableRates", "edges").([]any) {
		n := simtest.Get(e, "node")
		got = append(got, fmt.Sprint(simtest.Get(n, "validFrom"), " ", simtest.Get(n, "value")))
	}
	var want []string
	for _, d := range []string{"2026-01-01T00:00:00+00:00", "2026-04-01T00:00:00+01:00", "2026-07-01T00:00:00+01:00", "2026-10-01T00:00:00+01:00"} {
		utc, _ := time.Parse(time.RFC3339, d)
		want = append(want, d+" "+strconv.FormatFloat(at(units, utc.UTC().Format(time.RFC3339)), 'f', 4, 64))
	}
	if fmt.Sprint(got) != fmt.Sprint(want) || want[0] == want[1] {
		t.Errorf("applicableRates over 2026:\n%v\nREST's steps:\n%v", got, want)
	}
	charged := false
	for _, e := range simtest.Get(data, "account", "transactions", "edges").([]any) {
		n := simtest.Get(e, "node")
		if simtest.Get(n, "title") != "Electricity" {
			continue
		}
		use := simtest.Get(n, "consumption")
		kwh, _ := strconv.ParseFloat(fmt.Sprint(simtest.Get(use, "quantity")), 64)
		cost, supply := simtest.Get(use, "usageCost").(float64), simtest.Get(use, "supplyCharge").(float64)
		unit, daily := at(units, "2026-05-01T00:00:00Z"), at(standing, "2026-05-01T00:00:00Z")
		charged = math.Abs(cost-kwh*unit) < 1 && math.Abs(supply-31*daily) < 1
		if !charged || unit == at(units, "2026-02-01T00:00:00Z") {
			t.Errorf("May's electricity: %v kWh for %v p and %v p a month standing; April's quarter charges %v p/kWh and %v p a day", kwh, cost, supply, unit, daily)
		}
	}
	if !charged {
		t.Errorf("no electricity charge at the end of May 2026: %v", data["account"])
	}
	// The product as it was on a day: its tariffs at that day's prices; none before it
	// launched.
	_, may := rest(t, srv, c.Session, "", "/v1/products/VAR-22-11-01/?tariffs_active_at=2025-05-01T00:00:00Z")
	var mayRate any
	for _, r := range units {
		if r["valid_from"].(string) <= "2025-05-01T00:00:00Z" {
			mayRate = r["value_inc_vat"]
			break
		}
	}
	if got := simtest.Get(may, "single_register_electricity_tariffs", "_A", "varying", "standard_unit_rate_inc_vat"); got != mayRate || may["tariffs_active_at"] != "2025-05-01T00:00:00.000000Z" {
		t.Errorf("Flexible on 1 May 2025: %v at %v; its rates then %v", got, may["tariffs_active_at"], mayRate)
	}
	_, before := rest(t, srv, c.Session, "", "/v1/products/VAR-22-11-01/?tariffs_active_at=2020-01-01T00:00:00Z")
	if got := fmt.Sprint(before["single_register_electricity_tariffs"]); got != "map[]" {
		t.Errorf("Flexible's tariffs before it launched: %s", got)
	}
	// Octopus Go's first rates begin at its launch, none before.
	_, first := rest(t, srv, c.Session, "", "/v1/products/GO-VAR-22-10-14/electricity-tariffs/E-1R-GO-VAR-22-10-14-A/standard-unit-rates/?period_to=2022-10-16T00:00:00Z")
	if rows, _ := first["results"].([]any); len(rows) == 0 || simtest.Get(rows[len(rows)-1], "valid_from") != "2022-10-13T23:00:00Z" {
		t.Errorf("Go's first rates: %v", first)
	}
	_, fixed := rest(t, srv, c.Session, "", "/v1/products/OE-FIX-12M-24-09-01/electricity-tariffs/E-1R-OE-FIX-12M-24-09-01-A/standing-charges/")
	if fixed["count"] != 1.0 || simtest.Get(fixed, "results", 0, "payment_method") != nil || simtest.Get(fixed, "results", 0, "valid_to") != nil {
		t.Errorf("a fixed tariff's standing charge: %v", fixed)
	}
}

// TestOctopusIntelligentGoRatesStepAtMidnight reads the car household's Intelligent
// Octopus Go rates on New Year's Eve, as its app does, beside applicableRates: the night
// from 23:30 is split at midnight, the old year's half hour at December's price, the new
// year's at January's, in both.
func TestOctopusIntelligentGoRatesStepAtMidnight(t *testing.T) {
	_, c := octopus(t)
	c.AdvanceClock(time.Date(2026, 12, 31, 22, 0, 0, 0, time.UTC).Sub(time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)))
	c.SignIn("demo@krakensim.dev", "krakensim")
	data := mustQuery(t, c)(`{ account(accountNumber: "A-7B3E9D12") { electricityAgreements(active: true) {
		tariff { ... on HalfHourlyTariff { unitRates { validFrom validTo preVatValue } } } } }
		applicableRates(accountNumber: "A-7B3E9D12", mpxn: "1000007345180", startAt: "2026-12-31T12:00:00Z", endAt: "2027-01-01T12:00:00Z", first: 20) {
			edges { node { validFrom value } } } }`, nil)
	applicable := map[string]string{}
	for _, e := range simtest.Get(data, "applicableRates", "edges").([]any) {
		applicable[fmt.Sprint(simtest.Get(e, "node", "validFrom"))] = fmt.Sprint(simtest.Get(e, "node", "value"))
	}
	var got []string
	for _, r := range simtest.Get(data, "account", "electricityAgreements", 0, "tariff", "unitRates").([]any) {
		from := fmt.Sprint(simtest.Get(r, "validFrom"))
		if from < "2026-12-31T23:00:00+00:00" || from > "2027-01-01T06:00:00+00:00" {
			continue
		}
		pre := strconv.FormatFloat(simtest.Get(r, "preVatValue").(float64), 'f', 4, 64)
		got = append(got, from+" "+pre)
		if applicable[from] != pre {
			t.Errorf("unitRates from %s at %s; applicableRates %q", from, pre, applicable[from])
		}
	}
	if len(got) != 3 || got[0][:25] != "2026-12-31T23:30:00+00:00" || got[1][:25] != "2027-01-01T00:00:00+00:00" || got[0][26:] == got[1][26:] {
		t.Errorf("the night's rates: %v; want it split at midnight, at two prices", got)
	}
}

// TestOctopusFlexibleVersionsAgree reads two versions of Flexible Octopus in one region
// through REST in January 2023, as a tariff comparer does: they list the same unit rate
// and standing charge, as Octopus prices every version alike under the cap.
func TestOctopusFlexibleVersionsAgree(t *testing.T) {
	srv, c := octopus(t)
	read := func(product, kind string) any {
		_, body := rest(t, srv, c.Session, "", "/v1/products/"+product+"/electricity-tariffs/E-1R-"+product+"-A/"+kind+
			"/?period_from=2023-01-15T00:00:00Z&period_to=2023-01-16T00:00:00Z")
		return simtest.Get(body, "results", 0, "value_inc_vat")
	}
	for _, kind := range []string{"standard-unit-rates", "standing-charges"} {
		old, current := read("VAR-21-09-29", kind), read("VAR-22-11-01", kind)
		if old == nil || fmt.Sprint(old) != fmt.Sprint(current) {
			t.Errorf("%s on 15 January 2023: VAR-21-09-29 %v, VAR-22-11-01 %v", kind, old, current)
		}
	}
}
