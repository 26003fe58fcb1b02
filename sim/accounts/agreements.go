package accounts

import (
	"context"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/krakensim/krakensim/sim"
)

// idArg is an ID argument as text, whether it was sent as a number or a string.
func idArg(c *sim.Call, name string) string {
	if n, ok := integer(c.Field.Args, name); ok {
		return strconv.Itoa(n)
	}
	return strings.TrimSpace(c.StringArg(name))
}

// agreementByID is the agreement state holds with the id, its account, and whether it
// supplies electricity; nils for none.
func agreementByID(w *env, id string) (*sim.Account, *sim.Agreement, bool) {
	if id == "" {
		return nil, nil, false
	}
	for _, a := range w.Accounts {
		var found *sim.Agreement
		elec := false
		eachAgreements(a, func(ags []sim.Agreement, electricity bool) {
			for i := range ags {
				if ags[i].ID == id && found == nil {
					found, elec = &ags[i], electricity
				}
			}
		})
		if found != nil {
			return a, found, elec
		}
	}
	return nil, nil, false
}

// agreementOfFuel answers electricityAgreement(id:) and gasAgreement(id:): the agreement
// of that fuel with the id, as the account's agreements list it, on an account the viewer
// may read (Unauthorized on another's, of either fuel); null for an id state holds no
// agreement of, or one of the viewer's of the other fuel.
func agreementOfFuel(electricity bool) sim.Resolver {
	return func(_ context.Context, c *sim.Call) (any, error) {
		u, _, err := c.Viewer()
		if err != nil {
			return nil, err
		}
		w := newEnv(c)
		a, ag, elec := agreementByID(w, idArg(c, "id"))
		if ag == nil {
			return nil, nil
		}
		if !u.CanAccess(a.Number) {
			return nil, c.Error(c.UnauthorizedCode())
		}
		if elec != electricity {
			return nil, nil
		}
		for _, m := range agreementsOf(w, a, map[string]any{"id": ag.ID}, electricity, !electricity) {
			return m, nil
		}
		return nil, nil
	}
}

// terminateAgreement ends one of the viewer's agreements (Origin's): from the start of
// terminateAt's day, which is today or later, after the agreement began and before any
// end it already has; KT-CT-1501 for an id state does not hold, Unauthorized for
// another's, KT-CT-1513 for a day it may not end on.
func terminateAgreement(_ context.Context, c *sim.Call) (any, error) {
	w := newEnv(c)
	in := input(c)
	found, _, err := agreementNamed(w, c, strings.TrimSpace(str(in, "agreementId")), "KT-CT-1501", c.UnauthorizedCode())
	if err != nil {
		return nil, err
	}
	at, ok := parseTime(in["terminateAt"], w.zone)
	day := at.In(w.zone).Format(time.DateOnly)
	refuse := func(msg string) (any, error) {
		return nil, c.ValidationError("KT-CT-1513", msg, "input", "terminateAt")
	}
	switch {
	case !ok:
		return refuse("terminateAt is not a date and time.")
	case day < w.today():
		return refuse("An agreement cannot be terminated in the past.")
	case day <= found.ValidFrom:
		return refuse("An agreement cannot be terminated before it begins.")
	case found.ValidTo != "" && day >= found.ValidTo:
		return refuse("The agreement already ends on " + found.ValidTo + ".")
	}
	a, _, _ := agreementByID(w, found.ID)
	a = c.Session.World().MutableAccount(a.Number)
	eachAgreementList(a, func(ags *[]sim.Agreement, _ bool) {
		for i := range *ags {
			if (*ags)[i].ID == found.ID {
				(*ags)[i].ValidTo = day
			}
		}
	})
	return obj{"agreement": commonAgreement(w, a, found.ID)}, nil
}

// updateAgreementPeriod sets one of the account's agreements (Origin's) to run from
// validFrom to validTo (open-ended without one), as every list of the account's
// agreements then shows; KT-CT-1503 for an end not after the start.
func updateAgreementPeriod(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	found, err := agreementOnAccount(c, in)
	if err != nil {
		return nil, err
	}
	from, ok := parseDate(in["validFrom"])
	if !ok {
		return nil, c.ValidationError("KT-CT-1505", "validFrom is not a date.", "input", "validFrom")
	}
	to := ""
	if in["validTo"] != nil {
		if to, ok = parseDate(in["validTo"]); !ok {
			return nil, c.ValidationError("KT-CT-1505", "validTo is not a date.", "input", "validTo")
		}
		if to <= from {
			return nil, c.ValidationError("KT-CT-1503", "validTo must be later than validFrom "+from+".", "input", "validTo")
		}
	}
	a, err := setAgreementPeriod(c, in, found.ID, from, to)
	if err != nil {
		return nil, err
	}
	return obj{"account": accountMap(newEnv(c), a)}, nil
}

// extendAgreementPeriod moves the end of one of the account's agreements (Origin's) that
// has one to a later validTo; KT-CT-1515 for one without an end, KT-CT-1514 for a day
// not after its end.
func extendAgreementPeriod(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	found, err := agreementOnAccount(c, in)
	if err != nil {
		return nil, err
	}
	to, ok := parseDate(in["validTo"])
	switch {
	case !ok:
		return nil, c.ValidationError("KT-CT-1505", "validTo is not a date.", "input", "validTo")
	case found.ValidTo == "":
		return nil, c.Error("KT-CT-1515")
	case to <= found.ValidTo:
		return nil, c.ValidationError("KT-CT-1514", "validTo must be later than the agreement's end "+found.ValidTo+".", "input", "validTo")
	}
	a, err := setAgreementPeriod(c, in, found.ID, found.ValidFrom, to)
	if err != nil {
		return nil, err
	}
	return obj{"agreement": commonAgreement(newEnv(c), a, found.ID)}, nil
}

