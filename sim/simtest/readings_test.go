package simtest_test

import (
	"fmt"
	"testing"

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
	gas := q(`mutation { createGasMeterReading(mprn: "3406086401", reading: 9340) { readingErrors { field } id } }`, nil)
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
	if got, want := newest("gasMeterPoints"), "map[id:3020001002 readAt:2026-12-02T00:00:00+00:00 registers:[map[identifier:1 value:9340.00000]] source:CUSTOMER]"; got != want {
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
	gas := q(`mutation { createGasSelfMeterReads(input: {accountNumber: "A-C90DC431", readings: [{meterId: "3020001", value: "9400", readAt: "2026-12-02T08:00:00+11:00"}]}) {
		readings { id value meter { serialNumber } } error { __typename } } }`, nil)
	if got, want := fmt.Sprint(simtest.Get(gas, "createGasSelfMeterReads")), "map[error:<nil> readings:[map[id:3020001002 meter:map[serialNumber:E6S13452871961] value:9400.00000]]]"; got != want {
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
