package sim_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/krakensim/krakensim/fixtures"
	"github.com/krakensim/krakensim/schema"
	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/auth"
	"github.com/krakensim/krakensim/sim/graphql"
	"github.com/krakensim/krakensim/sim/ratelimit"
	"github.com/krakensim/krakensim/sim/simtest"
)

// newSim builds a simulator over the embedded contract.
func newSim(t testing.TB, seed int64, limits ...int) *sim.Simulator {
	t.Helper()
	cfg := newSimConfig(t)
	cfg.Seed = seed
	if len(limits) == 2 {
		cfg.MaxDepth, cfg.MaxComplexity = limits[0], limits[1]
	}
	s, err := sim.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// newSimConfig is the configuration over the embedded contract and default world.
func newSimConfig(t testing.TB) sim.Config {
	t.Helper()
	api, err := schema.Load(schema.APISource())
	if err != nil {
		t.Fatal(err)
	}
	auth, err := schema.Load(schema.AuthSource())
	if err != nil {
		t.Fatal(err)
	}
	reg, err := schema.DefaultRegistry()
	if err != nil {
		t.Fatal(err)
	}
	cfg := schema.SimConfig(api, auth, reg)
	cfg.World = defaultWorld(t)
	return cfg
}

// defaultWorld is the embedded fixtures' world.
func defaultWorld(t testing.TB) *sim.World {
	t.Helper()
	w, err := fixtures.Default()
	if err != nil {
		t.Fatal(err)
	}
	return w
}

// signIn obtains a token for demo@krakensim.dev in a session and returns the headers
// that use it there.
func signIn(t testing.TB, s *sim.Simulator, session string) map[string][]string {
	t.Helper()
	sess, err := s.Session(session)
	if err != nil {
		t.Fatal(err)
	}
	tok, fail := sess.Issuer().Obtain(auth.ObtainInput{Email: "demo@krakensim.dev", Password: "krakensim"}, sess.Credentials())
	if fail != nil {
		t.Fatal(fail)
	}
	h := map[string][]string{"Authorization": {"JWT " + tok.Token}}
	if session != "" {
		h[sim.SessionHeader] = []string{session}
	}
	return h
}

// do runs a request and decodes the JSON response.
func do(t testing.TB, e *sim.Endpoint, query string, vars map[string]any, header map[string][]string) map[string]any {
	t.Helper()
	resp := e.Execute(context.Background(), &graphql.Request{Query: query, Variables: vars, Header: header})
	b, err := json.Marshal(resp)
	if err != nil {
		t.Fatal(err)
	}
	var out map[string]any
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	if err := d.Decode(&out); err != nil {
		t.Fatalf("%v: %s", err, b)
	}
	return out
}

func codesOf(list any) []string {
	var codes []string
	l, _ := list.([]any)
	for _, e := range l {
		codes = append(codes, e.(map[string]any)["code"].(string))
	}
	return codes
}

func TestPossibleErrorsQuery(t *testing.T) {
	s := newSim(t, 1)
	const q = `query($name: String!, $type: query_type!, $auth: Boolean) {
  possibleErrors(input: {name: $name, type: $type, authErrors: $auth}) {
    name type authErrors possibleErrors { code message type description }
  }
}`
	tests := []struct {
		name, field, typ string
		auth             bool
		want             []string
	}{
		{"with auth errors", "createAccountPaymentSchedule", "mutation", true,
			[]string{"KT-CT-1111", "KT-CT-3815", "KT-CT-3822", "KT-CT-3923", "KT-CT-3941", "KT-CT-3942", "KT-CT-3947", "KT-CT-3960", "KT-CT-3961", "KT-CT-3962", "KT-CT-1113", "KT-CT-1112"}},
		{"without auth errors", "createAccountPaymentSchedule", "mutation", false,
			[]string{"KT-CT-3815", "KT-CT-3822", "KT-CT-3923", "KT-CT-3941", "KT-CT-3942", "KT-CT-3947", "KT-CT-3960", "KT-CT-3961", "KT-CT-3962", "KT-CT-1113"}},
		{"query field", "possibleErrors", "query", true, []string{"KT-CT-1606", "KT-CT-1113"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := do(t, s.API(), q, map[string]any{"name": tt.field, "type": tt.typ, "auth": tt.auth}, nil)
			pe := simtest.Get(out, "data", "possibleErrors")
			if pe == nil {
				t.Fatalf("no data: %v", out)
			}
			if got := codesOf(simtest.Get(pe, "possibleErrors")); !slices.Equal(got, tt.want) {
				t.Errorf("codes = %v\nwant    %v", got, tt.want)
			}
			if simtest.Get(pe, "name") != tt.field || simtest.Get(pe, "type") != tt.typ || simtest.Get(pe, "authErrors") != tt.auth {
				t.Errorf("echo = %v", pe)
			}
		})
	}

	t.Run("entry", func(t *testing.T) {
		out := do(t, s.API(), q, map[string]any{"name": "createAccountPaymentSchedule", "type": "mutation", "auth": false}, nil)
		want := map[string]any{"code": "KT-CT-3960", "message": "Invalid value for payment day.", "type": "VALIDATION"}
		for _, e := range simtest.Get(out, "data", "possibleErrors", "possibleErrors").([]any) {
			m := e.(map[string]any)
			if m["code"] != want["code"] {
				continue
			}
			if m["message"] != want["message"] || m["type"] != want["type"] || m["description"] == "" {
				t.Errorf("KT-CT-3960 = %v", m)
			}
			return
		}
		t.Error("KT-CT-3960 missing")
	})

	t.Run("unknown field", func(t *testing.T) {
		out := do(t, s.API(), q, map[string]any{"name": "nope", "type": "mutation"}, nil)
		if simtest.Get(out, "data", "possibleErrors") != nil {
			t.Errorf("data = %v", simtest.Get(out, "data"))
		}
		if got := simtest.Get(out, "errors", 0, "extensions", "errorCode"); got != "KT-CT-1606" {
			t.Errorf("errorCode = %v in %v", got, out)
		}
		if got := simtest.Get(out, "errors", 0, "path", 0); got != "possibleErrors" {
			t.Errorf("path = %v", got)
		}
	})
}

func TestPayloadPossibleErrors(t *testing.T) {
	s := newSim(t, 1)
	header := signIn(t, s, "")
	do(t, s.API(), `mutation { createGoodsQuote(input: {accountNumber: "A-C90DC431", productsToQuote: [{productId: 7, numberOfUnits: 1, currency: "GBP"}]}) { goodsQuote { id } } }`, nil, header)
	out := do(t, s.API(), `mutation { acceptGoodsQuote(input: {accountNumber: "A-C90DC431", quoteId: 103}) { possibleErrors { code } } }`, nil, header)
	if errs := simtest.Get(out, "errors"); errs != nil {
		t.Fatalf("acceptGoodsQuote failed, so its payload's possibleErrors cannot be read: %v", errs)
	}
	want := []string{"KT-CT-8223", "KT-CT-8201", "KT-CT-8224", "KT-CT-1113", "KT-CT-1111", "KT-CT-1112"}
	if got := codesOf(simtest.Get(out, "data", "acceptGoodsQuote", "possibleErrors")); !slices.Equal(got, want) {
		t.Errorf("codes = %v, want %v", got, want)
	}
}

func TestPossibleErrorsHeader(t *testing.T) {
	s := newSim(t, 1)
	q := `query { viewer { __typename } ...F } fragment F on Query { me: possibleErrors(input: {name: "viewer", type: query}) { name } }`
	tests := []struct {
		header map[string][]string
		want   []string
	}{
		{map[string][]string{"X-Kraken-Possible-Errors": {"true"}}, []string{"possibleErrors", "viewer"}},
		{map[string][]string{"X-Possible-Errors": {"1"}}, []string{"possibleErrors", "viewer"}},
		{map[string][]string{"X-Kraken-Possible-Errors": {"false"}}, nil},
		{nil, nil},
	}
	for i, tt := range tests {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			out := do(t, s.API(), q, nil, tt.header)
			pe, _ := simtest.Get(out, "extensions", "possibleErrors").(map[string]any)
			var got []string
			for k := range pe {
				got = append(got, k)
			}
			slices.Sort(got)
			if !slices.Equal(got, tt.want) {
				t.Errorf("extensions.possibleErrors fields = %v, want %v", got, tt.want)
			}
			if tt.want == nil {
				if got := simtest.Get(out, "data", "me", "name"); got != "viewer" {
					t.Errorf("without the header data.me.name = %v, want the query run", got)
				}
				return
			}
			if codes := codesOf(pe["possibleErrors"]); !slices.Contains(codes, "KT-CT-1606") {
				t.Errorf("possibleErrors codes = %v", codes)
			}
			// The data answers each root field's documented errors under its response
			// key, running none of them.
			if codes := codesOf(simtest.Get(out, "data", "me", "possibleErrors")); !slices.Equal(codes, codesOf(pe["possibleErrors"])) {
				t.Errorf("data.me.possibleErrors codes = %v, want the extension's %v", codes, codesOf(pe["possibleErrors"]))
			}
			if got := simtest.Get(out, "data", "viewer", "possibleErrors"); got == nil {
				t.Errorf("data.viewer = %v, want its possibleErrors", simtest.Get(out, "data", "viewer"))
			}
		})
	}
}

