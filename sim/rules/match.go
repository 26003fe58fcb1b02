package rules

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"math"
	"reflect"
	"strconv"
	"strings"
)

// Match reports whether m accepts v; present is false when the matched path does not
// exist in the request. A nil Matcher accepts any present value.
func (m *Matcher) Match(v any, present bool) bool {
	if m == nil {
		return present
	}
	switch m.Op {
	case OpExists:
		return present
	case OpAbsent:
		return !present
	case OpNot:
		if len(m.Sub) == 0 {
			return false
		}
		return !m.Sub[0].Match(v, present)
	case OpAll:
		for _, s := range m.Sub {
			if !s.Match(v, present) {
				return false
			}
		}
		return true
	}
	if !present {
		return false
	}
	switch m.Op {
	case OpEqual:
		return Equal(v, m.Value)
	case OpOneOf:
		for _, w := range m.Values {
			if Equal(v, w) {
				return true
			}
		}
		return false
	case OpRegex:
		s, ok := scalarString(v)
		return ok && matchRegex(m.Regexp, s)
	case OpSHA256:
		s, ok := scalarString(v)
		return ok && m.Value == SHA256(s)
	case OpGT, OpGTE, OpLT, OpLTE:
		f, ok := numberOrNumericString(v)
		if !ok || math.IsNaN(m.Number) {
			return false
		}
		switch m.Op {
		case OpGT:
			return f > m.Number
		case OpGTE:
			return f >= m.Number
		case OpLT:
			return f < m.Number
		default:
			return f <= m.Number
		}
	}
	return false
}

// matchString is Match for a string value (or none), without boxing the string:
// headers, query parameters and operation names.
// SHA256 is the hex SHA-256 of s, as a sha256 matcher holds it.
func SHA256(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}

func (m *Matcher) matchString(s string, present bool) bool {
	if m == nil {
		return present
	}
	switch m.Op {
	case OpExists:
		return present
	case OpAbsent:
		return !present
	case OpNot:
		return len(m.Sub) > 0 && !m.Sub[0].matchString(s, present)
	case OpAll:
		for _, sub := range m.Sub {
			if !sub.matchString(s, present) {
				return false
			}
		}
		return true
	}
	if !present {
		return false
	}
	switch m.Op {
	case OpEqual:
		w, ok := m.Value.(string)
		return ok && w == s
	case OpOneOf:
		for _, v := range m.Values {
			if w, ok := v.(string); ok && w == s {
				return true
			}
		}
		return false
	case OpRegex:
		return matchRegex(m.Regexp, s)
	case OpSHA256:
		return m.Value == SHA256(s)
	case OpGT, OpGTE, OpLT, OpLTE:
		return m.Match(s, true)
	}
	return false
}

// Equal compares two decoded JSON values: numbers by value across Go number types,
// strings exactly (a string never equals a number), maps and lists deeply.
func Equal(a, b any) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	if ai, aInt, aNum := number(a); aNum {
		bi, bInt, bNum := number(b)
		if !bNum {
			return false
		}
		if aInt && bInt {
			return ai.i == bi.i
		}
		return ai.f == bi.f
	}
	switch x := a.(type) {
	case string:
		y, ok := b.(string)
		return ok && x == y
	case bool:
		y, ok := b.(bool)
		return ok && x == y
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for k, xv := range x {
			yv, ok := y[k]
			if !ok || !Equal(xv, yv) {
				return false
			}
		}
		return true
	case []any:
		y, ok := b.([]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for i := range x {
			if !Equal(x[i], y[i]) {
				return false
			}
		}
		return true
	}
	return reflect.DeepEqual(a, b)
}

// num is a number as both an int64 (when integral) and a float64.
type num struct {
	i int64
	f float64
}

