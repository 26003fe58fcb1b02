package graphql

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/vektah/gqlparser/v2/ast"
)

// execution is the state of one request's execution over a Program.
type execution struct {
	e       *Executor
	ctx     context.Context
	req     *Request
	prog    *Program
	op      *ast.OperationDefinition
	vars    map[string]any
	errs    []*Error
	started bool
	stopped bool // the context ended or the budget ran out; the error is recorded
	// stopErr is why execution stopped, repeated on each root field not run.
	stopErr *Error
	fields  int // fields resolved so far, bounded by maxFieldsPerRequest
	// Slabs of the response path steps, the Fields the hook gets and their paths.
	segs       slab[pathSeg]
	hookFields slab[Field]
	pathElems  slab[any]
}

// path is a response path step, cut from the execution's slab.
func (ex *execution) path(seg pathSeg) *pathSeg {
	p := &ex.segs.take(1)[0]
	*p = seg
	return p
}

// maxFieldsPerRequest bounds the work of one request even without configured limits, so
// that a document multiplying aliased fragments cannot run for ever.
const maxFieldsPerRequest = 1_000_000

// ErrTooManyFields is why an execution stopped whose answer would have held more than
// 1,000,000 fields; Options.StopError is given it.
var ErrTooManyFields = fmt.Errorf("the response would have more than %d fields", maxFieldsPerRequest)

// fieldGroup is the set of field nodes merged under one response key.
type fieldGroup struct {
	key    string
	name   string
	def    *ast.FieldDefinition // on the concrete object type; nil for __typename
	fields []*ast.Field
	// canon is the canonical JSON of the arguments when they read no variable, and args
	// the arguments themselves, shared read-only by every execution of the group.
	canon  string
	args   map[string]any
	static bool
	// boxedKey is key as a path element, boxed once rather than on each request.
	boxedKey any
	// named is the type def's type names (under any lists), looked up once.
	named *typeInfo
	// selected names the fields the group's selection sets may ask of its value, each
	// once, in document order; selectedSet holds them too when there are more than
	// manySelected.
	selectedOnce sync.Once
	selected     []string
	selectedSet  map[string]bool
	selectsAll   bool // a fragment could not be followed
}

// selects reports whether the group's selection sets (fragments included, directives
// ignored) name a field called name.
func (g *fieldGroup) selects(name string) bool {
	g.selectedOnce.Do(g.collectSelected)
	if g.selectsAll {
		return true
	}
	if g.selectedSet != nil {
		return g.selectedSet[name]
	}
	for _, s := range g.selected { // a few names: cheaper than hashing name
		if s == name {
			return true
		}
	}
	return false
}

// manySelected is how many selected names selects looks up in a map rather than a list.
const manySelected = 12

func (g *fieldGroup) collectSelected() {
	names := map[string]bool{}
	seen := map[*ast.FragmentDefinition]bool{}
	var walk func(ast.SelectionSet)
	walk = func(set ast.SelectionSet) {
		for _, sel := range set {
			switch s := sel.(type) {
			case *ast.Field:
				if !names[s.Name] {
					names[s.Name] = true
					g.selected = append(g.selected, s.Name)
				}
			case *ast.InlineFragment:
				walk(s.SelectionSet)
			case *ast.FragmentSpread:
				switch {
				case s.Definition == nil:
					g.selectsAll = true
				case !seen[s.Definition]:
					seen[s.Definition] = true
					walk(s.Definition.SelectionSet)
				}
			}
		}
	}
	for _, f := range g.fields {
		walk(f.SelectionSet)
	}
	if len(g.selected) > manySelected {
		g.selectedSet = names
	}
}

// pathSeg is one step of a response path, linked to its parent.
type pathSeg struct {
	parent *pathSeg
	g      *fieldGroup // the field's group: its response key and name
	index  int         // used when g is nil
}

// slice is the path as a response or a Field gives it, cut from the execution's slab.
func (ex *execution) slice(p *pathSeg) []any {
	n := 0
	for s := p; s != nil; s = s.parent {
		n++
	}
	out := ex.pathElems.take(n)
	for s := p; s != nil; s = s.parent {
		n--
		if s.g != nil {
			out[n] = s.g.boxedKey
		} else {
			out[n] = s.index
		}
	}
	return out
}

