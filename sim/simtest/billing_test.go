package simtest_test

import (
	"encoding/base64"
	"fmt"
	"math"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/simtest"
)

// TestOctopusStatementsAddUp reads the demo account's bills on Octopus's SDL as its
// app's bill page does: a statement for each month to November 2026 and the one open
// since the billing period in progress began, each closing at its opening less its
// charges plus its credits and payments, opening where the one before closed, its
// transactions (of both fuels' ledgers) adding up to its totals (its payments in none,
// as a captured statement's direct debit is), and the open one opening at the
// account's balance less what it has posted so far.
func TestOctopusStatementsAddUp(t *testing.T) {
	_, c := octopus(t)
	data := mustQuery(t, c)(`{ account(accountNumber: "A-C90DC431") {
		billingOptions { currentBillingPeriodStartDate periodStartDay }
		balance
		bills(first: 6, includeOpenStatements: true) { edges { node { id fromDate toDate issuedDate ... on StatementType {
			status openingBalance closingBalance totalCharges { grossTotal } totalCredits { grossTotal }
			transactions(first: 10) { edges { node { __typename title amounts { net gross } } } } } } } } } }`, nil)
	bills := simtest.Get(data, "account", "bills", "edges").([]any)
	if len(bills) != 6 {
		t.Fatalf("%d bills, want 6", len(bills))
	}
	open := simtest.Get(bills[0], "node")
	if got, want := fmt.Sprint(simtest.Get(open, "status"), " ", simtest.Get(open, "fromDate"), " ", simtest.Get(open, "toDate")), "OPEN 2026-12-01 <nil>"; got != want {
		t.Errorf("the open statement: %s, want %s", got, want)
	}
	if got := simtest.Get(data, "account", "billingOptions", "currentBillingPeriodStartDate"); got != simtest.Get(open, "fromDate") {
		t.Errorf("the billing period in progress began %v; the open statement %v", got, simtest.Get(open, "fromDate"))
	}
	months := []string{"2026-11-01", "2026-10-01", "2026-09-01", "2026-08-01", "2026-07-01"}
	for i, e := range bills {
		b := simtest.Get(e, "node")
		var charges, credits, paid float64
		for _, te := range simtest.Get(b, "transactions", "edges").([]any) {
			tx := simtest.Get(te, "node")
			switch simtest.Get(tx, "__typename") {
			case "Charge":
				charges += simtest.Get(tx, "amounts", "gross").(float64)
			case "Payment": // in no total, as a captured statement's direct debit is
				paid += simtest.Get(tx, "amounts", "net").(float64)
			default:
				credits += simtest.Get(tx, "amounts", "net").(float64)
			}
		}
		if charges != simtest.Get(b, "totalCharges", "grossTotal") || credits != simtest.Get(b, "totalCredits", "grossTotal") {
			t.Errorf("statement %v: its transactions charge %v and credit %v; its totals say %v and %v", simtest.Get(b, "id"), charges, credits,
				simtest.Get(b, "totalCharges", "grossTotal"), simtest.Get(b, "totalCredits", "grossTotal"))
		}
		if i == 0 {
			continue
		}
		if got := simtest.Get(b, "fromDate"); got != months[i-1] || simtest.Get(b, "status") != "CLOSED" {
			t.Errorf("bill %d: %v from %v, want a closed statement from %s", i, simtest.Get(b, "status"), got, months[i-1])
		}
		opening, closing := simtest.Get(b, "openingBalance").(float64), simtest.Get(b, "closingBalance").(float64)
		if opening-charges+credits+paid != closing || charges <= 0 {
			t.Errorf("statement %v opens at %v, charges %v, credits %v, is paid %v and closes at %v", simtest.Get(b, "id"), opening, charges, credits, paid, closing)
		}
		if newer := simtest.Get(bills[i-1], "node"); simtest.Get(newer, "openingBalance") != closing {
			t.Errorf("statement %v opens at %v; the one before it closed at %v", simtest.Get(newer, "id"), simtest.Get(newer, "openingBalance"), closing)
		}
	}
	if got, want := simtest.Get(open, "openingBalance"), simtest.Get(data, "account", "balance"); got != want {
		t.Errorf("the open statement, with nothing posted yet, opens at %v; the account holds %v", got, want)
	}
}

// TestOriginChargesItemiseTheirUse reads the demo account's latest charges on Origin's
// SDL as a bill's breakdown does: each month's charge of a fuel says the use it charged
// for over its statement's period (gas in MJ, as Australia bills it), and its line
// items, use and supply charge, and tax item add up to its net, tax and gross amounts,
// based on the smart meters' actual readings;
// its statement uses its electricity a day and has its PDF as its attachment (the
// deprecated temporaryUrl's successor), and is no final bill.
func TestOriginChargesItemiseTheirUse(t *testing.T) {
	srv, c := tenant(t, "origin-schema.graphql")
	data := mustQuery(t, c)(`{ account(accountNumber: "A-C90DC431") {
		bills(first: 1) { edges { node { id ... on StatementType { isFinal averageDailyUsage attachments { edges { node { temporaryUrl filename } } } } } } }
		transactions(first: 2) { edges { node { __typename id postedDate
		amounts { net tax gross } ... on Charge { title basedOnEstimatedReadings consumption { startDate endDate quantity unit usageCost supplyCharge }
		lineItems { supplyType periodStartAt periodEndAt numberOfUnits pricePerUnit netAmount currency consumptionIsEstimated }
		taxItems { amount taxType valueTaxed } } } } } } }`, nil)
	num := func(v any) float64 { f, _ := strconv.ParseFloat(fmt.Sprint(v), 64); return f }
	units := map[string]string{"Electricity": "kWh", "Gas": "MJ"}
	bill := simtest.Get(data, "account", "bills", "edges", 0, "node")
	doc, _ := simtest.Get(bill, "attachments", "edges", 0, "node", "temporaryUrl").(string)
	doc, _, _ = strings.Cut(doc, "?")
	if got, want := fmt.Sprint(simtest.Get(bill, "isFinal"), " ", simtest.Get(bill, "attachments", "edges", 0, "node", "filename"), " ", doc), "false 1087.pdf "+srv.URL+"/documents/statements/A-C90DC431/1087.pdf"; got != want {
		t.Errorf("November's statement: %s, want %s", got, want)
	}
	for _, e := range simtest.Get(data, "account", "transactions", "edges").([]any) {
		n := simtest.Get(e, "node")
		title := simtest.Get(n, "title").(string)
		net, tax, gross := num(simtest.Get(n, "amounts", "net")), num(simtest.Get(n, "amounts", "tax")), num(simtest.Get(n, "amounts", "gross"))
		use := simtest.Get(n, "consumption")
		if got := fmt.Sprint(simtest.Get(n, "__typename"), " ", simtest.Get(n, "postedDate"), " ", simtest.Get(use, "startDate"), " ", simtest.Get(use, "endDate"), " ", simtest.Get(use, "unit")); got != "Charge 2026-11-30 2026-11-01 2026-11-30 "+units[title] {
			t.Errorf("%s: %s", title, got)
		}
		if got := simtest.Get(n, "basedOnEstimatedReadings"); got != "BASED_ON_ACTUAL_READINGS" {
			t.Errorf("%s, read by a smart meter: %v", title, got)
		}
		if num(simtest.Get(use, "usageCost"))+num(simtest.Get(use, "supplyCharge")) != net || net+tax != gross || num(simtest.Get(use, "quantity")) <= 0 {
			t.Errorf("%s: use %v and supply %v of net %v, tax %v, gross %v", title, simtest.Get(use, "usageCost"), simtest.Get(use, "supplyCharge"), net, tax, gross)
		}
		var lines float64
		for _, li := range simtest.Get(n, "lineItems").([]any) {
			lines += num(simtest.Get(li, "netAmount"))
			if u, p, a := num(simtest.Get(li, "numberOfUnits")), num(simtest.Get(li, "pricePerUnit")), num(simtest.Get(li, "netAmount")); math.Abs(u*p-a) > a*0.001+0.5 ||
				simtest.Get(li, "currency") != "AUD_CENTS" || simtest.Get(li, "periodStartAt") != "2026-11-01T00:00:00+11:00" || simtest.Get(li, "consumptionIsEstimated") != false {
				t.Errorf("%s: line item %v", title, li)
			}
		}
		if daily := num(simtest.Get(bill, "averageDailyUsage")); title == "Electricity" && math.Abs(daily-num(simtest.Get(use, "quantity"))/30) > 0.001 {
			t.Errorf("November's statement used %v kWh a day; its electricity charge %v kWh in 30 days", daily, simtest.Get(use, "quantity"))
		}
		if lines != net || num(simtest.Get(n, "taxItems", 0, "amount")) != tax || simtest.Get(n, "taxItems", 0, "taxType") != "GST" {
			t.Errorf("%s: line items of %v and tax item %v for net %v and tax %v", title, lines, simtest.Get(n, "taxItems"), net, tax)
		}
	}
}

