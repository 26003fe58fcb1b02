package server_test

import (
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/krakensim/krakensim/sim/server"
	"github.com/krakensim/krakensim/sim/simtest"
)

func TestDashboardNegotiation(t *testing.T) {
	p := newPlatform(t)
	browser := "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
	tests := []struct {
		name, accept, query string
		html                bool
	}{
		{"browser", browser, "", true},
		{"API client", "application/json", "", false},
		{"no Accept", "", "", false},
		{"curl", "*/*", "", false},
		{"browser asking for JSON", browser, "?format=json", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, _ := http.NewRequest(http.MethodGet, p.url+server.AdminPrefix+tt.query, nil)
			if tt.accept != "" {
				req.Header.Set("Accept", tt.accept)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			body, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != 200 || resp.Header.Get("Vary") != "Accept" {
				t.Fatalf("status %d, Vary %q", resp.StatusCode, resp.Header.Get("Vary"))
			}
			ctype := resp.Header.Get("Content-Type")
			if tt.html {
				if ctype != "text/html; charset=utf-8" || !strings.Contains(string(body), `<h1>krakensim dashboard</h1>`) {
					t.Fatalf("type %q, body %.200s", ctype, body)
				}
				for _, bad := range []string{"http://", "https://", "{{"} {
					if strings.Contains(string(body), bad) {
						t.Errorf("the dashboard contains %q (must work offline)", bad)
					}
				}
				// Go's client asked for gzip and undid it; the server said so.
				if !resp.Uncompressed {
					t.Error("the dashboard was not sent gzipped")
				}
				if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "connect-src 'self'") {
					t.Errorf("Content-Security-Policy %q", csp)
				}
				return
			}
			if ctype != "application/json" || !strings.Contains(string(body), `"endpoints"`) {
				t.Fatalf("type %q, body %.200s", ctype, body)
			}
		})
	}
}

func TestAdminWorldAndSignedIn(t *testing.T) {
	p := newPlatform(t)
	p.gql(server.APIPath, "w1", "", `{ __typename }`, nil) // an admin read makes no session
	status, w := p.admin(http.MethodGet, server.AdminPrefix+"world?session=w1", "")
	if status != 200 || w["session"] != "w1" {
		t.Fatalf("world: %d %v", status, w)
	}
	if got := simtest.Get(w, "users", 0, "email"); got != "demo@krakensim.dev" {
		t.Errorf("first user = %v", got)
	}
	if got := simtest.Get(w, "users", 0, "password"); got != "krakensim" {
		t.Errorf("first user's password = %v", got)
	}
	if got := simtest.Get(w, "users", 0, "apiKey"); got != "sk_live_krakensimdemo3235447" {
		t.Errorf("first user's API key = %v", got)
	}
	if got := simtest.Get(w, "accounts", 0, "number"); got != "A-C90DC431" {
		t.Errorf("first account = %v", got)
	}
	if status, _ := p.admin(http.MethodGet, server.AdminPrefix+"world?session=bad%20id", ""); status != 400 {
		t.Errorf("world of a bad session id: %d", status)
	}

	signedIn := func() []any {
		t.Helper()
		_, s := p.admin(http.MethodGet, server.AdminPrefix+"sessions/w1", "")
		list, ok := s["signedIn"].([]any)
		if !ok {
			t.Fatalf("sessions/w1 has no signedIn list: %v", s)
		}
		return list
	}
	if got := signedIn(); len(got) != 0 {
		t.Errorf("before sign-in: %v", got)
	}
	p.signIn("w1", map[string]any{"email": "demo@krakensim.dev", "password": "krakensim"})
	p.signIn("w1", map[string]any{"APIKey": "sk_live_krakensimdemo3235447"})
	if got := signedIn(); len(got) != 1 || got[0] != "demo@krakensim.dev" {
		t.Errorf("after two sign-ins of one user: %v", got)
	}
	// Refresh tokens last 7 days; past that, nobody is signed in.
	if status, _ := p.admin(http.MethodPost, server.AdminPrefix+"clock?session=w1", `{"advance":"`+(8*24*time.Hour).String()+`"}`); status != 200 {
		t.Fatalf("advance: %d", status)
	}
	if got := signedIn(); len(got) != 0 {
		t.Errorf("8 days later: %v", got)
	}
}

// TestAdminMessagesAreTheSessions lists the emails a session sent, newest first, and
// only to the address ?to= names; another session has none.
func TestAdminMessagesAreTheSessions(t *testing.T) {
	p := newPlatform(t)
	for _, email := range []string{"demo@krakensim.dev", "robin@krakensim.dev", "demo@krakensim.dev"} {
		out := p.gql(server.APIPath, "m1", "", `mutation($e: String!) { requestPasswordReset(input: {email: $e}) { email } }`, map[string]any{"e": email})
		if got := simtest.Get(out, "data", "requestPasswordReset", "email"); got != email {
			t.Fatalf("reset for %s: %v", email, out)
		}
	}
	tests := []struct {
		path string
		want []string // ids, newest first
	}{
		{"sessions/m1/messages", []string{"3", "2", "1"}},
		{"sessions/m1/messages?to=DEMO@krakensim.dev", []string{"3", "1"}},
		{"sessions/m2/messages", nil},
	}
	p.gql(server.APIPath, "m2", "", `{ __typename }`, nil)
	for _, tc := range tests {
		status, out := p.admin(http.MethodGet, server.AdminPrefix+tc.path, "")
		list, _ := out["messages"].([]any)
		var ids []string
		for _, m := range list {
			ids = append(ids, simtest.Get(m, "id").(string))
		}
		if status != 200 || !slices.Equal(ids, tc.want) {
			t.Errorf("%s: %d %v, want %v", tc.path, status, ids, tc.want)
		}
	}
	_, w := p.admin(http.MethodGet, server.AdminPrefix+"world?session=m1", "")
	if got := simtest.Get(w, "messages", 0, "data", "userId"); got != "3235447" {
		t.Errorf("the world's newest message is for %v", got)
	}
}
