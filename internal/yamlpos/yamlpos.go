// Package yamlpos locates the syntax errors of go.yaml.in/yaml/v3, whose messages carry
// only a line: often that of the enclosing construct rather than the mistake, counted
// from 0 for parser errors and from 1 for scanner errors.
package yamlpos

import (
	"bytes"
	"errors"
	"strconv"
	"strings"
	"unicode/utf8"

	gy "github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/parser"

	"github.com/krakensim/krakensim/internal/lazyre"
)

// Pos is a 1-based line and column (in characters); 0 when unknown.
type Pos struct{ Line, Column int }

var (
	lineRe   = lazyre.New(`^yaml: line (\d+): (.*)$`)
	anchorRe = lazyre.New(`^yaml: unknown anchor '(.*)' referenced$`)
)

// parserProblems are the messages of yaml.v3's parser (as opposed to its scanner),
// whose line numbers count from 0.
var parserProblems = map[string]bool{
	"did not find expected ',' or ']'":       true,
	"did not find expected ',' or '}'":       true,
	"did not find expected '-' indicator":    true,
	"did not find expected <document start>": true,
	"did not find expected <stream-start>":   true,
	"did not find expected key":              true,
	"did not find expected node content":     true,
	"found duplicate %TAG directive":         true,
	"found duplicate %YAML directive":        true,
	"found incompatible YAML document":       true,
	"found undefined tag handle":             true,
}

// Locate returns where in src the error yaml.v3 gave for it is, and its message without
// the "yaml: line N:" prefix. The position comes from a second, stricter parse
// (github.com/goccy/go-yaml) that reports the offending token, when that parse fails at
// or after the line yaml.v3 named; otherwise from yaml.v3's line, corrected.
func Locate(src []byte, err error) (Pos, string) {
	msg := err.Error()
	if m := anchorRe().FindStringSubmatch(msg); m != nil {
		if i := findAlias(src, m[1]); i >= 0 {
			return offsetPos(src, i), strings.TrimPrefix(msg, "yaml: ")
		}
		return Pos{}, strings.TrimPrefix(msg, "yaml: ")
	}
	m := lineRe().FindStringSubmatch(msg)
	if m == nil {
		msg = strings.TrimPrefix(msg, "yaml: ")
		if p, ok := strict(src, 1); ok {
			return p, msg
		}
		return Pos{}, msg
	}
	msg = m[2]
	line, _ := strconv.Atoi(m[1])
	if parserProblems[msg] {
		line++ // counted from 0, and the enclosing construct's: the mistake is at or after it
	}
	if atEnd(src, Pos{Line: line, Column: 1 << 30}) {
		// yaml.v3 met the end of the document inside a flow collection or quoted text.
		if i := unclosed(src); i >= 0 {
			return offsetPos(src, i), msg
		}
	}
	if p, ok := strict(src, line); ok {
		if atEnd(src, p) {
			// The document ended inside a flow collection: point at its opening bracket.
			if i := unclosed(src); i >= 0 {
				return offsetPos(src, i), msg
			}
		}
		return p, msg
	}
	if strings.HasPrefix(msg, "found a tab character") {
		if p, ok := firstTab(src, line); ok {
			return p, msg
		}
	}
	if end := offsetPos(src, len(bytes.TrimRight(src, " \t\r\n"))); line > end.Line {
		return end, msg // past the last line: the end of the document
	}
	return Pos{Line: line, Column: firstNonSpace(src, line)}, msg
}

// strict parses src with go-yaml and returns its error's position when it is at or
// after line. It does not when go-yaml's parse would cost more than linear memory.
func strict(src []byte, line int) (p Pos, ok bool) {
	if pathCost(src) > 1<<20+64*len(src) {
		return Pos{}, false
	}
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	_, err := parser.ParseBytes(src, 0)
	var se *gy.SyntaxError
	if !errors.As(err, &se) || se.Token == nil || se.Token.Position == nil {
		return Pos{}, false
	}
	tp := se.Token.Position
	if tp.Line < line || tp.Line < 1 || tp.Column < 1 {
		return Pos{}, false
	}
	if v := se.Token.Value; (v == "{" || v == "[") && tp.Offset > 0 && tp.Offset <= len(src) {
		// go-yaml names the collection; a closing bracket of the wrong kind in it is the mistake.
		if i := mismatch(src, tp.Offset-1); i >= 0 {
			return offsetPos(src, i), true
		}
	}
	return Pos{Line: tp.Line, Column: tp.Column}, true
}

