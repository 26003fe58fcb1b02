package journal

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

func seqs(es []*Entry) string {
	out := make([]uint64, len(es))
	for i, e := range es {
		out[i] = e.Seq
	}
	return fmt.Sprint(out)
}

func TestRingKeepsTheNewest(t *testing.T) {
	tests := []struct {
		size, adds int
		want       string
		len        int
	}{
		{0, 3, "[]", 0},
		{1, 3, "[3]", 1},
		{3, 2, "[2 1]", 2},
		{3, 3, "[3 2 1]", 3},
		{3, 7, "[7 6 5]", 3},
		{4, 9, "[9 8 7 6]", 4},
		{-1, 2, "[]", 0},
	}
	for _, tc := range tests {
		r := New(tc.size)
		for range tc.adds {
			r.Add(&Entry{})
		}
		if got := seqs(r.Entries()); got != tc.want || r.Len() != tc.len || r.Total() != uint64(tc.adds) {
			t.Errorf("size %d after %d adds: %s len %d total %d, want %s len %d", tc.size, tc.adds, got, r.Len(), r.Total(), tc.want, tc.len)
		}
	}
	r := New(2)
	r.Add(&Entry{})
	r.Add(&Entry{})
	r.Add(&Entry{})
	r.Clear()
	r.Add(&Entry{})
	if got := seqs(r.Entries()); got != "[4]" {
		t.Errorf("after Clear: %s, want [4] (numbering goes on)", got)
	}
	if r.Dropped() != 0 {
		t.Errorf("after Clear: dropped %d, want 0", r.Dropped())
	}
	if off := New(0); off.Add(&Entry{}) == 0 && off.Add(&Entry{}) == 0 && off.Dropped() != 2 {
		t.Errorf("a journal that is off dropped %d of 2, want 2 (a check of it sees none)", off.Dropped())
	}
	var nilRing *Ring
	nilRing.Add(&Entry{})
	if nilRing.Len() != 0 || nilRing.Entries() != nil {
		t.Error("a nil ring holds nothing")
	}
}

func TestFilter(t *testing.T) {
	entries := []*Entry{
		{Seq: 3, Endpoint: EndpointREST, Path: "/v1/data-import/notes/create/", Outcome: Outcome{Status: 400}},
		{Seq: 2, Path: "/v1/graphql/", OperationName: "SignIn", Fields: []Field{{Name: "obtainKrakenToken", ErrorCodes: []string{"KT-CT-1138"}}}, Outcome: Outcome{Status: 200, ErrorCodes: []string{"KT-CT-1138"}}, Unmatched: true},
		{Seq: 1, Path: "/v1/graphql/", Fields: []Field{{Name: "viewer", Alias: "me"}}, Outcome: Outcome{Status: 200, Data: true}},
	}
	tests := []struct {
		f    Filter
		want string
	}{
		{Filter{}, "[3 2 1]"},
		{Filter{Field: "viewer"}, "[1]"},
		{Filter{Field: "me"}, "[1]"},
		{Filter{OperationName: "SignIn"}, "[2]"},
		{Filter{Path: "/v1/data-import/*"}, "[3]"},
		{Filter{Path: "/v1/graphql/"}, "[2 1]"},
		{Filter{Path: "/v1/"}, "[]"},
		{Filter{Status: 200}, "[2 1]"},
		{Filter{ErrorCode: "KT-CT-1138"}, "[2]"},
		{Filter{Unmatched: true}, "[2]"},
		{Filter{Limit: 2}, "[3 2]"},
		{Filter{Status: 200, Limit: 1}, "[2]"},
	}
	for _, tc := range tests {
		if got := seqs(Select(entries, tc.f)); got != tc.want {
			t.Errorf("%+v: %s, want %s", tc.f, got, tc.want)
		}
	}
}

func TestHeadersRedactCredentials(t *testing.T) {
	h := map[string][]string{
		"Authorization":       {"JWT eyJhbGciOi"},
		"X-Api-Key":           {"sk_live_1"},
		"Cookie":              {"session=1"},
		"X-Refresh-Token":     {"r"},
		"Content-Type":        {"application/json"},
		"Content-Length":      {"12"},
		"X-Krakensim-Session": {"s1"},
		"Accept-Encoding":     {"gzip"},
	}
	got := fmt.Sprint(Headers(h))
	want := "map[Authorization:[JWT [redacted]] Content-Type:[application/json] Cookie:[[redacted]] X-Api-Key:[[redacted]] X-Krakensim-Session:[s1] X-Refresh-Token:[[redacted]]]"
	if got != want {
		t.Errorf("Headers = %s\nwant %s", got, want)
	}
	if h["Authorization"][0] != "JWT eyJhbGciOi" {
		t.Error("Headers changed the request's headers")
	}
	if Headers(nil) != nil {
		t.Error("no headers give nil")
	}
}

