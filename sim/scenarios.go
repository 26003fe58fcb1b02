package sim

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/krakensim/krakensim/sim/graphql"
	"github.com/krakensim/krakensim/sim/journal"
	"github.com/krakensim/krakensim/sim/rules"
)

// HeaderScenario names the request header that activates scenarios for one request.
const HeaderScenario = "X-Krakensim-Scenario"

// ErrNoScenario reports a scenario name that no loaded scenario has.
var ErrNoScenario = errors.New("no such scenario")

// ErrUploadLimit reports an upload that would keep more uploaded scenarios, or more
// bytes of them, than the simulator's bounds.
var ErrUploadLimit = errors.New("upload limit reached")

// Defaults of Config.MaxUploadedScenarios and Config.MaxUploadedBytes.
const (
	DefaultMaxUploadedScenarios = 256
	DefaultMaxUploadedBytes     = 32 << 20
)

// scenarioSet holds the loaded scenarios and those active for every session.
type scenarioSet struct {
	mu       sync.RWMutex
	refused  []ScenarioFileProblem // the files the last load refused
	base     []*rules.Scenario     // from the configuration (pack and files)
	uploaded []*rules.Scenario     // added at run time
	index    *rules.Index
	global   []string
	// defaults are the scenarios active for every session by configuration (the
	// --scenarios files and --activate), which a global reset returns to.
	defaults []string

	uploadBytes    map[string]int64 // source and regex bytes of each Upload'ed scenario, by name
	maxUploads     int
	maxUploadBytes int64
	// sessionUploads and sessionBytes count the scenarios uploaded for single
	// sessions and their bytes, which share the bounds.
	sessionUploads int
	sessionBytes   int64
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
	// Session is true for a scenario uploaded for the session asked about alone.
	Session bool `json:"sessionUpload,omitempty"`
}

// SetScenarios replaces the configured scenarios (a reload), keeping run-time uploads
// and the activations of names that still exist. Each session keeps its place in the
// sequences of a file whose rules did not change; those of a changed file start again.
func (s *Simulator) SetScenarios(scs []*rules.Scenario) error {
	s.scenarios.mu.RLock()
	old := s.scenarios.base
	s.scenarios.mu.RUnlock()
	if err := s.setScenarios(scs); err != nil {
		s.recording.failures.Add(1)
		return err
	}
	kept, gone := keptRules(old, scs)
	s.sessions.mu.Lock()
	for _, sess := range s.sessions.byID {
		sess.counters.Carry(kept, gone)
	}
	s.sessions.mu.Unlock()
	s.recording.reloads.Add(1)
	return nil
}

// keptRules pairs the rules of old with those of scs file by file, for each file whose
// rules are the same (but for their order among all loaded rules), and lists old's
// other rules.
func keptRules(old, scs []*rules.Scenario) (map[*rules.Rule]*rules.Rule, []*rules.Rule) {
	byFile := func(list []*rules.Scenario) map[string][]*rules.Rule {
		out := map[string][]*rules.Rule{}
		for _, sc := range list {
			out[sc.Pos.File] = append(out[sc.Pos.File], sc.Rules...)
		}
		return out
	}
	before, after := byFile(old), byFile(scs)
	kept := map[*rules.Rule]*rules.Rule{}
	var gone []*rules.Rule
	for file, rs := range before {
		if sameRules(rs, after[file]) {
			for i, r := range rs {
				kept[r] = after[file][i]
			}
			continue
		}
		gone = append(gone, rs...)
	}
	return kept, gone
}

// sameRules reports whether two lists of rules match and answer alike.
func sameRules(a, b []*rules.Rule) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		x, y := *a[i], *b[i]
		x.Order = y.Order
		if !reflect.DeepEqual(x, y) {
			return false
		}
	}
	return true
}

