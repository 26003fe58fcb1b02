package simtest_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/simtest"
)

// dashboardQuery is what Octopus's dashboard asks of an account on opening (its
// getAccount, getWHDEligibility, getSmartMeterInstallationEligibility, paymentSchedules
// and getOctoplusEligibilityandFeatureFlags queries, as the community documents them),
// with the account's Warm Home Discount history beside its eligibility and a home's
// installation slots beside its installation eligibility.
const dashboardQuery = `query getAccount($accountNumber: String!, $propertiesActiveFrom: DateTime, $propertyId: Int) {
  account(accountNumber: $accountNumber) {
    campaigns { name slug startDate }
    cotReadingWindowDays
    eligibilityForWarmHomeDiscount { isEligible rejectionReason }
    warmHomeDiscount { applications(first: 5) { totalCount } records(first: 5) { totalCount } }
    paymentAdequacy { suggestedDirectDebitAmount }
    properties(activeFrom: $propertiesActiveFrom) { id isSmets2InstallationAllowed availableSmets2InstallationTimeslots { appointmentDate } }
    paymentSchedules(first: 10) { edges { node { supplementaryLedger { ledgerType } paymentAmount } } }
  }
  fanClubStatus(accountNumber: $accountNumber) { discountSource accountNumbers propertyIds }
  byProperty: fanClubStatus(propertyId: $propertyId) { discountSource }
  productEnrolments(accountNumber: $accountNumber) { id }
  livePaymentAdequacy(accountNumber: $accountNumber) { recommendedPayment { total } }
  octoplusFeatureFlags { shouldClientDisplayOctoplus shouldClientDisplayOctoplusRewards }
}`

// TestOctopusDashboardIsTheAccounts asks what Octopus's dashboard asks on opening: each
// answer follows from the account (its campaigns joined, its homes' meters and place,
// its payment review), rather than Fan Club discounts at turbines elsewhere, a smart
// meter installation offered to a home with smart meters, a Scottish scheme for an
// English home, or a suggested payment of another review.
func TestOctopusDashboardIsTheAccounts(t *testing.T) {
	srv, c := octopus(t, func(w *sim.World) {
		for _, a := range w.Accounts {
			if a.Number == "A-0F4A2B19" { // Sam's home, moved to Edinburgh
				a.Properties[0].Address.Postcode = "EH3 9AA"
			}
		}
	})
	demo := mustQuery(t, c)(dashboardQuery, map[string]any{"accountNumber": "A-C90DC431", "propertiesActiveFrom": "2026-11-20T00:00:00Z", "propertyId": 2214531})
	sam := srv.Client(t)
	sam.SignIn("other@krakensim.dev", "krakensim")
	other := mustQuery(t, sam)(dashboardQuery, map[string]any{"accountNumber": "A-0F4A2B19"})
	for _, tc := range []struct{ name, got, want string }{
		{"the demo account's campaigns", fmt.Sprint(simtest.Get(demo, "account", "campaigns")),
			"[map[name:Smart meter upgrade slug:smart-meter-upgrade startDate:2024-01-01] map[name:Octoplus slug:octoplus startDate:2024-11-04] map[name:Octoplus Saving Sessions slug:octoplus-saving-sessions startDate:2024-11-04]]"},
		{"the demo account's fan clubs", fmt.Sprint(demo["fanClubStatus"], demo["byProperty"]), "[] []"},
		{"the demo account's enrolments", fmt.Sprint(demo["productEnrolments"]), "[]"},
		{"a smart home's installation", fmt.Sprint(simtest.Get(demo, "account", "properties", 0, "isSmets2InstallationAllowed")), "false"},
		{"a basic meter's home's installation", fmt.Sprint(simtest.Get(other, "account", "properties", 0, "isSmets2InstallationAllowed")), "true"},
		{"a smart home's installation slots", fmt.Sprint(simtest.Get(demo, "account", "properties", 0, "availableSmets2InstallationTimeslots")), "[]"},
		{"an English home's Warm Home Discount", fmt.Sprint(simtest.Get(demo, "account", "eligibilityForWarmHomeDiscount")),
			"map[isEligible:false rejectionReason:The Scottish Broader Group is open to homes in Scotland only.]"},
		{"a Scottish home's Warm Home Discount", fmt.Sprint(simtest.Get(other, "account", "eligibilityForWarmHomeDiscount")),
			"map[isEligible:true rejectionReason:<nil>]"},
		{"the discounts applied for and given", fmt.Sprint(simtest.Get(demo, "account", "warmHomeDiscount")),
			"map[applications:map[totalCount:0] records:map[totalCount:0]]"},
		{"the suggested payment", fmt.Sprint(simtest.Get(demo, "account", "paymentAdequacy", "suggestedDirectDebitAmount")),
			fmt.Sprint(simtest.Get(demo, "livePaymentAdequacy", "recommendedPayment", "total"))},
		{"the other suggested payment", fmt.Sprint(simtest.Get(other, "account", "paymentAdequacy", "suggestedDirectDebitAmount")),
			fmt.Sprint(simtest.Get(other, "livePaymentAdequacy", "recommendedPayment", "total"))},
		{"the main schedule's ledger", fmt.Sprint(simtest.Get(demo, "account", "paymentSchedules", "edges", 0, "node")),
			"map[paymentAmount:11000 supplementaryLedger:<nil>]"},
		{"the move-out reading window", fmt.Sprint(simtest.Get(demo, "account", "cotReadingWindowDays")), "2"},
		{"Octoplus's screens", fmt.Sprint(demo["octoplusFeatureFlags"]), "map[shouldClientDisplayOctoplus:true shouldClientDisplayOctoplusRewards:true]"},
	} {
		if tc.got != tc.want {
			t.Errorf("%s: got %s, want %s", tc.name, tc.got, tc.want)
		}
	}
	if slots, _ := simtest.Get(other, "account", "properties", 0, "availableSmets2InstallationTimeslots").([]any); len(slots) == 0 {
		t.Error("a home with basic meters is offered no installation slot")
	}
	if got := simtest.Get(demo, "livePaymentAdequacy", "recommendedPayment", "total").(float64); got < 9000 || got > 15000 {
		t.Errorf("the demo account's review suggests %v a month; it pays 11000 for its use", got)
	}
}

