package dataimport

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/krakensim/krakensim/schema"
)

// bodySchemas are the JSON request-body schemas of the project's own OpenAPI document
// (schema/data-import.openapi.yaml), by "METHOD /path/{param}/", so that the document
// and the behaviour cannot disagree on what a body may hold.
func bodySchemas() (map[string]*openapi3.Schema, error) {
	d, err := openAPIOperations()
	return d.bodies, err
}

// documentedName is the property name the data-import OpenAPI document spells as b,
// shared by every body that sends it.
func documentedName(b []byte) (string, bool) {
	s, ok := documentedNames()[string(b)]
	return s, ok
}

// documentedNames are the property names of the data-import OpenAPI document's request
// bodies, at any depth.
var documentedNames = sync.OnceValue(func() map[string]string {
	names := map[string]string{}
	seen := map[*openapi3.Schema]bool{}
	var walk func(s *openapi3.Schema)
	walk = func(s *openapi3.Schema) {
		if s == nil || seen[s] {
			return
		}
		seen[s] = true
		for name, p := range s.Properties {
			names[name] = name
			if p != nil {
				walk(p.Value)
			}
		}
		if s.Items != nil {
			walk(s.Items.Value)
		}
		if s.AdditionalProperties.Schema != nil {
			walk(s.AdditionalProperties.Schema.Value)
		}
		for _, refs := range []openapi3.SchemaRefs{s.AllOf, s.AnyOf, s.OneOf} {
			for _, r := range refs {
				if r != nil {
					walk(r.Value)
				}
			}
		}
	}
	d, _ := openAPIOperations()
	for _, s := range d.bodies {
		walk(s)
	}
	return names
})

// documentedOperations is what the data-import OpenAPI document says each operation,
// by "METHOD /path/{param}/", takes.
type documentedOperations struct {
	bodies map[string]*openapi3.Schema
	query  map[string][]string
}

var openAPIOperations = sync.OnceValues(func() (documentedOperations, error) {
	doc, err := openapi3.NewLoader().LoadFromData(schema.DataImportOpenAPI())
	if err != nil {
		return documentedOperations{}, fmt.Errorf("data-import OpenAPI document: %w", err)
	}
	if err := doc.Validate(context.Background(), openapi3.DisableExamplesValidation()); err != nil {
		return documentedOperations{}, fmt.Errorf("data-import OpenAPI document: %w", err)
	}
	out := documentedOperations{bodies: map[string]*openapi3.Schema{}, query: map[string][]string{}}
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			key := method + " " + path
			names := []string{}
			for _, p := range append(item.Parameters, op.Parameters...) {
				if p != nil && p.Value != nil && p.Value.In == openapi3.ParameterInQuery {
					names = append(names, p.Value.Name)
				}
			}
			out.query[key] = names
			if op.RequestBody == nil || op.RequestBody.Value == nil {
				continue
			}
			if mt := op.RequestBody.Value.Content.Get("application/json"); mt != nil && mt.Schema != nil && mt.Schema.Value != nil {
				out.bodies[key] = mt.Schema.Value
			}
		}
	}
	return out, nil
})

// BodySchema is the JSON request-body schema the data-import OpenAPI document gives the
// route "METHOD /path/{param}/", for checking the body paths a scenario or a
// verification pattern names; nil when the document gives the route no JSON body.
func BodySchema(route string) *openapi3.Schema {
	d, _ := openAPIOperations()
	return d.bodies[route]
}

// QueryParameters names the URL query parameters the data-import OpenAPI document
// gives the route "METHOD /path/{param}/"; documented is false for a route the
// document does not have (such as Octopus's public API).
func QueryParameters(route string) (names []string, documented bool) {
	d, _ := openAPIOperations()
	names, documented = d.query[route]
	return names, documented
}

// listShape is how a DRF-style error body files the problems of a list's items.
type listShape int

