package simtest_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/krakensim/krakensim/sim/simtest"
)

// TestMasqueradeActsAsTheUser issues a support user's masquerade token through the
// admin API and exchanges it: for the user it was issued for, once, within ten minutes;
// the access token it gives reads as that user.
func TestMasqueradeActsAsTheUser(t *testing.T) {
	srv, c := vendorServer(t)
	issue := func(body string) (int, map[string]any) {
		t.Helper()
		status, b := c.Do(http.MethodPost, "/__krakensim/sessions/"+c.Session+"/masquerade", []byte(body))
		var out map[string]any
		_ = json.Unmarshal(b, &out)
		return status, out
	}
	for body, want := range map[string]int{`{"userId": "9999"}`: 404, `{}`: 400, `{"user": "3235447"}`: 400, `{"userId":`: 400} {
		if status, out := issue(body); status != want {
			t.Errorf("%s: %d %v, want %d", body, status, out, want)
		}
	}
	status, out := issue(`{"userId": "3235447"}`)
	token, _ := out["masqueradeToken"].(string)
	if status != http.StatusCreated || token == "" || out["expiresAt"] != "2026-12-02T09:10:00Z" {
		t.Fatalf("issued %d %v", status, out)
	}
	support := srv.ClientIn(t, c.Session)
	const exchange = `mutation($t: String!, $u: String!) { masqueradeAuthentication(masqueradeToken: $t, userId: $u) { token errors { field messages } } }`
	refused := func(name, tok, user string) {
		t.Helper()
		got := simtest.Get(mustQuery(t, support)(exchange, map[string]any{"t": tok, "u": user}), "masqueradeAuthentication")
		if simtest.Get(got, "token") != nil || simtest.Get(got, "errors", 0, "field") != "masqueradeToken" {
			t.Errorf("%s: %v", name, got)
		}
	}
	refused("another user", token, "3235448")
	refused("a wrong token", strings.Repeat("0", len(token)), "3235447")
	got := simtest.Get(mustQuery(t, support)(exchange, map[string]any{"t": token, "u": "3235447"}), "masqueradeAuthentication")
	support.Token, _ = simtest.Get(got, "token").(string)
	if support.Token == "" {
		t.Fatalf("exchanged %v", got)
	}
	if email := simtest.Get(mustQuery(t, support)(`{ viewer { email } }`, nil), "viewer", "email"); email != "demo@krakensim.dev" {
		t.Errorf("the masquerade reads as %v", email)
	}
	support.Token = ""
	refused("used again", token, "3235447")
	_, out = issue(`{"userId": "3235447"}`)
	c.AdvanceClock(11 * time.Minute)
	refused("eleven minutes on", out["masqueradeToken"].(string), "3235447")
}
