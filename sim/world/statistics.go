package world

import (
	"math"
	"strings"
	"time"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/krakensim/krakensim/sim/fake"
	"github.com/krakensim/krakensim/sim/graphql"
)

// A measurement's statistics (Kraken's StatisticOutput, which the Octopus app reads to
// price each bar of its usage chart): what the measurement's energy cost at the unit rate
// its meter was charged at then (CONSUMPTION_COST), and its share of the day's standing
// charge (STANDING_CHARGE_COST), before and after tax, in the smallest unit of currency.

// The kinds of statistic the world prices.
const (
	statConsumption = "CONSUMPTION_COST"
	statStanding    = "STANDING_CHARGE_COST"
	statGeneration  = "GENERATION_VALUE"
)

// statRole is what a statistic type has: its kind enum field, and its cost objects
// before and after tax, whose amount and price per unit are the named fields.
type statRole struct {
	kind, value, excl, incl string
	// label and doc are String fields that name and describe the kind ("" for none).
	label, doc             string
	amount, price, perUnit string
	unit                   string
}

// statisticOf is the statRole of a type whose kind enum prices consumption (a
// ReadingStatisticTypeEnum with CONSUMPTION_COST), nil for other types.
func (r *Roles) statisticOf(typ string) *statRole {
	def := r.schema.Types[typ]
	if def == nil || def.Kind != ast.Object {
		return nil
	}
	sr := &statRole{}
	for _, f := range def.Fields {
		named := r.schema.Types[f.Type.Name()]
		if named == nil || f.Type.Elem != nil {
			continue
		}
		switch {
		case named.Kind == ast.Enum && named.EnumValues.ForName(statConsumption) != nil:
			sr.kind = f.Name
		case f.Name == "value" && isNumeric(r.schema, named.Name):
			sr.value = f.Name
		case named.Name == "String" && hasWord(words(f.Name), "label", "name"):
			sr.label = f.Name
		case named.Name == "String" && hasWord(words(f.Name), "description"):
			sr.doc = f.Name
		case named.Kind == ast.Object && hasWord(words(f.Name), "cost"):
			if hasWord(words(f.Name), "excl", "exclusive", "without") {
				sr.excl = f.Name
			} else {
				sr.incl = f.Name
			}
			for _, mf := range named.Fields {
				switch pn := r.schema.Types[mf.Type.Name()]; {
				case mf.Type.Elem == nil && isNumeric(r.schema, mf.Type.Name()) && hasWord(words(mf.Name), "amount"):
					sr.amount = mf.Name
				case pn != nil && pn.Kind == ast.Object && hasWord(words(mf.Name), "price"):
					sr.price = mf.Name
					for _, pf := range pn.Fields {
						if isNumeric(r.schema, pf.Type.Name()) {
							sr.perUnit = pf.Name
						} else if u := r.schema.Types[pf.Type.Name()]; u != nil && u.Kind == ast.Enum && u.EnumValues.ForName("KILOWATT_HOURS") != nil {
							sr.unit = pf.Name
						}
					}
				}
			}
		}
	}
	if sr.kind == "" || sr.excl == "" || sr.incl == "" || sr.amount == "" {
		return nil
	}
	return sr
}

