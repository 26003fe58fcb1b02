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