// TestOriginChargeItemisesEachPrice reads the charges of Sam's statement of 9 June to
// 8 July 2026 on Origin's SDL (his household moved in on 9 April 2020 here, so that
// his statements run from the 9th), which span the 1 July price step: each fuel's use
// and daily supply charge are itemised once for June's prices and once for July's, each
// item over its own days at the price the agreement's rates give for them, the items'
// use at those prices, and all of them adding up to the charge.
func TestOriginChargesItemiseEachPrice(t *testing.T) {
	srv, _ := tenant(t, "origin-schema.graphql", func(w *sim.World) {
		w.Account("A-0F4A2B19").Properties[0].OccupiedFrom = "2020-04-09"
	})
	sam := srv.Client(t)
	sam.Token, _ = simtest.Get(sam.Query(`mutation { obtainKrakenToken(input: {APIKey: "sk_live_krakensimother3235449"}) { token } }`, nil).Data, "obtainKrakenToken", "token").(string)
	q := mustQuery(t, sam)
	data := q(`{ account(accountNumber: "A-0F4A2B19") { transactions(fromDate: "2026-07-08", toDate: "2026-07-09") { edges { node {
		__typename amounts { net tax gross } ... on Charge { title
		lineItems { periodStartAt periodEndAt numberOfUnits pricePerUnit netAmount }
		breakdownItems { periodStartAt periodEndAt netAmount salesTaxAmount grossAmount } } } } } } }`, nil)
	num := func(v any) float64 { f, _ := strconv.ParseFloat(fmt.Sprint(v), 64); return f }
	// rateAt is an agreement's rate of a category over a period, as agreementRates lists it.
	rateAt := func(agreement, category, from string) float64 {
		rates := q(`query($a: ID!) { agreementRates(agreementId: $a) { edges { node { category pricePerUnit validityPeriod { start end } } } } }`, map[string]any{"a": agreement})
		for _, e := range simtest.Get(rates, "agreementRates", "edges").([]any) {
			n := simtest.Get(e, "node")
			start, end := fmt.Sprint(simtest.Get(n, "validityPeriod", "start")), simtest.Get(n, "validityPeriod", "end")
			if simtest.Get(n, "category") == category && start <= from && (end == nil || from < end.(string)) {
				return num(simtest.Get(n, "pricePerUnit"))
			}
		}
		t.Fatalf("agreement %s has no %s rate on %s", agreement, category, from)
		return 0
	}
	agreements := map[string]string{"Electricity": "9100008", "Gas": "9100009"}
	stretches := [][2]string{{"2026-06-09T00:00:00+10:00", "2026-07-01T00:00:00+10:00"}, {"2026-07-01T00:00:00+10:00", "2026-07-09T00:00:00+10:00"}}
	charged := 0
	for _, e := range simtest.Get(data, "account", "transactions", "edges").([]any) {
		n := simtest.Get(e, "node")
		title, _ := simtest.Get(n, "title").(string)
		if simtest.Get(n, "__typename") != "Charge" || agreements[title] == "" {
			continue
		}
		charged++
		items := simtest.Get(n, "lineItems").([]any)
		if len(items) != 4 {
			t.Fatalf("%s: %d line items, want use and supply at each of two prices: %v", title, len(items), items)
		}
		var lines float64
		prices := map[string][]float64{}
		for i, li := range items {
			category, stretch := "CONSUMPTION_CHARGE", stretches[i%2]
			if i >= 2 {
				category = "STANDING_CHARGE"
			}
			lines += num(simtest.Get(li, "netAmount"))
			from, to := simtest.Get(li, "periodStartAt"), simtest.Get(li, "periodEndAt")
			price := num(simtest.Get(li, "pricePerUnit"))
			prices[category] = append(prices[category], price)
			if from != stretch[0] || to != stretch[1] {
				t.Errorf("%s item %d over %v–%v, want %v", title, i, from, to, stretch)
			}
			if want := rateAt(agreements[title], category, stretch[0]); math.Abs(price-want) > 0.00005 {
				t.Errorf("%s item %d at %v, the agreement's %s rate then %v", title, i, price, category, want)
			}
			if u, a := num(simtest.Get(li, "numberOfUnits")), num(simtest.Get(li, "netAmount")); u <= 0 || math.Abs(u*price-a) > 0.5+a*0.001 {
				t.Errorf("%s item %d: %v units at %v for %v", title, i, u, price, a)
			}
		}
		for category, p := range prices {
			if p[0] == p[1] {
				t.Errorf("%s %s at %v both sides of 1 July", title, category, p)
			}
		}
		var net, tax, gross float64
		for _, b := range simtest.Get(n, "breakdownItems").([]any) {
			net, tax, gross = net+num(simtest.Get(b, "netAmount")), tax+num(simtest.Get(b, "salesTaxAmount")), gross+num(simtest.Get(b, "grossAmount"))
		}
		amounts := simtest.Get(n, "amounts")
		if lines != num(simtest.Get(amounts, "net")) || net != lines || tax != num(simtest.Get(amounts, "tax")) || gross != num(simtest.Get(amounts, "gross")) {
			t.Errorf("%s: items of net %v (%v), tax %v, gross %v; the charge's %v", title, lines, net, tax, gross, amounts)
		}
	}
	if charged != 2 {
		t.Errorf("%d charges of electricity and gas on 8 July: %v", charged, data)
	}
}

// TestOctopusAnnualStatementsAreTheYears reads the demo user's annual statements on
// Octopus's SDL: one for each year of an account's statements since the first began
// (September 2019; the flat's 15 May 2022, its supply start), issued once the year is
// over, newest first, where the world had drawn calendar years from before the account
// opened; each with its PDF's URL on the host the request came to.
func TestOctopusAnnualStatementsAreTheYears(t *testing.T) {
	srv, c := octopus(t)
	data := mustQuery(t, c)(`{ a: account(accountNumber: "A-C90DC431") { annualStatements(first: 1) { totalCount edges { node { id periodStartsAt periodEndsAt pdfUrl } } }
		oldest: annualStatements(last: 1) { edges { node { periodStartsAt periodEndsAt } } } }
		b: account(accountNumber: "A-7B3E9D12") { annualStatements(first: 1) { totalCount edges { node { periodStartsAt periodEndsAt } } } } }`, nil)
	for _, tc := range []struct {
		path []any
		want string
	}{
		{[]any{"a", "annualStatements", "totalCount"}, "7"},
		{[]any{"a", "annualStatements", "edges", 0, "node", "id"}, "3373122609202509"},
		{[]any{"a", "annualStatements", "edges", 0, "node", "periodStartsAt"}, "2025-09-01T00:00:00+01:00"},
		{[]any{"a", "annualStatements", "edges", 0, "node", "periodEndsAt"}, "2026-09-01T00:00:00+01:00"},
		{[]any{"a", "oldest", "edges", 0, "node"}, "map[periodEndsAt:2020-09-01T00:00:00+01:00 periodStartsAt:2019-09-01T00:00:00+01:00]"},
		{[]any{"b", "annualStatements", "totalCount"}, "4"},
		{[]any{"b", "annualStatements", "edges", 0, "node"}, "map[periodEndsAt:2026-05-15T00:00:00+01:00 periodStartsAt:2025-05-15T00:00:00+01:00]"},
	} {
		if got := fmt.Sprint(simtest.Get(data, tc.path...)); got != tc.want {
			t.Errorf("%v = %s, want %s", tc.path, got, tc.want)
		}
	}
	u, _ := simtest.Get(data, "a", "annualStatements", "edges", 0, "node", "pdfUrl").(string)
	if want := srv.URL + "/documents/annual-statements/A-C90DC431/3373122609202509.pdf?"; !strings.HasPrefix(u, want) {
		t.Errorf("pdfUrl %q, want it at %s", u, want)
	}
}

// TestOctopusBillingIDsAreTheirOwn reads both of the demo user's accounts, billed on
// the same day of the month and their years from September, as a client caching
// objects by type and id does: no statement, transaction or annual statement of one
// has the id of one of the other's.
func TestOctopusBillingIDsAreTheirOwn(t *testing.T) {
	_, c := tenant(t, "octopus-schema.graphql", func(w *sim.World) {
		w.Account("A-7B3E9D12").CreatedAt = time.Date(2022, 9, 1, 9, 0, 0, 0, time.UTC)
	})
	q := mustQuery(t, c)
	owner := map[string]string{}
	for _, acct := range []string{"A-C90DC431", "A-7B3E9D12"} {
		for _, list := range []string{"bills", "transactions", "annualStatements"} {
			data := q(`query($a: String!) { account(accountNumber: $a) { `+list+`(first: 90) { edges { node { __typename id } } } } }`, map[string]any{"a": acct})
			for _, e := range simtest.Get(data, "account", list, "edges").([]any) {
				key := fmt.Sprint(simtest.Get(e, "node", "__typename"), ":", simtest.Get(e, "node", "id"))
				if other, seen := owner[key]; seen && other != acct {
					t.Errorf("%s is both %s's and %s's", key, other, acct)
				}
				owner[key] = acct
			}
		}
	}
	if len(owner) < 280 {
		t.Errorf("%d statements and transactions read, want the two accounts' pages", len(owner))
	}
}

