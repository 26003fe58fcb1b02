package world

import (
	"maps"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/krakensim/krakensim/sim/fake"
	"github.com/krakensim/krakensim/sim/graphql"
)

// What a mutation that nothing else answered does to the session's world, so that the
// next read agrees with it. It acts on the entity its input names (input.deviceId), or
// on the objects of the owner it names (input.accountNumber: what
// registeredKrakenflexDevice(accountNumber:) answers), and its payload answers those; the
// values its input gives are what those objects read from then on
// (setVehicleChargePreferences, then vehicleChargingPreferences); its verb sets the flag
// it names (suspendControl: suspended; action: UNSUSPEND: isSuspended).

// mutationRole is what one mutation field acts on and writes.
type mutationRole struct {
	// input is the input object argument that says what to do ("" when the mutation
	// takes plain arguments).
	input string
	// owner are the fields naming an owner as the queries name it (accountNumber), sorted.
	owner []string
	// key is the field naming the entity acted on, as a lookup names it (deviceId), and
	// keyField the payload's field that answers that entity ("" for the payload itself).
	key      *keyArg
	keyField string
	// values are the fields whose values are written, each with its type.
	values map[string]*ast.Type
	// enums are enum fields whose values may be verbs (action: SUSPEND).
	enums []string
	// owned are the types answered for an owner that take the values.
	owned []string
	// inputs are the types of all the input's fields, for the payload's echoes, and
	// objects those of the fields of each of its input objects (directDebitInstruction:
	// accountHolder, sortCode), by the input field's name.
	inputs  map[string]*ast.Type
	objects map[string]map[string]*ast.Type
	// parts are the concrete types of the payload's object fields, which its verb acts on.
	parts []string
	// made is what a mutation that makes something makes; nil for others.
	made *madeRole
}

// ownership is what the queries of a schema say about owners: the arguments that name
// one (accountNumber), and the types a root field answers for one.
type ownership struct {
	names map[string]bool
	types []string
}

// owners reads the query root's fields that answer one object for an owner
// (registeredKrakenflexDevice(accountNumber:), vehicleChargingPreferences(accountNumber:)).
func (r *Roles) owners() *ownership {
	r.ownersOnce.Do(func() {
		o := &ownership{names: map[string]bool{}}
		if q := r.schema.Query; q != nil {
			for _, fd := range q.Fields {
				fr := r.field(q.Name, fd)
				if fr.kind != plainField || len(fr.keys) > 0 || len(fr.owner) == 0 {
					continue
				}
				for _, a := range fr.owner {
					if namesOwner(a) && isScalarArg(r.schema, fd.Arguments.ForName(a)) {
						o.names[a] = true
					}
				}
				for _, c := range fr.candidates {
					if !slices.Contains(o.types, c) {
						o.types = append(o.types, c)
					}
				}
			}
		}
		sort.Strings(o.types)
		r.owned = o
	})
	return r.owned
}

// namesOwner reports whether an argument's name says it names something by its key
// (accountNumber, deviceId, mpan), not a value (name, postcode, validAt).
func namesOwner(arg string) bool {
	ws := words(arg)
	if len(ws) == 0 {
		return false
	}
	switch ws[len(ws)-1] {
	case "mpan", "mprn", "mpxn", "euid":
		return true
	case "id", "number":
		return len(ws) > 1
	}
	return false
}

func isScalarArg(s *ast.Schema, a *ast.ArgumentDefinition) bool {
	if a == nil || a.Type.Elem != nil {
		return false
	}
	t := s.Types[a.Type.Name()]
	return t != nil && t.Kind == ast.Scalar
}

func (r *Roles) mutation(def *ast.FieldDefinition) *mutationRole {
	return r.muts.get(def.Name, func() *mutationRole { return r.buildMutation(def) })
}

// inputObject is a mutation's one input object argument and the input object type it
// takes (createAccountNote(input: CreateAccountNoteInput!)); nil when it takes plain
// arguments.
func (r *Roles) inputObject(def *ast.FieldDefinition) (*ast.ArgumentDefinition, *ast.Definition) {
	if len(def.Arguments) != 1 || def.Arguments[0].Type.Elem != nil {
		return nil, nil
	}
	if in := r.schema.Types[def.Arguments[0].Type.Name()]; in != nil && in.Kind == ast.InputObject {
		return def.Arguments[0], in
	}
	return nil, nil
}

