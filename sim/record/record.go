// Package record writes what a real Kraken answered, as the simulator proxied it, to
// scenario files that replay the same answers: one file per GraphQL operation name or
// REST route, one rule per distinct arguments or body, a sequence where the same call
// got different answers. Secrets and personal values never reach the files.
package record

import (
	"bytes"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/krakensim/krakensim/internal/lazyre"
	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/rules"
)

// SchemaURL is the scenario JSON Schema a recorded file names for editors until
// SetSchemaURL gives the recorder's own address.
const SchemaURL = "http://127.0.0.1:8080/__krakensim/schemas/scenario.json"

// SchemaPath is where a krakensim serves the scenario JSON Schema.
const SchemaPath = "/__krakensim/schemas/scenario.json"

// Options configures a Recorder.
type Options struct {
	// Dir is the folder the scenario files are written to; it is created if missing.
	Dir string
	// Failures records answers that failed (no answer, a timeout, a 5xx) too.
	Failures bool
	// PersonalFields replaces the default PersonalFields key fragments when non-nil.
	PersonalFields []string
	// Key makes the consistent fakes of one recording; nil draws a random one, so
	// fakes cannot be matched with real values across recordings.
	Key []byte
	// Source names where the answers came from, for each file's description.
	Source string
	// Upstream is the URL the answers came from; an answer's links to it (a page's
	// next, a link's href) are written as links to the replaying krakensim.
	Upstream string
	// Now is the recording's clock, which answers' times (a token's exp) are written
	// relative to; nil is time.Now.
	Now func() time.Time
	// OnError is told when a file cannot be written; nil ignores.
	OnError func(error)
}

// Recorder is a sim.Recorder that keeps scenario files up to date as calls come: a
// call adds to the recording in memory, and a writer in the background rewrites each
// file that changed, so a call's cost does not grow with the recording. Flush waits
// for the files to hold every call; Close flushes and stops the writer.
type Recorder struct {
	opts   Options
	red    redactor
	mu     sync.Mutex
	files  map[string]*file
	schema string

	dirty   []*file       // files with calls not yet written, in the order they changed
	added   uint64        // calls recorded so far
	written uint64        // calls in the files (or whose write failed and was reported)
	wrote   *sync.Cond    // broadcast when written grows, on mu
	wake    chan struct{} // tells the writer there is work; capacity 1
	stop    chan struct{} // closed by Close
	stopped chan struct{} // closed when the writer has returned
	writing bool          // a batch is being written, with mu released
	closed  bool
}

// SetSchemaURL makes the files written from now on name url as their JSON Schema: the
// recording krakensim's own, which it learns once it listens.
func (r *Recorder) SetSchemaURL(url string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.schema = url
}

var _ sim.Recorder = (*Recorder)(nil)

