package simtest_test

import (
	"fmt"
	"maps"
	"math"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/krakensim/krakensim/sim/simtest"
	"github.com/krakensim/krakensim/sim/world"
)

// usage is how a Powershop client's QUERY_USAGE reads a home's half hours: a window by
// whichever of its bounds it has, a hundred at a time.
const usage = `query QUERY_USAGE($startOn: Date, $endOn: Date, $startAt: DateTime, $endAt: DateTime, $after: String, $freq: ReadingFrequencyType) {
  account(accountNumber: "A-C90DC431") { properties { measurements(after: $after, first: 100, startOn: $startOn, endOn: $endOn, startAt: $startAt, endAt: $endAt,
    utilityFilters: [{electricityFilters: {readingDirection: CONSUMPTION, readingQuality: ACTUAL, readingFrequencyType: $freq}}]) {
      totalCount pageInfo { hasNextPage endCursor }
      edges { node { value ... on IntervalMeasurementType { startAt endAt } metaData { statistics { type costInclTax { estimatedAmount } } } } } } } } }`

// usageRow is one measurement: its interval, kWh and the cost of its energy.
type usageRow struct {
	start, end  string
	kwh, amount float64
}

// usageRowOf is a measurement node's bounds, kWh and consumption cost with VAT.
func usageRowOf(n map[string]any) usageRow {
	r := usageRow{start: fmt.Sprint(n["startAt"]), end: fmt.Sprint(n["endAt"])}
	r.kwh, _ = strconv.ParseFloat(fmt.Sprint(n["value"]), 64)
	stats, _ := simtest.Get(n, "metaData", "statistics").([]any)
	for _, s := range stats {
		if simtest.Get(s, "type") == "CONSUMPTION_COST" {
			r.amount, _ = strconv.ParseFloat(fmt.Sprint(simtest.Get(s, "costInclTax", "estimatedAmount")), 64)
		}
	}
	return r
}

// readUsage pages QUERY_USAGE through with the window vars give at the grouping freq:
// its totalCount, whether its first page said more remained, and its rows.
func readUsage(t *testing.T, c *simtest.Client, freq string, window map[string]any) (int, bool, []usageRow) {
	t.Helper()
	return readPages(t, c, freq, window, 30)
}

// readPages is readUsage in at most pages pages.
func readPages(t *testing.T, c *simtest.Client, freq string, window map[string]any, pages int) (int, bool, []usageRow) {
	t.Helper()
	return readPagesOf(t, c, usage, freq, window, pages)
}

// usageOnly is QUERY_USAGE without the statistics, for paging through years cheaply.
var usageOnly = strings.Replace(usage, " metaData { statistics { type costInclTax { estimatedAmount } } }", "", 1)

// readPagesOf is readPages of query, QUERY_USAGE or usageOnly.
func readPagesOf(t *testing.T, c *simtest.Client, query, freq string, window map[string]any, pages int) (int, bool, []usageRow) {
	t.Helper()
	var rows []usageRow
	var total int
	var more bool
	vars := map[string]any{"freq": freq}
	for k, v := range window {
		vars[k] = v
	}
	for page := 0; page < pages; page++ {
		m := simtest.Get(mustQuery(t, c)(query, vars), "account", "properties", 0, "measurements")
		total = toInt(simtest.Get(m, "totalCount"))
		next := simtest.Get(m, "pageInfo", "hasNextPage") == true
		if page == 0 {
			more = next
		}
		for _, e := range simtest.Get(m, "edges").([]any) {
			rows = append(rows, usageRowOf(simtest.Get(e, "node").(map[string]any)))
		}
		if !next {
			return total, more, rows
		}
		vars["after"] = simtest.Get(m, "pageInfo", "endCursor")
	}
	t.Fatalf("%v: more than %d pages", window, pages)
	return 0, false, nil
}

// TestMeasurementWindowsOpenAtAnEnd reads the demo home's half hours as QUERY_USAGE does,
// on Origin's SDL and Octopus's (the clock at 09:00 UTC on 2 December 2026, the half
// hours collected to the last local midnight): a window open at its end runs to that
// midnight, one with two bounds holds the half hours between them, none from before the
// supply began (1 October 2019); each pages a hundred at a time with
// hasNextPage while more remain, and its rows (energy and cost) are those of the closed
// window they span. Their days are the sums of their half hours.
func TestMeasurementWindowsOpenAtAnEnd(t *testing.T) {
	tenants := []struct {
		file, off string
		// early is the offset when the supply began (1 October 2019).
		early string
	}{
		{"origin-schema.graphql", "+11:00", "+10:00"},
		{"octopus-schema.graphql", "+00:00", "+01:00"},
	}
	cases := []struct {
		name string
		// window and closed are the window asked for and the closed window of the same
		// half hours; OFF is the tenant's offset, EARLY its offset in October 2019.
		window, closed map[string]any
		n              int
		more           bool
		first, last    string
	}{
		{"startOn alone runs to the last midnight", map[string]any{"startOn": "2026-11-28"}, map[string]any{"startOn": "2026-11-28", "endOn": "2026-12-01"},
			192, true, "2026-11-28T00:00:00OFF", "2026-12-01T23:30:00OFF"},
		{"an earlier startOn alone", map[string]any{"startOn": "2026-11-20"}, map[string]any{"startOn": "2026-11-20", "endOn": "2026-12-01"},
			576, true, "2026-11-20T00:00:00OFF", "2026-12-01T23:30:00OFF"},
		{"startAt alone", map[string]any{"startAt": "2026-11-28T00:00:00OFF"}, map[string]any{"startAt": "2026-11-28T00:00:00OFF", "endAt": "2026-12-02T00:00:00OFF"},
			192, true, "2026-11-28T00:00:00OFF", "2026-12-01T23:30:00OFF"},
		{"a start on the last day", map[string]any{"startOn": "2026-12-01"}, map[string]any{"startOn": "2026-12-01", "endOn": "2026-12-01"},
			48, false, "2026-12-01T00:00:00OFF", "2026-12-01T23:30:00OFF"},
		{"both ends", map[string]any{"startOn": "2026-11-28", "endOn": "2026-11-30"}, map[string]any{"startAt": "2026-11-28T00:00:00OFF", "endAt": "2026-12-01T00:00:00OFF"},
			144, true, "2026-11-28T00:00:00OFF", "2026-11-30T23:30:00OFF"},
		{"an end after now stops at the last midnight", map[string]any{"startAt": "2026-11-28T00:00:00OFF", "endAt": "2026-12-06T00:00:00OFF"}, map[string]any{"startOn": "2026-11-28", "endOn": "2026-12-01"},
			192, true, "2026-11-28T00:00:00OFF", "2026-12-01T23:30:00OFF"},
		{"endOn alone near the supply's start begins with it", map[string]any{"endOn": "2019-10-05"}, map[string]any{"startOn": "2019-10-01", "endOn": "2019-10-05"},
			240, true, "2019-10-01T00:00:00EARLY", "2019-10-05T23:30:00EARLY"},
		{"endOn before the supply: none", map[string]any{"endOn": "2019-09-05"}, map[string]any{"startOn": "2019-09-01", "endOn": "2019-09-05"},
			0, false, "", ""},
	}
	for _, tn := range tenants {
		_, c := tenant(t, tn.file)
		fill := strings.NewReplacer("OFF", tn.off, "EARLY", tn.early).Replace
		filled := func(w map[string]any) map[string]any {
			out := map[string]any{}
			for k, v := range w {
				out[k] = fill(v.(string))
			}
			return out
		}
		for _, tc := range cases {
			t.Run(strings.TrimSuffix(tn.file, "-schema.graphql")+"/"+tc.name, func(t *testing.T) {
				total, more, rows := readUsage(t, c, "THIRTY_MIN_INTERVAL", filled(tc.window))
				if total != tc.n || len(rows) != tc.n || more != tc.more {
					t.Fatalf("totalCount %d, %d rows, hasNextPage %v; want %d, %v", total, len(rows), more, tc.n, tc.more)
				}
				if len(rows) > 0 && (rows[0].start != fill(tc.first) || rows[len(rows)-1].start != fill(tc.last)) {
					t.Errorf("from %s to %s, want %s to %s", rows[0].start, rows[len(rows)-1].start, fill(tc.first), fill(tc.last))
				}
				_, _, closed := readUsage(t, c, "THIRTY_MIN_INTERVAL", filled(tc.closed))
				if fmt.Sprint(rows) != fmt.Sprint(closed) {
					t.Errorf("the rows differ from the closed window's %v", filled(tc.closed))
				}
				for _, r := range rows {
					if r.kwh <= 0 || r.amount <= 0 {
						t.Fatalf("a half hour of %v kWh costing %v", r.kwh, r.amount)
					}
				}
			})
		}
		t.Run(strings.TrimSuffix(tn.file, "-schema.graphql")+"/days are their half hours", func(t *testing.T) {
			_, _, halves := readUsage(t, c, "THIRTY_MIN_INTERVAL", map[string]any{"startOn": "2026-11-28"})
			n, _, days := readUsage(t, c, "DAY_INTERVAL", map[string]any{"startOn": "2026-11-28"})
			if n != 4 || len(days) != 4 || days[3].end != "2026-12-02T00:00:00"+tn.off {
				t.Fatalf("%d days: %v", n, days)
			}
			for i, d := range days {
				var kwh, amount float64
				for _, h := range halves[48*i : 48*(i+1)] {
					kwh, amount = kwh+h.kwh, amount+h.amount
				}
				if math.Abs(d.kwh-kwh) > 0.05 || math.Abs(d.amount-amount) > 0.5 {
					t.Errorf("%s: %v kWh costing %v, its half hours %v costing %v", d.start, d.kwh, d.amount, kwh, amount)
				}
			}
		})
	}
}

