package world

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"testing"
	"time"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/krakensim/krakensim/sim/fake"
	"github.com/krakensim/krakensim/sim/graphql"
)

// answer runs query over rolesSDL with the Generator in a fresh store at testNow.
func answer(t *testing.T, env *Env, query string) (map[string]any, []string) {
	t.Helper()
	s, err := gqlparser.LoadSchema(&ast.Source{Name: "roles.graphql", Input: rolesSDL})
	if err != nil {
		t.Fatal(err)
	}
	faker := fake.New(7)
	exec := graphql.New(s, graphql.Options{Faker: faker, Generator: New(s, faker, Options{})})
	b, err := exec.Execute(WithEnv(context.Background(), env), &graphql.Request{Query: query}).MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	var out struct {
		Data   map[string]any
		Errors []struct{ Message string }
	}
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	var msgs []string
	for _, e := range out.Errors {
		msgs = append(msgs, e.Message)
	}
	return out.Data, msgs
}

func TestGeneratorBehaviours(t *testing.T) {
	tests := []struct {
		name  string
		query string
		check func(t *testing.T, data map[string]any, errs []string)
	}{
		{"a key never handed out is not found", `{ gasAgreement(id: "404") { id } }`, func(t *testing.T, data map[string]any, errs []string) {
			if data["gasAgreement"] != nil || len(errs) != 0 {
				t.Errorf("answered %v %v, want null", data, errs)
			}
		}},
		{"saving sessions are at the evening peak, past ones before now and coming ones after", `{ a: savingSessionEvents(accountNumber: "A-1") { status startAt endAt }
			b: savingSessionEvents(accountNumber: "A-2") { status startAt endAt } c: savingSessionEvents(accountNumber: "A-3") { status startAt endAt } }`,
			func(t *testing.T, data map[string]any, errs []string) {
				n := 0
				for _, list := range data {
					for _, e := range list.([]any) {
						ev := e.(map[string]any)
						start, err1 := time.Parse(time.RFC3339, fmt.Sprint(ev["startAt"]))
						end, err2 := time.Parse(time.RFC3339, fmt.Sprint(ev["endAt"]))
						if err1 != nil || err2 != nil {
							continue // one under way has no end yet
						}
						n++
						if d := end.Sub(start); start.Hour() < 16 || start.Hour() > 18 || d < 30*time.Minute || d > 90*time.Minute {
							t.Errorf("a %v session from %v to %v, not at the evening peak", ev["status"], ev["startAt"], ev["endAt"])
						}
					}
				}
				if n == 0 {
					t.Error("no sessions")
				}
			}},
		{"telemetry: one reading per step inside the window", `{ telemetry(deviceId: "d", start: "2026-12-02T10:00:00Z", end: "2026-12-02T11:00:00Z", grouping: ONE_MINUTE) { readAt } }`,
			func(t *testing.T, data map[string]any, errs []string) {
				list := data["telemetry"].([]any)
				if len(list) != 60 {
					t.Fatalf("%d readings", len(list))
				}
				first := list[0].(map[string]any)["readAt"]
				last := list[59].(map[string]any)["readAt"]
				if first != "2026-12-02T10:00:00+00:00" || last != "2026-12-02T10:59:00+00:00" {
					t.Errorf("readings from %v to %v", first, last)
				}
			}},
		{"telemetry without a window: the latest reading", `{ telemetry(deviceId: "d") { readAt } }`, func(t *testing.T, data map[string]any, errs []string) {
			list := data["telemetry"].([]any)
			if len(list) != 1 {
				t.Fatalf("%d readings, want the latest alone: %v", len(list), list)
			}
			at, err := time.Parse(time.RFC3339, list[0].(map[string]any)["readAt"].(string))
			if err != nil || at.After(testNow) || testNow.Sub(at) > 10*time.Second {
				t.Errorf("the latest reading at %v, now %v", list[0], testNow)
			}
		}},
		{"planned dispatches lie ahead, ordered", `{ plannedDispatches(accountNumber: "A-1") { start end } }`, func(t *testing.T, data map[string]any, errs []string) {
			var prev time.Time
			for _, d := range data["plannedDispatches"].([]any) {
				start, _ := time.Parse(time.RFC3339, d.(map[string]any)["start"].(string))
				end, _ := time.Parse(time.RFC3339, d.(map[string]any)["end"].(string))
				if !start.After(testNow) || !end.After(start) || start.Before(prev) {
					t.Errorf("a dispatch %v–%v after one ending %v (now %v)", start, end, prev, testNow)
				}
				prev = end
			}
		}},
		{"validAt keeps what is under way then", `{ all: agreements(accountNumber: "A-1") { id validFrom validTo } now: agreements(accountNumber: "A-1", validAt: "2026-12-02T12:00:00Z") { id validFrom validTo } }`,
			func(t *testing.T, data map[string]any, errs []string) {
				for _, a := range data["now"].([]any) {
					m := a.(map[string]any)
					from, _ := time.Parse(time.RFC3339, m["validFrom"].(string))
					if from.After(testNow) || m["validTo"] != nil && m["validTo"].(string) < "2026-12-02" {
						t.Errorf("not valid now: %v", m)
					}
				}
				if len(data["now"].([]any)) > len(data["all"].([]any)) {
					t.Errorf("the filter added items: %v", data)
				}
			}},
		{"bill type agrees with the filter", `{ bills(billType: INVOICE, first: 20) { edges { node { __typename billType } } } }`, func(t *testing.T, data map[string]any, errs []string) {
			for _, e := range data["bills"].(map[string]any)["edges"].([]any) {
				n := e.(map[string]any)["node"].(map[string]any)
				if n["__typename"] != "InvoiceType" || n["billType"] != "INVOICE" {
					t.Errorf("an INVOICE filter answered %v", n)
				}
			}
		}},
		{"pairs are ordered", `{ devices(accountNumber: "A-2") { ... on SmartFlexBattery { minimumSoc maximumSoc } ... on SmartFlexHeatPump { minWaterTemperature maxWaterTemperature } } }`,
			func(t *testing.T, data map[string]any, errs []string) {
				for _, d := range data["devices"].([]any) {
					m := d.(map[string]any)
					for lo, hi := range map[string]string{"minimumSoc": "maximumSoc", "minWaterTemperature": "maxWaterTemperature"} {
						if a, ok := m[lo].(float64); ok && a > m[hi].(float64) {
							t.Errorf("%s %v > %s %v", lo, m[lo], hi, m[hi])
						}
					}
				}
			}},
		{"a make and its model belong together", `{ a: registeredKrakenflexDevice(accountNumber: "A-1") { vehicleMake vehicleModel chargePointMake chargePointModel }
			b: registeredKrakenflexDevice(accountNumber: "A-2") { vehicleMake vehicleModel chargePointMake chargePointModel }
			c: registeredKrakenflexDevice(accountNumber: "A-3") { vehicleMake vehicleModel chargePointMake chargePointModel }
			m: meterDevices(accountNumber: "A-1") { manufacturer model } n: meterDevices(accountNumber: "A-2") { model manufacturer } }`,
			func(t *testing.T, data map[string]any, errs []string) {
				known := map[string]string{"Model 3": "Tesla", "Model Y": "Tesla", "Leaf": "Nissan", "Niro EV": "Kia", "Ioniq 5": "Hyundai",
					"ID.3": "Volkswagen", "ID.4": "Volkswagen", "i4": "BMW", "Zoe": "Renault", "MG4": "MG", "Polestar 2": "Polestar",
					"Q4 e-tron": "Audi", "I-Pace": "Jaguar", "Enyaq": "Skoda", "Zappi v2": "myenergi", "Pulsar Plus": "Wallbox",
					"Home Pro": "Ohme", "Home 3.0": "Hypervolt", "Solo 3S": "Pod Point", "One": "Easee", "A2": "Andersen",
					"E470": "Landis+Gyr", "Liberty 100": "Secure Meters", "SGM1411": "Aclara", "ES-10A": "EDMI", "AS302P": "Honeywell Elster", "G470": "Landis+Gyr"}
				if len(errs) > 0 {
					t.Fatal(errs)
				}
				var devices []any
				for _, alias := range []string{"a", "b", "c", "m", "n"} {
					switch v := data[alias].(type) {
					case []any:
						devices = append(devices, v...)
					case map[string]any:
						devices = append(devices, v)
					}
				}
				makes := map[any]bool{}
				for i, dv := range devices {
					d, _ := dv.(map[string]any)
					alias := strconv.Itoa(i)
					for mk, md := range map[string]string{"vehicleMake": "vehicleModel", "chargePointMake": "chargePointModel", "manufacturer": "model"} {
						if _, ok := d[md]; !ok {
							continue
						}
						model, _ := d[md].(string)
						if want, ok := known[model]; !ok || d[mk] != want {
							t.Errorf("%s: %s %v with %s %q", alias, mk, d[mk], md, model)
						}
						makes[d[mk]] = true
					}
				}
				if len(devices) < 4 || len(makes) < 3 {
					t.Errorf("%d devices of the makes %v: %v", len(devices), makes, data)
				}
			}},
		{"an object's content and what it is named after are there; a relation between entities may be absent", "{ c0: heatPumpControllerConfiguration(euid: \"E-0\") { heatPump { serialNumber } exportMeter { serialNumber exportMeter { serialNumber } } } c1: heatPumpControllerConfiguration(euid: \"E-1\") { heatPump { serialNumber } exportMeter { serialNumber exportMeter { serialNumber } } } c2: heatPumpControllerConfiguration(euid: \"E-2\") { heatPump { serialNumber } exportMeter { serialNumber exportMeter { serialNumber } } } c3: heatPumpControllerConfiguration(euid: \"E-3\") { heatPump { serialNumber } exportMeter { serialNumber exportMeter { serialNumber } } } c4: heatPumpControllerConfiguration(euid: \"E-4\") { heatPump { serialNumber } exportMeter { serialNumber exportMeter { serialNumber } } } c5: heatPumpControllerConfiguration(euid: \"E-5\") { heatPump { serialNumber } exportMeter { serialNumber exportMeter { serialNumber } } } c6: heatPumpControllerConfiguration(euid: \"E-6\") { heatPump { serialNumber } exportMeter { serialNumber exportMeter { serialNumber } } } c7: heatPumpControllerConfiguration(euid: \"E-7\") { heatPump { serialNumber } exportMeter { serialNumber exportMeter { serialNumber } } } c8: heatPumpControllerConfiguration(euid: \"E-8\") { heatPump { serialNumber } exportMeter { serialNumber exportMeter { serialNumber } } } c9: heatPumpControllerConfiguration(euid: \"E-9\") { heatPump { serialNumber } exportMeter { serialNumber exportMeter { serialNumber } } } c10: heatPumpControllerConfiguration(euid: \"E-10\") { heatPump { serialNumber } exportMeter { serialNumber exportMeter { serialNumber } } } c11: heatPumpControllerConfiguration(euid: \"E-11\") { heatPump { serialNumber } exportMeter { serialNumber exportMeter { serialNumber } } } }",
			func(t *testing.T, data map[string]any, errs []string) {
				absent := 0
				for i := range 12 {
					c := data["c"+strconv.Itoa(i)].(map[string]any)
					if c["heatPump"] == nil || c["exportMeter"] == nil {
						t.Errorf("configuration %d lacks a part: %v", i, c)
					}
					if m, _ := c["exportMeter"].(map[string]any); m != nil && m["exportMeter"] == nil {
						absent++
					}
				}
				if absent == 0 || absent == 12 {
					t.Errorf("%d of 12 meters have no export meter", absent)
				}
			}},
		{"a session under way still ends when it was planned to", "{ s0: savingSessionEvents(accountNumber: \"A-0\") { status startAt endAt } s1: savingSessionEvents(accountNumber: \"A-1\") { status startAt endAt } s2: savingSessionEvents(accountNumber: \"A-2\") { status startAt endAt } s3: savingSessionEvents(accountNumber: \"A-3\") { status startAt endAt } s4: savingSessionEvents(accountNumber: \"A-4\") { status startAt endAt } s5: savingSessionEvents(accountNumber: \"A-5\") { status startAt endAt } s6: savingSessionEvents(accountNumber: \"A-6\") { status startAt endAt } s7: savingSessionEvents(accountNumber: \"A-7\") { status startAt endAt } s8: savingSessionEvents(accountNumber: \"A-8\") { status startAt endAt } s9: savingSessionEvents(accountNumber: \"A-9\") { status startAt endAt } }",
			func(t *testing.T, data map[string]any, errs []string) {
				ongoing := 0
				for k := range 10 {
					for _, e := range data["s"+strconv.Itoa(k)].([]any) {
						m := e.(map[string]any)
						end, ok := m["endAt"].(string)
						if !ok {
							t.Errorf("a %v session has no end: %v", m["status"], m)
							continue
						}
						from, _ := time.Parse(time.RFC3339, m["startAt"].(string))
						to, _ := time.Parse(time.RFC3339, end)
						if !to.After(from) {
							t.Errorf("a session from %v to %v", from, to)
						}
						if m["status"] == "ONGOING" {
							ongoing++
							if !from.Before(testNow) || !to.After(testNow) || from.Minute()%30 != 0 || to.Minute()%30 != 0 {
								t.Errorf("an ONGOING session from %v to %v (now %v)", from, to, testNow)
							}
						}
					}
				}
				if ongoing == 0 {
					t.Errorf("no session under way: %v", data)
				}
			}},
		{"first over the maximum is refused", `{ bills(first: 101) { totalCount } }`, func(t *testing.T, data map[string]any, errs []string) {
			if len(errs) != 1 || data["bills"] != nil {
				t.Errorf("answered %v %v", data, errs)
			}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			data, errs := answer(t, &Env{Now: testNow, Store: NewStore(0)}, tc.query)
			tc.check(t, data, errs)
		})
	}
}

