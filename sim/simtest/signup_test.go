package simtest_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/krakensim/krakensim/sim/simtest"
)

// TestOctopusRootAnswersAreTheAccounts reads what the app asks beside an account: the
// typical use a sign-up offers rises from low to high, a two-rate year splitting into
// day and night; a credit household has no prepayment top-ups and no Feed-in Tariff
// schedule.
func TestOctopusRootAnswersAreTheAccounts(t *testing.T) {
	_, c := octopus(t)
	data := mustQuery(t, c)(`{ consumptionEstimates { low { ...use } medium { ...use } high { ...use } }
		prepayPayments(accountNumber: "A-C90DC431", first: 5) { totalCount edges { node { id } } }
		fitSchedule(accountNumber: "A-C90DC431", scheduleId: "1") { scheduleId } }
		fragment use on ConsumptionEstimate { elecAnnualConsumptionStandard elecAnnualConsumptionDay elecAnnualConsumptionNight gasAnnualConsumption }`, nil)
	var prev []float64
	for _, level := range []string{"low", "medium", "high"} {
		e := simtest.Get(data, "consumptionEstimates", level).(map[string]any)
		cur := []float64{e["elecAnnualConsumptionStandard"].(float64), e["elecAnnualConsumptionDay"].(float64) + e["elecAnnualConsumptionNight"].(float64), e["gasAnnualConsumption"].(float64)}
		if e["elecAnnualConsumptionNight"].(float64) >= e["elecAnnualConsumptionDay"].(float64) || cur[1] <= cur[0] || cur[2] <= cur[1] {
			t.Errorf("%s use: %v", level, e)
		}
		if prev != nil && slices.ContainsFunc([]int{0, 1, 2}, func(i int) bool { return cur[i] <= prev[i] }) {
			t.Errorf("%s use %v is not above the level below's %v", level, cur, prev)
		}
		prev = cur
	}
	if got := fmt.Sprint(simtest.Get(data, "consumptionEstimates", "medium")); got != "map[elecAnnualConsumptionDay:2762 elecAnnualConsumptionNight:1138 elecAnnualConsumptionStandard:2700 gasAnnualConsumption:11500]" {
		t.Errorf("medium use: %s", got)
	}
	if got := spaced(simtest.Get(data, "prepayPayments", "totalCount"), simtest.Get(data, "fitSchedule")); got != "0 <nil>" {
		t.Errorf("a credit household's top-ups and FIT schedule: %s", got)
	}
}

// TestOctopusSignUpIsTheState follows a sign-up beside the demo household: a friend's
// referral code names its referrer and the rewards createReferral gives, open to an
// account not yet referred and not to the referrer's own; an email, an unknown code
// and a promotional code name no scheme; the first direct debit can be collected ten
// working days on; the occupier lookup finds no customer's account.
func TestOctopusSignUpIsTheState(t *testing.T) {
	srv, c := octopus(t)
	read := `{ scheme: domesticAccountReferralRewardScheme(code: "jamie-otter-431") { code referrerGivenName referrerRewardAmount referredRewardAmount canBeReferred }
		byEmail: domesticAccountReferralRewardScheme(code: "demo@krakensim.dev") { code }
		unknown: domesticAccountReferralRewardScheme(code: "nobody-otter-1") { code }
		promotion: domesticJoiningRewardScheme(code: "jamie-otter-431") { code }
		earliestPossibleDirectDebitPaymentDate { earliestPossibleDirectDebitPaymentDate }
		charityDonationHistory(accountNumber: "A-C90DC431") { totalDonatedAmount }
		occupier: occupierAccount(postcode: "nr31ab", shortcode: "c431") { account address date propertyId }
		stranger: occupierAccount(postcode: "NR3 1AB", shortcode: "0000") { account } }`
	own := mustQuery(t, c)(read, nil)
	if got := fmt.Sprint(simtest.Get(own, "scheme")); got != "map[canBeReferred:false code:jamie-otter-431 referredRewardAmount:5000 referrerGivenName:Jamie referrerRewardAmount:5000]" {
		t.Errorf("the demo household's own code: %s", got)
	}
	if got := spaced(simtest.Get(own, "byEmail"), simtest.Get(own, "unknown"), simtest.Get(own, "promotion"), simtest.Get(own, "stranger")); got != "<nil> <nil> <nil> <nil>" {
		t.Errorf("an email, an unknown code, a promotion and a stranger's shortcode: %s", got)
	}
	if got := spaced(simtest.Get(own, "earliestPossibleDirectDebitPaymentDate", "earliestPossibleDirectDebitPaymentDate"), simtest.Get(own, "charityDonationHistory", "totalDonatedAmount")); got != "2026-12-16 0" {
		t.Errorf("the first collection (Wednesday 2 December + 10 working days) and donations: %s", got)
	}
	if got := simtest.Get(own, "occupier"); got != nil {
		t.Errorf("the occupier lookup found a customer's account: %v", got)
	}
	sam := srv.ClientIn(t, c.Session)
	sam.SignIn("other@krakensim.dev", "krakensim")
	if got := simtest.Get(mustQuery(t, sam)(`{ domesticAccountReferralRewardScheme(code: "jamie-otter-431") { canBeReferred } }`, nil), "domesticAccountReferralRewardScheme", "canBeReferred"); got != true {
		t.Errorf("an account never referred may not be referred: %v", got)
	}
}
