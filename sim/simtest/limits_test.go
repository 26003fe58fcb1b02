package simtest_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/rules"
	"github.com/krakensim/krakensim/sim/simtest"
)

// TestRegexCostIsBounded is issue 11's regex reproduction: the pattern that took 8 s
// per request is refused at load, and a value over MaxRegexInput never matches.
func TestRegexCostIsBounded(t *testing.T) {
	big := strings.Repeat(`[\\x{0}-\\x{10FFFF}]{1000}`, 30)
	_, err := simtest.Start(simtest.WithScenarioYAML("big.yaml",
		"name: big\nrules:\n  - when: {field: viewer, headers: {X-Trace: {regex: \""+big+"\"}}}\n    then: {error: KT-CT-1111}\n"))
	if err == nil || !strings.Contains(err.Error(), "big.yaml:3:54: regex: the pattern compiles to 30002 instructions") {
		t.Fatalf("loading the issue's pattern: %v", err)
	}

	srv := simtest.NewServer(t, simtest.WithScenarioYAML("trace.yaml",
		"name: trace\nrules:\n  - when: {field: viewer, headers: {X-Trace: {regex: \"^a+$\"}}}\n    then: {error: KT-CT-1111}\n"))
	c := srv.Client(t)
	c.Header.Set("X-Trace", strings.Repeat("a", 1000))
	if code := graphqlCode(t, c, viewerQuery, nil); code != "KT-CT-1111" {
		t.Fatalf("a 1000-byte header: code %q, want the scripted KT-CT-1111", code)
	}
	c.Header.Set("X-Trace", strings.Repeat("a", rules.MaxRegexInput+1))
	if code := graphqlCode(t, c, viewerQuery, nil); code != "KT-CT-1112" {
		t.Fatalf("a header over MaxRegexInput: code %q, want the simulator's KT-CT-1112 (not signed in), not the rule's", code)
	}
}

// TestTemplateFailuresAreScripted is issue 11's template reproduction: what the text
// shows is refused at load with its position, and what only the run shows answers a
// scripted KRAKENSIM-SCENARIO error naming the scenario, file, line and column, never
// a 5xx, within the template limits.
func TestTemplateFailuresAreScripted(t *testing.T) {
	for _, tc := range []struct{ tpl, want string }{
		{`{{ call .Now }}`, `t.yaml:4:30: bad template: line 1:4: call is not available`},
		{`{{ define "a" }}{{ template "a" . }}{{ end }}{{ template "a" . }}`, `t.yaml:4:30: bad template: line 1:29: template "a" calls itself`},
		{`{{ range 100000000 }}{{ end }}`, `t.yaml:4:30: bad template: line 1:10: range 100000000: the limit is 10000 iterations`},
		{`{{ range 99999 }}{{ printf "%1000000d" 1 }}{{ end }}`, `t.yaml:4:30: bad template: line 1:10: range 99999`},
	} {
		_, err := simtest.Start(simtest.WithScenarioYAML("t.yaml", "name: t\nrules:\n  - when: {field: viewer}\n    then: {data: {givenName: '"+tc.tpl+"'}}\n"))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("loading %s: %v, want %q", tc.tpl, err, tc.want)
		}
	}

	for i, tc := range []struct{ tpl, want string }{
		{`{{ $n := 100000000 }}{{ range $n }}{{ end }}`, `line 1:31: range: ranges and template calls exceed 10000 steps`},
		{`{{ $s := "ab" }}{{ range 30 }}{{ $s = printf "%s%s" $s $s }}{{ end }}`, `printf: the result would be over 1048576 bytes`},
		{`{{ $w := 1000000 }}{{ range 99 }}{{ printf "%*d" $w 1 }}{{ end }}`, `width or precision 1000000 is over 1000`},
		{`{{ fake "number" 3 1 }}`, `line 1:4: at <fake "number" 3 1>: error calling fake: fake "number": min 3 is above max 1`},
	} {
		t.Run(strconv.Itoa(i), func(t *testing.T) {
			y := "name: t\nrules:\n  - when: {field: viewer}\n    then: {data: {givenName: '" + tc.tpl + "'}}\n" +
				"  - when: {http: POST /v1/data-import/notes/create/}\n    then: {status: 201, body: {n: '" + tc.tpl + "'}}\n"
			srv := simtest.NewServer(t, simtest.WithScenarioYAML("t.yaml", y))
			c := srv.Client(t)
			out := c.Query(viewerQuery, nil)
			if len(out.Errors) != 1 {
				t.Fatalf("errors %+v", out.Errors)
			}
			e := out.Errors[0]
			wantMsg := "scenario t, rule t#1: t.yaml:4:30: data.givenName: template "
			if e.Code() != sim.CodeScenarioFailed || !strings.HasPrefix(e.Message, wantMsg) || !strings.Contains(e.Message, tc.want) {
				t.Errorf("GraphQL error %q (%s), want %s… %s", e.Message, e.Code(), wantMsg, tc.want)
			}
			for k, v := range map[string]any{"scenario": "t", "rule": "t#1", "file": "t.yaml", "line": 4.0, "column": 30.0, "part": "data.givenName"} {
				if e.Extensions[k] != v {
					t.Errorf("extensions.%s = %v, want %v", k, e.Extensions[k], v)
				}
			}

			status, b := c.Do(http.MethodPost, "/v1/data-import/notes/create/", []byte(`{}`))
			var body map[string]any
			if err := json.Unmarshal(b, &body); err != nil {
				t.Fatalf("REST body %s: %v", b, err)
			}
			detail, _ := body["detail"].(string)
			if status != sim.StatusScenarioFailed || body["errorCode"] != sim.CodeScenarioFailed || body["line"] != 6.0 || body["column"] != 35.0 ||
				!strings.HasPrefix(detail, "scenario t, rule t#2: t.yaml:6:35: body.n: template ") || !strings.Contains(detail, tc.want) {
				t.Errorf("REST answer %d %s", status, b)
			}
		})
	}
}

