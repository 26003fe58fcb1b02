package fake_test

import (
	"regexp"
	"strconv"
	"testing"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/krakensim/krakensim/sim/fake"
)

func TestMarketFollowsTheTenantsZone(t *testing.T) {
	sydney, _ := fake.Zone("Australia/Sydney")
	london, _ := fake.Zone("Europe/London")
	str := &ast.Definition{Kind: ast.Scalar, Name: "String"}
	flt := &ast.Definition{Kind: ast.Scalar, Name: "Float"}
	tests := []struct {
		parent, field string
		typ           *ast.Definition
		au, gb        string // patterns the whole value matches
	}{
		{"PropertyType", "postcode", str, `[0-9]{4}`, `[A-Z]{1,2}[0-9]{1,2} [0-9][A-Z]{2}`},
		{"RichAddressType", "country", str, `AU`, `GB`},
		{"ApplicableRateType", "currency", str, `AUD`, `GBP`},
		{"TimeOfUseSchemeType", "timezone", str, `Australia/Sydney`, `Europe/London`},
		{"AccountUserType", "mobile", str, `\+614[0-9]{8}`, `\+447[0-9]{9}`},
		{"AccountUserType", "landline", str, `\+61[2378][0-9]{8}`, `\+44[0-9]{10}`},
		{"MeterPointAddressType", "state", str, `NSW|VIC|QLD|SA|WA|TAS|ACT|NT`, `[A-Z][A-Za-z ]+`},
		{"MirnSearchResultMeterAddress", "suburbLocality", str, `[A-Z][A-Za-z ]+`, `[A-Z][A-Za-z ]+`},
		{"NMIDiscoveryType", "nmi", str, `(4102|4103|4310|4001|7001|6102|6203|6305|6001|6407|3114|2002)[0-9]+`, `(4102|4103|4310|4001|7001|6102|6203|6305|6001|6407|3114|2002)[0-9]+`},
		{"MeterDetails", "mirn", str, `5[2-5][0-9]{8}`, `5[2-5][0-9]{8}`},
		{"BankDetails", "sortCode", str, `[0-9]{3}-[0-9]{3}`, `[0-9]{2}-[0-9]{2}-[0-9]{2}`},
		{"User", "preferredLanguage", str, `en-AU`, `en-GB`},
		{"CoordinatesType", "latitude", flt, `-[0-9.]+`, `5[0-9.]+`},
	}
	for _, tt := range tests {
		for _, m := range []struct {
			name, want string
			f          *fake.Faker
		}{{"AU", tt.au, fake.NewIn(1, sydney)}, {"GB", tt.gb, fake.NewIn(1, london)}} {
			re := regexp.MustCompile(`^(` + m.want + `)$`)
			for key := uint64(0); key < 20; key++ {
				v := m.f.Leaf(key, tt.parent, tt.field, tt.typ)
				s, ok := v.(string)
				if f, isFloat := v.(float64); isFloat {
					s, ok = formatFloat(f), true
				}
				if !ok || !re.MatchString(s) {
					t.Fatalf("%s: %s.%s = %#v, want %s", m.name, tt.parent, tt.field, v, m.want)
				}
			}
		}
	}
	if got := len(fake.NewIn(1, sydney).Leaf(3, "NMIDiscoveryType", "nmi", str).(string)); got != 10 {
		t.Errorf("an NMI has %d characters, want 10", got)
	}
}

func TestPlaceIsOneSuburbInAustralia(t *testing.T) {
	sydney, _ := fake.Zone("Australia/Sydney")
	f := fake.NewIn(7, sydney)
	str := &ast.Definition{Kind: ast.Scalar, Name: "String"}
	suburbs := map[string]string{}
	for key := uint64(0); key < 40; key++ {
		town, _ := f.Place(key, "MeterPointAddressType", "locality", str, nil)
		pc, _ := f.Place(key, "MeterPointAddressType", "postcode", str, nil)
		state, _ := f.Place(key, "MeterPointAddressType", "state", str, nil)
		suburbs[town.(string)] = pc.(string) + " " + state.(string)
		if again, _ := f.Place(key, "X", "postcode", str, []string{town.(string)}); again != pc {
			t.Errorf("the postcode of %s by its name is %v, by its key %v", town, again, pc)
		}
		if byCode, _ := f.Place(key+1000, "X", "locality", str, []string{pc.(string)}); byCode != town {
			t.Errorf("the suburb of postcode %v is %v, want %v", pc, byCode, town)
		}
	}
	for want, got := range map[string]string{"Sydney": "2000 NSW", "Fitzroy": "3065 VIC", "Canberra": "2601 ACT"} {
		if have, ok := suburbs[want]; ok && have != got {
			t.Errorf("%s is at %q, want %q", want, have, got)
		}
	}
	if len(suburbs) < 10 {
		t.Errorf("40 keys gave %d suburbs", len(suburbs))
	}
}

func TestIsRegion(t *testing.T) {
	for line, want := range map[string]bool{
		"Norfolk": true, "Greater Manchester": true, "NSW": true, "vic": true, "New South Wales": true,
		"Norwich": false, "41 Octopus Lane": false, "SYDNEY": false, "": false,
	} {
		if got := fake.IsRegion(line); got != want {
			t.Errorf("IsRegion(%q) = %v, want %v", line, got, want)
		}
	}
}

func formatFloat(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }
