package accounts

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

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
	buckets, k, err := summarizedConsumption(w, a, mp, args, args["includeBasicMeters"] == true)
	if err != nil {
		return nil, err
	}
	if k < 0 {
		return []any{}, nil
	}
	registers := electricityMeter(w, a, mp, &mp.Meters[k], point)["registers"]
	return []any{obj{"__typename": "ElectricityCostedConsumptionType", "registers": registers, "summarizedConsumption": buckets}}, nil
}

// registerSummary answers the deprecated ElectricityRegisterType.consumptionSummary of
// meter id's register: the buckets its meter point's consumptionSummary answers while
// the meter is in place (a basic meter's too, as the register is read), none otherwise.
func registerSummary(w *env, a *sim.Account, mp *sim.ElectricityMeterPoint, id string, args map[string]any) (any, error) {
	buckets, k, err := summarizedConsumption(w, a, mp, args, true)
	if err != nil {
		return nil, err
	}
	if k < 0 || mp.Meters[k].ID != id {
		return []any{}, nil
	}
	return buckets, nil
}

// readingsSummary answers a register's deprecated readingsSummary: its use each local day
// (or month) from startDate to endDate, as its consumptionSummary buckets it and with
// includeEstimates alike (a basic meter's estimated use left out given false), each
// under the register's identifier.
func readingsSummary(w *env, a *sim.Account, mp *sim.ElectricityMeterPoint, id string, args map[string]any) (any, error) {
	from, okFrom := parseDate(args["startDate"])
	to, okTo := parseDate(args["endDate"])
	if !okFrom || !okTo {
		return []any{}, nil
	}
	start, _ := dayStart(from, w.zone)
	end, _ := dayStart(addDays(to, 1), w.zone)
	buckets, err := registerSummary(w, a, mp, id, map[string]any{"startAt": dateTime(start, w.zone), "endAt": dateTime(end, w.zone), "timezone": w.zone.String(),
		"granularity": args["readingsGranularity"], "includeEstimates": args["includeEstimates"]})
	if err != nil {
		return nil, err
	}
	out := []any{}
	for _, b := range buckets.([]any) {
		at, _ := parseTime(b.(obj)["startAt"], w.zone)
		use, _ := b.(obj)["consumption"].(float64)
		out = append(out, obj{"date": at.In(w.zone).Format(time.DateOnly), "registerId": "1", "value": decimal(use)})
	}
	return out, nil
}

// summaryWindow is a summary's zone, granularity, the start of its first bucket wholly
// from startAt and its end (args are at path in the field's input); KT-CT-13614 for a
// timezone that is not an IANA name, KT-CT-4381 for a bound or granularity missing.
func summaryWindow(w *env, args map[string]any, path ...any) (*time.Location, world.Grouping, time.Time, time.Time, error) {
	name := strings.TrimSpace(str(args, "timezone"))
	zone, ok := fake.Zone(name)
	if !ok {
		return nil, world.Grouping{}, time.Time{}, time.Time{}, summaryError(w, "KT-CT-13614", fmt.Sprintf("%q is not an IANA time zone name (Australia/Sydney).", sim.Clip(name, 64)), append(path, "timezone"))
	}
	g, okG := world.GroupingOf(str(args, "granularity"))
	from, okFrom := parseTime(args["startAt"], zone)
	to, okTo := parseTime(args["endAt"], zone)
	if !okG || !okFrom || !okTo {
		return nil, world.Grouping{}, time.Time{}, time.Time{}, summaryError(w, "KT-CT-4381", "Give startAt and endAt as date-times and a granularity.", append(path, "startAt"))
	}
	first := g.Floor(from.In(zone))
	if first.Before(from) {
		first = g.Add(first, 1) // the first bucket wholly from startAt
	}
	return zone, g, first, to, nil
}

// summaryError is a summary's validation error on the input at path.
func summaryError(w *env, code, message string, path []any) error {
	if w.call == nil {
		return fmt.Errorf("%v: %s", path, message)
	}
	return w.call.ValidationError(code, message, path...)
}

// summaryBuckets is how many buckets of g from first end by to and begin before stop;
// KT-CT-4381 (on endAt, at path) for more than world.MaxSeries.
func summaryBuckets(w *env, g world.Grouping, first, to, stop time.Time, path ...any) (int, error) {
	n := 0
	for n <= world.MaxSeries && !g.Add(first, n+1).After(to) && g.Add(first, n).Before(stop) {
		n++
	}
	if n > world.MaxSeries {
		return 0, summaryError(w, "KT-CT-4381", fmt.Sprintf("startAt to endAt holds more than the %d buckets one request answers; ask for a shorter window or a coarser granularity.", world.MaxSeries), append(path, "endAt"))
	}
	return n, nil
}

