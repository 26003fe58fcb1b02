package main

import (
	"runtime/debug"
	"sync"
	"time"
)

// loadGCPercent is the collector's target while serve starts (the contract, fixtures,
// scenario files and their index): a load is mostly garbage beside what all stays, and
// letting the heap grow to five times the live data rather than twice between
// collections cut the start with 100,000 rules by 12-18% on a 2-core machine (the
// embedded start by a millisecond or two), for about the same peak resident set.
const loadGCPercent = 400

// startGCGrace is how long serve keeps the lax target once it answers. A start leaves
// more heap than the default target allows (6 MB, 3 MB of it live), so restoring
// GOGC at once began a collection during the first requests, whose answers came 7-8
// ms later on a 2-core VM; meanwhile the heap grows to 16 MB at most, about what a
// loaded server reaches anyway.
const startGCGrace = 100 * time.Millisecond

// laxGC raises the collector's target to loadGCPercent (when the process's own
// setting, GOGC, is lower and not off), and returns the function that restores it,
// which may be called more than once.
func laxGC() (restore func()) {
	prev := debug.SetGCPercent(loadGCPercent)
	if prev < 0 || prev >= loadGCPercent {
		debug.SetGCPercent(prev)
		return func() {}
	}
	return sync.OnceFunc(func() { debug.SetGCPercent(prev) })
}
