package accounts

import (
	"testing"
	"time"
)

// TestEUCBand reads an annual quantity's end user category at each band's edges.
func TestEUCBand(t *testing.T) {
	tests := []struct{ aq, want int }{
		{0, 1}, {11_500, 1}, {73_200, 1}, {73_201, 2}, {293_000, 2}, {732_001, 4}, {58_600_000, 8}, {58_600_001, 9},
	}
	for _, tc := range tests {
		if got := eucBand(tc.aq); got != tc.want {
			t.Errorf("eucBand(%d) = %d, want %d", tc.aq, got, tc.want)
		}
	}
}

// TestGasYear begins the gas year on 1 October.
func TestGasYear(t *testing.T) {
	tests := []struct {
		day  string
		want int
	}{{"2026-09-30", 2025}, {"2026-10-01", 2026}, {"2026-12-02", 2026}, {"2027-01-01", 2026}}
	for _, tc := range tests {
		d, _ := time.Parse(time.DateOnly, tc.day)
		if got := gasYear(d); got != tc.want {
			t.Errorf("gasYear(%s) = %d, want %d", tc.day, got, tc.want)
		}
	}
}
