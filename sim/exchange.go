package sim

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/textproto"
	"slices"
	"strconv"
	"strings"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/krakensim/krakensim/internal/nearest"
	"github.com/krakensim/krakensim/sim/graphql"
	"github.com/krakensim/krakensim/sim/journal"
	"github.com/krakensim/krakensim/sim/ratelimit"
	"github.com/krakensim/krakensim/sim/rules"
	"github.com/krakensim/krakensim/sim/world"
)

// Outcome is what a scripted answer does to the HTTP exchange around a GraphQL
// response; nil when nothing was scripted.
type Outcome struct {
	Transport
	// Status, when non-zero, replaces the GraphQL response with this status, Header
	// and Body (for 429, 502 and 503).
	Status int
	Header map[string][]string
	Body   []byte
	// processed is set when the operation ran behind a Status or Fault (the answer's
	// processed).
	processed bool
}

// exchange is one GraphQL request's state while it executes in a session.
type exchange struct {
	endpoint *Endpoint
	session  *Session
	req      *graphql.Request
	prog     *graphql.Program
	outcome  *Outcome
	// opName is the name of the operation the request runs: its operationName, or
	// the name the document gives the operation GraphQL selects without one.
	opName string
	// rootOp and roots are the operation type and root field names, once known.
	rootOp     string
	roots      []string
	rootsReady bool
	// forced are the X-Krakensim-Error entries, parsed once.
	forced      []forcedError
	forcedErr   error
	forcedReady bool
	// nested are scripted errors below root fields, by dotted response path.
	nested map[string]error
	// picks are the root fields' scenario answers by response key, chosen before the
	// operation runs; unprocessed is set when one of them stops the whole operation.
	picks       map[string]*picked
	unprocessed bool
	// active says which scenarios apply (nil: none).
	active rules.Active
	// env is the session's world as the generator sees it.
	env world.Env
	// budget bounds the templates of all the request's scripted answers; made by
	// templateBudget when the first of them renders.
	budget *rules.Budget
	// trace is the request's journal entry (nil: not recorded).
	trace *Trace
	// rate is the viewer's points allowance after this request (nil: no rate limit);
	// rateLimited refuses every root field with KT-CT-1199.
	rate        *ratelimit.Status
	rateLimited bool
	// proxy is the operation's dealings with upstream, when the simulator proxies.
	proxy proxyState
	// ctx is the request's context with its deadline, carrying the exchange itself.
	ctx exchangeCtx
}

// exchangeCtx is the context the executor and resolvers get: the request's deadline,
// and its exchange under exchangeKey, in the exchange's own allocation.
type exchangeCtx struct {
	deadlineCtx
	x *exchange
}

func (c *exchangeCtx) Value(key any) any {
	if _, ok := key.(exchangeKey); ok {
		return c.x
	}
	return c.deadlineCtx.Value(key)
}

// templateBudget is the budget of the request's scripted answers, made on first use:
// most requests render none.
func (x *exchange) templateBudget() *rules.Budget {
	if x.budget == nil {
		x.budget = rules.NewBudget(&x.ctx)
	}
	return x.budget
}

// worldEnv is the world.Env of the request ctx belongs to.
func worldEnv(ctx context.Context) *world.Env {
	if x := exchangeFrom(ctx); x != nil {
		return &x.env
	}
	return nil
}

// requestViewer is the id of the account user the request of env signs in, "" for none.
func requestViewer(env *world.Env) string {
	x, _ := env.Request.(*exchange)
	if x == nil {
		return ""
	}
	if claims := x.claims(); claims != nil {
		return claims.UserID
	}
	return ""
}

type exchangeKey struct{}

func exchangeFrom(ctx context.Context) *exchange {
	x, _ := ctx.Value(exchangeKey{}).(*exchange)
	return x
}

