package accounts

import (
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/krakensim/krakensim/sim"
)

// Octopus reviews a fixed monthly direct debit every reviewMonths from the day its
// schedule began: where the balance the account would have a year on, from what it owes
// with the use to the day before not yet billed, at its payment and at the charges of
// the year before (pricing.project, as paymentAdequacy reviews it), is below the target
// (0) or more than reviewSurplus months of payments above it, a schedule at the payment
// that brings it to the target, in whole pounds, replaces it from its first payment day
// reviewNotice days on. Only reviews after the anchor are made (the fixtures' schedules
// are the account's history), while the account is supplied.

// reviewMonths is how often a fixed direct debit is reviewed.
const reviewMonths = 6

// reviewNotice is how many days' notice a reviewed payment is given before it is
// first collected.
const reviewNotice = 14

// reviewSurplus is how many months of payments above the target the balance a year on
// may be before a review lowers the payment.
const reviewSurplus = 3

// schedules are a's payment schedules with its periodic reviews as of today (none
// by the anchor, so billing is not run for them then).
func (w *env) schedules(a *sim.Account) []sim.PaymentSchedule {
	if w.today() <= w.anchorDay(a) {
		return a.PaymentSchedules
	}
	if s := w.billing(a).schedules; s != nil {
		return s
	}
	return a.PaymentSchedules
}

// listedSchedule is the schedule with id as the account lists it, its reviews included,
// and the stored schedule a change to it is made on: itself, or for a review the
// schedule reviewed (whose id it extends); nil when the account lists none with id.
func listedSchedule(w *env, a *sim.Account, id string) (sim.PaymentSchedule, *sim.PaymentSchedule) {
	if s := a.PaymentSchedule(id); s != nil {
		if i := slices.IndexFunc(w.schedules(a), func(l sim.PaymentSchedule) bool { return l.ID == id }); i >= 0 {
			return w.schedules(a)[i], s
		}
		return *s, s
	}
	i := strings.LastIndexByte(id, 'R')
	if i <= 0 {
		return sim.PaymentSchedule{}, nil
	}
	for _, l := range w.schedules(a) {
		if l.ID == id {
			return l, a.PaymentSchedule(id[:i])
		}
	}
	return sim.PaymentSchedule{}, nil
}

// declinedReviewsKey holds, in the session, the ids of the reviewed schedules deleted
// before they began: their reviews are not made again.
type declinedReviewsKey struct{}

// declineReview deletes the review with id, to come: the schedule it was to replace
// goes on.
func declineReview(s *sim.Session, id string) {
	declined, _ := s.Value(declinedReviewsKey{}).(map[string]bool)
	declined = maps.Clone(declined)
	if declined == nil {
		declined = map[string]bool{}
	}
	declined[id] = true
	s.SetValue(declinedReviewsKey{}, declined)
}

// reviewable reports whether s is a schedule periodic reviews change: a fixed monthly
// direct debit, not a payment plan's (a variable one collects what statements leave
// owing already).
func reviewable(s sim.PaymentSchedule) bool {
	return s.ScheduleType == "DIRECT_DEBIT" && s.Reason != planReason && strings.EqualFold(s.PaymentFrequency, "Monthly") && max(s.PaymentFrequencyMultiplier, 1) == 1 &&
		!s.IsVariablePaymentAmount && !s.IsPaymentHoliday && s.PaymentAmount > 0 && s.PaymentDay >= 1 && len(s.ValidFrom) == len(time.DateOnly)
}

