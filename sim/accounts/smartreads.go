package accounts

import (
	"cmp"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/world"
)

// A smart meter sends Kraken a reading on each billing date, the reading the statement
// that ends there is billed on; a meter's readings are state's and those, so that the
// use between two of them is what the statement between them charged, and what its
// consumption and telemetry show. A reading given for a meter is checked against the
// same register, and one it could not have shown is held rather than taken.

// kWhPerCubicMetre is the energy in a cubic metre of gas: its calorific value, corrected
// for volume.
const kWhPerCubicMetre = calorificValue * volumeCorrection / mjPerKWh

// calorificValue is the heating value of the gas billed, in MJ per m³.
const calorificValue = 39.5

// volumeCorrection is the correction factor of a domestic gas meter's volume to standard
// temperature and pressure (1.02264, the Gas (Calculation of Thermal Energy) Regulations').
const volumeCorrection = 1.02264

// cubicMetresPerHundredFeet is what an imperial gas meter's unit (100 ft³) holds.
const cubicMetresPerHundredFeet = 2.83168

// meterReads are a meter's readings, oldest first: state's, and, for a smart meter, a
// reading on each billing date since it was fitted that state lists none on, of its
// register as its statements bill it (smartValue); for a traditional meter in place
// (inPlace), the estimated readings its statements were billed on (estimatedReads).
// toRegister turns energy in kWh into its register's units.
func meterReads(w *env, a *sim.Account, meterID string, listed []sim.MeterReading, smart, inPlace bool, fitted string,
	m world.Meter, toRegister func(kwh float64) float64) []sim.MeterReading {
	if a == nil {
		return listed
	}
	if !smart {
		if !inPlace {
			return listed
		}
		return estimatedReads(w, a, meterID, listed, fitted, m, toRegister)
	}
	b := w.billing(a)
	if len(b.runs) == 0 {
		return listed
	}
	dates := make([]string, 0, len(b.runs)+1)
	for _, st := range b.runs {
		dates = append(dates, st.BillPeriodFrom)
	}
	dates = append(dates, b.open)
	listedDay := map[string]bool{}
	for _, r := range listed {
		listedDay[r.ReadAt.In(w.zone).Format(time.DateOnly)] = true
	}
	value, _ := smartValue(w, a, m, anchoring(listed, smart), toRegister)
	out := make([]sim.MeterReading, 0, len(listed)+len(dates))
	for i, r := range listed {
		r.ID = cmp.Or(r.ID, readingID(meterID, i))
		out = append(out, r)
	}
	now := w.now
	for _, d := range dates {
		t, ok := dayStart(d, w.zone)
		if !ok || d < fitted || t.After(now) || listedDay[d] {
			continue
		}
		v := math.Round(value(t)*1000) / 1000 // a smart meter reads to the watt-hour (or litre)
		if v < 0 {
			continue
		}
		out = append(out, sim.MeterReading{ID: meterID + strings.ReplaceAll(d, "-", ""), ReadAt: t, Register: "1", Value: v, Source: "SMART"})
	}
	slices.SortStableFunc(out, func(x, y sim.MeterReading) int { return x.ReadAt.Compare(y.ReadAt) })
	return out
}