// TestOctopusMeasurementsOpenAtTheirEndAreTheRESTConsumption reads the demo meter's
// half hours from 28 November without an end, by GraphQL's measurements and by REST's
// consumption without a period_to: the same half hours to the last midnight, each the
// same energy.
func TestOctopusMeasurementsOpenAtTheirEndAreTheRESTConsumption(t *testing.T) {
	srv, c := octopus(t)
	_, _, rows := readUsage(t, c, "THIRTY_MIN_INTERVAL", map[string]any{"startOn": "2026-11-28"})
	status, body := rest(t, srv, c.Session, "sk_live_krakensimdemo3235447",
		"/v1/electricity-meter-points/1013004420117/meters/19L3471092/consumption/?period_from=2026-11-28T00:00Z&order_by=period&page_size=1000")
	results, _ := simtest.Get(body, "results").([]any)
	if status != 200 || len(results) != len(rows) || len(rows) != 192 {
		t.Fatalf("REST %d: %d half hours; measurements %d", status, len(results), len(rows))
	}
	for i, r := range results {
		kwh, _ := strconv.ParseFloat(fmt.Sprint(simtest.Get(r, "consumption")), 64)
		if start := strings.Replace(rows[i].start, "+00:00", "Z", 1); simtest.Get(r, "interval_start") != start || math.Abs(kwh-rows[i].kwh) > 0.0011 {
			t.Errorf("half hour %d: REST %v, measurements %v", i, r, rows[i])
		}
	}
}

// TestMeasurementsPageTheWholeWindow pages a year of the demo home's half hours a
// hundred at a time, as a usage exporter loops while hasNextPage: totalCount is every
// half hour from 2 December 2025 to the last midnight (17,520: the clocks went back as
// often as forward), the pages run through them in order to the last, and each is the
// half hour a window of its own day answers. A window from before the supply began runs
// from its first half hour to the last midnight, its last page reached by its cursor.
func TestMeasurementsPageTheWholeWindow(t *testing.T) {
	_, c := octopus(t)
	total, more, rows := readPages(t, c, "THIRTY_MIN_INTERVAL", map[string]any{"startOn": "2025-12-02"}, 200)
	if total != 17520 || len(rows) != total || !more {
		t.Fatalf("totalCount %d, %d rows, hasNextPage %v on the first page; want 17520", total, len(rows), more)
	}
	if first, last := rows[0].start, rows[len(rows)-1].start; first != "2025-12-02T00:00:00+00:00" || last != "2026-12-01T23:30:00+00:00" {
		t.Errorf("from %s to %s", first, last)
	}
	at := map[string]usageRow{}
	var prev time.Time
	for i, r := range rows {
		at[r.start] = r
		start, err1 := time.Parse(time.RFC3339, r.start)
		end, err2 := time.Parse(time.RFC3339, r.end)
		if err1 != nil || err2 != nil || end.Sub(start) != 30*time.Minute || i > 0 && !start.Equal(prev) {
			t.Fatalf("half hour %d is %s to %s, the one before ends at %v", i, r.start, r.end, prev)
		}
		prev = end
	}
	for _, day := range []string{"2025-12-02", "2026-03-29", "2026-06-15", "2026-10-25", "2026-12-01"} {
		n, _, want := readUsage(t, c, "THIRTY_MIN_INTERVAL", map[string]any{"startOn": day, "endOn": day})
		if n < 46 {
			t.Fatalf("%s: %d half hours", day, n)
		}
		for _, w := range want {
			if at[w.start] != w {
				t.Errorf("%s: the year's half hour %+v, its day's %+v", day, at[w.start], w)
			}
		}
	}

	for _, tn := range []struct{ file, from, to, last string }{
		{"octopus-schema.graphql", "2019-10-01T00:00:00+01:00", "2026-12-02T00:00:00+00:00", "2026-12-01T23:30:00+00:00"},
		{"origin-schema.graphql", "2019-10-01T00:00:00+10:00", "2026-12-02T00:00:00+11:00", "2026-12-01T23:30:00+11:00"},
	} {
		t.Run(strings.TrimSuffix(tn.file, "-schema.graphql")+"/from before the supply", func(t *testing.T) {
			_, c := tenant(t, tn.file)
			from, _ := time.Parse(time.RFC3339, tn.from)
			to, _ := time.Parse(time.RFC3339, tn.to)
			want := int(to.Sub(from) / (30 * time.Minute))
			page := func(after string) (int, bool, []any) {
				vars := map[string]any{"startOn": "2015-01-01", "freq": "THIRTY_MIN_INTERVAL"}
				if after != "" {
					vars["after"] = after
				}
				m := simtest.Get(mustQuery(t, c)(usage, vars), "account", "properties", 0, "measurements")
				return toInt(simtest.Get(m, "totalCount")), simtest.Get(m, "pageInfo", "hasNextPage") == true, simtest.Get(m, "edges").([]any)
			}
			n, more, edges := page("")
			if n != want || !more || len(edges) != 100 || simtest.Get(edges[0], "node", "startAt") != tn.from {
				t.Fatalf("totalCount %d (want %d), hasNextPage %v, %d edges from %v", n, want, more, len(edges), simtest.Get(edges[0], "node", "startAt"))
			}
			n, more, edges = page(world.Cursor(want - 101))
			if n != want || more || len(edges) != 100 || simtest.Get(edges[99], "node", "startAt") != tn.last {
				t.Fatalf("the last page: totalCount %d, hasNextPage %v, %d edges to %v; want %s", n, more, len(edges), simtest.Get(edges[len(edges)-1], "node", "startAt"), tn.last)
			}
		})
	}
}

