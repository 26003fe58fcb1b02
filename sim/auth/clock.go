package auth

import (
	"sync"
	"time"
)

// Clock is a session's virtual clock: it runs at real speed from a chosen start, and tests
// can freeze it, set it or move it forward so that expiry is reached in milliseconds.
// A nil *Clock reads the real time. It is safe for concurrent use.
type Clock struct {
	mu     sync.RWMutex
	base   time.Time // virtual time at anchor
	anchor time.Time // wall time (with monotonic reading) when base was taken
	frozen bool
	// pinned holds the clock at pin while a request is served, so that the request
	// reads one instant however long it runs.
	pinned bool
	pin    time.Time
	wall   func() time.Time
}

// NewClock returns a running clock that reads start now.
func NewClock(start time.Time) *Clock {
	return newClock(start, time.Now)
}

// NewFrozenClock returns a stopped clock that reads start until moved.
func NewFrozenClock(start time.Time) *Clock {
	c := newClock(start, time.Now)
	c.frozen = true
	return c
}

// MinTime and MaxTime bound a clock, which reads no earlier than the start of year 1
// and no later than the end of year 9999: the years a time can be written in as JSON.
var (
	MinTime = time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC)
	MaxTime = time.Date(9999, 12, 31, 23, 59, 59, 999999999, time.UTC)
)

// InRange reports whether t lies within MinTime and MaxTime, in its own zone too.
func InRange(t time.Time) bool {
	if t.Before(MinTime) || t.After(MaxTime) {
		return false
	}
	if t.After(MinTime.Add(24*time.Hour)) && t.Before(MaxTime.Add(-24*time.Hour)) {
		return true // no zone moves it to another year
	}
	y := t.Year()
	return y >= 1 && y <= 9999
}

func newClock(start time.Time, wall func() time.Time) *Clock {
	return &Clock{base: start, anchor: wall(), wall: wall}
}

// Now is the clock's current virtual time.
func (c *Clock) Now() time.Time {
	if c == nil {
		return time.Now()
	}
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.nowLocked()
}

// Pin holds the clock at its current time until Unpin, and returns that time: a
// request pins its session's clock while it is served, so that every field and token of
// its answer tells the same instant. Set and Advance move the pinned time (Advance from
// it); else the clock runs on underneath, and after Unpin reads as if never pinned.
func (c *Clock) Pin() time.Time {
	if c == nil {
		return time.Now()
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.pin, c.pinned = c.readLocked(), true
	return c.pin
}

// Unpin lets a pinned clock be read running again.
func (c *Clock) Unpin() {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.pinned = false
}

// nowLocked is the virtual time: the pinned time while the clock is pinned, else its
// reading.
func (c *Clock) nowLocked() time.Time {
	if c.pinned {
		return c.pin
	}
	return c.readLocked()
}

// readLocked is the virtual time as the clock runs, held within MinTime and MaxTime: a
// clock that runs past the end of year 9999 stops there.
func (c *Clock) readLocked() time.Time {
	t := c.base
	if !c.frozen {
		t = t.Add(c.wall().Sub(c.anchor))
	}
	if InRange(t) {
		return t
	}
	if t.Before(MinTime) || t.Year() < 1 {
		return MinTime
	}
	return MaxTime
}

// Freeze stops the clock at its current time; Set and Advance still move it.
func (c *Clock) Freeze() {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.base = c.nowLocked()
	c.frozen = true
}

// Resume lets a frozen clock run again at real speed from where it stands.
func (c *Clock) Resume() {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.frozen {
		c.anchor = c.wall()
		c.frozen = false
	}
}

// Frozen reports whether the clock is stopped.
func (c *Clock) Frozen() bool {
	if c == nil {
		return false
	}
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.frozen
}

// Set moves the clock to t (forward or back); a running clock keeps running from t.
// The clock reads MinTime or MaxTime for a t beyond them.
func (c *Clock) Set(t time.Time) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.base = t
	c.anchor = c.wall()
	c.repinLocked()
}

// repinLocked moves a pinned clock's time to where Set or Advance put the clock.
func (c *Clock) repinLocked() {
	if c.pinned {
		c.pin = c.readLocked()
	}
}

// Advance moves the clock by d (back when d is negative) and returns the new time.
func (c *Clock) Advance(d time.Duration) time.Time {
	if c == nil {
		return time.Now()
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.base = c.nowLocked().Add(d)
	c.anchor = c.wall()
	c.repinLocked()
	return c.base
}
