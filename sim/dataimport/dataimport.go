// Package dataimport simulates Kraken's data-import REST API (customer migrations): the
// account import endpoints that create accounts, the post-import endpoints that add
// notes, transactions, historical statements, payment instructions and registration
// flows to them, and the status reads. State lives in the session's World, so the
// GraphQL API sees what is imported here.
package dataimport

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"strings"
	"unicode/utf8"

	"github.com/krakensim/krakensim/internal/jsonvalue"
	"github.com/krakensim/krakensim/schema"
	"github.com/krakensim/krakensim/sim"
)

// Route patterns of the endpoints, as the real API spells its paths.
const (
	PathNotes               = "/v1/data-import/notes/create/"
	PathTransactions        = "/v1/data-import/transactions/create/"
	PathStatements          = "/v1/data-import/historical-statements/create/"
	PathPaymentInstruction  = "/v1/data-import/payment-instruction/create/"
	PathRegistrationFlows   = "/v1/data-import/send-registration-flows/{import_supplier_code}/{external_account_number}/"
	PathTransferStatus      = "/v1/data-import/account-transfer-status/{import_supplier_code}/{external_account_number}/"
	PathAccounts            = "/v2/data-import/accounts/"
	PathValidateAccount     = "/v2/data-import/accounts/validate/"
	PathAccountImportStatus = "/v2/data-import/accounts/{import_supplier_code}/{external_identifier}/"
	PathSchema              = "/v1/data-import/schema/"
)

// Routes lists the data-import endpoints for sim.Config.Routes.
func Routes() []sim.Route {
	return []sim.Route{
		{Method: "POST", Pattern: PathNotes, Name: "add notes to an imported account", Handle: jsonEndpointMerged("POST", PathNotes, itemList, storing(createNotes))},
		{Method: "POST", Pattern: PathTransactions, Name: "import financial transactions", Handle: jsonEndpointMerged("POST", PathTransactions, indexKeyed, storing(createTransactions))},
		{Method: "POST", Pattern: PathStatements, Name: "import historical statements", Handle: jsonEndpoint("POST", PathStatements, itemList, storing(createStatements))},
		{Method: "POST", Pattern: PathPaymentInstruction, Name: "create a payment instruction", Handle: jsonEndpoint("POST", PathPaymentInstruction, itemList, storing(createPaymentInstruction))},
		{Method: "POST", Pattern: PathRegistrationFlows, Name: "send registration flows for an account's meter points", Handle: authenticated(sendRegistrationFlows)},
		{Method: "GET", Pattern: PathTransferStatus, Name: "read an account's transfer status", Handle: authenticated(transferStatus)},
		{Method: "POST", Pattern: PathAccounts, Name: "schedule the creation of an account", Handle: jsonEndpoint("", "", itemList, storing(scheduleAccount))},
		{Method: "POST", Pattern: PathValidateAccount, Name: "validate an account payload", Handle: jsonEndpoint("", "", itemList, validateAccount)},
		{Method: "GET", Pattern: PathAccountImportStatus, Name: "read an account import's status", Handle: authenticated(accountImportStatus)},
		{Method: "GET", Pattern: PathSchema, Name: "the data-import OpenAPI document", Handle: serveSchema},
	}
}

// caller is who an authenticated request comes from: an import supplier's API key.
type caller struct {
	supplier *sim.ImportSupplier
}

// mayActFor reports whether the caller may import for the supplier with code.
func (c caller) mayActFor(code string) bool {
	return c.supplier != nil && c.supplier.Code == code
}

// call is one authenticated request being answered.
type call struct {
	ctx    context.Context
	sess   *sim.Session
	req    *sim.HTTPRequest
	caller caller
	// problems are the body's schema problems, DRF-style, that resolve answers together
	// with the handler's own.
	problems map[string]any
}

func (c *call) world() *sim.World { return c.sess.World() }

type handler func(c *call, body map[string]any) *sim.HTTPResponse

// authenticated wraps a handler that takes no body with the credential check.
func authenticated(h handler) sim.RESTHandler {
	return func(ctx context.Context, s *sim.Session, req *sim.HTTPRequest) *sim.HTTPResponse {
		who, fail := authenticate(s, req)
		if fail != nil {
			return fail
		}
		return h(&call{ctx: ctx, sess: s, req: req, caller: who}, nil)
	}
}

