package simtest_test

import (
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/accounts"
	"github.com/krakensim/krakensim/sim/simtest"
)

// TestCreateDirectDebitInstructionIsTheLedgers sets up a mandate from local bank details
// on Octopus's SDL: it is active, holds the details given, and is the ledger's from then on;
// details that are not a bank account's are refused naming the field.
func TestCreateDirectDebitInstructionIsTheLedgers(t *testing.T) {
	_, c := octopus(t)
	q := mustQuery(t, c)
	data := q(`mutation { createDirectDebitInstruction(input: {accountNumber: "A-C90DC431",
		directDebitInstruction: {accountNumber: "55779911", accountHolder: "Jamie Carter", sortCode: "20-00-00"}}) {
		directDebitInstruction { id status accountHolder sortCode instructionType maskedAccountIdentifier cardPaymentNetwork } } }`, nil)
	got := simtest.Get(data, "createDirectDebitInstruction", "directDebitInstruction")
	if s, want := fmt.Sprint(got), "map[accountHolder:Jamie Carter cardPaymentNetwork:<nil> id:412886 instructionType:DIRECT_DEBIT maskedAccountIdentifier:****9911 sortCode:20-00-00 status:ACTIVE]"; s != want {
		t.Errorf("the mandate: got %s, want %s", s, want)
	}
	after := q(`{ defaultPaymentInstruction(accountNumber: "A-C90DC431") { id accountHolder } }`, nil)
	if s, want := fmt.Sprint(simtest.Get(after, "defaultPaymentInstruction")), "map[accountHolder:Jamie Carter id:412886]"; s != want {
		t.Errorf("the account's default instruction after: got %s, want %s", s, want)
	}
	out := c.Query(`mutation { createDirectDebitInstruction(input: {accountNumber: "A-C90DC431",
		directDebitInstruction: {accountNumber: "557", accountHolder: "Jamie Carter", sortCode: "20-00-00"}}) { directDebitInstruction { id } } }`, nil)
	if len(out.Errors) != 1 || out.Errors[0].Extensions["errorCode"] != "KT-CT-3940" {
		t.Fatalf("a three-digit account number: %+v", out.Errors)
	}
}

// TestOctopusPaymentDayAndAmountChangeTheSchedule moves the demo account's payment day
// and fixes its amount with Octopus's own mutations: the 12th, inside ten working days'
// notice of 2 December, begins in January, the 15th collecting until then; the amount
// changes from today, the day's change booked for January taking it too; the account's
// schedules list them; a day outside 1–28 is refused naming the field.
func TestOctopusPaymentDayAndAmountChangeTheSchedule(t *testing.T) {
	_, c := octopus(t)
	q := mustQuery(t, c)
	day := q(`mutation { updatePaymentSchedulePaymentDay(input: {accountNumber: "A-C90DC431", paymentDay: 12}) {
		paymentSchedule { paymentDay paymentAmount validFrom validTo } } }`, nil)
	if got, want := fmt.Sprint(simtest.Get(day, "updatePaymentSchedulePaymentDay", "paymentSchedule")),
		"map[paymentAmount:11000 paymentDay:12 validFrom:2027-01-01 validTo:<nil>]"; got != want {
		t.Errorf("the new day: got %s, want %s", got, want)
	}
	amount := q(`mutation { updatePaymentSchedulePaymentAmount(input: {accountNumber: "A-C90DC431", amount: 12500}) {
		paymentSchedule { paymentDay paymentAmount } } }`, nil)
	if got, want := fmt.Sprint(simtest.Get(amount, "updatePaymentSchedulePaymentAmount", "paymentSchedule")),
		"map[paymentAmount:12500 paymentDay:15]"; got != want {
		t.Errorf("the new amount: got %s, want %s", got, want)
	}
	list := q(`{ account(accountNumber: "A-C90DC431") { paymentSchedules(first: 3) { edges { node { paymentDay paymentAmount validFrom validTo } } } } }`, nil)
	if got, want := fmt.Sprint(simtest.Get(list, "account", "paymentSchedules", "edges")),
		"[map[node:map[paymentAmount:12500 paymentDay:12 validFrom:2027-01-01 validTo:<nil>]] map[node:map[paymentAmount:12500 paymentDay:15 validFrom:2026-12-02 validTo:2026-12-31]] map[node:map[paymentAmount:11000 paymentDay:15 validFrom:2024-01-01 validTo:2026-12-01]]]"; got != want {
		t.Errorf("the account's schedules: got %s, want %s", got, want)
	}
	out := c.Query(`mutation { directDebitPaymentDayUpdate(input: {accountNumber: "A-C90DC431", paymentDay: 31}) { paymentSchedule { id } } }`, nil)
	if len(out.Errors) != 1 || out.Errors[0].Extensions["errorCode"] != "KT-GB-3912" {
		t.Fatalf("the 31st: %+v", out.Errors)
	}
}

