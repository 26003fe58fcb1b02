package main

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"strings"

	"github.com/krakensim/krakensim/schema"
	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/server"
)

func runServe(ctx context.Context, env *environment, args []string) error {
	fs := newFlagSet("serve", "krakensim serve [--addr HOST:PORT] [--schema FILE]... [--auth-schema FILE]... [--seed N] [flags]")
	var sf schemaFlags
	sf.register(fs)
	addr := fs.String("addr", "127.0.0.1:8080", "`address` to listen on (host:port; port 0 picks a free one)")
	seed := fs.Int64("seed", 1, "`seed` of the deterministic fake data")
	var origins stringList
	fs.Var(&origins, "cors-origin", "`origin` allowed by CORS (repeatable; default: any)")
	maxBody := fs.Int64("max-body-bytes", 1<<20, "largest request body accepted, in `bytes`")
	maxDepth := fs.Int("max-depth", sim.DefaultMaxDepth, "deepest operation accepted before KT-CT-1188")
	maxComplexity := fs.Int("max-complexity", sim.DefaultMaxComplexity, "most complex operation accepted before KT-CT-1188")
	logFormat := fs.String("log-format", "text", "log `format`: text or json")
	logLevel := fs.String("log-level", "info", "log `level`: debug, info, warn or error")
	if err := fs.parse(env, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("serve: unexpected argument %q", fs.Arg(0))
	}
	logger, err := newLogger(env, *logFormat, *logLevel)
	if err != nil {
		return err
	}
	if *maxBody <= 0 {
		return usagef("serve: --max-body-bytes must be positive, got %d", *maxBody)
	}
	c, err := sf.load()
	if err != nil {
		return err
	}
	cfg := schema.SimConfig(c.api, c.auth, c.registry)
	cfg.Seed, cfg.MaxDepth, cfg.MaxComplexity = *seed, *maxDepth, *maxComplexity
	s, err := sim.New(cfg)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("serve: cannot listen on %s: %w", *addr, err)
	}
	v, _, _ := buildInfo()
	srv := server.New(server.Config{
		API: s.API(), Auth: s.Auth(), Logger: logger,
		AllowedOrigins: origins, MaxBodyBytes: *maxBody, Version: v,
	})
	base := "http://" + ln.Addr().String()
	fmt.Fprintf(env.stdout, "krakensim %s serving on %s (seed %d)\n", v, base, *seed)
	fmt.Fprintf(env.stdout, "  API site GraphQL:     %s/v1/graphql/\n", base)
	fmt.Fprintf(env.stdout, "  Auth server GraphQL:  %s/graphql/\n", base)
	fmt.Fprintf(env.stdout, "  Health:               %s/__krakensim/health\n", base)
	return srv.Serve(ctx, ln)
}

func newLogger(env *environment, format, level string) (*slog.Logger, error) {
	var lvl slog.Level
	if err := lvl.UnmarshalText([]byte(level)); err != nil {
		return nil, usagef("serve: --log-level %q: want debug, info, warn or error", level)
	}
	opts := &slog.HandlerOptions{Level: lvl}
	switch strings.ToLower(format) {
	case "text":
		return slog.New(slog.NewTextHandler(env.stderr, opts)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(env.stderr, opts)), nil
	}
	return nil, usagef("serve: --log-format %q: want text or json", format)
}
