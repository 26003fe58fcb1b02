package accounts

import (
	"slices"
	"strings"
	"time"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/workdays"
)

// maxForecast bounds a payment forecast, whatever its end date.
const maxForecast = 120

// forecastYear is how far a forecast with no end date looks ahead.
const forecastYear = 366

// paymentForecast is the payments a ledger's schedules (every ledger's when none is
// named) will collect from today until dateTo, inclusive: each schedule's amount on its
// payment day in each period it is in force (a regular collection the state holds for
// that day stands for it; a payment plan's schedule its instalments) and the payments
// still scheduled, in date order and numbered from 1.
func paymentForecast(w *env, a *sim.Account, args map[string]any) []any {
	today := w.today()
	to := argString(args, "dateTo")
	if to == "" {
		to = addDays(today, forecastYear)
	}
	ref := argString(args, "ledgerId") + argString(args, "ledgerNumber")
	l := ledgerFor(a, ref)
	if l == nil {
		return []any{}
	}
	forecast := func(number string) bool { return number == l.Number || ref == "" && a.Ledger(number) != nil }
	type payment struct {
		date   string
		amount int
		method string
	}
	var due []payment
	stored := map[[2]string]bool{} // the ledgers and dates of regular collections the state holds already
	days := w.days()
	for _, p := range a.Payments {
		if forecast(p.LedgerNumber) && p.TransactionType == "DD_REGULAR_COLLECTION" {
			stored[[2]string{p.LedgerNumber, p.PaymentDate}] = true
			if d, err := time.Parse(time.DateOnly, p.PaymentDate); err == nil {
				stored[[2]string{p.LedgerNumber, days.Next(d).Format(time.DateOnly)}] = true // one the state put on its nominal day
			}
		}
	}
	for _, p := range w.billing(a).collections {
		if forecast(p.LedgerNumber) && p.Status == "PENDING" {
			stored[[2]string{p.LedgerNumber, p.PaymentDate}] = true // being collected today, listed among the payments
		}
	}
	for _, s := range w.schedules(a) {
		if !forecast(s.LedgerNumber) || s.PaymentDay < 1 || s.IsPaymentHoliday || s.PaymentAmount <= 0 {
			continue
		}
		method := s.ScheduleType
		if method == "" {
			method = "DIRECT_DEBIT"
		}
		for _, d := range collectionDays(days, a, s, today, to) {
			if day, _ := time.Parse(time.DateOnly, d); !stored[[2]string{s.LedgerNumber, d}] && instalment(a, s, day) > 0 {
				due = append(due, payment{d, instalment(a, s, day), method})
			}
		}
	}
	for _, list := range [][]sim.Payment{a.Payments, w.billing(a).collections} { // a variable debit's told by its statement among the latter
		for _, p := range list {
			if forecast(p.LedgerNumber) && p.Status == "SCHEDULED" && p.PaymentDate >= today && p.PaymentDate <= to {
				due = append(due, payment{p.PaymentDate, p.Amount, paymentMethod(p.TransactionType)})
			}
		}
	}
	slices.SortStableFunc(due, func(x, y payment) int { return strings.Compare(x.date, y.date) })
	out := []any{}
	for i, p := range due {
		if i == maxForecast {
			break
		}
		out = append(out, obj{"paymentNumber": i + 1, "date": p.date, "amount": p.amount, "method": p.method})
	}
	return out
}

// collectionDays are the dates from from to to, inclusive, on which a schedule in force
// collects: its due days (scheduleDays), but in a month a schedule of a's it followed
// collected (monthTaken).
func collectionDays(days *workdays.Calendar, a *sim.Account, s sim.PaymentSchedule, from, to string) []string {
	if f := strings.ToLower(s.PaymentFrequency); f != "" && f != "monthly" && f != "quarterly" && !weekly(s) {
		return nil
	}
	start, err := time.Parse(time.DateOnly, max(from, s.ValidFrom))
	if err != nil {
		return nil
	}
	var out []string
	for d := range scheduleDays(a, s, start) {
		if len(out) >= maxForecast {
			break
		}
		date, nominal := days.Next(d).Format(time.DateOnly), d.Format(time.DateOnly) // collected on a working day
		if date > to || s.ValidTo != "" && nominal > s.ValidTo {
			break
		}
		if date >= from && nominal >= s.ValidFrom && !monthTaken(a, s, d) {
			out = append(out, date)
		}
	}
	return out
}

// paymentMethod is the schedule type a payment's transaction type is collected by.
func paymentMethod(transactionType string) string {
	switch {
	case strings.Contains(transactionType, "CARD"):
		return "CARD_PAYMENT"
	case strings.HasPrefix(transactionType, "BACS"), transactionType == "EFT":
		return "BACS_TRANSFER"
	}
	return "DIRECT_DEBIT"
}

// maximumRefund is what the account can ask back: its credit above the balance it is
// recommended to keep, one month of its main ledger's scheduled payments, less what
// its open repayment requests already ask for.
func maximumRefund(w *env, a *sim.Account) obj {
	recommended := 0
	if l := ledgerFor(a, ""); l != nil {
		for _, s := range w.schedules(a) {
			if s.LedgerNumber == l.Number && scheduleActive(s, w.today()) {
				recommended = max(recommended, s.PaymentAmount)
			}
		}
	}
	return obj{"amount": max(0, w.balanceNow(a, "")-recommended-requested(a, "")), "reasonToRecommendAmount": "MAX_AVAILABLE_AMOUNT", "recommendedBalance": recommended}
}

// refundEligibility says whether the account can ask for a refund, and why not with
// Kraken's code: a reading of each meter in place in the last readingRecency
// (HAS_NOT_GIVEN_READINGS_RECENTLY, as Octopus answers an account in credit without
// one), then a maximum refund of more than nothing (NOT_ENOUGH_CREDIT).
func refundEligibility(w *env, a *sim.Account) obj {
	switch {
	case !readRecently(w, a):
		return obj{"canRequestRefund": false, "reason": "HAS_NOT_GIVEN_READINGS_RECENTLY"}
	case maximumRefund(w, a)["amount"].(int) <= 0:
		return obj{"canRequestRefund": false, "reason": "NOT_ENOUGH_CREDIT"}
	}
	return obj{"canRequestRefund": true, "reason": nil}
}

// readingRecency is how old a meter's latest reading may be for a refund.
const readingRecency = 30 * 24 * time.Hour

// readRecently reports whether every meter in place at a's supplies has a reading within
// readingRecency of now, not an estimate: a smart meter has, as it sends its reads every
// day.
func readRecently(w *env, a *sim.Account) bool {
	today := w.today()
	since := w.now.Add(-readingRecency)
	recent := func(rs []sim.MeterReading) bool {
		return slices.ContainsFunc(rs, func(r sim.MeterReading) bool { return r.Source != "ESTIMATE" && !r.ReadAt.Before(since) })
	}
	for i := range a.Properties {
		p := &a.Properties[i]
		for j := range p.ElectricityMeterPoints {
			mp := &p.ElectricityMeterPoints[j]
			if k := electricityMeterInPlace(mp, today); k >= 0 && !mp.Meters[k].IsDigital && !recent(electricityReads(w, a, mp, &mp.Meters[k])) {
				return false
			}
		}
		for j := range p.GasMeterPoints {
			mp := &p.GasMeterPoints[j]
			if k := gasMeterInPlace(mp, today); k >= 0 && !mp.Meters[k].IsDigital && !recent(gasReads(w, a, mp, &mp.Meters[k])) {
				return false
			}
		}
	}
	return true
}