// TestOriginLedgerNumberNamesTheLedger reads the demo account's transactions, payments
// and schedules by ledgerNumber, as Origin's SDL names a ledger: each ledger's lists
// hold only its own, together the account's, and a number the account has no ledger of
// lists nothing.
func TestOriginLedgerNumberNamesTheLedger(t *testing.T) {
	_, c := tenant(t, "origin-schema.graphql")
	data := mustQuery(t, c)(`{ account(accountNumber: "A-C90DC431") {
		ta: transactions(first: 1) { totalCount } te: transactions(first: 1, ledgerNumber: "L-6B2F0A1C") { totalCount }
		tg: transactions(first: 1, ledgerNumber: "L-6B2F0A1D") { totalCount } tn: transactions(first: 1, ledgerNumber: "L-NONE") { totalCount }
		pa: payments(first: 1) { totalCount } pe: payments(first: 1, ledgerNumber: "L-6B2F0A1C") { totalCount }
		pg: payments(first: 1, ledgerNumber: "L-6B2F0A1D") { totalCount } pn: payments(first: 1, ledgerNumber: "L-NONE") { totalCount }
		sa: paymentSchedules(first: 10) { totalCount } se: paymentSchedules(first: 10, ledgerNumber: "L-6B2F0A1C") { totalCount }
		sg: paymentSchedules(first: 10, ledgerNumber: "L-6B2F0A1D") { totalCount } sn: paymentSchedules(first: 10, ledgerNumber: "L-NONE") { totalCount } } }`, nil)
	count := func(k string) int { return int(simtest.Get(data, "account", k, "totalCount").(float64)) }
	for _, list := range []string{"t", "p", "s"} {
		all, e, g, none := count(list+"a"), count(list+"e"), count(list+"g"), count(list+"n")
		if e+g != all || none != 0 || all == 0 || list == "t" && (e == 0 || g == 0) {
			t.Errorf("%s: %d in all, %d on the electricity ledger, %d on the gas ledger, %d on none", list, all, e, g, none)
		}
	}
}

// TestOctopusValidateBankAccountNamesTheBank validates the default world's direct debits'
// bank details: each sort code's range names its bank (Monzo's 04-00-04, Barclays'
// 20-00-00, Lloyds' 30-00-00), a range no bank known holds names none, and a sort code
// or account number of the wrong length is refused (KT-CT-3940) naming the input.
func TestOctopusValidateBankAccountNamesTheBank(t *testing.T) {
	_, c := octopus(t)
	q := mustQuery(t, c)
	for _, tc := range []struct{ sortCode, want string }{
		{"04-00-04", "Monzo Bank London EC2A 2AG"}, {"200000", "Barclays Bank London E14 5HP"},
		{"30 00 00", "Lloyds Bank London EC2V 7HN"}, {"990001", "<nil> <nil> <nil>"},
	} {
		got := q(`query($s: String!) { validateBankAccount(accountNumber: "12345678", sortCode: $s) { bankName town postcode } }`, map[string]any{"s": tc.sortCode})
		v := simtest.Get(got, "validateBankAccount")
		if s := fmt.Sprintf("%v %v %v", simtest.Get(v, "bankName"), simtest.Get(v, "town"), simtest.Get(v, "postcode")); s != tc.want {
			t.Errorf("%s: %s, want %s", tc.sortCode, s, tc.want)
		}
	}
	for _, tc := range []struct{ account, sortCode, field string }{{"12345678", "04-00", "sortCode"}, {"1234", "040004", "accountNumber"}} {
		r := c.Query(fmt.Sprintf(`{ validateBankAccount(accountNumber: %q, sortCode: %q) { bankName } }`, tc.account, tc.sortCode), nil)
		if len(r.Errors) != 1 || r.Errors[0].Extensions["errorCode"] != "KT-CT-3940" || fmt.Sprint(r.Errors[0].Extensions["validationErrors"]) == "" ||
			!strings.Contains(fmt.Sprint(r.Errors[0].Extensions["validationErrors"]), tc.field) {
			t.Errorf("%s %s: %+v", tc.account, tc.sortCode, r.Errors)
		}
	}
}

