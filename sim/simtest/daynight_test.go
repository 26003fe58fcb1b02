package simtest_test

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/krakensim/krakensim/fixtures"
	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/simtest"
)

// e7World is a household on Economy 7 with a traditional meter (A-0000E701) and one
// with a smart meter (A-0000E702), both the demo user's.
const e7World = `
accounts:
  - number: A-0000E701
    status: ACTIVE
    createdAt: 2019-12-01T09:00:00Z
    ledgers:
      - {id: "9100501", number: L-0000E701, name: Electricity Ledger, ledgerType: ELECTRICITY_LEDGER, balance: 0}
    balance: 0
    billingName: Trad Seven
    properties:
      - id: "9100101"
        address: {lines: [1 Test Street, Nottingham], postcode: NG1 1AA, countryCode: GB}
        occupiedFrom: "2024-01-01"
        electricityMeterPoints:
          - id: "9100201"
            mpan: "1100001234561"
            status: ON_SUPPLY
            profileClass: 2
            ssc: "0151"
            gspGroupId: _B
            meters:
              - {id: "9100301", serialNumber: "K04A123456", meterType: H, isDigital: false, activeFrom: "2024-01-01"}
            agreements:
              - {id: "9100401", tariffCode: E-2R-VAR-22-11-01-B, productCode: VAR-22-11-01, validFrom: "2024-01-01"}
  - number: A-0000E702
    status: ACTIVE
    createdAt: 2019-12-01T09:00:00Z
    ledgers:
      - {id: "9100511", number: L-0000E702, name: Electricity Ledger, ledgerType: ELECTRICITY_LEDGER, balance: 0}
    balance: 0
    billingName: Smart Seven
    properties:
      - id: "9100102"
        address: {lines: [2 Test Street, Nottingham], postcode: NG1 1AA, countryCode: GB}
        occupiedFrom: "2024-01-01"
        electricityMeterPoints:
          - id: "9100202"
            mpan: "1100001234570"
            status: ON_SUPPLY
            profileClass: 2
            ssc: "0151"
            gspGroupId: _B
            meters:
              - {id: "9100302", serialNumber: "23L1234567", meterType: S2A, isDigital: true, activeFrom: "2024-01-01"}
            agreements:
              - {id: "9100402", tariffCode: E-2R-VAR-22-11-01-B, productCode: VAR-22-11-01, validFrom: "2024-01-01"}
`

// economy7 is octopus's server with the e7World households added, the demo user's.
func economy7(t *testing.T) (*simtest.Server, *simtest.Client) {
	extra, err := fixtures.Parse("e7.yaml", []byte(e7World))
	if err != nil {
		t.Fatal(err)
	}
	return octopus(t, func(w *sim.World) {
		w.Accounts = append(w.Accounts, extra.Accounts...)
		for _, u := range w.Users {
			if u.Email == "demo@krakensim.dev" {
				u.AccountNumbers = append(u.AccountNumbers, "A-0000E701", "A-0000E702")
			}
		}
	})
}

// TestOctopusEconomy7MeterHasDayAndNightRegisters: an Economy 7 meter, traditional or
// smart, has a Day and a Night register in GraphQL and REST; each reading lists both,
// their advances adding up to the use its statement billed and the night's being the
// use in the off-peak hours (about 7/24 of it); the statement itemises the two at their
// own rates; a single-rate meter keeps its one Standard register.
func TestOctopusEconomy7MeterHasDayAndNightRegisters(t *testing.T) {
	srv, c := economy7(t)
	const q = `query($n: String!) { account(accountNumber: $n) {
		properties { electricityMeterPoints { meters {
			registers { id identifier name unitRateType expectedReadingRanges }
			readings(first: 2) { edges { node { readAt registers { identifier name value } } } } } } }
		bills(first: 1) { edges { node { ... on StatementType { transactions(first: 10) { edges { node {
			__typename ... on Charge { consumption { quantity usageCost } } } } } } } } } } }`
	for _, n := range []string{"A-0000E701", "A-0000E702"} {
		data := mustQuery(t, c)(q, map[string]any{"n": n})
		m := simtest.Get(data, "account", "properties", 0, "electricityMeterPoints", 0, "meters", 0)
		var regs []string
		for _, r := range simtest.Get(m, "registers").([]any) {
			regs = append(regs, fmt.Sprint(simtest.Get(r, "identifier"), " ", simtest.Get(r, "name"), " ", simtest.Get(r, "unitRateType")))
			if simtest.Get(r, "expectedReadingRanges", 0) == nil {
				t.Errorf("%s: register %v has no expected range", n, r)
			}
		}
		if got := strings.Join(regs, ", "); got != "1 Day DAY, 2 Night NIGHT" {
			t.Errorf("%s: registers %s; want 1 Day DAY, 2 Night NIGHT", n, got)
		}
		edges := simtest.Get(m, "readings", "edges").([]any)
		if len(edges) != 2 {
			t.Fatalf("%s: readings %v", n, edges)
		}
		value := func(e any, reg int) float64 {
			if got := fmt.Sprint(simtest.Get(e, "node", "registers", reg, "identifier")); got != fmt.Sprint(reg+1) {
				t.Errorf("%s: a reading's register %d is %s", n, reg, got)
			}
			return number(t, simtest.Get(e, "node", "registers", reg, "value"))
		}
		day, night := value(edges[0], 0)-value(edges[1], 0), value(edges[0], 1)-value(edges[1], 1)
		var billed, cost float64
		for _, e := range simtest.Get(data, "account", "bills", "edges", 0, "node", "transactions", "edges").([]any) {
			if simtest.Get(e, "node", "__typename") == "Charge" {
				billed = number(t, simtest.Get(e, "node", "consumption", "quantity"))
				cost = number(t, simtest.Get(e, "node", "consumption", "usageCost"))
			}
		}
		if math.Abs(day+night-billed) > 1 || night <= 0 || math.Abs(night/(day+night)-7.0/24) > 0.03 {
			t.Errorf("%s: the registers moved on %.3f (day) and %.3f (night) kWh over the statement that billed %.2f; want the two adding up to it, night about 7/24", n, day, night, billed)
		}
		// The statement's document itemises the use by rate, the two adding up to the use's cost.
		url := fmt.Sprint(simtest.Get(mustQuery(t, c)(`query($n: String!) { account(accountNumber: $n) { bills(first: 1) { edges { node { ... on StatementType { temporaryUrl } } } } } }`,
			map[string]any{"n": n}), "account", "bills", "edges", 0, "node", "temporaryUrl"))
		_, pdf := srv.ClientIn(t, c.Session).Do("GET", url[strings.Index(url, "/documents/"):], nil)
		if !strings.Contains(string(pdf), "Day: ") || !strings.Contains(string(pdf), "Night: ") || cost == 0 {
			t.Errorf("%s: the statement's document itemises no day and night use", n)
		}
	}
	_, body := rest(t, srv, c.Session, "sk_live_krakensimdemo3235447", "/v1/accounts/A-0000E702/")
	regs := simtest.Get(body, "properties", 0, "electricity_meter_points", 0, "meters", 0, "registers").([]any)
	if len(regs) != 2 || simtest.Get(regs[0], "rate") != "DAY" || simtest.Get(regs[1], "rate") != "NIGHT" {
		t.Errorf("REST registers %v; want DAY and NIGHT", regs)
	}
	data := mustQuery(t, c)(`{ account(accountNumber: "A-C90DC431") { properties { electricityMeterPoints { meters { registers { identifier name } } } } } }`, nil)
	if got := simtest.Get(data, "account", "properties", 0, "electricityMeterPoints", 0, "meters", 0, "registers").([]any); len(got) != 1 || simtest.Get(got[0], "name") != "Standard" {
		t.Errorf("a single-rate meter's registers %v; want one Standard", got)
	}
}

