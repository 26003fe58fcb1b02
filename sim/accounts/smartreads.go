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

// kWhPerCubicMetre is the energy in a cubic metre of gas: a calorific value of 39.5 MJ
// per m³, corrected for volume.
const kWhPerCubicMetre = 39.5 * volumeCorrection / mjPerKWh

// volumeCorrection is the correction factor of a domestic gas meter's volume to standard
// temperature and pressure (1.02264, the Gas (Calculation of Thermal Energy) Regulations').
const volumeCorrection = 1.02264

// cubicMetresPerHundredFeet is what an imperial gas meter's unit (100 ft³) holds.
const cubicMetresPerHundredFeet = 2.83168

// meterReads are a meter's readings, oldest first: state's, and, for a smart meter
// whose account's billing charged the use it measured, a reading on each billing date
// since it was fitted that state lists none on. toRegister turns energy in kWh into its
// register's units.
func meterReads(w *env, a *sim.Account, meterID string, listed []sim.MeterReading, smart bool, fitted string,
	m world.Meter, toRegister func(kwh float64) float64) []sim.MeterReading {
	if !smart || a == nil {
		return listed
	}
	b := w.billing(a)
	if !b.measured || len(b.runs) == 0 {
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
	value := registerValue(m, m.In(w.zone), anchoring(listed, smart), toRegister)
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

// electricityReads are an electricity meter's readings, oldest first (meterReads).
func electricityReads(w *env, a *sim.Account, mp *sim.ElectricityMeterPoint, m *sim.ElectricityMeter) []sim.MeterReading {
	return meterReads(w, a, m.ID, m.Readings, m.IsDigital, m.ActiveFrom, electricityRegister(w, a, *mp, *m),
		func(kwh float64) float64 { return kwh })
}

// gasReads are a gas meter's readings, oldest first (meterReads), in m³ or, on an
// imperial meter, hundreds of cubic feet.
func gasReads(w *env, a *sim.Account, mp *sim.GasMeterPoint, m *sim.GasMeter) []sim.MeterReading {
	unit := gasUnit(m)
	return meterReads(w, a, m.ID, m.Readings, m.IsDigital, m.ActiveFrom, gasRegister(w, *mp, *m),
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
// electricity, 1/11.22 for gas in m³), what it reads at a time, and, on a smart meter
// whose state lists its own readings, the latest of those (zero otherwise).
type meterView struct {
	reads      []sim.MeterReading
	reg        world.Register
	perKWh     float64
	value      func(time.Time) float64
	smartSince time.Time
}

// meterOf is the meter with id meterID on a's supplies; no reads for no such meter.
func meterOf(w *env, a *sim.Account, meterID string) meterView {
	if a == nil {
		return meterView{}
	}
	view := func(reads, listed []sim.MeterReading, smart bool, m world.Meter, perKWh float64) meterView {
		v := meterView{reads: reads, reg: m.In(w.zone), perKWh: perKWh}
		v.value = registerValue(m, v.reg, anchoring(listed, smart), func(kwh float64) float64 { return kwh * perKWh })
		for _, r := range listed {
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
					return view(electricityReads(w, a, mp, m), m.Readings, m.IsDigital, electricityRegister(w, a, *mp, *m), 1)
				}
			}
		}
		for j := range p.GasMeterPoints {
			mp := &p.GasMeterPoints[j]
			for k := range mp.Meters {
				if m := &mp.Meters[k]; m.ID == meterID {
					return view(gasReads(w, a, mp, m), m.Readings, m.IsDigital, gasRegister(w, *mp, *m), 1/gasUnit(m))
				}
			}
		}
	}
	return meterView{}
}

// A reading given for a meter is held (Kraken's KT-CT-6422) when it shows more use
// since the reading before it than heldFactor times what the register expects, and
// heldSlack kWh more; or, on a smart meter, when it is further from what the smart
// meter recorded then than smartTolerance of the use since the reading before it, or
// smartSlack kWh.
const (
	heldFactor     = 3
	heldSlack      = 100
	smartTolerance = 0.1
	smartSlack     = 10
)

// held says why a reading of value at at would be held, with the figure it is measured
// against; "" for a reading that is not.
func (m meterView) held(at time.Time, value float64) string {
	lim, ok := m.limits(at)
	if !ok {
		return ""
	}
	figure := func(v float64) string { return strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64) }
	if value > lim.most {
		return "shows more use since the reading before it than the meter could have had (at most " + figure(lim.most) + ")"
	}
	if lim.smart && math.Abs(value-lim.recorded) > lim.tolerance {
		return "is not what the smart meter recorded then (" + figure(lim.recorded) + ")"
	}
	return ""
}

// readingLimits are what held judges a reading by: the reading before it, the most the
// register could have reached since, and, on a smart meter past the start of its
// smart data, what it recorded and how far a reading may be from that.
type readingLimits struct {
	prev, most          float64
	smart               bool
	recorded, tolerance float64
}

// limits are the readingLimits of a reading at at; ok is false with no reading before
// it.
func (m meterView) limits(at time.Time) (readingLimits, bool) {
	prev := previousReading(m.reads, at, "1")
	if prev == nil {
		return readingLimits{}, false
	}
	lim := readingLimits{prev: prev.Value, most: prev.Value + (heldFactor*m.reg.Use(prev.ReadAt, at)+heldSlack)*m.perKWh}
	if !m.smartSince.IsZero() && at.After(m.smartSince) {
		lim.smart, lim.recorded = true, m.value(at)
		lim.tolerance = max(smartTolerance*(lim.recorded-prev.Value), smartSlack*m.perKWh)
	}
	return lim, true
}

// expected is the range a reading of the meter's register at at may lie in and not be
// held, as held judges one: from the reading before it (or what a smart meter recorded,
// less its tolerance) to what the register could have reached since (or what the smart
// meter recorded, plus its tolerance); ok is false with no reading before it.
func (m meterView) expected(at time.Time) (lo, hi float64, ok bool) {
	lim, ok := m.limits(at)
	if !ok {
		return 0, 0, false
	}
	lo, hi = lim.prev, lim.most
	if lim.smart {
		lo, hi = max(lo, lim.recorded-lim.tolerance), min(hi, lim.recorded+lim.tolerance)
	}
	return lo, hi, lo <= hi
}

// registerExpectation is a register's expectedReadingRanges: the one range a reading
// taken now may lie in, in whole units (lower bound up, upper bound down); nil before
// the meter has a reading.
func registerExpectation(w *env, a *sim.Account, meterID string) any {
	lo, hi, ok := meterOf(w, a, meterID).expected(w.now)
	if !ok || math.Ceil(lo) > math.Floor(hi) {
		return nil
	}
	return []any{[]any{int(math.Ceil(lo)), int(math.Floor(hi))}}
}

// gasConsumptionUnits are the units a gas meter reports its consumption in: a SMETS1
// meter's in kWh, any other's in the m³ it counts.
func gasConsumptionUnits(a *sim.Account, m *sim.GasMeter) string {
	if gasGeneration(a, m) == "S1" {
		return "kWh"
	}
	return "m³"
}
