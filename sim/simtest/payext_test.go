package simtest_test

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/simtest"
)

const (
	extensionInfo = `query($n: String!) { account(accountNumber: $n) { paymentExtensionInfo { paymentExtensionOptions { payInFull weekly fullAmount instalmentAmount }
		paymentExtensionEligibility { isEligibleForPaymentExtension } } } }`
	extend = `mutation($d: Date!, $o: PaymentExtensionOption!, $in: String) { createPaymentExtension(input: {accountNumber: "A-7B3E9D12", ledgerNumber: "L-7B3E9D01", chosenDate: $d, chosenOption: $o, paymentInstructionId: $in}) {
		paymentExtension { __typename ... on PaymentScheduleType { validFrom validTo isPaymentHoliday paymentAmount paymentFrequency }
		... on AccountPaymentType { amount paymentDate status } ... on PaymentPromiseType { paymentPromises { amount paymentDate status } } } } }`
	flatSchedules = `{ account(accountNumber: "A-7B3E9D12") { paymentSchedules(first: 3) { edges { node { validFrom validTo isPaymentHoliday } } } } }`
)

// TestOriginPaymentExtension offers the flat, which owes $15.80, a payment extension on
// Origin (the demo account, in credit, none), and takes it three ways: with no
// instruction a payment holiday on its direct debit until the day, after which the
// schedule resumes; with its mandate two weekly instalments; paying by hand, promises. A
// day not offered extends nothing.
func TestOriginPaymentExtension(t *testing.T) {
	_, c := tenant(t, "origin-schema.graphql")
	query := mustQuery(t, c)
	info := simtest.Get(query(extensionInfo, map[string]any{"n": "A-7B3E9D12"}), "account", "paymentExtensionInfo")
	if simtest.Get(info, "paymentExtensionEligibility", "isEligibleForPaymentExtension") != true || simtest.Get(info, "paymentExtensionOptions", "fullAmount") != 1580.0 ||
		simtest.Get(info, "paymentExtensionOptions", "instalmentAmount") != 790.0 || simtest.Get(info, "paymentExtensionOptions", "payInFull", 0) != "2026-12-03" ||
		len(simtest.Get(info, "paymentExtensionOptions", "weekly").([]any)) != 5 {
		t.Errorf("the flat is offered %v", info)
	}
	if got := simtest.Get(query(extensionInfo, map[string]any{"n": "A-C90DC431"}), "account", "paymentExtensionInfo", "paymentExtensionEligibility", "isEligibleForPaymentExtension"); got != false {
		t.Errorf("an account in credit is eligible: %v", got)
	}
	if got := simtest.Get(query(extend, map[string]any{"d": "2026-12-05", "o": "PAY_IN_FULL"}), "createPaymentExtension", "paymentExtension"); got != nil {
		t.Errorf("a Saturday extended %v", got)
	}
	holiday := simtest.Get(query(extend, map[string]any{"d": "2026-12-09", "o": "PAY_IN_FULL"}), "createPaymentExtension", "paymentExtension")
	if simtest.Get(holiday, "isPaymentHoliday") != true || simtest.Get(holiday, "validFrom") != "2026-12-02" || simtest.Get(holiday, "validTo") != "2026-12-09" {
		t.Errorf("the holiday %v", holiday)
	}
	listed := simtest.Get(query(flatSchedules, nil), "account", "paymentSchedules", "edges").([]any)
	if simtest.Get(listed[0], "node", "validFrom") != "2026-12-10" || simtest.Get(listed[0], "node", "isPaymentHoliday") != false {
		t.Errorf("after the holiday, schedules %v", listed)
	}

	_, c = tenant(t, "origin-schema.graphql")
	weekly := simtest.Get(mustQuery(t, c)(extend, map[string]any{"d": "2026-12-07", "o": "WEEKLY", "in": "412882"}), "createPaymentExtension", "paymentExtension")
	if simtest.Get(weekly, "__typename") != "PaymentScheduleType" || simtest.Get(weekly, "paymentAmount") != 790.0 || simtest.Get(weekly, "validTo") != "2026-12-14" || simtest.Get(weekly, "paymentFrequency") != "Weekly" {
		t.Errorf("instalments %v", weekly)
	}

	_, c = tenant(t, "origin-schema.graphql", func(w *sim.World) { w.Account("A-7B3E9D12").PaymentSchedules = nil })
	promises := simtest.Get(mustQuery(t, c)(extend, map[string]any{"d": "2026-12-03", "o": "FORTNIGHTLY"}), "createPaymentExtension", "paymentExtension", "paymentPromises").([]any)
	if len(promises) != 2 || simtest.Get(promises[1], "paymentDate") != "2026-12-17" || simtest.Get(promises[1], "status") != "PROMISED" || simtest.Get(promises[0], "amount") != 790.0 {
		t.Errorf("promises %v", promises)
	}
}

