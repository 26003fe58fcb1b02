package accounts

import (
	"slices"
	"strings"
	"time"

	"github.com/krakensim/krakensim/sim"
)

// Octopus reviews a fixed monthly direct debit every reviewMonths from the day its
// schedule began: where the balance the account would have a year on, at its payment
// and at the charges of the year before, is below the target (0) or more than
// reviewSurplus months of payments above it, a schedule at the payment that brings it
// to the target, in whole pounds, replaces it from its first payment day reviewNotice
// days on. Only reviews after the anchor are made (the fixtures' schedules are the
// account's history), while the account is supplied.

// reviewMonths is how often a fixed direct debit is reviewed.
const reviewMonths = 6

// reviewNotice is how many days' notice a reviewed payment is given before it is
// first collected.
const reviewNotice = 14

// reviewSurplus is how many months of payments above the target the balance a year on
// may be before a review lowers the payment.
const reviewSurplus = 3

// schedules are a's payment schedules with its periodic reviews as of today.
func (w *env) schedules(a *sim.Account) []sim.PaymentSchedule {
	if s := w.billing(a).schedules; s != nil {
		return s
	}
	return a.PaymentSchedules
}

// reviewSchedules are a's schedules with the reviews of its fixed direct debit made
// after the anchor and by today, at the charges posted from billed on (billing's, with
// the collections of the schedules as state lists them); nil for none.
func reviewSchedules(w *env, a *sim.Account, posted []sim.Transaction, billed string) []sim.PaymentSchedule {
	k := -1
	for i, s := range a.PaymentSchedules {
		if k < 0 || s.ValidFrom > a.PaymentSchedules[k].ValidFrom {
			k = i
		}
	}
	if k < 0 {
		return nil
	}
	base := a.PaymentSchedules[k]
	if base.ScheduleType != "DIRECT_DEBIT" || !strings.EqualFold(base.PaymentFrequency, "Monthly") || max(base.PaymentFrequencyMultiplier, 1) != 1 ||
		base.IsVariablePaymentAmount || base.IsPaymentHoliday || base.PaymentAmount <= 0 || base.PaymentDay < 1 {
		return nil
	}
	start, err := time.Parse(time.DateOnly, base.ValidFrom)
	if err != nil {
		return nil
	}
	anchor, today, final := w.anchorDay(a), w.today(), finalDay(a)
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
	// chain is the schedules paying since the anchor: base, then each review's.
	chain := []sim.PaymentSchedule{base}
	// The balance as of day, worked forward review by review: the anchor's, moved by
	// the charges posted and the payments collected since; year is the charges of the
	// year to day, those from lo to hi.
	balance, year, day, lo, hi := ledgerBalance(a, ""), 0, anchor, 0, 0
	pay := paymentDayFrom(max(addDays(anchor, 1), billed), base.PaymentDay)
	for n := reviewMonths; ; n += reviewMonths {
		on := start.AddDate(0, n, 0).Format(time.DateOnly)
		if on > today || base.ValidTo != "" && on > base.ValidTo || final != "" && on > final {
			break
		}
		if on <= anchor {
			continue
		}
		for ; hi < len(charges) && charges[hi].day <= on; hi++ {
			year -= charges[hi].amount
			if charges[hi].day > day {
				balance += charges[hi].amount
			}
		}
		for ; lo < hi && charges[lo].day <= addDays(on, -365); lo++ {
			year += charges[lo].amount
		}
		for ; pay.Format(time.DateOnly) <= on; pay = monthDay(pay.Year(), pay.Month()+1, base.PaymentDay) {
			paying := chain[len(chain)-1]
			if pay.Format(time.DateOnly) < paying.ValidFrom {
				paying = chain[len(chain)-2] // the review's notice not yet given
			}
			balance += paying.PaymentAmount
		}
		day = on
		if charges[0].day > addDays(on, -365) {
			continue // less than a year of charges to go by
		}
		paying := chain[len(chain)-1]
		projected := balance + 12*paying.PaymentAmount - year
		if projected >= 0 && projected <= reviewSurplus*paying.PaymentAmount {
			continue
		}
		amount := max(100, (year-balance+12*100-1)/(12*100)*100) // whole pounds, rounded up
		if amount == paying.PaymentAmount {
			continue
		}
		next := paying
		next.ValidFrom = paymentDayFrom(addDays(on, reviewNotice), base.PaymentDay).Format(time.DateOnly)
		next.ID = base.ID + "R" + next.ValidFrom[:4] + next.ValidFrom[5:7]
		next.PaymentAmount = amount
		chain[len(chain)-1].ValidTo = addDays(next.ValidFrom, -1)
		chain = append(chain, next)
	}
	if len(chain) == 1 {
		return nil
	}
	out := make([]sim.PaymentSchedule, 0, len(a.PaymentSchedules)+len(chain))
	for i, s := range a.PaymentSchedules {
		if i != k {
			out = append(out, s)
		}
	}
	return append(out, chain...)
}
