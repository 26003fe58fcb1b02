package rules

import (
	"fmt"
	"slices"
	"strings"
)

// maxRouteParams bounds the {param} segments of one route.
const maxRouteParams = 16

// Index finds the rules that may answer a call by the call's key: a GraphQL root field
// name, or a REST method and route. It is immutable and safe for concurrent use.
type Index struct {
	scenarios []*Scenario
	byName    map[string]*Scenario
	rules     []*Rule
	maxOrder  int
	graphql   map[string]*fieldRules
	routes    *routeNode
	sizes     map[string]int // while building: each field's count of rules
}

// fieldRules are the rules of one GraphQL root field. A rule whose variables include an
// equality on a scalar (input.accountNumber: A-…) is found through byValue under the
// first such path, so that thousands of rules differing only by that value cost one map
// lookup; the others are in rest. Every list is in priority, then load order.
type fieldRules struct {
	all     []*Rule // every rule of the field, in priority then load order
	rest    []*Rule
	paths   []string
	byValue map[string]map[valueKeyT][]*Rule // path → value key → rules
	// size is how many rules the field has, to size its first value map.
	size int
	// keys is room for a rule's value keys; lists holds the one-rule lists byValue
	// starts with, many to an allocation.
	keys  []valueKeyT
	lists []*Rule
}

// valueKeyT is a scalar as the value index keys it; values Equal treats as equal share
// a key (5 and 5.0 are both the number 5).
type valueKeyT struct {
	kind byte // 'n' number, 's' string, 'b' boolean
	s    string
	f    float64
}

func (fr *fieldRules) add(r *Rule) {
	fr.all = append(fr.all, r)
	path, keys := equalityKeys(r.When.Variables, fr.keys[:0])
	fr.keys = keys
	if len(keys) == 0 {
		fr.rest = append(fr.rest, r)
		return
	}
	if fr.byValue == nil {
		fr.byValue = map[string]map[valueKeyT][]*Rule{}
	}
	vals := fr.byValue[path]
	if vals == nil {
		vals = make(map[valueKeyT][]*Rule, fr.size)
		fr.size = 0 // a later path: no telling
		fr.byValue[path] = vals
		fr.paths = append(fr.paths, path)
	}
	for _, k := range keys {
		if rs := vals[k]; rs != nil {
			vals[k] = append(rs, r)
			continue
		}
		if len(fr.lists) == cap(fr.lists) {
			fr.lists = make([]*Rule, 0, 1024)
		}
		fr.lists = append(fr.lists, r)
		n := len(fr.lists)
		vals[k] = fr.lists[n-1 : n : n]
	}
}

func (fr *fieldRules) sort(cmp func(a, b *Rule) int) {
	sortStable(fr.all, cmp)
	sortStable(fr.rest, cmp)
	for _, vals := range fr.byValue {
		for _, rs := range vals {
			sortStable(rs, cmp)
		}
	}
}

// sortStable sorts rs stably, skipping the sort when they are in order already, as
// rules of one priority come in load order.
func sortStable(rs []*Rule, cmp func(a, b *Rule) int) {
	if !slices.IsSortedFunc(rs, cmp) {
		slices.SortStableFunc(rs, cmp)
	}
}

// equalityKeys finds the first variable condition that only scalars equal to given
// values pass (equal, or one of), and the keys of those values, in keys' memory.
func equalityKeys(pms []PathMatch, keys []valueKeyT) (string, []valueKeyT) {
	for _, pm := range pms {
		m := pm.Matcher
		if m == nil {
			continue
		}
		var vals []any
		switch m.Op {
		case OpEqual:
			vals = []any{m.Value}
		case OpOneOf:
			vals = m.Values
		default:
			continue
		}
		keys = keys[:0]
		for _, v := range vals {
			k, ok := valueKey(v)
			if !ok {
				keys = keys[:0]
				break
			}
			if !slices.Contains(keys, k) {
				keys = append(keys, k)
			}
		}
		if len(keys) > 0 {
			return pm.Path, keys
		}
	}
	return "", keys[:0]
}

// valueKey is the index key of a scalar; maps, lists and null have none.
func valueKey(v any) (valueKeyT, bool) {
	if n, _, ok := number(v); ok {
		return valueKeyT{kind: 'n', f: n.f}, true
	}
	switch x := v.(type) {
	case string:
		return valueKeyT{kind: 's', s: x}, true
	case bool:
		if x {
			return valueKeyT{kind: 'b', f: 1}, true
		}
		return valueKeyT{kind: 'b'}, true
	}
	return valueKeyT{}, false
}