// setScenarios replaces the configured scenarios, as New's first load does.
func (s *Simulator) setScenarios(scs []*rules.Scenario) error {
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

// Upload adds scenarios parsed from an uploaded file of size bytes, within the bounds
// on uploads (Config.MaxUploadedScenarios and MaxUploadedBytes, which counts the
// sources and what their compiled regexes keep); past them it keeps nothing and
// returns an error wrapping ErrUploadLimit. Without a session the upload
// serves every session, as AddScenarios does; for a session it serves that session
// alone, in place of any other scenario of its name there, until the session is reset
// or dropped. Uploading under a name already uploaded (for the same session) replaces it.
func (s *Simulator) Upload(session string, scs []*rules.Scenario, size int64) ([]string, error) {
	return s.upload(session, scs, size, false)
}

// UploadActive is Upload that also activates the uploaded scenarios (for the session,
// or for every session without one) in the same step, so that a reset or delete of
// the session meanwhile cannot leave the upload unknown or half of it active.
func (s *Simulator) UploadActive(session string, scs []*rules.Scenario, size int64) ([]string, error) {
	return s.upload(session, scs, size, true)
}

func (s *Simulator) upload(session string, scs []*rules.Scenario, size int64, activate bool) ([]string, error) {
	if session != "" {
		return s.uploadFor(session, scs, size, activate)
	}
	s.scenarios.mu.Lock()
	defer s.scenarios.mu.Unlock()
	sizes := maps.Clone(s.scenarios.uploadBytes)
	if sizes == nil {
		sizes = map[string]int64{}
	}
	names, up := replaceUploads(s.scenarios.uploaded, sizes, scs, size)
	var total int64
	for _, sc := range up {
		total += sizes[sc.Name]
	}
	if err := s.scenarios.withinBounds(len(up)+s.scenarios.sessionUploads, total+s.scenarios.sessionBytes, scs); err != nil {
		return nil, err
	}
	if err := s.rebuildLocked(s.scenarios.base, up); err != nil {
		return nil, err
	}
	s.scenarios.uploadBytes = sizes
	if activate {
		s.scenarios.global = withActive(s.scenarios.global, names)
	}
	return names, nil
}

// withActive is a copy of active with names last, as activating them one by one
// leaves it (a copy: requests may still read active).
func withActive(active, names []string) []string {
	active = slices.DeleteFunc(slices.Clone(active), func(n string) bool { return slices.Contains(names, n) })
	return append(active, names...)
}

// uploadFor is Upload for a session, activating the scenarios there if asked, under
// the session's lock.
func (s *Simulator) uploadFor(session string, scs []*rules.Scenario, size int64, activate bool) ([]string, error) {
	sess, err := s.Session(session)
	if err != nil {
		return nil, err
	}
	sess.mu.Lock()
	defer sess.mu.Unlock()
	s.scenarios.mu.Lock()
	defer s.scenarios.mu.Unlock()
	if sess.gone {
		return nil, fmt.Errorf("%w: %q was dropped during the upload", ErrNoSession, session)
	}
	sizes := maps.Clone(sess.uploadSizes)
	if sizes == nil {
		sizes = map[string]int64{}
	}
	names, up := replaceUploads(sess.uploads, sizes, scs, size)
	var before, after int64
	for _, n := range sess.uploadSizes {
		before += n
	}
	for _, n := range sizes {
		after += n
	}
	count := len(s.scenarios.uploaded) + s.scenarios.sessionUploads - len(sess.uploadSizes) + len(sizes)
	var global int64
	for _, n := range s.scenarios.uploadBytes {
		global += n
	}
	if err := s.scenarios.withinBounds(count, global+s.scenarios.sessionBytes-before+after, scs); err != nil {
		return nil, err
	}
	own, err := s.scenarios.index.With(up...)
	if err != nil {
		return nil, err
	}
	sess.uploads, sess.own, sess.ownBase = up, own, s.scenarios.index
	s.scenarios.sessionUploads += len(sizes) - len(sess.uploadSizes)
	s.scenarios.sessionBytes += after - before
	sess.uploadSizes = sizes
	if activate {
		sess.scenarios = withActive(sess.scenarios, names)
	}
	return names, nil
}

// replaceUploads adds scs, parsed from a file of size bytes, to a copy of uploaded,
// each in place of an upload of its name, and records their sizes in sizes.
func replaceUploads(uploaded []*rules.Scenario, sizes map[string]int64, scs []*rules.Scenario, size int64) ([]string, []*rules.Scenario) {
	names := make([]string, 0, len(scs))
	up := slices.Clone(uploaded)
	for _, sc := range scs {
		names = append(names, sc.Name)
		up = slices.DeleteFunc(up, func(o *rules.Scenario) bool { return o.Name == sc.Name })
		up = append(up, sc)
		sizes[sc.Name] = (size+int64(len(scs))-1)/int64(len(scs)) + sc.RegexBytes()
	}
	return names, up
}

// withinBounds checks a count and bytes of uploaded scenarios, of the server and of
// every session together, against the bounds on uploads; the bytes are the sources'
// and what their compiled regexes keep (rules.Scenario.RegexBytes). scs are the
// upload's scenarios, which an error names.
func (set *scenarioSet) withinBounds(count int, bytes int64, scs []*rules.Scenario) error {
	const hint = "upload under an existing name to replace one, delete one first, or reset or delete the sessions whose uploads are no longer needed"
	if count > set.maxUploads {
		return fmt.Errorf("%w: the server keeps at most %d uploaded scenarios (of every session together) and this upload would make %d; %s",
			ErrUploadLimit, set.maxUploads, count, hint)
	}
	if bytes > set.maxUploadBytes {
		file := "the upload"
		var regexBytes int64
		for _, sc := range scs {
			regexBytes += sc.RegexBytes()
		}
		if len(scs) > 0 && scs[0].Pos.File != "" {
			file = scs[0].Pos.File
		}
		return fmt.Errorf("%w: %s: the server keeps at most %d bytes of uploaded scenarios (of every session together: their source, and about what their compiled regexes keep) and this upload would make %d, %d of them for this file's regexes; %s",
			ErrUploadLimit, file, set.maxUploadBytes, bytes, regexBytes, hint)
	}
	return nil
}

// freeUploads stops counting a session's uploads against the bounds, as it is reset
// or, when gone, dropped.
func (s *Simulator) freeUploads(sess *Session, gone bool) {
	s.scenarios.mu.Lock()
	defer s.scenarios.mu.Unlock()
	for _, n := range sess.uploadSizes {
		s.scenarios.sessionBytes -= n
	}
	s.scenarios.sessionUploads -= len(sess.uploadSizes)
	sess.uploadSizes, sess.gone = nil, gone
}

// indexFor is the scenario index of sess, which must be locked: the server's, with
// the session's own uploads in place of same-named scenarios.
func (s *Simulator) indexFor(sess *Session) *rules.Index {
	ix := s.scenarioIndex()
	if len(sess.uploads) == 0 {
		return ix
	}
	if sess.ownBase != ix {
		if own, err := ix.With(sess.uploads...); err == nil {
			sess.own, sess.ownBase = own, ix
		}
	}
	return sess.own
}

// RemoveUpload forgets an uploaded scenario: for a session, one uploaded for it (the
// server's scenario of the name, if any, serves it again); without, one uploaded for
// every session (a configured scenario of the same name, if any, serves again).
func (s *Simulator) RemoveUpload(session, name string) error {
	if session != "" {
		sess, err := s.existing(session)
		if err != nil {
			return fmt.Errorf("%w: %q", err, session)
		}
		sess.mu.Lock()
		defer sess.mu.Unlock()
		if !slices.ContainsFunc(sess.uploads, func(o *rules.Scenario) bool { return o.Name == name }) {
			return fmt.Errorf("%w: %q was not uploaded for session %q (an upload without a session is deleted without one); its uploads: %s",
				ErrNoScenario, name, sess.ID, strings.Join(uploadedNames(sess.uploads), ", "))
		}
		sess.uploads = slices.DeleteFunc(slices.Clone(sess.uploads), func(o *rules.Scenario) bool { return o.Name == name })
		base := s.scenarioIndex()
		ix, err := base.With(sess.uploads...)
		if err != nil {
			return err
		}
		sess.own, sess.ownBase = ix, base
		sess.scenarios = slices.DeleteFunc(slices.Clone(sess.scenarios), func(n string) bool { return ix.Scenario(n) == nil })
		s.scenarios.mu.Lock()
		defer s.scenarios.mu.Unlock()
		if n, ok := sess.uploadSizes[name]; ok {
			sizes := maps.Clone(sess.uploadSizes)
			delete(sizes, name)
			sess.uploadSizes = sizes
			s.scenarios.sessionUploads--
			s.scenarios.sessionBytes -= n
		}
		return nil
	}
	s.scenarios.mu.Lock()
	defer s.scenarios.mu.Unlock()
	if !slices.ContainsFunc(s.scenarios.uploaded, func(o *rules.Scenario) bool { return o.Name == name }) {
		return fmt.Errorf("%w: %q was not uploaded; uploaded: %s", ErrNoScenario, name, strings.Join(uploadedNames(s.scenarios.uploaded), ", "))
	}
	up := slices.DeleteFunc(slices.Clone(s.scenarios.uploaded), func(o *rules.Scenario) bool { return o.Name == name })
	if err := s.rebuildLocked(s.scenarios.base, up); err != nil {
		return err
	}
	sizes := maps.Clone(s.scenarios.uploadBytes)
	delete(sizes, name)
	s.scenarios.uploadBytes = sizes
	return nil
}

func uploadedNames(scs []*rules.Scenario) []string {
	names := make([]string, len(scs))
	for i, sc := range scs {
		names[i] = sc.Name
	}
	if len(names) == 0 {
		return []string{"none"}
	}
	return names
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
// the global activations only); a session's list holds its own uploads in place of
// same-named scenarios. It fails with ErrNoSession for a session that does not exist.
func (s *Simulator) Scenarios(session string) ([]ScenarioInfo, error) {
	s.scenarios.mu.RLock()
	ix, global := s.scenarios.index, slices.Clone(s.scenarios.global)
	s.scenarios.mu.RUnlock()
	var active []string
	var own []*rules.Scenario
	if session != "" {
		sess, err := s.readable(session)
		if err != nil {
			return nil, err
		}
		sess.mu.Lock()
		active, own, ix = sess.Scenarios(), sess.uploads, s.indexFor(sess)
		sess.mu.Unlock()
	}
	out := []ScenarioInfo{}
	if ix == nil {
		return out, nil
	}
	for _, sc := range ix.Scenarios() {
		info := ScenarioInfo{Name: sc.Name, Description: sc.Description, Tags: sc.Tags, Source: sc.Pos.File, Rules: len(sc.Rules)}
		info.Session = slices.Contains(own, sc)
		switch {
		case slices.Contains(active, sc.Name):
			info.Active = "session"
		case slices.Contains(global, sc.Name):
			info.Active = "global"
		}
		out = append(out, info)
	}
	return out, nil
}

// ActivateScenario makes a scenario apply to one session, or to all ("" session).
func (s *Simulator) ActivateScenario(name, session string) error {
	return s.setActive(name, session, true)
}

// ActivateDefault activates a scenario for every session, as Config.ActiveScenarios
// does: a global ResetScenarios leaves it active (a reload's --scenarios files).
func (s *Simulator) ActivateDefault(name string) error {
	if err := s.setActive(name, "", true); err != nil {
		return err
	}
	s.scenarios.mu.Lock()
	defer s.scenarios.mu.Unlock()
	if !slices.Contains(s.scenarios.defaults, name) {
		s.scenarios.defaults = append(slices.Clone(s.scenarios.defaults), name)
	}
	return nil
}

// DeactivateScenario undoes ActivateScenario.
func (s *Simulator) DeactivateScenario(name, session string) error {
	return s.setActive(name, session, false)
}

func (s *Simulator) setActive(name, session string, on bool) error {
	// Copy on write: request closures from active may still read the old slice.
	toggle := func(list []string) []string {
		list = slices.DeleteFunc(slices.Clone(list), func(n string) bool { return n == name })
		if on {
			list = append(list, name)
		}
		return list
	}
	if session == "" {
		ix := s.scenarioIndex()
		if ix.Scenario(name) == nil {
			return fmt.Errorf("%w: %q; loaded: %s", ErrNoScenario, name, strings.Join(scenarioNames(ix), ", "))
		}
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
	if ix := s.indexFor(sess); ix.Scenario(name) == nil {
		return fmt.Errorf("%w: %q; loaded for session %q: %s", ErrNoScenario, name, sess.ID, strings.Join(scenarioNames(ix), ", "))
	}
	sess.scenarios = toggle(sess.scenarios)
	return nil
}

// ResetScenarios deactivates a session's scenarios and restarts its sequences; for ""
// it returns the global activations to the configured ones (Config.ActiveScenarios
// and ActivateDefault) and restarts every session's sequences.
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
	ix := s.scenarios.index
	s.scenarios.global = slices.DeleteFunc(slices.Clone(s.scenarios.defaults), func(n string) bool { return ix == nil || ix.Scenario(n) == nil })
	s.scenarios.mu.Unlock()
	s.sessions.mu.Lock()
	defer s.sessions.mu.Unlock()
	for _, sess := range s.sessions.byID {
		sess.counters.Reset()
	}
	return nil
}

// scenarioNames lists the names of the scenarios ix holds.
func scenarioNames(ix *rules.Index) []string {
	var names []string
	for _, sc := range ix.Scenarios() {
		names = append(names, sc.Name)
	}
	return names
}

// ScenarioFileProblem is a scenario file that the last load of the --scenarios files
// refused, so that the admin API and X-Krakensim-Scenario can say why its scenarios
// are missing or stale rather than only the log.
type ScenarioFileProblem struct {
	File     string   `json:"file"`
	Problems []string `json:"problems"`
	// Scenarios are the names the file declares, as far as it could be read.
	Scenarios []string `json:"scenarios,omitempty"`
	// KeptLastGood says the file's last good version still serves; otherwise none of
	// its scenarios is loaded.
	KeptLastGood bool `json:"keptLastGood"`
}

// SetScenarioFileProblems records the files the last load refused (none clears them).
func (s *Simulator) SetScenarioFileProblems(files []ScenarioFileProblem) {
	s.scenarios.mu.Lock()
	defer s.scenarios.mu.Unlock()
	s.scenarios.refused = slices.Clone(files)
}

// ScenarioFileProblems lists the files the last load refused.
func (s *Simulator) ScenarioFileProblems() []ScenarioFileProblem {
	s.scenarios.mu.RLock()
	defer s.scenarios.mu.RUnlock()
	return slices.Clone(s.scenarios.refused)
}

// refusedFor says why no scenario name is loaded when a refused file declares it (or
// is named after it), or "".
func (s *Simulator) refusedFor(name string) string {
	for _, f := range s.ScenarioFileProblems() {
		base := strings.TrimSuffix(filepath.Base(f.File), filepath.Ext(f.File))
		if base != name && !slices.Contains(f.Scenarios, name) {
			continue
		}
		why := strings.Join(f.Problems, "; ")
		if f.KeptLastGood {
			return fmt.Sprintf("the file %s failed to load (%s); its last good version keeps serving", f.File, why)
		}
		return fmt.Sprintf("the file %s failed to load: %s", f.File, why)
	}
	return ""
}

// requestScenarios reads X-Krakensim-Scenario: the names must all be loaded for sess,
// which must be locked.
func (s *Simulator) requestScenarios(sess *Session, h map[string][]string) ([]string, error) {
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
	ix := s.indexFor(sess)
	for _, n := range names {
		if ix.Scenario(n) == nil {
			if why := s.refusedFor(n); why != "" {
				return nil, fmt.Errorf("%s: no scenario %q is loaded: %s", HeaderScenario, n, why)
			}
			return nil, fmt.Errorf("%s: no scenario %q is loaded; loaded: %s", HeaderScenario, n, strings.Join(scenarioNames(ix), ", "))
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

// picked is a root field's scenario answer, chosen before the operation runs.
type picked struct {
	m   *rules.Match
	td  *rules.TemplateData
	err error // the answer's HTTP part failed to render
}

// pick chooses the scenario answers of the operation's root fields in order before any
// of them runs, so that a scripted status or fault without processed stops every root
// field of the operation, those before it included: such an answer says the request
// never reached the application.
func (x *exchange) pick(ctx context.Context) {
	e := x.endpoint
	if x.active == nil || x.rateLimited || e.sim.indexFor(x.session) == nil {
		return
	}
	fields, resp := e.exec.Plan(ctx, x.prog, x.req)
	if resp != nil {
		return
	}
	op, _ := x.rootFields()
	x.picks = make(map[string]*picked, len(fields))
	for _, rf := range fields {
		if strings.HasPrefix(rf.Name, "__") {
			continue
		}
		f := &graphql.Field{Operation: ast.Operation(op), Name: rf.Name, Args: rf.Args}
		if rf.Key != rf.Name {
			f.Alias = rf.Key
		}
		doc, _ := e.contract.field(op, rf.Name)
		if x.forcedError(f, doc) != nil {
			continue
		}
		x.picks[rf.Key] = x.choose(f)
	}
	if o := x.outcome; o != nil && (o.Status != 0 || o.Fault != rules.FaultNone) && !o.processed {
		x.unprocessed = true
	}
}

// choose selects the scenario answer of root field f, counting the call, and keeps
// its effect on the HTTP exchange.
func (x *exchange) choose(f *graphql.Field) *picked {
	s := x.endpoint.sim
	ix := s.indexFor(x.session)
	vars := mergeArgs(x.req.Variables, f.Args)
	call := &rules.GraphQLCall{
		Endpoint: x.endpoint.path, Operation: string(f.Operation), OperationName: x.opName,
		Field: f.Name, Variables: vars, Header: x.req.Header,
	}
	m := ix.SelectGraphQL(call, x.active, x.session.counters)
	if m == nil {
		x.noteUnmatched(f, ix, call)
		return &picked{}
	}
	x.noteAnswer(f, m.Rule, "")
	p := &picked{m: m, td: &rules.TemplateData{
		Variables: vars, Header: x.req.Header, Now: x.session.Now(), Origin: Origin(x.req.Host, x.req.Secure, x.req.Header),
		Session: x.session.ID, Call: m.Call, Seed: s.seed, Budget: x.templateBudget(),
	}}
	if err := x.recordOutcome(m.Answer, p.td); err != nil {
		p.err = scenarioFailure(m.Rule, m.Answer, err).graphQL()
	}
	return p
}

// scripted answers a root field from the active scenarios, or returns nil.
func (x *exchange) scripted(_ context.Context, f *graphql.Field, doc *FieldDoc) (*scriptedValue, error) {
	s := x.endpoint.sim
	if x.active == nil || s.indexFor(x.session) == nil {
		return nil, nil
	}
	root := f.Alias
	if root == "" {
		root = f.Name
	}
	p, ok := x.picks[root]
	if !ok {
		p = x.choose(f)
	}
	if p.m == nil {
		return nil, nil
	}
	if p.err != nil {
		return nil, p.err
	}
	m, td := p.m, p.td
	a := m.Answer
	var rootErrs []error
	for i, spec := range a.Errors {
		e, err := s.scriptedError(doc, spec, td)
		if err != nil {
			return nil, scenarioFailure(m.Rule, a, inPart("errors."+strconv.Itoa(i), err)).graphQL()
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
	td.Required = requiredAt(x.endpoint.exec.Schema(), f.Definition)
	data, err := rules.Render(a.Data, td)
	if err != nil {
		return nil, scenarioFailure(m.Rule, a, inPart("data", err)).graphQL()
	}
	return &scriptedValue{value: data, final: data == nil}, nil
}

// requiredAt names the non-null type a scripted answer of field def needs at a path
// of its data ("accounts.0.number"), or "" where null will do or the path leaves the
// schema.
func requiredAt(s *ast.Schema, def *ast.FieldDefinition) func(string) string {
	return func(path string) string {
		if s == nil || def == nil {
			return ""
		}
		t := def.Type
		for seg := range strings.SplitSeq(path, ".") {
			if seg == "" {
				break
			}
			if t.Elem != nil {
				t = t.Elem
				continue
			}
			d := s.Types[t.Name()]
			if d == nil {
				return ""
			}
			f := d.Fields.ForName(seg)
			if f == nil && d.IsAbstractType() {
				for _, pt := range s.GetPossibleTypes(d) {
					if f = pt.Fields.ForName(seg); f != nil {
						break
					}
				}
			}
			if f == nil {
				return ""
			}
			t = f.Type
		}
		if t.NonNull {
			return t.String()
		}
		return ""
	}
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
	out := &Outcome{Transport: Transport{Delay: delay(a.Delay), Fault: a.Fault}, Status: a.Status, processed: a.Processed}
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

// scriptedError builds a scripted Kraken error from the registry and the field's
// documentation doc (documentedError), and the rule's overrides.
func (s *Simulator) scriptedError(doc *FieldDoc, spec rules.ErrorSpec, td *rules.TemplateData) (*graphql.Error, error) {
	e := s.documentedError(doc, spec.Code)
	text := func(part, v string) (string, error) {
		out, err := rules.RenderString(v, td)
		if err != nil {
			return "", inPart(part, err)
		}
		return out, nil
	}
	var err error
	if spec.Message != "" {
		if e.Message, err = text("message", spec.Message); err != nil {
			return nil, err
		}
	}
	if spec.Description != "" {
		if e.Extensions["errorDescription"], err = text("description", spec.Description); err != nil {
			return nil, err
		}
	}
	if spec.Type != "" {
		e.Extensions["errorType"] = spec.Type
	}
	if len(spec.ValidationErrors) > 0 {
		list := make([]any, 0, len(spec.ValidationErrors))
		for i, v := range spec.ValidationErrors {
			msg, err := text("validationErrors."+strconv.Itoa(i)+".message", v.Message)
			if err != nil {
				return nil, err
			}
			path, err := renderInputPath(v.InputPath, "validationErrors."+strconv.Itoa(i)+".inputPath", text)
			if err != nil {
				return nil, err
			}
			list = append(list, map[string]any{"message": msg, "inputPath": path})
		}
		e.Extensions["validationErrors"] = list
	} else {
		e = s.withInputProblem(doc, spec.Code, e)
	}
	if spec.Class != "" {
		e.Extensions["errorClass"] = spec.Class
	}
	for k, v := range spec.Extensions {
		e.Extensions[k] = v
	}
	return e, nil
}

// renderInputPath renders the segments of a validation error's inputPath that hold a
// template (with text, under part.<index>); one that renders to a whole number becomes
// a list index. The path is returned as it is when no segment holds a template.
func renderInputPath(path []any, part string, text func(part, v string) (string, error)) ([]any, error) {
	var out []any
	for i, seg := range path {
		str, ok := seg.(string)
		if !ok || !strings.Contains(str, "{{") {
			continue
		}
		if out == nil {
			out = slices.Clone(path)
		}
		got, err := text(part+"."+strconv.Itoa(i), str)
		if err != nil {
			return nil, err
		}
		if n, err := strconv.Atoi(got); err == nil && n >= 0 {
			out[i] = n
		} else {
			out[i] = got
		}
	}
	if out == nil {
		return path, nil
	}
	return out, nil
}

// CodeScenarioFailed is the errorCode of a scenario answer that could not be rendered.
const CodeScenarioFailed = "KRAKENSIM-SCENARIO"

// StatusScenarioFailed is the status of a REST answer whose scenario could not be
// rendered: the scenario's fault, not the server's, so not a 5xx.
const StatusScenarioFailed = 422

// partError is a failure in one part of an answer ("data.viewer.givenName").
type partError struct {
	part string
	err  error
}

func (e *partError) Error() string { return e.part + ": " + e.err.Error() }
func (e *partError) Unwrap() error { return e.err }

// inPart names the part of an answer err happened in; a template error's own path
// below the part is added.
func inPart(part string, err error) error {
	var pe *partError
	if errors.As(err, &pe) {
		return &partError{part: part + "." + pe.part, err: pe.err}
	}
	var te *rules.TemplateError
	if errors.As(err, &te) && te.Path != "" {
		part += "." + te.Path
	}
	return &partError{part: part, err: err}
}

// scenarioFailed describes a scripted answer that could not be rendered: the
// scenario, rule and where the failing string was written.
type scenarioFailed struct {
	rule  *rules.Rule
	part  string
	pos   rules.Pos
	err   error
	tmpl  *rules.TemplateError
	limit bool
}

func scenarioFailure(r *rules.Rule, a *rules.Answer, err error) *scenarioFailed {
	f := &scenarioFailed{rule: r, pos: a.Pos, err: err}
	var pe *partError
	if errors.As(err, &pe) {
		f.part, f.err = pe.part, pe.err
		if p, ok := a.Templates[pe.part]; ok {
			f.pos = p
		}
	}
	if r.Pos.File != "" && f.pos.File == "" {
		f.pos = r.Pos
	}
	var te *rules.TemplateError
	if errors.As(f.err, &te) {
		f.tmpl = te
	}
	var le *rules.LimitError
	f.limit = errors.As(f.err, &le)
	return f
}

// message names the scenario, rule, position and part, then the problem.
func (f *scenarioFailed) message() string {
	var b strings.Builder
	fmt.Fprintf(&b, "scenario %s, rule %s: ", f.rule.Scenario, f.rule.ID)
	if f.pos.Line > 0 {
		b.WriteString(f.pos.String())
		b.WriteString(": ")
	}
	if f.part != "" {
		b.WriteString(f.part)
		b.WriteString(": ")
	}
	if f.tmpl != nil {
		c := *f.tmpl
		c.Path = ""
		b.WriteString(c.Error())
	} else {
		b.WriteString(f.err.Error())
	}
	return b.String()
}

// fields are the failure's machine-readable parts, for error extensions and bodies.
func (f *scenarioFailed) fields() map[string]any {
	m := map[string]any{
		"errorCode": CodeScenarioFailed,
		"scenario":  f.rule.Scenario,
		"rule":      f.rule.ID,
	}
	if f.pos.File != "" {
		m["file"] = f.pos.File
	}
	if f.pos.Line > 0 {
		m["line"], m["column"] = f.pos.Line, f.pos.Column
	}
	if f.part != "" {
		m["part"] = f.part
	}
	if f.tmpl != nil && f.tmpl.Line > 0 {
		m["templateLine"] = f.tmpl.Line
		if f.tmpl.Column > 0 {
			m["templateColumn"] = f.tmpl.Column
		}
	}
	if f.limit {
		m["limit"] = true
	}
	return m
}

// graphQL is the failure as the field's error.
func (f *scenarioFailed) graphQL() *graphql.Error {
	return &graphql.Error{Message: f.message(), Extensions: f.fields()}
}

// rest is the failure as a REST answer.
func (f *scenarioFailed) rest() *HTTPResponse {
	body := f.fields()
	body["detail"] = f.message()
	return JSONResponse(StatusScenarioFailed, body)
}

// renderHTTP renders an answer's headers and body.
func renderHTTP(a *rules.Answer, td *rules.TemplateData) (map[string][]string, []byte, error) {
	var header map[string][]string
	if len(a.Headers) > 0 {
		header = make(map[string][]string, len(a.Headers))
		for k, v := range a.Headers {
			out, err := rules.RenderString(v, td)
			if err != nil {
				return nil, nil, inPart("headers."+k, err)
			}
			header[canonicalHeader(k)] = []string{out}
		}
	}
	switch {
	case a.RawBody != nil:
		out, err := rules.RenderString(*a.RawBody, td)
		if err != nil {
			return nil, nil, inPart("rawBody", err)
		}
		return header, []byte(out), nil
	case a.HasBody:
		out, err := rules.Render(a.Body, td)
		if err != nil {
			return nil, nil, inPart("body", err)
		}
		b, err := json.Marshal(out)
		if err != nil {
			return nil, nil, inPart("body", err)
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
func (s *Simulator) scriptedREST(ctx context.Context, sess *Session, req *HTTPRequest, request []string) *HTTPResponse {
	ix := s.indexFor(sess)
	active := s.active(request, sess)
	if ix == nil || active == nil {
		return nil
	}
	var body any
	if len(req.Body) > 0 {
		_ = json.Unmarshal(req.Body, &body)
	}
	call := &rules.HTTPCall{Method: req.Method, Path: req.Path, Query: req.Query, Header: req.Header, Body: body}
	m := ix.SelectHTTP(call, active, sess.counters)
	trace := TraceFrom(ctx)
	if m == nil {
		trace.noteUnmatched(ix, call, active)
		return nil
	}
	if trace != nil {
		trace.Entry.Rule = journal.RuleOf(m.Rule)
	}
	a := m.Answer
	td := &rules.TemplateData{
		Header: req.Header, Params: m.Params, Query: req.Query, Body: body,
		Now: sess.Now(), Origin: Origin(req.Host, req.Secure, req.Header), Session: sess.ID, Call: m.Call, Seed: s.seed, Budget: rules.NewBudget(ctx),
	}
	header, b, err := renderHTTP(a, td)
	if err != nil {
		return scenarioFailure(m.Rule, a, err).rest()
	}
	tr := Transport{Delay: delay(a.Delay), Fault: a.Fault}
	if a.Status == 0 && a.RawBody == nil && !a.HasBody {
		return &HTTPResponse{Transport: tr, Header: header, processed: a.Processed}
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
	return &HTTPResponse{Status: status, Header: header, Body: b, Transport: tr, processed: a.Processed}
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
