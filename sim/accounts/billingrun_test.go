package accounts_test

import (
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/simtest"
	"github.com/krakensim/krakensim/sim/workdays"
)

// ledgerTx is a transaction as a ledger's history lists it.
type ledgerTx struct {
	id, typename, date string
	signed, carried    float64
}

// ledgerHistory reads every transaction on a ledger, oldest first, a page at a time.
func ledgerHistory(t *testing.T, c *simtest.Client, account string, ledger int) []ledgerTx {
	t.Helper()
	var out []ledgerTx
	after := ""
	for {
		data := mustData(t, c.Query(`query($a: String!, $l: Int, $after: String) { account(accountNumber: $a) {
			transactions(ledgerId: $l, orderBy: POSTED_DATE_ASC, first: 100, after: $after) { pageInfo { hasNextPage endCursor }
			edges { node { __typename id postedDate balanceCarriedForward amounts { net gross } } } } } }`,
			map[string]any{"a": account, "l": ledger, "after": after}))
		for _, e := range dig(data, "account.transactions.edges").([]any) {
			n := e.(map[string]any)["node"].(map[string]any)
			tx := ledgerTx{id: n["id"].(string), typename: n["__typename"].(string), date: n["postedDate"].(string), carried: n["balanceCarriedForward"].(float64)}
			switch tx.typename {
			case "Charge":
				tx.signed = -dig(n, "amounts.gross").(float64)
			case "Refund":
				tx.signed = -dig(n, "amounts.net").(float64)
			default:
				tx.signed = dig(n, "amounts.net").(float64)
			}
			out = append(out, tx)
		}
		if dig(data, "account.transactions.pageInfo.hasNextPage") != true {
			return out
		}
		after = dig(data, "account.transactions.pageInfo.endCursor").(string)
	}
}

// TestBillingRunsFromZero: every ledger of the demo user's accounts runs from what it
// held when the account opened to the balance state gives it now, each transaction
// carrying forward what the one before left plus itself: every one from zero, the
// electricity ledger's first charge the 6420 its first statement charged (posted on the
// statement's last day, as state lists no transaction for it); and each month of their billing charges each fuel once, on the
// period's last day.
func TestBillingRunsFromZero(t *testing.T) {
	c := billsClient(t)
	for _, tc := range []struct {
		account      string
		ledger       int
		opening, now float64
		charges      int
	}{
		{"A-C90DC431", 6100001, 0, 3100, 69},
		{"A-C90DC431", 6100002, 0, 1130, 68},
		{"A-7B3E9D12", 6100003, 0, -1580, 36},
	} {
		txs := ledgerHistory(t, c, tc.account, tc.ledger)
		if len(txs) == 0 {
			t.Fatalf("%s ledger %d has no transactions", tc.account, tc.ledger)
		}
		balance := tc.opening
		charged := map[string]int{}
		for _, tx := range txs {
			balance += tx.signed
			if math.Abs(balance-tx.carried) > 0.5 {
				t.Errorf("%s ledger %d: %s of %s carries forward %v; the ledger was at %v", tc.account, tc.ledger, tx.id, tx.date, tx.carried, balance)
				balance = tx.carried
			}
			if tx.typename == "Charge" && !strings.HasPrefix(tx.id, "BF") {
				charged[tx.date[:7]]++
			}
		}
		if balance != tc.now {
			t.Errorf("%s ledger %d ends at %v, want its balance %v", tc.account, tc.ledger, balance, tc.now)
		}
		for month, n := range charged {
			if n != 1 {
				t.Errorf("%s ledger %d: %d charges in %s", tc.account, tc.ledger, n, month)
			}
		}
		if len(charged) != tc.charges {
			t.Errorf("%s ledger %d: charges in %d months, want %d", tc.account, tc.ledger, len(charged), tc.charges)
		}
	}
}

