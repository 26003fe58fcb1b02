// Package scenarios parses scenario files (YAML) into the simulator's rules, keeping
// file:line:col for every value, lints them against the contract (the SDLs, the
// catalog of documented errors, the error registry and the REST routes), and ships a
// curated pack of scenarios embedded in the binary.
package scenarios

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"iter"
	"math"
	"slices"
	"strconv"
	"strings"
	"unsafe"

	"go.yaml.in/yaml/v3"

	"github.com/krakensim/krakensim/internal/lazyre"
	"github.com/krakensim/krakensim/internal/nearest"
	"github.com/krakensim/krakensim/sim/ratelimit"
	"github.com/krakensim/krakensim/sim/rules"
)

// The keys each part of a scenario file accepts. scenario.schema.json lists the same
// keys; a test keeps the two in sync.
var (
	scenarioKeys        = []string{"name", "description", "tags", "rateLimit", "rules"}
	ruleKeys            = []string{"id", "priority", "when", "then", "cycle"}
	whenKeys            = []string{"field", "operation", "operationName", "endpoint", "variables", "headers", "http", "path", "query", "body"}
	answerKeys          = []string{"data", "error", "errors", "status", "body", "rawBody", "headers", "delay", "fault", "processed", "times"}
	errorKeys           = []string{"code", "message", "description", "type", "path", "validationErrors", "errorClass", "extensions"}
	validationErrorKeys = []string{"message", "inputPath"}
	delayKeys           = []string{"min", "max"}
	matcherKeys         = []string{"equals", "regex", "exists", "absent", "oneOf", "gt", "gte", "lt", "lte", "not", "sha256"}
)

// Values some keys accept.
var (
	operations = []string{"query", "mutation"}
	endpoints  = []string{"/v1/graphql/", "/graphql/"}
	methods    = []string{"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"}
	faults     = []string{string(rules.FaultReset), string(rules.FaultHang), string(rules.FaultMalformed), string(rules.FaultEmpty)}
	errorTypes = []string{"VALIDATION", "NOT_FOUND", "APPLICATION", "AUTHORIZATION", "SERVICE_AVAILABILITY"}
)

var (
	namePattern  = lazyre.New(`^[A-Za-z0-9][A-Za-z0-9._-]*$`)
	headerName   = lazyre.New("^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")
	routeSegment = lazyre.New(`^(?:\{[A-Za-z_][A-Za-z0-9_]*\}|[A-Za-z0-9._~!$&'()*+,;=:@%-]*)$`)
)

// unlimited is the value of `times` that serves every call from then on.
const unlimited = "unlimited"

// Parse reads the scenarios of one file: each YAML document in it is one scenario.
// Problems are returned as Problems, each naming filename:line:col; Parse never panics.
// The scenarios keep a copy of src for Lint to place problems inside answers' data.
func Parse(filename string, src []byte) ([]*rules.Scenario, error) {
	return ParseText(filename, string(src))
}

// ParseText is Parse for a file's text already held as a string, which the scenarios
// share rather than copy: what a loader that reads many large files wants.
func ParseText(filename, text string) ([]*rules.Scenario, error) {
	scs, probs := parseKnown(filename, text, false)
	if probs.HasErrors() {
		return nil, probs
	}
	return scs, nil
}

// Names returns the names the scenarios of a file give themselves (each document's
// name, when it is a plain text of the form scenario names take), in order, without
// reading the rest: what an uploaded file is called before it is read.
func Names(src []byte) []string {
	var names []string
	r := &reader{file: "names", src: src, probs: &problems{}}
	for root := range documentRoots(string(src), src, r) {
		if root.Kind != yaml.MappingNode {
			continue
		}
		for i := 0; i+1 < len(root.Content); i += 2 {
			k, v := root.Content[i], root.Content[i+1]
			if k.Kind == yaml.ScalarNode && k.Value == "name" && v.Kind == yaml.ScalarNode && namePattern().MatchString(v.Value) {
				names = append(names, v.Value)
				break
			}
		}
	}
	return names
}

func parse(filename string, src []byte) (scs []*rules.Scenario, out Problems) {
	return parseKnown(filename, string(src), false)
}

// parseKnown is parse; known says the file is known good (shipped and tested), so that
// its templates are compiled on first use rather than checked now.
func parseKnown(filename, text string, known bool) (scs []*rules.Scenario, out Problems) {
	var probs problems
	// The reader and both YAML parsers only read src, so it may share text's bytes.
	src := unsafe.Slice(unsafe.StringData(text), len(text))
	r := &reader{file: filename, src: src, probs: &probs, source: &fileSource{name: filename, src: text}, known: known}
	// Without "{{" or a backslash (an escape or a joined line could make one), no
	// string of the file holds a template, and answers need no walk for them.
	r.plain = !bytes.Contains(src, []byte("{{")) && bytes.IndexByte(src, '\\') < 0
	// An alias is written *name: without a '*', the file has none to count.
	aliases := bytes.IndexByte(src, '*') >= 0
	order := 0
	for root := range documentRoots(text, src, r) {
		if root.Kind == yaml.ScalarNode && isNull(root) {
			continue
		}
		r.nodes, r.maxVisits = 0, math.MaxInt // without aliases, reading ends with the document
		if aliases {
			added, own, first := aliasExpansion(root, maxAliasNodes)
			if added > maxAliasNodes {
				r.errorf(first, "aliases expand the document by more than %d nodes (the limit; the document itself has %d)", maxAliasNodes, own)
				continue
			}
			r.maxVisits = 2*(own+added) + 16
		}
		if sc := r.scenario(root); sc != nil {
			for _, rule := range sc.Rules {
				order++ // from 1: the index takes Order 0 for unset, and puts it last
				rule.Order = order
			}
			scs = append(scs, sc)
		}
	}
	return scs, dedupe(probs.list)
}

