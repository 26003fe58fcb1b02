package auth

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"hash"
	"sync"
	"time"
)

// hs256Header is the first segment of every token: golang-jwt's encoding of
// {"alg":"HS256","typ":"JWT"}, which it also checks when reading one.
const hs256Header = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"

// signer makes HS256 tokens as golang-jwt does, byte for byte, reusing its MACs.
type signer struct {
	pool sync.Pool // of hash.Hash keyed with the secret
}

func newSigner(secret []byte) *signer {
	key := append([]byte(nil), secret...)
	return &signer{pool: sync.Pool{New: func() any { return hmac.New(sha256.New, key) }}}
}

// sign encodes c and signs header.payload.
func (s *signer) sign(c *tokenClaims) (string, error) {
	payload, err := json.Marshal(c)
	if err != nil {
		return "", err
	}
	enc := base64.RawURLEncoding
	n := len(hs256Header) + 1 + enc.EncodedLen(len(payload))
	buf := make([]byte, n, n+1+enc.EncodedLen(sha256.Size))
	copy(buf, hs256Header)
	buf[len(hs256Header)] = '.'
	enc.Encode(buf[len(hs256Header)+1:], payload)
	mac := s.pool.Get().(hash.Hash)
	mac.Reset()
	mac.Write(buf)
	var sum [sha256.Size]byte
	mac.Sum(sum[:0])
	s.pool.Put(mac)
	buf = append(buf, '.')
	buf = enc.AppendEncode(buf, sum[:])
	return string(buf), nil
}

// verifiedSize is how many tokens a session remembers as verified: clients send one
// or two again and again.
const verifiedSize = 16

// verified remembers the claims of the access tokens an issuer has checked, so that a
// client sending the same token again is not decoded and verified again. Expiry is
// checked on every use, on the issuer's clock.
type verified struct {
	mu sync.Mutex
	m  map[string]*Claims
}

func (v *verified) get(token string) *Claims {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.m[token]
}

func (v *verified) put(token string, c *Claims) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.m == nil {
		v.m = make(map[string]*Claims, verifiedSize)
	}
	if len(v.m) >= verifiedSize {
		for k := range v.m {
			delete(v.m, k)
			break
		}
	}
	v.m[token] = c
}

// expiredFailure is the failure of a token whose exp has passed.
func expiredFailure(exp time.Time) *Failure {
	return fail(CodeTokenExpired, "", "the token expired at "+exp.UTC().Format(time.RFC3339))
}