// TestOctopusProductsSayWhatTheyAre reads the products on sale at the demo household's
// postcode as the API's prototype query and OctoMeter ask for them: one default
// (Flexible Octopus), none an occupier's or reduced by the Energy Price Guarantee that ended in
// 2023, none with an exit fee (NONE, as OctoMeter reads it), no internal notes.
func TestOctopusProductsSayWhatTheyAre(t *testing.T) {
	_, c := octopus(t)
	data := mustQuery(t, c)(`query($postcode: String!) { energyProducts(first: 20, postcode: $postcode, filterBy: DOMESTIC, availability: AVAILABLE) {
		edges { node { code displayName isDefault isOccupier includesEpgReduction exitFees exitFeesType notes tags } } } }`, map[string]any{"postcode": "NR3 1AB"})
	defaults := 0
	edges := simtest.Get(data, "energyProducts", "edges").([]any)
	for _, e := range edges {
		n := e.(map[string]any)["node"].(map[string]any)
		if n["isDefault"] == true {
			defaults++
			if n["displayName"] != "Flexible Octopus" {
				t.Errorf("%v is the default product", n["code"])
			}
		}
		if got := spaced(n["isOccupier"], n["includesEpgReduction"], n["exitFees"], n["exitFeesType"], "["+fmt.Sprint(n["notes"])+"]", n["tags"]); got != "false false 0 NONE [] []" {
			t.Errorf("%v: occupier, EPG, exit fee and type, notes and tags %s", n["code"], got)
		}
	}
	if len(edges) < 3 || defaults != 1 {
		t.Errorf("%d products, %d of them default", len(edges), defaults)
	}
}

// TestOriginLoyaltyEligibilityIsTheAccounts asks Origin whether the demo account can
// join its loyalty points programme: not while a user earns its points already, as
// Octoplus answers it; once none does, it can.
func TestOriginLoyaltyEligibilityIsTheAccounts(t *testing.T) {
	const q = `{ eligibilityToJoinLoyaltyPointsProgram(input: {accountNumber: "A-C90DC431"}) { isEligible primaryIneligibilityReason } }`
	_, c := tenant(t, "origin-schema.graphql")
	if got := fmt.Sprint(mustQuery(t, c)(q, nil)["eligibilityToJoinLoyaltyPointsProgram"]); got != "map[isEligible:false primaryIneligibilityReason:ALREADY_SIGNED_UP]" {
		t.Errorf("a member: %s", got)
	}
	_, c = tenant(t, "origin-schema.graphql", func(w *sim.World) { w.Account("A-C90DC431").LoyaltyPointsUserID = "" })
	if got := fmt.Sprint(mustQuery(t, c)(q, nil)["eligibilityToJoinLoyaltyPointsProgram"]); got != "map[isEligible:true primaryIneligibilityReason:<nil>]" {
		t.Errorf("not a member: %s", got)
	}
}

