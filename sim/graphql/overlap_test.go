package graphql

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"
	"github.com/vektah/gqlparser/v2/validator"
	"github.com/vektah/gqlparser/v2/validator/rules"
	"go.yaml.in/yaml/v3"

	"github.com/krakensim/krakensim/internal/fuzzcost"
)

// overlapSpec is one case of graphql-js's OverlappingFieldsCanBeMergedRule tests, as
// gqlparser exports them (testdata/overlap, BSD licence in its LICENSE file).
type overlapSpec struct {
	Name   string
	Schema int
	Query  string
	Errors []struct {
		Message   string
		Locations []Location
	}
}

// TestOverlapSpec runs graphql-js's cases for the rule checkOverlap replaces: the same
// documents are refused, with one of the messages graphql-js gives.
func TestOverlapSpec(t *testing.T) {
	var rawSchemas []string
	readYAML(t, filepath.Join("testdata", "overlap", "schemas.yml"), &rawSchemas)
	var specs []overlapSpec
	readYAML(t, filepath.Join("testdata", "overlap", "OverlappingFieldsCanBeMergedRule.spec.yml"), &specs)
	if len(specs) < 40 {
		t.Fatalf("read %d cases, want the 49 of graphql-js", len(specs))
	}
	schemas := map[int]*ast.Schema{}
	for _, spec := range specs {
		t.Run(spec.Name, func(t *testing.T) {
			schema := schemas[spec.Schema]
			if schema == nil {
				var err error
				schema, err = gqlparser.LoadSchema(&ast.Source{Input: rawSchemas[spec.Schema]})
				if err != nil {
					t.Fatalf("schema %d: %v", spec.Schema, err)
				}
				schemas[spec.Schema] = schema
			}
			doc, perr := parser.ParseQuery(&ast.Source{Input: spec.Query})
			if perr != nil {
				t.Fatalf("parse: %v", perr)
			}
			validator.ValidateWithRules(schema, doc, validationRules) // resolves definitions
			got := checkOverlap(schema, doc)
			want := make([]string, len(spec.Errors))
			wantLocs := map[Location]bool{}
			for i, e := range spec.Errors {
				want[i] = strings.ReplaceAll(e.Message, `"`, "'") // graphql-core's quotes
				for _, l := range e.Locations {
					wantLocs[l] = true
				}
			}
			if (len(got) == 0) != (len(want) == 0) {
				t.Fatalf("got %s\nwant %q", errorList(got), want)
			}
			for _, e := range got {
				if !slices.Contains(want, e.Message) {
					t.Errorf("message %q is not one of\n%q", e.Message, want)
				}
				if len(e.Locations) < 2 {
					t.Errorf("locations %v: want the fields that conflict", e.Locations)
				}
				for _, l := range e.Locations {
					if !wantLocs[l] {
						t.Errorf("location %v is not one of graphql-js's", l)
					}
				}
			}
		})
	}
}

