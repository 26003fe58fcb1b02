package accounts

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/fake"
	"github.com/krakensim/krakensim/sim/workdays"
)

// Which days a change may take effect on, as a form's date picker asks: a new payment
// schedule's first day (the next working day, after any payment its ledger's schedule
// in force has already collected) and the days a supply agreement may switch product
// (from tomorrow while it lasts, within the range asked for).

// scheduleTypes are the payment schedule types a schedule may be named by.
var scheduleTypes = []string{"BACS_TRANSFER", "CARD_PAYMENT", "DIRECT_DEBIT", "PAYMENT_SLIP"}

// nextScheduleDate answers getNextPaymentScheduleAvailableDate(accountNumber:,
// scheduleTypeName:, ledgerNumber:) for an account the viewer may read: the first
// working day after today.
func nextScheduleDate(_ context.Context, c *sim.Call) (any, error) {
	_, a, err := readable(c, c.StringArg("accountNumber"), "", "")
	if err != nil {
		return nil, err
	}
	if ref := strings.TrimSpace(c.StringArg("ledgerNumber")); ref != "" && ledgerFor(a, ref) == nil || len(a.Ledgers) == 0 {
		return nil, c.Error("KT-AU-3921")
	}
	if !slices.Contains(scheduleTypes, strings.ToUpper(strings.TrimSpace(c.StringArg("scheduleTypeName")))) {
		return nil, c.Error("KT-AU-3922")
	}
	w := newEnv(c)
	d, _ := dayStart(w.today(), w.zone)
	return w.days().Next(d.AddDate(0, 0, 1)).Format(time.DateOnly), nil
}

// maxSwitchRange bounds the days availableProductSwitchDates lists.
const maxSwitchRange = 366

// productSwitchDates answers availableProductSwitchDates(agreementId:, maxRange:): each
// day from tomorrow to maxRange days on that the agreement (on an account the viewer
// may read) is still in force; none for one that has ended; KT-CT-1501 for one state
// does not hold.
func productSwitchDates(_ context.Context, c *sim.Call) (any, error) {
	w := newEnv(c)
	found, _, err := agreementArg(w, c, "KT-CT-1501", "KT-CT-1501")
	if err != nil {
		return nil, err
	}
	days := maxSwitchRange
	if n, ok := integer(c.Field.Args, "maxRange"); ok {
		days = min(max(n, 0), maxSwitchRange)
	}
	today, _ := dayStart(w.today(), w.zone)
	out := []any{}
	for i := 1; i <= days; i++ {
		d := today.AddDate(0, 0, i).Format(time.DateOnly)
		if found.ValidTo != "" && d >= found.ValidTo[:min(len(found.ValidTo), 10)] {
			break
		}
		out = append(out, d)
	}
	return out, nil
}

// agreementArg is the agreement the agreementId argument names on an account the viewer
// may read, and whether it supplies electricity; the error of code notFound for one
// state does not hold, of code unauthorized for one on another's account.
func agreementArg(w *env, c *sim.Call, notFound, unauthorized string) (*sim.Agreement, bool, error) {
	return agreementNamed(w, c, idArg(c, "agreementId"), notFound, unauthorized)
}

// agreementNamed is agreementArg for the agreement id names.
func agreementNamed(w *env, c *sim.Call, id, notFound, unauthorized string) (*sim.Agreement, bool, error) {
	u, _, err := c.Viewer()
	if err != nil {
		return nil, false, err
	}
	a, found, elec := agreementByID(w, id)
	switch {
	case found == nil:
		return nil, false, c.Error(notFound)
	case !u.CanAccess(a.Number):
		return nil, false, c.Error(unauthorized)
	}
	return found, elec, nil
}

// rateUnits are how a rate's unit type is written and displayed.
var rateUnits = map[string][2]string{"DAYS_ON_SUPPLY": {"day", "c/day"}, "KWH_CONSUMPTION": {"kWh", "c/kWh"}, "MEGAJOULES_CONSUMPTION": {"MJ", "c/MJ"}}