// fieldTypes are the types of an input object's fields, by name.
func fieldTypes(in *ast.Definition) map[string]*ast.Type {
	out := make(map[string]*ast.Type, len(in.Fields))
	for _, f := range in.Fields {
		out[f.Name] = f.Type
	}
	return out
}

func (r *Roles) buildMutation(def *ast.FieldDefinition) *mutationRole {
	mr := &mutationRole{values: map[string]*ast.Type{}, objects: map[string]map[string]*ast.Type{}}
	var fields ast.ArgumentDefinitionList
	if arg, in := r.inputObject(def); arg != nil {
		mr.input = arg.Name
		for _, f := range in.Fields {
			fields = append(fields, &ast.ArgumentDefinition{Name: f.Name, Type: f.Type})
		}
	} else {
		fields = def.Arguments
	}
	owners := r.owners()
	mr.inputs = make(map[string]*ast.Type, len(fields))
	for _, a := range fields {
		mr.inputs[a.Name] = a.Type
		t := r.schema.Types[a.Type.Name()]
		if t == nil {
			continue
		}
		if t.Kind == ast.InputObject && a.Type.Elem == nil {
			mr.objects[a.Name] = fieldTypes(t)
		}
		if a.Type.Elem != nil || t.Kind == ast.InputObject {
			mr.values[a.Name] = a.Type
			continue
		}
		isKey := false
		if mr.key == nil {
			if k, field, ok := r.actedKey(def, a); ok {
				mr.key, mr.keyField, isKey = &k, field, true
			}
		}
		if owners.names[a.Name] {
			mr.owner = append(mr.owner, a.Name)
			continue
		}
		if isKey {
			continue
		}
		mr.values[a.Name] = a.Type
		if t.Kind == ast.Enum {
			mr.enums = append(mr.enums, a.Name)
		}
	}
	sort.Strings(mr.owner)
	if !updates(def.Name) {
		mr.values = nil // a create, a get or a redeem leaves what it names as it was
	}
	mr.parts = r.payloadTypes(def)
	if makes(def.Name) {
		mr.made = r.madeBy(def, mr)
	}
	if len(mr.owner) > 0 && len(mr.values) > 0 {
		for _, t := range owners.types {
			if r.takesValues(t, mr.values, 0) {
				mr.owned = append(mr.owned, t)
			}
		}
	}
	return mr
}

// actedKey matches a mutation's input field to the key of the entity its payload, or
// one of the payload's fields, answers.
func (r *Roles) actedKey(def *ast.FieldDefinition, a *ast.ArgumentDefinition) (keyArg, string, bool) {
	if k, ok := r.keyArg(def.Type.Name(), a); ok && !k.list {
		return k, "", true
	}
	for _, p := range r.possible(def.Type.Name()) {
		for _, fd := range r.schema.Types[p].Fields {
			if fd.Type.Elem != nil || len(fd.Arguments) > 0 {
				continue
			}
			if k, ok := r.keyArg(fd.Type.Name(), a); ok && !k.list {
				return k, fd.Name, true
			}
		}
	}
	return keyArg{}, "", false
}

// updates reports whether a mutation's name says it changes what it names to the
// values it is given (setX, updateX, amendX), rather than making something new or
// acting on it otherwise.
func updates(name string) bool {
	ws := words(name)
	if len(ws) == 0 {
		return false
	}
	switch ws[0] {
	case "set", "update", "change", "edit", "save", "amend", "configure", "modify", "rename":
		return true
	}
	return false
}

// deletes reports whether a mutation named with the verb removes what it acts on.
func deletes(verb string) bool {
	switch verb {
	case "delete", "remove", "deregister", "unregister":
		return true
	}
	return false
}

// flagSet is a Boolean a verb sets: the flag's words (is/has aside) and its value.
type flagSet struct {
	flag string
	on   bool
}

