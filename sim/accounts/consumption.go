package accounts

import (
	"fmt"
	"math"
	"strings"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/fake"
	"github.com/krakensim/krakensim/sim/world"
)

// An Australian supply's consumption summary (Origin's MeterPointType.consumptionSummary)
// is what its meter in place measured, bucket by bucket of granularity (QUARTER_HOURLY,
// HALF_HOURLY, DAILY, MONTHLY) on the calendar of timezone: the buckets wholly within
// startAt and endAt, none before the supply began nor from the last midnight on (what
// its supplier has read, so the bucket in progress holds what was read of it), as its
// readings and statements measure it, each with its cost at the agreement's unit rate
// half hour by half hour (in cents, before and with GST), under the meter's registers.
// A basic meter is summarised only with includeBasicMeters, as Kraken's; a supply with no
// meter in place has none.

// consumptionSummary answers an electricity supply's consumptionSummary; KT-CT-13614 for a
// timezone that is not an IANA name, KT-CT-4381 for a window of more buckets than
// world.MaxSeries.
func consumptionSummary(w *env, a *sim.Account, mp *sim.ElectricityMeterPoint, point obj, args map[string]any) (any, error) {
	name := strings.TrimSpace(str(args, "timezone"))
	zone, ok := fake.Zone(name)
	if !ok {
		return nil, readingsError(w, "KT-CT-13614", fmt.Sprintf("%q is not an IANA time zone name (Australia/Sydney).", sim.Clip(name, 64)), "timezone")
	}
	g, okG := world.GroupingOf(str(args, "granularity"))
	from, okFrom := parseTime(args["startAt"], zone)
	to, okTo := parseTime(args["endAt"], zone)
	if !okG || !okFrom || !okTo {
		return nil, readingsError(w, "KT-CT-4381", "Give startAt and endAt as date-times and a granularity.", "startAt")
	}
	k := electricityMeterInPlace(mp, w.today())
	if k < 0 || mp.Meters[k].ActiveFrom > w.today() || !mp.Meters[k].IsDigital && args["includeBasicMeters"] != true {
		return []any{}, nil
	}
	wm, ok := meterIn(w, mp.Identifier())
	if !ok || wm.Owner != a.Number {
		return []any{}, nil
	}
	stop, _ := dayStart(w.today(), w.zone)
	first := g.Floor(from.In(zone))
	if first.Before(from) {
		first = g.Add(first, 1) // the first bucket wholly from startAt
	}
	if !wm.ReadFrom.IsZero() && g.Floor(wm.ReadFrom.In(zone)).After(first) {
		first = g.Floor(wm.ReadFrom.In(zone))
	}
	n := 0
	for n <= world.MaxSeries && !g.Add(first, n+1).After(to) && g.Add(first, n).Before(stop) {
		n++
	}
	if n > world.MaxSeries {
		return nil, readingsError(w, "KT-CT-4381", fmt.Sprintf("startAt to endAt holds more than the %d buckets one request answers; ask for a shorter window or a coarser granularity.", world.MaxSeries), "endAt")
	}
	reg := wm.In(w.zone)
	tax := wm.Tax
	if tax == 0 {
		tax = w.accountTax(a)
	}
	buckets := make([]any, 0, n)
	for i := range n {
		start, end := g.Add(first, i), g.Add(first, i+1)
		f, e := maxTime(start, wm.ReadFrom), minTime(end, stop)
		use, cost := 0.0, 0.0
		if e.After(f) {
			use = reg.Use(f, e)
		}
		if wm.Rate != nil && e.After(f) { // each run of half hours at one price costed at once
			runFrom, price := f, wm.Rate(f)
			for t := f.Truncate(halfHour).Add(halfHour); t.Before(e); t = t.Add(halfHour) {
				if p := wm.Rate(t); p != price {
					cost += reg.Use(runFrom, t) * price
					runFrom, price = t, p
				}
			}
			cost += reg.Use(runFrom, e) * price
		}
		b := obj{"__typename": "SummarizedConsumptionType", "startAt": dateTime(start, zone), "endAt": dateTime(end, zone),
			"consumption": math.Round(use*1000) / 1000, "cost": nil, "costWithGst": nil}
		if wm.Rate != nil {
			b["cost"], b["costWithGst"] = math.Round(cost*100)/100, math.Round(cost*tax*100)/100
		}
		buckets = append(buckets, b)
	}
	registers := electricityMeter(w, a, mp, &mp.Meters[k], point)["registers"]
	return []any{obj{"__typename": "ElectricityCostedConsumptionType", "registers": registers, "summarizedConsumption": buckets}}, nil
}
