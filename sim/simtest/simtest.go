// Package simtest runs krakensim inside Go tests, in the style of net/http/httptest:
// a live server over the embedded contract and fixtures, with helpers to sign in,
// send operations and script scenarios, each test in its own session.
package simtest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/krakensim/krakensim/fixtures"
	"github.com/krakensim/krakensim/scenarios"
	"github.com/krakensim/krakensim/schema"
	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/checkout"
	"github.com/krakensim/krakensim/sim/coverage"
	"github.com/krakensim/krakensim/sim/fake"
	"github.com/krakensim/krakensim/sim/journal"
	"github.com/krakensim/krakensim/sim/platform"
	"github.com/krakensim/krakensim/sim/server"
	"github.com/krakensim/krakensim/sim/verify"
)

// TB is the part of testing.TB the helpers use; *testing.T and *testing.B satisfy it.
type TB interface {
	Helper()
	Fatal(args ...any)
	Fatalf(format string, args ...any)
	Cleanup(func())
	Name() string
}

// Server is a running simulator for one test (or a whole package's tests).
type Server struct {
	// URL is the base URL, such as http://127.0.0.1:53412.
	URL string
	// Sim is the simulator, for direct use of its Go API.
	Sim *sim.Simulator
	ts  *httptest.Server
	// fixtures is the world the sessions share, pristine a deep copy taken at start.
	fixtures, pristine *sim.World
	// patterns is what Verify checks patterns against, built on first use.
	patterns func() scenarios.Contract
}

// Option adjusts the simulator's configuration before it starts.
type Option func(*sim.Config) error

// WithScenarioYAML loads scenarios from YAML text, active for every session.
func WithScenarioYAML(name, text string) Option {
	return func(cfg *sim.Config) error {
		scs, err := scenarios.Parse(name, []byte(text))
		if err != nil {
			return err
		}
		cfg.Scenarios = append(cfg.Scenarios, scs...)
		for _, sc := range scs {
			cfg.ActiveScenarios = append(cfg.ActiveScenarios, sc.Name)
		}
		return nil
	}
}

// WithSchema serves a tenant's API SDL (sdl, called name in its problems) in place of
// the embedded contract, over the fixtures of the tenant's country (Origin's SDL gets
// an Australian world), as serve --schema does. It replaces the configuration but for
// its scenarios and seed, so it goes before the options that change the rest.
func WithSchema(name, sdl string) Option {
	return func(cfg *sim.Config) error {
		api, err := schema.Load(&ast.Source{Name: name, Input: sdl})
		if err != nil {
			return err
		}
		world, err := fixtures.DefaultIn(fake.Country(fake.LocalZone(api)))
		if err != nil {
			return err
		}
		reg, err := schema.DefaultRegistry()
		if err != nil {
			return err
		}
		n := platform.Config(api, cfg.Auth, reg, world)
		n.Scenarios, n.ActiveScenarios, n.Seed = cfg.Scenarios, cfg.ActiveScenarios, cfg.Seed
		*cfg = n
		return nil
	}
}

// WithConfig changes the configuration directly.
func WithConfig(f func(*sim.Config)) Option {
	return func(cfg *sim.Config) error { f(cfg); return nil }
}

// NewServer starts a simulator with the embedded contract, fixtures and scenario pack;
// it stops when tb ends.
func NewServer(tb TB, opts ...Option) *Server {
	tb.Helper()
	s, err := Start(opts...)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		s.Close()
		if err := s.CheckFixtures(); err != nil {
			tb.Fatal(err)
		}
	})
	return s
}

