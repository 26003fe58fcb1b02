package accounts

import (
	"math"
	"strconv"
	"testing"
	"time"

	"github.com/krakensim/krakensim/sim/world"
)

// TestReadingUnits: readings are told in the first unit given that their stream can be
// (energy, a gas meter's volume too, power for PEAK), KILOWATT_HOURS or KILOWATT when
// none is given, and in none when none fits.
func TestReadingUnits(t *testing.T) {
	for _, tc := range []struct {
		kind  string
		gas   bool
		units []string
		want  string // "" for none
	}{
		{"INTERVAL", false, nil, "KILOWATT_HOURS"},
		{"INTERVAL", false, []string{"KILOWATT_HOURS"}, "KILOWATT_HOURS"},
		{"INTERVAL", false, []string{"VOLT", "WATT_HOURS"}, "WATT_HOURS"},
		{"ACCUMULATION", false, []string{"MEGAWATT_HOURS"}, "MEGAWATT_HOURS"},
		{"INTERVAL", false, []string{"VOLT", "KILOWATT"}, ""},
		{"INTERVAL", false, []string{"METERS_CUBED"}, ""},
		{"INTERVAL", true, []string{"METERS_CUBED"}, "METERS_CUBED"},
		{"PEAK", false, nil, "KILOWATT"},
		{"PEAK", false, []string{"KILOWATT_HOURS", "WATT"}, "WATT"},
		{"PEAK", false, []string{"KILOWATT_HOURS"}, ""},
	} {
		u, ok := readingsQuery{kind: tc.kind, units: tc.units}.unit(tc.gas)
		if got := u.name; ok != (tc.want != "") || got != tc.want {
			t.Errorf("%s of %v (gas %v): %q, %v; want %q", tc.kind, tc.units, tc.gas, got, ok, tc.want)
		}
	}
}

// TestReadingValues: a value is written in its unit to that unit's decimals, never -0.
func TestReadingValues(t *testing.T) {
	for _, tc := range []struct {
		kwh  float64
		unit string
		want string
	}{
		{9.1354, "KILOWATT_HOURS", "9.135"},
		{9.1354, "WATT_HOURS", "9135.4"},
		{9.1354, "MEGAWATT_HOURS", "0.009135"},
		{-1e-9, "KILOWATT_HOURS", "0.000"},
		{1.5, "KILOWATT", "1.500"},
		{11.22, "METERS_CUBED", strconv.FormatFloat(math.Round(11.22/kWhPerCubicMetre*1000)/1000, 'f', 3, 64)},
	} {
		u, ok := energyUnits[tc.unit]
		if !ok {
			u, ok = powerUnits[tc.unit]
		}
		if !ok {
			u = volumeUnits[tc.unit]
		}
		if got := unitValue(tc.kwh, u); got != tc.want {
			t.Errorf("%v kWh in %s: %s; want %s", tc.kwh, tc.unit, got, tc.want)
		}
	}
}

