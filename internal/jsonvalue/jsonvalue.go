// Package jsonvalue reads JSON that encoding/json has already found valid, in one pass
// and without reflection, as map[string]any, []any, json.Number, string, bool and nil.
package jsonvalue

import (
	"encoding/json"
	"unicode/utf8"

	"github.com/krakensim/krakensim/internal/ascii"
)

// Reader reads valid UTF-8 that json.Valid has accepted: objects as map[string]any,
// arrays as []any, numbers as json.Number (exactly as sent), strings, booleans and null,
// as encoding/json decodes them into an any with UseNumber. On input json.Valid has not
// accepted its results are meaningless, but it never panics nor loops.
type Reader struct {
	b    []byte
	i    int
	keys func([]byte) (string, bool) // shares objects' keys, when set
	wtf8 bool
}

// NewReader reads b from its start.
func NewReader(b []byte) *Reader { return &Reader{b: b} }

// ShareKeys makes Value take each object key that holds no escape from keys when it
// knows one equal to its bytes, rather than copying it from the input.
func (s *Reader) ShareKeys(keys func([]byte) (string, bool)) { s.keys = keys }

// Decode is the value b holds, which must be valid UTF-8 that json.Valid accepts.
func Decode(b []byte) any { return NewReader(b).Value() }

// DecodeKeepingSurrogates is Decode for a reader that refuses what Python would: a lone
// surrogate escape (`"\ud800"`) stays a surrogate, as WTF-8 (FirstSurrogate finds it),
// where encoding/json turns it into U+FFFD; an object key holding no escape is taken from
// keys (when not nil) where it knows one equal to its bytes, rather than copied from b.
func DecodeKeepingSurrogates(b []byte, keys func([]byte) (string, bool)) any {
	r := Reader{b: b, keys: keys, wtf8: true}
	return r.Value()
}

// Offset is the cursor's byte offset in the input.
func (s *Reader) Offset() int { return s.i }

// Space steps over white space.
func (s *Reader) Space() { s.i = skipSpace(s.b, s.i) }

// skipSpace is the offset of the first byte at or after i in b that is not white space.
func skipSpace(b []byte, i int) int {
	for i < len(b) {
		switch b[i] {
		case ' ', '\t', '\n', '\r':
			i++
		default:
			return i
		}
	}
	return i
}

// More steps over white space and commas inside an object or array (after its opening
// byte), and reports whether a member follows; at the closing byte, or the end, it
// steps over it.
func (s *Reader) More(closing byte) bool {
	for {
		s.Space()
		switch s.Peek() {
		case ',':
			s.i++
		case closing, 0:
			s.i = min(s.i+1, len(s.b))
			return false
		default:
			return true
		}
	}
}

// Next steps over the byte at the cursor: a brace, a colon or a comma.
func (s *Reader) Next() { s.i = min(s.i+1, len(s.b)) }

// Peek is the byte at the cursor, or 0 at the end.
func (s *Reader) Peek() byte {
	if s.i < len(s.b) {
		return s.b[s.i]
	}
	return 0
}

// Text reads the string at the cursor (which holds its opening quote).
func (s *Reader) Text() string { return s.Key() }

// Key reads the string at the cursor like Text, and when it equals one of known
// returns that string rather than a copy of the input.
func (s *Reader) Key(known ...string) string {
	start := s.i
	raw, escaped := s.rawText()
	if escaped {
		return s.unescape(start)
	}
	for _, k := range known {
		if string(raw) == k {
			return k
		}
	}
	return string(raw)
}

// TextShared reads the string at the cursor like Text, and when it holds no escape and
// share (when not nil) knows a string equal to its bytes, returns that string rather
// than a copy.
func (s *Reader) TextShared(share func([]byte) (string, bool)) string {
	start := s.i
	raw, escaped := s.rawText()
	if escaped {
		return s.unescape(start)
	}
	if share != nil {
		if t, ok := share(raw); ok {
			return t
		}
	}
	return string(raw)
}

// unescape decodes the escaped string from start to the cursor.
func (s *Reader) unescape(start int) string {
	if s.wtf8 {
		return unescapeWTF8(s.b[start+1 : max(s.i-1, start+1)])
	}
	var out string
	_ = json.Unmarshal(s.b[start:s.i], &out)
	return out
}

// rawText steps over the string at the cursor and returns the bytes between its
// quotes, and whether they hold an escape; at the end of unterminated input, nothing.
func (s *Reader) rawText() (raw []byte, escaped bool) {
	start := s.i
	s.i++
	for s.i < len(s.b) {
		if s.i += ascii.Span(s.b[s.i:], 0x20, '"', '\\'); s.i == len(s.b) {
			break
		}
		switch s.b[s.i] {
		case '\\':
			escaped = true
			s.i += 2
			continue
		case '"':
			s.i++
			return s.b[start+1 : s.i-1], escaped
		}
		s.i++
	}
	s.i = len(s.b)
	return nil, false
}

// Value reads the value at the cursor.
func (s *Reader) Value() any {
	s.Space()
	switch s.Peek() {
	case '{':
		s.i++
		m := map[string]any{}
		for s.More('}') {
			k := s.TextShared(s.keys)
			s.Space()
			s.i++ // ':'
			m[k] = s.Value()
		}
		return m
	case '[':
		s.i++
		a := []any{}
		for s.More(']') {
			before := s.i
			a = append(a, s.Value())
			if s.i == before { // not JSON; never loop
				s.i = len(s.b)
			}
		}
		return a
	case '"':
		return s.Text()
	case 't':
		s.i = min(s.i+4, len(s.b))
		return true
	case 'f':
		s.i = min(s.i+5, len(s.b))
		return false
	case 'n':
		s.i = min(s.i+4, len(s.b))
		return nil
	case 0:
		return nil
	}
	start := s.i
	for s.i < len(s.b) {
		c := s.b[s.i]
		if !(c >= '0' && c <= '9' || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E') {
			break
		}
		s.i++
	}
	if s.i == start { // not JSON: step over the byte, whole runes at a time
		_, n := utf8.DecodeRune(s.b[s.i:])
		s.i += n
		return nil
	}
	return json.Number(s.b[start:s.i])
}

// Skip steps over the value at the cursor.
func (s *Reader) Skip() {
	s.Space()
	switch s.Peek() {
	case '"':
		_ = s.Text()
		return
	case '{', '[':
	default:
		s.Value()
		return
	}
	depth := 0
	for s.i < len(s.b) {
		switch s.b[s.i] {
		case '"':
			_ = s.Text()
			if depth == 0 {
				return
			}
			continue
		case '{', '[':
			depth++
		case '}', ']':
			depth--
			if depth == 0 {
				s.i++
				return
			}
		}
		s.i++
	}
}
