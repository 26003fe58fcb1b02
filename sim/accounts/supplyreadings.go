package accounts

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/fake"
	"github.com/krakensim/krakensim/sim/world"
)

// A supply point's readings (Origin's HasReadings.readings): what its meter's register
// draws, the register measurements reads, bucket by bucket of timeGranularity (THIRTY_MIN,
// the meter's own half hours, when none is given) from startAt's bucket to the last that
// begins before endAt, the buckets aligned on the calendar of timezone (the tenant's own
// when it is given null) and told in its offset, oldest first. A bucket holds what was
// read in it inside the window (one partly outside it only its part inside): nothing from before the
// supply began nor after the last midnight (what its supplier has read, where
// measurements stop), so the last bucket of a zone or granularity that does not end
// there holds the half hours read so far, as its quality group's count says. As
// measurements do, a smart meter's household that let it be read only daily or monthly
// has no finer bucket in those spans. importReadings read the import register,
// exportReadings the export one: a supply point is one or the other (the solar home's
// export point its array's), and a gas supply imports only.
//
// readingType INTERVAL is the energy used in the bucket; ACCUMULATION the register
// itself where the bucket's reading ends, as the meter's dial shows it; PEAK the highest
// mean power of a half hour in the bucket (demand), the meter's own interval. units
// filters the streams the meter records, each told in the first unit given that it can
// be: energy in WATT_HOURS, KILOWATT_HOURS (the default) or MEGAWATT_HOURS (a gas
// meter's also in the METERS_CUBED or FEET_CUBED it counts), power in WATT or KILOWATT
// (the default); a meter records no volts, amperes or reactive power, so units that name
// only those read no readings, as Kraken has none of a stream a meter does not record.

// readingUnit is a Units value a reading is told in: the factor from the register's kWh
// (kW for a peak) and the decimals it is written to (as measurements write kWh).
type readingUnit struct {
	name     string
	scale    float64
	decimals int
}

// cubicFeet is the cubic feet in a cubic metre.
const cubicFeet = 100 / cubicMetresPerHundredFeet

// energyUnits are the units an energy reading (INTERVAL, ACCUMULATION) can be told in.
var energyUnits = map[string]readingUnit{
	"WATT_HOURS":     {"WATT_HOURS", 1000, 1},
	"KILOWATT_HOURS": {"KILOWATT_HOURS", 1, 3},
	"MEGAWATT_HOURS": {"MEGAWATT_HOURS", 0.001, 6},
}

// volumeUnits are the units a gas meter's energy reading can also be told in: the
// volume it counts.
var volumeUnits = map[string]readingUnit{
	"METERS_CUBED": {"METERS_CUBED", 1 / kWhPerCubicMetre, 3},
	"FEET_CUBED":   {"FEET_CUBED", cubicFeet / kWhPerCubicMetre, 3},
}

// powerUnits are the units a PEAK reading can be told in.
var powerUnits = map[string]readingUnit{
	"WATT":     {"WATT", 1000, 1},
	"KILOWATT": {"KILOWATT", 1, 3},
}

// maxPeakSpan is the longest span of half hours PEAK readings look through in one
// request (two years), each read one by one.
const maxPeakSpan = 2 * 366 * 24 * time.Hour

// readingsQuery is what a readings field asks for.
type readingsQuery struct {
	kind        string // INTERVAL, ACCUMULATION or PEAK
	zone        *time.Location
	grouping    world.Grouping
	granularity string
	from, to    time.Time
	// units are the Units given, in order; none for the default.
	units []string
}

// readingsQueryOf reads a readings field's arguments; a KT-CT-13614 error for a
// timezone that is not an IANA name, KT-CT-4381 for a bound that is not a date-time.
func readingsQueryOf(w *env, args map[string]any) (readingsQuery, error) {
	q := readingsQuery{kind: str(args, "readingType"), zone: w.zone}
	if q.kind == "" {
		q.kind = "INTERVAL"
	}
	if v, given := args["timezone"].(string); given {
		name := strings.TrimSpace(v)
		z, ok := fake.Zone(name)
		if !ok {
			return q, readingsError(w, "KT-CT-13614", fmt.Sprintf("%q is not an IANA time zone name (Europe/Madrid, Australia/Sydney).", sim.Clip(name, 64)), "timezone")
		}
		q.zone = z
	}
	granularity := str(args, "timeGranularity")
	if granularity == "" {
		granularity = "THIRTY_MIN"
	}
	g, ok := world.GroupingOf(granularity)
	if !ok {
		return q, readingsError(w, "KT-CT-4381", fmt.Sprintf("%q is not a time granularity.", sim.Clip(granularity, 64)), "timeGranularity")
	}
	q.grouping, q.granularity = g, granularity
	var okFrom, okTo bool
	q.from, okFrom = parseTime(args["startAt"], q.zone)
	q.to, okTo = parseTime(args["endAt"], q.zone)
	switch {
	case !okFrom:
		return q, readingsError(w, "KT-CT-4381", "startAt is not a date-time (2026-12-01T00:00:00+01:00).", "startAt")
	case !okTo:
		return q, readingsError(w, "KT-CT-4381", "endAt is not a date-time (2026-12-03T00:00:00+01:00).", "endAt")
	}
	if list, ok := args["units"].([]any); ok {
		for _, u := range list {
			if s, ok := u.(string); ok {
				q.units = append(q.units, s)
			}
		}
	}
	return q, nil
}