// TestOctopusActiveCampaignOffersAreTheAccounts reads the campaigns with offers for an
// account: the demo household's smart meter upgrade, which state puts it in (not the
// Octoplus programmes it joined), and none for Sam, whose winter saver ended in March.
func TestOctopusActiveCampaignOffersAreTheAccounts(t *testing.T) {
	_, c := octopus(t)
	const read = `query($a: String!) { activeCampaignOffers(accountNumber: $a) { slug name expiryDate } }`
	if got := fmt.Sprint(mustQuery(t, c)(read, map[string]any{"a": "A-C90DC431"})["activeCampaignOffers"]); got != "[map[expiryDate:<nil> name:Smart meter upgrade slug:smart-meter-upgrade]]" {
		t.Errorf("the demo household's offers: %s", got)
	}
	c.SignIn("other@krakensim.dev", "krakensim")
	if got := fmt.Sprint(mustQuery(t, c)(read, map[string]any{"a": "A-0F4A2B19"})["activeCampaignOffers"]); got != "[]" {
		t.Errorf("Sam's offers after his winter saver: %s", got)
	}
}

// TestOctopusRedeemOctoPointsIsTheWallet redeems the demo household's OctoPoints the
// older way (redeemOctoPointsForAccountCredit, "the maximum possible number"): every
// whole penny's worth of points in the wallet (eight a penny), as credit on the account
// and a debit in the points ledger, fewer than eight left; a second redemption has too few (KT-GB-5011), and an account with no Octoplus
// member none to redeem (KT-GB-5010).
func TestOctopusRedeemOctoPointsIsTheWallet(t *testing.T) {
	_, c := octopus(t)
	q := mustQuery(t, c)
	const read = `{ octoPoints { account(accountNumber: "A-C90DC431") { currentPointsInWallet } } account(accountNumber: "A-C90DC431") { balance } loyaltyPointLedgers { ledgerType value reasonCode } }`
	const redeem = `mutation($a: String!) { redeemOctoPointsForAccountCredit(input: {accountNumber: $a}) { pointsRedeemed remainingPointsInWallet } }`
	before := q(read, nil)
	wallet := number(t, simtest.Get(before, "octoPoints", "account", "currentPointsInWallet"))
	got := q(redeem, map[string]any{"a": "A-C90DC431"})
	after := q(read, nil)
	left := math.Mod(wallet, accounts.OctoPointsPerPenny)
	if s := fmt.Sprint(got["redeemOctoPointsForAccountCredit"]); wallet <= 0 || s != fmt.Sprintf("map[pointsRedeemed:%v remainingPointsInWallet:%v]", wallet-left, left) {
		t.Errorf("a wallet of %v: %s", wallet, s)
	}
	if b0, b1 := number(t, simtest.Get(before, "account", "balance")), number(t, simtest.Get(after, "account", "balance")); b1-b0 != (wallet-left)/accounts.OctoPointsPerPenny {
		t.Errorf("the balance moved %v → %v for %v points", b0, b1, wallet-left)
	}
	if s := fmt.Sprint(simtest.Get(after, "loyaltyPointLedgers", 0), " ", simtest.Get(after, "octoPoints", "account", "currentPointsInWallet")); s != fmt.Sprintf("map[ledgerType:CHARGE reasonCode:REDEEMED_FOR_ACCOUNT_CREDIT value:%v] %v", wallet-left, left) {
		t.Errorf("the points ledger after: %s", s)
	}
	if r := c.Query(redeem, map[string]any{"a": "A-C90DC431"}); len(r.Errors) != 1 || r.Errors[0].Code() != "KT-GB-5011" {
		t.Errorf("an empty wallet: %+v", r.Errors)
	}
	_, none := octopus(t, func(w *sim.World) { w.Account("A-C90DC431").LoyaltyPointsUserID = "" })
	if r := none.Query(redeem, map[string]any{"a": "A-C90DC431"}); len(r.Errors) != 1 || r.Errors[0].Code() != "KT-GB-5010" {
		t.Errorf("no member: %+v", r.Errors)
	}
}