// TestAnImportLandsOnItsStatement imports a credit dated March 2020 over the data-import
// API, whose open period for the demo account is the seed's (from October 2019), and
// reads it through GraphQL on Octopus's SDL: it is on March 2020's statement, which, and
// every statement after it, closes the credit higher, while no month's charges change.
func TestAnImportLandsOnItsStatement(t *testing.T) {
	srv, c := octopus(t)
	const q = `{ account(accountNumber: "A-C90DC431") { balance bills(first: 90) { edges { node { id fromDate
		... on StatementType { closingBalance totalCharges { grossTotal } } } } } } }`
	before := mustQuery(t, c)(q, nil)
	importer := srv.ClientIn(t, c.Session)
	importer.Header.Set("Authorization", "Token krakensim-import-key")
	if status, body := importer.Do(http.MethodPost, "/v1/data-import/transactions/create/?force_add_to_current_statement=false",
		[]byte(`{"import_supplier":"TENTACLE_ENERGY","external_account_number":"EXTERNAL-1234","transactions":[{"transaction_id":"imp-1","transaction_date":"2020-03-10","amount":12.34,"type":"CREDIT","reason":"GOODWILL","display_note":"Goodwill"}]}`)); status != 201 {
		t.Fatalf("import: %d %s", status, body)
	}
	after := mustQuery(t, c)(q, nil)
	if got := simtest.Get(after, "account", "balance").(float64) - simtest.Get(before, "account", "balance").(float64); got != 1234 {
		t.Errorf("the balance moved by %v, want the credit's 1234", got)
	}
	olds := simtest.Get(before, "account", "bills", "edges").([]any)
	for i, e := range simtest.Get(after, "account", "bills", "edges").([]any) {
		n, o := simtest.Get(e, "node"), simtest.Get(olds[i], "node")
		moved := simtest.Get(n, "closingBalance").(float64) - simtest.Get(o, "closingBalance").(float64)
		want := 0.0
		if simtest.Get(n, "fromDate").(string) >= "2020-03-01" {
			want = 1234
		}
		if moved != want || fmt.Sprint(simtest.Get(n, "totalCharges")) != fmt.Sprint(simtest.Get(o, "totalCharges")) {
			t.Errorf("statement from %v closes %v higher (want %v), charges %v then %v", simtest.Get(n, "fromDate"), moved, want,
				simtest.Get(o, "totalCharges"), simtest.Get(n, "totalCharges"))
		}
	}
}

// TestOctopusBillsAreTheMetersReads reads the demo account's last three statements
// beside its smart meters, as an app's bill and usage pages do: each fuel's charge is
// for the use between the meter's readings on the statement's first day and the next
// one's (gas read in m³ of 11.22 kWh), and its meter's consumption over the month
// (electricity's daily, in kWh; gas's in the m³ a SMETS2 meter reports).
func TestOctopusBillsAreTheMetersReads(t *testing.T) {
	_, c := octopus(t)
	q := mustQuery(t, c)
	data := q(`{ account(accountNumber: "A-C90DC431") {
		bills(first: 3) { edges { node { fromDate toDate ... on StatementType { transactions(first: 10) { edges { node {
			__typename title ... on Charge { consumption { quantity unit } } } } } } } } }
		properties { electricityMeterPoints { meters { readings(first: 5) { edges { node { readAt registers { value } } } } } }
			gasMeterPoints { meters { readings(first: 5) { edges { node { readAt registers { value } } } } } } } } }`, nil)
	reads := func(fuel string) map[string]float64 {
		out := map[string]float64{}
		for _, e := range simtest.Get(data, "account", "properties", 0, fuel+"MeterPoints", 0, "meters", 0, "readings", "edges").([]any) {
			v, _ := strconv.ParseFloat(simtest.Get(e, "node", "registers", 0, "value").(string), 64)
			out[simtest.Get(e, "node", "readAt").(string)[:10]] = v
		}
		return out
	}
	electricity, gas := reads("electricity"), reads("gas")
	bills := simtest.Get(data, "account", "bills", "edges").([]any)
	if len(bills) != 3 {
		t.Fatalf("%d bills, want 3", len(bills))
	}
	for _, b := range bills {
		from, to := simtest.Get(b, "node", "fromDate").(string), simtest.Get(b, "node", "toDate").(string)
		next := day(t, to).AddDate(0, 0, 1).Format(time.DateOnly)
		charged := map[string]float64{}
		for _, e := range simtest.Get(b, "node", "transactions", "edges").([]any) {
			if n := simtest.Get(e, "node"); simtest.Get(n, "__typename") == "Charge" {
				charged[simtest.Get(n, "title").(string)], _ = strconv.ParseFloat(simtest.Get(n, "consumption", "quantity").(string), 64)
			}
		}
		e0, ok0 := electricity[from]
		e1, ok1 := electricity[next]
		if !ok0 || !ok1 || math.Abs(e1-e0-charged["Electricity"]) > 0.11 {
			t.Errorf("%s–%s: electricity charged for %v kWh; the meter read %v then %v", from, to, charged["Electricity"], e0, e1)
		}
		g0, ok0 := gas[from]
		g1, ok1 := gas[next]
		if !ok0 || !ok1 || math.Abs((g1-g0)*11.22-charged["Gas"]) > 1.5 {
			t.Errorf("%s–%s: gas charged for %v kWh; the meter read %v then %v m³", from, to, charged["Gas"], g0, g1)
		}
		days := q(`query($from: DateTime!) { account(accountNumber: "A-C90DC431") { properties { electricityMeterPoints { meters {
			consumption(startAt: $from, grouping: DAY, timezone: "Europe/London", first: 31) { edges { node { startAt value } } } } }
			gasMeterPoints { meters { consumptionUnits consumption(startAt: $from, grouping: MONTH, timezone: "Europe/London", first: 1) { edges { node { value } } } } } } } }`,
			map[string]any{"from": day(t, from).Format(time.RFC3339)})
		gasMeter := simtest.Get(days, "account", "properties", 0, "gasMeterPoints", 0, "meters", 0)
		if m3, _ := strconv.ParseFloat(fmt.Sprint(simtest.Get(gasMeter, "consumption", "edges", 0, "node", "value")), 64); simtest.Get(gasMeter, "consumptionUnits") != "m³" ||
			math.Abs(m3-(g1-g0)) > 0.11 || math.Abs(m3*11.22-charged["Gas"]) > 1.5 {
			t.Errorf("%s–%s: the gas meter's consumption %v %v; it read %v then %v m³, and the charge is for %v kWh", from, to, m3, simtest.Get(gasMeter, "consumptionUnits"), g0, g1, charged["Gas"])
		}
		var used float64
		n := 0
		for _, e := range simtest.Get(days, "account", "properties", 0, "electricityMeterPoints", 0, "meters", 0, "consumption", "edges").([]any) {
			if start := simtest.Get(e, "node", "startAt").(string)[:10]; start >= from && start <= to {
				v, _ := strconv.ParseFloat(fmt.Sprint(simtest.Get(e, "node", "value")), 64)
				used += v
				n++
			}
		}
		if want := math.Round(day(t, next).Sub(day(t, from)).Hours() / 24); float64(n) != want || math.Abs(used-charged["Electricity"]) > 0.05 {
			t.Errorf("%s–%s: %d days of consumption use %.3f kWh; the charge is for %v", from, to, n, used, charged["Electricity"])
		}
	}
}

// day is a date's midnight in London.
func day(t *testing.T, date string) time.Time {
	t.Helper()
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatal(err)
	}
	d, err := time.ParseInLocation(time.DateOnly, date, london)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestOctopusAReadingLeavesBillsAlone gives a reading of the demo account's smart
// electricity meter, as an app's "submit a reading" page does: one near what the smart
// meter recorded is taken, listed as the meter's newest, and leaves every statement as
// it was (the smart data, not a customer's reading, is what was billed); one far from
// it is held, naming what the smart meter recorded.
func TestOctopusAReadingLeavesBillsAlone(t *testing.T) {
	_, c := octopus(t)
	q := mustQuery(t, c)
	const bills = `{ account(accountNumber: "A-C90DC431") { new: bills(first: 3) { edges { node { id ... on StatementType { closingBalance totalCharges { grossTotal } } } } }
		old: bills(last: 3) { edges { node { id ... on StatementType { closingBalance totalCharges { grossTotal } } } } }
		properties { electricityMeterPoints { meters { readings(first: 1) { edges { node { readAt source registers { value } } } } } } } } }`
	before := q(bills, nil)
	latest, _ := strconv.ParseFloat(simtest.Get(before, "account", "properties", 0, "electricityMeterPoints", 0, "meters", 0, "readings", "edges", 0, "node", "registers", 0, "value").(string), 64)
	const give = `mutation($v: Int!) { createElectricityMeterReading(mpan: "1013004420117", readAt: "2026-12-02", readings: [{reading: $v}]) {
		id readingErrors { field errors { ... on SerializerErrorType { code message } } } } }`
	far := q(give, map[string]any{"v": int(latest) + 60})
	if msg := fmt.Sprint(simtest.Get(far, "createElectricityMeterReading", "readingErrors", 0, "errors", 0, "message")); simtest.Get(far, "createElectricityMeterReading", "id") != nil ||
		!strings.Contains(msg, "not what the smart meter recorded") {
		t.Errorf("a reading 60 kWh past the smart meter's: %v", far)
	}
	near := q(give, map[string]any{"v": int(latest) + 8})
	if errs := simtest.Get(near, "createElectricityMeterReading", "readingErrors").([]any); len(errs) != 0 {
		t.Fatalf("a reading a day's use past the smart meter's: %v", errs)
	}
	after := q(bills, nil)
	if got := fmt.Sprint(simtest.Get(after, "account", "properties", 0, "electricityMeterPoints", 0, "meters", 0, "readings", "edges", 0, "node")); got !=
		fmt.Sprintf("map[readAt:2026-12-02T00:00:00+00:00 registers:[map[value:%d.00000]] source:CUSTOMER]", int(latest)+8) {
		t.Errorf("the meter's newest reading: %s", got)
	}
	for _, list := range []string{"new", "old"} {
		if b, a := fmt.Sprint(simtest.Get(before, "account", list)), fmt.Sprint(simtest.Get(after, "account", list)); a != b {
			t.Errorf("the statements moved with a reading:\nbefore %s\nafter  %s", b, a)
		}
	}
}

