package simtest_test

import (
	"testing"

	"github.com/krakensim/krakensim/sim/simtest"
)

// TestOriginCustomerAssets lists the flat's car and charger as its customer assets on
// Origin, registers a battery inverter at the home and retires the car: the account's
// customerAssets and customerAsset agree, and a physical id in use, another's property,
// a retired asset and a moment before an asset was active are refused with their codes.
func TestOriginCustomerAssets(t *testing.T) {
	_, c := tenant(t, "origin-schema.graphql")
	const (
		list     = `{ account(accountNumber: "A-7B3E9D12") { customerAssets { id physicalId name type activeFrom activeTo accountNumber } } }`
		register = `mutation($n: String!, $p: Int!, $id: String!, $s: Int) { registerCustomerAsset(input: {accountNumber: $n, propertyId: $p, physicalId: $id, name: "Garage battery", type: INVERTER, organisationId: 12, organisationDeviceId: "inv-1", supplyPointId: $s}) { customerAsset { id type activeFrom activeTo accountNumber } } }`
		retire   = `mutation($id: ID!, $at: DateTime) { retireCustomerAsset(input: {customerAssetId: $id, retiredAt: $at}) { customerAsset { id activeTo } } }`
		one      = `query($id: String!) { customerAsset(customerAssetId: $id) { name activeTo } }`
		car      = "00000000-0002-4000-8020-0000000a7b3e"
	)
	assets := simtest.Get(c.Query(list, nil).Data, "account", "customerAssets").([]any)
	if len(assets) != 2 || simtest.Get(assets[0], "type") != "EV" || simtest.Get(assets[0], "name") != "Tesla Model 3" || simtest.Get(assets[1], "type") != "EVSE" || simtest.Get(assets[0], "activeTo") != nil {
		t.Fatalf("the flat's assets: %v", assets)
	}
	vars := func(n string, p int, id string, s any) map[string]any {
		return map[string]any{"n": n, "p": p, "id": id, "s": s}
	}
	for _, tc := range []struct {
		name string
		vars map[string]any
		want string
	}{
		{"another's account", vars("A-0F4A2B19", 2214533, "INV-9", nil), "KT-CT-1128"},
		{"a property of another account", vars("A-7B3E9D12", 2214533, "INV-9", nil), "KT-CT-1128"},
		{"a supply point elsewhere", vars("A-7B3E9D12", 2214532, "INV-9", 1), "KT-CT-1128"},
		{"the car's physical id", vars("A-7B3E9D12", 2214532, car, nil), "KT-CT-14602"},
	} {
		if got := graphqlCode(t, c, register, tc.vars); got != tc.want {
			t.Errorf("%s: %q, want %s", tc.name, got, tc.want)
		}
	}
	r := c.Query(register, vars("A-7B3E9D12", 2214532, "INV-9", nil))
	id, _ := simtest.Get(r.Data, "registerCustomerAsset", "customerAsset", "id").(string)
	if id == "" || simtest.Get(r.Data, "registerCustomerAsset", "customerAsset", "activeFrom") != "2026-12-02T20:00:00+11:00" {
		t.Fatalf("registering: %+v", r)
	}
	if got := graphqlCode(t, c, register, vars("A-7B3E9D12", 2214532, "inv-9", nil)); got != "KT-CT-14602" {
		t.Errorf("the same physical id again: %q", got)
	}

	if got := graphqlCode(t, c, retire, map[string]any{"id": car, "at": "2020-01-01T00:00:00Z"}); got != "KT-CT-14603" {
		t.Errorf("retiring before it was active: %q", got)
	}
	if got := simtest.Get(c.Query(retire, map[string]any{"id": car}).Data, "retireCustomerAsset", "customerAsset", "activeTo"); got != "2026-12-02T20:00:00+11:00" {
		t.Errorf("the car retired at %v", got)
	}
	if got := graphqlCode(t, c, retire, map[string]any{"id": car}); got != "KT-CT-14603" {
		t.Errorf("retiring it again: %q", got)
	}
	if got := simtest.Get(c.Query(one, map[string]any{"id": car}).Data, "customerAsset", "activeTo"); got != "2026-12-02T20:00:00+11:00" {
		t.Errorf("customerAsset says the car is active to %v", got)
	}
	assets = simtest.Get(c.Query(list, nil).Data, "account", "customerAssets").([]any)
	if len(assets) != 3 || simtest.Get(assets[0], "activeTo") == nil || simtest.Get(assets[2], "id") != id {
		t.Errorf("after registering and retiring: %v", assets)
	}
	if got := simtest.Get(c.Query(one, map[string]any{"id": "00:1e:5e:09:02:5e:3c:1b"}).Data, "customerAsset"); got != nil {
		t.Errorf("another's heat pump: %v", got)
	}
	// A retired asset's physical id may be registered again.
	if got := graphqlCode(t, c, register, vars("A-7B3E9D12", 2214532, car, nil)); got != "" {
		t.Errorf("registering the retired car's id: %q", got)
	}
}