// Serve answers one GraphQL request in the session its X-Krakensim-Session header
// names, and says what a scripted answer does to the HTTP exchange (nil: nothing).
// The request has the simulator's deadline: waiting for the session gives up, and
// execution stops, when it passes or ctx ends.
func (e *Endpoint) Serve(ctx context.Context, req *graphql.Request) (*graphql.Response, *Outcome) {
	if req == nil {
		req = &graphql.Request{}
	}
	if wantsComplexity(req.Header) {
		resp := e.complexityOnly(req)
		if tr := TraceFrom(ctx); tr != nil {
			tr.Entry.Endpoint = e.path
			finishGraphQL(&tr.Entry, resp)
		}
		return resp, nil
	}
	x := &exchange{endpoint: e, req: req}
	x.ctx.x = x
	e.sim.setDeadline(&x.ctx.deadlineCtx, ctx)
	defer x.ctx.stop()
	ctx = &x.ctx
	tr, own := TraceFrom(ctx), false
	if tr == nil {
		tr, own = e.sim.StartTrace("POST", e.path, req.Header), true
	}
	id := headerValue(req.Header, SessionHeader)
	if _, err := e.sim.Session(id); err != nil {
		resp := &graphql.Response{Errors: []*graphql.Error{{
			Message:    SessionHeader + ": " + err.Error(),
			Extensions: map[string]any{"errorCode": CodeBadRequestHeader},
		}}}
		if tr != nil {
			tr.Entry.Endpoint = e.path
			e.finish(tr, own, req, resp, nil)
		}
		return resp, nil
	}
	// Parsing and validation need no session, so they run before waiting for it.
	prog, _ := e.exec.PrepareContext(ctx, req.Query)
	if err := ctx.Err(); err != nil {
		return &graphql.Response{Errors: []*graphql.Error{e.sim.prepareTimeoutError(err)}}, nil
	}
	sess, err := e.sim.acquire(ctx, id)
	if err != nil {
		resp := &graphql.Response{Errors: []*graphql.Error{e.sim.busyError(err)}}
		if tr != nil {
			tr.Entry.Endpoint, tr.Entry.OperationName = e.path, operationName(prog, req.OperationName)
		}
		e.finish(tr, own, req, resp, nil)
		return resp, nil
	}
	defer e.sim.release(sess)
	if req.Host != "" {
		sess.host, sess.secure, sess.header = req.Host, req.Secure, req.Header
	}
	now := sess.Now() // the request's instant on the session's clock
	opType, opName, fields, deprecations := e.analyze(prog, req)
	x.opName = opName
	if tr != nil {
		en := &tr.Entry
		tr.sess = sess
		en.Endpoint, en.OperationName, en.OperationType = e.path, opName, opType
		en.Fields, en.Deprecations, en.Virtual = fields, deprecations, now
		if len(req.VariablesText) > 0 {
			en.SetVariablesText(req.VariablesText)
		} else {
			en.Variables = req.Variables
		}
	}
	named, err := e.sim.requestScenarios(sess, req.Header)
	if err != nil {
		resp := &graphql.Response{Errors: []*graphql.Error{{
			Message: err.Error(), Extensions: map[string]any{"errorCode": CodeBadRequestHeader},
		}}}
		e.finish(tr, own, req, resp, nil)
		return resp, nil
	}
	x.session, x.prog, x.active, x.trace = sess, prog, e.sim.active(named, sess), tr
	x.chargeAllowance(named)
	if x.rateLimited && tr != nil {
		tr.refused = true
	}
	x.env = world.Env{Now: now, Began: sess.Began(), Store: sess.entities, Owner: sess, Request: x}
	var resp *graphql.Response
	if wantsPossibleErrors(req.Header) && !x.rateLimited {
		resp = x.possibleErrorsOnly(ctx, opType)
		if tr != nil {
			tr.Entry.Fields = nil // no root field ran
		}
	} else if x.pick(ctx); x.unprocessed {
		resp = &graphql.Response{} // the scripted status or fault answers; nothing ran
	} else {
		resp = e.exec.ExecuteProgram(ctx, prog, req)
		x.finishProxy()
	}
	if len(deprecations) > 0 && resp.Executed {
		if resp.Extensions == nil {
			resp.Extensions = map[string]any{}
		}
		resp.Extensions["warnings"] = deprecationWarnings(deprecations)
	}
	if wantsPossibleErrors(req.Header) && resp.Executed {
		if op, fields := x.rootFields(); op != "" {
			if resp.Extensions == nil {
				resp.Extensions = map[string]any{}
			}
			resp.Extensions["possibleErrors"] = e.sim.documentedErrors(e.contract, op, fields)
		}
	}
	e.finish(tr, own, req, resp, x.outcome)
	return resp, x.outcome
}

// possibleErrorsOnly answers a request asking X-Kraken-Possible-Errors as Kraken does:
// the document, the variables and the limits are checked as for execution, but no root
// field runs; each answers its documented errors, {"possibleErrors": [...]} under its
// response key (an introspection field answers nothing, a field the contract does not
// document an empty list).
func (x *exchange) possibleErrorsOnly(ctx context.Context, op string) *graphql.Response {
	e := x.endpoint
	fields, resp := e.exec.Plan(ctx, x.prog, x.req)
	if resp != nil {
		return resp
	}
	data := &graphql.Object{}
	for _, f := range fields {
		if strings.HasPrefix(f.Name, "__") {
			continue
		}
		list := []any{}
		if d, ok := e.contract.field(op, f.Name); ok {
			list = e.sim.possibleErrors(d, true)
		}
		data.Keys = append(data.Keys, f.Key)
		data.Values = append(data.Values, map[string]any{"possibleErrors": list})
	}
	return &graphql.Response{Data: data, Executed: true}
}

// CodeRequestTimeout is the errorCode of a request that gave up waiting for its
// session, busy with another request, when its deadline passed.
const CodeRequestTimeout = "KRAKENSIM-TIMEOUT"

// stopError is the GraphQL error of a request whose execution its context ended: its
// deadline passed (KRAKENSIM-TIMEOUT, as for a busy session) or its client went away;
// or that stopped at the fields one answer may hold (KRAKENSIM-RESPONSE-TOO-LARGE).
func (s *Simulator) stopError(err error) *graphql.Error {
	if errors.Is(err, context.DeadlineExceeded) {
		return &graphql.Error{Message: "Execution stopped: the request's deadline passed.", Extensions: map[string]any{
			"errorType":        ErrorTypeApplication,
			"errorCode":        CodeRequestTimeout,
			"errorDescription": "The request ran for longer than its deadline (--request-timeout).",
		}}
	}
	if errors.Is(err, graphql.ErrTooManyFields) {
		return &graphql.Error{Message: "Execution stopped: " + err.Error() + ".", Extensions: map[string]any{
			"errorType":        ErrorTypeApplication,
			"errorCode":        CodeResponseTooLarge,
			"errorDescription": "The answer would have held more fields than one request may (1,000,000).",
		}}
	}
	return &graphql.Error{Message: "Execution stopped: the request was cancelled (the client went away).", Extensions: map[string]any{
		"errorType":        ErrorTypeApplication,
		"errorCode":        CodeRequestCancelled,
		"errorDescription": "The client went away before the answer was complete.",
	}}
}

