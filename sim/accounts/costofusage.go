package accounts

import (
	"context"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/fake"
	"github.com/krakensim/krakensim/sim/world"
)

// usageBack are how many intervals of each grouping costOfUsage reads before today's
// midnight without a startAt.
var usageBack = map[string]int{"QUARTER_HOUR": 96, "HALF_HOUR": 48, "HOUR": 24, "DAY": 7, "WEEK": 4, "MONTH": 12, "QUARTER": 4}

// usageSupply is a supply costOfUsage reads: its cost as statements charge it, and
// whether it exports.
type usageSupply struct {
	cost   supplyCost
	export bool
	// coarse are the spans a smart meter was read only daily or monthly.
	coarse []world.CoarseSpan
}

// knownZone reports whether name is an IANA zone's.
func knownZone(name string) bool {
	_, ok := fake.Zone(name)
	return ok
}

// costOfUsage answers costOfUsage(accountNumber:, meterId:, fuelType:, startAt:,
// grouping:, timezone:) for an account the viewer may read (the viewer's first without
// one): the use its meters recorded, grouped from startAt to today's midnight (smart
// data arrive a day at a time) in the timezone (the account's), each interval's energy
// (the first's from startAt when startAt cuts it)
// and its cost in pence before tax as its statement charges it, standing charges apart;
// with cost enabled for a smart meter on an import tariff. A meterId (a meter's id or
// serial) reads that meter's supply, a fuel type that fuel's (both for DUAL_FUEL),
// else its electricity; an interval finer than its household let it be read then has no
// energy or cost. details takes the same arguments, its own overriding these.
func costOfUsage(_ context.Context, c *sim.Call) (any, error) {
	number := strings.TrimSpace(c.StringArg("accountNumber"))
	if number == "" {
		u, _, err := c.Viewer()
		if err != nil {
			return nil, err
		}
		if u != nil && len(u.AccountNumbers) > 0 {
			number = u.AccountNumbers[0]
		}
	}
	_, a, err := readable(c, number, "", "")
	if err != nil {
		return nil, err
	}
	if v, given := c.Field.Args["timezone"].(string); given {
		if name := strings.TrimSpace(v); !knownZone(name) {
			return nil, c.ValidationError("KT-CT-13614", fmt.Sprintf("%q is not an IANA time zone name (Europe/London).", sim.Clip(name, 64)), "timezone")
		}
	}
	w := newEnv(c)
	root := c.Field.Args
	supplies, enabled, direction := usageSupplies(w, a, root)
	return obj{
		"__typename": "CostOfUsageType", "costEnabled": enabled, "direction": direction,
		"details": sim.Lazy(func(args map[string]any) (any, error) {
			merged := map[string]any{}
			for k, v := range root {
				merged[k] = v
			}
			for k, v := range args {
				if v != nil {
					merged[k] = v
				}
			}
			if _, ok := args["meterId"]; ok || args["fuelType"] != nil {
				supplies, _, _ = usageSupplies(w, a, merged)
			}
			return usageConnection(w, c, supplies, merged)
		}),
	}, nil
}

// usageSupplies are the supplies of the account the arguments name (usageSupply), whether
// cost may be shown for them, and their direction (null for none).
func usageSupplies(w *env, a *sim.Account, args map[string]any) ([]usageSupply, bool, any) {
	meterID, fuel := strings.TrimSpace(str(args, "meterId")), str(args, "fuelType")
	electricity, gas := fuel != "GAS", fuel == "GAS" || fuel == "DUAL_FUEL"
	var out []usageSupply
	enabled := true
	var direction any
	add := func(s supplyCost, code string, smart bool) {
		export := exportTariff(code)
		u := usageSupply{cost: s, export: export}
		if smart {
			u.coarse = coarseSpans(a)
		}
		out = append(out, u)
		enabled = enabled && smart && !export && code != ""
		if direction == nil {
			direction = "IMPORT"
			if export {
				direction = "EXPORT"
			}
		}
	}
	today := w.today()
	for i := range a.Properties {
		p := &a.Properties[i]
		for j := range p.ElectricityMeterPoints {
			mp := &p.ElectricityMeterPoints[j]
			k := electricityMeterInPlace(mp, today)
			if k < 0 || meterID == "" && !electricity || meterID != "" && !holdsMeter(mp.Meters, meterID, func(m sim.ElectricityMeter) [2]string { return [2]string{m.ID, m.SerialNumber} }) {
				continue
			}
			add(electricitySupplyCost(w, a, mp), tariffOn(mp.Agreements, today), mp.Meters[k].IsDigital)
		}
		for j := range p.GasMeterPoints {
			mp := &p.GasMeterPoints[j]
			k := gasMeterInPlace(mp, today)
			if k < 0 || meterID == "" && !gas || meterID != "" && !holdsMeter(mp.Meters, meterID, func(m sim.GasMeter) [2]string { return [2]string{m.ID, m.SerialNumber} }) {
				continue
			}
			add(gasSupplyCost(w, a, mp), tariffOn(mp.Agreements, today), mp.Meters[k].IsDigital)
		}
	}
	return out, enabled && len(out) > 0, direction
}

// holdsMeter is whether one of meters has the id or serial number.
func holdsMeter[M any](meters []M, id string, keys func(M) [2]string) bool {
	for _, m := range meters {
		if k := keys(m); k[0] == id || k[1] == id {
			return true
		}
	}
	return false
}

