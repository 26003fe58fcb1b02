package simtest_test

import (
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

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
	return octopus(t, withE7(t))
}

// economy7Default is economy7 on the default contract, whose submitMeterReading the
// reference SDL lacks.
func economy7Default(t *testing.T) (*simtest.Server, *simtest.Client) {
	add := withE7(t)
	srv := simtest.NewServer(t, simtest.WithConfig(func(cfg *sim.Config) {
		cfg.ClockStart = time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)
		add(cfg.World)
	}))
	c := srv.Client(t)
	c.SignIn("demo@krakensim.dev", "krakensim")
	return srv, c
}

// withE7 adds the e7World households to a world, the demo user's.
func withE7(t *testing.T) func(*sim.World) {
	extra, err := fixtures.Parse("e7.yaml", []byte(e7World))
	if err != nil {
		t.Fatal(err)
	}
	return func(w *sim.World) {
		w.Accounts = append(w.Accounts, extra.Accounts...)
		for _, u := range w.Users {
			if u.Email == "demo@krakensim.dev" {
				u.AccountNumbers = append(u.AccountNumbers, "A-0000E701", "A-0000E702")
			}
		}
	}
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
	// Its estimated annual consumption by register, as captured answers give an Economy 7
	// point's (consumption_day and consumption_night, no consumption_standard): GraphQL's
	// registers' eac; a single-rate point's consumption_standard, its one register's.
	for _, tc := range []struct {
		account string
		keys    []string
	}{
		{"A-0000E702", []string{"consumption_day", "consumption_night"}},
		{"A-C90DC431", []string{"consumption_standard"}},
	} {
		_, body := rest(t, srv, c.Session, "sk_live_krakensimdemo3235447", "/v1/accounts/"+tc.account+"/")
		point := simtest.Get(body, "properties", 0, "electricity_meter_points", 0).(map[string]any)
		eacs := simtest.Get(mustQuery(t, c)(`query($n: String!) { account(accountNumber: $n) { properties { electricityMeterPoints { meters { registers { eac } } } } } }`,
			map[string]any{"n": tc.account}), "account", "properties", 0, "electricityMeterPoints", 0, "meters", 0, "registers").([]any)
		var got, want []string
		for i, k := range tc.keys {
			got = append(got, fmt.Sprint(point[k]))
			if i < len(eacs) {
				want = append(want, strings.TrimSuffix(fmt.Sprint(simtest.Get(eacs[i], "eac")), ".0"))
			}
		}
		_, standard := point["consumption_standard"]
		if fmt.Sprint(got) != fmt.Sprint(want) || len(eacs) != len(tc.keys) || standard != (len(tc.keys) == 1) || point[tc.keys[0]] == 0.0 {
			t.Errorf("%s: REST %v %v; want GraphQL's register eac %v", tc.account, tc.keys, got, want)
		}
	}
	data := mustQuery(t, c)(`{ account(accountNumber: "A-C90DC431") { properties { electricityMeterPoints { meters { registers { identifier name } } } } } }`, nil)
	if got := simtest.Get(data, "account", "properties", 0, "electricityMeterPoints", 0, "meters", 0, "registers").([]any); len(got) != 1 || simtest.Get(got[0], "name") != "Standard" {
		t.Errorf("a single-rate meter's registers %v; want one Standard", got)
	}
}

// TestOctopusEconomy7ReadingsPerRegister: createElectricityMeterReading takes a reading
// of either register of an Economy 7 meter, by identifier or id, or of both at once,
// each judged against its own register's reading before it; a register the meter does
// not have is refused (does_not_exist), as is a reading below its register's last and
// one that names no register (required), which is not taken as the day's.
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
		{"no register", "2026-12-02", []any{map[string]any{"reading": dayLo + 1}},
			"required: Reading 1: the meter has more than one register, so say which one was read (registerId); its registers are 1 (id 91003011) and 2 (id 91003012)."},
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