// TestPaysOnReceipt: an account with no direct debit (a business paying by bank
// transfer) pays each statement's charges by its due date, sixteen days after its month
// ends (the next working day, when that is at a weekend or a bank holiday); its ledger still runs from zero to its balance (a lump sum state lists, and the
// balance brought forward when its billing began, make up the rest).
func TestPaysOnReceipt(t *testing.T) {
	c := billsClientWith(t, func(w *sim.World) {
		u := w.User("3235447")
		u.AccountNumbers = append(u.AccountNumbers, "A-B1A2C3D4")
	})
	txs := ledgerHistory(t, c, "A-B1A2C3D4", 6100006)
	bacs := workdays.For(london(t))
	balance := 0.0
	charged := map[string]float64{}
	transfers := 0
	for _, tx := range txs {
		balance += tx.signed
		if math.Abs(balance-tx.carried) > 0.5 {
			t.Fatalf("%s of %s carries forward %v; the ledger was at %v", tx.id, tx.date, tx.carried, balance)
		}
		if tx.typename == "Charge" && tx.id[0] == 'C' {
			due, _ := time.Parse(time.DateOnly, addDays(tx.date, 16))
			charged[bacs.Next(due).Format(time.DateOnly)] = -tx.signed // a transfer reaches the bank on a working day
		}
		if tx.typename == "Payment" && tx.id != "P5501005" {
			transfers++
			if charged[tx.date] != tx.signed {
				t.Errorf("a transfer of %v on %s; the statement due then charged %v", tx.signed, tx.date, charged[tx.date])
			}
		}
	}
	if balance != 18840 || transfers < 70 {
		t.Errorf("the ledger ends at %v after %d transfers, want 18840 after one a month since November 2018", balance, transfers)
	}
}

// addDays is date n days on.
func addDays(date string, n int) string {
	d, _ := time.Parse(time.DateOnly, date)
	return d.AddDate(0, 0, n).Format(time.DateOnly)
}

// TestDirectDebitsOnTheirDay: each direct debit schedule collected its amount on its
// payment day every month it was in force until yesterday (2 June 2025): 8900 on the
// 1st from October 2019 to December 2023, then 11000 on the 15th, where state's own
// payments of January and February 2025 stand for those months; and each collection
// is a payment of the account, shared between its two fuels' ledgers; a card payment
// the ledger holds (imported) is a payment too.
func TestDirectDebitsOnTheirDay(t *testing.T) {
	c := billsClient(t)
	data := mustData(t, c.Query(`{ account(accountNumber: "A-C90DC431") { payments(first: 100) { totalCount
		edges { node { id amount paymentDate status transactionType } } } } }`, nil))
	got, card := map[string]string{}, false
	for _, e := range dig(data, "account.payments.edges").([]any) {
		n := e.(map[string]any)["node"].(map[string]any)
		if n["transactionType"] == "DEBIT_CARD" {
			card = true // the card payment imported into the ledger (transaction "1")
			if n["id"] != "1" || n["paymentDate"] != "2019-10-01" || n["amount"] != 7100.0 {
				t.Errorf("the imported card payment: %v", n)
			}
			continue
		}
		got[n["paymentDate"].(string)] = fmt.Sprintf("%v %v %v", n["amount"], n["status"], n["transactionType"])
	}
	if !card {
		t.Error("the card payment the ledger holds (transaction 1) is not among the payments")
	}
	want := map[string]string{}
	bacs := workdays.For(london(t))
	working := func(y, m, d int) string { // Bacs collects on working days: not at weekends or on bank holidays
		return bacs.Next(time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)).Format(time.DateOnly)
	}
	for y := 2019; y <= 2025; y++ {
		for m := 1; m <= 12; m++ {
			ym := fmt.Sprintf("%d-%02d", y, m)
			switch {
			case ym >= "2019-10" && ym <= "2022-03":
				want[working(y, m, 1)] = "8900 CLEARED DD_REGULAR_COLLECTION"
			case ym >= "2022-04" && ym <= "2023-12": // raised for the 2022 crisis's prices
				want[working(y, m, 1)] = "14500 CLEARED DD_REGULAR_COLLECTION"
			case ym == "2025-01" || ym == "2025-02": // state's own payments, on the 15th
				want[ym+"-15"] = "11000 CLEARED DD_REGULAR_COLLECTION"
			case ym >= "2024-01" && ym <= "2025-05":
				want[working(y, m, 15)] = "11000 CLEARED DD_REGULAR_COLLECTION"
			}
		}
	}
	want["2025-06-15"] = "11000 SCHEDULED DD_REGULAR_COLLECTION"
	if !reflect.DeepEqual(got, want) {
		for d, w := range want {
			if got[d] != w {
				t.Errorf("payment of %s: %q, want %q", d, got[d], w)
			}
		}
		for d, g := range got {
			if _, ok := want[d]; !ok {
				t.Errorf("payment of %s: %q, want none", d, g)
			}
		}
	}
	parts := map[int]float64{}
	for _, l := range []int{6100001, 6100002} {
		for _, tx := range ledgerHistory(t, c, "A-C90DC431", l) {
			if tx.date == "2021-03-01" && tx.typename == "Payment" { // a Monday
				parts[l] += tx.signed
			}
		}
	}
	if parts[6100001] <= 0 || parts[6100002] <= 0 || parts[6100001]+parts[6100002] != 8900 {
		t.Errorf("the collection of 1 March 2021 is posted as %v, want 8900 shared between both ledgers", parts)
	}
}

