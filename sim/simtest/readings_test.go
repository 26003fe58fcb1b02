package simtest_test

import (
	"fmt"
	"math"
	"strconv"
	"testing"
	"time"

	"github.com/krakensim/krakensim/sim/simtest"
)

// TestOctopusLegacyMeterReadings submits readings through Octopus's earlier mutations,
// by MPAN or MPRN and serial number: a good one is the meter's newest reading from then
// on and reports no errors; a bad one (one lower than the reading before it, the smart
// meter's on a billing date too, or showing far more use since than the meter could
// have had, which Kraken would hold) reports what is wrong field by field and adds
// nothing.
func TestOctopusLegacyMeterReadings(t *testing.T) {
	_, c := octopus(t)
	q := mustQuery(t, c)
	elec := q(`mutation { createElectricityMeterReading(mpan: "1013004420117", serialNumber: "19L3471092", readAt: "2026-12-02",
		readings: [{registerId: "30100011", reading: 19240}]) { readingErrors { field } id } }`, nil)
	if got, want := fmt.Sprint(simtest.Get(elec, "createElectricityMeterReading")), "map[id:3010001003 readingErrors:[]]"; got != want {
		t.Errorf("the electricity reading: got %s, want %s", got, want)
	}
	gas := q(`mutation { createGasMeterReading(mprn: "3406086401", reading: 9335) { readingErrors { field } id } }`, nil)
	if got, want := fmt.Sprint(simtest.Get(gas, "createGasMeterReading")), "map[id:3020001002 readingErrors:[]]"; got != want {
		t.Errorf("the gas reading: got %s, want %s", got, want)
	}
	newest := func(fuel string) string {
		data := q(`{ account(accountNumber: "A-C90DC431") { properties { `+fuel+` { meters { readings(first: 1) {
			edges { node { id readAt source registers { identifier value } } } } } } } } }`, nil)
		return fmt.Sprint(simtest.Get(data, "account", "properties", 0, fuel, 0, "meters", 0, "readings", "edges", 0, "node"))
	}
	if got, want := newest("electricityMeterPoints"), "map[id:3010001003 readAt:2026-12-02T00:00:00+00:00 registers:[map[identifier:1 value:19240.00000]] source:CUSTOMER]"; got != want {
		t.Errorf("the meter's newest electricity reading: got %s, want %s", got, want)
	}
	if got, want := newest("gasMeterPoints"), "map[id:3020001002 readAt:2026-12-02T00:00:00+00:00 registers:[map[identifier:1 value:9335.00000]] source:CUSTOMER]"; got != want {
		t.Errorf("the meter's newest gas reading, read today: got %s, want %s", got, want)
	}
	for _, tt := range []struct {
		name, args, want string
	}{
		{"no MPAN", `readings: [{reading: 15100}]`, "[map[code:required field:mpan]]"},
		{"an MPAN none of the accounts has", `mpan: "1000007345181", readings: [{reading: 15100}]`, "[map[code:does_not_exist field:mpan]]"},
		{"another meter's serial number", `mpan: "1013004420117", serialNumber: "21L4381927", readings: [{reading: 15100}]`, "[map[code:does_not_exist field:serialNumber]]"},
		{"a register the meter lacks", `mpan: "1013004420117", readings: [{registerId: "2", reading: 15100}]`, "[map[code:does_not_exist field:readings]]"},
		{"no readings", `mpan: "1013004420117", readings: []`, "[map[code:required field:readings]]"},
		{"a negative reading", `mpan: "1013004420117", readings: [{reading: -1}]`, "[map[code:invalid field:readings]]"},
		{"a date to come", `mpan: "1013004420117", readAt: "2026-12-03", readings: [{reading: 15100}]`, "[map[code:invalid field:readAt]]"},
		{"lower than the last", `mpan: "1013004420117", readings: [{reading: 19239}]`, "[map[code:invalid field:reading]]"},
		{"lower than the smart meter read before it", `mpan: "1013004420117", readAt: "2026-11-15", readings: [{reading: 18900}]`, "[map[code:invalid field:reading]]"},
		{"more than the meter could have used since", `mpan: "1013004420117", readings: [{reading: 25000}]`, "[map[code:invalid field:reading]]"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			data := q(`mutation { createElectricityMeterReading(`+tt.args+`) { readingErrors { field errors { ... on SerializerErrorType { code } } } id } }`, nil)
			var got []map[string]any
			for _, e := range simtest.Get(data, "createElectricityMeterReading", "readingErrors").([]any) {
				m := e.(map[string]any)
				got = append(got, map[string]any{"field": m["field"], "code": simtest.Get(m, "errors", 0, "code")})
			}
			if fmt.Sprint(got) != tt.want || simtest.Get(data, "createElectricityMeterReading", "id") != nil {
				t.Errorf("got %v and id %v, want %s and none", got, simtest.Get(data, "createElectricityMeterReading", "id"), tt.want)
			}
		})
	}
	if got, want := newest("electricityMeterPoints"), "map[id:3010001003 readAt:2026-12-02T00:00:00+00:00 registers:[map[identifier:1 value:19240.00000]] source:CUSTOMER]"; got != want {
		t.Errorf("after the refused readings, the newest: got %s, want %s", got, want)
	}
	late := q(`mutation { createElectricityMeterReading(mpan: "1013004420117", readAt: "2025-01-15", readings: [{reading: 14300}]) { readingErrors { field } id } }`, nil)
	if got, want := fmt.Sprint(simtest.Get(late, "createElectricityMeterReading")), "map[id:3010001004 readingErrors:[]]"; got != want {
		t.Errorf("a reading sent late: got %s, want %s", got, want)
	}
	all := q(`{ account(accountNumber: "A-C90DC431") { properties { electricityMeterPoints { meters { readings(first: 100) { edges { node { id readAt } } } } } } } }`, nil)
	var got []string
	for _, e := range simtest.Get(all, "account", "properties", 0, "electricityMeterPoints", 0, "meters", 0, "readings", "edges").([]any) {
		n := e.(map[string]any)["node"].(map[string]any)
		if len(n["id"].(string)) == len("3010001001") { // state's, not the smart meter's reads on billing dates
			got = append(got, fmt.Sprint(n["id"], " ", n["readAt"].(string)[:10]))
		}
	}
	if want := "[3010001003 2026-12-02 3010001002 2025-02-01 3010001004 2025-01-15 3010001001 2025-01-01]"; fmt.Sprint(got) != want {
		t.Errorf("the meter's readings keep their ids when one is put among them: got %v, want %s", got, want)
	}
}

