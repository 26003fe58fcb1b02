package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

// workload is one kind of request the comparison sends again and again.
type workload struct {
	name, path, body string
	header           map[string]string
	signedIn         bool
	wantError        string // the one GraphQL error code the answer must hold
	want             string // text the answer must hold
}

// workloads are issue 16's four: a sign-in, a forced error, a signed-in read and a
// REST import.
var workloads = []workload{
	{name: "obtainKrakenToken (email + password)", path: "/v1/graphql/", want: `"token":"`,
		body: `{"query":"mutation($i: ObtainJSONWebTokenInput!) { obtainKrakenToken(input: $i) { token refreshToken } }","variables":{"i":{"email":"demo@krakensim.dev","password":"krakensim"}}}`},
	{name: "createAccountPaymentSchedule, KT-CT-3942 forced", path: "/v1/graphql/",
		header: map[string]string{"X-Krakensim-Error": "KT-CT-3942"}, wantError: "KT-CT-3942", want: `"createAccountPaymentSchedule":null`,
		body: `{"query":"mutation($i: CreateAccountPaymentScheduleInput!) { createAccountPaymentSchedule(input: $i) { schedule { id } } }","variables":{"i":{"accountNumber":"A-C90DC431","ledgerNumber":"L-6B2F0A1C","paymentDay":5,"paymentAmount":1500}}}`},
	{name: "viewer, signed in", path: "/v1/graphql/", signedIn: true, want: `"email":"demo@krakensim.dev"`,
		body: `{"query":"{ viewer { givenName familyName email accounts { number status balance } } }"}`},
	{name: "POST notes/create (the seed's note, API key)", path: "/v1/data-import/notes/create/",
		header: map[string]string{"Authorization": "Token krakensim-import-key"}, want: `"status":"NOTE_CREATION_SUCCESS"`,
		body: `{"import_supplier":"TENTACLE_ENERGY","external_account_number":"EXTERNAL-1234","notes":[{"body":"Some important pinned note.","is_pinned":true,"unpin_at":"2020-06-01T12:00:00Z"}]}`},
}

// validate says why a first answer to wl must not be driven: a status other than 2xx,
// a GraphQL error other than the one wl forces, or a body without what wl wants.
func validate(wl workload, status int, body []byte) error {
	if err := check(call{path: wl.path, wantError: wl.wantError}, status, body); err != nil {
		return err
	}
	if !bytes.Contains(body, []byte(wl.want)) {
		return fmt.Errorf("no %s in %.300s", wl.want, body)
	}
	return nil
}

// compareConfig is what -compare was asked for.
type compareConfig struct {
	bin      string // krakensim binary; "" builds ./cmd/krakensim
	schema   string // SDL file to also measure startup with; "" for none
	client   string // auto, wrk or go
	conns    int
	duration time.Duration // per workload and server, over all rounds
	rounds   int           // turns krakensim and the bare handler take per workload
	rate     float64       // requests a second each server is sent, open loop; 0: as fast as they answer
	out      io.Writer
}

// comparison is a -compare run under way.
type comparison struct {
	bin, self, dir string
	pin            pinning
	drv            driver // one round's run
	rounds         int
}

// row is one workload's line of the table.
type row struct {
	name    string
	k, b    result    // krakensim's and the bare handler's, over all rounds
	ratios  []float64 // krakensim's throughput over the bare handler's, by round
	rss     int64     // krakensim's peak resident set, bytes; -1 unknown
	mem     residence // krakensim's resident set after the workload, by kind
	bareRSS int64     // the bare handler's peak resident set, bytes; -1 unknown
	startup time.Duration
	// kcpu and bcpu are the CPU time each server used over its turns (-1 unknown).
	kcpu, bcpu time.Duration
}

// startupRuns is how many times -schema's startup is measured.
const startupRuns = 3