// TestReadingBuckets: a register's readings are one per bucket of the granularity in the
// zone asked for (25 hours the day the clocks go back in Madrid), from startAt's bucket
// to the last that begins before endAt, none from before its supply began nor after
// what was read (the last bucket holding what was), each bucket's energy its register's
// use, its half hours its quality's count; a window of too many buckets is refused.
func TestReadingBuckets(t *testing.T) {
	zone := func(name string) *time.Location {
		loc, err := time.LoadLocation(name)
		if err != nil {
			t.Fatal(err)
		}
		return loc
	}
	sydney := zone("Australia/Sydney")
	w := &env{zone: sydney}
	readFrom := time.Date(2026, 10, 20, 13, 30, 0, 0, time.UTC)
	stop := time.Date(2026, 11, 30, 13, 0, 0, 0, time.UTC) // 1 December's midnight in Sydney
	wm := world.Meter{Register: "TEST-1", ReadFrom: readFrom}
	reg := wm.In(sydney)
	for _, tc := range []struct {
		name        string
		args        map[string]any
		n, count    int
		first, last string  // the first's start, the last's end
		lastCount   int     // the last bucket's half hours (count when 0)
		from        float64 // hours the first bucket's reading starts after its start
		err         string
	}{
		{name: "the clocks go back in Madrid", args: map[string]any{"startAt": "2026-10-25T00:00:00+02:00", "endAt": "2026-10-26T00:00:00+01:00", "timeGranularity": "HOUR", "timezone": "Europe/Madrid"},
			n: 25, count: 2, first: "2026-10-25T00:00:00+02:00", last: "2026-10-26T00:00:00+01:00"},
		{name: "that day in Madrid", args: map[string]any{"startAt": "2026-10-25T00:00:00+02:00", "endAt": "2026-10-26T00:00:00+01:00", "timeGranularity": "DAY", "timezone": "Europe/Madrid"},
			n: 1, count: 50, first: "2026-10-25T00:00:00+02:00", last: "2026-10-26T00:00:00+01:00"},
		{name: "days in Etc/GMT-10", args: map[string]any{"startAt": "2026-11-01T00:00:00+10:00", "endAt": "2026-11-04T00:00:00+10:00", "timeGranularity": "DAY", "timezone": "Etc/GMT-10"},
			n: 3, count: 48, first: "2026-11-01T00:00:00+10:00", last: "2026-11-04T00:00:00+10:00"},
		{name: "half hours by default", args: map[string]any{"startAt": "2026-11-01T00:00:00+10:00", "endAt": "2026-11-01T02:00:00+10:00", "timezone": "Etc/GMT-10"},
			n: 4, count: 1, first: "2026-11-01T00:00:00+10:00", last: "2026-11-01T02:00:00+10:00"},
		{name: "a naive window is read in the zone", args: map[string]any{"startAt": "2026-11-01T00:00:00", "endAt": "2026-11-02T00:00:00", "timeGranularity": "DAY", "timezone": "Europe/Madrid"},
			n: 1, count: 48, first: "2026-11-01T00:00:00+01:00", last: "2026-11-02T00:00:00+01:00"},
		{name: "the last day holds what was read", args: map[string]any{"startAt": "2026-11-29T00:00:00+01:00", "endAt": "2026-12-03T00:00:00+01:00", "timeGranularity": "DAY", "timezone": "Europe/Madrid"},
			n: 2, count: 48, first: "2026-11-29T00:00:00+01:00", last: "2026-12-01T00:00:00+01:00", lastCount: 28},
		{name: "the first day begins with the supply", args: map[string]any{"startAt": "2026-10-01T00:00:00+10:00", "endAt": "2026-10-23T00:00:00+10:00", "timeGranularity": "DAY", "timezone": "Etc/GMT-10"},
			n: 3, count: 48, first: "2026-10-20T00:00:00+10:00", last: "2026-10-23T00:00:00+10:00", from: 23.5},
		{name: "a month from the supply's start", args: map[string]any{"startAt": "2026-01-01T00:00:00+11:00", "endAt": "2027-01-01T00:00:00+11:00", "timeGranularity": "MONTH", "timezone": "Australia/Sydney"},
			n: 2, count: 1440, first: "2026-10-01T00:00:00+10:00", last: "2026-12-01T00:00:00+11:00", from: 479.5},
		{name: "an end before the start", args: map[string]any{"startAt": "2026-11-02T00:00:00+10:00", "endAt": "2026-11-01T00:00:00+10:00", "timeGranularity": "DAY"}},
		{name: "all after what was read", args: map[string]any{"startAt": "2026-12-05T00:00:00+10:00", "endAt": "2026-12-06T00:00:00+10:00", "timeGranularity": "DAY"}},
		{name: "too many buckets", args: map[string]any{"startAt": "2026-10-01T00:00:00+10:00", "endAt": "2026-12-01T00:00:00+10:00", "timeGranularity": "FIVE_MIN"},
			err: "endAt: startAt to endAt holds 11802 FIVE_MIN readings, more than the 2000 one request answers; ask for a shorter window or a coarser timeGranularity."},
		{name: "a zone that is not one", args: map[string]any{"startAt": "2026-10-01T00:00:00+10:00", "endAt": "2026-12-01T00:00:00+10:00", "timezone": "Mars/Olympus"},
			err: `timezone: "Mars/Olympus" is not an IANA time zone name (Europe/Madrid, Australia/Sydney).`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.args["readingType"] = "INTERVAL"
			q, err := readingsQueryOf(w, tc.args)
			var rs readingSeries
			if err == nil {
				rs, err = seriesOf(w, q, wm, false, sydney, stop)
			}
			if tc.err != "" || err != nil {
				if err == nil || err.Error() != tc.err {
					t.Fatalf("error %v; want %s", err, tc.err)
				}
				return
			}
			if rs.len() != tc.n {
				t.Fatalf("%d readings; want %d", rs.len(), tc.n)
			}
			if tc.n == 0 {
				return
			}
			var total float64
			for i := range rs.len() {
				r := rs.node(i).(obj)
				start, _ := time.Parse(time.RFC3339, r["intervalStart"].(string))
				end, _ := time.Parse(time.RFC3339, r["intervalEnd"].(string))
				count := r["qualities"].([]any)[0].(obj)["count"]
				want := tc.count
				if i == tc.n-1 && tc.lastCount > 0 {
					want = tc.lastCount
				}
				from := start
				if i == 0 {
					from = start.Add(time.Duration(tc.from * float64(time.Hour)))
				}
				if i > 0 && i < tc.n-1 || tc.lastCount == 0 {
					if v := unitValue(reg.Use(from, end), energyUnits["KILOWATT_HOURS"]); r["value"] != v {
						t.Errorf("%s: %v kWh; the register draws %s", start, r["value"], v)
					}
				}
				if i > 0 && i < tc.n-1 && count != want || i == tc.n-1 && count != want {
					t.Errorf("%s: %v half hours; want %d", start, count, want)
				}
				if i == 0 && r["intervalStart"] != tc.first || i == tc.n-1 && r["intervalEnd"] != tc.last {
					t.Errorf("reading %d from %v to %v; want the window %s to %s", i, r["intervalStart"], r["intervalEnd"], tc.first, tc.last)
				}
				v, _ := strconv.ParseFloat(r["value"].(string), 64)
				total += v
			}
			if tc.lastCount > 0 {
				// What was read in the window, to the last midnight.
				if want := reg.Use(maxTime(q.grouping.Floor(q.from.In(q.zone)), readFrom), stop); math.Abs(total-want) > 0.002*float64(tc.n) {
					t.Errorf("%.3f kWh in all; the register drew %.3f", total, want)
				}
			}
		})
	}
}

