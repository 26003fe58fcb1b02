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

// trackerFormulas are the East of England's formulas Octopus published, for
// electricity and gas: for those who joined from 1 October 2024 (SILVER-24-10-01), and
// before (from SILVER-FLEX-22-11-25).
var trackerFormulas = []struct {
	from             string
	electricity, gas trackerFormula
}{
	{"", trackerFormula{1.2017, 7.126}, trackerFormula{0.03615, 1.132}},
	{"2024-10-01", trackerFormula{1.2492, 11.9522}, trackerFormula{0.03604, 1.7293}},
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

// trackerFormulaOf is the formula of the Tracker version a code names for a fuel.
func trackerFormulaOf(code string, electricity bool, zone *time.Location) trackerFormula {
	f := trackerFormulas[0]
	if from, ok := launched(code, zone); ok {
		for _, v := range trackerFormulas {
			if from.Format(time.DateOnly) >= v.from {
				f = v
			}
		}
	}
	if electricity {
		return f.electricity
	}
	return f.gas
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
