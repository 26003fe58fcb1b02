package graphql

import (
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/vektah/gqlparser/v2/ast"
)

// maxMeasure caps depth, complexity and nodes so that huge documents cannot overflow.
const maxMeasure = math.MaxInt32

// measureBudget bounds the selections measureCost visits on one operation; an
// operation over it (fragments read again in very many selection sets) is measured as
// maxMeasure. A document of the largest body without fragments stays well within it.
const measureBudget = 2 << 20

// Cost is what an operation asks of the server, measured before execution.
type Cost struct {
	// Depth is the deepest nesting of fields (a root field alone is 1).
	Depth int
	// Complexity is the operation's total complexity: the sum of Fields.
	Complexity int
	// Nodes is how many objects the answer can hold at most, as the page sizes bound it.
	Nodes int
	// Fields is each root field's complexity, by response key, in document order.
	Fields []FieldCost
}

// FieldCost is one root field's complexity.
type FieldCost struct {
	Key        string
	Complexity int
}

// Measure returns the depth and complexity of op, with fragments expanded (see MeasureCost).
func Measure(doc *ast.QueryDocument, op *ast.OperationDefinition, vars map[string]any) (depth, complexity int) {
	c := MeasureCost(doc, op, vars)
	return c.Depth, c.Complexity
}

// MeasureCost measures op, with fragments expanded.
//
// Complexity counts each field's page size (its first or last argument when that is a
// positive Int, a list or a connection alike; else 1) plus its sub-selection's
// complexity, once: the page size weighs on the field, not on what is below it, since
// Kraken accepts first: 100 over a node of several fields, which multiplying would
// count past 200. Nodes counts the items of lists the answer can hold, as Relay counts
// nodes: a list of objects is its page size (1 without one) times (one plus the items
// below each); an object field counts the items below it times its page size (a
// connection with first: n, its n edges); a lone object and scalars count none, so that
// 24 statements of 100 transactions each, which clients page from Kraken, are 2,424.
// Introspection fields (names starting with "__": __typename, __schema, __type) and
// everything under them count nothing, since their cost is bounded by the schema, but
// for a root __schema or __type under a response key after the first one's, which
// counts as any field does. @skip
// and @include are ignored (counted), so the measure depends on variables only through
// first and last. An Executor with Options.MaxPageWeight counts a page size up to it,
// and one with Options.UnpagedNodes counts a list or connection asked for no first or
// last as the items it says such a field answers: a list that many times each item; a
// connection as a page of one, and the rest of its page once in the operation's total,
// not again for each item of the lists above it.
// Fragments are read as CollectFields reads them: a fragment spread again in the same
// selection set (the root's or a field's) adds nothing.
func MeasureCost(doc *ast.QueryDocument, op *ast.OperationDefinition, vars map[string]any) Cost {
	c, _ := measureCost(doc, op, vars, 0, nil)
	return c
}

// measureCost is MeasureCost, and whether the cost read a variable (and so may differ
// from one request to the next).
func measureCost(doc *ast.QueryDocument, op *ast.OperationDefinition, vars map[string]any, maxWeight int, unpaged UnpagedNodes) (Cost, bool) {
	if op == nil {
		return Cost{}, false
	}
	m := &measurer{doc: doc, vars: vars, maxWeight: maxWeight, unpaged: unpaged}
	var c Cost
	seen := map[string]int{}
	m.each(op.SelectionSet, func(f *ast.Field, r measure) {
		c.Depth = max(c.Depth, r.depth)
		c.Complexity = satAdd(c.Complexity, r.complexity)
		c.Nodes = satAdd(c.Nodes, satAdd(r.nodes, r.once))
		key := f.Alias
		if key == "" {
			key = f.Name
		}
		if i, ok := seen[key]; ok {
			c.Fields[i].Complexity = satAdd(c.Fields[i].Complexity, r.complexity)
			return
		}
		seen[key] = len(c.Fields)
		c.Fields = append(c.Fields, FieldCost{Key: key, Complexity: r.complexity})
	})
	if m.over {
		c.Complexity, c.Nodes = maxMeasure, maxMeasure
		for i := range c.Fields {
			c.Fields[i].Complexity = maxMeasure
		}
	}
	return c, m.readVars
}

