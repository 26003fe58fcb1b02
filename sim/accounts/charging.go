package accounts

import (
	"cmp"
	"context"
	"maps"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/krakensim/krakensim/sim"
)

// costOfCharge answers costOfCharge(accountNumber:, frequency:, startDate:, reportDate:)
// for an account the viewer may read: none for an account without an electric car or
// charger; else, for each day, week, month or year from startDate to yesterday (without
// it, the latest one to reportDate, else to yesterday), what its car drew, as its meter
// recorded it in the half hours it charged in, at the rates of those hours, in pence with
// and without tax: the smart charges its dispatches planned (isSmartCharge), what it drew
// from plug-in while its smart control was suspended, and its boosts and test charge;
// nothing before the car was registered.
func costOfCharge(_ context.Context, c *sim.Call) (any, error) {
	_, a, err := readable(c, c.StringArg("accountNumber"), "", "")
	if err != nil {
		return nil, err
	}
	w := newEnv(c)
	var device *sim.Device
	for i, d := range a.Devices {
		if device == nil && (strings.Contains(d.Type, "Vehicle") || strings.Contains(d.Type, "ChargePoint")) {
			device = &a.Devices[i]
		}
	}
	out := []any{}
	mp, k := homeMeter(w, a)
	if device == nil || mp == nil {
		return out, nil
	}
	since := deviceSince(w, device)
	meter := electricityRegister(w, a, *mp, mp.Meters[k])
	reg := meter.In(w.zone)
	boosts := make([][2]time.Time, 0, len(meter.Boosts))
	for _, b := range meter.Boosts { // test charges too
		boosts = append(boosts, [2]time.Time{b.From, b.To})
	}
	rate := agreementRate(mp.Agreements, true, w.zone, w.now, w.paidFrom(a))
	today, _ := dayStart(w.today(), w.zone)
	step := func(t time.Time, n int) time.Time {
		switch c.StringArg("frequency") {
		case "WEEKLY":
			return t.AddDate(0, 0, 7*n)
		case "MONTHLY":
			return t.AddDate(0, n, 0)
		case "ANNUALLY":
			return t.AddDate(n, 0, 0)
		}
		return t.AddDate(0, 0, n)
	}
	end := today // the day after the last reported: reportDate's, where no startDate overrides it
	if d, ok := dayStart(c.StringArg("reportDate"), w.zone); ok && c.StringArg("startDate") == "" && d.AddDate(0, 0, 1).Before(today) {
		end = d.AddDate(0, 0, 1)
	}
	start := step(end, -1)
	if d, ok := dayStart(c.StringArg("startDate"), w.zone); ok && d.Before(today) {
		start = d
	}
	for n := 0; n < maxChargeReports; n++ {
		from, to := step(start, n), step(start, n+1)
		if !from.Before(end) {
			break
		}
		to = minTime(to, end)
		// The half hours the car drew in, and whether its supplier dispatched it then.
		halves := map[time.Time]bool{}
		lo := maxTime(from, since)
		touch := func(runs [][2]time.Time, smart bool) {
			for _, run := range runs {
				for t := maxTime(run[0], lo).Truncate(halfHour); t.Before(minTime(run[1], to)); t = t.Add(halfHour) {
					halves[t] = halves[t] || smart
				}
			}
		}
		if lo.Before(to) {
			touch(reg.ChargeRuns(lo, to), true)
			touch(reg.UncontrolledRuns(lo, to), false) // charged from plug-in, suspended
			touch(boosts, false)
		}
		var kwh, pence float64
		smart := false
		for _, t := range slices.SortedFunc(maps.Keys(halves), time.Time.Compare) {
			drawn := reg.Charged(t, t.Add(halfHour))
			kwh += drawn
			if rate != nil {
				pence += drawn * rate(t)
			}
			smart = smart || halves[t] && drawn > 0
		}
		date := from.Format(time.DateOnly)
		out = append(out, obj{
			"costOfChargeId": device.ID + "-" + date, "krakenflexDeviceId": device.ID, "reportDate": date, "isSmartCharge": smart,
			"totalConsumption": math.Round(kwh*1000) / 1000, "totalCostExclTax": math.Round(pence*100) / 100,
			"totalCostInclTax": math.Round(pence*cmp.Or(meter.Tax, w.accountTax(a))*100) / 100,
		})
	}
	return out, nil
}

// deviceSince is when a device came to its home: when it was registered, else the day
// it was fitted; zero for one there from the start.
func deviceSince(w *env, d *sim.Device) time.Time {
	if d.Onboarding != nil {
		return d.Onboarding.RegisteredAt
	}
	from, _ := dayStart(d.InstalledAt, w.zone)
	return from
}

// homeMeter is an account's first electricity supply with a meter in place, and that
// meter's index; nil for none.
func homeMeter(w *env, a *sim.Account) (*sim.ElectricityMeterPoint, int) {
	for i := range a.Properties {
		for j := range a.Properties[i].ElectricityMeterPoints {
			mp := &a.Properties[i].ElectricityMeterPoints[j]
			if k := electricityMeterInPlace(mp, w.today()); k >= 0 {
				return mp, k
			}
		}
	}
	return nil, -1
}

// maxChargeReports bounds the periods costOfCharge reports.
const maxChargeReports = 400

// tariffOn is the tariff code of the agreement in force on date; "" for none.
func tariffOn(ags []sim.Agreement, date string) string {
	for _, ag := range ags {
		if agreementActive(ag, date) {
			return ag.TariffCode
		}
	}
	return ""
}

// minTime is the earlier of two times.
func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

// maxTime is the later of two times.
func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