// jsonEndpoint wraps a handler of a JSON object body with the credential, media type
// and parse checks, in Django REST Framework's order. With a method and pattern, the
// body is then checked against its schema in the OpenAPI document, and problems are
// answered as DRF answers field errors (list items' problems filed as shape says),
// before the handler's own rules, as DRF runs an object's validate() only once its
// fields are valid.
func jsonEndpoint(method, pattern string, shape listShape, h handler) sim.RESTHandler {
	return jsonEndpointWith(method, pattern, shape, false, h)
}

// jsonEndpointMerged is jsonEndpoint handing the schema problems to the handler, whose
// resolve answers them together with its own checks (the rules between the fields of
// the items without schema problems, the supplier lookup), as DRF answers a list's
// items each once their fields are valid.
func jsonEndpointMerged(method, pattern string, shape listShape, h handler) sim.RESTHandler {
	return jsonEndpointWith(method, pattern, shape, true, h)
}

func jsonEndpointWith(method, pattern string, shape listShape, merge bool, h handler) sim.RESTHandler {
	return func(ctx context.Context, s *sim.Session, req *sim.HTTPRequest) *sim.HTTPResponse {
		who, fail := authenticate(s, req)
		if fail != nil {
			return fail
		}
		if resp := checkMediaType(req); resp != nil {
			return resp
		}
		body, resp := parseObject(req.Body)
		if resp != nil {
			return resp
		}
		c := &call{ctx: ctx, sess: s, req: req, caller: who}
		if pattern != "" {
			c.problems = contractProblemsShaped(method, pattern, body, shape)
			if c.problems != nil && !merge {
				return sim.JSONResponse(400, c.problems)
			}
		}
		return h(c, body)
	}
}

// CodeSessionFull is the code of the 507 answer to an import into a session that holds
// as much as Config.MaxSessionBytes allows.
const CodeSessionFull = "session_full"

// storing wraps a handler that stores records in the session: a full session answers
// 507 with a DRF-style body naming its size, the limit and how to reset it.
func storing(h handler) handler {
	return func(c *call, body map[string]any) *sim.HTTPResponse {
		if err := c.sess.Full(); err != nil { // errors.As's target escapes: made only for an error
			var full *sim.SessionFullError
			if errors.As(err, &full) {
				return sim.JSONResponse(507, map[string]any{
					"detail": full.Error(), "code": CodeSessionFull,
					"session_bytes": full.Bytes, "limit_bytes": full.Limit,
				})
			}
		}
		return h(c, body)
	}
}

// detail is a DRF-style {"detail": …} answer.
func detail(status int, msg string) *sim.HTTPResponse {
	return sim.JSONResponse(status, map[string]any{"detail": msg})
}

func unauthorized(msg string) *sim.HTTPResponse {
	resp := detail(401, msg)
	resp.Header["Www-Authenticate"] = []string{"Token"}
	return resp
}

// Messages of the authentication failures, as DRF words them.
const (
	msgNoCredentials   = "Authentication credentials were not provided."
	msgInvalidToken    = "Invalid token."
	msgForbidden       = "You do not have permission to perform this action."
	msgTokenNoKey      = "Invalid token header. No credentials provided."
	msgTokenSpaces     = "Invalid token header. Token string should not contain spaces."
	msgJWTExpired      = "Signature has expired."
	msgJWTUndecodable  = "Error decoding signature."
	msgUnsupportedType = "Unsupported media type \"%s\" in request."
)

// authenticate checks the Authorization header: "Token <import supplier API key>", or
// a Kraken JWT ("JWT <token>" or the raw token). A valid JWT authenticates, but no
// user of the world has the data-import permission, so it is then refused with 403,
// as DRF checks permissions after authentication.
func authenticate(s *sim.Session, req *sim.HTTPRequest) (caller, *sim.HTTPResponse) {
	h := strings.TrimSpace(req.HeaderValue("Authorization"))
	if h == "" {
		return caller{}, unauthorized(msgNoCredentials)
	}
	scheme, rest, _ := strings.Cut(h, " ")
	if strings.EqualFold(scheme, "Token") {
		key := strings.TrimSpace(rest)
		switch {
		case key == "":
			return caller{}, unauthorized(msgTokenNoKey)
		case strings.ContainsAny(key, " \t"):
			return caller{}, unauthorized(msgTokenSpaces)
		}
		sup := s.World().ImportSupplierByAPIKey(key)
		if sup == nil {
			return caller{}, unauthorized(msgInvalidToken)
		}
		return caller{supplier: sup}, nil
	}
	if _, fail := s.Authenticate(h); fail != nil {
		if fail.Code == "KT-CT-1124" {
			return caller{}, unauthorized(msgJWTExpired)
		}
		return caller{}, unauthorized(msgJWTUndecodable)
	}
	return caller{}, detail(403, msgForbidden)
}