// verbs are the verbs whose mutations set a flag, as a mutation's first word
// (suspendControl) or an enum input's value (action: UNSUSPEND).
var verbs = map[string][]flagSet{
	"suspend":    {{"suspended", true}},
	"unsuspend":  {{"suspended", false}},
	"resume":     {{"suspended", false}, {"paused", false}},
	"pause":      {{"paused", true}},
	"unpause":    {{"paused", false}},
	"enable":     {{"enabled", true}},
	"disable":    {{"enabled", false}},
	"activate":   {{"active", true}},
	"deactivate": {{"active", false}},
	"lock":       {{"locked", true}},
	"unlock":     {{"locked", false}},
	"archive":    {{"archived", true}},
	"unarchive":  {{"archived", false}},
	"block":      {{"blocked", true}},
	"unblock":    {{"blocked", false}},
	"pin":        {{"pinned", true}},
	"unpin":      {{"pinned", false}},
}

// acted is what a mutation's payload answers: the objects of an owner (scope), or the
// entity of type typ and primary key key, as the payload itself or its field.
type acted struct {
	scope           string
	field, typ, key string
	// in is the mutation's input, which the payload's leaves may echo, and mr its role.
	in map[string]any
	mr *mutationRole
	// made is what the mutation made, nil when it makes nothing.
	made *made
	// refused is the error of a mutation that could not do what it was asked, which
	// then did nothing.
	refused error
}

// answers reports whether the payload's field of the name answers what the mutation made
// or acted on.
func (a *acted) answers(field string) bool {
	return a.made != nil && a.made.field == field || a.typ != "" && a.field == field
}

// act does what the mutation f (a root field) does to the session's world, and returns
// what its payload answers; nil when it has no input.
func (g *Generator) act(env *Env, f *graphql.Field) *acted {
	mr := g.roles.mutation(f.Definition)
	in := f.Args
	if mr.input != "" {
		in, _ = f.Args[mr.input].(map[string]any)
	}
	if in == nil {
		return nil
	}
	a := &acted{scope: ownerScope(in, mr.owner), field: mr.keyField, in: in, mr: mr}
	if mr.key != nil {
		a.typ, a.key = g.actedOn(env, f, mr, keyString(in[mr.key.arg]))
	}
	if mr.made != nil && env.Store != nil {
		a.made = g.makeEntity(env, f, mr, in)
	}
	if a.typ == "" && a.scope == "" || env.Store == nil {
		return a
	}
	var done []string // what the mutation does: its name's verb, an enum's (action: SUSPEND)
	if ws := words(f.Name); len(ws) > 1 {
		done = append(done, ws[0])
	}
	for _, e := range mr.enums {
		if s, ok := in[e].(string); ok {
			if ws := words(s); len(ws) == 1 {
				done = append(done, ws[0])
			}
		}
	}
	if a.refused = g.invalid(f, mr, in); a.refused != nil {
		return a
	}
	if a.typ == "" {
		if a.refused = g.noDevice(env, f, mr, in); a.refused != nil {
			return a
		}
	} else if a.refused = g.unfit(f, mr, a.typ, in); a.refused != nil {
		return a
	}
	if a.refused = g.refusal(env, f, a, mr, in, done); a.refused != nil {
		return a
	}
	if a.typ != "" {
		key := entityKey(a.typ, a.key)
		g.entity(env, a.typ, 0, a.key, nil, tenseNone)
		values := mr.values
		dev := g.listedDevice(env, a.typ, a.key)
		var before [7]float64
		var had bool
		if dev != nil {
			before, had = g.mornings(env, dev)
			values = g.scheduled(env, dev, in, values)
		}
		g.write(env, key, a.typ, in, values)
		g.setState(env, key, a.typ, done)
		g.noteSuspension(env, key, a.typ)
		if dev != nil {
			g.noteMornings(env, key, dev, before, had)
		}
		if asked, on := boostAsked(f.Name, done); asked {
			g.boostCharge(env, key, a.typ, on, g.boostEnd(env, on, g.deviceOwner(env, a.typ, a.key)))
		}
		if len(done) > 0 && deletes(done[0]) {
			env.Store.remove(a.typ, a.key)
		}
	}
	if a.scope == "" {
		return a
	}
	for _, t := range mr.owned {
		g.write(env, g.ownedKey(env, a.scope, t), t, in, mr.values)
	}
	if a.typ == "" {
		asked, on := boostAsked(f.Name, done)
		end := g.boostEnd(env, asked && on, in)
		for _, t := range mr.parts {
			g.setState(env, g.ownedKey(env, a.scope, t), t, done)
		}
		for _, d := range g.actedDevices(env, mr, in) {
			key, typ := d[metaKey].(*meta).key, d["__typename"].(string)
			if len(mr.values) > 0 {
				before, had := g.mornings(env, d)
				g.write(env, key, typ, in, mr.values)
				g.noteMornings(env, key, d, before, had)
			}
			g.setState(env, key, typ, done)
			g.noteSuspension(env, key, typ)
			if asked {
				g.boostCharge(env, key, typ, on, end)
			}
		}
	}
	return a
}

