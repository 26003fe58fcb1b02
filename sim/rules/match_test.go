package rules

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"
)

func eq(v any) *Matcher        { return &Matcher{Op: OpEqual, Value: v} }
func re(s string) *Matcher     { return &Matcher{Op: OpRegex, Regexp: regexp.MustCompile(s)} }
func oneOf(vs ...any) *Matcher { return &Matcher{Op: OpOneOf, Values: vs} }
func cmp(op Op, n float64) *Matcher {
	return &Matcher{Op: op, Number: n}
}
func not(m *Matcher) *Matcher     { return &Matcher{Op: OpNot, Sub: []*Matcher{m}} }
func all(ms ...*Matcher) *Matcher { return &Matcher{Op: OpAll, Sub: ms} }

var (
	exists = &Matcher{Op: OpExists}
	absent = &Matcher{Op: OpAbsent}
)

func TestMatcher(t *testing.T) {
	obj := map[string]any{"a": 1.0, "b": []any{"x", true}}
	tests := []struct {
		name    string
		m       *Matcher
		v       any
		present bool
		want    bool
	}{
		{"equal string", eq("A-1"), "A-1", true, true},
		{"equal string differs", eq("A-1"), "A-2", true, false},
		{"string is not number", eq("12"), 12, true, false},
		{"number is not string", eq(12), "12", true, false},
		{"int equals float", eq(12), 12.0, true, true},
		{"float equals int64", eq(12.0), int64(12), true, true},
		{"json.Number equals int", eq(json.Number("12")), 12, true, true},
		{"json.Number float", eq(json.Number("12.5")), 12.5, true, true},
		{"fraction differs", eq(12), 12.5, true, false},
		{"big ints exact", eq(int64(1<<62 + 1)), int64(1 << 62), true, false},
		{"uint equals int", eq(uint8(3)), 3, true, true},
		{"bool", eq(true), true, true, true},
		{"bool vs string", eq(true), "true", true, false},
		{"null equals null", eq(nil), nil, true, true},
		{"null vs absent", eq(nil), nil, false, false},
		{"null vs string", eq(nil), "", true, false},
		{"map deep", eq(map[string]any{"a": 1, "b": []any{"x", true}}), obj, true, true},
		{"map deep differs", eq(map[string]any{"a": 2, "b": []any{"x", true}}), obj, true, false},
		{"map extra key", eq(map[string]any{"a": 1}), obj, true, false},
		{"list deep", eq([]any{1, "x"}), []any{1.0, "x"}, true, true},
		{"list length", eq([]any{1}), []any{1.0, 2.0}, true, false},
		{"absent never equals", eq("x"), nil, false, false},
		{"regex string", re(`^A-[0-9A-F]{8}$`), "A-FA11ED01", true, true},
		{"regex no match", re(`^A-`), "B-1", true, false},
		{"regex int", re(`^1[0-9]$`), 12, true, true},
		{"regex float minimal", re(`^12\.5$`), 12.5, true, true},
		{"regex float integral", re(`^1000000$`), 1e6, true, true},
		{"regex bool", re(`^true$`), true, true, true},
		{"regex map fails", re(`.*`), obj, true, false},
		{"regex null fails", re(`.*`), nil, true, false},
		{"regex absent fails", re(`.*`), nil, false, false},
		{"regex nil regexp", &Matcher{Op: OpRegex}, "x", true, false},
		{"exists present", exists, "x", true, true},
		{"exists null", exists, nil, true, true},
		{"exists absent", exists, nil, false, false},
		{"absent absent", absent, nil, false, true},
		{"absent present", absent, nil, true, false},
		{"oneOf hit", oneOf("a", 2, "c"), 2.0, true, true},
		{"oneOf miss", oneOf("a", 2, "c"), "2", true, false},
		{"oneOf empty", oneOf(), "a", true, false},
		{"oneOf absent", oneOf(nil), nil, false, false},
		{"gt number", cmp(OpGT, 10), 10.5, true, true},
		{"gt equal", cmp(OpGT, 10), 10, true, false},
		{"gte equal", cmp(OpGTE, 10), 10, true, true},
		{"lt amount string", cmp(OpLT, 100), "12.50", true, true},
		{"lt amount string high", cmp(OpLT, 100), "120.00", true, false},
		{"lte equal", cmp(OpLTE, 12.5), "12.5", true, true},
		{"lte int64", cmp(OpLTE, 5), int64(6), true, false},
		{"gt json.Number", cmp(OpGT, 5), json.Number("6"), true, true},
		{"gt non-numeric string", cmp(OpGT, 0), "abc", true, false},
		{"gt NaN string", cmp(OpGT, 0), "NaN", true, false},
		{"gt bool", cmp(OpGT, 0), true, true, false},
		{"gt null", cmp(OpGT, 0), nil, true, false},
		{"gt absent", cmp(OpGT, 0), nil, false, false},
		{"not equal", not(eq("a")), "b", true, true},
		{"not equal same", not(eq("a")), "a", true, false},
		{"not absent value", not(eq("a")), nil, false, true},
		{"not exists absent", not(exists), nil, false, true},
		{"not exists present", not(exists), "a", true, false},
		{"not without sub", &Matcher{Op: OpNot}, "a", true, false},
		{"all range", all(cmp(OpGTE, 1), cmp(OpLT, 10)), 5, true, true},
		{"all range out", all(cmp(OpGTE, 1), cmp(OpLT, 10)), 10, true, false},
		{"all empty", all(), "x", true, true},
		{"nil matcher present", nil, "x", true, true},
		{"nil matcher absent", nil, nil, false, false},
		{"unknown op", &Matcher{Op: 99}, "x", true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.m.Match(tt.v, tt.present); got != tt.want {
				t.Errorf("Match(%#v, %v) = %v, want %v", tt.v, tt.present, got, tt.want)
			}
		})
	}
}

