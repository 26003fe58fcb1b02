package server

import (
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"testing/iotest"
)

func TestReadBody(t *testing.T) {
	body := strings.Repeat("krakensim ", 100)
	for _, tc := range []struct {
		name     string
		r        io.Reader
		declared int64
		want     string
		wantErr  bool
	}{
		{"declared exactly", strings.NewReader(body), int64(len(body)), body, false},
		{"declared short", strings.NewReader(body), 10, body, false},
		{"declared long", strings.NewReader(body), 5000, body, false},
		{"undeclared", strings.NewReader(body), -1, body, false},
		{"empty", strings.NewReader(""), 0, "", false},
		{"a byte at a time", iotest.OneByteReader(strings.NewReader(body)), int64(len(body)), body, false},
		{"broken", iotest.TimeoutReader(strings.NewReader(body)), int64(len(body)), body[:len(body)], true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := readBody(tc.r, tc.declared)
			if (err != nil) != tc.wantErr {
				t.Fatalf("err = %v, want error %v", err, tc.wantErr)
			}
			if !tc.wantErr && string(got) != tc.want {
				t.Fatalf("read %d bytes, want %d", len(got), len(tc.want))
			}
		})
	}
	t.Run("over the limit", func(t *testing.T) {
		w := httptest.NewRecorder()
		r := httptest.NewRequest("POST", "/", strings.NewReader(body))
		_, err := readBody(http.MaxBytesReader(w, r.Body, 100), int64(len(body)))
		if !errors.As(err, new(*http.MaxBytesError)) {
			t.Fatalf("err = %v, want a MaxBytesError", err)
		}
	})
}

// TestVariablesSize checks that a request carries the length of its variables' JSON
// text, by POST body and by GET parameter, for the journal's memory estimate.
func TestVariablesSize(t *testing.T) {
	const vars = `{"i": {"accountNumber": "A-1", "amounts": [1, 2.5]}}`
	for _, tc := range []struct {
		name, body string
		want       int
	}{
		{"variables", `{"query":"{ a }","variables":` + vars + `}`, len(vars)},
		{"variables first, spaced", `{ "variables" : ` + vars + ` , "query": "{ a }"}`, len(vars)},
		{"null variables", `{"query":"{ a }","variables":null}`, 0},
		{"none", `{"query":"{ a }","extensions":{"x":1}}`, 0},
	} {
		req, herr := decodeBody([]byte(tc.body))
		if herr != nil || req.VariablesSize != tc.want {
			t.Errorf("%s: VariablesSize %v (%v), want %d", tc.name, req, herr, tc.want)
		}
	}
	req, herr := parseGET("query=%7Ba%7D&variables=" + url.QueryEscape(vars))
	if herr != nil || req.VariablesSize != len(vars) {
		t.Errorf("GET: %+v (%v), want VariablesSize %d", req, herr, len(vars))
	}
}