func readYAML(t *testing.T, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

func errorList(errs []*Error) string {
	var b strings.Builder
	for _, e := range errs {
		fmt.Fprintf(&b, "%s %v\n", e.Message, e.Locations)
	}
	return b.String()
}

// gqlparserOverlap runs gqlparser's own rule, for comparison.
func gqlparserOverlap(schema *ast.Schema, doc *ast.QueryDocument) []string {
	var out []string
	for _, e := range validator.ValidateWithRules(schema, doc, rules.NewRules(rules.OverlappingFieldsCanBeMergedRule)) {
		out = append(out, e.Message)
	}
	return out
}

// overlapSteps parses, validates and checks query, returning the checker's steps.
func overlapSteps(t testing.TB, query string) (int, []*Error) {
	t.Helper()
	schema := loadTestSchema(t)
	doc, perr := parser.ParseQuery(&ast.Source{Input: query})
	if perr != nil {
		t.Fatalf("parse: %v", perr)
	}
	if errs := validator.ValidateWithRules(schema, doc, validationRules); len(errs) > 0 {
		t.Fatalf("validate: %v", errs)
	}
	c := newOverlapChecker(schema, doc)
	errs := c.check(doc)
	return c.steps, errs
}

func TestOverlapConflicts(t *testing.T) {
	e := newTestExecutor(t, Options{})
	cases := []struct {
		name  string
		query string
		want  string // "" when the document is valid
		locs  []Location
	}{
		{"aliases of different fields", `{ a: count a: text }`,
			`Fields 'a' conflict because 'count' and 'text' are different fields. Use different aliases on the fields to fetch both if this was intentional.`,
			[]Location{{1, 3}, {1, 12}}},
		{"differing arguments", "{ viewer {\n accounts(first: 1) { id }\n accounts(first: 2) { id } } }",
			`Fields 'accounts' conflict because they have differing arguments. Use different aliases on the fields to fetch both if this was intentional.`,
			[]Location{{2, 2}, {3, 2}}},
		{"same arguments in another order", `{ viewer { accounts(first: 1, status: ACTIVE) { id } accounts(status: ACTIVE, first: 1) { name } } }`, "", nil},
		{"deep conflict", "{ viewer { friend { n: name } }\n viewer { friend { n: email } } }",
			`Fields 'viewer' conflict because subfields 'friend' conflict because subfields 'n' conflict because 'name' and 'email' are different fields. Use different aliases on the fields to fetch both if this was intentional.`,
			[]Location{{1, 3}, {1, 12}, {1, 21}, {2, 2}, {2, 11}, {2, 20}}},
		{"exclusive parents may differ", `{ search(text: "") { ... on User { x: name } ... on Property { x: address } } }`, "", nil},
		{"exclusive parents keep one shape", `{ search(text: "") { ... on User { id: name } ... on Property { id } } }`,
			`Fields 'id' conflict because they return conflicting types 'String' and 'ID!'. Use different aliases on the fields to fetch both if this was intentional.`,
			[]Location{{1, 36}, {1, 65}}},
		{"interface field meets object field", `{ viewer { accounts { ... on Account { n: name } ... on PersonalAccount { n: number } } } }`,
			`Fields 'n' conflict because 'name' and 'number' are different fields. Use different aliases on the fields to fetch both if this was intentional.`,
			[]Location{{1, 40}, {1, 75}}},
		{"conflict through fragments", `{ viewer { ...A ...B } } fragment A on User { x: name } fragment B on User { x: email }`,
			`Fields 'x' conflict because 'name' and 'email' are different fields. Use different aliases on the fields to fetch both if this was intentional.`,
			[]Location{{1, 47}, {1, 78}}},
		{"repeated identical fields", "{ " + strings.Repeat("viewer { id friend { name } } __typename ", 50) + "}", "", nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p, errs := e.Prepare(tc.query)
			if tc.want == "" {
				if errs != nil {
					t.Fatalf("refused a valid document: %s", errorList(errs))
				}
				if p.Doc == nil {
					t.Fatal("no document")
				}
				return
			}
			if len(errs) != 1 {
				t.Fatalf("got %d errors, want 1:\n%s", len(errs), errorList(errs))
			}
			if errs[0].Message != tc.want {
				t.Errorf("message\n got %s\nwant %s", errs[0].Message, tc.want)
			}
			if !slices.Equal(errs[0].Locations, tc.locs) {
				t.Errorf("locations %v, want %v", errs[0].Locations, tc.locs)
			}
		})
	}
}

// TestOverlapLinear counts the checker's work: repeating a field n times costs O(n)
// steps, where gqlparser's rule compared every pair (about 4·10⁹ for n = 90,000).
func TestOverlapLinear(t *testing.T) {
	small, errs := overlapSteps(t, "{ "+strings.Repeat("__typename ", 1000)+"}")
	if errs != nil {
		t.Fatal(errorList(errs))
	}
	big, errs := overlapSteps(t, "{ "+strings.Repeat("__typename ", 90000)+"}")
	if errs != nil {
		t.Fatal(errorList(errs))
	}
	if big > 2*90*small || big > overlapBudget {
		t.Errorf("90,000 fields took %d steps, 1,000 took %d: not linear", big, small)
	}
	nested, errs := overlapSteps(t, "{ viewer { "+strings.Repeat("friend { id name } ", 30000)+"} }")
	if errs != nil || nested > 20*30000 {
		t.Errorf("30,000 repeated subselections took %d steps (%v)", nested, errs)
	}
}

