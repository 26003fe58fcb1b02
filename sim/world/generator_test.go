package world

import (
	"context"
	"encoding/json"
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
		{"what an object is named after is there; other entities may be absent", "{ c0: heatPumpControllerConfiguration(euid: \"E-0\") { heatPump { serialNumber } exportMeter { serialNumber } } c1: heatPumpControllerConfiguration(euid: \"E-1\") { heatPump { serialNumber } exportMeter { serialNumber } } c2: heatPumpControllerConfiguration(euid: \"E-2\") { heatPump { serialNumber } exportMeter { serialNumber } } c3: heatPumpControllerConfiguration(euid: \"E-3\") { heatPump { serialNumber } exportMeter { serialNumber } } c4: heatPumpControllerConfiguration(euid: \"E-4\") { heatPump { serialNumber } exportMeter { serialNumber } } c5: heatPumpControllerConfiguration(euid: \"E-5\") { heatPump { serialNumber } exportMeter { serialNumber } } c6: heatPumpControllerConfiguration(euid: \"E-6\") { heatPump { serialNumber } exportMeter { serialNumber } } c7: heatPumpControllerConfiguration(euid: \"E-7\") { heatPump { serialNumber } exportMeter { serialNumber } } c8: heatPumpControllerConfiguration(euid: \"E-8\") { heatPump { serialNumber } exportMeter { serialNumber } } c9: heatPumpControllerConfiguration(euid: \"E-9\") { heatPump { serialNumber } exportMeter { serialNumber } } c10: heatPumpControllerConfiguration(euid: \"E-10\") { heatPump { serialNumber } exportMeter { serialNumber } } c11: heatPumpControllerConfiguration(euid: \"E-11\") { heatPump { serialNumber } exportMeter { serialNumber } } }",
			func(t *testing.T, data map[string]any, errs []string) {
				absent := 0
				for i := range 12 {
					c := data["c"+strconv.Itoa(i)].(map[string]any)
					if c["heatPump"] == nil {
						t.Errorf("configuration %d has no heat pump", i)
					}
					if c["exportMeter"] == nil {
						absent++
					}
				}
				if absent == 0 || absent == 12 {
					t.Errorf("%d of 12 configurations have no export meter", absent)
				}
			}},
		{"a forecast's periods follow one another", `{ greennessForecast { validFrom validTo } a: gridRegions { greennessForecast { validFrom validTo } }
			b: gridRegions { greennessForecast { validFrom validTo } } }`,
			func(t *testing.T, data map[string]any, errs []string) {
				forecasts := []any{data["greennessForecast"]}
				for _, alias := range []string{"a", "b"} {
					for _, r := range data[alias].([]any) {
						forecasts = append(forecasts, r.(map[string]any)["greennessForecast"])
					}
				}
				periods := 0
				for _, fc := range forecasts {
					var prevEnd string
					for _, p := range fc.([]any) {
						m := p.(map[string]any)
						from, _ := time.Parse(time.RFC3339, m["validFrom"].(string))
						to, _ := time.Parse(time.RFC3339, m["validTo"].(string))
						if !from.After(testNow) || !to.After(from) {
							t.Errorf("a forecast period %v–%v (now %v)", from, to, testNow)
						}
						if prevEnd != "" {
							if prev, _ := time.Parse(time.RFC3339, prevEnd); !prev.Equal(from) {
								t.Errorf("a period from %v follows one to %v", from, prev)
							}
						}
						prevEnd = m["validTo"].(string)
						periods++
					}
				}
				if periods < len(forecasts)+2 {
					t.Errorf("%d periods in %d forecasts", periods, len(forecasts))
				}
			}},
		{"a catalog names each make once, with its own models", `{ electricVehicles { make models { model } } }`,
			func(t *testing.T, data map[string]any, errs []string) {
				f := fake.New(7)
				seen, several := map[string]bool{}, false
				for _, e := range data["electricVehicles"].([]any) {
					m := e.(map[string]any)
					mk := m["make"].(string)
					if seen[mk] {
						t.Errorf("%s listed twice", mk)
					}
					seen[mk] = true
					models := m["models"].([]any)
					if len(models) == 0 {
						t.Errorf("%s has no models", mk)
					}
					several = several || len(models) > 1
					for _, md := range models {
						name := md.(map[string]any)["model"].(string)
						if got, ok := f.MakeOf("ElectricVehicleModelType", "", name); !ok || got != mk {
							t.Errorf("%s lists the model %q, of %q", mk, name, got)
						}
					}
				}
				if len(seen) < 10 || !several {
					t.Errorf("a catalog of %d makes (one with several models: %v): %v", len(seen), several, data)
				}
			}},
		{"a device is named after its make and model, and its provider is its make when one names it", "{ d0: devices(accountNumber: \"A-0\") { ... on SmartFlexBattery { name make model provider } } d1: devices(accountNumber: \"A-1\") { ... on SmartFlexBattery { name make model provider } } d2: devices(accountNumber: \"A-2\") { ... on SmartFlexBattery { name make model provider } } d3: devices(accountNumber: \"A-3\") { ... on SmartFlexBattery { name make model provider } } d4: devices(accountNumber: \"A-4\") { ... on SmartFlexBattery { name make model provider } } d5: devices(accountNumber: \"A-5\") { ... on SmartFlexBattery { name make model provider } } d6: devices(accountNumber: \"A-6\") { ... on SmartFlexBattery { name make model provider } } d7: devices(accountNumber: \"A-7\") { ... on SmartFlexBattery { name make model provider } } d8: devices(accountNumber: \"A-8\") { ... on SmartFlexBattery { name make model provider } } d9: devices(accountNumber: \"A-9\") { ... on SmartFlexBattery { name make model provider } } d10: devices(accountNumber: \"A-10\") { ... on SmartFlexBattery { name make model provider } } d11: devices(accountNumber: \"A-11\") { ... on SmartFlexBattery { name make model provider } } d12: devices(accountNumber: \"A-12\") { ... on SmartFlexBattery { name make model provider } } d13: devices(accountNumber: \"A-13\") { ... on SmartFlexBattery { name make model provider } } d14: devices(accountNumber: \"A-14\") { ... on SmartFlexBattery { name make model provider } } d15: devices(accountNumber: \"A-15\") { ... on SmartFlexBattery { name make model provider } } }",
			func(t *testing.T, data map[string]any, errs []string) {
				if len(errs) > 0 {
					t.Fatal(errs)
				}
				named := map[string]string{"Tesla": "TESLA", "GivEnergy": "GIVENERGY", "Huawei": "HUAWEI"}
				batteries, byMake := 0, 0
				for i := range 16 {
					for _, d := range data["d"+strconv.Itoa(i)].([]any) {
						m := d.(map[string]any)
						if m["make"] == nil {
							continue
						}
						batteries++
						mk, md := m["make"].(string), m["model"].(string)
						if m["name"] != mk+" "+md {
							t.Errorf("a %s %s named %v", mk, md, m["name"])
						}
						if want, ok := named[mk]; ok {
							byMake++
							if m["provider"] != want {
								t.Errorf("a %s battery's provider is %v", mk, m["provider"])
							}
						}
					}
				}
				if batteries < 3 || byMake == 0 {
					t.Errorf("%d batteries, %d of a make a provider names", batteries, byMake)
				}
			}},
		{"Boolean arguments select by the field they name", `{ c0: savingsCampaigns(accountNumber: "A-0") { all: events { devEvent isJoined hidden } noDev: events(getDevEvents: false) { devEvent } dev: events(getDevEvents: true) { devEvent } joined: events(onlyJoined: true) { isJoined } shown: events(excludeHidden: true) { hidden } drafts: events(draft: true) { draft } } c1: savingsCampaigns(accountNumber: "A-1") { all: events { devEvent isJoined hidden } noDev: events(getDevEvents: false) { devEvent } dev: events(getDevEvents: true) { devEvent } joined: events(onlyJoined: true) { isJoined } shown: events(excludeHidden: true) { hidden } drafts: events(draft: true) { draft } } c2: savingsCampaigns(accountNumber: "A-2") { all: events { devEvent isJoined hidden } noDev: events(getDevEvents: false) { devEvent } dev: events(getDevEvents: true) { devEvent } joined: events(onlyJoined: true) { isJoined } shown: events(excludeHidden: true) { hidden } drafts: events(draft: true) { draft } } c3: savingsCampaigns(accountNumber: "A-3") { all: events { devEvent isJoined hidden } noDev: events(getDevEvents: false) { devEvent } dev: events(getDevEvents: true) { devEvent } joined: events(onlyJoined: true) { isJoined } shown: events(excludeHidden: true) { hidden } drafts: events(draft: true) { draft } } c4: savingsCampaigns(accountNumber: "A-4") { all: events { devEvent isJoined hidden } noDev: events(getDevEvents: false) { devEvent } dev: events(getDevEvents: true) { devEvent } joined: events(onlyJoined: true) { isJoined } shown: events(excludeHidden: true) { hidden } drafts: events(draft: true) { draft } } c5: savingsCampaigns(accountNumber: "A-5") { all: events { devEvent isJoined hidden } noDev: events(getDevEvents: false) { devEvent } dev: events(getDevEvents: true) { devEvent } joined: events(onlyJoined: true) { isJoined } shown: events(excludeHidden: true) { hidden } drafts: events(draft: true) { draft } } c6: savingsCampaigns(accountNumber: "A-6") { all: events { devEvent isJoined hidden } noDev: events(getDevEvents: false) { devEvent } dev: events(getDevEvents: true) { devEvent } joined: events(onlyJoined: true) { isJoined } shown: events(excludeHidden: true) { hidden } drafts: events(draft: true) { draft } } c7: savingsCampaigns(accountNumber: "A-7") { all: events { devEvent isJoined hidden } noDev: events(getDevEvents: false) { devEvent } dev: events(getDevEvents: true) { devEvent } joined: events(onlyJoined: true) { isJoined } shown: events(excludeHidden: true) { hidden } drafts: events(draft: true) { draft } } }`,
			func(t *testing.T, data map[string]any, errs []string) {
				if len(errs) > 0 {
					t.Fatal(errs)
				}
				count := map[string]int{}
				var campaigns []any
				for k := range 8 {
					campaigns = append(campaigns, data["c"+strconv.Itoa(k)].([]any)...)
				}
				for _, c := range campaigns {
					m := c.(map[string]any)
					for _, e := range m["all"].([]any) {
						ev := e.(map[string]any)
						for _, f := range []string{"devEvent", "isJoined", "hidden"} {
							if ev[f] == true {
								count[f]++
							}
						}
						count["all"]++
					}
					for alias, want := range map[string]map[string]bool{"noDev": {"devEvent": false}, "joined": {"isJoined": true}, "shown": {"hidden": false}, "drafts": {"draft": true}} {
						for _, e := range m[alias].([]any) {
							for f, v := range want {
								if e.(map[string]any)[f] != v {
									t.Errorf("%s answered %v", alias, e)
								}
							}
						}
					}
					if len(m["dev"].([]any)) != len(m["all"].([]any)) {
						t.Errorf("getDevEvents: true left out events: %v of %v", m["dev"], m["all"])
					}
				}
				if count["devEvent"] == 0 || count["isJoined"] == count["all"] || count["hidden"] == 0 {
					t.Errorf("the unfiltered events are all alike: %v", count)
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