// CodeResponseTooLarge is the errorCode of a request whose execution stopped at the
// fields one answer may hold (graphql.ErrTooManyFields).
const CodeResponseTooLarge = "KRAKENSIM-RESPONSE-TOO-LARGE"

// CodeRequestCancelled is the errorCode of a request whose client went away during its
// execution.
const CodeRequestCancelled = "KRAKENSIM-CANCELLED"

// busyError is the GraphQL error of a request that could not have its session: its
// deadline passed (KRAKENSIM-TIMEOUT) or its client went away (KRAKENSIM-CANCELLED).
func (s *Simulator) busyError(err error) *graphql.Error {
	if errors.Is(err, context.Canceled) {
		return &graphql.Error{Message: err.Error(), Extensions: map[string]any{
			"errorType":        ErrorTypeApplication,
			"errorCode":        CodeRequestCancelled,
			"errorDescription": "The client went away while the request waited for its session, busy with another request.",
		}}
	}
	return &graphql.Error{Message: err.Error(), Extensions: map[string]any{
		"errorType":        ErrorTypeApplication,
		"errorCode":        CodeRequestTimeout,
		"errorDescription": "The request's session was busy with another request for longer than the request's deadline.",
	}}
}

// operationName is the name of the operation a request runs: name when it gives one,
// else the name of the document's only operation (an anonymous one has none).
func operationName(prog *graphql.Program, name string) string {
	if name != "" || prog == nil || prog.Doc == nil || len(prog.Doc.Operations) != 1 {
		return name
	}
	return prog.Doc.Operations[0].Name
}

// documentOperation is the name of the operation a document begins with ("" for an
// anonymous one, or a document that begins otherwise), read without parsing it, as a
// refused document may not parse.
func documentOperation(q string) string {
	i := skipIgnored(q, 0)
	kw := i
	for i < len(q) && q[i] >= 'a' && q[i] <= 'z' {
		i++
	}
	if k := q[kw:i]; k != "query" && k != "mutation" && k != "subscription" {
		return ""
	}
	i = skipIgnored(q, i)
	start := i
	for i < len(q) && (q[i] == '_' || q[i]|0x20 >= 'a' && q[i]|0x20 <= 'z' || i > start && q[i] >= '0' && q[i] <= '9') {
		i++
	}
	return q[start:i]
}

// skipIgnored is the index of the first token from i: past white space, commas,
// comments and a byte order mark, as GraphQL ignores them.
func skipIgnored(q string, i int) int {
	for i < len(q) {
		switch {
		case q[i] == ' ' || q[i] == '\t' || q[i] == '\n' || q[i] == '\r' || q[i] == ',':
			i++
		case strings.HasPrefix(q[i:], "\ufeff"):
			i += len("\ufeff")
		case q[i] == '#':
			for i < len(q) && q[i] != '\n' && q[i] != '\r' {
				i++
			}
		default:
			return i
		}
	}
	return i
}

// prepareTimeoutError is the GraphQL error of a request whose deadline passed, or
// whose client went away, while its document was parsed and validated.
func (s *Simulator) prepareTimeoutError(err error) *graphql.Error {
	msg := "the request was cancelled while its document was parsed and validated"
	if errors.Is(err, context.DeadlineExceeded) {
		msg = fmt.Sprintf("the request's %v deadline passed while its document was parsed and validated; send a smaller document", s.requestTimeout)
	}
	code, about := CodeRequestTimeout, "The request's document took longer to validate than the request's deadline."
	if !errors.Is(err, context.DeadlineExceeded) {
		code, about = CodeRequestCancelled, "The client went away while the request's document was validated."
	}
	return &graphql.Error{Message: msg, Extensions: map[string]any{
		"errorType":        ErrorTypeApplication,
		"errorCode":        code,
		"errorDescription": about,
	}}
}

// rootFields returns the operation type and root field names of the request, as its
// @skip and @include leave them, once.
func (x *exchange) rootFields() (string, []string) {
	if !x.rootsReady {
		x.rootsReady = true
		x.rootOp, x.roots = rootFields(x.prog, x.req.OperationName, x.req.Variables)
	}
	return x.rootOp, x.roots
}

// finish fills the trace's outcome, and records it when Serve started it. A request
// refused before any root field ran (no data: a syntax or validation error, a limit, a
// busy session; or the rate limit) keeps its document and operation name, which no
// field of the entry shows.
func (e *Endpoint) finish(tr *Trace, own bool, req *graphql.Request, resp *graphql.Response, out *Outcome) {
	if tr == nil {
		return
	}
	finishGraphQL(&tr.Entry, resp)
	if (!tr.Entry.Outcome.Data || tr.refused) && req.Query != "" {
		tr.Entry.SetDocument(req.Query)
		if tr.Entry.OperationName == "" {
			tr.Entry.OperationName = documentOperation(req.Query)
		}
	}
	status, fault := 200, rules.FaultNone
	if out != nil {
		tr.Entry.Outcome.Delay = journal.Duration(out.Delay)
		fault = out.Fault
		if out.Status != 0 {
			status = out.Status
		}
		if out.Status != 0 || out.Fault != rules.FaultNone {
			// The client got the scripted answer, not the operation's data.
			tr.Entry.Outcome.Data, tr.Entry.Outcome.Processed = false, out.processed
		}
	}
	if own {
		tr.Commit(status, fault)
	}
}

// CodeBadRequestHeader is the errorCode of an error about a krakensim request header
// (X-Krakensim-Session, X-Krakensim-Error, X-Krakensim-Scenario).
const CodeBadRequestHeader = "KRAKENSIM-BAD-HEADER"

