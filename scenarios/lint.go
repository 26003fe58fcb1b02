package scenarios

import (
	"errors"
	"fmt"
	"maps"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/vektah/gqlparser/v2/ast"
	"go.yaml.in/yaml/v3"

	"github.com/krakensim/krakensim/internal/lazyre"
	"github.com/krakensim/krakensim/schema"
	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/accounts"
	"github.com/krakensim/krakensim/sim/dataimport"
	"github.com/krakensim/krakensim/sim/rules"
)

// Contract is what Lint checks scenarios against. A nil schema, a nil registry or no
// routes skips the checks that need it.
type Contract struct {
	// API and Auth are the API site's (/v1/graphql/) and the authentication server's
	// (/graphql/) schemas.
	API, Auth *ast.Schema
	// Backend is the backend host's schema, which CheckPattern accepts fields of;
	// scenario rules cannot name it.
	Backend *ast.Schema
	// APICatalog and AuthCatalog are their documented errors; Lint builds them from
	// API and Auth when nil.
	APICatalog, AuthCatalog *schema.Catalog
	Registry                *schema.Registry
	// Routes are the REST endpoints as "METHOD /pattern/{param}/".
	Routes []string
}

// DefaultRoutes lists the REST endpoints the simulator serves: the data-import API's
// and Octopus's public API's.
func DefaultRoutes() []string {
	return RouteNames(append(dataimport.Routes(), accounts.PublicRoutes()...))
}

// RouteNames lists REST routes as "METHOD /pattern/", as Contract.Routes holds them.
func RouteNames(routes []sim.Route) []string {
	out := make([]string, len(routes))
	for i, r := range routes {
		out[i] = r.Method + " " + r.Pattern
	}
	return out
}

// DefaultContract is the embedded contract: both SDLs, the error registry and
// DefaultRoutes.
func DefaultContract() (Contract, error) {
	api, err := schema.Load(schema.APISource())
	if err != nil {
		return Contract{}, err
	}
	auth, err := schema.Load(schema.AuthSource())
	if err != nil {
		return Contract{}, err
	}
	reg, err := schema.DefaultRegistry()
	if err != nil {
		return Contract{}, err
	}
	return Contract{API: api, Auth: auth, Registry: reg, Routes: DefaultRoutes()}, nil
}

// platformCodes are the codes the platform raises whatever a field documents, from the
// contract's registry (the embedded one when the contract has none). Both scopes count
// on every field: Kraken checks the Authorization header before any field runs, and a
// scenario may script a refusal a field's SDL leaves out.
func (l *linter) platformCodes() []string {
	reg := l.c.Registry
	if reg == nil {
		reg = defaultRegistry()
	}
	if reg == nil {
		return nil
	}
	return reg.PlatformCodes()
}

var defaultRegistry = sync.OnceValue(func() *schema.Registry {
	r, _ := schema.DefaultRegistry()
	return r
})

// Check parses one file and lints its scenarios; strict makes warnings errors.
func Check(filename string, src []byte, c Contract, strict bool) Problems {
	scs, probs := parse(filename, src)
	if !probs.HasErrors() {
		probs = append(probs, Lint(scs, c)...)
	}
	if strict {
		probs = probs.Strict()
	}
	return dedupe(probs)
}

// Lint checks scenarios against the contract and against each other: unknown root
// fields and routes, variable paths and data that do not fit the schema, error codes
// the registry or the field does not know (the latter a warning), statuses out of
// range, unreachable answers and duplicate names and ids. Problems are sorted.
func Lint(scs []*rules.Scenario, c Contract) Problems {
	l := &linter{c: c}
	srcs := make([]*scenarioSrc, len(scs))
	n := 0
	for i, sc := range scs {
		srcs[i], _ = scenarioSources.get(sc)
		n += len(sc.Rules)
	}
	own := l.eachRule(scs, srcs, n)
	names := map[string]rules.Pos{}
	ids := make(map[string]rules.Pos, n)
	next := 0
	for i, sc := range scs {
		namePos := sc.Pos
		ssrc := srcs[i]
		if p := ssrc.pos(ssrc.nameAt()); p.Line > 0 {
			namePos = p
		}
		dupName := false
		if first, dup := names[sc.Name]; dup {
			l.errorf(namePos, "scenario name %q is already used at %s", sc.Name, first)
			dupName = true
		} else {
			names[sc.Name] = namePos
		}
		for j, r := range sc.Rules {
			idPos := r.Pos
			src := ssrc.rule(j, r)
			if src != nil && src.explicitID {
				idPos = ssrc.pos(src.id)
			}
			if dupName && src != nil && !src.explicitID {
				// Default ids repeat with the name, which is reported already.
			} else if first, dup := ids[r.ID]; dup {
				l.errorf(idPos, "rule id %q is already used at %s", r.ID, first)
			} else {
				ids[r.ID] = idPos
			}
			l.probs.list = append(l.probs.list, own[next]...)
			next++
		}
	}
	return dedupe(l.probs.list)
}

