package world

import (
	"maps"
	"slices"
	"strings"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/krakensim/krakensim/sim/fake"
	"github.com/krakensim/krakensim/sim/graphql"
)

// An owner's object that restates a part of one of its devices (the deprecated
// vehicleChargingPreferences(accountNumber:): its car's chargingPreferences) answers
// what that part answers, measure for measure, so that an old client and the app read
// the same targets, ready-by times and bounds, as made and as set.

// mirror is what of a device an owner's object restates: the device's type and, by each
// of the object's leaves, the device's field that holds the part and the part's leaf.
type mirror struct {
	device string
	leaves map[string][2]string
	// anyOf are the leaves true when the part of any of the owner's devices says so (a
	// record is suspended while one of its devices is).
	anyOf map[string]bool
}

// mirrorOf finds what of a device objects of type typ, answered for an owner, restate,
// by the device types typ needs, best first: the part of a device type that has a leaf
// of the same measure for at least two of typ's leaves and most of them
// (vehicleChargingPreferences: chargingPreferences), most leaves first; else, for a
// record of the device (registeredKrakenflexDevice), its status and whether it is
// suspended, as each device type's status part says them.
func (r *Roles) mirrorOf(typ string) []*mirror {
	return r.mirrors.get(typ, func() []*mirror {
		def := r.schema.Types[typ]
		if def == nil || def.Kind != ast.Object {
			return nil
		}
		var parts, statuses []*mirror
		for _, dt := range r.needs(typ) {
			dd := r.schema.Types[dt]
			if dd == nil {
				continue
			}
			var best *mirror
			for _, pf := range dd.Fields {
				pd := r.objectOf(pf)
				if pd == nil {
					continue
				}
				m := &mirror{device: dt, leaves: map[string][2]string{}}
				for leaf, same := range sameMeasures(r.schema, def, pd) {
					m.leaves[leaf] = [2]string{pf.Name, same}
				}
				if len(m.leaves) >= 2 && 2*len(m.leaves) > len(def.Fields) && (best == nil || len(m.leaves) > len(best.leaves)) {
					best = m
				}
			}
			if best != nil {
				parts = append(parts, best)
			} else if st := r.statusMirror(def, dd); st != nil {
				statuses = append(statuses, st)
			}
		}
		slices.SortStableFunc(parts, func(a, b *mirror) int { return len(b.leaves) - len(a.leaves) })
		return append(parts, statuses...)
	})
}

// objectOf is the object or interface type a plain field without arguments holds; nil
// for another field or none.
func (r *Roles) objectOf(fd *ast.FieldDefinition) *ast.Definition {
	if fd == nil {
		return nil
	}
	pd := r.schema.Types[fd.Type.Name()]
	if fd.Type.Elem != nil || len(fd.Arguments) > 0 || pd == nil || pd.Kind != ast.Object && pd.Kind != ast.Interface {
		return nil
	}
	return pd
}

// statusMirror is what a record of a device (def) restates of device type dev: its plain
// leaf named as dev's status part, as that part's lifecycle status (LIVE), and its
// suspended flag as the part's; nil when def has no such leaf.
func (r *Roles) statusMirror(def, dev *ast.Definition) *mirror {
	var m *mirror
	for _, f := range def.Fields {
		pd := r.objectOf(dev.Fields.ForName(f.Name))
		if f.Type.Elem != nil || !isLeafType(r.schema, f.Type.Name()) || pd == nil {
			continue
		}
		for _, pf := range pd.Fields {
			if r.isLifecycle(pf) {
				m = &mirror{device: dev.Name, leaves: map[string][2]string{f.Name: {f.Name, pf.Name}}}
				break
			}
		}
		if m == nil {
			continue
		}
		for _, b := range def.Fields {
			if b.Type.NamedType != "Boolean" || b.Type.Elem != nil || !hasWord(words(b.Name), "suspended") {
				continue
			}
			for _, pf := range pd.Fields {
				if pf.Type.NamedType == "Boolean" && pf.Type.Elem == nil && hasWord(words(pf.Name), "suspended") {
					m.leaves[b.Name] = [2]string{f.Name, pf.Name}
					m.anyOf = map[string]bool{b.Name: true}
				}
			}
		}
		return m
	}
	return nil
}

