package simtest_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/auth"
	"github.com/krakensim/krakensim/sim/server"
	"github.com/krakensim/krakensim/sim/simtest"
)

// BenchmarkBalanceAged asks for the demo person's accounts' balances as a dashboard
// does, with the session's clock at the tests' day and five and twenty years on: what
// a long-lived session's suite pays once its clock has walked on.
func BenchmarkBalanceAged(b *testing.B) {
	c, sess := octopusSession(b)
	start := sess.Now()
	const q = `{ viewer { accounts { number balance } } }`
	for _, years := range []int{0, 5, 20, -1} {
		name, at := fmt.Sprintf("+%dy", years), start.AddDate(years, 0, 0)
		if years < 0 {
			name, at = "lastHour", auth.MaxTime.Add(-time.Hour) // the clock's last: billing stops at it
		}
		b.Run(name, func(b *testing.B) {
			sess.Clock().Set(at)
			c.SignIn("demo@krakensim.dev", "krakensim") // a token of the day
			b.ReportAllocs()
			for b.Loop() {
				// Each request a new instant, as a live session's are: nothing kept
				// from the last is the answer.
				sess.Clock().Advance(time.Millisecond)
				out := c.Query(q, nil)
				if len(out.Errors) > 0 || simtest.Get(out.Data, "viewer", "accounts", 0, "balance") == nil {
					b.Fatalf("%+v", out.Errors)
				}
			}
		})
	}
}

// BenchmarkTransactionsPage reads the first page of a hundred of the demo account's
// transactions, and its bills, once ten thousand charges have been posted to it.
func BenchmarkTransactionsPage(b *testing.B) {
	_, c := tenant(b, "octopus-schema.graphql", func(w *sim.World) {
		a := w.Account("A-C90DC431")
		for i := range 10000 {
			t := sim.Transaction{ID: w.NextTransactionID(), LedgerNumber: a.Ledgers[0].Number, Date: time.Date(2026, 11, 1+i%30, 0, 0, 0, 0, time.UTC).Format(time.DateOnly),
				Amount: 100, Type: "CHARGE", Reason: "GENERAL_CHARGE"}
			a.Balance += t.Signed()
			a.Ledgers[0].Balance += t.Signed()
			a.Transactions = append(a.Transactions, t)
		}
	})
	for _, bc := range []struct{ name, q, path string }{
		{"transactions first 100", `{ account(accountNumber: "A-C90DC431") { transactions(first: 100) { edges { node { id amount } } } } }`, "transactions"},
		{"bills first 20", `{ account(accountNumber: "A-C90DC431") { bills(first: 20) { edges { node { id } } } } }`, "bills"},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				out := c.Query(bc.q, nil)
				if len(out.Errors) > 0 || len(simtest.Get(out.Data, "account", bc.path, "edges").([]any)) == 0 {
					b.Fatalf("%+v", out.Errors)
				}
			}
		})
	}
}

// BenchmarkBalanceLongHistory asks for the demo account's balance and its ledgers' once
// ten and once ten thousand charges have been posted to it: a balance costs about the
// same however long the history, with the clock standing and with it moving 1 ms a
// request.
func BenchmarkBalanceLongHistory(b *testing.B) {
	const q = `{ account(accountNumber: "A-C90DC431") { balance ledgers { balance } } }`
	for _, charges := range []int{10, 10000} {
		srv, c := tenant(b, "octopus-schema.graphql", func(w *sim.World) {
			a := w.Account("A-C90DC431")
			for i := range charges {
				t := sim.Transaction{ID: w.NextTransactionID(), LedgerNumber: a.Ledgers[0].Number, Date: time.Date(2026, 11, 1+i%30, 0, 0, 0, 0, time.UTC).Format(time.DateOnly),
					Amount: 100, Type: "CHARGE", Reason: "GENERAL_CHARGE"}
				a.Balance += t.Signed()
				a.Ledgers[0].Balance += t.Signed()
				a.Transactions = append(a.Transactions, t)
			}
		})
		sess, err := srv.Sim.Session(c.Session)
		if err != nil {
			b.Fatal(err)
		}
		for _, moving := range []bool{false, true} {
			b.Run(fmt.Sprintf("%d charges moving=%v", charges, moving), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if moving {
						sess.Clock().Advance(time.Millisecond)
					}
					out := c.Query(q, nil)
					if len(out.Errors) > 0 || simtest.Get(out.Data, "account", "balance") == nil || simtest.Get(out.Data, "account", "ledgers", 0, "balance") == nil {
						b.Fatalf("%+v", out.Errors)
					}
				}
			})
		}
	}
}

