// Package coverage says which parts of the contract requests exercised: for every root
// field of both GraphQL endpoints and every REST route, whether it was called, which
// outcomes it produced, and which documented error codes and statuses it never did.
package coverage

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"sync"

	"github.com/krakensim/krakensim/sim/journal"
)

// OutcomeData is the outcome of a root field that answered without an error.
const OutcomeData = "data"

// Contract is what can be covered.
type Contract struct {
	Fields []Field
	Routes []Route
}

// Field is one documented GraphQL root field.
type Field struct {
	Endpoint  string
	Operation string
	Name      string
	// Codes are the documented error codes.
	Codes []string
	// Deprecated is set for a @deprecated field, with the removal date its reason gives.
	Deprecated  bool
	RemovalDate string
}

// Route is one REST endpoint with its documented statuses.
type Route struct {
	Method, Pattern string
	Statuses        []int
}

type key struct {
	endpoint, operation, name string
}

type stats struct {
	calls    int
	outcomes counts
}

// counts tallies outcomes; an operation has few, so a list beats a map.
type counts []Outcome

func (c *counts) add(outcome string, n int) {
	for i := range *c {
		if (*c)[i].Outcome == outcome {
			(*c)[i].Count += n
			return
		}
	}
	*c = append(*c, Outcome{outcome, n})
}

// Recorder counts what requests exercised; it is safe for concurrent use.
type Recorder struct {
	mu   sync.Mutex
	ops  map[key]*stats
	deps map[string]*deprecationUse
	// into, once set (Absorb), receives what is added from then on.
	into *Recorder
}

type deprecationUse struct {
	removal string
	uses    int
}

// NewRecorder returns an empty Recorder.
func NewRecorder() *Recorder {
	return &Recorder{ops: map[key]*stats{}, deps: map[string]*deprecationUse{}}
}

// Reset forgets everything recorded.
func (r *Recorder) Reset() {
	r.mu.Lock()
	defer r.mu.Unlock()
	clear(r.ops)
	clear(r.deps)
}

func (r *Recorder) stat(k key) *stats {
	s := r.ops[k]
	if s == nil {
		s = &stats{}
		r.ops[k] = s
	}
	return s
}

// Add counts one journal entry.
func (r *Recorder) Add(e *journal.Entry) {
	r.mu.Lock()
	if into := r.into; into != nil {
		r.mu.Unlock()
		into.Add(e)
		return
	}
	defer r.mu.Unlock()
	status := ""
	if e.Outcome.Status != 0 && (e.Endpoint == journal.EndpointREST || e.Outcome.Status != 200) {
		status = StatusOutcome(e.Outcome.Status)
	}
	if e.Endpoint == journal.EndpointREST {
		if e.Route == "" {
			return
		}
		s := r.stat(key{journal.EndpointREST, e.Method, e.Route})
		s.calls++
		switch {
		case e.Outcome.Fault != "":
			s.outcomes.add(FaultOutcome(e.Outcome.Fault), 1)
		case status == "":
			status = "no answer"
		}
		if status != "" {
			s.outcomes.add(status, 1)
		}
		return
	}
	for _, d := range e.Deprecations {
		u := r.deps[d.Coordinate]
		if u == nil {
			u = &deprecationUse{removal: d.RemovalDate}
			r.deps[d.Coordinate] = u
		}
		u.uses++
	}
	refused := !e.Outcome.Data && slices.Contains(e.Outcome.ErrorCodes, badHeader)
	// GraphQL answers 400 for a document that does not validate or variables that do
	// not coerce: the operation never ran, unless a rule scripted the status.
	invalid := e.Outcome.Status == 400 && !e.Outcome.Data && e.Outcome.Fault == ""
	for i := range e.Fields {
		f := &e.Fields[i]
		if len(f.ErrorCodes) == 1 && f.ErrorCodes[0] == badHeader || refused && len(f.ErrorCodes) == 0 {
			continue // krakensim refused the test's own header; the field never ran
		}
		if invalid && f.Rule == nil {
			continue
		}
		s := r.stat(key{e.Endpoint, e.OperationType, f.Name})
		s.calls++
		switch {
		case e.Outcome.Fault != "": // the client read none of the answer
			s.outcomes.add(FaultOutcome(e.Outcome.Fault), 1)
		case len(f.ErrorCodes) > 0:
			for _, c := range f.ErrorCodes {
				s.outcomes.add(c, 1)
			}
		case e.Outcome.Data:
			s.outcomes.add(OutcomeData, 1)
		case len(e.Outcome.ErrorCodes) > 0:
			for _, c := range e.Outcome.ErrorCodes {
				s.outcomes.add(c, 1)
			}
		case status == "":
			s.outcomes.add("error", 1)
		}
		if status != "" {
			s.outcomes.add(status, 1)
		}
	}
}

