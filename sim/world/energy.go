package world

import (
	"cmp"
	"math"
	"slices"
	"sync"
	"time"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/krakensim/krakensim/internal/lazyre"
	"github.com/krakensim/krakensim/sim/fake"
)

// The quantities a meter's readings state: the energy over a span, the register that
// totals it, the power it averages and what it costs. All are read from one cumulative
// register per series, so half hours add up to the hour, the day and the month they
// make, a register only grows, and a cost is its energy at the series' unit rate.

// quantityKind is what a numeric field of a reading measures.
type quantityKind uint8

const (
	qEnergy   quantityKind = iota + 1 // energy delivered over the object's span
	qRegister                         // the meter's cumulative register at the span's end
	qPower                            // the mean power over the span (demand)
	qCost                             // the span's energy at the series' unit rate
)

// quantity is a numeric field's role on a reading: what it measures, the factor from
// kWh, kW or pence to the unit it answers in, and the factor tax adds to a cost (1 for
// none).
type quantity struct {
	kind     quantityKind
	scale    float64
	decimals int
	tax      float64
	// share is the part of the span's energy an energy field answers when it is one of
	// the parts a total beside it is made of (peak, off-peak, shoulder); 0 for the whole.
	share float64
	// metered is whether it is a meter's own consumption, in the units the meter counts
	// (Meter.PerUnit), not in kWh.
	metered bool
	// export is whether it counts what the meter's export register does (Meter.Export):
	// nothing, for a meter without one.
	export bool
}

// slot is the period a register's profile is drawn in: the half hour of interval data.
const slot = 30 * time.Minute

// registerOrigin is where every register's slots are counted from.
var registerOrigin = time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)

// dayCumulative is a household's day (local standard time) summed half hour by half
// hour: entry j is the share of a day's use drawn before half hour j, in mean half
// hours. The day is low overnight, rises in the morning and peaks in the evening.
var dayCumulative = func() [49]float64 {
	hourly := [24]float64{0.5, 0.45, 0.45, 0.45, 0.45, 0.5, 0.7, 1.2, 1.3, 1.0, 0.9, 0.9,
		0.95, 0.9, 0.85, 0.9, 1.1, 1.7, 2.1, 2.0, 1.7, 1.4, 1.0, 0.7}
	var sum float64
	for _, w := range hourly {
		sum += 2 * w
	}
	var c [49]float64
	for i := range 48 {
		c[i+1] = c[i] + hourly[i/2]*48/sum
	}
	return c
}()

// meanSlot is a series' mean energy per half hour in kWh: 0.12–0.45, a household's
// 2,100–7,900 kWh a year.
func meanSlot(series uint64) float64 {
	return 0.12 + 0.33*unit(fake.Mix64(series^0x3c6ef372fe94f82b))
}

// unit maps a hash to [0, 1).
func unit(h uint64) float64 { return float64(h>>11) / (1 << 53) }

// wobble is a slot boundary's departure from the profile, in [-0.15, 0.15] of the mean
// slot: small enough that every half hour still draws energy.
func wobble(series uint64, k int64) float64 {
	return 0.3 * (unit(fake.Mix64(series^uint64(k)*0x9e3779b97f4a7c15)) - 0.5)
}

// household is where a register's use is drawn: the half hours its local standard time
// is ahead of UTC, where its day starts, and the day of the year its use peaks, counted
// from 1 January (mid-January north of the equator, mid-July south of it).
type household struct {
	// zone is where it is, whose clocks a smart-charged car's nights keep (nil for UTC).
	zone  *time.Location
	shift int64
	peak  float64
	// sinPeak is the sine of the seasons' angle at registerOrigin, where days are counted from.
	sinPeak float64
}

// southern are countries south of the equator, for their zones that keep no summer time.
var southern = map[string]bool{"AU": true, "NZ": true, "ZA": true, "AR": true, "CL": true, "BR": true, "UY": true}

// householdOf is the household of a tenant in zone.
func householdOf(zone *time.Location) household {
	h := household{zone: zone, shift: int64(standardOffset(zone) / slot), peak: 14}
	_, jan := time.Date(2026, time.January, 1, 0, 0, 0, 0, zone).Zone()
	_, jul := time.Date(2026, time.July, 1, 0, 0, 0, 0, zone).Zone()
	if jan > jul || jan == jul && southern[fake.Country(zone)] {
		h.peak = 195
	}
	h.sinPeak = math.Sin(-seasonRate * h.peak)
	return h
}

