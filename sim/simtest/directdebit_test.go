package simtest_test

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/simtest"
)

// TestVariableDirectDebitCollectsWhatTheStatementLeaves switches the demo household
// from its fixed £110 (Origin: $240) on the 15th to a variable direct debit from 1
// February, in a session begun on 15 January, the fixed debit's collection day: the
// variable debit's first collection, of January's statement, is what each ledger owes
// once it is issued, the fixed debit of 15 January counted (nothing on a ledger in
// credit); once it is collected, a ledger that owed owes nothing and holds nothing.
func TestVariableDirectDebitCollectsWhatTheStatementLeaves(t *testing.T) {
	begun := time.Date(2026, 1, 15, 9, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name, switchTo, collectedOn string
		client                      func(t *testing.T) *simtest.Client
		signIn                      func(c *simtest.Client)
	}{
		{
			name:        "embedded contract",
			switchTo:    `mutation { createDirectDebitPaymentSchedule(input: {accountNumber: "A-C90DC431", paymentDay: 20, validFrom: "2026-02-01"}) { paymentSchedule { isVariablePaymentAmount } } }`,
			collectedOn: "2026-02-20",
			client: func(t *testing.T) *simtest.Client {
				return simtest.NewServer(t, simtest.WithConfig(func(cfg *sim.Config) { cfg.ClockStart = begun })).Client(t)
			},
			signIn: func(c *simtest.Client) { c.SignIn("demo@krakensim.dev", "krakensim") },
		},
		{
			name:        "Origin",
			switchTo:    `mutation { switchAccountToVariablePaymentSchedule(input: {accountNumber: "A-C90DC431", ledgerNumber: "L-6B2F0A1C", targetChangeDate: "2026-02-01"}) { schedule { id } } }`,
			collectedOn: "2026-02-16", // the 15th is a Sunday
			client: func(t *testing.T) *simtest.Client {
				_, c := layered(t, "origin-schema.graphql", nil, nil, func(cfg *sim.Config) { cfg.ClockStart = begun })
				return c
			},
			signIn: func(c *simtest.Client) {
				c.Token = ""
				out := c.Query(`mutation { obtainKrakenToken(input: {APIKey: "sk_live_krakensimdemo3235447"}) { token } }`, nil)
				c.Token, _ = simtest.Get(out.Data, "obtainKrakenToken", "token").(string)
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := tc.client(t)
			tc.signIn(c)
			query := mustQuery(t, c)
			query(tc.switchTo, nil)
			const read = `{ account(accountNumber: "A-C90DC431") { balance ledgers { balance }
				payments(first: 10) { edges { node { amount paymentDate status transactionType } } } } }`
			c.AdvanceClock(time.Date(2026, 2, 10, 12, 0, 0, 0, time.UTC).Sub(begun))
			tc.signIn(c)
			before := query(read, nil)
			var owed []float64
			held := 0.0
			for _, l := range simtest.Get(before, "account", "ledgers").([]any) {
				if b := simtest.Get(l, "balance").(float64); b < 0 {
					owed = append(owed, -b)
				} else {
					held += b
				}
			}
			var scheduled []float64
			for _, e := range simtest.Get(before, "account", "payments", "edges").([]any) {
				if n := simtest.Get(e, "node"); simtest.Get(n, "paymentDate") == tc.collectedOn && simtest.Get(n, "status") == "SCHEDULED" {
					scheduled = append(scheduled, simtest.Get(n, "amount").(float64))
				}
			}
			slices.Sort(owed)
			slices.Sort(scheduled)
			if fmt.Sprint(scheduled) != fmt.Sprint(owed) {
				t.Errorf("on 10 February, scheduled for %s: %v; the ledgers owe %v (balance %v)", tc.collectedOn, scheduled, owed, simtest.Get(before, "account", "balance"))
			}
			c.AdvanceClock(time.Date(2026, 2, 25, 12, 0, 0, 0, time.UTC).Sub(time.Date(2026, 2, 10, 12, 0, 0, 0, time.UTC)))
			tc.signIn(c)
			if got := simtest.Get(query(read, nil), "account", "balance"); got != held {
				t.Errorf("on 25 February the balance is %v, want %v: what the ledgers in credit held", got, held)
			}
		})
	}
}
