package accounts

import (
	"math"
	"slices"
	"strings"
	"time"

	"github.com/krakensim/krakensim/sim/fake"
)

// Octopus Tracker prices each UK day, midnight to midnight, from the day's wholesale
// price W through its version's published formula, W times a multiplier plus an adder,
// capped at 100p/kWh of electricity and 30p of gas with VAT; its standing charges are
// set for the term. krakensim's W for electricity is the day's mean on the wholesale
// curve the catalogue's Agile draws in the same region, so that Tracker and Agile move
// together; gas has a curve of its own. W on a day at the curve's mean is what makes the
// formula give the tariff's launch unit rate (the adder at most 80% of it), so that a
// Tracker's days average its launch price. A day's price is published at 11:00 UK time
// the day before, as Octopus publishes tomorrow's.

// trackerFormula is a Tracker version's unit rate with VAT from the wholesale price W
// (p/kWh of electricity, p/therm of gas): W times mult plus add, in pence per kWh.
type trackerFormula struct{ mult, add float64 }

// trackerRegions are the regions' letters in the order trackerFormulas lists them (East
// England, East Midlands, London, Merseyside and North Wales, West Midlands, North East
// England, North West England, Southern England, South East England, South Wales, South
// West England, Yorkshire, South Scotland, North Scotland).
const trackerRegions = "ABCDEFGHJKLMNP"

// trackerFormulas are the formulas Octopus publishes for each region on its Tracker FAQ
// (octopus.energy/tracker-faqs), for electricity and gas: for those who joined from 1
// October 2024 (SILVER-24-10-01), all fourteen regions' (East England's as the page
// gives it, the rest as a Home Assistant Tracker integration's tracker_calc_electric.py
// and tracker_calc_gas.py copy the page's table), and before (from
// SILVER-FLEX-22-11-25) the regions an earlier version of the page was found to list,
// East England to North East England (gas to the West Midlands); a figure not found
// (zero) is East England's scaled by the region's relation to East England in the next
// version (trackerFormulaOf).
var trackerFormulas = []struct {
	from             string
	electricity, gas [14]trackerFormula
}{
	{"",
		trackerTable(
			[14]float64{1.2017, 1.1892, 1.1910, 1.2171, 1.1828, 1.1856},
			[14]float64{7.126, 7.098, 6.787, 8.056, 7.236, 7.195}),
		trackerTable(
			[14]float64{0.03615, 0.03615, 0.03615, 0.03615, 0.03615, 0.03615, 0.03615, 0.03615, 0.03615, 0.03615, 0.03615, 0.03615, 0.03615, 0.03615},
			[14]float64{1.132, 1.114, 1.301, 1.227, 1.199})},
	{"2024-10-01",
		trackerTable(
			[14]float64{1.2492, 1.2366, 1.2389, 1.2653, 1.2297, 1.2332, 1.2492, 1.2320, 1.2378, 1.2309, 1.2309, 1.2492, 1.2458, 1.2469},
			[14]float64{11.9522, 10.9661, 11.5631, 12.4193, 10.8999, 10.8035, 12.2194, 11.5903, 12.1304, 11.7133, 11.6548, 10.5045, 11.0589, 12.5910}),
		trackerTable(
			[14]float64{0.03604, 0.03604, 0.03604, 0.03604, 0.03604, 0.03604, 0.03604, 0.03604, 0.03604, 0.03604, 0.03604, 0.03604, 0.03604, 0.03604},
			[14]float64{1.7293, 1.7334, 2.0294, 2.0845, 1.8202, 1.8599, 1.8149, 1.9272, 1.8194, 2.1129, 2.2204, 1.9765, 1.8111, 1.8111})},
}

// trackerTable pairs each region's multiplier with its adder.
func trackerTable(mult, add [14]float64) (out [14]trackerFormula) {
	for i := range out {
		out[i] = trackerFormula{mult[i], add[i]}
	}
	return out
}

// Tracker's caps on a day's unit rate with VAT, and the hour its prices for the next day
// are published at.
const (
	trackerElectricityCap = 100.0
	trackerGasCap         = 30.0
	trackerPublishedAt    = 11 * time.Hour
)

// tracker reports whether a tariff or product code is Octopus Tracker's (SILVER-…).
func tracker(code string) bool {
	return productName(code) == "Tracker"
}

// trackerPublishedTo is the end of the last day whose Tracker price is out at now:
// tomorrow's midnight until 11:00 UK time, then the midnight after.
func trackerPublishedTo(now time.Time, zone *time.Location) time.Time {
	day := now.In(zone)
	next := 1
	if time.Duration(day.Hour())*time.Hour+time.Duration(day.Minute())*time.Minute >= trackerPublishedAt {
		next = 2
	}
	return time.Date(day.Year(), day.Month(), day.Day()+next, 0, 0, 0, 0, zone)
}

