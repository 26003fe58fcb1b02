package simtest_test

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/krakensim/krakensim/sim/simtest"
)

// readingsQuery is how an Octopus Spain Home Assistant client reads a supply point's
// interval data on Origin's SDL, a hundred at a time: the list named, in the zone $tz
// when zoned (the SDL's default otherwise).
func readingsQuery(zoned bool, list string) string {
	tzVar, tzArg := "", ""
	if zoned {
		tzVar, tzArg = ", $tz: String", ", timezone: $tz"
	}
	sel := list + `(first: 100, after: $after) { totalCount pageInfo { hasNextPage endCursor }
		edges { node { value units intervalStart intervalEnd qualities { quality value count } } } } `
	return `query($account: String!, $start: DateTime!, $end: DateTime!, $granularity: TimeGranularities, $units: [Units], $type: ReadingTypes!, $after: String` + tzVar + `) {
  supplyPoints(accountNumber: $account) { edges { node { externalIdentifier marketName
    readings(startAt: $start, endAt: $end, readingType: $type, timeGranularity: $granularity` + tzArg + `, units: $units) { ` + sel + `} } } } }`
}

// readingRow is one Reading.
type readingRow struct {
	start, end, units, value string
	kwh                      float64
	count                    int
}

// readReadings pages one supply point's (by its position among the account's) import or
// export readings through with vars, the defaults of the SDL for what vars leave out:
// its totalCount, its pages and its rows.
func readReadings(t *testing.T, c *simtest.Client, point int, list string, vars map[string]any) (int, int, []readingRow) {
	t.Helper()
	v := map[string]any{"type": "INTERVAL"}
	for k, x := range vars {
		v[k] = x
	}
	_, zoned := vars["tz"]
	q := readingsQuery(zoned, list)
	var rows []readingRow
	for page := 1; page <= 30; page++ {
		conn := simtest.Get(mustQuery(t, c)(q, v), "supplyPoints", "edges", point, "node", "readings", list)
		for _, e := range simtest.Get(conn, "edges").([]any) {
			n := simtest.Get(e, "node")
			r := readingRow{start: fmt.Sprint(simtest.Get(n, "intervalStart")), end: fmt.Sprint(simtest.Get(n, "intervalEnd")),
				units: fmt.Sprint(simtest.Get(n, "units")), value: fmt.Sprint(simtest.Get(n, "value"))}
			r.kwh, _ = strconv.ParseFloat(r.value, 64)
			qs := simtest.Get(n, "qualities").([]any)
			if len(qs) != 1 || simtest.Get(qs[0], "quality") != "ACTUAL" || simtest.Get(qs[0], "value") != r.value {
				t.Fatalf("%s: qualities %v, want one ACTUAL group of %s", r.start, qs, r.value)
			}
			r.count = toInt(simtest.Get(qs[0], "count"))
			rows = append(rows, r)
		}
		if simtest.Get(conn, "pageInfo", "hasNextPage") != true {
			return toInt(simtest.Get(conn, "totalCount")), page, rows
		}
		v["after"] = simtest.Get(conn, "pageInfo", "endCursor")
	}
	t.Fatalf("%v: more than 30 pages", vars)
	return 0, 0, nil
}

