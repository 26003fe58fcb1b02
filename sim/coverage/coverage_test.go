package coverage

import (
	"fmt"
	"testing"

	"github.com/krakensim/krakensim/sim/journal"
)

func TestRecorderReport(t *testing.T) {
	c := &Contract{
		Fields: []Field{
			{Endpoint: "/v1/graphql/", Operation: "query", Name: "account", Codes: []string{"KT-CT-4178"}},
			{Endpoint: "/v1/graphql/", Operation: "mutation", Name: "signIn", Codes: []string{"KT-CT-1138", "KT-CT-1139"}},
		},
		Routes: []Route{{Method: "POST", Pattern: "/v1/notes/", Statuses: []int{201, 400}}},
	}
	a, b := NewRecorder(), NewRecorder()
	a.Add(&journal.Entry{Endpoint: "/v1/graphql/", OperationType: "query", Fields: []journal.Field{{Name: "account"}}, Outcome: journal.Outcome{Status: 200, Data: true}})
	a.Add(&journal.Entry{Endpoint: "/v1/graphql/", OperationType: "query", Fields: []journal.Field{{Name: "account", ErrorCodes: []string{"KT-CT-4178"}}}, Outcome: journal.Outcome{Status: 200, Data: true}})
	b.Add(&journal.Entry{Endpoint: "/v1/graphql/", OperationType: "mutation", Fields: []journal.Field{{Name: "signIn"}}, Outcome: journal.Outcome{Status: 503},
		Deprecations: []journal.Deprecation{{Coordinate: "Mutation.signIn(remember:)", RemovalDate: "2026-01-01"}}})
	b.Add(&journal.Entry{Endpoint: journal.EndpointREST, Method: "POST", Route: "/v1/notes/", Outcome: journal.Outcome{Status: 201}})
	b.Add(&journal.Entry{Endpoint: journal.EndpointREST, Method: "POST", Path: "/elsewhere/", Outcome: journal.Outcome{Status: 404}})
	a.Merge(b)

	rep := a.Report(c)
	var rows []string
	for _, o := range rep.Operations {
		rows = append(rows, fmt.Sprintf("%s %d %v %v", o.Label(), o.Calls, o.Outcomes, o.NeverProduced))
	}
	want := "[query account 2 [{KT-CT-4178 1} {data 1}] [] mutation signIn 1 [{HTTP 503 1}] [KT-CT-1138 KT-CT-1139] POST /v1/notes/ 1 [{HTTP 201 1}] [HTTP 400]]"
	if got := fmt.Sprint(rows); got != want {
		t.Errorf("rows:\n%s\nwant\n%s", got, want)
	}
	s := rep.Summary
	if s.Operations != 3 || s.Called != 3 || s.Percent != 100 || s.Documented != 5 || s.Produced != 2 || s.OutcomesPercent != 40 || s.DeprecatedUses != 1 {
		t.Errorf("summary = %+v", s)
	}
	a.Reset()
	if rep := a.Report(c); rep.Summary.Called != 0 || rep.Summary.Percent != 0 {
		t.Errorf("after Reset: %+v", rep.Summary)
	}
	if rep := NewRecorder().Report(&Contract{}); rep.Summary.Percent != 100 {
		t.Errorf("an empty contract is fully covered: %+v", rep.Summary)
	}
}

// TestRefusedOperationIsNoCall: a GraphQL request refused with 400 (its variables do
// not coerce) ran no field, so it is no call; a status a rule scripted is one.
func TestRefusedOperationIsNoCall(t *testing.T) {
	c := &Contract{Fields: []Field{{Endpoint: "/v1/graphql/", Operation: "mutation", Name: "pay"}}}
	for _, tc := range []struct {
		name  string
		entry journal.Entry
		calls int
	}{
		{"variables that do not coerce", journal.Entry{Endpoint: "/v1/graphql/", OperationType: "mutation", Fields: []journal.Field{{Name: "pay"}}, Outcome: journal.Outcome{Status: 400}}, 0},
		{"a scripted 400", journal.Entry{Endpoint: "/v1/graphql/", OperationType: "mutation", Fields: []journal.Field{{Name: "pay", Rule: &journal.Rule{ID: "r#1"}}}, Outcome: journal.Outcome{Status: 400}}, 1},
		{"an error answered with 200", journal.Entry{Endpoint: "/v1/graphql/", OperationType: "mutation", Fields: []journal.Field{{Name: "pay", ErrorCodes: []string{"KT-CT-3942"}}}, Outcome: journal.Outcome{Status: 200}}, 1},
	} {
		r := NewRecorder()
		r.Add(&tc.entry)
		if got := r.Report(c).Operations[0].Calls; got != tc.calls {
			t.Errorf("%s: %d calls, want %d", tc.name, got, tc.calls)
		}
	}
}

