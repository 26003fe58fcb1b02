package world

import (
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/krakensim/krakensim/sim/graphql"
)

// What a made-up object under a state object names of its owner (a service order's
// meter point under an account) is one of the owner's own: the state object tells the
// entities it holds, and the world picks among them by the object's key.

// HoldsKey is the key, in a state object's map, of its Holder; no GraphQL field can
// have it.
const HoldsKey = "\x00holds"

// Holder is a state object that holds entities a made-up object under it may name.
type Holder interface {
	// Held are the entities it holds (an account's properties, meter points, ledgers
	// and users), and itself, as the state answers them, each with its __typename and
	// itself with this Holder under HoldsKey.
	Held() []map[string]any
}

// heldBy is the Holder of the state object a field's object sits under: its parent, or
// what its made-up parent inherited, or at the root the one its arguments name
// (weeklyUsageInsights(accountNumber:)) or a mutation's input names
// (createAccountNote(input: {accountNumber:})), else, for a query's root field that
// names no owner (apiExceptions), the signed-in user; nil for none.
func (g *Generator) heldBy(env *Env, f *graphql.Field, fr *fieldRole) Holder {
	src, _ := f.Source.(map[string]any)
	if mt, ok := src[metaKey].(*meta); ok {
		return mt.owner
	}
	if h, ok := src[HoldsKey].(Holder); ok {
		return h
	}
	if len(f.Path) != 1 || g.opts.State == nil {
		return nil
	}
	for _, n := range fr.names {
		v := n.value(f.Args)
		if v == "" {
			continue
		}
		if h := g.holder(env, [3]string{n.typ, n.field, v}); h != nil {
			return h
		}
	}
	if len(fr.names) > 0 || f.Operation == ast.Mutation || g.opts.Viewer == nil {
		return nil
	}
	return g.holder(env, [3]string{viewerType, "id", g.opts.Viewer(env)})
}

// viewerType is the type state answers users as.
const viewerType = "AccountUserType"

// holder is the Holder of the state entity of type, field and value k, found once a
// request; nil for none.
func (g *Generator) holder(env *Env, k [3]string) Holder {
	if k[2] == "" {
		return nil
	}
	h, seen := env.holders[k]
	if !seen {
		if m, ok := g.opts.State(env, k[0], k[1], k[2]); ok {
			h, _ = m[HoldsKey].(Holder)
		}
		if env.holders == nil {
			env.holders = map[[3]string]Holder{}
		}
		env.holders[k] = h
	}
	return h
}

// heldEntity is the owner's entity a single entity field under a state owner answers
// (a service order's meterPoint, createAccountNote's account); false for none.
func (g *Generator) heldEntity(env *Env, f *graphql.Field, fr *fieldRole) (map[string]any, bool) {
	if fr.kind != plainField || !g.roles.isEntity(fr.item) {
		return nil, false
	}
	if m, ok := g.givenEntity(env, f, fr); ok {
		return m, true
	}
	if h := g.heldBy(env, f, fr); h != nil {
		return g.held(h, fr, f.Key)
	}
	return nil, false
}

// givenEntity is the state entity of the field's type that the input of the mutation
// whose payload f is under names by key (createPrimaryResidence(input: {propertyId:})'s
// property), beside the owner the input names first; false for none.
func (g *Generator) givenEntity(env *Env, f *graphql.Field, fr *fieldRole) (map[string]any, bool) {
	pm := g.parentMeta(f)
	gv := pm.given
	if gv == nil {
		gv = pm.named
	}
	if gv == nil || g.opts.State == nil {
		return nil, false
	}
	for _, name := range slices.Sorted(maps.Keys(gv.in)) {
		v, t := keyString(gv.in[name]), gv.types[name]
		if v == "" || t == nil {
			continue
		}
		if typ, field, ok := g.roles.argEntity(&ast.ArgumentDefinition{Name: name, Type: t}); ok && slices.Contains(fr.candidates, typ) {
			if m, ok := g.opts.State(env, typ, field, v); ok {
				return m, true
			}
		}
	}
	return nil, false
}

