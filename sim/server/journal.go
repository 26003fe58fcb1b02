package server

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/krakensim/krakensim/scenarios"
	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/graphql"
	"github.com/krakensim/krakensim/sim/journal"
	"github.com/krakensim/krakensim/sim/rules"
)

// traceWriter records a request's journal entry just before its status goes out, and
// adds a Warning header for each deprecated field or argument the request selected.
type traceWriter struct {
	http.ResponseWriter
	trace *sim.Trace
}

// startTrace begins recording r when a simulator is configured; the caller defers
// finish on the returned writer.
func startTrace(s *sim.Simulator, w http.ResponseWriter, r *http.Request) (*traceWriter, *http.Request) {
	if s == nil {
		return nil, r
	}
	info := infoOf(w)
	ok := info != nil
	var tr *sim.Trace
	if ok {
		tr = s.StartTraceAt(info.start, r.Method, r.URL.Path, r.Header)
	} else {
		tr = s.StartTrace(r.Method, r.URL.Path, r.Header)
	}
	if tr == nil {
		return nil, r
	}
	if ok {
		info.trace = tr
		info.ctx.Slot.Set(tr)
		info.writer = traceWriter{ResponseWriter: w, trace: tr}
		return &info.writer, r
	}
	return &traceWriter{ResponseWriter: w, trace: tr}, r.WithContext(sim.WithTrace(r.Context(), tr))
}

// WriteHeader records the entry with the status, then sends it.
func (w *traceWriter) WriteHeader(code int) {
	if !w.trace.Committed() {
		for _, d := range w.trace.Entry.Deprecations {
			w.Header().Add("Warning", fmt.Sprintf("299 krakensim %q", sim.WarningText(d)))
		}
		w.trace.Commit(code, rules.FaultNone)
	}
	w.ResponseWriter.WriteHeader(code)
}

