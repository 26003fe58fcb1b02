package world_test

import (
	"os"
	"testing"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/krakensim/krakensim/internal/testshared"
	"github.com/krakensim/krakensim/schema"
	"github.com/krakensim/krakensim/sim/world"
)

func loadSDL(t *testing.T, path string) *ast.Schema {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s, err := schema.Load(&ast.Source{Name: path, Input: string(b)})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestCoherentWorld walks every root field of ours and the reference tenants' SDLs and
// checks identity, lookups, node(id), paging, windows and ordered pairs.
func TestCoherentWorld(t *testing.T) {
	cases := []struct {
		name string
		load func(*testing.T) *ast.Schema
	}{
		{"kraken.graphql", func(t *testing.T) *ast.Schema {
			s, err := schema.Load(schema.APISource())
			if err != nil {
				t.Fatal(err)
			}
			return s
		}},
		{"octopus", func(t *testing.T) *ast.Schema {
			return loadSDL(t, testshared.Path(t, "reference", "octopus-schema.graphql"))
		}},
		{"origin", func(t *testing.T) *ast.Schema {
			return loadSDL(t, testshared.Path(t, "reference", "origin-schema.graphql"))
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			world.CheckCoherence(t, tc.name, tc.load(t))
		})
	}
}
