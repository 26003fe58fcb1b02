package graphql

import (
	"encoding/binary"
	"fmt"
	"slices"
	"strings"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/validator/rules"
)

// validationRules are gqlparser's rules without OverlappingFieldsCanBeMerged, whose
// pairwise comparison is quadratic in repeated fields (checkOverlap replaces it), and
// with ScalarLeafs, KnownTypeNames and ValuesOfCorrectType as graphql-core has them.
var validationRules = func() *rules.Rules {
	r := rules.NewDefaultRules()
	r.RemoveRule(rules.OverlappingFieldsCanBeMergedRule.Name)
	r.ReplaceRule(scalarLeafsRule.Name, scalarLeafsRule.RuleFunc)
	r.ReplaceRule(knownTypeNamesRule.Name, knownTypeNamesRule.RuleFunc)
	r.ReplaceRule(valuesOfCorrectTypeRule.Name, valuesOfCorrectTypeRule.RuleFunc)
	return r
}()

// overlapBudget bounds the steps checkOverlap may take on one document (a step is
// one field visited while grouping or comparing); a document over it is refused.
const overlapBudget = 2 << 20

// maxOverlapErrors bounds the conflicts reported for one document.
const maxOverlapErrors = 20

// overlapChecker implements the spec's FieldsInSetCanMerge rule in time linear in
// the document for the shapes that made the pairwise algorithm quadratic: fields are
// grouped by response key with a map, each group's fields are compared with the
// group's first one only (both relations it checks are equivalences), a fragment
// spread twice into one set is collected once, leaf fields identical for the check
// count once, and each set of fields is checked once.
type overlapChecker struct {
	schema *ast.Schema
	frags  map[string]*ast.FragmentDefinition
	steps  int
	ids    map[*ast.Field]uint32
	shape  map[string]bool // sets of fields checked (or being checked) by sameShape
	merge  map[string]bool // sets of fields checked (or being checked) by sameForCommonParents
	keyBuf []uint32
	over   bool

	fragCache map[string]*fragFields
	spreads   map[string]*spreadFields
}

// conflict is a reason why two fields of a set cannot merge: a and b belong to the
// set being checked; locsA and locsB are the fields to point at on a's side and on
// b's, outermost first, as graphql-core lists them. A final conflict lies within one
// field's selection set and is reported as it is.
type conflict struct {
	key          string
	reason       string
	a, b         *ast.Field
	locsA, locsB []*ast.Field
	final        bool
}

// errBudget is returned, as a conflict, when the checker ran out of steps.
var errBudget = &conflict{}

// checkOverlap reports fields of doc that share a response key but cannot merge, as
// gqlparser's OverlappingFieldsCanBeMerged would, or one error when checking would
// take more than overlapBudget steps.
func checkOverlap(schema *ast.Schema, doc *ast.QueryDocument) []*Error {
	return newOverlapChecker(schema, doc).check(doc)
}

func newOverlapChecker(schema *ast.Schema, doc *ast.QueryDocument) *overlapChecker {
	c := &overlapChecker{
		schema: schema,
		frags:  make(map[string]*ast.FragmentDefinition, len(doc.Fragments)),
		ids:    map[*ast.Field]uint32{},
		shape:  map[string]bool{},
		merge:  map[string]bool{},

		fragCache: map[string]*fragFields{},
		spreads:   map[string]*spreadFields{},
	}
	for _, f := range doc.Fragments {
		if _, ok := c.frags[f.Name]; !ok {
			c.frags[f.Name] = f
		}
	}
	return c
}

