package sim

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/krakensim/krakensim/sim/graphql"
	"github.com/krakensim/krakensim/sim/rules"
)

// HeaderScenario names the request header that activates scenarios for one request.
const HeaderScenario = "X-Krakensim-Scenario"

// ErrNoScenario reports a scenario name that no loaded scenario has.
var ErrNoScenario = errors.New("no such scenario")

// scenarioSet holds the loaded scenarios and those active for every session.
type scenarioSet struct {
	mu       sync.RWMutex
	base     []*rules.Scenario // from the configuration (pack and files)
	uploaded []*rules.Scenario // added at run time
	index    *rules.Index
	global   []string
}

// ScenarioInfo describes a loaded scenario for listings.
type ScenarioInfo struct {
	Name        string   `json:"name"`
	Description string   `json:"description,omitempty"`
	Tags        []string `json:"tags,omitempty"`
	Source      string   `json:"source"`
	Rules       int      `json:"rules"`
	// Active is "global", "session" or "" for the session asked about.
	Active string `json:"active,omitempty"`
}

// SetScenarios replaces the configured scenarios (a reload), keeping run-time uploads
// and the activations of names that still exist; sequences start again.
func (s *Simulator) SetScenarios(scs []*rules.Scenario) error {
	s.scenarios.mu.Lock()
	defer s.scenarios.mu.Unlock()
	return s.rebuildLocked(scs, s.scenarios.uploaded)
}

// AddScenarios adds scenarios at run time (an upload), replacing loaded ones of the
// same name, and returns their names.
func (s *Simulator) AddScenarios(scs []*rules.Scenario) ([]string, error) {
	s.scenarios.mu.Lock()
	defer s.scenarios.mu.Unlock()
	names := make([]string, 0, len(scs))
	up := slices.Clone(s.scenarios.uploaded)
	for _, sc := range scs {
		names = append(names, sc.Name)
		up = slices.DeleteFunc(up, func(o *rules.Scenario) bool { return o.Name == sc.Name })
		up = append(up, sc)
	}
	return names, s.rebuildLocked(s.scenarios.base, up)
}

func (s *Simulator) rebuildLocked(base, uploaded []*rules.Scenario) error {
	all := make([]*rules.Scenario, 0, len(base)+len(uploaded))
	for _, sc := range base {
		if !slices.ContainsFunc(uploaded, func(o *rules.Scenario) bool { return o.Name == sc.Name }) {
			all = append(all, sc)
		}
	}
	all = append(all, uploaded...)
	ix, err := rules.NewIndex(all)
	if err != nil {
		return err
	}
	s.scenarios.base, s.scenarios.uploaded, s.scenarios.index = base, uploaded, ix
	s.scenarios.global = slices.DeleteFunc(slices.Clone(s.scenarios.global), func(n string) bool { return ix.Scenario(n) == nil })
	return nil
}

func (s *Simulator) scenarioIndex() *rules.Index {
	s.scenarios.mu.RLock()
	defer s.scenarios.mu.RUnlock()
	return s.scenarios.index
}

// Scenarios describes the loaded scenarios, and which are active for a session ("" for
// the global activations only).
func (s *Simulator) Scenarios(session string) []ScenarioInfo {
	s.scenarios.mu.RLock()
	ix, global := s.scenarios.index, slices.Clone(s.scenarios.global)
	s.scenarios.mu.RUnlock()
	var active []string
	if session != "" {
		if sess, err := s.Session(session); err == nil {
			sess.mu.Lock()
			active = sess.Scenarios()
			sess.mu.Unlock()
		}
	}
	if ix == nil {
		return []ScenarioInfo{}
	}
	out := []ScenarioInfo{}
	for _, sc := range ix.Scenarios() {
		info := ScenarioInfo{Name: sc.Name, Description: sc.Description, Tags: sc.Tags, Source: sc.Pos.File, Rules: len(sc.Rules)}
		switch {
		case slices.Contains(active, sc.Name):
			info.Active = "session"
		case slices.Contains(global, sc.Name):
			info.Active = "global"
		}
		out = append(out, info)
	}
	return out
}

