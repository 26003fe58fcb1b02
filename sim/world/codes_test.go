package world

import (
	"fmt"
	"testing"

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
}
type ZigbeeSensorConfiguration {
  # Code name of the sensor.
  code: String
  displayName: String
  id: ID
}
type ControllerStatus { zones: [ZoneStatus] sensors: [SensorStatus] }
type SensorStatus {
  # The code name for a sensor.
  code: String
  telemetry: SensorTelemetry
}
type SensorTelemetry { temperatureInCelsius: Float }
type PossibleErrorType {
  # The error code that might be returned from the query/mutation.
  code: String
}
type ZoneStatus { zone: Zone telemetry: ZoneTelemetry }
type ZoneTelemetry { setpointInCelsius: Float }
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

// TestSensorsAreTheControllersSensors: a controller's sensors have the same codes in
// its status as in each zone's configuration (SENSOR01…), each is the same sensor in
// every zone, a zone's primary sensor is one of them, and an error's code is not a code
// name.
func TestSensorsAreTheControllersSensors(t *testing.T) {
	w := newSDLWorld(t, zonesSDL, Options{})
	for _, euid := range []string{"00:1e:5e:09:02:b1:2f:3c", "00:1e:5e:09:02:b1:2f:3d", "00:1e:5e:09:02:b1:2f:3e"} {
		data := w.ask(`query($e: ID!) {
			octoHeatPumpControllerConfiguration(accountNumber: "A-1", euid: $e) { zones { configuration { primarySensor
				sensors { __typename ... on ADCSensorConfiguration { code displayName } ... on ZigbeeSensorConfiguration { code displayName } } } } }
			octoHeatPumpControllerStatus(accountNumber: "A-1", euid: $e) { sensors { code } } }`, map[string]any{"e": euid})
		var status []string
		for _, s := range data["octoHeatPumpControllerStatus"].(map[string]any)["sensors"].([]any) {
			status = append(status, fmt.Sprint(s.(map[string]any)["code"]))
		}
		if len(status) == 0 || status[0] != "SENSOR01" {
			t.Fatalf("%s: sensors in the status %v, want SENSOR01…", euid, status)
		}
		seen := map[string]string{}
		for _, z := range data["octoHeatPumpControllerConfiguration"].(map[string]any)["zones"].([]any) {
			c := z.(map[string]any)["configuration"].(map[string]any)
			var codes []string
			for _, s := range c["sensors"].([]any) {
				s := s.(map[string]any)
				code := fmt.Sprint(s["code"])
				codes = append(codes, code)
				if was, ok := seen[code]; ok && was != fmt.Sprint(s["__typename"], s["displayName"]) {
					t.Errorf("%s: %s is %v here and %s in another zone", euid, code, s, was)
				}
				seen[code] = fmt.Sprint(s["__typename"], s["displayName"])
			}
			if fmt.Sprint(codes) != fmt.Sprint(status) {
				t.Errorf("%s: a zone's sensors %v, the status's %v", euid, codes, status)
			}
			if c["primarySensor"] != "SENSOR01" {
				t.Errorf("%s: primary sensor %v, not one of %v", euid, c["primarySensor"], codes)
			}
		}
	}
	r := NewRoles(w.exec.Schema(), fake.New(1))
	if !r.stringCoded("SensorConfiguration") || !r.stringCoded("SensorStatus") || r.stringCoded("PossibleErrorType") {
		t.Error("sensors are named by their code names, and an error's code is not one")
	}
}