// hook resolves fields in order: forced errors on root fields, the contract
// (possibleErrors), then for root fields scenario answers, authorization and the
// session's resolvers.
func (e *Endpoint) hook(ctx context.Context, f *graphql.Field) (any, bool, error) {
	x := exchangeFrom(ctx)
	if x != nil && len(f.Path) == 1 {
		if x.rateLimited {
			return nil, true, e.sim.KrakenError(CodeTooManyRequests)
		}
		doc, _ := e.contract.field(string(f.Operation), f.Name)
		if err := x.forcedError(f, doc); err != nil {
			x.noteAnswer(f, nil, HeaderForceError)
			x.proxy.local++
			return nil, true, err
		}
	}
	if v, ok, err := e.contractHook(ctx, f); ok {
		return v, ok, err
	}
	if x == nil {
		return nil, false, nil
	}
	if len(f.Path) != 1 {
		return x.nestedField(f)
	}
	return x.rootField(ctx, f)
}

// hookWants reports whether hook may answer a field: any root field, the contract's
// possibleErrors, and a nested field only when a scenario scripted nested errors or
// its parent's map holds a Lazy or Selective for it.
func (e *Endpoint) hookWants(ctx context.Context, source any, name string, root bool) bool {
	if root || name == "possibleErrors" {
		return true
	}
	x := exchangeFrom(ctx)
	if x == nil {
		return false
	}
	if len(x.nested) > 0 {
		return true
	}
	m, ok := source.(map[string]any)
	if !ok {
		return false
	}
	switch m[name].(type) {
	case Lazy, Selective:
		return true
	}
	return false
}

func (x *exchange) rootField(ctx context.Context, f *graphql.Field) (any, bool, error) {
	e := x.endpoint
	op := string(f.Operation)
	doc, _ := e.contract.field(op, f.Name)
	scripted, err := x.scripted(ctx, f, doc)
	if err != nil {
		x.proxy.local++
		return nil, true, err
	}
	if e.sim.proxy.Upstream != nil {
		// Introspection stays local: the answers describe the schema krakensim checks.
		if scripted == nil && (x.outcome == nil || x.outcome.Status == 0) && !strings.HasPrefix(f.Name, "__") {
			v, err := x.proxied(ctx, f)
			return v, true, err
		}
		x.proxy.local++
	}
	if scripted != nil && scripted.final {
		return scripted.value, true, nil
	}
	call := &Call{Session: x.session, Field: f, Doc: doc, sim: e.sim, backendAuth: e.contract.backendAuth, ctx: ctx, schema: e.exec.Schema()}
	x.env.Scope = call
	if doc != nil && doc.RequiresAuth {
		claims, err := call.Claims()
		if err != nil {
			return nil, true, err
		}
		if claims == nil {
			return nil, true, call.Error(call.MissingHeaderCode())
		}
	}
	value, handled := any(nil), false
	r, ok := e.sim.resolver(op, f.Name)
	if !ok {
		if sf := e.successorField(f); sf != nil {
			if r, ok = e.sim.resolver(op, sf.Name); ok {
				// its errors are the deprecated field's where one says the same (Unauthorized),
				// else the successor's own about the arguments both take
				call.Field = sf
				call.successor, _ = e.contract.field(op, sf.Name)
			}
		}
	}
	if ok {
		if err := x.roomFor(op, f.Name); err != nil {
			return nil, true, err
		}
		x.noteAnswer(f, nil, r.name)
		v, err := r.fn(ctx, call)
		if err != nil {
			return nil, true, err
		}
		value, handled = v, true
	} else if err := call.nodeAccess(e.exec.Schema()); err != nil {
		return nil, true, err
	} else if err := call.strangersAccount(e.exec.Schema()); err != nil {
		return nil, true, err
	} else if err := call.inkAccess(e.exec.Schema()); err != nil {
		return nil, true, err
	} else if call.namesNonMeter() {
		value, handled = nil, true // a car's or a battery's id has no meter telemetry
		if f.Definition.Type.Elem != nil {
			value = []any{}
		}
	}
	if scripted != nil {
		return mergeData(value, scripted.value), true, nil
	}
	return value, handled, nil
}

// successorField is the root field f as the successor its deprecation reason names
// would be asked it (see world.RootSuccessor), with f's arguments, so that a deprecated
// root field without a resolver of its own answers what its successor answers, errors
// included; nil when f names no such successor.
func (e *Endpoint) successorField(f *graphql.Field) *graphql.Field {
	if f.Definition == nil || f.Definition.Directives.ForName("deprecated") == nil {
		return nil
	}
	schema := e.exec.Schema()
	root := schema.Query
	if f.Operation == ast.Mutation {
		root = schema.Mutation
	}
	other := world.RootSuccessor(schema, root, f.Definition)
	if other == nil {
		return nil
	}
	sf := *f
	sf.Name, sf.Definition = other.Name, other
	return &sf
}