// trackerFormulaOf is the formula of the Tracker version a code names for a fuel in the
// code's region (its last letter; East England's for a code of no region); a part its
// version does not publish for the region is East England's scaled as the next version
// that does scales it.
func trackerFormulaOf(code string, electricity bool, zone *time.Location) trackerFormula {
	v := 0
	if from, ok := launched(code, zone); ok {
		for i, f := range trackerFormulas {
			if from.Format(time.DateOnly) >= f.from {
				v = i
			}
		}
	}
	_, region := tariffShape(code)
	r := 0
	if len(region) == 1 {
		r = max(strings.Index(trackerRegions, region), 0)
	}
	of := func(v, r int) trackerFormula {
		if electricity {
			return trackerFormulas[v].electricity[r]
		}
		return trackerFormulas[v].gas[r]
	}
	f := of(v, r)
	for next := v + 1; (f.mult == 0 || f.add == 0) && next < len(trackerFormulas); next++ {
		east, there, here := of(next, 0), of(next, r), of(v, 0)
		if f.mult == 0 && there.mult != 0 {
			f.mult = here.mult * there.mult / east.mult
		}
		if f.add == 0 && there.add != 0 {
			f.add = here.add * there.add / east.add
		}
	}
	return f
}

// trackerWholesale is the wholesale price of the day holding local for a Tracker tariff
// against its curve's mean: electricity's the day's on the catalogue's Agile in the
// tariff's region (its code's last letter), gas's the country's.
func trackerWholesale(code string, electricity bool, local time.Time) float64 {
	y, m, d := local.Date()
	if !electricity {
		h := fake.Mix64(fake.HashStrings("tracker gas") ^ uint64(y*10000+int(m)*100+d))
		return 0.75 + 0.5*float64(h>>11)/(1<<53)
	}
	agileCode := energyCatalogue[slices.IndexFunc(energyCatalogue, func(c string) bool { return productName(c) == "Agile" })]
	_, f := agileDay("E-1R-"+agileCode+"-"+code[strings.LastIndexByte(code, '-')+1:], y, m, d)
	return f
}

// trackerRate is a Tracker tariff's unit rate before tax on the day holding t, whose
// launch prices are p: the formula at the day's wholesale price, at most the cap, to the
// hundredth of a penny.
func trackerRate(code string, electricity bool, p tariffPrices, t time.Time, zone *time.Location) float64 {
	tax := p.tax
	if tax == 0 {
		tax = vat
	}
	f, limit := trackerFormulaOf(code, electricity, zone), trackerElectricityCap
	if !electricity {
		limit = trackerGasCap
	}
	launch := p.unit * tax
	add := min(f.add, 0.8*launch)
	w := (launch - add) / f.mult * trackerWholesale(code, electricity, t.In(zone))
	return math.Round(min(f.mult*w+add, limit)/tax*100) / 100
}

// trackerDay are a Tracker tariff's prices before tax on the day holding t, as
// published by now (a later day has the last published day's), from its launch prices
// base: its unit rate the day's, the rest the launch's; a code that carries no launch
// date keeps base, as trackerSpans does.
func trackerDay(code string, electricity bool, base tariffPrices, zone *time.Location, now, t time.Time) tariffPrices {
	if _, ok := launched(code, zone); !ok {
		return base
	}
	if last := trackerPublishedTo(now, zone).Add(-time.Nanosecond); t.After(last) {
		t = last
	}
	base.unit = trackerRate(code, electricity, base, t, zone)
	return base
}

// trackerSpans are a Tracker tariff's prices from start to end (zero end: open), one
// span for each UK day as published by now, then the last published day's prices to
// end (open when end is): never before its launch, so that a year of days costs a year
// of spans.
func trackerSpans(code string, electricity bool, base tariffPrices, zone *time.Location, now, start, end time.Time) []priceSpan {
	launch, ok := launched(code, zone)
	if !ok {
		return []priceSpan{{start, end, base}}
	}
	start = maxTime(start, launch)
	published := trackerPublishedTo(now, zone)
	var out []priceSpan
	for at := start; end.IsZero() || at.Before(end); {
		prices := trackerDay(code, electricity, base, zone, now, at)
		if !at.Before(published) {
			return append(out, priceSpan{at, end, prices})
		}
		local := at.In(zone)
		to := time.Date(local.Year(), local.Month(), local.Day()+1, 0, 0, 0, 0, zone)
		if !end.IsZero() && end.Before(to) {
			to = end
		}
		out = append(out, priceSpan{at, to, prices})
		at = to
	}
	return out
}
