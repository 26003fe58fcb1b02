package simtest_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/krakensim/krakensim/sim/simtest"
)

// TestOriginRewardSchemesGiveOneWayRewards: a sign-up site looks the codes up by type;
// an organisation gives accounts a scheme's reward, pending, up to the scheme's limit and
// once an account, pays one out as account credit or settles one by hand, as documented;
// the account lists its rewards, and an enrolment whose sale names a scheme is given its
// reward.
func TestOriginRewardSchemesGiveOneWayRewards(t *testing.T) {
	srv, c := tenant(t, "origin-schema.graphql")
	org, _ := signInAs(t, srv, c, `{organizationSecretKey: "krakensim-organization-secret"}`)
	look := mustQuery(t, c)(`{ signup: domesticSignupRewardScheme(code: "join-welcome") { code schemeType referredRewardAmount canBeReferred }
		active: activeDomesticSignupRewardScheme { code }
		promo: domesticJoiningRewardScheme(code: "SPRING-PROMO") { schemeType maxRecurrence isUsageAtCapacity }
		wrongType: domesticSignupRewardScheme(code: "SPRING-PROMO") { code }
		unknown: domesticJoiningRewardScheme(code: "NOPE") { code } }`, nil)
	if got := spaced(fmt.Sprint(look["signup"]), simtest.Get(look, "active", "code"), fmt.Sprint(look["promo"]), look["wrongType"], look["unknown"]); got !=
		"map[canBeReferred:true code:JOIN-WELCOME referredRewardAmount:5000 schemeType:SIGNUP_REWARD] JOIN-WELCOME map[isUsageAtCapacity:false maxRecurrence:2 schemeType:PROMO_REWARD] <nil> <nil>" {
		t.Errorf("the lookups: %s", got)
	}
	const add = `mutation($n: String!, $s: String!) { addSignupReferralOnAccount(input: {accountNumber: $n, schemeCode: $s}) { accountReferral { id paymentStatus schemeType referredUserPaymentAmount } } }`
	first := simtest.Get(mustQuery(t, org)(add, map[string]any{"n": "A-C90DC431", "s": "SPRING-PROMO"}), "addSignupReferralOnAccount", "accountReferral")
	if got := fmt.Sprint(simtest.Get(first, "paymentStatus"), " ", simtest.Get(first, "schemeType"), " ", simtest.Get(first, "referredUserPaymentAmount")); got != "Pending PROMO_REWARD 2500" {
		t.Errorf("the reward given: %s", got)
	}
	second := simtest.Get(mustQuery(t, org)(add, map[string]any{"n": "A-0F4A2B19", "s": "SPRING-PROMO"}), "addSignupReferralOnAccount", "accountReferral", "id")
	for _, tc := range []struct {
		name   string
		client *simtest.Client
		vars   map[string]any
		code   string
	}{
		{"twice to one account", org, map[string]any{"n": "A-C90DC431", "s": "SPRING-PROMO"}, "KT-CT-6729"},
		{"past the scheme's limit", org, map[string]any{"n": "A-5E3C1B77", "s": "SPRING-PROMO"}, "KT-CT-6728"},
		{"no such scheme", org, map[string]any{"n": "A-5E3C1B77", "s": "NOPE"}, "KT-CT-6712"},
		{"a customer to another's account", c, map[string]any{"n": "A-0F4A2B19", "s": "JOIN-WELCOME"}, "KT-CT-6723"},
	} {
		if got := graphqlCode(t, tc.client, add, tc.vars); got != tc.code {
			t.Errorf("%s: %q, want %s", tc.name, got, tc.code)
		}
	}
	balance := func() float64 {
		v, _ := simtest.Get(mustQuery(t, c)(`{ account(accountNumber: "A-C90DC431") { balance } }`, nil), "account", "balance").(float64)
		return v
	}
	before := balance()
	const payout = `mutation($n: String!, $id: Int!) { payoutReferralForAccount(input: {accountNumber: $n, referralId: $id}) { payoutResult { accountCreditAmount } } }`
	id := func(v any) int { var n int; fmt.Sscan(fmt.Sprint(v), &n); return n }
	for _, tc := range []struct {
		name   string
		client *simtest.Client
		vars   map[string]any
		code   string
	}{
		{"by the customer", c, map[string]any{"n": "A-C90DC431", "id": id(simtest.Get(first, "id"))}, "KT-CT-6723"},
		{"to another account", org, map[string]any{"n": "A-0F4A2B19", "id": id(simtest.Get(first, "id"))}, "KT-CT-6731"},
		{"of no reward", org, map[string]any{"n": "A-C90DC431", "id": 1}, "KT-CT-6712"},
	} {
		if got := graphqlCode(t, tc.client, payout, tc.vars); got != tc.code {
			t.Errorf("a payout %s: %q, want %s", tc.name, got, tc.code)
		}
	}
	paid := simtest.Get(mustQuery(t, org)(payout, map[string]any{"n": "A-C90DC431", "id": id(simtest.Get(first, "id"))}), "payoutReferralForAccount", "payoutResult", "accountCreditAmount")
	if paid != 2500.0 || balance() != before+2500 {
		t.Errorf("paid %v, the balance from %v to %v", paid, before, balance())
	}
	if got := graphqlCode(t, org, payout, map[string]any{"n": "A-C90DC431", "id": id(simtest.Get(first, "id"))}); got != "KT-CT-6730" {
		t.Errorf("paying out twice: %q", got)
	}
	rewards := simtest.Get(mustQuery(t, c)(`{ account(accountNumber: "A-C90DC431") { rewards { code schemeType rewardAmount paymentStatus } } }`, nil), "account", "rewards").([]any)
	found := false
	for _, r := range rewards {
		found = found || fmt.Sprint(r) == "map[code:SPRING-PROMO paymentStatus:Paid rewardAmount:2500 schemeType:PROMO_REWARD]"
	}
	if !found {
		t.Errorf("the account's rewards %v", rewards)
	}
	const settle = `mutation($id: Int!, $s: ReferralStatus!) { updateAccountReferralStatus(input: {referralId: $id, status: $s}) { accountReferral { paymentStatus } } }`
	if got := simtest.Get(mustQuery(t, org)(settle, map[string]any{"id": id(second), "s": "CANCELLED"}), "updateAccountReferralStatus", "accountReferral", "paymentStatus"); got != "Cancelled" {
		t.Errorf("cancelled: %v", got)
	}
	if got := graphqlCode(t, org, settle, map[string]any{"id": id(second), "s": "PAID"}); got != "KT-CT-6732" {
		t.Errorf("paying a cancelled reward: %q", got)
	}
	// With one of two cancelled, the promotion has room for another account.
	mustQuery(t, org)(add, map[string]any{"n": "A-5E3C1B77", "s": "SPRING-PROMO"})

	user := simtest.Get(mustQuery(t, org)(initializeUser, map[string]any{"i": map[string]any{"customerDetails": robin(nil), "brandCode": "ORIGIN"}}), "initializeUser", "userNumber").(string)
	account := simtest.Get(mustQuery(t, org)(initializeAccount, map[string]any{"i": robinsSale(user, func(m map[string]any) {
		m["salesInfo"] = map[string]any{"salesChannel": "DIRECT", "referralCode": "join-welcome"}
	})}), "initializeAccount", "accountNumber").(string)
	mustQuery(t, org)(enroll, map[string]any{"i": map[string]any{"accountNumber": account}})
	key := simtest.Get(mustQuery(t, org)(`mutation { generatePreSignedToken(email: "robin@example.com", numberOfDaysAllowed: 30, scope: SUBMIT_METER_READINGS) { token } }`, nil), "generatePreSignedToken", "token")
	robinClient, _ := signInAs(t, srv, c, fmt.Sprintf(`{preSignedKey: %q}`, key))
	got := simtest.Get(mustQuery(t, robinClient)(`query($n: String!) { account(accountNumber: $n) { rewards { code paymentStatus } } }`, map[string]any{"n": account}), "account", "rewards")
	if fmt.Sprint(got) != "[map[code:JOIN-WELCOME paymentStatus:Pending]]" {
		t.Errorf("the new account's rewards %v", got)
	}
}