// TestOctopusIndustryFiguresAreTheMeters looks the demo household's meter points up as
// a switching or quote flow does (ECOES's and Xoserve's figures): the EAC and AQ are a
// year of what the meters read, as of their latest reading, and the supplier is the
// account's since its supply began; the smart tariff comparison prices the last year of the meter's use on
// its tariff and on Agile; a credit meter has no prepayment ledgers or
// balance, as its own field says; an MPAN no account holds is still answered.
func TestOctopusIndustryFiguresAreTheMeters(t *testing.T) {
	_, c := octopus(t)
	data := mustQuery(t, c)(`{
		e: annualElectricityConsumption(mpan: "1013004420117") { eac eacEffectiveFromDate supplierName supplierEffectiveFromDate }
		g: annualGasConsumption(mprn: "3406086401") { aq aqEffectiveFromDate supplierName supplierEffectiveFromDate }
		other: annualElectricityConsumption(mpan: "1999999999999") { eac }
		prepay: gasPrepayLedgers(accountNumber: "A-C90DC431", mprn: "3406086401", serialNumber: "E6S13452871961") { paymentLedger { id } }
		account(accountNumber: "A-C90DC431") { properties {
			electricityMeterPoints { meters { prepayLedgers { paymentLedger { id } } smartImportElectricityMeter { deviceId } readings(first: 13) { edges { node { readAt registers { value } } } } } }
			gasMeterPoints { meters { readings(first: 13) { edges { node { readAt registers { value } } } } } } } } }`, nil)
	year := func(fuel string) float64 {
		edges := simtest.Get(data, "account", "properties", 0, fuel, 0, "meters", 0, "readings", "edges").([]any)
		newest, _ := strconv.ParseFloat(simtest.Get(edges[0], "node", "registers", 0, "value").(string), 64)
		yearAgo, _ := strconv.ParseFloat(simtest.Get(edges[12], "node", "registers", 0, "value").(string), 64)
		return newest - yearAgo
	}
	if eac, want := simtest.Get(data, "e", "eac").(float64), year("electricityMeterPoints"); math.Abs(eac-want) > want*0.01 {
		t.Errorf("EAC %v kWh; the meter read %v kWh over the last year", eac, want)
	}
	if aq, want := simtest.Get(data, "g", "aq").(float64), year("gasMeterPoints")*11.22; math.Abs(aq-want) > want*0.015 {
		t.Errorf("AQ %v kWh; the meter read %v kWh over the last year", aq, want)
	}
	for _, tc := range []struct{ got, want string }{
		{fmt.Sprint(simtest.Get(data, "e", "eacEffectiveFromDate"), " ", simtest.Get(data, "e", "supplierName"), " ", simtest.Get(data, "e", "supplierEffectiveFromDate")), "2026-12-01 Octopus Energy 2019-10-01"},
		{fmt.Sprint(simtest.Get(data, "g", "aqEffectiveFromDate"), " ", simtest.Get(data, "g", "supplierName"), " ", simtest.Get(data, "g", "supplierEffectiveFromDate")), "2026-12-01 Octopus Energy 2019-10-01"},
		{fmt.Sprint(data["prepay"], " ", simtest.Get(data, "account", "properties", 0, "electricityMeterPoints", 0, "meters", 0, "prepayLedgers")), "<nil> <nil>"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %s, want %s", tc.got, tc.want)
		}
	}
	if simtest.Get(data, "other", "eac") == nil {
		t.Errorf("an MPAN no account holds: %v", data["other"])
	}
	compare := mustQuery(t, c)(`{ smartTariffComparison(mpan: "1013004420117") { currentCost currentCostWithTax consumptionReadingsStartAt consumptionReadingsEndAt
		costComparisons { tariff cost costWithTax } }
		account(accountNumber: "A-C90DC431") { electricityAgreements(active: true) { tariff { ... on StandardTariff { preVatUnitRate preVatStandingCharge } } } }
		applicableRates(accountNumber: "A-C90DC431", mpxn: "1013004420117", startAt: "2025-11-01T00:00:00Z", endAt: "2026-12-02T00:00:00Z", first: 50) { edges { node { value validFrom } } } }`, nil)
	cmp := compare["smartTariffComparison"].(map[string]any)
	tariff := simtest.Get(compare, "account", "electricityAgreements", 0, "tariff")
	// Each month's reads at the unit rate in force then (Flexible's steps with the
	// price cap fall on the first of a month).
	rateOn := func(day string) float64 {
		var rate float64
		for _, e := range simtest.Get(compare, "applicableRates", "edges").([]any) {
			if from := simtest.Get(e, "node", "validFrom").(string); from[:10] <= day {
				rate, _ = strconv.ParseFloat(simtest.Get(e, "node", "value").(string), 64)
			}
		}
		return rate
	}
	reads := simtest.Get(data, "account", "properties", 0, "electricityMeterPoints", 0, "meters", 0, "readings", "edges").([]any)
	want := 365 * simtest.Get(tariff, "preVatStandingCharge").(float64)
	for i := 0; i < 12; i++ {
		newer, _ := strconv.ParseFloat(simtest.Get(reads[i], "node", "registers", 0, "value").(string), 64)
		older, _ := strconv.ParseFloat(simtest.Get(reads[i+1], "node", "registers", 0, "value").(string), 64)
		want += (newer - older) * rateOn(simtest.Get(reads[i+1], "node", "readAt").(string)[:10])
	}
	want /= 100
	if got := cmp["currentCost"].(float64); math.Abs(got-want) > want*0.01 || math.Abs(cmp["currentCostWithTax"].(float64)-got*1.05) > 0.011 ||
		cmp["consumptionReadingsStartAt"] != "2025-12-02T00:00:00+00:00" || cmp["consumptionReadingsEndAt"] != "2026-12-02T00:00:00+00:00" {
		t.Errorf("the tariff comparison: %v; a year of the meter's reads at its tariff costs £%.2f", cmp, want)
	}
	if got := fmt.Sprint(simtest.Get(cmp, "costComparisons", 0, "tariff")); got != "E-1R-AGILE-24-10-01-A" || len(cmp["costComparisons"].([]any)) != 1 {
		t.Errorf("the smart tariffs compared for a household with a smart meter and no car: %v", cmp["costComparisons"])
	}
	device := simtest.Get(data, "account", "properties", 0, "electricityMeterPoints", 0, "meters", 0, "smartImportElectricityMeter", "deviceId")
	if got := mustQuery(t, c)(`query($d: String!) { prepayBalanceSnapshot(deviceId: $d) { creditInPence debtInPence } }`, map[string]any{"d": device}); got["prepayBalanceSnapshot"] != nil {
		t.Errorf("the credit meter's prepayment balance: %v", got)
	}
}