// fieldCtx carries what completion needs to know about the field being completed.
type fieldCtx struct {
	parent *ast.Definition
	g      *fieldGroup
}

// fakeValue marks a position that nothing supplied, to be filled with a fake.
type fakeValue struct{}

var fake any = fakeValue{}

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func hashString[S ~string | ~[]byte](h uint64, s S) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

func hashByte(h uint64, b byte) uint64 {
	h ^= uint64(b)
	return h * fnvPrime
}

// RootKey is the key the root object completes its fields with.
const RootKey uint64 = fnvOffset

// FieldKey is the fake key of the field name, with canonical arguments canon ("" for
// none), of an object completed with key parent.
func FieldKey(parent uint64, name, canon string) uint64 { return fieldKey(parent, name, canon) }

// IndexKey is the fake key of item i of a list whose key is parent.
func IndexKey(parent uint64, i int) uint64 { return indexKey(parent, i) }

// CanonicalArgs renders coerced arguments as the canonical JSON fake keys hash.
func CanonicalArgs(args map[string]any) string { return canonicalJSON(args) }

func fieldKey(parent uint64, name, canon string) uint64 {
	h := hashString(hashByte(parent, '.'), name)
	if canon != "" {
		h = hashString(hashByte(h, '('), canon)
	}
	return h
}

// canonBuffers hold the canonical JSON of arguments while it is hashed.
var canonBuffers = sync.Pool{New: func() any { b := make([]byte, 0, 256); return &b }}

// fieldKeyArgs is fieldKey(parent, name, canonicalJSON(args)) without making the string.
func fieldKeyArgs(parent uint64, name string, args map[string]any) uint64 {
	if len(args) == 0 {
		return fieldKey(parent, name, "")
	}
	bp := canonBuffers.Get().(*[]byte)
	b, err := appendJSON((*bp)[:0], args)
	if err != nil {
		return fieldKey(parent, name, canonicalJSON(args))
	}
	h := hashString(hashByte(hashString(hashByte(parent, '.'), name), '('), b)
	if cap(b) <= 64<<10 {
		*bp = b[:0]
		canonBuffers.Put(bp)
	}
	return h
}

func indexKey(parent uint64, i int) uint64 {
	h := hashByte(parent, '[')
	var buf [20]byte
	return hashString(h, string(strconv.AppendInt(buf[:0], int64(i), 10)))
}

func (ex *execution) run() *Object {
	var root *ast.Definition
	switch ex.op.Operation {
	case ast.Mutation:
		root = ex.e.schema.Mutation
	default:
		root = ex.e.schema.Query
	}
	if root == nil {
		ex.errs = append(ex.errs, &Error{
			Message:   fmt.Sprintf("Schema is not configured to execute %s operation.", ex.op.Operation),
			Locations: locationsOf(ex.op.Position),
		})
		return nil
	}
	groups := ex.collectCached(collectKey{op: ex.op, typ: root.Name}, root, []ast.SelectionSet{ex.op.SelectionSet})
	obj, failed := ex.executeFields(root, groups, nil, fnvOffset, nil)
	if failed {
		return nil
	}
	return obj
}

// executeFields resolves the groups of one object in order (serially, so also for mutations).
func (ex *execution) executeFields(obj *ast.Definition, groups []*fieldGroup, source any, key uint64, path *pathSeg) (*Object, bool) {
	out := newObject(len(groups))
	for _, g := range groups {
		v, failed := ex.executeField(obj, g, source, key, path)
		if failed {
			return nil, true
		}
		out.Keys = append(out.Keys, g.key)
		out.Values = append(out.Values, v)
	}
	return out, false
}

// objectOf is an Object with room for N fields in the same allocation.
type objectOf[N interface {
	[2]string | [4]string | [8]string
}, V interface{ [2]any | [4]any | [8]any }] struct {
	Object
	keys   N
	values V
}