// strangersAccount is the error of a query or mutation the world answers about an
// account of the session's state that the signed-in viewer may not touch
// (devices(accountNumber:) of someone else's account, smartMeterTelemetry(deviceId:) of
// their meter, flexPlannedDispatches(deviceId:) of their car, or either of a device no
// household has, triggerBoostCharge(input:
// {accountNumber:}) of their car, updateDeviceSmartControl(input: {deviceId:}) of their
// car or of a device no one registered, createCampaignItems(input: {campaignItems:
// [{accountNumber:}]}) with any item of theirs, apiExceptions(input: {userId:}) of a user
// sharing no account with the viewer), or of an account number no account has:
// Unauthorized, as Kraken answers it; and, asked anonymously, a state meter's device,
// any account's, or a query that could name an owner but names none (apiExceptions): the
// missing header's error; nil for any other call.
func (c *Call) strangersAccount(schema *ast.Schema) error {
	if c.Session == nil || c.Field.Operation != "query" && c.Field.Operation != "mutation" {
		return nil
	}
	mutation := c.Field.Operation == "mutation"
	number, _ := c.Field.Args["accountNumber"].(string)
	if in, ok := c.Field.Args["input"].(map[string]any); ok && number == "" {
		number, _ = in["accountNumber"].(string)
	}
	if id, _ := c.Field.Args["deviceId"].(string); number == "" && id != "" && !mutation && c.sim.meters != nil {
		if m, ok := c.sim.meters(c.Session, id); ok {
			number = m.Owner
		} else if a, _ := c.Session.World().SmartDevice(id); a != nil {
			number = a.Number
		} else if len(c.Session.World().Accounts) > 0 {
			return c.unknownDevice()
		}
	}
	if id, _ := c.Arg("input.deviceId").(string); number == "" && id != "" && mutation && c.actsOnSmartDevice(schema) {
		a, _ := c.Session.World().SmartDevice(id)
		if a == nil {
			return c.unknownDevice()
		}
		number = a.Number
	}
	numbers := c.carried(schema, namesAccount) // accountNumber, input.accountNumber and any deeper
	if number != "" {
		numbers = append(numbers, number)
	}
	users := c.carried(schema, namesUser)
	// A query that could name an owner but names none answers the caller's own
	// (apiExceptions, inkConversation).
	callers := len(numbers) == 0 && len(users) == 0 && !mutation && c.Field.Definition != nil && namesOwner(schema, c.Field.Definition.Arguments)
	if len(numbers) == 0 && len(users) == 0 && !callers || len(c.Session.World().Accounts) == 0 {
		return nil // a world without state makes every account up
	}
	claims, err := c.Claims()
	switch {
	case err != nil:
		return err // an expired or forged token is refused whatever it asks for
	case claims == nil:
		return c.Error(c.MissingHeaderCode()) // a state account's data is its owner's alone
	}
	u, _, err := c.Viewer()
	if err != nil || u == nil {
		return nil
	}
	for _, n := range numbers {
		if !u.CanAccess(n) {
			return c.Error(c.UnauthorizedCode())
		}
	}
	for _, id := range users {
		if other := c.Session.World().User(id); id != u.ID && (other == nil || !slices.ContainsFunc(other.AccountNumbers, u.CanAccess)) {
			return c.Error(c.UnauthorizedCode()) // only the viewer and who shares an account with them
		}
	}
	return nil
}

// namesOwner reports whether arguments may name an account or a user, at any depth of
// their input types.
func namesOwner(schema *ast.Schema, args ast.ArgumentDefinitionList) bool {
	seen := map[string]bool{}
	var in func(name, description string, owner *ast.Definition, t *ast.Type) bool
	in = func(name, description string, owner *ast.Definition, t *ast.Type) bool {
		if owner != nil && strings.Contains(owner.Name, "Bank") {
			return false
		}
		if namesUser(name, description) || namesAccount(name, description) {
			return true
		}
		def := schema.Types[t.Name()]
		if def == nil || def.Kind != ast.InputObject || seen[def.Name] {
			return false
		}
		seen[def.Name] = true
		for _, f := range def.Fields {
			if in(f.Name, f.Description, def, f.Type) {
				return true
			}
		}
		return false
	}
	for _, a := range args {
		if in(a.Name, a.Description, nil, a.Type) {
			return true
		}
	}
	return false
}

// carried are the values the field's arguments carry at any depth, as an argument or
// input field holds says is one: account numbers (namesAccount: accountNumber and
// input.accountNumber, an award's in bulkAwardLoyaltyPoints(input: {awards:
// [{accountNumber:}]}), createCampaignItems' items', a contract's party's) or user ids
// (namesUser); nothing in a bank's input types (a bank account's number is none).
func (c *Call) carried(schema *ast.Schema, holds func(name, description string) bool) []string {
	var out []string
	if c.Field.Definition == nil {
		return nil
	}
	for _, a := range c.Field.Definition.Arguments {
		if v, ok := c.Field.Args[a.Name]; ok {
			out = carriedIn(schema, out, holds, a.Name, a.Description, nil, a.Type, v)
		}
	}
	return out
}

// carriedIn adds to out what the value v of a field or argument named name (of the
// input type owner, nil for an argument) of type t carries, as carried reads it.
func carriedIn(schema *ast.Schema, out []string, holds func(name, description string) bool, name, description string, owner *ast.Definition, t *ast.Type, v any) []string {
	if owner != nil && strings.Contains(owner.Name, "Bank") {
		return out // a bank's account number (BankDetailsInput's)
	}
	switch x := v.(type) {
	case []any:
		elem := t
		if t.Elem != nil {
			elem = t.Elem
		}
		for _, e := range x {
			out = carriedIn(schema, out, holds, name, description, owner, elem, e)
		}
	case string:
		if x != "" && holds(name, description) {
			out = append(out, x)
		}
	case int, int64, float64, json.Number: // an Int user id (createAPIException(input: {userId:}))
		if holds(name, description) {
			out = append(out, intID(x))
		}
	case map[string]any:
		def := schema.Types[t.Name()]
		if def == nil || def.Kind != ast.InputObject {
			return out
		}
		for _, f := range def.Fields {
			if fv, ok := x[f.Name]; ok {
				out = carriedIn(schema, out, holds, f.Name, f.Description, def, f.Type, fv)
			}
		}
	}
	return out
}