// TestTemplateBudgetIsPerRequest checks that aliases of one root field cannot multiply
// the template limits: all the scripted answers of a request share one budget.
func TestTemplateBudgetIsPerRequest(t *testing.T) {
	srv := simtest.NewServer(t, simtest.WithScenarioYAML("t.yaml",
		"name: t\nrules:\n  - when: {field: viewer}\n    then: {data: {givenName: '{{ $n := 3000 }}{{ range $n }}{{ end }}Ann'}}\n"))
	c := srv.Client(t)
	c.SignIn("demo@krakensim.dev", "krakensim")
	out := c.Query(`{ a: viewer { givenName } b: viewer { givenName } c: viewer { givenName } d: viewer { givenName } }`, nil)
	answered := 0
	for _, k := range []string{"a", "b", "c", "d"} {
		if simtest.Get(out.Data, k, "givenName") == "Ann" {
			answered++
		}
	}
	if answered != 3 || len(out.Errors) != 1 || out.Errors[0].Code() != sim.CodeScenarioFailed || out.Errors[0].Extensions["limit"] != true ||
		!strings.Contains(out.Errors[0].Message, "ranges and template calls exceed 10000 steps") {
		t.Errorf("%d of 4 aliases answered; errors %+v", answered, out.Errors)
	}
	if out := c.Query(`{ viewer { givenName } }`, nil); simtest.Get(out.Data, "viewer", "givenName") != "Ann" {
		t.Errorf("the next request has a budget of its own: %+v", out)
	}
}

