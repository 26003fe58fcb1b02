package simtest_test

import (
	"testing"
	"time"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/simtest"
)

// TestAnAccountBeforeItsStory: a server whose clock starts in June 2019, before the
// demo household's account was opened (September 2019), lists nothing of it yet on
// either tenant: no statement, transaction, payment or schedule, and a balance of
// nothing. On 5 October 2019 it lists statement 1001 (issued on the 2nd) and what was
// posted by then, none of the 2025 payments, and a balance that is what its
// transactions add up to.
func TestAnAccountBeforeItsStory(t *testing.T) {
	const read = `{ account(accountNumber: "A-C90DC431") { balance
		bills(first: 50) { edges { node { id issuedDate } } }
		transactions(first: 50) { edges { node { __typename amount postedDate } } }
		payments(first: 50) { edges { node { id paymentDate } } }
		paymentSchedules(first: 10) { edges { node { id validFrom } } } } }`
	start := func(cfg *sim.Config) { cfg.ClockStart = time.Date(2019, 6, 1, 9, 0, 0, 0, time.UTC) }
	for _, tc := range []struct {
		file   string
		signIn func(c *simtest.Client)
	}{
		{"octopus-schema.graphql", func(c *simtest.Client) { c.SignIn("demo@krakensim.dev", "krakensim") }},
		{"origin-schema.graphql", func(c *simtest.Client) {
			c.Token = ""
			out := c.Query(`mutation { obtainKrakenToken(input: {APIKey: "sk_live_krakensimdemo3235447"}) { token } }`, nil)
			c.Token, _ = simtest.Get(out.Data, "obtainKrakenToken", "token").(string)
		}},
	} {
		t.Run(tc.file, func(t *testing.T) {
			_, c := layered(t, tc.file, nil, nil, start)
			query := mustQuery(t, c)
			a := simtest.Get(query(read, nil), "account")
			if b := simtest.Get(a, "balance"); b != 0.0 {
				t.Errorf("balance on 1 June 2019 %v, want 0", b)
			}
			for _, list := range []string{"bills", "transactions", "payments", "paymentSchedules"} {
				if es := simtest.Get(a, list, "edges").([]any); len(es) != 0 {
					t.Errorf("%s on 1 June 2019: %v, want none", list, es)
				}
			}
			if tc.file == "octopus-schema.graphql" {
				// An account opened in 2022 owes nothing in 2019, on any ledger.
				ev := simtest.Get(query(`{ account(accountNumber: "A-7B3E9D12") { balance ledgers { balance } } }`, nil), "account")
				if b := simtest.Get(ev, "balance"); b != 0.0 {
					t.Errorf("A-7B3E9D12's balance on 1 June 2019 %v, want 0", b)
				}
				for _, l := range simtest.Get(ev, "ledgers").([]any) {
					if b := simtest.Get(l, "balance"); b != 0.0 {
						t.Errorf("A-7B3E9D12's ledger on 1 June 2019 %v, want 0", l)
					}
				}
			}

			setClock(t, c, "2019-10-05T09:00:00Z")
			tc.signIn(c)
			a = simtest.Get(query(read, nil), "account")
			bills := simtest.Get(a, "bills", "edges").([]any)
			if len(bills) != 1 || simtest.Get(bills[0], "node", "id") != "1001" {
				t.Errorf("bills on 5 October 2019: %v, want statement 1001", bills)
			}
			for _, e := range simtest.Get(a, "payments", "edges").([]any) {
				if d := simtest.Get(e, "node", "paymentDate").(string); d > "2019-10-05" {
					t.Errorf("payment %v listed on 5 October 2019", simtest.Get(e, "node"))
				}
			}
			sum := 0.0
			txs := simtest.Get(a, "transactions", "edges").([]any)
			for _, e := range txs {
				n := simtest.Get(e, "node")
				if d := simtest.Get(n, "postedDate").(string); d > "2019-10-05" {
					t.Errorf("transaction %v listed on 5 October 2019", n)
				}
				amount := simtest.Get(n, "amount").(float64)
				if simtest.Get(n, "__typename") == "Charge" {
					amount = -amount
				}
				sum += amount
			}
			if len(txs) == 0 || simtest.Get(a, "balance") != sum {
				t.Errorf("balance on 5 October 2019 %v, its %d transactions add up to %v", simtest.Get(a, "balance"), len(txs), sum)
			}
		})
	}
}
