package simtest_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/simtest"
)

const (
	refund     = `mutation($n: ID!, $id: ID!, $a: Int!, $k: String!) { refundPayment(input: {accountNumber: $n, paymentId: $id, amountInMinorUnit: $a, idempotencyKey: $k, reason: "Paid twice"}) { repayment { id amount paymentDate status } } }`
	repayments = `{ account(accountNumber: "A-C90DC431") { repayments { edges { node { id amount status } } } } }`
)

// TestOctopusRefundsAPayment refunds part of a cleared payment on Octopus and then the
// rest: refused as documented for another's account, a payment the account has not, one
// not cleared and more than is left; the same idempotency key answers the same refund.
// Refunds wait on the supplier as REQUESTED repayments.
func TestOctopusRefundsAPayment(t *testing.T) {
	srv, c := octopus(t)
	query := mustQuery(t, c)
	other := srv.ClientIn(t, c.Session)
	other.SignIn("other@krakensim.dev", "krakensim")
	for _, tc := range []struct {
		name   string
		client *simtest.Client
		vars   map[string]any
		code   string
	}{
		{"another's account", other, map[string]any{"n": "A-C90DC431", "id": "5501002", "a": 500, "k": "x"}, "KT-CT-3924"},
		{"no such payment", c, map[string]any{"n": "A-C90DC431", "id": "999", "a": 500, "k": "x"}, "KT-CT-3924"},
		{"a failed payment", c, map[string]any{"n": "A-7B3E9D12", "id": "5501004", "a": 500, "k": "x"}, "KT-CT-3929"},
		{"more than was paid", c, map[string]any{"n": "A-C90DC431", "id": "5501002", "a": 11001, "k": "x"}, "KT-CT-3933"},
		{"nothing", c, map[string]any{"n": "A-C90DC431", "id": "5501002", "a": 0, "k": "x"}, "KT-CT-3933"},
	} {
		if out := tc.client.Query(refund, tc.vars); len(out.Errors) != 1 || out.Errors[0].Code() != tc.code {
			t.Errorf("%s: %+v, want %s", tc.name, out.Errors, tc.code)
		}
	}
	first := simtest.Get(query(refund, map[string]any{"n": "A-C90DC431", "id": "5501002", "a": 500, "k": "k1"}), "refundPayment", "repayment")
	if simtest.Get(first, "amount") != 500.0 || simtest.Get(first, "status") != "REQUESTED" || simtest.Get(first, "paymentDate") != "2026-12-02" {
		t.Errorf("refunded %v", first)
	}
	if again := simtest.Get(query(refund, map[string]any{"n": "A-C90DC431", "id": "5501002", "a": 500, "k": "k1"}), "refundPayment", "repayment", "id"); again != simtest.Get(first, "id") {
		t.Errorf("the same key answered %v, want %v", again, simtest.Get(first, "id"))
	}
	if out := c.Query(refund, map[string]any{"n": "A-C90DC431", "id": "5501002", "a": 700, "k": "k1"}); len(out.Errors) != 1 || out.Errors[0].Code() != "KT-CT-3928" {
		t.Errorf("the key for another refund: %+v", out.Errors)
	}
	query(refund, map[string]any{"n": "A-C90DC431", "id": "5501002", "a": 10500, "k": "k2"})
	if out := c.Query(refund, map[string]any{"n": "A-C90DC431", "id": "5501002", "a": 1, "k": "k3"}); len(out.Errors) != 1 || out.Errors[0].Code() != "KT-CT-3933" {
		t.Errorf("refunding a payment refunded in full: %+v", out.Errors)
	}
	listed := simtest.Get(query(repayments, nil), "account", "repayments", "edges").([]any)
	if len(listed) != 2 || simtest.Get(listed[0], "node", "amount") != 10500.0 || simtest.Get(listed[1], "node", "id") != simtest.Get(first, "id") || simtest.Get(listed[1], "node", "status") != "REQUESTED" {
		t.Errorf("repayments %v", listed)
	}
}