// A traditional meter is not read by its supplier: its statements bill estimated use,
// and Kraken lists the estimated reading each was billed on, so that the use between
// two is what the statement between them charged. estimatedReads are such a meter's
// readings, oldest first: state's, and an estimated reading (source ESTIMATE, in whole
// units) on each billing date its supply was billed to since it was fitted that state
// lists none on: the first what the register had reached, a new meter reading 0 when
// fitted (or on from state's reading before it), each after it on from the reading
// before it by the use its statement billed, or, after a reading state lists within the
// period (a customer's own), on from that by the share of the use billed after it.
func estimatedReads(w *env, a *sim.Account, meterID string, listed []sim.MeterReading, fitted string,
	m world.Meter, toRegister func(kwh float64) float64) []sim.MeterReading {
	charges, scale := billedCharges(w, a, m)
	if len(charges) == 0 {
		return listed
	}
	reg := m.In(w.zone)
	out := make([]sim.MeterReading, 0, len(listed)+len(charges)+1)
	listedDay := map[string]bool{}
	var own []sim.MeterReading // state's of the register, oldest first
	for i, r := range listed {
		r.ID = cmp.Or(r.ID, readingID(meterID, i))
		out = append(out, r)
		listedDay[r.ReadAt.In(w.zone).Format(time.DateOnly)] = true
		if cmpRegister(r.Register) == "1" {
			own = append(own, r)
		}
	}
	slices.SortStableFunc(own, func(x, y sim.MeterReading) int { return x.ReadAt.Compare(y.ReadAt) })
	since, _ := dayStart(fitted, w.zone)
	start, _ := dayStart(charges[0].from, w.zone)
	at, value := start, 0.0
	if prev := previousReading(own, start, "1"); prev != nil {
		at, value = prev.ReadAt, prev.Value
	} else if since.Before(start) {
		at = since
	}
	estimate := func(t time.Time) {
		d := t.In(w.zone).Format(time.DateOnly)
		if d >= fitted && !t.After(w.now) && !listedDay[d] && value >= 0 {
			out = append(out, sim.MeterReading{ID: meterID + strings.ReplaceAll(d, "-", ""), ReadAt: t, Register: "1", Value: math.Round(value), Source: "ESTIMATE"})
		}
	}
	// step moves the register on to t by billed kWh, from a reading state lists on the
	// way by the share of them after it.
	step := func(t time.Time, billed float64) {
		if i := slices.IndexFunc(own, func(r sim.MeterReading) bool { return r.ReadAt.After(at) && !r.ReadAt.After(t) }); i >= 0 {
			last := own[i]
			for _, r := range own[i:] {
				if !r.ReadAt.After(t) {
					last = r
				}
			}
			if use := reg.Use(at, t); use > 0 {
				billed *= reg.Use(last.ReadAt, t) / use
			}
			at, value = last.ReadAt, last.Value
		}
		at, value = t, value+toRegister(billed)
	}
	step(start, scale*reg.Use(at, start))
	estimate(start)
	for _, c := range charges {
		from, _ := dayStart(c.from, w.zone)
		to, _ := dayStart(addDays(c.to, 1), w.zone)
		if from.After(at) { // days not billed: their use as estimated
			step(from, scale*reg.Use(at, from))
		}
		step(to, c.kwh)
		estimate(to)
	}
	slices.SortStableFunc(out, func(x, y sim.MeterReading) int { return x.ReadAt.Compare(y.ReadAt) })
	return out
}

// billedCharges are what the account's billing charged for a supply's use (m's point and
// fuel), oldest first, and the use billed per kWh the register m drew over them (1 with
// none billed): the fit's scale, the estimated use of a day in the register's shape.
func billedCharges(w *env, a *sim.Account, m world.Meter) ([]chargeDetail, float64) {
	b := w.billing(a)
	key := m.Point + "/" + m.Fuel
	if u, ok := b.used[key]; ok {
		return u.charges, u.scale
	}
	out, scale := billedUseOf(w, b, m)
	if b.used == nil {
		b.used = map[string]billedUse{}
	}
	b.used[key] = billedUse{out, scale}
	return out, scale
}

// billedUseOf works out billedCharges from the account's billing b.
func billedUseOf(w *env, b *billed, m world.Meter) ([]chargeDetail, float64) {
	var out []chargeDetail
	for _, t := range b.posted {
		if d, ok := b.details[t.ID]; ok && t.Type == "CHARGE" && !d.export && d.point == m.Point && strings.EqualFold(d.fuel, m.Fuel) {
			out = append(out, d)
		}
	}
	slices.SortFunc(out, func(x, y chargeDetail) int { return strings.Compare(x.from, y.from) })
	reg := m.In(w.zone)
	var billed, used float64
	for _, d := range out {
		from, _ := dayStart(d.from, w.zone)
		to, _ := dayStart(addDays(d.to, 1), w.zone)
		billed, used = billed+d.kwh, used+reg.Use(from, to)
	}
	if used <= 0 || billed <= 0 {
		return out, 1
	}
	return out, billed / used
}

// registerValue is what a meter reads at a time, in its register's units: an
// electricity register passes through its latest anchoring reading (m's); a gas meter
// reads volume, so it runs on from its latest anchoring reading by the energy used since.
func registerValue(m world.Meter, reg world.Register, anchors []sim.MeterReading, toRegister func(kwh float64) float64) func(time.Time) float64 {
	var last *sim.MeterReading
	for i := range anchors {
		if r := &anchors[i]; last == nil || r.ReadAt.After(last.ReadAt) {
			last = r
		}
	}
	if last == nil || m.ReadAt.Equal(last.ReadAt) {
		return func(t time.Time) float64 { return toRegister(reg.At(t)) }
	}
	at, read := last.ReadAt, last.Value
	return func(t time.Time) float64 { return read + toRegister(reg.At(t)-reg.At(at)) }
}

