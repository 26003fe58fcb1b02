package goldenfile_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/krakensim/krakensim/internal/goldenfile"
)

// recorder is a testing.TB that records whether the check failed.
type recorder struct {
	testing.TB
	failed bool
}

func (r *recorder) Errorf(string, ...any) { r.failed = true }
func (r *recorder) Fatalf(string, ...any) { r.failed = true }
func (r *recorder) Helper()               {}

func TestCheck(t *testing.T) {
	path := filepath.Join(t.TempDir(), "testdata", "x.golden")
	for _, tc := range []struct {
		name   string
		got    string
		update bool
		fails  bool
	}{
		{"no file yet", "a", false, true},
		{"written with update", "a", true, false},
		{"the same", "a", false, false},
		{"different", "b", false, true},
		{"rewritten", "b", true, false},
	} {
		r := &recorder{TB: t}
		goldenfile.Check(r, path, tc.got, tc.update)
		if r.failed != tc.fails {
			t.Errorf("%s: failed %v, want %v", tc.name, r.failed, tc.fails)
		}
	}
	if b, _ := os.ReadFile(path); string(b) != "b" {
		t.Errorf("the file holds %q", b)
	}
}
