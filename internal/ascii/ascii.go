// Package ascii measures runs of plain ASCII bytes eight at a time, for the encoders
// and validators that copy such runs as they are and stop only at the bytes they escape.
package ascii

import "math/bits"

const (
	ones  = 0x0101010101010101
	highs = 0x8080808080808080
)

// Span is the length of s's longest prefix of ASCII bytes (below 0x80) that are at least
// min and neither a nor b.
func Span[T string | []byte](s T, min, a, b byte) int {
	lows, as, bs := ones*uint64(min), ones*uint64(a), ones*uint64(b)
	i := 0
	for ; len(s)-i >= 8; i += 8 {
		w := s[i : i+8]
		x := uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 |
			uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56
		ya, yb := x^as, x^bs
		// Each term's high bit is set in some byte exactly when some byte is below min,
		// equals a, equals b, or is not ASCII. A borrow can also set it in bytes above
		// the first such byte, never below, so the lowest bit set marks that byte.
		if m := ((x-lows)&^x | (ya-ones)&^ya | (yb-ones)&^yb | x) & highs; m != 0 {
			return i + bits.TrailingZeros64(m)/8
		}
	}
	for ; i < len(s); i++ {
		if c := s[i]; c >= 0x80 || c < min || c == a || c == b {
			break
		}
	}
	return i
}