// New returns a Recorder writing to opts.Dir.
func New(opts Options) (*Recorder, error) {
	if opts.Dir == "" {
		return nil, fmt.Errorf("record: no folder given")
	}
	if err := os.MkdirAll(opts.Dir, 0o755); err != nil {
		return nil, fmt.Errorf("record: %w", err)
	}
	key := opts.Key
	if key == nil {
		key = make([]byte, 32)
		if _, err := rand.Read(key); err != nil {
			return nil, fmt.Errorf("record: %w", err)
		}
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	personal := opts.PersonalFields
	if personal == nil {
		personal = PersonalFields
	}
	norm := make([]string, 0, len(personal))
	for _, p := range personal {
		if p = strings.NewReplacer("_", "", "-", "").Replace(strings.ToLower(strings.TrimSpace(p))); p != "" {
			norm = append(norm, p)
		}
	}
	r := &Recorder{opts: opts, red: redactor{personal: norm, key: key, upstream: originOf(opts.Upstream), now: opts.Now}, files: map[string]*file{}, schema: SchemaURL,
		wake: make(chan struct{}, 1), stop: make(chan struct{}), stopped: make(chan struct{})}
	r.wrote = sync.NewCond(&r.mu)
	go r.writer()
	return r, nil
}

// file is one scenario file being recorded.
type file struct {
	name, base, about string
	rules             []*rule
	byKey             map[string]*rule
	dirty             bool
}

// rule is a recorded rule: a match and the answers it got, in order.
type rule struct {
	when    yaml.Node
	matches int
	order   int
	steps   []*step
}

type step struct {
	answer map[string]any
	key    string
	times  int
}

// RecordGraphQL adds a proxied operation: a rule for each of its root fields.
func (r *Recorder) RecordGraphQL(x *sim.GraphQLExchange) {
	if x.Reply.Failed() && !r.opts.Failures {
		return
	}
	base := x.OperationName
	if base == "" && len(x.Fields) > 0 {
		base = "anonymous-" + x.Fields[0].Name
	}
	answer := r.answer(x.Reply)
	failed := x.Reply.Status >= 400 || hasErrors(x.Reply.Body)
	r.mu.Lock()
	defer r.mu.Unlock()
	f := r.file(base, "GraphQL operation "+base)
	seen := map[string]bool{}
	for _, fd := range x.Fields {
		ab, _ := json.Marshal(fd.Args)
		if id := fd.Name + string(ab); seen[id] {
			continue
		} else {
			seen[id] = true
		}
		w := []kv{{"field", fd.Name}, {"operation", x.Operation}, {"endpoint", x.Endpoint}}
		if x.OperationName != "" {
			w = append(w, kv{"operationName", x.OperationName})
		} else {
			w = append(w, kv{"operationName", map[string]any{"absent": true}})
		}
		if vars := r.matchers("", normalize(anyMap(fd.Args)), failed); len(vars) > 0 {
			w = append(w, kv{"variables", vars})
		}
		w = append(w, kv{"headers", authMatch(x.Authorized)})
		f.add(w, answer)
	}
	r.changed(f)
}

// RecordREST adds a proxied REST call.
func (r *Recorder) RecordREST(x *sim.RESTExchange) {
	if x.Reply.Failed() && !r.opts.Failures {
		return
	}
	route := x.Request.Route
	if route == "" {
		route = x.Request.Path
	}
	base := strings.ToLower(x.Request.Method) + "-" + strings.Trim(route, "/")
	answer := r.answer(x.Reply)
	w := []kv{{"http", x.Request.Method + " " + route}}
	if p := r.pathMatchers(route, x.Request.Path); len(p) > 0 {
		w = append(w, kv{"path", p})
	}
	failed := x.Reply.Status >= 400
	if q := r.queryMatchers(x.Request.Query, failed); len(q) > 0 {
		w = append(w, kv{"query", q})
	}
	if len(x.Request.Body) > 0 {
		var body any
		if err := decodeJSON(x.Request.Body, &body); err == nil {
			if m := r.matchers("", body, failed); len(m) > 0 {
				w = append(w, kv{"body", m})
			}
		}
	}
	w = append(w, kv{"headers", authMatch(x.Request.HeaderValue("Authorization") != "")})
	r.mu.Lock()
	defer r.mu.Unlock()
	f := r.file(base, x.Request.Method+" "+route)
	f.add(w, answer)
	r.changed(f)
}

// hasErrors reports whether a GraphQL answer's body holds errors.
func hasErrors(body []byte) bool {
	var b struct {
		Errors []json.RawMessage `json:"errors"`
	}
	return json.Unmarshal(body, &b) == nil && len(b.Errors) > 0
}

// answer is how a reply is written: status, the kept headers, the redacted body.
func (r *Recorder) answer(reply *sim.UpstreamReply) map[string]any {
	a := map[string]any{"status": reply.Status}
	headers := map[string]string{}
	for k, v := range reply.Header {
		if len(v) == 0 {
			continue
		}
		switch k {
		case "Content-Type":
			if !strings.HasPrefix(v[0], "application/json") {
				headers[k] = v[0]
			}
		case "Retry-After", "Allow":
			headers[k] = v[0]
		}
	}
	if len(headers) > 0 {
		a["headers"] = headers
	}
	var body any
	switch {
	case len(reply.Body) == 0:
	case decodeOrdered(reply.Body, &body) == nil && body != nil:
		a["body"] = r.red.answer("", body, false)
	default:
		a["rawBody"] = escapeTemplate(string(reply.Body))
	}
	return a
}

var (
	unsafeName = lazyre.New(`[^A-Za-z0-9._-]+`)
	validName  = lazyre.New(`^[A-Za-z0-9][A-Za-z0-9._-]*$`)
)

// marker starts the second line of every file a Recorder writes; only such files
// are added to.
const marker = "# Written by krakensim serve --record"

func (r *Recorder) file(base, what string) *file {
	base = strings.Trim(unsafeName().ReplaceAllString(base, "-"), "-.")
	if base == "" {
		base = "call"
	}
	if f := r.files[base]; f != nil {
		return f
	}
	about := "Recorded answers to " + what
	if r.opts.Source != "" {
		about += " from " + r.opts.Source
	}
	key := base
	for n := 2; ; n++ {
		f := &file{name: "recorded-" + base, base: base, about: about, byKey: map[string]*rule{}}
		if err := f.load(filepath.Join(r.opts.Dir, base+".yaml")); err != nil {
			// Never write over a file that cannot be read back: take the next name.
			if r.opts.OnError != nil {
				r.opts.OnError(fmt.Errorf("record: %v; recording to %s-%d.yaml instead", err, key, n))
			}
			base = fmt.Sprintf("%s-%d", key, n)
			continue
		}
		r.files[key] = f
		return f
	}
}

// load reads the rules of a recording already at path, so that a new recording adds
// to it; a missing file is an empty recording.
func (f *file) load(path string) error {
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if !bytes.Contains(b, []byte(marker)) {
		return fmt.Errorf("%s was not written by krakensim serve --record", path)
	}
	var doc struct {
		Name        string `yaml:"name"`
		Description string `yaml:"description"`
		Rules       []struct {
			When yaml.Node `yaml:"when"`
			Then yaml.Node `yaml:"then"`
		} `yaml:"rules"`
	}
	if err := yaml.Unmarshal(b, &doc); err != nil {
		return fmt.Errorf("%s: %v", path, err)
	}
	if !validName().MatchString(doc.Name) {
		return fmt.Errorf("%s: name %q is not a scenario name", path, doc.Name)
	}
	f.name, f.about = doc.Name, doc.Description
	for _, rl := range doc.Rules {
		var when map[string]any
		if err := rl.When.Decode(&when); err != nil {
			return fmt.Errorf("%s:%d: %v", path, rl.When.Line, err)
		}
		var answers []map[string]any
		nodes := []*yaml.Node{&rl.Then}
		if rl.Then.Kind == yaml.SequenceNode {
			err = rl.Then.Decode(&answers)
			nodes = rl.Then.Content
		} else {
			var one map[string]any
			err = rl.Then.Decode(&one)
			answers = append(answers, one)
		}
		for i := 0; err == nil && i < len(answers) && i < len(nodes); i++ {
			if b := bodyNode(nodes[i]); b != nil && answers[i] != nil {
				answers[i]["body"], err = nodeValue(b)
			}
		}
		if err != nil {
			return fmt.Errorf("%s:%d: %v", path, rl.Then.Line, err)
		}
		kb, _ := yaml.Marshal(&rl.When)
		loaded := &rule{when: rl.When, matches: countMatches(when), order: len(f.rules)}
		for _, a := range answers {
			times, _ := a["times"].(int)
			delete(a, "times")
			ab, _ := json.Marshal(a)
			loaded.steps = append(loaded.steps, &step{answer: a, key: string(ab), times: max(times, 1)})
		}
		f.rules = append(f.rules, loaded)
		f.byKey[string(kb)] = loaded
	}
	return nil
}

// countMatches counts the matchers of a rule's when: the entries of its mappings, a
// sha256 one twice, so that a rule matching a secret's hash (a failed sign-in's
// password) comes before one matching its presence.
func countMatches(when map[string]any) int {
	n := 0
	for _, v := range when {
		if m, ok := v.(map[string]any); ok {
			n += len(m)
			for _, e := range m {
				if op, ok := e.(map[string]any); ok && op["sha256"] != nil {
					n++
				}
			}
		}
	}
	return n
}

// add appends answer to the rule for when, starting the rule if it is new.
func (f *file) add(when []kv, answer map[string]any) {
	node := mapping(when)
	kb, _ := yaml.Marshal(node)
	key := string(kb)
	ab, _ := json.Marshal(answer)
	rl := f.byKey[key]
	if rl == nil {
		w := map[string]any{}
		for _, e := range when {
			w[e.k] = e.v
		}
		rl = &rule{when: *node, matches: countMatches(w), order: len(f.rules)}
		f.rules = append(f.rules, rl)
		f.byKey[key] = rl
	}
	if n := len(rl.steps); n > 0 && rl.steps[n-1].key == string(ab) {
		rl.steps[n-1].times++
		return
	}
	rl.steps = append(rl.steps, &step{answer: answer, key: string(ab), times: 1})
}

// changed queues f, to which a call was just added, for the writer; r.mu is held.
// After Close there is no writer, and f is written at once.
func (r *Recorder) changed(f *file) {
	r.added++
	if !f.dirty {
		f.dirty = true
		r.dirty = append(r.dirty, f)
	}
	if r.closed {
		r.writeDirty()
		return
	}
	select {
	case r.wake <- struct{}{}:
	default:
	}
}

// Flush returns once the files hold every call recorded before it was called.
func (r *Recorder) Flush() {
	r.mu.Lock()
	defer r.mu.Unlock()
	want := r.added
	for r.written < want {
		if r.closed {
			r.writeDirty()
			continue
		}
		select {
		case r.wake <- struct{}{}:
		default:
		}
		r.wrote.Wait()
	}
}

// Close writes every call recorded and stops the background writer; calls recorded
// after it are written at once.
func (r *Recorder) Close() {
	r.mu.Lock()
	if r.closed {
		r.mu.Unlock()
		return
	}
	r.closed = true
	close(r.stop)
	r.mu.Unlock()
	<-r.stopped
	r.mu.Lock()
	r.writeDirty()
	r.mu.Unlock()
}

// writer rewrites the files that changed whenever there are calls to write, one
// batch at a time, so a burst of calls costs one write of each file it changed. It
// pauses between batches as long as the last took, so it uses at most half a core
// however fast calls come.
func (r *Recorder) writer() {
	defer close(r.stopped)
	for {
		select {
		case <-r.wake:
		case <-r.stop:
			return
		}
		start := time.Now()
		r.mu.Lock()
		r.writeDirty()
		r.mu.Unlock()
		t := time.NewTimer(time.Since(start))
		select {
		case <-t.C:
		case <-r.stop:
			t.Stop()
			return
		}
	}
}

// writeDirty writes the files that changed; r.mu is held, and released while files
// are rendered and written, from a copy of their rules. One batch is written at a
// time, so a file's later copy is never overwritten by an earlier one.
func (r *Recorder) writeDirty() {
	for r.writing {
		r.wrote.Wait()
	}
	if len(r.dirty) == 0 {
		return
	}
	r.writing = true
	files, upTo, schema := r.dirty, r.added, r.schema
	r.dirty = nil
	snaps := make([]*file, len(files))
	for i, f := range files {
		f.dirty = false
		snaps[i] = f.snapshot()
	}
	r.mu.Unlock()
	for _, f := range snaps {
		r.write(f, schema)
	}
	r.mu.Lock()
	r.writing = false
	r.written = max(r.written, upTo)
	r.wrote.Broadcast()
}

// snapshot copies what render reads of f, so that it can be written while calls are
// added to f.
func (f *file) snapshot() *file {
	c := &file{name: f.name, base: f.base, about: f.about, rules: make([]*rule, len(f.rules))}
	for i, rl := range f.rules {
		steps := make([]*step, len(rl.steps))
		for j, s := range rl.steps {
			cp := *s
			steps[j] = &cp
		}
		c.rules[i] = &rule{when: rl.when, matches: rl.matches, order: rl.order, steps: steps}
	}
	return c
}

// write rewrites f's file whole, through a temporary file, so a reader always finds
// a whole file.
func (r *Recorder) write(f *file, schema string) {
	b, err := f.render(schema)
	if err == nil {
		path := filepath.Join(r.opts.Dir, f.base+".yaml")
		tmp := path + ".tmp"
		if err = os.WriteFile(tmp, b, 0o644); err == nil {
			err = os.Rename(tmp, path)
		}
	}
	if err != nil && r.opts.OnError != nil {
		r.opts.OnError(fmt.Errorf("record %s: %w", f.base, err))
	}
}

// render writes f as a scenario file; more specific rules come first, so a call
// with fewer arguments does not take another's answer.
func (f *file) render(schemaURL string) ([]byte, error) {
	rules := slices.Clone(f.rules)
	sort.SliceStable(rules, func(i, j int) bool { return rules[i].matches > rules[j].matches })
	list := &yaml.Node{Kind: yaml.SequenceNode}
	for _, rl := range rules {
		var then any
		if len(rl.steps) == 1 {
			then = ordered(rl.steps[0].answer)
		} else {
			steps := &yaml.Node{Kind: yaml.SequenceNode}
			for i, s := range rl.steps {
				a := maps.Clone(s.answer)
				if i < len(rl.steps)-1 {
					a["times"] = s.times
				}
				steps.Content = append(steps.Content, ordered(a))
			}
			then = steps
		}
		when := rl.when
		list.Content = append(list.Content, mapping([]kv{{"when", &when}, {"then", then}}))
	}
	doc := mapping([]kv{{"name", f.name}, {"description", f.about}, {"tags", []string{"recorded"}}, {"rules", list}})
	var buf bytes.Buffer
	buf.WriteString("# yaml-language-server: $schema=" + schemaURL + "\n")
	buf.WriteString(marker + "; secrets and personal values are redacted.\n")
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(doc); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// ordered writes an answer's keys in the order the scenario README lists them.
func ordered(a map[string]any) *yaml.Node {
	var entries []kv
	for _, k := range []string{"status", "headers", "body", "rawBody", "times"} {
		if v, ok := a[k]; ok {
			entries = append(entries, kv{k, v})
		}
	}
	return mapping(entries)
}

// kv is one key of a mapping written in order.
type kv struct {
	k string
	v any
}

// mapping builds an ordered YAML mapping.
func mapping(entries []kv) *yaml.Node {
	n := &yaml.Node{Kind: yaml.MappingNode}
	for _, e := range entries {
		var v *yaml.Node
		if node, ok := e.v.(*yaml.Node); ok {
			v = node
		} else {
			v = &yaml.Node{}
			if err := v.Encode(e.v); err != nil {
				v = &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Value: "null"}
			}
		}
		n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: e.k}, v)
	}
	return n
}

