package world

import (
	"maps"
	"slices"
	"sync"
	"sync/atomic"
)

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
	// writes are what mutations wrote to objects, by the objects' keys; nwrites counts
	// them so that a session no mutation wrote to reads none without the lock.
	writes     map[uint64]map[string]any
	writeOrder []uint64
	nwrites    atomic.Int32
	// removed are the entities mutations deleted: lookups no longer find them and
	// lists leave them out. nremoved counts them, as nwrites does the writes.
	removed      map[ref]bool
	removedOrder []ref
	nremoved     atomic.Int32
	// made are the entities mutations made, oldest first; nmade counts them, and seq
	// every entity made, so that each gets a key of its own.
	made  []madeEntry
	nmade atomic.Int32
	seq   int
}

// madeEntry is an entity a mutation made, and the owner its input named (nil for the
// viewer).
type madeEntry struct {
	typ, id string
	owner   map[string]any
}

// ref names an entity: its concrete type and primary key.
type ref struct{ typ, key string }

// alias names an entity by another of its keys (an id when the primary key is a number).
type alias struct{ typ, field, value string }

type entry struct {
	span    *span
	aliases []alias
	// made says a mutation of the session made it.
	made bool
	// scopes are those it was handed out to (Env.Scope), the first maxScopes.
	scopes []Scope
	// tense is its first sight's, for a later sight that gives it none (a lookup of a
	// listed conversation by its id).
	tense tense
}

// maxScopes bounds the scopes an entity keeps.
const maxScopes = 8

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
	return len(s.entries) + len(s.writes)
}

// Has reports whether the entity of type typ and primary key key was handed out.
func (s *Store) Has(typ, key string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.entries[ref{typ, key}]
	return ok && !s.removed[ref{typ, key}]
}

// Scopes are those the entity of type typ and primary key key was handed out to, as
// the requests' Env.Scope named them; none for one not handed out.
func (s *Store) Scopes(typ, key string) []Scope {
	s.mu.Lock()
	defer s.mu.Unlock()
	if e := s.entries[ref{typ, key}]; e != nil {
		return slices.Clone(e.scopes)
	}
	return nil
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

// see records an entity, handed out to scope (zero for no one); the span and tense of
// its first sight stay. It returns them, and whether a mutation of the session made the
// entity.
func (s *Store) see(typ, key string, sp *span, tn tense, aliases func() []alias, scope Scope) (*span, tense, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r := ref{typ, key}
	if e, ok := s.entries[r]; ok {
		if scope != (Scope{}) && len(e.scopes) < maxScopes && !slices.Contains(e.scopes, scope) {
			e.scopes = append(e.scopes, scope)
		}
		return e.span, e.tense, e.made
	}
	e := &entry{span: sp, tense: tn}
	if scope != (Scope{}) {
		e.scopes = []Scope{scope}
	}
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
	return e.span, e.tense, false
}

// write keeps values as what the object at key reads from now on, over what was
// written before; past the store's size the oldest object's writes go.
func (s *Store) write(key uint64, values map[string]any) {
	if len(values) == 0 {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if w, ok := s.writes[key]; ok {
		maps.Copy(w, values)
		return
	}
	if s.writes == nil {
		s.writes = map[uint64]map[string]any{}
	}
	if len(s.writeOrder) >= s.max {
		delete(s.writes, s.writeOrder[0])
		s.writeOrder = s.writeOrder[1:]
	}
	s.writes[key] = maps.Clone(values)
	s.writeOrder = append(s.writeOrder, key)
	s.nwrites.Store(int32(len(s.writes)))
}

// written copies what was written to the object at key into m.
func (s *Store) written(key uint64, m map[string]any) {
	if s == nil || s.nwrites.Load() == 0 {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	maps.Copy(m, s.writes[key])
}

// remove deletes the entity of type typ and primary key key from the session's world;
// past the store's size the oldest removal is forgotten.
func (s *Store) remove(typ, key string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r := ref{typ, key}
	if s.removed[r] {
		return
	}
	if s.removed == nil {
		s.removed = map[ref]bool{}
	}
	if len(s.removedOrder) >= s.max {
		delete(s.removed, s.removedOrder[0])
		s.removedOrder = s.removedOrder[1:]
	}
	s.removed[r] = true
	s.removedOrder = append(s.removedOrder, r)
	s.nremoved.Store(int32(len(s.removed)))
}

// isRemoved reports whether a mutation deleted the entity of type typ and key key.
func (s *Store) isRemoved(typ, key string) bool {
	if s == nil || s.nremoved.Load() == 0 {
		return false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.removed[ref{typ, key}]
}

// created counts one more entity made in the session and returns how many were before.
func (s *Store) created() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.seq++
	return s.seq - 1
}

// addMade records an entity a mutation made; past the store's size the oldest goes.
func (s *Store) addMade(e madeEntry) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.made) >= s.max {
		if old := s.entries[ref{s.made[0].typ, s.made[0].id}]; old != nil {
			old.made = false
		}
		s.made = slices.Delete(s.made, 0, 1)
	}
	if made := s.entries[ref{e.typ, e.id}]; made != nil {
		made.made = true
	}
	s.made = append(s.made, e)
	s.nmade.Store(int32(len(s.made)))
}

// madeEntries are the entities mutations made, oldest first; nil when none were.
func (s *Store) madeEntries() []madeEntry {
	if s == nil || s.nmade.Load() == 0 {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.made)
}
