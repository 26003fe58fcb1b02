package server_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/journal"
	"github.com/krakensim/krakensim/sim/server"
)

// TestRefusedRequestsKeepWhatWasSent: a request refused before it runs keeps, in its
// journal entry, what it sent (its document and operation name, or its body's text
// when nothing decoded, cut past journal.MaxKeptText with a marker, credentials
// redacted) and the messages it was answered, so that the journal and verify's near
// misses show what failed and why.
func TestRefusedRequestsKeepWhatWasSent(t *testing.T) {
	p := newPlatform(t)
	jsonBody := func(query string) string {
		b, _ := json.Marshal(map[string]any{"query": query})
		return string(b)
	}
	heavy := `query Heavy { a: account(accountNumber: "A-C90DC431") { payments(first: 100) { edges { node { id } } } } b: account(accountNumber: "A-C90DC431") { payments(first: 100) { edges { node { id } } } } }`
	huge := `query Huge { viewer { id } } ` + strings.Repeat("# padding\n", 10_000)
	tests := []struct {
		name, path, body string
		// unsized sends the body without a Content-Length, so that it is read up to the limit.
		unsized bool
		status  int
		// want are the entry's keys and values; a value ending in "…" is a prefix.
		want    map[string]string
		message string // a substring of the entry's first message
		absent  string // text no part of the entry may hold
	}{
		{name: "syntax error", path: server.APIPath, body: jsonBody(`query Bad { viewer { email `), status: 400,
			want: map[string]string{"document": `query Bad { viewer { email `, "operationName": "Bad", "endpoint": server.APIPath}, message: "Syntax Error"},
		{name: "validation error", path: server.APIPath, body: `{"query": "query Unknown { viewer { emial } }", "operationName": "Unknown"}`, status: 400,
			want: map[string]string{"document": `query Unknown { viewer { emial } }`, "operationName": "Unknown"}, message: "Cannot query field 'emial'"},
		{name: "complexity", path: server.APIPath, body: jsonBody(heavy), status: 200,
			want: map[string]string{"document": heavy, "operationName": "Heavy"}, message: "Query is too complex."},
		{name: "inline password", path: server.AuthPath, body: jsonBody(`mutation SignIn { obtainKrakenToken(input: {email: "demo@krakensim.dev", password: "hunter2"}) { token `), status: 400,
			want: map[string]string{"document": `mutation SignIn { obtainKrakenToken(input: {email: "demo@krakensim.dev", password: "[redacted]"}) { token `}, absent: "hunter2"},
		{name: "huge document", path: server.APIPath, body: jsonBody(huge + "{"), status: 400,
			want: map[string]string{"document": huge[:journal.MaxKeptText] + "…", "operationName": "Huge"}, message: "Syntax Error"},
		{name: "bad JSON", path: server.APIPath, body: `{"query": "query Cut { viewer { id } }", "password": "hunter2"`, status: 400,
			want: map[string]string{"bodyText": `{"query": "query Cut { viewer { id } }", "password": "[redacted]"`, "endpoint": server.APIPath}, message: "invalid JSON", absent: "hunter2"},
		{name: "body too large", path: server.APIPath, body: `{"query": "query Big { viewer { id } }", "variables": {"pad": "` + strings.Repeat("x", 1<<20) + `"}}`, unsized: true, status: 413,
			want: map[string]string{"bodyText": `{"query": "query Big { viewer { id } }", "variables": {"pad": "xxx…`}, message: "over the"},
		{name: "REST bad JSON", path: "/v1/data-import/notes/create/", body: `{"external_account_number": `, status: 400,
			want: map[string]string{"bodyText": `{"external_account_number": `}, message: "JSON parse error"},
	}
	for i, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			session := fmt.Sprintf("refused-%d", i)
			var body io.Reader = strings.NewReader(tc.body)
			if tc.unsized {
				body = io.MultiReader(body)
			}
			req, _ := http.NewRequest(http.MethodPost, p.url+tc.path, body)
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set(sim.SessionHeader, session)
			req.Header.Set("Authorization", "Token krakensim-import-key")
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != tc.status {
				t.Fatalf("status %d, want %d", resp.StatusCode, tc.status)
			}
			entries := requests(t, p, session, "")
			if len(entries) != 1 {
				t.Fatalf("%d entries, want 1", len(entries))
			}
			e, _ := entries[0].(map[string]any)
			for k, want := range tc.want {
				got, _ := e[k].(string)
				if prefix, ok := strings.CutSuffix(want, "…"); ok {
					if !strings.HasPrefix(got, prefix) || !strings.Contains(got, "more bytes not kept]") {
						t.Errorf("%s = %.120q…, want %.120q… cut with a marker", k, got, prefix)
					}
				} else if got != want {
					t.Errorf("%s = %q, want %q", k, got, want)
				}
			}
			msgs, _ := e["outcome"].(map[string]any)["messages"].([]any)
			if tc.message != "" && (len(msgs) == 0 || !strings.Contains(fmt.Sprint(msgs[0]), tc.message)) {
				t.Errorf("messages %v, want one naming %q", msgs, tc.message)
			}
			if raw, _ := json.Marshal(e); tc.absent != "" && strings.Contains(string(raw), tc.absent) {
				t.Errorf("the entry holds %q: %s", tc.absent, raw)
			}
		})
	}

	// The rate limit refuses every root field: the entry keeps the document too.
	const limited = "refused-rate"
	p.gql(server.APIPath, limited, "", `{ __typename }`, nil)
	if status, out := p.admin(http.MethodPost, server.AdminPrefix+"sessions/"+limited+"/rate-limit", `{"rateLimit": 1}`); status != 200 {
		t.Fatalf("set rate limit: %d %v", status, out)
	}
	for range 2 {
		p.gql(server.APIPath, limited, "", `query Blocked { viewer { id } }`, nil)
	}
	e, _ := requests(t, p, limited, "?limit=1")[0].(map[string]any)
	if e["document"] != `query Blocked { viewer { id } }` || fmt.Sprint(e["outcome"].(map[string]any)["messages"]) != "[Too many requests.]" {
		t.Errorf("a rate-limited request's entry: document %v, outcome %v", e["document"], e["outcome"])
	}
	// A request that ran keeps no document: its fields and variables say what it sent.
	p.gql(server.APIPath, limited+"-ok", "", `query Ran { __typename }`, nil)
	if e, _ := requests(t, p, limited+"-ok", "")[0].(map[string]any); e["document"] != nil {
		t.Errorf("a request that ran keeps its document %v", e["document"])
	}

	// Verify's near misses show the refused request and why it failed.
	status, out := verifyPattern(t, p, "refused-0", "when: {field: viewer}\nexactly: 1")
	miss, _ := out["nearMisses"].([]any)
	if status != 200 || len(miss) != 1 {
		t.Fatalf("verify: %d %v", status, out)
	}
	if req, _ := miss[0].(map[string]any)["request"].(map[string]any); req["document"] != `query Bad { viewer { email ` {
		t.Errorf("near miss: %v, want the refused document", req)
	}
}
