package rules

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/krakensim/krakensim/internal/fuzzcost"
)

// TestMain gives templates a generous time limit, so that tests of the other limits
// hold under the race detector on a loaded machine; TestTemplateDeadline tests it.
func TestMain(m *testing.M) {
	templateTime = time.Minute
	m.Run()
}

func testData() *TemplateData {
	return &TemplateData{
		Variables: map[string]any{"input": map[string]any{
			"givenName":     "Ann",
			"accountNumber": "A-FA11ED01",
			"amount":        12.5,
			"count":         3,
			"items":         []any{map[string]any{"amount": "1.50"}, map[string]any{"amount": "2.00"}},
		}},
		Header:  map[string][]string{"X-Request-Id": {"r-1", "r-2"}, "Authorization": {"JWT abc"}},
		Params:  map[string]string{"import_supplier_code": "SUPPLIER-A"},
		Query:   map[string][]string{"page": {"2"}},
		Body:    map[string]any{"notes": []any{map[string]any{"body": "hello"}}},
		Now:     time.Date(2025, 3, 14, 9, 30, 0, 0, time.UTC),
		Session: "s1",
		Call:    2,
		Seed:    2025,
	}
}

func TestTemplateExecute(t *testing.T) {
	tests := []struct {
		src  string
		want any
	}{
		{"plain text", "plain text"},
		{"", ""},
		{"no {single} braces }}", "no {single} braces }}"},
		// Typed single actions.
		{`{{ var "input.amount" }}`, 12.5},
		{`{{ var "input.count" }}`, 3},
		{`{{- var "input.count" -}}`, 3},
		{`{{ var "input.items.1" }}`, map[string]any{"amount": "2.00"}},
		{`{{ var "input.items" }}`, []any{map[string]any{"amount": "1.50"}, map[string]any{"amount": "2.00"}}},
		{`{{ var "input.missing" }}`, nil},
		{`{{ .Variables.input.amount }}`, 12.5},
		{`{{ .Call }}`, 2},
		{`{{ 42 }}`, 42},
		{`{{ true }}`, true},
		{`{{ now }}`, "2025-03-14T09:30:00Z"},
		// Rendered strings.
		{`amount {{ var "input.amount" }}`, "amount 12.5"},
		{`Hi {{ .Variables.input.givenName }}!`, "Hi Ann!"},
		{`{{ .Variables.input.givenName }} {{ .Variables.input.givenName }}`, "Ann Ann"},
		{`[{{ .Variables.input.nope }}]`, "[]"},
		{`[{{ .Variables.nope.deeper.still }}]`, "[]"},
		{`{{ .Variables.nope.deeper }}`, nil},
		{`[{{ var "input.nope" }}]`, "[]"},
		{`[{{ .Nope }}]`, "[]"},
		{`x{{ var "input.items.0" }}`, `x{"amount":"1.50"}`},
		{`{{ range .Variables.input.items }}{{ .amount }};{{ end }}`, "1.50;2.00;"},
		{`{{ range $i, $e := var "input.items" }}{{ $i }}={{ $e.amount }} {{ end }}`, "0=1.50 1=2.00 "},
		{`{{ with .Variables.input }}{{ .givenName }}{{ end }}`, "Ann"},
		{`{{ if .Variables.input.nope }}yes{{ else }}no{{ end }}`, "no"},
		{`{{ $x := var "input" }}{{ $x.givenName }}`, "Ann"},
		{`{{ (var "input").givenName }}`, "Ann"},
		{`{{ .Now.Year }}`, 2025},
		{`{{ .Now.Format "2006-01-02" }}`, "2025-03-14"},
		{`{{ .Session }}/{{ .Seed }}`, "s1/2025"},
		{`{{ date "2006-01-02" }}`, "2025-03-14"},
		{`{{ date "date" }}`, "2025-03-14"},
		{`{{ date "RFC3339" }}`, "2025-03-14T09:30:00Z"},
		{`{{ date "02/01/2006" "2024-02-29" }}`, "29/02/2024"},
		{`{{ date "15:04" "2024-02-29T18:05:00Z" }}`, "18:05"},
		{`{{ now | add "36h" | date "2006-01-02 15:04" }}`, "2025-03-15 21:30"},
		{`{{ add "-3d" | date "date" }}`, "2025-03-11"},
		{`{{ addDate 0 1 0 | date "date" }}`, "2025-04-14"},
		{`{{ addDate -1 0 0 "2024-02-29" | date "date" }}`, "2023-03-01"},
		{`{{ header "x-request-id" }}`, "r-1"},
		{`{{ header "Authorization" }}`, "JWT abc"},
		{`[{{ header "X-Missing" }}]`, "[]"},
		{`{{ .Header.Authorization }}`, "JWT abc"},
		{`{{ param "import_supplier_code" }}`, "SUPPLIER-A"},
		{`[{{ param "nope" }}]`, "[]"},
		{`{{ query "page" }}`, "2"},
		{`{{ body "notes.0.body" }}`, "hello"},
		{`{{ json (var "input.items.0") }}`, `{"amount":"1.50"}`},
		{`{{ json "a\"b" }}`, `"a\"b"`},
		{`{{ upper .Variables.input.givenName }}`, "ANN"},
		{`{{ lower "ÄB" }}`, "äb"},
		{`{{ var "input.nope" | default "n/a" }}`, "n/a"},
		{`{{ var "input.givenName" | default "n/a" }}`, "Ann"},
		{`{{ default 7 0 }}`, 7},
		{`{{ if eq (var "input.amount") 12.5 }}y{{ end }}`, "y"},
		{`{{ if eq (var "input.count") 3.0 }}y{{ end }}`, "y"},
		{`{{ if eq (var "input.count") 1 2 3 }}y{{ end }}`, "y"},
		{`{{ if eq "3" 3 }}y{{ else }}n{{ end }}`, "n"},
		{`{{ ne (var "input.count") 4 }}`, true},
		{`{{ lt (var "input.amount") 100 }}`, true},
		{`{{ gt "12.50" 12 }}`, true},
		{`{{ le "a" "b" }}`, true},
		{`{{ ge 2 2.0 }}`, true},
		{`{{ index .Variables.input.items 1 }}`, map[string]any{"amount": "2.00"}},
		{`{{ printf "%05.1f" (var "input.amount") }}`, "012.5"},
		{`{{ define "t" }}{{ .Call }}{{ end }}[{{ template "t" . }}]`, "[2]"},
		{`{{ block "t" . }}{{ .Session }}{{ end }}`, "s1"},
		{`{{ range 1000 }}{{ range $.Variables.input.items }}.{{ end }}{{ end }}`, strings.Repeat(".", 2000)},
	}
	d := testData()
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			tm, err := CompileTemplate(tt.src)
			if err != nil {
				t.Fatalf("CompileTemplate: %v", err)
			}
			got, err := tm.Execute(d)
			if err != nil {
				t.Fatalf("Execute: %v", err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %#v (%T), want %#v (%T)", got, got, tt.want, tt.want)
			}
		})
	}
}