// TestOriginAgreementsWereMadeBeforeTheyBegan reads the demo account's agreements on
// Origin's SDL: each was made (and its rates agreed) before it began and not before the
// account was opened, and may be rescinded for the fourteen days after.
func TestOriginAgreementsWereMadeBeforeTheyBegan(t *testing.T) {
	_, c := tenant(t, "origin-schema.graphql")
	data := mustQuery(t, c)(`{ account(accountNumber: "A-C90DC431") { createdAt agreements { id validFrom
		... on ElectricityAgreementType { agreedAt ratesAgreedAt rescissionDeadlineAt }
		... on GasAgreementType { agreedAt ratesAgreedAt rescissionDeadlineAt } } } }`, nil)
	opened, _ := time.Parse(time.RFC3339, simtest.Get(data, "account", "createdAt").(string))
	ags := simtest.Get(data, "account", "agreements").([]any)
	for _, ag := range ags {
		m := ag.(map[string]any)
		from, _ := time.Parse(time.RFC3339, m["validFrom"].(string))
		agreed, err := time.Parse(time.RFC3339, fmt.Sprint(m["agreedAt"]))
		deadline, _ := time.Parse(time.RFC3339, fmt.Sprint(m["rescissionDeadlineAt"]))
		if err != nil || agreed.After(from) || agreed.Before(opened) || m["ratesAgreedAt"] != m["agreedAt"] || deadline.Sub(agreed) != 14*24*time.Hour {
			t.Errorf("agreement %v from %v: agreed %v, rates %v, rescindable to %v (the account opened %v)", m["id"], from, m["agreedAt"], m["ratesAgreedAt"], m["rescissionDeadlineAt"], opened)
		}
	}
	if len(ags) < 2 {
		t.Errorf("%d agreements", len(ags))
	}
}

// TestOctopusSmartTariffOnboardingIsTheAgreements reads each home's smart tariff
// onboarding: none for the demo household, on Flexible since 2019; the flat's move onto
// Go in May 2022, completed when Go began; and, once the demo household renews onto
// Agile from the 15th, its onboarding started, then completed when Agile begins.
func TestOctopusSmartTariffOnboardingIsTheAgreements(t *testing.T) {
	_, c := octopus(t)
	q := mustQuery(t, c)
	onboarding := func(number string) string {
		data := q(`query($a: String!) { account(accountNumber: $a) { properties { electricityMeterPoints {
			smartTariffOnboarding { latestStatus latestTermsStatus smartTariffCode lastUpdated } } } } }`, map[string]any{"a": number})
		return fmt.Sprint(simtest.Get(data, "account", "properties", 0, "electricityMeterPoints", 0, "smartTariffOnboarding"))
	}
	if got := onboarding("A-C90DC431"); got != "<nil>" {
		t.Errorf("the demo household, on Flexible: %s", got)
	}
	if got := onboarding("A-7B3E9D12"); got != "map[lastUpdated:2022-11-01T00:00:00+00:00 latestStatus:COMPLETED latestTermsStatus:TERMS_ACCEPTED smartTariffCode:INTELLIGENT_OCTOPUS]" {
		t.Errorf("the flat, on Go from May 2022, on Intelligent Octopus Go since November: %s", got)
	}
	q(`mutation { renewAgreementForMeterPoint(input: {mpxn: "1013004420117", tariffCode: "E-1R-AGILE-24-10-01-A", validFromDate: "2026-12-15"}) {
		electricityAgreement { validFrom } } }`, nil)
	if got := onboarding("A-C90DC431"); got != "map[lastUpdated:2026-12-02T09:00:00+00:00 latestStatus:STARTED latestTermsStatus:TERMS_ACCEPTED smartTariffCode:AGILE_OCTOPUS]" {
		t.Errorf("renewed onto Agile from the 15th: %s", got)
	}
	c.AdvanceClock(14 * 24 * time.Hour)
	c.SignIn("demo@krakensim.dev", "krakensim")
	if got := onboarding("A-C90DC431"); got != "map[lastUpdated:2026-12-15T00:00:00+00:00 latestStatus:COMPLETED latestTermsStatus:TERMS_ACCEPTED smartTariffCode:AGILE_OCTOPUS]" {
		t.Errorf("once Agile began: %s", got)
	}
}

