package accounts_test

import (
	"encoding/json"
	"flag"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/graphql"
	"github.com/krakensim/krakensim/sim/simtest"
)

var update = flag.Bool("update", false, "rewrite golden files")

// clockStart is every session's virtual time, so that answers are reproducible.
var clockStart = time.Date(2025, 6, 2, 9, 0, 0, 0, time.UTC)

// newSimulator returns the package's shared live server's simulator, built as real code
// builds it, with the default world.
func newSimulator(tb testing.TB) *sim.Simulator {
	tb.Helper()
	return newServer(tb).Sim
}

func newServer(tb testing.TB) *simtest.Server {
	tb.Helper()
	s, err := sharedServer()
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

// sharedFixtures is the world the shared server's sessions start from, and pristine a
// deep copy of it taken before any session ran, to check that none changed it.
var sharedFixtures, pristine *sim.World

// sharedServer serves every test of the package over HTTP; sessions keep tests apart.
var sharedServer = sync.OnceValues(func() (*simtest.Server, error) {
	return simtest.Start(simtest.WithConfig(func(cfg *sim.Config) {
		cfg.ClockStart = clockStart
		cfg.TokenSecret = []byte("accounts-test-secret")
		sharedFixtures, pristine = cfg.World, cfg.World.Clone()
	}))
})

var sessionSeq atomic.Int64

// client is a signed-in user in a session of its own.
type client struct {
	tb      testing.TB
	s       *sim.Simulator
	session string
	token   string
}

// signIn signs email in (password krakensim) in a new session.
func signIn(tb testing.TB, email string) *client {
	tb.Helper()
	c := &client{tb: tb, s: newSimulator(tb), session: fmt.Sprintf("accounts-%s-%d", strings.ReplaceAll(tb.Name(), "/", "-"), sessionSeq.Add(1))}
	if len(c.session) > 120 {
		c.session = "accounts-" + strconv.FormatInt(sessionSeq.Add(1), 10)
	}
	c.token = c.mustToken(email, "krakensim")
	return c
}

func (c *client) mustToken(email, password string) string {
	c.tb.Helper()
	data, errs := c.exec(`mutation($e: String, $p: String) { obtainKrakenToken(input: {email: $e, password: $p}) { token } }`,
		map[string]any{"e": email, "p": password})
	if len(errs) > 0 {
		c.tb.Fatalf("sign in %s: %v", email, errs[0].Message)
	}
	return dig(data, "obtainKrakenToken.token").(string)
}

// exec runs an operation with the client's token; errors come back, not failed.
func (c *client) exec(query string, vars map[string]any) (map[string]any, []*graphql.Error) {
	c.tb.Helper()
	h := map[string][]string{sim.SessionHeader: {c.session}}
	if c.token != "" {
		h["Authorization"] = []string{"JWT " + c.token}
	}
	hc := newServer(c.tb).Client(c.tb)
	hc.Session = c.session
	for k, v := range h {
		hc.Header[k] = v
	}
	body, err := json.Marshal(map[string]any{"query": query, "variables": vars})
	if err != nil {
		c.tb.Fatalf("marshal: %v", err)
	}
	_, b := hc.Do("POST", "/v1/graphql/", body)
	var out struct {
		Data   map[string]any   `json:"data"`
		Errors []*graphql.Error `json:"errors"`
	}
	if err := json.Unmarshal(b, &out); err != nil {
		c.tb.Fatalf("unmarshal %s: %v", b, err)
	}
	return out.Data, out.Errors
}

// do runs an operation that must succeed.
func (c *client) do(query string, vars map[string]any) map[string]any {
	c.tb.Helper()
	data, errs := c.exec(query, vars)
	if len(errs) > 0 {
		b, _ := json.Marshal(errs)
		c.tb.Fatalf("unexpected errors: %s\nquery: %s", b, query)
	}
	return data
}

// code runs an operation that must fail and returns its first error code.
func (c *client) code(query string, vars map[string]any) string {
	c.tb.Helper()
	_, errs := c.exec(query, vars)
	if len(errs) == 0 {
		c.tb.Fatalf("expected an error, got none\nquery: %s", query)
	}
	code, _ := errs[0].Extensions["errorCode"].(string)
	return code
}

// dig walks a decoded JSON value by a dotted path; numbers index lists.
func dig(v any, path string) any {
	for _, part := range strings.Split(path, ".") {
		switch x := v.(type) {
		case map[string]any:
			v = x[part]
		case []any:
			i, err := strconv.Atoi(part)
			if err != nil || i < 0 || i >= len(x) {
				return nil
			}
			v = x[i]
		default:
			return nil
		}
	}
	return v
}

// norm turns JSON numbers into ints where whole, for comparisons with table values.
func norm(v any) any {
	if f, ok := v.(float64); ok && f == float64(int(f)) {
		return int(f)
	}
	return v
}
