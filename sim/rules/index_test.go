package rules

import (
	"fmt"
	"strings"
	"sync"
	"testing"
)

// ans is an answer distinguished by its status, serving times calls.
func ans(status, times int) *Answer { return &Answer{Status: status, Times: times} }

func gqlRule(field string, then ...*Answer) *Rule {
	if len(then) == 0 {
		then = []*Answer{ans(200, 0)}
	}
	return &Rule{When: When{Kind: KindGraphQL, Field: field}, Then: then}
}

func httpRule(method, route string, then ...*Answer) *Rule {
	if len(then) == 0 {
		then = []*Answer{ans(200, 0)}
	}
	return &Rule{When: When{Kind: KindHTTP, Method: method, Route: route}, Then: then}
}

func scen(name string, rules ...*Rule) *Scenario { return &Scenario{Name: name, Rules: rules} }

// layers makes an Active from scenario → layer; unlisted scenarios are inactive.
func layers(m map[string]int) Active {
	return func(s string) (int, bool) {
		l, ok := m[s]
		return l, ok
	}
}

func mustIndex(t testing.TB, ss ...*Scenario) *Index {
	t.Helper()
	ix, err := NewIndex(ss)
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

func ruleID(m *Match) string {
	if m == nil {
		return "<nil>"
	}
	return m.Rule.ID
}

func TestNewIndexErrors(t *testing.T) {
	tests := []struct {
		name string
		ss   []*Scenario
		want string
	}{
		{"duplicate", []*Scenario{{Name: "a", Pos: Pos{File: "a.yaml", Line: 1, Column: 1}}, {Name: "a", Pos: Pos{File: "b.yaml", Line: 3, Column: 1}}},
			`b.yaml:3:1: duplicate scenario name "a" (first at a.yaml:1:1)`},
		{"nil scenario", []*Scenario{nil}, "scenario 1 is nil"},
		{"no name", []*Scenario{{}}, "scenario has no name"},
		{"nil rule", []*Scenario{scen("a", nil)}, `scenario "a": rule 1 is nil`},
		{"no key", []*Scenario{scen("a", &Rule{Pos: Pos{File: "f", Line: 2, Column: 3}})}, "f:2:3: rule a#1: matches neither a GraphQL field nor an HTTP route"},
		{"graphql without field", []*Scenario{scen("a", &Rule{When: When{Kind: KindGraphQL}})}, "no GraphQL field"},
		{"relative route", []*Scenario{scen("a", httpRule("GET", "v1/x"))}, `route "v1/x" does not start with /`},
		{"star not last", []*Scenario{scen("a", httpRule("GET", "/a/*/b"))}, "* must be the last segment"},
		{"empty param", []*Scenario{scen("a", httpRule("GET", "/a/{}/"))}, `bad parameter segment "{}"`},
		{"mixed segment", []*Scenario{scen("a", httpRule("GET", "/a/x{id}/"))}, `mixes text and a parameter`},
		{"repeated param", []*Scenario{scen("a", httpRule("GET", "/a/{id}/{id}/"))}, "parameter {id} appears twice"},
		{"too many params", []*Scenario{scen("a", httpRule("GET", "/"+strings.Repeat("{p}/", 1)+manyParams(17)))}, "more than 16 parameters"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ix, err := NewIndex(tt.ss)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("NewIndex error = %v, want it to contain %q", err, tt.want)
			}
			if ix != nil {
				t.Error("NewIndex returned an index with its error")
			}
		})
	}
}

func manyParams(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "{q%d}/", i)
	}
	return b.String()
}

func TestNewIndexFillsRules(t *testing.T) {
	a := scen("a", gqlRule("viewer"), gqlRule("account"))
	b := scen("b", httpRule("POST", "/x/"))
	b.Rules[0].ID = "custom"
	ix := mustIndex(t, a, b)
	var got []string
	for _, r := range ix.Rules() {
		got = append(got, fmt.Sprintf("%s/%s/%d", r.Scenario, r.ID, r.Order))
	}
	if want := "a/a#1/1 a/a#2/2 b/custom/3"; strings.Join(got, " ") != want {
		t.Errorf("rules = %v, want %s", got, want)
	}
	if ix.Scenario("b") != b || ix.Scenario("nope") != nil {
		t.Error("Scenario lookup is wrong")
	}
	if ss := ix.Scenarios(); len(ss) != 2 || ss[0] != a || ss[1] != b {
		t.Errorf("Scenarios = %v", ss)
	}
}