// intID is an Int argument's value as the id it is: digits, whichever way the request
// gave the number.
func intID(v any) string {
	switch x := v.(type) {
	case int:
		return strconv.Itoa(x)
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case json.Number:
		return x.String()
	}
	return ""
}

// namesUser reports whether a field or argument holds an account user's id: userId
// (apiExceptions(input: {userId:})) or a name ending so (accountUserId, contactUserId,
// customerUserId, receivingUserId), but not a support user's (assignedUserId,
// supportUserId), who is staff rather than a customer.
func namesUser(name, _ string) bool {
	if name == "userId" {
		return true
	}
	return strings.HasSuffix(name, "UserId") && !strings.HasPrefix(name, "assigned") && !strings.Contains(name, "upport")
}

// namesAccount reports whether a field or argument holds Kraken account numbers: it is
// named so, or its description says so (Origin's PartyInput.account, CreateContractInput's
// subject), but not a card's or bank account's last digits or an internal id.
func namesAccount(name, description string) bool {
	if name == "accountNumber" || name == "accountNumbers" {
		return true
	}
	d := strings.ToLower(description)
	return strings.Contains(d, "account number") && !strings.Contains(d, "last four") && !strings.Contains(d, "not account number")
}

// Scope is whom the call's root field is for, which the world's objects it hands out
// belong to: the account it names, else the user, else the signed-in viewer; no one
// for an anonymous call naming neither, and for node(id:), which answers only what was
// handed out before, to whom it was. The world asks it only of the entities it keeps
// this for (world.HandedOut), so other calls never work it out.
func (c *Call) Scope(schema *ast.Schema) world.Scope {
	if c.Session == nil || c.Field.Definition == nil || c.Field.Name == "node" {
		return world.Scope{}
	}
	if numbers := c.carried(schema, namesAccount); len(numbers) > 0 {
		return world.Scope{Account: numbers[0]}
	}
	if users := c.carried(schema, namesUser); len(users) > 0 {
		return world.Scope{User: users[0]}
	}
	if claims, err := c.Claims(); err == nil && claims != nil {
		return world.Scope{User: claims.UserID}
	}
	return world.Scope{}
}

// nodeAccess is the error of node(id:) as graphene and Kraken answer it: an id that is
// not base64 of "Type:id" or names a type the schema lacks or that is no Node fails as
// graphene words it, and an object of session state someone else owns, or a made-up
// Ink object (a message, a tag, a bucket) handed out for someone else's account or
// user, is refused as its account's fields are (the missing header's error, or
// Unauthorized); nil otherwise.
func (c *Call) nodeAccess(schema *ast.Schema) error {
	if c.Session == nil || c.Field.Operation != "query" || c.Field.Name != "node" || len(c.Field.Path) != 1 {
		return nil
	}
	id, _ := c.Field.Args["id"].(string)
	typ, raw, ok := world.ParseGlobalID(id)
	if !ok || strings.Contains(id, ":") { // graphene reads base64 only
		return &graphql.Error{Message: fmt.Sprintf(`Unable to parse global ID "%s". Make sure it is a base64 encoded string in the format: "TypeName:id". Exception message: Invalid Global ID`, id)}
	}
	t := schema.Types[typ]
	if t == nil {
		return &graphql.Error{Message: fmt.Sprintf(`Relay Node "%s" not found in schema`, typ)}
	}
	if !slices.Contains(t.Interfaces, "Node") {
		return &graphql.Error{Message: fmt.Sprintf(`ObjectType "%s" does not implement the "Node" interface.`, typ)}
	}
	var owners []Owner
	if c.sim.owners != nil {
		if o, found := c.sim.owners(c.Session, typ, raw); found {
			owners = append(owners, o)
		}
	}
	madeUp := len(owners) == 0 && world.HandedOut(typ)
	if madeUp { // those it was handed out to, as inkConversation is answered
		for _, sc := range c.Session.entities.Scopes(typ, raw) {
			owners = append(owners, Owner(sc))
		}
	}
	if len(owners) == 0 {
		return nil
	}
	u, err := c.signedInViewer()
	if err != nil {
		return err
	}
	if c.reads(u, owners, madeUp) {
		return nil
	}
	return c.Error(c.UnauthorizedCode())
}

// reads reports whether the viewer u may read an object of the owners given: one of
// them, a user of their account, or, for a made-up object, one sharing an account with
// the user it was handed out to.
func (c *Call) reads(u *User, owners []Owner, madeUp bool) bool {
	for _, o := range owners {
		if o.User != "" && u != nil && u.ID == o.User || o.Account != "" && u.CanAccess(o.Account) {
			return true
		}
		if other := c.Session.World().User(o.User); madeUp && other != nil && slices.ContainsFunc(other.AccountNumbers, u.CanAccess) {
			return true // a user's made-up objects are those of the accounts they share
		}
	}
	return false
}