// documentRoots yields the root node of each document of a file that has one, read
// by the fast parser when it takes the file and by yaml.v3 otherwise; a syntax error
// ends them, reported to r.
func documentRoots(text string, src []byte, r *reader) iter.Seq[*yaml.Node] {
	return func(yield func(*yaml.Node) bool) {
		if roots, release, ok := fastDocuments(text); ok {
			defer release()
			for _, root := range roots {
				if !yield(root) {
					return
				}
			}
			return
		}
		dec := yaml.NewDecoder(bytes.NewReader(src))
		for {
			var doc yaml.Node
			err := decode(dec, &doc)
			if errors.Is(err, io.EOF) {
				return
			}
			if err != nil {
				r.syntaxError(err)
				return
			}
			if len(doc.Content) > 0 && !yield(doc.Content[0]) {
				return
			}
		}
	}
}

// dedupe sorts ps and drops repeats of the same message at the same position (a node
// read twice, for its value and for its templates, reports its problem once).
func dedupe(ps Problems) Problems {
	ps.Sort()
	seen := map[string]bool{}
	out := ps[:0]
	for _, p := range ps {
		k := p.String()
		if !seen[k] {
			seen[k] = true
			out = append(out, p)
		}
	}
	return out
}

// decode runs the YAML decoder, turning a panic inside it into an error.
func decode(dec *yaml.Decoder, doc *yaml.Node) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("yaml: %v", p)
		}
	}()
	return dec.Decode(doc)
}

// rateLimit reads a scenario's rateLimit: off, kraken or a number of points an hour.
func (r *reader) rateLimit(n *yaml.Node) *ratelimit.Policy {
	n = r.resolve(n)
	if n == nil {
		return nil
	}
	if n.Kind != yaml.ScalarNode {
		r.errorf(n, "rateLimit: want off, kraken or a number of points an hour, got %s", describe(n))
		return nil
	}
	p, err := ratelimit.ParsePolicy(n.Value)
	if err != nil {
		r.errorf(n, "rateLimit: %q: want off, kraken or a number of points an hour", n.Value)
		return nil
	}
	return &p
}

// unknownKey reports a key the part does not accept, suggesting the closest one, which
// it returns.
func (r *reader) unknownKey(k *yaml.Node, part string, known []string) string {
	if s := nearest.Name(k.Value, known); s != "" {
		r.errorf(k, "unknown key %q in %s (did you mean %q?)", k.Value, part, s)
		return s
	}
	r.errorf(k, "unknown key %q in %s; want one of %s", k.Value, part, strings.Join(known, ", "))
	return ""
}

func (r *reader) scenario(n *yaml.Node) *rules.Scenario {
	n = r.resolve(n)
	if n == nil {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		r.errorf(n, "a scenario document must be a mapping with name and rules, got %s", describe(n))
		return nil
	}
	sc := &rules.Scenario{Pos: r.pos(n)}
	src := &scenarioSrc{file: r.source}
	r.sc = src
	defer func() { r.sc = nil }()
	var rulesNode *yaml.Node
	misspelt := map[string]bool{}
	hasRateLimit := false
	for _, p := range r.pairs(n) {
		switch p.key.Value {
		case "name":
			if s, ok := r.str(p.value, "name"); ok {
				src.name = lcOf(p.value)
				if !namePattern().MatchString(s) {
					r.errorf(p.value, "name %q: use letters, digits, '.', '_' and '-' only (names are listed in a comma-separated header)", s)
				}
				sc.Name = s
			}
		case "description":
			sc.Description, _ = r.str(p.value, "description")
		case "tags":
			sc.Tags = r.strings(p.value, "tags")
		case "rules":
			rulesNode = p.value
		case "rateLimit":
			sc.RateLimit = r.rateLimit(p.value)
			hasRateLimit = true // a scenario may hold only a rate limit
		default:
			misspelt[r.unknownKey(p.key, "scenario", scenarioKeys)] = true
		}
	}
	if sc.Name == "" && src.name.line == 0 && !misspelt["name"] {
		r.errorf(n, "the scenario has no name")
	}
	if rulesNode == nil {
		if !misspelt["rules"] && !hasRateLimit {
			r.errorf(n, "the scenario has no rules")
		}
		return sc
	}
	rulesNode = r.resolve(rulesNode)
	if rulesNode == nil {
		return sc
	}
	if rulesNode.Kind != yaml.SequenceNode || len(rulesNode.Content) == 0 {
		r.errorf(rulesNode, "rules: want a list of rules, got %s", describe(rulesNode))
		return sc
	}
	src.rules = make([]*ruleSrc, 0, len(rulesNode.Content))
	for i, rn := range rulesNode.Content {
		mark := len(r.pairBuf)
		if rule := r.rule(rn, sc.Name, i+1); rule != nil {
			sc.Rules = append(sc.Rules, rule)
		}
		r.pairBuf = r.pairBuf[:mark]
	}
	scenarioSources.put(sc, src)
	return sc
}