// Seasonal swings: the part of its mean a register's use rises above it at its peak and
// falls below it half a year on. Electricity swings a little (lights, heating in some
// homes), gas a lot (heating).
const (
	ElectricitySeason = 0.2
	GasSeason         = 0.65
)

// meterReg is one series' register: its mean half hour over a year, the swing of its
// seasons, an offset that makes it pass through the meter's latest reading when state
// has one, and its household.
type meterReg struct {
	series       uint64
	mean, offset float64
	season       float64
	home         household
	// shapes are its days' shapes from a day on, where its tariffs change (the first
	// also before it; nil for a household's own day), the latest maxShapes of them.
	shapes  [maxShapes]shapeFrom
	nShapes int
	// car is the smart charge of its household's car in the off-peak nights, beside the
	// household's own use (mean); nil for none.
	car *carCharge
	// hp is its household's heat pump, beside the household's own use; nil for none.
	hp *heatPump
	// boosts are the boost charges its household's car drew at kw.
	boosts []Boost
	// kw is the power its car charges at, boosts included.
	kw float64
	// solar is the peak kW of the array whose export it counts; 0 for an import register.
	solar float64
	// surplus is the running total of the days' exports of an array that exports what
	// its home does not use (Meter.HomeUse); nil for one that exports half its yield.
	surplus *surplusSums
	// cuts are the spans its household cut its own use in, in slots, in order.
	cuts []regCut
	// before is the register of the household that held its home until from, which it
	// reads before then; nil for none.
	before *meterReg
	from   time.Time
}

// regCut is a span of slots, k0 to k1, its household used share less of its own in:
// whole kWh less over it, before kWh less over the cuts before it.
type regCut struct {
	k0, k1        int64
	share         float64
	whole, before float64
}

// meanHalfHour is the register's mean use per half hour over a year: its household's,
// and its car's while it still charges.
func (r meterReg) meanHalfHour() float64 {
	m := r.mean
	if r.car != nil && r.car.last == math.MaxInt64 {
		m += r.car.perNight / 48
	}
	if r.hp != nil && r.hp.last == maxSlot {
		m += r.hp.yearIn(r.home) / heatBlockSlots
	}
	return m
}

// dayShape is a household's day on a two-rate tariff: its use summed half hour by half
// hour as dayCumulative is, with the off-peak half hours (off) holding the part of the
// day's use the tariff's household draws in them, exactly (no wobble at their edges).
type dayShape struct {
	cum [49]float64
	off [48]bool
	op  OffPeak
}

// edge reports whether the start of half hour j of the day is an edge of its off-peak
// hours, where the register keeps to the shape exactly.
func (s *dayShape) edge(j int64) bool {
	return s.off[(j+47)%48] != s.off[j%48]
}

// maxShapes bounds the changes of day shape a register keeps (its tariffs' latest; the
// earliest kept is also its days' before), so that reading it allocates nothing.
const maxShapes = 4

// shapeFrom is a register's day shape from a day on (days since registerOrigin's, in
// the household's standard time).
type shapeFrom struct {
	day   int64
	shape *dayShape
}

// dayShapes are the shapes made so far, by off-peak window and share and the clocks'
// half hours ahead.
var dayShapes sync.Map

// shapeKey is a shape's window and share, and the half hours the clocks are ahead.
type shapeKey struct {
	op  OffPeak
	rot int
}

// maxRot bounds the half hours a household's clocks run ahead of its standard time.
const maxRot = 3

// clockDays are a household's day as its clocks keep it when they are rot half hours
// ahead of its standard time, summed as dayCumulative is over its standard-time day:
// its evening peak an hour earlier in that day in summer, as its use keeps the clocks.
var clockDays = func() (out [maxRot + 1][49]float64) {
	for rot := range out {
		for i := range 48 {
			k := (i + rot) % 48
			out[rot][i+1] = out[rot][i] + dayCumulative[k+1] - dayCumulative[k]
		}
	}
	return out
}()

// rotOf is the half hours of ahead, within maxRot.
func rotOf(ahead time.Duration) int { return min(max(int(ahead/slot), 0), maxRot) }

