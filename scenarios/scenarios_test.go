package scenarios

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"
	"unsafe"

	"github.com/krakensim/krakensim/internal/goldenfile"
	"github.com/krakensim/krakensim/schema"
	"github.com/krakensim/krakensim/sim/rules"
)

var update = flag.Bool("update", false, "rewrite golden files")

var (
	contractOnce sync.Once
	contract     Contract
	contractErr  error
)

func defaultContract(t testing.TB) Contract {
	t.Helper()
	contractOnce.Do(func() { contract, contractErr = DefaultContract() })
	if contractErr != nil {
		t.Fatal(contractErr)
	}
	return contract
}

// golden compares got with the file, or rewrites it with -update.
func golden(t *testing.T, path, got string) {
	t.Helper()
	goldenfile.Check(t, path, got, *update)
}

func lines(ps Problems) string {
	var b strings.Builder
	for _, p := range ps {
		b.WriteString(p.String())
		b.WriteString("\n")
	}
	return b.String()
}

// TestLintBad checks each file of testdata/bad: one mistake, one exact message.
func TestLintBad(t *testing.T) {
	files, err := filepath.Glob("testdata/bad/*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 20 {
		t.Fatalf("only %d bad files", len(files))
	}
	c := defaultContract(t)
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			ps := Check(f, src, c, false)
			if len(ps) != 1 {
				t.Errorf("want exactly one problem, got %d:\n%s", len(ps), lines(ps))
			}
			golden(t, strings.TrimSuffix(f, ".yaml")+".golden", lines(ps))
		})
	}
}

// TestGood checks that testdata/good lints clean even when strict, and what it parses to.
func TestGood(t *testing.T) {
	files, err := filepath.Glob("testdata/good/*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	c := defaultContract(t)
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if ps := Check(f, src, c, true); len(ps) > 0 {
				t.Errorf("problems:\n%s", lines(ps))
			}
			scs, err := Parse(f, src)
			if err != nil {
				t.Fatal(err)
			}
			golden(t, strings.TrimSuffix(f, ".yaml")+".golden", dump(scs))
		})
	}
}

// TestPack checks the shipped scenarios: they parse, lint clean when strict, carry the
// schema line, and parse to what testdata/pack.golden records.
func TestPack(t *testing.T) {
	scs, err := Pack()
	if err != nil {
		t.Fatal(err)
	}
	if ps := Lint(scs, defaultContract(t)).Strict(); len(ps) > 0 {
		t.Errorf("the pack has problems:\n%s", lines(ps))
	}
	var names []string
	for _, sc := range scs {
		names = append(names, sc.Name)
		if sc.Description == "" || len(sc.Tags) == 0 {
			t.Errorf("%s: want a description and tags", sc.Name)
		}
	}
	want := []string{
		"account-not-found", "auth-missing-header", "auth-invalid-token", "auth-expired-token", "auth-unauthorized",
		"flaky", "network-faults", "happy-path", "import-retries", "payment-schedule-errors", "slow-network", "validation-failures",
	}
	if !slices.Equal(names, want) {
		t.Errorf("pack scenarios = %q, want %q", names, want)
	}
	entries, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".yaml") {
			continue
		}
		src, err := os.ReadFile(e.Name())
		if err != nil {
			t.Fatal(err)
		}
		for i, doc := range bytes.Split(src, []byte("\n---\n")) {
			if !bytes.HasPrefix(doc, []byte("# yaml-language-server: $schema=./scenario.schema.json\n")) {
				t.Errorf("%s: document %d does not start with the yaml-language-server schema line", e.Name(), i+1)
			}
		}
	}
	golden(t, "testdata/pack.golden", dump(scs))
}

// TestPackTemplates parses the shipped scenarios as any files, checking every template
// they hold, which Pack leaves to their first use; it finds the same scenarios.
func TestPackTemplates(t *testing.T) {
	checked, err := ParseFS(PackFS())
	if err != nil {
		t.Fatalf("the pack's templates do not all compile:\n%v", err)
	}
	scs, err := Pack()
	if err != nil {
		t.Fatal(err)
	}
	templates := 0
	for _, sc := range checked {
		for _, r := range sc.Rules {
			for _, a := range r.Then {
				templates += len(a.Templates)
			}
		}
	}
	if templates == 0 || len(checked) != len(scs) {
		t.Errorf("%d scenarios with %d templates checked; Pack has %d scenarios", len(checked), templates, len(scs))
	}
}

