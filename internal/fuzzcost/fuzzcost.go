// Package fuzzcost bounds what one fuzz input may cost, so that fuzz targets also find
// inputs that burn CPU or memory rather than only those that crash.
package fuzzcost

import (
	"flag"
	"runtime/metrics"
	"testing"
	"time"
)

// Bounds on one input: wall time and bytes allocated while it runs.
const (
	MaxDuration = time.Second
	MaxAlloc    = 100 << 20
)

// hangAfter is how long an input of a seed corpus run as a test (a busy machine, the
// race detector) may run before it is taken to hang.
const hangAfter = time.Minute

// fuzzing says whether the test binary is fuzzing (-test.fuzz given); a variable so
// that tests of Check can say so.
var fuzzing = func() bool {
	f := flag.Lookup("test.fuzz")
	return f != nil && f.Value.String() != ""
}

// Deadline is how long one input may run before it is taken to hang: MaxDuration while
// fuzzing, a minute when a seed corpus runs as a test.
func Deadline() time.Duration {
	if fuzzing() {
		return MaxDuration
	}
	return hangAfter
}

// Check runs fn and fails tb when it allocated more than MaxAlloc bytes (counted over
// the whole process, so keep fn's work in the foreground) or, while fuzzing, took more
// than MaxDuration: a seed corpus run as a test is timed only for a hang, as the suite
// asserts no speed.
func Check(tb testing.TB, input string, fn func()) {
	tb.Helper()
	d, alloc := Measure(fn)
	if len(input) > 200 {
		input = input[:200] + "…"
	}
	if d > Deadline() {
		tb.Errorf("one input took %v (over %v): %q", d.Round(time.Millisecond), Deadline(), input)
	}
	if alloc > MaxAlloc {
		tb.Errorf("one input allocated %d MB (over %d MB): %q", alloc>>20, MaxAlloc>>20, input)
	}
}

// Measure runs fn and reports how long it took and how many bytes were allocated on
// the heap meanwhile. It reads runtime/metrics, which does not stop the world as
// runtime.ReadMemStats does (that made fuzzing crawl on a busy machine).
func Measure(fn func()) (time.Duration, uint64) {
	sample := []metrics.Sample{{Name: allocsMetric}}
	metrics.Read(sample)
	before := sample[0].Value.Uint64()
	start := time.Now()
	fn()
	d := time.Since(start)
	metrics.Read(sample)
	return d, sample[0].Value.Uint64() - before
}

const allocsMetric = "/gc/heap/allocs:bytes"
