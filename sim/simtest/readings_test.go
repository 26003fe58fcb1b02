package simtest_test

import (
	"fmt"
	"testing"

	"github.com/krakensim/krakensim/sim/simtest"
)

// TestOctopusLegacyMeterReadings submits readings through Octopus's earlier mutations,
// by MPAN or MPRN and serial number: a good one is the meter's newest reading from then
// on and reports no errors; a bad one reports what is wrong field by field and adds
// nothing.
func TestOctopusLegacyMeterReadings(t *testing.T) {
	_, c := octopus(t)
	q := mustQuery(t, c)
	elec := q(`mutation { createElectricityMeterReading(mpan: "1013004420117", serialNumber: "19L3471092", readAt: "2026-11-30",
		readings: [{registerId: "30100011", reading: 15020}]) { readingErrors { field } id } }`, nil)
	if got, want := fmt.Sprint(simtest.Get(elec, "createElectricityMeterReading")), "map[id:3010001003 readingErrors:[]]"; got != want {
		t.Errorf("the electricity reading: got %s, want %s", got, want)
	}
	gas := q(`mutation { createGasMeterReading(mprn: "3406086401", reading: 8500) { readingErrors { field } id } }`, nil)
	if got, want := fmt.Sprint(simtest.Get(gas, "createGasMeterReading")), "map[id:3020001002 readingErrors:[]]"; got != want {
		t.Errorf("the gas reading: got %s, want %s", got, want)
	}
	newest := func(fuel string) string {
		data := q(`{ account(accountNumber: "A-C90DC431") { properties { `+fuel+` { meters { readings(first: 1) {
			edges { node { id readAt source registers { identifier value } } } } } } } } }`, nil)
		return fmt.Sprint(simtest.Get(data, "account", "properties", 0, fuel, 0, "meters", 0, "readings", "edges", 0, "node"))
	}
	if got, want := newest("electricityMeterPoints"), "map[id:3010001003 readAt:2026-11-30T00:00:00+00:00 registers:[map[identifier:1 value:15020.0]] source:CUSTOMER]"; got != want {
		t.Errorf("the meter's newest electricity reading: got %s, want %s", got, want)
	}
	if got, want := newest("gasMeterPoints"), "map[id:3020001002 readAt:2026-12-02T00:00:00+00:00 registers:[map[identifier:1 value:8500.0]] source:CUSTOMER]"; got != want {
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
		{"lower than the last", `mpan: "1013004420117", readings: [{reading: 15019}]`, "[map[code:invalid field:reading]]"},
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
	if got, want := newest("electricityMeterPoints"), "map[id:3010001003 readAt:2026-11-30T00:00:00+00:00 registers:[map[identifier:1 value:15020.0]] source:CUSTOMER]"; got != want {
		t.Errorf("after the refused readings, the newest: got %s, want %s", got, want)
	}
}