// measure is the cost of a field or selection set; once is nodes the operation counts
// once, however many items of the lists above hold them (unpaged connections' pages).
type measure struct {
	depth, complexity, nodes, once int
}

func (a measure) plus(b measure) measure {
	return measure{max(a.depth, b.depth), satAdd(a.complexity, b.complexity), satAdd(a.nodes, b.nodes), satAdd(a.once, b.once)}
}

type measurer struct {
	doc      *ast.QueryDocument
	vars     map[string]any
	memo     map[*ast.Field]measure             // each field's measure; made at the first fragment spread
	active   map[string]bool                    // likewise
	readVars bool                               // a page size came from a variable
	spread   map[string]bool                    // the fragments each has expanded among the root fields
	read     map[string]int                     // the selection set (by number) each fragment was last read in
	undo     []readMark                         // read's entries before the sets being measured changed them
	sets     int                                // selection sets numbered so far
	cur      int                                // the number of the selection set being measured
	steps    int                                // selections visited, up to measureBudget
	over     bool                               // steps went over measureBudget
	frags    map[string]*ast.FragmentDefinition // the document's fragments by name, when spreads lack them
	introKey string                             // the response key of the root's first __schema or __type
	// maxWeight is the most a page size adds to complexity; 0 is no cap.
	maxWeight int
	// unpaged, when set, is the node count of a list or connection asked for no page size.
	unpaged UnpagedNodes
}

// readMark is a fragment's entry in measurer.read before a selection set changed it.
type readMark struct {
	name string
	set  int
}

func satAdd(a, b int) int {
	if a > maxMeasure-b {
		return maxMeasure
	}
	return a + b
}

func satMul(a, b int) int {
	if a != 0 && b > maxMeasure/a {
		return maxMeasure
	}
	return a * b
}

// each calls fn with every field of set (fragments expanded) and its measure. A
// fragment spread again among the root fields adds nothing (CollectFields' visited
// fragments), so that fragments spreading the next one twice cost what they say once,
// not twice as much at each level.
func (m *measurer) each(set ast.SelectionSet, fn func(*ast.Field, measure)) {
	for _, sel := range set {
		if m.over {
			return
		}
		m.steps++
		switch s := sel.(type) {
		case *ast.Field:
			if !strings.HasPrefix(s.Name, "__") || m.againIntrospected(s) {
				fn(s, m.field(s))
			}
		case *ast.InlineFragment:
			m.each(s.SelectionSet, fn)
		case *ast.FragmentSpread:
			if m.active[s.Name] || m.spread[s.Name] {
				continue
			}
			frag := m.definition(s)
			if frag == nil {
				continue
			}
			m.enter(s.Name)
			m.spread[s.Name] = true
			m.each(frag.SelectionSet, fn)
			delete(m.active, s.Name)
		}
	}
}

func (m *measurer) field(f *ast.Field) measure {
	if r, ok := m.memo[f]; ok {
		return r
	}
	sub := m.set(f.SelectionSet)
	n, paged := m.multiplier(f)
	w := n
	if m.maxWeight > 0 {
		w = min(n, m.maxWeight)
	}
	r := measure{depth: sub.depth + 1, complexity: satAdd(w, sub.complexity)}
	r.once = sub.once
	if !paged && m.unpaged != nil && f.Definition != nil && len(f.SelectionSet) > 0 {
		parent := ""
		if f.ObjectDefinition != nil {
			parent = f.ObjectDefinition.Name
		}
		switch u := min(m.unpaged(parent, f.Definition), maxMeasure); {
		case u <= n:
		case f.Definition.Type != nil && f.Definition.Type.Elem != nil:
			n = u // a list: u items, each with its own
		case sub.nodes > 0:
			// A connection asked for no page answers as many items as it holds, up to
			// its page: the page counts once, one edge in its place as a page of one,
			// the rest, however many items above hold it, in the operation's total,
			// since what a parent holds is far fewer than a page each.
			r.once = satAdd(r.once, u-1)
		}
	}
	switch {
	case len(f.SelectionSet) == 0:
	case f.Definition != nil && f.Definition.Type != nil && f.Definition.Type.Elem != nil:
		r.nodes = satMul(n, satAdd(1, sub.nodes)) // n objects, each with its own
	default:
		r.nodes = satMul(n, sub.nodes) // an object holds its lists' items (a connection: its page of edges)
	}
	if m.memo != nil && !m.over {
		m.memo[f] = r
	}
	return r
}

