package main

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/krakensim/krakensim/internal/syncbuf"
	"github.com/krakensim/krakensim/internal/testshared"
)

// startServe runs serve with args on a free port and returns its base URL; the server
// stops when the test ends.
func startServe(t *testing.T, args ...string) (string, *syncbuf.Buffer) {
	t.Helper()
	return startServeEnv(t, nil, args...)
}

// startServeEnv is startServe with environment variables.
func startServeEnv(t *testing.T, env map[string]string, args ...string) (string, *syncbuf.Buffer) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	var out, errOut syncbuf.Buffer
	done := make(chan struct{})
	var serveErr error
	go func() {
		defer close(done)
		serveErr = run(ctx, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...), func(k string) string { return env[k] }, strings.NewReader(""), &out, &errOut)
	}()
	t.Cleanup(func() {
		cancel()
		<-done
	})
	ready := regexp.MustCompile(`Admin API:\s+(http://127\.0\.0\.1:\d+)/__krakensim/`)
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if m := ready.FindStringSubmatch(out.String()); m != nil {
			return m[1], &errOut
		}
		select {
		case <-done:
			t.Fatalf("serve ended early: %v\n%s", serveErr, errOut.String())
		default:
		}
	}
	t.Fatalf("serve did not start:\n%s\n%s", out.String(), errOut.String())
	return "", nil
}

func post(t *testing.T, url, body string, header ...string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, url, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

const retryScenario = `name: retry
rules:
  - when: {http: POST /v1/data-import/notes/create/}
    then: {status: %d, body: {detail: scripted}}
`

func writeScenario(t *testing.T, path, text string) {
	t.Helper()
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil { // as editors save
		t.Fatal(err)
	}
}

// waitStatus polls until the notes endpoint answers want.
func waitStatus(t *testing.T, base string, want int) {
	t.Helper()
	var got int
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(25 * time.Millisecond) {
		if got, _ = post(t, base+"/v1/data-import/notes/create/", `{}`); got == want {
			return
		}
	}
	t.Fatalf("status %d, want %d", got, want)
}

func TestServeReloadsScenarios(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "retry.yaml")
	writeScenario(t, file, strings.Replace(retryScenario, "%d", "503", 1))
	base, logs := startServe(t, "--scenarios", dir)
	waitStatus(t, base, 503)

	writeScenario(t, file, strings.Replace(retryScenario, "%d", "418", 1))
	waitStatus(t, base, 418)

	// A broken file is reported, in the log and the scenario listing, and its last good
	// version keeps serving.
	writeScenario(t, file, "name: retry\nrules:\n  - when: {feild: viewer}\n")
	waitLog(t, logs, "its last good version keeps serving")
	if !strings.Contains(logs.String(), "retry.yaml:3:") {
		t.Fatalf("no positioned rejection in the log:\n%s", logs.String())
	}
	if got, _ := post(t, base+"/v1/data-import/notes/create/", `{}`); got != 418 {
		t.Errorf("after a bad edit: %d, want the last good 418", got)
	}
	if list := get(t, base+"/__krakensim/scenarios"); !strings.Contains(list, `"refusedFiles"`) || !strings.Contains(list, `retry.yaml:3:`) || !strings.Contains(list, `"keptLastGood": true`) {
		t.Errorf("the listing does not show the refused file: %s", list)
	}
	metrics := get(t, base+"/metrics")
	// Editors may fire more than one reload per save; each kind happened at least once.
	for _, want := range []string{`krakensim_scenario_reloads_total [1-9]\d*\n`, `krakensim_scenario_reload_failures_total [1-9]\d*\n`} {
		if !regexp.MustCompile(want).MatchString(metrics) {
			t.Errorf("metrics lack %s", want)
		}
	}
}

