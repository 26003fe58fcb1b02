package sim_test

import (
	"fmt"
	"testing"

	"github.com/krakensim/krakensim/sim"
)

// BenchmarkPostOnBigAccount is what a posted transaction costs the world on an account
// already holding n: numbering it, and measuring the session's state afterwards.
func BenchmarkPostOnBigAccount(b *testing.B) {
	for _, n := range []int{10_000, 50_000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			f := testWorld().Fork()
			a := f.MutableAccount("A-C90DC431")
			for i := range n {
				a.Transactions = append(a.Transactions, sim.Transaction{ID: fmt.Sprint(1_000_000 + i), Date: "2026-01-15", Amount: 100, Type: "CHARGE", Reason: "GENERAL_CHARGE", Note: "bench"})
			}
			f.Bytes()
			b.ReportAllocs()
			for b.Loop() {
				a := f.MutableAccount("A-C90DC431")
				a.Transactions = append(a.Transactions, sim.Transaction{ID: f.NextTransactionID(), Date: "2026-01-15", Amount: 100, Type: "CHARGE", Reason: "GENERAL_CHARGE", Note: "bench"})
				f.Bytes()
			}
		})
	}
}
