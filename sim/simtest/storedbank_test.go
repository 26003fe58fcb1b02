package simtest_test

import (
	"testing"

	"github.com/krakensim/krakensim/sim/simtest"
)

// TestOriginDirectDebitFromStoredDetails stores the flat's bank details on Origin and
// sets its direct debit up from them, once, owned by its user: the ledger collects with
// the new mandate. Refused as documented for details that are not an account's, no
// ledger, another ledger, an owner not a user and a reference used.
func TestOriginDirectDebitFromStoredDetails(t *testing.T) {
	_, c := tenant(t, "origin-schema.graphql")
	query := mustQuery(t, c)
	const (
		store = `mutation($l: String, $acct: String!) { storeDirectDebitPaymentMethodDetails(input: {accountNumber: "A-7B3E9D12", ledgerNumber: $l, bankDetails: {accountHolder: "Jamie Carter", bankCode: "062-000", accountNumber: $acct}}) { storedPaymentMethodDetailsReference } }`
		setUp = `mutation($l: String!, $ref: String!, $owner: ID) { setUpDirectDebitInstructionFromStoredDetails(input: {accountNumber: "A-7B3E9D12", ledgerNumber: $l, storedPaymentMethodDetailsReference: $ref, validFrom: "2026-12-02T12:00:00+11:00", owners: [{ownerType: ACCOUNT_USER, ownerId: $owner}]}) { paymentInstruction { id maskedAccountIdentifier status } } }`
		pref  = `{ account(accountNumber: "A-7B3E9D12") { ledgers { paymentPreferenceAtTime(atTime: "2026-12-02T13:00:00+11:00") { ... on PreferredInstruction { paymentMethod { id } } } } } }`
	)
	for name, tc := range map[string]struct {
		vars map[string]any
		code string
	}{
		"no ledger":            {map[string]any{"acct": "98765432"}, "KT-CT-3821"},
		"an account too short": {map[string]any{"l": "L-7B3E9D01", "acct": "123"}, "KT-CT-3940"},
	} {
		if out := c.Query(store, tc.vars); len(out.Errors) != 1 || out.Errors[0].Code() != tc.code {
			t.Errorf("%s: %+v, want %s", name, out.Errors, tc.code)
		}
	}
	ref := simtest.Get(query(store, map[string]any{"l": "L-7B3E9D01", "acct": "98765432"}), "storeDirectDebitPaymentMethodDetails", "storedPaymentMethodDetailsReference")
	for name, tc := range map[string]struct {
		vars map[string]any
		code string
	}{
		"another ledger":      {map[string]any{"l": "L-7B3E9D02", "ref": ref, "owner": "3235447"}, "KT-CT-3948"},
		"an owner not a user": {map[string]any{"l": "L-7B3E9D01", "ref": ref, "owner": "3235449"}, "KT-CT-5415"},
	} {
		if out := c.Query(setUp, tc.vars); len(out.Errors) != 1 || out.Errors[0].Code() != tc.code {
			t.Errorf("%s: %+v, want %s", name, out.Errors, tc.code)
		}
	}
	pi := simtest.Get(query(setUp, map[string]any{"l": "L-7B3E9D01", "ref": ref, "owner": "3235447"}), "setUpDirectDebitInstructionFromStoredDetails", "paymentInstruction")
	if simtest.Get(pi, "maskedAccountIdentifier") != "****5432" || simtest.Get(pi, "status") != "ACTIVE" {
		t.Errorf("set up %v", pi)
	}
	if got := simtest.Get(query(pref, nil), "account", "ledgers", 0, "paymentPreferenceAtTime", "paymentMethod", "id"); got != simtest.Get(pi, "id") {
		t.Errorf("the ledger collects with %v, want %v", got, simtest.Get(pi, "id"))
	}
	if out := c.Query(setUp, map[string]any{"l": "L-7B3E9D01", "ref": ref, "owner": "3235447"}); len(out.Errors) != 1 || out.Errors[0].Code() != "KT-CT-3948" {
		t.Errorf("the reference used again: %+v", out.Errors)
	}
}