func TestSelectGraphQLOrdering(t *testing.T) {
	// Order of scenarios = load order; rules get IDs name#n.
	global := scen("global",
		gqlRule("viewer", ans(1, 0)),
		&Rule{Priority: 5, When: When{Field: "viewer"}, Then: []*Answer{ans(2, 0)}},
	)
	session := scen("session", gqlRule("viewer", ans(3, 0)))
	request := scen("request", gqlRule("viewer", ans(4, 0)), gqlRule("viewer", ans(5, 0)))
	inactive := scen("inactive", &Rule{Priority: 100, When: When{Field: "viewer"}, Then: []*Answer{ans(6, 0)}})
	ix := mustIndex(t, global, session, request, inactive)
	call := &GraphQLCall{Field: "viewer"}

	tests := []struct {
		name   string
		active map[string]int
		want   string
	}{
		{"priority beats layer", map[string]int{"global": 2, "session": 1, "request": 0}, "global#2"},
		{"request layer first", map[string]int{"session": 1, "request": 0}, "request#1"},
		{"session before global", map[string]int{"global": 2, "session": 1}, "global#2"},
		{"session only", map[string]int{"session": 1}, "session#1"},
		{"file order in a layer", map[string]int{"request": 0}, "request#1"},
		{"nothing active", map[string]int{}, "<nil>"},
		{"layer by scenario not load order", map[string]int{"session": 0, "request": 1}, "session#1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := ix.SelectGraphQL(call, layers(tt.active), NewCounters())
			if got := ruleID(m); got != tt.want {
				t.Errorf("selected %s, want %s", got, tt.want)
			}
		})
	}
	if m := ix.SelectGraphQL(&GraphQLCall{Field: "account"}, nil, nil); m != nil {
		t.Errorf("a field without rules selected %s", ruleID(m))
	}
	// A nil Active treats every scenario as active in layer 0.
	if m := ix.SelectGraphQL(call, nil, nil); ruleID(m) != "inactive#1" {
		t.Errorf("nil active selected %s, want inactive#1", ruleID(m))
	}
	var nilIx *Index
	if nilIx.SelectGraphQL(call, nil, nil) != nil || nilIx.SelectHTTP(&HTTPCall{Path: "/"}, nil, nil) != nil {
		t.Error("nil index selected a rule")
	}
	if nilIx.Rules() != nil || nilIx.Scenarios() != nil || nilIx.Scenario("x") != nil {
		t.Error("nil index has content")
	}
}