// bothFuels is how an EDF exporter (edf_ingest) reads a dual-fuel home's hours: one
// measurements query with a filter for each fuel, paged by time from the latest end it
// has, each node sorted by the filter its source names.
const bothFuels = `query($startAt: DateTime, $endAt: DateTime, $uf: [UtilityFiltersInput!]) {
  account(accountNumber: "A-C90DC431") { properties { measurements(first: 48, startAt: $startAt, endAt: $endAt, utilityFilters: $uf) {
    totalCount edges { node { value ... on IntervalMeasurementType { startAt endAt }
      metaData { utilityFilters { __typename
        ... on ElectricityFiltersOutput { readingFrequencyType readingDirection deviceId marketSupplyPointId }
        ... on GasFiltersOutput { readingFrequencyType deviceId marketSupplyPointId } } } } } } } } }`

// TestMeasurementsOfBothFuels reads two days of a dual-fuel home's hours through one
// filter per fuel, as an EDF exporter does: each fuel's hours are those it reads alone,
// the two interleaved hour by hour so that paging from the latest end loses none, and
// each node's source is the filter that chose it (its fuel, grouping and direction as
// asked) with the fuel's smart meter device and meter point.
func TestMeasurementsOfBothFuels(t *testing.T) {
	_, c := octopus(t)
	q := mustQuery(t, c)
	ids := q(`{ account(accountNumber: "A-C90DC431") { electricityAgreements { meterPoint { mpan } } gasAgreements { meterPoint { mprn } } } }`, nil)
	points := map[string]string{
		"ElectricityFiltersOutput": fmt.Sprint(simtest.Get(ids, "account", "electricityAgreements", 0, "meterPoint", "mpan")),
		"GasFiltersOutput":         fmt.Sprint(simtest.Get(ids, "account", "gasAgreements", 0, "meterPoint", "mprn")),
	}
	gas := map[string]any{"gasFilters": map[string]any{"readingFrequencyType": "HOUR_INTERVAL"}}
	elec := map[string]any{"electricityFilters": map[string]any{"readingFrequencyType": "HOUR_INTERVAL"}}
	read := func(start string, uf ...any) (int, []any) {
		out := q(bothFuels, map[string]any{"startAt": start, "endAt": "2026-11-22T00:00:00Z", "uf": uf})
		m := simtest.Get(out, "account", "properties", 0, "measurements")
		return int(number(t, simtest.Get(m, "totalCount"))), simtest.Get(m, "edges").([]any)
	}
	alone := map[string]map[string]any{} // fuel and start: value
	for typ, uf := range map[string]any{"ElectricityFiltersOutput": elec, "GasFiltersOutput": gas} {
		alone[typ] = map[string]any{}
		for start := "2026-11-20T00:00:00Z"; ; {
			total, edges := read(start, uf)
			if len(alone[typ]) == 0 && total != 48 {
				t.Fatalf("%s alone: totalCount %d, want 48", typ, total)
			}
			for _, e := range edges {
				alone[typ][fmt.Sprint(simtest.Get(e, "node", "startAt"))] = simtest.Get(e, "node", "value")
			}
			if len(edges) < 48 {
				break
			}
			start = fmt.Sprint(simtest.Get(edges[len(edges)-1], "node", "endAt"))
		}
	}
	got := map[string]map[string]any{"ElectricityFiltersOutput": {}, "GasFiltersOutput": {}}
	total, start, devices := 0, "2026-11-20T00:00:00Z", map[string]string{}
	for page := 0; page < 10; page++ {
		n, edges := read(start, gas, elec)
		if page == 0 {
			total = n
		}
		latest := ""
		for i, e := range edges {
			node := simtest.Get(e, "node").(map[string]any)
			src := simtest.Get(node, "metaData", "utilityFilters").(map[string]any)
			typ := fmt.Sprint(src["__typename"])
			if want := []string{"GasFiltersOutput", "ElectricityFiltersOutput"}[i%2]; typ != want {
				t.Fatalf("page %d node %d from %s, want %s (the fuels hour by hour)", page, i, typ, want)
			}
			if src["readingFrequencyType"] != "HOUR_INTERVAL" || typ == "ElectricityFiltersOutput" && src["readingDirection"] != "CONSUMPTION" ||
				src["marketSupplyPointId"] != points[typ] || src["deviceId"] == nil {
				t.Errorf("node %d's source %v; its meter point %s", i, src, points[typ])
			}
			if d, seen := devices[typ]; seen && d != src["deviceId"] {
				t.Errorf("%s's device %v, then %v", typ, d, src["deviceId"])
			}
			devices[typ] = fmt.Sprint(src["deviceId"])
			got[typ][fmt.Sprint(node["startAt"])] = node["value"]
			latest = max(latest, fmt.Sprint(node["endAt"]))
		}
		if len(edges) < 48 || latest == "2026-11-22T00:00:00+00:00" {
			break
		}
		start = latest
	}
	if total != 96 || devices["GasFiltersOutput"] == devices["ElectricityFiltersOutput"] {
		t.Errorf("totalCount %d (want 96), devices %v", total, devices)
	}
	for typ, want := range alone {
		if len(want) != 48 || fmt.Sprint(got[typ]) != fmt.Sprint(want) {
			t.Errorf("%s: %d hours together %v, alone %d %v", typ, len(got[typ]), got[typ], len(want), want)
		}
	}
}

// TestMeasurementCostIsOfItsValue reads a day of the demo home's half hours with their
// costs, as a usage dashboard (octojoin) shows them side by side: each one's cost before
// tax is its value, to the Wh, at its price per unit.
func TestMeasurementCostIsOfItsValue(t *testing.T) {
	_, c := octopus(t)
	data := mustQuery(t, c)(`{ account(accountNumber: "A-C90DC431") { properties { measurements(first: 48, startOn: "2026-11-20", endOn: "2026-11-20",
		utilityFilters: [{electricityFilters: {readingFrequencyType: THIRTY_MIN_INTERVAL}}]) { edges { node { value
		metaData { statistics { type value costExclTax { pricePerUnit { amount } estimatedAmount } } } } } } } } }`, nil)
	edges := simtest.Get(data, "account", "properties", 0, "measurements", "edges").([]any)
	if len(edges) != 48 {
		t.Fatalf("%d half hours", len(edges))
	}
	for i, e := range edges {
		value, _ := strconv.ParseFloat(simtest.Get(e, "node", "value").(string), 64)
		stat := simtest.Get(e, "node", "metaData", "statistics", 0)
		price, _ := strconv.ParseFloat(simtest.Get(stat, "costExclTax", "pricePerUnit", "amount").(string), 64)
		cost, _ := strconv.ParseFloat(simtest.Get(stat, "costExclTax", "estimatedAmount").(string), 64)
		if simtest.Get(stat, "type") != "CONSUMPTION_COST" || simtest.Get(stat, "value") != simtest.Get(e, "node", "value") || value <= 0 ||
			math.Abs(cost-value*price) > 0.00001 {
			t.Errorf("half hour %d: %v kWh at %v costs %v, want %.5f", i, value, price, cost, value*price)
		}
	}
}

