package server_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/platform"
	"github.com/krakensim/krakensim/sim/rules"
	"github.com/krakensim/krakensim/sim/server"
	"github.com/krakensim/krakensim/sim/simtest"
)

// post sends one GraphQL request with extra headers and returns the status and body.
func (p *live) postQuery(path, query string, header map[string]string) (int, map[string]any) {
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
			status, out := p.postQuery(server.APIPath, `{ viewer { id } }`, map[string]string{sim.HeaderScenario: "status-" + strconv.Itoa(tc.status)})
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
		_, out := p.postQuery(server.APIPath, tc.query, header)
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
		_, out := p.postQuery(server.APIPath, `{ properties(accountNumber: "A-C90DC431") { id } }`, map[string]string{sim.HeaderForceError: code})
		if got := errorCode(out); got != code {
			t.Errorf("%s: errorCode %q: %v", code, got, out["errors"])
		}
	}
	_, out := p.postQuery(server.APIPath, `{ viewer { id } }`, map[string]string{sim.HeaderForceError: "viewer=KT-CT-3942"})
	if got := errorCode(out); got != sim.CodeBadRequestHeader {
		t.Errorf("an undocumented field code: errorCode %q, want %s", got, sim.CodeBadRequestHeader)
	}
}

const rateInfoQuery = `{ rateLimitInfo { pointsAllowanceRateLimit { limit remainingPoints usedPoints ttl isBlocked } } }` // complexity 7

// allowance returns rateLimitInfo's pointsAllowanceRateLimit of an answer.
func allowance(t *testing.T, out map[string]any) map[string]any {
	t.Helper()
	info, _ := simtest.Get(out, "data", "rateLimitInfo", "pointsAllowanceRateLimit").(map[string]any)
	if info == nil {
		t.Fatalf("no pointsAllowanceRateLimit: %v", out)
	}
	return info
}

