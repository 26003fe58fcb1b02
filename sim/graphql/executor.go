package graphql

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"sort"
	"sync"
	"sync/atomic"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/parser"
)

// maxValidationErrors bounds the validation errors reported for one document.
const maxValidationErrors = 100

// Executor runs operations against one schema; it is safe for concurrent use.
//
// Each field's value comes from, in order: __typename and introspection; Options.Hook;
// the parent's map[string]any entry under the field name; a fake from Options.Faker.
// A fake's key is an FNV-64a hash of the path of field names and list indices from the
// root and of each field's coerced arguments (canonical JSON), so the same request gives
// the same answer in any process, list items differ, and merged aliases agree.
// Root fields, mutation or query, execute serially in document order.
type Executor struct {
	schema *ast.Schema
	opts   Options
	faker  Faker
	types  map[string]*typeInfo
	cache  programCache
	// large holds a token for each large document being prepared.
	large chan struct{}
	// intro is built on the first introspection request: most servers never see one.
	intro     introspection
	introOnce sync.Once
	// inputNames are the input objects' field names, made on the first request that
	// asks (InputName).
	inputNames     map[string]string
	inputNamesOnce sync.Once
}

// typeInfo is the per-type data the executor looks up on every field.
type typeInfo struct {
	def      *ast.Definition
	fields   map[string]*ast.FieldDefinition
	possible []*ast.Definition // concrete types of an abstract type, sorted by name
	isPossib map[string]bool
	enum     map[string]bool
}

// Program is a parsed and validated query document, reusable across requests.
type Program struct {
	// Query is the document text the program was prepared from.
	Query string
	// Doc is the validated document; it must not be modified.
	Doc *ast.QueryDocument

	errs        []*Error
	stopped     bool     // ctx ended the preparation, which is not cached
	varDirs     bool     // some @skip/@include depends on a variable
	collections sync.Map // collectKey → []*fieldGroup
	costs       sync.Map // *ast.OperationDefinition → Cost, for operations whose cost reads no variable
	// What the last execution took of each of its slabs: response path steps, the
	// Fields its hook got and their paths' elements.
	pathSteps, hookFields, pathElems atomic.Int32
	// size estimates the bytes the parsed document retains; collections may add as
	// much again (collectRoom counts down what is left of that allowance).
	size        int64
	collectRoom atomic.Int64
}

// cost is what keeping p in the cache may cost, in bytes: the document and, at most,
// as much again in cached field collections.
func (p *Program) cost() int64 { return 2 * p.size }

// measure is MeasureCost of op, kept once measured when no variable changes it.
func (p *Program) measure(op *ast.OperationDefinition, vars map[string]any, maxWeight int, unpaged UnpagedNodes) Cost {
	if c, ok := p.costs.Load(op); ok {
		return c.(Cost)
	}
	c, readVars := measureCost(p.Doc, op, vars, maxWeight, unpaged)
	if !readVars {
		p.costs.Store(op, c)
	}
	return c
}

// collectKey identifies a cacheable field collection within a Program.
type collectKey struct {
	op  *ast.OperationDefinition
	f   *ast.Field
	typ string
}

// New returns an Executor for schema, which must be a validated gqlparser schema.
func New(schema *ast.Schema, opts Options) *Executor {
	e := &Executor{schema: schema, opts: opts, faker: opts.Faker, types: map[string]*typeInfo{}}
	if e.faker == nil {
		e.faker = defaultFaker{}
	}
	for name, def := range schema.Types {
		ti := &typeInfo{def: def}
		if len(def.Fields) > 0 {
			ti.fields = make(map[string]*ast.FieldDefinition, len(def.Fields))
			for _, f := range def.Fields {
				ti.fields[f.Name] = f
			}
		}
		if def.IsAbstractType() {
			ti.possible = possibleObjects(schema, def)
			sort.Slice(ti.possible, func(i, j int) bool { return ti.possible[i].Name < ti.possible[j].Name })
			ti.isPossib = make(map[string]bool, len(ti.possible))
			for _, p := range ti.possible {
				ti.isPossib[p.Name] = true
			}
		}
		if def.Kind == ast.Enum {
			ti.enum = make(map[string]bool, len(def.EnumValues))
			for _, v := range def.EnumValues {
				ti.enum[v.Name] = true
			}
		}
		e.types[name] = ti
	}
	cacheBytes := opts.CacheBytes
	if cacheBytes == 0 {
		cacheBytes = DefaultCacheBytes
	}
	maxQuery := opts.MaxCachedQuery
	if maxQuery <= 0 {
		maxQuery = DefaultMaxCachedQuery
	}
	e.cache.init(cacheBytes, maxQuery)
	e.large = make(chan struct{}, runtime.GOMAXPROCS(0))
	return e
}