// compare runs each workload against a fresh krakensim process and then against a bare
// handler process answering krakensim's bytes, both pinned to one CPU and driven by the
// same client from the others, and prints issue 16's table.
func compare(ctx context.Context, cfg compareConfig) error {
	out := cfg.out
	if cfg.client != "auto" && cfg.client != "wrk" && cfg.client != "go" {
		return fmt.Errorf("-client %q: want wrk, go or auto", cfg.client)
	}
	if !(cfg.rate >= 0) || math.IsInf(cfg.rate, 0) {
		return fmt.Errorf("-rate %v: want 0 or a positive number of requests a second", cfg.rate)
	}
	if cfg.rate > 0 && cfg.client == "wrk" {
		return fmt.Errorf("-rate: wrk cannot hold a fixed rate; -client go or auto sends open loop with loadgen's own client")
	}
	if cfg.rounds < 1 {
		return fmt.Errorf("-rounds %d: want 1 or more", cfg.rounds)
	}
	if cfg.schema != "" {
		abs, err := filepath.Abs(cfg.schema)
		if err == nil {
			_, err = os.Stat(abs)
		}
		if err != nil {
			return fmt.Errorf("-schema: %w", err)
		}
		cfg.schema = abs
	}
	dir, err := os.MkdirTemp("", "krakensim-compare-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	c := &comparison{dir: dir, bin: cfg.bin, rounds: cfg.rounds}
	if c.bin == "" {
		fmt.Fprintln(out, "building ./cmd/krakensim...")
		bin, root, err := buildKrakensim(ctx, dir)
		if err != nil {
			return err
		}
		c.bin = bin
		fmt.Fprintf(out, "krakensim: CGO_ENABLED=0 go build ./cmd/krakensim in %s (static, as releases are)\n", root)
	} else {
		if c.bin, err = exec.LookPath(cfg.bin); err == nil {
			c.bin, err = filepath.Abs(c.bin)
		}
		if err != nil {
			return fmt.Errorf("-bin: %w", err)
		}
		fmt.Fprintf(out, "krakensim: %s\n", c.bin)
	}
	if c.self, err = os.Executable(); err != nil {
		return fmt.Errorf("finding this program to run the bare handler: %w", err)
	}
	c.pin = choosePinning()
	if c.pin.why == "" {
		if err := pinSelf(c.pin.client.cpus); err != nil {
			c.pin = pinning{why: "pinning this process: " + err.Error()}
		}
	}
	if c.drv, err = chooseDriver(cfg, c.pin.client, dir, out); err != nil {
		return err
	}
	fmt.Fprintln(out, "pinning:", c.pin)
	fmt.Fprintf(out, "client: %s, the same for krakensim and the bare handler\n", c.drv)
	fmt.Fprintf(out, "each workload: a fresh krakensim process and a bare net/http handler process answering its bytes, driven in turn %d times; the ratio is the median of the turns' ratios\n", c.rounds)
	fmt.Fprintln(out)
	fmt.Fprintf(out, "%-48s %11s %9s %6s %7s %8s %8s %10s\n", "workload", "krakensim/s", "bare/s", "ratio", "p99 ms", "bare p99", "peak MiB", "startup ms")
	var startups []time.Duration
	for i, wl := range workloads {
		r, err := c.workload(ctx, i, wl)
		if err != nil {
			return fmt.Errorf("%s: %w", wl.name, err)
		}
		r.print(out)
		startups = append(startups, r.startup)
	}
	fmt.Fprintln(out)
	fmt.Fprintln(out, "p99 in ms; peak MiB: krakensim's VmHWM after the workload; startup: from starting krakensim to its first 200 to { __typename }")
	fmt.Fprintf(out, "startup with the embedded schema: median %s ms over %d processes\n", ms(median(startups)), len(startups))
	if cfg.schema != "" {
		return c.schemaStartup(ctx, cfg.schema, out)
	}
	return nil
}

// chooseDriver picks the client -client asks for: wrk when it is on PATH, unless told.
func chooseDriver(cfg compareConfig, pin pinned, dir string, out io.Writer) (driver, error) {
	cfg.duration /= time.Duration(cfg.rounds)
	goClient := goDriver{conns: cfg.conns, duration: cfg.duration, rate: cfg.rate}
	if cfg.rate > 0 {
		fmt.Fprintf(out, "-rate %g: both servers get the same requests at the same times; compare the p99 columns (the throughputs are the rates achieved)\n", cfg.rate)
		return goClient, nil
	}
	wrk, err := exec.LookPath("wrk")
	switch {
	case cfg.client == "go":
		return goClient, nil
	case err == nil:
		secs := max(1, int(math.Ceil(cfg.duration.Seconds())))
		if time.Duration(secs)*time.Second != cfg.duration {
			fmt.Fprintf(out, "wrk runs whole seconds: each turn of %s becomes %ds\n", cfg.duration, secs)
		}
		return wrkDriver{path: wrk, pin: pin, conns: cfg.conns, seconds: secs, dir: dir}, nil
	case cfg.client == "wrk":
		return nil, fmt.Errorf("-client wrk: %w", err)
	default:
		fmt.Fprintln(out, "wrk is not on PATH: the Go client drives both servers")
		return goClient, nil
	}
}

// workload measures wl against a fresh krakensim, then against the bare handler.
func (c *comparison) workload(ctx context.Context, i int, wl workload) (row, error) {
	r := row{name: wl.name}
	k, startup, err := startKrakensim(ctx, c.pin.server, c.bin, filepath.Join(c.dir, "krakensim.log"))
	if err != nil {
		return r, err
	}
	defer k.stop()
	r.startup = startup
	client := &http.Client{Timeout: 10 * time.Second}
	defer client.CloseIdleConnections()
	session := fmt.Sprintf("compare-%d", i)
	header := map[string]string{"Content-Type": "application/json", "X-Krakensim-Session": session}
	for name, value := range wl.header {
		header[name] = value
	}
	if wl.signedIn {
		tok, err := signIn(ctx, client, k.url, session)
		if err != nil {
			return r, err
		}
		header["Authorization"] = tok
	}
	status, ctype, answer, err := send(ctx, client, k.url+wl.path, header, wl.body)
	if err != nil {
		return r, err
	}
	if err := validate(wl, status, answer); err != nil {
		return r, fmt.Errorf("krakensim's first answer: %w", err)
	}
	bodyFile := filepath.Join(c.dir, "answer")
	if err := os.WriteFile(bodyFile, answer, 0o600); err != nil {
		return r, err
	}
	b, err := startProcess(ctx, c.pin.server, filepath.Join(c.dir, "bare.log"), c.self,
		bareFlag, "-status", strconv.Itoa(status), "-content-type", ctype, "-body", bodyFile)
	if err != nil {
		return r, fmt.Errorf("bare handler: %w", err)
	}
	defer b.stop()
	bstatus, _, banswer, err := send(ctx, client, b.url+wl.path, header, wl.body)
	if err != nil {
		return r, fmt.Errorf("bare handler: %w", err)
	}
	if bstatus != status || !bytes.Equal(banswer, answer) {
		return r, fmt.Errorf("the bare handler answered %d %.200q, not krakensim's %d %.200q", bstatus, banswer, status, answer)
	}
	// Turns rather than one long run each: on a shared machine the speed drifts, and a
	// ratio of two runs seconds apart measures the drift as much as the servers.
	var kp, bp []time.Duration
	for range c.rounds {
		kr, kcpu, err := c.turn(ctx, k, wl.path, header, wl.body)
		if err != nil {
			return r, fmt.Errorf("driving krakensim: %w", err)
		}
		br, bcpu, err := c.turn(ctx, b, wl.path, header, wl.body)
		if err != nil {
			return r, fmt.Errorf("driving the bare handler: %w", err)
		}
		r.kcpu, r.bcpu = addKnown(r.kcpu, kcpu), addKnown(r.bcpu, bcpu)
		r.k, r.b = r.k.add(kr), r.b.add(br)
		kp, bp = append(kp, kr.p99), append(bp, br.p99)
		if br.rps <= 0 {
			return r, fmt.Errorf("the bare handler answered nothing in %s", c.drv)
		}
		r.ratios = append(r.ratios, kr.rps/br.rps)
	}
	r.k.rps, r.b.rps = r.k.rps/float64(c.rounds), r.b.rps/float64(c.rounds)
	r.k.p99, r.b.p99 = median(kp), median(bp)
	r.rss, r.mem, r.bareRSS = k.peakRSS(), k.residence(), b.peakRSS()
	return r, nil
}

// turn drives server p once, and returns the client's figures and the CPU time p used.
func (c *comparison) turn(ctx context.Context, p *process, path string, header map[string]string, body string) (result, time.Duration, error) {
	before := p.cpuTime()
	res, err := c.drv.run(ctx, p.url+path, header, body)
	after := p.cpuTime()
	if before < 0 || after < 0 {
		return res, -1, err
	}
	return res, after - before, err
}

// schemaStartup measures krakensim's startup with --schema file, startupRuns times.
func (c *comparison) schemaStartup(ctx context.Context, file string, out io.Writer) error {
	var (
		runs []time.Duration
		rss  int64
	)
	for range startupRuns {
		p, d, err := startKrakensim(ctx, c.pin.server, c.bin, filepath.Join(c.dir, "schema.log"), "--schema", file)
		if err != nil {
			return fmt.Errorf("-schema: %w", err)
		}
		rss = max(rss, p.peakRSS())
		p.stop()
		runs = append(runs, d)
	}
	each := make([]string, len(runs))
	for i, d := range runs {
		each[i] = ms(d)
	}
	fmt.Fprintf(out, "startup with --schema %s: median %s ms of %d (%s ms), peak %s MiB\n",
		file, ms(median(runs)), len(runs), strings.Join(each, ", "), mibs(rss))
	return nil
}

func (r row) print(w io.Writer) {
	fmt.Fprintf(w, "%-48s %11.0f %9.0f %6.2f %7s %8s %8s %10s\n", r.name, r.k.rps, r.b.rps, median(r.ratios),
		ms(r.k.p99), ms(r.b.p99), mibs(r.rss), ms(r.startup))
	if len(r.ratios) > 1 {
		each := make([]string, len(r.ratios))
		for i, x := range r.ratios {
			each[i] = strconv.FormatFloat(x, 'f', 2, 64)
		}
		fmt.Fprintf(w, "  ratio by turn: %s\n", strings.Join(each, " "))
	}
	if line := r.cpuLine(); line != "" {
		fmt.Fprintln(w, line)
	}
	if line := r.memLine(); line != "" {
		fmt.Fprintln(w, line)
	}
	for _, s := range []struct {
		name string
		res  result
	}{{"krakensim", r.k}, {"bare handler", r.b}} {
		if s.res.non2xx > 0 || s.res.errors > 0 {
			fmt.Fprintf(w, "  ! %s: %d answers not 2xx and %d transport errors out of %d\n", s.name, s.res.non2xx, s.res.errors, s.res.requests)
		}
	}
}

// cpuLine says what each answer cost each server in CPU time, and how busy the client
// was against each; "" where /proc does not tell.
func (r row) cpuLine() string {
	if r.kcpu < 0 || r.bcpu < 0 || r.k.requests == 0 || r.b.requests == 0 {
		return ""
	}
	k := float64(r.kcpu) / float64(r.k.requests) / float64(time.Microsecond)
	b := float64(r.bcpu) / float64(r.b.requests) / float64(time.Microsecond)
	line := fmt.Sprintf("  CPU per answer: krakensim %.1f µs, bare handler %.1f µs", k, b)
	if k > 0 {
		line += fmt.Sprintf(" (%.2f×)", b/k)
	}
	if r.k.clientCPU >= 0 && r.b.clientCPU >= 0 && r.k.wall > 0 && r.b.wall > 0 {
		line += fmt.Sprintf("; client busy %.0f%% against krakensim, %.0f%% against the bare handler",
			100*r.k.clientCPU.Seconds()/r.k.wall.Seconds(), 100*r.b.clientCPU.Seconds()/r.b.wall.Seconds())
	}
	return line
}

// memLine splits krakensim's resident set into the executable's own pages and the
// memory it allocated, beside the bare handler's peak; "" where /proc does not tell.
func (r row) memLine() string {
	if r.rss < 0 || r.mem.file < 0 || r.mem.anon < 0 {
		return ""
	}
	line := fmt.Sprintf("  memory: krakensim peak %s MiB; after the workload %s MiB of its executable's pages (RssFile) and %s MiB allocated (RssAnon)",
		mibs(r.rss), mibs(r.mem.file), mibs(r.mem.anon))
	if r.bareRSS >= 0 {
		line += fmt.Sprintf("; bare handler peak %s MiB", mibs(r.bareRSS))
	}
	return line
}

// ms writes d in milliseconds, to two decimals below 10.
func ms(d time.Duration) string {
	v := float64(d) / float64(time.Millisecond)
	if v < 10 {
		return strconv.FormatFloat(v, 'f', 2, 64)
	}
	return strconv.FormatFloat(v, 'f', 0, 64)
}

// mibs writes bytes in MiB, or ? when unknown.
func mibs(b int64) string {
	if b < 0 {
		return "?"
	}
	return strconv.FormatFloat(float64(b)/(1<<20), 'f', 0, 64)
}

// median is the median of xs (the mean of the middle two when even); 0 when empty.
func median[T ~int64 | ~float64](xs []T) T {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Sorted(slices.Values(xs))
	if n := len(s); n%2 == 0 {
		return (s[n/2-1] + s[n/2]) / 2
	}
	return s[len(s)/2]
}

func send(ctx context.Context, client *http.Client, url string, header map[string]string, body string) (int, string, []byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, strings.NewReader(body))
	if err != nil {
		return 0, "", nil, err
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := client.Do(req)
	if err != nil {
		return 0, "", nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header.Get("Content-Type"), b, err
}
