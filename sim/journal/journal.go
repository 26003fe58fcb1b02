// Package journal records what a session was asked: a bounded ring of request entries
// (newest first when read), with the filters the admin API offers.
package journal

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/krakensim/krakensim/internal/jsonvalue"
	"github.com/krakensim/krakensim/sim/rules"
)

// DefaultSize is how many entries a session's journal keeps unless configured.
const DefaultSize = 1000

// DefaultBytes is the most memory a session's journal keeps unless configured: past
// it the oldest entries go, as past its size, so that a session of large requests
// holds a bounded history.
const DefaultBytes = 16 << 20

// Endpoint of REST entries; GraphQL entries carry their endpoint path.
const EndpointREST = "rest"

// Entry is one request as the simulator answered it. Entries are immutable once added.
type Entry struct {
	// Seq numbers the session's entries from 1, in the order they were recorded.
	Seq     uint64    `json:"seq"`
	Session string    `json:"session"`
	Time    time.Time `json:"time"`
	// Virtual is the session's virtual time when the request was answered.
	Virtual time.Time `json:"virtualTime,omitzero"`
	// Endpoint is "/v1/graphql/", "/graphql/" or "rest".
	Endpoint string `json:"endpoint"`
	Method   string `json:"method"`
	Path     string `json:"path"`
	// Route is the REST route pattern that matched, if any.
	Route         string `json:"route,omitempty"`
	OperationName string `json:"operationName,omitempty"`
	// OperationType is "query" or "mutation" for GraphQL entries.
	OperationType string `json:"operationType,omitempty"`
	// Document is the GraphQL document of a request refused before any root field
	// ran (a syntax or validation error, a limit, the rate limit, a transport refusal),
	// as sent, cut past MaxKeptText with a marker: what the journal shows of it.
	Document string `json:"document,omitempty"`
	// Fields are the root fields the operation selected, in order.
	Fields []Field `json:"fields,omitempty"`
	// Variables are the decoded variables when the entry was not given their text
	// (SetVariablesText); read them with RequestVariables.
	Variables map[string]any      `json:"variables,omitempty"`
	Query     map[string][]string `json:"query,omitempty"`
	// header and body are the request's, as sent; RequestHeaders and RequestBody read
	// them redacted and decoded, only when someone asks.
	header map[string][]string
	body   []byte
	// varsText is the variables' JSON text, when known; RequestVariables decodes it.
	varsText []byte
	// size is bytes() as the ring counted it when it took the entry.
	size int
	// Rule is the scenario rule that answered a REST call; Resolver the route otherwise.
	Rule     *Rule   `json:"rule,omitempty"`
	Resolver string  `json:"resolver,omitempty"`
	Outcome  Outcome `json:"outcome"`
	// Deprecations are the deprecated fields and arguments the operation selected.
	Deprecations []Deprecation `json:"deprecations,omitempty"`
	// Unmatched is set when the session had rules for a field or route of this
	// request and none matched it.
	Unmatched bool `json:"unmatched,omitempty"`
	// Candidates are the active rules an unmatched REST request was tried against.
	Candidates []*rules.Rule `json:"-"`
	Latency    Duration      `json:"latency"`
}

// Field is one root field call of a GraphQL entry.
type Field struct {
	Name  string `json:"name"`
	Alias string `json:"alias,omitempty"`
	// Args are the coerced arguments, defaults applied.
	Args map[string]any `json:"args,omitempty"`
	// Rule is the scenario rule that scripted the field; Resolver the stateful
	// resolver that answered it ("" for generated data).
	Rule     *Rule  `json:"rule,omitempty"`
	Resolver string `json:"resolver,omitempty"`
	// ErrorCodes are the codes the field failed with; none means data.
	ErrorCodes []string `json:"errorCodes,omitempty"`
	Unmatched  bool     `json:"unmatched,omitempty"`
	// Candidates are the active rules an unmatched field was tried against.
	Candidates []*rules.Rule `json:"-"`
}

// Rule names a scenario rule and where it is written.
type Rule struct {
	Scenario string `json:"scenario"`
	ID       string `json:"id"`
	Pos      string `json:"pos"`
}

// RuleOf describes r.
func RuleOf(r *rules.Rule) *Rule {
	if r == nil {
		return nil
	}
	return &Rule{Scenario: r.Scenario, ID: r.ID, Pos: r.Pos.String()}
}

