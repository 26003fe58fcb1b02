package auth

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

var update = flag.Bool("update", false, "rewrite golden files")

var testSecret = []byte("krakensim-test-secret")

const testIss = "https://api.krakensim.dev/v1/graphql/"

// fixtureCreds is an in-memory Credentials, as the world's fixtures provide.
type fixtureCreds struct {
	users map[string]userRec
	api   map[string]Principal
	pre   map[string]Principal
	org   map[string]Principal
}

type userRec struct {
	p  Principal
	pw string
}

var (
	dan    = Principal{UserID: "3235447", Email: "dan@archer.example"}
	locked = Principal{UserID: "99", Email: "locked@archer.example", Locked: true}
	acme   = Principal{Organization: "acme-energy-services"}
)

func testCreds() *fixtureCreds {
	return &fixtureCreds{
		users: map[string]userRec{
			dan.Email:    {dan, "correct horse battery"},
			locked.Email: {locked, "locked-pass"},
		},
		api: map[string]Principal{"sk_live_DANdanDANdan1234567890ab": dan, "sk_live_LOCKED": locked},
		pre: map[string]Principal{"psk_meter_reading_7f3a": dan},
		org: map[string]Principal{"sk_live_org_ACME0001": acme},
	}
}

func (c *fixtureCreds) ByEmail(email string) (Principal, string, bool) {
	u, ok := c.users[email]
	return u.p, u.pw, ok
}
func (c *fixtureCreds) ByAPIKey(k string) (Principal, bool)       { p, ok := c.api[k]; return p, ok }
func (c *fixtureCreds) ByPreSignedKey(k string) (Principal, bool) { p, ok := c.pre[k]; return p, ok }
func (c *fixtureCreds) ByOrganizationSecretKey(k string) (Principal, bool) {
	p, ok := c.org[k]
	return p, ok
}

// countingReader yields 0, 1, 2, … so refresh tokens are deterministic.
type countingReader struct {
	mu sync.Mutex
	n  byte
}

func (r *countingReader) Read(b []byte) (int, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for i := range b {
		b[i] = r.n
		r.n++
	}
	return len(b), nil
}

func newTestIssuer() (*Issuer, *Clock) {
	clock := NewFrozenClock(t0)
	return NewIssuer(testSecret, testIss, clock).WithRandom(&countingReader{}), clock
}

// decode verifies tok independently of the Issuer and returns its claims.
func decode(t *testing.T, tok string, clock *Clock) jwt.MapClaims {
	t.Helper()
	claims := jwt.MapClaims{}
	_, err := jwt.ParseWithClaims(tok, claims, func(*jwt.Token) (any, error) { return testSecret, nil },
		jwt.WithValidMethods([]string{"HS256"}), jwt.WithTimeFunc(clock.Now))
	if err != nil {
		t.Fatalf("decoding token: %v", err)
	}
	return claims
}