// badHeader is the errorCode krakensim answers a bad X-Krakensim-* request header with
// (sim.CodeBadRequestHeader).
const badHeader = "KRAKENSIM-BAD-HEADER"

// Take moves what other recorded into r, leaving other empty, in one step.
func (r *Recorder) Take(other *Recorder) {
	other.mu.Lock()
	taken := &Recorder{ops: other.ops, deps: other.deps}
	other.ops, other.deps = map[key]*stats{}, map[string]*deprecationUse{}
	other.mu.Unlock()
	r.Merge(taken)
}

// Absorb takes what other recorded, as Take does, and whatever is added to other
// from then on (a retired session's requests still in flight).
func (r *Recorder) Absorb(other *Recorder) {
	other.mu.Lock()
	taken := &Recorder{ops: other.ops, deps: other.deps}
	other.ops, other.deps, other.into = map[key]*stats{}, map[string]*deprecationUse{}, r
	other.mu.Unlock()
	r.Merge(taken)
}

// Merge adds what other recorded to r.
func (r *Recorder) Merge(other *Recorder) {
	other.mu.Lock()
	ops := make(map[key]stats, len(other.ops))
	for k, s := range other.ops {
		ops[k] = stats{calls: s.calls, outcomes: slices.Clone(s.outcomes)}
	}
	deps := make(map[string]deprecationUse, len(other.deps))
	for k, d := range other.deps {
		deps[k] = *d
	}
	other.mu.Unlock()
	r.mu.Lock()
	defer r.mu.Unlock()
	for k, s := range ops {
		t := r.stat(k)
		t.calls += s.calls
		for _, o := range s.outcomes {
			t.outcomes.add(o.Outcome, o.Count)
		}
	}
	for k, d := range deps {
		u := r.deps[k]
		if u == nil {
			u = &deprecationUse{removal: d.removal}
			r.deps[k] = u
		}
		u.uses += d.uses
	}
}

// statusOutcomes are the outcome names of the HTTP statuses, made once.
var statusOutcomes = func() []string {
	out := make([]string, 600)
	for i := 100; i < len(out); i++ {
		out[i] = "HTTP " + strconv.Itoa(i)
	}
	return out
}()

// FaultOutcome names the outcome of a scripted transport fault: "fault reset", "fault
// hang", "fault malformed", "fault empty".
func FaultOutcome(fault string) string { return "fault " + fault }

// StatusOutcome names the outcome of an HTTP status: "HTTP 201".
func StatusOutcome(status int) string {
	if status >= 100 && status < len(statusOutcomes) {
		return statusOutcomes[status]
	}
	return "HTTP " + strconv.Itoa(status)
}

// Report is the coverage of a contract.
type Report struct {
	// Session is the session covered; empty for all sessions.
	Session    string      `json:"session,omitempty"`
	Summary    Summary     `json:"summary"`
	Operations []Operation `json:"operations"`
	// Deprecations are the deprecated fields and arguments requests selected.
	Deprecations []Deprecation `json:"deprecations"`
}

// Summary totals a report.
type Summary struct {
	// Operations counts root fields and routes; Called those called at least once.
	Operations int `json:"operations"`
	Called     int `json:"called"`
	// Percent is Called over Operations.
	Percent float64 `json:"percent"`
	// Documented counts the documented outcomes (error codes and statuses) of every
	// operation; Produced those that occurred.
	Documented      int     `json:"documentedOutcomes"`
	Produced        int     `json:"producedOutcomes"`
	OutcomesPercent float64 `json:"outcomesPercent"`
	// DeprecatedUses counts requests that selected a deprecated field or argument.
	DeprecatedUses int `json:"deprecatedUses"`
}

