package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/krakensim/krakensim/sim/server"
)

// runHealth asks a running krakensim whether it serves: the container image's
// HEALTHCHECK, which has no curl to do it.
func runHealth(ctx context.Context, env *environment, args []string) error {
	fs := newFlagSet("health", "krakensim health [--addr HOST:PORT] [--timeout DURATION]")
	addr := fs.String("addr", "127.0.0.1:8080", "`address` the server listens on (a wildcard host is asked on loopback)")
	timeout := fs.Duration("timeout", 3*time.Second, "longest wait for the answer (`duration`)")
	if err := fs.parse(env, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("health: unexpected argument %q", fs.Arg(0))
	}
	host, port, err := net.SplitHostPort(*addr)
	if err != nil {
		return usagef("health: --addr %q: %v", *addr, err)
	}
	switch host {
	case "", "0.0.0.0", "::", "[::]":
		host = "127.0.0.1"
	}
	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()
	url := "http://" + net.JoinHostPort(host, port) + server.HealthPath
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return usagef("health: %v", err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("health: %v", err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("health: %s answered %d: %s", url, resp.StatusCode, strings.TrimSpace(string(body)))
	}
	fmt.Fprintf(env.stdout, "%s\n", strings.TrimSpace(string(body)))
	return nil
}
