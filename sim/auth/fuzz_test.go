package auth

import (
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"
)

var knownHeaderCodes = map[string]bool{
	CodeHeaderMissing:     true,
	CodeInvalidCredential: true,
	CodeTokenExpired:      true,
}

// FuzzAuthenticate feeds arbitrary header values: each must give claims or a failure
// with one of the header codes, never a panic.
func FuzzAuthenticate(f *testing.F) {
	iss, clock := newTestIssuer()
	tok, fl := iss.Obtain(ObtainInput{APIKey: "sk_live_DANdanDANdan1234567890ab"}, testCreds())
	if fl != nil {
		f.Fatal(fl)
	}
	parts := strings.Split(tok.Token, ".")
	for _, s := range []string{
		"", " ", "JWT", "JWT ", "Bearer x", tok.Token, "JWT " + tok.Token, "jwt\t" + tok.Token,
		parts[0] + "." + parts[1] + ".", parts[0] + ".." + parts[2], "..", "a.b.c",
		"eyJhbGciOiJub25lIn0." + parts[1] + ".", tok.RefreshToken, "JWT a b c",
		"eyJhbGciOiJIUzI1NiJ9.e30.", "\x00\xff", strings.Repeat("A", 4096),
	} {
		f.Add(s)
	}
	clock.Advance(30 * time.Minute)
	f.Fuzz(func(t *testing.T, header string) {
		c, fl := iss.Authenticate(header)
		switch {
		case c == nil && fl == nil:
			t.Fatalf("Authenticate(%q): neither claims nor failure", header)
		case c != nil && fl != nil:
			t.Fatalf("Authenticate(%q): both claims and failure %v", header, fl)
		case fl != nil && !knownHeaderCodes[fl.Code]:
			t.Fatalf("Authenticate(%q): unknown code %s", header, fl.Code)
		case c != nil && c.UserID == "" && c.Organization == "":
			t.Fatalf("Authenticate(%q): accepted claims without a subject: %+v", header, c)
		}
	})
}

// FuzzParseAuthorization checks the header split keeps every non-blank byte, and
// splits where the first white space rune is, as a plain scan for it does.
func FuzzParseAuthorization(f *testing.F) {
	for _, s := range []string{"", "JWT x", "x", " a  b ", "\t\n", "eyJ.a.b", "Token\u00a0k", "a\x7fb c", "ab\x85c d"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, h string) {
		s, c := ParseAuthorization(h)
		ws, wc := "", strings.TrimSpace(h)
		if k := strings.IndexFunc(wc, unicode.IsSpace); k >= 0 {
			_, size := utf8.DecodeRuneInString(wc[k:])
			ws, wc = wc[:k], strings.TrimSpace(wc[k+size:])
		}
		if s != ws || c != wc {
			t.Fatalf("ParseAuthorization(%q) = %q, %q, want %q, %q", h, s, c, ws, wc)
		}
		if strings.IndexFunc(s, unicode.IsSpace) >= 0 {
			t.Fatalf("scheme %q holds a blank", s)
		}
		if c != strings.TrimSpace(c) || s != strings.TrimSpace(s) {
			t.Fatalf("ParseAuthorization(%q) = %q, %q: untrimmed", h, s, c)
		}
		if s == "" && c != strings.TrimSpace(h) {
			t.Fatalf("ParseAuthorization(%q) lost the credential: %q", h, c)
		}
	})
}
