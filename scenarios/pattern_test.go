package scenarios

import (
	"strings"
	"testing"

	"github.com/krakensim/krakensim/sim/rules"
)

func TestParsePattern(t *testing.T) {
	tests := []struct {
		name, src string
		check     func(*rules.Pattern) bool
		problem   string
	}{
		{"yaml", "when:\n  field: account\n  variables: {accountNumber: {regex: '^A-'}}\natLeast: 2\n",
			func(p *rules.Pattern) bool {
				return p.When.Kind == rules.KindGraphQL && p.When.Field == "account" && *p.AtLeast == 2 && p.Exactly == nil && len(p.When.Variables) == 1
			}, ""},
		{"json", `{"when": {"http": "POST /v1/data-import/notes/create/", "body": {"notes.0.body": {"exists": true}}}, "exactly": 0}`,
			func(p *rules.Pattern) bool {
				return p.When.Kind == rules.KindHTTP && p.When.Method == "POST" && *p.Exactly == 0 && p.When.Body[0].Path == "notes.0.body"
			}, ""},
		{"no count", "when: {field: viewer}", func(p *rules.Pattern) bool { return p.Expected() == "at least 1" }, ""},
		{"range", "when: {field: viewer}\natLeast: 1\natMost: 2", func(p *rules.Pattern) bool { return *p.AtMost == 2 }, ""},
		{"empty", "", nil, "p.yaml:1:1: empty pattern"},
		{"not a mapping", "[1, 2]", nil, "p.yaml:1:1: pattern: want a mapping"},
		{"no when", "atLeast: 1", nil, "p.yaml:1:1: the pattern has no when"},
		{"unknown key", "when: {field: x}\nexacty: 1", nil, `p.yaml:2:1: unknown key "exacty" in pattern (did you mean "exactly"?)`},
		{"negative", "when: {field: x}\natMost: -2", nil, "p.yaml:2:9: atMost: want a count of 0 or more, got -2"},
		{"not a number", "when: {field: x}\natMost: many", nil, "p.yaml:2:9:"},
		{"exactly and range", "when: {field: x}\nexactly: 1\natLeast: 1", nil, "p.yaml:3:1: give exactly alone"},
		{"contradiction", "when: {field: x}\natLeast: 3\natMost: 1", nil, "atLeast 3 is more than atMost 1"},
		{"bad when", "when: {field: x, http: GET /y/}", nil, "not both"},
		{"bad matcher", "when: {field: x, variables: {a: {regexx: y}}}", nil, `unknown matcher operator "regexx"`},
		{"two documents", "when: {field: x}\n---\nwhen: {field: y}\n", nil, "p.yaml:2:1: a pattern is one YAML document"},
		{"syntax", "when: {field: x", nil, "p.yaml:"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := ParsePattern("p.yaml", []byte(tc.src))
			if tc.problem != "" {
				if err == nil || !strings.Contains(err.Error(), tc.problem) {
					t.Fatalf("err = %v, want one naming %q", err, tc.problem)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !tc.check(p) {
				t.Errorf("pattern %+v", p)
			}
		})
	}
}

func FuzzParsePattern(f *testing.F) {
	for _, s := range []string{
		"when: {field: viewer}\nexactly: 1",
		`{"when": {"http": "POST /x/{id}/", "query": {"a": "1"}}, "atLeast": 1, "atMost": 2}`,
		"when: &a {field: x, variables: {a: *a}}",
		"- when",
		"when: {field: x}\n---\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		p, err := ParsePattern("fuzz.yaml", src)
		if err == nil && p == nil {
			t.Fatal("no pattern and no error")
		}
		if err != nil && !strings.Contains(err.Error(), "fuzz.yaml:") {
			t.Fatalf("problem without a position: %v", err)
		}
	})
}
