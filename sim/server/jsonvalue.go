package server

import (
	"encoding/json"
	"unicode/utf8"
	"unsafe"
)

// validJSON reads valid UTF-8 that json.Valid has accepted, in one pass and without the
// reflection of encoding/json: objects as map[string]any, arrays as []any, numbers as
// json.Number (exactly as sent), strings, booleans and null. On input json.Valid has
// not accepted its results are meaningless, but it never panics nor loops. Strings
// without escapes share b's memory: b must never change afterwards.
type validJSON struct {
	b []byte
	i int
}

func (s *validJSON) space() {
	for s.i < len(s.b) {
		switch s.b[s.i] {
		case ' ', '\t', '\n', '\r':
			s.i++
		default:
			return
		}
	}
}

// peek is the byte at the cursor, or 0 at the end.
func (s *validJSON) peek() byte {
	if s.i < len(s.b) {
		return s.b[s.i]
	}
	return 0
}

// str reads the string at the cursor (which holds its opening quote).
func (s *validJSON) str() string {
	start := s.i
	s.i++
	escaped := false
	for s.i < len(s.b) {
		switch s.b[s.i] {
		case '\\':
			escaped = true
			s.i += 2
			continue
		case '"':
			s.i++
			if !escaped {
				return bytesString(s.b[start+1 : s.i-1])
			}
			var out string
			_ = json.Unmarshal(s.b[start:s.i], &out)
			return out
		}
		s.i++
	}
	s.i = len(s.b)
	return ""
}

// value reads the value at the cursor.
func (s *validJSON) value() any {
	s.space()
	switch s.peek() {
	case '{':
		s.i++
		m := map[string]any{}
		for {
			s.space()
			switch s.peek() {
			case ',':
				s.i++
				continue
			case '"':
			default: // '}' or the end
				s.i = min(s.i+1, len(s.b))
				return m
			}
			k := s.str()
			s.space()
			s.i++ // ':'
			m[k] = s.value()
		}
	case '[':
		s.i++
		a := []any{}
		for {
			s.space()
			switch s.peek() {
			case ',':
				s.i++
				continue
			case ']', 0:
				s.i = min(s.i+1, len(s.b))
				return a
			}
			before := s.i
			a = append(a, s.value())
			if s.i == before { // not JSON; never loop
				s.i = len(s.b)
			}
		}
	case '"':
		return s.str()
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
	return json.Number(bytesString(s.b[start:s.i]))
}

// bytesString is b as a string, sharing its memory.
func bytesString(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}

// skip steps over the value at the cursor.
func (s *validJSON) skip() {
	s.space()
	switch s.peek() {
	case '"':
		s.str()
		return
	case '{', '[':
	default:
		s.value()
		return
	}
	depth := 0
	for s.i < len(s.b) {
		switch s.b[s.i] {
		case '"':
			s.str()
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
