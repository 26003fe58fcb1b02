package server_test

import (
	"fmt"
	"log/slog"
	"net/http"
	"runtime"
	"strings"
	"testing"

	"github.com/krakensim/krakensim/internal/syncbuf"
	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/server"
	"github.com/krakensim/krakensim/sim/simtest"
)

// approxBytes is a session's memory estimate as the session list gives it.
func approxBytes(t *testing.T, p *live, session string) float64 {
	t.Helper()
	status, out := p.admin(http.MethodGet, server.AdminPrefix+"sessions/"+session, "")
	if status != http.StatusOK {
		t.Fatalf("session %s: %d %v", session, status, out)
	}
	return out["approxBytes"].(float64)
}

// A session's estimate grows with its journal about as the heap does: each request's
// parts counted once, not several times over.
func TestJournalBytesFollowTheHeap(t *testing.T) {
	p := newPlatform(t)
	big := strings.Repeat("x", 100<<10)
	for _, c := range []struct {
		name, query string
		vars        map[string]any
		n           int // enough requests to rise above the heap's noise
	}{
		// The variables' text, and the arguments decoded from it the resolver saw.
		{"sign-in", signInQuery, map[string]any{"input": map[string]any{"email": big, "password": "x"}}, 100},
		// The text alone: introspection keeps no arguments.
		{"type", `query Q($s: String!) { __type(name: $s) { name } }`, map[string]any{"s": big}, 100},
		{"viewer", `{ viewer { email } }`, nil, 900},
	} {
		t.Run(c.name, func(t *testing.T) {
			p.gql(server.APIPath, c.name, "", c.query, c.vars)
			est := approxBytes(t, p, c.name)
			var ms runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&ms)
			heap := ms.HeapAlloc
			for range c.n {
				p.gql(server.APIPath, c.name, "", c.query, c.vars)
			}
			runtime.GC()
			runtime.ReadMemStats(&ms)
			grew := (float64(ms.HeapAlloc) - float64(heap)) / float64(c.n)
			counted := (approxBytes(t, p, c.name) - est) / float64(c.n)
			if counted < 0.6*grew || counted > 1.6*grew {
				t.Errorf("per request the estimate grew %.0f bytes, the heap %.0f", counted, grew)
			}
		})
	}
}

// A chatty session's journal weighs what it holds, so a megabyte of requests leaves the
// other sessions alone under a 2 MiB bound; past the bound, each session dropped is
// logged with its name and size.
func TestSessionsDroppedForMemoryAreLogged(t *testing.T) {
	var logs syncbuf.Buffer
	p := newPlatformWith(t, func(cfg *sim.Config) {
		cfg.MaxTotalSessionBytes = 2 << 20
		cfg.Logger = slog.New(slog.NewTextHandler(&logs, nil))
	})
	p.send(http.MethodPost, server.APIPath, "victim", signInBody("demo@krakensim.dev", "krakensim"))
	big := map[string]any{"s": strings.Repeat("x", 100<<10)}
	noisy := func(n int) {
		for range n {
			p.gql(server.APIPath, "noisy", "", `query Q($s: String!) { __type(name: $s) { name } }`, big)
		}
	}
	noisy(10)
	if status, _ := p.admin(http.MethodGet, server.AdminPrefix+"sessions/victim", ""); status != http.StatusOK || logs.String() != "" {
		t.Fatalf("a megabyte of requests dropped the victim: %d %s", status, logs.String())
	}
	victim := approxBytes(t, p, "victim")
	noisy(15)
	if status, _ := p.admin(http.MethodGet, server.AdminPrefix+"sessions/victim", ""); status != http.StatusNotFound {
		t.Errorf("victim: status %d, want it dropped", status)
	}
	want := fmt.Sprintf("level=WARN msg=\"session dropped to keep the sessions within --max-total-session-bytes; its state, sign-ins and journal are gone\" session=victim approxBytes=%.0f for=noisy", victim)
	if got := logs.String(); !strings.Contains(got, want) {
		t.Errorf("log:\n%s\nwant a line with %s", got, want)
	}
	if status, out := verifyPattern(t, p, "victim", "when: {field: obtainKrakenToken}\nexactly: 0"); status != http.StatusNotFound {
		t.Errorf("verify of the dropped session: %d %v", status, out)
	}
}

// Each session's one large request counts as it is journaled, so that sessions
// sending one each are dropped, least recently used first, to keep the sessions
// listed within --max-total-session-bytes.
func TestOneLargeRequestPerSessionCounts(t *testing.T) {
	const bound = 2 << 20
	p := newPlatformWith(t, func(cfg *sim.Config) { cfg.MaxTotalSessionBytes = bound })
	big := map[string]any{"n": strings.Repeat("x", 200<<10)}
	const sessions = 20
	for i := range sessions {
		p.gql(server.APIPath, fmt.Sprintf("one-%02d", i), "", `query Q($n: String!) { account(accountNumber: $n) { number } }`, big)
		if got := approxBytes(t, p, fmt.Sprintf("one-%02d", i)); got < 200<<10 {
			t.Fatalf("one-%02d holds about %.0f bytes after a request of 200 KiB of variables, want its journal entry counted", i, got)
		}
	}
	status, out := p.admin(http.MethodGet, server.AdminPrefix+"sessions", "")
	list, _ := simtest.Get(out, "sessions").([]any)
	if status != http.StatusOK || len(list) == 0 {
		t.Fatalf("sessions: %d %v", status, out)
	}
	sum, live := 0.0, map[string]bool{}
	for _, s := range list {
		sum += simtest.Get(s, "approxBytes").(float64)
		live[simtest.Get(s, "id").(string)] = true
	}
	if sum > bound {
		t.Errorf("the sessions listed hold %.0f bytes, over the bound of %d", sum, bound)
	}
	if !live[fmt.Sprintf("one-%02d", sessions-1)] || live["one-00"] || len(live) >= sessions {
		t.Errorf("live sessions %v: want the last kept and the first dropped", live)
	}
}

