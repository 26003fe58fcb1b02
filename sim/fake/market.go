package fake

import (
	"strconv"
	"strings"
	"time"
)

// market is the country a tenant supplies, as its values show it: its places, postcodes,
// telephone numbers, currency, language and supply point identifiers. A Faker's market
// follows its zone: Australia's for a zone in Australia, else Great Britain's.
type market uint8

const (
	marketGB market = iota
	marketAU
)

// marketOf is the market of a tenant whose local time is zone.
func marketOf(zone *time.Location) market {
	if zone != nil && strings.HasPrefix(zone.String(), "Australia/") {
		return marketAU
	}
	return marketGB
}

// Country is the ISO 3166 code of the country a tenant in zone supplies: AU for a zone in
// Australia, else GB.
func Country(zone *time.Location) string { return marketOf(zone).country() }

func (m market) country() string {
	if m == marketAU {
		return "AU"
	}
	return "GB"
}

func (m market) currency() string {
	if m == marketAU {
		return "AUD"
	}
	return "GBP"
}

func (m market) language() string {
	if m == marketAU {
		return "en-AU"
	}
	return "en-GB"
}

// places are the market's real towns or suburbs, with their regions, postcodes and centres.
func (m market) places() []place {
	if m == marketAU {
		return auPlaces
	}
	return places
}

// regions are the market's counties, or states and territories.
func (m market) regions() []string {
	if m == marketAU {
		return auStates
	}
	return counties
}

// auPlaces are Australian suburbs and towns; area is the whole postcode.
var auPlaces = []place{
	{"Sydney", "NSW", "2000", -33.8688, 151.2093},
	{"Surry Hills", "NSW", "2010", -33.8861, 151.2111},
	{"Newtown", "NSW", "2042", -33.8978, 151.1794},
	{"Bondi", "NSW", "2026", -33.8915, 151.2767},
	{"Chatswood", "NSW", "2067", -33.7969, 151.1803},
	{"Parramatta", "NSW", "2150", -33.8150, 151.0011},
	{"Penrith", "NSW", "2750", -33.7507, 150.6877},
	{"Newcastle", "NSW", "2300", -32.9283, 151.7817},
	{"Wollongong", "NSW", "2500", -34.4278, 150.8931},
	{"Canberra", "ACT", "2601", -35.2809, 149.1300},
	{"Belconnen", "ACT", "2617", -35.2383, 149.0650},
	{"Melbourne", "VIC", "3000", -37.8136, 144.9631},
	{"Fitzroy", "VIC", "3065", -37.7984, 144.9780},
	{"St Kilda", "VIC", "3182", -37.8676, 144.9810},
	{"Footscray", "VIC", "3011", -37.8000, 144.9000},
	{"Geelong", "VIC", "3220", -38.1499, 144.3617},
	{"Ballarat", "VIC", "3350", -37.5622, 143.8503},
	{"Brisbane", "QLD", "4000", -27.4698, 153.0251},
	{"Fortitude Valley", "QLD", "4006", -27.4575, 153.0355},
	{"Southport", "QLD", "4215", -27.9674, 153.4000},
	{"Toowoomba", "QLD", "4350", -27.5598, 151.9507},
	{"Adelaide", "SA", "5000", -34.9285, 138.6007},
	{"Glenelg", "SA", "5045", -34.9799, 138.5156},
	{"Perth", "WA", "6000", -31.9523, 115.8613},
	{"Fremantle", "WA", "6160", -32.0569, 115.7439},
	{"Hobart", "TAS", "7000", -42.8821, 147.3272},
	{"Launceston", "TAS", "7250", -41.4332, 147.1441},
	{"Darwin", "NT", "0800", -12.4634, 130.8456},
}

// auStates are Australia's states and territories as addresses abbreviate them.
var auStates = []string{"NSW", "VIC", "QLD", "SA", "WA", "TAS", "ACT", "NT"}

// auStateNames are the states and territories written out.
var auStateNames = []string{
	"New South Wales", "Victoria", "Queensland", "South Australia", "Western Australia", "Tasmania",
	"Australian Capital Territory", "Northern Territory",
}

// IsRegion reports whether an address line is a region above a town: a British county, or
// an Australian state or territory (abbreviated or written out).
func IsRegion(line string) bool {
	line = strings.TrimSpace(line)
	for _, list := range [][]string{counties, auStates, auStateNames} {
		for _, r := range list {
			if strings.EqualFold(line, r) {
				return true
			}
		}
	}
	for _, p := range places {
		if strings.EqualFold(line, p.county) {
			return true
		}
	}
	return false
}

// auMobile is an Australian mobile number in E.164 (+614…).
func auMobile(r *rng) string { return "+614" + string(digits(r, 8)) }

// auLandline is an Australian landline in E.164: the area code of a state, eight digits.
func auLandline(r *rng) string {
	return "+61" + r.pick([]string{"2", "3", "7", "8"}) + string(digits(r, 8))
}

// nmiPrefixes begin the NMIs of distributors AEMO allocates blocks to (Ausgrid, Endeavour,
// Essential, Evoenergy, CitiPower, Powercor, AusNet, Jemena, United, Energex, SA Power).
var nmiPrefixes = []string{"4102", "4103", "4310", "4001", "7001", "6102", "6203", "6305", "6001", "6407", "3114", "2002"}

// nmi makes a ten-character National Metering Identifier from a distributor's block.
func nmi(r *rng) string {
	b := []byte(r.pick(nmiPrefixes))
	return string(append(b, digits(r, 10-len(b))...))
}

// mirn makes a ten-digit Meter Installation Registration Number, as gas networks on the
// east coast number them (5…).
func mirn(r *rng) string {
	b := digits(r, 10)
	b[0], b[1] = '5', byte('2'+r.intn(4))
	return string(b)
}

// bsb makes an Australian bank-state-branch number (062-000).
func bsb(r *rng) string {
	b := digits(r, 6)
	return string(b[0:3]) + "-" + string(b[3:6])
}

// auAddress is an address on one line, the Australian way: street, suburb, state, postcode.
func auAddress(r *rng) string {
	p := pickPlace(r, auPlaces)
	return street(r) + ", " + p.town + " " + p.county + " " + p.area
}

// placePostcode is a postcode within place p: the suburb's own in Australia, a unit of
// its postcode area in Great Britain.
func (m market) placePostcode(r *rng, p place) string {
	if m == marketAU {
		return p.area
	}
	b := append([]byte(p.area), strconv.Itoa(r.between(1, 20))...)
	b = append(b, ' ', byte('0'+r.intn(10)), postcodeUnitLetters[r.intn(len(postcodeUnitLetters))], postcodeUnitLetters[r.intn(len(postcodeUnitLetters))])
	return string(b)
}

// pickPlace draws one of list.
func pickPlace(r *rng, list []place) place { return list[r.intn(len(list))] }
