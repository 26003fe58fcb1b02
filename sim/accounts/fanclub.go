package accounts

import (
	"context"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/fake"
	"github.com/krakensim/krakensim/sim/world"
)

// Octopus's Fan Club: a home in a catchment of one of the world's fans (fixture fans, a
// wind turbine each) joins with enrollFanClubAccount, which answers its eligibility
// (ELIGIBLE, or why not: a business's, no supply, no smart meter, on or moving to a
// smart tariff, a catchment no fan or the client lists, or one at its cap) and, when
// eligible, puts the home's electricity on the fan's product from tomorrow (KT-CT-8104
// for an account in already). The product's unit rate is discounted each half hour by
// what the turbine's output then earns (20% above a third of its rated output, 50%
// above two thirds), so that statements, costOfUsage, the tariff's unit rates and the
// REST API's rates price its use as fanClubStatus reports the turbine: its thresholds,
// this half hour's discount, the last 48 and a forecast of the next 48 hours.

// fanClub reports whether a tariff is a Fan Club product's (E-1R-FAN-CLUB-NR-…).
func fanClub(code string) bool {
	return strings.HasPrefix(code, "E-1R-") && productName(code) == "Fan Club"
}

// fanKey keys the turbine of the fan whose product is product: by its code, which its
// tariffs carry.
func fanKey(product string) uint64 {
	return fake.HashStrings("fan", strings.ToUpper(product))
}

// fanRate is how a Fan Club tariff prices the half hour holding t before tax: its unit
// rate less the discount its turbine earns then, to the hundredth of a penny.
func fanRate(code string) func(p tariffPrices, t time.Time, zone *time.Location) float64 {
	product, _ := tariffProduct(code, true)
	tb := world.TurbineOf(fanKey(product))
	return func(p tariffPrices, t time.Time, _ *time.Location) float64 {
		return math.Round(p.unit*(1-tb.DiscountAt(t.Truncate(30*time.Minute)))*100) / 100
	}
}

// postcodeDistrict is a UK postcode's outward code (NR3 of NR3 1AB), upper case.
func postcodeDistrict(postcode string) string {
	p := strings.ToUpper(strings.TrimSpace(postcode))
	if out, _, ok := strings.Cut(p, " "); ok {
		return out
	}
	if len(p) > 3 {
		return p[:len(p)-3] // NR31AB
	}
	return p
}

// fanOf is the world's fan with a catchment district; nil for none.
func fanOf(w *sim.World, district string) *sim.Fan {
	for _, f := range w.Fans {
		if f != nil && slices.ContainsFunc(f.Catchments, func(c string) bool { return strings.EqualFold(strings.TrimSpace(c), district) }) {
			return f
		}
	}
	return nil
}

// fanBySource is the world's fan with a discount source; nil for none.
func fanBySource(w *sim.World, source string) *sim.Fan {
	for _, f := range w.Fans {
		if f != nil && f.Source == source {
			return f
		}
	}
	return nil
}

// fanMembers counts the accounts in a fan's club.
func fanMembers(w *sim.World, source string) int {
	n := 0
	for _, a := range w.Accounts {
		if a != nil && a.FanClub != nil && a.FanClub.Source == source {
			n++
		}
	}
	return n
}

// fanHome is the account's home a Fan Club would serve: the first on supply in a fan's
// catchment, else the first with an electricity meter in place; its meter point and
// the meter's index, nil when it has none.
func fanHome(w *env, a *sim.Account) (p *sim.Property, mp *sim.ElectricityMeterPoint, k int) {
	k = -1
	for i := range a.Properties {
		near := fanOf(w.sess.World(), postcodeDistrict(a.Properties[i].Address.Postcode)) != nil
		for j := range a.Properties[i].ElectricityMeterPoints {
			m := &a.Properties[i].ElectricityMeterPoints[j]
			at := electricityMeterInPlace(m, w.today())
			if at < 0 || exportTariff(tariffOn(m.Agreements, w.today())) {
				continue
			}
			if near {
				return &a.Properties[i], m, at
			}
			if mp == nil {
				p, mp, k = &a.Properties[i], m, at
			}
		}
	}
	return p, mp, k
}

