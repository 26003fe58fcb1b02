package simtest_test

import (
	"strings"
	"testing"

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