func TestObtainModes(t *testing.T) {
	iat := float64(t0.Unix())
	tests := []struct {
		name  string
		in    ObtainInput
		sub   string
		gty   string
		email string
	}{
		{"email and password", ObtainInput{Email: dan.Email, Password: "correct horse battery"}, "kraken|account-user:3235447", "EMAIL-AND-PASSWORD", dan.Email},
		{"API key", ObtainInput{APIKey: "sk_live_DANdanDANdan1234567890ab"}, "kraken|account-user:3235447", "API-KEY", dan.Email},
		{"pre-signed key", ObtainInput{PreSignedKey: "psk_meter_reading_7f3a"}, "kraken|account-user:3235447", "PRE-SIGNED-KEY", dan.Email},
		{"organization secret key", ObtainInput{OrganizationSecretKey: "sk_live_org_ACME0001"}, "kraken|organization:acme-energy-services", "ORGANIZATION-SECRET-KEY", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			iss, clock := newTestIssuer()
			tok, f := iss.Obtain(tc.in, testCreds())
			if f != nil {
				t.Fatalf("Obtain failed: %v", f)
			}
			want := jwt.MapClaims{
				"sub": tc.sub, "gty": tc.gty, "tokenUse": "access", "iss": testIss,
				"iat": iat, "exp": iat + 3600, "origIat": iat,
			}
			if tc.email != "" {
				want["email"] = tc.email
			}
			if got := decode(t, tok.Token, clock); !reflect.DeepEqual(got, want) {
				t.Errorf("token claims\n got %v\nwant %v", got, want)
			}
			wantPayload := map[string]any{}
			for k, v := range want {
				if f, ok := v.(float64); ok {
					v = int64(f)
				}
				wantPayload[k] = v
			}
			if !reflect.DeepEqual(tok.Payload(), wantPayload) {
				t.Errorf("Payload\n got %v\nwant %v", tok.Payload(), wantPayload)
			}
			if want := t0.Add(7 * 24 * time.Hour).Unix(); tok.RefreshExpiresIn != want {
				t.Errorf("RefreshExpiresIn = %d, want %d", tok.RefreshExpiresIn, want)
			}
			if len(tok.RefreshToken) != 64 {
				t.Errorf("RefreshToken %q: want 64 hex characters", tok.RefreshToken)
			}
			c, f := iss.Authenticate(tok.Token)
			if f != nil {
				t.Fatalf("Authenticate(own token) failed: %v", f)
			}
			if c.Subject != tc.sub || c.GrantType != tc.gty || c.Email != tc.email || !c.IssuedAt.Equal(t0) || !c.ExpiresAt.Equal(t0.Add(time.Hour)) {
				t.Errorf("claims = %+v", c)
			}
		})
	}
}

func TestPayloadKeyOrder(t *testing.T) {
	iss, _ := newTestIssuer()
	tok, f := iss.Obtain(ObtainInput{APIKey: "sk_live_DANdanDANdan1234567890ab"}, testCreds())
	if f != nil {
		t.Fatal(f)
	}
	got := string(PayloadJSON(tok.Token))
	want := `{"sub":"kraken|account-user:3235447","gty":"API-KEY","email":"dan@archer.example","tokenUse":"access","iss":"` +
		testIss + `","iat":1724155372,"exp":1724158972,"origIat":1724155372}`
	if got != want {
		t.Fatalf("PayloadJSON\n got %s\nwant %s", got, want)
	}
	for _, bad := range []string{"", "a.b", "a.!!!.c", "a.bm90IGpzb24.c"} {
		if p := PayloadJSON(bad); p != nil {
			t.Errorf("PayloadJSON(%q) = %s, want nil", bad, p)
		}
	}
}

func TestObtainFailures(t *testing.T) {
	tests := []struct {
		name  string
		in    ObtainInput
		code  string
		field string
	}{
		{"nothing", ObtainInput{}, CodeInputCombination, ""},
		{"email and API key", ObtainInput{Email: dan.Email, Password: "x", APIKey: "k"}, CodeInputCombination, ""},
		{"API key and refresh token", ObtainInput{APIKey: "k", RefreshToken: "r"}, CodeInputCombination, ""},
		{"pre-signed and organization keys", ObtainInput{PreSignedKey: "p", OrganizationSecretKey: "o"}, CodeInputCombination, ""},
		{"password alone and API key", ObtainInput{Password: "x", APIKey: "k"}, CodeInputCombination, ""},
		{"email without password", ObtainInput{Email: dan.Email}, CodeEmailPasswordIncomplete, "password"},
		{"password without email", ObtainInput{Password: "correct horse battery"}, CodeEmailPasswordIncomplete, "email"},
		{"wrong password", ObtainInput{Email: dan.Email, Password: "correct horse"}, CodeBadCredentials, ""},
		{"unknown email", ObtainInput{Email: "nobody@archer.example", Password: "correct horse battery"}, CodeBadCredentials, ""},
		{"unknown API key", ObtainInput{APIKey: "sk_live_nope"}, CodeAuthenticationFailed, "APIKey"},
		{"locked user by password", ObtainInput{Email: locked.Email, Password: "locked-pass"}, CodeAuthenticationFailed, ""},
		{"locked user by API key", ObtainInput{APIKey: "sk_live_LOCKED"}, CodeAuthenticationFailed, ""},
		{"unknown pre-signed key", ObtainInput{PreSignedKey: "psk_nope"}, CodeAuthenticationFailed, "preSignedKey"},
		{"unknown organization key", ObtainInput{OrganizationSecretKey: "sk_live_org_nope"}, CodeOrganizationSecretInvalid, "organizationSecretKey"},
		{"unknown refresh token", ObtainInput{RefreshToken: "00ff"}, CodeRefreshInvalid, "refreshToken"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			iss, _ := newTestIssuer()
			tok, f := iss.Obtain(tc.in, testCreds())
			if tok != nil || f == nil {
				t.Fatalf("Obtain = %v, %v; want failure %s", tok, f, tc.code)
			}
			if f.Code != tc.code || f.Field != tc.field || f.Reason == "" {
				t.Fatalf("failure = %+v, want code %s field %q", f, tc.code, tc.field)
			}
			if iss.Store().Len() != 0 {
				t.Fatalf("a failed sign-in stored %d refresh tokens", iss.Store().Len())
			}
		})
	}
}

