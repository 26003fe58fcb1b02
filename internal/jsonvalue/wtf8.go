package jsonvalue

import (
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// unescapeWTF8 decodes the body of a JSON string that json.Valid accepted, as
// encoding/json does except that a lone surrogate escape is kept, in WTF-8.
func unescapeWTF8(raw []byte) string {
	var out strings.Builder
	out.Grow(len(raw))
	for i := 0; i < len(raw); {
		c := raw[i]
		if c != '\\' || i+1 >= len(raw) {
			out.WriteByte(c)
			i++
			continue
		}
		switch e := raw[i+1]; e {
		case 'b':
			out.WriteByte('\b')
		case 'f':
			out.WriteByte('\f')
		case 'n':
			out.WriteByte('\n')
		case 'r':
			out.WriteByte('\r')
		case 't':
			out.WriteByte('\t')
		case 'u':
			r, ok := hex4(raw[i+2:])
			if !ok {
				out.WriteByte(e)
				i += 2
				continue
			}
			i += 6
			if utf16.IsSurrogate(r) {
				if r < 0xdc00 {
					if lo, ok := lowSurrogate(raw[i:]); ok {
						out.WriteRune(utf16.DecodeRune(r, lo))
						i += 6
						continue
					}
				}
				out.Write([]byte{0xed, 0xa0 | byte(r>>6&0x1f), 0x80 | byte(r&0x3f)})
				continue
			}
			out.WriteRune(r)
			continue
		default: // '"', '\\', '/'
			out.WriteByte(e)
		}
		i += 2
	}
	return out.String()
}

// lowSurrogate reads a `\uDC00`–`\uDFFF` escape at the start of b.
func lowSurrogate(b []byte) (rune, bool) {
	if len(b) < 6 || b[0] != '\\' || b[1] != 'u' {
		return 0, false
	}
	r, ok := hex4(b[2:])
	return r, ok && r >= 0xdc00 && r <= 0xdfff
}

func hex4(b []byte) (rune, bool) {
	if len(b) < 4 {
		return 0, false
	}
	var r rune
	for _, c := range b[:4] {
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c -= 'a' - 10
		case c >= 'A' && c <= 'F':
			c -= 'A' - 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	return r, true
}

// FirstSurrogate is the first surrogate code point s holds as WTF-8, as Python's str
// would hold it after reading a lone surrogate escape.
func FirstSurrogate(s string) (rune, bool) {
	for i := 0; i+2 < len(s); i++ {
		if s[i] == 0xed && s[i+1]&0xe0 == 0xa0 && s[i+2]&0xc0 == 0x80 {
			return 0xd000 | rune(s[i+1]&0x3f)<<6 | rune(s[i+2]&0x3f), true
		}
	}
	return 0, false
}

// RuneCount counts s's code points as Python's len would: a surrogate kept as
// WTF-8 is one.
func RuneCount(s string) int {
	n := utf8.RuneCountInString(s)
	for i := 0; i+2 < len(s); i++ {
		if s[i] == 0xed && s[i+1]&0xe0 == 0xa0 && s[i+2]&0xc0 == 0x80 {
			n -= 2
			i += 2
		}
	}
	return n
}
