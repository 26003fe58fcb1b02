package world

import (
	"maps"
	"slices"
	"strings"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/krakensim/krakensim/sim/graphql"
)

// What a maker states of a model is the same wherever the model is named: a catalog's
// entry (electricVehicles { models { batterySize } }, chargePointVariants { models {
// powerInKw amperage } }) and a registered device of that make and model
// (registeredKrakenflexDevice { vehicleBatterySizeInKwh chargePointPowerInKw }) answer
// the model's battery size, power (a heat pump's heat output, or the power it draws
// where the field says so), supply current, years on sale, coupling and the
// providers that control it (its integration is live when there are some), and a
// device's provider is one of those.

// Attributes of a model a leaf may answer.
const (
	specCapacity  = "capacity"
	specPower     = "power"
	specInput     = "input"
	specAmps      = "amps"
	specSince     = "since"
	specUntil     = "until"
	specCoupling  = "coupling"
	specProviders = "providers"
	specLive      = "live"
)

// specOf finds what a maker states of a model that a field of a type naming a make and
// model answers, and the product it is of: the product whose kind its name begins with
// (vehicleBatterySizeInKwh: the vehicle's), else the object's own. ok is false for any
// other field.
func (r *Roles) specOf(tr *typeRole, fd *ast.FieldDefinition, named *ast.Definition) (attr string, p productField, ok bool) {
	if len(fd.Arguments) > 0 || fd.Type.Elem != nil && fd.Type.Elem.Elem != nil {
		return "", productField{}, false
	}
	ws := words(fd.Name)
	own := tr.deviceMake != "" || tr.loneModel != ""
	for _, name := range slices.Sorted(maps.Keys(tr.products)) {
		pf := tr.products[name]
		if kw := words(pf.kind); pf.make && pf.kind != "" && len(ws) > len(kw) && slices.Equal(ws[:len(kw)], kw) {
			p, ws, own = pf, ws[len(kw):], true
			break
		}
	}
	if !own {
		return "", productField{}, false
	}
	if p.other == "" && tr.deviceMake != "" {
		p = tr.products[tr.deviceMake]
	}
	list := fd.Type.Elem != nil
	switch {
	case named.Kind == ast.Enum && !list && hasWord(ws, "coupling"):
		return specCoupling, p, true
	case named.Name == "String" && list && hasWord(ws, "provider"):
		return specProviders, p, true
	case named.Name == "Boolean" && !list && hasWord(ws, "integration") && hasWord(ws, "live"):
		return specLive, p, true
	case !isNumeric(r.schema, named.Name) && !(list && named.Name == "String" && hasWord(ws, "power")):
		return "", productField{}, false
	case hasWord(ws, "capacity") || hasWord(ws, "battery") && hasWord(ws, "size"):
		attr = specCapacity
	case hasWord(ws, "power") && (hasWord(ws, "input", "consumed", "consumption") || strings.Contains(strings.ToLower(fieldDoc(fd)), "power consumed")):
		attr = specInput
	case hasWord(ws, "power"):
		attr = specPower
	case hasWord(ws, "amperage", "amp"):
		attr = specAmps
	case named.Name != "Int":
		return "", productField{}, false
	case slices.Equal(ws, []string{"year"}) || hasWord(ws, "since") || hasWord(ws, "available") && hasWord(ws, "from"):
		attr = specSince
	case hasWord(ws, "until") || hasWord(ws, "available") && hasWord(ws, "to"):
		attr = specUntil
	default:
		return "", productField{}, false
	}
	if list != (attr == specPower && named.Name == "String") {
		return "", productField{}, false
	}
	return attr, p, true
}

// spec answers a leaf specOf found: what the maker of the object's make and model
// states of it, rendered in the leaf's unit, and null where there is no such model (a
// registered device's car, for an owner with none); false when the model is not one
// the world knows, or the leaf may not be null.
func (g *Generator) spec(f *graphql.Field, mt *meta, tr *typeRole, lr leafRole, named *ast.Definition, source map[string]any) (any, bool) {
	nullable := !f.Definition.Type.NonNull
	mk, md := g.makeAndModel(f, mt, tr, lr.product, source)
	if md == "" {
		return nil, nullable
	}
	sp, ok := g.faker.SpecOf(f.ParentType, lr.product.kind, mk, md)
	if !ok {
		return nil, false
	}
	scale := 1.0
	if u := words(f.Name); hasWord(u[len(u)-1:], "w", "wh", "watt") {
		scale = 1000
	}
	var v float64
	switch lr.value {
	case specCoupling:
		if e := enumNaming(named, sp.Coupling); e != "" {
			return e, true
		}
		return nil, false
	case specLive:
		return len(sp.Providers) > 0, true
	case specProviders:
		out := make([]any, 0, len(sp.Providers))
		for _, p := range sp.Providers {
			out = append(out, p)
		}
		return out, true
	case specCapacity:
		v = sp.CapacityKWh * scale
	case specPower:
		v = sp.PowerKW * scale
		if f.Definition.Type.Elem != nil {
			if v == 0 {
				return []any{}, true
			}
			return []any{renderNumber(named, v, 2)}, true
		}
	case specInput:
		v = sp.InputKW * scale
		if v == 0 {
			v = sp.PowerKW * scale
		}
	case specAmps:
		v = float64(sp.Amps)
	case specSince:
		v = float64(sp.Since)
	case specUntil:
		v = float64(sp.Until)
	}
	if v == 0 {
		return nil, nullable
	}
	return renderNumber(named, v, 2), true
}

// makeAndModel is the make and model of the product p of the object: of its own make
// and model fields, of a pair's (vehicleMake, vehicleModel), or of a catalog entry's
// model alone (make "").
func (g *Generator) makeAndModel(f *graphql.Field, mt *meta, tr *typeRole, p productField, source map[string]any) (string, string) {
	side := func(name string) string {
		if v, ok := source[name]; ok {
			s, _ := v.(string)
			return s
		}
		if fd := tr.def.Fields.ForName(name); fd != nil {
			if pf, ok := tr.products[name]; ok {
				v, _, _ := g.productValue(f, mt, pf, source)
				s, _ := v.(string)
				return s
			}
			s, _ := g.leafValue(tr, mt, fd, source).(string)
			return s
		}
		return ""
	}
	if p.other == "" {
		return "", side(tr.loneModel)
	}
	return side(tr.products[p.other].other), side(p.other)
}

// providerOf is the value of the provider enum named that gives control of make's
// model: the first of the providers its maker names that the enum has, else the value
// naming its make; "" for none.
func (g *Generator) providerOf(named *ast.Definition, parentType, kind, mk, md string) string {
	if sp, ok := g.faker.SpecOf(parentType, kind, mk, md); ok {
		for _, p := range sp.Providers {
			if named.EnumValues.ForName(p) != nil {
				return p
			}
		}
	}
	return enumNaming(named, mk)
}