// TestMeasurementsOfGeneration asks homes for what they generated by direction alone
// (readingDirection: GENERATION), as an export tracker does: the solar home answers its
// export meter's hours, the same as asking that meter point by its MPAN for them; the
// demo home, which exports nothing, answers none. The export meter point asked for what
// the home drew (CONSUMPTION, the filter's default) answers none, as the import meter
// point asked for generation does.
func TestMeasurementsOfGeneration(t *testing.T) {
	_, c := octopus(t)
	const q = `query($a: String!, $f: ElectricityFiltersInput) { account(accountNumber: $a) { properties { measurements(first: 24,
		startAt: "2026-11-20T00:00:00Z", endAt: "2026-11-21T00:00:00Z", utilityFilters: [{electricityFilters: $f}]) {
		totalCount edges { node { value metaData { utilityFilters { ... on ElectricityFiltersOutput { readingDirection marketSupplyPointId } } } } } } } } }`
	read := func(account, email string, f map[string]any) (int, []any) {
		c.SignIn(email, "krakensim")
		out := mustQuery(t, c)(q, map[string]any{"a": account, "f": f})
		m := simtest.Get(out, "account", "properties", 0, "measurements")
		return int(number(t, simtest.Get(m, "totalCount"))), simtest.Get(m, "edges").([]any)
	}
	generation := map[string]any{"readingFrequencyType": "HOUR_INTERVAL", "readingDirection": "GENERATION"}
	if n, _ := read("A-C90DC431", "demo@krakensim.dev", generation); n != 0 {
		t.Errorf("the demo home generated %d hours", n)
	}
	n, gen := read("A-6D4F2E88", "solar@krakensim.dev", generation)
	if n != 24 {
		t.Fatalf("the solar home generated %d hours", n)
	}
	export := fmt.Sprint(simtest.Get(gen[0], "node", "metaData", "utilityFilters", "marketSupplyPointId"))
	_, byPoint := read("A-6D4F2E88", "solar@krakensim.dev", map[string]any{"readingFrequencyType": "HOUR_INTERVAL", "marketSupplyPointId": export, "readingDirection": "GENERATION"})
	for _, direction := range []any{nil, "CONSUMPTION"} {
		f := map[string]any{"readingFrequencyType": "HOUR_INTERVAL", "marketSupplyPointId": export}
		if direction != nil {
			f["readingDirection"] = direction
		}
		if n, _ := read("A-6D4F2E88", "solar@krakensim.dev", f); n != 0 {
			t.Errorf("the export meter point %s asked for consumption (%v) answered %d hours", export, direction, n)
		}
	}
	// The smart meter's device names both its registers, as an openHAB binding reads them.
	const esme = "1F-3D-99-70-8E-9E-9C-9E"
	_, byDevice := read("A-6D4F2E88", "solar@krakensim.dev", map[string]any{"readingFrequencyType": "HOUR_INTERVAL", "deviceId": esme, "readingDirection": "GENERATION"})
	_, drawnByDevice := read("A-6D4F2E88", "solar@krakensim.dev", map[string]any{"readingFrequencyType": "HOUR_INTERVAL", "deviceId": esme})
	if len(byDevice) != 24 || simtest.Get(byDevice[12], "node", "value") != simtest.Get(gen[12], "node", "value") ||
		simtest.Get(drawnByDevice[12], "node", "value") == simtest.Get(gen[12], "node", "value") {
		t.Errorf("by the smart meter's device: generated %d hours, noon's %v (by direction alone %v); drawn at noon %v",
			len(byDevice), simtest.Get(byDevice[12], "node", "value"), simtest.Get(gen[12], "node", "value"), simtest.Get(drawnByDevice[12], "node", "value"))
	}
	_, imported := read("A-6D4F2E88", "solar@krakensim.dev", map[string]any{"readingFrequencyType": "HOUR_INTERVAL"})
	if simtest.Get(imported[0], "node", "metaData", "utilityFilters", "marketSupplyPointId") == export {
		t.Fatalf("the solar home's import reads its export meter point %s", export)
	}
	importPoint := simtest.Get(imported[0], "node", "metaData", "utilityFilters", "marketSupplyPointId")
	if n, _ := read("A-6D4F2E88", "solar@krakensim.dev", map[string]any{"readingFrequencyType": "HOUR_INTERVAL", "marketSupplyPointId": importPoint, "readingDirection": "GENERATION"}); n != 0 {
		t.Errorf("the import meter point %v generated %d hours", importPoint, n)
	}
	if got := simtest.Get(byPoint[0], "node", "metaData", "utilityFilters", "readingDirection"); got != "GENERATION" {
		t.Errorf("the export meter point's hours read as %v", got)
	}
	noon := 0.0
	for i, e := range gen {
		v := simtest.Get(e, "node", "value")
		if simtest.Get(e, "node", "metaData", "utilityFilters", "readingDirection") != "GENERATION" || v != simtest.Get(byPoint[i], "node", "value") {
			t.Errorf("hour %d: generated %v, its export meter point %s read %v", i, v, export, simtest.Get(byPoint[i], "node", "value"))
		}
		if i == 12 {
			noon, _ = strconv.ParseFloat(v.(string), 64)
		}
	}
	if midnight := simtest.Get(gen[0], "node", "value"); noon <= 0 || midnight != "0.000" {
		t.Errorf("the array sent out %v kWh at midnight, %v at noon", midnight, noon)
	}
}

