package main

import (
	"bytes"
	"context"
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
)

// result is what one run of the program produced.
type result struct {
	code           int
	stdout, stderr string
}

func runArgs(t *testing.T, env map[string]string, args ...string) result {
	t.Helper()
	var out, errOut bytes.Buffer
	err := run(context.Background(), args, func(k string) string { return env[k] }, strings.NewReader(""), &out, &errOut)
	code := exitCode(err, &errOut)
	return result{code, out.String(), errOut.String()}
}

func writeFile(t *testing.T, name, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestRun(t *testing.T) {
	badSDL := writeFile(t, "bad.graphql", "type Query {\n  a: Int\n  b Int\n}\n")
	undefinedSDL := writeFile(t, "undef.graphql", "type Query {\n  a: Nope\n}\n")
	goodSDL := writeFile(t, "good.graphql", `type Query {
  """
  Find it.

  The possible errors that can be raised are:

  - KT-CT-4178: No account found with given account number.
  - KT-CT-1111: Unauthorized.

  This field requires the Authorization header to be set.
  """
  thing(id: ID!): String
}
`)
	badRegistry := writeFile(t, "errs.yaml", "errors:\n  KT-CT-1234:\n    type: NOPE\n    message: m\n")

	tests := []struct {
		name       string
		args       []string
		env        map[string]string
		code       int
		stdout     string // regexp the stdout must match
		stderr     string // regexp the stderr must match
		noStderrRe string // regexp the stderr must not match
	}{
		{name: "no command", args: nil, code: 2, stderr: `krakensim: no command given`},
		{name: "help", args: []string{"--help"}, code: 0, stdout: `Commands:\n  serve`},
		{name: "unknown command", args: []string{"serv"}, code: 2, stderr: `unknown command "serv" \(did you mean "serve"\?\)`},
		{name: "version", args: []string{"version"}, code: 0, stdout: `^krakensim \S+\n`},
		{name: "version flag", args: []string{"--version"}, code: 0, stdout: `^krakensim `},
		{name: "serve help", args: []string{"serve", "--help"}, code: 0, stdout: `--addr address\n.*\(default 127\.0\.0\.1:8080\) \[KRAKENSIM_ADDR\]`},
		{name: "bad flag", args: []string{"serve", "--adr", "x"}, code: 2, stderr: `krakensim serve: flag provided but not defined: --adr; run 'krakensim serve --help'`},
		{name: "bad seed", args: []string{"serve", "--seed", "abc"}, code: 2, stderr: `invalid value "abc" for flag -seed`},
		{name: "bad env", args: []string{"serve"}, env: map[string]string{"KRAKENSIM_SEED": "x1"}, code: 2, stderr: `KRAKENSIM_SEED="x1": parse error`},
		{name: "zero session bytes", args: []string{"serve", "--max-session-bytes", "0"}, code: 2, stderr: `--max-session-bytes must be positive, got 0`},
		{name: "negative total session bytes", args: []string{"serve", "--max-total-session-bytes", "-1"}, code: 2, stderr: `--max-total-session-bytes must be positive, got -1`},
		{name: "zero refresh tokens", args: []string{"serve", "--max-refresh-tokens", "0"}, code: 2, stderr: `--max-refresh-tokens must be positive, got 0`},
		{name: "bad rate limit", args: []string{"serve", "--rate-limit", "lots"}, code: 2, stderr: `krakensim: serve: --rate-limit "lots": want off, kraken or a number of points an hour`},
		{name: "bad rate limit from env", args: []string{"serve"}, env: map[string]string{"KRAKENSIM_RATE_LIMIT": "-5"}, code: 2, stderr: `--rate-limit "-5"`},
		{name: "bad log level", args: []string{"serve", "--log-level", "loud"}, code: 2, stderr: `--log-level "loud"`},
		{name: "bad token issuer", args: []string{"serve", "--token-issuer", "api.octopus.energy"}, code: 2, stderr: `--token-issuer "api.octopus.energy": want an http or https URL`},
		{name: "negative journal", args: []string{"serve", "--journal-size", "-1"}, code: 2, stderr: `--journal-size must be 0 or more, got -1`},
		{name: "coverage help", args: []string{"coverage", "--help"}, code: 0, stdout: `--min percent\n.*\[KRAKENSIM_MIN\]`},
		{name: "missing SDL", args: []string{"serve", "--schema", "/no/such.graphql"}, code: 2, stderr: `krakensim: /no/such\.graphql: no such file or directory\n$`},
		{name: "syntax error in SDL", args: []string{"serve", "--schema", badSDL}, code: 2, stderr: regexp.QuoteMeta(badSDL) + `:3:5: Expected :, found Name\.\n$`, noStderrRe: `goroutine`},
		{name: "invalid SDL", args: []string{"schema", "print", "--schema", undefinedSDL}, code: 2, stderr: regexp.QuoteMeta(undefinedSDL) + `:2:6: Undefined type Nope\.`},
		{name: "SDL from env", args: []string{"schema", "print"}, env: map[string]string{"KRAKENSIM_SCHEMA": badSDL}, code: 2, stderr: `bad\.graphql:3:5:`},
		{name: "bad registry", args: []string{"schema", "errors", "thing", "--schema", goodSDL, "--errors", badRegistry}, code: 2, stderr: `errs\.yaml:3:5: KT-CT-1234: type "NOPE"|errs\.yaml:2:3: KT-CT-1234: type "NOPE"`},
		{name: "schema print", args: []string{"schema", "print", "--schema", goodSDL}, code: 0, stdout: `type Query \{\n(.|\n)*thing\(id: ID!\): String`},
		{name: "schema print auth", args: []string{"schema", "print", "--auth"}, code: 0, stdout: `type Query`},
		{name: "schema errors", args: []string{"schema", "errors", "thing", "--schema", goodSDL}, code: 0,
			stdout: `thing \(query on the API site\) requires the Authorization header; 2 documented errors\n\nCODE\s+TYPE\s+MESSAGE\nKT-CT-4178\s+\S+\s+No account found with given account number\.\nKT-CT-1111\s+AUTHORIZATION\s+Unauthorized\.\n$`},
		{name: "schema errors documenting 1112 needs the header", args: []string{"schema", "errors", "createAccountPaymentSchedule"}, code: 0,
			stdout: `^createAccountPaymentSchedule \(mutation on the API site\) requires the Authorization header;`},
		{name: "schema errors unknown field", args: []string{"schema", "errors", "thin", "--schema", goodSDL}, code: 2, stderr: `"thin" is not a query or mutation of either schema \(did you mean "thing"\?\)`},
		{name: "schema errors no field", args: []string{"schema", "errors"}, code: 2, stderr: `name a root field`},
		{name: "version lines", args: []string{"version"}, code: 0, stdout: `^krakensim \S+\ncommit:  \S+\nbuilt:   \S+\n`},
		{name: "record without proxy", args: []string{"serve", "--record", "x"}, code: 2, stderr: `--record needs --proxy-to`},
		{name: "proxy URL without scheme", args: []string{"serve", "--proxy-to", "kraken.example"}, code: 2, stderr: `--proxy-to: proxy URL "kraken\.example": want http:// or https://`},
		{name: "negative proxy timeout", args: []string{"serve", "--proxy-to", "http://k.example", "--proxy-timeout", "-1s"}, code: 2, stderr: `--proxy-timeout must not be negative`},
		{name: "health bad address", args: []string{"health", "--addr", "nohost"}, code: 2, stderr: `health: --addr "nohost"`},
		{name: "schema no subcommand", args: []string{"schema"}, code: 2, stderr: `want a subcommand`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runArgs(t, tt.env, tt.args...)
			if r.code != tt.code {
				t.Errorf("exit code = %d, want %d\nstdout: %s\nstderr: %s", r.code, tt.code, r.stdout, r.stderr)
			}
			if tt.stdout != "" && !regexp.MustCompile(tt.stdout).MatchString(r.stdout) {
				t.Errorf("stdout does not match %q:\n%s", tt.stdout, r.stdout)
			}
			if tt.stderr != "" && !regexp.MustCompile(tt.stderr).MatchString(r.stderr) {
				t.Errorf("stderr does not match %q:\n%s", tt.stderr, r.stderr)
			}
			if tt.noStderrRe != "" && regexp.MustCompile(tt.noStderrRe).MatchString(r.stderr) {
				t.Errorf("stderr matches %q:\n%s", tt.noStderrRe, r.stderr)
			}
		})
	}
}

