package graphql

import "sync/atomic"

// maxSlabChunk bounds how many values one of a slab's allocations holds.
const maxSlabChunk = 64

// slab hands out values of T cut from larger allocations. An execution makes many
// small objects (response path steps, the Fields its hook gets, their paths) that live
// as long as the response or the hook holds them; one allocation for several costs the
// allocator and the collector less. A value keeps its chunk's others alive with it.
type slab[T any] struct {
	chunk []T
	used  int
	// last is how many the program's last execution took, the size of the first chunk
	// (4 when it took none).
	last *atomic.Int32
}

// take returns n adjacent zero values, as a slice whose capacity ends with them.
func (s *slab[T]) take(n int) []T {
	if cap(s.chunk)-len(s.chunk) < n {
		size := int32(4)
		if s.used == 0 && s.last != nil {
			if last := s.last.Load(); last > 0 {
				size = last
			}
		}
		s.chunk = make([]T, 0, max(min(int(size), maxSlabChunk), n))
	}
	i := len(s.chunk)
	s.chunk = s.chunk[:i+n]
	s.used += n
	return s.chunk[i : i+n : i+n]
}

// remember keeps how many values this execution took for the program's next one,
// writing only when it changes, as every request reads it.
func (s *slab[T]) remember() {
	if s.last == nil {
		return
	}
	if n := int32(min(s.used, maxSlabChunk)); n != s.last.Load() {
		s.last.Store(n)
	}
}
