package fake

import (
	"slices"
	"strconv"
	"strings"
	"time"
)

// market is the country a tenant supplies, as its values show it: its places,
// postcodes, telephone numbers, currency, language and, in Great Britain and Australia,
// its supply point identifiers. A Faker's market follows its zone.
type market struct {
	country, currency, language string
	// energyTax is the factor of the VAT, GST or consumption tax on a household's energy
	// (1.19 in Germany), 0 where the SDL is left to say (Great Britain, Ireland); goodsTax
	// that of the standard rate on goods. A Texan price is before any sales tax.
	energyTax, goodsTax float64
	// zones are the tz database names of the country's local times; a name ending in
	// "/" stands for every zone it begins.
	zones []string
	// places are real towns or suburbs; outside Great Britain a place's area is its whole
	// postcode (or, in Ireland, its Eircode's routing key).
	places []place
	// regions are the counties, states or provinces addresses name.
	regions []string
	// mobile and landline are numbers in E.164, from ranges kept for fiction where the
	// country keeps one.
	mobile, landline func(r *rng) string
	// street is a street address the way the country writes it.
	street func(r *rng) string
	// oneLine is an address on one line: street, place and postcode in the country's order.
	oneLine func(street string, p place, postcode string) string
	// postcode is a postcode within p.
	postcode func(r *rng, p place) string
}

// gb reports whether m is Great Britain's (or none), whose values keep their own
// generators.
func (m *market) gb() bool { return m == nil || m == marketGB }

var marketGB = &market{country: "GB", currency: "GBP", language: "en-GB", goodsTax: 1.2, places: places, regions: counties}

var marketAU = &market{
	country: "AU", currency: "AUD", language: "en-AU", energyTax: 1.1, goodsTax: 1.1, zones: []string{"Australia/"},
	places: auPlaces, regions: []string{"NSW", "VIC", "QLD", "SA", "WA", "TAS", "ACT", "NT"},
	mobile: func(r *rng) string { return "+61" + r.pick(auDramaMobiles) },
	landline: func(r *rng) string {
		return "+61" + r.pick([]string{"2", "3", "7", "8"}) + r.pick([]string{"5550", "7010"}) + string(digits(r, 4))
	},
	street: street,
	oneLine: func(street string, p place, postcode string) string {
		return street + ", " + p.town + " " + p.county + " " + postcode
	},
}

