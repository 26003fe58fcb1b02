package accounts

import (
	"context"
	"strconv"
	"strings"

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
