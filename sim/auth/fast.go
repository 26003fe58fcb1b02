package auth

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"hash"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
	"unsafe"

	"github.com/krakensim/krakensim/internal/ascii"
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
	var room [256]byte
	payload := c.appendJSON(room[:0])
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
	// buf is this token's own and nothing writes to it again: the string can share it.
	return unsafe.String(unsafe.SliceData(buf), len(buf)), nil
}

// appendJSON appends c as json.Marshal encodes it (the payload golang-jwt signs).
func (c *tokenClaims) appendJSON(b []byte) []byte {
	b = append(b, `{"sub":`...)
	b = appendJSONString(b, c.Sub)
	b = append(b, `,"gty":`...)
	b = appendJSONString(b, c.Gty)
	if c.Email != "" {
		b = append(b, `,"email":`...)
		b = appendJSONString(b, c.Email)
	}
	if c.Scope != "" {
		b = append(b, `,"scope":`...)
		b = appendJSONString(b, c.Scope)
	}
	b = append(b, `,"tokenUse":`...)
	b = appendJSONString(b, c.TokenUse)
	b = append(b, `,"iss":`...)
	b = appendJSONString(b, c.Iss)
	b = append(b, `,"iat":`...)
	b = strconv.AppendInt(b, c.Iat, 10)
	b = append(b, `,"exp":`...)
	b = strconv.AppendInt(b, c.Exp, 10)
	b = append(b, `,"origIat":`...)
	b = strconv.AppendInt(b, c.OrigIat, 10)
	return append(b, '}')
}

// appendJSONString appends s quoted as encoding/json quotes it: HTML characters, the
// line and paragraph separators and invalid UTF-8 escaped.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); {
		n := ascii.Span(s[i:], 0x20, '"', '\\')
		if j := strings.IndexAny(s[i:i+n], "<>&"); j >= 0 {
			n = j
		}
		if n > 0 {
			b = append(b, s[i:i+n]...)
			if i += n; i == len(s) {
				break
			}
		}
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '\\' || c == '"':
				b = append(b, '\\', c)
			case c == '\b':
				b = append(b, '\\', 'b')
			case c == '\f':
				b = append(b, '\\', 'f')
			case c == '\n':
				b = append(b, '\\', 'n')
			case c == '\r':
				b = append(b, '\\', 'r')
			case c == '\t':
				b = append(b, '\\', 't')
			case c < 0x20 || c == '<' || c == '>' || c == '&':
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			default:
				b = append(b, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xf])
		default:
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return append(b, '"')
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
