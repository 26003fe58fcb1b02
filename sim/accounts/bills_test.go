package accounts_test

import (
	"fmt"
	"math"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/dataimport"
	"github.com/krakensim/krakensim/sim/simtest"
)

// billsClient is a client of a tenant whose AccountType has Kraken's bills.
func billsClient(t *testing.T, sdl ...string) *simtest.Client {
	t.Helper()
	return billsClientWith(t, nil, sdl...)
}

// billsClientAt is billsClient with the session's clock starting at at.
func billsClientAt(t *testing.T, at time.Time) *simtest.Client {
	t.Helper()
	b, err := os.ReadFile("testdata/bills.graphql")
	if err != nil {
		t.Fatal(err)
	}
	return tenantClient(t, at, string(b))
}

// billsClientWith is billsClient over the default fixtures as edit changes them.
func billsClientWith(t testing.TB, edit func(*sim.World), sdl ...string) *simtest.Client {
	t.Helper()
	b, err := os.ReadFile("testdata/bills.graphql")
	if err != nil {
		t.Fatal(err)
	}
	return tenantClientWith(t, clockStart, edit, append([]string{string(b)}, sdl...)...)
}

// docPath is the path of a document's signed URL (a statement's temporaryUrl) on the
// host the request came to, whose query changes with the session; any other value as
// it is.
func docPath(v any) any {
	s, ok := v.(string)
	if !ok || !strings.Contains(s, "/documents/") {
		return v
	}
	u, err := url.Parse(s)
	if err != nil || u.Host == "" || u.Query().Get("signature") == "" {
		return v
	}
	return u.Path
}

const billsQuery = `{ account(accountNumber: "A-C90DC431") {
	bills(first: 10 %s) { edges { node { __typename id billType fromDate toDate issuedDate temporaryUrl
	... on StatementType { status openingBalance closingBalance paymentDueDate toAddress reversalsAfterClose
		totalCharges { netTotal taxTotal grossTotal } totalCredits { grossTotal }
		transactions { edges { node { __typename id amounts { net } } } } } } } } } }`

// bills asks for the demo account's bills with args and returns their nodes.
func bills(t *testing.T, c *simtest.Client, args string) []map[string]any {
	t.Helper()
	q := strings.Replace(billsQuery, "%s", args, 1)
	if strings.Contains(args, "first:") {
		q = strings.Replace(q, "first: 10 ", "", 1)
	}
	var out []map[string]any
	for _, e := range dig(mustData(t, c.Query(q, nil)), "account.bills.edges").([]any) {
		out = append(out, e.(map[string]any)["node"].(map[string]any))
	}
	return out
}

func ids(nodes []map[string]any) []string {
	out := []string{}
	for _, n := range nodes {
		out = append(out, n["id"].(string))
	}
	return out
}

