package simtest_test

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/journal"
	"github.com/krakensim/krakensim/sim/simtest"
)

// moveOut is performMoveOut of the demo flat, on a day given by $d.
const moveOut = `mutation($d: Date!) { performMoveOut(input: {accountNumber: "A-C90DC431", propertyId: "2214531", moveOutDate: $d}) { account { number } } }`

// TestTenantDocumentedCodes: a code only the served SDL documents (the registry lists
// none of KT-GB-6625 to 6627) is forced and scripted with the SDL's message and the type
// it implies, as possibleErrors describes it.
func TestTenantDocumentedCodes(t *testing.T) {
	_, c := layered(t, "octopus-schema.graphql", nil, nil, func(cfg *sim.Config) {
		if err := simtest.WithScenarioYAML("psr.yaml", "name: psr\nrules:\n  - when: {field: performMoveOut, variables: {d: \"2026-12-21\"}}\n    then: {error: KT-GB-6626}\n")(cfg); err != nil {
			t.Fatal(err)
		}
	})
	tests := []struct {
		name, force, day             string
		code, typ, message, describe string
	}{
		{"forced", "performMoveOut=KT-GB-6627", "2026-12-20", "KT-GB-6627", "VALIDATION", "There are missing agent appointments.", "There are missing agent appointments."},
		{"forced without a field", "KT-GB-6625", "2026-12-20", "KT-GB-6625", "APPLICATION", "An error occurred when trying to process this house move.", "An error occurred when trying to process this house move."},
		{"scripted", "", "2026-12-21", "KT-GB-6626", "APPLICATION", "There was an error processing the PSR data.", "There was an error processing the PSR data."},
		{"raised", "", "2019-01-01", "KT-GB-6624", "APPLICATION", "An error occurred when trying to process this house move.", "The move out could not be made as given"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c.Header = http.Header{}
			if tc.force != "" {
				c.Header.Set(sim.HeaderForceError, tc.force)
			}
			e, documented := moveOutError(t, c, tc.day)
			if e.Code() != tc.code || e.Message != tc.message || e.Extensions["errorType"] != tc.typ {
				t.Errorf("answered %s %s %q, want %s %s %q", e.Code(), e.Extensions["errorType"], e.Message, tc.code, tc.typ, tc.message)
			}
			if d, _ := e.Extensions["errorDescription"].(string); !strings.HasPrefix(d, tc.describe) {
				t.Errorf("errorDescription %q, want it to begin %q", d, tc.describe)
			}
			want := map[string]any{"code": e.Code(), "message": e.Message, "type": e.Extensions["errorType"], "description": e.Extensions["errorDescription"]}
			if d, ok := documented[e.Code()]; !ok || !equalJSON(d, want) {
				t.Errorf("possibleErrors says %v, the error %v", d, want)
			}
		})
	}
}

// moveOutError runs moveOut on day and returns its one error and the field's
// possibleErrors (asked again with X-Kraken-Possible-Errors), by code.
func moveOutError(t *testing.T, c *simtest.Client, day string) (simtest.ResponseError, map[string]any) {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": moveOut, "variables": map[string]any{"d": day}})
	_, b := c.Do(http.MethodPost, "/v1/graphql/", body)
	var out struct {
		Errors []simtest.ResponseError `json:"errors"`
	}
	if err := json.Unmarshal(b, &out); err != nil || len(out.Errors) != 1 {
		t.Fatalf("want one error: %s", b)
	}
	c.Header.Set(sim.HeaderPossibleErrors, "1")
	defer c.Header.Del(sim.HeaderPossibleErrors)
	_, b = c.Do(http.MethodPost, "/v1/graphql/", body)
	var dry struct {
		Errors []simtest.ResponseError `json:"errors"`
		Data   struct {
			PerformMoveOut struct {
				PossibleErrors []map[string]any `json:"possibleErrors"`
			} `json:"performMoveOut"`
		} `json:"data"`
	}
	if err := json.Unmarshal(b, &dry); err != nil || len(dry.Errors) != 0 {
		t.Fatalf("want the documented errors: %s", b)
	}
	documented := map[string]any{}
	for _, e := range dry.Data.PerformMoveOut.PossibleErrors {
		documented[e["code"].(string)] = e
	}
	return out.Errors[0], documented
}

func equalJSON(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return string(x) == string(y)
}

