package server

import (
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
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

// TestVariablesText checks that a request carries its variables' JSON text as sent, by
// POST body and by GET parameter, for the journal to keep rather than the decoded maps.
func TestVariablesText(t *testing.T) {
	const vars = `{"i": {"accountNumber": "A-1", "amounts": [1, 2.5]}}`
	for _, tc := range []struct {
		name, body, want string
	}{
		{"variables", `{"query":"{ a }","variables":` + vars + `}`, vars},
		{"variables first, spaced", `{ "variables" : ` + vars + ` , "query": "{ a }"}`, vars},
		{"null variables", `{"query":"{ a }","variables":null}`, ""},
		{"none", `{"query":"{ a }","extensions":{"x":1}}`, ""},
		{"variables as a string", `{"query":"{ a }","variables":` + strconv.Quote(vars) + `}`, vars},
	} {
		req, herr := decodeBody([]byte(tc.body), nil, nil)
		if herr != nil || string(req.VariablesText) != tc.want {
			t.Errorf("%s: VariablesText %q (%v), want %q", tc.name, req.VariablesText, herr, tc.want)
		}
		if herr == nil && cap(req.VariablesText) != len(req.VariablesText) {
			t.Errorf("%s: VariablesText has room past its end (cap %d), which an append would write into the body", tc.name, cap(req.VariablesText))
		}
	}
	req, herr := parseGET("query=%7Ba%7D&variables=" + url.QueryEscape(vars))
	if herr != nil || string(req.VariablesText) != vars {
		t.Errorf("GET: VariablesText %q (%v), want %q", req.VariablesText, herr, vars)
	}
}
