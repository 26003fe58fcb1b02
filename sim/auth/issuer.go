package auth

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/golang-jwt/jwt/v5"

	"github.com/krakensim/krakensim/internal/ascii"
)

// DefaultIssuer is the iss claim of the tokens an issuer made without one signs before
// Named tells it where they are obtained.
const DefaultIssuer = "https://api.krakensim.dev/v1/graphql/"

// Issuer signs Kraken tokens (HS256) and checks them, on a virtual clock. Safe for
// concurrent use.
type Issuer struct {
	secret []byte
	iss    string
	// perOrigin is set when the issuer was made without an iss: Named names each
	// token's, and any iss is accepted.
	perOrigin bool
	clock     *Clock
	store     *RefreshStore
	rand      io.Reader
	parser    *jwt.Parser
	signer    *signer
	known     *verified
}

// NewIssuer returns an issuer signing with secret, naming iss as the token issuer and
// accepting only tokens that name it, reading time from clock (real time when nil), with
// a fresh refresh-token store. With iss empty its tokens name where they were obtained
// (Named; DefaultIssuer until told) and it accepts any iss its key signed.
func NewIssuer(secret []byte, iss string, clock *Clock) *Issuer {
	perOrigin := iss == ""
	if perOrigin {
		iss = DefaultIssuer
	}
	i := &Issuer{
		secret:    append([]byte(nil), secret...),
		iss:       iss,
		perOrigin: perOrigin,
		clock:     clock,
		store:     NewRefreshStore(),
		rand:      rand.Reader,
		signer:    newSigner(secret),
		known:     &verified{},
	}
	opts := []jwt.ParserOption{
		jwt.WithValidMethods([]string{jwt.SigningMethodHS256.Alg()}),
		jwt.WithTimeFunc(clock.Now),
		jwt.WithExpirationRequired(),
	}
	if !perOrigin {
		opts = append(opts, jwt.WithIssuer(iss))
	}
	i.parser = jwt.NewParser(opts...)
	return i
}

// Named returns an issuer sharing i's state whose tokens name iss, when i was made
// without an iss; i itself when it names a fixed one.
func (i *Issuer) Named(iss string) *Issuer {
	if !i.perOrigin || iss == "" {
		return i
	}
	c := *i
	c.iss = iss
	return &c
}

// WithStore returns an issuer sharing i's key, issuer name and clock that keeps refresh
// tokens in s; a session that owns its store uses it.
func (i *Issuer) WithStore(s *RefreshStore) *Issuer {
	c := *i
	c.store = s
	return &c
}

// WithRandom returns an issuer sharing i's state that draws refresh tokens from r, for
// deterministic runs.
func (i *Issuer) WithRandom(r io.Reader) *Issuer {
	c := *i
	c.rand = r
	return &c
}

// Store is the issuer's refresh-token store.
func (i *Issuer) Store() *RefreshStore { return i.store }

// Clock is the issuer's virtual clock.
func (i *Issuer) Clock() *Clock { return i.clock }

// Name is the issuer's iss claim.
func (i *Issuer) Name() string { return i.iss }

// tokenClaims is the JWT body, its fields in the order Kraken's payload lists them.
type tokenClaims struct {
	Sub      string `json:"sub"`
	Gty      string `json:"gty"`
	Email    string `json:"email,omitempty"`
	Scope    string `json:"scope,omitempty"`
	TokenUse string `json:"tokenUse"`
	Iss      string `json:"iss"`
	Iat      int64  `json:"iat"`
	Exp      int64  `json:"exp"`
	OrigIat  int64  `json:"origIat"`
}

func (c *tokenClaims) GetExpirationTime() (*jwt.NumericDate, error) {
	if c.Exp == 0 {
		return nil, nil
	}
	return jwt.NewNumericDate(time.Unix(c.Exp, 0)), nil
}
func (c *tokenClaims) GetIssuedAt() (*jwt.NumericDate, error) {
	return jwt.NewNumericDate(time.Unix(c.Iat, 0)), nil
}
func (c *tokenClaims) GetNotBefore() (*jwt.NumericDate, error) { return nil, nil }
func (c *tokenClaims) GetIssuer() (string, error)              { return c.Iss, nil }
func (c *tokenClaims) GetSubject() (string, error)             { return c.Sub, nil }
func (c *tokenClaims) GetAudience() (jwt.ClaimStrings, error)  { return nil, nil }

