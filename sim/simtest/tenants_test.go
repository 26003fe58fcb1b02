package simtest_test

import (
	"fmt"
	"maps"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/simtest"
)

const (
	concessionFields = `id number cardType cardLabel isCurrent isCardValid removalDate applicablePeriods { fromDate toDate }`
	rebateFields     = `displayName rebateCents percentageDiscount startAt endAt appliedTo`
	// rebatesOf reads the eligible rebates of an account's agreements, each fuel's, in a window.
	rebatesOf = `query($a: String!, $from: DateTime, $to: DateTime) { account(accountNumber: $a) {
		properties { meterPoints { __typename agreements { eligibleRebates(startAt: $from, endAt: $to) { ` + rebateFields + ` } } } }
		estimatedUsageAndCost { electricityEstimation { yearlyEstimation { usageCost concessionDiscount totalCost } }
			gasEstimation { yearlyEstimation { usageCost concessionDiscount totalCost } } } } }`
)

// rebates are an account's eligible rebates by the meter point type they supply.
func rebates(t *testing.T, q func(string, map[string]any) map[string]any, account string, window ...string) map[string][]any {
	t.Helper()
	vars := map[string]any{"a": account}
	if len(window) == 2 {
		vars["from"], vars["to"] = window[0], window[1]
	}
	out := map[string][]any{}
	for _, p := range simtest.Get(q(rebatesOf, vars), "account", "properties").([]any) {
		for _, mp := range simtest.Get(p, "meterPoints").([]any) {
			typ := simtest.Get(mp, "__typename").(string)
			for _, ag := range simtest.Get(mp, "agreements").([]any) {
				out[typ] = append(out[typ], simtest.Get(ag, "eligibleRebates").([]any)...)
			}
		}
	}
	return out
}

// TestOriginConcessionsMakeRebates reads Sam's Health Care Card on the Origin SDL and
// the Victorian concessions it makes his household eligible for: 17.5% off electricity
// all year, and off gas only in winter; an estimate takes it off.
func TestOriginConcessionsMakeRebates(t *testing.T) {
	srv, _ := tenant(t, "origin-schema.graphql")
	sam := srv.Client(t)
	out := sam.Query(`mutation { obtainKrakenToken(input: {APIKey: "sk_live_krakensimother3235449"}) { token } }`, nil)
	sam.Token, _ = simtest.Get(out.Data, "obtainKrakenToken", "token").(string)
	q := mustQuery(t, sam)

	v := q(`{ viewer { concessions { `+concessionFields+` } applicableConcessionCardTypes { cardType cardLabel } } }`, nil)
	if got := fmt.Sprint(simtest.Get(v, "viewer", "concessions")); got != "[map[applicablePeriods:[map[fromDate:2025-03-14 toDate:2027-03-14]] cardLabel:Health Care Card cardType:CENTRELINK_HEALTH_CARE id:3100001 isCardValid:true isCurrent:true number:204567891K removalDate:<nil>]]" {
		t.Errorf("Sam's concessions: %s", got)
	}
	var cards []string
	for _, c := range simtest.Get(v, "viewer", "applicableConcessionCardTypes").([]any) {
		cards = append(cards, simtest.Get(c, "cardType").(string))
	}
	if fmt.Sprint(cards) != "[CENTRELINK_PENSIONER CENTRELINK_HEALTH_CARE VETERANS_AFFAIRS_PENSIONER VETERANS_AFFAIRS_DVA_GOLD VETERANS_AFFAIRS_DVA_GOLD_WW VETERANS_AFFAIRS_DVA_GOLD_TPI VETERANS_AFFAIRS_DVA_GOLD_EDA REPATRIATION_HEALTH_CARE_CARD ASYLUM_SEEKER]" {
		t.Errorf("cards Victoria accepts: %v", cards)
	}

	r := rebates(t, q, "A-0F4A2B19")
	if got := fmt.Sprint(r["MeterPointType"]); got != "[map[appliedTo:[USAGE SERVICE_CHARGE CONTROLLED_LOAD] displayName:Annual Electricity Concession endAt:2027-03-14T00:00:00+11:00 percentageDiscount:0.175 rebateCents:<nil> startAt:2026-01-01T00:00:00+11:00]]" {
		t.Errorf("electricity rebates in December: %s", got)
	}
	if len(r["GasMeterPointType"]) != 0 {
		t.Errorf("gas rebates in December, outside winter: %v", r["GasMeterPointType"])
	}
	winter := rebates(t, q, "A-0F4A2B19", "2026-06-01T00:00:00+10:00", "2026-06-30T00:00:00+10:00")["GasMeterPointType"]
	if got := fmt.Sprint(winter); got != "[map[appliedTo:[USAGE SERVICE_CHARGE] displayName:Winter Gas Concession endAt:2026-11-01T00:00:00+11:00 percentageDiscount:0.175 rebateCents:<nil> startAt:2026-05-01T00:00:00+10:00]]" {
		t.Errorf("gas rebates in June: %s", got)
	}

	// A year's estimate takes 17.5% off electricity, and off gas for its six months of winter.
	ests := simtest.Get(q(rebatesOf, map[string]any{"a": "A-0F4A2B19"}), "account", "estimatedUsageAndCost")
	for fuel, share := range map[string]float64{"electricityEstimation": 0.175, "gasEstimation": 0.175 * 6 / 12} {
		est := simtest.Get(ests, fuel, "yearlyEstimation")
		if est == nil {
			t.Fatalf("Sam's household has no %s: no agreement in force", fuel)
		}
		usage, off, total := simtest.Get(est, "usageCost").(float64), simtest.Get(est, "concessionDiscount").(float64), simtest.Get(est, "totalCost").(float64)
		if standing := total + off - usage; off != float64(int(share*(usage+standing)+0.5)) || standing <= 0 || off <= 0 {
			t.Errorf("a year's %s: usage %v, concession %v, total %v", fuel, usage, off, total)
		}
	}
}

// TestOriginConcessionLifecycle adds, checks and removes the demo user's concession card
// in a New South Wales household, reading the rebate it makes and unmakes.
func TestOriginConcessionLifecycle(t *testing.T) {
	_, c := tenant(t, "origin-schema.graphql")
	q := mustQuery(t, c)
	const create = `mutation($t: ConcessionCardType!, $n: String!) { createConcession(input: {cardType: $t, cardNumber: $n, issueDate: "2025-07-01", expiryDate: "2028-06-30"}) {
		concession { ` + concessionFields + ` }
		error { __typename ... on ConcessionAlreadyExistsErrorType { existingCardNumber existingCardType } ... on ValidationErrorType { fieldErrors { inputPath message } } } } }`
	if got := rebates(t, q, "A-C90DC431"); len(got["MeterPointType"]) != 0 {
		t.Fatalf("rebates before any card: %v", got)
	}

	bad := q(create, map[string]any{"t": "CENTRELINK_PENSIONER", "n": "NX123456"})
	if got := fmt.Sprint(simtest.Get(bad, "createConcession")); got != "map[concession:<nil> error:map[__typename:ValidationErrorType fieldErrors:[map[inputPath:[input cardNumber] message:Enter the customer reference number on the card: nine digits and a letter, like 123456789A.]]]]" {
		t.Errorf("a DVA number on a Centrelink card: %s", got)
	}
	made := q(create, map[string]any{"t": "CENTRELINK_PENSIONER", "n": "123 456 789a"})
	if got := fmt.Sprint(simtest.Get(made, "createConcession")); got != "map[concession:map[applicablePeriods:[map[fromDate:2026-12-02 toDate:2028-07-01]] cardLabel:Pensioner Concession Card cardType:CENTRELINK_PENSIONER id:3100002 isCardValid:<nil> isCurrent:true number:123456789A removalDate:<nil>] error:<nil>]" {
		t.Errorf("createConcession: %s", got)
	}
	if got := fmt.Sprint(simtest.Get(q(`{ viewer { concessions { id } } }`, nil), "viewer", "concessions")); got != "[map[id:3100002]]" {
		t.Errorf("the viewer's concessions after creating one: %s", got)
	}
	again := q(create, map[string]any{"t": "CENTRELINK_HEALTH_CARE", "n": "987654321B"})
	if got := fmt.Sprint(simtest.Get(again, "createConcession")); got != "map[concession:<nil> error:map[__typename:ConcessionAlreadyExistsErrorType existingCardNumber:123456789A existingCardType:CENTRELINK_PENSIONER]]" {
		t.Errorf("a second card: %s", got)
	}
	nsw := "[map[appliedTo:[INVOICE] displayName:NSW Low Income Household Rebate endAt:2028-07-01T00:00:00+10:00 percentageDiscount:<nil> rebateCents:78.08 startAt:2026-12-02T00:00:00+11:00]]"
	if got := rebates(t, q, "A-C90DC431"); fmt.Sprint(got["MeterPointType"]) != nsw || fmt.Sprint(got["GasMeterPointType"]) != "[map[appliedTo:[INVOICE] displayName:NSW Gas Rebate endAt:2028-07-01T00:00:00+10:00 percentageDiscount:<nil> rebateCents:30.14 startAt:2026-12-02T00:00:00+11:00]]" {
		t.Errorf("rebates with a pensioner card: %v", got)
	}
	if got := rebates(t, q, "A-7B3E9D12")["MeterPointType"]; fmt.Sprint(got) != "[]" {
		t.Errorf("the demo user's second home, where they do not live: %v, want none", got)
	}

	checked := q(`mutation { validateConcession(input: {status: false, notes: "Centrelink could not match the card"}) { concession { isCardValid concessionValidations { isCardValid notes failureCode } } } }`, nil)
	if got := fmt.Sprint(simtest.Get(checked, "validateConcession", "concession")); got != "map[concessionValidations:[map[failureCode:CARD_NOT_VALID isCardValid:false notes:Centrelink could not match the card]] isCardValid:false]" {
		t.Errorf("a failed check: %s", got)
	}
	if got := rebates(t, q, "A-C90DC431"); len(got["MeterPointType"]) != 0 {
		t.Errorf("rebates of a card found invalid: %v", got)
	}
	removed := q(`mutation { removeConcession(input: {}) { concession { isCurrent removalDate } } }`, nil)
	if got := fmt.Sprint(simtest.Get(removed, "removeConcession", "concession")); got != "map[isCurrent:false removalDate:2026-12-02]" {
		t.Errorf("removeConcession: %s", got)
	}
	out := c.Query(`mutation { validateConcession(input: {status: true}) { concession { id } } }`, nil)
	if len(out.Errors) != 1 || out.Errors[0].Code() != "KT-AU-8812" {
		t.Errorf("validating with no current card: %+v", out.Errors)
	}
	if got := simtest.Get(q(`mutation { updateConcession(input: {cardType: OTHER, cardNumber: "AB1234"}) { concession { id } } }`, nil), "updateConcession", "concession"); got != nil {
		t.Errorf("updating with no current card: %v", got)
	}
	if got := simtest.Get(q(create, map[string]any{"t": "CENTRELINK_HEALTH_CARE", "n": "987654321B"}), "createConcession", "concession", "id"); got != "3100003" {
		t.Errorf("a new card once the old is removed: %v", got)
	}
}

