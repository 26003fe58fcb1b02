package server_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/platform"
	"github.com/krakensim/krakensim/sim/server"
)

// BenchmarkJournal measures a signed-in GraphQL request and a REST call through the
// whole HTTP handler with recording off (NoRecord) and on (the default journal of
// 1,000 entries, coverage and metrics); the difference is what the journal costs.
func BenchmarkJournal(b *testing.B) {
	for _, mode := range []struct {
		name string
		off  bool
	}{{"off", true}, {"on", false}} {
		cfg, err := platform.Default()
		if err != nil {
			b.Fatal(err)
		}
		cfg.NoRecord = mode.off
		s, err := sim.New(cfg)
		if err != nil {
			b.Fatal(err)
		}
		h := server.New(server.Config{Sim: s})
		p := &live{t: b, sim: s}
		ts := httptest.NewServer(h)
		p.url = ts.URL
		token, _ := p.signIn("bench", map[string]any{"email": "demo@krakensim.dev", "password": "krakensim"})
		ts.Close()
		for _, c := range []struct{ name, path, body string }{
			{"graphql", server.APIPath, `{"query":"query Me($n: String!) { viewer { id email accounts { number } } account(accountNumber: $n) { number balance } }","operationName":"Me","variables":{"n":"A-C90DC431"}}`},
			{"rest", "/v1/data-import/notes/create/", `{"notes": []}`},
		} {
			b.Run(c.name+"/"+mode.name, func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					req := httptest.NewRequest(http.MethodPost, c.path, strings.NewReader(c.body))
					req.Header.Set("Content-Type", "application/json")
					req.Header.Set(sim.SessionHeader, "bench")
					req.Header.Set("Authorization", token)
					w := httptest.NewRecorder()
					h.ServeHTTP(w, req)
					if w.Code >= 500 || strings.Contains(w.Body.String(), `"errors"`) && c.name == "graphql" {
						b.Fatalf("status %d: %s", w.Code, w.Body)
					}
				}
			})
		}
	}
}