func TestSchemaErrorsEmbedded(t *testing.T) {
	r := runArgs(t, nil, "schema", "errors", "createAccountPaymentSchedule", "--json")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var got struct {
		Field, Operation, Server string
		Errors                   []struct{ Code, Type, Message, Description string }
	}
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
		t.Fatalf("%v\n%s", err, r.stdout)
	}
	want := []struct{ code, typ, message string }{
		{"KT-CT-1111", "AUTHORIZATION", "Unauthorized."},
		{"KT-CT-3815", "NOT_FOUND", "No active payment schedule found for this account."},
		{"KT-CT-3822", "AUTHORIZATION", "Unauthorized."},
		{"KT-CT-3923", "AUTHORIZATION", "Unauthorized."},
		{"KT-CT-3941", "VALIDATION", "Invalid data."},
		{"KT-CT-3942", "APPLICATION", "An unexpected error occurred."},
		{"KT-CT-3947", "APPLICATION", "An unexpected error occurred."},
		{"KT-CT-3960", "VALIDATION", "Invalid value for payment day."},
		{"KT-CT-3961", "AUTHORIZATION", "Cannot update plan-associated payment schedule."},
		{"KT-CT-3962", "VALIDATION", "No new value provided to update payment schedule."},
		{"KT-CT-1113", "SERVICE_AVAILABILITY", "Disabled GraphQL field requested."},
		{"KT-CT-1112", "AUTHORIZATION", "'Authorization' header not provided."},
	}
	if got.Field != "createAccountPaymentSchedule" || got.Operation != "mutation" || got.Server != "API site" {
		t.Errorf("header = %+v", got)
	}
	if len(got.Errors) != len(want) {
		t.Fatalf("%d errors, want %d: %+v", len(got.Errors), len(want), got.Errors)
	}
	for i, w := range want {
		e := got.Errors[i]
		if e.Code != w.code || e.Type != w.typ || e.Message != w.message || e.Description == "" {
			t.Errorf("error %d = %+v, want %+v", i, e, w)
		}
	}
	// The table form lists the same 12 codes, one per line after the heading.
	table := runArgs(t, nil, "schema", "errors", "createAccountPaymentSchedule")
	if n := strings.Count(table.stdout, "\nKT-"); n != 12 {
		t.Errorf("table lists %d codes:\n%s", n, table.stdout)
	}
}

