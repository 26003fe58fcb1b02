package rules

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Pattern is a verification request: the calls a When matches, and how many of them
// there should be. With no count given, at least one.
type Pattern struct {
	Pos  Pos
	When When
	// Exactly, AtLeast and AtMost bound the count; nil leaves a bound open.
	Exactly, AtLeast, AtMost *int
}

// Holds reports whether n calls satisfy the pattern's count.
func (p *Pattern) Holds(n int) bool {
	if p.Exactly == nil && p.AtLeast == nil && p.AtMost == nil {
		return n >= 1
	}
	return (p.Exactly == nil || n == *p.Exactly) && (p.AtLeast == nil || n >= *p.AtLeast) && (p.AtMost == nil || n <= *p.AtMost)
}

// Range is the counts the pattern accepts, lo to hi (math.MaxInt for no upper bound),
// as Holds reads them.
func (p *Pattern) Range() (lo, hi int) {
	lo, hi = 0, math.MaxInt
	if p.Exactly == nil && p.AtLeast == nil && p.AtMost == nil {
		lo = 1
	}
	for _, b := range []*int{p.Exactly, p.AtLeast} {
		if b != nil {
			lo = max(lo, *b)
		}
	}
	for _, b := range []*int{p.Exactly, p.AtMost} {
		if b != nil {
			hi = min(hi, *b)
		}
	}
	return lo, hi
}

// Expected describes the pattern's count ("exactly 2", "at least 1 and at most 3").
func (p *Pattern) Expected() string {
	var parts []string
	if p.Exactly != nil {
		parts = append(parts, "exactly "+strconv.Itoa(*p.Exactly))
	}
	if p.AtLeast != nil {
		parts = append(parts, "at least "+strconv.Itoa(*p.AtLeast))
	}
	if p.AtMost != nil {
		parts = append(parts, "at most "+strconv.Itoa(*p.AtMost))
	}
	if len(parts) == 0 {
		return "at least 1"
	}
	return strings.Join(parts, " and ")
}

// MatchesGraphQL reports whether every condition of w holds for c, sequences aside.
func (w *When) MatchesGraphQL(c *GraphQLCall) bool {
	return w.Kind != KindHTTP && w.Field == c.Field && matchGraphQL(w, c)
}

// MatchesHTTP reports whether every condition of w, method and route included,
// holds for c, sequences aside.
func (w *When) MatchesHTTP(c *HTTPCall) bool {
	return w.Kind == KindHTTP && methodMatches(w.Method, c.Method) && RouteMatches(w.Route, c.Path) && matchHTTP(w, c)
}

func methodMatches(want, got string) bool {
	want = strings.TrimSpace(want)
	return want == "" || want == "*" || strings.EqualFold(want, got)
}

// RouteMatches reports whether path fits a route pattern: {param} takes one
// non-empty segment, a final * the rest; leading and trailing slashes are ignored.
func RouteMatches(route, path string) bool {
	rs, ps := splitPath(route), splitPath(path)
	for i, seg := range rs {
		if seg == "*" && i == len(rs)-1 {
			return true
		}
		if i >= len(ps) {
			return false
		}
		if strings.HasPrefix(seg, "{") && strings.HasSuffix(seg, "}") {
			if ps[i] == "" {
				return false
			}
			continue
		}
		if seg != ps[i] {
			return false
		}
	}
	return len(rs) == len(ps)
}

// maxCandidates bounds the rules a near-miss explanation looks at, so that a field with
// thousands of recorded rules does not make every unmatched call cost as much.
const maxCandidates = 64

// GraphQLCandidates returns the first active rules indexed under a root field, in order
// (at most maxCandidates).
func (ix *Index) GraphQLCandidates(field string, active Active) []*Rule {
	if ix == nil || ix.graphql[field] == nil {
		return nil
	}
	var out []*Rule
	for _, r := range ix.graphql[field].all {
		if _, ok := isActive(active, r.Scenario); ok {
			out = append(out, r)
			if len(out) == maxCandidates {
				break
			}
		}
	}
	return out
}

// HTTPCandidates returns the active rules whose method and route fit a REST call.
func (ix *Index) HTTPCandidates(method, path string, active Active) []*Rule {
	if ix == nil {
		return nil
	}
	var ms routeMatches
	var vals [maxRouteParams]string
	ix.routes.find(strings.Trim(path, "/"), &vals, 0, &ms)
	var out []*Rule
	for i := 0; i < ms.n; i++ {
		for _, e := range ms.m[i].entries {
			if e.method != "" && !strings.EqualFold(e.method, method) {
				continue
			}
			if _, ok := isActive(active, e.rule.Scenario); ok {
				out = append(out, e.rule)
			}
		}
	}
	return out
}

// Difference is one condition of a When that a call does not meet.
type Difference struct {
	// What is the part: field, operation, endpoint, operationName, variable, header,
	// method, route, query or body.
	What string `json:"what"`
	// Name is the variable path, header or parameter name, when the part has one.
	Name string `json:"name,omitempty"`
	Want string `json:"want"`
	Got  string `json:"got"`
}

// String renders d as `variable input.accountNumber: want equals "A-1", got "A-2"`.
func (d Difference) String() string {
	what := d.What
	if d.Name != "" {
		what += " " + d.Name
	}
	return fmt.Sprintf("%s: want %s, got %s", what, d.Want, d.Got)
}