// TestServeReloadsTheGoodFiles checks that one bad file in a --scenarios folder does
// not freeze the others: their changes load, the bad file keeps its last good version
// (or stays out, said so by the listing and by X-Krakensim-Scenario).
func TestServeReloadsTheGoodFiles(t *testing.T) {
	dir := t.TempDir()
	writeScenario(t, filepath.Join(dir, "retry.yaml"), retryWith("503"))
	writeScenario(t, filepath.Join(dir, "base.yaml"), "name: base\nrules:\n  - when: {field: viewer, headers: {X-Test: base}}\n    then: {error: KT-CT-1111}\n")
	base, logs := startServe(t, "--scenarios", dir)
	waitStatus(t, base, 503)

	writeScenario(t, filepath.Join(dir, "base.yaml"), "name: base\nrules:\n  - when: {field: viewer}\n    then: {error: KT-CT-77777}\n")
	waitLog(t, logs, "its last good version keeps serving")
	writeScenario(t, filepath.Join(dir, "other.yaml"), "name: other\nrules:\n  - when: {field: viewr}\n    then: {error: KT-CT-1143}\n")
	writeScenario(t, filepath.Join(dir, "retry.yaml"), retryWith("418"))
	waitStatus(t, base, 418)
	waitLog(t, logs, "is left out")
	list := get(t, base+"/__krakensim/scenarios")
	for _, want := range []string{`base.yaml:4:`, `KT-CT-77777`, `other.yaml:3:`, `"keptLastGood": false`} {
		if !strings.Contains(list, want) {
			t.Errorf("the listing lacks %s: %s", want, list)
		}
	}
	_, body := post(t, base+"/v1/graphql/", `{"query":"{ viewer { givenName } }"}`, "X-Krakensim-Scenario", "other")
	if !strings.Contains(body, `no scenario \"other\" is loaded: the file `) || !strings.Contains(body, `other.yaml failed to load`) {
		t.Errorf("X-Krakensim-Scenario naming the refused file: %s", body)
	}
}

func get(t *testing.T, url string) string {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}

// serve's journal keeps --journal-size requests per session, and 0 turns it off.
func TestServeJournalSize(t *testing.T) {
	for _, c := range []struct {
		size string
		want string
	}{{"2", `"count": 2`}, {"0", `"count": 0`}} {
		base, _ := startServe(t, "--journal-size", c.size)
		for range 3 {
			post(t, base+"/v1/graphql/", `{"query":"{ __typename }"}`, "X-Krakensim-Session", "j")
		}
		if got := get(t, base+"/__krakensim/sessions/j/requests"); !strings.Contains(got, c.want) {
			t.Errorf("--journal-size %s: %s", c.size, got)
		}
	}
}

func TestServeRejectsBadScenarios(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "bad.yaml")
	writeScenario(t, file, "name: bad\nrules:\n  - when: {field: viewr}\n    then: {error: KT-CT-1111}\n")
	var out, errOut strings.Builder
	err := run(context.Background(), []string{"serve", "--addr", "127.0.0.1:0", "--scenarios", file}, func(string) string { return "" }, strings.NewReader(""), &out, &errOut)
	if err == nil || !strings.Contains(err.Error(), "bad.yaml:3:") || !strings.Contains(err.Error(), "viewer") {
		t.Fatalf("err = %v", err)
	}
}

func TestServeScenarioUploadAndHeader(t *testing.T) {
	base, _ := startServe(t)
	status, body := post(t, base+"/__krakensim/scenarios?activate=true&session=up", strings.Replace(retryScenario, "%d", "409", 1))
	if status != 201 || !strings.Contains(body, `"retry"`) {
		t.Fatalf("upload: %d %s", status, body)
	}
	if got, _ := post(t, base+"/v1/data-import/notes/create/", `{}`, "X-Krakensim-Session", "up"); got != 409 {
		t.Errorf("uploaded scenario in its session: %d", got)
	}
	if got, _ := post(t, base+"/v1/data-import/notes/create/", `{}`, "X-Krakensim-Session", "other"); got == 409 {
		t.Error("another session saw the session's scenario")
	}
	status, body = post(t, base+"/__krakensim/scenarios", "name: x\nrules:\n  - when: {field: nope}\n    then: {error: KT-CT-1111}\n")
	if status != 400 || !strings.Contains(body, "upload/x.yaml:3:") {
		t.Errorf("bad upload: %d %s", status, body)
	}
	// A shipped scenario by header.
	_, body = post(t, base+"/v1/graphql/", `{"query":"mutation { createAccountPaymentSchedule(input: {accountNumber: \"A-FA11ED01\", ledgerNumber: \"L-1\", paymentDay: 3}) { schedule { id } } }"}`,
		"X-Krakensim-Scenario", "payment-schedule-errors")
	if !strings.Contains(body, "KT-CT-3942") {
		t.Errorf("shipped scenario by header: %s", body)
	}
}