// TestPeakAndAccumulation: a PEAK reading is its bucket's highest half hour's mean power,
// an ACCUMULATION one the register where its reading ends.
func TestPeakAndAccumulation(t *testing.T) {
	sydney, err := time.LoadLocation("Australia/Sydney")
	if err != nil {
		t.Fatal(err)
	}
	w := &env{zone: sydney}
	wm := world.Meter{Register: "TEST-2"}
	reg := wm.In(sydney)
	stop := time.Date(2026, 11, 30, 13, 0, 0, 0, time.UTC)
	args := map[string]any{"startAt": "2026-11-20T00:00:00+11:00", "endAt": "2026-11-21T00:00:00+11:00", "timeGranularity": "DAY", "timezone": "Australia/Sydney"}
	day := time.Date(2026, 11, 20, 0, 0, 0, 0, sydney)
	var peak float64
	for k := range 48 {
		from := day.Add(time.Duration(k) * halfHour)
		peak = math.Max(peak, 2*reg.Use(from, from.Add(halfHour)))
	}
	for _, tc := range []struct{ kind, want, units string }{
		{"PEAK", unitValue(peak, powerUnits["KILOWATT"]), "KILOWATT"},
		{"ACCUMULATION", unitValue(reg.At(day.AddDate(0, 0, 1)), energyUnits["KILOWATT_HOURS"]), "KILOWATT_HOURS"},
	} {
		args["readingType"] = tc.kind
		q, err := readingsQueryOf(w, args)
		if err != nil {
			t.Fatal(err)
		}
		rs, err := seriesOf(w, q, wm, false, sydney, stop)
		if err != nil || rs.len() != 1 {
			t.Fatalf("%s: %d readings, %v", tc.kind, rs.len(), err)
		}
		if r := rs.node(0).(obj); r["value"] != tc.want || r["units"] != tc.units {
			t.Errorf("%s: %v %v; want %s %s", tc.kind, r["value"], r["units"], tc.want, tc.units)
		}
	}
}

