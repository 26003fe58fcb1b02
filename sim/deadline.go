package sim

import (
	"context"
	"sync"
	"sync/atomic"
	"time"
)

// deadlineCtx is a request's context with its deadline. Its timer is made only when
// something waits on Done (a busy session, a large document's turn); the executor and
// the template budget poll Err, which reads the clock, so most requests make none.
type deadlineCtx struct {
	context.Context
	deadline time.Time
	once     sync.Once
	inner    context.Context // made by Done, then read once state says so
	cancel   context.CancelFunc
	state    atomic.Uint32
	// polls counts Err's calls: it reads the clock on the first and every
	// clockEvery-th after it, and expired keeps the answer once the deadline passed.
	polls   atomic.Uint32
	expired atomic.Bool
}

// clockEvery is how many polls of a request's deadline share one read of the clock
// (the executor polls at every field, and a clock read costs more than most fields).
const clockEvery = 8

// States of a deadlineCtx.
const (
	deadlinePolled  = iota // nothing has waited on Done
	deadlineTimed          // Done made inner
	deadlineStopped        // stopped before anything waited
)

// closedChan is the Done of a context stopped before anything waited on it.
var closedChan = func() chan struct{} { c := make(chan struct{}); close(c); return c }()

// withDeadline gives a request its deadline.
func (s *Simulator) withDeadline(ctx context.Context) (context.Context, context.CancelFunc) {
	c := &deadlineCtx{}
	s.setDeadline(c, ctx)
	return c, c.stop
}

// setDeadline makes c the context ctx with the request's deadline, in place (c is
// part of a larger per-request value, or new).
func (s *Simulator) setDeadline(c *deadlineCtx, ctx context.Context) {
	c.Context, c.deadline = ctx, time.Now().Add(s.requestTimeout)
	if d, ok := ctx.Deadline(); ok && d.Before(c.deadline) {
		c.deadline = d
	}
}

func (c *deadlineCtx) Deadline() (time.Time, bool) { return c.deadline, true }

func (c *deadlineCtx) Done() <-chan struct{} {
	c.once.Do(func() {
		c.inner, c.cancel = context.WithDeadline(c.Context, c.deadline)
		c.state.Store(deadlineTimed)
	})
	if c.state.Load() == deadlineStopped {
		return closedChan
	}
	return c.inner.Done()
}

func (c *deadlineCtx) Err() error {
	switch c.state.Load() {
	case deadlineStopped:
		return context.Canceled
	case deadlineTimed:
		if err := c.inner.Err(); err != nil {
			return err
		}
	}
	if err := c.Context.Err(); err != nil {
		return err
	}
	if c.expired.Load() {
		return context.DeadlineExceeded
	}
	if c.polls.Add(1)%clockEvery != 1 {
		return nil
	}
	if !time.Now().Before(c.deadline) {
		c.expired.Store(true)
		return context.DeadlineExceeded
	}
	return nil
}

// stop ends the context, and its timer if Done made one.
func (c *deadlineCtx) stop() {
	c.once.Do(func() { c.state.Store(deadlineStopped) })
	if c.state.Load() == deadlineTimed {
		c.cancel()
	}
}