// shapeOf is the day of a household that draws share of its use in the off-peak half
// hours from op.From to op.To of its standard-time day (from before midnight when From
// is negative: 23:30 to 05:30); nil for a window that is not one.
func shapeOf(op OffPeak) *dayShape { return shapeIn(op, 0) }

// shapeIn is shapeOf's day for a household whose clocks are rot half hours ahead of its
// standard time (clockDays).
func shapeIn(op OffPeak, rot int) *dayShape {
	from, to := int(op.From/slot), int(op.To/slot)
	if op.Share <= 0 || op.Share >= 1 || from < -47 || to > 48 || from >= to || to-from >= 48 {
		return nil
	}
	key := shapeKey{op, rot}
	if s, ok := dayShapes.Load(key); ok {
		return s.(*dayShape)
	}
	base := &clockDays[rot]
	s := &dayShape{op: op}
	for i := from; i < to; i++ {
		s.off[(i+48)%48] = true
	}
	var in, out float64
	for i := range 48 {
		w := base[i+1] - base[i]
		if s.off[i] {
			in += w
		} else {
			out += w
		}
	}
	for i := range 48 {
		w, f := base[i+1]-base[i], 48*(1-op.Share)/out
		if s.off[i] {
			f = 48 * op.Share / in
		}
		s.cum[i+1] = s.cum[i] + w*f
	}
	actual, _ := dayShapes.LoadOrStore(key, s)
	return actual.(*dayShape)
}

// regOf is the register of series, as state's meter m (nil for none) says it reads:
// its mean use (what its readings show, over the year their seasons make it) and its
// latest reading, in household h.
func regOf(series uint64, m *Meter, h household) meterReg {
	if m != nil && m.memo != nil && m.memo.of == m && m.memo.series == series && m.memo.zone == h.zone {
		return m.memo.reg
	}
	r := buildReg(series, m, h)
	if m != nil && m.Before != nil {
		before := regOf(series, m.Before, h)
		r.before, r.from = &before, m.HeldFrom
	}
	if m != nil {
		m.memo = &regMemo{of: m, series: series, zone: h.zone, reg: r}
	}
	return r
}

// buildReg works out regOf's register.
func buildReg(series uint64, m *Meter, h household) meterReg {
	r := meterReg{series: series, mean: meanSlot(series), season: ElectricitySeason, home: h, kw: chargeKW}
	if m == nil {
		return r
	}
	if m.Season > 0 {
		r.season = m.Season
	}
	if m.Solar > 0 {
		r.solar, r.mean, r.season = m.Solar, m.Solar*solarPerKW, solarSeason
		if m.SolarYield > 0 {
			r.mean *= m.SolarYield / britishYield
		}
		if m.HomeUse > 0 {
			r.surplus = surplusOf(surplusKey{series: series, kw: r.solar, mean: r.mean, use: m.HomeUse, home: h})
		}
		if !m.ReadAt.IsZero() {
			r.offset = m.Read - r.at(m.ReadAt)
		}
		return r
	}
	for _, p := range m.OffPeaks {
		sf := shapeFrom{day: floorDiv(slotOf(p.From)+h.shift, 48), shape: shapeOf(p.OffPeak)}
		switch {
		case r.nShapes > 0 && r.shapes[r.nShapes-1].shape == sf.shape: // no change
		case r.nShapes == maxShapes:
			copy(r.shapes[:], r.shapes[1:])
			r.shapes[maxShapes-1] = sf
		default:
			r.shapes[r.nShapes] = sf
			r.nShapes++
		}
	}
	if m.ChargeKW > 0 {
		r.kw = m.ChargeKW
	}
	r.car = carOf(r.mean, h, m.Charging)
	if r.car != nil {
		r.car.kw = r.kw
		r.car.suspended = m.Suspended
	}
	r.hp = heatPumpOf(m.Heating, h)
	r.boosts = m.Boosts
	if m.PerHalfHour > 0 {
		r.mean = m.PerHalfHour
		if x1, x2 := r.dayAt(m.Since), r.dayAt(m.ReadAt); !m.Since.IsZero() && !m.ReadAt.IsZero() && x2 > x1 {
			// The readings' use is the household's, swinging with the seasons, and the
			// car's while it charged, which does not.
			var charged float64
			if r.car != nil {
				to := x2
				if !m.Charging.To.IsZero() {
					to = min(to, r.dayAt(m.Charging.To))
				}
				charged = max(to-max(x1, r.dayAt(m.Charging.From)), 0)
			}
			// The heat pump's draw is the weather's, so the household's is what is left.
			own := m.PerHalfHour * (x2 - x1)
			if r.hp != nil {
				own = max(own-r.hp.drawn(h, m.Since, m.ReadAt)/48, own/5)
			}
			r.mean = own / (r.days(x2) - r.days(x1) + CarShare*charged)
		}
		if r.car != nil {
			r.car.perNight = 48 * CarShare * r.mean
		}
	}
	if r.car != nil {
		r.car.plan(series, m.Boosts, m.Battery)
	}
	r.cuts = r.cutsOf(m.Cuts)
	if !m.ReadAt.IsZero() {
		r.offset = m.Read - r.at(m.ReadAt)
	}
	return r
}