// TestOriginConcessionsCreditStatements follows the demo user's pensioner card, made on
// 2 December 2026, to the statements of their New South Wales household, beside a
// session where they hold none: November's, issued that day, stays as it was; December's
// credits each fuel's rebate for the 30 days from the card's first, at the rate a day
// eligibleRebates gives, itemised on its ledger and in the statement's credits, and
// leaves each ledger that much better off. Sam's Health Care Card, held since March
// 2025, credits his Victorian household 17.5% of its electricity charge on each
// statement since, the fixtures' and those his session's billing closes.
func TestOriginConcessionsCreditStatements(t *testing.T) {
	const bills = `{ account(accountNumber: "A-C90DC431") { ledgers { ledgerType balance }
		bills(first: 3) { edges { node { fromDate ... on StatementType { totalCredits { grossTotal }
		transactions(first: 20) { edges { node { __typename title amount note reasonCode } } } } } } } } }`
	// statement reads the statement from a day and its credits by title.
	statement := func(data map[string]any, account, from string) (total float64, credits map[string]float64, notes []string) {
		credits = map[string]float64{}
		for _, e := range simtest.Get(data, "account", "bills", "edges").([]any) {
			n := simtest.Get(e, "node")
			if simtest.Get(n, "fromDate") != from {
				continue
			}
			for _, te := range simtest.Get(n, "transactions", "edges").([]any) {
				tx := simtest.Get(te, "node")
				if simtest.Get(tx, "__typename") == "Credit" {
					credits[simtest.Get(tx, "title").(string)] += simtest.Get(tx, "amount").(float64)
					notes = append(notes, fmt.Sprint(simtest.Get(tx, "reasonCode"), ": ", simtest.Get(tx, "note")))
				}
			}
			return simtest.Get(n, "totalCredits", "grossTotal").(float64), credits, notes
		}
		t.Fatalf("%s has no statement from %s: %v", account, from, data)
		return 0, nil, nil
	}
	ledgers := func(data map[string]any) map[string]float64 {
		out := map[string]float64{}
		for _, l := range simtest.Get(data, "account", "ledgers").([]any) {
			out[simtest.Get(l, "ledgerType").(string)] = simtest.Get(l, "balance").(float64)
		}
		return out
	}

	_, holder := tenant(t, "origin-schema.graphql")
	_, none := tenant(t, "origin-schema.graphql")
	q, qNone := mustQuery(t, holder), mustQuery(t, none)
	q(`mutation { createConcession(input: {cardType: CENTRELINK_PENSIONER, cardNumber: "123456789A", issueDate: "2025-07-01", expiryDate: "2028-06-30"}) { concession { id } } }`, nil)
	cents := map[string]float64{}
	for typ, rs := range rebates(t, q, "A-C90DC431") {
		cents[typ], _ = strconv.ParseFloat(fmt.Sprint(simtest.Get(rs[0], "rebateCents")), 64)
	}
	if total, credits, _ := statement(q(bills, nil), "A-C90DC431", "2026-11-01"); total != 0 || len(credits) != 0 {
		t.Errorf("November's statement, issued the day the card was made: credits %v %v", total, credits)
	}
	// The bill predicted today credits the card from its own day, as the statement will.
	pb := simtest.Get(q(`{ account(accountNumber: "A-C90DC431") { properties { meterPoints { ... on MeterPointType { predictedBill { components {
		concessionCreditToDate { creditInCentsWithGst } predictedConcessionCredit { creditInCentsWithGst } } } } } } } }`, nil),
		"account", "properties", 0, "meterPoints", 0, "predictedBill", "components")
	num := func(v any) float64 { f, _ := strconv.ParseFloat(fmt.Sprint(v), 64); return f }
	predicted := num(simtest.Get(pb, "concessionCreditToDate", "creditInCentsWithGst")) + num(simtest.Get(pb, "predictedConcessionCredit", "creditInCentsWithGst"))

	for _, c := range []*simtest.Client{holder, none} {
		c.AdvanceClock(34 * 24 * time.Hour) // 5 January 2027
		c.Token, _ = simtest.Get(c.Query(`mutation { obtainKrakenToken(input: {APIKey: "sk_live_krakensimdemo3235447"}) { token } }`, nil).Data, "obtainKrakenToken", "token").(string)
	}
	with, without := q(bills, nil), qNone(bills, nil)
	total, credits, notes := statement(with, "A-C90DC431", "2026-12-01")
	want := map[string]float64{
		"NSW Low Income Household Rebate": math.Round(cents["MeterPointType"] * 30),
		"NSW Gas Rebate":                  math.Round(cents["GasMeterPointType"] * 30),
	}
	for name, amount := range want {
		if math.Abs(credits[name]-amount) > 1 || amount <= 0 {
			t.Errorf("December's %s: %v, want 30 days at %v c: %v", name, credits[name], cents, credits)
		}
	}
	if got := credits["NSW Low Income Household Rebate"]; math.Abs(predicted-got) > 1 {
		t.Errorf("the bill predicted on 2 December credited %v; December's statement %v", predicted, got)
	}
	if got := credits["NSW Low Income Household Rebate"] + credits["NSW Gas Rebate"]; total != got || len(credits) != 2 {
		t.Errorf("December's statement credits %v; its credits %v", total, credits)
	}
	if fmt.Sprint(notes) != "[NSW Gas Rebate: 30.14 c a day from 2026-12-02 to 2026-12-31 NSW Low Income Household Rebate: 78.08 c a day from 2026-12-02 to 2026-12-31]" &&
		fmt.Sprint(notes) != "[NSW Low Income Household Rebate: 78.08 c a day from 2026-12-02 to 2026-12-31 NSW Gas Rebate: 30.14 c a day from 2026-12-02 to 2026-12-31]" {
		t.Errorf("December's credits say %v", notes)
	}
	if total, _, _ := statement(without, "A-C90DC431", "2026-12-01"); total != 0 {
		t.Errorf("December's statement without a card credits %v", total)
	}
	withBalances, withoutBalances := ledgers(with), ledgers(without)
	if got := withBalances["ELECTRICITY_LEDGER"] - withoutBalances["ELECTRICITY_LEDGER"]; got != credits["NSW Low Income Household Rebate"] {
		t.Errorf("the electricity ledger with the card %v, without %v; credited %v", withBalances, withoutBalances, credits)
	}
	if got := withBalances["GAS_LEDGER"] - withoutBalances["GAS_LEDGER"]; got != credits["NSW Gas Rebate"] {
		t.Errorf("the gas ledger with the card %v, without %v; credited %v", withBalances, withoutBalances, credits)
	}

	srv, _ := tenant(t, "origin-schema.graphql")
	sam := srv.Client(t)
	sam.AdvanceClock(40 * 24 * time.Hour) // 11 January 2027
	sam.Token, _ = simtest.Get(sam.Query(`mutation { obtainKrakenToken(input: {APIKey: "sk_live_krakensimother3235449"}) { token } }`, nil).Data, "obtainKrakenToken", "token").(string)
	sams := mustQuery(t, sam)(strings.ReplaceAll(bills, "A-C90DC431", "A-0F4A2B19"), nil)
	var charged float64
	for _, e := range simtest.Get(mustQuery(t, sam)(`{ account(accountNumber: "A-0F4A2B19") { transactions(fromDate: "2026-12-31", toDate: "2027-01-01") {
		edges { node { __typename title amount } } } } }`, nil), "account", "transactions", "edges").([]any) {
		if n := simtest.Get(e, "node"); simtest.Get(n, "__typename") == "Charge" && simtest.Get(n, "title") == "Electricity" {
			charged = simtest.Get(n, "amount").(float64)
		}
	}
	total, credits, _ = statement(sams, "A-0F4A2B19", "2026-12-01")
	// The rebate is 17.5% of the charge's lines before they are rounded to the cent.
	if want := 0.175 * charged; charged == 0 || math.Abs(total-want) > 1 || credits["Annual Electricity Concession"] != total {
		t.Errorf("Sam's statement of December credits %v (%v); 17.5%% of electricity's %v is %v", total, credits, charged, want)
	}
	for _, from := range []string{"2026-10-01", "2026-11-01"} { // issued by the session's first day
		if total, credits, _ := statement(sams, "A-0F4A2B19", from); total <= 0 || credits["Annual Electricity Concession"] <= 0 {
			t.Errorf("Sam's statement from %s credits %v (%v), want his concession's", from, total, credits)
		}
	}
}

// TestOriginConcessionRetypedKeepsIssuedCredits changes Sam's Health Care Card, held
// since March 2025, to a card Victoria does not accept on 2 December 2026: statements
// already issued keep the rebate they credited, the one running then credits it up to
// the change, and the next credits none.
func TestOriginConcessionRetypedKeepsIssuedCredits(t *testing.T) {
	const bills = `{ account(accountNumber: "A-0F4A2B19") { bills(first: 5) { edges { node { fromDate ... on StatementType {
		transactions(first: 20) { edges { node { __typename title amount } } } } } } } } }`
	// credits are each statement's rebate and electricity charge, by the day it starts.
	credits := func(data map[string]any) (rebate, charged map[string]float64) {
		rebate, charged = map[string]float64{}, map[string]float64{}
		for _, e := range simtest.Get(data, "account", "bills", "edges").([]any) {
			from := simtest.Get(e, "node", "fromDate").(string)
			for _, te := range simtest.Get(e, "node", "transactions", "edges").([]any) {
				switch tx := simtest.Get(te, "node"); {
				case simtest.Get(tx, "title") == "Annual Electricity Concession":
					rebate[from] += simtest.Get(tx, "amount").(float64)
				case simtest.Get(tx, "__typename") == "Charge" && simtest.Get(tx, "title") == "Electricity":
					charged[from] += simtest.Get(tx, "amount").(float64)
				}
			}
		}
		return rebate, charged
	}
	srv, _ := tenant(t, "origin-schema.graphql")
	sam := srv.Client(t)
	signIn := func() {
		sam.Token, _ = simtest.Get(sam.Query(`mutation { obtainKrakenToken(input: {APIKey: "sk_live_krakensimother3235449"}) { token } }`, nil).Data, "obtainKrakenToken", "token").(string)
	}
	signIn()
	q := mustQuery(t, sam)
	before, _ := credits(q(bills, nil))
	if before["2026-10-01"] <= 0 {
		t.Fatalf("Sam's statement of October credits %v before the change", before)
	}
	changed := q(`mutation { updateConcession(input: {cardType: OTHER, cardNumber: "AB1234"}) { concession { cardType number } } }`, nil)
	if got := fmt.Sprint(simtest.Get(changed, "updateConcession", "concession")); got != "map[cardType:OTHER number:AB1234]" {
		t.Errorf("updateConcession: %s", got)
	}
	after, _ := credits(q(bills, nil))
	if !maps.Equal(before, after) {
		t.Errorf("the issued statements' rebates %v before the change, %v after", before, after)
	}
	sam.AdvanceClock(63 * 24 * time.Hour) // 3 February 2027, January's statement issued the day before
	signIn()
	later, charged := credits(q(bills, nil))
	if r := later["2026-12-01"]; r <= 0 || r >= math.Round(0.175*charged["2026-12-01"]) {
		t.Errorf("December's statement credits %v of %v charged; want the rebate up to 1 December alone", r, charged["2026-12-01"])
	}
	if r := later["2027-01-01"]; r != 0 || charged["2027-01-01"] <= 0 {
		t.Errorf("January's statement, after the change, credits %v of %v charged", r, charged["2027-01-01"])
	}
	if later["2026-10-01"] != before["2026-10-01"] {
		t.Errorf("the statement of October credits %v, %v before the change", later["2026-10-01"], before["2026-10-01"])
	}
}

