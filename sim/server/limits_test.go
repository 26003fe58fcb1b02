package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/platform"
	"github.com/krakensim/krakensim/sim/server"
	"github.com/krakensim/krakensim/sim/simtest"
)

// post sends body to path with a client that gives up after timeout.
func (p *live) post(path string, body []byte, timeout time.Duration, header ...string) (int, map[string]any, error) {
	p.t.Helper()
	req, _ := http.NewRequest(http.MethodPost, p.url+path, bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := (&http.Client{Timeout: timeout}).Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	var out map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return resp.StatusCode, nil, err
	}
	return resp.StatusCode, out, nil
}

// TestRepeatedFieldsValidateQuickly: a 990 KB document repeating one field 90,000
// times is validated, not left to gqlparser's pairwise overlap rule (over 20 minutes);
// the client's two minutes only keep a regression from hanging the suite, and speed is
// not measured here.
func TestRepeatedFieldsValidateQuickly(t *testing.T) {
	p := newPlatform(t)
	query := "{ " + strings.Repeat("__typename ", 90000) + "}"
	body, _ := json.Marshal(map[string]string{"query": query})
	if len(body) >= server.DefaultMaxBodyBytes {
		t.Fatalf("body of %d bytes is over the limit", len(body))
	}
	status, out, err := p.post(server.APIPath, body, 2*time.Minute)
	if err != nil {
		t.Fatalf("no answer: %v", err)
	}
	got, _ := json.Marshal(out)
	if status != http.StatusOK || string(got) != `{"data":{"__typename":"Query"}}` {
		t.Errorf("status %d, body %s", status, got)
	}
	// Conflicting aliases are still refused, naming the response key and where.
	status, out, err = p.post(server.APIPath, []byte(`{"query":"{ a: viewer { id } a: __typename }"}`), 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	got, _ = json.Marshal(out)
	want := `{"errors":[{"locations":[{"column":3,"line":1},{"column":20,"line":1}],"message":"Fields 'a' conflict because 'viewer' and '__typename' are different fields. Use different aliases on the fields to fetch both if this was intentional."}]}`
	if status != http.StatusBadRequest || string(got) != want {
		t.Errorf("conflicting aliases: status %d\n got %s\nwant %s", status, got, want)
	}
}

// hogQuery runs the hog (obtainKrakenToken needs no sign-in).
const hogQuery = `{"query":"mutation { obtainKrakenToken(input: {APIKey: \"k\"}) { token } }"}`

// hog is an obtainKrakenToken resolver that holds its session: until release is closed when
// stubborn, else until its request's context ends, which it records.
type hog struct {
	stubborn bool
	started  chan struct{}
	release  chan struct{}
	once     sync.Once
	ended    chan error
}

func newHog(stubborn bool) *hog {
	return &hog{stubborn: stubborn, started: make(chan struct{}, 8), release: make(chan struct{}), ended: make(chan error, 8)}
}

func (h *hog) resolve(ctx context.Context, c *sim.Call) (any, error) {
	h.started <- struct{}{}
	if h.stubborn {
		select {
		case <-h.release:
		case <-time.After(20 * time.Second):
		}
		return nil, nil
	}
	<-ctx.Done()
	h.ended <- ctx.Err()
	return nil, ctx.Err()
}

func (h *hog) stop() { h.once.Do(func() { close(h.release) }) }

// platformWith serves the default platform with obtainKrakenToken's resolver replaced by h.
func platformWith(t *testing.T, h *hog, timeout time.Duration) *live {
	t.Helper()
	cfg, err := platform.Default()
	if err != nil {
		t.Fatal(err)
	}
	cfg.RequestTimeout = timeout
	cfg.Resolvers["mutation.obtainKrakenToken"] = h.resolve
	s, err := sim.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(server.New(server.Config{Sim: s}))
	t.Cleanup(ts.Close)
	t.Cleanup(h.stop)
	return &live{t: t, url: ts.URL, sim: s}
}

// TestRequestDeadline: a request that runs past its deadline is stopped and answered
// with what it has; before, it ran (holding its session) for as long as it took.
func TestRequestDeadline(t *testing.T) {
	h := newHog(false)
	p := platformWith(t, h, 300*time.Millisecond)
	status, out, err := p.post(server.AuthPath, []byte(hogQuery), 5*time.Second)
	if err != nil {
		t.Fatalf("no answer within 5 s of a 300 ms deadline: %v", err)
	}
	msg, _ := simtest.Get(out, "errors", 0, "message").(string)
	if status != http.StatusOK || !strings.Contains(msg, "Execution stopped: the request's deadline passed") || errorCode(out) != sim.CodeRequestTimeout {
		t.Errorf("status %d, body %v", status, out)
	}
	select {
	case err := <-h.ended:
		if err != context.DeadlineExceeded {
			t.Errorf("resolver's context ended with %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Error("the resolver's context never ended")
	}
}

// TestDeadlineFailsEveryRootFieldNotRun: past the deadline, each root field that never
// ran answers KRAKENSIM-TIMEOUT at its own path and location, not a silent null, so a
// client can tell which mutations ran.
func TestDeadlineFailsEveryRootFieldNotRun(t *testing.T) {
	h := newHog(false)
	p := platformWith(t, h, 200*time.Millisecond)
	const q = `{"query":"mutation {\n a: obtainKrakenToken(input: {APIKey: \"k\"}) { token }\n b: obtainKrakenToken(input: {APIKey: \"k\"}) { token }\n c: obtainKrakenToken(input: {APIKey: \"k\"}) { token } }"}`
	_, out, err := p.post(server.AuthPath, []byte(q), 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	errs, _ := simtest.Get(out, "errors").([]any)
	for _, tc := range []struct {
		key  string
		line float64
	}{{"b", 3}, {"c", 4}} {
		found := false
		for _, e := range errs {
			if simtest.Get(e, "path", 0) != tc.key {
				continue
			}
			found = true
			if code := simtest.Get(e, "extensions", "errorCode"); code != sim.CodeRequestTimeout {
				t.Errorf("%s: errorCode %v, want %s", tc.key, code, sim.CodeRequestTimeout)
			}
			if line := simtest.Get(e, "locations", 0, "line"); line != tc.line {
				t.Errorf("%s: location line %v, want %v", tc.key, line, tc.line)
			}
		}
		if !found {
			t.Errorf("root field %s not run has no error: %v", tc.key, out)
		}
	}
}

// TestClientGoneStopsExecution: when the client goes away, the request's context ends
// and execution stops, freeing the session.
func TestClientGoneStopsExecution(t *testing.T) {
	h := newHog(false)
	p := platformWith(t, h, time.Minute)
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, p.url+server.AuthPath, strings.NewReader(hogQuery))
	req.Header.Set("Content-Type", "application/json")
	done := make(chan struct{})
	go func() {
		defer close(done)
		if resp, err := http.DefaultClient.Do(req); err == nil {
			resp.Body.Close()
		}
	}()
	<-h.started
	cancel()
	<-done
	select {
	case err := <-h.ended:
		if err != context.Canceled {
			t.Errorf("resolver's context ended with %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("execution went on after the client left")
	}
	out := p.gql(server.APIPath, "", "", "{ __typename }", nil)
	if simtest.Get(out, "data", "__typename") != "Query" {
		t.Errorf("session still busy after the client left: %v", out)
	}
}

// TestBusySessionGivesUp: while a request holds a session past the deadline, other
// requests of that session give up at their own deadline with a clear error, over
// GraphQL and REST; requests of other sessions are not held up.
func TestBusySessionGivesUp(t *testing.T) {
	h := newHog(true)
	p := platformWith(t, h, 300*time.Millisecond)
	go func() {
		_, _, _ = p.post(server.AuthPath, []byte(hogQuery), 30*time.Second, sim.SessionHeader, "s1")
	}()
	<-h.started

	status, out, err := p.post(server.APIPath, []byte(`{"query":"{ __typename }"}`), 5*time.Second, sim.SessionHeader, "s1")
	if err != nil {
		t.Fatalf("GraphQL request of the busy session: no answer within 5 s: %v", err)
	}
	msg, _ := simtest.Get(out, "errors", 0, "message").(string)
	if status != http.StatusOK || errorCode(out) != sim.CodeRequestTimeout || !strings.Contains(msg, `session "s1" was busy`) {
		t.Errorf("GraphQL: status %d, body %v", status, out)
	}

	req, _ := http.NewRequest(http.MethodPost, p.url+"/v1/data-import/notes/create/", strings.NewReader(`{}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set(sim.SessionHeader, "s1")
	resp, err := (&http.Client{Timeout: 5 * time.Second}).Do(req)
	if err != nil {
		t.Fatalf("REST request of the busy session: no answer within 5 s: %v", err)
	}
	var detail map[string]any
	_ = json.NewDecoder(resp.Body).Decode(&detail)
	resp.Body.Close()
	if d, _ := detail["detail"].(string); resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("Retry-After") == "" || !strings.Contains(d, `session "s1" was busy`) {
		t.Errorf("REST: status %d, Retry-After %q, body %v", resp.StatusCode, resp.Header.Get("Retry-After"), detail)
	}

	_, out, err = p.post(server.APIPath, []byte(`{"query":"{ __typename }"}`), 5*time.Second, sim.SessionHeader, "s2")
	if err != nil || simtest.Get(out, "data", "__typename") != "Query" {
		t.Errorf("another session: %v %v", out, err)
	}
	h.stop()

	// The busy answers are journalled with their code and counted by their outcome,
	// the REST one under its route rather than its URL.
	if _, out := p.admin(http.MethodGet, server.AdminPrefix+"sessions/s1/requests?errorCode="+sim.CodeRequestTimeout, ""); simtest.Get(out, "count") != 1.0 {
		t.Errorf("journal of the busy answers: %v", out)
	}
	resp, err = http.Get(p.url + server.MetricsPath)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	for _, want := range []string{
		`krakensim_requests_total{endpoint="/v1/graphql/",outcome="KRAKENSIM-TIMEOUT"} 1`,
		`krakensim_requests_total{endpoint="rest",outcome="429"} 1`,
		`krakensim_operations_total{endpoint="rest",operation="POST /v1/data-import/notes/create/",outcome="429"} 1`,
	} {
		if !strings.Contains(string(b), want) {
			t.Errorf("metrics lack %s", want)
		}
	}
	if strings.Contains(string(b), `endpoint="/v1/data-import`) {
		t.Error("a REST URL is a metrics label")
	}
}