// ActivateScenario makes a scenario apply to one session, or to all ("" session).
func (s *Simulator) ActivateScenario(name, session string) error {
	return s.setActive(name, session, true)
}

// DeactivateScenario undoes ActivateScenario.
func (s *Simulator) DeactivateScenario(name, session string) error {
	return s.setActive(name, session, false)
}

func (s *Simulator) setActive(name, session string, on bool) error {
	if ix := s.scenarioIndex(); ix == nil || ix.Scenario(name) == nil {
		return fmt.Errorf("%w: %q; loaded: %s", ErrNoScenario, name, strings.Join(s.scenarioNames(), ", "))
	}
	// Copy on write: request closures from active may still read the old slice.
	toggle := func(list []string) []string {
		list = slices.DeleteFunc(slices.Clone(list), func(n string) bool { return n == name })
		if on {
			list = append(list, name)
		}
		return list
	}
	if session == "" {
		s.scenarios.mu.Lock()
		s.scenarios.global = toggle(s.scenarios.global)
		s.scenarios.mu.Unlock()
		return nil
	}
	sess, err := s.Session(session)
	if err != nil {
		return err
	}
	sess.mu.Lock()
	defer sess.mu.Unlock()
	sess.scenarios = toggle(sess.scenarios)
	return nil
}

// ResetScenarios deactivates a session's scenarios and restarts its sequences; for ""
// it clears the global activations and restarts every session's sequences.
func (s *Simulator) ResetScenarios(session string) error {
	if session != "" {
		sess, err := s.Session(session)
		if err != nil {
			return err
		}
		sess.mu.Lock()
		defer sess.mu.Unlock()
		sess.scenarios = nil
		sess.counters.Reset()
		return nil
	}
	s.scenarios.mu.Lock()
	s.scenarios.global = nil
	s.scenarios.mu.Unlock()
	s.sessions.mu.Lock()
	defer s.sessions.mu.Unlock()
	for _, sess := range s.sessions.byID {
		sess.counters.Reset()
	}
	return nil
}

func (s *Simulator) scenarioNames() []string {
	ix := s.scenarioIndex()
	if ix == nil {
		return nil
	}
	var names []string
	for _, sc := range ix.Scenarios() {
		names = append(names, sc.Name)
	}
	return names
}

// requestScenarios reads X-Krakensim-Scenario: the names must all be loaded.
func (s *Simulator) requestScenarios(h map[string][]string) ([]string, error) {
	var names []string
	for _, v := range h[HeaderScenario] {
		for n := range strings.SplitSeq(v, ",") {
			if n = strings.TrimSpace(n); n != "" {
				names = append(names, n)
			}
		}
	}
	if len(names) == 0 {
		return nil, nil
	}
	ix := s.scenarioIndex()
	for _, n := range names {
		if ix == nil || ix.Scenario(n) == nil {
			return nil, fmt.Errorf("%s: no scenario %q is loaded; loaded: %s", HeaderScenario, n, strings.Join(s.scenarioNames(), ", "))
		}
	}
	return names, nil
}

// active says which scenarios apply to a call and in which layer.
func (s *Simulator) active(request []string, sess *Session) rules.Active {
	s.scenarios.mu.RLock()
	global := s.scenarios.global
	s.scenarios.mu.RUnlock()
	if len(request) == 0 && len(sess.scenarios) == 0 && len(global) == 0 {
		return nil
	}
	return func(name string) (int, bool) {
		switch {
		case slices.Contains(request, name):
			return 0, true
		case slices.Contains(sess.scenarios, name):
			return 1, true
		case slices.Contains(global, name):
			return 2, true
		}
		return 0, false
	}
}

// delay picks an answer's delay.
func delay(d rules.Delay) time.Duration {
	if d.Max > d.Min {
		return d.Min + rand.N(d.Max-d.Min+1)
	}
	return d.Min
}

