package simtest_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/simtest"
)

// TestMoveOutEndsTheHome moves the flat's household out: its occupancy and its
// agreement end at the end of the day, and the next home joins the account with its
// supply registering; a move out of a home the account does not hold, has left, or on a
// day already billed is refused as documented.
func TestMoveOutEndsTheHome(t *testing.T) {
	srv := simtest.NewServer(t, simtest.WithConfig(func(cfg *sim.Config) { cfg.ClockStart = time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC) }))
	c := srv.Client(t)
	c.SignIn("demo@krakensim.dev", "krakensim")
	const move = `mutation($p: String!, $d: Date!, $next: MoveInNewProperty) { moveOut(input: {accountNumber: "A-7B3E9D12", propertyId: $p, moveOutDate: $d, newProperty: $next}) { account { number } } }`
	refusals := []struct {
		name, property, date string
		next                 map[string]any
	}{
		{"another account's home", "2214531", "2026-12-20", nil},
		{"a day already billed", "2214532", "2026-10-20", nil},
		{"no such MPAN", "2214532", "2026-12-20", map[string]any{"address": "3 New Street, York", "postcode": "YO1 7HH", "mpans": []any{"1234567890123"}}},
		{"another's MPAN", "2214532", "2026-12-20", map[string]any{"address": "3 New Street, York", "postcode": "YO1 7HH", "mpans": []any{"1013004420117"}}},
	}
	for _, tc := range refusals {
		vars := map[string]any{"p": tc.property, "d": tc.date}
		if tc.next != nil {
			vars["next"] = tc.next
		}
		if out := c.Query(move, vars); len(out.Errors) != 1 || out.Errors[0].Code() != "KT-GB-6628" {
			t.Errorf("%s: %+v", tc.name, out.Errors)
		}
	}
	// A day that is none is refused before the resolver, as graphene refuses a Date.
	if out := c.Query(move, map[string]any{"p": "2214532", "d": "2026-12-32"}); len(out.Errors) != 1 || !strings.Contains(out.Errors[0].Message, "Date cannot represent value") {
		t.Errorf("no date: %+v", out.Errors)
	}
	query := mustQuery(t, c)
	query(move, map[string]any{"p": "2214532", "d": "2026-12-20", "next": map[string]any{"address": "3 New Street, York", "postcode": "yo1 7hh", "mpans": []any{"1900000000004"}}})
	out := query(`{ account(accountNumber: "A-7B3E9D12") { properties { id postcode occupancyPeriods { effectiveFrom effectiveTo }
		electricityMeterPoints { mpan status agreements(includeInactive: true) { validFrom validTo } } } } }`, nil)
	props := simtest.Get(out, "account", "properties").([]any)
	if len(props) != 2 {
		t.Fatalf("properties %v", props)
	}
	old, next := props[0], props[1]
	if got := simtest.Get(old, "occupancyPeriods", 0, "effectiveTo"); got != "2026-12-21T00:00:00+00:00" {
		t.Errorf("the flat's occupancy ends %v", got)
	}
	ags := simtest.Get(old, "electricityMeterPoints", 0, "agreements").([]any)
	if got := simtest.Get(ags[len(ags)-1], "validTo"); got != "2026-12-21T00:00:00+00:00" {
		t.Errorf("the flat's last agreement ends %v", got)
	}
	got := fmt.Sprint(simtest.Get(next, "postcode"), " ", simtest.Get(next, "occupancyPeriods", 0, "effectiveFrom"), " ",
		simtest.Get(next, "electricityMeterPoints", 0, "mpan"), " ", simtest.Get(next, "electricityMeterPoints", 0, "status"))
	if want := "YO1 7HH 2026-12-21T00:00:00+00:00 1900000000004 PENDING_REGISTRATION"; got != want {
		t.Errorf("the next home: %s, want %s", got, want)
	}
	if out := c.Query(move, map[string]any{"p": "2214532", "d": "2026-12-24"}); len(out.Errors) != 1 || out.Errors[0].Code() != "KT-GB-6628" {
		t.Errorf("moving out twice: %+v", out.Errors)
	}
}

