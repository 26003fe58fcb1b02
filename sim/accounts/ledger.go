package accounts

import (
	"strings"

	"github.com/krakensim/krakensim/sim"
)

// posted is what the account's ledgers hold: its transactions, and each payment that
// has cleared by today without one of its own (a collection the state records only as
// a payment), posted on its date as a payment.
func posted(w *env, a *sim.Account) []sim.Transaction {
	var extra []sim.Transaction
	today := w.today()
	for _, p := range a.Payments {
		if paymentStatus(p, today) != "CLEARED" || p.Amount <= 0 || p.PaymentDate == "" || hasPayment(a, p) {
			continue
		}
		extra = append(extra, sim.Transaction{
			ID: "P" + p.ID, LedgerNumber: p.LedgerNumber, Date: p.PaymentDate, Amount: p.Amount, Type: "PAYMENT",
			Reason: "GENERAL_CREDIT", Reference: p.Reference, PaymentType: paymentKind(p.TransactionType),
			DisplayNote: paymentTitle(p.TransactionType),
		})
	}
	if extra == nil {
		return a.Transactions
	}
	return append(append(extra[:0:0], a.Transactions...), extra...)
}

// hasPayment reports whether a payment transaction records payment p already: the
// same reference, or the same ledger, date and amount.
func hasPayment(a *sim.Account, p sim.Payment) bool {
	for _, t := range a.Transactions {
		if t.Type != "PAYMENT" {
			continue
		}
		if p.Reference != "" && t.Reference == p.Reference ||
			t.Date == p.PaymentDate && t.Amount == p.Amount && (t.LedgerNumber == "" || t.LedgerNumber == p.LedgerNumber) {
			return true
		}
	}
	return false
}

// paymentKind is the payment type of a transaction a payment of transactionType posts.
func paymentKind(transactionType string) string {
	switch m := paymentMethod(transactionType); m {
	case "CARD_PAYMENT":
		return "DEBIT_CARD"
	case "BACS_TRANSFER":
		return "BANK_TRANSFER"
	}
	return "DIRECT_DEBIT"
}

// paymentTitle is how a statement names a payment of transactionType.
func paymentTitle(transactionType string) string {
	switch {
	case strings.Contains(transactionType, "CARD"):
		return "Card payment"
	case strings.HasPrefix(transactionType, "BACS"):
		return "Bank transfer"
	}
	return "Direct Debit payment"
}

// debit reports whether a transaction takes from the account's balance.
func debit(t sim.Transaction) bool {
	return t.Type == "CHARGE" || t.Type == "SUPPLY_CHARGE" || t.Type == "REPAYMENT"
}

// netBetween is what the transactions posted from from (inclusive) to to (exclusive)
// add to the account's balance; an empty bound is open.
func netBetween(w *env, a *sim.Account, from, to string) int {
	b := 0
	for _, t := range posted(w, a) {
		if t.Date >= from && (to == "" || t.Date < to) {
			b += signed(t)
		}
	}
	return b
}

// postedTo is the number of the ledger a transaction is posted to: its own, else the
// account's first; "" when the account has no ledger.
func postedTo(a *sim.Account, t sim.Transaction) string {
	if t.LedgerNumber != "" || len(a.Ledgers) == 0 {
		return t.LedgerNumber
	}
	return a.Ledgers[0].Number
}

// signed is what a transaction adds to its ledger's balance.
func signed(t sim.Transaction) int {
	if debit(t) {
		return -t.Amount
	}
	return t.Amount
}

// periodTotals are the charges and the credits posted from from to to, both inclusive;
// an empty to runs to the last.
func periodTotals(w *env, a *sim.Account, from, to string) (charges, credits int) {
	for _, t := range posted(w, a) {
		if t.Date < from || to != "" && t.Date > to {
			continue
		}
		if debit(t) {
			charges += t.Amount
		} else {
			credits += t.Amount
		}
	}
	return charges, credits
}
