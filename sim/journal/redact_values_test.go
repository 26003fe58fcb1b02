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
