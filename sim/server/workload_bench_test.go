package server_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/krakensim/krakensim/internal/fastlog"
	"github.com/krakensim/krakensim/scenarios"
	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/platform"
	"github.com/krakensim/krakensim/sim/server"
)

// workload is one of issue 16's four requests.
type workload struct {
	name, path, body string
	header           map[string]string
}

// workloads builds the whole HTTP handler as `krakensim serve` builds it (embedded
// contract, fixtures, scenario pack, journal, metrics, access log) and returns it
// with issue 16's four workloads, the viewer's signed in.
func workloads(tb testing.TB) (http.Handler, []workload) {
	tb.Helper()
	cfg, err := platform.Default()
	if err != nil {
		tb.Fatal(err)
	}
	if cfg.Scenarios, err = scenarios.Pack(); err != nil {
		tb.Fatal(err)
	}
	s, err := sim.New(cfg)
	if err != nil {
		tb.Fatal(err)
	}
	// The access log is formatted as `krakensim serve` formats it, then discarded.
	h := server.New(server.Config{Sim: s, Logger: slog.New(fastlog.NewText(io.Discard, nil))})
	ts := httptest.NewServer(h)
	p := &live{t: tb, sim: s, url: ts.URL}
	token, _ := p.signIn("bench-viewer", map[string]any{"email": "demo@krakensim.dev", "password": "krakensim"})
	ts.Close()
	return h, []workload{
		{"sign-in", server.APIPath, `{"query":"mutation($i: ObtainJSONWebTokenInput!) { obtainKrakenToken(input: $i) { token refreshToken } }","variables":{"i":{"email":"demo@krakensim.dev","password":"krakensim"}}}`,
			map[string]string{"X-Krakensim-Session": "bench-signin"}},
		{"forced-error", server.APIPath, `{"query":"mutation($i: CreateAccountPaymentScheduleInput!) { createAccountPaymentSchedule(input: $i) { schedule { id } } }","variables":{"i":{"accountNumber":"A-C90DC431","ledgerNumber":"L-6B2F0A1C","paymentDay":5,"paymentAmount":1500}}}`,
			map[string]string{"X-Krakensim-Session": "bench-forced", "X-Krakensim-Error": "KT-CT-3942"}},
		{"viewer", server.APIPath, `{"query":"{ viewer { givenName familyName email accounts { number status balance } } }"}`,
			map[string]string{"X-Krakensim-Session": "bench-viewer", "Authorization": token}},
		{"notes-import", "/v1/data-import/notes/create/", `{"import_supplier":"TENTACLE_ENERGY","external_account_number":"EXTERNAL-1234","notes":[{"body":"Some important pinned note.","is_pinned":true,"unpin_at":"2020-06-01T12:00:00Z"}]}`,
			map[string]string{"X-Krakensim-Session": "bench-notes", "Authorization": "Token krakensim-import-key"}},
	}
}

// request is a fresh request of w, with a recorder for its answer.
func (w workload) request() (*httptest.ResponseRecorder, *http.Request) {
	r := httptest.NewRequest(http.MethodPost, w.path, strings.NewReader(w.body))
	r.Header.Set("Content-Type", "application/json")
	for k, v := range w.header {
		r.Header.Set(k, v)
	}
	return httptest.NewRecorder(), r
}

// BenchmarkWorkloads sends issue 16's four workloads through the whole HTTP handler,
// without the network: what one request costs the server.
func BenchmarkWorkloads(b *testing.B) {
	h, all := workloads(b)
	for _, w := range all {
		b.Run(w.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				rec, r := w.request()
				h.ServeHTTP(rec, r)
				if rec.Code/100 != 2 {
					b.Fatalf("%s: status %d: %s", w.name, rec.Code, rec.Body)
				}
			}
		})
	}
}
