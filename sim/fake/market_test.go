package fake_test

import (
	"fmt"
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
		{"AccountUserType", "mobile", str, `\+6149157[0-9]{4}`, `\+447700900[0-9]{3}`},
		{"AccountUserType", "landline", str, `\+61[2378](5550|7010)[0-9]{4}`, `\+44(2079460|1[1-9][1-9]49[68]0|2896496|2920180|1632960)[0-9]{3}`},
		{"MeterPointAddressType", "state", str, `NSW|VIC|QLD|SA|WA|TAS|ACT|NT`, `[A-Z][A-Za-z ]+`},
		{"MirnSearchResultMeterAddress", "suburbLocality", str, `[A-Z][A-Za-z ]+`, `[A-Z][A-Za-z ]+`},
		{"NMIDiscoveryType", "nmi", str, `(4102|4103|4310|4001|7001|6102|6203|6305|6001|6407|3114|2002|3051|8000)[0-9]+`, `(4102|4103|4310|4001|7001|6102|6203|6305|6001|6407|3114|2002|3051|8000)[0-9]+`},
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

// TestMarketsOfKrakenTenants draws the values a tenant's country shapes in each zone a
// Kraken tenant tells its time in.
func TestMarketsOfKrakenTenants(t *testing.T) {
	str := &ast.Definition{Kind: ast.Scalar, Name: "String"}
	tests := []struct {
		zone, country, currency, language string
		postcode, mobile, address         string // patterns the whole value matches
		landline                          string
	}{
		{"Europe/London", "GB", "GBP", "en-GB", `[A-Z]{1,2}[0-9]{1,2} [0-9][A-Z]{2}`, `\+447700900[0-9]{3}`, `.+, .+, [A-Z]{1,2}[0-9]{1,2} [0-9][A-Z]{2}`, `\+44(2079460|1[1-9][1-9]49[68]0|2896496|2920180|1632960)[0-9]{3}`},
		{"Australia/Perth", "AU", "AUD", "en-AU", `[0-9]{4}`, `\+6149157[0-9]{4}`, `.+, .+ [A-Z]{2,3} [0-9]{4}`, `\+61[2378](5550|7010)[0-9]{4}`},
		{"Pacific/Auckland", "NZ", "NZD", "en-NZ", `[0-9]{4}`, `\+6421[0-9]{7}`, `.+, .+ [0-9]{4}`, `\+64[34679][2-9][0-9]{6}`},
		{"Europe/Dublin", "IE", "EUR", "en-IE", `[A-Z][0-9]{2} [A-Z][0-9A-Z]{3}`, `\+3532091[0-9]{5}`, `.+, .+, [A-Z][0-9]{2} [A-Z0-9]{4}`, `\+3532091[0-9]{5}`},
		{"Europe/Berlin", "DE", "EUR", "de-DE", `[0-9]{5}`, `\+4915[127][0-9]{8}`, `.+(straße|weg|allee|gasse) [0-9]+, [0-9]{5} .+`, `\+49(3023125|6990009|4066969|2214710|8999998)[0-9]{3}`},
		{"Europe/Paris", "FR", "EUR", "fr-FR", `[0-9]{5}`, `\+3363998[0-9]{4}`, `[0-9]+ (rue|avenue|boulevard|place) .+, [0-9]{5} .+`, `\+33(19900|26191|35301|46571|53649)[0-9]{4}`},
		{"Europe/Madrid", "ES", "EUR", "es-ES", `[0-9]{5}`, `\+346[0-9]{8}`, `(Calle|Avenida|Paseo|Plaza) .+ [0-9]+, [0-9]{5} .+`, `\+349[1356][0-9]{7}`},
		{"Europe/Rome", "IT", "EUR", "it-IT", `[0-9]{5}`, `\+393[0-9]{9}`, `(Via|Viale|Corso|Piazza) .+ [0-9]+, [0-9]{5} .+`, `\+390(6|2|81|11|51|55)[0-9]{7}`},
		{"Asia/Tokyo", "JP", "JPY", "ja-JP", `[0-9]{3}-[0-9]{4}`, `\+81[789]0[0-9]{8}`, `[0-9]+-[0-9]+-[0-9]+ .+, .+ [0-9]{3}-[0-9]{4}`, `\+81([36][0-9]{8}|(45|52)[0-9]{7})`},
		{"America/Chicago", "US", "USD", "en-US", `[0-9]{5}`, `\+1[0-9]{3}55501[0-9]{2}`, `[0-9]+ .+, .+, [A-Z]{2} [0-9]{5}`, `\+1[0-9]{3}55501[0-9]{2}`},
		{"Asia/Kolkata", "GB", "GBP", "en-GB", `[A-Z]{1,2}[0-9]{1,2} [0-9][A-Z]{2}`, `\+447700900[0-9]{3}`, `.+`, `\+44[0-9]{10}`},
	}
	for _, tt := range tests {
		zone, ok := fake.Zone(tt.zone)
		if !ok {
			t.Fatalf("no zone %s", tt.zone)
		}
		if got := fake.Country(zone) + " " + fake.Currency(zone); got != tt.country+" "+tt.currency {
			t.Errorf("%s: country and currency %s, want %s %s", tt.zone, got, tt.country, tt.currency)
		}
		f := fake.NewIn(3, zone)
		for _, field := range []struct{ parent, name, want string }{
			{"AddressType", "postcode", tt.postcode}, {"AccountUserType", "mobile", tt.mobile}, {"AccountUserType", "landline", tt.landline},
			{"AccountType", "billingAddress", tt.address},
			{"AccountType", "country", tt.country}, {"RateType", "currency", tt.currency}, {"User", "language", tt.language},
		} {
			re := regexp.MustCompile(`^(` + field.want + `)$`)
			for key := uint64(0); key < 15; key++ {
				if v, _ := f.Leaf(key, field.parent, field.name, str).(string); !re.MatchString(v) {
					t.Errorf("%s: %s.%s = %q, want %s", tt.zone, field.parent, field.name, v, field.want)
					break
				}
			}
		}
		town, _ := f.Place(5, "AddressType", "city", str, nil)
		pc, _ := f.Place(5, "AddressType", "postcode", str, nil)
		if again, _ := f.Place(6, "AddressType", "city", str, []string{pc.(string)}); tt.country != "GB" && again != town {
			t.Errorf("%s: postcode %v is in %v, and in %v by its postcode", tt.zone, pc, town, again)
		}
	}
}

func TestNetworkOf(t *testing.T) {
	tests := []struct{ id, want, state string }{
		{"4102004420", "Ausgrid", "NSW"},
		{"6102019374", "CitiPower", "VIC"},
		{"3051657233", "Ergon Energy", "QLD"},
		{"5240860640", "Jemena Gas Networks", "NSW"},
		{"5310923708", "AusNet Gas Services", "VIC"},
		{"5500883020", "Australian Gas Networks", "SA"},
		{"5400883020", "Australian Gas Networks", "QLD"},
		{"5250123456", "Jemena Gas Networks", "NSW"},
		{"6103000001", "CitiPower", "VIC"},
		{"VEEE000001", "United Energy", "VIC"},
		{"8000123456", "TasNetworks", "TAS"},
		{"8001123456", "Western Power", "WA"},
		{"3000123456", "Ergon Energy", "QLD"},
		{"7102000001", "", ""},
		{"5999999999", "", ""},
		{"9999999999", "", ""},
		{"410200442", "", ""},
	}
	for _, tt := range tests {
		n, ok := fake.NetworkOf(tt.id)
		if n.Name != tt.want || n.State != tt.state || ok != (tt.want != "") {
			t.Errorf("NetworkOf(%s) = %+v, %v; want %s in %q", tt.id, n, ok, tt.want, tt.state)
		}
	}
	for state, want := range map[string]string{"NSW": "52", "ACT": "52", "VIC": "53", "QLD": "54", "SA": "55", "WA": "56", "TAS": "57", "NT": ""} {
		if got := fake.MIRNBlock(state); got != want {
			t.Errorf("MIRNBlock(%s) = %q, want %q", state, got, want)
		}
	}
	if got := fake.NMIPrefixes("VIC"); fmt.Sprint(got) != "[6102 6203 6305 6001 6407]" {
		t.Errorf("Victoria's NMI prefixes: %v", got)
	}
}

// TestAddressLinesAreOnePlace: an address's third and fourth lines are the town and
// county of the place its postcode is in, in both markets.
func TestAddressLinesAreOnePlace(t *testing.T) {
	sydney, _ := fake.Zone("Australia/Sydney")
	str := &ast.Definition{Kind: ast.Scalar, Name: "String"}
	for _, f := range []*fake.Faker{fake.New(3), fake.NewIn(3, sydney)} {
		for key := uint64(0); key < 30; key++ {
			line3, ok3 := f.Place(key, "AddressDetailsType", "addressLine3", str, nil)
			line4, ok4 := f.Place(key, "AddressDetailsType", "addressLine4", str, nil)
			town, _ := f.Place(key, "AddressDetailsType", "town", str, nil)
			county, _ := f.Place(key, "AddressDetailsType", "county", str, nil)
			pc, _ := f.Place(key, "AddressDetailsType", "postcode", str, nil)
			if !ok3 || !ok4 || line3 != town || line4 != county {
				t.Fatalf("key %d: lines %v, %v; the place is %v, %v", key, line3, line4, town, county)
			}
			if byCode, _ := f.Place(key+1000, "X", "addressLine3", str, []string{pc.(string)}); byCode != town {
				t.Errorf("key %d: postcode %v is in %v, line 3 says %v", key, pc, byCode, town)
			}
		}
	}
}
