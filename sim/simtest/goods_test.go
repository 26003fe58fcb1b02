package simtest_test

import (
	"fmt"
	"math"
	"strings"
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

// TestGoodsPurchasesChargeTheirLedger buys goods from a quote made now and directly, and reads
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
	q(`mutation { createGoodsQuote(input: {accountNumber: "A-C90DC431", productsToQuote: [{productId: 7, numberOfUnits: 1, currency: "GBP"}, {productId: 12, numberOfUnits: 1, currency: "GBP"}]}) { goodsQuote { id } } }`, nil)
	before := balances(q(read, nil))
	steps := []struct {
		name, query string
		charged     float64
		netTax      string
	}{
		{"accept quote 103 (a thermostat and an EV charger, £349 net)",
			`mutation { acceptGoodsQuote(input: {accountNumber: "A-C90DC431", quoteId: 103}) { goodsPurchase { code } } }`, 41880, "34900 6980"},
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

// TestGoodsQuotesAreRefusedAsKraken refuses what no quote can be, on the seed contract,
// Octopus's SDL and Origin's: a quote in a currency the tenant does not sell in (GBP for
// Octopus, AUD for Origin), one too big for its amounts or the account's balance to be
// GraphQL Ints, a purchase as big, and an expired quote (the fixtures' 101, or one of the
// session's a month on). Nothing refused is charged: the account's balance still reads,
// as it was.
func TestGoodsQuotesAreRefusedAsKraken(t *testing.T) {
	const (
		quote    = `mutation($p: [ProductToQuoteInput]!) { createGoodsQuote(input: {accountNumber: "A-C90DC431", productsToQuote: $p}) { goodsQuote { id totalNetAmount goodsQuotedProducts { currency } } } }`
		purchase = `mutation($n: Int!) { createGoodsPurchase(input: {accountNumber: "A-C90DC431", saleItems: [{productCode: "HOME-BATTERY", numberOfUnits: $n}]}) { goodsPurchase { code } } }`
		accept   = `mutation($q: Int!) { acceptGoodsQuote(input: {accountNumber: "A-C90DC431", quoteId: $q}) { goodsPurchase { code } } }`
		balance  = `{ account(accountNumber: "A-C90DC431") { balance } goodsPurchases(accountNumber: "A-C90DC431") { code } }`
	)
	item := func(id, units, price any, currency string) map[string]any {
		return map[string]any{"productId": id, "numberOfUnits": units, "pricePerUnit": price, "currency": currency}
	}
	seed := func(t *testing.T) (*simtest.Server, *simtest.Client) { return seedContract(t) }
	gb := func(t *testing.T) (*simtest.Server, *simtest.Client) { return octopus(t) }
	au := func(t *testing.T) (*simtest.Server, *simtest.Client) { return tenant(t, "origin-schema.graphql") }
	for _, tc := range []struct {
		name     string
		server   func(*testing.T) (*simtest.Server, *simtest.Client)
		currency string
		query    string
		vars     map[string]any
		code     string
	}{
		{"seed: a quote in dollars", seed, "GBP", quote, map[string]any{"p": []any{item(7, 1, nil, "USD")}}, "KT-CT-8202"},
		{"seed: a quote in no currency", seed, "GBP", quote, map[string]any{"p": []any{item(7, 1, nil, "")}}, "KT-CT-8202"},
		{"seed: 100000 batteries", seed, "GBP", quote, map[string]any{"p": []any{item(15, 100000, nil, "GBP")}}, "KT-CT-8205"},
		{"seed: three lines that wrap an int64", seed, "GBP", quote, map[string]any{"p": []any{item(15, math.MaxInt32, math.MaxInt32, "GBP"), item(15, math.MaxInt32, math.MaxInt32, "GBP"), item(15, math.MaxInt32, math.MaxInt32, "GBP")}}, "KT-CT-8205"},
		{"seed: a purchase of 100000 batteries", seed, "GBP", purchase, map[string]any{"n": 100000}, "KT-CT-8206"},
		{"seed: the fixtures quote 101 expired", seed, "GBP", accept, map[string]any{"q": 101}, "KT-CT-8224"},
		{"Octopus: a quote in dollars", gb, "GBP", quote, map[string]any{"p": []any{item(7, 1, nil, "AUD")}}, "KT-CT-8202"},
		{"Octopus: 100000 batteries", gb, "GBP", quote, map[string]any{"p": []any{item(15, 100000, nil, "GBP")}}, "KT-CT-8202"},
		{"Octopus: the fixtures quote 101 expired", gb, "GBP", accept, map[string]any{"q": 101}, "KT-CT-8224"},
		{"Origin: a quote in pounds", au, "AUD", quote, map[string]any{"p": []any{item(7, 1, nil, "GBP")}}, "KT-CT-8202"},
		{"Origin: 100000 batteries", au, "AUD", quote, map[string]any{"p": []any{item(15, 100000, nil, "AUD")}}, "KT-CT-8205"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, c := tc.server(t)
			before := mustQuery(t, c)(balance, nil)
			if out := c.Query(tc.query, tc.vars); len(out.Errors) != 1 || out.Errors[0].Code() != tc.code {
				t.Errorf("%+v, want %s", out.Errors, tc.code)
			}
			if after := mustQuery(t, c)(balance, nil); fmt.Sprint(after) != fmt.Sprint(before) {
				t.Errorf("the account went from %v to %v", before, after)
			}
			ok := mustQuery(t, c)(quote, map[string]any{"p": []any{item(7, 2, nil, strings.ToLower(tc.currency))}})
			if got := spaced(simtest.Get(ok, "createGoodsQuote", "goodsQuote", "totalNetAmount"), simtest.Get(ok, "createGoodsQuote", "goodsQuote", "goodsQuotedProducts", 0, "currency")); got != "29800 "+tc.currency {
				t.Errorf("two thermostats in %s: %s", tc.currency, got)
			}
		})
	}

	_, c := seedContract(t)
	q := mustQuery(t, c)
	stale := simtest.Get(q(quote, map[string]any{"p": []any{item(21, 1, nil, "GBP")}}), "createGoodsQuote", "goodsQuote", "id")
	fresh := simtest.Get(q(quote, map[string]any{"p": []any{item(21, 1, nil, "GBP")}}), "createGoodsQuote", "goodsQuote", "id")
	c.AdvanceClock(29 * 24 * time.Hour)
	c.SignIn("demo@krakensim.dev", "krakensim")
	q(accept, map[string]any{"q": fresh})
	c.AdvanceClock(2 * 24 * time.Hour)
	c.SignIn("demo@krakensim.dev", "krakensim")
	if got := graphqlCode(t, c, accept, map[string]any{"q": stale}); got != "KT-CT-8224" {
		t.Errorf("a quote accepted 31 days on: %q, want KT-CT-8224", got)
	}
	if got := fmt.Sprint(simtest.Get(q(balance, nil), "goodsPurchases")); got != "[map[code:GP-C90DC431-1]]" {
		t.Errorf("purchases %s, want the one of the quote accepted in time", got)
	}
}

// TestGoodsRefundsCarryTheirTax buys two smart plugs on Origin's SDL and changes the
// purchase to one: the credit for the plug taken back splits its net and tax at the
// goods' rate (GST, 10%), as the charge did, and December's statement, read a month on,
// credits that tax, so that what it taxes the plugs is the tax of the one kept.
func TestGoodsRefundsCarryTheirTax(t *testing.T) {
	_, c := tenant(t, "origin-schema.graphql")
	q := mustQuery(t, c)
	q(`mutation { createGoodsPurchase(input: {accountNumber: "A-C90DC431", saleItems: [{productCode: "SMART-PLUG", numberOfUnits: 2}]}) { goodsPurchase { code } } }`, nil)
	q(`mutation { updateActivePurchase(input: {accountNumber: "A-C90DC431", purchaseId: "GP-C90DC431-1", saleItems: [{productCode: "SMART-PLUG", numberOfUnits: 1}]}) { goodsPurchase { code } } }`, nil)
	const last = `{ account(accountNumber: "A-C90DC431") { transactions(first: 2) { edges { node { __typename amounts { net tax gross } } } } } }`
	edges := simtest.Get(q(last, nil), "account", "transactions", "edges").([]any)
	amounts := func(e any) string {
		a := simtest.Get(e, "node", "amounts")
		return spaced(simtest.Get(e, "node", "__typename"), simtest.Get(a, "net"), simtest.Get(a, "tax"), simtest.Get(a, "gross"))
	}
	if got := amounts(edges[0]) + ", " + amounts(edges[1]); got != "Credit 1999 200 2199, Charge 3998 400 4398" {
		t.Errorf("the refund and the charge: %s", got)
	}
	c.AdvanceClock(40 * 24 * time.Hour)
	c.Token = simtest.Get(q(`mutation { obtainKrakenToken(input: {APIKey: "sk_live_krakensimdemo3235447"}) { token } }`, nil), "obtainKrakenToken", "token").(string)
	const bill = `{ account(accountNumber: "A-C90DC431") { bills(first: 1) { edges { node { ... on StatementType { toDate totalCredits { netTotal taxTotal grossTotal } } } } } } }`
	n := simtest.Get(q(bill, nil), "account", "bills", "edges", 0, "node")
	if simtest.Get(n, "toDate") != "2026-12-31" {
		t.Fatalf("newest statement %v, want December's", n)
	}
	tc := simtest.Get(n, "totalCredits")
	net, tax, gross := simtest.Get(tc, "netTotal").(float64), simtest.Get(tc, "taxTotal").(float64), simtest.Get(tc, "grossTotal").(float64)
	if tax != 200 || net+tax != gross {
		t.Errorf("December's credits: net %v, tax %v, gross %v; want the refund's tax of 200 in a total that adds up", net, tax, gross)
	}
}