// newObject is an empty Object with room for n fields, in one allocation when n is small.
func newObject(n int) *Object {
	switch {
	case n <= 2:
		o := &objectOf[[2]string, [2]any]{}
		o.Keys, o.Values = o.keys[:0:n], o.values[:0:n]
		return &o.Object
	case n <= 4:
		o := &objectOf[[4]string, [4]any]{}
		o.Keys, o.Values = o.keys[:0:n], o.values[:0:n]
		return &o.Object
	case n <= 8:
		o := &objectOf[[8]string, [8]any]{}
		o.Keys, o.Values = o.keys[:0:n], o.values[:0:n]
		return &o.Object
	}
	return &Object{Keys: make([]string, 0, n), Values: make([]any, 0, n)}
}

func (ex *execution) executeField(parent *ast.Definition, g *fieldGroup, source any, parentKey uint64, parentPath *pathSeg) (any, bool) {
	if g.name == "__typename" {
		return parent.Name, false
	}
	path := ex.path(pathSeg{parent: parentPath, g: g})
	fc := fieldCtx{parent: parent, g: g}
	if g.def == nil {
		return ex.fieldFailed(fc, path, &Error{Message: fmt.Sprintf("Cannot query field %q on type %q.", g.name, parent.Name)})
	}
	if ex.stopped {
		if parentPath == nil { // a root field that never ran says so
			return ex.fieldFailed(fc, path, ex.stopErr)
		}
		return nil, g.def.Type.NonNull
	}
	ex.fields++
	if ex.fields > maxFieldsPerRequest {
		ex.stopped, ex.stopErr = true, ex.e.stopError(ErrTooManyFields)
		return ex.fieldFailed(fc, path, ex.stopErr)
	}
	if err := ctxErr(ex.ctx); err != nil {
		ex.stopped, ex.stopErr = true, ex.e.stopError(err)
		return ex.fieldFailed(fc, path, ex.stopErr)
	}

	var args map[string]any
	canon := g.canon
	hook := ex.e.opts.Hook
	if hook != nil && ex.e.opts.HookFilter != nil && !ex.e.opts.HookFilter(ex.ctx, source, g.name, parentPath == nil) {
		hook = nil
	}
	needArgs := len(g.def.Arguments) > 0 && (!g.static || hook != nil || isIntrospection(parent, g.name))
	switch {
	case needArgs && g.static && g.args != nil:
		args = g.args
	case needArgs:
		var err error
		args, err = ex.coerceArgs(g.fields[0], g.def)
		if err != nil {
			return ex.fieldFailed(fc, path, err)
		}
	}
	var key uint64
	if needArgs && !g.static {
		key = fieldKeyArgs(parentKey, g.name, args)
	} else {
		key = fieldKey(parentKey, g.name, canon)
	}

	if isIntrospection(parent, g.name) {
		v, err := ex.e.introspection().resolve(parent.Name, g.name, source, args)
		if err != nil {
			return ex.fieldFailed(fc, path, err)
		}
		return ex.complete(g.def.Type, fc, v, key, path)
	}

	var val any = fake
	m, _ := source.(map[string]any)
	var f *Field
	field := func() *Field {
		if f == nil {
			f = &ex.hookFields.take(1)[0]
			*f = Field{
				Operation:  ex.op.Operation,
				ParentType: parent.Name,
				Name:       g.name,
				Args:       args,
				Path:       ex.slice(path),
				seg:        path,
				Definition: g.def,
				Request:    ex.req,
				Key:        key,
				ParentKey:  parentKey,
				group:      g,
			}
			if g.key != g.name {
				f.Alias = g.key
			}
			if m != nil {
				f.Source = m
			}
		}
		return f
	}
	if hook != nil {
		v, ok, err := ex.callHook(hook, field())
		if err != nil {
			return ex.fieldFailed(fc, path, err)
		}
		if ok {
			val = v
		}
	}
	if val == fake && m != nil {
		if v, ok := m[g.name]; ok {
			val = v
		}
	}
	if gen := ex.e.opts.Generator; val == fake && gen != nil {
		if len(g.def.Arguments) > 0 && args == nil && g.args != nil {
			field().Args = g.args
		} else if len(g.def.Arguments) > 0 && args == nil {
			a, err := ex.coerceArgs(g.fields[0], g.def)
			if err != nil {
				return ex.fieldFailed(fc, path, err)
			}
			field().Args = a
		}
		v, ok, err := ex.callHook(gen.Generate, field())
		if err != nil {
			return ex.fieldFailed(fc, path, err)
		}
		if ok {
			val = v
		}
	}
	return ex.complete(g.def.Type, fc, val, key, path)
}