// TestOriginSelfMeterReads submits a customer's own readings on Origin's SDL: by the
// register's id for electricity, by the meter's id for gas. A good one is the meter's
// newest reading from then on and reports no error; a bad one reports the error type the
// payload's union names and adds nothing.
func TestOriginSelfMeterReads(t *testing.T) {
	_, c := tenant(t, "origin-schema.graphql")
	q := mustQuery(t, c)
	elec := q(`mutation { createElectricitySelfMeterReads(readings: [{registerId: 30100011, value: "21810", readAt: "2026-12-02T08:00:00+11:00"}]) {
		readings { id value source } error { __typename } } }`, nil)
	if got, want := fmt.Sprint(simtest.Get(elec, "createElectricitySelfMeterReads")), "map[error:<nil> readings:[map[id:3010001003 source:SELF_READING_CREATE value:21810.00000]]]"; got != want {
		t.Errorf("the electricity reading: got %s, want %s", got, want)
	}
	gas := q(`mutation { createGasSelfMeterReads(input: {accountNumber: "A-C90DC431", readings: [{meterId: "3020001", value: "9395", readAt: "2026-12-02T08:00:00+11:00"}]}) {
		readings { id value meter { serialNumber } } error { __typename } } }`, nil)
	if got, want := fmt.Sprint(simtest.Get(gas, "createGasSelfMeterReads")), "map[error:<nil> readings:[map[id:3020001002 meter:map[serialNumber:E6S13452871961] value:9395.00000]]]"; got != want {
		t.Errorf("the gas reading: got %s, want %s", got, want)
	}
	newest := q(`{ electricityMeterReadings(accountNumber: "A-C90DC431", meterId: "3010001", first: 1) {
		edges { node { ... on ElectricityAccumulationMeterReadingType { id value readAt } } } } }`, nil)
	if got, want := fmt.Sprint(simtest.Get(newest, "electricityMeterReadings", "edges", 0, "node")), "map[id:3010001003 readAt:2026-12-02T08:00:00+11:00 value:21810.00000]"; got != want {
		t.Errorf("the meter's newest reading: got %s, want %s", got, want)
	}
	for _, tt := range []struct{ name, readings, want string }{
		{"none", `[]`, "MissingReadingsValidationErrorType"},
		{"a register of none of the accounts", `[{registerId: 7, value: "15100", readAt: "2026-12-01T08:00:00+11:00"}]`, "MissingAccountForRegisterValidationErrorType"},
		{"no offset", `[{registerId: 30100011, value: "15100", readAt: "2026-12-01T08:00:00"}]`, "InvalidTimezoneReadAtDateValidationErrorType"},
		{"to come", `[{registerId: 30100011, value: "15100", readAt: "2026-12-09T08:00:00+11:00"}]`, "UnableToValidateReadingType"},
		{"lower than the last", `[{registerId: 30100011, value: "21809", readAt: "2026-12-02T08:00:00+11:00"}]`, "UnableToValidateReadingType"},
		{"more than the meter could have used since", `[{registerId: 30100011, value: "30000", readAt: "2026-12-02T09:00:00+11:00"}]`, "UnableToValidateReadingType"},
		{"not a number", `[{registerId: 30100011, value: "lots", readAt: "2026-12-01T08:00:00+11:00"}]`, "UnableToValidateReadingType"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			data := q(`mutation { createElectricitySelfMeterReads(readings: `+tt.readings+`) { readings { id } error { __typename } } }`, nil)
			if got := fmt.Sprint(simtest.Get(data, "createElectricitySelfMeterReads")); got != "map[error:map[__typename:"+tt.want+"] readings:<nil>]" {
				t.Errorf("got %s, want the error %s and no readings", got, tt.want)
			}
		})
	}
	refused := q(`mutation { createGasSelfMeterReads(input: {accountNumber: "A-C90DC431", readings: [{meterId: "3010001", value: "9000", readAt: "2026-12-01T09:00:00+11:00"}]}) {
		readings { id } error { __typename } } }`, nil)
	if got, want := fmt.Sprint(simtest.Get(refused, "createGasSelfMeterReads")), "map[error:map[__typename:ReadingCreationErrorType] readings:<nil>]"; got != want {
		t.Errorf("an electricity meter's id for gas: got %s, want %s", got, want)
	}
	if got := fmt.Sprint(simtest.Get(q(`{ electricityMeterReadings(accountNumber: "A-C90DC431", meterId: "3010001", first: 1) {
		edges { node { ... on ElectricityAccumulationMeterReadingType { id value readAt } } } } }`, nil), "electricityMeterReadings", "edges", 0, "node")); got != "map[id:3010001003 readAt:2026-12-02T08:00:00+11:00 value:21810.00000]" {
		t.Errorf("after the refused readings, the newest: %s", got)
	}
}

