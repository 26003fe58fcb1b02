package world

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/krakensim/krakensim/sim/fake"
)

// zonesSDL is an Octopus heat pump controller's zones, in its configuration and in its
// status.
const zonesSDL = `type Query {
  octoHeatPumpControllerConfiguration(accountNumber: String!, euid: ID!): ControllerAndZoneConfiguration
  octoHeatPumpControllerStatus(accountNumber: String!, euid: ID!): ControllerStatus
}
type ControllerAndZoneConfiguration { zones: [ZoneInformation] }
type ZoneInformation { configuration: ZoneConfiguration }
type ZoneConfiguration {
  code: Zone zoneType: ZoneType enabled: Boolean displayName: String
  currentOperation: ZoneCurrentOperation callForHeat: Boolean heatDemand: Boolean
  # Primary sensor for the zone.
  primarySensor: String
  # All associated sensors and ADCs.
  sensors: [SensorConfiguration]
}
union SensorConfiguration = ADCSensorConfiguration | ZigbeeSensorConfiguration
type ADCSensorConfiguration {
  # Code name of the sensor.
  code: String
  displayName: String
  # Sensor type (NTC).
  type: SensorType
}
type ZigbeeSensorConfiguration {
  # Code name of the sensor.
  code: String
  displayName: String
  # Sensor type (Zigbee).
  type: SensorType
  id: ID
}
enum SensorType { ZIGBEE NTC TSTAT }
type ControllerStatus { zones: [ZoneStatus] sensors: [SensorStatus] }
type SensorStatus {
  # The code name for a sensor.
  code: String
  connectivity: SensorConnectivity
  telemetry: SensorTelemetry
}
type SensorConnectivity { online: Boolean }
type SensorTelemetry { temperatureInCelsius: Float humidityPercentage: Int }
type PossibleErrorType {
  # The error code that might be returned from the query/mutation.
  code: String
}
type ZoneStatus { zone: Zone telemetry: ZoneTelemetry }
type ZoneTelemetry {
  setpointInCelsius: Float mode: Mode relaySwitchedOn: Boolean heatDemand: Boolean
  # Time at which the telemetry was retrieved.
  retrievedAt: DateTime
}
type ZoneCurrentOperation { mode: Mode setpointInCelsius: Float action: OperationAction }
enum Mode { ON OFF AUTO BOOST }
enum OperationAction { ON OFF }
scalar DateTime
enum Zone { WATER ZONE_1 ZONE_2 AUXILIARY }
enum ZoneType { HEAT WATER AUX EXT DIV }`

// TestZonesAreEachZoneOnce: a controller's zones are each of its zones once, in the
// same order in its configuration and its status; a zone's type is the one its code
// names and its display name is its code in words.
func TestZonesAreEachZoneOnce(t *testing.T) {
	w := newSDLWorld(t, zonesSDL, Options{})
	for _, euid := range []string{"00:1e:5e:09:02:b1:2f:3c", "00:1e:5e:09:02:b1:2f:3d"} {
		data := w.ask(`query($e: ID!) {
			octoHeatPumpControllerConfiguration(accountNumber: "A-1", euid: $e) { zones { configuration { code zoneType displayName } } }
			octoHeatPumpControllerStatus(accountNumber: "A-1", euid: $e) { zones { zone } } }`, map[string]any{"e": euid})
		var config, status []string
		for _, z := range data["octoHeatPumpControllerConfiguration"].(map[string]any)["zones"].([]any) {
			c := z.(map[string]any)["configuration"].(map[string]any)
			config = append(config, fmt.Sprint(c["code"]))
			want := map[string][2]string{"WATER": {"WATER", "Water"}, "ZONE_1": {"HEAT", "Zone 1"}, "ZONE_2": {"HEAT", "Zone 2"}, "AUXILIARY": {"AUX", "Auxiliary"}}[fmt.Sprint(c["code"])]
			if c["zoneType"] != want[0] || c["displayName"] != want[1] {
				t.Errorf("%s: zone %v is of type %v, named %v; want %s, %q", euid, c["code"], c["zoneType"], c["displayName"], want[0], want[1])
			}
		}
		for _, z := range data["octoHeatPumpControllerStatus"].(map[string]any)["zones"].([]any) {
			status = append(status, fmt.Sprint(z.(map[string]any)["zone"]))
		}
		if got := fmt.Sprint(config); got != "[WATER ZONE_1 ZONE_2 AUXILIARY]" || fmt.Sprint(status) != got {
			t.Errorf("%s: configured zones %v, zones in the status %v; want each zone once, alike", euid, config, status)
		}
	}
}