func (c *tokenClaims) payload() map[string]any {
	m := map[string]any{
		"sub":      c.Sub,
		"gty":      c.Gty,
		"tokenUse": c.TokenUse,
		"iss":      c.Iss,
		"iat":      c.Iat,
		"exp":      c.Exp,
		"origIat":  c.OrigIat,
	}
	if c.Email != "" {
		m["email"] = c.Email
	}
	if c.Scope != "" {
		m["scope"] = c.Scope
	}
	return m
}

// modes names the sign-in modes present in an input.
func modes(in ObtainInput) []string {
	var m []string
	if in.Email != "" || in.Password != "" {
		m = append(m, "email")
	}
	if in.APIKey != "" {
		m = append(m, "APIKey")
	}
	if in.RefreshToken != "" {
		m = append(m, "refreshToken")
	}
	if in.PreSignedKey != "" {
		m = append(m, "preSignedKey")
	}
	if in.OrganizationSecretKey != "" {
		m = append(m, "organizationSecretKey")
	}
	return m
}

// Obtain runs obtainKrakenToken: exactly one sign-in mode, checked against creds (or,
// for refreshToken, against the issuer's store).
func (i *Issuer) Obtain(in ObtainInput, creds Credentials) (*Token, *Failure) {
	m := modes(in)
	switch {
	case len(m) == 0:
		return nil, fail(CodeInputCombination, "", "no sign-in field was given")
	case len(m) > 1:
		return nil, fail(CodeInputCombination, "", "more than one sign-in mode was given: "+strings.Join(m, ", "))
	}
	if m[0] == "refreshToken" {
		return i.refresh(in.RefreshToken, creds)
	}
	if creds == nil {
		return nil, fail(CodeAuthenticationFailed, "", "no credentials are configured")
	}
	var (
		p     Principal
		grant string
		found bool
	)
	switch m[0] {
	case "email":
		switch {
		case in.Email == "":
			return nil, fail(CodeEmailPasswordIncomplete, "email", "a password was given without an email")
		case in.Password == "":
			return nil, fail(CodeEmailPasswordIncomplete, "password", "an email was given without a password")
		}
		var pw string
		p, pw, found = creds.ByEmail(in.Email)
		if !found || subtle.ConstantTimeCompare([]byte(pw), []byte(in.Password)) != 1 {
			return nil, fail(CodeBadCredentials, "", "no user has this email and password")
		}
		grant = GrantEmailAndPassword
	case "APIKey":
		if p, found = creds.ByAPIKey(in.APIKey); !found {
			// Kraken answers a bad API key with 1139 ("Authentication failed."), which
			// clients use to tell a bad key from a network problem.
			return nil, fail(CodeAuthenticationFailed, "APIKey", "no user has this API key")
		}
		grant = GrantAPIKey
	case "preSignedKey":
		if p, found = creds.ByPreSignedKey(in.PreSignedKey); !found {
			return nil, fail(CodeAuthenticationFailed, "preSignedKey", "the pre-signed key is unknown or no longer valid")
		}
		grant = GrantPreSignedKey
	case "organizationSecretKey":
		if p, found = creds.ByOrganizationSecretKey(in.OrganizationSecretKey); !found {
			return nil, fail(CodeOrganizationSecretInvalid, "organizationSecretKey", "no organization has this secret key")
		}
		grant = GrantOrganizationSecretKey
	}
	if p.Locked {
		return nil, fail(CodeAuthenticationFailed, "", "the user may not sign in")
	}
	if p.UserID == "" && p.Organization == "" {
		return nil, fail(CodeAuthenticationFailed, "", "the credential names no user or organization")
	}
	now := i.clock.Now().Unix()
	tok, err := i.sign(p, grant, now, now)
	if err != nil {
		return nil, fail(CodeAuthenticationFailed, "", err.Error())
	}
	rt, err := i.newRefreshToken()
	if err != nil {
		return nil, fail(CodeAuthenticationFailed, "", err.Error())
	}
	exp := now + int64(RefreshTTL/time.Second)
	i.store.put(rt, refreshEntry{principal: p, grant: grant, origIat: now, expires: exp})
	tok.RefreshToken, tok.RefreshExpiresIn = rt, exp
	return tok, nil
}

