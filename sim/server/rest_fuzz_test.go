package server_test

import (
	"bytes"
	"encoding/json"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/krakensim/krakensim/internal/fuzzcost"
	"github.com/krakensim/krakensim/sim"
)

// FuzzREST sends any method, data-import path (path parameters included), content type,
// credentials and body through the real HTTP handler, over the body limit too: no
// input gets a 5xx (nothing is scripted), every non-empty answer that claims JSON is
// JSON, and none takes more than a second or 100 MB.
func FuzzREST(f *testing.F) {
	seeds := []struct {
		method, path, ctype, auth, session, body string
	}{
		{"POST", "/v1/data-import/notes/create/", "application/json", "Token krakensim-import-key", "s1",
			`{"import_supplier":"TENTACLE_ENERGY","external_account_number":"EXTERNAL-1234","notes":[{"body":"hi","is_pinned":true}]}`},
		{"POST", "/v1/data-import/transactions/create/", "application/json", "Token krakensim-import-key", "s1",
			`{"import_supplier":"TENTACLE_ENERGY","external_account_number":"EXTERNAL-1234","transactions":[{"transaction_id":"f-1","transaction_date":"2019-10-02","amount":12.34,"type":"CREDIT","reason":"GOODWILL"}]}`},
		{"POST", "/v1/data-import/send-registration-flows/TENTACLE_ENERGY/EXTERNAL-1234/", "application/json", "Token krakensim-import-key", "", `{}`},
		{"GET", "/v1/data-import/account-transfer-status/TENTACLE_ENERGY/%2e%2e/", "", "Token krakensim-import-key", "", ``},
		{"GET", "/v2/data-import/accounts/X/Y/", "", "", "bad session!", ``},
		{"POST", "/v2/data-import/accounts/validate/", "text/plain", "Token nope", "", `{"accounts": [`},
		{"PUT", "/v1/data-import/notes/create/", "application/x-www-form-urlencoded", "", "", `a=b`},
		{"POST", "/v1/data-import/historical-statements/create/", "application/json; charset=utf-16", "JWT x.y.z", "", `[]`},
		{"POST", "/v1/data-import/payment-instruction/create/", "application/json", "Token krakensim-import-key", "", strings.Repeat(`{"a":`, 5000)},
	}
	for _, s := range seeds {
		f.Add(s.method, s.path, s.ctype, s.auth, s.session, []byte(s.body))
	}
	_, h := fuzzServer(f)
	f.Fuzz(func(t *testing.T, method, path, ctype, auth, session string, body []byte) {
		if method == "" || strings.ContainsAny(method, " \t\r\n\x00") || strings.ContainsAny(ctype+auth+session, "\r\n\x00") ||
			!strings.HasPrefix(path, "/") || strings.ContainsAny(path, " \r\n\x00#?") {
			return // not a request a client can send
		}
		r := httptest.NewRequest("GET", "/", nil)
		r.Method, r.URL.Path, r.RequestURI = method, path, path
		r.Body = nopCloser{bytes.NewReader(body)}
		r.ContentLength = int64(len(body))
		if ctype != "" {
			r.Header.Set("Content-Type", ctype)
		}
		if auth != "" {
			r.Header.Set("Authorization", auth)
		}
		if session != "" {
			r.Header.Set(sim.SessionHeader, session)
		}
		w := httptest.NewRecorder()
		fuzzcost.Check(t, method+" "+path, func() { h.ServeHTTP(w, r) })
		if w.Code >= 500 {
			t.Fatalf("%s %s: status %d: %s", method, path, w.Code, w.Body)
		}
		if strings.Contains(w.Header().Get("Content-Type"), "json") && w.Body.Len() > 0 && !json.Valid(w.Body.Bytes()) {
			t.Fatalf("%s %s: a JSON answer that is not JSON: %q", method, path, w.Body)
		}
	})
}

type nopCloser struct{ *bytes.Reader }

func (nopCloser) Close() error { return nil }