// Outcome is how a request was answered.
type Outcome struct {
	// Status is the HTTP status sent (0 when a fault sent none).
	Status int `json:"status"`
	// Data is set when the answer carried data (a GraphQL data object, a 2xx REST body).
	Data bool `json:"data"`
	// ErrorCodes are the error codes of the answer, each once, in order.
	ErrorCodes []string `json:"errorCodes,omitempty"`
	// Fault is the scripted transport fault, if any.
	Fault string `json:"fault,omitempty"`
	// Processed is set when the call ran (and changed state) though a scripted status
	// or fault replaced its answer (the answer's processed).
	Processed bool `json:"processed,omitempty"`
	// Delay is the scripted delay.
	Delay Duration `json:"delay,omitempty"`
	// Messages are the answer's error messages (GraphQL errors' messages, a REST
	// answer's detail), each once, in order: at most MaxMessages, each cut past
	// MaxMessageBytes.
	Messages []string `json:"messages,omitempty"`
	// first holds the first message, so that an answer of one error allocates nothing.
	first [1]string
}

// What the journal keeps of a request's text and of its answer's messages: a
// refused request's document or body is cut past MaxKeptText, an answer keeps at most
// MaxMessages error messages, each cut past MaxMessageBytes.
const (
	MaxKeptText     = 64 << 10
	MaxMessages     = 10
	MaxMessageBytes = 1 << 10
)

// AddMessage records an error message of the answer, unless it is recorded already or
// MaxMessages are.
func (o *Outcome) AddMessage(msg string) {
	if msg == "" || len(o.Messages) >= MaxMessages {
		return
	}
	msg = Clip(msg, MaxMessageBytes)
	if o.Messages == nil {
		o.Messages = o.first[:0]
	}
	if !slices.Contains(o.Messages, msg) {
		o.Messages = append(o.Messages, msg)
	}
}

// Clip returns s, or, when it is longer than limit bytes, its first limit bytes (to
// a whole character) and a marker saying how many bytes were cut.
func Clip(s string, limit int) string {
	if len(s) <= limit {
		return s
	}
	cut := limit
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + fmt.Sprintf("… [%d more bytes not kept]", len(s)-cut)
}

// SetDocument keeps the document of a refused GraphQL request, cut past MaxKeptText.
func (e *Entry) SetDocument(query string) { e.Document = Clip(query, MaxKeptText) }

// Deprecation is one deprecated field or argument a request selected.
type Deprecation struct {
	// Coordinate is the schema coordinate: "Mutation.resetPassword" or
	// "Query.account(accountNumber:)".
	Coordinate string `json:"coordinate"`
	// RemovalDate is the date the reason text gives (YYYY-MM-DD), if any.
	RemovalDate string `json:"removalDate,omitempty"`
	Reason      string `json:"reason,omitempty"`
}

// Duration is a time.Duration that encodes as milliseconds.
type Duration time.Duration

// MarshalJSON encodes d as a number of milliseconds.
func (d Duration) MarshalJSON() ([]byte, error) {
	ms := float64(time.Duration(d).Microseconds()) / 1000
	return []byte(strconvFloat(ms)), nil
}

// UnmarshalJSON decodes a number of milliseconds.
func (d *Duration) UnmarshalJSON(b []byte) error {
	f, err := parseFloat(string(b))
	if err != nil {
		return err
	}
	*d = Duration(f * float64(time.Millisecond))
	return nil
}

// SetRequest keeps the request's headers and body; neither may change afterwards.
func (e *Entry) SetRequest(header map[string][]string, body []byte) {
	e.header, e.body = header, body
}

// SetBody replaces the request body the entry keeps (a summary of a form whose secrets
// it should not hold).
func (e *Entry) SetBody(body []byte) { e.body = body }

// SetVariablesText keeps a copy of the JSON text the request's variables were decoded
// from, which RequestVariables decodes again when asked: a few bytes of text held
// rather than the decoded maps, for every entry of every session's journal.
func (e *Entry) SetVariablesText(text []byte) { e.varsText = bytes.Clone(text) }

// RequestVariables returns the request's variables: Variables when set, else those
// decoded from the text SetVariablesText kept (a fresh value on every call).
func (e *Entry) RequestVariables() map[string]any {
	if e.Variables != nil || len(e.varsText) == 0 {
		return e.Variables
	}
	m, _ := jsonvalue.Decode(e.varsText).(map[string]any)
	return m
}

// RequestHeaders returns the request headers without transport headers and with
// credentials redacted (see Headers).
func (e *Entry) RequestHeaders() map[string][]string { return Headers(e.header) }

// HeaderValue returns the first value of a header (canonical name) as sent; only for
// headers that carry no credentials, such as X-Krakensim-Session.
func (e *Entry) HeaderValue(name string) string {
	if IsSecretHeader(name) {
		return ""
	}
	if vs := e.header[name]; len(vs) > 0 {
		return vs[0]
	}
	return ""
}