func TestPointsAllowanceOverHTTP(t *testing.T) {
	p := newPlatform(t)
	const session = "allowance"
	hdr := map[string]string{sim.SessionHeader: session}
	if status, _ := p.admin(http.MethodGet, server.AdminPrefix+"sessions/"+session+"/rate-limit", ""); status != 404 {
		t.Errorf("rate limit of a session no request made: %d, want 404", status)
	}
	p.gql(server.APIPath, session, "", `{ __typename }`, nil)
	if status, out := p.admin(http.MethodGet, server.AdminPrefix+"sessions/"+session+"/rate-limit", ""); status != 200 || out["rateLimit"] != "off" || out["source"] != "server" {
		t.Fatalf("rate limit before: %d %v", status, out)
	}
	_, out := p.postQuery(server.APIPath, rateInfoQuery, hdr)
	if v := simtest.Get(out, "data", "rateLimitInfo", "pointsAllowanceRateLimit"); v != nil || out["errors"] != nil {
		t.Fatalf("rateLimitInfo with rate limiting off: %v", out)
	}
	if status, out := p.admin(http.MethodPost, server.AdminPrefix+"sessions/"+session+"/rate-limit", `{"rateLimit": 20}`); status != 200 || out["rateLimit"] != "20" || out["source"] != "session" {
		t.Fatalf("set rate limit: %d %v", status, out)
	}
	sess, err := p.sim.Session(session)
	if err != nil {
		t.Fatal(err)
	}
	start := sess.Now()
	steps := []struct {
		used, remaining float64
		blocked         bool
	}{{7, 13, false}, {14, 6, false}, {21, 0, true}}
	for i, s := range steps {
		_, out := p.postQuery(server.APIPath, rateInfoQuery, hdr)
		info := allowance(t, out)
		if info["limit"] != 20.0 || info["usedPoints"] != s.used || info["remainingPoints"] != s.remaining || info["isBlocked"] != s.blocked {
			t.Errorf("request %d: %v, want used %v remaining %v blocked %v", i+1, info, s.used, s.remaining, s.blocked)
		}
		if ttl := int64(info["ttl"].(float64)); ttl != start.Add(time.Hour).Unix() {
			t.Errorf("request %d: ttl %d, want %d (an hour after the first request)", i+1, ttl, start.Add(time.Hour).Unix())
		}
	}
	for _, tc := range []struct{ path, query string }{
		{server.APIPath, rateInfoQuery},
		{server.APIPath, `{ viewer { id } }`},
		{server.AuthPath, `mutation { obtainKrakenToken(input: {email: "demo@krakensim.dev", password: "krakensim"}) { token } }`}, // sign-in counts too
	} {
		status, out := p.postQuery(tc.path, tc.query, hdr)
		ext, _ := simtest.Get(out, "errors", 0, "extensions").(map[string]any)
		if status != 200 || ext["errorCode"] != "KT-CT-1199" || ext["errorType"] != "AUTHORIZATION" || simtest.Get(out, "errors", 0, "message") != "Too many requests." {
			t.Errorf("%s %s when blocked: %d %v", tc.path, tc.query, status, out)
		}
	}
	if status, _ := p.admin(http.MethodPost, server.AdminPrefix+"clock/advance?by=59m&session="+session, ""); status != 200 {
		t.Fatal("advance the clock")
	}
	if _, out := p.postQuery(server.APIPath, rateInfoQuery, hdr); errorCode(out) != "KT-CT-1199" {
		t.Errorf("59 minutes later: %v, want still KT-CT-1199", out)
	}
	p.admin(http.MethodPost, server.AdminPrefix+"clock/advance?by=1m&session="+session, "")
	_, out = p.postQuery(server.APIPath, rateInfoQuery, hdr)
	if info := allowance(t, out); info["usedPoints"] != 7.0 || info["remainingPoints"] != 13.0 || info["isBlocked"] != false {
		t.Errorf("after the window: %v, want a fresh allowance", info)
	}
	// A signed-in viewer has an allowance of its own.
	p.admin(http.MethodPost, server.AdminPrefix+"sessions/"+session+"/rate-limit", `{"rateLimit": "kraken"}`)
	tok, _ := p.signIn(session, map[string]any{"email": "demo@krakensim.dev", "password": "krakensim"})
	_, out = p.postQuery(server.APIPath, rateInfoQuery, map[string]string{sim.SessionHeader: session, "Authorization": tok})
	if info := allowance(t, out); info["limit"] != 50000.0 || info["usedPoints"] != 7.0 {
		t.Errorf("the demo user's own allowance under kraken: %v", info)
	}
	// A document over the complexity limit is refused before it runs, and spends nothing.
	var heavy strings.Builder
	heavy.WriteString("{")
	for i := range 1000 {
		fmt.Fprintf(&heavy, "a%d:viewer{id} ", i)
	}
	heavy.WriteString("}")
	if _, out := p.postQuery(server.APIPath, heavy.String(), map[string]string{sim.SessionHeader: session, "Authorization": tok}); errorCode(out) != "KT-CT-1188" {
		t.Fatalf("1,000 viewer aliases: %.300v, want KT-CT-1188", out)
	}
	_, out = p.postQuery(server.APIPath, rateInfoQuery, map[string]string{sim.SessionHeader: session, "Authorization": tok})
	if info := allowance(t, out); info["usedPoints"] != 14.0 || info["isBlocked"] != false {
		t.Errorf("after a refused over-complex document: %v, want only the two rateLimitInfo queries spent (14)", info)
	}
	if status, out := p.admin(http.MethodPost, server.AdminPrefix+"sessions/"+session+"/rate-limit", `{"rateLimit": null}`); status != 200 || out["rateLimit"] != "off" {
		t.Errorf("back to the server's: %d %v", status, out)
	}
}

func TestRateLimitAdminErrors(t *testing.T) {
	p := newPlatform(t)
	for _, tc := range []struct{ body, detail string }{
		{`{"rateLimit": "lots"}`, `rateLimit: "lots": want off, kraken or a number`},
		{`{"rateLimit": -1}`, `rateLimit: "-1"`},
		{`{}`, `give {"rateLimit": "kraken"}`},
		{`{"rate": 5}`, `unknown field "rate"`},
		{`[`, `body:`},
	} {
		status, out := p.admin(http.MethodPost, server.AdminPrefix+"sessions/x/rate-limit", tc.body)
		if detail, _ := out["detail"].(string); status != 400 || !strings.Contains(detail, tc.detail) {
			t.Errorf("%s: %d %v, want 400 containing %q", tc.body, status, out, tc.detail)
		}
	}
}