// TestOctopusEconomy7ReadingNamesItsRegister: submitMeterReading puts its value on the
// register the client names, by identifier or id; on an Economy 7 meter a reading that
// names none is refused (KT-GB-6414 on input.registerId) rather than taken as the day's,
// as is a register the meter does not have; a single-rate meter's reading still needs
// no register.
func TestOctopusEconomy7ReadingNamesItsRegister(t *testing.T) {
	_, c := economy7Default(t)
	const regs = `query($n: String!) { account(accountNumber: $n) { properties { electricityMeterPoints { meters {
		registers { identifier expectedReadingRanges } readings(first: 1) { edges { node { readAt registers { identifier name value } } } } } } } } }`
	meter := func(n string) any {
		return simtest.Get(mustQuery(t, c)(regs, map[string]any{"n": n}), "account", "properties", 0, "electricityMeterPoints", 0, "meters", 0)
	}
	lo := func(m any, reg int) int {
		return int(number(t, simtest.Get(m, "registers", reg, "expectedReadingRanges", 0, 0)))
	}
	m := meter("A-0000E701")
	dayLo, nightLo := lo(m, 0), lo(m, 1)
	single := lo(meter("A-C90DC431"), 0)

	const submit = `mutation($n: String!, $m: ID!, $r: ID, $v: Decimal!, $at: DateTime!) { submitMeterReading(input: {accountNumber: $n, meterId: $m, registerId: $r, value: $v, readAt: $at}) {
		reading { meterId value } } }`
	for _, tc := range []struct {
		name, account, meter string
		register             any
		value                int
		at, code, path       string
		want                 string // the latest reading's registers after it
	}{
		{"no register", "A-0000E701", "9100301", nil, dayLo + 1, "2026-12-01T20:00:00Z", "KT-GB-6414", "[input registerId]", ""},
		{"a third register", "A-0000E701", "9100301", "3", dayLo + 1, "2026-12-01T20:00:00Z", "KT-GB-6414", "[input registerId]", ""},
		{"the night by identifier", "A-0000E701", "K04A123456", "2", nightLo + 3, "2026-12-01T20:00:00Z", "", "",
			fmt.Sprintf("2026-12-01T20:00:00+00:00 [map[identifier:2 name:Night value:%d.00000]]", nightLo+3)},
		{"the day by id", "A-0000E701", "9100301", "91003011", dayLo + 4, "2026-12-01T20:00:00Z", "", "",
			fmt.Sprintf("2026-12-01T20:00:00+00:00 [map[identifier:1 name:Day value:%d.00000] map[identifier:2 name:Night value:%d.00000]]", dayLo+4, nightLo+3)},
		{"the night below its last", "A-0000E701", "9100301", "2", nightLo + 1, "2026-12-02T08:00:00Z", "KT-CT-6422", "[input value]", ""},
		{"a single-rate meter, no register", "A-C90DC431", "3010001", nil, single + 1, "2026-12-02T08:00:00Z", "", "", ""},
		{"a single-rate meter's night", "A-C90DC431", "3010001", "2", single + 2, "2026-12-02T08:30:00Z", "KT-GB-6414", "[input registerId]", ""},
	} {
		out := c.Query(submit, map[string]any{"n": tc.account, "m": tc.meter, "r": tc.register, "v": fmt.Sprint(tc.value), "at": tc.at})
		switch {
		case tc.code == "" && len(out.Errors) > 0:
			t.Errorf("%s: %+v; want the reading taken", tc.name, out.Errors)
			continue
		case tc.code != "" && (len(out.Errors) != 1 || out.Errors[0].Code() != tc.code):
			t.Errorf("%s: %+v %v; want %s", tc.name, out.Errors, out.Data, tc.code)
			continue
		case tc.code != "":
			if path := fmt.Sprint(simtest.Get(out.Errors[0].Extensions, "validationErrors", 0, "inputPath")); path != tc.path {
				t.Errorf("%s: the error names %s; want %s", tc.name, path, tc.path)
			}
			continue
		}
		if tc.want == "" {
			continue
		}
		node := simtest.Get(meter(tc.account), "readings", "edges", 0, "node")
		if got := fmt.Sprint(simtest.Get(node, "readAt"), " ", simtest.Get(node, "registers")); got != tc.want {
			t.Errorf("%s: the latest reading %s; want %s", tc.name, got, tc.want)
		}
	}
}