// CheckFixtures reports a change to the fixtures' world, which the sessions share and
// must only copy (through the World's Mutable accessors), never change. NewServer
// checks it when the test ends.
func (s *Server) CheckFixtures() error {
	if s.fixtures == nil || reflect.DeepEqual(s.fixtures, s.pristine) {
		return nil
	}
	// Unexported fields are the world's own bookkeeping (the last transaction number
	// handed out), not fixtures.
	got, want := reflect.ValueOf(s.fixtures).Elem(), reflect.ValueOf(s.pristine).Elem()
	for i := range got.NumField() {
		f := got.Type().Field(i)
		if !f.IsExported() {
			continue
		}
		g, w := got.Field(i), want.Field(i)
		if g.Len() != w.Len() {
			return fmt.Errorf("simtest: a session changed the shared fixtures: %s has %d entries, had %d", f.Name, g.Len(), w.Len())
		}
		for j := range g.Len() {
			if !reflect.DeepEqual(g.Index(j).Interface(), w.Index(j).Interface()) {
				return fmt.Errorf("simtest: a session changed the shared fixtures: %s[%d] is %+v, was %+v", f.Name, j, g.Index(j).Elem().Interface(), w.Index(j).Elem().Interface())
			}
		}
	}
	return nil
}

// Start starts a simulator as NewServer does, for use outside one test (TestMain, a
// package-wide server); Close stops it.
func Start(opts ...Option) (*Server, error) {
	cfg, err := platform.Default()
	if err != nil {
		return nil, err
	}
	pack, err := scenarios.Pack()
	if err != nil {
		return nil, err
	}
	cfg.Scenarios = pack
	for _, o := range opts {
		if err := o(&cfg); err != nil {
			return nil, err
		}
	}
	s, err := sim.New(cfg)
	if err != nil {
		return nil, err
	}
	ts := httptest.NewServer(server.New(server.Config{Sim: s}))
	return &Server{URL: ts.URL, Sim: s, ts: ts, fixtures: cfg.World, pristine: cfg.World.Clone(),
		patterns: sync.OnceValue(func() scenarios.Contract { return scenarios.SimulatorContract(s) })}, nil
}

// Close stops the server.
func (s *Server) Close() { s.ts.Close() }

var sessions atomic.Int64

// Client sends requests in one session of a Server, signed in or not.
type Client struct {
	srv *Server
	// Session is the X-Krakensim-Session every request carries.
	Session string
	// Token is sent as the Authorization header when set.
	Token string
	// Header is added to every request.
	Header http.Header
	tb     TB
}

// Client returns a client in a new session of its own.
func (s *Server) Client(tb TB) *Client {
	return &Client{srv: s, tb: tb, Session: sessionName(tb.Name(), sessions.Add(1)), Header: http.Header{}}
}

// sessionName makes a valid session id of a test's name (which may hold any
// character and be long) and a number that keeps it unique.
func sessionName(test string, n int64) string {
	suffix := fmt.Sprintf("-%d", n)
	name := strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_.:", r) {
			return r
		}
		return '-'
	}, test)
	if room := 128 - len(suffix); len(name) > room {
		name = name[len(name)-room:] // the subtest's own name is at the end
	}
	return name + suffix
}

// ClientIn returns a client, signed out, in an existing session: another person acting
// on the same world as the session's other clients.
func (s *Server) ClientIn(tb TB, session string) *Client {
	c := s.Client(tb)
	c.Session = session
	return c
}

// Response is a GraphQL answer.
type Response struct {
	Data   map[string]any  `json:"data"`
	Errors []ResponseError `json:"errors"`
}

// ResponseError is one GraphQL error with Kraken's extensions.
type ResponseError struct {
	Message    string         `json:"message"`
	Path       []any          `json:"path"`
	Extensions map[string]any `json:"extensions"`
}

// Code is the error's Kraken code (extensions.errorCode).
func (e ResponseError) Code() string {
	c, _ := e.Extensions["errorCode"].(string)
	return c
}

// Query sends a GraphQL operation to the API site (/v1/graphql/) and decodes the answer.
func (c *Client) Query(query string, vars map[string]any) *Response {
	c.tb.Helper()
	return c.QueryAt(server.APIPath, query, vars)
}