// introspection returns the schema's introspection, building it on first use.
func (e *Executor) introspection() *introspection {
	e.introOnce.Do(func() { e.intro.init(e.schema) })
	return &e.intro
}

// Schema returns the schema the Executor serves.
func (e *Executor) Schema() *ast.Schema { return e.schema }

// Prepare parses and validates query, answering repeated texts from a bounded cache.
func (e *Executor) Prepare(query string) (*Program, []*Error) {
	return e.PrepareContext(context.Background(), query)
}

// largeQuery is the length from which a document's preparation takes a turn: at most
// GOMAXPROCS of them at once, which bounds the memory their syntax trees take together
// (up to about 100 times their length) without costing throughput.
const largeQuery = 64 << 10

// CachedQuery returns the text of a prepared document equal to q, so that a request
// can share it rather than copy q; false when no such document is cached.
func (e *Executor) CachedQuery(q []byte) (string, bool) { return e.cache.text(q) }

// InputName returns the schema's own string for an input object's field named b, so
// that a request's variables can share it rather than copy b; false when no input
// object has such a field.
func (e *Executor) InputName(b []byte) (string, bool) {
	e.inputNamesOnce.Do(func() {
		e.inputNames = map[string]string{}
		for _, def := range e.schema.Types {
			if def.Kind == ast.InputObject {
				for _, f := range def.Fields {
					e.inputNames[f.Name] = f.Name
				}
			}
		}
	})
	s, ok := e.inputNames[string(b)]
	return s, ok
}

// PrepareContext is Prepare for a request: a large document waits for its turn only
// while ctx lasts, and the program then carries the error that says so.
func (e *Executor) PrepareContext(ctx context.Context, query string) (*Program, []*Error) {
	if p := e.cache.get(query); p != nil {
		return p, p.errs
	}
	if len(query) >= largeQuery {
		if ctx == nil {
			ctx = context.Background()
		}
		if err := ctx.Err(); err != nil {
			return e.stopped(query, err)
		}
		select {
		case e.large <- struct{}{}:
			defer func() { <-e.large }()
		case <-ctx.Done():
			return e.stopped(query, ctx.Err())
		}
	}
	p := e.prepare(ctx, query)
	if !p.stopped {
		e.cache.put(query, p)
	}
	return p, p.errs
}

// stopped is the program of a document whose preparation ctx ended.
func (e *Executor) stopped(query string, err error) (*Program, []*Error) {
	p := &Program{Query: query, errs: []*Error{e.stopError(err)}}
	return p, p.errs
}