// lintBatch is how many rules one goroutine checks at a time.
const lintBatch = 512

// eachRule runs each rule's own checks (against the contract, not the other rules),
// on as many processors as there are, since they are independent; it returns each
// rule's problems, the rules numbered across the scenarios in order.
func (l *linter) eachRule(scs []*rules.Scenario, srcs []*scenarioSrc, n int) [][]*Error {
	type job struct {
		r   *rules.Rule
		i   int // in its scenario
		src *scenarioSrc
	}
	jobs := make([]job, 0, n)
	for i, sc := range scs {
		for j, r := range sc.Rules {
			jobs = append(jobs, job{r, j, srcs[i]})
			if r.When.Kind == rules.KindGraphQL {
				l.catalogs() // before the goroutines share the contract
			}
		}
	}
	out := make([][]*Error, n)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), (n+lintBatch-1)/lintBatch) {
		wg.Go(func() {
			w := &linter{c: l.c, cataloged: l.cataloged}
			for {
				from := int(next.Add(lintBatch)) - lintBatch
				if from >= n {
					return
				}
				for i := from; i < min(from+lintBatch, n); i++ {
					before := len(w.probs.list)
					w.rule(jobs[i].r, jobs[i].i, jobs[i].src)
					if len(w.probs.list) > before {
						out[i] = w.probs.list[before:len(w.probs.list):len(w.probs.list)]
					}
				}
			}
		})
	}
	wg.Wait()
	return out
}

type linter struct {
	c     Contract
	probs problems
	// cataloged says the contract's missing catalogs were built: on the first
	// GraphQL rule, since a set of REST rules (or none) needs none.
	cataloged bool
	// segs is the valueCheckers' path, kept from rule to rule for its room.
	segs []seg
	// strictBody makes a body path the OpenAPI document lacks an error, as a
	// verification pattern needs (a misspelt one never matches, so exactly: 0 holds);
	// in a scenario file it warns, since a recording keeps what a client really sent.
	strictBody bool
}

// bodyProblem reports a body path the OpenAPI document lacks: an error or a warning
// as strictBody says.
func (l *linter) bodyProblem(pos rules.Pos, format string, args ...any) {
	if l.strictBody {
		l.errorf(pos, format, args...)
		return
	}
	l.warnf(pos, format, args...)
}

// catalogs builds the catalogs the contract lacks, once.
func (l *linter) catalogs() {
	if l.cataloged {
		return
	}
	l.cataloged = true
	if l.c.API != nil && l.c.APICatalog == nil {
		l.c.APICatalog = schema.NewCatalog(l.c.API)
	}
	if l.c.Auth != nil && l.c.AuthCatalog == nil {
		l.c.AuthCatalog = schema.NewCatalog(l.c.Auth)
	}
}

func (l *linter) errorf(pos rules.Pos, format string, args ...any) {
	l.probs.errorf(pos, format, args...)
}

func (l *linter) warnf(pos rules.Pos, format string, args ...any) {
	l.probs.warnf(pos, format, args...)
}

// rule checks one rule, its scenario's i-th; ssrc is where its scenario was written,
// or nil.
func (l *linter) rule(r *rules.Rule, i int, ssrc *scenarioSrc) {
	src := ssrc.rule(i, r)
	if src == nil {
		src = &ruleSrc{}
	}
	orPos := func(p lc) rules.Pos {
		if p.line > 0 {
			return ssrc.pos(p)
		}
		return r.Pos
	}
	l.sequence(r, src, ssrc)
	switch r.When.Kind {
	case rules.KindGraphQL:
		fc, s := l.field(r, orPos(src.field), orPos(src.operation))
		if fc == nil {
			return
		}
		for _, pm := range r.When.Variables {
			l.variable(fc, s, pm)
		}
		for i, a := range r.Then {
			l.graphqlAnswer(fc, s, a, src.answer(i, a), ssrc)
			l.templateCalls(r, fc, s, a, ssrc)
		}
	case rules.KindHTTP:
		l.restRule(r, orPos(src.http))
		for _, a := range r.Then {
			l.templateCalls(r, nil, nil, a, ssrc)
		}
	}
}