// QueryAt sends a GraphQL operation to the endpoint at path (server.BackendPath, say)
// and decodes the answer.
func (c *Client) QueryAt(path, query string, vars map[string]any) *Response {
	c.tb.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	status, b := c.Do(http.MethodPost, path, body)
	var out Response
	if err := json.Unmarshal(b, &out); err != nil {
		c.tb.Fatalf("GraphQL answer (HTTP %d) is not JSON: %v: %s", status, err, b)
	}
	return &out
}

// SignIn obtains a token with email and password and uses it from then on.
func (c *Client) SignIn(email, password string) {
	c.tb.Helper()
	out := c.Query(`mutation($input: ObtainJSONWebTokenInput!) { obtainKrakenToken(input: $input) { token } }`,
		map[string]any{"input": map[string]any{"email": email, "password": password}})
	tok, _ := dig(out.Data, "obtainKrakenToken", "token").(string)
	if tok == "" {
		c.tb.Fatalf("sign-in as %s failed: %+v", email, out.Errors)
	}
	c.Token = tok
}

// Do sends a request with the client's session, token and headers, and returns the
// status and body.
func (c *Client) Do(method, path string, body []byte) (int, []byte) {
	c.tb.Helper()
	req, err := http.NewRequest(method, c.srv.URL+path, bytes.NewReader(body))
	if err != nil {
		c.tb.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set(sim.SessionHeader, c.Session)
	if c.Token != "" {
		req.Header.Set("Authorization", "JWT "+c.Token)
	}
	for k, vs := range c.Header {
		req.Header[k] = vs
	}
	resp, err := c.srv.ts.Client().Do(req)
	if err != nil {
		c.tb.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		c.tb.Fatal(err)
	}
	return resp.StatusCode, b
}

// Get reads a value from decoded JSON by keys and list indices.
func Get(v any, path ...any) any { return dig(v, path...) }

func dig(v any, path ...any) any {
	for _, k := range path {
		switch k := k.(type) {
		case string:
			m, _ := v.(map[string]any)
			v = m[k]
		case int:
			l, _ := v.([]any)
			if k < 0 || k >= len(l) {
				return nil
			}
			v = l[k]
		}
	}
	return v
}

// UseScenarios names scenarios for the client's requests (X-Krakensim-Scenario).
func (c *Client) UseScenarios(names ...string) {
	c.Header.Set(sim.HeaderScenario, strings.Join(names, ","))
}

// AdvanceClock moves the session's virtual clock forward, as the admin API does.
func (c *Client) AdvanceClock(d time.Duration) {
	c.tb.Helper()
	sess, err := c.srv.Sim.Session(c.Session)
	if err != nil {
		c.tb.Fatal(err)
	}
	sess.Clock().Advance(d)
}

// Requests returns a session's request journal, newest first, as f selects; nil when
// the session has made no request. The entries are copies with Variables decoded
// (the journal keeps their text), for a test to read directly.
func (s *Server) Requests(session string, f journal.Filter) []*journal.Entry {
	entries, err := s.Sim.Requests(session, f)
	if err != nil {
		return nil
	}
	out := make([]*journal.Entry, len(entries))
	for i, e := range entries {
		cp := *e
		cp.Variables = e.RequestVariables()
		out[i] = &cp
	}
	return out
}

// Messages returns the emails a session's world sent (a password reset link, a
// one-time sign-in key), newest first; none for a session that has made no request.
func (s *Server) Messages(session string) []sim.Message {
	ov, err := s.Sim.WorldOverview(session)
	if err != nil {
		return nil
	}
	return ov.Messages
}

// Messages returns the emails the client's session sent, newest first.
func (c *Client) Messages() []sim.Message { return c.srv.Messages(c.Session) }

// Checkouts returns a session's checkouts (payments and payment methods handed to the
// simulated vendor), newest first, each with its hosted page's path.
func (s *Server) Checkouts(session string) []sim.CheckoutOverview {
	ov, err := s.Sim.WorldOverview(session)
	if err != nil {
		return nil
	}
	return ov.Checkouts
}

// Checkouts returns the client's session's checkouts, newest first.
func (c *Client) Checkouts() []sim.CheckoutOverview { return c.srv.Checkouts(c.Session) }

// Pay submits a checkout's hosted page as the customer's browser would, with the
// form's fields (cardNumber, expMonth, expYear; accountHolder, sortCode, bankAccount;
// action=cancel to leave), and returns the status and where the page sends the browser
// (its Location). ref is the page's URL (a hosted flow's), or the retrieval token or
// client secret of one of the session's checkouts (an embedded form's).
func (c *Client) Pay(ref string, form url.Values) (int, string) {
	c.tb.Helper()
	page := ref
	if !strings.Contains(ref, checkout.Path) {
		page = ""
		for _, k := range c.Checkouts() {
			if k.ID == ref || k.Secret == ref {
				page = c.srv.URL + k.Page
			}
		}
		if page == "" {
			c.tb.Fatalf("Pay: session %s has no checkout %q", c.Session, ref)
		}
	}
	req, err := http.NewRequest(http.MethodPost, page, strings.NewReader(form.Encode()))
	if err != nil {
		c.tb.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	client := *c.srv.ts.Client()
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	resp, err := client.Do(req)
	if err != nil {
		c.tb.Fatal(err)
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode, resp.Header.Get("Location")
}

// Verify checks a session's journal against a pattern in the language of scenario
// rules (YAML or JSON: when, and exactly, atLeast or atMost); a failed Result lists
// the closest requests and how they differed. A root field or variables path the
// served schemas do not have, or a session that does not exist, is an error.
func (s *Server) Verify(session, pattern string) (*verify.Result, error) {
	p, err := scenarios.CheckPattern("pattern", []byte(pattern), s.patterns())
	if err != nil {
		return nil, err
	}
	res, err := s.Sim.Verify(session, p)
	if errors.Is(err, sim.ErrNoSession) {
		return nil, fmt.Errorf("no session %q; sessions start with their first request", session)
	}
	return res, err
}

// Coverage reports which parts of the contract the requests of every session
// exercised.
func (s *Server) Coverage() *coverage.Report {
	rep, _ := s.Sim.Coverage("") // all sessions always exist
	return rep
}

// Requests returns the client's session journal, newest first, as f selects.
func (c *Client) Requests(f journal.Filter) []*journal.Entry {
	return c.srv.Requests(c.Session, f)
}

// Verify checks the client's session against a pattern, failing the test when the
// pattern does not parse or does not hold; the failure names the near misses.
func (c *Client) Verify(pattern string) *verify.Result {
	c.tb.Helper()
	res, err := c.srv.Verify(c.Session, pattern)
	if err != nil {
		c.tb.Fatalf("verify: %v", err)
		return nil
	}
	if !res.Holds {
		var b strings.Builder
		fmt.Fprintf(&b, "verify: want %s matching requests, got %d", res.Expected, res.Count)
		if res.Dropped > 0 {
			verdict := "it fails whatever they were"
			if res.Undetermined {
				verdict = "whether it holds is undetermined"
			}
			fmt.Fprintf(&b, " of the requests the journal holds; it let %d go (sim.Config JournalSize and JournalBytes bound it, and JournalSize -1 turns it off), so %s; clear the journal (Server.Sim.ClearRequests) before the steps a test verifies", res.Dropped, verdict)
		}
		for _, m := range res.NearMisses {
			fmt.Fprintf(&b, "\n  near miss: request %d (%s %s %s)", m.Request.Seq, m.Request.Method, m.Request.Path, m.Field)
			for _, d := range m.Differences {
				fmt.Fprintf(&b, "\n    %s", d)
			}
		}
		c.tb.Fatal(b.String())
	}
	return res
}

// Coverage reports which parts of the contract the client's session exercised.
func (c *Client) Coverage() *coverage.Report {
	rep, err := c.srv.Sim.Coverage(c.Session)
	if err != nil {
		return &coverage.Report{Session: c.Session}
	}
	return rep
}