func TestPackFileNames(t *testing.T) {
	scs, err := Pack()
	if err != nil {
		t.Fatal(err)
	}
	if got := scs[0].Pos.File; got != "scenarios/account-not-found.yaml" {
		t.Errorf("first file = %q, want scenarios/account-not-found.yaml", got)
	}
	for i, sc := range scs {
		for _, r := range sc.Rules {
			if r.Scenario != sc.Name {
				t.Errorf("rule %s: Scenario = %q, want %q", r.ID, r.Scenario, sc.Name)
			}
		}
		if i > 0 && sc.Rules[0].Order <= scs[i-1].Rules[len(scs[i-1].Rules)-1].Order {
			t.Errorf("%s: rule order does not run on across files", sc.Name)
		}
	}
}

func parseOne(t *testing.T, src string) *rules.Scenario {
	t.Helper()
	scs, err := Parse("t.yaml", []byte(src))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	if len(scs) != 1 {
		t.Fatalf("got %d scenarios, want 1", len(scs))
	}
	return scs[0]
}

func TestParseDefaults(t *testing.T) {
	sc := parseOne(t, `name: d
rules:
  - when: {field: viewer}
    then: {error: KT-CT-1112}
  - when: {http: POST /x/}
    then:
      - {status: 500}
      - {status: 502, times: 3}
      - {status: 201}
  - when: {http: POST /x/}
    cycle: true
    then:
      - {status: 500}
      - {status: 201}
  - when: {http: POST /x/}
    cycle: true
    then: {status: 429}
`)
	if len(sc.Rules) != 4 {
		t.Fatalf("got %d rules", len(sc.Rules))
	}
	times := func(r *rules.Rule) []int {
		var out []int
		for _, a := range r.Then {
			out = append(out, a.Times)
		}
		return out
	}
	tests := []struct {
		rule  int
		id    string
		kind  rules.Kind
		times []int
	}{
		{0, "d#1", rules.KindGraphQL, []int{0}},
		{1, "d#2", rules.KindHTTP, []int{1, 3, 0}},
		{2, "d#3", rules.KindHTTP, []int{1, 1}},
		{3, "d#4", rules.KindHTTP, []int{1}},
	}
	for _, tt := range tests {
		r := sc.Rules[tt.rule]
		if r.ID != tt.id || r.When.Kind != tt.kind || !slices.Equal(times(r), tt.times) || r.Order != tt.rule+1 {
			t.Errorf("rule %d: id %q kind %d times %v order %d; want %q %d %v %d", tt.rule, r.ID, r.When.Kind, times(r), r.Order, tt.id, tt.kind, tt.times, tt.rule+1)
		}
	}
	if r := sc.Rules[1]; r.When.Method != "POST" || r.When.Route != "/x/" {
		t.Errorf("method/route = %q %q", r.When.Method, r.When.Route)
	}
	if p := sc.Rules[1].Then[1].Pos; p.Line != 8 || p.Column != 9 || p.File != "t.yaml" {
		t.Errorf("answer position = %v, want t.yaml:8:9", p)
	}
}