// TestMeasurementsPageOfAThousand asks a month of the demo home's hours as Kraken's own
// consumption dashboard does (GetSmartUsage: measurements(first: 1000) with each hour's
// statistics): it answers every hour of November, its costs with them, within the
// complexity and node caps; a page of 1,001 is refused as too large (KT-CT-1202), and
// other connections still page 100 at most.
func TestMeasurementsPageOfAThousand(t *testing.T) {
	_, c := octopus(t)
	const smartUsage = `query GetSmartUsage($propertyId: ID!, $first: Int!, $timezone: String!, $startAt: DateTime!, $endAt: DateTime!, $utilityFilters: [UtilityFiltersInput!]!) {
  property(id: $propertyId) { measurements(first: $first, timezone: $timezone, startAt: $startAt, endAt: $endAt, utilityFilters: $utilityFilters) {
    edges { node { __typename value unit ... on IntervalMeasurementType { startAt endAt }
      metaData { utilityFilters { __typename ... on ElectricityFiltersOutput { readingDirection } }
        statistics { label value type costInclTax { costCurrency estimatedAmount } costExclTax { costCurrency estimatedAmount } } } } } } } }`
	prop := simtest.Get(mustQuery(t, c)(`{ account(accountNumber: "A-C90DC431") { properties { id } } }`, nil), "account", "properties", 0, "id")
	vars := func(first int) map[string]any {
		return map[string]any{"propertyId": prop, "first": first, "timezone": "Europe/London",
			"startAt": "2026-11-01T00:00:00Z", "endAt": "2026-12-01T00:00:00Z",
			"utilityFilters": []any{map[string]any{"electricityFilters": map[string]any{"readingFrequencyType": "HOUR_INTERVAL"}}}}
	}
	edges, _ := simtest.Get(mustQuery(t, c)(smartUsage, vars(1000)), "property", "measurements", "edges").([]any)
	if len(edges) != 720 {
		t.Fatalf("%d hours of November, want 720", len(edges))
	}
	for i, e := range edges {
		start := simtest.Get(e, "node", "startAt")
		if want := time.Date(2026, 11, 1, i, 0, 0, 0, time.UTC).Format("2006-01-02T15:04:05+00:00"); start != want {
			t.Fatalf("hour %d starts %v, want %s", i, start, want)
		}
		if cost, _ := simtest.Get(e, "node", "metaData", "statistics", 0, "costInclTax", "estimatedAmount").(string); cost == "" {
			t.Fatalf("hour %d has no cost: %v", i, simtest.Get(e, "node", "metaData"))
		}
	}
	for _, tc := range []struct {
		name, q string
		vars    map[string]any
	}{
		{"measurements(first: 1001)", smartUsage, vars(1001)},
		{"payments(first: 101)", `{ account(accountNumber: "A-C90DC431") { payments(first: 101) { edges { node { id } } } } }`, nil},
	} {
		out := c.Query(tc.q, tc.vars)
		if len(out.Errors) != 1 || out.Errors[0].Code() != "KT-CT-1202" {
			t.Errorf("%s answered %+v, want KT-CT-1202", tc.name, out.Errors)
		}
	}
}

// TestMeasurementsReadOnlyThePropertysOwnMeters: a property's measurements read its own
// meters and nothing else: none of gas for the heat-pump house, which has no gas
// supply, none of generation by the demo home's import MPAN, and for each of the
// business's two sites, its own MPAN's use and nothing by the other's.
func TestMeasurementsReadOnlyThePropertysOwnMeters(t *testing.T) {
	_, c := octopus(t)
	const q = `query($a: String!, $f: [UtilityFiltersInput!]) { account(accountNumber: $a) { properties { id
		electricityMeterPoints { mpan } measurements(first: 24, startAt: "2026-11-20T00:00:00Z", endAt: "2026-11-21T00:00:00Z", utilityFilters: $f) { totalCount } } } }`
	type prop struct {
		mpan string
		n    int
	}
	read := func(email, account string, filters ...map[string]any) []prop {
		c.SignIn(email, "krakensim")
		var f []any
		for _, x := range filters {
			f = append(f, x)
		}
		var out []prop
		for _, p := range simtest.Get(mustQuery(t, c)(q, map[string]any{"a": account, "f": f}), "account", "properties").([]any) {
			mpan, _ := simtest.Get(p, "electricityMeterPoints", 0, "mpan").(string)
			out = append(out, prop{mpan, int(number(t, simtest.Get(p, "measurements", "totalCount")))})
		}
		return out
	}
	hours := map[string]any{"readingFrequencyType": "HOUR_INTERVAL"}
	with := func(k string, v any) map[string]any {
		m := maps.Clone(hours)
		m[k] = v
		return m
	}
	if got := read("heatpump@krakensim.dev", "A-5E3C1B77", map[string]any{"gasFilters": hours}); len(got) != 1 || got[0].n != 0 {
		t.Errorf("the all-electric house's gas: %+v, want no hours", got)
	}
	if got := read("heatpump@krakensim.dev", "A-5E3C1B77", map[string]any{"electricityFilters": hours}); len(got) != 1 || got[0].n != 24 {
		t.Errorf("the all-electric house's electricity: %+v, want 24 hours", got)
	}
	demo := read("demo@krakensim.dev", "A-C90DC431", map[string]any{"electricityFilters": with("readingDirection", "GENERATION")})
	if demo[0].n != 0 {
		t.Errorf("the demo home's generation: %+v, want no hours", demo)
	}
	generation := with("readingDirection", "GENERATION")
	generation["marketSupplyPointId"] = demo[0].mpan
	if got := read("demo@krakensim.dev", "A-C90DC431", map[string]any{"electricityFilters": generation}); got[0].n != 0 {
		t.Errorf("the demo home's generation by its import MPAN: %+v, want no hours", got)
	}
	sites := read("business@krakensim.dev", "A-B1A2C3D4", map[string]any{"electricityFilters": hours})
	if len(sites) != 2 || sites[0].mpan == sites[1].mpan {
		t.Fatalf("the business's sites: %+v", sites)
	}
	for i, site := range sites {
		got := read("business@krakensim.dev", "A-B1A2C3D4", map[string]any{"electricityFilters": with("marketSupplyPointId", site.mpan)})
		for j, p := range got {
			if want := map[bool]int{true: 24, false: 0}[i == j]; p.n != want {
				t.Errorf("site %s asked by site %s's MPAN: %d hours, want %d", p.mpan, site.mpan, p.n, want)
			}
		}
	}
}

// TestMeasurementCostsAreTaxedAsTheBills: a reading's cost with tax is taxed as its
// statement charges it: a home's at 5%, the shop's too (a business under de minimis), and what the solar home's
// export earned (GENERATION_VALUE) not at all, with no standing charge.
func TestMeasurementCostsAreTaxedAsTheBills(t *testing.T) {
	_, c := octopus(t)
	const q = `query($a: String!, $f: [UtilityFiltersInput!]) { account(accountNumber: $a) { properties { measurements(first: 1,
		startAt: "2026-11-20T12:00:00Z", endAt: "2026-11-20T13:00:00Z", utilityFilters: $f) { edges { node { value
		metaData { statistics { type costExclTax { estimatedAmount } costInclTax { estimatedAmount } } } } } } } } }`
	hour := map[string]any{"readingFrequencyType": "HOUR_INTERVAL"}
	generation := map[string]any{"readingFrequencyType": "HOUR_INTERVAL", "readingDirection": "GENERATION"}
	for _, tc := range []struct {
		email, account string
		filter         map[string]any
		kind           string
		tax            float64
	}{
		{"demo@krakensim.dev", "A-C90DC431", map[string]any{"electricityFilters": hour}, "CONSUMPTION_COST", 1.05},
		{"demo@krakensim.dev", "A-C90DC431", map[string]any{"gasFilters": hour}, "CONSUMPTION_COST", 1.05},
		{"business@krakensim.dev", "A-B1A2C3D4", map[string]any{"electricityFilters": hour}, "CONSUMPTION_COST", 1.05},
		{"solar@krakensim.dev", "A-6D4F2E88", map[string]any{"electricityFilters": generation}, "GENERATION_VALUE", 1},
	} {
		c.SignIn(tc.email, "krakensim")
		stats := simtest.Get(mustQuery(t, c)(q, map[string]any{"a": tc.account, "f": []any{tc.filter}}), "account", "properties", 0, "measurements", "edges", 0, "node", "metaData", "statistics").([]any)
		if want := map[bool]int{true: 1, false: 2}[tc.kind == "GENERATION_VALUE"]; len(stats) != want {
			t.Errorf("%s %v: %d statistics, want %d (a standing charge for what is drawn only)", tc.account, tc.filter, len(stats), want)
		}
		stat := stats[0]
		excl, incl := number(t, simtest.Get(stat, "costExclTax", "estimatedAmount")), number(t, simtest.Get(stat, "costInclTax", "estimatedAmount"))
		if simtest.Get(stat, "type") != tc.kind || excl <= 0 || math.Abs(incl-excl*tc.tax) > 1e-4 {
			t.Errorf("%s %v: %v %v excluding tax, %v including; want %s taxed at %v", tc.account, tc.filter, simtest.Get(stat, "type"), excl, incl, tc.kind, tc.tax)
		}
	}
}

