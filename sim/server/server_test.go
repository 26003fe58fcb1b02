package server

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/krakensim/krakensim/internal/fuzzcost"
	"github.com/krakensim/krakensim/sim/graphql"
)

// fakeExec answers like an executor: a query containing "BAD" fails before
// execution, "PANIC" panics, "SLOW" waits for release; it records every request.
type fakeExec struct {
	mu      sync.Mutex
	reqs    []*graphql.Request
	started chan struct{}
	release chan struct{}
}

func (f *fakeExec) Execute(ctx context.Context, req *graphql.Request) *graphql.Response {
	f.mu.Lock()
	f.reqs = append(f.reqs, req)
	f.mu.Unlock()
	switch {
	case strings.Contains(req.Query, "PANIC"):
		panic("fake executor exploded")
	case strings.Contains(req.Query, "SLOW"):
		f.started <- struct{}{}
		<-f.release
	case strings.Contains(req.Query, "BAD"):
		return &graphql.Response{Invalid: true, Errors: []*graphql.Error{{
			Message:   `Cannot query field 'BAD' on type 'Query'.`,
			Locations: []graphql.Location{{Line: 1, Column: 3}},
			Extensions: map[string]any{
				"errorType": "VALIDATION", "errorCode": "KT-CT-0000", "errorDescription": "x",
			},
		}}}
	}
	return &graphql.Response{Executed: true, Data: &graphql.Object{Keys: []string{"__typename"}, Values: []any{"Query"}}}
}

func (f *fakeExec) last(t *testing.T) *graphql.Request {
	t.Helper()
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.reqs) == 0 {
		t.Fatal("executor was not called")
	}
	return f.reqs[len(f.reqs)-1]
}

func (f *fakeExec) count() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.reqs)
}

type call struct {
	method, path, body string
	header             map[string]string
}

