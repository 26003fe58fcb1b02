// Package server is krakensim's HTTP layer: GraphQL over HTTP for the API site
// (/v1/graphql/) and the authentication server (/graphql/), CORS, request logging,
// panic recovery, the admin health check and graceful shutdown.
package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"sync"
	"time"

	"github.com/krakensim/krakensim/scenarios"
	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/graphql"
)

// Executor answers GraphQL requests for one endpoint (satisfied by *graphql.Executor).
type Executor interface {
	Execute(ctx context.Context, req *graphql.Request) *graphql.Response
}

// Config configures a Server.
type Config struct {
	// API answers /v1/graphql/ and Auth answers /graphql/; a nil one makes its
	// endpoint answer 404, unless Sim gives it.
	API, Auth Executor
	// Backend, when set (or given by Sim), answers BackendPath and the API path for a
	// backend host's name.
	Backend Executor
	// Sim, when set, answers both GraphQL endpoints (unless API or Auth is given), the
	// REST routes, scripted answers on other paths, and the admin API.
	Sim *sim.Simulator
	// LoadScenarios parses and lints scenario files uploaded to the admin API; nil
	// refuses uploads.
	LoadScenarios ScenarioLoader
	// Logger receives one record per request; nil discards.
	Logger *slog.Logger
	// AllowedOrigins lists the origins browsers may call from; nil, empty or a "*"
	// entry allows any origin.
	AllowedOrigins []string
	// AllowedHosts lists extra Host names (any port) the admin API answers, besides
	// localhost, loopback addresses and the address a connection came in on; "*"
	// allows any.
	AllowedHosts []string
	// AdminToken, when set, is the Bearer token every admin call but the health check
	// must send.
	AdminToken string
	// MaxBodyBytes bounds a request body; 0 means DefaultMaxBodyBytes.
	MaxBodyBytes int64
	// Schemas are the JSON Schemas served under SchemasPath, by file name
	// ("scenario.json"); each $id is rewritten to the URL it is fetched from.
	Schemas map[string][]byte
	// Version is reported by the health endpoint.
	Version string
	// ShutdownTimeout bounds how long Serve waits for in-flight requests once its
	// context ends; 0 means DefaultShutdownTimeout.
	ShutdownTimeout time.Duration
}

// Defaults applied by New to zero Config fields.
const (
	DefaultMaxBodyBytes    = 1 << 20
	DefaultShutdownTimeout = 10 * time.Second
)

// Server is krakensim's HTTP handler; it implements http.Handler.
type Server struct {
	cfg     Config
	log     *slog.Logger
	handler http.Handler
	metrics *metrics
	// patterns is what verification patterns are checked against, built on first use.
	patterns func() scenarios.Contract
}

// New builds a Server from cfg, applying defaults to zero fields.
func New(cfg Config) *Server {
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.MaxBodyBytes <= 0 {
		cfg.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if cfg.ShutdownTimeout <= 0 {
		cfg.ShutdownTimeout = DefaultShutdownTimeout
	}
	if cfg.Sim != nil {
		if cfg.API == nil {
			cfg.API = cfg.Sim.API()
		}
		if cfg.Auth == nil {
			cfg.Auth = cfg.Sim.Auth()
		}
		if b := cfg.Sim.Backend(); cfg.Backend == nil && b != nil {
			cfg.Backend = b
		}
	}
	s := &Server{cfg: cfg, log: cfg.Logger, metrics: newMetrics(cfg.Sim)}
	if cfg.Sim != nil {
		s.patterns = sync.OnceValue(func() scenarios.Contract { return scenarios.SimulatorContract(cfg.Sim) })
	}
	s.handler = s.logRequests(s.recoverPanics(s.cors(s.routes())))
	return s
}

// ServeHTTP answers one request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if s.cfg.Sim != nil && r.ContentLength != 0 && r.Body != nil && r.Body != http.NoBody {
		r.Body = bodyDeadline(w, r.Body, s.cfg.Sim.RequestTimeout())
	}
	s.handler.ServeHTTP(w, r)
}

// bodyDeadline bounds the time a request's body may take to arrive to the request's
// deadline, so that a body sent slowly cannot hold a connection for ever: a read past
// it fails saying so. Once the whole body is read the connection has no deadline again.
func bodyDeadline(w http.ResponseWriter, body io.ReadCloser, timeout time.Duration) io.ReadCloser {
	conn, ok := w.(readDeadliner) // net/http's own writer, not a test's recorder
	if !ok || timeout <= 0 || conn.SetReadDeadline(time.Now().Add(timeout)) != nil {
		return body
	}
	return &timedBody{ReadCloser: body, conn: conn, timeout: timeout}
}

// readDeadliner is a ResponseWriter that can set its connection's read deadline.
type readDeadliner interface{ SetReadDeadline(time.Time) error }

// timedBody is a request body read under a deadline.
type timedBody struct {
	io.ReadCloser
	conn    readDeadliner
	timeout time.Duration
	done    bool
}

func (b *timedBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	if err == io.EOF && !b.done {
		b.done = true
		_ = b.conn.SetReadDeadline(time.Time{}) // a late body's deadline stays, so the rest is not waited for
	}
	if errors.Is(err, os.ErrDeadlineExceeded) {
		err = fmt.Errorf("the body did not arrive within the request's deadline (--request-timeout, %v): %w", b.timeout, err)
	}
	return n, err
}

// Serve answers requests on ln until ctx is done, then shuts down gracefully,
// letting in-flight requests finish within Config.ShutdownTimeout. It returns nil
// after a clean shutdown.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
		// Requests must outlive ctx so that Shutdown can let them finish.
		BaseContext: func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	s.log.Info("listening", "addr", ln.Addr().String(), "version", s.cfg.Version)

	select {
	case err := <-errc:
		return fmt.Errorf("serve %s: %w", ln.Addr(), err)
	case <-ctx.Done():
	}
	s.log.Info("shutting down", "addr", ln.Addr().String(), "timeout", s.cfg.ShutdownTimeout.String())
	sctx, cancel := context.WithTimeout(context.Background(), s.cfg.ShutdownTimeout)
	defer cancel()
	err := srv.Shutdown(sctx)
	if serr := <-errc; serr != nil && !errors.Is(serr, http.ErrServerClosed) && err == nil {
		err = serr
	}
	if err != nil {
		_ = srv.Close()
		return fmt.Errorf("shutdown %s: %w", ln.Addr(), err)
	}
	s.log.Info("stopped", "addr", ln.Addr().String())
	return nil
}