// TestOctopusPostCreditIsTheLedgers posts a credit as an operations tool does: its reason
// one that accountCreditReasons lists (which are those krakensim's ledgers post, as
// accountChargeReasons are its charges'), onto the ledger named, raising that ledger's
// and the account's balance by its gross, listed among the account's transactions (the
// customer's balance after it the account's); a
// reason not listed (KT-CT-5312), another account's ledger (KT-CT-5316) and someone
// else's account (KT-CT-1111) are refused; a charge (createAccountCharge) lowers the
// balance by its gross, its tax split at VAT, and one for another reason (KT-CT-5212) or
// of nothing (KT-CT-5213) is refused.
func TestOctopusPostCreditIsTheLedgers(t *testing.T) {
	_, c := octopus(t)
	q := mustQuery(t, c)
	reasons := q(`{ accountCreditReasons { code isDeprecated } accountChargeReasons { code } }`, nil)
	if s := fmt.Sprint(reasons["accountCreditReasons"]); !strings.Contains(s, "map[code:GENERAL_CREDIT isDeprecated:false]") || !strings.Contains(s, "LOYALTY_POINTS_REDEMPTION") ||
		!strings.Contains(fmt.Sprint(reasons["accountChargeReasons"]), "ENERGY_CHARGE") {
		t.Errorf("reasons: %v", reasons)
	}
	const read = `{ account(accountNumber: "A-C90DC431") { balance ledgers { id balance } transactions(first: 1) { edges { node { __typename title amounts { gross } } } } } }`
	const post = `mutation($a: String!, $r: String!, $l: ID!) { postCredit(input: {accountNumber: $a, netAmount: 1000, taxAmount: 50, reason: $r, ledgerId: $l, displayNote: "Sorry for the wait"}) {
		credit { __typename amounts { net tax gross } title balanceCarriedForward } } }`
	before := q(read, nil)
	got := q(post, map[string]any{"a": "A-C90DC431", "r": "GENERAL_CREDIT", "l": "6100001"})
	after := q(read, nil)
	if s := fmt.Sprint(got["postCredit"]); s != "map[credit:map[__typename:Credit amounts:map[gross:1050 net:1000 tax:50] balanceCarriedForward:5280 title:Sorry for the wait]]" {
		t.Errorf("posted: %s", s)
	}
	ledger := func(d map[string]any) float64 { return number(t, simtest.Get(d, "account", "ledgers", 0, "balance")) }
	if b0, b1 := number(t, simtest.Get(before, "account", "balance")), number(t, simtest.Get(after, "account", "balance")); b1-b0 != 1050 || ledger(after)-ledger(before) != 1050 {
		t.Errorf("balances %v → %v, the ledger %v → %v", b0, b1, ledger(before), ledger(after))
	}
	if s := fmt.Sprint(simtest.Get(after, "account", "transactions", "edges", 0, "node")); s != "map[__typename:Credit amounts:map[gross:1050] title:Sorry for the wait]" {
		t.Errorf("the latest transaction: %s", s)
	}
	for _, tc := range []struct{ account, reason, ledger, want string }{
		{"A-C90DC431", "GOOD_VIBES", "6100001", "KT-CT-5312"}, {"A-C90DC431", "GENERAL_CREDIT", "6100099", "KT-CT-5316"}, {"A-0F4A2B19", "GENERAL_CREDIT", "6100001", "KT-CT-1111"},
	} {
		if r := c.Query(post, map[string]any{"a": tc.account, "r": tc.reason, "l": tc.ledger}); len(r.Errors) != 1 || r.Errors[0].Code() != tc.want {
			t.Errorf("%s %s %s: %+v", tc.account, tc.reason, tc.ledger, r.Errors)
		}
	}
	const charge = `mutation($r: String!, $g: Int!) { createAccountCharge(input: {accountNumber: "A-C90DC431", grossAmount: $g, reason: $r, displayNote: "Voucher", note: "by hand"}) {
		accountCharge { grossAmount netAmount salesTaxAmount reason displayNote note } } }`
	got = q(charge, map[string]any{"r": "VOUCHER_PURCHASE", "g": 2100})
	charged := q(read, nil)
	if s := fmt.Sprint(got["createAccountCharge"]); s != "map[accountCharge:map[displayNote:Voucher grossAmount:2100 netAmount:2000 note:by hand reason:VOUCHER_PURCHASE salesTaxAmount:100]]" {
		t.Errorf("charged: %s", s)
	}
	if b0, b1 := number(t, simtest.Get(after, "account", "balance")), number(t, simtest.Get(charged, "account", "balance")); b0-b1 != 2100 || fmt.Sprint(simtest.Get(charged, "account", "transactions", "edges", 0, "node", "__typename")) != "Charge" {
		t.Errorf("a charge of 2100: the balance %v → %v, the latest %v", b0, b1, simtest.Get(charged, "account", "transactions", "edges", 0, "node"))
	}
	for _, tc := range []struct {
		reason string
		gross  int
		want   string
	}{{"GOOD_VIBES", 100, "KT-CT-5212"}, {"ENERGY_CHARGE", 0, "KT-CT-5213"}} {
		if r := c.Query(charge, map[string]any{"r": tc.reason, "g": tc.gross}); len(r.Errors) != 1 || r.Errors[0].Code() != tc.want {
			t.Errorf("a charge %s of %d: %+v", tc.reason, tc.gross, r.Errors)
		}
	}
}