func TestMarketNamesAreTerritoryFirst(t *testing.T) {
	for _, tc := range []struct {
		country     string
		electricity bool
		want        string
	}{
		{"AU", true, "AUS_ELECTRICITY"}, {"AU", false, "AUS_GAS"}, {"GB", true, "GBR_ELECTRICITY"},
		{"JP", true, "JPN_ELECTRICITY"}, {"FR", false, "FRA_GAS"}, {"", true, "GBR_ELECTRICITY"},
	} {
		if got := market(tc.country, tc.electricity); got != tc.want || !knownMarket(got) {
			t.Errorf("market(%q, %v) = %q (known %v); want %q", tc.country, tc.electricity, got, knownMarket(got), tc.want)
		}
	}
	for _, name := range []string{"ELECTRICITY", "AUS_WATER", "aus_electricity", "AU_ELECTRICITY", "XYZ_GAS", ""} {
		if knownMarket(name) {
			t.Errorf("knownMarket(%q) = true", name)
		}
	}
}

// TestReadingsSumExactly: a day's half-hour readings, added up in the Wh they are
// answered to, are exactly the day's reading, and a month's days its month's.
func TestReadingsSumExactly(t *testing.T) {
	w := &env{zone: time.UTC}
	wm := world.Meter{Register: "TEST-SUM"}
	stop := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	sum := func(from, to, granularity string) (total int64, n int) {
		t.Helper()
		q, err := readingsQueryOf(w, map[string]any{"startAt": from, "endAt": to, "timeGranularity": granularity, "readingType": "INTERVAL"})
		if err != nil {
			t.Fatal(err)
		}
		rs, err := seriesOf(w, q, wm, false, time.UTC, stop)
		if err != nil {
			t.Fatal(err)
		}
		for i := range rs.len() {
			v, err := strconv.ParseFloat(rs.node(i).(obj)["value"].(string), 64)
			if err != nil {
				t.Fatal(err)
			}
			total += int64(math.Round(v * 1000))
		}
		return total, rs.len()
	}
	day, _ := sum("2026-11-03T00:00:00Z", "2026-11-04T00:00:00Z", "DAY")
	halves, n := sum("2026-11-03T00:00:00Z", "2026-11-04T00:00:00Z", "HALF_HOUR")
	if day != halves || n != 48 || day == 0 {
		t.Errorf("a day is %d Wh, its %d half hours add up to %d", day, n, halves)
	}
	month, _ := sum("2026-11-01T00:00:00Z", "2026-12-01T00:00:00Z", "MONTH")
	days, n := sum("2026-11-01T00:00:00Z", "2026-12-01T00:00:00Z", "DAY")
	if month != days || n != 30 {
		t.Errorf("November is %d Wh, its %d days add up to %d", month, n, days)
	}
}
