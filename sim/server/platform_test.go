package server_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/rules"
	"github.com/krakensim/krakensim/sim/server"
	"github.com/krakensim/krakensim/sim/simtest"
)

// live is a live server over the embedded contract and the default fixtures.
type live struct {
	t   testing.TB
	url string
	sim *sim.Simulator
}

func newPlatform(t testing.TB, scenarios ...*rules.Scenario) *live {
	t.Helper()
	return newPlatformWith(t, func(cfg *sim.Config) { cfg.Scenarios = scenarios })
}

// gql posts a GraphQL operation and decodes the answer.
func (p *live) gql(path, session, token, query string, vars map[string]any, extra ...string) map[string]any {
	p.t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req, _ := http.NewRequest(http.MethodPost, p.url+path, bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if session != "" {
		req.Header.Set(sim.SessionHeader, session)
	}
	if token != "" {
		req.Header.Set("Authorization", token)
	}
	for i := 0; i+1 < len(extra); i += 2 {
		req.Header.Set(extra[i], extra[i+1])
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
	return out
}

// admin calls the admin API and decodes the answer.
func (p *live) admin(method, path, body string) (int, map[string]any) {
	p.t.Helper()
	req, _ := http.NewRequest(method, p.url+path, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		p.t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	_ = json.NewDecoder(resp.Body).Decode(&out)
	return resp.StatusCode, out
}

const obtain = `mutation($input: ObtainJSONWebTokenInput!) { obtainKrakenToken(input: $input) { token refreshToken refreshExpiresIn payload } }`

// signIn obtains a token in a session and returns it with its refresh token.
func (p *live) signIn(session string, input map[string]any) (token, refresh string) {
	p.t.Helper()
	out := p.gql(server.APIPath, session, "", obtain, map[string]any{"input": input})
	tok, _ := simtest.Get(out, "data", "obtainKrakenToken", "token").(string)
	rt, _ := simtest.Get(out, "data", "obtainKrakenToken", "refreshToken").(string)
	if tok == "" {
		p.t.Fatalf("sign-in %v failed: %v", input, out)
	}
	return tok, rt
}

func errorCode(out map[string]any) string {
	code, _ := simtest.Get(out, "errors", 0, "extensions", "errorCode").(string)
	return code
}

func TestSignInEachModeOverHTTP(t *testing.T) {
	p := newPlatform(t)
	cases := []struct {
		name    string
		path    string
		input   map[string]any
		sub     string
		grant   string
		useable bool
	}{
		{"email and password", server.APIPath, map[string]any{"email": "demo@krakensim.dev", "password": "krakensim"}, "kraken|account-user:3235447", "EMAIL-AND-PASSWORD", true},
		{"api key", server.APIPath, map[string]any{"APIKey": "sk_live_krakensimdemo3235447"}, "kraken|account-user:3235447", "API-KEY", true},
		{"pre-signed key", server.APIPath, map[string]any{"preSignedKey": "krakensim-presigned-demo"}, "kraken|account-user:3235447", "PRE-SIGNED-KEY", true},
		{"organization secret", server.APIPath, map[string]any{"organizationSecretKey": "krakensim-organization-secret"}, "", "ORGANIZATION-SECRET-KEY", false},
		{"auth server", server.AuthPath, map[string]any{"email": "robin@krakensim.dev", "password": "krakensim"}, "kraken|account-user:3235448", "EMAIL-AND-PASSWORD", true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			session := "modes-" + strings.ReplaceAll(tc.name, " ", "-")
			out := p.gql(tc.path, session, "", obtain, map[string]any{"input": tc.input})
			payload, _ := simtest.Get(out, "data", "obtainKrakenToken", "payload").(map[string]any)
			if payload == nil {
				t.Fatalf("no payload: %v", out)
			}
			if tc.sub != "" && payload["sub"] != tc.sub {
				t.Errorf("sub = %v, want %v", payload["sub"], tc.sub)
			}
			if payload["gty"] != tc.grant || payload["tokenUse"] != "access" {
				t.Errorf("gty = %v, tokenUse = %v", payload["gty"], payload["tokenUse"])
			}
			iat, _ := payload["iat"].(float64)
			if exp, _ := payload["exp"].(float64); exp-iat != 3600 {
				t.Errorf("exp - iat = %v, want 3600", exp-iat)
			}
			if rexp, _ := simtest.Get(out, "data", "obtainKrakenToken", "refreshExpiresIn").(float64); rexp-iat != 7*24*3600 {
				t.Errorf("refreshExpiresIn - iat = %v, want 7 days", rexp-iat)
			}
			tok, _ := simtest.Get(out, "data", "obtainKrakenToken", "token").(string)
			if parts := strings.Split(tok, "."); len(parts) != 3 {
				t.Fatalf("token %q is not a JWT", tok)
			}
			if !tc.useable {
				return
			}
			for _, header := range []string{tok, "JWT " + tok} {
				got := p.gql(server.APIPath, session, header, `{ viewer { id } }`, nil)
				if code := errorCode(got); code != "" {
					t.Errorf("Authorization %.10q…: %s: %v", header, code, got)
				}
			}
		})
	}
}

func TestAuthErrorPaths(t *testing.T) {
	p := newPlatform(t)
	tok, _ := p.signIn("errors", map[string]any{"email": "demo@krakensim.dev", "password": "krakensim"})
	cases := []struct {
		name, header, code string
	}{
		{"no header", "", "KT-CT-1112"},
		{"not a token", "garbage", "KT-CT-1143"},
		{"JWT prefix, not a token", "JWT garbage", "KT-CT-1143"},
		{"tampered signature", tok[:len(tok)-4] + "AAAA", "KT-CT-1143"},
		{"good token", "JWT " + tok, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			out := p.gql(server.APIPath, "errors", tc.header, `{ viewer { id } }`, nil)
			if code := errorCode(out); code != tc.code {
				t.Errorf("errorCode = %q, want %q: %v", code, tc.code, out)
			}
			if desc := simtest.Get(out, "errors", 0, "extensions", "errorDescription"); tc.code == "KT-CT-1139" && desc != "Authentication failed." {
				t.Errorf("errorDescription = %q, want Kraken's %q", desc, "Authentication failed.")
			}
			if tc.code != "" && simtest.Get(out, "data", "viewer") != nil {
				t.Errorf("viewer not null on failure: %v", out)
			}
		})
	}
	signIns := []struct {
		name  string
		input map[string]any
		code  string
	}{
		{"wrong password", map[string]any{"email": "demo@krakensim.dev", "password": "wrong"}, "KT-CT-1138"},
		{"unknown api key", map[string]any{"APIKey": "sk_live_nope"}, "KT-CT-1139"},
		{"unknown pre-signed key", map[string]any{"preSignedKey": "nope"}, "KT-CT-1139"},
		{"unknown organization", map[string]any{"organizationSecretKey": "nope"}, "KT-CT-1140"},
		{"bad refresh token", map[string]any{"refreshToken": "nope"}, "KT-CT-1135"},
		{"two modes", map[string]any{"APIKey": "a", "preSignedKey": "b"}, "KT-CT-1137"},
	}
	for _, tc := range signIns {
		t.Run(tc.name, func(t *testing.T) {
			out := p.gql(server.APIPath, "errors", "", obtain, map[string]any{"input": tc.input})
			if code := errorCode(out); code != tc.code {
				t.Errorf("errorCode = %q, want %q: %v", code, tc.code, out)
			}
			if desc := simtest.Get(out, "errors", 0, "extensions", "errorDescription"); tc.code == "KT-CT-1139" && desc != "Authentication failed." {
				t.Errorf("errorDescription = %q, want Kraken's %q", desc, "Authentication failed.")
			}
		})
	}
}

func TestTokenExpiryAndRefreshOnVirtualClock(t *testing.T) {
	p := newPlatform(t)
	const session = "expiry"
	tok, rt := p.signIn(session, map[string]any{"email": "demo@krakensim.dev", "password": "krakensim"})
	viewer := func(token string) string {
		return errorCode(p.gql(server.APIPath, session, "JWT "+token, `{ viewer { id } }`, nil))
	}
	if code := viewer(tok); code != "" {
		t.Fatalf("fresh token: %s", code)
	}
	if status, out := p.admin(http.MethodPost, server.AdminPrefix+"clock?session="+session, `{"advance":"61m"}`); status != 200 {
		t.Fatalf("advance: %d %v", status, out)
	}
	if code := viewer(tok); code != "KT-CT-1124" {
		t.Fatalf("after 61 minutes: %q, want KT-CT-1124", code)
	}
	fresh, _ := p.signIn(session, map[string]any{"refreshToken": rt})
	if code := viewer(fresh); code != "" {
		t.Fatalf("refreshed token: %s", code)
	}
	if status, _ := p.admin(http.MethodPost, server.AdminPrefix+"clock/advance?by=169h&session="+session, ""); status != 200 {
		t.Fatal("advance by query failed")
	}
	out := p.gql(server.APIPath, session, "", obtain, map[string]any{"input": map[string]any{"refreshToken": rt}})
	if code := errorCode(out); code != "KT-CT-1134" {
		t.Errorf("refresh after 7 days: %q, want KT-CT-1134", code)
	}
}

func TestSessionsAreIsolated(t *testing.T) {
	p := newPlatform(t)
	var wg sync.WaitGroup
	for _, session := range []string{"iso-a", "iso-b", "iso-c", "iso-d"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			tok, _ := p.signIn(session, map[string]any{"email": "demo@krakensim.dev", "password": "krakensim"})
			if session == "iso-a" {
				p.admin(http.MethodPost, server.AdminPrefix+"clock?session="+session, `{"advance":"2h"}`)
			}
			code := errorCode(p.gql(server.APIPath, session, "JWT "+tok, `{ viewer { id } }`, nil))
			want := ""
			if session == "iso-a" {
				want = "KT-CT-1124"
			}
			if code != want {
				t.Errorf("session %s: %q, want %q", session, code, want)
			}
		}()
	}
	wg.Wait()
	status, out := p.admin(http.MethodGet, server.AdminPrefix+"sessions", "")
	if status != 200 || len(simtest.Get(out, "sessions").([]any)) != 4 {
		t.Errorf("sessions: %d %v", status, out)
	}
	if status, _ := p.admin(http.MethodPost, server.AdminPrefix+"sessions/iso-a/reset", ""); status != 200 {
		t.Errorf("reset: %d", status)
	}
	if status, _ := p.admin(http.MethodDelete, server.AdminPrefix+"sessions/iso-b", ""); status != 204 {
		t.Errorf("delete: %d", status)
	}
	if status, _ := p.admin(http.MethodDelete, server.AdminPrefix+"sessions/iso-b", ""); status != 404 {
		t.Errorf("delete twice: %d", status)
	}
}

