package simtest_test

import (
	"fmt"
	"math"
	"strconv"
	"testing"
	"time"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/simtest"
)

// TestOctopusSolarHouseExports: the solar household's one meter measures its import and
// its export on two MPANs (the export meter its smartExportElectricityMeter, paired with
// the import meter); the export is its array's, none at night and most at noon, the same
// through GraphQL and REST; Outgoing pays 15 p/kWh with no VAT and no standing charge.
func TestOctopusSolarHouseExports(t *testing.T) {
	srv, c := octopus(t)
	c.SignIn("solar@krakensim.dev", "krakensim")
	q := mustQuery(t, c)
	const solarKey = "sk_live_krakensimsolar3235454"
	data := q(`{ account(accountNumber: "A-6D4F2E88") {
		electricityAgreements(active: true) { tariff { ... on StandardTariff { productCode unitRate standingCharge } } }
		properties { electricityMeterPoints { mpan meters { id serialNumber
			smartImportElectricityMeter { deviceId } smartExportElectricityMeter { deviceId exportElectricityMeter { id } }
			importMeter { id } exportMeters { edges { node { id } } }
			consumption(grouping: HALF_HOUR, startAt: "2026-12-01T00:00:00Z", first: 48, timezone: "Europe/London") { edges { node { value startAt } } } } } } } }`, nil)
	points := simtest.Get(data, "account", "properties", 0, "electricityMeterPoints").([]any)
	if len(points) != 2 {
		t.Fatalf("%d meter points; want the import and the export", len(points))
	}
	imp, exp := simtest.Get(points[0], "meters", 0), simtest.Get(points[1], "meters", 0)
	checks := []struct{ name, got, want string }{
		{"import MPAN", fmt.Sprint(simtest.Get(points[0], "mpan")), "2200007316455"},
		{"export MPAN", fmt.Sprint(simtest.Get(points[1], "mpan")), "2200007316464"},
		{"one meter's serial", fmt.Sprint(simtest.Get(exp, "serialNumber")), fmt.Sprint(simtest.Get(imp, "serialNumber"))},
		{"one ESME", fmt.Sprint(simtest.Get(exp, "smartExportElectricityMeter", "deviceId")), fmt.Sprint(simtest.Get(imp, "smartImportElectricityMeter", "deviceId"))},
		{"export meter's import device", fmt.Sprint(simtest.Get(exp, "smartImportElectricityMeter")), "<nil>"},
		{"import meter's export device", fmt.Sprint(simtest.Get(imp, "smartExportElectricityMeter")), "<nil>"},
		{"device's export meter", fmt.Sprint(simtest.Get(exp, "smartExportElectricityMeter", "exportElectricityMeter", "id")), "3010010"},
		{"export's import meter", fmt.Sprint(simtest.Get(exp, "importMeter", "id")), "3010009"},
		{"import's export meters", fmt.Sprint(simtest.Get(imp, "exportMeters", "edges")), "[map[node:map[id:3010010]]]"},
		{"Outgoing's price", fmt.Sprint(simtest.Get(data, "account", "electricityAgreements", 1, "tariff")), "map[productCode:OUTGOING-VAR-24-10-26 standingCharge:0 unitRate:15]"},
	}
	for _, ch := range checks {
		if ch.got != ch.want {
			t.Errorf("%s: got %s, want %s", ch.name, ch.got, ch.want)
		}
	}

	// The export's half hours on 1 December: nothing at night, most around noon, and
	// what REST reads of the export MPAN.
	_, body := rest(t, srv, c.Session, solarKey,
		"/v1/electricity-meter-points/2200007316464/meters/22L0417735/consumption/?period_from=2026-12-01T00:00:00Z&period_to=2026-12-02T00:00:00Z&order_by=period")
	restRows, _ := body["results"].([]any)
	halfHours := simtest.Get(exp, "consumption", "edges").([]any)
	if len(halfHours) != 48 || len(restRows) != 48 {
		t.Fatalf("%d half hours by GraphQL, %d by REST; want 48", len(halfHours), len(restRows))
	}
	var day, noon float64
	for i, e := range halfHours {
		v, _ := strconv.ParseFloat(fmt.Sprint(simtest.Get(e, "node", "value")), 64)
		start, _ := time.Parse(time.RFC3339, fmt.Sprint(simtest.Get(e, "node", "startAt")))
		if r := simtest.Get(restRows[i], "consumption").(float64); math.Abs(r-v) > 0.0015 {
			t.Errorf("%s: GraphQL %.3f kWh, REST %.3f", start.Format(time.TimeOnly), v, r)
		}
		switch h := start.UTC().Hour(); {
		case (h < 7 || h >= 17) && v != 0:
			t.Errorf("%s: %.3f kWh exported in the dark", start.Format(time.TimeOnly), v)
		case h >= 10 && h < 14:
			noon += v
		}
		day += v
	}
	if day <= 0.3 || day > 8 || noon < 0.6*day {
		t.Errorf("a December day exports %.3f kWh, %.3f of it from 10:00 to 14:00; want a winter day's, most of it around noon", day, noon)
	}

	// While the array exports, the home draws little: in the middle of the array's
	// window, from 10:30 to 13:30 GMT in December (three hours) and from 08:00 to 18:00
	// on June's clocks (ten), it draws a twentieth and a sixth of its day's import, where a
	// household's day has about twice as much, and every half hour still draws some.
	for _, day := range []struct {
		from, to, sunFrom, sunTo string
		share                    float64
	}{
		{"2026-12-01T00:00:00Z", "2026-12-02T00:00:00Z", "2026-12-01T10:30:00Z", "2026-12-01T13:30:00Z", 0.05},
		{"2026-06-14T23:00:00Z", "2026-06-15T23:00:00Z", "2026-06-15T08:00:00+01:00", "2026-06-15T18:00:00+01:00", 1.0 / 6},
	} {
		_, body = rest(t, srv, c.Session, solarKey,
			"/v1/electricity-meter-points/2200007316455/meters/22L0417735/consumption/?period_from="+day.from+"&period_to="+day.to+"&order_by=period")
		sunFrom, _ := time.Parse(time.RFC3339, day.sunFrom)
		sunTo, _ := time.Parse(time.RFC3339, day.sunTo)
		var imported, sunlit, most, edges float64
		var n, nEdges int
		rows := body["results"].([]any)
		for _, r := range rows {
			v := simtest.Get(r, "consumption").(float64)
			if v <= 0 {
				t.Errorf("%v: the home imports nothing", r)
			}
			at, _ := time.Parse(time.RFC3339, fmt.Sprint(simtest.Get(r, "interval_start")))
			switch {
			case !at.Before(sunFrom) && at.Before(sunTo):
				sunlit, most, n = sunlit+v, max(most, v), n+1
			case !at.Before(sunFrom.Add(-90*time.Minute)) && at.Before(sunTo.Add(90*time.Minute)):
				edges, nEdges = edges+v, nEdges+1
			}
			imported += v
		}
		if sunlit > 1.3*day.share*imported || sunlit < 0.7*day.share*imported || most > 0.8*imported/float64(len(rows)) {
			t.Errorf("%s: %.3f of the day's %.3f kWh imported from %s to %s, at most %.3f a half hour; want about %.3f of it, each under the day's mean",
				day.from, sunlit, imported, day.sunFrom, day.sunTo, most, day.share)
		}
		// The hour and a half either side of them, the sun too low, draws as a home does.
		if n == 0 || nEdges != 6 || sunlit/float64(n) > 0.5*edges/float64(nEdges) {
			t.Errorf("%s: %.3f kWh a half hour in the sunlit hours, %.3f in the %d either side; want under half", day.from, sunlit/float64(max(n, 1)), edges/float64(max(nEdges, 1)), nEdges)
		}
	}

	// Outgoing's public prices: 15 p either way, nothing a day.
	for path, want := range map[string]float64{
		"/v1/products/OUTGOING-VAR-24-10-26/electricity-tariffs/E-1R-OUTGOING-VAR-24-10-26-L/standard-unit-rates/": 15,
		"/v1/products/OUTGOING-VAR-24-10-26/electricity-tariffs/E-1R-OUTGOING-VAR-24-10-26-L/standing-charges/":    0,
	} {
		_, body := rest(t, srv, c.Session, "", path)
		row := simtest.Get(body, "results", 0)
		if simtest.Get(row, "value_exc_vat") != want || simtest.Get(row, "value_inc_vat") != want {
			t.Errorf("%s: %v; want %v with and without VAT", path, row, want)
		}
	}
}

