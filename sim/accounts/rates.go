package accounts

import (
	"cmp"
	"context"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/fake"
	"github.com/krakensim/krakensim/sim/world"
)

// A tariff's prices, drawn from its code so that its fields (unitRate, dayRate,
// standingCharge and their preVat… twins) and the rates a meter point is charged
// (applicableRates) agree in every session.

// vat is the VAT on domestic energy in the UK, the tax of prices whose tenant's is not
// given.
const vat = 1.05

// tariffPrices are a tariff's prices before tax, in pence or cents: per kWh (day and
// night for a two-rate tariff) and per day; and the factor of the tax the prices with
// tax include.
type tariffPrices struct {
	unit, day, night, standing float64
	twoRate                    bool
	tax                        float64
	// share is the part of a day's use its households draw off-peak (offPeakShare).
	share float64
}

// priceRange is the range a country's tariffs draw their prices from before tax, in
// pence or cents: electricity per kWh (a single rate, a two-rate tariff's day and
// night), gas per kWh, and each fuel's standing charge per day.
type priceRange struct {
	unit, day, night, gas, standing, gasStanding [2]float64
	// export is what an export tariff pays for a kWh, with no standing charge.
	export [2]float64
}

// priceRanges are the ranges of Great Britain's tariffs and of Australia's, whose usage
// costs a little more and whose daily supply charges about twice as much (gas there is
// 3–4.5 c/MJ).
var priceRanges = map[string]priceRange{
	"GB": {unit: [2]float64{20, 28}, day: [2]float64{25, 32}, night: [2]float64{7, 10}, gas: [2]float64{5, 7}, standing: [2]float64{40, 55}, gasStanding: [2]float64{25, 32},
		export: [2]float64{15, 15}},
	"AU": {unit: [2]float64{24, 33}, day: [2]float64{32, 45}, night: [2]float64{12, 20}, gas: [2]float64{10.8, 16.2}, standing: [2]float64{85, 125}, gasStanding: [2]float64{60, 85},
		export: [2]float64{4, 8}},
}

// pricesOf draws the prices of the tariff with code (by its priceKey) from the ranges of
// the country of zone (Great Britain's for a country without its own): in Great Britain electricity
// 20–28 p/kWh (day 25–32, night 7–10), gas 5–7, standing charges 40–55 and 25–32 p a day;
// an export (Outgoing) pays 15 p/kWh, as a captured answer's Outgoing Octopus does, and
// charges nothing a day (4–8 c/kWh in Australia).
func pricesOf(code string, electricity bool, zone *time.Location) tariffPrices {
	r, ok := priceRanges[fake.Country(zone)]
	if !ok {
		r = priceRanges["GB"]
	}
	network := 1.0
	if fake.Country(zone) == "AU" {
		code, network = networkTariff(code, electricity)
	}
	h := fake.HashStrings("tariff", priceKey(code))
	level := priceLevel(code, electricity, zone)
	if exportTariff(code) || followsMarket(code) {
		level = 1 // an export pays its rate whatever its product's launch; the market steps a variable one's
	}
	if !exportTariff(code) {
		level *= network
	}
	draw := func(salt uint64, lh [2]float64) float64 {
		u := float64(fake.Mix64(h^salt)>>11) / (1 << 53)
		return math.Round((lh[0]+(lh[1]-lh[0])*u)*level*100) / 100
	}
	if !electricity {
		return tariffPrices{unit: draw(1, r.gas), standing: draw(2, r.gasStanding)}
	}
	if exportTariff(code) {
		return tariffPrices{unit: draw(1, r.export)}
	}
	return tariffPrices{unit: draw(1, r.unit), day: draw(3, r.day), night: draw(4, r.night),
		standing: draw(2, r.standing), twoRate: twoRates(code), share: offPeakShare(code)}
}

// networkLevels are the price levels of Australia's electricity distribution networks
// against the reference (Energex's): those of New South Wales, Queensland and South
// Australia from the annual prices of a residential flat rate without controlled load
// in the AER's 2024-25 DMO ($1,810 to $2,513 across Ausgrid, Endeavour and Essential,
// Endeavour's placed within that range; $2,066 for Energex; $2,230 for SAPN); Victoria's
// five networks (below Energex's, AusNet's the dearest), Evoenergy's and TasNetworks'
// are approximations, no figure of the ESC's, the ICRC's or OTTER's at hand; Ergon's
// customers pay Energex's under Queensland's uniform tariff.
var networkLevels = map[string]float64{
	"AUSGRID": 0.88, "ENDEAVOUR": 0.96, "ESSENTIAL": 1.22, "ENERGEX": 1, "ERGON": 1, "SAPN": 1.08,
	"CITIPOWER": 0.78, "POWERCOR": 0.86, "JEMENA": 0.83, "AUSNET": 0.92, "UNITED": 0.8, "EVOENERGY": 0.85, "TASNETWORKS": 0.98,
}

// networkTariff is an Australian tariff code as its prices are drawn, the network it ends
// with (its region) put aside, and the level of that network's prices (networkLevels;
// 1 for gas, or a network not known), so that a product costs the same on one network
// wherever its supplies are.
func networkTariff(code string, electricity bool) (string, float64) {
	_, region := tariffShape(code)
	level, ok := networkLevels[region]
	if !ok || !electricity {
		level = 1
	}
	return strings.TrimSuffix(code, region) + "AU", level
}

// priceKey is what a tariff's prices are drawn from: a variable tariff's are those of
// its product's version on sale (energyCatalogue: E-1R-VAR-22-11-01-A for
// E-1R-VAR-19-04-12-A), else of its code without its product's launch date (E-1R-GO-A),
// the same for every version of its product in its region, as Octopus prices them alike
// under the cap; any other tariff's are its own, as it is priced at its launch.
func priceKey(code string) string {
	if !followsMarket(code) {
		return code
	}
	return priceKeys.get(code, drawPriceKey)
}

