package world

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/krakensim/krakensim/sim/fake"
	"github.com/krakensim/krakensim/sim/graphql"
)

// FuzzConnection pages any list with any arguments: the page stays inside the list, its
// cursors round-trip, pageInfo agrees with the edges, and sizes over the limit are refused.
func FuzzConnection(f *testing.F) {
	f.Add(10, 3, -1, -1, "", Cursor(2))
	f.Add(0, 1, 1, 0, Cursor(0), "")
	f.Add(5, -1, 2, 3, "garbage", Cursor(9))
	f.Add(150, 101, -1, -1, "", "")
	f.Fuzz(func(t *testing.T, n, first, last, offset int, after, before string) {
		if n < 0 || n > 1000 {
			return
		}
		nodes := make([]any, n)
		for i := range nodes {
			nodes[i] = i
		}
		args := map[string]any{}
		if first >= -5 {
			args["first"] = first
		}
		if last >= -5 {
			args["last"] = last
		}
		if offset >= 0 {
			args["offset"] = offset
		}
		if after != "" {
			args["after"] = after
		}
		if before != "" {
			args["before"] = before
		}
		conn, err := Connection(nodes, args, DefaultMaxPage)
		if err != nil {
			if _, ok := err.(*PageError); !ok {
				t.Fatalf("error %T %v", err, err)
			}
			if (first >= 0 && first <= DefaultMaxPage || first < -5) && (last >= 0 && last <= DefaultMaxPage || last < -5) {
				t.Fatalf("refused first %d last %d", first, last)
			}
			return
		}
		edges := conn["edges"].([]any)
		info := conn["pageInfo"].(map[string]any)
		prev := -1
		for i, e := range edges {
			em := e.(map[string]any)
			off, ok := CursorOffset(em["cursor"].(string))
			if !ok || off < 0 || off >= n || em["node"] != off || off <= prev {
				t.Fatalf("edge %d: cursor %v node %v", i, em["cursor"], em["node"])
			}
			prev = off
		}
		if len(edges) > 0 {
			if info["startCursor"] != edges[0].(map[string]any)["cursor"] || info["endCursor"] != edges[len(edges)-1].(map[string]any)["cursor"] {
				t.Fatalf("pageInfo %v does not match the edges", info)
			}
		} else if info["startCursor"] != nil || info["endCursor"] != nil {
			t.Fatalf("an empty page has cursors %v", info)
		}
		if first >= 0 && len(edges) > first || last >= 0 && len(edges) > last {
			t.Fatalf("%d edges for first %d last %d", len(edges), first, last)
		}
		if conn["totalCount"] != n || conn["edgeCount"] != len(edges) {
			t.Fatalf("counts %v %v for %d nodes, %d edges", conn["totalCount"], conn["edgeCount"], n, len(edges))
		}
	})
}

// FuzzGlobalID decodes any string; what decodes re-encodes to an id that decodes the same.
func FuzzGlobalID(f *testing.F) {
	f.Add(GlobalID("ElectricityMeterType", "3010001"))
	f.Add("InkGenericMessage:12")
	f.Add("")
	f.Add("=====")
	f.Fuzz(func(t *testing.T, s string) {
		typ, id, ok := ParseGlobalID(s)
		if !ok {
			return
		}
		if !isTypeName(typ) || id == "" {
			t.Fatalf("%q decoded to %q %q", s, typ, id)
		}
		t2, id2, ok := ParseGlobalID(GlobalID(typ, id))
		if !ok || t2 != typ || id2 != id {
			t.Fatalf("%q: %q %q does not round-trip (%q %q)", s, typ, id, t2, id2)
		}
	})
}