// TestOriginPostCreditNamesTheLedgerByNumber credits the ledger Origin's input names by
// ledgerNumber (its PostCreditInput has no ledgerId): the balance and that ledger rise
// by the gross; a number not the account's is KT-CT-5316 at input.ledgerNumber, and
// naming no ledger is KT-CT-3821, as the SDL documents.
func TestOriginPostCreditNamesTheLedgerByNumber(t *testing.T) {
	_, c := tenant(t, "origin-schema.graphql")
	q := mustQuery(t, c)
	const read = `{ account(accountNumber: "A-C90DC431") { balance ledgers { number balance } } }`
	const post = `mutation($i: PostCreditInput!) { postCredit(input: $i) { credit { amounts { net tax gross } } } }`
	in := func(ledger string) map[string]any {
		i := map[string]any{"accountNumber": "A-C90DC431", "netAmount": 1000, "taxAmount": 100, "reason": "GOODWILL"}
		if ledger != "" {
			i["ledgerNumber"] = ledger
		}
		return map[string]any{"i": i}
	}
	ledgerBalance := func(d map[string]any, number string) float64 {
		for _, l := range simtest.Get(d, "account", "ledgers").([]any) {
			if l.(map[string]any)["number"] == number {
				return l.(map[string]any)["balance"].(float64)
			}
		}
		t.Fatalf("no ledger %s in %v", number, d)
		return 0
	}
	before := q(read, nil)
	second := simtest.Get(before, "account", "ledgers", 1, "number").(string)
	got := q(post, in(second))
	after := q(read, nil)
	if s := fmt.Sprint(got["postCredit"]); s != "map[credit:map[amounts:map[gross:1100 net:1000 tax:100]]]" {
		t.Errorf("posted: %s", s)
	}
	if b0, b1 := number(t, simtest.Get(before, "account", "balance")), number(t, simtest.Get(after, "account", "balance")); b1-b0 != 1100 || ledgerBalance(after, second)-ledgerBalance(before, second) != 1100 {
		t.Errorf("balances %v → %v, ledger %s %v → %v", b0, b1, second, ledgerBalance(before, second), ledgerBalance(after, second))
	}
	r := c.Query(post, in("L-00000000"))
	if len(r.Errors) != 1 || r.Errors[0].Code() != "KT-CT-5316" || fmt.Sprint(r.Errors[0].Extensions["validationErrors"]) != `[map[inputPath:[input ledgerNumber] message:The account has no ledger "L-00000000".]]` {
		t.Errorf("an unknown ledger number: %+v", r.Errors)
	}
	if r := c.Query(post, in("")); len(r.Errors) != 1 || r.Errors[0].Code() != "KT-CT-3821" {
		t.Errorf("no ledger: %+v", r.Errors)
	}
}