// TestOriginBestOfferIsTheEstimate reads the best offer of the demo user's supplies on
// the Origin SDL: the last year of the meter's use priced, with GST, on the agreement's
// product (what the estimate says before GST) and on each product offered to the
// household, the cheapest being the best.
func TestOriginBestOfferIsTheEstimate(t *testing.T) {
	_, c := tenant(t, "origin-schema.graphql")
	q := mustQuery(t, c)
	const offers = `query($a: String!, $asOf: DateTime) { account(accountNumber: $a) {
		estimatedUsageAndCost { electricityEstimation { yearlyEstimation { usageEnergy totalCost } } }
		properties { meterPoints { __typename agreements(includeInactive: false) { product { id code } bestOffer(asOf: $asOf) {
			estimatedCurrentProductCost estimatedBestOfferProductCost bestOfferDifference bestOfferProduct { id code }
			allProductsChecked { estimatedCost product { id code } } usage { totalUsage peakUsage offPeakUsage } } } } } } }`
	tests := []struct {
		account, meterPoint string
		products            string
	}{
		{"A-C90DC431", "MeterPointType", "[VAR-22-11-01 AGILE-24-10-01 OE-FIX-12M-24-09-01]"},
		{"A-C90DC431", "GasMeterPointType", "[VAR-22-11-01 OE-FIX-12M-24-09-01]"},
		{"A-7B3E9D12", "MeterPointType", "[GO-VAR-22-10-14 VAR-22-11-01 AGILE-24-10-01 INTELLI-VAR-24-10-29 OE-FIX-12M-24-09-01]"},
	}
	for _, tt := range tests {
		data := q(offers, map[string]any{"a": tt.account})
		var ag any
		for _, mp := range simtest.Get(data, "account", "properties", 0, "meterPoints").([]any) {
			if simtest.Get(mp, "__typename") == tt.meterPoint {
				ag = simtest.Get(mp, "agreements", 0)
			}
		}
		bo := simtest.Get(ag, "bestOffer")
		if bo == nil {
			t.Errorf("%s %s: no best offer", tt.account, tt.meterPoint)
			continue
		}
		current := simtest.Get(bo, "estimatedCurrentProductCost").(float64)
		var codes []string
		cheapest, best := current, ""
		for _, p := range simtest.Get(bo, "allProductsChecked").([]any) {
			code, cost := simtest.Get(p, "product", "code").(string), simtest.Get(p, "estimatedCost").(float64)
			codes = append(codes, code)
			if code == simtest.Get(ag, "product", "code") {
				if cost != current || simtest.Get(p, "product", "id") != simtest.Get(ag, "product", "id") {
					t.Errorf("%s %s: the own product checked at %v (id %v), the current cost %v (id %v)", tt.account, tt.meterPoint, cost, simtest.Get(p, "product", "id"), current, simtest.Get(ag, "product", "id"))
				}
			}
			if cost < cheapest || best == "" && cost == cheapest {
				cheapest, best = cost, code
			}
		}
		if fmt.Sprint(codes) != tt.products {
			t.Errorf("%s %s: products checked %v, want %s", tt.account, tt.meterPoint, codes, tt.products)
		}
		if simtest.Get(bo, "bestOfferProduct", "code") != best || simtest.Get(bo, "estimatedBestOfferProductCost") != cheapest ||
			simtest.Get(bo, "bestOfferDifference") != current-cheapest {
			t.Errorf("%s %s: best offer %v at %v saving %v; the cheapest is %s at %v of %v", tt.account, tt.meterPoint,
				simtest.Get(bo, "bestOfferProduct", "code"), simtest.Get(bo, "estimatedBestOfferProductCost"), simtest.Get(bo, "bestOfferDifference"), best, cheapest, current)
		}
		total, _ := strconv.ParseFloat(simtest.Get(bo, "usage", "totalUsage").(string), 64)
		peak, _ := strconv.ParseFloat(simtest.Get(bo, "usage", "peakUsage").(string), 64)
		off, _ := strconv.ParseFloat(simtest.Get(bo, "usage", "offPeakUsage").(string), 64)
		if total <= 0 || math.Abs(peak+off-total) > 0.002 {
			t.Errorf("%s %s: a year's use %v, peak %v and off-peak %v", tt.account, tt.meterPoint, total, peak, off)
		}
		if tt.account == "A-C90DC431" && tt.meterPoint == "MeterPointType" {
			est := simtest.Get(data, "account", "estimatedUsageAndCost", "electricityEstimation", "yearlyEstimation")
			if want := math.Round(simtest.Get(est, "totalCost").(float64) * 1.1); math.Abs(current-want) > 1 {
				t.Errorf("a year on the current product costs %v with GST; the estimate says %v before it", current, simtest.Get(est, "totalCost"))
			}
			if e := simtest.Get(est, "usageEnergy").(float64); math.Abs(e-total) > 0.01 {
				t.Errorf("a year's use %v; the estimate's %v", total, e)
			}
		}
	}
	before := q(offers, map[string]any{"a": "A-C90DC431", "asOf": "2023-06-01T00:00:00+10:00"})
	if got := simtest.Get(before, "account", "properties", 0, "meterPoints", 0, "agreements", 0, "bestOffer"); got != nil {
		t.Errorf("a best offer before the agreement began: %v", got)
	}
}

// TestOriginBillingTriggersAreTheStatements reads the billing cycle of the demo account
// on the Origin SDL as its trigger configuration tells it: a statement each month on the
// day its statements start, since its first, with the bill its billing options expect.
func TestOriginBillingTriggersAreTheStatements(t *testing.T) {
	_, c := tenant(t, "origin-schema.graphql")
	q := mustQuery(t, c)
	const trigger = `targetType effectiveFrom effectiveTo isActive nextIssueDate operationFrequencies { operationType targetType frequency multiplier triggerAtStartDay triggerAtStartMonth temporalParams { paramKey } }`
	data := q(`{ account(accountNumber: "A-C90DC431") { billingOptions { periodStartDay nextBillingDate }
		billingTriggerConfiguration { `+trigger+` } ledgers { id billingTriggerConfiguration { targetType nextIssueDate } } }
		billingTriggerConfigurations(target: {accountNumber: "A-C90DC431"}, includeChildren: true) { edges { node { target { targetType number id } configurations { targetType nextIssueDate } } } } }`, nil)
	want := "map[effectiveFrom:2019-09-01T00:00:00+10:00 effectiveTo:<nil> isActive:true nextIssueDate:2027-01-01 operationFrequencies:[map[frequency:MONTHLY multiplier:1 operationType:CHARGE_TARGET_AND_ISSUE_STATEMENT targetType:ACCOUNT temporalParams:[] triggerAtStartDay:1 triggerAtStartMonth:9]] targetType:ACCOUNT]"
	if got := fmt.Sprint(simtest.Get(data, "account", "billingTriggerConfiguration")); got != want {
		t.Errorf("the account's billing trigger:\n got %s\nwant %s", got, want)
	}
	if got := simtest.Get(data, "account", "billingOptions", "nextBillingDate"); got != "2027-01-01" {
		t.Errorf("the next bill, by the billing options: %v", got)
	}
	if got := fmt.Sprint(simtest.Get(data, "account", "ledgers")); got != "[map[billingTriggerConfiguration:map[nextIssueDate:2027-01-01 targetType:CHARGING_LEDGER] id:6100001] map[billingTriggerConfiguration:map[nextIssueDate:2027-01-01 targetType:CHARGING_LEDGER] id:6100002]]" {
		t.Errorf("the ledgers' billing triggers: %s", got)
	}
	if got := fmt.Sprint(simtest.Get(data, "billingTriggerConfigurations", "edges")); got != "[map[node:map[configurations:[map[nextIssueDate:2027-01-01 targetType:ACCOUNT]] target:map[id:3373122609 number:A-C90DC431 targetType:ACCOUNT]]] map[node:map[configurations:[map[nextIssueDate:2027-01-01 targetType:CHARGING_LEDGER]] target:map[id:6100001 number:<nil> targetType:CHARGING_LEDGER]]] map[node:map[configurations:[map[nextIssueDate:2027-01-01 targetType:CHARGING_LEDGER]] target:map[id:6100002 number:<nil> targetType:CHARGING_LEDGER]]]]" {
		t.Errorf("billingTriggerConfigurations of the account and its ledgers: %s", got)
	}
	ledger := q(`{ billingTriggerConfigurations(target: {ledgerId: "6100002"}) { edges { node { target { targetType id } } } } }`, nil)
	if got := fmt.Sprint(simtest.Get(ledger, "billingTriggerConfigurations", "edges")); got != "[map[node:map[target:map[id:6100002 targetType:CHARGING_LEDGER]]]]" {
		t.Errorf("a ledger's billing trigger: %s", got)
	}
	if out := c.Query(`{ billingTriggerConfigurations(target: {accountNumber: "A-0F4A2B19"}) { edges { node { target { id } } } } }`, nil); len(out.Errors) != 1 || out.Errors[0].Code() == "" {
		t.Errorf("another user's account: %+v", out)
	}
}

// TestOctopusEventsAreTheStatements reads the demo account's communications on the
// Octopus SDL: its statement, emailed the day it was issued to each of its users, as it
// has no billing email of its own.
func TestOctopusEventsAreTheStatements(t *testing.T) {
	_, c := octopus(t)
	q := mustQuery(t, c)
	const events = `query($types: [AccountEventType]) { account(accountNumber: "A-C90DC431") { billingEmail
		events(eventTypes: $types, first: 1) { totalCount edges { node { __typename ... on EmailEventType { eventType occurredAt message { toAddress subject sentAt } } } } }
		first: events(eventTypes: $types, last: 1) { edges { node { ... on EmailEventType { occurredAt message { subject } } } } } } }`
	data := q(events, nil)
	want := "[map[node:map[__typename:EmailEventType eventType:EMAIL_SENT message:map[sentAt:2026-12-02T09:00:00+00:00 subject:Your statement for 1–30 November 2026 toAddress:demo@krakensim.dev] occurredAt:2026-12-02T09:00:00+00:00]]]"
	if got := fmt.Sprint(simtest.Get(data, "account", "events", "edges")); got != want {
		t.Errorf("the demo account's latest event:\n got %s\nwant %s", got, want)
	}
	// A statement a month since September 2019 to Jamie and to Robin: state's first, and
	// the 86 its billing closed since.
	if got := simtest.Get(data, "account", "events", "totalCount"); got != 174.0 {
		t.Errorf("%v statements emailed, want 2 × 87", got)
	}
	if got, want := fmt.Sprint(simtest.Get(data, "account", "first", "edges")), "[map[node:map[message:map[subject:Your statement for 1–30 September 2019] occurredAt:2019-10-02T09:00:00+01:00]]]"; got != want {
		t.Errorf("the demo account's first event:\n got %s\nwant %s", got, want)
	}
	if got := simtest.Get(q(events, map[string]any{"types": []string{"PRINT_SENT"}}), "account", "events", "totalCount"); got != 0.0 {
		t.Errorf("letters: %v", got)
	}
}

// TestOriginEventsGoByPost reads the demo account's statements on the Origin SDL once its
// comms go by post: the next is a letter to its billing name and address, in its state,
// while those emailed before stay emails.
func TestOriginEventsGoByPost(t *testing.T) {
	_, c := tenant(t, "origin-schema.graphql")
	q := mustQuery(t, c)
	q(`mutation { updateCommsDeliveryPreference(input: {accountNumber: "A-C90DC431", commsDeliveryPreference: POSTAL_MAIL}) { account { number } } }`, nil)
	later(c, 34*24*time.Hour) // 5 January 2027, December's statement issued on the 2nd
	data := q(`{ account(accountNumber: "A-C90DC431") { events(first: 2, eventTypes: [PRINT_SENT, EMAIL_SENT]) { edges { node { __typename ... on PrintEventType { eventType message { addressee addressLines billingAddressAdministrativeArea } } ... on EmailEventType { message { toAddress } } } } } } }`, nil)
	want := "[map[node:map[__typename:PrintEventType eventType:PRINT_SENT message:map[addressLines:[41 Kraken Street Newtown NSW 2042] addressee:Jamie Carter billingAddressAdministrativeArea:NSW]]] " +
		"map[node:map[__typename:EmailEventType message:map[toAddress:demo@krakensim.dev]]]]"
	if got := fmt.Sprint(simtest.Get(data, "account", "events", "edges")); got != want {
		t.Errorf("a statement by post after one by email:\n got %s\nwant %s", got, want)
	}
}

