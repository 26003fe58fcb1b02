package accounts

import (
	"math"
	"slices"
	"strings"
	"time"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/fake"
)

// A variable tariff's prices move with the market: in Great Britain on the price cap's
// quarter days (1 January, April, July and October), in Australia each 1 July, when the
// default market offer is reset; before the first step its prices are the first step's.
// A fixed tariff keeps the prices it launched at. The
// prices pricesOf draws are those of the reference step, October to December 2026, so
// that a tariff's prices today are the ones its fields have always given.

// marketStep is the level of a variable tariff's prices from the month from (YYYYMM)
// until the next step, against the reference step's, for electricity and for gas.
type marketStep struct {
	from             int
	electricity, gas float64
}

// gbMarket are Great Britain's steps since the price cap began in January 2019: the
// cap's unit rates for a direct debit payer, about 25.5 p/kWh of electricity and 5.9 p
// of gas with VAT in the reference step; twice a year to October 2022, when the Energy
// Price Guarantee held 34 p and 10.3 p to June 2023, and each quarter since; the cap's
// announced levels up to April 2026, simulated after it.
var gbMarket = []marketStep{
	{201901, 0.64, 0.66}, {201904, 0.7, 0.73}, {201910, 0.68, 0.66}, {202004, 0.67, 0.62},
	{202010, 0.65, 0.55}, {202104, 0.71, 0.58}, {202110, 0.79, 0.7}, {202204, 1.11, 1.25},
	{202210, 1.33, 1.75}, {202304, 1.3, 1.75}, {202307, 1.18, 1.27},
	{202310, 1.07, 1.17}, {202401, 1.12, 1.26}, {202404, 0.96, 1.02}, {202407, 0.88, 0.93},
	{202410, 0.96, 1.06}, {202501, 0.97, 1.07}, {202504, 1.06, 1.18}, {202507, 1.01, 1.07},
	{202510, 1.03, 1.07}, {202601, 1.09, 1.01}, {202604, 0.97, 0.97}, {202607, 0.98, 0.95},
	{202610, 1, 1},
}

// auMarket are Australia's steps, each financial year's from 1 July since the default
// market offer began in July 2019: nearly flat to 2021, up by a tenth in July 2022 and a
// fifth in July 2023.
var auMarket = []marketStep{
	{201907, 0.77, 0.8}, {202007, 0.75, 0.79}, {202107, 0.72, 0.78}, {202207, 0.8, 0.85},
	{202307, 0.98, 0.97}, {202407, 0.99, 0.98}, {202507, 0.97, 0.99}, {202607, 1, 1},
}

// stepsAhead is how long before a step its prices are published: Ofgem announces a cap
// about five weeks before it applies, and Kraken lists the new rates from then.
const stepsAhead = 30 * 24 * time.Hour

// followsMarket says whether a tariff's prices move with the market: any variable import
// tariff but Agile's and Tracker's, which are priced by the day's wholesale market
// themselves.
func followsMarket(code string) bool {
	if exportTariff(code) {
		return false
	}
	switch productName(code) {
	case "Fixed", "Agile", "Tracker":
		return false
	}
	return true
}

// marketMonths is how many months a country's steps last, and its steps.
func marketMonths(zone *time.Location) (int, []marketStep) {
	if fake.Country(zone) == "AU" {
		return 12, auMarket
	}
	return 3, gbMarket
}

// marketStepAt is the step in force at t in zone, its level for a fuel and when it began
// and ends (the first step's level before it); a step after the last listed is a
// simulated one, within 6% of the reference level.
func marketStepAt(t time.Time, zone *time.Location, electricity bool) (level float64, from, to time.Time) {
	months, steps := marketMonths(zone)
	local := t.In(zone)
	first := monthStart(steps[0].from, zone)
	if local.Before(first) {
		return pick(steps[0], electricity), time.Time{}, first
	}
	// Steps fall on months months apart from the first listed.
	n := (local.Year()-first.Year())*12 + int(local.Month()-first.Month())
	from = first.AddDate(0, n-n%months, 0)
	to = from.AddDate(0, months, 0)
	month := from.Year()*100 + int(from.Month())
	last := steps[len(steps)-1]
	if month > last.from {
		h := fake.Mix64(uint64(month)<<8 ^ uint64(months))
		if !electricity {
			h = fake.Mix64(h)
		}
		u := float64(h%1201)/600 - 1
		return math.Round((1+0.06*u)*100) / 100, from, to
	}
	// A listed step lasts until the next one listed.
	for _, s := range steps {
		if s.from > month {
			return level, from, monthStart(s.from, zone)
		}
		level = pick(s, electricity)
	}
	return level, from, to
}

// pick is a step's level for a fuel.
func pick(s marketStep, electricity bool) float64 {
	if electricity {
		return s.electricity
	}
	return s.gas
}

