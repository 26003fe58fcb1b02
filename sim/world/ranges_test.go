package world

import (
	"fmt"
	"strconv"
	"testing"
)

// rangesSDL is an Octopus heat pump's flow temperature settings, each beside the range
// the heat pump allows, and a thermostat whose bounds are plain numbers.
const rangesSDL = `type Query {
  octoHeatPumpControllerConfiguration(accountNumber: String!, euid: ID!): ControllerAndZoneConfiguration
  thermostat(accountNumber: String!): Thermostat!
}
type ControllerAndZoneConfiguration { heatPump: HeatPumpConfiguration }
type HeatPumpConfiguration {
  serialNumber: String
  weatherCompensation: WeatherCompensationConfiguration
  heatingFlowTemperature: FlowTemperatureConfiguration
}
type WeatherCompensationConfiguration {
  enabled: Boolean!
  # The minimum and maximum temperatures which may be selected, dictated by the device.
  allowableRange: TemperatureRange!
  # The min and max flow temperatures currently selected by the user.
  currentRange: TemperatureRange!
}
type FlowTemperatureConfiguration {
  allowableRange: TemperatureRange!
  currentTemperature: Temperature!
}
type TemperatureRange { minimum: Temperature maximum: Temperature }
type Temperature { value: Decimal unit: TemperatureUnit! }
enum TemperatureUnit { DEGREES_CELSIUS }
scalar Decimal
type Thermostat { id: ID! allowedRange: SetpointRange setpoint: Float }
type SetpointRange { min: Float max: Float }`

// TestSettingsLieWithinTheirAllowedRange: a heat pump allows flow temperatures of a
// heating flow (25–70 °C), the same in each of its settings, and what is selected lies
// within what it allows; a range of plain numbers holds its setting too.
func TestSettingsLieWithinTheirAllowedRange(t *testing.T) {
	w := newSDLWorld(t, rangesSDL, Options{})
	num := func(v any) float64 {
		t.Helper()
		if m, ok := v.(map[string]any); ok {
			v = m["value"]
		}
		f, err := strconv.ParseFloat(fmt.Sprint(v), 64)
		if err != nil {
			t.Fatalf("not a number: %v", v)
		}
		return f
	}
	bounds := func(v any) (float64, float64) {
		m := v.(map[string]any)
		if _, ok := m["min"]; ok {
			return num(m["min"]), num(m["max"])
		}
		return num(m["minimum"]), num(m["maximum"])
	}
	for i := range 12 {
		euid := fmt.Sprintf("00:1e:5e:09:02:b1:2f:%02x", i)
		data := w.ask(`query($e: ID!, $id: String!) {
			octoHeatPumpControllerConfiguration(accountNumber: "A-1", euid: $e) { heatPump {
				weatherCompensation { allowableRange { minimum { value unit } maximum { value } } currentRange { minimum { value } maximum { value } } }
				heatingFlowTemperature { allowableRange { minimum { value } maximum { value } } currentTemperature { value unit } } } }
			thermostat(accountNumber: $id) { allowedRange { min max } setpoint } }`, map[string]any{"e": euid, "id": euid})
		hp := data["octoHeatPumpControllerConfiguration"].(map[string]any)["heatPump"].(map[string]any)
		wc, flow := hp["weatherCompensation"].(map[string]any), hp["heatingFlowTemperature"].(map[string]any)
		lo, hi := bounds(flow["allowableRange"])
		if lo < 25 || hi > 70 || hi-lo < 20 {
			t.Errorf("%s: a heat pump allows flow temperatures of %v–%v °C, want a heating flow's within 25–70", euid, lo, hi)
		}
		if wlo, whi := bounds(wc["allowableRange"]); wlo != lo || whi != hi {
			t.Errorf("%s: weather compensation allows %v–%v °C, the flow temperature %v–%v", euid, wlo, whi, lo, hi)
		}
		if v := num(flow["currentTemperature"]); v < lo || v > hi {
			t.Errorf("%s: flow temperature %v °C outside the allowed %v–%v", euid, v, lo, hi)
		}
		if clo, chi := bounds(wc["currentRange"]); clo < lo || chi > hi || clo >= chi {
			t.Errorf("%s: weather compensation set to %v–%v °C, allowed %v–%v", euid, clo, chi, lo, hi)
		}
		if u := flow["currentTemperature"].(map[string]any)["unit"]; u != "DEGREES_CELSIUS" {
			t.Errorf("%s: unit %v", euid, u)
		}
		th := data["thermostat"].(map[string]any)
		if lo, hi := bounds(th["allowedRange"]); num(th["setpoint"]) < lo || num(th["setpoint"]) > hi || lo >= hi {
			t.Errorf("%s: setpoint %v outside the allowed %v–%v", euid, th["setpoint"], lo, hi)
		}
	}
}
