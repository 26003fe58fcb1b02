package sim_test

import (
	"context"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/krakensim/krakensim/schema"
	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/graphql"
)

// minimalSelection selects a root field with its required arguments and only __typename below.
func minimalSelection(s *ast.Schema, f *ast.FieldDefinition) string {
	g := &queryGen{s: s}
	text := f.Name
	var args []string
	for _, a := range f.Arguments {
		if a.Type.NonNull && a.DefaultValue == nil {
			args = append(args, a.Name+": "+g.literal(a.Type, 0))
		}
	}
	if len(args) > 0 {
		text += "(" + strings.Join(args, ", ") + ")"
	}
	if def := s.Types[f.Type.Name()]; def != nil && def.Kind != ast.Scalar && def.Kind != ast.Enum {
		text += " { __typename }"
	}
	return text
}

// TestPlatformCodesForcedOnEveryField forces each platform code on every root field of
// the three SDLs with X-Krakensim-Error and expects exactly that code back.
func TestPlatformCodesForcedOnEveryField(t *testing.T) {
	reg, err := schema.DefaultRegistry()
	if err != nil {
		t.Fatal(err)
	}
	codes := reg.PlatformCodes()
	if len(codes) < 8 {
		t.Fatalf("only %d platform codes: %v", len(codes), codes)
	}
	cases := []conformanceCase{
		{"kraken.graphql", func(*testing.T) *ast.Source { return schema.APISource() }},
		{"octopus-schema.graphql", referenceSource("octopus-schema.graphql")},
		{"origin-schema.graphql", referenceSource("origin-schema.graphql")},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s, err := schema.Load(tc.src(t))
			if err != nil {
				t.Fatal(err)
			}
			simulator, err := sim.New(sim.Config{
				API: s, Auth: s, Errors: reg.ErrorDefs(), Seed: 1, MaxComplexity: 1 << 30, MaxDepth: 100,
				APIFields: schema.NewCatalog(s).FieldDocs(), World: defaultWorld(t),
			})
			if err != nil {
				t.Fatal(err)
			}
			n := 0
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
					query := op + " { " + minimalSelection(s, f) + " }"
					for _, code := range codes {
						n++
						resp := simulator.API().Execute(context.Background(), &graphql.Request{
							Query: query, Header: map[string][]string{sim.HeaderForceError: {f.Name + "=" + code}},
						})
						if len(resp.Errors) != 1 || resp.Errors[0].Extensions["errorCode"] != code {
							t.Fatalf("%s %s forced %s: %+v", op, f.Name, code, firstError(resp))
						}
					}
				}
			}
			t.Logf("%d forced platform errors answered", n)
		})
	}
}

func firstError(resp *graphql.Response) any {
	if len(resp.Errors) == 0 {
		return "no error"
	}
	return resp.Errors[0]
}
