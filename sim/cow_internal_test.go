package sim

import (
	"reflect"
	"testing"
)

// TestApproxSize checks the estimate on values of known size, and that shared and
// cyclic pointers are counted once.
func TestApproxSize(t *testing.T) {
	type node struct {
		Name string
		Next *node
	}
	cyclic := &node{Name: "abcd"}
	cyclic.Next = cyclic
	shared := &node{Name: "xy"}
	tests := []struct {
		name string
		v    any
		want int
	}{
		{"string", "hello", 16 + 5},
		{"slice", []int64{1, 2, 3}, 24 + 3*8},
		{"strings", []string{"ab", "c"}, 24 + 2*16 + 3},
		{"cycle", cyclic, 8 + 24 + 4},
		{"shared twice", []*node{shared, shared}, 24 + 2*8 + 24 + 2},
		{"nil map", map[string]int(nil), 8},
	}
	for _, tt := range tests {
		if got := approxSize(reflect.ValueOf(tt.v)); got != tt.want {
			t.Errorf("%s: %d, want %d", tt.name, got, tt.want)
		}
	}
	if got := approxSize(reflect.ValueOf(map[string]string{"k": "vvv"})); got < 4 {
		t.Errorf("map: %d", got)
	}
}
