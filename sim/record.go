package sim

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/krakensim/krakensim/internal/jsonvalue"
	"github.com/krakensim/krakensim/sim/coverage"
	"github.com/krakensim/krakensim/sim/graphql"
	"github.com/krakensim/krakensim/sim/journal"
	"github.com/krakensim/krakensim/sim/rules"
	"github.com/krakensim/krakensim/sim/verify"
)

// Trace is one request's journal entry while it is answered: the HTTP layer starts it,
// the simulator fills it in, and Commit records it in the session's journal and
// coverage. A Trace belongs to one request's goroutine.
type Trace struct {
	// Entry is what is recorded; read it only after Commit.
	Entry journal.Entry
	sim   *Simulator
	sess  *Session
	start time.Time
	done  bool
	// refused says no root field ran though the answer has data (the rate limit
	// refused them all), so the entry keeps the document as a refusal's does.
	refused bool
}

type traceKey struct{}

// WithTrace returns ctx carrying t, for Serve and ServeREST to fill in.
func WithTrace(ctx context.Context, t *Trace) context.Context {
	if t == nil {
		return ctx
	}
	return context.WithValue(ctx, traceKey{}, t)
}

// TraceSlot is a place in a request's context for its Trace, made once per request
// by the HTTP layer so that starting a Trace needs no context of its own.
type TraceSlot struct{ trace *Trace }

// Set puts t in the slot.
func (s *TraceSlot) Set(t *Trace) { s.trace = t }

// TraceContext is a request's context carrying a TraceSlot, in which TraceFrom finds the
// request's Trace; the HTTP layer keeps one in an allocation it makes anyway.
type TraceContext struct {
	context.Context
	Slot TraceSlot
}

// Value is the slot under the trace key, and the parent context's value otherwise.
func (c *TraceContext) Value(key any) any {
	if _, ok := key.(traceKey); ok {
		return &c.Slot
	}
	return c.Context.Value(key)
}

// TraceFrom returns the Trace ctx carries, or nil.
func TraceFrom(ctx context.Context) *Trace {
	switch v := ctx.Value(traceKey{}).(type) {
	case *Trace:
		return v
	case *TraceSlot:
		return v.trace
	}
	return nil
}

// StartTrace begins the journal entry of a request; nil when recording is off.
func (s *Simulator) StartTrace(method, path string, header map[string][]string) *Trace {
	if s.noRecord {
		return nil
	}
	return s.StartTraceAt(time.Now(), method, path, header)
}

// StartTraceAt is StartTrace for a request that arrived at now (as the HTTP layer
// already read the time); nil when recording is off.
func (s *Simulator) StartTraceAt(now time.Time, method, path string, header map[string][]string) *Trace {
	if s.noRecord {
		return nil
	}
	t := &Trace{sim: s, start: now, Entry: journal.Entry{Time: now, Method: method, Path: path}}
	t.Entry.SetRequest(header, nil)
	return t
}

// Committed reports whether Commit already ran.
func (t *Trace) Committed() bool { return t == nil || t.done }

// Commit records the entry with the status sent (0 for none) and the scripted fault,
// once; later calls do nothing. The entry must not change afterwards.
func (t *Trace) Commit(status int, fault rules.Fault) {
	if t == nil || t.done {
		return
	}
	t.done = true
	e := &t.Entry
	e.Outcome.Status = status
	if fault != rules.FaultNone {
		e.Outcome.Fault = string(fault)
	}
	e.Latency = journal.Duration(time.Since(t.start))
	sess := t.sess
	if sess == nil {
		var err error
		if sess, err = t.sim.Session(e.HeaderValue(SessionHeader)); err != nil {
			return
		}
		if sess.mu.tryLock() { // a busy session's clock is left unread rather than waited for
			e.Virtual = sess.clock.Now()
			sess.mu.Unlock()
		}
	}
	e.Session = sess.ID
	// The entry counts towards the session's size as it is added, after release
	// measured the rest of the request.
	t.sim.sessions.mu.Lock()
	t.sim.grow(sess, int64(sess.journal.Add(e)))
	sess.coverage.Add(e)
	for _, f := range t.sim.recording.observers() {
		f(e)
	}
}

