package world

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/krakensim/krakensim/sim/fake"
	"github.com/krakensim/krakensim/sim/graphql"
)

// sdlWorld answers queries over one SDL with the Generator alone, at testNow.
type sdlWorld struct {
	t    testing.TB
	exec *graphql.Executor
	// env is the session every query runs in; nil runs each in a fresh one.
	env *Env
}

func newSDLWorld(t testing.TB, sdl string, opts Options) *sdlWorld {
	t.Helper()
	s, err := gqlparser.LoadSchema(&ast.Source{Name: "test.graphql", Input: sdl})
	if err != nil {
		t.Fatal(err)
	}
	faker := fake.NewIn(7, fake.LocalZone(s))
	return &sdlWorld{t: t, exec: graphql.New(s, graphql.Options{Faker: faker, Generator: New(s, faker, opts)})}
}

// raw is the answer to query with vars, as JSON.
func (w *sdlWorld) raw(query string, vars map[string]any) []byte {
	w.t.Helper()
	env := w.env
	if env == nil {
		env = &Env{Now: testNow, Store: NewStore(0)}
	}
	b, err := w.exec.Execute(WithEnv(context.Background(), env), &graphql.Request{Query: query, Variables: vars}).MarshalJSON()
	if err != nil {
		w.t.Fatal(err)
	}
	return b
}

// ask is the data of the answer to query with vars; an error in it fails the test.
func (w *sdlWorld) ask(query string, vars map[string]any) map[string]any {
	w.t.Helper()
	b := w.raw(query, vars)
	var out struct {
		Data   map[string]any
		Errors []any
	}
	if err := json.Unmarshal(b, &out); err != nil || len(out.Errors) > 0 || out.Data == nil {
		w.t.Fatalf("%s: %s", query, b)
	}
	return out.Data
}
