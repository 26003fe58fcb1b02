package accounts

import (
	"context"
	"slices"
	"strings"

	"github.com/krakensim/krakensim/sim"
)

// portfolioNumber is the number of the portfolio an account the state holds is in: the
// account's number with P- for A-.
func portfolioNumber(a *sim.Account) string { return "P-" + strings.TrimPrefix(a.Number, "A-") }

// portfolioID is the id of that portfolio: the account's id.
func portfolioID(a *sim.Account) string { return accountID(a.Number) }

// userPortfolios are the accounts whose portfolios the user is linked to, in the order
// the user holds them, of the brands args allow (allowedBrandCodes).
func userPortfolios(w *env, u *sim.User, args map[string]any) []*sim.Account {
	brands, _ := args["allowedBrandCodes"].([]any)
	var out []*sim.Account
	for _, n := range u.AccountNumbers {
		a := w.Account(n)
		if a == nil || len(brands) > 0 && !slices.Contains(brands, any(a.Brand)) {
			continue
		}
		out = append(out, a)
	}
	return out
}

// portfolioRoles are the user's roles on their accounts' portfolios (ADMIN of each), of
// the portfolio or account args name.
func portfolioRoles(w *env, u *sim.User, args map[string]any) []any {
	number, account := argString(args, "portfolioNumber"), argString(args, "accountNumber")
	out := []any{}
	for _, a := range userPortfolios(w, u, nil) {
		if number != "" && !strings.EqualFold(number, portfolioNumber(a)) || account != "" && account != a.Number {
			continue
		}
		out = append(out, obj{
			"id": u.ID + "-" + portfolioID(a) + "-admin", "role": "ADMIN",
			"user": userMap(w, u), "portfolio": portfolioMap(w, a),
		})
	}
	return out
}

// portfolioByNumber answers portfolio(portfolioNumber:): the portfolio of the viewer's
// account it numbers; Unauthorized for another's, KT-CT-9403 for a number no account's.
func portfolioByNumber(_ context.Context, c *sim.Call) (any, error) {
	u, _, err := c.Viewer()
	if err != nil {
		return nil, err
	}
	number := strings.TrimSpace(c.StringArg("portfolioNumber"))
	for _, a := range c.Session.World().Accounts {
		if a == nil || !strings.EqualFold(number, portfolioNumber(a)) {
			continue
		}
		if !u.CanAccess(a.Number) {
			return nil, c.Error(c.UnauthorizedCode())
		}
		return portfolioMap(newEnv(c), a), nil
	}
	return nil, c.Error("KT-CT-9403")
}
