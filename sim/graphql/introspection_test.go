package graphql

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
)

func readIntrospectionQuery(tb testing.TB) string {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "introspection.graphql"))
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}

func TestIntrospectionGolden(t *testing.T) {
	e := newTestExecutor(t, Options{MaxDepth: 15, MaxComplexity: 10000})
	cases := []struct {
		golden string
		query  string
	}{
		{"introspection.json", readIntrospectionQuery(t)},
		{"type_user.json", `{ __type(name: "User") { kind name description fields { name args { name defaultValue type { kind name ofType { kind name } } } isDeprecated } interfaces { name } } }`},
		{"type_user_deprecated.json", `{ __type(name: "User") { fields(includeDeprecated: true) { name isDeprecated deprecationReason } } }`},
		{"type_account.json", `{ __type(name: "Account") { kind name description interfaces { name } possibleTypes { name } fields { name } } }`},
		{"type_search.json", `{ __type(name: "SearchResult") { kind name possibleTypes { name kind } fields { name } interfaces { name } } }`},
		{"type_status.json", `{ a: __type(name: "Status") { enumValues { name } } b: __type(name: "Status") { enumValues(includeDeprecated: true) { name isDeprecated deprecationReason } } }`},
		{"type_filter.json", `{ a: __type(name: "AccountFilter") { inputFields { name defaultValue } isOneOf } b: __type(name: "AccountFilter") { inputFields(includeDeprecated: true) { name defaultValue isDeprecated deprecationReason type { name kind } } } }`},
		{"type_scalars.json", `{ d: __type(name: "DateTime") { kind name description specifiedByURL fields { name } } j: __type(name: "JSON") { specifiedByURL } o: __type(name: "OneOfInput") { isOneOf inputFields { name } } missing: __type(name: "Nope") { name } }`},
		{"type_meta.json", `{ __type(name: "__Schema") { kind name fields { name type { kind name ofType { kind name ofType { kind name ofType { name } } } } } } }`},
		{"type_query_args.json", `{ __type(name: "Query") { fields(includeDeprecated: true) { name isDeprecated deprecationReason a: args { name } b: args(includeDeprecated: true) { name isDeprecated deprecationReason defaultValue } } } }`},
		{"schema_roots.json", `{ __schema { description queryType { name } mutationType { name } subscriptionType { name } directives { name isRepeatable locations args { name defaultValue } } } }`},
	}
	for _, tc := range cases {
		t.Run(tc.golden, func(t *testing.T) {
			resp := e.Execute(context.Background(), &Request{Query: tc.query})
			if !resp.Executed || len(resp.Errors) > 0 {
				t.Fatalf("errors: %+v", resp.Errors)
			}
			b, err := resp.MarshalJSON()
			if err != nil {
				t.Fatal(err)
			}
			checkGolden(t, tc.golden, b)
		})
	}
}