func (c *overlapChecker) check(doc *ast.QueryDocument) []*Error {
	roots := make([]ast.SelectionSet, 0, len(doc.Operations)+len(doc.Fragments))
	for _, op := range doc.Operations {
		roots = append(roots, op.SelectionSet)
	}
	for _, f := range doc.Fragments {
		roots = append(roots, f.SelectionSet)
	}
	var errs []*Error
	for _, root := range roots {
		keys, groups, _, checking := c.group([]ast.SelectionSet{root}, checkRoot)
		for _, k := range keys {
			if checking != nil {
				checking(k)
			}
			found := c.sameForCommonParents(groups[k])
			if len(found) == 0 {
				found = c.sameShape(groups[k])
			}
			for _, cf := range found {
				if cf == errBudget || c.over {
					return overBudget()
				}
				if len(errs) < maxOverlapErrors {
					errs = append(errs, cf.error())
				}
			}
		}
		if c.over {
			return overBudget()
		}
	}
	return errs
}

// overBudget is the error for a document that checkOverlap gave up on.
func overBudget() []*Error {
	return []*Error{{
		Message: fmt.Sprintf("The document is too complex to validate: checking that fields "+
			"with the same response name can merge takes over %d steps. Send fewer repeated "+
			"fields and fragment spreads.", overlapBudget),
		Extensions: map[string]any{"errorType": "VALIDATION"},
	}}
}

func (cf *conflict) error() *Error {
	e := &Error{Message: fmt.Sprintf(`Fields '%s' conflict because %s. Use different aliases on the fields to fetch both if this was intentional.`,
		cf.key, cf.reason)}
	for _, f := range slices.Concat(cf.locsA, cf.locsB) {
		if f.Position != nil {
			e.Locations = append(e.Locations, Location{Line: f.Position.Line, Column: f.Position.Column})
		}
	}
	return e
}

func leafConflict(a, b *ast.Field, reason string) []*conflict {
	return []*conflict{{key: responseKey(a), reason: reason, a: a, b: b, locsA: []*ast.Field{a}, locsB: []*ast.Field{b}}}
}

func responseKey(f *ast.Field) string {
	if f.Alias != "" {
		return f.Alias
	}
	return f.Name
}

// spend takes n steps from the budget, reporting false once it is spent.
func (c *overlapChecker) spend(n int) bool {
	c.steps += n
	if c.steps > overlapBudget {
		c.over = true
	}
	return !c.over
}

// Modes of checking a grouping: by check at a root, or below a field by sameShape or
// sameForCommonParents. They tell group how often a fragment's fields must be checked
// on their own before checking them again finds nothing: a check at a root calls
// sameShape only when sameForCommonParents found nothing, so it needs two.
const (
	checkRoot = iota
	checkMerge
	checkShape
)

// fragFields is a fragment's own fields, through inline fragments, and the fragments
// it spreads, in document order: collected once per document, as graphql-core caches
// each fragment's fields.
type fragFields struct {
	fields  []*ast.Field
	spreads []string
}

// spreadFields is the fields that lists of fragments bring into a grouping, one list
// per set grouped, by response key; it is cached by those lists, so fragments spread
// by many operations or fields are grouped once. pending holds, per mode, the keys
// whose fields from these fragments alone have not been checked often enough for a
// further check to find nothing (the memos of sameShape and sameForCommonParents make
// a set checked again answer nothing), as graphql-core remembers the fragment pairs
// it compared.
type spreadFields struct {
	fields  map[string][]fieldFrom
	first   map[string]keyRank
	pending [3][]string
	checked [3]map[string]int
}

// fieldFrom is a field of a grouping and the index of the set it was collected for.
type fieldFrom struct {
	f   *ast.Field
	set int
}

// keyRank orders response keys by where they first appear in a grouping: the part
// (2i for set i's own fields, 2i+1 for the fragments it brings in) and the position.
type keyRank struct{ part, pos int }

func (r keyRank) less(o keyRank) bool {
	return r.part < o.part || r.part == o.part && r.pos < o.pos
}

