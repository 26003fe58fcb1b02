package fake

import (
	"slices"
	"strconv"
	"strings"
)

// PostcodeUnit is what a gazetteer knows of a UK postcode unit that no account holds a
// home in: the street its homes stand on, the town and county its area serves ("" for
// an area of no known town) and their house numbers, one side of the street.
type PostcodeUnit struct {
	Street, Town, County string
	Numbers              []int
}

// londonAreas are the postcode areas of the London post town.
var londonAreas = []string{"E", "EC", "N", "NW", "SE", "SW", "W", "WC"}

// UnitOf returns the postcode unit of a UK postcode, the same for the same postcode: 8
// to 19 houses on one side of one street.
func UnitOf(postcode string) PostcodeUnit {
	pc := strings.ToUpper(strings.Join(strings.Fields(postcode), " "))
	r := rng{s: mix64(hashStrings("postcode unit", pc))}
	u := PostcodeUnit{Street: r.pick(streetNames) + " " + r.pick(streetSuffixes)}
	area := pc
	if i := strings.IndexFunc(pc, func(c rune) bool { return c < 'A' || c > 'Z' }); i >= 0 {
		area = pc[:i]
	}
	for _, p := range places {
		if p.area == area || p.town == "London" && slices.Contains(londonAreas, area) {
			u.Town, u.County = p.town, p.county
		}
	}
	first, n := 1+2*r.intn(60), r.between(8, 19)
	for i := range n {
		u.Numbers = append(u.Numbers, first+2*i)
	}
	return u
}

// MPANIn returns the 13-digit MPAN core key stands for, of the distribution area whose
// id (10 to 23) it is given, with its check digit.
func MPANIn(key uint64, distributor int) string {
	r := rng{s: mix64(key)}
	return mpanOf(&r, distributor)
}

// MPRN returns the 10-digit gas meter point reference key stands for.
func MPRN(key uint64) string {
	r := rng{s: mix64(key)}
	b := digits(&r, 10)
	b[0] = byte('1' + r.intn(9))
	return string(b)
}

// UPRN returns the Unique Property Reference Number key stands for: up to 12 digits.
func UPRN(key uint64) string {
	return strconv.FormatUint(10000000+mix64(key)%999990000000, 10)
}
