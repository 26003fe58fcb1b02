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

// TestHookFieldsStayTheirOwn keeps every Field the hook is given past the execution,
// and checks that none was overwritten by a later one cut from the same slab.
func TestHookFieldsStayTheirOwn(t *testing.T) {
	const n = maxSlabChunk + 5
	var kept []*Field
	e := newTestExecutor(t, Options{Hook: func(ctx context.Context, f *Field) (any, bool, error) {
		kept = append(kept, f)
		if f.Name == "users" {
			out := make([]any, n)
			for i := range out {
				out[i] = map[string]any{"id": fmt.Sprint(i)}
			}
			return out, true, nil
		}
		return nil, false, nil
	}})
	resp := e.Execute(context.Background(), &Request{Query: `{ users(ids: ["1"]) { id name } }`})
	if len(resp.Errors) != 0 {
		t.Fatal(resp.Errors)
	}
	seen := map[*Field]bool{}
	names := 0
	for _, f := range kept {
		if seen[f] {
			t.Fatalf("the hook was given the same Field twice: %s at %v", f.Name, f.Path)
		}
		seen[f] = true
		if f.Name != "name" && f.Name != "id" {
			continue
		}
		if got := fmt.Sprint(f.Path); got != fmt.Sprint([]any{"users", f.Path[1], f.Name}) || f.Path[1].(int) >= n {
			t.Errorf("a kept Field reads %s at %s", f.Name, got)
		}
		if f.Name == "name" {
			names++
		}
	}
	if names != n {
		t.Errorf("the hook kept %d name Fields, want %d", names, n)
	}
}