// smartValue is what a smart meter's register reads at a time, in its units, as its
// statements bill it, and the use billed per kWh it measured: registerValue where the
// account's billing charged the use measured; else its use from its latest anchoring
// reading on scaled as the billing scaled it (billedCharges), so that the use between two
// billing dates is what the statement between them charged.
func smartValue(w *env, a *sim.Account, m world.Meter, anchors []sim.MeterReading, toRegister func(kwh float64) float64) (func(time.Time) float64, float64) {
	value := registerValue(m, m.In(w.zone), anchors, toRegister)
	if w.billing(a).measured {
		return value, 1
	}
	_, scale := billedCharges(w, a, m)
	at := m.ReadAt
	for _, r := range anchors {
		if r.ReadAt.After(at) {
			at = r.ReadAt
		}
	}
	if at.IsZero() {
		return func(t time.Time) float64 { return scale * value(t) }, scale
	}
	from := value(at)
	return func(t time.Time) float64 { return from + scale*(value(t)-from) }, scale
}

// electricityReads are an electricity meter's readings, oldest first (meterReads); a
// two-register meter's of each register (splitReads).
func electricityReads(w *env, a *sim.Account, mp *sim.ElectricityMeterPoint, m *sim.ElectricityMeter) []sim.MeterReading {
	k := electricityMeterInPlace(mp, w.today())
	listed, code := m.Readings, dayNightCode(w, mp)
	if code != "" {
		listed = meterTotals(m.ID, m.Readings)
	}
	reg := electricityRegister(w, a, *mp, *m)
	reads := meterReads(w, a, m.ID, listed, m.IsDigital, k >= 0 && mp.Meters[k].ID == m.ID, m.ActiveFrom, reg,
		func(kwh float64) float64 { return kwh })
	if code == "" {
		return reads
	}
	return splitReads(m.ID, reads, m.Readings, reg.In(w.zone), code, w.zone)
}

// gasReads are a gas meter's readings, oldest first (meterReads), in m³ or, on an
// imperial meter, hundreds of cubic feet.
func gasReads(w *env, a *sim.Account, mp *sim.GasMeterPoint, m *sim.GasMeter) []sim.MeterReading {
	unit, k := gasUnit(m), gasMeterInPlace(mp, w.today())
	return meterReads(w, a, m.ID, m.Readings, m.IsDigital, k >= 0 && mp.Meters[k].ID == m.ID, m.ActiveFrom, gasRegister(w, a, *mp, *m),
		func(kwh float64) float64 { return kwh / unit })
}

// gasUnit is the kWh in a unit of a gas meter's register: a cubic metre, or on an
// imperial meter a hundred cubic feet.
func gasUnit(m *sim.GasMeter) float64 {
	if m.Imperial {
		return kWhPerCubicMetre * cubicMetresPerHundredFeet
	}
	return kWhPerCubicMetre
}

// meterView is a meter as a reading given for it is checked against: its readings,
// oldest first (meterReads), its register, the register's units a kWh makes (1 for
// electricity, 1/11.22 for gas in m³), the use its statements estimate per kWh the
// register draws (billedCharges' scale; a smart meter's as smartValue), what it reads at
// a time, and, on a smart meter, the latest of its smart readings, state's or those its
// billing dates read (zero for none).
type meterView struct {
	reads      []sim.MeterReading
	reg        world.Register
	perKWh     float64
	estimate   float64
	value      func(time.Time) float64
	smartSince time.Time
	// night is the use in kWh of a two-register meter's night register from one time to
	// another (nightUse); nil for a meter of one register.
	night func(from, to time.Time) float64
}

