package graphql

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
)

var update = flag.Bool("update", false, "rewrite golden files")

var (
	schemaOnce sync.Once
	testSchema *ast.Schema
	schemaErr  error
)

// loadTestSchema loads testdata/schema.graphql once.
func loadTestSchema(tb testing.TB) *ast.Schema {
	tb.Helper()
	schemaOnce.Do(func() {
		src, err := os.ReadFile(filepath.Join("testdata", "schema.graphql"))
		if err != nil {
			schemaErr = err
			return
		}
		testSchema, schemaErr = gqlparser.LoadSchema(&ast.Source{Name: "schema.graphql", Input: string(src)})
	})
	if schemaErr != nil {
		tb.Fatalf("load schema: %v", schemaErr)
	}
	return testSchema
}

// testFaker is a tiny deterministic Faker: values derive from the key only.
type testFaker struct{}

func (testFaker) Leaf(key uint64, parent, field string, typ *ast.Definition) any {
	if typ.Kind == ast.Enum {
		return typ.EnumValues[key%uint64(len(typ.EnumValues))].Name
	}
	switch typ.Name {
	case "Int":
		return int(key % 100)
	case "Float":
		return float64(key%1000) / 10
	case "Boolean":
		return key%2 == 0
	case "ID":
		return fmt.Sprintf("%s-%04x", parent, key&0xffff)
	case "DateTime":
		return fmt.Sprintf("2024-01-%02dT00:00:00Z", 1+key%28)
	case "JSON":
		return map[string]any{"k": int(key % 10)}
	}
	return fmt.Sprintf("%s.%s-%04x", parent, field, key&0xffff)
}

func (testFaker) ListLen(uint64) int { return 2 }

func (testFaker) Pick(key uint64, n int) int { return int(key % uint64(n)) }

// world is the data a test hook serves for root query fields.
func world() map[string]any {
	return map[string]any{
		"viewer": map[string]any{
			"id":     "u1",
			"name":   "Ada",
			"email":  "ada@example.com",
			"tags":   []any{"a", nil, "c"},
			"scores": []int{1, 2},
			"matrix": []any{[]any{1, nil}, nil},
			"accounts": []any{
				map[string]any{"__typename": "PersonalAccount", "id": "a1", "name": "Main", "number": "A-1", "status": "ACTIVE", "owner": nil},
				map[string]any{"__typename": "BusinessAccount", "id": "a2", "name": "Biz", "number": "A-2", "status": "PENDING", "companyNumber": "C1"},
			},
			"createdAt":  "2024-01-01T00:00:00Z",
			"legacyName": "old",
			"friend":     nil,
		},
		"search": []any{
			map[string]any{"__typename": "User", "id": "u2", "name": "Bob", "email": "bob@example.com"},
			map[string]any{"__typename": "Property", "id": "p1", "address": "1 Road", "meterPoints": []map[string]any{{"mpan": "123", "reading": 1.5, "live": true}}},
			map[string]any{"__typename": "BusinessAccount", "id": "a3", "name": "Co", "number": "A-3", "status": "ACTIVE", "companyNumber": "C3"},
		},
		"count":  7,
		"ratio":  0.25,
		"flag":   true,
		"ident":  42,
		"text":   "hello",
		"status": "PENDING",
	}
}

// worldHook serves world() for Query root fields, echo's arguments, and nothing else.
func worldHook(ctx context.Context, f *Field) (any, bool, error) {
	if f.ParentType != "Query" {
		return nil, false, nil
	}
	if f.Name == "echo" {
		return f.Args, true, nil
	}
	v, ok := world()[f.Name]
	return v, ok, nil
}

func newTestExecutor(tb testing.TB, opts Options) *Executor {
	tb.Helper()
	if opts.Faker == nil {
		opts.Faker = testFaker{}
	}
	return New(loadTestSchema(tb), opts)
}

// runJSON executes a request and returns its JSON encoding.
func runJSON(tb testing.TB, e *Executor, req *Request) string {
	tb.Helper()
	resp := e.Execute(context.Background(), req)
	b, err := resp.MarshalJSON()
	if err != nil {
		tb.Fatalf("marshal response: %v", err)
	}
	return string(b)
}

// decodeVars parses a JSON object of variables, with numbers as float64 like net/http callers.
func decodeVars(tb testing.TB, s string) map[string]any {
	tb.Helper()
	if s == "" {
		return nil
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(s), &m); err != nil {
		tb.Fatalf("variables %s: %v", s, err)
	}
	return m
}

// compactJSON normalises a JSON text for comparison.
func compactJSON(tb testing.TB, s string) string {
	tb.Helper()
	var buf bytes.Buffer
	if err := json.Compact(&buf, []byte(s)); err != nil {
		tb.Fatalf("bad JSON %q: %v", s, err)
	}
	return buf.String()
}

// checkGolden compares got with testdata/golden/name, rewriting it under -update.
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	var pretty bytes.Buffer
	if err := json.Indent(&pretty, got, "", "  "); err != nil {
		t.Fatalf("indent: %v", err)
	}
	pretty.WriteByte('\n')
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.WriteFile(path, pretty.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden (run with -update to create): %v", err)
	}
	if !bytes.Equal(want, pretty.Bytes()) {
		t.Errorf("%s differs from golden file; run go test -update to see the diff\ngot:\n%s", name, pretty.String())
	}
}