func (r *reader) strings(n *yaml.Node, what string) []string {
	if n = r.resolve(n); n == nil {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		r.errorf(n, "%s: want a list of strings, got %s", what, describe(n))
		return nil
	}
	var out []string
	for _, item := range n.Content {
		if s, ok := r.str(item, what); ok {
			out = append(out, s)
		}
	}
	return out
}

func (r *reader) rule(n *yaml.Node, scenario string, index int) *rules.Rule {
	n = r.resolve(n)
	if n == nil {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		r.errorf(n, "a rule must be a mapping with when and then, got %s", describe(n))
		return nil
	}
	// One allocation for the rule, its positions and room for one answer, which most
	// rules have.
	both := &struct {
		rule  rules.Rule
		src   ruleSrc
		then  [1]*rules.Answer
		asrcs [1]*answerSrc
	}{rule: rules.Rule{Pos: r.pos(n), Scenario: scenario, ID: scenario + "#" + strconv.Itoa(index)}, src: ruleSrc{id: lcOf(n)}}
	rule, src := &both.rule, &both.src
	src.rule = rule
	var whenNode, thenNode *yaml.Node
	var misspelt map[string]bool // what unknown keys seem meant to be
	for _, p := range r.pairs(n) {
		switch p.key.Value {
		case "id":
			if s, ok := r.str(p.value, "id"); ok {
				if !namePattern().MatchString(s) && !strings.Contains(s, "#") {
					r.errorf(p.value, "id %q: use letters, digits, '.', '_', '-' and '#' only", s)
				}
				rule.ID, src.id, src.explicitID = s, lcOf(p.value), true
			}
		case "priority":
			rule.Priority, _ = r.integer(p.value, "priority")
		case "when":
			whenNode = p.value
		case "then":
			thenNode = p.value
		case "cycle":
			rule.Cycle, _ = r.boolean(p.value, "cycle")
		default:
			if misspelt == nil {
				misspelt = map[string]bool{}
			}
			misspelt[r.unknownKey(p.key, "rule", ruleKeys)] = true
		}
	}
	if whenNode == nil {
		if !misspelt["when"] {
			r.errorf(n, "the rule has no when (what calls it matches)")
		}
		return nil
	}
	if !r.when(whenNode, &rule.When, src) {
		return nil
	}
	if thenNode == nil {
		if !misspelt["then"] {
			r.errorf(n, "the rule has no then (how it answers)")
		}
		return nil
	}
	rule.Then, src.answers = r.then(thenNode, rule, both.then[:0], both.asrcs[:0])
	if rule.Then == nil {
		return nil
	}
	if r.sc != nil {
		r.sc.rules = append(r.sc.rules, src)
	}
	return rule
}

// when fills w; it returns false when the rule's kind could not be told.
func (r *reader) when(n *yaml.Node, w *rules.When, src *ruleSrc) bool {
	ps, ok := r.mapping(n, "when")
	if !ok {
		return false
	}
	var fieldKey, httpKey *yaml.Node
	var graphqlOnly, restOnly []*yaml.Node // keys of the other kind of rule
	for _, p := range ps {
		switch p.key.Value {
		case "field":
			fieldKey = p.key
			if s, ok := r.str(p.value, "field"); ok {
				if !isGraphQLName(s) {
					r.errorf(p.value, "field %q is not a GraphQL field name", s)
				}
				w.Field, src.field = s, lcOf(p.value)
			}
		case "http":
			httpKey = p.key
			src.http = lcOf(p.value)
			w.Method, w.Route = r.httpRoute(p.value)
		case "operation":
			graphqlOnly = append(graphqlOnly, p.key)
			if s, ok := r.str(p.value, "operation"); ok {
				if !slices.Contains(operations, s) {
					r.errorf(p.value, "operation %q: want query or mutation%s", s, didYouMean(s, operations))
				}
				w.Operation, src.operation = s, lcOf(p.value)
			}
		case "operationName":
			graphqlOnly = append(graphqlOnly, p.key)
			w.OperationName = r.matcher(p.value, false)
		case "endpoint":
			graphqlOnly = append(graphqlOnly, p.key)
			if s, ok := r.str(p.value, "endpoint"); ok {
				if !slices.Contains(endpoints, s) {
					r.errorf(p.value, "endpoint %q: want /v1/graphql/ (the API site) or /graphql/ (the authentication server)", s)
				}
				w.Endpoint = s
			}
		case "variables":
			graphqlOnly = append(graphqlOnly, p.key)
			w.Variables = r.pathMatches(p.value, "variables", false)
		case "path":
			restOnly = append(restOnly, p.key)
			w.Path = r.nameMatches(p.value, "path", false)
		case "query":
			restOnly = append(restOnly, p.key)
			w.Query = r.nameMatches(p.value, "query", false)
		case "body":
			restOnly = append(restOnly, p.key)
			w.Body = r.pathMatches(p.value, "body", false)
		case "headers":
			w.Headers = r.nameMatches(p.value, "headers", true)
		default:
			r.unknownKey(p.key, "when", whenKeys)
		}
	}
	switch {
	case fieldKey != nil && httpKey != nil:
		second := httpKey
		if second.Line < fieldKey.Line || (second.Line == fieldKey.Line && second.Column < fieldKey.Column) {
			second = fieldKey
		}
		r.errorf(second, "a rule matches either a GraphQL field (field:) or a REST route (http:), not both")
		return false
	case fieldKey != nil:
		w.Kind = rules.KindGraphQL
		for _, k := range sortedNodes(restOnly) {
			r.errorf(k, "%s matches REST calls; a GraphQL rule (field:) matches variables, operationName, operation, endpoint and headers", k.Value)
		}
	case httpKey != nil:
		w.Kind = rules.KindHTTP
		for _, k := range sortedNodes(graphqlOnly) {
			r.errorf(k, "%s matches GraphQL calls; a REST rule (http:) matches path, query, body and headers", k.Value)
		}
	default:
		r.errorf(r.resolve(n), "when needs field: (a GraphQL root field) or http: (a REST method and route, such as \"POST /v1/data-import/notes/create/\")")
		return false
	}
	return true
}

