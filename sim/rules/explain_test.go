package rules

import (
	"fmt"
	"testing"
)

func ptr(n int) *int { return &n }

func TestPatternCount(t *testing.T) {
	tests := []struct {
		p        Pattern
		n        int
		holds    bool
		expected string
	}{
		{Pattern{}, 0, false, "at least 1"},
		{Pattern{}, 3, true, "at least 1"},
		{Pattern{Exactly: ptr(2)}, 2, true, "exactly 2"},
		{Pattern{Exactly: ptr(2)}, 3, false, "exactly 2"},
		{Pattern{Exactly: ptr(0)}, 0, true, "exactly 0"},
		{Pattern{AtLeast: ptr(1), AtMost: ptr(3)}, 4, false, "at least 1 and at most 3"},
		{Pattern{AtMost: ptr(0)}, 0, true, "at most 0"},
	}
	for _, tc := range tests {
		if got := tc.p.Holds(tc.n); got != tc.holds || tc.p.Expected() != tc.expected {
			t.Errorf("%s with %d: holds %v (%q), want %v", tc.p.Expected(), tc.n, got, tc.p.Expected(), tc.holds)
		}
	}
}

func TestRouteMatches(t *testing.T) {
	tests := []struct {
		route, path string
		want        bool
	}{
		{"/v1/notes/", "/v1/notes/", true},
		{"/v1/notes/", "/v1/notes", true},
		{"/v1/notes/", "/v1/notes/x/", false},
		{"/v1/{code}/x/", "/v1/S1/x/", true},
		{"/v1/{code}/x/", "/v1/x/", false},
		{"/v1/*", "/v1/a/b/c", true},
		{"/v1/*", "/v2/a", false},
		{"/", "/", true},
	}
	for _, tc := range tests {
		if got := RouteMatches(tc.route, tc.path); got != tc.want {
			t.Errorf("RouteMatches(%q, %q) = %v, want %v", tc.route, tc.path, got, tc.want)
		}
	}
}

func TestExplainGraphQL(t *testing.T) {
	w := &When{
		Kind: KindGraphQL, Field: "account", Operation: "query", Endpoint: "/v1/graphql/",
		OperationName: eq("GetAccount"),
		Variables:     []PathMatch{{Path: "accountNumber", Matcher: re("^A-")}, {Path: "first", Matcher: cmp(OpGT, 1)}},
		Headers:       []PathMatch{{Path: "X-Tenant", Matcher: eq("oe")}},
	}
	call := &GraphQLCall{
		Endpoint: "/v1/graphql/", Operation: "query", OperationName: "GetAccount", Field: "account",
		Variables: map[string]any{"accountNumber": "A-1", "first": 5.0}, Header: map[string][]string{"X-Tenant": {"oe"}},
	}
	if d := w.ExplainGraphQL(call); len(d) != 0 || !w.MatchesGraphQL(call) {
		t.Fatalf("a matching call differs by %v", d)
	}
	miss := &GraphQLCall{
		Endpoint: "/graphql/", Operation: "mutation", Field: "viewer",
		Variables: map[string]any{"accountNumber": "B-1"}, Header: map[string][]string{"x-tenant": {"edf"}},
	}
	want := `[field: want "account", got "viewer" operation: want query, got mutation endpoint: want /v1/graphql/, got /graphql/ operationName: want equals "GetAccount", got nothing variable accountNumber: want regex "^A-", got "B-1" variable first: want gt 1, got nothing header X-Tenant: want equals "oe", got "edf"]`
	if got := fmt.Sprint(w.ExplainGraphQL(miss)); got != want {
		t.Errorf("differences:\n%s\nwant\n%s", got, want)
	}
	if w.MatchesGraphQL(miss) {
		t.Error("a differing call matches")
	}
	rest := &When{Kind: KindHTTP, Method: "POST", Route: "/v1/x/"}
	if got := fmt.Sprint(rest.ExplainGraphQL(call)); got != "[kind: want a REST call POST /v1/x/, got GraphQL field account]" {
		t.Errorf("kind difference = %s", got)
	}
}

