package main

import (
	"runtime/debug"
	"sync"
)

// loadGCPercent is the collector's target while serve starts (the contract, fixtures,
// scenario files and their index): a load is mostly garbage beside what all stays, and
// letting the heap grow to five times the live data rather than twice between
// collections cut the start with 100,000 rules by 12-18% on a 2-core machine (the
// embedded start by a millisecond or two), for about the same peak resident set.
const loadGCPercent = 400

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
