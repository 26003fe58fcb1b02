package server

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strings"
	"time"

	"github.com/krakensim/krakensim/internal/fastlog"
	"github.com/krakensim/krakensim/sim"
)

// corsHeaders are the request headers browsers may send cross-origin.
var corsHeaders = []string{
	"Accept", "Authorization", "Content-Type",
	"X-Krakensim-Session", "X-Krakensim-Scenario", "X-Krakensim-Error",
	"X-Kraken-Possible-Errors",
}

// requestInfo carries what handlers learn about a request to the access log.
type requestInfo struct {
	operation string
	trace     *sim.Trace
	// ctx is the request's context carrying its trace slot, set by traceContext.
	ctx sim.TraceContext
	// writer is the request's traceWriter, allocated with the rest.
	writer traceWriter
	start  time.Time
}

// setOperation records the GraphQL operation name for the access log.
func setOperation(w http.ResponseWriter, name string) {
	if info := infoOf(w); info != nil {
		info.operation = name
	}
}

// infoOf finds the request's requestInfo through the writers wrapping the access
// log's statusWriter; nil when the request did not pass the access log.
func infoOf(w http.ResponseWriter) *requestInfo {
	for w != nil {
		switch x := w.(type) {
		case *statusWriter:
			return x.info
		case interface{ Unwrap() http.ResponseWriter }:
			w = x.Unwrap()
		default:
			return nil
		}
	}
	return nil
}

// traceContext is the request's context carrying its trace slot for the simulator, kept
// in the request's info from the first call on.
func traceContext(w http.ResponseWriter, r *http.Request) context.Context {
	if info := infoOf(w); info != nil {
		if info.ctx.Context == nil {
			info.ctx.Context = r.Context()
		}
		return &info.ctx
	}
	return r.Context()
}

// statusWriter remembers the status and size of a response, and carries what the
// handlers learn of the request for the access log (rather than a copy of the request
// with a context of its own).
type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int64
	info   *requestInfo
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += int64(n)
	return n, err
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// Flush passes flushes through.
func (w *statusWriter) Flush() {
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// loggedRequest is what the access log keeps of one request, allocated together.
type loggedRequest struct {
	writer statusWriter
	info   requestInfo
}

// logRequests writes one structured record per request.
func (s *Server) logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		x := &loggedRequest{info: requestInfo{start: start}}
		sw, info := &x.writer, &x.info
		*sw = statusWriter{ResponseWriter: w, info: info}
		next.ServeHTTP(sw, r)
		status := sw.status
		if status == 0 {
			status = http.StatusOK
		}
		level := slog.LevelInfo
		switch {
		case status >= 500:
			level = slog.LevelError
		case status >= 400:
			level = slog.LevelWarn
		}
		h := s.log.Handler()
		if !h.Enabled(r.Context(), level) {
			return
		}
		end := time.Now()
		var room [12]slog.Attr
		attrs := append(room[:0],
			slog.String("method", r.Method),
			slog.String("path", r.URL.Path),
			slog.Int("status", status),
			slog.Duration("duration", end.Sub(start)),
			slog.Int64("bytes", sw.bytes),
		)
		op := info.operation
		if t := info.trace; op == "" && t != nil && t.Committed() {
			op = t.Entry.OperationName // the document's name for the operation it ran
		}
		if op != "" {
			attrs = append(attrs, slog.String("operationName", op))
		}
		attrs = appendTrace(attrs, info.trace)
		// The record goes to the handler directly: Logger.LogAttrs would look up the
		// caller's program counter, which the access log never shows.
		if fh, ok := h.(*fastlog.Handler); ok {
			_ = fh.HandleAttrs(r.Context(), end, level, "request", attrs)
			return
		}
		rec := slog.NewRecord(end, level, "request", 0)
		rec.AddAttrs(attrs...)
		_ = h.Handle(r.Context(), rec)
	})
}

// recoverPanics turns a handler panic into a 500 JSON error for that request only.
func (s *Server) recoverPanics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sw, ok := w.(*statusWriter)
		if !ok {
			sw = &statusWriter{ResponseWriter: w}
		}
		defer func() {
			v := recover()
			if v == nil {
				return
			}
			if v == http.ErrAbortHandler {
				panic(v)
			}
			s.log.Error("panic while handling request",
				"method", r.Method, "path", r.URL.Path, "panic", fmt.Sprint(v), "stack", string(debug.Stack()))
			if sw.status != 0 {
				return // headers are gone; the client sees a truncated body
			}
			writeError(sw, mediaJSON, errorf(http.StatusInternalServerError,
				"internal error while handling %s %s: %v", r.Method, r.URL.Path, v))
		}()
		next.ServeHTTP(sw, r)
	})
}

