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
// schedule type is refused; a user's loyalty balance is their ledger's, a friend's
// code names no business scheme, and a home without solar panels has no export
// repayments set up.
func TestOriginDatePickersAreTheState(t *testing.T) {
	_, c := tenant(t, "origin-schema.graphql")
	data := mustQuery(t, c)(`{ viewer { id } getNextPaymentScheduleAvailableDate(accountNumber: "A-C90DC431", scheduleTypeName: "DIRECT_DEBIT")
		inForce: availableProductSwitchDates(agreementId: 9100001, maxRange: 3) ended: availableProductSwitchDates(agreementId: 9100010)
		year: availableProductSwitchDates(agreementId: 9100001, maxRange: 100000)
		loyaltyPointLedgers { balanceCarriedForward }
		businessAccountReferralRewardScheme(code: "jamie-otter-431") { code }
		exportRepaymentDetails(accountNumber: "A-C90DC431") { accountNumber isConfigured nextRepaymentDate lastRepaymentDate paymentMethod } }`, nil)
	if got := spaced(simtest.Get(data, "getNextPaymentScheduleAvailableDate"), simtest.Get(data, "inForce"), simtest.Get(data, "ended"), simtest.Get(data, "businessAccountReferralRewardScheme")); got != "2026-12-03 [2026-12-03 2026-12-04 2026-12-05] [] <nil>" {
		t.Errorf("the first schedule day, switch days in force and ended, and a business scheme: %s", got)
	}
	if got := fmt.Sprint(simtest.Get(data, "exportRepaymentDetails")); got != "map[accountNumber:A-C90DC431 isConfigured:false lastRepaymentDate:<nil> nextRepaymentDate:<nil> paymentMethod:<nil>]" {
		t.Errorf("export repayments of a home without solar panels: %s", got)
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

// TestOriginDeprecatedRootAnswersAsItsSuccessor asks Origin's deprecated
// nextPaymentScheduleAvailableDate, whose reason names getNextPaymentScheduleAvailableDate:
// it answers the successor's next working day, and refuses what the successor refuses
// about the arguments both take with the successor's own code and message (not its own
// KT-CT-3820 "Received both ledger ID and number.", which names no argument it was
// given), and someone else's account with its own Unauthorized.
func TestOriginDeprecatedRootAnswersAsItsSuccessor(t *testing.T) {
	_, c := tenant(t, "origin-schema.graphql")
	data := mustQuery(t, c)(`{ old: nextPaymentScheduleAvailableDate(accountNumber: "A-C90DC431", scheduleTypeName: "DIRECT_DEBIT")
		new: getNextPaymentScheduleAvailableDate(accountNumber: "A-C90DC431", scheduleTypeName: "DIRECT_DEBIT") }`, nil)
	if got := spaced(simtest.Get(data, "old"), simtest.Get(data, "new")); got != "2026-12-03 2026-12-03" {
		t.Errorf("the deprecated and the successor's first schedule day: %s", got)
	}
	for _, tc := range []struct{ args, code, message string }{
		{`accountNumber: "A-C90DC431", scheduleTypeName: "CHEQUE"`, "KT-AU-3922", "The specified schedule type name wasn't found."},
		{`accountNumber: "A-C90DC431", scheduleTypeName: "CARD_PAYMENT", ledgerNumber: "L-0"`, "KT-AU-3921", "The specified account ledger wasn't found."},
		{`accountNumber: "A-0F4A2B19", scheduleTypeName: "CARD_PAYMENT"`, "KT-CT-4177", "Unauthorized."},
	} {
		for _, field := range []string{"nextPaymentScheduleAvailableDate", "getNextPaymentScheduleAvailableDate"} {
			out := c.Query("{ "+field+"("+tc.args+") }", nil)
			if len(out.Errors) != 1 || out.Errors[0].Code() != tc.code || out.Errors[0].Message != tc.message {
				t.Errorf("%s(%s): %+v, want %s %q", field, tc.args, out.Errors, tc.code, tc.message)
			}
		}
	}
}

// TestOriginLedgerReviewIsTheLedger reviews each of the Origin demo account's ledgers as
// livePaymentAdequacyCalculation does: the ledger's own balance and schedules, its
// fuel's supplies' months billed in the year to today (January first: December's is
// 2025's), an average that is a twelfth of their
// year, and no adjustment for a ledger in credit; a ledger state does not hold cannot
// be reviewed.
func TestOriginLedgerReviewIsTheLedger(t *testing.T) {
	_, c := tenant(t, "origin-schema.graphql")
	q := mustQuery(t, c)
	ledgers := simtest.Get(q(`{ account(accountNumber: "A-C90DC431") { ledgers { number balance } } }`, nil), "account", "ledgers").([]any)
	for i, want := range []struct {
		market   string
		existing float64
	}{{"Electricity", 24000}, {"Gas", 0}} {
		l := ledgers[i]
		data := q(`query($l: String!) { livePaymentAdequacyCalculation(ledgerNumber: $l) { suggestedNewMonthlyAmount averageMonthlyCharge existingMonthlyAmount
			balanceAdjustment currentBalance targetBalance reviewedOn consumption { edges { node { marketName charges(first: 12) { edges { node { periodStart periodEnd charge } } } } } } } }`,
			map[string]any{"l": simtest.Get(l, "number")})
		r := simtest.Get(data, "livePaymentAdequacyCalculation").(map[string]any)
		if got := spaced(r["currentBalance"], r["targetBalance"], r["existingMonthlyAmount"], r["balanceAdjustment"], r["reviewedOn"]); got != spaced(simtest.Get(l, "balance"), 0, want.existing, 0, "2026-12-02") {
			t.Errorf("ledger %v: balance, target, paying, adjustment, day: %s", simtest.Get(l, "number"), got)
		}
		markets := simtest.Get(r, "consumption", "edges").([]any)
		if len(markets) != 1 || simtest.Get(markets[0], "node", "marketName") != want.market {
			t.Fatalf("ledger %v reviews %v", simtest.Get(l, "number"), markets)
		}
		months := simtest.Get(markets[0], "node", "charges", "edges").([]any)
		year := 0.0
		for m, e := range months {
			if got := spaced(simtest.Get(e, "node", "periodStart"), simtest.Get(e, "node", "periodEnd")); got != fmt.Sprintf("2026-%02d-01 %s", m+1, fmt.Sprintf("2026-%02d-01", m+2)) && (m != 11 || got != "2025-12-01 2026-01-01") {
				t.Errorf("%s month %d: %s", want.market, m, got)
			}
			year += simtest.Get(e, "node", "charge").(float64)
		}
		if avg := r["averageMonthlyCharge"].(float64); len(months) != 12 || avg < year/12-1 || avg > year/12+1 || r["suggestedNewMonthlyAmount"] != avg {
			t.Errorf("%s: average %v, suggested %v, over %d months costing %v", want.market, avg, r["suggestedNewMonthlyAmount"], len(months), year)
		}
	}
	if out := c.Query(`{ livePaymentAdequacyCalculation(ledgerNumber: "L-00000000") { currentBalance } }`, nil); len(out.Errors) != 1 || out.Errors[0].Code() != "KT-CT-3963" {
		t.Errorf("an unknown ledger: %+v", out.Errors)
	}
}

// TestOriginUserLookupsAreTheUsers looks users up as Origin's back office does: an
// account's user is one of its users (by email, else its first), the viewer's own
// record by no key, by id or by email; another account's user is refused, and an
// account state does not hold is not found.
func TestOriginUserLookupsAreTheUsers(t *testing.T) {
	_, c := tenant(t, "origin-schema.graphql")
	data := mustQuery(t, c)(`{ viewer { id email } first: accountUserFromAccountNumber(input: {accountNumber: "A-C90DC431"}) { id }
		byEmail: accountUserFromAccountNumber(input: {accountNumber: "A-C90DC431", emailAddress: "DEMO@krakensim.dev"}) { id }
		me: accountUser(input: {}) { id } byID: accountUser(input: {accountUserId: "3235447"}) { id email } }`, nil)
	id := simtest.Get(data, "viewer", "id")
	if got := spaced(simtest.Get(data, "first", "id"), simtest.Get(data, "byEmail", "id"), simtest.Get(data, "me", "id"), simtest.Get(data, "byID", "id"), simtest.Get(data, "byID", "email")); got != spaced(id, id, id, id, simtest.Get(data, "viewer", "email")) {
		t.Errorf("the demo account's user, by email, the viewer, by id: %s", got)
	}
	for query, code := range map[string]string{
		`{ accountUser(input: {accountUserEmail: "other@krakensim.dev"}) { id } }`:             "KT-CT-1111",
		`{ accountUserFromAccountNumber(input: {accountNumber: "A-FFFFFFFF"}) { id } }`:        "KT-CT-4178",
		`{ accountUserFromAccountNumber(input: {accountNumber: "A-0F4A2B19"}) { givenName } }`: "KT-CT-1111",
	} {
		if out := c.Query(query, nil); len(out.Errors) != 1 || out.Errors[0].Code() != code {
			t.Errorf("%s: %+v, want %s", query, out.Errors, code)
		}
	}
}

// TestOriginAgreementRatesAreItsProducts reads each of the Origin demo supply's
// agreements' rates as agreementRates gives them: the rates its product lists, named,
// priced and dated alike, in cents a day or a kWh; none at a time it was not in force;
// KT-CT-1501 for an agreement state does not hold.
func TestOriginAgreementRatesAreItsProducts(t *testing.T) {
	_, c := tenant(t, "origin-schema.graphql")
	q := mustQuery(t, c)
	ags := simtest.Get(q(`{ account(accountNumber: "A-C90DC431") { properties { meterPoints { agreements { id validFrom
		product { paginatedRates { edges { node { ... on ElectricityRateType { pricePerUnit rateDescription validFrom } } } } } } } } } }`, nil),
		"account", "properties", 0, "meterPoints", 0, "agreements").([]any)
	if len(ags) < 2 {
		t.Fatalf("%d agreements", len(ags))
	}
	for _, ag := range ags {
		var want []string
		for _, e := range simtest.Get(ag, "product", "paginatedRates", "edges").([]any) {
			want = append(want, spaced(simtest.Get(e, "node", "rateDescription"), simtest.Get(e, "node", "pricePerUnit"), simtest.Get(e, "node", "validFrom")))
		}
		data := q(`query($a: ID!) { all: agreementRates(agreementId: $a) { edges { node { name pricePerUnit unit unitDisplay category currency validityPeriod { start } } } }
			before: agreementRates(agreementId: $a, activeAt: "2019-01-01T00:00:00+10:00") { totalCount } }`, map[string]any{"a": fmt.Sprintf("%.0f", simtest.Get(ag, "id"))})
		var got []string
		for _, e := range simtest.Get(data, "all", "edges").([]any) {
			n := e.(map[string]any)["node"].(map[string]any)
			got = append(got, spaced(n["name"], n["pricePerUnit"], simtest.Get(n, "validityPeriod", "start")))
			if u := spaced(n["category"], n["unit"], n["unitDisplay"], n["currency"]); u != "STANDING_CHARGE day c/day AUD" && u != "CONSUMPTION_CHARGE kWh c/kWh AUD" {
				t.Errorf("agreement %v: a rate %s", simtest.Get(ag, "id"), u)
			}
		}
		if fmt.Sprint(got) != fmt.Sprint(want) || simtest.Get(data, "before", "totalCount") != 0.0 {
			t.Errorf("agreement %v: rates %v, its product's %v; %v before it began", simtest.Get(ag, "id"), got, want, simtest.Get(data, "before", "totalCount"))
		}
	}
	if out := c.Query(`{ agreementRates(agreementId: "1") { totalCount } }`, nil); len(out.Errors) != 1 || out.Errors[0].Code() != "KT-CT-1501" {
		t.Errorf("an unknown agreement: %+v", out.Errors)
	}
}

// TestOriginSupplyChecksAreTheSupplies checks supplies as Origin's sign-up does: the
// demo household's NMI and MIRN are on supply since their first agreement, occupied and
// on the demo account; another household's supply says so without naming its account;
// an identifier state does not hold is off supply.
func TestOriginSupplyChecksAreTheSupplies(t *testing.T) {
	_, c := tenant(t, "origin-schema.graphql")
	data := mustQuery(t, c)(`{ nmi: nmiCheck(nmi: "4102004420") { ...check } mirn: mirnCheck(mirn: "5240860640") { isOnSupply krakenStatus supplyStartDate isOccupier accountNumber account { number } }
		other: nmiCheck(nmi: "6102019374") { ...check } unknown: nmiCheck(nmi: "4103999999") { ...check } }
		fragment check on NMICheckType { isOnSupply krakenStatus supplyStartDate isOccupier accountNumber account { number } }`, nil)
	for key, want := range map[string]string{
		"nmi":     "true ON_SUPPLY 2019-10-01 true A-C90DC431 map[number:A-C90DC431]",
		"mirn":    "true ON_SUPPLY 2019-10-01 true A-C90DC431 map[number:A-C90DC431]",
		"other":   "true ON_SUPPLY 2020-04-01 true <nil> <nil>",
		"unknown": "false OFF_SUPPLY <nil> false <nil> <nil>",
	} {
		r := simtest.Get(data, key)
		if got := spaced(simtest.Get(r, "isOnSupply"), simtest.Get(r, "krakenStatus"), simtest.Get(r, "supplyStartDate"), simtest.Get(r, "isOccupier"),
			simtest.Get(r, "accountNumber"), simtest.Get(r, "account")); got != want {
			t.Errorf("%s: %s, want %s", key, got, want)
		}
	}
}
