package main

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"
)

const wrkReport = `Running 2s test @ http://127.0.0.1:40123/v1/graphql/
  1 threads and 32 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     2.05ms    1.10ms  21.33ms   90.12%
    Req/Sec    15.68k     1.02k   17.01k    80.00%
  Latency Distribution
     50%    1.83ms
     75%    2.31ms
     90%    3.02ms
     99%    %s
  31203 requests in 2.00s, 9.12MB read
%sRequests/sec:  15581.42
Transfer/sec:      4.55MB
`

func TestParseWrk(t *testing.T) {
	report := func(p99, extra string) string {
		return strings.Replace(strings.Replace(wrkReport, "%s", p99, 1), "%s", extra, 1)
	}
	cases := []struct {
		name   string
		out    string
		want   result
		fail   string
		p99Tol time.Duration
	}{
		{"ms", report("6.42ms", ""), result{rps: 15581.42, p99: 6420 * time.Microsecond, requests: 31203}, "", time.Microsecond},
		{"us", report("850.00us", ""), result{rps: 15581.42, p99: 850 * time.Microsecond, requests: 31203}, "", time.Microsecond},
		{"s", report("1.25s", ""), result{rps: 15581.42, p99: 1250 * time.Millisecond, requests: 31203}, "", time.Microsecond},
		{"failures", report("6.42ms", "  Socket errors: connect 0, read 3, write 1, timeout 2\n  Non-2xx or 3xx responses: 17\n"),
			result{rps: 15581.42, p99: 6420 * time.Microsecond, requests: 31203, non2xx: 17, errors: 6}, "", time.Microsecond},
		{"no latency distribution", "  31203 requests in 2.00s, 9.12MB read\nRequests/sec:  15581.42\n", result{}, "no Requests/sec or 99% line", 0},
		{"no answer", strings.Replace(report("0.00us", ""), "31203 requests", "0 requests", 1), result{}, "no answer", 0},
		{"bad p99", report("fast", ""), result{}, `"99%    fast"`, 0},
		{"unreachable", "unable to connect to 127.0.0.1:1 Connection refused\n", result{}, "no Requests/sec", 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := parseWrk(tc.out)
			if tc.fail != "" {
				if err == nil || !strings.Contains(err.Error(), tc.fail) {
					t.Fatalf("got %v, want a failure containing %q", err, tc.fail)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if d := got.p99 - tc.want.p99; d > tc.p99Tol || d < -tc.p99Tol {
				t.Errorf("p99 %s, want %s", got.p99, tc.want.p99)
			}
			got.p99 = tc.want.p99
			if got != tc.want {
				t.Errorf("got %+v, want %+v", got, tc.want)
			}
		})
	}
}

func TestLuaString(t *testing.T) {
	cases := []struct{ in, want string }{
		{`plain text`, `"plain text"`},
		{`{"query":"{ a(x: \"1\") }"}`, `"{\"query\":\"{ a(x: \\\"1\\\") }\"}"`},
		{"line\nnext\t£", `"line\010next\009\194\163"`},
		{"", `""`},
	}
	for _, tc := range cases {
		if got := luaString(tc.in); got != tc.want {
			t.Errorf("luaString(%q) = %s, want %s", tc.in, got, tc.want)
		}
	}
}

// echo records what each request carried and answers 200, or 500 on /fail.
type echo struct {
	mu      sync.Mutex
	bodies  map[string]int
	headers map[string]int
}

func (e *echo) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	b, _ := io.ReadAll(r.Body)
	e.mu.Lock()
	e.bodies[r.Method+" "+string(b)]++
	e.headers[r.Header.Get("Content-Type")+"|"+r.Header.Get("Authorization")]++
	e.mu.Unlock()
	if r.URL.Path == "/fail" {
		w.WriteHeader(http.StatusInternalServerError)
	}
	_, _ = w.Write([]byte(`{"data":{}}`))
}

// Both clients send exactly the workload's method, headers and body, and count what
// they get back.
func TestDrivers(t *testing.T) {
	drivers := []driver{goDriver{conns: 4, duration: 300 * time.Millisecond}, goDriver{conns: 4, duration: 300 * time.Millisecond, rate: 200}}
	if path, err := exec.LookPath("wrk"); err == nil {
		drivers = append(drivers, wrkDriver{path: path, conns: 4, seconds: 1, dir: t.TempDir()})
	} else {
		t.Log("wrk is not on PATH: only the Go client is tested")
	}
	header := map[string]string{"Content-Type": "application/json", "Authorization": "JWT a\"b\\c"}
	body := `{"query":"{ viewer { email } }","variables":{"note":"£ \"quoted\"\n"}}`
	for _, d := range drivers {
		t.Run(d.String(), func(t *testing.T) {
			for _, path := range []string{"/ok", "/fail"} {
				e := &echo{bodies: map[string]int{}, headers: map[string]int{}}
				srv := httptest.NewServer(e)
				res, err := d.run(context.Background(), srv.URL+path, header, body)
				srv.Close()
				if err != nil {
					t.Fatal(err)
				}
				if res.requests <= 0 || res.rps <= 0 || res.p99 <= 0 {
					t.Errorf("%s: %+v, want requests, a rate and a p99", path, res)
				}
				if (path == "/fail") != (res.non2xx > 0) {
					t.Errorf("%s: %d answers not 2xx counted", path, res.non2xx)
				}
				if len(e.bodies) != 1 || e.bodies["POST "+body] == 0 {
					t.Errorf("%s: bodies %v, want only POST %s", path, e.bodies, body)
				}
				if len(e.headers) != 1 || e.headers[`application/json|JWT a"b\c`] == 0 {
					t.Errorf("%s: headers %v", path, e.headers)
				}
			}
		})
	}
}

// TestGoDriverRate checks the open loop: a quick server gets the rate asked for, and a
// slow one is charged for the queue it causes, each request timed from when it was due
// rather than from when a connection was free to send it.
func TestGoDriverRate(t *testing.T) {
	for _, c := range []struct {
		name        string
		service     time.Duration
		conns       int
		rate        float64
		minRequests int64
		maxRequests int64
		minP99      time.Duration
		maxP99      time.Duration
	}{
		// 0.8 s at 250 a second is 200 requests due; all are answered at once (the
		// bounds leave room for a busy machine: never more than are due, and no queue).
		{"keeps up", 0, 4, 250, 100, 210, 0, 500 * time.Millisecond},
		// One connection, 20 ms an answer, one due every 10 ms: about 40 answered in
		// 0.8 s, and the queue grows 10 ms with each, so the late ones waited 300 ms+
		// (a busy machine answers fewer and queues longer, never more nor shorter).
		{"falls behind", 20 * time.Millisecond, 1, 100, 10, 45, 250 * time.Millisecond, 5 * time.Second},
	} {
		t.Run(c.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				_, _ = io.Copy(io.Discard, r.Body)
				time.Sleep(c.service)
			}))
			defer srv.Close()
			d := goDriver{conns: c.conns, duration: 800 * time.Millisecond, rate: c.rate}
			res, err := d.run(context.Background(), srv.URL, nil, "{}")
			if err != nil {
				t.Fatal(err)
			}
			if res.requests < c.minRequests || res.requests > c.maxRequests {
				t.Errorf("%d answered, want %d to %d", res.requests, c.minRequests, c.maxRequests)
			}
			if res.p99 < c.minP99 || res.p99 > c.maxP99 {
				t.Errorf("p99 %v, want %v to %v", res.p99, c.minP99, c.maxP99)
			}
		})
	}
}