func authMatch(present bool) map[string]any {
	return map[string]any{"Authorization": map[string]any{"exists": present}}
}

// matchers flattens v into dotted paths, each with the value to equal; a secret or
// personal key is matched by presence only, so its value is never written. When the
// answer failed, a secret the client chose (a password, an API key, not a token the
// server issued) is matched by its SHA-256, so a wrong password replays its failure
// and the right one its success.
func (r *Recorder) matchers(prefix string, v any, failed bool) map[string]any {
	out := map[string]any{}
	var walk func(path, key string, v any)
	walk = func(path, key string, v any) {
		if key != "" && r.red.kind(key) != 0 {
			out[path] = r.secretMatcher(key, v, failed)
			return
		}
		join := func(k string) string {
			if path == "" {
				return k
			}
			return path + "." + k
		}
		switch t := v.(type) {
		case map[string]any:
			if len(t) == 0 && path != "" {
				out[path] = map[string]any{"equals": map[string]any{}}
			}
			for k, e := range t {
				walk(join(k), k, e)
			}
		case []any:
			if len(t) == 0 {
				out[path] = map[string]any{"equals": []any{}}
			}
			for i, e := range t {
				walk(join(fmt.Sprint(i)), key, e)
			}
		default:
			if path != "" {
				out[path] = t
			}
		}
	}
	walk(prefix, "", v)
	return out
}