func do(t *testing.T, h http.Handler, c call) *httptest.ResponseRecorder {
	t.Helper()
	var body io.Reader
	if c.body != "" {
		body = strings.NewReader(c.body)
	}
	path := c.path
	if path == "" {
		path = APIPath
	}
	r := httptest.NewRequest(c.method, path, body)
	for k, v := range c.header {
		r.Header.Set(k, v)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

// transportError decodes a transport error body and returns its single error.
func transportError(t *testing.T, w *httptest.ResponseRecorder) *graphql.Error {
	t.Helper()
	var body struct {
		Errors []*graphql.Error `json:"errors"`
		Data   json.RawMessage  `json:"data"`
	}
	if err := json.Unmarshal(w.Body.Bytes(), &body); err != nil {
		t.Fatalf("body is not JSON: %v\n%s", err, w.Body)
	}
	if len(body.Errors) != 1 {
		t.Fatalf("want 1 error, got %d: %s", len(body.Errors), w.Body)
	}
	if body.Data != nil {
		t.Errorf("transport error has a data entry: %s", w.Body)
	}
	e := body.Errors[0]
	for _, k := range []string{"errorType", "errorCode", "errorDescription"} {
		if _, ok := e.Extensions[k].(string); !ok {
			t.Errorf("extensions.%s missing: %s", k, w.Body)
		}
	}
	return e
}

const (
	ctJSON = "application/json"
	ctGQLR = "application/graphql-response+json"
)

func TestGraphQLStatus(t *testing.T) {
	big := `{"query":"{ __typename }","variables":{"pad":"` + strings.Repeat("x", 2000) + `"}}`
	tests := []struct {
		name       string
		call       call
		wantStatus int
		wantType   string // response media type
		wantMsg    string // substring of the transport error message; "" means executed
		wantAllow  string
	}{
		{"post ok", call{"POST", "", `{"query":"{ __typename }"}`, map[string]string{"Content-Type": ctJSON}}, 200, ctJSON, "", ""},
		{"post charset ok", call{"POST", "", `{"query":"{ __typename }"}`, map[string]string{"Content-Type": "application/json; charset=UTF-8"}}, 200, ctJSON, "", ""},
		{"no slash", call{"POST", "/v1/graphql", `{"query":"{ __typename }"}`, map[string]string{"Content-Type": ctJSON}}, 200, ctJSON, "", ""},
		{"auth endpoint", call{"POST", "/graphql/", `{"query":"{ __typename }"}`, map[string]string{"Content-Type": ctJSON}}, 200, ctJSON, "", ""},
		{"null optionals", call{"POST", "", `{"query":"{ __typename }","operationName":null,"variables":null,"extensions":null}`, map[string]string{"Content-Type": ctJSON}}, 200, ctJSON, "", ""},
		{"unknown key ignored", call{"POST", "", `{"query":"{ __typename }","documentId":"x"}`, map[string]string{"Content-Type": ctJSON}}, 200, ctJSON, "", ""},
		{"bom ok", call{"POST", "", "\ufeff" + `{"query":"{ __typename }"}`, map[string]string{"Content-Type": ctJSON}}, 200, ctJSON, "", ""},
		{"accept gqlr answers json", call{"POST", "", `{"query":"{ __typename }"}`, map[string]string{"Content-Type": ctJSON, "Accept": ctGQLR}}, 200, ctJSON, "", ""},
		{"accept apollo 4 answers json", call{"POST", "", `{"query":"{ __typename }"}`, map[string]string{"Content-Type": ctJSON, "Accept": ctGQLR + ",application/json;q=0.9"}}, 200, ctJSON, "", ""},
		{"accept q prefers json", call{"POST", "", `{"query":"{ __typename }"}`, map[string]string{"Content-Type": ctJSON, "Accept": ctGQLR + ";q=0.5, application/json"}}, 200, ctJSON, "", ""},
		{"accept wildcard", call{"POST", "", `{"query":"{ __typename }"}`, map[string]string{"Content-Type": ctJSON, "Accept": "*/*"}}, 200, ctJSON, "", ""},
		{"validation error json 400", call{"POST", "", `{"query":"{ BAD }"}`, map[string]string{"Content-Type": ctJSON}}, 400, ctJSON, "", ""},
		{"validation error gqlr 400", call{"POST", "", `{"query":"{ BAD }"}`, map[string]string{"Content-Type": ctJSON, "Accept": ctGQLR}}, 400, ctJSON, "", ""},
		{"bad json", call{"POST", "", `{"query": "{ x }",`, map[string]string{"Content-Type": ctJSON}}, 400, ctJSON, "body: invalid JSON at offset 18 (line 1, column 19): unexpected end of input", ""},
		{"bad json syntax", call{"POST", "", "{\n \"query\" 1}", map[string]string{"Content-Type": ctJSON}}, 400, ctJSON, "body: invalid JSON at offset 11 (line 2, column 10): invalid character '1' after object key", ""},
		{"bad json gqlr", call{"POST", "", `{ "not a JSON`, map[string]string{"Content-Type": ctJSON, "Accept": ctGQLR}}, 400, ctJSON, "body: invalid JSON", ""},
		{"trailing data", call{"POST", "", `{"query":"{ a }"} x`, map[string]string{"Content-Type": ctJSON}}, 400, ctJSON, "body: invalid JSON at offset 18 (line 1, column 19): invalid character 'x' after top-level value", ""},
		{"not an object", call{"POST", "", `["query"]`, map[string]string{"Content-Type": ctJSON}}, 400, ctJSON, "body: must be a JSON object, got array", ""},
		{"empty body", call{"POST", "", ``, map[string]string{"Content-Type": ctJSON}}, 400, ctJSON, "body: empty", ""},
		{"invalid utf8", call{"POST", "", "{\"query\":\"\xff\"}", map[string]string{"Content-Type": ctJSON}}, 400, ctJSON, "body: invalid UTF-8 at offset 10", ""},
		{"duplicate key", call{"POST", "", `{"query":"{ a }","query":"{ b }"}`, map[string]string{"Content-Type": ctJSON}}, 200, ctJSON, "", ""},
		{"duplicate key, the first of the wrong type", call{"POST", "", `{"query":7,"query":"{ b }"}`, map[string]string{"Content-Type": ctJSON}}, 200, ctJSON, "", ""},
		{"duplicate key, the last of the wrong type", call{"POST", "", `{"query":"{ a }","query":7}`, map[string]string{"Content-Type": ctJSON}}, 400, ctJSON, "query: must be a string, got number (at offset 25, line 1, column 26)", ""},
		{"missing query", call{"POST", "", `{"qeury":"{ __typename }"}`, map[string]string{"Content-Type": ctJSON}}, 400, ctJSON, "Must provide query string.", ""},
		{"empty query", call{"POST", "", `{"query":""}`, map[string]string{"Content-Type": ctJSON}}, 400, ctJSON, "Must provide query string.", ""},
		{"query not string", call{"POST", "", `{"query":{"obj":"ect"}}`, map[string]string{"Content-Type": ctJSON}}, 400, ctJSON, "query: must be a string, got object (at offset 9, line 1, column 10)", ""},
		{"query null", call{"POST", "", `{"query":null}`, map[string]string{"Content-Type": ctJSON}}, 400, ctJSON, "Must provide query string.", ""},
		{"query false", call{"POST", "", `{"query":false,"variables":[]}`, map[string]string{"Content-Type": ctJSON}}, 400, ctJSON, "Must provide query string.", ""},
		{"query zero", call{"POST", "", `{"query":0.0}`, map[string]string{"Content-Type": ctJSON}}, 400, ctJSON, "Must provide query string.", ""},
		{"query empty list", call{"POST", "", `{"query":[]}`, map[string]string{"Content-Type": ctJSON}}, 400, ctJSON, "Must provide query string.", ""},
		{"query list", call{"POST", "", `{"query":[1]}`, map[string]string{"Content-Type": ctJSON}}, 400, ctJSON, "query: must be a string, got array", ""},
		{"bad variables before no query", call{"POST", "", `{"variables":"{"}`, map[string]string{"Content-Type": ctJSON}}, 400, ctJSON, "variables: invalid JSON", ""},
		{"operationName not string", call{"POST", "", `{"query":"{ a }","operationName":0}`, map[string]string{"Content-Type": ctJSON}}, 400, ctJSON, "operationName: must be a string or null, got number", ""},
		{"variables not object", call{"POST", "", `{"query":"{ a }","variables":[7]}`, map[string]string{"Content-Type": ctJSON}}, 400, ctJSON, "variables: must be an object, a JSON string of one, or null, got array (at offset 29, line 1, column 30)", ""},
		{"variables string", call{"POST", "", `{"query":"{ a }","variables":"{}"}`, map[string]string{"Content-Type": ctJSON}}, 200, ctJSON, "", ""},
		{"variables empty list", call{"POST", "", `{"query":"{ a }","variables":[]}`, map[string]string{"Content-Type": ctJSON}}, 200, ctJSON, "", ""},
		{"variables false", call{"POST", "", `{"query":"{ a }","variables":false}`, map[string]string{"Content-Type": ctJSON}}, 200, ctJSON, "", ""},
		{"variables string of zero", call{"POST", "", `{"query":"{ a }","variables":"0"}`, map[string]string{"Content-Type": ctJSON}}, 200, ctJSON, "", ""},
		{"variables bad string", call{"POST", "", `{"query":"{ a }","variables":"{\"a\""}`, map[string]string{"Content-Type": ctJSON}}, 400, ctJSON, "variables: invalid JSON at offset 4 (line 1, column 5): unexpected end of input (in the string given as variables at offset 29, line 1, column 30)", ""},
		{"extensions bool", call{"POST", "", `{"query":"{ a }","extensions":false}`, map[string]string{"Content-Type": ctJSON}}, 400, ctJSON, "extensions: must be an object or null, got boolean", ""},
		{"too large", call{"POST", "", big, map[string]string{"Content-Type": ctJSON}}, 413, ctJSON, "over the 1024-byte limit", ""},
		{"no content type", call{"POST", "", `{"query":"{ a }"}`, nil}, 400, ctJSON, "Must provide query string.", ""},
		{"no content type, query in the URL", call{"POST", "/v1/graphql/?query=%7Ba%7D", `{"query":"{ a }"}`, nil}, 200, ctJSON, "", ""},
		{"text content type", call{"POST", "", `{"query":"{ a }"}`, map[string]string{"Content-Type": "text/plain"}}, 400, ctJSON, "Must provide query string.", ""},
		{"unparsable content type", call{"POST", "", `{"query":"{ a }"}`, map[string]string{"Content-Type": "application/json; ==="}}, 200, ctJSON, "", ""},
		{"content type upper case", call{"POST", "", `{"query":"{ a }"}`, map[string]string{"Content-Type": "Application/JSON"}}, 200, ctJSON, "", ""},
		{"unknown content type, gzip", call{"POST", "", `{"query":"{ a }"}`, map[string]string{"Content-Type": "text/plain", "Content-Encoding": "gzip"}}, 400, ctJSON, "Must provide query string.", ""},
		{"graphql content type", call{"POST", "", `{ a }`, map[string]string{"Content-Type": "application/graphql"}}, 200, ctJSON, "", ""},
		{"multipart without parts", call{"POST", "", `{ a }`, map[string]string{"Content-Type": "multipart/form-data; boundary=x"}}, 400, ctJSON, "Must provide query string.", ""},
		{"multipart without boundary", call{"POST", "", `{ a }`, map[string]string{"Content-Type": "multipart/form-data"}}, 400, ctJSON, "Content-Type: multipart/form-data needs a boundary parameter", ""},
		{"bad charset", call{"POST", "", `{"query":"{ a }"}`, map[string]string{"Content-Type": "application/json; charset=latin1"}}, 415, ctJSON, `charset "latin1" is not supported`, ""},
		{"gzip", call{"POST", "", `{"query":"{ a }"}`, map[string]string{"Content-Type": ctJSON, "Content-Encoding": "gzip"}}, 415, ctJSON, "Content-Encoding: gzip is not supported", ""},
		{"put", call{"PUT", "", `{"query":"{ a }"}`, map[string]string{"Content-Type": ctJSON}}, 405, ctJSON, "method PUT is not allowed on /v1/graphql/", "GET, POST, OPTIONS"},
		{"delete", call{"DELETE", "/graphql/", "", nil}, 405, ctJSON, "method DELETE is not allowed on /graphql/", "GET, POST, OPTIONS"},
		{"accept text/csv answers json", call{"POST", "", `{"query":"{ a }"}`, map[string]string{"Content-Type": ctJSON, "Accept": "text/csv"}}, 200, ctJSON, "", ""},
		{"accept old draft answers json", call{"POST", "", `{"query":"{ a }"}`, map[string]string{"Content-Type": ctJSON, "Accept": "application/graphql+json"}}, 200, ctJSON, "", ""},
		{"accept q zero answers json", call{"POST", "", `{"query":"{ a }"}`, map[string]string{"Content-Type": ctJSON, "Accept": "application/json;q=0"}}, 200, ctJSON, "", ""},
		{"get ok", call{"GET", "/v1/graphql/?query=%7B+__typename+%7D", "", nil}, 200, ctJSON, "", ""},
		{"get variables", call{"GET", `/v1/graphql/?query=query+Q($n:String!){__type(name:$n){name}}&variables=%7B%22n%22%3A%22x%22%7D&operationName=Q`, "", map[string]string{"Accept": ctGQLR}}, 200, ctJSON, "", ""},
		{"get mutation", call{"GET", "/v1/graphql/?query=mutation+%7B+__typename+%7D", "", map[string]string{"Accept": ctGQLR}}, 405, ctJSON, "GET can only run query operations; send this mutation with POST", "POST"},
		{"get named mutation", call{"GET", "/v1/graphql/?query=query+A{a}+mutation+B{b}&operationName=B", "", nil}, 405, ctJSON, "send this mutation with POST", "POST"},
		{"get named query", call{"GET", "/v1/graphql/?query=query+A{a}+mutation+B{b}&operationName=A", "", nil}, 200, ctJSON, "", ""},
		{"get syntax error reaches executor", call{"GET", "/v1/graphql/?query=BAD%7B", "", map[string]string{"Accept": ctGQLR}}, 400, ctJSON, "", ""},
		{"get missing query", call{"GET", "/v1/graphql/", "", map[string]string{"Accept": ctJSON}}, 400, ctJSON, "Must provide query string.", ""},
		{"get empty query", call{"GET", "/v1/graphql/?query=", "", map[string]string{"Accept": ctJSON}}, 400, ctJSON, "Must provide query string.", ""},
		{"get bad variables", call{"GET", "/v1/graphql/?query=%7Ba%7D&variables=%5B1%5D", "", nil}, 400, ctJSON, "variables: must be a JSON object or null, got array", ""},
		{"get variables bad json", call{"GET", "/v1/graphql/?query=%7Ba%7D&variables=%7B%22a%22", "", nil}, 400, ctJSON, "variables: invalid JSON at offset 4 (line 1, column 5): unexpected end of input", ""},
		{"get repeated", call{"GET", "/v1/graphql/?query=%7Ba%7D&query=%7Bb%7D", "", nil}, 200, ctJSON, "", ""},
		{"get repeated, the last bad", call{"GET", "/v1/graphql/?query=%7Ba%7D&variables=%7B%7D&variables=%5B1%5D", "", nil}, 400, ctJSON, "variables: must be a JSON object or null, got array", ""},
		{"get bad escape", call{"GET", "/v1/graphql/?query=%zz", "", nil}, 400, ctJSON, "URL query string: invalid URL escape", ""},
		{"not found", call{"GET", "/nope", "", nil}, 404, ctJSON, "no route for GET /nope", ""},
		{"health wrong method", call{"POST", HealthPath, "", nil}, 405, ctJSON, "method POST is not allowed on /__krakensim/health", "GET, HEAD"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fe := &fakeExec{}
			s := New(Config{API: fe, Auth: fe, MaxBodyBytes: 1024})
			w := do(t, s, tt.call)
			if w.Code != tt.wantStatus {
				t.Fatalf("status %d, want %d; body %s", w.Code, tt.wantStatus, w.Body)
			}
			if got, want := w.Header().Get("Content-Type"), tt.wantType+"; charset=utf-8"; got != want {
				t.Errorf("Content-Type %q, want %q", got, want)
			}
			if got := w.Header().Get("Allow"); got != tt.wantAllow {
				t.Errorf("Allow %q, want %q", got, tt.wantAllow)
			}
			if tt.wantMsg == "" {
				if fe.count() != 1 {
					t.Fatalf("executor called %d times, want 1", fe.count())
				}
				return
			}
			if fe.count() != 0 {
				t.Errorf("executor called for a refused request")
			}
			e := transportError(t, w)
			if !strings.Contains(e.Message, tt.wantMsg) {
				t.Errorf("message %q does not contain %q", e.Message, tt.wantMsg)
			}
		})
	}
}

func TestBodyLimitUnknownLength(t *testing.T) {
	fe := &fakeExec{}
	s := New(Config{API: fe, MaxBodyBytes: 64})
	r := httptest.NewRequest("POST", APIPath, strings.NewReader(`{"query":"{ __typename }","variables":{"pad":"`+strings.Repeat("x", 100)+`"}}`))
	r.ContentLength = -1 // as with a chunked upload
	r.Header.Set("Content-Type", ctJSON)
	w := httptest.NewRecorder()
	s.ServeHTTP(w, r)
	if w.Code != http.StatusRequestEntityTooLarge {
		t.Fatalf("status %d: %s", w.Code, w.Body)
	}
	if e := transportError(t, w); e.Message != "body: over the 64-byte limit" {
		t.Errorf("message %q", e.Message)
	}
	if fe.count() != 0 {
		t.Error("executor called")
	}
}

func TestRequestReachesExecutor(t *testing.T) {
	fe := &fakeExec{}
	s := New(Config{API: fe})
	body := `{"query":"query Q($n: Int) { a }","operationName":"Q","variables":{"n":3,"o":{"k":[true,null]}},"extensions":{"persistedQuery":{"version":1}}}`
	w := do(t, s, call{"POST", APIPath, body, map[string]string{"Content-Type": ctJSON, "Authorization": "JWT abc", "X-Krakensim-Session": "s1"}})
	if w.Code != 200 {
		t.Fatalf("status %d: %s", w.Code, w.Body)
	}
	req := fe.last(t)
	if req.Query != "query Q($n: Int) { a }" || req.OperationName != "Q" {
		t.Errorf("query/operationName = %q/%q", req.Query, req.OperationName)
	}
	vars, _ := json.Marshal(req.Variables)
	if string(vars) != `{"n":3,"o":{"k":[true,null]}}` {
		t.Errorf("variables = %s", vars)
	}
	if n, ok := req.Variables["n"].(json.Number); !ok || n != "3" {
		t.Errorf("variables.n = %#v, want json.Number(\"3\")", req.Variables["n"])
	}
	ext, _ := json.Marshal(req.Extensions)
	if string(ext) != `{"persistedQuery":{"version":1}}` {
		t.Errorf("extensions = %s", ext)
	}
	if got := http.Header(req.Header).Get("Authorization"); got != "JWT abc" {
		t.Errorf("Authorization header = %q", got)
	}
	if got := http.Header(req.Header).Get("X-Krakensim-Session"); got != "s1" {
		t.Errorf("X-Krakensim-Session header = %q", got)
	}
}

func TestIDEPage(t *testing.T) {
	fe := &fakeExec{}
	s := New(Config{API: fe, Auth: fe})
	browser := "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
	version := ideAssets().version
	for _, path := range []string{APIPath, AuthPath} {
		w := do(t, s, call{"GET", path, "", map[string]string{"Accept": browser}})
		if w.Code != 200 || w.Header().Get("Content-Type") != "text/html; charset=utf-8" {
			t.Fatalf("%s: status %d, type %q", path, w.Code, w.Header().Get("Content-Type"))
		}
		page := w.Body.String()
		for _, want := range []string{
			`<script type="module" src="` + IDEAssetsPath + `graphiql.js?v=` + version + `">`,
			`<link rel="stylesheet" href="` + IDEAssetsPath + `graphiql.css?v=` + version + `">`,
			`"endpoint":"` + path + `"`, `"authEndpoint":"` + AuthPath + `"`, `<div id="graphiql">`,
		} {
			if !strings.Contains(page, want) {
				t.Errorf("%s: page lacks %q", path, want)
			}
		}
		for _, bad := range []string{"http://", "https://", "{{"} {
			if strings.Contains(page, bad) {
				t.Errorf("%s: page contains %q (must work offline)", path, bad)
			}
		}
	}
	// A browser GET with a query runs it.
	w := do(t, s, call{"GET", APIPath + "?query=%7Ba%7D", "", map[string]string{"Accept": browser}})
	if w.Code != 200 || w.Header().Get("Content-Type") != "application/json; charset=utf-8" {
		t.Errorf("browser GET with query: status %d, type %q", w.Code, w.Header().Get("Content-Type"))
	}
}

func TestNilExecutor(t *testing.T) {
	s := New(Config{API: &fakeExec{}})
	w := do(t, s, call{"POST", AuthPath, `{"query":"{a}"}`, map[string]string{"Content-Type": ctJSON}})
	if w.Code != 404 {
		t.Fatalf("status %d", w.Code)
	}
	if e := transportError(t, w); !strings.Contains(e.Message, "/graphql/: no GraphQL executor") {
		t.Errorf("message %q", e.Message)
	}
}

func TestHealth(t *testing.T) {
	s := New(Config{Version: "1.2.3"})
	w := do(t, s, call{"GET", HealthPath, "", nil})
	if w.Code != 200 {
		t.Fatalf("status %d", w.Code)
	}
	if got := w.Body.String(); got != `{"status":"ok","version":"1.2.3"}` {
		t.Errorf("body %s", got)
	}
	if got := w.Header().Get("Content-Type"); got != "application/json; charset=utf-8" {
		t.Errorf("Content-Type %q", got)
	}
}

func TestCORS(t *testing.T) {
	tests := []struct {
		name        string
		origins     []string
		origin      string
		wantOrigin  string
		wantCreds   string
		wantPreflit bool
	}{
		{"default any", nil, "http://localhost:3000", "*", "", true},
		{"star entry", []string{"*"}, "https://app.example", "*", "", true},
		{"listed", []string{"https://app.example", "http://localhost:3000/"}, "http://localhost:3000", "http://localhost:3000", "true", true},
		{"listed case", []string{"https://App.Example"}, "https://app.example", "https://app.example", "true", true},
		{"not listed", []string{"https://app.example"}, "https://evil.example", "", "", false},
		{"no origin", nil, "", "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fe := &fakeExec{}
			s := New(Config{API: fe, AllowedOrigins: tt.origins})
			h := map[string]string{
				"Access-Control-Request-Method":  "POST",
				"Access-Control-Request-Headers": "authorization, content-type, x-custom-thing",
			}
			if tt.origin != "" {
				h["Origin"] = tt.origin
			}
			w := do(t, s, call{"OPTIONS", APIPath, "", h})
			if w.Code != http.StatusNoContent {
				t.Fatalf("preflight status %d", w.Code)
			}
			if got := w.Header().Get("Access-Control-Allow-Origin"); got != tt.wantOrigin {
				t.Errorf("preflight Allow-Origin %q, want %q", got, tt.wantOrigin)
			}
			if got := w.Header().Get("Access-Control-Allow-Credentials"); got != tt.wantCreds {
				t.Errorf("Allow-Credentials %q, want %q", got, tt.wantCreds)
			}
			allowH := w.Header().Get("Access-Control-Allow-Headers")
			if tt.wantPreflit {
				for _, want := range []string{"Authorization", "Content-Type", "X-Krakensim-Session", "X-Krakensim-Scenario", "X-Krakensim-Error", "X-Kraken-Possible-Errors", "x-custom-thing"} {
					if !strings.Contains(allowH, want) {
						t.Errorf("Allow-Headers %q lacks %s", allowH, want)
					}
				}
				if got := w.Header().Get("Access-Control-Allow-Methods"); got != "GET, POST, OPTIONS" {
					t.Errorf("Allow-Methods %q", got)
				}
			} else if allowH != "" {
				t.Errorf("Allow-Headers sent to a refused origin: %q", allowH)
			}
			if fe.count() != 0 {
				t.Errorf("preflight reached the executor")
			}

			post := map[string]string{"Content-Type": ctJSON}
			if tt.origin != "" {
				post["Origin"] = tt.origin
			}
			w = do(t, s, call{"POST", APIPath, `{"query":"{a}"}`, post})
			if w.Code != 200 {
				t.Fatalf("POST status %d", w.Code)
			}
			if got := w.Header().Get("Access-Control-Allow-Origin"); got != tt.wantOrigin {
				t.Errorf("POST Allow-Origin %q, want %q", got, tt.wantOrigin)
			}
		})
	}
}