// TestOctopusSolarExportIsCreditedOnStatements reads the solar household's statements as
// a captured Octopus statement lists an export: each month since its Outgoing agreement
// began (from the agreement's first day in the month it began, here the export moved to
// 14 November 2024 so that it begins within a statement) has a Charge of minus what
// the export earned, isExport true, no tax, for the kWh REST and GraphQL read of the
// export MPAN over its days at 15 p; the statement's totals count it among its charges,
// and its balances still add up; the import is billed as its meter measured it. The demo user's accounts, exporting nothing, have no
// export charge.
func TestOctopusSolarExportIsCreditedOnStatements(t *testing.T) {
	srv, c := octopus(t, func(w *sim.World) {
		export := &w.Account("A-6D4F2E88").Properties[0].ElectricityMeterPoints[1]
		export.Meters[0].ActiveFrom, export.Agreements[0].ValidFrom = "2024-11-14", "2024-11-14"
	})
	q := mustQuery(t, c)
	const txFields = `__typename title balanceCarriedForward amounts { net tax gross }
		... on Charge { isExport consumption { startDate endDate quantity unit usageCost supplyCharge } }`
	demo := q(`{ viewer { accounts { number transactions(first: 100) { edges { node { `+txFields+` } } } } } }`, nil)
	for _, acc := range simtest.Get(demo, "viewer", "accounts").([]any) {
		for _, e := range simtest.Get(acc, "transactions", "edges").([]any) {
			n := simtest.Get(e, "node")
			if simtest.Get(n, "__typename") == "Charge" && (simtest.Get(n, "isExport") != false || simtest.Get(n, "amounts", "gross").(float64) < 0) {
				t.Errorf("%v: a charge %v; an account that exports nothing is charged for its use", simtest.Get(acc, "number"), n)
			}
		}
	}

	c.SignIn("solar@krakensim.dev", "krakensim")
	q = mustQuery(t, c)
	data := q(`{ account(accountNumber: "A-6D4F2E88") { bills(first: 30) { edges { node { fromDate toDate ... on StatementType {
		openingBalance closingBalance totalCharges { netTotal taxTotal grossTotal } totalCredits { grossTotal }
		transactions(first: 10) { edges { node { `+txFields+` } } } } } } } } }`, nil)
	bills := map[string]any{}
	for _, e := range simtest.Get(data, "account", "bills", "edges").([]any) {
		bills[simtest.Get(e, "node", "fromDate").(string)] = simtest.Get(e, "node")
	}
	for _, tc := range []struct {
		name, from, to, exportFrom string // exportFrom "" when nothing was exported
	}{
		{"the latest month", "2026-11-01", "2026-11-30", "2026-11-01"},
		{"the month before", "2026-10-01", "2026-10-31", "2026-10-01"},
		{"a summer month", "2026-07-01", "2026-07-31", "2026-07-01"},
		{"the month Outgoing began", "2024-11-01", "2024-11-30", "2024-11-14"},
		{"the month before it", "2024-10-01", "2024-10-31", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b, ok := bills[tc.from]
			if !ok || simtest.Get(b, "toDate") != tc.to {
				t.Fatalf("no statement %s–%s", tc.from, tc.to)
			}
			var exports []any
			var net, tax, gross, credits, paid, imported float64
			txs := simtest.Get(b, "transactions", "edges").([]any)
			for i, e := range txs {
				n := simtest.Get(e, "node")
				amounts := simtest.Get(n, "amounts")
				switch simtest.Get(n, "__typename") {
				case "Charge":
					net += simtest.Get(amounts, "net").(float64)
					tax += simtest.Get(amounts, "tax").(float64)
					gross += simtest.Get(amounts, "gross").(float64)
					if simtest.Get(n, "isExport") == true {
						exports = append(exports, n)
					} else if simtest.Get(amounts, "tax").(float64) <= 0 {
						t.Errorf("an import charge without VAT: %v", n)
					} else {
						imported, _ = strconv.ParseFloat(simtest.Get(n, "consumption", "quantity").(string), 64)
					}
				case "Payment":
					paid += simtest.Get(amounts, "net").(float64)
				default:
					credits += simtest.Get(amounts, "net").(float64)
				}
				// Newest first: each transaction carries forward what the next left plus itself.
				if i+1 < len(txs) {
					signed := simtest.Get(amounts, "net").(float64)
					if simtest.Get(n, "__typename") == "Charge" {
						signed = -simtest.Get(amounts, "gross").(float64)
					}
					older := simtest.Get(txs[i+1], "node", "balanceCarriedForward").(float64)
					if got := simtest.Get(n, "balanceCarriedForward").(float64); got != older+signed {
						t.Errorf("%v carries forward %v; the one before left %v", n, got, older)
					}
				}
			}
			totals := simtest.Get(b, "totalCharges")
			if simtest.Get(totals, "netTotal") != net || simtest.Get(totals, "taxTotal") != tax || simtest.Get(totals, "grossTotal") != gross || net+tax != gross {
				t.Errorf("totalCharges %v; its charges add up to net %v, tax %v, gross %v", totals, net, tax, gross)
			}
			opening, closing := simtest.Get(b, "openingBalance").(float64), simtest.Get(b, "closingBalance").(float64)
			if opening-gross+credits+paid != closing || simtest.Get(b, "totalCredits", "grossTotal") != credits {
				t.Errorf("opens at %v, charges %v, credits %v, is paid %v and closes at %v", opening, gross, credits, paid, closing)
			}
			// The export credits and direct debits pay for the import as measured: its
			// charge is for what REST reads of the import MPAN.
			if got := restSum(t, srv, c.Session, "2200007316455", day(t, tc.from), day(t, tc.to).AddDate(0, 0, 1)); math.Abs(got-imported) > 0.05 {
				t.Errorf("the import charge is for %v kWh; REST reads %.3f", imported, got)
			}
			if tc.exportFrom == "" {
				if len(exports) != 0 {
					t.Errorf("export charges %v before the export agreement began", exports)
				}
				return
			}
			if len(exports) != 1 {
				t.Fatalf("%d export charges; want one", len(exports))
			}
			x := exports[0]
			quantity, _ := strconv.ParseFloat(simtest.Get(x, "consumption", "quantity").(string), 64)
			amounts := simtest.Get(x, "amounts")
			want := -math.Round(quantity * 15)
			if got := fmt.Sprint(simtest.Get(x, "title"), " ", simtest.Get(amounts, "net"), " ", simtest.Get(amounts, "tax"), " ", simtest.Get(amounts, "gross")); got != fmt.Sprint("Electricity ", want, " 0 ", want) || want >= 0 {
				t.Errorf("the export charge: %s; want Electricity %v 0 %v for %v kWh at 15 p", got, want, want, quantity)
			}
			period := fmt.Sprint(simtest.Get(x, "consumption", "startDate"), " ", simtest.Get(x, "consumption", "endDate"), " ", simtest.Get(x, "consumption", "unit"))
			if period != tc.exportFrom+" "+tc.to+" kWh" {
				t.Errorf("the export charge is for %s; want %s %s kWh", period, tc.exportFrom, tc.to)
			}
			start, end := day(t, tc.exportFrom), day(t, tc.to).AddDate(0, 0, 1)
			restKWh := restSum(t, srv, c.Session, "2200007316464", start, end)
			days := int(math.Round(end.Sub(start).Hours() / 24))
			read := q(`query($from: DateTime!, $n: Int!) { account(accountNumber: "A-6D4F2E88") { properties { electricityMeterPoints { mpan meters {
				consumption(startAt: $from, grouping: DAY, timezone: "Europe/London", first: $n) { edges { node { value } } } } } } } }`,
				map[string]any{"from": start.Format(time.RFC3339), "n": days})
			var graphKWh float64
			for _, e := range simtest.Get(read, "account", "properties", 0, "electricityMeterPoints", 1, "meters", 0, "consumption", "edges").([]any) {
				v, _ := strconv.ParseFloat(fmt.Sprint(simtest.Get(e, "node", "value")), 64)
				graphKWh += v
			}
			if math.Abs(restKWh-quantity) > 0.03 || math.Abs(graphKWh-quantity) > 0.03 {
				t.Errorf("the export charge is for %v kWh; over its %d days REST reads %.3f kWh, GraphQL %.3f", quantity, days, restKWh, graphKWh)
			}
		})
	}
}

