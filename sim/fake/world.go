package fake

import (
	"math"
	"strings"
	"sync"
	"time"
	_ "time/tzdata" // the zones a tenant and a request name, in any container

	"github.com/vektah/gqlparser/v2/ast"
)

// TimeFormat says how a leaf field renders a point in time.
type TimeFormat uint8

// The time formats a leaf can have; NotTime is a field that is no point in time
// (a time of day, a birth date, a year, a duration); AsPythonString is a String that
// Kraken's Python made of a UTC date-time (str of a datetime: "2024-02-25 02:00:00+00:00"),
// as its deprecated strings that a DateTime field has replaced (startDt) are.
const (
	NotTime TimeFormat = iota
	AsDate
	AsDateTime
	AsUnix
	AsPythonString
)

// TimeFormatOf reports how a field renders a point in time, from the same rules Leaf uses.
func (f *Faker) TimeFormatOf(parentType, field string, typ *ast.Definition) TimeFormat {
	if typ == nil || typ.Kind != ast.Scalar {
		return NotTime
	}
	for _, w := range splitWords(field) {
		if w == "birth" || w == "dob" || w == "born" {
			return NotTime
		}
	}
	c := call{parent: parentType, field: field, cls: classOf(typ.Name)}
	switch table[f.ruleFor(hashStrings(parentType, field, typ.Name), &c)].name {
	case "unix time":
		return AsUnix
	case "date-time":
		if c.cls == cDate {
			return AsDate
		}
		return AsDateTime
	case "date":
		if c.cls == cDateTime {
			return AsDateTime
		}
		return AsDate
	case "default":
		switch c.cls {
		case cDate:
			return AsDate
		case cDateTime:
			return AsDateTime
		}
	}
	return NotTime
}

// DateTimeLayout is how Kraken tells a DateTime: local time with its offset, never "Z".
const DateTimeLayout = "2006-01-02T15:04:05-07:00"

// FormatTime renders t as a leaf of scalar typ in format tf: dates as "2006-01-02",
// date-times in the Faker's local time with their offset, Unix times as seconds.
func (f *Faker) FormatTime(t time.Time, tf TimeFormat, typ *ast.Definition) any {
	return f.FormatTimeIn(t, tf, typ, f.zone)
}

// FormatTimeIn is FormatTime with dates and date-times in zone (a timezone argument's).
func (f *Faker) FormatTimeIn(t time.Time, tf TimeFormat, typ *ast.Definition, zone *time.Location) any {
	cls := cString
	if typ != nil {
		cls = classOf(typ.Name)
	}
	switch {
	case tf == AsUnix || cls == cInt || cls == cBigInt:
		if cls == cBigInt {
			return t.Unix()
		}
		return int(t.Unix())
	case tf == AsDate || cls == cDate:
		return t.In(zone).Format(time.DateOnly)
	case tf == AsPythonString:
		return t.UTC().Format("2006-01-02 15:04:05-07:00")
	}
	return t.In(zone).Format(DateTimeLayout)
}

// UKTime is t in UK time (GMT, or BST from 01:00 UTC on the last Sunday of March to
// 01:00 UTC on the last Sunday of October), for callers that place things on the UK's
// clock (a tariff's off-peak hours).
func UKTime(t time.Time) time.Time { return t.In(london()) }

// london is Europe/London from the tz database this package embeds.
var london = sync.OnceValue(func() *time.Location {
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		return time.UTC // unreachable: time/tzdata is linked in
	}
	return loc
})

// LocalZone is a tenant's local time, the zone its SDL's timezone arguments default to
// ("Defaults to Kraken localtime": Europe/London for Octopus, Australia/Sydney for
// Origin); of several, the most used place, before fixed offsets such as Etc/GMT-10.
// Without one it is UK time.
func LocalZone(schema *ast.Schema) *time.Location {
	if schema == nil {
		return london()
	}
	count := map[string]int{}
	for _, d := range schema.Types {
		for _, fd := range d.Fields {
			for _, a := range fd.Arguments {
				if a.DefaultValue == nil || a.DefaultValue.Kind != ast.StringValue || !ZoneArg(a.Name) {
					continue
				}
				count[a.DefaultValue.Raw]++
			}
		}
	}
	best, bestScore := "", 0
	for name, n := range count {
		score := 2 * n
		if strings.Contains(name, "/") && !strings.HasPrefix(name, "Etc/") {
			score += 1 << 20
		}
		if score > bestScore || score == bestScore && name < best {
			if _, ok := Zone(name); ok {
				best, bestScore = name, score
			}
		}
	}
	if loc, ok := Zone(best); ok {
		return loc
	}
	return london()
}