func sortedNodes(nodes []*yaml.Node) []*yaml.Node {
	out := slices.Clone(nodes)
	slices.SortFunc(out, func(a, b *yaml.Node) int {
		if a.Line != b.Line {
			return a.Line - b.Line
		}
		return a.Column - b.Column
	})
	return out
}

var sha256Hex = lazyre.New(`^[0-9a-f]{64}$`)

// httpRoute reads "METHOD /path/{param}/".
func (r *reader) httpRoute(n *yaml.Node) (string, string) {
	s, ok := r.str(n, "http")
	if !ok {
		return "", ""
	}
	method, route, found := strings.Cut(strings.TrimSpace(s), " ")
	route = strings.TrimSpace(route)
	if !found || route == "" {
		r.errorf(n, "http %q: want a method and a route, such as \"POST /v1/data-import/notes/create/\"", s)
		return "", ""
	}
	if !slices.Contains(methods, method) {
		r.errorf(n, "http %q: %q is not an HTTP method; want one of %s%s", s, method, strings.Join(methods, ", "), didYouMean(strings.ToUpper(method), methods))
		return "", ""
	}
	if !strings.HasPrefix(route, "/") {
		r.errorf(n, "http %q: the route must start with /", s)
		return "", ""
	}
	for seg := range strings.SplitSeq(route[1:], "/") {
		if !routeSegment().MatchString(seg) {
			r.errorf(n, "http %q: bad route segment %q (a parameter is written {name})", s, seg)
			return "", ""
		}
	}
	return method, route
}

// pathMatches reads a mapping of dotted paths to matchers.
func (r *reader) pathMatches(n *yaml.Node, what string, asText bool) []rules.PathMatch {
	ps, ok := r.mapping(n, what)
	if !ok {
		return nil
	}
	var out []rules.PathMatch
	for _, p := range ps {
		path := p.key.Value
		if !isDottedPath(path) {
			r.errorf(p.key, "%s: %q is not a dotted path such as input.accountNumber", what, path)
			continue
		}
		if m := r.matcher(p.value, asText); m != nil {
			out = append(out, rules.PathMatch{Pos: r.pos(p.key), Path: path, Matcher: m})
		}
	}
	return out
}

// nameMatches reads a mapping of header or query parameter names to matchers; their
// values are compared as the text written.
func (r *reader) nameMatches(n *yaml.Node, what string, header bool) []rules.PathMatch {
	ps, ok := r.mapping(n, what)
	if !ok {
		return nil
	}
	var out []rules.PathMatch
	for _, p := range ps {
		name := p.key.Value
		if header && !headerName().MatchString(name) {
			r.errorf(p.key, "headers: %q is not a header name", name)
			continue
		}
		if name == "" {
			r.errorf(p.key, "%s: empty name", what)
			continue
		}
		if m := r.matcher(p.value, true); m != nil {
			out = append(out, rules.PathMatch{Pos: r.pos(p.key), Path: name, Matcher: m})
		}
	}
	return out
}

// matcher reads a matcher: a scalar or list is equality; a mapping holds operators.
// asText compares scalars as the text written (query parameters and headers).
func (r *reader) matcher(n *yaml.Node, asText bool) *rules.Matcher {
	n = r.resolve(n)
	if n == nil {
		return nil
	}
	pos := r.pos(n)
	switch n.Kind {
	case yaml.ScalarNode:
		if asText && !isNull(n) {
			return &rules.Matcher{Pos: pos, Op: rules.OpEqual, Value: n.Value}
		}
		v, ok := r.value(n)
		if !ok {
			return nil
		}
		return &rules.Matcher{Pos: pos, Op: rules.OpEqual, Value: v}
	case yaml.SequenceNode:
		v, ok := r.value(n)
		if !ok {
			return nil
		}
		return &rules.Matcher{Pos: pos, Op: rules.OpEqual, Value: v}
	case yaml.MappingNode:
	default:
		r.errorf(n, "want a matcher, got %s", describe(n))
		return nil
	}
	ps := r.pairs(n)
	if len(ps) == 0 {
		r.errorf(n, "empty matcher: want a value or one of %s", strings.Join(matcherKeys, ", "))
		return nil
	}
	var subs []*rules.Matcher
	for _, p := range ps {
		m := r.operator(p, asText)
		if m == nil {
			continue
		}
		subs = append(subs, m)
	}
	if len(subs) != len(ps) {
		return nil
	}
	if len(subs) == 1 {
		return subs[0]
	}
	return &rules.Matcher{Pos: pos, Op: rules.OpAll, Sub: subs}
}

