package accounts

import (
	"cmp"
	"strconv"
	"strings"
	"unicode"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/fake"
)

// addressParts splits an address's lines into its street lines, its town or suburb and its
// region (a county, or a state): "41 Octopus Lane, Norwich, Norfolk" is in Norwich, Norfolk;
// an Australian address's last line is its state even with no suburb before it.
func addressParts(ad sim.Address) (street []string, locality, region string) {
	lines := addressLines(ad)
	if n := len(lines); (n > 2 || n == 2 && ad.CountryCode == "AU") && fake.IsRegion(lines[n-1]) {
		lines, region = lines[:n-1], lines[n-1]
	}
	street = lines
	if n := len(lines); n > 1 {
		street, locality = lines[:n-1], lines[n-1]
	}
	return street, locality, region
}

// australianStates are the StateChoices values of Australia's states and territories, by
// the abbreviations and names addresses write them with.
var australianStates = map[string]string{
	"NSW": "NEW_SOUTH_WALES", "VIC": "VICTORIA", "QLD": "QUEENSLAND", "SA": "SOUTH_AUSTRALIA",
	"WA": "WESTERN_AUSTRALIA", "TAS": "TASMANIA", "ACT": "AUSTRALIAN_CAPITAL_TERRITORY", "NT": "NORTHERN_TERRITORY",
}

// stateChoice is the StateChoices value of the state an address is in; nil outside
// Australia.
func stateChoice(ad sim.Address) any {
	_, _, region := addressParts(ad)
	region = strings.ToUpper(strings.TrimSpace(region))
	if v, ok := australianStates[region]; ok {
		return v
	}
	for _, v := range australianStates {
		if strings.ReplaceAll(region, " ", "_") == v {
			return v
		}
	}
	return nil
}

// streetTypes are the last words of street names that name the kind of street.
var streetTypes = map[string]bool{
	"road": true, "street": true, "lane": true, "avenue": true, "close": true, "drive": true, "gardens": true,
	"way": true, "terrace": true, "place": true, "grove": true, "crescent": true, "parade": true, "court": true,
	"highway": true, "boulevard": true, "square": true, "rise": true, "row": true, "walk": true, "circuit": true,
}

// unitTypes are the words that begin a flat's or unit's line.
var unitTypes = map[string]bool{"flat": true, "unit": true, "apartment": true, "suite": true, "shop": true}

// meterPointAddress is a MeterPointAddressType: the site's address in the parts a
// market's address standard gives it (unit, house number, street name and type).
func meterPointAddress(ad sim.Address) obj {
	street, locality, region := addressParts(ad)
	m := obj{
		"dpid": nil, "buildingName": nil, "flatNumber": nil, "flatType": nil, "floorNumber": nil, "floorType": nil,
		"houseNumber": nil, "houseNumberSuffix": nil, "locationDescriptor": nil, "lotNumber": nil,
		"streetName": nil, "streetSuffix": nil, "streetType": nil,
		"locality": orNil(locality), "state": orNil(region), "postcode": orNil(ad.Postcode),
	}
	for _, line := range street {
		words := strings.Fields(line)
		switch {
		case len(words) == 2 && unitTypes[strings.ToLower(words[0])]:
			m["flatType"], m["flatNumber"] = strings.ToUpper(words[0]), words[1]
		case len(words) > 1 && unicode.IsDigit(rune(words[0][0])):
			digits := strings.TrimRightFunc(words[0], func(r rune) bool { return !unicode.IsDigit(r) })
			if n, err := strconv.Atoi(digits); err == nil && n < 1<<31 && strings.IndexFunc(digits, func(r rune) bool { return !unicode.IsDigit(r) }) < 0 {
				m["houseNumber"] = n
				if suffix := words[0][len(digits):]; suffix != "" {
					m["houseNumberSuffix"] = suffix
				}
			}
			name := words[1:]
			if len(name) > 1 && streetTypes[strings.ToLower(name[len(name)-1])] {
				m["streetType"] = strings.ToUpper(name[len(name)-1])
				name = name[:len(name)-1]
			}
			m["streetName"] = strings.Join(name, " ")
		default:
			m["buildingName"] = line
		}
	}
	return m
}

// propertyOf is the account's property that holds the meter point id; nil for none.
func propertyOf(a *sim.Account, id string) *sim.Property {
	for i := range a.Properties {
		p := &a.Properties[i]
		for j := range p.ElectricityMeterPoints {
			if p.ElectricityMeterPoints[j].ID == id {
				return p
			}
		}
		for j := range p.GasMeterPoints {
			if p.GasMeterPoints[j].ID == id {
				return p
			}
		}
	}
	return nil
}

