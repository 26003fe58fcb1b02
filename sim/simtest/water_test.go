package simtest_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/simtest"
)

const (
	installWater  = `mutation($p: ID!, $m: WaterMeterDetailsInput!) { installMeter(input: {propertyId: $p, meter: $m}) { meter { id serialNumber numberOfDials readMethod location measurementUnit consumptionUnits installationDate activeFrom activeTo nextScheduledReadDate requiresCotFinalReading meterPoint { id supplyType status property { id } } } } }`
	exchangeWater = `mutation($id: ID!, $day: Date!, $final: Decimal, $m: WaterMeterDetailsInput!) { exchangeMeter(input: {meterId: $id, exchangeDate: $day, finalReading: $final, newMeter: $m}) { meter { id serialNumber activeFrom meterPoint { meters { id ... on WaterMeterType { activeTo connectionPeriods { status endAt } accumulationReadings { edges { node { value readAt } } } } } } } } }`
	modifyWater   = `mutation($id: ID!, $dials: Int, $loc: MeterLocation, $key: String) { modifyMeter(input: {meterId: $id, numberOfDials: $dials, location: $loc, keyDetails: $key}) { meter { id serialNumber numberOfDials location keyDetails } } }`
)

func waterMeter(serial, day string, extra ...any) map[string]any {
	m := map[string]any{"serialNumber": serial, "installationDate": day}
	for i := 0; i+1 < len(extra); i += 2 {
		m[extra[i].(string)] = extra[i+1]
	}
	return m
}

