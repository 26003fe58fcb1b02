package accounts_test

import (
	"fmt"
	"slices"
	"testing"
	"time"
)

// usersForAccountsSDL is Origin's getUsersForAccounts, laid over the embedded SDL.
const usersForAccountsSDL = `extend type Query {
  "The users of the accounts named."
  getUsersForAccounts(accountNumbers: [String]!): [AccountUserType]
}`

// TestUsersForAccounts: getUsersForAccounts answers every user of each account named
// that the viewer may read (Jamie and Robin share A-C90DC431), each once, rather than the
// viewer alone; another's account is Unauthorized, and a list naming no account
// KT-AU-5412.
func TestUsersForAccounts(t *testing.T) {
	c := tenantClient(t, time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC), usersForAccountsSDL)
	const q = `query($a: [String]!) { getUsersForAccounts(accountNumbers: $a) { id givenName } }`
	for _, tc := range []struct {
		name     string
		accounts []any
		want     []string
		code     string
	}{
		{"the shared account", []any{"A-C90DC431"}, []string{"Jamie", "Robin"}, ""},
		{"both of the viewer's accounts, each user once", []any{"A-C90DC431", "A-7B3E9D12", "A-C90DC431"}, []string{"Jamie", "Robin"}, ""},
		{"another's account", []any{"A-C90DC431", "A-0F4A2B19"}, nil, "KT-CT-1111"},
		{"an empty list", []any{}, nil, "KT-AU-5412"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := c.Query(q, map[string]any{"a": tc.accounts})
			if tc.code != "" {
				if len(r.Errors) != 1 || r.Errors[0].Code() != tc.code {
					t.Fatalf("%+v, want %s", r.Errors, tc.code)
				}
				return
			}
			var got []string
			for _, u := range dig(mustData(t, r), "getUsersForAccounts").([]any) {
				got = append(got, fmt.Sprint(dig(u, "givenName")))
			}
			slices.Sort(got)
			if !slices.Equal(got, tc.want) {
				t.Errorf("users %v, want %v", got, tc.want)
			}
		})
	}
}
