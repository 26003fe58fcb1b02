package world

import (
	"sync"
	"time"
)

// A household's heat pump as its meter measures it: each half hour it gives the heat
// its home loses to the weather outdoors (outdoor, the same for everyone) and heats its
// water twice a day, drawing that heat over its coefficient of performance, on top of
// the household's own use. The weather is no closed form, so the half hours of a place
// are worked out once per block of a year and summed by day, and a register reads the
// sum before any half hour in two reads.

// HeatSpan is from when to when a household's heat pump runs (a zero To: still does; a
// zero From: never), how much heat its home loses for each degree it is colder outdoors
// than inside, in kW, and the heat its hot water takes a day, in kWh.
type HeatSpan struct {
	From, To time.Time
	Loss     float64
	Water    float64
	// Off are the spans its heating or its water was set off, which draw nothing.
	Off []HeatOff
}

// HeatOff is a span a household's heat pump left its heating (Space) or its hot water
// off: from From to To (a zero To: still is).
type HeatOff struct {
	Space    bool
	From, To time.Time
}

// Heats reports whether the meter's household has a heat pump at any time.
func (m Meter) Heats() bool { return !m.Heating.From.IsZero() && m.Heating.Loss > 0 }

// HeatUse is what a household's heat pump drew and gave over a span, in kWh (or, at an
// instant, kW), of which its hot water's, and the mean temperature outdoors, in °C.
type HeatUse struct {
	In, Out, Outdoor  float64
	WaterIn, WaterOut float64
}

// COP is the coefficient of performance: heat given over electricity drawn (0 for none).
func (u HeatUse) COP() float64 {
	if u.In <= 0 {
		return 0
	}
	return u.Out / u.In
}

// HeatPump is what the household's heat pump drew and gave from from to to (zero for a
// meter without one), and the temperature outdoors over that span (at from, for none).
func (r Register) HeatPump(from, to time.Time) HeatUse {
	hp := r.reg.hp
	if !to.After(from) {
		return HeatUse{Outdoor: outdoor(from.In(r.reg.home.loc()))}
	}
	u := HeatUse{Outdoor: meanOutdoor(from.In(r.reg.home.loc()), to.In(r.reg.home.loc()))}
	if hp == nil {
		return u
	}
	a, b := hp.at(r.reg.home, from), hp.at(r.reg.home, to)
	u.In, u.Out, u.WaterIn, u.WaterOut = b.in-a.in, b.out-a.out, b.waterIn-a.waterIn, b.waterOut-a.waterOut
	return u
}

// HeatPumpNow is the household's heat pump's power at t, in kW (what it draws and gives
// in t's half hour), and the temperature outdoors at t.
func (r Register) HeatPumpNow(t time.Time) HeatUse {
	k := slotOf(t)
	from := registerOrigin.Add(time.Duration(k) * slot)
	u := r.HeatPump(from, from.Add(slot))
	u.In, u.Out, u.WaterIn, u.WaterOut, u.Outdoor = 2*u.In, 2*u.Out, 2*u.WaterIn, 2*u.WaterOut, outdoor(t.In(r.reg.home.loc()))
	return u
}

// loc is the household's zone (UTC for none).
func (h household) loc() *time.Location {
	if h.zone == nil {
		return time.UTC
	}
	return h.zone
}

// heatPump is a household's heat pump in a register: from slot first to slot last
// (exclusive; maxSlot for still), its home's loss in kW per degree and its water's
// heat a day in kWh.
type heatPump struct {
	first, last int64
	loss, water float64
	// base is the block its first half hour is in, origin the sums of its block before it.
	base   int64
	origin heatSlot
	// offs are the spans of slots its heating or water was off, and what each left undrawn.
	offs []heatOff
}

// heatOff is a span of slots [from, to) whose heating (space) or water drew nothing, and
// what it would have drawn and given (for a span that has ended).
type heatOff struct {
	space    bool
	from, to int64
	undrawn  heatSums
}

// heatPumpOf is the heat pump of a household that has one in span hs; nil for none.
func heatPumpOf(hs HeatSpan, h household) *heatPump {
	if hs.From.IsZero() || hs.Loss <= 0 {
		return nil
	}
	hp := &heatPump{first: min(max(slotOf(hs.From), minSlot), maxSlot), last: maxSlot, loss: hs.Loss, water: max(hs.Water, 0)}
	if !hs.To.IsZero() {
		hp.last = min(max(slotOf(hs.To), hp.first), maxSlot)
	}
	hp.base = floorDiv(hp.first, heatBlockSlots)
	hp.origin = heatCum(h.loc(), hp.base, hp.first)
	for _, o := range hs.Off {
		off := heatOff{space: o.Space, from: min(max(slotOf(o.From), hp.first), hp.last), to: hp.last}
		if !o.To.IsZero() {
			off.to = min(max(slotOf(o.To), off.from), hp.last)
		}
		if off.to > off.from {
			if off.to < maxSlot { // an open span's is worked out up to the half hour read
				off.undrawn = hp.part(h, off.space, off.from, off.to)
			}
			hp.offs = append(hp.offs, off)
		}
	}
	return hp
}

