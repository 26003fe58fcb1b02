package accounts

import (
	"strings"
	"testing"

	"github.com/krakensim/krakensim/sim"
)

func TestNormalPostcode(t *testing.T) {
	tests := []struct{ in, want string }{
		{"NR3 1AB", "NR3 1AB"}, {"nr31ab", "NR3 1AB"}, {" sw1a  1aa ", "SW1A 1AA"}, {"M1 1PT", "M1 1PT"},
		{"NR3", ""}, {"NOT A CODE", ""}, {"", ""}, {"NR3 1AB1", ""}, {"2000", ""},
	}
	for _, tt := range tests {
		if got := normalPostcode(tt.in); got != tt.want {
			t.Errorf("normalPostcode(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSplitLine(t *testing.T) {
	tests := []struct{ line, number, street string }{
		{"41 Octopus Lane", "41", "Octopus Lane"},
		{"Flat 12 100 Example St", "Flat 12 100", "Example St"},
		{"12a Mill Road", "12a", "Mill Road"},
		{"Flat 3, 7 High Street", "Flat 3 7", "High Street"},
		{"Rose Cottage", "", "Rose Cottage"},
		{"", "", ""},
	}
	for _, tt := range tests {
		if n, s := splitLine(tt.line); n != tt.number || s != tt.street {
			t.Errorf("splitLine(%q) = %q, %q; want %q, %q", tt.line, n, s, tt.number, tt.street)
		}
		if tt.number != "" && houseOrder(tt.number) == 0 {
			t.Errorf("house %q has no order", tt.number)
		}
	}
}

// FuzzAddressLookup: any postcode a client sends is either refused (no homes: not a
// postcode, or off Great Britain's grid) or names a postcode unit whose homes are a
// bounded run on one street, each line its number and street.
func FuzzAddressLookup(f *testing.F) {
	for _, s := range []string{"NR3 1AB", "sw1a1aa", "", "NR3", "ZZ99 9ZZ", "BT1 1AA", "\x00\xff", strings.Repeat("A", 1000)} {
		f.Add(s)
	}
	w := &env{World: &sim.World{}}
	f.Fuzz(func(t *testing.T, postcode string) {
		homes := homesAt(w, postcode)
		pc := normalPostcode(postcode)
		if pc == "" || gspOf(pc) == "" {
			if len(homes) != 0 {
				t.Fatalf("%q is no postcode, yet has %d homes", postcode, len(homes))
			}
			return
		}
		if normalPostcode(pc) != pc || len(homes) < 8 || len(homes) > 19 {
			t.Fatalf("%q (%q) has %d homes", postcode, pc, len(homes))
		}
		for _, h := range homes {
			if h.lines[0] != h.number+" "+h.street || h.postcode != pc || h.uprn == "" {
				t.Fatalf("%q: a home %+v", postcode, h)
			}
		}
	})
}