func (r *reader) operator(p pair, asText bool) *rules.Matcher {
	m := &rules.Matcher{Pos: r.pos(p.key)}
	switch op := p.key.Value; op {
	case "equals":
		v := r.resolve(p.value)
		if v == nil {
			return nil
		}
		if asText && v.Kind == yaml.ScalarNode && !isNull(v) {
			m.Op, m.Value = rules.OpEqual, v.Value
			return m
		}
		val, ok := r.value(v)
		if !ok {
			return nil
		}
		m.Op, m.Value = rules.OpEqual, val
	case "regex":
		s, ok := r.text(p.value, "regex")
		if !ok {
			return nil
		}
		if err := m.SetRegex(s); err != nil {
			r.errorf(r.resolve(p.value), "regex: %v", err)
			return nil
		}
	case "sha256":
		s, ok := r.text(p.value, "sha256")
		if !ok {
			return nil
		}
		if !sha256Hex().MatchString(s) {
			r.errorf(r.resolve(p.value), "sha256: want the 64 hex digits of a SHA-256 (lower case), got %q", s)
			return nil
		}
		m.Op, m.Value = rules.OpSHA256, s
	case "exists", "absent":
		b, ok := r.boolean(p.value, op)
		if !ok {
			return nil
		}
		m.Op = rules.OpExists
		if b == (op == "absent") {
			m.Op = rules.OpAbsent
		}
	case "oneOf":
		v := r.resolve(p.value)
		if v == nil {
			return nil
		}
		if v.Kind != yaml.SequenceNode || len(v.Content) == 0 {
			r.errorf(v, "oneOf: want a list of values, got %s", describe(v))
			return nil
		}
		for _, item := range v.Content {
			item = r.resolve(item)
			if item == nil {
				return nil
			}
			if asText && item.Kind == yaml.ScalarNode && !isNull(item) {
				m.Values = append(m.Values, item.Value)
				continue
			}
			val, ok := r.value(item)
			if !ok {
				return nil
			}
			m.Values = append(m.Values, val)
		}
		m.Op = rules.OpOneOf
	case "gt", "gte", "lt", "lte":
		f, ok := r.number(p.value, op)
		if !ok {
			return nil
		}
		m.Op, m.Number = map[string]rules.Op{"gt": rules.OpGT, "gte": rules.OpGTE, "lt": rules.OpLT, "lte": rules.OpLTE}[op], f
	case "not":
		sub := r.matcher(p.value, asText)
		if sub == nil {
			return nil
		}
		m.Op, m.Sub = rules.OpNot, []*rules.Matcher{sub}
	default:
		hint := ""
		if s := nearest.Name(op, matcherKeys); s != "" {
			hint = fmt.Sprintf(" (did you mean %q?)", s)
		} else {
			hint = fmt.Sprintf("; want %s (to match a nested value, write its dotted path as the key, such as input.%s)", strings.Join(matcherKeys, ", "), op)
		}
		r.errorf(p.key, "unknown matcher operator %q%s", op, hint)
		return nil
	}
	return m
}

// then reads one answer or a list of answers and fills in the default times; srcs
// are where each answer was written. Both are appended to the slices given.
func (r *reader) then(n *yaml.Node, rule *rules.Rule, out []*rules.Answer, srcs []*answerSrc) ([]*rules.Answer, []*answerSrc) {
	n = r.resolve(n)
	if n == nil {
		return nil, nil
	}
	var items []*yaml.Node
	switch n.Kind {
	case yaml.MappingNode:
		items = []*yaml.Node{n}
	case yaml.SequenceNode:
		if len(n.Content) == 0 {
			r.errorf(n, "then: want at least one answer")
			return nil, nil
		}
		items = n.Content
	default:
		r.errorf(n, "then: want an answer (a mapping such as {error: KT-CT-3942} or {status: 500}) or a list of answers, got %s", describe(n))
		return nil, nil
	}
	ok := true
	for i, item := range items {
		a, src, explicit := r.answer(item, rule)
		if a == nil {
			ok = false
			continue
		}
		if !explicit {
			// Unwritten times: 1 call, except the last answer of a sequence that does
			// not cycle, which serves every call from then on.
			a.Times = 1
			if i == len(items)-1 && !rule.Cycle {
				a.Times = 0
			}
		}
		out = append(out, a)
		srcs = append(srcs, src)
	}
	if !ok {
		return nil, nil
	}
	return out, srcs
}