// scripted answers a root field from the active scenarios, or returns nil.
func (x *exchange) scripted(_ context.Context, f *graphql.Field, doc *FieldDoc) (*scriptedValue, error) {
	s := x.endpoint.sim
	ix := s.scenarioIndex()
	if ix == nil || x.active == nil {
		return nil, nil
	}
	vars := mergeArgs(x.req.Variables, f.Args)
	m := ix.SelectGraphQL(&rules.GraphQLCall{
		Endpoint: x.endpoint.path, Operation: string(f.Operation), OperationName: x.req.OperationName,
		Field: f.Name, Variables: vars, Header: x.req.Header,
	}, x.active, x.session.counters)
	if m == nil {
		return nil, nil
	}
	td := &rules.TemplateData{
		Variables: vars, Header: x.req.Header, Now: x.session.Now(),
		Session: x.session.ID, Call: m.Call, Seed: s.seed,
	}
	a := m.Answer
	if err := x.recordOutcome(a, td); err != nil {
		return nil, err
	}
	root := f.Alias
	if root == "" {
		root = f.Name
	}
	var rootErrs []error
	for _, spec := range a.Errors {
		e, err := s.scriptedError(spec, td)
		if err != nil {
			return nil, err
		}
		if spec.Path == "" {
			rootErrs = append(rootErrs, e)
			continue
		}
		if x.nested == nil {
			x.nested = map[string]error{}
		}
		key := root + "." + spec.Path
		x.nested[key] = errors.Join(x.nested[key], e)
	}
	if len(rootErrs) > 0 {
		return nil, errors.Join(rootErrs...)
	}
	if !a.HasData {
		return nil, nil
	}
	data, err := rules.Render(a.Data, td)
	if err != nil {
		return nil, x.scenarioError(m.Rule, err)
	}
	return &scriptedValue{value: data, final: data == nil}, nil
}

// mergeArgs lets rules match a field's arguments whether the client inlined them or
// passed them as variables: the coerced arguments win over same-named variables.
func mergeArgs(vars, args map[string]any) map[string]any {
	if len(args) == 0 {
		return vars
	}
	out := make(map[string]any, len(vars)+len(args))
	for k, v := range vars {
		out[k] = v
	}
	for k, v := range args {
		out[k] = v
	}
	return out
}

// recordOutcome keeps the first scripted effect on the HTTP exchange.
func (x *exchange) recordOutcome(a *rules.Answer, td *rules.TemplateData) error {
	if a.Delay == (rules.Delay{}) && a.Fault == rules.FaultNone && a.Status == 0 && len(a.Headers) == 0 {
		return nil
	}
	if x.outcome != nil {
		return nil
	}
	out := &Outcome{Transport: Transport{Delay: delay(a.Delay), Fault: a.Fault}, Status: a.Status}
	header, body, err := renderHTTP(a, td)
	if err != nil {
		return err
	}
	out.Header = header
	if a.Status != 0 {
		out.Body = body
	}
	x.outcome = out
	return nil
}

// scriptedError builds a scripted Kraken error from the registry and the rule's
// overrides.
func (s *Simulator) scriptedError(spec rules.ErrorSpec, td *rules.TemplateData) (*graphql.Error, error) {
	e := s.KrakenError(spec.Code)
	text := func(v string) (string, error) {
		out, err := rules.RenderString(v, td)
		if err != nil {
			return "", fmt.Errorf("%s: %w", spec.Pos, err)
		}
		return out, nil
	}
	var err error
	if spec.Message != "" {
		if e.Message, err = text(spec.Message); err != nil {
			return nil, err
		}
	}
	if spec.Description != "" {
		if e.Extensions["errorDescription"], err = text(spec.Description); err != nil {
			return nil, err
		}
	}
	if spec.Type != "" {
		e.Extensions["errorType"] = spec.Type
	}
	if len(spec.ValidationErrors) > 0 {
		list := make([]any, 0, len(spec.ValidationErrors))
		for _, v := range spec.ValidationErrors {
			msg, err := text(v.Message)
			if err != nil {
				return nil, err
			}
			list = append(list, map[string]any{"message": msg, "inputPath": v.InputPath})
		}
		e.Extensions["validationErrors"] = list
	}
	if spec.Class != "" {
		e.Extensions["errorClass"] = spec.Class
	}
	for k, v := range spec.Extensions {
		e.Extensions[k] = v
	}
	return e, nil
}