// The journal answers a page at a time: 100 entries without ?limit=, at most 1000
// with one, and nextBefore pages back to the rest.
func TestRequestsPages(t *testing.T) {
	p := newPlatform(t)
	for range 105 {
		p.gql(server.APIPath, "pages", "", `{ viewer { email } }`, nil)
	}
	status, out := p.admin(http.MethodGet, server.AdminPrefix+"sessions/pages/requests", "")
	if status != http.StatusOK || out["count"] != 100.0 || out["nextBefore"] != 6.0 || simtest.Get(out, "requests", 0, "seq") != 105.0 {
		t.Fatalf("first page: %d count %v nextBefore %v", status, out["count"], out["nextBefore"])
	}
	status, out = p.admin(http.MethodGet, server.AdminPrefix+"sessions/pages/requests?before=6", "")
	if status != http.StatusOK || out["count"] != 5.0 || out["nextBefore"] != nil || simtest.Get(out, "requests", 0, "seq") != 5.0 {
		t.Errorf("second page: %d count %v nextBefore %v", status, out["count"], out["nextBefore"])
	}
	if status, out = p.admin(http.MethodGet, server.AdminPrefix+"sessions/pages/requests?limit=105", ""); status != http.StatusOK || out["count"] != 105.0 || out["nextBefore"] != nil {
		t.Errorf("limit=105: %d count %v nextBefore %v", status, out["count"], out["nextBefore"])
	}
	status, out = p.admin(http.MethodGet, server.AdminPrefix+"sessions/pages/requests?limit=1001", "")
	if detail, _ := out["detail"].(string); status != http.StatusBadRequest || !strings.HasPrefix(detail, "limit: 1001 is over the 1000 a page allows") {
		t.Errorf("limit=1001: %d %v", status, out)
	}
}

// A session dropped to keep within --max-sessions is logged with its name.
func TestSessionsDroppedForCountAreLogged(t *testing.T) {
	var logs syncbuf.Buffer
	p := newPlatformWith(t, func(cfg *sim.Config) {
		cfg.MaxSessions = 2
		cfg.Logger = slog.New(slog.NewTextHandler(&logs, nil))
	})
	for _, id := range []string{"first", "second", "third"} {
		p.gql(server.APIPath, id, "", `{ __typename }`, nil)
	}
	want := `msg="session dropped to keep the sessions within --max-sessions; its state, sign-ins, uploads and journal are gone" session=first`
	if got := logs.String(); !strings.Contains(got, want) {
		t.Errorf("log:\n%s\nwant a line with %s", got, want)
	}
}

// A journal keeps what --journal-bytes holds of large requests, verify says what it let
// go, and a page of the journal stops at about 4 MiB of requests.
func TestJournalBytesBound(t *testing.T) {
	p := newPlatformWith(t, func(cfg *sim.Config) { cfg.JournalBytes = 512 << 10 })
	big := map[string]any{"s": strings.Repeat("x", 100<<10)}
	for range 12 {
		p.gql(server.APIPath, "large", "", `query Q($s: String!) { account(accountNumber: $s) { number } }`, big)
	}
	status, out := p.admin(http.MethodGet, server.AdminPrefix+"sessions/large/requests", "")
	if n, _ := out["count"].(float64); status != http.StatusOK || n < 2 || n > 5 || simtest.Get(out, "requests", 0, "seq") != 12.0 {
		t.Fatalf("journal of 12 requests of 100 KiB under 512 KiB: %d count %v", status, out["count"])
	}
	kept := out["count"].(float64)
	for _, tc := range []struct {
		pattern             string
		holds, undetermined bool
	}{
		{"when: {field: account}\nexactly: 12", false, true},
		{"when: {field: account}\natLeast: 2", true, false},
		{"when: {field: viewer}\nexactly: 0", false, true},
		{"when: {field: account}\nexactly: 1", false, false},
	} {
		status, out := verifyPattern(t, p, "large", tc.pattern)
		if status != http.StatusOK || out["holds"] != tc.holds || out["undetermined"] != tc.undetermined || out["dropped"] != 12-kept {
			t.Errorf("%q: %d holds %v undetermined %v dropped %v; want %v %v %v", tc.pattern, status, out["holds"], out["undetermined"], out["dropped"], tc.holds, tc.undetermined, 12-kept)
		}
	}
	if status, _ := p.admin(http.MethodDelete, server.AdminPrefix+"sessions/large/requests", ""); status != http.StatusNoContent {
		t.Fatalf("clear: %d", status)
	}
	if status, out := verifyPattern(t, p, "large", "when: {field: viewer}\nexactly: 0"); status != http.StatusOK || out["holds"] != true || out["dropped"] != nil {
		t.Errorf("after a clear: %d %v, want exactly 0 to hold with nothing dropped", status, out)
	}

	paged := newPlatform(t)
	for range 50 {
		paged.gql(server.APIPath, "paged", "", `query Q($s: String!) { account(accountNumber: $s) { number } }`, big)
	}
	status, out = paged.admin(http.MethodGet, server.AdminPrefix+"sessions/paged/requests?limit=1000", "")
	n, _ := out["count"].(float64)
	if status != http.StatusOK || n < 20 || n >= 50 || out["nextBefore"] != 51-n {
		t.Errorf("50 requests of 100 KiB: %d count %v nextBefore %v, want a page of about 4 MiB and the next", status, n, out["nextBefore"])
	}
}
