package accounts

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/krakensim/krakensim/sim"
)

// clearedPayments are the payments dated by today that have cleared without a payment
// transaction of their own (by reference, or by ledger, date and amount): collections
// the state records only as payments, posted on their dates.
func clearedPayments(w *env, a *sim.Account) []sim.Transaction {
	today := w.today()
	var cands []sim.Payment
	for _, p := range a.Payments {
		if paymentStatus(p, today) == "CLEARED" && p.Amount > 0 && p.PaymentDate != "" && p.PaymentDate <= today {
			cands = append(cands, p)
		}
	}
	if len(cands) == 0 {
		return nil
	}
	type day struct {
		date   string
		amount int
	}
	byRef, byDay := map[string][]int{}, map[day][]int{}
	for i, p := range cands {
		if p.Reference != "" {
			byRef[p.Reference] = append(byRef[p.Reference], i)
		}
		k := day{p.PaymentDate, p.Amount}
		byDay[k] = append(byDay[k], i)
	}
	recorded := make([]bool, len(cands))
	for _, t := range a.Transactions {
		if t.Type != "PAYMENT" {
			continue
		}
		for _, i := range byRef[t.Reference] {
			recorded[i] = true
		}
		for _, i := range byDay[day{t.Date, t.Amount}] {
			if t.LedgerNumber == "" || t.LedgerNumber == cands[i].LedgerNumber {
				recorded[i] = true
			}
		}
	}
	var out []sim.Transaction
	for i, p := range cands {
		if recorded[i] {
			continue
		}
		out = append(out, sim.Transaction{
			ID: "P" + p.ID, LedgerNumber: p.LedgerNumber, Date: p.PaymentDate, Amount: p.Amount, Type: "PAYMENT",
			Reason: "GENERAL_CREDIT", Reference: p.Reference, PaymentType: paymentKind(p.TransactionType),
			DisplayNote: paymentTitle(p.TransactionType),
		})
	}
	return out
}

// history is what an account's ledgers hold (its transactions and the payments that
// cleared without one) in date order, with running sums, so that what was posted
// between two dates costs two binary searches, however many statements ask.
type history struct {
	txs                         []*sim.Transaction // by date; the order they were posted within a day
	net, charges, credits, paid []int              // over txs[:i]; paid: the payments among the credits
	// chargeTax and creditTax are, over txs[:i], the tax the charges' and the credits'
	// (not the payments') amounts list, so that a statement's totals are its lines'.
	chargeTax, creditTax []int
	// balance is the ledger's balance now (balanceNow), once read; kept with the history,
	// as it reads what the history does.
	balance *int
}

// balanceNow is the balance now of the ledger h is of ("" for the account's), read once
// for as long as h is kept, unless reading it read the devices' control, which the
// session's memo does not follow (keep).
func (h *history) balanceNow(w *env, a *sim.Account, ledger string) int {
	if h.balance != nil {
		return *h.balance
	}
	b := w.balanceNow(a, ledger)
	if len(w.control) == 0 {
		h.balance = &b
	}
	return b
}

// historyKey names an account's history: of one ledger, or of all ("").
type historyKey struct {
	a      *sim.Account
	ledger string
}

// history is the account's history on every ledger, made once per call.
func (w *env) history(a *sim.Account) *history { return w.ledgerHistory(a, "") }

// statementLedger is the ledger an account's statements are of: "" (the account, every
// ledger) for an account without ledgers or whose ledgers are each a fuel's (a
// dual-fuel account's statement charges both fuels), else its first.
func statementLedger(a *sim.Account) string {
	for _, l := range a.Ledgers {
		if l.LedgerType != "ELECTRICITY_LEDGER" && l.LedgerType != "GAS_LEDGER" {
			return a.Ledgers[0].Number
		}
	}
	return ""
}

// mainLedger is whether a ledger of type t is one of the account's own (a fuel's, the
// general one) rather than a supplementary ledger.
func mainLedger(t string) bool {
	return t == "" || t == "ELECTRICITY_LEDGER" || t == "GAS_LEDGER" || t == "GENERAL_LEDGER" || t == "MAIN"
}

// ledgerFilter is the number of the ledger a list's ledgerId (Octopus) or ledgerNumber
// (Origin) argument names: "" when it names none, and a number no ledger has when it
// names one the account does not have.
func ledgerFilter(a *sim.Account, args map[string]any) string {
	ref := argString(args, "ledgerId") + argString(args, "ledgerNumber")
	if ref == "" {
		return ""
	}
	if l := ledgerFor(a, ref); l != nil {
		return l.Number
	}
	return "\x00none"
}

// firstLedger is the number of the account's first ledger, "" when it has none.
func firstLedger(a *sim.Account) string {
	if len(a.Ledgers) == 0 {
		return ""
	}
	return a.Ledgers[0].Number
}