func TestObtainWithoutCredentials(t *testing.T) {
	iss, _ := newTestIssuer()
	if _, f := iss.Obtain(ObtainInput{APIKey: "k"}, nil); f == nil || f.Code != CodeAuthenticationFailed {
		t.Fatalf("nil Credentials: failure %v, want %s", f, CodeAuthenticationFailed)
	}
}

func TestRefreshFlow(t *testing.T) {
	iss, clock := newTestIssuer()
	first, f := iss.Obtain(ObtainInput{Email: dan.Email, Password: "correct horse battery"}, testCreds())
	if f != nil {
		t.Fatal(f)
	}
	clock.Advance(61 * time.Minute)
	if _, f := iss.Authenticate(first.Token); f == nil || f.Code != CodeTokenExpired {
		t.Fatalf("61 minutes on: Authenticate failure %v, want %s", f, CodeTokenExpired)
	}
	second, f := iss.Obtain(ObtainInput{RefreshToken: first.RefreshToken}, nil)
	if f != nil {
		t.Fatalf("refresh failed: %v", f)
	}
	iat := float64(t0.Add(61 * time.Minute).Unix())
	want := jwt.MapClaims{
		"sub": "kraken|account-user:3235447", "gty": "EMAIL-AND-PASSWORD", "email": dan.Email,
		"tokenUse": "access", "iss": testIss, "iat": iat, "exp": iat + 3600, "origIat": float64(t0.Unix()),
	}
	if got := decode(t, second.Token, clock); !reflect.DeepEqual(got, want) {
		t.Fatalf("refreshed claims\n got %v\nwant %v", got, want)
	}
	if second.RefreshToken != first.RefreshToken || second.RefreshExpiresIn != first.RefreshExpiresIn {
		t.Errorf("refresh changed the refresh token or its expiry: %q %d, was %q %d",
			second.RefreshToken, second.RefreshExpiresIn, first.RefreshToken, first.RefreshExpiresIn)
	}
	c, f := iss.Authenticate("JWT " + second.Token)
	if f != nil {
		t.Fatalf("refreshed token refused: %v", f)
	}
	if !c.OrigIat.Equal(t0) || c.GrantType != GrantEmailAndPassword {
		t.Errorf("refreshed claims %+v: want origIat %v and gty %s", c, t0, GrantEmailAndPassword)
	}

	clock.Set(t0.Add(7*24*time.Hour - time.Second))
	if _, f := iss.Obtain(ObtainInput{RefreshToken: first.RefreshToken}, nil); f != nil {
		t.Fatalf("refresh one second before expiry failed: %v", f)
	}
	clock.Set(t0)
	clock.Advance(7*24*time.Hour + time.Second)
	if _, f := iss.Obtain(ObtainInput{RefreshToken: first.RefreshToken}, nil); f == nil || f.Code != CodeRefreshExpired || f.Field != "refreshToken" {
		t.Fatalf("refresh after 7 days: failure %+v, want %s on refreshToken", f, CodeRefreshExpired)
	}
	if n := iss.Store().Prune(clock.Now()); n != 1 {
		t.Fatalf("Prune dropped %d tokens, want 1", n)
	}
	if _, f := iss.Obtain(ObtainInput{RefreshToken: first.RefreshToken}, nil); f == nil || f.Code != CodeRefreshInvalid {
		t.Fatalf("refresh of a pruned token: failure %v, want %s", f, CodeRefreshInvalid)
	}
}