// TestTemplateVarFindsNothing checks that a template that is one var call finding
// nothing, where the answer needs a value, fails as a scripted KRAKENSIM-SCENARIO error
// naming the scenario, rule, file and line, not as a bare non-null violation; where
// null will do it gives null.
func TestTemplateVarFindsNothing(t *testing.T) {
	y := "name: t2\nrules:\n  - when: {field: account}\n" +
		"    then: {data: {number: '{{ var \"accountNumber\" }}', balance: '{{ var \"accountNumberr\" }}', billingName: '{{ var \"acountNumber\" }}'}}\n" +
		"  - when: {field: viewer}\n    then: {data: {preferredName: '{{ var \"nope\" }}', familyName: '{{ var \"nope\" | default \"Smith\" }}'}}\n"
	srv := simtest.NewServer(t, simtest.WithScenarioYAML("t2.yaml", y))
	c := srv.Client(t)
	out := c.Query(`query($n: String!) { account(accountNumber: $n) { number balance billingName } }`, map[string]any{"n": "A-1"})
	want := `scenario t2, rule t2#1: t2.yaml:4:65: data.balance: template "{{ var \"accountNumberr\" }}": ` +
		`var "accountNumberr" finds nothing in the request (its variables are accountNumber, n), and the answer needs a value here (Int!)`
	if len(out.Errors) != 1 || out.Errors[0].Code() != sim.CodeScenarioFailed || out.Errors[0].Message != want {
		t.Fatalf("errors %+v, want one %s: %s", out.Errors, sim.CodeScenarioFailed, want)
	}
	for k, v := range map[string]any{"scenario": "t2", "rule": "t2#1", "file": "t2.yaml", "line": 4.0, "part": "data.balance"} {
		if out.Errors[0].Extensions[k] != v {
			t.Errorf("extensions.%s = %v, want %v", k, out.Errors[0].Extensions[k], v)
		}
	}
	c.SignIn("demo@krakensim.dev", "krakensim")
	out = c.Query(`{ viewer { preferredName familyName } }`, nil)
	if len(out.Errors) != 0 || simtest.Get(out.Data, "viewer", "preferredName") != nil || simtest.Get(out.Data, "viewer", "familyName") != "Smith" {
		t.Errorf("nullable fields: %+v", out)
	}
}

// TestUnpagedListsCountTheirWindow: a window of readings or of a grouping's steps asked
// for no first or last counts towards the 10,000-node cap as the 2,000 items it can
// answer, so that forty aliased ten-second telemetry windows, 80,000 objects at
// complexity 200, are refused before they run (they counted 40 nodes); a connection
// without first counts the page it answers (100; measurements 1,000) plus what is below
// one of its edges, once, so that eleven aliased measurements without first are refused
// and nine run, while clients' nested connections without first (lifecycle processes'
// supply points, 10,100 nodes were a page to multiply what is below it) run.
func TestUnpagedListsCountTheirWindow(t *testing.T) {
	_, c := current(t)
	c.SignIn("demo@krakensim.dev", "krakensim")
	aliased := func(n int, field string) string {
		var b strings.Builder
		b.WriteString("{ ")
		for i := range n {
			fmt.Fprintf(&b, "a%d: %s ", i, field)
		}
		return b.String() + "}"
	}
	const telemetry = `smartMeterTelemetry(deviceId: "92-6E-23-F7-48-0F-BA-83", start: "2020-01-01T00:00:00Z", end: "2026-12-01T00:00:00Z", grouping: TEN_SECONDS) { readAt consumption demand costDeltaWithTax }`
	const raw = `account(accountNumber: "A-C90DC431") { properties { measurements(utilityFilters: [{electricityFilters: {readingFrequencyType: RAW_INTERVAL}}]) { edges { node { value } } } } }`
	const transactions = `account(accountNumber: "A-C90DC431") { transactions { edges { node { id } } } }`
	const lifecycle = `lifecycleProcesses(accountNumber: "A-C90DC431") { joinSupplierProcesses { edges { node { status } } }
		occupyPropertyProcesses { edges { node { id status supplyPoints { edges { node { externalIdentifier } } } } } }
		leavePropertyProcesses { edges { node { id status } } } }`
	cases := []struct {
		name, query, code string
	}{
		{"5 telemetry windows pass", aliased(5, telemetry), ""},
		{"6 telemetry windows are refused", aliased(6, telemetry), "KT-CT-1189"},
		{"40 telemetry windows are refused", aliased(40, telemetry), "KT-CT-1189"},
		{"20 measurements without first are refused", aliased(20, raw), "KT-CT-1189"},
		{"transactions without first pass", aliased(1, transactions), ""},
		{"30 transaction lists without first pass", aliased(30, transactions), ""},
		{"9 measurements without first pass", aliased(9, raw), ""},
		{"11 measurements without first are refused", aliased(11, raw), "KT-CT-1189"},
		{"nested connections without first pass", aliased(10, lifecycle), ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			out := c.Query(tc.query, nil)
			got := ""
			if len(out.Errors) > 0 {
				got = out.Errors[0].Code()
			}
			if got != tc.code || (tc.code == "") != (out.Data != nil) {
				t.Errorf("errorCode %q, want %q: %.300v", got, tc.code, out.Errors)
			}
		})
	}
}