// TestOctopusTwoRateHalfHoursAddUpToTheBill reads the second home's Intelligent Octopus
// Go statements beside its meter's daily costs, as a client reconciling its usage page
// with its bills does: each statement's use costs what the meter's half hours cost at
// the tariff's day and night rates, in summer time too; and a day draws the part of its
// use in the off-peak hours (to 05:30, and from 23:30) that the tariff's prices assume,
// seven twenty-fourths, beside its car's smart charge, all of it off-peak.
func TestOctopusTwoRateHalfHoursAddUpToTheBill(t *testing.T) {
	_, c := octopus(t)
	q := mustQuery(t, c)
	bills := simtest.Get(q(`{ account(accountNumber: "A-7B3E9D12") { bills(first: 2) { edges { node { fromDate toDate ... on StatementType {
		transactions(first: 5) { edges { node { ... on Charge { consumption { usageCost } } } } } } } } } } }`, nil), "account", "bills", "edges").([]any)
	if len(bills) != 2 {
		t.Fatalf("%d statements", len(bills))
	}
	for _, b := range bills {
		from, to := simtest.Get(b, "node", "fromDate").(string), simtest.Get(b, "node", "toDate").(string)
		var charged float64
		for _, e := range simtest.Get(b, "node", "transactions", "edges").([]any) {
			if v, ok := simtest.Get(e, "node", "consumption", "usageCost").(float64); ok {
				charged += v
			}
		}
		halfHours, n := meterDaysCost(t, q, "A-7B3E9D12", "3010002", from, to)
		if math.Abs(halfHours-charged) > float64(n)/2+1 {
			t.Errorf("%s–%s: the statement charged %v p for use; the meter's days cost %v p", from, to, charged, halfHours)
		}
	}
	day := q(`{ account(accountNumber: "A-7B3E9D12") { properties { electricityMeterPoints { meters {
		consumption(startAt: "2026-11-10T00:00:00Z", grouping: HALF_HOUR, timezone: "Europe/London", first: 48) { edges { node { value } } } } } } }
		costOfCharge(accountNumber: "A-7B3E9D12", frequency: DAILY, startDate: "2026-11-10") { reportDate totalConsumption } }`, nil)
	var total, night float64
	for i, e := range simtest.Get(day, "account", "properties", 0, "electricityMeterPoints", 0, "meters", 0, "consumption", "edges").([]any) {
		v, _ := strconv.ParseFloat(fmt.Sprint(simtest.Get(e, "node", "value")), 64)
		total += v
		if i < 11 || i == 47 {
			night += v
		}
	}
	car := simtest.Get(day, "costOfCharge", 0, "totalConsumption").(float64)
	if simtest.Get(day, "costOfCharge", 0, "reportDate") != "2026-11-10" || car <= 0 || car >= night {
		t.Fatalf("10 November's charging: %v, beside %.3f kWh off-peak", day["costOfCharge"], night)
	}
	if share := (night - car) / (total - car); math.Abs(share-7.0/24) > 0.01 {
		t.Errorf("10 November: %.3f of %.3f kWh off-peak, %.3f of it the car's; the household's share %.3f, want 7/24", night, total, car, share)
	}
}

// TestOctopusGasSupplyPointIsTheMeters reads the demo household's gas supply point as
// an app reads Xoserve's figures of it (the Swift client's GetInitialUserDetails): its
// annual quantity is annualGasConsumption's, its peak day's offtake is above a mean
// day's, it is a domestic small supply of class 4 whose smart meter its supplier owns,
// its tariffs say what their product does, and its meter was made before it was fitted
// and corrects its volume as its readings are turned into kWh; its registration names its
// current supplier as the electricity's does, whose last validated reading is its
// meter's latest; the supplier owns and manages the meter, which sits where its
// description says and needs no special instructions.
func TestOctopusGasSupplyPointIsTheMeters(t *testing.T) {
	_, c := octopus(t)
	data := mustQuery(t, c)(`{ annualGasConsumption(mprn: "3406086401") { aq }
		account(accountNumber: "A-C90DC431") { properties { gasMeterPoints { meters { activeFrom manufacturedYear correction readingFactor
			owner currentMeterAssetManager location locationDescription instructions meterPoint { formulaYearSmpAq formulaYearSmpSoq currentNdmSoq currentDmSoq marketSectorCode marketCategory meterOwnershipType supplyClass
				agreements(includeInactive: true) { tariff { ... on GasTariffType { productCode description } } } } } } } }
		product: energyProduct(code: "VAR-22-11-01") { description }
		supplies: account(accountNumber: "A-C90DC431") { properties { electricityMeterPoints { lastValidatedReadingDate meters { readings(first: 1) { edges { node { readAt } } } } }
			gasMeterPoints { currentSupplierMpid newSupplierId oldSupplierId } } } }`, nil)
	m := simtest.Get(data, "account", "properties", 0, "gasMeterPoints", 0, "meters", 0).(map[string]any)
	p := m["meterPoint"].(map[string]any)
	aq := simtest.Get(data, "annualGasConsumption", "aq").(float64)
	if p["formulaYearSmpAq"] != aq {
		t.Errorf("the supply point's AQ is %v, annualGasConsumption's %v", p["formulaYearSmpAq"], aq)
	}
	if soq, _ := p["formulaYearSmpSoq"].(float64); soq <= aq/365 || soq > 3*aq/365 || p["currentNdmSoq"] != soq || p["currentDmSoq"] != nil {
		t.Errorf("SOQ %v (rolling %v, daily metered %v) for an AQ of %v", soq, p["currentNdmSoq"], p["currentDmSoq"], aq)
	}
	fitted, _ := strconv.Atoi(m["activeFrom"].(string)[:4])
	if got := fmt.Sprint(m["correction"], " ", m["readingFactor"], " ", p["marketSectorCode"], " ", p["marketCategory"], " ", p["meterOwnershipType"], " ", p["supplyClass"]); got != "1.02264 1.0 D SSP S 4" {
		t.Errorf("correction, reading factor, sector, market, owner and class: %s", got)
	}
	for _, ag := range p["agreements"].([]any) {
		if code := simtest.Get(ag, "tariff", "productCode"); code == "VAR-22-11-01" && simtest.Get(ag, "tariff", "description") != simtest.Get(data, "product", "description") {
			t.Errorf("the tariff on %v says %q, its product %q", code, simtest.Get(ag, "tariff", "description"), simtest.Get(data, "product", "description"))
		}
	}
	elec := simtest.Get(data, "supplies", "properties", 0, "electricityMeterPoints", 0)
	if got, want := simtest.Get(elec, "lastValidatedReadingDate"), simtest.Get(elec, "meters", 0, "readings", "edges", 0, "node", "readAt").(string)[:10]; got != want {
		t.Errorf("the electricity supply's last validated reading is of %v; its meter's latest reading of %v", got, want)
	}
	gas := simtest.Get(data, "supplies", "properties", 0, "gasMeterPoints", 0)
	if got := fmt.Sprint(simtest.Get(gas, "newSupplierId"), " ", simtest.Get(gas, "oldSupplierId")); got != fmt.Sprint(simtest.Get(gas, "currentSupplierMpid"), " <nil>") {
		t.Errorf("the gas supply's registration: new and old suppliers %s, current %v", got, simtest.Get(gas, "currentSupplierMpid"))
	}
	if made := m["manufacturedYear"].(float64); int(made) > fitted || int(made) < fitted-3 {
		t.Errorf("a meter fitted in %d was made in %v", fitted, made)
	}
	if got := fmt.Sprintf("%v|%v|%q", m["owner"], m["currentMeterAssetManager"], m["instructions"]); got != `Octopus Energy|Octopus Energy|""` || m["location"] != m["locationDescription"] {
		t.Errorf("a supplier-owned smart meter: owner, asset manager and instructions %s, at %v (%v)", got, m["location"], m["locationDescription"])
	}
}

// TestOctopusANewMeterReadsFromNothing reads the second home's smart meter, of which
// state lists no reading: fitted on 15 May 2022, the day its supply and billing began,
// its register read nothing then (its first reading, 0 on that day, as a meter's
// installation reading does), so its next read is what it recorded since, as its daily
// consumption adds up.
func TestOctopusANewMeterReadsFromNothing(t *testing.T) {
	_, c := octopus(t)
	data := mustQuery(t, c)(`{ electricityMeterReadings(accountNumber: "A-7B3E9D12", meterId: "3010002", last: 2) { edges { node { readAt registers { value } } } } }`, nil)
	fitted := time.Date(2022, 5, 15, 0, 0, 0, 0, time.FixedZone("BST", 3600))
	opening := simtest.Get(data, "electricityMeterReadings", "edges", 1, "node")
	if got := fmt.Sprint(simtest.Get(opening, "readAt"), " ", simtest.Get(opening, "registers", 0, "value")); got != fitted.Format(time.RFC3339)+" 0.00000" {
		t.Errorf("the first read %s, want 0 when fitted, %s", got, fitted.Format(time.RFC3339))
	}
	first := simtest.Get(data, "electricityMeterReadings", "edges", 0, "node").(map[string]any)
	value, _ := strconv.ParseFloat(simtest.Get(first, "registers", 0, "value").(string), 64)
	at, _ := time.Parse(time.RFC3339, first["readAt"].(string))
	days := int(at.Sub(fitted).Hours()/24 + 0.5)
	used := mustQuery(t, c)(`query($id: ID!, $at: DateTime!, $n: Int) { node(id: $id) { ... on ElectricityMeterType {
		consumption(grouping: DAY, startAt: $at, first: $n, timezone: "Europe/London") { edges { node { value } } } } } }`,
		map[string]any{"id": base64.StdEncoding.EncodeToString([]byte("ElectricityMeterType:3010002")), "at": fitted.Format(time.RFC3339), "n": days})
	sum := 0.0
	for _, e := range simtest.Get(used, "node", "consumption", "edges").([]any) {
		v, _ := strconv.ParseFloat(simtest.Get(e, "node", "value").(string), 64)
		sum += v
	}
	if days < 10 || math.Abs(value-sum) > 0.5 {
		t.Errorf("the read after fitting, %v kWh on %v, %d days after; the meter's days since add up to %.1f kWh", value, at, days, sum)
	}
}

