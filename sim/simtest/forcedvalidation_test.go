package simtest_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/simtest"
)

// forcedScenario scripts each case's code in short form (no validationErrors of its own)
// for requests carrying X-Case: scripted.
const forcedScenario = `name: short-form
rules:
  - when: {field: createAccountPaymentSchedule, headers: {X-Case: scripted}, variables: {day: 12}}
    then: {error: KT-CT-3960}
  - when: {field: createAccountPaymentSchedule, headers: {X-Case: scripted}, variables: {day: 13}}
    then: {error: KT-CT-3941}
  - when: {field: setUpDirectDebitInstruction, headers: {X-Case: scripted}}
    then: {error: KT-CT-3940}
  - when: {field: createDirectDebitInstruction, headers: {X-Case: scripted}}
    then: {error: KT-CT-3940}
`

// TestForcedCodeCarriesValidationErrors: a validation code forced by X-Krakensim-Error
// or scripted in short form carries the validationErrors the field's own refusal with
// that code carries, and the same errorType, in both tenants.
func TestForcedCodeCarriesValidationErrors(t *testing.T) {
	const (
		schedule = `mutation($day: Int, $amount: Int) { createAccountPaymentSchedule(input: {accountNumber: "A-C90DC431", ledgerNumber: "L-6B2F0A1C", paymentAmount: $amount, paymentDay: $day}) { schedule { validFrom } } }`
		setUp    = `mutation($acct: String!) { setUpDirectDebitInstruction(input: {accountNumber: "A-C90DC431", ledgerNumber: "L-6B2F0A1C", validFrom: "2026-12-01T00:00:00Z", bankDetails: {accountHolder: "Jamie Carter", accountNumber: $acct, bankCode: "082-001"}}) { paymentInstruction { id } } }`
		create   = `mutation($acct: String!) { createDirectDebitInstruction(input: {accountNumber: "A-C90DC431", directDebitInstruction: {accountNumber: $acct, accountHolder: "Jamie Carter", sortCode: "20-00-00"}}) { directDebitInstruction { id } } }`
	)
	tests := []struct {
		tenant, field, code, typ string
		query                    string
		natural, fine            map[string]any
		want                     string
	}{
		{"octopus", "createAccountPaymentSchedule", "KT-CT-3960", "VALIDATION", schedule, map[string]any{"day": 29, "amount": 15000}, map[string]any{"day": 12, "amount": 15000},
			"[map[inputPath:[input paymentDay] message:The payment day must be between 1 and 28.]]"},
		{"octopus", "createAccountPaymentSchedule", "KT-CT-3941", "VALIDATION", schedule, map[string]any{"day": 5, "amount": 0}, map[string]any{"day": 13, "amount": 15000},
			"[map[inputPath:[input paymentAmount] message:The payment amount must be more than 0.]]"},
		{"origin", "createAccountPaymentSchedule", "KT-CT-3960", "VALIDATION", schedule, map[string]any{"day": 29, "amount": 15000}, map[string]any{"day": 12, "amount": 15000},
			"[map[inputPath:[input paymentDay] message:The payment day must be between 1 and 28.]]"},
		{"origin", "setUpDirectDebitInstruction", "KT-CT-3940", "VALIDATION", setUp, map[string]any{"acct": "987"}, map[string]any{"acct": "987654321"},
			"[map[inputPath:[input bankDetails accountNumber] message:The bank details are not valid: check accountNumber.]]"},
		{"octopus", "createDirectDebitInstruction", "KT-CT-3940", "VALIDATION", create, map[string]any{"acct": "557"}, map[string]any{"acct": "55779911"},
			"[map[inputPath:[input directDebitInstruction accountNumber] message:The bank details are not valid: check accountNumber.]]"},
	}
	servers := map[string]*simtest.Client{}
	for _, name := range []string{"octopus", "origin"} {
		_, servers[name] = layered(t, name+"-schema.graphql", nil, nil, func(cfg *sim.Config) {
			if err := simtest.WithScenarioYAML("short-form.yaml", forcedScenario)(cfg); err != nil {
				t.Fatal(err)
			}
		})
	}
	for _, tc := range tests {
		t.Run(tc.tenant+"/"+tc.field+"/"+tc.code, func(t *testing.T) {
			c := servers[tc.tenant]
			for _, way := range []struct {
				name   string
				header string
				vars   map[string]any
			}{
				{"natural", "", tc.natural},
				{"forced", tc.field + "=" + tc.code, tc.fine},
				{"scripted", "", tc.fine},
			} {
				c.Header = http.Header{}
				switch way.name {
				case "forced":
					c.Header.Set(sim.HeaderForceError, way.header)
				case "scripted":
					c.Header.Set("X-Case", "scripted")
				}
				out := c.Query(tc.query, way.vars)
				if len(out.Errors) != 1 {
					t.Fatalf("%s: want one error, got %+v", way.name, out.Errors)
				}
				e := out.Errors[0]
				if e.Code() != tc.code || e.Extensions["errorType"] != tc.typ {
					t.Errorf("%s: %s %v, want %s %s", way.name, e.Code(), e.Extensions["errorType"], tc.code, tc.typ)
				}
				if got := fmt.Sprint(e.Extensions["validationErrors"]); got != tc.want {
					t.Errorf("%s: validationErrors %s, want %s", way.name, got, tc.want)
				}
			}
		})
	}
}

