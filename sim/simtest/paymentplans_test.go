package simtest_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/krakensim/krakensim/sim/simtest"
)

const (
	offerPlan = `mutation($in: CreatePaymentPlanOfferInput!) { offerPaymentPlan(input: $in) { paymentPlan {
		id status strategyDisplayName offerExpiresAt acceptedAt ledgerNumber payments { payableDate amount paymentType } nextPayment { payableDate } } } }`
	planView = `query($a: String!) { account(accountNumber: $a) { paymentPlanEligibilityStatus
		paymentPlans(first: 10) { totalCount edges { node { id status nextPayment { payableDate amount } } } } } }`
)

// planOffer is an offer of the flat's debt (£15.80) in three fortnightly instalments
// with its use (£80) in four, from Saturday 12 December 2026, open until the 9th;
// edits change it.
func planOffer(edits map[string]any) map[string]any {
	in := map[string]any{"accountNumber": "A-7B3E9D12", "paymentFrequency": "WEEKLY", "paymentFrequencyMultiplier": 2,
		"debtComponent": map[string]any{"numberOfInstalments": 3, "totalPaymentAmount": 1000}, "ongoingComponent": map[string]any{"numberOfInstalments": 4, "totalPaymentAmount": 8000},
		"offerExpiry": "2026-12-09", "firstPaymentDate": "2026-12-12", "initialScheduleType": "DIRECT_DEBIT", "sendOfferComms": false}
	for k, v := range edits {
		if v == nil {
			delete(in, k)
		} else {
			in[k] = v
		}
	}
	return map[string]any{"in": in}
}