// pathMatchers matches the values path gives route's {name} segments, so that each
// account or product replays its own answer; a secret or personal one is not written.
func (r *Recorder) pathMatchers(route, path string) map[string]any {
	out := map[string]any{}
	for seg := range strings.SplitSeq(strings.Trim(route, "/"), "/") {
		if len(seg) < 3 || seg[0] != '{' || seg[len(seg)-1] != '}' {
			continue
		}
		name := seg[1 : len(seg)-1]
		if v, ok := rules.RouteParam(route, path, name); ok && r.red.kind(name) == 0 {
			out[name] = v
		}
	}
	return out
}

// secretMatcher matches a secret or personal value by presence, or by its SHA-256
// when the answer failed and the client chose it.
func (r *Recorder) secretMatcher(key string, v any, failed bool) map[string]any {
	s, ok := v.(string)
	if failed && ok && r.red.kind(key) == 's' && clientSecret(key) {
		return map[string]any{"sha256": rules.SHA256(s)}
	}
	return map[string]any{"exists": true}
}

// clientSecret reports whether a secret key holds what a client chose (a password,
// an API key), not what a server issued (a token, a cookie), which replay fakes.
func clientSecret(key string) bool {
	k := strings.NewReplacer("_", "", "-", "").Replace(strings.ToLower(key))
	for _, issued := range []string{"token", "authorization", "cookie", "signature"} {
		if strings.Contains(k, issued) {
			return false
		}
	}
	return true
}

