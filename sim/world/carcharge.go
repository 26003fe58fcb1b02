package world

import (
	"cmp"
	"math"
	"math/bits"
	"slices"
	"time"

	"github.com/krakensim/krakensim/sim/fake"
)

// A car under a supplier's smart control (Intelligent Octopus Go) charges in the
// off-peak night (by the clocks, as the tariff's rates keep them), in the half hours its
// plan dispatches, and its meter measures it: a state meter whose household has such a
// car (Meter.Charging) draws, while it does, the car's charges on top of the household's
// own day, half as much again on average. A night's charge takes the car from its charge
// at the night's start to the target its owner set for the next morning (Meter.Battery),
// counted on from the nights, days and boosts before it, so that the meter's half hours,
// the planned and completed dispatches, the cost of charging and the car's state of
// charge are one charge.

// chargeKW is the power a home charger draws at when its make is not known: a 7 kW
// wallbox's.
const chargeKW = 7.0

// ChargeKW is the power a household's car charges at through the devices it has: the
// least of the powers the makers of its car and charger state (a 7.4 kW charger for a
// car that takes 11 kW: 7.4), chargeKW when they state none.
func ChargeKW(devices []Device) float64 {
	kw := 0.0
	for _, d := range devices {
		for _, kind := range []string{"vehicle", "chargepoint"} { // not a heat pump's or a battery's power
			if spec, ok := fake.ModelSpec(d.Type, kind, d.Make, d.Model); ok && spec.PowerKW > 0 && (kw == 0 || spec.PowerKW < kw) {
				kw = spec.PowerKW
			}
		}
	}
	if kw == 0 {
		return chargeKW
	}
	return kw
}

// CarShare is the car's use against its household's own, on average.
const CarShare = 0.5

// carCharge is a register's car: the energy in kWh its owner drives on a day on
// average; the part of the off-peak night it charges in: its first half hour from the
// day's start (negative for the evening before) and how many half hours it may charge,
// up to readyBy; and the nights it charges, first to last (exclusive). Each night charges
// it to the charge its owner set for the next morning, as far as the night's half hours
// reach, from what the day before left: the morning before's, less what it was driven,
// plus what boost charges put in since.
type carCharge struct {
	home household
	// kw is the power it charges at.
	kw          float64
	perNight    float64
	from, hours int64
	first, last int64
	// suspended are the spans its smart control was suspended: a night it covers
	// before it began is charged from plug-in, not as the supplier planned.
	suspended []Boost
	// topped are the energy in kWh boost charges put in the car between a night's start
	// and the next's, by the later night, in order.
	topped []topUp
	// tops are the charge in kWh the car is to have each morning, from a night on (the
	// first also before it); nil when not known, when each night puts back the day's.
	tops []nightTops
	// walk is whether a night's charge follows from the nights before it: where the
	// targets differ from morning to morning, or boosts filled the car; else each night
	// puts back what the day before drove.
	walk bool
	// walks are the car's charge at the start of each night of the blocks of carBlock
	// nights walked so far, by block from its first night.
	walks map[int64][carBlock]float64
}

// topUp is what boost charges put in a car before its night n began, after the night
// before did, in kWh, and what they put in before that.
type topUp struct {
	n            int64
	kwh, earlier float64
}

// nightTops is the charge in kWh a car is to have each morning after the nights from n
// on, by the weekday of the morning.
type nightTops struct {
	n   int64
	kwh [7]float64
}

