package server_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/krakensim/krakensim/scenarios"
	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/platform"
	"github.com/krakensim/krakensim/sim/rules"
	"github.com/krakensim/krakensim/sim/server"
)

// parseUpload is a ScenarioLoader without lint.
func parseUpload(name string, src []byte) ([]*rules.Scenario, []string, error) {
	scs, err := scenarios.Parse(name, src)
	return scs, nil, err
}

// newAdminServer starts a real server over the default platform with cfg's admin
// settings.
func newAdminServer(t testing.TB, cfg server.Config, simcfg ...func(*sim.Config)) string {
	t.Helper()
	pc, err := platform.Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range simcfg {
		f(&pc)
	}
	s, err := sim.New(pc)
	if err != nil {
		t.Fatal(err)
	}
	cfg.Sim, cfg.LoadScenarios = s, parseUpload
	ts := httptest.NewServer(server.New(cfg))
	t.Cleanup(ts.Close)
	return ts.URL
}

const uploadYAML = "name: cross-site\nrules:\n  - when: {field: viewer}\n    then: {error: KT-CT-1111}\n"

func TestAdminRefusesOtherSites(t *testing.T) {
	open := newAdminServer(t, server.Config{AllowedOrigins: []string{"http://app.example:3000"}})
	hosts := newAdminServer(t, server.Config{AllowedHosts: []string{"krakensim", "sim.internal:9999"}})
	locked := newAdminServer(t, server.Config{AdminToken: "s3cret"})
	upload := server.AdminPrefix + "scenarios?activate=true"
	cases := []struct {
		name, base, method, path, body string
		header                         map[string]string
		status                         int
		detail                         string
	}{
		{"text/plain upload", open, "POST", upload, uploadYAML, map[string]string{"Content-Type": "text/plain"}, 415, "admin writes need Content-Type"},
		{"form upload", open, "POST", upload, uploadYAML, map[string]string{"Content-Type": "application/x-www-form-urlencoded"}, 415, "X-Krakensim-Admin"},
		{"no content type reset", open, "POST", server.AdminPrefix + "reset", "", nil, 415, "CORS preflight"},
		{"yaml upload", open, "POST", upload, uploadYAML, map[string]string{"Content-Type": "application/yaml"}, 201, ""},
		{"admin header upload", open, "POST", upload, uploadYAML, map[string]string{"Content-Type": "text/plain", "X-Krakensim-Admin": "1"}, 201, ""},
		{"json from a foreign origin", open, "POST", upload, uploadYAML, map[string]string{"Content-Type": "application/json", "Origin": "http://evil.example"}, 403, `Origin "http://evil.example" may not write`},
		{"null origin", open, "POST", server.AdminPrefix + "reset", "", map[string]string{"Content-Type": "application/json", "Origin": "null"}, 403, "may not write"},
		{"allowed origin", open, "POST", server.AdminPrefix + "reset", "", map[string]string{"Content-Type": "application/json", "Origin": "http://app.example:3000"}, 200, ""},
		{"same origin", open, "POST", server.AdminPrefix + "reset", "", map[string]string{"Content-Type": "application/json", "Origin": open}, 200, ""},
		{"read from a foreign origin", open, "GET", server.AdminPrefix + "sessions", "", map[string]string{"Origin": "http://evil.example"}, 200, ""},
		{"rebinding host", open, "POST", server.AdminPrefix + "reset", "", map[string]string{"Content-Type": "application/json", "Host": "evil.example:8080"}, 421, `Host "evil.example:8080" is not this server`},
		{"rebinding host read", open, "GET", server.AdminPrefix + "sessions", "", map[string]string{"Host": "evil.example"}, 421, "--allowed-host"},
		{"health from any host", open, "GET", server.HealthPath, "", map[string]string{"Host": "evil.example"}, 200, ""},
		{"localhost", open, "GET", server.AdminPrefix + "sessions", "", map[string]string{"Host": "localhost:1234"}, 200, ""},
		{"ipv6 loopback", open, "GET", server.AdminPrefix + "sessions", "", map[string]string{"Host": "[::1]:8080"}, 200, ""},
		{"allowed host", hosts, "GET", server.AdminPrefix + "sessions", "", map[string]string{"Host": "krakensim:8080"}, 200, ""},
		{"allowed host any port", hosts, "GET", server.AdminPrefix + "sessions", "", map[string]string{"Host": "sim.internal"}, 200, ""},
		{"other host", hosts, "GET", server.AdminPrefix + "sessions", "", map[string]string{"Host": "krakensim.evil"}, 421, "not this server"},
		{"no token", locked, "GET", server.AdminPrefix + "sessions", "", nil, 401, "needs the header Authorization: Bearer"},
		{"wrong token", locked, "GET", server.AdminPrefix + "sessions", "", map[string]string{"Authorization": "Bearer s3cre"}, 401, "wrong admin token"},
		{"jwt scheme", locked, "GET", server.AdminPrefix + "sessions", "", map[string]string{"Authorization": "JWT s3cret"}, 401, "needs the header"},
		{"unknown route needs the token", locked, "GET", server.AdminPrefix + "nowhere", "", nil, 401, "Bearer"},
		{"token", locked, "GET", server.AdminPrefix + "sessions", "", map[string]string{"Authorization": "Bearer s3cret"}, 200, ""},
		{"token write", locked, "POST", server.AdminPrefix + "reset", "", map[string]string{"Authorization": "bearer s3cret"}, 200, ""},
		{"health without token", locked, "GET", server.HealthPath, "", nil, 200, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			req, _ := http.NewRequest(tc.method, tc.base+tc.path, strings.NewReader(tc.body))
			for k, v := range tc.header {
				if k == "Host" {
					req.Host = v
					continue
				}
				req.Header.Set(k, v)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			var out struct{ Detail string }
			_ = json.Unmarshal(b, &out)
			if resp.StatusCode != tc.status || !strings.Contains(out.Detail, tc.detail) {
				t.Errorf("%d %s, want %d containing %q", resp.StatusCode, b, tc.status, tc.detail)
			}
			if resp.StatusCode >= 400 && resp.Header.Get("Content-Type") != "application/json" {
				t.Errorf("refusal is %q, want JSON", resp.Header.Get("Content-Type"))
			}
			if resp.StatusCode == 401 && resp.Header.Get("WWW-Authenticate") == "" {
				t.Error("401 without WWW-Authenticate")
			}
		})
	}
}

