package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/krakensim/krakensim/scenarios"
	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/platform"
	"github.com/krakensim/krakensim/sim/server"
)

// startServer runs krakensim with its defaults (embedded contract, default world,
// shipped scenarios) on a loopback port in this process.
func startServer(ctx context.Context, log *slog.Logger) (url string, stop func(), err error) {
	cfg, err := platform.Default()
	if err != nil {
		return "", nil, err
	}
	if cfg.Scenarios, err = scenarios.Pack(); err != nil {
		return "", nil, err
	}
	s, err := sim.New(cfg)
	if err != nil {
		return "", nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- server.New(server.Config{Sim: s, Logger: log}).Serve(ctx, ln) }()
	return "http://" + ln.Addr().String(), func() {
		cancel()
		if err := <-done; err != nil && !errors.Is(err, context.Canceled) {
			log.Error("stopping the server", "error", err.Error())
		}
	}, nil
}

// memSample is one memory reading during a run.
type memSample struct {
	at                 time.Duration
	requests, sessions int64
	rps                float64
	heapInuse, rss     int64 // bytes; -1 when unknown
	sys                int64
}

func (m memSample) String() string {
	return fmt.Sprintf("t=%-6s requests=%-9d sessions=%-7d rate=%6.0f/s heapInuse=%s sys=%s VmRSS=%s",
		m.at.Round(time.Second), m.requests, m.sessions, m.rps, mib(m.heapInuse), mib(m.sys), mib(m.rss))
}

func mib(b int64) string {
	if b < 0 {
		return "?"
	}
	return fmt.Sprintf("%.1fMiB", float64(b)/(1<<20))
}

// selfMemory reads this process's Go heap and resident set.
func selfMemory() memSample {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return memSample{heapInuse: int64(ms.HeapInuse), sys: int64(ms.Sys), rss: procStatus("/proc/self/status", "VmRSS:")}
}

// procMemory reads another process's resident set.
func procMemory(pid int) memSample {
	return memSample{heapInuse: -1, sys: -1, rss: procStatus("/proc/"+strconv.Itoa(pid)+"/status", "VmRSS:")}
}

// procStatus reads a size in kB, such as VmRSS: or VmHWM:, from a /proc status file,
// in bytes, or -1.
func procStatus(path, field string) int64 {
	f, err := os.Open(path)
	if err != nil {
		return -1
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), field); ok {
			kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			if err != nil {
				return -1
			}
			return kb << 10
		}
	}
	return -1
}