// priceKeys holds priceKey's answers (codes come from requests too).
var priceKeys codeMemo

// codeMemo holds a pure function's answers for up to maxPriceKeys tariff or product
// codes, the codes past them worked out each time.
type codeMemo struct {
	held  sync.Map
	count atomic.Int64
}

// get is f's answer for code, held once worked out.
func (m *codeMemo) get(code string, f func(string) string) string {
	if v, ok := m.held.Load(code); ok {
		return v.(string)
	}
	v := f(code)
	if m.count.Add(1) <= maxPriceKeys {
		m.held.Store(code, v)
	}
	return v
}

const maxPriceKeys = 4096

// drawPriceKey works out priceKey.
func drawPriceKey(code string) string {
	undated := func(s string) string {
		return strings.ReplaceAll(productDate().ReplaceAllString(strings.ToUpper(s), ""), "--", "-")
	}
	key := undated(code)
	prefix, region := tariffShape(code)
	for _, product := range energyCatalogue {
		if on := prefix + product + "-" + region; undated(on) == key {
			return on
		}
	}
	return key
}

// offPeakShare is the part of a day's use a household on a two-rate tariff draws in its
// off-peak hours: nightShare, and on Intelligent Octopus Go its car's charge besides
// (world.CarShare as much again as the household's own use, all of it off-peak).
func offPeakShare(code string) float64 {
	if smartCharged(code) {
		return (world.CarShare + nightShare) / (1 + world.CarShare)
	}
	return nightShare
}

// smartCharged says whether a tariff is Intelligent Octopus Go's single-register one, on
// which the supplier charges its household's car.
func smartCharged(code string) bool {
	return timeOfUse(code) && productName(code) == "Intelligent Go"
}

// twoRates says whether a tariff charges a night rate in off-peak hours and a day rate
// the rest: a two-register tariff (E-2R-), or a single-register one of a smart tariff
// whose rates change with the time of day (Octopus Go, Intelligent Octopus Go).
func twoRates(code string) bool {
	return strings.Contains(code, "-2R-") || timeOfUse(code)
}

// timeOfUse says whether a tariff is a smart meter's single-register tariff whose unit
// rate changes at set times of day, as Kraken lists Octopus Go's and Intelligent Octopus
// Go's (E-1R-GO-VAR-22-10-14-A: a HalfHourlyTariff with its day's unitRates).
func timeOfUse(code string) bool {
	if !strings.HasPrefix(code, "E-1R-") {
		return false
	}
	switch productName(code) {
	case "Go", "Intelligent Go":
		return true
	}
	return false
}

// priceLevels are the level of energy prices before the wholesale crisis of 2021–22,
// from the month each began, against the level the price ranges are of (which holds
// from October 2022): the typical bill under Great Britain's price cap, nearly flat
// from 2019, rising from October 2021. Agile's and Tracker's prices launch at them.
var priceLevels = []struct {
	from  string
	level float64
}{
	{"", 0.68}, {"2020-04", 0.65}, {"2020-10", 0.61}, {"2021-04", 0.67}, {"2021-10", 0.75}, {"2022-04", 0.9}, {"2022-10", 1},
}

// priceLevel is the level of prices when the product a tariff code names launched, so
// that a product of 2019 costs what tariffs cost then: a fixed one the market's step in
// zone at its launch (marketStepAt), as the variable tariff in its region cost then
// (under the Energy Price Guarantee a third more than today for electricity), but one
// the catalogue still sells, which costs today's prices; 1 for a code that carries no
// date. A nil zone is UTC's.
func priceLevel(code string, electricity bool, zone *time.Location) float64 {
	if zone == nil {
		zone = time.UTC
	}
	from, ok := launched(code, zone)
	if !ok {
		return 1
	}
	if productName(code) == "Fixed" {
		if onSale(code) {
			return 1
		}
		level, _, _ := marketStepAt(from, zone, electricity)
		return level
	}
	month := from.Format("2006-01")
	level := 1.0
	for _, l := range priceLevels {
		if month >= l.from {
			level = l.level
		}
	}
	return level
}

// onSale says whether a tariff or product code names a product of the catalogue.
func onSale(code string) bool {
	words := "-" + strings.ToUpper(code) + "-"
	return slices.ContainsFunc(energyCatalogue, func(c string) bool { return strings.Contains(words, "-"+c+"-") })
}

// meanUnit is the unit rate a day's use costs on average: a two-rate tariff's rates
// weighed by the part of a day's use recorded off-peak (share).
func (p tariffPrices) meanUnit() float64 {
	if p.twoRate {
		return p.share*p.night + (1-p.share)*p.day
	}
	return p.unit
}

// taxedAt is the prices with the tenant's tax factor, UK VAT (1.05) or GST (1.10).
func (p tariffPrices) taxedAt(tax float64) tariffPrices {
	p.tax = tax
	return p
}

// taxed is a price before tax with the tax, unrounded as Kraken gives it (45.57 p a day
// is 47.8485 with 5% VAT in captured answers of both APIs), but for the float's noise.
func (p tariffPrices) taxed(v float64) float64 {
	t := p.tax
	if t == 0 {
		t = vat
	}
	return math.Round(v*t*1e6) / 1e6
}

// priceFields are the tariff's price fields, with and without tax.
func (p tariffPrices) priceFields() obj {
	m := obj{"preVatStandingCharge": p.standing, "standingCharge": p.taxed(p.standing)}
	if p.twoRate {
		m["preVatDayRate"], m["dayRate"] = p.day, p.taxed(p.day)
		m["preVatNightRate"], m["nightRate"] = p.night, p.taxed(p.night)
		return m
	}
	m["preVatUnitRate"], m["unitRate"] = p.unit, p.taxed(p.unit)
	return m
}

