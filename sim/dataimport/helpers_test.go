package dataimport_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/krakensim/krakensim/fixtures"
	"github.com/krakensim/krakensim/internal/goldenfile"
	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/dataimport"
	"github.com/krakensim/krakensim/sim/platform"
)

var update = flag.Bool("update", false, "rewrite golden files")

// testNow is where every test session's clock stands, frozen.
var testNow = time.Date(2025, 3, 1, 9, 30, 0, 0, time.UTC)

const importKey = "Token krakensim-import-key"

// baseConfig is the platform's configuration, assembled once.
var baseConfig = sync.OnceValues(platform.Default)

// newSim is a simulator of the platform over a fresh copy of the default fixtures.
func newSim(tb testing.TB) *sim.Simulator {
	tb.Helper()
	return newSimWith(tb, nil)
}

// newSimWith is newSim with its configuration as edit changes it.
func newSimWith(tb testing.TB, edit func(*sim.Config)) *sim.Simulator {
	tb.Helper()
	cfg, err := baseConfig()
	if err != nil {
		tb.Fatal(err)
	}
	world, err := fixtures.Default()
	if err != nil {
		tb.Fatal(err)
	}
	cfg.World = world
	cfg.ClockStart = testNow
	cfg.TokenSecret = []byte("dataimport-test-secret")
	if edit != nil {
		edit(&cfg)
	}
	s, err := sim.New(cfg)
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

// session names a fresh session with its clock frozen at testNow.
func session(tb testing.TB, s *sim.Simulator) string {
	tb.Helper()
	id := strings.NewReplacer("/", "-", " ", "_", "#", "-", "(", "", ")", "", "'", "", ",", "").Replace(tb.Name())
	if len(id) > 120 {
		id = id[len(id)-120:]
	}
	sess, err := s.Session(id)
	if err != nil {
		tb.Fatal(err)
	}
	sess.Clock().Set(testNow)
	sess.Clock().Freeze()
	return id
}

// call is one REST request for the simulator.
type call struct {
	method, route string
	params        map[string]string
	query         string
	auth          string
	contentType   string
	body          string
}

// path is the URL path with the route's parameters filled in.
func (c call) path() string {
	p := c.route
	for k, v := range c.params {
		p = strings.ReplaceAll(p, "{"+k+"}", url.PathEscape(v))
	}
	return p
}

func (c call) request(sessionID string) *sim.HTTPRequest {
	h := map[string][]string{sim.SessionHeader: {sessionID}}
	if c.auth != "" {
		h["Authorization"] = []string{c.auth}
	}
	ct := c.contentType
	if ct == "" && c.body != "" {
		ct = "application/json"
	}
	if ct != "-" && ct != "" {
		h["Content-Type"] = []string{ct}
	}
	q, _ := url.ParseQuery(c.query)
	method := c.method
	if method == "" {
		method = "POST"
	}
	return &sim.HTTPRequest{Method: method, Path: c.path(), Route: c.route, Params: c.params, Query: q, Header: h, Body: []byte(c.body)}
}

func serve(tb testing.TB, s *sim.Simulator, sessionID string, c call) *sim.HTTPResponse {
	tb.Helper()
	resp := s.ServeREST(context.Background(), c.request(sessionID))
	if resp == nil {
		tb.Fatalf("%s %s: no answer", c.method, c.route)
	}
	return resp
}

// payload reads a seed payload from testdata/payloads.
func payload(tb testing.TB, name string) string {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "payloads", name+".json"))
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}

// decode parses a JSON answer.
func decode(tb testing.TB, resp *sim.HTTPResponse) any {
	tb.Helper()
	var v any
	if err := json.Unmarshal(resp.Body, &v); err != nil {
		tb.Fatalf("answer %d is not JSON: %v\n%s", resp.Status, err, resp.Body)
	}
	return v
}

// golden compares an answer's status and indented body with testdata/golden/name.json.
func golden(tb testing.TB, name string, resp *sim.HTTPResponse) {
	tb.Helper()
	var buf bytes.Buffer
	buf.WriteString("HTTP " + itoa(resp.Status) + "\n")
	if err := json.Indent(&buf, resp.Body, "", "  "); err != nil {
		buf.Write(resp.Body)
	}
	buf.WriteByte('\n')
	goldenfile.Check(tb, filepath.Join("testdata", "golden", name+".txt"), buf.String(), *update)
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

func routesOf(tb testing.TB) []sim.Route {
	tb.Helper()
	return dataimport.Routes()
}