// meterOf is the meter with id meterID on a's supplies; no reads for no such meter.
func meterOf(w *env, a *sim.Account, meterID string) meterView {
	if a == nil {
		return meterView{}
	}
	view := func(reads, listed []sim.MeterReading, smart bool, m world.Meter, perKWh float64) meterView {
		v := meterView{reads: reads, reg: m.In(w.zone), perKWh: perKWh}
		toRegister := func(kwh float64) float64 { return kwh * perKWh }
		if smart { // the register its readings show
			v.value, v.estimate = smartValue(w, a, m, anchoring(listed, smart), toRegister)
		} else {
			_, v.estimate = billedCharges(w, a, m)
			v.value = registerValue(m, v.reg, anchoring(listed, smart), toRegister)
		}
		for _, r := range reads {
			if smart && r.Source == "SMART" && r.ReadAt.After(v.smartSince) {
				v.smartSince = r.ReadAt
			}
		}
		return v
	}
	for i := range a.Properties {
		p := &a.Properties[i]
		for j := range p.ElectricityMeterPoints {
			mp := &p.ElectricityMeterPoints[j]
			for k := range mp.Meters {
				if m := &mp.Meters[k]; m.ID == meterID {
					reg, listed := electricityRegister(w, a, *mp, *m), m.Readings
					code := dayNightCode(w, mp)
					if code != "" {
						listed = meterTotals(m.ID, m.Readings)
					}
					v := view(electricityReads(w, a, mp, m), listed, m.IsDigital, reg, 1)
					if code != "" {
						r := reg.In(w.zone)
						v.night = func(from, to time.Time) float64 { return nightUse(r, code, w.zone, from, to) }
					}
					return v
				}
			}
		}
		for j := range p.GasMeterPoints {
			mp := &p.GasMeterPoints[j]
			for k := range mp.Meters {
				if m := &mp.Meters[k]; m.ID == meterID {
					return view(gasReads(w, a, mp, m), m.Readings, m.IsDigital, gasRegister(w, a, *mp, *m), 1/gasUnit(m))
				}
			}
		}
	}
	return meterView{}
}

// A reading given for a meter is held (Kraken's KT-CT-6422) when it shows more use
// since the reading before it than heldFactor times what the register expects (as its
// statements estimate it, on a traditional meter), and heldSlack kWh more, or less than
// a heldFactor'th of it, less heldSlack kWh; or, on a smart meter, when it is further
// from what the smart meter recorded then than smartTolerance of the use since the
// reading before it, or smartSlack kWh.
const (
	heldFactor     = 3
	heldSlack      = 100
	smartTolerance = 0.1
	smartSlack     = 10
)

// held says why a reading of value of the register at at would be held, with the
// figure it is measured against; "" for a reading that is not.
func (m meterView) held(at time.Time, register string, value float64) string {
	lim, ok := m.limits(at, register)
	if !ok {
		return ""
	}
	// A bound is given to a tenth, rounded inwards, so that the figure itself is allowed.
	// A figure is given as the dials show it.
	figure := func(v float64) string { return strconv.FormatFloat(math.Round(dials(v)*10)/10, 'f', -1, 64) }
	if value > lim.most {
		return "shows more use since the reading before it than the meter could have had (at most " + figure(math.Floor(lim.most*10)/10) + ")"
	}
	if value < lim.least {
		return "shows less use since the reading before it than the meter is expected to have had (at least " + figure(math.Ceil(lim.least*10)/10) + ")"
	}
	if lim.smart && (value < lim.recorded-lim.tolerance || value > lim.recorded+lim.tolerance) {
		return "is not what the smart meter recorded then (" + figure(math.Round(lim.recorded*10)/10) + ")"
	}
	return ""
}

// readingLimits are what held judges a reading by: the reading before it, the least
// and the most the register is expected to have reached since, and, on a smart meter
// past the start of its smart data, what it recorded and how far a reading may be from
// that.
type readingLimits struct {
	prev, least, most   float64
	smart               bool
	recorded, tolerance float64
}

// limits are the readingLimits of a reading of the register at at; ok is false with no
// reading of it before. A two-register meter's registers are judged each by its own
// use: the night register's in the off-peak hours, the day register's the rest.
func (m meterView) limits(at time.Time, register string) (readingLimits, bool) {
	prev := previousReading(m.reads, at, register)
	if prev == nil {
		return readingLimits{}, false
	}
	use := m.reg.Use(prev.ReadAt, at)
	if m.night != nil {
		night := m.night(prev.ReadAt, at)
		use = map[bool]float64{true: night, false: use - night}[register == "2"]
	}
	use *= m.estimate
	lim := readingLimits{prev: prev.Value, least: prev.Value + max(use/heldFactor-heldSlack, 0)*m.perKWh, most: prev.Value + (heldFactor*use+heldSlack)*m.perKWh}
	if !m.smartSince.IsZero() && at.After(m.smartSince) {
		lim.smart, lim.recorded = true, m.value(at)
		if m.night != nil {
			lim.recorded = prev.Value + use
		}
		lim.tolerance = max(smartTolerance*(lim.recorded-prev.Value), smartSlack*m.perKWh)
	}
	return lim, true
}