func TestTemplateTypedResultIsACopy(t *testing.T) {
	d := testData()
	tm, err := CompileTemplate(`{{ var "input" }}`)
	if err != nil {
		t.Fatal(err)
	}
	v, err := tm.Execute(d)
	if err != nil {
		t.Fatal(err)
	}
	v.(map[string]any)["givenName"] = "changed"
	if got := d.Variables["input"].(map[string]any)["givenName"]; got != "Ann" {
		t.Errorf("request variables changed through a template result: %v", got)
	}
}

func TestTemplateNilData(t *testing.T) {
	tm, err := CompileTemplate(`[{{ .Variables.input.x }}{{ header "a" }}{{ var "a" }}{{ param "p" }}]`)
	if err != nil {
		t.Fatal(err)
	}
	got, err := tm.Execute(nil)
	if err != nil || got != "[]" {
		t.Errorf("Execute(nil) = %#v, %v; want \"[]\"", got, err)
	}
}

func TestTemplateFake(t *testing.T) {
	d := testData()
	patterns := map[string]string{
		`{{ fake "email" }}`:           `^[a-z]+\.[a-z]+@example\.com$`,
		`{{ fake "name" }}`:            `^\S+ \S+`,
		`{{ fake "firstName" }}`:       `^\S+$`,
		`{{ fake "lastName" }}`:        `^\S+$`,
		`{{ fake "uuid" }}`:            `^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`,
		`{{ uuid }}`:                   `^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`,
		`{{ fake "phone" }}`:           `^07\d{3} \d{6}$`,
		`{{ fake "postcode" }}`:        `^[A-Z]{1,2}[1-9][0-9]? [0-9][A-Z]{2}$`,
		`{{ fake "street" }}`:          `\S`,
		`{{ fake "city" }}`:            `\S`,
		`{{ fake "company" }}`:         `\S`,
		`{{ fake "word" }}`:            `^\S+$`,
		`{{ fake "sentence" }}`:        `\S`,
		`{{ fake "accountNumber" }}`:   `^A-[0-9A-F]{8}$`,
		`n={{ fake "number" 1 10 }}`:   `^n=([1-9]|10)$`,
		`n={{ fake "number" 5 5 }}`:    `^n=5$`,
		`n={{ fake "number" }}`:        `^n=\d+$`,
		`b={{ fake "bool" }}`:          `^b=(true|false)$`,
		`{{ fake "email" | upper }}`:   `^[A-Z]+\.[A-Z]+@EXAMPLE\.COM$`,
		`{{ fake "number" "1" "2" }}!`: `^[12]!$`,
	}
	for src, pat := range patterns {
		t.Run(src, func(t *testing.T) {
			tm, err := CompileTemplate(src)
			if err != nil {
				t.Fatal(err)
			}
			a, err := tm.Execute(d)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := tm.Execute(d)
			if !reflect.DeepEqual(a, b) {
				t.Errorf("not deterministic: %v then %v", a, b)
			}
			if s := fmt.Sprint(a); !regexp.MustCompile(pat).MatchString(s) {
				t.Errorf("got %q, want match for %s", s, pat)
			}
		})
	}

	// Typed result of a single number.
	tm, _ := CompileTemplate(`{{ fake "number" 1 3 }}`)
	if v, _ := tm.Execute(d); reflect.TypeOf(v) != reflect.TypeOf(0) {
		t.Errorf("fake number is %T, want int", v)
	}

	// The seed, session and call all change the value; two calls in one template differ.
	tm, _ = CompileTemplate(`{{ fake "email" }}`)
	base, _ := tm.Execute(d)
	for name, mod := range map[string]func(*TemplateData){
		"seed":    func(d *TemplateData) { d.Seed++ },
		"session": func(d *TemplateData) { d.Session = "s2" },
		"call":    func(d *TemplateData) { d.Call++ },
	} {
		d2 := testData()
		mod(d2)
		if v, _ := tm.Execute(d2); v == base {
			t.Errorf("changing the %s kept the same email %v", name, v)
		}
	}
	tm, _ = CompileTemplate(`{{ uuid }} {{ uuid }}`)
	v, _ := tm.Execute(d)
	if parts := strings.Fields(v.(string)); len(parts) != 2 || parts[0] == parts[1] {
		t.Errorf("two uuids in one template are equal: %v", v)
	}
}

