package scenarios

import (
	"runtime"
	"strings"
	"sync"
	"unicode/utf8"
	"weak"

	"go.yaml.in/yaml/v3"

	"github.com/krakensim/krakensim/sim/rules"
)

// sideTable remembers where the parser found parts of a value that the rules model does
// not keep positions for, without keeping the value alive: an entry goes away with
// its key. A weak pointer costs some work, so there is one entry for each scenario.
type sideTable[K, V any] struct {
	mu sync.Mutex
	m  map[weak.Pointer[K]]V
}

func (t *sideTable[K, V]) put(k *K, v V) {
	wp := weak.Make(k)
	t.mu.Lock()
	if t.m == nil {
		t.m = map[weak.Pointer[K]]V{}
	}
	t.m[wp] = v
	t.mu.Unlock()
	runtime.AddCleanup(k, func(wp weak.Pointer[K]) {
		t.mu.Lock()
		delete(t.m, wp)
		t.mu.Unlock()
	}, wp)
}

func (t *sideTable[K, V]) get(k *K) (V, bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	v, ok := t.m[weak.Make(k)]
	return v, ok
}

// fileSource is a parsed file's name and text. The text is kept (the strings the fast
// parser reads share it) so that a problem Lint finds inside an answer's data can be
// placed by parsing the file again: the parse keeps no YAML nodes once it is done.
type fileSource struct {
	name string
	src  string
	// docs are the file's documents, parsed again on the first problem that needs them.
	docs []*yaml.Node
	once sync.Once
}

// documents returns the file's documents, parsing them on first use.
func (f *fileSource) documents() []*yaml.Node {
	f.once.Do(func() {
		dec := yaml.NewDecoder(strings.NewReader(f.src))
		for {
			var doc yaml.Node
			if decode(dec, &doc) != nil {
				return
			}
			f.docs = append(f.docs, &doc)
		}
	})
	return f.docs
}

// find returns the node of the given kind written at line and column, or nil.
func (f *fileSource) find(at lc, kind yaml.Kind) *yaml.Node {
	var walk func(n *yaml.Node) *yaml.Node
	walk = func(n *yaml.Node) *yaml.Node {
		if n.Line == int(at.line) && n.Column == int(at.col) && n.Kind == kind {
			return n
		}
		for _, c := range n.Content {
			if found := walk(c); found != nil {
				return found
			}
		}
		return nil
	}
	for _, doc := range f.documents() {
		if n := walk(doc); n != nil {
			return n
		}
	}
	return nil
}

// lc is a line and column in a file.
type lc struct{ line, col int32 }

func lcOf(n *yaml.Node) lc { return lc{int32(n.Line), int32(n.Column)} }

// scenarioSrc is where a scenario and its rules were written, for Lint's messages.
type scenarioSrc struct {
	file *fileSource
	name lc
	// rules are where the scenario's rules were written, in the order of its Rules.
	rules []*ruleSrc
}

// pos is p in the scenario's file; the zero Pos when p is unknown.
func (s *scenarioSrc) pos(p lc) rules.Pos {
	if s == nil || p.line == 0 {
		return rules.Pos{}
	}
	return rules.Pos{File: s.file.name, Line: int(p.line), Column: int(p.col)}
}

// nameAt is where the scenario's name was written; zero when unknown.
func (s *scenarioSrc) nameAt() lc {
	if s == nil {
		return lc{}
	}
	return s.name
}

// rule returns where the scenario's i-th rule r was written, or nil.
func (s *scenarioSrc) rule(i int, r *rules.Rule) *ruleSrc {
	if s == nil {
		return nil
	}
	if i < len(s.rules) && s.rules[i].rule == r {
		return s.rules[i]
	}
	for _, rs := range s.rules { // the rules were reordered since they were read
		if rs.rule == r {
			return rs
		}
	}
	return nil
}

// ruleSrc is where the parts of a rule and its answers were written.
type ruleSrc struct {
	rule                       *rules.Rule
	id, field, operation, http lc
	explicitID                 bool
	// answers are where the rule's answers were written, in the order of its Then.
	answers []*answerSrc
}

// answer returns where the rule's i-th answer a was written, or nil.
func (rs *ruleSrc) answer(i int, a *rules.Answer) *answerSrc {
	if rs == nil {
		return nil
	}
	if i < len(rs.answers) && rs.answers[i].answer == a {
		return rs.answers[i]
	}
	for _, as := range rs.answers {
		if as.answer == a {
			return as
		}
	}
	return nil
}

// answerSrc is where an answer's status and data were written.
type answerSrc struct {
	answer *rules.Answer
	status lc
	// data is where the data's node starts, and dataKind its kind, to find it again.
	data     lc
	dataKind yaml.Kind
}

// scenarioSources keeps where each parsed scenario was written, as long as the
// scenario lives.
var scenarioSources sideTable[rules.Scenario, *scenarioSrc]

// literals places the string literals of one template text, written at p, in the
// scenario's file, in the order the template writes them; its work is linear in the
// text however many it places.
type literals struct {
	p rules.Pos
	// src is the file from the template's start, as far as the template can reach.
	src string
	// at is where the last literal placed ends in src, and line and col where that is.
	at, line, col int
}

// literals returns the placer of the literals of the template text written at p.
func (s *scenarioSrc) literals(p rules.Pos, text string) *literals {
	l := &literals{p: p, line: p.Line, col: p.Column}
	if s == nil || p.Line == 0 || p.File != s.file.name {
		return l
	}
	src := s.file.src
	off := 0
	for line := 1; line < p.Line; line++ {
		i := strings.IndexByte(src[off:], '\n')
		if i < 0 {
			return l
		}
		off += i + 1
	}
	for col := 1; col < p.Column && off < len(src); col++ {
		_, size := utf8.DecodeRuneInString(src[off:])
		off += size
	}
	l.src = src[off:min(len(src), off+2*len(text)+16)]
	return l
}

// pos is where quoted, the template's next string literal of those placed, is in the
// file; the template's own position when it cannot be found as written (a YAML escape
// changes it).
func (l *literals) pos(quoted string) rules.Pos {
	rest := l.src[l.at:]
	j := strings.Index(rest, quoted)
	if j < 0 {
		quoted = strings.ReplaceAll(quoted, `"`, `\"`) // in a double-quoted scalar
		if j = strings.Index(rest, quoted); j < 0 {
			return l.p
		}
	}
	l.advance(rest[:j])
	at := rules.Pos{File: l.p.File, Line: l.line, Column: l.col}
	l.advance(quoted)
	l.at += j + len(quoted)
	return at
}

// advance moves line and col past s.
func (l *literals) advance(s string) {
	if n := strings.LastIndexByte(s, '\n'); n >= 0 {
		l.line += strings.Count(s, "\n")
		l.col = 1 + utf8.RuneCountInString(s[n+1:])
		return
	}
	l.col += utf8.RuneCountInString(s)
}
