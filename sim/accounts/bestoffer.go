package accounts

import (
	"math"
	"slices"
	"strings"
	"time"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/world"
)

// An agreement's best offer (Origin's bestOffer, the check Victoria's Energy Retail Code
// asks a retailer to print on each bill) prices the supply's last twelve months of use
// on its own product and on every product offered to the household for the same fuel
// and meter, with GST: the cheapest is the best offer, and the difference is what it
// would save.

// nightShare is the part of a day's use a two-rate meter records off-peak, as estimates
// price it (seven hours of twenty-four).
const nightShare = 7.0 / 24

// tariffShape is the prefix of a tariff code that says its fuel and rates (E-1R-, E-2R-,
// G-1R-), and its region, the letter it ends with.
func tariffShape(code string) (prefix, region string) {
	if len(code) > 5 && code[4] == '-' {
		prefix = code[:5]
	}
	if i := strings.LastIndexByte(code, '-'); i >= 0 {
		region = code[i+1:]
	}
	return prefix, region
}

// supplyRegister is what the world reads of the meter in place on an account's supply
// (mpID), and whether that meter is a smart one; false for none.
func supplyRegister(w *env, a *sim.Account, mpID string, electricity bool) (m world.Meter, smart, ok bool) {
	today := w.today()
	for i := range a.Properties {
		p := &a.Properties[i]
		if electricity {
			for _, mp := range p.ElectricityMeterPoints {
				if k := electricityMeterInPlace(&mp, today); mp.ID == mpID && k >= 0 {
					return electricityRegister(w, a, mp, mp.Meters[k]), mp.Meters[k].IsDigital, true
				}
			}
			continue
		}
		for _, mp := range p.GasMeterPoints {
			if k := gasMeterInPlace(&mp, today); mp.ID == mpID && k >= 0 {
				return gasRegister(w, a, mp, mp.Meters[k]), mp.Meters[k].IsDigital, true
			}
		}
	}
	return world.Meter{}, false, false
}

// pricedYear is the year of a supply's use before a day, as its meter's register drew
// it: its energy, and its half hours priced on any tariff as a statement on it would
// price them.
type pricedYear struct {
	kwh, days   float64
	lo, hi      int
	sc          supplyCost
	electricity bool
	w           *env
	// halfHours are its half hours' use, read from the register once for every tariff
	// priced by the half hour.
	halfHours *[]float64
	// historic prices each day at the prices in force then, not at today's: what the
	// year cost, not what it would cost now.
	historic bool
	// receipt prices it as one paying otherwise than by direct debit pays (onReceipt);
	// paid, when given, prices each day as its account paid then (paidFrom).
	receipt bool
	paid    methodHistory
}

// yearBefore is the year of m's use before end.
func yearBefore(w *env, m world.Meter, electricity bool, end time.Time) pricedYear {
	return yearFrom(w, m, electricity, end.AddDate(-1, 0, 0), end)
}

// yearFrom is m's use from start to end (days), priced as yearBefore's.
func yearFrom(w *env, m world.Meter, electricity bool, start, end time.Time) pricedYear {
	reg := m.In(w.zone)
	y := pricedYear{sc: supplyCost{register: reg, zone: w.zone}, electricity: electricity, w: w, kwh: reg.Use(start, end), halfHours: new([]float64)}
	y.lo, y.hi = dayNumber(start.Format(time.DateOnly)), dayNumber(end.Format(time.DateOnly))
	y.days = float64(y.hi - y.lo)
	return y
}

// net is what the year costs on a tariff before tax, in minor units: its use and its
// standing charges, at the prices a quote for a term takes now (termPrices) or,
// historic, each day at the prices in force then.
func (y pricedYear) net(tariff string) float64 {
	price := halfHourPricer(tariff)
	if price != nil && y.halfHours != nil && *y.halfHours == nil {
		// As supplyCost.halfHourUsage prices them, from the half hours read once.
		*y.halfHours = y.sc.halfHourUse(y.lo, y.hi)
	}
	zone := y.w.zone
	start := dayTime(y.lo, zone)
	var total float64
	stretches := []costStretch{{from: y.lo, to: y.hi, code: tariff, prices: y.w.termPrices(tariff, y.electricity)}}
	if y.historic {
		stretches = marketStretches(y.w, tariff, y.electricity, y.lo, y.hi)
	}
	paid := y.paid
	if paid == nil && y.receipt {
		paid = methodHistory{{math.MinInt, true}}
	}
	var priced []costStretch
	for _, st := range stretches {
		priced = append(priced, paid.priced(st)...)
	}
	for _, st := range priced {
		lo, hi := max(st.from, y.lo), min(st.to, y.hi)
		if hi <= lo {
			continue
		}
		total += float64(hi-lo) * st.prices.standing
		if price != nil && y.halfHours != nil {
			hh := *y.halfHours
			i := min(int(dayTime(lo, zone).Sub(start)/(30*time.Minute)), len(hh))
			j := min(int(dayTime(hi, zone).Sub(start)/(30*time.Minute)), len(hh))
			total += priceHalfHours(hh[i:j], dayTime(lo, zone), price, st.prices, zone)
			continue
		}
		kwh := y.kwh
		if lo != y.lo || hi != y.hi {
			kwh = y.sc.register.Use(dayTime(lo, zone), dayTime(hi, zone))
		}
		total += y.sc.usage(tariff, st.prices, lo, hi, kwh)
	}
	return total
}

// cost is what the year costs on a tariff, with tax at the factor tax and, levied,
// Climate Change Levy on its use taxed with it (as statements charge a business's
// supply over de minimis), in minor units.
func (y pricedYear) cost(tariff string, tax float64, levied bool) int {
	p := y.w.termPrices(tariff, y.electricity).taxedAt(tax)
	net := y.net(tariff)
	if levied {
		net += y.levy()
	}
	return int(math.Round(p.taxed(net)))
}

