// Package testshared locates the shared specification and reference material that sits
// beside the repository (../shared), so tests can read it and skip cleanly without it.
package testshared

import (
	"os"
	"path/filepath"
	"testing"
)

// Path returns ../shared/<elem...> beside the repository root, or skips tb with a clear
// message when the repository root or that path is absent.
func Path(tb testing.TB, elem ...string) string {
	tb.Helper()
	dir, err := os.Getwd()
	if err != nil {
		tb.Fatalf("getwd: %v", err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			tb.Skip("repository root (go.mod) not found; cannot locate ../shared")
		}
		dir = parent
	}
	p := filepath.Join(append([]string{dir, "..", "shared"}, elem...)...)
	if _, err := os.Stat(p); err != nil {
		tb.Skipf("%s is absent; this test needs the shared specification and reference material", p)
	}
	return p
}
