package accounts

import (
	"strings"
	"time"

	"github.com/krakensim/krakensim/sim"
)

// An account that has moved out of every supply is billed until its final statement,
// the one whose period holds its last day of supply and ends on it, and no more: that
// statement settles it. What it leaves owing on a ledger is collected by the direct debit the
// account paid by on the last day of supply, on its payment day at least a week after
// the statement is issued (SCHEDULED from the issue, as a variable debit's collection
// is), else paid by bank transfer the working day after the statement falls due; what
// it leaves in credit is refunded then, but for what refund requests still open ask
// (the supplier acts on those). The account stays ACTIVE (AccountStatus's
// "supply could have started, be ongoing or ended"), with a balance of zero but what
// those requests ask.

// finalDay is the last day the account supplies anything, once it has moved out of
// every supply of every home it holds or a leave of the supplier ends those it has not
// (leaveEnd); "" while it supplies one.
func finalDay(a *sim.Account) string {
	if len(a.Properties) == 0 {
		return ""
	}
	last, leave := "", leaveEnd(a)
	for i := range a.Properties {
		p := &a.Properties[i]
		end := ""
		if movedOut(p) {
			end = p.OccupiedTo
		}
		if leave != "" && p.OccupiedFrom <= leave && (end == "" || leave < end) {
			end = leave
		}
		if end == "" {
			return ""
		}
		last = max(last, end)
	}
	return last
}

// leaveEnd is the last day of supply the account's leave of the supplier asks for (its
// latest neither cancelled nor reversed, in progress or completed); "" for none.
func leaveEnd(a *sim.Account) string {
	for i := len(a.LeaveProcesses) - 1; i >= 0; i-- {
		if p := a.LeaveProcesses[i]; !p.Cancelled && !p.Reversed {
			return p.SupplyEnd
		}
	}
	return ""
}

// occupiedTo is the last day the account occupies its home p: the day it moves out,
// else the last day a leave of the supplier supplies the home; "" while it lasts.
func occupiedTo(a *sim.Account, p *sim.Property) string {
	leave := leaveEnd(a)
	if leave == "" || p.OccupiedFrom > leave || p.OccupiedTo != "" && p.OccupiedTo <= leave {
		return p.OccupiedTo
	}
	return leave
}

// untilFinal are the periods up to the one that holds the account's last day of
// supply (final, "" for none), that one ending on it: none is billed after it. The
// final statement is issued statementIssueDays after final (by cutoff, the day after
// the last a closed period may end on), though its month has not ended.
func untilFinal(periods []billingPeriod, start, cutoff, final string) []billingPeriod {
	if final == "" {
		return periods
	}
	for i, p := range periods {
		if p.from > final {
			return periods[:i]
		}
		if p.to >= final {
			periods[i].to = final
			return periods[:i+1]
		}
	}
	if final >= cutoff {
		return periods
	}
	from := start
	if len(periods) > 0 {
		from = addDays(periods[len(periods)-1].to, 1)
	}
	if from > final {
		return periods
	}
	return append(periods, billingPeriod{from, final})
}

// settleFinal posts what settles the account's final statement, once it is issued (the
// last of periods): per ledger, a collection, a transfer or a refund of its balance.
func settleFinal(w *env, a *sim.Account, b *billed, periods []billingPeriod) {
	final := finalDay(a)
	if final == "" || len(periods) == 0 || periods[len(periods)-1].to < final {
		return
	}
	last := periods[len(periods)-1]
	today, anchor := w.today(), w.anchorDay(a)
	debit := finalDebit(a, final)
	day := settleOn(w, last.to, debit)
	ledgers := []string{firstLedger(a)}
	if len(a.Ledgers) > 1 {
		ledgers = ledgers[:0]
		for _, l := range a.Ledgers {
			if mainLedger(l.LedgerType) {
				ledgers = append(ledgers, l.Number)
			}
		}
	}
	open, cleared := requested(a, ""), clearedPayments(w, a)
	balances := make([]int, len(ledgers))
	for k, l := range ledgers {
		balances[k] = ledgerBalance(a, l)
		for _, t := range b.posted {
			if postedTo(a, t) == l && postedBy(t, anchor) > anchor {
				balances[k] += t.Signed()
			}
		}
		for _, t := range cleared {
			if postedTo(a, t) == l && addDays(t.Date, 1) > anchor {
				balances[k] += t.Signed()
			}
		}
		for _, p := range b.collections { // what an earlier statement's debit is yet to collect
			if postedTo(a, sim.Transaction{LedgerNumber: p.LedgerNumber}) == l && (p.Status == "SCHEDULED" || p.Status == "PENDING") {
				balances[k] += p.Amount
			}
		}
	}
	netLedgers(a, b, ledgers, balances, day, day < today)
	for k, l := range ledgers {
		balance := balances[k]
		if balance == 0 {
			continue
		}
		ref := strings.TrimPrefix(a.Number, "A-") + "-FINAL"
		if balance > 0 {
			held := min(open, balance) // what open refund requests ask stays for them
			open -= held
			if balance -= held; balance > 0 && day < today { // made through its day, as a payment is
				b.posted = append(b.posted, sim.Transaction{ID: "R6" + strings.ReplaceAll(day, "-", "") + ledgerTag(a, l), LedgerNumber: l, Date: day, Amount: balance, Type: "REPAYMENT",
					Reason: "GENERAL_REPAYMENT", PaymentType: "BANK_TRANSFER", Reference: "REFUND-" + ref, DisplayNote: "Refund of credit"})
			}
			continue
		}
		id := billingPaymentID(settlementIDs, a, l, last.from, 0)
		p := sim.Payment{ID: id, LedgerNumber: l, Amount: -balance, PaymentDate: day, Status: "CLEARED"}
		p.TransactionType, p.Reference = "BACS_DEPOSIT", "BACS-"+ref
		method, note := "BANK_TRANSFER", "Bank transfer"
		if debit != nil {
			p.TransactionType, p.Reference, method, note = "DD_REGULAR_COLLECTION", "DD-"+ref, "DIRECT_DEBIT", "Direct debit"
		}
		switch {
		case day > today && debit == nil:
			continue // a transfer is seen once made
		case day > today:
			p.Status = "SCHEDULED" // its final statement has told its amount
		case day == today:
			p.Status = "PENDING"
		default:
			b.posted = append(b.posted, sim.Transaction{ID: "P" + id, LedgerNumber: l, Date: day, Amount: p.Amount, Type: "PAYMENT",
				Reason: "GENERAL_CREDIT", Reference: p.Reference, PaymentType: method, DisplayNote: note})
		}
		b.collections = append(b.collections, p)
	}
}

