package rules

import (
	"fmt"
	"strings"
	"testing"
)

func TestCountersSequence(t *testing.T) {
	tests := []struct {
		name  string
		then  []*Answer
		cycle bool
		want  string // statuses of 7 calls; "-" for spent
	}{
		{"no answers", nil, false, "- - - - - - -"},
		{"unbounded", []*Answer{ans(1, 0)}, false, "1 1 1 1 1 1 1"},
		{"times then unbounded", []*Answer{ans(1, 2), ans(2, 0)}, false, "1 1 2 2 2 2 2"},
		{"bounded spent", []*Answer{ans(1, 1), ans(2, 2)}, false, "1 2 2 - - - -"},
		{"bounded cycle", []*Answer{ans(1, 1), ans(2, 2)}, true, "1 2 2 1 2 2 1"},
		{"cycle with unbounded tail", []*Answer{ans(1, 1), ans(2, 0)}, true, "1 2 2 2 2 2 2"},
		{"negative times is unbounded", []*Answer{ans(1, -1)}, false, "1 1 1 1 1 1 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &Rule{Then: tt.then, Cycle: tt.cycle}
			c := NewCounters()
			var got []string
			for i := range 7 {
				peek, pok := c.Peek(r)
				a, call, ok := c.Next(r)
				if pok != ok || peek != a {
					t.Fatalf("call %d: Peek = %v, %v but Next = %v, %v", i+1, peek, pok, a, ok)
				}
				if !ok {
					got = append(got, "-")
					if call != 0 {
						t.Errorf("spent call numbered %d", call)
					}
					continue
				}
				if call != i+1 {
					t.Errorf("call %d numbered %d", i+1, call)
				}
				got = append(got, fmt.Sprint(a.Status))
			}
			if s := strings.Join(got, " "); s != tt.want {
				t.Errorf("sequence %s, want %s", s, tt.want)
			}
		})
	}
}

func TestCountersSpentNotCounted(t *testing.T) {
	r := &Rule{Then: []*Answer{ans(1, 1)}}
	c := NewCounters()
	c.Next(r)
	c.Next(r)
	c.Next(r)
	if n := c.Calls(r); n != 1 {
		t.Errorf("Calls = %d after a spent sequence, want 1", n)
	}
	c.Reset()
	if n := c.Calls(r); n != 0 {
		t.Errorf("Calls = %d after Reset", n)
	}
}