// offPeak is the night window of a two-rate tariff, in its offPeakZone's clock time,
// from the day's midnight (a negative from starts the evening before): Intelligent
// Octopus Go's 23:30–05:30, Octopus Go's 00:30–05:30, else Economy 7's 00:30–07:30.
func offPeak(code string) (from, to time.Duration) {
	switch productName(code) {
	case "Intelligent Go":
		return -30 * time.Minute, 5*time.Hour + 30*time.Minute
	case "Go":
		return 30 * time.Minute, 5*time.Hour + 30*time.Minute
	}
	return 30 * time.Minute, 7*time.Hour + 30*time.Minute
}

// offPeakZone is the zone whose clocks a two-rate tariff's off-peak hours keep: in Great
// Britain an Economy 7 meter's are set in Greenwich Mean Time, which summer time does
// not move (00:30–07:30 GMT is 01:30–08:30 BST); Go's and Intelligent Go's, and any
// other country's, the tenant's local time.
func offPeakZone(code string, zone *time.Location) *time.Location {
	if name := productName(code); name == "Go" || name == "Intelligent Go" || fake.Country(zone) != "GB" {
		return zone
	}
	return time.UTC
}

// ratePeriod is one span of a single unit rate, in pence per kWh with VAT and before.
type ratePeriod struct {
	from, to   time.Time
	value, pre float64
}

// ratePeriods are the unit rates a tariff charges from start to end: one period for a
// single rate, the night and day rates in turn for a two-rate tariff, each half hour's
// price on Agile, and Cosy's windows.
func ratePeriods(code string, p tariffPrices, start, end time.Time, zone *time.Location) []ratePeriod {
	if price := halfHourPricer(code); price != nil {
		// Agile's half hours each; Cosy's and a Fan Club's runs of a rate as one period.
		merge := cosy(code) || fanClub(code)
		out := make([]ratePeriod, 0, max(end.Sub(start)/(30*time.Minute)+1, 0))
		for t := start.Truncate(30 * time.Minute); t.Before(end); t = t.Add(30 * time.Minute) {
			pre := price(p, t, zone)
			from, to := maxTime(t, start), minTime(t.Add(30*time.Minute), end)
			if n := len(out); n > 0 && merge && out[n-1].pre == pre && out[n-1].to.Equal(from) {
				out[n-1].to = to
				continue
			}
			out = append(out, ratePeriod{from, to, p.taxed(pre), pre})
		}
		return out
	}
	if !p.twoRate {
		return []ratePeriod{{start, end, p.taxed(p.unit), p.unit}}
	}
	nightFrom, nightTo := offPeak(code)
	zone = offPeakZone(code, zone)
	var out []ratePeriod
	add := func(from, to time.Time, pre float64) {
		v := p.taxed(pre)
		if from.Before(start) {
			from = start
		}
		if to.After(end) {
			to = end
		}
		if !to.After(from) {
			return
		}
		if n := len(out); n > 0 && out[n-1].value == v && out[n-1].to.Equal(from) {
			out[n-1].to = to
			return
		}
		out = append(out, ratePeriod{from, to, v, pre})
	}
	for day := start.Truncate(24 * time.Hour).Add(-24 * time.Hour); clockTime(day, nightFrom, zone).Before(end); day = day.AddDate(0, 0, 1) {
		n1 := clockTime(day, nightTo, zone)
		add(clockTime(day, nightFrom, zone), n1, p.night)
		add(n1, clockTime(day.AddDate(0, 0, 1), nightFrom, zone), p.day)
	}
	return out
}

// clockTime is the instant at which clocks in zone read clock on day's date.
func clockTime(day time.Time, clock time.Duration, zone *time.Location) time.Time {
	y, m, d := day.Date()
	return time.Date(y, m, d, 0, 0, 0, int(clock), zone).UTC()
}

// maxRateWindow bounds the window applicableRates answers, so that a two-rate tariff's
// periods stay a few thousand.
const maxRateWindow = 366 * 24 * time.Hour