// settleOn is the day the final statement of a period ending on final is settled:
// the payment day of the direct debit that collects it (debit) at least a week after
// its issue, else the working day after it falls due.
func settleOn(w *env, final string, debit *sim.PaymentSchedule) string {
	days, issue := w.days(), addDays(final, statementIssueDays)
	if debit != nil {
		return days.Next(paymentDayFrom(addDays(issue, 7), debit.PaymentDay)).Format(time.DateOnly) // after its advance notice
	}
	due, _ := time.Parse(time.DateOnly, addDays(issue, paymentTermDays))
	return days.Next(days.Next(due).AddDate(0, 0, 1)).Format(time.DateOnly)
}

// mandateClosed is when the settlement of the account's final statement ends its
// direct debit mandates, the start of the day it is settled on; zero while it supplies
// something.
func mandateClosed(w *env, a *sim.Account) time.Time {
	final := finalDay(a)
	if final == "" {
		return time.Time{}
	}
	t, _ := dayStart(settleOn(w, final, finalDebit(a, final)), w.zone)
	return t
}

// closedMandate reports whether in is an active direct debit mandate the settlement has
// ended by t: one set up before the day the account was settled reads ACCOUNT_CLOSED
// from that day (DirectDebitInstructionStatus: "The account for this instruction was
// closed"), after collecting the settlement, and nothing collects with it since.
func closedMandate(w *env, a *sim.Account, in sim.PaymentInstruction, t time.Time) bool {
	if in.InstructionType != "DIRECT_DEBIT" || in.Status != "ACTIVE" {
		return false
	}
	closed := mandateClosed(w, a)
	return !closed.IsZero() && in.ValidFrom.Before(closed) && !t.Before(closed)
}

// instructionStatus is in's status at t: ACCOUNT_CLOSED once the settlement has ended it.
func instructionStatus(w *env, a *sim.Account, in sim.PaymentInstruction, t time.Time) string {
	if closedMandate(w, a, in, t) {
		return "ACCOUNT_CLOSED"
	}
	return in.Status
}

// finalDebit is the direct debit the account paid by on its last day of supply (final),
// which collects what its final statement leaves owing; nil for none.
func finalDebit(a *sim.Account, final string) *sim.PaymentSchedule {
	var debit *sim.PaymentSchedule
	for i := range a.PaymentSchedules {
		if s := &a.PaymentSchedules[i]; s.ScheduleType == "DIRECT_DEBIT" && !s.IsPaymentHoliday && scheduleActive(*s, final) {
			debit = s
		}
	}
	return debit
}

// netLedgers sets what one ledger holds in credit against what another owes (balances,
// of ledgers), so that the settlement collects and refunds the account's balance, not
// each ledger's: a payment to one ledger after the final statement is taken off what
// the other's debit collects. Once day has passed (posted), each ledger that gave
// credit is charged it and each that owed credited it, as a balance transfer on day.
func netLedgers(a *sim.Account, b *billed, ledgers []string, balances []int, day string, posted bool) {
	credit, debt := 0, 0
	for _, n := range balances {
		credit, debt = credit+max(n, 0), debt+max(-n, 0)
	}
	moved := min(credit, debt)
	if moved == 0 {
		return
	}
	gave, took := moved, moved
	for k, l := range ledgers {
		n := 0
		switch {
		case balances[k] > 0:
			n = -min(balances[k], gave)
			gave += n
		case balances[k] < 0:
			n = min(-balances[k], took)
			took -= n
		}
		if n == 0 {
			continue
		}
		balances[k] += n
		if !posted {
			continue
		}
		t := sim.Transaction{ID: "T6" + strings.ReplaceAll(day, "-", "") + ledgerTag(a, l), LedgerNumber: l, Date: day, Amount: n,
			Type: "CREDIT", Reason: "BALANCE_TRANSFER", DisplayNote: "Balance transfer"}
		if n < 0 {
			t.Type, t.Amount = "CHARGE", -n
		}
		b.posted = append(b.posted, t)
	}
}

// isFinal reports whether s is the account's final statement: its period holds the
// last day the account supplied anything.
func isFinal(a *sim.Account, s sim.Statement) bool {
	final := finalDay(a)
	return final != "" && s.BillPeriodFrom <= final && final <= s.BillPeriodTo
}
