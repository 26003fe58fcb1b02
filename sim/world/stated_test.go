package world

import "testing"

// TestStatedCount: a list is as long as its object says in a count beside it, up to
// maxStatedCount; without one, it is the world's length.
func TestStatedCount(t *testing.T) {
	const sdl = `type Query { account(number: String!): Account }
type Account { number: String! referralsCreated: Int referrals(first: Int): ReferralConnection notes: [Note] numberOfNotes: Int }
type ReferralConnection { pageInfo: PageInfo! edges: [ReferralEdge]! totalCount: Int! }
type PageInfo { hasNextPage: Boolean! hasPreviousPage: Boolean! startCursor: String endCursor: String }
type ReferralEdge { node: Referral cursor: String! }
type Referral { id: ID! code: String }
type Note { body: String }`
	states := map[string]map[string]any{
		"A-2":    {"referralsCreated": 2, "numberOfNotes": 0},
		"A-many": {"referralsCreated": 1_000_000, "numberOfNotes": 5},
	}
	w := newSDLWorld(t, sdl, Options{State: func(_ *Env, typ, field, value string) (map[string]any, bool) {
		m, ok := states[value]
		if !ok {
			return nil, false
		}
		out := map[string]any{"number": value}
		for k, v := range m {
			out[k] = v
		}
		return out, true
	}})
	for _, tc := range []struct {
		account      string
		total, notes int
	}{
		{"A-2", 2, 0},
		{"A-many", maxStatedCount, 5},
	} {
		data := w.ask(`query($n: String!) { account(number: $n) { referrals(first: 1) { totalCount } notes { body } } }`, map[string]any{"n": tc.account})
		acct := data["account"].(map[string]any)
		if got := acct["referrals"].(map[string]any)["totalCount"]; got != float64(tc.total) {
			t.Errorf("%s: %v referrals, want %d", tc.account, got, tc.total)
		}
		if got := len(acct["notes"].([]any)); got != tc.notes {
			t.Errorf("%s: %d notes, want %d", tc.account, got, tc.notes)
		}
	}
}