// inkAccess is the error of a query or mutation naming Ink conversations or messages by
// their relay ids (inkConversation(conversationRelayId:), inkMessage(messageRelayId:),
// assignInkBucket(input: {conversationRelayId:}), updateMessageTags(input:
// {messageRelayId:}), Origin's inkMessageTextContent(messageId:)): each must have been
// handed out to the viewer, as node(id:) answers it. One handed out to no one is not
// found (KT-CT-7612 for a conversation, KT-CT-7611 for a message); another's is the
// error the field documents for a conversation it may not show (KT-CT-7658) or a
// message it does not show (KT-CT-7611), else Unauthorized; asked anonymously, the
// missing header's error; nil when the call names none. inkConversation naming
// neither an account nor a conversation is KT-CT-7617, as Kraken answers it.
func (c *Call) inkAccess(schema *ast.Schema) error {
	if c.Field.Name == "inkConversation" && len(c.Field.Path) == 1 && c.Field.Definition != nil &&
		c.Field.Definition.Arguments.ForName("conversationRelayId") != nil && c.StringArg("accountNumber") == "" && c.StringArg("conversationRelayId") == "" {
		return c.Error("KT-CT-7617")
	}
	if c.Session == nil || len(c.Session.World().Accounts) == 0 {
		return nil // a world without state makes every conversation up
	}
	var names []string // the argument or input field each id is, in step with ids
	ids := c.carried(schema, func(name, _ string) bool {
		if !strings.HasSuffix(name, "RelayId") && (name != "messageId" || !strings.HasPrefix(c.Field.Name, "ink")) {
			return false
		}
		names = append(names, name)
		return true
	})
	if len(ids) == 0 {
		return nil
	}
	u, err := c.signedInViewer()
	if err != nil {
		return err
	}
	for i, id := range ids {
		conversation := strings.Contains(strings.ToLower(names[i]), "conversation")
		typ, raw, ok := world.ParseGlobalID(id)
		if !ok { // a conversation's relay id is its id as InkConversation answers it
			typ, raw = "InkGenericMessage", id
			if conversation {
				typ = "InkConversation"
			}
		}
		var owners []Owner
		if world.HandedOut(typ) {
			for _, sc := range c.Session.entities.Scopes(typ, raw) {
				owners = append(owners, Owner(sc))
			}
		}
		switch {
		case c.reads(u, owners, true):
			continue
		case len(owners) == 0 && conversation:
			return c.Error("KT-CT-7612") // handed out to no one: not found
		case len(owners) == 0, !conversation && c.Documents("KT-CT-7611"):
			return c.Error("KT-CT-7611")
		case conversation && c.Documents("KT-CT-7658"):
			return c.Error("KT-CT-7658")
		}
		return c.Error(c.UnauthorizedCode())
	}
	return nil
}

// namesNonMeter reports whether the query asks, by its deviceId, a smart meter's data
// (see world.NamesMeterDevice) of a device of the session's state that is no meter (a
// SmartFlex car's krakenflexDeviceId), which has none: an empty list, or null.
func (c *Call) namesNonMeter() bool {
	id, _ := c.Field.Args["deviceId"].(string)
	if c.Session == nil || id == "" || c.Field.Operation != "query" || c.sim.meters == nil || !world.NamesMeterDevice(c.Field.Definition) {
		return false
	}
	if c.Field.Definition.Type.Elem == nil && c.Field.Definition.Type.NonNull {
		return false
	}
	if _, ok := c.sim.meters(c.Session, id); ok {
		return false
	}
	a, _ := c.Session.World().SmartDevice(id)
	return a != nil
}

// tokenError is the error of a call that must carry a token: its token's (expired,
// forged), or the missing header's when it carries none; nil when it is signed in.
func (c *Call) tokenError() error {
	switch claims, err := c.Claims(); {
	case err != nil:
		return err
	case claims == nil:
		return c.Error(c.MissingHeaderCode())
	}
	return nil
}

// signedInViewer is the viewer of a call that must carry a token, or tokenError's error
// (or the viewer's).
func (c *Call) signedInViewer() (*User, error) {
	if err := c.tokenError(); err != nil {
		return nil, err
	}
	u, _, err := c.Viewer()
	return u, err
}

// unknownDevice is the error of a call naming a device no household of the state has:
// Kraken tells no one of it, as it tells a stranger nothing of another's.
func (c *Call) unknownDevice() error {
	if err := c.tokenError(); err != nil {
		return err
	}
	return c.Error(c.UnauthorizedCode())
}

// actsOnSmartDevice reports whether the mutation answers a smart device, of a type an
// account of the state declares devices of (updateDeviceSmartControl's
// SmartFlexDeviceInterface).
func (c *Call) actsOnSmartDevice(schema *ast.Schema) bool {
	t := schema.Types[c.Field.Definition.Type.Name()]
	if t == nil {
		return false
	}
	var names []string
	for _, p := range schema.GetPossibleTypes(t) {
		names = append(names, p.Name)
	}
	return c.Session.World().declaresDevices(names)
}

// nestedField fails a field below a root field where a scenario scripted an error.
func (x *exchange) nestedField(f *graphql.Field) (any, bool, error) {
	if len(x.nested) > 0 {
		if err, ok := x.nested[nestedKey(f)]; ok {
			return nil, true, err
		}
	}
	if m, ok := f.Source.(map[string]any); ok {
		var v any
		var err error
		switch lazy := m[f.Name].(type) {
		case Lazy:
			v, err = lazy(f.Args)
		case Selective:
			v, err = lazy(f.Args, f)
		default:
			return nil, false, nil
		}
		if err != nil { // errors.As's target escapes: made only for an error
			var pe *world.PageError
			if errors.As(err, &pe) {
				err = x.endpoint.sim.pageError(f, pe)
			}
		}
		return v, true, err
	}
	return nil, false, nil
}

// nestedKey is the key of x.nested that scripts an error at f: the root's response key
// (each aliased root field runs its own scripted answer) and field names below it, so
// that an alias below the root fails like the field it names.
func nestedKey(f *graphql.Field) string {
	names := f.NamePath()
	if len(names) == 0 {
		return dottedPath(f.Path)
	}
	names[0] = f.Path[0]
	return dottedPath(names)
}