// BenchmarkBalanceAliases asks for one account's balance under 99 aliases in one
// request, a year on, each request at a new instant: the aliases share one billing.
func BenchmarkBalanceAliases(b *testing.B) {
	c, sess := octopusSession(b)
	sess.Clock().Set(sess.Now().AddDate(1, 0, 0))
	c.SignIn("demo@krakensim.dev", "krakensim")
	var q strings.Builder
	q.WriteString("{")
	for i := range 99 {
		fmt.Fprintf(&q, ` a%d: account(accountNumber: "A-C90DC431") { balance }`, i)
	}
	q.WriteString(" }")
	b.ReportAllocs()
	for b.Loop() {
		sess.Clock().Advance(time.Millisecond)
		out := c.Query(q.String(), nil)
		if len(out.Errors) > 0 || simtest.Get(out.Data, "a98", "balance") == nil {
			b.Fatalf("%+v", out.Errors)
		}
	}
}

// BenchmarkBalanceMonthly walks the session's clock on a month at a time for twenty
// years, reading the demo person's accounts' balances at each step, as a long-lived
// suite stepping its clock does: one op is the whole walk of 240 reads.
func BenchmarkBalanceMonthly(b *testing.B) {
	c, sess := octopusSession(b)
	start := sess.Now()
	const q = `{ viewer { accounts { number balance } } }`
	b.ReportAllocs()
	for b.Loop() {
		for m := 1; m <= 240; m++ {
			sess.Clock().Set(start.AddDate(0, m, 0))
			c.SignIn("demo@krakensim.dev", "krakensim") // a token of the day
			out := c.Query(q, nil)
			if len(out.Errors) > 0 || simtest.Get(out.Data, "viewer", "accounts", 0, "balance") == nil {
				b.Fatalf("%+v", out.Errors)
			}
		}
	}
}

// BenchmarkTransactionsUnpaged reads the demo account's transactions asked for no first
// or last, as a client that leaves paging to the server does, twenty years on: the
// answer is one page (hasNextPage says more follow), however long the history. The
// answer's size is reported as bytes/answer.
func BenchmarkTransactionsUnpaged(b *testing.B) {
	c, sess := octopusSession(b)
	sess.Clock().Set(sess.Now().AddDate(20, 0, 0))
	c.SignIn("demo@krakensim.dev", "krakensim")
	body, _ := json.Marshal(map[string]any{"query": `{ account(accountNumber: "A-C90DC431") { transactions {
		pageInfo { hasNextPage endCursor } edges { node { id postedDate amount title balanceCarriedForward } } } } }`})
	var size int
	b.ReportAllocs()
	for b.Loop() {
		status, out := c.Do(http.MethodPost, server.APIPath, body)
		if status != http.StatusOK || !bytes.Contains(out, []byte(`"edges"`)) {
			b.Fatalf("HTTP %d: %.300s", status, out)
		}
		size = len(out)
	}
	b.ReportMetric(float64(size), "bytes/answer")
}

// octopusSession is a client of a server of the Octopus SDL and its session, whose clock
// a benchmark moves.
func octopusSession(b *testing.B) (*simtest.Client, *sim.Session) {
	b.Helper()
	srv, c := tenant(b, "octopus-schema.graphql")
	sess, err := srv.Sim.Session(c.Session)
	if err != nil {
		b.Fatal(err)
	}
	return c, sess
}
