package world

import "testing"

// BenchmarkHomeAnswers answers what a home-automation client polls: a heat pump
// controller's configuration and status (zones sharing sensors, each zone's setpoint
// and readings) and a Fan Club status (a turbine's thresholds, 48 historic discounts and
// a 48-hour forecast), each for a fresh owner, as a new session would ask.
func BenchmarkHomeAnswers(b *testing.B) {
	for _, q := range []struct{ name, sdl, query string }{
		{"controller", zonesSDL, `query($e: ID!) {
			octoHeatPumpControllerConfiguration(accountNumber: "A-1", euid: $e) { zones { configuration { code zoneType enabled displayName primarySensor
				callForHeat heatDemand currentOperation { mode setpointInCelsius action }
				sensors { ... on ADCSensorConfiguration { code displayName type } ... on ZigbeeSensorConfiguration { code displayName type } } } } }
			octoHeatPumpControllerStatus(accountNumber: "A-1", euid: $e) { sensors { code telemetry { temperatureInCelsius humidityPercentage } }
				zones { zone telemetry { setpointInCelsius mode relaySwitchedOn heatDemand retrievedAt } } } }`},
		{"fan club", fanSDL, `query($e: String) { fanClubStatus(accountNumber: $e) { discountSource thresholds { power discount windSpeed }
			current { startAt discount metaData { power windSpeed } } historic { startAt discount metaData { power } }
			forecast { baseTime data { validTime projectedDiscount powerMedian powerLowerBound powerUpperBound } } } }`},
	} {
		b.Run(q.name, func(b *testing.B) {
			w := newSDLWorld(b, q.sdl, Options{})
			i := 0
			for b.Loop() {
				i++
				w.raw(q.query, map[string]any{"e": "00:1e:5e:09:02:" + string(rune('a'+i%26)) + string(rune('a'+i/26%26))})
			}
		})
	}
}

// BenchmarkTelemetry answers a day of a smart meter's half-hourly telemetry (48 readings
// of energy, demand, delta and cost), whose every quantity reads the meter's register.
func BenchmarkTelemetry(b *testing.B) {
	w := newSDLWorld(b, meterSDL, Options{})
	const q = `{ smartMeterTelemetry(deviceId: "00-11-22", start: "2026-12-01T00:00:00Z", end: "2026-12-02T00:00:00Z", grouping: HALF_HOURLY) {
		readAt consumption demand consumptionDelta costDelta costDeltaWithTax } }`
	for b.Loop() {
		w.raw(q, nil)
	}
}

// BenchmarkSeriesPage answers a page of half-hourly measurements: of a window open at
// its start (its latest MaxSeries), of a year and of a day.
func BenchmarkSeriesPage(b *testing.B) {
	for _, q := range []struct{ name, args string }{
		{"open at its start first 10", `endOn: "2026-11-30", first: 10`},
		{"a year first 100", `startOn: "2025-12-01", endOn: "2026-11-30", first: 100`},
		{"a day first 100", `startOn: "2026-11-30", endOn: "2026-11-30", first: 100`},
	} {
		b.Run(q.name, func(b *testing.B) {
			w := newSDLWorld(b, zoneSDL, Options{})
			query := `{ measurements(` + q.args + `) { pageInfo { hasNextPage endCursor } edges { node { value ... on IntervalMeasurementType { startAt endAt } } } } }`
			b.ReportAllocs()
			for b.Loop() {
				w.raw(query, nil)
			}
		})
	}
}