// TestOriginPredictedBillIsTheBillingPeriod reads the demo household's predicted bill on
// the Origin SDL: the billing period in progress, priced as its estimate prices a year
// but at the season's use (a Sydney December below the year's mean), its parts adding
// up; and what AEMO's standing data says of the supply and of Sam's.
func TestOriginPredictedBillIsTheBillingPeriod(t *testing.T) {
	srv, c := tenant(t, "origin-schema.graphql")
	q := mustQuery(t, c)
	const charge = `{ costInCents costInCentsWithGst }`
	const point = `roles { frmp lnsp mc mdp mpb mpc } feederClass hazards solarScheme enrolment { status } supplyDetails { agreedCapacity connectionUnits }
		predictedBill { costInCents costInCentsWithGst billStartsAt billEndsAt lastReadingDatetime predictedBillError { __typename }
			lastReading { __typename ... on ElectricityIntervalMeterReadingType { endAt } ... on ElectricityAccumulationMeterReadingType { readAt } }
			components { consumptionChargesToDate ` + charge + ` predictedConsumptionCharges ` + charge + ` standingChargesToDate ` + charge + ` predictedStandingCharges ` + charge + ` } }`
	data := q(`{ account(accountNumber: "A-C90DC431") { billingOptions { currentBillingPeriodStartDate currentBillingPeriodEndDate }
		estimatedUsageAndCost { electricityEstimation { yearlyEstimation { totalCost } } }
		properties { meterPoints { ... on MeterPointType { `+point+` } } } } }`, nil)
	mp := simtest.Get(data, "account", "properties", 0, "meterPoints", 0)
	if got := fmt.Sprint(simtest.Get(mp, "roles"), simtest.Get(mp, "feederClass"), simtest.Get(mp, "hazards"), simtest.Get(mp, "solarScheme"), simtest.Get(mp, "enrolment"), simtest.Get(mp, "supplyDetails")); got != "map[frmp:ORIGIN lnsp:AUSGRID mc:INTELLIHUB mdp:INTELLIHUB mpb:INTELLIHUB mpc:INTELLIHUB]Urban[]NONE<nil> map[agreedCapacity:<nil> connectionUnits:<nil>]" {
		t.Errorf("the demo supply's standing data: %s", got)
	}
	pb := simtest.Get(mp, "predictedBill")
	if got := fmt.Sprint(simtest.Get(pb, "billStartsAt"), " ", simtest.Get(pb, "billEndsAt"), " ", simtest.Get(pb, "lastReadingDatetime"), " ", simtest.Get(pb, "predictedBillError")); got != "2026-12-01T00:00:00+11:00 2027-01-01T00:00:00+11:00 2026-12-01T00:00:00+11:00 <nil>" {
		t.Errorf("the predicted bill's period: %s (billing options %v)", got, simtest.Get(data, "account", "billingOptions"))
	}
	if got := fmt.Sprint(simtest.Get(pb, "lastReading")); got != "map[__typename:ElectricityIntervalMeterReadingType endAt:2026-12-01T00:00:00+11:00]" {
		t.Errorf("the last reading is %s, not the one at %v", got, simtest.Get(pb, "lastReadingDatetime"))
	}
	num := func(v any) float64 { f, _ := strconv.ParseFloat(v.(string), 64); return f }
	total, withGST := num(simtest.Get(pb, "costInCents")), num(simtest.Get(pb, "costInCentsWithGst"))
	sum := 0.0
	for _, part := range []string{"consumptionChargesToDate", "predictedConsumptionCharges", "standingChargesToDate", "predictedStandingCharges"} {
		sum += num(simtest.Get(pb, "components", part, "costInCents"))
	}
	if math.Abs(sum-total) > 0.05 || math.Abs(withGST-total*1.1) > 0.05 {
		t.Errorf("the predicted bill is %v (%v with GST); its parts add up to %v", total, withGST, sum)
	}
	year := simtest.Get(data, "account", "estimatedUsageAndCost", "electricityEstimation", "yearlyEstimation", "totalCost").(float64)
	// December is early summer in Sydney, when a home uses less than its year's mean.
	if month := year * 31 / 365; total < month*0.8 || total > month*0.95 {
		t.Errorf("December is predicted at %v cents; the estimate's mean month at %v makes it %v", total, year, month)
	}

	sam := srv.Client(t)
	out := sam.Query(`mutation { obtainKrakenToken(input: {APIKey: "sk_live_krakensimother3235449"}) { token } }`, nil)
	sam.Token, _ = simtest.Get(out.Data, "obtainKrakenToken", "token").(string)
	basic := mustQuery(t, sam)(`{ account(accountNumber: "A-0F4A2B19") { properties { meterPoints { ... on MeterPointType { `+point+` } } } } }`, nil)
	mp = simtest.Get(basic, "account", "properties", 0, "meterPoints", 0)
	if got := fmt.Sprint(simtest.Get(mp, "roles"), simtest.Get(mp, "predictedBill", "predictedBillError")); got != "map[frmp:ORIGIN lnsp:CITIPOWER mc:CITIPOWER mdp:CITIPOWER mpb:CITIPOWER mpc:CITIPOWER] map[__typename:PredictedBillBasicMeterNotSupportedErrorType]" {
		t.Errorf("Sam's basic meter in Victoria: %s", got)
	}
}

// TestOriginHouseholdHasNothingMadeUp reads what a home does not have on the Origin SDL:
// unmetered supplies, a gas supply's agreed capacity, or an enrolment once on
// supply; and names its one-account portfolio by its billing name.
func TestOriginHouseholdHasNothingMadeUp(t *testing.T) {
	_, c := tenant(t, "origin-schema.graphql")
	data := mustQuery(t, c)(`{ account(accountNumber: "A-C90DC431") { portfolio { name billingName }
		properties { benchmarks unmeteredSupplyPoints { __typename } meterPoints { ... on GasMeterPointType { supplyDetails { agreedCapacity connectionUnits } enrolment { status } } }
			parent { id } ancestors { totalCount } descendants { totalCount } } } }`, nil)
	want := "map[portfolio:map[billingName:Jamie Carter name:Jamie Carter] properties:[map[ancestors:map[totalCount:0] benchmarks:<nil> descendants:map[totalCount:0] meterPoints:[map[] map[enrolment:<nil> supplyDetails:map[agreedCapacity:<nil> connectionUnits:<nil>]]] parent:<nil> unmeteredSupplyPoints:[]]]]"
	if got := fmt.Sprint(simtest.Get(data, "account")); got != want {
		t.Errorf("the demo household:\n got %s\nwant %s", got, want)
	}
}

// TestOctopusEnrolmentIsTheSwitch reads, on the Octopus SDL, the enrolment of a supply
// on supply for years (none) and of Morgan's, still being switched from Squid Power,
// whose supply start day Morgan then chooses.
func TestOctopusEnrolmentIsTheSwitch(t *testing.T) {
	srv, c := octopus(t)
	const points = `query($a: String!) { account(accountNumber: $a) { properties { electricityMeterPoints { oldSupplierId newSupplierId enrolment { status previousSupplier } } gasMeterPoints { enrolment { status previousSupplier } } } } }`
	data := mustQuery(t, c)(points, map[string]any{"a": "A-C90DC431"})
	if got := fmt.Sprint(simtest.Get(data, "account", "properties", 0)); got != "map[electricityMeterPoints:[map[enrolment:<nil> newSupplierId:TEN oldSupplierId:<nil>]] gasMeterPoints:[map[enrolment:<nil>]]]" {
		t.Errorf("the demo household, on supply since 2019: %s", got)
	}
	morgan := srv.Client(t)
	morgan.SignIn("new@krakensim.dev", "krakensim")
	data = mustQuery(t, morgan)(points, map[string]any{"a": "A-9D8E7F60"})
	if got := fmt.Sprint(simtest.Get(data, "account", "properties", 0)); got != "map[electricityMeterPoints:[map[enrolment:map[previousSupplier:Squid Power status:REQUESTED] newSupplierId:<nil> oldSupplierId:SQP]] gasMeterPoints:[map[enrolment:map[previousSupplier:Squid Power status:REQUESTED]]]]" {
		t.Errorf("Morgan's household, switching: %s", got)
	}
	const ssd = `mutation($d: Date!) { updateSsd(input: {accountNumber: "A-9D8E7F60", desiredSsd: $d}) { ssdUpdated estimatedSsd } }`
	for _, day := range []string{"2026-12-02", "2026-12-05", "2027-01-05"} { // today, a Saturday, over four weeks ahead
		if got := graphqlCode(t, morgan, ssd, map[string]any{"d": day}); got != "KT-GB-4101" {
			t.Errorf("a supply start on %s: %q", day, got)
		}
	}
	if got := fmt.Sprint(simtest.Get(mustQuery(t, morgan)(ssd, map[string]any{"d": "2026-12-14"}), "updateSsd")); got != "map[estimatedSsd:2026-12-14 ssdUpdated:true]" {
		t.Errorf("moving Morgan's supply start: %s", got)
	}
	data = mustQuery(t, morgan)(`{ account(accountNumber: "A-9D8E7F60") { currentEstimatedSsd properties { electricityMeterPoints { targetSsd enrolment { supplyStartDate } } } } }`, nil)
	if got := fmt.Sprint(simtest.Get(data, "account")); got != "map[currentEstimatedSsd:2026-12-14 properties:[map[electricityMeterPoints:[map[enrolment:map[supplyStartDate:2026-12-14] targetSsd:2026-12-14]]]]]" {
		t.Errorf("Morgan's switch after: %s", got)
	}
	if got := graphqlCode(t, c, ssd, map[string]any{"d": "2026-12-14"}); got == "" {
		t.Errorf("the demo user moving Morgan's supply start: no error")
	}
}

// TestOriginMadeThingsAreListed makes a complaint and registers an asset on the Origin
// SDL, and reads them back where the account lists them (the asset after the flat's
// devices).
func TestOriginMadeThingsAreListed(t *testing.T) {
	_, c := tenant(t, "origin-schema.graphql")
	q := mustQuery(t, c)
	made := q(`mutation { createComplaint(complaint: {accountNumber: "A-C90DC431", type: "BILLING", subtype: "ESTIMATED_BILL", communicationSource: ONLINE, status: "OPEN", brand: "ORIGIN"}) { complaint { id type subtype creationDate resolutionDate } } }`, nil)
	complaint := simtest.Get(made, "createComplaint", "complaint")
	if got := fmt.Sprint(simtest.Get(complaint, "type"), " ", simtest.Get(complaint, "subtype"), " ", simtest.Get(complaint, "creationDate"), " ", simtest.Get(complaint, "resolutionDate")); got != "BILLING ESTIMATED_BILL 2026-12-02 <nil>" {
		t.Errorf("the complaint made: %s", got)
	}
	const listed = `query($a: String!) { account(accountNumber: $a) { complaints(first: 20) { edges { node { id type } } } customerAssets { id name } } }`
	first := simtest.Get(q(listed, map[string]any{"a": "A-C90DC431"}), "account", "complaints", "edges", 0, "node")
	if simtest.Get(first, "id") != simtest.Get(complaint, "id") || simtest.Get(first, "type") != "BILLING" {
		t.Errorf("the account's newest complaint is %v, not the one made (%v)", first, complaint)
	}
	asset := simtest.Get(q(`mutation { registerCustomerAsset(input: {accountNumber: "A-7B3E9D12", propertyId: 2214532, physicalId: "BAT-1", name: "Home battery", organisationId: 1, organisationDeviceId: "dev-1"}) { customerAsset { id name } } }`, nil),
		"registerCustomerAsset", "customerAsset")
	if got := simtest.Get(q(listed, map[string]any{"a": "A-7B3E9D12"}), "account", "customerAssets", 2); fmt.Sprint(got) != fmt.Sprint(asset) {
		t.Errorf("the flat's third asset %v, not the battery registered (%v)", got, asset)
	}
	for _, a := range simtest.Get(q(listed, map[string]any{"a": "A-C90DC431"}), "account", "customerAssets").([]any) {
		if simtest.Get(a, "id") == simtest.Get(asset, "id") {
			t.Errorf("the house lists the flat's battery")
		}
	}
}

