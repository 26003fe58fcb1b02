package accounts

import (
	"slices"
	"strings"
	"time"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/world"
)

// An account's balances, as the fixtures state them, are its balances on the day its
// session began, or, for a session begun before the last day the fixtures tell of the
// account (its story's end), on that day (the anchor): its billing's history is fitted
// to end at them that day, and what the billing posts and collects after it (a
// statement issued, a direct debit collected, a scheduled payment cleared) moves them
// on, so that what was issued stays as it was while the clock runs. Set before the
// anchor, the history is the anchor's, less what had not yet happened: before the
// account's story begins, nothing.

// anchorDay is the day the fixtures' balances of a are of, in the tenant's zone: the
// session's first, or its story's end if later; today for an env without a session.
func (w *env) anchorDay(a *sim.Account) string {
	if w.sess == nil || w.sess.Began().IsZero() {
		return w.today()
	}
	if day := importedAnchor(w, a); day != "" {
		return day
	}
	if end := w.storyEnd(a); end != "" {
		return end
	}
	if w.began == "" {
		w.began = w.today() // the session's first day, mostly: its date made once
		if !sameDay(w.now, w.sess.Began(), w.zone) {
			w.began = w.sess.Began().In(w.zone).Format(time.DateOnly)
		}
	}
	return w.began
}

// importedAnchor is the day the balances of an account imported in the session are of:
// the day its previous supplier billed it to, the day before Kraken's billing of it
// begins (its open period's start, else the day it was imported), so that what Kraken
// bills since moves the balance transferred on rather than being fitted into it; "" for
// any other account.
func importedAnchor(w *env, a *sim.Account) string {
	if a.ImportSupplier == "" || a.CreatedAt.IsZero() || w.sess.Fixture(a.Number) != nil {
		return ""
	}
	open := a.OpenPeriodStart()
	if open == "" {
		open = a.CreatedAt.In(w.zone).Format(time.DateOnly)
	}
	return addDays(open, -1)
}

// storyEnd is the last day the fixtures tell of money moving on a (nil for an account
// the session made), if after the day of began: the day it was opened, its latest
// transaction's, the day its latest statement was issued, or the day after its latest
// payment cleared (when it is posted); else "".
func storyEnd(a *sim.Account, began time.Time, zone *time.Location) string {
	if a == nil {
		return ""
	}
	var buf [16]byte
	day := began.In(zone).AppendFormat(buf[:0], time.DateOnly)
	end, paid := "", ""
	if a.CreatedAt.After(began) {
		end = a.CreatedAt.In(zone).Format(time.DateOnly)
	}
	for _, t := range a.Transactions {
		end = max(end, t.Date)
	}
	for _, s := range a.Statements {
		end = max(end, s.IssuedDate)
	}
	for _, p := range a.Payments {
		if p.Status == "CLEARED" {
			paid = max(paid, p.PaymentDate)
		}
	}
	if paid >= string(day) {
		end = max(end, addDays(paid, 1))
	}
	if end <= string(day) {
		return ""
	}
	return end
}

// storyEndKey holds the story's end of an account of the fixtures (storyEnd) in its
// session's memo for as long as the session's world stands, however its clock moves.
type storyEndKey struct{ account string }

// keptStoryEnd is a story's end kept, with the fixture and the moment the session began
// it is of.
type keptStoryEnd struct {
	fixture *sim.Account
	began   time.Time
	end     string
}

// storyEnd is the story's end of a's fixture in w's session (storyEnd), read once while
// the session's world stands rather than over the fixture's every transaction each time.
func (w *env) storyEnd(a *sim.Account) string {
	f, began := w.sess.Fixture(a.Number), w.sess.Began()
	key := storyEndKey{a.Number}
	if k, ok := w.sess.Derived(key).(keptStoryEnd); ok && k.fixture == f && k.began.Equal(began) {
		return k.end
	}
	end := storyEnd(f, began, w.zone)
	w.sess.KeepDerived(key, keptStoryEnd{f, began, end})
	return end
}

// latestKey holds the latest date among an account's transactions (latestListed) in its
// session's memo for as long as the session's world stands, however its clock moves.
type latestKey struct{ account string }

// keptLatest is a latest date kept, with the account and the number of transactions it
// is of.
type keptLatest struct {
	account *sim.Account
	n       int
	latest  string
}

// latestListed is the latest date among the transactions state lists on a ("" for
// none), read once while the session's world stands.
func (w *env) latestListed(a *sim.Account) string {
	key := latestKey{a.Number}
	if w.sess != nil {
		if k, ok := w.sess.Derived(key).(keptLatest); ok && k.account == a && k.n == len(a.Transactions) {
			return k.latest
		}
	}
	latest := ""
	for _, t := range a.Transactions {
		latest = max(latest, t.Date)
	}
	if w.sess != nil {
		w.sess.KeepDerived(key, keptLatest{a, len(a.Transactions), latest})
	}
	return latest
}

// sameDay reports whether a and b fall on one day in zone.
func sameDay(a, b time.Time, zone *time.Location) bool {
	y1, m1, d1 := a.In(zone).Date()
	y2, m2, d2 := b.In(zone).Date()
	return y1 == y2 && m1 == m2 && d1 == d2
}

