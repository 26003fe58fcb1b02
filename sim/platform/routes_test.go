package platform_test

import (
	"slices"
	"testing"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/krakensim/krakensim/sim/platform"
)

// TestRoutesByTenant: every tenant serves Kraken's data-import API; Octopus's public
// REST API (products, GSP groups, MPAN meter points) is Great Britain's tenant's alone,
// so an Australian tenant's coverage and lint do not list it.
func TestRoutesByTenant(t *testing.T) {
	sdl := func(zone string) *ast.Schema {
		return gqlparser.MustLoadSchema(&ast.Source{Name: zone, Input: `type Query { readings(timezone: String = "` + zone + `"): Int }`})
	}
	for _, tc := range []struct {
		name   string
		api    *ast.Schema
		public bool
	}{
		{"Great Britain", sdl("Europe/London"), true},
		{"no zone", nil, true},
		{"Australia", sdl("Australia/Sydney"), false},
	} {
		var names []string
		for _, r := range platform.Routes(tc.api) {
			names = append(names, r.Method+" "+r.Pattern)
		}
		if !slices.Contains(names, "POST /v1/data-import/notes/create/") {
			t.Errorf("%s: no data-import routes in %v", tc.name, names)
		}
		for _, route := range []string{"GET /v1/products/", "GET /v1/industry/grid-supply-points/", "GET /v1/accounts/{account_number}/"} {
			if slices.Contains(names, route) != tc.public {
				t.Errorf("%s: %s served %v, want %v", tc.name, route, !tc.public, tc.public)
			}
		}
	}
}