// Operation is the coverage of one root field or route.
type Operation struct {
	// Endpoint is "/v1/graphql/", "/graphql/" or "rest".
	Endpoint string `json:"endpoint"`
	// Kind is "query", "mutation" or the REST method.
	Kind string `json:"kind"`
	// Name is the root field name or the route pattern.
	Name  string `json:"name"`
	Calls int    `json:"calls"`
	// Outcomes counts each outcome: "data", an error code, "HTTP 201", or a scripted
	// transport fault ("fault reset").
	Outcomes []Outcome `json:"outcomes"`
	// Documented lists the documented error codes or statuses.
	Documented []string `json:"documented"`
	// NeverProduced lists the documented ones that never occurred.
	NeverProduced []string `json:"neverProduced"`
	Deprecated    bool     `json:"deprecated,omitempty"`
	RemovalDate   string   `json:"removalDate,omitempty"`
}

// Outcome is one outcome and how often it occurred.
type Outcome struct {
	Outcome string `json:"outcome"`
	Count   int    `json:"count"`
}

// Deprecation is one deprecated field or argument and how often requests selected it.
type Deprecation struct {
	Coordinate  string `json:"coordinate"`
	RemovalDate string `json:"removalDate,omitempty"`
	Uses        int    `json:"uses"`
}

// Report computes the coverage of c from what r recorded.
func (r *Recorder) Report(c *Contract) *Report {
	r.mu.Lock()
	defer r.mu.Unlock()
	rep := &Report{Operations: []Operation{}, Deprecations: []Deprecation{}}
	add := func(op Operation, k key) {
		if s := r.ops[k]; s != nil {
			op.Calls = s.calls
			op.Outcomes = slices.Clone([]Outcome(s.outcomes))
			sort.Slice(op.Outcomes, func(i, j int) bool { return op.Outcomes[i].Outcome < op.Outcomes[j].Outcome })
		}
		if op.Outcomes == nil {
			op.Outcomes = []Outcome{}
		}
		op.NeverProduced = []string{}
		for _, d := range op.Documented {
			if !slices.ContainsFunc(op.Outcomes, func(o Outcome) bool { return o.Outcome == d }) {
				op.NeverProduced = append(op.NeverProduced, d)
			}
		}
		rep.Summary.Operations++
		if op.Calls > 0 {
			rep.Summary.Called++
		}
		rep.Summary.Documented += len(op.Documented)
		rep.Summary.Produced += len(op.Documented) - len(op.NeverProduced)
		rep.Operations = append(rep.Operations, op)
	}
	for _, f := range c.Fields {
		add(Operation{
			Endpoint: f.Endpoint, Kind: f.Operation, Name: f.Name,
			Documented: append([]string{}, f.Codes...), Deprecated: f.Deprecated, RemovalDate: f.RemovalDate,
		}, key{f.Endpoint, f.Operation, f.Name})
	}
	for _, rt := range c.Routes {
		doc := make([]string, 0, len(rt.Statuses))
		for _, s := range rt.Statuses {
			doc = append(doc, StatusOutcome(s))
		}
		add(Operation{Endpoint: journal.EndpointREST, Kind: rt.Method, Name: rt.Pattern, Documented: doc},
			key{journal.EndpointREST, rt.Method, rt.Pattern})
	}
	for coord, u := range r.deps {
		rep.Deprecations = append(rep.Deprecations, Deprecation{Coordinate: coord, RemovalDate: u.removal, Uses: u.uses})
		rep.Summary.DeprecatedUses += u.uses
	}
	sort.Slice(rep.Deprecations, func(i, j int) bool { return rep.Deprecations[i].Coordinate < rep.Deprecations[j].Coordinate })
	rep.Summary.Percent = percent(rep.Summary.Called, rep.Summary.Operations)
	rep.Summary.OutcomesPercent = percent(rep.Summary.Produced, rep.Summary.Documented)
	return rep
}

func percent(n, of int) float64 {
	if of == 0 {
		return 100
	}
	p := 100 * float64(n) / float64(of)
	return float64(int(p*10+0.5)) / 10
}

// Label names an operation as the text table does: "mutation obtainKrakenToken" or
// "POST /v1/data-import/notes/create/".
func (o *Operation) Label() string {
	return fmt.Sprintf("%s %s", o.Kind, o.Name)
}
