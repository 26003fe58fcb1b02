package simtest_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/krakensim/krakensim/scenarios"
	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/graphql"
	"github.com/krakensim/krakensim/sim/simtest"
)

const (
	viewerQuery  = `{ viewer { email givenName } }`
	accountQuery = `query($n: String!) { account(accountNumber: $n) { number status billingAddressPostcode } }`
	scheduleOp   = `mutation($input: CreateAccountPaymentScheduleInput!) { createAccountPaymentSchedule(input: $input) { schedule { paymentDay paymentAmount } } }`
	noteBody     = `{"import_supplier":"TENTACLE_ENERGY","external_account_number":"EXTERNAL-1234","notes":[{"body":"Pack test note %s"}]}`
)

// graphqlCode sends one operation and returns the first error code, or "".
func graphqlCode(t *testing.T, c *simtest.Client, query string, vars map[string]any) string {
	t.Helper()
	out := c.Query(query, vars)
	if len(out.Errors) == 0 {
		return ""
	}
	return out.Errors[0].Code()
}

// TestShippedScenarios exercises every scenario of the pack through a live server.
func TestShippedScenarios(t *testing.T) {
	srv := simtest.NewServer(t)
	account := map[string]any{"n": "A-C90DC431"}
	tests := map[string]func(t *testing.T, c *simtest.Client){
		"happy-path": func(t *testing.T, c *simtest.Client) {
			out := c.Query(viewerQuery, nil)
			if simtest.Get(out.Data, "viewer", "givenName") != "Jamie" {
				t.Errorf("viewer = %v %v", out.Data, out.Errors)
			}
			out = c.Query(scheduleOp, map[string]any{"input": map[string]any{"accountNumber": "A-C90DC431", "ledgerNumber": "L-6B2F0A1C", "paymentDay": 9, "paymentAmount": 5000}})
			if day := simtest.Get(out.Data, "createAccountPaymentSchedule", "schedule", "paymentDay"); day != float64(9) {
				t.Errorf("paymentDay = %v (%v)", day, out.Errors)
			}
		},
		"auth-missing-header": func(t *testing.T, c *simtest.Client) {
			if code := graphqlCode(t, c, viewerQuery, nil); code != "KT-CT-1112" {
				t.Errorf("viewer: %q", code)
			}
		},
		"auth-invalid-token": func(t *testing.T, c *simtest.Client) {
			if code := graphqlCode(t, c, accountQuery, account); code != "KT-CT-1143" {
				t.Errorf("account: %q", code)
			}
		},
		"auth-expired-token": func(t *testing.T, c *simtest.Client) {
			if code := graphqlCode(t, c, viewerQuery, nil); code != "KT-CT-1124" {
				t.Errorf("viewer: %q", code)
			}
		},
		"auth-unauthorized": func(t *testing.T, c *simtest.Client) {
			if code := graphqlCode(t, c, accountQuery, account); code != "KT-CT-1111" {
				t.Errorf("account: %q", code)
			}
		},
		"payment-schedule-errors": func(t *testing.T, c *simtest.Client) {
			for _, tc := range []struct {
				input map[string]any
				code  string
			}{
				{map[string]any{"accountNumber": "A-FA11ED01", "ledgerNumber": "L-1", "paymentDay": 3}, "KT-CT-3942"},
				{map[string]any{"accountNumber": "A-C90DC431", "ledgerNumber": "L-6B2F0A1C", "paymentDay": 31}, "KT-CT-3960"},
				{map[string]any{"accountNumber": "A-C90DC431", "ledgerNumber": "L-6B2F0A1C"}, "KT-CT-3962"},
			} {
				if code := graphqlCode(t, c, scheduleOp, map[string]any{"input": tc.input}); code != tc.code {
					t.Errorf("%v: %q, want %q", tc.input, code, tc.code)
				}
			}
		},
		"validation-failures": func(t *testing.T, c *simtest.Client) {
			out := c.Query(`mutation { updateAccountBillingEmail(input: {accountNumber: "A-C90DC431", billingEmail: "not-an-email"}) { account { billingEmail } } }`, nil)
			if len(out.Errors) == 0 || out.Errors[0].Extensions["errorType"] != "VALIDATION" {
				t.Errorf("updateAccountBillingEmail: %+v", out.Errors)
			}
		},
		"account-not-found": func(t *testing.T, c *simtest.Client) {
			if code := graphqlCode(t, c, accountQuery, map[string]any{"n": "A-00000000"}); code != "KT-CT-4177" {
				t.Errorf("account: %q", code)
			}
			billing := `mutation($n: String!) { updateAccountBillingEmail(input: {accountNumber: $n, billingEmail: "a@example.com"}) { account { billingEmail } } }`
			if code := graphqlCode(t, c, billing, map[string]any{"n": "A-00000000"}); code != "KT-CT-4123" {
				t.Errorf("updateAccountBillingEmail: %q", code)
			}
		},
		"import-retries": func(t *testing.T, c *simtest.Client) {
			// The scripted 500s store nothing; the retries reach the real endpoints, which
			// store once and answer the OpenAPI document's bodies.
			instruction := func(ref string) (int, map[string]any) {
				body := []byte(`{"import_supplier":"TENTACLE_ENERGY","external_account_number":"EXTERNAL-1234","reference":"` + ref + `","vendor":"GOCARDLESS","type":"CARD"}`)
				status, b := c.Do(http.MethodPost, "/v1/data-import/payment-instruction/create/", body)
				var out map[string]any
				_ = json.Unmarshal(b, &out)
				return status, out
			}
			var got []int
			var last map[string]any
			for range 3 {
				status, out := instruction("R-1")
				got, last = append(got, status), out
			}
			if !slices.Equal(got, []int{500, 500, 201}) || last["account_number"] == nil || last["kraken_account_number"] == nil {
				t.Errorf("payment instruction: statuses %v, last %v; want 500 500 201 with account_number", got, last)
			}
			if status, out := instruction("R-2"); status != 400 {
				t.Errorf("another instruction of the type after the 201: %d %v, want 400 (one is active)", status, out)
			}
			tx := []byte(`{"import_supplier":"TENTACLE_ENERGY","external_account_number":"EXTERNAL-1234","transactions":[{"transaction_id":"ext-77","transaction_date":"2019-10-05","amount":12.34,"type":"PAYMENT","reason":"GENERAL_CREDIT","reference":"r77","payment_type":"DEBIT_CARD"}]}`)
			var results []any
			for range 3 {
				status, b := c.Do(http.MethodPost, "/v1/data-import/transactions/create/", tx)
				var out map[string]any
				_ = json.Unmarshal(b, &out)
				results = append(results, status, simtest.Get(out, "results", 0, "status"), simtest.Get(out, "results", 0, "transaction_data", "amount"))
			}
			want := []any{500, nil, nil, 201, "TRANSACTION_ADDED_TO_ACCOUNT", "12.34", 201, "TRANSACTION_ALREADY_EXISTS", "12.34"}
			if fmt.Sprint(results) != fmt.Sprint(want) {
				t.Errorf("transactions: %v, want %v", results, want)
			}
		},
		"flaky": func(t *testing.T, c *simtest.Client) {
			status, _ := c.Do(http.MethodPost, "/v1/data-import/notes/create/", []byte(strings.Replace(noteBody, "%s", "flaky", 1)))
			if status != 429 {
				t.Errorf("first notes call: %d, want 429", status)
			}
			status, _ = c.Do(http.MethodPost, "/v1/data-import/notes/create/", []byte(strings.Replace(noteBody, "%s", "flaky", 1)))
			if status == 429 || status >= 500 {
				t.Errorf("second notes call: %d, want the endpoint's answer", status)
			}
		},
		"network-faults": func(t *testing.T, c *simtest.Client) {
			status, body := c.Do(http.MethodPost, "/v1/data-import/transactions/create/", []byte(`{}`))
			if status != 502 || json.Valid(body) {
				t.Errorf("transactions: %d %q, want a malformed 502", status, body)
			}
		},
		"slow-network": func(t *testing.T, c *simtest.Client) {
			_, out := srv.Sim.API().Serve(t.Context(), &graphql.Request{Query: viewerQuery, Header: map[string][]string{
				sim.SessionHeader: {c.Session}, sim.HeaderScenario: {"slow-network"}, "Authorization": {"JWT " + c.Token},
			}})
			if out == nil || out.Delay < 500*time.Millisecond || out.Delay > 3*time.Second {
				t.Errorf("outcome = %+v, want a delay in [0.5s, 3s]", out)
			}
		},
	}
	pack, err := scenarios.Pack()
	if err != nil {
		t.Fatal(err)
	}
	for _, sc := range pack {
		test, ok := tests[sc.Name]
		if !ok {
			t.Errorf("shipped scenario %q has no test", sc.Name)
			continue
		}
		t.Run(sc.Name, func(t *testing.T) {
			c := srv.Client(t)
			if !strings.HasPrefix(sc.Name, "auth-missing") {
				c.SignIn("demo@krakensim.dev", "krakensim")
			}
			if sc.Name == "import-retries" || sc.Name == "flaky" || sc.Name == "network-faults" {
				c.Header.Set("Authorization", "Token krakensim-import-key")
			}
			c.UseScenarios(sc.Name)
			test(t, c)
		})
	}
}