func TestRateLimitFromScenario(t *testing.T) {
	srv := simtest.NewServer(t, simtest.WithScenarioYAML("tight", "name: tight\nrateLimit: 10\n"))
	c := srv.Client(t)
	c.UseScenarios("tight")
	first := c.Query(rateInfoQuery, nil)
	if got := simtest.Get(first.Data, "rateLimitInfo", "pointsAllowanceRateLimit", "limit"); got != 10.0 {
		t.Fatalf("limit %v, want 10 from the scenario: %+v", got, first)
	}
	c.Query(rateInfoQuery, nil) // 14 points: within the allowance when it started
	if out := c.Query(rateInfoQuery, nil); len(out.Errors) != 1 || out.Errors[0].Code() != "KT-CT-1199" {
		t.Errorf("third request: %+v, want KT-CT-1199", out.Errors)
	}
	c.AdvanceClock(time.Hour)
	if out := c.Query(rateInfoQuery, nil); len(out.Errors) > 0 {
		t.Errorf("after an hour: %+v", out.Errors)
	}
}

func TestComplexityDryRun(t *testing.T) {
	p := newPlatform(t)
	hdr := map[string]string{sim.HeaderQueryComplexity: "true", sim.SessionHeader: "dry"}
	status, out := p.postQuery(server.APIPath, `{ viewer { id } me: account(accountNumber: "A-C90DC431") { number payments(first: 10) { edges { node { id } } } } }`, hdr)
	want := map[string]any{"total": 17.0, "nodes": 10.0, "fields": map[string]any{"viewer": 2.0, "me": 15.0}}
	if got := simtest.Get(out, "extensions", "queryComplexity"); status != 200 || !reflect.DeepEqual(got, want) {
		t.Errorf("dry run: %d %v, want %v", status, got, want)
	}
	if out["data"] != nil || out["errors"] != nil {
		t.Errorf("a dry run executed: %v", out)
	}
	_, out = p.postQuery(server.APIPath, `{ queryComplexity(input: {query: "query($n: Int) { account(accountNumber: \"A\") { payments(first: $n) { edges { node { id } } } } }", variables: "{\"n\": 66}"}) { complexityValue } }`, nil)
	if got := simtest.Get(out, "data", "queryComplexity", "complexityValue"); got != 70.0 {
		t.Errorf("queryComplexity: %v, want 70", out)
	}
	_, out = p.postQuery(server.APIPath, `{ queryComplexity(input: {query: "{ nope }"}) { complexityValue } }`, nil)
	if errorCode(out) != sim.CodeBadQuery {
		t.Errorf("queryComplexity of a bad query: %v", out)
	}
}

// paymentsQuery is an account's payments page of n: complexity n+4, n nodes (its edges).
func paymentsQuery(alias string, n int) string {
	return fmt.Sprintf(`%s: account(accountNumber: "A-C90DC431") { payments(first: %d) { edges { node { id } } } } `, alias, n)
}

func TestComplexityAndNodeCaps(t *testing.T) {
	p := newPlatform(t)
	tok, _ := p.signIn("caps", map[string]any{"email": "demo@krakensim.dev", "password": "krakensim"})
	hdr := map[string]string{sim.SessionHeader: "caps", "Authorization": tok}
	nodes := func(last int) string {
		var b strings.Builder
		b.WriteString("{ ")
		for i := 0; i < 99; i++ {
			b.WriteString(paymentsQuery(fmt.Sprintf("a%d", i), 100))
		}
		b.WriteString(paymentsQuery("last", last) + "}")
		return b.String()
	}
	cases := []struct {
		name, query, code string
		maxComplexity     int
	}{
		{"complexity 200 passes", "{ " + paymentsQuery("a", 100) + paymentsQuery("b", 92) + "}", "", 0},
		{"complexity 201 is refused", "{ " + paymentsQuery("a", 100) + paymentsQuery("b", 93) + "}", "KT-CT-1188", 0},
		{"10,000 nodes pass", nodes(100), "", 1 << 20},
		{"10,001 nodes are refused", nodes(101), "KT-CT-1189", 1 << 20},
		{"introspection passes", readFile(t, "../graphql/testdata/introspection.graphql"), "", 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			q := p
			if tc.maxComplexity > 0 {
				q = newPlatformWith(t, func(c *sim.Config) { c.MaxComplexity = tc.maxComplexity })
				qtok, _ := q.signIn("caps", map[string]any{"email": "demo@krakensim.dev", "password": "krakensim"})
				hdr = map[string]string{sim.SessionHeader: "caps", "Authorization": qtok}
			}
			_, out := q.postQuery(server.APIPath, tc.query, hdr)
			if got := errorCode(out); got != tc.code {
				t.Errorf("errorCode %q, want %q: %.300v", got, tc.code, out["errors"])
			}
			if tc.code == "" && out["data"] == nil {
				t.Errorf("no data: %.300v", out)
			}
		})
	}
}

