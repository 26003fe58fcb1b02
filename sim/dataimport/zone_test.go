package dataimport_test

import (
	"testing"
	"time"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/krakensim/krakensim/schema"
	"github.com/krakensim/krakensim/sim"
)

// TestSupplyStartIsLocal: the earliest supply start date is tomorrow in the tenant's
// local time. At 20:00 UTC on 1 June it is 2 June in Sydney, so 2 June is too early
// there and tomorrow in London.
func TestSupplyStartIsLocal(t *testing.T) {
	at := time.Date(2025, 6, 1, 20, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		zone, start string
		status      int
	}{
		{"Australia/Sydney", "2025-06-02", 400},
		{"Australia/Sydney", "2025-06-03", 200},
		{"Europe/London", "2025-06-02", 200},
		{"Europe/London", "2025-06-01", 400},
	} {
		t.Run(tc.zone+" "+tc.start, func(t *testing.T) {
			api, err := schema.Load(schema.APISource(), &ast.Source{Name: "zone.graphql",
				Input: `extend type Query { localTime(timezone: String = "` + tc.zone + `"): DateTime }`})
			if err != nil {
				t.Fatal(err)
			}
			s := newSimWith(t, func(cfg *sim.Config) { cfg.API, cfg.ClockStart = api, at })
			c := seedRegistration()
			c.query = "supply_start_date=" + tc.start
			if resp := serve(t, s, "zone", c); resp.Status != tc.status {
				t.Errorf("status %d, want %d: %s", resp.Status, tc.status, resp.Body)
			}
		})
	}
}
