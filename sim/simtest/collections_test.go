package simtest_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/krakensim/krakensim/sim/simtest"
)

// samVariable switches Sam's Origin account to a direct debit of a variable amount.
func samVariable(t *testing.T) *simtest.Client {
	t.Helper()
	_, sam := originNeighbours(t)
	if r := sam.Query(`mutation { switchAccountToVariablePaymentSchedule(input: {accountNumber: "A-0F4A2B19", ledgerNumber: "L-0F4A2B01", cancelConflictingSchedules: true}) { schedule { id } } }`, nil); len(r.Errors) > 0 {
		t.Fatalf("switching to a variable debit: %+v", r.Errors)
	}
	return sam
}

// signIn gives Sam a fresh token after the clock has moved.
func signIn(t *testing.T, sam *simtest.Client) {
	t.Helper()
	tok := sam.Query(`mutation { obtainKrakenToken(input: {APIKey: "sk_live_krakensimother3235449"}) { token } }`, nil)
	sam.Token, _ = simtest.Get(tok.Data, "obtainKrakenToken", "token").(string)
}

// scheduledOn are the amounts of a's payments listed SCHEDULED, as "date amount".
func scheduledOn(a any) []string {
	var out []string
	for _, e := range simtest.Get(a, "payments", "edges").([]any) {
		if p := e.(map[string]any)["node"]; simtest.Get(p, "status") == "SCHEDULED" {
			out = append(out, fmt.Sprint(simtest.Get(p, "paymentDate"), " ", simtest.Get(p, "amount")))
		}
	}
	slices.Sort(out)
	return out
}

// TestOriginForecastIsEveryLedgersCollections: once Sam's January statement is issued,
// the variable debit collects what it leaves on both his ledgers on 1 March, and the
// account's forecast (naming no ledger) lists both collections, as its payments do.
func TestOriginForecastIsEveryLedgersCollections(t *testing.T) {
	sam := samVariable(t)
	setClock(t, sam, "2027-02-05T01:00:00Z")
	signIn(t, sam)
	query := mustQuery(t, sam)
	a := simtest.Get(query(`{ account(accountNumber: "A-0F4A2B19") { paymentForecast(dateTo: "2027-04-01") { date amount }
		payments(first: 6) { edges { node { amount paymentDate status } } } } }`, nil), "account")
	want := scheduledOn(a)
	if len(want) != 2 {
		t.Fatalf("collections scheduled: %v, want one on each ledger", want)
	}
	var got []string
	for _, p := range simtest.Get(a, "paymentForecast").([]any) {
		got = append(got, fmt.Sprint(simtest.Get(p, "date"), " ", simtest.Get(p, "amount")))
	}
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("the forecast %v, want the collections scheduled %v", got, want)
	}
}

// TestOriginFinalStatementIsCollectedAsAnnounced moves Sam, paying by a variable direct
// debit, out on 17 February: his final statement, issued on the 19th, is collected by
// the debit on his payment day a week on (28 February, a Sunday, so 1 March), listed as
// SCHEDULED before and the same collections CLEARED after, with no transfer in their
// place and nothing left owing.
func TestOriginFinalStatementIsCollectedAsAnnounced(t *testing.T) {
	sam := samVariable(t)
	setClock(t, sam, "2027-02-15T01:00:00Z")
	signIn(t, sam)
	query := mustQuery(t, sam)
	query(`mutation { propertyMoveOut(input: {accountNumber: "A-0F4A2B19", propertyId: "2214533", moveOutDate: "2027-02-17"}) { workflow { status } } }`, nil)
	const read = `{ account(accountNumber: "A-0F4A2B19") { balance payments(first: 8) { edges { node { amount paymentDate status transactionType } } } } }`
	setClock(t, sam, "2027-02-22T01:00:00Z")
	signIn(t, sam)
	announced := scheduledOn(simtest.Get(query(read, nil), "account"))
	if len(announced) == 0 || !slices.ContainsFunc(announced, func(s string) bool { return s[:10] == "2027-03-01" }) {
		t.Fatalf("announced: %v, want the final statement's collections on 1 March", announced)
	}
	setClock(t, sam, "2027-03-20T01:00:00Z")
	signIn(t, sam)
	a := simtest.Get(query(read, nil), "account")
	var collected []string
	for _, e := range simtest.Get(a, "payments", "edges").([]any) {
		p := e.(map[string]any)["node"]
		if date := simtest.Get(p, "paymentDate").(string); date > "2027-02-19" {
			if simtest.Get(p, "transactionType") != "DD_REGULAR_COLLECTION" || simtest.Get(p, "status") != "CLEARED" {
				t.Errorf("after the final statement: %v, want its direct debit collections", p)
				continue
			}
			collected = append(collected, fmt.Sprint(date, " ", simtest.Get(p, "amount")))
		}
	}
	slices.Sort(collected)
	if !slices.Equal(collected, announced) || simtest.Get(a, "balance") != 0.0 {
		t.Errorf("collected %v, announced %v, balance %v", collected, announced, simtest.Get(a, "balance"))
	}
}

