package simtest_test

import (
	"fmt"
	"math"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/krakensim/krakensim/fixtures"
	"github.com/krakensim/krakensim/internal/testshared"
	"github.com/krakensim/krakensim/schema"
	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/fake"
	"github.com/krakensim/krakensim/sim/simtest"
)

// TestStateConnectionsPage pages a state connection over HTTP as graphene does, and
// refuses a page over the maximum with KT-CT-1202.
func TestStateConnectionsPage(t *testing.T) {
	srv := simtest.NewServer(t)
	c := srv.Client(t)
	c.SignIn("demo@krakensim.dev", "krakensim")
	const q = `query($first: Int, $after: String) { account(accountNumber: "A-C90DC431") {
  payments(first: $first, after: $after) { edges { cursor node { id } } pageInfo { hasNextPage endCursor startCursor } totalCount } } }`
	all := c.Query(q, map[string]any{"first": 100})
	if len(all.Errors) > 0 {
		t.Fatalf("errors: %+v", all.Errors)
	}
	total := int(simtest.Get(all.Data, "account", "payments", "totalCount").(float64))
	if total < 2 {
		t.Fatalf("the demo account has %d payments; the test needs two", total)
	}
	var ids []string
	var after any
	for page := 0; page < total; page++ {
		out := c.Query(q, map[string]any{"first": 1, "after": after})
		edges := simtest.Get(out.Data, "account", "payments", "edges").([]any)
		if len(edges) != 1 {
			t.Fatalf("page %d has %d edges", page, len(edges))
		}
		info := simtest.Get(out.Data, "account", "payments", "pageInfo").(map[string]any)
		if info["startCursor"] != simtest.Get(edges[0], "cursor") {
			t.Errorf("page %d: startCursor %v is not the edge's cursor", page, info["startCursor"])
		}
		ids = append(ids, simtest.Get(edges[0], "node", "id").(string))
		if info["hasNextPage"] != (page < total-1) {
			t.Errorf("page %d of %d: hasNextPage %v", page, total, info["hasNextPage"])
		}
		after = info["endCursor"]
	}
	for i, e := range simtest.Get(all.Data, "account", "payments", "edges").([]any) {
		if got := simtest.Get(e, "node", "id"); got != ids[i] {
			t.Errorf("item %d: paging gave %v, the whole list %v", i, ids[i], got)
		}
	}
	out := c.Query(q, map[string]any{"first": 101})
	if len(out.Errors) != 1 || out.Errors[0].Code() != "KT-CT-1202" {
		t.Errorf("first: 101 answered %+v, want KT-CT-1202", out.Errors)
	}
}

// octopus starts a server on the Octopus tenant's SDL, signed in as the demo user, with
// its clock frozen so that the world does not move between requests.
// mustQuery returns a function that runs a query as c and returns its data, failing
// the test on any error.
func mustQuery(t *testing.T, c *simtest.Client) func(string, map[string]any) map[string]any {
	return func(query string, vars map[string]any) map[string]any {
		t.Helper()
		out := c.Query(query, vars)
		if len(out.Errors) > 0 {
			t.Fatalf("%s: %+v", query, out.Errors)
		}
		return out.Data
	}
}

// accountWithDevices is the first of four accounts whose devices(accountNumber:) the
// world answers with some, and those devices (id, __typename, name).
func accountWithDevices(t *testing.T, q func(string, map[string]any) map[string]any) (string, []any) {
	t.Helper()
	for _, a := range []string{"A-C90DC431", "A-7B3E9D12", "A-0F4A2B19", "A-B1A2C3D4"} {
		devices := q(`query($a: String!) { devices(accountNumber: $a) { id __typename name } }`, map[string]any{"a": a})["devices"].([]any)
		if len(devices) > 0 {
			return a, devices
		}
	}
	t.Fatal("no account of four has a device")
	return "", nil
}

func octopus(t *testing.T, edits ...func(*sim.World)) (*simtest.Server, *simtest.Client) {
	return tenant(t, "octopus-schema.graphql", edits...)
}

// tenant is a server on a tenant's SDL from the reference files, with the demo user
// signed in and the clock frozen at 09:00 UTC on 2 December 2026; edits change the
// default world first.
func tenant(t testing.TB, file string, edits ...func(*sim.World)) (*simtest.Server, *simtest.Client) {
	return layered(t, file, nil, nil, nil, edits...)
}

// current is octopus's server on the reference Octopus SDL with the fields and
// operations Octopus serves today laid over it (testdata/octopus-current.graphql).
func current(t testing.TB, edits ...func(*sim.World)) (*simtest.Server, *simtest.Client) {
	return currentEdited(t, nil, nil, edits...)
}

// currentEdited is current with the reference SDL edited by ref and the layer laid over
// it by layer (each when given) first.
func currentEdited(t testing.TB, ref, layer func(string) string, edits ...func(*sim.World)) (*simtest.Server, *simtest.Client) {
	return currentWith(t, ref, layer, nil, edits...)
}

// currentWith is currentEdited with its configuration changed by config (when given).
func currentWith(t testing.TB, ref, layer func(string) string, config func(*sim.Config), edits ...func(*sim.World)) (*simtest.Server, *simtest.Client) {
	b, err := os.ReadFile(filepath.Join("testdata", "octopus-current.graphql"))
	if err != nil {
		t.Fatal(err)
	}
	sdl := string(b)
	if layer != nil {
		sdl = layer(sdl)
	}
	return layered(t, "octopus-schema.graphql", ref, []*ast.Source{{Name: "octopus-current.graphql", Input: sdl}}, config, edits...)
}

// served is current's server with the seed krakensim serve fakes with by default (its
// -seed 1), so that the demo car's targets and limit are those a client of the served
// world meets (95% on weekdays, 70% at weekends, its limit 85%).
func served(t testing.TB) (*simtest.Server, *simtest.Client) {
	return currentWith(t, nil, nil, func(cfg *sim.Config) { cfg.Seed = 1 })
}

// layered is tenant's server on the tenant's SDL, edited by edit (when given), with more
// sources laid over it, its configuration changed by config (when given).
func layered(t testing.TB, file string, edit func(string) string, more []*ast.Source, config func(*sim.Config), edits ...func(*sim.World)) (*simtest.Server, *simtest.Client) {
	b, err := os.ReadFile(testshared.Path(t, "reference", file))
	if err != nil {
		t.Fatal(err)
	}
	sdl := string(b)
	if edit != nil {
		sdl = edit(sdl)
	}
	api, err := schema.Load(append([]*ast.Source{{Name: file, Input: sdl}}, more...)...)
	if err != nil {
		t.Fatal(err)
	}
	world, err := fixtures.DefaultIn(fake.Country(fake.LocalZone(api)))
	if err != nil {
		t.Fatal(err)
	}
	for _, edit := range edits {
		edit(world)
	}
	srv := simtest.NewServer(t, simtest.WithConfig(func(cfg *sim.Config) {
		auth := cfg.Auth
		reg, _ := schema.DefaultRegistry()
		*cfg = func(c sim.Config) sim.Config {
			n := schema.SimConfig(api, auth, reg)
			n.World, n.Resolvers, n.Entities, n.Owners, n.Meters, n.Routes, n.Scenarios = world, c.Resolvers, c.Entities, c.Owners, c.Meters, c.Routes, c.Scenarios
			n.CheckoutDone, n.StatementDocument, n.AnnualStatementDocument = c.CheckoutDone, c.StatementDocument, c.AnnualStatementDocument
			n.TermsDocument, n.StatementIDs, n.InputProblems = c.TermsDocument, c.StatementIDs, c.InputProblems
			n.OpenPeriod, n.TariffProduct = c.OpenPeriod, c.TariffProduct
			n.ClockStart = time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)
			if config != nil {
				config(&n)
			}
			return n
		}(*cfg)
	}))
	c := srv.Client(t)
	if strings.HasPrefix(file, "origin") { // Origin signs in by API key alone
		out := c.Query(`mutation { obtainKrakenToken(input: {APIKey: "sk_live_krakensimdemo3235447"}) { token } }`, nil)
		c.Token, _ = simtest.Get(out.Data, "obtainKrakenToken", "token").(string)
		if c.Token == "" {
			t.Fatalf("sign-in by API key failed: %+v", out.Errors)
		}
	} else {
		c.SignIn("demo@krakensim.dev", "krakensim")
	}
	sess, err := srv.Sim.Session(c.Session)
	if err != nil {
		t.Fatal(err)
	}
	sess.Clock().Freeze()
	return srv, c
}

// TestOctopusClientsSeeOneWorld replays, over HTTP on the Octopus SDL, what open-source
// clients of that tenant do and broke on.
func TestOctopusClientsSeeOneWorld(t *testing.T) {
	srv, c := octopus(t)
	q := mustQuery(t, c)

	account, devices := accountWithDevices(t, q)
	for _, d := range devices {
		id := simtest.Get(d, "id")
		got := q(`query($a: String!, $id: String) { devices(accountNumber: $a, deviceId: $id) { id __typename name } }`, map[string]any{"a": account, "id": id})["devices"].([]any)
		if len(got) != 1 || simtest.Get(got[0], "id") != id || simtest.Get(got[0], "name") != simtest.Get(d, "name") {
			t.Errorf("devices(deviceId: %v) answered %v, not %v", id, got, d)
		}
	}
	if got := q(`{ devices(accountNumber: "A-7B3E9D12", deviceId: "no-such-device") { id } }`, nil)["devices"].([]any); len(got) != 0 {
		t.Errorf("an unknown deviceId answered %v", got)
	}

	bills := q(`{ account(accountNumber: "A-C90DC431") { bills(first: 1) { edges { cursor node { id } } pageInfo { startCursor endCursor } totalCount } } }`, nil)
	edges := simtest.Get(bills, "account", "bills", "edges").([]any)
	total := simtest.Get(bills, "account", "bills", "totalCount").(float64)
	if total > 0 && len(edges) != 1 {
		t.Errorf("bills(first: 1) answered %d edges", len(edges))
	}
	if len(edges) == 1 && simtest.Get(bills, "account", "bills", "pageInfo", "startCursor") != simtest.Get(edges[0], "cursor") {
		t.Errorf("startCursor is not the first edge's cursor: %v", bills)
	}

	meters := q(`{ account(accountNumber: "A-C90DC431") { properties { electricityMeterPoints { meters { id nodeId serialNumber } } } } }`, nil)
	meter := simtest.Get(meters, "account", "properties", 0, "electricityMeterPoints", 0, "meters", 0).(map[string]any)
	// The meter is state: node(id:) finds it in any session, read before or not.
	fresh := srv.Client(t)
	fresh.Token = c.Token
	for _, client := range []*simtest.Client{c, fresh} {
		out := client.Query(`query($id: ID!) { node(id: $id) { __typename ... on ElectricityMeterType { id serialNumber } } }`, map[string]any{"id": meter["nodeId"]})
		node := out.Data["node"]
		if simtest.Get(node, "__typename") != "ElectricityMeterType" || simtest.Get(node, "serialNumber") != meter["serialNumber"] {
			t.Errorf("session %s: node(id: %v) answered %v %v, not the meter %v", client.Session, meter["nodeId"], node, out.Errors, meter)
		}
	}

	device := demoMeterDevice(t, c)
	tele := q(`query($d: String!) { smartMeterTelemetry(deviceId: $d, start: "2026-12-02T08:00:00+00:00", end: "2026-12-02T08:05:00+00:00", grouping: TEN_SECONDS) { readAt } }`, map[string]any{"d": device})["smartMeterTelemetry"].([]any)
	if len(tele) != 30 {
		t.Errorf("five minutes in ten-second steps answered %d readings, want 30", len(tele))
	}
	future := q(`query($d: String!) { smartMeterTelemetry(deviceId: $d, start: "2026-12-02T10:00:00+00:00", end: "2026-12-02T10:05:00+00:00", grouping: TEN_SECONDS) { readAt } }`, map[string]any{"d": device})["smartMeterTelemetry"].([]any)
	if len(future) != 0 {
		t.Errorf("a window after the session's clock (09:00) answered %d readings", len(future))
	}
	for i, r := range tele {
		want := time.Date(2026, 12, 2, 8, 0, 10*i, 0, time.UTC)
		got, err := time.Parse(time.RFC3339, simtest.Get(r, "readAt").(string))
		if err != nil || !got.Equal(want) {
			t.Errorf("reading %d is at %v, want %v", i, simtest.Get(r, "readAt"), want)
		}
	}

	planned := q(`{ plannedDispatches(accountNumber: "A-C90DC431") { start end } completedDispatches(accountNumber: "A-C90DC431") { start end } }`, nil)
	now := time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)
	for _, list := range []string{"plannedDispatches", "completedDispatches"} {
		for _, d := range planned[list].([]any) {
			start, _ := time.Parse(time.RFC3339, simtest.Get(d, "start").(string))
			end, _ := time.Parse(time.RFC3339, simtest.Get(d, "end").(string))
			if !start.Before(end) || end.Sub(start) > 12*time.Hour {
				t.Errorf("%s: a dispatch from %v to %v", list, start, end)
			}
			if future := start.After(now); future != (list == "plannedDispatches") {
				t.Errorf("%s: a dispatch starting %v (now %v)", list, start, now)
			}
		}
	}

	// The Home Assistant integration marks a meter as export when it has an export
	// device, and a gas meter as smart when its mechanism is S1 or S2; it then reads
	// telemetry by the import device's deviceId.
	supply := q(`{ account(accountNumber: "A-C90DC431") {
		electricityAgreements(active: true) { meterPoint { meters(includeInactive: false) { serialNumber meterType
			smartExportElectricityMeter { deviceId } smartImportElectricityMeter { deviceId manufacturer model } } } }
		gasAgreements(active: true) { meterPoint { meters(includeInactive: false) { serialNumber mechanism smartGasMeter { deviceId } } } } } }`, nil)
	var importDevice string
	for _, a := range simtest.Get(supply, "account", "electricityAgreements").([]any) {
		for _, m := range simtest.Get(a, "meterPoint", "meters").([]any) {
			if exp := simtest.Get(m, "smartExportElectricityMeter"); exp != nil {
				t.Errorf("import meter %v has an export device %v", simtest.Get(m, "serialNumber"), exp)
			}
			typ, _ := simtest.Get(m, "meterType").(string)
			dev := simtest.Get(m, "smartImportElectricityMeter")
			if smart := strings.HasPrefix(typ, "S1") || strings.HasPrefix(typ, "S2"); smart != (dev != nil) {
				t.Errorf("meter %v of type %q has import device %v", simtest.Get(m, "serialNumber"), typ, dev)
			}
			if dev != nil {
				importDevice = simtest.Get(dev, "deviceId").(string)
			}
		}
	}
	for _, a := range simtest.Get(supply, "account", "gasAgreements").([]any) {
		for _, m := range simtest.Get(a, "meterPoint", "meters").([]any) {
			mech := simtest.Get(m, "mechanism")
			if smart := mech == "S1" || mech == "S2"; smart != (simtest.Get(m, "smartGasMeter") != nil) {
				t.Errorf("gas meter %v: mechanism %v, smartGasMeter %v", simtest.Get(m, "serialNumber"), mech, simtest.Get(m, "smartGasMeter"))
			}
		}
	}
	if importDevice == "" {
		t.Fatalf("A-C90DC431 has no smart import meter: %v", supply)
	}
	tele = q(`query($d: String!) { smartMeterTelemetry(deviceId: $d, start: "2026-12-02T08:00:00+00:00", end: "2026-12-02T09:00:00+00:00", grouping: HALF_HOURLY) { readAt consumptionDelta } }`,
		map[string]any{"d": importDevice})["smartMeterTelemetry"].([]any)
	if len(tele) != 2 {
		t.Errorf("an hour of half-hourly telemetry from device %s answered %d readings, want 2", importDevice, len(tele))
	}

	// Smart-charging clients look a device's make and model up in the catalogs, tell a
	// boost by a dispatch's source, leave out dev saving sessions, and need a heat pump
	// controller's configuration to hold its heat pump.
	catalog := q(`{ electricVehicles { make models { model } } chargePointVariants { make models { model powerInKw } } }`, nil)
	models := map[string]string{}
	for _, list := range []string{"electricVehicles", "chargePointVariants"} {
		for _, e := range catalog[list].([]any) {
			mk := simtest.Get(e, "make").(string)
			for _, m := range simtest.Get(e, "models").([]any) {
				models[mk+" "+simtest.Get(m, "model").(string)] = list
			}
		}
	}
	found := 0
	for _, a := range []string{"A-C90DC431", "A-7B3E9D12", "A-0F4A2B19", "A-B1A2C3D4"} {
		c.SignIn(ownerOf[a], "krakensim")
		devs := q(`query($a: String!) { devices(accountNumber: $a) { __typename name ... on SmartFlexVehicle { make model } ... on SmartFlexChargePoint { make model }
			... on SmartFlexBattery { make model } ... on SmartFlexInverter { make model } ... on SmartFlexHeatPump { make model } } }`, map[string]any{"a": a})["devices"].([]any)
		for _, d := range devs {
			mk, _ := simtest.Get(d, "make").(string)
			md, _ := simtest.Get(d, "model").(string)
			if mk == "" {
				continue
			}
			found++
			if simtest.Get(d, "name") != mk+" "+md {
				t.Errorf("device %v is not named after its make and model", d)
			}
			switch simtest.Get(d, "__typename") {
			case "SmartFlexVehicle", "SmartFlexChargePoint":
				if models[mk+" "+md] == "" {
					t.Errorf("device %v: its make and model are not in the catalogs", d)
				}
			}
		}
	}
	if found == 0 {
		t.Error("no device of four accounts has a make")
	}
	c.SignIn("demo@krakensim.dev", "krakensim")
	if len(models) < 15 {
		t.Errorf("the catalogs list %d models: %v", len(models), catalog)
	}
	for _, d := range q(`{ plannedDispatches(accountNumber: "A-C90DC431") { meta { source location } } }`, nil)["plannedDispatches"].([]any) {
		if src := simtest.Get(d, "meta", "source"); src != "smart-charge" && src != "bump-charge" {
			t.Errorf("a dispatch's source is %v", src)
		}
	}
	sessions := q(`{ savingSessions { events(getDevEvents: false) { devEvent startAt endAt } account(accountNumber: "A-C90DC431") { joinedEvents { startAt endAt } } } }`, nil)["savingSessions"]
	for _, e := range simtest.Get(sessions, "events").([]any) {
		if simtest.Get(e, "devEvent") != false {
			t.Errorf("getDevEvents: false answered %v", e)
		}
	}
	// The integration parses every event's and joined event's endAt.
	for _, list := range [][]any{simtest.Get(sessions, "events").([]any), simtest.Get(sessions, "account", "joinedEvents").([]any)} {
		for _, e := range list {
			if simtest.Get(e, "endAt") == nil {
				t.Errorf("a saving session without an end: %v", e)
			}
		}
	}
	out := c.Query(`{ gasAgreement(id: "9100001") { __typename } }`, nil)
	if typ := simtest.Get(out.Data, "gasAgreement", "__typename"); typ != nil && !strings.Contains(typ.(string), "Gas") {
		t.Errorf("gasAgreement answered a %v", typ)
	}
}