// Masquerade signs an access token for p with the masquerade grant: a support user
// acting as the customer, for an hour, with no refresh token.
func (i *Issuer) Masquerade(p Principal) (*Token, error) { return i.Grant(p, GrantMasquerade) }

// Grant signs an hour's access token for p with the grant type given and no refresh
// token: a token a mutation hands out for one purpose.
func (i *Issuer) Grant(p Principal, grant string) (*Token, error) {
	now := i.clock.Now().Unix()
	return i.sign(p, grant, now, now)
}

// LongLivedRefreshTTL is how long a refresh token issued to a third party for a user
// (obtainLongLivedRefreshToken) lasts.
const LongLivedRefreshTTL = 365 * 24 * time.Hour

// LongLived issues a refresh token for p that lasts LongLivedRefreshTTL, with p's
// original grant; it returns the token and its expiry in Unix seconds.
func (i *Issuer) LongLived(p Principal, grant string) (string, int64, error) {
	rt, err := i.newRefreshToken()
	if err != nil {
		return "", 0, err
	}
	now := i.clock.Now().Unix()
	exp := now + int64(LongLivedRefreshTTL/time.Second)
	i.store.put(rt, refreshEntry{principal: p, grant: grant, origIat: now, expires: exp})
	return rt, exp, nil
}

// refresh signs a new access token for a stored refresh token, keeping its grant type,
// scope and origIat, with the user's claims as creds has them now when it can find
// users; the refresh token and its expiry stay the same (Kraken's refresh window runs
// from the original sign-in).
func (i *Issuer) refresh(rt string, creds Credentials) (*Token, *Failure) {
	e, ok := i.store.get(rt)
	if !ok {
		return nil, fail(CodeRefreshInvalid, "refreshToken", "the refresh token was not issued by this server")
	}
	now := i.clock.Now().Unix()
	if now >= e.expires {
		return nil, fail(CodeRefreshExpired, "refreshToken", "the refresh token has expired")
	}
	p := e.principal
	if users, ok := creds.(UserCredentials); ok && p.UserID != "" {
		if cur, found := users.ByUserID(p.UserID); found {
			if cur.Locked {
				return nil, fail(CodeAuthenticationFailed, "", "the user may not sign in")
			}
			cur.Scope = p.Scope
			p = cur
		}
	}
	tok, err := i.sign(p, e.grant, now, e.origIat)
	if err != nil {
		return nil, fail(CodeAuthenticationFailed, "", err.Error())
	}
	tok.RefreshToken, tok.RefreshExpiresIn = rt, e.expires
	return tok, nil
}

func (i *Issuer) sign(p Principal, grant string, iat, origIat int64) (*Token, error) {
	if r := i.store.revokedUntil(p.UserID); iat <= r { // after a revocation in this second
		iat, origIat = r+1, r+1
	}
	c := &tokenClaims{
		Sub:      p.Subject(),
		Gty:      grant,
		Email:    p.Email,
		Scope:    p.Scope,
		TokenUse: TokenUseAccess,
		Iss:      i.iss,
		Iat:      iat,
		Exp:      iat + int64(AccessTTL/time.Second),
		OrigIat:  origIat,
	}
	s, err := i.signer.sign(c)
	if err != nil {
		return nil, fmt.Errorf("auth: signing the token: %w", err)
	}
	return &Token{Token: s, claims: *c}, nil
}

func (i *Issuer) newRefreshToken() (string, error) {
	var b [32]byte
	if _, err := io.ReadFull(i.rand, b[:]); err != nil {
		return "", fmt.Errorf("auth: drawing a refresh token: %w", err)
	}
	return hex.EncodeToString(b[:]), nil
}

// PayloadJSON is the token's payload exactly as signed, in Kraken's key order, or nil
// when tok is not a well-formed JWT.
func PayloadJSON(tok string) json.RawMessage {
	parts := strings.Split(tok, ".")
	if len(parts) != 3 {
		return nil
	}
	b, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil || !json.Valid(b) {
		return nil
	}
	return b
}

// unsigned reports whether tok is a JWT whose header says "alg": "none", as a
// recording's fake tokens are.
func unsigned(tok string) bool {
	head, _, ok := strings.Cut(tok, ".")
	if !ok {
		return false
	}
	b, err := base64.RawURLEncoding.DecodeString(head)
	var h struct {
		Alg string `json:"alg"`
	}
	return err == nil && json.Unmarshal(b, &h) == nil && h.Alg == "none"
}