// plan notes the boost charges that filled the car, by the nights between whose starts
// they drew, and the targets its battery's mornings set; where those are not known, a
// boost spares only the next night's charge.
func (c *carCharge) plan(series uint64, boosts []Boost, b Battery) {
	for _, bo := range boosts {
		for t := bo.From; t.Before(bo.To); {
			n, _ := c.nightOf(c.home, slotOf(t))
			end := minTime(bo.To, registerOrigin.Add(time.Duration(c.nightStart(c.home, n+1))*slot))
			if !end.After(t) {
				break
			}
			kwh := c.kw * end.Sub(t).Hours()
			if i, found := c.toppedAt(n + 1); found {
				c.topped[i].kwh += kwh
			} else {
				c.topped = slices.Insert(c.topped, i, topUp{n: n + 1, kwh: kwh})
			}
			t = end
		}
	}
	var earlier float64
	for i := range c.topped {
		t := &c.topped[i]
		if b.KWh <= 0 {
			t.kwh = min(t.kwh, c.nightKWh(series, t.n))
		}
		t.earlier = earlier
		earlier += t.kwh
	}
	if b.KWh <= 0 {
		return
	}
	for _, m := range b.Mornings {
		t := nightTops{n: math.MinInt64}
		if !m.From.IsZero() {
			t.n = c.nightFrom(c.home, m.From)
		}
		for d, p := range m.Percent {
			t.kwh[d] = b.KWh * min(max(p, 0), 100) / 100
		}
		if k := len(c.tops); k > 0 && c.tops[k-1].n >= t.n {
			c.tops = c.tops[:k-1]
		}
		c.tops = append(c.tops, t)
	}
	c.walk = len(c.topped) > 0 || 1.6*c.perNight > c.full()
	for _, t := range c.tops {
		for _, kwh := range t.kwh {
			c.walk = c.walk || kwh != c.tops[0].kwh[0]
		}
	}
}

// toppedAt is where night n is, or would be, among the nights boosts topped up.
func (c *carCharge) toppedAt(n int64) (int, bool) {
	return slices.BinarySearchFunc(c.topped, n, func(t topUp, n int64) int { return cmp.Compare(t.n, n) })
}

// toppedThrough is what boost charges put in the car before night n began, counted from
// the first.
func (c *carCharge) toppedThrough(n int64) float64 {
	i, found := c.toppedAt(n)
	if found {
		return c.topped[i].earlier + c.topped[i].kwh
	}
	if i == 0 {
		return 0
	}
	return c.topped[i-1].earlier + c.topped[i-1].kwh
}

// toppedBefore is what boost charges put in the car between night n-1's start and n's.
func (c *carCharge) toppedBefore(n int64) float64 {
	if i, found := c.toppedAt(n); found {
		return c.topped[i].kwh
	}
	return 0
}

// full is the most a night charges: its half hours at the car's power.
func (c *carCharge) full() float64 { return float64(c.hours) * c.kw / 2 }

// top is the charge in kWh the car is to have the morning after night n: the targets in
// force when the night began, for the weekday of the day the night ends on; 0 where
// they are not known (only differences matter then).
func (c *carCharge) top(n int64) float64 {
	for i := len(c.tops) - 1; i >= 0; i-- {
		if c.tops[i].n <= n || i == 0 {
			return c.tops[i].kwh[floorMod(originWeekday+n, 7)]
		}
	}
	return 0
}

// originWeekday is the weekday of registerOrigin's day, from which nights are counted.
const originWeekday = int64(time.Thursday)

// floorMod is a modulo b (b > 0), never negative.
func floorMod(a, b int64) int64 { return a - floorDiv(a, b)*b }

// carBlock is how many nights one walk of the car's charge serves: the nights of a block
// are counted on from the start of the block before (from its first night), the car
// taken to have been at its target the morning before then, so that each night has at
// least carBlock nights behind it, enough for one to have reached its target however
// the targets and boosts moved it; and each block is walked once a register.
const carBlock = 14

// atStart is the car's charge in kWh as night n begins: what the morning before left,
// less what it was driven through the day, plus what boosts put in since the night
// before began; counted on from the nights before, by carBlock, where they move it.
func (c *carCharge) atStart(series uint64, n int64) float64 {
	if !c.walk || n < c.first {
		return c.top(n-1) - c.nightKWh(series, n) + c.toppedBefore(n)
	}
	k := floorDiv(n-c.first, carBlock)
	w, ok := c.walks[k]
	if !ok {
		j := c.first + max(k-1, 0)*carBlock
		s := c.top(j-1) - c.nightKWh(series, j) + c.toppedBefore(j)
		for ; j < c.first+k*carBlock; j++ {
			s = c.after(series, j, s)
		}
		for i := range w {
			w[i] = s
			s = c.after(series, j, s)
			j++
		}
		if c.walks == nil {
			c.walks = map[int64][carBlock]float64{}
		}
		c.walks[k] = w
	}
	return w[n-c.first-k*carBlock]
}