// recording is the simulator's side of the journal: the coverage of sessions that are
// gone (live sessions keep their own) and the observers of each committed entry.
type recording struct {
	retired  *coverage.Recorder
	mu       sync.Mutex
	observe  []func(*journal.Entry)
	reloads  atomic.Uint64
	failures atomic.Uint64
}

func (r *recording) observers() []func(*journal.Entry) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.observe
}

// OnRecord calls f with every journal entry as it is committed (for metrics); f must
// be quick and must not change the entry.
func (s *Simulator) OnRecord(f func(*journal.Entry)) {
	s.recording.mu.Lock()
	defer s.recording.mu.Unlock()
	s.recording.observe = append(slices.Clone(s.recording.observe), f)
}

// ScenarioReloadFailed counts a scenario reload that was rejected before it reached
// SetScenarios (a file that does not parse or lint).
func (s *Simulator) ScenarioReloadFailed() { s.recording.failures.Add(1) }

// ScenarioReloads counts the scenario reloads applied and those rejected.
func (s *Simulator) ScenarioReloads() (applied, failed uint64) {
	return s.recording.reloads.Load(), s.recording.failures.Load()
}

// retire keeps the coverage of a session that is reset.
func (s *Simulator) retire(sess *Session) {
	s.recording.retired.Take(sess.coverage)
}

// JournalSize is how many entries a session's journal keeps (0: the journal is off).
func (s *Simulator) JournalSize() int { return s.journalSize }

// JournalEntries counts the entries held by every live session's journal.
func (s *Simulator) JournalEntries() int {
	n := 0
	for _, sess := range s.liveSessions() {
		n = n + sess.journal.Len()
	}
	return n
}

func (s *Simulator) liveSessions() []*Session {
	s.sessions.mu.Lock()
	defer s.sessions.mu.Unlock()
	out := make([]*Session, 0, len(s.sessions.byID))
	for _, sess := range s.sessions.byID {
		out = append(out, sess)
	}
	return out
}

// LiveSessions counts the live sessions.
func (s *Simulator) LiveSessions() int {
	s.sessions.mu.Lock()
	defer s.sessions.mu.Unlock()
	return len(s.sessions.byID)
}

// existing returns the live session id names (an empty id is the default one).
func (s *Simulator) existing(id string) (*Session, error) {
	if id == "" {
		id = DefaultSessionID
	}
	s.sessions.mu.Lock()
	defer s.sessions.mu.Unlock()
	if sess, ok := s.sessions.byID[id]; ok {
		return sess, nil
	}
	return nil, ErrNoSession
}

// readable returns the session id names for an admin read, which must not create one:
// a live session, or until its first request the default one as it would begin (the
// fixtures, kept by no one).
func (s *Simulator) readable(id string) (*Session, error) {
	if id == "" || id == DefaultSessionID {
		if sess, err := s.existing(id); err == nil {
			return sess, nil
		}
		sess := &Session{ID: DefaultSessionID, sim: s, mu: make(sessionLock, 1), journal: journal.New(0), coverage: coverage.NewRecorder()}
		s.initSession(sess)
		return sess, nil
	}
	if err := ValidSessionID(id); err != nil {
		return nil, err
	}
	sess, err := s.existing(id)
	if err != nil {
		return nil, fmt.Errorf("%w: %q; sessions start with their first request", err, id)
	}
	return sess, nil
}

// SessionExists fails with ErrNoSession unless the session id names is live or is the
// default one, for the admin reads that must not create a session.
func (s *Simulator) SessionExists(id string) error {
	_, err := s.readable(id)
	return err
}

// NoFilter selects every journal entry.
var NoFilter = journal.Filter{}

// Requests returns a session's journal, newest first, as f selects.
func (s *Simulator) Requests(session string, f journal.Filter) ([]*journal.Entry, error) {
	sess, err := s.existing(session)
	if err != nil {
		return nil, err
	}
	return journal.Select(sess.journal.Entries(), f), nil
}

// ClearRequests empties a session's journal.
func (s *Simulator) ClearRequests(session string) error {
	sess, err := s.existing(session)
	if err != nil {
		return err
	}
	sess.journal.Clear()
	return nil
}

// fieldEntry returns the journal field of a root field call, or nil.
func (x *exchange) fieldEntry(f *graphql.Field) *journal.Field {
	if x.trace == nil {
		return nil
	}
	name := f.Alias
	if name == "" {
		name = f.Name
	}
	fs := x.trace.Entry.Fields
	for i := range fs {
		if fs[i].Name == f.Name && (fs[i].Alias == name || fs[i].Alias == "" && name == f.Name) {
			return &fs[i]
		}
	}
	return nil
}

