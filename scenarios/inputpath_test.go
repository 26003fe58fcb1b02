package scenarios

import (
	"slices"
	"strings"
	"testing"
)

func TestSplitInputPath(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"input.paymentDay", []string{"input", "paymentDay"}},
		{"input.items.0.amount", []string{"input", "items", "0", "amount"}},
		{`input.items.{{ var "input.index" }}.amount`, []string{"input", "items", `{{ var "input.index" }}`, "amount"}},
		{`input.{{ if gt (var "input.paymentDay") 28 }}paymentDay{{ else }}paymentAmount{{ end }}`,
			[]string{"input", `{{ if gt (var "input.paymentDay") 28 }}paymentDay{{ else }}paymentAmount{{ end }}`}},
		{`input.a{{ "x.y" }}b.c`, []string{"input", `a{{ "x.y" }}b`, "c"}},
		{`input.{{ var "a.b"`, []string{"input", `{{ var "a.b"`}}, // unclosed: the template check reports it
		{"a}}.b", []string{"a}}", "b"}},
		{"", []string{""}},
		{"input.", []string{"input", ""}},
	}
	for _, tt := range tests {
		if got := splitInputPath(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("splitInputPath(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParseTemplatedInputPath(t *testing.T) {
	sc := parseOne(t, `name: a
rules:
  - when: {field: createAccountPaymentSchedule}
    then:
      error:
        code: KT-CT-3960
        validationErrors:
          - {message: m, inputPath: 'input.items.{{ var "input.paymentDay" }}.day'}
          - {message: m, inputPath: [input, '{{ var "input.paymentDay" }}']}
`)
	a := sc.Rules[0].Then[0]
	ves := a.Errors[0].ValidationErrors
	if got := jsonString(ves[0].InputPath); got != `["input","items","{{ var \"input.paymentDay\" }}","day"]` {
		t.Errorf("dotted templated inputPath = %s", got)
	}
	if got := jsonString(ves[1].InputPath); got != `["input","{{ var \"input.paymentDay\" }}"]` {
		t.Errorf("list templated inputPath = %s", got)
	}
	for _, part := range []string{"errors.0.validationErrors.0.inputPath.2", "errors.0.validationErrors.1.inputPath.1"} {
		if p, ok := a.Templates[part]; !ok || p.Line != 8 && p.Line != 9 {
			t.Errorf("template %s recorded at %+v (%v); want its line", part, p, ok)
		}
	}
	if p := ves[0].PathPos; p.Line != 8 || p.Column != 37 {
		t.Errorf("inputPath position = %+v, want 8:37", p)
	}
}

// FuzzSplitInputPath checks that splitting never loses text: the segments joined with
// dots give back the path, and a path without a template splits at every dot.
func FuzzSplitInputPath(f *testing.F) {
	for _, s := range []string{"input.a.0", `input.{{ var "a.b" }}.c`, "{{.}}.{{", "}}.{{.}}"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		segs := splitInputPath(s)
		if got := strings.Join(segs, "."); got != s {
			t.Fatalf("joined %q, want %q", got, s)
		}
		if !strings.Contains(s, "{{") && !slices.Equal(segs, strings.Split(s, ".")) {
			t.Fatalf("split %q = %q, want every dot", s, segs)
		}
	})
}