// after is the car's charge in kWh as night n+1 begins, from s as night n began: what
// night n drew, less the next day's driving, plus the boosts between.
func (c *carCharge) after(series uint64, n int64, s float64) float64 {
	return s + c.charge(n, s) - c.nightKWh(series, n+1) + c.toppedBefore(n+1)
}

// charge is what night n draws from charge s at its start: up to the next morning's
// target, as far as its half hours reach.
func (c *carCharge) charge(n int64, s float64) float64 {
	return min(max(c.top(n)-s, 0), c.full())
}

// kwh is the energy in kWh night n of the register's series draws.
func (c *carCharge) kwh(series uint64, n int64) float64 {
	return c.charge(n, c.atStart(series, n))
}

// drawnUpTo is the energy in kWh of the register's nights before night n, counted from
// a fixed night: each night puts back what the day before it drove and what moved the
// car's charge, less what boosts put in, so that the sum of any run of nights is the
// charge they moved it by and the driving and boosts between.
func (c *carCharge) drawnUpTo(series uint64, n int64) float64 {
	return c.atStart(series, n) + c.upTo(series, n+1) - c.toppedThrough(n)
}

// plugInLead is how long before the off-peak night a car not under smart control is
// plugged in and charges at once (18:00 for a night from 23:30), in half hours.
const plugInLead = 11

// carOf is the car of a household whose own mean use per half hour is mean, charging
// CarShare as much again in the span's off-peak hours on the nights that begin within
// it; nil for none.
func carOf(mean float64, h household, cs ChargeSpan) *carCharge {
	shape := shapeOf(cs.Night)
	if shape == nil || cs.From.IsZero() {
		return nil
	}
	from := int64(-1)
	for j := int64(0); j < 48; j++ {
		if shape.off[j] && !shape.off[(j+47)%48] {
			from = j
			break
		}
	}
	if from < 0 {
		return nil
	}
	var n int64
	for shape.off[(from+n)%48] && n < 48 {
		n++
	}
	if from+n > 48 {
		from -= 48 // the night begins the evening before the day it mostly falls in
	}
	// The car is charged by the earliest time its owner may ask it to be ready.
	n = max(min(n, int64(readyBy/slot)-from), 1)
	c := &carCharge{home: h, kw: chargeKW, perNight: 48 * CarShare * mean, from: from, hours: n, last: math.MaxInt64}
	c.first = c.nightFrom(h, cs.From)
	if !cs.To.IsZero() {
		c.last = max(c.nightFrom(h, cs.To), c.first)
	}
	return c
}

// nightFrom is the first night that begins at t or after.
func (c *carCharge) nightFrom(h household, t time.Time) int64 {
	k := slotOf(t)
	n, start := c.nightOf(h, k)
	if k > start {
		n++
	}
	return n
}

// slotOf is the half hour t falls in, counted as atSlot counts them.
func slotOf(t time.Time) int64 { return floorDiv(int64(t.Sub(registerOrigin)/time.Minute), 30) }

// readyBy is the earliest a car's owner may ask it to be charged by (Intelligent Octopus
// Go's app offers 04:00 to 11:00), which its smart charge ends by whatever time is asked.
const readyBy = 4 * time.Hour

// nightPlan is one night's charge: its energy in kWh, and the half hours it draws in, a
// bit each from the night's start.
type nightPlan struct {
	kwh     float64
	charges uint64
	count   int
}

// mix draws the next of a sequence of hashes from h.
func mix(h *uint64) uint64 {
	*h += 0x9e3779b97f4a7c15
	return fake.Mix64(*h)
}