// markets are the countries besides Great Britain whose tenants' values the Faker makes
// their own: Kraken's tenants in Australia, New Zealand, Ireland, Germany, France, Spain,
// Italy, Japan and the United States.
var markets = []*market{
	marketAU,
	{
		country: "NZ", currency: "NZD", language: "en-NZ", energyTax: 1.15, goodsTax: 1.15, zones: []string{"Pacific/Auckland", "Pacific/Chatham", "NZ"},
		places: []place{
			{"Auckland", "Auckland", "1010", -36.8485, 174.7633}, {"Ponsonby", "Auckland", "1011", -36.8560, 174.7460},
			{"Hamilton", "Waikato", "3204", -37.7870, 175.2793}, {"Tauranga", "Bay of Plenty", "3110", -37.6878, 176.1651},
			{"Wellington", "Wellington", "6011", -41.2866, 174.7756}, {"Christchurch", "Canterbury", "8011", -43.5321, 172.6362},
			{"Dunedin", "Otago", "9016", -45.8788, 170.5028},
		},
		mobile: func(r *rng) string { return "+6421" + string(digits(r, 7)) },
		landline: func(r *rng) string {
			return "+64" + r.pick([]string{"3", "4", "6", "7", "9"}) + strconv.Itoa(r.between(2, 9)) + string(digits(r, 6))
		},
		street:  street,
		oneLine: func(street string, p place, postcode string) string { return street + ", " + p.town + " " + postcode },
	},
	{
		country: "IE", currency: "EUR", language: "en-IE", goodsTax: 1.23, zones: []string{"Europe/Dublin", "Eire"},
		places: []place{
			{"Dublin 2", "County Dublin", "D02", 53.3382, -6.2591}, {"Dublin 8", "County Dublin", "D08", 53.3390, -6.2880},
			{"Cork", "County Cork", "T12", 51.8985, -8.4756}, {"Galway", "County Galway", "H91", 53.2707, -9.0568},
			{"Limerick", "County Limerick", "V94", 52.6638, -8.6267}, {"Waterford", "County Waterford", "X91", 52.2593, -7.1101},
		},
		mobile:   ieDrama,
		landline: ieDrama,
		street:   street,
		oneLine:  func(street string, p place, postcode string) string { return street + ", " + p.town + ", " + postcode },
		postcode: func(r *rng, p place) string {
			return p.area + " " + string(pickBytes(r, "ACDEFHKNPRTVWXY", 1)) + string(pickBytes(r, "0123456789ACDEFHKNPRTVWXY", 3))
		},
	},
	{
		country: "DE", currency: "EUR", language: "de-DE", energyTax: 1.19, goodsTax: 1.19, zones: []string{"Europe/Berlin", "Europe/Busingen"},
		places: []place{
			{"Berlin", "Berlin", "10115", 52.5200, 13.4050}, {"Hamburg", "Hamburg", "20095", 53.5511, 9.9937},
			{"München", "Bayern", "80331", 48.1351, 11.5820}, {"Köln", "Nordrhein-Westfalen", "50667", 50.9375, 6.9603},
			{"Frankfurt am Main", "Hessen", "60311", 50.1109, 8.6821}, {"Stuttgart", "Baden-Württemberg", "70173", 48.7758, 9.1829},
			{"Leipzig", "Sachsen", "04109", 51.3397, 12.3731}, {"Düsseldorf", "Nordrhein-Westfalen", "40213", 51.2277, 6.7735},
		},
		mobile:   func(r *rng) string { return "+4915" + r.pick([]string{"1", "2", "7"}) + string(digits(r, 8)) },
		landline: func(r *rng) string { return "+49" + r.pick(deDramaLandlines) + string(digits(r, 3)) },
		street: func(r *rng) string {
			return r.pick([]string{"Linden", "Berg", "Garten", "Schiller", "Goethe", "Bahnhof", "Kirch", "Mühlen"}) +
				r.pick([]string{"straße", "weg", "allee", "gasse"}) + " " + strconv.Itoa(r.between(1, 120))
		},
		oneLine: continental,
	},
	{
		country: "FR", currency: "EUR", language: "fr-FR", energyTax: 1.2, goodsTax: 1.2, zones: []string{"Europe/Paris"},
		places: []place{
			{"Paris", "Île-de-France", "75001", 48.8566, 2.3522}, {"Lyon", "Auvergne-Rhône-Alpes", "69001", 45.7640, 4.8357},
			{"Marseille", "Provence-Alpes-Côte d'Azur", "13001", 43.2965, 5.3698}, {"Toulouse", "Occitanie", "31000", 43.6047, 1.4442},
			{"Nantes", "Pays de la Loire", "44000", 47.2184, -1.5536}, {"Bordeaux", "Nouvelle-Aquitaine", "33000", 44.8378, -0.5792},
			{"Lille", "Hauts-de-France", "59000", 50.6292, 3.0573}, {"Strasbourg", "Grand Est", "67000", 48.5734, 7.7521},
		},
		mobile:   func(r *rng) string { return "+3363998" + string(digits(r, 4)) },
		landline: func(r *rng) string { return "+33" + r.pick(frFictionLandlines) + string(digits(r, 4)) },
		street: func(r *rng) string {
			return strconv.Itoa(r.between(1, 120)) + " " + r.pick([]string{"rue", "avenue", "boulevard", "place"}) + " " +
				r.pick([]string{"de la Paix", "Victor Hugo", "des Lilas", "du Moulin", "Jean Jaurès", "de la République"})
		},
		oneLine: continental,
	},
	{
		country: "ES", currency: "EUR", language: "es-ES", energyTax: 1.21, goodsTax: 1.21, zones: []string{"Europe/Madrid", "Atlantic/Canary", "Africa/Ceuta"},
		places: []place{
			{"Madrid", "Comunidad de Madrid", "28001", 40.4168, -3.7038}, {"Barcelona", "Cataluña", "08001", 41.3874, 2.1686},
			{"Valencia", "Comunidad Valenciana", "46001", 39.4699, -0.3763}, {"Sevilla", "Andalucía", "41001", 37.3891, -5.9845},
			{"Zaragoza", "Aragón", "50001", 41.6488, -0.8891}, {"Málaga", "Andalucía", "29001", 36.7213, -4.4214},
			{"Bilbao", "País Vasco", "48001", 43.2630, -2.9350},
		},
		mobile:   func(r *rng) string { return "+346" + string(digits(r, 8)) },
		landline: func(r *rng) string { return "+349" + r.pick([]string{"1", "3", "5", "6"}) + string(digits(r, 7)) },
		street: func(r *rng) string {
			return r.pick([]string{"Calle", "Avenida", "Paseo", "Plaza"}) + " " +
				r.pick([]string{"Mayor", "del Sol", "de la Paz", "Real", "de Alcalá", "de Gracia"}) + " " + strconv.Itoa(r.between(1, 120))
		},
		oneLine: continental,
	},
	{
		country: "IT", currency: "EUR", language: "it-IT", energyTax: 1.1, goodsTax: 1.22, zones: []string{"Europe/Rome"},
		places: []place{
			{"Roma", "Lazio", "00118", 41.9028, 12.4964}, {"Milano", "Lombardia", "20121", 45.4642, 9.1900},
			{"Napoli", "Campania", "80121", 40.8518, 14.2681}, {"Torino", "Piemonte", "10121", 45.0703, 7.6869},
			{"Bologna", "Emilia-Romagna", "40121", 44.4949, 11.3426}, {"Firenze", "Toscana", "50121", 43.7696, 11.2558},
		},
		mobile: func(r *rng) string { return "+393" + string(digits(r, 9)) },
		landline: func(r *rng) string {
			return "+390" + r.pick([]string{"6", "2", "81", "11", "51", "55"}) + string(digits(r, 7))
		},
		street: func(r *rng) string {
			return r.pick([]string{"Via", "Viale", "Corso", "Piazza"}) + " " +
				r.pick([]string{"Roma", "Garibaldi", "Dante", "Mazzini", "dei Mille", "Verdi"}) + " " + strconv.Itoa(r.between(1, 120))
		},
		oneLine: continental,
	},
	{
		country: "JP", currency: "JPY", language: "ja-JP", energyTax: 1.1, goodsTax: 1.1, zones: []string{"Asia/Tokyo", "Japan"},
		places: []place{
			{"Chiyoda", "Tokyo", "100-0001", 35.6940, 139.7536}, {"Shibuya", "Tokyo", "150-0002", 35.6580, 139.7016},
			{"Yokohama", "Kanagawa", "220-0011", 35.4437, 139.6380}, {"Osaka", "Osaka", "530-0001", 34.7025, 135.4959},
			{"Nagoya", "Aichi", "450-0002", 35.1709, 136.8815}, {"Sapporo", "Hokkaido", "060-0001", 43.0621, 141.3544},
			{"Fukuoka", "Fukuoka", "810-0001", 33.5902, 130.4017},
		},
		mobile: func(r *rng) string { return "+81" + r.pick([]string{"70", "80", "90"}) + string(digits(r, 8)) },
		landline: func(r *rng) string {
			area := r.pick([]string{"3", "6", "45", "52"}) // Tokyo, Osaka, Yokohama, Nagoya: nine digits after 0
			return "+81" + area + string(digits(r, 9-len(area)))
		},
		street: func(r *rng) string {
			return strconv.Itoa(r.between(1, 5)) + "-" + strconv.Itoa(r.between(1, 30)) + "-" + strconv.Itoa(r.between(1, 20))
		},
		oneLine: func(street string, p place, postcode string) string {
			return street + " " + p.town + ", " + p.county + " " + postcode
		},
	},
	{
		country: "US", currency: "USD", language: "en-US", energyTax: 1, goodsTax: 1,
		zones: []string{"America/New_York", "America/Chicago", "America/Denver", "America/Phoenix", "America/Los_Angeles",
			"America/Anchorage", "Pacific/Honolulu", "US/"},
		places: []place{
			{"Houston", "TX", "77002", 29.7604, -95.3698}, {"Dallas", "TX", "75201", 32.7767, -96.7970},
			{"Austin", "TX", "78701", 30.2672, -97.7431}, {"San Antonio", "TX", "78205", 29.4241, -98.4936},
			{"Fort Worth", "TX", "76102", 32.7555, -97.3308}, {"Chicago", "IL", "60601", 41.8853, -87.6216},
			{"New York", "NY", "10001", 40.7506, -73.9972}, {"Los Angeles", "CA", "90012", 34.0537, -118.2428},
		},
		// 555-0100 to 555-0199 are the numbers kept for fiction in every area code.
		mobile:   func(r *rng) string { return "+1" + r.pick(usAreaCodes) + "55501" + string(digits(r, 2)) },
		landline: func(r *rng) string { return "+1" + r.pick(usAreaCodes) + "55501" + string(digits(r, 2)) },
		street: func(r *rng) string {
			return strconv.Itoa(r.between(100, 9999)) + " " + r.pick([]string{"Main", "Oak", "Elm", "Maple", "Cedar", "Washington"}) + " " +
				r.pick([]string{"St", "Ave", "Blvd", "Dr", "Ln"})
		},
		oneLine: func(street string, p place, postcode string) string {
			return street + ", " + p.town + ", " + p.county + " " + postcode
		},
	},
}