func TestAdminAPIErrors(t *testing.T) {
	p := newPlatform(t)
	cases := []struct {
		method, path, body string
		status             int
		detail             string
	}{
		{"POST", "clock", `{"advance":"soon"}`, 400, `advance: "soon" is not a non-negative duration`},
		{"POST", "clock", `{"advance":"-1h"}`, 400, `advance: "-1h" is not a non-negative duration`},
		{"POST", "clock", `{"advance":"8760000h"}`, 400, `advance: "8760000h" is over the longest advance, 2562047h47m16.854775807s (about 292 years); give "set" to move further within the clock's range, 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999999Z (the years 1 to 9999`},
		{"POST", "clock", `{"advance":"1h","freeze":true}`, 400, "exactly one"},
		{"POST", "clock", `{"advnce":"1h"}`, 400, `unknown field "advnce"`},
		{"POST", "clock", `{`, 400, "body: at offset 1 (line 1, column 2): unexpected end of input"},
		{"POST", "clock", `{"set":"2027-13-01T00:00:00Z"}`, 400, `body: parsing time "2027-13-01T00:00:00Z": month out of range`},
		{"POST", "clock", `{"set":"0000-06-01T00:00:00Z"}`, 400, "set: 0000-06-01T00:00:00Z is outside the clock's range, 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999999Z (the years 1 to 9999, which JSON times can be written in)"},
		{"POST", "clock/advance", ``, 400, "by:"},
		{"GET", "sessions/nobody", ``, 404, `no session "nobody"`},
		{"POST", "sessions/bad%20id/reset", ``, 400, "not allowed"},
		{"GET", "nowhere", ``, 404, "no admin route"},
		{"PUT", "sessions", ``, 405, "not allowed"},
		{"POST", "scenarios/nope/activate", ``, 404, `no such scenario: "nope"`},
	}
	for _, tc := range cases {
		t.Run(tc.method+" "+tc.path, func(t *testing.T) {
			status, out := p.admin(tc.method, server.AdminPrefix+tc.path, tc.body)
			detail, _ := out["detail"].(string)
			if status != tc.status || !strings.Contains(detail, tc.detail) {
				t.Errorf("%d %q, want %d containing %q", status, detail, tc.status, tc.detail)
			}
		})
	}
}