// set measures a field's selection set, in which no fragment has been read yet.
func (m *measurer) set(set ast.SelectionSet) measure {
	outer, mark := m.cur, len(m.undo)
	m.sets++
	m.cur = m.sets
	r := m.collect(set)
	for i := len(m.undo) - 1; i >= mark; i-- {
		m.read[m.undo[i].name] = m.undo[i].set
	}
	m.undo, m.cur = m.undo[:mark], outer
	return r
}

// collect measures the selections of the set being measured, reading each fragment
// once in it.
func (m *measurer) collect(set ast.SelectionSet) measure {
	var total measure
	for _, sel := range set {
		if m.over {
			return total
		}
		if m.steps++; m.steps > measureBudget {
			m.over = true
			return total
		}
		switch s := sel.(type) {
		case *ast.Field:
			if !strings.HasPrefix(s.Name, "__") {
				total = total.plus(m.field(s))
			}
		case *ast.InlineFragment:
			total = total.plus(m.collect(s.SelectionSet))
		case *ast.FragmentSpread:
			total = total.plus(m.fragment(s))
		}
	}
	return total
}

// fragment measures a fragment spread in the set being measured: nothing if the set
// has read it already.
func (m *measurer) fragment(s *ast.FragmentSpread) measure {
	if m.active[s.Name] || (m.read != nil && m.read[s.Name] == m.cur) {
		return measure{}
	}
	frag := m.definition(s)
	if frag == nil {
		return measure{}
	}
	m.enter(s.Name)
	m.undo = append(m.undo, readMark{s.Name, m.read[s.Name]})
	m.read[s.Name] = m.cur
	r := m.collect(frag.SelectionSet)
	delete(m.active, s.Name)
	return r
}

// definition is the fragment s spreads, found by name in a document not validated.
func (m *measurer) definition(s *ast.FragmentSpread) *ast.FragmentDefinition {
	if s.Definition != nil || m.doc == nil {
		return s.Definition
	}
	if m.frags == nil {
		m.frags = make(map[string]*ast.FragmentDefinition, len(m.doc.Fragments))
		for _, f := range slices.Backward(m.doc.Fragments) {
			m.frags[f.Name] = f // the first of a name, as ForName finds it
		}
	}
	return m.frags[s.Name]
}

// againIntrospected reports whether f is a root __schema or __type under a response key
// after the first such field's: one introspection is free, each more one counts as any
// field does, since it costs as much again to answer.
func (m *measurer) againIntrospected(f *ast.Field) bool {
	if f.Name != "__schema" && f.Name != "__type" {
		return false
	}
	key := f.Alias
	if key == "" {
		key = f.Name
	}
	if m.introKey == "" {
		m.introKey = key
	}
	return key != m.introKey
}

// enter marks the fragment name as being measured.
func (m *measurer) enter(name string) {
	if m.active == nil {
		m.active, m.memo, m.spread, m.read = map[string]bool{}, map[*ast.Field]measure{}, map[string]bool{}, map[string]int{}
	}
	m.active[name] = true
}

// multiplier is a field's page size: its first or last argument when positive, else 1;
// paged says a first or last was given an Int.
func (m *measurer) multiplier(f *ast.Field) (n int, paged bool) {
	for _, name := range [...]string{"first", "last"} {
		a := f.Arguments.ForName(name)
		if a == nil || a.Value == nil {
			continue
		}
		n = 0
		switch a.Value.Kind {
		case ast.IntValue:
			v, err := strconv.Atoi(a.Value.Raw)
			if err != nil {
				continue
			}
			n, paged = min(v, maxMeasure), true
		case ast.Variable:
			m.readVars = true
			v, ok := toFloat(m.vars[a.Value.Raw])
			if !ok || v > maxMeasure {
				continue
			}
			n, paged = int(v), true
		}
		if n > 0 {
			return n, true
		}
	}
	return 1, paged
}