// TestChargesFollowTheTariff: a month's charge is its use at the agreement in force, so
// two months under one agreement charge the same a kWh, and a new agreement from 1
// January 2022 (a variable tariff after a fixed one) another; its use follows the
// seasons, more in January than in July.
func TestChargesFollowTheTariff(t *testing.T) {
	c := billsClientWith(t, func(w *sim.World) {
		mp := &w.Account("A-C90DC431").Properties[0].ElectricityMeterPoints[0]
		mp.Agreements = append([]sim.Agreement{{ID: "9100009", TariffCode: "E-1R-FIX-12M-19-09-29-A", ProductCode: "FIX-12M-19-09-29",
			ValidFrom: "2019-10-01", ValidTo: "2022-01-01"}}, mp.Agreements...)
		mp.Agreements[1].ValidFrom = "2022-01-01"
	})
	data := mustData(t, c.Query(`{ account(accountNumber: "A-C90DC431") { transactions(ledgerId: 6100001, fromDate: "2021-07-01", toDate: "2022-03-01", first: 50) {
		edges { node { __typename postedDate ... on Charge { consumption { quantity usageCost } } } } } } }`, nil))
	price, use := map[string]float64{}, map[string]float64{}
	for _, e := range dig(data, "account.transactions.edges").([]any) {
		n := e.(map[string]any)["node"].(map[string]any)
		if n["__typename"] != "Charge" {
			continue
		}
		q, _ := strconv.ParseFloat(dig(n, "consumption.quantity").(string), 64)
		month := n["postedDate"].(string)[:7]
		price[month], use[month] = dig(n, "consumption.usageCost").(float64)/q, q
	}
	same := func(x, y float64) bool { return math.Abs(x-y) < 0.05 }
	if len(price) != 8 || !same(price["2021-10"], price["2021-11"]) || !same(price["2021-11"], price["2021-12"]) ||
		!same(price["2022-01"], price["2022-02"]) || same(price["2021-12"], price["2022-01"]) {
		t.Errorf("pence a kWh %v: want one price under each agreement, and another from January 2022", price)
	}
	if use["2022-01"] < 1.3*use["2021-07"] {
		t.Errorf("January used %.1f kWh and July %.1f", use["2022-01"], use["2021-07"])
	}
}

// TestBillsStayWhenTheScheduleChanges: a direct debit changed from today changes what
// is collected from today, not the statements already closed.
func TestBillsStayWhenTheScheduleChanges(t *testing.T) {
	c := billsClient(t)
	const q = `{ account(accountNumber: "A-C90DC431") { bills(first: 100) { edges { node { id
		... on StatementType { openingBalance closingBalance totalCharges { grossTotal } totalCredits { grossTotal } } } } } } }`
	before := mustData(t, c.Query(q, nil))
	mustData(t, c.Query(`mutation { createAccountPaymentSchedule(input: {accountNumber: "A-C90DC431", ledgerNumber: "L-6B2F0A1C", paymentAmount: 12000}) { schedule { id } } }`, nil))
	if after := mustData(t, c.Query(q, nil)); !reflect.DeepEqual(before, after) {
		t.Errorf("the closed statements changed with the schedule")
	}
}

// BenchmarkBillingRuns reads a year of the demo account's bills, a page of its
// transactions and of its smart meter's readings: its billing since 2019 (68 months, two fuels, two schedules) is worked
// out once a request.
func BenchmarkBillingRuns(b *testing.B) {
	benchQueries(b, billsClientWith(b, nil), []struct{ name, query string }{
		{"bills", `{ account(accountNumber: "A-C90DC431") { bills(first: 12) { edges { node { id
		... on StatementType { openingBalance closingBalance totalCharges { grossTotal } totalCredits { grossTotal } } } } } } }`},
		{"transactions", `{ account(accountNumber: "A-C90DC431") { transactions(first: 10) { edges { node { id balanceCarriedForward billingDocumentIdentifier } } } } }`},
		{"readings", `{ account(accountNumber: "A-C90DC431") { properties { electricityMeterPoints { meters { readings(first: 10) { edges { node { readAt registers { value } } } } } } } } }`},
	})
}

