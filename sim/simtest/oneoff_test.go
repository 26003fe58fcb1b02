package simtest_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/simtest"
)

// TestOneOffCollectionBesideTheSchedule collects a one-off direct debit on the day the
// demo household's schedule collects (15 December) and reads December's payments and
// balance on the 20th: both are taken, the balance up by both against a session that
// collected nothing once. A one-off by a method the ledger has no instruction for (a
// card) is answered FAILED, as CollectPayment.payment documents, and takes nothing.
func TestOneOffCollectionBesideTheSchedule(t *testing.T) {
	const read = `{ account(accountNumber: "A-C90DC431") { balance payments(first: 5) { edges { node { id amount paymentDate status } } } } }`
	const collect = `mutation($m: PaymentType) { collectPayment(input: {accountNumber: "A-C90DC431", amount: 4000, paymentDate: "2026-12-15",
		description: "One-off", idempotencyKey: "one-off", ledgerId: "6100001", collectionMethod: $m}) { payment { id amount status } } }`
	balance := func(c *simtest.Client) (float64, []any) {
		t.Helper()
		data := mustQuery(t, c)(read, nil)
		var amounts []any
		for _, e := range simtest.Get(data, "account", "payments", "edges").([]any) {
			if simtest.Get(e, "node", "paymentDate") == "2026-12-15" && simtest.Get(e, "node", "status") == "CLEARED" {
				amounts = append(amounts, simtest.Get(e, "node", "amount"))
			}
		}
		return simtest.Get(data, "account", "balance").(float64), amounts
	}
	_, plain := octopus(t)
	_, c := octopus(t)
	out := c.Query(collect, map[string]any{"m": "CARD"})
	if simtest.Get(out.Data, "collectPayment", "payment", "status") != "FAILED" {
		t.Errorf("a one-off by card without a card: %+v %+v, want it FAILED", out.Data, out.Errors)
	}
	out = c.Query(strings.Replace(collect, `"one-off"`, `"one-off-dd"`, 1), map[string]any{"m": "DIRECT_DEBIT"})
	if simtest.Get(out.Data, "collectPayment", "payment", "status") != "SCHEDULED" {
		t.Fatalf("a one-off by direct debit: %+v %+v", out.Data, out.Errors)
	}
	for _, cl := range []*simtest.Client{plain, c} {
		cl.AdvanceClock(18 * 24 * time.Hour)
		cl.SignIn("demo@krakensim.dev", "krakensim")
	}
	without, scheduled := balance(plain)
	with, both := balance(c)
	if !slices.Contains(scheduled, any(float64(11000))) {
		t.Fatalf("the schedule's £110 is not among 15 December's payments: %v", scheduled)
	}
	slices.SortFunc(both, func(x, y any) int { return int(x.(float64) - y.(float64)) })
	if !slices.Equal(both, []any{float64(4000), float64(11000)}) || with-without != 4000 {
		t.Errorf("with a one-off of £40 on the schedule's day: payments %v that day, balance %v against %v without; want £40 and £110, 4000 more", both, with, without)
	}
}

// TestCardPaymentOnTheScheduleDay: a card payment the ledger took on the day the
// schedule collected (16 November, the 15th a Sunday), of the schedule's amount, is not
// that month's direct debit: both are among the account's payments.
func TestCardPaymentOnTheScheduleDay(t *testing.T) {
	_, c := octopus(t, func(w *sim.World) {
		a := w.Account("A-C90DC431")
		a.Transactions = append(a.Transactions, sim.Transaction{ID: "card-1116", Date: "2026-11-16", Amount: 11000, Type: "PAYMENT",
			Reason: "GENERAL_CREDIT", Reference: "Card payment", PaymentType: "DEBIT_CARD"})
	})
	data := mustQuery(t, c)(`{ account(accountNumber: "A-C90DC431") { payments(first: 10) { edges { node { amount paymentDate transactionType } } } } }`, nil)
	var kinds []string
	for _, e := range simtest.Get(data, "account", "payments", "edges").([]any) {
		if simtest.Get(e, "node", "paymentDate") == "2026-11-16" {
			kinds = append(kinds, simtest.Get(e, "node", "transactionType").(string))
		}
	}
	slices.Sort(kinds)
	if !slices.Equal(kinds, []string{"DD_REGULAR_COLLECTION", "DEBIT_CARD"}) {
		t.Errorf("16 November's payments are %v; want the direct debit and the card payment", kinds)
	}
}

// TestBusinessPaysByItsCountrysTransfer: the business pays its statements by bank
// transfer: Bacs deposits in Great Britain, EFTs in Australia (Origin's enum has no Bacs
// for it to mean), each its schedule type's BACS_TRANSFER.
func TestBusinessPaysByItsCountrysTransfer(t *testing.T) {
	for _, tc := range []struct{ sdl, kind, ref string }{
		{"octopus-schema.graphql", "BACS_DEPOSIT", "BACS-"},
		{"origin-schema.graphql", "EFT", "EFT-"},
	} {
		srv, c := tenant(t, tc.sdl)
		biz, _ := signInAs(t, srv, c, `{APIKey: "sk_live_krakensimbusiness3235450"}`)
		data := mustQuery(t, biz)(`{ account(accountNumber: "A-B1A2C3D4") { payments(first: 1) { edges { node { transactionType reference } } } } }`, nil)
		node := simtest.Get(data, "account", "payments", "edges", 0, "node")
		if ref, _ := simtest.Get(node, "reference").(string); simtest.Get(node, "transactionType") != tc.kind || !strings.HasPrefix(ref, tc.ref) {
			t.Errorf("%s: the business's newest payment %v, want a %s referenced %s…", tc.sdl, node, tc.kind, tc.ref)
		}
	}
}
