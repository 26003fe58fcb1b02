package sim_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/krakensim/krakensim/internal/testshared"
	"github.com/krakensim/krakensim/schema"
	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/graphql"
	"github.com/krakensim/krakensim/sim/world"
)

// Bounds of a generated query: root field at level 1, leaves down to maxLevel.
const (
	maxLevel          = 3
	maxFieldsPerLevel = 40
	maxPossibleTypes  = 4
)

// node is one field of a generated query, with what its answer must look like.
type node struct {
	name     string
	key      string // response key: the alias, or the name
	typ      *ast.Type
	children []*node            // selection on an object type
	byType   map[string][]*node // inline fragments on an abstract type, by concrete type
}

type queryGen struct{ s *ast.Schema }

// field builds the node and text for a field selected at level.
func (g *queryGen) field(f *ast.FieldDefinition, level int, alias string) (*node, string, bool) {
	n := &node{name: f.Name, key: f.Name, typ: f.Type}
	var args []string
	for _, a := range f.Arguments {
		switch {
		case level == 1 && f.Name == "node" && a.Name == "id": // a global id graphene can read
			args = append(args, `id: "`+world.GlobalID("AccountFileAttachment", "1")+`"`)
		case level == 1 && f.Name == "inkConversation" && a.Name == "accountNumber": // naming none is KT-CT-7617
			args = append(args, `accountNumber: "A-C90DC431"`)
		case a.Type.NonNull && a.DefaultValue == nil:
			args = append(args, a.Name+": "+g.literal(a.Type, 0))
		}
	}
	text := f.Name
	if alias != "" {
		n.key, text = alias, alias+": "+f.Name
	}
	if len(args) > 0 {
		text += "(" + strings.Join(args, ", ") + ")"
	}
	def := g.s.Types[f.Type.Name()]
	switch def.Kind {
	case ast.Scalar, ast.Enum:
		return n, text, true
	case ast.Object:
		if level >= maxLevel {
			return nil, "", false
		}
		sel, children := g.selection(def, level+1, "")
		n.children = children
		return n, text + " { " + sel + " }", true
	default: // interface or union
		if level >= maxLevel {
			return nil, "", false
		}
		n.byType = map[string][]*node{}
		parts := []string{"__typename"}
		possible := g.s.GetPossibleTypes(def)
		sort.Slice(possible, func(i, j int) bool { return possible[i].Name < possible[j].Name })
		for i, pt := range possible {
			if i == maxPossibleTypes {
				break
			}
			// Aliases keep same-named fields of sibling fragments apart.
			sel, children := g.selection(pt, level+1, pt.Name+"_")
			n.byType[pt.Name] = children
			parts = append(parts, "... on "+pt.Name+" { "+sel+" }")
		}
		return n, text + " { " + strings.Join(parts, " ") + " }", true
	}
}

// selection selects up to maxFieldsPerLevel fields of an object type, plus __typename.
func (g *queryGen) selection(def *ast.Definition, level int, aliasPrefix string) (string, []*node) {
	parts := []string{"__typename"}
	children := []*node{typenameNode()}
	for _, f := range def.Fields {
		if len(children) > maxFieldsPerLevel {
			break
		}
		if strings.HasPrefix(f.Name, "__") {
			continue
		}
		alias := ""
		if aliasPrefix != "" {
			alias = aliasPrefix + f.Name
		}
		if n, text, ok := g.field(f, level, alias); ok {
			children = append(children, n)
			parts = append(parts, text)
		}
	}
	return strings.Join(parts, " "), children
}

