package simtest_test

import (
	"fmt"
	"testing"

	"github.com/krakensim/krakensim/sim/simtest"
)

// TestOriginMeterAccessIsUpdated tells Origin how to reach the house's meter: the
// hazards and instructions given replace what the property's kind made, each kept until
// changed, and an NMI no supply has, another's, nothing to change and too many hazards
// are refused with their codes.
func TestOriginMeterAccessIsUpdated(t *testing.T) {
	_, c := tenant(t, "origin-schema.graphql")
	const (
		update = `mutation($nmi: String!, $details: String, $hazards: [HazardType], $other: String) { updateElecMeterPointAccessDetails(input: {meterPointNmi: $nmi, accessDetails: $details, hazards: $hazards, hazardDetails: $other}) { meterPoint { identifier accessDetails hazards } } }`
		read   = `{ account(accountNumber: "A-C90DC431") { properties { meterPoints { ... on MeterPointType { accessDetails hazards } } } } }`
	)
	site := func() string {
		return fmt.Sprint(simtest.Get(c.Query(read, nil).Data, "account", "properties", 0, "meterPoints", 0))
	}
	if got := site(); got != "map[accessDetails:Meter box on the side of the house; side gate unlocked. hazards:[]]" {
		t.Errorf("before: %s", got)
	}
	for _, tc := range []struct {
		name string
		vars map[string]any
		want string
	}{
		{"an NMI no supply has", map[string]any{"nmi": "4000000000", "details": "x"}, "KT-CT-4011"},
		{"another's supply", map[string]any{"nmi": "6102019374", "details": "x"}, "KT-CT-6420"},
		{"nothing", map[string]any{"nmi": "4102004420"}, "KT-AU-7810"},
		{"six hazards", map[string]any{"nmi": "4102004420", "hazards": []any{"DOG", "ASBESTOS_BOARD", "ASBESTOS_FUSE", "ELECTRIC_FENCE", "CUSTOMER_CAUTION"}, "other": "Bees"}, "KT-AU-5610"},
	} {
		if got := graphqlCode(t, c, update, tc.vars); got != tc.want {
			t.Errorf("%s: %q, want %s", tc.name, got, tc.want)
		}
	}
	c.Query(update, map[string]any{"nmi": "4102004420", "hazards": []any{"DOG"}, "other": "Bees by the box"})
	if got := site(); got != "map[accessDetails:Meter box on the side of the house; side gate unlocked. hazards:[DOG Bees by the box]]" {
		t.Errorf("hazards told: %s", got)
	}
	c.Query(update, map[string]any{"nmi": "4102004420", "details": "Key under the mat."})
	if got := site(); got != "map[accessDetails:Key under the mat. hazards:[DOG Bees by the box]]" {
		t.Errorf("instructions told: %s", got)
	}
	c.Query(update, map[string]any{"nmi": "4102004420", "details": "", "hazards": []any{}})
	if got := site(); got != "map[accessDetails: hazards:[]]" {
		t.Errorf("all removed: %s", got)
	}
}
