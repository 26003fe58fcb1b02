package accounts

import (
	"fmt"
	"strings"
	"time"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/fake"
	"github.com/krakensim/krakensim/sim/world"
)

// maxLineItemDays is how far from its start an agreement's lineItems reach in one answer.
const maxLineItemDays = 366

// lineItemSpan is one line item: its span, the units it charged for and its amount
// before tax in pence.
type lineItemSpan struct {
	from, to time.Time
	units    float64
	pence    float64
}

// agreementLineItems answers an agreement's lineItems: what it charged from startAt to
// its end or the last midnight (what its supplier has read), as its meter measured it
// at its prices before tax: the consumption charge, in kWh at each half hour's unit
// rate, or the standing charge, by the day; grouped by grouping in timezone, NONE
// making an item of each run at one price (of each day, for the standing charge).
func agreementLineItems(w *env, a *sim.Account, ag sim.Agreement, mpID string, args map[string]any) (any, error) {
	zone := w.zone
	if v, given := args["timezone"].(string); given {
		name := strings.TrimSpace(v)
		z, ok := fake.Zone(name)
		if !ok {
			msg := fmt.Sprintf("%q is not an IANA time zone name (Europe/London).", sim.Clip(name, 64))
			if w.call == nil {
				return nil, fmt.Errorf("timezone: %s", msg)
			}
			return nil, w.call.ValidationError("KT-CT-13614", msg, "timezone")
		}
		zone = z
	}
	standing := str(args, "itemType") == "STANDING_CHARGE"
	grouping := str(args, "grouping")
	g, grouped := world.GroupingOf(grouping)
	items := []lineItemSpan{}
	wm, ok := agreementMeter(w, a, mpID)
	from, okFrom := parseTime(args["startAt"], zone)
	agFrom, _ := dayStart(ag.ValidFrom, w.zone)
	end, _ := dayStart(w.today(), w.zone)
	if to, bounded := dayStart(ag.ValidTo, w.zone); bounded && to.Before(end) {
		end = to
	}
	if grouped {
		from = g.Floor(from.In(zone)) // startAt's step, but none of it before the agreement began
	}
	from = maxTime(maxTime(from, agFrom), wm.ReadFrom).In(zone).Truncate(30 * time.Minute)
	end = minTime(end, from.AddDate(0, 0, maxLineItemDays))
	if !ok || !okFrom || wm.Rate == nil || wm.Standing == nil || !end.After(from) {
		// No meter in place, or nothing read of it in the agreement from startAt.
		return lineItemConnection(w, zone, standing, items, args)
	}
	reg := wm.In(w.zone)
	price := func(at time.Time) float64 {
		if standing {
			return wm.Standing(at)
		}
		return wm.Rate(at)
	}
	// Each item gathers runs at one price, its units measured over each run at once.
	var cur *lineItemSpan
	runFrom, runPrice := from, price(from)
	flush := func(to time.Time) {
		if cur == nil || !to.After(runFrom) {
			return
		}
		units := dayShare(runFrom, to, w.zone)
		if !standing {
			units = reg.Use(runFrom, to)
		}
		cur.units += units
		cur.pence += units * runPrice
		runFrom = to
	}
	for at := from; at.Before(end); at = at.Add(30 * time.Minute) {
		p := price(at)
		local := at.In(w.zone)
		var next bool
		switch {
		case cur == nil:
			next = true
		case grouped:
			next = !at.Before(cur.to)
		case standing:
			next = local.Hour() == 0 && local.Minute() == 0
		default:
			next = p != runPrice
		}
		if next || p != runPrice {
			flush(at)
			runPrice = p
		}
		if next {
			to := at.Add(30 * time.Minute)
			if grouped {
				to = g.Add(g.Floor(at), 1)
			}
			items = append(items, lineItemSpan{from: at, to: to})
			cur = &items[len(items)-1]
		}
		if !grouped {
			cur.to = at.Add(30 * time.Minute)
		}
	}
	flush(minTime(cur.to, end))
	cur.to = minTime(cur.to, end)
	return lineItemConnection(w, zone, standing, items, args)
}

// dayShare is how many days [from, to) spans, each local day in zone counted as one
// however long its clocks make it: a standing charge is a day's, 25 hours or 23.
func dayShare(from, to time.Time, zone *time.Location) float64 {
	var days float64
	for at := from; at.Before(to); {
		local := at.In(zone)
		start := time.Date(local.Year(), local.Month(), local.Day(), 0, 0, 0, 0, zone)
		next := time.Date(local.Year(), local.Month(), local.Day()+1, 0, 0, 0, 0, zone)
		end := minTime(next, to)
		days += end.Sub(at).Hours() / next.Sub(start).Hours()
		at = end
	}
	return days
}

// lineItemConnection pages line items as LineItemType answers them: their amounts as
// Kraken writes them ("3.02003" pence, "0.1300" units).
func lineItemConnection(w *env, zone *time.Location, standing bool, items []lineItemSpan, args map[string]any) (any, error) {
	kind, unit := "CONSUMPTION_CHARGE", "KILOWATT_HOURS"
	if standing {
		kind, unit = "STANDING_CHARGE", "DAYS"
	}
	conn, err := world.ConnectionOf(len(items), func(i int) any {
		it := items[i]
		return obj{"__typename": "LineItemType", "startAt": dateTime(it.from, zone), "endAt": dateTime(it.to, zone),
			"netAmount": fmt.Sprintf("%.5f", it.pence), "numberOfUnits": fmt.Sprintf("%.4f", it.units), "itemType": kind, "settlementUnit": unit}
	}, args, w.maxPage)
	if err != nil {
		return nil, err
	}
	conn["__typename"] = "LineItemConnection"
	return conn, nil
}

// agreementMeter is what the world reads of the meter in place at the account's meter
// point with id mpID (meterIn, by its MPAN or MPRN); false for none.
func agreementMeter(w *env, a *sim.Account, mpID string) (world.Meter, bool) {
	for _, p := range a.Properties {
		for _, mp := range p.ElectricityMeterPoints {
			if mp.ID == mpID {
				return meterIn(w, mp.Identifier())
			}
		}
		for _, mp := range p.GasMeterPoints {
			if mp.ID == mpID {
				return meterIn(w, mp.Identifier())
			}
		}
	}
	return world.Meter{}, false
}