// TestOctopusClientsSeeTheirChanges replays what the Home Assistant integration does to
// an Intelligent Octopus account on the Octopus SDL, where no resolver answers: set the
// charging targets, suspend and resume smart control (the old API and the devices one),
// and read each change back.
func TestOctopusClientsSeeTheirChanges(t *testing.T) {
	srv, c := octopus(t)
	q := mustQuery(t, c)
	a := map[string]any{"a": "A-7B3E9D12"} // on Octopus Go, with a car and a charger
	const read = `query($a: String!) {
  vehicleChargingPreferences(accountNumber: $a) { weekdayTargetTime weekdayTargetSoc weekendTargetTime weekendTargetSoc }
  registeredKrakenflexDevice(accountNumber: $a) { krakenflexDeviceId suspended } }`
	before := q(read, a)
	device := simtest.Get(before, "registeredKrakenflexDevice", "krakenflexDeviceId")

	set := q(`mutation($a: String!) { setVehicleChargePreferences(input: {accountNumber: $a, weekdayTargetSoc: 80, weekendTargetSoc: 90,
  weekdayTargetTime: "07:30", weekendTargetTime: "09:00"}) { krakenflexDevice { krakenflexDeviceId } } }`, a)
	if got := simtest.Get(set, "setVehicleChargePreferences", "krakenflexDevice", "krakenflexDeviceId"); got != device {
		t.Errorf("setVehicleChargePreferences answered device %v; the account's is %v", got, device)
	}
	want := map[string]any{"weekdayTargetTime": "07:30", "weekdayTargetSoc": 80.0, "weekendTargetTime": "09:00", "weekendTargetSoc": 90.0}
	if got := simtest.Get(q(read, a), "vehicleChargingPreferences"); !reflect.DeepEqual(got, want) {
		t.Errorf("after setVehicleChargePreferences the preferences read %v, want %v", got, want)
	}
	// The integration's newer versions read the car's preferences through devices.
	const car = `query($a: String!) { devices(accountNumber: $a) { ... on SmartFlexVehicle {
  chargingPreferences { weekdayTargetTime weekdayTargetSoc weekendTargetTime weekendTargetSoc } status { current isSuspended currentState } } } }`
	if got := simtest.Get(q(car, a), "devices", 0, "chargingPreferences"); !reflect.DeepEqual(got, map[string]any{
		"weekdayTargetTime": "07:30:00", "weekdayTargetSoc": 80.0, "weekendTargetTime": "09:00:00", "weekendTargetSoc": 90.0}) {
		t.Errorf("after setVehicleChargePreferences the car's chargingPreferences read %v", got)
	}
	other := srv.Client(t)
	other.Token = c.Token
	if got := simtest.Get(other.Query(read, a).Data, "vehicleChargingPreferences"); !reflect.DeepEqual(got, simtest.Get(before, "vehicleChargingPreferences")) {
		t.Errorf("another session reads %v, not the world's %v", got, simtest.Get(before, "vehicleChargingPreferences"))
	}

	for _, step := range []struct {
		mutation string
		want     bool
	}{{"suspendControl", true}, {"resumeControl", false}, {"suspendControl", true}} {
		out := q(`mutation($a: String!) { m: `+step.mutation+`(input: {accountNumber: $a}) { krakenflexDevice { krakenflexDeviceId suspended } } }`, a)
		if got := simtest.Get(out, "m", "krakenflexDevice"); !reflect.DeepEqual(got, map[string]any{"krakenflexDeviceId": device, "suspended": step.want}) {
			t.Errorf("%s answered %v", step.mutation, got)
		}
		if got := simtest.Get(q(read, a), "registeredKrakenflexDevice", "suspended"); got != step.want {
			t.Errorf("after %s the device reads suspended %v", step.mutation, got)
		}
		st := simtest.Get(q(car, a), "devices", 0, "status").(map[string]any)
		if st["isSuspended"] != step.want || st["current"] == "LIVE" && (st["currentState"] == "SMART_CONTROL_OFF") != step.want {
			t.Errorf("after %s the car's status is %v", step.mutation, st)
		}
	}

	acct, devices := accountWithDevices(t, q)
	d := devices[0].(map[string]any)
	for _, action := range []string{"SUSPEND", "UNSUSPEND", "SUSPEND"} {
		out := q(`mutation($id: ID!, $act: SmartControlAction!) { updateDeviceSmartControl(input: {deviceId: $id, action: $act}) { id __typename name status { isSuspended } } }`,
			map[string]any{"id": d["id"], "act": action})
		got := simtest.Get(out, "updateDeviceSmartControl").(map[string]any)
		if got["id"] != d["id"] || got["__typename"] != d["__typename"] || got["name"] != d["name"] {
			t.Errorf("updateDeviceSmartControl(%v) answered %v, not the device %v", d["id"], got, d)
		}
		listed := q(`query($a: String!, $id: String) { devices(accountNumber: $a, deviceId: $id) { status { isSuspended } } }`, map[string]any{"a": acct, "id": d["id"]})
		for _, g := range []any{simtest.Get(got, "status", "isSuspended"), simtest.Get(listed, "devices", 0, "status", "isSuspended")} {
			if g != (action == "SUSPEND") {
				t.Errorf("after %s the device reads isSuspended %v", action, g)
			}
		}
	}
}

// TestOctopusClientsPageAHundred sends the paged queries that open-source clients send
// to Kraken every day (E.ON Next and Octopus Germany integrations, openHAB, a .NET
// heat-pump analyser): a hundred items of several fields each, which Kraken answers.
func TestOctopusClientsPageAHundred(t *testing.T) {
	_, c := octopus(t)
	queries := []struct {
		name, query string
		vars        map[string]any
		// value bounds each node's value: p/kWh for a rate, kWh for half an hour's use.
		lo, hi float64
	}{
		{"applicableRates", `query($a: String!, $m: String!, $s: DateTime!, $e: DateTime!, $first: Int!, $after: String) {
  applicableRates(accountNumber: $a, mpxn: $m, startAt: $s, endAt: $e, first: $first, after: $after) {
    edges { node { validFrom validTo value } } pageInfo { hasNextPage endCursor } } }`,
			map[string]any{"a": "A-C90DC431", "m": "1013004420117", "s": "2026-12-01T00:00:00Z", "e": "2026-12-02T00:00:00Z", "first": 100, "after": nil}, 5, 60},
		{"consumption", `query($a: String!, $s: DateTime!, $g: ConsumptionGroupings!, $after: String) {
  account(accountNumber: $a) { electricityAgreements(active: true) { meterPoint { meters {
    consumption(startAt: $s, grouping: $g, timezone: "Europe/Berlin", first: 100, after: $after) {
      pageInfo { hasNextPage endCursor } edges { node { startAt endAt value } } } } } } } }`,
			map[string]any{"a": "A-C90DC431", "s": "2026-12-01T00:00:00", "g": "HALF_HOUR", "after": nil}, 0, 4},
		{"measurements", `{ properties(accountNumber: "A-C90DC431") { measurements(first: 100, timezone: "Europe/London",
  utilityFilters: {electricityFilters: {readingDirection: CONSUMPTION}}, startAt: "2026-12-01T00:00:00Z") {
    edges { node { readAt value unit } } } } }`, nil, 0, 4},
	}
	for _, q := range queries {
		out := c.Query(q.query, q.vars)
		if len(out.Errors) > 0 || out.Data == nil {
			t.Errorf("%s: %+v", q.name, out.Errors)
		}
		n := 0
		eachNode(out.Data, func(node map[string]any) {
			n++
			v, err := strconv.ParseFloat(fmt.Sprint(node["value"]), 64)
			if err != nil || v < q.lo || v > q.hi {
				t.Errorf("%s: a value of %v, want %v to %v", q.name, node["value"], q.lo, q.hi)
			}
			if at, ok := node["readAt"].(string); ok && at < "2026-12-01T00:00:00" {
				t.Errorf("%s: a reading at %s, before the window", q.name, at)
			}
		})
		if n == 0 {
			t.Errorf("%s: no nodes", q.name)
		}
	}
}

// eachNode calls fn with each edges[].node under v.
func eachNode(v any, fn func(map[string]any)) {
	switch x := v.(type) {
	case map[string]any:
		if edges, ok := x["edges"].([]any); ok {
			for _, e := range edges {
				if node, ok := e.(map[string]any)["node"].(map[string]any); ok {
					fn(node)
				}
			}
			return
		}
		for _, c := range x {
			eachNode(c, fn)
		}
	case []any:
		for _, c := range x {
			eachNode(c, fn)
		}
	}
}

// TestOctopusTelemetryIsInWattHours reads smart-meter telemetry as the Home Assistant
// integration and a tariff switcher do: consumptionDelta in Wh (they divide by 1,000),
// demand in W, costs in pence with and without VAT, and the register in consumption,
// each to four places.
func TestOctopusTelemetryIsInWattHours(t *testing.T) {
	_, c := octopus(t)
	q := mustQuery(t, c)
	list := q(`query($d: String!) { smartMeterTelemetry(deviceId: $d, start: "2026-12-01T17:00:00Z", end: "2026-12-01T19:00:00Z", grouping: HALF_HOURLY) {
		readAt consumption consumptionDelta demand costDelta costDeltaWithTax } }`, map[string]any{"d": demoMeterDevice(t, c)})["smartMeterTelemetry"].([]any)
	if len(list) != 4 {
		t.Fatalf("%d half hours in two hours", len(list))
	}
	num := func(r any, f string) float64 {
		v, err := strconv.ParseFloat(fmt.Sprint(simtest.Get(r, f)), 64)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		return v
	}
	for i, r := range list {
		// Each to four places, as a captured answer gives them ("84.0000", "1.5117").
		for _, f := range []string{"consumption", "consumptionDelta", "demand", "costDelta", "costDeltaWithTax"} {
			if s := fmt.Sprint(simtest.Get(r, f)); !strings.Contains(s, ".") || len(s)-strings.Index(s, ".") != 5 {
				t.Errorf("%s is %q; want four decimal places", f, s)
			}
		}
		delta := num(r, "consumptionDelta")
		if delta < 20 || delta > 2000 {
			t.Errorf("half an hour's consumptionDelta is %v Wh, want 20–2,000", delta)
		}
		if d := num(r, "demand"); d < 0.8*2*delta || d > 1.2*2*delta {
			t.Errorf("demand %v W over a half hour of %v Wh", d, delta)
		}
		if c, ct := num(r, "costDelta"), num(r, "costDeltaWithTax"); c/(delta/1000) < 18 || c/(delta/1000) > 30.1 || math.Abs(ct-c*1.05) > 0.011 {
			t.Errorf("%v Wh costs %v p, %v p with VAT", delta, c, ct)
		}
		if i > 0 {
			if grew := num(r, "consumption") - num(list[i-1], "consumption"); math.Abs(grew-delta) > 0.2 {
				t.Errorf("the register grew %v Wh over a half hour of %v Wh", grew, delta)
			}
		}
	}
}