// TestReferralPaysBothSides: the demo account uses Sam's referral code today; each
// account's ledger is credited the reward that day, and Sam's referral of it is dated
// today and paid, as its ledger shows, not on the day the demo account joined in 2019.
func TestReferralPaysBothSides(t *testing.T) {
	srv, demo := octopus(t)
	sam := srv.ClientIn(t, demo.Session)
	sam.SignIn("other@krakensim.dev", "krakensim")
	const read = `query($a: String!) { account(accountNumber: $a) { balance transactions(first: 5) { edges { node { __typename postedDate amounts { gross } title note } } }
		referrals(first: 10) { edges { node { referredUserName paymentStatus paymentDate referredUserJoinDate referringUserPaymentAmount } } } } }`
	rewarded := func(c *simtest.Client, account string) (balance float64, credited string) {
		t.Helper()
		a := mustQuery(t, c)(read, map[string]any{"a": account})
		for _, e := range simtest.Get(a, "account", "transactions", "edges").([]any) {
			if simtest.Get(e, "node", "note") == "Referral reward" {
				credited = fmt.Sprint(simtest.Get(e, "node", "postedDate"), " ", simtest.Get(e, "node", "amounts", "gross"))
			}
		}
		return simtest.Get(a, "account", "balance").(float64), credited
	}
	demoBefore, _ := rewarded(demo, "A-C90DC431")
	samBefore, _ := rewarded(sam, "A-0F4A2B19")
	mustQuery(t, demo)(`mutation { createReferral(input: {accountNumber: "A-C90DC431", reference: "sam-badger-219"}) { referredAccountRewardAmount } }`, nil)
	for _, side := range []struct {
		c       *simtest.Client
		account string
		before  float64
	}{{demo, "A-C90DC431", demoBefore}, {sam, "A-0F4A2B19", samBefore}} {
		balance, credited := rewarded(side.c, side.account)
		if balance != side.before+5000 || credited != "2026-12-02 5000" {
			t.Errorf("%s: balance %v (was %v), referral credit %q, want 5000 more and \"2026-12-02 5000\"", side.account, balance, side.before, credited)
		}
	}
	var row []string
	referrals := simtest.Get(mustQuery(t, sam)(read, map[string]any{"a": "A-0F4A2B19"}), "account", "referrals")
	for _, e := range simtest.Get(referrals, "edges").([]any) {
		if simtest.Get(e, "node", "referredUserName") == "Jamie Carter" {
			n := e.(map[string]any)["node"].(map[string]any)
			row = append(row, fmt.Sprint(n["paymentStatus"], " ", n["paymentDate"], " ", n["referredUserJoinDate"], " ", n["referringUserPaymentAmount"]))
		}
	}
	if want := []string{"Paid 2026-12-02 2026-12-02T09:00:00+00:00 5000"}; !slices.Equal(row, want) {
		t.Errorf("Sam's referral of the demo account: %v, want %v", row, want)
	}
}
