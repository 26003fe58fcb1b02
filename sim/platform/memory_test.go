package platform_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/krakensim/krakensim/fixtures"
	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/auth"
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
func sessionBytes(tb testing.TB, n int, mutate bool) (heap, estimate float64) {
	s, ts := generatedServer(tb, nil)
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
	return (float64(after) - float64(before)) / float64(n), float64(s.SessionBytes()) / float64(n+1)
}

// BenchmarkSessionMemory reports the heap one session holds over `--generate 1000`
// fixtures: created by a sign-in and a read, and after two mutations.
func BenchmarkSessionMemory(b *testing.B) {
	for _, mutate := range []bool{false, true} {
		b.Run(fmt.Sprintf("mutate=%v", mutate), func(b *testing.B) {
			var heap, estimate float64
			for range b.N {
				heap, estimate = sessionBytes(b, 100, mutate)
			}
			b.ReportMetric(heap, "B/session")
			b.ReportMetric(estimate, "estimated-B/session")
		})
	}
}

// retainedPerSignIn is the heap each sign-in in one session leaves behind: while the
// first 1,000 fill the session's refresh tokens, and over the 4,000 after them.
func retainedPerSignIn(tb testing.TB) (filling, beyond float64) {
	_, ts := generatedServer(tb, nil)
	signIn(tb, ts, "signins")
	start := heapInUse()
	for range 1000 {
		signIn(tb, ts, "signins")
	}
	full := heapInUse()
	for range 4000 {
		signIn(tb, ts, "signins")
	}
	end := heapInUse()
	return (float64(full) - float64(start)) / 1000, (float64(end) - float64(full)) / 4000
}

// BenchmarkSignInMemory reports the heap a session keeps per sign-in, while its refresh
// tokens fill and once they are full.
func BenchmarkSignInMemory(b *testing.B) {
	var filling, beyond float64
	for range b.N {
		filling, beyond = retainedPerSignIn(b)
	}
	b.ReportMetric(filling, "B/sign-in")
	b.ReportMetric(beyond, "B/sign-in-when-full")
}

// TestSessionsShareFixtures creates sessions over `--generate 1000` fixtures, each
// signing in, reading and changing a user and an account: each holds a small part of
// the 2.4 MB a copy of the whole world takes.
func TestSessionsShareFixtures(t *testing.T) {
	const limit = 256 << 10
	if per, _ := sessionBytes(t, 40, true); per > limit {
		t.Fatalf("a session holds %.0f bytes of heap, want at most %d", per, limit)
	}
}

const importKey = "Token krakensim-import-key"

// importNotes posts a note of size bytes to the demo account in session, with a body
// unique to n, and returns the status and answer.
func importNotes(tb testing.TB, ts *httptest.Server, session string, n, size int) (int, any) {
	tb.Helper()
	status, out, err := importNote(ts, session, n, size)
	if err != nil {
		tb.Fatal(err)
	}
	return status, out
}

// importNote is importNotes for any goroutine: it returns what fails.
func importNote(ts *httptest.Server, session string, n, size int) (int, any, error) {
	body := fmt.Sprintf("note %d ", n) + strings.Repeat("x", size)
	b, _ := json.Marshal(map[string]any{
		"import_supplier": "TENTACLE_ENERGY", "external_account_number": "EXTERNAL-1234",
		"notes": []any{map[string]any{"body": body}},
	})
	req, _ := http.NewRequest(http.MethodPost, ts.URL+"/v1/data-import/notes/create/", bytes.NewReader(b))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", importKey)
	req.Header.Set(sim.SessionHeader, session)
	resp, err := ts.Client().Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	var out any
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return 0, nil, fmt.Errorf("notes: answer (HTTP %d) is not JSON: %v", resp.StatusCode, err)
	}
	return resp.StatusCode, out, nil
}

// TestFullSessionRefusesImports imports notes into one session until it holds more than
// --max-session-bytes: the next import answers 507 with a DRF-style body naming the
// limit and the reset, GraphQL changes are refused with KRAKENSIM-SESSION-FULL, signing
// in still works, other sessions still import, and a reset makes room again.
func TestFullSessionRefusesImports(t *testing.T) {
	const limit = 512 << 10
	s, ts := generatedServer(t, func(cfg *sim.Config) { cfg.MaxSessionBytes = limit })
	var status int
	var out any
	n := 0
	for ; n < 100; n++ {
		if status, out = importNotes(t, ts, "full", n, 64<<10); status != 201 {
			break
		}
	}
	t.Logf("full after %d notes of 64 KB", n)
	if status != 507 {
		t.Fatalf("after %d notes of 64 KB: HTTP %d %v, want 507", n, status, out)
	}
	if n < limit/(64<<10) {
		t.Errorf("the session was full after %d notes of 64 KB, before it reached %d bytes", n, limit)
	}
	body, _ := out.(map[string]any)
	detail, _ := body["detail"].(string)
	if body["code"] != "session_full" || body["limit_bytes"] != float64(limit) ||
		!strings.Contains(detail, "/__krakensim/sessions/full/reset") || !strings.Contains(detail, "--max-session-bytes") {
		t.Errorf("507 body: %v", body)
	}
	if got := s.SessionBytes(); got < limit {
		t.Errorf("the sessions hold %d bytes by their estimate, less than the full session's %d", got, limit)
	}

	tok, _ := signIn(t, ts, "full")
	_, gql := post(t, ts, sim.APIPath, "full", tok, map[string]any{"query": `mutation { updateUser(input: {givenName: "Full"}) { viewer { givenName } } }`})
	errs, _ := gql["errors"].([]any)
	if len(errs) != 1 || fmt.Sprint(errs[0].(map[string]any)["extensions"].(map[string]any)["errorCode"]) != sim.CodeSessionFull {
		t.Errorf("a mutation in a full session: %v", gql)
	}

	if status, out := importNotes(t, ts, "roomy", 0, 64<<10); status != 201 {
		t.Errorf("another session's import: HTTP %d %v", status, out)
	}
	if code, _ := post(t, ts, "/__krakensim/sessions/full/reset", "", "", map[string]any{}); code/100 != 2 {
		t.Fatalf("reset: HTTP %d", code)
	}
	if status, out := importNotes(t, ts, "full", n, 64<<10); status != 201 {
		t.Errorf("import after a reset: HTTP %d %v", status, out)
	}
}

