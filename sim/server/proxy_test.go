package server_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/server"
	"github.com/krakensim/krakensim/sim/simtest"
)

// seen is a request the fake upstream received.
type seen struct {
	Method, Path, Auth, Session, Body string
}

// fakeKraken answers every request with body and remembers what it got.
type fakeKraken struct {
	mu   sync.Mutex
	got  []seen
	body string
}

func (f *fakeKraken) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	b, _ := io.ReadAll(r.Body)
	f.mu.Lock()
	f.got = append(f.got, seen{r.Method, r.URL.Path, r.Header.Get("Authorization"), r.Header.Get(sim.SessionHeader), string(b)})
	body := f.body
	f.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("X-Upstream-Only", "1")
	_, _ = w.Write([]byte(body))
}

func (f *fakeKraken) calls() []seen {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]seen(nil), f.got...)
}

// TestProxy sends calls through a proxying simulator: what no scenario, forced error
// or introspection answers reaches the fake Kraken, and its answer comes back.
func TestProxy(t *testing.T) {
	const pinned = `name: pinned
rules:
  - when: {field: account}
    then: {error: KT-CT-4177}
`
	for _, tc := range []struct {
		name     string
		path     string
		body     string
		header   map[string]string
		upstream string
		calls    int    // calls upstream gets
		upPath   string // the path it is asked
		want     string // the answer, exactly (or a fragment when wantPart)
		wantPart bool
	}{
		{name: "query answered as it came, aliases and all", path: "/v1/graphql/", body: `{"query":"{ me: viewer { givenName } }"}`,
			upstream: `{"data":{"me":{"givenName":"Upstream"}}}`, calls: 1, upPath: "/v1/graphql/", want: `{"data":{"me":{"givenName":"Upstream"}}}`},
		{name: "auth server", path: "/graphql/", body: `{"query":"mutation { obtainKrakenToken(input: {APIKey: \"k\"}) { token } }"}`,
			upstream: `{"data":{"obtainKrakenToken":{"token":"t"}}}`, calls: 1, upPath: "/graphql/", want: `{"data":{"obtainKrakenToken":{"token":"t"}}}`},
		{name: "upstream errors pass", path: "/v1/graphql/", body: `{"query":"{ viewer { givenName } }"}`,
			upstream: `{"data":{"viewer":null},"errors":[{"message":"no","path":["viewer"],"extensions":{"errorCode":"KT-CT-1112"}}]}`, calls: 1, upPath: "/v1/graphql/",
			want: `{"data":{"viewer":null},"errors":[{"message":"no","path":["viewer"],"extensions":{"errorCode":"KT-CT-1112"}}]}`},
		{name: "forced error stays local", path: "/v1/graphql/", body: `{"query":"mutation { createAccountPaymentSchedule(input: {accountNumber: \"A-1\", ledgerNumber: \"L\"}) { schedule { id } } }"}`,
			header: map[string]string{"X-Krakensim-Error": "KT-CT-3942"}, upstream: `{}`, calls: 0, want: `"errorCode":"KT-CT-3942"`, wantPart: true},
		{name: "introspection stays local", path: "/v1/graphql/", body: `{"query":"{ __schema { queryType { name } } }"}`,
			upstream: `{}`, calls: 0, want: `{"data":{"__schema":{"queryType":{"name":"Query"}}}}`},
		{name: "scenario field local, the other from upstream", path: "/v1/graphql/",
			body:     `{"query":"{ account(accountNumber: \"A-C90DC431\") { number } viewer { givenName } }"}`,
			upstream: `{"data":{"viewer":{"givenName":"Upstream"},"account":{"number":"A-REAL0001"}}}`,
			calls:    1, upPath: "/v1/graphql/", want: `"errorCode":"KT-CT-4177"`, wantPart: true},
		{name: "scenario field local, the other from upstream: data", path: "/v1/graphql/",
			body:     `{"query":"{ account(accountNumber: \"A-C90DC431\") { number } viewer { givenName } }"}`,
			upstream: `{"data":{"viewer":{"givenName":"Upstream"},"account":{"number":"A-REAL0001"}}}`,
			calls:    1, upPath: "/v1/graphql/", want: `"data":{"account":null,"viewer":{"givenName":"Upstream"}}`, wantPart: true},
		{name: "REST", path: "/v1/data-import/notes/create/", body: `{"notes":[]}`,
			upstream: `[{"status":"NOTE_CREATION_SUCCESS"}]`, calls: 1, upPath: "/v1/data-import/notes/create/", want: `[{"status":"NOTE_CREATION_SUCCESS"}]`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fk := &fakeKraken{body: tc.upstream}
			up := httptest.NewServer(fk)
			t.Cleanup(up.Close)
			upstream, err := server.NewUpstream(up.URL, 0)
			if err != nil {
				t.Fatal(err)
			}
			srv := simtest.NewServer(t, simtest.WithConfig(func(c *sim.Config) { c.Proxy.Upstream = upstream }),
				simtest.WithScenarioYAML("pinned.yaml", pinned))
			req, _ := http.NewRequest("POST", srv.URL+tc.path, strings.NewReader(tc.body))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Authorization", "JWT abc")
			req.Header.Set(sim.SessionHeader, "s1")
			for k, v := range tc.header {
				req.Header.Set(k, v)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			got := strings.TrimSpace(string(b))
			if tc.wantPart && !strings.Contains(got, tc.want) || !tc.wantPart && got != tc.want {
				t.Errorf("answer %s, want %s", got, tc.want)
			}
			calls := fk.calls()
			if len(calls) != tc.calls {
				t.Fatalf("upstream got %d calls, want %d: %+v", len(calls), tc.calls, calls)
			}
			for _, c := range calls {
				if c.Path != tc.upPath || c.Method != "POST" || c.Auth != "JWT abc" || c.Session != "" {
					t.Errorf("upstream got %+v; want POST %s with the Authorization header and no session header", c, tc.upPath)
				}
				if tc.path != "/v1/data-import/notes/create/" {
					var gq map[string]any
					if err := json.Unmarshal([]byte(c.Body), &gq); err != nil || gq["query"] == nil {
						t.Errorf("upstream got a GraphQL body %q (%v)", c.Body, err)
					}
				} else if c.Body != tc.body {
					t.Errorf("upstream got body %q, want %q", c.Body, tc.body)
				}
			}
		})
	}
}