// TestOriginSupplyPointReadingsAreTheMeters: on Origin's SDL (the clock at 09:00 UTC on
// 2 December 2026, so read to 2 December's midnight in Sydney), a supply point's
// readings are its meter's register bucket by bucket in the zone asked for (the SDL's
// Etc/GMT-10 by default), each what measurements read of the same span, in the units
// asked for, paging to the end; the solar home's export point exports by day and not
// by night; a zone that is not one is KT-CT-13614 on timezone.
func TestOriginSupplyPointReadingsAreTheMeters(t *testing.T) {
	_, c := tenant(t, "origin-schema.graphql")
	demo := func(vars map[string]any) map[string]any {
		vars["account"] = "A-C90DC431"
		return vars
	}
	t.Run("buckets", func(t *testing.T) {
		for _, tc := range []struct {
			name        string
			vars        map[string]any
			n, count    int
			first, last string // the first's start and the last's end
		}{
			{"hours in Madrid", map[string]any{"start": "2026-11-28T00:00:00+01:00", "end": "2026-11-30T00:00:00+01:00", "granularity": "HOUR", "tz": "Europe/Madrid", "units": []any{"KILOWATT_HOURS"}},
				48, 2, "2026-11-28T00:00:00+01:00", "2026-11-30T00:00:00+01:00"},
			{"days in the default zone", map[string]any{"start": "2026-11-27T00:00:00+10:00", "end": "2026-11-30T00:00:00+10:00", "granularity": "DAY"},
				3, 48, "2026-11-27T00:00:00+10:00", "2026-11-30T00:00:00+10:00"},
			{"a start inside a bucket keeps the bucket's bounds", map[string]any{"start": "2026-11-28T10:20:00+10:00", "end": "2026-11-28T12:00:00+10:00", "granularity": "HOUR"},
				2, 2, "2026-11-28T10:00:00+10:00", "2026-11-28T12:00:00+10:00"},
			{"half hours by default", map[string]any{"start": "2026-11-28T00:00:00+01:00", "end": "2026-11-28T03:00:00+01:00", "tz": "Europe/Madrid"},
				6, 1, "2026-11-28T00:00:00+01:00", "2026-11-28T03:00:00+01:00"},
			{"an end before the start", map[string]any{"start": "2026-11-28T00:00:00+01:00", "end": "2026-11-27T00:00:00+01:00", "granularity": "HOUR"},
				0, 0, "", ""},
			{"before the supply began", map[string]any{"start": "2019-09-01T00:00:00+10:00", "end": "2019-09-05T00:00:00+10:00", "granularity": "DAY"},
				0, 0, "", ""},
		} {
			t.Run(tc.name, func(t *testing.T) {
				total, _, rows := readReadings(t, c, 0, "importReadings", demo(tc.vars))
				if total != tc.n || len(rows) != tc.n {
					t.Fatalf("totalCount %d, %d rows; want %d", total, len(rows), tc.n)
				}
				if tc.n == 0 {
					return
				}
				if rows[0].start != tc.first || rows[len(rows)-1].end != tc.last {
					t.Errorf("from %s to %s; want %s to %s", rows[0].start, rows[len(rows)-1].end, tc.first, tc.last)
				}
				for i, r := range rows {
					if r.units != "KILOWATT_HOURS" || r.kwh <= 0 || r.count != tc.count || i > 0 && r.start != rows[i-1].end {
						t.Errorf("reading %d: %+v; want a positive KILOWATT_HOURS of %d half hours after the one before", i, r, tc.count)
					}
				}
			})
		}
	})

	t.Run("a day is what measurements read of it", func(t *testing.T) {
		m := mustQuery(t, c)(`{ account(accountNumber: "A-C90DC431") { properties { measurements(startAt: "2026-11-30T00:00:00+11:00", endAt: "2026-12-01T00:00:00+11:00", timezone: "Australia/Sydney",
			utilityFilters: [{electricityFilters: {readingFrequencyType: DAY_INTERVAL}}]) { edges { node { value } } } } } }`, nil)
		day := fmt.Sprint(simtest.Get(m, "account", "properties", 0, "measurements", "edges", 0, "node", "value"))
		window := map[string]any{"start": "2026-11-30T00:00:00+11:00", "end": "2026-12-01T00:00:00+11:00", "tz": "Australia/Sydney"}
		_, _, days := readReadings(t, c, 0, "importReadings", demo(map[string]any{"granularity": "DAY", "start": window["start"], "end": window["end"], "tz": window["tz"]}))
		_, _, hours := readReadings(t, c, 0, "importReadings", demo(map[string]any{"granularity": "HOUR", "start": window["start"], "end": window["end"], "tz": window["tz"]}))
		_, _, wh := readReadings(t, c, 0, "importReadings", demo(map[string]any{"granularity": "DAY", "units": []any{"WATT_HOURS"}, "start": window["start"], "end": window["end"], "tz": window["tz"]}))
		if len(days) != 1 || days[0].value != day || days[0].count != 48 {
			t.Fatalf("the day's readings %+v; measurements read %s", days, day)
		}
		var sum float64
		for _, h := range hours {
			sum += h.kwh
		}
		if len(hours) != 24 || math.Abs(sum-days[0].kwh) > 0.013 {
			t.Errorf("%d hours summing to %.3f kWh; the day is %s", len(hours), sum, day)
		}
		if len(wh) != 1 || wh[0].units != "WATT_HOURS" || math.Abs(wh[0].kwh-1000*days[0].kwh) > 0.5 {
			t.Errorf("the day in WATT_HOURS: %+v; want 1000 × %s", wh, day)
		}
	})

	t.Run("a bucket partly inside the window holds only its part", func(t *testing.T) {
		// One Sydney day (+11:00) in the default Etc/GMT-10: the last hour of 29 November's
		// bucket and 23 hours of 30 November's, together the day measurements read.
		m := mustQuery(t, c)(`{ account(accountNumber: "A-C90DC431") { properties { measurements(startAt: "2026-11-30T00:00:00+11:00", endAt: "2026-12-01T00:00:00+11:00", timezone: "Australia/Sydney",
			utilityFilters: [{electricityFilters: {readingFrequencyType: DAY_INTERVAL}}]) { edges { node { value } } } } } }`, nil)
		day, _ := strconv.ParseFloat(fmt.Sprint(simtest.Get(m, "account", "properties", 0, "measurements", "edges", 0, "node", "value")), 64)
		_, _, days := readReadings(t, c, 0, "importReadings", demo(map[string]any{"granularity": "DAY", "start": "2026-11-30T00:00:00+11:00", "end": "2026-12-01T00:00:00+11:00"}))
		_, _, hour := readReadings(t, c, 0, "importReadings", demo(map[string]any{"granularity": "HOUR", "start": "2026-11-29T23:00:00+10:00", "end": "2026-11-30T00:00:00+10:00"}))
		if len(days) != 2 || days[0].start != "2026-11-29T00:00:00+10:00" || days[1].end != "2026-12-01T00:00:00+10:00" || len(hour) != 1 {
			t.Fatalf("days %+v, hour %+v; want 29 and 30 November's buckets and one hour", days, hour)
		}
		if days[0].value != hour[0].value || days[0].count != 2 || days[1].count != 46 {
			t.Errorf("29 November's bucket %+v, 30 November's %+v; want the hour's %s of 2 half hours, then 46", days[0], days[1], hour[0].value)
		}
		if sum := days[0].kwh + days[1].kwh; math.Abs(sum-day) > 0.002 {
			t.Errorf("the buckets sum to %.3f kWh; measurements read the day as %.3f", sum, day)
		}
	})

	t.Run("pages reach where the readings stop", func(t *testing.T) {
		// Three days asked for from 29 November, read to 2 December's midnight in Sydney.
		total, pages, rows := readReadings(t, c, 0, "importReadings", demo(map[string]any{"start": "2026-11-29T00:00:00+11:00", "end": "2026-12-05T00:00:00+11:00",
			"granularity": "THIRTY_MIN", "tz": "Australia/Sydney", "units": []any{"KILOWATT_HOURS"}}))
		if total != 144 || len(rows) != 144 || pages != 2 {
			t.Fatalf("totalCount %d, %d rows in %d pages; want 144 in 2", total, len(rows), pages)
		}
		if rows[143].end != "2026-12-02T00:00:00+11:00" {
			t.Errorf("the last half hour ends %s; want the last midnight", rows[143].end)
		}
		seen := map[string]bool{}
		for _, r := range rows {
			if seen[r.start] {
				t.Fatalf("%s listed twice", r.start)
			}
			seen[r.start] = true
		}
	})

	t.Run("gas imports only", func(t *testing.T) {
		vars := demo(map[string]any{"type": "INTERVAL", "start": "2026-11-29T00:00:00+10:00", "end": "2026-11-30T00:00:00+10:00", "granularity": "DAY"})
		for point, market := range []string{"AUS_ELECTRICITY", "AUS_GAS"} {
			got := simtest.Get(mustQuery(t, c)(`query($account: String!, $start: DateTime!, $end: DateTime!, $granularity: TimeGranularities, $type: ReadingTypes!) {
  supplyPoints(accountNumber: $account) { edges { node { marketName readings(startAt: $start, endAt: $end, readingType: $type, timeGranularity: $granularity) {
    importReadings { totalCount } exportReadings { totalCount } } } } } }`, vars), "supplyPoints", "edges", point, "node")
			if simtest.Get(got, "marketName") != market {
				t.Fatalf("supply point %d is %v; want %s", point, simtest.Get(got, "marketName"), market)
			}
			if n := toInt(simtest.Get(got, "readings", "importReadings", "totalCount")); n != 1 {
				t.Errorf("%s: %d import readings; want 1", market, n)
			}
			if n := toInt(simtest.Get(got, "readings", "exportReadings", "totalCount")); n != 0 {
				t.Errorf("%s: %d export readings; want none", market, n)
			}
		}
	})

	t.Run("one supply point by its NMI", func(t *testing.T) {
		const one = `query($id: String!, $market: String!) { supplyPoint(externalIdentifier: $id, marketName: $market) { id externalIdentifier
			readings(startAt: "2026-11-29T00:00:00+10:00", endAt: "2026-11-30T00:00:00+10:00", readingType: INTERVAL, timeGranularity: DAY) { importReadings { edges { node { value } } } } } }`
		_, _, rows := readReadings(t, c, 0, "importReadings", demo(map[string]any{"start": "2026-11-29T00:00:00+10:00", "end": "2026-11-30T00:00:00+10:00", "granularity": "DAY"}))
		got := mustQuery(t, c)(one, map[string]any{"id": "4102004420", "market": "AUS_ELECTRICITY"})
		if v := simtest.Get(got, "supplyPoint", "readings", "importReadings", "edges", 0, "node", "value"); len(rows) != 1 || v != rows[0].value {
			t.Errorf("supplyPoint's day %v; supplyPoints' %+v", v, rows)
		}
		for _, tc := range []struct{ id, market, code, typ string }{
			{"4102004421", "AUS_ELECTRICITY", "KT-CT-4719", "APPLICATION"},
			{"4102004420", "JPN_ELECTRICITY", "KT-CT-4719", "APPLICATION"}, // a market, not this NMI's
			{"4102004420", "AUS_WATER", "KT-CT-4723", "VALIDATION"},
			{"4102004420", "ELECTRICITY", "KT-CT-4723", "VALIDATION"}, // no territory
		} {
			out := c.Query(one, map[string]any{"id": tc.id, "market": tc.market})
			if len(out.Errors) != 1 || out.Errors[0].Code() != tc.code || out.Errors[0].Extensions["errorType"] != tc.typ {
				t.Errorf("%s in %s: %+v; want %s (%s)", tc.id, tc.market, out.Errors, tc.code, tc.typ)
			}
		}
		if got := mustQuery(t, c)(`{ supplyPoints(first: 5) { edges { node { marketName } } } }`, nil); simtest.Get(got, "supplyPoints", "edges", 0, "node", "marketName") != "AUS_ELECTRICITY" {
			t.Errorf("supplyPoints %v; want Australian markets", got)
		}
	})

	t.Run("a zone that is not one", func(t *testing.T) {
		out := c.Query(readingsQuery(true, "importReadings"), demo(map[string]any{"type": "INTERVAL", "start": "2026-11-29T00:00:00+10:00", "end": "2026-11-30T00:00:00+10:00", "tz": "Mars/Olympus"}))
		if len(out.Errors) == 0 || out.Errors[0].Code() != "KT-CT-13614" {
			t.Fatalf("errors %+v; want KT-CT-13614", out.Errors)
		}
		ve := fmt.Sprint(out.Errors[0].Extensions["validationErrors"])
		if !strings.Contains(ve, "timezone") || !strings.Contains(ve, "Mars/Olympus") {
			t.Errorf("validationErrors %s; want the timezone named", ve)
		}
	})

	t.Run("a window of too many buckets", func(t *testing.T) {
		out := c.Query(readingsQuery(true, "importReadings"), demo(map[string]any{"type": "INTERVAL", "start": "2020-01-01T00:00:00+10:00", "end": "2026-12-01T00:00:00+10:00", "tz": "Etc/GMT-10", "granularity": "HOUR"}))
		if len(out.Errors) == 0 || out.Errors[0].Code() != "KT-CT-4381" || !strings.Contains(fmt.Sprint(out.Errors[0].Extensions["validationErrors"]), "2000") {
			t.Fatalf("errors %+v; want KT-CT-4381 saying the most", out.Errors)
		}
	})

	t.Run("the solar home exports by day", func(t *testing.T) {
		out := c.Query(`mutation { obtainKrakenToken(input: {APIKey: "sk_live_krakensimsolar3235454"}) { token } }`, nil)
		c.Token, _ = simtest.Get(out.Data, "obtainKrakenToken", "token").(string)
		vars := map[string]any{"account": "A-6D4F2E88", "start": "2026-12-01T00:00:00", "end": "2026-12-02T00:00:00", "granularity": "HOUR", "tz": "Australia/Sydney"}
		_, _, imports := readReadings(t, c, 0, "importReadings", vars)
		_, _, exports := readReadings(t, c, 1, "exportReadings", vars)
		_, _, none := readReadings(t, c, 0, "exportReadings", vars)
		if len(imports) != 24 || len(exports) != 24 || len(none) != 0 {
			t.Fatalf("%d import hours, %d export hours on the export point, %d on the import point; want 24, 24, 0", len(imports), len(exports), len(none))
		}
		if exports[0].start != "2026-12-01T00:00:00+11:00" || exports[0].kwh != 0 || exports[2].kwh != 0 || exports[23].kwh != 0 || exports[12].kwh <= 0.1 {
			t.Errorf("the export's midnight %v, 2am %v, noon %v, 11pm %v; want none at night, some at noon", exports[0], exports[2], exports[12], exports[23])
		}
	})
}