// answer reads one answer of rule and where its parts were written; explicit reports
// whether it gave times.
func (r *reader) answer(n *yaml.Node, rule *rules.Rule) (*rules.Answer, *answerSrc, bool) {
	kind := rule.When.Kind
	ps, ok := r.mapping(n, "answer")
	if !ok {
		return nil, nil, false
	}
	both := &struct {
		answer rules.Answer
		src    answerSrc
	}{answer: rules.Answer{Pos: r.pos(r.resolve(n))}}
	a, src := &both.answer, &both.src
	src.answer = a
	explicit := false
	var errorKey, bodyKey, processedKey *yaml.Node
	before := len(r.probs.list)
	for _, p := range ps {
		k := p.key.Value
		if kind == rules.KindHTTP && (k == "data" || k == "error" || k == "errors") {
			r.errorf(p.key, "%s answers a GraphQL call; a REST answer gives status, body or rawBody, headers, delay and fault", k)
			continue
		}
		switch k {
		case "data":
			a.Data, _ = r.data(p.value)
			a.HasData = true
			if d := r.resolve(p.value); d != nil {
				src.data, src.dataKind = lcOf(d), d.Kind
			}
			r.templates(p.value, "data", &a.Templates)
		case "error", "errors":
			if errorKey != nil {
				r.errorf(p.key, "give error (one) or errors (a list), not both")
				continue
			}
			errorKey = p.key
			if k == "error" {
				if e, ok := r.errorSpec(p.value, "errors.0", &a.Templates); ok {
					a.Errors = []rules.ErrorSpec{e}
				}
				continue
			}
			v := r.resolve(p.value)
			if v == nil {
				continue
			}
			if v.Kind != yaml.SequenceNode || len(v.Content) == 0 {
				r.errorf(v, "errors: want a list of error codes or error mappings, got %s", describe(v))
				continue
			}
			for _, item := range v.Content {
				if e, ok := r.errorSpec(item, "errors."+strconv.Itoa(len(a.Errors)), &a.Templates); ok {
					a.Errors = append(a.Errors, e)
				}
			}
		case "status":
			a.Status, _ = r.integer(p.value, "status")
			if v := r.resolve(p.value); v != nil {
				src.status = lcOf(v)
			}
		case "body", "rawBody":
			if bodyKey != nil {
				r.errorf(p.key, "give body (JSON) or rawBody (text sent as it is), not both")
				continue
			}
			bodyKey = p.key
			if k == "body" {
				a.Body, _ = r.body(p.value)
				a.HasBody = true
			} else if s, ok := r.text(p.value, "rawBody"); ok {
				a.RawBody = &s
			}
			r.templates(p.value, k, &a.Templates)
		case "headers":
			hs, ok := r.mapping(p.value, "headers")
			if !ok {
				continue
			}
			a.Headers = map[string]string{}
			for _, h := range hs {
				if !headerName().MatchString(h.key.Value) {
					r.errorf(h.key, "headers: %q is not a header name", h.key.Value)
					continue
				}
				if v, ok := r.text(h.value, "headers."+h.key.Value); ok {
					a.Headers[h.key.Value] = v
					r.templates(h.value, "headers."+h.key.Value, &a.Templates)
				}
			}
		case "delay":
			a.Delay, _ = r.delay(p.value)
		case "fault":
			if s, ok := r.str(p.value, "fault"); ok {
				if !slices.Contains(faults, s) {
					r.errorf(p.value, "fault %q: want one of %s%s", s, strings.Join(faults, ", "), didYouMean(s, faults))
					continue
				}
				a.Fault = rules.Fault(s)
			}
		case "processed":
			processedKey = p.key
			a.Processed, _ = r.boolean(p.value, "processed")
		case "times":
			explicit = true
			v := r.resolve(p.value)
			if v != nil && v.Kind == yaml.ScalarNode && v.Value == unlimited {
				a.Times = 0
				continue
			}
			if t, ok := r.integer(p.value, "times"); ok {
				if t < 1 {
					r.errorf(p.value, "times: want 1 or more, or %s", unlimited)
					continue
				}
				a.Times = t
			}
		default:
			r.unknownKey(p.key, "answer", answerKeys)
		}
	}
	if bodyKey != nil && kind == rules.KindGraphQL && a.Status == 0 {
		r.errorf(bodyKey, "rule %s: %s is sent only with a status on a GraphQL rule (the status and body replace the whole HTTP response); add status, or script the answer with data or errors", rule.ID, bodyKey.Value)
	}
	if processedKey != nil && a.Status == 0 && a.Fault == rules.FaultNone {
		r.errorf(processedKey, "rule %s: processed says whether the call runs behind a scripted status or fault, and this answer has neither", rule.ID)
	}
	if len(r.probs.list) > before {
		return nil, nil, false
	}
	if len(a.Templates) == 0 {
		a.Templates = nil
	}
	return a, src, explicit
}

func (r *reader) delay(n *yaml.Node) (rules.Delay, bool) {
	v := r.resolve(n)
	if v == nil {
		return rules.Delay{}, false
	}
	if v.Kind != yaml.MappingNode {
		d, ok := r.duration(v, "delay")
		return rules.Delay{Min: d, Max: d}, ok
	}
	var d rules.Delay
	var minNode, maxNode *yaml.Node
	ok := true
	for _, p := range r.pairs(v) {
		switch p.key.Value {
		case "min":
			minNode = p.key
			var dok bool
			d.Min, dok = r.duration(p.value, "delay.min")
			ok = ok && dok
		case "max":
			maxNode = p.key
			var dok bool
			d.Max, dok = r.duration(p.value, "delay.max")
			ok = ok && dok
		default:
			r.unknownKey(p.key, "delay", delayKeys)
			ok = false
		}
	}
	switch {
	case !ok:
		return d, false
	case minNode == nil || maxNode == nil:
		r.errorf(v, "delay: a range needs both min and max, such as {min: 100ms, max: 2s}")
		return d, false
	case d.Min > d.Max:
		r.errorf(maxNode, "delay: max %s is less than min %s", d.Max, d.Min)
		return d, false
	}
	return d, true
}