// levy is the Climate Change Levy on the year's use, to the penny: historic, each day's
// at the rate in force that day, as statements charge it; else at today's, as a quote
// prices the year at today's prices.
func (y pricedYear) levy() float64 {
	if !y.historic {
		return math.Round(y.kwh * cclRate(y.w.today(), y.electricity))
	}
	sc := y.sc
	sc.fuel = "Gas"
	if y.electricity {
		sc.fuel = "Electricity"
	}
	return math.Round(sc.cclOver(y.lo, y.hi))
}

// yearCost is what a year of kwh costs on a tariff, with tax at the factor tax, in
// minor units; receipt, as one paying otherwise than by direct debit pays it.
func yearCost(w *env, tariff string, electricity bool, kwh, tax float64, receipt bool) int {
	p := w.termPrices(tariff, electricity)
	if receipt {
		p = p.onReceipt(tariff)
	}
	p = p.taxedAt(tax)
	usage := kwh * p.meanUnit()
	return int(math.Round(p.taxed(usage + 365*p.standing)))
}

// household is what a product may ask of a supply before it is offered: a smart meter,
// an electric car or charger, a heat pump; and whether it is a business's, offered
// business products only (a home, domestic ones only).
type household struct{ smart, car, heatPump, business bool }

// householdOf is what an account's supply has: its meter's kind, the devices the
// account declares, and whether the account is a business's.
func householdOf(a *sim.Account, smart bool) household {
	h := household{smart: smart, business: a.AccountType == "BUSINESS"}
	for _, d := range a.Devices {
		h.car = h.car || strings.Contains(d.Type, "Vehicle") || strings.Contains(d.Type, "ChargePoint")
		h.heatPump = h.heatPump || strings.Contains(d.Type, "HeatPump")
	}
	return h
}

// offers reports whether a product is offered to a household for a tariff of shape
// prefix: business products to a business, domestic ones to a home; exports and
// electricity's smart products are not gas tariffs, Agile needs a smart meter, Go and
// Intelligent Go a car too, Cosy a heat pump.
func (h household) offers(code, prefix string) bool {
	name := productName(code)
	switch {
	case businessProduct(code) != h.business:
		return false
	case name == "Outgoing":
		return false // an export tariff does not buy energy
	case prefix == "G-1R-":
		return !slices.Contains([]string{"Agile", "Go", "Intelligent Go", "Cosy"}, name)
	case name == "Agile":
		return h.smart
	case name == "Go" || name == "Intelligent Go":
		return h.smart && h.car
	case name == "Cosy":
		return h.smart && h.heatPump
	}
	return true
}

// offerCodes are the products a supply's best offer is checked against: its own and
// those on offer to its household with a tariff of its shape.
func offerCodes(own, prefix string, h household) []string {
	codes := []string{own}
	for _, code := range onSaleProducts() {
		if h.offers(code, prefix) && !slices.Contains(codes, code) {
			codes = append(codes, code)
		}
	}
	return codes
}

// bestOffer is an agreement's BestOfferForAgreement as of asOf (today when not given):
// nil when its supply has no meter in place or the agreement is not in force then.
func bestOffer(w *env, a *sim.Account, ag sim.Agreement, mpID string, electricity bool, args map[string]any) any {
	day := w.dayOf(args["asOf"])
	prefix, region := tariffShape(ag.TariffCode)
	m, smart, ok := supplyRegister(w, a, mpID, electricity)
	if !ok || prefix == "" || !agreementActive(ag, day) {
		return nil
	}
	end, _ := dayStart(day, w.zone)
	year := yearBefore(w, m, electricity, end)
	year.receipt = w.paysOnReceipt(a)
	kwh := year.kwh
	cost := func(tariff string) int {
		tax, levied := w.pointLevy(a, mpID, tariff)
		return year.cost(tariff, tax, levied)
	}
	current := cost(ag.TariffCode)
	var checked []any
	best, bestCost := ag, current
	for _, code := range offerCodes(ag.ProductCode, prefix, householdOf(a, smart)) {
		offer := sim.Agreement{ID: ag.ID + "-" + code, ProductCode: code, TariffCode: prefix + code + "-" + region, ValidFrom: day}
		offerCost := current
		if code != ag.ProductCode {
			offerCost = cost(offer.TariffCode)
		} else {
			offer = ag
		}
		checked = append(checked, obj{"product": agreementProduct(w, offer, electricity), "estimatedCost": offerCost})
		if offerCost < bestCost {
			best, bestCost = offer, offerCost
		}
	}
	unit := 1.0
	if !electricity {
		unit = mjPerKWh
	}
	total := kwh * unit
	peak, offPeak := total, 0.0
	if p := w.prices(ag.TariffCode, electricity, w.now); p.twoRate {
		offPeak = total * p.share
		peak = total - offPeak
	}
	round := func(v float64) string { return decimal(math.Round(v*1000) / 1000) }
	return obj{
		"estimatedCurrentProductCost": current, "allProductsChecked": checked,
		"bestOfferProduct": agreementProduct(w, best, electricity), "estimatedBestOfferProductCost": bestCost,
		"bestOfferDifference": current - bestCost, "includesSolarExport": false,
		"usage": obj{
			"startAt": dateTime(end.AddDate(-1, 0, 0), w.zone), "endAt": dateTime(end, w.zone),
			"totalUsage": round(total), "peakUsage": round(peak), "offPeakUsage": round(offPeak),
			"shoulderUsage": "0.0", "controlledLoadUsage": "0.0",
		},
	}
}
