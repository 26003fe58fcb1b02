package sim_test

import (
	"testing"
	"time"
)

// TestMemoFollowsWhatItKeeps: Memo's answer lasts while the world and the clock stand,
// Derived's while the world stands however the clock moves, and neither outlives a change.
func TestMemoFollowsWhatItKeeps(t *testing.T) {
	s := newSim(t, 1)
	sess, err := s.Session("memo")
	if err != nil {
		t.Fatal(err)
	}
	sess.Clock().Set(time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC))
	sess.Clock().Freeze()
	sess.Keep("k", 1)
	sess.KeepDerived("k", 2)
	steps := []struct {
		name          string
		change        func()
		memo, derived any
	}{
		{"nothing", func() {}, 1, 2},
		{"the clock moved", func() { sess.Clock().Advance(time.Millisecond) }, nil, 2},
		{"the world changed", func() { sess.World().MutableAccount("A-C90DC431") }, nil, nil},
	}
	for _, st := range steps {
		st.change()
		if got := sess.Memo("k"); got != st.memo {
			t.Errorf("after %s, Memo %v, want %v", st.name, got, st.memo)
		}
		if got := sess.Derived("k"); got != st.derived {
			t.Errorf("after %s, Derived %v, want %v", st.name, got, st.derived)
		}
	}
}
