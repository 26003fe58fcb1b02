package sim_test

import (
	"encoding/json"
	"fmt"
	"reflect"
	"regexp"
	"sync"
	"testing"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/rules"
)

// testScenarios builds scenarios as the YAML parser would.
func testScenarios() []*rules.Scenario {
	gql := func(field string, then ...*rules.Answer) *rules.Rule {
		return &rules.Rule{When: rules.When{Kind: rules.KindGraphQL, Field: field}, Then: then}
	}
	failFA11 := gql("createAccountPaymentSchedule", &rules.Answer{Errors: []rules.ErrorSpec{{Code: "KT-CT-3942"}}})
	failFA11.When.Variables = []rules.PathMatch{{Path: "input.accountNumber", Matcher: &rules.Matcher{Op: rules.OpEqual, Value: "A-FA11ED01"}}}
	return []*rules.Scenario{
		{Name: "payments", Rules: []*rules.Rule{failFA11}},
		{Name: "pinned", Rules: []*rules.Rule{
			gql("viewer", &rules.Answer{HasData: true, Data: map[string]any{
				"givenName": "{{ .Variables.name }}", "title": nil, "mobile": "{{ header \"X-Test\" }}",
			}}),
		}},
		{Name: "several", Rules: []*rules.Rule{
			gql("viewer", &rules.Answer{Errors: []rules.ErrorSpec{
				{Code: "KT-CT-1111", Message: "custom message"},
				{Code: "KT-CT-4178", ValidationErrors: []rules.ValidationError{{Message: "bad", InputPath: []any{"input", "email"}}}},
			}}),
		}},
		{Name: "partial", Rules: []*rules.Rule{
			gql("viewer", &rules.Answer{HasData: true, Data: map[string]any{"email": "partial@krakensim.dev"},
				Errors: []rules.ErrorSpec{{Code: "KT-CT-4178", Path: "pronouns"}}}),
		}},
		{Name: "deep", Rules: []*rules.Rule{
			gql("viewer", &rules.Answer{Errors: []rules.ErrorSpec{{Code: "KT-CT-1111", Path: "accounts.0.number"}}}),
		}},
		{Name: "sequence", Rules: []*rules.Rule{
			gql("viewer",
				&rules.Answer{Times: 2, Errors: []rules.ErrorSpec{{Code: "KT-CT-1111"}}},
				&rules.Answer{HasData: true, Data: map[string]any{"email": "third@krakensim.dev"}, Times: 1}),
		}},
		{Name: "input-path", Rules: []*rules.Rule{
			gql("createAccountPaymentSchedule", &rules.Answer{Errors: []rules.ErrorSpec{{Code: "KT-CT-3960", ValidationErrors: []rules.ValidationError{{
				Message:   "bad",
				InputPath: []any{"input", `{{ if gt (var "input.paymentDay") 28 }}paymentDay{{ else }}paymentAmount{{ end }}`, `{{ var "input.paymentDay" }}`, "x{{ 1 }}"},
			}}}}}),
		}},
		{Name: "unavailable", Rules: []*rules.Rule{
			gql("viewer", &rules.Answer{Status: 503, Headers: map[string]string{"Retry-After": "7"}}),
		}},
	}
}

func scenarioSim(t *testing.T) *sim.Simulator {
	t.Helper()
	s := newSim(t, 1)
	if err := s.SetScenarios(testScenarios()); err != nil {
		t.Fatal(err)
	}
	return s
}

