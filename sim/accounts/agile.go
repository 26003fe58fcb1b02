package accounts

import (
	"math"
	"strings"
	"time"

	"github.com/krakensim/krakensim/sim/fake"
)

// Agile Octopus prices each half hour from the day-ahead wholesale market: the
// wholesale price times its region's coefficient, plus a peak offset from 16:00 to
// 19:00, capped at 100p with VAT, with no floor. krakensim's wholesale day is low
// overnight, rises in the morning and peaks in the evening, each day a little dearer
// or cheaper than the last, priced so that a winter day's half hours average the
// tariff's unit rate; from April to September sunshine makes the middle of the day the
// cheapest, and on a plunge day below zero. A statement on Agile charges each half
// hour's use at its price, as the meter's costs do.

// Agile's published terms: its cap with VAT, and the offset before VAT its peak half
// hours (16:00 to 19:00 local) add.
const (
	agileCap        = 100.0
	agilePeakOffset = 12.0
	agilePeakFrom   = 16 * time.Hour
	agilePeakTo     = 19 * time.Hour
)

// agilePublishedTo is the end of the last half hour whose Agile price is out at now:
// a day's prices, 23:00 to 23:00 UK time, are published at 16:00 the day before, so
// until 16:00 the newest is for today's 22:30 half hour and from then tomorrow's.
func agilePublishedTo(now time.Time, zone *time.Location) time.Time {
	day := now.In(zone)
	to := time.Date(day.Year(), day.Month(), day.Day(), 23, 0, 0, 0, zone)
	if clock := time.Duration(day.Hour())*time.Hour + time.Duration(day.Minute())*time.Minute; clock >= agilePeakFrom {
		to = time.Date(day.Year(), day.Month(), day.Day()+1, 23, 0, 0, 0, zone)
	}
	return to
}

// agileShape is the wholesale price of each hour of a day against the day's mean: low
// overnight, up in the morning, highest in the evening.
var agileShape = func() [24]float64 {
	s := [24]float64{0.62, 0.58, 0.55, 0.53, 0.53, 0.56, 0.68, 0.85, 0.95, 0.9, 0.82, 0.76,
		0.72, 0.7, 0.72, 0.8, 1.05, 1.2, 1.15, 1.05, 0.95, 0.85, 0.75, 0.68}
	var sum float64
	for _, v := range s {
		sum += v
	}
	for i := range s {
		s[i] *= 24 / sum
	}
	return s
}()

// agile reports whether a tariff is Agile's single-register tariff (E-1R-AGILE-…).
func agile(code string) bool {
	return strings.HasPrefix(code, "E-1R-") && productName(code) == "Agile"
}

// halfHourly reports whether an agreement on a tariff is a HalfHourlyTariff, whose rates
// change through the day: Agile's, Go's, Intelligent Go's, Cosy's and a Fan Club's.
func halfHourly(code string) bool {
	return timeOfUse(code) || agile(code) || cosy(code) || fanClub(code)
}

// agileCoefficient is the coefficient of an Agile tariff's region (its code's last
// letter): 2.0 to 2.4.
func agileCoefficient(code string) float64 {
	region := code[strings.LastIndexByte(code, '-')+1:]
	return 2 + float64(fake.Mix64(fake.HashStrings("agile region", region))%5)/10
}

// agileRate is an Agile tariff's unit rate before VAT for the half hour holding t: its
// region's coefficient times the day's wholesale price then, plus the peak offset, at
// most the cap, to the hundredth of a penny; the wholesale day is priced so that a day
// of half hours averages the tariff's unit rate (p.unit).
func agileRate(code string, p tariffPrices, t time.Time, zone *time.Location) float64 {
	local := t.In(zone)
	y, m, d := local.Date()
	hour := local.Hour()
	// Six peak half hours a day add the offset; the rest of the mean is wholesale.
	wholesale := (p.unit - agilePeakOffset*6/48) / agileCoefficient(code)
	h, dayFactor := agileDay(code, y, m, d)
	half := fake.Mix64(h ^ uint64(local.Hour()*2+local.Minute()/30+1))
	jitter := 0.92 + 0.16*float64(half>>11)/(1<<53)
	shape := agileShape[hour]
	if dips, ok := summerDips(local, h); ok {
		shape = dips.at(hour)
	}
	price := agileCoefficient(code) * wholesale * shape * dayFactor * jitter
	clock := time.Duration(hour)*time.Hour + time.Duration(local.Minute())*time.Minute
	if clock >= agilePeakFrom && clock < agilePeakTo {
		price += agilePeakOffset
	}
	tax := p.tax
	if tax == 0 {
		tax = vat
	}
	return math.Round(min(price, agileCap/tax)*100) / 100
}