// Active reports whether a scenario is active for a call, and its layer: 0 named by
// the request, 1 chosen for the session, 2 global.
type Active func(scenario string) (layer int, ok bool)

// GraphQLCall is what the index sees of one GraphQL root field call.
type GraphQLCall struct {
	Endpoint, Operation, OperationName, Field string
	Variables                                 map[string]any
	Header                                    map[string][]string
}

// HTTPCall is what the index sees of one REST request.
type HTTPCall struct {
	Method, Path string
	Query        map[string][]string
	Header       map[string][]string
	Body         any
}

// Match is the rule chosen for a call, the answer it gives, the call's 1-based number
// for that rule, and the route's {param} values (and "*" for a wildcard's rest).
type Match struct {
	Rule   *Rule
	Answer *Answer
	Call   int
	Params map[string]string
}

// routeNode is one segment of the REST route trie.
type routeNode struct {
	lit   map[string]*routeNode
	param *routeNode
	here  []*routeEntry // routes ending at this node
	wild  []*routeEntry // routes ending in "*" at this node
}

// routeEntry is one rule under a route.
type routeEntry struct {
	rule   *Rule
	method string // upper case; "" matches any method
	params []string
}

// NewIndex indexes the scenarios' rules. It fills each rule's Scenario, and its Order
// (1-based, in load order) and ID when they are zero.
func NewIndex(scenarios []*Scenario) (*Index, error) {
	return build(scenarios, 0)
}

func build(scenarios []*Scenario, order int) (*Index, error) {
	ix := &Index{
		byName:  make(map[string]*Scenario, len(scenarios)),
		graphql: map[string]*fieldRules{},
		routes:  &routeNode{},
	}
	for i, s := range scenarios {
		if s == nil {
			return nil, fmt.Errorf("scenario %d is nil", i+1)
		}
		if s.Name == "" {
			return nil, fmt.Errorf("%s: scenario has no name", s.Pos)
		}
		if prev, dup := ix.byName[s.Name]; dup {
			return nil, fmt.Errorf("%s: duplicate scenario name %q (first at %s)", s.Pos, s.Name, prev.Pos)
		}
		ix.byName[s.Name] = s
		ix.scenarios = append(ix.scenarios, s)
		for _, r := range s.Rules {
			if r != nil && r.Order > order {
				order = r.Order
			}
		}
	}
	// Each field's rules are counted first, so that its value map is made to size
	// rather than grown through copies.
	sizes := map[string]int{}
	for _, s := range ix.scenarios {
		for _, r := range s.Rules {
			if r != nil && r.When.Field != "" {
				sizes[r.When.Field]++
			}
		}
	}
	ix.sizes = sizes
	for _, s := range ix.scenarios {
		for j, r := range s.Rules {
			if r == nil {
				return nil, fmt.Errorf("%s: scenario %q: rule %d is nil", s.Pos, s.Name, j+1)
			}
			if r.Scenario == "" {
				r.Scenario = s.Name
			}
			if r.ID == "" {
				r.ID = fmt.Sprintf("%s#%d", s.Name, j+1)
			}
			if r.Order == 0 {
				order++
				r.Order = order
			}
			if err := ix.add(r); err != nil {
				return nil, err
			}
			if err := checkMatchers(r); err != nil {
				return nil, err
			}
			ix.rules = append(ix.rules, r)
		}
	}
	ix.maxOrder = order
	ix.sizes = nil
	byPriority := func(a, b *Rule) int {
		if a.Priority != b.Priority {
			return b.Priority - a.Priority
		}
		return a.Order - b.Order
	}
	for _, fr := range ix.graphql {
		fr.sort(byPriority)
	}
	ix.routes.sort(func(a, b *routeEntry) int { return byPriority(a.rule, b.rule) })
	return ix, nil
}

// add indexes one rule under its key.
func (ix *Index) add(r *Rule) error {
	kind := r.When.Kind
	if kind == 0 {
		switch {
		case r.When.Field != "":
			kind = KindGraphQL
		case r.When.Route != "":
			kind = KindHTTP
		}
	}
	switch kind {
	case KindGraphQL:
		if r.When.Field == "" {
			return fmt.Errorf("%s: rule %s: no GraphQL field", r.Pos, r.ID)
		}
		fr := ix.graphql[r.When.Field]
		if fr == nil {
			fr = &fieldRules{size: ix.sizes[r.When.Field]}
			ix.graphql[r.When.Field] = fr
		}
		fr.add(r)
		return nil
	case KindHTTP:
		return ix.routes.insert(r)
	}
	return fmt.Errorf("%s: rule %s: matches neither a GraphQL field nor an HTTP route", r.Pos, r.ID)
}