// TestPublishedTypes: a code the served SDL documents but krakensim's own registry does
// not list answers, forced, scripted and raised, with the errorType Kraken's published
// registry gives it, as possibleErrors says.
func TestPublishedTypes(t *testing.T) {
	const (
		vouchers = `(idempotencyKey: "k1", input: [{accountNumber: "A-C90DC431", voucherValueInCents: 1000, chargeAmountInCents: 1000, displayName: "V", voucherType: "GIFT", purchasedAt: "2026-12-02T10:00:00Z", availableFrom: "2026-12-02"}])`
		bank     = `(input: {accountNumber: "A-C90DC431", directDebitInstruction: {accountHolder: "Jamie Carter", accountNumber: "987654321", sortCode: "082-001"}})`
		setUp    = `(input: {accountNumber: "A-C90DC431", validFrom: "2026-12-02T00:00:00Z", bankDetails: {accountHolder: "Jamie Carter", accountNumber: "987654321", bankCode: "082-001"}})`
		leave    = `(input: {accountNumber: "A-C90DC431", requestedSupplyEndDate: "2026-12-31"})`
	)
	tests := []struct {
		tenant, field, args, code, typ, message string
	}{
		{"origin", "purchaseVouchers", vouchers, "KT-CT-13202", "VALIDATION", ""},
		{"origin", "purchaseVouchers", vouchers, "KT-CT-13204", "VALIDATION", "A voucher purchase with this idempotency key already exists."},
		{"origin", "createDirectDebitInstruction", bank, "KT-CT-3979", "APPLICATION", ""},
		{"origin", "setUpDirectDebitInstruction", setUp, "KT-CT-3979", "APPLICATION", ""},
		{"origin", "instigateLeaveSupplier", leave, "KT-CT-10301", "VALIDATION", ""},
		{"octopus", "instigateLeaveSupplier", leave, "KT-CT-10301", "VALIDATION", ""},
		{"octopus", "cancelLeaveSupplier", `(input: {leaveSupplierProcessId: "1"})`, "KT-CT-10302", "NOT_FOUND", ""},
		{"origin", "cancelLeaveSupplier", `(input: {})`, "KT-CT-10302", "NOT_FOUND", ""},
	}
	servers := map[string]*simtest.Server{}
	clients := map[string]*simtest.Client{}
	for _, name := range []string{"octopus", "origin"} {
		servers[name], clients[name] = tenant(t, name+"-schema.graphql")
	}
	for _, tc := range tests {
		t.Run(tc.tenant+"/"+tc.field+"/"+tc.code, func(t *testing.T) {
			c := clients[tc.tenant]
			c.Header = http.Header{}
			documented, _ := servers[tc.tenant].Sim.PossibleErrors(sim.APIPath, "mutation", []string{tc.field})
			var doc map[string]any
			list, _ := documented[tc.field].([]any)
			for _, e := range list {
				if m, _ := e.(map[string]any); m["code"] == tc.code {
					doc = m
				}
			}
			if doc == nil {
				t.Fatalf("%s does not document %s: %v", tc.field, tc.code, documented)
			}
			if doc["type"] != tc.typ {
				t.Errorf("possibleErrors: type %v, want %s", doc["type"], tc.typ)
			}
			if tc.message != "" && doc["message"] != tc.message {
				t.Errorf("possibleErrors: message %v, want %q", doc["message"], tc.message)
			}
			want := fmt.Sprintf("Kraken's published error registry gives %s the type %s: ", tc.code, tc.typ)
			if d, _ := doc["description"].(string); len(d) < len(want) || d[:len(want)] != want {
				t.Errorf("possibleErrors: description %q, want it to begin %q", d, want)
			}
			c.Header.Set(sim.HeaderForceError, tc.field+"="+tc.code)
			out := c.Query(`mutation { `+tc.field+tc.args+` { __typename } }`, nil)
			c.Header = http.Header{}
			if len(out.Errors) != 1 {
				t.Fatalf("forced: %+v", out.Errors)
			}
			e := out.Errors[0]
			if e.Code() != tc.code || e.Extensions["errorType"] != tc.typ || e.Message != doc["message"] || e.Extensions["errorDescription"] != doc["description"] {
				t.Errorf("forced: %s %v %q %v, want %s %s as possibleErrors says %v", e.Code(), e.Extensions["errorType"], e.Message, e.Extensions["errorDescription"], tc.code, tc.typ, doc)
			}
		})
	}
	t.Run("origin/purchaseVouchers/raised", func(t *testing.T) {
		c := clients["origin"]
		c.Header = http.Header{}
		again := `mutation { purchaseVouchers` + strings.Replace(vouchers, `"k1"`, `"k2"`, 1) + ` { __typename } }`
		if out := c.Query(again, nil); len(out.Errors) != 0 {
			t.Fatalf("first purchase: %+v", out.Errors)
		}
		out := c.Query(again, nil)
		if len(out.Errors) != 1 || out.Errors[0].Code() != "KT-CT-13204" || out.Errors[0].Extensions["errorType"] != "VALIDATION" {
			t.Errorf("the key used again: %+v, want KT-CT-13204 VALIDATION", out.Errors)
		}
	})
}