// TestOctopusRefundRequestIsEmailed asks for credit back on Octopus: more than the
// credit is KT-GB-4121; a request the credit covers is a REQUESTED repayment, and the
// billing address is told.
func TestOctopusRefundRequestIsEmailed(t *testing.T) {
	_, c := octopus(t)
	const ask = `mutation($a: Int!) { createRefundRequest(input: {accountNumber: "A-C90DC431", requestedAmount: $a}) { refundRequest { requestedAmountToReturn } } }`
	if out := c.Query(ask, map[string]any{"a": 100000000}); len(out.Errors) != 1 || out.Errors[0].Code() != "KT-GB-4121" {
		t.Errorf("more than the credit: %+v", out.Errors)
	}
	if got := simtest.Get(mustQuery(t, c)(ask, map[string]any{"a": 1000}), "createRefundRequest", "refundRequest", "requestedAmountToReturn"); got != 1000.0 {
		t.Errorf("asked %v", got)
	}
	if listed := simtest.Get(mustQuery(t, c)(repayments, nil), "account", "repayments", "edges").([]any); len(listed) != 1 || simtest.Get(listed[0], "node", "amount") != 1000.0 {
		t.Errorf("repayments %v", listed)
	}
	msgs := c.Messages()
	if len(msgs) != 1 || msgs[0].Data["amount"] != "1000" || msgs[0].Data["accountNumber"] != "A-C90DC431" {
		t.Errorf("emailed %+v", msgs)
	}
}

// TestOctopusFixedPaymentSchedule fixes the demo account's monthly payment on Octopus:
// the new one pays the amount on its day (the 12th) from January, ten working days'
// notice of 2 December past December's, the schedule in force collecting until then;
// an account with no statement in 60 days is KT-GB-3917.
func TestOctopusFixedPaymentSchedule(t *testing.T) {
	srv, c := octopus(t)
	const fix = `mutation($n: String!) { createPaymentSchedule(input: {accountNumber: $n, paymentAmount: 9900, paymentDay: 12}) { paymentSchedule { id paymentDay paymentAmount validFrom isVariablePaymentAmount } } }`
	newcomer := srv.ClientIn(t, c.Session)
	newcomer.SignIn("new@krakensim.dev", "krakensim")
	if out := newcomer.Query(fix, map[string]any{"n": "A-9D8E7F60"}); len(out.Errors) != 1 || out.Errors[0].Code() != "KT-GB-3917" {
		t.Errorf("no statement: %+v", out.Errors)
	}
	s := simtest.Get(mustQuery(t, c)(fix, map[string]any{"n": "A-C90DC431"}), "createPaymentSchedule", "paymentSchedule")
	if simtest.Get(s, "paymentDay") != 12.0 || simtest.Get(s, "paymentAmount") != 9900.0 || simtest.Get(s, "validFrom") != "2027-01-01" || simtest.Get(s, "isVariablePaymentAmount") != false {
		t.Errorf("fixed %v", s)
	}
	listed := simtest.Get(mustQuery(t, c)(`{ account(accountNumber: "A-C90DC431") { paymentSchedules(first: 2) { edges { node { id validTo } } } } }`, nil), "account", "paymentSchedules", "edges").([]any)
	if simtest.Get(listed[0], "node", "id") != simtest.Get(s, "id") || simtest.Get(listed[1], "node", "validTo") != "2026-12-31" {
		t.Errorf("schedules %v", listed)
	}
}

