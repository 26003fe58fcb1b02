package graphql

import "testing"

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