func dottedPath(path []any) string {
	var b strings.Builder
	for i, p := range path {
		if i > 0 {
			b.WriteByte('.')
		}
		switch v := p.(type) {
		case string:
			b.WriteString(v)
		case int:
			b.WriteString(strconv.Itoa(v))
		default:
			fmt.Fprint(&b, v)
		}
	}
	return b.String()
}

// mergeData lays over on base: maps merge key by key (recursively), anything else
// replaces; an explicit nil in over nulls the field.
func mergeData(base, over any) any {
	om, ok := over.(map[string]any)
	if !ok {
		return over
	}
	bm, ok := base.(map[string]any)
	if !ok {
		return om
	}
	out := make(map[string]any, len(bm)+len(om))
	for k, v := range bm {
		out[k] = v
	}
	for k, v := range om {
		if bv, ok := out[k]; ok {
			out[k] = mergeData(bv, v)
		} else {
			out[k] = v
		}
	}
	return out
}

// forcedError is one X-Krakensim-Error entry: a code, optionally for one field.
type forcedError struct {
	field, code string
}

// HeaderForceError names the request header that makes root fields fail with codes.
const HeaderForceError = "X-Krakensim-Error"

func (x *exchange) forcedError(f *graphql.Field, doc *FieldDoc) error {
	if !x.forcedReady {
		x.forcedReady = true
		x.forced, x.forcedErr = parseForced(x.req.Header[HeaderForceError])
		if x.forcedErr == nil {
			x.forcedErr = x.unknownForcedField()
		}
	}
	if x.forcedErr != nil {
		return x.headerError(x.forcedErr.Error())
	}
	s := x.endpoint.sim
	for _, fe := range x.forced {
		if fe.field != "" && fe.field != f.Name && fe.field != f.Alias {
			continue
		}
		if documents(doc, fe.code) {
			return s.withInputProblem(doc, fe.code, s.sharedKrakenError(doc, fe.code))
		}
		if s.PlatformCode(fe.code) {
			return s.sharedKrakenError(doc, fe.code)
		}
		if fe.field == "" && x.someRootDocuments(fe.code) {
			continue
		}
		var platform []string
		for _, code := range s.PlatformCodes() {
			if !documents(doc, code) {
				platform = append(platform, code)
			}
		}
		return x.headerError(fmt.Sprintf("%s: %s does not document %s; it documents %s, and any field can fail with the platform's %s",
			HeaderForceError, f.Name, fe.code, documentedList(doc), strings.Join(platform, ", ")))
	}
	return nil
}

// unknownForcedField is the error for an X-Krakensim-Error entry naming a field that is
// neither a root field of the served schemas nor an alias the operation gives one; nil
// when every entry names one or none.
func (x *exchange) unknownForcedField() error {
	var aliases []string
	for _, fe := range x.forced {
		if fe.field == "" || slices.Contains(x.endpoint.sim.rootNames, fe.field) {
			continue
		}
		if aliases == nil {
			aliases = []string{}
			eachRootField(x.prog, x.req.OperationName, nil, func(f *ast.Field) { aliases = append(aliases, f.Alias) })
		}
		if slices.Contains(aliases, fe.field) {
			continue
		}
		hint := ""
		if c := nearest.Name(fe.field, x.endpoint.sim.rootNames); c != "" {
			hint = fmt.Sprintf(" (did you mean %q?)", c)
		}
		return fmt.Errorf("%s: %q is not a root field of the schema%s; name a query or mutation, or an alias the operation gives one", HeaderForceError, fe.field, hint)
	}
	return nil
}

func (x *exchange) headerError(msg string) *graphql.Error {
	return &graphql.Error{Message: msg, Extensions: map[string]any{"errorCode": CodeBadRequestHeader}}
}

func parseForced(values []string) ([]forcedError, error) {
	var out []forcedError
	for _, v := range values {
		for item := range strings.SplitSeq(v, ",") {
			item = strings.TrimSpace(item)
			if item == "" {
				continue
			}
			field, code, ok := strings.Cut(item, "=")
			if !ok {
				field, code = "", item
			}
			field, code = strings.TrimSpace(field), strings.TrimSpace(code)
			if code == "" || (ok && field == "") {
				return nil, fmt.Errorf("%s: %q is not CODE or FIELD=CODE", HeaderForceError, item)
			}
			if strings.ContainsAny(code, ";= ") {
				return nil, fmt.Errorf("%s: %q is not CODE or FIELD=CODE; separate pairs with commas (viewer=KT-CT-1111,account=KT-CT-1112)", HeaderForceError, item)
			}
			out = append(out, forcedError{field: field, code: code})
		}
	}
	return out, nil
}

func documents(doc *FieldDoc, code string) bool {
	if doc == nil {
		return false
	}
	for _, d := range doc.Errors {
		if d.Code == code {
			return true
		}
	}
	return false
}

func documentedList(doc *FieldDoc) string {
	if doc == nil || len(doc.Errors) == 0 {
		return "no error codes"
	}
	codes := make([]string, len(doc.Errors))
	for i, d := range doc.Errors {
		codes[i] = d.Code
	}
	return strings.Join(codes, ", ")
}

// someRootDocuments reports whether any root field of the operation documents code.
func (x *exchange) someRootDocuments(code string) bool {
	op, fields := x.rootFields()
	for _, name := range fields {
		if doc, ok := x.endpoint.contract.field(op, name); ok && documents(doc, code) {
			return true
		}
	}
	return false
}

// scriptedValue is a scenario's answer for a root field: final values skip state.
type scriptedValue struct {
	value any
	final bool
}

func canonicalHeader(k string) string { return textproto.CanonicalMIMEHeaderKey(k) }