// agileDay is the draw of the day y-m-d on an Agile tariff's wholesale curve, and the
// day's wholesale price against the curve's mean (0.75 to 1.25).
func agileDay(code string, y int, m time.Month, d int) (uint64, float64) {
	h := fake.Mix64(fake.HashStrings("agile", code) ^ uint64(y*10000+int(m)*100+d))
	return h, 0.75 + 0.5*float64(h>>11)/(1<<53)
}

// summerSun is how far sunshine brings the wholesale price of the hours from 10:00 to
// 16:00 down against the day's mean, from April to September; plungeSun how far below
// zero it takes them on a plunge day, sunny and windy (about one summer day in eight, one
// in four at a weekend), when Agile pays its customers to use electricity.
var (
	summerSun = [6]float64{0.62, 0.48, 0.4, 0.4, 0.46, 0.6}
	plungeSun = [6]float64{-0.05, -0.3, -0.55, -0.6, -0.4, -0.1}
)

// sunnyHours are a summer day's wholesale prices from 10:00 to 16:00 against the day's
// mean, and what the other hours' are raised by so that the day keeps its mean.
type sunnyHours struct {
	dips  *[6]float64
	raise float64
}

// at is the wholesale price of an hour of the day against its mean.
func (s sunnyHours) at(hour int) float64 {
	if hour >= 10 && hour < 16 {
		return s.dips[hour-10]
	}
	return agileShape[hour] * s.raise
}

// raiseFor is what the hours outside 10:00–16:00 are raised by when those hours are
// priced at dips, so that a day's hours average its mean.
func raiseFor(dips *[6]float64) float64 {
	var sunny, rest float64
	for i, v := range agileShape {
		if i >= 10 && i < 16 {
			sunny += dips[i-10]
		} else {
			rest += v
		}
	}
	return (24 - sunny) / rest
}

// Each kind of summer day's raise, worked out once.
var summerRaise, plungeRaise = raiseFor(&summerSun), raiseFor(&plungeSun)

// summerDips are the sunny hours of the day holding local, a summer day (April to
// September), the day drawn by h; false for another.
func summerDips(local time.Time, h uint64) (sunnyHours, bool) {
	if m := local.Month(); m < time.April || m > time.September {
		return sunnyHours{}, false
	}
	odds := uint64(8)
	if wd := local.Weekday(); wd == time.Saturday || wd == time.Sunday {
		odds = 4
	}
	if (h>>3)%odds == 0 {
		return sunnyHours{&plungeSun, plungeRaise}, true
	}
	return sunnyHours{&summerSun, summerRaise}, true
}

// agileInfo is an Agile tariff's agileCalculationInfo: its cap, its peak offset and its
// region's coefficient.
func agileInfo(code string) obj {
	return obj{"priceCap": agileCap, "peakOffset": agilePeakOffset, "gspCoefficient": agileCoefficient(code)}
}

// halfHourUsage is what the use over the days [lo, hi) costs before tax on a tariff
// priced by the half hour (Agile's, Cosy's) at prices p: each half hour's use at its
// rate.
func (s supplyCost) halfHourUsage(code string, p tariffPrices, lo, hi int) float64 {
	return priceHalfHours(s.halfHourUse(lo, hi), dayTime(lo, s.zone), halfHourPricer(code), p, s.zone)
}

// priceHalfHours is what half hours of use, the first from t, cost before tax at prices
// p as price prices each.
func priceHalfHours(use []float64, t time.Time, price func(tariffPrices, time.Time, *time.Location) float64, p tariffPrices, zone *time.Location) float64 {
	var cost float64
	for _, e := range use {
		cost += e * price(p, t, zone)
		t = t.Add(30 * time.Minute)
	}
	return cost
}

// halfHourUse is the use of each half hour over the days [lo, hi), in order, as
// halfHourUsage reads them.
func (s supplyCost) halfHourUse(lo, hi int) []float64 {
	t := dayTime(lo, s.zone)
	end := dayTime(hi, s.zone)
	out := make([]float64, 0, max(int(end.Sub(t)/(30*time.Minute)), 0))
	prev := s.register.At(t)
	for t.Before(end) {
		t = t.Add(30 * time.Minute)
		at := s.register.At(t)
		out = append(out, at-prev)
		prev = at
	}
	return out
}
