package simtest_test

import (
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/simtest"
)

// nowScenario answers viewer with the session's time to the nanosecond as its givenName.
const nowScenario = "name: now\nrules:\n  - when: {field: viewer}\n    then: {data: {givenName: '{{ date \"2006-01-02T15:04:05.000000000Z07:00\" now }}'}}\n"

// nowServer is a server answering viewer with the session's time (nowScenario), its
// client's clock set to half a millisecond before midnight and running, signed in again
// then.
func nowServer(t *testing.T) (*simtest.Server, *simtest.Client) {
	srv, c := layered(t, "octopus-schema.graphql", nil, nil, func(cfg *sim.Config) {
		if err := simtest.WithScenarioYAML("now.yaml", nowScenario)(cfg); err != nil {
			t.Fatal(err)
		}
	})
	c.UseScenarios("now")
	for _, body := range []string{`{"set":"2026-12-02T23:59:59.9995Z"}`, `{"resume":true}`} {
		if status, b := c.Do(http.MethodPost, "/__krakensim/clock", []byte(body)); status != http.StatusOK {
			t.Fatalf("clock %s: HTTP %d %s", body, status, b)
		}
	}
	c.SignIn("demo@krakensim.dev", "krakensim")
	return srv, c
}

// TestRequestReadsOneInstant: however long a request runs on a running clock, every
// field of its answer tells the instant its session's clock read as the request began,
// and the clock runs on between requests.
func TestRequestReadsOneInstant(t *testing.T) {
	_, c := nowServer(t)
	var q strings.Builder
	q.WriteString("{")
	for i := range 50 {
		fmt.Fprintf(&q, " f%d: viewer { givenName }", i)
	}
	q.WriteString(" }")
	read := func() time.Time {
		t.Helper()
		out := c.Query(q.String(), nil)
		if len(out.Errors) > 0 {
			t.Fatalf("%+v", out.Errors)
		}
		first := simtest.Get(out.Data, "f0", "givenName")
		for i := range 50 {
			if got := simtest.Get(out.Data, fmt.Sprintf("f%d", i), "givenName"); got != first {
				t.Fatalf("f%d read %v, f0 %v: one request told two instants", i, got, first)
			}
		}
		at, err := time.Parse(time.RFC3339Nano, first.(string))
		if err != nil {
			t.Fatal(err)
		}
		return at
	}
	a := read()
	if start := time.Date(2026, 12, 2, 23, 59, 59, 999500000, time.UTC); a.Before(start) || a.After(start.Add(time.Minute)) {
		t.Errorf("first request read %v, want just after %v", a, start)
	}
	time.Sleep(2 * time.Millisecond)
	if b := read(); !b.After(a.Add(time.Millisecond)) {
		t.Errorf("second request read %v, first %v: the clock did not run between them", b, a)
	}
}

// TestRequestInstantConcurrent: requests to one session, from several clients at once,
// with the admin API reading and moving its clock meanwhile, each tell one instant
// (run with -race).
func TestRequestInstantConcurrent(t *testing.T) {
	srv, c := nowServer(t)
	const q = `{ a: viewer { givenName } b: viewer { givenName } c: viewer { givenName } }`
	var wg sync.WaitGroup
	for g := range 6 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cl := srv.ClientIn(t, c.Session)
			cl.Token, cl.Header = c.Token, c.Header.Clone()
			for range 15 {
				switch g {
				case 0:
					cl.Do(http.MethodPost, "/__krakensim/clock/advance?by=1s", nil)
				case 1:
					cl.Do(http.MethodGet, "/__krakensim/clock", nil)
					cl.Do(http.MethodGet, "/__krakensim/sessions/"+c.Session, nil)
				default:
					out := cl.Query(q, nil)
					a, b, d := simtest.Get(out.Data, "a", "givenName"), simtest.Get(out.Data, "b", "givenName"), simtest.Get(out.Data, "c", "givenName")
					if a == nil || a != b || a != d {
						t.Errorf("one request read %v, %v and %v (%+v)", a, b, d, out.Errors)
					}
				}
			}
		}()
	}
	wg.Wait()
}