func TestSelectGraphQLConditions(t *testing.T) {
	r := func(w When) *Rule {
		w.Field = "createAccountPaymentSchedule"
		return &Rule{When: w, Then: []*Answer{ans(1, 0)}}
	}
	s := scen("s",
		r(When{Variables: []PathMatch{{Path: "input.accountNumber", Matcher: eq("A-FA11ED01")}}}),
		r(When{Operation: "query"}),
		r(When{Endpoint: "/graphql/"}),
		r(When{OperationName: re("^Create")}),
		r(When{Headers: []PathMatch{{Path: "x-krakensim-flag", Matcher: eq("on")}}}),
		r(When{Headers: []PathMatch{{Path: "Authorization", Matcher: absent}}}),
		r(When{Variables: []PathMatch{{Path: "input.amount", Matcher: cmp(OpGT, 100)}, {Path: "input.accountNumber", Matcher: re("^A-")}}}),
	)
	ix := mustIndex(t, s)
	auth := map[string][]string{"Authorization": {"JWT x"}}
	tests := []struct {
		name string
		call GraphQLCall
		want string
	}{
		{"variable equals", GraphQLCall{Operation: "mutation", Variables: map[string]any{"input": map[string]any{"accountNumber": "A-FA11ED01"}}, Header: auth}, "s#1"},
		{"operation", GraphQLCall{Operation: "query", Header: auth}, "s#2"},
		{"endpoint", GraphQLCall{Operation: "mutation", Endpoint: "/graphql/", Header: auth}, "s#3"},
		{"endpoint mismatch", GraphQLCall{Operation: "mutation", Endpoint: "/v1/graphql/", Header: auth}, "<nil>"},
		{"operation name", GraphQLCall{Operation: "mutation", OperationName: "CreateSchedule", Header: auth}, "s#4"},
		{"no operation name", GraphQLCall{Operation: "mutation", Header: auth}, "<nil>"},
		{"header case-insensitive", GraphQLCall{Operation: "mutation", Header: map[string][]string{"X-Krakensim-Flag": {"on", "off"}, "Authorization": {"x"}}}, "s#5"},
		{"header first value only", GraphQLCall{Operation: "mutation", Header: map[string][]string{"X-Krakensim-Flag": {"off", "on"}, "Authorization": {"x"}}}, "<nil>"},
		{"header absent", GraphQLCall{Operation: "mutation"}, "s#6"},
		{"all variable conditions", GraphQLCall{Operation: "mutation", Variables: map[string]any{"input": map[string]any{"accountNumber": "A-2", "amount": "150.00"}}, Header: auth}, "s#7"},
		{"one variable condition fails", GraphQLCall{Operation: "mutation", Variables: map[string]any{"input": map[string]any{"accountNumber": "A-2", "amount": "50.00"}}, Header: auth}, "<nil>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := tt.call
			c.Field = "createAccountPaymentSchedule"
			if got := ruleID(ix.SelectGraphQL(&c, nil, NewCounters())); got != tt.want {
				t.Errorf("selected %s, want %s", got, tt.want)
			}
		})
	}
}

func TestSelectHTTPRoutes(t *testing.T) {
	s := scen("s",
		httpRule("POST", "/v1/data-import/send-registration-flows/{import_supplier_code}/{external_account_number}/", ans(1, 0)),
		httpRule("POST", "/v1/data-import/send-registration-flows/SUPPLIER-A/{external_account_number}/", ans(2, 0)),
		httpRule("GET", "/v1/data-import/send-registration-flows/{code}/{n}/", ans(3, 0)),
		httpRule("*", "/v1/files/*", ans(4, 0)),
		httpRule("", "/v1/ping/", ans(5, 0)),
		httpRule("post", "/v1/{a}/{b}/{c}/{d}/", ans(6, 0)),
	)
	ix := mustIndex(t, s)
	tests := []struct {
		method, path string
		want         string
		params       map[string]string
	}{
		{"POST", "/v1/data-import/send-registration-flows/SUPPLIER-B/12345/", "s#1",
			map[string]string{"import_supplier_code": "SUPPLIER-B", "external_account_number": "12345"}},
		{"POST", "/v1/data-import/send-registration-flows/SUPPLIER-A/12345/", "s#2",
			map[string]string{"external_account_number": "12345"}},
		{"post", "/v1/data-import/send-registration-flows/SUPPLIER-A/12345", "s#2",
			map[string]string{"external_account_number": "12345"}},
		{"GET", "/v1/data-import/send-registration-flows/X/9/", "s#3", map[string]string{"code": "X", "n": "9"}},
		{"PUT", "/v1/data-import/send-registration-flows/X/9/", "<nil>", nil},
		{"POST", "/v1/data-import/send-registration-flows/X/", "<nil>", nil},
		{"POST", "/v1/data-import/send-registration-flows/X/9/10/", "<nil>", nil},
		{"POST", "/v1/data-import/send-registration-flows//9/", "<nil>", nil},
		{"DELETE", "/v1/files/a/b/c.txt", "s#4", map[string]string{"*": "a/b/c.txt"}},
		{"GET", "/v1/files/", "s#4", map[string]string{"*": ""}},
		{"PATCH", "/v1/ping/", "s#5", nil},
		{"POST", "/v1/x/y/z/w/", "s#6", map[string]string{"a": "x", "b": "y", "c": "z", "d": "w"}},
		{"POST", "/nope/", "<nil>", nil},
		{"POST", "", "<nil>", nil},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			m := ix.SelectHTTP(&HTTPCall{Method: tt.method, Path: tt.path}, nil, NewCounters())
			if got := ruleID(m); got != tt.want {
				t.Fatalf("selected %s, want %s", got, tt.want)
			}
			if m == nil {
				return
			}
			if fmt.Sprint(m.Params) != fmt.Sprint(tt.params) {
				t.Errorf("params = %v, want %v", m.Params, tt.params)
			}
		})
	}
}