// TestOctopusTraditionalMeterReadings reads Sam's meters, which the supplier never
// reads: each lists the estimated reading each statement was billed on, on its billing
// date (the 1st, his supply having begun on 1 April 2020), the use between two what the
// statement between them billed (gas in hundreds of cubic feet of 31.8 kWh, within a
// unit). A reading given is checked against them: one far below is refused, one in the
// expected range is taken, and the estimates go on from it; three months on, a reading
// showing no use since is refused, as is one showing far less than a month's use.
func TestOctopusTraditionalMeterReadings(t *testing.T) {
	srv, c := octopus(t)
	sam := srv.ClientIn(t, c.Session)
	sam.SignIn("other@krakensim.dev", "krakensim")
	q := mustQuery(t, sam)
	const state = `{ account(accountNumber: "A-0F4A2B19") {
		bills(first: 2) { edges { node { toDate ... on StatementType { transactions(first: 10) { edges { node { ... on Charge { title consumption { quantity } } } } } } } } }
		properties { electricityMeterPoints { meters { registers { expectedReadingRanges } readings(first: 4) { edges { node { readAt source registers { value } } } } } }
			gasMeterPoints { meters { registers { expectedReadingRanges } readings(first: 4) { edges { node { readAt source registers { value } } } } } } } } }`
	type read struct {
		day, source string
		value       float64
	}
	type meter struct {
		reads  []read
		lo, hi float64
	}
	look := func() (electricity, gas meter, billed map[string][]float64, billingDays []string) {
		data := q(state, nil)
		billed = map[string][]float64{}
		for _, b := range simtest.Get(data, "account", "bills", "edges").([]any) {
			billingDays = append(billingDays, day(t, simtest.Get(b, "node", "toDate").(string)).AddDate(0, 0, 1).Format(time.DateOnly))
			for _, e := range simtest.Get(b, "node", "transactions", "edges").([]any) {
				if title, ok := simtest.Get(e, "node", "title").(string); ok && simtest.Get(e, "node", "consumption") != nil {
					v, _ := strconv.ParseFloat(simtest.Get(e, "node", "consumption", "quantity").(string), 64)
					billed[title] = append(billed[title], v)
				}
			}
		}
		of := func(fuel string) meter {
			m := simtest.Get(data, "account", "properties", 0, fuel, 0, "meters", 0)
			var out meter
			for _, e := range simtest.Get(m, "readings", "edges").([]any) {
				v, _ := strconv.ParseFloat(simtest.Get(e, "node", "registers", 0, "value").(string), 64)
				out.reads = append(out.reads, read{simtest.Get(e, "node", "readAt").(string)[:10], simtest.Get(e, "node", "source").(string), v})
			}
			out.lo, _ = simtest.Get(m, "registers", 0, "expectedReadingRanges", 0, 0).(float64)
			out.hi, _ = simtest.Get(m, "registers", 0, "expectedReadingRanges", 0, 1).(float64)
			return out
		}
		return of("electricityMeterPoints"), of("gasMeterPoints"), billed, billingDays
	}
	electricity, gas, billed, days := look()
	for _, m := range []struct {
		name  string
		m     meter
		title string
		unit  float64 // the kWh of one unit of the register
	}{
		{"electricity", electricity, "Electricity", 1},
		{"gas", gas, "Gas", 2.83168 * 39.5 * 1.02264 / 3.6},
	} {
		if len(m.m.reads) < 3 || len(billed[m.title]) != 2 || len(days) != 2 {
			t.Fatalf("%s: reads %v, billed %v", m.name, m.m.reads, billed)
		}
		for i := range 2 {
			r, before := m.m.reads[i], m.m.reads[i+1]
			if use := (r.value - before.value) * m.unit; r.day != days[i] || r.source != "ESTIMATE" || before.source != "ESTIMATE" || math.Abs(use-billed[m.title][i]) > m.unit {
				t.Errorf("%s: an estimate on %s (%s), %v kWh since the one before; want one on the billing date %s, %v kWh as billed", m.name, r.day, r.source, use, days[i], billed[m.title][i])
			}
		}
		if m.m.lo < m.m.reads[0].value || m.m.hi <= m.m.lo {
			t.Errorf("%s: the expected range %v to %v; want it from the last estimate, %v, on", m.name, m.m.lo, m.m.hi, m.m.reads[0].value)
		}
	}
	errs := func(data map[string]any, field string) string {
		var got []string
		for _, e := range simtest.Get(data, field, "readingErrors").([]any) {
			got = append(got, fmt.Sprint(simtest.Get(e, "field"), ":", simtest.Get(e, "errors", 0, "code")))
		}
		return fmt.Sprint(got, " ", simtest.Get(data, field, "id"))
	}
	const electricityReading = `mutation($v: Int!, $at: Date) { r: createElectricityMeterReading(mpan: "1200019374620", readAt: $at, readings: [{reading: $v}]) {
		readingErrors { field errors { ... on SerializerErrorType { code } } } id } }`
	if got := errs(q(electricityReading, map[string]any{"v": 5000}), "r"); got != "[reading:invalid] <nil>" {
		t.Errorf("a first reading far below the estimates: %s", got)
	}
	if got := errs(q(`mutation { r: createGasMeterReading(mprn: "7429915102", reading: 10) { readingErrors { field errors { ... on SerializerErrorType { code } } } id } }`, nil), "r"); got != "[reading:invalid] <nil>" {
		t.Errorf("a gas reading far below the estimates: %s", got)
	}
	taken := math.Round((electricity.lo + electricity.hi) / 2)
	if got := errs(q(electricityReading, map[string]any{"v": taken}), "r"); got != "[] 3010003001" {
		t.Errorf("a reading in the expected range: %s", got)
	}
	sam.AdvanceClock(91 * 24 * time.Hour) // 3 March 2027
	sam.SignIn("other@krakensim.dev", "krakensim")
	electricity, _, billed, days = look()
	if r := electricity.reads; len(r) < 4 || r[3] != (read{"2026-12-02", "CUSTOMER", taken}) || r[2].day != "2027-01-01" || r[2].value <= taken || r[0].day != "2027-03-01" || r[0].source != "ESTIMATE" {
		t.Errorf("three months on, the newest reads %v; want estimates on from the one taken, %v", r, taken)
	}
	if electricity.lo <= taken {
		t.Errorf("three months on, the expected range %v to %v; want it above the reading taken, %v", electricity.lo, electricity.hi, taken)
	}
	if got := errs(q(electricityReading, map[string]any{"v": taken}), "r"); got != "[reading:invalid] <nil>" {
		t.Errorf("a reading showing no use in three months: %s", got)
	}
	// The day before February's estimate, a month after January's.
	if got := errs(q(electricityReading, map[string]any{"v": electricity.reads[2].value, "at": "2027-01-31"}), "r"); got != "[reading:invalid] <nil>" {
		t.Errorf("a reading showing no use in a winter month: %s", got)
	}
}