// RequestBody returns a REST request's JSON body, decoded; nil when absent or not JSON.
func (e *Entry) RequestBody() any {
	if len(e.body) == 0 {
		return nil
	}
	var v any
	if json.Unmarshal(e.body, &v) != nil {
		return nil
	}
	return v
}

// MarshalJSON encodes the entry with its headers, variables, arguments and body
// redacted (see Headers and Values).
func (e *Entry) MarshalJSON() ([]byte, error) {
	type plain Entry
	cp := *e
	if vars := e.RequestVariables(); vars != nil {
		cp.Variables, _ = Values(vars).(map[string]any)
	}
	if len(cp.Fields) > 0 {
		cp.Fields = slices.Clone(cp.Fields)
		for i := range cp.Fields {
			if cp.Fields[i].Args != nil {
				cp.Fields[i].Args, _ = Values(cp.Fields[i].Args).(map[string]any)
			}
		}
	}
	var body any
	text := ""
	if b := e.RequestBody(); b != nil {
		body = Values(b)
	} else if len(e.body) > 0 {
		// A body that is not JSON (a malformed one, a form) is shown as text, cut.
		text = Text(strings.ToValidUTF8(Clip(string(e.body), MaxKeptText), "\uFFFD"))
	}
	cp.Document = Text(cp.Document)
	return json.Marshal(struct {
		*plain
		Headers  map[string][]string `json:"headers,omitempty"`
		Body     any                 `json:"body,omitempty"`
		BodyText string              `json:"bodyText,omitempty"`
	}{(*plain)(&cp), e.RequestHeaders(), body, text})
}

// entryOverhead approximates an entry's fixed size in memory (the struct, its outcome,
// the trace that built it); what it holds of the request is added to it.
const entryOverhead = 768

// bytes approximates the memory the entry holds, each part once: its fixed size, the
// request's headers and body, the variables' text (or decoded variables) and the
// arguments of each root field a rule or resolver answered, which hold decoded copies
// of what they took from the variables' text. TestJournalBytesFollowTheHeap (in
// sim/server) compares it with the heap's growth.
func (e *Entry) bytes() int {
	n := entryOverhead + len(e.body) + len(e.varsText) + valueBytes(e.Variables) + len(e.Document)
	for _, m := range e.Outcome.Messages {
		n += 16 + len(m)
	}
	for k, vs := range e.header {
		n += len(k) + 48
		for _, v := range vs {
			n += len(v) + 16
		}
	}
	for _, f := range e.Fields {
		n += 128 + len(f.Name) + len(f.Alias) + 24*len(f.ErrorCodes)
		if e.Variables == nil { // else the arguments share the decoded variables' values
			n += valueBytes(f.Args)
		}
	}
	for range e.Deprecations {
		n += 128
	}
	return n
}

// valueBytes approximates the memory of a decoded JSON value.
func valueBytes(v any) int {
	switch x := v.(type) {
	case map[string]any:
		n := 64
		for k, e := range x {
			n += len(k) + 48 + valueBytes(e)
		}
		return n
	case []any:
		n := 32
		for _, e := range x {
			n += 16 + valueBytes(e)
		}
		return n
	case string:
		return 16 + len(x)
	}
	return 16
}

// HasErrorCode reports whether the entry's answer carried code.
func (e *Entry) HasErrorCode(code string) bool {
	return slices.Contains(e.Outcome.ErrorCodes, code)
}

// HasField reports whether the entry called the root field name.
func (e *Entry) HasField(name string) bool {
	for i := range e.Fields {
		if e.Fields[i].Name == name || e.Fields[i].Alias == name {
			return true
		}
	}
	return false
}

// Ring is a session's journal: the newest entries, at most its size of them and, but
// for the newest, its bytes. It is safe for concurrent use.
type Ring struct {
	mu       sync.Mutex
	buf      []*Entry
	next     int // where the next entry goes once buf is full
	size     int
	maxBytes int // 0: no bound but the size
	seq      uint64
	total    uint64
	bytes    int    // the entries' approximate memory
	dropped  uint64 // entries that went since the last Clear
}

// New returns a ring that keeps size entries; size <= 0 keeps none and counts every
// entry as dropped.
func New(size int) *Ring {
	return &Ring{size: max(size, 0)}
}

// NewBounded returns a ring that keeps size entries, and only as many of the newest as
// hold maxBytes (Entry.Size) but for the newest; maxBytes <= 0 bounds by size alone.
func NewBounded(size, maxBytes int) *Ring {
	return &Ring{size: max(size, 0), maxBytes: max(maxBytes, 0)}
}