// night is the plan of night n of the register's series: its energy (kwh), in the half
// hours it needs at the car's power, no more, in one to three runs.
func (c *carCharge) night(series uint64, n int64) nightPlan {
	p := nightPlan{kwh: c.kwh(series, n)}
	if p.kwh <= 0 {
		return p // a boost charge filled it: no charge this night
	}
	h := series ^ uint64(n)*0x94d049bb133111eb ^ 0x2127599bf4325c37
	need := int(math.Ceil(p.kwh/(c.kw/2) - 1e-9))
	mix(&h) // the draw that once added a half hour to spread the charge thinner
	p.count = min(max(need, 1), int(c.hours))
	runs := min(1+int(mix(&h)%3), p.count)
	free := int(c.hours) - p.count
	// Cut the charge into runs and the free half hours into the gaps before, between
	// and after them.
	var lens [3]int
	var gaps [4]int
	for i := range runs {
		lens[i] = 1
	}
	for left := p.count - runs; left > 0; left-- {
		lens[mix(&h)%uint64(runs)]++
	}
	for ; free > 0; free-- {
		gaps[mix(&h)%uint64(runs+1)]++
	}
	at := 0
	for i := range runs {
		at += gaps[i]
		for range lens[i] {
			p.charges |= 1 << at
			at++
		}
	}
	return p
}

// nightKWh is the energy in kWh the car is driven through the day before night n of
// the register's series: days pair up, one driving more than the mean by as much as
// the other drives less (up to three fifths), so that the driving of any run of days is
// known without summing them.
func (c *carCharge) nightKWh(series uint64, n int64) float64 {
	h := series ^ uint64(n>>1)*0xd1b54a32d192ed03 ^ 0x6c8e9cf570932bd5
	delta := 1.2 * (unit(mix(&h)) - 0.5)
	if n&1 == 1 {
		delta = -delta
	}
	return c.perNight * (1 + delta)
}

// nightStart is the first half hour of night n, counted as atSlot counts them: the
// night's first half hour by the clocks of the household's zone (the tariff's off-peak
// hours keep them, summer time too), on the day n days after registerOrigin's.
func (c *carCharge) nightStart(h household, n int64) int64 {
	s := 48*n + c.from - h.shift // by standard time
	if h.zone == nil {
		return s
	}
	_, offset := registerOrigin.Add(time.Duration(s) * slot).In(h.zone).Zone()
	return s - (int64(offset)/int64(slot/time.Second) - h.shift)
}

// nightOf is the night that slot k falls in (between its start and the next night's)
// and its first half hour.
func (c *carCharge) nightOf(h household, k int64) (n, start int64) {
	n = floorDiv(k+h.shift-c.from, 48)
	start = c.nightStart(h, n)
	switch {
	case k < start:
		n--
		start = c.nightStart(h, n)
	case k-start >= 40 && k >= c.nightStart(h, n+1): // the clocks move a night by hours at most
		n++
		start = c.nightStart(h, n)
	}
	return n, start
}

// before is the energy in kWh the car drew before slot k since its first night.
func (c *carCharge) before(series uint64, h household, k int64) float64 {
	v := c.planned(series, h, k)
	if len(c.suspended) > 0 {
		v += c.uncontrolled(series, h, k)
	}
	return v
}

// uncontrolled is what the car's nights under suspended control drew before slot k
// beyond what their plan would have: the plan's part before the car charged on its own,
// then the rest of the night's energy at its power until control resumed, and what it
// still needed then in the plan's slots after it, less the plan's part of it so far
// (only the one or two nights about k differ).
func (c *carCharge) uncontrolled(series uint64, h household, k int64) float64 {
	n, _ := c.nightOf(h, k)
	var adj float64
	for _, m := range [2]int64{n, n + 1} {
		from, until, ok := c.plugIn(h, m)
		if !ok || k <= from {
			continue
		}
		base := c.nightBefore(series, h, m, from)
		drawn := base + min(c.kwh(series, m)-base, c.kw/2*float64(min(k, until)-from))
		if k > until {
			if left, plan := c.leftAtResume(series, h, m, from, until); left > 0 && plan > 0 {
				drawn += left * (c.nightBefore(series, h, m, k) - c.nightBefore(series, h, m, until)) / plan
			}
		}
		adj += drawn - c.nightBefore(series, h, m, k)
	}
	return adj
}

