package simtest_test

import (
	"testing"

	"github.com/krakensim/krakensim/sim/simtest"
)

// TestOriginComplaintsAndDocuments records a complaint on the demo account on Origin
// (refused as documented with no status) and asks for its documents in large print;
// the account lists the complaint and says how its documents are made.
func TestOriginComplaintsAndDocuments(t *testing.T) {
	_, c := tenant(t, "origin-schema.graphql")
	query := mustQuery(t, c)
	const complain = `mutation($s: String!) { createComplaint(complaint: {accountNumber: "A-C90DC431", type: "BILLING", subtype: "ESTIMATED_READ", summary: "The bill was estimated twice", communicationSource: ONLINE, status: $s, brand: "ORIGIN"}) {
		complaint { id type isOfficial creationDate contacts { edges { node { summary status } } } } } }`
	if out := c.Query(complain, map[string]any{"s": " "}); len(out.Errors) != 1 || out.Errors[0].Code() != "KT-CT-10801" {
		t.Errorf("no status: %+v", out.Errors)
	}
	cp := simtest.Get(query(complain, map[string]any{"s": "OPEN"}), "createComplaint", "complaint")
	if simtest.Get(cp, "creationDate") != "2026-12-02" || simtest.Get(cp, "contacts", "edges", 0, "node", "summary") != "The bill was estimated twice" {
		t.Errorf("recorded %v", cp)
	}
	query(`mutation { updateDocumentAccessibilityPreference(input: {accountNumber: "A-C90DC431", documentAccessibilityPreference: LARGE_PRINT}) { account { number } } }`, nil)
	a := simtest.Get(query(`{ account(accountNumber: "A-C90DC431") { documentAccessibility complaints { edges { node { id type } } } } }`, nil), "account")
	if simtest.Get(a, "documentAccessibility") != "LARGE_PRINT" || simtest.Get(a, "complaints", "edges", 0, "node", "id") != simtest.Get(cp, "id") {
		t.Errorf("the account %v", a)
	}
}