// TestOriginRescheduleIsTheSchedules puts back a payment not yet taken, by no more days
// than leave it before the schedule's next collection; a payment already taken, one
// the account does not have, or too many days are refused in the error union.
func TestOriginRescheduleIsTheSchedules(t *testing.T) {
	_, c := tenant(t, "origin-schema.graphql", func(w *sim.World) {
		a := w.Account("A-C90DC431")
		a.Payments = append(a.Payments, sim.Payment{ID: "5509001", LedgerNumber: "L-6B2F0A1C", Amount: 5000, PaymentDate: "2026-12-10",
			Reference: "CARD-C90DC431-1", Status: "SCHEDULED", TransactionType: "CARD_PAYMENT"})
	})
	query := mustQuery(t, c)
	const list = `{ account(accountNumber: "A-C90DC431") { payments(first: 20) { edges { node { reference status paymentDate maxRescheduleDays } } } } }`
	limits := map[string]any{}
	for _, e := range simtest.Get(query(list, nil), "account", "payments", "edges").([]any) {
		limits[fmt.Sprint(simtest.Get(e, "node", "reference"))] = simtest.Get(e, "node", "maxRescheduleDays")
	}
	// The schedule collects on the 15th: a payment due on the 10th may move four days.
	if got := number(t, limits["CARD-C90DC431-1"]); got != 4 {
		t.Errorf("the scheduled payment may move %v days", got)
	}
	if got := number(t, limits["DD-C90DC431-2611"]); got != 0 {
		t.Errorf("a payment taken may move %v days", got)
	}
	const move = `mutation($id: Int!, $n: Int!) { reschedulePayment(input: {accountNumber: "A-C90DC431", paymentId: $id, numDays: $n}) {
		newAccountPayment { paymentDate maxRescheduleDays } error { __typename ... on GenericErrorInterface { message } } } }`
	for _, tc := range []struct {
		id, days int
		want     string
	}{{5501003, 1, "InvalidStatusForRescheduleErrorType"}, {1, 1, "InvalidTransactionErrorType"}, {5509001, 5, "ExceededMaxSchedulableWorkingDaysErrorType"}} {
		if got := simtest.Get(query(move, map[string]any{"id": tc.id, "n": tc.days}), "reschedulePayment", "error", "__typename"); got != tc.want {
			t.Errorf("payment %d by %d days: %v, want %s", tc.id, tc.days, got, tc.want)
		}
	}
	out := query(move, map[string]any{"id": 5509001, "n": 3})
	if got := spaced(simtest.Get(out, "reschedulePayment", "newAccountPayment", "paymentDate"), simtest.Get(out, "reschedulePayment", "newAccountPayment", "maxRescheduleDays"), simtest.Get(out, "reschedulePayment", "error")); got != "2026-12-13 1 <nil>" {
		t.Errorf("moved: %s", got)
	}
}

