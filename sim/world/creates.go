package world

import (
	"maps"
	"slices"
	"strconv"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/krakensim/krakensim/sim/fake"
	"github.com/krakensim/krakensim/sim/graphql"
)

// What a mutation that makes something does when nothing else answered it
// (createComplaint, registerCustomerAsset, createReminder): what it makes is a new entity
// of its payload's type, holding what the input says of it (type, and cardNumber as its
// number), found by its key from then on and listed, newest first, where its owner's
// list of its type is read: the account the input names (account.complaints), else
// the signed-in viewer's.

// madeRole is what a mutation makes: the payload field answering it, its concrete type,
// and the entity's field each input field sets.
type madeRole struct {
	field  string
	typ    string
	values map[string]string
	// nested is the input object field that describes what is made, of the payload
	// field's name (createDirectDebitInstruction(input: {directDebitInstruction:})), ""
	// when the input's own fields do; inputs are the types of those fields.
	nested string
	inputs map[string]*ast.Type
}

// made is an entity a mutation made: its type and primary key, and the payload field
// that answers it.
type made struct {
	field, typ, id string
}

// makes reports whether a mutation's name says it makes something new.
func makes(name string) bool {
	ws := words(name)
	if len(ws) < 2 {
		return false // "create" alone names nothing made
	}
	switch ws[0] {
	case "create", "add", "register", "submit", "raise", "book", "open", "log", "start":
		return true
	}
	return false
}

// madeBy is what the mutation def makes: the payload's field, of an entity type (one
// some list holds before one none does), whose name the mutation's ends with
// (createAccountNote: note), else shares most words with; nil when it makes no entity.
func (r *Roles) madeBy(def *ast.FieldDefinition, mr *mutationRole) *madeRole {
	mw := words(def.Name)[1:]
	named := map[string]bool{} // what the input names by key is not what it makes (createAccountNote's account)
	for n, t := range mr.inputs {
		if typ, _, ok := r.argEntity(&ast.ArgumentDefinition{Name: n, Type: t}); ok {
			for _, c := range r.possible(typ) {
				named[c] = true
			}
		}
	}
	var best *madeRole
	bestScore := 0
	for _, p := range r.possible(def.Type.Name()) {
		for _, fd := range r.schema.Types[p].Fields {
			if fd.Type.Elem != nil || len(fd.Arguments) > 0 {
				continue
			}
			fw := words(fd.Name)
			score := 0
			for _, w := range fw {
				if slices.Contains(mw, w) {
					score++
				}
			}
			if isSuffix(mw, fw) {
				score += 10
			}
			if score == 0 && isSuffix(words(fd.Type.Name()), fw) {
				// A field named for the last word of its type's name is read by the type's
				// (startSmartFlexOnboarding: wizard, a SmartFlexOnboardingWizard).
				for _, w := range words(fd.Type.Name()) {
					if slices.Contains(mw, w) {
						score++
					}
				}
			}
			score *= 2 // a listed type wins a tie: what is made is read back in its list
			if score == 0 || score+1 <= bestScore {
				continue
			}
			for _, c := range r.possible(fd.Type.Name()) {
				tr := r.typ(c)
				if tr == nil || tr.identity == "" || named[c] {
					continue
				}
				s := score
				if r.listedType(c) {
					s++
				}
				if s > bestScore {
					best, bestScore = &madeRole{field: fd.Name, typ: c}, s
				}
				if s%2 == 1 {
					break
				}
			}
		}
	}
	if best == nil {
		return nil
	}
	best.inputs = mr.inputs
	if obj, ok := mr.objects[best.field]; ok {
		best.nested, best.inputs = best.field, obj
	}
	best.values = r.madeValues(best.typ, best.inputs, mr.owner)
	return best
}