// held is the owner's entity a field names: one of those of the field's types, picked
// by the field's key; false when the owner holds none (the world makes one up).
func (g *Generator) held(h Holder, fr *fieldRole, key uint64) (map[string]any, bool) {
	fit := g.heldOf(h, fr, true)
	if len(fit) == 0 {
		return nil, false
	}
	return fit[key%uint64(len(fit))], true
}

// heldList is what a list of the owner's entities lists (getUsersForAccount, a made-up
// contract's ledgers and subject accounts): all it holds of the list's types, itself
// among them unless the list is its own (an account's linked accounts); false for
// none, or for a list of what is over (previousProperties).
func (g *Generator) heldList(h Holder, f *graphql.Field, fr *fieldRole) ([]map[string]any, bool) {
	if fr.tense == tensePast || hasWord(words(f.Name), bygoneWords...) || !g.roles.isEntity(fr.item) {
		return nil, false
	}
	src, _ := f.Source.(map[string]any)
	fit := g.heldOf(h, fr, src[HoldsKey] != h)
	return fit, len(fit) > 0
}

// heldOf are the owner's entities of the field's types, the owner itself among them
// when self.
func (g *Generator) heldOf(h Holder, fr *fieldRole, self bool) []map[string]any {
	var fit []map[string]any
	for _, e := range h.Held() {
		if !self && e[HoldsKey] == h {
			continue
		}
		t, _ := e["__typename"].(string)
		for _, c := range fr.candidates {
			// A state type the tenant lacks is its longest type it ends with, as the
			// executor answers it: ElectricityMeterPointType is Origin's MeterPointType.
			if t == c || g.schema.Types[t] == nil && strings.HasSuffix(t, c) {
				fit = append(fit, e)
				break
			}
		}
	}
	return fit
}

// heldLeaf is what a leaf of a made-up object under an owner answers when it names one
// of the owner's entities by key (mpan, propertyId, meterPointId, ledgerNumber) or an
// entity and a field of it (propertyAddressLine1, ledgerBalance): that key or field of
// the entity, picked by the object's key among those of its type that have it.
func (g *Generator) heldLeaf(f *graphql.Field) (any, bool) {
	src, _ := f.Source.(map[string]any)
	mt, ok := src[metaKey].(*meta)
	if !ok || mt.owner == nil || f.Definition.Type.Elem != nil {
		return nil, false
	}
	named := f.Definition.Type.NamedType
	if v, ok := g.aboutLeaf(mt.about, f.Name, named); ok {
		return v, true
	}
	held := mt.owner.Held()
	if v, ok := g.heldPick(held, mt.key, f.Name, named, true); ok {
		return v, true
	}
	return g.heldPick(held, mt.key, f.Name, named, false)
}

// heldIdentity is the primary key an object of type typ under holder h takes when its
// identity names one of the holder's entities by key (weeklyUsageInsights(accountNumber:)
// by mpan: one of the account's MPANs), picked by key, and that entity; "" and nil for
// none.
func (g *Generator) heldIdentity(h Holder, typ string, key uint64) (string, map[string]any) {
	tr := g.roles.typ(typ)
	if h == nil || tr == nil || tr.identity == "" || tr.identity == "id" {
		return "", nil
	}
	named := tr.def.Fields.ForName(tr.identity).Type.NamedType
	v, e := g.heldPickEntity(h.Held(), key, tr.identity, named, true)
	if e == nil || e["__typename"] == typ {
		return "", nil
	}
	return keyString(v), e
}

// aboutLeaf is what a leaf of an object about one of its owner's entities answers from
// that entity: a key of it the leaf names (meterPointId: the meter point's id), or an
// id of the same name (gspGroupId); false for others.
func (g *Generator) aboutLeaf(about map[string]any, name, named string) (any, bool) {
	t, _ := about["__typename"].(string)
	if t == "" {
		return nil, false
	}
	if k := g.roles.heldMatch(t, name, named).key; k != "" {
		return heldValue(about[k], named, true)
	}
	if ws := words(name); len(ws) > 1 && ws[len(ws)-1] == "id" {
		return leafOf(about[name], named)
	}
	return nil, false
}