func isIntrospection(parent *ast.Definition, name string) bool {
	return strings.HasPrefix(parent.Name, "__") || name == "__schema" || name == "__type"
}

func (ex *execution) callHook(h Hook, f *Field) (v any, ok bool, err error) {
	defer func() {
		if r := recover(); r != nil {
			v, ok, err = nil, false, fmt.Errorf("internal error in field hook: %v", r)
			// A hook that gave up deep in its work because the request ended stops it.
			if stop, isErr := r.(error); isErr && ex.ctx != nil && ex.ctx.Err() != nil && errors.Is(stop, ex.ctx.Err()) {
				v, ok, err = nil, true, ex.e.stopError(ex.ctx.Err())
			}
		}
	}()
	ctx := ex.ctx
	if ctx == nil {
		ctx = context.Background()
	}
	v, ok, err = h(ctx, f)
	if err != nil && ctx.Err() != nil && errors.Is(err, ctx.Err()) {
		err = ex.e.stopError(ctx.Err()) // the hook gave up because the request ended
	}
	return v, ok, err
}

// fieldFailed records err for the field and reports whether the null must propagate.
func (ex *execution) fieldFailed(fc fieldCtx, path *pathSeg, err error) (any, bool) {
	ex.addError(fc, path, err)
	return nil, fc.g.def != nil && fc.g.def.Type.NonNull
}

func (ex *execution) addError(fc fieldCtx, path *pathSeg, err error) {
	if multi, ok := err.(interface{ Unwrap() []error }); ok {
		for _, e := range multi.Unwrap() {
			ex.addError(fc, path, e)
		}
		return
	}
	var out *Error
	if ge := asError(err); ge != nil {
		cp := *ge
		out = &cp
	} else {
		out = &Error{Message: err.Error()}
	}
	if len(out.Path) == 0 {
		out.Path = ex.slice(path)
	}
	if len(out.Locations) == 0 {
		for _, f := range fc.g.fields {
			out.Locations = append(out.Locations, locationsOf(f.Position)...)
		}
	}
	ex.errs = append(ex.errs, out)
}

// asError returns the *Error err is or wraps, or nil; a bare *Error is found without
// errors.As, whose target would cost an allocation on every failed field.
func asError(err error) *Error {
	if ge, ok := err.(*Error); ok {
		return ge
	}
	var ge *Error
	if errors.As(err, &ge) {
		return ge
	}
	return nil
}

// complete shapes v to typ; failed reports a null that must propagate to the parent.
func (ex *execution) complete(typ *ast.Type, fc fieldCtx, v any, key uint64, path *pathSeg) (any, bool) {
	if typ.NonNull {
		r, failed := ex.completeNullable(typ, fc, v, key, path)
		if failed {
			return nil, true
		}
		if r == nil {
			ex.addError(fc, path, &Error{Message: fmt.Sprintf(
				"Cannot return null for non-nullable field %s.%s.", fc.parent.Name, fc.g.name)})
			return nil, true
		}
		return r, false
	}
	r, failed := ex.completeNullable(typ, fc, v, key, path)
	if failed {
		return nil, false
	}
	return r, false
}

func (ex *execution) completeNullable(typ *ast.Type, fc fieldCtx, v any, key uint64, path *pathSeg) (any, bool) {
	if v == nil {
		return nil, false
	}
	isFake := v == fake
	if typ.Elem != nil {
		return ex.completeList(typ, fc, v, isFake, key, path)
	}
	ti := fc.g.named
	if ti == nil || ti.def.Name != typ.NamedType {
		ti = ex.e.types[typ.NamedType]
	}
	if ti == nil {
		ex.addError(fc, path, fmt.Errorf("unknown type %q", typ.NamedType))
		return nil, true
	}
	def := ti.def
	switch def.Kind {
	case ast.Scalar, ast.Enum:
		if isFake {
			v = ex.e.faker.Leaf(key, fc.parent.Name, fc.g.name, def)
			if v == nil {
				return nil, false
			}
		}
		out, err := serializeLeaf(ti, v)
		if err != nil {
			ex.addError(fc, path, err)
			return nil, true
		}
		return out, false
	case ast.Object:
		return ex.completeObject(def, fc, v, isFake, key, path)
	case ast.Interface, ast.Union:
		concrete, err := ex.resolveType(ti, v, isFake, key)
		if err != nil {
			ex.addError(fc, path, err)
			return nil, true
		}
		return ex.completeObject(concrete, fc, v, isFake, key, path)
	}
	ex.addError(fc, path, fmt.Errorf("type %q cannot be an output type", def.Name))
	return nil, true
}

