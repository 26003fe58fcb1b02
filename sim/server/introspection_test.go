package server

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/krakensim/krakensim/schema"
	"github.com/krakensim/krakensim/sim"
)

// TestIntrospectionRebuildsSDL checks, with graphql-js itself, that what GraphiQL,
// Apollo Client and graphql-codegen read by introspection is exactly the SDL served:
// getIntrospectionQuery with every option, buildClientSchema, printSchema.
func TestIntrospectionRebuildsSDL(t *testing.T) {
	node := nodeWithPackages(t)
	api, err := schema.Load(schema.APISource())
	if err != nil {
		t.Fatal(err)
	}
	auth, err := schema.Load(schema.AuthSource())
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
	base := serveLive(t, Config{API: s.API(), Auth: s.Auth()})
	tests := []struct{ path, sdl string }{
		{APIPath, "kraken.graphql"},
		{AuthPath, "auth.graphql"},
	}
	for _, tt := range tests {
		t.Run(tt.sdl, func(t *testing.T) {
			sdl, err := filepath.Abs(filepath.Join("..", "..", "schema", tt.sdl))
			if err != nil {
				t.Fatal(err)
			}
			out := runNode(t, node, "introspect.mjs", base+tt.path, sdl)
			if !strings.Contains(out, "lines identical") {
				t.Errorf("unexpected output: %s", out)
			}
			t.Log(strings.TrimSpace(out))
		})
	}
}
