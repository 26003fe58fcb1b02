package simtest_test

import (
	"fmt"
	"testing"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/simtest"
)

// TestOctopusOctoplusRewardsAreTheWallets claims Octoplus offers with the member's
// OctoPoints: a free weekly one once a week, a paid one while the wallet holds enough,
// each listed as a reward with its voucher; refused as documented for an offer there is
// none of, too few points, and an account not enrolled.
func TestOctopusOctoplusRewardsAreTheWallets(t *testing.T) {
	_, c := octopus(t, func(w *sim.World) { w.Account("A-7B3E9D12").LoyaltyPointsUserID = "" })
	query := mustQuery(t, c)
	const claim = `mutation($n: String!, $s: String!) { claimOctoplusReward(accountNumber: $n, offerSlug: $s) { rewardId } }`
	const offers = `{ octoplusOffers(accountNumber: "A-C90DC431") { slug pointsCost claimAbility { canClaimOffer cannotClaimReason } } }`
	const points = `{ loyaltyPointLedgers { ledgerType value reasonCode balanceCarriedForward } }`
	claimable := func() map[string]any {
		t.Helper()
		out := map[string]any{}
		for _, o := range simtest.Get(query(offers, nil), "octoplusOffers").([]any) {
			out[simtest.Get(o, "slug").(string)] = simtest.Get(o, "claimAbility", "cannotClaimReason")
		}
		return out
	}
	if got := claimable(); got["weekly-hot-drink"] != nil || got["cinema-ticket"] != nil {
		t.Fatalf("before any claim: %v", got)
	}
	wallet := int(number(t, simtest.Get(query(points, nil), "loyaltyPointLedgers", 0, "balanceCarriedForward")))
	slugs := []string{"weekly-hot-drink"}
	for range wallet / 500 {
		slugs = append(slugs, "cinema-ticket")
	}
	if len(slugs) < 2 {
		t.Fatalf("the wallet holds %d OctoPoints, too few for a cinema ticket", wallet)
	}
	for _, slug := range slugs {
		if out := query(claim, map[string]any{"n": "A-C90DC431", "s": slug}); simtest.Get(out, "claimOctoplusReward", "rewardId") == nil {
			t.Fatalf("claiming %s: %v", slug, out)
		}
	}
	if left := int(number(t, simtest.Get(query(points, nil), "loyaltyPointLedgers", 0, "balanceCarriedForward"))); left != wallet%500 {
		t.Errorf("%d OctoPoints left of %d, want %d", left, wallet, wallet%500)
	}
	if got := simtest.Get(query(points, nil), "loyaltyPointLedgers", 0); number(t, simtest.Get(got, "value")) != 500 || simtest.Get(got, "ledgerType") != "CHARGE" || simtest.Get(got, "reasonCode") != "OCTOPLUS_REWARD" {
		t.Errorf("the latest movement: %v", got)
	}
	if got := claimable(); got["weekly-hot-drink"] != "MAX_CLAIMS_PER_PERIOD_REACHED" || got["cinema-ticket"] != "INSUFFICIENT_POINTS" {
		t.Errorf("after the claims: %v", got)
	}
	refusals := []struct{ name, number, slug, code string }{
		{"the week's drink again", "A-C90DC431", "weekly-hot-drink", "KT-GB-9315"},
		{"no such offer", "A-C90DC431", "a-yacht", "KT-GB-9315"},
		{"too few points", "A-C90DC431", "cinema-ticket", "KT-GB-9313"},
		{"not enrolled", "A-7B3E9D12", "bakery-treat", "KT-GB-9316"},
	}
	for _, tc := range refusals {
		if out := c.Query(claim, map[string]any{"n": tc.number, "s": tc.slug}); len(out.Errors) != 1 || out.Errors[0].Code() != tc.code {
			t.Errorf("%s: %+v, want %s", tc.name, out.Errors, tc.code)
		}
	}
	rewards := simtest.Get(query(`{ octoplusRewards(accountNumber: "A-C90DC431") { id status offer { slug } vouchers { ... on OctoplusVoucherType { code expiresAt } } } }`, nil), "octoplusRewards").([]any)
	if len(rewards) != len(slugs) || simtest.Get(rewards[0], "offer", "slug") != "cinema-ticket" || simtest.Get(rewards[len(rewards)-1], "offer", "slug") != "weekly-hot-drink" {
		t.Fatalf("rewards %v", rewards)
	}
	if v := simtest.Get(rewards[0], "vouchers", 0); simtest.Get(v, "code") == nil || simtest.Get(v, "expiresAt") != "2027-01-01T09:00:00+00:00" {
		t.Errorf("voucher %v", v)
	}
}

// TestOctopusShoptopusVoucherIsClaimed exchanges the demo member's OctoPoints for a
// Shoptopus voucher: its value leaves the wallet, the voucher is among the account's
// rewards with its code, and a value not on offer, a wallet too small and an account not
// enrolled are refused.
func TestOctopusShoptopusVoucherIsClaimed(t *testing.T) {
	_, c := octopus(t, func(w *sim.World) { w.Account("A-7B3E9D12").LoyaltyPointsUserID = "" })
	query := mustQuery(t, c)
	const (
		claim   = `mutation($n: String!, $p: Int!) { claimShoptopusVoucher(accountNumber: $n, points: $p) { code } }`
		points  = `{ loyaltyPointLedgers { balanceCarriedForward } }`
		rewards = `{ octoplusRewards(accountNumber: "A-C90DC431") { offerSlug status vouchers { __typename ... on ShoptopusVoucherType { code } } } }`
	)
	if got := fmt.Sprint(query(`{ shoptopusVoucherAvailability(voucherValues: [500, 750, 1000]) { value availability } }`, nil)["shoptopusVoucherAvailability"]); got != "[map[availability:true value:500] map[availability:false value:750] map[availability:true value:1000]]" {
		t.Errorf("availability: %s", got)
	}
	before := number(t, simtest.Get(query(points, nil), "loyaltyPointLedgers", 0, "balanceCarriedForward"))
	for _, tc := range []struct {
		name, account string
		points        int
		want          string
	}{
		{"a value not on offer", "A-C90DC431", 750, "KT-GB-9315"},
		{"an account not enrolled", "A-7B3E9D12", 500, "KT-GB-9316"},
	} {
		if got := graphqlCode(t, c, claim, map[string]any{"n": tc.account, "p": tc.points}); got != tc.want {
			t.Errorf("%s: %q, want %s", tc.name, got, tc.want)
		}
	}
	code, _ := simtest.Get(query(claim, map[string]any{"n": "A-C90DC431", "p": 500}), "claimShoptopusVoucher", "code").(string)
	if code == "" {
		t.Fatal("no voucher code")
	}
	if after := number(t, simtest.Get(query(points, nil), "loyaltyPointLedgers", 0, "balanceCarriedForward")); after != before-500 {
		t.Errorf("the wallet went from %v to %v", before, after)
	}
	if got := fmt.Sprint(query(rewards, nil)["octoplusRewards"]); got != "[map[offerSlug:shoptopus-500 status:ISSUED vouchers:[map[__typename:ShoptopusVoucherType code:"+code+"]]]]" {
		t.Errorf("the rewards: %s", got)
	}
	left := int(before) - 500
	for range left / 5000 {
		query(claim, map[string]any{"n": "A-C90DC431", "p": 5000})
	}
	if got := graphqlCode(t, c, claim, map[string]any{"n": "A-C90DC431", "p": 5000}); got != "KT-GB-9313" {
		t.Errorf("5000 with %d left: %q", left%5000, got)
	}
}

// TestOctopusOctoPointsEventsAreTheLedgers reads the deprecated octoPoints wallet beside
// loyaltyPointLedgers after a cinema ticket and a Shoptopus voucher: each event is a
// ledger movement, newest first, a charge as negative points, and a reward's spend is
// a conversion of points, not an ad-hoc credit.
func TestOctopusOctoPointsEventsAreTheLedgers(t *testing.T) {
	_, c := octopus(t)
	query := mustQuery(t, c)
	query(`mutation { claimOctoplusReward(accountNumber: "A-C90DC431", offerSlug: "cinema-ticket") { rewardId } }`, nil)
	query(`mutation { claimShoptopusVoucher(accountNumber: "A-C90DC431", points: 500) { code } }`, nil)
	data := query(`{ octoPoints(accountNumber: "A-C90DC431") { account(accountNumber: "A-C90DC431") { events { reason pointsAddedToWallet } } }
		loyaltyPointLedgers { ledgerType value reasonCode } }`, nil)
	events := simtest.Get(data, "octoPoints", "account", "events").([]any)
	ledgers := simtest.Get(data, "loyaltyPointLedgers").([]any)
	if len(events) != len(ledgers) || len(events) < 3 {
		t.Fatalf("%d events, %d ledger movements", len(events), len(ledgers))
	}
	for i, en := range ledgers {
		value := number(t, simtest.Get(en, "value"))
		if simtest.Get(en, "ledgerType") == "CHARGE" {
			value = -value
		}
		if got := simtest.Get(events[i], "pointsAddedToWallet"); got != value {
			t.Errorf("event %d adds %v, the ledger moved %v (%v)", i, got, value, en)
		}
	}
	for i := range 2 {
		if got := fmt.Sprint(simtest.Get(events[i], "reason"), " ", simtest.Get(events[i], "pointsAddedToWallet")); got != "OCTO_POINTS_CONVERSION -500" {
			t.Errorf("spend %d: %s, want OCTO_POINTS_CONVERSION -500", i, got)
		}
	}
}