// Write sends the body, recording a 200 first when no status was sent.
func (w *traceWriter) Write(b []byte) (int, error) {
	if !w.trace.Committed() {
		w.WriteHeader(http.StatusOK)
	}
	return w.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (w *traceWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// finish records a request that sent no status (a fault, or a client that left).
func (w *traceWriter) finish() {
	if w != nil {
		w.trace.Commit(0, rules.FaultNone)
	}
}

// noteMessage records msg as an error message of the answer in the journal entry of
// the request w answers, when it keeps one not yet recorded.
func noteMessage(w http.ResponseWriter, msg string) {
	if tw, ok := w.(*traceWriter); ok && !tw.trace.Committed() {
		tw.trace.Entry.Outcome.AddMessage(msg)
	}
}

// noteRefusal keeps, in the journal entry of a request the transport refused before
// it ran, what was read of it: a GraphQL request's endpoint (path, "" for REST), and
// its document and operation name when they were decoded, else what was read of the
// body (cut past journal.MaxKeptText).
func noteRefusal(w http.ResponseWriter, path string, req *graphql.Request, body []byte) {
	tw, ok := w.(*traceWriter)
	if !ok || tw.trace.Committed() {
		return
	}
	e := &tw.trace.Entry
	if path != "" {
		e.Endpoint = path
	}
	if req != nil && req.Query != "" {
		e.SetDocument(req.Query)
		e.OperationName = req.OperationName
		return
	}
	if len(body) > 0 {
		e.SetBody([]byte(journal.Clip(string(body), journal.MaxKeptText)))
	}
}

// commitFault records a scripted fault before it breaks the exchange.
func commitFault(w http.ResponseWriter, r *http.Request, f rules.Fault, status int) {
	if f == rules.FaultNone {
		return
	}
	if f == rules.FaultReset || f == rules.FaultHang {
		status = 0
	}
	sim.TraceFrom(traceContext(w, r)).Commit(status, f)
}

// requestFilter reads the journal filters of a query string.
func requestFilter(r *http.Request) (journal.Filter, error) {
	q := r.URL.Query()
	f := journal.Filter{
		Field: q.Get("field"), OperationName: q.Get("operationName"), Path: q.Get("path"),
		ErrorCode: q.Get("errorCode"),
	}
	before := 0
	for _, p := range []struct {
		name string
		dst  *int
	}{{"status", &f.Status}, {"limit", &f.Limit}, {"before", &before}} {
		if v := q.Get(p.name); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < 0 {
				return f, fmt.Errorf("%s: %q is not a non-negative whole number", p.name, v)
			}
			*p.dst = n
		}
	}
	f.Before = uint64(before)
	switch v := q.Get("unmatched"); v {
	case "", "false", "0":
	case "true", "1":
		f.Unmatched = true
	default:
		return f, fmt.Errorf("unmatched: %q is not true or false", v)
	}
	return f, nil
}

func sessionError(w http.ResponseWriter, id string, err error) {
	if errors.Is(err, sim.ErrNoSession) {
		writeDetail(w, http.StatusNotFound, fmt.Sprintf("no session %q; sessions start with their first request", id))
		return
	}
	writeDetail(w, http.StatusBadRequest, err.Error())
}

// Journal pages: how many entries GET …/requests answers without ?limit=, the most it
// answers with one, and about the most memory a page's entries hold (Entry.Size; the
// newest always goes), so that an answer stays a few megabytes even of large requests.
const (
	DefaultRequestsPage      = 100
	MaxRequestsPage          = 1000
	MaxRequestsPageBytes int = 4 << 20
)

func (s *Server) listRequests(w http.ResponseWriter, r *http.Request, id string) {
	f, err := requestFilter(r)
	if err != nil {
		writeDetail(w, http.StatusBadRequest, err.Error())
		return
	}
	switch {
	case f.Limit == 0:
		f.Limit = DefaultRequestsPage
	case f.Limit > MaxRequestsPage:
		writeDetail(w, http.StatusBadRequest, fmt.Sprintf("limit: %d is over the %d a page allows; page back with ?before= the seq of the oldest entry you have", f.Limit, MaxRequestsPage))
		return
	}
	page := f.Limit
	f.Limit++ // one more says whether there are more
	entries, err := s.cfg.Sim.Requests(id, f)
	if err != nil {
		sessionError(w, id, err)
		return
	}
	out := map[string]any{"session": id, "journalSize": s.cfg.Sim.JournalSize()}
	held := 0
	for i, e := range entries {
		if held += e.Size(); i > 0 && held > MaxRequestsPageBytes {
			page = min(page, i)
			break
		}
	}
	if len(entries) > page {
		entries = entries[:page]
		out["nextBefore"] = entries[page-1].Seq
	}
	out["count"], out["requests"] = len(entries), entries
	writeAdmin(w, http.StatusOK, out)
}

func (s *Server) clearRequests(w http.ResponseWriter, r *http.Request, id string) {
	if err := s.cfg.Sim.ClearRequests(id); err != nil {
		sessionError(w, id, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) verify(w http.ResponseWriter, r *http.Request, id string) {
	if err := sim.ValidSessionID(id); err != nil {
		writeDetail(w, http.StatusBadRequest, err.Error())
		return
	}
	b, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.cfg.MaxBodyBytes))
	if err != nil {
		writeDetail(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("body: over the %d-byte limit", s.cfg.MaxBodyBytes))
		return
	}
	p, err := scenarios.CheckPattern("pattern", b, s.patterns())
	if err != nil {
		writeAdmin(w, http.StatusBadRequest, map[string]any{"detail": "the pattern has problems", "problems": strings.Split(strings.TrimSpace(err.Error()), "\n")})
		return
	}
	res, err := s.cfg.Sim.Verify(id, p)
	if err != nil {
		sessionError(w, id, err)
		return
	}
	out := map[string]any{"session": id, "holds": res.Holds, "expected": res.Expected, "count": res.Count, "matches": res.Matches, "nearMisses": res.NearMisses}
	if res.Dropped > 0 {
		out["dropped"], out["undetermined"] = res.Dropped, res.Undetermined
	}
	writeAdmin(w, http.StatusOK, out)
}

func (s *Server) unmatched(w http.ResponseWriter, r *http.Request, id string) {
	list, err := s.cfg.Sim.Unmatched(id)
	if err != nil {
		sessionError(w, id, err)
		return
	}
	writeAdmin(w, http.StatusOK, map[string]any{"session": id, "count": len(list), "requests": list})
}

func (s *Server) coverage(w http.ResponseWriter, r *http.Request) {
	id := r.URL.Query().Get("session")
	if r.Method == http.MethodDelete {
		if err := s.cfg.Sim.ResetCoverage(id); err != nil {
			sessionError(w, id, err)
			return
		}
		w.WriteHeader(http.StatusNoContent)
		return
	}
	rep, err := s.cfg.Sim.Coverage(id)
	if err != nil {
		sessionError(w, id, err)
		return
	}
	writeAdmin(w, http.StatusOK, rep)
}
