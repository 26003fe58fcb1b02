package scenarios

import (
	"maps"
	"slices"
	"strings"
	"testing"
)

// TestTemplatesWhereWritten checks that the templates of an answer are found and
// placed however they are written: plainly, through an escape or a joined line (files
// without "{{" in their text), in lists and headers; and that a file without any has
// none recorded.
func TestTemplatesWhereWritten(t *testing.T) {
	cases := []struct {
		name, then string
		want       []string
		problem    string
	}{
		{"none", `{data: {givenName: A}}`, nil, ""},
		{"plain", `{data: {givenName: "{{ .Variables.x }}", accounts: [{number: "{{ .Variables.y }}"}]}}`,
			[]string{"data.accounts.0.number", "data.givenName"}, ""},
		{"escape", `{data: {givenName: "\x7b{ .Variables.x }}"}}`, []string{"data.givenName"}, ""},
		{"joined line", "\n      data: {givenName: \"{\\\n        { .Variables.x }}\"}", []string{"data.givenName"}, ""},
		{"bad through an escape", `{data: {givenName: "\u007b{ .Nope }"}}`, nil, "bad template"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			src := "name: t\nrules:\n  - when: {field: viewer}\n    then: " + c.then + "\n"
			scs, err := Parse("t.yaml", []byte(src))
			if c.problem != "" {
				if err == nil || !strings.Contains(err.Error(), c.problem) {
					t.Fatalf("Parse: %v, want a problem %q", err, c.problem)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got := slices.Sorted(maps.Keys(scs[0].Rules[0].Then[0].Templates))
			if !slices.Equal(got, c.want) {
				t.Errorf("templates at %v, want %v", got, c.want)
			}
		})
	}
}

// TestTemplateRepeatedProblem checks that a bad template written twice is reported at
// both places, though it is compiled once.
func TestTemplateRepeatedProblem(t *testing.T) {
	src := "name: t\nrules:\n  - when: {field: viewer}\n    then: {data: {givenName: \"{{ .Nope }\"}}\n" +
		"  - when: {field: viewer, operationName: B}\n    then: {data: {familyName: \"{{ .Nope }\"}}\n"
	_, err := Parse("t.yaml", []byte(src))
	ps, _ := err.(Problems)
	if len(ps) != 2 || ps[0].Pos.Line != 4 || ps[1].Pos.Line != 6 || !strings.Contains(ps[1].Message, "bad template") {
		t.Errorf("problems: %v", err)
	}
}