// TestCodeHelpers: a kind is the one its code names, else the first; a code in words.
func TestCodeHelpers(t *testing.T) {
	w := newSDLWorld(t, zonesSDL, Options{})
	kind := w.exec.Schema().Types["ZoneType"]
	for code, want := range map[string]string{"WATER": "WATER", "AUXILIARY": "AUX", "ZONE_1": "HEAT", "": ""} {
		if got := kindOfCode(kind, code); got != want {
			t.Errorf("kindOfCode(%q) = %q, want %q", code, got, want)
		}
	}
	for code, want := range map[string]string{"ZONE_1": "Zone 1", "WATER": "Water", "HOT_WATER_TANK": "Hot water tank"} {
		if got := codeWords(code); got != want {
			t.Errorf("codeWords(%q) = %q, want %q", code, got, want)
		}
	}
}

// TestSensorsAreTheControllersSensors: a controller's status lists its sensors, its
// wired ADC probes (ADC1…) before its Zigbee sensors (SENSOR01…); its zones share them,
// the probes in the water zone and the Zigbee sensors in the first heating zone, each
// of the kind and type its code says; a zone's primary sensor is its first, and a zone
// without sensors has none; the first probe reads the water's temperature (a
// cylinder's, warm or cooled), the second and third the heat pump's flow and a return a
// few degrees cooler, a fourth nothing, and none a humidity; an error's code is not a
// code name.
func TestSensorsAreTheControllersSensors(t *testing.T) {
	w := newSDLWorld(t, zonesSDL, Options{})
	probes, radios := 0, 0
	for i := range 8 {
		euid := fmt.Sprintf("00:1e:5e:09:02:b1:2f:%02x", i)
		data := w.ask(`query($e: ID!) {
			octoHeatPumpControllerConfiguration(accountNumber: "A-1", euid: $e) { zones { configuration { code primarySensor
				sensors { __typename ... on ADCSensorConfiguration { code displayName type } ... on ZigbeeSensorConfiguration { code displayName type } } } } }
			octoHeatPumpControllerStatus(accountNumber: "A-1", euid: $e) { sensors { code connectivity { online } telemetry { temperatureInCelsius humidityPercentage } } } }`, map[string]any{"e": euid})
		var status, adc, zigbee []string
		temps := map[string]any{}
		for _, s := range data["octoHeatPumpControllerStatus"].(map[string]any)["sensors"].([]any) {
			s := s.(map[string]any)
			code, tm := fmt.Sprint(s["code"]), s["telemetry"].(map[string]any)
			status = append(status, code)
			if strings.HasPrefix(code, "ADC") {
				adc = append(adc, code)
				temps[code] = tm["temperatureInCelsius"]
				if online := s["connectivity"].(map[string]any)["online"]; online != (code != "ADC4") {
					t.Errorf("%s: probe %s is online: %v", euid, code, online)
				}
				temp, read := tm["temperatureInCelsius"].(float64)
				if tm["humidityPercentage"] != nil || code == "ADC4" && read || code != "ADC4" && (temp < 20 || temp > 60) {
					t.Errorf("%s: probe %s reads %v, want a water or circuit temperature (none on ADC4) and no humidity", euid, code, tm)
				}
			} else {
				zigbee = append(zigbee, code)
			}
		}
		flow, _ := temps["ADC2"].(float64)
		if ret, ok := temps["ADC3"].(float64); ok && (ret >= flow || flow-ret > 7) {
			t.Errorf("%s: the heat pump's flow reads %v and its return %v", euid, flow, ret)
		}
		probes, radios = probes+len(adc), radios+len(zigbee)
		want := fmt.Sprint(append(numbered("ADC%d", len(adc)), numbered("SENSOR%02d", len(zigbee))...))
		if len(adc) < 2 || len(zigbee) < 1 || fmt.Sprint(status) != want {
			t.Fatalf("%s: sensors in the status %v, want ADC1… then SENSOR01…", euid, status)
		}
		share := map[string][]string{"WATER": adc, "ZONE_1": zigbee}
		for _, z := range data["octoHeatPumpControllerConfiguration"].(map[string]any)["zones"].([]any) {
			c := z.(map[string]any)["configuration"].(map[string]any)
			var codes []string
			for _, s := range c["sensors"].([]any) {
				s := s.(map[string]any)
				code := fmt.Sprint(s["code"])
				codes = append(codes, code)
				kind := map[bool]string{true: "ADCSensorConfiguration NTC " + code, false: "ZigbeeSensorConfiguration ZIGBEE"}[strings.HasPrefix(code, "ADC")]
				if got := fmt.Sprint(s["__typename"], " ", s["type"]); !strings.HasPrefix(kind, got) || strings.HasPrefix(code, "ADC") && s["displayName"] != code {
					t.Errorf("%s: sensor %s is %v", euid, code, s)
				}
			}
			mine := share[fmt.Sprint(c["code"])]
			if fmt.Sprint(codes) != fmt.Sprint(mine) && !(len(codes) == 0 && len(mine) == 0) {
				t.Errorf("%s: zone %v has sensors %v, want %v", euid, c["code"], codes, mine)
			}
			if len(mine) == 0 && c["primarySensor"] != nil || len(mine) > 0 && c["primarySensor"] != mine[0] {
				t.Errorf("%s: zone %v's primary sensor is %v, its sensors %v", euid, c["code"], c["primarySensor"], codes)
			}
		}
	}
	if probes == 16 || radios == 8 {
		t.Errorf("%d probes and %d Zigbee sensors on 8 controllers: every controller alike", probes, radios)
	}
	r := NewRoles(w.exec.Schema(), fake.New(1))
	if !r.stringCoded("SensorConfiguration") || !r.stringCoded("SensorStatus") || r.stringCoded("PossibleErrorType") {
		t.Error("sensors are named by their code names, and an error's code is not one")
	}
}

