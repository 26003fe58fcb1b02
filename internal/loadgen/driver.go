package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"math"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// result is one server's figures under one workload.
type result struct {
	rps      float64
	p99      time.Duration
	requests int64
	non2xx   int64 // answers with a status outside 2xx (wrk: 4xx and 5xx)
	errors   int64 // transport errors, timeouts included
	// wall is how long the client ran, and clientCPU the CPU time it used (-1 unknown).
	wall, clientCPU time.Duration
}

// add is r with o's counts and throughput added (the caller averages the throughput
// and chooses the p99).
func (r result) add(o result) result {
	r.rps += o.rps
	r.requests += o.requests
	r.non2xx += o.non2xx
	r.errors += o.errors
	r.wall += o.wall
	r.clientCPU = addKnown(r.clientCPU, o.clientCPU)
	return r
}

// addKnown is a+b, or -1 when either is unknown (-1).
func addKnown(a, b time.Duration) time.Duration {
	if a < 0 || b < 0 {
		return -1
	}
	return a + b
}

// driver sends one request again and again from many connections and measures the answers.
type driver interface {
	run(ctx context.Context, url string, header map[string]string, body string) (result, error)
	String() string
}

// goDriver is the Go net/http client of loadgen, used when wrk is not there. With a
// rate it sends open loop: requests are due at fixed intervals whatever the answers,
// and each one's latency runs from when it was due, so that a server that falls
// behind is charged for the queue it causes (no coordinated omission).
type goDriver struct {
	conns    int
	duration time.Duration
	rate     float64 // requests a second; 0 sends each request when the last is answered
}

func (d goDriver) String() string {
	if d.rate > 0 {
		return fmt.Sprintf("loadgen's Go net/http client, open loop at %g requests a second on up to %d connections, %s per run", d.rate, d.conns, d.duration)
	}
	return fmt.Sprintf("loadgen's Go net/http client, %d connections, %s per run", d.conns, d.duration)
}

// schedule sends on due the time each request of a run at rate is due, from start
// until ctx ends, and then closes it. When due is full it falls behind, and sends the
// overdue times, unchanged, as soon as it can.
func schedule(ctx context.Context, start time.Time, rate float64, due chan<- time.Time) {
	defer close(due)
	interval := time.Duration(float64(time.Second) / rate)
	for i := int64(0); ; i++ {
		at := start.Add(time.Duration(i) * interval)
		if wait := time.Until(at); wait > 0 {
			select {
			case <-ctx.Done():
				return
			case <-time.After(wait):
			}
		}
		select {
		case <-ctx.Done():
			return
		case due <- at:
		}
	}
}

func (d goDriver) run(ctx context.Context, url string, header map[string]string, body string) (result, error) {
	tr := &http.Transport{MaxIdleConnsPerHost: d.conns, MaxConnsPerHost: d.conns}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, Timeout: 10 * time.Second}
	ctx, cancel := context.WithTimeout(ctx, d.duration)
	defer cancel()
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		total histogram
		res   result
	)
	start, cpu := time.Now(), procCPU("/proc/self/stat")
	var due chan time.Time
	if d.rate > 0 {
		due = make(chan time.Time, d.conns)
		go schedule(ctx, start, d.rate, due)
	}
	for range d.conns {
		wg.Go(func() {
			var (
				h              histogram
				non2xx, errors int64
			)
			for ctx.Err() == nil {
				t := time.Now()
				if due != nil {
					var ok bool
					if t, ok = <-due; !ok {
						break
					}
				}
				req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, strings.NewReader(body))
				if err != nil {
					errors++
					break
				}
				for k, v := range header {
					req.Header.Set(k, v)
				}
				resp, err := client.Do(req)
				if err != nil {
					if ctx.Err() == nil {
						errors++
					}
					continue
				}
				_, err = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if err != nil && ctx.Err() != nil {
					continue // cut off by the end of the run
				}
				h.add(time.Since(t))
				if resp.StatusCode/100 != 2 {
					non2xx++
				}
			}
			mu.Lock()
			total.merge(&h)
			res.non2xx += non2xx
			res.errors += errors
			mu.Unlock()
		})
	}
	wg.Wait()
	res.wall, res.clientCPU = time.Since(start), -1
	if cpu >= 0 {
		if now := procCPU("/proc/self/stat"); now >= 0 {
			res.clientCPU = now - cpu
		}
	}
	res.requests = total.count
	res.rps = float64(total.count) / res.wall.Seconds()
	res.p99 = total.quantile(0.99)
	if res.requests == 0 {
		return res, fmt.Errorf("no answer in %s to %s", d.duration, url)
	}
	return res, nil
}

// wrkDriver runs wrk -t1, as issue 16 did, with a Lua script per request.
type wrkDriver struct {
	path    string // wrk's executable
	pin     pinned
	conns   int
	seconds int // wrk runs whole seconds
	dir     string
}