// siteOf is the address of the account's property that holds the meter point id.
func siteOf(a *sim.Account, id string) (sim.Address, bool) {
	if p := propertyOf(a, id); p != nil {
		return p.Address, true
	}
	return sim.Address{}, false
}

// siteFields are a meter point's site address fields, the address of its property.
func siteFields(m obj, a *sim.Account, id string) {
	m["siteAddress"] = sim.Lazy(func(map[string]any) (any, error) {
		if ad, ok := siteOf(a, id); ok {
			return richAddress(ad), nil
		}
		return nil, nil
	})
	m["address"] = sim.Lazy(func(map[string]any) (any, error) {
		if ad, ok := siteOf(a, id); ok {
			return meterPointAddress(ad), nil
		}
		return nil, nil
	})
}

// countryNames are the names envelopes give the countries of the default worlds.
var countryNames = map[string]string{"AU": "Australia", "GB": "United Kingdom"}

// envelope is an address as written on an envelope, in its country's format (the
// asString of a RichAddressType), with or without its postcode and its country.
func envelope(ad sim.Address, postcode, country bool) string {
	if !postcode {
		ad.Postcode = ""
	}
	out := strings.Join(linesOf(ad), "\n")
	if name := countryNames[cmp.Or(ad.CountryCode, "GB")]; country && name != "" {
		out += "\n" + name
	}
	return out
}

// gspLDZ is the gas local distribution zone that serves most of each electricity GSP
// group's region, by its letter (A, Eastern, is EA; C, London, is NT; N and P are SC).
var gspLDZ = map[string]string{
	"A": "EA", "B": "EM", "C": "NT", "D": "NW", "E": "WM", "F": "NO", "G": "NW", "H": "SO",
	"J": "SE", "K": "WS", "L": "SW", "M": "NE", "N": "SC", "P": "SC",
}

// ldzNetworks are the gas distribution networks that own each local distribution zone.
var ldzNetworks = map[string]string{
	"EA": "Cadent", "EM": "Cadent", "NT": "Cadent", "NW": "Cadent", "WM": "Cadent",
	"NE": "Northern Gas Networks", "NO": "Northern Gas Networks",
	"SC": "SGN", "SE": "SGN", "SO": "SGN",
	"SW": "Wales & West Utilities", "WN": "Wales & West Utilities", "WS": "Wales & West Utilities",
}

// ldzOf is the gas local distribution zone of a British postcode (North Wales, LL, is
// WN); "" for a postcode outside Great Britain's regions.
func ldzOf(postcode string) string {
	if strings.HasPrefix(strings.ToUpper(strings.TrimSpace(postcode)), "LL") {
		return "WN"
	}
	return gspLDZ[gspOf(postcode)]
}

// gasZoneFields are a British gas meter point's local distribution zone and exit zone,
// those of its property's postcode.
func gasZoneFields(m obj, a *sim.Account, id string) {
	ad, ok := siteOf(a, id)
	if ldz := ldzOf(ad.Postcode); ok && ldz != "" {
		m["ldz"], m["exitZone"] = ldz, ldz+"1"
	}
}

// lineAt is line i of an address's lines, from 0; "" past its last.
func lineAt(lines []string, i int) string {
	if i < len(lines) {
		return lines[i]
	}
	return ""
}

// embeddedNetwork is the embedded network (EmbeddedNetworkType) of a code a property
// names: its properties those of the session's accounts that name the same code, each
// as an embedded property of it; nil for no code, as for a home on the public network.
func embeddedNetwork(w *env, code string) any {
	if code == "" {
		return nil
	}
	n := obj{"id": strconv.FormatUint(1_000_000+fake.HashStrings("embedded network", code)%9_000_000, 10), "name": code}
	n["embeddedProperties"] = sim.Lazy(func(map[string]any) (any, error) {
		out := []any{}
		for _, a := range w.Accounts {
			for i := range a.Properties {
				if p := &a.Properties[i]; p.EmbeddedNetwork == code {
					id := strconv.FormatUint(1_000_000+fake.HashStrings("embedded property", code, p.ID)%9_000_000, 10)
					out = append(out, obj{"id": id, "propertyId": orNil(p.ID), "embeddedNetwork": n})
				}
			}
		}
		return out, nil
	})
	return n
}
