package simtest_test

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/krakensim/krakensim/sim/simtest"
)

// TestOctopusRESTPricesAreUTCAndUnrounded: a tariff's prices are dated in UTC in summer
// too (a client keys Agile's half hours by their Z times) and carry VAT unrounded, as
// captured answers of Octopus's REST API do (20.1915, "2024-05-07T21:30:00Z").
func TestOctopusRESTPricesAreUTCAndUnrounded(t *testing.T) {
	srv, c := octopus(t)
	for _, tc := range []struct {
		name, path string
		rows       int
		from       string
	}{
		{"Agile on a summer night", "/v1/products/AGILE-24-10-01/electricity-tariffs/E-1R-AGILE-24-10-01-A/standard-unit-rates/?period_from=2026-07-01T22:00:00Z&period_to=2026-07-02T00:00:00Z&order_by=period", 4, "2026-07-01T23:30:00Z"},
		{"Agile on a winter night", "/v1/products/AGILE-24-10-01/electricity-tariffs/E-1R-AGILE-24-10-01-A/standard-unit-rates/?period_from=2026-11-30T22:00:00Z&period_to=2026-12-01T00:00:00Z", 4, "2026-11-30T23:30:00Z"},
		{"Flexible's first standing charge", "/v1/products/VAR-22-11-01/electricity-tariffs/E-1R-VAR-22-11-01-A/standing-charges/?period_to=2022-12-01T00:00:00Z", 2, "2022-11-01T00:00:00Z"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, body := rest(t, srv, c.Session, "", tc.path)
			rows, _ := body["results"].([]any)
			if status != 200 || len(rows) != tc.rows {
				t.Fatalf("%d, %d rows: %v", status, len(rows), body)
			}
			for _, r := range rows {
				row := r.(map[string]any)
				for _, k := range []string{"valid_from", "valid_to"} {
					if v, ok := row[k].(string); ok && !strings.HasSuffix(v, "Z") {
						t.Errorf("%s %q is not in UTC", k, v)
					}
				}
				pre, taxed := row["value_exc_vat"].(float64), row["value_inc_vat"].(float64)
				if math.Abs(taxed-pre*1.05) > 1e-9 {
					t.Errorf("%v with VAT is %v; want %v", pre, taxed, pre*1.05)
				}
			}
			froms := []string{}
			for _, r := range rows {
				froms = append(froms, fmt.Sprint(r.(map[string]any)["valid_from"]))
			}
			if !slices.Contains(froms, tc.from) {
				t.Errorf("the rows begin at %v; want one at %s", froms, tc.from)
			}
		})
	}
	// A product's detail has no direction, as captured ones have none; the list has.
	_, detail := rest(t, srv, c.Session, "", "/v1/products/VAR-22-11-01/")
	_, list := rest(t, srv, c.Session, "", "/v1/products/")
	if _, has := detail["direction"]; has || detail["code"] != "VAR-22-11-01" || simtest.Get(list, "results", 0, "direction") != "IMPORT" {
		t.Errorf("the detail's direction %v (code %v), the list's %v", detail["direction"], detail["code"], simtest.Get(list, "results", 0, "direction"))
	}
}
