package accounts

import (
	"context"
	"math"
	"time"

	"github.com/krakensim/krakensim/sim"
)

// livePaymentAdequacy answers livePaymentAdequacy(accountNumber:), Octopus's review of
// whether an account's payments cover its use: each supply's cost in each month of
// the year (January first) at its tariff, from the steady use its estimate assumes; a
// monthly payment that covers a twelfth of them, and a twelfth of any debt on top. With
// steady use, the balance to expect at any time of year is nil.
func livePaymentAdequacy(_ context.Context, c *sim.Call) (any, error) {
	_, a, err := readable(c, c.StringArg("accountNumber"), "", "")
	if err != nil {
		return nil, err
	}
	w := newEnv(c)
	r := reviewPayments(w, a)
	return obj{
		"recommendedPayment": obj{"total": r.ongoing + r.adjustment, "ongoing": r.ongoing, "adjustment": r.adjustment},
		"currentBalance":     a.Balance, "targetBalance": 0,
		"estimatedConsumption": r.sources, "reviewedOn": w.today(),
	}, nil
}

// reviewTolerance is how far from the review's payment an account's payment may be
// before the account should review its payments.
const reviewTolerance = 0.1

// shouldReview is an account's shouldReviewPayments: whether what its schedules in force
// collect a month is more than reviewTolerance away from what its review suggests (an
// account paying by no schedule has nothing to review).
func shouldReview(w *env, a *sim.Account) bool {
	paid := 0
	for _, s := range a.PaymentSchedules {
		if scheduleActive(s, w.today()) && !s.IsPaymentHoliday {
			paid += s.PaymentAmount
		}
	}
	if paid == 0 {
		return false
	}
	r := reviewPayments(w, a)
	return math.Abs(float64(r.ongoing+r.adjustment-paid)) > reviewTolerance*float64(paid)
}

// balanceAdjustment is an account's recommendedBalanceAdjustment: the top-up that brings
// a balance owed to the review's target (0); nil for an account not in debt.
func balanceAdjustment(a *sim.Account) any {
	if a.Balance >= 0 {
		return nil
	}
	return -a.Balance
}

// review is a payment adequacy review of an account: the monthly payment that covers
// its supplies' year (ongoing) and a twelfth of its debt (adjustment), and each
// supply's cost in each month (EstimatedConsumption sources).
type review struct {
	ongoing, adjustment int
	sources             []any
}

// reviewPayments reviews a's payments against its supplies' use at their tariffs.
func reviewPayments(w *env, a *sim.Account) review {
	today := w.today()
	year := w.now.In(w.zone).Year()
	sources := []any{}
	total := 0
	add := func(name, id, tariff string, electricity bool, perDay float64) {
		usage := make([]any, 12)
		for m := range 12 {
			days := float64(time.Date(year, time.Month(m+2), 0, 0, 0, 0, 0, time.UTC).Day())
			cost := periodCost(w, tariff, electricity, perDay*days, days)
			usage[m] = cost
			total += cost
		}
		sources = append(sources, obj{"sourceName": name, "sourceId": id, "usage": usage})
	}
	for i := range a.Properties {
		p := &a.Properties[i]
		for _, mp := range p.ElectricityMeterPoints {
			ag, ok := activeAgreement(mp.Agreements, today)
			if perDay, _, in := supplyMeter(w, a, mp.ID, true); ok && in {
				add("Electricity", mp.Identifier(), ag.TariffCode, true, perDay)
			}
		}
		for _, mp := range p.GasMeterPoints {
			ag, ok := activeAgreement(mp.Agreements, today)
			if perDay, _, in := supplyMeter(w, a, mp.ID, false); ok && in {
				add("Gas", mp.Identifier(), ag.TariffCode, false, perDay)
			}
		}
	}
	return review{
		ongoing:    (total + 6) / 12,
		adjustment: (max(0, -a.Balance) + 11) / 12, // a debt is paid off over a year
		sources:    sources,
	}
}
