package simtest_test

import (
	"testing"
	"time"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/simtest"
)

// seedContract is a server on the embedded seed contract, with the demo user signed in
// and the clock frozen at 09:00 UTC on 2 December 2026.
func seedContract(t *testing.T) (*simtest.Server, *simtest.Client) {
	srv := simtest.NewServer(t, simtest.WithConfig(func(cfg *sim.Config) { cfg.ClockStart = time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC) }))
	c := srv.Client(t)
	c.SignIn("demo@krakensim.dev", "krakensim")
	return srv, c
}

// TestGoodsPurchasesChargeTheirLedger buys goods from a quote and directly, and reads
// each purchase's gross total charged to its ledger on its day, split at the goods' tax: the account's and the
// ledger's balances fall by it, the charge is the ledger's newest transaction with the
// goods' tax, a change of items charges or credits the difference, and reading again,
// or a month on, finds the same charges once.
func TestGoodsPurchasesChargeTheirLedger(t *testing.T) {
	srv, c := seedContract(t)
	q := mustQuery(t, c)
	const read = `{ account(accountNumber: "A-C90DC431") { balance ledgers { number balance transactions(first: 1) { edges { node { __typename title postedDate amounts { net tax gross } } } } } } }`
	balances := func(d map[string]any) [2]float64 {
		return [2]float64{simtest.Get(d, "account", "balance").(float64), simtest.Get(d, "account", "ledgers", 0, "balance").(float64)}
	}
	before := balances(q(read, nil))
	steps := []struct {
		name, query string
		charged     float64
		netTax      string
	}{
		{"accept quote 101 (a thermostat and an EV charger, £349 net)",
			`mutation { acceptGoodsQuote(input: {accountNumber: "A-C90DC431", quoteId: 101}) { goodsPurchase { code } } }`, 41880, "34900 6980"},
		{"buy three smart plugs (£59.97 net)",
			`mutation { createGoodsPurchase(input: {accountNumber: "A-C90DC431", saleItems: [{productCode: "SMART-PLUG", numberOfUnits: 3}]}) { goodsPurchase { code } } }`, 7196, "5997 1199"},
		{"change the plugs to one",
			`mutation { updateActivePurchase(input: {accountNumber: "A-C90DC431", purchaseId: "GP-C90DC431-2", saleItems: [{productCode: "SMART-PLUG", numberOfUnits: 1}]}) { goodsPurchase { code } } }`, -4797, ""},
	}
	want := before
	for _, s := range steps {
		q(s.query, nil)
		want[0] -= s.charged
		want[1] -= s.charged
		after := q(read, nil)
		if got := balances(after); got != want {
			t.Errorf("%s: account and ledger balances %v, want %v", s.name, got, want)
		}
		if s.charged > 0 {
			node := simtest.Get(after, "account", "ledgers", 0, "transactions", "edges", 0, "node")
			if got := spaced(simtest.Get(node, "__typename"), simtest.Get(node, "postedDate"), simtest.Get(node, "amounts", "gross")); got != spaced("Charge", "2026-12-02", s.charged) ||
				spaced(simtest.Get(node, "amounts", "net"), simtest.Get(node, "amounts", "tax")) != s.netTax {
				t.Errorf("%s: newest transaction %v", s.name, node)
			}
		}
	}
	if got := balances(q(read, nil)); got != want {
		t.Errorf("read again: %v, want %v", got, want)
	}
	cc := srv.Client(t)
	cc.SignIn("demo@krakensim.dev", "krakensim")
	plain := mustQuery(t, cc)
	c.AdvanceClock(40 * 24 * time.Hour)
	cc.AdvanceClock(40 * 24 * time.Hour)
	c.SignIn("demo@krakensim.dev", "krakensim")
	cc.SignIn("demo@krakensim.dev", "krakensim")
	later, base := balances(q(read, nil)), balances(plain(read, nil))
	if spent := base[0] - later[0]; spent != 41880+7196-4797 {
		t.Errorf("a month on, the account is %v below the same world's without the purchases, want %v", spent, 41880+7196-4797)
	}

}