func TestExplainHTTP(t *testing.T) {
	w := &When{
		Kind: KindHTTP, Method: "POST", Route: "/v1/notes/{code}/",
		Query: []PathMatch{{Path: "dry", Matcher: eq("1")}},
		Body:  []PathMatch{{Path: "notes.0.body", Matcher: exists}, {Path: "amount", Matcher: not(eq(0.0))}},
	}
	ok := &HTTPCall{Method: "post", Path: "/v1/notes/S1/", Query: map[string][]string{"dry": {"1"}},
		Body: map[string]any{"notes": []any{map[string]any{"body": "x"}}, "amount": 3.0}}
	if d := w.ExplainHTTP(ok); len(d) != 0 || !w.MatchesHTTP(ok) {
		t.Fatalf("a matching call differs by %v", d)
	}
	miss := &HTTPCall{Method: "GET", Path: "/v1/other/", Body: map[string]any{"amount": 0.0}}
	want := `[method: want POST, got GET route: want /v1/notes/{code}/, got /v1/other/ query dry: want equals "1", got nothing body notes.0.body: want exists, got nothing body amount: want not equals 0, got 0]`
	if got := fmt.Sprint(w.ExplainHTTP(miss)); got != want {
		t.Errorf("differences:\n%s\nwant\n%s", got, want)
	}
}

func TestRouteParam(t *testing.T) {
	tests := []struct {
		route, path, name, want string
		ok                      bool
	}{
		{"/v1/accounts/{account_number}/", "/v1/accounts/A-1/", "account_number", "A-1", true},
		{"/v1/{code}/x/{n}/", "/v1/S1/x/7", "n", "7", true},
		{"/v1/{code}/x/{n}/", "/v1/S1/x/", "n", "", false},
		{"/v1/accounts/{account_number}/", "/v1/accounts/A-1/", "number", "", false},
		{"/v1/products/", "/v1/products/", "product", "", false},
	}
	for _, tc := range tests {
		if got, ok := RouteParam(tc.route, tc.path, tc.name); got != tc.want || ok != tc.ok {
			t.Errorf("RouteParam(%q, %q, %q) = %q, %v; want %q, %v", tc.route, tc.path, tc.name, got, ok, tc.want, tc.ok)
		}
	}
}

// TestPathMatch checks that a REST rule's path: matches the value of its route's
// segment, so that each account answers its own.
func TestPathMatch(t *testing.T) {
	w := &When{Kind: KindHTTP, Method: "GET", Route: "/v1/accounts/{account_number}/",
		Path: []PathMatch{{Path: "account_number", Matcher: eq("A-C90DC431")}}}
	tests := []struct {
		path, diff string
	}{
		{"/v1/accounts/A-C90DC431/", "[]"},
		{"/v1/accounts/A-6D4F2E88/", `[path account_number: want equals "A-C90DC431", got "A-6D4F2E88"]`},
	}
	for _, tc := range tests {
		c := &HTTPCall{Method: "GET", Path: tc.path}
		d := fmt.Sprint(w.ExplainHTTP(c))
		if d != tc.diff || w.MatchesHTTP(c) != (tc.diff == "[]") {
			t.Errorf("%s: differences %s (matches %v), want %s", tc.path, d, w.MatchesHTTP(c), tc.diff)
		}
	}
	ix, err := NewIndex([]*Scenario{{Name: "s", Rules: []*Rule{
		{ID: "s#1", Scenario: "s", When: *w, Then: []*Answer{{Status: 200}}},
		{ID: "s#2", Scenario: "s", When: When{Kind: KindHTTP, Method: "GET", Route: w.Route}, Then: []*Answer{{Status: 404}}},
	}}})
	if err != nil {
		t.Fatal(err)
	}
	for path, id := range map[string]string{"/v1/accounts/A-C90DC431/": "s#1", "/v1/accounts/A-6D4F2E88/": "s#2"} {
		m := ix.SelectHTTP(&HTTPCall{Method: "GET", Path: path}, nil, NewCounters())
		if m == nil || m.Rule.ID != id {
			t.Errorf("%s answered by %v, want %s", path, m, id)
		}
	}
}

func TestMatcherString(t *testing.T) {
	tests := []struct {
		m    *Matcher
		want string
	}{
		{nil, "any value"},
		{eq("a"), `equals "a"`},
		{eq(map[string]any{"k": 1.0}), `equals {"k":1}`},
		{re("^x$"), `regex "^x$"`},
		{exists, "exists"},
		{absent, "absent"},
		{oneOf("a", 2.0), `oneOf ["a",2]`},
		{cmp(OpGTE, 1.5), "gte 1.5"},
		{cmp(OpLT, 10), "lt 10"},
		{cmp(OpLTE, -1), "lte -1"},
		{not(absent), "not absent"},
		{all(cmp(OpGT, 1), cmp(OpLT, 5)), "gt 1 and lt 5"},
	}
	for _, tc := range tests {
		if got := tc.m.String(); got != tc.want {
			t.Errorf("String() = %q, want %q", got, tc.want)
		}
	}
}
