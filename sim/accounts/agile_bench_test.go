package accounts

import (
	"testing"
	"time"
)

// BenchmarkAgileYear lays a year of Agile's half hours, as applicableRates does for its
// widest window.
func BenchmarkAgileYear(b *testing.B) {
	london, _ := time.LoadLocation("Europe/London")
	const code = "E-1R-AGILE-24-10-01-A"
	p := pricesOf(code, true, london)
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, london)
	b.ReportAllocs()
	for b.Loop() {
		if n := len(ratePeriods(code, p, start, start.AddDate(1, 0, 0), london)); n != 17520 {
			b.Fatalf("%d half hours", n)
		}
	}
}
