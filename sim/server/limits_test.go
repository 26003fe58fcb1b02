package server_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/krakensim/krakensim/sim/server"
)

// post sends body to path with a client that gives up after timeout.
func (p *live) post(path string, body []byte, timeout time.Duration, header ...string) (int, map[string]any, error) {
	p.t.Helper()
	req, _ := http.NewRequest(http.MethodPost, p.url+path, bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := (&http.Client{Timeout: timeout}).Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	var out map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return resp.StatusCode, nil, err
	}
	return resp.StatusCode, out, nil
}

// TestRepeatedFieldsValidateQuickly: a 990 KB document repeating one field 90,000
// times is validated in linear time (it took over 20 minutes with gqlparser's
// pairwise overlap rule); the bound is generous so that -race on a busy machine passes.
func TestRepeatedFieldsValidateQuickly(t *testing.T) {
	p := newPlatform(t)
	query := "{ " + strings.Repeat("__typename ", 90000) + "}"
	body, _ := json.Marshal(map[string]string{"query": query})
	if len(body) >= server.DefaultMaxBodyBytes {
		t.Fatalf("body of %d bytes is over the limit", len(body))
	}
	status, out, err := p.post(server.APIPath, body, 5*time.Second)
	if err != nil {
		t.Fatalf("no answer within 5 s: %v", err)
	}
	got, _ := json.Marshal(out)
	if status != http.StatusOK || string(got) != `{"data":{"__typename":"Query"}}` {
		t.Errorf("status %d, body %s", status, got)
	}
	// Conflicting aliases are still refused, naming the response key and where.
	status, out, err = p.post(server.APIPath, []byte(`{"query":"{ a: viewer { id } a: __typename }"}`), 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	got, _ = json.Marshal(out)
	want := `{"errors":[{"locations":[{"column":3,"line":1},{"column":20,"line":1}],"message":"Fields \"a\" conflict because \"viewer\" and \"__typename\" are different fields. Use different aliases on the fields to fetch both if this was intentional."}]}`
	if status != http.StatusOK || string(got) != want {
		t.Errorf("conflicting aliases: status %d\n got %s\nwant %s", status, got, want)
	}
}