// restSum is the kWh REST reads of the solar household's meter on mpan from start to end.
func restSum(t *testing.T, srv *simtest.Server, session, mpan string, start, end time.Time) float64 {
	t.Helper()
	_, body := rest(t, srv, session, "sk_live_krakensimsolar3235454", "/v1/electricity-meter-points/"+mpan+"/meters/22L0417735/consumption/?group_by=day&page_size=100&period_from="+
		start.UTC().Format(time.RFC3339)+"&period_to="+end.UTC().Format(time.RFC3339))
	rows, _ := body["results"].([]any)
	if want := int(math.Round(end.Sub(start).Hours() / 24)); len(rows) != want {
		t.Errorf("REST reads %s over %d days; want %d", mpan, len(rows), want)
	}
	var kwh float64
	for _, r := range rows {
		kwh += simtest.Get(r, "consumption").(float64)
	}
	return kwh
}

// TestOctopusSolarMeterIsOneDevice lists the solar home's network: its one smart meter,
// which its import and export supplies share, is one ESME, metering both.
func TestOctopusSolarMeterIsOneDevice(t *testing.T) {
	_, c := octopus(t)
	c.SignIn("solar@krakensim.dev", "krakensim")
	out := mustQuery(t, c)(`{ account(accountNumber: "A-6D4F2E88") { properties { smartDeviceNetworks { smartDevices {
		type deviceId importElectricityMeter { serialNumber } exportElectricityMeter { serialNumber } } } } } }`, nil)
	var esme []map[string]any
	for _, d := range simtest.Get(out, "account", "properties", 0, "smartDeviceNetworks", 0, "smartDevices").([]any) {
		if m := d.(map[string]any); m["type"] == "ESME" {
			esme = append(esme, m)
		}
	}
	if len(esme) != 1 || esme[0]["importElectricityMeter"] == nil || esme[0]["exportElectricityMeter"] == nil {
		t.Errorf("the solar home's ESMEs: %v", esme)
	}
}