// insert adds r under its route.
func (n *routeNode) insert(r *Rule) error {
	route := r.When.Route
	if !strings.HasPrefix(route, "/") {
		return fmt.Errorf("%s: rule %s: route %q does not start with /", r.Pos, r.ID, route)
	}
	e := &routeEntry{rule: r, method: strings.ToUpper(strings.TrimSpace(r.When.Method))}
	if e.method == "*" {
		e.method = ""
	}
	segs := splitPath(route)
	for i, seg := range segs {
		switch {
		case seg == "*":
			if i != len(segs)-1 {
				return fmt.Errorf("%s: rule %s: route %q: * must be the last segment", r.Pos, r.ID, route)
			}
			n.wild = append(n.wild, e)
			return nil
		case strings.HasPrefix(seg, "{") && strings.HasSuffix(seg, "}"):
			name := seg[1 : len(seg)-1]
			if name == "" || strings.ContainsAny(name, "{}") {
				return fmt.Errorf("%s: rule %s: route %q: bad parameter segment %q", r.Pos, r.ID, route, seg)
			}
			if slices.Contains(e.params, name) {
				return fmt.Errorf("%s: rule %s: route %q: parameter {%s} appears twice", r.Pos, r.ID, route, name)
			}
			if len(e.params) == maxRouteParams {
				return fmt.Errorf("%s: rule %s: route %q: more than %d parameters", r.Pos, r.ID, route, maxRouteParams)
			}
			e.params = append(e.params, name)
			if n.param == nil {
				n.param = &routeNode{}
			}
			n = n.param
		default:
			if strings.ContainsAny(seg, "{}") {
				return fmt.Errorf("%s: rule %s: route %q: segment %q mixes text and a parameter", r.Pos, r.ID, route, seg)
			}
			if n.lit == nil {
				n.lit = map[string]*routeNode{}
			}
			c := n.lit[seg]
			if c == nil {
				c = &routeNode{}
				n.lit[seg] = c
			}
			n = c
		}
	}
	n.here = append(n.here, e)
	return nil
}

func (n *routeNode) sort(cmp func(a, b *routeEntry) int) {
	slices.SortStableFunc(n.here, cmp)
	slices.SortStableFunc(n.wild, cmp)
	for _, c := range n.lit {
		c.sort(cmp)
	}
	if n.param != nil {
		n.param.sort(cmp)
	}
}

// splitPath splits a path into segments, ignoring leading and trailing slashes.
// RouteParam is the value path gives route's {name} segment; false when route has no
// such segment or path does not reach it.
func RouteParam(route, path, name string) (string, bool) {
	rs, ps := splitPath(route), splitPath(path)
	for i, seg := range rs {
		if i < len(ps) && len(seg) == len(name)+2 && seg[0] == '{' && seg[len(seg)-1] == '}' && seg[1:len(seg)-1] == name {
			return ps[i], true
		}
	}
	return "", false
}

func splitPath(p string) []string {
	p = strings.Trim(p, "/")
	if p == "" {
		return nil
	}
	return strings.Split(p, "/")
}

// routeMatch is one route that matches a path, with its parameter values.
type routeMatch struct {
	entries []*routeEntry
	vals    [maxRouteParams]string
	n       int
	rest    string // what a wildcard matched
	wild    bool
}

// maxRouteMatches bounds how many routes one path may match (literal, parameter and
// wildcard alternatives at each level), in order of specificity.
const maxRouteMatches = 8

type routeMatches struct {
	m [maxRouteMatches]routeMatch
	n int
}

// find collects the routes matching path (without its leading slash), most specific
// first: at each segment a literal beats a parameter, which beats a wildcard.
func (n *routeNode) find(path string, vals *[maxRouteParams]string, nv int, out *routeMatches) {
	if out.n == maxRouteMatches {
		return
	}
	if path == "" {
		if len(n.here) > 0 {
			out.add(n.here, vals, nv, "", false)
		}
		if len(n.wild) > 0 {
			out.add(n.wild, vals, nv, "", true)
		}
		return
	}
	seg, rest := path, ""
	if i := strings.IndexByte(path, '/'); i >= 0 {
		seg, rest = path[:i], path[i+1:]
	}
	if c := n.lit[seg]; c != nil {
		c.find(rest, vals, nv, out)
	}
	if n.param != nil && seg != "" && nv < maxRouteParams {
		vals[nv] = seg
		n.param.find(rest, vals, nv+1, out)
	}
	if len(n.wild) > 0 && out.n < maxRouteMatches {
		out.add(n.wild, vals, nv, path, true)
	}
}

