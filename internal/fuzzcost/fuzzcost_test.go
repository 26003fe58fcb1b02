package fuzzcost

import (
	"testing"
	"time"
)

// recorder notes failures instead of failing, to test Check itself.
type recorder struct {
	testing.TB
	failed []string
}

func (r *recorder) Helper() {}

func (r *recorder) Errorf(format string, args ...any) { r.failed = append(r.failed, format) }

var sink []byte

func TestCheck(t *testing.T) {
	defer func(f func() bool) { fuzzing = f }(fuzzing)
	fuzzing = func() bool { return true }
	cases := []struct {
		name string
		fn   func()
		fail bool
	}{
		{"cheap", func() { sink = make([]byte, 1<<10) }, false},
		{"allocates too much", func() {
			for i := 0; i < 3; i++ {
				sink = make([]byte, 50<<20)
			}
		}, true},
		{"too slow", func() { time.Sleep(MaxDuration + 50*time.Millisecond) }, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := &recorder{TB: t}
			Check(r, "input", tc.fn)
			if got := len(r.failed) > 0; got != tc.fail {
				t.Errorf("failed = %v (%v), want %v", got, r.failed, tc.fail)
			}
		})
	}
}

// TestDeadline: a seed corpus run as a test is timed only for a hang; fuzzing, each
// input for MaxDuration.
func TestDeadline(t *testing.T) {
	defer func(f func() bool) { fuzzing = f }(fuzzing)
	for _, tc := range []struct {
		fuzzing bool
		want    time.Duration
	}{{false, hangAfter}, {true, MaxDuration}} {
		fuzzing = func() bool { return tc.fuzzing }
		if got := Deadline(); got != tc.want {
			t.Errorf("fuzzing %v: deadline %v, want %v", tc.fuzzing, got, tc.want)
		}
	}
}