// noDevice is the error of a mutation acting on the devices of an owner that has none
// of the kind it acts on (suspendControl for an account without a car): the NOT_FOUND
// code the field documents (KT-CT-4301, "Unable to find device for given account"), else
// the code it says it is refused with (triggerBoostCharge's KT-CT-4357, no reason
// given); nil when the owner has one, or the field documents neither.
func (g *Generator) noDevice(env *Env, f *graphql.Field, mr *mutationRole, in map[string]any) error {
	if g.opts.NotFound == nil {
		return nil
	}
	for _, t := range mr.parts {
		if g.roles.needs(t) == nil {
			continue
		}
		if _, has := g.ownerHas(env, t, in); !has {
			if err := g.opts.NotFound(f, t, ownerScope(in, mr.owner)); err != nil || g.opts.Refused == nil {
				return err
			}
			return g.opts.Refused(f, nil)
		}
	}
	return nil
}

// refusal is the error of a mutation that cannot do what it is asked of the devices it
// acts on (a boost charge of a car already boosting or under suspended control), nil
// when it can or when nothing refuses it.
func (g *Generator) refusal(env *Env, f *graphql.Field, a *acted, mr *mutationRole, in map[string]any, done []string) error {
	if g.opts.Refused == nil {
		return nil
	}
	why := func(env *Env, dev map[string]any) []string {
		if r := g.boostRefused(env, dev); r != "" {
			return []string{r}
		}
		return nil
	}
	if asked, on := boostAsked(f.Name, done); !asked || !on {
		if !testAsked(f.Name) {
			return nil
		}
		why = g.testRefused
	}
	var reasons []string
	note := func(dev map[string]any) {
		for _, r := range why(env, dev) {
			if !slices.Contains(reasons, r) {
				reasons = append(reasons, r)
			}
		}
	}
	if a.typ != "" {
		note(g.actedEntity(env, a, tenseNone))
	} else if a.scope != "" {
		for _, d := range g.actedDevices(env, mr, in) {
			note(d)
		}
	}
	if len(reasons) == 0 {
		return nil
	}
	return g.opts.Refused(f, reasons)
}

// actedDevices are the owner's devices that a mutation acting on an owner's device
// record (its payload's krakenflexDevice) acts on too, as the devices list answers them:
// setVehicleChargePreferences sets the car's chargingPreferences, suspendControl
// suspends it.
func (g *Generator) actedDevices(env *Env, mr *mutationRole, in map[string]any) []map[string]any {
	var out []map[string]any
	for _, t := range mr.parts {
		if g.roles.needs(t) == nil {
			continue
		}
		found, _ := g.ownerHas(env, t, in)
		for _, d := range found {
			key := d[metaKey].(*meta).key
			if !slices.ContainsFunc(out, func(o map[string]any) bool { return o[metaKey].(*meta).key == key }) {
				out = append(out, d)
			}
		}
	}
	return out
}