func (d wrkDriver) String() string {
	return fmt.Sprintf("wrk -t1 -c%d -d%ds --latency", d.conns, d.seconds)
}

func (d wrkDriver) run(ctx context.Context, url string, header map[string]string, body string) (result, error) {
	script, err := os.CreateTemp(d.dir, "wrk-*.lua")
	if err != nil {
		return result{}, err
	}
	defer os.Remove(script.Name())
	_, err = script.WriteString(wrkScript(header, body))
	if cerr := script.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return result{}, err
	}
	cmd := d.pin.command(d.path, "-t1", "-c"+strconv.Itoa(d.conns), "-d"+strconv.Itoa(d.seconds)+"s", "--latency", "-s", script.Name(), url)
	var out strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	if err := d.pin.start(cmd); err != nil {
		return result{}, fmt.Errorf("starting wrk: %w", err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err = <-done:
	case <-ctx.Done():
		_ = cmd.Process.Kill()
		<-done
		return result{}, ctx.Err()
	}
	if err != nil {
		return result{}, fmt.Errorf("%s: %v\n%s", filepath.Base(d.path), err, out.String())
	}
	res, err := parseWrk(out.String())
	res.wall, res.clientCPU = time.Since(start), cmd.ProcessState.UserTime()+cmd.ProcessState.SystemTime()
	return res, err
}

// wrkScript is the Lua script that makes wrk send a POST with header and body.
func wrkScript(header map[string]string, body string) string {
	var b strings.Builder
	b.WriteString("wrk.method = \"POST\"\n")
	b.WriteString("wrk.body = " + luaString(body) + "\n")
	keys := make([]string, 0, len(header))
	for k := range header {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		b.WriteString("wrk.headers[" + luaString(k) + "] = " + luaString(header[k]) + "\n")
	}
	return b.String()
}

// luaString quotes s as a Lua string literal, any byte that is not printable ASCII
// written as a three-digit decimal escape.
func luaString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"' || c == '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case c < 0x20 || c > 0x7e:
			fmt.Fprintf(&b, "\\%03d", c)
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// parseWrk reads the throughput, the 99th percentile and the failures from wrk's
// report (run with --latency).
func parseWrk(out string) (result, error) {
	var (
		res             result
		haveRPS, have99 bool
	)
	sc := bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		switch {
		case len(f) == 2 && f[0] == "Requests/sec:":
			v, err := strconv.ParseFloat(f[1], 64)
			if err != nil {
				return res, fmt.Errorf("wrk's line %q: %v", strings.TrimSpace(sc.Text()), err)
			}
			res.rps, haveRPS = v, true
		case len(f) == 2 && f[0] == "99%":
			d, err := wrkDuration(f[1])
			if err != nil {
				return res, fmt.Errorf("wrk's line %q: %v", strings.TrimSpace(sc.Text()), err)
			}
			res.p99, have99 = d, true
		case len(f) >= 3 && f[1] == "requests" && f[2] == "in":
			res.requests, _ = strconv.ParseInt(f[0], 10, 64)
		case len(f) == 5 && f[0] == "Non-2xx" && f[3] == "responses:":
			res.non2xx, _ = strconv.ParseInt(f[len(f)-1], 10, 64)
		case len(f) > 2 && f[0] == "Socket" && f[1] == "errors:":
			// Socket errors: connect 0, read 0, write 0, timeout 0
			for i := 3; i < len(f); i += 2 {
				n, _ := strconv.ParseInt(strings.TrimSuffix(f[i], ","), 10, 64)
				res.errors += n
			}
		}
	}
	if !haveRPS || !have99 {
		return res, fmt.Errorf("wrk printed no Requests/sec or 99%% line:\n%s", out)
	}
	if res.requests == 0 {
		return res, fmt.Errorf("wrk got no answer:\n%s", out)
	}
	return res, nil
}

// wrkDuration reads a duration as wrk prints it: 850.00us, 1.25ms, 2.00s, 1.50m.
func wrkDuration(s string) (time.Duration, error) {
	for _, u := range []struct {
		suffix string
		unit   time.Duration
	}{{"us", time.Microsecond}, {"ms", time.Millisecond}, {"s", time.Second}, {"m", time.Minute}, {"h", time.Hour}} {
		if v, ok := strings.CutSuffix(s, u.suffix); ok {
			f, err := strconv.ParseFloat(v, 64)
			if err != nil || !(f >= 0) || math.IsInf(f, 0) {
				return 0, fmt.Errorf("not a duration: %q", s)
			}
			return time.Duration(f * float64(u.unit)), nil
		}
	}
	return 0, fmt.Errorf("no unit in %q", s)
}