// noteAnswer records which rule or resolver answered a root field.
func (x *exchange) noteAnswer(f *graphql.Field, rule *rules.Rule, resolver string) {
	if fe := x.fieldEntry(f); fe != nil {
		fe.Args = f.Args
		if rule != nil {
			fe.Rule = journal.RuleOf(rule)
		}
		if resolver != "" && fe.Resolver == "" {
			fe.Resolver = resolver
		}
	}
}

// noteUnmatched marks a root field that active rules exist for but none matched.
func (x *exchange) noteUnmatched(f *graphql.Field, ix *rules.Index, call *rules.GraphQLCall) {
	fe := x.fieldEntry(f)
	if fe == nil {
		return
	}
	cands := ix.GraphQLCandidates(call.Field, x.active)
	if len(cands) == 0 {
		return
	}
	for _, r := range cands {
		if r.When.MatchesGraphQL(call) {
			return // matched, but its sequence is spent
		}
	}
	fe.Args, fe.Unmatched, fe.Candidates = f.Args, true, cands
	x.trace.Entry.Unmatched = true
}

// finishGraphQL fills the entry's outcome from the response.
func finishGraphQL(e *journal.Entry, resp *graphql.Response) {
	e.Outcome.Data = resp.Executed && resp.Data != nil
	for _, err := range resp.Errors {
		if err == nil {
			continue
		}
		e.Outcome.AddMessage(err.Message)
		code, _ := err.Extensions["errorCode"].(string)
		if code == "" {
			code, _ = err.Extensions["code"].(string)
		}
		if code == "" {
			continue
		}
		if !slices.Contains(e.Outcome.ErrorCodes, code) {
			e.Outcome.ErrorCodes = append(e.Outcome.ErrorCodes, code)
		}
		if len(err.Path) == 0 {
			continue
		}
		root, _ := err.Path[0].(string)
		for i := range e.Fields {
			f := &e.Fields[i]
			if (f.Alias == root || f.Alias == "" && f.Name == root) && !slices.Contains(f.ErrorCodes, code) {
				f.ErrorCodes = append(f.ErrorCodes, code)
			}
		}
	}
}

// startREST fills a REST entry's request part; it returns the decoded JSON body.
func (t *Trace) startREST(sess *Session, req *HTTPRequest) {
	if t == nil {
		return
	}
	e := &t.Entry
	t.sess = sess
	e.Endpoint, e.Route, e.Query, e.Virtual = journal.EndpointREST, req.Route, req.Query, sess.clock.Now()
	if e.Method == "" {
		e.Method, e.Path = req.Method, req.Path
	}
	e.SetRequest(req.Header, req.Body)
	for _, r := range sess.sim.byPattern[req.Route] {
		if r.Method == req.Method {
			e.Resolver = r.key
		}
	}
}

// busyREST fills the request part of a REST entry whose session was busy until its
// deadline, which startREST cannot, as the session was never had.
func (t *Trace) busyREST(s *Simulator, req *HTTPRequest) {
	if t == nil {
		return
	}
	e := &t.Entry
	e.Endpoint, e.Route, e.Query = journal.EndpointREST, req.Route, req.Query
	if e.Method == "" {
		e.Method, e.Path = req.Method, req.Path
	}
	for _, r := range s.byPattern[req.Route] {
		if r.Method == req.Method {
			e.Resolver = r.key
		}
	}
}

// finishREST fills a REST entry's outcome from the answer: a failure's messages are
// the texts of its JSON body (a detail, each field's errors).
func (t *Trace) finishREST(resp *HTTPResponse) {
	if t == nil || resp == nil {
		return
	}
	t.Entry.Outcome.Data = resp.Status == 0 || resp.Status/100 == 2
	t.Entry.Outcome.Delay = journal.Duration(resp.Delay)
	if resp.Status >= 400 && len(resp.Body) > 0 && len(resp.Body) <= journal.MaxKeptText && jsonvalue.Valid(resp.Body) {
		restMessages(&t.Entry.Outcome, "", jsonvalue.Decode(resp.Body))
	}
}

