package simtest_test

import (
	"fmt"
	"strconv"
	"testing"

	"github.com/krakensim/krakensim/sim/simtest"
)

// TestOriginAwardsAndDeductsPoints awards the demo account's loyalty-points user points
// on Origin and takes some back, each once per idempotency key and posted on the user's
// ledger; refused as documented for nothing, too many and more than the user has. Once
// the account is unenrolled it has no one to award.
func TestOriginAwardsAndDeductsPoints(t *testing.T) {
	_, c := tenant(t, "origin-schema.graphql")
	query := mustQuery(t, c)
	const (
		award   = `mutation($p: Int!, $k: UUID) { awardLoyaltyPoints(input: {accountNumber: "A-C90DC431", points: $p, note: "Reading sent", idempotencyKey: $k}) { pointsAwarded ledgerEntry { value reasonCode balanceCarriedForward } } }`
		deduct  = `mutation($p: Int!, $k: UUID) { deductLoyaltyPoints(input: {accountNumber: "A-C90DC431", points: $p, idempotencyKey: $k}) { pointsDeducted ledgerEntry { ledgerType value reasonCode balanceCarriedForward } } }`
		balance = `{ loyaltyPointsBalance(input: {accountNumber: "A-C90DC431", accountUserId: "3235447"}) { loyaltyPoints } }`
		unenrol = `mutation { unenrollAccountFromLoyaltyProgram(input: {accountNumber: "A-C90DC431"}) { outcome { hasUnenrolled } } }`
	)
	start := simtest.Get(query(balance, nil), "loyaltyPointsBalance", "loyaltyPoints").(float64)
	const k1, k2 = "0b6c1f8e-3a57-4b0e-9b7c-5a1c2d3e4f01", "0b6c1f8e-3a57-4b0e-9b7c-5a1c2d3e4f02"
	e := simtest.Get(query(award, map[string]any{"p": 250, "k": k1}), "awardLoyaltyPoints")
	if simtest.Get(e, "pointsAwarded") != 250.0 || simtest.Get(e, "ledgerEntry", "balanceCarriedForward") != itoaF(start+250) || simtest.Get(e, "ledgerEntry", "reasonCode") != "POINTS_AWARDED_FOR_ACCOUNT_ACTION" || simtest.Get(e, "ledgerEntry", "value") != "250" {
		t.Errorf("awarded %v", e)
	}
	for _, tc := range []struct {
		name, query string
		vars        map[string]any
		code        string
	}{
		{"the same key", award, map[string]any{"p": 250, "k": k1}, "KT-CT-9221"},
		{"nothing", award, map[string]any{"p": 0}, "KT-CT-9204"},
		{"too many", award, map[string]any{"p": 100001}, "KT-CT-9212"},
		{"more than there are", deduct, map[string]any{"p": int(start) + 251}, "KT-CT-9205"},
	} {
		if out := c.Query(tc.query, tc.vars); len(out.Errors) != 1 || out.Errors[0].Code() != tc.code {
			t.Errorf("%s: %+v, want %s", tc.name, out.Errors, tc.code)
		}
	}
	d := simtest.Get(query(deduct, map[string]any{"p": 100, "k": k2}), "deductLoyaltyPoints", "ledgerEntry")
	if simtest.Get(d, "value") != "100" || simtest.Get(d, "ledgerType") != "CHARGE" || simtest.Get(d, "balanceCarriedForward") != itoaF(start+150) {
		t.Errorf("deducted %v from %v", d, start)
	}
	if got := simtest.Get(query(balance, nil), "loyaltyPointsBalance", "loyaltyPoints"); got != start+150 {
		t.Errorf("balance %v, want %v", got, start+150)
	}
	query(unenrol, nil)
	for _, tc := range []struct {
		query, code string
	}{{unenrol, "KT-CT-9220"}, {award, "KT-CT-9219"}} {
		if out := c.Query(tc.query, map[string]any{"p": 10}); len(out.Errors) != 1 || out.Errors[0].Code() != tc.code {
			t.Errorf("unenrolled: %+v, want %s", out.Errors, tc.code)
		}
	}
}

func itoaF(f float64) string { return strconv.Itoa(int(f)) }

// TestOriginBulkAwardsPoints awards points to the demo household's two accounts in one
// request on Origin: each award is made as one award would be, another's account and a
// key used before fail on their own, and a key given twice refuses the whole request.
func TestOriginBulkAwardsPoints(t *testing.T) {
	_, c := tenant(t, "origin-schema.graphql")
	const (
		bulk    = `mutation($a: [BulkAwardLoyaltyPointsItemInput]!) { bulkAwardLoyaltyPoints(input: {note: "Winter bonus", awards: $a}) { inserted { accountNumber pointsAwarded ledgerEntry { value } } failed { accountNumber errorCode } } }`
		balance = `{ loyaltyPointsBalance(input: {accountNumber: "A-C90DC431", accountUserId: "3235447"}) { loyaltyPoints } }`
		k1, k2  = "1b6c1f8e-3a57-4b0e-9b7c-5a1c2d3e4f01", "1b6c1f8e-3a57-4b0e-9b7c-5a1c2d3e4f02"
		k3      = "1b6c1f8e-3a57-4b0e-9b7c-5a1c2d3e4f03"
	)
	item := func(n string, p int, k string) map[string]any {
		return map[string]any{"accountNumber": n, "points": p, "idempotencyKey": k}
	}
	if got := graphqlCode(t, c, bulk, map[string]any{"a": []any{item("A-C90DC431", 10, k1), item("A-7B3E9D12", 10, k1)}}); got != "KT-CT-9224" {
		t.Errorf("a key twice: %q", got)
	}
	start := simtest.Get(mustQuery(t, c)(balance, nil), "loyaltyPointsBalance", "loyaltyPoints").(float64)
	r := mustQuery(t, c)(bulk, map[string]any{"a": []any{item("A-C90DC431", 100, k1), item("A-0F4A2B19", 100, k2)}})
	if got := fmt.Sprint(simtest.Get(r, "bulkAwardLoyaltyPoints")); got != "map[failed:[map[accountNumber:A-0F4A2B19 errorCode:KT-CT-1111]] inserted:[map[accountNumber:A-C90DC431 ledgerEntry:map[value:100] pointsAwarded:100]]]" {
		t.Errorf("the first bulk award: %s", got)
	}
	r = mustQuery(t, c)(bulk, map[string]any{"a": []any{item("A-C90DC431", 100, k1), item("A-C90DC431", 50, k3)}})
	if got := fmt.Sprint(simtest.Get(r, "bulkAwardLoyaltyPoints", "failed")); got != "[map[accountNumber:A-C90DC431 errorCode:KT-CT-9221]]" {
		t.Errorf("a key used before: %s", got)
	}
	if got := simtest.Get(mustQuery(t, c)(balance, nil), "loyaltyPointsBalance", "loyaltyPoints").(float64); got != start+150 {
		t.Errorf("the balance went from %v to %v", start, got)
	}
}