func (e *Executor) prepare(ctx context.Context, query string) (p *Program) {
	p = &Program{Query: query}
	defer func() {
		if r := recover(); r != nil {
			p.Doc = nil
			p.errs = []*Error{{Message: fmt.Sprintf("internal error while validating the document: %v", r)}}
		}
		p.size = retainedSize(query, p.Doc, p.errs)
		p.collectRoom.Store(p.size)
	}()
	doc, err := parser.ParseQuery(&ast.Source{Input: query})
	if err != nil {
		p.errs = syntaxErrors(query, err)
		return p
	}
	if len(doc.Operations) == 0 && len(doc.Fragments) == 0 {
		p.errs = emptyDocument(query)
		return p
	}
	errs, ops, truncated, err := validate(ctx, e.schema, doc, coreKeeps(e.schema))
	if err != nil {
		p.errs, p.stopped = []*Error{prepareStopError(err)}, true
		return p
	}
	if len(errs) > 0 {
		p.errs = convertGQLErrors(coreValidationErrors(e.schema, query, doc, errs, ops))
		if truncated {
			p.errs = append(p.errs, &Error{Message: tooManyErrors})
		}
		return p
	}
	if errs := checkOverlap(e.schema, doc); len(errs) > 0 {
		p.errs = errs
		return p
	}
	p.Doc = doc
	p.varDirs = hasVariableDirectives(doc)
	return p
}

// convertGQLErrors turns gqlparser errors into response errors, keeping locations.
func convertGQLErrors(err error) []*Error {
	var list gqlerror.List
	var one *gqlerror.Error
	switch {
	case errors.As(err, &list):
	case errors.As(err, &one):
		list = gqlerror.List{one}
	default:
		return []*Error{{Message: err.Error()}}
	}
	out := make([]*Error, 0, len(list))
	for _, ge := range list {
		if ge == nil {
			continue
		}
		e := &Error{Message: ge.Message}
		for k, v := range ge.Extensions {
			if k == "file" {
				continue
			}
			if e.Extensions == nil {
				e.Extensions = map[string]any{}
			}
			e.Extensions[k] = v
		}
		for _, l := range ge.Locations {
			e.Locations = append(e.Locations, Location{Line: l.Line, Column: l.Column})
		}
		out = append(out, e)
	}
	if len(out) == 0 {
		out = append(out, &Error{Message: err.Error()})
	}
	return out
}

// hasVariableDirectives reports whether any @skip/@include in doc reads a variable.
func hasVariableDirectives(doc *ast.QueryDocument) bool {
	found := false
	var walk func(ast.SelectionSet)
	check := func(dirs ast.DirectiveList) {
		for _, d := range dirs {
			if d.Name != "skip" && d.Name != "include" {
				continue
			}
			for _, a := range d.Arguments {
				if a.Value != nil && a.Value.Kind == ast.Variable {
					found = true
				}
			}
		}
	}
	walk = func(set ast.SelectionSet) {
		for _, s := range set {
			switch s := s.(type) {
			case *ast.Field:
				check(s.Directives)
				walk(s.SelectionSet)
			case *ast.InlineFragment:
				check(s.Directives)
				walk(s.SelectionSet)
			case *ast.FragmentSpread:
				check(s.Directives)
			}
		}
	}
	for _, op := range doc.Operations {
		walk(op.SelectionSet)
	}
	for _, f := range doc.Fragments {
		walk(f.SelectionSet)
	}
	return found
}

// Operation selects the operation a request names, as the spec's GetOperation does.
func (p *Program) Operation(name string) (*ast.OperationDefinition, *Error) {
	if p.Doc == nil {
		return nil, &Error{Message: "The document is not valid."}
	}
	ops := p.Doc.Operations
	if name == "" {
		switch len(ops) {
		case 0:
			return nil, &Error{Message: "Must provide an operation."}
		case 1:
			return ops[0], nil
		default:
			return nil, &Error{Message: "Must provide operation name if query contains multiple operations."}
		}
	}
	for _, op := range ops {
		if op.Name == name {
			return op, nil
		}
	}
	return nil, &Error{Message: fmt.Sprintf("Unknown operation named '%s'.", name)}
}

// Execute runs req and always returns a Response; it never panics.
func (e *Executor) Execute(ctx context.Context, req *Request) *Response {
	if req == nil {
		return &Response{Invalid: true, Errors: []*Error{{Message: "Must provide a request."}}}
	}
	prog, errs := e.PrepareContext(ctx, req.Query)
	if errs != nil {
		return &Response{Invalid: true, Errors: errs}
	}
	return e.ExecuteProgram(ctx, prog, req)
}