// actedOn is the concrete type and primary key of the entity whose key field (mr.key)
// has value v, that a mutation's payload (or its field) answers: of the type the session
// was handed out, else of one the field's name agrees with. typ is "" when v cannot be
// such an entity's key, or names it by another key the session does not know.
func (g *Generator) actedOn(env *Env, f *graphql.Field, mr *mutationRole, v string) (typ, key string) {
	if v == "" {
		return "", ""
	}
	field := mr.keyField
	fr := g.roles.field(f.ParentType, f.Definition)
	if field != "" {
		for _, p := range g.roles.possible(f.Definition.Type.Name()) {
			if fd := g.schema.Types[p].Fields.ForName(field); fd != nil {
				fr = g.roles.field(p, fd)
				break
			}
		}
	}
	t := g.pickType(fr, fake.HashStrings("acted", v), nil)
	if env.Store != nil {
		for _, c := range fr.candidates {
			if _, declared := g.declaredDevice(env, c, v); declared || env.Store.Has(c, v) {
				t = c
				break
			}
		}
	}
	tr := g.roles.typ(t)
	if tr == nil || tr.identity == "" {
		return "", ""
	}
	switch {
	case mr.key.field != tr.identity:
		if p, ok := env.primary(t, mr.key.field, v); ok {
			return t, p
		}
		return "", ""
	case tr.global:
		if _, raw, ok := ParseGlobalID(v); ok {
			v = raw
		}
	}
	if !g.fits(tr, v) {
		return "", ""
	}
	return t, v
}

// actedEntity is the entity a mutation acted on: as state has it, else made up.
func (g *Generator) actedEntity(env *Env, a *acted, tn tense) map[string]any {
	if g.opts.State != nil {
		if m, ok := g.opts.State(env, a.typ, g.roles.typ(a.typ).identity, a.key); ok {
			return m
		}
	}
	if d, ok := g.declaredDevice(env, a.typ, a.key); ok {
		if dev := g.listedDevice(env, a.typ, a.key); dev != nil {
			return dev // as its owner's device list answers it, parts and all
		}
		return g.deviceEntity(env, d, 0, tn)
	}
	return g.entity(env, a.typ, 0, a.key, nil, tn)
}

// fits reports whether a key can be the identity of an entity of tr: a number where the
// identity is an Int.
func (g *Generator) fits(tr *typeRole, v string) bool {
	if fd := tr.def.Fields.ForName(tr.identity); fd != nil && fd.Type.NamedType == "Int" && !tr.global {
		_, err := strconv.Atoi(v)
		return err == nil
	}
	return true
}

// ownerScope names the owner in the canonical form a query's owner arguments take.
func ownerScope(args map[string]any, names []string) string {
	var owner map[string]any
	for _, a := range names {
		if v, ok := args[a]; ok && v != nil {
			if owner == nil {
				owner = map[string]any{}
			}
			owner[a] = v
		}
	}
	if owner == nil {
		return ""
	}
	return graphql.CanonicalArgs(owner)
}

// ownedBase is what the owner scope's object of type (or field type) name is made
// from, by owned and ownedKey alike.
func ownedBase(scope, name string) uint64 { return fake.HashStrings("owned", scope, name) }

// ownedKey is the key of the object of type typ that belongs to the owner scope: the
// same wherever the owner's object of that type is asked for.
func (g *Generator) ownedKey(env *Env, scope, typ string) uint64 {
	key := ownedBase(scope, typ)
	if tr := g.roles.typ(typ); tr != nil && tr.identity != "" {
		return g.entity(env, typ, key, "", nil, tenseNone)[metaKey].(*meta).key
	}
	return key
}

// payloadTypes are the concrete types of a mutation payload's object fields, the
// objects it says it acted on (SetVehicleChargingPreferences.krakenflexDevice).
func (r *Roles) payloadTypes(def *ast.FieldDefinition) []string {
	var out []string
	for _, p := range r.possible(def.Type.Name()) {
		for _, fd := range r.schema.Types[p].Fields {
			if fd.Type.Elem != nil || len(fd.Arguments) > 0 {
				continue
			}
			if t := r.schema.Types[fd.Type.Name()]; t != nil && (t.Kind == ast.Object || t.Kind == ast.Interface || t.Kind == ast.Union) {
				for _, c := range r.possible(t.Name) {
					if !slices.Contains(out, c) {
						out = append(out, c)
					}
				}
			}
		}
	}
	return out
}

// takesValues reports whether type t has a field, of a type that can hold it, for each
// required value of the input and for at least one of them.
func (r *Roles) takesValues(t string, values map[string]*ast.Type, depth int) bool {
	def := r.schema.Types[t]
	if def == nil || def.Kind != ast.Object || depth > maxWriteDepth {
		return false
	}
	n := 0
	for name, it := range values {
		fd := def.Fields.ForName(name)
		if fd != nil && len(fd.Arguments) == 0 && r.holds(fd.Type, it, depth) {
			n++
			continue
		}
		if it.NonNull {
			return false
		}
	}
	return n > 0
}