func TestTemplateErrors(t *testing.T) {
	compile := []struct{ src, want string }{
		{`{{ foo }}`, `template "{{ foo }}": line 1: function "foo" not defined`},
		{`{{ .x `, `unclosed action`},
		{`{{ if }}`, `missing value for if`},
		{`{{ end }}`, `unexpected {{end}}`},
		{`{{ fake "nope" }}`, `unknown fake "nope" (known: accountNumber, bool, city, company, email, firstName, lastName, name, number, phone, postcode, sentence, street, uuid, word)`},
		// Limits the text shows.
		{`{{ template "nope" }}`, `line 1:13: template "nope" is not defined`},
		{`{{ call .Now }}`, `line 1:4: call is not available: no value a template sees is a function`},
		{`{{ if .Call }}{{ (call .Now) }}{{ end }}`, `line 1:19: call is not available`},
		{`{{ define "a" }}{{ template "a" . }}{{ end }}{{ template "a" . }}`, `line 1:29: template "a" calls itself ("a" → "a"): templates cannot recurse`},
		{`{{ define "a" }}{{ template "b" }}{{ end }}{{ define "b" }}{{ if .X }}{{ template "a" }}{{ end }}{{ end }}x`, `template "a" calls itself ("a" → "b" → "a")`},
		{`{{ range 100000000 }}{{ end }}`, `line 1:10: range 100000000: the limit is 10000 iterations`},
		{`{{ range 99999 }}{{ printf "%1000000d" 1 }}{{ end }}`, `line 1:10: range 99999: the limit is 10000 iterations`},
		{`{{ printf "%1000000d" 1 }}`, `line 1:11: printf: width or precision 1000000 is over 1000`},
		{`{{ printf "%.5000f" 1.5 }}`, `width or precision 5000 is over 1000`},
		{"a\n{{ range 1000 }}{{ range 1000 }}{{ end }}{{ end }}", `line 2:10: the ranges and template calls written here run 1001000 steps; the limit is 10000`},
		{`{{ define "x" }}{{ range 100 }}{{ end }}{{ end }}{{ range 200 }}{{ template "x" }}{{ end }}`, `run 20400 steps`},
		{"{{ 1 }}" + strings.Repeat(" ", MaxTemplateSource), `the template is 65543 bytes long; the limit is 65536`},
		{`{{ range 9000 }}` + strings.Repeat("x", 200) + `{{ end }}`, `line 1:10: the text written here outputs 1800000 bytes; the limit is 1048576`},
		{`{{ define "t" }}` + strings.Repeat("x", 1000) + `{{ end }}{{ range 600 }}{{ template "t" }}{{ template "t" }}{{ end }}`, `outputs 1200000 bytes`},
	}
	for _, tt := range compile {
		t.Run(tt.src, func(t *testing.T) {
			_, err := CompileTemplate(tt.src)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("CompileTemplate(%q) error = %v, want it to contain %q", tt.src, err, tt.want)
			}
			var te *TemplateError
			if !errors.As(err, &te) || te.Text != tt.src {
				t.Errorf("error %v is not a *TemplateError with the text", err)
			}
		})
	}
	exec := []struct{ src, want string }{
		{`{{ fake (lower "NOPE") }}`, `unknown fake "nope" (known: accountNumber,`},
		{`{{ fake "email" 1 }}`, `fake "email" takes no arguments`},
		{`{{ fake "number" 3 1 }}`, `min 3 is above max 1`},
		{`{{ fake "number" 1 }}`, `takes no arguments or two`},
		{`{{ fake "number" "a" "b" }}`, `argument 1 is not a number`},
		{`{{ add "soon" }}`, `cannot read "soon" as a duration`},
		{`{{ date "2006" "yesterday" }}`, `cannot read "yesterday" as a time`},
		{`{{ date "2006" 12 }}`, `cannot use int as a time`},
		{`{{ lt "a" 1 }}`, `cannot compare string a with int 1`},
		{`{{ gt (var "nope") 1 }}`, `cannot compare null with int 1`},
		{`{{ index .Variables.input.items 5 }}`, `index out of range`},
		// Limits only the run can tell.
		{`{{ $n := 100000000 }}{{ range $n }}{{ end }}`, `line 1:31: range: ranges and template calls exceed 10000 steps`},
		{`{{ $n := 1000 }}{{ range $n }}{{ range $n }}{{ end }}{{ end }}`, `range: ranges and template calls exceed 10000 steps`},
		{`{{ range .Variables.input.items }}{{ range 5000 }}{{ end }}{{ end }}`, `line 1:44: range: ranges and template calls exceed 10000 steps`},
		{`{{ $s := "ab" }}{{ range 30 }}{{ $s = printf "%s%s" $s $s }}{{ end }}`, `printf: the result would be over 1048576 bytes`},
		{`{{ $s := "ab" }}{{ range 30 }}{{ $s = print $s $s }}{{ end }}`, `print: the result would be over 1048576 bytes`},
		{`{{ $w := 1000000 }}{{ printf "%*d" $w 1 }}`, `printf: width or precision 1000000 is over 1000`},
		{`{{ $w := 1000000 }}{{ printf "%.[1]*[2]f" $w 1.5 }}`, `printf: width or precision 1000000 is over 1000`},
		{`{{ range 9999 }}{{ $x := printf "%1000d" 1 }}{{ end }}`, `printf: the templates of this request built more than 8388608 bytes`},
		{`{{ $l := printf "%1000s" "x" }}{{ range 9000 }}{{ $y := $.Now.Format $l }}{{ end }}`, `method: the templates of this request built more than 8388608 bytes`},
		{`{{ $s := printf "%1000s" "x" }}{{ range 5000 }}{{ $s = upper (print $s "x") }}{{ end }}`, `the templates of this request built more than 8388608 bytes`},
		{`{{ $n := 9000 }}{{ range $n }}` + strings.Repeat("x", 200) + `{{ end }}`, `the output exceeds 1048576 bytes`},
		{`{{ define "b" }}{{ if true }}{{ template "c" }}{{ template "c" }}{{ end }}{{ end }}` +
			`{{ define "c" }}{{ if true }}{{ range 100 }}{{ end }}{{ end }}{{ end }}` +
			`{{ range 100 }}{{ if true }}{{ template "b" }}{{ end }}{{ end }}`, `ranges and template calls exceed 10000 steps`},
	}
	for _, tt := range exec {
		t.Run(tt.src, func(t *testing.T) {
			tm, err := CompileTemplate(tt.src)
			if err != nil {
				t.Fatalf("CompileTemplate: %v", err)
			}
			_, err = tm.Execute(testData())
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Execute error = %v, want it to contain %q", err, tt.want)
			}
			if !strings.Contains(err.Error(), fmt.Sprintf("%q", shorten(tt.src, 120))) {
				t.Errorf("error %q does not quote the template", err)
			}
		})
	}
}

