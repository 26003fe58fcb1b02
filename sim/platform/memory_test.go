package platform_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"runtime"
	"sync"
	"testing"

	"github.com/krakensim/krakensim/fixtures"
	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/platform"
	"github.com/krakensim/krakensim/sim/server"
)

// generated is the platform over the default fixtures plus 1,000 generated accounts, as
// `serve --generate 1000` builds it.
var generated = sync.OnceValues(func() (sim.Config, error) {
	cfg, err := platform.Default()
	if err != nil {
		return cfg, err
	}
	cfg.World, err = fixtures.Build(fixtures.Options{Generate: 1000, Seed: 1})
	return cfg, err
})

func generatedServer(tb testing.TB, adjust func(*sim.Config)) (*sim.Simulator, *httptest.Server) {
	tb.Helper()
	cfg, err := generated()
	if err != nil {
		tb.Fatal(err)
	}
	cfg.TokenSecret = []byte("memory-test-secret")
	if adjust != nil {
		adjust(&cfg)
	}
	s, err := sim.New(cfg)
	if err != nil {
		tb.Fatal(err)
	}
	ts := httptest.NewServer(server.New(server.Config{Sim: s}))
	tb.Cleanup(ts.Close)
	return s, ts
}

func heapInUse() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// post sends a JSON body in a session and returns the status and decoded answer.
func post(tb testing.TB, ts *httptest.Server, path, session, token string, body any) (int, map[string]any) {
	tb.Helper()
	b, _ := json.Marshal(body)
	req, _ := http.NewRequest(http.MethodPost, ts.URL+path, bytes.NewReader(b))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set(sim.SessionHeader, session)
	if token != "" {
		req.Header.Set("Authorization", token)
	}
	resp, err := ts.Client().Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		tb.Fatalf("%s: answer (HTTP %d) is not JSON: %v", path, resp.StatusCode, err)
	}
	return resp.StatusCode, out
}

const signInQuery = `mutation { obtainKrakenToken(input: {email: "demo@krakensim.dev", password: "krakensim"}) { token refreshToken } }`

func signIn(tb testing.TB, ts *httptest.Server, session string) (token, refresh string) {
	tb.Helper()
	_, out := post(tb, ts, sim.AuthPath, session, "", map[string]any{"query": signInQuery})
	data, _ := out["data"].(map[string]any)
	tok, _ := data["obtainKrakenToken"].(map[string]any)
	token, _ = tok["token"].(string)
	refresh, _ = tok["refreshToken"].(string)
	if token == "" {
		tb.Fatalf("sign-in failed: %v", out)
	}
	return "JWT " + token, refresh
}

// sessionBytes is the heap a session holds after a sign-in, a read and (when mutate) a
// mutation, averaged over n sessions of a simulator with 1,000 generated accounts.
func sessionBytes(tb testing.TB, n int, mutate bool) float64 {
	_, ts := generatedServer(tb, nil)
	signIn(tb, ts, "warm-up")
	before := heapInUse()
	for i := range n {
		id := fmt.Sprintf("mem-%d", i)
		tok, _ := signIn(tb, ts, id)
		post(tb, ts, sim.APIPath, id, tok, map[string]any{"query": `{ viewer { accounts { number balance } } }`})
		if mutate {
			post(tb, ts, sim.APIPath, id, tok, map[string]any{"query": `mutation { updateUser(input: {givenName: "Mem"}) { viewer { givenName } } }`})
			post(tb, ts, sim.APIPath, id, tok, map[string]any{"query": `mutation { updateAccountBillingEmail(input: {accountNumber: "A-C90DC431", billingEmail: "mem@example.com"}) { account { number } } }`})
		}
	}
	after := heapInUse()
	return (float64(after) - float64(before)) / float64(n)
}

// BenchmarkSessionMemory reports the heap one session holds over `--generate 1000`
// fixtures: created by a sign-in and a read, and after two mutations.
func BenchmarkSessionMemory(b *testing.B) {
	for _, mutate := range []bool{false, true} {
		b.Run(fmt.Sprintf("mutate=%v", mutate), func(b *testing.B) {
			var per float64
			for range b.N {
				per = sessionBytes(b, 100, mutate)
			}
			b.ReportMetric(per, "B/session")
		})
	}
}

// retainedPerSignIn is the heap each of n sign-ins in one session leaves behind.
func retainedPerSignIn(tb testing.TB, n int) float64 {
	_, ts := generatedServer(tb, nil)
	signIn(tb, ts, "signins")
	before := heapInUse()
	for range n {
		signIn(tb, ts, "signins")
	}
	after := heapInUse()
	return (float64(after) - float64(before)) / float64(n)
}

// BenchmarkSignInMemory reports the heap a session keeps per sign-in, once 5,000
// sign-ins have filled it.
func BenchmarkSignInMemory(b *testing.B) {
	var per float64
	for range b.N {
		per = retainedPerSignIn(b, 5000)
	}
	b.ReportMetric(per, "B/sign-in")
}