func (r *Recorder) queryMatchers(q map[string][]string, failed bool) map[string]any {
	out := map[string]any{}
	for k, v := range q {
		if len(v) == 0 {
			continue
		}
		if r.red.kind(k) != 0 {
			out[k] = r.secretMatcher(k, v[0], failed)
		} else {
			out[k] = v[0]
		}
	}
	return out
}

// obj is a JSON object of an answer with its members in the order they came, which
// the file and the replay keep.
type obj []kv

// MarshalYAML writes o as a mapping in its order.
func (o obj) MarshalYAML() (any, error) { return mapping(o), nil }

// MarshalJSON writes o as a JSON object in its order.
func (o obj) MarshalJSON() ([]byte, error) {
	m := make(rules.Ordered, len(o))
	for i, e := range o {
		m[i] = rules.Member{Key: e.k, Value: e.v}
	}
	return json.Marshal(m)
}

// decodeOrdered decodes b as decodeJSON does, but its objects as obj.
func decodeOrdered(b []byte, v *any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	out, err := orderedValue(dec)
	if err != nil {
		return err
	}
	*v = out
	return nil
}

func orderedValue(dec *json.Decoder) (any, error) {
	t, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch d := t.(type) {
	case json.Delim:
		if d == '[' {
			list := []any{}
			for dec.More() {
				e, err := orderedValue(dec)
				if err != nil {
					return nil, err
				}
				list = append(list, e)
			}
			_, err := dec.Token()
			return list, err
		}
		o := obj{}
		for dec.More() {
			kt, err := dec.Token()
			if err != nil {
				return nil, err
			}
			k, _ := kt.(string)
			e, err := orderedValue(dec)
			if err != nil {
				return nil, err
			}
			if i := slices.IndexFunc(o, func(m kv) bool { return m.k == k }); i >= 0 {
				o[i].v = e // a repeated key: the last one counts, as in a map
			} else {
				o = append(o, kv{k, e})
			}
		}
		_, err := dec.Token()
		return o, err
	case json.Number:
		return normalize(d), nil
	}
	return t, nil
}

