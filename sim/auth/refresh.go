package auth

import (
	"maps"
	"slices"
	"sync"
	"time"
)

// RefreshStore remembers the refresh tokens an Issuer handed out. A session owns one, so
// resetting or cloning a session resets or clones its sign-ins. Safe for concurrent use.
type RefreshStore struct {
	mu      sync.RWMutex
	entries map[string]refreshEntry
}

type refreshEntry struct {
	principal Principal
	grant     string
	origIat   int64
	expires   int64 // Unix seconds
}

// NewRefreshStore returns an empty store.
func NewRefreshStore() *RefreshStore {
	return &RefreshStore{entries: map[string]refreshEntry{}}
}

// Len is how many refresh tokens the store holds, expired ones included.
func (s *RefreshStore) Len() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return len(s.entries)
}

// Reset forgets every refresh token.
func (s *RefreshStore) Reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.entries = map[string]refreshEntry{}
}

// Clone returns an independent copy of the store.
func (s *RefreshStore) Clone() *RefreshStore {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return &RefreshStore{entries: maps.Clone(s.entries)}
}

// Prune forgets refresh tokens expired at now and returns how many it dropped.
func (s *RefreshStore) Prune(now time.Time) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for k, e := range s.entries {
		if now.Unix() >= e.expires {
			delete(s.entries, k)
			n++
		}
	}
	return n
}

func (s *RefreshStore) put(token string, e refreshEntry) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.entries[token] = e
}

func (s *RefreshStore) get(token string) (refreshEntry, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	e, ok := s.entries[token]
	return e, ok
}

// SignedIn names who holds a refresh token still valid at now (an email, else an
// organisation, else a user id), once each, sorted.
func (s *RefreshStore) SignedIn(now time.Time) []string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	seen := map[string]bool{}
	for _, e := range s.entries {
		if now.Unix() >= e.expires {
			continue
		}
		name := e.principal.Email
		if name == "" {
			name = e.principal.Organization
		}
		if name == "" {
			name = e.principal.UserID
		}
		seen[name] = true
	}
	out := slices.Sorted(maps.Keys(seen))
	if out == nil {
		out = []string{}
	}
	return out
}