// TestOriginPaymentPlans runs a payment plan's life on Origin's SDL: an account owing
// money may be offered one, its instalments laid on working days (not on the Boxing Day
// holiday of Monday 28 December, nor New Year's Day); accepted, the plan is in force and
// names its next payment, and the account says it has a fixed debt repayment schedule;
// a second plan on the ledger cannot be accepted, an offer past its expiry neither, and
// only a plan in force can be cancelled, revised or broken. A plan the customer makes is
// in force at once, or only previewed.
func TestOriginPaymentPlans(t *testing.T) {
	srv, c := tenant(t, "origin-schema.graphql")
	q := mustQuery(t, c)
	status := func(number string) string {
		data := q(planView, map[string]any{"a": number})
		return spaced(simtest.Get(data, "account", "paymentPlanEligibilityStatus"), simtest.Get(data, "account", "paymentPlans", "totalCount"))
	}
	if got := status("A-7B3E9D12") + ", " + status("A-C90DC431"); got != "ACCOUNT_HAS_NEGATIVE_BALANCE 0, ACCOUNT_CAN_HAVE_PAYMENT_PLAN 0" {
		t.Errorf("before any plan: %s", got)
	}
	for _, tc := range []struct {
		name  string
		edits map[string]any
		want  string
	}{
		{"no components", map[string]any{"debtComponent": nil, "ongoingComponent": nil}, "KT-AU-3931"},
		{"an expiry after the first payment", map[string]any{"offerExpiry": "2026-12-14"}, "KT-AU-3932"},
		{"an expiry on the first payment's working day", map[string]any{"offerExpiry": "2026-12-14", "firstPaymentDate": "2026-12-13"}, "KT-AU-3932"},
		{"more debt than the ledger owes", map[string]any{"debtComponent": map[string]any{"numberOfInstalments": 2, "totalPaymentAmount": 2000}}, "KT-AU-3918"},
		{"no instalments", map[string]any{"ongoingComponent": map[string]any{"numberOfInstalments": 0, "totalPaymentAmount": 2000}}, "KT-AU-3918"},
		{"an expired offer", map[string]any{"offerExpiry": "2026-12-01"}, "KT-AU-3918"},
		{"a first payment two years ahead", map[string]any{"firstPaymentDate": "2028-12-12"}, "KT-AU-3918"},
		{"a last payment 24 years ahead", map[string]any{"paymentFrequency": "MONTHLY", "paymentFrequencyMultiplier": 12, "ongoingComponent": map[string]any{"numberOfInstalments": 25, "totalPaymentAmount": 8000}}, "KT-AU-3918"},
		{"another ledger", map[string]any{"ledgerNumber": "L-C90DC401"}, "KT-AU-3921"},
		{"a support user", map[string]any{"supportUserId": "42"}, "KT-AU-3939"},
	} {
		out := c.Query(offerPlan, planOffer(tc.edits))
		if len(out.Errors) != 1 || out.Errors[0].Code() != tc.want {
			t.Errorf("%s: %+v, want %s", tc.name, out.Errors, tc.want)
		}
	}
	if got := status("A-7B3E9D12"); got != "ACCOUNT_HAS_NEGATIVE_BALANCE 0" {
		t.Errorf("after refused offers: %s", got)
	}

	plan := simtest.Get(q(offerPlan, planOffer(nil)), "offerPaymentPlan", "paymentPlan").(map[string]any)
	if got := spaced(plan["status"], plan["strategyDisplayName"], plan["offerExpiresAt"], plan["acceptedAt"], plan["ledgerNumber"], plan["payments"], plan["nextPayment"]); got !=
		"OFFERED Fortnightly payment plan 2026-12-10T00:00:00+11:00 <nil> L-7B3E9D01 "+
			"[map[amount:2334 payableDate:2026-12-14 paymentType:DIRECT_DEBIT] map[amount:2333 payableDate:2026-12-29 paymentType:DIRECT_DEBIT] "+
			"map[amount:2333 payableDate:2027-01-11 paymentType:DIRECT_DEBIT] map[amount:2000 payableDate:2027-01-25 paymentType:DIRECT_DEBIT]] <nil>" {
		t.Errorf("the offer: %s", got)
	}
	if got := status("A-7B3E9D12"); got != "ACCOUNT_HAS_NEGATIVE_BALANCE 1" {
		t.Errorf("with an offer: %s", got)
	}
	act := func(op, id string, extra string) *simtest.Response {
		return c.Query(fmt.Sprintf(`mutation($id: ID!) { %s(input: {paymentPlanId: $id%s}) { paymentPlan { id status acceptedAt nextPayment { payableDate amount } } } }`, op, extra), map[string]any{"id": id})
	}
	code := func(out *simtest.Response) string {
		if len(out.Errors) != 1 {
			return fmt.Sprint(out.Errors)
		}
		return out.Errors[0].Code()
	}
	out := act("acceptPaymentPlan", plan["id"].(string), ", sendAcceptanceComms: false")
	accepted := simtest.Get(out.Data, "acceptPaymentPlan", "paymentPlan").(map[string]any)
	if got := spaced(accepted["status"], accepted["acceptedAt"], accepted["nextPayment"]); len(out.Errors) > 0 || got != "ACTIVE 2026-12-02T20:00:00+11:00 map[amount:2334 payableDate:2026-12-14]" {
		t.Errorf("accepted: %s %v", got, out.Errors)
	}
	if got := status("A-7B3E9D12"); got != "ACCOUNT_HAS_FIXED_DEBT_REPAYMENT_SCHEDULE 1" {
		t.Errorf("with a plan in force: %s", got)
	}
	forecast := q(`{ account(accountNumber: "A-7B3E9D12") { paginatedPaymentForecast(first: 20, ledgerNumber: "L-7B3E9D01", dateTo: "2027-01-31") { edges { node { date amount method } } } } }`, nil)
	var plans []string
	for _, e := range simtest.Get(forecast, "account", "paginatedPaymentForecast", "edges").([]any) {
		n := e.(map[string]any)["node"].(map[string]any)
		plans = append(plans, fmt.Sprint(n["date"], " ", n["amount"]))
	}
	if got := fmt.Sprint(plans); got != "[2026-12-14 2334 2026-12-29 2333 2027-01-11 2333 2027-01-25 2000]" {
		t.Errorf("the ledger's forecast to January, the plan's instalments in place of its direct debit: %s", got)
	}
	second := simtest.Get(q(offerPlan, planOffer(nil)), "offerPaymentPlan", "paymentPlan", "id").(string)
	for _, tc := range []struct{ name, op, id, extra, want string }{
		{"accepting it again", "acceptPaymentPlan", plan["id"].(string), ", sendAcceptanceComms: false", "KT-AU-3936"},
		{"a second plan on the ledger", "acceptPaymentPlan", second, ", sendAcceptanceComms: false", "KT-AU-3934"},
		{"a plan nobody has", "acceptPaymentPlan", "999", ", sendAcceptanceComms: false", "KT-AU-3933"},
		{"cancelling an offer", "cancelPaymentPlan", second, ", sendCancellationComms: false", "KT-AU-3937"},
		{"breaking an offer", "breakPaymentPlan", second, "", "KT-AU-3938"},
	} {
		if got := code(act(tc.op, tc.id, tc.extra)); got != tc.want {
			t.Errorf("%s: %s, want %s", tc.name, got, tc.want)
		}
	}
	other := srv.ClientIn(t, c.Session)
	other.Token, _ = simtest.Get(q(`mutation { obtainKrakenToken(input: {APIKey: "sk_live_krakensimother3235449"}) { token } }`, nil), "obtainKrakenToken", "token").(string)
	if got := code(other.Query(`mutation($id: ID!) { breakPaymentPlan(input: {paymentPlanId: $id}) { paymentPlan { id } } }`, map[string]any{"id": plan["id"]})); got != "KT-AU-3933" {
		t.Errorf("another user breaking the plan: %s", got)
	}
	out = act("cancelPaymentPlan", plan["id"].(string), ", sendCancellationComms: false, isRevisedStatus: true")
	if got := simtest.Get(out.Data, "cancelPaymentPlan", "paymentPlan", "status"); got != "REVISED" {
		t.Errorf("revised: %v %v", got, out.Errors)
	}
	if got := code(act("breakPaymentPlan", plan["id"].(string), "")); got != "KT-AU-3938" {
		t.Errorf("breaking a revised plan: %s", got)
	}
	if got := simtest.Get(act("acceptPaymentPlan", second, ", sendAcceptanceComms: false").Data, "acceptPaymentPlan", "paymentPlan", "status"); got != "ACTIVE" {
		t.Errorf("the second plan, once the first was revised: %v", got)
	}
	if got := simtest.Get(act("breakPaymentPlan", second, "").Data, "breakPaymentPlan", "paymentPlan", "status"); got != "BROKEN" {
		t.Errorf("broken: %v", got)
	}

	third := simtest.Get(q(offerPlan, planOffer(nil)), "offerPaymentPlan", "paymentPlan", "id").(string)
	c.AdvanceClock(8 * 24 * time.Hour) // 10 December, 20:00 in Sydney: the offer ended at midnight
	c.Token, _ = simtest.Get(q(`mutation { obtainKrakenToken(input: {APIKey: "sk_live_krakensimdemo3235447"}) { token } }`, nil), "obtainKrakenToken", "token").(string)
	data := q(planView, map[string]any{"a": "A-7B3E9D12"})
	if got := fmt.Sprint(simtest.Get(data, "account", "paymentPlans", "edges")); got !=
		fmt.Sprintf("[map[node:map[id:%s nextPayment:<nil> status:EXPIRED]] map[node:map[id:%s nextPayment:<nil> status:BROKEN]] map[node:map[id:%s nextPayment:<nil> status:REVISED]]]", third, second, plan["id"]) {
		t.Errorf("the plans, newest first: %s", got)
	}
	if got := code(act("acceptPaymentPlan", third, ", sendAcceptanceComms: false")); got != "KT-AU-3935" {
		t.Errorf("accepting an expired offer: %s", got)
	}

	create := `mutation($save: Boolean!, $n: Int!) { previewAndCreatePaymentPlan(input: {accountNumber: "A-7B3E9D12", initialScheduleType: CARD_PAYMENT,
		firstPaymentDate: "2026-12-31", paymentFrequency: MONTHLY, paymentFrequencyMultiplier: 1, totalDebtAmount: 1580, numberOfInstalments: $n, savePlan: $save}) {
		paymentPlanPreview { payableDate amount } createdPaymentPlan { status strategyDisplayName acceptedAt payments { payableDate amount } } } }`
	data = q(create, map[string]any{"save": false, "n": 3})
	if got := spaced(simtest.Get(data, "previewAndCreatePaymentPlan", "paymentPlanPreview"), simtest.Get(data, "previewAndCreatePaymentPlan", "createdPaymentPlan")); got !=
		"[map[amount:528 payableDate:2026-12-31] map[amount:526 payableDate:2027-02-01] map[amount:526 payableDate:2027-03-01]] <nil>" {
		t.Errorf("a preview: %s", got)
	}
	if got := status("A-7B3E9D12"); got != "ACCOUNT_HAS_NEGATIVE_BALANCE 3" {
		t.Errorf("after a preview: %s", got)
	}
	if out := c.Query(create, map[string]any{"save": true, "n": 0}); code(out) != "KT-AU-3917" {
		t.Errorf("no instalments: %s", code(out))
	}
	data = q(create, map[string]any{"save": true, "n": 3})
	if got := spaced(simtest.Get(data, "previewAndCreatePaymentPlan", "createdPaymentPlan", "status"), simtest.Get(data, "previewAndCreatePaymentPlan", "createdPaymentPlan", "strategyDisplayName")); got != "ACTIVE Monthly payment plan" {
		t.Errorf("a plan made: %s", got)
	}
	if got := code(c.Query(create, map[string]any{"save": true, "n": 3})); got != "KT-AU-3919" {
		t.Errorf("a second plan made on the ledger: %s", got)
	}
	if got := status("A-7B3E9D12"); got != "ACCOUNT_HAS_FIXED_DEBT_REPAYMENT_SCHEDULE 4" {
		t.Errorf("with the customer's plan: %s", got)
	}
}