// TestOctopusRegistersExpectWhatIsTaken reads the demo household's registers as a
// reading form does before asking for a reading: the register's EAC is the meter
// point's (a year of what it read), its expected range is what a reading taken now may
// be and not be held (one in the middle is taken, one past its end held), and the
// unbilled readings are those after the supply was last billed: none, then the one
// taken.
func TestOctopusRegistersExpectWhatIsTaken(t *testing.T) {
	_, c := octopus(t)
	q := mustQuery(t, c)
	const read = `{ annualElectricityConsumption(mpan: "1013004420117") { eac }
		account(accountNumber: "A-C90DC431") { properties {
			electricityMeterPoints { unbilledReadings { readAt source } meters { registers { eac expectedReadingRanges } } }
			gasMeterPoints { unbilledReadings { readAt } meters { registers { expectedReadingRanges } } } } } }`
	data := q(read, nil)
	point := simtest.Get(data, "account", "properties", 0, "electricityMeterPoints", 0)
	if eac, annual := simtest.Get(point, "meters", 0, "registers", 0, "eac"), simtest.Get(data, "annualElectricityConsumption", "eac"); fmt.Sprint(eac) != fmt.Sprintf("%.1f", annual) {
		t.Errorf("the register's EAC %v, the meter point's %v", eac, annual)
	}
	if got := spaced(simtest.Get(point, "unbilledReadings"), simtest.Get(data, "account", "properties", 0, "gasMeterPoints", 0, "unbilledReadings")); got != "[] []" {
		t.Errorf("unbilled readings of a supply billed to 1 December: %s", got)
	}
	for _, fuel := range []string{"electricityMeterPoints", "gasMeterPoints"} {
		r, _ := simtest.Get(data, "account", "properties", 0, fuel, 0, "meters", 0, "registers", 0, "expectedReadingRanges").([]any)
		if len(r) != 1 || len(r[0].([]any)) != 2 || r[0].([]any)[0].(float64) >= r[0].([]any)[1].(float64) {
			t.Errorf("%s: expected reading ranges %v", fuel, r)
		}
	}
	span := simtest.Get(point, "meters", 0, "registers", 0, "expectedReadingRanges", 0).([]any)
	lo, hi := int(span[0].(float64)), int(span[1].(float64))
	const give = `mutation($v: Int!) { createElectricityMeterReading(mpan: "1013004420117", readAt: "2026-12-02", readings: [{reading: $v}]) {
		readingErrors { field } } }`
	if errs := simtest.Get(q(give, map[string]any{"v": hi + 5}), "createElectricityMeterReading", "readingErrors").([]any); len(errs) == 0 {
		t.Errorf("a reading 5 past the expected range [%d, %d] was taken", lo, hi)
	}
	if errs := simtest.Get(q(give, map[string]any{"v": (lo + hi) / 2}), "createElectricityMeterReading", "readingErrors").([]any); len(errs) != 0 {
		t.Errorf("a reading within the expected range [%d, %d]: %v", lo, hi, errs)
	}
	data = q(read, nil)
	if got := fmt.Sprint(simtest.Get(data, "account", "properties", 0, "electricityMeterPoints", 0, "unbilledReadings")); got != "[map[readAt:2026-12-02T00:00:00+00:00 source:CUSTOMER]]" {
		t.Errorf("unbilled after a reading: %s", got)
	}
}

// TestOctopusTariffComparisonIsTheBills compares the flat's smart tariffs as the Octopus
// app's tariff comparison does: its year on its own tariff costs what its last twelve
// statements charged (their periods end the day before the comparison's window), and
// the smart tariffs it is offered are the single-register codes Kraken lists.
func TestOctopusTariffComparisonIsTheBills(t *testing.T) {
	_, c := octopus(t)
	data := mustQuery(t, c)(`{ smartTariffComparison(mpan: "1000007345180") { currentCost consumptionReadingsStartAt costComparisons { tariff cost } }
		account(accountNumber: "A-7B3E9D12") { bills(first: 12) { edges { node { fromDate ... on StatementType {
			transactions(first: 3) { edges { node { ... on Charge { amounts { net } } } } } } } } } } }`, nil)
	var billed float64
	edges := simtest.Get(data, "account", "bills", "edges").([]any)
	for _, e := range edges {
		for _, tx := range simtest.Get(e, "node", "transactions", "edges").([]any) {
			if v, ok := simtest.Get(tx, "node", "amounts", "net").(float64); ok {
				billed += v / 100
			}
		}
	}
	cmp := data["smartTariffComparison"].(map[string]any)
	if current := cmp["currentCost"].(float64); len(edges) != 12 || math.Abs(current-billed) > 0.01*billed {
		t.Errorf("a year on Intelligent Octopus Go costs £%v from %v; the %d statements from %v charged £%.2f",
			current, cmp["consumptionReadingsStartAt"], len(edges), simtest.Get(edges[len(edges)-1], "node", "fromDate"), billed)
	}
	var tariffs []string
	for _, x := range cmp["costComparisons"].([]any) {
		tariffs = append(tariffs, simtest.Get(x, "tariff").(string))
	}
	if got := strings.Join(tariffs, " "); got != "E-1R-INTELLI-VAR-22-10-14-A E-1R-AGILE-24-10-01-A E-1R-GO-VAR-22-10-14-A E-1R-INTELLI-VAR-24-10-29-A" {
		t.Errorf("the smart tariffs compared: %s", got)
	}
}

// TestOctopusAgileIsPricedEachHalfHour reads the demo household moved onto Agile Octopus
// last June, as an Agile client does: its agreement is a HalfHourlyTariff listing today's
// half hours whose prices are out at 09:00 (to 23:00; the next day's come at 16:00),
// dearest in the evening peak (which carries the peak offset) and never above the cap
// with VAT, with its calculation's terms; applicableRates lists the same half hours;
// and a statement on Agile charges what the meter's half hours cost at those prices.
func TestOctopusAgileIsPricedEachHalfHour(t *testing.T) {
	_, c := octopus(t, func(w *sim.World) {
		mp := &w.Account("A-C90DC431").Properties[0].ElectricityMeterPoints[0]
		mp.Agreements[1].ValidTo = "2026-06-01"
		mp.Agreements = append(mp.Agreements, sim.Agreement{ID: "9100099", TariffCode: "E-1R-AGILE-24-10-01-A", ProductCode: "AGILE-24-10-01", ValidFrom: "2026-06-01"})
	})
	q := mustQuery(t, c)
	data := q(`{ account(accountNumber: "A-C90DC431") { electricityAgreements(active: true) { tariff { __typename ... on HalfHourlyTariff { tariffCode
			unitRates { validFrom validTo value preVatValue } agileCalculationInfo { priceCap peakOffset gspCoefficient } } } }
		bills(first: 1) { edges { node { fromDate toDate ... on StatementType { transactions(first: 5) { edges { node { ... on Charge { title consumption { usageCost } } } } } } } } } }
		applicableRates(accountNumber: "A-C90DC431", mpxn: "1013004420117", startAt: "2026-12-02T00:00:00Z", endAt: "2026-12-03T00:00:00Z", first: 100) { edges { node { value validFrom } } } }`, nil)
	tariff := simtest.Get(data, "account", "electricityAgreements", 0, "tariff").(map[string]any)
	rates := tariff["unitRates"].([]any)
	if tariff["__typename"] != "HalfHourlyTariff" || len(rates) != 46 || fmt.Sprint(tariff["agileCalculationInfo"]) != "map[gspCoefficient:"+fmt.Sprint(simtest.Get(tariff, "agileCalculationInfo", "gspCoefficient"))+" peakOffset:12 priceCap:100]" {
		t.Fatalf("the Agile tariff: %v with %d rates", tariff["__typename"], len(rates))
	}
	var applicable []any
	eachNode(data["applicableRates"].(map[string]any), func(n map[string]any) { applicable = append(applicable, n["value"]) })
	var night, peak float64
	for i, r := range rates {
		r := r.(map[string]any)
		v, pre := r["value"].(float64), r["preVatValue"].(float64)
		if want := fmt.Sprintf("2026-12-02T%02d:%02d:00+00:00", i/2, i%2*30); r["validFrom"] != want || v > 100 || math.Abs(pre*1.05-v) > 0.006 {
			t.Errorf("half hour %d: %v", i, r)
		}
		if i < len(applicable) && fmt.Sprint(applicable[i]) != strconv.FormatFloat(pre, 'f', 4, 64) { // before VAT, as Kraken's
			t.Errorf("half hour %d: %v in unitRates, %v in applicableRates", i, v, applicable[i])
		}
		switch {
		case i >= 2 && i < 10:
			night += pre / 8
		case i >= 32 && i < 38:
			peak += pre / 6
		}
	}
	if len(applicable) != 46 || peak < night+12 {
		t.Errorf("%d applicable rates; overnight %.2f p, the peak %.2f p before VAT", len(applicable), night, peak)
	}
	bill := simtest.Get(data, "account", "bills", "edges", 0, "node").(map[string]any)
	from, to := bill["fromDate"].(string), bill["toDate"].(string)
	var charged float64
	for _, e := range simtest.Get(bill, "transactions", "edges").([]any) {
		if simtest.Get(e, "node", "title") == "Electricity" {
			charged += simtest.Get(e, "node", "consumption", "usageCost").(float64)
		}
	}
	halfHours, n := meterDaysCost(t, q, "A-C90DC431", "19L3471092", from, to)
	if charged <= 0 || math.Abs(halfHours-charged) > float64(n)/2+1 {
		t.Errorf("%s–%s on Agile: the statement charged %v p for use; the meter's days cost %v p", from, to, charged, halfHours)
	}
}

