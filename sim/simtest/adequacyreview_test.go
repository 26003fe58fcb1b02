package simtest_test

import (
	"math"
	"testing"

	"github.com/krakensim/krakensim/sim/simtest"
)

// adequacyQuery reads an account's balances, its review and the schedule in force.
const adequacyQuery = `query($a: String!) { account(accountNumber: $a) { balance projectedBalance shouldReviewPayments
	paymentAdequacy { suggestedDirectDebitAmount } paymentSchedules(first: 1) { edges { node { id validFrom paymentAmount } } } }
	livePaymentAdequacy(accountNumber: $a) { recommendedPayment { total ongoing adjustment } estimatedConsumption { sourceId usage } } }`

// readAdequacy signs in as email with the clock at at and reads account's review.
func readAdequacy(t *testing.T, c *simtest.Client, email, account, at string) map[string]any {
	t.Helper()
	setClock(t, c, at)
	c.SignIn(email, "krakensim")
	return mustQuery(t, c)(adequacyQuery, map[string]any{"a": account})
}

// TestPaymentReviewCountsTheMonthNotYetBilled reviews Sam's fixed direct debit (from 1
// January 2025, so reviewed on the 1st, the day before the month just ended is billed):
// the review of 1 January 2027 counts December's use, not yet billed, as owed, so that
// it and paymentAdequacy a day after December's statement agree, and a year on, with
// December 2027 billed, the balance is near 0 rather than a month's charges further in
// debt.
func TestPaymentReviewCountsTheMonthNotYetBilled(t *testing.T) {
	_, c := octopus(t)
	got := readAdequacy(t, c, "other@krakensim.dev", "A-0F4A2B19", "2027-01-03T09:00:00Z")
	reviewed := simtest.Get(got, "account", "paymentSchedules", "edges", 0, "node")
	if simtest.Get(reviewed, "id") != "81724R202701" {
		t.Fatalf("the schedule in force from January: %v", reviewed)
	}
	// The review pays in whole pounds, rounded up; the suggestion is to the penny and
	// has two more days of use owed.
	amount, suggested := number(t, simtest.Get(reviewed, "paymentAmount")), number(t, simtest.Get(got, "account", "paymentAdequacy", "suggestedDirectDebitAmount"))
	if math.Abs(amount-suggested) > 200 {
		t.Errorf("the review of 1 January pays %v; paymentAdequacy on the 3rd suggests %v", amount, suggested)
	}
	// A year on: the review paid off what was owed at the year before's charges. What is
	// left is what 2027's charges differ from 2026's (prices move with the cap each
	// quarter: 2-3% of the year) and the rounding up (at most £12), well within half a
	// month's payment; a review missing December leaves about a month's charges owed.
	got = readAdequacy(t, c, "other@krakensim.dev", "A-0F4A2B19", "2028-01-03T09:00:00Z")
	if b := number(t, simtest.Get(got, "account", "balance")); math.Abs(b) > amount/2 {
		t.Errorf("a year on, with December billed, the balance is %v; want within %v of 0", b, amount/2)
	}
}

// TestPaymentAdequacyTakesOffTheExport reviews the solar home's payments: its export
// earns, so its months are negative and taken off the year, and its direct debit (£40.85)
// is within a tenth of the suggestion, not a third of it.
func TestPaymentAdequacyTakesOffTheExport(t *testing.T) {
	_, c := octopus(t)
	got := readAdequacy(t, c, "solar@krakensim.dev", "A-6D4F2E88", "2026-12-02T09:00:00Z")
	year, export := 0.0, false
	for _, s := range simtest.Get(got, "livePaymentAdequacy", "estimatedConsumption").([]any) {
		for m, u := range simtest.Get(s, "usage").([]any) {
			year += number(t, u)
			if simtest.Get(s, "sourceId") == "2200007316464" {
				export = true
				if number(t, u) >= 0 && m >= 3 && m <= 8 {
					t.Errorf("the export's month %d costs %v; it earns", m+1, u)
				}
			}
		}
	}
	pay := simtest.Get(got, "livePaymentAdequacy", "recommendedPayment")
	if ongoing := number(t, simtest.Get(pay, "ongoing")); !export || math.Abs(ongoing-year/12) > 1 {
		t.Errorf("ongoing %v over a year of %v (the export reviewed: %v)", ongoing, year, export)
	}
	suggested := number(t, simtest.Get(got, "account", "paymentAdequacy", "suggestedDirectDebitAmount"))
	if suggested != number(t, simtest.Get(pay, "total")) || math.Abs(suggested-4085) > 408.5 || simtest.Get(got, "account", "shouldReviewPayments") != false {
		t.Errorf("suggested %v (should review: %v) for a direct debit of 4085", suggested, simtest.Get(got, "account", "shouldReviewPayments"))
	}
}

// TestProjectedBalanceIsAYearOn reads Sam's projectedBalance: the balance a year on, as
// the review sees it: before the reviewed payment is collected, what is owed plus a year
// of the payment in force (£172) less the year's charges (livePaymentAdequacy's twelve
// months of ongoing, and twelve of adjustment for the debt); once it is, near 0, which
// is what the review's payment was set to reach.
func TestProjectedBalanceIsAYearOn(t *testing.T) {
	_, c := octopus(t)
	got := readAdequacy(t, c, "other@krakensim.dev", "A-0F4A2B19", "2027-01-03T09:00:00Z")
	pay := simtest.Get(got, "livePaymentAdequacy", "recommendedPayment")
	want := 12 * (17200 - number(t, simtest.Get(pay, "ongoing")) - number(t, simtest.Get(pay, "adjustment")))
	projected := number(t, simtest.Get(got, "account", "projectedBalance"))
	if math.Abs(projected-want) > 12*2 || projected == number(t, simtest.Get(got, "account", "balance")) {
		t.Errorf("projected %v on 3 January; want %v (a year at £172)", projected, want)
	}
	got = readAdequacy(t, c, "other@krakensim.dev", "A-0F4A2B19", "2027-02-03T09:00:00Z")
	amount := number(t, simtest.Get(got, "account", "paymentSchedules", "edges", 0, "node", "paymentAmount"))
	if projected := number(t, simtest.Get(got, "account", "projectedBalance")); math.Abs(projected) > amount/2 {
		t.Errorf("projected %v once the review's %v is collected; want near 0", projected, amount)
	}
}

// TestAdequacyFollowsChanges reads the demo account's review again after each change to
// what it reads, in one session with its clock still: a charge and a month on move it, and
// after each change (a new direct debit too) it reads as a session that made the same
// changes and reads it once, as a kept answer must not hide.
func TestAdequacyFollowsChanges(t *testing.T) {
	srv, c := octopus(t)
	followsChanges(t, srv, c, "2026-12-02T09:00:00Z",
		`{ account(accountNumber: "A-C90DC431") { projectedBalance paymentAdequacy { suggestedDirectDebitAmount } } }`, []keptChange{
			{"a charge", `mutation { createAccountCharge(input: {accountNumber: "A-C90DC431", grossAmount: 2100, reason: "VOUCHER_PURCHASE", displayNote: "Voucher"}) { accountCharge { id } } }`, "", true},
			{"a new direct debit", `mutation { createAccountPaymentSchedule(input: {accountNumber: "A-C90DC431", ledgerNumber: "L-6B2F0A1C", paymentAmount: 15000, paymentDay: 5}) { schedule { validFrom } } }`, "", false},
			{"a month on", "", "2027-01-03T09:00:00Z", true},
		})
}