// send posts or deletes on an admin path as a tool does and returns status and detail.
func send(t *testing.T, method, url, body string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(method, url, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/yaml")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	var out struct{ Detail string }
	_ = json.Unmarshal(b, &out)
	return resp.StatusCode, out.Detail
}

func scenarioNamed(name string) string {
	return "name: " + name + "\nrules:\n  - when: {field: viewer}\n    then: {error: KT-CT-1111}\n"
}

func TestUploadsAreBounded(t *testing.T) {
	base := newAdminServer(t, server.Config{})
	upload := base + server.AdminPrefix + "scenarios?name=u.yaml"
	for i := range sim.DefaultMaxUploadedScenarios {
		if status, detail := send(t, "POST", upload, scenarioNamed(fmt.Sprintf("up-%d", i))); status != 201 {
			t.Fatalf("upload %d: %d %s", i, status, detail)
		}
	}
	status, detail := send(t, "POST", upload, scenarioNamed("one-too-many"))
	if status != 409 || !strings.Contains(detail, "at most 256 uploaded scenarios") {
		t.Errorf("upload past the bound: %d %q, want 409", status, detail)
	}
	if status, detail := send(t, "POST", upload, scenarioNamed("up-7")); status != 201 {
		t.Errorf("replacing an upload at the bound: %d %s", status, detail)
	}
	if status, detail := send(t, "DELETE", base+server.AdminPrefix+"scenarios/up-3", ""); status != 204 {
		t.Errorf("delete: %d %s", status, detail)
	}
	if status, detail := send(t, "DELETE", base+server.AdminPrefix+"scenarios/up-3", ""); status != 404 || !strings.Contains(detail, "was not uploaded") {
		t.Errorf("delete again: %d %s", status, detail)
	}
	if status, detail := send(t, "DELETE", base+server.AdminPrefix+"scenarios/flaky", ""); status != 404 {
		t.Errorf("delete a shipped scenario: %d %s", status, detail)
	}
	if status, detail := send(t, "POST", upload, scenarioNamed("one-too-many")); status != 201 {
		t.Errorf("upload after a delete: %d %s", status, detail)
	}
	if status, detail := send(t, "POST", base+server.AdminPrefix+"scenarios/reset", ""); status != 200 {
		t.Errorf("scenarios/reset is still its own route: %d %s", status, detail)
	}
}

// TestUploadRegexesCount checks that what compiled regexes keep counts towards
// --max-uploaded-bytes: a short file of character-class repeats keeps megabytes.
func TestUploadRegexesCount(t *testing.T) {
	base := newAdminServer(t, server.Config{}, func(c *sim.Config) { c.MaxUploadedBytes = 16 << 20 })
	upload := base + server.AdminPrefix + "scenarios?name=rx.yaml"
	rx := func(name string, n int) string {
		y := "name: " + name + "\nrules:\n"
		for i := range n {
			y += fmt.Sprintf("  - {when: {field: viewer, operationName: {regex: '^%d\\pL{300}$'}}, then: {}}\n", i)
		}
		return y
	}
	if status, detail := send(t, "POST", upload, rx("small", 1)); status != 201 {
		t.Fatalf("one class repeat: %d %s", status, detail)
	}
	status, detail := send(t, "POST", upload, rx("big", 4))
	if status != 409 || !strings.Contains(detail, "rx.yaml: the server keeps at most 16777216 bytes") || !strings.Contains(detail, "for this file's regexes") {
		t.Errorf("four class repeats: %d %q, want 409 naming the file and the limit", status, detail)
	}
}

func TestUploadBytesAreBounded(t *testing.T) {
	base := newAdminServer(t, server.Config{MaxBodyBytes: 4096}, func(c *sim.Config) { c.MaxUploadedBytes = 600 })
	upload := base + server.AdminPrefix + "scenarios"
	big := scenarioNamed("big") + "# " + strings.Repeat("x", 5000) + "\n"
	if status, detail := send(t, "POST", upload, big); status != 413 || !strings.Contains(detail, "over the 4096-byte limit") {
		t.Errorf("body over the limit: %d %q, want 413", status, detail)
	}
	padded := func(name string) string { return scenarioNamed(name) + "# " + strings.Repeat("x", 250) + "\n" }
	if status, detail := send(t, "POST", upload, padded("a")); status != 201 {
		t.Fatalf("first: %d %s", status, detail)
	}
	if status, detail := send(t, "POST", upload, padded("b")); status != 409 || !strings.Contains(detail, "at most 600 bytes") {
		t.Errorf("past the byte bound: %d %q, want 409", status, detail)
	}
	if status, detail := send(t, "POST", upload, padded("a")); status != 201 {
		t.Errorf("replacing within the byte bound: %d %s", status, detail)
	}
}
