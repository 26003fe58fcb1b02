package simtest_test

import (
	"fmt"
	"testing"

	"github.com/krakensim/krakensim/sim/simtest"
)

// TestOriginDatePickersAreTheState asks Origin's SDL what a payment and a plan form
// offer on Wednesday 2 December 2026 in Sydney: a new payment schedule starts the next
// working day, an agreement in force may switch product from tomorrow for as many days
// as asked (none once it has ended, KT-CT-1501 for one state does not hold), an unknown
// schedule type is refused; a user's loyalty balance is their ledger's, and a friend's
// code names no business scheme.
func TestOriginDatePickersAreTheState(t *testing.T) {
	_, c := tenant(t, "origin-schema.graphql")
	data := mustQuery(t, c)(`{ viewer { id } getNextPaymentScheduleAvailableDate(accountNumber: "A-C90DC431", scheduleTypeName: "DIRECT_DEBIT")
		inForce: availableProductSwitchDates(agreementId: 9100001, maxRange: 3) ended: availableProductSwitchDates(agreementId: 9100010)
		year: availableProductSwitchDates(agreementId: 9100001, maxRange: 100000)
		loyaltyPointLedgers { balanceCarriedForward }
		businessAccountReferralRewardScheme(code: "jamie-otter-431") { code } }`, nil)
	if got := spaced(simtest.Get(data, "getNextPaymentScheduleAvailableDate"), simtest.Get(data, "inForce"), simtest.Get(data, "ended"), simtest.Get(data, "businessAccountReferralRewardScheme")); got != "2026-12-03 [2026-12-03 2026-12-04 2026-12-05] [] <nil>" {
		t.Errorf("the first schedule day, switch days in force and ended, and a business scheme: %s", got)
	}
	if year := simtest.Get(data, "year").([]any); len(year) != 366 || year[365] != "2027-12-03" {
		t.Errorf("a switch range of 100,000 days lists %d days, up to %v", len(year), year[len(year)-1])
	}
	balance := mustQuery(t, c)(`query($u: String) { loyaltyPointsBalance(input: {accountNumber: "A-C90DC431", accountUserId: $u}) { loyaltyPoints totalMonetaryAmount } }`,
		map[string]any{"u": simtest.Get(data, "viewer", "id")})
	if got, want := fmt.Sprint(simtest.Get(balance, "loyaltyPointsBalance")), fmt.Sprintf("map[loyaltyPoints:%s totalMonetaryAmount:%[1]s]", simtest.Get(data, "loyaltyPointLedgers", 0, "balanceCarriedForward")); got != want {
		t.Errorf("the viewer's loyalty balance: %s, their ledger says %s", got, want)
	}
	for query, code := range map[string]string{
		`{ availableProductSwitchDates(agreementId: 1) }`:                                                                             "KT-CT-1501",
		`{ getNextPaymentScheduleAvailableDate(accountNumber: "A-C90DC431", scheduleTypeName: "CHEQUE") }`:                            "KT-AU-3922",
		`{ getNextPaymentScheduleAvailableDate(accountNumber: "A-C90DC431", scheduleTypeName: "CARD_PAYMENT", ledgerNumber: "L-0") }`: "KT-AU-3921",
	} {
		if out := c.Query(query, nil); len(out.Errors) != 1 || out.Errors[0].Code() != code {
			t.Errorf("%s: %+v, want %s", query, out.Errors, code)
		}
	}
}