func BenchmarkRingAdd(b *testing.B) {
	r := New(DefaultSize)
	e := &Entry{}
	b.ReportAllocs()
	for b.Loop() {
		r.Add(e)
	}
}

// TestEntryBytes checks the memory estimate the ring keeps: it grows with what the
// entry holds, counting each part once: the variables (as text, or decoded, which the
// arguments share) and the arguments decoded from the text.
func TestEntryBytes(t *testing.T) {
	big := map[string]any{"input": map[string]any{"note": string(make([]byte, 100_000))}}
	args := []Field{{Name: "createNote", Args: big}}
	walked := (&Entry{Variables: big, Fields: args}).bytes()
	known := &Entry{Fields: args}
	known.SetVariablesText(make([]byte, 100_030))
	small := &Entry{Fields: args}
	small.SetVariablesText(make([]byte, 40))
	empty := (&Entry{}).bytes()
	for _, c := range []struct {
		name     string
		got, min int
		max      int
	}{
		{"walked", walked, 100_000, 102_000},
		{"from the text", known.bytes(), 200_030, 202_000},
		{"from a short text", small.bytes(), empty + 100_040, empty + 102_000},
	} {
		if c.got < c.min || c.got > c.max {
			t.Errorf("%s: %d bytes, want %d to %d", c.name, c.got, c.min, c.max)
		}
	}
	r := New(2)
	r.Add(known)
	r.Add(&Entry{})
	r.Add(&Entry{})
	if got := r.Bytes(); got != 2*empty {
		t.Errorf("after the big entry left the ring: %d bytes, want %d", got, 2*empty)
	}
}

// TestRequestVariables checks that an entry given the variables' text decodes them
// when asked, that the text is its own copy, and that Variables set directly win.
func TestRequestVariables(t *testing.T) {
	text := []byte(`{"i":{"accountNumber":"A-1","paymentDay":5,"tags":["a",null]}}`)
	e := &Entry{}
	e.SetVariablesText(text)
	copy(text, "XXXXXXXX")
	want := map[string]any{"i": map[string]any{"accountNumber": "A-1", "paymentDay": json.Number("5"), "tags": []any{"a", nil}}}
	if got := e.RequestVariables(); !reflect.DeepEqual(got, want) {
		t.Errorf("from the text: %#v, want %#v", got, want)
	}
	got := e.RequestVariables()
	got["i"].(map[string]any)["accountNumber"] = "changed"
	if again := e.RequestVariables(); !reflect.DeepEqual(again, want) {
		t.Errorf("a caller's change reached the entry: %#v", again)
	}
	set := &Entry{Variables: map[string]any{"x": "y"}}
	set.SetVariablesText([]byte(`{"x":"z"}`))
	if got := set.RequestVariables(); got["x"] != "y" {
		t.Errorf("Variables set directly: %v, want x: y", got)
	}
	if got := (&Entry{}).RequestVariables(); got != nil {
		t.Errorf("no variables: %v, want nil", got)
	}
	b, err := e.MarshalJSON()
	if err != nil || !strings.Contains(string(b), `"variables":{"i":{"accountNumber":"A-1","paymentDay":5,"tags":["a",null]}}`) {
		t.Errorf("JSON: %s (%v), want the decoded variables", b, err)
	}
}

// A ring bounded in bytes lets its oldest entries go past the bound, keeps the newest
// however large, stays in order, and counts what it dropped.
func TestRingBytes(t *testing.T) {
	big := func() *Entry {
		e := &Entry{}
		e.SetBody(make([]byte, 1000))
		return e
	}
	one := big()
	one.size = one.bytes()
	r := NewBounded(5, 3*one.Size())
	r.Add(one)
	if r.Bytes() != one.Size() || one.Size() < 1000 {
		t.Fatalf("one entry: ring %d bytes, entry %d", r.Bytes(), one.Size())
	}
	for range 6 {
		r.Add(big())
	}
	if got := seqs(r.Entries()); got != "[7 6 5]" || r.Dropped() != 4 || r.Bytes() != 3*one.Size() {
		t.Errorf("after 7 adds: %s dropped %d bytes %d, want [7 6 5], 4 dropped, %d bytes", got, r.Dropped(), r.Bytes(), 3*one.Size())
	}
	sized := NewBounded(2, 100*one.Size())
	for range 3 {
		sized.Add(big())
	}
	if got := seqs(sized.Entries()); got != "[3 2]" || sized.Dropped() != 1 {
		t.Errorf("within the bytes, past the size: %s dropped %d, want [3 2], 1 dropped", got, sized.Dropped())
	}
	huge := &Entry{}
	huge.SetBody(make([]byte, 10000))
	r.Add(huge)
	if got := seqs(r.Entries()); got != "[8]" || r.Bytes() != huge.Size() {
		t.Errorf("an entry over the bound alone: %s, %d bytes; want [8] kept", got, r.Bytes())
	}
}