// sequence checks statuses and that every answer of the sequence can be reached.
func (l *linter) sequence(r *rules.Rule, src *ruleSrc, ssrc *scenarioSrc) {
	for i, a := range r.Then {
		if a.Status != 0 && (a.Status < 100 || a.Status > 599) {
			pos := a.Pos
			if asrc := src.answer(i, a); asrc != nil && asrc.status.line > 0 {
				pos = ssrc.pos(asrc.status)
			}
			l.errorf(pos, "status %d is not an HTTP status (want 100 to 599)", a.Status)
		}
		if a.Times <= 0 && i < len(r.Then)-1 {
			l.errorf(r.Then[i+1].Pos, "unreachable answer: answer %d serves every call (times: %s), so no call gets here; give answer %d a number of times", i+1, unlimited, i+1)
			break
		}
		if a.Times <= 0 && r.Cycle && len(r.Then) > 1 {
			l.warnf(a.Pos, "cycle never restarts the sequence: this answer serves every call (times: %s)", unlimited)
		}
	}
}

// field finds the rule's root field in the catalogs its endpoint allows.
func (l *linter) field(r *rules.Rule, fieldPos, opPos rules.Pos) (*schema.FieldContract, *ast.Schema) {
	type site struct {
		name string
		s    *ast.Schema
		cat  *schema.Catalog
	}
	l.catalogs()
	sites := make([]site, 0, 2)
	if r.When.Endpoint != "/graphql/" && l.c.API != nil {
		sites = append(sites, site{"the API site", l.c.API, l.c.APICatalog})
	}
	if r.When.Endpoint != "/v1/graphql/" && l.c.Auth != nil {
		sites = append(sites, site{"the authentication server", l.c.Auth, l.c.AuthCatalog})
	}
	if len(sites) == 0 {
		return nil, nil
	}
	name := r.When.Field
	var names, where []string
	for _, st := range sites {
		where = append(where, st.name)
		if r.When.Operation == "" {
			if fc, ok := st.cat.Lookup(name); ok {
				return fc, st.s
			}
		} else if fc, ok := st.cat.Field(ast.Operation(r.When.Operation), name); ok {
			return fc, st.s
		}
		for _, fc := range st.cat.Fields() {
			names = append(names, fc.Name)
		}
	}
	if r.When.Operation != "" {
		for _, st := range sites {
			if fc, ok := st.cat.Lookup(name); ok {
				l.errorf(opPos, "%s is a %s, not a %s", name, fc.Operation, r.When.Operation)
				return nil, nil
			}
		}
	}
	l.errorf(fieldPos, "unknown root field %q: no query or mutation of %s has that name%s", name, strings.Join(where, " or "), didYouMean(name, names))
	return nil, nil
}

// variable checks that a variables path exists in the field's arguments.
func (l *linter) variable(fc *schema.FieldContract, s *ast.Schema, pm rules.PathMatch) {
	if t := l.argPath(fc, s, pm.Path, pm.Pos, "variables"); t != nil {
		l.matcherFits(pm, t, s)
	}
}

// argPath checks that a dotted path leads into the field's arguments and returns
// the type it leads to; nil, with an error at pos beginning with what, when it does
// not.
func (l *linter) argPath(fc *schema.FieldContract, s *ast.Schema, path string, pos rules.Pos, what string) *ast.Type {
	segs := strings.Split(path, ".")
	arg := fc.Definition.Arguments.ForName(segs[0])
	if arg == nil {
		var names []string
		for _, a := range fc.Definition.Arguments {
			names = append(names, a.Name)
		}
		if len(names) == 0 {
			l.errorf(pos, "%s: %s takes no arguments", what, fc.Name)
			return nil
		}
		l.errorf(pos, "%s: %s has no argument %q%s", what, fc.Name, segs[0], didYouMean(segs[0], names))
		return nil
	}
	t := arg.Type
	for i, seg := range segs[1:] {
		where := strings.Join(segs[:i+1], ".")
		if t.Elem != nil {
			if !isIndex(seg) {
				l.errorf(pos, "%s: %s is a list (%s); index it with a number, such as %s.0", what, where, t, where)
				return nil
			}
			t = t.Elem
			continue
		}
		def := s.Types[t.Name()]
		if def == nil || def.Kind != ast.InputObject {
			l.errorf(pos, "%s: %s is %s, which has no field %q", what, where, t, seg)
			return nil
		}
		f := def.Fields.ForName(seg)
		if f == nil {
			l.errorf(pos, "%s: %s has no field %q%s", what, def.Name, seg, didYouMean(seg, fieldNames(def.Fields)))
			return nil
		}
		t = f.Type
	}
	return t
}