// monthStart is the first moment of a month (YYYYMM) in zone.
func monthStart(month int, zone *time.Location) time.Time {
	return time.Date(month/100, time.Month(month%100), 1, 0, 0, 0, 0, zone)
}

// scaled is the prices at level, to four places of a penny as Kraken lists them.
func (p tariffPrices) scaled(level float64) tariffPrices {
	if level == 1 {
		return p
	}
	r := func(v float64) float64 { return math.Round(v*level*10000) / 10000 }
	p.unit, p.day, p.night, p.standing = r(p.unit), r(p.day), r(p.night), r(p.standing)
	return p
}

// priceSpan is a time over which a tariff's prices hold: [from, to), to zero while
// open.
type priceSpan struct {
	from, to time.Time
	prices   tariffPrices
}

// priceSpans are a tariff's prices from start to end (zero end: open) as they step with
// the market, as published by now (the last span open when end is); one span for a
// tariff that does not follow the market, one a day for Tracker's (trackerSpans).
// Prices carry no tax: taxedAt adds it.
func priceSpans(code string, electricity bool, zone *time.Location, now, start, end time.Time) []priceSpan {
	base := pricesOf(code, electricity, zone)
	if tracker(code) {
		return trackerSpans(code, electricity, base, zone, now, start, end)
	}
	if !followsMarket(code) {
		return []priceSpan{{start, end, base}}
	}
	horizon := now.Add(stepsAhead)
	var out []priceSpan
	for at := start; ; {
		level, _, to := marketStepAt(minTime(at, horizon), zone, electricity)
		if to.After(horizon) {
			// Not yet published: the prices known now hold.
			to = time.Time{}
		}
		if !end.IsZero() && (to.IsZero() || !to.Before(end)) {
			to = end
		}
		if n := len(out); n > 0 && out[n-1].prices == base.scaled(level) {
			out[n-1].to = to // a step at the same price is no step
		} else {
			out = append(out, priceSpan{at, to, base.scaled(level)})
		}
		if to.IsZero() || !to.Before(end) && !end.IsZero() {
			return out
		}
		at = to
	}
}

// pricesAt are a tariff's prices before tax at t, as published by now: a time after
// what is published has the last published prices; Tracker's those of t's day.
func pricesAt(code string, electricity bool, zone *time.Location, now, t time.Time) tariffPrices {
	base := pricesOf(code, electricity, zone)
	if tracker(code) {
		return trackerDay(code, electricity, base, zone, now, t)
	}
	if !followsMarket(code) {
		return base
	}
	level, _, _ := marketStepAt(minTime(t, now.Add(stepsAhead)), zone, electricity)
	return base.scaled(level)
}

// nonDebitUnit and nonDebitStanding are what one paying a variable tariff otherwise than
// by direct debit pays over its direct debit prices (Octopus's NON_DIRECT_DEBIT): unit
// rates 5% dearer, standing charges 11.5%, as captured answers show.
const nonDebitUnit, nonDebitStanding = 1.05, 1.115

// onReceipt are p, tariff code's prices, as one paying otherwise than by direct debit pays
// them: a variable tariff's dearer, a fixed one's the same for any payer.
func (p tariffPrices) onReceipt(code string) tariffPrices {
	if !followsMarket(code) {
		return p
	}
	r := func(v, f float64) float64 { return math.Round(v*f*10000) / 10000 }
	p.unit, p.day, p.night, p.standing = r(p.unit, nonDebitUnit), r(p.day, nonDebitUnit), r(p.night, nonDebitUnit), r(p.standing, nonDebitStanding)
	return p
}

// paysOnReceipt reports whether a pays its bills otherwise than by direct debit today
// (paidFrom), and so the dearer prices Octopus publishes for it.
func (w *env) paysOnReceipt(a *sim.Account) bool {
	return w.paidFrom(a).onReceipt(dayNumber(w.today()))
}

// paidBy is how an account pays its bills from a day (since 1970) on: otherwise than by
// direct debit (receipt), or by it.
type paidBy struct {
	from    int
	receipt bool
}

// methodHistory is how an account paid its bills over time, by the day each way began,
// the first from math.MinInt; nil for by direct debit throughout.
type methodHistory []paidBy

// paidFrom is how a paid its bills over time, as the payment schedules in force each
// day say (a change of schedule, as setting up a direct debit makes, dates a change of
// method): by bank transfer or payment slip on a day no direct debit was in force, by
// direct debit else; a day without a schedule in force, as the latest schedule begun
// before it says, else the first. Great Britain's tariffs alone have prices for it.
func (w *env) paidFrom(a *sim.Account) methodHistory {
	if a == nil || len(a.PaymentSchedules) == 0 || fake.Country(w.zone) != "GB" {
		return nil
	}
	var days []string
	for _, s := range a.PaymentSchedules {
		days = append(days, s.ValidFrom)
		if s.ValidTo != "" {
			days = append(days, addDays(s.ValidTo, 1))
		}
	}
	slices.Sort(days)
	var out methodHistory
	for i, day := range slices.Compact(days) {
		receipt := receiptOn(a.PaymentSchedules, day)
		if i == 0 {
			out = append(out, paidBy{math.MinInt, receipt})
		} else if receipt != out[len(out)-1].receipt {
			out = append(out, paidBy{dayNumber(day), receipt})
		}
	}
	if len(out) == 1 && !out[0].receipt {
		return nil
	}
	return out
}