// literal writes a valid GraphQL literal for an input type.
func (g *queryGen) literal(t *ast.Type, depth int) string {
	if t.Elem != nil {
		return "[" + g.literal(t.Elem, depth) + "]"
	}
	def := g.s.Types[t.Name()]
	switch def.Kind {
	case ast.Enum:
		return def.EnumValues[0].Name
	case ast.InputObject:
		var fields []string
		oneOf := def.Directives.ForName("oneOf") != nil
		for _, f := range def.Fields {
			if oneOf || (f.Type.NonNull && f.DefaultValue == nil) {
				fields = append(fields, f.Name+": "+g.literal(f.Type, depth+1))
				if oneOf {
					break
				}
			}
		}
		return "{" + strings.Join(fields, ", ") + "}"
	}
	switch def.Name {
	case "Int":
		return "1"
	case "Float":
		return "1.5"
	case "Boolean":
		return "true"
	case "Date":
		return `"2025-01-31"`
	case "DateTime":
		return `"2025-01-31T09:00:00+00:00"`
	case "Decimal":
		return `"12.50"`
	case "Time":
		return `"09:30"`
	case "JSONString":
		return `"{\"note\": \"A-C90DC431\"}"`
	case "UUID":
		return `"6f1c9a1e-2b3d-4c5e-8f70-1a2b3c4d5e6f"`
	case "BigInt":
		return "1"
	}
	return `"A-C90DC431"`
}

func typenameNode() *node {
	return &node{name: "__typename", key: "__typename", typ: ast.NonNullNamedType("String", nil)}
}

// checked counts the values check has looked at, so the test can tell it saw answers.
var checked int

// check compares an answer with the node that asked for it.
func check(s *ast.Schema, n *node, v any, path string) []string {
	checked++
	if v == nil {
		if n.typ.NonNull {
			return []string{path + ": null for non-null " + n.typ.String()}
		}
		return nil
	}
	return checkType(s, n, n.typ, v, path)
}

func checkType(s *ast.Schema, n *node, t *ast.Type, v any, path string) []string {
	if v == nil {
		if t.NonNull {
			return []string{path + ": null for non-null " + t.String()}
		}
		return nil
	}
	if t.Elem != nil {
		list, ok := v.([]any)
		if !ok {
			return []string{fmt.Sprintf("%s: want a list for %s, got %T", path, t, v)}
		}
		var probs []string
		for i, item := range list {
			probs = append(probs, checkType(s, n, t.Elem, item, fmt.Sprintf("%s[%d]", path, i))...)
		}
		return probs
	}
	def := s.Types[t.Name()]
	switch def.Kind {
	case ast.Scalar:
		return checkScalar(def.Name, v, path)
	case ast.Enum:
		str, _ := v.(string)
		if def.EnumValues.ForName(str) == nil {
			return []string{fmt.Sprintf("%s: %v is not a value of enum %s", path, v, def.Name)}
		}
		return nil
	}
	obj, ok := v.(map[string]any)
	if !ok {
		return []string{fmt.Sprintf("%s: want an object for %s, got %T", path, def.Name, v)}
	}
	children := n.children
	if n.byType != nil {
		tn, _ := obj["__typename"].(string)
		pt := s.Types[tn]
		if pt == nil || !slices.ContainsFunc(s.GetPossibleTypes(def), func(d *ast.Definition) bool { return d.Name == tn }) {
			return []string{fmt.Sprintf("%s: __typename %q is not a possible type of %s", path, tn, def.Name)}
		}
		children = append([]*node{typenameNode()}, n.byType[tn]...)
	}
	var probs []string
	want := map[string]bool{}
	for _, c := range children {
		want[c.key] = true
		cv, present := obj[c.key]
		if !present {
			probs = append(probs, path+"."+c.key+": missing")
			continue
		}
		probs = append(probs, check(s, c, cv, path+"."+c.key)...)
	}
	for k := range obj {
		if !want[k] {
			probs = append(probs, path+"."+k+": not selected")
		}
	}
	return probs
}

func checkScalar(name string, v any, path string) []string {
	bad := func() []string { return []string{fmt.Sprintf("%s: %#v is not a %s", path, v, name)} }
	switch name {
	case "Int":
		num, ok := v.(json.Number)
		i, err := num.Int64()
		if !ok || err != nil || i < math.MinInt32 || i > math.MaxInt32 {
			return bad()
		}
	case "Float":
		if num, ok := v.(json.Number); !ok || func() bool { _, err := num.Float64(); return err != nil }() {
			return bad()
		}
	case "String", "ID":
		if _, ok := v.(string); !ok {
			return bad()
		}
	case "Boolean":
		if _, ok := v.(bool); !ok {
			return bad()
		}
	}
	return nil
}