// numbered is n codes of format, from 1.
func numbered(format string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf(format, i+1)
	}
	return out
}

// TestZonesAgreeWithTheirStatus: a zone's mode, setpoint and demand for heat are the
// same in the controller's configuration and its status; a zone that is off keeps 7 °C
// and calls for nothing, and one without sensors is off and disabled; a water zone's setpoint is the hot water's; the status was
// retrieved moments ago; and a zone's telemetry is not coded by its mode.
func TestZonesAgreeWithTheirStatus(t *testing.T) {
	w := newSDLWorld(t, zonesSDL, Options{})
	off := 0
	for i := range 8 {
		euid := fmt.Sprintf("00:1e:5e:09:02:b1:2f:%02x", i)
		data := w.ask(`query($e: ID!) {
			octoHeatPumpControllerConfiguration(accountNumber: "A-1", euid: $e) { zones { configuration { code heatDemand callForHeat enabled
				currentOperation { mode setpointInCelsius action } sensors { __typename } } } }
			octoHeatPumpControllerStatus(accountNumber: "A-1", euid: $e) { zones { zone telemetry { mode setpointInCelsius heatDemand relaySwitchedOn retrievedAt } } } }`, map[string]any{"e": euid})
		config := map[string]string{}
		for _, z := range data["octoHeatPumpControllerConfiguration"].(map[string]any)["zones"].([]any) {
			c := z.(map[string]any)["configuration"].(map[string]any)
			op := c["currentOperation"].(map[string]any)
			config[fmt.Sprint(c["code"])] = fmt.Sprint(op["mode"], " ", op["setpointInCelsius"], " ", c["heatDemand"])
			if op["mode"] == "OFF" && (c["callForHeat"] != false || op["action"] != "OFF") {
				t.Errorf("%s: zone %v is off, calling for heat %v, action %v", euid, c["code"], c["callForHeat"], op["action"])
			}
			if len(c["sensors"].([]any)) == 0 && (c["enabled"] != false || op["mode"] != "OFF") {
				t.Errorf("%s: zone %v has no sensors, yet is enabled (%v) in mode %v", euid, c["code"], c["enabled"], op["mode"])
			}
		}
		for _, z := range data["octoHeatPumpControllerStatus"].(map[string]any)["zones"].([]any) {
			z := z.(map[string]any)
			tm := z["telemetry"].(map[string]any)
			code := fmt.Sprint(z["zone"])
			if got := fmt.Sprint(tm["mode"], " ", tm["setpointInCelsius"], " ", tm["heatDemand"]); got != config[code] {
				t.Errorf("%s: zone %s is %q in its status and %q in its configuration", euid, code, got, config[code])
			}
			sp, _ := tm["setpointInCelsius"].(float64)
			switch {
			case tm["mode"] == "OFF":
				off++
				if sp != 7 || tm["heatDemand"] != false || tm["relaySwitchedOn"] != false {
					t.Errorf("%s: zone %s is off at %v °C, demand %v, relay %v", euid, code, sp, tm["heatDemand"], tm["relaySwitchedOn"])
				}
			case code == "WATER" && (sp < 40 || sp > 60), code != "WATER" && (sp < 10 || sp > 30):
				t.Errorf("%s: zone %s is set to %v °C", euid, code, sp)
			}
			at, err := time.Parse(time.RFC3339, fmt.Sprint(tm["retrievedAt"]))
			if err != nil || at.After(testNow) || testNow.Sub(at) > 2*time.Minute {
				t.Errorf("%s: zone %s's telemetry retrieved at %v, now is %v", euid, code, tm["retrievedAt"], testNow)
			}
		}
	}
	if off == 0 || off == 32 {
		t.Errorf("%d of 32 zones off", off)
	}
	r := NewRoles(w.exec.Schema(), fake.New(1))
	if r.typ("ZoneTelemetry").code != "" || r.typ("ZoneStatus").code != "zone" {
		t.Errorf("a zone's telemetry is coded by %q, its status by %q", r.typ("ZoneTelemetry").code, r.typ("ZoneStatus").code)
	}
}