// errorSpec reads an error: a code, or a mapping with code and overrides; where names
// it in the answer's templates.
func (r *reader) errorSpec(n *yaml.Node, where string, tpl *map[string]rules.Pos) (rules.ErrorSpec, bool) {
	n = r.resolve(n)
	if n == nil {
		return rules.ErrorSpec{}, false
	}
	e := rules.ErrorSpec{Pos: r.pos(n)}
	if n.Kind == yaml.ScalarNode {
		if n.ShortTag() != "!!str" {
			r.errorf(n, "want an error code such as KT-CT-1112, got %s", describe(n))
			return e, false
		}
		e.Code = n.Value
		return e, r.checkCode(n, e.Code)
	}
	ps, ok := r.mapping(n, "error")
	if !ok {
		return e, false
	}
	ok = true
	for _, p := range ps {
		switch p.key.Value {
		case "code":
			var cok bool
			e.Code, cok = r.str(p.value, "code")
			if cok {
				e.Pos = r.pos(r.resolve(p.value))
				cok = r.checkCode(p.value, e.Code)
			}
			ok = ok && cok
		case "message":
			e.Message, _ = r.str(p.value, "message")
			r.templates(p.value, where+".message", tpl)
		case "description":
			e.Description, _ = r.str(p.value, "description")
			r.templates(p.value, where+".description", tpl)
		case "type":
			if s, sok := r.str(p.value, "type"); sok {
				if !slices.Contains(errorTypes, s) {
					r.errorf(p.value, "type %q: want one of %s%s", s, strings.Join(errorTypes, ", "), didYouMean(s, errorTypes))
					ok = false
				}
				e.Type = s
			}
		case "path":
			if s, sok := r.text(p.value, "path"); sok {
				e.Path = s
			}
		case "validationErrors":
			e.ValidationErrors = r.validationErrors(p.value, where+".validationErrors", tpl)
		case "errorClass":
			e.Class, _ = r.str(p.value, "errorClass")
		case "extensions":
			e.Extensions = r.extensions(p.value)
		default:
			r.unknownKey(p.key, "error", errorKeys)
			ok = false
		}
	}
	if e.Code == "" && ok {
		r.errorf(n, "the error has no code")
		ok = false
	}
	return e, ok
}

func (r *reader) checkCode(n *yaml.Node, code string) bool {
	if !isCodeShape(code) {
		r.errorf(r.resolve(n), "%q is not a Kraken error code (want KT-CT-1234 or OE-1234)", code)
		return false
	}
	return true
}

// reservedExtensions are the extensions keys an error spec sets through its own keys.
var reservedExtensions = map[string]string{
	"errorCode": "code", "errorType": "type", "errorDescription": "description",
	"errorClass": "errorClass", "validationErrors": "validationErrors",
}

// extensions reads an error's further extensions: a mapping of names (as GraphQL
// names are spelled) to any JSON value, other than the keys the error sets itself.
func (r *reader) extensions(n *yaml.Node) map[string]any {
	ps, ok := r.mapping(n, "extensions")
	if !ok {
		return nil
	}
	out := map[string]any{}
	for _, p := range ps {
		k := p.key.Value
		switch own, reserved := reservedExtensions[k]; {
		case reserved:
			r.errorf(p.key, "extensions.%s: set it with the error's own %q key", k, own)
			continue
		case !isGraphQLName(k):
			r.errorf(p.key, "extensions: %q is not a name clients can read (letters, digits and _, not starting with a digit)", k)
			continue
		}
		if v, ok := r.value(p.value); ok {
			out[k] = v
		}
	}
	return out
}

func (r *reader) validationErrors(n *yaml.Node, where string, tpl *map[string]rules.Pos) []rules.ValidationError {
	n = r.resolve(n)
	if n == nil {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		r.errorf(n, "validationErrors: want a list of {message, inputPath}, got %s", describe(n))
		return nil
	}
	var out []rules.ValidationError
	for _, item := range n.Content {
		ps, ok := r.mapping(item, "validationErrors entry")
		if !ok {
			continue
		}
		var ve rules.ValidationError
		for _, p := range ps {
			switch p.key.Value {
			case "message":
				ve.Message, _ = r.str(p.value, "message")
				r.templates(p.value, where+"."+strconv.Itoa(len(out))+".message", tpl)
			case "inputPath":
				ve.InputPath = r.inputPath(p.value, where+"."+strconv.Itoa(len(out))+".inputPath", tpl)
				if v := r.resolve(p.value); v != nil {
					ve.PathPos = r.pos(v)
				}
			default:
				r.unknownKey(p.key, "validationErrors entry", validationErrorKeys)
			}
		}
		out = append(out, ve)
	}
	return out
}