// part is what the heat pump's heating (space) or water draws and gives over the slots
// [from, to).
func (hp *heatPump) part(h household, space bool, from, to int64) heatSums {
	a, b := heatCum(h.loc(), hp.base, from), heatCum(h.loc(), hp.base, to)
	if space {
		return heatSums{in: hp.loss * (b.spaceIn - a.spaceIn), out: hp.loss * (b.spaceOut - a.spaceOut)}
	}
	in, out := hp.water*(b.waterIn-a.waterIn), hp.water*(b.waterOut-a.waterOut)
	return heatSums{in: in, out: out, waterIn: in, waterOut: out}
}

// minSlot and maxSlot bound the slots a heat pump's half hours are worked out over: from
// 2000 to the end of 2199.
var minSlot, maxSlot = slotOf(time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)), slotOf(time.Date(2200, 1, 1, 0, 0, 0, 0, time.UTC))

// heatSums are energies in kWh: drawn and given, and of them the hot water's.
type heatSums struct{ in, out, waterIn, waterOut float64 }

// at is what the heat pump drew and gave before t since it was fitted, linear within a
// half hour.
func (hp *heatPump) at(h household, t time.Time) heatSums {
	d := t.Sub(registerOrigin)
	k := int64(d / slot)
	if d < 0 && d%slot != 0 {
		k--
	}
	lo := hp.before(h, k)
	if frac := float64(d-time.Duration(k)*slot) / float64(slot); frac > 0 {
		hi := hp.before(h, k+1)
		lo.in += (hi.in - lo.in) * frac
		lo.out += (hi.out - lo.out) * frac
		lo.waterIn += (hi.waterIn - lo.waterIn) * frac
		lo.waterOut += (hi.waterOut - lo.waterOut) * frac
	}
	return lo
}

// before is what the heat pump drew and gave before slot k since its first.
func (hp *heatPump) before(h household, k int64) heatSums {
	k = min(max(k, hp.first), hp.last)
	if k == hp.first {
		return heatSums{}
	}
	a, b := hp.origin, heatCum(h.loc(), hp.base, k)
	w := heatSums{waterIn: hp.water * (b.waterIn - a.waterIn), waterOut: hp.water * (b.waterOut - a.waterOut)}
	w.in, w.out = hp.loss*(b.spaceIn-a.spaceIn)+w.waterIn, hp.loss*(b.spaceOut-a.spaceOut)+w.waterOut
	for _, o := range hp.offs {
		undrawn := o.undrawn
		switch {
		case k <= o.from:
			continue
		case k < o.to || o.to == maxSlot:
			undrawn = hp.part(h, o.space, o.from, k)
		}
		w.in, w.out, w.waterIn, w.waterOut = w.in-undrawn.in, w.out-undrawn.out, w.waterIn-undrawn.waterIn, w.waterOut-undrawn.waterOut
	}
	return w
}

// heatSlot is a half hour of a home that loses a kW per degree and heats a kWh of
// water a day: the electricity its heating and its water draw, the heat they give, in
// kWh.
type heatSlot struct {
	spaceIn, spaceOut, waterIn, waterOut float64
}

func (s *heatSlot) add(o heatSlot) {
	s.spaceIn += o.spaceIn
	s.spaceOut += o.spaceOut
	s.waterIn += o.waterIn
	s.waterOut += o.waterOut
}

// heatBlockSlots is the half hours of a block: 365 days.
const heatBlockSlots = 365 * 48

// heatBlock is a place's half hours over a block of them: each its day's sum so far
// (through it), and the sums by day (byDay[d] is the block's before its day d), so
// that any half hour's sum is two reads.
type heatBlock struct {
	slots [heatBlockSlots][4]float32
	byDay [366]heatSlot
}

type heatKey struct {
	zone  string
	block int64
}

// heatBlocks are the blocks worked out so far (at most maxHeatBlocks, then made afresh:
// heatMade counts them), and heatTotals the sum of each block ever worked out, which
// every later reading adds up.
var (
	heatBlocks, heatTotals sync.Map
	heatMade               struct {
		sync.Mutex
		n int
	}
)

// maxHeatBlocks bounds the blocks kept: about 280 KB each.
const maxHeatBlocks = 24