// cutsOf are cuts in the register's slots, each what it takes off the household's own
// use; none overlaps the one before.
func (r meterReg) cutsOf(cuts []Cut) []regCut {
	var out []regCut
	total := 0.0
	for _, c := range cuts {
		k0, k1 := slotOf(c.From), slotOf(c.To)
		if n := len(out); n > 0 {
			k0 = max(k0, out[n-1].k1)
		}
		if k1 <= k0 || c.Share <= 0 {
			continue
		}
		rc := regCut{k0: k0, k1: k1, share: min(c.Share, 1), before: total}
		rc.whole = rc.share * (r.own(k1) - r.own(k0))
		total += rc.whole
		out = append(out, rc)
	}
	return out
}

// cutBefore is how much less of its own the household used before slot k for its cuts.
func (r meterReg) cutBefore(k int64) float64 {
	i, _ := slices.BinarySearchFunc(r.cuts, k, func(c regCut, k int64) int { return cmp.Compare(c.k0, k) })
	if i == 0 {
		return 0
	}
	c := r.cuts[i-1]
	if k >= c.k1 {
		return c.before + c.whole
	}
	return c.before + c.share*(r.own(k)-r.own(c.k0))
}

// dayAt is t's day of the household's calendar since registerOrigin, with its fraction.
func (r meterReg) dayAt(t time.Time) float64 {
	return (float64(t.Sub(registerOrigin))/float64(slot) + float64(r.home.shift)) / 48
}

// seasonRate is the angle a year of days turns the seasons through, a day.
const seasonRate = 2 * math.Pi / 365.2425

// days is the use of the household's days before day x, in mean days: one a day, more
// around the peak of its seasons and less half a year on.
func (r meterReg) days(x float64) float64 {
	return x + r.season/seasonRate*(math.Sin(seasonRate*(x-r.home.peak))-r.home.sinPeak)
}

// shapeOn is the register's day shape on a day whose clocks are ahead of its household's
// standard time (nil for a household's own): its tariff's, whose off-peak hours keep
// the clocks, as the household's use does, so that on a day of summer time both fall an
// hour earlier in the household's standard-time day (a Standard window's stay, while the
// use moves); a sunlit shape's hours are the sun's of that day (sunlitOn).
func (r meterReg) shapeOn(day int64, ahead time.Duration) *dayShape {
	var shape *dayShape
	for i := r.nShapes - 1; i >= 0; i-- {
		if shape = r.shapes[i].shape; day >= r.shapes[i].day {
			break
		}
	}
	if shape == nil || ahead == 0 && !shape.op.Sun {
		return shape
	}
	op := shape.op
	switch {
	case op.Sun:
		op = r.sunlitOn(day, op)
	case !op.Standard:
		op.From, op.To = op.From-ahead, op.To-ahead
	}
	if s := shapeIn(op, rotOf(ahead)); s != nil {
		return s
	}
	return shape
}

// aheadOn is how far the household's clocks are ahead of its standard time on a day.
func (r meterReg) aheadOn(day int64) time.Duration {
	if r.home.zone == nil {
		return 0
	}
	return r.home.summerOn(day)
}

// summerOn is how far the household's clocks are ahead of its standard time at noon on
// a day (days since registerOrigin's, in its standard time).
func (h household) summerOn(day int64) time.Duration {
	noon := registerOrigin.Add(time.Duration(day*48-h.shift+24) * slot)
	_, offset := noon.In(h.zone).Zone()
	return time.Duration(offset)*time.Second - time.Duration(h.shift)*slot
}