// TestAbsorbKeepsLateCalls: a call committed to a dropped session's recorder after it
// was retired (a request in flight when its session was deleted) still counts.
func TestAbsorbKeepsLateCalls(t *testing.T) {
	c := &Contract{Routes: []Route{{Method: "POST", Pattern: "/v1/notes/", Statuses: []int{201}}}}
	call := &journal.Entry{Endpoint: journal.EndpointREST, Method: "POST", Route: "/v1/notes/", Outcome: journal.Outcome{Status: 201}}
	all, sess := NewRecorder(), NewRecorder()
	sess.Add(call)
	all.Absorb(sess)
	sess.Add(call)
	if got := all.Report(c).Operations[0].Calls; got != 2 {
		t.Errorf("calls = %d, want 2", got)
	}
	if got := sess.Report(c).Operations[0].Calls; got != 0 {
		t.Errorf("the retired recorder kept %d calls", got)
	}
}

// TestFaultIsItsOwnOutcome: a scripted transport fault is counted as itself, not as an
// error or as what the answer it replaced said, with the status it sent if any.
func TestFaultIsItsOwnOutcome(t *testing.T) {
	c := &Contract{
		Fields: []Field{{Endpoint: "/v1/graphql/", Operation: "query", Name: "account", Codes: []string{"KT-CT-4178"}}},
		Routes: []Route{{Method: "POST", Pattern: "/v1/notes/", Statuses: []int{201}}},
	}
	for _, tc := range []struct {
		name  string
		entry journal.Entry
		want  string
	}{
		{"a reset", journal.Entry{Endpoint: "/v1/graphql/", OperationType: "query", Fields: []journal.Field{{Name: "account"}}, Outcome: journal.Outcome{Fault: "reset"}}, "[{fault reset 1}]"},
		{"a hang of an answer with a code", journal.Entry{Endpoint: "/v1/graphql/", OperationType: "query", Fields: []journal.Field{{Name: "account", ErrorCodes: []string{"KT-CT-4178"}}}, Outcome: journal.Outcome{Fault: "hang"}}, "[{fault hang 1}]"},
		{"a malformed 200", journal.Entry{Endpoint: "/v1/graphql/", OperationType: "query", Fields: []journal.Field{{Name: "account"}}, Outcome: journal.Outcome{Status: 200, Data: true, Fault: "malformed"}}, "[{fault malformed 1}]"},
		{"a malformed 503", journal.Entry{Endpoint: "/v1/graphql/", OperationType: "query", Fields: []journal.Field{{Name: "account"}}, Outcome: journal.Outcome{Status: 503, Fault: "malformed"}}, "[{HTTP 503 1} {fault malformed 1}]"},
		{"a REST reset", journal.Entry{Endpoint: journal.EndpointREST, Method: "POST", Route: "/v1/notes/", Outcome: journal.Outcome{Fault: "reset"}}, "[{fault reset 1}]"},
		{"a REST empty 201", journal.Entry{Endpoint: journal.EndpointREST, Method: "POST", Route: "/v1/notes/", Outcome: journal.Outcome{Status: 201, Fault: "empty"}}, "[{HTTP 201 1} {fault empty 1}]"},
		{"a REST call with no answer", journal.Entry{Endpoint: journal.EndpointREST, Method: "POST", Route: "/v1/notes/"}, "[{no answer 1}]"},
		// krakensim's refusal of the test's own header is no call of the field.
		{"a bad X-Krakensim-Error", journal.Entry{Endpoint: "/v1/graphql/", OperationType: "query", Fields: []journal.Field{{Name: "account", ErrorCodes: []string{"KRAKENSIM-BAD-HEADER"}}}, Outcome: journal.Outcome{Status: 200, ErrorCodes: []string{"KRAKENSIM-BAD-HEADER"}}}, ""},
		{"a bad X-Krakensim-Scenario", journal.Entry{Endpoint: "/v1/graphql/", OperationType: "query", Fields: []journal.Field{{Name: "account"}}, Outcome: journal.Outcome{Status: 200, ErrorCodes: []string{"KRAKENSIM-BAD-HEADER"}}}, ""},
	} {
		r := NewRecorder()
		r.Add(&tc.entry)
		var got []Outcome
		calls := 0
		for _, o := range r.Report(c).Operations {
			got = append(got, o.Outcomes...)
			calls += o.Calls
		}
		if tc.want == "" && (calls != 0 || got != nil) {
			t.Errorf("%s: %d calls, outcomes %v, want none", tc.name, calls, got)
		} else if tc.want != "" && fmt.Sprint(got) != tc.want {
			t.Errorf("%s: outcomes %v, want %s", tc.name, got, tc.want)
		}
	}
}