// usageConnection pages the intervals of the supplies' use the arguments ask for, making
// only the page's, with the page's total energy and cost.
func usageConnection(w *env, c *sim.Call, supplies []usageSupply, args map[string]any) (any, error) {
	name := str(args, "grouping")
	g, ok := world.GroupingOf(name)
	if _, known := usageBack[name]; !ok || !known {
		name = "DAY"
		g, _ = world.GroupingOf(name)
	}
	zone := w.zone
	if v, given := args["timezone"].(string); given {
		name := strings.TrimSpace(v)
		z, ok := fake.Zone(name)
		if !ok {
			return nil, c.ValidationError("KT-CT-13614", fmt.Sprintf("%q is not an IANA time zone name (Europe/London).", sim.Clip(name, 64)), "timezone")
		}
		zone = z
	}
	today, _ := dayStart(w.today(), w.zone)
	end := today
	first := g.Add(g.Floor(today.In(zone)), -usageBack[name])
	since := first // the first interval counts use from since, as REST's group_by does
	if t, ok := parseTime(args["startAt"], zone); ok {
		first, since = g.Floor(t.In(zone)), t
	}
	opened := supplyOpened(supplies, w.zone)
	if first.Before(opened) {
		first = g.Floor(opened.In(zone))
	}
	n := g.Count(first, end)
	if opened.IsZero() {
		n = 0 // not supplied: nothing the supplier read
	}
	var totalKWh float64
	var totalCost int
	conn, err := world.ConnectionOf(n, func(i int) any {
		from, to := g.Add(first, i), g.Add(first, i+1)
		counted := maxTime(from, since)
		for _, s := range supplies {
			if !world.Collected(s.coarse, from, g.SubDaily(), g.SubMonthly()) {
				// Not read that finely then, as the household chose.
				return obj{"__typename": "IntervalCostOfUsageType", "startAt": dateTime(from, zone), "endAt": dateTime(to, zone), "usageKwh": nil, "cost": nil}
			}
		}
		kwh, pence, priced := supplyUse(w, supplies, counted, minTime(to, end))
		totalKWh += kwh
		node := obj{"__typename": "IntervalCostOfUsageType", "startAt": dateTime(from, zone), "endAt": dateTime(to, zone),
			"usageKwh": decimal(math.Round(kwh*1000) / 1000), "cost": nil}
		if priced {
			cost := int(math.Round(pence))
			totalCost += cost
			node["cost"] = cost
		}
		return node
	}, args, w.maxPage)
	if err != nil {
		return nil, err
	}
	conn["__typename"] = "CostOfUsageConnectionTypeConnection"
	conn["usageKwh"], conn["cost"] = decimal(math.Round(totalKWh*1000)/1000), totalCost
	return conn, nil
}

// supplyOpened is when the earliest of the supplies was first charged for (zero for
// none).
func supplyOpened(supplies []usageSupply, zone *time.Location) time.Time {
	var first time.Time
	for _, s := range supplies {
		if len(s.cost.stretches) > 0 {
			if t := dayTime(s.cost.stretches[0].from, zone); first.IsZero() || t.Before(first) {
				first = t
			}
		}
	}
	return first
}

// supplyUse is the supplies' use over [from, to) and its cost before tax in pence as
// their statements charge it (whole days as a billing run prices them, else each half
// hour at its rate then), and whether any was priced (not an export).
func supplyUse(w *env, supplies []usageSupply, from, to time.Time) (kwh, pence float64, priced bool) {
	if !to.After(from) {
		return 0, 0, !allExport(supplies)
	}
	for _, s := range supplies {
		if lo, hi, whole := wholeDays(from, to, w.zone); whole {
			ch := s.cost.over(lo, hi)
			kwh += s.cost.register.Use(from, to)
			if !s.export {
				pence, priced = pence+ch.usage, true
			}
			continue
		}
		kwh += s.cost.register.Use(from, to)
		if s.export {
			continue
		}
		priced = true
		for at := from; at.Before(to); {
			next := minTime(at.Truncate(30*time.Minute).Add(30*time.Minute), to)
			pence += s.cost.register.Use(at, next) * s.cost.rateAt(at)
			at = next
		}
	}
	return kwh, pence, priced
}

// allExport is whether every one of the supplies exports.
func allExport(supplies []usageSupply) bool {
	for _, s := range supplies {
		if !s.export {
			return false
		}
	}
	return len(supplies) > 0
}

// wholeDays are [from, to) as days since 1970 in zone when both are midnights there.
func wholeDays(from, to time.Time, zone *time.Location) (lo, hi int, ok bool) {
	f, t := from.In(zone), to.In(zone)
	if f.Hour()+f.Minute()+f.Second() != 0 || t.Hour()+t.Minute()+t.Second() != 0 {
		return 0, 0, false
	}
	return dayNumber(f.Format(time.DateOnly)), dayNumber(t.Format(time.DateOnly)), true
}

// rateAt is what a kWh of the supply's costs before tax at t: its tariff's rate, 0 in its
// free hours.
func (s supplyCost) rateAt(t time.Time) float64 {
	if freeAt(s.free, t) {
		return 0
	}
	return s.tariffRateAt(t)
}

// tariffRateAt is the unit rate before tax of the supply's tariff in force at t (0 before
// its first and after its last).
func (s supplyCost) tariffRateAt(t time.Time) float64 {
	day := dayNumber(t.In(s.zone).Format(time.DateOnly))
	for _, st := range s.stretches {
		if day >= st.from && day < st.to {
			return rateAt(st.code, st.prices, t, s.zone)
		}
	}
	return 0
}
