package world

import (
	"strings"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/krakensim/krakensim/sim/fake"
)

// Prices with and without tax agree: unitRate is preVatUnitRate with VAT,
// rateIncludingTax is rateExcludingTax with GST, costInCentsWithGst is costInCents with
// GST, costWithTax is cost with tax.

// taxSuffixes pair the endings of a price with tax and of the same price without it.
var taxSuffixes = [][2]string{
	{"IncludingTax", "ExcludingTax"}, {"InclTax", "ExclTax"}, {"IncTax", "ExcTax"},
	{"InclVat", "ExclVat"}, {"IncVat", "ExcVat"}, {"InclGst", "ExclGst"}, {"IncGst", "ExcGst"},
	{"WithTax", "WithoutTax"}, {"WithTax", ""}, {"WithVat", ""}, {"WithGst", ""},
}

// taxedPairs maps each numeric field of def that is a price with tax to the field of the
// same price without it.
func taxedPairs(s *ast.Schema, def *ast.Definition) map[string]string {
	var out map[string]string
	add := func(taxed, net string) {
		f, n := def.Fields.ForName(taxed), def.Fields.ForName(net)
		if f == nil || n == nil || f.Type.Elem != nil || n.Type.Elem != nil || !isNumeric(s, f.Type.NamedType) || !isNumeric(s, n.Type.NamedType) {
			return
		}
		if out == nil {
			out = map[string]string{}
		}
		if _, ok := out[taxed]; !ok {
			out[taxed] = net
		}
	}
	for _, f := range def.Fields {
		if rest, ok := strings.CutPrefix(f.Name, "preVat"); ok && rest != "" {
			add(strings.ToLower(rest[:1])+rest[1:], f.Name)
		}
		for _, p := range taxSuffixes {
			if stem, ok := strings.CutSuffix(f.Name, p[0]); ok && stem != "" {
				add(f.Name, stem+p[1])
			}
		}
	}
	return out
}

// tax is the factor a price with tax is of the price without: the tax on energy of the
// tenant's country where the Faker knows it (Australia's GST, 10%; Germany's VAT, 19%);
// else 1.10 where the SDL speaks of GST, else 1.05 (UK VAT on domestic energy).
func (r *Roles) tax() float64 {
	r.taxOnce.Do(func() {
		if t, ok := fake.EnergyTax(r.faker.Zone()); ok {
			r.taxRate = t
			return
		}
		r.taxRate = 1.05
		for _, d := range r.schema.Types {
			if docContains(d.Description, d.BeforeDescriptionComment, d.AfterDescriptionComment, "GST") {
				r.taxRate = 1.10
				return
			}
			for _, f := range d.Fields {
				if docContains(f.Description, f.BeforeDescriptionComment, f.AfterDescriptionComment, "GST") {
					r.taxRate = 1.10
					return
				}
			}
		}
	})
	return r.taxRate
}
