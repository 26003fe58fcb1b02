package accounts

import (
	"cmp"
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

// portfolioRoles are the user's roles on their accounts' portfolios (those
// createPortfolioUserRole gave, else ADMIN of each), of the portfolio or account args
// name.
func portfolioRoles(w *env, u *sim.User, args map[string]any) []any {
	number, account := argString(args, "portfolioNumber"), argString(args, "accountNumber")
	out := []any{}
	for _, a := range userPortfolios(w, u, nil) {
		if number != "" && !strings.EqualFold(number, portfolioNumber(a)) || account != "" && account != a.Number {
			continue
		}
		for _, role := range rolesOn(u, a.Number) {
			out = append(out, portfolioRoleMap(w, u, a, role))
		}
	}
	return out
}

// rolesOn are the user's roles on the portfolio of the account numbered number: those
// given, else ADMIN.
func rolesOn(u *sim.User, number string) []string {
	var out []string
	for _, r := range u.PortfolioRoles {
		if r.Account == number {
			out = append(out, r.Role)
		}
	}
	if len(out) == 0 {
		return []string{"ADMIN"}
	}
	return out
}

// portfolioRoleMap is the user's role on the account's portfolio (PortfolioUserRoleType).
func portfolioRoleMap(w *env, u *sim.User, a *sim.Account, role string) obj {
	return obj{
		"id": u.ID + "-" + portfolioID(a) + "-" + strings.ToLower(role), "role": role,
		"user": userMap(w, u), "portfolio": portfolioMap(w, a),
	}
}

// defaultPortfolioRole is the role createPortfolioUserRole gives when none is asked for:
// the one a user has on the portfolios of their own accounts.
const defaultPortfolioRole = "ADMIN"

// createPortfolioUserRole links a user who shares an account with the viewer to the
// portfolio of one of the viewer's accounts in a role, which gives them that account:
// their accounts and portfolioUserRoles read it afterwards. A portfolio id (or number)
// no account's is KT-CT-9403, a user id no user's KT-CT-9404, and another's portfolio
// or a user who shares no account with the viewer Unauthorized.
func createPortfolioUserRole(_ context.Context, c *sim.Call) (any, error) {
	v, _, err := c.Viewer()
	if err != nil {
		return nil, err
	}
	in := input(c)
	w := c.Session.World()
	id := strings.TrimSpace(str(in, "portfolioId"))
	i := slices.IndexFunc(w.Accounts, func(a *sim.Account) bool {
		return a != nil && id != "" && (id == portfolioID(a) || strings.EqualFold(id, portfolioNumber(a)))
	})
	if i < 0 {
		return nil, c.ValidationError("KT-CT-9403", "No portfolio has the id "+id+".", "input", "portfolioId")
	}
	a := w.Accounts[i]
	if !v.CanAccess(a.Number) {
		return nil, c.Error(c.UnauthorizedCode())
	}
	userID := strings.TrimSpace(str(in, "accountUserId"))
	target := w.User(userID)
	if target == nil {
		return nil, c.ValidationError("KT-CT-9404", "No account user has the id "+userID+".", "input", "accountUserId")
	}
	if !sharesAccount(v, target) {
		return nil, c.Error(c.UnauthorizedCode())
	}
	role := cmp.Or(str(in, "role"), defaultPortfolioRole)
	mu := w.MutableUser(target.ID)
	held := rolesOn(mu, a.Number)
	if !mu.CanAccess(a.Number) {
		mu.AccountNumbers = append(mu.AccountNumbers, a.Number)
		held = nil
	}
	if !slices.Contains(held, role) {
		if !slices.ContainsFunc(mu.PortfolioRoles, func(r sim.PortfolioRole) bool { return r.Account == a.Number }) {
			for _, h := range held { // the ADMIN an account of theirs gave them stays
				mu.PortfolioRoles = append(mu.PortfolioRoles, sim.PortfolioRole{Account: a.Number, Role: h})
			}
		}
		mu.PortfolioRoles = append(mu.PortfolioRoles, sim.PortfolioRole{Account: a.Number, Role: role})
	}
	return obj{"portfolioUserRole": portfolioRoleMap(newEnv(c), mu, a, role)}, nil
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