// TestOriginPaymentExtensionInstalmentsSumToTheDebt extends a debt of $15.81 in two
// weekly direct debits: the schedule pays it off (totalDebtAmount), the forecast and
// the collections a week on take $7.91 then the remainder, $7.90, not a cent too many.
func TestOriginPaymentExtensionInstalmentsSumToTheDebt(t *testing.T) {
	_, c := tenant(t, "origin-schema.graphql", func(w *sim.World) {
		a := w.Account("A-7B3E9D12")
		a.Balance, a.Ledgers[0].Balance = -1581, -1581
	})
	got := simtest.Get(mustQuery(t, c)(`mutation { createPaymentExtension(input: {accountNumber: "A-7B3E9D12", ledgerNumber: "L-7B3E9D01", chosenDate: "2026-12-07",
		chosenOption: WEEKLY, paymentInstructionId: "412882"}) { paymentExtension { ... on PaymentScheduleType { paymentAmount totalDebtAmount validTo } } } }`, nil),
		"createPaymentExtension", "paymentExtension")
	if fmt.Sprint(got) != "map[paymentAmount:791 totalDebtAmount:1581 validTo:2026-12-14]" {
		t.Errorf("the instalments' schedule %v", got)
	}
	instalments := func(list []any, date, amount string) string {
		var out []string
		for _, p := range list {
			if d := fmt.Sprint(simtest.Get(p, date)); d >= "2026-12-07" && d <= "2026-12-14" {
				out = append(out, fmt.Sprintf("%s %v", d, simtest.Get(p, amount)))
			}
		}
		slices.Sort(out)
		return fmt.Sprint(out)
	}
	const want = "[2026-12-07 791 2026-12-14 790]"
	forecast := simtest.Get(mustQuery(t, c)(`{ account(accountNumber: "A-7B3E9D12") { paymentForecast(dateTo: "2026-12-31") { date amount } } }`, nil), "account", "paymentForecast").([]any)
	if got := instalments(forecast, "date", "amount"); got != want {
		t.Errorf("the forecast instalments %s, want %s", got, want)
	}
	c.AdvanceClock(time.Date(2026, 12, 20, 9, 0, 0, 0, time.UTC).Sub(time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)))
	c.Token = ""
	c.Token, _ = simtest.Get(mustQuery(t, c)(`mutation { obtainKrakenToken(input: {APIKey: "sk_live_krakensimdemo3235447"}) { token } }`, nil), "obtainKrakenToken", "token").(string)
	var paid []any
	for _, e := range simtest.Get(mustQuery(t, c)(`{ account(accountNumber: "A-7B3E9D12") { payments(first: 12) { edges { node { paymentDate amount } } } } }`, nil), "account", "payments", "edges").([]any) {
		paid = append(paid, simtest.Get(e, "node"))
	}
	if got := instalments(paid, "paymentDate", "amount"); got != want {
		t.Errorf("the instalments collected %s, want %s", got, want)
	}
}
