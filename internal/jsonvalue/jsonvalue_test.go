package jsonvalue

import (
	"bytes"
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
	"unsafe"
)

// stdDecode is what validJSON must agree with: encoding/json keeping numbers exact.
func stdDecode(b []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	err := dec.Decode(&v)
	return v, err
}

func TestReader(t *testing.T) {
	for _, in := range []string{
		`null`, `true`, `false`, `0`, `-1.5e+10`, `12345678901234567890123`, `""`, `"a\"b\\c\u00e9\ud83d\ude00"`,
		`{}`, `[]`, ` { "a" : [ 1 , { "b" : null } , "x" ] , "c" : {"d":{}} } `,
		`{"a":1,"a":2}`, `[[[[]]],[{}]]`, `{"k\n":"v\t","é":"ü"}`, `"\/"`,
	} {
		want, err := stdDecode([]byte(in))
		if err != nil {
			t.Fatalf("%s: %v", in, err)
		}
		s := NewReader([]byte(in))
		got := s.Value()
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: got %#v, want %#v", in, got, want)
		}
		s.Space()
		if s.Offset() != len(in) {
			t.Errorf("%s: stopped at %d of %d", in, s.Offset(), len(in))
		}
		s = NewReader([]byte(in))
		s.Skip()
		if s.Space(); s.Offset() != len(in) {
			t.Errorf("%s: skip stopped at %d of %d", in, s.Offset(), len(in))
		}
	}
}

// FuzzReader checks Reader against encoding/json on every UTF-8 input json.Valid
// accepts, and that it ends on any other input.
func FuzzReader(f *testing.F) {
	for _, s := range []string{`{"query":"{ x }","variables":{"n":1.50,"l":[true,null,"\u0041"]}}`, `[1,[2,[3]]]`, `"\\"`, `{"a":`, `]`, "\xff"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		s := NewReader(b)
		got := s.Value()
		if s.Offset() > len(b) {
			t.Fatalf("cursor at %d past the end %d", s.Offset(), len(b))
		}
		NewReader(b).Skip()
		if len(b) > 0 && b[0] == '"' {
			// TextShared reads what Text reads, shared or not, and stops where it stops.
			text := NewReader(b)
			plain := text.Text()
			for _, share := range []func([]byte) (string, bool){nil, func(q []byte) (string, bool) { return string(q), true }} {
				r := NewReader(b)
				if got := r.TextShared(share); got != plain || r.Offset() != text.Offset() {
					t.Fatalf("TextShared = %q at %d; Text = %q at %d", got, r.Offset(), plain, text.Offset())
				}
			}
		}
		if !json.Valid(b) || !utf8.Valid(b) {
			return
		}
		want, err := stdDecode(b)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("got %#v, want %#v", got, want)
		}
		// Keeping surrogates differs only where encoding/json wrote U+FFFD for one.
		if kept := fffd(DecodeKeepingSurrogates(b, nil)); !reflect.DeepEqual(kept, want) {
			t.Fatalf("keeping surrogates: got %#v, want %#v", kept, want)
		}
	})
}

// fffd replaces each surrogate v's strings hold as WTF-8 with U+FFFD.
func fffd(v any) any {
	switch v := v.(type) {
	case string:
		var b strings.Builder
		for i := 0; i < len(v); i++ {
			if _, ok := FirstSurrogate(v[i:min(i+3, len(v))]); ok {
				b.WriteRune(utf8.RuneError)
				i += 2
				continue
			}
			b.WriteByte(v[i])
		}
		return b.String()
	case []any:
		for i := range v {
			v[i] = fffd(v[i])
		}
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, e := range v {
			out[fffd(k).(string)] = fffd(e)
		}
		return out
	}
	return v
}

func TestDecodeKeepingSurrogates(t *testing.T) {
	for _, c := range []struct {
		in        string
		first     rune // 0: none
		runeCount int
	}{
		{`"\ud800"`, 0xd800, 1},
		{`"a\udc00b"`, 0xdc00, 3},
		{`"\udfff"`, 0xdfff, 1},
		{`"\ud83d\ude00"`, 0, 1},
		{`"\ud800\ud800"`, 0xd800, 2},
		{`"\ude00\ud83d"`, 0xde00, 2},
		{`"\ud83dx\u00e9"`, 0xd83d, 3},
		{`"\ud83d\u0041"`, 0xd83d, 2},
		{`"plain \"é\" \\ \/ \t"`, 0, 15},
		{`"\uD7FF\uE000"`, 0, 2},
	} {
		got, ok := DecodeKeepingSurrogates([]byte(c.in), nil).(string)
		if !ok {
			t.Fatalf("%s: not a string", c.in)
		}
		first, found := FirstSurrogate(got)
		if found != (c.first != 0) || first != c.first {
			t.Errorf("%s: first surrogate %U %v, want %U", c.in, first, found, c.first)
		}
		if n := RuneCount(got); n != c.runeCount {
			t.Errorf("%s: %d code points, want %d", c.in, n, c.runeCount)
		}
		if c.first == 0 {
			want, _ := stdDecode([]byte(c.in))
			if got != want {
				t.Errorf("%s: %q, want %q as encoding/json", c.in, got, want)
			}
		}
	}
}