// meterDaysCost is what an account's electricity meter's days from from to to (dates,
// inclusive) cost in pence before tax, as costOfUsage's daily details price its half
// hours, and how many days they are.
func meterDaysCost(t *testing.T, q func(string, map[string]any) map[string]any, account, meter, from, to string) (float64, int) {
	t.Helper()
	n := int(math.Round(day(t, to).AddDate(0, 0, 1).Sub(day(t, from)).Hours() / 24))
	costs := q(`query($a: String!, $m: String!, $from: DateTime!, $n: Int!) { costOfUsage(accountNumber: $a, fuelType: ELECTRICITY, grouping: DAY, meterId: $m,
		startAt: $from, timezone: "Europe/London") { details(grouping: DAY, first: $n) { edges { node { cost } } } } }`,
		map[string]any{"a": account, "m": meter, "from": day(t, from).Format(time.RFC3339), "n": n})
	var cost float64
	for _, e := range simtest.Get(costs, "costOfUsage", "details", "edges").([]any) {
		cost += simtest.Get(e, "node", "cost").(float64)
	}
	return cost, n
}

// TestBalanceMovesWithTheClock walks the demo account from 2 December 2026, the day its
// session began and of which the fixtures' balance is, to a direct debit, a month end
// and back before November's statement: its balance moves by what was collected and
// issued, and November's statement, once issued, stays as it was.
func TestBalanceMovesWithTheClock(t *testing.T) {
	srv, c := octopus(t)
	const q = `{ account(accountNumber: "A-C90DC431") { balance
		bills(first: 2) { edges { node { id fromDate ... on StatementType { openingBalance closingBalance totalCharges { grossTotal } } } } } } }`
	type statement struct {
		id               string
		opening, closing float64
	}
	read := func() (float64, map[string]statement, map[string]float64) {
		data := mustQuery(t, c)(q, nil)
		out, charges := map[string]statement{}, map[string]float64{}
		for _, e := range simtest.Get(data, "account", "bills", "edges").([]any) {
			n := simtest.Get(e, "node")
			from := simtest.Get(n, "fromDate").(string)
			out[from] = statement{id: fmt.Sprint(simtest.Get(n, "id")), opening: number(t, simtest.Get(n, "openingBalance")), closing: number(t, simtest.Get(n, "closingBalance"))}
			charges[from] = number(t, simtest.Get(n, "totalCharges", "grossTotal"))
		}
		return number(t, simtest.Get(data, "account", "balance")), out, charges
	}
	balance, bills, charges := read()
	november := bills["2026-11-01"]
	if balance != 4230 || november.closing != balance {
		t.Fatalf("2 December: balance %v, November's statement %+v", balance, november)
	}
	advance(c, 14*24*time.Hour) // 16 December: the direct debit of Tuesday the 15th collected
	if got, bills, _ := read(); got != balance+11000 || bills["2026-11-01"] != november {
		t.Errorf("16 December: balance %v, want %v; November's statement %+v, was %+v", got, balance+11000, bills["2026-11-01"], november)
	}
	if w, err := srv.Sim.WorldOverview(c.Session); err != nil || !slices.ContainsFunc(w.Accounts, func(a sim.AccountOverview) bool {
		return a.Number == "A-C90DC431" && a.Balance == int(balance)+11000
	}) {
		t.Errorf("16 December: the admin world view lists %+v (%v)", w.Accounts, err)
	}
	advance(c, 17*24*time.Hour) // 2 January: December's statement issued
	got, bills, after := read()
	december := bills["2026-12-01"]
	if got != balance+11000-after["2026-12-01"] || bills["2026-11-01"] != november || december.opening != november.closing || december.closing != got {
		t.Errorf("2 January: balance %v, want %v less December's charges %v; November %+v (was %+v), December %+v",
			got, balance+11000, after["2026-12-01"], bills["2026-11-01"], november, december)
	}
	// A credit posted on 2 January has not happened by 1 December, when the clock is set
	// back there.
	if out := c.Query(`mutation { postCredit(input: {accountNumber: "A-C90DC431", netAmount: 700, taxAmount: 0, reason: "GOODWILL", ledgerId: "L-6B2F0A1D", displayNote: "goodwill"}) { credit { id } } }`, nil); len(out.Errors) > 0 {
		t.Fatalf("postCredit: %+v", out.Errors)
	}
	if now, _, _ := read(); now != got+700 {
		t.Errorf("2 January: balance %v after a credit of 700 on %v", now, got)
	}
	advance(c, -32*24*time.Hour) // 1 December: November not yet issued, the credit not yet posted
	if got, bills, _ := read(); got != balance+charges["2026-11-01"] || bills["2026-11-01"].id != "" || bills["2026-10-01"].closing != november.opening {
		t.Errorf("1 December: balance %v, want %v with November's %v charges not yet issued; %+v", got, balance+charges["2026-11-01"], charges["2026-11-01"], bills)
	}
}

// TestDirectDebitsMissBankHolidays: Bacs collects on working days, so a direct debit
// due on an English bank holiday is collected, and forecast, on the next working day:
// the flat's of Friday 1 January 2027 on Monday the 4th, the house's (its payment day
// moved to the 28th) of Monday 28 December 2026, Boxing Day's holiday, on the 29th.
func TestDirectDebitsMissBankHolidays(t *testing.T) {
	_, c := octopus(t, func(w *sim.World) {
		a := w.Account("A-C90DC431")
		for i := range a.PaymentSchedules {
			if a.PaymentSchedules[i].PaymentDay == 15 {
				a.PaymentSchedules[i].PaymentDay = 28
			}
		}
	})
	const forecast = `query($a: String!) { account(accountNumber: $a) { paginatedPaymentForecast(first: 5, dateTo: "2027-01-31") { edges { node { date amount } } } } }`
	const payments = `query($a: String!) { account(accountNumber: $a) { payments(first: 2) { edges { node { paymentDate amount status } } } } }`
	list := func(q, account, field string, keys ...string) string {
		var out []string
		for _, e := range simtest.Get(mustQuery(t, c)(q, map[string]any{"a": account}), "account", field, "edges").([]any) {
			var vals []string
			for _, k := range keys {
				vals = append(vals, fmt.Sprint(simtest.Get(e, "node", k)))
			}
			out = append(out, strings.Join(vals, " "))
		}
		return strings.Join(out, ", ")
	}
	for _, tc := range []struct{ account, forecast string }{
		{"A-7B3E9D12", "2027-01-04 9200"},
		{"A-C90DC431", "2026-12-29 11000, 2027-01-28 11000"},
	} {
		if got := list(forecast, tc.account, "paginatedPaymentForecast", "date", "amount"); got != tc.forecast {
			t.Errorf("%s on 2 December forecasts %s, want %s", tc.account, got, tc.forecast)
		}
	}
	advance(c, 34*24*time.Hour) // Tuesday 5 January 2027
	for _, tc := range []struct{ account, paid string }{
		{"A-7B3E9D12", "2027-01-04 9200 CLEARED, 2026-12-01 9200 CLEARED"},
		{"A-C90DC431", "2026-12-29 11000 CLEARED, 2026-11-30 11000 CLEARED"},
	} {
		if got := list(payments, tc.account, "payments", "paymentDate", "amount", "status"); got != tc.paid {
			t.Errorf("%s on 5 January lists %s, want %s", tc.account, got, tc.paid)
		}
	}
}

// TestOverdueBalanceFollowsTheStatements walks the flat from 2 December 2026, when it
// owes £15.80 past its due date (the fixture's figure): until the statement of 15
// November to 14 December falls due on 30 December that stays, then what that statement
// left owing is overdue, until the direct debit of 4 January pays part of it.
func TestOverdueBalanceFollowsTheStatements(t *testing.T) {
	_, c := octopus(t)
	const q = `{ account(accountNumber: "A-7B3E9D12") { overdueBalance
		bills(first: 1) { edges { node { ... on StatementType { closingBalance paymentDueDate } } } } } }`
	read := func() (overdue, closing float64, due string) {
		data := mustQuery(t, c)(q, nil)
		n := simtest.Get(data, "account", "bills", "edges", 0, "node")
		return number(t, simtest.Get(data, "account", "overdueBalance")), number(t, simtest.Get(n, "closingBalance")), fmt.Sprint(simtest.Get(n, "paymentDueDate"))
	}
	if overdue, _, _ := read(); overdue != 1580 {
		t.Errorf("2 December: overdue %v, want the fixture's 1580", overdue)
	}
	advance(c, 28*24*time.Hour) // 30 December: the statement to 14 December due today, not yet overdue
	overdue, closing, due := read()
	if due != "2026-12-30" || closing >= -1580 || overdue != 1580 {
		t.Fatalf("30 December: overdue %v; the newest statement closes at %v, due %s", overdue, closing, due)
	}
	advance(c, 24*time.Hour)
	if overdue, _, _ := read(); overdue != -closing {
		t.Errorf("31 December: overdue %v, want the statement's %v", overdue, -closing)
	}
	advance(c, 5*24*time.Hour) // 5 January: the £92 direct debit of the 1st, collected on the 4th
	if overdue, _, _ := read(); overdue != -closing-9200 {
		t.Errorf("5 January: overdue %v, want %v less the direct debit's 9200", overdue, -closing)
	}
}