func TestRefreshStoreIsolation(t *testing.T) {
	iss, _ := newTestIssuer()
	tok, f := iss.Obtain(ObtainInput{APIKey: "sk_live_DANdanDANdan1234567890ab"}, testCreds())
	if f != nil {
		t.Fatal(f)
	}
	clone := iss.WithStore(iss.Store().Clone())
	fresh := iss.WithStore(NewRefreshStore())
	iss.Store().Reset()
	tests := []struct {
		name string
		iss  *Issuer
		code string
	}{
		{"reset store", iss, CodeRefreshInvalid},
		{"clone taken before reset", clone, ""},
		{"fresh store", fresh, CodeRefreshInvalid},
	}
	for _, tc := range tests {
		_, f := tc.iss.Obtain(ObtainInput{RefreshToken: tok.RefreshToken}, nil)
		switch {
		case tc.code == "" && f != nil:
			t.Errorf("%s: refresh failed: %v", tc.name, f)
		case tc.code != "" && (f == nil || f.Code != tc.code):
			t.Errorf("%s: failure %v, want %s", tc.name, f, tc.code)
		}
	}
	// Every view shares the key: a token from one authenticates on another.
	if _, f := fresh.Authenticate(tok.Token); f != nil {
		t.Errorf("token refused by an issuer with another store: %v", f)
	}
}