// TestBillingIsBounded: an account supplied for two centuries is billed for the latest
// twenty years, not for every month since; one whose state lists statements to come has
// been billed by state alone; and one still joining, never supplied, has not been billed.
func TestBillingIsBounded(t *testing.T) {
	c := billsClientWith(t, func(w *sim.World) {
		a := w.Account("A-C90DC431")
		a.CreatedAt, a.Statements = time.Date(1825, 1, 1, 0, 0, 0, 0, time.UTC), nil
		a.Properties[0].ElectricityMeterPoints[0].Meters[0].ActiveFrom = "1825-01-01"
		a.Properties[0].OccupiedFrom = "1825-01-01"
		b := w.Account("A-7B3E9D12")
		b.Statements = []sim.Statement{{ID: "9", BillPeriodFrom: "2025-05-03", BillPeriodTo: "2025-07-02", StatementPath: "s.pdf"}}
		u := w.User("3235447")
		u.AccountNumbers = append(u.AccountNumbers, "A-9D8E7F60")
	})
	data := mustData(t, c.Query(`{ a: account(accountNumber: "A-C90DC431") { bills { totalCount } }
		joining: account(accountNumber: "A-9D8E7F60") { bills(includeOpenStatements: true) { totalCount } billingOptions { isFixed } }
		b: account(accountNumber: "A-7B3E9D12") { bills { totalCount edges { node { id } } } } }`, nil))
	if got := dig(data, "a.bills.totalCount"); got != 240.0 {
		t.Errorf("an account opened in 1825 has %v statements, want the latest 240", got)
	}
	if got := dig(data, "joining.bills.totalCount"); got != 1.0 || dig(data, "joining.billingOptions.isFixed") != false {
		t.Errorf("an account not yet supplied has %v bills (billed flexibly: %v), want its open statement alone", got, dig(data, "joining.billingOptions.isFixed"))
	}
	if got := dig(data, "b.bills.edges.0.node.id"); dig(data, "b.bills.totalCount") != 1.0 || got != "9" {
		t.Errorf("an account whose state lists a statement to July 2025 has bills %v", dig(data, "b.bills"))
	}
}

// TestATopUpIsNoCollection: a card payment state lists on a direct debit's day is a
// payment of its own, beside that month's collection, not the collection.
func TestATopUpIsNoCollection(t *testing.T) {
	c := billsClientWith(t, func(w *sim.World) {
		a := w.Account("A-C90DC431")
		a.Payments = append(a.Payments, sim.Payment{ID: "5501090", LedgerNumber: "L-6B2F0A1C", Amount: 2500, PaymentDate: "2021-03-01",
			Status: "CLEARED", TransactionType: "DEBIT_CARD"})
	})
	data := mustData(t, c.Query(`{ account(accountNumber: "A-C90DC431") { payments(first: 100) { edges { node { amount paymentDate transactionType } } } } }`, nil))
	var got []string
	for _, e := range dig(data, "account.payments.edges").([]any) {
		if n := e.(map[string]any)["node"].(map[string]any); n["paymentDate"] == "2021-03-01" {
			got = append(got, fmt.Sprint(n["amount"], " ", n["transactionType"]))
		}
	}
	if want := []string{"2500 DEBIT_CARD", "8900 DD_REGULAR_COLLECTION"}; !reflect.DeepEqual(got, want) {
		t.Errorf("payments of 1 March 2021: %v, want %v", got, want)
	}
}

