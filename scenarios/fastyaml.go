package scenarios

import (
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// fastDocuments parses the common shape of scenario files (block mappings and lists,
// one-line flow collections, plain and simply quoted one-line scalars, comments,
// several documents) into the nodes yaml.v3 would build, several times faster. It
// returns each document's root node, or false for anything outside that subset
// (anchors, tags, block scalars, most escapes, multi-line scalars, tabs, CR, empty
// values, any syntax error...), which the caller then hands to yaml.v3: problems and
// their positions always come from yaml.v3. FuzzFastDocuments checks the nodes
// against it. Nodes do not carry comments, which the reader does not use.
//
// The nodes live in memory that the next parse reuses once release is called, so
// nothing may keep a node past it (strings are the file's text, not the nodes').
func fastDocuments(src string) (docs []*yaml.Node, release func(), ok bool) {
	return fastParse(src, false)
}

// fastParse is fastDocuments; strict lets a panic other than giving up through, for
// the fuzz target to find.
func fastParse(src string, strict bool) (docs []*yaml.Node, release func(), ok bool) {
	ok, ascii := fastInput(src)
	if !ok {
		return nil, nil, false
	}
	a, _ := fastArenas.Get().(*fastArena)
	if a == nil {
		a = &fastArena{}
	}
	p := &fastParser{src: src, ascii: ascii, arena: a}
	release = func() { fastArenas.Put(a) }
	defer func() {
		if e := recover(); e != nil {
			if _, bail := e.(fastBail); !bail && strict {
				panic(e)
			}
			release()
			docs, release, ok = nil, nil, false
		}
	}()
	return p.documents(), release, true
}

// fastArena is the memory of a parse's nodes, reused by the next parse.
type fastArena struct {
	slabs [][]yaml.Node
	kids  [][]*yaml.Node
}

// fastArenas holds the arenas of finished parses: loading many files, each reuses
// the nodes of one done before rather than leaving them to the collector.
var fastArenas sync.Pool

// Sizes of the arenas' blocks.
const (
	fastSlab = 1024
	fastKids = 4096
)

// fastBail is the panic the fast parser gives up with.
type fastBail struct{}

// Indentations that are not columns: past the end, and at a "---" line.
const (
	indEOF = -2
	indDoc = -3
)

// fastMaxDepth bounds nesting; deeper documents go to yaml.v3.
const fastMaxDepth = 100

// fastMaxKey is the longest key taken: yaml.v3 takes a key of at most 1024 characters.
const fastMaxKey = 1000

type fastParser struct {
	src   string
	ascii bool
	pos   int
	line  int // of pos, from 1
	// lineStart is where pos's line starts; ind is the indentation of the content
	// line that startLine or lineEnd moved pos to, or indEOF or indDoc.
	lineStart, ind int
	depth          int

	arena *fastArena
	// slab and kids are the arena's blocks in use; nslab and nkids count the blocks
	// taken so far.
	slab         []yaml.Node
	kids         []*yaml.Node
	nslab, nkids int
	stack        []*yaml.Node // children of the collections being read
	tags         map[string]string
}

func (p *fastParser) bail() { panic(fastBail{}) }

// fastInput reports whether src holds only what the fast parser handles: printable
// characters as yaml.v3 reads them, no tab, no CR, no byte order mark and none of
// the line breaks YAML 1.1 adds (NEL, LS, PS); and whether it is all ASCII.
func fastInput(src string) (ok, ascii bool) {
	ascii = true
	for i := 0; i < len(src); {
		c := src[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && c != '\n' || c == 0x7f {
				return false, false
			}
			i++
			continue
		}
		ascii = false
		r, n := utf8.DecodeRuneInString(src[i:])
		if r == utf8.RuneError || r < 0xa0 || r == 0x2028 || r == 0x2029 || r == 0xfeff ||
			r >= 0xd800 && r < 0xe000 || r == 0xfffe || r == 0xffff {
			return false, false
		}
		i += n
	}
	return true, ascii
}

// documents reads every document's root.
func (p *fastParser) documents() []*yaml.Node {
	var out []*yaml.Node
	p.startLine(0)
	for p.ind != indEOF {
		if p.ind == indDoc {
			p.pos += 3
			p.lineEnd(false)
			if p.ind < 0 {
				p.bail() // an empty document
			}
		}
		root := p.node(p.ind, -1, true, true)
		if p.ind >= 0 {
			p.bail()
		}
		out = append(out, root)
	}
	return out
}

// startLine moves to the line starting at i, or the next one with content, and sets
// ind. pos ends on the line's first character that is not a space.
func (p *fastParser) startLine(i int) {
	for {
		p.line++
		p.lineStart = i
		for i < len(p.src) && p.src[i] == ' ' {
			i++
		}
		p.pos = i
		if i == len(p.src) {
			p.ind = indEOF
			return
		}
		switch p.src[i] {
		case '\n':
			i++
			continue
		case '#':
			nl := strings.IndexByte(p.src[i:], '\n')
			if nl < 0 {
				p.pos = len(p.src)
				p.ind = indEOF
				return
			}
			i += nl + 1
			continue
		}
		if i == p.lineStart && (strings.HasPrefix(p.src[i:], "---") || strings.HasPrefix(p.src[i:], "...")) {
			if p.src[i] == '.' || !p.blankAt(i+3) {
				p.bail()
			}
			p.ind = indDoc
			return
		}
		p.ind = i - p.lineStart
		return
	}
}

// lineEnd checks that only spaces and a comment are left on the line, then moves to
// the next line with content. spaced says pos follows a space already.
func (p *fastParser) lineEnd(spaced bool) {
	i := p.pos
	for i < len(p.src) && p.src[i] == ' ' {
		i++
	}
	if i < len(p.src) && p.src[i] == '#' {
		if i == p.pos && !spaced {
			p.bail()
		}
		for i < len(p.src) && p.src[i] != '\n' {
			i++
		}
	}
	switch {
	case i == len(p.src):
		p.pos, p.ind = i, indEOF
	case p.src[i] == '\n':
		p.startLine(i + 1)
	default:
		p.bail()
	}
}

// blankAt reports whether i is past the end or holds a space or a line break.
func (p *fastParser) blankAt(i int) bool {
	return i >= len(p.src) || p.src[i] == ' ' || p.src[i] == '\n'
}

// seqEntry reports whether pos is on a block list's "-".
func (p *fastParser) seqEntry() bool {
	return p.src[p.pos] == '-' && p.blankAt(p.pos+1)
}

func (p *fastParser) column(i int) int {
	if p.ascii {
		return i - p.lineStart + 1
	}
	return utf8.RuneCountInString(p.src[p.lineStart:i]) + 1
}

// newNode allocates a node at i on the current line.
func (p *fastParser) newNode(kind yaml.Kind, style yaml.Style, tag, value string, i int) *yaml.Node {
	return p.alloc(kind, style, tag, value, p.line, p.column(i))
}

// alloc returns the arena's next node, set (every field the parser sets, since the
// arena's nodes are reused).
func (p *fastParser) alloc(kind yaml.Kind, style yaml.Style, tag, value string, line, column int) *yaml.Node {
	if len(p.slab) == cap(p.slab) {
		a := p.arena
		if p.nslab == len(a.slabs) {
			a.slabs = append(a.slabs, make([]yaml.Node, 0, fastSlab))
		}
		p.slab = a.slabs[p.nslab][:0]
		p.nslab++
	}
	p.slab = p.slab[:len(p.slab)+1]
	n := &p.slab[len(p.slab)-1]
	n.Kind, n.Style, n.Tag, n.Value, n.Line, n.Column, n.Content = kind, style, tag, value, line, column, nil
	return n
}

// content returns the children stacked from mark on, and unstacks them.
func (p *fastParser) content(mark int) []*yaml.Node {
	items := p.stack[mark:]
	if len(items) == 0 {
		return nil
	}
	var out []*yaml.Node
	if len(items) > fastKids {
		out = slices.Clone(items)
	} else {
		if len(items) > cap(p.kids)-len(p.kids) {
			a := p.arena
			if p.nkids == len(a.kids) {
				a.kids = append(a.kids, make([]*yaml.Node, 0, fastKids))
			}
			p.kids = a.kids[p.nkids][:0]
			p.nkids++
		}
		start := len(p.kids)
		p.kids = append(p.kids, items...)
		out = p.kids[start:len(p.kids):len(p.kids)]
	}
	clear(items)
	p.stack = p.stack[:mark]
	return out
}

// node reads the node at pos, whose line is indented by indent: a block mapping (when
// mapOK) or list (when seqOK), a flow collection or a scalar. A node other than a
// block collection must end its line, and the next line must not be indented more
// than parent.
func (p *fastParser) node(indent, parent int, mapOK, seqOK bool) *yaml.Node {
	if p.depth++; p.depth > fastMaxDepth {
		p.bail()
	}
	defer func() { p.depth-- }()
	var n *yaml.Node
	switch c := p.src[p.pos]; {
	case c == '-' && p.blankAt(p.pos+1):
		if !seqOK {
			p.bail()
		}
		return p.blockSeq(indent)
	case c == '{' || c == '[':
		n = p.flow()
	default:
		n = p.scalar(false)
	}
	i := p.pos
	for i < len(p.src) && p.src[i] == ' ' {
		i++
	}
	if i < len(p.src) && p.src[i] == ':' && p.blankAt(i+1) {
		if !mapOK || n.Kind != yaml.ScalarNode || i-p.lineStart > fastMaxKey {
			p.bail()
		}
		p.pos = i + 1
		return p.blockMap(indent, n)
	}
	p.lineEnd(false)
	if p.ind > parent {
		p.bail()
	}
	return n
}

// blockMap reads a block mapping whose keys are indented by indent, from the value
// of its first key (pos is past the key's ':').
func (p *fastParser) blockMap(indent int, key *yaml.Node) *yaml.Node {
	m := p.alloc(yaml.MappingNode, 0, "!!map", "", key.Line, key.Column)
	mark := len(p.stack)
	for {
		v := p.value(indent)
		p.stack = append(p.stack, key, v)
		if p.ind != indent {
			if p.ind > indent {
				p.bail()
			}
			break
		}
		if p.seqEntry() {
			p.bail()
		}
		key = p.key()
	}
	m.Content = p.content(mark)
	return m
}

// key reads a block mapping's key and its ':'.
func (p *fastParser) key() *yaml.Node {
	k := p.scalar(false)
	for p.pos < len(p.src) && p.src[p.pos] == ' ' {
		p.pos++
	}
	if p.pos == len(p.src) || p.src[p.pos] != ':' || !p.blankAt(p.pos+1) || p.pos-p.lineStart > fastMaxKey {
		p.bail()
	}
	p.pos++
	return k
}

// value reads a block mapping's value, after its key's ':'.
func (p *fastParser) value(indent int) *yaml.Node {
	for p.pos < len(p.src) && p.src[p.pos] == ' ' {
		p.pos++
	}
	if p.pos < len(p.src) && p.src[p.pos] != '\n' && p.src[p.pos] != '#' {
		return p.node(p.pos-p.lineStart, indent, false, false)
	}
	p.lineEnd(true)
	switch {
	case p.ind > indent:
		return p.node(p.ind, indent, true, true)
	case p.ind == indent && p.seqEntry():
		return p.blockSeq(indent)
	}
	p.bail() // an empty value
	return nil
}

// blockSeq reads a block list whose "-" are indented by indent.
func (p *fastParser) blockSeq(indent int) *yaml.Node {
	s := p.newNode(yaml.SequenceNode, 0, "!!seq", "", p.pos)
	mark := len(p.stack)
	for {
		p.pos++ // the "-"
		for p.pos < len(p.src) && p.src[p.pos] == ' ' {
			p.pos++
		}
		var item *yaml.Node
		if p.pos < len(p.src) && p.src[p.pos] != '\n' && p.src[p.pos] != '#' {
			item = p.node(p.pos-p.lineStart, indent, true, false)
		} else {
			p.lineEnd(true)
			if p.ind <= indent {
				p.bail() // an empty item
			}
			item = p.node(p.ind, indent, true, true)
		}
		p.stack = append(p.stack, item)
		if p.ind != indent || !p.seqEntry() {
			if p.ind > indent {
				p.bail()
			}
			break
		}
	}
	s.Content = p.content(mark)
	return s
}

// flow reads a flow mapping or list written on one line.
func (p *fastParser) flow() *yaml.Node {
	if p.depth++; p.depth > fastMaxDepth {
		p.bail()
	}
	defer func() { p.depth-- }()
	kind, tag, end := yaml.MappingNode, "!!map", byte('}')
	if p.src[p.pos] == '[' {
		kind, tag, end = yaml.SequenceNode, "!!seq", ']'
	}
	n := p.newNode(kind, yaml.FlowStyle, tag, "", p.pos)
	p.pos++
	p.flowSpaces()
	if p.src[p.pos] == end {
		p.pos++
		return n
	}
	mark := len(p.stack)
	for {
		item := p.flowItem()
		p.flowSpaces()
		if kind == yaml.MappingNode {
			if item.Kind != yaml.ScalarNode || p.src[p.pos] != ':' || !p.blankAt(p.pos+1) || p.pos-p.lineStart > fastMaxKey {
				p.bail()
			}
			p.pos++
			p.flowSpaces()
			v := p.flowItem()
			p.flowSpaces()
			p.stack = append(p.stack, item, v)
		} else {
			p.stack = append(p.stack, item)
		}
		switch p.src[p.pos] {
		case ',':
			p.pos++
			p.flowSpaces()
			if p.src[p.pos] == end {
				p.bail() // a trailing comma
			}
			continue
		case end:
			p.pos++
			n.Content = p.content(mark)
			return n
		}
		p.bail()
	}
}

// flowSpaces skips spaces inside a flow collection, which must go on on this line.
func (p *fastParser) flowSpaces() {
	for p.pos < len(p.src) && p.src[p.pos] == ' ' {
		p.pos++
	}
	if p.pos == len(p.src) || p.src[p.pos] == '\n' || p.src[p.pos] == '#' {
		p.bail()
	}
}

func (p *fastParser) flowItem() *yaml.Node {
	if c := p.src[p.pos]; c == '{' || c == '[' {
		return p.flow()
	}
	return p.scalar(true)
}

// scalar reads a one-line scalar: plain, or quoted without escapes.
func (p *fastParser) scalar(inFlow bool) *yaml.Node {
	start := p.pos
	switch c := p.src[start]; c {
	case '"', '\'':
		end, escaped := start+1, false
		for {
			if end >= len(p.src) {
				p.bail()
			}
			j := strings.IndexAny(p.src[end:], "\"'\\\n")
			if j < 0 {
				p.bail()
			}
			end += j
			if p.src[end] == c {
				if c == '\'' && end+1 < len(p.src) && p.src[end+1] == '\'' {
					end += 2 // '' is a quote
					continue
				}
				break
			}
			if p.src[end] == '\n' {
				p.bail()
			}
			if p.src[end] == '\\' && c == '"' {
				escaped = true
				end++ // the escaped character, checked by unescape
			}
			end++
		}
		value, style := p.src[start+1:end], yaml.DoubleQuotedStyle
		if escaped {
			value = p.unescape(value)
		}
		if c == '\'' {
			style = yaml.SingleQuotedStyle
			if strings.Contains(value, "''") {
				value = strings.ReplaceAll(value, "''", "'")
			}
		}
		p.pos = end + 1
		return p.newNode(yaml.ScalarNode, style, "!!str", value, start)
	}
	if !p.plainStart(start) {
		p.bail()
	}
	stop := &plainStops
	if inFlow {
		stop = &flowPlainStops
	}
	end := start
	i := start
	for i < len(p.src) {
		c := p.src[i]
		if !stop[c] {
			i++
			end = i
			continue
		}
		if c == '\n' {
			break
		}
		if c == ':' && p.blankAt(i+1) {
			break
		}
		if inFlow {
			if c == ',' || c == '?' || c == '[' || c == ']' || c == '{' || c == '}' {
				break
			}
			if c == ':' {
				p.bail()
			}
		}
		if c == ' ' {
			j := i + 1
			for j < len(p.src) && p.src[j] == ' ' {
				j++
			}
			if j == len(p.src) || p.src[j] == '\n' || p.src[j] == '#' {
				break
			}
			i = j
			continue
		}
		i++
		end = i
	}
	p.pos = end
	value := p.src[start:end]
	return p.newNode(yaml.ScalarNode, 0, p.plainTag(value), value, start)
}

// plainStops and flowPlainStops are the bytes a plain scalar may end at, or that need
// a look, in block and in flow context.
var plainStops, flowPlainStops = func() (block, flow [256]bool) {
	for _, c := range []byte(" \n:") {
		block[c], flow[c] = true, true
	}
	for _, c := range []byte(",?[]{}") {
		flow[c] = true
	}
	return block, flow
}()

// plainStart reports whether a plain scalar may start at i: not on an indicator, and
// not on "-" unless a letter, digit or '.' follows.
func (p *fastParser) plainStart(i int) bool {
	switch c := p.src[i]; c {
	case ' ', '\n', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`':
		return false
	case '-':
		if i+1 == len(p.src) {
			return false
		}
		d := p.src[i+1]
		return 'a' <= d && d <= 'z' || 'A' <= d && d <= 'Z' || '0' <= d && d <= '9' || d == '.'
	}
	return true
}

// plainTag is the tag yaml.v3 resolves a plain scalar to. Values yaml.v3 may read as
// a number or a timestamp, other than short decimals, are asked of yaml.v3 itself,
// once each.
func (p *fastParser) plainTag(v string) string {
	switch c := v[0]; {
	case c == 'y' || c == 'Y' || c == 'n' || c == 'N' || c == 't' || c == 'T' || c == 'f' || c == 'F' || c == 'o' || c == 'O' || c == '~' || c == '<':
		switch v {
		case "true", "True", "TRUE", "false", "False", "FALSE":
			return "!!bool"
		case "~", "null", "Null", "NULL":
			return "!!null"
		case "<<":
			return "!!merge"
		}
		return "!!str"
	case c == '.' || c == '+' || c == '-' || '0' <= c && c <= '9':
		if isShortDecimal(v) {
			return "!!int"
		}
		if isShortFraction(v) {
			return "!!float"
		}
		return p.askedTag(v)
	}
	return "!!str"
}

// isShortDecimal reports whether v is -?(0|[1-9][0-9]*) in fewer than 19 digits.
func isShortDecimal(v string) bool {
	d := strings.TrimPrefix(v, "-")
	if d == "" || len(d) >= 19 || d[0] == '0' && len(d) > 1 {
		return false
	}
	for i := 0; i < len(d); i++ {
		if d[i] < '0' || d[i] > '9' {
			return false
		}
	}
	return true
}

// isShortFraction reports whether v is -?[0-9]+\.[0-9]+ in fewer than 19 characters.
func isShortFraction(v string) bool {
	d := strings.TrimPrefix(v, "-")
	whole, frac, ok := strings.Cut(d, ".")
	if !ok || whole == "" || frac == "" || len(d) >= 19 {
		return false
	}
	for _, part := range []string{whole, frac} {
		for i := 0; i < len(part); i++ {
			if part[i] < '0' || part[i] > '9' {
				return false
			}
		}
	}
	return true
}

// askedTag resolves a plain scalar by having yaml.v3 read it alone.
func (p *fastParser) askedTag(v string) string {
	if t, ok := p.tags[v]; ok {
		return t
	}
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(v), &doc); err != nil || len(doc.Content) != 1 {
		p.bail()
	}
	n := doc.Content[0]
	if n.Kind != yaml.ScalarNode || n.Style != 0 || n.Value != v {
		p.bail()
	}
	if p.tags == nil {
		p.tags = map[string]string{}
	}
	p.tags[v] = n.Tag
	return n.Tag
}

// unescape reads the escapes of a double-quoted scalar: \\, \", \n, \t, \r, \xXX
// and \uXXXX (not a surrogate).
func (p *fastParser) unescape(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' {
			b.WriteByte(c)
			continue
		}
		if i++; i == len(s) {
			p.bail()
		}
		switch s[i] {
		case '\\', '"':
			b.WriteByte(s[i])
		case 'n':
			b.WriteByte('\n')
		case 't':
			b.WriteByte('\t')
		case 'r':
			b.WriteByte('\r')
		case 'x', 'u':
			n := 2
			if s[i] == 'u' {
				n = 4
			}
			if i+n >= len(s) {
				p.bail()
			}
			r, err := strconv.ParseUint(s[i+1:i+1+n], 16, 32)
			if err != nil || r >= 0xd800 && r < 0xe000 {
				p.bail()
			}
			b.WriteRune(rune(r))
			i += n
		default:
			p.bail()
		}
	}
	return b.String()
}