// maxWriteDepth bounds how deep input objects are read back (an input type may hold
// itself).
const maxWriteDepth = 4

// holds reports whether a field of type ft can read back an input value of type it: a
// scalar or enum of the same kind, a list of what can hold the items, or an object with
// a field for each required field of an input object.
func (r *Roles) holds(ft, it *ast.Type, depth int) bool {
	if ft == nil || it == nil || (ft.Elem == nil) != (it.Elem == nil) {
		return false
	}
	if ft.Elem != nil {
		return ft.Elem.Elem == nil && it.Elem.Elem == nil && r.holds(ft.Elem, it.Elem, depth)
	}
	a, b := r.schema.Types[ft.Name()], r.schema.Types[it.Name()]
	if a == nil || b == nil {
		return false
	}
	switch {
	case b.Kind == ast.InputObject:
		return r.objectFor(a.Name, b, depth+1) != ""
	case a.Name == b.Name:
		return true
	case a.Kind == ast.Scalar && textual(a.Name) && (b.Kind == ast.Enum || b.Kind == ast.Scalar && textual(b.Name)):
		return true
	}
	return b.Name == "Int" && (a.Name == "Float" || a.Name == "BigInt" || a.Name == "Long")
}

// objectFor is the concrete type of name that can hold the input object in: it has a
// field for each required field of in ("" when none has).
func (r *Roles) objectFor(name string, in *ast.Definition, depth int) string {
	if depth == 0 {
		return r.holders.get([2]string{name, in.Name}, func() string { return r.objectAt(name, in, 1) })
	}
	return r.objectAt(name, in, depth)
}

func (r *Roles) objectAt(name string, in *ast.Definition, depth int) string {
	values := map[string]*ast.Type{}
	for _, f := range in.Fields {
		values[f.Name] = f.Type
	}
	for _, p := range r.possible(name) {
		if r.takesValues(p, values, depth) {
			return p
		}
	}
	return ""
}

// textual reports whether a scalar is sent as text (String, ID, Date, Time, Decimal…).
func textual(name string) bool {
	switch name {
	case "Int", "Float", "Boolean", "BigInt":
		return false
	}
	return true
}

// write keeps the input's values as what the object at key, of type typ, reads from now
// on; values its type has no field for go to the parts that have a field for each (a
// device's preferences).
func (g *Generator) write(env *Env, key uint64, typ string, in map[string]any, values map[string]*ast.Type) {
	rest := g.writeValues(env, key, typ, in, values)
	if len(rest) == 0 {
		return
	}
	for _, fd := range g.schema.Types[typ].Fields {
		if fd.Type.Elem != nil || len(fd.Arguments) > 0 || g.roles.isEntity(fd.Type.Name()) {
			continue
		}
		for _, p := range g.roles.possible(fd.Type.Name()) {
			if g.roles.takesValues(p, rest, 0) {
				g.writeValues(env, graphql.FieldKey(key, fd.Name, ""), p, in, rest)
				break
			}
		}
	}
}

// writeValues writes the values typ has a field for to the object at key, and returns
// the others.
func (g *Generator) writeValues(env *Env, key uint64, typ string, in map[string]any, values map[string]*ast.Type) map[string]*ast.Type {
	def := g.schema.Types[typ]
	tr := g.roles.typ(typ)
	out := map[string]any{}
	var rest map[string]*ast.Type
	for name, it := range values {
		fd := def.Fields.ForName(name)
		if fd == nil || len(fd.Arguments) > 0 || name == tr.identity || slices.Contains(tr.alts, name) || !g.roles.holds(fd.Type, it, 0) {
			if rest == nil {
				rest = map[string]*ast.Type{}
			}
			rest[name] = it
			continue
		}
		v, ok := in[name]
		if !ok || v == nil && fd.Type.NonNull {
			continue
		}
		out[name] = g.readBack(fd.Type, it, v)
	}
	env.Store.write(key, out)
	return rest
}

