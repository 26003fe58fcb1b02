package accounts

import (
	"context"
	"math"
	"slices"
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
// its supplies' year (ongoing) and a twelfth of its debt (adjustment), each supply's
// cost in each month (EstimatedConsumption sources, January first) and the months
// (periods), the year's cost, and the balance with the use not yet billed (owed).
type review struct {
	ongoing, adjustment int
	sources             []any
	periods             []billingPeriod
	year, owed          int
}

// reviewPayments reviews a's payments against its supplies' use at their tariffs.
func reviewPayments(w *env, a *sim.Account) review {
	if r, ok := w.reviews[a]; ok {
		return r
	}
	r, ok := recall[review](w, reviewKey{a.Number})
	if !ok {
		r = reviewSupplies(w, a, func(bool) bool { return true }, w.balanceNow(a, ""))
		keep(w, reviewKey{a.Number}, r)
	}
	if w.reviews == nil {
		w.reviews = map[*sim.Account]review{}
	}
	w.reviews[a] = r
	return r
}

// reviewKey and projectedKey hold an account's review and projectedBalance in its
// session's memo (Session.Keep), from one request to the next while nothing they read
// changes.
type (
	reviewKey    struct{ account string }
	projectedKey struct{ account string }
)

// recall is what keep kept under key while the session stood as it does, if anything.
func recall[T any](w *env, key any) (T, bool) {
	var v T
	if w.sess == nil {
		return v, false
	}
	v, ok := w.sess.Memo(key).(T)
	return v, ok
}

// keep keeps v under key in the session's memo, unless what worked it out read the
// devices' control (a car's boosts and battery), which the memo does not follow.
func keep(w *env, key, v any) {
	if w.sess != nil && len(w.control) == 0 {
		w.sess.Keep(key, v)
	}
}

// reviewSupplies reviews the payments for a's supplies of the fuels fuel accepts
// (electricity or not), against a balance and the charges for the use to yesterday
// that no statement has charged yet: as the periodic review does (pricing.project), the
// year is what the account's billing charges for the twelve monthly periods whose use
// ended by today, an export's earnings taken off; an account billed for less than a
// year has its year estimated instead (forecast).
func reviewSupplies(w *env, a *sim.Account, fuel func(electricity bool) bool, balance int) review {
	var pj projection
	if pr := w.billing(a).pricing; pr != nil {
		pj = pr.project(w.today(), func(s supplyCost) bool { return fuel(s.fuel == "Electricity") })
	}
	if !pj.ok {
		pj.periods, pj.sources, pj.year = forecast(w, a, fuel)
	}
	owed := balance + pj.unbilled
	return review{
		ongoing:    (pj.year + 6) / 12,
		adjustment: (max(0, -owed) + 11) / 12, // a debt is paid off over a year
		sources:    pj.sources, periods: pj.periods, year: pj.year, owed: owed,
	}
}

// projectedBalance is an account's balance a year on, as its review sees it: what it
// owes with the use not yet billed, plus a year of what its schedules in force collect,
// less the year's charges; an account collected by no fixed schedule pays its
// statements as they are issued (on receipt, or by a variable direct debit), so is
// expected to stand where it does.
func projectedBalance(w *env, a *sim.Account) int {
	if b, ok := recall[int](w, projectedKey{a.Number}); ok {
		return b
	}
	b := w.balanceNow(a, "")
	if paid := collected(w, a, func(sim.PaymentSchedule) bool { return true }); paid != 0 {
		r := reviewPayments(w, a)
		b = r.owed + 12*paid - r.year
	}
	keep(w, projectedKey{a.Number}, b)
	return b
}

// pricing prices an account's use over any days as its billing's runs charge it: its
// supplies and their rebates (chargedSupplies'), the day its monthly periods count from
// and the first period's start, the day its supply ended ("" while supplied), and what
// a run posts for a charge, less its rebate.
type pricing struct {
	supplies     []supplyCost
	rebates      [][]rebateSpan
	start, first string
	final        string
	price        func(runCharge) int
}

// cost is what supply i is charged for its use over the days [from, to) (day numbers),
// and whether it was supplied then.
func (p *pricing) cost(i, from, to int) (int, bool) {
	if p.final != "" {
		to = min(to, dayNumber(p.final)+1)
	}
	s := p.supplies[i]
	if to <= from {
		return 0, false
	}
	c := s.over(from, to)
	if c.usage+c.standing <= 0 {
		return 0, false
	}
	c.export, c.tax, c.fuel, c.ledger = s.export, s.tax, s.fuel, s.ledger
	if !s.export {
		c.rebate = s.rebateOver(p.rebates[i], from, to)
	}
	return p.price(c), true
}

// projection is a payment review's view of an account's billing on a day: the twelve
// monthly periods whose use ended before it (January first), each supply's charges for
// them (EstimatedConsumption sources) and their sum, an export's negative; and the
// charges for the use to the day before it that no statement issued by then charged
// (the periods ended but not yet issued, and the one under way). ok is whether the
// account was billed for all twelve.
type projection struct {
	periods        []billingPeriod
	sources        []any
	year, unbilled int
	ok             bool
}

// project is the account's projection on day on, of the supplies keep accepts.
func (p *pricing) project(on string, keep func(supplyCost) bool) projection {
	var out projection
	// Only the latest twelve periods and any not issued by on count: without a final
	// statement to cut the months at, only the latest thirteen are worked out.
	var all []billingPeriod
	if p.final == "" {
		all = latestPeriods(p.start, on, 13)
	} else {
		all = untilFinal(billingPeriods(p.start, on), p.start, on, p.final)
	}
	i := slices.IndexFunc(all, func(bp billingPeriod) bool { return bp.from >= p.first })
	if i < 0 {
		i = len(all)
	}
	periods := all[i:]
	// The use not yet billed: from the end of the last period issued by on.
	from := p.first
	var pieces []billingPeriod
	for _, bp := range periods {
		if addDays(bp.to, statementIssueDays) <= on {
			from = addDays(bp.to, 1)
		} else {
			pieces = append(pieces, bp)
		}
	}
	if len(periods) > 0 {
		from = max(from, addDays(periods[len(periods)-1].to, 1))
	}
	pieces = append(pieces, billingPeriod{from, addDays(on, -1)})
	for k, s := range p.supplies {
		if !keep(s) {
			continue
		}
		for _, bp := range pieces {
			c, _ := p.cost(k, dayNumber(bp.from), dayNumber(bp.to)+1)
			out.unbilled -= c
		}
	}
	if len(periods) < 12 {
		return out
	}
	year := periods[len(periods)-12:]
	out.periods = make([]billingPeriod, 12)
	for _, bp := range year {
		out.periods[monthOf(bp.from)%12] = bp
	}
	out.sources = []any{}
	for k, s := range p.supplies {
		if !keep(s) {
			continue
		}
		usage, supplied := make([]any, 12), false
		for m, bp := range out.periods {
			c, ok := p.cost(k, dayNumber(bp.from), dayNumber(bp.to)+1)
			usage[m], supplied, out.year = c, supplied || ok, out.year+c
		}
		if supplied {
			out.sources = append(out.sources, obj{"sourceName": s.fuel, "sourceId": s.point, "usage": usage})
		}
	}
	out.ok = true
	return out
}

// forecast is the year of a's supplies of the fuels fuel accepts as estimated for an
// account billed for less than one: each month of this year (January first) costs what
// its meter's register draws then (with the seasons, and a heat pump's winter) at the
// tariff in force today, priced as a statement on it prices it (by the half hour on
// Agile and Cosy, in its off-peak hours on a two-rate tariff), with its standing charge
// and its tax and Climate Change Levy as its statements charge them (pointLevy), and an
// export's month what it earns, untaxed and taken off; a supply a prepayment meter
// meters is paid from its credit and costs nothing here. It answers the months, each
// supply's costs in them (EstimatedConsumption sources) and their sum.
func forecast(w *env, a *sim.Account, fuel func(electricity bool) bool) ([]billingPeriod, []any, int) {
	today := w.today()
	year := w.now.In(w.zone).Year()
	sources := []any{}
	total := 0
	add := func(name, id, tariff string, electricity, export bool, m world.Meter) {
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
			cost := 0
			if export {
				cost = -int(math.Round(math.Round(kwh*100) / 100 * p.unit))
			} else {
				use := sc.usage(tariff, p, lo, hi, kwh)
				if levied { // Climate Change Levy on its use, to the penny, taxed with it
					use += math.Round(kwh * cclRate(from.Format(time.DateOnly), electricity))
				}
				cost = int(math.Round(p.taxed(use + float64(hi-lo)*p.standing)))
			}
			usage[mo] = cost
			total += cost
		}
		sources = append(sources, obj{"sourceName": name, "sourceId": id, "usage": usage})
	}
	for i := range a.Properties {
		p := &a.Properties[i]
		for j, mp := range p.ElectricityMeterPoints {
			ag, ok := activeAgreement(mp.Agreements, today)
			if m, _, in := supplyRegister(w, a, mp.ID, true); ok && in && fuel(true) && !prepayPoint(a, mp.ID) {
				add("Electricity", mp.Identifier(), ag.TariffCode, true, exportPoint(&p.ElectricityMeterPoints[j]), m)
			}
		}
		for _, mp := range p.GasMeterPoints {
			ag, ok := activeAgreement(mp.Agreements, today)
			if m, _, in := supplyRegister(w, a, mp.ID, false); ok && in && fuel(false) && !prepayPoint(a, mp.ID) {
				add("Gas", mp.Identifier(), ag.TariffCode, false, false, m)
			}
		}
	}
	months := make([]billingPeriod, 12)
	for mo := range months {
		from := time.Date(year, time.Month(mo+1), 1, 0, 0, 0, 0, time.UTC)
		months[mo] = billingPeriod{from.Format(time.DateOnly), from.AddDate(0, 1, -1).Format(time.DateOnly)}
	}
	return months, sources, total
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
		markets := []any{}
		for _, src := range r.sources {
			months := []any{}
			for m, cost := range src.(obj)["usage"].([]any) {
				months = append(months, obj{"periodStart": r.periods[m].from, "periodEnd": addDays(r.periods[m].to, 1), "charge": cost})
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