// TestMoveOutSuppliesTheNextHome moves the demo household out on 14 December and into
// its next home the same day: the next home is supplied from that day on the product it
// had (its registration completing then) and billed from then, and the direct debit
// carries on; a move in before the move out is refused.
func TestMoveOutSuppliesTheNextHome(t *testing.T) {
	_, c := octopus(t)
	query := mustQuery(t, c)
	const move = `mutation($in: String!) { performMoveOut(input: {accountNumber: "A-C90DC431", propertyId: "2214531", moveOutDate: "2026-12-14",
		newProperty: {address: "97 Orchard Crescent", postcode: "NR2 4SF", moveInDate: $in, mpans: ["1090923744027"], mprns: ["3092374402"], moveInNewProperty: true}}) { account { number } } }`
	if out := c.Query(move, map[string]any{"in": "2026-12-13"}); len(out.Errors) != 1 || out.Errors[0].Code() != "KT-GB-6624" { // Octopus's code for a house move's
		t.Fatalf("a move in before the move out: %+v", out.Errors)
	}
	query(move, map[string]any{"in": "2026-12-14"})
	const read = `{ account(accountNumber: "A-C90DC431") { properties { occupancyPeriods { effectiveFrom effectiveTo }
		electricityMeterPoints { status agreements(includeInactive: true) { validFrom validTo tariff { ... on StandardTariff { productCode } } } }
		gasMeterPoints { status agreements(includeInactive: true) { validFrom } } }
		paymentSchedules(first: 1) { edges { node { id validTo } } }
		payments(first: 3) { edges { node { amount paymentDate } } }
		bills(first: 3) { edges { node { fromDate toDate ... on StatementType { totalCharges { grossTotal } } } } } } }`
	out := query(read, nil)
	old, next := simtest.Get(out, "account", "properties", 0), simtest.Get(out, "account", "properties", 1)
	ags := simtest.Get(old, "electricityMeterPoints", 0, "agreements").([]any)
	if o, e := simtest.Get(old, "occupancyPeriods", 0, "effectiveTo"), simtest.Get(ags[len(ags)-1], "validTo"); o != "2026-12-15T00:00:00+00:00" || e != o {
		t.Errorf("the old home: occupancy to %v, supply to %v", o, e)
	}
	got := fmt.Sprint(simtest.Get(next, "occupancyPeriods", 0, "effectiveFrom"), " ", simtest.Get(next, "electricityMeterPoints", 0, "status"), " ",
		simtest.Get(next, "electricityMeterPoints", 0, "agreements", 0, "validFrom"), " ", simtest.Get(next, "electricityMeterPoints", 0, "agreements", 0, "tariff", "productCode"), " ",
		simtest.Get(next, "gasMeterPoints", 0, "agreements", 0, "validFrom"))
	if want := "2026-12-14T00:00:00+00:00 PENDING_REGISTRATION 2026-12-14T00:00:00+00:00 VAR-22-11-01 2026-12-14T00:00:00+00:00"; got != want {
		t.Errorf("the next home: %s, want %s", got, want)
	}
	c.AdvanceClock(80 * 24 * time.Hour) // 20 February 2027
	c.SignIn("demo@krakensim.dev", "krakensim")
	out = query(read, nil)
	next = simtest.Get(out, "account", "properties", 1)
	if e, g := simtest.Get(next, "electricityMeterPoints", 0, "status"), simtest.Get(next, "gasMeterPoints", 0, "status"); e != "ON_SUPPLY" || g != "LIVE" {
		t.Errorf("the next home's supplies are %v and %v", e, g)
	}
	if got := simtest.Get(out, "account", "paymentSchedules", "edges", 0, "node", "validTo"); got != nil {
		t.Errorf("the direct debit ends %v", got)
	}
	// The schedule's review of 1 January (its third anniversary), December's winter use
	// owed, raises it to £126 from the 15th.
	for i, want := range []string{"12600 2027-02-15", "12600 2027-01-15", "11000 2026-12-15"} {
		p := simtest.Get(out, "account", "payments", "edges", i, "node")
		if got := fmt.Sprint(simtest.Get(p, "amount"), " ", simtest.Get(p, "paymentDate")); got != want {
			t.Errorf("payment %d: %s, want %s", i, got, want)
		}
	}
	jan := simtest.Get(out, "account", "bills", "edges", 0, "node")
	if from, charged := simtest.Get(jan, "fromDate"), simtest.Get(jan, "totalCharges", "grossTotal"); from != "2027-01-01" || charged.(float64) <= 0 {
		t.Errorf("the next home's first whole month: %v charged %v", from, charged)
	}
}