func TestMatchStringAgreesWithMatch(t *testing.T) {
	matchers := []*Matcher{
		eq("a"), eq(1), eq(nil), re("^a"), oneOf("a", "b", 1), oneOf(), cmp(OpGT, 1), cmp(OpLTE, 2.5),
		exists, absent, not(eq("a")), not(exists), all(re("a"), not(eq("ab"))), all(), nil,
		&Matcher{Op: OpNot}, &Matcher{Op: OpRegex}, &Matcher{Op: 99},
	}
	for i, m := range matchers {
		for _, s := range []string{"", "a", "ab", "b", "1", "2.5", "3"} {
			for _, present := range []bool{true, false} {
				var v any
				if present {
					v = s
				}
				if got, want := m.matchString(s, present), m.Match(v, present); got != want {
					t.Errorf("matcher %d on %q (present %v): matchString %v, Match %v", i, s, present, got, want)
				}
			}
		}
	}
}

func TestLookup(t *testing.T) {
	root := map[string]any{
		"input": map[string]any{
			"accountNumber": "A-1",
			"items":         []any{map[string]any{"amount": "12.50"}, nil},
			"nothing":       nil,
		},
		"hdr":  map[string][]string{"X": {"1", "2"}},
		"a.b":  "dotted key is not reachable",
		"list": []any{[]any{"deep"}},
	}
	tests := []struct {
		path    string
		want    any
		present bool
	}{
		{"input.accountNumber", "A-1", true},
		{"input.items.0.amount", "12.50", true},
		{"input.items.1", nil, true},
		{"input.items.1.amount", nil, false},
		{"input.items.2", nil, false},
		{"input.items.-1", nil, false},
		{"input.items.x", nil, false},
		{"input.items.01", nil, false},
		{"input.nothing", nil, true},
		{"input.nothing.more", nil, false},
		{"input.missing", nil, false},
		{"input.accountNumber.x", nil, false},
		{"list.0.0", "deep", true},
		{"hdr.X.1", "2", true},
		{"a.b", nil, false},
		{"input.", nil, false},
		{".input", nil, false},
		{"input.items.99999999999", nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			got, ok := Lookup(root, tt.path)
			if ok != tt.present || !Equal(got, tt.want) {
				t.Errorf("Lookup(%q) = %#v, %v; want %#v, %v", tt.path, got, ok, tt.want, tt.present)
			}
		})
	}
	if v, ok := Lookup("x", ""); !ok || v != "x" {
		t.Errorf(`Lookup("x", "") = %v, %v; want root`, v, ok)
	}
	if _, ok := Lookup(nil, "a"); ok {
		t.Error("Lookup(nil, a) is present")
	}
}