// TestOriginPaymentSchedules changes how the demo account pays on Origin: a fixed
// monthly schedule from a day (a day out of the month's 1 to 28 refused as
// OutOfBoundsPaymentDayErrorType, a second while it waits as ScheduleOverlapErrorType),
// then from today a schedule paying what bills ask by card, whose kind
// replaceLatestPaymentSchedule changes to direct debit.
func TestOriginPaymentSchedules(t *testing.T) {
	_, c := tenant(t, "origin-schema.graphql")
	query := mustQuery(t, c)
	const fixed = `mutation($day: Int, $from: Date) { createFixedPaymentSchedule(input: {accountNumber: "A-C90DC431", scheduleType: DIRECT_DEBIT, paymentFrequency: Monthly, paymentDay: $day, paymentAmount: 12000, validFrom: $from}) {
		paymentSchedule { id validFrom paymentDay paymentAmount isVariablePaymentAmount scheduleType } error { __typename ... on OutOfBoundsPaymentDayErrorType { message } } } }`
	if got := simtest.Get(query(fixed, map[string]any{"day": 31}), "createFixedPaymentSchedule", "error", "__typename"); got != "OutOfBoundsPaymentDayErrorType" {
		t.Errorf("day 31: %v", got)
	}
	s := simtest.Get(query(fixed, map[string]any{"day": 20, "from": "2026-12-20"}), "createFixedPaymentSchedule", "paymentSchedule")
	if simtest.Get(s, "validFrom") != "2026-12-20" || simtest.Get(s, "paymentAmount") != 12000.0 || simtest.Get(s, "isVariablePaymentAmount") != false {
		t.Errorf("fixed %v", s)
	}
	if got := simtest.Get(query(fixed, map[string]any{"day": 21, "from": "2026-12-21"}), "createFixedPaymentSchedule", "error", "__typename"); got != "ScheduleOverlapErrorType" {
		t.Errorf("a second waiting: %v", got)
	}

	_, c = tenant(t, "origin-schema.graphql")
	query = mustQuery(t, c)
	card := simtest.Get(query(`mutation { createPaymentSchedule(input: {accountNumber: "A-C90DC431", scheduleType: CARD_PAYMENT}) { paymentSchedule { id validFrom scheduleType isVariablePaymentAmount } } }`, nil), "createPaymentSchedule", "paymentSchedule")
	if simtest.Get(card, "validFrom") != "2026-12-02" || simtest.Get(card, "scheduleType") != "CARD_PAYMENT" || simtest.Get(card, "isVariablePaymentAmount") != true {
		t.Errorf("paying bills %v", card)
	}
	r := simtest.Get(query(`mutation { replaceLatestPaymentSchedule(input: {accountNumber: "A-C90DC431", scheduleType: DIRECT_DEBIT}) { replacedSchedule { id } newSchedule { id validFrom scheduleType isVariablePaymentAmount } } }`, nil), "replaceLatestPaymentSchedule")
	if simtest.Get(r, "newSchedule", "scheduleType") != "DIRECT_DEBIT" || simtest.Get(r, "newSchedule", "isVariablePaymentAmount") != true || simtest.Get(r, "newSchedule", "validFrom") != "2026-12-02" {
		t.Errorf("replaced %v", r)
	}
	listed := simtest.Get(query(`{ account(accountNumber: "A-C90DC431") { paymentSchedules(first: 5) { edges { node { id scheduleType validTo } } } } }`, nil), "account", "paymentSchedules", "edges").([]any)
	if simtest.Get(listed[0], "node", "scheduleType") != "DIRECT_DEBIT" || simtest.Get(listed[0], "node", "validTo") != nil {
		t.Errorf("schedules %v", listed)
	}
}