// TestBillsAreTheStatements: a tenant's bills are the account's statements: those state
// lists and those its monthly billing closed since, to the period that holds today
// (2 June 2025), the closed ones by default, the open one when asked, filtered by
// Kraken's arguments. Their balances are the account's (a dual-fuel account's statement
// charges both fuels' ledgers): the first statement opens at zero, each opens at what
// the one before closed at, and the last closes at the account's balance now (4230,
// the electricity ledger's 3100 and the gas ledger's 1130); what the electricity
// ledger's first transaction after the first statement carries forward follows it.
func TestBillsAreTheStatements(t *testing.T) {
	c := billsClient(t)
	for _, tc := range []struct {
		args string
		want []string
	}{
		{"", []string{"1069", "1068", "1067", "1066", "1065", "1064", "1063", "1062", "1061", "1060"}},
		{"includeOpenStatements: true, fromDate: \"2025-05-01\"", []string{"1070", "1069"}},
		{"includeOpenStatements: true, orderBy: ISSUED_DATE_DESC, fromDate: \"2025-05-01\"", []string{"1070", "1069"}},
		{"includeOpenStatements: true, toDate: \"2019-11-01\"", []string{"1002", "1001"}},
		{"toDate: \"2019-09-01\"", []string{}},
		{"issuedFromDate: \"2025-06-02\"", []string{"1069"}},
		{"issuedFromDate: \"2025-06-03\"", []string{}},
		{"issuedFromDate: \"2019-10-02\", issuedToDate: \"2019-11-03\"", []string{"1002", "1001"}},
		{"issuedToDate: \"2019-10-02\"", []string{}},
	} {
		if got := ids(bills(t, c, tc.args)); !slices.Equal(got, tc.want) {
			t.Errorf("bills(%s) = %v, want %v", tc.args, got, tc.want)
		}
	}
	nodes := bills(t, c, "includeOpenStatements: true, fromDate: \"2025-05-01\"")
	open, last := nodes[0], nodes[1]
	first := bills(t, c, "toDate: \"2019-10-01\"")[0]
	for _, tc := range []struct {
		node  map[string]any
		field string
		want  any
	}{
		{first, "__typename", "StatementType"},
		{first, "billType", "STATEMENT"},
		{first, "status", "CLOSED"},
		{first, "fromDate", "2019-09-01"},
		{first, "toDate", "2019-09-30"},
		{first, "issuedDate", "2019-10-02"},
		{first, "paymentDueDate", "2019-10-16"},
		{first, "temporaryUrl", "/documents/statements/A-C90DC431/1001.pdf"},
		{first, "openingBalance", 0.0},
		{first, "closingBalance", -6420.0},
		{first, "totalCharges.grossTotal", 6420.0},
		{first, "totalCharges.netTotal", 6114.0},
		{first, "totalCharges.taxTotal", 306.0},
		{first, "toAddress", "demo@krakensim.dev"},
		{first, "reversalsAfterClose", "NONE"},
		{last, "status", "CLOSED"},
		{last, "fromDate", "2025-05-01"},
		{last, "toDate", "2025-05-31"},
		{last, "issuedDate", "2025-06-02"},
		{last, "paymentDueDate", "2025-06-16"},
		{last, "temporaryUrl", "/documents/statements/A-C90DC431/1069.pdf"},
		{last, "closingBalance", 4230.0},
		{open, "status", "OPEN"},
		{open, "fromDate", "2025-06-01"},
		{open, "toDate", nil},
		{open, "issuedDate", nil},
		{open, "temporaryUrl", nil},
		{open, "openingBalance", 4230.0},
		{open, "closingBalance", nil},
		{open, "totalCredits.grossTotal", 0.0},
		{open, "reversalsAfterClose", "NOT_CLOSED"},
	} {
		if got := docPath(dig(tc.node, tc.field)); got != tc.want {
			t.Errorf("bill %v: %s = %v, want %v", tc.node["id"], tc.field, got, tc.want)
		}
	}
	all := bills(t, c, "first: 100")
	if len(all) != 69 {
		t.Fatalf("%d closed statements from September 2019 to May 2025, want 69", len(all))
	}
	for i := 1; i < len(all); i++ {
		newer, older := all[i-1], all[i]
		if newer["openingBalance"] != older["closingBalance"] || addDay(older["toDate"].(string)) != newer["fromDate"] {
			t.Errorf("statement %v (%v, opens at %v) does not follow %v (to %v, closes at %v)", newer["id"], newer["fromDate"],
				newer["openingBalance"], older["id"], older["toDate"], older["closingBalance"])
		}
		// Its payments are in no total, as a captured statement's direct debit is.
		charges, credits, paid := dig(newer, "totalCharges.grossTotal").(float64), dig(newer, "totalCredits.grossTotal").(float64), 0.0
		for _, e := range dig(newer, "transactions.edges").([]any) {
			if n := e.(map[string]any)["node"].(map[string]any); n["__typename"] == "Payment" {
				paid += dig(n, "amounts.net").(float64)
			}
		}
		if newer["openingBalance"].(float64)-charges+credits+paid != newer["closingBalance"] || charges <= 0 {
			t.Errorf("statement %v: %v − %v + %v + %v paid ≠ %v", newer["id"], newer["openingBalance"], charges, credits, paid, newer["closingBalance"])
		}
	}
	firstTx := dig(mustData(t, c.Query(`{ account(accountNumber: "A-C90DC431") { transactions(orderBy: POSTED_DATE_ASC, first: 1, ledgerId: 6100001) {
		edges { node { id postedDate amounts { net } balanceCarriedForward } } } } }`, nil)), "account.transactions.edges.0.node").(map[string]any)
	// State lists no transaction for statement 1001's charge: it is posted on its last day.
	if firstTx["id"] != "S1001" || firstTx["postedDate"] != "2019-09-30" || firstTx["balanceCarriedForward"] != first["closingBalance"] || first["openingBalance"] != 0.0 {
		t.Errorf("statement 1001 opens at %v and closes at %v; its charge %v of %v carries forward %v",
			first["openingBalance"], first["closingBalance"], firstTx["id"], firstTx["postedDate"], firstTx["balanceCarriedForward"])
	}
}

// addDay is the day after a date.
func addDay(date string) string {
	d, _ := time.Parse(time.DateOnly, date)
	return d.AddDate(0, 0, 1).Format(time.DateOnly)
}

// TestImportedStatementsAreBills: a statement imported through the data-import API as
// historical is a pre-Kraken bill in the same session, numbered above every bill shown
// (the open one's included), left out when historic statements are not asked for, and
// does not move the open statement or its id.
func TestImportedStatementsAreBills(t *testing.T) {
	c := billsClient(t)
	open := bills(t, c, "includeOpenStatements: true")[0]["id"].(string)
	n, _ := strconv.Atoi(open)
	imported := strconv.Itoa(n + 1)
	body, err := os.ReadFile("../dataimport/testdata/payloads/historical-statements.json")
	if err != nil {
		t.Fatal(err)
	}
	imp := *c
	imp.Token, imp.Header = "", http.Header{"Authorization": {"Token krakensim-import-key"}}
	if status, b := imp.Do("POST", dataimport.PathStatements, body); status != http.StatusCreated {
		t.Fatalf("import: %d %s", status, b)
	}
	nodes := bills(t, c, `fromDate: "2022-01-01", toDate: "2022-02-01"`)
	if got := ids(nodes); !slices.Equal(got, []string{imported, "1029"}) {
		t.Fatalf("bills of January 2022: %v, want [%s 1029]", got, imported)
	}
	for field, want := range map[string]any{"__typename": "PreKrakenBillType", "billType": "PRE_KRAKEN",
		"fromDate": "2022-01-01", "toDate": "2022-01-31", "issuedDate": "2022-02-02",
		"temporaryUrl": "/documents/statements/A-C90DC431/" + imported + ".pdf"} {
		if got := docPath(nodes[0][field]); got != want {
			t.Errorf("imported bill: %s = %v, want %v", field, got, want)
		}
	}
	if got := bills(t, c, "includeOpenStatements: true")[0]; got["fromDate"] != "2025-06-01" || got["id"] != open {
		t.Errorf("the open statement is %v from %v after the import, want %s from 2025-06-01", got["id"], got["fromDate"], open)
	}
	if got := ids(bills(t, c, `includeHistoricStatements: false, fromDate: "2022-01-01", toDate: "2022-02-01"`)); !slices.Equal(got, []string{"1029"}) {
		t.Errorf("without historic statements: %v, want [1029]", got)
	}
}