// TestMeasurementSourceIsTheMeters: a reading's source is where its meter's readings come
// from, the same for each: a smart meter's (its gas too, and a solar export's) from the
// smart meter, one without a smart device's estimated.
func TestMeasurementSourceIsTheMeters(t *testing.T) {
	_, c := octopus(t)
	const read = `query($a: String!, $uf: [UtilityFiltersInput!]) { account(accountNumber: $a) { properties { measurements(first: 48,
		startOn: "2026-11-20", endOn: "2026-11-20", utilityFilters: $uf) { edges { node { source } } } } } }`
	elec := []any{map[string]any{"electricityFilters": map[string]any{"readingFrequencyType": "THIRTY_MIN_INTERVAL"}}}
	gas := []any{map[string]any{"gasFilters": map[string]any{"readingFrequencyType": "HOUR_INTERVAL"}}}
	export := []any{map[string]any{"electricityFilters": map[string]any{"readingFrequencyType": "THIRTY_MIN_INTERVAL", "readingDirection": "GENERATION"}}}
	for _, tc := range []struct {
		name, user, account string
		uf                  []any
		want                string
	}{
		{"smart electricity", "demo@krakensim.dev", "A-C90DC431", elec, "SMART_METER"},
		{"smart gas", "demo@krakensim.dev", "A-C90DC431", gas, "SMART_METER"},
		{"solar export", "solar@krakensim.dev", "A-6D4F2E88", export, "SMART_METER"},
		{"no smart device", "other@krakensim.dev", "A-0F4A2B19", elec, "ESTIMATE"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c.SignIn(tc.user, "krakensim")
			edges := simtest.Get(mustQuery(t, c)(read, map[string]any{"a": tc.account, "uf": tc.uf}), "account", "properties", 0, "measurements", "edges").([]any)
			if len(edges) == 0 {
				t.Fatal("no readings")
			}
			for _, e := range edges {
				if got := simtest.Get(e, "node", "source"); got != tc.want {
					t.Fatalf("source %v, want %s", got, tc.want)
				}
			}
		})
	}
}

// TestStandingChargeIsADayAsTheClocksChange: the day the clocks go back (25 October
// 2026, 50 half hours in London) charges one day's standing charge, as its neighbours
// and its bill do, spread over its half hours.
func TestStandingChargeIsADayAsTheClocksChange(t *testing.T) {
	_, c := octopus(t)
	q := mustQuery(t, c)
	const read = `query($f: ReadingFrequencyType!, $from: Date!, $to: Date!) { account(accountNumber: "A-C90DC431") { properties {
		measurements(first: 100, startOn: $from, endOn: $to, timezone: "Europe/London", utilityFilters: [{electricityFilters: {readingFrequencyType: $f}}]) {
		edges { node { metaData { statistics { type costExclTax { estimatedAmount } } } } } } } } }`
	standing := func(node any) float64 {
		for _, s := range simtest.Get(node, "node", "metaData", "statistics").([]any) {
			if simtest.Get(s, "type") == "STANDING_CHARGE_COST" {
				v, _ := strconv.ParseFloat(simtest.Get(s, "costExclTax", "estimatedAmount").(string), 64)
				return v
			}
		}
		t.Fatalf("no standing charge in %v", node)
		return 0
	}
	days := simtest.Get(q(read, map[string]any{"f": "DAY_INTERVAL", "from": "2026-10-24", "to": "2026-10-26"}), "account", "properties", 0, "measurements", "edges").([]any)
	if len(days) != 3 {
		t.Fatalf("%d days", len(days))
	}
	if a, b, c := standing(days[0]), standing(days[1]), standing(days[2]); math.Abs(a-b) > 1e-9 || math.Abs(b-c) > 1e-9 || b <= 0 {
		t.Errorf("standing charges of 24, 25 and 26 October: %v %v %v, want one day's each", a, b, c)
	}
	halves := simtest.Get(q(read, map[string]any{"f": "THIRTY_MIN_INTERVAL", "from": "2026-10-25", "to": "2026-10-25"}), "account", "properties", 0, "measurements", "edges").([]any)
	sum := 0.0
	for _, h := range halves {
		sum += standing(h)
	}
	if len(halves) != 50 || math.Abs(sum-standing(days[1])) > 1e-4 {
		t.Errorf("%d half hours on 25 October charge %v, the day %v", len(halves), sum, standing(days[1]))
	}
}

// TestOriginMeasurementSourceIsTheMeters: on Origin a smart (interval) meter, named by
// its serial number rather than a device's EUI-64, reads from the smart meter too.
func TestOriginMeasurementSourceIsTheMeters(t *testing.T) {
	_, c := tenant(t, "origin-schema.graphql")
	out := mustQuery(t, c)(`{ account(accountNumber: "A-C90DC431") { properties { measurements(first: 4, startOn: "2026-11-20", endOn: "2026-11-20",
		utilityFilters: [{electricityFilters: {readingFrequencyType: THIRTY_MIN_INTERVAL}}]) { edges { node { source } } } } } }`, nil)
	edges := simtest.Get(out, "account", "properties", 0, "measurements", "edges").([]any)
	if len(edges) == 0 {
		t.Fatal("no readings")
	}
	for _, e := range edges {
		if got := simtest.Get(e, "node", "source"); got != "SMART_METER" {
			t.Fatalf("source %v, want SMART_METER", got)
		}
	}
}

// nullable reads a home's measurements with each argument a variable, so that a client
// can leave one unset (omitted) or send it as null.
const nullable = `query($startAt: DateTime, $endAt: DateTime, $tz: String, $uf: [UtilityFiltersInput]) {
  account(accountNumber: "A-C90DC431") { properties { measurements(first: 5, startAt: $startAt, endAt: $endAt, timezone: $tz, utilityFilters: $uf) {
    totalCount edges { node { __typename value readAt source ... on IntervalMeasurementType { startAt endAt } } } } } } }`

