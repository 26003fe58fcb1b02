package rules

import "sync"

// Counters step rules through their answer sequences; a session owns one, so that
// parallel sessions do not see each other's calls. Safe for concurrent use.
type Counters struct {
	mu    sync.Mutex
	calls map[*Rule]int
}

// NewCounters returns counters with no calls recorded.
func NewCounters() *Counters { return &Counters{calls: map[*Rule]int{}} }

// Peek returns the answer the next call to r gets, without counting it; ok is false
// when r's sequence is spent.
func (c *Counters) Peek(r *Rule) (*Answer, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return answerAt(r, c.calls[r])
}

// Next counts one call to r and returns its answer and the call's 1-based number; ok
// is false (and nothing is counted) when r's sequence is spent.
func (c *Counters) Next(r *Rule) (a *Answer, call int, ok bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := c.calls[r]
	a, ok = answerAt(r, n)
	if !ok {
		return nil, 0, false
	}
	c.calls[r] = n + 1
	return a, n + 1, true
}

// Calls returns how many calls r has answered.
func (c *Counters) Calls(r *Rule) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.calls[r]
}

// Len is how many rules the counters hold a count for.
func (c *Counters) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.calls)
}

// Reset forgets every call.
func (c *Counters) Reset() {
	c.mu.Lock()
	defer c.mu.Unlock()
	clear(c.calls)
}

// Carry moves the counts of rules a reload replaced by equal ones (kept, old to new)
// to their replacements, and forgets those of rules that are gone.
func (c *Counters) Carry(kept map[*Rule]*Rule, gone []*Rule) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for o, n := range kept {
		if v, ok := c.calls[o]; ok {
			delete(c.calls, o)
			c.calls[n] = v
		}
	}
	for _, r := range gone {
		delete(c.calls, r)
	}
}

// answerAt returns the answer serving the call after n earlier ones. An answer with
// Times 0 serves every call from its turn on.
func answerAt(r *Rule, n int) (*Answer, bool) {
	rem, total := n, 0
	for _, a := range r.Then {
		if a.Times <= 0 || rem < a.Times {
			return a, true
		}
		rem -= a.Times
		total += a.Times
	}
	if !r.Cycle || total == 0 {
		return nil, false
	}
	rem = n % total
	for _, a := range r.Then {
		if rem < a.Times {
			return a, true
		}
		rem -= a.Times
	}
	return nil, false
}