// ZoneArg reports whether an argument names a time zone: timezone, timeZone, tz.
func ZoneArg(name string) bool {
	ws := splitWords(name)
	return len(ws) == 1 && (ws[0] == "timezone" || ws[0] == "tz") || len(ws) == 2 && ws[0] == "time" && ws[1] == "zone"
}

// zones holds the tz database's locations loaded so far, by name; only names that load
// are kept, so it holds at most the database's few hundred zones.
var zones sync.Map

// Zone is the tz database's location of an IANA name ("Europe/Berlin"); false for a name
// it does not know, and for an empty one.
func Zone(name string) (*time.Location, bool) {
	if name == "" || name == "Local" || len(name) > 64 {
		return nil, false
	}
	if v, ok := zones.Load(name); ok {
		return v.(*time.Location), true
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, false
	}
	zones.Store(name, loc)
	return loc, true
}

// saltPlace keeps the place stream apart from the others.
const saltPlace = 0x51ac3f0d28e4b6a7

// place is a real UK town with its county, a postcode area that serves it and its centre.
type place struct {
	town, county, area string
	lat, lon           float64
}

var places = []place{
	{"London", "Greater London", "SE", 51.5072, -0.1276},
	{"Manchester", "Greater Manchester", "M", 53.4808, -2.2426},
	{"Birmingham", "West Midlands", "B", 52.4862, -1.8904},
	{"Leeds", "West Yorkshire", "LS", 53.8008, -1.5491},
	{"Sheffield", "South Yorkshire", "S", 53.3811, -1.4701},
	{"Bristol", "Bristol", "BS", 51.4545, -2.5879},
	{"Liverpool", "Merseyside", "L", 53.4084, -2.9916},
	{"Nottingham", "Nottinghamshire", "NG", 52.9548, -1.1581},
	{"Leicester", "Leicestershire", "LE", 52.6369, -1.1398},
	{"Brighton", "East Sussex", "BN", 50.8225, -0.1372},
	{"Norwich", "Norfolk", "NR", 52.6309, 1.2974},
	{"Cambridge", "Cambridgeshire", "CB", 52.2053, 0.1218},
	{"Oxford", "Oxfordshire", "OX", 51.7520, -1.2577},
	{"York", "North Yorkshire", "YO", 53.9600, -1.0873},
	{"Exeter", "Devon", "EX", 50.7184, -3.5339},
	{"Plymouth", "Devon", "PL", 50.3755, -4.1427},
	{"Southampton", "Hampshire", "SO", 50.9097, -1.4044},
	{"Reading", "Berkshire", "RG", 51.4543, -0.9781},
	{"Bath", "Somerset", "BA", 51.3811, -2.3590},
	{"Cardiff", "South Glamorgan", "CF", 51.4816, -3.1791},
	{"Swansea", "West Glamorgan", "SA", 51.6214, -3.9436},
	{"Edinburgh", "City of Edinburgh", "EH", 55.9533, -3.1883},
	{"Glasgow", "Glasgow City", "G", 55.8642, -4.2518},
	{"Aberdeen", "Aberdeenshire", "AB", 57.1497, -2.0943},
	{"Newcastle upon Tyne", "Tyne and Wear", "NE", 54.9783, -1.6178},
	{"Lancaster", "Lancashire", "LA", 54.0466, -2.8007},
	{"Chester", "Cheshire", "CH", 53.1934, -2.8931},
	{"Derby", "Derbyshire", "DE", 52.9225, -1.4746},
	{"Coventry", "West Midlands", "CV", 52.4068, -1.5197},
	{"Gloucester", "Gloucestershire", "GL", 51.8642, -2.2382},
	{"Ipswich", "Suffolk", "IP", 52.0567, 1.1482},
	{"Canterbury", "Kent", "CT", 51.2802, 1.0789},
	{"Guildford", "Surrey", "GU", 51.2362, -0.5704},
	{"Truro", "Cornwall", "TR", 50.2632, -5.0510},
	{"Salisbury", "Wiltshire", "SP", 51.0688, -1.7945},
	{"Lincoln", "Lincolnshire", "LN", 53.2307, -0.5406},
}