// ieDrama is a number from the range ComReg keeps for drama, 020 91x xxxx, for a
// mobile or a landline alike.
func ieDrama(r *rng) string { return "+3532091" + string(digits(r, 5)) }

// deDramaLandlines are the numbers the Bundesnetzagentur keeps for drama, less their
// last three digits: (0)30 23125, (0)69 90009, (0)40 66969, (0)221 4710, (0)89 99998.
var deDramaLandlines = []string{"3023125", "6990009", "4066969", "2214710", "8999998"}

// frFictionLandlines are ARCEP's geographic blocks kept for fiction, less their last
// four digits: 01 99 00, 02 61 91, 03 53 01, 04 65 71, 05 36 49 (its mobile one is 06 39 98).
var frFictionLandlines = []string{"19900", "26191", "35301", "46571", "53649"}

// auDramaMobiles are the mobile numbers ACMA keeps for fiction, as +61 writes them
// (0491 570 156 is 491570156).
var auDramaMobiles = []string{"491570006", "491570156", "491570157", "491570158", "491570159", "491570110",
	"491570313", "491570737", "491571266", "491571491", "491571804", "491572549", "491572665", "491572983",
	"491573087", "491573770", "491574118", "491574632", "491575254", "491575789", "491576398", "491576801",
	"491577426", "491577644", "491578148", "491578888", "491578957", "491579212", "491579455", "491579760"}

