package simtest_test

import (
	"fmt"
	"math"
	"strconv"
	"testing"
	"time"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/simtest"
)

// TestOctopusInsightsAreAboutTheAccountsSupply reads Octopus's weekly usage insights,
// which the world answers and which are keyed by an MPAN: they are about one of the
// account's meter points (its MPAN, id, GSP group and property) and a week from its
// Monday.
func TestOctopusInsightsAreAboutTheAccountsSupply(t *testing.T) {
	_, c := octopus(t)
	q := mustQuery(t, c)
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatal(err)
	}
	for _, account := range []string{"A-C90DC431", "A-7B3E9D12"} {
		data := q(`query($a: String!) { account(accountNumber: $a) { properties { id electricityMeterPoints { id mpan gspGroupId } } }
			weeklyUsageInsights(accountNumber: $a) { accountNumber propertyId meterPointId mpan gspGroupId weekStart } }`, map[string]any{"a": account})
		in := simtest.Get(data, "weeklyUsageInsights")
		var want string
		for _, p := range simtest.Get(data, "account", "properties").([]any) {
			for _, mp := range simtest.Get(p, "electricityMeterPoints").([]any) {
				if simtest.Get(mp, "mpan") == simtest.Get(in, "mpan") {
					want = spaced(account, simtest.Get(p, "id"), simtest.Get(mp, "id"), simtest.Get(mp, "mpan"), simtest.Get(mp, "gspGroupId"))
				}
			}
		}
		got := spaced(simtest.Get(in, "accountNumber"), fmt.Sprintf("%.0f", simtest.Get(in, "propertyId")), fmt.Sprintf("%.0f", simtest.Get(in, "meterPointId")), simtest.Get(in, "mpan"), simtest.Get(in, "gspGroupId"))
		if want == "" || got != want {
			t.Errorf("%s's insights are about %s; want one of its meter points (%s)", account, got, want)
		}
		week, err := time.Parse(time.RFC3339, simtest.Get(in, "weekStart").(string))
		if local := week.In(london); err != nil || local.Weekday() != time.Monday || local.Hour() != 0 || local.Minute() != 0 {
			t.Errorf("%s's insights' week starts %v", account, simtest.Get(in, "weekStart"))
		}
	}
}

// TestOctopusMadeUpListsNameTheViewersAccounts reads a list the world makes up without
// an owner (apiExceptions): the accounts its items name are the signed-in user's, so
// that a client that follows one to account(accountNumber:) finds it.
func TestOctopusMadeUpListsNameTheViewersAccounts(t *testing.T) {
	_, c := octopus(t)
	q := mustQuery(t, c)
	edges := simtest.Get(q(`{ apiExceptions(first: 10) { edges { node { accountNumber } } } }`, nil), "apiExceptions", "edges").([]any)
	if len(edges) == 0 {
		t.Fatal("no API exceptions")
	}
	named := 0
	for _, e := range edges {
		number := simtest.Get(e, "node", "accountNumber")
		if number == nil {
			continue
		}
		named++
		out := c.Query(`query($a: String!) { account(accountNumber: $a) { number } }`, map[string]any{"a": number})
		if len(out.Errors) > 0 || simtest.Get(out.Data, "account", "number") != number {
			t.Errorf("an API exception names account %v, which the viewer cannot read: %+v", number, out.Errors)
		}
	}
	if named == 0 {
		t.Errorf("none of %d API exceptions names an account", len(edges))
	}
}

// TestOctopusHeatPumpControllersAreTheAccountsHeatPumps reads an account's heat pump
// controllers, as the Home Assistant integration does before it reads each one: an
// account whose devices include a heat pump has one controller for it, under both the
// fields that list them, and its configuration names a heat pump; one without has none.
func TestOctopusHeatPumpControllersAreTheAccountsHeatPumps(t *testing.T) {
	_, c := tenant(t, "octopus-schema.graphql", func(w *sim.World) {
		for _, a := range w.Accounts {
			if a.Number == "A-7B3E9D12" {
				a.Devices = append(a.Devices, sim.Device{Type: "SmartFlexHeatPump", ID: "00000000-0002-4000-8020-0000000a7b40", Make: "Octopus", Model: "Cosy 6"})
			}
		}
	})
	q := mustQuery(t, c)
	for _, tc := range []struct {
		account string
		want    int
	}{{"A-C90DC431", 0}, {"A-7B3E9D12", 1}} {
		data := q(`query($a: String!) { octoHeatPumpControllerEuids(accountNumber: $a) controllerEuids(accountNumber: $a) }`, map[string]any{"a": tc.account})
		euids, _ := data["octoHeatPumpControllerEuids"].([]any)
		if len(euids) != tc.want || fmt.Sprint(euids) != fmt.Sprint(data["controllerEuids"]) {
			t.Errorf("%s has %d heat pumps and these controllers: %v and %v", tc.account, tc.want, euids, data["controllerEuids"])
		}
		for _, euid := range euids {
			cfg := q(`query($a: String!, $e: ID!) { octoHeatPumpControllerConfiguration(accountNumber: $a, euid: $e) { heatPump { serialNumber } controller { state } } }`,
				map[string]any{"a": tc.account, "e": euid})
			if simtest.Get(cfg, "octoHeatPumpControllerConfiguration", "heatPump", "serialNumber") == nil {
				t.Errorf("%s's controller %v has no heat pump", tc.account, euid)
			}
			seen := map[any]bool{}
			for _, state := range simtest.Get(cfg, "octoHeatPumpControllerConfiguration", "controller", "state").([]any) {
				if seen[state] {
					t.Errorf("%s's controller %v lists the state %v twice", tc.account, euid, state)
				}
				seen[state] = true
			}
		}
	}
}

// TestOctopusGreenAccomplishmentsAreTheBills reads the flat's green accomplishments as
// the Octopus app's account page does: the carbon its electricity would have emitted
// from the grid (DESNZ's 0.20705 kg a kWh) is that of the use its statements billed,
// and the trees are those that take that much up in a year (21.77 kg each).
func TestOctopusGreenAccomplishmentsAreTheBills(t *testing.T) {
	_, c := octopus(t)
	data := mustQuery(t, c)(`{ account(accountNumber: "A-7B3E9D12") { greenAccomplishments { savedTrees savedCo2InKgs }
		bills(first: 100) { edges { node { ... on StatementType { transactions(first: 5) { edges { node { ... on Charge { consumption { quantity } } } } } } } } } } }`, nil)
	var kwh float64
	for _, b := range simtest.Get(data, "account", "bills", "edges").([]any) {
		for _, tx := range simtest.Get(b, "node", "transactions", "edges").([]any) {
			if q, ok := simtest.Get(tx, "node", "consumption", "quantity").(string); ok {
				v, _ := strconv.ParseFloat(q, 64)
				kwh += v
			}
		}
	}
	green := simtest.Get(data, "account", "greenAccomplishments").(map[string]any)
	co2, trees := green["savedCo2InKgs"].(float64), green["savedTrees"].(float64)
	if kwh < 10000 || math.Abs(co2-kwh*0.20705) > 2 || math.Abs(trees-co2/21.77) > 1 {
		t.Errorf("%v kg of CO2 and %v trees saved; the statements billed %.0f kWh", co2, trees, kwh)
	}
}