// TestOctopusAutoTopUpNeedsABalanceTrigger changes a top-up amount only on a schedule
// the balance triggers: the household's direct debit collects on a day of the month, so
// Kraken's refusal answers; a ledger not the account's, a ledger with no schedule and
// an amount of nothing are refused as documented too.
func TestOctopusAutoTopUpNeedsABalanceTrigger(t *testing.T) {
	_, c := octopus(t, func(w *sim.World) {
		a := w.Account("A-C90DC431")
		for i := range a.PaymentSchedules {
			a.PaymentSchedules[i].LedgerNumber = "L-6B2F0A1C"
		}
	})
	const update = `mutation($l: Int!, $a: Int!) { updateAutoTopUpAmount(input: {accountNumber: "A-C90DC431", ledgerId: $l, paymentAmount: $a}) { schedule { id } } }`
	for _, tc := range []struct {
		name           string
		ledger, amount int
		code           string
	}{
		{"a day-of-month direct debit", 6100001, 2000, "KT-CT-3953"},
		{"a ledger with no schedule", 6100002, 2000, "KT-CT-3815"},
		{"another account's ledger (its Unauthorized; the Octopus SDL documents no KT-CT-3822 here)", 6100004, 2000, "KT-CT-1111"},
		{"nothing", 6100001, 0, "KT-CT-3941"},
	} {
		if out := c.Query(update, map[string]any{"l": tc.ledger, "a": tc.amount}); len(out.Errors) != 1 || out.Errors[0].Code() != tc.code {
			t.Errorf("%s: %+v, want %s", tc.name, out.Errors, tc.code)
		}
	}
}

// TestOctopusOctoPointsAreEightAPenny redeems the demo household's OctoPoints for
// account credit: 800 points are £1 of credit, and a number that is not whole pennies
// is refused (KT-CT-9206), as Octoplus counts them; the embedded contract's loyalty
// points are a penny each (its seed example redeems one).
func TestOctopusOctoPointsAreEightAPenny(t *testing.T) {
	_, c := octopus(t)
	q := mustQuery(t, c)
	const redeem = `mutation($p: Int!) { redeemLoyaltyPointsForAccountCredit(input: {accountNumber: "A-C90DC431", points: $p}) { pointsRedeemed } }`
	balance := func() float64 {
		return number(t, simtest.Get(q(`{ account(accountNumber: "A-C90DC431") { balance } }`, nil), "account", "balance"))
	}
	before := balance()
	q(redeem, map[string]any{"p": 800})
	if moved := balance() - before; moved != 100 {
		t.Errorf("800 OctoPoints credited %vp, want 100", moved)
	}
	for _, p := range []int{7, 801} {
		if got := graphqlCode(t, c, redeem, map[string]any{"p": p}); got != "KT-CT-9206" {
			t.Errorf("%d points: %q, want KT-CT-9206", p, got)
		}
	}
}

// TestOctopusTransactionsWereCreatedAfterTheirPosting reads the demo house's transactions
// as marco-sparko does: each was created after the day it was posted for, a charge the
// evening after (its billing run), a payment three nights after, none after now; a credit
// posted now was created now.
func TestOctopusTransactionsWereCreatedAfterTheirPosting(t *testing.T) {
	_, c := octopus(t)
	q := mustQuery(t, c)
	q(`mutation { postCredit(input: {accountNumber: "A-C90DC431", netAmount: 1000, taxAmount: 50, reason: "GENERAL_CREDIT", ledgerId: "6100001", displayNote: "Sorry"}) { credit { __typename } } }`, nil)
	got := q(`{ account(accountNumber: "A-C90DC431") { transactions(first: 40) { edges { node { __typename postedDate createdAt } } } } }`, nil)
	const now = "2026-12-02T09:00:00+00:00"
	seen := map[string]int{}
	for _, e := range simtest.Get(got, "account", "transactions", "edges").([]any) {
		typ, posted, created := simtest.Get(e, "node", "__typename").(string), simtest.Get(e, "node", "postedDate").(string), simtest.Get(e, "node", "createdAt").(string)
		at, err := time.Parse(time.RFC3339, created)
		day, _ := time.ParseInLocation(time.DateOnly, posted, time.UTC)
		if err != nil || created > now || posted < now[:10] && !at.After(day.AddDate(0, 0, 1)) || posted == now[:10] && created != now {
			t.Errorf("a %s posted %s was created %s", typ, posted, created)
		}
		if posted < now[:10] {
			switch h := at.UTC().Hour(); {
			case typ == "Charge" && (h < 20 || h > 22), typ == "Payment" && (h < 2 || h > 4):
				t.Errorf("a %s posted %s was created at %s", typ, posted, created)
			}
		}
		seen[typ]++
	}
	if seen["Charge"] == 0 || seen["Payment"] == 0 || seen["Credit"] == 0 {
		t.Errorf("transactions read: %v", seen)
	}
}