// TestOctopusDevicesAgree reads an account's devices as the Home Assistant integration
// and smart-charging plugins do, through the devices list and the older fields it
// replaced: the registered device is the account's car and its charger, and an account
// without a car has no charging preferences, one without a device no dispatches.
func TestOctopusDevicesAgree(t *testing.T) {
	srv, c := octopus(t)
	q := mustQuery(t, c)
	const read = `query($a: String!) {
  devices(accountNumber: $a) { id __typename name ... on SmartFlexVehicle { make model } ... on SmartFlexChargePoint { make model } }
  registeredKrakenflexDevice(accountNumber: $a) { vehicleMake vehicleModel chargePointMake chargePointModel }
  vehicleChargingPreferences(accountNumber: $a) { weekdayTargetSoc }
  plannedDispatches(accountNumber: $a) { start } completedDispatches(accountNumber: $a) { start } }`
	seen := map[bool]int{}
	for _, acct := range []string{"A-C90DC431", "A-7B3E9D12", "A-0F4A2B19", "A-B1A2C3D4"} {
		c.SignIn(ownerOf[acct], "krakensim")
		out := q(read, map[string]any{"a": acct})
		kinds := map[string]map[string]any{}
		for _, d := range out["devices"].([]any) {
			kinds[simtest.Get(d, "__typename").(string)] = d.(map[string]any)
		}
		car, charger := kinds["SmartFlexVehicle"], kinds["SmartFlexChargePoint"]
		reg, _ := out["registeredKrakenflexDevice"].(map[string]any)
		seen[reg != nil]++
		switch {
		case car == nil && charger == nil && reg != nil:
			t.Errorf("%s has no car or charger, but registers %v", acct, reg)
		case reg != nil && car != nil && (reg["vehicleMake"] != car["make"] || reg["vehicleModel"] != car["model"]):
			t.Errorf("%s registers the car %v %v; its devices list %v %v", acct, reg["vehicleMake"], reg["vehicleModel"], car["make"], car["model"])
		case reg != nil && car == nil && reg["vehicleMake"] != nil:
			t.Errorf("%s has no car, but registers a %v", acct, reg["vehicleMake"])
		case reg != nil && charger != nil && reg["chargePointMake"] != charger["make"]:
			t.Errorf("%s registers the charger %v; its devices list %v", acct, reg["chargePointMake"], charger["make"])
		}
		if car == nil && out["vehicleChargingPreferences"] != nil {
			t.Errorf("%s has no car, but charging preferences %v", acct, out["vehicleChargingPreferences"])
		}
		if len(kinds) == 0 && (len(out["plannedDispatches"].([]any)) > 0 || len(out["completedDispatches"].([]any)) > 0) {
			t.Errorf("%s has no device, but dispatches %v %v", acct, out["plannedDispatches"], out["completedDispatches"])
		}
		// The flat's car is registered through its maker's integration; the Ohme it
		// charges through is named by the registration, and listed by no one.
		if acct == "A-7B3E9D12" && (car == nil || car["name"] != "Tesla Model 3" || charger != nil || reg == nil || reg["chargePointMake"] != "Ohme" || reg["chargePointModel"] != "Home Pro") {
			t.Errorf("A-7B3E9D12 lists %v and registers %v, not the fixtures' Tesla Model 3 through an Ohme Home Pro", out["devices"], reg)
		}
	}
	if seen[true] == 0 || seen[false] == 0 {
		t.Errorf("%d accounts register a device and %d none; want some of each", seen[true], seen[false])
	}

	// A session that acts on the fixtures' car by id, before listing anything.
	fresh := srv.Client(t)
	fresh.SignIn(ownerOf["A-7B3E9D12"], "krakensim")
	out := fresh.Query(`mutation { updateDeviceSmartControl(input: {deviceId: "00000000-0002-4000-8020-0000000a7b3e", action: SUSPEND}) { __typename name } }`, nil)
	if got := simtest.Get(out.Data, "updateDeviceSmartControl"); !reflect.DeepEqual(got, map[string]any{"__typename": "SmartFlexVehicle", "name": "Tesla Model 3"}) {
		t.Errorf("updateDeviceSmartControl on the fixtures' car answered %v %v", got, out.Errors)
	}
}

// TestOctopusRatesAreTheTariffs asks applicableRates as the E.ON Next and Octopus Germany
// integrations, openHAB and evcc do, and checks them against the agreement's tariff:
// one rate all day on a single-rate tariff, the night rate in Intelligent Octopus Go's
// off-peak hours and the day rate around them, periods end to end across the window.
// Intelligent Octopus Go is a HalfHourlyTariff, so named, whose unitRates are today's
// periods, whole, as a captured response of Kraken's lists them.
func TestOctopusRatesAreTheTariffs(t *testing.T) {
	_, c := octopus(t)
	q := mustQuery(t, c)
	tariffs := q(`{ a: account(accountNumber: "A-C90DC431") { electricityAgreements(active: true) { tariff { ... on StandardTariff { unitRate preVatUnitRate } } }
		gasAgreements(active: true) { tariff { ... on GasTariffType { unitRate } } } }
	  b: account(accountNumber: "A-7B3E9D12") { electricityAgreements(active: true) { tariff { __typename ... on HalfHourlyTariff { tariffCode displayName unitRates { validFrom validTo value preVatValue } } } } } }`, nil)
	unit := simtest.Get(tariffs, "a", "electricityAgreements", 0, "tariff", "unitRate")
	gas := simtest.Get(tariffs, "a", "gasAgreements", 0, "tariff", "unitRate")
	if pre := simtest.Get(tariffs, "a", "electricityAgreements", 0, "tariff", "preVatUnitRate"); math.Abs(pre.(float64)*1.05-unit.(float64)) > 0.006 {
		t.Errorf("unitRate %v is not preVatUnitRate %v with VAT", unit, pre)
	}
	iog := simtest.Get(tariffs, "b", "electricityAgreements", 0, "tariff").(map[string]any)
	var today []string
	for _, r := range iog["unitRates"].([]any) {
		r := r.(map[string]any)
		if math.Abs(r["preVatValue"].(float64)*1.05-r["value"].(float64)) > 0.006 {
			t.Errorf("a unit rate of %v is not its %v before VAT with VAT", r["value"], r["preVatValue"])
		}
		today = append(today, fmt.Sprint(r["validFrom"], "–", r["validTo"]))
	}
	if got, want := fmt.Sprint(iog["__typename"], " ", iog["tariffCode"], " ", iog["displayName"], " ", today), "HalfHourlyTariff E-1R-INTELLI-VAR-22-10-14-A Intelligent Octopus Go "+
		"[2026-12-01T23:30:00+00:00–2026-12-02T05:30:00+00:00 2026-12-02T05:30:00+00:00–2026-12-02T23:30:00+00:00 2026-12-02T23:30:00+00:00–2026-12-03T05:30:00+00:00 "+
		"2026-12-03T05:30:00+00:00–2026-12-03T23:30:00+00:00 2026-12-03T23:30:00+00:00–2026-12-04T05:30:00+00:00]"; got != want {
		t.Fatalf("the flat's tariff:\n got %s\nwant %s", got, want)
	}
	night := simtest.Get(iog, "unitRates", 0, "value")
	day := simtest.Get(iog, "unitRates", 1, "value")
	if night.(float64) >= day.(float64) || simtest.Get(iog, "unitRates", 2, "value") != night {
		t.Errorf("the off-peak rate %v against the day's %v", night, day)
	}
	const rates = `query($a: String!, $m: String!) { applicableRates(accountNumber: $a, mpxn: $m, startAt: "2026-12-01T00:00:00Z", endAt: "2026-12-02T00:00:00Z", first: 100) {
		edges { node { value validFrom validTo } } } }`
	for _, tc := range []struct {
		name, account, mpxn string
		want                []string // validFrom value …
		rate                []any
	}{
		{"single rate", "A-C90DC431", "1013004420117", []string{"2026-12-01T00:00:00+00:00"}, []any{unit}},
		{"gas", "A-C90DC431", "3406086401", []string{"2026-12-01T00:00:00+00:00"}, []any{gas}},
		{"Intelligent Octopus Go", "A-7B3E9D12", "1000007345180", []string{"2026-12-01T00:00:00+00:00", "2026-12-01T05:30:00+00:00", "2026-12-01T23:30:00+00:00"}, []any{night, day, night}},
	} {
		var nodes []map[string]any
		eachNode(q(rates, map[string]any{"a": tc.account, "m": tc.mpxn}), func(n map[string]any) { nodes = append(nodes, n) })
		if len(nodes) != len(tc.want) {
			t.Errorf("%s: %d periods %v, want %d", tc.name, len(nodes), nodes, len(tc.want))
			continue
		}
		for i, n := range nodes {
			v, _ := strconv.ParseFloat(n["value"].(string), 64)
			if n["validFrom"] != tc.want[i] || math.Abs(v*1.05-tc.rate[i].(float64)) > 0.001 { // before VAT, as Kraken's
				t.Errorf("%s: period %d is %v from %v, want %v from %s", tc.name, i, n["value"], n["validFrom"], tc.rate[i], tc.want[i])
			}
			if next := "2026-12-02T00:00:00+00:00"; i+1 < len(nodes) {
				next = nodes[i+1]["validFrom"].(string)
				if n["validTo"] != next {
					t.Errorf("%s: period %d ends %v, the next starts %v", tc.name, i, n["validTo"], next)
				}
			} else if n["validTo"] != next {
				t.Errorf("%s: the last period ends %v, not at the window's end", tc.name, n["validTo"])
			}
		}
	}
}

// TestOctopusMeterReadsAgree reads a meter of the demo account as the Home Assistant
// integration and openHAB do: its half-hourly consumption, its smart meter's telemetry,
// and its property's measurements filtered by the meter's device or MPAN. They are one
// register, and the telemetry's cost is at the meter's tariff.
func TestOctopusMeterReadsAgree(t *testing.T) {
	_, c := octopus(t)
	q := mustQuery(t, c)
	acct := q(`{ account(accountNumber: "A-C90DC431") { electricityAgreements(active: true) { tariff { ... on StandardTariff { preVatUnitRate } }
		meterPoint { mpan meters { serialNumber smartImportElectricityMeter { deviceId }
		  consumption(startAt: "2026-12-01T00:00:00Z", grouping: HALF_HOUR, timezone: "Europe/London", first: 6) { edges { node { startAt value } } } } } } } }`, nil)
	rate := simtest.Get(acct, "account", "electricityAgreements", 0, "tariff", "preVatUnitRate").(float64)
	meter := simtest.Get(acct, "account", "electricityAgreements", 0, "meterPoint", "meters", 0)
	device := simtest.Get(meter, "smartImportElectricityMeter", "deviceId")
	var kwh []float64
	eachNode(meter, func(n map[string]any) {
		v, _ := strconv.ParseFloat(fmt.Sprint(n["value"]), 64)
		kwh = append(kwh, v)
	})
	tele := q(`query($d: String!) { smartMeterTelemetry(deviceId: $d, start: "2026-12-01T00:00:00Z", end: "2026-12-01T03:00:00Z", grouping: HALF_HOURLY) {
		consumptionDelta costDelta } }`, map[string]any{"d": device})["smartMeterTelemetry"].([]any)
	if len(kwh) != 6 || len(tele) != 6 {
		t.Fatalf("%d half hours of consumption and %d of telemetry from %v", len(kwh), len(tele), device)
	}
	for i, r := range tele {
		wh, _ := strconv.ParseFloat(fmt.Sprint(simtest.Get(r, "consumptionDelta")), 64)
		cost, _ := strconv.ParseFloat(fmt.Sprint(simtest.Get(r, "costDelta")), 64)
		if math.Abs(wh/1000-kwh[i]) > 0.0011 {
			t.Errorf("half hour %d: telemetry %v Wh, the meter's consumption %v kWh", i, wh, kwh[i])
		}
		if math.Abs(cost-wh/1000*rate) > 0.006 {
			t.Errorf("half hour %d: %v Wh cost %v p; the tariff's %v p/kWh makes %.2f", i, wh, cost, rate, wh/1000*rate)
		}
	}
	mpan := simtest.Get(acct, "account", "electricityAgreements", 0, "meterPoint", "mpan")
	for _, filter := range []string{`deviceId: $id`, `marketSupplyPointId: $id`} {
		id := device
		if strings.HasPrefix(filter, "market") {
			id = mpan
		}
		got := q(`query($id: String!) { properties(accountNumber: "A-C90DC431") { measurements(first: 6, startAt: "2026-12-01T00:00:00Z",
			utilityFilters: [{electricityFilters: {`+filter+`, readingFrequencyType: THIRTY_MIN_INTERVAL}}]) { edges { node { value } } } } }`, map[string]any{"id": id})
		var read []float64
		eachNode(got, func(n map[string]any) {
			v, _ := strconv.ParseFloat(fmt.Sprint(n["value"]), 64)
			read = append(read, v)
		})
		if !slices.Equal(read, kwh) {
			t.Errorf("measurements by %s %v read %v; the meter's consumption is %v", filter, id, read, kwh)
		}
	}
}

// TestOctopusTelemetryFollowsTheMeterReadings reads the demo meter's telemetry over the
// month between its two readings in state: its register passes through the latest
// (14,498.5 kWh on 1 February 2025), and January's use is what the two readings make.
func TestOctopusTelemetryFollowsTheMeterReadings(t *testing.T) {
	_, c := octopus(t)
	q := mustQuery(t, c)
	device := simtest.Get(q(`{ account(accountNumber: "A-C90DC431") { electricityAgreements(active: true) { meterPoint { meters { smartImportElectricityMeter { deviceId } } } } } }`, nil),
		"account", "electricityAgreements", 0, "meterPoint", "meters", 0, "smartImportElectricityMeter", "deviceId")
	hours := q(`query($d: String!) { smartMeterTelemetry(deviceId: $d, start: "2025-01-01T00:00:00Z", end: "2025-02-01T00:00:00Z", grouping: HOURLY) {
		readAt consumption consumptionDelta } }`, map[string]any{"d": device})["smartMeterTelemetry"].([]any)
	if len(hours) != 31*24 {
		t.Fatalf("%d hours in January", len(hours))
	}
	var wh float64
	for _, d := range hours {
		v, _ := strconv.ParseFloat(fmt.Sprint(simtest.Get(d, "consumptionDelta")), 64)
		wh += v
	}
	if math.Abs(wh/1000-267.5) > 0.2 {
		t.Errorf("January used %.1f kWh; the readings of 1 January and 1 February make 267.5", wh/1000)
	}
	last, _ := strconv.ParseFloat(fmt.Sprint(simtest.Get(hours[len(hours)-1], "consumption")), 64)
	if math.Abs(last/1000-14498.5) > 0.05 {
		t.Errorf("the register read %.1f kWh at the end of January; the meter read 14,498.5 then", last/1000)
	}
}