func TestParseMatchers(t *testing.T) {
	sc := parseOne(t, `name: m
rules:
  - when:
      http: POST /x/{id}/
      query: {flag: false, n: 3}
      body:
        a: 1
        b: 1.5
        c: "1"
        d: {exists: true}
        e: {exists: false}
        f: {absent: true}
        g: {oneOf: [x, 2]}
        h: {gt: 1, lt: 5}
        i: {not: {regex: "^a+$"}}
        j: [1, 2]
        k: null
        l: {equals: {deep: true}}
    then: {status: 200}
`)
	w := sc.Rules[0].When
	if len(w.Query) != 2 || w.Query[0].Matcher.Value != "false" || w.Query[1].Matcher.Value != "3" {
		t.Errorf("query values are not text: %v %v", w.Query[0].Matcher.Value, w.Query[1].Matcher.Value)
	}
	want := map[string]string{
		"a": `equals 1 (int)`,
		"b": `equals 1.5 (float64)`,
		"c": `equals "1" (string)`,
		"d": `exists`,
		"e": `absent`,
		"f": `absent`,
		"g": `oneOf ["x",2]`,
		"h": `all(gt 1; lt 5)`,
		"i": `not(regex "^a+$")`,
		"j": `equals [1,2] ([]interface {})`,
		"k": `equals null (<nil>)`,
		"l": `equals {"deep":true} (map[string]interface {})`,
	}
	if len(w.Body) != len(want) {
		t.Fatalf("got %d body matchers, want %d", len(w.Body), len(want))
	}
	for _, pm := range w.Body {
		if got := matcherString(pm.Matcher); got != want[pm.Path] {
			t.Errorf("%s: %s, want %s", pm.Path, got, want[pm.Path])
		}
	}
	for _, tt := range []struct {
		path  string
		value any
		match bool
	}{
		{"h", 3, true}, {"h", 5, false}, {"i", "aaa", false}, {"i", "abc", true}, {"g", 2.0, true},
	} {
		for _, pm := range w.Body {
			if pm.Path == tt.path {
				if got := pm.Matcher.Match(tt.value, true); got != tt.match {
					t.Errorf("%s.Match(%v) = %v, want %v", tt.path, tt.value, got, tt.match)
				}
			}
		}
	}
}

func TestParseAnswers(t *testing.T) {
	sc := parseOne(t, `name: a
rules:
  - when: {field: createAccountPaymentSchedule}
    then:
      data: {schedule: {paymentDay: 5}}
      errors:
        - KT-CT-3942
        - code: KT-CT-3960
          message: m
          description: d
          type: VALIDATION
          path: schedule.paymentDay
          validationErrors:
            - {message: v1, inputPath: input.items.2.day}
            - {message: v2, inputPath: [input, 3]}
      delay: {min: 1s, max: 2s}
  - when: {http: GET /y/}
    then: {status: 503, headers: {Retry-After: 5}, rawBody: "x", delay: 250ms, fault: empty}
  - when: {field: viewer}
    then: {data: null}
`)
	a := sc.Rules[0].Then[0]
	if !a.HasData || len(a.Errors) != 2 || a.Errors[0].Code != "KT-CT-3942" {
		t.Fatalf("answer = %+v", a)
	}
	e := a.Errors[1]
	if e.Message != "m" || e.Description != "d" || e.Type != "VALIDATION" || e.Path != "schedule.paymentDay" {
		t.Errorf("error = %+v", e)
	}
	if got := jsonString(e.ValidationErrors[0].InputPath); got != `["input","items",2,"day"]` {
		t.Errorf("dotted inputPath = %s", got)
	}
	if got := jsonString(e.ValidationErrors[1].InputPath); got != `["input",3]` {
		t.Errorf("list inputPath = %s", got)
	}
	if a.Delay != (rules.Delay{Min: time.Second, Max: 2 * time.Second}) {
		t.Errorf("delay = %+v", a.Delay)
	}
	b := sc.Rules[1].Then[0]
	if b.Status != 503 || b.Headers["Retry-After"] != "5" || b.RawBody == nil || *b.RawBody != "x" || b.Delay.Min != 250*time.Millisecond || b.Delay.Max != b.Delay.Min || b.Fault != rules.FaultEmpty {
		t.Errorf("REST answer = %+v", b)
	}
	if c := sc.Rules[2].Then[0]; !c.HasData || c.Data != nil {
		t.Errorf("explicit null data: HasData %v Data %v", c.HasData, c.Data)
	}
}