// TestOctopusExpectedRangeIsWhatIsTaken reads Sam's traditional meters' expected reading
// ranges late in the day, and gives each meter, in a session of its own, a reading of
// today: one at either bound of the range is taken, one a unit beyond it refused as held.
func TestOctopusExpectedRangeIsWhatIsTaken(t *testing.T) {
	srv, _ := octopus(t)
	for _, tt := range []struct {
		name, mutation string
		fuel           string
		bound, by      int // the range's bound (0 lower, 1 upper) and the reading's distance from it
		taken          bool
	}{
		{"electricity at the lower bound", `r: createElectricityMeterReading(mpan: "1200019374620", serialNumber: "18P0142276", readAt: "2026-12-02", readings: [{registerId: "1", reading: $v}])`, "electricityMeterPoints", 0, 0, true},
		{"electricity below the lower bound", `r: createElectricityMeterReading(mpan: "1200019374620", serialNumber: "18P0142276", readAt: "2026-12-02", readings: [{registerId: "1", reading: $v}])`, "electricityMeterPoints", 0, -1, false},
		{"electricity at the upper bound", `r: createElectricityMeterReading(mpan: "1200019374620", serialNumber: "18P0142276", readAt: "2026-12-02", readings: [{registerId: "1", reading: $v}])`, "electricityMeterPoints", 1, 0, true},
		{"electricity above the upper bound", `r: createElectricityMeterReading(mpan: "1200019374620", serialNumber: "18P0142276", readAt: "2026-12-02", readings: [{registerId: "1", reading: $v}])`, "electricityMeterPoints", 1, 1, false},
		{"gas at the lower bound", `r: createGasMeterReading(mprn: "7429915102", serialNumber: "G4A00981234", reading: $v)`, "gasMeterPoints", 0, 0, true},
		{"gas below the lower bound", `r: createGasMeterReading(mprn: "7429915102", serialNumber: "G4A00981234", reading: $v)`, "gasMeterPoints", 0, -1, false},
		{"gas at the upper bound", `r: createGasMeterReading(mprn: "7429915102", serialNumber: "G4A00981234", reading: $v)`, "gasMeterPoints", 1, 0, true},
		{"gas above the upper bound", `r: createGasMeterReading(mprn: "7429915102", serialNumber: "G4A00981234", reading: $v)`, "gasMeterPoints", 1, 1, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			sam := srv.Client(t)
			sam.SignIn("other@krakensim.dev", "krakensim")
			sam.AdvanceClock(13 * time.Hour) // 22:00 on 2 December, a day's use past midnight
			sam.SignIn("other@krakensim.dev", "krakensim")
			q := mustQuery(t, sam)
			ranges := q(`{ account(accountNumber: "A-0F4A2B19") { properties { `+tt.fuel+` { meters { registers { expectedReadingRanges } } } } } }`, nil)
			bound, ok := simtest.Get(ranges, "account", "properties", 0, tt.fuel, 0, "meters", 0, "registers", 0, "expectedReadingRanges", 0, tt.bound).(float64)
			if !ok {
				t.Fatalf("no expected range: %v", ranges)
			}
			v := int(bound) + tt.by
			out := q(`mutation($v: Int!) { `+tt.mutation+` { readingErrors { field errors { ... on SerializerErrorType { code message } } } id } }`, map[string]any{"v": v})
			errs, id := simtest.Get(out, "r", "readingErrors").([]any), simtest.Get(out, "r", "id")
			if tt.taken && (len(errs) != 0 || id == nil) {
				t.Errorf("%d, in the expected range: errors %v", v, errs)
			}
			if !tt.taken && (len(errs) != 1 || simtest.Get(errs[0], "errors", 0, "code") != "invalid" || id != nil) {
				t.Errorf("%d, outside the expected range: errors %v, id %v; want it held", v, errs, id)
			}
		})
	}
}