// TestIntrospectionShape checks facts about the full introspection answer that tools rely on.
func TestIntrospectionShape(t *testing.T) {
	e := newTestExecutor(t, Options{})
	resp := e.Execute(context.Background(), &Request{Query: readIntrospectionQuery(t), OperationName: "IntrospectionQuery"})
	b, err := resp.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	var out struct {
		Data struct {
			Schema struct {
				Description string
				QueryType   struct{ Name string }
				Types       []struct {
					Kind, Name     string
					SpecifiedByURL *string
					IsOneOf        *bool
					Fields         []struct {
						Name string
						Args []struct{ Name string }
					}
					Interfaces    []struct{ Name string }
					PossibleTypes []struct{ Name string }
				}
				Directives []struct {
					Name         string
					IsRepeatable bool
				}
			} `json:"__schema"`
		}
	}
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	s := out.Data.Schema
	if s.QueryType.Name != "Query" || s.Description == "" {
		t.Errorf("query type %q, description %q", s.QueryType.Name, s.Description)
	}
	types := map[string]int{}
	for i, ty := range s.Types {
		types[ty.Name] = i
	}
	for _, name := range []string{"Query", "Mutation", "User", "Account", "String", "Int", "Float", "Boolean", "ID", "__Schema", "__Type", "__TypeKind", "__Field", "__InputValue", "__EnumValue", "__Directive", "__DirectiveLocation"} {
		if _, ok := types[name]; !ok {
			t.Errorf("type %s missing", name)
		}
	}
	acc := s.Types[types["Account"]]
	if acc.Kind != "INTERFACE" || len(acc.Interfaces) != 2 || len(acc.PossibleTypes) != 2 {
		t.Errorf("Account = %+v", acc)
	}
	for _, f := range s.Types[types["Query"]].Fields {
		if f.Name == "__schema" || f.Name == "__type" {
			t.Errorf("Query lists introspection field %s", f.Name)
		}
	}
	if u := s.Types[types["DateTime"]].SpecifiedByURL; u == nil || *u == "" {
		t.Errorf("DateTime specifiedByURL missing")
	}
	if o := s.Types[types["OneOfInput"]].IsOneOf; o == nil || !*o {
		t.Errorf("OneOfInput isOneOf should be true")
	}
	dirs := map[string]bool{}
	for _, d := range s.Directives {
		dirs[d.Name] = d.IsRepeatable
	}
	for _, name := range []string{"skip", "include", "deprecated", "specifiedBy", "oneOf", "auth"} {
		if _, ok := dirs[name]; !ok {
			t.Errorf("directive %s missing", name)
		}
	}
	if !dirs["auth"] || dirs["skip"] {
		t.Errorf("isRepeatable wrong: %v", dirs)
	}
	if _, ok := dirs["defer"]; ok {
		t.Errorf("@defer is not supported and must not be advertised")
	}
}

// TestIntrospectionNotHooked checks that hooks and fakes never see introspection fields.
func TestIntrospectionNotHooked(t *testing.T) {
	calls := 0
	hook := func(ctx context.Context, f *Field) (any, bool, error) {
		calls++
		return "hooked", true, nil
	}
	e := newTestExecutor(t, Options{Hook: hook})
	got := runJSON(t, e, &Request{Query: `{ __type(name: "MeterPoint") { name fields { name } } __typename }`})
	want := `{"data":{"__type":{"name":"MeterPoint","fields":[{"name":"mpan"},{"name":"reading"},{"name":"live"}]},"__typename":"Query"}}`
	if got != want || calls != 0 {
		t.Errorf("got %s (hook calls %d)\nwant %s", got, calls, want)
	}
}

func TestPossibleTypesAreObjects(t *testing.T) {
	e := newTestExecutor(t, Options{})
	resp := e.Execute(context.Background(), &Request{Query: `{ n: __type(name: "Node") { possibleTypes { kind name } } a: __type(name: "Account") { possibleTypes { kind name } } }`})
	if len(resp.Errors) > 0 {
		t.Fatal(resp.Errors)
	}
	b, _ := resp.MarshalJSON()
	if strings.Contains(string(b), `"INTERFACE"`) || !strings.Contains(string(b), `"BusinessAccount"`) {
		t.Errorf("possibleTypes: %s", b)
	}
}

// TestEmptyDescriptions answers "" for an element whose description is empty and null
// for one without; an empty default value or argument is no description.
func TestEmptyDescriptions(t *testing.T) {
	s, err := gqlparser.LoadSchema(&ast.Source{Name: "empty.graphql", Input: `""""""
type Query {
  """"""
  a("" x: Int, y: Int): Int
  b: Int
  "said"
  c: E
  d(s: String = "", t: Int, l: [String] = ["", ""], u: Int): Int @note(text: "")
  f: Int
}
directive @note(text: String) on FIELD_DEFINITION
""
enum E {
  "" V
  W
}
`})
	if err != nil {
		t.Fatal(err)
	}
	e := New(s, Options{Faker: testFaker{}})
	resp := e.Execute(context.Background(), &Request{Query: `{ q: __type(name: "Query") { description fields { name description args { name description } } }
  e: __type(name: "E") { description enumValues { name description } } }`})
	b, err := resp.MarshalJSON()
	if err != nil || len(resp.Errors) > 0 {
		t.Fatalf("%v %v", err, resp.Errors)
	}
	want := `{"data":{"q":{"description":"","fields":[{"name":"a","description":"","args":[{"name":"x","description":""},{"name":"y","description":null}]},{"name":"b","description":null,"args":[]},{"name":"c","description":"said","args":[]},{"name":"d","description":null,"args":[{"name":"s","description":null},{"name":"t","description":null},{"name":"l","description":null},{"name":"u","description":null}]},{"name":"f","description":null,"args":[]}]},"e":{"description":"","enumValues":[{"name":"V","description":""},{"name":"W","description":null}]}}}`
	if string(b) != want {
		t.Errorf("got  %s\nwant %s", b, want)
	}
}