// heatCum is the sum of a home's half hours before slot k, since the start of block
// base.
func heatCum(loc *time.Location, base, k int64) heatSlot {
	b := floorDiv(k, heatBlockSlots)
	var sum heatSlot
	for i := base; i < b; i++ {
		sum.add(heatTotal(loc, i))
	}
	for i := b; i < base; i++ {
		t := heatTotal(loc, i)
		sum.add(heatSlot{-t.spaceIn, -t.spaceOut, -t.waterIn, -t.waterOut})
	}
	blk := heatBlockOf(loc, b)
	j := k - b*heatBlockSlots
	day := j / 48
	sum.add(blk.byDay[day])
	if j > day*48 {
		s := &blk.slots[j-1]
		sum.add(heatSlot{float64(s[0]), float64(s[1]), float64(s[2]), float64(s[3])})
	}
	return sum
}

// heatTotal is the sum of a block's half hours.
func heatTotal(loc *time.Location, b int64) heatSlot {
	key := heatKey{loc.String(), b}
	if t, ok := heatTotals.Load(key); ok {
		return t.(heatSlot)
	}
	return heatBlockOf(loc, b).byDay[365]
}

// heatBlockOf is block b of a place's half hours, worked out when first asked.
func heatBlockOf(loc *time.Location, b int64) *heatBlock {
	key := heatKey{loc.String(), b}
	if blk, ok := heatBlocks.Load(key); ok {
		return blk.(*heatBlock)
	}
	blk := makeHeatBlock(loc, b)
	heatMade.Lock()
	if heatMade.n >= maxHeatBlocks {
		heatBlocks.Clear()
		heatMade.n = 0
	}
	heatMade.n++
	heatMade.Unlock()
	heatBlocks.Store(key, blk)
	heatTotals.Store(key, blk.byDay[365])
	return blk
}

// makeHeatBlock works out block b's half hours where loc is. A day's sum is its last
// half hour's (as stored), so that reading across midnight never goes back.
func makeHeatBlock(loc *time.Location, b int64) *heatBlock {
	blk := new(heatBlock)
	start := registerOrigin.Add(time.Duration(b*heatBlockSlots) * slot)
	var day heatSlot // the day so far
	for i := range heatBlockSlots {
		day.add(heatHalfHour(start.Add(time.Duration(i)*slot + slot/2).In(loc)))
		blk.slots[i] = [4]float32{float32(day.spaceIn), float32(day.spaceOut), float32(day.waterIn), float32(day.waterOut)}
		if i%48 == 47 {
			s := &blk.slots[i]
			blk.byDay[i/48+1] = blk.byDay[i/48]
			blk.byDay[i/48+1].add(heatSlot{float64(s[0]), float64(s[1]), float64(s[2]), float64(s[3])})
			day = heatSlot{}
		}
	}
	return blk
}

// heatHalfHour is the half hour about t of a home that loses a kW per degree below
// HeatBase outdoors, heated as a Cosy's schedule keeps it (let cool overnight, warmed a
// little more from 13:00 to 16:00 so that it can coast through 16:00 to 19:00, when
// electricity costs most), and heats a kWh of water a day in the small hours and the
// early afternoon.
func heatHalfHour(t time.Time) heatSlot {
	temp := outdoor(t)
	hour := t.Hour()
	need := max(0, HeatBase-temp) * 0.5 // kWh in the half hour at a kW per degree
	switch {
	case hour >= 23 || hour < 5:
		need *= 0.7
	case hour >= 13 && hour < 16:
		need *= 1.3
	case hour >= 16 && hour < 19:
		need *= 0.6
	}
	s := heatSlot{spaceOut: need, spaceIn: need / cop(temp)}
	if hour == 4 || hour == 13 || hour == 14 && t.Minute() < 30 {
		s.waterOut = 1.0 / 5
		s.waterIn = s.waterOut / waterCOP(temp)
	}
	return s
}

// HeatBase is the temperature outdoors below which a home needs heating, in °C.
const HeatBase = 16.0

// waterCOP is a heat pump's coefficient of performance heating water to 50 °C at
// outdoor temperature temp.
func waterCOP(temp float64) float64 { return max(1.6, min(3.6, 2.4+0.05*temp)) }

// drawn is the electricity in kWh the heat pump drew from from to to.
func (hp *heatPump) drawn(h household, from, to time.Time) float64 {
	return hp.at(h, to).in - hp.at(h, from).in
}

// yearIn is the electricity in kWh the heat pump draws in a year of its place's
// weather: the block of its first half hour's.
func (hp *heatPump) yearIn(h household) float64 {
	t := heatTotal(h.loc(), hp.base)
	return hp.loss*t.spaceIn + hp.water*t.waterIn
}
