// Package oapicheck validates data-import requests and answers against an OpenAPI 3
// document with kin-openapi, for tests. It is not linked into the simulator.
package oapicheck

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
)

// Document is a loaded, validated OpenAPI document.
type Document struct {
	Spec *openapi3.T
}

// Load parses and validates an OpenAPI document.
func Load(data []byte) (*Document, error) {
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(data)
	if err != nil {
		return nil, fmt.Errorf("load: %w", err)
	}
	if err := doc.Validate(context.Background(), openapi3.DisableExamplesValidation()); err != nil {
		return nil, fmt.Errorf("validate: %w", err)
	}
	return &Document{Spec: doc}, nil
}

// Exchange is one request and its answer.
type Exchange struct {
	Method string
	// Pattern is the path as the document spells it, with {name} segments.
	Pattern string
	Params  map[string]string
	Request *http.Request
	// RequestBody is validated when CheckRequest is set.
	RequestBody  []byte
	CheckRequest bool
	Status       int
	Header       http.Header
	Body         []byte
}

// ErrNoOperation reports an exchange whose path or method the document lacks.
var ErrNoOperation = fmt.Errorf("the document has no such operation")

// Operation returns the document's operation for a method and path pattern, or nil.
func (d *Document) Operation(method, pattern string) *openapi3.Operation {
	item := d.Spec.Paths.Value(pattern)
	if item == nil {
		return nil
	}
	return item.GetOperation(method)
}

// Check validates the answer of an exchange (and its request when asked) against the
// document: the status must be documented, and the body must match its schema.
func (d *Document) Check(ctx context.Context, x Exchange) error {
	item := d.Spec.Paths.Value(x.Pattern)
	if item == nil || item.GetOperation(x.Method) == nil {
		return fmt.Errorf("%s %s: %w", x.Method, x.Pattern, ErrNoOperation)
	}
	route := &routers.Route{Spec: d.Spec, Path: x.Pattern, PathItem: item, Method: x.Method, Operation: item.GetOperation(x.Method)}
	req := x.Request.Clone(ctx)
	req.Body = io.NopCloser(bytes.NewReader(x.RequestBody))
	in := &openapi3filter.RequestValidationInput{
		Request:    req,
		PathParams: x.Params,
		Route:      route,
		Options: &openapi3filter.Options{
			AuthenticationFunc: openapi3filter.NoopAuthenticationFunc,
			ExcludeRequestBody: !x.CheckRequest,
			MultiError:         true,
		},
	}
	if x.CheckRequest {
		if err := openapi3filter.ValidateRequest(ctx, in); err != nil {
			return fmt.Errorf("request %s %s: %w", x.Method, x.Pattern, err)
		}
	}
	out := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: in,
		Status:                 x.Status,
		Header:                 x.Header,
		Body:                   io.NopCloser(bytes.NewReader(x.Body)),
		Options:                &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true},
	}
	if err := openapi3filter.ValidateResponse(ctx, out); err != nil {
		return fmt.Errorf("answer %d to %s %s: %w\n%s", x.Status, x.Method, x.Pattern, err, x.Body)
	}
	return nil
}