// IsPlace reports whether Place answers the field: a postcode, town, county, latitude,
// longitude, or an address's third or fourth line.
func (f *Faker) IsPlace(parentType, field string, typ *ast.Definition) bool {
	if typ == nil || typ.Kind != ast.Scalar {
		return false
	}
	c := call{parent: parentType, field: field, cls: classOf(typ.Name)}
	switch table[f.ruleFor(hashStrings(parentType, field, typ.Name), &c)].name {
	case "postcode", "town", "county", "latitude", "longitude":
		return true
	case "address line":
		return placeLine(field) != ""
	}
	return false
}

// Place returns the value of an address field (postcode, town, county, latitude,
// longitude, an address's third or fourth line) of the place that key stands for, so
// that every address field of one object describes the same town; ok is false for
// other fields.
// Hints (a postcode or town the object already has) choose the place they name.
func (f *Faker) Place(key uint64, parentType, field string, typ *ast.Definition, hints []string) (any, bool) {
	if typ == nil || typ.Kind != ast.Scalar {
		return nil, false
	}
	c := call{parent: parentType, field: field, cls: classOf(typ.Name)}
	name := table[f.ruleFor(hashStrings(parentType, field, typ.Name), &c)].name
	r := rng{s: mix64(f.leafSeed ^ key ^ saltPlace)}
	p := pickPlace(&r, f.market.places)
	if h, ok := f.market.placeOf(hints); ok {
		p = h
	}
	c.r = rng{s: mix64(key ^ hashStrings(field))}
	switch name {
	case "postcode":
		return f.market.placePostcode(&r, p), true
	case "town":
		return p.town, true
	case "county":
		return p.county, true
	case "latitude":
		return number(&c, p.lat+jitter(&r), 6), true
	case "longitude":
		r.next()
		return number(&c, p.lon+jitter(&r), 6), true
	case "address line":
		return map[string]string{"town": p.town, "county": p.county}[placeLine(field)], true
	}
	return nil, false
}

// placeLine is the part of a place an address's numbered line holds (addressLine3 its
// town, addressLine4 its county), or "" for a line that holds no part of it.
func placeLine(field string) string {
	switch {
	case strings.HasSuffix(field, "3"):
		return "town"
	case strings.HasSuffix(field, "4"):
		return "county"
	}
	return ""
}

// jitter is a few kilometres either way, so that neighbours do not share a point.
func jitter(r *rng) float64 { return math.Round((float64(r.intn(801))-400)/10) / 1000 }

// Words splits a camelCase, PascalCase or snake_case name into lower-case words, as the
// rules read field names.
func Words(name string) []string { return splitWords(name) }

// HashStrings hashes strings (FNV-1a, with a separator after each), for callers that key
// values by names.
func HashStrings(ss ...string) uint64 { return hashStrings(ss...) }

// Mix64 mixes a key into a well-spread 64-bit value (the splitmix64 finaliser), for
// callers that draw a value straight from a key.
func Mix64(z uint64) uint64 { return mix64(z) }

// Stream is a deterministic random stream (splitmix64) seeded from a key, for callers
// that draw values of their own from the same keys as Leaf.
type Stream struct{ r rng }

// NewStream returns the stream of seed.
func NewStream(seed uint64) *Stream { return &Stream{r: rng{s: seed}} }

// Intn returns a number in [0, n); 0 when n <= 0.
func (s *Stream) Intn(n int) int { return s.r.intn(n) }

// Between returns a number in [lo, hi].
func (s *Stream) Between(lo, hi int) int { return s.r.between(lo, hi) }
