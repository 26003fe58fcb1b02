package world

import (
	"math"
	"slices"
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
// same price without it, the gross of a trio among them.
func taxedPairs(s *ast.Schema, def *ast.Definition, trio *taxTrio) map[string]string {
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
	if trio != nil {
		add(trio.gross, trio.net)
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

// taxTrio names the fields of one amount with tax (grossAmount), without it (netAmount)
// and of the tax on it (salesTaxAmount), which agree: gross is net and tax.
type taxTrio struct{ gross, net, tax string }

// taxTrioOf is def's trio of amounts; nil when it has none.
func taxTrioOf(s *ast.Schema, def *ast.Definition) *taxTrio {
	num := func(f *ast.FieldDefinition) bool {
		return f != nil && f.Type.Elem == nil && len(f.Arguments) == 0 && isNumeric(s, f.Type.NamedType)
	}
	for _, g := range def.Fields {
		gw := words(g.Name)
		if len(gw) == 0 || gw[0] != "gross" || !num(g) {
			continue
		}
		rest := gw[1:]
		n := def.Fields.ForName(camel(append([]string{"net"}, rest...), false))
		if !num(n) {
			continue
		}
		for _, t := range def.Fields {
			tw := words(t.Name)
			if t == g || t == n || !num(t) || !hasWord(tw, "tax", "vat", "gst") {
				continue
			}
			var other []string
			for _, w := range tw {
				if w != "tax" && w != "vat" && w != "gst" && w != "sale" && w != "total" {
					other = append(other, w)
				}
			}
			if slices.Equal(other, rest) {
				return &taxTrio{gross: g.Name, net: n.Name, tax: t.Name}
			}
		}
	}
	return nil
}

// trioValue is what a trio's field reads when the input gives some of the trio (a
// mutation's grossAmount): the given value, or what the given ones make of it at the
// tax rate; false when the input gives none.
func trioValue(t *taxTrio, field string, given map[string]any, rate float64) (float64, bool) {
	get := func(name string) (float64, bool) { return toFloat(given[name]) }
	g, hasG := get(t.gross)
	n, hasN := get(t.net)
	x, hasX := get(t.tax)
	switch {
	case !hasG && !hasN && !hasX:
		return 0, false
	case hasG && !hasN && hasX:
		n = g - x
	case hasG && !hasN:
		n = math.Round(g / rate)
	case !hasN && hasX:
		n = math.Round(x / (rate - 1))
	}
	if !hasG {
		g = n + x
		if !hasX {
			g = math.Round(n * rate)
		}
	}
	switch field {
	case t.gross:
		return g, true
	case t.net:
		return n, true
	case t.tax:
		return g - n, true
	}
	return 0, false
}