// TestOctopusSmallBusinessPaysReducedVAT reads what a business pays tax at: the shop,
// each of whose supplies uses under HMRC's de minimis 33 kWh a day, pays VAT at 5% as a
// household does, on its statement's charges, its tariff's prices and its smart tariff
// comparison; Octopus's REST publishes a business product's prices at 20%, the standard
// rate.
func TestOctopusSmallBusinessPaysReducedVAT(t *testing.T) {
	srv, c := octopus(t)
	const read = `query($a: String!) { account(accountNumber: $a) {
		bills(first: 1) { edges { node { ... on StatementType { totalCharges { netTotal taxTotal } } } } }
		electricityAgreements(active: true) { tariff { ... on StandardTariff { unitRate preVatUnitRate standingCharge preVatStandingCharge } } } } }`
	for _, tc := range []struct {
		who, account string
		vat          float64
	}{{"business@krakensim.dev", "A-B1A2C3D4", 0.05}, {"demo@krakensim.dev", "A-C90DC431", 0.05}} {
		c.SignIn(tc.who, "krakensim")
		got := mustQuery(t, c)(read, map[string]any{"a": tc.account})
		totals := simtest.Get(got, "account", "bills", "edges", 0, "node", "totalCharges")
		net, tax := number(t, simtest.Get(totals, "netTotal")), number(t, simtest.Get(totals, "taxTotal"))
		if net <= 0 || math.Abs(tax-net*tc.vat) > 1 {
			t.Errorf("%s: a statement's charges of %v carry %v tax, not %.0f%%", tc.account, net, tax, tc.vat*100)
		}
		tariff := simtest.Get(got, "account", "electricityAgreements", 0, "tariff")
		for _, pair := range [][2]string{{"unitRate", "preVatUnitRate"}, {"standingCharge", "preVatStandingCharge"}} {
			with, without := number(t, simtest.Get(tariff, pair[0])), number(t, simtest.Get(tariff, pair[1]))
			if math.Abs(with-without*(1+tc.vat)) > 0.011 {
				t.Errorf("%s: %s %v, %v before VAT at %.0f%%", tc.account, pair[0], with, without, tc.vat*100)
			}
		}
	}
	c.SignIn("business@krakensim.dev", "krakensim")
	cmp := simtest.Get(mustQuery(t, c)(`{ smartTariffComparison(mpan: "1600155283015") { currentCost currentCostWithTax } }`, nil), "smartTariffComparison")
	if net, gross := number(t, simtest.Get(cmp, "currentCost")), number(t, simtest.Get(cmp, "currentCostWithTax")); net <= 0 || math.Abs(gross-net*1.05) > 0.011 {
		t.Errorf("the shop's smart tariff comparison: %v, %v with tax, not 5%%", net, gross)
	}
	status, body := rest(t, srv, c.Session, "", "/v1/products/BUS-VAR-23-04-01/electricity-tariffs/E-1R-BUS-VAR-23-04-01-A/standard-unit-rates/")
	rate := simtest.Get(body, "results", 0)
	if exc, inc := number(t, simtest.Get(rate, "value_exc_vat")), number(t, simtest.Get(rate, "value_inc_vat")); status != 200 || math.Abs(inc-exc*1.2) > 0.011 {
		t.Errorf("the business product's REST rate: %d, %v", status, rate)
	}
}
