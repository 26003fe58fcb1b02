package main

import (
	"runtime/debug"
	"testing"
)

func TestLaxGC(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	for _, c := range []struct {
		name           string
		before, during int
	}{
		{"raised", 100, loadGCPercent},
		{"off stays off", -1, -1},
		{"higher stays", 800, 800},
	} {
		t.Run(c.name, func(t *testing.T) {
			debug.SetGCPercent(c.before)
			restore := laxGC()
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
