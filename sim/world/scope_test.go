package world

import (
	"fmt"
	"testing"
)

// scopeSDL has a root list whose optional argument names an account, as Octopus's
// octoplusRewards(accountNumber:) does.
const scopeSDL = `
type Query {
	account(accountNumber: String!): AccountType
	octoplusRewards(accountNumber: String): [OctoplusRewardType]
}
type AccountType { id: ID number: String }
type OctoplusRewardType { id: Int accountNumber: String status: String }
`

// TestAnOwnersListIsItsOwn: a root list whose optional argument names an owner lists
// that owner's objects, whose ids no other owner's list has, and the same ones each
// time it is asked; asked for no owner, it is a list of its own.
func TestAnOwnersListIsItsOwn(t *testing.T) {
	w := newSDLWorld(t, scopeSDL, Options{})
	ids := func(args string) []string {
		out := w.ask(`{ octoplusRewards`+args+` { id } }`, nil)
		var got []string
		for _, r := range out["octoplusRewards"].([]any) {
			got = append(got, fmt.Sprintf("%.0f", r.(map[string]any)["id"]))
		}
		return got
	}
	seen := map[string]string{}
	for _, acct := range []string{"A-C90DC431", "A-7B3E9D12", "A-0F4A2B19", "A-B1A2C3D4"} {
		args := fmt.Sprintf(`(accountNumber: %q)`, acct)
		first := ids(args)
		if again := ids(args); fmt.Sprint(again) != fmt.Sprint(first) {
			t.Errorf("%s's rewards %v, then %v", acct, first, again)
		}
		for _, id := range first {
			if other, ok := seen[id]; ok {
				t.Errorf("reward %s is %s's and %s's", id, other, acct)
			}
			seen[id] = acct
		}
	}
	if len(seen) == 0 {
		t.Fatal("no rewards listed")
	}
}