func BenchmarkMatcher(b *testing.B) {
	vars := map[string]any{"input": map[string]any{"accountNumber": "A-FA11ED01", "amount": "12.50"}}
	ms := []PathMatch{
		{Path: "input.accountNumber", Matcher: re(`^A-FA`)},
		{Path: "input.amount", Matcher: all(cmp(OpGT, 10), cmp(OpLT, 20))},
	}
	b.ReportAllocs()
	for b.Loop() {
		for i := range ms {
			v, ok := Lookup(vars, ms[i].Path)
			if !ms[i].Matcher.Match(v, ok) {
				b.Fatal("no match")
			}
		}
	}
}

func TestCompileRegex(t *testing.T) {
	// The issue's reproduction: 923 bytes that took 8 s per request against a 100 KB header.
	issue := strings.Repeat(`[\x{0}-\x{10FFFF}]{1000}`, 30)
	tests := []struct {
		pattern string
		want    string // "" when the pattern compiles
	}{
		{`^A-[0-9A-F]{8}$`, ""},
		{`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`, ""},
		{`.{0,900}`, ""},
		{`[\x{0}-\x{10FFFF}]{1000}`, ""},
		{issue, "compiles to 30002 instructions; the limit is 2000"},
		{`.{0,1000}`, "compiles to 2002 instructions; the limit is 2000"},
		{strings.Repeat("a", 1001), "the pattern is 1001 bytes long; the limit is 1000"},
		{`^A-(`, "missing closing ): `^A-(`"},
	}
	for _, tt := range tests {
		t.Run(shorten(tt.pattern, 40), func(t *testing.T) {
			re, err := CompileRegex(tt.pattern)
			if tt.want == "" {
				if err != nil || re == nil {
					t.Fatalf("CompileRegex = %v, %v", re, err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("CompileRegex error = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestRegexInputBound(t *testing.T) {
	m := re(`^a+$`)
	for _, n := range []int{1, MaxRegexInput} {
		s := strings.Repeat("a", n)
		if !m.Match(s, true) || !m.matchString(s, true) {
			t.Errorf("a value of %d bytes does not match", n)
		}
	}
	long := strings.Repeat("a", MaxRegexInput+1)
	if m.Match(long, true) || m.matchString(long, true) {
		t.Error("a value over MaxRegexInput matched")
	}
	if !not(m).matchString(long, true) {
		t.Error("not(regex) does not match a value over MaxRegexInput")
	}
}

func TestNewIndexRefusesLargeRegex(t *testing.T) {
	r := gqlRule("viewer")
	r.When.Headers = []PathMatch{{Path: "X-A", Matcher: &Matcher{Pos: Pos{File: "f.yaml", Line: 4, Column: 9}, Op: OpNot,
		Sub: []*Matcher{{Op: OpRegex, Regexp: regexp.MustCompile(strings.Repeat(`[\x{0}-\x{10FFFF}]{1000}`, 3))}}}}}
	_, err := NewIndex([]*Scenario{scen("a", r)})
	if err == nil || !strings.Contains(err.Error(), "rule a#1: regex: the pattern compiles to 3002 instructions") {
		t.Fatalf("NewIndex error = %v", err)
	}
}
