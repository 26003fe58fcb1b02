package server_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/krakensim/krakensim/scenarios"
	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/platform"
	"github.com/krakensim/krakensim/sim/rules"
	"github.com/krakensim/krakensim/sim/server"
	"github.com/krakensim/krakensim/sim/simtest"
)

const signInQuery = `mutation SignIn($input: ObtainJSONWebTokenInput!) { obtainKrakenToken(input: $input) { token } }`

// send posts body to path in session with extra headers; it returns the status, the
// response headers and the decoded body (nil when not JSON).
func (p *live) send(method, path, session, body string, header ...string) (int, http.Header, map[string]any) {
	p.t.Helper()
	req, _ := http.NewRequest(method, p.url+path, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set(sim.SessionHeader, session)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		p.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	var out map[string]any
	_ = json.Unmarshal(b, &out)
	return resp.StatusCode, resp.Header, out
}

func signInBody(email, password string) string {
	b, _ := json.Marshal(map[string]any{"query": signInQuery, "operationName": "SignIn",
		"variables": map[string]any{"input": map[string]any{"email": email, "password": password}}})
	return string(b)
}

func requests(t *testing.T, p *live, session, query string) []any {
	t.Helper()
	status, out := p.admin(http.MethodGet, "/__krakensim/sessions/"+session+"/requests"+query, "")
	if status != http.StatusOK {
		t.Fatalf("requests%s: status %d: %v", query, status, out)
	}
	list, _ := out["requests"].([]any)
	if n, _ := out["count"].(float64); int(n) != len(list) {
		t.Fatalf("count %v but %d requests", out["count"], len(list))
	}
	return list
}

func TestJournalOverHTTP(t *testing.T) {
	p := newPlatform(t)
	const s = "journal"
	p.send(http.MethodPost, server.APIPath, s, signInBody("demo@krakensim.dev", "krakensim"), "Authorization", "JWT secret-token", "X-Api-Key", "k-123")
	p.send(http.MethodPost, server.APIPath, s, signInBody("demo@krakensim.dev", "wrong"))
	p.send(http.MethodPost, "/v1/data-import/notes/create/", s, `{"notes": "not a list"}`)
	p.send(http.MethodPost, server.APIPath, s, `{"query": `)

	all := requests(t, p, s, "")
	if len(all) != 4 {
		t.Fatalf("journal holds %d requests, want 4: %v", len(all), all)
	}
	var seqs []float64
	for _, e := range all {
		seqs = append(seqs, simtest.Get(e, "seq").(float64))
	}
	if fmt.Sprint(seqs) != "[4 3 2 1]" {
		t.Errorf("seq newest first = %v, want [4 3 2 1]", seqs)
	}
	first := all[3]
	for _, c := range []struct {
		path []any
		want any
	}{
		{[]any{"endpoint"}, "/v1/graphql/"},
		{[]any{"method"}, "POST"},
		{[]any{"operationName"}, "SignIn"},
		{[]any{"operationType"}, "mutation"},
		{[]any{"fields", 0, "name"}, "obtainKrakenToken"},
		{[]any{"fields", 0, "resolver"}, "mutation.obtainKrakenToken"},
		{[]any{"variables", "input", "email"}, "demo@krakensim.dev"},
		{[]any{"headers", "Authorization", 0}, "JWT [redacted]"},
		{[]any{"headers", "X-Api-Key", 0}, "[redacted]"},
		{[]any{"headers", "X-Krakensim-Session", 0}, s},
		{[]any{"outcome", "status"}, 200.0},
		{[]any{"outcome", "data"}, true},
		{[]any{"session"}, s},
	} {
		if got := simtest.Get(first, c.path...); got != c.want {
			t.Errorf("first entry %v = %v, want %v", c.path, got, c.want)
		}
	}
	if simtest.Get(first, "latency") == nil || simtest.Get(first, "virtualTime") == nil {
		t.Errorf("entry lacks latency or virtual time: %v", first)
	}
	if got := simtest.Get(all[2], "fields", 0, "errorCodes", 0); got != "KT-CT-1138" {
		t.Errorf("bad sign-in error code = %v, want KT-CT-1138", got)
	}
	if got := simtest.Get(all[1], "route"); got != "/v1/data-import/notes/create/" {
		t.Errorf("REST entry route = %v", got)
	}
	if got := simtest.Get(all[0], "outcome", "status"); got != 400.0 {
		t.Errorf("malformed request status = %v, want 400", got)
	}

	for _, c := range []struct {
		query string
		seqs  string
	}{
		{"?field=obtainKrakenToken", "[2 1]"},
		{"?operationName=SignIn", "[2 1]"},
		{"?errorCode=KT-CT-1138", "[2]"},
		{"?status=400", "[4]"},
		{"?status=401", "[3]"},
		{"?path=/v1/data-import/*", "[3]"},
		{"?path=/v1/graphql/", "[4 2 1]"},
		{"?limit=1", "[4]"},
		{"?field=obtainKrakenToken&limit=1", "[2]"},
	} {
		var got []float64
		for _, e := range requests(t, p, s, c.query) {
			got = append(got, simtest.Get(e, "seq").(float64))
		}
		if fmt.Sprint(got) != c.seqs {
			t.Errorf("requests%s = %v, want %s", c.query, got, c.seqs)
		}
	}
	if status, _ := p.admin(http.MethodGet, "/__krakensim/sessions/"+s+"/requests?limit=x", ""); status != http.StatusBadRequest {
		t.Errorf("limit=x: status %d, want 400", status)
	}
	if status, _ := p.admin(http.MethodGet, "/__krakensim/sessions/nobody/requests", ""); status != http.StatusNotFound {
		t.Errorf("unknown session: status %d, want 404", status)
	}
	if status, _ := p.admin(http.MethodDelete, "/__krakensim/sessions/"+s+"/requests", ""); status != http.StatusNoContent {
		t.Errorf("DELETE: status %d, want 204", status)
	}
	if got := requests(t, p, s, ""); len(got) != 0 {
		t.Errorf("after DELETE the journal holds %d requests", len(got))
	}
	p.send(http.MethodPost, server.APIPath, s, signInBody("demo@krakensim.dev", "krakensim"))
	if got := requests(t, p, s, ""); len(got) != 1 || simtest.Get(got[0], "seq") != 5.0 {
		t.Errorf("after DELETE a new request is seq 5 alone: %v", got)
	}
}

func verifyPattern(t *testing.T, p *live, session, pattern string) (int, map[string]any) {
	t.Helper()
	return p.admin(http.MethodPost, "/__krakensim/sessions/"+session+"/verify", pattern)
}

func TestVerifyOverHTTP(t *testing.T) {
	p := newPlatform(t)
	const s = "verify"
	p.send(http.MethodPost, server.APIPath, s, signInBody("demo@krakensim.dev", "krakensim"))
	p.send(http.MethodPost, server.APIPath, s, signInBody("other@example.com", "x"))
	p.send(http.MethodPost, "/v1/data-import/notes/create/", s, `{"import_supplier": "S1"}`)

	for _, c := range []struct {
		name, pattern string
		holds         bool
		count         float64
	}{
		{"yaml exactly", "when:\n  field: obtainKrakenToken\n  variables: {input.email: demo@krakensim.dev}\nexactly: 1\n", true, 1},
		{"json atLeast", `{"when": {"field": "obtainKrakenToken"}, "atLeast": 2}`, true, 2},
		{"atMost fails", `{"when": {"field": "obtainKrakenToken"}, "atMost": 1}`, false, 2},
		{"default at least one", `{"when": {"field": "viewer"}}`, false, 0},
		{"regex and operationName", "when: {field: obtainKrakenToken, operationName: SignIn, variables: {input.email: {regex: '@example\\.com$'}}}\nexactly: 1", true, 1},
		{"rest body", "when: {http: POST /v1/data-import/notes/create/, body: {import_supplier: S1}}", true, 1},
		{"header", "when: {field: obtainKrakenToken, headers: {X-Krakensim-Session: verify}}\nexactly: 2", true, 2},
	} {
		t.Run(c.name, func(t *testing.T) {
			status, out := verifyPattern(t, p, s, c.pattern)
			if status != http.StatusOK {
				t.Fatalf("status %d: %v", status, out)
			}
			if out["holds"] != c.holds || out["count"] != c.count {
				t.Errorf("holds %v count %v, want %v %v: %v", out["holds"], out["count"], c.holds, c.count, out)
			}
			if matches, _ := out["matches"].([]any); float64(len(matches)) != c.count {
				t.Errorf("%d matches listed, want %v", len(matches), c.count)
			}
			if misses, ok := out["nearMisses"].([]any); !ok || c.holds && len(misses) != 0 {
				t.Errorf("nearMisses %#v, want a list (empty when the pattern holds)", out["nearMisses"])
			}
		})
	}

	// A failed verification names the closest requests and what differed.
	status, out := verifyPattern(t, p, s, "when: {field: obtainKrakenToken, variables: {input.email: nobody@example.com}}")
	if status != http.StatusOK || out["holds"] != false {
		t.Fatalf("status %d: %v", status, out)
	}
	misses, _ := out["nearMisses"].([]any)
	if len(misses) != 2 {
		t.Fatalf("near misses = %d, want the two sign-ins (the REST call is not comparable): %v", len(misses), out)
	}
	diff := simtest.Get(misses[0], "differences", 0)
	want := map[string]any{"what": "variable", "name": "input.email", "want": `equals "nobody@example.com"`, "got": `"other@example.com"`}
	if fmt.Sprint(diff) != fmt.Sprint(want) {
		t.Errorf("closest near miss differs by %v, want %v", diff, want)
	}

	for _, c := range []struct{ pattern, problem string }{
		{"when: {field: obtainKrakenToken}\nexactly: -1", "pattern:2:10: exactly: want a count of 0 or more"},
		{"when: {feild: x}", `pattern:1:8: unknown key "feild" in when (did you mean "field"?)`},
		{"exactly: 1", "pattern:1:1: the pattern has no when"},
		{"{when: {field: x}, atLeast: 3, atMost: 1}", "atLeast 3 is more than atMost 1"},
		{"", "empty pattern"},
		{"when: [", "pattern:1:"},
		// Checked against the served schema, as scenario lint checks a rule.
		{"when: {field: obtainKrakenTokn}\nexactly: 0", `pattern:1:15: unknown root field "obtainKrakenTokn": no query or mutation of the API site or the authentication server has that name (did you mean "obtainKrakenToken"?)`},
		{"when: {field: obtainKrakenToken, variables: {input.emial: demo@krakensim.dev}}\nexactly: 0", `variables: ObtainJSONWebTokenInput has no field "emial" (did you mean "email"?)`},
		{"when: {field: obtainKrakenToken, variables: {inptu.email: x}}\nexactly: 0", `variables: obtainKrakenToken has no argument "inptu" (did you mean "input"?)`},
		{"when: {field: obtainKrakenToken, operation: query}\nexactly: 0", "obtainKrakenToken is a mutation, not a query"},
		// REST patterns: the route against the served ones, body paths and query names
		// against the data-import OpenAPI document.
		{"when: {http: POST /v1/data-import/note/create/}\nexactly: 0", `pattern:1:14: unknown route "POST /v1/data-import/note/create/" (did you mean "POST /v1/data-import/notes/create/"?)`},
		{"when: {http: GET /v1/data-import/notes/create/}\nexactly: 0", "http: /v1/data-import/notes/create/ takes POST, not GET"},
		{"when: {http: GET /v1/accounts/A-C90DC431/}\nexactly: 0",
			`pattern:1:14: http: "GET /v1/accounts/A-C90DC431/" is a path of the route "GET /v1/accounts/{account_number}/"; write the route and match its segments with path: {account_number: A-C90DC431}`},
		{"when: {http: 'GET /v1/accounts/{account_number}/', path: {acount_number: A-C90DC431}}\nexactly: 0",
			`path acount_number: route /v1/accounts/{account_number}/ has no parameter "acount_number" (did you mean "account_number"?)`},
		{"when: {http: POST /v1/data-import/notes/create/, body: {external_acount_number: EXTERNAL-1234}}\nexactly: 0",
			`body: the body of POST /v1/data-import/notes/create/ has no field "external_acount_number" (did you mean "external_account_number"?)`},
		{"when: {http: POST /v1/data-import/notes/create/, body: {notes.0.bdy: x}}\nexactly: 0", `body: notes.0 has no field "bdy" (did you mean "body"?)`},
		{"when: {http: POST /v1/data-import/notes/create/, body: {notes.body: x}}\nexactly: 0", "body: notes is a list; index it with a number, such as notes.0"},
		{"when: {http: POST /v1/data-import/transactions/create/, query: {check_previosly_added: 'false'}}\nexactly: 0",
			`query: POST /v1/data-import/transactions/create/ has no query parameter "check_previosly_added" (did you mean "check_previously_added"?)`},
	} {
		status, out := verifyPattern(t, p, s, c.pattern)
		if status != http.StatusBadRequest || !strings.Contains(fmt.Sprint(out["problems"]), c.problem) {
			t.Errorf("pattern %q: status %d problems %v, want 400 naming %q", c.pattern, status, out["problems"], c.problem)
		}
	}
	// A session that made no requests (or was dropped) has no journal to verify, as
	// coverage answers for it.
	if status, out := verifyPattern(t, p, "fresh", "when: {field: viewer}\natMost: 0"); status != http.StatusNotFound || out["detail"] != `no session "fresh"; sessions start with their first request` {
		t.Errorf("fresh session: status %d: %v", status, out)
	}
}

// TestVerifyJournalOffOverHTTP: with the journal off (--journal-size 0) a verify
// cannot see the calls made, so no count that they could break holds.
func TestVerifyJournalOffOverHTTP(t *testing.T) {
	p := newPlatformWith(t, func(cfg *sim.Config) { cfg.JournalSize = -1 })
	const s = "j0"
	p.send(http.MethodPost, server.APIPath, s, `{"query": "{ __typename }"}`)
	for _, c := range []struct {
		pattern      string
		holds        bool
		undetermined bool
	}{
		{"when: {field: viewer}\nexactly: 0", false, true},
		{"when: {field: viewer}\nexactly: 1", false, true},
		{"when: {field: viewer}\natMost: 1", true, false},
	} {
		status, out := verifyPattern(t, p, s, c.pattern)
		if status != http.StatusOK || out["holds"] != c.holds || out["count"] != 0.0 || out["dropped"] != 1.0 || (out["undetermined"] == true) != c.undetermined {
			t.Errorf("%q: status %d %v; want holds %v, count 0, dropped 1, undetermined %v", c.pattern, status, out, c.holds, c.undetermined)
		}
	}
}

// TestOperationNameIsTheOneRun: operationName in a rule, a verify pattern and the
// journal's filter is the operation GraphQL runs, whether the body names it or the
// document alone does (as clients that post only query and variables send it).
func TestOperationNameIsTheOneRun(t *testing.T) {
	p := newPlatform(t, parseScenario(t, `name: named
rules:
  - when: {field: obtainKrakenToken, operationName: SignIn}
    then: {error: KT-CT-1138}
`))
	const other = `mutation Other($input: ObtainJSONWebTokenInput!) { obtainKrakenToken(input: $input) { token } }`
	two := signInQuery + " " + other
	for i, c := range []struct {
		name, query, operationName string
		want                       string // the journal's operationName
		scripted                   bool
	}{
		{"the body names it", signInQuery, "SignIn", "SignIn", true},
		{"only the document names it", signInQuery, "", "SignIn", true},
		{"an explicit null", signInQuery, "null", "SignIn", true},
		{"another name", other, "", "Other", false},
		{"anonymous", strings.TrimPrefix(signInQuery, "mutation SignIn"), "", "", false},
		{"two operations, the other selected", two, "Other", "Other", false},
		{"two operations, SignIn selected", two, "SignIn", "SignIn", true},
	} {
		t.Run(c.name, func(t *testing.T) {
			session := fmt.Sprintf("opname-%d", i)
			body := map[string]any{"query": c.query, "variables": map[string]any{"input": map[string]any{"email": "demo@krakensim.dev", "password": "krakensim"}}}
			switch c.operationName {
			case "":
			case "null":
				body["operationName"] = nil
			default:
				body["operationName"] = c.operationName
			}
			b, _ := json.Marshal(body)
			_, _, out := p.send(http.MethodPost, server.APIPath, session, string(b), sim.HeaderScenario, "named")
			if got := simtest.Get(out, "errors", 0, "extensions", "errorCode") == "KT-CT-1138"; got != c.scripted {
				t.Errorf("scripted error %v, want %v: %v", got, c.scripted, out)
			}
			entries := requests(t, p, session, "")
			if len(entries) != 1 || simtest.Get(entries[0], "operationName") != nilIfEmpty(c.want) {
				t.Fatalf("journal operationName %v, want %q", simtest.Get(entries[0], "operationName"), c.want)
			}
			if c.want == "" {
				return
			}
			if got := requests(t, p, session, "?operationName="+c.want); len(got) != 1 {
				t.Errorf("?operationName=%s found %d entries, want 1", c.want, len(got))
			}
			if status, v := verifyPattern(t, p, session, "when: {field: obtainKrakenToken, operationName: "+c.want+"}\nexactly: 1"); status != http.StatusOK || v["holds"] != true {
				t.Errorf("verify operationName %s: status %d %v", c.want, status, v)
			}
		})
	}
}

func nilIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func parseScenario(t *testing.T, src string) *rules.Scenario {
	t.Helper()
	scs, err := scenarios.Parse("test.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return scs[0]
}

func TestUnmatchedOverHTTP(t *testing.T) {
	p := newPlatform(t, parseScenario(t, `name: picky
rules:
  - when:
      field: obtainKrakenToken
      variables: {input.email: blocked@example.com}
    then: {error: KT-CT-1138}
  - when:
      http: POST /v1/data-import/notes/create/
      body: {import_supplier_code: BROKEN}
    then: {status: 500}
`))
	const s = "unmatched"
	p.send(http.MethodPost, server.APIPath, s, signInBody("blocked@example.com", "x"), sim.HeaderScenario, "picky")
	p.send(http.MethodPost, server.APIPath, s, signInBody("demo@krakensim.dev", "krakensim"), sim.HeaderScenario, "picky")
	p.send(http.MethodPost, "/v1/data-import/notes/create/", s, `{"import_supplier_code": "S1"}`, sim.HeaderScenario, "picky")
	// Without the scenario no rule applies, so nothing is unmatched.
	p.send(http.MethodPost, server.APIPath, s, signInBody("demo@krakensim.dev", "krakensim"))

	status, out := p.admin(http.MethodGet, "/__krakensim/sessions/"+s+"/unmatched", "")
	if status != http.StatusOK {
		t.Fatalf("status %d: %v", status, out)
	}
	list, _ := out["requests"].([]any)
	if len(list) != 2 {
		t.Fatalf("unmatched = %d, want 2 (REST then GraphQL): %v", len(list), out)
	}
	rest, gql := list[0], list[1]
	if got := simtest.Get(rest, "nearMisses", 0, "rule", "id"); got != "picky#2" {
		t.Errorf("REST near miss rule = %v", got)
	}
	if got := fmt.Sprint(simtest.Get(rest, "nearMisses", 0, "differences", 0)); got != `map[got:"S1" name:import_supplier_code want:equals "BROKEN" what:body]` {
		t.Errorf("REST difference = %s", got)
	}
	if got := simtest.Get(gql, "nearMisses", 0, "rule", "pos"); got != "test.yaml:3:5" {
		t.Errorf("GraphQL near miss rule pos = %v", got)
	}
	if got := simtest.Get(gql, "nearMisses", 0, "differences", 0, "got"); got != `"demo@krakensim.dev"` {
		t.Errorf("GraphQL difference got = %v", got)
	}
	// The matched request names its rule in the journal.
	matched := requests(t, p, s, "?errorCode=KT-CT-1138")
	if len(matched) != 1 || simtest.Get(matched[0], "fields", 0, "rule", "id") != "picky#1" {
		t.Errorf("matched request's rule: %v", matched)
	}
	if got := requests(t, p, s, "?unmatched=true"); len(got) != 2 {
		t.Errorf("?unmatched=true lists %d", len(got))
	}
}

func TestCoverageOverHTTP(t *testing.T) {
	p := newPlatform(t)
	p.send(http.MethodPost, server.APIPath, "cov-a", signInBody("demo@krakensim.dev", "krakensim"))
	p.send(http.MethodPost, server.APIPath, "cov-a", signInBody("demo@krakensim.dev", "wrong"))
	p.send(http.MethodPost, "/v1/data-import/notes/create/", "cov-b", `{}`)

	op := func(rep map[string]any, kind, name string) map[string]any {
		for _, o := range rep["operations"].([]any) {
			m := o.(map[string]any)
			if m["kind"] == kind && m["name"] == name {
				return m
			}
		}
		t.Fatalf("coverage has no %s %s", kind, name)
		return nil
	}
	status, a := p.admin(http.MethodGet, "/__krakensim/coverage?session=cov-a", "")
	if status != http.StatusOK {
		t.Fatalf("status %d: %v", status, a)
	}
	tok := op(a, "mutation", "obtainKrakenToken")
	if tok["calls"] != 2.0 || fmt.Sprint(tok["outcomes"]) != "[map[count:1 outcome:KT-CT-1138] map[count:1 outcome:data]]" {
		t.Errorf("obtainKrakenToken coverage = %v", tok)
	}
	never := fmt.Sprint(tok["neverProduced"])
	if strings.Contains(never, "KT-CT-1138") || !strings.Contains(never, "KT-CT-1135") {
		t.Errorf("neverProduced = %s, want KT-CT-1135 and not KT-CT-1138", never)
	}
	if got := simtest.Get(a, "summary", "called"); got != 1.0 {
		t.Errorf("session a called %v operations, want 1", got)
	}
	_, all := p.admin(http.MethodGet, "/__krakensim/coverage", "")
	if got := simtest.Get(all, "summary", "called"); got != 2.0 {
		t.Errorf("all sessions called %v operations, want 2", got)
	}
	notes := op(all, "POST", "/v1/data-import/notes/create/")
	if notes["calls"] != 1.0 || !strings.Contains(fmt.Sprint(notes["documented"]), "HTTP 201") || !strings.Contains(fmt.Sprint(notes["outcomes"]), "HTTP 4") {
		t.Errorf("notes route coverage = %v", notes)
	}
	if status, _ := p.admin(http.MethodGet, "/__krakensim/coverage?session=nobody", ""); status != http.StatusNotFound {
		t.Errorf("unknown session: status %d", status)
	}
	if status, _ := p.admin(http.MethodDelete, "/__krakensim/coverage", ""); status != http.StatusNoContent {
		t.Errorf("DELETE coverage: status %d", status)
	}
	if _, all := p.admin(http.MethodGet, "/__krakensim/coverage", ""); simtest.Get(all, "summary", "called") != 0.0 {
		t.Errorf("after DELETE: %v", all["summary"])
	}
}

func TestDeprecatedFieldWarns(t *testing.T) {
	p := newPlatform(t)
	const q = `mutation { obtainKrakenToken(input: {email: "demo@krakensim.dev", password: "krakensim"}) { token possibleErrors { code } } }`
	body, _ := json.Marshal(map[string]any{"query": q})
	status, header, out := p.send(http.MethodPost, server.APIPath, "drift", string(body), "Origin", "http://localhost:3000")
	if status != http.StatusOK {
		t.Fatalf("status %d: %v", status, out)
	}
	if got := header.Get("Access-Control-Expose-Headers"); got != "Warning" {
		t.Errorf("browsers may not read the warning: Access-Control-Expose-Headers %q", got)
	}
	const coord = "ObtainKrakenJSONWebToken.possibleErrors"
	if got := header.Get("Warning"); got != `299 krakensim "`+coord+` is deprecated and will be removed on 2025-03-01"` {
		t.Errorf("Warning = %q", got)
	}
	w := simtest.Get(out, "extensions", "warnings", 0)
	if simtest.Get(w, "code") != "DEPRECATED" || simtest.Get(w, "coordinate") != coord || simtest.Get(w, "removalDate") != "2025-03-01" {
		t.Errorf("extensions.warnings[0] = %v", w)
	}
	if tok := simtest.Get(out, "data", "obtainKrakenToken", "token"); tok == nil {
		t.Errorf("the deprecated selection still answers: %v", out)
	}
	entries := requests(t, p, "drift", "")
	if got := simtest.Get(entries[0], "deprecations", 0, "coordinate"); got != coord {
		t.Errorf("journal deprecation = %v", got)
	}
	_, rep := p.admin(http.MethodGet, "/__krakensim/coverage?session=drift", "")
	if got := simtest.Get(rep, "deprecations", 0); fmt.Sprint(got) != "map[coordinate:"+coord+" removalDate:2025-03-01 uses:1]" {
		t.Errorf("coverage deprecations = %v", got)
	}
	// A request without deprecated selections gets no warning.
	_, header, out = p.send(http.MethodPost, server.APIPath, "drift", signInBody("demo@krakensim.dev", "krakensim"))
	if header.Get("Warning") != "" || simtest.Get(out, "extensions", "warnings") != nil {
		t.Errorf("warning on a current selection: %q %v", header.Get("Warning"), out["extensions"])
	}
}

func TestMetricsOverHTTP(t *testing.T) {
	p := newPlatform(t)
	p.send(http.MethodPost, server.APIPath, "m", signInBody("demo@krakensim.dev", "krakensim"))
	p.send(http.MethodPost, server.APIPath, "m", signInBody("demo@krakensim.dev", "wrong"))
	p.send(http.MethodPost, "/v1/data-import/notes/create/", "m2", `{}`)
	// Requests no root field ran for: a complexity question, __typename alone, a body
	// the transport refused. Each counts by its answer, under the endpoint it came to.
	p.send(http.MethodPost, server.APIPath, "m3", `{"query":"{ viewer { email } }"}`, "X-Kraken-Query-Complexity", "true")
	p.send(http.MethodPost, server.APIPath, "m3", `{"query":"{ __typename }"}`)
	p.send(http.MethodPost, server.APIPath, "m3", `{"query":"{ __typename }"}`, "Content-Encoding", "gzip")
	if got := simtest.Get(requests(t, p, "m3", ""), 2, "endpoint"); got != server.APIPath {
		t.Errorf("the complexity question's journal endpoint is %v, want %s", got, server.APIPath)
	}
	if err := p.sim.SetScenarios(nil); err != nil {
		t.Fatal(err)
	}
	p.sim.ScenarioReloadFailed()
	resp, err := http.Get(p.url + server.MetricsPath)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/plain") {
		t.Fatalf("status %d, Content-Type %q", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	text := string(b)
	for _, want := range []string{
		// One count per request: 2 + 1 + 1 + 1 GraphQL ones, as the histogram counts.
		`krakensim_requests_total{endpoint="/v1/graphql/",outcome="data"} 2`,
		`krakensim_requests_total{endpoint="/v1/graphql/",outcome="KT-CT-1138"} 1`,
		`krakensim_requests_total{endpoint="/v1/graphql/",outcome="200"} 1`,
		`krakensim_requests_total{endpoint="/v1/graphql/",outcome="415"} 1`,
		`krakensim_requests_total{endpoint="rest",outcome="401"} 1`,
		`krakensim_request_duration_seconds_count{endpoint="/v1/graphql/"} 5`,
		// One per root field run or REST route called.
		`krakensim_operations_total{endpoint="/v1/graphql/",operation="obtainKrakenToken",outcome="data"} 1`,
		`krakensim_operations_total{endpoint="/v1/graphql/",operation="obtainKrakenToken",outcome="KT-CT-1138"} 1`,
		`krakensim_operations_total{endpoint="rest",operation="POST /v1/data-import/notes/create/",outcome="401"} 1`,
		`krakensim_request_duration_seconds_bucket{endpoint="rest",le="+Inf"} 1`,
		"krakensim_sessions 3",
		"krakensim_journal_entries 6",
		"krakensim_journal_size 1000",
		"krakensim_scenario_reloads_total 1",
		"krakensim_scenario_reload_failures_total 1",
		"go_goroutines",
		"process_start_time_seconds",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
	for _, unwanted := range []string{`endpoint=""`, `operation=""`, `field=`} {
		if strings.Contains(text, unwanted) {
			t.Errorf("metrics have %s", unwanted)
		}
	}
}

func TestJournalStaysWithinBoundUnderLoad(t *testing.T) {
	cfg, err := platform.Default()
	if err != nil {
		t.Fatal(err)
	}
	cfg.JournalSize = 25
	s, err := sim.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(server.New(server.Config{Sim: s}))
	defer ts.Close()
	const workers, each = 8, 40
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				session := []string{"load-a", "load-b"}[(w+i)%2]
				req, _ := http.NewRequest(http.MethodPost, ts.URL+server.APIPath, strings.NewReader(`{"query":"{ __typename }"}`))
				req.Header.Set("Content-Type", "application/json")
				req.Header.Set(sim.SessionHeader, session)
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					t.Error(err)
					return
				}
				resp.Body.Close()
			}
		}()
	}
	wg.Wait()
	for _, session := range []string{"load-a", "load-b"} {
		entries, err := s.Requests(session, sim.NoFilter)
		if err != nil {
			t.Fatal(err)
		}
		if len(entries) != cfg.JournalSize {
			t.Errorf("%s holds %d entries, want the bound %d", session, len(entries), cfg.JournalSize)
		}
		for i, e := range entries {
			if want := uint64(workers*each/2 - i); e.Seq != want {
				t.Fatalf("%s entry %d is seq %d, want %d (the newest, in order)", session, i, e.Seq, want)
			}
		}
	}
	if n := s.JournalEntries(); n != 2*cfg.JournalSize {
		t.Errorf("JournalEntries = %d, want %d", n, 2*cfg.JournalSize)
	}
}

