package world

import "testing"

// TestNMIChecksum: AEMO's worked examples of NMI check digits.
func TestNMIChecksum(t *testing.T) {
	for nmi, want := range map[string]string{
		"2001985732": "8", "2001985733": "6", "3075621875": "8", "3075621876": "6", "4316854005": "9",
		"6305888444": "6", "6350888444": "2", "7102000001": "7", "NAAAMYS582": "6", "NBBBX11110": "0",
		"QAAAVZZZZZ": "3", "SMVEW00085": "8", "VAAA000065": "7", "VKTS786150": "2", "": "",
	} {
		if got := nmiChecksum(nmi); got != want {
			t.Errorf("nmiChecksum(%q) = %q, want %q", nmi, got, want)
		}
	}
}

// TestChecksumOfItsIdentifier: a field described as the check character of a sibling
// identifier is that identifier's check digit.
func TestChecksumOfItsIdentifier(t *testing.T) {
	w := newSDLWorld(t, `type Query { meterPoints(accountNumber: String!): [MeterPointType!]! }
type MeterPointType {
  id: ID!
  "The external identifier for the meter point (NMI for electricity, MIRN for gas)."
  identifier: String
  "The check character that is sometimes suffixed to the NMI. For the NMI itself, refer to the `+"`identifier`"+` field."
  nmiChecksum: String
}`, Options{})
	n := 0
	for _, a := range []string{"A-1", "A-2", "A-3", "A-4"} {
		for _, mp := range w.ask(`query($a: String!) { meterPoints(accountNumber: $a) { identifier nmiChecksum } }`, map[string]any{"a": a})["meterPoints"].([]any) {
			mp := mp.(map[string]any)
			n++
			if want := nmiChecksum(mp["identifier"].(string)); mp["nmiChecksum"] != want || want == "" {
				t.Errorf("%s: identifier %v, checksum %v, want %q", a, mp["identifier"], mp["nmiChecksum"], want)
			}
		}
	}
	if n == 0 {
		t.Fatal("no meter points")
	}
}
