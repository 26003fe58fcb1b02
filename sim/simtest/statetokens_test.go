package simtest_test

import (
	"testing"
	"time"
)

// TestStateDataNeedsAValidToken asks for a household's devices, dispatches and meter
// readings, which the world answers from state, without a token and with one past its
// hour: refused as Kraken refuses them (the header's code, the expired token's), never
// the household's data.
func TestStateDataNeedsAValidToken(t *testing.T) {
	ops := map[string]string{
		"devices":                    `{ devices(accountNumber: "A-7B3E9D12") { id } }`,
		"plannedDispatches":          `{ plannedDispatches(accountNumber: "A-7B3E9D12") { start } }`,
		"completedDispatches":        `{ completedDispatches(accountNumber: "A-7B3E9D12") { start } }`,
		"vehicleChargingPreferences": `{ vehicleChargingPreferences(accountNumber: "A-7B3E9D12") { weekdayTargetSoc } }`,
		"registeredKrakenflexDevice": `{ registeredKrakenflexDevice(accountNumber: "A-7B3E9D12") { krakenflexDeviceId } }`,
		"smartMeterTelemetry":        `{ smartMeterTelemetry(deviceId: "94-D3-0F-FD-F7-42-23-70") { readAt } }`,
	}
	_, c := octopus(t)
	for _, tc := range []struct {
		name, want string
		token      func()
	}{
		{"no token", "KT-CT-1112", func() { c.Token = "" }},
		{"an expired token", "KT-CT-1124", func() {
			c.SignIn("demo@krakensim.dev", "krakensim")
			c.AdvanceClock(61 * time.Minute)
		}},
	} {
		tc.token()
		for field, op := range ops {
			out := c.Query(op, nil)
			if len(out.Errors) == 0 || out.Errors[0].Code() != tc.want || out.Data[field] != nil {
				t.Errorf("%s, %s: %+v, data %v; want %s", tc.name, field, out.Errors, out.Data[field], tc.want)
			}
		}
	}
}

// TestStatementsPageUnderTheNodeCap pages a year and more of statements with their
// transactions, as a statements dashboard pages them from Kraken (24 of 100 each):
// 2,424 nodes, under the cap of 10,000, where counting every object refused it.
func TestStatementsPageUnderTheNodeCap(t *testing.T) {
	_, c := octopus(t)
	out := c.Query(`{ account(accountNumber: "A-C90DC431") { bills(first: 24, includeHistoricStatements: true) { edges { node {
		id ... on StatementType { transactions(first: 100) { edges { node { id amounts { net tax gross } } } } } } } } } }`, nil)
	if len(out.Errors) > 0 || out.Data["account"] == nil {
		t.Errorf("%+v", out.Errors)
	}
}
