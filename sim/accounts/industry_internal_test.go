package accounts

import (
	"strings"
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

// FuzzIdentityAndContactChecks reads any text as a phone number, a name and a postcode
// without panicking, each the same way twice and symmetrically.
func FuzzIdentityAndContactChecks(f *testing.F) {
	for _, s := range []string{"07700 900001", "+44 7700 900001", "Jamie  Carter", "NR3 1AB", "nr31ab", "", "é\x00", "--"} {
		f.Add(s, "jamie carter")
	}
	f.Fuzz(func(t *testing.T, x, y string) {
		if phoneNumber(x) != phoneNumber(x) {
			t.Fatalf("phoneNumber(%q) answered twice differently", x)
		}
		if sameWords(x, y) != sameWords(y, x) || samePostcode(x, y) != samePostcode(y, x) {
			t.Fatalf("%q and %q compare differently each way", x, y)
		}
		if sameWords(x, x) && !samePostcode(x, x) && strings.TrimSpace(x) != "" {
			t.Fatalf("%q is the same words as itself but not the same postcode", x)
		}
	})
}

// TestPhoneNumber reads phone numbers as the follow-up's recipient gives them.
func TestPhoneNumber(t *testing.T) {
	tests := []struct {
		s  string
		ok bool
	}{{"07700 900001", true}, {"+44 7700-900001", true}, {"123456", false}, {"call me", false}, {"07700 +900001", false}, {"1234567890123456", false}}
	for _, tc := range tests {
		if got := phoneNumber(tc.s); got != tc.ok {
			t.Errorf("phoneNumber(%q) = %v", tc.s, got)
		}
	}
}