func TestParseMergeAndAliases(t *testing.T) {
	sc := parseOne(t, `name: anchors
rules:
  - when: &w {field: account}
    then:
      data:
        <<: {number: A-1, balance: 1}
        balance: 2
  - when: *w
    then: {error: KT-CT-4177}
`)
	if got := jsonString(sc.Rules[0].Then[0].Data); got != `{"balance":2,"number":"A-1"}` {
		t.Errorf("merged data = %s", got)
	}
	if sc.Rules[1].When.Field != "account" {
		t.Errorf("alias when = %+v", sc.Rules[1].When)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"not a mapping", "- a\n", `t.yaml:1:1: a scenario document must be a mapping with name and rules, got a list`},
		{"no name", "rules: [{when: {field: viewer}, then: {}}]\n", `t.yaml:1:1: the scenario has no name`},
		{"no rules", "name: x\n", `t.yaml:1:1: the scenario has no rules`},
		{"empty rules", "name: x\nrules: []\n", `t.yaml:2:8: rules: want a list of rules, got a list`},
		{"bad name", "name: a b\nrules: [{when: {field: viewer}, then: {}}]\n", `t.yaml:1:7: name "a b": use letters`},
		{"then scalar", "name: x\nrules: [{when: {field: viewer}, then: KT-CT-1}]\n", `t.yaml:2:39: then: want an answer`},
		{"no when", "name: x\nrules: [{then: {}}]\n", `t.yaml:2:9: the rule has no when`},
		{"rest key on graphql", "name: x\nrules: [{when: {field: viewer, query: {a: b}}, then: {}}]\n", `t.yaml:2:32: query matches REST calls`},
		{"graphql key on rest", "name: x\nrules: [{when: {http: GET /a/, variables: {a: b}}, then: {}}]\n", `t.yaml:2:32: variables matches GraphQL calls`},
		{"bad method", "name: x\nrules: [{when: {http: FETCH /a/}, then: {}}]\n", `"FETCH" is not an HTTP method`},
		{"no route", "name: x\nrules: [{when: {http: POST}, then: {}}]\n", `want a method and a route`},
		{"body and rawBody", "name: x\nrules: [{when: {http: GET /a/}, then: {body: {}, rawBody: x}}]\n", `give body (JSON) or rawBody`},
		{"graphql body without status", "name: x\nrules: [{when: {field: postCredit}, then: {body: {errors: [{message: boom}]}}}]\n", `t.yaml:2:44: rule x#1: body is sent only with a status on a GraphQL rule`},
		{"graphql rawBody without status", "name: x\nrules: [{id: oops, when: {field: postCredit}, then: [{}, {rawBody: oops}]}]\n", `t.yaml:2:59: rule oops: rawBody is sent only with a status on a GraphQL rule`},
		{"processed without status", "name: x\nrules: [{when: {field: postCredit}, then: {processed: true}}]\n", `rule x#1: processed says whether the call runs behind a scripted status or fault`},
		{"error and errors", "name: x\nrules: [{when: {field: viewer}, then: {error: KT-CT-1111, errors: [KT-CT-1112]}}]\n", `give error (one) or errors`},
		{"half range", "name: x\nrules: [{when: {field: viewer}, then: {delay: {min: 1s}}}]\n", `a range needs both min and max`},
		{"nan", "name: x\nrules: [{when: {field: viewer}, then: {data: {a: .nan}}}]\n", `cannot be sent as JSON`},
		{"empty matcher", "name: x\nrules: [{when: {field: viewer, variables: {a: {}}}, then: {}}]\n", `empty matcher`},
		{"bad gt", "name: x\nrules: [{when: {field: viewer, variables: {a: {gt: x}}}, then: {}}]\n", `gt: want a number, got a string ("x")`},
		{"bad path", "name: x\nrules: [{when: {field: viewer, variables: {a..b: 1}}, then: {}}]\n", `is not a dotted path`},
		{"bad operation", "name: x\nrules: [{when: {field: viewer, operation: mutaton}, then: {}}]\n", `(did you mean "mutation"?)`},
		{"bad endpoint", "name: x\nrules: [{when: {field: viewer, endpoint: /gql/}, then: {}}]\n", `want /v1/graphql/`},
		{"bad error type", "name: x\nrules: [{when: {field: viewer}, then: {error: {code: KT-CT-1111, type: NOTFOUND}}}]\n", `(did you mean "NOT_FOUND"?)`},
		{"error without code", "name: x\nrules: [{when: {field: viewer}, then: {error: {message: m}}}]\n", `the error has no code`},
		{"billion laughs", "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\nname: x\nrules: [{when: {field: viewer}, then: {data: *f}}]\n", `aliases expand the document by more than 200000 nodes`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			scs, err := Parse("t.yaml", []byte(tt.src))
			if err == nil {
				t.Fatalf("no error; parsed %d scenarios", len(scs))
			}
			if scs != nil {
				t.Errorf("scenarios returned with an error")
			}
			var ps Problems
			if !errors.As(err, &ps) || len(ps) == 0 {
				t.Fatalf("error %T is not Problems", err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %q, want it to contain %q", err.Error(), tt.want)
			}
		})
	}
}