// TestForcedErrorUnknownField: X-Krakensim-Error naming no root field of the schema is
// refused, naming it with the field it likely means, rather than ignored; an alias the
// operation gives a field and a root field the operation does not select are not.
func TestForcedErrorUnknownField(t *testing.T) {
	_, c := octopus(t)
	tests := []struct {
		header, query, code, message string
	}{
		{"nosuchField=KT-CT-1111", `{ viewer { id } }`, sim.CodeBadRequestHeader, `X-Krakensim-Error: "nosuchField" is not a root field of the schema;`},
		{"createAccountPaymentSchedul=KT-CT-3942", `{ viewer { id } }`, sim.CodeBadRequestHeader, `"createAccountPaymentSchedul" is not a root field of the schema (did you mean "createAccountPaymentSchedule"?)`},
		{"me=KT-CT-1111", `{ me: viewer { id } }`, "KT-CT-1111", "Unauthorized."},
		{"performMoveOut=KT-GB-6627", `{ viewer { id } }`, "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.header, func(t *testing.T) {
			c.Header = http.Header{sim.HeaderForceError: {tc.header}}
			out := c.Query(tc.query, nil)
			switch {
			case tc.code == "" && len(out.Errors) > 0:
				t.Errorf("answered %+v, want no error", out.Errors)
			case tc.code == "":
			case len(out.Errors) != 1 || out.Errors[0].Code() != tc.code || !strings.Contains(out.Errors[0].Message, tc.message):
				t.Errorf("answered %+v, want %s %q", out.Errors, tc.code, tc.message)
			}
		})
	}
	// A code the field does not document lists the platform's codes beside its own once.
	c.Header = http.Header{sim.HeaderForceError: {"performMoveOut=KT-CT-3942"}}
	out := c.Query(moveOut, map[string]any{"d": "2026-12-20"})
	if len(out.Errors) != 1 || strings.Count(out.Errors[0].Message, "KT-CT-1113") != 1 {
		t.Errorf("answered %+v, want KT-CT-1113 named once", out.Errors)
	}
}

// TestPossibleErrorsAdmin: the admin API lists root fields' documented errors on every
// SDL, the Octopus one that has no possibleErrors query among them, as the IDE's
// force-error panel reads them.
func TestPossibleErrorsAdmin(t *testing.T) {
	_, oct := octopus(t)
	_, ori := tenant(t, "origin-schema.graphql")
	tests := []struct {
		name   string
		c      *simtest.Client
		target string
		status int
		codes  string
	}{
		{"Octopus performMoveOut", oct, "possible-errors?type=mutation&field=performMoveOut", 200, "KT-GB-6624 KT-GB-6625 KT-GB-6626 KT-GB-6627 KT-CT-1113"},
		{"Origin propertyMoveOut", ori, "possible-errors?type=mutation&field=propertyMoveOut", 200, "KT-CT-6622 KT-CT-6623 KT-AU-6610"},
		{"auth endpoint", oct, "possible-errors?endpoint=/graphql/&type=mutation&field=nope", 200, ""},
		{"no such endpoint", oct, "possible-errors?endpoint=/v2/&type=query&field=viewer", 404, ""},
		{"no type", oct, "possible-errors?field=viewer", 400, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			status, b := tc.c.Do(http.MethodGet, "/__krakensim/"+tc.target, nil)
			if status != tc.status {
				t.Fatalf("HTTP %d, want %d: %s", status, tc.status, b)
			}
			if status != 200 {
				return
			}
			var out struct {
				PossibleErrors map[string][]struct{ Code string } `json:"possibleErrors"`
			}
			if err := json.Unmarshal(b, &out); err != nil {
				t.Fatal(err)
			}
			var codes []string
			for _, list := range out.PossibleErrors {
				for _, e := range list {
					codes = append(codes, e.Code)
				}
			}
			if got := strings.Join(codes, " "); !strings.HasPrefix(got, tc.codes) || (tc.codes == "") != (got == "") {
				t.Errorf("codes %q, want them to begin %q", got, tc.codes)
			}
		})
	}
}