// applicableRates are the unit rates before VAT a meter point of the account is charged
// between startAt and endAt, under each agreement in force then (Agile's and Tracker's,
// one a day, as far as their prices are published), as a connection that must be asked for a page (KT-CT-1201
// without first or last, as Kraken refuses it).
func applicableRates(_ context.Context, c *sim.Call) (any, error) {
	_, a, err := readable(c, c.StringArg("accountNumber"), "", "")
	if err != nil {
		return nil, err
	}
	if c.Field.Args["first"] == nil && c.Field.Args["last"] == nil {
		return nil, c.Error("KT-CT-1201")
	}
	e := newEnv(c)
	start, ok1 := parseTime(c.Field.Args["startAt"], e.zone)
	end, ok2 := parseTime(c.Field.Args["endAt"], e.zone)
	if !ok1 || !ok2 || !end.After(start) {
		return connection(e, []any{}, c.Field.Args)
	}
	if end.Sub(start) > maxRateWindow {
		end = start.Add(maxRateWindow)
	}
	mpxn := c.StringArg("mpxn")
	var ags []sim.Agreement
	electricity := true
	for i := range a.Properties {
		p := &a.Properties[i]
		for j := range p.ElectricityMeterPoints {
			if p.ElectricityMeterPoints[j].Identifier() == mpxn {
				ags = p.ElectricityMeterPoints[j].Agreements
			}
		}
		for j := range p.GasMeterPoints {
			if p.GasMeterPoints[j].Identifier() == mpxn {
				ags, electricity = p.GasMeterPoints[j].Agreements, false
			}
		}
	}
	var periods []ratePeriod
	paid := e.paidFrom(a)
	for _, ag := range ags {
		from, to := start, end
		if t, ok := dayStart(ag.ValidFrom, e.zone); ok && t.After(from) {
			from = t
		}
		if t, ok := dayStart(ag.ValidTo, e.zone); ok && t.Before(to) {
			to = t
		}
		if t := agilePublishedTo(e.now, e.zone); agile(ag.TariffCode) && t.Before(to) {
			to = t
		}
		if t := trackerPublishedTo(e.now, e.zone); tracker(ag.TariffCode) && t.Before(to) {
			to = t
		}
		if !to.After(from) {
			continue
		}
		for _, sp := range priceSpans(ag.TariffCode, electricity, e.zone, e.now, from, to) {
			// Each part of the span at the price for how the account paid then.
			for lo := sp.from; lo.Before(sp.to); {
				day, hi := dayOfTime(lo, e.zone), sp.to
				if next := paid.changeAfter(day); next != math.MaxInt && dayTime(next, e.zone).Before(hi) {
					hi = dayTime(next, e.zone)
				}
				prices := sp.prices
				if paid.onReceipt(day) {
					prices = prices.onReceipt(ag.TariffCode)
				}
				periods = append(periods, ratePeriods(ag.TariffCode, prices.taxedAt(e.pointTax(a, mpxn, ag.TariffCode)), lo, hi, e.zone)...)
				lo = hi
			}
		}
	}
	// Agile's year is 17,520 half hours: only the page asked for is made.
	return world.ConnectionOf(len(periods), func(i int) any {
		r := periods[i]
		return obj{
			"__typename": "ApplicableRate",
			"value":      strconv.FormatFloat(r.pre, 'f', 4, 64),
			"validFrom":  r.from.In(e.zone).Format(fake.DateTimeLayout),
			"validTo":    r.to.In(e.zone).Format(fake.DateTimeLayout),
		}
	}, c.Field.Args, e.maxPage)
}

// rateAt is a tariff's unit rate before VAT at t: Agile's for its half hour, a two-rate
// tariff's night rate in its off-peak hours, else its day or single rate.
func rateAt(code string, p tariffPrices, t time.Time, zone *time.Location) float64 {
	if price := halfHourPricer(code); price != nil {
		return price(p, t, zone)
	}
	if !p.twoRate {
		return p.unit
	}
	nightFrom, nightTo := offPeak(code)
	zone = offPeakZone(code, zone)
	day := t.In(zone)
	for _, d := range [2]time.Time{day, day.AddDate(0, 0, 1)} { // a night may begin the evening before
		if !t.Before(clockTime(d, nightFrom, zone)) && t.Before(clockTime(d, nightTo, zone)) {
			return p.night
		}
	}
	return p.day
}

// Meters finds a meter in a session's state by its serial number, its smart device's
// id, or its meter point's MPAN or MPRN (the meter in place today), for the world's
// readings; or, by an account's number, the account's home electricity meter, which
// measures its car's charge (dispatches listed by account number). Its
// register is named by its serial number, passes through an electricity meter's latest
// reading at the use its readings show, its rate is that of the agreement in force at
// the time, and its owner is the account that holds it.
func Meters() func(s *sim.Session, id string) (world.Meter, bool) {
	return func(s *sim.Session, id string) (world.Meter, bool) { return meterIn(sessionEnv(s), id) }
}

// tenancyMeters are a home's meters (propertyMeters) as the account that holds or held
// it reads them (tenancyMeter).
func tenancyMeters(a *sim.Account, meters map[string]string) map[string]string {
	for fuel, id := range meters {
		meters[fuel] = world.TenancyID(a.Number, id)
	}
	return meters
}

// tenancyMeter is the meter of id as account a read it, as REST's consumption reads it:
// from when its supply began until the day after it moved out of the meter's home (or
// a leave of the supplier ended its supply there).
func tenancyMeter(w *env, a *sim.Account, id string) (world.Meter, bool) {
	wm, home, ok := accountMeter(w, a, id)
	if !ok || occupiedTo(a, home) == "" {
		return wm, ok
	}
	if left, ok := dayStart(addDays(occupiedTo(a, home), 1), w.zone); ok {
		wm.ReadTo = left
		if wm.Export != nil {
			ex := *wm.Export
			ex.ReadTo = left
			wm.Export = &ex
		}
	}
	return wm, true
}

// meterIn is Meters' meter of id in the call's state w, its caches shared.
func meterIn(w *env, id string) (world.Meter, bool) {
	if number, meter, ok := world.SplitTenancy(id); ok {
		if a := w.Account(number); a != nil {
			return tenancyMeter(w, a, meter)
		}
		return world.Meter{}, false
	}
	if a := w.Account(id); a != nil {
		if mp, k := homeMeter(w, a); mp != nil {
			return ownedRegister(w, a, electricityRegister(w, a, *mp, mp.Meters[k]), mp.Meters[k].IsDigital, supplyStart(mp.Agreements, mp.RegistrationStartDate)), true
		}
		return world.Meter{}, false
	}
	return meterAmong(w, w.Accounts, id)
}

// meterAmong is meterIn's meter of id, by a meter's or its meter point's, among accounts:
// of a home that changed hands between them, the meter as each held it (handedOver).
func meterAmong(w *env, accounts []*sim.Account, id string) (world.Meter, bool) {
	var held []tenure
	for _, a := range accounts {
		if wm, home, ok := accountMeter(w, a, id); ok {
			held = append(held, tenure{home, wm})
		}
	}
	switch len(held) {
	case 0:
		return world.Meter{}, false
	case 1:
		return held[0].wm, true
	}
	return handedOver(w, held), true
}