// heldPick answers a leaf from the held entities it names by key (byKey) or by field.
func (g *Generator) heldPick(held []map[string]any, key uint64, name, named string, byKey bool) (any, bool) {
	v, e := g.heldPickEntity(held, key, name, named, byKey)
	return v, e != nil
}

// heldPickEntity is heldPick with the entity picked; nil for none.
func (g *Generator) heldPickEntity(held []map[string]any, key uint64, name, named string, byKey bool) (any, map[string]any) {
	var fit []map[string]any
	field := ""
	for _, e := range held {
		t, _ := e["__typename"].(string)
		m := g.roles.heldMatch(t, name, named)
		k := m.field
		if byKey {
			k = m.key
		}
		if k == "" || field != "" && k != field {
			continue
		}
		if _, ok := heldValue(e[k], named, byKey); ok {
			field = k
			fit = append(fit, e)
		}
	}
	if len(fit) == 0 {
		return nil, nil
	}
	e := fit[key%uint64(len(fit))]
	v, _ := heldValue(e[field], named, byKey)
	return v, e
}

// heldValue is a held entity's value as a leaf of the named type: a key as a String, an
// ID or an Int that fits one (byKey), else a field's value of that type.
func heldValue(v any, named string, byKey bool) (any, bool) {
	if !byKey {
		return leafOf(v, named)
	}
	s := keyString(v)
	switch {
	case s == "":
	case named == "String" || named == "ID":
		return s, true
	case named == "Int":
		if n, err := strconv.ParseInt(s, 10, 32); err == nil {
			return int(n), true // the state's own ids may be wider than an Int
		}
	}
	return nil, false
}

// heldMatch is how a leaf of a name and type reads an entity of type t: the key field
// it names (key), and the field it names after the type's words (field); "" for none.
type heldMatch struct{ key, field string }

// heldMatch is the match of a leaf named name, of the named type, to type t, found once.
func (r *Roles) heldMatch(t, name, named string) heldMatch {
	return r.heldLeaves.get([3]string{t, name, named}, func() heldMatch {
		var m heldMatch
		fw := words(name)
		if named == "String" || named == "ID" || named == "Int" {
			m.key = r.keyNamed(t, name, fw)
		}
		if tw := typeWords(t); len(fw) > len(tw) && slices.Equal(fw[:len(tw)], tw) {
			m.field = camel(fw[len(tw):], false)
		}
		return m
	})
}

// leafOf is a state value as a leaf of the named scalar type; false when it is not one.
func leafOf(v any, named string) (any, bool) {
	switch x := v.(type) {
	case string:
		return x, named == "String" || named == "ID"
	case int:
		if named == "Float" {
			return float64(x), true
		}
		return x, named == "Int" && x >= math.MinInt32 && x <= math.MaxInt32
	case float64:
		return x, named == "Float"
	case bool:
		return x, named == "Boolean"
	}
	return nil, false
}

// keyNamed is the key field of type t a leaf named name (words fw) gives: a key of its
// own name (mpan) or ending with it (enrolledMpan), the type's words alone (account:
// AccountType's number, unless the key is a bare id), or the type's words and the
// key's (propertyId: PropertyType's id, meterPointId: ElectricityMeterPointType's id);
// "" for none.
func (r *Roles) keyNamed(t, name string, fw []string) string {
	tr := r.typ(t)
	if tr == nil || tr.identity == "" {
		return ""
	}
	if tr.identity != "id" && slices.Equal(fw, typeWords(t)) {
		return tr.identity // an event's account: the account's number
	}
	for _, k := range append([]string{tr.identity}, tr.alts...) {
		generic := slices.Contains([]string{"id", "number", "code", "uuid", "reference"}, k)
		if k == name && !generic {
			return k
		}
		if !generic && k != "email" && len(fw) > 1 && fw[len(fw)-1] == k {
			return k // enrolledMpan: the MPAN of the owner's meter point
		}
		if kw := words(k); len(fw) > len(kw) && isSuffix(fw, kw) && isSuffix(typeWords(t), fw[:len(fw)-len(kw)]) {
			return k
		}
	}
	return ""
}