// reviewSchedules are a's schedules with the reviews of its fixed direct debits made
// after the anchor and by today, each from the day its schedule began and while it is
// in force, at the charges posted from billed on (billing's, with the collections of
// the schedules as state lists them) and the year pr projects; nil for none.
func reviewSchedules(w *env, a *sim.Account, posted []sim.Transaction, billed string, pr *pricing) []sim.PaymentSchedule {
	anchor, today, final := w.anchorDay(a), w.today(), finalDay(a)
	var declined map[string]bool
	if w.sess != nil {
		declined, _ = w.sess.Value(declinedReviewsKey{}).(map[string]bool)
	}
	// chain is the schedules reviews change in force after the anchor, by start, with
	// the reviews' schedules after each; rest are the others.
	var chain, rest []sim.PaymentSchedule
	for _, s := range a.PaymentSchedules {
		if reviewable(s) && (s.ValidTo == "" || s.ValidTo > anchor) {
			chain = append(chain, s)
		} else {
			rest = append(rest, s)
		}
	}
	if len(chain) == 0 {
		return nil
	}
	slices.SortStableFunc(chain, func(x, y sim.PaymentSchedule) int { return strings.Compare(x.ValidFrom, y.ValidFrom) })
	// The charges by the day each posts (direct debits aside: the reviews set them).
	type charge struct {
		day    string
		amount int
	}
	var charges []charge
	for _, t := range posted {
		if t.Type != "PAYMENT" && t.Type != "REPAYMENT" && t.Reason != "BALANCE_TRANSFER" {
			charges = append(charges, charge{postedBy(t, anchor), t.Signed()})
		}
	}
	if len(charges) == 0 {
		return nil
	}
	slices.SortStableFunc(charges, func(x, y charge) int { return strings.Compare(x.day, y.day) })
	// The balance as of day, worked forward review by review: the anchor's, moved by
	// the charges posted (to hi) and the payments collected since (from month on, the
	// schedules before cur over).
	balance, day, hi := ledgerBalance(a, ""), anchor, 0
	paidFrom := max(addDays(anchor, 1), billed)
	month, cur := monthOf(paidFrom), 0
	reviews := 0
	// A review less than a year after the first month the runs bill has no year of
	// charges to go by (pr.project is not ok): the balance is only worked forward past
	// it, so that a clock set decades on costs what the runs' months do.
	soonest := ""
	if t, err := time.Parse(time.DateOnly, pr.first); err == nil {
		soonest = t.AddDate(0, 11, 0).Format(time.DateOnly)
	}
	for k := 0; k < len(chain); k++ {
		base := chain[k]
		start, _ := time.Parse(time.DateOnly, base.ValidFrom)
		for n := reviewMonths; ; n += reviewMonths {
			on := start.AddDate(0, n, 0).Format(time.DateOnly)
			if on > today || base.ValidTo != "" && on > base.ValidTo || final != "" && on > final {
				break
			}
			if on <= anchor {
				continue
			}
			w.stop()
			for ; hi < len(charges) && charges[hi].day <= on; hi++ {
				if charges[hi].day > day {
					balance += charges[hi].amount
				}
			}
			for ; ; month++ {
				y, m := month/12, time.Month(month%12+1)
				if monthDay(y, m, 1).Format(time.DateOnly) > on {
					break
				}
				last := true // whether the month is over by on
				for i := cur; i < len(chain); i++ {
					s := chain[i]
					d := monthDay(y, m, s.PaymentDay).Format(time.DateOnly)
					if d > on {
						last = false
					}
					if d >= paidFrom && d > day && d <= on && scheduleActive(s, d) {
						balance += s.PaymentAmount
					}
				}
				for cur < len(chain)-1 && chain[cur].ValidTo != "" && chain[cur].ValidTo < monthDay(y, m, 1).Format(time.DateOnly) {
					cur++
				}
				if !last {
					break // the rest of it at the next review
				}
			}
			day = on
			if on < soonest {
				continue
			}
			pj := pr.project(on, func(supplyCost) bool { return true })
			if !pj.ok {
				continue // less than a year of charges to go by
			}
			paying, owed := chain[k], balance+pj.unbilled
			projected := owed + 12*paying.PaymentAmount - pj.year
			if projected >= 0 && projected <= reviewSurplus*paying.PaymentAmount {
				continue
			}
			amount := max(100, (pj.year-owed+12*100-1)/(12*100)*100) // whole pounds, rounded up
			next := paying
			next.ValidFrom = paymentDayFrom(addDays(on, reviewNotice), paying.PaymentDay).Format(time.DateOnly)
			if amount == paying.PaymentAmount || paying.ValidTo != "" && next.ValidFrom > paying.ValidTo {
				continue
			}
			next.ID = base.ID + "R" + next.ValidFrom[:4] + next.ValidFrom[5:7]
			if declined[next.ID] {
				continue
			}
			next.PaymentAmount = amount
			chain[k].ValidTo = addDays(next.ValidFrom, -1)
			chain = slices.Insert(chain, k+1, next)
			reviews++
			k++ // later reviews change the reviewed schedule, from its base's start
		}
	}
	if reviews == 0 {
		return nil
	}
	return append(rest, chain...)
}