// usAreaCodes are area codes of the places above.
var usAreaCodes = []string{"713", "214", "512", "210", "817", "312", "212", "213"}

// continental is an address on one line the way much of Europe writes it: street and
// number, then postcode and town.
func continental(street string, p place, postcode string) string {
	return street + ", " + postcode + " " + p.town
}

func init() {
	for _, m := range markets {
		if m.regions == nil {
			for _, p := range m.places {
				if !slices.Contains(m.regions, p.county) {
					m.regions = append(m.regions, p.county)
				}
			}
		}
	}
}

// marketOf is the market of a tenant whose local time is zone: the country that zone is
// in, else Great Britain.
func marketOf(zone *time.Location) *market {
	if zone == nil {
		return marketGB
	}
	name := zone.String()
	for _, m := range markets {
		for _, z := range m.zones {
			if name == z || strings.HasSuffix(z, "/") && strings.HasPrefix(name, z) {
				return m
			}
		}
	}
	return marketGB
}

// Country is the ISO 3166 code of the country a tenant in zone supplies: AU for a zone in
// Australia, DE for Europe/Berlin, and so on; GB for a zone of no country the Faker knows.
func Country(zone *time.Location) string { return marketOf(zone).country }

// EnergyTax is the factor of the tax on a household's energy in the country of a tenant
// in zone (1.10 in Australia, 1.19 in Germany); false where the Faker leaves it to the
// tenant's SDL (Great Britain, Ireland, a zone of no known country).
func EnergyTax(zone *time.Location) (float64, bool) {
	t := marketOf(zone).energyTax
	return t, t > 0
}