// TestOctopusHoldMusicChoicesAreTheSongs reads the viewer's hold music choices on the
// Octopus SDL: the songs its preference takes, by their codes and titles, and sets one.
func TestOctopusHoldMusicChoicesAreTheSongs(t *testing.T) {
	_, c := octopus(t)
	q := mustQuery(t, c)
	choices := simtest.Get(q(`{ viewer { holdMusicChoices { trackCode trackTitle } } }`, nil), "viewer", "holdMusicChoices").([]any)
	if len(choices) < 10 || fmt.Sprint(choices[0]) != "map[trackCode:SONG_hold_music_4_33_silence trackTitle:Silence]" {
		t.Fatalf("%d choices, first %v", len(choices), choices[0])
	}
	pick := simtest.Get(choices[3], "trackCode").(string)
	q(`mutation($s: String) { updateCommsPreferences(input: {preferredHoldMusic: $s}) { commsPreferences { preferredHoldMusic } } }`, map[string]any{"s": pick})
	if got := simtest.Get(q(`{ viewer { preferences { preferredHoldMusic } } }`, nil), "viewer", "preferences", "preferredHoldMusic"); got != pick {
		t.Errorf("picked %s, the preference reads %v", pick, got)
	}
}

// TestOctopusSmartMeterInterestIsStated reads, on the Octopus SDL, the smart meter
// interest of a household that has SMETS2 meters (none stated), and what the holder
// states with smets2Interest.
func TestOctopusSmartMeterInterestIsStated(t *testing.T) {
	_, c := octopus(t)
	q := mustQuery(t, c)
	const read = `{ account(accountNumber: "A-C90DC431") { smets2Interest smets2RefusalReason } }`
	if got := fmt.Sprint(simtest.Get(q(read, nil), "account")); got != "map[smets2Interest:<nil> smets2RefusalReason:<nil>]" {
		t.Errorf("a household with smart meters: %s", got)
	}
	set := q(`mutation { smets2Interest(input: {accountNumber: "A-C90DC431", smets2Interest: NOT_INTERESTED, smets2RefusalReason: SMETS2_INTEREST_REASON_WORRIED_SECURITY}) { interestUpdated smets2Interest smets2InterestSource smets2RefusalReason } }`, nil)
	if got := fmt.Sprint(simtest.Get(set, "smets2Interest")); got != "map[interestUpdated:true smets2Interest:NOT_INTERESTED smets2InterestSource:WEBSITE smets2RefusalReason:SMETS2_INTEREST_REASON_WORRIED_SECURITY]" {
		t.Errorf("smets2Interest answered %s", got)
	}
	if got := fmt.Sprint(simtest.Get(q(read, nil), "account")); got != "map[smets2Interest:NOT_INTERESTED smets2RefusalReason:SMETS2_INTEREST_REASON_WORRIED_SECURITY]" {
		t.Errorf("after stating no interest: %s", got)
	}
	q(`mutation { smets2Interest(input: {accountNumber: "A-C90DC431", smets2Interest: INTERESTED, smets2RefusalReason: SMETS2_INTEREST_REASON_WORRIED_SECURITY}) { interestUpdated } }`, nil)
	if got := fmt.Sprint(simtest.Get(q(read, nil), "account")); got != "map[smets2Interest:INTERESTED smets2RefusalReason:<nil>]" {
		t.Errorf("after stating interest: %s", got)
	}
}

// TestOctopusReadingIncentiveIsForMetersReadByHand reads, on the Octopus SDL, which
// households a reading incentive is for: Sam's, whose meters are read by hand, not the
// demo household's smart meters.
func TestOctopusReadingIncentiveIsForMetersReadByHand(t *testing.T) {
	srv, c := octopus(t)
	const read = `query($a: String!) { account(accountNumber: $a) { isEligibleForElectricityReadingIncentive isEligibleForGasReadingIncentive } }`
	if got := fmt.Sprint(simtest.Get(mustQuery(t, c)(read, map[string]any{"a": "A-C90DC431"}), "account")); got != "map[isEligibleForElectricityReadingIncentive:false isEligibleForGasReadingIncentive:false]" {
		t.Errorf("the demo household, on smart meters: %s", got)
	}
	sam := srv.Client(t)
	sam.SignIn("other@krakensim.dev", "krakensim")
	if got := fmt.Sprint(simtest.Get(mustQuery(t, sam)(read, map[string]any{"a": "A-0F4A2B19"}), "account")); got != "map[isEligibleForElectricityReadingIncentive:true isEligibleForGasReadingIncentive:true]" {
		t.Errorf("Sam's household, read by hand: %s", got)
	}
}

// TestOriginLedgerPaymentsAreItsInstructions reads how the demo account pays on the
// Origin SDL (the ledger's usable instructions and preferences, and the deprecated
// defaultPaymentInstruction) as its direct debit mandate changes.
func TestOriginLedgerPaymentsAreItsInstructions(t *testing.T) {
	_, c := tenant(t, "origin-schema.graphql")
	q := mustQuery(t, c)
	const read = `{ defaultPaymentInstruction(accountNumber: "A-C90DC431") { id sortCode owners { accountUser { givenName } } }
		card: defaultPaymentInstruction(accountNumber: "A-C90DC431", instructionType: CARD) { id }
		account(accountNumber: "A-C90DC431") { ledgers { number currentDirectDebitInstructionInvalidatedWithVendor debtLedger { number }
			usablePaymentInstructions { edges { node { id status } } }
			before: usablePaymentInstructions(usableAt: "2019-01-01T00:00:00Z") { edges { node { id } } }
			now: paymentPreferenceAtTime(atTime: "2026-12-02T12:00:00Z") { ...pref }
			then: paymentPreferenceAtTime(atTime: "2025-01-01T00:00:00Z") { ...pref }
			paymentPreferences { edges { node { ...pref } } } } } }
		fragment pref on PaymentPreferenceUnion { __typename
			... on PreferredInstruction { forPaymentsAfter status paymentMethod { id } }
			... on UserManagedPayment { forPaymentsAfter } }`
	first := func() map[string]any {
		out := q(read, nil)
		return map[string]any{"default": out["defaultPaymentInstruction"], "card": out["card"],
			"ledger": simtest.Get(out, "account", "ledgers", 0), "other": simtest.Get(out, "account", "ledgers", 1)}
	}
	mandate := "map[forPaymentsAfter:2019-09-16T19:45:00+10:00 paymentMethod:map[id:412881] status:ACTIVE]"
	got := first()
	for _, c := range []struct{ name, got, want string }{
		{"default", fmt.Sprint(got["default"]), "map[id:412881 owners:[map[accountUser:map[givenName:Jamie]] map[accountUser:map[givenName:Robin]]] sortCode:062-000]"},
		{"a card", fmt.Sprint(got["card"]), "<nil>"},
		{"usable", fmt.Sprint(simtest.Get(got["ledger"], "usablePaymentInstructions", "edges")), "[map[node:map[id:412881 status:ACTIVE]]]"},
		{"usable before it", fmt.Sprint(simtest.Get(got["ledger"], "before", "edges")), "[]"},
		{"now", fmt.Sprint(simtest.Get(got["ledger"], "now")), "map[__typename:PreferredInstruction " + mandate[4:]},
		{"preferences", fmt.Sprint(simtest.Get(got["ledger"], "paymentPreferences", "edges")), "[map[node:map[__typename:PreferredInstruction " + mandate[4:] + "]]"},
		// The mandate, named on the first ledger, is the gas ledger's too: the account's
		// direct debit collects from both.
		{"the other ledger", fmt.Sprint(simtest.Get(got["other"], "now")), "map[__typename:PreferredInstruction " + mandate[4:]},
		{"a debt ledger", fmt.Sprint(simtest.Get(got["ledger"], "debtLedger")), "<nil>"},
	} {
		if c.got != c.want {
			t.Errorf("%s: got %s, want %s", c.name, c.got, c.want)
		}
	}

	const setUp = `mutation($in: SetUpDirectDebitInstructionInput!) { setUpDirectDebitInstruction(input: $in) { paymentInstruction { id sortCode status } } }`
	in := func(ledger map[string]any) map[string]any {
		m := map[string]any{"accountNumber": "A-C90DC431", "validFrom": "2026-12-01T00:00:00Z",
			"bankDetails": map[string]any{"accountHolder": "Jamie Carter", "accountNumber": "987654321", "bankCode": "082-001"}}
		maps.Copy(m, ledger)
		return m
	}
	if out := c.Query(setUp, map[string]any{"in": in(nil)}); len(out.Errors) != 1 || out.Errors[0].Code() != "KT-CT-3821" {
		t.Errorf("naming no ledger: %+v, want KT-CT-3821", out.Errors)
	}
	made := q(setUp, map[string]any{"in": in(map[string]any{"ledgerNumber": "L-6B2F0A1C"})})
	if got := fmt.Sprint(simtest.Get(made, "setUpDirectDebitInstruction", "paymentInstruction")); got != "map[id:412886 sortCode:082-001 status:ACTIVE]" {
		t.Fatalf("setUpDirectDebitInstruction: %s", got)
	}
	got = first()
	for _, c := range []struct{ name, got, want string }{
		{"default", fmt.Sprint(simtest.Get(got["default"], "id")), "412886"},
		{"usable", fmt.Sprint(simtest.Get(got["ledger"], "usablePaymentInstructions", "edges")), "[map[node:map[id:412886 status:ACTIVE]]]"},
		{"now", fmt.Sprint(simtest.Get(got["ledger"], "now", "paymentMethod", "id")), "412886"},
		{"then", fmt.Sprint(simtest.Get(got["ledger"], "then")), "map[__typename:PreferredInstruction forPaymentsAfter:2019-09-16T19:45:00+10:00 paymentMethod:map[id:412881] status:CANCELLED]"},
		{"preferences", fmt.Sprint(len(simtest.Get(got["ledger"], "paymentPreferences", "edges").([]any))), "2"},
	} {
		if c.got != c.want {
			t.Errorf("after a new mandate, %s: got %s, want %s", c.name, c.got, c.want)
		}
	}

	q(`mutation { invalidatePaymentInstruction(input: {accountNumber: "A-C90DC431", id: "412886"}) { instruction { id } } }`, nil)
	got = first()
	for _, c := range []struct{ name, got, want string }{
		{"default", fmt.Sprint(got["default"]), "<nil>"},
		{"usable", fmt.Sprint(simtest.Get(got["ledger"], "usablePaymentInstructions", "edges")), "[]"},
		{"now", fmt.Sprint(simtest.Get(got["ledger"], "now", "__typename")), "UserManagedPayment"},
		{"invalidated", fmt.Sprint(simtest.Get(got["ledger"], "currentDirectDebitInstructionInvalidatedWithVendor")), "true"},
		{"latest preference", fmt.Sprint(simtest.Get(got["ledger"], "paymentPreferences", "edges", 0, "node", "__typename")), "UserManagedPayment"},
	} {
		if c.got != c.want {
			t.Errorf("after invalidating it, %s: got %s, want %s", c.name, c.got, c.want)
		}
	}
}