// sameMeasures pairs each plain leaf of def with the plain leaf of part that measures
// the same, units aside (minimumSocPercentage: minimumSoc), of the same kind of value.
func sameMeasures(s *ast.Schema, def, part *ast.Definition) map[string]string {
	out := map[string]string{}
	for _, f := range def.Fields {
		if f.Type.Elem != nil || len(f.Arguments) > 0 || !isLeafType(s, f.Type.Name()) {
			continue
		}
		want := strings.Join(measureOf(words(f.Name)), " ")
		for _, pf := range part.Fields {
			if pf.Type.Elem != nil || len(pf.Arguments) > 0 || !isLeafType(s, pf.Type.Name()) || isNumeric(s, pf.Type.Name()) != isNumeric(s, f.Type.Name()) {
				continue
			}
			if strings.Join(measureOf(words(pf.Name)), " ") == want {
				out[f.Name] = pf.Name
				break
			}
		}
	}
	return out
}

// isLeafType reports whether the named type is a scalar or an enum.
func isLeafType(s *ast.Schema, name string) bool {
	t := s.Types[name]
	return t != nil && (t.Kind == ast.Scalar || t.Kind == ast.Enum)
}

// mirroring is what an owner's object restates of its owner's devices, and which: the
// one it names first.
type mirroring struct {
	*mirror
	devs []map[string]any
}

// mirrorDevices says, on the owner's object m of type typ, which devices it restates:
// the owner's devices among found, by the best mirror of a type among them: of the
// mirror's type first, else the one whose id m names.
func (g *Generator) mirrorDevices(m map[string]any, typ string, found map[string]map[string]any) {
	var mr *mirror
	for _, c := range g.roles.mirrorOf(typ) {
		if found[c.device] != nil {
			mr = c
			break
		}
	}
	if mr == nil {
		return
	}
	mg := &mirroring{mirror: mr}
	m[metaKey].(*meta).mirror = mg
	for leaf := range mr.anyOf {
		delete(m, leaf) // as the devices say it now, whichever call wrote it last
	}
	types := slices.Sorted(maps.Keys(found))
	first := found[mr.device]
	for _, t := range types {
		d := found[t]
		if tr := g.roles.typ(t); d != nil && tr != nil && tr.identity != "" && names(m, keyString(d[tr.identity])) {
			first = d
			break
		}
	}
	mg.devs = append(mg.devs, first)
	for _, t := range types {
		if d := found[t]; d != nil && d[metaKey] != first[metaKey] {
			mg.devs = append(mg.devs, d)
		}
	}
}

// names reports whether one of m's values is the id.
func names(m map[string]any, id string) bool {
	for _, v := range m {
		if s, ok := v.(string); ok && id != "" && s == id {
			return true
		}
	}
	return false
}

// mirrorLeaf is leaf f of an owner's object that restates its devices, as the first
// device's part answers it (or true when any's does, for a flag such as suspended),
// written as f's type writes it (a Time's "04:30:00" as a String's "04:30"); false for a
// leaf the part has no measure for.
func (g *Generator) mirrorLeaf(env *Env, f *graphql.Field, mt *meta, named *ast.Definition) (any, bool, error) {
	at, ok := mt.mirror.leaves[f.Name]
	if !ok {
		return nil, false, nil
	}
	devs := mt.mirror.devs[:1]
	if mt.mirror.anyOf[f.Name] {
		devs = mt.mirror.devs
	}
	var v any
	for _, dev := range devs {
		dv, ok, err := g.partLeaf(env, dev, at[:1], at[1])
		if !ok || err != nil {
			return nil, false, err
		}
		if v = dv; v == true {
			break
		}
	}
	return asType(v, named), true, nil
}

// partLeaf is leaf name of the part of device dev at path (its status, or its status's
// stateOfChargeLimit), as the device list answers it; false when the device has none.
func (g *Generator) partLeaf(env *Env, dev map[string]any, path []string, name string) (any, bool, error) {
	p, err := g.partOf(env, dev, path)
	if p == nil || err != nil {
		return nil, false, err
	}
	ptyp, _ := p["__typename"].(string)
	ld := g.schema.Types[ptyp].Fields.ForName(name)
	if ld == nil {
		return nil, false, nil
	}
	if v, has := p[name]; has {
		return v, true, nil
	}
	pk := p[metaKey].(*meta).key
	lf := &graphql.Field{Operation: ast.Query, ParentType: ptyp, Name: name, Definition: ld, Source: p,
		Path: []any{"", 0, name}, Key: graphql.FieldKey(pk, name, ""), ParentKey: pk}
	lt := g.schema.Types[ld.Type.Name()]
	v, ok, err := g.scalar(env, lf, lt)
	if err != nil {
		return nil, false, err
	}
	if !ok {
		v = g.faker.Leaf(lf.Key, ptyp, name, lt) // as the executor fakes what the world leaves
	}
	return v, true, nil
}