// leftAtResume is what night n's car still needed in kWh when its smart control resumed
// at slot until, having charged on its own from slot from, and what the plan's slots
// from then hold: the supplier draws the one in the other's slots.
func (c *carCharge) leftAtResume(series uint64, h household, n, from, until int64) (left, plan float64) {
	kwh := c.kwh(series, n)
	base := c.nightBefore(series, h, n, from)
	left = kwh - base - min(kwh-base, c.kw/2*float64(until-from))
	return left, kwh - c.nightBefore(series, h, n, until)
}

// plugIn is the half hour from which the car charges on its own on night n, as a car
// charges when its supplier does not control it: at plug-in when its smart control was
// suspended before the night began and not resumed before it was plugged in, or when
// control was suspended if later; at the next half hour when control was suspended
// during the night, after the plan's part before it. until is the half hour from which
// control resumed, the supplier then planning what the car still needs (math.MaxInt64
// while it has not). false for a night under smart control throughout.
func (c *carCharge) plugIn(h household, n int64) (from, until int64, ok bool) {
	if n < c.first || n >= c.last {
		return 0, 0, false
	}
	start := c.nightStart(h, n)
	plug := start - plugInLead
	at := func(k int64) time.Time { return registerOrigin.Add(time.Duration(k) * slot) }
	for _, sp := range c.suspended {
		if !sp.To.IsZero() && !sp.To.After(at(plug)) || !sp.From.Before(at(start+c.hours)) {
			continue
		}
		from = max(plug, slotOf(sp.From.Add(slot-time.Nanosecond)))
		until = math.MaxInt64
		if !sp.To.IsZero() {
			until = max(from, slotOf(sp.To.Add(slot-time.Nanosecond)))
		}
		return from, until, true
	}
	return 0, 0, false
}

// nightBefore is the part of night n's planned energy drawn before slot k.
func (c *carCharge) nightBefore(series uint64, h household, n, k int64) float64 {
	pos := k - c.nightStart(h, n)
	switch {
	case pos <= 0:
		return 0
	case pos >= c.hours:
		return c.kwh(series, n)
	}
	p := c.night(series, n)
	if p.count == 0 {
		return 0
	}
	return p.drawn(bits.OnesCount64(p.charges & (1<<pos - 1)))
}

// drawn is the part of the night's energy its first n charging half hours draw: an
// equal part each, as captured plans' slices are (a live account's 2.611 kWh each).
func (p nightPlan) drawn(n int) float64 {
	return p.kwh * float64(n) / float64(p.count)
}

// planned is the energy in kWh the car's nights drew before slot k as the supplier
// planned them.
func (c *carCharge) planned(series uint64, h household, k int64) float64 {
	n, start := c.nightOf(h, k)
	switch {
	case n < c.first:
		return 0
	case n >= c.last:
		return c.drawnUpTo(series, c.last) - c.drawnUpTo(series, c.first)
	}
	drawn := c.drawnUpTo(series, n) - c.drawnUpTo(series, c.first)
	pos := k - start
	if pos <= 0 {
		return drawn
	}
	if pos >= c.hours {
		return drawn + c.kwh(series, n)
	}
	p := c.night(series, n)
	if p.count == 0 {
		return drawn
	}
	return drawn + p.drawn(bits.OnesCount64(p.charges&(1<<pos-1)))
}

// upTo is the energy in kWh the car was driven through the days before night n, counted
// from night 0 (negative before it): a pair of days drives twice the mean.
func (c *carCharge) upTo(series uint64, n int64) float64 {
	drawn := c.perNight * float64(n)
	if n&1 == 1 { // the first of the pair drew its delta above the mean
		drawn += c.nightKWh(series, n-1) - c.perNight
	}
	return drawn
}

// floorDiv is a divided by b (b > 0), rounded down.
func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && a < 0 {
		q--
	}
	return q
}

