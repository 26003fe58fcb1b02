package simtest_test

import (
	"testing"

	"github.com/krakensim/krakensim/sim/simtest"
)

// BenchmarkCarHousehold asks the demo car household's questions on the current Octopus
// API as a smart-charging integration polls them: the car's charge, a day of its meter's
// half hours and the plan.
func BenchmarkCarHousehold(b *testing.B) {
	_, c := current(b)
	for _, bc := range []struct {
		name, q string
		path    []any
	}{
		{"stateOfCharge", `{ devices(accountNumber: "A-7B3E9D12") { status { ... on SmartFlexVehicleStatus { stateOfCharge { value timestamp } } } } }`,
			[]any{"devices", 0, "status", "stateOfCharge", "value"}},
		{"telemetry day", `{ smartMeterTelemetry(deviceId: "94-D3-0F-FD-F7-42-23-70", grouping: HALF_HOURLY, start: "2026-12-01T00:00:00Z", end: "2026-12-02T00:00:00Z") { readAt consumptionDelta } }`,
			[]any{"smartMeterTelemetry", 47, "consumptionDelta"}},
		{"plannedDispatches", `{ plannedDispatches(accountNumber: "A-7B3E9D12") { start end delta } }`,
			[]any{"plannedDispatches"}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				out := c.Query(bc.q, nil)
				if len(out.Errors) > 0 || simtest.Get(out.Data, bc.path...) == nil {
					b.Fatalf("%+v", out.Errors)
				}
			}
		})
	}
}
