package accounts

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/world"
)

// Lookups that name a supply an account holds (the industry's registers, ECOES for
// electricity and Xoserve for gas; an engineer's booking search; Origin's meter point
// and digital meter eligibility by NMI; a smart tariff comparison; prepayment ledgers
// and balance), answered from the account rather than made up, so that they agree with
// what its meters and statements say. A supply no account holds is the world's.

// annualElectricityConsumption answers annualElectricityConsumption(mpan:): for a meter
// point an account holds, a year of its meter's use (the EAC, as of its latest reading)
// and the account's brand as its supplier since its supply began; the world's for one
// no account holds.
func annualElectricityConsumption(_ context.Context, c *sim.Call) (any, error) {
	w := newEnv(c)
	a, mp := findPoint(w, electricityPoints, func(mp *sim.ElectricityMeterPoint) (string, bool) { return mp.MPAN, mp.MPAN != "" },
		strings.TrimSpace(c.StringArg("mpan")))
	if mp == nil {
		return obj{}, nil
	}
	out := obj{"supplierName": orNil(codeWords(a.Brand)), "supplierEffectiveFromDate": orNil(supplyStart(mp.Agreements, mp.RegistrationStartDate)),
		"hasErroneousTransfer": false, "eac": nil, "eacEffectiveFromDate": nil}
	if k := electricityMeterInPlace(mp, w.today()); k >= 0 {
		m := &mp.Meters[k]
		out["eac"] = math.Round(yearOfUse(w, electricityRegister(w, a, *mp, *m)))
		out["eacEffectiveFromDate"] = orNil(latestRead(w, electricityReads(w, a, mp, m), m.ActiveFrom))
	}
	return out, nil
}

// annualGasConsumption answers annualGasConsumption(mprn:) as annualElectricityConsumption
// does the MPAN: a year of the gas meter's use in kWh (the AQ) and its supplier.
func annualGasConsumption(_ context.Context, c *sim.Call) (any, error) {
	w := newEnv(c)
	a, mp := findPoint(w, gasPoints, func(mp *sim.GasMeterPoint) (string, bool) { return mp.MPRN, mp.MPRN != "" },
		strings.TrimSpace(c.StringArg("mprn")))
	if mp == nil {
		return obj{}, nil
	}
	out := obj{"supplierName": orNil(codeWords(a.Brand)), "supplierEffectiveFromDate": orNil(supplyStart(mp.Agreements, mp.RegistrationStartDate)),
		"aq": nil, "aqEffectiveFromDate": nil}
	if k := gasMeterInPlace(mp, w.today()); k >= 0 {
		m := &mp.Meters[k]
		out["aq"] = int(math.Round(yearOfUse(w, gasRegister(w, a, *mp, *m))))
		out["aqEffectiveFromDate"] = orNil(latestRead(w, gasReads(w, a, mp, m), m.ActiveFrom))
	}
	return out, nil
}

