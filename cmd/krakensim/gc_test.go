package main

import (
	"runtime/debug"
	"testing"
)

func TestLaxGC(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	for _, c := range []struct {
		name           string
		on             bool
		before, during int
	}{
		{"raised", true, 100, loadGCPercent},
		{"off stays off", true, -1, -1},
		{"higher stays", true, 800, 800},
		{"no scenario files", false, 100, 100},
	} {
		t.Run(c.name, func(t *testing.T) {
			debug.SetGCPercent(c.before)
			restore := laxGC(c.on)
			if got := debug.SetGCPercent(-1); got != c.during {
				t.Errorf("during the load: %d, want %d", got, c.during)
			}
			debug.SetGCPercent(c.during)
			restore()
			restore()
			if got := debug.SetGCPercent(c.before); got != c.before {
				t.Errorf("after: %d, want %d", got, c.before)
			}
		})
	}
}