func TestLogLineCarriesSessionScenarioAndCodes(t *testing.T) {
	cfg, err := platform.Default()
	if err != nil {
		t.Fatal(err)
	}
	cfg.Scenarios = []*rules.Scenario{parseScenario(t, "name: deny\nrules:\n  - when: {field: obtainKrakenToken}\n    then: {error: KT-CT-1138}\n")}
	s, err := sim.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	var mu sync.Mutex
	logger := slog.New(slog.NewTextHandler(&lockedWriter{w: &buf, mu: &mu}, nil))
	ts := httptest.NewServer(server.New(server.Config{Sim: s, Logger: logger}))
	defer ts.Close()
	p := &live{t: t, url: ts.URL, sim: s}
	p.send(http.MethodPost, server.APIPath, "logged", signInBody("demo@krakensim.dev", "krakensim"), sim.HeaderScenario, "deny")
	ts.Close() // waits for the handler, and so for the log record
	mu.Lock()
	line := buf.String()
	mu.Unlock()
	for _, want := range []string{"session=logged", `operation="mutation obtainKrakenToken"`, "scenario=deny#1", "errorCodes=KT-CT-1138", "operationName=SignIn"} {
		if !strings.Contains(line, want) {
			t.Errorf("log line lacks %s: %s", want, line)
		}
	}
}