// TestOriginRootAnswersAreAboutTheAccountNamed reads root queries no resolver answers
// whose arguments name the demo account on the Origin SDL: what they answer names that
// account, its users and its property, not made-up ones.
func TestOriginRootAnswersAreAboutTheAccountNamed(t *testing.T) {
	_, c := tenant(t, "origin-schema.graphql")
	data := mustQuery(t, c)(`{
		exportRepaymentDetails(accountNumber: "A-C90DC431") { accountNumber }
		getUsersForAccount(accountNumber: "A-C90DC431") { givenName }
		inkConversation(accountNumber: "A-C90DC431") { accountUsers { givenName } }
		supplyPoints(accountNumber: "A-C90DC431", first: 5) { edges { node { marketName externalIdentifier property { id } } } }
		campaigns(accountNumber: "A-C90DC431") { edges { node { slug } } }
		accountContract(accountNumber: "A-C90DC431") { subject { number } } }`, nil)
	for _, c := range []struct{ name, got, want string }{
		{"exportRepaymentDetails", fmt.Sprint(simtest.Get(data, "exportRepaymentDetails", "accountNumber")), "A-C90DC431"},
		{"campaigns", fmt.Sprint(simtest.Get(data, "campaigns", "edges")), "[map[node:map[slug:smart-meter-upgrade]]]"},
		{"supply points", fmt.Sprint(simtest.Get(data, "supplyPoints", "edges")),
			"[map[node:map[externalIdentifier:4102004420 marketName:AUS_ELECTRICITY property:map[id:2214531]]] map[node:map[externalIdentifier:5240860640 marketName:AUS_GAS property:map[id:2214531]]]]"},
		{"getUsersForAccount", fmt.Sprint(simtest.Get(data, "getUsersForAccount")), "[map[givenName:Jamie] map[givenName:Robin]]"},
		{"inkConversation", fmt.Sprint(simtest.Get(data, "inkConversation", "accountUsers")), "[map[givenName:Jamie] map[givenName:Robin]]"},
		{"accountContract", fmt.Sprint(simtest.Get(data, "accountContract", "subject")), "[map[number:A-C90DC431]]"},
	} {
		if c.got != c.want {
			t.Errorf("%s: got %s, want %s", c.name, c.got, c.want)
		}
	}
	edges, _ := simtest.Get(data, "supplyPoints", "edges").([]any)
	if len(edges) == 0 {
		t.Fatal("no supply points")
	}
	for _, e := range edges {
		if got := fmt.Sprint(simtest.Get(e, "node", "property", "id")); got != "2214531" {
			t.Errorf("a supply point at property %s, not the account's", got)
		}
	}
}

// TestOctopusWeeklyInsightsAreTheAccounts reads weeklyUsageInsights(accountNumber:) and
// octocareOnboardingInfo on Octopus's SDL: the account, property (its address too) and
// meter point they name are the demo account's, and the insights are of the latest full
// week of its smart meter: its use, all 336 half hours, and the carbon that use met.
func TestOctopusWeeklyInsightsAreTheAccounts(t *testing.T) {
	_, c := octopus(t)
	data := mustQuery(t, c)(`{ weeklyUsageInsights(accountNumber: "A-C90DC431") { accountNumber propertyId meterPointId isLatestWeek numberPeriods }
		octocareOnboardingInfo(accountNumber: "A-C90DC431") { propertyAddressLine1 } }`, nil)
	if got := simtest.Get(data, "octocareOnboardingInfo", "propertyAddressLine1"); got != "41 Octopus Lane" {
		t.Errorf("Octocare's property address: %v, not the account's home", got)
	}
	got := simtest.Get(data, "weeklyUsageInsights").(map[string]any)
	if got["accountNumber"] != "A-C90DC431" || fmt.Sprint(got["propertyId"]) != "2.214531e+06" {
		t.Errorf("the insights name account %v, property %v", got["accountNumber"], got["propertyId"])
	}
	if mp := fmt.Sprint(got["meterPointId"]); mp != "1.87352e+06" && mp != "1.873521e+06" {
		t.Errorf("the insights name meter point %s, not one of the account's", mp)
	}
	if got["isLatestWeek"] != "true" && got["isLatestWeek"] != "false" {
		t.Errorf("isLatestWeek %v, not a Boolean as graphene writes one", got["isLatestWeek"])
	}
	if n, err := strconv.Atoi(fmt.Sprint(got["numberPeriods"])); err != nil || n < 1 {
		t.Errorf("numberPeriods %v, not a count", got["numberPeriods"])
	}
	week := mustQuery(t, c)(`{ weeklyUsageInsights(accountNumber: "A-C90DC431") { weekStart periodStart periodEnd consumptionKwh numberPeriods hasFullReadings isLatestWeek
			carbonGrams achievedCarbonRate achievedCarbonRank }
		account(accountNumber: "A-C90DC431") { properties { electricityMeterPoints { meters {
			consumption(startAt: "2026-11-23T00:00:00Z", grouping: DAY, timezone: "Europe/London", first: 7) { edges { node { value } } } } } } } }`, nil)
	in := week["weeklyUsageInsights"].(map[string]any)
	var used float64
	for _, e := range simtest.Get(week, "account", "properties", 0, "electricityMeterPoints", 0, "meters", 0, "consumption", "edges").([]any) {
		v, _ := strconv.ParseFloat(fmt.Sprint(simtest.Get(e, "node", "value")), 64)
		used += v
	}
	kwh, _ := strconv.ParseFloat(fmt.Sprint(in["consumptionKwh"]), 64)
	rank, _ := strconv.Atoi(fmt.Sprint(in["achievedCarbonRank"]))
	if fmt.Sprint(in["weekStart"], in["periodStart"], in["periodEnd"], in["numberPeriods"], in["hasFullReadings"], in["isLatestWeek"]) !=
		"2026-11-23T00:00:00+00:002026-11-23T00:00:00+00:002026-11-29T23:30:00+00:00336truetrue" || math.Abs(kwh-used) > 0.01 ||
		math.Abs(in["carbonGrams"].(float64)-kwh*in["achievedCarbonRate"].(float64)) > 1 || rank < 1 || rank > 100 {
		t.Errorf("the latest week's insights %v; the meter used %.3f kWh that week", in, used)
	}
}

// TestOctopusProductsOnOfferAreTheHouseholds reads what the demo household's supplies
// may switch to on Octopus's SDL: the catalogue's products its meters and devices allow
// (Agile with a smart meter, nothing electric-only for gas), and why another is not.
func TestOctopusProductsOnOfferAreTheHouseholds(t *testing.T) {
	_, c := octopus(t)
	data := mustQuery(t, c)(`{
		availableProductsForMeterPoint(accountNumber: "A-C90DC431", mpxns: ["3406086401", "1013004420117", "1999999999999"], availableAt: "2026-12-02T12:00:00Z") { mpxn products { code } }
		before: availableProductsForMeterPoint(accountNumber: "A-C90DC431", mpxns: ["1013004420117"], availableAt: "2024-01-01T12:00:00Z") { products { code } }
		agile: meterPointProductEligibility(accountNumber: "A-C90DC431", mpxn: "1013004420117", productCode: "AGILE-24-10-01") { isEligible ineligibilityReason { code } }
		agileGas: meterPointProductEligibility(accountNumber: "A-C90DC431", mpxn: "3406086401", productCode: "AGILE-24-10-01") { isEligible ineligibilityReason { code } }
		go: meterPointProductEligibility(accountNumber: "A-C90DC431", mpxn: "1013004420117", productCode: "GO-VAR-22-10-14") { isEligible ineligibilityReason { code } }
		nowhere: meterPointProductEligibility(accountNumber: "A-C90DC431", mpxn: "1999999999999", productCode: "VAR-22-11-01") { isEligible ineligibilityReason { code } } }`, nil)
	for _, c := range []struct{ name, got, want string }{
		{"on offer", fmt.Sprint(data["availableProductsForMeterPoint"]),
			"[map[mpxn:3406086401 products:[map[code:VAR-22-11-01] map[code:OE-FIX-12M-24-09-01]]] map[mpxn:1013004420117 products:[map[code:VAR-22-11-01] map[code:AGILE-24-10-01] map[code:OE-FIX-12M-24-09-01]]]]"},
		{"before Agile launched", fmt.Sprint(data["before"]), "[map[products:[map[code:VAR-22-11-01]]]]"},
		{"Agile", fmt.Sprint(data["agile"]), "map[ineligibilityReason:<nil> isEligible:true]"},
		{"Agile for gas", fmt.Sprint(data["agileGas"]), "map[ineligibilityReason:map[code:WRONG_FUEL] isEligible:false]"},
		{"Go without a car", fmt.Sprint(data["go"]), "map[ineligibilityReason:map[code:NO_ELECTRIC_VEHICLE] isEligible:false]"},
		{"another's supply", fmt.Sprint(data["nowhere"]), "map[ineligibilityReason:map[code:METER_POINT_NOT_FOUND] isEligible:false]"},
	} {
		if c.got != c.want {
			t.Errorf("%s: got %s, want %s", c.name, c.got, c.want)
		}
	}
}

// TestMeterReadingsByMeterAreTheMeters reads a meter's readings by the root queries that
// name it (Octopus's by account and meter, Origin's in a window) as its own readings
// list them: state's, and a smart meter's on each billing date, which Octopus's say
// came from the SMART_METER ("Smart reading", on its "Standard" register), as the
// event type they are filtered by.
func TestMeterReadingsByMeterAreTheMeters(t *testing.T) {
	_, oc := octopus(t)
	data := mustQuery(t, oc)(`{
		byID: electricityMeterReadings(accountNumber: "A-C90DC431", meterId: "3010001", first: 2) { edges { node { readAt source registers { value } } } }
		labelled: electricityMeterReadings(accountNumber: "A-C90DC431", meterId: "3010001", first: 1) { edges { node { readingSource registers { name } } } }
		bySerial: electricityMeterReadings(accountNumber: "A-C90DC431", meterId: "19L3471092", eventTypes: [SMART_METER], first: 1) { edges { node { readAt } } }
		gas: gasMeterReadings(accountNumber: "A-C90DC431", meterId: "3020001") { totalCount }
		other: gasMeterReadings(accountNumber: "A-C90DC431", meterId: "3020099") { totalCount } }`, nil)
	for _, c := range []struct{ name, got, want string }{
		{"by id", fmt.Sprint(simtest.Get(data, "byID", "edges")), "[map[node:map[readAt:2026-12-01T00:00:00+00:00 registers:[map[value:19226.03800]] source:SMART_METER]] map[node:map[readAt:2026-11-01T00:00:00+00:00 registers:[map[value:18987.95700]] source:SMART_METER]]]"},
		{"by serial number, smart", fmt.Sprint(simtest.Get(data, "bySerial", "edges")), "[map[node:map[readAt:2026-12-01T00:00:00+00:00]]]"},
		{"in words", fmt.Sprint(simtest.Get(data, "labelled", "edges")), "[map[node:map[readingSource:Smart reading registers:[map[name:Standard]]]]]"},
		{"gas", fmt.Sprint(simtest.Get(data, "gas", "totalCount")), "87"},
		{"a meter the account lacks", fmt.Sprint(simtest.Get(data, "other", "totalCount")), "0"},
	} {
		if c.got != c.want {
			t.Errorf("Octopus, %s: got %s, want %s", c.name, c.got, c.want)
		}
	}
	_, or := tenant(t, "origin-schema.graphql")
	got := mustQuery(t, or)(`{ electricityMeterReadings(meterId: "3010001", startAt: "2025-01-15T00:00:00Z", endAt: "2025-03-15T00:00:00Z") { edges { node { __typename
		... on ElectricityAccumulationMeterReadingType { value units source direction } } } }
		account(accountNumber: "A-C90DC431") { properties { meterPoints { meters { ... on GasMeterType { readings(first: 2) { edges { node { value } } } } } } } } }`, nil)
	if s := fmt.Sprint(simtest.Get(got, "electricityMeterReadings", "edges")); s != "[map[node:map[__typename:ElectricityAccumulationMeterReadingType direction:I source:READING_FROM_NEM12 units:kWh value:14746.41500]] "+
		"map[node:map[__typename:ElectricityAccumulationMeterReadingType direction:I source:READING_FROM_NEM12 units:kWh value:14498.50000]]]" {
		t.Errorf("Origin, the viewer's meter from mid-January to mid-March: %s", s)
	}
	if s := fmt.Sprint(simtest.Get(got, "account", "properties", 0, "meterPoints", 1, "meters", 0, "readings", "edges")); s != "[map[node:map[value:9394.23100]] map[node:map[value:9359.33700]]]" {
		t.Errorf("Origin, the gas meter's readings: %s", s)
	}
}

