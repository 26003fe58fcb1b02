// Package verify checks a session's journal against a request pattern (a scenario
// `when` and a count), and explains the requests that came close, as WireMock's near
// misses do.
package verify

import (
	"math"
	"sort"

	"github.com/krakensim/krakensim/sim/journal"
	"github.com/krakensim/krakensim/sim/rules"
)

// DefaultNearMisses is how many near misses a failed verification lists.
const DefaultNearMisses = 3

// Result says whether a pattern holds for a journal.
type Result struct {
	Holds bool `json:"holds"`
	// Expected describes the count asked for ("at least 1").
	Expected string `json:"expected"`
	// Count is how many requests matched.
	Count int `json:"count"`
	// Dropped is how many older requests the journal let go (--journal-size,
	// --journal-bytes) since the session began or its journal was cleared: Holds is
	// true only when the count holds whichever of them matched.
	Dropped uint64 `json:"dropped,omitempty"`
	// Undetermined says the count may or may not hold, depending on requests dropped.
	Undetermined bool `json:"undetermined,omitempty"`
	// Matches are the matching requests, newest first.
	Matches []*journal.Entry `json:"matches"`
	// NearMisses are the closest requests that did not match, when the pattern does
	// not hold; an empty list otherwise.
	NearMisses []NearMiss `json:"nearMisses"`
}

// NearMiss is a request that did not match, and why.
type NearMiss struct {
	Request *journal.Entry `json:"request"`
	// Field is the root field compared, for GraphQL requests.
	Field string `json:"field,omitempty"`
	// Rule is the scenario rule compared, for unmatched requests.
	Rule        *journal.Rule      `json:"rule,omitempty"`
	Differences []rules.Difference `json:"differences"`
}

// Check counts the entries p matches and says whether the count holds, whatever the
// dropped entries the journal no longer has were; when it does not, it lists up to
// nearMisses of the closest other entries.
func Check(entries []*journal.Entry, dropped uint64, p *rules.Pattern, nearMisses int) *Result {
	res := &Result{Expected: p.Expected(), Matches: []*journal.Entry{}, NearMisses: []NearMiss{}}
	var misses []NearMiss
	for _, e := range entries {
		field, diffs, comparable := Explain(e, &p.When)
		if !comparable {
			continue
		}
		if len(diffs) == 0 {
			res.Matches = append(res.Matches, e)
			continue
		}
		misses = append(misses, NearMiss{Request: e, Field: field, Differences: diffs})
	}
	res.Count = len(res.Matches)
	res.Holds = p.Holds(res.Count)
	if dropped > 0 {
		// The true count is between Count and Count+dropped: the pattern holds when it
		// accepts all of them, fails when it accepts none.
		lo, hi := p.Range()
		most := res.Count + int(min(dropped, uint64(math.MaxInt32)))
		res.Dropped = dropped
		res.Holds = lo <= res.Count && most <= hi
		res.Undetermined = !res.Holds && most >= lo && res.Count <= hi
	}
	if !res.Holds && len(misses) > 0 {
		res.NearMisses = closest(misses, nearMisses)
	}
	return res
}

// closest keeps the n misses with the fewest differences, newest first among equals
// (misses arrive newest first).
func closest(misses []NearMiss, n int) []NearMiss {
	sort.SliceStable(misses, func(i, j int) bool { return len(misses[i].Differences) < len(misses[j].Differences) })
	if len(misses) > n {
		misses = misses[:n]
	}
	return misses
}

// Explain compares an entry with w: for a GraphQL entry, its root field that comes
// closest. comparable is false when the entry is of the other kind (REST against a
// field pattern, or the reverse); no differences means w matches.
func Explain(e *journal.Entry, w *rules.When) (field string, diffs []rules.Difference, comparable bool) {
	rest := e.Endpoint == journal.EndpointREST
	if rest != (w.Kind == rules.KindHTTP) {
		return "", nil, false
	}
	if rest {
		return "", w.ExplainHTTP(HTTPCall(e)), true
	}
	if len(e.Fields) == 0 {
		return "", w.ExplainGraphQL(GraphQLCall(e, nil)), true
	}
	for i := range e.Fields {
		d := w.ExplainGraphQL(GraphQLCall(e, &e.Fields[i]))
		if i == 0 || len(d) < len(diffs) {
			field, diffs = e.Fields[i].Name, d
		}
		if len(d) == 0 {
			break
		}
	}
	return field, diffs, true
}

// GraphQLCall is the call a rule sees for one root field of a GraphQL entry: the
// field's arguments win over same-named variables.
func GraphQLCall(e *journal.Entry, f *journal.Field) *rules.GraphQLCall {
	c := &rules.GraphQLCall{
		Endpoint: e.Endpoint, Operation: e.OperationType, OperationName: e.OperationName,
		Variables: e.RequestVariables(), Header: e.RequestHeaders(),
	}
	if f == nil {
		return c
	}
	c.Field = f.Name
	if len(f.Args) > 0 {
		vars := make(map[string]any, len(c.Variables)+len(f.Args))
		for k, v := range c.Variables {
			vars[k] = v
		}
		for k, v := range f.Args {
			vars[k] = v
		}
		c.Variables = vars
	}
	return c
}

// HTTPCall is the call a rule sees for a REST entry.
func HTTPCall(e *journal.Entry) *rules.HTTPCall {
	return &rules.HTTPCall{Method: e.Method, Path: e.Path, Query: e.Query, Header: e.RequestHeaders(), Body: e.RequestBody()}
}

// Unmatched is a request no rule matched while the session had rules for its field
// or route, with how each of those rules differed.
type Unmatched struct {
	Request    *journal.Entry `json:"request"`
	NearMisses []NearMiss     `json:"nearMisses"`
}

// UnmatchedRequests explains the unmatched entries, in the order given.
func UnmatchedRequests(entries []*journal.Entry) []Unmatched {
	out := []Unmatched{}
	for _, e := range entries {
		if !e.Unmatched {
			continue
		}
		u := Unmatched{Request: e, NearMisses: []NearMiss{}}
		if e.Endpoint == journal.EndpointREST {
			for _, r := range e.Candidates {
				u.NearMisses = append(u.NearMisses, NearMiss{Rule: journal.RuleOf(r), Differences: listed(r.When.ExplainHTTP(HTTPCall(e)))})
			}
		}
		for i := range e.Fields {
			f := &e.Fields[i]
			for _, r := range f.Candidates {
				u.NearMisses = append(u.NearMisses, NearMiss{Field: f.Name, Rule: journal.RuleOf(r), Differences: listed(r.When.ExplainGraphQL(GraphQLCall(e, f)))})
			}
		}
		out = append(out, u)
	}
	return out
}

// listed is d, or an empty list for none, so that every list of an answer reads as
// one: a rule whose sequence was spent matched but answered nothing.
func listed(d []rules.Difference) []rules.Difference {
	if d == nil {
		return []rules.Difference{}
	}
	return d
}