// upstreamFunc is a sim.Upstream answering from a function.
type upstreamFunc func(req *sim.UpstreamRequest) *sim.UpstreamReply

func (f upstreamFunc) Forward(_ context.Context, req *sim.UpstreamRequest) *sim.UpstreamReply {
	return f(req)
}

// FuzzUpstreamAnswer proxies a query whose upstream answers anything: the simulator
// answers with a status and never panics, whether the answer is GraphQL or not.
func FuzzUpstreamAnswer(f *testing.F) {
	f.Add(200, []byte(`{"data":{"viewer":{"givenName":"x"}},"errors":[{"message":"m","path":["viewer",0]}]}`))
	f.Add(200, []byte(`{"data":{"viewer":[1,2]},"errors":[{"path":null},{"path":[{}]}]}`))
	f.Add(503, []byte(`<html>down</html>`))
	f.Add(200, []byte(`{"data":`))
	var body []byte
	var status int
	var mu sync.Mutex
	srv := simtest.NewServer(f, simtest.WithConfig(func(c *sim.Config) {
		c.Proxy.Upstream = upstreamFunc(func(*sim.UpstreamRequest) *sim.UpstreamReply {
			mu.Lock()
			defer mu.Unlock()
			return &sim.UpstreamReply{Status: status, Body: body}
		})
	}))
	f.Fuzz(func(t *testing.T, st int, b []byte) {
		if st < 100 || st > 599 {
			st = 200
		}
		mu.Lock()
		status, body = st, b
		mu.Unlock()
		c := srv.Client(t)
		got, _ := c.Do(http.MethodPost, "/v1/graphql/", []byte(`{"query":"{ viewer { givenName } a: viewer { familyName } }"}`))
		if got != st && got != http.StatusOK {
			t.Errorf("status %d for an upstream %d", got, st)
		}
	})
}

// TestUpstreamRequestEnded checks that a call cut short by the request's own deadline
// or its client going away says so, rather than blaming the upstream's
// --proxy-timeout, which had not run out.
func TestUpstreamRequestEnded(t *testing.T) {
	release := make(chan struct{})
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer slow.Close()
	defer close(release)
	up, err := server.NewUpstream(slow.URL, 30*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		ctx  func() (context.Context, context.CancelFunc)
		want string
	}{
		{"deadline", func() (context.Context, context.CancelFunc) {
			return context.WithTimeout(context.Background(), 50*time.Millisecond)
		}, "--request-timeout"},
		{"client gone", func() (context.Context, context.CancelFunc) {
			ctx, cancel := context.WithCancel(context.Background())
			time.AfterFunc(50*time.Millisecond, cancel)
			return ctx, cancel
		}, "the client went away"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := tc.ctx()
			defer cancel()
			reply := up.Forward(ctx, &sim.UpstreamRequest{Method: "POST", Path: "/v1/graphql/", Body: []byte(`{}`)})
			if !errors.Is(reply.Err, sim.ErrRequestEnded) || !strings.Contains(reply.Err.Error(), tc.want) || strings.Contains(reply.Err.Error(), "--proxy-timeout") {
				t.Errorf("error %v, want sim.ErrRequestEnded saying %q", reply.Err, tc.want)
			}
		})
	}
}