// templateCalls checks the paths of an answer's template var, body and param calls
// against what the rule's call gives a template: a GraphQL call (fc not nil) its
// arguments, found with var and checked as when.variables are; a REST call its route's
// {parameters}, found with param, its query and its JSON body, and no variables.
func (l *linter) templateCalls(r *rules.Rule, fc *schema.FieldContract, s *ast.Schema, a *rules.Answer, ssrc *scenarioSrc) {
	texts := answerTemplates(a)
	for _, part := range slices.Sorted(maps.Keys(texts)) {
		pos, ok := a.Templates[part]
		if !ok {
			pos = a.Pos
		}
		lits := ssrc.literals(pos, texts[part])
		for _, c := range rules.PathCalls(texts[part]) {
			at := lits.pos(c.Quoted)
			what := c.Func + " " + c.Quoted
			switch {
			case c.Path == "":
			case fc != nil && c.Func == "var":
				l.argPath(fc, s, c.Path, at, what)
			case fc != nil:
				l.errorf(at, "%s: a GraphQL call has no %s; a template finds its arguments with var", what, map[string]string{"body": "JSON body", "param": "route parameters", "query": "URL query"}[c.Func])
			case c.Func == "param":
				l.routeParam(r.When.Route, c.Path, at, what)
			case c.Func == "body":
				l.bodyPath(l.documentedRoute(r), c.Path, at, what)
			case c.Func == "query":
				l.queryName(l.documentedRoute(r), c.Path, at, what)
			case c.Func == "var":
				l.errorf(at, "%s: a REST call has no GraphQL variables; a template finds its route parameters with param, its query with query and its JSON body with body", what)
			}
		}
	}
}

// routeParam checks that name is a {parameter} of route, which a param call finds.
func (l *linter) routeParam(route, name string, pos rules.Pos, what string) {
	var names []string
	for _, seg := range paramSegment().FindAllString(route, -1) {
		names = append(names, seg[1:len(seg)-1])
	}
	switch {
	case slices.Contains(names, name):
	case len(names) == 0:
		l.errorf(pos, "%s: route %s has no parameters", what, route)
	default:
		l.errorf(pos, "%s: route %s has no parameter %q%s", what, route, name, didYouMean(name, names))
	}
}

// answerTemplates returns an answer's strings that hold a template, by part as
// Answer.Templates names them ("data.viewer.givenName", "errors.0.message",
// "body.reference").
func answerTemplates(a *rules.Answer) map[string]string {
	out := map[string]string{}
	add := func(part, s string) {
		if strings.Contains(s, "{{") {
			out[part] = s
		}
	}
	var walk func(part string, v any)
	walk = func(part string, v any) {
		switch x := v.(type) {
		case string:
			add(part, x)
		case rules.Object:
			for _, m := range x {
				walk(part+"."+m.Key, m.Value)
			}
		case rules.Ordered:
			for _, m := range x {
				walk(part+"."+m.Key, m.Value)
			}
		case map[string]any:
			for k, e := range x {
				walk(part+"."+k, e)
			}
		case []any:
			for i, e := range x {
				walk(part+"."+strconv.Itoa(i), e)
			}
		}
	}
	if a.HasData {
		walk("data", a.Data)
	}
	for i, e := range a.Errors {
		where := "errors." + strconv.Itoa(i)
		add(where+".message", e.Message)
		add(where+".description", e.Description)
		for j, ve := range e.ValidationErrors {
			add(where+".validationErrors."+strconv.Itoa(j)+".message", ve.Message)
			walk(where+".validationErrors."+strconv.Itoa(j)+".inputPath", ve.InputPath)
		}
	}
	if a.HasBody {
		walk("body", a.Body)
	}
	if a.RawBody != nil {
		add("rawBody", *a.RawBody)
	}
	for k, v := range a.Headers {
		add("headers."+k, v)
	}
	return out
}