// atAnchor is an env of w's session and world at a's anchor (the moment its session
// began, or noon of its story's end), for what is worked out as of then; made once a
// call.
func (w *env) atAnchor(a *sim.Account) *env {
	day := w.anchorDay(a)
	if e, ok := w.anchored[day]; ok {
		return e
	}
	now := w.sess.Began()
	if now.In(w.zone).Format(time.DateOnly) != day {
		t, _ := time.ParseInLocation(time.DateOnly, day, w.zone)
		now = t.Add(12 * time.Hour)
	}
	// The devices' control is the session's, whatever the day: one read for both.
	if w.control == nil {
		w.control = map[string]world.CarControl{}
	}
	e := &env{World: w.World, now: now, zone: w.zone, sess: w.sess, maxPage: w.maxPage, call: w.call, began: w.began, control: w.control}
	if w.anchored == nil {
		w.anchored = map[string]*env{}
	}
	w.anchored[day] = e
	return e
}

// unmade reports whether p is a payment the fixtures list on a dated after today, a day
// before a's anchor: one not made (scheduled, collected) yet.
func (w *env) unmade(a *sim.Account, p sim.Payment) bool {
	return w.toCome(a, p.PaymentDate) && slices.ContainsFunc(w.sess.Fixture(a.Number).Payments, func(q sim.Payment) bool { return q.ID == p.ID })
}

// unagreed reports whether s is a payment schedule the fixtures list on a in force from
// after today, a day before a's anchor: one not agreed yet.
func (w *env) unagreed(a *sim.Account, s sim.PaymentSchedule) bool {
	return w.toCome(a, s.ValidFrom) && slices.ContainsFunc(w.sess.Fixture(a.Number).PaymentSchedules, func(q sim.PaymentSchedule) bool { return q.ID == s.ID })
}

// toCome reports whether date is after today, a day before the anchor of a, an account
// of the fixtures.
func (w *env) toCome(a *sim.Account, date string) bool {
	today := w.today()
	return w.sess != nil && date > today && today < w.anchorDay(a) && w.sess.Fixture(a.Number) != nil
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
// its date (made through that day), anything else (a balance brought forward) on its
// date but never after the anchor.
func postedBy(t sim.Transaction, anchor string) string {
	switch {
	case runChargeTx(t), runRebateTx(t):
		return addDays(t.Date, statementIssueDays)
	case t.Type == "PAYMENT", t.Type == "REPAYMENT":
		return addDays(t.Date, 1)
	}
	return min(t.Date, anchor)
}

// drift is what moved the account's balance on ledger ("" for the account's) since
// the anchor: what its billing posted and collected after it, or, before it, less what
// had not yet been posted by today.
func (w *env) drift(a *sim.Account, ledger string) int {
	if w.sess == nil || sameDay(w.now, w.sess.Began(), w.zone) && w.storyEnd(a) == "" && importedAnchor(w, a) == "" {
		return 0
	}
	anchor, today := w.anchorDay(a), w.today()
	if today == anchor {
		return 0
	}
	sum := 0
	add := func(t sim.Transaction, sign int) {
		if ledger == "" || postedTo(a, t) == ledger {
			sum += sign * t.Signed()
		}
	}
	if today > anchor {
		for _, t := range w.billing(a).posted {
			if p := postedBy(t, anchor); p > anchor && p <= today {
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
	wa := w.atAnchor(a)
	for _, t := range wa.billing(a).posted {
		if p := postedBy(t, anchor); p > today && p <= anchor {
			add(t, -1)
		}
	}
	for _, t := range clearedPayments(wa, a) {
		if p := addDays(t.Date, 1); p > today && p <= anchor {
			add(t, -1)
		}
	}
	for _, t := range unpostedStatementCharges(a, today, anchor) {
		add(t, -1)
	}
	return sum
}

// balanceNow is the account's balance on ledger ("" for the account's) today: the
// fixtures', moved by what was posted since the anchor, less what state lists dated
// after today; nothing before the account was opened.
func (w *env) balanceNow(a *sim.Account, ledger string) int {
	if !a.CreatedAt.IsZero() && w.now.Before(a.CreatedAt) {
		return 0
	}
	b := ledgerBalance(a, ledger) + w.drift(a, ledger)
	if len(a.Transactions) > 0 { // what state lists after today (the clock set back) has not happened yet
		var buf [16]byte
		today := w.now.In(w.zone).AppendFormat(buf[:0], time.DateOnly)
		if w.latestListed(a) <= string(today) {
			return b
		}
		for _, t := range a.Transactions {
			if t.Date > string(today) && (ledger == "" || postedTo(a, t) == ledger) {
				b -= t.Signed()
			}
		}
	}
	return b
}

// until is b as of today, a day before a's anchor it was worked out at: the runs
// issued by then, what was posted by then, the collections made by then, and the open
// period as the statements issued by then leave it ("" before the account was opened).
func (b *billed) until(w *env, a *sim.Account) *billed {
	today, anchor := w.today(), w.anchorDay(a)
	out := &billed{open: listedOpenStart(w, a), details: b.details, measured: b.measured, pricing: b.pricing}
	// A sign-up's first run is from its supply start (runBillingFrom).
	if len(b.runs) > 0 && out.open != "" && a.OpenPeriodStart() == "" && b.runs[0].BillPeriodFrom <= today {
		out.open = max(out.open, b.runs[0].BillPeriodFrom)
	}
	for _, s := range b.runs {
		if s.IssuedDate <= today {
			out.runs = append(out.runs, s)
			out.open = addDays(s.BillPeriodTo, 1)
		}
	}
	for _, t := range b.posted {
		if postedBy(t, anchor) <= today {
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