// TestWaterMeterIsExchanged fits a meter on the demo home, refuses what does not hold
// with the codes the mutations document, exchanges it for another (the old one read and
// removed that day), changes the new one's details, and charges the supply by what it
// measures.
func TestWaterMeterIsExchanged(t *testing.T) {
	srv, c := vendorServer(t)
	query := mustQuery(t, c)
	other := srv.ClientIn(t, c.Session)
	other.SignIn("other@krakensim.dev", "krakensim")

	m := simtest.Get(query(installWater, map[string]any{"p": "2214531", "m": waterMeter("WM-1001", "2026-11-02", "initialReading", "12.5", "numberOfDials", 6)}), "installMeter", "meter")
	for path, want := range map[string]any{
		"id": "9200001", "serialNumber": "WM-1001", "numberOfDials": 6.0, "readMethod": "MANUAL", "location": "UNKNOWN",
		"measurementUnit": "KILOLITRES", "consumptionUnits": "kL", "installationDate": "2026-11-02", "activeFrom": "2026-11-02T00:00:00+00:00",
		"activeTo": nil, "nextScheduledReadDate": "2027-02-02", "requiresCotFinalReading": true,
	} {
		if got := simtest.Get(m, path); got != want {
			t.Errorf("fitted meter's %s = %v, want %v", path, got, want)
		}
	}
	if p := simtest.Get(m, "meterPoint"); simtest.Get(p, "id") != 9100001.0 || simtest.Get(p, "supplyType") != "WATER" || simtest.Get(p, "status") != "CONNECTED" || simtest.Get(p, "property", "id") != "2214531" {
		t.Errorf("its supply %v", p)
	}

	for _, tc := range []struct {
		name   string
		client *simtest.Client
		query  string
		vars   map[string]any
		code   string
	}{
		{"a second meter", c, installWater, map[string]any{"p": "2214531", "m": waterMeter("WM-9", "2026-11-02")}, "KT-GB-11003"},
		{"no such property", c, installWater, map[string]any{"p": "999", "m": waterMeter("WM-9", "2026-11-02")}, "KT-GB-11003"},
		{"another's property", other, installWater, map[string]any{"p": "2214531", "m": waterMeter("WM-9", "2026-11-02")}, "KT-CT-1111"},
		{"a serial fitted elsewhere", c, installWater, map[string]any{"p": "2214532", "m": waterMeter("wm-1001", "2026-11-02")}, "KT-GB-11001"},
		{"a day to come", c, installWater, map[string]any{"p": "2214532", "m": waterMeter("WM-9", "2026-12-03")}, "KT-GB-11001"},
		{"no dials", c, installWater, map[string]any{"p": "2214532", "m": waterMeter("WM-9", "2026-11-02", "numberOfDials", 0)}, "KT-GB-11001"},
		{"a reading below zero", c, installWater, map[string]any{"p": "2214532", "m": waterMeter("WM-9", "2026-11-02", "initialReading", "-1")}, "KT-GB-11001"},
		{"a reading the dials cannot show", c, installWater, map[string]any{"p": "2214532", "m": waterMeter("WM-9", "2026-11-02", "initialReading", "100000", "numberOfDials", 5)}, "KT-GB-11001"},
		{"modifying no meter", c, modifyWater, map[string]any{"id": "42", "dials": 5}, "KT-GB-11006"},
		{"modifying another's", other, modifyWater, map[string]any{"id": "9200001", "dials": 5}, "KT-CT-1111"},
		{"too many dials", c, modifyWater, map[string]any{"id": "9200001", "dials": 13}, "KT-GB-11001"},
		{"exchanging no meter", c, exchangeWater, map[string]any{"id": "42", "day": "2026-12-01", "m": waterMeter("WM-2002", "2026-12-01")}, "KT-GB-11002"},
		{"exchanging before it was fitted", c, exchangeWater, map[string]any{"id": "9200001", "day": "2026-11-01", "m": waterMeter("WM-2002", "2026-11-01")}, "KT-GB-11002"},
		{"a final reading below the first", c, exchangeWater, map[string]any{"id": "9200001", "day": "2026-12-01", "final": "3", "m": waterMeter("WM-2002", "2026-12-01")}, "KT-GB-11001"},
		{"a final reading past the dials", c, exchangeWater, map[string]any{"id": "9200001", "day": "2026-12-01", "final": "1000000", "m": waterMeter("WM-2002", "2026-12-01")}, "KT-GB-11001"},
		{"the new meter fitted another day", c, exchangeWater, map[string]any{"id": "9200001", "day": "2026-12-01", "m": waterMeter("WM-2002", "2026-11-30")}, "KT-GB-11001"},
	} {
		if out := tc.client.Query(tc.query, tc.vars); len(out.Errors) != 1 || out.Errors[0].Code() != tc.code {
			t.Errorf("%s: %+v, want %s", tc.name, out.Errors, tc.code)
		}
	}

	n := simtest.Get(query(exchangeWater, map[string]any{"id": "9200001", "day": "2026-12-01", "final": "40.25", "m": waterMeter("WM-2002", "2026-12-01", "readMethod", "REMOTE")}), "exchangeMeter", "meter")
	if simtest.Get(n, "id") != "9200002" || simtest.Get(n, "serialNumber") != "WM-2002" || simtest.Get(n, "activeFrom") != "2026-12-01T00:00:00+00:00" {
		t.Errorf("the new meter %v", n)
	}
	old := simtest.Get(n, "meterPoint", "meters", 0)
	if simtest.Get(old, "activeTo") != "2026-12-01T00:00:00+00:00" || simtest.Get(old, "connectionPeriods", 0, "status") != "DISCONNECTED" ||
		simtest.Get(old, "accumulationReadings", "edges", 0, "node", "value") != "12.5" || simtest.Get(old, "accumulationReadings", "edges", 1, "node", "value") != "40.25" {
		t.Errorf("the removed meter %v", old)
	}
	for _, tc := range []struct {
		name, query string
		vars        map[string]any
		code        string
	}{
		{"modifying the removed meter", modifyWater, map[string]any{"id": "9200001", "dials": 5}, "KT-GB-11005"},
		{"exchanging it again", exchangeWater, map[string]any{"id": "9200001", "day": "2026-12-02", "m": waterMeter("WM-3003", "2026-12-02")}, "KT-GB-11002"},
	} {
		if out := c.Query(tc.query, tc.vars); len(out.Errors) != 1 || out.Errors[0].Code() != tc.code {
			t.Errorf("%s: %+v, want %s", tc.name, out.Errors, tc.code)
		}
	}
	got := simtest.Get(query(modifyWater, map[string]any{"id": "9200002", "dials": 8, "loc": "UNDER_SINK", "key": "with the neighbour"}), "modifyMeter", "meter")
	if simtest.Get(got, "numberOfDials") != 8.0 || simtest.Get(got, "location") != "UNDER_SINK" || simtest.Get(got, "keyDetails") != "with the neighbour" || simtest.Get(got, "serialNumber") != "WM-2002" {
		t.Errorf("modified %v", got)
	}
	if got := simtest.Get(query(`mutation { switchAccountToMeasuredTariff(input: {accountNumber: "A-C90DC431"}) { account { number } } }`, nil), "switchAccountToMeasuredTariff", "account", "number"); got != "A-C90DC431" {
		t.Errorf("switched %v", got)
	}
	if out := other.Query(`mutation { switchAccountToMeasuredTariff(input: {accountNumber: "A-C90DC431"}) { account { number } } }`, nil); len(out.Errors) != 1 {
		t.Errorf("another's account switched: %+v", out)
	}
}