// ledgerBalance is the balance of an account's ledger now; the account's for "".
func ledgerBalance(a *sim.Account, ledger string) int {
	if l := a.Ledger(ledger); l != nil {
		return l.Balance
	}
	return a.Balance
}

// listedHistory is what state lists on the account's ledger ("" for all): its
// transactions (those dated by today, unless all) and the payments that cleared without
// one, as state lists them (a ledger's history puts them in date order).
func (w *env) listedHistory(a *sim.Account, ledger string, all bool) []*sim.Transaction {
	today, issuedBy := w.today(), w.today()
	if all {
		issuedBy = ""
	}
	extra := clearedPayments(w, a)
	if charges := unpostedStatementCharges(a, "", issuedBy); len(charges) > 0 {
		extra = append(extra, charges...)
	}
	txs := make([]*sim.Transaction, 0, len(a.Transactions)+len(extra))
	for i := range a.Transactions {
		if (ledger == "" || postedTo(a, a.Transactions[i]) == ledger) && (all || a.Transactions[i].Date <= today) {
			txs = append(txs, &a.Transactions[i])
		}
	}
	for i := range extra {
		if ledger == "" || postedTo(a, extra[i]) == ledger {
			txs = append(txs, &extra[i])
		}
	}
	return txs
}

// unpostedStatementCharges are what state's statements issued after after and by by
// ("" for no bound) charged beyond the charges state lists in their periods (a
// statement imported without its transactions): one charge each, on the statement's
// last day, so that a statement's transactions add up to its total.
func unpostedStatementCharges(a *sim.Account, after, by string) []sim.Transaction {
	if len(a.Statements) == 0 {
		return nil
	}
	of := statementLedger(a)
	l := cmp.Or(of, firstLedger(a))
	var out []sim.Transaction
	for _, s := range a.Statements {
		if s.Historical || s.GrossAmount <= 0 || after != "" && s.IssuedDate <= after || by != "" && s.IssuedDate > by {
			continue
		}
		if rest := s.GrossAmount - statedCharges(a, s, of); rest > 0 {
			note := ""
			if led := a.Ledger(l); led != nil {
				note = map[string]string{"ELECTRICITY_LEDGER": "Electricity", "GAS_LEDGER": "Gas"}[led.LedgerType] // titled as the runs' charges are
			}
			out = append(out, sim.Transaction{ID: "S" + s.ID, LedgerNumber: l, Date: s.BillPeriodTo, Amount: rest, Type: "CHARGE", Reason: "ENERGY_CHARGE", DisplayNote: note})
		}
	}
	return out
}

// statedCharges are the charges state lists in a statement's period on the ledger
// statements are posted to (of; any for "").
func statedCharges(a *sim.Account, s sim.Statement, of string) int {
	stated := 0
	for _, t := range a.Transactions {
		if t.Debit() && t.Date >= s.BillPeriodFrom && t.Date <= s.BillPeriodTo && (of == "" || postedTo(a, t) == of) {
			stated += t.Amount
		}
	}
	return stated
}

// ledgerHistory is the account's history on one ledger ("" for all), state's and its
// billing runs', made once per call.
func (w *env) ledgerHistory(a *sim.Account, ledger string) *history {
	if h, ok := w.histories[historyKey{a, ledger}]; ok {
		return h
	}
	b := w.billing(a)
	key := historyMemoKey{a.Number, ledger, w.sess != nil && !w.now.Equal(w.sess.Now())}
	h := w.keptHistory(key, a, b)
	if h == nil {
		h = buildHistory(w, a, ledger, b)
		keep(w, key, keptHistory{w.now, a, b, h})
	}
	if w.histories == nil {
		w.histories = map[historyKey]*history{}
	}
	w.histories[historyKey{a, ledger}] = h
	return h
}

// historyMemoKey holds an account's history on a ledger in its session's memo, from one
// request to the next while nothing it reads changes: at the session's clock, or at a
// day of its own (an env at the account's anchor).
type historyMemoKey struct {
	account, ledger string
	anchored        bool
}

// keptHistory is a history kept in the memo, with the instant, the account and the
// billing it was made of.
type keptHistory struct {
	now     time.Time
	account *sim.Account
	billing *billed
	h       *history
}

// keptHistory is the history kept under key if it was made of a and b at this instant.
func (w *env) keptHistory(key historyMemoKey, a *sim.Account, b *billed) *history {
	k, ok := recall[keptHistory](w, key)
	if !ok || !k.now.Equal(w.now) || k.account != a || k.billing != b {
		return nil
	}
	return k.h
}