// fanEligibility is whether account a may join the Fan Club of its home's catchment,
// given the catchments the client lists as valid and as capped: ELIGIBLE with the home,
// its meter point and the fan, else the Eligibility value that says why not.
func fanEligibility(w *env, a *sim.Account, valid, capped []string) (string, *sim.Property, *sim.ElectricityMeterPoint, *sim.Fan) {
	if a.AccountType == "BUSINESS" {
		return "BUSINESS_ACCOUNT", nil, nil, nil
	}
	p, mp, k := fanHome(w, a)
	today := w.today()
	var tariff string
	if mp != nil {
		tariff = tariffOn(mp.Agreements, today)
	}
	if tariff == "" {
		return "NO_ACTIVE_AGREEMENTS", nil, nil, nil
	}
	district := postcodeDistrict(p.Address.Postcode)
	fan := fanOf(w.sess.World(), district)
	has := func(list []string) bool {
		return slices.ContainsFunc(list, func(c string) bool { return strings.EqualFold(strings.TrimSpace(c), district) })
	}
	switch {
	case fan == nil || !has(valid):
		return "INVALID_CATCHMENT", nil, nil, nil
	case has(capped) || fan.MemberCap > 0 && fanMembers(w.sess.World(), fan.Source) >= fan.MemberCap:
		return "CAPPED_CATCHMENT", nil, nil, nil
	case smetsGeneration(mp.Meters[k].MeterType) == "":
		return "NO_SMART_METER", nil, nil, nil
	case halfHourly(tariff) || twoRates(tariff):
		return "HAS_SMART_TARIFF", nil, nil, nil
	}
	for _, ag := range mp.Agreements {
		if ag.ValidFrom > today && (halfHourly(ag.TariffCode) || timeOfUse(ag.TariffCode)) {
			return "ONBOARDING_TO_SMART_TARIFF", nil, nil, nil
		}
	}
	return "ELIGIBLE", p, mp, fan
}

// enrollFanClubAccount answers enrollFanClubAccount: the account's eligibility for the
// Fan Club of its home's catchment, joining it when eligible (KT-CT-4177 for an
// account not the viewer's, KT-CT-8104 for one in a Fan Club already).
func enrollFanClubAccount(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	_, a, err := owned(c, str(in, "accountNumber"), "KT-CT-4177", "")
	if err != nil {
		return nil, err
	}
	if a.FanClub != nil {
		return nil, c.ValidationError("KT-CT-8104", "The account is in the Fan Club of "+a.FanClub.Source+" already.", "input", "accountNumber")
	}
	w := newEnv(c)
	status, p, mp, fan := fanEligibility(w, a, stringList(in["catchments"]), stringList(in["cappedCatchments"]))
	if status == "ELIGIBLE" {
		from := addDays(w.today(), 1)
		ids := c.Session.World().IDs()
		_, region := tariffShape(tariffOn(mp.Agreements, w.today())) // the supply's region, as a switch keeps it
		mp.Agreements = renew(ids, mp.Agreements, agreementOn(ids, "E-1R-", region, fan.Product, from, c.Session.Now()), variableProduct(w, a.AccountType == "BUSINESS"))
		a.FanClub = &sim.FanClubMembership{Source: fan.Source, PropertyID: p.ID, Catchment: postcodeDistrict(p.Address.Postcode), JoinedOn: from}
	}
	return obj{"possibleErrors": []any{}, "enrollmentOutput": obj{"status": status}}, nil
}

// fanStatus is the FanClubStatus of a member account's fan: its names and catchments,
// the account and its home, and what its turbine's output earns around now: the same
// discounts its product's rates take.
func fanStatus(w *env, fan *sim.Fan, a *sim.Account) obj {
	id, _ := strconv.Atoi(a.FanClub.PropertyID)
	rep := world.TurbineOf(fanKey(fan.Product)).Report(w.now)
	dec := func(v float64, places int) string { return strconv.FormatFloat(v, 'f', places, 64) }
	discount := func(d world.FanDiscount) obj {
		return obj{"startAt": dateTime(d.Start, w.zone), "discount": dec(d.Discount, 3),
			"metaData": obj{"power": dec(d.Power, 2), "windSpeed": dec(d.WindSpeed, 2)}}
	}
	ths := make([]any, len(rep.Thresholds))
	for i, th := range rep.Thresholds {
		ths[i] = obj{"power": dec(th.Power, 2), "discount": dec(th.Discount, 3), "windSpeed": dec(th.WindSpeed, 2)}
	}
	hist := make([]any, len(rep.Historic))
	for i, h := range rep.Historic {
		hist[i] = discount(h)
	}
	points := make([]any, len(rep.Forecast))
	for i, fc := range rep.Forecast {
		points[i] = obj{"validTime": dateTime(fc.At, w.zone), "projectedDiscount": dec(fc.Discount, 3),
			"powerMedian": dec(fc.Median, 2), "powerLowerBound": dec(fc.Lower, 2), "powerUpperBound": dec(fc.Upper, 2)}
	}
	return obj{
		"__typename": "FanClubStatus", "discountSource": fan.Source, "name": fan.Name, "location": orNil(fan.Location),
		"windFarm": orNil(fan.WindFarm), "accountNumbers": []any{a.Number}, "propertyIds": []any{id},
		"catchments": anyStrings(fan.Catchments), "thresholds": ths, "current": discount(rep.Current), "historic": hist,
		"forecast": obj{"baseTime": dateTime(rep.Run, w.zone), "data": points},
	}
}