// GoodsTax is the factor of the standard VAT or GST on goods in the country of a tenant
// in zone: 1.2 in Great Britain (and for a zone of no known country), 1.1 in Australia.
func GoodsTax(zone *time.Location) float64 { return marketOf(zone).goodsTax }

// Currency is the ISO 4217 code of the money of a tenant in zone: AUD in Australia, EUR
// in Germany, GBP for a zone of no country the Faker knows.
func Currency(zone *time.Location) string { return marketOf(zone).currency }

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

// auStateNames are Australia's states and territories written out.
var auStateNames = []string{
	"New South Wales", "Victoria", "Queensland", "South Australia", "Western Australia", "Tasmania",
	"Australian Capital Territory", "Northern Territory",
}

// IsRegion reports whether an address line is a region above a town: a British county, or
// an Australian state or territory (abbreviated or written out).
func IsRegion(line string) bool {
	line = strings.TrimSpace(line)
	for _, list := range [][]string{counties, marketAU.regions, auStateNames} {
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

// nmiPrefixes begin the NMIs of the networks AEMO allocates blocks to.
var nmiPrefixes = NMIPrefixes("")

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

// pickPlace draws one of list.
func pickPlace(r *rng, list []place) place { return list[r.intn(len(list))] }

// placePostcode is a postcode within place p: a unit of its postcode area in Great
// Britain, an Eircode of its routing key in Ireland, its own elsewhere.
func (m *market) placePostcode(r *rng, p place) string {
	switch {
	case m.gb():
		b := append([]byte(p.area), strconv.Itoa(r.between(1, 20))...)
		b = append(b, ' ', byte('0'+r.intn(10)), postcodeUnitLetters[r.intn(len(postcodeUnitLetters))], postcodeUnitLetters[r.intn(len(postcodeUnitLetters))])
		return string(b)
	case m.postcode != nil:
		return m.postcode(r, p)
	}
	return p.area
}

// address is an address on one line in the market's format.
func (m *market) address(r *rng) string {
	p := pickPlace(r, m.places)
	street := m.street(r)
	return m.oneLine(street, p, m.placePostcode(r, p))
}

// placeOf finds the market's place a town name or a postcode names; in Australia a
// postcode the places lack is the nearest postcode's place in its state or territory.
func (m *market) placeOf(hints []string) (place, bool) {
	if p, ok := m.namedPlace(hints); ok || m != marketAU {
		return p, ok
	}
	for _, h := range hints {
		code := strings.TrimSpace(h)
		state := PostcodeState(code)
		if state == "" {
			continue
		}
		n, _ := strconv.Atoi(code)
		best, gap := -1, 0
		for i, p := range m.places {
			at, _ := strconv.Atoi(p.area)
			if d := max(at-n, n-at); p.county == state && (best < 0 || d < gap) {
				best, gap = i, d
			}
		}
		if best >= 0 {
			return m.places[best], true
		}
	}
	return place{}, false
}

// namedPlace finds the market's place a town name or a postcode names.
func (m *market) namedPlace(hints []string) (place, bool) {
	for _, h := range hints {
		for _, p := range m.places {
			if strings.EqualFold(h, p.town) || !m.gb() && strings.HasPrefix(strings.ToUpper(strings.TrimSpace(h)), p.area) {
				return p, true
			}
		}
		if !m.gb() {
			continue
		}
		area := strings.ToUpper(strings.TrimRightFunc(strings.Fields(h + " ")[0], func(r rune) bool { return r >= '0' && r <= '9' || r >= 'a' && r <= 'z' }))
		if i := strings.IndexFunc(area, func(r rune) bool { return r >= '0' && r <= '9' }); i > 0 {
			area = area[:i]
		}
		for _, p := range m.places {
			if area != "" && area == p.area {
				return p, true
			}
		}
	}
	return place{}, false
}