// inputPath reads a list of names and indexes, or a dotted string whose whole-number
// segments become indexes; a dot inside a template action ({{ var "input.i" }}) does
// not split. A segment holding a template is checked and recorded in *tpl as
// where.<segment index>.
func (r *reader) inputPath(n *yaml.Node, where string, tpl *map[string]rules.Pos) []any {
	n = r.resolve(n)
	if n == nil {
		return nil
	}
	if n.Kind == yaml.ScalarNode && n.ShortTag() == "!!str" {
		var out []any
		for _, seg := range splitInputPath(n.Value) {
			if i, err := strconv.Atoi(seg); err == nil && i >= 0 {
				out = append(out, i)
				continue
			}
			r.inputPathTemplate(n, seg, where+"."+strconv.Itoa(len(out)), tpl)
			out = append(out, seg)
		}
		return out
	}
	if n.Kind != yaml.SequenceNode {
		r.errorf(n, "inputPath: want a list such as [input, paymentDay] or a dotted path, got %s", describe(n))
		return nil
	}
	var out []any
	for _, item := range n.Content {
		v, ok := r.value(item)
		if !ok {
			continue
		}
		switch v := v.(type) {
		case string:
			r.inputPathTemplate(r.resolve(item), v, where+"."+strconv.Itoa(len(out)), tpl)
			out = append(out, v)
		case int:
			out = append(out, v)
		default:
			r.errorf(r.resolve(item), "inputPath: want field names and list indexes, got %s", describe(r.resolve(item)))
		}
	}
	return out
}

// inputPathTemplate checks seg, an inputPath segment written at n, when it holds a
// template, and records it in *tpl as where.
func (r *reader) inputPathTemplate(n *yaml.Node, seg, where string, tpl *map[string]rules.Pos) {
	if r.plain || !strings.Contains(seg, "{{") {
		return
	}
	if !r.known {
		if err := r.checkTemplate(seg); err != nil {
			r.errorf(n, "bad template in inputPath: %v", err)
		}
	}
	if *tpl == nil {
		*tpl = map[string]rules.Pos{}
	}
	(*tpl)[where] = r.pos(n)
}

// splitInputPath splits a dotted inputPath at the dots outside template actions, so
// that input.items.{{ var "input.index" }}.amount is four segments.
func splitInputPath(s string) []string {
	var out []string
	start, depth := 0, 0
	for i := 0; i < len(s); i++ {
		switch {
		case strings.HasPrefix(s[i:], "{{"):
			depth++
			i++
		case depth > 0 && strings.HasPrefix(s[i:], "}}"):
			depth--
			i++
		case depth == 0 && s[i] == '.':
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

// templates checks every string below n that holds a template, and records where
// each was written in *tpl under its path (where, then dotted keys and list indexes:
// "data.viewer.givenName"), for errors at run time.
func (r *reader) templates(n *yaml.Node, where string, tpl *map[string]rules.Pos) {
	if r.plain {
		return
	}
	r.templatesAt(n, []string{where}, tpl)
}

func (r *reader) templatesAt(n *yaml.Node, path []string, tpl *map[string]rules.Pos) {
	n = r.resolve(n)
	if n == nil {
		return
	}
	switch n.Kind {
	case yaml.ScalarNode:
		if n.ShortTag() == "!!str" && strings.Contains(n.Value, "{{") {
			if r.known {
				// checked by TestPackTemplates
			} else if err := r.checkTemplate(n.Value); err != nil {
				r.errorf(n, "bad template: %v", err)
			}
			if *tpl == nil {
				*tpl = map[string]rules.Pos{}
			}
			(*tpl)[strings.Join(path, ".")] = r.pos(n)
		}
	case yaml.MappingNode:
		for _, p := range r.pairs(n) {
			r.templatesAt(p.value, append(path, p.key.Value), tpl)
		}
	case yaml.SequenceNode:
		for i, item := range n.Content {
			r.templatesAt(item, append(path, strconv.Itoa(i)), tpl)
		}
	}
}

// isGraphQLName reports whether s is a GraphQL name: ^[_A-Za-z][_0-9A-Za-z]*$.
func isGraphQLName(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '_' || 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || i > 0 && '0' <= c && c <= '9' {
			continue
		}
		return false
	}
	return s != ""
}

// isCodeShape reports whether code looks like a Kraken error code:
// ^(KT-[A-Z]{2}-\d{4,5}|OE-([A-Z]{3}-)?\d{4})$, the OE- codes being Octopus's backend host's.
func isCodeShape(code string) bool {
	if rest, ok := strings.CutPrefix(code, "OE-"); ok {
		if len(rest) == len("GBR-1234") && rest[3] == '-' && upper(rest[:3]) {
			rest = rest[4:]
		}
		return len(rest) == 4 && digits(rest)
	}
	if len(code) != len("KT-CT-1234") && len(code) != len("KT-CT-12345") || !strings.HasPrefix(code, "KT-") || code[5] != '-' {
		return false
	}
	return upper(code[3:5]) && digits(code[6:])
}

func upper(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// isDottedPath reports whether path is names joined by dots: no segment empty, none
// holding a space (what \s matches).
func isDottedPath(path string) bool {
	if path == "" || path[0] == '.' || path[len(path)-1] == '.' {
		return false
	}
	for i := 0; i < len(path); i++ {
		if c := path[i]; c == '.' && path[i+1] == '.' || strings.IndexByte(perlSpace, c) >= 0 {
			return false
		}
	}
	return true
}

// perlSpace is what \s matches in a regular expression.
const perlSpace = "\t\n\f\r "

// checkTemplate checks a template once for the file, however many answers hold it (a
// recording repeats the same ones).
func (r *reader) checkTemplate(s string) error {
	if err, ok := r.checked[s]; ok {
		return err
	}
	err := checkTemplate(s)
	if r.checked == nil {
		r.checked = map[string]error{}
	}
	r.checked[s] = err
	return err
}
