package simtest_test

import (
	"strconv"
	"testing"
	"time"

	"github.com/krakensim/krakensim/sim/simtest"
)

// claimedHome moves the demo household out of its home on 2 December 2026 and has Sam
// claim the occupier account supplying it from the 3rd on 9 December, moving in on the
// 5th: the server, the household's client, Sam's (signed in), the account's number and
// the home's property id.
func claimedHome(t *testing.T) (*simtest.Server, *simtest.Client, *simtest.Client, string, string) {
	t.Helper()
	srv, c := octopus(t)
	mustQuery(t, c)(`mutation { performMoveOut(input: {accountNumber: "A-C90DC431", propertyId: "2214531", moveOutDate: "2026-12-02"}) { account { number } } }`, nil)
	number := occupierLetter(t, c).Data["accountNumber"]
	c.AdvanceClock(7 * 24 * time.Hour)
	c.SignIn("demo@krakensim.dev", "krakensim")
	found := simtest.Get(mustQuery(t, c)(`query($pc: String!, $s: String!) { occupierAccount(postcode: $pc, shortcode: $s) { propertyId occupyToken } }`,
		map[string]any{"pc": "NR3 1AB", "s": number[6:]}), "occupierAccount")
	id, _ := simtest.Get(found, "propertyId").(float64)
	property := strconv.FormatFloat(id, 'f', -1, 64)
	sam := srv.ClientIn(t, c.Session)
	sam.Token, _ = simtest.Get(found, "occupyToken").(string)
	quote := simtest.Get(mustQuery(t, sam)(`mutation($n: String!, $p: ID!) { requote(input: {accountNumber: $n, propertyId: $p}) { quote { code } } }`,
		map[string]any{"n": number, "p": property}), "requote", "quote")
	mustQuery(t, sam)(`mutation($in: OccupyInput!) { occupy(input: $in) { account { number } } }`, map[string]any{"in": map[string]any{
		"accountNumber": number, "propertyId": property, "quoteCode": simtest.Get(quote, "code"), "productCode": "VAR-22-11-01", "paymentDay": 5, "moveInDate": "2026-12-05",
		"directDebitInstruction": map[string]any{"accountNumber": "55779911", "accountHolder": "Sam Newcomer", "sortCode": "200000"},
		"users":                  []any{map[string]any{"givenName": "Sam", "familyName": "Newcomer", "email": "sam@example.com", "mobile": "07700900123", "optedInForMarketing": false}}}})
	var welcome map[string]string
	for _, m := range c.Messages() {
		if m.To == "sam@example.com" {
			welcome = m.Data
		}
	}
	mustQuery(t, sam)(`mutation($u: String!, $t: String!) { resetUserPassword(input: {userId: $u, token: $t, newPassword: "a-new-home-2026"}) { __typename } }`,
		map[string]any{"u": welcome["userId"], "t": welcome["token"]})
	sam.SignIn("sam@example.com", "a-new-home-2026")
	return srv, c, sam, number, property
}

// TestAccountMovedOutStaysActive: an account that has moved out of its last home reads
// ACTIVE, as AccountStatus has it for a supply that has ended, whether it was made
// active (the demo household's) or became so on its supply's first day (the occupier
// account Sam claimed).
func TestAccountMovedOutStaysActive(t *testing.T) {
	_, c, sam, number, property := claimedHome(t)
	mustQuery(t, sam)(`mutation($n: String!, $p: String!) { performMoveOut(input: {accountNumber: $n, propertyId: $p, moveOutDate: "2026-12-20"}) { account { number } } }`,
		map[string]any{"n": number, "p": property})
	c.AdvanceClock(60 * 24 * time.Hour)
	c.SignIn("demo@krakensim.dev", "krakensim")
	sam.SignIn("sam@example.com", "a-new-home-2026")
	const status = `query($n: String!) { account(accountNumber: $n) { status } }`
	for who, client := range map[string]*simtest.Client{number: sam, "A-C90DC431": c} {
		if got := simtest.Get(mustQuery(t, client)(status, map[string]any{"n": who}), "account", "status"); got != "ACTIVE" {
			t.Errorf("%s after its move out: %v, want ACTIVE", who, got)
		}
	}
}
