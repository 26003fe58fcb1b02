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

// An Economy 7 meter (its point on a DayNightTariff, E-2R-) has two registers: a day
// register (1, Day) and a night register (2, Night), which counts the use in the
// tariff's off-peak hours, as its statements price it. State lists a reading of each
// register apart; the meter's total, what its readings are worked out from, is the two
// read together, and the night register moves on from each reading to the next by the
// use in the off-peak hours between them.

// The time pattern regimes of an Economy 7 meter's day and night registers, as the
// industry's market domain data codes those of the common Economy 7 settlement
// configuration (SSC 0151), whichever SSC the state gives its point.
const (
	economy7DayTPR   = "00221"
	economy7NightTPR = "00206"
)

// dayNightCode is the Economy 7 tariff a meter point is on today, whose meters have a
// day and a night register; "" for a point whose meters have one register.
func dayNightCode(w *env, mp *sim.ElectricityMeterPoint) string {
	ag, ok := activeAgreement(mp.Agreements, w.today())
	if !ok || !strings.HasPrefix(ag.TariffCode, "E-2R-") || mp.NMI != "" {
		return ""
	}
	return ag.TariffCode
}

// meterRegisters are the identifiers of the registers of meter m (nil for any) of the
// meter point: those its import declared, else those its tariff has.
func meterRegisters(w *env, mp *sim.ElectricityMeterPoint, m *sim.ElectricityMeter) []string {
	if m != nil && len(m.Registers) > 0 {
		return m.Registers
	}
	if dayNightCode(w, mp) != "" {
		return []string{"1", "2"}
	}
	return []string{"1"}
}

// registersOf are the identifiers of the registers of a's electricity meter meterID
// (meterRegisters); one for a meter not found.
func registersOf(w *env, a *sim.Account, meterID string) []string {
	if a != nil {
		for i := range a.Properties {
			for j := range a.Properties[i].ElectricityMeterPoints {
				mp := &a.Properties[i].ElectricityMeterPoints[j]
				if k := slices.IndexFunc(mp.Meters, func(m sim.ElectricityMeter) bool { return m.ID == meterID }); k >= 0 {
					return meterRegisters(w, mp, &mp.Meters[k])
				}
			}
		}
	}
	return []string{"1"}
}

// namedRegister is the identifier of the register of meter meterID (of registers) a
// reading names by its identifier or id (given), which a meter of one register may
// leave out. What is wrong comes back as a serializer error's code and why: no register
// named on a meter of two (required), or one the meter does not have (does_not_exist).
func namedRegister(meterID string, registers []string, given string) (register, code, why string) {
	given = strings.TrimSpace(given)
	switch id, ok := strings.CutPrefix(given, meterID); {
	case given == "" && len(registers) > 1:
		return "", "required", "the meter has more than one register, so say which one was read (registerId); " + registerList(meterID, registers)
	case given == "":
		return registers[0], "", ""
	case ok && meterID != "" && slices.Contains(registers, id):
		return id, "", ""
	case !slices.Contains(registers, given):
		return given, "does_not_exist", "the meter has no register " + given + "; " + registerList(meterID, registers)
	}
	return given, "", ""
}

// dayNightNames are what an Economy 7 meter and its readings call its registers; nil
// for a meter of one register.
func dayNightNames(w *env, mp *sim.ElectricityMeterPoint) map[string]string {
	if dayNightCode(w, mp) == "" {
		return nil
	}
	return map[string]string{"1": "Day", "2": "Night"}
}