// commonAgreement is the account's agreement with the id as Origin's CommonAgreementType,
// as the account's agreements list it; nil when it has none.
func commonAgreement(w *env, a *sim.Account, id string) any {
	for _, m := range agreementsOf(w, a, map[string]any{"id": id}, true, true) {
		m := maps.Clone(m.(obj))
		m["__typename"] = "CommonAgreementType"
		return m
	}
	return nil
}

// agreement answers Origin's agreement(id:): the agreement of either fuel with the id,
// as the account's agreements list it, on an account the viewer may read; KT-CT-1501 for
// an id state holds no agreement of, Unauthorized for another's.
func agreement(_ context.Context, c *sim.Call) (any, error) {
	w := newEnv(c)
	found, _, err := agreementNamed(w, c, idArg(c, "id"), "KT-CT-1501", c.UnauthorizedCode())
	if err != nil {
		return nil, err
	}
	a, _, _ := agreementByID(w, found.ID)
	return commonAgreement(w, a, found.ID), nil
}

// agreementOnAccount is the agreement the input's agreementId names on its accountNumber's
// account: KT-CT-4178 for an account state does not hold, KT-CT-1501 for an agreement,
// Unauthorized for another's account or agreement, KT-CT-1504 for one of the viewer's
// on another account.
func agreementOnAccount(c *sim.Call, in map[string]any) (*sim.Agreement, error) {
	number := strings.TrimSpace(str(in, "accountNumber"))
	if _, _, err := readable(c, number, "", "KT-CT-4178"); err != nil {
		return nil, err
	}
	w := newEnv(c)
	found, _, err := agreementNamed(w, c, strings.TrimSpace(str(in, "agreementId")), "KT-CT-1501", c.UnauthorizedCode())
	if err != nil {
		return nil, err
	}
	if a, _, _ := agreementByID(w, found.ID); a.Number != number {
		return nil, c.Error("KT-CT-1504")
	}
	return found, nil
}

// setAgreementPeriod makes the agreement with the id on the input's account run from
// from to to ("" open-ended), and is the account changed; KT-CT-1506 for a period
// outside its property's occupancy, KT-CT-1505 for one overlapping another agreement
// of the same supply. The rollover that follows the agreement's end and has not begun
// (rollsOver) is the system's: it moves to the new end (gone with none, or when the
// agreement now runs past its own end), and an end no agreement follows rolls over
// until the property's occupancy ends.
func setAgreementPeriod(c *sim.Call, in map[string]any, id, from, to string) (*sim.Account, error) {
	held := c.Session.World().Account(strings.TrimSpace(str(in, "accountNumber")))
	day := today(c)
	var occupiedTo string
	for _, p := range held.Properties {
		for _, ags := range supplyAgreements(p) {
			i := slices.IndexFunc(ags, func(ag sim.Agreement) bool { return ag.ID == id })
			if i < 0 {
				continue
			}
			if p.OccupiedFrom != "" && from < p.OccupiedFrom || p.OccupiedTo != "" && (to == "" || to > addDays(p.OccupiedTo, 1)) {
				return nil, c.ValidationError("KT-CT-1506", "The property is occupied from "+p.OccupiedFrom+" to "+p.OccupiedTo+".", "input", "validFrom")
			}
			occupiedTo = p.OccupiedTo
			for k, ag := range ags {
				if k != i && !rollsOver(ags[i], ag, day) && (to == "" || ag.ValidFrom < to) && (ag.ValidTo == "" || from < ag.ValidTo) {
					return nil, c.ValidationError("KT-CT-1505", "The period overlaps agreement "+ag.ID+" of the same supply.", "input", "validFrom")
				}
			}
		}
	}
	a := c.Session.World().MutableAccount(held.Number)
	ids, variable := c.Session.World().IDs(), variableProduct(newEnv(c), a.AccountType == "BUSINESS")
	eachAgreementList(a, func(ags *[]sim.Agreement, _ bool) {
		i := slices.IndexFunc(*ags, func(ag sim.Agreement) bool { return ag.ID == id })
		if i < 0 {
			return
		}
		was := (*ags)[i]
		out := make([]sim.Agreement, 0, len(*ags)+1)
		for _, ag := range *ags {
			switch {
			case ag.ID == id:
				ag.ValidFrom, ag.ValidTo = from, to
			case rollsOver(was, ag, day):
				if to == "" || ag.ValidTo != "" && ag.ValidTo <= to {
					continue
				}
				ag.ValidFrom = to
			}
			out = append(out, ag)
		}
		rolled := rollOver(ids, out, out[slices.IndexFunc(out, func(ag sim.Agreement) bool { return ag.ID == id })], variable)
		if occupiedTo != "" && len(rolled) > len(out) {
			rolled = endAgreements(rolled, addDays(occupiedTo, 1)) // no rollover past the supply's end
		}
		*ags = rolled
	})
	return a, nil
}

// supplyAgreements are the agreements of each of the property's supplies.
func supplyAgreements(p sim.Property) [][]sim.Agreement {
	var out [][]sim.Agreement
	for _, m := range p.ElectricityMeterPoints {
		out = append(out, m.Agreements)
	}
	for _, m := range p.GasMeterPoints {
		out = append(out, m.Agreements)
	}
	return out
}