// fragment returns the collected fields of the fragment name, or nil when the
// document does not define it.
func (c *overlapChecker) fragment(name string) *fragFields {
	if ff, ok := c.fragCache[name]; ok {
		return ff
	}
	def := c.frags[name]
	if def == nil {
		c.fragCache[name] = nil
		return nil
	}
	ff := &fragFields{}
	var walk func(ast.SelectionSet)
	walk = func(set ast.SelectionSet) {
		c.spend(len(set))
		for _, sel := range set {
			switch s := sel.(type) {
			case *ast.Field:
				ff.fields = append(ff.fields, s)
			case *ast.InlineFragment:
				walk(s.SelectionSet)
			case *ast.FragmentSpread:
				ff.spreads = append(ff.spreads, s.Name)
			}
		}
	}
	walk(def.SelectionSet)
	c.fragCache[name] = ff
	return ff
}

// spreadOf returns the fields the fragment lists (one per set) bring in, or nil when
// there are none.
func (c *overlapChecker) spreadOf(lists [][]string) *spreadFields {
	var b strings.Builder
	empty := true
	for _, names := range lists {
		for _, n := range names {
			b.WriteString(n)
			b.WriteByte(0)
			empty = false
		}
		b.WriteByte(1)
	}
	if empty {
		return nil
	}
	id := b.String()
	if sf := c.spreads[id]; sf != nil {
		return sf
	}
	sf := &spreadFields{fields: map[string][]fieldFrom{}, first: map[string]keyRank{}}
	var keys []string
	pos := 0
	for i, names := range lists {
		for _, n := range names {
			ff := c.fragment(n)
			c.spend(len(ff.fields))
			for _, f := range ff.fields {
				k := responseKey(f)
				if _, ok := sf.first[k]; !ok {
					sf.first[k] = keyRank{2*i + 1, pos}
					keys = append(keys, k)
				}
				sf.fields[k] = append(sf.fields[k], fieldFrom{f, i})
				pos++
			}
		}
	}
	for m := range sf.pending {
		sf.pending[m] = slices.Clone(keys)
		sf.checked[m] = map[string]int{}
	}
	c.spreads[id] = sf
	return sf
}

// group collects the fields of sets, through inline fragments and fragment spreads,
// by response key, with the index of the set each came from; a set's own fields come
// before those of the fragments it spreads, breadth first, as graphql-js compares them
// (which orders its messages). A fragment spread twice is collected once, so each
// field node appears once: outside fragments, a node belongs to one selection set.
// Keys whose fields all come from fragments are left out once checking them again
// would find nothing (see spreadFields), so that a fragment spread by many operations
// or fields costs its size once, not once per spread; the caller calls checking, when
// not nil, with each key it is about to check.
func (c *overlapChecker) group(sets []ast.SelectionSet, mode int) (keys []string, groups map[string][]*ast.Field, origin map[*ast.Field]int, checking func(string)) {
	var ownKeys []string
	own := map[string][]fieldFrom{}
	ownFirst := map[string]keyRank{}
	lists := make([][]string, len(sets))
	var seen map[string]bool
	pos := 0
	for i, set := range sets {
		var queue []string
		var walk func(ast.SelectionSet)
		walk = func(set ast.SelectionSet) {
			if !c.spend(len(set)) {
				return
			}
			for _, sel := range set {
				switch s := sel.(type) {
				case *ast.Field:
					k := responseKey(s)
					if _, ok := own[k]; !ok {
						ownKeys = append(ownKeys, k)
						ownFirst[k] = keyRank{2 * i, pos}
					}
					own[k] = append(own[k], fieldFrom{s, i})
					pos++
				case *ast.InlineFragment:
					walk(s.SelectionSet)
				case *ast.FragmentSpread:
					queue = c.enqueue(queue, &seen, s.Name)
				}
			}
		}
		walk(set)
		for q := 0; q < len(queue); q++ {
			ff := c.fragment(queue[q])
			if !c.spend(1 + len(ff.spreads)) {
				break
			}
			for _, n := range ff.spreads {
				queue = c.enqueue(queue, &seen, n)
			}
		}
		lists[i] = queue
	}
	if len(sets) > 1 {
		origin = map[*ast.Field]int{}
	}
	groups = make(map[string][]*ast.Field, len(ownKeys))
	add := func(k string, from []fieldFrom) {
		fields := make([]*ast.Field, len(from))
		for j, ff := range from {
			fields[j] = ff.f
			if origin != nil {
				origin[ff.f] = ff.set
			}
		}
		groups[k] = fields
	}
	sf := c.spreadOf(lists)
	if sf == nil || c.over {
		for _, k := range ownKeys {
			add(k, own[k])
		}
		return ownKeys, groups, origin, nil
	}
	keys = ownKeys
	rank := ownFirst
	for _, k := range ownKeys {
		frag := sf.fields[k]
		if len(frag) == 0 {
			add(k, own[k])
			continue
		}
		// Both lists are in the order of their parts; merge them by part.
		mine := own[k]
		c.spend(len(mine) + len(frag))
		merged := make([]fieldFrom, 0, len(mine)+len(frag))
		for len(mine) > 0 && len(frag) > 0 {
			if 2*mine[0].set < 2*frag[0].set+1 {
				merged, mine = append(merged, mine[0]), mine[1:]
			} else {
				merged, frag = append(merged, frag[0]), frag[1:]
			}
		}
		add(k, append(append(merged, mine...), frag...))
		if r := sf.first[k]; r.less(rank[k]) {
			rank[k] = r
		}
	}
	need := 1
	if mode == checkRoot {
		need = 2
	}
	pending, checked := sf.pending[mode], sf.checked[mode]
	c.spend(len(pending))
	kept := pending[:0]
	for _, k := range pending {
		if checked[k] >= need {
			continue
		}
		kept = append(kept, k)
		if _, ok := own[k]; !ok {
			keys = append(keys, k)
			rank[k] = sf.first[k]
			add(k, sf.fields[k])
		}
	}
	sf.pending[mode] = kept
	checking = func(k string) {
		if _, ok := own[k]; !ok {
			checked[k]++
		}
	}
	if len(sets) > 1 {
		slices.SortFunc(keys, func(a, b string) int {
			if rank[a].less(rank[b]) {
				return -1
			}
			return 1
		})
	}
	return keys, groups, origin, checking
}

