package server_test

import (
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/krakensim/krakensim/internal/fuzzcost"
	"github.com/krakensim/krakensim/sim/documents"
)

// FuzzDocuments sends any path and query to the statements' documents (GET
// /documents/…), seeded with the URLs signed for a statement and an annual statement of
// the demo account and a product's public terms: no input gets a 5xx or takes more than
// a second or 100 MB, a refusal is S3's XML error document, and only a URL as signed, or
// a public document's, answers a PDF.
func FuzzDocuments(f *testing.F) {
	s, h := fuzzServer(f)
	sess, err := s.Session("fuzz")
	if err != nil {
		f.Fatal(err)
	}
	signatures := map[string]bool{}
	var seeds []string
	for _, key := range []string{documents.StatementKey("A-C90DC431", "1001"), documents.AnnualStatementKey("A-C90DC431", "3373122609202509")} {
		signed, _ := sess.DocumentURL(key)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest("GET", signed, nil))
		if w.Code != 200 || w.Header().Get("Content-Type") != "application/pdf" {
			f.Fatalf("the signed URL %s: %d %.200s", signed, w.Code, w.Body)
		}
		seed := strings.TrimPrefix(signed, "/documents/")
		q, _ := url.ParseQuery(strings.SplitN(seed, "?", 2)[1])
		signatures[q.Get("signature")] = true
		seeds = append(seeds, seed)
		f.Add("GET", seed)
		f.Add("HEAD", seed)
	}
	f.Add("GET", strings.Replace(seeds[0], "1001", "1002", 1))
	f.Add("GET", strings.Replace(seeds[1], "annual-statements/", "statements/", 1))
	f.Add("GET", "statements/A-C90DC431/1001.pdf?session=fuzz&expires=x&signature=00")
	f.Add("GET", "annual-statements/A-C90DC431/2025.pdf?session=fuzz&expires=x&signature=00")
	f.Add("GET", "statements/%2e%2e/1.pdf")
	f.Add("GET", "terms/AGILE-24-10-01-1.0.pdf")
	f.Add("HEAD", "terms/AGILE-24-10-01-9.9.pdf?session=fuzz")
	f.Add("GET", "terms/NOPE-1.0.pdf")
	f.Fuzz(func(t *testing.T, method, rest string) {
		if method != "GET" && method != "HEAD" || strings.ContainsAny(rest, " \r\n\x00#") {
			return // not a request a client can send
		}
		target := "/documents/" + rest
		r := httptest.NewRequest("GET", "/", nil)
		r.Method, r.RequestURI = method, target
		if err := parseTarget(r, target); err != nil {
			return
		}
		w := httptest.NewRecorder()
		fuzzcost.Check(t, method+" "+target, func() { h.ServeHTTP(w, r) })
		if w.Code >= 500 {
			t.Fatalf("%s %s: status %d: %s", method, target, w.Code, w.Body)
		}
		if w.Code >= 400 && !strings.Contains(w.Body.String(), "</Error>") {
			t.Fatalf("%s %s: a refusal that is not S3's: %d %q", method, target, w.Code, w.Body)
		}
		if k, _ := documents.ParseKey(strings.TrimPrefix(r.URL.EscapedPath(), documents.Path)); w.Code == 200 && !k.Kind.Public() && !signatures[r.URL.Query().Get("signature")] {
			t.Fatalf("%s %s: answered a URL not signed: %d", method, target, w.Code)
		}
	})
}