// TestMoveOutSettlesTheFinalStatement moves the demo household out on 14 December with
// no next home: its supplies are off supply from the 15th, its direct debit ends on the
// 14th, December's statement is its last, and what that leaves owing is collected on the
// payment day after it, leaving nothing. The final statement ends on the last day of
// supply, and no bill is to come.
func TestMoveOutSettlesTheFinalStatement(t *testing.T) {
	_, c := octopus(t)
	query := mustQuery(t, c)
	query(`mutation { performMoveOut(input: {accountNumber: "A-C90DC431", propertyId: "2214531", moveOutDate: "2026-12-14"}) { account { number } } }`, nil)
	c.AdvanceClock(108 * 24 * time.Hour) // 20 March 2027
	c.SignIn("demo@krakensim.dev", "krakensim")
	out := query(`{ account(accountNumber: "A-C90DC431") { status balance
		properties { electricityMeterPoints { status supplyEndDate } gasMeterPoints { status supplyEndDate } }
		paymentSchedules(first: 1) { edges { node { validTo } } }
		payments(first: 3) { edges { node { amount paymentDate status } } }
		bills(first: 2) { edges { node { fromDate toDate ... on StatementType { closingBalance } } } }
		billingOptions { currentBillingPeriodStartDate currentBillingPeriodEndDate nextBillingDate } } }`, nil)
	a := simtest.Get(out, "account")
	if got := fmt.Sprint(simtest.Get(a, "billingOptions")); got != "map[currentBillingPeriodEndDate:<nil> currentBillingPeriodStartDate:<nil> nextBillingDate:<nil>]" {
		t.Errorf("billingOptions after the final statement: %s", got)
	}
	p := simtest.Get(a, "properties", 0)
	if got := fmt.Sprint(simtest.Get(p, "electricityMeterPoints", 0, "status"), " ", simtest.Get(p, "electricityMeterPoints", 0, "supplyEndDate"), " ",
		simtest.Get(p, "gasMeterPoints", 0, "status"), " ", simtest.Get(p, "gasMeterPoints", 0, "supplyEndDate")); got != "OFF_SUPPLY 2026-12-15 OFF_SUPPLY 2026-12-15" {
		t.Errorf("the supplies left: %s", got)
	}
	if got := simtest.Get(a, "paymentSchedules", "edges", 0, "node", "validTo"); got != "2026-12-14" {
		t.Errorf("the direct debit ends %v", got)
	}
	final := simtest.Get(a, "bills", "edges", 0, "node")
	if got := fmt.Sprint(simtest.Get(final, "fromDate"), " ", simtest.Get(final, "toDate")); got != "2026-12-01 2026-12-14" {
		t.Errorf("the last statement is of %s, want December's to the last day of supply", got)
	}
	owed := -simtest.Get(final, "closingBalance").(float64)
	if owed <= 0 {
		t.Fatalf("the final statement leaves %v", -owed)
	}
	collected := 0.0
	for _, e := range simtest.Get(a, "payments", "edges").([]any) {
		if n := e.(map[string]any)["node"]; simtest.Get(n, "paymentDate") == "2027-01-15" && simtest.Get(n, "status") == "CLEARED" {
			collected += simtest.Get(n, "amount").(float64)
		}
	}
	if collected != owed || simtest.Get(a, "balance") != 0.0 || simtest.Get(a, "status") != "ACTIVE" {
		t.Errorf("collected %v of %v on 15 January, leaving %v (%v)", collected, owed, simtest.Get(a, "balance"), simtest.Get(a, "status"))
	}
}

