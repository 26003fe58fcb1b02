package sim_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/krakensim/krakensim/schema"
	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/graphql"
)

const driftSDL = `type Query {
  current(filter: Filter, order: Order): String
  old: String @deprecated(reason: "Will be removed on 2026-02-01.")
  shaped(arg: String @deprecated(reason: "Scheduled for removal on or after 2026-03-01."), other: String): Item
}

type Item {
  name: String
  label: String @deprecated
}

input Filter {
  name: String
  legacyName: String @deprecated(reason: "Will be removed on 2026-04-01.")
  nested: [Filter]
}

enum Order {
  NEWEST
  OLDEST @deprecated(reason: "Will be removed on 2026-05-01.")
}
`

// Every kind of deprecated selection is warned about: fields at any depth, arguments,
// input fields and enum values, written inline or sent as variables.
func TestDriftWarnings(t *testing.T) {
	api, err := schema.Load(&ast.Source{Name: "drift.graphql", Input: driftSDL})
	if err != nil {
		t.Fatal(err)
	}
	auth, err := schema.Load(&ast.Source{Name: "auth.graphql", Input: "type Query { ping: String }"})
	if err != nil {
		t.Fatal(err)
	}
	reg, err := schema.DefaultRegistry()
	if err != nil {
		t.Fatal(err)
	}
	s, err := sim.New(schema.SimConfig(api, auth, reg))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, query string
		vars        map[string]any
		want        string
	}{
		{"none", `{ current shaped(other: "x") { name } }`, nil, "[]"},
		{"root field", `{ old }`, nil, "[Query.old@2026-02-01]"},
		{"nested field", `{ shaped { label } }`, nil, "[Item.label@]"},
		{"argument", `{ shaped(arg: "x") { name } }`, nil, "[Query.shaped(arg:)@2026-03-01]"},
		{"inline input field and enum", `{ current(filter: {nested: [{legacyName: "a"}]}, order: OLDEST) }`, nil, "[Filter.legacyName@2026-04-01 Order.OLDEST@2026-05-01]"},
		{"variables", `query($f: Filter, $o: Order) { current(filter: $f, order: $o) }`,
			map[string]any{"f": map[string]any{"nested": []any{map[string]any{"legacyName": "a"}}}, "o": "OLDEST"}, "[Filter.legacyName@2026-04-01 Order.OLDEST@2026-05-01]"},
		{"fragment twice", `{ ...F ...F } fragment F on Query { old }`, nil, "[Query.old@2026-02-01]"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			resp := s.API().Execute(context.Background(), &graphql.Request{Query: tc.query, Variables: tc.vars})
			if len(resp.Errors) > 0 {
				t.Fatalf("errors: %v", resp.Errors[0])
			}
			var got []string
			warnings, _ := resp.Extensions["warnings"].([]any)
			for _, w := range warnings {
				m := w.(map[string]any)
				date, _ := m["removalDate"].(string)
				got = append(got, fmt.Sprintf("%s@%s", m["coordinate"], date))
			}
			if fmt.Sprint(got) != tc.want && !(tc.want == "[]" && got == nil) {
				t.Errorf("warnings = %v, want %s", got, tc.want)
			}
		})
	}
}