// tenure is a meter as an account read it, and the home the account held it at.
type tenure struct {
	home *sim.Property
	wm   world.Meter
}

// handedOver is the meter of a home that changed hands, as the accounts that held it
// read it (held): each one's from the day it moved in (the one moved into later taking
// over, as findPointIn has it), the earlier ones' before, so that its use is read,
// priced and taxed through the account that held the home then; its owner is the
// account holding it today.
func handedOver(w *env, held []tenure) world.Meter {
	slices.SortStableFunc(held, func(x, y tenure) int { return strings.Compare(x.home.OccupiedFrom, y.home.OccupiedFrom) })
	out, owner := held[0].wm, held[0].wm.Owner
	for _, h := range held[1:] {
		from, ok := dayStart(h.home.OccupiedFrom, w.zone)
		if !ok || h.home.OccupiedFrom == held[0].home.OccupiedFrom {
			continue
		}
		out = heldFrom(out, h.wm, from)
		if h.home.OccupiedFrom <= w.today() {
			owner = h.wm.Owner
		}
	}
	out.Owner = owner
	return out
}

// heldFrom is a meter read as before until from and as after from then: after's
// register and prices with before's kept for the time before from.
func heldFrom(before, after world.Meter, from time.Time) world.Meter {
	out := after
	out.Before, out.HeldFrom = &before, from
	out.Rate, out.Standing = splitAt(before.Rate, after.Rate, from), splitAt(before.Standing, after.Standing, from)
	out.ReadFrom = minTime(before.ReadFrom, after.ReadFrom)
	out.Coarse = nil
	for _, c := range before.Coarse {
		if c.From.Before(from) {
			if c.To.IsZero() || c.To.After(from) {
				c.To = from
			}
			out.Coarse = append(out.Coarse, c)
		}
	}
	for _, c := range after.Coarse {
		if c.To.IsZero() || c.To.After(from) {
			c.From = maxTime(c.From, from)
			out.Coarse = append(out.Coarse, c)
		}
	}
	if before.Export != nil && after.Export != nil {
		ex := heldFrom(*before.Export, *after.Export, from)
		out.Export = &ex
	}
	return out
}

// splitAt is a price before from and after from then (either's when the other is nil).
func splitAt(before, after func(time.Time) float64, from time.Time) func(time.Time) float64 {
	switch {
	case before == nil:
		return after
	case after == nil:
		return before
	}
	return func(t time.Time) float64 {
		if t.Before(from) {
			return before(t)
		}
		return after(t)
	}
}

// accountMeter is meterAmong's meter of id among the account's, and the home it is at.
func accountMeter(w *env, a *sim.Account, id string) (world.Meter, *sim.Property, bool) {
	today := w.today()
	for i := range a.Properties {
		p := &a.Properties[i]
		for _, mp := range p.ElectricityMeterPoints {
			current := electricityMeterInPlace(&mp, today)
			for i, m := range mp.Meters {
				smart := smetsGeneration(m.MeterType) != ""
				shared := m.SerialNumber == id || smart && fake.EUI64(fake.HashStrings("ESME", m.SerialNumber)) == id
				if !shared && m.ID != id && (i != current || mp.Identifier() != id) {
					continue
				}
				export := exportPoint(&mp)
				if shared && m.ID != id && export && importsThrough(p, m.SerialNumber) {
					continue // the meter's import register answers for it; its export is a part of that
				}
				wm := ownedRegister(w, a, electricityRegister(w, a, mp, m), m.IsDigital, supplyStart(mp.Agreements, mp.RegistrationStartDate))
				if !export {
					wm.Export = exportThrough(w, a, p, m.SerialNumber)
				}
				wm.Cuts = withCuts(wm.Cuts, prepayOff(w, a, m.ID)) // a prepayment meter off supply measures nothing
				return wm, p, true
			}
		}
		for _, mp := range p.GasMeterPoints {
			current := gasMeterInPlace(&mp, today)
			for i, m := range mp.Meters {
				if m.SerialNumber == id || m.ID == id || m.IsDigital && fake.EUI64(fake.HashStrings("GSME", m.SerialNumber)) == id || i == current && mp.Identifier() == id {
					wm := gasRegister(w, a, mp, m)
					if gasConsumptionUnits(a, &m) == "m³" {
						wm.PerUnit = kWhPerCubicMetre
					}
					wm.Cuts = withCuts(wm.Cuts, prepayOff(w, a, m.ID))
					return ownedRegister(w, a, wm, m.IsDigital, supplyStart(mp.Agreements, mp.RegistrationStartDate)), p, true
				}
			}
		}
	}
	return world.Meter{}, nil, false
}

// withCuts are cuts and more, in order of their start.
func withCuts(cuts, more []world.Cut) []world.Cut {
	if len(more) == 0 {
		return cuts
	}
	out := append(slices.Clone(cuts), more...)
	slices.SortStableFunc(out, func(x, y world.Cut) int { return x.From.Compare(y.From) })
	return out
}

// importsThrough reports whether one of a property's import supplies is metered by the
// meter with serial number serial.
func importsThrough(p *sim.Property, serial string) bool {
	for _, mp := range p.ElectricityMeterPoints {
		if !exportPoint(&mp) && slices.ContainsFunc(mp.Meters, func(m sim.ElectricityMeter) bool { return m.SerialNumber == serial }) {
			return true
		}
	}
	return false
}

// exportThrough is the export register of the meter with serial number serial, which
// a property's export supply shares with its import (a smart meter counts both), for
// the world; nil when no export supply is metered by it.
func exportThrough(w *env, a *sim.Account, p *sim.Property, serial string) *world.Meter {
	for _, mp := range p.ElectricityMeterPoints {
		if !exportPoint(&mp) {
			continue
		}
		for _, m := range mp.Meters {
			if m.SerialNumber == serial {
				ex := ownedRegister(w, a, electricityRegister(w, a, mp, m), m.IsDigital, supplyStart(mp.Agreements, mp.RegistrationStartDate))
				return &ex
			}
		}
	}
	return nil
}