// statistics are the statistics of the measurement whose part pm is (its metaData): its
// energy's cost, and its share of the standing charge where state's meter says it;
// false when pm is no part of a reading of a register.
func (g *Generator) statistics(env *Env, fr *fieldRole, sr *statRole, pm *meta) ([]map[string]any, bool) {
	if pm.series == 0 || pm.span == nil {
		return nil, false
	}
	sp, m := *pm.span, pm.meter
	reg := regOf(pm.series, m, g.home)
	rate := func(time.Time) float64 { return unitRate(pm.series) }
	if m != nil && m.Rate != nil {
		rate = m.Rate
	}
	tax := g.roles.tax()
	if m != nil && m.TaxAt(sp.read().start) > 0 { // of the household that held the home then
		tax = m.TaxAt(sp.read().start)
	}
	typ := g.pickType(fr, pm.key, nil)
	if typ == "" {
		return nil, false
	}
	used := statConsumption
	if m != nil && m.Outgoing {
		tax = 1 // what an export earns is not taxed
		if g.named(typ, sr.kind).EnumValues.ForName(statGeneration) != nil {
			used = statGeneration
		}
	}
	stat := func(kind string, energy, cost, perUnit float64) map[string]any {
		key := fake.HashStrings("statistic", kind) ^ pm.key
		it := g.entity(env, typ, key, "", &sp, sp.tense)
		it[sr.kind] = kind
		if sr.label != "" { // CONSUMPTION_COST: "Consumption cost"
			it[sr.label] = strings.ToUpper(kind[:1]) + strings.ToLower(strings.ReplaceAll(kind[1:], "_", " "))
		}
		if sr.doc != "" {
			it[sr.doc] = nil
			if ev := g.named(typ, sr.kind).EnumValues.ForName(kind); ev != nil {
				if d := doc(ev.Description, ev.BeforeDescriptionComment, ev.AfterDescriptionComment); d != "" {
					it[sr.doc] = strings.TrimSpace(d) // "The calculated cost of consumption for the interval."
				}
			}
		}
		if sr.value != "" {
			it[sr.value] = nil
			if kind == used {
				it[sr.value] = renderNumber(g.named(typ, sr.value), energy, 3)
			}
		}
		for _, side := range []struct {
			field string
			f     float64
		}{{sr.excl, 1}, {sr.incl, tax}} {
			mtyp := g.named(typ, side.field).Name
			money := g.entity(env, mtyp, graphql.FieldKey(key, side.field, ""), "", &sp, sp.tense)
			money[sr.amount] = renderNumber(g.named(mtyp, sr.amount), cost*side.f, 5) // unrounded, as Kraken's ("5.29228")
			if sr.price != "" && side.f == 1 && kind == used {
				ptyp := g.named(mtyp, sr.price).Name
				price := map[string]any{sr.perUnit: renderNumber(g.named(ptyp, sr.perUnit), perUnit, 4)}
				if sr.unit != "" {
					price[sr.unit] = "KILOWATT_HOURS"
				}
				money[sr.price] = price
			} else if sr.price != "" {
				money[sr.price] = nil
			}
			it[side.field] = money
		}
		return it
	}
	read := sp.read()
	energy, cost := reg.over(read), costAt(read, reg.over, rate)
	if shown := math.Round(energy*1000) / 1000; energy != 0 {
		cost, energy = cost*shown/energy, shown // the cost of the kWh the reading states, to the Wh
	}
	perUnit := rate(read.start)
	if energy > 0 {
		perUnit = cost / energy // what a kWh cost over the interval, at the rates of its half hours
	}
	out := []map[string]any{stat(used, energy, cost, perUnit)}
	if m != nil && m.Standing != nil && !m.Outgoing { // what a home sends out bears no standing charge
		out = append(out, stat(statStanding, 0, standingOver(m.Standing, read.start, read.end, g.zone()), 0))
	}
	return out, true
}

// standingOver is the standing charge from start to end: each local day's at its rate
// (perDay, of the day's start), the share of the day the span covers of it, so that a
// day of 23 or 25 hours, when the clocks change, charges a day's as its bill does.
func standingOver(perDay func(time.Time) float64, start, end time.Time, zone *time.Location) float64 {
	total := 0.0
	for day := midnight(start.In(zone)); day.Before(end); {
		next := time.Date(day.Year(), day.Month(), day.Day()+1, 0, 0, 0, 0, zone)
		lo, hi := day, next
		if start.After(lo) {
			lo = start
		}
		if end.Before(hi) {
			hi = end
		}
		if hi.After(lo) {
			total += perDay(day) * float64(hi.Sub(lo)) / float64(next.Sub(day))
		}
		day = next
	}
	return total
}

// named is the named type of typ's field name.
func (g *Generator) named(typ, name string) *ast.Definition {
	return g.schema.Types[g.schema.Types[typ].Fields.ForName(name).Type.Name()]
}