// checkMediaType answers 415 unless the body is JSON; a request without a Content-Type
// is read as JSON.
func checkMediaType(req *sim.HTTPRequest) *sim.HTTPResponse {
	ct := req.HeaderValue("Content-Type")
	if ct == "application/json" || strings.TrimSpace(ct) == "" { // what mime.ParseMediaType would pass, without its map
		return nil
	}
	mt, _, err := mime.ParseMediaType(ct)
	if err == nil && (mt == "application/json" || strings.HasPrefix(mt, "application/") && strings.HasSuffix(mt, "+json")) {
		return nil
	}
	return detail(415, fmt.Sprintf(msgUnsupportedType, ct))
}

// parseObject decodes a JSON object body, keeping numbers exact. An empty body is an
// empty object, as DRF reads it.
func parseObject(b []byte) (map[string]any, *sim.HTTPResponse) {
	if len(bytes.TrimSpace(b)) == 0 {
		return map[string]any{}, nil
	}
	v, err := decodeJSON(b)
	if err != nil {
		return nil, detail(400, "JSON parse error - "+err.Error())
	}
	obj, ok := v.(map[string]any)
	if !ok {
		return nil, sim.JSONResponse(400, map[string]any{"non_field_errors": []string{
			fmt.Sprintf("Invalid data. Expected a dictionary, but got %s.", jsonKind(v)),
		}})
	}
	return obj, nil
}

// decodeJSON decodes one JSON value, naming the position of a syntax error.
func decodeJSON(b []byte) (any, error) {
	if utf8.Valid(b) && jsonvalue.Valid(b) {
		return jsonvalue.DecodeKeepingSurrogates(b, documentedName), nil
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, positioned(b, err, dec.InputOffset())
	}
	if dec.More() {
		off := dec.InputOffset()
		for off < int64(len(b)) && strings.ContainsRune(" \t\r\n", rune(b[off])) {
			off++
		}
		return nil, fmt.Errorf("extra data after the JSON value: %s", where(b, off))
	}
	return v, nil
}

func positioned(b []byte, err error, fallback int64) error {
	var syn *json.SyntaxError
	if errors.As(err, &syn) {
		return fmt.Errorf("%s: %s", syn.Error(), where(b, max(syn.Offset-1, 0)))
	}
	var typ *json.UnmarshalTypeError
	if errors.As(err, &typ) {
		return fmt.Errorf("%s: %s", typ.Error(), where(b, typ.Offset))
	}
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return fmt.Errorf("unexpected end of JSON input: %s", where(b, int64(len(b))))
	}
	return fmt.Errorf("%s: %s", err.Error(), where(b, fallback))
}

// where formats a byte offset as Python's json module does: line, column and char.
func where(b []byte, off int64) string {
	if off > int64(len(b)) {
		off = int64(len(b))
	}
	if off < 0 {
		off = 0
	}
	line, col := 1, 1
	for _, c := range b[:off] {
		if c == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	return fmt.Sprintf("line %d column %d (char %d)", line, col, off)
}

func jsonKind(v any) string {
	switch v := v.(type) {
	case nil:
		return "NoneType"
	case bool:
		return "bool"
	case json.Number:
		if strings.ContainsAny(v.String(), ".eE") {
			return "float"
		}
		return "int"
	case float64: // a value checked against the OpenAPI document
		if v == float64(int64(v)) {
			return "int"
		}
		return "float"
	case string:
		return "str"
	case []any:
		return "list"
	case map[string]any:
		return "dict"
	}
	return fmt.Sprintf("%T", v)
}

// serveSchema answers the embedded OpenAPI document, as YAML or, with ?format=json, as
// JSON.
func serveSchema(_ context.Context, _ *sim.Session, req *sim.HTTPRequest) *sim.HTTPResponse {
	doc := schema.DataImportOpenAPI()
	if f := req.Query["format"]; len(f) > 0 && strings.EqualFold(f[0], "json") {
		b, err := yamlToJSON(doc)
		if err != nil {
			return detail(500, "the OpenAPI document could not be converted to JSON: "+err.Error())
		}
		return &sim.HTTPResponse{Status: 200, Header: map[string][]string{"Content-Type": {"application/json"}}, Body: b}
	}
	return &sim.HTTPResponse{Status: 200, Header: map[string][]string{"Content-Type": {"application/yaml"}}, Body: doc}
}
