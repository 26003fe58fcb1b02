package graphql

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
)

func rep(n int, f func(i int) string) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.WriteString(f(i))
	}
	return b.String()
}

func heapNow() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

func TestZZProbe(t *testing.T) {
	e := newTestExecutor(t, Options{})
	shapes := map[string]string{
		"typename": "{ " + strings.Repeat("__typename ", 84000) + "}",
		"alias":    "{ " + rep(90000, func(i int) string { return fmt.Sprintf("a%d:count ", i%1000) }) + "}",
		"short":    "query{" + strings.Repeat("count ", 150000) + "}",
		"nested":   "{ " + strings.Repeat("viewer { friend { friend { id name } } } ", 20000) + "}",
		"args":     "{ " + rep(30000, func(i int) string { return fmt.Sprintf("a%d: accounts(first: %d, status: ACTIVE) { id } ", i, i) }) + "}",
		"list":     "{ echo(l: [" + strings.Repeat("1,", 400000) + "]) }",
		"intro":    readIntrospectionQuery(t),
	}
	for name, q := range shapes {
		q = strings.Clone(q)
		h0 := heapNow()
		p := e.prepare(q)
		h1 := heapNow()
		resp := e.ExecuteProgram(t.Context(), p, &Request{Query: q})
		h2 := heapNow()
		runtime.KeepAlive(p)
		t.Logf("%-9s len=%7d retained=%9d (%.1fx) after exec=%9d errs=%v %v", name, len(q), h1-h0, float64(h1-h0)/float64(len(q)), h2-h0, len(p.errs), len(resp.Errors))
	}
}
