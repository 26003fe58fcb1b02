package accounts

import (
	"strings"
	"testing"
	"time"

	"github.com/krakensim/krakensim/sim"
)

// TestTermsOf writes each family's terms from its catalogue entry: named for the
// product, of a version that is the product's whatever the case of its code, in effect
// from the day it launched, saying what its prices do and what leaving costs; a product
// the catalogue does not know has none.
func TestTermsOf(t *testing.T) {
	london, _ := time.LoadLocation("Europe/London")
	w := &env{World: &sim.World{Accounts: []*sim.Account{{Number: "A-1", Brand: "OCTOPUS_ENERGY"}}}, zone: london,
		now: time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)}
	for _, tc := range []struct {
		code, name, from string
		says             []string
	}{
		{"AGILE-24-10-01", "Agile Octopus October 2024 Terms and Conditions", "2024-10-01", []string{
			"Prices that change every half hour with the wholesale market.", "published by 16:00 the day before",
			"peak offset of 12p/kWh before VAT", "capped at 100p/kWh including VAT", "smart meter", "standing charge", "30 days' notice", "no exit fees"}},
		{"OE-FIX-12M-24-09-01", "Octopus 12M Fixed September 2024 Terms and Conditions", "2024-09-01", []string{
			"fixed for 12 months from the day your agreement starts", "no exit fees", "Before your term ends"}},
		{"VAR-22-11-01", "Flexible Octopus November 2022 Terms and Conditions", "2022-11-01", []string{
			"Your prices are variable: we can change them, and will tell you at least 30 days before we do.", "no exit fees"}},
		{"GO-VAR-22-10-14", "Octopus Go October 2022 Terms and Conditions", "2022-10-14", []string{"from 00:30 to 05:30 every night"}},
		{"INTELLI-VAR-24-10-29", "Intelligent Octopus Go October 2024 Terms and Conditions", "2024-10-29", []string{"from 23:30 to 05:30 every night", "car's charging"}},
		{"COSY-22-12-08", "Cosy Octopus December 2022 Terms and Conditions", "2022-12-08", []string{"04:00 to 07:00, 13:00 to 16:00, 22:00 to 00:00", "from 16:00 to 19:00"}},
		{"OUTGOING-VAR-24-10-26", "Outgoing Octopus October 2024 Terms and Conditions", "2024-10-26", []string{"each kWh your home exports"}},
	} {
		terms, ok := termsOf(w, " "+tc.code+" ")
		if !ok {
			t.Errorf("%s: no terms", tc.code)
			continue
		}
		if terms.Name != tc.name || terms.Code != tc.code || terms.EffectiveFrom != tc.from || terms.Supplier != "Octopus Energy" {
			t.Errorf("%s: %q (%s) from %s by %q; want %q from %s", tc.code, terms.Name, terms.Code, terms.EffectiveFrom, terms.Supplier, tc.name, tc.from)
		}
		if lower, _ := termsOf(w, strings.ToLower(tc.code)); lower.Version != terms.Version {
			t.Errorf("%s: version %s, in lower case %s", tc.code, terms.Version, lower.Version)
		}
		md := terms.Markdown()
		for _, want := range append(tc.says, tc.code, "Version "+terms.Version) {
			if !strings.Contains(md, strings.ReplaceAll(want, "_", `\_`)) {
				t.Errorf("%s: the markdown lacks %q:\n%s", tc.code, want, md)
			}
		}
	}
	for _, code := range []string{"", "NO-SUCH-PRODUCT", "BESPOKE-1"} {
		if terms, ok := termsOf(w, code); ok {
			t.Errorf("%q: terms %+v for a product the catalogue does not know", code, terms)
		}
	}
}

// TestTermsVersion: a product's terms' version is major.minor, 1.0 to 3.9, the same for
// its code whatever its case, and products' versions differ.
func TestTermsVersion(t *testing.T) {
	seen := map[string]bool{}
	for _, code := range energyCatalogue {
		v := termsVersion(code)
		if len(v) != 3 || v[0] < '1' || v[0] > '3' || v[1] != '.' || v[2] < '0' || v[2] > '9' {
			t.Errorf("%s: version %q", code, v)
		}
		if termsVersion(strings.ToLower(code)) != v {
			t.Errorf("%s: the version changes with the code's case", code)
		}
		seen[v] = true
	}
	if len(seen) < 2 {
		t.Errorf("every product's terms are of one version: %v", seen)
	}
}