func (x *exchange) scenarioError(r *rules.Rule, err error) error {
	return &graphql.Error{
		Message:    fmt.Sprintf("scenario %s, rule %s (%s): %v", r.Scenario, r.ID, r.Pos, err),
		Extensions: map[string]any{"errorCode": CodeScenarioFailed},
	}
}

// CodeScenarioFailed is the errorCode of a scenario answer that could not be rendered.
const CodeScenarioFailed = "KRAKENSIM-SCENARIO"

// renderHTTP renders an answer's headers and body.
func renderHTTP(a *rules.Answer, td *rules.TemplateData) (map[string][]string, []byte, error) {
	var header map[string][]string
	if len(a.Headers) > 0 {
		header = make(map[string][]string, len(a.Headers))
		for k, v := range a.Headers {
			out, err := rules.RenderString(v, td)
			if err != nil {
				return nil, nil, fmt.Errorf("%s: header %s: %w", a.Pos, k, err)
			}
			header[canonicalHeader(k)] = []string{out}
		}
	}
	switch {
	case a.RawBody != nil:
		out, err := rules.RenderString(*a.RawBody, td)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: rawBody: %w", a.Pos, err)
		}
		return header, []byte(out), nil
	case a.HasBody:
		out, err := rules.Render(a.Body, td)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: body: %w", a.Pos, err)
		}
		b, err := json.Marshal(out)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: body: %w", a.Pos, err)
		}
		if header == nil {
			header = map[string][]string{}
		}
		if _, ok := header["Content-Type"]; !ok {
			header["Content-Type"] = []string{"application/json"}
		}
		return header, b, nil
	}
	return header, nil, nil
}

// scriptedREST answers a REST call from the active scenarios, or returns nil. An answer
// that only delays or breaks the exchange lets the real endpoint answer.
func (s *Simulator) scriptedREST(_ context.Context, sess *Session, req *HTTPRequest, request []string) *HTTPResponse {
	ix := s.scenarioIndex()
	active := s.active(request, sess)
	if ix == nil || active == nil {
		return nil
	}
	var body any
	if len(req.Body) > 0 {
		_ = json.Unmarshal(req.Body, &body)
	}
	m := ix.SelectHTTP(&rules.HTTPCall{Method: req.Method, Path: req.Path, Query: req.Query, Header: req.Header, Body: body}, active, sess.counters)
	if m == nil {
		return nil
	}
	a := m.Answer
	td := &rules.TemplateData{
		Header: req.Header, Params: m.Params, Query: req.Query, Body: body,
		Now: sess.Now(), Session: sess.ID, Call: m.Call, Seed: s.seed,
	}
	header, b, err := renderHTTP(a, td)
	if err != nil {
		return JSONResponse(500, map[string]any{"detail": fmt.Sprintf("scenario %s, rule %s: %v", m.Rule.Scenario, m.Rule.ID, err)})
	}
	tr := Transport{Delay: delay(a.Delay), Fault: a.Fault}
	if a.Status == 0 && a.RawBody == nil && !a.HasBody {
		return &HTTPResponse{Transport: tr, Header: header}
	}
	status := a.Status
	if status == 0 {
		status = 200
	}
	if b == nil && a.RawBody == nil && !a.HasBody && status >= 400 {
		if detail, ok := drfDetails[status]; ok {
			if header == nil {
				header = map[string][]string{}
			}
			header["Content-Type"] = []string{"application/json"}
			b, _ = json.Marshal(map[string]any{"detail": detail})
		}
	}
	return &HTTPResponse{Status: status, Header: header, Body: b, Transport: tr}
}

// drfDetails are the {"detail"} texts Django REST Framework answers an error status
// with, for a scripted REST status without a body.
var drfDetails = map[int]string{
	400: "Malformed request.",
	401: "Authentication credentials were not provided.",
	403: "You do not have permission to perform this action.",
	404: "Not found.",
	405: "Method not allowed.",
	429: "Request was throttled.",
	500: "A server error occurred.",
	502: "Bad gateway.",
	503: "Service temporarily unavailable, try again later.",
	504: "Gateway timeout.",
}
