//go:build linux

package record_test

import (
	"fmt"
	"runtime"
	"testing"

	"golang.org/x/sys/unix"

	"github.com/krakensim/krakensim/sim"
)

// cpuTime is the CPU time in nanoseconds of the calling thread
// (unix.CLOCK_THREAD_CPUTIME_ID) or of the whole process (unix.CLOCK_PROCESS_CPUTIME_ID).
func cpuTime(b *testing.B, clock int32) int64 {
	var ts unix.Timespec
	if err := unix.ClockGettime(clock, &ts); err != nil {
		b.Fatal(err)
	}
	return ts.Nano()
}

// BenchmarkRecord times recording one more answer to a call once n answers to it are
// recorded, each different (a sequence growing by one step), as a suite creating
// credits through --record does. Besides the wall time it reports the CPU time of the
// recording thread (what a proxied request pays, which a busy machine skews less)
// and of the whole process per call (the background writer's too), after the last
// call is written.
func BenchmarkRecord(b *testing.B) {
	body := func(i int) string {
		return fmt.Sprintf(`{"data":{"createAccountCredit":{"accountCredit":{"id":"%d","amount":300,"reason":"EXTERNAL_REFERRAL_CREDIT","createdAt":"2026-12-02T09:00:00+00:00"}}}}`, i)
	}
	for _, n := range []int{0, 100, 400, 1600} {
		b.Run(fmt.Sprintf("recorded=%d", n), func(b *testing.B) {
			rec := newRecorder(b, b.TempDir(), false)
			x := func(i int) *sim.GraphQLExchange {
				return &sim.GraphQLExchange{
					Endpoint: sim.APIPath, Operation: "mutation", OperationName: "Credit", Authorized: true,
					Fields: []sim.ProxiedField{{Name: "createAccountCredit", Args: map[string]any{"input": map[string]any{"accountNumber": "A-1", "netAmount": 300}}}},
					Reply:  reply(200, body(i)),
				}
			}
			for i := range n {
				rec.RecordGraphQL(x(i))
			}
			rec.Flush()
			runtime.LockOSThread()
			defer runtime.UnlockOSThread()
			var thread int64
			proc := cpuTime(b, unix.CLOCK_PROCESS_CPUTIME_ID)
			b.ResetTimer()
			for i := range b.N {
				start := cpuTime(b, unix.CLOCK_THREAD_CPUTIME_ID)
				rec.RecordGraphQL(x(n + i))
				thread += cpuTime(b, unix.CLOCK_THREAD_CPUTIME_ID) - start
			}
			rec.Flush()
			b.StopTimer()
			b.ReportMetric(float64(thread)/float64(b.N), "thread-cpu-ns/op")
			b.ReportMetric(float64(cpuTime(b, unix.CLOCK_PROCESS_CPUTIME_ID)-proc)/float64(b.N), "process-cpu-ns/op")
		})
	}
}