func (o *routeMatches) add(entries []*routeEntry, vals *[maxRouteParams]string, nv int, rest string, wild bool) {
	if o.n == maxRouteMatches {
		return
	}
	m := &o.m[o.n]
	m.entries, m.n, m.rest, m.wild = entries, nv, rest, wild
	copy(m.vals[:nv], vals[:nv])
	o.n++
}

// Scenario returns the named scenario, or nil.
func (ix *Index) Scenario(name string) *Scenario {
	if ix == nil {
		return nil
	}
	return ix.byName[name]
}

// Scenarios returns the scenarios in load order.
func (ix *Index) Scenarios() []*Scenario {
	if ix == nil {
		return nil
	}
	return slices.Clone(ix.scenarios)
}

// Rules returns every rule in load order.
func (ix *Index) Rules() []*Rule {
	if ix == nil {
		return nil
	}
	return slices.Clone(ix.rules)
}

// With returns a new index holding ix's scenarios and extra ones; an extra scenario
// replaces an indexed one of the same name, in its place. ix is not changed.
func (ix *Index) With(extra ...*Scenario) (*Index, error) {
	var all []*Scenario
	order := 0
	if ix != nil {
		all = slices.Clone(ix.scenarios)
		order = ix.maxOrder
	}
	seen := map[string]bool{}
	for i, s := range extra {
		if s == nil {
			return nil, fmt.Errorf("scenario %d is nil", i+1)
		}
		if seen[s.Name] {
			return nil, fmt.Errorf("%s: duplicate scenario name %q", s.Pos, s.Name)
		}
		seen[s.Name] = true
		if j := slices.IndexFunc(all, func(o *Scenario) bool { return o.Name == s.Name }); j >= 0 {
			all[j] = s
		} else {
			all = append(all, s)
		}
	}
	return build(all, order)
}

// candidate is a rule that matches a call, with what orders it.
type candidate struct {
	rule  *Rule
	rank  int // route specificity: 0 most specific
	layer int
	match int // index into the route matches
}

// less orders candidates: priority desc, route specificity, layer, then load order.
func (a *candidate) less(b *candidate) bool {
	if a.rule.Priority != b.rule.Priority {
		return a.rule.Priority > b.rule.Priority
	}
	if a.rank != b.rank {
		return a.rank < b.rank
	}
	if a.layer != b.layer {
		return a.layer < b.layer
	}
	return a.rule.Order < b.rule.Order
}

// insert adds c to list, keeping it sorted; list usually lives in a caller's stack
// array.
func insert(list []candidate, c candidate) []candidate {
	list = append(list, c)
	for i := len(list) - 1; i > 0 && list[i].less(&list[i-1]); i-- {
		list[i], list[i-1] = list[i-1], list[i]
	}
	return list
}

// next counts a call to the first candidate whose sequence is not spent.
func next(list []candidate, counters *Counters) (int, *Answer, int) {
	for i := range list {
		r := list[i].rule
		if counters == nil {
			if a, ok := answerAt(r, 0); ok {
				return i, a, 1
			}
			continue
		}
		if a, call, ok := counters.Next(r); ok {
			return i, a, call
		}
	}
	return -1, nil, 0
}

// SelectGraphQL chooses the rule that answers a GraphQL root field call, counting
// the call; nil when no active rule matches or every matching sequence is spent.
func (ix *Index) SelectGraphQL(c *GraphQLCall, active Active, counters *Counters) *Match {
	if ix == nil || c == nil {
		return nil
	}
	fr := ix.graphql[c.Field]
	if fr == nil {
		return nil
	}
	var buf [16]candidate
	list := buf[:0]
	consider := func(rules []*Rule) {
		for _, r := range rules {
			layer, ok := isActive(active, r.Scenario)
			if !ok || !matchGraphQL(&r.When, c) {
				continue
			}
			list = insert(list, candidate{rule: r, layer: layer})
		}
	}
	consider(fr.rest)
	for _, p := range fr.paths {
		v, ok := Lookup(c.Variables, p)
		if !ok {
			continue
		}
		if k, ok := valueKey(v); ok {
			consider(fr.byValue[p][k])
		}
	}
	i, a, call := next(list, counters)
	if i < 0 {
		return nil
	}
	return &Match{Rule: list[i].rule, Answer: a, Call: call}
}