// newPlatformWith is newPlatform with a changed configuration.
func newPlatformWith(t testing.TB, change func(*sim.Config)) *live {
	t.Helper()
	cfg, err := platform.Default()
	if err != nil {
		t.Fatal(err)
	}
	change(&cfg)
	s, err := sim.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(server.New(server.Config{Sim: s}))
	t.Cleanup(ts.Close)
	return &live{t: t, url: ts.URL, sim: s}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestScriptedErrorExtensions(t *testing.T) {
	const yaml = `name: boost-refused
rules:
  - when: {field: viewer}
    then:
      errors:
        - code: KT-CT-1111
          errorClass: AUTHORIZATION
          validationErrors: [{message: Not yours., inputPath: [input, accountNumber]}]
          extensions:
            boostChargeRefusalReasons: [BOOST_ALREADY_ACTIVE, NO_SMART_METER]
            retryAfterSeconds: 30
`
	srv := simtest.NewServer(t, simtest.WithScenarioYAML("boost-refused", yaml))
	c := srv.Client(t)
	c.UseScenarios("boost-refused")
	out := c.Query(`{ viewer { id } }`, nil)
	if len(out.Errors) != 1 {
		t.Fatalf("errors: %+v", out.Errors)
	}
	ext := out.Errors[0].Extensions
	want := map[string]any{
		"errorCode": "KT-CT-1111", "errorType": "AUTHORIZATION", "errorClass": "AUTHORIZATION",
		"validationErrors":          []any{map[string]any{"message": "Not yours.", "inputPath": []any{"input", "accountNumber"}}},
		"boostChargeRefusalReasons": []any{"BOOST_ALREADY_ACTIVE", "NO_SMART_METER"},
		"retryAfterSeconds":         30.0,
	}
	for k, v := range want {
		if !reflect.DeepEqual(ext[k], v) {
			t.Errorf("extensions.%s = %#v, want %#v", k, ext[k], v)
		}
	}
}

func TestScriptedRESTStatusWithoutBody(t *testing.T) {
	cases := []struct {
		status int
		detail string
	}{
		{429, "Request was throttled."},
		{503, "Service temporarily unavailable, try again later."},
		{500, "A server error occurred."},
	}
	var scs []*rules.Scenario
	for _, tc := range cases {
		scs = append(scs, &rules.Scenario{Name: "rest-" + strconv.Itoa(tc.status), Rules: []*rules.Rule{
			{When: rules.When{Kind: rules.KindHTTP, Method: "POST", Route: "/v1/data-import/notes/create/"}, Then: []*rules.Answer{{Status: tc.status}}},
		}})
	}
	p := newPlatform(t, scs...)
	for _, tc := range cases {
		req, _ := http.NewRequest(http.MethodPost, p.url+"/v1/data-import/notes/create/", strings.NewReader(`{}`))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set(sim.HeaderScenario, "rest-"+strconv.Itoa(tc.status))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var body map[string]any
		err = json.NewDecoder(resp.Body).Decode(&body)
		resp.Body.Close()
		if err != nil || resp.StatusCode != tc.status || body["detail"] != tc.detail {
			t.Errorf("%d: %d %v %v, want {\"detail\": %q}", tc.status, resp.StatusCode, body, err, tc.detail)
		}
	}
}
