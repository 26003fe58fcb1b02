package server_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"
	"testing"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/rules"
	"github.com/krakensim/krakensim/sim/server"
	"github.com/krakensim/krakensim/sim/simtest"
)

// post sends one GraphQL request with extra headers and returns the status and body.
func (p *live) post(path, query string, header map[string]string) (int, map[string]any) {
	p.t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query})
	req, _ := http.NewRequest(http.MethodPost, p.url+path, bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		p.t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		p.t.Fatalf("%s: status %d: %v", path, resp.StatusCode, err)
	}
	return resp.StatusCode, out
}

func TestScriptedStatusWithoutBody(t *testing.T) {
	cases := []struct {
		status  int
		code    string
		errType string
	}{
		{429, "KRAKENSIM-HTTP-429", "AUTHORIZATION"},
		{502, "KRAKENSIM-HTTP-502", "SERVICE_AVAILABILITY"},
		{503, "KRAKENSIM-HTTP-503", "SERVICE_AVAILABILITY"},
		{504, "KRAKENSIM-HTTP-504", "SERVICE_AVAILABILITY"},
		{500, "KRAKENSIM-HTTP-500", "APPLICATION"},
		{401, "KRAKENSIM-HTTP-401", "AUTHORIZATION"},
		{400, "KRAKENSIM-HTTP-400", "VALIDATION"},
		{418, "KRAKENSIM-HTTP-418", "VALIDATION"},
	}
	var scs []*rules.Scenario
	for _, tc := range cases {
		scs = append(scs, &rules.Scenario{Name: "status-" + strconv.Itoa(tc.status), Rules: []*rules.Rule{
			{When: rules.When{Kind: rules.KindGraphQL, Field: "viewer"}, Then: []*rules.Answer{{Status: tc.status}}},
		}})
	}
	p := newPlatform(t, scs...)
	for _, tc := range cases {
		t.Run(strconv.Itoa(tc.status), func(t *testing.T) {
			status, out := p.post(server.APIPath, `{ viewer { id } }`, map[string]string{sim.HeaderScenario: "status-" + strconv.Itoa(tc.status)})
			if status != tc.status {
				t.Errorf("status %d, want %d", status, tc.status)
			}
			ext, _ := simtest.Get(out, "errors", 0, "extensions").(map[string]any)
			if ext["errorCode"] != tc.code || ext["errorType"] != tc.errType {
				t.Errorf("extensions %v, want errorCode %s and errorType %s", ext, tc.code, tc.errType)
			}
		})
	}
}

// TestReadmeForcedErrorExample runs the README's X-Krakensim-Error example on both fields.
func TestReadmeForcedErrorExample(t *testing.T) {
	p := newPlatform(t)
	tok, _ := p.signIn("readme-forced", map[string]any{"email": "demo@krakensim.dev", "password": "krakensim"})
	header := map[string]string{
		sim.HeaderForceError: "createAccountPaymentSchedule=KT-CT-3942,viewer=KT-CT-1111",
		sim.SessionHeader:    "readme-forced", "Authorization": tok,
	}
	cases := []struct{ query, code string }{
		{`{ viewer { id } }`, "KT-CT-1111"},
		{`mutation { createAccountPaymentSchedule(input: {accountNumber: "A-C90DC431", ledgerNumber: "L-6B2F0A1C", paymentDay: 3}) { schedule { id } } }`, "KT-CT-3942"},
		{`{ viewer { id } account(accountNumber: "A-C90DC431") { number } }`, "KT-CT-1111"},
	}
	for _, tc := range cases {
		_, out := p.post(server.APIPath, tc.query, header)
		if got := errorCode(out); got != tc.code {
			t.Errorf("%s: errorCode %q, want %s: %v", tc.query, got, tc.code, out["errors"])
		}
	}
}

// TestPlatformCodeForcedOverHTTP forces each platform code on a field that documents none
// of them, and a field-specific code stays checked.
func TestPlatformCodeForcedOverHTTP(t *testing.T) {
	p := newPlatform(t)
	for _, code := range []string{"KT-CT-1111", "KT-CT-1112", "KT-CT-1113", "KT-CT-1124", "KT-CT-1143", "KT-CT-1188", "KT-CT-1189", "KT-CT-1199"} {
		_, out := p.post(server.APIPath, `{ properties(accountNumber: "A-C90DC431") { id } }`, map[string]string{sim.HeaderForceError: code})
		if got := errorCode(out); got != code {
			t.Errorf("%s: errorCode %q: %v", code, got, out["errors"])
		}
	}
	_, out := p.post(server.APIPath, `{ viewer { id } }`, map[string]string{sim.HeaderForceError: "viewer=KT-CT-3942"})
	if got := errorCode(out); got != sim.CodeBadRequestHeader {
		t.Errorf("an undocumented field code: errorCode %q, want %s", got, sim.CodeBadRequestHeader)
	}
}