// enqueue appends the fragment name to queue unless an earlier spread brought it in.
func (c *overlapChecker) enqueue(queue []string, seen *map[string]bool, name string) []string {
	if (*seen)[name] {
		return queue
	}
	if *seen == nil {
		*seen = map[string]bool{}
	}
	(*seen)[name] = true
	if c.frags[name] == nil {
		return queue
	}
	return append(queue, name)
}

// below checks the merged subfields of fields with check, group by group, and
// explains what it finds at the level of fields: a conflict between subfields of two
// different fields becomes a conflict between those two.
func (c *overlapChecker) below(fields []*ast.Field, check func([]*ast.Field) []*conflict, mode int) []*conflict {
	sets := make([]ast.SelectionSet, 0, len(fields))
	owner := make([]*ast.Field, 0, len(fields))
	for _, f := range fields {
		if len(f.SelectionSet) > 0 {
			sets = append(sets, f.SelectionSet)
			owner = append(owner, f)
		}
	}
	if len(sets) == 0 {
		return nil
	}
	keys, groups, origin, checking := c.group(sets, mode)
	var out []*conflict
	type pair struct{ a, b *ast.Field } // either way round
	type side struct {
		cf   *conflict
		flip bool // whether cf.a lies under the pair's b
	}
	var pairs []pair
	wrapped := map[pair][]side{}
	for _, k := range keys {
		if checking != nil {
			checking(k)
		}
		for _, cf := range check(groups[k]) {
			if cf == errBudget {
				return []*conflict{errBudget}
			}
			if cf.final {
				out = append(out, cf)
				continue
			}
			p, flip := pair{owner[origin[cf.a]], owner[origin[cf.b]]}, false
			if p.a == p.b {
				cf.final = true
				out = append(out, cf)
				continue
			}
			if _, ok := wrapped[p]; !ok {
				if _, ok := wrapped[pair{p.b, p.a}]; ok {
					p, flip = pair{p.b, p.a}, true
				} else {
					pairs = append(pairs, p)
				}
			}
			wrapped[p] = append(wrapped[p], side{cf, flip})
		}
	}
	for _, p := range pairs {
		var reasons []string
		locsA, locsB := []*ast.Field{p.a}, []*ast.Field{p.b}
		for _, s := range wrapped[p] {
			reasons = append(reasons, fmt.Sprintf(`subfields '%s' conflict because %s`, s.cf.key, s.cf.reason))
			if len(locsA)+len(locsB) < 8 {
				a, b := s.cf.locsA, s.cf.locsB
				if s.flip {
					a, b = b, a
				}
				locsA, locsB = append(locsA, a...), append(locsB, b...)
			}
		}
		out = append(out, &conflict{key: responseKey(p.a), reason: strings.Join(reasons, " and "), a: p.a, b: p.b, locsA: locsA, locsB: locsB})
	}
	if c.over {
		return []*conflict{errBudget}
	}
	return out
}