// charged is the energy in kWh the register's car drew over sp (0 for none).
func (r meterReg) charged(sp span) float64 {
	boost := 0.0
	if len(r.boosts) > 0 {
		boost = r.boosted(sp.end) - r.boosted(sp.start)
	}
	if r.car == nil {
		return boost
	}
	return r.carAt(sp.end) - r.carAt(sp.start) + boost
}

// boosted is the energy in kWh the register's boost charges drew before t, each at the
// power its car charges at.
func (r meterReg) boosted(t time.Time) float64 {
	var kwh float64
	for _, b := range r.boosts {
		if t.After(b.From) {
			end := b.To
			if t.Before(end) {
				end = t
			}
			kwh += r.kw * end.Sub(b.From).Hours()
		}
	}
	return kwh
}

// carAt is the car's part of the register at t, linear within a half hour.
func (r meterReg) carAt(t time.Time) float64 {
	d := t.Sub(registerOrigin)
	k := int64(d / slot)
	if d < 0 && d%slot != 0 {
		k--
	}
	lo := r.car.before(r.series, r.home, k)
	if frac := float64(d-time.Duration(k)*slot) / float64(slot); frac > 0 {
		return lo + (r.car.before(r.series, r.home, k+1)-lo)*frac
	}
	return lo
}

// chargeRuns are the spans the register's car charges in over the nights that end
// after from and begin before to, in order.
func (r meterReg) chargeRuns(from, to time.Time) []span {
	c := r.car
	if c == nil {
		return nil
	}
	n0, _ := c.nightOf(r.home, slotOf(from))
	var out []span
	for n := max(n0, c.first); n < c.last; n++ {
		start := c.nightStart(r.home, n)
		if !registerOrigin.Add(time.Duration(start) * slot).Before(to) {
			return out
		}
		charges := c.night(r.series, n).charges
		if from, until, off := c.plugIn(r.home, n); off {
			// Charged on its own from then, not dispatched; once control resumed, what
			// the car still needed is dispatched in the plan's slots after it.
			keep := uint64(1)<<min(max(from-start, 0), c.hours) - 1
			if until != math.MaxInt64 && until-start < c.hours {
				if left, _ := c.leftAtResume(r.series, r.home, n, from, until); left > 0 {
					keep |= ^(uint64(1)<<max(until-start, 0) - 1)
				}
			}
			charges &= keep
		}
		for i := int64(0); i < c.hours; {
			if charges&(1<<i) == 0 {
				i++
				continue
			}
			j := i
			for j < c.hours && charges&(1<<j) != 0 {
				j++
			}
			sp := span{start: registerOrigin.Add(time.Duration(start+i) * slot), end: registerOrigin.Add(time.Duration(start+j) * slot)}
			if sp.end.After(from) && sp.start.Before(to) {
				out = append(out, sp)
			}
			i = j
		}
	}
	return out
}

// uncontrolledRuns are the spans the register's car charged from plug-in on the nights
// its smart control was suspended, that end after from and begin before to.
func (r meterReg) uncontrolledRuns(from, to time.Time) []span {
	c := r.car
	if c == nil || len(c.suspended) == 0 {
		return nil
	}
	n0, _ := c.nightOf(r.home, slotOf(from))
	n1, _ := c.nightOf(r.home, slotOf(to))
	var out []span
	for n := n0 - 1; n <= n1+1; n++ {
		plug, until, ok := c.plugIn(r.home, n)
		if !ok {
			continue
		}
		need := (c.kwh(r.series, n) - c.nightBefore(r.series, r.home, n, plug)) / c.kw
		if need <= 0 || until <= plug {
			continue
		}
		sp := span{start: registerOrigin.Add(time.Duration(plug) * slot)}
		sp.end = sp.start.Add(time.Duration(need * float64(time.Hour)))
		if until != math.MaxInt64 {
			sp.end = minTime(sp.end, registerOrigin.Add(time.Duration(until)*slot))
		}
		if sp.end.After(from) && sp.start.Before(to) {
			out = append(out, sp)
		}
	}
	return out
}