func TestPanicRecovery(t *testing.T) {
	var logs bytes.Buffer
	fe := &fakeExec{}
	s := New(Config{API: fe, Logger: slog.New(slog.NewJSONHandler(&syncWriter{w: &logs}, nil))})
	w := do(t, s, call{"POST", APIPath, `{"query":"{ PANIC }"}`, map[string]string{"Content-Type": ctJSON}})
	if w.Code != 500 {
		t.Fatalf("status %d", w.Code)
	}
	e := transportError(t, w)
	if !strings.Contains(e.Message, "fake executor exploded") || e.Extensions["errorType"] != "APPLICATION" {
		t.Errorf("error %+v", e)
	}
	if !strings.Contains(logs.String(), `"panic":"fake executor exploded"`) {
		t.Errorf("panic not logged: %s", logs.String())
	}
	w = do(t, s, call{"POST", APIPath, `{"query":"{ a }"}`, map[string]string{"Content-Type": ctJSON}})
	if w.Code != 200 {
		t.Errorf("after a panic: status %d", w.Code)
	}
}

type syncWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (s *syncWriter) Write(b []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(b)
}

func TestRequestLog(t *testing.T) {
	var logs bytes.Buffer
	s := New(Config{API: &fakeExec{}, Logger: slog.New(slog.NewJSONHandler(&syncWriter{w: &logs}, nil))})
	do(t, s, call{"POST", APIPath, `{"query":"query Q { a }","operationName":"Q"}`, map[string]string{"Content-Type": ctJSON}})
	var rec map[string]any
	if err := json.Unmarshal(logs.Bytes(), &rec); err != nil {
		t.Fatalf("log is not one JSON record: %v\n%s", err, logs.String())
	}
	for k, want := range map[string]any{"msg": "request", "method": "POST", "path": APIPath, "status": 200.0, "operationName": "Q", "level": "INFO"} {
		if rec[k] != want {
			t.Errorf("log %s = %v, want %v", k, rec[k], want)
		}
	}
	if _, ok := rec["duration"].(float64); !ok {
		t.Errorf("log lacks duration: %v", rec)
	}
}

