package graphql

import (
	"sync/atomic"
	"testing"
)

func TestSlab(t *testing.T) {
	var last atomic.Int32
	last.Store(10)
	s := slab[any]{last: &last}
	a := s.take(3)
	if len(a) != 3 || cap(a) != 3 || a[0] != nil || a[2] != nil {
		t.Fatalf("take(3) = %v, len %d cap %d; want three nils and no room after them", a, len(a), cap(a))
	}
	if cap(s.chunk) != 10 {
		t.Errorf("the first chunk holds %d; want the last execution's 10", cap(s.chunk))
	}
	a[0] = "a"
	b := s.take(2)
	_ = append(a, "appended") // must not write into b
	if b[0] != nil {
		t.Errorf("appending to one slice wrote %v into the next", b[0])
	}
	if &a[2] == &b[0] || cap(b) != 2 {
		t.Errorf("the slices overlap or b has room: cap %d", cap(b))
	}
	big := s.take(2 * maxSlabChunk) // more than a chunk: its own allocation
	if len(big) != 2*maxSlabChunk {
		t.Fatalf("take(%d) gave %d", 2*maxSlabChunk, len(big))
	}
	later := s.take(1) // the next chunk is sized afresh, not by the last execution
	if len(later) != 1 || cap(s.chunk) != 4 {
		t.Errorf("a later chunk holds %d; want 4", cap(s.chunk))
	}
	s.remember()
	if got := last.Load(); got != maxSlabChunk {
		t.Errorf("remembered %d; want the %d taken capped at %d", got, s.used, maxSlabChunk)
	}
	last.Store(1) // a program that took one value last time gets a chunk of one
	one := slab[any]{last: &last}
	if x := one.take(1); len(x) != 1 || cap(one.chunk) != 1 {
		t.Errorf("after an execution that took one, the first chunk holds %d; want 1", cap(one.chunk))
	}
	var lone slab[int] // no program: chunks of 4, nothing remembered
	if x := lone.take(1); len(x) != 1 || cap(lone.chunk) != 4 {
		t.Errorf("without a program the first chunk holds %d; want 4", cap(lone.chunk))
	}
	lone.remember()
}
