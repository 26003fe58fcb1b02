package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
)

// modulePath is the module whose cmd/krakensim -compare builds.
const modulePath = "github.com/krakensim/krakensim"

// moduleRoot finds the krakensim module's root at or above dir.
func moduleRoot(dir string) (string, error) {
	for d := dir; ; {
		if b, err := os.ReadFile(filepath.Join(d, "go.mod")); err == nil && declaresModule(b, modulePath) {
			return d, nil
		}
		up := filepath.Dir(d)
		if up == d {
			return "", fmt.Errorf("no go.mod of module %s at or above %s: run -compare from inside the krakensim repository, or give -bin PATH of a binary built with go build ./cmd/krakensim", modulePath, dir)
		}
		d = up
	}
}

func declaresModule(gomod []byte, path string) bool {
	for line := range strings.Lines(string(gomod)) {
		if f := strings.Fields(line); len(f) == 2 && f[0] == "module" && strings.Trim(f[1], `"`) == path {
			return true
		}
	}
	return false
}

// buildKrakensim runs go build ./cmd/krakensim in the module holding the working
// directory and returns the binary, written into dir.
func buildKrakensim(ctx context.Context, dir string) (bin, root string, err error) {
	wd, err := os.Getwd()
	if err != nil {
		return "", "", err
	}
	if root, err = moduleRoot(wd); err != nil {
		return "", "", err
	}
	gobin, err := exec.LookPath("go")
	if err != nil {
		return "", "", fmt.Errorf("go is not on PATH, so -compare cannot build krakensim: install Go, or give -bin PATH of a krakensim binary")
	}
	bin = filepath.Join(dir, "krakensim")
	cmd := exec.CommandContext(ctx, gobin, "build", "-o", bin, "./cmd/krakensim")
	cmd.Dir = root
	// Static, as the release binaries and the image are; with a C compiler at hand go
	// build would link libc for the net package's resolver, which costs every start.
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", "", fmt.Errorf("go build ./cmd/krakensim in %s: %v\n%s", root, err, out)
	}
	return bin, root, nil
}

// process is a server started by -compare: krakensim or the bare handler.
type process struct {
	name    string
	cmd     *exec.Cmd
	url     string
	log     string        // file holding its standard error
	exited  chan struct{} // closed once it has ended
	waitErr error
}

// servingLine matches the line a server prints once it listens, both krakensim's
// "krakensim dev serving on http://127.0.0.1:PORT (seed 1)" and the bare handler's.
var servingLine = regexp.MustCompile(`serving on (http://\S+)`)

// servingURL returns the URL a serving line names.
func servingURL(line string) (string, bool) {
	m := servingLine.FindStringSubmatch(line)
	if m == nil {
		return "", false
	}
	return m[1], true
}

// startProcess starts name with args on pin, its standard error going to logPath, and
// waits for the URL it prints on its standard output.
func startProcess(ctx context.Context, pin pinned, logPath, name string, args ...string) (*process, error) {
	logf, err := os.Create(logPath)
	if err != nil {
		return nil, err
	}
	defer logf.Close()
	urls := make(chan string, 1)
	p := &process{name: filepath.Base(name), cmd: pin.command(name, args...), log: logPath, exited: make(chan struct{})}
	p.cmd.Stdout = &lineWatcher{found: func(line string) bool {
		u, ok := servingURL(line)
		if ok {
			urls <- u
		}
		return ok
	}}
	p.cmd.Stderr = logf
	if err := pin.start(p.cmd); err != nil {
		return nil, fmt.Errorf("starting %s: %w", name, err)
	}
	go func() {
		p.waitErr = p.cmd.Wait()
		close(p.exited)
	}()
	timeout := time.NewTimer(time.Minute)
	defer timeout.Stop()
	select {
	case p.url = <-urls:
		return p, nil
	case <-p.exited:
		return nil, p.failed(fmt.Errorf("it ended (%v) before printing the URL it serves on", p.waitErr))
	case <-timeout.C:
		p.stop()
		return nil, p.failed(errors.New("no URL printed within a minute"))
	case <-ctx.Done():
		p.stop()
		return nil, ctx.Err()
	}
}

// failed wraps err with the command and the end of its log.
func (p *process) failed(err error) error {
	tail, _ := os.ReadFile(p.log)
	if len(tail) > 2000 {
		tail = tail[len(tail)-2000:]
	}
	return fmt.Errorf("%s: %w\n%s", strings.Join(p.cmd.Args, " "), err, bytes.TrimSpace(tail))
}