// TestOriginSchedulesAreDeletedAndSwitched deletes a fixed schedule waiting to start on
// Origin, after which the one in force goes on (one in force is kept, one unknown does
// not exist), then switches the ledger to paying what bills ask: refused while another
// waits to start unless it is cancelled, of the kind and day of the one it replaces.
func TestOriginSchedulesAreDeletedAndSwitched(t *testing.T) {
	_, c := tenant(t, "origin-schema.graphql")
	query := mustQuery(t, c)
	const (
		fixed     = `mutation { createFixedPaymentSchedule(input: {accountNumber: "A-C90DC431", ledgerNumber: "L-6B2F0A1C", scheduleType: CARD_PAYMENT, paymentDay: 20, paymentAmount: 12000, validFrom: "2026-12-20"}) { paymentSchedule { id } } }`
		del       = `mutation($id: String!) { deletePaymentSchedule(input: {accountNumber: "A-C90DC431", paymentScheduleId: $id}) { account { number } error { __typename } } }`
		schedules = `{ account(accountNumber: "A-C90DC431") { paymentSchedules(first: 5) { edges { node { id validTo paymentDay scheduleType isVariablePaymentAmount } } } } }`
		variable  = `mutation($cancel: Boolean) { switchAccountToVariablePaymentSchedule(input: {accountNumber: "A-C90DC431", ledgerNumber: "L-6B2F0A1C", cancelConflictingSchedules: $cancel}) { schedule { id validFrom paymentDay scheduleType isVariablePaymentAmount paymentAmount } } }`
	)
	waiting := simtest.Get(query(fixed, nil), "createFixedPaymentSchedule", "paymentSchedule", "id")
	for _, tc := range []struct {
		id   any
		want any
	}{{"81721", "UnableToDeleteScheduleType"}, {"999", "DoesNotExistErrorType"}, {waiting, nil}} {
		if got := simtest.Get(query(del, map[string]any{"id": tc.id}), "deletePaymentSchedule", "error", "__typename"); got != tc.want {
			t.Errorf("deleting %v: %v, want %v", tc.id, got, tc.want)
		}
	}
	listed := simtest.Get(query(schedules, nil), "account", "paymentSchedules", "edges").([]any)
	if simtest.Get(listed[0], "node", "id") != "81721" || simtest.Get(listed[0], "node", "validTo") != nil {
		t.Errorf("after deleting, schedules %v", listed)
	}

	query(fixed, nil)
	if out := c.Query(variable, nil); len(out.Errors) != 1 || out.Errors[0].Code() != "KT-CT-3984" {
		t.Errorf("a schedule waiting: %+v", out.Errors)
	}
	if out := c.Query(`mutation { switchAccountToVariablePaymentSchedule(input: {accountNumber: "A-C90DC431", ledgerNumber: "L-0000"}) { schedule { id } } }`, nil); len(out.Errors) != 1 || out.Errors[0].Code() != "KT-CT-3922" {
		t.Errorf("another ledger: %+v", out.Errors)
	}
	s := simtest.Get(query(variable, map[string]any{"cancel": true}), "switchAccountToVariablePaymentSchedule", "schedule")
	if simtest.Get(s, "validFrom") != "2026-12-02" || simtest.Get(s, "isVariablePaymentAmount") != true || simtest.Get(s, "paymentDay") != 15.0 {
		t.Errorf("switched %v", s)
	}
	listed = simtest.Get(query(schedules, nil), "account", "paymentSchedules", "edges").([]any)
	if simtest.Get(listed[0], "node", "id") != simtest.Get(s, "id") || simtest.Get(listed[1], "node", "validTo") != "2026-12-01" {
		t.Errorf("after switching, schedules %v", listed)
	}
}