// TestOriginAgreementProductIsTheTariffs reads the demo household's electricity product
// on Origin's SDL: its deprecated productRates are its tariff's rates, as paginatedRates
// gives them, with the Decimal price written as a string, and a product the state names
// has no error, no add-ons and no loyalty scheme.
func TestOriginAgreementProductIsTheTariffs(t *testing.T) {
	_, c := tenant(t, "origin-schema.graphql")
	data := mustQuery(t, c)(`{ account(accountNumber: "A-C90DC431") { properties { meterPoints { agreements(includeInactive: false) { product {
		error { __typename } loyalty { scheme } addonRates { family }
		productRates { bandCategory pricePerUnit }
		paginatedRates { edges { node { bandCategory pricePerUnit } } } } } } } } }`, nil)
	p := simtest.Get(data, "account", "properties", 0, "meterPoints", 0, "agreements", 0, "product")
	// The agreement's rates since 2024, a year's from each 1 July; today's last.
	if rates := simtest.Get(p, "productRates").([]any); len(rates) != 8 || fmt.Sprint(rates[6:]) != "[map[bandCategory:STANDING_CHARGE pricePerUnit:107.74] map[bandCategory:CONSUMPTION_CHARGE pricePerUnit:27.18]]" {
		t.Errorf("productRates: %v", rates)
	}
	var paged []any
	for _, e := range simtest.Get(p, "paginatedRates", "edges").([]any) {
		paged = append(paged, simtest.Get(e, "node"))
	}
	if fmt.Sprint(paged) != fmt.Sprint(simtest.Get(p, "productRates")) {
		t.Errorf("paginatedRates %v differ from productRates", paged)
	}
	if _, isString := simtest.Get(p, "productRates", 0, "pricePerUnit").(string); !isString {
		t.Errorf("a Decimal price written as %T", simtest.Get(p, "productRates", 0, "pricePerUnit"))
	}
	for _, f := range []string{"error", "loyalty"} {
		if v := simtest.Get(p, f); v != nil {
			t.Errorf("%s: %v", f, v)
		}
	}
	if got := fmt.Sprint(simtest.Get(p, "addonRates")); got != "[]" {
		t.Errorf("addonRates: %s", got)
	}
}

// TestOriginViewerLivesAtTheirHome reads where the demo user lives and what they paid on
// Origin's SDL: their address, state and primary place of residence are their home's
// (the property their first account supplies), and their transactions are their
// accounts'.
func TestOriginViewerLivesAtTheirHome(t *testing.T) {
	_, c := tenant(t, "origin-schema.graphql")
	data := mustQuery(t, c)(`{ viewer { label state address { postalCode } createdAt lastUpdatedAt
		primaryPlacesOfResidence { fromDate toDate property { id } }
		transactions(first: 2) { totalCount edges { node { postedDate accountNumber } } }
		flat: transactions(accountNumbers: ["A-7B3E9D12"]) { totalCount } } }`, nil)
	for _, c := range []struct{ name, got, want string }{
		{"label", fmt.Sprint(simtest.Get(data, "viewer", "label")), "<nil>"},
		{"state", fmt.Sprint(simtest.Get(data, "viewer", "state")), "NEW_SOUTH_WALES"},
		{"address", fmt.Sprint(simtest.Get(data, "viewer", "address")), "map[postalCode:2042]"},
		{"residence", fmt.Sprint(simtest.Get(data, "viewer", "primaryPlacesOfResidence")), "[map[fromDate:2019-10-01 property:map[id:2214531] toDate:<nil>]]"},
		{"transactions", fmt.Sprint(simtest.Get(data, "viewer", "transactions")),
			"map[edges:[map[node:map[accountNumber:A-7B3E9D12 postedDate:2026-12-01]] map[node:map[accountNumber:A-C90DC431 postedDate:2026-11-30]]] totalCount:453]"},
		// The flat's 54 monthly bills since May 2022, and 54 of the 55 direct debits due
		// since June (February 2025's failed).
		{"one account's", fmt.Sprint(simtest.Get(data, "viewer", "flat", "totalCount")), "108"},
		{"last updated", fmt.Sprint(simtest.Get(data, "viewer", "lastUpdatedAt")), fmt.Sprint(simtest.Get(data, "viewer", "createdAt"))},
	} {
		if c.got != c.want {
			t.Errorf("%s: got %s, want %s", c.name, c.got, c.want)
		}
	}
}

// TestOctopusStandingDataHasIndustryShapes reads the demo household's standing data on
// Octopus's SDL: a line loss factor class of three digits, the single-rate time pattern
// regime of a standard meter, monthly gas reads from a smart meter and no collar or
// bypass on a domestic gas meter.
func TestOctopusStandingDataHasIndustryShapes(t *testing.T) {
	_, c := octopus(t)
	data := mustQuery(t, c)(`{ account(accountNumber: "A-C90DC431") { properties {
		electricityMeterPoints { llf meters { registers { timePatternRegime } } }
		gasMeterPoints { meterReadBatchFrequency meters { collarFitted bypassFitted } } } } }`, nil)
	p := simtest.Get(data, "account", "properties", 0)
	if llf := fmt.Sprint(simtest.Get(p, "electricityMeterPoints", 0, "llf")); len(llf) != 3 || strings.Trim(llf, "0123456789") != "" {
		t.Errorf("llf %q, not a three-digit class", llf)
	}
	for _, c := range []struct{ name, got, want string }{
		{"time pattern regime", fmt.Sprint(simtest.Get(p, "electricityMeterPoints", 0, "meters", 0, "registers", 0, "timePatternRegime")), "00001"},
		{"gas read frequency", fmt.Sprint(simtest.Get(p, "gasMeterPoints", 0, "meterReadBatchFrequency")), "M"},
		{"collar and bypass", fmt.Sprint(simtest.Get(p, "gasMeterPoints", 0, "meters", 0)), "map[bypassFitted:N collarFitted:N]"},
	} {
		if c.got != c.want {
			t.Errorf("%s: got %s, want %s", c.name, c.got, c.want)
		}
	}
}

// TestWhatTheStateRecordsNoneOf reads the demo account's deposits (none until one is
// agreed) and Feed-in Tariff installations, which the state records none of: none, not
// made-up ones, and another user's account is not the viewer's to read.
func TestWhatTheStateRecordsNoneOf(t *testing.T) {
	_, oc := octopus(t)
	data := mustQuery(t, oc)(`{ depositAgreements(accountNumber: "A-C90DC431") { depositKey } fitInstallations(accountNumber: "A-C90DC431") { fitId } }`, nil)
	if got := fmt.Sprint(data); got != "map[depositAgreements:[] fitInstallations:[]]" {
		t.Errorf("Octopus: %s", got)
	}
	if out := oc.Query(`{ depositAgreements(accountNumber: "A-0F4A2B19") { depositKey } }`, nil); len(out.Errors) != 1 || out.Errors[0].Code() != "KT-CT-1111" {
		t.Errorf("another user's account: %+v", out.Errors)
	}
	_, or := tenant(t, "origin-schema.graphql")
	data = mustQuery(t, or)(`{ depositAgreements(accountNumber: "A-C90DC431") { depositKey } returnSchedule(accountNumber: "A-C90DC431") { __typename } }`, nil)
	if got := fmt.Sprint(data); got != "map[depositAgreements:[] returnSchedule:[]]" {
		t.Errorf("Origin: %s", got)
	}
}

// TestOctopusAccountStatusIsTheAccount reads accountStatusSearchByNumber on Octopus's
// SDL, a view of an account under a type of its own: the account the argument names,
// paying as its main ledger does; an account the session lacks is refused as another's.
func TestOctopusAccountStatusIsTheAccount(t *testing.T) {
	_, c := octopus(t)
	data := mustQuery(t, c)(`{ accountStatusSearchByNumber(accountNumber: "A-C90DC431") { number status balance activePaymentMethod properties { id } } }`, nil)
	if got := fmt.Sprint(data); got != "map[accountStatusSearchByNumber:map[activePaymentMethod:DIRECT_DEBIT balance:4230 number:A-C90DC431 properties:[map[id:2214531]] status:ACTIVE]]" {
		t.Errorf("got %s", got)
	}
	out := c.Query(`{ accountStatusSearchByNumber(accountNumber: "A-FFFFFFFF") { number } }`, nil)
	if len(out.Errors) != 1 || out.Errors[0].Code() != "KT-CT-1111" || out.Data["accountStatusSearchByNumber"] != nil {
		t.Errorf("an unknown account answered %v %+v, want KT-CT-1111", out.Data, out.Errors)
	}
}