// gasQuantities are what Xoserve holds of a gas supply point in Great Britain: a small
// supply's market (SSP), sector (domestic or industrial, by the account's type) and
// class (4, read in batches rather than daily), its meter's owner (the supplier, whose
// meter agent fits a smart meter, else the transporter), and, for a meter in place, its
// annual quantity (the AQ, as annualGasConsumption answers it) and its supply offtake
// quantity (SOQ), the use of its register's peak day (mid-January), both in kWh, worked
// out when asked; a daily-metered SOQ only a large supply has.
func gasQuantities(w *env, m obj, a *sim.Account, mp *sim.GasMeterPoint) {
	m["marketCategory"], m["marketSectorCode"], m["currentDmSoq"] = "SSP", "D", nil
	if a.AccountType == "BUSINESS" {
		m["marketSectorCode"] = "I"
	}
	m["supplyClass"], m["igtIdentifier"] = 4, ""
	k := gasMeterInPlace(mp, w.today())
	if k < 0 {
		return
	}
	m["meterOwnershipType"] = map[bool]string{true: "S", false: "T"}[supplierOwns(&mp.Meters[k])]
	quantities := sync.OnceValues(func() (aq, soq int) {
		register := gasRegister(w, a, *mp, mp.Meters[k])
		peak := time.Date(w.now.In(w.zone).Year(), time.January, 15, 0, 0, 0, 0, w.zone)
		return int(math.Round(yearOfUse(w, register))), int(math.Round(register.Use(peak, peak.AddDate(0, 0, 1), w.zone)))
	})
	aq := sim.Lazy(func(map[string]any) (any, error) { q, _ := quantities(); return q, nil })
	soq := sim.Lazy(func(map[string]any) (any, error) { _, q := quantities(); return q, nil })
	m["formulaYearSmpAq"], m["formulaYearSmpSoq"], m["currentNdmSoq"] = aq, soq, soq
	m["endUserCategory"] = sim.Lazy(func(map[string]any) (any, error) { q, _ := quantities(); return eucBand(q), nil })
	ldz, _ := m["ldz"].(string)
	m["eucIdentifier"] = sim.Lazy(func(map[string]any) (any, error) {
		if ldz == "" {
			return nil, nil
		}
		q, _ := quantities()
		return fmt.Sprintf("%s:E%02d%02dB", ldz, gasYear(w.now.In(w.zone))%100, eucBand(q)), nil
	})
}

// eucBands are the upper bounds, in kWh a year, of the demand estimation's end user
// categories for a supply read in batches: band 1 up to 73,200 kWh (every home), band 9
// beyond the last.
var eucBands = []int{73_200, 293_000, 732_000, 2_196_000, 5_860_000, 14_650_000, 29_300_000, 58_600_000}

// eucBand is the end user category of a supply of an annual quantity in kWh.
func eucBand(aq int) int {
	for i, top := range eucBands {
		if aq <= top {
			return i + 1
		}
	}
	return len(eucBands) + 1
}

// gasYear is the gas industry's year a time falls in, by the year it began on
// 1 October.
func gasYear(t time.Time) int {
	if t.Month() >= time.October {
		return t.Year()
	}
	return t.Year() - 1
}

// supplierOwns is whether a British gas meter is its supplier's (Xoserve's ownership
// type S): a smart meter, which the supplier fitted; a traditional one is its
// transporter's (T).
func supplierOwns(m *sim.GasMeter) bool { return m.IsDigital }

// yearOfUse is a year of a meter's use in kWh at its mean, the industry's annual figure
// (an EAC, an AQ).
func yearOfUse(w *env, register world.Meter) float64 {
	return 48 * 365.2425 * register.MeanHalfHour(w.zone)
}

// supplyStart is the day a supply began: its first agreement's, else the registration
// state gives it; "" for neither.
func supplyStart(ags []sim.Agreement, registered string) string {
	first := ""
	for _, ag := range ags {
		if ag.ValidFrom != "" && (first == "" || ag.ValidFrom < first) {
			first = ag.ValidFrom
		}
	}
	return cmp.Or(first, registered)
}

// latestRead is the day of a meter's latest reading (of those it lists, smart reads
// included, not estimates: the industry assesses a year's use from actual reads), else
// the day it was fitted.
func latestRead(w *env, reads []sim.MeterReading, fitted string) string {
	reads = slices.DeleteFunc(slices.Clone(reads), func(r sim.MeterReading) bool { return r.Source == "ESTIMATE" })
	if len(reads) == 0 {
		return fitted
	}
	latest := slices.MaxFunc(reads, func(x, y sim.MeterReading) int { return x.ReadAt.Compare(y.ReadAt) })
	return latest.ReadAt.In(w.zone).Format(time.DateOnly)
}