// readBack is an input value v of type it as a field of type ft answers it: an input
// object becomes an object of a type that holds it.
func (g *Generator) readBack(ft, it *ast.Type, v any) any {
	switch x := v.(type) {
	case nil:
		return nil
	case string:
		if ft.Name() == "Time" && it.Name() != "Time" && len(x) == 5 && x[2] == ':' {
			return x + ":00" // a String "07:30" read back as the Time scalar answers it
		}
		return x
	case []any:
		if ft.Elem == nil {
			return x
		}
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = g.readBack(ft.Elem, it.Elem, e)
		}
		return out
	case map[string]any:
		in := g.schema.Types[it.Name()]
		typ := g.roles.objectFor(ft.Name(), in, 0)
		def := g.schema.Types[typ]
		if def == nil {
			return nil
		}
		out := map[string]any{"__typename": typ}
		for _, f := range in.Fields {
			fd := def.Fields.ForName(f.Name)
			if e, ok := x[f.Name]; ok && fd != nil && g.roles.holds(fd.Type, f.Type, 0) {
				out[f.Name] = g.readBack(fd.Type, f.Type, e)
			}
		}
		return out
	case int:
		if ft.Name() == "Float" {
			return float64(x)
		}
	}
	return v
}

// setState sets what the verbs done say of the object at key of type typ, or of those of
// its parts (a device's status) that say it: the flags they name (suspend: suspended)
// and the status they end in (cancel: CANCELLED).
func (g *Generator) setState(env *Env, key uint64, typ string, done []string) {
	if len(done) == 0 {
		return
	}
	if out := g.stateValues(typ, done); len(out) > 0 {
		env.Store.write(key, out)
		return
	}
	for _, fd := range g.schema.Types[typ].Fields {
		if fd.Type.Elem != nil || len(fd.Arguments) > 0 || g.roles.isEntity(fd.Type.Name()) {
			continue
		}
		out := map[string]any{}
		for _, p := range g.roles.possible(fd.Type.Name()) {
			maps.Copy(out, g.stateValues(p, done))
		}
		if len(out) > 0 {
			env.Store.write(graphql.FieldKey(key, fd.Name, ""), out)
		}
	}
}

// stateValues are the fields of type typ that the verbs done set: Booleans the verbs'
// flags name, and the status whose value is what a verb ends in.
func (g *Generator) stateValues(typ string, done []string) map[string]any {
	out := map[string]any{}
	def := g.schema.Types[typ]
	if def == nil || def.Kind != ast.Object {
		return out
	}
	for _, fd := range def.Fields {
		fw, ok := flagWords(fd)
		if !ok || len(fw) != 1 {
			continue
		}
		for _, v := range done {
			for _, fs := range verbs[v] {
				if fw[0] == fs.flag {
					out[fd.Name] = fs.on
				}
			}
		}
	}
	tr := g.roles.typ(typ)
	if tr == nil || tr.status == "" {
		return out
	}
	e := g.schema.Types[tr.def.Fields.ForName(tr.status).Type.Name()]
	for _, v := range done {
		if end := endState(e, v); end != "" {
			out[tr.status] = end
		}
	}
	return out
}

// sameEnds are the states a verb leaves behind under another verb's name, in the order
// a status is looked for: an appointment confirmed is BOOKED where its enum has no
// CONFIRMED.
var sameEnds = map[string][]string{
	"confirm":  {"book", "schedule"},
	"book":     {"confirm", "schedule"},
	"schedule": {"book", "confirm"},
	"arrange":  {"book", "schedule", "confirm"},
}

// endState is the value of the status enum e that the verb leaves behind, or "".
func endState(e *ast.Definition, verb string) string {
	for _, v := range append([]string{verb}, sameEnds[verb]...) {
		for _, ev := range e.EnumValues {
			if ws := words(ev.Name); len(ws) == 1 && endedBy(v, ws[0]) {
				return ev.Name
			}
		}
	}
	return ""
}

// endedBy reports whether a status word is what the verb leaves behind: cancel,
// CANCELLED; close, CLOSED; withdraw, WITHDRAWN.
func endedBy(verb, status string) bool {
	if len(verb) < 3 {
		return false
	}
	for _, p := range []string{verb + "ed", verb + "d", verb + verb[len(verb)-1:] + "ed", verb + "n"} {
		if status == p {
			return true
		}
	}
	return false
}

