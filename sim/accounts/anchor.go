package accounts

import (
	"strings"
	"time"

	"github.com/krakensim/krakensim/sim"
)

// An account's balances, as the fixtures state them, are its balances on the day its
// session began (the anchor): its billing's history is fitted to end at them that day,
// and what the billing posts and collects after it (a statement issued, a direct debit
// collected, a scheduled payment cleared) moves them on, so that what was issued stays
// as it was while the clock runs. Set before the anchor, the history is the anchor's,
// less what had not yet happened.

// anchorDay is the day the fixtures' balances are of: the session's first, in the
// tenant's zone; today for an env without a session.
func (w *env) anchorDay() string {
	if w.sess == nil || w.sess.Began().IsZero() {
		return w.today()
	}
	return w.sess.Began().In(w.zone).Format(time.DateOnly)
}

// sameDay reports whether a and b fall on one day in zone.
func sameDay(a, b time.Time, zone *time.Location) bool {
	y1, m1, d1 := a.In(zone).Date()
	y2, m2, d2 := b.In(zone).Date()
	return y1 == y2 && m1 == m2 && d1 == d2
}

// atAnchor is an env of w's session and world at the moment its session began, for
// what is worked out as of then; made once a call.
func (w *env) atAnchor() *env {
	if w.anchored == nil {
		w.anchored = &env{World: w.World, now: w.sess.Began(), zone: w.zone, sess: w.sess, maxPage: w.maxPage, call: w.call}
	}
	return w.anchored
}

// runChargeTx reports whether t is a charge a billing run posted for a month (not a
// balance brought forward).
func runChargeTx(t sim.Transaction) bool {
	return t.Type == "CHARGE" && strings.HasPrefix(t.ID, "C")
}

// runRebateTx reports whether t is a concession's credit a billing run posted on a
// month's statement.
func runRebateTx(t sim.Transaction) bool {
	return t.Type == "CREDIT" && strings.HasPrefix(t.ID, "R")
}

// postedBy is the day a transaction of the billing's history is first seen: a run's
// charge or rebate on its statement's issue date, a payment or a refund the day after
// its date (made through that day), anything else (a balance brought forward) never
// after the anchor.
func postedBy(t sim.Transaction) string {
	switch {
	case runChargeTx(t), runRebateTx(t):
		return addDays(t.Date, statementIssueDays)
	case t.Type == "PAYMENT", t.Type == "REPAYMENT":
		return addDays(t.Date, 1)
	}
	return ""
}

// drift is what moved the account's balance on ledger ("" for the account's) since
// the anchor: what its billing posted and collected after it, or, before it, less what
// had not yet been posted by today.
func (w *env) drift(a *sim.Account, ledger string) int {
	if w.sess == nil || sameDay(w.now, w.sess.Began(), w.zone) {
		return 0
	}
	anchor, today := w.anchorDay(), w.today()
	sum := 0
	add := func(t sim.Transaction, sign int) {
		if ledger == "" || postedTo(a, t) == ledger {
			sum += sign * t.Signed()
		}
	}
	if today > anchor {
		for _, t := range w.billing(a).posted {
			if p := postedBy(t); p > anchor && p <= today {
				add(t, 1)
			}
		}
		for _, t := range clearedPayments(w, a) {
			if addDays(t.Date, 1) > anchor {
				add(t, 1)
			}
		}
		return sum
	}
	wa := w.atAnchor()
	for _, t := range wa.billing(a).posted {
		if p := postedBy(t); p > today && p <= anchor {
			add(t, -1)
		}
	}
	for _, t := range clearedPayments(wa, a) {
		if addDays(t.Date, 1) > today {
			add(t, -1)
		}
	}
	return sum
}

// balanceNow is the account's balance on ledger ("" for the account's) today: the
// fixtures', moved by what was posted since the anchor, less what state lists dated
// after today.
func (w *env) balanceNow(a *sim.Account, ledger string) int {
	b := ledgerBalance(a, ledger) + w.drift(a, ledger)
	if len(a.Transactions) > 0 { // what state lists after today (the clock set back) has not happened yet
		var buf [16]byte
		today := w.now.In(w.zone).AppendFormat(buf[:0], time.DateOnly)
		for _, t := range a.Transactions {
			if t.Date > string(today) && (ledger == "" || postedTo(a, t) == ledger) {
				b -= t.Signed()
			}
		}
	}
	return b
}

// until is b as of today, a day before the anchor it was worked out at: the runs
// issued by then, what was posted by then, the collections made by then.
func (b *billed) until(today string) *billed {
	out := &billed{open: b.open, details: b.details, measured: b.measured}
	for _, s := range b.runs {
		if s.IssuedDate <= today {
			out.runs = append(out.runs, s)
			out.open = addDays(s.BillPeriodTo, 1)
		}
	}
	if len(out.runs) == 0 && len(b.runs) > 0 {
		out.open = b.runs[0].BillPeriodFrom
	}
	for _, t := range b.posted {
		if p := postedBy(t); p == "" || p <= today {
			out.posted = append(out.posted, t)
		}
	}
	for _, p := range b.collections {
		if p.PaymentDate == today && p.TransactionType == "DD_REGULAR_COLLECTION" {
			p.Status = "PENDING" // being collected that day
		}
		if p.PaymentDate <= today {
			out.collections = append(out.collections, p)
		}
	}
	return out
}