// TestOneLedgerOneCollection: Sam's account has one ledger for both fuels, so each
// statement is collected by one direct debit, of what it leaves owing, not one a fuel.
func TestOneLedgerOneCollection(t *testing.T) {
	_, _, sam, number, _ := claimedHome(t, true)
	setClock(t, sam, "2027-04-20T10:00:00Z")
	sam.SignIn("sam@example.com", "a-new-home-2026")
	a := simtest.Get(mustQuery(t, sam)(`query($n: String!) { account(accountNumber: $n) { ledgers { number }
		payments(first: 10) { edges { node { amount paymentDate transactionType } } } } }`, map[string]any{"n": number}), "account")
	if n := len(simtest.Get(a, "ledgers").([]any)); n != 1 {
		t.Fatalf("%d ledgers, want one", n)
	}
	days := map[string]int{}
	for _, e := range simtest.Get(a, "payments", "edges").([]any) {
		p := e.(map[string]any)["node"]
		if simtest.Get(p, "transactionType") == "DD_REGULAR_COLLECTION" {
			days[simtest.Get(p, "paymentDate").(string)]++
		}
	}
	if len(days) < 3 {
		t.Fatalf("direct debits on %v, want a statement's each month", days)
	}
	for day, n := range days {
		if n != 1 {
			t.Errorf("%d direct debits on %s, want one", n, day)
		}
	}
}

// TestInvalidatedMandateCollectsNothing: Sam invalidates his direct debit on 25
// February 2027, after its 5 February collection and before the one due on 5 March.
// Nothing is collected with it from that day (no collection listed, none cleared); what
// his statements owe is paid by transfer, the one the debit would have collected on the
// day of the invalidation at the earliest, and the earlier collections stay.
func TestInvalidatedMandateCollectsNothing(t *testing.T) {
	_, _, sam, account, _ := claimedHome(t, true)
	setClock(t, sam, "2027-02-25T10:00:00Z")
	sam.SignIn("sam@example.com", "a-new-home-2026")
	query := mustQuery(t, sam)
	ddi := simtest.Get(query(`query($n: String!) { account(accountNumber: $n) { directDebitInstructions(first: 1) { edges { node { id } } } } }`,
		map[string]any{"n": account}), "account", "directDebitInstructions", "edges", 0, "node", "id")
	query(`mutation($n: String!, $id: String!) { invalidatePaymentInstruction(input: {accountNumber: $n, id: $id}) { instruction { id } } }`,
		map[string]any{"n": account, "id": ddi})
	setClock(t, sam, "2027-05-20T10:00:00Z")
	sam.SignIn("sam@example.com", "a-new-home-2026")
	var before, transfers []string
	for _, e := range simtest.Get(query(`query($n: String!) { account(accountNumber: $n) { payments(first: 20) { edges { node { amount paymentDate status transactionType } } } } }`,
		map[string]any{"n": account}), "account", "payments", "edges").([]any) {
		p := e.(map[string]any)["node"]
		date, kind := simtest.Get(p, "paymentDate").(string), simtest.Get(p, "transactionType")
		switch {
		case kind == "DD_REGULAR_COLLECTION" && date >= "2027-02-25":
			t.Errorf("collected after the mandate was invalidated: %v", p)
		case kind == "DD_REGULAR_COLLECTION":
			before = append(before, date)
		case kind == "BACS_DEPOSIT" && date < "2027-02-25":
			t.Errorf("a transfer before the invalidation: %v", p)
		case kind == "BACS_DEPOSIT":
			transfers = append(transfers, fmt.Sprint(date, " ", simtest.Get(p, "status")))
		}
	}
	slices.Sort(transfers)
	if !slices.Contains(before, "2027-02-05") || len(transfers) < 3 || transfers[0] != "2027-02-25 CLEARED" {
		t.Errorf("direct debits %v, transfers %v: want the collections before 25 February, and transfers from that day", before, transfers)
	}
}

