package graphql

import (
	"context"
	"fmt"
	"testing"
)

// TestPathsPastOneSlab checks the paths of errors and of the fields resolvers see far
// into a long answer, past the steps one allocation holds, on a first and a later run
// of the same document.
func TestPathsPastOneSlab(t *testing.T) {
	const n = 3 * maxSlabChunk
	var seen []any
	e := newTestExecutor(t, Options{Hook: func(ctx context.Context, f *Field) (any, bool, error) {
		switch f.Name {
		case "users":
			out := make([]any, n)
			for i := range out {
				out[i] = map[string]any{"id": fmt.Sprint(i)}
			}
			return out, true, nil
		case "name":
			if f.Path[1] == n-2 {
				seen = f.Path
				return nil, true, &Error{Message: "no name"}
			}
			return "x", true, nil
		}
		return nil, false, nil
	}})
	for run := range 2 {
		seen = nil
		resp := e.Execute(context.Background(), &Request{Query: `{ users(ids: ["1"]) { id name } }`})
		want := fmt.Sprint([]any{"users", n - 2, "name"})
		if len(resp.Errors) != 1 || fmt.Sprint(resp.Errors[0].Path) != want || fmt.Sprint(seen) != want {
			t.Fatalf("run %d: errors %v, the resolver saw %v; want one error at %s", run, resp.Errors, seen, want)
		}
		users := resp.Data.Values[0].([]any)
		if len(users) != n || users[n-1].(*Object).Values[0] != fmt.Sprint(n-1) {
			t.Fatalf("run %d: %d users, the last %v", run, len(users), users[len(users)-1])
		}
	}
}