// summarizedConsumption is the SummarizedConsumptionType buckets of a supply's meter in
// place, as consumptionSummary answers them, and the meter's index (-1 for none, or a
// basic meter unless basic); with includeEstimates false, a basic meter's buckets only
// where an actual read closes the use (a smart meter's intervals are all actual).
func summarizedConsumption(w *env, a *sim.Account, mp *sim.ElectricityMeterPoint, args map[string]any, basic bool) ([]any, int, error) {
	zone, g, first, to, err := summaryWindow(w, args)
	if err != nil {
		return nil, -1, err
	}
	k := electricityMeterInPlace(mp, w.today())
	if k < 0 || mp.Meters[k].ActiveFrom > w.today() || !mp.Meters[k].IsDigital && !basic {
		return []any{}, -1, nil
	}
	wm, ok := meterIn(w, world.TenancyID(a.Number, mp.Identifier())) // as the account held it
	if !ok {
		return []any{}, -1, nil
	}
	stop, _ := dayStart(w.today(), w.zone)
	if !wm.ReadTo.IsZero() {
		stop = minTime(stop, wm.ReadTo) // the account moved out then
	}
	if !wm.ReadFrom.IsZero() && g.Floor(wm.ReadFrom.In(zone)).After(first) {
		first = g.Floor(wm.ReadFrom.In(zone))
	}
	n, err := summaryBuckets(w, g, first, to, stop)
	if err != nil {
		return nil, -1, err
	}
	var actual [][2]time.Time // without estimates, a basic meter's use between an actual read and the read before it
	estimates, _ := args["includeEstimates"].(bool)
	if _, given := args["includeEstimates"]; !given || args["includeEstimates"] == nil {
		estimates = true
	}
	if !estimates && !mp.Meters[k].IsDigital {
		reads := electricityReads(w, a, mp, &mp.Meters[k])
		for i := 1; i < len(reads); i++ {
			if reads[i].Source != "ESTIMATE" {
				actual = append(actual, [2]time.Time{reads[i-1].ReadAt, reads[i].ReadAt})
			}
		}
	}
	reg := wm.In(w.zone)
	buckets := make([]any, 0, n)
	for i := range n {
		start, end := g.Add(first, i), g.Add(first, i+1)
		if !estimates && !mp.Meters[k].IsDigital && !slices.ContainsFunc(actual, func(s [2]time.Time) bool { return !start.Before(s[0]) && !end.After(s[1]) }) {
			continue // a bucket of estimated use
		}
		f, e := maxTime(start, wm.ReadFrom), minTime(end, stop)
		tax := wm.TaxAt(f) // of the account that held the home then
		if tax == 0 {
			tax = w.accountTax(a)
		}
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
	return buckets, k, nil
}

// standingCharges is a supply's standing charges bucketed as consumptionSummary buckets
// its use (the buckets wholly within startAt and endAt, none before the meter in place
// was read nor from the last midnight on), read from args at path (standingChargesWindow's
// input): each bucket's consumption the days of supply it holds, its cost the agreement's
// daily standing charge for each of them (in cents, before and with GST), a part of a
// day charged by its share of the day.
func standingCharges(w *env, a *sim.Account, mp *sim.ElectricityMeterPoint, args map[string]any, path ...any) ([]any, error) {
	zone, g, first, to, err := summaryWindow(w, args, path...)
	if err != nil {
		return nil, err
	}
	k := electricityMeterInPlace(mp, w.today())
	if k < 0 || mp.Meters[k].ActiveFrom > w.today() {
		return []any{}, nil
	}
	wm, ok := meterIn(w, world.TenancyID(a.Number, mp.Identifier()))
	if !ok || wm.Standing == nil {
		return []any{}, nil
	}
	stop, _ := dayStart(w.today(), w.zone)
	if !wm.ReadTo.IsZero() {
		stop = minTime(stop, wm.ReadTo) // the account moved out then
	}
	if !wm.ReadFrom.IsZero() && g.Floor(wm.ReadFrom.In(zone)).After(first) {
		first = g.Floor(wm.ReadFrom.In(zone))
	}
	n, err := summaryBuckets(w, g, first, to, stop, path...)
	if err != nil {
		return nil, err
	}
	buckets := make([]any, 0, n)
	for i := range n {
		start, end := g.Add(first, i), g.Add(first, i+1)
		f, e := maxTime(start, wm.ReadFrom), minTime(end, stop)
		tax := wm.TaxAt(f)
		if tax == 0 {
			tax = w.accountTax(a)
		}
		days, cost := 0.0, 0.0
		for d := midnightIn(f, w.zone); d.Before(e); d = d.AddDate(0, 0, 1) {
			next := d.AddDate(0, 0, 1)
			share := minTime(next, e).Sub(maxTime(d, f)).Hours() / next.Sub(d).Hours()
			days, cost = days+share, cost+share*wm.Standing(d)
		}
		buckets = append(buckets, obj{"__typename": "SummarizedConsumptionType", "startAt": dateTime(start, zone), "endAt": dateTime(end, zone),
			"consumption": math.Round(days*1000) / 1000, "cost": math.Round(cost*100) / 100, "costWithGst": math.Round(cost*tax*100) / 100})
	}
	return buckets, nil
}

// midnightIn is the start of t's day in zone.
func midnightIn(t time.Time, zone *time.Location) time.Time {
	t = t.In(zone)
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, zone)
}
