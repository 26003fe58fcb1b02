package server_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/krakensim/krakensim/internal/fuzzcost"
	"github.com/krakensim/krakensim/scenarios"
	"github.com/krakensim/krakensim/schema"
	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/platform"
	"github.com/krakensim/krakensim/sim/rules"
	"github.com/krakensim/krakensim/sim/server"
)

// lintingLoader parses and lints uploads against the embedded contract, as serve does.
func lintingLoader(tb testing.TB, cfg sim.Config) server.ScenarioLoader {
	reg, err := schema.DefaultRegistry()
	if err != nil {
		tb.Fatal(err)
	}
	contract := scenarios.Contract{API: cfg.API, Auth: cfg.Auth, Registry: reg, Routes: scenarios.RouteNames(cfg.Routes)}
	return func(name string, src []byte) ([]*rules.Scenario, []string, error) {
		scs, err := scenarios.Parse(name, src)
		if err != nil {
			return nil, nil, err
		}
		probs := scenarios.Lint(scs, contract)
		if probs.HasErrors() {
			return nil, nil, probs.Errors()
		}
		var warnings []string
		for _, w := range probs.Warnings() {
			warnings = append(warnings, w.Error())
		}
		return scs, warnings, nil
	}
}

// FuzzAdmin sends any method, path, query, content type, Host, Origin and body to the
// admin API through the real handler: never a 5xx, always a JSON answer, and each
// request within fuzzcost's bounds (1 s, 100 MB).
func FuzzAdmin(f *testing.F) {
	yaml := "name: fuzz\nrules:\n  - when: {field: viewer}\n    then: {error: KT-CT-1111}\n"
	for _, seed := range []struct{ method, target, ctype, host, origin, body string }{
		{"GET", "/__krakensim/", "", "localhost:8080", "", ""},
		{"GET", "/__krakensim/sessions", "", "127.0.0.1", "", ""},
		{"GET", "/__krakensim/sessions/default", "", "[::1]:80", "", ""},
		{"POST", "/__krakensim/sessions/fz/reset", "application/json", "localhost", "", ""},
		{"DELETE", "/__krakensim/sessions/fz", "", "localhost", "", ""},
		{"POST", "/__krakensim/reset", "application/json", "localhost", "http://localhost", ""},
		{"GET", "/__krakensim/clock?session=fz", "", "localhost", "", ""},
		{"POST", "/__krakensim/clock?session=fz", "application/json", "localhost", "", `{"advance":"61m"}`},
		{"POST", "/__krakensim/clock?session=fz", "application/json", "localhost", "", `{"set":"2025-01-01T00:00:00Z"}`},
		{"POST", "/__krakensim/clock", "application/json", "localhost", "", `{"freeze":true,"resume":true}`},
		{"POST", "/__krakensim/clock/advance?by=9999999h&session=fz", "application/json", "localhost", "", ""},
		{"GET", "/__krakensim/scenarios?session=fz", "", "localhost", "", ""},
		{"POST", "/__krakensim/scenarios?activate=true&session=fz&name=f.yaml", "application/yaml", "localhost", "", yaml},
		{"POST", "/__krakensim/scenarios?activate=1", "text/plain", "localhost", "https://evil.example", yaml},
		{"POST", "/__krakensim/scenarios", "application/yaml", "localhost", "", "name: [\n"},
		{"POST", "/__krakensim/scenarios", "application/yaml", "localhost", "", "a: &a [*a, *a]\nb: *a\n"},
		{"POST", "/__krakensim/scenarios", "application/yaml", "localhost", "", "name: t\nrules:\n  - when: {field: viewer}\n    then: {data: '{{ range 99999 }}{{ printf \"%1000000d\" 1 }}{{ end }}'}\n"},
		{"DELETE", "/__krakensim/scenarios/fuzz", "", "localhost", "", ""},
		{"POST", "/__krakensim/scenarios/flaky/activate?session=fz", "application/json", "localhost", "", ""},
		{"POST", "/__krakensim/scenarios/flaky/deactivate", "application/json", "localhost", "", ""},
		{"POST", "/__krakensim/scenarios/reset?session=fz", "application/json", "localhost", "", ""},
		{"GET", "/__krakensim/health", "", "evil.example", "", ""},
		{"POST", "/__krakensim/sessions/fz/masquerade", "application/json", "localhost", "", `{"userId": "3235447"}`},
		{"POST", "/__krakensim/sessions/fz/masquerade", "application/json", "localhost", "", `{"userId": 1}`},
		{"GET", "/__krakensim/sessions/fz/checkouts", "", "localhost", "", ""},
		{"GET", "/__krakensim/sessions/fz/messages?to=a", "", "localhost", "", ""},
		{"POST", "/__krakensim/checkout/ZnA.x.y", "application/x-www-form-urlencoded", "localhost", "", "cardNumber=4242"},
		{"PUT", "/__krakensim/nowhere/%zz", "application/json", "rebind.example:8080", "null", "{"},
		{"OPTIONS", "/__krakensim/scenarios", "", "localhost", "http://a.example", ""},
	} {
		f.Add(seed.method, seed.target, seed.ctype, seed.host, seed.origin, []byte(seed.body))
	}
	cfg, err := platform.Default()
	if err != nil {
		f.Fatal(err)
	}
	if cfg.Scenarios, err = scenarios.Pack(); err != nil {
		f.Fatal(err)
	}
	cfg.MaxSessions = 64
	s, err := sim.New(cfg)
	if err != nil {
		f.Fatal(err)
	}
	h := server.New(server.Config{Sim: s, LoadScenarios: lintingLoader(f, cfg), MaxBodyBytes: 64 << 10, AllowedOrigins: []string{"http://a.example"}})
	f.Fuzz(func(t *testing.T, method, target, ctype, host, origin string, body []byte) {
		if !strings.HasPrefix(target, "/") {
			target = "/" + target
		}
		if !strings.HasPrefix(target, server.AdminPrefix) {
			target = server.AdminPrefix + strings.TrimPrefix(target, "/")
		}
		req, err := http.NewRequest(method, "http://localhost"+target, bytes.NewReader(body))
		if err != nil {
			return // not a request a client can send
		}
		req.Host = host
		if ctype != "" {
			req.Header.Set("Content-Type", ctype)
		}
		if origin != "" {
			req.Header.Set("Origin", origin)
		}
		w := httptest.NewRecorder()
		// A request that never ends would stall the fuzzer: fail it from outside.
		watchdog := time.AfterFunc(fuzzcost.Deadline(), func() {
			panic(fmt.Sprintf("%s %s (%q, Host %q, Origin %q, body %q) still running after %s", method, target, ctype, host, origin, body, fuzzcost.Deadline()))
		})
		fuzzcost.Check(t, method+" "+target, func() { h.ServeHTTP(w, req) })
		watchdog.Stop()
		if w.Code >= 500 {
			t.Fatalf("status %d for %s %s (%q, Host %q, Origin %q) body %q: %s", w.Code, method, target, ctype, host, origin, body, w.Body)
		}
		if w.Code == http.StatusNoContent || method == http.MethodOptions || method == http.MethodHead {
			return
		}
		if !json.Valid(w.Body.Bytes()) {
			t.Fatalf("body is not JSON for %s %s: %q", method, target, w.Body)
		}
	})
}