// TestBillingTakesOddState: state a fixture or an import may hold (a ledger of no fuel,
// a schedule on the 31st or of nothing, an agreement with no start, a statement whose
// dates do not parse, an account opened in the future) bills what it can, answers every
// field without error, and keeps each statement opening where the one before closed.
func TestBillingTakesOddState(t *testing.T) {
	for _, tc := range []struct {
		name string
		edit func(a *sim.Account)
	}{
		{"a ledger of no fuel", func(a *sim.Account) {
			a.Ledgers = append(a.Ledgers, sim.Ledger{ID: "6199999", Number: "L-ODD", LedgerType: "CHARGING_LEDGER", Balance: 500})
		}},
		{"no ledgers", func(a *sim.Account) {
			a.Ledgers = nil
			for i := range a.PaymentSchedules {
				a.PaymentSchedules[i].LedgerNumber = ""
			}
			for i := range a.Payments {
				a.Payments[i].LedgerNumber = ""
			}
		}},
		{"a schedule on the 31st and one of nothing", func(a *sim.Account) {
			a.PaymentSchedules[0].PaymentDay = 31
			a.PaymentSchedules[1].PaymentAmount = 0
		}},
		{"an agreement with no start", func(a *sim.Account) {
			a.Properties[0].ElectricityMeterPoints[0].Agreements[0].ValidFrom = ""
		}},
		{"a statement whose dates do not parse", func(a *sim.Account) {
			a.Statements[0].BillPeriodFrom, a.Statements[0].BillPeriodTo = "2019-09-xx", "later"
		}},
		{"opened in the future", func(a *sim.Account) { a.CreatedAt = time.Date(2031, 1, 1, 0, 0, 0, 0, time.UTC) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := billsClientWith(t, func(w *sim.World) { tc.edit(w.Account("A-C90DC431")) })
			data := mustData(t, c.Query(`{ account(accountNumber: "A-C90DC431") { balance
				billingOptions { currentBillingPeriodStartDate }
				bills(first: 100, includeOpenStatements: true) { edges { node { id fromDate ... on StatementType { openingBalance closingBalance } } } }
				transactions(first: 20) { edges { node { id amounts { net } balanceCarriedForward } } }
				payments(first: 20) { edges { node { id amount } } } } }`, nil))
			bills := dig(data, "account.bills.edges").([]any)
			for i := 1; i < len(bills); i++ {
				newer, older := dig(bills[i-1], "node"), dig(bills[i], "node")
				if closing := dig(older, "closingBalance"); closing != nil && dig(newer, "openingBalance") != closing {
					t.Errorf("statement %v opens at %v; the one before, %v, closed at %v", dig(newer, "id"), dig(newer, "openingBalance"), dig(older, "id"), closing)
				}
			}
		})
	}
}

// TestSmartReadsFollowMeasuredBilling: a smart meter reads on each billing date, the use
// between two reads the charge between them; where the direct debits are too far from
// the use measured for that (halved here), the use billed is scaled and so is the
// register the reads show, on from state's latest smart reading.
func TestSmartReadsFollowMeasuredBilling(t *testing.T) {
	const q = `{ account(accountNumber: "A-C90DC431") { properties { electricityMeterPoints { meters {
		readings(first: 3) { totalCount edges { node { readAt source registers { value } } } } } } } } }`
	for _, tc := range []struct {
		name   string
		edit   func(*sim.World)
		count  float64
		latest string
	}{
		{"measured", func(*sim.World) {}, 69, "2025-06-01T00:00:00+01:00 SMART_METER"},
		{"scaled", func(w *sim.World) {
			for i := range w.Account("A-C90DC431").PaymentSchedules {
				w.Account("A-C90DC431").PaymentSchedules[i].PaymentAmount /= 2
			}
		}, 69, "2025-06-01T00:00:00+01:00 SMART_METER"},
	} {
		data := mustData(t, billsClientWith(t, tc.edit).Query(q, nil))
		r := dig(data, "account.properties.0.electricityMeterPoints.0.meters.0.readings")
		if got := fmt.Sprint(dig(r, "edges.0.node.readAt"), " ", dig(r, "edges.0.node.source")); dig(r, "totalCount") != tc.count || got != tc.latest {
			t.Errorf("%s: %v readings, the latest %s; want %v, the latest %s", tc.name, dig(r, "totalCount"), got, tc.count, tc.latest)
		}
	}
}

