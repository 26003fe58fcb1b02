package simtest_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/krakensim/krakensim/scenarios"
	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/journal"
	"github.com/krakensim/krakensim/sim/server"
	"github.com/krakensim/krakensim/sim/simtest"
)

// scriptedAnswers are scenarios of postCredit, one answer each; the last fails only the
// credit of 200.
const scriptedAnswers = `name: s503
rules: [{when: {field: postCredit}, then: {status: 503, headers: {Retry-After: "1"}}}]
---
name: s429
rules: [{when: {field: postCredit}, then: {status: 429}}]
---
name: s502
rules: [{when: {field: postCredit}, then: {status: 502, rawBody: "<html>Bad Gateway</html>"}}]
---
name: malformed
rules: [{when: {field: postCredit}, then: {fault: malformed}}]
---
name: empty
rules: [{when: {field: postCredit}, then: {fault: empty}}]
---
name: lost
rules: [{when: {field: postCredit}, then: {status: 503, processed: true}}]
---
name: second
rules: [{when: {field: postCredit, variables: {input.netAmount: 200}}, then: {status: 503}}]
`

// TestScriptedStatusRunsNothing: a scripted status or fault on a GraphQL root field
// answers without running the operation (no credit posted, the fields before it
// included), unless the answer says processed; the journal records what the client got.
func TestScriptedStatusRunsNothing(t *testing.T) {
	_, c := layered(t, "octopus-schema.graphql", nil, nil, func(cfg *sim.Config) {
		scs, err := scenarios.Parse("status.yaml", []byte(scriptedAnswers))
		if err != nil {
			t.Fatal(err)
		}
		cfg.Scenarios = append(cfg.Scenarios, scs...) // activated per request
	})
	const one = `mutation { postCredit(input: {accountNumber: "A-C90DC431", netAmount: 100, taxAmount: 0, reason: "GOODWILL", ledgerId: "6100001"}) { credit { id } } }`
	const two = `mutation { a: postCredit(input: {accountNumber: "A-C90DC431", netAmount: 100, taxAmount: 0, reason: "GOODWILL", ledgerId: "6100001"}) { credit { id } }
		b: postCredit(input: {accountNumber: "A-C90DC431", netAmount: 200, taxAmount: 0, reason: "GOODWILL", ledgerId: "6100001"}) { credit { id } } }`
	balance := func() float64 {
		out := mustQuery(t, c)(`{ account(accountNumber: "A-C90DC431") { balance } }`, nil)
		return simtest.Get(out, "account", "balance").(float64)
	}
	tests := []struct {
		scenario, query string
		status          int
		fault           string
		credited        float64
		processed       bool
	}{
		{"s503", one, 503, "", 0, false},
		{"s429", one, 429, "", 0, false},
		{"s502", one, 502, "", 0, false},
		{"malformed", one, 200, "malformed", 0, false},
		{"empty", one, 200, "empty", 0, false},
		{"second", two, 503, "", 0, false},
		{"lost", one, 503, "", 100, true},
		{"", one, 200, "", 100, false},
	}
	for _, tc := range tests {
		t.Run(tc.scenario, func(t *testing.T) {
			c.Header = http.Header{}
			if tc.scenario != "" {
				c.Header.Set(sim.HeaderScenario, tc.scenario)
			}
			before := balance()
			body, _ := json.Marshal(map[string]string{"query": tc.query})
			status, b := c.Do(http.MethodPost, server.APIPath, body)
			c.Header = http.Header{}
			if status != tc.status {
				t.Errorf("HTTP %d, want %d: %s", status, tc.status, b)
			}
			if got := balance() - before; got != tc.credited {
				t.Errorf("balance moved by %v, want %v", got, tc.credited)
			}
			entries := c.Requests(journal.Filter{Field: "postCredit"})
			if len(entries) == 0 {
				t.Fatal("no journal entry")
			}
			last := entries[0]
			for _, e := range entries {
				if e.Seq > last.Seq {
					last = e
				}
			}
			o := last.Outcome
			if o.Status != tc.status || o.Fault != tc.fault || o.Processed != tc.processed || o.Data != (tc.scenario == "") {
				t.Errorf("journal outcome %+v, want status %d, fault %q, processed %v", o, tc.status, tc.fault, tc.processed)
			}
		})
	}
}

// TestReloadKeepsUnchangedSequences: a reload of the configured scenarios keeps each
// session's place in the sequences of a file whose rules did not change (an identical
// rewrite, another file's change) and restarts those of a changed file.
func TestReloadKeepsUnchangedSequences(t *testing.T) {
	const flaky = "name: flap\nrules: [{when: {field: viewer}, then: [{status: 503}, {}]}]\n"
	const other = "name: other\nrules: [{when: {field: account}, then: {error: KT-CT-4177}}]\n"
	srv := simtest.NewServer(t, simtest.WithScenarioYAML("flap.yaml", flaky), simtest.WithScenarioYAML("other.yaml", other))
	c := srv.Client(t)
	viewer := func() int {
		status, _ := c.Do(http.MethodPost, server.APIPath, []byte(`{"query": "{ viewer { email } }"}`))
		return status
	}
	if first, second := viewer(), viewer(); first != 503 || second != 200 {
		t.Fatalf("before any reload: %d then %d, want 503 then 200", first, second)
	}
	tests := []struct {
		name         string
		flaky, other string
		status       int
	}{
		{"identical rewrite", flaky, other, 200},
		{"another file changed", flaky, other + "description: changed\n", 200},
		{"another file's rule changed", flaky, strings.Replace(other, "4177", "1111", 1), 200},
		{"the file changed", strings.Replace(flaky, "503", "502", 1), other, 502},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a, err := scenarios.Parse("flap.yaml", []byte(tc.flaky))
			if err != nil {
				t.Fatal(err)
			}
			b, err := scenarios.Parse("other.yaml", []byte(tc.other))
			if err != nil {
				t.Fatal(err)
			}
			if err := srv.Sim.SetScenarios(append(a, b...)); err != nil {
				t.Fatal(err)
			}
			if got := viewer(); got != tc.status {
				t.Errorf("viewer after the reload: HTTP %d, want %d", got, tc.status)
			}
		})
	}
}