// TestIntrospectionFirstUseConcurrent sends different introspection queries at once to
// an executor that has not built its introspection yet: each gets the answer it would
// get alone (under -race, the lazy build is also checked for data races).
func TestIntrospectionFirstUseConcurrent(t *testing.T) {
	queries := []struct{ query, want string }{
		{`{ __schema { queryType { name } } }`, `{"data":{"__schema":{"queryType":{"name":"Query"}}}}`},
		{`{ __type(name: "User") { kind name } }`, `{"data":{"__type":{"kind":"OBJECT","name":"User"}}}`},
		{`{ __type(name: "Nope") { name } }`, `{"data":{"__type":null}}`},
		{`{ __type(name: "SearchResult") { possibleTypes { name } } }`, ""},
	}
	alone := newTestExecutor(t, Options{})
	for i, q := range queries {
		b, err := alone.Execute(context.Background(), &Request{Query: q.query}).MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		if q.want != "" && string(b) != q.want {
			t.Fatalf("%s: %s, want %s", q.query, b, q.want)
		}
		queries[i].want = string(b)
	}
	e := newTestExecutor(t, Options{})
	got := make([]string, 4*len(queries))
	var wg sync.WaitGroup
	for i := range got {
		wg.Go(func() {
			b, _ := e.Execute(context.Background(), &Request{Query: queries[i%len(queries)].query}).MarshalJSON()
			got[i] = string(b)
		})
	}
	wg.Wait()
	for i, g := range got {
		if q := queries[i%len(queries)]; g != q.want {
			t.Errorf("%s at once with others: %s, want %s", q.query, g, q.want)
		}
	}
}

// TestDirectiveLocationsAreTheSpecs: introspection names only the GraphQL
// specification's directive locations, as graphene does: @deprecated on its four, and
// __DirectiveLocation's nineteen, so that graphql-core's build_client_schema takes it.
func TestDirectiveLocationsAreTheSpecs(t *testing.T) {
	e := newTestExecutor(t, Options{})
	got := runJSON(t, e, &Request{Query: `{ __schema { directives { name locations } } __type(name: "__DirectiveLocation") { enumValues { name } } }`})
	for _, want := range []string{
		`{"name":"deprecated","locations":["FIELD_DEFINITION","ARGUMENT_DEFINITION","INPUT_FIELD_DEFINITION","ENUM_VALUE"]}`,
		`"enumValues":[{"name":"QUERY"},{"name":"MUTATION"},{"name":"SUBSCRIPTION"},{"name":"FIELD"},{"name":"FRAGMENT_DEFINITION"},` +
			`{"name":"FRAGMENT_SPREAD"},{"name":"INLINE_FRAGMENT"},{"name":"VARIABLE_DEFINITION"},{"name":"SCHEMA"},{"name":"SCALAR"},` +
			`{"name":"OBJECT"},{"name":"FIELD_DEFINITION"},{"name":"ARGUMENT_DEFINITION"},{"name":"INTERFACE"},{"name":"UNION"},` +
			`{"name":"ENUM"},{"name":"ENUM_VALUE"},{"name":"INPUT_OBJECT"},{"name":"INPUT_FIELD_DEFINITION"}]`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("introspection %s\nwant it to hold %s", got, want)
		}
	}
	if strings.Contains(got, "DIRECTIVE_DEFINITION") {
		t.Errorf("introspection names DIRECTIVE_DEFINITION: %s", got)
	}
}
