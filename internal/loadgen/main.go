// Command loadgen drives krakensim with a realistic mix of calls from many parallel
// sessions and reports throughput, latency percentiles and failures (any transport
// error, unexpected status, or GraphQL error that the call does not expect):
//
//	go run ./cmd/krakensim serve &
//	go run ./internal/loadgen -url http://127.0.0.1:8080 -c 16 -d 10s
//
// With -soak it starts the server in the same process and runs a soak: 32
// connections for 10 minutes, each moving to a fresh session every -session-requests
// requests, sampling the process's memory (Go heap in use and VmRSS) every 10 s:
//
//	go run ./internal/loadgen -soak
//
// With -compare it measures the way issue 16 does: for each of four workloads (a
// sign-in, a forced error, a signed-in read, a REST import) it starts a fresh krakensim
// process (built from ./cmd/krakensim, or -bin) and then a bare net/http handler process
// answering the very bytes krakensim answered, both pinned to one CPU, drives each with
// the same client pinned to the other CPUs (wrk -t1 when on PATH, else loadgen's own,
// -c connections, -d per run), and prints throughputs, their ratio, p99 latencies,
// krakensim's peak resident set and startup time; -schema FILE also times a startup
// with --schema FILE:
//
//	go run ./internal/loadgen -compare -d 5s
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"time"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	err := run(ctx, os.Args[1:])
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "loadgen:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string) error {
	if len(args) > 0 && args[0] == bareFlag {
		return bareServe(ctx, args[1:], os.Stdout)
	}
	fs := flag.NewFlagSet("loadgen", flag.ContinueOnError)
	base := fs.String("url", "", "base URL of a running krakensim (default: http://127.0.0.1:8080, or a server in this process with -serve or -soak)")
	workers := fs.Int("c", 16, "parallel connections")
	dur := fs.Duration("d", 10*time.Second, "how long to run")
	perSession := fs.Int("session-requests", 0, "requests each connection sends in one session before moving to a fresh one (0: one session per connection)")
	serve := fs.Bool("serve", false, "start krakensim in this process and sample its memory")
	sample := fs.Duration("sample", 10*time.Second, "memory sampling interval (with -serve, -soak or -pid)")
	pid := fs.Int("pid", 0, "`pid` of an external krakensim whose VmRSS to sample")
	soak := fs.Bool("soak", false, "soak mode: -serve -c 32 -d 10m -session-requests 50 unless given")
	cmp := fs.Bool("compare", false, "compare each of four workloads on a krakensim process against a bare net/http handler process answering the same bytes (-d per workload and server, 5s unless given, split over -rounds turns; -c 32 unless given)")
	rounds := fs.Int("rounds", 5, "with -compare: how many turns krakensim and the bare handler take, one after the other, per workload")
	bin := fs.String("bin", "", "with -compare: krakensim `binary` to run (default: CGO_ENABLED=0 go build ./cmd/krakensim in the module holding the working directory)")
	schemaFile := fs.String("schema", "", "with -compare: also time krakensim's startup with --schema `file`, such as the Origin SDL")
	clientKind := fs.String("client", "auto", "with -compare: the `client` driving both servers: wrk, go (loadgen's own) or auto (wrk when on PATH)")
	rate := fs.Float64("rate", 0, "with -compare: send each server this many `requests` a second, open loop, with loadgen's own client, and time each from when it was due (0: as fast as they answer)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	if *cmp {
		for _, f := range []string{"url", "serve", "soak", "pid", "session-requests", "sample"} {
			if set[f] {
				return fmt.Errorf("-compare starts its own servers and takes no -%s (-bin chooses the krakensim binary)", f)
			}
		}
		if !set["d"] {
			*dur = 5 * time.Second
		}
		if !set["c"] {
			*workers = 32
		}
		if *workers < 1 || *dur <= 0 {
			return fmt.Errorf("-compare needs -c 1 or more and a positive -d")
		}
		return compare(ctx, compareConfig{bin: *bin, schema: *schemaFile, client: *clientKind, conns: *workers, duration: *dur, rounds: *rounds, rate: *rate, out: os.Stdout})
	}
	for _, f := range []string{"bin", "schema", "client", "rounds", "rate"} {
		if set[f] {
			return fmt.Errorf("-%s goes with -compare", f)
		}
	}
	if *soak {
		if !set["c"] {
			*workers = 32
		}
		if !set["d"] {
			*dur = 10 * time.Minute
		}
		if !set["session-requests"] {
			*perSession = 50
		}
		if !set["url"] {
			*serve = true
		}
	}
	opt := options{workers: *workers, duration: *dur, perSession: *perSession, sampleEvery: *sample, out: os.Stdout, base: *base}
	switch {
	case *serve && *base != "":
		return fmt.Errorf("give -url or -serve, not both")
	case *serve:
		url, stop, err := startServer(ctx, slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelError})))
		if err != nil {
			return err
		}
		defer stop()
		opt.base, opt.sampler = url, selfMemory
	case *pid > 0:
		opt.sampler = func() memSample { return procMemory(*pid) }
	}
	if opt.base == "" {
		opt.base = "http://127.0.0.1:8080"
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: opt.workers, MaxConnsPerHost: opt.workers}, Timeout: 30 * time.Second}
	rep := runLoad(ctx, client, opt)
	rep.print(os.Stdout)
	if rep.failures > 0 {
		return fmt.Errorf("%d failures", rep.failures)
	}
	return nil
}