// A clock is kept within the years JSON times can be written in: a set or advance
// beyond them is refused, and a clock that runs past the end stops there, so that the
// session list still answers.
func TestClockKeepsToWritableYears(t *testing.T) {
	p := newPlatform(t)
	if status, out := p.admin(http.MethodPost, server.AdminPrefix+"clock?session=y10k", `{"set":"9999-12-31T23:59:59.9Z"}`); status != 200 {
		t.Fatalf("set: %d %v", status, out)
	}
	time.Sleep(200 * time.Millisecond)
	status, out := p.admin(http.MethodGet, server.AdminPrefix+"sessions", "")
	if status != 200 || simtest.Get(out, "sessions", 0, "id") != "y10k" || simtest.Get(out, "sessions", 0, "now") != "9999-12-31T23:59:59.999999999Z" {
		t.Fatalf("sessions: %d %v", status, out)
	}
	for _, body := range []string{`{"advance":"1s"}`, `{"set":"9800-01-01T00:00:00Z"}`, `{"advance":"2562047h"}`} {
		status, out = p.admin(http.MethodPost, server.AdminPrefix+"clock?session=y10k", body)
		if body == `{"set":"9800-01-01T00:00:00Z"}` {
			if status != 200 {
				t.Fatalf("%s: %d %v", body, status, out)
			}
			continue
		}
		if detail, _ := out["detail"].(string); status != 400 || !strings.Contains(detail, "past the clock's range, 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999999Z") {
			t.Errorf("%s: %d %v", body, status, out)
		}
	}
	if status, out := p.admin(http.MethodGet, server.AdminPrefix+"clock?session=y10k", ""); status != 200 || !strings.HasPrefix(out["now"].(string), "9800-01-01T") {
		t.Errorf("clock after the refusals: %d %v", status, out)
	}
}