func TestScenarioAnswers(t *testing.T) {
	const viewer = `query($name: String!) { viewer { email givenName title mobile pronouns } possibleErrors(input: {name: $name, type: query}) { name } }`
	cases := []struct {
		name     string
		scenario string
		query    string
		vars     map[string]any
		want     map[string]any // dig path (dotted by test) → value
	}{
		{"pinned data merged and templated", "pinned", viewer, map[string]any{"name": "viewer"},
			map[string]any{"data.viewer.givenName": "viewer", "data.viewer.title": nil, "data.viewer.mobile": "from-header"}},
		{"several errors", "several", viewer, map[string]any{"name": "viewer"},
			map[string]any{"data.viewer": nil, "errors.0.message": "custom message", "errors.0.extensions.errorCode": "KT-CT-1111",
				"errors.1.extensions.errorCode": "KT-CT-4178", "errors.1.extensions.validationErrors.0.message": "bad"}},
		{"partial success", "partial", viewer, map[string]any{"name": "viewer"},
			map[string]any{"data.viewer.email": "partial@krakensim.dev", "data.viewer.pronouns": nil,
				"errors.0.extensions.errorCode": "KT-CT-4178", "errors.0.path.1": "pronouns"}},
		{"partial success, the field aliased", "partial", `{ viewer { email p: pronouns } }`, nil,
			map[string]any{"data.viewer.email": "partial@krakensim.dev", "data.viewer.p": nil,
				"errors.0.extensions.errorCode": "KT-CT-4178", "errors.0.path.1": "p"}},
		{"partial success, the field selected twice", "partial", `{ viewer { p: pronouns pronouns } }`, nil,
			map[string]any{"data.viewer.p": nil, "data.viewer.pronouns": nil,
				"errors.0.path.1": "p", "errors.1.path.1": "pronouns", "errors.1.extensions.errorCode": "KT-CT-4178"}},
		{"nested error through aliases and a list", "deep", `{ me: viewer { A: accounts { N: number status } } }`, nil,
			map[string]any{"data.me.A.0.N": nil, "errors.0.extensions.errorCode": "KT-CT-1111",
				"errors.0.path.0": "me", "errors.0.path.1": "A", "errors.0.path.2": json.Number("0"), "errors.0.path.3": "N"}},
		{"templated inputPath segments, a whole number an index", "input-path",
			`mutation { createAccountPaymentSchedule(input: {accountNumber: "A-C90DC431", ledgerNumber: "L-1", paymentDay: 31}) { schedule { id } } }`, nil,
			map[string]any{"errors.0.extensions.errorCode": "KT-CT-3960", "errors.0.extensions.validationErrors.0.inputPath.0": "input",
				"errors.0.extensions.validationErrors.0.inputPath.1": "paymentDay", "errors.0.extensions.validationErrors.0.inputPath.2": json.Number("31"),
				"errors.0.extensions.validationErrors.0.inputPath.3": "x1"}},
		{"variable matcher hit", "payments",
			`mutation { createAccountPaymentSchedule(input: {accountNumber: "A-FA11ED01", ledgerNumber: "L-1", paymentDay: 5}) { schedule { id } } }`, nil,
			map[string]any{"errors.0.extensions.errorCode": "KT-CT-3942", "data.createAccountPaymentSchedule": nil}},
	}
	s := scenarioSim(t)
	for i, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			session := "answers-" + string(rune('a'+i))
			h := signIn(t, s, session)
			h[sim.HeaderScenario] = []string{tc.scenario}
			h["X-Test"] = []string{"from-header"}
			out := do(t, s.API(), tc.query, tc.vars, h)
			for path, want := range tc.want {
				if got := digPath(out, path); got != want {
					t.Errorf("%s = %#v, want %#v\n%v", path, got, want, out)
				}
			}
		})
	}
}

func TestScenarioSequencePerSession(t *testing.T) {
	s := scenarioSim(t)
	var wg sync.WaitGroup
	for _, session := range []string{"seq-a", "seq-b", "seq-c"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			h := signIn(t, s, session)
			h[sim.HeaderScenario] = []string{"sequence"}
			var got []any
			for range 4 {
				out := do(t, s.API(), `{ viewer { email } }`, nil, h)
				if code := digPath(out, "errors.0.extensions.errorCode"); code != nil {
					got = append(got, code)
				} else {
					got = append(got, digPath(out, "data.viewer.email"))
				}
			}
			// Two failures, the pinned answer, then the spent rule lets state answer.
			if got[0] != "KT-CT-1111" || got[1] != "KT-CT-1111" || got[2] != "third@krakensim.dev" || got[3] == "third@krakensim.dev" {
				t.Errorf("session %s: %v", session, got)
			}
		}()
	}
	wg.Wait()
}