// TestOriginPaymentPlanCollects runs a plan's instalments through its ledger on Origin's
// SDL: a plan put in force lays a DEBT_REPAYMENT_PLAN schedule in place of the ledger's
// direct debit, which resumes after it; a direct debit collects each instalment on its
// day and the plan is COMPLETED once all were paid, where one paid by card that nobody
// pays is BROKEN from the day after its first instalment, and one the back office
// breaks before its first instalment collects nothing. The balance is what the ledgers
// hold.
func TestOriginPaymentPlanCollects(t *testing.T) {
	const (
		create = `mutation($type: ScheduleType!) { previewAndCreatePaymentPlan(input: {accountNumber: "A-7B3E9D12", ledgerNumber: "L-7B3E9D01",
			initialScheduleType: $type, firstPaymentDate: "2026-12-15", paymentFrequency: MONTHLY, paymentFrequencyMultiplier: 1, totalDebtAmount: 1580,
			numberOfInstalments: 4, savePlan: true}) { createdPaymentPlan { id status } } }`
		view = `{ account(accountNumber: "A-7B3E9D12") { balance ledgers { balance } paymentPlanEligibilityStatus
			paymentPlans(first: 1) { edges { node { status nextPayment { payableDate } } } }
			paymentSchedules(first: 10) { edges { node { reason validFrom validTo paymentAmount totalDebtAmount scheduleType } } }
			payments(first: 40) { edges { node { amount paymentDate } } } } }`
	)
	for _, tc := range []struct {
		name, scheduleType string
		breakNow           bool
		days               int
		want               string
	}{
		{"collected by direct debit", "DIRECT_DEBIT", false, 120,
			"COMPLETED ACCOUNT_HAS_NEGATIVE_BALANCE paid [2027-03-15 2027-02-15 2027-01-15 2026-12-15] schedules [DIRECT_DEBIT 2027-03-16.. " +
				"DIRECT_DEBIT_PLAN 2026-12-15..2027-03-15 395 1580 DIRECT_DEBIT DIRECT_DEBIT 2023-07-01..2026-12-14 DIRECT_DEBIT 2022-06-01..2023-06-30]"},
		{"by card, not paid", "CARD_PAYMENT", false, 14,
			"BROKEN ACCOUNT_HAS_NEGATIVE_BALANCE paid [] schedules [DIRECT_DEBIT 2027-03-16.. " +
				"CARD_PAYMENT_PLAN 2026-12-15..2027-03-15 395 1580 CARD_PAYMENT DIRECT_DEBIT 2023-07-01..2026-12-14 DIRECT_DEBIT 2022-06-01..2023-06-30]"},
		{"broken before its first instalment", "DIRECT_DEBIT", true, 120,
			"BROKEN ACCOUNT_HAS_NEGATIVE_BALANCE paid [] schedules [DIRECT_DEBIT 2026-12-15.. DIRECT_DEBIT 2023-07-01..2026-12-14 DIRECT_DEBIT 2022-06-01..2023-06-30]"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, c := tenant(t, "origin-schema.graphql")
			q := mustQuery(t, c)
			id := simtest.Get(q(create, map[string]any{"type": tc.scheduleType}), "previewAndCreatePaymentPlan", "createdPaymentPlan", "id")
			if tc.breakNow {
				q(`mutation($id: ID!) { breakPaymentPlan(input: {paymentPlanId: $id}) { paymentPlan { status } } }`, map[string]any{"id": id})
			}
			c.AdvanceClock(time.Duration(tc.days) * 24 * time.Hour)
			c.Token, _ = simtest.Get(q(`mutation { obtainKrakenToken(input: {APIKey: "sk_live_krakensimdemo3235447"}) { token } }`, nil), "obtainKrakenToken", "token").(string)
			a := simtest.Get(q(view, nil), "account").(map[string]any)
			paid := []string{}
			for _, e := range a["payments"].(map[string]any)["edges"].([]any) {
				if n := e.(map[string]any)["node"].(map[string]any); fmt.Sprint(n["amount"]) == "395" {
					paid = append(paid, n["paymentDate"].(string))
				}
			}
			var schedules []string
			for _, e := range a["paymentSchedules"].(map[string]any)["edges"].([]any) {
				n := e.(map[string]any)["node"].(map[string]any)
				s := fmt.Sprintf("%v %v..%v", n["scheduleType"], n["validFrom"], n["validTo"])
				if n["reason"] == "DEBT_REPAYMENT_PLAN" {
					s = fmt.Sprintf("%v_PLAN %v..%v %v %v %v", n["scheduleType"], n["validFrom"], n["validTo"], n["paymentAmount"], n["totalDebtAmount"], n["scheduleType"])
				}
				schedules = append(schedules, strings.ReplaceAll(s, "<nil>", ""))
			}
			plan := simtest.Get(a, "paymentPlans", "edges").([]any)[0].(map[string]any)["node"].(map[string]any)
			if got := fmt.Sprintf("%v %v paid %v schedules %v", plan["status"], a["paymentPlanEligibilityStatus"], paid, schedules); got != tc.want {
				t.Errorf("after %d days:\n got %s\nwant %s", tc.days, got, tc.want)
			}
			sum := 0.0
			for _, l := range a["ledgers"].([]any) {
				sum += l.(map[string]any)["balance"].(float64)
			}
			if a["balance"].(float64) != sum {
				t.Errorf("balance %v, the ledgers' %v", a["balance"], sum)
			}
		})
	}
}