func TestRender(t *testing.T) {
	in := map[string]any{
		"viewer": map[string]any{
			"givenName": "{{ .Variables.input.givenName }}",
			"amount":    `{{ var "input.amount" }}`,
			"label":     "fixed",
			"n":         7,
			"tags":      []any{"{{ param \"import_supplier_code\" }}", true, nil},
		},
		"headers": map[string]string{"X-Echo": `{{ header "X-Request-Id" }}`, "X-Call": "{{ .Call }}"},
	}
	got, err := Render(in, testData())
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]any{
		"viewer": map[string]any{
			"givenName": "Ann",
			"amount":    12.5,
			"label":     "fixed",
			"n":         7,
			"tags":      []any{"SUPPLIER-A", true, nil},
		},
		"headers": map[string]string{"X-Echo": "r-1", "X-Call": "2"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Render = %#v\nwant %#v", got, want)
	}
	if in["viewer"].(map[string]any)["givenName"] != "{{ .Variables.input.givenName }}" {
		t.Error("Render changed its input")
	}
	got.(map[string]any)["viewer"].(map[string]any)["label"] = "x"
	if in["viewer"].(map[string]any)["label"] != "fixed" {
		t.Error("Render's result shares maps with its input")
	}

	// Scalars and nil pass through.
	for _, v := range []any{nil, 3, true, "text"} {
		if r, err := Render(v, nil); err != nil || r != v {
			t.Errorf("Render(%#v) = %#v, %v", v, r, err)
		}
	}

	// Errors name the path.
	_, err = Render(map[string]any{"a": []any{"ok", "{{ nope }}"}}, testData())
	var te *TemplateError
	if !errors.As(err, &te) || te.Path != "a.1" || te.Text != "{{ nope }}" {
		t.Fatalf("Render error = %#v, want a *TemplateError at a.1", err)
	}
	if want := `at a.1: template "{{ nope }}": line 1: function "nope" not defined`; err.Error() != want {
		t.Errorf("error = %q, want %q", err, want)
	}
	_, err = Render([]any{map[string]any{"x": `{{ fake "number" 2 1 }}`}}, testData())
	if !errors.As(err, &te) || te.Path != "0.x" {
		t.Errorf("execution error = %v, want one at 0.x", err)
	}
}

