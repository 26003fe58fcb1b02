package graphql

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/krakensim/krakensim/internal/ascii"
)

// Get returns the value stored under key.
func (o *Object) Get(key string) (any, bool) {
	if o == nil {
		return nil, false
	}
	for i, k := range o.Keys {
		if k == key {
			return o.Values[i], true
		}
	}
	return nil, false
}

// Set replaces the value under key, or appends key when it is absent.
func (o *Object) Set(key string, v any) {
	for i, k := range o.Keys {
		if k == key {
			o.Values[i] = v
			return
		}
	}
	o.Keys = append(o.Keys, key)
	o.Values = append(o.Values, v)
}

// MarshalJSON encodes the object with its keys in order.
func (o *Object) MarshalJSON() ([]byte, error) {
	return appendJSON(make([]byte, 0, 256), o)
}

// MarshalJSON encodes the response as {"errors":[…],"data":…}, omitting absent members.
func (r *Response) MarshalJSON() ([]byte, error) {
	return r.AppendJSON(make([]byte, 0, 512))
}

// AppendJSON appends the response's JSON encoding (as MarshalJSON makes it) to b.
func (r *Response) AppendJSON(b []byte) ([]byte, error) {
	b = append(b, '{')
	if len(r.Errors) > 0 {
		b = append(b, `"errors":[`...)
		for i, e := range r.Errors {
			if i > 0 {
				b = append(b, ',')
			}
			var err error
			b, err = appendError(b, e)
			if err != nil {
				return nil, err
			}
		}
		b = append(b, ']')
	}
	if r.Executed {
		if len(r.Errors) > 0 {
			b = append(b, ',')
		}
		b = append(b, `"data":`...)
		if r.Data == nil {
			b = append(b, "null"...)
		} else {
			var err error
			b, err = appendJSON(b, r.Data)
			if err != nil {
				return nil, err
			}
		}
	}
	if len(r.Extensions) > 0 {
		if len(b) > 1 {
			b = append(b, ',')
		}
		ext, err := json.Marshal(r.Extensions)
		if err != nil {
			return nil, err
		}
		b = append(append(b, `"extensions":`...), ext...)
	}
	return append(b, '}'), nil
}

func appendError(b []byte, e *Error) ([]byte, error) {
	if e == nil {
		return append(b, `{"message":"unknown error"}`...), nil
	}
	b = append(b, `{"message":`...)
	b = appendString(b, e.Message)
	if len(e.Locations) > 0 {
		b = append(b, `,"locations":[`...)
		for i, l := range e.Locations {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"line":`...)
			b = strconv.AppendInt(b, int64(l.Line), 10)
			b = append(b, `,"column":`...)
			b = strconv.AppendInt(b, int64(l.Column), 10)
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	var err error
	if len(e.Path) > 0 {
		b = append(b, `,"path":`...)
		if b, err = appendJSON(b, e.Path); err != nil {
			return nil, err
		}
	}
	if len(e.Extensions) > 0 {
		b = append(b, `,"extensions":`...)
		if b, err = appendJSON(b, e.Extensions); err != nil {
			return nil, err
		}
	}
	return append(b, '}'), nil
}

// canonicalJSON renders coerced argument values with sorted keys, for fake keys.
func canonicalJSON(v map[string]any) string {
	if len(v) == 0 {
		return ""
	}
	b, err := appendJSON(nil, v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

// AppendValue appends v as JSON the way answers are written: without reflection for
// decoded JSON and the executor's values, map keys sorted, no HTML escaping.
func AppendValue(b []byte, v any) ([]byte, error) { return appendJSON(b, v) }

// appendJSON encodes v without reflection for the types the executor produces.
func appendJSON(b []byte, v any) ([]byte, error) {
	var err error
	switch x := v.(type) {
	case nil:
		return append(b, "null"...), nil
	case *Object:
		if x == nil {
			return append(b, "null"...), nil
		}
		b = append(b, '{')
		for i, k := range x.Keys {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendString(b, k)
			b = append(b, ':')
			if b, err = appendJSON(b, x.Values[i]); err != nil {
				return nil, err
			}
		}
		return append(b, '}'), nil
	case []any:
		return appendList(b, x)
	case map[string]any:
		return appendMap(b, x)
	case []map[string]any:
		return appendList(b, x)
	case []string:
		return appendList(b, x)
	case map[string]string:
		return appendMap(b, x)
	case []map[string]string:
		return appendList(b, x)
	case string:
		return appendString(b, x), nil
	case bool:
		return strconv.AppendBool(b, x), nil
	case int:
		return strconv.AppendInt(b, int64(x), 10), nil
	case int32:
		return strconv.AppendInt(b, int64(x), 10), nil
	case int64:
		return strconv.AppendInt(b, x, 10), nil
	case uint64:
		return strconv.AppendUint(b, x, 10), nil
	case float64:
		return appendFloat(b, x)
	case json.Number:
		if !json.Valid([]byte(x)) {
			return nil, fmt.Errorf("invalid number %q", string(x))
		}
		return append(b, x...), nil
	case json.RawMessage:
		if !json.Valid(x) {
			return nil, fmt.Errorf("invalid raw JSON")
		}
		return append(b, x...), nil
	}
	enc, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return append(b, enc...), nil
}

// appendList encodes a slice of one of appendJSON's types (null when nil).
func appendList[T any](b []byte, x []T) ([]byte, error) {
	if x == nil {
		return append(b, "null"...), nil
	}
	b = append(b, '[')
	for i, it := range x {
		if i > 0 {
			b = append(b, ',')
		}
		var err error
		if b, err = appendJSON(b, it); err != nil {
			return nil, err
		}
	}
	return append(b, ']'), nil
}

// appendMap encodes a map of appendJSON's types with its keys sorted (null when nil).
func appendMap[V any](b []byte, x map[string]V) ([]byte, error) {
	if x == nil {
		return append(b, "null"...), nil
	}
	type member struct {
		k string
		v V
	}
	var small [8]member
	ms := small[:0]
	for k, v := range x {
		ms = append(ms, member{k, v})
	}
	slices.SortFunc(ms, func(a, b member) int { return strings.Compare(a.k, b.k) })
	b = append(b, '{')
	for i, m := range ms {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, m.k)
		b = append(b, ':')
		var err error
		if b, err = appendJSON(b, m.v); err != nil {
			return nil, err
		}
	}
	return append(b, '}'), nil
}

func appendFloat(b []byte, f float64) ([]byte, error) {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return nil, fmt.Errorf("unsupported float value %v", f)
	}
	abs := math.Abs(f)
	format := byte('f')
	if abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' {
		n := len(b)
		if n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b, nil
}

const hexDigits = "0123456789abcdef"

// appendString writes s as a JSON string, replacing invalid UTF-8 with U+FFFD.
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		i += ascii.Span(s[i:], 0x20, '"', '\\')
		if i == len(s) {
			break
		}
		c := s[i]
		if c < utf8.RuneSelf {
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