// TestStatementsIssuedOnTheirDay reads the demo account's statements around the end of
// November: the month is billed, and its statement listed, only on its issue date two
// days after it ends (due fourteen days after that), never earlier with an earlier date.
func TestStatementsIssuedOnTheirDay(t *testing.T) {
	c := billsClient(t)
	const q = `{ account(accountNumber: "A-C90DC431") { bills(first: 1) { edges { node { fromDate toDate issuedDate ... on StatementType { paymentDueDate } } } } } }`
	now := clockStart
	for _, tc := range []struct {
		at   time.Time
		want string
	}{
		{time.Date(2026, 12, 1, 0, 0, 30, 0, time.UTC), "2026-10-01 2026-10-31 2026-11-02 2026-11-16"},
		{time.Date(2026, 12, 1, 23, 59, 0, 0, time.UTC), "2026-10-01 2026-10-31 2026-11-02 2026-11-16"},
		{time.Date(2026, 12, 2, 0, 0, 30, 0, time.UTC), "2026-11-01 2026-11-30 2026-12-02 2026-12-16"},
	} {
		c.AdvanceClock(tc.at.Sub(now))
		now = tc.at
		c.SignIn("demo@krakensim.dev", "krakensim")
		n := dig(mustData(t, c.Query(q, nil)), "account.bills.edges").([]any)[0].(map[string]any)["node"].(map[string]any)
		if got := fmt.Sprint(n["fromDate"], " ", n["toDate"], " ", n["issuedDate"], " ", n["paymentDueDate"]); got != tc.want {
			t.Errorf("%v: the latest statement %s, want %s", tc.at, got, tc.want)
		}
	}
}

// TestLedgersOwnTransactionsAddUp reads each of the demo account's ledgers' own
// transactions, newest first, as a per-ledger reconciliation does: the newest carries
// forward the ledger's balance, and each the one after it less itself, the other fuel's
// ledger apart.
func TestLedgersOwnTransactionsAddUp(t *testing.T) {
	c := billsClient(t)
	data := mustData(t, c.Query(`{ account(accountNumber: "A-C90DC431") { ledgers { number balance transactions(first: 30) {
		edges { node { __typename id balanceCarriedForward amounts { net gross } } } } } } }`, nil))
	ledgers := dig(data, "account.ledgers").([]any)
	if len(ledgers) != 2 {
		t.Fatalf("%d ledgers", len(ledgers))
	}
	for _, l := range ledgers {
		edges := dig(l, "transactions.edges").([]any)
		if len(edges) < 10 {
			t.Fatalf("ledger %v lists %d transactions", dig(l, "number"), len(edges))
		}
		want := dig(l, "balance").(float64)
		for _, e := range edges {
			n := e.(map[string]any)["node"].(map[string]any)
			if n["balanceCarriedForward"] != want {
				t.Fatalf("ledger %v: %v carries forward %v, want %v", dig(l, "number"), n["id"], n["balanceCarriedForward"], want)
			}
			switch n["__typename"] {
			case "Charge":
				want += dig(n, "amounts.gross").(float64)
			case "Refund":
				want += dig(n, "amounts.net").(float64)
			default:
				want -= dig(n, "amounts.net").(float64)
			}
		}
	}
}

// london is the Octopus tenant's zone.
func london(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// TestFinalChargeEndsWithTheSupply: after a move out on 20 December, December's charge
// covers the days supplied, to the 20th, posted with the final statement ending then, and
// no direct debit follows.
func TestFinalChargeEndsWithTheSupply(t *testing.T) {
	c := tenantClient(t, time.Date(2026, 12, 6, 9, 0, 0, 0, time.UTC))
	mustData(t, c.Query(`mutation { moveOut(input: {accountNumber: "A-C90DC431", propertyId: "2214531", moveOutDate: "2026-12-20"}) { account { number } } }`, nil))
	c.AdvanceClock(40 * 24 * time.Hour) // 15 January 2027, a payment day
	c.SignIn("demo@krakensim.dev", "krakensim")
	data := mustData(t, c.Query(`{ account(accountNumber: "A-C90DC431") { payments(first: 1) { edges { node { paymentDate } } }
		ledgers { transactions(first: 1) { edges { node { ... on Charge { postedDate consumption { startDate endDate } } } } } } } }`, nil))
	for i := range 2 {
		node := fmt.Sprintf("account.ledgers.%d.transactions.edges.0.node.", i)
		if got := fmt.Sprint(dig(data, node+"postedDate"), " ", dig(data, node+"consumption.startDate"), " ", dig(data, node+"consumption.endDate")); got != "2026-12-20 2026-12-01 2026-12-20" {
			t.Errorf("ledger %d's last charge: %s, want December's to the 20th", i, got)
		}
	}
	if got := dig(data, "account.payments.edges.0.node.paymentDate"); got != "2026-12-15" {
		t.Errorf("the newest payment is of %v, want 15 December's, the last before the move", got)
	}
}
