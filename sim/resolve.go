package sim

import (
	"context"
	"net/textproto"
	"slices"
	"strings"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/krakensim/krakensim/sim/auth"
	"github.com/krakensim/krakensim/sim/graphql"
)

// Resolver answers one root field from session state. Its value follows graphql.Hook's
// conventions (maps for objects, absent keys filled by fakes); an error fails the field.
type Resolver func(ctx context.Context, c *Call) (any, error)

// namedResolver is a resolver with its "operation.field" name, for the journal.
type namedResolver struct {
	name string
	fn   Resolver
}

// resolver finds the resolver of op's root field, building its "operation.field" key
// on the stack rather than as a new string for every request.
func (s *Simulator) resolver(op, field string) (namedResolver, bool) {
	var room [64]byte
	key := append(append(append(room[:0], op...), '.'), field...)
	r, ok := s.resolvers[string(key)]
	return r, ok && r.fn != nil
}

// Lazy is a field value that a Resolver puts in an object map instead of the value
// itself: it is computed only when the client selects the field, from the field's
// coerced arguments, while the session is still locked.
type Lazy func(args map[string]any) (any, error)

// Selective is a Lazy that is also told which fields the query may read of its value
// (the field being answered), so that it can leave the others out of the maps it
// builds. What it leaves out must be what no query reads: the generator fills a field
// a map lacks.
type Selective func(args map[string]any, sel graphql.Selection) (any, error)

// Call is one root field being resolved, with the session and the viewer.
type Call struct {
	Session *Session
	Field   *graphql.Field
	// Doc is the field's contract (documented errors, auth), nil when undocumented.
	Doc *FieldDoc
	// successor is the contract of the field that answers for a deprecated root field
	// (see world.RootSuccessor), whose errors about the arguments both take are its own.
	successor *FieldDoc
	sim       *Simulator
	// backendAuth answers the platform's sign-in errors with the backend host's codes.
	backendAuth bool
	// claims and authErr cache the Authorization header's check.
	claims   *auth.Claims
	authErr  *auth.Failure
	authDone bool
	// ctx is the request's context, with its deadline (nil outside a request).
	ctx context.Context
	// schema is the schema of the endpoint answering the call (nil outside a request).
	schema *ast.Schema
}

// EnumValues are the values of the endpoint's enum named name, so that an input field
// the SDL types as a String but answers as that enum can be checked; nil when the
// schema has no such enum.
func (c *Call) EnumValues(name string) []string {
	if c.schema == nil {
		return nil
	}
	def := c.schema.Types[name]
	if def == nil || def.Kind != ast.Enum {
		return nil
	}
	out := make([]string, len(def.EnumValues))
	for i, v := range def.EnumValues {
		out[i] = v.Name
	}
	return out
}

// Err is why the request the call serves must stop (its deadline passed, its client
// went away), or nil: work that runs long checks it as it goes.
func (c *Call) Err() error {
	if c == nil || c.ctx == nil {
		return nil
	}
	return c.ctx.Err()
}

// Arg returns a root-field argument by dotted path ("input.accountNumber"), or nil.
func (c *Call) Arg(path string) any {
	var v any = c.Field.Args
	for part := range strings.SplitSeq(path, ".") {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[part]
	}
	return v
}

// StringArg returns a string argument by dotted path, or "".
func (c *Call) StringArg(path string) string {
	s, _ := c.Arg(path).(string)
	return s
}

// Header returns the first value of a request header, or "".
func (c *Call) Header(name string) string {
	if c.Field.Request == nil {
		return ""
	}
	return anyHeaderValue(c.Field.Request.Header, name)
}

// anyHeaderValue is headerValue for a name in any case: looked up as given first, since
// callers mostly pass canonical names and canonicalizing costs a scan of the name.
func anyHeaderValue(h map[string][]string, name string) string {
	if v := h[name]; len(v) > 0 {
		return v[0]
	}
	return headerValue(h, textproto.CanonicalMIMEHeaderKey(name))
}

// headerValue is the first value of the header canonical names (in its canonical form,
// as net/http keeps request headers), or "".
func headerValue(h map[string][]string, canonical string) string {
	if v := h[canonical]; len(v) > 0 {
		return v[0]
	}
	return ""
}

// Error is the Kraken error for code, from the registry, with the field's documented
// message for it when it has one. When the field documents other codes but not this one
// (a tenant SDL's field answered by a shared behaviour), the error uses the documented
// code that fits (see FittingCode), its message and description still the refusal's own
// (a switch date out of range is not a missing supply point), unless the code it uses
// is an "Unauthorized." one, which tells no more.
func (c *Call) Error(code string) error {
	fit := c.FittingCode(code)
	e := c.exactError(fit).(*graphql.Error)
	if def, known := c.sim.registered(code); known && fit != code && c.sim.documentedDef(c.Doc, fit).Type != ErrorTypeAuthorization {
		e.Message, e.Extensions["errorDescription"] = def.Message, def.Description
	}
	return e
}