// TestOctopusTransactionAmounts reads the demo account's transactions as the bills
// downloader does, with the deprecated amount beside amounts: amount is the gross a
// charge is billed at, and what a payment paid.
func TestOctopusTransactionAmounts(t *testing.T) {
	_, c := octopus(t)
	q := mustQuery(t, c)
	data := q(`{ account(accountNumber: "A-C90DC431") { transactions(first: 10) { edges { node { __typename amount amounts { net gross } } } } } }`, nil)
	n := 0
	eachNode(data, func(node map[string]any) {
		n++
		want := simtest.Get(node, "amounts", "gross")
		if node["__typename"] == "Payment" {
			want = simtest.Get(node, "amounts", "net")
		}
		if node["amount"] != want || want == nil {
			t.Errorf("a %v of amount %v, amounts %v", node["__typename"], node["amount"], node["amounts"])
		}
	})
	if n == 0 {
		t.Error("no transactions")
	}
}

// TestOriginMeterPointsAreTheAccounts reads the demo account on Origin's SDL, which
// lists every fuel's meter points and agreements in one field, ids its meter points
// with an Int and names the NMI identifier: they are the account's, as state holds them
// in the Australian default world.
func TestOriginMeterPointsAreTheAccounts(t *testing.T) {
	_, c := tenant(t, "origin-schema.graphql")
	q := mustQuery(t, c)
	data := q(`{ account(accountNumber: "A-C90DC431") {
		balance totalBalanceOwing
		agreements(active: true) { __typename id isActive validTo meterPoint { id identifier } }
		properties { label meterPoints { __typename id identifier agreements { id }
			... on MeterPointType { isOnSupply supplyStatus energizationStatus supplyEndDate meters { serialNumber } } } } } }`, nil)
	var agreements []string
	for _, a := range simtest.Get(data, "account", "agreements").([]any) {
		agreements = append(agreements, fmt.Sprintf("%v %.0f %v %v %.0f %v", simtest.Get(a, "__typename"), simtest.Get(a, "id"), simtest.Get(a, "isActive"),
			simtest.Get(a, "validTo"), simtest.Get(a, "meterPoint", "id"), simtest.Get(a, "meterPoint", "identifier")))
	}
	if want := []string{"ElectricityAgreementType 9100001 true <nil> 1873520 4102004420", "GasAgreementType 9100002 true <nil> 1473660 5240860640"}; !slices.Equal(agreements, want) {
		t.Errorf("agreements:\n%s\nwant:\n%s", strings.Join(agreements, "\n"), strings.Join(want, "\n"))
	}
	if bal, owing := simtest.Get(data, "account", "balance"), simtest.Get(data, "account", "totalBalanceOwing"); bal != 4230.0 || owing != 0.0 {
		t.Errorf("an account with a balance of %v owes %v", bal, owing)
	}
	for acct, want := range map[string]string{"A-C90DC431": "[]", "A-7B3E9D12": "[map[amount:1580 dueDate:2026-11-30 statement:map[id:647814054]]]"} {
		due := q(`query($a: String!) { account(accountNumber: $a) { dueCharges { amount dueDate statement { id } } } }`, map[string]any{"a": acct})
		if got := fmt.Sprint(simtest.Get(due, "account", "dueCharges")); got != want {
			t.Errorf("%s has due charges %s, want %s", acct, got, want)
		}
	}
	if label := simtest.Get(data, "account", "properties", 0, "label"); label != nil {
		t.Errorf("the property is labelled %v, which no one gave it", label)
	}
	points := simtest.Get(data, "account", "properties", 0, "meterPoints").([]any)
	if len(points) != 2 {
		t.Fatalf("meter points %v, want the electricity and gas ones", points)
	}
	elec := points[0]
	for field, want := range map[string]any{"__typename": "MeterPointType", "id": 1873520.0, "identifier": "4102004420", "isOnSupply": true,
		"supplyStatus": "ON_SUPPLY", "energizationStatus": "A", "supplyEndDate": nil} {
		if got := simtest.Get(elec, field); got != want {
			t.Errorf("the electricity meter point's %s is %v, want %v", field, got, want)
		}
	}
	if got := simtest.Get(elec, "meters", 0, "serialNumber"); got != "19L3471092" {
		t.Errorf("its meter is %v", got)
	}
	if got := simtest.Get(points[1], "__typename"); got != "GasMeterPointType" {
		t.Errorf("the gas meter point is a %v", got)
	}
}

// TestOctopusReferralSchemeIsTheAccounts reads the demo account's referral scheme as a
// "refer a friend" page does, and refers the demo user's second account with its link:
// the code is the account's, the link refers, and a referred account can no longer be.
// Whether the account can ask for a refund is said the same way in both fields.
func TestOctopusReferralSchemeIsTheAccounts(t *testing.T) {
	_, c := octopus(t)
	q := mustQuery(t, c)
	scheme := `query($a: String!) { account(accountNumber: $a) { canRequestRefund requestRefundEligibility { canRequestRefund }
		activeReferralSchemes { domestic { code referralUrl referredRewardAmount canBeReferred referrerGivenName } } } }`
	demo := q(scheme, map[string]any{"a": "A-C90DC431"})
	if a, b := simtest.Get(demo, "account", "canRequestRefund"), simtest.Get(demo, "account", "requestRefundEligibility", "canRequestRefund"); a != b {
		t.Errorf("canRequestRefund %v, requestRefundEligibility.canRequestRefund %v", a, b)
	}
	dom := simtest.Get(demo, "account", "activeReferralSchemes", "domestic")
	url, _ := simtest.Get(dom, "referralUrl").(string)
	if simtest.Get(dom, "code") != "jamie-otter-431" || !strings.HasSuffix(url, "/jamie-otter-431") || simtest.Get(dom, "referrerGivenName") != "Jamie" {
		t.Fatalf("the demo account's scheme is %v", dom)
	}
	reward := q(`mutation($r: String!) { createReferral(input: {accountNumber: "A-7B3E9D12", reference: $r}) { referredAccountRewardAmount } }`, map[string]any{"r": url})
	if got := simtest.Get(reward, "createReferral", "referredAccountRewardAmount"); got != simtest.Get(dom, "referredRewardAmount") {
		t.Errorf("referred by the scheme's link, the account got %v; the scheme promises %v", got, simtest.Get(dom, "referredRewardAmount"))
	}
	if got := simtest.Get(q(scheme, map[string]any{"a": "A-7B3E9D12"}), "account", "activeReferralSchemes", "domestic", "canBeReferred"); got != false {
		t.Errorf("a referred account canBeReferred %v", got)
	}
}

// TestOctopusProductIsTheAgreements looks the demo account's product up by its code, as
// tariff-switching clients do: it is that product, launched when its code says, and its
// tariff in the account's region is the agreement's, at the agreement's prices.
func TestOctopusProductIsTheAgreements(t *testing.T) {
	_, c := octopus(t)
	q := mustQuery(t, c)
	ag := simtest.Get(q(`{ account(accountNumber: "A-C90DC431") { electricityAgreements(active: true) { tariff { ... on StandardTariff {
		tariffCode productCode displayName fullName unitRate standingCharge } } } } }`, nil), "account", "electricityAgreements", 0, "tariff").(map[string]any)
	data := q(`query($code: String!) { energyProduct(code: $code) { code displayName fullName isVariable isFixed term availableFrom availableTo
		tariffs(postcode: "NR3 1AB", first: 10) { edges { node { __typename ... on StandardTariff { tariffCode displayName fullName unitRate standingCharge } } } } } }`,
		map[string]any{"code": ag["productCode"]})
	p := data["energyProduct"].(map[string]any)
	for field, want := range map[string]any{"code": "VAR-22-11-01", "isVariable": true, "isFixed": false, "term": nil,
		"availableFrom": "2022-11-01T00:00:00+00:00", "availableTo": nil, "displayName": ag["displayName"], "fullName": ag["fullName"]} {
		if p[field] != want {
			t.Errorf("the product's %s is %v, want %v", field, p[field], want)
		}
	}
	var same map[string]any
	eachNode(p, func(n map[string]any) {
		if n["tariffCode"] == ag["tariffCode"] {
			same = n
		}
	})
	if same == nil {
		t.Fatalf("the product's tariffs at NR3 1AB hold no %v: %v", ag["tariffCode"], p["tariffs"])
	}
	for _, f := range []string{"displayName", "fullName", "unitRate", "standingCharge"} {
		if same[f] != ag[f] {
			t.Errorf("the product's tariff %s is %v, the agreement's %v", f, same[f], ag[f])
		}
	}
}

// TestOctopusProductsByCode looks products up by code, known and not: a code that names
// no product answers null (an empty one too, beside an agreement that names no product),
// and a product whose code carries no launch date, which an agreement is on, launched
// when that agreement began.
func TestOctopusProductsByCode(t *testing.T) {
	_, c := tenant(t, "octopus-schema.graphql", func(w *sim.World) {
		w.Accounts[0].Properties[0].ElectricityMeterPoints[0].Agreements[1].ProductCode = "HOUSE-SPECIAL"
		w.Accounts[0].Properties[0].GasMeterPoints[0].Agreements[1].ProductCode = ""
	})
	for _, tt := range []struct {
		code string
		want any
	}{
		{"AGILE-24-10-01", "2024-10-01T00:00:00+01:00"},
		{"HOUSE-SPECIAL", "2024-01-01T00:00:00+00:00"},
		{"house-special", "2024-01-01T00:00:00+00:00"},
		{"x", nil},
		{"", nil},
	} {
		out := c.Query(`query($code: String!) { energyProduct(code: $code) { code availableFrom } }`, map[string]any{"code": tt.code})
		got := simtest.Get(out.Data, "energyProduct", "availableFrom")
		if len(out.Errors) > 0 || got != tt.want {
			t.Errorf("energyProduct(code: %q) launched %v, want %v (errors %v)", tt.code, got, tt.want, out.Errors)
		}
	}
}

// TestOctopusProductsOnOffer lists the products on offer at the demo account's postcode,
// as a tariff-switching page does: the account's own product is among them, each
// filter keeps only what it names, and a postcode of no region has none.
func TestOctopusProductsOnOffer(t *testing.T) {
	_, c := octopus(t)
	q := mustQuery(t, c)
	list := func(args string) []map[string]any {
		var out []map[string]any
		eachNode(q(`{ energyProducts(`+args+`, first: 50) { edges { node { code isVariable isFixed isChargedHalfHourly
			tariffs(postcode: "NR3 1AB", first: 5) { edges { node { __typename } } } } } } }`, nil), func(n map[string]any) { out = append(out, n) })
		return out
	}
	all := list(`postcode: "NR3 1AB"`)
	var codes []string
	for _, p := range all {
		codes = append(codes, p["code"].(string))
	}
	if !slices.Contains(codes, "VAR-22-11-01") {
		t.Errorf("products on offer %v leave out the demo account's VAR-22-11-01", codes)
	}
	for filter, field := range map[string]string{"FIXED": "isFixed", "VARIABLE": "isVariable", "SMART": "isChargedHalfHourly"} {
		got := list(`postcode: "NR3 1AB", filterBy: [` + filter + `]`)
		if len(got) == 0 || len(got) == len(all) {
			t.Errorf("filterBy %s kept %d of %d", filter, len(got), len(all))
		}
		for _, p := range got {
			if p[field] != true {
				t.Errorf("filterBy %s kept %v", filter, p)
			}
		}
	}
	if got := list(`postcode: "ZZ9 9ZZ"`); len(got) != 0 {
		t.Errorf("a postcode of no region has %d products", len(got))
	}
}

// TestOriginUsageEstimate reads the demo account's estimated usage and cost on Origin's
// SDL: the electricity meter's daily use is a year's mean of what its two readings show
// (267.5 kWh in January's 31 days, summer in Sydney, when a home uses a fifth less than
// its mean), each longer period is that many days of it, and a period costs at least
// its energy.
func TestOriginUsageEstimate(t *testing.T) {
	_, c := tenant(t, "origin-schema.graphql")
	est := mustQuery(t, c)(`{ account(accountNumber: "A-C90DC431") { estimatedUsageAndCost {
		electricityEstimation { failureReasons dailyEstimation { usageEnergy usageCost totalCost } weeklyEstimation { usageEnergy usageCost totalCost }
			yearlyEstimation { usageEnergy usageCost totalCost } }
		gasEstimation { dailyEstimation { usageEnergy } yearlyEstimation { usageEnergy } } } } }`, nil)
	e := simtest.Get(est, "account", "estimatedUsageAndCost", "electricityEstimation")
	num := func(path ...any) float64 { f, _ := simtest.Get(e, path...).(float64); return f }
	if day := num("dailyEstimation", "usageEnergy"); day < 267.5/31/0.82 || day > 267.5/31/0.78 {
		t.Errorf("a day's estimated use is %v kWh; the meter's readings of a Sydney summer make %.2f a day over the year", day, 267.5/31/0.8)
	}
	for period, days := range map[string]float64{"weeklyEstimation": 7, "yearlyEstimation": 365} {
		if got, want := num(period, "usageEnergy"), num("dailyEstimation", "usageEnergy")*days; math.Abs(got-want) > days*0.01 {
			t.Errorf("%s uses %v kWh, %v days of %v", period, got, days, num("dailyEstimation", "usageEnergy"))
		}
		if got, want := num(period, "usageCost"), num("dailyEstimation", "usageCost")*days; math.Abs(got-want) > days {
			t.Errorf("%s costs %v, %v days of %v", period, got, days, num("dailyEstimation", "usageCost"))
		}
		if num(period, "totalCost") < num(period, "usageCost") {
			t.Errorf("%s totals %v, less than its usage %v", period, num(period, "totalCost"), num(period, "usageCost"))
		}
	}
	if r := simtest.Get(e, "failureReasons"); r != nil {
		t.Errorf("an estimate given with the failure %v", r)
	}
	gas := simtest.Get(est, "account", "estimatedUsageAndCost", "gasEstimation")
	if d, y := simtest.Get(gas, "dailyEstimation", "usageEnergy").(float64), simtest.Get(gas, "yearlyEstimation", "usageEnergy").(float64); d <= 0 || math.Abs(y-365*d) > 4 {
		t.Errorf("gas: %v MJ a day, %v a year", d, y)
	}
}

