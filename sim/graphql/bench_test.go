package graphql

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

func BenchmarkExecuteMutation(b *testing.B) {
	hook := func(ctx context.Context, f *Field) (any, bool, error) {
		if f.Name == "createUser" {
			in := f.Args["input"].(map[string]any)
			return map[string]any{"ok": true, "user": map[string]any{"name": in["name"], "email": in["email"]}}, true, nil
		}
		return nil, false, nil
	}
	e := New(loadTestSchema(b), Options{Faker: testFaker{}, Hook: hook, MaxDepth: 15, MaxComplexity: 10000})
	req := &Request{
		Query:     `mutation Create($in: CreateUserInput!) { createUser(input: $in) { ok user { id name email tags } } }`,
		Variables: map[string]any{"in": map[string]any{"name": "Ada", "email": "ada@example.com"}},
	}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		resp := e.Execute(ctx, req)
		if _, err := resp.MarshalJSON(); err != nil || len(resp.Errors) > 0 {
			b.Fatal(err, resp.Errors)
		}
	}
}

func BenchmarkIntrospection(b *testing.B) {
	e := New(loadTestSchema(b), Options{Faker: testFaker{}, MaxDepth: 15, MaxComplexity: 10000})
	req := &Request{Query: readIntrospectionQuery(b)}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		resp := e.Execute(ctx, req)
		if _, err := resp.MarshalJSON(); err != nil || len(resp.Errors) > 0 {
			b.Fatal(err, resp.Errors)
		}
	}
}

// BenchmarkPrepareLarge parses and validates ~1 MB documents (not cached, being over
// MaxCachedQuery): one field repeated, distinct aliases, and fields with literals.
func BenchmarkPrepareLarge(b *testing.B) {
	e := New(loadTestSchema(b), Options{Faker: testFaker{}})
	for name, q := range map[string]string{
		"repeated": "{ " + strings.Repeat("__typename ", 90000) + "}",
		"aliases":  "{ " + repeat(60000, func(i int) string { return fmt.Sprintf("a%d: count ", i) }) + "}",
		"literals": "{ " + repeat(15000, func(i int) string {
			return fmt.Sprintf(`a%d: echo(i: %d, s: "x", e: ACTIVE, l: [1, 2], filter: {limit: 2}) `, i, i)
		}) + "}",
	} {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(q)))
			for b.Loop() {
				if _, errs := e.Prepare(q); errs != nil {
					b.Fatal(errs[0].Message)
				}
			}
		})
	}
}

// BenchmarkMeasureCost measures an operation as the complexity and node caps and the
// points allowance do before each request.
func BenchmarkMeasureCost(b *testing.B) {
	e := newTestExecutor(b, Options{})
	for _, tc := range []struct{ name, q string }{
		{"introspection", readIntrospectionQuery(b)},
		{"nested pages", `{ viewer { name friend { accounts(first: 10) { id number } } } accounts(first: 50) { id } }`},
	} {
		p, errs := e.Prepare(tc.q)
		if errs != nil {
			b.Fatal(errs)
		}
		op, oerr := p.Operation("")
		if oerr != nil {
			b.Fatal(oerr)
		}
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				MeasureCost(p.Doc, op, nil)
			}
		})
	}
}
