package dataimport

import (
	"context"
	"errors"
	"fmt"
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
var bodySchemas = sync.OnceValues(func() (map[string]*openapi3.Schema, error) {
	doc, err := openapi3.NewLoader().LoadFromData(schema.DataImportOpenAPI())
	if err != nil {
		return nil, fmt.Errorf("data-import OpenAPI document: %w", err)
	}
	if err := doc.Validate(context.Background(), openapi3.DisableExamplesValidation()); err != nil {
		return nil, fmt.Errorf("data-import OpenAPI document: %w", err)
	}
	out := map[string]*openapi3.Schema{}
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			if op.RequestBody == nil || op.RequestBody.Value == nil {
				continue
			}
			if mt := op.RequestBody.Value.Content.Get("application/json"); mt != nil && mt.Schema != nil && mt.Schema.Value != nil {
				out[method+" "+path] = mt.Schema.Value
			}
		}
	}
	return out, nil
})

// contractProblems checks a request body against its operation's schema in the OpenAPI
// document and returns the problems as a DRF-style error body ({"field": ["message"]},
// lists of objects by index, "non_field_errors" for the body as a whole), or nil.
func contractProblems(method, pattern string, body map[string]any) map[string]any {
	schemas, err := bodySchemas()
	if err != nil {
		return map[string]any{"non_field_errors": []any{err.Error()}}
	}
	s := schemas[method+" "+pattern]
	if s == nil {
		return nil
	}
	verr := s.VisitJSON(jsonValue(body), openapi3.MultiErrors(), openapi3.EnableFormatValidation())
	if verr == nil {
		return nil
	}
	out := map[string]any{}
	for _, se := range schemaErrors(verr) {
		ptr := se.JSONPointer()
		if se.SchemaField == "type" && se.Schema != nil && se.Schema.Type != nil && se.Schema.Type.Is("object") {
			ptr = append(ptr, "non_field_errors") // DRF files a nested object's own errors there
		}
		addProblem(out, ptr, drfMessage(se))
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

// schemaErrors flattens kin-openapi's errors, most specific first, sorted by path.
func schemaErrors(err error) []*openapi3.SchemaError {
	var out []*openapi3.SchemaError
	var walk func(error)
	walk = func(err error) {
		var me openapi3.MultiError
		if errors.As(err, &me) {
			for _, e := range me {
				walk(e)
			}
			return
		}
		var se *openapi3.SchemaError
		if errors.As(err, &se) {
			if se.Origin != nil {
				var inner *openapi3.SchemaError
				var innerMulti openapi3.MultiError
				if errors.As(se.Origin, &innerMulti) || errors.As(se.Origin, &inner) {
					walk(se.Origin)
					return
				}
			}
			out = append(out, se)
		}
	}
	walk(err)
	sort.SliceStable(out, func(i, j int) bool {
		return strings.Join(out[i].JSONPointer(), "/") < strings.Join(out[j].JSONPointer(), "/")
	})
	return out
}

// drfMessage words a schema error as Django REST Framework words the same problem.
func drfMessage(se *openapi3.SchemaError) string {
	s := se.Schema
	switch se.SchemaField {
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
		if s != nil && s.Format == "date" {
			return "Date has wrong format. Use one of these formats instead: YYYY-MM-DD."
		}
		return "Enter a valid value."
	case "minItems":
		return "This list may not be empty."
	}
	return strings.TrimSuffix(se.Reason, ".") + "."
}

// addProblem files msg under its JSON pointer in a DRF-style body: object keys nest as
// objects, list indices as lists padded with {} for the items without problems.
func addProblem(out map[string]any, pointer []string, msg string) {
	if len(pointer) == 0 {
		out["non_field_errors"] = appendMsg(out["non_field_errors"], msg)
		return
	}
	var put func(container any, path []string) any
	put = func(container any, path []string) any {
		if len(path) == 0 {
			return appendMsg(container, msg)
		}
		if i, err := strconv.Atoi(path[0]); err == nil && i >= 0 && i < maxListProblems {
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
