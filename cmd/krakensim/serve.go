package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/krakensim/krakensim/fixtures"
	"github.com/krakensim/krakensim/internal/fastlog"
	"github.com/krakensim/krakensim/scenarios"
	"github.com/krakensim/krakensim/schema"
	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/auth"
	"github.com/krakensim/krakensim/sim/fake"
	"github.com/krakensim/krakensim/sim/graphql"
	"github.com/krakensim/krakensim/sim/journal"
	"github.com/krakensim/krakensim/sim/platform"
	"github.com/krakensim/krakensim/sim/ratelimit"
	"github.com/krakensim/krakensim/sim/record"
	"github.com/krakensim/krakensim/sim/server"
	"github.com/krakensim/krakensim/sim/world"
)

func runServe(ctx context.Context, env *environment, args []string) error {
	fs := newFlagSet("serve", "krakensim serve [--addr HOST:PORT] [--schema FILE]... [--auth-schema FILE]... [--backend-schema FILE]... [--seed N] [flags]")
	var sf schemaFlags
	sf.register(fs)
	var backendFiles stringList
	fs.Var(&backendFiles, "backend-schema", "backend-host SDL `file` (repeatable), served at "+sim.BackendPath+" and at /v1/graphql/ for an api.backend.… Host (default: none)")
	addr := fs.String("addr", "127.0.0.1:8080", "`address` to listen on (host:port; port 0 picks a free one)")
	seed := fs.Int64("seed", 1, "`seed` of the deterministic fake data")
	var origins stringList
	fs.Var(&origins, "cors-origin", "`origin` allowed by CORS (repeatable; default: any)")
	var allowedHosts stringList
	fs.Var(&allowedHosts, "allowed-host", "extra Host `name` the admin API answers, besides localhost and the listen address (repeatable; * for any)")
	adminToken := fs.String("admin-token", "", "Bearer `token` the admin API requires (all of it but /__krakensim/health)")
	maxBody := fs.Int64("max-body-bytes", 1<<20, "largest request body accepted, in `bytes`")
	maxDepth := fs.Int("max-depth", sim.DefaultMaxDepth, "deepest operation accepted before KT-CT-1188")
	maxComplexity := fs.Int("max-complexity", sim.DefaultMaxComplexity, "most complex operation accepted before KT-CT-1188 (Kraken's is 200)")
	maxNodes := fs.Int("max-nodes", sim.DefaultMaxNodes, "most nodes (list items) an answer may hold before KT-CT-1189 (Kraken's is 10000)")
	rateLimit := fs.String("rate-limit", "off", "hourly points `allowance` of each viewer before KT-CT-1199: off, kraken (Kraken's figures) or a number")
	logFormat := fs.String("log-format", "text", "log `format`: text or json")
	logLevel := fs.String("log-level", "info", "log `level`: debug, info, warn or error")
	var fixturePaths stringList
	fs.Var(&fixturePaths, "fixtures", "fixture `path` (a YAML file or a folder of them) added to the default world (repeatable)")
	noDefault := fs.Bool("no-default-fixtures", false, "start from the --fixtures files alone, without the embedded default world")
	generate := fs.Int("generate", 0, "`count` of extra accounts to generate from --seed, each with its own user")
	tokenSecret := fs.String("token-secret", "", "`secret` that signs tokens, so they survive a restart (default: random)")
	tokenIssuer := fs.String("token-issuer", "", "`URL` the tokens' iss claim names (a client checking it wants its tenant's, such as https://api.octopus.energy/v1/graphql/) (default: the API endpoint of the host each token was obtained at)")
	clockStart := fs.String("clock-start", "", "RFC 3339 `time` every session's virtual clock starts at (default: the wall time)")
	maxUploads := fs.Int("max-uploaded-scenarios", sim.DefaultMaxUploadedScenarios, "most scenarios kept from admin uploads; more are refused with 409")
	maxUploadBytes := fs.Int64("max-uploaded-bytes", sim.DefaultMaxUploadedBytes, "most `bytes` of scenario files kept from admin uploads; more are refused with 409")
	maxSessions := fs.Int("max-sessions", sim.DefaultMaxSessions, "most live sessions kept; the least recently used goes first")
	maxSessionBytes := fs.Int64("max-session-bytes", sim.DefaultMaxSessionBytes, "most `bytes` one session holds of its own (changes, imports, sign-ins); a full session refuses changes until reset")
	maxTotalBytes := fs.Int64("max-total-session-bytes", sim.DefaultMaxTotalSessionBytes, "most `bytes` all sessions hold together; the least recently used go first")
	maxRefresh := fs.Int("max-refresh-tokens", auth.DefaultMaxRefreshTokens, "most refresh tokens a session keeps; the oldest is forgotten first")
	maxPage := fs.Int("max-page-size", world.DefaultMaxPage, "largest first or last a connection accepts (KT-CT-1202 beyond); measurements accept 1,000 or this, when larger")
	requestTimeout := fs.Duration("request-timeout", sim.DefaultRequestTimeout, "`duration` one request may take, waiting for its session included, before it is stopped")
	queryCache := fs.Int64("query-cache-bytes", graphql.DefaultCacheBytes, "estimated memory, in `bytes`, of the parsed GraphQL documents kept for reuse per endpoint (0 keeps none)")
	var scenarioPaths, activate stringList
	fs.Var(&scenarioPaths, "scenarios", "scenario `path` (a YAML file or a folder of them), active for every session and reloaded on change (repeatable)")
	fs.Var(&activate, "scenario", "`name` of a loaded scenario (shipped or from --scenarios) to activate for every session (repeatable)")
	strict := fs.Bool("strict", false, "refuse scenarios with lint warnings (undocumented error codes), not only errors")
	noWatch := fs.Bool("no-watch", false, "do not reload --scenarios files when they change")
	journalSize := fs.Int("journal-size", journal.DefaultSize, "requests each session's journal keeps (0 turns the journal off)")
	journalBytes := fs.Int("journal-bytes", journal.DefaultBytes, "most `bytes` of requests each session's journal keeps; past it the oldest go")
	proxyTo := fs.String("proxy-to", "", "`URL` of a real Kraken that answers what no scenario or forced error does (GraphQL and data-import REST)")
	proxyTimeout := fs.Duration("proxy-timeout", 30*time.Second, "longest wait for each --proxy-to call (`duration`; 504 beyond)")
	recordDir := fs.String("record", "", "`folder` to write what --proxy-to answered to, as scenario files that replay it")
	recordFailures := fs.Bool("record-failures", false, "also record upstream failures (no answer, timeouts, 5xx)")
	var redactFields stringList
	fs.Var(&redactFields, "redact-field", "`key` fragment of a personal field to fake in recordings, besides the defaults (repeatable)")
	if err := fs.parse(env, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("serve: unexpected argument %q", fs.Arg(0))
	}
	logCtx, stopLog := context.WithCancel(ctx)
	logOut := newBufferedLog(logCtx, env.stderr)
	defer func() {
		stopLog()
		_ = logOut.Flush()
	}()
	logger, err := newLogger(logOut, *logFormat, *logLevel)
	if err != nil {
		return err
	}
	if *journalSize < 0 {
		return usagef("serve: --journal-size must be 0 or more, got %d", *journalSize)
	}
	if *journalBytes < 1<<20 {
		return usagef("serve: --journal-bytes must be at least 1 MiB (1048576), got %d", *journalBytes)
	}
	for _, f := range []struct {
		name string
		v    int64
	}{
		{"max-body-bytes", *maxBody}, {"max-session-bytes", *maxSessionBytes},
		{"max-total-session-bytes", *maxTotalBytes}, {"max-refresh-tokens", int64(*maxRefresh)},
	} {
		if f.v <= 0 {
			return usagef("serve: --%s must be positive, got %d", f.name, f.v)
		}
	}
	if *requestTimeout <= 0 {
		return usagef("serve: --request-timeout must be positive, got %v", *requestTimeout)
	}
	if *queryCache < 0 {
		return usagef("serve: --query-cache-bytes must not be negative, got %d", *queryCache)
	}
	if *queryCache == 0 {
		*queryCache = -1 // the simulator reads 0 as the default
	}
	restoreGC := laxGC()
	defer restoreGC()
	// The world depends on the contract only through the country its tenant supplies:
	// on a second processor Great Britain's is built while the SDLs parse, and, for a
	// tenant SDL of the user's and the embedded worlds alone (no files of the user's to
	// read twice, no accounts to generate twice), each other country's too; a country
	// not built yet is built once the SDLs are read.
	worldOpts := fixtures.Options{WithoutDefault: *noDefault, Paths: fixturePaths, Generate: *generate, Seed: *seed}
	worlds := map[string]*sim.World{}
	var worldErr error
	built := make(chan struct{})
	go func() {
		defer close(built)
		countries := []string{"GB"}
		if len(sf.apiFiles) > 0 && *generate == 0 && len(fixturePaths) == 0 {
			countries = append(countries, fixtures.Countries()...)
		}
		for _, country := range countries {
			opts := worldOpts
			opts.Country = country
			if worlds[country], worldErr = fixtures.Build(opts); worldErr != nil {
				return
			}
		}
	}()
	c, err := sf.load()
	<-built
	if err != nil {
		return err
	}
	var backend *ast.Schema
	if len(backendFiles) > 0 {
		if backend, err = loadSDL(backendFiles, nil); err != nil {
			return err
		}
	}
	country := fake.Country(fake.LocalZone(c.api))
	if !slices.Contains(fixtures.Countries(), country) {
		country = "GB" // a country without a world of its own gets Great Britain's
	}
	world := worlds[country]
	if world == nil && worldErr == nil {
		worldOpts.Country = country
		world, worldErr = fixtures.Build(worldOpts)
	}
	if *noDefault && len(fixturePaths) == 0 {
		return usagef("serve: --no-default-fixtures needs at least one --fixtures path")
	}
	if worldErr != nil {
		return &usageError{worldErr.Error()}
	}
	cfg := platform.Config(c.api, c.auth, c.registry, world)
	if backend != nil {
		cfg.Backend, cfg.BackendFields = backend, schema.NewCatalog(backend).FieldDocs()
	}
	cfg.Seed, cfg.MaxDepth, cfg.MaxComplexity, cfg.MaxNodes = *seed, *maxDepth, *maxComplexity, *maxNodes
	if cfg.RateLimit, err = ratelimit.ParsePolicy(*rateLimit); err != nil {
		return usagef("serve: --%s", strings.Replace(err.Error(), "rate limit", "rate-limit", 1))
	}
	cfg.TokenSecret, cfg.MaxSessions, cfg.MaxPageSize = []byte(*tokenSecret), *maxSessions, *maxPage
	cfg.MaxSessionBytes, cfg.MaxTotalSessionBytes, cfg.MaxRefreshTokens = *maxSessionBytes, *maxTotalBytes, *maxRefresh
	cfg.Logger = logger
	cfg.MaxUploadedScenarios, cfg.MaxUploadedBytes = *maxUploads, *maxUploadBytes
	cfg.RequestTimeout, cfg.QueryCacheBytes = *requestTimeout, *queryCache
	cfg.JournalSize, cfg.JournalBytes = *journalSize, *journalBytes
	if *journalSize == 0 {
		cfg.JournalSize = -1
	}
	if u, err := url.Parse(*tokenIssuer); *tokenIssuer != "" && (err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "") {
		return usagef("serve: --token-issuer %q: want an http or https URL such as https://api.octopus.energy/v1/graphql/", *tokenIssuer)
	}
	cfg.TokenIssuer = *tokenIssuer
	if *clockStart != "" {
		t, err := time.Parse(time.RFC3339, *clockStart)
		if err != nil {
			return usagef("serve: --clock-start %q: want an RFC 3339 time such as 2025-01-01T09:00:00Z", *clockStart)
		}
		cfg.ClockStart = t
	}
	src := &scenarioSource{paths: scenarioPaths, strict: *strict, log: logger, contract: scenarios.Contract{
		API: c.api, Auth: c.auth, Registry: c.registry, Routes: scenarios.RouteNames(cfg.Routes),
	}}
	all, fromFiles, warnings, _, err := src.load(false)
	if err != nil {
		return &usageError{"serve: --scenarios:\n" + err.Error()}
	}
	for _, w := range warnings {
		logger.Warn("scenarios: " + w.Error())
	}
	cfg.Scenarios, cfg.ActiveScenarios = all, append(fromFiles, activate...)
	proxy, err := newProxy(*proxyTo, *proxyTimeout, *recordDir, *recordFailures, redactFields, logger)
	if err != nil {
		return err
	}
	cfg.Proxy = proxy
	s, err := sim.New(cfg)
	if err != nil {
		return &usageError{"serve: " + err.Error()}
	}
	time.AfterFunc(startGCGrace, restoreGC)
	if len(scenarioPaths) > 0 && !*noWatch {
		if err := src.watch(ctx, s, logger); err != nil {
			return fmt.Errorf("serve: watching --scenarios: %w", err)
		}
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("serve: cannot listen on %s: %w", *addr, err)
	}
	v, _, _ := buildInfo()
	srv := server.New(server.Config{
		Sim: s, Logger: logger, LoadScenarios: src.upload,
		AllowedOrigins: origins, MaxBodyBytes: *maxBody, Version: v,
		AllowedHosts: allowedHosts, AdminToken: *adminToken,
		Schemas: map[string][]byte{"scenario.json": scenarios.JSONSchema, "fixtures.json": fixtures.JSONSchema},
	})
	if *adminToken == "" && !loopback(ln.Addr()) {
		logger.Warn("the admin API is reachable beyond this machine without a token; set --admin-token (or KRAKENSIM_ADMIN_TOKEN)", "addr", ln.Addr().String())
	}
	base := "http://" + ln.Addr().String()
	if rec, ok := proxy.Recorder.(*record.Recorder); ok {
		rec.SetSchemaURL(reachable(ln.Addr()) + record.SchemaPath)
		defer rec.Close() // after the last request is answered: every recorded call is written
	}
	fmt.Fprintf(env.stdout, "krakensim %s serving on %s (seed %d)\n", v, base, *seed)
	fmt.Fprintf(env.stdout, "  API site GraphQL:     %s/v1/graphql/\n", base)
	fmt.Fprintf(env.stdout, "  Auth server GraphQL:  %s/graphql/\n", base)
	if backend != nil {
		fmt.Fprintf(env.stdout, "  Backend GraphQL:      %s%s\n", base, sim.BackendPath)
	}
	fmt.Fprintf(env.stdout, "  Admin API:            %s/__krakensim/\n", base)
	fmt.Fprintf(env.stdout, "  Metrics:              %s/metrics\n", base)
	fmt.Fprintf(env.stdout, "  Scenarios:            %d loaded, %d active (GET /__krakensim/scenarios)\n", len(all), len(cfg.ActiveScenarios))
	if *proxyTo != "" {
		fmt.Fprintf(env.stdout, "  Proxy:                %s (timeout %s)\n", redactedURL(*proxyTo), *proxyTimeout)
	}
	if *recordDir != "" {
		fmt.Fprintf(env.stdout, "  Recording to:         %s\n", *recordDir)
	}
	fmt.Fprintf(env.stdout, "  World:                %d users, %d accounts (sign in as demo@krakensim.dev / krakensim)\n", len(world.Users), len(world.Accounts))
	return srv.Serve(ctx, ln)
}

// loopback reports whether a listener's address is reachable from this machine only.
func loopback(a net.Addr) bool {
	tcp, ok := a.(*net.TCPAddr)
	return ok && tcp.IP.IsLoopback()
}

// reachable is the http:// base URL of a listener as a client on this machine reaches
// it: 127.0.0.1 for a listener on every address.
func reachable(a net.Addr) string {
	if tcp, ok := a.(*net.TCPAddr); ok && tcp.IP.IsUnspecified() {
		return "http://" + net.JoinHostPort("127.0.0.1", strconv.Itoa(tcp.Port))
	}
	return "http://" + a.String()
}

func newLogger(out io.Writer, format, level string) (*slog.Logger, error) {
	var lvl slog.Level
	if err := lvl.UnmarshalText([]byte(level)); err != nil {
		return nil, usagef("serve: --log-level %q: want debug, info, warn or error", level)
	}
	opts := &slog.HandlerOptions{Level: lvl}
	switch strings.ToLower(format) {
	case "text":
		return slog.New(fastlog.NewText(out, opts)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(out, opts)), nil
	}
	return nil, usagef("serve: --log-format %q: want text or json", format)
}