// TestOctopusEconomy7UnbilledReadingsGatherTheirRegisters: a meter point's
// unbilledReadings list an Economy 7 meter's day and night values read together as one
// reading of the two registers, each by its name, as its readings connection does.
func TestOctopusEconomy7UnbilledReadingsGatherTheirRegisters(t *testing.T) {
	_, c := economy7(t)
	const q = `{ account(accountNumber: "A-0000E701") { properties { electricityMeterPoints { unbilledReadings { id readAt registers { identifier name value } }
		meters { registers { identifier expectedReadingRanges } } } } } }`
	point := func() any {
		return simtest.Get(mustQuery(t, c)(q, nil), "account", "properties", 0, "electricityMeterPoints", 0)
	}
	p := point()
	before := len(simtest.Get(p, "unbilledReadings").([]any))
	day, night := int(number(t, simtest.Get(p, "meters", 0, "registers", 0, "expectedReadingRanges", 0, 0))), int(number(t, simtest.Get(p, "meters", 0, "registers", 1, "expectedReadingRanges", 0, 0)))
	got := mustQuery(t, c)(`mutation($r: [ReadingInputType]) { createElectricityMeterReading(mpan: "1100001234561", serialNumber: "K04A123456", readAt: "2026-12-02", readings: $r) {
		readingErrors { field } } }`, map[string]any{"r": []any{map[string]any{"registerId": "1", "reading": day + 2}, map[string]any{"registerId": "2", "reading": night + 1}}})
	if e := simtest.Get(got, "createElectricityMeterReading", "readingErrors", 0); e != nil {
		t.Fatalf("the reading was refused: %v", e)
	}
	unbilled := simtest.Get(point(), "unbilledReadings").([]any)
	if len(unbilled) != before+1 {
		t.Fatalf("unbilledReadings %v, %d before; want one more", unbilled, before)
	}
	want := fmt.Sprintf("[map[identifier:1 name:Day value:%d.00000] map[identifier:2 name:Night value:%d.00000]]", day+2, night+1)
	if got := fmt.Sprint(simtest.Get(unbilled[len(unbilled)-1], "registers")); got != want {
		t.Errorf("the unbilled reading's registers %s; want %s", got, want)
	}
}

// TestOctopusRegistersTimePatternRegimes: a register's timePatternRegime is its settlement
// code: a single-rate meter's 00001, an Economy 7 meter's day and night registers' their own.
func TestOctopusRegistersTimePatternRegimes(t *testing.T) {
	_, c := economy7(t)
	for _, tc := range []struct{ account, want string }{
		{"A-C90DC431", "[map[identifier:1 timePatternRegime:00001]]"},
		{"A-0000E701", "[map[identifier:1 timePatternRegime:00221] map[identifier:2 timePatternRegime:00206]]"},
		{"A-0000E702", "[map[identifier:1 timePatternRegime:00221] map[identifier:2 timePatternRegime:00206]]"},
	} {
		data := mustQuery(t, c)(`query($n: String!) { account(accountNumber: $n) { properties { electricityMeterPoints { meters { registers { identifier timePatternRegime } } } } } }`, map[string]any{"n": tc.account})
		if got := fmt.Sprint(simtest.Get(data, "account", "properties", 0, "electricityMeterPoints", 0, "meters", 0, "registers")); got != tc.want {
			t.Errorf("%s: registers %s; want %s", tc.account, got, tc.want)
		}
	}
}