// homeUse is the mean kWh a half hour the home's import meter draws, against which an
// array where its yield is known exports (world.Meter.HomeUse); 0 for a home without one.
func homeUse(w *env, a *sim.Account, home *sim.Property) float64 {
	for _, mp := range home.ElectricityMeterPoints {
		if !exportPoint(&mp) && len(mp.Meters) > 0 {
			return electricityRegister(w, a, mp, mp.Meters[0]).MeanHalfHour(w.zone)
		}
	}
	return 0
}

// ownedRegister is a meter of the account's for the world: its owner, from when its
// supplier reads it (the supply's start, else never), and, for a smart meter, the spans
// its household let it be read only daily or monthly.
func ownedRegister(w *env, a *sim.Account, m world.Meter, smart bool, supplied string) world.Meter {
	m.Owner = a.Number
	m.ReadFrom = never
	if t, ok := dayStart(supplied, w.zone); ok {
		m.ReadFrom = t
	}
	if smart {
		m.Coarse = coarseSpans(a)
	}
	return m
}

// never is a time no reading reaches: when a supply never begun was first read.
var never = time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)

// electricityRegister is what the world reads of an electricity meter: its register,
// through its latest reading at the use its readings show (from 0 on the day it was
// fitted, for a meter state lists no reading of), at its agreements' rates.
func electricityRegister(w *env, a *sim.Account, mp sim.ElectricityMeterPoint, m sim.ElectricityMeter) world.Meter {
	if dayNightCode(w, &mp) != "" { // its register passes through state's readings of both its registers
		m.Readings = meterTotals(m.ID, m.Readings)
	}
	paid := w.paidFrom(a)
	wm := world.Meter{Register: m.SerialNumber, Rate: agreementRate(mp.Agreements, true, w.zone, w.now, paid), Standing: agreementStanding(mp.Agreements, true, w.zone, w.now, paid),
		Fuel: "electricity", Device: m.SerialNumber, Point: mp.Identifier(), Smart: m.IsDigital || smetsGeneration(m.MeterType) != ""}
	if smetsGeneration(m.MeterType) != "" {
		wm.Device = fake.EUI64(fake.HashStrings("ESME", m.SerialNumber))
	}
	wm.ReadAt, wm.Read, wm.Since, wm.PerHalfHour = lastReading(anchoring(m.Readings, m.IsDigital))
	if wm.ReadAt.IsZero() { // a meter state lists no reading of read 0 when it was fitted, new
		wm.ReadAt, _ = dayStart(m.ActiveFrom, w.zone)
	}
	if exportPoint(&mp) { // the meter's export register: what the home's solar array sends out
		wm.Register, wm.Solar, wm.Outgoing = m.SerialNumber+"/export", world.SolarKW(worldDevices(a)), true
		if home := meterHome(a, m.ID); home != nil {
			wm.SolarYield = world.SolarYield(cmp.Or(home.Address.CountryCode, fake.Country(w.zone)), home.Address.Postcode)
			if wm.SolarYield > 0 {
				wm.HomeUse = homeUse(w, a, home)
			}
		}
		return wm
	}
	wm.Tax = agreementTax(w, mp.Agreements)
	if free := freeHours(w, a); len(free) > 0 { // free electricity: its events' use costs nothing
		rate := wm.Rate
		wm.Rate = func(t time.Time) float64 {
			if freeAt(free, t) {
				return 0
			}
			return rate(t)
		}
	}
	wm.OffPeaks = sunlit(w, a, &mp, offPeaks(w, mp.Agreements))
	if ss := a.SavingSessions; ss != nil && ss.MPAN == mp.MPAN {
		wm.Cuts = sessionCuts(w, a) // the household used less in the events it joined
	}
	// On Intelligent Octopus Go a household's car charges under smart control in the
	// off-peak night, as the supplier dispatches it; the meter measures that too.
	if householdOf(a, true).car {
		wm.Charging = smartCharging(w, mp.Agreements)
		wm.ChargeKW = chargeKW(a)
		// A boost charge asked of its car draws at the home, outside the smart plan, while
		// its smart control is suspended it charges when plugged in, and each night it
		// charges to the target its owner set for the morning.
		if home, _ := homeMeter(w, a); home != nil && home.ID == mp.ID && home.Identifier() == mp.Identifier() {
			c := w.controlOf(a)
			wm.Boosts, wm.Suspended, wm.Battery = c.Boosts, c.Suspended, c.Battery
		}
	}
	wm.Heating = heating(w, a, &mp, m)
	if wm.Tax != 0 {
		wm.Tax, _ = w.supplyTax(a, wm, true) // as its statements charge it, by its own use
	}
	return wm
}

// chargeKW is the power the account's car charges at through the devices it declares
// (world.ChargeKW).
func chargeKW(a *sim.Account) float64 { return world.ChargeKW(worldDevices(a)) }

// worldDevices are the kinds, makes and models of the devices the account declares.
func worldDevices(a *sim.Account) []world.Device {
	ds := make([]world.Device, 0, len(a.Devices))
	for _, d := range a.Devices {
		ds = append(ds, world.Device{Type: d.Type, Make: d.Make, Model: d.Model})
	}
	return ds
}

// exportTariff reports whether a tariff or product code is an export's (Outgoing).
func exportTariff(code string) bool { return productName(code) == "Outgoing" }