// atSlot is the register in kWh at the start of slot k: the days before it at their
// seasons' use, and its day's share of its own use so far.
func (r meterReg) atSlot(k int64) float64 {
	if r.solar > 0 {
		return r.solarAt(k)
	}
	v := r.offset + r.own(k)
	if len(r.cuts) > 0 {
		v -= r.cutBefore(k)
	}
	if r.car != nil {
		v += r.car.before(r.series, r.home, k)
	}
	if r.hp != nil {
		v += r.hp.before(r.home, k).in
	}
	return v
}

// own is the household's own part of the register at the start of slot k, uncut: the
// days before it at their seasons' use, and its day's share of its own use so far.
func (r meterReg) own(k int64) float64 {
	day, j := (k+r.home.shift)/48, (k+r.home.shift)%48
	if j < 0 {
		day, j = day-1, j+48
	}
	base := 1000 + 8000*unit(fake.Mix64(r.series^0x510e527fade682d1))
	d0, d1 := r.days(float64(day)), r.days(float64(day+1))
	ahead := r.aheadOn(day)
	cum, wob := &clockDays[rotOf(ahead)], wobble(r.series, k)
	if shape := r.shapeOn(day, ahead); shape != nil {
		cum = &shape.cum
		if shape.edge(j) {
			wob = 0
		}
	}
	return base + r.mean*(48*d0+(d1-d0)*(cum[j]+wob))
}

// at is the cumulative register in kWh at t, linear within a half hour but for its boost
// charges, which draw at their own times; before from, the earlier household's.
func (r meterReg) at(t time.Time) float64 {
	if r.before != nil && t.Before(r.from) {
		return r.before.at(t)
	}
	d := t.Sub(registerOrigin)
	k := int64(d / slot)
	if d < 0 && d%slot != 0 {
		k--
	}
	lo := r.atSlot(k)
	if len(r.boosts) > 0 { // a boost draws from the minute it was asked for
		lo += r.boosted(t)
	}
	if frac := float64(d-time.Duration(k)*slot) / float64(slot); frac > 0 {
		return lo + (r.atSlot(k+1)-r.atSlot(k))*frac
	}
	return lo
}

// whPerKWh is the grain the register is read to: the watt hour, 0.001 kWh, as a
// captured telemetry answer ("84.0000" Wh) and a kWh Decimal to three places give it.
const whPerKWh = 1000

// read is the register as read at t, in kWh: at rounded once, to the watt hour. Every
// energy, cost and register a client reads derives from it, so half hours add up to
// exactly their day and month, and each to the readings at its ends.
func (r meterReg) read(t time.Time) float64 {
	return math.Round(r.at(t)*whPerKWh) / whPerKWh
}

// over is the energy in kWh from sp's start to its end, the difference of the register
// read at each (to the watt hour); a reading at an instant counts the half hour before it.
func (r meterReg) over(sp span) float64 {
	a, b := sp.start, sp.end
	if !b.After(a) {
		a = b.Add(-slot)
	}
	return r.read(b) - r.read(a)
}

// drawn is the energy in kWh from sp's start to its end, unrounded: what a mean power
// over a span of seconds is worked out from.
func (r meterReg) drawn(sp span) float64 {
	return r.at(sp.end) - r.at(sp.start)
}

// unitRate is the series' unit rate before tax, in pence per kWh: 18–30.
func unitRate(series uint64) float64 {
	return 18 + math.Round(1200*unit(fake.Mix64(series^0x1f83d9abfb41bd6b)))/100
}