type lockedWriter struct {
	w  io.Writer
	mu *sync.Mutex
}

func (l *lockedWriter) Write(b []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(b)
}

// TestAdminReadsMakeNoSession: GETs of the world, messages and checkouts make no
// session; the default one reads as the fixtures until its first request.
func TestAdminReadsMakeNoSession(t *testing.T) {
	p := newPlatform(t)
	for _, c := range []struct {
		path   string
		status int
	}{
		{"/__krakensim/world?session=default", http.StatusOK},
		{"/__krakensim/world", http.StatusOK},
		{"/__krakensim/sessions/default/messages", http.StatusOK},
		{"/__krakensim/sessions/default/checkouts", http.StatusOK},
		{"/__krakensim/world?session=nobody", http.StatusNotFound},
		{"/__krakensim/sessions/default/requests", http.StatusNotFound},
	} {
		if status, out := p.admin(http.MethodGet, c.path, ""); status != c.status {
			t.Errorf("GET %s: status %d, want %d: %v", c.path, status, c.status, out)
		}
		if n := p.sim.LiveSessions(); n != 0 {
			t.Fatalf("after GET %s: %d live sessions, want 0", c.path, n)
		}
	}
	if _, out := p.admin(http.MethodGet, "/__krakensim/world", ""); simtest.Get(out, "session") != "default" || simtest.Get(out, "users", 0, "email") == nil {
		t.Errorf("the default session's world before its first request: %v", out)
	}
}

// TestCoverageSkipsRefusedOperation: variables that do not coerce get 400 and run
// nothing, so coverage counts no call.
func TestCoverageSkipsRefusedOperation(t *testing.T) {
	p := newPlatform(t)
	const pay = `mutation Pay($input: CreateAccountPaymentScheduleInput!) { createAccountPaymentSchedule(input: $input) { schedule { id } } }`
	body, _ := json.Marshal(map[string]any{"query": pay, "variables": map[string]any{"input": map[string]any{"accountNumber": "A-C90DC431"}}})
	if status, _, out := p.send(http.MethodPost, server.APIPath, "refused", string(body)); status != http.StatusBadRequest {
		t.Fatalf("status %d, want 400: %v", status, out)
	}
	_, rep := p.admin(http.MethodGet, "/__krakensim/coverage?session=refused", "")
	if got := simtest.Get(rep, "summary", "called"); got != 0.0 {
		t.Errorf("a refused mutation counts as %v operations called, want 0", got)
	}
}