const (
	// itemList files them as a list with one entry per item, {} for the good ones, as
	// DRF's ListSerializer does.
	itemList listShape = iota
	// indexKeyed files them in an object keyed by the item's index, as DRF's ListField
	// does.
	indexKeyed
)

// contractProblems checks a request body against its operation's schema in the OpenAPI
// document and returns the problems as a DRF-style error body ({"field": ["message"]},
// lists of objects by index, "non_field_errors" for the body as a whole), or nil.
func contractProblems(method, pattern string, body map[string]any) map[string]any {
	return contractProblemsShaped(method, pattern, body, itemList)
}

// contractProblemsShaped is contractProblems filing list items' problems as shape says.
func contractProblemsShaped(method, pattern string, body map[string]any, shape listShape) map[string]any {
	schemas, err := bodySchemas()
	if err != nil {
		return map[string]any{"non_field_errors": []any{err.Error()}}
	}
	var key [128]byte // the map is read by the bytes, without a string made of them
	return shapedProblems(schemas[string(append(append(append(key[:0], method...), ' '), pattern...))], body, shape)
}

// shapedProblems checks body against s, filing list items' problems as shape says.
func shapedProblems(s *openapi3.Schema, body map[string]any, shape listShape) map[string]any {
	if s == nil {
		return nil
	}
	var doc any = body
	if hasNumber(body) {
		doc = jsonValue(body)
	}
	verr := s.VisitJSON(doc, openapi3.MultiErrors(), openapi3.EnableFormatValidation())
	if verr == nil {
		return nil
	}
	out := map[string]any{}
	for _, se := range schemaErrors(verr) {
		ptr := se.JSONPointer()
		if se.SchemaField == "type" && se.Schema != nil && se.Schema.Type != nil && se.Schema.Type.Is("object") {
			ptr = append(ptr, "non_field_errors") // DRF files a nested object's own errors there
		}
		addProblem(out, ptr, drfMessage(se), shape)
	}
	return out
}

// jsonValue turns decoded JSON numbers into what VisitJSON expects (float64); the rest
// already has JSON's shape.
func jsonValue(v any) any {
	switch x := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = jsonValue(e)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = jsonValue(e)
		}
		return out
	case interface{ Float64() (float64, error) }:
		f, err := x.Float64()
		if err != nil {
			return v
		}
		return f
	}
	return v
}

// hasNumber reports whether v holds a decoded JSON number, which jsonValue converts.
func hasNumber(v any) bool {
	switch x := v.(type) {
	case map[string]any:
		for _, e := range x {
			if hasNumber(e) {
				return true
			}
		}
	case []any:
		for _, e := range x {
			if hasNumber(e) {
				return true
			}
		}
	case interface{ Float64() (float64, error) }:
		return true
	}
	return false
}

// schemaErrors flattens kin-openapi's errors, most specific first, sorted by path.
func schemaErrors(err error) []*openapi3.SchemaError {
	var out []*openapi3.SchemaError
	var walk func(error)
	walk = func(err error) {
		switch e := err.(type) {
		case nil:
		case openapi3.MultiError:
			for _, x := range e {
				walk(x)
			}
		case *openapi3.SchemaError:
			// a oneOf or anyOf is one problem, whichever branch came nearest
			if e.Origin != nil && e.SchemaField != "oneOf" && e.SchemaField != "anyOf" {
				var inner *openapi3.SchemaError
				if errors.As(e.Origin, &inner) {
					walk(e.Origin)
					return
				}
			}
			out = append(out, e)
		default:
			walk(errors.Unwrap(err))
		}
	}
	walk(err)
	sort.SliceStable(out, func(i, j int) bool {
		return strings.Join(out[i].JSONPointer(), "/") < strings.Join(out[j].JSONPointer(), "/")
	})
	return out
}

// extMessage is the OpenAPI extension that words a schema's pattern or item-count
// errors, where DRF's generic words would not say what is wanted.
const extMessage = "x-error-message"

