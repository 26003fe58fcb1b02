package accounts

import (
	"context"
	"maps"
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
	for _, m := range agreementsOf(w, a, map[string]any{"id": found.ID}, true, true) {
		m := maps.Clone(m.(obj))
		m["__typename"] = "CommonAgreementType"
		return obj{"agreement": m}, nil
	}
	return obj{"agreement": nil}, nil
}