// do sends a request with headers ("Host" sets the Host) and returns status and body.
func do(t *testing.T, method, url, body string, header ...string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(method, url, strings.NewReader(body))
	for i := 0; i+1 < len(header); i += 2 {
		if header[i] == "Host" {
			req.Host = header[i+1]
			continue
		}
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestServeAdminProtection(t *testing.T) {
	base, _ := startServeEnv(t, map[string]string{"KRAKENSIM_ADMIN_TOKEN": "tok-123", "KRAKENSIM_ALLOWED_HOST": "krakensim,sim.test"})
	upload := base + "/__krakensim/scenarios?activate=true"
	scenario := strings.Replace(retryScenario, "%d", "409", 1)
	cases := []struct {
		name, method, url, body string
		header                  []string
		status                  int
		want                    string
	}{
		{"no token", "GET", base + "/__krakensim/sessions", "", nil, 401, "Authorization: Bearer"},
		{"health stays open", "GET", base + "/__krakensim/health", "", nil, 200, `"ok"`},
		{"text/plain upload", "POST", upload, scenario, []string{"Authorization", "Bearer tok-123", "Content-Type", "text/plain", "Origin", "http://evil.example"}, 403, "may not write"},
		{"rebinding", "GET", base + "/__krakensim/sessions", "", []string{"Authorization", "Bearer tok-123", "Host", "evil.example"}, 421, "--allowed-host"},
		{"allowed host", "GET", base + "/__krakensim/sessions", "", []string{"Authorization", "Bearer tok-123", "Host", "sim.test:80"}, 200, "sessions"},
		{"yaml upload", "POST", upload, scenario, []string{"Authorization", "Bearer tok-123", "Content-Type", "application/yaml"}, 201, `"retry"`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			status, body := do(t, tc.method, tc.url, tc.body, tc.header...)
			if status != tc.status || !strings.Contains(body, tc.want) {
				t.Errorf("%d %s, want %d containing %s", status, body, tc.status, tc.want)
			}
		})
	}
	// Without a token, a plain-text upload (no preflight) is refused.
	open, _ := startServe(t)
	if status, body := do(t, "POST", open+"/__krakensim/scenarios?activate=true", scenario, "Content-Type", "text/plain"); status != 415 {
		t.Errorf("text/plain upload: %d %s, want 415", status, body)
	}
}

func TestServeWarnsWithoutAdminToken(t *testing.T) {
	for _, tc := range []struct {
		args []string
		warn bool
	}{
		{[]string{"--addr", "0.0.0.0:0"}, true},
		{[]string{"--addr", "0.0.0.0:0", "--admin-token", "x"}, false},
		{[]string{"--addr", "127.0.0.1:0"}, false},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			var out, errOut syncbuf.Buffer
			done := make(chan error, 1)
			go func() {
				done <- run(ctx, append([]string{"serve"}, tc.args...), func(string) string { return "" }, strings.NewReader(""), &out, &errOut)
			}()
			for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline) && !strings.Contains(out.String(), "Admin API"); time.Sleep(20 * time.Millisecond) {
			}
			cancel()
			if err := <-done; err != nil {
				t.Fatal(err)
			}
			if got := strings.Contains(errOut.String(), "without a token; set --admin-token"); got != tc.warn {
				t.Errorf("warned %v, want %v:\n%s", got, tc.warn, errOut.String())
			}
		})
	}
}

