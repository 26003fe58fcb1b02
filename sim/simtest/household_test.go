package simtest_test

import (
	"fmt"
	"testing"

	"github.com/krakensim/krakensim/sim/simtest"
)

// keyed is a client in c's session signed in by the API key.
func keyed(t *testing.T, srv *simtest.Server, c *simtest.Client, key string) *simtest.Client {
	t.Helper()
	k := srv.ClientIn(t, c.Session)
	k.Token, _ = simtest.Get(k.Query(`mutation($k: String!) { obtainKrakenToken(input: {APIKey: $k}) { token } }`, map[string]any{"k": key}).Data, "obtainKrakenToken", "token").(string)
	if k.Token == "" {
		t.Fatalf("no token for %s", key)
	}
	return k
}

// TestOriginRebateOncePerHousehold gives two users of the demo account a concession card
// each on the Origin SDL: the household is eligible for each rebate once, as its
// statement credits it.
func TestOriginRebateOncePerHousehold(t *testing.T) {
	srv, c := tenant(t, "origin-schema.graphql")
	robin := keyed(t, srv, c, "sk_live_krakensimrobin3235448")
	mustQuery(t, robin)(`mutation { createConcession(input: {cardType: CENTRELINK_PENSIONER, cardNumber: "123456789A"}) { concession { id } } }`, nil)
	q := mustQuery(t, c)
	one := rebates(t, q, "A-C90DC431")
	q(`mutation { createConcession(input: {cardType: CENTRELINK_HEALTH_CARE, cardNumber: "987654321B"}) { concession { id } } }`, nil)
	two := rebates(t, q, "A-C90DC431")
	if len(one["MeterPointType"]) == 0 || fmt.Sprint(two) != fmt.Sprint(one) {
		t.Errorf("rebates with one card:\n%v\nwith two:\n%v", one, two)
	}
}

// TestOriginLoyaltyLedgerOfTheUserNamed reads the loyalty-point ledger of the user Origin's
// input names: the viewer's own, another user of their account's, and a refusal for a user
// who shares no account with them or none at all.
func TestOriginLoyaltyLedgerOfTheUserNamed(t *testing.T) {
	_, c := tenant(t, "origin-schema.graphql")
	const ledger = `query($u: ID!) { loyaltyPointLedgers(input: {accountUserId: $u}) { id value } }`
	for _, tc := range []struct{ user, want string }{
		{"3235447", "[map[id:3235447001 value:1200]]"},
		{"3235448", "[map[id:3235448001 value:300]]"},
	} {
		if got := fmt.Sprint(simtest.Get(mustQuery(t, c)(ledger, map[string]any{"u": tc.user}), "loyaltyPointLedgers")); got != tc.want {
			t.Errorf("user %s's ledger: %s, want %s", tc.user, got, tc.want)
		}
	}
	for _, user := range []string{"3235449", "424242"} {
		if out := c.Query(ledger, map[string]any{"u": user}); len(out.Errors) != 1 || out.Errors[0].Code() != "KT-CT-1111" {
			t.Errorf("user %s: %+v, want KT-CT-1111", user, out.Errors)
		}
	}
}

// TestOriginRebateOnlyAtHome gives the demo user, who pays for a second home's account too,
// a concession card: their household at home is eligible for each rebate, the other home's
// account for none, and its statements are credited nothing.
func TestOriginRebateOnlyAtHome(t *testing.T) {
	_, c := tenant(t, "origin-schema.graphql")
	q := mustQuery(t, c)
	q(`mutation { createConcession(input: {cardType: CENTRELINK_PENSIONER, cardNumber: "123456789A"}) { concession { id } } }`, nil)
	home, away := rebates(t, q, "A-C90DC431"), rebates(t, q, "A-7B3E9D12")
	if len(home["MeterPointType"]) == 0 {
		t.Errorf("home: no rebates: %v", home)
	}
	for typ, list := range away {
		if len(list) != 0 {
			t.Errorf("second home's %s: rebates %v, want none", typ, list)
		}
	}
	if len(away) == 0 {
		t.Fatal("second home: no meter points read")
	}
}
