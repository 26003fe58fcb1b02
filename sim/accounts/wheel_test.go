package accounts

import (
	"slices"
	"testing"
	"time"
)

// TestWheelOdds: the wheel lands on its segments at its odds: seven spins in ten win
// nothing, and a few in ten thousand win its top prizes.
func TestWheelOdds(t *testing.T) {
	at := time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC)
	landed := map[int]int{}
	const n = 100000
	for i := range n {
		p := wheelPrize("A-"+itoa(i), "ELECTRICITY", 0, at)
		if !slices.Contains(wheelSegments, p) {
			t.Fatalf("a spin won %d, not a segment", p)
		}
		landed[p]++
	}
	for i, seg := range wheelSegments {
		want := float64(wheelOdds[i]) / 10000 * n
		if got := float64(landed[seg]); got < want*0.7-10 || got > want*1.3+10 {
			t.Errorf("segment %d: %v of %d spins, want about %v", seg, got, n, want)
		}
	}
}