// ExecuteProgram runs req against an already prepared program (req.Query is not re-read).
func (e *Executor) ExecuteProgram(ctx context.Context, prog *Program, req *Request) (resp *Response) {
	ex := &execution{e: e, ctx: ctx, req: req, prog: prog}
	if prog != nil {
		ex.segs.last, ex.hookFields.last, ex.pathElems.last = &prog.pathSteps, &prog.hookFields, &prog.pathElems
	}
	defer func() {
		if r := recover(); r != nil {
			errs := append(ex.errs, &Error{Message: fmt.Sprintf("internal error: %v", r)})
			resp = &Response{Executed: ex.started, Errors: errs}
		}
	}()
	if resp := ex.prepare(); resp != nil {
		return resp
	}
	ex.started = true
	data := ex.run()
	ex.segs.remember()
	ex.hookFields.remember()
	ex.pathElems.remember()
	return &Response{Data: data, Executed: true, Errors: ex.errs}
}

// prepare does what execution does before running the operation: it finds the
// operation, coerces the variables and checks the limits; the answer instead when the
// operation must not run, nil when it may.
func (ex *execution) prepare() *Response {
	e, prog, req := ex.e, ex.prog, ex.req
	if prog == nil || prog.Doc == nil {
		if prog != nil && prog.errs != nil {
			return &Response{Invalid: true, Errors: prog.errs}
		}
		return &Response{Invalid: true, Errors: []*Error{{Message: "Must provide a valid document."}}}
	}
	op, oerr := prog.Operation(req.OperationName)
	if oerr != nil {
		return &Response{Invalid: true, Errors: []*Error{oerr}}
	}
	ex.op = op
	if op.Operation == ast.Subscription {
		return &Response{Invalid: true, Errors: []*Error{{
			Message:   "Subscription operations are not supported.",
			Locations: locationsOf(op.Position),
		}}}
	}
	vars, verrs := e.coerceVariables(op, req.Variables)
	if verrs != nil {
		return &Response{Invalid: true, Errors: verrs}
	}
	ex.vars = vars
	if e.opts.MaxDepth > 0 || e.opts.MaxComplexity > 0 || e.opts.MaxNodes > 0 {
		if err := e.checkLimits(prog.measure(op, vars, e.opts.MaxPageWeight, e.opts.UnpagedNodes)); err != nil {
			return &Response{Errors: []*Error{err}}
		}
	}
	if err := ctxErr(ex.ctx); err != nil {
		return &Response{Errors: []*Error{e.stopError(err)}}
	}
	return nil
}

// RootField is a root field an operation selects: its response key and its name.
type RootField struct {
	Key, Name string
	// Args are the field's coerced arguments (nil when it has none, or they fail).
	Args map[string]any
}

// Plan checks req against an already prepared program as ExecuteProgram does before
// running it (the operation, its variables, the limits), without running it, and
// returns the root fields it would run, by response key in order (@skip and @include
// applied); when it would not run, resp is the answer ExecuteProgram gives instead.
func (e *Executor) Plan(ctx context.Context, prog *Program, req *Request) (fields []RootField, resp *Response) {
	ex := &execution{e: e, ctx: ctx, req: req, prog: prog}
	defer func() {
		if r := recover(); r != nil {
			fields, resp = nil, &Response{Errors: []*Error{{Message: fmt.Sprintf("internal error: %v", r)}}}
		}
	}()
	if resp := ex.prepare(); resp != nil {
		return nil, resp
	}
	root := e.schema.Query
	if ex.op.Operation == ast.Mutation {
		root = e.schema.Mutation
	}
	if root == nil {
		return nil, &Response{Executed: true, Errors: []*Error{{
			Message:   fmt.Sprintf("Schema is not configured to execute %s operation.", ex.op.Operation),
			Locations: locationsOf(ex.op.Position),
		}}}
	}
	for _, g := range ex.collect(root, []ast.SelectionSet{ex.op.SelectionSet}) {
		f := RootField{Key: g.key, Name: g.name}
		if g.def != nil && len(g.def.Arguments) > 0 {
			f.Args, _ = ex.coerceArgs(g.fields[0], g.def)
		}
		fields = append(fields, f)
	}
	return fields, nil
}

