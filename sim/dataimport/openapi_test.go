package dataimport_test

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/krakensim/krakensim/schema"
	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/dataimport/oapicheck"
)

var ownDocument = sync.OnceValues(func() (*oapicheck.Document, error) {
	return oapicheck.Load(schema.DataImportOpenAPI())
})

// validateAgainstDocument checks an answer (and, for a success, its request) against
// the project's OpenAPI document.
func validateAgainstDocument(tb testing.TB, c call, resp *sim.HTTPResponse) {
	tb.Helper()
	doc, err := ownDocument()
	if err != nil {
		tb.Fatal(err)
	}
	r := c.request("x")
	u := r.Path
	if len(r.Query) > 0 {
		u += "?" + c.query
	}
	req := httptest.NewRequest(r.Method, u, bytes.NewReader(r.Body))
	for k, v := range r.Header {
		req.Header[k] = v
	}
	x := oapicheck.Exchange{
		Method: r.Method, Pattern: c.route, Params: c.params, Request: req,
		RequestBody: r.Body, CheckRequest: resp.Status < 300 && r.Method == "POST",
		Status: resp.Status, Header: http.Header(resp.Header), Body: resp.Body,
	}
	if err := doc.Check(context.Background(), x); err != nil {
		tb.Error(err)
	}
}

// TestOpenAPIDocument loads the embedded document with kin-openapi and validates it,
// examples included.
func TestOpenAPIDocument(t *testing.T) {
	doc, err := ownDocument()
	if err != nil {
		t.Fatal(err)
	}
	if err := doc.Spec.Validate(context.Background()); err != nil {
		t.Fatal(err)
	}
	for _, r := range routesOf(t) {
		if doc.Operation(r.Method, r.Pattern) == nil {
			t.Errorf("route %s %s is not in the document", r.Method, r.Pattern)
		}
	}
}