// TestMeasurementsNullIsOmitted reads the demo home's measurements with each bound, the
// zone, the filters and a filter's fields sent as null, alone and together: each answers
// what leaving them out answers (the SDL's defaults), every half hour of its smart meter
// from the supply's start (1 October 2019) to the last midnight, the grouping asked for
// grouped as asked.
func TestMeasurementsNullIsOmitted(t *testing.T) {
	for _, tn := range []struct {
		file string
		// halves are the half hours from the supply's start to the last midnight (Britain
		// was an hour ahead of its winter time then, Sydney an hour behind its summer).
		halves, days int
	}{{"octopus-schema.graphql", 125714, 2619}, {"origin-schema.graphql", 125710, 2619}} {
		file := tn.file
		_, c := tenant(t, file)
		q := mustQuery(t, c)
		read := func(vars map[string]any) any {
			return simtest.Get(q(nullable, vars), "account", "properties", 0, "measurements")
		}
		day := map[string]any{"electricityFilters": map[string]any{"readingFrequencyType": "DAY_INTERVAL"}}
		cases := []struct {
			name           string
			omitted, nulls map[string]any
			n              int
		}{
			{"both bounds", map[string]any{}, map[string]any{"startAt": nil, "endAt": nil}, tn.halves},
			{"startAt", map[string]any{}, map[string]any{"startAt": nil}, tn.halves},
			{"endAt", map[string]any{}, map[string]any{"endAt": nil}, tn.halves},
			{"every argument", map[string]any{}, map[string]any{"startAt": nil, "endAt": nil, "tz": nil, "uf": nil}, tn.halves},
			{"a filter's fields", map[string]any{"uf": []any{map[string]any{"electricityFilters": map[string]any{}}}},
				map[string]any{"startAt": nil, "endAt": nil, "uf": []any{map[string]any{"electricityFilters": map[string]any{"readingFrequencyType": nil, "readingDirection": nil, "readingQuality": nil}}}}, tn.halves},
			{"bounds by day", map[string]any{"uf": []any{day}}, map[string]any{"startAt": nil, "endAt": nil, "uf": []any{day}}, tn.days},
			{"a bound by day", map[string]any{"uf": []any{day}, "startAt": "2026-11-01T00:00:00Z"}, map[string]any{"startAt": "2026-11-01T00:00:00Z", "endAt": nil, "uf": []any{day}}, 31},
		}
		for _, tc := range cases {
			t.Run(strings.TrimSuffix(file, "-schema.graphql")+"/"+tc.name, func(t *testing.T) {
				want, got := read(tc.omitted), read(tc.nulls)
				if n := toInt(simtest.Get(got, "totalCount")); n != tc.n {
					t.Fatalf("totalCount %d, want %d", n, tc.n)
				}
				if fmt.Sprint(got) != fmt.Sprint(want) {
					t.Fatalf("with nulls %v\nomitted %v", got, want)
				}
				for _, e := range simtest.Get(got, "edges").([]any) {
					if n := simtest.Get(e, "node").(map[string]any); n["__typename"] != "IntervalMeasurementType" || n["source"] != "SMART_METER" {
						t.Fatalf("a node %v", n)
					}
				}
			})
		}
	}
}

// TestAccountListsNullIsOmitted reads the demo account's transactions and bills with
// each argument that has a default sent as null: each answers what leaving it out does.
func TestAccountListsNullIsOmitted(t *testing.T) {
	_, c := octopus(t)
	q := mustQuery(t, c)
	const lists = `query($types: [TransactionTypeFilter], $order: TransactionsOrderBy, $historic: Boolean, $open: Boolean, $billOrder: BillsOrderBy) {
  account(accountNumber: "A-C90DC431") { transactions(first: 5, transactionTypes: $types, orderBy: $order) { totalCount edges { node { id } } }
    bills(first: 5, includeHistoricStatements: $historic, includeOpenStatements: $open, orderBy: $billOrder) { totalCount edges { node { id } } } } }`
	want := q(lists, nil)
	got := q(lists, map[string]any{"types": nil, "order": nil, "historic": nil, "open": nil, "billOrder": nil})
	if toInt(simtest.Get(want, "account", "transactions", "totalCount")) == 0 || toInt(simtest.Get(want, "account", "bills", "totalCount")) == 0 {
		t.Fatalf("no transactions or bills: %v", want)
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("with nulls %v\nomitted %v", got, want)
	}
}

// TestMeasurementsByQuarter reads the demo home's first half of 2026 by QUARTER_INTERVAL:
// two calendar quarters, each the sum of its months and REST's group_by=quarter.
func TestMeasurementsByQuarter(t *testing.T) {
	srv, c := octopus(t)
	window := map[string]any{"startAt": "2026-01-01T00:00:00Z", "endAt": "2026-07-01T00:00:00+01:00"}
	n, _, quarters := readUsage(t, c, "QUARTER_INTERVAL", window)
	_, _, months := readUsage(t, c, "MONTH_INTERVAL", window)
	if n != 2 || len(quarters) != 2 || len(months) != 6 {
		t.Fatalf("%d quarters %v, %d months", n, quarters, len(months))
	}
	if quarters[0].start != "2026-01-01T00:00:00+00:00" || quarters[0].end != "2026-04-01T00:00:00+01:00" || quarters[1].end != "2026-07-01T00:00:00+01:00" {
		t.Errorf("quarters %v", quarters)
	}
	_, body := rest(t, srv, c.Session, "sk_live_krakensimdemo3235447",
		"/v1/electricity-meter-points/1013004420117/meters/19L3471092/consumption/?period_from=2026-01-01T00:00Z&period_to=2026-06-30T23:00Z&group_by=quarter&order_by=period")
	results, _ := simtest.Get(body, "results").([]any)
	if len(results) != 2 {
		t.Fatalf("REST: %v", body)
	}
	for i, q := range quarters {
		var kwh float64
		for _, m := range months[3*i : 3*i+3] {
			kwh += m.kwh
		}
		rkwh, _ := strconv.ParseFloat(fmt.Sprint(simtest.Get(results[i], "consumption")), 64)
		if math.Abs(q.kwh-kwh) > 0.05 || math.Abs(q.kwh-rkwh) > 0.05 || q.kwh < 100 {
			t.Errorf("quarter %s: %v kWh, its months %v, REST %v", q.start, q.kwh, kwh, rkwh)
		}
	}
}

// TestMeasurementGroupsHoldOnlyTheWindow reads the demo home's use from 27 March 2026
// to 00:00 UTC on 2 April (an hour into the local 2 April, Britain on summer time) by
// month, day and hour: a group keeps its calendar bounds and holds only the part of it
// inside the window, as REST's group_by does, so each grouping sums to the window's use.
func TestMeasurementGroupsHoldOnlyTheWindow(t *testing.T) {
	srv, c := octopus(t)
	window := map[string]any{"startAt": "2026-03-27T00:00:00Z", "endAt": "2026-04-02T00:00:00Z"}
	_, _, hours := readUsage(t, c, "HOUR_INTERVAL", window)
	var total float64
	for _, h := range hours {
		total += h.kwh
	}
	if len(hours) != 144 || total < 10 {
		t.Fatalf("%d hours, %v kWh", len(hours), total)
	}
	for _, tc := range []struct {
		freq, group string
		starts      []string
	}{
		{"MONTH_INTERVAL", "month", []string{"2026-03-01T00:00:00+00:00", "2026-04-01T00:00:00+01:00"}},
		{"DAY_INTERVAL", "day", []string{"2026-03-27T00:00:00+00:00", "2026-03-28T00:00:00+00:00", "2026-03-29T00:00:00+00:00",
			"2026-03-30T00:00:00+01:00", "2026-03-31T00:00:00+01:00", "2026-04-01T00:00:00+01:00", "2026-04-02T00:00:00+01:00"}},
	} {
		t.Run(tc.freq, func(t *testing.T) {
			_, _, rows := readUsage(t, c, tc.freq, window)
			_, body := rest(t, srv, c.Session, "sk_live_krakensimdemo3235447",
				"/v1/electricity-meter-points/1013004420117/meters/19L3471092/consumption/?period_from=2026-03-27T00:00:00Z&period_to=2026-04-02T00:00:00Z&order_by=period&group_by="+tc.group)
			results, _ := simtest.Get(body, "results").([]any)
			if len(rows) != len(tc.starts) || len(results) != len(rows) {
				t.Fatalf("rows %v, REST %v", rows, body)
			}
			var sum float64
			for i, r := range rows {
				rkwh, _ := strconv.ParseFloat(fmt.Sprint(simtest.Get(results[i], "consumption")), 64)
				if r.start != tc.starts[i] || math.Abs(r.kwh-rkwh) > 0.01 { // REST sums half hours each to the Wh
					t.Errorf("%s: %v kWh; want from %s, REST's %v", r.start, r.kwh, tc.starts[i], rkwh)
				}
				sum += r.kwh
			}
			if math.Abs(sum-total) > 0.01 {
				t.Errorf("%v kWh in all, the hours' %v", sum, total)
			}
		})
	}
}