// exactError is the Kraken error for code itself, as the field documents it (as its
// successor does, for a code only the successor documents).
func (c *Call) exactError(code string) error {
	if !documents(c.Doc, code) && documents(c.successor, code) {
		return c.sim.documentedError(c.successor, code)
	}
	return c.sim.documentedError(c.Doc, code)
}

// Documents reports whether the field's SDL documentation lists code.
func (c *Call) Documents(code string) bool { return documents(c.Doc, code) }

// Refused is the error of a field that cannot do what it is asked, as its description
// says it refuses, its extension listing the reasons (triggerTestCharge's KT-CT-4355
// with testChargeRefusalReasons); nil when it says none.
func (c *Call) Refused(reasons []string) error {
	return c.sim.refusal(c.Doc, reasons)
}

// ValidationError is the Kraken error for code carrying one validationErrors entry at
// inputPath (for example "input", "paymentDay").
func (c *Call) ValidationError(code, message string, inputPath ...any) error {
	e := c.Error(code).(*graphql.Error)
	e.Extensions["validationErrors"] = []any{map[string]any{"message": message, "inputPath": inputPath}}
	return e
}

// InputError is ValidationError for code itself, for a problem with the input that no
// code the field documents names, so that it is not answered with a documented code that
// means something else.
func (c *Call) InputError(code, message string, inputPath ...any) error {
	e := c.exactError(code).(*graphql.Error)
	e.Extensions["validationErrors"] = []any{map[string]any{"message": message, "inputPath": inputPath}}
	return e
}

// Claims returns the signed-in viewer from the Authorization header: nil and nil
// without the header; a Kraken error (KT-CT-1143, KT-CT-1124) for a bad one.
func (c *Call) Claims() (*auth.Claims, error) {
	if !c.authDone {
		c.authDone = true
		if h := c.Header("Authorization"); strings.TrimSpace(h) != "" {
			c.claims, c.authErr = c.Session.Authenticate(h)
		}
	}
	if c.authErr != nil {
		err := c.Error(c.authErr.Code)
		if e, ok := err.(*graphql.Error); ok && c.authErr.Recorded {
			e.Extensions["krakensimReason"] = auth.RecordedTokenReason
		}
		return nil, err
	}
	if c.claims != nil && c.claims.Scope != "" && !scopePermits(c.claims.Scope, c.Field.Name) {
		return nil, c.Error(c.UnauthorizedCode())
	}
	return c.claims, nil
}

// scopeFields are the root fields a token obtained with a pre-signed key of a scope may
// use, for the scopes krakensim enforces; a token of any other scope is not limited.
var scopeFields = map[string][]string{
	"UPDATE_BLACKHOLE_EMAIL":                   {"updateBlackholeEmail", "registerEmail"},
	"UPDATE_BLACKHOLE_EMAIL_NO_ACCOUNT_NUMBER": {"updateBlackholeEmail", "registerEmail"},
}

// scopePermits reports whether a token of scope may use the root field.
func scopePermits(scope, field string) bool {
	fields, limited := scopeFields[scope]
	return !limited || slices.Contains(fields, field)
}

// Caller returns who is signed in, an account user or an organisation, failing as
// Viewer does for a missing or bad header.
func (c *Call) Caller() (*auth.Claims, error) {
	claims, err := c.Claims()
	if err != nil {
		return nil, err
	}
	if claims == nil {
		return nil, c.Error(c.MissingHeaderCode())
	}
	return claims, nil
}

// Viewer returns the signed-in account user, failing as Kraken does: KT-CT-1112
// without a header, KT-CT-1143 or KT-CT-1124 for a bad token, and the unauthorized
// code for a token that signs in no user of this session's world.
func (c *Call) Viewer() (*User, *auth.Claims, error) {
	claims, err := c.Caller()
	if err != nil {
		return nil, nil, err
	}
	u := c.Session.World().User(claims.UserID)
	if u == nil {
		return nil, claims, c.Error(c.UnauthorizedCode())
	}
	return u, claims, nil
}

// MutableViewer is Viewer for a resolver that changes the viewer: the user is the
// session's own copy.
func (c *Call) MutableViewer() (*User, *auth.Claims, error) {
	u, claims, err := c.Viewer()
	if err != nil {
		return nil, claims, err
	}
	return c.Session.World().MutableUser(u.ID), claims, nil
}