// TestServe runs the real server on a free port, checks readiness and a query, then
// stops it the way SIGTERM does (the context ends).
func TestServe(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out, errOut syncbuf.Buffer
	env := map[string]string{"KRAKENSIM_ADDR": "127.0.0.1:0", "KRAKENSIM_SEED": "7"}
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve"}, func(k string) string { return env[k] }, strings.NewReader(""), &out, &errOut)
	}()

	health := regexp.MustCompile(`Admin API:\s+(http://127\.0\.0\.1:\d+)/__krakensim/`)
	var base string
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline) && base == ""; time.Sleep(20 * time.Millisecond) {
		if m := health.FindStringSubmatch(out.String()); m != nil {
			base = m[1]
		}
		select {
		case err := <-done:
			t.Fatalf("serve ended early: %v\n%s", err, errOut.String())
		default:
		}
	}
	if base == "" {
		t.Fatalf("serve printed no URLs:\n%s\n%s", out.String(), errOut.String())
	}
	for _, want := range []string{"/v1/graphql/", "/graphql/", "(seed 7)"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("start banner lacks %q:\n%s", want, out.String())
		}
	}

	resp, err := http.Get(base + "/__krakensim/health")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), `"status":"ok"`) {
		t.Errorf("health = %d %s", resp.StatusCode, body)
	}

	resp, err = http.Post(base+"/v1/graphql/", "application/json", strings.NewReader(`{"query":"{ __typename }"}`))
	if err != nil {
		t.Fatal(err)
	}
	body, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || string(body) != `{"data":{"__typename":"Query"}}` {
		t.Errorf("query = %d %s", resp.StatusCode, body)
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve returned %v after shutdown", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not stop after its context ended")
	}
}