// TestOriginEstimatesAreFlaggedEstimated reads Sam's traditional electricity meter's
// readings on Origin's SDL: the estimates Kraken billed on carry the NEM quality flag of
// estimated data and an estimation method, not actual metering data's.
func TestOriginEstimatesAreFlaggedEstimated(t *testing.T) {
	srv, _ := tenant(t, "origin-schema.graphql")
	sam := srv.Client(t)
	sam.Token, _ = simtest.Get(sam.Query(`mutation { obtainKrakenToken(input: {APIKey: "sk_live_krakensimother3235449"}) { token } }`, nil).Data, "obtainKrakenToken", "token").(string)
	data := mustQuery(t, sam)(`{ account(accountNumber: "A-0F4A2B19") { properties { meterPoints { ... on MeterPointType { meters { ... on ElectricityMeterType {
		readings(first: 3) { edges { node { ... on ElectricityAccumulationMeterReadingType { source qualityFlag qualityMethod } } } } } } } } } } }`, nil)
	edges, _ := simtest.Get(data, "account", "properties", 0, "meterPoints", 0, "meters", 0, "readings", "edges").([]any)
	if len(edges) == 0 {
		t.Fatalf("no readings: %v", data)
	}
	for _, e := range edges {
		if got := fmt.Sprint(simtest.Get(e, "node")); got != "map[qualityFlag:E qualityMethod:E63 source:KRAKEN_ESTIMATE]" {
			t.Errorf("an estimate reads %s; want flagged estimated (E, E63)", got)
		}
	}
}
