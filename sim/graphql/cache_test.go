package graphql

import (
	"context"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"
)

// heapInUse is the live heap after a full collection.
func heapInUse() int64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return int64(m.HeapAlloc)
}

func repeat(n int, f func(i int) string) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.WriteString(f(i))
	}
	return b.String()
}

// TestRetainedSizeEstimate measures what a prepared document keeps alive and checks
// the estimate the cache charges for it: never under, at most a few times over.
func TestRetainedSizeEstimate(t *testing.T) {
	e := newTestExecutor(t, Options{})
	cases := map[string]string{
		"introspection":  readIntrospectionQuery(t),
		"repeated field": "{ " + strings.Repeat("__typename ", 40000) + "}",
		"short fields":   "{" + strings.Repeat("count ", 60000) + "}",
		"aliases":        "{ " + repeat(30000, func(i int) string { return fmt.Sprintf("a%d:count ", i) }) + "}",
		"nested":         "{ " + strings.Repeat("viewer { friend { friend { id name } } } ", 8000) + "}",
		"list argument":  "{ echo(l: [" + strings.Repeat("1,", 150000) + "]) }",
		"object argument": "{ " + repeat(5000, func(i int) string {
			return fmt.Sprintf(`e%d: echo(filter: {numbers: ["1"], nested: {limit: %d}}) `, i, i)
		}) + "}",
		"syntax error": "{ " + strings.Repeat("count ", 60000),
	}
	for name, q := range cases {
		t.Run(name, func(t *testing.T) {
			before := heapInUse()
			p := e.prepare(context.Background(), strings.Clone(q)) // the text is retained too, as the cache's key
			retained := heapInUse() - before
			runtime.KeepAlive(p)
			if name != "syntax error" && p.errs != nil {
				t.Fatalf("prepare: %s", p.errs[0].Message)
			}
			ratio := float64(p.size) / float64(retained)
			t.Logf("%d bytes of text retain %d bytes; estimated %d (%.2fx)", len(q), retained, p.size, ratio)
			if ratio < 0.8 || ratio > 4 {
				t.Errorf("estimate %d for %d retained bytes is off by %.2fx", p.size, retained, ratio)
			}
		})
	}
}

// TestCacheBoundedInBytes: distinct large documents are not kept (60 of ~930 KB
// took 2.2 GB when the cache was bounded by count), and many small ones stay within
// the configured bytes.
func TestCacheBoundedInBytes(t *testing.T) {
	e := newTestExecutor(t, Options{})
	before := heapInUse()
	for i := 0; i < 6; i++ {
		q := fmt.Sprintf("query Q%d { ", i) + repeat(90000, func(j int) string { return fmt.Sprintf("a%d:count ", j%1000) }) + "}"
		if _, errs := e.Prepare(q); errs != nil {
			t.Fatal(errs[0].Message)
		}
	}
	grown := heapInUse() - before
	if n, bytes := e.cache.stats(); n != 0 || grown > 50<<20 {
		t.Errorf("6 documents of ~1 MB: %d cached (%d bytes), heap grew by %d MB", n, bytes, grown>>20)
	}

	const budget = 8 << 20
	e = newTestExecutor(t, Options{CacheBytes: budget})
	before = heapInUse()
	for i := 0; i < 100; i++ {
		q := fmt.Sprintf("query Q%d { ", i) + repeat(1000, func(j int) string { return fmt.Sprintf("a%d:count ", j) }) + "}"
		if _, errs := e.Prepare(q); errs != nil {
			t.Fatal(errs[0].Message)
		}
	}
	grown = heapInUse() - before
	n, bytes := e.cache.stats()
	t.Logf("100 documents of ~9 KB: %d cached, %d bytes estimated, heap grew by %d bytes", n, bytes, grown)
	if bytes > budget || n < 10 || n == 100 {
		t.Errorf("cache holds %d programs, %d bytes, over the %d-byte bound or not caching", n, bytes, budget)
	}
	if grown > budget+4<<20 {
		t.Errorf("heap grew by %d bytes for a %d-byte cache", grown, budget)
	}

	e = newTestExecutor(t, Options{CacheBytes: -1})
	e.Prepare("{ count }")
	if n, _ := e.cache.stats(); n != 0 {
		t.Errorf("a disabled cache kept %d programs", n)
	}
}

// TestLargePreparesTakeTurns: large documents are prepared a few at a time, and one
// kept waiting past its request's end gives up with a clear error.
func TestLargePreparesTakeTurns(t *testing.T) {
	e := newTestExecutor(t, Options{})
	e.large = make(chan struct{}, 1)
	e.large <- struct{}{} // another large document is being prepared
	big := "{ " + strings.Repeat("count ", largeQuery/6+1) + "}"
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	resp := e.Execute(ctx, &Request{Query: big})
	if resp.Executed || len(resp.Errors) != 1 || resp.Errors[0].Message != "Execution stopped: the request's deadline passed." {
		t.Fatalf("waiting past the deadline: %+v", resp.Errors)
	}
	if p, errs := e.PrepareContext(context.Background(), "{ count }"); errs != nil || p.Doc == nil {
		t.Fatalf("a small document waited: %v", errs)
	}
	<-e.large
	if p, errs := e.PrepareContext(ctx, big); errs == nil || p.Doc != nil {
		t.Fatalf("prepared after the deadline: %v", errs)
	}
	if p, errs := e.Prepare(big); errs != nil || p.Doc == nil {
		t.Fatalf("large document once its turn came: %v", errs)
	}
	if len(e.large) != 0 {
		t.Errorf("%d turns still held", len(e.large))
	}
}
