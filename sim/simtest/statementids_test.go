package simtest_test

import (
	"fmt"
	"testing"
)

// TestStatementIDsAreTheirMonths: a statement billing ran keeps its id however far the
// clock is set, though only the latest twenty years of statements are listed: the
// demo household's statement of January 2060 is 1485 (state's 1001 for September 2019,
// then one a month) at 2061 and at 2079.
func TestStatementIDsAreTheirMonths(t *testing.T) {
	_, c := octopus(t)
	const q = `{ account(accountNumber: "A-C90DC431") { bills(first: 100, fromDate: "2060-01-01", toDate: "2060-01-31") { edges { node { id fromDate toDate } } } } }`
	for _, at := range []string{"2061-03-01T09:00:00Z", "2079-11-01T09:00:00Z"} {
		setClock(t, c, at)
		c.SignIn("demo@krakensim.dev", "krakensim")
		got := fmt.Sprint(mustQuery(t, c)(q, nil)["account"])
		if want := "map[bills:map[edges:[map[node:map[fromDate:2060-01-01 id:1485 toDate:2060-01-31]]]]]"; got != want {
			t.Errorf("at %s: %s, want %s", at, got, want)
		}
	}
}
