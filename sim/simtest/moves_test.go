package simtest_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/simtest"
)

// TestMoveOutEndsTheHome moves the flat's household out: its occupancy ends on
// the day, its agreement the day after, and the next home joins the account with its
// supply registering; a move out of a home the account does not hold, has left, or on a
// day already billed is refused as documented.
func TestMoveOutEndsTheHome(t *testing.T) {
	srv := simtest.NewServer(t, simtest.WithConfig(func(cfg *sim.Config) { cfg.ClockStart = time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC) }))
	c := srv.Client(t)
	c.SignIn("demo@krakensim.dev", "krakensim")
	const move = `mutation($p: String!, $d: Date!, $next: MoveInNewProperty) { moveOut(input: {accountNumber: "A-7B3E9D12", propertyId: $p, moveOutDate: $d, newProperty: $next}) { account { number } } }`
	refusals := []struct {
		name, property, date string
		next                 map[string]any
	}{
		{"another account's home", "2214531", "2026-12-20", nil},
		{"a day already billed", "2214532", "2026-10-20", nil},
		{"no such MPAN", "2214532", "2026-12-20", map[string]any{"address": "3 New Street, York", "postcode": "YO1 7HH", "mpans": []any{"1234567890123"}}},
		{"another's MPAN", "2214532", "2026-12-20", map[string]any{"address": "3 New Street, York", "postcode": "YO1 7HH", "mpans": []any{"1013004420117"}}},
	}
	for _, tc := range refusals {
		vars := map[string]any{"p": tc.property, "d": tc.date}
		if tc.next != nil {
			vars["next"] = tc.next
		}
		if out := c.Query(move, vars); len(out.Errors) != 1 || out.Errors[0].Code() != "KT-GB-6628" {
			t.Errorf("%s: %+v", tc.name, out.Errors)
		}
	}
	// A day that is none is refused before the resolver, as graphene refuses a Date.
	if out := c.Query(move, map[string]any{"p": "2214532", "d": "2026-12-32"}); len(out.Errors) != 1 || !strings.Contains(out.Errors[0].Message, "Date cannot represent value") {
		t.Errorf("no date: %+v", out.Errors)
	}
	query := mustQuery(t, c)
	query(move, map[string]any{"p": "2214532", "d": "2026-12-20", "next": map[string]any{"address": "3 New Street, York", "postcode": "yo1 7hh", "mpans": []any{"1900000000004"}}})
	out := query(`{ account(accountNumber: "A-7B3E9D12") { properties { id postcode occupancyPeriods { effectiveFrom effectiveTo }
		electricityMeterPoints { mpan status agreements(includeInactive: true) { validFrom validTo } } } } }`, nil)
	props := simtest.Get(out, "account", "properties").([]any)
	if len(props) != 2 {
		t.Fatalf("properties %v", props)
	}
	old, next := props[0], props[1]
	if got := simtest.Get(old, "occupancyPeriods", 0, "effectiveTo"); got != "2026-12-20T00:00:00+00:00" {
		t.Errorf("the flat's occupancy ends %v", got)
	}
	ags := simtest.Get(old, "electricityMeterPoints", 0, "agreements").([]any)
	if got := simtest.Get(ags[len(ags)-1], "validTo"); got != "2026-12-21T00:00:00+00:00" {
		t.Errorf("the flat's last agreement ends %v", got)
	}
	got := fmt.Sprint(simtest.Get(next, "postcode"), " ", simtest.Get(next, "occupancyPeriods", 0, "effectiveFrom"), " ",
		simtest.Get(next, "electricityMeterPoints", 0, "mpan"), " ", simtest.Get(next, "electricityMeterPoints", 0, "status"))
	if want := "YO1 7HH 2026-12-21T00:00:00+00:00 1900000000004 PENDING_REGISTRATION"; got != want {
		t.Errorf("the next home: %s, want %s", got, want)
	}
	if out := c.Query(move, map[string]any{"p": "2214532", "d": "2026-12-24"}); len(out.Errors) != 1 || out.Errors[0].Code() != "KT-GB-6628" {
		t.Errorf("moving out twice: %+v", out.Errors)
	}
}