func TestRenderString(t *testing.T) {
	tests := map[string]string{
		`{{ var "input.nope" }}`:    "",
		`{{ var "input.amount" }}`:  "12.5",
		`{{ var "input.items.0" }}`: `{"amount":"1.50"}`,
		`{{ now }}`:                 "2025-03-14T09:30:00Z",
		`id-{{ .Call }}`:            "id-2",
		`plain`:                     "plain",
	}
	for src, want := range tests {
		got, err := RenderString(src, testData())
		if err != nil || got != want {
			t.Errorf("RenderString(%q) = %q, %v; want %q", src, got, err, want)
		}
	}
	if _, err := RenderString("{{ nope }}", nil); err == nil {
		t.Error("RenderString accepted a bad template")
	}
	if got := FormatValue([]any{1, "a", nil}); got != `[1,"a",null]` {
		t.Errorf("FormatValue = %s", got)
	}
}

func TestRenderDistinctPaths(t *testing.T) {
	got, err := Render(map[string]any{"a": "{{ uuid }}", "b": "{{ uuid }}"}, testData())
	if err != nil {
		t.Fatal(err)
	}
	m := got.(map[string]any)
	if m["a"] == m["b"] {
		t.Errorf("the same template at two paths gave the same uuid %v", m["a"])
	}
}

