package graphql

import (
	"math"
	"strconv"
	"strings"

	"github.com/vektah/gqlparser/v2/ast"
)

// maxMeasure caps depth and complexity so that huge documents cannot overflow.
const maxMeasure = math.MaxInt32

// Measure returns the depth and complexity of op, with fragments expanded.
//
// Depth is the deepest nesting of fields (a root field alone is 1). Complexity counts
// 1 per field plus, for a field of list type, its sub-selection's complexity multiplied
// by its first or last argument when that is a positive Int (else by 1); other fields
// add their sub-selection's complexity once. Introspection fields (names starting with
// "__": __typename, __schema, __type) and everything under them are not counted, since
// their cost is bounded by the schema. @skip and @include are ignored (counted), so the
// measure does not depend on variables other than first/last.
func Measure(doc *ast.QueryDocument, op *ast.OperationDefinition, vars map[string]any) (depth, complexity int) {
	if op == nil {
		return 0, 0
	}
	m := &measurer{doc: doc, vars: vars, memo: map[string][2]int{}, active: map[string]bool{}}
	return m.set(op.SelectionSet)
}

type measurer struct {
	doc    *ast.QueryDocument
	vars   map[string]any
	memo   map[string][2]int
	active map[string]bool
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

func (m *measurer) set(set ast.SelectionSet) (depth, complexity int) {
	for _, sel := range set {
		var d, c int
		switch s := sel.(type) {
		case *ast.Field:
			if strings.HasPrefix(s.Name, "__") {
				continue
			}
			cd, cc := m.set(s.SelectionSet)
			d = cd + 1
			c = satAdd(1, satMul(m.multiplier(s), cc))
		case *ast.InlineFragment:
			d, c = m.set(s.SelectionSet)
		case *ast.FragmentSpread:
			d, c = m.fragment(s)
		}
		if d > depth {
			depth = d
		}
		complexity = satAdd(complexity, c)
	}
	return depth, complexity
}

func (m *measurer) fragment(s *ast.FragmentSpread) (int, int) {
	if r, ok := m.memo[s.Name]; ok {
		return r[0], r[1]
	}
	if m.active[s.Name] {
		return 0, 0
	}
	frag := s.Definition
	if frag == nil && m.doc != nil {
		frag = m.doc.Fragments.ForName(s.Name)
	}
	if frag == nil {
		return 0, 0
	}
	m.active[s.Name] = true
	d, c := m.set(frag.SelectionSet)
	delete(m.active, s.Name)
	m.memo[s.Name] = [2]int{d, c}
	return d, c
}

func (m *measurer) multiplier(f *ast.Field) int {
	if f.Definition == nil || f.Definition.Type == nil || f.Definition.Type.Elem == nil {
		return 1
	}
	for _, name := range [...]string{"first", "last"} {
		a := f.Arguments.ForName(name)
		if a == nil || a.Value == nil {
			continue
		}
		var n int
		switch a.Value.Kind {
		case ast.IntValue:
			v, err := strconv.Atoi(a.Value.Raw)
			if err != nil {
				continue
			}
			n = v
		case ast.Variable:
			v, ok := toFloat(m.vars[a.Value.Raw])
			if !ok || v > maxMeasure {
				continue
			}
			n = int(v)
		}
		if n > 0 {
			return n
		}
	}
	return 1
}
