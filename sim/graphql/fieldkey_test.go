package graphql

import (
	"context"
	"sync"
	"testing"
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