func TestSelectHTTPFallsBackToLessSpecificRoutes(t *testing.T) {
	lit := httpRule("POST", "/v1/notes/special/", ans(1, 0))
	lit.When.Body = []PathMatch{{Path: "notes.0.body", Matcher: eq("hello")}}
	param := httpRule("POST", "/v1/notes/{kind}/", ans(2, 0))
	wild := httpRule("POST", "/v1/*", ans(3, 0))
	urgent := httpRule("POST", "/v1/*", ans(4, 0))
	urgent.Priority = 1
	urgent.When.Query = []PathMatch{{Path: "urgent", Matcher: eq("yes")}}
	ix := mustIndex(t, scen("s", wild, param, lit, urgent))

	tests := []struct {
		name string
		call HTTPCall
		want string
	}{
		{"literal with body", HTTPCall{Path: "/v1/notes/special/", Body: map[string]any{"notes": []any{map[string]any{"body": "hello"}}}}, "s#3"},
		{"literal condition fails, param route", HTTPCall{Path: "/v1/notes/special/", Body: map[string]any{}}, "s#2"},
		{"wildcard last", HTTPCall{Path: "/v1/other/"}, "s#1"},
		{"priority beats specificity", HTTPCall{Path: "/v1/notes/special/", Query: map[string][]string{"urgent": {"yes"}}}, "s#4"},
		{"query mismatch", HTTPCall{Path: "/v1/other/", Query: map[string][]string{"urgent": {"no"}}}, "s#1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := tt.call
			c.Method = "POST"
			if got := ruleID(ix.SelectHTTP(&c, nil, NewCounters())); got != tt.want {
				t.Errorf("selected %s, want %s", got, tt.want)
			}
		})
	}
}

