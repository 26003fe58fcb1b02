package accounts

import (
	"math"
	"time"

	"github.com/krakensim/krakensim/sim"
)

// An Australian supply's predicted bill (MeterPointType.predictedBill) is Kraken's
// prediction for the billing period in progress: the energy used up to the last reading
// (yesterday's: readings land a day late) and as much again a day until the period
// ends, at the agreement's rate, and the daily supply charge for every day of the
// period, before and with GST; a concession's credit is told apart.

// predictedBill is the PredictedBillType of an electricity supply; an error in it for
// an account billed flexibly (no period to predict) or a basic meter unless asked for.
// Unless includeEstimates, a basic meter's use to date is that to its last actual read
// (an error for none in the period): its estimated reads are left out.
func predictedBill(w *env, a *sim.Account, mp *sim.ElectricityMeterPoint, args map[string]any) obj {
	fail := func(typename, message string) obj {
		return obj{"costInCents": nil, "costInCentsWithGst": nil, "lastReadingDatetime": nil, "billStartsAt": nil, "billEndsAt": nil,
			"lastReading": nil, "components": nil, "metrics": nil, "predictedBillError": obj{"__typename": typename, "message": message}}
	}
	opts := billingOptions(w, a)
	from, ok1 := opts["currentBillingPeriodStartDate"].(string)
	last, ok2 := opts["currentBillingPeriodEndDate"].(string)
	if !ok1 || !ok2 || opts["isFixed"] != true {
		return fail("PredictedBillFailedToDeterminePeriodErrorType", "The account is billed flexibly, so its billing period cannot be determined.")
	}
	ag, active := activeAgreement(mp.Agreements, w.today())
	cur := electricityMeterInPlace(mp, w.today())
	if !active || cur < 0 {
		return fail("PredictedBillReadingNotFoundErrorType", "The meter point has no meter and agreement in place to predict from.")
	}
	if basic, _ := args["includeBasicMeters"].(bool); !basic && !mp.Meters[cur].IsDigital {
		return fail("PredictedBillBasicMeterNotSupportedErrorType", "Predicted bills are not supported for basic meters.")
	}
	start, _ := dayStart(from, w.zone)
	end, _ := dayStart(addDays(last, 1), w.zone)
	today, _ := dayStart(w.today(), w.zone)
	read := today.AddDate(0, 0, -1) // the last reading, a day behind
	if estimates, _ := args["includeEstimates"].(bool); !estimates && !mp.Meters[cur].IsDigital {
		// Without estimates a basic meter's use is known to its last actual read.
		var actual time.Time
		for _, r := range electricityReads(w, a, mp, &mp.Meters[cur]) {
			if r.Source != "ESTIMATE" && !r.ReadAt.After(read) && r.ReadAt.After(actual) {
				actual = r.ReadAt
			}
		}
		if actual.Before(start) {
			return fail("PredictedBillReadingNotFoundErrorType", "The basic meter has no actual reading in the billing period; include estimates to predict from them.")
		}
		read = actual
	}
	if read.Before(start) {
		read = start
	}
	meter := electricityRegister(w, a, *mp, mp.Meters[cur]).In(w.zone)
	p := w.accountPrices(a, mp.ID, ag.TariffCode, true)
	rate := p.meanUnit()
	days := func(a, b time.Time) float64 { return math.Max(0, b.Sub(a).Hours()/24) }
	elapsed, remaining, period := days(start, read), days(read, end), days(start, end)
	charge := func(cents float64) obj {
		return obj{"costInCents": cents2(cents), "costInCentsWithGst": cents2(p.taxed(cents))}
	}
	used, ahead := meter.Use(start, read)*rate, meter.Use(read, end)*rate
	standingSoFar, standingAhead := p.standing*elapsed, p.standing*remaining
	total := used + ahead + standingSoFar + standingAhead
	zero := charge(0)
	d := concessionDiscount(w, a, true)
	// The concession is credited from the day the statement credits it from.
	rebated := start
	if prop := propertyOf(a, mp.ID); prop != nil {
		if spans := billedRebates(w, a, prop.Address, true); len(spans) > 0 {
			rebated = maxTime(start, dayTime(spans[len(spans)-1].from, w.zone))
		}
	}
	rebatedDays := days(minTime(rebated, read), read)
	creditSoFar := concessionCredit(d, meter.Use(minTime(rebated, read), read)*rate+p.standing*rebatedDays, rebatedDays)
	aheadFrom := maxTime(rebated, read) // a card made today credits from its own day on
	aheadDays := days(aheadFrom, end)
	creditAhead := concessionCredit(d, meter.Use(aheadFrom, end)*rate+p.standing*aheadDays, aheadDays)
	var toDate any
	if elapsed >= 1 {
		toDate = charge((used + standingSoFar) / elapsed)
	}
	now := w.now
	return obj{
		"costInCents": cents2(total), "costInCentsWithGst": cents2(p.taxed(total)),
		"lastReadingDatetime": dateTime(read, w.zone), "billStartsAt": dateTime(start, w.zone), "billEndsAt": dateTime(end, w.zone),
		"lastReading": obj{ // the interval that ends at the last reading
			"__typename": "ElectricityIntervalMeterReadingType", "startAt": dateTime(read.Add(-30*time.Minute), w.zone), "endAt": dateTime(read, w.zone),
		},
		"predictedBillError": nil,
		"components": obj{
			"consumptionChargesToDate": charge(used), "predictedConsumptionCharges": charge(ahead),
			"pastWeekConsumptionCharges": charge(meter.Use(read.AddDate(0, 0, -7), read) * rate),
			"standingChargesToDate":      charge(standingSoFar), "predictedStandingCharges": charge(standingAhead),
			"capacityChargesToDate": zero, "pastWeekCapacityCharges": zero, "predictedCapacityCharges": zero,
			"demandChargesToDate": zero, "pastWeekDemandCharges": zero, "predictedDemandCharges": zero,
			"concessionCreditToDate": creditSoFar, "predictedConcessionCredit": creditAhead,
			"secondsUntilEndOfBillingPeriod":       int(math.Max(0, end.Sub(now).Seconds())),
			"secondsSinceBeginningOfBillingPeriod": int(math.Max(0, now.Sub(start).Seconds())),
		},
		"metrics": obj{"averageDailyChargesPredicted": charge(total / period), "averageDailyChargesToDate": toDate},
	}
}

// concessionCredit is a PredictedBillCreditType: what a concession's discount takes off
// charges (before GST) over days, before and with GST.
func concessionCredit(d discount, charges, days float64) obj {
	c := float64(d.off(charges, days))
	return obj{"creditInCents": cents2(c), "creditInCentsWithGst": cents2(c * 1.1)}
}

// cents2 is an amount in cents as a Decimal to the hundredth of a cent.
func cents2(c float64) string { return decimal(math.Round(c*100) / 100) }