// matcherFits warns when an equality can never hold for the variable's type.
func (l *linter) matcherFits(pm rules.PathMatch, t *ast.Type, s *ast.Schema) {
	m := pm.Matcher
	if m == nil || m.Op != rules.OpEqual || t.Elem != nil {
		return
	}
	def := s.Types[t.Name()]
	if def == nil {
		return
	}
	if msg := leafMismatch(def, m.Value, !t.NonNull); msg != "" {
		l.warnf(m.Pos, "variables: %s never matches: %s", pm.Path, msg)
	}
}

var indexPattern = lazyre.New(`^\d+$`)

func isIndex(s string) bool { return indexPattern().MatchString(s) }

func fieldNames(fs ast.FieldList) []string {
	names := make([]string, 0, len(fs))
	for _, f := range fs {
		names = append(names, f.Name)
	}
	return names
}

// restRule checks a REST rule's route, and its body paths and query names against
// what the data-import OpenAPI document gives the route.
func (l *linter) restRule(r *rules.Rule, pos rules.Pos) {
	if !l.route(r, pos) {
		return
	}
	route := l.documentedRoute(r)
	for _, pm := range r.When.Path {
		l.routeParam(r.When.Route, pm.Path, orZero(pm.Pos, pos), "path "+pm.Path)
	}
	for _, pm := range r.When.Body {
		l.bodyPath(route, pm.Path, orZero(pm.Pos, pos), "body")
	}
	for _, pm := range r.When.Query {
		l.queryName(route, pm.Path, orZero(pm.Pos, pos), "query")
	}
}

func orZero(p, fallback rules.Pos) rules.Pos {
	if p.Line > 0 {
		return p
	}
	return fallback
}

// documentedRoute is the contract's name for r's route ("POST /v1/x/{param}/"), which
// may spell its parameters differently; "" when the contract has no such route.
func (l *linter) documentedRoute(r *rules.Rule) string {
	norm := normalizeRoute(r.When.Route)
	for _, rt := range l.c.Routes {
		m, p, _ := strings.Cut(rt, " ")
		if m == r.When.Method && normalizeRoute(p) == norm {
			return rt
		}
	}
	return ""
}

// bodyPath checks a dotted path into a REST call's JSON body against the body schema
// the data-import OpenAPI document gives route; a route it gives none passes. A path
// the document lacks is a bodyProblem: a client may send one (a recording keeps what
// it sent, and Kraken answers it 400 or ignores it), so a rule may match it.
func (l *linter) bodyPath(route, path string, pos rules.Pos, what string) {
	s := dataimport.BodySchema(route)
	if s == nil || path == "" {
		return
	}
	segs := strings.Split(path, ".")
	cur := []*openapi3.Schema{s}
	for i, seg := range segs {
		where := strings.Join(segs[:i], ".")
		if where == "" {
			where = "the body of " + route
		}
		var next []*openapi3.Schema
		var names []string
		list, scalar := "", ""
		for _, c := range alternatives(cur) {
			switch {
			case c.Type.Is("array") || c.Items != nil:
				list = where
				if isIndex(seg) && c.Items != nil && c.Items.Value != nil {
					next = append(next, c.Items.Value)
				}
			case c.Type.Is("object") || len(c.Properties) > 0:
				if p := c.Properties[seg]; p != nil && p.Value != nil {
					next = append(next, p.Value)
				}
				names = append(names, slices.Sorted(maps.Keys(c.Properties))...)
				if ap := c.AdditionalProperties; ap.Has != nil && *ap.Has || ap.Schema != nil {
					return // any key may follow
				}
			case c.Type == nil || c.Type.IsEmpty():
				return // any value
			default:
				scalar = (*c.Type)[0]
			}
		}
		switch {
		case len(next) > 0:
			cur = next
		case len(names) > 0:
			l.bodyProblem(pos, "%s: %s has no field %q%s", what, where, seg, didYouMean(seg, names))
			return
		case list != "":
			l.bodyProblem(pos, "%s: %s is a list; index it with a number, such as %s.0", what, list, strings.Join(segs[:i], "."))
			return
		default:
			l.bodyProblem(pos, "%s: %s is a %s, which has no field %q", what, where, scalar, seg)
			return
		}
	}
}

