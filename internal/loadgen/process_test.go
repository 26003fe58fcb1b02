package main

import (
	"context"
	"debug/buildinfo"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestServingURL(t *testing.T) {
	cases := []struct{ line, want string }{
		{"krakensim dev serving on http://127.0.0.1:37171 (seed 1)", "http://127.0.0.1:37171"},
		{"krakensim v1.4.0 serving on http://[::1]:8080 (seed 42)", "http://[::1]:8080"},
		{"bare handler serving on http://127.0.0.1:40001", "http://127.0.0.1:40001"},
		{"  API site GraphQL:     http://127.0.0.1:37171/v1/graphql/", ""},
		{"", ""},
	}
	for _, tc := range cases {
		got, ok := servingURL(tc.line)
		if got != tc.want || ok != (tc.want != "") {
			t.Errorf("servingURL(%q) = %q, %v; want %q", tc.line, got, ok, tc.want)
		}
	}
}

// The watcher finds the serving line however the output is cut, and nothing after it.
func TestLineWatcher(t *testing.T) {
	out := "krakensim dev serving on http://127.0.0.1:1 (seed 1)\n  API site GraphQL: http://x\n"
	for _, size := range []int{1, 7, 40, len(out)} {
		var lines []string
		w := &lineWatcher{found: func(l string) bool {
			lines = append(lines, l)
			return strings.Contains(l, "serving on")
		}}
		for s := out; s != ""; {
			n := min(size, len(s))
			if k, err := w.Write([]byte(s[:n])); k != n || err != nil {
				t.Fatalf("Write: %d, %v", k, err)
			}
			s = s[n:]
		}
		if len(lines) != 1 || lines[0] != "krakensim dev serving on http://127.0.0.1:1 (seed 1)" {
			t.Errorf("writes of %d bytes: lines %q", size, lines)
		}
	}
}

func TestModuleRoot(t *testing.T) {
	root := t.TempDir()
	write := func(rel, text string) {
		path := filepath.Join(root, rel)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("repo/go.mod", "// the simulator\nmodule github.com/krakensim/krakensim\n\ngo 1.26\n")
	write("repo/internal/loadgen/x.go", "package main\n")
	write("repo/tools/go.mod", "module github.com/krakensim/krakensim/tools\n")
	write("quoted/go.mod", "module \"github.com/krakensim/krakensim\"\n")
	write("other/go.mod", "module example.com/other\n")
	cases := []struct{ from, want string }{
		{"repo", "repo"},
		{"repo/internal/loadgen", "repo"},
		{"repo/tools", "repo"},
		{"quoted", "quoted"},
		{"other", ""},
	}
	for _, tc := range cases {
		got, err := moduleRoot(filepath.Join(root, tc.from))
		switch {
		case tc.want == "" && (err == nil || !strings.Contains(err.Error(), "give -bin PATH")):
			t.Errorf("from %s: %q, %v; want an error pointing to -bin", tc.from, got, err)
		case tc.want != "" && (err != nil || got != filepath.Join(root, tc.want)):
			t.Errorf("from %s: %q, %v; want %s", tc.from, got, err, tc.want)
		}
	}
}

// TestBuildKrakensimStatic checks that -compare measures krakensim built as releases
// are, with CGO_ENABLED=0 (its build settings say so on every platform).
func TestBuildKrakensimStatic(t *testing.T) {
	bin, _, err := buildKrakensim(context.Background(), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	bi, err := buildinfo.ReadFile(bin)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(bi.Settings, debug.BuildSetting{Key: "CGO_ENABLED", Value: "0"}) {
		t.Errorf("build settings %v; want CGO_ENABLED=0", bi.Settings)
	}
}

func TestProcCPU(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		name, stat string
		want       time.Duration
	}{
		{"plain", "4242 (krakensim) S 1 4242 4242 0 -1 4194560 1500 0 0 0 250 37 0 0 20 0 7 0 100 0 0", 2870 * time.Millisecond},
		{"a name with spaces and parentheses", "7 (a (b) c) R 1 7 7 0 -1 0 0 0 0 0 3 4 0 0 20 0 1 0 5 0 0", 70 * time.Millisecond},
		{"cut short", "7 (x) R 1 7 7", -1},
		{"no name", "7 x R 1 7 7 0 -1 0 0 0 0 0 3 4 0 0", -1},
		{"not a number", "7 (x) R 1 7 7 0 -1 0 0 0 0 0 3 four 0 0 20 0 1 0 5 0 0", -1},
	}
	for _, tc := range cases {
		path := filepath.Join(dir, "stat")
		if err := os.WriteFile(path, []byte(tc.stat+"\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		if got := procCPU(path); got != tc.want {
			t.Errorf("%s: procCPU = %v, want %v", tc.name, got, tc.want)
		}
	}
	if got := procCPU(filepath.Join(dir, "missing")); got != -1 {
		t.Errorf("a missing file: procCPU = %v, want -1", got)
	}
	if runtime.GOOS == "linux" {
		// This process's own CPU time grows while it spins (in steps of 1/userHZ s).
		start, got := procCPU("/proc/self/stat"), time.Duration(-1)
		for end := time.Now().Add(10 * time.Second); time.Now().Before(end) && got <= start; {
			got = procCPU("/proc/self/stat")
		}
		if start < 0 || got <= start {
			t.Errorf("this process's CPU time went from %v to %v over 10 s of spinning", start, got)
		}
	}
}