// forge signs claims with the given method and key.
func forge(t *testing.T, m jwt.SigningMethod, key any, claims jwt.MapClaims) string {
	t.Helper()
	s, err := jwt.NewWithClaims(m, claims).SignedString(key)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestAuthenticate(t *testing.T) {
	iss, clock := newTestIssuer()
	tok, f := iss.Obtain(ObtainInput{APIKey: "sk_live_DANdanDANdan1234567890ab"}, testCreds())
	if f != nil {
		t.Fatal(f)
	}
	good := tok.Token
	parts := strings.Split(good, ".")
	flip := func(s string) string {
		b := []byte(s)
		if b[len(b)/2] == 'A' {
			b[len(b)/2] = 'B'
		} else {
			b[len(b)/2] = 'A'
		}
		return string(b)
	}
	iat := t0.Unix()
	valid := func(edit func(jwt.MapClaims)) jwt.MapClaims {
		c := jwt.MapClaims{"sub": "kraken|account-user:3235447", "gty": "API-KEY", "tokenUse": "access",
			"iss": testIss, "iat": iat, "exp": iat + 3600, "origIat": iat}
		if edit != nil {
			edit(c)
		}
		return c
	}
	other := NewIssuer([]byte("another secret"), testIss, clock)
	otherTok, _ := other.Obtain(ObtainInput{APIKey: "sk_live_DANdanDANdan1234567890ab"}, testCreds())
	elsewhere := NewIssuer(testSecret, "https://api.octopus.energy/v1/graphql/", clock)
	elseTok, _ := elsewhere.Obtain(ObtainInput{APIKey: "sk_live_DANdanDANdan1234567890ab"}, testCreds())

	tests := []struct {
		name   string
		header string
		code   string // "" means accepted
	}{
		{"raw token", good, ""},
		{"JWT prefix", "JWT " + good, ""},
		{"lower-case prefix", "jwt " + good, ""},
		{"surrounding blanks", "  JWT\t" + good + " \n", ""},
		{"same claims forged with the right key", forge(t, jwt.SigningMethodHS256, testSecret, valid(nil)), ""},
		{"empty", "", CodeHeaderMissing},
		{"blank", "  \t", CodeHeaderMissing},
		{"Bearer prefix", "Bearer " + good, CodeInvalidCredential},
		{"Token prefix", "Token sk_live_DANdanDANdan1234567890ab", CodeInvalidCredential},
		{"prefix without token", "JWT ", CodeInvalidCredential},
		{"API key as header", "sk_live_DANdanDANdan1234567890ab", CodeInvalidCredential},
		{"garbage", "not a token", CodeInvalidCredential},
		{"two segments", parts[0] + "." + parts[1], CodeInvalidCredential},
		{"tampered signature", parts[0] + "." + parts[1] + "." + flip(parts[2]), CodeInvalidCredential},
		{"tampered payload", parts[0] + "." + flip(parts[1]) + "." + parts[2], CodeInvalidCredential},
		{"alg none", forge(t, jwt.SigningMethodNone, jwt.UnsafeAllowNoneSignatureType, valid(nil)), CodeInvalidCredential},
		{"HS384 with the right key", forge(t, jwt.SigningMethodHS384, testSecret, valid(nil)), CodeInvalidCredential},
		{"other key", otherTok.Token, CodeInvalidCredential},
		{"other issuer", elseTok.Token, CodeInvalidCredential},
		{"refresh token as header", tok.RefreshToken, CodeInvalidCredential},
		{"tokenUse refresh", forge(t, jwt.SigningMethodHS256, testSecret, valid(func(c jwt.MapClaims) { c["tokenUse"] = "refresh" })), CodeInvalidCredential},
		{"foreign subject", forge(t, jwt.SigningMethodHS256, testSecret, valid(func(c jwt.MapClaims) { c["sub"] = "auth0|12" })), CodeInvalidCredential},
		{"empty user id", forge(t, jwt.SigningMethodHS256, testSecret, valid(func(c jwt.MapClaims) { c["sub"] = "kraken|account-user:" })), CodeInvalidCredential},
		{"no exp", forge(t, jwt.SigningMethodHS256, testSecret, valid(func(c jwt.MapClaims) { delete(c, "exp") })), CodeInvalidCredential},
		{"fractional exp", forge(t, jwt.SigningMethodHS256, testSecret, valid(func(c jwt.MapClaims) { c["exp"] = 1.5 })), CodeInvalidCredential},
		{"expired", forge(t, jwt.SigningMethodHS256, testSecret, valid(func(c jwt.MapClaims) { c["exp"] = iat - 1 })), CodeTokenExpired},
		{"expired and tampered", func() string {
			p := strings.Split(forge(t, jwt.SigningMethodHS256, testSecret, valid(func(c jwt.MapClaims) { c["exp"] = iat - 1 })), ".")
			return p[0] + "." + p[1] + "." + flip(p[2])
		}(), CodeInvalidCredential},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, f := iss.Authenticate(tc.header)
			if tc.code == "" {
				if f != nil {
					t.Fatalf("refused: %v", f)
				}
				if c.UserID != "3235447" || c.GrantType != GrantAPIKey || c.TokenUse != "access" || c.Issuer != testIss {
					t.Fatalf("claims = %+v", c)
				}
				return
			}
			if c != nil || f == nil || f.Code != tc.code {
				t.Fatalf("Authenticate = %+v, %v; want failure %s", c, f, tc.code)
			}
			if f.Field != "" {
				t.Errorf("header failure names input field %q", f.Field)
			}
		})
	}
}

