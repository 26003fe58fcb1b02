package server

import (
	"context"
	"encoding/json"
	"errors"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/krakensim/krakensim/sim/graphql"
	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
)

const tinySDL = `
type Query {
  hello(name: String): String!
  account(number: String!): Account
}
type Account {
  number: String!
  balance: Int!
}
type Mutation {
  bump(by: Int!): Int!
}
`

// realExecutor builds the project's executor over tinySDL, answering hello and bump.
func realExecutor(t testing.TB) *graphql.Executor {
	t.Helper()
	schema, err := gqlparser.LoadSchema(&ast.Source{Name: "tiny.graphql", Input: tinySDL})
	if err != nil {
		t.Fatalf("tiny schema: %v", err)
	}
	hook := func(ctx context.Context, f *graphql.Field) (any, bool, error) {
		switch f.Name {
		case "hello":
			name, _ := f.Args["name"].(string)
			if name == "" {
				name = "world"
			}
			return "hello " + name, true, nil
		case "bump":
			return f.Args["by"], true, nil
		}
		return nil, false, nil
	}
	return graphql.New(schema, graphql.Options{Hook: hook})
}

func TestRealExecutor(t *testing.T) {
	s := New(Config{API: realExecutor(t)})
	tests := []struct {
		name       string
		call       call
		wantStatus int
		wantBody   string // exact JSON, or "" to check only wantErr
		wantErr    string // substring of errors[0].message
	}{
		{"query", call{"POST", APIPath, `{"query":"{ hello(name: \"Ada\") }"}`, map[string]string{"Content-Type": ctJSON}}, 200, `{"data":{"hello":"hello Ada"}}`, ""},
		{"variables", call{"POST", APIPath, `{"query":"query Q($n: String) { hello(name: $n) }","operationName":"Q","variables":{"n":"Bo"}}`, map[string]string{"Content-Type": ctJSON, "Accept": ctGQLR}}, 200, `{"data":{"hello":"hello Bo"}}`, ""},
		{"get query", call{"GET", APIPath + "?query=%7B__typename%7D", "", nil}, 200, `{"data":{"__typename":"Query"}}`, ""},
		{"post mutation", call{"POST", APIPath, `{"query":"mutation { bump(by: 2) }"}`, map[string]string{"Content-Type": ctJSON}}, 200, `{"data":{"bump":2}}`, ""},
		{"int variable", call{"POST", APIPath, `{"query":"mutation M($b: Int!) { bump(by: $b) }","variables":{"b":5}}`, map[string]string{"Content-Type": ctJSON}}, 200, `{"data":{"bump":5}}`, ""},
		{"int variable too big", call{"POST", APIPath, `{"query":"mutation M($b: Int!) { bump(by: $b) }","variables":{"b":12345678901234567890}}`, map[string]string{"Content-Type": ctJSON}}, 400, "", "Int"},
		{"get mutation", call{"GET", APIPath + "?query=mutation%7Bbump(by:2)%7D", "", nil}, 405, "", "send this mutation with POST"},
		{"validation json", call{"POST", APIPath, `{"query":"{ nope }"}`, map[string]string{"Content-Type": ctJSON}}, 400, "", `nope`},
		{"validation gqlr", call{"POST", APIPath, `{"query":"{ nope }"}`, map[string]string{"Content-Type": ctJSON, "Accept": ctGQLR}}, 400, "", `nope`},
		{"syntax gqlr", call{"POST", APIPath, `{"query":"{"}`, map[string]string{"Content-Type": ctJSON, "Accept": ctGQLR}}, 400, "", ""},
		{"coercion gqlr", call{"POST", APIPath, `{"query":"query C($id: ID!){ __typename }","variables":{"id":null}}`, map[string]string{"Content-Type": ctJSON, "Accept": ctGQLR}}, 400, "", "id"},
		{"coercion json", call{"POST", APIPath, `{"query":"query C($id: ID!){ __typename }","variables":{"id":null}}`, map[string]string{"Content-Type": ctJSON}}, 400, "", "id"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := do(t, s, tt.call)
			if w.Code != tt.wantStatus {
				t.Fatalf("status %d, want %d: %s", w.Code, tt.wantStatus, w.Body)
			}
			if tt.wantBody != "" {
				if got := w.Body.String(); got != tt.wantBody {
					t.Errorf("body %s, want %s", got, tt.wantBody)
				}
				return
			}
			var body struct {
				Data   json.RawMessage  `json:"data"`
				Errors []*graphql.Error `json:"errors"`
			}
			if err := json.Unmarshal(w.Body.Bytes(), &body); err != nil {
				t.Fatalf("body not JSON: %v: %s", err, w.Body)
			}
			if len(body.Errors) == 0 {
				t.Fatalf("no errors: %s", w.Body)
			}
			if body.Data != nil {
				t.Errorf("request error carries data: %s", w.Body)
			}
			if !strings.Contains(body.Errors[0].Message, tt.wantErr) {
				t.Errorf("message %q lacks %q", body.Errors[0].Message, tt.wantErr)
			}
		})
	}
}

// TestGraphQLHTTPAudit runs graphql-http's server audit suite (testdata/audit)
// against a real server and fails if any MUST audit fails.
// nodeWithPackages returns node's path. Without node or the npm packages of
// testdata/audit (installed by .ci/run) the test fails, since the audit would not run;
// -short is the explicit way to leave the Node tests out.
func nodeWithPackages(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("-short leaves out the Node tests (graphql-http audit, graphql-js clients)")
	}
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatal("node is not on PATH: install Node.js 18+ to run the graphql-http audit, or leave the Node tests out with go test -short")
	}
	dir := filepath.Join("testdata", "audit")
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "graphql-http")); err != nil {
		t.Fatalf("%s/node_modules is missing: run `npm ci` in sim/server/%s (.ci/run does), or leave the Node tests out with go test -short", dir, dir)
	}
	return node
}

// serveLive runs a Server on a loopback port until the test ends; it returns the base URL.
func serveLive(t *testing.T, cfg Config) string {
	t.Helper()
	s := New(cfg)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- s.Serve(ctx, ln) }()
	t.Cleanup(func() {
		cancel()
		if err := <-served; err != nil {
			t.Errorf("Serve: %v", err)
		}
	})
	return "http://" + ln.Addr().String()
}

// runNode runs a script of testdata/audit; exit status 1 fails the test with its output.
func runNode(t *testing.T, node string, args ...string) string {
	t.Helper()
	ctx, stop := context.WithTimeout(context.Background(), 2*time.Minute)
	defer stop()
	cmd := exec.CommandContext(ctx, node, args...)
	cmd.Dir = filepath.Join("testdata", "audit")
	out, err := cmd.CombinedOutput()
	var exitErr *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &exitErr) && exitErr.ExitCode() == 1:
		t.Fatalf("%s failed:\n%s", args[0], out)
	default:
		t.Fatalf("running %s: %v\n%s", args[0], err, out)
	}
	return string(out)
}

func TestGraphQLHTTPAudit(t *testing.T) {
	node := nodeWithPackages(t)
	base := serveLive(t, Config{API: realExecutor(t)})
	out := runNode(t, node, "audit.mjs", base+APIPath)
	t.Logf("graphql-http audit:\n%s", out)
	if !strings.Contains(out, "MUST: ") {
		t.Fatalf("audit printed no summary")
	}
}