// TestOriginPlanEligibilityHardship reads paymentPlanEligibilityStatus on Origin's SDL
// beside hardship agreements: an account on one in force is
// ACCOUNT_IS_ON_HARDSHIP_AGREEMENT, the enum's first, whatever it owes; one whose
// agreement ended, or that has none, is as its balance makes it.
func TestOriginPlanEligibilityHardship(t *testing.T) {
	for _, tc := range []struct {
		name, account, start, end, want string
	}{
		{"owing, no agreement", "A-7B3E9D12", "", "", "ACCOUNT_HAS_NEGATIVE_BALANCE"},
		{"owing, on an agreement", "A-7B3E9D12", "2026-12-01", "", "ACCOUNT_IS_ON_HARDSHIP_AGREEMENT"},
		{"in credit, on an agreement", "A-C90DC431", "2026-11-20", "2027-01-31", "ACCOUNT_IS_ON_HARDSHIP_AGREEMENT"},
		{"owing, an agreement ended", "A-7B3E9D12", "2026-11-01", "2026-12-01", "ACCOUNT_HAS_NEGATIVE_BALANCE"},
		{"owing, an agreement from tomorrow", "A-7B3E9D12", "2026-12-03", "", "ACCOUNT_HAS_NEGATIVE_BALANCE"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, c := tenant(t, "origin-schema.graphql")
			q := mustQuery(t, c)
			if tc.start != "" {
				in := map[string]any{"accountId": tc.account, "hardshipType": "REDUCED_INCOME", "hardshipDetails": "lost hours", "startDate": tc.start}
				if tc.end != "" {
					in["endDate"] = tc.end
				}
				q(`mutation($in: CreateHardshipAgreementInput!) { createHardshipAgreement(input: $in) { newHardshipAgreement { id } } }`, map[string]any{"in": in})
			}
			if got := simtest.Get(q(planView, map[string]any{"a": tc.account}), "account", "paymentPlanEligibilityStatus"); got != tc.want {
				t.Errorf("%v, want %s", got, tc.want)
			}
		})
	}
}