// ownWords are the schema keywords whose errors extMessage words.
var ownWords = map[string]bool{"pattern": true, "minItems": true, "maxItems": true}

// drfMessage words a schema error as Django REST Framework words the same problem.
func drfMessage(se *openapi3.SchemaError) string {
	s := se.Schema
	if s != nil && ownWords[se.SchemaField] {
		if msg, ok := s.Extensions[extMessage].(string); ok && msg != "" {
			return msg
		}
	}
	switch se.SchemaField {
	case "oneOf", "anyOf":
		if s != nil && slices.ContainsFunc(append(s.OneOf, s.AnyOf...), func(r *openapi3.SchemaRef) bool {
			return r.Value != nil && r.Value.Type != nil && r.Value.Type.Is("number")
		}) {
			return msgNotNumber
		}
		return "Enter a valid value."
	case "required":
		return msgRequired
	case "nullable":
		return "This field may not be null."
	case "enum":
		return fmt.Sprintf("%q is not a valid choice.", fmt.Sprint(se.Value))
	case "type":
		if s != nil && s.Type != nil {
			switch {
			case s.Type.Is("string"):
				return "Not a valid string."
			case s.Type.Is("integer"):
				return "A valid integer is required."
			case s.Type.Is("number"):
				return "A valid number is required."
			case s.Type.Is("boolean"):
				return "Must be a valid boolean."
			case s.Type.Is("array"):
				return fmt.Sprintf("Expected a list of items but got type %q.", jsonKind(se.Value))
			case s.Type.Is("object"):
				return fmt.Sprintf("Invalid data. Expected a dictionary, but got %s.", jsonKind(se.Value))
			}
		}
	case "maxLength":
		if s != nil && s.MaxLength != nil {
			return fmt.Sprintf("Ensure this field has no more than %d characters.", *s.MaxLength)
		}
	case "minLength":
		return "This field may not be blank."
	case "pattern":
		return "Enter a valid value."
	case "format":
		switch {
		case s != nil && s.Format == "date":
			return msgDateFormat
		case s != nil && s.Format == "date-time":
			return msgTimeFormat
		}
		return "Enter a valid value."
	case "minItems":
		if s != nil && s.MinItems > 1 {
			return fmt.Sprintf("Ensure this field has at least %d elements.", s.MinItems)
		}
		return msgEmptyList
	case "maxItems":
		if s != nil && s.MaxItems != nil {
			return fmt.Sprintf("Ensure this field has no more than %d elements.", *s.MaxItems)
		}
	}
	return strings.TrimSuffix(se.Reason, ".") + "."
}

// addProblem files msg under its JSON pointer in a DRF-style body: object keys nest as
// objects, list indices as lists padded with {} for the items without problems, or, in
// the indexKeyed shape, as object keys.
func addProblem(out map[string]any, pointer []string, msg string, shape listShape) {
	if len(pointer) == 0 {
		out["non_field_errors"] = appendMsg(out["non_field_errors"], msg)
		return
	}
	var put func(container any, path []string) any
	put = func(container any, path []string) any {
		if len(path) == 0 {
			return appendMsg(container, msg)
		}
		if i, err := strconv.Atoi(path[0]); err == nil && i >= 0 && i < maxListProblems && shape == itemList {
			list, _ := container.([]any)
			for len(list) <= i {
				list = append(list, map[string]any{})
			}
			list[i] = put(list[i], path[1:])
			return list
		}
		m, ok := container.(map[string]any)
		if !ok {
			m = map[string]any{}
		}
		m[path[0]] = put(m[path[0]], path[1:])
		return m
	}
	out[pointer[0]] = put(out[pointer[0]], pointer[1:])
}

// maxListProblems bounds how far a list of problems is padded, whatever index an
// error names.
const maxListProblems = 100000

func appendMsg(existing any, msg string) any {
	list, _ := existing.([]any)
	for _, m := range list {
		if m == msg {
			return list
		}
	}
	return append(list, msg)
}