func TestSelectSequences(t *testing.T) {
	seq := httpRule("POST", "/v1/data-import/payment-instruction/create/", ans(500, 2), ans(201, 1))
	fallback := httpRule("POST", "/v1/data-import/payment-instruction/create/", ans(404, 0))
	cyc := gqlRule("viewer", ans(1, 1), ans(2, 2))
	cyc.Cycle = true
	ix := mustIndex(t, scen("s", seq, fallback, cyc))
	counters := NewCounters()
	call := &HTTPCall{Method: "POST", Path: "/v1/data-import/payment-instruction/create/"}
	var got []string
	for range 5 {
		m := ix.SelectHTTP(call, nil, counters)
		got = append(got, fmt.Sprintf("%s:%d:%d", m.Rule.ID, m.Answer.Status, m.Call))
	}
	if want := "s#1:500:1 s#1:500:2 s#1:201:3 s#2:404:1 s#2:404:2"; strings.Join(got, " ") != want {
		t.Errorf("sequence = %v, want %s", got, want)
	}
	if n := counters.Calls(seq); n != 3 {
		t.Errorf("Calls(seq) = %d, want 3", n)
	}

	got = nil
	for range 7 {
		m := ix.SelectGraphQL(&GraphQLCall{Field: "viewer"}, nil, counters)
		got = append(got, fmt.Sprintf("%d", m.Answer.Status))
	}
	if want := "1 2 2 1 2 2 1"; strings.Join(got, " ") != want {
		t.Errorf("cycle = %v, want %s", got, want)
	}

	// An unbounded last answer serves every later call.
	tail := gqlRule("tail", ans(500, 2), ans(201, 0))
	tix := mustIndex(t, scen("tail", tail))
	got = nil
	for range 5 {
		m := tix.SelectGraphQL(&GraphQLCall{Field: "tail"}, nil, counters)
		got = append(got, fmt.Sprintf("%d/%d", m.Answer.Status, m.Call))
	}
	if want := "500/1 500/2 201/3 201/4 201/5"; strings.Join(got, " ") != want {
		t.Errorf("unbounded tail = %v, want %s", got, want)
	}

	// A separate Counters starts the sequences again; Reset does too.
	if m := ix.SelectHTTP(call, nil, NewCounters()); m.Answer.Status != 500 || m.Call != 1 {
		t.Errorf("fresh counters gave %d call %d", m.Answer.Status, m.Call)
	}
	counters.Reset()
	if m := ix.SelectHTTP(call, nil, counters); m.Answer.Status != 500 {
		t.Errorf("after Reset got %d", m.Answer.Status)
	}

	// Spent and nothing else: nil.
	only := gqlRule("account", ans(1, 1))
	ix = mustIndex(t, scen("t", only))
	c := NewCounters()
	if m := ix.SelectGraphQL(&GraphQLCall{Field: "account"}, nil, c); m == nil || m.Call != 1 {
		t.Fatalf("first call: %v", m)
	}
	if m := ix.SelectGraphQL(&GraphQLCall{Field: "account"}, nil, c); m != nil {
		t.Errorf("spent rule selected again: call %d", m.Call)
	}
	// A rule with no answers never matches.
	ix = mustIndex(t, scen("u", &Rule{When: When{Field: "x"}}))
	if m := ix.SelectGraphQL(&GraphQLCall{Field: "x"}, nil, nil); m != nil {
		t.Error("a rule without answers was selected")
	}
}

func TestIndexWith(t *testing.T) {
	a := scen("a", gqlRule("viewer", ans(1, 0)))
	b := scen("b", gqlRule("viewer", ans(2, 0)))
	ix := mustIndex(t, a, b)

	b2 := scen("b", gqlRule("viewer", ans(3, 0)))
	c := scen("c", httpRule("GET", "/c/", ans(4, 0)))
	ix2, err := ix.With(b2, c)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, s := range ix2.Scenarios() {
		names = append(names, s.Name)
	}
	if strings.Join(names, ",") != "a,b,c" || ix2.Scenario("b") != b2 {
		t.Errorf("With scenarios = %v", names)
	}
	if b2.Rules[0].Order <= b.Rules[0].Order {
		t.Errorf("new rule order %d not after %d", b2.Rules[0].Order, b.Rules[0].Order)
	}
	onlyB := layers(map[string]int{"b": 0})
	if m := ix2.SelectGraphQL(&GraphQLCall{Field: "viewer"}, onlyB, nil); m.Answer.Status != 3 {
		t.Errorf("replaced scenario answered %d, want 3", m.Answer.Status)
	}
	if m := ix.SelectGraphQL(&GraphQLCall{Field: "viewer"}, onlyB, nil); m.Answer.Status != 2 {
		t.Errorf("old index changed: answered %d, want 2", m.Answer.Status)
	}
	if len(ix.Rules()) != 2 || len(ix2.Rules()) != 3 {
		t.Errorf("rules: old %d new %d", len(ix.Rules()), len(ix2.Rules()))
	}
	if _, err := ix.With(c, c); err == nil {
		t.Error("With accepted two scenarios of one name")
	}
	if _, err := ix.With(nil); err == nil {
		t.Error("With accepted nil")
	}
	var nilIx *Index
	if ix3, err := nilIx.With(a); err != nil || ix3.Scenario("a") != a {
		t.Errorf("nil.With = %v, %v", ix3, err)
	}
}