func TestServeGracefulShutdown(t *testing.T) {
	fe := &fakeExec{started: make(chan struct{}), release: make(chan struct{})}
	s := New(Config{API: fe})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- s.Serve(ctx, ln) }()

	url := "http://" + ln.Addr().String() + APIPath
	type result struct {
		status int
		err    error
	}
	inflight := make(chan result, 1)
	go func() {
		resp, err := http.Post(url, ctJSON, strings.NewReader(`{"query":"{ SLOW }"}`))
		if err != nil {
			inflight <- result{err: err}
			return
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		inflight <- result{status: resp.StatusCode}
	}()
	<-fe.started // the request is inside the executor
	cancel()
	// Serve must wait for the in-flight request: it cannot have returned yet.
	select {
	case err := <-served:
		t.Fatalf("Serve returned %v before the in-flight request finished", err)
	case <-time.After(50 * time.Millisecond):
	}
	close(fe.release)
	r := <-inflight
	if r.err != nil || r.status != 200 {
		t.Fatalf("in-flight request: status %d, err %v", r.status, r.err)
	}
	if err := <-served; err != nil {
		t.Fatalf("Serve returned %v, want nil", err)
	}
	if _, err := http.Get("http://" + ln.Addr().String() + HealthPath); err == nil {
		t.Error("server still answers after shutdown")
	}
}