// readingsError is a readings argument's error: the Kraken error for code saying what
// is wrong with the argument.
func readingsError(w *env, code, message, arg string) error {
	if w.call == nil {
		return fmt.Errorf("%s: %s", arg, message)
	}
	return w.call.ValidationError(code, message, arg)
}

// unit is the unit the readings of a register are told in, of those asked for; false
// when none fits the stream the query reads (energy, or power for PEAK).
func (q readingsQuery) unit(gas bool) (readingUnit, bool) {
	fits := func(name string) (readingUnit, bool) {
		if q.kind == "PEAK" {
			u, ok := powerUnits[name]
			return u, ok
		}
		if u, ok := energyUnits[name]; ok {
			return u, true
		}
		u, ok := volumeUnits[name]
		return u, ok && gas
	}
	if len(q.units) == 0 {
		if q.kind == "PEAK" {
			return powerUnits["KILOWATT"], true
		}
		return energyUnits["KILOWATT_HOURS"], true
	}
	for _, name := range q.units {
		if u, ok := fits(name); ok {
			return u, true
		}
	}
	return readingUnit{}, false
}

// readingSeries is one register's readings for a query: the buckets from first, by
// index (starts, when some are left out), their reading clipped to [readFrom, stop),
// the part of the window that was read.
type readingSeries struct {
	q         readingsQuery
	reg       world.Register
	unit      readingUnit
	first     time.Time
	n         int
	starts    []int // the indexes of the buckets listed, when not all of them are
	readFrom  time.Time
	stop      time.Time
	unitsName string
}

// seriesOf is the readings of meter wm (read from readFrom, what its supplier has read
// of it ending at stop) for q, in a household of zone home; KT-CT-4381 for a window of
// more buckets than world.MaxSeries, or PEAK readings over more than maxPeakSpan.
func seriesOf(w *env, q readingsQuery, wm world.Meter, gas bool, home *time.Location, stop time.Time) (readingSeries, error) {
	rs := readingSeries{q: q, readFrom: wm.ReadFrom, stop: stop}
	u, ok := q.unit(gas)
	if !ok {
		return rs, nil
	}
	rs.unit, rs.unitsName = u, u.name
	from, to := q.from, minTime(q.to, stop)
	if !wm.ReadFrom.IsZero() {
		from = maxTime(from, wm.ReadFrom)
	}
	if !to.After(from) {
		return rs, nil
	}
	rs.readFrom, rs.stop = from, to // a bucket partly outside the window holds only its part inside it
	rs.first = q.grouping.Floor(from.In(q.zone))
	rs.n = q.grouping.Count(rs.first, to)
	// measurements cap a window open at an end to its part a client reads next; both ends
	// of this one are required, so a cap would drop what was asked for without a word.
	if rs.n > world.MaxSeries {
		return readingSeries{}, readingsError(w, "KT-CT-4381",
			fmt.Sprintf("startAt to endAt holds %d %s readings, more than the %d one request answers; ask for a shorter window or a coarser timeGranularity.", rs.n, q.granularity, world.MaxSeries), "endAt")
	}
	if q.kind == "PEAK" && to.Sub(from) > maxPeakSpan {
		return readingSeries{}, readingsError(w, "KT-CT-4381", "PEAK readings look through at most two years of half hours in one request; ask for a shorter window.", "endAt")
	}
	rs.reg = wm.In(home)
	if len(wm.Coarse) > 0 && (q.grouping.SubDaily() || q.grouping.SubMonthly()) {
		rs.starts = make([]int, 0, rs.n)
		for i := range rs.n {
			if world.Collected(wm.Coarse, q.grouping.Add(rs.first, i), q.grouping.SubDaily(), q.grouping.SubMonthly()) {
				rs.starts = append(rs.starts, i)
			}
		}
	}
	return rs, nil
}

