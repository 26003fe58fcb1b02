package accounts

import (
	"context"
	"math"
	"strings"

	"github.com/krakensim/krakensim/sim"
)

// An account's estimated usage and cost (Origin's estimatedUsageAndCost) is what its
// meters used over the last year, spread evenly, priced at the agreements in force today
// as their statements would price that year: a week is seven days, a year 365, and every
// period costs its energy at the year's mean price and its days at the standing charge,
// before tax.

// estimatePeriods are the periods an estimate is given for, in days.
var estimatePeriods = []struct {
	field string
	days  float64
}{
	{"dailyEstimation", 1}, {"weeklyEstimation", 7}, {"fortnightlyEstimation", 14},
	{"monthlyEstimation", 365.0 / 12}, {"yearlyEstimation", 365},
}

// mjPerKWh converts gas energy to the megajoules a gas estimate is told in.
const mjPerKWh = 3.6

// usageEstimate is an account's AccountEstimatedUsageAndCostType: an estimation for each
// fuel it is supplied with today, nil for one it is not.
func usageEstimate(w *env, a *sim.Account) obj {
	out := obj{"electricityEstimation": nil, "gasEstimation": nil}
	today := w.today()
	end, _ := dayStart(today, w.zone)
	for i := range a.Properties {
		p := &a.Properties[i]
		for _, mp := range p.ElectricityMeterPoints {
			ag, ok := activeAgreement(mp.Agreements, today)
			if m := electricityMeterInPlace(&mp, today); ok && m >= 0 && out["electricityEstimation"] == nil {
				out["electricityEstimation"] = estimation(yearBefore(w, electricityRegister(w, a, mp, mp.Meters[m]), true, end), ag.TariffCode,
					w.accountPrices(a, mp.ID, ag.TariffCode, true), 1, concessionDiscount(w, a, true))
			}
		}
		for _, mp := range p.GasMeterPoints {
			ag, ok := activeAgreement(mp.Agreements, today)
			if m := gasMeterInPlace(&mp, today); ok && m >= 0 && out["gasEstimation"] == nil {
				out["gasEstimation"] = estimation(yearBefore(w, gasRegister(w, a, mp, mp.Meters[m]), false, end), ag.TariffCode,
					w.accountPrices(a, mp.ID, ag.TariffCode, false), mjPerKWh, concessionDiscount(w, a, false))
			}
		}
	}
	return out
}

// activeAgreement is the agreement in force on date; false for none.
func activeAgreement(ags []sim.Agreement, date string) (sim.Agreement, bool) {
	for _, ag := range ags {
		if agreementActive(ag, date) {
			return ag, true
		}
	}
	return sim.Agreement{}, false
}

// estimation is one fuel's estimate for each period from its meter's last year (year)
// on tariff: that year's use spread evenly, at the mean price its half hours paid on
// the tariff (by the half hour on Agile and Cosy, in its off-peak hours on a two-rate
// tariff); energy in the fuel's unit (kWh times unit), and costs in minor units before
// tax, less what a concession takes off (d).
func estimation(year pricedYear, tariff string, p tariffPrices, unit float64, d discount) obj {
	rate := p.meanUnit()
	if year.kwh > 0 {
		rate = year.sc.usage(tariff, p, year.lo, year.hi, year.kwh) / year.kwh
	}
	perDay := 0.0
	if year.days > 0 {
		perDay = year.kwh / year.days
	}
	out := obj{"failureReasons": nil}
	for _, period := range estimatePeriods {
		kwh := perDay * period.days
		usage := int(math.Round(kwh * rate))
		standing := int(math.Round(p.standing * period.days))
		off := d.off(float64(usage+standing), period.days)
		out[period.field] = obj{
			"usageEnergy": math.Round(kwh*unit*100) / 100, "usageCost": usage,
			"exportEnergy": 0.0, "exportEarning": 0, "concessionDiscount": off, "totalCost": usage + standing - off,
		}
	}
	return out
}

// trackerPricing is an account's trackerTariffDailyPricing: today's unit rate with tax,
// in whole pence, for each fuel it has on a Tracker product (SILVER-…); nil when it has
// none, as Kraken answers where daily tracker pricing does not apply.
func trackerPricing(w *env, a *sim.Account) any {
	today := w.today()
	var out obj
	add := func(point string, ags []sim.Agreement, electricity bool) {
		field := "gas"
		if electricity {
			field = "electricity"
		}
		ag, ok := activeAgreement(ags, today)
		if !ok || !strings.HasPrefix(ag.ProductCode, "SILVER") || out[field] != nil {
			return
		}
		if out == nil {
			out = obj{"demoUrl": nil, "electricity": nil, "gas": nil}
		}
		p := w.accountPrices(a, point, ag.TariffCode, electricity)
		out[field] = int(math.Round(p.taxed(p.unit)))
	}
	for _, p := range a.Properties {
		for _, mp := range p.ElectricityMeterPoints {
			add(mp.ID, mp.Agreements, true)
		}
		for _, mp := range p.GasMeterPoints {
			add(mp.ID, mp.Agreements, false)
		}
	}
	if out == nil {
		return nil
	}
	return out
}

// typicalUse are Ofgem's typical domestic consumption values (from April 2023), a
// year's kWh at each level of use: single-rate electricity, two-rate (Economy 7)
// electricity and gas.
var typicalUse = []struct {
	level                  string
	standard, twoRate, gas int
}{{"low", 1800, 2200, 7500}, {"medium", 2700, 3900, 11500}, {"high", 4100, 6700, 17000}}

// consumptionEstimates answers consumptionEstimates: the typical year of use at each
// level, a two-rate meter's split between day and night as krakensim's households draw
// it (nightShare of the day's use falls in its off-peak hours).
func consumptionEstimates(context.Context, *sim.Call) (any, error) {
	return typicalEstimates(), nil
}

// typicalEstimates is a ConsumptionEstimates: typicalUse at each level.
func typicalEstimates() obj {
	out := obj{}
	for _, u := range typicalUse {
		day, night := typicalTwoRate(u.twoRate)
		out[u.level] = obj{"elecAnnualConsumptionStandard": u.standard, "elecAnnualConsumptionDay": day,
			"elecAnnualConsumptionNight": night, "gasAnnualConsumption": u.gas}
	}
	return out
}

// typicalTwoRate splits a two-rate meter's year of use between day and night.
func typicalTwoRate(kwh int) (day, night int) {
	night = int(math.Round(float64(kwh) * nightShare))
	return kwh - night, night
}

// typicalMedium is Ofgem's medium level of use, which an estimate takes.
func typicalMedium() (standard, day, night, gas int) {
	for _, u := range typicalUse {
		if u.level == "medium" {
			day, night = typicalTwoRate(u.twoRate)
			return u.standard, day, night, u.gas
		}
	}
	return 0, 0, 0, 0
}