// TestSessionsBoundedInBytes fills sessions one after another past
// --max-total-session-bytes: the least recently used are dropped (their imports gone),
// the session serving the request is kept, and the total stays under the bound.
func TestSessionsBoundedInBytes(t *testing.T) {
	const total = 2 << 20
	s, ts := generatedServer(t, func(cfg *sim.Config) { cfg.MaxTotalSessionBytes = total })
	for i := range 8 {
		for j := range 4 {
			if status, out := importNotes(t, ts, fmt.Sprintf("s%d", i), j, 128<<10); status != 201 {
				t.Fatalf("session s%d, note %d: HTTP %d %v", i, j, status, out)
			}
		}
		if got := s.SessionBytes(); got > total {
			t.Fatalf("after filling s%d the sessions hold %d bytes, over the bound of %d", i, got, total)
		}
	}
	live := map[string]bool{}
	for _, info := range s.Sessions() {
		live[info.ID] = true
	}
	if !live["s7"] || live["s0"] || live["s1"] {
		t.Errorf("live sessions %v: want the most recent (s7) kept and the oldest (s0, s1) dropped", live)
	}
}

// TestRefreshTokensBounded signs in past the refresh tokens a session keeps: the first
// refresh token answers KT-CT-1135 like any unknown one, the last still refreshes, and
// the session's estimate stays bounded.
func TestRefreshTokensBounded(t *testing.T) {
	s, ts := generatedServer(t, nil)
	_, first := signIn(t, ts, "tokens")
	var last string
	for range auth.DefaultMaxRefreshTokens {
		_, last = signIn(t, ts, "tokens")
	}
	refresh := func(rt string) map[string]any {
		_, out := post(t, ts, sim.AuthPath, "tokens", "", map[string]any{
			"query":     `mutation($rt: String) { obtainKrakenToken(input: {refreshToken: $rt}) { token } }`,
			"variables": map[string]any{"rt": rt},
		})
		return out
	}
	out := refresh(first)
	errs, _ := out["errors"].([]any)
	if len(errs) != 1 || fmt.Sprint(errs[0].(map[string]any)["extensions"].(map[string]any)["errorCode"]) != auth.CodeRefreshInvalid {
		t.Errorf("refresh with the evicted first token: %v", out)
	}
	if out := refresh(last); out["errors"] != nil {
		t.Errorf("refresh with the last token: %v", out)
	}
	sess, err := s.Session("tokens")
	if err != nil {
		t.Fatal(err)
	}
	if n := sess.Issuer().Store().Len(); n > auth.DefaultMaxRefreshTokens {
		t.Errorf("the session keeps %d refresh tokens, over %d", n, auth.DefaultMaxRefreshTokens)
	}
}

// BenchmarkImportMemory imports 2,000 notes of 200 bytes into one session and reports
// the heap each keeps and the session's estimate of it.
func BenchmarkImportMemory(b *testing.B) {
	const n = 2000
	var heap, estimate float64
	for range b.N {
		s, ts := generatedServer(b, nil)
		importNotes(b, ts, "imports", -1, 200)
		sess, err := s.Session("imports")
		if err != nil {
			b.Fatal(err)
		}
		before, est := heapInUse(), sess.Bytes()
		for i := range n {
			if status, out := importNotes(b, ts, "imports", i, 200); status != 201 {
				b.Fatalf("note %d: HTTP %d %v", i, status, out)
			}
		}
		heap = (float64(heapInUse()) - float64(before)) / n
		estimate = float64(sess.Bytes()-est) / n
	}
	b.ReportMetric(heap, "B/note")
	b.ReportMetric(estimate, "estimated-B/note")
}

// TestSessionBoundsConcurrent imports into many sessions from parallel clients under a
// small total bound; under -race it checks the accounting and the eviction, and the
// total ends within the bound and equal to the sum of the live sessions' sizes.
func TestSessionBoundsConcurrent(t *testing.T) {
	const total = 1 << 20
	s, ts := generatedServer(t, func(cfg *sim.Config) { cfg.MaxTotalSessionBytes = total })
	var wg sync.WaitGroup
	for w := range 6 {
		wg.Go(func() {
			for i := range 12 {
				session := fmt.Sprintf("c%d-%d", w, i%3)
				if status, out, err := importNote(ts, session, i, 32<<10); err != nil || status != 201 {
					t.Errorf("%s: HTTP %d %v %v", session, status, out, err)
				}
			}
		})
	}
	wg.Wait()
	var sum int64
	for _, info := range s.Sessions() {
		sum += info.Bytes
	}
	if got := s.SessionBytes(); got > total || got != sum {
		t.Errorf("the sessions hold %d bytes by the total, %d by their sum; the bound is %d", got, sum, total)
	}
}