// payload reports whether a type is what a mutation answers.
func (r *Roles) payload(name string) bool {
	r.payloadsOnce.Do(func() {
		r.payloads = map[string]bool{}
		if m := r.schema.Mutation; m != nil {
			for _, fd := range m.Fields {
				r.payloads[fd.Type.Name()] = true
			}
		}
	})
	return r.payloads[name]
}

// succeeded reports whether a payload's Boolean says the mutation did what it was
// asked (preferencesUpdated, success, ok, accepted), rather than a state a verb sets
// (suspended) or a failure (failed, rejected).
func succeeded(name string) bool {
	ws := words(name)
	last := ws[len(ws)-1]
	switch last {
	case "success", "successful", "ok", "done":
		return true
	case "required", "needed", "failed", "rejected", "declined", "denied", "expired", "errored", "skipped":
		return false
	}
	for _, fs := range verbs {
		for _, f := range fs {
			if last == f.flag {
				return false
			}
		}
	}
	return strings.HasSuffix(last, "ed")
}

// given is what a mutation's input says of one object of its payload: the input's
// fields, or those of its input object of the object's name, with their types.
type given struct {
	in    map[string]any
	types map[string]*ast.Type
}

// givenTo is what the input of the mutation says of the made-up object its payload's
// field f answers: the input object of f's name
// (createDirectDebitInstruction(input: {directDebitInstruction: {accountHolder}})), else
// the input itself (createAccountCharge(input: {grossAmount, reason})); nil when the
// object is what the mutation made or acted on, which hold the input their own way.
func (g *Generator) givenTo(f *graphql.Field) *given {
	a := g.parentMeta(f).acted
	if a == nil || a.in == nil || a.answers(f.Name) {
		return nil
	}
	if sub, ok := a.in[f.Name].(map[string]any); ok {
		if types, isObject := a.mr.objects[f.Name]; isObject {
			return &given{in: sub, types: types}
		}
		return nil
	}
	return &given{in: a.in, types: a.mr.inputs}
}

// echo is what a payload's leaf field f answers from the mutation's input: the value
// of the input field of its name (accountNumber), or, for a list, the value of the
// input field its name ends with (joinedEventCodes: [eventCode]); and a leaf of a
// made-up object of the payload, what the input gives of its name.
func (g *Generator) echo(f *graphql.Field) (any, bool) {
	if f.Operation != ast.Mutation || len(f.Path) != 2 {
		if f.Operation == ast.Mutation && len(f.Path) == 3 {
			if gv := g.parentMeta(f).given; gv != nil {
				if v, ok := gv.in[f.Name]; ok && v != nil && g.roles.holds(f.Definition.Type, gv.types[f.Name], 0) {
					return v, true
				}
				if part, ok := f.Path[1].(string); ok { // tokenValue: the token's value
					named := part + strings.ToUpper(f.Name[:1]) + f.Name[1:]
					if v, ok := gv.in[named]; ok && v != nil && g.roles.holds(f.Definition.Type, gv.types[named], 0) {
						return v, true
					}
				}
				if tr := g.roles.typ(f.ParentType); tr != nil && tr.trio != nil {
					if v, ok := trioValue(tr.trio, f.Name, gv.in, g.roles.tax()); ok {
						return renderNumber(g.schema.Types[f.Definition.Type.Name()], v, 2), true
					}
				}
			}
		}
		return nil, false
	}
	a := g.parentMeta(f).acted
	if a == nil || a.in == nil {
		return nil, false
	}
	ft := f.Definition.Type
	if v, ok := a.in[f.Name]; ok && v != nil && g.roles.holds(ft, a.mr.inputs[f.Name], 0) {
		return v, true
	}
	if ft.Elem == nil || ft.Elem.Elem != nil {
		return nil, false
	}
	fw := words(f.Name)
	for _, name := range slices.Sorted(maps.Keys(a.in)) { // the same answer every time
		v := a.in[name]
		if _, isList := v.([]any); isList || v == nil {
			continue
		}
		if iw := words(name); len(iw) > 1 && len(fw) > len(iw) && isSuffix(fw, iw) && g.roles.holds(ft.Elem, a.mr.inputs[name], 0) {
			return []any{v}, true
		}
	}
	return nil, false
}
