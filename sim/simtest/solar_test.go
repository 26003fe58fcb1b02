package simtest_test

import (
	"fmt"
	"math"
	"strconv"
	"testing"
	"time"

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