func TestCountersConcurrent(t *testing.T) {
	r := gqlRule("viewer", ans(1, 50), ans(2, 50))
	other := gqlRule("viewer", ans(3, 0))
	ix := mustIndex(t, scen("s", r, other))
	c := NewCounters()
	var mu sync.Mutex
	seen := map[int]int{} // status → count
	calls := map[int]bool{}
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 25 {
				m := ix.SelectGraphQL(&GraphQLCall{Field: "viewer"}, nil, c)
				_, _ = c.Peek(r)
				mu.Lock()
				seen[m.Answer.Status]++
				if m.Rule == r {
					if calls[m.Call] {
						t.Errorf("call number %d given twice", m.Call)
					}
					calls[m.Call] = true
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if seen[1] != 50 || seen[2] != 50 || seen[3] != 100 {
		t.Errorf("answers = %v, want 50×1, 50×2, 100×3", seen)
	}
	if c.Calls(r) != 100 || c.Calls(other) != 100 {
		t.Errorf("Calls = %d, %d", c.Calls(r), c.Calls(other))
	}
}

func TestIndexConcurrentSelect(t *testing.T) {
	ix := mustIndex(t, scen("s", httpRule("POST", "/a/{id}/", ans(1, 0)), gqlRule("viewer", ans(2, 0))))
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := NewCounters()
			for i := range 100 {
				id := fmt.Sprint(g*1000 + i)
				m := ix.SelectHTTP(&HTTPCall{Method: "POST", Path: "/a/" + id + "/"}, nil, c)
				if m == nil || m.Params["id"] != id || m.Call != i+1 {
					t.Errorf("got %+v for id %s", m, id)
					return
				}
				if m := ix.SelectGraphQL(&GraphQLCall{Field: "viewer"}, nil, c); m == nil || m.Call != i+1 {
					t.Errorf("graphql call %v", m)
					return
				}
			}
		}()
	}
	wg.Wait()
}

func ExampleIndex_SelectGraphQL() {
	ix, err := NewIndex([]*Scenario{{
		Name: "payment-schedule-errors",
		Rules: []*Rule{{
			When: When{
				Field:     "createAccountPaymentSchedule",
				Variables: []PathMatch{{Path: "input.accountNumber", Matcher: &Matcher{Op: OpEqual, Value: "A-FA11ED01"}}},
			},
			Then: []*Answer{
				{Times: 2, Errors: []ErrorSpec{{Code: "KT-CT-3942"}}},
				{HasData: true, Data: map[string]any{"schedule": map[string]any{"id": "1"}}},
			},
		}},
	}})
	if err != nil {
		fmt.Println(err)
		return
	}
	active := func(name string) (int, bool) { return 2, name == "payment-schedule-errors" }
	counters := NewCounters()
	call := &GraphQLCall{
		Field:     "createAccountPaymentSchedule",
		Variables: map[string]any{"input": map[string]any{"accountNumber": "A-FA11ED01"}},
	}
	for range 3 {
		m := ix.SelectGraphQL(call, active, counters)
		fmt.Println(m.Rule.ID, m.Call, len(m.Answer.Errors), m.Answer.HasData)
	}
	call.Variables = map[string]any{"input": map[string]any{"accountNumber": "A-0THER"}}
	fmt.Println(ix.SelectGraphQL(call, active, counters) == nil)
	// Output:
	// payment-schedule-errors#1 1 1 false
	// payment-schedule-errors#1 2 1 false
	// payment-schedule-errors#1 3 0 true
	// true
}

func ExampleIndex_SelectHTTP() {
	ix, err := NewIndex([]*Scenario{{
		Name: "import-failures",
		Rules: []*Rule{
			{
				When: When{Method: "POST", Route: "/v1/data-import/send-registration-flows/{import_supplier_code}/{external_account_number}/"},
				Then: []*Answer{{Status: 500, Times: 2, HasBody: true, Body: map[string]any{"detail": "try again"}}, {Status: 201}},
			},
			{
				When: When{Method: "POST", Route: "/v1/data-import/send-registration-flows/SUPPLIER-A/{external_account_number}/"},
				Then: []*Answer{{Status: 404}},
			},
		},
	}})
	if err != nil {
		fmt.Println(err)
		return
	}
	counters := NewCounters()
	for _, path := range []string{
		"/v1/data-import/send-registration-flows/SUPPLIER-B/1001/",
		"/v1/data-import/send-registration-flows/SUPPLIER-B/1002/",
		"/v1/data-import/send-registration-flows/SUPPLIER-B/1003/",
		"/v1/data-import/send-registration-flows/SUPPLIER-A/1004/",
	} {
		m := ix.SelectHTTP(&HTTPCall{Method: "POST", Path: path}, nil, counters)
		fmt.Println(m.Answer.Status, m.Params["import_supplier_code"], m.Params["external_account_number"])
	}
	// Output:
	// 500 SUPPLIER-B 1001
	// 500 SUPPLIER-B 1002
	// 201 SUPPLIER-B 1003
	// 404  1004
}