// TestOctopusEconomy7ReadingsPerRegister: createElectricityMeterReading takes a reading
// of either register of an Economy 7 meter, by identifier or id, or of both at once,
// each judged against its own register's reading before it; a register the meter does
// not have is refused (does_not_exist), as is a reading below its register's last.
func TestOctopusEconomy7ReadingsPerRegister(t *testing.T) {
	_, c := economy7(t)
	const read = `mutation($r: [ReadingInputType], $d: Date) { createElectricityMeterReading(mpan: "1100001234561", serialNumber: "K04A123456", readAt: $d, readings: $r) {
		readingErrors { field errors { ... on SerializerErrorType { code message } } } } }`
	const regs = `{ account(accountNumber: "A-0000E701") { properties { electricityMeterPoints { meters {
		registers { identifier expectedReadingRanges } readings(first: 1) { edges { node { registers { identifier value } } } } } } } } }`
	meter := func() any {
		return simtest.Get(mustQuery(t, c)(regs, nil), "account", "properties", 0, "electricityMeterPoints", 0, "meters", 0)
	}
	m := meter()
	lo := func(reg int) int {
		return int(number(t, simtest.Get(m, "registers", reg, "expectedReadingRanges", 0, 0)))
	}
	dayLo, nightLo := lo(0), lo(1)
	errorOf := func(r []any, day string) string {
		got := mustQuery(t, c)(read, map[string]any{"r": r, "d": day})
		if e := simtest.Get(got, "createElectricityMeterReading", "readingErrors", 0, "errors", 0); e != nil {
			return fmt.Sprint(simtest.Get(e, "code"), ": ", simtest.Get(e, "message"))
		}
		return ""
	}
	for _, tc := range []struct {
		name, day string
		readings  []any
		want      string
	}{
		{"a third register", "2026-12-02", []any{map[string]any{"registerId": "3", "reading": 100}}, "does_not_exist: Reading 1: the meter has no register 3; its registers are 1 (id 91003011) and 2 (id 91003012)."},
		{"the night below its last", "2026-12-02", []any{map[string]any{"registerId": "2", "reading": nightLo - 50}}, "invalid"},
		{"the night alone, by id", "2026-12-01", []any{map[string]any{"registerId": "91003012", "reading": nightLo + 5}}, ""},
		{"the night below the one just given", "2026-12-02", []any{map[string]any{"registerId": "2", "reading": nightLo + 1}}, "invalid"},
		{"both", "2026-12-02", []any{map[string]any{"registerId": "1", "reading": dayLo + 10}, map[string]any{"registerId": "2", "reading": nightLo + 6}}, ""},
	} {
		if got := errorOf(tc.readings, tc.day); !strings.HasPrefix(got, tc.want) || (tc.want == "") != (got == "") {
			t.Errorf("%s: %q; want %q", tc.name, got, tc.want)
		}
	}
	m = meter()
	got := fmt.Sprint(simtest.Get(m, "readings", "edges", 0, "node", "registers"))
	if want := fmt.Sprintf("[map[identifier:1 value:%d.00000] map[identifier:2 value:%d.00000]]", dayLo+10, nightLo+6); got != want {
		t.Errorf("the latest reading %s; want %s", got, want)
	}
}
