package accounts

import (
	"context"
	"math"
	"strings"
	"time"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/world"
)

// livePaymentAdequacy answers livePaymentAdequacy(accountNumber:), Octopus's review of
// whether an account's payments cover its use: each supply's cost in each month of
// the year (January first) at its tariff, as its meter's register draws it; a monthly
// payment that covers a twelfth of them, and a twelfth of any debt on top.
func livePaymentAdequacy(_ context.Context, c *sim.Call) (any, error) {
	_, a, err := readable(c, c.StringArg("accountNumber"), "", "")
	if err != nil {
		return nil, err
	}
	w := newEnv(c)
	r := reviewPayments(w, a)
	return obj{
		"recommendedPayment": obj{"total": r.ongoing + r.adjustment, "ongoing": r.ongoing, "adjustment": r.adjustment},
		"currentBalance":     w.balanceNow(a, ""), "targetBalance": 0,
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
	paid := collected(w, a, func(sim.PaymentSchedule) bool { return true })
	if paid == 0 {
		return false
	}
	r := reviewPayments(w, a)
	return math.Abs(float64(r.ongoing+r.adjustment-paid)) > reviewTolerance*float64(paid)
}

// collected is what the account's schedules in force that keep accepts collect, those
// on a payment holiday aside.
func collected(w *env, a *sim.Account, keep func(sim.PaymentSchedule) bool) int {
	paid := 0
	for _, s := range w.schedules(a) {
		if scheduleActive(s, w.today()) && !s.IsPaymentHoliday && keep(s) {
			paid += s.PaymentAmount
		}
	}
	return paid
}

// balanceAdjustment is an account's recommendedBalanceAdjustment at its balance: the
// top-up that brings a balance owed to the review's target (0); nil for one not in debt.
func balanceAdjustment(balance int) any {
	if balance >= 0 {
		return nil
	}
	return -balance
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
	return reviewSupplies(w, a, func(bool) bool { return true }, w.balanceNow(a, ""))
}

// reviewSupplies reviews the payments for a's supplies of the fuels fuel accepts
// (electricity or not), against a balance: each month of this year costs what its
// meter's register draws then (with the seasons, and a heat pump's winter) at the
// tariff in force today, priced as a statement on it prices it (by the half hour on
// Agile and Cosy, in its off-peak hours on a two-rate tariff), with its standing charge
// and its tax and Climate Change Levy as its statements charge them (pointLevy); a
// supply a prepayment meter meters is paid from its credit and reviews nothing.
func reviewSupplies(w *env, a *sim.Account, fuel func(electricity bool) bool, balance int) review {
	today := w.today()
	year := w.now.In(w.zone).Year()
	sources := []any{}
	total := 0
	add := func(name, id, tariff string, electricity bool, m world.Meter) {
		p := w.accountPrices(a, id, tariff, electricity)
		_, levied := w.pointLevy(a, id, tariff)
		reg := m.In(w.zone)
		sc := supplyCost{register: reg, zone: w.zone}
		usage := make([]any, 12)
		for mo := range 12 {
			from := time.Date(year, time.Month(mo+1), 1, 0, 0, 0, 0, w.zone)
			to := from.AddDate(0, 1, 0)
			lo, hi := dayNumber(from.Format(time.DateOnly)), dayNumber(to.Format(time.DateOnly))
			kwh := reg.Use(from, to)
			use := sc.usage(tariff, p, lo, hi, kwh)
			if levied { // Climate Change Levy on its use, to the penny, taxed with it
				use += math.Round(kwh * cclRate(from.Format(time.DateOnly), electricity))
			}
			cost := int(math.Round(p.taxed(use + float64(hi-lo)*p.standing)))
			usage[mo] = cost
			total += cost
		}
		sources = append(sources, obj{"sourceName": name, "sourceId": id, "usage": usage})
	}
	for i := range a.Properties {
		p := &a.Properties[i]
		for _, mp := range p.ElectricityMeterPoints {
			ag, ok := activeAgreement(mp.Agreements, today)
			if m, _, in := supplyRegister(w, a, mp.ID, true); ok && in && fuel(true) && !prepayPoint(a, mp.ID) {
				add("Electricity", mp.Identifier(), ag.TariffCode, true, m)
			}
		}
		for _, mp := range p.GasMeterPoints {
			ag, ok := activeAgreement(mp.Agreements, today)
			if m, _, in := supplyRegister(w, a, mp.ID, false); ok && in && fuel(false) && !prepayPoint(a, mp.ID) {
				add("Gas", mp.Identifier(), ag.TariffCode, false, m)
			}
		}
	}
	return review{
		ongoing:    (total + 6) / 12,
		adjustment: (max(0, -balance) + 11) / 12, // a debt is paid off over a year
		sources:    sources,
	}
}

// ledgerFuels are the fuels a ledger of each type is billed for.
var ledgerFuels = map[string]func(electricity bool) bool{
	"ELECTRICITY_LEDGER": func(e bool) bool { return e },
	"GAS_LEDGER":         func(e bool) bool { return !e },
}

// livePaymentAdequacyCalculation answers Origin's livePaymentAdequacyCalculation(
// ledgerNumber:): livePaymentAdequacy's review of one fuel's ledger of an account the
// viewer may read: the monthly payment its supplies' year needs and a twelfth of its
// debt, what its schedules in force collect a month, and each supply's cost in each
// month of the year (January first); KT-CT-3963 for a ledger that bills no fuel.
func livePaymentAdequacyCalculation(_ context.Context, c *sim.Call) (any, error) {
	w := newEnv(c)
	number := strings.TrimSpace(c.StringArg("ledgerNumber"))
	u, _, err := c.Viewer()
	if err != nil {
		return nil, err
	}
	for _, a := range w.Accounts {
		l := ledgerFor(a, number)
		if number == "" || l == nil || !u.CanAccess(a.Number) {
			continue
		}
		fuel := ledgerFuels[l.LedgerType]
		if fuel == nil {
			break
		}
		r := reviewSupplies(w, a, fuel, w.balanceNow(a, l.Number))
		existing := collected(w, a, func(s sim.PaymentSchedule) bool {
			return s.LedgerNumber == l.Number && strings.EqualFold(s.PaymentFrequency, "Monthly")
		})
		year := w.now.In(w.zone).Year()
		markets := []any{}
		for _, src := range r.sources {
			months := []any{}
			for m, cost := range src.(obj)["usage"].([]any) {
				from := time.Date(year, time.Month(m+1), 1, 0, 0, 0, 0, time.UTC)
				months = append(months, obj{"periodStart": from.Format(time.DateOnly), "periodEnd": from.AddDate(0, 1, 0).Format(time.DateOnly), "charge": cost})
			}
			markets = append(markets, obj{"marketName": src.(obj)["sourceName"], "charges": sim.Lazy(func(args map[string]any) (any, error) { return connection(w, months, args) })})
		}
		return obj{
			"suggestedNewMonthlyAmount": r.ongoing + r.adjustment, "averageMonthlyCharge": r.ongoing, "existingMonthlyAmount": existing,
			"balanceAdjustment": r.adjustment, "currentBalance": w.balanceNow(a, l.Number), "targetBalance": 0, "reviewedOn": w.today(),
			"consumption": sim.Lazy(func(args map[string]any) (any, error) { return connection(w, markets, args) }),
		}, nil
	}
	return nil, c.Error("KT-CT-3963")
}