// TestMoveOutTakesTheSubmittedCollection moves the demo household out on Friday 11
// December: its collection of 15 December is already with the bank, so the direct debit
// ends after it and takes it, and the final statement counts it.
func TestMoveOutTakesTheSubmittedCollection(t *testing.T) {
	_, c := octopus(t)
	query := mustQuery(t, c)
	setClock(t, c, "2026-12-11T10:00:00Z") // a Friday
	c.SignIn("demo@krakensim.dev", "krakensim")
	query(`mutation { performMoveOut(input: {accountNumber: "A-C90DC431", propertyId: "2214531", moveOutDate: "2026-12-11"}) { account { number } } }`, nil)
	const account = `{ account(accountNumber: "A-C90DC431") { balance
		paymentSchedules(first: 1) { edges { node { validTo } } }
		paginatedPaymentForecast(dateTo: "2027-02-28") { edges { node { date amount } } }
		payments(first: 5) { edges { node { amount paymentDate status } } } } }`
	a := simtest.Get(query(account, nil), "account")
	if got := simtest.Get(a, "paymentSchedules", "edges", 0, "node", "validTo"); got != "2026-12-15" {
		t.Errorf("the direct debit ends %v, want after its collection of 15 December", got)
	}
	if got := fmt.Sprint(simtest.Get(a, "paginatedPaymentForecast", "edges")); got != "[map[node:map[amount:11000 date:2026-12-15]]]" {
		t.Errorf("the forecast: %s", got)
	}
	setClock(t, c, "2027-03-20T10:00:00Z")
	c.SignIn("demo@krakensim.dev", "krakensim")
	a = simtest.Get(query(account, nil), "account")
	taken := false
	for _, e := range simtest.Get(a, "payments", "edges").([]any) {
		n := e.(map[string]any)["node"]
		taken = taken || simtest.Get(n, "paymentDate") == "2026-12-15" && simtest.Get(n, "amount") == 11000.0 && simtest.Get(n, "status") == "CLEARED"
	}
	if !taken || simtest.Get(a, "balance") != 0.0 {
		t.Errorf("15 December's collection taken: %v, balance %v", taken, simtest.Get(a, "balance"))
	}
}

// TestOriginMoveOutTakesTheAnnouncedCollection moves Sam, paying by a variable direct
// debit, out on 25 January, three days before the collection his January statement
// announced: it is still taken on the 28th.
func TestOriginMoveOutTakesTheAnnouncedCollection(t *testing.T) {
	_, sam := originNeighbours(t)
	if r := sam.Query(`mutation { switchAccountToVariablePaymentSchedule(input: {accountNumber: "A-0F4A2B19", ledgerNumber: "L-0F4A2B01", cancelConflictingSchedules: true}) { schedule { id } } }`, nil); len(r.Errors) > 0 {
		t.Fatalf("switching to a variable debit: %+v", r.Errors)
	}
	setClock(t, sam, "2027-01-25T01:00:00Z") // a Monday
	tok := sam.Query(`mutation { obtainKrakenToken(input: {APIKey: "sk_live_krakensimother3235449"}) { token } }`, nil)
	sam.Token, _ = simtest.Get(tok.Data, "obtainKrakenToken", "token").(string)
	const payments = `{ account(accountNumber: "A-0F4A2B19") { payments(first: 10) { edges { node { amount paymentDate status } } } } }`
	scheduled := func() (n int) {
		for _, e := range simtest.Get(sam.Query(payments, nil).Data, "account", "payments", "edges").([]any) {
			p := e.(map[string]any)["node"]
			if simtest.Get(p, "paymentDate") == "2027-01-28" && simtest.Get(p, "status") == "SCHEDULED" {
				n++
			}
		}
		return n
	}
	before := scheduled()
	if before == 0 {
		t.Fatal("no collection announced for 28 January")
	}
	if r := sam.Query(`mutation { propertyMoveOut(input: {accountNumber: "A-0F4A2B19", propertyId: "2214533", moveOutDate: "2027-01-25"}) { workflow { status } } }`, nil); len(r.Errors) > 0 {
		t.Fatalf("moving out: %+v", r.Errors)
	}
	if got := scheduled(); got != before {
		t.Errorf("after the move out, %d collections scheduled for 28 January, want %d", got, before)
	}
}

// setClock sets the session's virtual clock to at, as the admin API does.
func setClock(t *testing.T, c *simtest.Client, at string) {
	t.Helper()
	if code, body := c.Do("POST", "/__krakensim/clock?session="+c.Session, []byte(`{"set":"`+at+`"}`)); code != 200 {
		t.Fatalf("setting the clock: %d %s", code, body)
	}
}