// TestOriginVariableDirectDebitPaysEachStatement switches the demo household to paying
// what its bills ask by direct debit and runs the clock three months on: each statement
// issued since is collected, on both ledgers, on the schedule's payment day at least a
// week after it was issued: the first less the 4230 the account held in credit, the
// others in full, so that the account ends owing nothing and holding nothing.
func TestOriginVariableDirectDebitPaysEachStatement(t *testing.T) {
	_, c := tenant(t, "origin-schema.graphql")
	mustQuery(t, c)(`mutation { switchAccountToVariablePaymentSchedule(input: {accountNumber: "A-C90DC431", ledgerNumber: "L-6B2F0A1C"}) { schedule { id } } }`, nil)
	c.AdvanceClock(time.Date(2027, 3, 20, 12, 0, 0, 0, time.UTC).Sub(time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)))
	c.Token = "" // the hour's token has expired: Origin signs in by API key
	c.Token, _ = simtest.Get(mustQuery(t, c)(`mutation { obtainKrakenToken(input: {APIKey: "sk_live_krakensimdemo3235447"}) { token } }`, nil), "obtainKrakenToken", "token").(string)
	data := mustQuery(t, c)(`{ account(accountNumber: "A-C90DC431") { balance
		payments(first: 10) { edges { node { amount paymentDate status transactionType } } }
		bills(first: 3) { edges { node { fromDate issuedDate ... on StatementType { totalCharges { grossTotal } } } } } } }`, nil)
	collected := map[string]float64{}
	for _, e := range simtest.Get(data, "account", "payments", "edges").([]any) {
		n := simtest.Get(e, "node")
		if simtest.Get(n, "transactionType") == "DD_REGULAR_COLLECTION" && simtest.Get(n, "status") == "CLEARED" {
			collected[simtest.Get(n, "paymentDate").(string)] += simtest.Get(n, "amount").(float64)
		}
	}
	for _, want := range []struct {
		from, on string
		credit   float64
	}{{"2027-02-01", "2027-03-15", 0}, {"2027-01-01", "2027-02-15", 0}, {"2026-12-01", "2027-01-15", 4230}} {
		var bill any
		for _, e := range simtest.Get(data, "account", "bills", "edges").([]any) {
			if simtest.Get(e, "node", "fromDate") == want.from {
				bill = simtest.Get(e, "node")
			}
		}
		if charged, _ := simtest.Get(bill, "totalCharges", "grossTotal").(float64); charged == 0 || collected[want.on] != charged-want.credit {
			t.Errorf("the statement from %s charged %v; collected on %s: %v (all: %v)", want.from, charged, want.on, collected[want.on], collected)
		}
	}
	if got := simtest.Get(data, "account", "balance"); got != 0.0 {
		t.Errorf("the balance three months on: %v, want nothing owed or held", got)
	}
	// Once March's statement is issued, its collection on 15 April is forecast.
	c.AdvanceClock(16 * 24 * time.Hour)
	c.Token = ""
	c.Token, _ = simtest.Get(mustQuery(t, c)(`mutation { obtainKrakenToken(input: {APIKey: "sk_live_krakensimdemo3235447"}) { token } }`, nil), "obtainKrakenToken", "token").(string)
	later := mustQuery(t, c)(`{ account(accountNumber: "A-C90DC431") {
		paginatedPaymentForecast(first: 3, ledgerNumber: "L-6B2F0A1C", dateTo: "2027-04-30") { edges { node { date amount method } } }
		bills(first: 1) { edges { node { fromDate ... on StatementType { transactions(first: 5) { edges { node { ... on Charge { title amounts { gross } } } } } } } } } } }`, nil)
	var electricity any
	for _, e := range simtest.Get(later, "account", "bills", "edges", 0, "node", "transactions", "edges").([]any) {
		if simtest.Get(e, "node", "title") == "Electricity" {
			electricity = simtest.Get(e, "node", "amounts", "gross")
		}
	}
	if got := fmt.Sprint(simtest.Get(later, "account", "paginatedPaymentForecast", "edges")); electricity == nil || got != fmt.Sprintf("[map[node:map[amount:%v date:2027-04-15 method:DIRECT_DEBIT]]]", electricity) {
		t.Errorf("the forecast on 5 April: %s; March's electricity charged %v", got, electricity)
	}
}