// prepayBalanceSnapshot answers prepayBalanceSnapshot(deviceId:): a prepayment meter's
// balance (prepay.go), for a viewer who may read its account; null for the smart meter
// of a credit meter state holds (a credit meter keeps no prepayment balance) and for any
// other device of a home's network (a hub keeps none); the world's for a device state
// does not hold.
func prepayBalanceSnapshot(_ context.Context, c *sim.Call) (any, error) {
	id := strings.TrimSpace(c.StringArg("deviceId"))
	w := newEnv(c)
	for _, a := range w.Accounts {
		for _, p := range prepaidMeters(w, a) {
			if !strings.EqualFold(p.deviceID, id) {
				continue
			}
			if _, _, err := readable(c, a.Number, "", ""); err != nil {
				return nil, err
			}
			return prepayBalance(w, a, p), nil
		}
	}
	if _, held := meterIn(w, id); held {
		return nil, nil
	}
	if _, n := networkHolding(newEnv(c), id); n != nil {
		return nil, nil
	}
	return obj{}, nil
}

// smartTariffComparison answers smartTariffComparison(mpan:) for an import meter point
// of an account the viewer may read: its meter's last year of use (to today's midnight)
// priced on its tariff in force and on each smart product offered to the household
// (Agile with a smart meter, Go and Intelligent Go with a car too, Cosy with a heat
// pump), each half hour at the tariff's rate then for how the account paid then, as
// statements bill it, in pounds, with and without tax (with it, Climate Change Levy on
// the year's use where its statements charge the levy); null for a meter point with no
// meter or agreement; the world's for one no account holds.
func smartTariffComparison(_ context.Context, c *sim.Call) (any, error) {
	w := newEnv(c)
	a, mp := findPoint(w, electricityPoints, func(mp *sim.ElectricityMeterPoint) (string, bool) { return mp.MPAN, mp.MPAN != "" },
		strings.TrimSpace(c.StringArg("mpan")))
	if mp == nil {
		return obj{}, nil
	}
	if _, _, err := readable(c, a.Number, "", ""); err != nil {
		return nil, err
	}
	today := w.today()
	k := electricityMeterInPlace(mp, today)
	i := slices.IndexFunc(mp.Agreements, func(ag sim.Agreement) bool { return agreementActive(ag, today) })
	if k < 0 || i < 0 {
		return nil, nil
	}
	ag, m := mp.Agreements[i], mp.Meters[k]
	end, _ := dayStart(today, w.zone)
	start := end.AddDate(-1, 0, 0)
	if fitted, ok := dayStart(m.ActiveFrom, w.zone); ok && fitted.After(start) {
		start = fitted
	}
	tax, levied := w.pointLevy(a, mp.ID, ag.TariffCode)
	// Each tariff prices the half hours the meter recorded at the rates in force then, as
	// a statement on it would.
	year := yearBefore(w, electricityRegister(w, a, *mp, m), true, end)
	if start.After(end.AddDate(-1, 0, 0)) { // a meter fitted within the year
		year = yearFrom(w, electricityRegister(w, a, *mp, m), true, start, end)
	}
	year.historic, year.paid = true, w.paidFrom(a)
	levy := 0.0
	if levied {
		levy = year.levy()
	}
	cost := func(tariff string) (float64, float64) {
		net := year.net(tariff)
		return math.Round(net) / 100, math.Round((net+levy)*tax) / 100
	}
	prefix, region := tariffShape(ag.TariffCode)
	comparisons := []any{}
	for _, code := range offerCodes(ag.ProductCode, prefix, householdOf(a, m.IsDigital)) {
		if !halfHourlyFamilies[productName(code)] {
			continue
		}
		tariff := "E-1R-" + code + "-" + region
		net, gross := cost(tariff)
		comparisons = append(comparisons, obj{"tariff": tariff, "cost": net, "costWithTax": gross})
	}
	net, gross := cost(ag.TariffCode)
	return obj{"currentCost": net, "currentCostWithTax": gross, "costComparisons": comparisons,
		"consumptionReadingsStartAt": dateTime(start, w.zone), "consumptionReadingsEndAt": dateTime(end, w.zone)}, nil
}