// TestMoveOutLeavesARefundRequestItsCredit: an account in credit after moving out asks
// for a refund within its maximumRefund (its credit on both ledgers, not the first
// alone); the final settlement refunds the rest and leaves what the request asks, so
// that the request and the refunds never ask back more than the credit.
func TestMoveOutLeavesARefundRequestItsCredit(t *testing.T) {
	_, c := octopus(t)
	query := mustQuery(t, c)
	query(`mutation { performMoveOut(input: {accountNumber: "A-C90DC431", propertyId: "2214531", moveOutDate: "2026-12-15"}) { account { number } } }`, nil)
	const read = `{ account(accountNumber: "A-C90DC431") { balance maximumRefund { amount } repayments(first: 5) { edges { node { amount status } } } } }`
	setClock(t, c, "2027-01-05T10:00:00Z")
	c.SignIn("demo@krakensim.dev", "krakensim")
	credit := simtest.Get(query(read, nil), "account", "maximumRefund", "amount").(float64)
	if credit <= 8000 {
		t.Fatalf("credit %v after moving out; the test asks 8000 back", credit)
	}
	query(`mutation { createRefundRequest(input: {accountNumber: "A-C90DC431", requestedAmount: 8000}) { refundRequest { requestedAmountToReturn } } }`, nil)
	setClock(t, c, "2027-03-20T10:00:00Z")
	c.SignIn("demo@krakensim.dev", "krakensim")
	a := simtest.Get(query(read, nil), "account")
	paid, asked := 0.0, 0.0
	for _, e := range simtest.Get(a, "repayments", "edges").([]any) {
		switch n := simtest.Get(e, "node"); simtest.Get(n, "status") {
		case "PAID":
			paid += simtest.Get(n, "amount").(float64)
		case "REQUESTED":
			asked += simtest.Get(n, "amount").(float64)
		}
	}
	if balance := simtest.Get(a, "balance").(float64); asked != 8000 || paid != credit-8000 || balance != 8000 {
		t.Errorf("after the final statement: balance %v, %v refunded and %v still asked, of %v credit", balance, paid, asked, credit)
	}
}

// TestFinalStatementIsTheLastAndCountsAPaymentAfterIt moves the demo household out on
// 14 December on each tenant and reads its bills on 5 January: the final statement
// (December's, to the 14th, isFinal on Origin) is the last listed, with no open
// statement after it. Paid £30 by card then (to the first ledger), the settlement of
// 15 January collects only what the account still owes, its ledgers together, or
// refunds what the card paid over it, leaving nothing owed or held.
func TestFinalStatementIsTheLastAndCountsAPaymentAfterIt(t *testing.T) {
	const (
		bills    = `{ account(accountNumber: "A-C90DC431") { bills(first: 3, includeOpenStatements: true) { edges { node { toDate ... on StatementType { status closingBalance %s } } } } } }`
		initiate = `mutation { initiateStandalonePayment(input: {accountNumber: "A-C90DC431", amount: 3000, description: "Final bill"}) { payment { retrievalToken } } }`
		account  = `{ account(accountNumber: "A-C90DC431") { balance ledgers { number balance } repayments(first: 5) { edges { node { amount status } } } payments(first: 10) { edges { node { amount paymentDate status transactionType } } } } }`
	)
	for _, tc := range []struct {
		name         string
		client       func(t *testing.T) *simtest.Client
		signIn       func(c *simtest.Client)
		moveOut, pay string
		isFinal      string // the field naming the final statement, in the tenant's SDL
	}{
		{"Octopus", func(t *testing.T) *simtest.Client { _, c := octopus(t); return c },
			func(c *simtest.Client) { c.SignIn("demo@krakensim.dev", "krakensim") },
			`mutation { performMoveOut(input: {accountNumber: "A-C90DC431", propertyId: "2214531", moveOutDate: "2026-12-14"}) { account { number } } }`, "", ""},
		{"Origin", func(t *testing.T) *simtest.Client { _, c := tenant(t, "origin-schema.graphql"); return c },
			func(c *simtest.Client) {
				c.Token = ""
				out := c.Query(`mutation { obtainKrakenToken(input: {APIKey: "sk_live_krakensimdemo3235447"}) { token } }`, nil)
				c.Token, _ = simtest.Get(out.Data, "obtainKrakenToken", "token").(string)
			},
			`mutation { propertyMoveOut(input: {accountNumber: "A-C90DC431", propertyId: "2214531", moveOutDate: "2026-12-14"}) { workflow { status } } }`,
			`mutation($r: String!) { completeStandalonePayment(input: {accountNumber: "A-C90DC431", ledgerNumber: "L-6B2F0A1C", retrievalToken: $r, completionToken: "pm_card_visa", idempotencyKey: "final"}) { payment { status } } }`, "isFinal"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := tc.client(t)
			query := mustQuery(t, c)
			query(tc.moveOut, nil)
			setClock(t, c, "2027-01-05T10:00:00Z")
			tc.signIn(c)
			edges := simtest.Get(query(fmt.Sprintf(bills, tc.isFinal), nil), "account", "bills", "edges").([]any)
			final := simtest.Get(edges[0], "node")
			if tc.isFinal != "" && simtest.Get(final, "isFinal") != true || simtest.Get(final, "toDate") != "2026-12-14" {
				t.Errorf("the last statement listed: %v, want the final one, to 14 December (all %v)", final, edges)
			}
			for _, e := range edges {
				if simtest.Get(e, "node", "status") == "OPEN" {
					t.Errorf("an open statement is listed after the final one: %v", edges)
				}
			}
			owed := -simtest.Get(query(account, nil), "account", "balance").(float64)
			token := simtest.Get(query(initiate, nil), "initiateStandalonePayment", "payment", "retrievalToken").(string)
			if tc.pay != "" {
				query(tc.pay, map[string]any{"r": token})
			} else if status, body := c.Pay(token, card("4242 4242 4242 4242")); status != 200 {
				t.Fatalf("paying by card: %d %s", status, body)
			}
			setClock(t, c, "2027-01-20T10:00:00Z")
			tc.signIn(c)
			a := simtest.Get(query(account, nil), "account")
			collected, refunded := 0.0, 0.0
			for _, e := range simtest.Get(a, "payments", "edges").([]any) {
				if n := simtest.Get(e, "node"); simtest.Get(n, "paymentDate") == "2027-01-15" && simtest.Get(n, "transactionType") == "DD_REGULAR_COLLECTION" {
					collected += simtest.Get(n, "amount").(float64)
				}
			}
			for _, e := range simtest.Get(a, "repayments", "edges").([]any) {
				if n := simtest.Get(e, "node"); simtest.Get(n, "status") == "PAID" {
					refunded += simtest.Get(n, "amount").(float64)
				}
			}
			if collected != max(owed-3000, 0) || refunded != max(3000-owed, 0) || simtest.Get(a, "balance") != 0.0 {
				t.Errorf("owing %v, paid 3000 by card: collected %v on 15 January and refunded %v, leaving %v (ledgers %v)", owed, collected, refunded, simtest.Get(a, "balance"), simtest.Get(a, "ledgers"))
			}
		})
	}
}