// distinct keeps the fields that pass keep, dropping a field without arguments or
// subfields when one with the same name on the same parent type came before: both
// checks would find the two interchangeable.
func (c *overlapChecker) distinct(fields []*ast.Field, keep func(*ast.Field) bool) []*ast.Field {
	c.spend(len(fields))
	type leaf struct {
		parent *ast.Definition
		name   string
	}
	var seen map[leaf]bool
	out := make([]*ast.Field, 0, len(fields))
	for _, f := range fields {
		if !keep(f) {
			continue
		}
		if len(f.Arguments) == 0 && len(f.SelectionSet) == 0 && f.Definition != nil && len(fields) > 1 {
			k := leaf{f.ObjectDefinition, f.Name}
			if seen[k] {
				continue
			}
			if seen == nil {
				seen = map[leaf]bool{}
			}
			seen[k] = true
		}
		out = append(out, f)
	}
	return out
}

// firstVisit reports whether the set of fields is new to the memo done, recording it
// before the caller recurses (so that a fragment cycle ends). A lone field without
// subfields has nothing to check and is not recorded.
func (c *overlapChecker) firstVisit(done map[string]bool, fields []*ast.Field) bool {
	if len(fields) == 1 && len(fields[0].SelectionSet) == 0 {
		return false
	}
	key := c.setKey(fields)
	if done[key] {
		return false
	}
	done[key] = true
	return true
}

// setKey identifies a set of field nodes regardless of order.
func (c *overlapChecker) setKey(fields []*ast.Field) string {
	ids := c.keyBuf[:0]
	for _, f := range fields {
		id, ok := c.ids[f]
		if !ok {
			id = uint32(len(c.ids))
			c.ids[f] = id
		}
		ids = append(ids, id)
	}
	slices.Sort(ids)
	c.keyBuf = ids
	b := make([]byte, 0, 4*len(ids))
	for _, id := range ids {
		b = binary.LittleEndian.AppendUint32(b, id)
	}
	return string(b)
}

// shapeOf renders what SameResponseShape compares of a field's type: the list and
// non-null wrappers, and the named type when it is a leaf ("" for composite types).
func (c *overlapChecker) shapeOf(t *ast.Type) string {
	var b strings.Builder
	for ; t != nil; t = t.Elem {
		if t.NonNull {
			b.WriteByte('!')
		}
		if t.Elem != nil {
			b.WriteByte('[')
			continue
		}
		if def := c.schema.Types[t.NamedType]; def == nil || def.IsLeafType() {
			b.WriteString(t.NamedType)
		}
	}
	return b.String()
}

// sameShape is the spec's SameResponseShape over a set of fields with one response
// key: the same wrappers and leaf types, all the way down their merged subfields.
func (c *overlapChecker) sameShape(fields []*ast.Field) []*conflict {
	fields = c.distinct(fields, func(f *ast.Field) bool { return f.Definition != nil })
	if len(fields) == 0 {
		return nil
	}
	if !c.spend(len(fields)) {
		return []*conflict{errBudget}
	}
	if !c.firstVisit(c.shape, fields) {
		return nil
	}
	first := fields[0]
	want := c.shapeOf(first.Definition.Type)
	for _, f := range fields[1:] {
		if c.shapeOf(f.Definition.Type) != want {
			return leafConflict(first, f, fmt.Sprintf(`they return conflicting types '%s' and '%s'`,
				first.Definition.Type.String(), f.Definition.Type.String()))
		}
	}
	return c.below(fields, c.sameShape, checkShape)
}

