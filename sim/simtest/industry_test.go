package simtest_test

import (
	"fmt"
	"testing"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/simtest"
)

// TestOctopusSmartRecordIsTheMeters reads what the industry's register holds of each
// household's smart metering: the day its smart meter was fitted, its DCC flag, display
// and operator, the supplier still supplying a home whose switch is pending; nothing of
// it for a home whose meters are read by hand.
func TestOctopusSmartRecordIsTheMeters(t *testing.T) {
	_, c := octopus(t)
	const q = `query($n: String!) { account(accountNumber: $n) { properties {
		electricityMeterPoints { dccServiceFlag dccEffectiveFrom smsOperator smsOperatorEffectiveFrom ihdStatus ihdEffectiveFrom smartStartDate }
		gasMeterPoints { smartStartDate } } } }`
	tests := []struct {
		email, number string
		want          string // the electricity point's fields in order, then the gas point's smartStartDate
	}{
		{"demo@krakensim.dev", "A-C90DC431", "A 2019-10-01 Octopus Energy 2019-10-01 I 2019-10-01 2019-10-01 | 2019-10-01"},
		{"demo@krakensim.dev", "A-7B3E9D12", "A 2022-05-15 Octopus Energy 2022-05-15 I 2022-05-15 2022-05-15 |"},
		{"other@krakensim.dev", "A-0F4A2B19", "N <nil>  <nil>  <nil> <nil> | <nil>"},
		{"new@krakensim.dev", "A-9D8E7F60", "A 2021-07-01 Squid Power 2021-07-01 I 2021-07-01 2021-07-01 | 2021-07-01"},
	}
	for _, tc := range tests {
		t.Run(tc.number, func(t *testing.T) {
			c.SignIn(tc.email, "krakensim")
			out := mustQuery(t, c)(q, map[string]any{"n": tc.number})
			ep := simtest.Get(out, "account", "properties", 0, "electricityMeterPoints", 0)
			got := ""
			for _, f := range []string{"dccServiceFlag", "dccEffectiveFrom", "smsOperator", "smsOperatorEffectiveFrom", "ihdStatus", "ihdEffectiveFrom", "smartStartDate"} {
				got += fmt.Sprint(simtest.Get(ep, f)) + " "
			}
			got += "|"
			if gas, _ := simtest.Get(out, "account", "properties", 0, "gasMeterPoints").([]any); len(gas) > 0 {
				got += " " + fmt.Sprint(simtest.Get(gas[0], "smartStartDate"))
			}
			if got != tc.want {
				t.Errorf("got  %q\nwant %q", got, tc.want)
			}
		})
	}
}

// TestOctopusGasEndUserCategoryIsTheAQ reads a home's gas supply as Xoserve holds it: in
// the demand estimation's first band (an AQ under 73,200 kWh), named for its LDZ and the
// gas year, on the transporter's network rather than an independent one.
func TestOctopusGasEndUserCategoryIsTheAQ(t *testing.T) {
	_, c := octopus(t)
	out := mustQuery(t, c)(`{ account(accountNumber: "A-C90DC431") { properties { gasMeterPoints { ldz formulaYearSmpAq endUserCategory eucIdentifier igtIdentifier } } } }`, nil)
	gas := simtest.Get(out, "account", "properties", 0, "gasMeterPoints", 0)
	if aq := number(t, simtest.Get(gas, "formulaYearSmpAq")); aq <= 0 || aq > 73_200 {
		t.Fatalf("AQ %v is no home's", aq)
	}
	got := fmt.Sprint(simtest.Get(gas, "ldz"), " ", simtest.Get(gas, "endUserCategory"), " ", simtest.Get(gas, "eucIdentifier"), " ", simtest.Get(gas, "igtIdentifier"), "|")
	if want := "EA 1 EA:E2601B |"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestOriginEmbeddedNetworkIsTheProperties reads the embedded network two homes of the
// session belong to: the same network from either, listing both; a home on the public
// network belongs to none.
func TestOriginEmbeddedNetworkIsTheProperties(t *testing.T) {
	_, c := tenant(t, "origin-schema.graphql", func(w *sim.World) {
		w.Account("A-C90DC431").Properties[0].EmbeddedNetwork = "The Island"
		w.Account("A-0F4A2B19").Properties[0].EmbeddedNetwork = "The Island"
	})
	const q = `query($n: String!) { account(accountNumber: $n) { properties { id embeddedNetwork { id name embeddedProperties { propertyId embeddedNetwork { name } } } } } }`
	query := mustQuery(t, c)
	out := query(q, map[string]any{"n": "A-C90DC431"})
	network := simtest.Get(out, "account", "properties", 0, "embeddedNetwork")
	if simtest.Get(network, "name") != "The Island" || simtest.Get(network, "id") == nil {
		t.Fatalf("network %v", network)
	}
	var ids []any
	members, _ := simtest.Get(network, "embeddedProperties").([]any)
	for _, m := range members {
		if simtest.Get(m, "embeddedNetwork", "name") != "The Island" {
			t.Errorf("member %v names another network", m)
		}
		ids = append(ids, simtest.Get(m, "propertyId"))
	}
	if own := simtest.Get(out, "account", "properties", 0, "id"); len(ids) != 2 || ids[0] != own || ids[1] == own {
		t.Errorf("members %v, want this home (%v) and the other's", ids, own)
	}
	out = query(q, map[string]any{"n": "A-7B3E9D12"})
	if got := simtest.Get(out, "account", "properties", 0, "embeddedNetwork"); got != nil {
		t.Errorf("a home on the public network is on %v", got)
	}
}
