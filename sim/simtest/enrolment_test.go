package simtest_test

import (
	"testing"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/simtest"
)

// TestSwitchIsCancelledBeforeItStarts accepts the terms of Morgan's switch and cancels
// it, on Origin: the process is listed by the account and by its number, its stage moves
// on once the terms are accepted, and cancelling it withdraws the supplies' registrations
// and the pending account; a number none of the viewer's accounts has, a completed switch
// and one cancelled are refused as documented.
func TestSwitchIsCancelledBeforeItStarts(t *testing.T) {
	srv, demo := tenant(t, "origin-schema.graphql", func(w *sim.World) { w.User("3235451").APIKey = "sk_live_krakensimnew3235451" })
	c := srv.ClientIn(t, demo.Session)
	out := c.Query(`mutation { obtainKrakenToken(input: {APIKey: "sk_live_krakensimnew3235451"}) { token } }`, nil)
	if c.Token, _ = simtest.Get(out.Data, "obtainKrakenToken", "token").(string); c.Token == "" {
		t.Fatalf("sign-in: %+v", out.Errors)
	}
	query := mustQuery(t, c)
	const read = `{ lifecycleProcesses(accountNumber: "A-9D8E7F60", onlyActive: true) { joinSupplierProcesses { edges { node { number status stage supplyPoints { edges { node { externalIdentifier } } } } } } } }`
	node := simtest.Get(query(read, nil), "lifecycleProcesses", "joinSupplierProcesses", "edges", 0, "node")
	if simtest.Get(node, "number") != "JSP-9D8E7F60" || simtest.Get(node, "status") != "IN_PROGRESS" || simtest.Get(node, "stage") != "REGISTRATION_IN_PROGRESS" ||
		len(simtest.Get(node, "supplyPoints", "edges").([]any)) != 2 {
		t.Fatalf("the switch %v", node)
	}
	const accept = `mutation($n: NonEmptyID) { joinSupplierAcceptTermsAndConditions(input: {accountNumber: "A-9D8E7F60", joinSupplierProcessNumber: $n}) { success } }`
	if out := c.Query(accept, map[string]any{"n": "JSP-00000000"}); len(out.Errors) != 1 {
		t.Errorf("accepting another process's terms: %+v", out.Errors)
	}
	for range 2 {
		if got := simtest.Get(query(accept, map[string]any{"n": "JSP-9D8E7F60"}), "joinSupplierAcceptTermsAndConditions", "success"); got != true {
			t.Errorf("accepted: %v", got)
		}
	}
	got := simtest.Get(query(`{ joinSupplierProcess(number: "JSP-9D8E7F60") { number stage } }`, nil), "joinSupplierProcess", "stage")
	if got != "TERMS_ACCEPTED" {
		t.Errorf("the stage once accepted: %v", got)
	}
	const cancel = `mutation($n: String) { cancelEnrollment(input: {number: $n, reason: "Changed my mind"}) { message enrollmentProcess { ... on JoinSupplierProcessType { number status } } } }`
	for _, tc := range []struct {
		client *simtest.Client
		number string
		code   string
	}{
		{c, "JSP-00000000", "KT-CT-10318"},
		{demo, "JSP-9D8E7F60", "KT-CT-10318"},
		{demo, "JSP-C90DC431", "KT-CT-10320"},
	} {
		if out := tc.client.Query(cancel, map[string]any{"n": tc.number}); len(out.Errors) != 1 || out.Errors[0].Code() != tc.code {
			t.Errorf("cancelling %s: %+v, want %s", tc.number, out.Errors, tc.code)
		}
	}
	p := simtest.Get(query(cancel, map[string]any{"n": "JSP-9D8E7F60"}), "cancelEnrollment", "enrollmentProcess")
	if simtest.Get(p, "number") != "JSP-9D8E7F60" || simtest.Get(p, "status") != "CANCELLED" {
		t.Errorf("cancelled %v", p)
	}
	if out := c.Query(cancel, map[string]any{"n": "JSP-9D8E7F60"}); len(out.Errors) != 1 || out.Errors[0].Code() != "KT-CT-10320" {
		t.Errorf("cancelling again: %+v", out.Errors)
	}
	a := simtest.Get(query(`{ account(accountNumber: "A-9D8E7F60") { status properties { electricityMeterPoints { status } } } }`, nil), "account")
	if simtest.Get(a, "status") != "WITHDRAWN" || simtest.Get(a, "properties", 0, "electricityMeterPoints", 0, "status") != "WITHDRAWN" {
		t.Errorf("the account once cancelled %v", a)
	}
	if active := simtest.Get(query(read, nil), "lifecycleProcesses", "joinSupplierProcesses", "edges").([]any); len(active) != 0 {
		t.Errorf("active processes once cancelled: %v", active)
	}
}