// quantityValue is an object's quantity over its span, in the field's unit. A reading
// of a series reads the series' register (through state's meter m, when there is one); a
// lone reading or usage its own. A cost is at m's tariff, when state gives it, else at
// the series' own unit rate. What lasts and is a car's charge (steady: a dispatch, a
// charge) draws a steady 1.5–7.3 kW of its own, for up to a day; false leaves a longer
// one to the Faker. key varies an instant's demand about the mean; h is the household.
func quantityValue(q quantity, series, key uint64, sp span, m *Meter, h household, steady bool) (float64, bool) {
	if q.export {
		if m == nil || m.Export == nil {
			return 0, true // a meter that counts no export has sent none out
		}
		m, series = m.Export, fake.HashStrings("register", m.Export.Register)
	}
	lasting := steady && series == 0 && sp.end.After(sp.start) // a dispatch, a charge
	if series == 0 {
		series = key
	}
	reg := regOf(series, m, h)
	energy := reg.over
	carDrawn := steady && (reg.car != nil || len(reg.boosts) > 0)
	if carDrawn { // a dispatch of a car its meter measures
		energy = reg.charged
	}
	if lasting {
		if sp.end.Sub(sp.start) > 24*time.Hour {
			return 0, false
		}
		kw := 1.5 + float64(newRng(key^0x2545f4914f6cdd1d).intn(58))/10
		energy = func(sp span) float64 { return kw * sp.end.Sub(sp.start).Hours() }
	}
	perUnit := 1.0
	if q.metered && m != nil && m.PerUnit > 0 {
		perUnit = m.PerUnit
	}
	switch q.kind {
	case qRegister:
		return reg.read(sp.end) * q.scale / perUnit, true
	case qPower:
		vary := 1.0 // a reading's mean power over its span; an instant's varies about it
		if !sp.end.After(sp.start) {
			sp.start = sp.end.Add(-10 * time.Second)
			vary = 0.85 + 0.3*unit(fake.Mix64(key^0x6a09e667f3bcc908))
		}
		exported := meterReg.over
		if sp.end.Sub(sp.start) < slot { // too short for whole watt hours to tell its power
			if !lasting && !carDrawn {
				energy = reg.drawn
			}
			exported = meterReg.drawn
		}
		hours := sp.end.Sub(sp.start).Hours()
		kw := energy(sp) / hours
		if !q.export && m != nil && m.Export != nil { // net of what the home sends out: negative while it exports
			out := regOf(fake.HashStrings("register", m.Export.Register), m.Export, h)
			kw -= exported(out, sp) / hours
		}
		return kw * vary * q.scale, true
	case qCost:
		if m == nil || m.Rate == nil {
			return energy(sp) * unitRate(series) * q.scale * q.tax, true
		}
		return costAt(sp, energy, m.Rate) * q.scale * q.tax, true
	}
	if q.share > 0 {
		return energy(sp) * q.scale * q.share / perUnit, true
	}
	return energy(sp) * q.scale / perUnit, true
}

// maxCostSlots bounds the half hours a cost is summed over (a month's), so that a span
// of years costs what a month does to work out.
const maxCostSlots = 31 * 48

// costAt is the cost in pence of the energy over sp at a rate that may change on the
// half hour (a time-of-use tariff): each half hour's energy at that half hour's rate, so
// an hour costs what its two half hours do. Past maxCostSlots, the rest is at the last
// rate.
func costAt(sp span, energy func(span) float64, rate func(time.Time) float64) float64 {
	if !sp.end.After(sp.start) {
		return energy(sp) * rate(sp.end.Add(-slot))
	}
	var cost float64
	at := sp.start
	for i := 0; at.Before(sp.end); i++ {
		next := at.Truncate(slot).Add(slot)
		if i == maxCostSlots || next.After(sp.end) {
			next = sp.end
		}
		cost += energy(span{start: at, end: next}) * rate(at)
		at = next
	}
	return cost
}

// Units a description may state, as in "measured in Wh" or "in pence".
var (
	unitWh     = lazyre.New(`\b(in|of) (Wh|watt[- ]hours)\b`)
	unitW      = lazyre.New(`\b(in|of) (W|watts)\b`)
	unitPounds = lazyre.New(`\bin (pounds|GBP|£)`)
)

