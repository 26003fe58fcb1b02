package accounts_test

import (
	"os"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/krakensim/krakensim/internal/testshared"
	"github.com/krakensim/krakensim/schema"
	"github.com/krakensim/krakensim/sim/accounts"
)

// TestInputProblemsFitTheSDLs: each field InputProblems lists is a root field of a
// tenant's SDL or the embedded one that documents the code, and the input path walks the
// field's arguments and input fields there.
func TestInputProblemsFitTheSDLs(t *testing.T) {
	read := func(path string) *ast.Source {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		return &ast.Source{Name: path, Input: string(b)}
	}
	octopus := read(testshared.Path(t, "reference", "octopus-schema.graphql"))
	// The embedded SDL, Origin's, and Octopus's with the fields it serves today laid over it.
	served := [][]*ast.Source{{schema.APISource()}, {read(testshared.Path(t, "reference", "origin-schema.graphql"))},
		{octopus, read("../simtest/testdata/octopus-current.graphql")}}
	var schemas []*ast.Schema
	var sources []*ast.Source
	for _, srcs := range served {
		s, err := schema.Load(srcs...)
		if err != nil {
			t.Fatal(err)
		}
		schemas, sources = append(schemas, s), append(sources, srcs[len(srcs)-1])
	}
	for key, codes := range accounts.InputProblems() {
		op, name, _ := strings.Cut(key, ".")
		for code, p := range codes {
			n := 0
			for i, s := range schemas {
				fc, ok := schema.NewCatalog(s).Lookup(name)
				if !ok || string(fc.Operation) != op {
					continue
				}
				if _, ok := fc.Documents(code); !ok {
					continue
				}
				n++
				if err := walkInput(s, fc.Definition, p.InputPath); err != "" {
					t.Errorf("%s %s in %s: inputPath %v: %s", key, code, sources[i].Name, p.InputPath, err)
				}
			}
			if n == 0 {
				t.Errorf("%s %s: no SDL serves the field documenting the code", key, code)
			}
			if !strings.HasSuffix(p.Message, ".") {
				t.Errorf("%s %s: message %q", key, code, p.Message)
			}
		}
	}
}

// walkInput follows path through def's arguments and input object fields, returning
// what is wrong with it, or "".
func walkInput(s *ast.Schema, def *ast.FieldDefinition, path []any) string {
	if len(path) == 0 {
		return "empty"
	}
	first, _ := path[0].(string)
	arg := def.Arguments.ForName(first)
	if arg == nil {
		return "no argument " + first
	}
	t := arg.Type
	for _, seg := range path[1:] {
		name, _ := seg.(string)
		d := s.Types[t.Name()]
		if d == nil || d.Kind != ast.InputObject {
			return t.Name() + " is not an input object"
		}
		f := d.Fields.ForName(name)
		if f == nil {
			return t.Name() + " has no field " + name
		}
		t = f.Type
	}
	return ""
}