// exportPoint reports whether a supply is an export's: one agreed on an export tariff.
func exportPoint(mp *sim.ElectricityMeterPoint) bool {
	return slices.ContainsFunc(mp.Agreements, func(ag sim.Agreement) bool { return exportTariff(ag.TariffCode) })
}

// offPeaks are a supply's off-peak hours from each agreement's start on, in order: on a
// two-rate tariff the household draws the part of its day's use in the off-peak hours
// that the tariff's prices assume (nightShare), so that a day's half-hourly costs add
// up to what its statement charges; a single-rate day is the household's own.
func offPeaks(w *env, ags []sim.Agreement) []world.OffPeakFrom {
	ags = slices.Clone(ags)
	slices.SortStableFunc(ags, func(x, y sim.Agreement) int { return strings.Compare(x.ValidFrom, y.ValidFrom) })
	var out []world.OffPeakFrom
	for _, ag := range ags {
		from, ok := dayStart(ag.ValidFrom, w.zone)
		if !ok {
			continue
		}
		out = append(out, world.OffPeakFrom{From: from, OffPeak: nightWindow(ag.TariffCode, w.zone)})
	}
	return out
}

// solarDay is the middle of the day a home that exports draws little in: its array
// meets most of its use from 09:00 to 15:00 of standard time on an average day (the
// sun keeps it in summer too; the world narrows it in winter and widens it in summer),
// where it draws 10% of a day's use from the grid, not the 23% it would (and no less,
// so that a half hour's wobble never makes its use negative).
var solarDay = world.OffPeak{From: 9 * time.Hour, To: 15 * time.Hour, Share: 0.1, Sun: true}

// sunlit are an import supply's day shapes at a home that exports: from its export's
// first agreement on, a day on a single-rate tariff draws little in the sunlit hours
// (solarDay); a two-rate tariff's keeps its night.
func sunlit(w *env, a *sim.Account, mp *sim.ElectricityMeterPoint, shapes []world.OffPeakFrom) []world.OffPeakFrom {
	p := propertyOf(a, mp.ID)
	if p == nil || exportPoint(mp) {
		return shapes
	}
	var since time.Time
	for i := range p.ElectricityMeterPoints {
		if o := &p.ElectricityMeterPoints[i]; exportPoint(o) {
			if t, ok := dayStart(supplyStart(o.Agreements, ""), w.zone); ok && (since.IsZero() || t.Before(since)) {
				since = t
			}
		}
	}
	if since.IsZero() {
		return shapes
	}
	sunny := func(op world.OffPeak) world.OffPeak {
		if op == (world.OffPeak{}) {
			return solarDay
		}
		return op
	}
	// The shapes before the export began stay; the one in force then, and each after,
	// are sunlit where they are single-rate.
	k := slices.IndexFunc(shapes, func(s world.OffPeakFrom) bool { return s.From.After(since) })
	if k < 0 {
		k = len(shapes)
	}
	began := world.OffPeakFrom{From: since, OffPeak: solarDay}
	if k > 0 {
		began.OffPeak = sunny(shapes[k-1].OffPeak)
	}
	out := slices.DeleteFunc(slices.Clone(shapes[:k]), func(s world.OffPeakFrom) bool { return !s.From.Before(since) })
	out = append(out, began)
	for _, s := range shapes[k:] {
		s.OffPeak = sunny(s.OffPeak)
		out = append(out, s)
	}
	return out
}

// nightWindow is a tariff's off-peak hours and the share of a day's use its household
// draws in them (nightShare), of standard time where summer time does not move them
// (offPeakZone); zero for a single rate.
func nightWindow(code string, zone *time.Location) world.OffPeak {
	if !twoRates(code) {
		return world.OffPeak{}
	}
	from, to := offPeak(code)
	return world.OffPeak{From: from, To: to, Share: nightShare, Standard: offPeakZone(code, zone) != zone}
}

// smartCharging is from when to when a supply's agreements are on Intelligent Octopus
// Go, whose household's car its supplier charges: from the first such agreement's start
// to the last's end (none while one is in force); zero for none.
func smartCharging(w *env, ags []sim.Agreement) world.ChargeSpan {
	var cs world.ChargeSpan
	open := false
	for _, ag := range ags {
		if !smartCharged(ag.TariffCode) {
			continue
		}
		if from, ok := dayStart(ag.ValidFrom, w.zone); ok && (cs.From.IsZero() || from.Before(cs.From)) {
			cs.From, cs.Night = from, nightWindow(ag.TariffCode, w.zone)
		}
		to, ok := dayStart(ag.ValidTo, w.zone)
		open = open || !ok
		if ok && to.After(cs.To) {
			cs.To = to
		}
	}
	if open {
		cs.To = time.Time{}
	}
	return cs
}

// gasRegister is what the world reads of a gas meter of a's: its register at its
// agreements' rates and a's tax, as its statements charge them (its readings are of
// volume, not energy).
func gasRegister(w *env, a *sim.Account, mp sim.GasMeterPoint, m sim.GasMeter) world.Meter {
	paid := w.paidFrom(a)
	wm := world.Meter{Register: m.SerialNumber, Rate: agreementRate(mp.Agreements, false, w.zone, w.now, paid), Standing: agreementStanding(mp.Agreements, false, w.zone, w.now, paid),
		Season: world.GasSeason, Fuel: "gas", Device: m.SerialNumber, Point: mp.Identifier(), Tax: agreementTax(w, mp.Agreements), Smart: m.IsDigital}
	if wm.Tax != 0 {
		wm.Tax, _ = w.supplyTax(a, wm, false) // as its statements charge it, by its own use
	}
	if m.IsDigital {
		wm.Device = fake.EUI64(fake.HashStrings("GSME", m.SerialNumber))
	}
	return wm
}