// TestOriginCustomerPlanNoMoreThanOwed holds previewAndCreatePaymentPlan to what the
// ledger owes, as offerPaymentPlan is: a plan saved for more (or on a ledger in credit)
// is KT-AU-3918; one for the debt is made; a preview lays out any amount.
func TestOriginCustomerPlanNoMoreThanOwed(t *testing.T) {
	const create = `mutation($a: String!, $total: Int!, $save: Boolean!) { previewAndCreatePaymentPlan(input: {accountNumber: $a,
		initialScheduleType: DIRECT_DEBIT, firstPaymentDate: "2026-12-15", paymentFrequency: MONTHLY, paymentFrequencyMultiplier: 1,
		totalDebtAmount: $total, numberOfInstalments: 3, savePlan: $save}) { paymentPlanPreview { amount } createdPaymentPlan { status } } }`
	for _, tc := range []struct {
		name, account string
		total         int
		save          bool
		want          string
	}{
		{"a ledger in credit", "A-C90DC431", 1000000, true, "KT-AU-3918"},
		{"a cent more than owed", "A-7B3E9D12", 1581, true, "KT-AU-3918"},
		{"what is owed", "A-7B3E9D12", 1580, true, "ACTIVE"},
		{"a preview on a ledger in credit", "A-C90DC431", 1000000, false, "<nil>"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, c := tenant(t, "origin-schema.graphql")
			out := c.Query(create, map[string]any{"a": tc.account, "total": tc.total, "save": tc.save})
			got := fmt.Sprint(simtest.Get(out.Data, "previewAndCreatePaymentPlan", "createdPaymentPlan", "status"))
			if len(out.Errors) > 0 {
				got = out.Errors[0].Code()
			}
			if got != tc.want {
				t.Errorf("%s %+v, want %s", got, out.Errors, tc.want)
			}
		})
	}
}

