//go:build linux

package server_test

import (
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"testing"

	"golang.org/x/sys/unix"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/platform"
	"github.com/krakensim/krakensim/sim/server"
)

// threadCPU is the calling thread's CPU time in nanoseconds.
func threadCPU(b *testing.B) int64 {
	var ts unix.Timespec
	if err := unix.ClockGettime(unix.CLOCK_THREAD_CPUTIME_ID, &ts); err != nil {
		b.Fatal(err)
	}
	return ts.Nano()
}

// BenchmarkJournalOverhead answers the same requests with recording off and on,
// alternating request by request on one locked thread and timing each by the
// thread's CPU time, so that other processes on a shared machine do not skew the
// comparison. It reports the CPU ns/op of each and the journal's overhead in percent.
func BenchmarkJournalOverhead(b *testing.B) {
	type target struct {
		h     http.Handler
		token string
	}
	var targets [2]target // 0 off, 1 on
	for i, off := range []bool{true, false} {
		cfg, err := platform.Default()
		if err != nil {
			b.Fatal(err)
		}
		cfg.NoRecord = off
		s, err := sim.New(cfg)
		if err != nil {
			b.Fatal(err)
		}
		h := server.New(server.Config{Sim: s})
		ts := httptest.NewServer(h)
		p := &live{t: b, url: ts.URL, sim: s}
		token, _ := p.signIn("bench", map[string]any{"email": "demo@krakensim.dev", "password": "krakensim"})
		ts.Close()
		targets[i] = target{h, token}
	}
	for _, c := range []struct{ name, path, body string }{
		{"graphql", server.APIPath, `{"query":"query Me($n: String!) { viewer { id email accounts { number } } account(accountNumber: $n) { number balance } }","operationName":"Me","variables":{"n":"A-C90DC431"}}`},
		{"rest", "/v1/data-import/notes/create/", `{"notes": []}`},
	} {
		b.Run(c.name, func(b *testing.B) {
			runtime.LockOSThread()
			defer runtime.UnlockOSThread()
			var spent [2]int64
			serve := func(t target) {
				req := httptest.NewRequest(http.MethodPost, c.path, strings.NewReader(c.body))
				req.Header.Set("Content-Type", "application/json")
				req.Header.Set(sim.SessionHeader, "bench")
				req.Header.Set("Authorization", t.token)
				w := httptest.NewRecorder()
				t.h.ServeHTTP(w, req)
				if w.Code >= 500 {
					b.Fatalf("status %d: %s", w.Code, w.Body)
				}
			}
			for b.Loop() {
				for i := range targets {
					start := threadCPU(b)
					serve(targets[i])
					spent[i] += threadCPU(b) - start
				}
			}
			off, on := float64(spent[0])/float64(b.N), float64(spent[1])/float64(b.N)
			b.ReportMetric(off, "cpu-ns/op-off")
			b.ReportMetric(on, "cpu-ns/op-on")
			b.ReportMetric(100*(on-off)/off, "%overhead")
		})
	}
}