// TestBillTaxIsTheTenants: a tenant whose SDL speaks of GST splits a statement's charges
// at 10%, not at UK VAT, and its tariffs' prices with tax are 10% above those without.
func TestBillTaxIsTheTenants(t *testing.T) {
	c := billsClient(t, `"""A price including GST."""
type PriceWithGst { cents: Int }
extend type Query { price: PriceWithGst }`)
	closed := bills(t, c, `toDate: "2019-10-01"`)[0]
	if net, tax := dig(closed, "totalCharges.netTotal"), dig(closed, "totalCharges.taxTotal"); net != 5836.0 || tax != 584.0 {
		t.Errorf("net %v and tax %v of 6420, want 5836 and 584", net, tax)
	}
	data := mustData(t, c.Query(`{ account(accountNumber: "A-C90DC431") { properties { electricityMeterPoints { agreements {
		tariff { ... on StandardTariff { unitRate preVatUnitRate standingCharge preVatStandingCharge } } } } } } }`, nil))
	tariff := dig(data, "account.properties.0.electricityMeterPoints.0.agreements.0.tariff").(map[string]any)
	for taxed, net := range map[string]string{"unitRate": "preVatUnitRate", "standingCharge": "preVatStandingCharge"} {
		with, without := tariff[taxed].(float64), tariff[net].(float64)
		if math.Abs(with-without*1.10) > 0.006 {
			t.Errorf("%s %v is not %s %v with GST", taxed, with, net, without)
		}
	}
}

// TestBillingOptions: an account billed monthly from the 1st is in the period that holds
// today (2 June 2025) and is next billed on the 1st of July; one without a statement in
// state has been billed monthly since its supply began (15 May 2022), and one opened
// this month has no statement yet and is billed flexibly, with no end or next date, as
// Kraken documents.
func TestBillingOptions(t *testing.T) {
	c := billsClientWith(t, func(w *sim.World) {
		fresh := w.Account("A-9D8E7F60")
		fresh.CreatedAt = clockStart.AddDate(0, 0, -10)
		w.User("3235447").AccountNumbers = append(w.User("3235447").AccountNumbers, fresh.Number)
	})
	data := mustData(t, c.Query(`{ a: account(accountNumber: "A-C90DC431") { billingOptions { periodStartDay periodLength isFixed
		currentBillingPeriodStartDate currentBillingPeriodEndDate nextBillingDate } }
		b: account(accountNumber: "A-7B3E9D12") { billingOptions { periodStartDay isFixed currentBillingPeriodStartDate currentBillingPeriodEndDate nextBillingDate } }
		c: account(accountNumber: "A-9D8E7F60") { billingOptions { isFixed currentBillingPeriodStartDate currentBillingPeriodEndDate nextBillingDate } } }`, nil))
	for path, want := range map[string]any{
		"a.billingOptions.periodStartDay": 1.0, "a.billingOptions.periodLength": "MONTHLY", "a.billingOptions.isFixed": true,
		"a.billingOptions.currentBillingPeriodStartDate": "2025-06-01", "a.billingOptions.currentBillingPeriodEndDate": "2025-06-30",
		"a.billingOptions.nextBillingDate": "2025-07-01",
		"b.billingOptions.periodStartDay":  15.0, "b.billingOptions.isFixed": true, "b.billingOptions.currentBillingPeriodStartDate": "2025-05-15",
		"b.billingOptions.currentBillingPeriodEndDate": "2025-06-14", "b.billingOptions.nextBillingDate": "2025-06-15",
		"c.billingOptions.isFixed": false, "c.billingOptions.currentBillingPeriodStartDate": "2025-05-23",
		"c.billingOptions.currentBillingPeriodEndDate": nil, "c.billingOptions.nextBillingDate": nil,
	} {
		if got := dig(data, path); got != want {
			t.Errorf("%s = %v, want %v", path, got, want)
		}
	}
}

// TestPaymentForecast: the forecast is the active schedule's 11000 on the 15th of each
// month from today (2 June 2025) to the end date, numbered from 1; the gas ledger has
// no schedule; the paginated forecast pages the same list; and the refund the account
// can ask for is its balance above one month's payment.
func TestPaymentForecast(t *testing.T) {
	c := billsClient(t)
	data := mustData(t, c.Query(`{ account(accountNumber: "A-C90DC431") {
		main: paymentForecast(dateTo: "2025-09-30") { paymentNumber date amount method }
		gas: paymentForecast(dateTo: "2025-09-30", ledgerId: 6100002) { date }
		paginatedPaymentForecast(dateTo: "2025-09-30", first: 1) { totalCount edges { node { date } } }
		maximumRefund { amount recommendedBalance reasonToRecommendAmount } } }`, nil))
	var dates []string
	for i, p := range dig(data, "account.main").([]any) {
		p := p.(map[string]any)
		if p["paymentNumber"] != float64(i+1) || p["amount"] != 11000.0 || p["method"] != "DIRECT_DEBIT" {
			t.Errorf("payment %d: %v", i+1, p)
		}
		dates = append(dates, p["date"].(string))
	}
	if want := []string{"2025-06-15", "2025-07-15", "2025-08-15", "2025-09-15"}; !slices.Equal(dates, want) {
		t.Errorf("forecast dates %v, want %v", dates, want)
	}
	for path, want := range map[string]any{
		"account.gas.0": nil, "account.paginatedPaymentForecast.totalCount": 4.0,
		"account.paginatedPaymentForecast.edges.0.node.date": "2025-06-15",
		"account.maximumRefund.amount":                       0.0, "account.maximumRefund.recommendedBalance": 11000.0,
		"account.maximumRefund.reasonToRecommendAmount": "MAX_AVAILABLE_AMOUNT",
	} {
		if got := dig(data, path); got != want {
			t.Errorf("%s = %v, want %v", path, got, want)
		}
	}
}