// restMessages records the texts of a REST failure's body: a detail as it is, a
// field's error after the field's path ("ledger_code: …"); codes are left out.
func restMessages(o *journal.Outcome, path string, v any) {
	switch x := v.(type) {
	case string:
		if path != "" {
			x = path + ": " + x
		}
		o.AddMessage(x)
	case []any:
		for _, e := range x {
			restMessages(o, path, e)
		}
	case map[string]any:
		for _, k := range slices.Sorted(maps.Keys(x)) {
			switch k {
			case "code", "attr", "type":
				continue
			case "detail", "non_field_errors", "errors", "message":
				restMessages(o, path, x[k])
			default:
				p := k
				if path != "" {
					p = path + "." + k
				}
				restMessages(o, p, x[k])
			}
		}
	}
}

// noteUnmatched marks a REST call that active rules exist for but none matched.
func (t *Trace) noteUnmatched(ix *rules.Index, call *rules.HTTPCall, active rules.Active) {
	if t == nil {
		return
	}
	cands := ix.HTTPCandidates(call.Method, call.Path, active)
	if len(cands) == 0 {
		return
	}
	for _, r := range cands {
		if r.When.MatchesHTTP(call) {
			return
		}
	}
	t.Entry.Unmatched, t.Entry.Candidates = true, cands
}

// Verify checks a session's journal against a pattern; it returns ErrNoSession for a
// session that does not exist (one never started, or dropped).
func (s *Simulator) Verify(session string, p *rules.Pattern) (*verify.Result, error) {
	sess, err := s.existing(session)
	if err != nil {
		return nil, err
	}
	if s.noRecord {
		return nil, ErrNotRecording
	}
	return verify.Check(sess.journal.Entries(), sess.journal.Dropped(), p, verify.DefaultNearMisses), nil
}

// ErrNotRecording is Verify's answer when recording is off (Config.NoRecord): no
// request was journalled, so no count can be checked.
var ErrNotRecording = errors.New("recording is off (NoRecord), so the journal holds no requests to verify")

// Unmatched lists a session's requests that no rule matched while it had rules for
// their field or route, newest first, with how each rule differed.
func (s *Simulator) Unmatched(session string) ([]verify.Unmatched, error) {
	sess, err := s.existing(session)
	if err != nil {
		return nil, err
	}
	return verify.UnmatchedRequests(sess.journal.Entries()), nil
}

// Coverage reports which parts of the contract a session's requests exercised; an
// empty session means every session since the simulator started (or since
// ResetCoverage).
func (s *Simulator) Coverage(session string) (*coverage.Report, error) {
	rec := coverage.NewRecorder()
	if session != "" {
		sess, err := s.existing(session)
		if err != nil {
			return nil, err
		}
		rec = sess.coverage
	} else {
		rec.Merge(s.recording.retired)
		for _, sess := range s.liveSessions() {
			rec.Merge(sess.coverage)
		}
	}
	c := s.CoverageContract()
	rep := rec.Report(&c)
	rep.Session = session
	return rep, nil
}

// ResetCoverage forgets the coverage of a session, or of all sessions ("").
func (s *Simulator) ResetCoverage(session string) error {
	if session == "" {
		s.recording.retired.Reset()
		for _, sess := range s.liveSessions() {
			sess.coverage.Reset()
		}
		return nil
	}
	sess, err := s.existing(session)
	if err != nil {
		return err
	}
	sess.coverage.Reset()
	return nil
}

// CoverageContract lists what can be covered: every documented root field of each
// endpoint and every REST route.
func (s *Simulator) CoverageContract() coverage.Contract {
	var c coverage.Contract
	for _, e := range []*Endpoint{s.api, s.auth, s.backend} {
		if e == nil {
			continue
		}
		for _, d := range e.contract.docs {
			f := coverage.Field{Endpoint: e.path, Operation: d.Operation, Name: d.Name, Deprecated: d.Deprecated, RemovalDate: RemovalDate(d.DeprecationReason)}
			for _, de := range d.Errors {
				f.Codes = append(f.Codes, de.Code)
			}
			c.Fields = append(c.Fields, f)
		}
	}
	for _, r := range s.routeList {
		c.Routes = append(c.Routes, coverage.Route{Method: r.Method, Pattern: r.Pattern, Statuses: r.Statuses})
	}
	return c
}