// TestRootFragmentFanOut: forty fragments among the root fields, each spreading the next
// twice, are read once each wherever a request's root fields are read (its cost, its
// journal entry and deprecations, the possible errors header): each took twice as long
// at each level, so that this document never finished.
func TestRootFragmentFanOut(t *testing.T) {
	s := newSim(t, 1)
	var b strings.Builder
	b.WriteString("{ ...F0 }\n")
	for i := range 40 {
		fmt.Fprintf(&b, "fragment F%d on Query { viewer { __typename } ...F%d ...F%d }\n", i, i+1, i+1)
	}
	b.WriteString("fragment F40 on Query { possibleErrors(input: {name: \"viewer\", type: query}) { name } }\n")
	out := do(t, s.API(), b.String(), nil, map[string][]string{"X-Kraken-Possible-Errors": {"true"}})
	pe, _ := simtest.Get(out, "extensions", "possibleErrors").(map[string]any)
	if len(pe) != 2 || pe["viewer"] == nil || pe["possibleErrors"] == nil {
		t.Errorf("extensions.possibleErrors %v; want viewer's and possibleErrors'", pe)
	}
	if codes := codesOf(simtest.Get(out, "data", "possibleErrors", "possibleErrors")); !slices.Contains(codes, "KT-CT-1606") {
		t.Errorf("answer %v", out)
	}
}

