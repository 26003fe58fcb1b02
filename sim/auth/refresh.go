package auth

import (
	"maps"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// DefaultMaxRefreshTokens bounds the refresh tokens a store keeps; signing in again
// beyond it forgets the oldest, which then fails as an unknown token (KT-CT-1135).
const DefaultMaxRefreshTokens = 1000

// RefreshTokenBytes estimates the memory one stored refresh token takes.
const RefreshTokenBytes = 256

// RefreshStore remembers the refresh tokens an Issuer handed out, up to a limit: the
// oldest goes first. A session owns one, so resetting or cloning a session resets or
// clones its sign-ins. Safe for concurrent use.
type RefreshStore struct {
	mu      sync.RWMutex
	entries map[string]refreshEntry
	// order lists the tokens oldest first; it may hold tokens already pruned.
	order []string
	max   int
	// revoked is, for each user forceReauthentication reached, the second until which
	// (inclusive) the user's tokens were withdrawn.
	revoked map[string]int64
	// legacy holds the legacy tokens by key; disabled the access tokens disableToken
	// withdrew, with their expiry.
	legacy      map[string]legacyEntry
	disabled    map[string]int64
	anyDisabled atomic.Bool
}

type refreshEntry struct {
	principal Principal
	grant     string
	origIat   int64
	expires   int64 // Unix seconds
}

// NewRefreshStore returns an empty store keeping up to DefaultMaxRefreshTokens tokens.
func NewRefreshStore() *RefreshStore { return NewBoundedRefreshStore(DefaultMaxRefreshTokens) }

// NewBoundedRefreshStore returns an empty store keeping up to max tokens (at least one;
// 0 or less is DefaultMaxRefreshTokens).
func NewBoundedRefreshStore(max int) *RefreshStore {
	if max <= 0 {
		max = DefaultMaxRefreshTokens
	}
	return &RefreshStore{entries: map[string]refreshEntry{}, max: max}
}

// Len is how many refresh tokens the store holds, expired ones included.
func (s *RefreshStore) Len() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return len(s.entries)
}

// Held is how many tokens the store holds of every kind: refresh, legacy and withdrawn.
func (s *RefreshStore) Held() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return len(s.entries) + len(s.legacy) + len(s.disabled)
}

// Max is the most refresh tokens the store keeps.
func (s *RefreshStore) Max() int { return s.max }

// Reset forgets every refresh token.
func (s *RefreshStore) Reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.entries = map[string]refreshEntry{}
	s.order = nil
	s.revoked = nil
	s.legacy, s.disabled = nil, nil
	s.anyDisabled.Store(false)
}

// Revoke withdraws every access and refresh token issued to a user until now: access
// tokens issued at or before now fail from then on, refresh tokens are forgotten, and
// tokens signed for the user later are dated after now, so a frozen clock tells them
// apart. It returns how many refresh tokens it forgot.
func (s *RefreshStore) Revoke(user string, now time.Time) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.revoked == nil {
		s.revoked = map[string]int64{}
	}
	at := max(now.Unix(), s.revoked[user]+1)
	s.revoked[user] = at
	n := 0
	for k, e := range s.entries {
		if e.principal.UserID == user {
			delete(s.entries, k)
			n++
		}
	}
	maps.DeleteFunc(s.legacy, func(_ string, e legacyEntry) bool { return e.principal.UserID == user })
	s.compact()
	return n
}

// RefreshInfo is a refresh token and when it lapses.
type RefreshInfo struct {
	Token   string
	Expires time.Time
}

// Holder returns who holds a refresh token the store keeps.
func (s *RefreshStore) Holder(token string) (Principal, bool) {
	e, ok := s.get(token)
	return e.principal, ok
}

// Invalidate forgets one refresh token, returning it as it was.
func (s *RefreshStore) Invalidate(token string) (RefreshInfo, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	e, ok := s.entries[token]
	if !ok {
		return RefreshInfo{}, false
	}
	delete(s.entries, token)
	s.compact()
	return RefreshInfo{Token: token, Expires: time.Unix(e.expires, 0).UTC()}, true
}

// InvalidateUser forgets every refresh token of a user (their access tokens run on),
// returning them oldest first.
func (s *RefreshStore) InvalidateUser(user string) []RefreshInfo {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := []RefreshInfo{}
	for _, t := range s.order {
		if e, ok := s.entries[t]; ok && user != "" && e.principal.UserID == user {
			out = append(out, RefreshInfo{Token: t, Expires: time.Unix(e.expires, 0).UTC()})
			delete(s.entries, t)
		}
	}
	s.compact()
	return out
}

// revokedUntil is the second until which a user's tokens were withdrawn; 0 for none.
func (s *RefreshStore) revokedUntil(user string) int64 {
	if user == "" {
		return 0
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.revoked[user]
}

// Clone returns an independent copy of the store.
func (s *RefreshStore) Clone() *RefreshStore {
	s.mu.RLock()
	defer s.mu.RUnlock()
	c := &RefreshStore{entries: maps.Clone(s.entries), order: slices.Clone(s.order), max: s.max, revoked: maps.Clone(s.revoked),
		legacy: maps.Clone(s.legacy), disabled: maps.Clone(s.disabled)}
	c.anyDisabled.Store(len(c.disabled) > 0)
	return c
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
	s.compact()
	return n
}

func (s *RefreshStore) put(token string, e refreshEntry) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.entries[token]; !ok {
		s.order = append(s.order, token)
	}
	s.entries[token] = e
	for len(s.entries) > s.max && len(s.order) > 0 {
		delete(s.entries, s.order[0])
		s.order[0] = ""
		s.order = s.order[1:]
	}
	if len(s.order) > 2*len(s.entries)+16 {
		s.compact()
	}
}

// compact drops forgotten tokens from order, into a fresh array so that the old one
// (which slicing off the front keeps alive) is freed.
func (s *RefreshStore) compact() {
	kept := make([]string, 0, len(s.entries))
	for _, t := range s.order {
		if _, ok := s.entries[t]; ok {
			kept = append(kept, t)
		}
	}
	s.order = kept
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