// alternatives flattens the schemas' allOf, oneOf and anyOf into the schemas a value
// may meet, so that a path fits when it fits any of them.
func alternatives(in []*openapi3.Schema) []*openapi3.Schema {
	var out []*openapi3.Schema
	var add func(s *openapi3.Schema, depth int)
	add = func(s *openapi3.Schema, depth int) {
		if s == nil || depth > 8 {
			return
		}
		composed := false
		for _, refs := range []openapi3.SchemaRefs{s.AllOf, s.OneOf, s.AnyOf} {
			for _, r := range refs {
				if r != nil {
					composed = true
					add(r.Value, depth+1)
				}
			}
		}
		if !composed || !s.Type.IsEmpty() || len(s.Properties) > 0 || s.Items != nil {
			out = append(out, s)
		}
	}
	for _, s := range in {
		add(s, 0)
	}
	return out
}

// queryName checks that name is a URL query parameter the data-import OpenAPI document
// gives route; a route the document does not have passes, and one it gives no parameters
// only warns, as a recording keeps what a client really sent (an api_key, a page).
func (l *linter) queryName(route, name string, pos rules.Pos, what string) {
	names, documented := dataimport.QueryParameters(route)
	switch {
	case !documented || slices.Contains(names, name):
	case len(names) == 0:
		l.warnf(pos, "%s: %s takes no query parameters the OpenAPI document lists", what, route)
	default:
		l.errorf(pos, "%s: %s has no query parameter %q%s", what, route, name, didYouMean(name, names))
	}
}

// route checks that a REST rule names a route of the contract, and reports whether
// it does (or the contract has no routes to check against).
func (l *linter) route(r *rules.Rule, pos rules.Pos) bool {
	if len(l.c.Routes) == 0 {
		return false
	}
	want := r.When.Method + " " + r.When.Route
	norm := normalizeRoute(r.When.Route)
	var methods []string
	for _, rt := range l.c.Routes {
		m, p, _ := strings.Cut(rt, " ")
		if normalizeRoute(p) != norm {
			continue
		}
		if m == r.When.Method {
			return true
		}
		methods = append(methods, m)
	}
	if len(methods) > 0 {
		l.errorf(pos, "http: %s takes %s, not %s", r.When.Route, strings.Join(methods, " or "), r.When.Method)
		return false
	}
	for _, rt := range l.c.Routes {
		m, p, _ := strings.Cut(rt, " ")
		if m == r.When.Method && strings.Contains(p, "{") && rules.RouteMatches(p, r.When.Route) {
			l.errorf(pos, "http: %q is a path of the route %q; write the route and match its segments with path: %s", want, rt, pathHint(p, r.When.Route))
			return false
		}
	}
	l.errorf(pos, "unknown route %q%s", want, didYouMean(want, l.c.Routes))
	return false
}