func TestServeListenerError(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ln.Close()
	err = New(Config{}).Serve(context.Background(), ln)
	if err == nil || !strings.Contains(err.Error(), "serve 127.0.0.1:") {
		t.Fatalf("Serve on a closed listener = %v", err)
	}
}

func FuzzServeGraphQL(f *testing.F) {
	f.Add([]byte(`{"query":"{ __typename }"}`), "application/json", "POST")
	f.Add([]byte(`{"query":"query($a: [Int]) { hello }","variables":{"a":[1,2,{"b":null}]}}`), "application/json; charset=utf-8", "POST")
	f.Add([]byte(`{"query":"mutation M($b: Int!) { bump(by: $b) }","variables":{"b":12345678901234567890}}`), "application/json", "POST")
	f.Add([]byte(`query=%7Baccount(number:%22A-1%22)%7Bnumber+balance%7D%7D`), "", "GET")
	f.Add([]byte(`{"query":`), "application/json", "POST")
	f.Add([]byte("\xef\xbb\xbf{}"), "application/json", "POST")
	f.Add([]byte(`query=mutation{a}&variables=[1]`), "", "GET")
	f.Add([]byte(`{ a }`), "application/graphql", "PATCH")
	f.Add([]byte(`{"query":"{a}","query":"{b}"}`), "application/json;;", "POST")
	f.Add([]byte(`{"query":7,"variables":{},"query":"","variables":"[]","operationName":1,"operationName":null}`), "Application/JSON", "POST")
	f.Add([]byte("--b\r\nContent-Disposition: form-data; name=\"query\"\r\n\r\n{ hello }\r\n--b\r\nContent-Disposition: form-data; name=\"variables\"; filename=\"v\"\r\n\r\n[\r\n--b--\r\n"), "multipart/form-data; boundary=b", "POST")
	f.Add([]byte("--b\r\nContent-Disposition: form-data; name=\"query\"\r\n\r\n{ hel"), "multipart/form-data; boundary=\"b\"", "POST")
	f.Add([]byte(`query=%7Ba%7D&query=&variables=%7B%7D&variables=0`), "application/x-www-form-urlencoded", "POST")
	f.Add([]byte(`{"query":"{ hello }"}`), "", "POST")
	f.Add([]byte(`query={hello}`), "text/plain; charset=latin1", "POST")
	s := New(Config{API: realExecutor(f), MaxBodyBytes: 4096})
	f.Fuzz(func(t *testing.T, body []byte, contentType, method string) {
		if !validMethod(method) {
			method = "POST"
		}
		target := APIPath
		if method == http.MethodGet {
			target += "?" + strings.ReplaceAll(string(body), "#", "%23")
		}
		r, err := http.NewRequest(method, target, bytes.NewReader(body))
		if err != nil {
			return // not a request a client can send
		}
		r.Header.Set("Content-Type", contentType)
		w := httptest.NewRecorder()
		fuzzcost.Check(t, string(body), func() { s.ServeHTTP(w, r) })
		if w.Code >= 500 {
			t.Fatalf("status %d for %s %q body %q: %s", w.Code, method, contentType, body, w.Body)
		}
		if method == http.MethodOptions {
			return // preflight answers carry no body
		}
		if !json.Valid(w.Body.Bytes()) {
			t.Fatalf("body is not JSON for %s %q %q: %q", method, contentType, body, w.Body)
		}
	})
}

func validMethod(m string) bool {
	if m == "" || len(m) > 16 {
		return false
	}
	return validToken(m)
}

func BenchmarkServeGraphQL(b *testing.B) {
	body := `{"query":"query Q($n: String) { hello(name: $n) }","operationName":"Q","variables":{"n":"Ada"}}`
	for _, bc := range []struct {
		name string
		exec Executor
	}{{"static", staticExec{}}, {"real", realExecutor(b)}} {
		b.Run(bc.name, func(b *testing.B) {
			s := New(Config{API: bc.exec})
			b.ReportAllocs()
			for b.Loop() {
				r := httptest.NewRequest("POST", APIPath, strings.NewReader(body))
				r.Header.Set("Content-Type", ctJSON)
				w := httptest.NewRecorder()
				s.ServeHTTP(w, r)
				if w.Code != 200 {
					b.Fatalf("status %d", w.Code)
				}
			}
		})
	}
}

// staticExec answers every request with the same small result.
type staticExec struct{}

func (staticExec) Execute(context.Context, *graphql.Request) *graphql.Response {
	return &graphql.Response{Executed: true, Data: &graphql.Object{Keys: []string{"hello"}, Values: []any{"hello Ada"}}}
}