func TestParseEmpty(t *testing.T) {
	for _, src := range []string{"", "# only a comment\n", "---\n---\n"} {
		scs, err := Parse("e.yaml", []byte(src))
		if err != nil || len(scs) != 0 {
			t.Errorf("%q: %d scenarios, %v", src, len(scs), err)
		}
	}
}

func TestProblems(t *testing.T) {
	ps := Problems{
		{Pos: rules.Pos{File: "b.yaml", Line: 1, Column: 1}, Severity: SeverityWarning, Message: "w"},
		{Pos: rules.Pos{File: "a.yaml", Line: 9, Column: 2}, Message: "e"},
		{Pos: rules.Pos{File: "a.yaml"}, Message: "no line"},
	}
	ps.Sort()
	if got := ps.Error(); got != "a.yaml: no line\na.yaml:9:2: e\nb.yaml:1:1: warning: w" {
		t.Errorf("Error() = %q", got)
	}
	if got := lines(ps); got != "a.yaml: error: no line\na.yaml:9:2: error: e\nb.yaml:1:1: warning: w\n" {
		t.Errorf("String lines = %q", got)
	}
	w := ps.Warnings()
	if len(w) != 1 || w.HasErrors() || w.Err() != nil {
		t.Errorf("warnings: %v", w)
	}
	if s := w.Strict(); !s.HasErrors() || w[0].Severity != SeverityWarning {
		t.Errorf("Strict changed the original or did not promote")
	}
	if len(ps.Errors()) != 2 {
		t.Errorf("errors: %d", len(ps.Errors()))
	}
}

func TestLoadPaths(t *testing.T) {
	dir := t.TempDir()
	write := func(rel, body string) {
		p := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	doc := func(name string) string {
		return "name: " + name + "\nrules:\n  - when: {field: viewer}\n    then: {error: KT-CT-1112}\n"
	}
	write("b.yaml", doc("b"))
	write("a/z.yml", doc("az"))
	write("a/a.yaml", doc("aa"))
	write("notes.txt", "not yaml")
	write(".hidden/h.yaml", "broken: [")
	single := filepath.Join(dir, "single.scenario")
	write("single.scenario", doc("single"))

	scs, err := LoadPaths(dir, single)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for i, sc := range scs {
		names = append(names, sc.Name)
		if sc.Rules[0].Order != i+1 { // from 1: the index takes 0 for unset
			t.Errorf("%s: order %d, want %d", sc.Name, sc.Rules[0].Order, i+1)
		}
	}
	if want := []string{"aa", "az", "b", "single"}; !slices.Equal(names, want) {
		t.Errorf("names = %q, want %q", names, want)
	}

	write("c.yaml", "name: c\nrules: nope\n")
	_, err = LoadPaths(dir, filepath.Join(dir, "missing"))
	if err == nil {
		t.Fatal("no error")
	}
	got := err.Error()
	for _, want := range []string{filepath.Join(dir, "c.yaml") + ":2:8: rules: want a list", filepath.Join(dir, "missing") + ": no such file or directory"} {
		if !strings.Contains(got, want) {
			t.Errorf("error %q lacks %q", got, want)
		}
	}
}

func TestParseFS(t *testing.T) {
	fsys := fstest.MapFS{
		"x/one.yaml": {Data: []byte("name: one\nrules: [{when: {field: viewer}, then: {}}]\n")},
		"two.yml":    {Data: []byte("name: two\nrules: [{when: {field: viewer}, then: {}}]\n")},
		"skip.json":  {Data: []byte("{}")},
	}
	scs, err := ParseFS(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if len(scs) != 2 || scs[0].Name != "two" || scs[1].Name != "one" || scs[1].Pos.File != "x/one.yaml" {
		t.Errorf("got %v", scs)
	}
	scs, err = ParseFS(fsys, "x/*.yaml")
	if err != nil || len(scs) != 1 || scs[0].Name != "one" {
		t.Errorf("pattern: %v %v", scs, err)
	}
}

// TestLintWithoutSource lints scenarios built in Go: positions fall back to the rule's
// and answer's.
func TestLintWithoutSource(t *testing.T) {
	pos := rules.Pos{File: "go", Line: 1, Column: 1}
	sc := &rules.Scenario{Name: "go", Pos: pos, Rules: []*rules.Rule{{
		ID: "go#1", Pos: pos, When: rules.When{Kind: rules.KindGraphQL, Field: "viewer"},
		Then: []*rules.Answer{{Pos: rules.Pos{File: "go", Line: 2, Column: 3}, HasData: true, Data: map[string]any{"nope": 1}}},
	}}}
	ps := Lint([]*rules.Scenario{sc}, defaultContract(t))
	if got := lines(ps); got != "go:2:3: error: data: AccountUserType has no field \"nope\"\n" {
		t.Errorf("got %q", got)
	}
}

// TestSourcesForgotten checks that the positions kept for lint go away with the
// scenario.
func TestSourcesForgotten(t *testing.T) {
	count := func() int {
		scenarioSources.mu.Lock()
		defer scenarioSources.mu.Unlock()
		return len(scenarioSources.m)
	}
	scs, err := Parse("gc.yaml", []byte("name: gc\nrules: [{when: {field: viewer}, then: [{}, {}, {}]}]\n"))
	if err != nil {
		t.Fatal(err)
	}
	src, ok := scenarioSources.get(scs[0])
	if !ok || src.rule(0, scs[0].Rules[0]).answer(0, scs[0].Rules[0].Then[0]) == nil {
		t.Fatal("no source kept for a parsed scenario, rule and answer")
	}
	before := count()
	scs, src = nil, nil
	_, _ = scs, src
	for range 20 {
		runtime.GC()
		if count() <= before-1 {
			return
		}
		time.Sleep(time.Millisecond)
	}
	t.Errorf("sources not released: %d before, %d after", before, count())
}

func TestCheckStrict(t *testing.T) {
	src := []byte("name: s\nrules:\n  - when: {field: createAccountPaymentSchedule}\n    then: {error: KT-CT-4177}\n")
	c := defaultContract(t)
	loose := Check("s.yaml", src, c, false)
	strict := Check("s.yaml", src, c, true)
	if len(loose) != 1 || loose.HasErrors() || !strict.HasErrors() {
		t.Errorf("loose %v, strict %v", loose, strict)
	}
	if !strings.HasPrefix(strict[0].String(), "s.yaml:4:19: error: createAccountPaymentSchedule does not document KT-CT-4177") {
		t.Errorf("strict = %s", strict[0])
	}
}

func BenchmarkParsePack(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Pack(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLintPack(b *testing.B) {
	scs, err := Pack()
	if err != nil {
		b.Fatal(err)
	}
	c := defaultContract(b)
	c.APICatalog, c.AuthCatalog = schema.NewCatalog(c.API), schema.NewCatalog(c.Auth)
	b.ReportAllocs()
	for b.Loop() {
		if ps := Lint(scs, c); len(ps) > 0 {
			b.Fatal(ps)
		}
	}
}

// TestManyRulesWithoutAliases parses a file whose rules have more nodes than aliases
// may add: plain nodes are not counted against the alias limit.
func TestManyRulesWithoutAliases(t *testing.T) {
	var b strings.Builder
	b.WriteString("name: recorded\nrules:\n")
	const n = 26000
	for i := range n {
		fmt.Fprintf(&b, "  - when: {field: createAccountPaymentSchedule, variables: {input.accountNumber: A-%08X}}\n    then: {error: KT-CT-3942}\n", i)
	}
	scs, err := Parse("recorded.yaml", []byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	if len(scs) != 1 || len(scs[0].Rules) != n {
		t.Fatalf("parsed %d scenarios", len(scs))
	}
}

// TestLintPlatformCodes scripts platform codes on fields that document none of them,
// which lint accepts; a field-specific code stays checked.
func TestLintPlatformCodes(t *testing.T) {
	c := defaultContract(t)
	cases := []struct {
		field, code string
		warn        bool
	}{
		{"properties", "KT-CT-1199", false},
		{"properties", "KT-CT-1188", false},
		{"properties", "KT-CT-1189", false},
		{"properties", "KT-CT-1113", false},
		{"properties", "KT-CT-1124", false},                   // properties requires the header
		{"createAccountPaymentSchedule", "KT-CT-1143", false}, // it documents KT-CT-1112
		{"possibleErrors", "KT-CT-1199", false},
		{"possibleErrors", "KT-CT-1143", false}, // needs no sign-in, but the header is checked first
		{"properties", "KT-CT-3942", true},
	}
	for _, tc := range cases {
		src := fmt.Sprintf("name: p\nrules:\n  - when: {field: %s}\n    then: {error: %s}\n", tc.field, tc.code)
		probs := Check("p.yaml", []byte(src), c, false)
		if got := len(probs) > 0; got != tc.warn {
			t.Errorf("%s on %s: problems %v, want a warning: %v", tc.code, tc.field, probs, tc.warn)
		}
	}
}

// TestSourcesAfterReorder checks that Lint still places problems where they were
// written once a scenario's rules and answers are reordered after parsing.
func TestSourcesAfterReorder(t *testing.T) {
	src := "name: re\nrules:\n" +
		"  - when: {field: viewer}\n    then: {data: {}}\n" +
		"  - when: {http: POST /v1/data-import/notes/create/}\n    then: [{status: 200, times: 1}, {status: 999}]\n"
	scs, err := Parse("re.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	rs := scs[0].Rules
	rs[0], rs[1] = rs[1], rs[0]
	rs[0].Then[0], rs[0].Then[1] = rs[0].Then[1], rs[0].Then[0]
	rs[0].Then[0].Times, rs[0].Then[1].Times = 1, 0
	ps := Lint(scs, defaultContract(t))
	want := "re.yaml:6:46: error: status 999 is not an HTTP status (want 100 to 599)\n"
	if got := lines(ps); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// An answer's mappings are kept as rules.Objects, sorted by key, lists and nesting
// included: a recording of 100,000 rules holds a map's fraction of memory for each.
func TestAnswerDataIsCompact(t *testing.T) {
	sc := parseOne(t, `name: compact
rules:
  - when: {field: viewer}
    then:
      data:
        givenName: Ada
        accounts:
          - {number: A-1, balance: 12}
`)
	want := rules.Object{
		{Key: "accounts", Value: []any{rules.Object{{Key: "balance", Value: 12}, {Key: "number", Value: "A-1"}}}},
		{Key: "givenName", Value: "Ada"},
	}
	if got := sc.Rules[0].Then[0].Data; !reflect.DeepEqual(got, want) {
		t.Errorf("data = %#v, want %#v", got, want)
	}
}

// Scenarios built in Go may give their data as maps; Lint checks those as it checks
// the Objects of parsed files.
func TestLintMapData(t *testing.T) {
	sc := &rules.Scenario{Name: "go-built", Rules: []*rules.Rule{{
		ID:   "go-built#1",
		When: rules.When{Kind: rules.KindGraphQL, Field: "viewer"},
		Then: []*rules.Answer{{HasData: true, Data: map[string]any{"givenName": "Ada", "givenNmae": "Ada", "accounts": []any{map[string]any{"number": 5}}}}},
	}}}
	var msgs []string
	for _, p := range Lint([]*rules.Scenario{sc}, defaultContract(t)) {
		msgs = append(msgs, p.Error())
	}
	got := strings.Join(msgs, "\n")
	for _, want := range []string{`data: AccountUserType has no field "givenNmae"`, `data.accounts.0.number: want String, got a number (5)`} {
		if !strings.Contains(got, want) {
			t.Errorf("no %q in the problems:\n%s", want, got)
		}
	}
}

// ParseText gives what Parse gives, and its scenarios share the text they were given.
func TestParseText(t *testing.T) {
	text := "name: shared\nrules:\n  - when: {field: viewer}\n    then: {data: {givenName: Ada}}\n"
	fromText, err := ParseText("s.yaml", text)
	if err != nil {
		t.Fatal(err)
	}
	fromBytes, err := Parse("s.yaml", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := jsonString(fromText[0].Rules[0].Then[0].Data), jsonString(fromBytes[0].Rules[0].Then[0].Data); got != want || got != `{"givenName":"Ada"}` {
		t.Errorf("ParseText data %s, Parse data %s", got, want)
	}
	name := fromText[0].Name
	if start, end := uintptr(unsafe.Pointer(unsafe.StringData(text))), uintptr(unsafe.Pointer(unsafe.StringData(name))); end < start || end >= start+uintptr(len(text)) {
		t.Errorf("the scenario's name %q is a copy, not a part of the text", name)
	}
}