// conformanceCase is one SDL to test: where it comes from and its endpoint.
type conformanceCase struct {
	name string
	src  func(t *testing.T) *ast.Source
}

func referenceSource(file string) func(t *testing.T) *ast.Source {
	return func(t *testing.T) *ast.Source {
		src, err := schema.ReadSource(testshared.Path(t, "reference", file))
		if err != nil {
			t.Fatal(err)
		}
		return src
	}
}

// TestEveryRootFieldConforms generates a depth-3 query for every root field of each
// SDL and checks the answer has every selected key, no other, the right JSON kinds,
// and no null where the schema says non-null.
func TestEveryRootFieldConforms(t *testing.T) {
	cases := []conformanceCase{
		{"kraken.graphql", func(*testing.T) *ast.Source { return schema.APISource() }},
		{"auth.graphql", func(*testing.T) *ast.Source { return schema.AuthSource() }},
		{"octopus-schema.graphql", referenceSource("octopus-schema.graphql")},
		{"origin-schema.graphql", referenceSource("origin-schema.graphql")},
	}
	reg, err := schema.DefaultRegistry()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s, err := schema.Load(tc.src(t))
			if err != nil {
				t.Fatal(err)
			}
			simulator, err := sim.New(sim.Config{
				API: s, Auth: s, Errors: reg.ErrorDefs(), Seed: 1, MaxComplexity: 1 << 20, // shapes, not limits
				APIFields: schema.NewCatalog(s).FieldDocs(), World: defaultWorld(t),
			})
			if err != nil {
				t.Fatal(err)
			}
			g := &queryGen{s: s}
			fields := 0
			checked = 0
			for _, root := range []*ast.Definition{s.Query, s.Mutation} {
				if root == nil {
					continue
				}
				op := "query"
				if root == s.Mutation {
					op = "mutation"
				}
				for _, f := range root.Fields {
					if strings.HasPrefix(f.Name, "__") {
						continue
					}
					fields++
					n, text, _ := g.field(f, 1, "")
					query := op + " { " + text + " }"
					if probs := conform(s, simulator.API(), n, query, signIn(t, simulator, "")); len(probs) > 0 {
						if len(probs) > 5 {
							probs = append(probs[:5], fmt.Sprintf("... and %d more", len(probs)-5))
						}
						t.Errorf("%s %s:\n  %s\nquery: %s", op, f.Name, strings.Join(probs, "\n  "), query)
					}
				}
			}
			t.Logf("%d root fields conform; %d values checked", fields, checked)
			if checked < fields*10 {
				t.Errorf("only %d values checked for %d root fields: the answers are too thin", checked, fields)
			}
		})
	}
}

// conform runs query and checks its answer against n. A nullable root field may be
// null with a Kraken error (possibleErrors of an unknown name, say); nothing else may fail.
func conform(s *ast.Schema, e *sim.Endpoint, n *node, query string, header map[string][]string) []string {
	resp := e.Execute(context.Background(), &graphql.Request{Query: query, Header: header})
	b, err := resp.MarshalJSON()
	if err != nil {
		return []string{"marshal: " + err.Error()}
	}
	var out struct {
		Data   map[string]any `json:"data"`
		Errors []struct {
			Message    string         `json:"message"`
			Path       []any          `json:"path"`
			Extensions map[string]any `json:"extensions"`
		} `json:"errors"`
	}
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	if err := d.Decode(&out); err != nil {
		return []string{"decode: " + err.Error()}
	}
	if !resp.Executed {
		return []string{"not executed: " + string(b)}
	}
	var probs []string
	for _, e := range out.Errors {
		if len(e.Path) == 1 && e.Extensions["errorType"] == "NOT_FOUND" && out.Data[n.name] == nil {
			return nil // a lookup of a key the world does not have
		}
	}
	for _, e := range out.Errors {
		if len(e.Path) != 1 || n.typ.NonNull || out.Data[n.name] != nil || e.Extensions["errorCode"] == nil {
			probs = append(probs, fmt.Sprintf("error %q at %v", e.Message, e.Path))
		}
	}
	v, ok := out.Data[n.name]
	if !ok {
		return append(probs, n.name+": missing")
	}
	return append(probs, check(s, n, v, n.name)...)
}