func TestCheckTemplates(t *testing.T) {
	if err := CheckTemplates(map[string]any{"a": "{{ now }}", "b": []any{"x", 1, map[string]string{"h": "{{ uuid }}"}}}); err != nil {
		t.Errorf("CheckTemplates(valid) = %v", err)
	}
	err := CheckTemplates(map[string]any{"z": "{{ bad", "a": map[string]string{"h": "{{ fake \"x\" }}"}})
	var te *TemplateError
	if !errors.As(err, &te) || te.Path != "a.h" || !strings.Contains(err.Error(), `unknown fake "x"`) {
		t.Errorf("CheckTemplates = %v, want the first failure (sorted) at a.h", err)
	}
	if err := CheckTemplates("{{ bad"); err == nil || !strings.Contains(err.Error(), `template "{{ bad"`) {
		t.Errorf("CheckTemplates(string) = %v", err)
	}
}

func TestTemplateConcurrent(t *testing.T) {
	tm, err := CompileTemplate(`{{ .Call }}:{{ fake "email" }}`)
	if err != nil {
		t.Fatal(err)
	}
	want := map[int]any{}
	for i := range 8 {
		d := testData()
		d.Call = i
		want[i], _ = tm.Execute(d)
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 200 {
				d := testData()
				d.Call = (g + i) % 8
				got, err := tm.Execute(d)
				if err != nil || got != want[d.Call] {
					t.Errorf("call %d: got %v, %v; want %v", d.Call, got, err, want[d.Call])
					return
				}
			}
		}()
	}
	wg.Wait()
}

func FuzzTemplate(f *testing.F) {
	for _, s := range []string{
		`{{ var "input.amount" }}`, `a {{ .Variables.input.x.y }} b`, `{{ fake "number" 1 2 }}`,
		`{{ range .Variables.input.items }}{{ .amount }}{{ end }}`, `{{ .Now.Format "2006" }}`,
		`{{ define "x" }}{{ .Call }}{{ end }}{{ template "x" . }}`, `{{ $.Variables.input }}`,
		`{{ (var "input").givenName.more }}`, `{{ date "2006" (add "1d") }}`, `{{ json . }}`,
		`{{ .Header.Authorization }}`, `{{ block "b" . }}{{ .Session }}{{ end }}`,
	} {
		f.Add(s)
	}
	f.Add(`{{ $s := "ab" }}{{ range 30 }}{{ $s = printf "%s%s" $s $s }}{{ end }}`)
	f.Add(`{{ $n := 99999 }}{{ range $n }}{{ printf "%*d" 1000 1 }}{{ end }}`)
	f.Add(`{{ define "a" }}{{ if .X }}{{ template "a" }}{{ end }}{{ end }}{{ template "a" . }}`)
	f.Fuzz(func(t *testing.T, s string) {
		fuzzcost.Check(t, s, func() {
			tm, err := CompileTemplate(s)
			if err != nil {
				var te *TemplateError
				if !errors.As(err, &te) {
					t.Fatalf("compile error %v is not a *TemplateError", err)
				}
				return
			}
			d := testData()
			_, _ = tm.Execute(d)
			_, _ = Render(map[string]any{"k": s}, d)
		})
	})
}