func TestAccessTokenExpiry(t *testing.T) {
	iss, clock := newTestIssuer()
	tok, f := iss.Obtain(ObtainInput{PreSignedKey: "psk_meter_reading_7f3a"}, testCreds())
	if f != nil {
		t.Fatal(f)
	}
	steps := []struct {
		advance time.Duration
		code    string
	}{
		{59 * time.Minute, ""},
		{59 * time.Second, ""},
		{time.Second, CodeTokenExpired}, // exactly exp
		{time.Minute, CodeTokenExpired},
		{-2 * time.Minute, ""}, // moving the clock back revives it
	}
	for i, s := range steps {
		clock.Advance(s.advance)
		_, f := iss.Authenticate(tok.Token)
		got := ""
		if f != nil {
			got = f.Code
		}
		if got != s.code {
			t.Fatalf("step %d (now %v): failure %q, want %q", i, clock.Now(), got, s.code)
		}
	}
}

func TestAuthorize(t *testing.T) {
	c := &Claims{UserID: "3235447"}
	org := &Claims{Organization: "acme"}
	tests := []struct {
		name   string
		claims *Claims
		code   string
		owners []string
		want   string
	}{
		{"owner", c, "", []string{"1", "3235447"}, ""},
		{"not owner", c, "", []string{"1"}, CodeUnauthorized},
		{"no owners", c, "", nil, CodeUnauthorized},
		{"field's own code", c, "KT-CT-1128", []string{"1"}, "KT-CT-1128"},
		{"organization", org, "", []string{""}, CodeUnauthorized},
		{"nil claims", nil, "", []string{"3235447"}, CodeUnauthorized},
	}
	for _, tc := range tests {
		f := tc.claims.Authorize(tc.code, tc.owners...)
		got := ""
		if f != nil {
			got = f.Code
		}
		if got != tc.want {
			t.Errorf("%s: Authorize = %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestParseAuthorization(t *testing.T) {
	tests := []struct{ in, scheme, cred string }{
		{"", "", ""},
		{"abc", "", "abc"},
		{"JWT abc", "JWT", "abc"},
		{"Token  sk_live_x ", "Token", "sk_live_x"},
		{"\tBearer\tabc", "Bearer", "abc"},
		{"JWT", "", "JWT"},
		{"a b c", "a", "b c"},
		{"JWT\nabc", "JWT", "abc"},
		{"Token\u00a0sk_live_x", "Token", "sk_live_x"}, // a no-break space is one rune of two bytes
		{"eyJhbGciOiJIUzI1NiJ9.e30.c2ln", "", "eyJhbGciOiJIUzI1NiJ9.e30.c2ln"},
	}
	for _, tc := range tests {
		s, c := ParseAuthorization(tc.in)
		if s != tc.scheme || c != tc.cred {
			t.Errorf("ParseAuthorization(%q) = %q, %q; want %q, %q", tc.in, s, c, tc.scheme, tc.cred)
		}
	}
}

func TestInputFromMap(t *testing.T) {
	got := InputFromMap(map[string]any{
		"email": "a@b.example", "password": "pw", "APIKey": "k", "refreshToken": "r",
		"preSignedKey": "p", "organizationSecretKey": "o", "other": "x",
	})
	want := ObtainInput{Email: "a@b.example", Password: "pw", APIKey: "k", RefreshToken: "r", PreSignedKey: "p", OrganizationSecretKey: "o"}
	if got != want {
		t.Fatalf("InputFromMap = %+v, want %+v", got, want)
	}
	if got := InputFromMap(map[string]any{"email": nil, "APIKey": 12}); got != (ObtainInput{}) {
		t.Fatalf("non-strings read as %+v", got)
	}
}

func TestFailureError(t *testing.T) {
	if got, want := (&Failure{Code: "KT-CT-1135", Field: "refreshToken", Reason: "unknown"}).Error(), "KT-CT-1135: refreshToken: unknown"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	if got, want := (&Failure{Code: "KT-CT-1112", Reason: "missing"}).Error(), "KT-CT-1112: missing"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}

// TestGoldenToken pins the whole answer for a frozen clock and deterministic randomness.
func TestGoldenToken(t *testing.T) {
	iss, _ := newTestIssuer()
	tok, f := iss.Obtain(ObtainInput{Email: dan.Email, Password: "correct horse battery"}, testCreds())
	if f != nil {
		t.Fatal(f)
	}
	got, err := json.MarshalIndent(struct {
		Token            string          `json:"token"`
		Payload          json.RawMessage `json:"payload"`
		RefreshToken     string          `json:"refreshToken"`
		RefreshExpiresIn int64           `json:"refreshExpiresIn"`
	}{tok.Token, PayloadJSON(tok.Token), tok.RefreshToken, tok.RefreshExpiresIn}, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	path := filepath.Join("testdata", "obtain.golden")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("%s differs:\n got %s\nwant %s", path, got, want)
	}
}

func TestConcurrentSignIns(t *testing.T) {
	iss := NewIssuer(testSecret, "", NewFrozenClock(t0))
	if iss.Name() != DefaultIssuer {
		t.Fatalf("Name() = %q, want %q", iss.Name(), DefaultIssuer)
	}
	creds := testCreds()
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for k := 0; k < 50; k++ {
				tok, f := iss.Obtain(ObtainInput{APIKey: "sk_live_DANdanDANdan1234567890ab"}, creds)
				if f != nil {
					errs <- f.Error()
					return
				}
				if _, f := iss.Obtain(ObtainInput{RefreshToken: tok.RefreshToken}, nil); f != nil {
					errs <- f.Error()
					return
				}
				if _, f := iss.Authenticate("JWT " + tok.Token); f != nil {
					errs <- f.Error()
					return
				}
				if g == 0 {
					iss.Clock().Advance(time.Second)
				}
			}
		}(g)
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	if n := iss.Store().Len(); n != 400 {
		t.Fatalf("store holds %d refresh tokens, want 400 distinct", n)
	}
}

// TestRefreshStoreForgetsOldest signs in past the store's limit: the oldest refresh
// tokens fail as unknown (KT-CT-1135), the newest still refresh, and the store holds no
// more than its limit however many sign-ins there are.
func TestRefreshStoreForgetsOldest(t *testing.T) {
	for _, limit := range []int{1, 3, DefaultMaxRefreshTokens} {
		iss := NewIssuer(testSecret, testIss, NewFrozenClock(t0)).WithStore(NewBoundedRefreshStore(limit))
		var tokens []string
		for range limit + 5 {
			tok, f := iss.Obtain(ObtainInput{Email: dan.Email, Password: "correct horse battery"}, testCreds())
			if f != nil {
				t.Fatal(f)
			}
			tokens = append(tokens, tok.RefreshToken)
		}
		if n := iss.Store().Len(); n != limit {
			t.Errorf("limit %d: the store holds %d tokens", limit, n)
		}
		for i, rt := range tokens {
			_, f := iss.Obtain(ObtainInput{RefreshToken: rt}, nil)
			evicted := i < 5
			switch {
			case evicted && (f == nil || f.Code != CodeRefreshInvalid || f.Field != "refreshToken"):
				t.Errorf("limit %d: refresh with evicted token %d: failure %+v, want %s", limit, i, f, CodeRefreshInvalid)
			case !evicted && f != nil:
				t.Errorf("limit %d: refresh with kept token %d failed: %v", limit, i, f)
			}
		}
	}
	if got := NewRefreshStore().Max(); got != DefaultMaxRefreshTokens {
		t.Errorf("a new store keeps %d tokens, want %d", got, DefaultMaxRefreshTokens)
	}
}

// TestRevokeWithdrawsTheUsersTokens withdraws a user's access and refresh tokens, but not
// another user's, nor those signed after it, on a frozen clock.
func TestRevokeWithdrawsTheUsersTokens(t *testing.T) {
	clock := NewClock(time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC))
	clock.Freeze()
	iss := NewIssuer([]byte("0123456789abcdef0123456789abcdef"), "", clock)
	creds := revokeCreds{}
	obtain := func(email string) *Token {
		t.Helper()
		tok, f := iss.Obtain(ObtainInput{Email: email, Password: "pw"}, creds)
		if f != nil {
			t.Fatalf("sign-in %s: %v", email, f)
		}
		return tok
	}
	a, b := obtain("a@example.com"), obtain("b@example.com")
	if n := iss.Store().Revoke("1", clock.Now()); n != 1 {
		t.Errorf("forgot %d refresh tokens, want the user's one", n)
	}
	after := obtain("a@example.com")
	tests := []struct {
		name, token, code string
	}{
		{"the user's token", a.Token, CodeInvalidCredential},
		{"another user's", b.Token, ""},
		{"signed after", after.Token, ""},
	}
	for _, tc := range tests {
		_, f := iss.Authenticate("JWT " + tc.token)
		got := ""
		if f != nil {
			got = f.Code
		}
		if got != tc.code {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.code)
		}
	}
	if _, f := iss.Obtain(ObtainInput{RefreshToken: a.RefreshToken}, creds); f == nil || f.Code != CodeRefreshInvalid {
		t.Errorf("the user's refresh token: %v", f)
	}
	if _, f := iss.Obtain(ObtainInput{RefreshToken: b.RefreshToken}, creds); f != nil {
		t.Errorf("another user's refresh token: %v", f)
	}
}