// TestInvalidatedMandateEndsItsSchedule: the demo invalidates his direct debit on 2
// December 2026. His schedule ends the day before, one of bank transfers begins that
// day, and his use from it costs the dearer unit rate Octopus charges for paying so,
// while the use before it keeps the direct debit's price.
func TestInvalidatedMandateEndsItsSchedule(t *testing.T) {
	_, c := octopus(t)
	c.SignIn("demo@krakensim.dev", "krakensim")
	query := mustQuery(t, c)
	ddi := simtest.Get(query(`{ account(accountNumber: "A-C90DC431") { directDebitInstructions(first: 1) { edges { node { id } } } } }`, nil),
		"account", "directDebitInstructions", "edges", 0, "node", "id")
	query(`mutation($id: String!) { invalidatePaymentInstruction(input: {accountNumber: "A-C90DC431", id: $id}) { instruction { id } } }`, map[string]any{"id": ddi})
	advance(c, 10*24*time.Hour)
	c.SignIn("demo@krakensim.dev", "krakensim")
	var schedules []string
	for _, e := range simtest.Get(query(`{ account(accountNumber: "A-C90DC431") { paymentSchedules(first: 5) { edges { node { scheduleType validFrom validTo } } } } }`, nil),
		"account", "paymentSchedules", "edges").([]any) {
		n := e.(map[string]any)["node"]
		schedules = append(schedules, fmt.Sprint(simtest.Get(n, "scheduleType"), " ", simtest.Get(n, "validFrom"), " ", simtest.Get(n, "validTo")))
	}
	if !slices.Contains(schedules, "BACS_TRANSFER 2026-12-02 <nil>") || !slices.ContainsFunc(schedules, func(s string) bool {
		return strings.HasPrefix(s, "DIRECT_DEBIT ") && strings.HasSuffix(s, " 2026-12-01")
	}) {
		t.Errorf("schedules %v: want the direct debit's to end on 1 December and a transfer's from the 2nd", schedules)
	}
	const hour = `query($at: DateTime!, $to: DateTime!) { account(accountNumber: "A-C90DC431") { properties { measurements(first: 1,
		startAt: $at, endAt: $to, utilityFilters: [{electricityFilters: {readingFrequencyType: HOUR_INTERVAL}}]) { edges { node { value
		metaData { statistics { costExclTax { estimatedAmount } } } } } } } } }`
	rate := func(at string) float64 {
		from, _ := time.Parse(time.RFC3339, at)
		node := simtest.Get(query(hour, map[string]any{"at": at, "to": from.Add(time.Hour).Format(time.RFC3339)}), "account", "properties", 0, "measurements", "edges", 0, "node")
		kwh := number(t, simtest.Get(node, "value"))
		if kwh <= 0 {
			t.Fatalf("no use in the hour from %s: %v", at, node)
		}
		return number(t, simtest.Get(node, "metaData", "statistics", 0, "costExclTax", "estimatedAmount")) / kwh
	}
	debit, transfer := rate("2026-11-25T12:00:00Z"), rate("2026-12-09T12:00:00Z")
	if ratio := transfer / debit; ratio < 1.01 || ratio > 1.12 {
		t.Errorf("an hour's unit price %vp by direct debit on 25 November, %vp on 9 December after the mandate ended: want the dearer price for paying by transfer", debit, transfer)
	}
}

// TestStoppedAutomatedPaymentsCollectNothing: Sam stops automated payments on his gas
// ledger from 10 February 2027. His variable direct debit goes on collecting his
// electricity ledger on 1 March, while the gas ledger, reading UserManagedPayment on
// that day, is collected nothing from the 10th and pays what it owes by transfer.
func TestStoppedAutomatedPaymentsCollectNothing(t *testing.T) {
	sam := samVariable(t)
	setClock(t, sam, "2027-02-05T01:00:00Z")
	signIn(t, sam)
	query := mustQuery(t, sam)
	var gas, power string
	for _, l := range simtest.Get(query(`{ account(accountNumber: "A-0F4A2B19") { ledgers { number ledgerType } } }`, nil), "account", "ledgers").([]any) {
		if n := simtest.Get(l, "number").(string); simtest.Get(l, "ledgerType") == "GAS_LEDGER" {
			gas = n
		} else if power == "" {
			power = n
		}
	}
	query(`mutation($l: String!) { stopAutomatedPayments(input: {accountNumber: "A-0F4A2B19", ledgerNumbers: [$l], fromDate: "2027-02-10"}) { __typename } }`,
		map[string]any{"l": gas})
	setClock(t, sam, "2027-04-20T01:00:00Z")
	signIn(t, sam)
	paid := map[string][]string{}
	for _, l := range simtest.Get(query(`{ account(accountNumber: "A-0F4A2B19") { ledgers { number paymentPreferenceAtTime(atTime: "2027-03-01T10:00:00+11:00") { __typename }
		transactions(first: 30) { edges { node { __typename postedDate title } } } } } }`, nil), "account", "ledgers").([]any) {
		number := simtest.Get(l, "number").(string)
		want := map[bool]string{true: "UserManagedPayment", false: "PreferredInstruction"}[number == gas]
		if got := simtest.Get(l, "paymentPreferenceAtTime", "__typename"); got != want {
			t.Errorf("ledger %s on 1 March: %v, want %s", number, got, want)
		}
		for _, e := range simtest.Get(l, "transactions", "edges").([]any) {
			p := e.(map[string]any)["node"]
			if kind, date := simtest.Get(p, "title"), simtest.Get(p, "postedDate").(string); simtest.Get(p, "__typename") == "Payment" && date >= "2027-02-10" {
				paid[number] = append(paid[number], fmt.Sprint(kind, " ", date))
			}
		}
	}
	if !slices.Contains(paid[power], "Direct debit 2027-03-01") {
		t.Errorf("electricity ledger %s paid %v, want its direct debit on 1 March", power, paid[power])
	}
	if len(paid[gas]) == 0 {
		t.Errorf("gas ledger %s paid nothing, want transfers", gas)
	}
	for _, p := range paid[gas] {
		if !strings.HasPrefix(p, "Bank transfer") {
			t.Errorf("gas ledger %s paid %s, want transfers only after 10 February", gas, p)
		}
	}
}