// expected is the range a reading of the meter's register at at may lie in and not be
// held, as held judges one: from the least the register is expected to have reached
// since the reading before it (or what a smart meter recorded, less its tolerance) to
// the most it could have (or what the smart meter recorded, plus its tolerance); ok is
// false with no reading before it.
func (m meterView) expected(at time.Time, register string) (lo, hi float64, ok bool) {
	lim, ok := m.limits(at, register)
	if !ok {
		return 0, 0, false
	}
	lo, hi = lim.least, lim.most
	if lim.smart {
		lo, hi = max(lo, lim.recorded-lim.tolerance), min(hi, lim.recorded+lim.tolerance)
	}
	return lo, hi, lo <= hi
}

// registerExpectation is a register's expectedReadingRanges: the range a reading taken
// now may lie in, in whole units (lower bound up, upper bound down), judged at the moment
// a reading given now (or dated today) is, as the dials show it: two ranges when it
// passes the register's wrap, up to its last value and on from 0; nil before the
// register has a reading.
func registerExpectation(w *env, a *sim.Account, meterID, register string) any {
	lo, hi, ok := meterOf(w, meterHolder(w, a, meterID), meterID).expected(w.now, register)
	if !ok || math.Ceil(lo) > math.Floor(hi) {
		return nil
	}
	from, to := int(math.Ceil(lo)), int(math.Floor(hi))
	if to-from >= registerSpan-1 {
		return []any{[]any{0, registerSpan - 1}}
	}
	if from, to = from%registerSpan, to%registerSpan; from > to {
		return []any{[]any{from, registerSpan - 1}, []any{0, to}}
	}
	return []any{[]any{from, to}}
}

// registerSpan is what a register counts to before its dials (registerDigits of them)
// wrap to 0. A register keeps its count past it, what its use is worked out from, and
// shows the count modulo registerSpan.
const registerSpan = 100000

// registerDigits is how many dials a register has.
const registerDigits = 5

// dials is a register's count as its dials show it.
func dials(v float64) float64 { return math.Mod(v, registerSpan) }

// counted is a reading given of the register at at, as its dials show it, as the count
// the register keeps: in the same turn of its dials as the reading before it, or in the
// next when the value is below what the dials showed then and the register was within
// the most use it could have had since of wrapping (its use then the rest of the turn
// and the value); ok is false for a value more than the dials can show.
func (m meterView) counted(at time.Time, register string, value float64) (count float64, ok bool) {
	if value >= registerSpan {
		return value, false
	}
	lim, ok := m.limits(at, register)
	if !ok {
		return value, true
	}
	shown := dials(lim.prev)
	count = lim.prev - shown + value
	if value < shown && registerSpan-shown <= lim.most-lim.prev {
		count += registerSpan
	}
	return count, true
}

// meterHolder is the account whose register the meter meterID of a's shows today, a
// register being one counter: a's own while it holds the home the meter is at, else
// that of the account supplying its meter point now, which holds the meter too.
func meterHolder(w *env, a *sim.Account, meterID string) *sim.Account {
	today := w.today()
	holds := func(h *sim.Account) bool { return h != nil && meterOf(w, h, meterID).value != nil }
	for i := range a.Properties {
		p := &a.Properties[i]
		if heldOn(p, today) {
			continue
		}
		for _, mp := range p.ElectricityMeterPoints {
			if slices.ContainsFunc(mp.Meters, func(m sim.ElectricityMeter) bool { return m.ID == meterID }) {
				if h, _ := findPoint(w, electricityPoints, func(o *sim.ElectricityMeterPoint) (string, bool) { return o.Identifier(), true }, mp.Identifier()); holds(h) {
					return h
				}
			}
		}
		for _, mp := range p.GasMeterPoints {
			if slices.ContainsFunc(mp.Meters, func(m sim.GasMeter) bool { return m.ID == meterID }) {
				if h, _ := findPoint(w, gasPoints, func(o *sim.GasMeterPoint) (string, bool) { return o.Identifier(), true }, mp.Identifier()); holds(h) {
					return h
				}
			}
		}
	}
	return a
}

// gasConsumptionUnits are the units a gas meter reports its consumption in: a SMETS1
// meter's in kWh, any other's in the m³ it counts.
func gasConsumptionUnits(a *sim.Account, m *sim.GasMeter) string {
	if gasGeneration(a, m) == "S1" {
		return "kWh"
	}
	return "m³"
}
