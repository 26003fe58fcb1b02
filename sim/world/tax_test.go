package world

import (
	"encoding/json"
	"math"
	"strings"
	"testing"
)

// TestPricesWithTaxAgree: a price with tax is the same price without it plus the
// tenant's tax: VAT's 5% for a UK tenant, GST's 10% where the SDL speaks of GST, and the
// tax of the country of the tenant's local time where it is known (19% in Germany, 15%
// in New Zealand, whose SDL speaks of GST too).
func TestPricesWithTaxAgree(t *testing.T) {
	const sdl = `type Query { tariffs: [Tariff] }
type Tariff { unitRate: Float preVatUnitRate: Float standingCharge: Decimal preVatStandingCharge: Decimal
  rateIncludingTax: Decimal rateExcludingTax: Decimal totalCostInclTax: Int totalCostExclTax: Int cost: Float costWithTax: Float costInCents: Decimal costInCentsWithGst: Decimal }
scalar Decimal`
	pairs := map[string]string{"unitRate": "preVatUnitRate", "standingCharge": "preVatStandingCharge",
		"rateIncludingTax": "rateExcludingTax", "totalCostInclTax": "totalCostExclTax", "costWithTax": "cost", "costInCentsWithGst": "costInCents"}
	for _, tc := range []struct {
		name, sdl string
		tax       float64
	}{
		{"VAT", sdl, 1.05},
		{"GST", sdl + "\n\"\"\"Amounts in cents (incl GST).\"\"\"\nscalar Cents", 1.10},
		{"Germany's VAT", strings.Replace(sdl, "tariffs: [Tariff]", `tariffs(timezone: String = "Europe/Berlin"): [Tariff]`, 1), 1.19},
		{"New Zealand's GST", strings.Replace(sdl, "tariffs: [Tariff]", `tariffs(timezone: String = "Pacific/Auckland"): [Tariff]`, 1) + "\n\"\"\"Amounts in cents (incl GST).\"\"\"\nscalar Cents", 1.15},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := newSDLWorld(t, tc.sdl, Options{}).raw(`{ tariffs {
				unitRate preVatUnitRate standingCharge preVatStandingCharge rateIncludingTax rateExcludingTax totalCostInclTax totalCostExclTax cost costWithTax costInCents costInCentsWithGst } }`, nil)
			var out struct {
				Data struct{ Tariffs []map[string]any }
			}
			if err := json.Unmarshal(b, &out); err != nil || len(out.Data.Tariffs) == 0 {
				t.Fatalf("%v: %s", err, b)
			}
			for _, tr := range out.Data.Tariffs {
				for taxed, net := range pairs {
					g, ok1 := toFloat(tr[taxed])
					n, ok2 := toFloat(tr[net])
					if !ok1 || !ok2 || math.Abs(g-n*tc.tax) > 0.5 && taxed == "totalCostInclTax" || math.Abs(g-n*tc.tax) > 0.006 && taxed != "totalCostInclTax" {
						t.Errorf("%s %v, but %s %v × %.2f is %.3f", taxed, tr[taxed], net, tr[net], tc.tax, n*tc.tax)
					}
				}
			}
		})
	}
}