func (ex *execution) completeObject(def *ast.Definition, fc fieldCtx, v any, isFake bool, key uint64, path *pathSeg) (any, bool) {
	var source any
	if !isFake {
		switch s := v.(type) {
		case map[string]any:
			source = s
		default:
			if strings.HasPrefix(def.Name, "__") {
				source = v
			} else if m, ok := toStringMap(v); ok {
				source = m
			} else {
				ex.addError(fc, path, &Error{Message: fmt.Sprintf(
					"Expected a map value for object type %q, got %T.", def.Name, v)})
				return nil, true
			}
		}
	}
	if gen := ex.e.opts.Generator; gen != nil {
		if m, ok := source.(map[string]any); ok {
			if k, ok := gen.ObjectKey(ex.ctx, def, m); ok {
				key = k
			}
		}
	}
	groups := ex.subGroups(fc.g, def)
	obj, failed := ex.executeFields(def, groups, source, key, path)
	if failed {
		return nil, true
	}
	return obj, false
}

// suffixType is the longest possible type of ti whose name ends name: a state object
// told as a type this schema lacks (ElectricityMeterPointType) is the tenant's type it
// ends with (MeterPointType). "" when none does.
func suffixType(ti *typeInfo, name string) string {
	best := ""
	for _, p := range ti.possible {
		pn := p.Name
		if len(pn) < len(name) && strings.HasSuffix(name, pn) && len(pn) > len(best) {
			best = pn
		}
	}
	return best
}

// tenantType is the possible type of ti a state object told as a type this schema
// lacks is: the one its name ends with (suffixType), the one its name is without Kraken's
// Type suffix (AccountType on a tenant that calls it Account), or the one with the most of
// its fields (closestType).
func tenantType(ti *typeInfo, name string, m map[string]any) string {
	if t := suffixType(ti, name); t != "" {
		return t
	}
	if t, ok := strings.CutSuffix(name, "Type"); ok && ti.isPossib[t] {
		return t
	}
	return closestType(ti, m)
}

// closestType is the possible type of ti with the most fields the value m has; "" for
// none with any.
func closestType(ti *typeInfo, m map[string]any) string {
	best, most := "", 0
	for _, p := range ti.possible {
		n := 0
		for _, f := range p.Fields {
			if _, ok := m[f.Name]; ok {
				n++
			}
		}
		if n > most {
			best, most = p.Name, n
		}
	}
	return best
}

func (ex *execution) resolveType(ti *typeInfo, v any, isFake bool, key uint64) (*ast.Definition, error) {
	if !isFake {
		m, ok := v.(map[string]any)
		if !ok {
			m, ok = toStringMap(v)
		}
		if !ok {
			return nil, &Error{Message: fmt.Sprintf("Expected a map value for abstract type %q, got %T.", ti.def.Name, v)}
		}
		if tn, present := m["__typename"]; present {
			name, _ := tn.(string)
			if t := ex.e.types[name]; !ti.isPossib[name] && t == nil {
				name = tenantType(ti, name, m)
			} else if !ti.isPossib[name] && t.def.Kind != ast.Object {
				name = closestType(ti, m) // a tenant's union where another has the object (Origin's readings)
			}
			if !ti.isPossib[name] {
				return nil, &Error{Message: fmt.Sprintf(
					"Runtime Object type %s is not a possible type for '%s'.", inspect(tn), ti.def.Name)}
			}
			return ex.e.types[name].def, nil
		}
	}
	n := len(ti.possible)
	if n == 0 {
		return nil, &Error{Message: fmt.Sprintf("Abstract type %q has no possible object types.", ti.def.Name)}
	}
	i := ex.e.faker.Pick(key, n)
	if i < 0 || i >= n {
		i = ((i % n) + n) % n
	}
	return ti.possible[i], nil
}