// TestWindowsAsClientsSendThem asks for readings the way Kraken's SDL and its clients
// do: startAt or startOn on the same field, and defaults at the ends of the calendar,
// which bound nothing: a window open at its end runs to now, one open at its start back
// MaxSeries half hours from its end.
func TestWindowsAsClientsSendThem(t *testing.T) {
	const sdl = `type Query { measurements(accountNumber: String!, first: Int,
  startAt: DateTime = "0001-01-03T00:00:00-00:01:15", endAt: DateTime = "9999-12-29T23:59:59.999999+00:00",
  startOn: Date, endOn: Date): [Measurement] }
type Measurement { readAt: DateTime value: Float }
scalar Date
scalar DateTime`
	s, err := gqlparser.LoadSchema(&ast.Source{Name: "m.graphql", Input: sdl})
	if err != nil {
		t.Fatal(err)
	}
	faker := fake.New(7)
	exec := graphql.New(s, graphql.Options{Faker: faker, Generator: New(s, faker, Options{})})
	halfHours := func(n int) time.Duration { return time.Duration(n) * 30 * time.Minute }
	tests := []struct {
		name     string
		args     string
		from, to time.Time
	}{
		{"startAt alone: from it to now", `startAt: "2026-12-01T00:00:00Z"`, time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC), testNow},
		{"startOn alone, days before now", `startOn: "2026-11-20"`, time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC), testNow},
		{"startOn and endOn: endOn is the last day in (Kraken: \"Latest date … (inclusive)\")", `startOn: "2026-11-20", endOn: "2026-11-21"`, time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC), time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)},
		{"one day: startOn and endOn the same", `startOn: "2026-11-20", endOn: "2026-11-20"`, time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC), time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)},
		{"nothing is read after now", `startAt: "2026-12-02T06:00:00Z"`, time.Date(2026, 12, 2, 6, 0, 0, 0, time.UTC), testNow},
		{"endOn alone: its latest half hours", `endOn: "2026-11-20"`, time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC).Add(-halfHours(MaxSeries)), time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)},
		{"no window: the latest half hours to now", ``, testNow.Add(-halfHours(MaxSeries)), testNow},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, _ := exec.Execute(WithEnv(context.Background(), &Env{Now: testNow, Store: NewStore(0)}),
				&graphql.Request{Query: `{ measurements(accountNumber: "A-1", ` + tt.args + `) { readAt } }`}).MarshalJSON()
			var out struct {
				Data struct{ Measurements []struct{ ReadAt string } }
			}
			if err := json.Unmarshal(b, &out); err != nil {
				t.Fatal(err)
			}
			if want := int(tt.to.Sub(tt.from) / halfHours(1)); len(out.Data.Measurements) != want {
				t.Fatalf("%d readings, want the %d half hours from %v to %v", len(out.Data.Measurements), want, tt.from, tt.to)
			}
			for _, m := range out.Data.Measurements {
				at, err := time.Parse(time.RFC3339, m.ReadAt)
				if err != nil || at.Before(tt.from) || !at.Before(tt.to) {
					t.Errorf("a reading at %s, outside %v–%v", m.ReadAt, tt.from, tt.to)
				}
			}
		})
	}
}