// TestSensorsReadTheirZone: a zone's primary sensor reads near the zone's setpoint
// while it heats, and the zone demands heat, calls for it and has its relay on while
// the sensor reads under the setpoint; a room whose zone is off has cooled to 13–18 °C.
func TestSensorsReadTheirZone(t *testing.T) {
	w := newSDLWorld(t, zonesSDL, Options{})
	heating, demanding := 0, 0
	for i := range 12 {
		euid := fmt.Sprintf("00:1e:5e:09:02:b1:2f:%02x", i)
		data := w.ask(`query($e: ID!) {
			octoHeatPumpControllerConfiguration(accountNumber: "A-1", euid: $e) { zones { configuration { code primarySensor callForHeat } } }
			octoHeatPumpControllerStatus(accountNumber: "A-1", euid: $e) {
				sensors { code telemetry { temperatureInCelsius } }
				zones { zone telemetry { mode setpointInCelsius heatDemand relaySwitchedOn } } } }`, map[string]any{"e": euid})
		status := data["octoHeatPumpControllerStatus"].(map[string]any)
		temps := map[string]float64{}
		for _, s := range status["sensors"].([]any) {
			s := s.(map[string]any)
			temps[fmt.Sprint(s["code"])], _ = s["telemetry"].(map[string]any)["temperatureInCelsius"].(float64)
		}
		zones := map[string]map[string]any{}
		for _, z := range status["zones"].([]any) {
			zones[fmt.Sprint(z.(map[string]any)["zone"])] = z.(map[string]any)["telemetry"].(map[string]any)
		}
		for _, z := range data["octoHeatPumpControllerConfiguration"].(map[string]any)["zones"].([]any) {
			c := z.(map[string]any)["configuration"].(map[string]any)
			code, primary := fmt.Sprint(c["code"]), c["primarySensor"]
			if primary == nil || code == "WATER" {
				continue
			}
			tm := zones[code]
			temp, sp := temps[fmt.Sprint(primary)], tm["setpointInCelsius"].(float64)
			if tm["mode"] == "OFF" {
				if temp < 13 || temp > 18 {
					t.Errorf("%s: zone %s is off and its room reads %v °C", euid, code, temp)
				}
				continue
			}
			heating++
			if temp < sp-1.8 || temp > sp+0.6 {
				t.Errorf("%s: zone %s is set to %v °C and its room reads %v °C", euid, code, sp, temp)
			}
			want := temp < sp
			if want {
				demanding++
			}
			if tm["heatDemand"] != want || tm["relaySwitchedOn"] != want || c["callForHeat"] != want {
				t.Errorf("%s: zone %s reads %v °C against %v: demand %v, relay %v, calling %v", euid, code, temp, sp, tm["heatDemand"], tm["relaySwitchedOn"], c["callForHeat"])
			}
		}
	}
	if heating == 0 || demanding == 0 || demanding == heating {
		t.Errorf("%d heating zones, %d of them demanding heat", heating, demanding)
	}
}