func (ex *execution) completeList(typ *ast.Type, fc fieldCtx, v any, isFake bool, key uint64, path *pathSeg) (any, bool) {
	if isFake {
		n := ex.e.faker.ListLen(key)
		if n < 0 {
			n = 0
		}
		out := make([]any, 0, n)
		for i := 0; i < n; i++ {
			r, failed := ex.complete(typ.Elem, fc, fake, indexKey(key, i), ex.path(pathSeg{parent: path, index: i}))
			if failed {
				return nil, true
			}
			if typ.Elem.Elem == nil && isLeafValue(r) && slices.Contains(out, r) {
				continue // a made-up list of values (states, codes) names each once
			}
			out = append(out, r)
		}
		return out, false
	}
	items, ok := toList(v)
	if !ok {
		ex.addError(fc, path, &Error{Message: fmt.Sprintf(
			"Expected Iterable, but did not find one for field \"%s.%s\".", fc.parent.Name, fc.g.name)})
		return nil, true
	}
	out := make([]any, len(items))
	for i, it := range items {
		r, failed := ex.complete(typ.Elem, fc, it, indexKey(key, i), ex.path(pathSeg{parent: path, index: i}))
		if failed {
			return nil, true
		}
		out[i] = r
	}
	return out, false
}

// isLeafValue reports whether v is a scalar or enum value that compares by value.
func isLeafValue(v any) bool {
	switch v.(type) {
	case string, int, int64, float64, bool:
		return true
	}
	return false
}

// toList accepts []any and, through reflection, any other slice or array.
func toList(v any) ([]any, bool) {
	switch l := v.(type) {
	case []any:
		return l, true
	case []map[string]any:
		out := make([]any, len(l))
		for i, m := range l {
			out[i] = m
		}
		return out, true
	case []string:
		out := make([]any, len(l))
		for i, s := range l {
			out[i] = s
		}
		return out, true
	}
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Slice && rv.Kind() != reflect.Array {
		return nil, false
	}
	out := make([]any, rv.Len())
	for i := range out {
		out[i] = rv.Index(i).Interface()
	}
	return out, true
}

// toStringMap converts a map with string keys of any value type to map[string]any.
func toStringMap(v any) (map[string]any, bool) {
	if v == nil {
		return nil, false
	}
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Map || rv.Type().Key().Kind() != reflect.String {
		return nil, false
	}
	out := make(map[string]any, rv.Len())
	it := rv.MapRange()
	for it.Next() {
		out[it.Key().String()] = it.Value().Interface()
	}
	return out, true
}

// subGroups collects the sub-fields of g's nodes for the concrete type def.
func (ex *execution) subGroups(g *fieldGroup, def *ast.Definition) []*fieldGroup {
	if len(g.fields) == 1 {
		return ex.collectCached(collectKey{f: g.fields[0], typ: def.Name}, def, []ast.SelectionSet{g.fields[0].SelectionSet})
	}
	sets := make([]ast.SelectionSet, len(g.fields))
	for i, f := range g.fields {
		sets[i] = f.SelectionSet
	}
	return ex.collect(def, sets)
}

func (ex *execution) collectCached(k collectKey, def *ast.Definition, sets []ast.SelectionSet) []*fieldGroup {
	if ex.prog.varDirs {
		return ex.collect(def, sets)
	}
	if v, ok := ex.prog.collections.Load(k); ok {
		return v.([]*fieldGroup)
	}
	groups := ex.collect(def, sets)
	if ex.prog.collectRoom.Add(-collectionBytes(groups)) >= 0 {
		ex.prog.collections.Store(k, groups)
	}
	return groups
}