// TestOctopusWarmHomeDiscountApplications applies for the Scottish Broader Group as the
// dashboard's form does: the English home's application is rejected at once as not in
// Scotland, the Scottish home's is pending, a second one while it is open is rejected as
// such, and an application without its criteria is reported field by field and makes
// nothing; the account lists its applications, newest first, for the scheme year under
// way (April 2026 to March 2027).
func TestOctopusWarmHomeDiscountApplications(t *testing.T) {
	srv, c := octopus(t, func(w *sim.World) { w.Account("A-0F4A2B19").Properties[0].Address.Postcode = "EH3 9AA" })
	const apply = `mutation($a: String, $in: WarmHomeDiscountApplicationInputType) { createWarmHomeDiscountApplication(accountNumber: $a, applicationInputs: $in) {
		id errors { field } } }`
	const list = `query($a: String!) { account(accountNumber: $a) { warmHomeDiscount { applications(first: 5) { edges { node {
		qualifyingCriteria status rejectionReason yearEnding taxYear } } } } } }`
	in := map[string]any{"qualifyingCriteria": "SAVINGS_ELEMENT_OF_PENSION_CREDIT", "qualifyingComponent": "AGE_THRESHOLD"}
	demo := mustQuery(t, c)
	if got := fmt.Sprint(simtest.Get(demo(apply, map[string]any{"a": "A-C90DC431", "in": map[string]any{"qualifyingCriteria": "SAVINGS_ELEMENT_OF_PENSION_CREDIT"}}), "createWarmHomeDiscountApplication")); got != "map[errors:[map[field:qualifyingComponent]] id:<nil>]" {
		t.Errorf("an application without its component: %s", got)
	}
	demo(apply, map[string]any{"a": "A-C90DC431", "in": in})
	if got := fmt.Sprint(simtest.Get(demo(list, map[string]any{"a": "A-C90DC431"}), "account", "warmHomeDiscount", "applications", "edges")); got !=
		"[map[node:map[qualifyingCriteria:SAVINGS_ELEMENT_OF_PENSION_CREDIT rejectionReason:NOT_IN_SCOTLAND status:REJECTED taxYear:2026/27 yearEnding:2027]]]" {
		t.Errorf("the English home's applications: %s", got)
	}
	sam := srv.Client(t)
	sam.SignIn("other@krakensim.dev", "krakensim")
	other := mustQuery(t, sam)
	for range 2 {
		other(apply, map[string]any{"a": "A-0F4A2B19", "in": in})
	}
	if got := fmt.Sprint(simtest.Get(other(list, map[string]any{"a": "A-0F4A2B19"}), "account", "warmHomeDiscount", "applications", "edges")); got !=
		"[map[node:map[qualifyingCriteria:SAVINGS_ELEMENT_OF_PENSION_CREDIT rejectionReason:HAS_OPEN_APPLICATION status:REJECTED taxYear:2026/27 yearEnding:2027]] "+
			"map[node:map[qualifyingCriteria:SAVINGS_ELEMENT_OF_PENSION_CREDIT rejectionReason:<nil> status:PENDING taxYear:2026/27 yearEnding:2027]]]" {
		t.Errorf("the Scottish home's applications: %s", got)
	}
}

// TestOctopusPaymentReviewIsTheReview reads whether each account should review its
// payments and the top-up recommended, as the dashboard's getAccount asks: none for the
// demo household in credit, paying within a tenth of its review; the flat's debt for
// the flat; and a review due once the household's direct debit is far below its use.
func TestOctopusPaymentReviewIsTheReview(t *testing.T) {
	const q = `query($a: String!) { account(accountNumber: $a) { shouldReviewPayments recommendedBalanceAdjustment } }`
	_, c := octopus(t)
	for _, tc := range []struct{ account, want string }{
		{"A-C90DC431", "map[recommendedBalanceAdjustment:<nil> shouldReviewPayments:false]"},
		// The flat, owing £15.80 and three weeks' use not yet billed, pays £92 against a
		// year's charges of £114: more than a tenth short.
		{"A-7B3E9D12", "map[recommendedBalanceAdjustment:1580 shouldReviewPayments:true]"},
	} {
		if got := fmt.Sprint(simtest.Get(mustQuery(t, c)(q, map[string]any{"a": tc.account}), "account")); got != tc.want {
			t.Errorf("%s: %s, want %s", tc.account, got, tc.want)
		}
	}
	// Halving the payment now (state's halved would have billed half the use).
	mustQuery(t, c)(`mutation { updatePaymentSchedulePaymentAmount(input: {accountNumber: "A-C90DC431", amount: 5500}) { paymentSchedule { id } } }`, nil)
	if got := fmt.Sprint(simtest.Get(mustQuery(t, c)(q, map[string]any{"a": "A-C90DC431"}), "account", "shouldReviewPayments")); got != "true" {
		t.Errorf("paying half its use: shouldReviewPayments %s", got)
	}
}