// agreementTax is the factor of the tax on the prices of a supply's latest agreement
// (a business's at the standard rate).
func agreementTax(w *env, ags []sim.Agreement) float64 {
	if len(ags) == 0 {
		return 0
	}
	return w.tariffTax(slices.MaxFunc(ags, func(a, b sim.Agreement) int { return strings.Compare(a.ValidFrom, b.ValidFrom) }).TariffCode)
}

// currentMeter is the index of the meter in place on today among n meters of a meter
// point: of those not removed by then, the one most recently active by then, else the
// first (-1 for none).
func currentMeter(n int, activeFrom, removedOn func(i int) string, today string) int {
	cur := -1
	for i := 0; i < n; i++ {
		if r := removedOn(i); r != "" && r <= today {
			continue
		}
		if from := activeFrom(i); cur < 0 || from <= today && from >= activeFrom(cur) {
			cur = i
		}
	}
	return cur
}

// electricityMeterInPlace is the index of the meter in place at an electricity supply on
// today (-1 for none).
func electricityMeterInPlace(mp *sim.ElectricityMeterPoint, today string) int {
	return currentMeter(len(mp.Meters), func(i int) string { return mp.Meters[i].ActiveFrom }, func(i int) string { return mp.Meters[i].ActiveTo }, today)
}

// gasMeterInPlace is the index of the meter in place at a gas supply on today (-1 for
// none).
func gasMeterInPlace(mp *sim.GasMeterPoint, today string) int {
	return currentMeter(len(mp.Meters), func(i int) string { return mp.Meters[i].ActiveFrom }, func(i int) string { return mp.Meters[i].ActiveTo }, today)
}

// agreementRate is the unit rate before VAT of whichever of a meter point's agreements
// is in force at a time, at the price for how its account paid then (paid); nil when it
// has none.
func agreementRate(ags []sim.Agreement, electricity bool, zone *time.Location, now time.Time, paid methodHistory) func(time.Time) float64 {
	return agreementPrice(ags, zone, func(ag sim.Agreement, t time.Time) float64 {
		return rateAt(ag.TariffCode, paidAt(ag.TariffCode, electricity, zone, now, t, paid), t, zone)
	})
}

// agreementStanding is the standing charge per day before VAT of whichever of a meter
// point's agreements is in force at a time, as agreementRate prices it; nil when it has
// none.
func agreementStanding(ags []sim.Agreement, electricity bool, zone *time.Location, now time.Time, paid methodHistory) func(time.Time) float64 {
	return agreementPrice(ags, zone, func(ag sim.Agreement, t time.Time) float64 {
		return paidAt(ag.TariffCode, electricity, zone, now, t, paid).standing
	})
}

// paidAt are a tariff's prices before tax at t, as published by now, for one paying as
// paid says it paid then.
func paidAt(code string, electricity bool, zone *time.Location, now, t time.Time, paid methodHistory) tariffPrices {
	p := pricesAt(code, electricity, zone, now, t)
	if paid != nil && paid.onReceipt(dayOfTime(t, zone)) {
		p = p.onReceipt(code)
	}
	return p
}

// agreementPrice is a price of whichever of a meter point's agreements is in force at a
// time (the last, when none is); nil when it has none.
func agreementPrice(ags []sim.Agreement, zone *time.Location, price func(sim.Agreement, time.Time) float64) func(time.Time) float64 {
	if len(ags) == 0 {
		return nil
	}
	ags = slices.Clone(ags)
	return func(t time.Time) float64 {
		date := t.In(zone).Format(time.DateOnly)
		ag := ags[len(ags)-1]
		for _, a := range ags {
			if agreementActive(a, date) {
				ag = a
				break
			}
		}
		return price(ag, t)
	}
}

// anchoring are the readings a meter's register runs through: all of them, but on a
// smart meter none given through the API, nor, where its state lists its own (SMART)
// readings, a customer's after the latest of those: the smart data is checked against
// them rather than moved by them (meterView.held), so that a reading given leaves the
// smart readings before it and the use already billed alone.
func anchoring(rs []sim.MeterReading, smart bool) []sim.MeterReading {
	if !smart {
		return rs
	}
	if slices.ContainsFunc(rs, func(r sim.MeterReading) bool { return r.Given }) {
		rs = slices.DeleteFunc(slices.Clone(rs), func(r sim.MeterReading) bool { return r.Given })
	}
	var latest time.Time
	for _, r := range rs {
		if r.Source == "SMART" && r.ReadAt.After(latest) {
			latest = r.ReadAt
		}
	}
	if latest.IsZero() {
		return rs
	}
	out := make([]sim.MeterReading, 0, len(rs))
	for _, r := range rs {
		if r.Source == "SMART" || !r.ReadAt.After(latest) {
			out = append(out, r)
		}
	}
	return out
}

// lastReading is a meter's latest reading in kWh and when it was taken, and the mean use
// per half hour since the reading before it (0 when there is none, or it is not a
// household's 0.02–3 kWh).
func lastReading(rs []sim.MeterReading) (at time.Time, kwh float64, since time.Time, perHalfHour float64) {
	var last, prev *sim.MeterReading
	for i := range rs {
		r := &rs[i]
		switch {
		case last == nil || r.ReadAt.After(last.ReadAt):
			last, prev = r, last
		case prev == nil || r.ReadAt.After(prev.ReadAt):
			prev = r
		}
	}
	if last == nil {
		return time.Time{}, 0, time.Time{}, 0
	}
	if prev != nil {
		if slots := last.ReadAt.Sub(prev.ReadAt).Hours() * 2; slots >= 1 {
			if v := (last.Value - prev.Value) / slots; v >= 0.02 && v <= 3 {
				since, perHalfHour = prev.ReadAt, v
			}
		}
	}
	return last.ReadAt, last.Value, since, perHalfHour
}