// partOf is the object at path below device dev, each part made as the device list
// makes it; nil when there is none there.
func (g *Generator) partOf(env *Env, dev map[string]any, path []string) (map[string]any, error) {
	obj := dev
	for _, name := range path {
		omt, _ := obj[metaKey].(*meta)
		typ, _ := obj["__typename"].(string)
		def := g.schema.Types[typ]
		if omt == nil || def == nil || def.Fields.ForName(name) == nil {
			return nil, nil
		}
		fd := def.Fields.ForName(name)
		f := &graphql.Field{Operation: ast.Query, ParentType: typ, Name: name, Definition: fd, Source: obj,
			Path: []any{"", 0, name}, Key: graphql.FieldKey(omt.key, name, ""), ParentKey: omt.key}
		v, ok, err := g.object(env, f, g.roles.field(typ, fd))
		p, isMap := v.(map[string]any)
		if err != nil || !ok || !isMap {
			return nil, err
		}
		obj = p
	}
	return obj, nil
}

// asType is v, a leaf's value, as a leaf of type named writes it: a time of day as a
// String to the minute, a number as an Int or a Float.
func asType(v any, named *ast.Definition) any {
	switch named.Name {
	case "String":
		if s, ok := v.(string); ok && len(s) == 8 && s[2] == ':' && s[5] == ':' && strings.HasSuffix(s, ":00") {
			return s[:5]
		}
	case "Int":
		if x, ok := toFloat(v); ok {
			return int(x)
		}
	case "Float":
		if x, ok := toFloat(v); ok {
			return x
		}
	}
	return v
}

// What several kinds of an owner's devices each say of one thing of the owner's (the
// car's charging preferences, in the car and its charger; its state-of-charge limit, in
// their statuses) is that one thing: a part of a type two device kinds or more hold, or
// hold in their parts, is keyed by its owner, so every device, and the record that
// restates them, answers it alike.

// ownerShared reports whether objects of type typ, without an identity, sit in two kinds
// of device or more in the owner's device list, or in their parts.
func (r *Roles) ownerShared(typ string) bool {
	return r.shared.get(typ, func() bool {
		dl := r.devices()
		if dl == nil || r.isEntity(typ) {
			return false
		}
		n := 0
		for _, dt := range slices.Sorted(maps.Keys(dl.kinds)) {
			dd := r.schema.Types[dt]
			if dd == nil {
				continue
			}
			holds := slices.ContainsFunc(dd.Fields, func(f *ast.FieldDefinition) bool { return f.Type.Elem == nil && f.Type.NamedType == typ })
			for _, pf := range dd.Fields {
				for _, p := range r.possible(pf.Type.Name()) {
					if pd := r.schema.Types[p]; pd != nil && !holds {
						holds = slices.ContainsFunc(pd.Fields, func(f *ast.FieldDefinition) bool { return f.Type.Elem == nil && f.Type.NamedType == typ })
					}
				}
			}
			if holds {
				n++
			}
		}
		return n >= 2
	})
}

// sharedKey is the key of the owner's thing of type typ that its devices each hold
// (ownerShared), for the owner scope keys.
func sharedKey(scope uint64, typ string) uint64 {
	return fake.Mix64(scope ^ fake.HashStrings("shared", typ))
}

// registeredSince has the owner's record of its devices (registeredKrakenflexDevice)
// begin when its car began to charge under smart control, as the owner's meter says,
// so that it was created before the first night it was dispatched.
func (g *Generator) registeredSince(env *Env, m map[string]any, owner map[string]any) {
	mt := m[metaKey].(*meta)
	if tr := g.roles.typ(mt.typ); mt.span != nil || tr == nil || tr.deviceMake != "" || len(tr.products) == 0 {
		return // not a record of devices, by their makes and models
	}
	if cm, ok := g.chargingMeter(env, owner, g.OwnerArgs()); ok {
		mt.span = &span{start: cm.Charging.From, end: g.now(env), tense: tenseOngoing}
	}
}