// collect implements the spec's CollectFields over several selection sets (merged fields).
func (ex *execution) collect(def *ast.Definition, sets []ast.SelectionSet) []*fieldGroup {
	ti := ex.e.types[def.Name]
	var groups []*fieldGroup
	var index map[string]*fieldGroup
	var visited map[string]bool
	var walk func(ast.SelectionSet)
	walk = func(set ast.SelectionSet) {
		for _, sel := range set {
			switch s := sel.(type) {
			case *ast.Field:
				if !ex.included(s.Directives) {
					continue
				}
				key := s.Alias
				if key == "" {
					key = s.Name
				}
				var g *fieldGroup
				if index != nil {
					g = index[key]
				} else {
					for _, cand := range groups {
						if cand.key == key {
							g = cand
							break
						}
					}
				}
				if g != nil {
					g.fields = append(g.fields, s)
					continue
				}
				g = &fieldGroup{key: key, name: s.Name, fields: []*ast.Field{s}, boxedKey: key}
				if s.Name != "__typename" && ti != nil {
					if g.def = ti.fields[s.Name]; g.def != nil {
						g.named = ex.e.types[g.def.Type.Name()]
					}
				}
				groups = append(groups, g)
				if index != nil {
					index[key] = g
				} else if len(groups) > 8 {
					index = make(map[string]*fieldGroup, 16)
					for _, gg := range groups {
						index[gg.key] = gg
					}
				}
			case *ast.InlineFragment:
				if !ex.included(s.Directives) || !ex.applies(def, s.TypeCondition) {
					continue
				}
				walk(s.SelectionSet)
			case *ast.FragmentSpread:
				if !ex.included(s.Directives) || visited[s.Name] {
					continue
				}
				if visited == nil {
					visited = map[string]bool{}
				}
				visited[s.Name] = true
				frag := s.Definition
				if frag == nil {
					frag = ex.prog.Doc.Fragments.ForName(s.Name)
				}
				if frag == nil || !ex.applies(def, frag.TypeCondition) {
					continue
				}
				walk(frag.SelectionSet)
			}
		}
	}
	for _, set := range sets {
		walk(set)
	}
	for _, g := range groups {
		ex.prepareStaticArgs(g)
	}
	return groups
}

// prepareStaticArgs computes the canonical arguments of a group once when they read no variable.
func (ex *execution) prepareStaticArgs(g *fieldGroup) {
	if g.def == nil || len(g.def.Arguments) == 0 {
		g.static = true
		return
	}
	for _, a := range g.fields[0].Arguments {
		if usesVariable(a.Value) {
			return
		}
	}
	args, err := ex.coerceArgs(g.fields[0], g.def)
	if err != nil {
		return
	}
	g.canon, g.args = canonicalJSON(args), args
	g.static = true
}

func usesVariable(v *ast.Value) bool {
	if v == nil {
		return false
	}
	if v.Kind == ast.Variable {
		return true
	}
	for _, c := range v.Children {
		if usesVariable(c.Value) {
			return true
		}
	}
	return false
}

func (ex *execution) applies(def *ast.Definition, cond string) bool {
	if cond == "" || cond == def.Name {
		return true
	}
	ti := ex.e.types[cond]
	return ti != nil && ti.isPossib[def.Name]
}

// included evaluates @skip and @include.
func (ex *execution) included(dirs ast.DirectiveList) bool { return Included(dirs, ex.vars) }

// Included reports whether a selection with directives dirs is selected under the
// request's variables vars: not skipped by @skip nor left out by @include.
func Included(dirs ast.DirectiveList, vars map[string]any) bool {
	for _, d := range dirs {
		switch d.Name {
		case "skip":
			if directiveIf(d, vars) {
				return false
			}
		case "include":
			if !directiveIf(d, vars) {
				return false
			}
		}
	}
	return true
}

func directiveIf(d *ast.Directive, vars map[string]any) bool {
	a := d.Arguments.ForName("if")
	if a == nil || a.Value == nil {
		return false
	}
	switch a.Value.Kind {
	case ast.Variable:
		b, _ := vars[a.Value.Raw].(bool)
		if _, ok := vars[a.Value.Raw]; !ok && a.Value.VariableDefinition != nil && a.Value.VariableDefinition.DefaultValue != nil {
			b = a.Value.VariableDefinition.DefaultValue.Raw == "true"
		}
		return b
	case ast.BooleanValue:
		return a.Value.Raw == "true"
	}
	return false
}