func TestQueryTooComplex(t *testing.T) {
	s := newSim(t, 1, 2, 1000)
	out := do(t, s.API(), `{ viewer { accounts { number } } }`, nil, nil)
	if _, ok := out["data"]; ok {
		t.Errorf("data present: %v", out)
	}
	want := map[string]any{"errorCode": "KT-CT-1188", "errorType": "AUTHORIZATION"}
	ext, _ := simtest.Get(out, "errors", 0, "extensions").(map[string]any)
	for k, v := range want {
		if ext[k] != v {
			t.Errorf("extensions.%s = %v, want %v", k, ext[k], v)
		}
	}
	if simtest.Get(out, "errors", 0, "message") != "Query is too complex." {
		t.Errorf("message = %v", simtest.Get(out, "errors", 0, "message"))
	}
}

func TestDeterministic(t *testing.T) {
	q := `{ viewer { email givenName accounts { number balance } } }`
	run := func(seed int64) map[string]any {
		s := newSim(t, seed)
		return do(t, s.API(), q, nil, signIn(t, s, ""))
	}
	a, b, c := run(1), run(1), run(2)
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	jc, _ := json.Marshal(c)
	if !bytes.Equal(ja, jb) {
		t.Errorf("same seed, different answers:\n%s\n%s", ja, jb)
	}
	if bytes.Equal(ja, jc) {
		t.Errorf("seeds 1 and 2 gave the same answer: %s", ja)
	}
}

func TestNewNeedsSchemas(t *testing.T) {
	if _, err := sim.New(sim.Config{}); err == nil {
		t.Error("New without schemas succeeded")
	}
}

func ExampleSimulator_KrakenError() {
	s, _ := sim.New(sim.Config{
		API:    mustLoad("type Query { a: Int }"),
		Auth:   mustLoad("type Query { a: Int }"),
		Errors: map[string]sim.ErrorDef{"KT-CT-4178": {Type: "NOT_FOUND", Message: "No account found with given account number.", Description: "Check the number."}},
	})
	e := s.KrakenError("KT-CT-4178")
	fmt.Println(e.Message, e.Extensions["errorType"], e.Extensions["errorCode"])
	// Output: No account found with given account number. NOT_FOUND KT-CT-4178
}

func mustLoad(sdl string) *ast.Schema {
	s, err := schema.Load(&ast.Source{Name: "example.graphql", Input: sdl})
	if err != nil {
		panic(err)
	}
	return s
}

// BenchmarkSeedMutation runs a seed mutation over the embedded contract end to end:
// parse cache, variable coercion, hooks, fakes and JSON encoding.
func BenchmarkSeedMutation(b *testing.B) {
	for _, rated := range []bool{false, true} {
		b.Run(map[bool]string{false: "unlimited", true: "points-allowance"}[rated], func(b *testing.B) {
			s := newSim(b, 1)
			if rated { // an allowance that never runs out, to time the accounting alone
				if err := s.SetRateLimit("", &ratelimit.Policy{Points: 1 << 40}); err != nil {
					b.Fatal(err)
				}
			}
			benchmarkSeedMutation(b, s.API(), signIn(b, s, ""))
		})
	}
}

func benchmarkSeedMutation(b *testing.B, e *sim.Endpoint, header map[string][]string) {
	req := &graphql.Request{
		Query: `mutation CreateAccountPaymentSchedule($input: CreateAccountPaymentScheduleInput!) {
  createAccountPaymentSchedule(input: $input) { schedule { id paymentDay paymentAmount validFrom validTo } }
}`,
		Variables: map[string]any{"input": map[string]any{
			"accountNumber": "A-C90DC431", "ledgerNumber": "L-1", "paymentDay": 5, "paymentAmount": 1500,
		}},
		Header: header,
	}
	first := e.Execute(context.Background(), req)
	if len(first.Errors) > 0 {
		b.Fatalf("errors: %v", first.Errors[0])
	}
	b.ReportAllocs()
	for b.Loop() {
		resp := e.Execute(context.Background(), req)
		if _, err := resp.MarshalJSON(); err != nil {
			b.Fatal(err)
		}
	}
}

// digPath is simtest.Get with a dotted path whose numeric parts index lists.
func digPath(v any, dotted string) any {
	var path []any
	for _, p := range strings.Split(dotted, ".") {
		if n, err := strconv.Atoi(p); err == nil {
			path = append(path, n)
		} else {
			path = append(path, p)
		}
	}
	return simtest.Get(v, path...)
}

// request builds a GraphQL request with headers.
func request(query string, h map[string][]string) *graphql.Request {
	return &graphql.Request{Query: query, Header: h}
}
