package accounts

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/world"
)

// A smart meter sends Kraken a reading on each billing date, the reading the statement
// that ends there is billed on; a meter's readings are state's and those, so that the
// use between two of them is what the statement between them charged, and what its
// consumption and telemetry show.

// kWhPerCubicMetre is the energy in a cubic metre of gas: a calorific value of 39.5 MJ
// per m³, corrected for volume (1.02264).
const kWhPerCubicMetre = 39.5 * 1.02264 / mjPerKWh

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
	var last *sim.MeterReading
	for i := range listed {
		r := &listed[i]
		listedDay[r.ReadAt.In(w.zone).Format(time.DateOnly)] = true
		if last == nil || r.ReadAt.After(last.ReadAt) {
			last = r
		}
	}
	reg := m.In(w.zone)
	// An electricity register passes through its latest reading; a gas meter reads
	// volume, so its readings run on from its latest by the energy used since.
	value := func(t time.Time) float64 { return toRegister(reg.At(t)) }
	if last != nil && !m.ReadAt.Equal(last.ReadAt) {
		at, read := last.ReadAt, last.Value
		value = func(t time.Time) float64 { return read + toRegister(reg.At(t)-reg.At(at)) }
	}
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
		v := math.Round(value(t)*10) / 10
		if v < 0 {
			continue
		}
		out = append(out, sim.MeterReading{ID: meterID + strings.ReplaceAll(d, "-", ""), ReadAt: t, Register: "1", Value: v, Source: "SMART"})
	}
	slices.SortStableFunc(out, func(x, y sim.MeterReading) int { return x.ReadAt.Compare(y.ReadAt) })
	return out
}

// electricityReads are an electricity meter's readings, oldest first (meterReads).
func electricityReads(w *env, a *sim.Account, mp *sim.ElectricityMeterPoint, m *sim.ElectricityMeter) []sim.MeterReading {
	return meterReads(w, a, m.ID, m.Readings, m.IsDigital, m.ActiveFrom, electricityRegister(w, *mp, *m),
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

// readsOf are the readings of the meter with id meterID on a's supplies, oldest first,
// as the meter lists them (with its smart reads); nil for no such meter.
func readsOf(w *env, a *sim.Account, meterID string) []sim.MeterReading {
	reads, _, _ := meterOf(w, a, meterID)
	return reads
}

// meterOf are the readings of the meter with id meterID on a's supplies, oldest first
// (meterReads), its register, and the register's units a kWh makes (1 for electricity,
// 1/11.22 for gas in m³); nil readings for no such meter.
func meterOf(w *env, a *sim.Account, meterID string) ([]sim.MeterReading, world.Register, float64) {
	if a == nil {
		return nil, world.Register{}, 0
	}
	for i := range a.Properties {
		p := &a.Properties[i]
		for j := range p.ElectricityMeterPoints {
			mp := &p.ElectricityMeterPoints[j]
			for k := range mp.Meters {
				if m := &mp.Meters[k]; m.ID == meterID {
					return electricityReads(w, a, mp, m), electricityRegister(w, *mp, *m).In(w.zone), 1
				}
			}
		}
		for j := range p.GasMeterPoints {
			mp := &p.GasMeterPoints[j]
			for k := range mp.Meters {
				if m := &mp.Meters[k]; m.ID == meterID {
					return gasReads(w, a, mp, m), gasRegister(w, *mp, *m).In(w.zone), 1 / gasUnit(m)
				}
			}
		}
	}
	return nil, world.Register{}, 0
}

// heldSlack is the use in kWh beyond heldFactor times what the register expects that a
// reading may show before it is held.
const (
	heldFactor = 3
	heldSlack  = 100
)

// heldReading is whether a reading of value at at on the meter with id meterID shows
// more use since the reading before it than the meter could have used (more than
// heldFactor times what its register expects, and heldSlack kWh more), which Kraken
// holds rather than bills (KT-CT-6422); with the most it may read then.
func heldReading(w *env, a *sim.Account, meterID string, at time.Time, value float64) (bool, float64) {
	reads, reg, perKWh := meterOf(w, a, meterID)
	prev := previousReading(reads, at, "1")
	if prev == nil {
		return false, 0
	}
	most := prev.Value + (heldFactor*reg.Use(prev.ReadAt, at)+heldSlack)*perKWh
	most = math.Floor(most*10) / 10
	return value > most, most
}

// gasConsumptionUnits are the units a gas meter reports its consumption in: a SMETS1
// meter's in kWh, any other's in the m³ it counts.
func gasConsumptionUnits(a *sim.Account, m *sim.GasMeter) string {
	if gasGeneration(a, m) == "S1" {
		return "kWh"
	}
	return "m³"
}
