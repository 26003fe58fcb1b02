package graphql

import (
	"context"
	"fmt"
	"reflect"
	"sync"
	"testing"

	"github.com/vektah/gqlparser/v2/ast"
)

func TestFieldKeyArgs(t *testing.T) {
	for _, args := range []map[string]any{
		nil, {}, {"a": 1}, {"z": "x", "a": []any{1, "two", nil}, "m": map[string]any{"k": true, "b": 1.5}},
		{"k1": 1, "k2": 2, "k3": 3, "k4": 4, "k5": 5, "k6": 6, "k7": 7, "k8": 8, "k9": 9, "k10": 10},
	} {
		if got, want := fieldKeyArgs(42, "field", args), fieldKey(42, "field", canonicalJSON(args)); got != want {
			t.Errorf("fieldKeyArgs(%v) = %d, want %d", args, got, want)
		}
	}
}

func TestFieldSelects(t *testing.T) {
	var mu sync.Mutex
	seen := map[string]*Field{}
	e := newTestExecutor(t, Options{Hook: func(ctx context.Context, f *Field) (any, bool, error) {
		mu.Lock()
		seen[f.Name] = f
		mu.Unlock()
		return worldHook(ctx, f)
	}})
	resp := e.Execute(context.Background(), &Request{Query: `query { viewer { id accounts { number ...A ... on BusinessAccount { companyNumber } } } }
		fragment A on Account { status }`})
	if len(resp.Errors) > 0 {
		t.Fatal(resp.Errors[0])
	}
	v := seen["viewer"]
	if v == nil {
		t.Fatal("the hook never saw viewer")
	}
	for _, tc := range []struct {
		name string
		want bool
	}{{"id", true}, {"accounts", true}, {"email", false}, {"number", false}} {
		if got := v.Selects(tc.name); got != tc.want {
			t.Errorf("viewer.Selects(%q) = %v, want %v", tc.name, got, tc.want)
		}
	}
	a := seen["accounts"]
	for _, tc := range []struct {
		name string
		want bool
	}{{"number", true}, {"status", true}, {"companyNumber", true}, {"name", false}} {
		if got := a.Selects(tc.name); got != tc.want {
			t.Errorf("accounts.Selects(%q) = %v, want %v", tc.name, got, tc.want)
		}
	}
	if !(&Field{}).Selects("anything") {
		t.Error("a Field the executor did not make must select everything")
	}
}

// TestFieldGroupSelectsMany checks selects past the names it scans as a list, with
// names repeated across fragments and fields.
func TestFieldGroupSelectsMany(t *testing.T) {
	for _, n := range []int{1, manySelected, manySelected + 1, 3 * manySelected} {
		var set ast.SelectionSet
		for i := range n {
			set = append(set, &ast.Field{Name: fmt.Sprintf("f%d", i)})
		}
		frag := &ast.FragmentDefinition{Name: "F", SelectionSet: set[:1+n/2]}
		g := &fieldGroup{fields: []*ast.Field{
			{SelectionSet: append(ast.SelectionSet{&ast.FragmentSpread{Name: "F", Definition: frag}}, set[n/2:]...)},
			{SelectionSet: ast.SelectionSet{&ast.InlineFragment{SelectionSet: set}}},
		}}
		for i := range n + 2 {
			name := fmt.Sprintf("f%d", i)
			if got, want := g.selects(name), i < n; got != want {
				t.Errorf("%d names: selects(%q) = %v, want %v", n, name, got, want)
			}
		}
		if g.selects("") || g.selects("f") {
			t.Errorf("%d names: selects a name never selected", n)
		}
	}
}

// TestHookFilter checks that the hook sees only the fields its filter lets through,
// and that the others still answer from their parent's value.
func TestHookFilter(t *testing.T) {
	var mu sync.Mutex
	var hooked []string
	e := newTestExecutor(t, Options{
		Hook: func(ctx context.Context, f *Field) (any, bool, error) {
			mu.Lock()
			hooked = append(hooked, f.ParentType+"."+f.Name)
			mu.Unlock()
			return worldHook(ctx, f)
		},
		HookFilter: func(_ context.Context, _ any, name string, root bool) bool { return root || name == "email" },
	})
	got := runJSON(t, e, &Request{Query: `{ viewer { id name email } }`})
	if want := `{"data":{"viewer":{"id":"u1","name":"Ada","email":"ada@example.com"}}}`; got != want {
		t.Fatalf("got %s, want %s", got, want)
	}
	if want := []string{"Query.viewer", "User.email"}; !reflect.DeepEqual(hooked, want) {
		t.Fatalf("hooked %v, want %v", hooked, want)
	}
}