// benchIndex builds n GraphQL rules and n REST rules, each on its own key.
func benchIndex(b *testing.B, n int) *Index {
	var gql, rest []*Rule
	for i := range n {
		r := gqlRule(fmt.Sprintf("field%d", i))
		r.When.Variables = []PathMatch{{Path: "input.accountNumber", Matcher: re("^A-")}}
		gql = append(gql, r)
		rest = append(rest, httpRule("POST", fmt.Sprintf("/v1/data-import/route%d/{code}/{account}/", i)))
	}
	ix, err := NewIndex([]*Scenario{scen("gql", gql...), scen("rest", rest...)})
	if err != nil {
		b.Fatal(err)
	}
	return ix
}

func BenchmarkSelect(b *testing.B) {
	for _, n := range []int{10, 10000} {
		ix := benchIndex(b, n)
		active := func(string) (int, bool) { return 1, true }
		counters := NewCounters()
		b.Run(fmt.Sprintf("graphql/rules=%d", n), func(b *testing.B) {
			call := &GraphQLCall{Field: fmt.Sprintf("field%d", n/2), Variables: map[string]any{"input": map[string]any{"accountNumber": "A-1"}}}
			b.ReportAllocs()
			for b.Loop() {
				if ix.SelectGraphQL(call, active, counters) == nil {
					b.Fatal("no match")
				}
			}
		})
		b.Run(fmt.Sprintf("http/rules=%d", n), func(b *testing.B) {
			call := &HTTPCall{Method: "POST", Path: fmt.Sprintf("/v1/data-import/route%d/SUPPLIER-A/12345/", n/2)}
			b.ReportAllocs()
			for b.Loop() {
				if ix.SelectHTTP(call, active, counters) == nil {
					b.Fatal("no match")
				}
			}
		})
		b.Run(fmt.Sprintf("miss/rules=%d", n), func(b *testing.B) {
			call := &GraphQLCall{Field: "unknownField"}
			b.ReportAllocs()
			for b.Loop() {
				if ix.SelectGraphQL(call, active, counters) != nil {
					b.Fatal("match")
				}
			}
		})
	}
}

// TestNewIndexKeepsCompiledRegexes checks that indexing again, as every upload does,
// does not compile again the regexes SetRegex compiled: it costs what rules without
// regexes cost.
func TestNewIndexKeepsCompiledRegexes(t *testing.T) {
	const n = 50
	var plain, rx []*Rule
	for i := range n {
		plain = append(plain, gqlRule("viewer"))
		r := gqlRule("viewer")
		r.When.OperationName = &Matcher{}
		if err := r.When.OperationName.SetRegex(fmt.Sprintf("^x{1,990}%d$", i)); err != nil {
			t.Fatal(err)
		}
		rx = append(rx, r)
	}
	allocs := func(rs []*Rule) float64 {
		return testing.AllocsPerRun(3, func() {
			if _, err := NewIndex([]*Scenario{scen("s", rs...)}); err != nil {
				t.Fatal(err)
			}
		})
	}
	if p, r := allocs(plain), allocs(rx); r > p+n {
		t.Errorf("indexing %d compiled regexes took %.0f allocations, %.0f without them", n, r, p)
	}
	if got := scen("s", rx...).RegexBytes(); got < n*300_000 || got > n*400_000 {
		t.Errorf("RegexBytes = %d, want about %d (x{1,990} keeps about 90 KB, counted with margin)", got, n*320_000)
	}
}