// stopError explains why a request's context ended its execution, as
// Options.StopError builds it when set.
func (e *Executor) stopError(err error) *Error {
	if e.opts.StopError != nil && (errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) || errors.Is(err, ErrTooManyFields)) {
		return e.opts.StopError(err)
	}
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		return &Error{Message: "Execution stopped: the request's deadline passed."}
	case errors.Is(err, context.Canceled):
		return &Error{Message: "Execution stopped: the request was cancelled (the client went away)."}
	}
	return &Error{Message: "Execution stopped: " + err.Error() + "."}
}

// prepareStopError explains why a request's context ended its document's validation.
func prepareStopError(err error) *Error {
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		return &Error{Message: "Validation stopped: the request's deadline passed while the document was validated."}
	case errors.Is(err, context.Canceled):
		return &Error{Message: "Validation stopped: the request was cancelled (the client went away)."}
	}
	return &Error{Message: "Validation stopped: " + err.Error()}
}

func ctxErr(ctx context.Context) error {
	if ctx == nil {
		return nil
	}
	return ctx.Err()
}

// checkLimits is the error for an operation over a limit: the node count first, since
// an answer with too many objects is always too complex as well.
func (e *Executor) checkLimits(c Cost) *Error {
	if e.opts.MaxNodes > 0 && c.Nodes > e.opts.MaxNodes {
		if e.opts.NodeLimitError != nil {
			if le := e.opts.NodeLimitError(c.Nodes); le != nil {
				return le
			}
		}
		return &Error{Message: fmt.Sprintf("Query exceeds maximum allowed node count: %d nodes (maximum %d).", c.Nodes, e.opts.MaxNodes)}
	}
	if (e.opts.MaxDepth > 0 && c.Depth > e.opts.MaxDepth) ||
		(e.opts.MaxComplexity > 0 && c.Complexity > e.opts.MaxComplexity) {
		return e.limitError(c.Depth, c.Complexity)
	}
	return nil
}

// OverLimit reports whether an operation of cost c is over the executor's limits, so
// it is refused (KT-CT-1188, KT-CT-1189) and never runs.
func (e *Executor) OverLimit(c Cost) bool { return e.checkLimits(c) != nil }

// Cost measures the operation req selects without executing it: its depth, complexity
// per root field and nodes (see MeasureCost). errs are the document's, the operation's
// or the variables' errors, as Execute would answer them.
func (e *Executor) Cost(req *Request) (Cost, []*Error) {
	if req == nil {
		return Cost{}, []*Error{{Message: "Must provide a request."}}
	}
	prog, errs := e.Prepare(req.Query)
	if errs != nil {
		return Cost{}, errs
	}
	op, oerr := prog.Operation(req.OperationName)
	if oerr != nil {
		return Cost{}, []*Error{oerr}
	}
	vars, verrs := e.coerceVariables(op, req.Variables)
	if verrs != nil {
		return Cost{}, verrs
	}
	c := prog.measure(op, vars, e.opts.MaxPageWeight, e.opts.UnpagedNodes)
	c.Fields = slices.Clone(c.Fields) // the program's copy stays as it is
	return c, nil
}

func (e *Executor) limitError(depth, complexity int) *Error {
	if e.opts.LimitError != nil {
		if le := e.opts.LimitError(depth, complexity); le != nil {
			return le
		}
	}
	return &Error{Message: fmt.Sprintf(
		"Query is too complex: depth %d (maximum %d), complexity %d (maximum %d).",
		depth, e.opts.MaxDepth, complexity, e.opts.MaxComplexity)}
}

func locationsOf(pos *ast.Position) []Location {
	if pos == nil || pos.Line == 0 {
		return nil
	}
	return []Location{{Line: pos.Line, Column: pos.Column}}
}
