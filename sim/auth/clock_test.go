package auth

import (
	"sync"
	"testing"
	"time"
)

var t0 = time.Date(2024, 8, 20, 12, 2, 52, 0, time.UTC)

// fakeReal is a controllable stand-in for the wall clock.
type fakeReal struct {
	mu sync.Mutex
	t  time.Time
}

func (f *fakeReal) now() time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.t
}

func (f *fakeReal) pass(d time.Duration) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.t = f.t.Add(d)
}

func TestClock(t *testing.T) {
	wall := &fakeReal{t: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)}
	c := newClock(t0, wall.now)
	steps := []struct {
		name string
		do   func()
		want time.Time
	}{
		{"start", func() {}, t0},
		{"runs with wall time", func() { wall.pass(5 * time.Second) }, t0.Add(5 * time.Second)},
		{"advance while running", func() { c.Advance(time.Hour) }, t0.Add(time.Hour + 5*time.Second)},
		{"keeps running after advance", func() { wall.pass(time.Second) }, t0.Add(time.Hour + 6*time.Second)},
		{"freeze", func() { c.Freeze() }, t0.Add(time.Hour + 6*time.Second)},
		{"frozen ignores wall time", func() { wall.pass(time.Minute) }, t0.Add(time.Hour + 6*time.Second)},
		{"advance while frozen", func() { c.Advance(61 * time.Minute) }, t0.Add(2*time.Hour + time.Minute + 6*time.Second)},
		{"advance back", func() { c.Advance(-time.Minute) }, t0.Add(2*time.Hour + 6*time.Second)},
		{"set while frozen", func() { c.Set(t0) }, t0},
		{"resume", func() { c.Resume() }, t0},
		{"runs after resume", func() { wall.pass(3 * time.Second) }, t0.Add(3 * time.Second)},
		{"set while running", func() { c.Set(t0.Add(-24 * time.Hour)) }, t0.Add(-24 * time.Hour)},
		{"runs after set", func() { wall.pass(2 * time.Second) }, t0.Add(-24*time.Hour + 2*time.Second)},
		{"resume when running is a no-op", func() { c.Resume() }, t0.Add(-24*time.Hour + 2*time.Second)},
	}
	for _, s := range steps {
		s.do()
		if got := c.Now(); !got.Equal(s.want) {
			t.Fatalf("%s: Now() = %v, want %v", s.name, got, s.want)
		}
	}
	if c.Frozen() {
		t.Error("Frozen() = true after Resume")
	}
	c.Freeze()
	if !c.Frozen() {
		t.Error("Frozen() = false after Freeze")
	}
}

func TestClockAdvanceReturnsNewTime(t *testing.T) {
	c := NewClock(t0)
	c.Freeze()
	c.Set(t0)
	if got, want := c.Advance(90*time.Second), t0.Add(90*time.Second); !got.Equal(want) {
		t.Fatalf("Advance returned %v, want %v", got, want)
	}
}

func TestNilClockIsRealTime(t *testing.T) {
	var c *Clock
	before := time.Now()
	got := c.Now()
	if got.Before(before) || got.After(time.Now()) {
		t.Fatalf("nil clock Now() = %v, outside the wall present", got)
	}
	c.Freeze()
	c.Resume()
	c.Set(t0)
	if c.Frozen() {
		t.Fatal("nil clock reports frozen")
	}
}

func TestClockConcurrent(t *testing.T) {
	c := NewClock(t0)
	c.Freeze()
	c.Set(t0)
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := 0; k < 500; k++ {
				c.Advance(time.Second)
				_ = c.Now()
				_ = c.Frozen()
			}
		}()
	}
	wg.Wait()
	if got, want := c.Now(), t0.Add(8*500*time.Second); !got.Equal(want) {
		t.Fatalf("after concurrent advances Now() = %v, want %v", got, want)
	}
}

func TestClockPin(t *testing.T) {
	wall := &fakeReal{t: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)}
	c := newClock(t0, wall.now)
	var pinned time.Time
	steps := []struct {
		name string
		do   func()
		want time.Time
	}{
		{"pin", func() { pinned = c.Pin() }, t0},
		{"pinned ignores wall time", func() { wall.pass(5 * time.Second) }, t0},
		{"unpin reads the running clock", func() { c.Unpin() }, t0.Add(5 * time.Second)},
		{"pin again", func() { c.Pin() }, t0.Add(5 * time.Second)},
		{"advance while pinned moves from the pin", func() { wall.pass(time.Second); c.Advance(time.Hour) }, t0.Add(time.Hour + 5*time.Second)},
		{"still pinned after advance", func() { wall.pass(time.Second) }, t0.Add(time.Hour + 5*time.Second)},
		{"set while pinned", func() { c.Set(t0) }, t0},
		{"runs on under the pin", func() { wall.pass(2 * time.Second) }, t0},
		{"unpin after set reads the running clock", func() { c.Unpin() }, t0.Add(2 * time.Second)},
		{"unpin when unpinned is a no-op", func() { c.Unpin() }, t0.Add(2 * time.Second)},
	}
	for _, s := range steps {
		s.do()
		if got := c.Now(); !got.Equal(s.want) {
			t.Fatalf("%s: Now() = %v, want %v", s.name, got, s.want)
		}
	}
	if !pinned.Equal(t0) {
		t.Errorf("Pin() = %v, want %v", pinned, t0)
	}
}

func TestClockPinConcurrent(t *testing.T) {
	c := NewClock(t0)
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := 0; k < 500; k++ {
				switch k % 4 {
				case 0:
					c.Pin()
				case 1:
					c.Advance(time.Second)
				case 2:
					c.Unpin()
				}
				_ = c.Now()
			}
		}()
	}
	wg.Wait()
	c.Unpin()
	if got, least := c.Now(), t0.Add(8*125*time.Second); got.Before(least) {
		t.Fatalf("after concurrent pins and advances Now() = %v, want at least %v", got, least)
	}
}