// revokeCreds signs in a@example.com as user 1 and b@example.com as user 2.
type revokeCreds struct{}

func (revokeCreds) ByEmail(email string) (Principal, string, bool) {
	id := map[string]string{"a@example.com": "1", "b@example.com": "2"}[email]
	return Principal{UserID: id, Email: email}, "pw", id != ""
}
func (revokeCreds) ByAPIKey(string) (Principal, bool)                { return Principal{}, false }
func (revokeCreds) ByPreSignedKey(string) (Principal, bool)          { return Principal{}, false }
func (revokeCreds) ByOrganizationSecretKey(string) (Principal, bool) { return Principal{}, false }

// TestIssuerNamedPerOrigin: an issuer made without an iss signs each token with the iss
// Named gives it and accepts any its key signed, where one with a fixed iss ignores Named
// and refuses another's.
func TestIssuerNamedPerOrigin(t *testing.T) {
	const local, proxied = "http://127.0.0.1:8080/v1/graphql/", "https://api.edfgb-kraken.energy/v1/graphql/"
	in := ObtainInput{APIKey: "sk_live_DANdanDANdan1234567890ab"}
	perOrigin := NewIssuer(testSecret, "", NewFrozenClock(t0))
	fixed := NewIssuer(testSecret, testIss, perOrigin.Clock())
	tests := []struct {
		name          string
		signer, check *Issuer
		iss           string
		accepted      bool
	}{
		{"per origin, named", perOrigin.Named(local), perOrigin, local, true},
		{"per origin, checked by another name", perOrigin.Named(local), perOrigin.Named(proxied), local, true},
		{"per origin, not yet named", perOrigin, perOrigin.Named(proxied), DefaultIssuer, true},
		{"per origin, named empty", perOrigin.Named(""), perOrigin, DefaultIssuer, true},
		{"fixed ignores Named", fixed.Named(local), fixed, testIss, true},
		{"fixed refuses another iss", perOrigin.Named(local), fixed, local, false},
	}
	for _, tc := range tests {
		tok, f := tc.signer.Obtain(in, testCreds())
		if f != nil {
			t.Fatalf("%s: %v", tc.name, f)
		}
		if tok.claims.Iss != tc.iss || tc.signer.Name() != tc.iss {
			t.Errorf("%s: iss %q, Name %q, want %q", tc.name, tok.claims.Iss, tc.signer.Name(), tc.iss)
		}
		c, f := tc.check.Authenticate("JWT " + tok.Token)
		if (f == nil) != tc.accepted || f == nil && c.Issuer != tc.iss {
			t.Errorf("%s: claims %+v, failure %v, want accepted %v", tc.name, c, f, tc.accepted)
		}
	}
}