// TestOriginPaymentPlanComms sends the payment-plan mutations' comms on Origin's SDL as
// createHardshipAgreement's sendComms does: an email to the billing address for each
// flag set (the offer, the acceptance, the cancellation), none for a flag unset (the session lists them newest first).
func TestOriginPaymentPlanComms(t *testing.T) {
	for _, tc := range []struct {
		name                     string
		offer, accept, cancelled bool
		want                     string
	}{
		{"none asked", false, false, false, "[]"},
		{"every one", true, true, true, "[Your payment plan has ended Your payment plan has started We have offered you a payment plan]"},
		{"the acceptance only", false, true, false, "[Your payment plan has started]"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, c := tenant(t, "origin-schema.graphql")
			q := mustQuery(t, c)
			id := simtest.Get(q(offerPlan, planOffer(map[string]any{"sendOfferComms": tc.offer})), "offerPaymentPlan", "paymentPlan", "id")
			q(`mutation($id: ID!, $s: Boolean!) { acceptPaymentPlan(input: {paymentPlanId: $id, sendAcceptanceComms: $s}) { paymentPlan { id } } }`, map[string]any{"id": id, "s": tc.accept})
			q(`mutation($id: ID!, $s: Boolean!) { cancelPaymentPlan(input: {paymentPlanId: $id, sendCancellationComms: $s}) { paymentPlan { id } } }`, map[string]any{"id": id, "s": tc.cancelled})
			var got []string
			for _, m := range c.Messages() {
				if m.Data["paymentPlanId"] == id {
					got = append(got, m.Subject)
				}
			}
			if fmt.Sprint(got) != tc.want {
				t.Errorf("%v, want %s", got, tc.want)
			}
		})
	}
}
