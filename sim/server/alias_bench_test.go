package server_test

import (
	"fmt"
	"strings"
	"testing"
)

// BenchmarkManyAliases sends one signed-in document of n aliased viewer fields, the
// largest of which fills most of the 1 MiB body limit: its cost must grow with n, not n².
func BenchmarkManyAliases(b *testing.B) {
	h, all := workloads(b)
	viewer := all[2]
	for _, n := range []int{1000, 10000, 40000} {
		var q strings.Builder
		q.WriteString("{")
		for i := range n {
			fmt.Fprintf(&q, "a%d:viewer{id} ", i)
		}
		q.WriteString(" }")
		w := viewer
		w.body = fmt.Sprintf(`{"query":%q}`, q.String())
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				rec, r := w.request()
				h.ServeHTTP(rec, r)
				if !strings.Contains(rec.Body.String(), "KT-CT-1188") {
					b.Fatalf("%d aliases: status %d: %.300s", n, rec.Code, rec.Body)
				}
			}
		})
	}
}
