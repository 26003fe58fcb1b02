package main

import (
	"bufio"
	"context"
	"debug/buildinfo"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/krakensim/krakensim/internal/testshared"
)

// startupBinary is the krakensim binary the startup benchmark starts: the one named by
// KRAKENSIM_STARTUP_BIN, or builtBinary.
func startupBinary() (string, error) {
	if bin := os.Getenv("KRAKENSIM_STARTUP_BIN"); bin != "" {
		return bin, nil
	}
	return builtBinary()
}

// builtBinary is ./cmd/krakensim built once per test process, static as the release
// binaries and the image are: where a C compiler is installed, go build otherwise links
// the net package's resolver against libc, and the dynamic loader and cgo's thread
// set-up cost every start 4-5 ms on our 2-core VM.
var builtBinary = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "krakensim-startup-")
	if err != nil {
		return "", err
	}
	builtDir = dir
	bin := filepath.Join(dir, "krakensim")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	out, err := build.CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("go build: %v\n%s", err, out)
	}
	return bin, nil
})

// builtDir is the directory builtBinary built into, removed when the tests end.
var builtDir string

// TestMain runs the package's tests and benchmarks, then removes the binary they built:
// left behind, each run kept 40 MB in the temporary directory.
func TestMain(m *testing.M) {
	code := m.Run()
	if builtDir != "" {
		_ = os.RemoveAll(builtDir)
	}
	os.Exit(code)
}

var servingOn = regexp.MustCompile(`serving on (http://\S+)`)

// timeToFirstAnswer starts bin serve with args on a free port and returns how long it
// took from the start of the process to the first HTTP 200 answer to a GraphQL POST of
// { __typename } on the API site. The process is stopped before it returns.
func timeToFirstAnswer(bin string, args ...string) (time.Duration, error) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...)...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return 0, err
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return 0, err
	}
	defer func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	}()
	lines := bufio.NewScanner(stdout)
	base := ""
	for base == "" && lines.Scan() {
		if m := servingOn.FindStringSubmatch(lines.Text()); m != nil {
			base = m[1]
		}
	}
	if base == "" {
		return 0, fmt.Errorf("the server never said where it serves; stderr:\n%s", stderr.String())
	}
	go func() { _, _ = io.Copy(io.Discard, stdout) }()
	client := &http.Client{Timeout: 10 * time.Second}
	for {
		resp, err := client.Post(base+"/v1/graphql/", "application/json", strings.NewReader(`{"query":"{ __typename }"}`))
		if err == nil {
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return time.Since(start), nil
			}
			return 0, fmt.Errorf("first answer: HTTP %d", resp.StatusCode)
		}
		if ctx.Err() != nil {
			return 0, fmt.Errorf("no answer: %v; stderr:\n%s", err, stderr.String())
		}
		time.Sleep(time.Millisecond)
	}
}

// BenchmarkStartup measures the built binary from its start to the first answered
// GraphQL request (ns/op, and the median as ms/start): with the embedded contract;
// when ../shared is present, with the Origin tenant's 1.3 MB SDL; and with 100,000
// recorded rules (BenchmarkLoadScenarios's files). Set KRAKENSIM_STARTUP_BIN to measure
// another build.
func BenchmarkStartup(b *testing.B) {
	bin, err := startupBinary()
	if err != nil {
		b.Fatal(err)
	}
	cases := []struct {
		name string
		args func(b *testing.B) []string
	}{
		{"embedded", func(*testing.B) []string { return nil }},
		{"origin", func(b *testing.B) []string {
			return []string{"--schema", testshared.Path(b, "reference", "origin-schema.graphql")}
		}},
		{"rules=100000/error", func(b *testing.B) []string {
			dir := b.TempDir()
			writeRecordedScenarios(b, dir, 10, 10000, false)
			return []string{"--scenarios", dir, "--no-watch"}
		}},
		{"rules=100000/data", func(b *testing.B) []string {
			dir := b.TempDir()
			writeRecordedScenarios(b, dir, 10, 10000, true)
			return []string{"--scenarios", dir, "--no-watch"}
		}},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			args := c.args(b)
			var times []time.Duration
			for b.Loop() {
				d, err := timeToFirstAnswer(bin, args...)
				if err != nil {
					b.Fatal(err)
				}
				times = append(times, d)
			}
			slices.Sort(times)
			b.ReportMetric(float64(times[len(times)/2])/float64(time.Millisecond), "ms/start")
		})
	}
}

// TestStartupBinaryStatic checks that the binary the startup benchmark builds is built
// as releases are, with CGO_ENABLED=0 (its build settings say so on every platform).
func TestStartupBinaryStatic(t *testing.T) {
	bin, err := builtBinary()
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
