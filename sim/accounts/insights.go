package accounts

import (
	"context"
	"math"
	"strconv"
	"time"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/fake"
)

// weeklyUsageInsights answers weeklyUsageInsights(accountNumber:) for an account the
// viewer may read: the latest full week (Monday to Monday, in the tenant's time) of its
// first smart electricity meter, its use that week as the meter's register has it and
// its 336 half hours of readings, and the carbon that use met at the grid's intensity;
// null for an account without a smart electricity meter supplied that week.
func weeklyUsageInsights(_ context.Context, c *sim.Call) (any, error) {
	_, a, err := readable(c, c.StringArg("accountNumber"), "", "")
	if err != nil {
		return nil, err
	}
	w := newEnv(c)
	today, _ := dayStart(w.today(), w.zone)
	monday := today.AddDate(0, 0, -(int(today.Weekday())+6)%7-7) // the Monday of last week
	end := monday.AddDate(0, 0, 7)
	for i := range a.Properties {
		p := &a.Properties[i]
		for j := range p.ElectricityMeterPoints {
			mp := &p.ElectricityMeterPoints[j]
			k := electricityMeterInPlace(mp, w.today())
			if k < 0 || !mp.Meters[k].IsDigital {
				continue
			}
			if fitted, ok := dayStart(mp.Meters[k].ActiveFrom, w.zone); ok && fitted.After(monday) {
				continue
			}
			kwh := electricityRegister(w, a, *mp, mp.Meters[k]).In(w.zone).Use(monday, end)
			// The grid's carbon intensity the week's use met, in the bands of the Carbon
			// Intensity API, and where it ranks in the region.
			h := fake.HashStrings("carbon", mp.MPAN, monday.Format(time.DateOnly))
			intensity := 90 + float64(h%13000)/100 // 90–220 g/kWh
			index := "MODERATE"
			if intensity < 120 {
				index = "LOW"
			}
			if intensity >= 200 {
				index = "HIGH"
			}
			return obj{
				// An account's id beyond a 32-bit Int (this one's account.id) has no accountId.
				"accountNumber": a.Number, "accountId": int32ID(accountID(a.Number)), "propertyId": numericID(p.ID), "meterPointId": numericID(mp.ID),
				"carbonGrams": math.Round(kwh * intensity), "achievedCarbonRate": math.Round(intensity*100) / 100, "achievedCarbonIndex": index,
				"achievedCarbonRank": strconv.Itoa(1 + int(fake.Mix64(h)%100)),
				"mpan":               mp.MPAN, "gspGroupId": orNil(mp.GSPGroupID),
				"weekStart": dateTime(monday, w.zone), "periodStart": dateTime(monday, w.zone), "periodEnd": dateTime(end.Add(-30*time.Minute), w.zone),
				"consumptionKwh": strconv.FormatFloat(math.Round(kwh*1000)/1000, 'f', 3, 64),
				"numberPeriods":  strconv.Itoa(int(end.Sub(monday) / (30 * time.Minute))), "hasFullReadings": "true", "isLatestWeek": "true",
			}, nil
		}
	}
	return nil, nil
}

// int32ID is an id as an Int field can hold it; nil for one beyond 32 bits.
func int32ID(id string) any {
	n, err := strconv.ParseInt(id, 10, 32)
	if err != nil {
		return nil
	}
	return int(n)
}

// gridKgPerKWh is the carbon dioxide a kWh of the UK's grid electricity emitted, in kg
// CO2e: the Department for Energy Security and Net Zero's 2024 conversion factor for
// electricity generated.
const gridKgPerKWh = 0.20705

// treeKgPerYear is the carbon dioxide a mature tree takes up in a year, in kg.
const treeKgPerYear = 21.77

// greenAccomplishments are the green benefits over an account's lifetime
// (GreenAccomplishmentsType): the carbon its electricity billed since billing began
// would have emitted from the grid, which renewable supply saved, and the trees that
// take as much up in a year.
func greenAccomplishments(w *env, a *sim.Account) obj {
	var kwh float64
	for _, d := range w.billing(a).details {
		if d.fuel == "Electricity" && !d.export {
			kwh += d.kwh
		}
	}
	co2 := kwh * gridKgPerKWh
	return obj{"savedCo2InKgs": int(math.Round(co2)), "savedTrees": int(math.Round(co2 / treeKgPerYear))}
}
