package journal

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestEntryRedactsSecrets: a sign-in's password, API key and refresh token appear
// nowhere in an entry's JSON, whether sent as variables, arguments or in the body.
func TestEntryRedactsSecrets(t *testing.T) {
	e := &Entry{
		Variables: map[string]any{"input": map[string]any{"email": "demo@krakensim.dev", "password": "hunter2"}},
		Fields:    []Field{{Name: "obtainKrakenToken", Args: map[string]any{"input": map[string]any{"APIKey": "sk_live_1", "refreshToken": "rt-9"}}}},
	}
	e.SetRequest(map[string][]string{"Authorization": {"JWT abc.def"}},
		[]byte(`{"query":"mutation","variables":{"input":{"password":"hunter2","organizationSecretKey":"org-7"}}}`))
	b, err := json.Marshal(e)
	if err != nil {
		t.Fatal(err)
	}
	for _, secret := range []string{"hunter2", "sk_live_1", "rt-9", "org-7", "abc.def"} {
		if strings.Contains(string(b), secret) {
			t.Errorf("%q is in the entry: %s", secret, b)
		}
	}
	if !strings.Contains(string(b), "demo@krakensim.dev") {
		t.Errorf("the email should stay: %s", b)
	}
	if e.Variables["input"].(map[string]any)["password"] != "hunter2" {
		t.Error("redaction changed the entry itself")
	}
}

// TestTextRedactsSecrets: a refused request's document or body, kept as text, shows
// the string after a credential's key redacted, in GraphQL, in JSON and in a document
// escaped inside a JSON string, and leaves everything else as it was.
func TestTextRedactsSecrets(t *testing.T) {
	tests := []struct{ in, want string }{
		{`mutation { obtainKrakenToken(input: {email: "a@b.c", password: "hunter2"}) { token } }`,
			`mutation { obtainKrakenToken(input: {email: "a@b.c", password: "[redacted]"}) { token } }`},
		{`{"query": "{x", "password": "hun\"ter2", "n": 1}`, `{"query": "{x", "password": "[redacted]", "n": 1}`},
		{`{"query": "mutation { t(input: {APIKey: \"sk_live_1\", refreshToken: \"rt\\\"9\"}) { token"}`,
			`{"query": "mutation { t(input: {APIKey: \"[redacted]\", refreshToken: \"[redacted]\"}) { token"}`},
		{`{ viewer { email } } # password: 3`, `{ viewer { email } } # password: 3`},
		{`query { a(token: "cut`, `query { a(token: "[redacted]`},
		{`mypassword_hint: "kept"`, `mypassword_hint: "[redacted]"`},
		{`email: "demo@krakensim.dev"`, `email: "demo@krakensim.dev"`},
	}
	for _, tc := range tests {
		if got := Text(tc.in); got != tc.want {
			t.Errorf("Text(%s)\n = %s\nwant %s", tc.in, got, tc.want)
		}
	}
}

// TestClipAndMessages: text past a bound is cut at a whole character with a marker,
// and an answer keeps each message once, at most MaxMessages of them.
func TestClipAndMessages(t *testing.T) {
	for _, tc := range []struct {
		in    string
		limit int
		want  string
	}{
		{"short", 10, "short"},
		{"0123456789abc", 10, "0123456789… [3 more bytes not kept]"},
		{"ééééé", 3, "é… [8 more bytes not kept]"},
	} {
		if got := Clip(tc.in, tc.limit); got != tc.want {
			t.Errorf("Clip(%q, %d) = %q, want %q", tc.in, tc.limit, got, tc.want)
		}
	}
	var o Outcome
	for i := range 2 * MaxMessages {
		o.AddMessage("first")
		o.AddMessage(strings.Repeat("x", i+1))
	}
	o.AddMessage(strings.Repeat("y", 2*MaxMessageBytes))
	if len(o.Messages) != MaxMessages || o.Messages[0] != "first" || o.Messages[1] != "x" {
		t.Errorf("messages %q, want %d, first once", o.Messages, MaxMessages)
	}
	var long Outcome
	long.AddMessage(strings.Repeat("y", 2*MaxMessageBytes))
	if got := long.Messages[0]; len(got) > MaxMessageBytes+64 || !strings.HasSuffix(got, "more bytes not kept]") {
		t.Errorf("a long message kept as %d bytes: %.40q…", len(got), got)
	}
}