// bodyNode returns the value of an answer mapping's body key, or nil.
func bodyNode(n *yaml.Node) *yaml.Node {
	if n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == "body" {
			return n.Content[i+1]
		}
	}
	return nil
}

// nodeValue decodes n with its mappings as obj, in the order written.
func nodeValue(n *yaml.Node) (any, error) {
	switch n.Kind {
	case yaml.MappingNode:
		o := make(obj, 0, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			v, err := nodeValue(n.Content[i+1])
			if err != nil {
				return nil, err
			}
			o = append(o, kv{n.Content[i].Value, v})
		}
		return o, nil
	case yaml.SequenceNode:
		list := make([]any, 0, len(n.Content))
		for _, c := range n.Content {
			v, err := nodeValue(c)
			if err != nil {
				return nil, err
			}
			list = append(list, v)
		}
		return list, nil
	}
	var v any
	err := n.Decode(&v)
	return v, err
}

// decodeJSON decodes b keeping whole numbers whole.
func decodeJSON(b []byte, v *any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	if err := dec.Decode(v); err != nil {
		return err
	}
	*v = normalize(*v)
	return nil
}

// normalize turns json.Number into int64 or float64, and typed maps into
// map[string]any, so YAML writes plain numbers.
func normalize(v any) any {
	switch t := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(t))
		for k, e := range t {
			out[k] = normalize(e)
		}
		return out
	case []any:
		out := make([]any, len(t))
		for i, e := range t {
			out[i] = normalize(e)
		}
		return out
	case json.Number:
		if i, err := t.Int64(); err == nil {
			return i
		}
		if f, err := t.Float64(); err == nil {
			return f
		}
		return t.String()
	}
	return v
}

func anyMap(m map[string]any) any {
	if m == nil {
		return map[string]any{}
	}
	return m
}