// TestMoveOutToANewHomeKeepsIDsUnique moves the demo household out to a next home: the
// occupier account that supplies the home left gets ids of its own, no property, meter
// point or agreement sharing one with the next home's.
func TestMoveOutToANewHomeKeepsIDsUnique(t *testing.T) {
	_, c := octopus(t)
	query := mustQuery(t, c)
	query(`mutation { performMoveOut(input: {accountNumber: "A-C90DC431", propertyId: "2214531", moveOutDate: "2026-12-14",
		newProperty: {address: "97 Orchard Crescent", postcode: "NR2 4SF", mpans: ["1090923744027"], mprns: ["3092374402"]}}) { account { number } } }`, nil)
	number := occupierLetter(t, c).Data["accountNumber"]
	const read = `query($n: String!) { account(accountNumber: $n) { properties { id
		electricityMeterPoints { id agreements(includeInactive: true) { id } } gasMeterPoints { id agreements(includeInactive: true) { id } } } } }`
	seen := map[string]string{}
	see := func(kind, id any, whose string) {
		if n, ok := id.(float64); ok { // an agreement's id is a number
			id = int(n)
		}
		key := fmt.Sprint(kind, " ", id)
		if other, ok := seen[key]; ok && other != whose {
			t.Errorf("%s is both %s's and %s's", key, other, whose)
		}
		seen[key] = whose
	}
	found := simtest.Get(query(`query($s: String!) { occupierAccount(postcode: "NR3 1AB", shortcode: $s) { occupyToken } }`, map[string]any{"s": number[6:]}), "occupierAccount")
	occupier := *c
	occupier.Token = simtest.Get(found, "occupyToken").(string)
	for _, who := range []struct {
		c      *simtest.Client
		number string
	}{{c, "A-C90DC431"}, {&occupier, number}} {
		for _, p := range simtest.Get(mustQuery(t, who.c)(read, map[string]any{"n": who.number}), "account", "properties").([]any) {
			see("property", simtest.Get(p, "id"), who.number)
			for _, fuel := range []string{"electricityMeterPoints", "gasMeterPoints"} {
				for _, mp := range simtest.Get(p, fuel).([]any) {
					see("meter point", simtest.Get(mp, "id"), who.number)
					for _, ag := range simtest.Get(mp, "agreements").([]any) {
						see("agreement", simtest.Get(ag, "id"), who.number)
					}
				}
			}
		}
	}
	if len(seen) < 10 {
		t.Errorf("only %d ids read: %v", len(seen), seen)
	}
}
