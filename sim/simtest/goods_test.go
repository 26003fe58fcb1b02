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