func TestKey(t *testing.T) {
	known := []string{"query", "variables"}
	tests := []struct {
		in, want string
		isKnown  bool
	}{
		{`"query"`, "query", true},
		{`"variables"`, "variables", true},
		{`"quer\u0079"`, "query", false}, // escaped: decoded, a copy
		{`"other"`, "other", false},
		{`"queryx"`, "queryx", false},
		{`"query`, "", false}, // unterminated
	}
	for _, tt := range tests {
		s := NewReader([]byte(tt.in))
		got := s.Key(known...)
		if got != tt.want {
			t.Errorf("Key(%s) = %q, want %q", tt.in, got, tt.want)
		}
		if same := slices.ContainsFunc(known, func(k string) bool { return unsafe.StringData(k) == unsafe.StringData(got) }); same != tt.isKnown {
			t.Errorf("Key(%s) returned the known string itself: %v, want %v", tt.in, same, tt.isKnown)
		}
		if s.Offset() != len(tt.in) {
			t.Errorf("Key(%s) stopped at %d of %d", tt.in, s.Offset(), len(tt.in))
		}
	}
	if n := testing.AllocsPerRun(100, func() { NewReader([]byte(`"variables"`)).Key(known...) }); n > 1 {
		t.Errorf("a known key cost %v allocations, want the reader's at most", n)
	}
}

func TestTextShared(t *testing.T) {
	kept := "{ viewer { email } }"
	share := func(b []byte) (string, bool) { return kept, string(b) == kept }
	tests := []struct {
		in, want string
		share    func([]byte) (string, bool)
		shared   bool
	}{
		{`"{ viewer { email } }"`, kept, share, true},
		{`"{ viewer { email } }" , 1`, kept, share, true},
		{`"{ viewer { emai\u006c } }"`, kept, share, false}, // escaped: decoded, a copy
		{`"{ viewer { name } }"`, "{ viewer { name } }", share, false},
		{`"{ viewer { email } }"`, kept, nil, false},
		{`"{ viewer`, "", share, false}, // unterminated
	}
	for _, tt := range tests {
		s := NewReader([]byte(tt.in))
		got := s.TextShared(tt.share)
		if got != tt.want {
			t.Errorf("TextShared(%s) = %q, want %q", tt.in, got, tt.want)
		}
		if same := unsafe.StringData(got) == unsafe.StringData(kept); same != tt.shared {
			t.Errorf("TextShared(%s) returned the shared string itself: %v, want %v", tt.in, same, tt.shared)
		}
		if end := strings.Index(tt.in, `" ,`) + 1; end > 0 && s.Offset() != end || end == 0 && s.Offset() != len(tt.in) {
			t.Errorf("TextShared(%s) stopped at %d", tt.in, s.Offset())
		}
	}
	b := []byte(`"{ viewer { email } }"`)
	if n := testing.AllocsPerRun(100, func() { NewReader(b).TextShared(share) }); n > 1 {
		t.Errorf("a shared text cost %v allocations, want the reader's at most", n)
	}
}

func TestDecodeSharesKeys(t *testing.T) {
	known := map[string]string{"body": "body", "notes": "notes"}
	keys := func(b []byte) (string, bool) { s, ok := known[string(b)]; return s, ok }
	tests := []struct {
		in     string
		shared []string // the keys of the top object that are known's own strings
	}{
		{`{"notes":[{"body":"x","other":1}],"body":"notes"}`, []string{"notes", "body"}},
		{`{"no\u0074es":1,"body":2}`, []string{"body"}}, // escaped: decoded, a copy
		{`{"other":{"body":null}}`, nil},
		{`[{"body":1}]`, nil},
	}
	for _, tt := range tests {
		want, err := stdDecode([]byte(tt.in))
		if err != nil {
			t.Fatalf("%s: %v", tt.in, err)
		}
		got := DecodeKeepingSurrogates([]byte(tt.in), keys)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: got %#v, want %#v", tt.in, got, want)
		}
		m, _ := got.(map[string]any)
		for k := range m {
			shared := unsafe.StringData(k) == unsafe.StringData(known[k])
			if want := slices.Contains(tt.shared, k); shared != want {
				t.Errorf("%s: key %q is the known string: %v, want %v", tt.in, k, shared, want)
			}
		}
	}
	// Below the top: a nested object's known key is shared too.
	m := DecodeKeepingSurrogates([]byte(`{"notes":[{"body":"x"}]}`), keys).(map[string]any)
	for k := range m["notes"].([]any)[0].(map[string]any) {
		if unsafe.StringData(k) != unsafe.StringData(known["body"]) {
			t.Errorf("nested key %q copied, want the known string", k)
		}
	}
	b := []byte(`{"notes":1,"body":2}`)
	plain := testing.AllocsPerRun(100, func() { Decode(b) })
	if shared := testing.AllocsPerRun(100, func() { DecodeKeepingSurrogates(b, keys) }); shared != plain-2 {
		t.Errorf("two known keys cost %v allocations against %v copied, want 2 fewer", shared, plain)
	}
}