// sameForCommonParents checks, for a set of fields with one response key, that fields
// whose parent types could apply to the same object have the same name and arguments,
// and that their merged subfields can merge in turn. A field on an abstract type, or
// one validation could not resolve, may meet the fields of every object type.
func (c *overlapChecker) sameForCommonParents(fields []*ast.Field) []*conflict {
	fields = c.distinct(fields, func(f *ast.Field) bool { return f.ObjectDefinition != nil })
	if len(fields) == 0 {
		return nil
	}
	if !c.spend(len(fields)) {
		return []*conflict{errBudget}
	}
	if !c.firstVisit(c.merge, fields) {
		return nil
	}
	// One set per object type among the parents, each with the fields that may meet
	// it, in document order; one set of all fields when no parent is an object type.
	isShared := func(f *ast.Field) bool { return f.ObjectDefinition.Kind != ast.Object || f.Definition == nil }
	var parents []string
	seen := map[string]bool{}
	for _, f := range fields {
		if !isShared(f) && !seen[f.ObjectDefinition.Name] {
			seen[f.ObjectDefinition.Name] = true
			parents = append(parents, f.ObjectDefinition.Name)
		}
	}
	sets := [][]*ast.Field{fields}
	if len(parents) > 1 {
		sets = sets[:0]
		for _, p := range parents {
			if !c.spend(len(fields)) {
				return []*conflict{errBudget}
			}
			set := make([]*ast.Field, 0, len(fields))
			for _, f := range fields {
				if isShared(f) || f.ObjectDefinition.Name == p {
					set = append(set, f)
				}
			}
			sets = append(sets, set)
		}
	}
	var out []*conflict
	for _, set := range sets {
		found := c.mergeable(set)
		if len(found) > 0 && found[0] == errBudget {
			return found
		}
		out = append(out, found...)
	}
	return out
}

// mergeable checks fields whose parents may coincide: one name, one set of arguments,
// and subfields that merge.
func (c *overlapChecker) mergeable(fields []*ast.Field) []*conflict {
	if !c.spend(len(fields)) {
		return []*conflict{errBudget}
	}
	first := fields[0]
	for _, f := range fields[1:] {
		switch {
		case f.Name != first.Name:
			return leafConflict(first, f, fmt.Sprintf(`'%s' and '%s' are different fields`, first.Name, f.Name))
		case !sameArguments(first.Arguments, f.Arguments):
			return leafConflict(first, f, "they have differing arguments")
		}
	}
	return c.below(fields, c.sameForCommonParents, checkMerge)
}

// sameArguments reports whether two fields are called with the same arguments, in any order.
func sameArguments(a, b ast.ArgumentList) bool {
	if len(a) != len(b) {
		return false
	}
	for _, x := range a {
		y := b.ForName(x.Name)
		if y == nil || !sameValue(x.Value, y.Value) {
			return false
		}
	}
	return true
}

// sameValue reports whether two argument values are written identically; input
// object fields compare in any order, list items in order.
func sameValue(a, b *ast.Value) bool {
	if a == nil || b == nil {
		return a == b
	}
	if a.Kind != b.Kind || a.Raw != b.Raw || len(a.Children) != len(b.Children) {
		return false
	}
	if a.Kind == ast.ObjectValue {
		for _, ch := range a.Children {
			other := b.Children.ForName(ch.Name)
			if other == nil || !sameValue(ch.Value, other) {
				return false
			}
		}
		return true
	}
	for i, ch := range a.Children {
		if ch.Name != b.Children[i].Name || !sameValue(ch.Value, b.Children[i].Value) {
			return false
		}
	}
	return true
}