// meterPoint answers Origin's meterPoint(nmi:): the electricity supply with that NMI
// (or the gas supply with that MIRN) on an account the viewer may read, as the account's
// own meterPoints list it; the world's for an identifier no account holds.
func meterPoint(_ context.Context, c *sim.Call) (any, error) {
	w := newEnv(c)
	id := strings.TrimSpace(c.StringArg("nmi"))
	if a, mp := w.ElectricityMeterPoint(id); mp != nil {
		if _, _, err := readable(c, a.Number, "", ""); err != nil {
			return nil, err
		}
		return electricityPoint(w, a, mp), nil
	}
	if a, mp := w.GasMeterPoint(id); mp != nil {
		if _, _, err := readable(c, a.Number, "", ""); err != nil {
			return nil, err
		}
		return gasPoint(w, a, mp), nil
	}
	return obj{}, nil
}

// digitalMeterRequestEligibility answers digitalMeterRequestEligibility(nmi:) for a
// supply an account holds: eligible for a digital meter unless its meter in place is one
// already; the world's for an NMI no account holds.
func digitalMeterRequestEligibility(_ context.Context, c *sim.Call) (any, error) {
	w := newEnv(c)
	id := strings.TrimSpace(c.StringArg("nmi"))
	_, mp := w.ElectricityMeterPoint(id)
	if mp == nil {
		return obj{}, nil
	}
	if k := electricityMeterInPlace(mp, w.today()); k >= 0 && mp.Meters[k].IsDigital {
		return obj{"nmi": id, "isEligible": false, "reason": "The meter point already has a digital meter."}, nil
	}
	return obj{"nmi": id, "isEligible": true, "reason": nil}, nil
}

// smartRecord is what the industry's register (ECOES) holds of a British electricity
// supply's smart metering: while its meter in place is a smart meter the DCC serves,
// the day it was fitted as the day the supply went smart, its DCC service flag took
// effect and its in-home display was installed (the REC's IHD install status I), and its
// Smart Metering System Operator, the supplier registered for it (the one still
// supplying it while a switch to the account's brand is pending), since it was fitted
// or that supplier's supply began, whichever is later; none of it (no dates, no
// operator, no display) for a meter read by hand.
func smartRecord(w *env, m obj, a *sim.Account, mp *sim.ElectricityMeterPoint) {
	m["dccServiceFlag"], m["smsOperator"], m["ihdStatus"] = "N", "", ""
	m["smartStartDate"], m["dccEffectiveFrom"], m["smsOperatorEffectiveFrom"], m["ihdEffectiveFrom"] = nil, nil, nil, nil
	k := electricityMeterInPlace(mp, w.today())
	if k < 0 || smetsGeneration(mp.Meters[k].MeterType) == "" {
		return
	}
	fitted := orNil(mp.Meters[k].ActiveFrom)
	m["dccServiceFlag"], m["ihdStatus"] = "A", "I"
	m["smartStartDate"], m["dccEffectiveFrom"], m["ihdEffectiveFrom"] = fitted, fitted, fitted
	operator, since := codeWords(a.Brand), supplyStart(mp.Agreements, mp.RegistrationStartDate)
	if mp.Status == "PENDING_REGISTRATION" || mp.Status == "WITHDRAWN" {
		operator, since = supplierName(w, mp.CurrentSupplierMPID), ""
	}
	m["smsOperator"], m["smsOperatorEffectiveFrom"] = operator, orNil(max(mp.Meters[k].ActiveFrom, since))
}

// gasSmartStart is the day a British gas supply went smart: the day its meter in place,
// a smart meter, was fitted; nil for a meter read by hand.
func gasSmartStart(w *env, a *sim.Account, mp *sim.GasMeterPoint) any {
	if k := gasMeterInPlace(mp, w.today()); k >= 0 && gasGeneration(a, &mp.Meters[k]) != "" {
		return orNil(mp.Meters[k].ActiveFrom)
	}
	return nil
}

// supplierName is the name of the supplier with an industry id (MPID), as the state's
// import suppliers name it; "" for one it does not name.
func supplierName(w *env, mpid string) string {
	for _, s := range w.ImportSuppliers {
		if s != nil && s.MPID != "" && s.MPID == mpid {
			return s.Name
		}
	}
	return ""
}