// TestSolarExportIsTheHomesSun sums a year of the solar home's export on each tenant: the
// 5 kW array in Exeter sends out about 470 kWh a kW, half what a British array generates;
// the one in Mount Barker, South Australia, what it makes of the 4.2 kWh a kW a day the
// Clean Energy Council gives Adelaide (about 1,530 a year) beyond the home's use, which
// at some 2,600 kWh a year leaves most of it to export, its summer in December.
func TestSolarExportIsTheHomesSun(t *testing.T) {
	monthly := func(t *testing.T, sdl string) []float64 {
		srv, c := tenant(t, sdl)
		if sdl == "octopus-schema.graphql" {
			_, body := rest(t, srv, c.Session, "sk_live_krakensimsolar3235454",
				"/v1/electricity-meter-points/2200007316464/meters/22L0417735/consumption/?period_from=2025-11-01T00:00:00Z&period_to=2026-11-01T00:00:00Z&group_by=month&order_by=period")
			var out []float64
			for _, r := range body["results"].([]any) {
				out = append(out, simtest.Get(r, "consumption").(float64))
			}
			return out
		}
		out := c.Query(`mutation { obtainKrakenToken(input: {APIKey: "sk_live_krakensimsolar3235454"}) { token } }`, nil)
		c.Token, _ = simtest.Get(out.Data, "obtainKrakenToken", "token").(string)
		_, _, rows := readReadings(t, c, 1, "exportReadings", map[string]any{"account": "A-6D4F2E88", "start": "2025-11-01T00:00:00", "end": "2026-11-01T00:00:00", "granularity": "MONTH", "tz": "Australia/Adelaide"})
		var kwh []float64
		for _, r := range rows {
			kwh = append(kwh, r.kwh)
		}
		return kwh
	}
	for _, tc := range []struct {
		name, sdl      string
		lo, hi         float64 // kWh a kW a year
		summer, winter int
	}{
		{"Exeter", "octopus-schema.graphql", 0.9 * 470, 1.1 * 470, 7, 1},
		{"Mount Barker", "origin-schema.graphql", 0.6 * 4.2 * 365.2425, 0.95 * 4.2 * 365.2425, 1, 7},
	} {
		t.Run(tc.name, func(t *testing.T) {
			months := monthly(t, tc.sdl)
			if len(months) != 12 {
				t.Fatalf("%d months: %v", len(months), months)
			}
			year := 0.0
			for _, m := range months {
				year += m
			}
			if perKW := year / 5; perKW < tc.lo || perKW > tc.hi {
				t.Errorf("a year exports %.0f kWh a kW; want %.0f to %.0f", perKW, tc.lo, tc.hi)
			}
			if months[tc.summer] < 2.5*months[tc.winter] {
				t.Errorf("months %v: summer's %.0f kWh, winter's %.0f; want several times more in summer", months, months[tc.summer], months[tc.winter])
			}
		})
	}
}

