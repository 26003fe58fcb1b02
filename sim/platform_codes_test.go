package sim_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/krakensim/krakensim/schema"
	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/graphql"
	"github.com/krakensim/krakensim/sim/platform"
	"github.com/krakensim/krakensim/sim/ratelimit"
	"github.com/krakensim/krakensim/sim/simtest"
	"github.com/krakensim/krakensim/sim/world"
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

// signInCodes are the codes Kraken answers for a failed sign-in (KT-CT-1136 to 1140, the
// reference registry's descriptions name obtainKrakenToken's inputs) that the tenant SDLs
// leave out of obtainKrakenToken's description.
var signInCodes = map[string]bool{"KT-CT-1136": true, "KT-CT-1137": true, "KT-CT-1138": true, "KT-CT-1139": true, "KT-CT-1140": true}

// TestSweepAnswersDocumentedCodes calls every root field of the three SDLs, signed out
// and signed in, and checks that each error code it answers is one the field documents
// or a platform code (or, for a field that documents none, a registry code).
func TestSweepAnswersDocumentedCodes(t *testing.T) {
	reg, err := schema.DefaultRegistry()
	if err != nil {
		t.Fatal(err)
	}
	platformCode := map[string]bool{}
	for _, c := range reg.PlatformCodes() {
		platformCode[c] = true
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
			cat := schema.NewCatalog(s)
			cfg := platform.Config(s, s, reg, defaultWorld(t)) // the stateful resolvers too
			cfg.Seed, cfg.MaxComplexity = 1, 1<<30
			simulator, err := sim.New(cfg)
			if err != nil {
				t.Fatal(err)
			}
			calls, refused := 0, 0
			for _, header := range []map[string][]string{nil, signIn(t, simulator, "")} {
				for _, root := range []*ast.Definition{s.Query, s.Mutation} {
					if root == nil {
						continue
					}
					op := ast.Query
					if root == s.Mutation {
						op = ast.Mutation
					}
					for _, f := range root.Fields {
						if strings.HasPrefix(f.Name, "__") {
							continue
						}
						calls++
						resp := simulator.API().Execute(context.Background(), &graphql.Request{
							Query: string(op) + " { " + minimalSelection(s, f) + " }", Header: header,
						})
						fc, _ := cat.Field(op, f.Name)
						for _, e := range resp.Errors {
							code, _ := e.Extensions["errorCode"].(string)
							if !strings.HasPrefix(code, "KT-") || platformCode[code] {
								continue // krakensim's own codes (a bad queryComplexity input) are not Kraken's
							}
							if f.Name == "obtainKrakenToken" && signInCodes[code] {
								continue
							}
							refused++
							if fc == nil {
								t.Errorf("%s %s answered %s but is not in the catalog", op, f.Name, code)
							} else if len(fc.Errors) == 0 {
								// The SDL says nothing of this field's errors: the behaviour's
								// own code stands, as long as the registry knows it.
								if _, ok := reg.Lookup(code); !ok {
									t.Errorf("%s %s answered %s, which no registry lists", op, f.Name, code)
								}
							} else if _, ok := fc.Documents(code); !ok && !successorDocuments(cat, s, root, op, f, code) {
								t.Errorf("%s %s (signed in: %v) answered %s, which it does not document (it documents %v)", op, f.Name, header != nil, code, fc.Codes())
							}
						}
					}
				}
			}
			t.Logf("%d calls, %d refused with a field's own code", calls, refused)
		})
	}
}

// TestAnonymousRefusalUsesFieldCode checks Origin's account, which documents only its own
// "Unauthorized." code (KT-CT-4177), answers it without the Authorization header.
func TestAnonymousRefusalUsesFieldCode(t *testing.T) {
	reg, err := schema.DefaultRegistry()
	if err != nil {
		t.Fatal(err)
	}
	s, err := schema.Load(referenceSource("origin-schema.graphql")(t))
	if err != nil {
		t.Fatal(err)
	}
	simulator, err := sim.New(platform.Config(s, s, reg, defaultWorld(t)))
	if err != nil {
		t.Fatal(err)
	}
	resp := simulator.API().Execute(context.Background(), &graphql.Request{Query: `{ account(accountNumber: "A-C90DC431") { number } }`})
	if len(resp.Errors) != 1 || resp.Errors[0].Extensions["errorCode"] != "KT-CT-4177" {
		t.Errorf("anonymous Origin account: %+v, want KT-CT-4177", firstError(resp))
	}
}

// TestRateLimitInfoOnTenantSDLs reads the allowance through each reference SDL's own
// rateLimitInfo (and Octopus's deprecated rateLimit).
func TestRateLimitInfoOnTenantSDLs(t *testing.T) {
	reg, err := schema.DefaultRegistry()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		file, query string
		path        []any
		cost        float64
	}{
		{"octopus-schema.graphql", `{ rateLimitInfo { pointsAllowanceRateLimit { limit usedPoints remainingPoints isBlocked ttl } } }`, []any{"data", "rateLimitInfo", "pointsAllowanceRateLimit"}, 7},
		{"octopus-schema.graphql", `{ rateLimit { limit usedPoints remainingPoints } }`, []any{"data", "rateLimit"}, 4},
		{"origin-schema.graphql", `{ rateLimitInfo { pointsAllowanceRateLimit { limit usedPoints remainingPoints isBlocked ttl } fieldSpecificRateLimits(first: 5) { totalCount edges { node { field } } } } }`, []any{"data", "rateLimitInfo", "pointsAllowanceRateLimit"}, 1 + 6 + (5 + 4)},
	} {
		t.Run(tc.file+" "+tc.path[1].(string), func(t *testing.T) {
			s, err := schema.Load(referenceSource(tc.file)(t))
			if err != nil {
				t.Fatal(err)
			}
			cfg := platform.Config(s, s, reg, defaultWorld(t))
			cfg.RateLimit = ratelimit.Policy{Points: 1000}
			simulator, err := sim.New(cfg)
			if err != nil {
				t.Fatal(err)
			}
			for i := 1; i <= 2; i++ {
				out := do(t, simulator.API(), tc.query, nil, nil)
				info, _ := simtest.Get(out, tc.path...).(map[string]any)
				used := tc.cost * float64(i)
				if fl := simtest.Get(out, "data", "rateLimitInfo", "fieldSpecificRateLimits"); fl != nil && fmt.Sprint(fl) != "map[edges:[] totalCount:0]" {
					t.Errorf("field-specific limits: %v, want none", fl)
				}
				if info == nil || fmt.Sprint(info["limit"]) != "1000" || fmt.Sprint(info["usedPoints"]) != fmt.Sprint(used) || fmt.Sprint(info["remainingPoints"]) != fmt.Sprint(1000-used) {
					t.Errorf("request %d: %v, want %v points used", i, out, used)
				}
			}
		})
	}
}

// successorDocuments reports whether the deprecated root field f is answered by a
// successor (world.RootSuccessor) that documents code: its own error about an argument
// both take.
func successorDocuments(cat *schema.Catalog, s *ast.Schema, root *ast.Definition, op ast.Operation, f *ast.FieldDefinition, code string) bool {
	other := world.RootSuccessor(s, root, f)
	if other == nil {
		return false
	}
	oc, _ := cat.Field(op, other.Name)
	if oc == nil {
		return false
	}
	_, ok := oc.Documents(code)
	return ok
}
