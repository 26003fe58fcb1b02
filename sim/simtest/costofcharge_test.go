package simtest_test

import (
	"math"
	"testing"
	"time"

	"github.com/krakensim/krakensim/sim/simtest"
)

// TestOctopusCostOfChargeStartsWithTheCar registers a car for the demo house, whose
// single-rate tariff dispatches no smart charge, and runs its test charge at 09:00: the
// next day costOfCharge charges that test charge alone, what the house's meter drew
// beyond a session where no car was registered, at the tariff's rate, and nothing for
// the days and months before the car was registered.
func TestOctopusCostOfChargeStartsWithTheCar(t *testing.T) {
	srv, c := octopus(t)
	q := mustQuery(t, c)
	leaf := variantID(t, c, "electricVehicles", "vehicleId", "Nissan", "Leaf")
	q(registerDevice, map[string]any{"n": "A-C90DC431", "p": 2214531, "t": "ELECTRIC_VEHICLES", "by": "ENODE", "v": leaf})
	q(`mutation { triggerTestCharge(input: {accountNumber: "A-C90DC431"}) { __typename } }`, nil)
	plain := srv.Client(t)
	for _, c := range []*simtest.Client{c, plain} {
		c.AdvanceClock(24 * time.Hour)
		c.SignIn("demo@krakensim.dev", "krakensim")
	}
	const halfHour = `{ account(accountNumber: "A-C90DC431") { properties { electricityMeterPoints { meters {
		consumption(startAt: "2026-12-02T09:00:00Z", grouping: HALF_HOUR, timezone: "Europe/London", first: 1) { edges { node { value } } } } } } } }`
	read := func(c *simtest.Client) float64 {
		got := mustQuery(t, c)(halfHour, nil)
		return number(t, simtest.Get(got, "account", "properties", 0, "electricityMeterPoints", 0, "meters", 0, "consumption", "edges", 0, "node", "value"))
	}
	drawn := read(c) - read(plain)
	data := q(`{ days: costOfCharge(accountNumber: "A-C90DC431", frequency: DAILY, startDate: "2026-11-28") { reportDate isSmartCharge totalConsumption totalCostExclTax }
		months: costOfCharge(accountNumber: "A-C90DC431", frequency: MONTHLY, startDate: "2026-06-01") { reportDate isSmartCharge totalConsumption totalCostExclTax }
		account(accountNumber: "A-C90DC431") { electricityAgreements(active: true) { tariff { ... on StandardTariff { preVatUnitRate } } } } }`, nil)
	rate := number(t, simtest.Get(data, "account", "electricityAgreements", 0, "tariff", "preVatUnitRate"))
	for _, tc := range []struct {
		list  string
		first string
		n     int
	}{{"days", "2026-11-28", 5}, {"months", "2026-06-01", 7}} {
		rows := data[tc.list].([]any)
		if len(rows) != tc.n || simtest.Get(rows, 0, "reportDate") != tc.first {
			t.Fatalf("%s: %v", tc.list, rows)
		}
		for i, r := range rows {
			want := 0.0
			if i == len(rows)-1 { // 2 December, December: the test charge
				want = drawn
			}
			kwh, cost := number(t, simtest.Get(r, "totalConsumption")), number(t, simtest.Get(r, "totalCostExclTax"))
			if math.Abs(kwh-want) > 0.001 || math.Abs(cost-want*rate) > 0.01 || simtest.Get(r, "isSmartCharge") != false {
				t.Errorf("%s %v: %v, want %.3f kWh at %v p (the meter drew %.3f kWh for the test charge)", tc.list, simtest.Get(r, "reportDate"), r, want, rate, drawn)
			}
		}
	}
	if drawn < 1.6 {
		t.Errorf("the test charge drew %.3f kWh on the meter", drawn)
	}
}

// TestOctopusCostOfChargeIsWhatTheSuspendedCarDrew suspends smart control of the flat's
// car at 09:00, after its night's smart charge, so that its nights are charged from
// plug-in at 18:00 until done, part way through a half hour, beside a session that did
// not: two days on, each day's costOfCharge differs by what the meter's half hours
// differ by that day, at a dearer rate, and the day after, charged from plug-in alone,
// is no smart charge.
func TestOctopusCostOfChargeIsWhatTheSuspendedCarDrew(t *testing.T) {
	_, suspended := octopus(t)
	_, plain := octopus(t)
	mustQuery(t, suspended)(`mutation { suspendControl(input: {accountNumber: "A-7B3E9D12"}) { __typename } }`, nil)
	for _, c := range []*simtest.Client{suspended, plain} {
		c.AdvanceClock(48 * time.Hour)
		c.SignIn("demo@krakensim.dev", "krakensim")
	}
	const read = `{ account(accountNumber: "A-7B3E9D12") { properties { electricityMeterPoints { meters {
		consumption(startAt: "2026-12-02T00:00:00Z", grouping: HALF_HOUR, timezone: "Europe/London", first: 96) { edges { node { value } } } } } } }
		costOfCharge(accountNumber: "A-7B3E9D12", frequency: DAILY, startDate: "2026-12-02") { reportDate isSmartCharge totalConsumption totalCostExclTax } }`
	type day struct {
		meter, kwh, cost float64
		smart            any
	}
	days := func(c *simtest.Client) (out [2]day) {
		got := mustQuery(t, c)(read, nil)
		halves := simtest.Get(got, "account", "properties", 0, "electricityMeterPoints", 0, "meters", 0, "consumption", "edges").([]any)
		rows := got["costOfCharge"].([]any)
		if len(halves) != 96 || len(rows) != 2 {
			t.Fatalf("%d half hours, costOfCharge %v", len(halves), rows)
		}
		for i, e := range halves {
			out[i/48].meter += number(t, simtest.Get(e, "node", "value"))
		}
		for i, r := range rows {
			out[i].kwh, out[i].cost, out[i].smart = number(t, simtest.Get(r, "totalConsumption")), number(t, simtest.Get(r, "totalCostExclTax")), simtest.Get(r, "isSmartCharge")
		}
		return out
	}
	s, p := days(suspended), days(plain)
	for i, date := range []string{"2 December", "3 December"} {
		if math.Abs((s[i].kwh-p[i].kwh)-(s[i].meter-p[i].meter)) > 0.01 {
			t.Errorf("%s: the car's charge %.3f kWh suspended, %.3f under control; the meter %.3f and %.3f kWh", date, s[i].kwh, p[i].kwh, s[i].meter, p[i].meter)
		}
		if s[i].kwh <= 0 || s[i].smart != (i == 0) || p[i].kwh > 0 && p[i].smart != true || p[i].kwh > 0 && s[i].cost/s[i].kwh <= p[i].cost/p[i].kwh {
			t.Errorf("%s: suspended %+v, under control %+v", date, s[i], p[i])
		}
	}
}