// Authenticate checks an Authorization header value: the raw token or "JWT <token>".
func (i *Issuer) Authenticate(header string) (*Claims, *Failure) {
	scheme, cred := ParseAuthorization(header)
	if scheme == "" && cred == "" {
		return nil, fail(CodeHeaderMissing, "", "no Authorization header")
	}
	if c, ok := i.legacyClaims(scheme, cred); ok {
		return c, nil
	}
	if scheme != "" && !strings.EqualFold(scheme, "JWT") {
		return nil, fail(CodeInvalidCredential, "", "unsupported Authorization scheme "+quoteShort(scheme))
	}
	if cred == "" {
		return nil, fail(CodeInvalidCredential, "", "the Authorization header has no token")
	}
	if known := i.known.get(cred); known != nil {
		if !i.clock.Now().Before(known.ExpiresAt) {
			return nil, expiredFailure(known.ExpiresAt)
		}
		if i.withdrawn(known) || i.store.isDisabled(cred) {
			return nil, withdrawnFailure()
		}
		c := *known
		return &c, nil
	}
	var c tokenClaims
	_, err := i.parser.ParseWithClaims(cred, &c, i.key)
	switch {
	case err == nil:
	case errors.Is(err, jwt.ErrTokenExpired):
		return nil, expiredFailure(time.Unix(c.Exp, 0))
	case unsigned(cred):
		f := fail(CodeInvalidCredential, "", RecordedTokenReason)
		f.Recorded = true
		return nil, f
	default:
		return nil, fail(CodeInvalidCredential, "", "not a token of this server: "+err.Error())
	}
	if c.TokenUse != TokenUseAccess {
		return nil, fail(CodeInvalidCredential, "", "not an access token")
	}
	user, org, ok := subjectParts(c.Sub)
	if !ok {
		return nil, fail(CodeInvalidCredential, "", "the token names no user or organization")
	}
	claims := &Claims{
		Subject:      c.Sub,
		UserID:       user,
		Organization: org,
		Email:        c.Email,
		GrantType:    c.Gty,
		Scope:        c.Scope,
		TokenUse:     c.TokenUse,
		Issuer:       c.Iss,
		IssuedAt:     time.Unix(c.Iat, 0),
		ExpiresAt:    time.Unix(c.Exp, 0),
		OrigIat:      time.Unix(c.OrigIat, 0),
	}
	known := *claims
	i.known.put(cred, &known)
	if i.withdrawn(claims) || i.store.isDisabled(cred) {
		return nil, withdrawnFailure()
	}
	return claims, nil
}

// withdrawn reports whether forceReauthentication withdrew a token: one of its user's
// issued at or before the revocation.
func (i *Issuer) withdrawn(c *Claims) bool {
	r := i.store.revokedUntil(c.UserID)
	return r != 0 && c.IssuedAt.Unix() <= r
}

func withdrawnFailure() *Failure {
	return fail(CodeInvalidCredential, "", "the token was withdrawn (forceReauthentication or disableToken); sign in again")
}

func (i *Issuer) key(t *jwt.Token) (any, error) {
	if _, ok := t.Method.(*jwt.SigningMethodHMAC); !ok {
		return nil, fmt.Errorf("unexpected signing method %v", t.Header["alg"])
	}
	return i.secret, nil
}

// ParseAuthorization splits an Authorization header value into its scheme and
// credential: "JWT abc" gives ("JWT", "abc"), a bare "abc" gives ("", "abc"); surrounding
// blanks are ignored.
func ParseAuthorization(header string) (scheme, credential string) {
	h := strings.TrimSpace(header)
	n := ascii.Span(h, '!', 0x7f, 0x7f) // no white space in a run of visible ASCII
	if k := strings.IndexFunc(h[n:], unicode.IsSpace); k >= 0 {
		_, size := utf8.DecodeRuneInString(h[n+k:])
		return h[:n+k], strings.TrimSpace(h[n+k+size:])
	}
	return "", h
}

func quoteShort(s string) string {
	if len(s) > 20 {
		s = s[:20] + "…"
	}
	return fmt.Sprintf("%q", s)
}
