package server

import (
	"mime"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/krakensim/krakensim/internal/fuzzcost"
)

// FuzzAcceptCORS sends requests with arbitrary Accept, Origin and preflight headers
// through the real handler: no 5xx and no 406; an answer in application/json (or the
// IDE's HTML for a browser's GET), whatever Accept says, as Kraken answers; CORS headers only for allowed origins, listing only header names; and no
// input takes more than a second or 100 MB.
func FuzzAcceptCORS(f *testing.F) {
	f.Add("application/json", "https://app.example", "POST", "content-type, authorization", "POST")
	f.Add("application/graphql-response+json;q=0.9, application/json;q=0.8", "http://localhost:3000", "", "", "GET")
	f.Add("text/html,application/xhtml+xml,*/*;q=0.8", "", "", "", "GET")
	f.Add("*/*;q=0, application/*;q=0.5", "https://evil.example", "PUT", "x-a,,x-b , bad header", "OPTIONS")
	f.Add("application/json;q=2, application/json;q=abc, ;;;", "HTTPS://APP.EXAMPLE/", "POST", strings.Repeat("x-h,", 1000), "OPTIONS")
	f.Add(strings.Repeat("application/json;q=0.1,", 500), "null", "GET", "", "POST")
	allowed := []string{"https://app.example", "http://localhost:3000"}
	s := New(Config{API: realExecutor(f), AllowedOrigins: allowed})
	f.Fuzz(func(t *testing.T, accept, origin, reqMethod, reqHeaders, method string) {
		switch method {
		case http.MethodGet, http.MethodPost, http.MethodOptions:
		default:
			method = http.MethodPost
		}
		header := http.Header{}
		for k, v := range map[string]string{"Accept": accept, "Origin": origin,
			"Access-Control-Request-Method": reqMethod, "Access-Control-Request-Headers": reqHeaders} {
			if strings.ContainsAny(v, "\r\n\x00") {
				return // not a header a client can send
			}
			if v != "" {
				header.Set(k, v)
			}
		}
		target, body := APIPath+"?query=%7Bhello%7D", ""
		if method == http.MethodPost {
			target, body = APIPath, `{"query":"{ hello }"}`
			header.Set("Content-Type", "application/json")
		}
		r := httptest.NewRequest(method, target, strings.NewReader(body))
		for k, v := range header {
			r.Header[k] = v
		}
		w := httptest.NewRecorder()
		fuzzcost.Check(t, accept+"|"+origin+"|"+reqHeaders, func() { s.ServeHTTP(w, r) })
		if w.Code >= 500 {
			t.Fatalf("status %d: %s", w.Code, w.Body)
		}
		checkCORS(t, w.Header(), origin, allowed)
		if method == http.MethodOptions {
			return
		}
		mt, _, err := mime.ParseMediaType(w.Header().Get("Content-Type"))
		if err != nil {
			t.Fatalf("Content-Type %q: %v", w.Header().Get("Content-Type"), err)
		}
		switch {
		case w.Code == http.StatusNotAcceptable:
			t.Fatalf("406 for Accept %q", accept)
		case mt == mediaHTML:
			if method != http.MethodGet || !prefersHTML(header.Values("Accept")) {
				t.Fatalf("HTML answer to %s with Accept %q", method, accept)
			}
		case mt != mediaJSON:
			t.Fatalf("answered %s to Accept %q", mt, accept)
		}
	})
}

// checkCORS asserts that CORS headers open the answer only to an allowed origin and
// list only header names.
func checkCORS(t *testing.T, h http.Header, origin string, allowed []string) {
	t.Helper()
	if got := h.Get("Access-Control-Allow-Origin"); got != "" {
		ok := false
		for _, a := range allowed {
			ok = ok || strings.EqualFold(strings.TrimRight(a, "/"), origin)
		}
		if got != origin || !ok {
			t.Fatalf("Access-Control-Allow-Origin %q for Origin %q", got, origin)
		}
	}
	if list := h.Get("Access-Control-Allow-Headers"); list != "" {
		for _, name := range strings.Split(list, ", ") {
			if name == "" || !validToken(name) {
				t.Fatalf("Access-Control-Allow-Headers lists %q: %q", name, list)
			}
		}
	}
}