// TestOriginListsWaterSupplies reads a home's water supply on Origin, where a property's
// meter points include it: its meters, and the agreement that charges it by what it
// measures from the day it was switched.
func TestOriginListsWaterSupplies(t *testing.T) {
	_, c := tenant(t, "origin-schema.graphql", func(w *sim.World) {
		p := &w.Account("A-C90DC431").Properties[0]
		p.WaterMeterPoints = []sim.WaterMeterPoint{{ID: 9100007, MeasuredFrom: "2026-07-01", Meters: []sim.WaterMeter{
			{ID: "9200011", SerialNumber: "HW-11", ReadMethod: "MANUAL", Location: "LAUNDRY_CUPBOARD", MeasurementUnit: "KILOLITRES", NumberOfDials: 5, InstallationDate: "2024-03-04", RemovedOn: "2026-06-30", InitialReading: 1, FinalReading: 81.5},
			{ID: "9200012", SerialNumber: "HW-12", ReadMethod: "REMOTE", Location: "LAUNDRY_CUPBOARD", MeasurementUnit: "KILOLITRES", NumberOfDials: 5, InstallationDate: "2026-06-30"},
		}}}
	})
	data := mustQuery(t, c)(`{ account(accountNumber: "A-C90DC431") { properties { meterPoints { __typename ... on WaterMeterPointType { identifier supplyType
		agreements { ... on EmbeddedWaterAgreementType { validFrom validTo } }
		meters { ... on WaterMeterType { serialNumber activeTo } }
		supplyPoint { meterPoint { identifier } } } } } } }`, nil)
	points := simtest.Get(data, "account", "properties", 0, "meterPoints").([]any)
	water := points[len(points)-1]
	for path, want := range map[string]any{
		"__typename": "WaterMeterPointType", "identifier": "9100007", "supplyType": "WATER",
		"agreements.0.validFrom": "2026-07-01T00:00:00+10:00", "agreements.0.validTo": nil,
		"meters.0.serialNumber": "HW-11", "meters.0.activeTo": "2026-06-30T00:00:00+10:00", "meters.1.activeTo": nil,
		"supplyPoint.meterPoint.identifier": "9100007",
	} {
		var p []any
		for _, k := range strings.Split(path, ".") {
			if i, err := strconv.Atoi(k); err == nil {
				p = append(p, i)
			} else {
				p = append(p, k)
			}
		}
		if got := simtest.Get(water, p...); got != want {
			t.Errorf("%s = %v, want %v", path, got, want)
		}
	}
}