// TestOverlapSharedFragment: many operations (or fields) spreading one big fragment
// cost the fragment's size once, as in graphql-core, where walking the fragment for each
// spread used up the budget at 1,000 operations of 1,000 fields.
func TestOverlapSharedFragment(t *testing.T) {
	e := newTestExecutor(t, Options{})
	var frag strings.Builder
	frag.WriteString(" fragment F on Query {")
	for i := 0; i < 1000; i++ {
		fmt.Fprintf(&frag, " a%d: __typename", i)
	}
	frag.WriteString(" viewer { id } }")
	var ops, fields strings.Builder
	for i := 0; i < 1000; i++ {
		fmt.Fprintf(&ops, "query Q%d { ...F } ", i)
		fmt.Fprintf(&fields, "v%d: viewer { ...U } ", i)
	}
	cases := []struct{ name, query string }{
		{"operations", ops.String() + frag.String()},
		{"operations with own fields", strings.ReplaceAll(ops.String(), "{ ...F }", "{ a7: __typename viewer { name } ...F }") + frag.String()},
		{"fields", "{ " + fields.String() + "} fragment U on User { " + strings.Repeat("friend { id } ", 1000) + "}"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p, errs := e.Prepare(tc.query)
			if errs != nil {
				t.Fatalf("refused: %s", errorList(errs))
			}
			c := newOverlapChecker(e.schema, p.Doc)
			if errs := c.check(p.Doc); errs != nil || c.steps > 50*2000 {
				t.Errorf("took %d steps (%s), want a few per field", c.steps, errorList(errs))
			}
		})
	}
}

// TestOverlapBudget: a document that would need more than the budget is refused with
// a clear error once the budget is spent, not checked to the end.
func TestOverlapBudget(t *testing.T) {
	var b strings.Builder
	b.WriteString("{ viewer { ")
	for i := 0; i < 5000; i++ {
		fmt.Fprintf(&b, "a%d: friend { ...X accounts(first: 1) { id } } ", i)
	}
	b.WriteString("} } fragment X on User { " + strings.Repeat("accounts(first: 1) { id } ", 5000) + "}")
	steps, errs := overlapSteps(t, b.String())
	if len(errs) != 1 || !strings.Contains(errs[0].Message, "too complex to validate") {
		t.Fatalf("got %s", errorList(errs))
	}
	if steps > overlapBudget+60000 {
		t.Errorf("kept going to %d steps after the budget of %d", steps, overlapBudget)
	}
}

// FuzzOverlap compares checkOverlap with gqlparser's rule on small documents: both
// refuse the same ones.
func FuzzOverlap(f *testing.F) {
	for _, q := range []string{
		`{ a: count a: text }`,
		`{ viewer { accounts(first: 1) { id } accounts(first: 2) { id } } }`,
		`{ viewer { friend { n: name } } viewer { friend { n: email } } }`,
		`{ search(text: "") { ... on User { x: name } ... on Property { x: address } } }`,
		`{ search(text: "") { ... on User { id: name } ... on Property { id } } }`,
		`{ viewer { accounts { ... on Account { n: name } ... on PersonalAccount { n: number } } } }`,
		`{ viewer { ...A ...B } } fragment A on User { x: name friend { ...B } } fragment B on User { x: email friend { ...A } }`,
		`{ search(text: "") { ... on Node { id } ... on User { id: email } ... on Named { id: name } } }`,
		`{ viewer { accounts(status: ACTIVE) { id } accounts(status: $s) { id } } }`,
	} {
		f.Add(q)
	}
	schema := loadTestSchema(f)
	f.Fuzz(func(t *testing.T, query string) {
		if len(query) > 2000 {
			return
		}
		doc, perr := parser.ParseQuery(&ast.Source{Input: query})
		if perr != nil {
			return
		}
		if errs := validator.ValidateWithRules(schema, doc, validationRules); len(errs) > 0 {
			return
		}
		var got []*Error
		fuzzcost.Check(t, query, func() { got = checkOverlap(schema, doc) })
		want := gqlparserOverlap(schema, doc)
		if (len(got) == 0) != (len(want) == 0) {
			t.Fatalf("checkOverlap: %s\ngqlparser: %q", errorList(got), want)
		}
	})
}

func TestValidationErrorsBounded(t *testing.T) {
	e := newTestExecutor(t, Options{})
	_, errs := e.Prepare("{ " + strings.Repeat("nope ", 500) + "}")
	if len(errs) != maxValidationErrors+1 {
		t.Fatalf("got %d errors, want %d and a summary", len(errs), maxValidationErrors)
	}
	if last := errs[len(errs)-1].Message; last != tooManyErrors {
		t.Errorf("summary = %q", last)
	}
}