// TestOriginSolarExportIsTheSurplus reads the Mount Barker home's export on Origin's SDL:
// each half hour it sends out what its 5 kW array makes beyond the home's use, so on a
// November day its solar noon's half hours export, none more than the array's peak makes
// in half an hour, and its nights nothing; November's statement credits the kWh its
// export readings add up to over the month at Outgoing's 5 c.
func TestOriginSolarExportIsTheSurplus(t *testing.T) {
	_, c := tenant(t, "origin-schema.graphql")
	out := c.Query(`mutation { obtainKrakenToken(input: {APIKey: "sk_live_krakensimsolar3235454"}) { token } }`, nil)
	c.Token, _ = simtest.Get(out.Data, "obtainKrakenToken", "token").(string)
	adelaide, err := time.LoadLocation("Australia/Adelaide")
	if err != nil {
		t.Fatal(err)
	}
	_, _, rows := readReadings(t, c, 1, "exportReadings", map[string]any{"account": "A-6D4F2E88", "start": "2026-11-20T00:00:00", "end": "2026-11-21T00:00:00", "granularity": "THIRTY_MIN", "tz": "Australia/Adelaide"})
	if len(rows) != 48 {
		t.Fatalf("%d half hours; want 48", len(rows))
	}
	var noon float64
	for _, r := range rows {
		at, _ := time.Parse(time.RFC3339, r.start)
		switch h := at.In(adelaide).Hour(); {
		case h >= 12 && h < 14: // solar noon is 13:00 of summer time
			if r.kwh <= 0 || r.kwh > 5*0.5 {
				t.Errorf("%s: %.3f kWh exported; want some, at most the 2.5 kWh a 5 kW array makes in half an hour", r.start, r.kwh)
			}
			noon += r.kwh
		case (h < 5 || h >= 22) && r.kwh != 0:
			t.Errorf("%s: %.3f kWh exported at night", r.start, r.kwh)
		}
	}
	if noon < 2 {
		t.Errorf("%.3f kWh exported from 12:00 to 14:00; want a sunny noon's surplus", noon)
	}

	data := mustQuery(t, c)(`{ account(accountNumber: "A-6D4F2E88") { bills(first: 1) { edges { node { fromDate toDate ... on StatementType {
		transactions(first: 10) { edges { node { __typename amounts { net tax gross } ... on Charge { consumption { startDate endDate quantity } } } } } } } } } } }`, nil)
	bill := simtest.Get(data, "account", "bills", "edges", 0, "node")
	if simtest.Get(bill, "fromDate") != "2026-11-01" {
		t.Fatalf("the latest statement is %v", bill)
	}
	var credit map[string]any
	for _, e := range simtest.Get(bill, "transactions", "edges").([]any) {
		if n := simtest.Get(e, "node").(map[string]any); n["__typename"] == "Charge" && simtest.Get(n, "amounts", "gross").(float64) < 0 {
			credit = n
		}
	}
	if credit == nil {
		t.Fatalf("no export credit on %v", bill)
	}
	quantity, _ := strconv.ParseFloat(fmt.Sprint(simtest.Get(credit, "consumption", "quantity")), 64)
	_, _, days := readReadings(t, c, 1, "exportReadings", map[string]any{"account": "A-6D4F2E88", "start": "2026-11-01T00:00:00", "end": "2026-12-01T00:00:00", "granularity": "DAY", "tz": "Australia/Adelaide"})
	var read float64
	for _, d := range days {
		read += d.kwh
	}
	if len(days) != 30 || math.Abs(read-quantity) > 0.03 {
		t.Errorf("the export credit is for %v kWh; the export readings of its %d days add up to %.3f", quantity, len(days), read)
	}
	if got, want := simtest.Get(credit, "amounts", "gross").(float64), -math.Round(quantity*5); got != want || simtest.Get(credit, "amounts", "tax") != 0.0 {
		t.Errorf("the export credit is %v; want %v untaxed for %v kWh at 5 c", simtest.Get(credit, "amounts"), want, quantity)
	}
}