// TestOctopusOctoplusIsTheLoyaltyLedger reads the demo account's Octoplus standing and
// wallet, as the Homey app does, beside the loyalty ledger: the demo user earns its
// points, the account is eligible (as Octopus's dashboard shows a member), and the
// wallet holds what the ledger carries forward, before and after a redemption.
func TestOctopusOctoplusIsTheLoyaltyLedger(t *testing.T) {
	_, c := octopus(t)
	q := mustQuery(t, c)
	read := `{ octoplusAccountInfo(accountNumber: "A-C90DC431") { isOctoplusEnrolled isLoyaltyPointsUser octoplusEligibility { isEligible ineligibilityReason ineligibilityReasons } }
		octoPoints(accountNumber: "A-C90DC431") { account(accountNumber: "A-C90DC431") { currentPointsInWallet events { reason pointsAddedToWallet } } }
		loyaltyPointLedgers { value balanceCarriedForward } }`
	check := func(when string, wantEvents int) (carried any) {
		data := q(read, nil)
		info := data["octoplusAccountInfo"]
		if simtest.Get(info, "isOctoplusEnrolled") != true || simtest.Get(info, "isLoyaltyPointsUser") != true || simtest.Get(info, "octoplusEligibility", "isEligible") != true {
			t.Errorf("%s: octoplusAccountInfo %v", when, info)
		}
		if why := simtest.Get(info, "octoplusEligibility", "ineligibilityReasons"); fmt.Sprint(why) != "[]" {
			t.Errorf("%s: an enrolled account is ineligible because %v", when, why)
		}
		wallet := simtest.Get(data, "octoPoints", "account")
		carried = simtest.Get(data, "loyaltyPointLedgers", 0, "balanceCarriedForward")
		if fmt.Sprint(simtest.Get(wallet, "currentPointsInWallet")) != carried {
			t.Errorf("%s: the wallet holds %v, the loyalty ledger carries %v forward", when, simtest.Get(wallet, "currentPointsInWallet"), carried)
		}
		events := simtest.Get(wallet, "events").([]any)
		if wantEvents < 0 {
			wantEvents = len(events)
		}
		if len(events) != wantEvents || len(events) < 2 || simtest.Get(events[len(events)-1], "pointsAddedToWallet") != 1200.0 {
			t.Errorf("%s: wallet events %v, want %d from an opening 1200", when, events, wantEvents)
		}
		return carried
	}
	data := q(read, nil)
	before := len(simtest.Get(data, "octoPoints", "account", "events").([]any))
	carried := check("before", before)
	q(`mutation { redeemLoyaltyPointsForAccountCredit(input: {accountNumber: "A-C90DC431", points: 200}) { pointsRedeemed } }`, nil)
	if after := check("after redeeming 200", before+1); fmt.Sprint(after) != fmt.Sprint(toInt(carried)-200) {
		t.Errorf("after redeeming 200 of %v the ledger carries %v forward", carried, after)
	}
}

// toInt reads a loyalty ledger's balance, a string of digits.
func toInt(v any) int {
	n, _ := strconv.Atoi(fmt.Sprint(v))
	return n
}

// TestOctopusWheelOfFortune: each fuel an account is supplied with has one spin a
// month, used or left; a spin needs the terms accepted, uses its fuel's spin, lands on one of the
// wheel's segments and credits it to the account; with none left it fails with the
// documented error and its documented description.
func TestOctopusWheelOfFortune(t *testing.T) {
	_, c := octopus(t)
	q := mustQuery(t, c)
	read := `{ wheelOfFortuneSpins(accountNumber: "A-C90DC431") { electricity { maxSpinsPerMonth remainingSpinsThisMonth usedSpinsThisMonth } gas { remainingSpinsThisMonth } }
		wheelOfFortuneSegments { segments } account(accountNumber: "A-C90DC431") { balance } viewer { isOptedInToWof } }`
	spin := `mutation($t: Boolean!) { spinWheelOfFortune(input: {accountNumber: "A-C90DC431", supplyType: ELECTRICITY, termsAccepted: $t}) { spinResult { prizeAmount } } }`
	code := func(out *simtest.Response) string {
		if len(out.Errors) == 0 {
			return ""
		}
		return fmt.Sprint(out.Errors[0].Extensions["errorCode"], ": ", out.Errors[0].Extensions["errorDescription"])
	}
	before := q(read, nil)
	if got := fmt.Sprint(simtest.Get(before, "wheelOfFortuneSpins")); got != "map[electricity:map[maxSpinsPerMonth:1 remainingSpinsThisMonth:1 usedSpinsThisMonth:0] gas:map[remainingSpinsThisMonth:1]]" {
		t.Fatalf("spins before: %s", got)
	}
	segments := map[float64]bool{}
	for _, s := range simtest.Get(before, "wheelOfFortuneSegments", "segments").([]any) {
		segments[s.(float64)] = true
	}
	if got := code(c.Query(spin, map[string]any{"t": false})); got != "KT-CT-7011: Terms must be accepted." {
		t.Errorf("a spin without the terms: %q", got)
	}
	out := c.Query(spin, map[string]any{"t": true})
	prize, _ := simtest.Get(out.Data, "spinWheelOfFortune", "spinResult", "prizeAmount").(float64)
	if len(out.Errors) > 0 || !segments[prize] {
		t.Fatalf("a spin won %v: %+v", prize, out.Errors)
	}
	if got := code(c.Query(spin, map[string]any{"t": true})); got != "KT-CT-7010: The account does not have any available submissions." {
		t.Errorf("a second spin: %q", got)
	}
	after := q(read, nil)
	if left := simtest.Get(after, "wheelOfFortuneSpins", "electricity", "remainingSpinsThisMonth"); left != 0.0 || simtest.Get(after, "wheelOfFortuneSpins", "electricity", "usedSpinsThisMonth") != 1.0 ||
		simtest.Get(after, "wheelOfFortuneSpins", "gas", "remainingSpinsThisMonth") != 1.0 {
		t.Errorf("spins after: %v", simtest.Get(after, "wheelOfFortuneSpins"))
	}
	if b0, b1 := simtest.Get(before, "account", "balance").(float64), simtest.Get(after, "account", "balance").(float64); b1-b0 != prize {
		t.Errorf("won %v pence, the balance went from %v to %v", prize, b0, b1)
	}
	if b0, b1 := simtest.Get(before, "viewer", "isOptedInToWof"), simtest.Get(after, "viewer", "isOptedInToWof"); b0 != false || b1 != true {
		t.Errorf("opted in to the wheel before a spin %v, after %v", b0, b1)
	}
}

// TestOriginSiteIsTheProperty reads Origin's meter points as a client does: their site is
// the property's address, their supply type their fuel, and an agreement's product the one
// its tariff is of.
func TestOriginSiteIsTheProperty(t *testing.T) {
	_, c := tenant(t, "origin-schema.graphql")
	q := mustQuery(t, c)
	for _, acct := range []string{"A-C90DC431", "A-7B3E9D12"} {
		data := q(`query($a: String!) { account(accountNumber: $a) { properties {
			postcode richAddress { locality administrativeArea postalCode }
			meterPoints { identifier supplyType
				... on MeterPointType { siteAddress { locality administrativeArea postalCode } address { locality state postcode streetName } }
				... on GasMeterPointType { address { locality state postcode streetName } }
				agreements { supplyType ... on ElectricityAgreementType { product { code } } ... on GasAgreementType { product { code } } } } } } }`,
			map[string]any{"a": acct})
		for _, p := range simtest.Get(data, "account", "properties").([]any) {
			rich := simtest.Get(p, "richAddress")
			for _, mp := range simtest.Get(p, "meterPoints").([]any) {
				id := simtest.Get(mp, "identifier")
				if site := simtest.Get(mp, "siteAddress"); site != nil && fmt.Sprint(site) != fmt.Sprint(rich) {
					t.Errorf("%s: meter point %v is sited at %v, its property at %v", acct, id, site, rich)
				}
				addr := simtest.Get(mp, "address")
				if simtest.Get(addr, "postcode") != simtest.Get(p, "postcode") || simtest.Get(addr, "locality") != simtest.Get(rich, "locality") || simtest.Get(addr, "streetName") == nil {
					t.Errorf("%s: meter point %v's address is %v, its property's %v", acct, id, addr, rich)
				}
				fuel := simtest.Get(mp, "supplyType")
				if fuel != "ELECTRICITY" && fuel != "GAS" {
					t.Errorf("%s: meter point %v supplies %v", acct, id, fuel)
				}
				for _, ag := range simtest.Get(mp, "agreements").([]any) {
					if simtest.Get(ag, "supplyType") != fuel || simtest.Get(ag, "product", "code") == nil {
						t.Errorf("%s: meter point %v supplies %v under an agreement %v", acct, id, fuel, ag)
					}
				}
			}
		}
	}
}