// TestPossibleErrorsHeaderIsADryRun: X-Possible-Errors checks the operation and its
// variables but runs nothing, as Kraken's announcement says: a mutation changes no
// state and issues no token, and each root field answers its documented errors under
// its response key in data; a bad variable is refused as without the header.
func TestPossibleErrorsHeaderIsADryRun(t *testing.T) {
	_, c := octopus(t)
	q := mustQuery(t, c)
	before := q(`{ viewer { givenName } }`, nil)["viewer"].(map[string]any)["givenName"]
	dry := func(query string, vars map[string]any) (int, map[string]any) {
		t.Helper()
		c.Header = http.Header{sim.HeaderPossibleErrorsLegacy: {"true"}}
		defer func() { c.Header = nil }()
		body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
		status, b := c.Do(http.MethodPost, "/v1/graphql/", body)
		var out map[string]any
		if err := json.Unmarshal(b, &out); err != nil {
			t.Fatalf("HTTP %d: %v: %s", status, err, b)
		}
		return status, out
	}
	codes := func(v any) string {
		var out []string
		list, _ := v.([]any)
		for _, e := range list {
			out = append(out, simtest.Get(e, "code").(string))
		}
		return strings.Join(out, " ")
	}

	status, out := dry(`mutation($n: String) { updateUser(input: {givenName: $n}) { viewer { givenName } } }`, map[string]any{"n": "DRYRUN"})
	if status != 200 || out["errors"] != nil || codes(simtest.Get(out, "data", "updateUser", "possibleErrors")) == "" {
		t.Errorf("updateUser dry run: HTTP %d %v, want its possibleErrors", status, out)
	}
	if v := simtest.Get(out, "data", "updateUser", "viewer"); v != nil {
		t.Errorf("the dry run answered the mutation's payload %v", v)
	}
	if got := q(`{ viewer { givenName } }`, nil)["viewer"].(map[string]any)["givenName"]; got != before {
		t.Errorf("after a dry run of updateUser the given name is %v, was %v", got, before)
	}

	// obtainKrakenToken issues no token, and a wrong password is not tried.
	for _, password := range []string{"krakensim", "wrong"} {
		_, out = dry(`mutation($p: String!) { obtainKrakenToken(input: {email: "demo@krakensim.dev", password: $p}) { token } }`, map[string]any{"p": password})
		if got := codes(simtest.Get(out, "data", "obtainKrakenToken", "possibleErrors")); out["errors"] != nil || got == "" || simtest.Get(out, "data", "obtainKrakenToken", "token") != nil {
			t.Errorf("obtainKrakenToken dry run with %q: %v", password, out)
		}
	}
	if got, want := codes(simtest.Get(out, "data", "obtainKrakenToken", "possibleErrors")), codes(simtest.Get(out, "extensions", "possibleErrors", "obtainKrakenToken")); got != want {
		t.Errorf("data lists %s, the extension %s", got, want)
	}

	// A query answers under each response key, a skipped field not at all.
	_, out = dry(`query($s: Boolean!) { me: viewer { givenName } again: viewer { id } acc: account(accountNumber: "A-C90DC431") @skip(if: $s) { number } __typename }`, map[string]any{"s": true})
	data, _ := out["data"].(map[string]any)
	var keys []string
	for k, v := range data {
		if _, ok := simtest.Get(v, "possibleErrors").([]any); ok {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	if strings.Join(keys, " ") != "again me" || len(data) != 2 {
		t.Errorf("query dry run data %v, want me and again with their possibleErrors", data)
	}
	ext, _ := simtest.Get(out, "extensions", "possibleErrors").(map[string]any)
	if _, ok := ext["viewer"]; !ok || len(ext) != 1 {
		t.Errorf("query dry run's extension lists %v, want viewer's alone (account is skipped)", ext)
	}

	// Variables are checked as without the header: a bad one is a bad request.
	for name, vars := range map[string]map[string]any{
		"not a date": {"d": "not-a-date"},
		"missing":    {},
	} {
		status, out = dry(moveOut, vars)
		if status != http.StatusBadRequest || out["data"] != nil || out["errors"] == nil {
			t.Errorf("%s: HTTP %d %v, want 400 with the variable's error", name, status, out)
		}
	}

	// The journal records the dry run as no root field run, answered with data.
	_, out = dry(moveOut, map[string]any{"d": "2026-12-20"})
	e := c.Requests(journal.Filter{Limit: 1})[0]
	if len(e.Fields) != 0 || !e.Outcome.Data || e.OperationType != "mutation" {
		t.Errorf("journal entry fields %+v data %v type %q, want no field run, data, mutation", e.Fields, e.Outcome.Data, e.OperationType)
	}
}

// TestPossibleErrorsHeaderIsLimited: a dry run is checked against the complexity limit
// and charged to the points allowance as any request is, before it would execute.
func TestPossibleErrorsHeaderIsLimited(t *testing.T) {
	srv := simtest.NewServer(t,
		simtest.WithScenarioYAML("tight", "name: tight\nrateLimit: 10\n"),
		simtest.WithConfig(func(cfg *sim.Config) { cfg.MaxDepth = 2 }))
	c := srv.Client(t)
	c.Header = http.Header{sim.HeaderPossibleErrors: {"1"}}
	if out := c.Query(`{ viewer { accounts { number } } }`, nil); len(out.Errors) != 1 || out.Errors[0].Code() != "KT-CT-1188" {
		t.Errorf("too deep: %+v, want KT-CT-1188", out)
	}
	c.UseScenarios("tight")
	var last *simtest.Response
	for range 11 {
		last = c.Query(`{ viewer { id } }`, nil) // at least a point each
	}
	if len(last.Errors) != 1 || last.Errors[0].Code() != "KT-CT-1199" {
		t.Errorf("eleventh dry run: %+v, want KT-CT-1199", last)
	}
}
