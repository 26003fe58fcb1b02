package simtest_test

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/krakensim/krakensim/sim/accounts"
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

// TestOriginBulkAwardsPoints awards points to the demo household's accounts in bulk on
// Origin: each award is made as one award would be, a key used before fails on its own,
// and a key given twice, another's account or an unknown one refuses the whole request
// with nothing awarded.
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
	for _, other := range []string{"A-0F4A2B19", "A-00000000"} {
		if got := graphqlCode(t, c, bulk, map[string]any{"a": []any{item("A-C90DC431", 100, k1), item(other, 100, k2)}}); got != "KT-CT-1111" {
			t.Errorf("an award to %s: %q, want KT-CT-1111", other, got)
		}
	}
	r := mustQuery(t, c)(bulk, map[string]any{"a": []any{item("A-C90DC431", 100, k1)}})
	if got := fmt.Sprint(simtest.Get(r, "bulkAwardLoyaltyPoints")); got != "map[failed:[] inserted:[map[accountNumber:A-C90DC431 ledgerEntry:map[value:100] pointsAwarded:100]]]" {
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

// TestOctopusPointsUserChangeMakesNoPoints changes the demo household's loyalty-points
// user to Robin and back, with a Saving Session rewarded between, and both users
// redeeming all they hold: the household holds what it held plus the reward, the
// reward on Robin's ledger alone, neither user redeems more than they hold, and each
// ledger runs on in date order.
func TestOctopusPointsUserChangeMakesNoPoints(t *testing.T) {
	srv, demo := octopus(t)
	robin := srv.ClientIn(t, demo.Session)
	robin.SignIn("robin@krakensim.dev", "krakensim")
	const (
		ledger = `{ loyaltyPointLedgers { value ledgerType balanceBroughtForward balanceCarriedForward reasonCode postedAt } }`
		set    = `mutation($u: String!) { setLoyaltyPointsUser(input: {accountNumber: "A-C90DC431", newLoyaltyPointsUserId: $u}) { newLoyaltyPointsUserId } }`
		redeem = `mutation($p: Int!) { redeemLoyaltyPointsForAccountCredit(input: {accountNumber: "A-C90DC431", points: $p}) { pointsRedeemed } }`
		bal    = `{ account(accountNumber: "A-C90DC431") { balance } }`
	)
	// held reads a user's ledger, checking that it is in date order and runs on, and
	// answers its balance and its entries.
	held := func(c *simtest.Client, who string) (int, []any) {
		t.Helper()
		entries := simtest.Get(mustQuery(t, c)(ledger, nil), "loyaltyPointLedgers").([]any)
		for i := 0; i+1 < len(entries); i++ {
			en, before := entries[i].(map[string]any), entries[i+1].(map[string]any)
			if en["postedAt"].(string) < before["postedAt"].(string) || en["balanceBroughtForward"] != before["balanceCarriedForward"] {
				t.Errorf("%s's ledger: %v is listed after %v", who, en, before)
			}
		}
		if len(entries) == 0 {
			return 0, nil
		}
		n, _ := strconv.Atoi(simtest.Get(entries[0], "balanceCarriedForward").(string))
		return n, entries
	}
	d0, _ := held(demo, "demo")
	r0, _ := held(robin, "Robin")
	if d0 <= 1200 || r0 != 300 {
		t.Fatalf("the household opens with %d and %d points", d0, r0)
	}
	mustQuery(t, demo)(set, map[string]any{"u": "3235448"})
	if d, _ := held(demo, "demo"); d != d0 {
		t.Errorf("demo holds %d points once Robin earns them, held %d", d, d0)
	}
	if r, _ := held(robin, "Robin"); r != r0 {
		t.Errorf("Robin holds %d points once he earns them, held %d", r, r0)
	}

	events, _, part := savingSessionsOf(t, demo, "A-C90DC431")
	upcoming := joinUpcomingEvent(t, demo, events, part)
	demo.SignIn("demo@krakensim.dev", "krakensim")
	robin.SignIn("robin@krakensim.dev", "krakensim")
	_, _, part = savingSessionsOf(t, demo, "A-C90DC431")
	reward := 0
	for _, j := range simtest.Get(part, "joinedEvents").([]any) {
		if simtest.Get(j, "eventId") == upcoming["id"] {
			reward = int(simtest.Get(j, "rewardGivenInOctoPoints").(float64))
		}
	}
	d1, _ := held(demo, "demo")
	r1, entries := held(robin, "Robin")
	if d1 != d0 || r1 != r0+reward {
		t.Errorf("after a reward of %d: demo holds %d (held %d), Robin %d (held %d)", reward, d1, d0, r1, r0)
	}
	if reward > 0 && simtest.Get(entries, 0, "reasonCode") != "SAVING_SESSIONS_REWARD" {
		t.Errorf("Robin's latest entry is %v, not the reward of %d", entries[0], reward)
	}

	start := int(simtest.Get(mustQuery(t, demo)(bal, nil), "account", "balance").(float64))
	redeemed := 0
	for _, step := range []struct {
		c    *simtest.Client
		who  string
		have int
		next string
	}{{robin, "Robin", r1, "3235447"}, {demo, "demo", d1, ""}} {
		all := step.have - step.have%accounts.OctoPointsPerPenny
		mustQuery(t, step.c)(redeem, map[string]any{"p": all})
		redeemed += all
		if out := step.c.Query(redeem, map[string]any{"p": accounts.OctoPointsPerPenny}); len(out.Errors) != 1 || out.Errors[0].Code() != "KT-CT-9205" {
			t.Errorf("%s redeeming more than all %d points: %+v, want KT-CT-9205", step.who, all, out.Errors)
		}
		if left, _ := held(step.c, step.who); left != step.have-all {
			t.Errorf("%s holds %d points after redeeming %d of %d", step.who, left, all, step.have)
		}
		if step.next != "" {
			mustQuery(t, step.c)(set, map[string]any{"u": step.next})
		}
	}
	if earned := d0 + r0 + reward; redeemed > earned {
		t.Errorf("the household redeemed %d points, earned %d", redeemed, earned)
	}
	if got := int(simtest.Get(mustQuery(t, demo)(bal, nil), "account", "balance").(float64)); got != start+redeemed/accounts.OctoPointsPerPenny {
		t.Errorf("the balance went from %d to %d for %d points", start, got, redeemed)
	}
}

// TestLoyaltyPointLedgersAreNewestFirst reads the demo user's points ledger on the
// embedded contract: its schema says newest first, and the entries are.
func TestLoyaltyPointLedgersAreNewestFirst(t *testing.T) {
	srv := simtest.NewServer(t)
	c := srv.Client(t)
	c.SignIn("demo@krakensim.dev", "krakensim")
	query := mustQuery(t, c)
	fields, _ := simtest.Get(query(`{ __type(name: "Query") { fields { name description } } }`, nil), "__type", "fields").([]any)
	described := false
	for _, f := range fields {
		if simtest.Get(f, "name") == "loyaltyPointLedgers" {
			d, _ := simtest.Get(f, "description").(string)
			described = strings.Contains(d, "newest first")
		}
	}
	if !described {
		t.Error("the schema does not describe loyaltyPointLedgers as newest first")
	}
	entries, _ := simtest.Get(query(`{ loyaltyPointLedgers { postedAt } }`, nil), "loyaltyPointLedgers").([]any)
	for i := 1; i < len(entries); i++ {
		if a, b := simtest.Get(entries[i-1], "postedAt").(string), simtest.Get(entries[i], "postedAt").(string); a < b {
			t.Errorf("entry %d posted %s before entry %d's %s", i-1, a, i, b)
		}
	}
	if len(entries) < 2 {
		t.Errorf("%d entries", len(entries))
	}
}