// TestMeasurementsOfALongWindowBeginAtItsStart reads the demo home's use by five,
// fifteen and thirty minutes over seventy years from 2019: each pages from where the
// supply began (1 October 2019) to the last midnight, the same time at every grouping,
// its totalCount every step in it.
func TestMeasurementsOfALongWindowBeginAtItsStart(t *testing.T) {
	_, c := octopus(t)
	const q = `query($freq: ReadingFrequencyType, $first: Int, $last: Int) { account(accountNumber: "A-C90DC431") { properties {
		measurements(first: $first, last: $last, startAt: "2019-01-01T00:00:00Z", endAt: "2089-01-01T00:00:00Z", utilityFilters: [{electricityFilters: {readingFrequencyType: $freq}}]) {
			totalCount edges { node { ... on IntervalMeasurementType { startAt endAt } } } } } } }`
	var ends []string
	var totals []int
	for _, freq := range []string{"FIVE_MIN_INTERVAL", "FIFTEEN_MIN_INTERVAL", "THIRTY_MIN_INTERVAL"} {
		first := simtest.Get(mustQuery(t, c)(q, map[string]any{"freq": freq, "first": 1}), "account", "properties", 0, "measurements")
		last := simtest.Get(mustQuery(t, c)(q, map[string]any{"freq": freq, "last": 1}), "account", "properties", 0, "measurements")
		if got := simtest.Get(first, "edges", 0, "node", "startAt"); got != "2019-10-01T00:00:00+01:00" {
			t.Errorf("%s begins %v; want where the supply began", freq, got)
		}
		totals = append(totals, toInt(simtest.Get(first, "totalCount")))
		ends = append(ends, fmt.Sprint(simtest.Get(last, "edges", 0, "node", "endAt")))
	}
	if totals[0] != 3*totals[1] || totals[1] != 2*totals[2] || totals[2] < 7*365*48 || ends[0] != ends[1] || ends[1] != ends[2] {
		t.Errorf("totalCounts %v, ending %v", totals, ends)
	}
}

// TestMeasurementsWithoutAStartBeginWithTheOldest reads the demo home's measurements with
// no start, as the SDL's default startAt says ("the far past which will return the
// oldest readings"): with no window, endOn alone or an endAt after now, each begins with
// the supply's first half hour (1 October 2019) and runs to its end, its last page
// reached by its cursor; by day, paged a hundred at a time, each day comes once, in
// order, and the days hold what the months of the same window do.
func TestMeasurementsWithoutAStartBeginWithTheOldest(t *testing.T) {
	for _, tn := range []struct {
		file, first, off string
		halves, days     int
	}{
		{"octopus-schema.graphql", "2019-10-01T00:00:00+01:00", "+00:00", 125714, 2619},
		{"origin-schema.graphql", "2019-10-01T00:00:00+10:00", "+11:00", 125710, 2619},
	} {
		_, c := tenant(t, tn.file)
		name := strings.TrimSuffix(tn.file, "-schema.graphql")
		for _, tc := range []struct {
			name   string
			window map[string]any
			n      int
			last   string
		}{
			{"no window", map[string]any{}, tn.halves, "2026-12-01T23:30:00"},
			{"endOn alone", map[string]any{"endOn": "2026-11-28"}, tn.halves - 3*48, "2026-11-28T23:30:00"},
			{"endAt after now", map[string]any{"endAt": "2026-12-06T00:00:00Z"}, tn.halves, "2026-12-01T23:30:00"},
		} {
			t.Run(name+"/"+tc.name, func(t *testing.T) {
				page := func(after string) (int, bool, []any) {
					vars := map[string]any{"freq": "THIRTY_MIN_INTERVAL"}
					maps.Copy(vars, tc.window)
					if after != "" {
						vars["after"] = after
					}
					m := simtest.Get(mustQuery(t, c)(usage, vars), "account", "properties", 0, "measurements")
					return toInt(simtest.Get(m, "totalCount")), simtest.Get(m, "pageInfo", "hasNextPage") == true, simtest.Get(m, "edges").([]any)
				}
				n, more, edges := page("")
				if n != tc.n || !more || len(edges) != 100 || simtest.Get(edges[0], "node", "startAt") != tn.first {
					t.Fatalf("totalCount %d (want %d), hasNextPage %v, %d edges from %v; want from %s", n, tc.n, more, len(edges), simtest.Get(edges[0], "node", "startAt"), tn.first)
				}
				n, more, edges = page(world.Cursor(tc.n - 101))
				if last := tc.last + tn.off; n != tc.n || more || len(edges) != 100 || simtest.Get(edges[99], "node", "startAt") != last {
					t.Fatalf("the last page: totalCount %d, hasNextPage %v, %d edges to %v; want %s", n, more, len(edges), simtest.Get(edges[len(edges)-1], "node", "startAt"), last)
				}
			})
		}
		t.Run(name+"/by day", func(t *testing.T) {
			total, more, days := readPagesOf(t, c, usageOnly, "DAY_INTERVAL", map[string]any{}, 30)
			if total != tn.days || len(days) != total || !more {
				t.Fatalf("totalCount %d, %d days, hasNextPage %v; want %d", total, len(days), more, tn.days)
			}
			var kwh float64
			for i, d := range days {
				if i == 0 && d.start != tn.first || i > 0 && d.start != days[i-1].end {
					t.Fatalf("day %d from %s, the one before ends at %s", i, d.start, days[max(i-1, 0)].end)
				}
				kwh += d.kwh
			}
			if end := "2026-12-02T00:00:00" + tn.off; days[len(days)-1].end != end {
				t.Errorf("the days end at %s, want %s", days[len(days)-1].end, end)
			}
			_, _, months := readPagesOf(t, c, usageOnly, "MONTH_INTERVAL", map[string]any{}, 30)
			var byMonth float64
			for _, m := range months {
				byMonth += m.kwh
			}
			if len(months) != 87 || math.Abs(kwh-byMonth) > 1 || kwh < 10000 {
				t.Errorf("%d days hold %.3f kWh, %d months %.3f", len(days), kwh, len(months), byMonth)
			}
		})
	}
}