// madeValues maps a making mutation's input fields to the fields of the entity it makes
// that hold them: the field of the same name, else the one whose name ends with the
// input's (issueDate: cardIssueDate), else the one the input's name ends with
// (cardNumber: number), else for a time something happened the field saying when it
// did (addedAt: occurredAt); never its keys, nor the owner's names.
func (r *Roles) madeValues(typ string, inputs map[string]*ast.Type, owner []string) map[string]string {
	def := r.schema.Types[typ]
	tr := r.typ(typ)
	out := map[string]string{}
	taken := map[string]bool{}
	fits := func(fd *ast.FieldDefinition, it *ast.Type) bool {
		return fd != nil && len(fd.Arguments) == 0 && fd.Name != tr.identity && !slices.Contains(tr.alts, fd.Name) &&
			!taken[fd.Name] && r.holds(fd.Type, it, 0)
	}
	names := make([]string, 0, len(inputs))
	for n := range inputs {
		if !slices.Contains(owner, n) {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	for pass := 0; pass < 4; pass++ {
		for _, n := range names {
			if _, done := out[n]; done {
				continue
			}
			iw := words(n)
			for _, fd := range def.Fields {
				fw := words(fd.Name)
				match := pass == 0 && fd.Name == n ||
					pass == 1 && len(fw) > len(iw) && isSuffix(fw, iw) ||
					pass == 2 && len(iw) > len(fw) && isSuffix(iw, fw) && !slices.Contains([]string{"id", "type", "name"}, fw[len(fw)-1]) ||
					pass == 3 && happenedAt(iw) && happenedAt(fw)
				if match && fits(fd, inputs[n]) {
					out[n], taken[fd.Name] = fd.Name, true
					break
				}
			}
		}
	}
	return out
}

// happenedAt reports whether a name's words say when something happened (addedAt,
// occurredAt), so that the time a making mutation is given is the one its object reads.
func happenedAt(ws []string) bool {
	return len(ws) == 2 && ws[1] == "at" && slices.Contains([]string{"added", "occurred", "sent", "received", "logged", "recorded"}, ws[0])
}

// listedType reports whether some object type lists entities of type t, in a list or a
// connection.
func (r *Roles) listedType(t string) bool {
	r.listedOnce.Do(func() {
		r.listed = map[string]bool{}
		for _, def := range r.schema.Types {
			if def.Kind != ast.Object || def == r.schema.Mutation {
				continue
			}
			for _, fd := range def.Fields {
				item := ""
				switch {
				case fd.Type.Elem != nil && fd.Type.Elem.Elem == nil:
					item = fd.Type.Elem.Name()
				case fd.Type.Elem == nil:
					item = r.connectionNode(fd.Type.Name())
				}
				if item == "" || r.payload(def.Name) {
					continue
				}
				for _, c := range r.possible(item) {
					r.listed[c] = true
				}
			}
		}
	})
	return r.listed[t]
}

// connectionNode is the type of the nodes of a Relay connection type ("" when name is
// not one).
func (r *Roles) connectionNode(name string) string {
	def := r.schema.Types[name]
	if def == nil || def.Kind != ast.Object {
		return ""
	}
	edges := def.Fields.ForName("edges")
	if edges == nil || edges.Type.Elem == nil {
		return ""
	}
	edge := r.schema.Types[edges.Type.Elem.Name()]
	if edge == nil {
		return ""
	}
	if node := edge.Fields.ForName("node"); node != nil && node.Type.Elem == nil {
		return node.Type.Name()
	}
	return ""
}

// makeEntity makes the entity a making mutation makes: a new key, the input's values, a life
// from now on, and its owner (the owner its input names, else the viewer).
func (g *Generator) makeEntity(env *Env, f *graphql.Field, mr *mutationRole, in map[string]any) *made {
	seq := env.Store.created()
	key := fake.HashStrings("made", mr.made.typ, f.Name, strconv.Itoa(seq))
	sp := Lifetime{Start: g.now(env)}.span(g.now(env))
	m := g.entity(env, mr.made.typ, key, "", &sp, tenseOngoing)
	mt := m[metaKey].(*meta)
	def := g.schema.Types[mr.made.typ]
	values := map[string]any{}
	src := in
	if mr.made.nested != "" {
		src, _ = in[mr.made.nested].(map[string]any)
	}
	for n, field := range mr.made.values {
		t := def.Fields.ForName(field).Type
		if v, ok := src[n]; ok && (v != nil || !t.NonNull) {
			values[field] = g.readBack(t, mr.made.inputs[n], v)
		} else if !ok && !t.NonNull {
			values[field] = nil // what the input could have said of it, and did not
		}
	}
	if tr := g.roles.typ(mr.made.typ); tr != nil && tr.trio != nil { // a charge's gross given: its net and tax
		given := maps.Clone(values)
		for _, name := range []string{tr.trio.gross, tr.trio.net, tr.trio.tax} {
			if _, ok := given[name]; !ok {
				if v, ok := trioValue(tr.trio, name, given, g.roles.tax()); ok {
					values[name] = renderNumber(g.named(mr.made.typ, name), v, 2)
				}
			}
		}
	}
	now := g.now(env)
	for _, fd := range def.Fields {
		named := g.schema.Types[fd.Type.Name()]
		if _, given := values[fd.Name]; given || fd.Type.Elem != nil || len(fd.Arguments) > 0 {
			continue
		}
		if p := position(words(fd.Name)); p == posCreated || p == posUpdated {
			if tf := g.faker.TimeFormatOf(mr.made.typ, fd.Name, named); tf != fake.NotTime {
				values[fd.Name] = g.faker.FormatTime(now, tf, named) // made, and last changed, now
			}
		}
	}
	env.Store.write(mt.key, values)
	owner := map[string]any{}
	tw := typeWords(mr.made.typ)
	for n, v := range in {
		_, isValue := mr.made.values[n]
		if s := keyString(v); s == "" || isValue || !namesOwner(n) || hasWord(tw, words(n)[0]) { // namesOwner: n has words
			continue
		}
		owner[n] = v // accountNumber, propertyId: not the made thing's own
	}
	env.Store.addMade(madeEntry{typ: mr.made.typ, id: mt.id, owner: owner})
	return &made{field: mr.made.field, typ: mr.made.typ, id: mt.id}
}

// withMade adds to the items of a list the entities mutations made for its owner,
// newest first.
func (g *Generator) withMade(env *Env, f *graphql.Field, fr *fieldRole, out []map[string]any) []map[string]any {
	entries := env.Store.madeEntries()
	if len(entries) == 0 || hasWord(words(f.Name), bygoneWords...) {
		return out
	}
	var add []map[string]any
	for _, e := range slices.Backward(entries) {
		if !slices.Contains(fr.candidates, e.typ) || !madeFor(f, fr, e.owner) || env.Store.isRemoved(e.typ, e.id) {
			continue
		}
		add = append(add, g.entity(env, e.typ, 0, e.id, nil, tenseOngoing))
	}
	if len(add) == 0 {
		return out
	}
	return append(add, out...)
}

// bygoneWords name a list of what is over (previousProperties, archivedNotes), where
// nothing just made belongs.
var bygoneWords = []string{"previous", "past", "old", "former", "inactive", "closed", "archived", "deleted", "removed",
	"historic", "historical", "expired", "cancelled", "canceled", "ended", "resolved"}

// isMade reports whether some mutation of the schema makes an entity of one of types.
// Only a making mutation whose payload has a plain field that may hold the type can
// (madeBy picks among those), so only those have their roles built, once per type.
func (r *Roles) isMade(types ...string) bool {
	r.madeOnce.Do(func() {
		r.makers = map[string][]*ast.FieldDefinition{}
		if r.schema.Mutation == nil {
			return
		}
		for _, def := range r.schema.Mutation.Fields {
			if !makes(def.Name) {
				continue
			}
			for _, p := range r.possible(def.Type.Name()) {
				for _, fd := range r.schema.Types[p].Fields {
					if fd.Type.Elem == nil && len(fd.Arguments) == 0 {
						for _, t := range r.possible(fd.Type.Name()) {
							r.makers[t] = append(r.makers[t], def)
						}
					}
				}
			}
		}
	})
	return slices.ContainsFunc(types, func(t string) bool {
		return r.madeTypes.get(t, func() bool {
			return slices.ContainsFunc(r.makers[t], func(def *ast.FieldDefinition) bool {
				mr := r.mutation(def)
				return mr != nil && mr.made != nil && mr.made.typ == t
			})
		})
	})
}

// madeFor reports whether the list f answers is the one of the owner an entity was made
// for: the viewer's (a list on the viewer) when its input named none; else a list on an
// object the input named (account.complaints for accountNumber: the account whose number
// it is), or a root list whose arguments name the same owner.
func madeFor(f *graphql.Field, fr *fieldRole, owner map[string]any) bool {
	if len(owner) == 0 {
		return len(f.Path) == 2 && f.Path[0] == "viewer"
	}
	matched := false
	if len(f.Path) == 1 {
		for a, v := range f.Args {
			if want, named := owner[a]; named {
				if keyString(v) != keyString(want) {
					return false
				}
				matched = true
			}
		}
		return matched
	}
	src, _ := f.Source.(map[string]any)
	pw := typeWords(f.ParentType)
	for a, want := range owner {
		aw := words(a)
		if len(aw) < 2 || !isPrefixOf(pw, aw[:len(aw)-1]) && !isSuffix(pw, aw[:len(aw)-1]) {
			continue // it names something else (a property, not the account)
		}
		v, has := src[aw[len(aw)-1]]
		if !has {
			v, has = src[a]
		}
		if !has {
			continue
		}
		if keyString(v) != keyString(want) {
			return false
		}
		matched = true
	}
	return matched
}

// isPrefixOf reports whether the words ws begin with sub.
func isPrefixOf(ws, sub []string) bool {
	return len(sub) <= len(ws) && slices.Equal(ws[:len(sub)], sub)
}
