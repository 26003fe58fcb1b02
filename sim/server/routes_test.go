package server_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/krakensim/krakensim/sim/server"
)

// TestRoutesAnswerAtOnce sends requests of every kind the moment New returns, while
// the router may still be building: the paths of the exact map answer at once, and
// the others wait for the router rather than miss it (the race detector checks that
// the router is published safely).
func TestRoutesAnswerAtOnce(t *testing.T) {
	s := dataImportSim(t)
	cases := []struct {
		method, path, body string
		want               int
		holds              string
	}{
		{http.MethodPost, server.APIPath, `{"query":"{ __typename }"}`, http.StatusOK, `"__typename":"Query"`},
		{http.MethodPost, strings.TrimSuffix(server.AuthPath, "/"), `{"query":"{ __typename }"}`, http.StatusOK, `"__typename":"Query"`},
		{http.MethodGet, server.HealthPath, "", http.StatusOK, `"status":"ok"`},
		{http.MethodGet, server.AdminPrefix + "sessions", "", http.StatusOK, `"sessions"`},
		{http.MethodGet, server.MetricsPath, "", http.StatusOK, "go_goroutines"},
		{http.MethodGet, "/no/such/path", "", http.StatusNotFound, "KRAKENSIM-HTTP-404"},
	}
	for range 5 {
		h := server.New(server.Config{Sim: s})
		var wg sync.WaitGroup
		for _, c := range cases {
			wg.Go(func() {
				r := httptest.NewRequest(c.method, "http://localhost"+c.path, strings.NewReader(c.body))
				if c.body != "" {
					r.Header.Set("Content-Type", "application/json")
				}
				w := httptest.NewRecorder()
				h.ServeHTTP(w, r)
				if w.Code != c.want || !strings.Contains(w.Body.String(), c.holds) {
					t.Errorf("%s %s: HTTP %d, want %d with %s: %.200s", c.method, c.path, w.Code, c.want, c.holds, w.Body)
				}
			})
		}
		wg.Wait()
	}
}
