package accounts

import (
	"fmt"
	"testing"

	"github.com/krakensim/krakensim/sim"
)

func TestAddressParts(t *testing.T) {
	tests := []struct {
		lines                []string
		street               string
		locality, region     string
		houseNumber, street2 any
		streetType, state    any
	}{
		{[]string{"41 Octopus Lane", "Norwich", "Norfolk"}, "[41 Octopus Lane]", "Norwich", "Norfolk", 41, "Octopus", "LANE", nil},
		{[]string{"Flat 4", "18 Mill Road", "Cambridge"}, "[Flat 4 18 Mill Road]", "Cambridge", "", 18, "Mill", "ROAD", nil},
		{[]string{"Unit 3", "12A Crown Street", "SURRY HILLS", "NSW"}, "[Unit 3 12A Crown Street]", "SURRY HILLS", "NSW", 12, "Crown", "STREET", "NEW_SOUTH_WALES"},
		{[]string{"7 The Esplanade", "St Kilda", "Victoria"}, "[7 The Esplanade]", "St Kilda", "Victoria", 7, "The Esplanade", nil, "VICTORIA"},
		{[]string{"Rose Cottage", "Kent"}, "[Rose Cottage]", "Kent", "", nil, nil, nil, nil},
		{[]string{"99999999999999999999 Long Road", "Leeds"}, "[99999999999999999999 Long Road]", "Leeds", "", nil, "Long", "ROAD", nil},
		{nil, "[]", "", "", nil, nil, nil, nil},
	}
	for _, tt := range tests {
		ad := sim.Address{Lines: tt.lines, Postcode: "X1 1XX"}
		street, locality, region := addressParts(ad)
		if fmt.Sprint(street) != tt.street || locality != tt.locality || region != tt.region {
			t.Errorf("%q: street %q, locality %q, region %q; want %s, %q, %q", tt.lines, street, locality, region, tt.street, tt.locality, tt.region)
		}
		m := meterPointAddress(ad)
		if m["houseNumber"] != tt.houseNumber || m["streetName"] != tt.street2 || m["streetType"] != tt.streetType {
			t.Errorf("%q: house %v, street %v, type %v; want %v, %v, %v", tt.lines, m["houseNumber"], m["streetName"], m["streetType"], tt.houseNumber, tt.street2, tt.streetType)
		}
		if got := stateChoice(ad); got != tt.state {
			t.Errorf("%q: state %v, want %v", tt.lines, got, tt.state)
		}
	}
	if m := meterPointAddress(sim.Address{Lines: []string{"Unit 3", "12A Crown Street", "Surry Hills", "NSW"}, Postcode: "2010"}); m["flatType"] != "UNIT" || m["flatNumber"] != "3" || m["houseNumberSuffix"] != "A" || m["locality"] != "Surry Hills" || m["state"] != "NSW" || m["postcode"] != "2010" {
		t.Errorf("a unit's site address is %v", m)
	}
}

// TestJoinedAddress formats addresses into one string, as a captured Kraken answer
// formats a property's: lines, then the postcode, joined by commas.
func TestJoinedAddress(t *testing.T) {
	for _, tt := range []struct {
		ad   sim.Address
		want string
	}{
		{sim.Address{Lines: []string{"41 Octopus Lane", "Norwich", "Norfolk"}, Postcode: "NR3 1AB", CountryCode: "GB"}, "41 Octopus Lane, Norwich, Norfolk, NR3 1AB"},
		{sim.Address{Lines: []string{"Unit 4", "18 Crown Street", "Surry Hills", "NSW"}, Postcode: "2010", CountryCode: "AU"}, "Unit 4, 18 Crown Street, Surry Hills NSW 2010"},
		{sim.Address{Lines: []string{"7 Brunswick Street", "Fitzroy"}, Postcode: "3065", CountryCode: "AU"}, "7 Brunswick Street, Fitzroy 3065"},
		{sim.Address{Lines: []string{"Lot 12"}, Postcode: "0800", CountryCode: "AU"}, "Lot 12, 0800"},
	} {
		if got := joinedAddress(tt.ad); got != tt.want {
			t.Errorf("joinedAddress(%v) = %q, want %q", tt.ad, got, tt.want)
		}
	}
}

func TestEnvelope(t *testing.T) {
	au := sim.Address{Lines: []string{"41 Kraken Street", "Newtown", "NSW"}, Postcode: "2042", CountryCode: "AU"}
	gb := sim.Address{Lines: []string{"41 Octopus Lane", "Norwich"}, Postcode: "NR3 1AB"}
	for _, tt := range []struct {
		ad                sim.Address
		postcode, country bool
		want              string
	}{
		{au, true, true, "41 Kraken Street\nNewtown NSW 2042\nAustralia"},
		{au, false, false, "41 Kraken Street\nNewtown NSW"},
		{gb, true, true, "41 Octopus Lane\nNorwich\nNR3 1AB\nUnited Kingdom"},
		{gb, false, true, "41 Octopus Lane\nNorwich\nUnited Kingdom"},
	} {
		if got := envelope(tt.ad, tt.postcode, tt.country); got != tt.want {
			t.Errorf("envelope(%v, %v, %v) = %q, want %q", tt.ad.Lines, tt.postcode, tt.country, got, tt.want)
		}
	}
}

func TestLDZOf(t *testing.T) {
	for postcode, want := range map[string]string{
		"NR3 1AB": "EA", "SE1 7PB": "NT", "LS6 2QT": "NE", "M1 1PT": "NW", "LL57 2DG": "WN", "CF10 1AA": "WS",
		"EH1 1YZ": "SC", "BS1 4DJ": "SW", "2042": "", "": "",
	} {
		if got := ldzOf(postcode); got != want {
			t.Errorf("ldzOf(%q) = %q, want %q", postcode, got, want)
		}
	}
}