// agreementRates answers Origin's agreementRates(agreementId:, activeAt:): the rates the
// agreement's tariff charges, as its product lists them (tariffRates), those in force
// at activeAt when it is given; KT-CT-1501 for an agreement state does not hold.
func agreementRates(_ context.Context, c *sim.Call) (any, error) {
	w := newEnv(c)
	ag, elec, err := agreementArg(w, c, "KT-CT-1501", c.UnauthorizedCode())
	if err != nil {
		return nil, err
	}
	args := map[string]any{}
	if t, ok := parseTime(c.Arg("activeAt"), w.zone); ok {
		args["ratesActiveAt"] = t.In(w.zone).Format(time.DateOnly)
	}
	nodes := applicableRateNodes(w, *ag, elec, args)
	return connection(w, nodes, c.Field.Args)
}

// applicableRateNodes are the rates an agreement's tariff charges as ApplicableRateType
// (tariffRates' args choose them).
func applicableRateNodes(w *env, ag sim.Agreement, elec bool, args map[string]any) []any {
	nodes := []any{}
	for _, r := range tariffRates(w, ag, elec, args) {
		r := r.(obj)
		unit := rateUnits[r["unitType"].(string)]
		nodes = append(nodes, obj{
			"__typename": "ApplicableRateType", "sourceSystem": "KRAKEN", "name": r["rateDescription"], "pricePerUnit": r["pricePerUnit"],
			"unit": unit[0], "unitDisplay": unit[1], "rateId": int(fake.HashStrings("rate", r["id"].(string)) % 1000000000),
			"overridePrice": nil, "currency": r["currency"], "category": r["bandCategory"], "isSalesTax": false,
			"validityPeriod": obj{"start": r["validFrom"], "end": r["validTo"]},
			"variantProfile": obj{"characteristicValues": "{}", "schemeLabels": nil, "characteristics": obj{}, "schemes": nil},
		})
	}
	return nodes
}

// supplyCheck answers Origin's nmiCheck(nmi:) and mirnCheck(mirn:): whether the supply
// state holds with that identifier is on supply today (an agreement in force), since
// its first agreement began, whether its home is still occupied, and its account when
// the viewer may read it; off supply, with nothing else, for a supply state does not
// hold.
func supplyCheck(_ context.Context, c *sim.Call) (any, error) {
	w := newEnv(c)
	id := strings.TrimSpace(c.StringArg("nmi") + c.StringArg("mirn"))
	out := obj{"isOnSupply": false, "krakenStatus": "OFF_SUPPLY", "supplyStartDate": nil, "isOccupier": false, "accountNumber": nil, "account": nil}
	var a *sim.Account
	var ags []sim.Agreement
	point := ""
	if acc, mp := w.ElectricityMeterPoint(id); mp != nil {
		a, ags, point = acc, mp.Agreements, mp.ID
	} else if acc, mp := w.GasMeterPoint(id); mp != nil {
		a, ags, point = acc, mp.Agreements, mp.ID
	}
	if a == nil || id == "" {
		return out, nil
	}
	today := w.today()
	first := ""
	for _, ag := range ags {
		if first == "" || ag.ValidFrom < first {
			first = ag.ValidFrom
		}
		if agreementActive(ag, today) {
			out["isOnSupply"], out["krakenStatus"] = true, "ON_SUPPLY"
		}
	}
	out["supplyStartDate"] = orNil(first)
	if p := propertyOf(a, point); p != nil {
		out["isOccupier"] = p.OccupiedTo == "" || p.OccupiedTo >= today
	}
	if u, _, err := c.Viewer(); err == nil && u.CanAccess(a.Number) {
		out["accountNumber"], out["account"] = a.Number, accountMap(w, a)
	}
	return out, nil
}