// quantities are the numeric fields of a reading type that the register answers, by
// name: energy (consumption, delta, kWh), the register an energy field's delta comes
// from, demand, and the cost of the energy, with tax at the factor tax where its name
// says so. A type with no energy field has none.
func quantities(s *ast.Schema, def *ast.Definition, tax float64) map[string]quantity {
	tw := words(def.Name)
	telemetry := hasWord(tw, "telemetry")
	var out map[string]quantity
	add := func(name string, q quantity) {
		if telemetry {
			q.decimals = 4 // "84.0000" Wh, "1.5117" p, as a captured telemetry answer gives them
		}
		if out == nil {
			out = map[string]quantity{}
		}
		out[name] = q
	}
	for _, f := range def.Fields {
		if f.Type.Elem != nil || !isNumeric(s, f.Type.NamedType) || len(f.Arguments) > 0 {
			continue
		}
		ws := words(f.Name)
		if telemetry && hasWord(ws, "export", "exported") && !hasWord(ws, "cost", "price", "rate", "carbon", "limit") {
			q := quantity{kind: qRegister, scale: 1000, export: true} // a telemetry's export, beside its consumption, in Wh
			if hasWord(ws, "delta") {
				q.kind = qEnergy
			}
			add(f.Name, q)
			continue
		}
		if hasWord(ws, "kwh", "energy", "delta", "consumption", "delivered", "usage") && !hasWord(ws, "annual", "eac", "cost", "price", "rate", "percentage", "carbon", "per", "points") ||
			f.Name == "value" && hasWord(tw, "consumption", "measurement", "reading", "usage") && !hasWord(tw, "rate", "price", "cost", "temperature") {
			q := quantity{kind: qEnergy, scale: 1, decimals: 3}
			if unitWh().MatchString(fieldDoc(f)) || telemetry && !hasWord(ws, "kwh") {
				q.scale, q.decimals = 1000, 1
			}
			// A meter's consumption (ConsumptionType) is in the units it counts; a
			// measurement, telemetry or statistic says its unit, or is in kWh.
			q.metered = q.scale == 1 && !hasWord(ws, "kwh") && len(tw) == 2 && tw[0] == "consumption"
			if hasWord(ws, "cumulative", "register") || def.Fields.ForName(f.Name+"Delta") != nil {
				q.kind = qRegister
			}
			add(f.Name, q)
		}
	}
	if out == nil {
		return nil
	}
	shareParts(out)
	for _, f := range def.Fields {
		if _, ok := out[f.Name]; ok || f.Type.Elem != nil || !isNumeric(s, f.Type.NamedType) || len(f.Arguments) > 0 {
			continue
		}
		ws := words(f.Name)
		switch {
		case hasWord(ws, "demand", "power", "load") && !hasWord(ws, "factor", "max", "maximum", "min", "minimum", "limit", "capacity"):
			q := quantity{kind: qPower, scale: 1, decimals: 3}
			if unitW().MatchString(fieldDoc(f)) || telemetry || hasWord(ws, "watt", "w") {
				q.scale, q.decimals = 1000, 1
			}
			add(f.Name, q)
		case hasWord(ws, "cost", "charge", "price", "amount") && !hasWord(ws, "rate", "unit", "standing", "per"):
			q := quantity{kind: qCost, scale: 1, decimals: 2, tax: 1}
			if hasWord(ws, "with", "inc", "incl", "including", "gross") && !hasWord(ws, "without", "excl", "excluding", "pre", "net") {
				q.tax = tax
			}
			if unitPounds().MatchString(fieldDoc(f)) || hasWord(ws, "pound", "gbp") {
				q.scale, q.decimals = 0.01, 4
			}
			add(f.Name, q)
		}
	}
	return out
}

// partWeights are how much of a household's use each part of a time-of-use total takes,
// by the word that names it; a part named otherwise weighs 2.
var partWeights = map[string]float64{"peak": 4, "shoulder": 3, "off": 3, "offpeak": 3, "night": 3, "day": 7, "controlled": 1}

// shareParts gives the energy fields that a total beside them is made of (a usage's
// peakUsage, offPeakUsage, shoulderUsage and controlledLoadUsage beside its totalUsage)
// their shares of the total, by the words that name them, so that they add up to it.
func shareParts(qs map[string]quantity) {
	total := false
	var parts []string
	for name, q := range qs {
		switch {
		case q.kind != qEnergy:
		case hasWord(words(name), "total"):
			total = true
		default:
			parts = append(parts, name)
		}
	}
	if !total || len(parts) < 2 {
		return
	}
	weight := func(name string) float64 {
		ws := words(name)
		if len(ws) > 1 && ws[0] == "off" {
			return partWeights["off"]
		}
		for _, w := range ws {
			if v, ok := partWeights[w]; ok {
				return v
			}
		}
		return 2
	}
	var sum float64
	for _, p := range parts {
		sum += weight(p)
	}
	for _, p := range parts {
		q := qs[p]
		q.share = weight(p) / sum
		qs[p] = q
	}
}