// ExplainGraphQL lists the conditions of w that c does not meet (none: it matches).
func (w *When) ExplainGraphQL(c *GraphQLCall) []Difference {
	var out []Difference
	if w.Kind == KindHTTP {
		return []Difference{{What: "kind", Want: "a REST call " + w.Method + " " + w.Route, Got: "GraphQL field " + c.Field}}
	}
	if w.Field != c.Field {
		out = append(out, Difference{What: "field", Want: strconv.Quote(w.Field), Got: strconv.Quote(c.Field)})
	}
	if w.Operation != "" && !strings.EqualFold(w.Operation, c.Operation) {
		out = append(out, Difference{What: "operation", Want: w.Operation, Got: orNone(c.Operation)})
	}
	if w.Endpoint != "" && strings.Trim(w.Endpoint, "/") != strings.Trim(c.Endpoint, "/") {
		out = append(out, Difference{What: "endpoint", Want: w.Endpoint, Got: orNone(c.Endpoint)})
	}
	if w.OperationName != nil && !w.OperationName.matchString(c.OperationName, c.OperationName != "") {
		out = append(out, Difference{What: "operationName", Want: w.OperationName.String(), Got: describeString(c.OperationName, c.OperationName != "")})
	}
	for i := range w.Variables {
		pm := &w.Variables[i]
		v, ok := Lookup(c.Variables, pm.Path)
		if !pm.Matcher.Match(v, ok) {
			out = append(out, Difference{What: "variable", Name: pm.Path, Want: pm.Matcher.String(), Got: describeValue(v, ok)})
		}
	}
	return append(out, explainHeaders(w.Headers, c.Header)...)
}

// ExplainHTTP lists the conditions of w that c does not meet (none: it matches).
func (w *When) ExplainHTTP(c *HTTPCall) []Difference {
	if w.Kind != KindHTTP {
		return []Difference{{What: "kind", Want: "GraphQL field " + w.Field, Got: "a REST call " + c.Method + " " + c.Path}}
	}
	var out []Difference
	if !methodMatches(w.Method, c.Method) {
		out = append(out, Difference{What: "method", Want: w.Method, Got: c.Method})
	}
	if !RouteMatches(w.Route, c.Path) {
		out = append(out, Difference{What: "route", Want: w.Route, Got: c.Path})
	}
	for i := range w.Path {
		pm := &w.Path[i]
		v, ok := RouteParam(w.Route, c.Path, pm.Path)
		if !pm.Matcher.matchString(v, ok) {
			out = append(out, Difference{What: "path", Name: pm.Path, Want: pm.Matcher.String(), Got: describeString(v, ok)})
		}
	}
	for i := range w.Query {
		pm := &w.Query[i]
		vs, ok := c.Query[pm.Path]
		if !matchFirst(pm.Matcher, vs, ok) {
			out = append(out, Difference{What: "query", Name: pm.Path, Want: pm.Matcher.String(), Got: describeFirst(vs, ok)})
		}
	}
	for i := range w.Body {
		pm := &w.Body[i]
		v, ok := Lookup(c.Body, pm.Path)
		if !pm.Matcher.Match(v, ok) {
			out = append(out, Difference{What: "body", Name: pm.Path, Want: pm.Matcher.String(), Got: describeValue(v, ok)})
		}
	}
	return append(out, explainHeaders(w.Headers, c.Header)...)
}

func explainHeaders(pms []PathMatch, h map[string][]string) []Difference {
	var out []Difference
	for i := range pms {
		pm := &pms[i]
		if matchHeaders(pms[i:i+1], h) {
			continue
		}
		vs, ok := h[pm.Path]
		if !ok {
			for k, kv := range h {
				if strings.EqualFold(k, pm.Path) {
					vs, ok = kv, true
					break
				}
			}
		}
		out = append(out, Difference{What: "header", Name: pm.Path, Want: pm.Matcher.String(), Got: describeFirst(vs, ok)})
	}
	return out
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

func describeString(s string, present bool) string {
	if !present {
		return "nothing"
	}
	return strconv.Quote(s)
}

func describeFirst(vs []string, present bool) string {
	if !present {
		return "nothing"
	}
	if len(vs) == 0 {
		return "an empty value"
	}
	return strconv.Quote(vs[0])
}

func describeValue(v any, present bool) string {
	if !present {
		return "nothing"
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	if len(b) > 120 {
		return string(b[:117]) + "..."
	}
	return string(b)
}

// String describes the matcher as a scenario file would write it.
func (m *Matcher) String() string {
	if m == nil {
		return "any value"
	}
	switch m.Op {
	case OpEqual:
		return "equals " + describeValue(m.Value, true)
	case OpRegex:
		if m.Regexp == nil {
			return "regex (none)"
		}
		return "regex " + strconv.Quote(m.Regexp.String())
	case OpSHA256:
		return "sha256 " + describeValue(m.Value, true)
	case OpExists:
		return "exists"
	case OpAbsent:
		return "absent"
	case OpOneOf:
		return "oneOf " + describeValue(m.Values, true)
	case OpGT:
		return "gt " + strconv.FormatFloat(m.Number, 'g', -1, 64)
	case OpGTE:
		return "gte " + strconv.FormatFloat(m.Number, 'g', -1, 64)
	case OpLT:
		return "lt " + strconv.FormatFloat(m.Number, 'g', -1, 64)
	case OpLTE:
		return "lte " + strconv.FormatFloat(m.Number, 'g', -1, 64)
	case OpNot:
		if len(m.Sub) == 0 {
			return "not (nothing)"
		}
		return "not " + m.Sub[0].String()
	case OpAll:
		parts := make([]string, len(m.Sub))
		for i, s := range m.Sub {
			parts[i] = s.String()
		}
		return strings.Join(parts, " and ")
	}
	return "an unknown matcher"
}