// TestOriginPlanRatesAreTheTariffs reads a plan's rates as Origin's app shows them: the
// daily supply charge and the usage rates of the agreement's tariff, in cents and AUD,
// with GST, for the agreement's term.
func TestOriginPlanRatesAreTheTariffs(t *testing.T) {
	_, c := tenant(t, "origin-schema.graphql")
	q := mustQuery(t, c)
	const rates = `query($a: String!, $at: Date) { account(accountNumber: $a) { agreements(active: true) {
		... on ElectricityAgreementType { validFrom product { marketName paginatedRates(ratesActiveAt: $at) { edges { node {
			... on ElectricityRateType { bandCategory unitType timeOfDay currency rateExcludingTax rateIncludingTax validFrom } } } } } }
		... on GasAgreementType { product { marketName paginatedRates(ratesActiveAt: $at) { edges { node {
			... on GasRateType { bandCategory unitType currency rateExcludingTax rateIncludingTax } } } } } } } } }`
	for acct, want := range map[string][]string{
		"A-C90DC431": {"AUS_ELECTRICITY STANDING_CHARGE DAYS_ON_SUPPLY <nil>", "AUS_ELECTRICITY CONSUMPTION_CHARGE KWH_CONSUMPTION <nil>",
			"AUS_GAS STANDING_CHARGE DAYS_ON_SUPPLY <nil>", "AUS_GAS CONSUMPTION_CHARGE MEGAJOULES_CONSUMPTION <nil>"},
		"A-7B3E9D12": {"AUS_ELECTRICITY STANDING_CHARGE DAYS_ON_SUPPLY <nil>", "AUS_ELECTRICITY CONSUMPTION_CHARGE KWH_CONSUMPTION PEAK",
			"AUS_ELECTRICITY CONSUMPTION_CHARGE KWH_CONSUMPTION OFF_PEAK"},
	} {
		data := q(rates, map[string]any{"a": acct, "at": "2026-12-02"})
		var got []string
		for _, ag := range simtest.Get(data, "account", "agreements").([]any) {
			for _, e := range simtest.Get(ag, "product", "paginatedRates", "edges").([]any) {
				n := simtest.Get(e, "node")
				got = append(got, fmt.Sprint(simtest.Get(ag, "product", "marketName"), " ", simtest.Get(n, "bandCategory"), " ", simtest.Get(n, "unitType"), " ", simtest.Get(n, "timeOfDay")))
				ex, inc := simtest.Get(n, "rateExcludingTax").(float64), simtest.Get(n, "rateIncludingTax").(float64)
				if simtest.Get(n, "currency") != "AUD" || ex <= 0 || math.Abs(inc-ex*1.1) > 0.01 {
					t.Errorf("%s: a rate of %v c ex GST, %v c with it, in %v", acct, ex, inc, simtest.Get(n, "currency"))
				}
				if simtest.Get(n, "unitType") == "DAYS_ON_SUPPLY" && simtest.Get(ag, "product", "marketName") == "AUS_ELECTRICITY" && (ex < 85 || ex > 125) {
					t.Errorf("%s: a daily supply charge of %v c, where Australian ones run 85–125", acct, ex)
				}
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s's plans charge\n%s\nwant\n%s", acct, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		before := q(rates, map[string]any{"a": acct, "at": "2015-01-01"})
		if edges := simtest.Get(before, "account", "agreements", 0, "product", "paginatedRates", "edges"); len(edges.([]any)) != 0 {
			t.Errorf("%s's plan charged %v in 2015, before it began", acct, edges)
		}
	}
}

// TestOriginMoneyAndMetersAreAustralian reads what Origin's SDL types the Australian way:
// a gas meter is a GAS meter of its size, and goods are quoted in AUD.
func TestOriginMoneyAndMetersAreAustralian(t *testing.T) {
	_, c := tenant(t, "origin-schema.graphql")
	q := mustQuery(t, c)
	data := q(`{ account(accountNumber: "A-C90DC431") { properties { meterPoints { ... on GasMeterPointType { meters { meterType meterTypeSizeCode } } } } }
		goodsQuotes(accountNumber: "A-C90DC431") { goodsQuotedProducts { currency } } }`, nil)
	if got := fmt.Sprint(simtest.Get(data, "account", "properties", 0, "meterPoints", 1, "meters")); got != "[map[meterType:GAS meterTypeSizeCode:U6]]" {
		t.Errorf("the gas meter is %s", got)
	}
	if got := simtest.Get(data, "goodsQuotes", 0, "goodsQuotedProducts", 0, "currency"); got != "AUD" {
		t.Errorf("goods are quoted in %v", got)
	}
}

// TestOriginPaymentsAreTheLedgers reads payments and schedules on Origin's SDL, which
// names the ledger a schedule pays into and what of a payment can be refunded.
func TestOriginPaymentsAreTheLedgers(t *testing.T) {
	_, c := tenant(t, "origin-schema.graphql")
	q := mustQuery(t, c)
	data := q(`{ account(accountNumber: "A-7B3E9D12") { paymentSchedules(first: 5) { edges { node { ledgerNumber } } }
		payments(first: 5) { edges { node { amount status refundableAmount } } } } }`, nil)
	if got := simtest.Get(data, "account", "paymentSchedules", "edges", 0, "node", "ledgerNumber"); got != "L-7B3E9D01" {
		t.Errorf("the schedule pays into %v, want the account's L-7B3E9D01", got)
	}
	for _, e := range simtest.Get(data, "account", "payments", "edges").([]any) {
		n := simtest.Get(e, "node")
		want := 0.0
		if simtest.Get(n, "status") == "CLEARED" {
			want = simtest.Get(n, "amount").(float64)
		}
		if got := simtest.Get(n, "refundableAmount"); got != want {
			t.Errorf("a %v payment of %v can refund %v, want %v", simtest.Get(n, "status"), simtest.Get(n, "amount"), got, want)
		}
	}
}

// TestOctopusGasZonesAreTheProperty reads a gas meter point's distribution zone, which
// Xoserve sets by where the supply is: Norwich is Eastern (EA), London North Thames (NT).
func TestOctopusGasZonesAreTheProperty(t *testing.T) {
	_, c := octopus(t)
	q := mustQuery(t, c)
	got := simtest.Get(q(`{ account(accountNumber: "A-C90DC431") { properties { gasMeterPoints { ldz exitZone } } } }`, nil), "account", "properties", 0, "gasMeterPoints", 0)
	if fmt.Sprint(got) != "map[exitZone:EA1 ldz:EA]" {
		t.Errorf("a Norwich gas supply is in %v", got)
	}
}

// TestOriginSuppliesAreTheAccounts reads what Origin's SDL says of a supply that the
// state knows: its network from its NMI or MIRN, its meter by its installation type,
// its status, its agreement's supply point and its property's lines and occupants.
func TestOriginSuppliesAreTheAccounts(t *testing.T) {
	_, c := tenant(t, "origin-schema.graphql")
	q := mustQuery(t, c)
	data := q(`{ account(accountNumber: "A-C90DC431") {
		agreements { ... on ElectricityAgreementType { terminatedAt supplyPoint { marketName property { id } meterPoint { identifier } } }
			... on GasAgreementType { terminatedAt supplyPoint { marketName property { id } meterPoint { identifier } } } }
		properties { id addressLine1 addressLine2 addressLine3 addressLine4 occupancyPeriods { accountNumber numberOfOccupants }
			meterPoints { identifier
				... on MeterPointType { supplyStatus isOnSupply lnsp { id shortName } meters { status isSmart isRemotelyRead isManuallyRead isUnmetered readTypeMethod installationType nextScheduledReadDate }
					jurisdiction customerClassification nmiClassification roles { frmp lnsp } }
				... on GasMeterPointType { supplyStatus isOnSupply distributor { shortName } } } } } }`, nil)
	for field, want := range map[string]string{
		"agreements": "[map[supplyPoint:map[marketName:AUS_ELECTRICITY meterPoint:map[identifier:4102004420] property:map[id:2214531]] terminatedAt:2024-01-01T00:00:00+11:00] map[supplyPoint:map[marketName:AUS_ELECTRICITY meterPoint:map[identifier:4102004420] property:map[id:2214531]] terminatedAt:<nil>] " +
			"map[supplyPoint:map[marketName:AUS_GAS meterPoint:map[identifier:5240860640] property:map[id:2214531]] terminatedAt:2024-01-01T00:00:00+11:00] map[supplyPoint:map[marketName:AUS_GAS meterPoint:map[identifier:5240860640] property:map[id:2214531]] terminatedAt:<nil>]]",
		"properties.0.addressLine1":     "41 Kraken Street",
		"properties.0.addressLine3":     "NSW",
		"properties.0.addressLine4":     "",
		"properties.0.occupancyPeriods": "[map[accountNumber:A-C90DC431 numberOfOccupants:2]]",
		"properties.0.meterPoints.0":    "map[customerClassification:RESIDENTIAL identifier:4102004420 isOnSupply:true jurisdiction:NSW lnsp:map[id:AUSGRID shortName:Ausgrid] meters:[map[installationType:COMMS4D isManuallyRead:false isRemotelyRead:true isSmart:true isUnmetered:false nextScheduledReadDate:2026-12-03 readTypeMethod:R status:C]] nmiClassification:SMALL roles:map[frmp:ORIGIN lnsp:AUSGRID] supplyStatus:ON_SUPPLY]",
		"properties.0.meterPoints.1":    "map[distributor:map[shortName:Jemena Gas Networks] identifier:5240860640 isOnSupply:true supplyStatus:ON_SUPPLY]",
	} {
		var path []any
		for _, p := range strings.Split(field, ".") {
			if n, err := strconv.Atoi(p); err == nil {
				path = append(path, n)
			} else {
				path = append(path, p)
			}
		}
		if got := fmt.Sprint(simtest.Get(simtest.Get(data, "account"), path...)); got != want {
			t.Errorf("%s = %s\nwant %s", field, got, want)
		}
	}
}

// TestOctopusRepaymentsAreTheLedgers reads an account's repayments, which the state holds
// as its ledgers' refunds: none on the demo account until a refund is imported.
func TestOctopusRepaymentsAreTheLedgers(t *testing.T) {
	srv, c := octopus(t)
	q := mustQuery(t, c)
	const repayments = `{ account(accountNumber: "A-C90DC431") { repayments(first: 5) { edges { node { id amount paymentDate status } } } } }`
	if got := fmt.Sprint(simtest.Get(q(repayments, nil), "account", "repayments", "edges")); got != "[]" {
		t.Errorf("an account never refunded has repayments %s", got)
	}
	importer := srv.ClientIn(t, c.Session)
	importer.Header.Set("Authorization", "Token krakensim-import-key")
	status, body := importer.Do(http.MethodPost, "/v1/data-import/transactions/create/",
		[]byte(`{"import_supplier":"TENTACLE_ENERGY","external_account_number":"EXTERNAL-1234","transactions":[{"transaction_id":"refund-1","transaction_date":"2019-10-03","amount":"25.00","type":"REPAYMENT","payment_type":"DIRECT_CREDIT"}]}`))
	if status != 201 {
		t.Fatalf("import: %d %s", status, body)
	}
	if got := fmt.Sprint(simtest.Get(q(repayments, nil), "account", "repayments", "edges")); got != "[map[node:map[amount:2500 id:2 paymentDate:2019-10-03 status:PAID]]]" {
		t.Errorf("after a refund of £25 the repayments are %s", got)
	}
	if got := fmt.Sprint(simtest.Get(q(`{ account(accountNumber: "A-C90DC431") { repayments(statuses: [REQUESTED]) { edges { node { id } } } } }`, nil), "account", "repayments", "edges")); got != "[]" {
		t.Errorf("requested repayments: %s", got)
	}
}

// TestOriginPortfolioIsTheAccounts reads the portfolio of an account the state holds: its
// own, billed and branded as it is, led by it and holding it.
func TestOriginPortfolioIsTheAccounts(t *testing.T) {
	_, c := tenant(t, "origin-schema.graphql")
	q := mustQuery(t, c)
	p := simtest.Get(q(`{ account(accountNumber: "A-7B3E9D12") { portfolio { billingName leadAccountNumber brand createdAt depth parent { id } ancestors { totalCount } accounts { edges { node { number } } } } } }`, nil), "account", "portfolio")
	if got := fmt.Sprint(p); got != "map[accounts:map[edges:[map[node:map[number:A-7B3E9D12]]]] ancestors:map[totalCount:0] billingName:Jamie Carter brand:ORIGIN createdAt:2022-05-04T00:00:00+10:00 depth:1 leadAccountNumber:A-7B3E9D12 parent:<nil>]" {
		t.Errorf("the flat's portfolio is %s", got)
	}
}

// TestOriginViewerJoinedWithTheirAccounts reads the demo user as Origin's SDL has them: a
// user's number is a user's, and they joined when their first account was opened.
func TestOriginViewerJoinedWithTheirAccounts(t *testing.T) {
	_, c := tenant(t, "origin-schema.graphql")
	v := simtest.Get(mustQuery(t, c)(`{ viewer { number createdAt } }`, nil), "viewer")
	if n, _ := simtest.Get(v, "number").(string); !strings.HasPrefix(n, "U-") || simtest.Get(v, "createdAt") != "2019-09-16T19:30:00+10:00" {
		t.Errorf("the demo user is %v", v)
	}
}

// TestOctopusBillsEmailedToTheViewer asks for the bills emailed to the signed-in user:
// the demo account has no billing email of its own, so its bills go to each of its users,
// Robin as well as Jamie; once it has one, the bills after go there alone.
func TestOctopusBillsEmailedToTheViewer(t *testing.T) {
	srv, c := octopus(t)
	const bills = `{ account(accountNumber: "A-C90DC431") { bills(first: 5, includeOpenStatements: true, fromDate: "2026-11-01", onlyCurrentEmail: %v) { edges { node { id } } } } }`
	count := func(c *simtest.Client, only bool) int {
		return len(simtest.Get(mustQuery(t, c)(fmt.Sprintf(bills, only), nil), "account", "bills", "edges").([]any))
	}
	if all, emailed := count(c, false), count(c, true); all != 2 || emailed != 1 {
		t.Errorf("the demo user sees %d bills, %d emailed to them; want 2 (one open) and 1", all, emailed)
	}
	robin := srv.ClientIn(t, c.Session)
	robin.SignIn("robin@krakensim.dev", "krakensim")
	if all, emailed := count(robin, false), count(robin, true); all != 2 || emailed != 1 {
		t.Errorf("Robin sees %d bills, %d emailed to them; want 2 and 1", all, emailed)
	}
	mustQuery(t, c)(`mutation { updateAccountBillingEmail(input: {accountNumber: "A-C90DC431", billingEmail: "bills@example.org"}) { account { number } } }`, nil)
	later(c, 34*24*time.Hour) // December's statement issued on 2 January 2027
	robin.SignIn("robin@krakensim.dev", "krakensim")
	const since = `{ account(accountNumber: "A-C90DC431") { bills(first: 5, fromDate: "2026-11-01", onlyCurrentEmail: true) { edges { node { issuedDate } } } } }`
	for _, u := range []*simtest.Client{c, robin} {
		if got := fmt.Sprint(simtest.Get(mustQuery(t, u)(since, nil), "account", "bills", "edges")); got != "[map[node:map[issuedDate:2026-12-02]]]" {
			t.Errorf("bills emailed to a user since the billing email was set: %s", got)
		}
	}
}

// TestOctopusReferralsAreTheAccounts reads the referrals an account made and its rewards:
// as many as it made, each paying the scheme's £50 to both sides, one named by the account
// that joined with its link; each reward is a referral's, paid the day it was, after the
// account opened.
func TestOctopusReferralsAreTheAccounts(t *testing.T) {
	_, c := octopus(t)
	q := mustQuery(t, c)
	const referrals = `query($a: String!) { account(accountNumber: $a) { referralsCreated
		referrals(first: 10) { totalCount edges { node { id paymentDate code referredUserName referredUserPaymentAmount referringUserPaymentAmount combinedPaymentAmount } } }
		rewards { id paymentDate rewardAmount paymentStatus } } }`
	check := func(acct string, want int, name string) {
		t.Helper()
		a := simtest.Get(q(referrals, map[string]any{"a": acct}), "account")
		edges := simtest.Get(a, "referrals", "edges").([]any)
		if len(edges) != want || simtest.Get(a, "referrals", "totalCount") != float64(want) || simtest.Get(a, "referralsCreated") != float64(want) {
			t.Fatalf("%s made %v referrals and lists %d: %v", acct, simtest.Get(a, "referralsCreated"), len(edges), edges)
		}
		named := false
		for _, e := range edges {
			n := simtest.Get(e, "node")
			if simtest.Get(n, "code") != "jamie-otter-431" || simtest.Get(n, "referringUserPaymentAmount") != 5000.0 || simtest.Get(n, "combinedPaymentAmount") != 10000.0 {
				t.Errorf("%s: a referral %v", acct, n)
			}
			named = named || simtest.Get(n, "referredUserName") == name
		}
		if name != "" && !named {
			t.Errorf("%s: no referral of %s among %v", acct, name, edges)
		}
		if got := fmt.Sprint(simtest.Get(a, "rewards")); len(simtest.Get(a, "rewards").([]any)) != want || want > 0 && !strings.Contains(got, "rewardAmount:5000") {
			t.Errorf("%s's rewards: %s", acct, got)
		}
		paid := map[string]bool{}
		for _, e := range edges {
			paid[fmt.Sprint(simtest.Get(e, "node", "id"), " ", simtest.Get(e, "node", "paymentDate"))] = true
		}
		for _, r := range simtest.Get(a, "rewards").([]any) {
			if key := fmt.Sprint(simtest.Get(r, "id"), " ", simtest.Get(r, "paymentDate")); !paid[key] || simtest.Get(r, "paymentDate").(string) < "2019-09-16" {
				t.Errorf("%s: reward %s is no referral's payment (%v)", acct, key, paid)
			}
		}
	}
	check("A-C90DC431", 2, "")
	url := simtest.Get(q(`{ account(accountNumber: "A-C90DC431") { activeReferralSchemes { domestic { referralUrl } } } }`, nil), "account", "activeReferralSchemes", "domestic", "referralUrl")
	q(`mutation($r: String!) { createReferral(input: {accountNumber: "A-7B3E9D12", reference: $r}) { referredAccountRewardAmount } }`, map[string]any{"r": url})
	check("A-C90DC431", 3, "Jamie Carter")
	if got := len(simtest.Get(q(`{ account(accountNumber: "A-7B3E9D12") { rewards { rewardAmount } } }`, nil), "account", "rewards").([]any)); got != 1 {
		t.Errorf("the referred account has %d rewards, want the one it joined with", got)
	}
}

// TestOctopusApplicationsAreTheAccounts reads how accounts joined: the demo household was
// migrated from TENTACLE_ENERGY when it was opened and is long supplied; Morgan's, still
// switching, is a current application within its cooling-off period.
func TestOctopusApplicationsAreTheAccounts(t *testing.T) {
	srv, c := octopus(t)
	const apps = `{ account(accountNumber: "A-C90DC431") { applications { edges { node { status dateOfSale coolingOffEndDate isMigrated migrationSource } } } } }`
	got := fmt.Sprint(simtest.Get(mustQuery(t, c)(apps, nil), "account", "applications", "edges"))
	if want := "[map[node:map[coolingOffEndDate:<nil> dateOfSale:2019-09-16 isMigrated:true migrationSource:TENTACLE_ENERGY status:HISTORIC]]]"; got != want {
		t.Errorf("the demo household's applications: %s\nwant %s", got, want)
	}
	// An account sold five days ago whose supply has begun is still cooling off.
	_, fresh := octopus(t, func(w *sim.World) { w.Account("A-C90DC431").CreatedAt = time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC) })
	got = fmt.Sprint(simtest.Get(mustQuery(t, fresh)(apps, nil), "account", "applications", "edges"))
	if want := "[map[node:map[coolingOffEndDate:2026-12-11 dateOfSale:2026-11-27 isMigrated:true migrationSource:TENTACLE_ENERGY status:CURRENT]]]"; got != want {
		t.Errorf("an account supplied within its cooling off: %s\nwant %s", got, want)
	}
	morgan := srv.Client(t)
	morgan.SignIn("new@krakensim.dev", "krakensim")
	got = fmt.Sprint(simtest.Get(mustQuery(t, morgan)(strings.Replace(apps, "A-C90DC431", "A-9D8E7F60", 1), nil), "account", "applications", "edges"))
	if want := "[map[node:map[coolingOffEndDate:2025-03-15 dateOfSale:2025-03-01 isMigrated:true migrationSource:SQUID_POWER status:CURRENT]]]"; got != want {
		t.Errorf("Morgan's applications: %s\nwant %s", got, want)
	}
}

// TestOriginPaymentMethodsAreTheInstructions reads an account's payment methods: its
// payment instructions (a direct debit and a card on the flat), by status.
func TestOriginPaymentMethodsAreTheInstructions(t *testing.T) {
	_, c := tenant(t, "origin-schema.graphql")
	q := mustQuery(t, c)
	const methods = `query($s: [PaymentInstructionStatus]) { account(accountNumber: "A-7B3E9D12") { paymentMethods(statuses: $s) { edges { node { id instructionType status } } } } }`
	if got := fmt.Sprint(simtest.Get(q(methods, nil), "account", "paymentMethods", "edges")); got != "[map[node:map[id:412883 instructionType:CARD status:ACTIVE]] map[node:map[id:412882 instructionType:DIRECT_DEBIT status:ACTIVE]]]" {
		t.Errorf("the flat's payment methods: %s", got)
	}
	if got := simtest.Get(q(methods, map[string]any{"s": []string{"FAILED"}}), "account", "paymentMethods", "edges"); len(got.([]any)) != 0 {
		t.Errorf("failed payment methods: %v", got)
	}
}

// TestOctopusDCCServiceFlagIsTheMeters reads a supply's DCC service flag and Smart
// Metering System Operator: active and operated by its supplier for the demo household's
// SMETS2 meter, neither for Sam's old credit meter.
func TestOctopusDCCServiceFlagIsTheMeters(t *testing.T) {
	srv, c := octopus(t)
	const flag = `query($a: String!) { account(accountNumber: $a) { properties { electricityMeterPoints { dccServiceFlag smsOperator } } } }`
	if got := simtest.Get(mustQuery(t, c)(flag, map[string]any{"a": "A-C90DC431"}), "account", "properties", 0, "electricityMeterPoints", 0); fmt.Sprint(got) != "map[dccServiceFlag:A smsOperator:Octopus Energy]" {
		t.Errorf("a SMETS2 meter's DCC service flag and operator: %v", got)
	}
	sam := srv.Client(t)
	sam.SignIn("other@krakensim.dev", "krakensim")
	if got := simtest.Get(mustQuery(t, sam)(flag, map[string]any{"a": "A-0F4A2B19"}), "account", "properties", 0, "electricityMeterPoints", 0); fmt.Sprint(got) != "map[dccServiceFlag:N smsOperator:]" {
		t.Errorf("an old credit meter's DCC service flag and operator: %v", got)
	}
}

// TestOctopusChargesAreEachTheirOwn makes charges on the demo account: each is a charge
// of its own, whichever mutation made it, with the net and tax of what it was given.
func TestOctopusChargesAreEachTheirOwn(t *testing.T) {
	_, c := octopus(t)
	q := mustQuery(t, c)
	const fields = `accountCharge { id grossAmount netAmount salesTaxAmount note }`
	one := simtest.Get(q(`mutation { createAccountCharge(input: {accountNumber: "A-C90DC431", grossAmount: 525, reason: "GENERAL_CHARGE", note: "first"}) { `+fields+` } }`, nil), "createAccountCharge", "accountCharge")
	two := simtest.Get(q(`mutation { createAccountCharge(input: {accountNumber: "A-C90DC431", grossAmount: 1050, reason: "GENERAL_CHARGE", note: "second"}) { `+fields+` } }`, nil), "createAccountCharge", "accountCharge")
	juice := simtest.Get(q(`mutation { createElectricJuiceCharge(input: {accountNumber: "A-C90DC431", periodStartAt: "2026-12-01T10:00:00Z", periodEndAt: "2026-12-01T11:00:00Z",
		netAmount: 700, chargeProvider: "Pod Point", postcode: "NR3 1AB", kwhUsed: "10", pricePerKwh: "0.70", additionalFees: 0}) { `+fields+` } }`, nil), "createElectricJuiceCharge", "accountCharge")
	ids := map[any]bool{simtest.Get(one, "id"): true, simtest.Get(two, "id"): true, simtest.Get(juice, "id"): true}
	if len(ids) != 3 {
		t.Errorf("three charges, ids %v", ids)
	}
	for _, tt := range []struct {
		got             any
		gross, net, tax float64
	}{{one, 525, 500, 25}, {two, 1050, 1000, 50}, {juice, 735, 700, 35}} {
		if simtest.Get(tt.got, "grossAmount") != tt.gross || simtest.Get(tt.got, "netAmount") != tt.net || simtest.Get(tt.got, "salesTaxAmount") != tt.tax {
			t.Errorf("a charge of %v: %v", tt.gross, tt.got)
		}
	}
}

// TestOctopusEarlierProductsAreOfTheirTime reads the demo account's agreements since it
// was first supplied, as a tariff history page does: the first, on a Flexible product of
// 2019, ended when the current began and, variable, priced as the price cap moves any
// Flexible product (today's ranges today); that product left sale when the next
// Flexible product launched, and products on sale and off it list apart.
func TestOctopusEarlierProductsAreOfTheirTime(t *testing.T) {
	_, c := octopus(t)
	q := mustQuery(t, c)
	data := q(`{ account(accountNumber: "A-C90DC431") { electricityAgreements { validFrom validTo tariff { ... on StandardTariff {
			productCode preVatUnitRate preVatStandingCharge } } } }
		product: energyProduct(code: "VAR-19-04-12") { availableFrom availableTo isAvailable }
		off: energyProducts(postcode: "NR3 1AB", availability: UNAVAILABLE, first: 20) { edges { node { code } } }
		on: energyProducts(postcode: "NR3 1AB", availability: AVAILABLE, first: 20) { edges { node { code isAvailable } } } }`, nil)
	ags := simtest.Get(data, "account", "electricityAgreements").([]any)
	if len(ags) != 2 {
		t.Fatalf("%d agreements, want 2: %v", len(ags), ags)
	}
	first := ags[0]
	if got := fmt.Sprint(simtest.Get(first, "tariff", "productCode"), " ", simtest.Get(first, "validFrom"), " ", simtest.Get(first, "validTo")); got != "VAR-19-04-12 2019-10-01T00:00:00+01:00 2024-01-01T00:00:00+00:00" ||
		simtest.Get(ags[1], "validFrom") != "2024-01-01T00:00:00+00:00" {
		t.Errorf("the first agreement: %s, then one from %v", got, simtest.Get(ags[1], "validFrom"))
	}
	if unit := simtest.Get(first, "tariff", "preVatUnitRate").(float64); unit < 20 || unit > 28 {
		t.Errorf("the 2019 product's unit rate of %v p/kWh, want 20–28", unit)
	}
	if standing := simtest.Get(first, "tariff", "preVatStandingCharge").(float64); standing < 40 || standing > 55 {
		t.Errorf("the 2019 product's standing charge of %v p a day, want 40–55", standing)
	}
	if got := fmt.Sprint(data["product"]); got != "map[availableFrom:2019-04-12T00:00:00+01:00 availableTo:2021-09-29T00:00:00+01:00 isAvailable:false]" {
		t.Errorf("VAR-19-04-12: %s", got)
	}
	var off, on []string
	eachNode(data["off"].(map[string]any), func(n map[string]any) { off = append(off, n["code"].(string)) })
	eachNode(data["on"].(map[string]any), func(n map[string]any) {
		on = append(on, n["code"].(string))
		if n["isAvailable"] != true {
			t.Errorf("%v listed as on sale, isAvailable %v", n["code"], n["isAvailable"])
		}
	})
	if fmt.Sprint(off) != "[BUS-VAR-18-10-01 GO-22-03-29 INTELLI-VAR-22-10-14 VAR-19-04-12]" || !slices.Contains(on, "VAR-22-11-01") || slices.Contains(on, "VAR-19-04-12") {
		t.Errorf("off sale %v; on sale %v", off, on)
	}
}

// TestOctopusCostOfUsageIsTheMeters reads the cost of a day's use of the demo meter as
// the Octopus app's usage page does, the window on the root field: each day's use is
// the meter's consumption that day and costs it at the tariff's unit rate before VAT,
// in the direction its description names first (IMPORT).
func TestOctopusCostOfUsageIsTheMeters(t *testing.T) {
	_, c := octopus(t)
	data := mustQuery(t, c)(`{ costOfUsage(accountNumber: "A-C90DC431", fuelType: ELECTRICITY, grouping: DAY, meterId: "3010001",
			startAt: "2026-11-01T00:00:00Z", timezone: "Europe/London") { direction details(grouping: DAY, first: 5) { edges { node { startAt usageKwh cost } } } }
		account(accountNumber: "A-C90DC431") { electricityAgreements(active: true) { tariff { ... on StandardTariff { preVatUnitRate } } }
			properties { electricityMeterPoints { meters { consumption(startAt: "2026-11-01T00:00:00Z", grouping: DAY, timezone: "Europe/London", first: 5) {
				edges { node { startAt value } } } } } } } }`, nil)
	rate := simtest.Get(data, "account", "electricityAgreements", 0, "tariff", "preVatUnitRate").(float64)
	used := map[string]string{}
	eachNode(simtest.Get(data, "account", "properties", 0, "electricityMeterPoints", 0, "meters", 0).(map[string]any), func(n map[string]any) {
		used[n["startAt"].(string)] = fmt.Sprint(n["value"])
	})
	if got := simtest.Get(data, "costOfUsage", "direction"); got != "IMPORT" {
		t.Errorf("direction %v, want IMPORT", got)
	}
	days := simtest.Get(data, "costOfUsage", "details", "edges").([]any)
	if len(days) != 5 || simtest.Get(days[0], "node", "startAt") != "2026-11-01T00:00:00+00:00" {
		t.Fatalf("details from the root's window: %v", days)
	}
	for _, e := range days {
		n := simtest.Get(e, "node").(map[string]any)
		kwh, _ := strconv.ParseFloat(fmt.Sprint(n["usageKwh"]), 64)
		if fmt.Sprint(n["usageKwh"]) != used[n["startAt"].(string)] || math.Abs(n["cost"].(float64)-kwh*rate) > 1 {
			t.Errorf("%v: %v kWh costing %v p; the meter used %v kWh, at %v p/kWh", n["startAt"], n["usageKwh"], n["cost"], used[n["startAt"].(string)], rate)
		}
	}
}

// TestOctopusCostOfUsageReadsTheAccountsSupplies reads costOfUsage as a client that names
// no meter does: the account's electricity (its gas too for DUAL_FUEL, each interval the
// sum of the two), cost enabled for its smart meters, the last seven days to today's
// midnight without a startAt, nothing before its supply began (none for an account not
// yet supplied), the page's totals the sum of its intervals, and KT-CT-13614 for a
// timezone that is not one.
func TestOctopusCostOfUsageReadsTheAccountsSupplies(t *testing.T) {
	_, c := octopus(t)
	q := mustQuery(t, c)
	const read = `query($f: FuelType, $m: String, $g: ConsumptionGroupings!, $s: DateTime) { costOfUsage(accountNumber: "A-C90DC431", fuelType: $f, meterId: $m, grouping: $g, startAt: $s) {
		costEnabled direction details(grouping: $g, first: 100) { cost usageKwh edges { node { startAt endAt cost usageKwh } } } } }`
	days := func(vars map[string]any) (bool, map[string][2]float64, [2]float64) {
		got := simtest.Get(q(read, vars), "costOfUsage").(map[string]any)
		out := map[string][2]float64{}
		var sum [2]float64
		for _, e := range simtest.Get(got, "details", "edges").([]any) {
			n := simtest.Get(e, "node").(map[string]any)
			kwh, _ := strconv.ParseFloat(n["usageKwh"].(string), 64)
			out[n["startAt"].(string)] = [2]float64{kwh, n["cost"].(float64)}
			sum[0], sum[1] = sum[0]+kwh, sum[1]+n["cost"].(float64)
		}
		total, _ := strconv.ParseFloat(simtest.Get(got, "details", "usageKwh").(string), 64)
		if math.Abs(total-sum[0]) > 0.002 || simtest.Get(got, "details", "cost").(float64) != sum[1] {
			t.Errorf("%v: totals %v kWh, %v p; the intervals add up to %v", vars, total, simtest.Get(got, "details", "cost"), sum)
		}
		return got["costEnabled"] == true && got["direction"] == "IMPORT", out, sum
	}
	enabled, own, _ := days(map[string]any{"g": "DAY"})
	if !enabled || len(own) != 7 || own["2026-11-25T00:00:00+00:00"][0] == 0 || own["2026-12-01T00:00:00+00:00"][0] == 0 {
		t.Errorf("the account's last seven days: %v", own)
	}
	_, meter, _ := days(map[string]any{"g": "DAY", "m": "3010001"})
	_, gas, _ := days(map[string]any{"g": "DAY", "f": "GAS"})
	_, both, _ := days(map[string]any{"g": "DAY", "f": "DUAL_FUEL"})
	for day, e := range own {
		if meter[day] != e || math.Abs(both[day][0]-e[0]-gas[day][0]) > 0.002 || math.Abs(both[day][1]-e[1]-gas[day][1]) > 1 || gas[day][0] == 0 {
			t.Errorf("%s: electricity %v, its meter %v, gas %v, both %v", day, e, meter[day], gas[day], both[day])
		}
	}
	_, early, _ := days(map[string]any{"g": "MONTH", "s": "2015-01-01T00:00:00Z"})
	if _, ok := early["2019-10-01T00:00:00+01:00"]; !ok || len(early) != 87 {
		t.Errorf("months from before the supply began: %d, want 87 from October 2019: %v", len(early), early)
	}
	r := c.Query(`{ costOfUsage(accountNumber: "A-C90DC431", grouping: DAY) { details(grouping: DAY, timezone: "Mars/Olympus") { cost } } }`, nil)
	if len(r.Errors) != 1 || r.Errors[0].Extensions["errorCode"] != "KT-CT-13614" || !strings.Contains(fmt.Sprint(r.Errors[0].Extensions["validationErrors"]), "Mars/Olympus") {
		t.Errorf("a timezone that is not one: %+v", r.Errors)
	}
	c.SignIn("new@krakensim.dev", "krakensim")
	pending := mustQuery(t, c)(`{ costOfUsage(accountNumber: "A-9D8E7F60", grouping: DAY) { costEnabled details(grouping: DAY) { edges { node { startAt } } } } }`, nil)
	if got := fmt.Sprint(pending["costOfUsage"]); got != "map[costEnabled:false details:map[edges:[]]]" {
		t.Errorf("an account not yet supplied: %s", got)
	}
}

// TestOctopusCostOfUsageGroupingsAgree reads the demo meter since a Sunday, as the
// tariff-comparison app does, by each grouping: none counts use from before startAt (the
// first week holds that Sunday alone), so every grouping's total is the days'.
func TestOctopusCostOfUsageGroupingsAgree(t *testing.T) {
	_, c := octopus(t)
	const read = `query($g: ConsumptionGroupings!) { costOfUsage(accountNumber: "A-C90DC431", meterId: "19L3471092", fuelType: ELECTRICITY,
		startAt: "2026-11-01T00:00:00.000Z", grouping: $g, timezone: "Europe/London") { details(grouping: $g, first: 100) { cost usageKwh edges { node { startAt usageKwh } } } } }`
	read1 := func(g string) (total string, cost float64, first any, n int) {
		d := simtest.Get(mustQuery(t, c)(read, map[string]any{"g": g}), "costOfUsage", "details")
		edges := simtest.Get(d, "edges").([]any)
		return simtest.Get(d, "usageKwh").(string), simtest.Get(d, "cost").(float64), simtest.Get(edges, 0, "node"), len(edges)
	}
	dayTotal, dayCost, firstDay, days := read1("DAY")
	if days != 31 || simtest.Get(firstDay, "startAt") != "2026-11-01T00:00:00+00:00" {
		t.Fatalf("days since 1 November: %d, the first %v", days, firstDay)
	}
	for _, tc := range []struct {
		grouping, firstStart string
		n                    int
		firstIsTheDay        bool
	}{
		{"WEEK", "2026-10-26T00:00:00+00:00", 6, true},
		{"MONTH", "2026-11-01T00:00:00+00:00", 2, false},
		{"QUARTER", "2026-10-01T00:00:00+01:00", 1, false},
	} {
		total, cost, first, n := read1(tc.grouping)
		if total != dayTotal || math.Abs(cost-dayCost) > float64(days)/2 || n != tc.n || simtest.Get(first, "startAt") != tc.firstStart {
			t.Errorf("%s: %d intervals from %v, %s kWh costing %v p; the days' %s kWh costing %v p", tc.grouping, n, simtest.Get(first, "startAt"), total, cost, dayTotal, dayCost)
		}
		if tc.firstIsTheDay && simtest.Get(first, "usageKwh") != simtest.Get(firstDay, "usageKwh") {
			t.Errorf("%s: the first interval %v, want 1 November's use %v", tc.grouping, first, simtest.Get(firstDay, "usageKwh"))
		}
	}
}

// TestOctopusNothingIsReadBeforeSupply reads meters before their supplier began to read
// them: the demo household's days begin with its supply on 1 October 2019, and the
// account still switching to Octopus has no measurement, consumption or telemetry yet.
func TestOctopusNothingIsReadBeforeSupply(t *testing.T) {
	_, c := octopus(t)
	days := mustQuery(t, c)(`{ account(accountNumber: "A-C90DC431") { properties { measurements(first: 5, utilityFilters: [{electricityFilters: {readingFrequencyType: DAY_INTERVAL}}],
		startAt: "2019-09-28T00:00:00+01:00", endAt: "2019-10-03T00:00:00+01:00") { edges { node { ... on IntervalMeasurementType { startAt } } } } } } }`, nil)
	var got []string
	for _, e := range simtest.Get(days, "account", "properties", 0, "measurements", "edges").([]any) {
		got = append(got, simtest.Get(e, "node", "startAt").(string))
	}
	if fmt.Sprint(got) != "[2019-10-01T00:00:00+01:00 2019-10-02T00:00:00+01:00]" {
		t.Errorf("the demo household's days about its supply's start: %v", got)
	}
	c.SignIn("new@krakensim.dev", "krakensim")
	pending := mustQuery(t, c)(`{ account(accountNumber: "A-9D8E7F60") { properties { measurements(first: 3, utilityFilters: [{electricityFilters: {readingFrequencyType: DAY_INTERVAL}}],
		startAt: "2026-11-01T00:00:00Z", endAt: "2026-11-04T00:00:00Z") { edges { node { value } } }
		electricityMeterPoints { meters { smartDevices { deviceId } consumption(startAt: "2026-11-01T00:00:00Z", grouping: DAY, first: 3, timezone: "Europe/London") { edges { node { value } } } } } } } }`, nil)
	p := simtest.Get(pending, "account", "properties", 0)
	meter := simtest.Get(p, "electricityMeterPoints", 0, "meters", 0)
	tele := mustQuery(t, c)(`query($d: String!) { smartMeterTelemetry(deviceId: $d) { readAt } }`, map[string]any{"d": simtest.Get(meter, "smartDevices", 0, "deviceId")})
	if s := fmt.Sprint(simtest.Get(p, "measurements", "edges"), simtest.Get(meter, "consumption", "edges"), tele["smartMeterTelemetry"]); s != "[] [] []" {
		t.Errorf("an account not yet supplied: %s", s)
	}
}

// TestOctopusPropertyMeasurementsAreItsMeters reads the demo home's daily measurements
// filtered by fuel alone, as Octopus's usage page does: each is its meter's
// consumption that day (gas in kWh, 11.22 to the m³ its meter reports).
func TestOctopusPropertyMeasurementsAreItsMeters(t *testing.T) {
	_, c := octopus(t)
	data := mustQuery(t, c)(`{ account(accountNumber: "A-C90DC431") { properties {
		e: measurements(first: 3, utilityFilters: [{electricityFilters: {readingFrequencyType: DAY_INTERVAL}}], startAt: "2026-11-01T00:00:00Z", endAt: "2026-11-04T00:00:00Z", timezone: "Europe/London") { edges { node { value } } }
		g: measurements(first: 3, utilityFilters: [{gasFilters: {readingFrequencyType: DAY_INTERVAL}}], startAt: "2026-11-01T00:00:00Z", endAt: "2026-11-04T00:00:00Z", timezone: "Europe/London") { edges { node { value } } }
		electricityMeterPoints { meters { consumption(startAt: "2026-11-01T00:00:00Z", grouping: DAY, timezone: "Europe/London", first: 3) { edges { node { value } } } } }
		gasMeterPoints { meters { consumption(startAt: "2026-11-01T00:00:00Z", grouping: DAY, timezone: "Europe/London", first: 3) { edges { node { value } } } } } } } }`, nil)
	p := simtest.Get(data, "account", "properties", 0)
	values := func(path ...any) []float64 {
		var out []float64
		for _, e := range simtest.Get(p, path...).([]any) {
			v, _ := strconv.ParseFloat(fmt.Sprint(simtest.Get(e, "node", "value")), 64)
			out = append(out, v)
		}
		return out
	}
	e, g := values("e", "edges"), values("g", "edges")
	me, mg := values("electricityMeterPoints", 0, "meters", 0, "consumption", "edges"), values("gasMeterPoints", 0, "meters", 0, "consumption", "edges")
	if len(e) != 3 || len(g) != 3 || len(me) != 3 || len(mg) != 3 {
		t.Fatalf("days: %v %v %v %v", e, g, me, mg)
	}
	for i := range e {
		if math.Abs(e[i]-me[i]) > 0.0011 || math.Abs(g[i]-mg[i]*11.22) > 0.05 {
			t.Errorf("day %d: measured %v kWh of electricity and %v of gas; the meters %v kWh and %v m³", i+1, e[i], g[i], me[i], mg[i])
		}
	}
}

// TestOriginMeterPointIsTheAccounts looks the demo home's supplies up by NMI and MIRN on
// Origin's SDL: each is the supply its account lists (the electricity one a meter point,
// not a water meter), and a supply whose meter is digital already is not eligible for a
// digital meter request.
func TestOriginMeterPointIsTheAccounts(t *testing.T) {
	_, c := tenant(t, "origin-schema.graphql")
	data := mustQuery(t, c)(`{ e: meterPoint(nmi: "4102004420") { __typename ... on MeterPointType { identifier supplyStatus } }
		g: meterPoint(nmi: "5240860640") { __typename ... on GasMeterPointType { identifier } }
		d: digitalMeterRequestEligibility(nmi: "4102004420") { nmi isEligible reason } }`, nil)
	if got, want := fmt.Sprint(data["e"], data["g"], simtest.Get(data, "d", "isEligible")),
		"map[__typename:MeterPointType identifier:4102004420 supplyStatus:ON_SUPPLY] map[__typename:GasMeterPointType identifier:5240860640] false"; got != want {
		t.Errorf("got %s\nwant %s (%v)", got, want, data["d"])
	}
}

// TestOctopusCostOfChargeIsTheCars reads the cost of charging as the Octopus app's EV
// page does: the demo household, which has no car, has none; the second home's Tesla
// is one device every day, smart-charged on Intelligent Octopus Go, drawing what its
// meter recorded overnight (the off-peak hours, within the day's use) at the off-peak
// rate before VAT; a month adds up its days.
func TestOctopusCostOfChargeIsTheCars(t *testing.T) {
	_, c := octopus(t)
	data := mustQuery(t, c)(`{ none: costOfCharge(accountNumber: "A-C90DC431", frequency: DAILY, startDate: "2026-11-01") { reportDate }
		days: costOfCharge(accountNumber: "A-7B3E9D12", frequency: DAILY, startDate: "2026-11-01") { krakenflexDeviceId reportDate totalConsumption totalCostExclTax totalCostInclTax isSmartCharge }
		month: costOfCharge(accountNumber: "A-7B3E9D12", frequency: MONTHLY, startDate: "2026-11-01") { reportDate totalConsumption }
		account(accountNumber: "A-7B3E9D12") { electricityAgreements(active: true) { tariff { ... on HalfHourlyTariff { unitRates { preVatValue } } } }
			properties { electricityMeterPoints { meters { consumption(startAt: "2026-11-01T00:00:00Z", grouping: DAY, timezone: "Europe/London", first: 30) { edges { node { value } } } } } } } }`, nil)
	if got := data["none"].([]any); len(got) != 0 {
		t.Errorf("a household without a car charged it: %v", got)
	}
	night := simtest.Get(data, "account", "electricityAgreements", 0, "tariff", "unitRates", 0, "preVatValue").(float64)
	var used []float64
	for _, e := range simtest.Get(data, "account", "properties", 0, "electricityMeterPoints", 0, "meters", 0, "consumption", "edges").([]any) {
		v, _ := strconv.ParseFloat(fmt.Sprint(simtest.Get(e, "node", "value")), 64)
		used = append(used, v)
	}
	days := data["days"].([]any)
	if len(days) != 31 { // 1 November to 1 December, the day before today
		t.Fatalf("%d days of charging, want 31", len(days))
	}
	var november float64
	for i, d := range days {
		m := d.(map[string]any)
		kwh := m["totalConsumption"].(float64)
		if m["krakenflexDeviceId"] != "00000000-0002-4000-8020-0000000a7b3e" || m["isSmartCharge"] != true || kwh <= 0 ||
			i < len(used) && kwh > used[i] || math.Abs(m["totalCostExclTax"].(float64)-kwh*night) > 0.02 {
			t.Errorf("%v: %v (the meter used %v kWh; the night rate %v p)", m["reportDate"], m, used[min(i, len(used)-1)], night)
		}
		if i < 30 {
			november += kwh
		}
	}
	if got := simtest.Get(data, "month", 0, "totalConsumption").(float64); simtest.Get(data, "month", 0, "reportDate") != "2026-11-01" || math.Abs(got-november) > 0.01 {
		t.Errorf("November's charging %v kWh; its days add up to %.3f", got, november)
	}
}

// demoMeterDevice is the smart device id of the demo house's electricity meter.
func demoMeterDevice(t *testing.T, c *simtest.Client) string {
	t.Helper()
	id, _ := simtest.Get(mustQuery(t, c)(`{ account(accountNumber: "A-C90DC431") { electricityAgreements(active: true) { meterPoint { meters { smartDevices { deviceId } } } } } }`, nil),
		"account", "electricityAgreements", 0, "meterPoint", "meters", 0, "smartDevices", 0, "deviceId").(string)
	if id == "" {
		t.Fatal("the demo house's meter has no smart device")
	}
	return id
}

// TestOctopusApplicableRatesAreAskedForAPage: applicableRates answers its rates before
// VAT to four places, and refuses a request that asks for no page (KT-CT-1201,
// "Pagination parameters not provided."), as Kraken does.
func TestOctopusApplicableRatesAreAskedForAPage(t *testing.T) {
	_, c := octopus(t)
	c.SignIn("demo@krakensim.dev", "krakensim")
	const q = `{ applicableRates(accountNumber: "A-C90DC431", mpxn: "1013004420117", startAt: "2026-12-01T00:00:00Z", endAt: "2026-12-02T00:00:00Z"%s) { edges { node { value } } } }`
	if got := graphqlCode(t, c, fmt.Sprintf(q, ""), nil); got != "KT-CT-1201" {
		t.Errorf("no first or last: %q, want KT-CT-1201", got)
	}
	for _, page := range []string{", first: 1", ", last: 1"} {
		r := c.Query(fmt.Sprintf(q, page), nil)
		if v, _ := simtest.Get(r.Data, "applicableRates", "edges", 0, "node", "value").(string); len(r.Errors) > 0 || !strings.Contains(v, ".") || len(v)-strings.Index(v, ".") != 5 {
			t.Errorf("%s: %+v; want a rate to four places", page, r)
		}
	}
}

// TestOctopusTelemetryEndsAtTheLastCompleteReading reads the demo meter's telemetry
// at 09:03:07, as a logger polls a rolling window to now: its ten-second and one-minute
// steps end with the last complete one, the live feed's latest reading, not the one
// under way, whose energy is still to come.
func TestOctopusTelemetryEndsAtTheLastCompleteReading(t *testing.T) {
	_, c := octopus(t)
	c.AdvanceClock(3*time.Minute + 7*time.Second)
	c.SignIn("demo@krakensim.dev", "krakensim")
	q := mustQuery(t, c)
	device := demoMeterDevice(t, c)
	live := q(`query($d: String!) { smartMeterTelemetry(deviceId: $d) { readAt consumptionDelta } }`, map[string]any{"d": device})["smartMeterTelemetry"].([]any)
	if len(live) != 1 || simtest.Get(live, 0, "readAt") != "2026-12-02T09:02:50+00:00" {
		t.Fatalf("the live reading %v", live)
	}
	for _, tc := range []struct{ grouping, start, last string }{
		{"TEN_SECONDS", "2026-12-02T09:02:07+00:00", "2026-12-02T09:02:50+00:00"},
		{"ONE_MINUTE", "2026-12-02T08:58:07+00:00", "2026-12-02T09:02:00+00:00"},
		{"HALF_HOURLY", "2026-12-02T07:00:00+00:00", "2026-12-02T08:30:00+00:00"},
	} {
		list := q(`query($d: String!, $s: DateTime) { smartMeterTelemetry(deviceId: $d, grouping: `+tc.grouping+`, start: $s, end: "2026-12-02T09:03:07+00:00") { readAt consumptionDelta } }`,
			map[string]any{"d": device, "s": tc.start})["smartMeterTelemetry"].([]any)
		if len(list) == 0 || simtest.Get(list, len(list)-1, "readAt") != tc.last {
			t.Errorf("%s to now: %v, want the last at %s", tc.grouping, list, tc.last)
			continue
		}
		if tc.grouping == "TEN_SECONDS" && simtest.Get(list, len(list)-1, "consumptionDelta") != simtest.Get(live, 0, "consumptionDelta") {
			t.Errorf("the last ten seconds %v, the live reading %v", list[len(list)-1], live[0])
		}
	}
}

// TestWithSchemaServesTheTenantsWorld: WithSchema on Origin's SDL answers from the
// Australian fixtures, as serve --schema does, not London's.
func TestWithSchemaServesTheTenantsWorld(t *testing.T) {
	b, err := os.ReadFile(testshared.Path(t, "reference", "origin-schema.graphql"))
	if err != nil {
		t.Fatal(err)
	}
	srv := simtest.NewServer(t, simtest.WithSchema("origin-schema.graphql", string(b)))
	c := srv.Client(t)
	out := c.Query(`mutation { obtainKrakenToken(input: {APIKey: "sk_live_krakensimdemo3235447"}) { token } }`, nil)
	c.Token, _ = simtest.Get(out.Data, "obtainKrakenToken", "token").(string)
	out = c.Query(`{ viewer { accounts { ... on AccountType { properties { address postcode } } } } }`, nil)
	addr, _ := simtest.Get(out.Data, "viewer", "accounts", 0, "properties", 0, "address").(string)
	if !strings.Contains(addr, "VIC") && !strings.Contains(addr, "NSW") {
		t.Errorf("Origin's first property is at %q (%+v), want an Australian address", addr, out.Errors)
	}
}