// SelectHTTP chooses the rule that answers a REST request, counting the call; nil
// when no active rule matches or every matching sequence is spent.
func (ix *Index) SelectHTTP(c *HTTPCall, active Active, counters *Counters) *Match {
	if ix == nil || c == nil {
		return nil
	}
	var ms routeMatches
	var vals [maxRouteParams]string
	ix.routes.find(strings.Trim(c.Path, "/"), &vals, 0, &ms)
	if ms.n == 0 {
		return nil
	}
	var buf [16]candidate
	list := buf[:0]
	for i := 0; i < ms.n; i++ {
		for _, e := range ms.m[i].entries {
			if e.method != "" && !strings.EqualFold(e.method, c.Method) {
				continue
			}
			layer, ok := isActive(active, e.rule.Scenario)
			if !ok || !matchHTTP(&e.rule.When, c) {
				continue
			}
			list = insert(list, candidate{rule: e.rule, rank: i, layer: layer, match: i})
		}
	}
	bi, a, call := next(list, counters)
	if bi < 0 {
		return nil
	}
	best := &list[bi]
	m := &Match{Rule: best.rule, Answer: a, Call: call}
	rm := &ms.m[best.match]
	var names []string
	for _, e := range rm.entries {
		if e.rule == best.rule {
			names = e.params
			break
		}
	}
	if len(names) > 0 || rm.wild {
		m.Params = make(map[string]string, len(names)+1)
		for i, name := range names {
			if i < rm.n {
				m.Params[name] = rm.vals[i]
			}
		}
		if rm.wild {
			m.Params["*"] = rm.rest
		}
	}
	return m
}

func isActive(active Active, scenario string) (int, bool) {
	if active == nil {
		return 0, true
	}
	return active(scenario)
}

// matchGraphQL reports whether every condition of w holds for c.
func matchGraphQL(w *When, c *GraphQLCall) bool {
	if w.Operation != "" && !strings.EqualFold(w.Operation, c.Operation) {
		return false
	}
	if w.Endpoint != "" && strings.Trim(w.Endpoint, "/") != strings.Trim(c.Endpoint, "/") {
		return false
	}
	if w.OperationName != nil && !w.OperationName.matchString(c.OperationName, c.OperationName != "") {
		return false
	}
	for i := range w.Variables {
		pm := &w.Variables[i]
		v, ok := Lookup(c.Variables, pm.Path)
		if !pm.Matcher.Match(v, ok) {
			return false
		}
	}
	return matchHeaders(w.Headers, c.Header)
}

// matchHTTP reports whether every condition of w holds for c (method and route are
// the index's business).
func matchHTTP(w *When, c *HTTPCall) bool {
	for i := range w.Path {
		pm := &w.Path[i]
		v, ok := RouteParam(w.Route, c.Path, pm.Path)
		if !pm.Matcher.matchString(v, ok) {
			return false
		}
	}
	for i := range w.Query {
		pm := &w.Query[i]
		vs, ok := c.Query[pm.Path]
		if !matchFirst(pm.Matcher, vs, ok) {
			return false
		}
	}
	for i := range w.Body {
		pm := &w.Body[i]
		v, ok := Lookup(c.Body, pm.Path)
		if !pm.Matcher.Match(v, ok) {
			return false
		}
	}
	return matchHeaders(w.Headers, c.Header)
}

// matchHeaders matches header conditions against the first value of each header,
// names compared case-insensitively.
func matchHeaders(pms []PathMatch, h map[string][]string) bool {
	for i := range pms {
		pm := &pms[i]
		vs, ok := h[pm.Path]
		if !ok {
			for k, kv := range h {
				if strings.EqualFold(k, pm.Path) {
					vs, ok = kv, true
					break
				}
			}
		}
		if !matchFirst(pm.Matcher, vs, ok) {
			return false
		}
	}
	return true
}

// matchFirst matches the first of a header's or query parameter's values; a name
// given without values is present with a null value.
func matchFirst(m *Matcher, vs []string, present bool) bool {
	if len(vs) == 0 {
		return m.Match(nil, present)
	}
	return m.matchString(vs[0], present)
}
