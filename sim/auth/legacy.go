package auth

import (
	"crypto/subtle"
	"encoding/hex"
	"fmt"
	"io"
	"maps"
	"strings"
	"time"
)

// Legacy tokens: Kraken's deprecated emailAuthentication and apiKeyAuthentication answer
// a Django REST framework token, one per user (the same key until it is deleted), which
// signs the user in as the Authorization header, bare or as "Token <key>", and does not
// expire. disableToken deletes the legacy token that authenticated a request, or
// withdraws the one access token that did; forceReauthentication withdraws both kinds.

// GrantLegacyToken is the grant type of the claims a legacy token carries.
const GrantLegacyToken = "LEGACY-TOKEN"

// LegacyRefusal is the message a refused legacy sign-in answers.
const LegacyRefusal = "Unable to log in with provided credentials."

type legacyEntry struct {
	principal Principal
	created   int64 // Unix seconds
}

// Legacy signs a user in for emailAuthentication (in.Email and in.Password) or
// apiKeyAuthentication (in.APIKey): the user's legacy token, made on first use; false
// when the credentials sign no user in.
func (i *Issuer) Legacy(in ObtainInput, creds Credentials) (string, bool, error) {
	if creds == nil {
		return "", false, nil
	}
	var (
		p     Principal
		found bool
	)
	switch {
	case in.APIKey != "":
		p, found = creds.ByAPIKey(in.APIKey)
	case in.Email != "" && in.Password != "":
		var pw string
		p, pw, found = creds.ByEmail(in.Email)
		found = found && subtle.ConstantTimeCompare([]byte(pw), []byte(in.Password)) == 1
	}
	if !found || p.Locked || p.UserID == "" {
		return "", false, nil
	}
	var b [20]byte
	if _, err := io.ReadFull(i.rand, b[:]); err != nil {
		return "", false, fmt.Errorf("auth: drawing a legacy token: %w", err)
	}
	return i.store.legacyFor(p, hex.EncodeToString(b[:]), i.clock.Now().Unix()), true, nil
}

// Disable withdraws the credential an Authorization header carries: a legacy token is
// deleted, an access token refused from then on. It fails as Authenticate does.
func (i *Issuer) Disable(header string) (*Claims, *Failure) {
	c, f := i.Authenticate(header)
	if f != nil {
		return nil, f
	}
	_, cred := ParseAuthorization(header)
	if c.GrantType == GrantLegacyToken {
		i.store.dropLegacy(cred)
	} else {
		i.store.disable(cred, c.ExpiresAt.Unix(), i.clock.Now().Unix())
	}
	return c, nil
}

// legacyClaims are the claims of a legacy token, if the store holds it.
func (i *Issuer) legacyClaims(scheme, cred string) (*Claims, bool) {
	if scheme != "" && !strings.EqualFold(scheme, "Token") || strings.IndexByte(cred, '.') >= 0 {
		return nil, false
	}
	e, ok := i.store.legacyEntry(cred)
	if !ok {
		return nil, false
	}
	return &Claims{
		Subject: e.principal.Subject(), UserID: e.principal.UserID, Email: e.principal.Email,
		GrantType: GrantLegacyToken, TokenUse: TokenUseAccess, Issuer: i.iss,
		IssuedAt: time.Unix(e.created, 0), OrigIat: time.Unix(e.created, 0),
	}, true
}

func (s *RefreshStore) legacyFor(p Principal, key string, now int64) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	for k, e := range s.legacy {
		if e.principal.UserID == p.UserID {
			return k
		}
	}
	if s.legacy == nil {
		s.legacy = map[string]legacyEntry{}
	}
	s.legacy[key] = legacyEntry{principal: p, created: now}
	return key
}

func (s *RefreshStore) legacyEntry(key string) (legacyEntry, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	e, ok := s.legacy[key]
	return e, ok
}

func (s *RefreshStore) dropLegacy(key string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.legacy, key)
}

// disable refuses an access token until its expiry, forgetting those already expired.
func (s *RefreshStore) disable(token string, exp, now int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.disabled == nil {
		s.disabled = map[string]int64{}
	}
	maps.DeleteFunc(s.disabled, func(_ string, until int64) bool { return until <= now })
	s.disabled[token] = exp
	s.anyDisabled.Store(true)
}

// isDisabled reports whether disableToken withdrew an access token.
func (s *RefreshStore) isDisabled(token string) bool {
	if !s.anyDisabled.Load() {
		return false
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	_, ok := s.disabled[token]
	return ok
}