func TestScenarioActivation(t *testing.T) {
	s := scenarioSim(t)
	h := signIn(t, s, "act")
	q := `{ viewer { email } }`
	if out := do(t, s.API(), q, nil, h); digPath(out, "errors") != nil {
		t.Fatalf("inactive scenario answered: %v", out)
	}
	if err := s.ActivateScenario("several", "act"); err != nil {
		t.Fatal(err)
	}
	if out := do(t, s.API(), q, nil, h); digPath(out, "errors.0.extensions.errorCode") != "KT-CT-1111" {
		t.Errorf("session activation: %v", out)
	}
	other := signIn(t, s, "other")
	if out := do(t, s.API(), q, nil, other); digPath(out, "errors") != nil {
		t.Errorf("another session saw the activation: %v", out)
	}
	if err := s.ActivateScenario("nope", ""); err == nil {
		t.Error("activating an unknown scenario succeeded")
	}
	h[sim.HeaderScenario] = []string{"nope"}
	out := do(t, s.API(), q, nil, h)
	if msg, _ := digPath(out, "errors.0.message").(string); !regexp.MustCompile(`no scenario "nope".*loaded: payments, pinned`).MatchString(msg) {
		t.Errorf("unknown header scenario: %v", out)
	}
}

// TestGlobalResetKeepsConfiguredScenarios: a global reset returns to the scenarios
// the configuration (or a --scenarios reload) made active for every session, and
// drops those a test activated at run time.
func TestGlobalResetKeepsConfiguredScenarios(t *testing.T) {
	cfg := newSimConfig(t)
	cfg.Scenarios, cfg.ActiveScenarios = testScenarios(), []string{"payments"}
	s, err := sim.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	for _, step := range []struct {
		do   func() error
		want string // the globally active scenarios
	}{
		{func() error { return nil }, "[payments]"},
		{func() error { return s.ActivateScenario("several", "") }, "[payments several]"},
		{func() error { return s.ResetScenarios("") }, "[payments]"},
		{func() error { return s.DeactivateScenario("payments", "") }, "[]"},
		{func() error { return s.ResetScenarios("") }, "[payments]"},
		{func() error { return s.ActivateDefault("pinned") }, "[payments pinned]"},
		{func() error { return s.ResetScenarios("") }, "[payments pinned]"},
		{func() error { return s.SetScenarios(testScenarios()[1:]) }, "[pinned]"}, // payments' file went
		{func() error { return s.ResetScenarios("") }, "[pinned]"},
		{func() error { return s.ActivateDefault("nope") }, "[pinned]"},
	} {
		_ = step.do()
		infos, err := s.Scenarios("")
		if err != nil {
			t.Fatal(err)
		}
		var active []string
		for _, in := range infos {
			if in.Active == "global" {
				active = append(active, in.Name)
			}
		}
		if got := fmt.Sprint(active); got != step.want {
			t.Fatalf("active %s, want %s", got, step.want)
		}
	}
}

func TestScenarioOutcome(t *testing.T) {
	s := scenarioSim(t)
	h := signIn(t, s, "outcome")
	h[sim.HeaderScenario] = []string{"unavailable"}
	_, out := s.API().Serve(t.Context(), request(`{ viewer { email } }`, h))
	if out == nil || out.Status != 503 || out.Header["Retry-After"][0] != "7" {
		t.Fatalf("outcome = %+v", out)
	}
}