// cors answers preflight requests and marks responses readable by allowed origins.
func (s *Server) cors(next http.Handler) http.Handler {
	anyOrigin := len(s.cfg.AllowedOrigins) == 0
	allowed := map[string]bool{}
	for _, o := range s.cfg.AllowedOrigins {
		o = strings.TrimRight(strings.TrimSpace(o), "/")
		if o == "*" {
			anyOrigin = true
		}
		allowed[strings.ToLower(o)] = true
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		origin := first(r.Header, "Origin")
		h := w.Header()
		ok := false
		if origin != "" {
			switch {
			case anyOrigin:
				h.Set("Access-Control-Allow-Origin", "*")
				ok = true
			case allowed[strings.ToLower(origin)]:
				h.Set("Access-Control-Allow-Origin", origin)
				h.Set("Access-Control-Allow-Credentials", "true")
				h.Add("Vary", "Origin")
				ok = true
			default:
				h.Add("Vary", "Origin")
			}
		}
		if ok {
			// Let browser clients read the deprecation warnings.
			h.Set("Access-Control-Expose-Headers", "Warning")
		}
		if r.Method != http.MethodOptions {
			next.ServeHTTP(w, r)
			return
		}
		// Every path answers OPTIONS here, preflight or not.
		h.Set("Allow", "GET, POST, OPTIONS")
		if ok && r.Header.Get("Access-Control-Request-Method") != "" {
			h.Set("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
			h.Set("Access-Control-Allow-Headers", allowHeaders(r.Header.Values("Access-Control-Request-Headers")))
			h.Set("Access-Control-Max-Age", "600")
		}
		w.WriteHeader(http.StatusNoContent)
	})
}

// allowHeaders lists corsHeaders plus whatever else the preflight asks for.
func allowHeaders(requested []string) string {
	out := append([]string(nil), corsHeaders...)
	have := map[string]bool{}
	for _, h := range out {
		have[strings.ToLower(h)] = true
	}
	for _, v := range requested {
		for _, h := range strings.Split(v, ",") {
			h = strings.TrimSpace(h)
			if h == "" || have[strings.ToLower(h)] || !validToken(h) {
				continue
			}
			have[strings.ToLower(h)] = true
			out = append(out, h)
		}
	}
	return strings.Join(out, ", ")
}

func validToken(s string) bool {
	for _, c := range s {
		if !(c == '-' || c == '_' || c == '.' || ('0' <= c && c <= '9') || ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z')) {
			return false
		}
	}
	return true
}

// appendTrace adds what the journal knows of a request to its log record: the
// session, the operation, the scenario rules that answered and the error codes.
func appendTrace(attrs []slog.Attr, t *sim.Trace) []slog.Attr {
	if t == nil || !t.Committed() || t.Entry.Session == "" {
		return attrs
	}
	e := &t.Entry
	attrs = append(attrs, slog.String("session", e.Session))
	if e.OperationType != "" {
		names := make([]string, len(e.Fields))
		for i, f := range e.Fields {
			names[i] = f.Name
		}
		attrs = append(attrs, slog.String("operation", e.OperationType+" "+strings.Join(names, ",")))
	}
	var matched []string
	if e.Rule != nil {
		matched = append(matched, e.Rule.ID)
	}
	for _, f := range e.Fields {
		if f.Rule != nil {
			matched = append(matched, f.Rule.ID)
		}
	}
	if len(matched) > 0 {
		attrs = append(attrs, slog.String("scenario", strings.Join(matched, ",")))
	}
	if len(e.Outcome.ErrorCodes) > 0 {
		attrs = append(attrs, slog.String("errorCodes", strings.Join(e.Outcome.ErrorCodes, ",")))
	}
	if e.Unmatched {
		attrs = append(attrs, slog.Bool("unmatched", true))
	}
	if len(e.Deprecations) > 0 {
		coords := make([]string, len(e.Deprecations))
		for i, d := range e.Deprecations {
			coords[i] = d.Coordinate
		}
		attrs = append(attrs, slog.String("deprecated", strings.Join(coords, ",")))
	}
	return attrs
}