// pathCost bounds the bytes of the paths go-yaml's parser builds for src: it copies
// every node's path (the keys of its ancestors and an index per sequence) for each
// node, which costs the square of the depth, or of a long key times its descendants.
// Ancestors are the lines less indented before a line in block style, and the text
// before each open bracket in flow style.
func pathCost(src []byte) int {
	type level struct{ indent, bytes int }
	var block []level // the enclosing lines in block style
	var flow []int    // the text before each open bracket
	blockSum, flowSum, cost := 0, 0, 0
	var quote byte
	explicit, scalarIndent, seg := false, -1, 0
	for start := 0; start < len(src); {
		end := bytes.IndexByte(src[start:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += start
		}
		l := src[start:end]
		t := bytes.TrimLeft(l, " ")
		indent := len(l) - len(t)
		t = bytes.TrimRight(t, " \t\r")
		switch {
		case quote == 0 && len(flow) == 0 && scalarIndent >= 0 && (indent > scalarIndent || len(t) == 0):
			// A line of a block scalar: part of one token.
			cost += blockSum + len(l)
			start = end + 1
			continue
		case quote == 0 && len(flow) == 0 && len(t) > 0:
			scalarIndent = -1
			if t[0] == '#' {
				break
			}
			for len(block) > 0 && block[len(block)-1].indent >= indent && !bytes.ContainsRune(l[:indent+min(1, len(t))], '\t') {
				blockSum -= block[len(block)-1].bytes
				block = block[:len(block)-1]
			}
			n := len(l)
			if i := bytes.IndexAny(l, "[{"); i >= 0 {
				n = i
			}
			block = append(block, level{indent, n})
			blockSum += n
			if t[0] == '?' && (len(t) == 1 || t[1] == ' ') {
				explicit = true
			}
		}
		if len(flow) == 0 {
			seg = start
		}
		for i := start; i < end; i++ {
			c := src[i]
			switch {
			case quote != 0:
				i, quote = inQuote(src, i, quote)
				continue
			case c == '#' && (i == start || src[i-1] == ' ' || src[i-1] == '\t'):
				i = end
				continue
			case (c == '"' || c == '\'') && (i == start || strings.IndexByte(" \t:-[{,", src[i-1]) >= 0):
				quote = c
			case c == '[' || c == '{':
				flow = append(flow, i-seg+1)
				flowSum += i - seg + 1
				seg = i
			case (c == ']' || c == '}') && len(flow) > 0:
				flowSum -= flow[len(flow)-1]
				flow = flow[:len(flow)-1]
				seg = i
			case c == ',':
				seg = i
			case i == start+indent:
				// The line's first token.
			case strings.IndexByte(":-?", c) < 0 || i+1 < end && strings.IndexByte(" \t\r,[]{}", src[i+1]) < 0:
				continue
			}
			// A token that may start a node: its path is at most its ancestors' text,
			// its own key's (escapes at most double it) and an index per level.
			n := blockSum + flowSum + i - seg + 12*(len(block)+len(flow)+1)
			if explicit {
				n += i // an explicit key may be any text before
			}
			cost += 2 * n
		}
		if quote == 0 && len(flow) == 0 && blockScalar(t) {
			scalarIndent = indent
		}
		start = end + 1
	}
	return cost
}

// blockScalar reports whether a line ends with a block scalar's indicator (| or >,
// with its chomping and indentation indicators and a comment).
func blockScalar(t []byte) bool {
	if i := bytes.Index(t, []byte(" #")); i >= 0 {
		t = bytes.TrimRight(t[:i], " \t")
	}
	t = bytes.TrimRight(t, "+-0123456789")
	if len(t) == 0 || t[len(t)-1] != '|' && t[len(t)-1] != '>' {
		return false
	}
	return len(t) == 1 || t[len(t)-2] == ' '
}

// mismatch scans the flow collection opening at src[open] and returns the offset of
// the first closing bracket that does not close the innermost open one, or -1.
func mismatch(src []byte, open int) int {
	if open < 0 || open >= len(src) || (src[open] != '{' && src[open] != '[') {
		return -1
	}
	var stack []byte
	var quote byte
	for i := open; i < len(src); i++ {
		c := src[i]
		switch {
		case quote != 0:
			i, quote = inQuote(src, i, quote)
		case c == '"' || c == '\'':
			quote = c
		case c == '{':
			stack = append(stack, '}')
		case c == '[':
			stack = append(stack, ']')
		case c == '}' || c == ']':
			if len(stack) == 0 || stack[len(stack)-1] != c {
				return i
			}
			stack = stack[:len(stack)-1]
			if len(stack) == 0 {
				return -1
			}
		}
	}
	return -1
}

// inQuote steps over src[i] inside a scalar quoted with quote (a backslash escape in
// double quotes, a doubled quote in single quotes), returning the index it ended on
// and the quote still open (0 once it closes).
func inQuote(src []byte, i int, quote byte) (int, byte) {
	switch {
	case quote == '"' && src[i] == '\\':
		return i + 1, quote
	case src[i] != quote:
		return i, quote
	case quote == '\'' && i+1 < len(src) && src[i+1] == '\'':
		return i + 1, quote
	}
	return i, 0
}

// atEnd reports whether p is past the last character of src that is not white space.
func atEnd(src []byte, p Pos) bool {
	last := offsetPos(src, len(bytes.TrimRight(src, " \t\r\n")))
	return p.Line > last.Line || p.Line == last.Line && p.Column >= last.Column
}

// unclosed returns the offset of the quote or the innermost flow bracket still open at
// the end of src, skipping comments, or -1.
func unclosed(src []byte) int {
	var open []int
	var quote byte
	quoteAt := 0
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch {
		case quote != 0:
			i, quote = inQuote(src, i, quote)
		case c == '#' && (i == 0 || src[i-1] == ' ' || src[i-1] == '\t' || src[i-1] == '\n'):
			for i < len(src) && src[i] != '\n' {
				i++
			}
		case (c == '"' || c == '\'') && (i == 0 || strings.IndexByte(" \t\n:-[{,", src[i-1]) >= 0):
			quote, quoteAt = c, i
		case c == '{' || c == '[':
			open = append(open, i)
		case (c == '}' || c == ']') && len(open) > 0:
			open = open[:len(open)-1]
		}
	}
	switch {
	case quote != 0:
		return quoteAt
	case len(open) == 0:
		return -1
	}
	return open[len(open)-1]
}

