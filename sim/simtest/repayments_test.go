package simtest_test

import (
	"testing"

	"github.com/krakensim/krakensim/sim/simtest"
)

// TestOctopusRepaymentRequestsAreTheLedgers asks for credit back: refused as documented
// for a ledger that is not the viewer's and for more than the ledger's credit, the same
// request when sent again, listed by its ledger and taken from the maximum refund until
// it is cancelled, and cancelled once.
func TestOctopusRepaymentRequestsAreTheLedgers(t *testing.T) {
	srv, c := octopus(t)
	c.SignIn("business@krakensim.dev", "krakensim")
	const submit = `mutation($n: String!, $l: String!, $a: Int!, $k: String!) { submitRepaymentRequest(input: {accountNumber: $n, ledgerId: $l, amountInMinorUnit: $a, idempotencyKey: $k}) { repaymentRequest { requestId status } } }`
	const cancel = `mutation($r: String!) { cancelRepaymentRequest(input: {requestId: $r}) { repaymentRequest { requestId status } } }`
	refusals := []struct {
		name, number, ledger string
		amount               int
		code                 string
	}{
		{"another account's ledger", "A-B1A2C3D4", "6100001", 1000, "KT-CT-1132"},
		{"another's account", "A-C90DC431", "6100001", 1000, "KT-CT-1132"},
		{"nothing", "A-B1A2C3D4", "6100006", 0, "KT-CT-3927"},
		{"more than the credit", "A-B1A2C3D4", "6100006", 18841, "KT-CT-3927"},
	}
	for _, tc := range refusals {
		out := c.Query(submit, map[string]any{"n": tc.number, "l": tc.ledger, "a": tc.amount, "k": tc.name})
		if len(out.Errors) != 1 || out.Errors[0].Code() != tc.code {
			t.Errorf("%s: %+v, want %s", tc.name, out.Errors, tc.code)
		}
	}
	query := mustQuery(t, c)
	const read = `{ account(accountNumber: "A-B1A2C3D4") { maximumRefund { amount } ledgers { repaymentRequests { totalCount edges { node { requestId amount status } } } } } }`
	vars := map[string]any{"n": "A-B1A2C3D4", "l": "6100006", "a": 8000, "k": "refund-1"}
	id := simtest.Get(query(submit, vars), "submitRepaymentRequest", "repaymentRequest", "requestId")
	if again := simtest.Get(query(submit, vars), "submitRepaymentRequest", "repaymentRequest", "requestId"); id == nil || again != id {
		t.Errorf("sent twice: %v then %v", id, again)
	}
	vars["a"] = 100
	if out := c.Query(submit, vars); len(out.Errors) != 1 || out.Errors[0].Code() != "KT-CT-3928" {
		t.Errorf("the key reused: %+v", out.Errors)
	}
	vars["a"], vars["k"] = 10841, "refund-2"
	if out := c.Query(submit, vars); len(out.Errors) != 1 || out.Errors[0].Code() != "KT-CT-3927" {
		t.Errorf("more than the credit not yet requested: %+v", out.Errors)
	}
	out := query(read, nil)
	if got := simtest.Get(out, "account", "maximumRefund", "amount"); number(t, got) != 18840-8000 {
		t.Errorf("maximum refund %v while 8000 is requested", got)
	}
	node := simtest.Get(out, "account", "ledgers", 0, "repaymentRequests", "edges", 0, "node")
	if simtest.Get(node, "requestId") != id || number(t, simtest.Get(node, "amount")) != 8000 || simtest.Get(node, "status") != "REQUESTED" {
		t.Errorf("the ledger lists %v", node)
	}
	demo := srv.ClientIn(t, c.Session)
	demo.SignIn("demo@krakensim.dev", "krakensim")
	if out := demo.Query(cancel, map[string]any{"r": id}); len(out.Errors) != 1 || out.Errors[0].Code() != "KT-CT-4231" {
		t.Errorf("another user cancels: %+v, want KT-CT-4231", out.Errors)
	}
	if got := simtest.Get(query(cancel, map[string]any{"r": id}), "cancelRepaymentRequest", "repaymentRequest", "status"); got != "CANCELLED" {
		t.Errorf("cancelled: %v", got)
	}
	for r, code := range map[any]string{id: "KT-CT-3931", "no-such-request": "KT-CT-3930"} {
		if out := c.Query(cancel, map[string]any{"r": r}); len(out.Errors) != 1 || out.Errors[0].Code() != code {
			t.Errorf("cancel %v: %+v, want %s", r, out.Errors, code)
		}
	}
	out = query(read, nil)
	if got := simtest.Get(out, "account", "maximumRefund", "amount"); number(t, got) != 18840 {
		t.Errorf("maximum refund %v once cancelled", got)
	}
	if got := simtest.Get(out, "account", "ledgers", 0, "repaymentRequests", "edges", 0, "node", "status"); got != "CANCELLED" {
		t.Errorf("the ledger lists the request %v", got)
	}
}

// TestOriginRepaymentRequestByLedgerNumber asks for credit back on Origin, which names
// the ledger by number: refused without one, listed by it with one.
func TestOriginRepaymentRequestByLedgerNumber(t *testing.T) {
	_, c := tenant(t, "origin-schema.graphql")
	const submit = `mutation($l: String) { submitRepaymentRequest(input: {accountNumber: "A-C90DC431", ledgerNumber: $l, amountInMinorUnit: 1000, idempotencyKey: "au-1"}) { repaymentRequest { requestId status } } }`
	if out := c.Query(submit, nil); len(out.Errors) != 1 || out.Errors[0].Code() != "KT-CT-3821" {
		t.Errorf("no ledger: %+v", out.Errors)
	}
	query := mustQuery(t, c)
	id := simtest.Get(query(submit, map[string]any{"l": "L-6B2F0A1D"}), "submitRepaymentRequest", "repaymentRequest", "requestId")
	out := query(`{ account(accountNumber: "A-C90DC431") { ledgers { number repaymentRequests { edges { node { requestId amount } } } } } }`, nil)
	for _, l := range simtest.Get(out, "account", "ledgers").([]any) {
		edges, _ := simtest.Get(l, "repaymentRequests", "edges").([]any)
		want := 0
		if simtest.Get(l, "number") == "L-6B2F0A1D" {
			want = 1
		}
		if len(edges) != want || want == 1 && simtest.Get(edges[0], "node", "requestId") != id {
			t.Errorf("%v lists %v", simtest.Get(l, "number"), edges)
		}
	}
}
