package accounts

import (
	"testing"
	"time"

	"github.com/krakensim/krakensim/sim"
)

// TestCollectingDebit: the direct debit a ledger collects with at a time is its newest
// valid by then, unless that one failed or had been invalidated by then; a card never is.
func TestCollectingDebit(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2025, 1, d, 9, 0, 0, 0, time.UTC) }
	dd := sim.PaymentInstruction{ID: "dd", InstructionType: "DIRECT_DEBIT", Status: "ACTIVE", ValidFrom: day(1)}
	card := sim.PaymentInstruction{ID: "card", InstructionType: "CARD", Status: "ACTIVE", ValidFrom: day(5)}
	gone := dd
	gone.Status, gone.InvalidatedAt = "INVALIDATED", day(10)
	failed := sim.PaymentInstruction{ID: "f", InstructionType: "DIRECT_DEBIT", Status: "FAILED", ValidFrom: day(3)}
	for _, tc := range []struct {
		name string
		ins  []sim.PaymentInstruction
		at   time.Time
		want string // the instruction collecting, "" for none
	}{
		{"a card saved after the debit", []sim.PaymentInstruction{dd, card}, day(20), "dd"},
		{"before the debit began", []sim.PaymentInstruction{dd, card}, day(1).Add(-time.Hour), ""},
		{"a card alone", []sim.PaymentInstruction{card}, day(20), ""},
		{"invalidated later", []sim.PaymentInstruction{gone, card}, day(8), "dd"},
		{"invalidated by then", []sim.PaymentInstruction{gone, card}, day(10), ""},
		{"a failed mandate after it", []sim.PaymentInstruction{dd, failed}, day(20), "dd"},
	} {
		in, ok := collectingDebit(tc.ins, tc.at)
		got := ""
		if ok {
			got = in.ID
		}
		if got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}