// number reports v's numeric value; isInt is true when v is an integer type (or an
// integral json.Number), so that large integers compare exactly.
func number(v any) (n num, isInt, ok bool) {
	switch x := v.(type) {
	case int:
		return num{int64(x), float64(x)}, true, true
	case int8:
		return num{int64(x), float64(x)}, true, true
	case int16:
		return num{int64(x), float64(x)}, true, true
	case int32:
		return num{int64(x), float64(x)}, true, true
	case int64:
		return num{x, float64(x)}, true, true
	case uint:
		return uintNum(uint64(x))
	case uint8:
		return num{int64(x), float64(x)}, true, true
	case uint16:
		return num{int64(x), float64(x)}, true, true
	case uint32:
		return num{int64(x), float64(x)}, true, true
	case uint64:
		return uintNum(x)
	case float32:
		return floatNum(float64(x))
	case float64:
		return floatNum(x)
	case json.Number:
		if i, err := strconv.ParseInt(string(x), 10, 64); err == nil {
			return num{i, float64(i)}, true, true
		}
		if f, err := strconv.ParseFloat(string(x), 64); err == nil {
			return floatNum(f)
		}
	}
	return num{}, false, false
}

func uintNum(u uint64) (num, bool, bool) {
	if u > math.MaxInt64 {
		return num{f: float64(u)}, false, true
	}
	return num{int64(u), float64(u)}, true, true
}

// floatNum treats integral floats within ±2^53 as integers, so 12.0 equals int64 12.
func floatNum(f float64) (num, bool, bool) {
	if f == math.Trunc(f) && math.Abs(f) <= 1<<53 {
		return num{int64(f), f}, true, true
	}
	return num{f: f}, false, true
}

// numberOrNumericString returns the value of a number or of a string holding one
// ("12.5" amount strings).
func numberOrNumericString(v any) (float64, bool) {
	if n, _, ok := number(v); ok {
		return n.f, !math.IsNaN(n.f)
	}
	s, ok := v.(string)
	if !ok {
		return 0, false
	}
	f, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || math.IsNaN(f) {
		return 0, false
	}
	return f, true
}

// scalarString is the string form of a scalar for regex matching: numbers formatted
// minimally, booleans as "true"/"false"; maps, lists and null have none.
func scalarString(v any) (string, bool) {
	switch x := v.(type) {
	case string:
		return x, true
	case bool:
		return strconv.FormatBool(x), true
	case json.Number:
		return string(x), true
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64), true
	case float32:
		return strconv.FormatFloat(float64(x), 'f', -1, 32), true
	}
	if n, isInt, ok := number(v); ok && isInt {
		return strconv.FormatInt(n.i, 10), true
	} else if ok {
		return strconv.FormatFloat(n.f, 'f', -1, 64), true
	}
	return "", false
}

// Lookup follows a dotted path ("input.items.0.amount") into maps and lists; a
// numeric segment indexes a list. An empty path is root itself.
func Lookup(root any, dotted string) (v any, present bool) {
	if dotted == "" {
		return root, true
	}
	cur := root
	for rest := dotted; ; {
		seg := rest
		i := strings.IndexByte(rest, '.')
		if i >= 0 {
			seg, rest = rest[:i], rest[i+1:]
		}
		var ok bool
		if cur, ok = step(cur, seg); !ok {
			return nil, false
		}
		if i < 0 {
			return cur, true
		}
	}
}

// step descends one path segment.
func step(cur any, seg string) (any, bool) {
	switch c := cur.(type) {
	case map[string]any:
		v, ok := c[seg]
		return v, ok
	case []any:
		i, ok := index(seg, len(c))
		if !ok {
			return nil, false
		}
		return c[i], true
	case map[string]string:
		v, ok := c[seg]
		return v, ok
	case map[string][]string:
		v, ok := c[seg]
		if !ok {
			return nil, false
		}
		out := make([]any, len(v))
		for i, s := range v {
			out[i] = s
		}
		return out, true
	case []string:
		i, ok := index(seg, len(c))
		if !ok {
			return nil, false
		}
		return c[i], true
	case []map[string]any:
		i, ok := index(seg, len(c))
		if !ok {
			return nil, false
		}
		return c[i], true
	}
	return nil, false
}

// index parses a list index segment (decimal, no leading zeros), bounded by n.
func index(seg string, n int) (int, bool) {
	if seg == "" || len(seg) > 9 || len(seg) > 1 && seg[0] == '0' {
		return 0, false
	}
	i := 0
	for j := 0; j < len(seg); j++ {
		c := seg[j]
		if c < '0' || c > '9' {
			return 0, false
		}
		i = i*10 + int(c-'0')
	}
	return i, i < n
}