// TestOctopusFollowOnProductIsTheRenewal reads what Sam's fixed term rolls onto on
// Octopus's SDL: while it runs, the renewal from its end (offered 49 days before), with
// the products on offer to a meter read by hand; nothing once the variable product that
// followed it runs on.
func TestOctopusFollowOnProductIsTheRenewal(t *testing.T) {
	srv, _ := octopus(t)
	c := srv.Client(t)
	c.SignIn("other@krakensim.dev", "krakensim")
	data := mustQuery(t, c)(`{
		during: followOnProduct(accountNumber: "A-0F4A2B19", validAt: "2025-06-01T00:00:00Z") { activeFrom accountType paymentMethod createdAt renewalProducts { slug product { code } } }
		after: followOnProduct(accountNumber: "A-0F4A2B19", validAt: "2026-06-01T00:00:00Z") { activeFrom }
		named: followOnProduct(accountNumber: "A-0F4A2B19", gasAgreementId: "9100005", validAt: "2026-06-01T00:00:00Z") { activeFrom } }`, nil)
	want := "map[after:<nil> during:map[accountType:DOMESTIC activeFrom:2026-01-01T00:00:00+00:00 createdAt:2025-11-13T00:00:00+00:00 paymentMethod:DIRECT_DEBIT " +
		"renewalProducts:[map[product:map[code:VAR-22-11-01] slug:var-22-11-01] map[product:map[code:OE-FIX-12M-24-09-01] slug:oe-fix-12m-24-09-01]]] named:map[activeFrom:2026-01-01T00:00:00+00:00]]"
	if got := fmt.Sprint(data); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

// TestOriginUserIsOnePerson reads the demo user as the viewer, among an account's users
// and as the account's user found by its number: what state leaves to the world
// (Origin's user number) is the same every way, and a user who signs in is active.
func TestOriginUserIsOnePerson(t *testing.T) {
	_, c := tenant(t, "origin-schema.graphql")
	q := mustQuery(t, c)
	viewer := simtest.Get(q(`{ viewer { id number externalId isActive } }`, nil), "viewer").(map[string]any)
	users := simtest.Get(q(`{ getUsersForAccount(accountNumber: "A-C90DC431") { id number externalId isActive } }`, nil), "getUsersForAccount").([]any)
	var listed map[string]any
	for _, u := range users {
		if u.(map[string]any)["id"] == viewer["id"] {
			listed = u.(map[string]any)
		}
	}
	if number, _ := viewer["number"].(string); !strings.HasPrefix(number, "U-") || fmt.Sprint(listed) != fmt.Sprint(viewer) {
		t.Errorf("the viewer %v, listed as %v", viewer, listed)
	}
	if viewer["isActive"] != true {
		t.Errorf("the signed-in viewer is not active: %v", viewer)
	}
	byNumber := simtest.Get(q(`{ accountUserFromAccountNumber(input: {accountNumber: "A-C90DC431"}) { id number externalId isActive } }`, nil), "accountUserFromAccountNumber")
	if fmt.Sprint(byNumber) != fmt.Sprint(viewer) {
		t.Errorf("the account's user by its number is %v, not its first user %v", byNumber, viewer)
	}
}

// TestOriginAccountListsItsOwn reads, on the Origin SDL, what an account lists of its
// own: the homes it moved out of, its users' ids, whether a ledger is written off, and
// no service orders the state never raised.
func TestOriginAccountListsItsOwn(t *testing.T) {
	_, c := tenant(t, "origin-schema.graphql", func(w *sim.World) {
		a := w.Account("A-C90DC431")
		a.Properties = append(a.Properties, sim.Property{ID: "2299993", Address: a.Properties[0].Address, OccupiedFrom: "2015-01-01", OccupiedTo: "2019-09-30"})
		a.Ledgers = append(a.Ledgers, sim.Ledger{ID: "6199999", Number: "L-6B2F0A1F", Name: "Written off", LedgerType: "WRITE_OFF_LEDGER"})
	})
	data := mustQuery(t, c)(`query($n: String!) { account(accountNumber: $n) { previousProperties { id } linkedUserIds hasWriteOffLedgers serviceOrders { __typename } } }`, map[string]any{"n": "A-C90DC431"})
	if got := fmt.Sprint(data["account"]); got != "map[hasWriteOffLedgers:true linkedUserIds:[3235447 3235448] previousProperties:[map[id:2299993]] serviceOrders:[]]" {
		t.Errorf("the house's account: %s", got)
	}
	data = mustQuery(t, c)(`query($n: String!) { account(accountNumber: $n) { previousProperties { id } hasWriteOffLedgers } }`, map[string]any{"n": "A-7B3E9D12"})
	if got := fmt.Sprint(data["account"]); got != "map[hasWriteOffLedgers:false previousProperties:[]]" {
		t.Errorf("the flat's account: %s", got)
	}
}

// TestOctopusProductIDIsItsCode: a product has one id however it is reached (the
// catalogue, a filtered catalogue, by code), as a normalised
// cache keys it; the catalogue is the supplier's brand's, and another brand's is
// KT-GB-9516.
func TestOctopusProductIDIsItsCode(t *testing.T) {
	_, c := octopus(t)
	q := mustQuery(t, c)
	data := q(`{
		all: energyProducts(postcode: "SW1A 1AA", first: 20) { edges { node { id code } } }
		own: energyProducts(postcode: "SW1A 1AA", brands: ["OCTOPUS_ENERGY"], filterBy: [DOMESTIC], first: 20) { edges { node { code id displayName } } }
		one: energyProduct(code: "AGILE-24-10-01") { id } }`, nil)
	ids := map[string]any{}
	for _, list := range []string{"all", "own"} {
		for _, e := range simtest.Get(data, list, "edges").([]any) {
			n := e.(map[string]any)["node"].(map[string]any)
			code := n["code"].(string)
			if id, ok := ids[code]; ok && id != n["id"] {
				t.Errorf("%s: id %v in one list, %v in another", code, id, n["id"])
			}
			ids[code] = n["id"]
		}
	}
	if got := simtest.Get(data, "one", "id"); got == nil || got != ids["AGILE-24-10-01"] {
		t.Errorf("energyProduct(code: AGILE-24-10-01) id %v, the catalogue's %v", got, ids["AGILE-24-10-01"])
	}
	r := c.Query(`{ energyProducts(postcode: "SW1A 1AA", brand: "EDF", first: 5) { edges { node { code } } } }`, nil)
	if len(r.Errors) == 0 || r.Errors[0].Code() != "KT-GB-9516" {
		t.Errorf("EDF's products on Octopus: %+v %v, want KT-GB-9516", r.Errors, r.Data)
	}
}

// TestOriginUpdatedScheduleIsTheStoredOne: Origin's updatePaymentSchedule answers, as its
// schedule, the schedule its account lists next.
func TestOriginUpdatedScheduleIsTheStoredOne(t *testing.T) {
	_, c := tenant(t, "origin-schema.graphql")
	q := mustQuery(t, c)
	up := q(`mutation { updatePaymentSchedule(input: {accountNumber: "A-C90DC431", paymentScheduleId: "81721",
		updatedParameters: {validFrom: "2026-12-20", scheduleType: DIRECT_DEBIT, paymentAmount: 9000, paymentDay: 20}}) {
		schedule { id validFrom paymentDay paymentAmount } } }`, nil)
	listed := q(`{ account(accountNumber: "A-C90DC431") { paymentSchedules(first: 1) { edges { node { id validFrom paymentDay paymentAmount } } } } }`, nil)
	got, want := fmt.Sprint(simtest.Get(up, "updatePaymentSchedule", "schedule")), fmt.Sprint(simtest.Get(listed, "account", "paymentSchedules", "edges", 0, "node"))
	if got != want || !strings.Contains(got, "validFrom:2026-12-20") {
		t.Errorf("the mutation answered %s; the account lists %s", got, want)
	}
}

// TestOctopusProductFromDisplayName: availableProductFromDisplayName finds the catalogue's
// available product by the start of its display name (a home's before a business's), as
// energyProduct answers it, and none for a name no product has.
func TestOctopusProductFromDisplayName(t *testing.T) {
	_, c := octopus(t)
	data := mustQuery(t, c)(`{
		agile: availableProductFromDisplayName(displayName: "Agile") { id code displayName }
		byCode: energyProduct(code: "AGILE-24-10-01") { id code displayName }
		flexible: availableProductFromDisplayName(displayName: "flexible octopus") { code }
		none: availableProductFromDisplayName(displayName: "Nonexistent") { code } }`, nil)
	if got, want := fmt.Sprint(data["agile"]), fmt.Sprint(data["byCode"]); got != want {
		t.Errorf("Agile by name %s, by code %s", got, want)
	}
	if got := simtest.Get(data, "flexible", "code"); got != "VAR-22-11-01" {
		t.Errorf("Flexible Octopus by name: %v, want VAR-22-11-01", got)
	}
	if data["none"] != nil {
		t.Errorf("a name no product has: %v", data["none"])
	}
}

// TestOctopusProductsLaunchOnTheSessionsClock: set back to January 2024, the catalogue
// offers no product launched later (Agile of October 2024), by name or by availability,
// while energyProduct still knows it, not yet available.
func TestOctopusProductsLaunchOnTheSessionsClock(t *testing.T) {
	srv, c := octopus(t)
	sess, err := srv.Sim.Session(c.Session)
	if err != nil {
		t.Fatal(err)
	}
	sess.Clock().Set(time.Date(2024, 1, 15, 9, 0, 0, 0, time.UTC))
	c.SignIn("demo@krakensim.dev", "krakensim")
	data := mustQuery(t, c)(`{
		byName: availableProductFromDisplayName(displayName: "Agile") { code }
		byCode: energyProduct(code: "AGILE-24-10-01") { isAvailable isUnavailable }
		available: energyProducts(postcode: "SW1A 1AA", availability: AVAILABLE, first: 50) { edges { node { code } } } }`, nil)
	if got := simtest.Get(data, "byName", "code"); got == "AGILE-24-10-01" {
		t.Errorf("Agile of October 2024 offered by name in January 2024")
	}
	if got := fmt.Sprint(data["byCode"]); got != "map[isAvailable:false isUnavailable:true]" {
		t.Errorf("Agile of October 2024 in January 2024: %s", got)
	}
	for _, e := range simtest.Get(data, "available", "edges").([]any) {
		if code := simtest.Get(e, "node", "code"); code == "AGILE-24-10-01" {
			t.Errorf("%v among the available products in January 2024", code)
		}
	}
}

// TestOriginScheduleRefusalsAreTheUnions: Origin's updatePaymentSchedule, asked for its
// error, reports a schedule the account does not have and a change it cannot make in its
// union, leaving the schedule as it was.
func TestOriginScheduleRefusalsAreTheUnions(t *testing.T) {
	_, c := tenant(t, "origin-schema.graphql")
	q := mustQuery(t, c)
	const update = `mutation($id: String!, $from: Date!) { updatePaymentSchedule(input: {accountNumber: "A-C90DC431", paymentScheduleId: $id,
		updatedParameters: {validFrom: $from, scheduleType: DIRECT_DEBIT, paymentAmount: 9000}}) {
		schedule { id } error { __typename ... on DoesNotExistErrorType { field } ... on UnableToUpdateScheduleType { message } } } }`
	for _, tc := range []struct{ id, from, want string }{
		{"99", "2026-12-20", "DoesNotExistErrorType field:paymentScheduleId"},
		{"81721", "2020-01-01", "UnableToUpdateScheduleType"},
		{"81711", "2026-12-20", "UnableToUpdateScheduleType"},
	} {
		out := q(update, map[string]any{"id": tc.id, "from": tc.from})
		e := simtest.Get(out, "updatePaymentSchedule", "error").(map[string]any)
		got := fmt.Sprint(e["__typename"])
		if f, ok := e["field"]; ok {
			got += " field:" + fmt.Sprint(f)
		}
		if got != tc.want || simtest.Get(out, "updatePaymentSchedule", "schedule") != nil || (e["message"] == "" && tc.want == "UnableToUpdateScheduleType") {
			t.Errorf("schedule %s from %s: %v, want %s", tc.id, tc.from, simtest.Get(out, "updatePaymentSchedule"), tc.want)
		}
	}
	listed := q(`{ account(accountNumber: "A-C90DC431") { paymentSchedules(first: 1) { edges { node { id validTo } } } } }`, nil)
	if got := fmt.Sprint(simtest.Get(listed, "account", "paymentSchedules", "edges", 0, "node")); got != "map[id:81721 validTo:<nil>]" {
		t.Errorf("after the refusals the schedule in force is %s", got)
	}
}

// TestTenantsNamingTheAccountAccount: a tenant whose account type is Account, not
// Octopus's AccountType (Octopus Japan's and Spain's), lists the viewer's accounts as
// that type, as its clients select them (... on Account).
func TestTenantsNamingTheAccountAccount(t *testing.T) {
	rename := regexp.MustCompile(`\bAccountType\b`)
	_, c := currentEdited(t, func(sdl string) string { return rename.ReplaceAllString(sdl, "Account") }, nil)
	got := mustQuery(t, c)(`{ viewer { accounts { __typename number ... on Account { balance } } } }`, nil)
	accounts, _ := simtest.Get(got, "viewer", "accounts").([]any)
	if len(accounts) == 0 {
		t.Fatalf("viewer's accounts %v", got)
	}
	for _, a := range accounts {
		if simtest.Get(a, "__typename") != "Account" || simtest.Get(a, "number") == nil || simtest.Get(a, "balance") == nil {
			t.Errorf("account %v; want an Account with its number and balance", a)
		}
	}
}