func TestServeLimitFlags(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--request-timeout", "0s"}, "--request-timeout must be positive"},
		{[]string{"--request-timeout", "soon"}, "request-timeout"},
		{[]string{"--query-cache-bytes", "-1"}, "--query-cache-bytes must not be negative"},
	} {
		var out, errOut strings.Builder
		err := run(context.Background(), append([]string{"serve", "--addr", "127.0.0.1:0"}, tc.args...), func(string) string { return "" }, strings.NewReader(""), &out, &errOut)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%v: err = %v, want %q", tc.args, err, tc.want)
		}
	}
	base, _ := startServe(t, "--request-timeout", "2s", "--query-cache-bytes", "0")
	if status, body := post(t, base+"/v1/graphql/", `{"query":"{ __typename }"}`); status != 200 || body != `{"data":{"__typename":"Query"}}` {
		t.Errorf("status %d, body %s", status, body)
	}
}

// TestServeTokenIssuer signs in at 127.0.0.1 and at localhost: without --token-issuer
// the access token's iss is the API endpoint of the host it was obtained at (where the
// EDF viewer posts its later queries), with it the tenant's named (what Tesla-API's
// Octopus client checks); either way the token signs requests in at both hosts.
func TestServeTokenIssuer(t *testing.T) {
	const octopus = "https://api.octopus.energy/v1/graphql/"
	for _, tc := range []struct {
		name string
		args []string
		iss  func(base string) string
	}{
		{"the host asked", nil, func(base string) string { return base + "/v1/graphql/" }},
		{"--token-issuer", []string{"--token-issuer", octopus}, func(string) string { return octopus }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			local, _ := startServe(t, tc.args...)
			hosts := []string{local, strings.Replace(local, "127.0.0.1", "localhost", 1)}
			for _, at := range hosts {
				token, iss := serveSignIn(t, at)
				if iss != tc.iss(at) {
					t.Errorf("obtained at %s: iss %q, want %s", at, iss, tc.iss(at))
				}
				for _, use := range hosts {
					if _, viewer := post(t, use+"/v1/graphql/", `{"query":"{ viewer { email } }"}`, "Authorization", token); !strings.Contains(viewer, "demo@krakensim.dev") {
						t.Errorf("a token obtained at %s signs no one in at %s: %s", at, use, viewer)
					}
				}
			}
		})
	}
}

// serveSignIn signs the demo user in at a server's API endpoint: the token and its iss.
func serveSignIn(t *testing.T, base string) (token, iss string) {
	t.Helper()
	_, body := post(t, base+"/v1/graphql/", `{"query":"mutation { obtainKrakenToken(input: {email: \"demo@krakensim.dev\", password: \"krakensim\"}) { token } }"}`)
	var out struct {
		Data struct{ ObtainKrakenToken struct{ Token string } }
	}
	if err := json.Unmarshal([]byte(body), &out); err != nil {
		t.Fatalf("%v: %s", err, body)
	}
	parts := strings.Split(out.Data.ObtainKrakenToken.Token, ".")
	if len(parts) != 3 {
		t.Fatalf("token %q", out.Data.ObtainKrakenToken.Token)
	}
	payload, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		t.Fatal(err)
	}
	var claims struct{ Iss string }
	if err := json.Unmarshal(payload, &claims); err != nil {
		t.Fatal(err)
	}
	return out.Data.ObtainKrakenToken.Token, claims.Iss
}

// TestServeAustralianTenantGetsAustralianWorld serves Origin's SDL, whose local time is
// Sydney's: the default world's demo user and home are Australian, whether the world was
// built while the SDL parsed or after (with generated accounts).
func TestServeAustralianTenantGetsAustralianWorld(t *testing.T) {
	origin := testshared.Path(t, "reference", "origin-schema.graphql")
	for name, args := range map[string][]string{
		"built while the SDL parses": {"--schema", origin},
		"built after":                {"--schema", origin, "--generate", "3"},
		"built after, with files":    {"--schema", origin, "--fixtures", "../../fixtures/testdata/readme.yaml"},
	} {
		t.Run(name, func(t *testing.T) { australianDemo(t, args...) })
	}
}