// nightUse is the kWh reg draws from from to to in a two-rate tariff's off-peak hours
// (in its offPeakZone), as twoRateUsage prices them.
func nightUse(reg world.Register, code string, zone *time.Location, from, to time.Time) float64 {
	if !to.After(from) {
		return 0
	}
	offFrom, offTo := offPeak(code)
	clock := offPeakZone(code, zone)
	var night float64
	f := from.In(zone)
	for day := time.Date(f.Year(), f.Month(), f.Day()-1, 0, 0, 0, 0, zone); day.Before(to); day = day.AddDate(0, 0, 1) {
		if lo, hi := maxTime(clockTime(day, offFrom, clock), from), minTime(clockTime(day, offTo, clock), to); hi.After(lo) {
			night += reg.Use(lo, hi)
		}
	}
	return night
}

// meterTotals are state's readings of a two-register meter as readings of its total:
// a day and a night reading taken together are one, of their sum, with the day's id;
// a register read alone is left out.
func meterTotals(meterID string, rs []sim.MeterReading) []sim.MeterReading {
	out := make([]sim.MeterReading, 0, len(rs))
	for i, r := range rs {
		if cmpRegister(r.Register) != "1" {
			continue
		}
		j := slices.IndexFunc(rs, func(n sim.MeterReading) bool { return n.Register == "2" && n.ReadAt.Equal(r.ReadAt) })
		if j < 0 {
			continue
		}
		r.ID, r.Register, r.Value = cmp.Or(r.ID, readingID(meterID, i)), "1", r.Value+rs[j].Value
		out = append(out, r)
	}
	return out
}

// splitReads are a two-register meter's readings, oldest first, from those of its
// total (totals) and state's own (listed): a reading of state's stays as it was; each
// other total is split into a day and a night reading of the same id, the night
// register on from the reading before by the use in the off-peak hours since (the
// first night register at the night's share of the total), the day register the rest;
// an estimate is split in whole units.
func splitReads(meterID string, totals, listed []sim.MeterReading, reg world.Register, code string, zone *time.Location) []sim.MeterReading {
	own := map[string]bool{}
	read := map[[2]string]bool{} // the registers state lists a reading of at a time
	var nights []sim.MeterReading
	out := make([]sim.MeterReading, 0, 2*len(totals)+len(listed))
	for i, r := range listed {
		r.ID = cmp.Or(r.ID, readingID(meterID, i))
		own[r.ID] = true
		read[[2]string{r.ReadAt.String(), cmpRegister(r.Register)}] = true
		if r.Register == "2" {
			nights = append(nights, r)
		}
		out = append(out, r)
	}
	var night float64
	var at time.Time
	for _, r := range totals {
		if own[r.ID] { // a day and a night reading of state's: the night register is as read
			if j := slices.IndexFunc(nights, func(n sim.MeterReading) bool { return n.ReadAt.Equal(r.ReadAt) }); j >= 0 {
				night, at = nights[j].Value, r.ReadAt
			}
			continue
		}
		// A night register state lists a reading of since the reading before moves on from it.
		for _, n := range nights {
			if n.ReadAt.After(at) && n.ReadAt.Before(r.ReadAt) {
				night, at = n.Value, n.ReadAt
			}
		}
		if at.IsZero() {
			night = r.Value * nightShare
		} else {
			night += nightUse(reg, code, zone, at, r.ReadAt)
		}
		at = r.ReadAt
		n := math.Round(night*1000) / 1000
		if r.Source == "ESTIMATE" {
			n = math.Round(night)
		}
		n = min(n, r.Value)
		day := math.Round((r.Value-n)*1000) / 1000
		for _, v := range []sim.MeterReading{{ID: r.ID, ReadAt: r.ReadAt, Register: "1", Value: day, Source: r.Source},
			{ID: r.ID, ReadAt: r.ReadAt, Register: "2", Value: n, Source: r.Source}} {
			if !read[[2]string{v.ReadAt.String(), v.Register}] {
				out = append(out, v)
			}
		}
	}
	slices.SortStableFunc(out, func(x, y sim.MeterReading) int {
		if c := x.ReadAt.Compare(y.ReadAt); c != 0 {
			return c
		}
		return strings.Compare(cmpRegister(x.Register), cmpRegister(y.Register))
	})
	return out
}
