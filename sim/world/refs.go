package world

import (
	"slices"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/krakensim/krakensim/sim/fake"
	"github.com/krakensim/krakensim/sim/graphql"
)

// A list whose items refer by id to entities that another list holds (the events a
// Saving Sessions account joined, beside the Saving Sessions events) draws its items
// from that list: each refers to one of its entities, by its id and over its time.

// refRole is a list of references: its items' idField names an entity of the list that
// list answers on the object the root field root answers (savingSessions → events).
type refRole struct {
	idField  string
	root     *ast.FieldDefinition
	list     *ast.FieldDefinition
	listRole *fieldRole
	// rate is the referred entity's reward for each unit of what the item saves
	// (rewardPerKwhInOctoPoints), "" when it has none.
	rate string
}

// rateKey holds, on an item of a list of references, the rate its entity rewards what
// it saves at.
const rateKey = "\x00rate"

// reference finds what a list of item's refers to: item has no identity of its own and
// an id field (eventId) whose last word but "id" ends the name of an entity type that
// is listed on the object a root field without required arguments answers, and item's
// name begins as that object's does (SavingSessions…). nil when there is none.
func (r *Roles) reference(item string) *refRole {
	def := r.schema.Types[item]
	if def == nil || def.Kind != ast.Object || r.schema.Query == nil {
		return nil
	}
	if tr := r.typ(item); tr == nil || tr.identity != "" {
		return nil
	}
	iw := typeWords(item)
	for _, f := range def.Fields {
		ws := words(f.Name)
		if len(ws) < 2 || ws[len(ws)-1] != "id" || !isKeyScalar(f.Type) {
			continue
		}
		target := ws[len(ws)-2]
		for _, root := range r.schema.Query.Fields {
			pt := r.schema.Types[root.Type.Name()]
			if root.Type.Elem != nil || pt == nil || pt.Kind != ast.Object || requiresArgs(root) {
				continue
			}
			pw := typeWords(pt.Name)
			if len(pw) == 0 || len(iw) <= len(pw) || !slices.Equal(iw[:len(pw)], pw) {
				continue
			}
			for _, lf := range pt.Fields {
				et := r.schema.Types[lf.Type.Name()]
				if lf.Type.Elem == nil || et == nil || et.Kind != ast.Object || requiresArgs(lf) || et.Name == item {
					continue
				}
				ew := typeWords(et.Name)
				if ew[len(ew)-1] != target || et.Fields.ForName("id") == nil {
					continue
				}
				ref := &refRole{idField: f.Name, root: root, list: lf, listRole: r.field(pt.Name, lf)}
				for _, rf := range et.Fields {
					if rws := words(rf.Name); rf.Type.Elem == nil && isNumeric(r.schema, rf.Type.Name()) && hasWord(rws, "reward") && hasWord(rws, "per") {
						ref.rate = rf.Name
					}
				}
				return ref
			}
		}
	}
	return nil
}

// requiresArgs reports whether a field has an argument a query must give.
func requiresArgs(f *ast.FieldDefinition) bool {
	for _, a := range f.Arguments {
		if a.Type.NonNull && a.DefaultValue == nil {
			return true
		}
	}
	return false
}

// referring makes the items of a list of references: about half of the entities the
// referred list holds, chosen by the list's key, each over its entity's time and
// naming it by id; false when f is not under the referred list's root field.
func (g *Generator) referring(env *Env, f *graphql.Field, fr *fieldRole, lk uint64) ([]map[string]any, bool) {
	ref := fr.ref
	if len(f.Path) == 0 || f.Path[0] != ref.root.Name {
		return nil, false
	}
	rootKey := graphql.FieldKey(graphql.RootKey, ref.root.Name, "")
	src := &graphql.Field{Operation: ast.Query, ParentType: ref.root.Type.Name(), Name: ref.list.Name, Args: map[string]any{},
		Path: []any{ref.root.Name, ref.list.Name}, Definition: ref.list, ParentKey: rootKey}
	entities, err := g.items(env, src, ref.listRole)
	if err != nil {
		return nil, false
	}
	typ := g.pickType(fr, lk, nil)
	out := []map[string]any{}
	for i, e := range entities {
		if typ == "" || fake.Mix64(lk^uint64(i)*0x9e3779b97f4a7c15)&1 == 0 {
			continue
		}
		emt, _ := e[metaKey].(*meta)
		etr := g.roles.typ(e["__typename"].(string))
		if emt == nil || etr == nil {
			continue
		}
		sp := g.spanOf(env, emt, etr, e)
		it := g.entity(env, typ, graphql.IndexKey(lk, i), "", &sp, sp.tense)
		it[ref.idField] = e["id"]
		if ref.rate != "" {
			if rate, ok := toFloat(g.leafValue(etr, emt, etr.def.Fields.ForName(ref.rate), e)); ok {
				it[rateKey] = rate
			}
		}
		out = append(out, it)
	}
	return out, true
}

// rewarded is what an item that refers to an entity with a reward rate (a joined Saving
// Session) was given for field (rewardGivenInOctoPoints): the rate times what it saved
// (energySavedInKwh); false for other items and fields.
func (g *Generator) rewarded(tr *typeRole, mt *meta, source map[string]any, field string) (float64, bool) {
	rate, ok := source[rateKey].(float64)
	if !ok || !hasWord(words(field), "reward") {
		return 0, false
	}
	for _, fd := range tr.def.Fields {
		if ws := words(fd.Name); fd.Type.Elem == nil && isNumeric(g.schema, fd.Type.Name()) && hasWord(ws, "saved") && hasWord(ws, "kwh", "energy") {
			if saved, ok := toFloat(g.leafValue(tr, mt, fd, source)); ok {
				return rate * saved, true
			}
		}
	}
	return 0, false
}