// TestTransactionsToDateIsExclusive reads the transactions of a day as the SDL documents
// the window ("fromDate … inclusive", "toDate … exclusive"), on both tenants: a window
// ending on the day leaves its transactions out, one ending the next day keeps them, one
// from and to the same day is empty, and two windows that meet list each once.
func TestTransactionsToDateIsExclusive(t *testing.T) {
	for _, tc := range []struct {
		file, key, account, day string
	}{
		{"octopus-schema.graphql", "sk_live_krakensimdemo3235447", "A-C90DC431", "2021-08-02"},
		{"origin-schema.graphql", "sk_live_krakensimother3235449", "A-0F4A2B19", "2026-10-31"},
	} {
		t.Run(strings.TrimSuffix(tc.file, "-schema.graphql"), func(t *testing.T) {
			srv, _ := tenant(t, tc.file)
			c := srv.Client(t)
			c.Token, _ = simtest.Get(c.Query(`mutation($k: String!) { obtainKrakenToken(input: {APIKey: $k}) { token } }`, map[string]any{"k": tc.key}).Data, "obtainKrakenToken", "token").(string)
			q := mustQuery(t, c)
			ids := func(from, to string) []string {
				var out []string
				data := q(`query($a: String!, $f: Date, $t: Date) { account(accountNumber: $a) { transactions(first: 100, fromDate: $f, toDate: $t) { edges { node { id postedDate } } } } }`,
					map[string]any{"a": tc.account, "f": from, "t": to})
				for _, e := range simtest.Get(data, "account", "transactions", "edges").([]any) {
					if d := simtest.Get(e, "node", "postedDate"); d != tc.day && from == tc.day {
						t.Errorf("[%s, %s) lists one posted %v", from, to, d)
					}
					out = append(out, fmt.Sprint(simtest.Get(e, "node", "id")))
				}
				return out
			}
			d, _ := time.Parse(time.DateOnly, tc.day)
			prev, next := d.AddDate(0, 0, -1).Format(time.DateOnly), d.AddDate(0, 0, 1).Format(time.DateOnly)
			day := ids(tc.day, next)
			if len(day) == 0 {
				t.Fatalf("no transactions on %s", tc.day)
			}
			if got := ids(tc.day, tc.day); len(got) != 0 {
				t.Errorf("[%s, %s): %v, want none", tc.day, tc.day, got)
			}
			before, after := ids(prev, tc.day), ids(prev, next)
			if len(after) != len(before)+len(day) || slices.ContainsFunc(before, func(id string) bool { return slices.Contains(day, id) }) {
				t.Errorf("[%s, %s) %v and [%s, %s) %v meeting; [%s, %s) %v", prev, tc.day, before, tc.day, next, day, prev, next, after)
			}
		})
	}
}

// TestImportedChargesAreThoseImported lists the demo account's transactions by
// IMPORTED_CHARGES and IMPORTED_CREDITS on Octopus's SDL: none of its own billing's, and
// after a charge and a credit are imported over the data-import API, each alone under
// its filter (IMPORTED_PAYMENTS the payment the fixtures say was imported), while
// ENERGY_CHARGES still lists the account's own.
func TestImportedChargesAreThoseImported(t *testing.T) {
	srv, c := octopus(t)
	const q = `query($types: [TransactionTypeFilter]) { account(accountNumber: "A-C90DC431") {
		transactions(first: 100, transactionTypes: $types) { totalCount edges { node { __typename id amount } } } } }`
	ids := func(types ...string) (int, []string) {
		conn := simtest.Get(mustQuery(t, c)(q, map[string]any{"types": types}), "account", "transactions")
		var out []string
		for _, e := range simtest.Get(conn, "edges").([]any) {
			out = append(out, fmt.Sprint(simtest.Get(e, "node", "__typename"), " ", simtest.Get(e, "node", "id"), " ", simtest.Get(e, "node", "amount")))
		}
		return toInt(simtest.Get(conn, "totalCount")), out
	}
	energy, _ := ids("ENERGY_CHARGES")
	if n, got := ids("IMPORTED_CHARGES"); n != 0 || energy < 100 {
		t.Fatalf("IMPORTED_CHARGES before any import: %d %v; ENERGY_CHARGES %d", n, got, energy)
	}
	importer := srv.ClientIn(t, c.Session)
	importer.Header.Set("Authorization", "Token krakensim-import-key")
	if status, body := importer.Do(http.MethodPost, "/v1/data-import/transactions/create/",
		[]byte(`{"import_supplier":"TENTACLE_ENERGY","external_account_number":"EXTERNAL-1234","transactions":[
			{"transaction_id":"imp-charge","transaction_date":"2026-11-20","amount":5.25,"type":"CHARGE","reason":"IMPORTED_CHARGE"},
			{"transaction_id":"imp-credit","transaction_date":"2026-11-21","amount":2.5,"type":"CREDIT","reason":"IMPORTED_CREDIT"}]}`)); status != 201 {
		t.Fatalf("import: %d %s", status, body)
	}
	for _, tc := range []struct {
		filter string
		want   []string
	}{
		{"IMPORTED_CHARGES", []string{"Charge 2 525"}}, // Kraken's own ids, not the supplier's
		{"IMPORTED_CREDITS", []string{"Credit 3 250"}},
		{"IMPORTED_PAYMENTS", []string{"Payment 1 7100"}}, // the fixtures' payment TENTACLE_ENERGY imported
	} {
		if n, got := ids(tc.filter); n != len(tc.want) || fmt.Sprint(got) != fmt.Sprint(tc.want) {
			t.Errorf("%s: %d %v; want %v", tc.filter, n, got, tc.want)
		}
	}
	if n, _ := ids("ENERGY_CHARGES"); n < energy {
		t.Errorf("ENERGY_CHARGES: %d after the import, %d before", n, energy)
	}
}

// TestOctopusAReadingOfTheEVFlatsSmartMeterIsChecked gives readings of the EV flat's
// smart meter, whose state lists no smart readings of its own (its billing dates read
// them): its register's expected range is the smart meter's tolerance around what it
// recorded, a reading 303 kWh off is held, and one within it is taken, listed as the
// newest, and leaves every smart reading before it as it was.
func TestOctopusAReadingOfTheEVFlatsSmartMeterIsChecked(t *testing.T) {
	_, c := octopus(t)
	q := mustQuery(t, c)
	const read = `{ account(accountNumber: "A-7B3E9D12") { properties { electricityMeterPoints { meters { registers { expectedReadingRanges }
		readings(first: 6) { edges { node { readAt source registers { value } } } } } } } } }`
	meter := func(d map[string]any) any {
		return simtest.Get(d, "account", "properties", 0, "electricityMeterPoints", 0, "meters", 0)
	}
	before := q(read, nil)
	ranges := simtest.Get(meter(before), "registers", 0, "expectedReadingRanges", 0).([]any)
	lo, hi := number(t, ranges[0]), number(t, ranges[1])
	if hi-lo > 100 || hi < lo {
		t.Fatalf("expected range %v–%v: wider than a smart meter's tolerance", lo, hi)
	}
	const give = `mutation($v: Int!) { createElectricityMeterReading(mpan: "1000007345180", serialNumber: "21L4381927", readAt: "2026-12-02", readings: [{registerId: "30100021", reading: $v}]) {
		id readingErrors { field errors { ... on SerializerErrorType { code message } } } } }`
	mid := int((lo + hi) / 2)
	far := q(give, map[string]any{"v": mid + 303})
	if msg := fmt.Sprint(simtest.Get(far, "createElectricityMeterReading", "readingErrors", 0, "errors", 0, "message")); simtest.Get(far, "createElectricityMeterReading", "id") != nil ||
		!strings.Contains(msg, "not what the smart meter recorded") {
		t.Errorf("a reading 303 kWh past the smart meter's: %v", far)
	}
	if again := q(read, nil); fmt.Sprint(meter(again)) != fmt.Sprint(meter(before)) {
		t.Errorf("a held reading moved the meter:\nbefore %v\nafter  %v", meter(before), meter(again))
	}
	near := q(give, map[string]any{"v": mid})
	if errs := simtest.Get(near, "createElectricityMeterReading", "readingErrors").([]any); len(errs) != 0 {
		t.Fatalf("a reading within the smart meter's tolerance: %v", errs)
	}
	after := simtest.Get(meter(q(read, nil)), "readings", "edges").([]any)
	if got := fmt.Sprint(after[0]); got != fmt.Sprintf("map[node:map[readAt:2026-12-02T00:00:00+00:00 registers:[map[value:%d.00000]] source:CUSTOMER]]", mid) {
		t.Errorf("the meter's newest reading: %s", got)
	}
	was := simtest.Get(meter(before), "readings", "edges").([]any)
	if fmt.Sprint(after[1:]) != fmt.Sprint(was[:5]) || !strings.Contains(fmt.Sprint(was[0]), "SMART_METER") {
		t.Errorf("the smart readings before it moved:\nbefore %v\nafter  %v", was[:5], after[1:])
	}
}