// len is how many readings the series lists.
func (rs readingSeries) len() int {
	if rs.starts != nil {
		return len(rs.starts)
	}
	return rs.n
}

// halfHour is the meter's own interval.
const halfHour = 30 * time.Minute

// node is the series' i-th Reading.
func (rs readingSeries) node(i int) any {
	if rs.starts != nil {
		i = rs.starts[i]
	}
	g := rs.q.grouping
	start, end := g.Add(rs.first, i), g.Add(rs.first, i+1)
	from, to := start, minTime(end, rs.stop)
	if !rs.readFrom.IsZero() {
		from = maxTime(from, rs.readFrom)
	}
	var v float64
	switch rs.q.kind {
	case "ACCUMULATION":
		v = rs.reg.At(to)
	case "PEAK":
		for t := from; t.Before(to); {
			next := minTime(t.Truncate(halfHour).Add(halfHour), to)
			v = math.Max(v, rs.reg.Use(t, next)/next.Sub(t).Hours())
			t = next
		}
	default:
		v = rs.reg.Use(from, to)
	}
	value := unitValue(v, rs.unit)
	count := 1 // the register read once
	if rs.q.kind != "ACCUMULATION" {
		count = int(to.Add(-1).Truncate(halfHour).Sub(from.Truncate(halfHour))/halfHour) + 1
	}
	return obj{"__typename": "Reading", "value": value, "units": rs.unitsName,
		"intervalStart": dateTime(start, rs.q.zone), "intervalEnd": dateTime(end, rs.q.zone),
		"qualities": []any{obj{"__typename": "ReadingQualityMeta", "quality": "ACTUAL", "value": value, "count": count}}}
}

// unitValue writes v (kWh, or kW) in unit u as a Decimal.
func unitValue(v float64, u readingUnit) string {
	p := math.Pow10(u.decimals)
	r := math.Round(v*u.scale*p) / p
	if r == 0 {
		r = 0 // not -0
	}
	return strconv.FormatFloat(r, 'f', u.decimals, 64)
}

// supplyReadings answers a supply point's readings: its meter point's (the one of the
// account's with id mpID and identifier ident) import or export register, as the
// query's arguments ask.
func supplyReadings(w *env, a *sim.Account, mpID, ident string, electricity bool, args map[string]any) (any, error) {
	q, err := readingsQueryOf(w, args)
	if err != nil {
		return nil, err
	}
	stop, _ := dayStart(w.today(), w.zone)
	series := map[bool]readingSeries{}
	if mp, gas, export := pointOf(a, mpID, ident, electricity); mp != "" {
		if wm, ok := meterIn(w, world.TenancyID(a.Number, mp)); ok { // as the account held it
			if !wm.ReadTo.IsZero() {
				stop = minTime(stop, wm.ReadTo)
			}
			rs, err := seriesOf(w, q, wm, gas, w.zone, stop)
			if err != nil {
				return nil, err
			}
			series[export] = rs
		}
	}
	page := func(export bool, typename string) sim.Lazy {
		return func(pargs map[string]any) (any, error) {
			rs := series[export]
			conn, err := world.ConnectionOf(rs.len(), rs.node, pargs, w.maxPage)
			if err != nil {
				return nil, err
			}
			conn["__typename"] = typename
			return conn, nil
		}
	}
	return obj{"__typename": "Readings", "importReadings": page(false, "ImportReadingsConnection"), "exportReadings": page(true, "ExportReadingsConnection")}, nil
}

// pointOf is the identifier (NMI, MIRN) of the account's meter point with id mpID (and
// identifier ident, when given) whose meter in place meterIn reads, whether it is gas,
// and whether it is an export's; "" for none the account has.
func pointOf(a *sim.Account, mpID, ident string, electricity bool) (id string, gas, export bool) {
	p := propertyOf(a, mpID)
	if p == nil {
		return "", false, false
	}
	if electricity {
		for i := range p.ElectricityMeterPoints {
			if mp := &p.ElectricityMeterPoints[i]; mp.ID == mpID && (ident == "" || mp.Identifier() == ident) {
				return mp.Identifier(), false, exportPoint(mp)
			}
		}
		return "", false, false
	}
	for i := range p.GasMeterPoints {
		if mp := &p.GasMeterPoints[i]; mp.ID == mpID && (ident == "" || mp.Identifier() == ident) {
			return mp.Identifier(), true, false
		}
	}
	return "", false, false
}
