package ascii

import (
	"strings"
	"testing"
)

// span is Span one byte at a time, the definition the word-at-a-time loop must match.
func span(s string, min, a, b byte) int {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 0x80 || c < min || c == a || c == b {
			return i
		}
	}
	return len(s)
}

func TestSpan(t *testing.T) {
	long := strings.Repeat("abcdefgh", 4)
	tests := []struct {
		name string
		s    string
		min  byte
		a, b byte
		want int
	}{
		{"empty", "", 0x20, '"', '\\', 0},
		{"all plain", long, 0x20, '"', '\\', 32},
		{"quote in the first word", `abc"defghijk`, 0x20, '"', '\\', 3},
		{"backslash in the second word", `abcdefgh\ijk`, 0x20, '"', '\\', 8},
		{"control byte in the tail", long + "ab\ncd", 0x20, '"', '\\', 34},
		{"non-ASCII", long[:10] + "é", 0x20, '"', '\\', 10},
		{"DEL is plain unless named", "abc\x7fdefghij", 0x20, '"', '\\', 11},
		{"DEL named", "abc\x7fdefghij", 0x20, 0x7f, 0x7f, 3},
		{"space below min", "key value", 0x21, '=', '"', 3},
		{"equals sign", "keyvalue=x", 0x21, '=', '"', 8},
		{"byte just under min", "abcdefgh\x1f", 0x20, '"', '\\', 8},
		{"byte at min", "abcdefgh ", 0x20, '"', '\\', 9},
		{"0x80 after plain", "abcdefgh\x80", 0x20, '"', '\\', 8},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Span(tt.s, tt.min, tt.a, tt.b); got != tt.want {
				t.Errorf("Span(%q) = %d, want %d", tt.s, got, tt.want)
			}
			if got := Span([]byte(tt.s), tt.min, tt.a, tt.b); got != tt.want {
				t.Errorf("Span([]byte(%q)) = %d, want %d", tt.s, got, tt.want)
			}
		})
	}
}

// TestSpanEveryByte puts each byte value at each position of a word and after it.
func TestSpanEveryByte(t *testing.T) {
	for _, p := range []struct{ min, a, b byte }{{0x20, '"', '\\'}, {0x21, '=', '"'}, {0x20, 0x7f, 0x7f}} {
		for c := range 256 {
			for pos := range 17 {
				s := []byte(strings.Repeat("x", 17))
				s[pos] = byte(c)
				if got, want := Span(s, p.min, p.a, p.b), span(string(s), p.min, p.a, p.b); got != want {
					t.Fatalf("Span with byte %#x at %d (min %#x, %q, %q) = %d, want %d", c, pos, p.min, p.a, p.b, got, want)
				}
			}
		}
	}
}

func FuzzSpan(f *testing.F) {
	f.Add("abcdefgh\"ijk", byte(0x20), byte('"'), byte('\\'))
	f.Add("key=value pairs", byte(0x21), byte('='), byte('"'))
	f.Fuzz(func(t *testing.T, s string, min, a, b byte) {
		if min > 0x80 {
			min = 0x80
		}
		if got, want := Span(s, min, a, b), span(s, min, a, b); got != want {
			t.Fatalf("Span(%q, %#x, %#x, %#x) = %d, want %d", s, min, a, b, got, want)
		}
	})
}

func BenchmarkSpan(b *testing.B) {
	s := strings.Repeat("Changing the payment schedule failed; retry later. ", 4)
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		if Span(s, 0x20, '"', '\\') != len(s) {
			b.Fatal("stopped early")
		}
	}
}