// TestOriginVariableDirectDebitFollowsTheSchedule: a variable direct debit collects a
// statement only if it is still in force on its collection day: not once a fixed
// schedule has taken its place (the fixed one collects alone), and, in a payment
// holiday, on its payment day after the holiday instead.
func TestOriginVariableDirectDebitFollowsTheSchedule(t *testing.T) {
	const (
		variable = `mutation { switchAccountToVariablePaymentSchedule(input: {accountNumber: "A-C90DC431", ledgerNumber: "L-6B2F0A1C"}) { schedule { id } } }`
		fixed    = `mutation { createFixedPaymentSchedule(input: {accountNumber: "A-C90DC431", ledgerNumber: "L-6B2F0A1C", scheduleType: DIRECT_DEBIT, paymentDay: 15, paymentAmount: 24000, validFrom: "2027-01-06"}) { paymentSchedule { id } } }`
		holiday  = `mutation { createPaymentExtension(input: {accountNumber: "A-C90DC431", ledgerNumber: "L-6B2F0A1C", chosenDate: "2027-07-16", chosenOption: PAY_IN_FULL}) { paymentExtension { ... on PaymentScheduleType { isPaymentHoliday validFrom validTo } } } }`
		payments = `{ account(accountNumber: "A-C90DC431") { payments(first: 20) { edges { node { amount paymentDate transactionType } } } } }`
	)
	start := time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name       string
		at         time.Time // when the second mutation is made
		second     string
		until      time.Time
		want       map[string]bool // collection days expected (true) or not (false)
		collectsOn string          // a day whose direct debits sum to fixedAmount, when given
	}{
		{"switched back to fixed", time.Date(2027, 1, 5, 12, 0, 0, 0, time.UTC), fixed, time.Date(2027, 1, 20, 12, 0, 0, 0, time.UTC), nil, "2027-01-15"},
		{"a payment holiday", time.Date(2027, 7, 3, 12, 0, 0, 0, time.UTC), holiday, time.Date(2027, 8, 20, 12, 0, 0, 0, time.UTC),
			map[string]bool{"2027-07-15": false, "2027-08-16": true}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, c := tenant(t, "origin-schema.graphql")
			signIn := func() {
				c.Token = ""
				c.Token, _ = simtest.Get(mustQuery(t, c)(`mutation { obtainKrakenToken(input: {APIKey: "sk_live_krakensimdemo3235447"}) { token } }`, nil), "obtainKrakenToken", "token").(string)
			}
			mustQuery(t, c)(variable, nil)
			c.AdvanceClock(tc.at.Sub(start))
			signIn()
			mustQuery(t, c)(tc.second, nil)
			c.AdvanceClock(tc.until.Sub(tc.at))
			signIn()
			byDay := map[string][]float64{}
			for _, e := range simtest.Get(mustQuery(t, c)(payments, nil), "account", "payments", "edges").([]any) {
				if n := simtest.Get(e, "node"); simtest.Get(n, "transactionType") == "DD_REGULAR_COLLECTION" {
					byDay[simtest.Get(n, "paymentDate").(string)] = append(byDay[simtest.Get(n, "paymentDate").(string)], simtest.Get(n, "amount").(float64))
				}
			}
			for day, want := range tc.want {
				if got := len(byDay[day]) > 0; got != want {
					t.Errorf("collections on %s: %v, want some: %v (all %v)", day, byDay[day], want, byDay)
				}
			}
			if tc.collectsOn != "" && fmt.Sprint(byDay[tc.collectsOn]) != "[24000]" {
				t.Errorf("collected on %s: %v, want the fixed schedule's 24000 alone", tc.collectsOn, byDay[tc.collectsOn])
			}
			if tc.name == "a payment holiday" && len(byDay["2027-08-16"]) != 4 {
				t.Errorf("on 16 August, June's statement collected after the holiday beside July's: %v", byDay["2027-08-16"])
			}
		})
	}
}

// TestOctopusSmartMetersHaveAlwaysGivenReadings reads the demo household's refund
// screen, £200 in credit, each day around the statements of 1 July and 1 August 2028:
// its meters are smart, sending reads every day, so while maximumRefund offers a refund
// it can ask for one, never told to give readings first.
func TestOctopusSmartMetersHaveAlwaysGivenReadings(t *testing.T) {
	start := time.Date(2028, 6, 29, 12, 0, 0, 0, time.UTC)
	_, c := layered(t, "octopus-schema.graphql", nil, nil, func(cfg *sim.Config) { cfg.ClockStart = start },
		func(w *sim.World) { w.Account("A-C90DC431").Balance = 20000 }) // in credit above a month's £110
	const q = `{ account(accountNumber: "A-C90DC431") { maximumRefund { amount } requestRefundEligibility { canRequestRefund reason } } }`
	offered, at := 0, start
	for day := start; day.Before(time.Date(2028, 8, 3, 0, 0, 0, 0, time.UTC)); day = day.AddDate(0, 0, 1) {
		if day.Month() == time.July && day.Day() > 3 && day.Day() < 29 {
			continue
		}
		c.AdvanceClock(day.Sub(at))
		at = day
		c.SignIn("demo@krakensim.dev", "krakensim")
		data := mustQuery(t, c)(q, nil)
		refund := simtest.Get(data, "account", "maximumRefund", "amount").(float64)
		can, reason := simtest.Get(data, "account", "requestRefundEligibility", "canRequestRefund"), simtest.Get(data, "account", "requestRefundEligibility", "reason")
		if refund > 0 {
			offered++
		}
		if can != (refund > 0) || reason == "HAS_NOT_GIVEN_READINGS_RECENTLY" {
			t.Errorf("%s: maximumRefund %v, eligibility %v %v", day.Format(time.DateOnly), refund, can, reason)
		}
	}
	if offered == 0 {
		t.Error("no day offered a refund: the test asks nothing")
	}
}
