package simtest_test

import (
	"fmt"
	"testing"
)

// TestLoyaltyCardsAreKept keeps the demo user's Qantas card on Origin, one a scheme (a
// new number replaces the old), lists it, and refuses a user the viewer may not see, a
// scheme that is not a word and a number that is not digits.
func TestLoyaltyCardsAreKept(t *testing.T) {
	_, c := tenant(t, "origin-schema.graphql")
	const (
		put  = `mutation($u: String!, $s: String!, $n: String!) { createOrUpdateLoyaltyCard(input: {accountUserId: $u, scheme: $s, number: $n}) { loyaltyCard { scheme number status } } }`
		list = `query($u: String!) { loyaltyCards(accountUserId: $u) { scheme number } }`
	)
	vars := func(u, s, n string) map[string]any { return map[string]any{"u": u, "s": s, "n": n} }
	for _, tc := range []struct {
		name string
		vars map[string]any
		want string
	}{
		{"another household's user", vars("3235449", "QANTAS", "1234567890"), "KT-CT-5412"},
		{"a scheme that is not a word", vars("3235447", "Qantas Frequent Flyer", "1234567890"), "KT-CT-8611"},
		{"a number with letters", vars("3235447", "QANTAS", "QF123"), "KT-CT-8610"},
		{"the demo user's card", vars("3235447", "qantas", "1234 5678 90"), ""},
		{"a new number", vars("3235447", "QANTAS", "9876543210"), ""},
		{"a card of the household's other user", vars("3235448", "VELOCITY", "4455667788"), ""},
	} {
		if got := graphqlCode(t, c, put, tc.vars); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
	if got := fmt.Sprint(mustQuery(t, c)(list, map[string]any{"u": "3235447"})["loyaltyCards"]); got != "[map[number:9876543210 scheme:QANTAS]]" {
		t.Errorf("the demo user's cards: %s", got)
	}
	if got := graphqlCode(t, c, list, map[string]any{"u": "3235449"}); got != "KT-CT-5412" {
		t.Errorf("another household's cards: %q", got)
	}
}
