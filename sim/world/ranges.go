package world

import (
	"math"
	"slices"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/krakensim/krakensim/sim/graphql"
)

// A setting beside the range a device allows it (a heat pump's flow temperature and its
// allowableRange; the weather compensation's currentRange and its allowableRange): what
// is selected lies within what is allowed, and a flow temperature is a heating flow's,
// 25–70 °C, not a room's.

// rangeRole is what a type that holds an allowed range has.
type rangeRole struct {
	allowed string // the field of the allowed range (allowableRange)
	lo, hi  string // the range type's bound fields (minimum, maximum)
	// value is the numeric field of a bound's value object (Temperature.value); "" when
	// the bounds are numbers.
	value string
	// within are the fields holding a value of the bounds' type or a range of them
	// (currentTemperature, currentRange), which lie within the allowed range.
	within []string
	// flow says the range is a heating flow's temperature.
	flow bool
}

// allowedWords are the words that name the range a device allows.
var allowedWords = []string{"allowable", "allowed", "permitted", "permissible", "possible", "valid", "supported"}

// rangeOf is the allowed range def holds and what lies within it; nil when def holds
// no field named for an allowed range whose type is a range (minimum and maximum of one
// type).
func rangeOf(s *ast.Schema, def *ast.Definition, ws []string) *rangeRole {
	var rr *rangeRole
	var rangeType, bound string
	for _, f := range def.Fields {
		if f.Type.Elem != nil || len(f.Arguments) > 0 || !hasWord(words(f.Name), allowedWords...) {
			continue
		}
		if lo, hi, b := rangeFields(s, f.Type.Name()); lo != "" {
			rr = &rangeRole{allowed: f.Name, lo: lo, hi: hi}
			rangeType, bound = f.Type.Name(), b
			break
		}
	}
	if rr == nil {
		return nil
	}
	if !isNumeric(s, bound) {
		if rr.value = valueField(s, bound); rr.value == "" {
			return nil
		}
	}
	for _, f := range def.Fields {
		if f.Name != rr.allowed && f.Type.Elem == nil && len(f.Arguments) == 0 && (f.Type.Name() == rangeType || f.Type.Name() == bound) {
			rr.within = append(rr.within, f.Name)
		}
	}
	rr.flow = hasWord(ws, "flow", "compensation")
	return rr
}

// rangeFields are the low and high bound fields of a range type (minimum, maximum) and
// their common type; all "" when typ is not such a type.
func rangeFields(s *ast.Schema, typ string) (lo, hi, bound string) {
	def := s.Types[typ]
	if def == nil || def.Kind != ast.Object {
		return "", "", ""
	}
	for _, f := range def.Fields {
		if ws := words(f.Name); f.Type.Elem == nil && len(f.Arguments) == 0 && len(ws) == 1 {
			switch {
			case lo == "" && slices.Contains(lowWords, ws[0]):
				lo = f.Name
			case hi == "" && slices.Contains(highWords, ws[0]):
				hi = f.Name
			}
		}
	}
	if lo == "" || hi == "" || def.Fields.ForName(lo).Type.Name() != def.Fields.ForName(hi).Type.Name() {
		return "", "", ""
	}
	return lo, hi, def.Fields.ForName(lo).Type.Name()
}

// ranged gives an object that holds an allowed range (m, answered for f) its range and
// the settings within it, where neither state nor a write has stated them.
func (g *Generator) ranged(f *graphql.Field, m map[string]any) {
	mt, ok := m[metaKey].(*meta)
	if !ok {
		return
	}
	tr := g.roles.typ(mt.typ)
	if tr == nil || tr.ranged == nil {
		return
	}
	rr := tr.ranged
	if _, stated := m[rr.allowed]; stated {
		return
	}
	r := newRng(mt.key ^ 0x6a09e667f3bcc908)
	var lo, hi float64
	decimals := 0
	if rr.flow || hasWord(words(f.Name), "flow", "compensation") {
		d := r
		if mt.scope != 0 {
			d = newRng(mt.scope ^ 0x6a09e667f3bcc908) // one heat pump allows one range of flow temperatures
		}
		lo, hi = float64(25+5*d.intn(2)), float64(55+5*d.intn(4))
	} else {
		c, _ := toFloat(g.boundSample(mt, rr))
		w := max(1, math.Abs(c)/4)
		lo, hi, decimals = c-w, c+w, 1
	}
	rangeDef := g.schema.Types[tr.def.Fields.ForName(rr.allowed).Type.Name()]
	m[rr.allowed] = g.rangeValue(rangeDef, rr, lo, hi, decimals)
	for _, name := range rr.within {
		if _, stated := m[name]; stated {
			continue
		}
		fd := tr.def.Fields.ForName(name)
		span := hi - lo
		if def := g.schema.Types[fd.Type.Name()]; def == rangeDef {
			a := lo + span*float64(r.between(10, 40))/100
			b := lo + span*float64(r.between(60, 90))/100
			m[name] = g.rangeValue(def, rr, a, b, decimals)
			continue
		}
		m[name] = g.boundValue(rangeDef, rr, lo+span*float64(r.between(25, 75))/100, decimals)
	}
}

// boundSample is the Faker's value for a bound of rr's range, around which a range of
// an unknown kind is drawn.
func (g *Generator) boundSample(mt *meta, rr *rangeRole) any {
	rangeDef := g.schema.Types[g.roles.typ(mt.typ).def.Fields.ForName(rr.allowed).Type.Name()]
	bound := rangeDef.Fields.ForName(rr.lo).Type.Name()
	if rr.value == "" {
		return g.faker.Leaf(graphql.FieldKey(mt.key, rr.allowed, ""), rangeDef.Name, rr.lo, g.schema.Types[bound])
	}
	def := g.schema.Types[bound]
	return g.faker.Leaf(graphql.FieldKey(mt.key, rr.allowed, ""), def.Name, rr.value, g.schema.Types[def.Fields.ForName(rr.value).Type.Name()])
}

// rangeValue is a range from lo to hi, as rangeDef's fields hold it.
func (g *Generator) rangeValue(rangeDef *ast.Definition, rr *rangeRole, lo, hi float64, decimals int) map[string]any {
	return map[string]any{
		rr.lo: g.boundValue(rangeDef, rr, lo, decimals),
		rr.hi: g.boundValue(rangeDef, rr, hi, decimals),
	}
}

// boundValue is v as a bound of rangeDef holds it: a number, or a value object with v
// as its value.
func (g *Generator) boundValue(rangeDef *ast.Definition, rr *rangeRole, v float64, decimals int) any {
	bound := g.schema.Types[rangeDef.Fields.ForName(rr.lo).Type.Name()]
	if rr.value == "" {
		return renderNumber(bound, v, decimals)
	}
	named := g.schema.Types[bound.Fields.ForName(rr.value).Type.Name()]
	return map[string]any{rr.value: renderNumber(named, v, decimals)}
}
