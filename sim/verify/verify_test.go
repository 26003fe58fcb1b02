package verify

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/krakensim/krakensim/sim/journal"
	"github.com/krakensim/krakensim/sim/rules"
)

func n(i int) *int { return &i }

func TestCheck(t *testing.T) {
	rest := &journal.Entry{Seq: 4, Endpoint: journal.EndpointREST, Method: "POST", Path: "/v1/notes/"}
	rest.SetRequest(nil, []byte(`{"code": "S2"}`))
	entries := []*journal.Entry{ // newest first
		rest,
		{Seq: 3, Endpoint: "/v1/graphql/", OperationType: "query", Fields: []journal.Field{{Name: "viewer"}, {Name: "account", Args: map[string]any{"accountNumber": "A-2"}}}},
		{Seq: 2, Endpoint: "/v1/graphql/", OperationType: "query", Fields: []journal.Field{{Name: "account"}}, Variables: map[string]any{"accountNumber": "A-1"}},
		{Seq: 1, Endpoint: "/v1/graphql/", OperationType: "mutation", Fields: []journal.Field{{Name: "obtainKrakenToken"}}},
	}
	account := func(v string) rules.When {
		return rules.When{Kind: rules.KindGraphQL, Field: "account", Variables: []rules.PathMatch{{Path: "accountNumber", Matcher: &rules.Matcher{Op: rules.OpEqual, Value: v}}}}
	}
	tests := []struct {
		name    string
		p       rules.Pattern
		holds   bool
		matches string
		misses  string
	}{
		{"argument counts as variable", rules.Pattern{When: account("A-2"), Exactly: n(1)}, true, "[3]", "[]"},
		{"variable", rules.Pattern{When: account("A-1")}, true, "[2]", "[]"},
		{"too many", rules.Pattern{When: rules.When{Kind: rules.KindGraphQL, Field: "account"}, AtMost: n(1)}, false, "[3 2]", "[1]"},
		{"near misses nearest first", rules.Pattern{When: account("A-9")}, false, "[]", "[3 2 1]"},
		{"rest", rules.Pattern{When: rules.When{Kind: rules.KindHTTP, Method: "POST", Route: "/v1/notes/", Body: []rules.PathMatch{{Path: "code", Matcher: &rules.Matcher{Op: rules.OpEqual, Value: "S1"}}}}}, false, "[]", "[4]"},
	}
	for _, tc := range tests {
		res := Check(entries, 0, &tc.p, DefaultNearMisses)
		var ms, nm []uint64
		for _, e := range res.Matches {
			ms = append(ms, e.Seq)
		}
		for _, m := range res.NearMisses {
			nm = append(nm, m.Request.Seq)
		}
		if res.Holds != tc.holds || fmt.Sprint(ms) != tc.matches || fmt.Sprint(nm) != tc.misses {
			t.Errorf("%s: holds %v matches %v misses %v; want %v %s %s", tc.name, res.Holds, ms, nm, tc.holds, tc.matches, tc.misses)
		}
		// Every list of the answer is a list, empty when there is nothing in it.
		if b, _ := json.Marshal(res); strings.Contains(string(b), "null") {
			t.Errorf("%s: %s holds a null", tc.name, b)
		}
	}
	res := Check(entries, 0, &rules.Pattern{When: account("A-9")}, DefaultNearMisses)
	if got := fmt.Sprint(res.NearMisses[0].Field, " ", res.NearMisses[0].Differences); got != `account [variable accountNumber: want equals "A-9", got "A-2"]` {
		t.Errorf("closest near miss = %s", got)
	}
}

func TestUnmatchedRequests(t *testing.T) {
	rule := &rules.Rule{ID: "s#1", Scenario: "s", Pos: rules.Pos{File: "s.yaml", Line: 3, Column: 5},
		When: rules.When{Kind: rules.KindGraphQL, Field: "account", Operation: "mutation"}}
	entries := []*journal.Entry{
		{Seq: 2, Endpoint: "/v1/graphql/", OperationType: "query", Unmatched: true,
			Fields: []journal.Field{{Name: "account", Unmatched: true, Candidates: []*rules.Rule{rule}}}},
		{Seq: 1, Endpoint: "/v1/graphql/", OperationType: "query"},
	}
	got := UnmatchedRequests(entries)
	if len(got) != 1 || got[0].Request.Seq != 2 || got[0].NearMisses[0].Rule.Pos != "s.yaml:3:5" ||
		fmt.Sprint(got[0].NearMisses[0].Differences) != "[operation: want mutation, got query]" {
		t.Errorf("UnmatchedRequests = %+v", got)
	}
}

// With requests dropped from the journal, a count holds only when it holds whatever
// they were, and fails outright only when it fails whatever they were.
func TestCheckDropped(t *testing.T) {
	entries := []*journal.Entry{{Seq: 9, Endpoint: "/v1/graphql/", OperationType: "query", Fields: []journal.Field{{Name: "viewer"}}}}
	viewer := rules.When{Kind: rules.KindGraphQL, Field: "viewer"}
	tests := []struct {
		name                string
		p                   rules.Pattern
		dropped             uint64
		holds, undetermined bool
	}{
		{"at least 1 seen", rules.Pattern{When: viewer}, 5, true, false},
		{"exactly 1 may be more", rules.Pattern{When: viewer, Exactly: n(1)}, 5, false, true},
		{"exactly 0 fails whatever", rules.Pattern{When: viewer, Exactly: n(0)}, 5, false, false},
		{"at most 3 may be more", rules.Pattern{When: viewer, AtMost: n(3)}, 5, false, true},
		{"at least 4 may be", rules.Pattern{When: viewer, AtLeast: n(4)}, 5, false, true},
		{"at least 9 cannot be", rules.Pattern{When: viewer, AtLeast: n(9)}, 5, false, false},
		{"exactly 1, none dropped", rules.Pattern{When: viewer, Exactly: n(1)}, 0, true, false},
		{"exactly 0 of another field", rules.Pattern{When: rules.When{Kind: rules.KindGraphQL, Field: "account"}, Exactly: n(0)}, 5, false, true},
	}
	for _, tc := range tests {
		res := Check(entries, tc.dropped, &tc.p, DefaultNearMisses)
		if res.Holds != tc.holds || res.Undetermined != tc.undetermined || res.Dropped != tc.dropped {
			t.Errorf("%s: holds %v undetermined %v dropped %d; want %v %v %d", tc.name, res.Holds, res.Undetermined, res.Dropped, tc.holds, tc.undetermined, tc.dropped)
		}
	}
}