// findAlias finds "*name" used as an alias.
func findAlias(src []byte, name string) int {
	needle := []byte("*" + name)
	for off := 0; ; {
		i := bytes.Index(src[off:], needle)
		if i < 0 {
			return -1
		}
		j := off + i + len(needle)
		if j == len(src) || strings.IndexByte(" \t\r\n,]}", src[j]) >= 0 {
			return off + i
		}
		off = j
	}
}

func lineAt(src []byte, line int) []byte {
	for i, l := range bytes.Split(src, []byte("\n")) {
		if i+1 == line {
			return l
		}
	}
	return nil
}

// firstNonSpace is the column of the first character of a line that is not a space.
func firstNonSpace(src []byte, line int) int {
	l := lineAt(src, line)
	t := bytes.TrimLeft(l, " \t")
	return utf8.RuneCount(l[:len(l)-len(t)]) + 1
}

// firstTab finds the first tab in a line's indentation at or after line.
func firstTab(src []byte, line int) (Pos, bool) {
	for i, l := range bytes.Split(src, []byte("\n")) {
		if i+1 < line {
			continue
		}
		indent := l[:len(l)-len(bytes.TrimLeft(l, " \t"))]
		if j := bytes.IndexByte(indent, '\t'); j >= 0 {
			return Pos{Line: i + 1, Column: j + 1}, true
		}
	}
	return Pos{}, false
}

// offsetPos converts a byte offset into a line and a column counted in characters.
func offsetPos(src []byte, off int) Pos {
	before := src[:off]
	line := bytes.Count(before, []byte("\n")) + 1
	col := utf8.RuneCount(before[bytes.LastIndexByte(before, '\n')+1:]) + 1
	return Pos{Line: line, Column: col}
}