// TestGoodsOnTheStatement buys three smart plugs on Octopus's SDL and reads December's
// statement a month on: its totals are more by the plugs' net, their tax at the goods'
// rate (20%, not the energy's 5%) and their gross, against a session that bought none.
func TestGoodsOnTheStatement(t *testing.T) {
	srv, c := octopus(t)
	cc := srv.Client(t)
	cc.SignIn("demo@krakensim.dev", "krakensim")
	mustQuery(t, c)(`mutation { createGoodsPurchase(input: {accountNumber: "A-C90DC431", saleItems: [{productCode: "SMART-PLUG", numberOfUnits: 3}]}) { goodsPurchase { code } } }`, nil)
	for _, cl := range []*simtest.Client{c, cc} {
		cl.AdvanceClock(40 * 24 * time.Hour)
		cl.SignIn("demo@krakensim.dev", "krakensim")
	}
	const bill = `{ account(accountNumber: "A-C90DC431") { bills(first: 1) { edges { node { ... on StatementType { toDate totalCharges { netTotal taxTotal grossTotal } } } } } } }`
	totals := func(cl *simtest.Client) [3]float64 {
		n := simtest.Get(mustQuery(t, cl)(bill, nil), "account", "bills", "edges", 0, "node")
		if simtest.Get(n, "toDate") != "2026-12-31" {
			t.Fatalf("newest statement %v, want December's", n)
		}
		tc := simtest.Get(n, "totalCharges")
		return [3]float64{simtest.Get(tc, "netTotal").(float64), simtest.Get(tc, "taxTotal").(float64), simtest.Get(tc, "grossTotal").(float64)}
	}
	with, without := totals(c), totals(cc)
	if d := [3]float64{with[0] - without[0], with[1] - without[1], with[2] - without[2]}; d != [3]float64{5997, 1199, 7196} {
		t.Errorf("December's statement with the plugs is %v more (net, tax, gross), want [5997 1199 7196]", d)
	}
}

// TestGoodsQuotesNeverChangeTheCatalogue quotes goods as a customer: a product the
// catalogue lacks is refused whatever price is given, so another user cannot buy it; a
// price given prices that quote alone, and the catalogue still sells at its own.
func TestGoodsQuotesNeverChangeTheCatalogue(t *testing.T) {
	srv, c := seedContract(t)
	other := srv.ClientIn(t, c.Session)
	other.SignIn("other@krakensim.dev", "krakensim")
	const quote = `mutation($id: Int!, $price: Int) { createGoodsQuote(input: {accountNumber: "A-C90DC431", productsToQuote: [{productId: $id, numberOfUnits: 1, pricePerUnit: $price, currency: "GBP"}]}) { goodsQuote { totalNetAmount goodsQuotedProducts { product pricePerUnit } } } }`
	const prospect = `mutation($id: Int!, $price: Int) { createGoodsQuoteWithoutAccount(input: {customerProfile: {givenName: "A", familyName: "B", email: "a@example.com", phoneNumber: "07700900000", postcode: "NR3 1AB", addressLine1: "1 Road"}, productsToQuote: [{productId: $id, numberOfUnits: 1, pricePerUnit: $price, currency: "GBP"}]}) { goodsQuote { totalNetAmount } } }`
	const buy = `mutation($a: String!, $p: String!) { createGoodsPurchase(input: {accountNumber: $a, saleItems: [{productCode: $p, numberOfUnits: 1}]}) { goodsPurchase { goodsSaleItems { product pricePerUnit } } } }`
	for _, tc := range []struct {
		name  string
		by    *simtest.Client
		query string
		vars  map[string]any
		code  string
	}{
		{"a quote for a product not in the catalogue, priced", c, quote, map[string]any{"id": 999, "price": 5}, "KT-CT-8205"},
		{"a quote for a product not in the catalogue", c, quote, map[string]any{"id": 999}, "KT-CT-8205"},
		{"a prospect's quote for a product not in the catalogue, priced", c, prospect, map[string]any{"id": 999, "price": 5}, "KT-CT-8202"},
		{"another user buying what the refused quote named", other, buy, map[string]any{"a": "A-0F4A2B19", "p": "PRODUCT-999"}, "KT-CT-8206"},
	} {
		if out := tc.by.Query(tc.query, tc.vars); len(out.Errors) != 1 || out.Errors[0].Code() != tc.code {
			t.Errorf("%s: %+v, want %s", tc.name, out.Errors, tc.code)
		}
	}
	priced := mustQuery(t, c)(quote, map[string]any{"id": 15, "price": 1})
	if got := spaced(simtest.Get(priced, "createGoodsQuote", "goodsQuote", "totalNetAmount"),
		simtest.Get(priced, "createGoodsQuote", "goodsQuote", "goodsQuotedProducts", 0, "pricePerUnit")); got != "1 1" {
		t.Errorf("a battery quoted at 1p: total and unit price %s", got)
	}
	bought := mustQuery(t, other)(buy, map[string]any{"a": "A-0F4A2B19", "p": "HOME-BATTERY"})
	if got := simtest.Get(bought, "createGoodsPurchase", "goodsPurchase", "goodsSaleItems", 0, "pricePerUnit"); got != 4500.0 {
		t.Errorf("another user buys a battery at £%v, want the catalogue's £4500", got)
	}
}