// buildHistory is a's history on ledger ("" for all) with b's runs posted: state's
// transactions and the runs' in date order (the order they were listed within a day),
// with the running sums.
func buildHistory(w *env, a *sim.Account, ledger string, b *billed) *history {
	txs := w.listedHistory(a, ledger, false)
	posted := b.posted
	for i := range posted {
		if ledger == "" || postedTo(a, posted[i]) == ledger {
			txs = append(txs, &posted[i])
		}
	}
	txs = sortedByDate(txs)
	n := len(txs) + 1
	details := b.details
	h := &history{txs: txs, net: make([]int, n), charges: make([]int, n), credits: make([]int, n), paid: make([]int, n),
		chargeTax: make([]int, n), creditTax: make([]int, n)}
	energy := w.accountTax(a)
	for i, t := range txs {
		h.net[i+1], h.charges[i+1], h.credits[i+1], h.paid[i+1] = h.net[i]+t.Signed(), h.charges[i], h.credits[i], h.paid[i]
		h.chargeTax[i+1], h.creditTax[i+1] = h.chargeTax[i], h.creditTax[i]
		switch {
		case t.Debit():
			h.charges[i+1] += t.Amount
			h.chargeTax[i+1] += listedTax(w, t, details, energy)
		case t.Type == "PAYMENT":
			h.credits[i+1] += t.Amount
			h.paid[i+1] += t.Amount
		default:
			h.credits[i+1] += t.Amount
			h.creditTax[i+1] += listedTax(w, t, details, energy)
		}
	}
	return h
}

// sortedByDate is txs in date order, those of a day in the order listed: txs itself
// when they are already (as state appends them), else sorted by date and position,
// which a stable sort's merging would cost many times over on a long history.
func sortedByDate(txs []*sim.Transaction) []*sim.Transaction {
	if slices.IsSortedFunc(txs, func(x, y *sim.Transaction) int { return strings.Compare(x.Date, y.Date) }) {
		return txs
	}
	order := make([]int32, len(txs))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(i, j int32) int {
		return cmp.Or(strings.Compare(txs[i].Date, txs[j].Date), cmp.Compare(i, j))
	})
	out := make([]*sim.Transaction, len(txs))
	for k, i := range order {
		out[k] = txs[i]
	}
	return out
}

// at is the index of the first transaction posted on or after date; "" is the end.
func (h *history) at(date string) int {
	if date == "" {
		return len(h.txs)
	}
	i, _ := slices.BinarySearchFunc(h.txs, date, func(t *sim.Transaction, d string) int { return strings.Compare(t.Date, d) })
	return i
}

// netBetween is what the transactions posted from from (inclusive) to to (exclusive)
// add to the account's balance; an empty bound is open.
func (h *history) netBetween(from, to string) int {
	i, j := 0, len(h.txs)
	if from != "" {
		i = h.at(from)
	}
	if to != "" {
		j = h.at(to)
	}
	if j < i {
		return 0
	}
	return h.net[j] - h.net[i]
}

// span is the range of txs posted from from to to, both inclusive; an empty to runs to
// the last.
func (h *history) span(from, to string) (i, j int) {
	i, j = h.at(from), len(h.txs)
	if to != "" {
		j = h.at(addDays(to, 1))
	}
	return i, max(i, j)
}

// totals are the charges and the credits (payments among them) posted from from to to,
// both inclusive; an empty to runs to the last.
func (h *history) totals(from, to string) (charges, credits int) {
	i, j := h.span(from, to)
	return h.charges[j] - h.charges[i], h.credits[j] - h.credits[i]
}

// taxes are the tax the charges and the credits (not the payments) posted from from to
// to list, both inclusive; an empty to runs to the last.
func (h *history) taxes(from, to string) (charges, credits int) {
	i, j := h.span(from, to)
	return h.chargeTax[j] - h.chargeTax[i], h.creditTax[j] - h.creditTax[i]
}

// listedTax is the tax a transaction's amounts list: a charge of the account's billing's
// as it itemises it (an export's none), any other's as transactionSplit splits it, the
// account's energy taxed at energy.
func listedTax(w *env, t *sim.Transaction, details map[string]chargeDetail, energy float64) int {
	name := transactionTypeName(t.Type)
	if d, ok := details[t.ID]; ok && name == "Charge" {
		if d.export {
			return 0
		}
		return t.Amount - d.usageNet - d.standingNet
	}
	_, tax, _ := transactionSplit(name, *t, transactionTax(w, *t, energy))
	return tax
}

// payments are the payments posted from from to to, both inclusive (an empty to runs to
// the last), which a statement lists beside its credits, not among them.
func (h *history) payments(from, to string) int {
	i, j := h.span(from, to)
	return h.paid[j] - h.paid[i]
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
	switch paymentMethod(transactionType) {
	case "CARD_PAYMENT":
		return "Card payment"
	case "BACS_TRANSFER":
		return "Bank transfer"
	}
	return "Direct debit"
}

// postedTo is the number of the ledger a transaction is posted to: its own, else the
// account's first; "" when the account has no ledger.
func postedTo(a *sim.Account, t sim.Transaction) string {
	if t.LedgerNumber != "" || len(a.Ledgers) == 0 {
		return t.LedgerNumber
	}
	return a.Ledgers[0].Number
}