// FuzzGenerator answers any operation over any SDL a tenant could give with the world's
// roles (devices, catalogs, flags, periods): it answers JSON or errors, never panics,
// and stays within the executor's limits.
func FuzzGenerator(f *testing.F) {
	const devices = `type Query { devices(accountNumber: String!, onlyLive: Boolean): [Device] catalog: [Brand] forecast: [ForecastPeriod] }
interface Device { id: ID! name: String }
type Battery implements Device { id: ID! name: String make: String model: String provider: Provider isLive: Boolean }
enum Provider { TESLA GIVENERGY OTHER }
type Brand { make: String models: [BrandModel] }
type BrandModel { model: String batterySize: Float }
type ForecastPeriod { validFrom: DateTime validTo: DateTime }
scalar DateTime`
	f.Add(devices, `{ devices(accountNumber: "A-1", onlyLive: true) { id name ... on Battery { make model provider isLive } } }`)
	f.Add(devices, `{ catalog { make models { model batterySize } } forecast { validFrom validTo } }`)
	f.Add(zoneSDL, `{ measurements(timezone: "Mars/Olympus", startOn: "2026-03-29", first: 5, utilityFilters: [{gasFilters: {readingFrequencyType: WEEK_INTERVAL}}]) { edges { node { value ... on IntervalMeasurementType { startAt durationInSeconds } } } } }`)
	f.Add(zoneSDL, `{ measurements(timezone: "Australia/Lord_Howe", startAt: "2026-10-04T00:00:00+11:00", endAt: "2026-10-05T00:00:00Z", utilityFilters: [{electricityFilters: {readingFrequencyType: THIRTY_MIN_INTERVAL}}]) { edges { node { readAt } } } }`)
	f.Add("type Query { cars(onlyElectric: Boolean, getMake: Boolean): [Car] }\ntype Car { make: String model: String name: String electric: Boolean provider: P }\nenum P { TESLA OTHER }",
		`{ cars(onlyElectric: true, getMake: false) { make model name electric provider } }`)
	f.Add("type Query { m: Make }\ntype Make { make: String make2: Int models: [Make] model: String manufacturer: String modelName: String }", `{ m { make models { model make models { model } } manufacturer modelName } }`)
	const writes = `type Query { dev(accountNumber: String!): Dev }
type Mutation { suspendDev(input: In): Out setDev(accountNumber: String!, level: Int!, note: String): Out act(input: Act!): Dev }
input In { accountNumber: String! }
input Act { devId: ID! action: Verb! }
enum Verb { SUSPEND UNSUSPEND }
type Out { dev: Dev }
type Dev { devId: ID suspended: Boolean level: Float note: String status: St }
type St { isSuspended: Boolean }`
	f.Add(writes, `mutation { setDev(accountNumber: "A-1", level: 3) { dev { devId level } } suspendDev(input: {accountNumber: "A-1"}) { dev { suspended } } act(input: {devId: "9", action: SUSPEND}) { status { isSuspended } } }`)
	f.Add("type Query { site: Site }\ntype Site { theme: Theme themeOptions: [Option] }\nenum Theme { NONE DARK LIGHT }\ntype Option { value: String label: String }", `{ site { themeOptions { value label } } }`)
	f.Add(createsSDL, `mutation { createComplaint(input: {accountNumber: "A-1", type: "BILLING"}) { complaint { id type creationDate } } addCard(input: {cardType: HEALTH, cardNumber: "1"}) { card { id number } } }`)
	f.Add(devicesSDL, `{ registeredKrakenflexDevice(accountNumber: "A-1") { vehicleMake chargePointModel } plannedDispatches(accountNumber: "A-1") { start }
  devices(accountNumber: "A-1") { id status { current isSuspended currentState } } }`)
	f.Add(meterSDL, `{ smartMeterTelemetry(deviceId: "d", start: "2026-12-01T00:00:00Z", grouping: HALF_HOURLY) { readAt consumption demand costDeltaWithTax }
  measurements(utilityFilters: {fuel: GAS}, startAt: "2026-12-01T00:00:00Z") { value } }`)
	f.Add("type Query { u: U }\ntype U { a: String b: String @deprecated(reason: \"Use 'a' instead.\") c: Int @deprecated(reason: \"Use `b` instead\") d: String @deprecated(reason: \"use the d field instead\") }",
		`{ u { b c d } }`)
	f.Add(heatSDL, `{ octoHeatPumpTimeRangedPerformance(euid: "x", startAt: "0001-01-01T00:00:00Z", endAt: "9999-12-31T00:00:00Z") { coefficientOfPerformance energyInput { value } energyOutput { value } }
  octoHeatPumpLivePerformance(euid: "x") { coefficientOfPerformance powerInput { value } heatOutput { value } outdoorTemperature { value } } }`)
	f.Add(greenSDL, `{ greennessForecast { validFrom validTo greennessScore greennessIndex highlightFlag } }`)
	f.Add(dispatchSDL, `{ plannedDispatches(accountNumber: "A-1") { start end delta meta { source location } } completedDispatches(accountNumber: "A-1") { delta meta { location } } }`)
	f.Add(liveSDL, `{ fanClubStatus(accountNumber: "A-1") { current { startAt discount } historic { discount } thresholds { discount power } } }`)
	f.Add(zonesSDL, `{ octoHeatPumpControllerConfiguration(accountNumber: "A-1", euid: "x") { zones { configuration { code zoneType displayName primarySensor
  currentOperation { mode setpointInCelsius } sensors { ... on ADCSensorConfiguration { code type } } } } }
  octoHeatPumpControllerStatus(accountNumber: "A-1", euid: "x") { sensors { code telemetry { humidityPercentage } } zones { telemetry { mode retrievedAt } } } }`)
	f.Add(rangesSDL, `{ octoHeatPumpControllerConfiguration(accountNumber: "A-1", euid: "x") { heatPump { weatherCompensation { currentRange { minimum { value } } } } }
  thermostat(accountNumber: "A-1") { allowedRange { min max } setpoint } }`)
	f.Add(fanSDL, `{ fanClubStatus(accountNumber: "A-1") { discountSource thresholds { power } current { discount metaData { power } } forecast { baseTime data { projectedDiscount } } } }`)
	f.Fuzz(func(t *testing.T, sdl, query string) {
		if len(sdl) > 4096 || len(query) > 2048 {
			return
		}
		s, err := gqlparser.LoadSchema(&ast.Source{Name: "fuzz.graphql", Input: sdl})
		if err != nil || s.Query == nil {
			return
		}
		faker := fake.New(1)
		exec := graphql.New(s, graphql.Options{Faker: faker, Generator: New(s, faker, Options{}), MaxDepth: 8, MaxComplexity: 400})
		b, err := exec.Execute(WithEnv(context.Background(), &Env{Now: testNow, Store: NewStore(100)}), &graphql.Request{Query: query}).MarshalJSON()
		if err != nil {
			t.Fatalf("marshal: %v", err)
		}
		if !json.Valid(b) {
			t.Fatalf("not JSON: %s", b)
		}
	})
}