// faultScenario scripts one answer on a REST route and on the viewer field.
func faultScenario(name string, a rules.Answer) *rules.Scenario {
	rest, gql := a, a
	return &rules.Scenario{Name: name, Rules: []*rules.Rule{
		{When: rules.When{Kind: rules.KindHTTP, Method: "POST", Route: "/v1/anything/{id}/"}, Then: []*rules.Answer{&rest}},
		{When: rules.When{Kind: rules.KindGraphQL, Field: "viewer"}, Then: []*rules.Answer{&gql}},
	}}
}

func TestScriptedFaults(t *testing.T) {
	body := `{"ok": true}`
	p := newPlatform(t,
		faultScenario("reset", rules.Answer{Fault: rules.FaultReset}),
		faultScenario("hang", rules.Answer{Fault: rules.FaultHang}),
		faultScenario("malformed", rules.Answer{Status: 200, RawBody: &body, Fault: rules.FaultMalformed}),
		faultScenario("busy", rules.Answer{Status: 429, Headers: map[string]string{"Retry-After": "30"}}),
		faultScenario("slow", rules.Answer{Status: 201, RawBody: &body, Delay: rules.Delay{Min: time.Millisecond, Max: 5 * time.Millisecond}}),
	)
	tok, _ := p.signIn("faults", map[string]any{"email": "demo@krakensim.dev", "password": "krakensim"})
	client := &http.Client{Timeout: 300 * time.Millisecond}
	send := func(scenario, kind string) (*http.Response, []byte, error) {
		var req *http.Request
		if kind == "rest" {
			req, _ = http.NewRequest(http.MethodPost, p.url+"/v1/anything/42/", strings.NewReader(`{}`))
		} else {
			req, _ = http.NewRequest(http.MethodPost, p.url+server.APIPath, strings.NewReader(`{"query":"{ viewer { id } }"}`))
			req.Header.Set("Authorization", tok)
		}
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set(sim.SessionHeader, "faults")
		req.Header.Set(sim.HeaderScenario, scenario)
		resp, err := client.Do(req)
		if err != nil {
			return nil, nil, err
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		return resp, b, err
	}
	for _, kind := range []string{"rest", "graphql"} {
		t.Run(kind, func(t *testing.T) {
			if _, _, err := send("reset", kind); err == nil {
				t.Error("reset: the request succeeded")
			}
			_, _, err := send("hang", kind)
			var ne interface{ Timeout() bool }
			if !errors.As(err, &ne) || !ne.Timeout() {
				t.Errorf("hang: %v, want a client timeout", err)
			}
			resp, b, err := send("malformed", kind)
			if err != nil || resp.StatusCode != 200 || json.Valid(b) || len(b) == 0 {
				t.Errorf("malformed: %v %v %q", err, resp, b)
			}
			resp, _, err = send("busy", kind)
			if err != nil || resp.StatusCode != 429 || resp.Header.Get("Retry-After") != "30" {
				t.Errorf("busy: %v %v", err, resp)
			}
			resp, b, err = send("slow", kind)
			if err != nil || resp.StatusCode != 201 || string(b) != body {
				t.Errorf("slow: %v %v %q", err, resp, b)
			}
		})
	}
}