// pathHint writes the path: mapping that matches path's values of route's segments,
// such as {account_number: A-C90DC431}.
func pathHint(route, path string) string {
	var parts []string
	for _, seg := range paramSegment().FindAllString(route, -1) {
		name := seg[1 : len(seg)-1]
		if v, ok := rules.RouteParam(route, path, name); ok {
			parts = append(parts, name+": "+v)
		}
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

var paramSegment = lazyre.New(`\{[^/}]*\}`)

func normalizeRoute(p string) string { return paramSegment().ReplaceAllString(p, "{}") }

// graphqlAnswer checks an answer's data and errors against the field; asrc is where
// the answer was written, or nil.
func (l *linter) graphqlAnswer(fc *schema.FieldContract, s *ast.Schema, a *rules.Answer, asrc *answerSrc, ssrc *scenarioSrc) {
	if a.Status != 0 && (a.HasData || len(a.Errors) > 0) {
		l.warnf(a.Pos, "status %d replaces the whole HTTP response, so its data and errors are not sent", a.Status)
	}
	if a.HasData {
		v := &valueChecker{l: l, s: s, fallback: a.Pos, segs: l.segs[:0]}
		if asrc != nil && asrc.data.line > 0 {
			v.root = func() (*yaml.Node, string) {
				return ssrc.file.find(asrc.data, asrc.dataKind), ssrc.file.name
			}
		}
		v.check(fc.Definition.Type, a.Data)
		l.segs = v.segs[:0]
	}
	for _, e := range a.Errors {
		l.errorCode(fc, e)
		l.errorShape(e)
		l.inputPaths(fc, s, e)
		if e.Path != "" {
			l.errorPath(fc, s, e)
		}
	}
}

func (l *linter) errorCode(fc *schema.FieldContract, e rules.ErrorSpec) {
	documented := func() bool {
		if _, ok := fc.Documents(e.Code); ok {
			return true
		}
		return slices.Contains(l.platformCodes(), e.Code)
	}
	if _, ok := fc.Documents(e.Code); ok {
		return // the field's documentation gives its message
	}
	if l.c.Registry != nil {
		if _, ok := l.c.Registry.Lookup(e.Code); !ok {
			hint := didYouMean(e.Code, fc.Codes())
			if hint == "" {
				hint = didYouMean(e.Code, l.c.Registry.Codes())
			}
			l.errorf(e.Pos, "unknown error code %s: neither %s's documentation nor the error registry lists it%s", e.Code, fc.Name, hint)
			return
		}
	}
	if !documented() {
		codes := fc.Codes()
		var platform []string
		for _, c := range l.platformCodes() {
			if !slices.Contains(codes, c) {
				platform = append(platform, c)
			}
		}
		if len(codes) == 0 {
			l.warnf(e.Pos, "%s documents no error codes, so Kraken answers it only with the platform's %s", fc.Name, strings.Join(platform, ", "))
			return
		}
		l.warnf(e.Pos, "%s does not document %s; it documents %s, and the platform's %s", fc.Name, e.Code,
			strings.Join(codes, ", "), strings.Join(platform, ", "))
	}
}

// errorShape checks the extensions a scripted error carries beside its code, as clients
// read them: errorClass in Kraken's upper-case form, validationErrors that say what and
// where, and further extensions that are not empty.
func (l *linter) errorShape(e rules.ErrorSpec) {
	if e.Class != "" && !sim.IsUpperSnake(e.Class) {
		l.warnf(e.Pos, "errorClass %q: Kraken's error classes are upper-case names such as VALIDATION", e.Class)
	}
	for i, ve := range e.ValidationErrors {
		if strings.TrimSpace(ve.Message) == "" {
			l.warnf(e.Pos, "validationErrors[%d] has no message; clients show it to the user", i)
		}
		if len(ve.InputPath) == 0 {
			l.warnf(e.Pos, "validationErrors[%d] has no inputPath; clients use it to find the input field, such as [input, paymentDay]", i)
		}
	}
	if len(e.Extensions) == 0 {
		return
	}
	for _, k := range slices.Sorted(maps.Keys(e.Extensions)) {
		if e.Extensions[k] == nil {
			l.warnf(e.Pos, "extensions.%s is null; leave it out, or give the value clients read", k)
		}
	}
}

// inputPaths checks that each validationErrors inputPath leads into the field's
// arguments and input types, as a variables path must, up to its first segment that
// holds a template (known only per call).
func (l *linter) inputPaths(fc *schema.FieldContract, s *ast.Schema, e rules.ErrorSpec) {
	for _, ve := range e.ValidationErrors {
		pos := ve.PathPos
		if pos.Line == 0 {
			pos = e.Pos
		}
		var segs []string
		for _, seg := range ve.InputPath {
			if i, ok := seg.(int); ok {
				segs = append(segs, strconv.Itoa(i))
				continue
			}
			name, _ := seg.(string)
			if strings.Contains(name, "{{") {
				break
			}
			if !isGraphQLName(name) {
				l.errorf(pos, "inputPath: %q is not a field name or a list index", name)
				segs = nil
				break
			}
			segs = append(segs, name)
		}
		if len(segs) > 0 {
			l.argPath(fc, s, strings.Join(segs, "."), pos, "inputPath")
		}
	}
}

// errorPath checks that an error's path leads to a field below the root field.
func (l *linter) errorPath(fc *schema.FieldContract, s *ast.Schema, e rules.ErrorSpec) {
	t := fc.Definition.Type
	segs := strings.Split(e.Path, ".")
	for i, seg := range segs {
		if t.Elem != nil {
			if !isIndex(seg) {
				at := strings.Join(segs[:i], ".")
				if at == "" {
					l.errorf(e.Pos, "error path %q: %s returns a list; begin the path with an index, such as 0.%s", e.Path, fc.Name, e.Path)
				} else {
					l.errorf(e.Pos, "error path %q: %s is a list; index it with a number, such as %s.0.%s", e.Path, at, at, strings.Join(segs[i:], "."))
				}
				return
			}
			t = t.Elem
			continue
		}
		def := s.Types[t.Name()]
		f := outputField(s, def, seg)
		if f == nil {
			if def == nil || !isComposite(def) {
				l.errorf(e.Pos, "error path %q: %s has no fields", e.Path, t)
			} else {
				l.errorf(e.Pos, "error path %q: %s has no field %q%s", e.Path, def.Name, seg, didYouMean(seg, outputFieldNames(s, def)))
			}
			return
		}
		t = f.Type
	}
}

func isComposite(def *ast.Definition) bool {
	return def.Kind == ast.Object || def.Kind == ast.Interface || def.Kind == ast.Union
}

// outputField finds a field of an object, or of an abstract type or any of its
// possible types.
func outputField(s *ast.Schema, def *ast.Definition, name string) *ast.FieldDefinition {
	if def == nil {
		return nil
	}
	if f := def.Fields.ForName(name); f != nil {
		return f
	}
	if def.IsAbstractType() {
		for _, pt := range s.GetPossibleTypes(def) {
			if f := pt.Fields.ForName(name); f != nil {
				return f
			}
		}
	}
	return nil
}

func outputFieldNames(s *ast.Schema, def *ast.Definition) []string {
	names := fieldNames(def.Fields)
	if def.IsAbstractType() {
		for _, pt := range s.GetPossibleTypes(def) {
			for _, n := range fieldNames(pt.Fields) {
				if !slices.Contains(names, n) {
					names = append(names, n)
				}
			}
		}
	}
	return names
}

// leafMismatch says why v cannot be a value of the scalar or enum def, or "".
func leafMismatch(def *ast.Definition, v any, nullable bool) string {
	if s, ok := v.(string); ok && strings.Contains(s, "{{") {
		return ""
	}
	if v == nil {
		if nullable {
			return ""
		}
		return fmt.Sprintf("%s is non-null, got null", def.Name)
	}
	switch def.Kind {
	case ast.Enum:
		s, ok := v.(string)
		if !ok {
			return fmt.Sprintf("want a value of %s, got %s", def.Name, kindOf(v))
		}
		if def.EnumValues.ForName(s) == nil {
			var names []string
			for _, ev := range def.EnumValues {
				names = append(names, ev.Name)
			}
			return fmt.Sprintf("%q is not a value of %s%s", s, def.Name, didYouMean(s, names))
		}
		return ""
	case ast.Scalar:
	default:
		return ""
	}
	ok := true
	switch def.Name {
	case "Int":
		ok = isWhole(v)
	case "Float":
		ok = isNumber(v)
	case "String":
		_, ok = v.(string)
	case "Boolean":
		_, ok = v.(bool)
	case "ID":
		_, isStr := v.(string)
		ok = isStr || isWhole(v)
	default:
		switch v.(type) {
		case map[string]any, []any:
			ok = strings.Contains(strings.ToLower(def.Name), "json") || strings.Contains(def.Name, "Generic")
		}
	}
	if !ok {
		return fmt.Sprintf("want %s, got %s", def.Name, kindOf(v))
	}
	return ""
}

func isWhole(v any) bool {
	switch x := v.(type) {
	case int:
		return true
	case float64:
		return x == float64(int64(x))
	}
	return false
}

func isNumber(v any) bool {
	switch v.(type) {
	case int, float64:
		return true
	}
	return false
}

func kindOf(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case string:
		return fmt.Sprintf("a string (%q)", clip(x))
	case bool:
		return fmt.Sprintf("a boolean (%v)", x)
	case int, float64:
		return fmt.Sprintf("a number (%v)", x)
	case map[string]any, rules.Object:
		return "a mapping"
	case []any:
		return "a list"
	}
	return fmt.Sprintf("%T", v)
}

// asProblems returns the Problems inside err, or err as one problem at pos.
func asProblems(err error, pos rules.Pos) Problems {
	if err == nil {
		return nil
	}
	var ps Problems
	if errors.As(err, &ps) {
		return ps
	}
	var e *Error
	if errors.As(err, &e) {
		return Problems{e}
	}
	return Problems{{Pos: pos, Severity: SeverityError, Message: err.Error()}}
}
