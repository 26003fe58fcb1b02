package world

import "sync"

// DefaultStoreSize bounds the entities one session's store remembers.
const DefaultStoreSize = 20000

// Store is one session's memory of the entities the world has handed out: which keys
// exist (so that a lookup finds them and only them), their other keys, and the span a
// list gave them on first sight. It is bounded: past its size the oldest entries go.
type Store struct {
	mu      sync.Mutex
	max     int
	entries map[ref]*entry
	aliases map[alias]string
	order   []ref
	next    int
}

// ref names an entity: its concrete type and primary key.
type ref struct{ typ, key string }

// alias names an entity by another of its keys (an id when the primary key is a number).
type alias struct{ typ, field, value string }

type entry struct {
	span    *span
	aliases []alias
}

// NewStore returns an empty store remembering at most size entities (0 is DefaultStoreSize).
func NewStore(size int) *Store {
	if size <= 0 {
		size = DefaultStoreSize
	}
	return &Store{max: size, entries: map[ref]*entry{}, aliases: map[alias]string{}}
}

// Len reports how many entities the store remembers.
func (s *Store) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.entries)
}

// Has reports whether the entity of type typ and primary key key was handed out.
func (s *Store) Has(typ, key string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.entries[ref{typ, key}]
	return ok
}

func (s *Store) get(typ, key string) *entry {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.entries[ref{typ, key}]
}

// primary returns the primary key of the entity whose field has value.
func (s *Store) primary(typ, field, value string) (string, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	k, ok := s.aliases[alias{typ, field, value}]
	return k, ok
}

// see records an entity; the span of its first sight stays. It returns the entity's entry.
func (s *Store) see(typ, key string, sp *span, aliases func() []alias) *entry {
	s.mu.Lock()
	defer s.mu.Unlock()
	r := ref{typ, key}
	if e, ok := s.entries[r]; ok {
		return e
	}
	e := &entry{span: sp}
	if aliases != nil {
		e.aliases = aliases()
		for _, a := range e.aliases {
			s.aliases[a] = key
		}
	}
	if len(s.order) < s.max {
		s.order = append(s.order, r)
	} else {
		old := s.order[s.next]
		if oe := s.entries[old]; oe != nil {
			for _, a := range oe.aliases {
				if s.aliases[a] == old.key {
					delete(s.aliases, a)
				}
			}
		}
		delete(s.entries, old)
		s.order[s.next] = r
		s.next = (s.next + 1) % s.max
	}
	s.entries[r] = e
	return e
}