func ExampleRender() {
	data := map[string]any{
		"viewer": map[string]any{
			"givenName": "{{ .Variables.input.givenName }}",
			"balance":   `{{ var "input.balance" }}`,
			"note":      `Updated {{ date "2006-01-02" }} for {{ header "X-Client" }}`,
		},
	}
	out, err := Render(data, &TemplateData{
		Variables: map[string]any{"input": map[string]any{"givenName": "Ann", "balance": 1250}},
		Header:    map[string][]string{"X-Client": {"billing"}},
		Now:       time.Date(2025, 3, 14, 9, 30, 0, 0, time.UTC),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	viewer := out.(map[string]any)["viewer"].(map[string]any)
	fmt.Printf("%v %T\n", viewer["balance"], viewer["balance"])
	fmt.Println(viewer["givenName"])
	fmt.Println(viewer["note"])
	// Output:
	// 1250 int
	// Ann
	// Updated 2025-03-14 for billing
}

func BenchmarkRender(b *testing.B) {
	data := map[string]any{"viewer": map[string]any{
		"givenName": "{{ .Variables.input.givenName }}",
		"email":     `{{ fake "email" }}`,
		"fixed":     "constant",
	}}
	d := testData()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Render(data, d); err != nil {
			b.Fatal(err)
		}
	}
}

func TestTemplateBudgetIsShared(t *testing.T) {
	big := `{{ range 5000 }}{{ $x := printf "%1000d" 1 }}{{ end }}` // 5 MB built
	d := testData()
	d.Budget = NewBudget(nil)
	if _, err := Render(map[string]any{"a": big}, d); err != nil {
		t.Fatalf("one string within the budget: %v", err)
	}
	_, err := RenderString(big+"x", d)
	var le *LimitError
	if !errors.As(err, &le) || !strings.Contains(err.Error(), "built more than 8388608 bytes") {
		t.Fatalf("a second string rendered with the same Budget = %v, want it spent", err)
	}
	// Without a Budget, each call has one of its own.
	for range 2 {
		if _, err := RenderString(big, testData()); err != nil {
			t.Errorf("a call without a Budget: %v", err)
		}
	}
	if _, err := Render(map[string]any{"a": big, "b": big}, testData()); err == nil {
		t.Error("two strings of one Render call did not share its budget")
	}
}

func TestTemplateDeadline(t *testing.T) {
	src := `{{ range 1000 }}{{ end }}`
	tm, err := CompileTemplate(src)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	d := testData()
	d.Budget = NewBudget(ctx)
	if _, err := tm.Execute(d); err == nil || !strings.Contains(err.Error(), "the request was cancelled while templates ran") {
		t.Errorf("cancelled context: %v", err)
	}
	defer func(old time.Duration) { templateTime = old }(templateTime)
	templateTime = 0
	if _, err := tm.Execute(testData()); err == nil || !strings.Contains(err.Error(), "the templates ran for more than 0s") {
		t.Errorf("deadline: %v", err)
	}
}

func TestTemplateErrorPosition(t *testing.T) {
	for _, tt := range []struct {
		src          string
		line, column int
	}{
		{"{{ call .Now }}", 1, 4},
		{"a\n b {{ fake \"number\" 3 1 }}", 2, 7},
		{"{{ .x ", 1, 0},
	} {
		_, err := RenderString(tt.src, testData())
		var te *TemplateError
		if !errors.As(err, &te) || te.Line != tt.line || te.Column != tt.column {
			t.Errorf("%q: error %v at %d:%d, want %d:%d", tt.src, err, te.Line, te.Column, tt.line, tt.column)
		}
	}
}

// TestPathCalls checks that the var, body and param calls with a constant path are found
// wherever a template writes them, in order, and that other calls are not.
func TestPathCalls(t *testing.T) {
	cases := []struct {
		src  string
		want []string
	}{
		{`plain`, nil},
		{`{{ var "a.b" }}`, []string{`var "a.b"@7`}},
		{`{{ if var "x" }}{{ body "y" | json }}{{ else }}{{ printf "%v" (var ` + "`z`" + `) }}{{ end }}`,
			[]string{`var "x"@10`, `body "y"@24`, `var ` + "`z`" + `@67`}},
		{`{{ define "t" }}{{ var "d" }}{{ end }}{{ template "t" }}{{ var $.x }}{{ header "h" }}`, []string{`var "d"@23`}},
		{`{{ param "id" }}/{{ query "q" }}`, []string{`param "id"@9`, `query "q"@26`}},
		{`{{ var "unclosed" `, nil},
		{`{{ var "long" }}` + strings.Repeat(" ", MaxTemplateSource), nil},
	}
	for _, c := range cases {
		var got []string
		for _, pc := range PathCalls(c.src) {
			got = append(got, fmt.Sprintf("%s %s@%d", pc.Func, pc.Quoted, pc.Offset))
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("PathCalls(%q) = %q, want %q", c.src, got, c.want)
		}
	}
}
