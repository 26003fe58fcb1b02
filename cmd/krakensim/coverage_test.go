package main

import (
	"context"
	"flag"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/krakensim/krakensim/internal/goldenfile"
	"github.com/krakensim/krakensim/schema"
	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/server"
)

var update = flag.Bool("update", false, "rewrite golden files")

// tinyAPI is a small contract, so the golden tables stay readable.
const tinyAPI = `type Query {
  """
  The account.

  The possible errors that can be raised are:

  - KT-CT-4178: No account found with given account number.
  """
  account(accountNumber: String!): String
  """
  The old lookup.
  """
  legacyAccount(number: String): String @deprecated(reason: "Use account. Will be removed on 2026-01-01.")
}

type Mutation {
  """
  Sign in.

  The possible errors that can be raised are:

  - KT-CT-1138: Please make sure the email and password are correct.
  - KT-CT-1139: Authentication failed.
  """
  signIn(email: String!, password: String, remember: Boolean @deprecated(reason: "Scheduled for removal on or after 2025-12-31.")): String
}
`

const tinyAuth = `type Query {
  ping: String
}
`

// coverageServer runs a simulator over the tiny contract with one REST route, and
// sends it a few requests in session "ci".
func coverageServer(t *testing.T) string {
	t.Helper()
	api, err := schema.Load(&ast.Source{Name: "api.graphql", Input: tinyAPI})
	if err != nil {
		t.Fatal(err)
	}
	auth, err := schema.Load(&ast.Source{Name: "auth.graphql", Input: tinyAuth})
	if err != nil {
		t.Fatal(err)
	}
	reg, err := schema.DefaultRegistry()
	if err != nil {
		t.Fatal(err)
	}
	cfg := schema.SimConfig(api, auth, reg)
	cfg.Routes = []sim.Route{{Method: "POST", Pattern: "/v1/notes/", Name: "notes", Statuses: []int{201, 400},
		Handle: func(_ context.Context, _ *sim.Session, req *sim.HTTPRequest) *sim.HTTPResponse {
			if len(req.Body) == 0 {
				return sim.JSONResponse(400, map[string]any{"detail": "empty"})
			}
			return sim.JSONResponse(201, map[string]any{})
		}}}
	s, err := sim.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(server.New(server.Config{Sim: s}))
	t.Cleanup(ts.Close)
	for _, c := range []struct{ path, body string }{
		{server.APIPath, `{"query":"{ account(accountNumber: \"A-1\") }"}`},
		{server.APIPath, `{"query":"mutation { signIn(email: \"a@b.c\", remember: true) }"}`},
		{server.APIPath, `{"query":"{ legacyAccount }"}`},
		{"/v1/notes/", ""},
	} {
		req, _ := http.NewRequest(http.MethodPost, ts.URL+c.path, strings.NewReader(c.body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set(sim.SessionHeader, "ci")
		req.Header.Set(sim.HeaderForceError, "signIn=KT-CT-1138")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	return ts.URL
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	goldenfile.Check(t, filepath.Join("testdata", name), got, *update)
}

func TestCoverageCommandGolden(t *testing.T) {
	url := coverageServer(t)
	for _, c := range []struct{ format, file string }{
		{"text", "coverage.txt"},
		{"junit", "coverage.junit.xml"},
	} {
		r := runArgs(t, nil, "coverage", "--url", url, "--session", "ci", "--format", c.format)
		if r.code != 0 {
			t.Fatalf("%s: exit %d: %s", c.format, r.code, r.stderr)
		}
		golden(t, c.file, r.stdout)
	}
}

func TestCoverageCommand(t *testing.T) {
	url := coverageServer(t)
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout string
		stderr string
	}{
		{"json", []string{"--format", "json"}, 0, `"percent": 80`, ""},
		{"above min", []string{"--min", "80"}, 0, "Operations called:  4 of 5 (80.0%)", ""},
		{"below min", []string{"--session", "ci", "--min", "80.5"}, 1, "Contract coverage of session ci", "coverage 80.0% is below --min 80.5%"},
		{"unknown session", []string{"--session", "nobody"}, 1, "", `answered 404: no session "nobody"`},
		{"bad format", []string{"--format", "xml"}, 2, "", `--format "xml"`},
		{"bad min", []string{"--min", "101"}, 2, "", "--min 101"},
		{"bad url", []string{"--url", "ftp://x"}, 2, "", `--url "ftp://x"`},
		{"bad header", []string{"--header", "nocolon"}, 2, "", `--header "nocolon"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			args := append([]string{"coverage", "--url", url}, tc.args...)
			r := runArgs(t, nil, args...)
			if r.code != tc.code || !strings.Contains(r.stdout, tc.stdout) || !strings.Contains(r.stderr, tc.stderr) {
				t.Errorf("exit %d, want %d\nstdout: %s\nstderr: %s", r.code, tc.code, r.stdout, r.stderr)
			}
		})
	}
	if r := runArgs(t, nil, "coverage", "--url", "http://127.0.0.1:1", "--timeout", "2s"); r.code != 1 || !strings.Contains(r.stderr, "coverage:") {
		t.Errorf("unreachable server: exit %d: %s", r.code, r.stderr)
	}
}