// mergeProblems adds a handler's own DRF-style errors (hand) to the schema's (schema):
// a field the schema found fault with keeps the schema's messages, an object with
// field problems gets no non_field_errors from rules between its fields (DRF runs an
// object's validate() only once its fields are valid), and the rest is added.
func mergeProblems(schema, hand map[string]any) map[string]any {
	out := make(map[string]any, len(schema)+len(hand))
	for k, v := range schema {
		out[k] = v
	}
	for k, hv := range hand {
		sv, inSchema := schema[k]
		switch {
		case !inSchema:
			if k == "non_field_errors" && len(schema) > 0 {
				continue
			}
			out[k] = hv
		case isMessages(sv) || isMessages(hv):
			// the schema's words for a field it found fault with
		default:
			out[k] = mergeNested(sv, hv)
		}
	}
	return out
}

// mergeNested merges the errors of a nested object or list.
func mergeNested(schema, hand any) any {
	sm, sIsMap := schema.(map[string]any)
	hm, hIsMap := asObject(hand)
	if sIsMap && hIsMap {
		return mergeProblems(sm, hm)
	}
	sl, sIsList := schema.([]any)
	hl, hIsList := hand.([]any)
	if !sIsList || !hIsList {
		return schema
	}
	out := make([]any, max(len(sl), len(hl)))
	for i := range out {
		var s, h map[string]any
		if i < len(sl) {
			s, _ = sl[i].(map[string]any)
		}
		if i < len(hl) {
			h, _ = asObject(hl[i])
		}
		out[i] = mergeProblems(orEmpty(s), orEmpty(h))
	}
	return out
}

// asObject is v as an object of errors, whichever map type a form used for it.
func asObject(v any) (map[string]any, bool) {
	switch m := v.(type) {
	case map[string]any:
		return m, true
	case indexErrors:
		return m, true
	}
	return nil, false
}

func orEmpty(m map[string]any) map[string]any {
	if m == nil {
		return map[string]any{}
	}
	return m
}

// isMessages reports whether v is a field's own list of messages.
func isMessages(v any) bool {
	switch l := v.(type) {
	case []string:
		return true
	case []any:
		for _, e := range l {
			if _, ok := e.(string); !ok {
				return false
			}
		}
		return len(l) > 0
	}
	return false
}

// accountProblems checks an account import body against the document's AccountImport
// schema: the wrapped form's when the body has a payload, the account's otherwise. The
// payload's problems are filed at the top, as the account import names its fields, and
// list items' problems by index, as attr paths name them.
func accountProblems(body map[string]any) map[string]any {
	schemas, err := bodySchemas()
	if err != nil {
		return map[string]any{"non_field_errors": []any{err.Error()}}
	}
	s := schemas["POST "+PathAccounts]
	if s == nil || len(s.AnyOf) != 2 || s.AnyOf[0].Value == nil || s.AnyOf[1].Value == nil {
		return nil
	}
	account, wrapped := s.AnyOf[0].Value, s.AnyOf[1].Value
	if _, ok := body["payload"]; !ok {
		return shapedProblems(account, body, indexKeyed)
	}
	out := shapedProblems(wrapped, body, indexKeyed)
	if p, ok := out["payload"].(map[string]any); ok {
		delete(out, "payload")
		for k, v := range p {
			out[k] = v
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// indexed is a DRF-style error body with every list of items' problems keyed by index,
// the shape of accountProblems.
func indexed(v any) any {
	switch x := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = indexed(e)
		}
		return out
	case indexErrors:
		return indexed(map[string]any(x))
	case []any:
		if isMessages(x) {
			return x
		}
		out := map[string]any{}
		for i, e := range x {
			if m, ok := e.(map[string]any); ok && len(m) > 0 {
				out[strconv.Itoa(i)] = indexed(m)
			}
		}
		return out
	}
	return v
}
