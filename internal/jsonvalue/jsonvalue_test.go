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
	})
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
