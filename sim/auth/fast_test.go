package auth

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// TestSignerMatchesJWT checks that the signer makes the very token golang-jwt makes.
func TestSignerMatchesJWT(t *testing.T) {
	s := newSigner(testSecret)
	for _, c := range []*tokenClaims{
		{Sub: "kraken|account-user:3235447", Gty: GrantEmailAndPassword, Email: "dan@archer.example", TokenUse: TokenUseAccess, Iss: testIss, Iat: 1700000000, Exp: 1700003600, OrigIat: 1700000000},
		{Sub: "kraken|organization:acme", Gty: GrantAPIKey, TokenUse: TokenUseAccess, Iss: testIss, Iat: 1, Exp: 2, OrigIat: 1},
		{Sub: "kraken|account-user:1", Gty: "x", Email: "<é&\"quoted\">@example.com", TokenUse: TokenUseAccess, Iss: testIss},
		{Sub: "a\\b\b\f\n\r\t\x01\x1f\x7f", Gty: "\u2028\u2029\xff\xfe🐙", TokenUse: TokenUseAccess, Iss: testIss, Iat: -5},
	} {
		want, err := jwt.NewWithClaims(jwt.SigningMethodHS256, c).SignedString(testSecret)
		if err != nil {
			t.Fatal(err)
		}
		for range 2 { // the second time reuses the pooled MAC
			got, err := s.sign(c)
			if err != nil {
				t.Fatal(err)
			}
			if got != want {
				t.Fatalf("sign(%+v)\n got %s\nwant %s", c, got, want)
			}
		}
	}
}

// FuzzClaimsJSON checks the payload encoding against json.Marshal.
func FuzzClaimsJSON(f *testing.F) {
	f.Add("kraken|account-user:1", "a@b.c", int64(1700000000))
	f.Add("<&>\u2028\xff", "\x00\\\"", int64(-1))
	f.Fuzz(func(t *testing.T, sub, email string, iat int64) {
		c := &tokenClaims{Sub: sub, Gty: email, Email: email, TokenUse: TokenUseAccess, Iss: sub, Iat: iat, Exp: iat + 1, OrigIat: iat}
		want, err := json.Marshal(c)
		if err != nil {
			t.Fatal(err)
		}
		if got := c.appendJSON(nil); string(got) != string(want) {
			t.Fatalf("got  %s\nwant %s", got, want)
		}
	})
}

// TestAuthenticateRemembered checks that a token answered from the verified cache
// still expires on the issuer's clock and that another token is checked afresh.
func TestAuthenticateRemembered(t *testing.T) {
	clock := NewClock(time.Date(2025, 1, 1, 9, 0, 0, 0, time.UTC))
	iss := NewIssuer(testSecret, testIss, clock)
	tok, f := iss.Obtain(ObtainInput{Email: dan.Email, Password: "correct horse battery"}, testCreds())
	if f != nil {
		t.Fatal(f)
	}
	for _, step := range []struct {
		name     string
		advance  time.Duration
		token    string
		wantCode string
	}{
		{"first use verifies", 0, tok.Token, ""},
		{"second use is remembered", 0, tok.Token, ""},
		{"a changed signature is not", 0, tok.Token[:len(tok.Token)-2] + "AA", CodeInvalidCredential},
		{"still valid before exp", AccessTTL - time.Second, tok.Token, ""},
		{"expired at exp", time.Second, tok.Token, CodeTokenExpired},
	} {
		clock.Advance(step.advance)
		c, f := iss.Authenticate("JWT " + step.token)
		switch {
		case step.wantCode == "" && f != nil:
			t.Fatalf("%s: %v", step.name, f)
		case step.wantCode == "" && c.UserID != dan.UserID:
			t.Fatalf("%s: user %q, want %q", step.name, c.UserID, dan.UserID)
		case step.wantCode != "" && (f == nil || f.Code != step.wantCode):
			t.Fatalf("%s: got %v, want %s", step.name, f, step.wantCode)
		}
	}
	if n := len(iss.known.m); n != 1 {
		t.Fatalf("%d tokens remembered, want 1", n)
	}
}
