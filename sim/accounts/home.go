package accounts

import (
	"cmp"
	"slices"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/world"
)

// Where a user lives and what they pay across their accounts: the home their first
// account supplies (their address, state and primary places of residence), and the
// transactions of all their accounts.

// residence is a property a user lives or lived at, and the account that supplies it.
type residence struct {
	a *sim.Account
	p *sim.Property
}

// residences are the properties of the user's first account, the one they live at now
// first, then those they left, the latest first.
func residences(w *env, u *sim.User) []residence {
	var out []residence
	for _, n := range u.AccountNumbers {
		a := w.Account(n)
		if a == nil {
			continue
		}
		for i := range a.Properties {
			out = append(out, residence{a, &a.Properties[i]})
		}
		break
	}
	slices.SortStableFunc(out, func(x, y residence) int {
		if (x.p.OccupiedTo == "") != (y.p.OccupiedTo == "") {
			if x.p.OccupiedTo == "" {
				return -1
			}
			return 1
		}
		return cmp.Compare(y.p.OccupiedFrom, x.p.OccupiedFrom)
	})
	return out
}

// home is the property a user lives at now; false for none.
func home(w *env, u *sim.User) (residence, bool) {
	rs := residences(w, u)
	if len(rs) == 0 || rs[0].p.OccupiedTo != "" && rs[0].p.OccupiedTo <= w.today() {
		return residence{}, false
	}
	return rs[0], true
}

// userAddress is a user's address: their home's, else their first account's billing
// address; null with neither.
func userAddress(w *env, u *sim.User) any {
	if r, ok := home(w, u); ok {
		return richAddress(r.p.Address)
	}
	for _, n := range u.AccountNumbers {
		if a := w.Account(n); a != nil {
			return richAddress(a.BillingAddress)
		}
	}
	return nil
}

// userState is the Australian state a user lives in (StateChoices); null elsewhere.
func userState(w *env, u *sim.User) any {
	if r, ok := home(w, u); ok {
		return stateChoice(r.p.Address)
	}
	return nil
}

// primaryResidences are a user's PrimaryResidenceType list: each property they have
// lived at, latest first, from and to when they occupied it.
func primaryResidences(w *env, u *sim.User) []any {
	out := []any{}
	for _, r := range residences(w, u) {
		out = append(out, obj{
			"id": r.p.ID, "fromDate": r.p.OccupiedFrom, "toDate": orNil(r.p.OccupiedTo),
			"updatedAt": dateAsTime(cmp.Or(r.p.OccupiedTo, r.p.OccupiedFrom), w.zone),
			"property":  propertyMap(w, r.a, r.p),
			"user":      sim.Lazy(func(map[string]any) (any, error) { return userMap(w, u), nil }),
		})
	}
	return out
}

// userTransactions are the transactions of the user's accounts (those accountNumbers
// names), each account's as its own transactions list them, merged by posted date.
func userTransactions(w *env, u *sim.User, args map[string]any) (any, error) {
	only := stringSet(args["accountNumbers"])
	whole := map[string]any{world.EveryItem: true}
	for k, v := range args {
		switch k {
		case "first", "last", "before", "after", "offset":
		default:
			whole[k] = v
		}
	}
	var nodes []any
	for _, n := range u.AccountNumbers {
		a := w.Account(n)
		if a == nil || only != nil && !only[n] {
			continue
		}
		page, err := transactionConnection(w, a, nil, whole)
		if err != nil {
			return nil, err
		}
		for _, e := range page.(map[string]any)["edges"].([]any) {
			nodes = append(nodes, e.(map[string]any)["node"])
		}
	}
	asc := argString(args, "orderBy") == "POSTED_DATE_ASC"
	slices.SortStableFunc(nodes, func(x, y any) int {
		c := cmp.Compare(str(x.(obj), "postedDate"), str(y.(obj), "postedDate"))
		if asc {
			return c
		}
		return -c
	})
	if nodes == nil {
		nodes = []any{}
	}
	return connection(w, nodes, args)
}