// australianDemo checks that the demo user of a server started with args is Australian.
func australianDemo(t *testing.T, args ...string) {
	base, _ := startServe(t, args...)
	_, tok := post(t, base+"/v1/graphql/", `{"query":"mutation { obtainKrakenToken(input: {APIKey: \"sk_live_krakensimdemo3235447\"}) { token } }"}`)
	var signed struct {
		Data struct{ ObtainKrakenToken struct{ Token string } }
	}
	if err := json.Unmarshal([]byte(tok), &signed); err != nil || signed.Data.ObtainKrakenToken.Token == "" {
		t.Fatalf("sign-in: %v %s", err, tok)
	}
	_, body := post(t, base+"/v1/graphql/", `{"query":"{ viewer { mobile accounts { ... on AccountType { billingAddress properties { state meterPoints { identifier } } } } } }"}`,
		"Authorization", signed.Data.ObtainKrakenToken.Token)
	for _, want := range []string{`"mobile":"0491 570 156"`, `"billingAddress":"41 Kraken Street, Newtown NSW 2042"`, `"state":"NEW_SOUTH_WALES"`, `"identifier":"4102004420"`} {
		if !strings.Contains(body, want) {
			t.Errorf("the demo user's world lacks %s:\n%s", want, body)
		}
	}
}

// TestServeBackendSchemaREADME runs the README's backend example: the backend host's
// schema served beside Octopus's, a token from the API site accepted by the backend,
// by its path and by its host name.
func TestServeBackendSchemaREADME(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, block, ok := strings.Cut(string(b), "<!-- example: backend-serve -->\n```sh\n")
	if block, _, ok = strings.Cut(block, "```"); !ok {
		t.Fatal("README.md has no backend-serve example")
	}
	fields := strings.Fields(strings.ReplaceAll(block, "\\\n", " "))
	if len(fields) < 2 || fields[0] != "krakensim" || fields[1] != "serve" {
		t.Fatalf("README's backend example is not a krakensim serve command: %q", block)
	}
	args := fields[2:]
	for i, a := range args {
		switch {
		case strings.HasPrefix(a, "../shared/reference/"):
			args[i] = testshared.Path(t, "reference", strings.TrimPrefix(a, "../shared/reference/"))
		case !strings.HasPrefix(a, "-"):
			args[i] = "../../" + a
		}
	}
	base, _ := startServe(t, args...)
	_, tok := post(t, base+"/v1/graphql/", `{"query":"mutation { obtainKrakenToken(input: {email: \"demo@krakensim.dev\", password: \"krakensim\"}) { token } }"}`)
	var signed struct {
		Data struct{ ObtainKrakenToken struct{ Token string } }
	}
	if err := json.Unmarshal([]byte(tok), &signed); err != nil || signed.Data.ObtainKrakenToken.Token == "" {
		t.Fatalf("sign-in: %s", tok)
	}
	query := `{"query":"{ wheelOfFortuneSpinsAllowed(accountNumber: \"A-C90DC431\", fuelType: GAS) { spinsAllowed } }"}`
	for _, host := range []string{"", "api.backend.octopus.energy"} {
		path := "/backend/v1/graphql/"
		if host != "" {
			path = "/v1/graphql/"
		}
		req, _ := http.NewRequest(http.MethodPost, base+path, strings.NewReader(query))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", signed.Data.ObtainKrakenToken.Token)
		if host != "" {
			req.Host = host
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if want := `{"data":{"wheelOfFortuneSpinsAllowed":{"spinsAllowed":1}}}`; string(body) != want {
			t.Errorf("%s (Host %q): %s, want %s", path, host, body, want)
		}
	}
}