// moveDateRange is how many days a move's date picker offers.
const moveDateRange = 90

// moveOutDates answers Origin's moveOutDates(input: {accountNumber, propertyId}): each
// day propertyMoveOut accepts for the account's property, from today or the first day
// the account is not yet billed for, whichever is later, for moveDateRange days; union
// errors for a property the account does not hold or has moved out of.
func moveOutDates(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	_, held, err := readable(c, strings.TrimSpace(str(in, "accountNumber")), "", "")
	if err != nil {
		return nil, err
	}
	id := strings.TrimSpace(str(in, "propertyId"))
	i := slices.IndexFunc(held.Properties, func(p sim.Property) bool { return p.ID == id })
	switch {
	case i < 0:
		return obj{"moveOutDates": nil, "error": obj{"__typename": "AccountIsNotAssociatedWithPropertyErrorType", "message": "The account holds no property " + id + "."}}, nil
	case held.Properties[i].OccupiedTo != "":
		return obj{"moveOutDates": nil, "error": obj{"__typename": "HouseMoveOutHasBeenPerformedErrorType", "message": "The account moves out of property " + id + " on " + held.Properties[i].OccupiedTo + "."}}, nil
	}
	first := max(today(c), held.Properties[i].OccupiedFrom, openPeriodStart(newEnv(c), held))
	return obj{"moveOutDates": daysFrom(first, addDays(today(c), moveDateRange)), "error": nil}, nil
}

// moveInDates answers Origin's moveInDates(input: {propertyId}),
// electricityMoveInDates(input: {nmi}) and gasMoveInDates(input: {mirn}) for a signed-in
// viewer: each day a move into the
// home processHouseMoveIn accepts, from the day after its occupier moves out (and not
// before today) to moveDateRange days ahead; none while no move out is arranged, and
// DoesNotExistErrorType for a home or supply state does not hold.
func moveInDates(_ context.Context, c *sim.Call) (any, error) {
	if _, _, err := c.Viewer(); err != nil {
		return nil, err
	}
	in, w := input(c), c.Session.World()
	field := "propertyId"
	var home *sim.Property
	if c.Field.Name == "electricityMoveInDates" {
		field = "nmi"
		_, home = supplyHome(w, strings.TrimSpace(str(in, "nmi")))
	} else if c.Field.Name == "gasMoveInDates" {
		field = "mirn"
		_, home = supplyHome(w, strings.TrimSpace(str(in, "mirn")))
	} else if id := strings.TrimSpace(str(in, "propertyId")); id != "" {
		for _, a := range w.Accounts {
			for k := 0; a != nil && k < len(a.Properties); k++ {
				if a.Properties[k].ID == id {
					home = &a.Properties[k]
				}
			}
		}
	}
	if home == nil {
		return obj{"moveInDates": nil, "error": obj{"__typename": "DoesNotExistErrorType", "field": field}}, nil
	}
	days := []any{}
	if home.OccupiedTo != "" {
		days = daysFrom(max(today(c), addDays(home.OccupiedTo, 1)), addDays(today(c), moveDateRange))
	}
	return obj{"moveInDates": days, "error": nil}, nil
}

// publicHolidays answers Origin's publicHolidays(input: {state, dateFrom, dateTo}): the
// state's public holidays in the range, both ends included, from the calendar its
// payment dates keep; with no state, the Australia-wide ones.
func publicHolidays(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	day := func(k string) string { return str(in, k)[:min(len(str(in, k)), 10)] }
	out := []any{}
	for _, d := range workdays.AustralianHolidays(str(in, "state"), day("dateFrom"), day("dateTo")) {
		out = append(out, d)
	}
	return out, nil
}

// daysFrom is each day from first to last (YYYY-MM-DD), ascending.
func daysFrom(first, last string) []any {
	out := []any{}
	for d := first; d <= last; d = addDays(d, 1) {
		out = append(out, d)
	}
	return out
}