func TestForcedErrorHeader(t *testing.T) {
	s := newSim(t, 1)
	m := `mutation { createAccountPaymentSchedule(input: {accountNumber: "A-C90DC431", ledgerNumber: "L-1", paymentDay: 5}) { schedule { id } } }`
	cases := []struct {
		header, code, msg string
	}{
		{"KT-CT-3942", "KT-CT-3942", ""},
		{"createAccountPaymentSchedule=KT-CT-3942", "KT-CT-3942", ""},
		{"KT-CT-9999", "KRAKENSIM-BAD-HEADER", "createAccountPaymentSchedule does not document KT-CT-9999; it documents KT-CT-1111, "},
		{"viewer=KT-CT-1111", "", ""},
		{"=KT-CT-1", "KRAKENSIM-BAD-HEADER", `"=KT-CT-1" is not CODE or FIELD=CODE`},
		{"viewer = KT-CT-1111 ; account=KT-CT-1112", "KRAKENSIM-BAD-HEADER", `"viewer = KT-CT-1111 ; account=KT-CT-1112" is not CODE or FIELD=CODE; separate pairs with commas`},
	}
	for _, tc := range cases {
		t.Run(tc.header, func(t *testing.T) {
			h := signIn(t, s, "")
			h[sim.HeaderForceError] = []string{tc.header}
			out := do(t, s.API(), m, nil, h)
			code, _ := digPath(out, "errors.0.extensions.errorCode").(string)
			if code != tc.code {
				t.Fatalf("errorCode = %q, want %q: %v", code, tc.code, out)
			}
			if msg, _ := digPath(out, "errors.0.message").(string); tc.msg != "" && !regexp.MustCompile(regexp.QuoteMeta(tc.msg)).MatchString(msg) {
				t.Errorf("message = %q, want it to contain %q", msg, tc.msg)
			}
		})
	}
}

// TestForcedErrorsStayApart forces the same code on two aliased fields, twice: each
// error keeps its own path and location, and the second request answers as the first.
func TestForcedErrorsStayApart(t *testing.T) {
	s := newSim(t, 1)
	m := `mutation {
  a: createAccountPaymentSchedule(input: {accountNumber: "A-C90DC431", ledgerNumber: "L-1", paymentDay: 5}) { schedule { id } }
  b: createAccountPaymentSchedule(input: {accountNumber: "A-C90DC431", ledgerNumber: "L-1", paymentDay: 6}) { schedule { id } }
}`
	var first any
	for i := range 2 {
		h := signIn(t, s, "")
		h[sim.HeaderForceError] = []string{"KT-CT-3942"}
		out := do(t, s.API(), m, nil, h)
		for j, alias := range []string{"a", "b"} {
			e := fmt.Sprintf("errors.%d.", j)
			if got := digPath(out, e+"path.0"); got != alias {
				t.Fatalf("request %d: error %d has path %v, want [%s]: %v", i, j, got, alias, out)
			}
			if got := fmt.Sprint(digPath(out, e+"locations.0.line")); got != fmt.Sprint(j+2) {
				t.Fatalf("request %d: error %d at line %v, want %d", i, j, got, j+2)
			}
			if got := digPath(out, e+"extensions.errorCode"); got != "KT-CT-3942" {
				t.Fatalf("request %d: error %d code %v", i, j, got)
			}
		}
		if i == 0 {
			first = out
		} else if !reflect.DeepEqual(out, first) {
			t.Fatalf("the second answer differs:\n%v\n%v", out, first)
		}
	}
}

// TestReloadWhileSessionResets reloads the scenarios while a session is reset, as a
// watched folder's edit during a suite's reset does (go test -race found the reset
// replacing the session's counters as the reload carried them).
func TestReloadWhileSessionResets(t *testing.T) {
	s := scenarioSim(t)
	if _, err := s.Session("r"); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		for range 200 {
			if err := s.ResetSession("r"); err != nil {
				t.Error(err)
				return
			}
		}
	}()
	for range 200 {
		if err := s.SetScenarios(testScenarios()); err != nil {
			t.Fatal(err)
		}
	}
	<-done
}