// TestBillByID: bill(id:) finds any of the account's bills, the open one included, and
// nothing for an id or type it does not have.
func TestBillByID(t *testing.T) {
	c := billsClient(t)
	data := mustData(t, c.Query(`{ account(accountNumber: "A-C90DC431") {
		closed: bill(id: "1001") { id billType fromDate }
		open: bill(id: "1070") { id ... on StatementType { status } }
		wrongType: bill(id: "1001", billType: PRE_KRAKEN) { id }
		unknown: bill(id: "9") { id } } }`, nil))
	for path, want := range map[string]any{
		"account.closed.billType": "STATEMENT", "account.closed.fromDate": "2019-09-01",
		"account.open.status": "OPEN", "account.wrongType": nil, "account.unknown": nil,
	} {
		if got := dig(data, path); got != want {
			t.Errorf("%s = %v, want %v", path, got, want)
		}
	}
}

// TestLedgerHistory: the payments that cleared are posted to their ledger beside its
// transactions and the charges and collections of its monthly billing; a transaction
// in a closed statement's period names that statement, one in the open period the open one;
// and each carries forward the ledger's balance now (3100) less what was posted after
// it, which runs from zero: a charge state lists for September 2019 (the 6420 its first
// statement states) left the ledger at −6420.
func TestLedgerHistory(t *testing.T) {
	c := billsClientWith(t, func(w *sim.World) {
		a := w.Account("A-C90DC431")
		a.Transactions = append(a.Transactions, sim.Transaction{ID: "2", Date: "2019-09-20", Amount: 6420, Type: "CHARGE", Reason: "ENERGY_CHARGE"})
	})
	read := func(args string) []string {
		data := mustData(t, c.Query(`{ account(accountNumber: "A-C90DC431") { transactions(ledgerId: 6100001, `+args+`) { edges { node {
		__typename id postedDate billingDocumentIdentifier balanceCarriedForward title amounts { net tax gross } } } } } }`, nil))
		var got []string
		for _, e := range dig(data, "account.transactions.edges").([]any) {
			n := e.(map[string]any)["node"].(map[string]any)
			got = append(got, fmt.Sprintf("%v %v %v %v %v %v %v", n["__typename"], n["id"], n["postedDate"], n["billingDocumentIdentifier"], n["balanceCarriedForward"], n["title"], n["amounts"]))
		}
		return got
	}
	// A charge's amounts are split at the tenant's tax (5% VAT); of a payment, Kraken
	// returns only the net.
	for args, want := range map[string][]string{
		"orderBy: POSTED_DATE_ASC, first: 3": {
			"Charge 2 2019-09-20 1001 -6420 energy charge map[gross:6420 net:6114 tax:306]",
			"Payment 1 2019-10-01 1002 680 general credit map[gross:0 net:7100 tax:0]",
			"Payment P1949711 2019-10-01 1002 5904 Direct debit map[gross:0 net:5224 tax:0]",
		},
		`fromDate: "2025-01-01", toDate: "2025-03-01"`: {
			"Charge C20250228E6100001 2025-02-28 1066 6190 Electricity map[gross:7326 net:6977 tax:349]",
			"Payment P5501002 2025-02-15 1066 13516 Direct debit map[gross:0 net:11000 tax:0]",
			"Charge C20250131E6100001 2025-01-31 1065 2516 Electricity map[gross:8266 net:7872 tax:394]",
			"Payment P5501001 2025-01-15 1065 10782 Direct debit map[gross:0 net:11000 tax:0]",
		},
		"first: 1": {"Charge C20250531E6100001 2025-05-31 1069 3100 Electricity map[gross:7201 net:6858 tax:343]"},
	} {
		if got := read(args); !slices.Equal(got, want) {
			t.Errorf("transactions(%s):\n%s\nwant:\n%s", args, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
}

// TestDeprecatedNamesAgree: the fields Kraken deprecated in favour of others say what
// those say, also when a query asks for the deprecated one alone.
func TestDeprecatedNamesAgree(t *testing.T) {
	c := billsClient(t)
	if got := dig(mustData(t, c.Query(`{ viewer { firstName } }`, nil)), "viewer.firstName"); got != "Jamie" {
		t.Errorf("viewer.firstName = %v, want the given name Jamie", got)
	}
	data := mustData(t, c.Query(`{ account(accountNumber: "A-C90DC431") { commsDeliveryPreference communicationDeliveryPreference
		directDebitInstructions(first: 1) { edges { node { maskedAccountIdentifier lastFourDigitsOfAccountNumber } } } } }`, nil))
	for path, want := range map[string]any{
		"account.communicationDeliveryPreference":                                    dig(data, "account.commsDeliveryPreference"),
		"account.directDebitInstructions.edges.0.node.lastFourDigitsOfAccountNumber": "5678",
	} {
		if got := dig(data, path); got != want || want == nil {
			t.Errorf("%s = %v, want %v", path, got, want)
		}
	}
}

// TestForecastKeepsStoredCollections: a regular collection the state holds for a
// schedule's day is forecast once, at its own amount, not again at the schedule's.
func TestForecastKeepsStoredCollections(t *testing.T) {
	c := billsClientWith(t, func(w *sim.World) {
		a := w.Account("A-C90DC431")
		a.Payments = append(a.Payments, sim.Payment{ID: "5501099", LedgerNumber: "L-6B2F0A1C", Amount: 12000,
			PaymentDate: "2025-07-15", Status: "SCHEDULED", TransactionType: "DD_REGULAR_COLLECTION"})
	})
	data := mustData(t, c.Query(`{ account(accountNumber: "A-C90DC431") { paymentForecast(dateTo: "2025-08-31") { date amount } } }`, nil))
	var got []string
	for _, p := range dig(data, "account.paymentForecast").([]any) {
		p := p.(map[string]any)
		got = append(got, fmt.Sprintf("%s %v", p["date"], p["amount"]))
	}
	if want := []string{"2025-06-15 11000", "2025-07-15 12000", "2025-08-15 11000"}; !slices.Equal(got, want) {
		t.Errorf("forecast %v, want %v", got, want)
	}
}

// TestScheduledPaymentsClearWithTheClock: a payment scheduled for a day that has passed
// has been collected: it reads as cleared, is posted to its ledger, and can no longer
// be amended.
func TestScheduledPaymentsClearWithTheClock(t *testing.T) {
	c := tenantClient(t, time.Date(2025, 7, 1, 9, 0, 0, 0, time.UTC))
	data := mustData(t, c.Query(`{ account(accountNumber: "A-C90DC431") {
		all: payments(first: 1) { edges { node { id status } } }
		scheduled: payments(status: SCHEDULED) { totalCount }
		transactions(first: 1, fromDate: "2025-06-15", toDate: "2025-06-16") { edges { node { id postedDate amounts { gross } } } } } }`, nil))
	for path, want := range map[string]any{
		"account.all.edges.0.node.id": "5501003", "account.all.edges.0.node.status": "CLEARED",
		"account.scheduled.totalCount":                 0.0,
		"account.transactions.edges.0.node.id":         "P5501003",
		"account.transactions.edges.0.node.postedDate": "2025-06-15",
	} {
		if got := dig(data, path); got != want {
			t.Errorf("%s = %v, want %v", path, got, want)
		}
	}
	r := c.Query(`mutation { amendPayment(input: {accountNumber: "A-C90DC431", paymentId: 5501003, amount: 9900, paymentDate: "2025-07-20"}) { payment { id } } }`, nil)
	if len(r.Errors) == 0 || r.Errors[0].Code() != "KT-CT-3924" {
		t.Errorf("amending a collected payment: %+v, want KT-CT-3924", r.Errors)
	}
}

// longLedger gives the demo account 1,000 monthly statements and 100,000 transactions.
func longLedger(w *sim.World) {
	a := w.Account("A-C90DC431")
	day := time.Date(2019, 10, 1, 0, 0, 0, 0, time.UTC)
	for i := range 1000 {
		from := day.AddDate(0, i, 0)
		a.Statements = append(a.Statements, sim.Statement{ID: strconv.Itoa(2000 + i), BillPeriodFrom: from.Format(time.DateOnly),
			BillPeriodTo: from.AddDate(0, 1, -1).Format(time.DateOnly), IssuedDate: from.AddDate(0, 1, 2).Format(time.DateOnly),
			StatementPath: "s.pdf"})
	}
	for i := range 100000 {
		a.Transactions = append(a.Transactions, sim.Transaction{ID: strconv.Itoa(10 + i), Date: day.AddDate(0, 0, i/3).Format(time.DateOnly),
			Amount: 100 + i%50, Type: []string{"CHARGE", "PAYMENT", "CREDIT"}[i%3]})
	}
}

// BenchmarkLongLedger reads a page of an account's bills, with their totals and
// balances, and a page of its transactions, when it has 1,000 statements and 100,000
// transactions: a bill's sums cost two binary searches, not a pass over the ledger,
// and only a page's transactions become objects.
func BenchmarkLongLedger(b *testing.B) {
	benchQueries(b, billsClientWith(b, longLedger), []struct{ name, query string }{
		{"bills", `{ account(accountNumber: "A-C90DC431") { bills(first: 100) { edges { node { id
		... on StatementType { openingBalance closingBalance totalCharges { grossTotal } totalCredits { grossTotal } } } } } } }`},
		{"transactions", `{ account(accountNumber: "A-C90DC431") { transactions(first: 10) { edges { node { id balanceCarriedForward billingDocumentIdentifier } } } } }`},
	})
}

// benchQueries runs each query as a sub-benchmark of b on c.
func benchQueries(b *testing.B, c *simtest.Client, queries []struct{ name, query string }) {
	for _, q := range queries {
		b.Run(q.name, func(b *testing.B) {
			mustData(b, c.Query(q.query, nil))
			for b.Loop() {
				c.Query(q.query, nil)
			}
		})
	}
}

// TestRefundsAndHardship: an account can ask for a refund when its meters were read in
// the last month and its balance is above a month's payment, and says why not otherwise
// with Kraken's code; an account the state holds has no
// hardship agreement, debt collection or provisional transaction, which the state does
// not record.
func TestRefundsAndHardship(t *testing.T) {
	const q = `{ account(accountNumber: "A-C90DC431") { maximumRefund { amount } requestRefundEligibility { canRequestRefund reason }
		activeHardshipAgreements { id } debtCollectionProceedings { campaign }
		provisionalTransactions(first: 5) { totalCount edges { node { title amount } } } } }`
	for _, tc := range []struct {
		balance, refund int
		basic           bool // meters that read only what state lists, last in February
		can             bool
		reason          string
	}{
		{4230, 0, false, false, "NOT_ENOUGH_CREDIT"},
		{20000, 9000, false, true, ""},
		{20000, 9000, true, false, "HAS_NOT_GIVEN_READINGS_RECENTLY"},
	} {
		c := billsClientWith(t, func(w *sim.World) {
			a := w.Account("A-C90DC431")
			a.Balance = tc.balance
			if tc.basic {
				p := &a.Properties[0]
				p.ElectricityMeterPoints[0].Meters[0].IsDigital, p.GasMeterPoints[0].Meters[0].IsDigital = false, false
			}
		})
		data := mustData(t, c.Query(q, nil))
		reason, _ := dig(data, "account.requestRefundEligibility.reason").(string)
		if got := dig(data, "account.maximumRefund.amount"); got != float64(tc.refund) ||
			dig(data, "account.requestRefundEligibility.canRequestRefund") != tc.can || reason != tc.reason {
			t.Errorf("balance %d: refund %v, eligibility %v", tc.balance, got, dig(data, "account.requestRefundEligibility"))
		}
		for _, list := range []string{"activeHardshipAgreements", "debtCollectionProceedings", "provisionalTransactions.edges"} {
			if got := dig(data, "account."+list); len(got.([]any)) != 0 {
				t.Errorf("balance %d: %s %v, want none", tc.balance, list, got)
			}
		}
		if got := dig(data, "account.provisionalTransactions.totalCount"); got != 0.0 {
			t.Errorf("balance %d: %v provisional transactions", tc.balance, got)
		}
	}
}

// TestBusiness: a domestic account has no business; a business account's is its
// billing name, with the type that name says and an eight-digit company number.
func TestBusiness(t *testing.T) {
	const q = `{ account(accountNumber: "A-C90DC431") { businessType business { name number businessType } } }`
	for _, tc := range []struct {
		accountType, name string
		want              any
	}{
		{"DOMESTIC", "Jamie Carter", nil},
		{"BUSINESS", "Carter & Reed LLP", "LIMITED_LIABILITY_PARTNERSHIP"},
		{"BUSINESS", "Carter Bakery Ltd.", "LIMITED"},
		{"BUSINESS", "Jamie Carter Plumbing", "SOLE_TRADER"},
	} {
		c := billsClientWith(t, func(w *sim.World) {
			a := w.Account("A-C90DC431")
			a.AccountType, a.BillingName = tc.accountType, tc.name
		})
		data := mustData(t, c.Query(q, nil))
		if got := dig(data, "account.businessType"); got != tc.want {
			t.Errorf("%s: businessType %v, want %v", tc.name, got, tc.want)
		}
		if tc.want == nil {
			if got := dig(data, "account.business"); got != nil {
				t.Errorf("%s: business %v, want none", tc.name, got)
			}
			continue
		}
		number, _ := dig(data, "account.business.number").(string)
		if dig(data, "account.business.name") != tc.name || dig(data, "account.business.businessType") != tc.want || len(number) != 8 {
			t.Errorf("%s: business %v", tc.name, dig(data, "account.business"))
		}
	}
}

// TestDueCharges: what an account owes is due on its latest statement, when that is
// due; an account that owes nothing has nothing due.
func TestDueCharges(t *testing.T) {
	c := billsClientWith(t, func(w *sim.World) {
		a := w.Account("A-C90DC431")
		a.Balance, a.OverdueBalance = -2500, 2500
	})
	q := `{ account(accountNumber: "A-C90DC431") { dueCharges { amount dueDate statement { id paymentDueDate } } } }`
	due := dig(mustData(t, c.Query(q, nil)), "account.dueCharges").([]any)
	if len(due) != 1 || dig(due[0], "amount") != 2500.0 || dig(due[0], "statement.id") != "1069" || dig(due[0], "dueDate") != dig(due[0], "statement.paymentDueDate") {
		t.Errorf("due charges %v, want 2500 on statement 1069, the latest, due when it is", due)
	}
	if due := dig(mustData(t, billsClient(t).Query(q, nil)), "account.dueCharges").([]any); len(due) != 0 {
		t.Errorf("an account in credit has due charges %v", due)
	}
}

// TestTransactionsOfALedger: a transaction that names no ledger is posted to the
// account's first, so listing that ledger's transactions holds it; each fuel's monthly
// charges are posted to that fuel's ledger, and a direct debit is shared between them.
func TestTransactionsOfALedger(t *testing.T) {
	c := billsClient(t)
	q := `query($l: Int) { account(accountNumber: "A-C90DC431") {
		early: transactions(ledgerId: $l, fromDate: "2019-10-01", toDate: "2019-11-01") { edges { node { id title } } }
		late: transactions(ledgerId: $l, fromDate: "2025-01-01") { edges { node { id title } } } } }`
	for _, tc := range []struct {
		ledger int
		holds  []string
		titles []string
	}{
		{6100001, []string{"P5501002", "P5501001", "1", "C20250531E6100001", "P2217721", "P1949711"}, []string{"Electricity", "Direct debit", "general credit", "Balance brought forward"}},
		{6100002, []string{"C20250531G6100002", "P2217721-1", "P1949711-1"}, []string{"Gas", "Direct debit", "Balance brought forward"}},
	} {
		got := map[string]bool{}
		data := mustData(t, c.Query(q, map[string]any{"l": tc.ledger}))
		for _, e := range append(dig(data, "account.early.edges").([]any), dig(data, "account.late.edges").([]any)...) {
			got[dig(e, "node.id").(string)] = true
			if title := dig(e, "node.title").(string); !slices.Contains(tc.titles, title) {
				t.Errorf("ledger %d holds %v, titled %q", tc.ledger, dig(e, "node.id"), title)
			}
		}
		for _, id := range tc.holds {
			if !got[id] {
				t.Errorf("ledger %d does not hold %s", tc.ledger, id)
			}
		}
	}
}

// TestTrackerPricing: an account on no Tracker product has no daily tracker pricing;
// one whose electricity is on Tracker has today's unit rate with VAT, in whole pence,
// for it alone.
func TestTrackerPricing(t *testing.T) {
	const q = `{ account(accountNumber: "A-C90DC431") { trackerTariffDailyPricing { electricity gas } } }`
	if got := dig(mustData(t, billsClientWith(t, func(*sim.World) {}).Query(q, nil)), "account.trackerTariffDailyPricing"); got != nil {
		t.Errorf("on a flexible tariff: trackerTariffDailyPricing %v, want null", got)
	}
	c := billsClientWith(t, func(w *sim.World) {
		ags := w.Account("A-C90DC431").Properties[0].ElectricityMeterPoints[0].Agreements
		ag := &ags[len(ags)-1]
		ag.ProductCode, ag.TariffCode = "SILVER-24-12-31", "E-1R-SILVER-24-12-31-A"
	})
	got := dig(mustData(t, c.Query(q, nil)), "account.trackerTariffDailyPricing")
	if e, ok := dig(got, "electricity").(float64); !ok || e < 21 || e > 30 || dig(got, "gas") != nil {
		t.Errorf("on Tracker electricity: %v, want electricity of 21–30p (20–28p with VAT) and no gas", got)
	}
}

// TestDirectDebitDueTodayIsPending: on its collection day a direct debit is listed
// among the payments as pending, not yet in the balance or the forecast; the next day
// it is cleared and posted.
func TestDirectDebitDueTodayIsPending(t *testing.T) {
	c := billsClientAt(t, time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC))
	c.AdvanceClock(14 * 24 * time.Hour) // Tuesday 15 December, the demo account's payment day
	c.SignIn("demo@krakensim.dev", "krakensim")
	const read = `{ account(accountNumber: "A-C90DC431") { balance
		payments(first: 1) { edges { node { paymentDate amount status } } }
		paymentForecast(dateTo: "2027-01-31") { date } } }`
	today := mustData(t, c.Query(read, nil))
	c.AdvanceClock(24 * time.Hour)
	c.SignIn("demo@krakensim.dev", "krakensim")
	tomorrow := mustData(t, c.Query(read, nil))
	for _, tc := range []struct {
		data     map[string]any
		status   string
		firstDue string
	}{
		{today, "PENDING", "2027-01-15"},
		{tomorrow, "CLEARED", "2027-01-15"},
	} {
		if got := dig(tc.data, "account.payments.edges.0.node.paymentDate"); got != "2026-12-15" {
			t.Errorf("newest payment dated %v, want 2026-12-15", got)
		}
		if got := dig(tc.data, "account.payments.edges.0.node.status"); got != tc.status {
			t.Errorf("status %v, want %s", got, tc.status)
		}
		if got := dig(tc.data, "account.paymentForecast.0.date"); got != tc.firstDue {
			t.Errorf("first forecast date %v, want %s", got, tc.firstDue)
		}
	}
	if got := dig(tomorrow, "account.balance").(float64) - dig(today, "account.balance").(float64); got < 11000-2000 || got > 11000 {
		t.Errorf("balance moved by %v overnight, want the 11000 collected less at most a day's use", got)
	}
}

// TestUpdatedScheduleKeepsWhatItCollected: updating a schedule that has collected
// changes it from validFrom on; the collections before stay (the schedule closed the
// day before), a change from today keeps one booked to come, and a start before today
// that is not its own, or a schedule that has ended, is KT-CT-3942.
func TestUpdatedScheduleKeepsWhatItCollected(t *testing.T) {
	c := billsClientAt(t, time.Date(2026, 12, 6, 9, 0, 0, 0, time.UTC))
	const read = `{ account(accountNumber: "A-C90DC431") { balance payments(first: 1) { totalCount edges { node { id paymentDate } } }
		paymentSchedules { edges { node { id validFrom validTo paymentDay paymentAmount } } } } }`
	before := mustData(t, c.Query(read, nil))
	up := mustData(t, c.Query(`mutation { updatePaymentSchedule(input: {accountNumber: "A-C90DC431", paymentScheduleId: "81721",
		updatedParameters: {validFrom: "2026-12-10", scheduleType: DIRECT_DEBIT, paymentAmount: 9000, paymentDay: 3}}) { paymentSchedule { id validFrom paymentDay paymentAmount } } }`, nil))
	after := mustData(t, c.Query(read, nil))
	for _, path := range []string{"account.balance", "account.payments.totalCount", "account.payments.edges.0.node.id"} {
		if dig(after, path) != dig(before, path) {
			t.Errorf("%s: %v before the update, %v after", path, dig(before, path), dig(after, path))
		}
	}
	newID := dig(up, "updatePaymentSchedule.paymentSchedule.id")
	if newID == "81721" || dig(up, "updatePaymentSchedule.paymentSchedule.validFrom") != "2026-12-10" {
		t.Errorf("answer %v, want a new schedule from 2026-12-10", dig(up, "updatePaymentSchedule"))
	}
	var got []string
	for _, e := range dig(after, "account.paymentSchedules.edges").([]any) {
		n := e.(map[string]any)["node"].(map[string]any)
		got = append(got, fmt.Sprintf("%v %v-%v %v %v", n["id"] == newID, n["validFrom"], n["validTo"], n["paymentDay"], n["paymentAmount"]))
	}
	if want := []string{"true 2026-12-10-<nil> 3 9000", "false 2024-01-01-2026-12-09 15 11000", "false 2022-04-01-2023-12-31 1 14500",
		"false 2019-10-01-2022-03-31 1 8900"}; !slices.Equal(got, want) {
		t.Errorf("schedules %v, want %v", got, want)
	}
	r := c.Query(`mutation { updatePaymentSchedule(input: {accountNumber: "A-C90DC431", paymentScheduleId: "81721",
		updatedParameters: {validFrom: "2020-01-01", scheduleType: DIRECT_DEBIT, paymentAmount: 9000}}) { paymentSchedule { id } } }`, nil)
	if len(r.Errors) == 0 || r.Errors[0].Code() != "KT-CT-3942" {
		t.Errorf("a start in 2020: %+v, want KT-CT-3942", r.Errors)
	}
	// The schedule in force changed again from today keeps the change booked for the 10th.
	again := mustData(t, c.Query(`mutation { updatePaymentSchedule(input: {accountNumber: "A-C90DC431", paymentScheduleId: "81721",
		updatedParameters: {validFrom: "2024-01-01", scheduleType: DIRECT_DEBIT, paymentAmount: 10000}}) { paymentSchedule { validFrom validTo } } }`, nil))
	if got := fmt.Sprint(dig(again, "updatePaymentSchedule.paymentSchedule")); got != "map[validFrom:2026-12-06 validTo:2026-12-09]" {
		t.Errorf("changed from today before a change booked for the 10th: %s", got)
	}
	r = c.Query(`mutation { updatePaymentSchedule(input: {accountNumber: "A-C90DC431", paymentScheduleId: "81711",
		updatedParameters: {validFrom: "2026-12-10", scheduleType: DIRECT_DEBIT, paymentAmount: 9000}}) { paymentSchedule { id } } }`, nil)
	if len(r.Errors) == 0 || r.Errors[0].Code() != "KT-CT-3942" {
		t.Errorf("the schedule that ended in 2022: %+v, want KT-CT-3942", r.Errors)
	}
}

// TestTransactionStatementLinks: a transaction names the statement whose transactions
// list it, the open statement's included (hasStatement true, not yet issued), and every
// statement's transactions name it back; a transaction posted in the open period (one
// added today) is on the open statement, not on none.
func TestTransactionStatementLinks(t *testing.T) {
	c := billsClientWith(t, func(w *sim.World) {
		a := w.Account("A-C90DC431")
		a.Transactions = append(a.Transactions, sim.Transaction{ID: "T-OPEN", LedgerNumber: a.Ledgers[0].Number,
			Date: clockStart.Format(time.DateOnly), Amount: 500, Type: "CHARGE", Reason: "GENERAL_CHARGE"})
	})
	data := mustData(t, c.Query(`{ account(accountNumber: "A-C90DC431") {
		transactions(first: 100) { edges { node { id isIssued hasStatement billingDocumentIdentifier } } }
		bills(first: 30, includeOpenStatements: true, includeBillsWithoutPDF: true) { edges { node { id ... on StatementType { status
			transactions(first: 20) { edges { node { id billingDocumentIdentifier hasStatement } } } } } } } } }`, nil))
	listed := map[string]string{} // transaction -> the statement listing it
	status := map[string]string{}
	for _, e := range dig(data, "account.bills.edges").([]any) {
		b := e.(map[string]any)["node"].(map[string]any)
		id, _ := b["id"].(string)
		status[id], _ = b["status"].(string)
		txs, _ := dig(b, "transactions.edges").([]any)
		for _, te := range txs {
			n := te.(map[string]any)["node"].(map[string]any)
			listed[n["id"].(string)] = id
			if n["billingDocumentIdentifier"] != id || n["hasStatement"] != true {
				t.Errorf("statement %s lists %v naming statement %v (hasStatement %v)", id, n["id"], n["billingDocumentIdentifier"], n["hasStatement"])
			}
		}
	}
	open := 0
	for _, e := range dig(data, "account.transactions.edges").([]any) {
		n := e.(map[string]any)["node"].(map[string]any)
		id := n["id"].(string)
		want := listed[id]
		if got, _ := n["billingDocumentIdentifier"].(string); got != want {
			t.Errorf("transaction %s: billingDocumentIdentifier %v, want %q", id, n["billingDocumentIdentifier"], want)
		}
		if n["hasStatement"] != (want != "") || n["isIssued"] != (status[want] == "CLOSED") {
			t.Errorf("transaction %s on %q (%s): hasStatement %v isIssued %v", id, want, status[want], n["hasStatement"], n["isIssued"])
		}
		if status[want] == "OPEN" {
			open++
		}
	}
	if listed["T-OPEN"] == "" || status[listed["T-OPEN"]] != "OPEN" || open == 0 {
		t.Errorf("today's charge is on statement %q (%s), %d transactions on the open statement; want the open one", listed["T-OPEN"], status[listed["T-OPEN"]], open)
	}
}