// Add records e, numbering it, and returns how much the ring's Bytes changed; the
// oldest entry goes once the ring is full.
func (r *Ring) Add(e *Entry) int {
	if r == nil {
		return 0
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.seq++
	r.total++
	e.Seq = r.seq
	if r.size == 0 {
		r.dropped++ // a journal that is off lets every request go
		return 0
	}
	was := r.bytes
	e.size = e.bytes()
	r.bytes += e.size
	if len(r.buf) < r.size {
		r.buf = append(r.buf, e)
	} else {
		r.bytes -= r.buf[r.next].size
		r.buf[r.next] = e
		r.next = (r.next + 1) % r.size
		r.dropped++
	}
	if r.maxBytes > 0 && r.bytes > r.maxBytes {
		r.shed()
	}
	return r.bytes - was
}

// shed drops the oldest entries until the rest hold at most maxBytes, keeping the
// newest; the ring is then in order, newest last.
func (r *Ring) shed() {
	entries := r.ordered()
	i := 0
	for ; i < len(entries)-1 && r.bytes > r.maxBytes; i++ {
		r.bytes -= entries[i].size
	}
	r.dropped += uint64(i)
	clear(r.buf)
	r.buf = append(r.buf[:0], entries[i:]...)
	r.next = 0
}

// ordered is the entries oldest first; r.mu must be held.
func (r *Ring) ordered() []*Entry {
	n := len(r.buf)
	out := make([]*Entry, 0, n)
	start := 0
	if n == r.size {
		start = r.next
	}
	for i := range n {
		out = append(out, r.buf[(start+i)%n])
	}
	return out
}

// Size approximates the memory the entry holds, as its journal counted it.
func (e *Entry) Size() int { return e.size }

// Dropped is how many entries the ring let go, for its size or its bytes, since it
// began or was last cleared: requests a check of the journal no longer sees.
func (r *Ring) Dropped() uint64 {
	if r == nil {
		return 0
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.dropped
}

// Bytes approximates the memory the ring's entries hold, for the session's budget.
func (r *Ring) Bytes() int {
	if r == nil {
		return 0
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.bytes
}

// Len is how many entries the ring holds.
func (r *Ring) Len() int {
	if r == nil {
		return 0
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.buf)
}

// Total is how many entries were ever added (kept or dropped).
func (r *Ring) Total() uint64 {
	if r == nil {
		return 0
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.total
}

// Entries returns the entries, newest first.
func (r *Ring) Entries() []*Entry {
	if r == nil {
		return nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	out := r.ordered()
	slices.Reverse(out)
	return out
}

// Clear drops every entry; numbering goes on.
func (r *Ring) Clear() {
	if r == nil {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	clear(r.buf)
	r.buf, r.next, r.bytes, r.dropped = r.buf[:0], 0, 0, 0
}

// Filter selects entries; zero fields select everything.
type Filter struct {
	// Field is a root field name (or alias) the entry called.
	Field string
	// OperationName is the GraphQL operation name.
	OperationName string
	// Path is the URL path, or a prefix of it ending in "*".
	Path string
	// Status is the HTTP status sent.
	Status int
	// ErrorCode is an error code of the answer.
	ErrorCode string
	// Unmatched keeps only requests no rule matched while rules existed for them.
	Unmatched bool
	// Before keeps entries numbered below it, to page back through a journal (0: all).
	Before uint64
	// Limit bounds how many entries are returned (0: all).
	Limit int
}

// Match reports whether e passes the filter.
func (f *Filter) Match(e *Entry) bool {
	switch {
	case f.Before != 0 && e.Seq >= f.Before:
		return false
	case f.Field != "" && !e.HasField(f.Field):
		return false
	case f.OperationName != "" && e.OperationName != f.OperationName:
		return false
	case f.Status != 0 && e.Outcome.Status != f.Status:
		return false
	case f.ErrorCode != "" && !e.HasErrorCode(f.ErrorCode):
		return false
	case f.Unmatched && !e.Unmatched:
		return false
	case f.Path != "":
		if p, ok := strings.CutSuffix(f.Path, "*"); ok {
			return strings.HasPrefix(e.Path, p)
		}
		return e.Path == f.Path
	}
	return true
}

// Select returns the entries that pass f, in the order given, at most f.Limit.
func Select(entries []*Entry, f Filter) []*Entry {
	out := []*Entry{}
	for _, e := range entries {
		if f.Limit > 0 && len(out) == f.Limit {
			break
		}
		if f.Match(e) {
			out = append(out, e)
		}
	}
	return out
}