// stop interrupts the process, as Ctrl-C does, and kills it if it is still there 5 s later.
func (p *process) stop() {
	select {
	case <-p.exited:
		return
	default:
	}
	if err := p.cmd.Process.Signal(os.Interrupt); err != nil {
		_ = p.cmd.Process.Kill()
	}
	select {
	case <-p.exited:
	case <-time.After(5 * time.Second):
		_ = p.cmd.Process.Kill()
		<-p.exited
	}
}

// peakRSS reads the process's peak resident set (VmHWM), in bytes, or -1.
func (p *process) peakRSS() int64 {
	return procStatus("/proc/"+strconv.Itoa(p.cmd.Process.Pid)+"/status", "VmHWM:")
}

// residence is a process's resident set by kind, in bytes (-1 unknown): file holds
// pages mapped from files, chiefly the executable's code and read-only data, and anon
// the memory the process allocated (Go's heap, stacks and the runtime's own).
type residence struct{ file, anon int64 }

// residence reads the process's resident set by kind now.
func (p *process) residence() residence {
	status := "/proc/" + strconv.Itoa(p.cmd.Process.Pid) + "/status"
	return residence{file: procStatus(status, "RssFile:"), anon: procStatus(status, "RssAnon:")}
}

// cpuTime is the CPU time the process has used, user and system, or -1 where /proc
// does not say.
func (p *process) cpuTime() time.Duration {
	return procCPU("/proc/" + strconv.Itoa(p.cmd.Process.Pid) + "/stat")
}

// userHZ is the unit of the CPU times in /proc/PID/stat: USER_HZ, 100 on Linux.
const userHZ = 100

// procCPU reads utime plus stime from a /proc stat file, or -1.
func procCPU(path string) time.Duration {
	b, err := os.ReadFile(path)
	if err != nil {
		return -1
	}
	// The command name, in parentheses, may hold spaces; the fields count from after it.
	i := bytes.LastIndexByte(b, ')')
	if i < 0 {
		return -1
	}
	f := strings.Fields(string(b[i+1:]))
	if len(f) < 13 {
		return -1
	}
	utime, err1 := strconv.ParseInt(f[11], 10, 64)
	stime, err2 := strconv.ParseInt(f[12], 10, 64)
	if err1 != nil || err2 != nil {
		return -1
	}
	return time.Duration(utime+stime) * time.Second / userHZ
}

// firstAnswer polls the process's GraphQL endpoint every 2 ms until it answers
// { __typename } with 200, and returns when that was.
func (p *process) firstAnswer(ctx context.Context) (time.Time, error) {
	client := &http.Client{Timeout: 5 * time.Second}
	defer client.CloseIdleConnections()
	deadline := time.Now().Add(time.Minute)
	for {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, p.url+"/v1/graphql/", strings.NewReader(`{"query":"{ __typename }"}`))
		if err != nil {
			return time.Time{}, err
		}
		req.Header.Set("Content-Type", "application/json")
		resp, err := client.Do(req)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return time.Now(), nil
			}
		}
		if time.Now().After(deadline) {
			return time.Time{}, p.failed(fmt.Errorf("no 200 to { __typename } within a minute (last: %v)", statusOrError(resp, err)))
		}
		select {
		case <-ctx.Done():
			return time.Time{}, ctx.Err()
		case <-p.exited:
			return time.Time{}, p.failed(fmt.Errorf("it ended (%v) before answering", p.waitErr))
		case <-time.After(2 * time.Millisecond):
		}
	}
}

func statusOrError(resp *http.Response, err error) string {
	if err != nil {
		return err.Error()
	}
	return resp.Status
}

// startKrakensim starts krakensim serve on 127.0.0.1:0 with extra arguments and returns
// it once it has answered its first GraphQL request, with the time that took.
func startKrakensim(ctx context.Context, pin pinned, bin, logPath string, extra ...string) (*process, time.Duration, error) {
	t0 := time.Now()
	p, err := startProcess(ctx, pin, logPath, bin, append([]string{"serve", "--addr", "127.0.0.1:0"}, extra...)...)
	if err != nil {
		return nil, 0, err
	}
	at, err := p.firstAnswer(ctx)
	if err != nil {
		p.stop()
		return nil, 0, err
	}
	return p, at.Sub(t0), nil
}

// lineWatcher is a process's standard output: it hands each line to found until found
// returns true, and discards the rest.
type lineWatcher struct {
	mu    sync.Mutex
	buf   []byte
	done  bool
	found func(line string) bool
}

func (w *lineWatcher) Write(b []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.done {
		return len(b), nil
	}
	w.buf = append(w.buf, b...)
	for !w.done {
		i := bytes.IndexByte(w.buf, '\n')
		if i < 0 {
			break
		}
		w.done = w.found(string(w.buf[:i]))
		w.buf = w.buf[i+1:]
	}
	if len(w.buf) > 64<<10 {
		w.buf = w.buf[:0]
	}
	return len(b), nil
}
