package simtest_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/krakensim/krakensim/sim/simtest"
)

// TestPortfolioUserRolesLinkOnlyTheViewersPeople holds createPortfolioUserRole, on both
// tenants, to its documented refusals and to the guard's rule on users: a user who
// shares no account with the viewer, or a portfolio of another's account, is
// Unauthorized with no data about them; an id no user has is KT-CT-9404 and one no
// portfolio has KT-CT-9403. A user of the household linked to the portfolio of the
// viewer's other account has that account and the role afterwards (ADMIN by default).
func TestPortfolioUserRolesLinkOnlyTheViewersPeople(t *testing.T) {
	for file, roleType := range map[string]string{"octopus-schema.graphql": "PortfolioUserRoleEnum", "origin-schema.graphql": "RoleString"} {
		t.Run(file, func(t *testing.T) {
			srv, c := tenant(t, file)
			q := mustQuery(t, c)
			id := func(number string) string {
				return q(`query($a: String!) { account(accountNumber: $a) { id } }`, map[string]any{"a": number})["account"].(map[string]any)["id"].(string)
			}
			create := `mutation($p: ID!, $u: ID!, $r: ` + roleType + `) { createPortfolioUserRole(input: {portfolioId: $p, accountUserId: $u, role: $r}) { portfolioUserRole { role user { id email dateOfBirth } portfolio { number } } } }`
			demos, others := id("A-C90DC431"), "P-0F4A2B19"
			for _, tc := range []struct {
				name, portfolio, user, want string
			}{
				{"a user sharing no account", demos, "3235451", "KT-CT-1111"},
				{"a user of another household", demos, "3235449", "KT-CT-1111"},
				{"a user no one is", demos, "99999999", "KT-CT-9404"},
				{"a portfolio no account has", "P-XXXXXXXX", "3235448", "KT-CT-9403"},
				{"another's portfolio", others, "3235448", "KT-CT-1111"},
			} {
				out := c.Query(create, map[string]any{"p": tc.portfolio, "u": tc.user})
				if len(out.Errors) != 1 || out.Errors[0].Code() != tc.want || hasData(out) {
					t.Errorf("%s: %+v %v, want %s and no data", tc.name, out.Errors, out.Data, tc.want)
				}
			}
			car := "A-7B3E9D12"
			got := q(create, map[string]any{"p": id(car), "u": "3235448", "r": "CARER"})
			if role := fmt.Sprint(simtest.Get(got, "createPortfolioUserRole", "portfolioUserRole", "role"), " ",
				simtest.Get(got, "createPortfolioUserRole", "portfolioUserRole", "user", "email"), " ",
				simtest.Get(got, "createPortfolioUserRole", "portfolioUserRole", "portfolio", "number")); role != "CARER robin@krakensim.dev P-7B3E9D12" {
				t.Errorf("the created role: %s", role)
			}
			robin := srv.ClientIn(t, c.Session)
			signInWith(t, robin, map[string]any{"APIKey": "sk_live_krakensimrobin3235448"})
			seen := mustQuery(t, robin)(`{ viewer { accounts { number } portfolioUserRoles { role portfolio { number } } } account(accountNumber: "A-7B3E9D12") { number } }`, nil)
			var accounts, roles []string
			for _, a := range simtest.Get(seen, "viewer", "accounts").([]any) {
				accounts = append(accounts, fmt.Sprint(simtest.Get(a, "number")))
			}
			for _, r := range simtest.Get(seen, "viewer", "portfolioUserRoles").([]any) {
				roles = append(roles, fmt.Sprint(simtest.Get(r, "portfolio", "number"), " ", simtest.Get(r, "role")))
			}
			if !slices.Contains(accounts, car) || !slices.Contains(roles, "P-7B3E9D12 CARER") || simtest.Get(seen, "account", "number") != car {
				t.Errorf("robin after the link: accounts %v, roles %v, account %v", accounts, roles, simtest.Get(seen, "account"))
			}
			got = q(create, map[string]any{"p": demos, "u": "3235448"})
			if role := simtest.Get(got, "createPortfolioUserRole", "portfolioUserRole", "role"); role != "ADMIN" {
				t.Errorf("the default role: %v", role)
			}
		})
	}
}

// TestUsersNamedUnderOtherNamesFollowTheGuard holds roots that name a user under
// another argument name than userId (accountUserId, inside input objects too) to the
// guard's rule: a user who shares no account with the viewer is Unauthorized.
func TestUsersNamedUnderOtherNamesFollowTheGuard(t *testing.T) {
	_, au := tenant(t, "origin-schema.graphql")
	for _, tc := range []struct{ name, query string }{
		{"userSyncPayload", `{ userSyncPayload(input: {accountUserId: "3235451"}) { __typename } }`},
		{"loyaltyPointLedgers", `{ loyaltyPointLedgers(input: {accountUserId: "3235451"}) { id } }`},
		{"loyaltyPointLedgers of no one", `{ loyaltyPointLedgers(input: {accountUserId: "424242"}) { id } }`},
		{"redeemLoyaltyPointsForAccountCredit", `mutation { redeemLoyaltyPointsForAccountCredit(input: {accountNumber: "A-C90DC431", accountUserId: "3235451", points: 100}) { pointsRedeemed } }`},
	} {
		out := au.Query(tc.query, nil)
		if len(out.Errors) != 1 || out.Errors[0].Code() != "KT-CT-1111" || hasData(out) {
			t.Errorf("%s: %+v %v, want KT-CT-1111 and no data", tc.name, out.Errors, out.Data)
		}
	}
	// Robin shares the demo account: their ledger is read, not the viewer's.
	ledger := mustQuery(t, au)(`{ loyaltyPointLedgers(input: {accountUserId: "3235448"}) { id } }`, nil)
	for _, e := range ledger["loyaltyPointLedgers"].([]any) {
		if id := fmt.Sprint(simtest.Get(e, "id")); len(id) < 7 || id[:7] != "3235448" {
			t.Errorf("robin's ledger holds entry %s", id)
		}
	}
}