// receiptOn reports whether schedules say their account paid otherwise than by direct
// debit on day, as paidFrom reads them.
func receiptOn(schedules []sim.PaymentSchedule, day string) bool {
	receipt, inForce := false, false
	for _, s := range schedules {
		if scheduleActive(s, day) {
			if s.ScheduleType == "DIRECT_DEBIT" {
				return false
			}
			inForce = true
			receipt = receipt || s.ScheduleType == "BACS_TRANSFER" || s.ScheduleType == "PAYMENT_SLIP"
		}
	}
	if inForce {
		return receipt
	}
	by := slices.MinFunc(schedules, func(x, y sim.PaymentSchedule) int { return strings.Compare(x.ValidFrom, y.ValidFrom) })
	for _, s := range schedules {
		if s.ValidFrom <= day && (s.ValidFrom > by.ValidFrom || by.ValidFrom > day) {
			by = s
		}
	}
	return by.ScheduleType == "BACS_TRANSFER" || by.ScheduleType == "PAYMENT_SLIP"
}

// onReceipt reports whether the account paid otherwise than by direct debit on day.
func (h methodHistory) onReceipt(day int) bool {
	receipt := false
	for _, p := range h {
		if p.from > day {
			break
		}
		receipt = p.receipt
	}
	return receipt
}

// changeAfter is the first day after day the account's way of paying changed on
// (math.MaxInt for none).
func (h methodHistory) changeAfter(day int) int {
	for _, p := range h {
		if p.from > day {
			return p.from
		}
	}
	return math.MaxInt
}

// priced are stretch st's parts, each priced as the account paid then (onReceipt).
func (h methodHistory) priced(st costStretch) []costStretch {
	if h == nil {
		return []costStretch{st}
	}
	var out []costStretch
	for i, p := range h {
		part := st
		part.from = max(st.from, p.from)
		if i+1 < len(h) {
			part.to = min(st.to, h[i+1].from)
		}
		if part.from >= part.to {
			continue
		}
		if p.receipt {
			part.prices = part.prices.onReceipt(part.code)
		}
		out = append(out, part)
	}
	return out
}

// accountPrices are tariff code's prices now as a's statements charge them on its supply
// at a meter point (its id, MPAN or MPRN): at the price for how it pays (paysOnReceipt),
// with tax at that supply's rate (pointTax).
func (w *env) accountPrices(a *sim.Account, point, code string, electricity bool) tariffPrices {
	p := w.prices(code, electricity, w.now)
	if w.paysOnReceipt(a) {
		p = p.onReceipt(code)
	}
	return p.taxedAt(w.pointTax(a, point, code))
}

// prices are a tariff's prices before tax at t, as published by the call's now.
func (w *env) prices(code string, electricity bool, t time.Time) tariffPrices {
	return pricesAt(code, electricity, w.zone, w.now, t)
}

// termPrices are a tariff's prices before tax as a quote for a term prices them, as
// published by now: Tracker's its launch prices, the formula at the wholesale curve's
// mean, which its days average over the term (today's price is one day's); any other
// tariff's today's.
func (w *env) termPrices(code string, electricity bool) tariffPrices {
	if tracker(code) {
		return pricesOf(code, electricity, w.zone)
	}
	return w.prices(code, electricity, w.now)
}

// marketStretches are the stretches of days [from, to) (to math.MaxInt while open) on a
// tariff, one for each of its steps with the market.
func marketStretches(w *env, code string, electricity bool, from, to int) []costStretch {
	end := time.Time{}
	if to != math.MaxInt {
		end = dayTime(to, w.zone)
	}
	spans := priceSpans(code, electricity, w.zone, w.now, dayTime(from, w.zone), end)
	out := make([]costStretch, 0, len(spans))
	for _, sp := range spans {
		st := costStretch{from: dayOfTime(sp.from, w.zone), to: math.MaxInt, code: code, prices: sp.prices}
		if !sp.to.IsZero() {
			st.to = dayOfTime(sp.to, w.zone)
		}
		out = append(out, st)
	}
	return out
}

// dayOfTime is the day number of t's date in zone.
func dayOfTime(t time.Time, zone *time.Location) int {
	return dayNumber(t.In(zone).Format(time.DateOnly))
}