// FittingCode is the code a refusal the behaviour calls code is answered with: code
// itself when the field documents it, when it is a platform code or when the field
// documents nothing; else the first code the field documents of the same errorType; else,
// for a NOT_FOUND or AUTHORIZATION refusal, the field's "Unauthorized." code (Kraken does
// not tell a stranger what exists); else, for an input problem (VALIDATION or
// APPLICATION), a documented VALIDATION or APPLICATION code; else code.
func (c *Call) FittingCode(code string) string {
	if twin, ok := backendAuthCodes[code]; ok && (c.backendAuth || documents(c.Doc, twin)) {
		return twin
	}
	if c.Doc == nil || len(c.Doc.Errors) == 0 || documents(c.Doc, code) {
		return code
	}
	if c.sim.PlatformCode(code) {
		return code
	}
	typ := c.sim.errorDef(code).Type
	if documents(c.successor, code) && c.sim.documentedDef(c.successor, code).Type != ErrorTypeAuthorization {
		return code // the successor's own error about an argument both take: no other of the deprecated field's
	}
	pick := func(types ...string) string {
		for _, d := range c.Doc.Errors {
			if !c.sim.PlatformCode(d.Code) && !backendAuthCode(d.Code) && slices.Contains(types, c.sim.errorDef(d.Code).Type) {
				return d.Code
			}
		}
		return ""
	}
	if fit := pick(typ); fit != "" {
		return fit
	}
	switch typ {
	case "NOT_FOUND", ErrorTypeAuthorization:
		if u := c.UnauthorizedCode(); documents(c.Doc, u) {
			return u
		}
	case ErrorTypeValidation, ErrorTypeApplication:
		if fit := pick(ErrorTypeValidation, ErrorTypeApplication); fit != "" {
			return fit
		}
	}
	return code
}

// backendAuthCodes are the codes Octopus's backend host answers for the platform's
// sign-in errors, as its fields document them: a missing header, a bad token, a viewer
// without access, an expired token.
var backendAuthCodes = map[string]string{
	auth.CodeHeaderMissing:     "OE-0101",
	auth.CodeInvalidCredential: "OE-0102",
	auth.CodeUnauthorized:      "OE-0103",
	auth.CodeTokenExpired:      "OE-0104",
}

// backendAuthCode reports whether code is one of backendAuthCodes' answers.
func backendAuthCode(code string) bool {
	for _, twin := range backendAuthCodes {
		if twin == code {
			return true
		}
	}
	return false
}

// MissingHeaderCode is the code a call without the Authorization header fails with: a
// code the field documents whenever one fits (KT-CT-1112, else its own "Unauthorized."
// code, as Origin's account documents only KT-CT-4177), else the platform's KT-CT-1112.
func (c *Call) MissingHeaderCode() string {
	if twin := backendAuthCodes[auth.CodeHeaderMissing]; c.backendAuth || documents(c.Doc, twin) {
		return twin
	}
	if c.Doc == nil || documents(c.Doc, auth.CodeHeaderMissing) {
		return auth.CodeHeaderMissing
	}
	if code := c.UnauthorizedCode(); documents(c.Doc, code) {
		return code
	}
	return auth.CodeHeaderMissing
}

// UnauthorizedCode is the field's documented "Unauthorized." code, or KT-CT-1111.
func (c *Call) UnauthorizedCode() string {
	if c.Doc != nil {
		for _, d := range c.Doc.Errors {
			if d.Code != auth.CodeUnauthorized && strings.HasPrefix(strings.TrimSpace(d.Message), "Unauthorized") {
				return d.Code
			}
		}
	}
	return auth.CodeUnauthorized
}

// Account returns the account numbered number, for reading, if the viewer may touch it:
// the field's unauthorized code when it may not, and notFound (when given) for an
// unknown number.
func (c *Call) Account(number, notFound string) (*Account, error) {
	u, _, err := c.Viewer()
	if err != nil {
		return nil, err
	}
	a := c.Session.World().Account(number)
	if a == nil && notFound != "" {
		return nil, c.Error(notFound)
	}
	if a == nil || !u.CanAccess(number) {
		return nil, c.Error(c.UnauthorizedCode())
	}
	return a, nil
}

// MutableAccount is Account for a resolver that changes the account: the account is the
// session's own copy.
func (c *Call) MutableAccount(number, notFound string) (*Account, error) {
	if _, err := c.Account(number, notFound); err != nil {
		return nil, err
	}
	return c.Session.World().MutableAccount(number), nil
}
