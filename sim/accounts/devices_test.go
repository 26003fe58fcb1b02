package accounts_test

import (
	"reflect"
	"regexp"
	"strings"
	"testing"
)

const metersQuery = `{ viewer { accounts { number ... on AccountType { properties {
	electricityMeterPoints { meters { serialNumber meterType makeAndType
		smartImportElectricityMeter { deviceId type status paymentMode manufacturer model firmwareVersion importElectricityMeter { serialNumber } }
		smartExportElectricityMeter { deviceId type status paymentMode manufacturer model firmwareVersion exportElectricityMeter { serialNumber } importElectricityMeter { serialNumber } }
		smartDevices { deviceId }
		importMeter { serialNumber }
		exportMeters { edges { node { serialNumber } } } } }
	gasMeterPoints { meters { serialNumber isDigital mechanism modelName
		smartGasMeter { deviceId type status manufacturer model gasMeter { serialNumber } }
		smartDevices { deviceId } } } } } } } }`

var eui64 = regexp.MustCompile(`^[0-9A-F]{2}(-[0-9A-F]{2}){7}$`)

// TestMeterDevicesCohere checks, for every meter of every fixture user, that the fields
// clients decide on agree: a SMETS meterType (a digital gas meter) has one commissioned
// device that points back at its meter (an export meter's is its export device, and it
// pairs with its home's import meter, which lists it among its export meters), and a
// gas meter's mechanism says smart exactly when it has a device.
func TestMeterDevicesCohere(t *testing.T) {
	newServer(t)
	emails := []string{}
	for _, u := range sharedFixtures.Users {
		if u.Email != "" && len(u.AccountNumbers) > 0 {
			emails = append(emails, u.Email)
		}
	}
	if len(emails) < 2 {
		t.Fatalf("fixture users with accounts: %v", emails)
	}
	smartElectricity, plainElectricity, smartGas, plainGas, exportMeters := 0, 0, 0, 0, 0
	seen := map[string]string{}
	pairs, listed := map[string][]string{}, map[string][]string{} // import meter: its export meters, as they say and as it does
	for _, email := range emails {
		name, _, _ := strings.Cut(email, "@")
		t.Run(name, func(t *testing.T) {
			data := signIn(t, email).do(metersQuery, nil)
			for _, acc := range list(t, dig(data, "viewer.accounts")) {
				generations := map[string]bool{}
				for _, prop := range list(t, dig(acc, "properties")) {
					for _, mp := range list(t, dig(prop, "electricityMeterPoints")) {
						for _, m := range list(t, dig(mp, "meters")) {
							serial := dig(m, "serialNumber").(string)
							meterType, _ := dig(m, "meterType").(string)
							dev, _ := dig(m, "smartImportElectricityMeter").(map[string]any)
							exportDev, _ := dig(m, "smartExportElectricityMeter").(map[string]any)
							exports := []string{}
							for _, e := range list(t, dig(m, "exportMeters.edges")) {
								exports = append(exports, dig(e, "node.serialNumber").(string))
							}
							if exportDev != nil {
								exportMeters++
								imp, _ := dig(m, "importMeter.serialNumber").(string)
								if imp == "" {
									t.Errorf("%s: an export meter paired with import meter %q", serial, imp)
								}
								// One ESME meters both ways: its device may name the import meter it also is, no other.
								devImport, _ := dig(exportDev, "importElectricityMeter.serialNumber").(string)
								if dev != nil || devImport != "" && devImport != imp || len(exports) != 0 {
									t.Errorf("%s: an export meter with an import device %v, %v, export meters %v", serial, dev, devImport, exports)
								}
								pairs[imp] = append(pairs[imp], serial)
								checkDevice(t, serial, "ESME", exportDev, dig(exportDev, "exportElectricityMeter.serialNumber"), list(t, dig(m, "smartDevices")), seen)
								continue
							}
							if len(exports) > 0 {
								listed[serial] = exports
							}
							if dig(m, "importMeter") != nil {
								t.Errorf("%s: an import meter with an import meter %v", serial, dig(m, "importMeter"))
							}
							smart := strings.HasPrefix(meterType, "S1") || strings.HasPrefix(meterType, "S2")
							if smart != (dev != nil) {
								t.Errorf("%s: meterType %q but smartImportElectricityMeter %v", serial, meterType, dev)
								continue
							}
							devices := list(t, dig(m, "smartDevices"))
							if dev == nil {
								plainElectricity++
								if len(devices) != 0 {
									t.Errorf("%s: %d smartDevices on a meter that is not smart", serial, len(devices))
								}
								continue
							}
							smartElectricity++
							generations[meterType[:2]] = true
							checkDevice(t, serial, "ESME", dev, dig(dev, "importElectricityMeter.serialNumber"), devices, seen)
							if want := dev["manufacturer"].(string) + " " + dev["model"].(string); dig(m, "makeAndType") != want {
								t.Errorf("%s: makeAndType %v, device %q", serial, dig(m, "makeAndType"), want)
							}
						}
					}
					for _, mp := range list(t, dig(prop, "gasMeterPoints")) {
						for _, m := range list(t, dig(mp, "meters")) {
							serial := dig(m, "serialNumber").(string)
							dev, _ := dig(m, "smartGasMeter").(map[string]any)
							mechanism := dig(m, "mechanism")
							digital, _ := dig(m, "isDigital").(bool)
							devices := list(t, dig(m, "smartDevices"))
							if !digital {
								plainGas++
								if dev != nil || mechanism != "CR" || len(devices) != 0 {
									t.Errorf("%s: not digital, but mechanism %v, smartGasMeter %v, %d smartDevices", serial, mechanism, dev, len(devices))
								}
								continue
							}
							smartGas++
							if dev == nil || (mechanism != "S1" && mechanism != "S2") {
								t.Errorf("%s: digital, but mechanism %v, smartGasMeter %v", serial, mechanism, dev)
								continue
							}
							if len(generations) > 0 && !generations[mechanism.(string)] {
								t.Errorf("%s: mechanism %v beside electricity meters of %v", serial, mechanism, generations)
							}
							checkDevice(t, serial, "GSME", dev, dig(dev, "gasMeter.serialNumber"), devices, seen)
							if dig(m, "modelName") != dev["model"] {
								t.Errorf("%s: modelName %v, device model %v", serial, dig(m, "modelName"), dev["model"])
							}
						}
					}
				}
			}
			again := signIn(t, email).do(metersQuery, nil)
			if a, b := dig(data, "viewer.accounts"), dig(again, "viewer.accounts"); !reflect.DeepEqual(a, b) {
				t.Errorf("a second session reads other meters:\n%v\n%v", a, b)
			}
		})
	}
	if smartElectricity == 0 || plainElectricity == 0 || smartGas == 0 || plainGas == 0 || exportMeters == 0 {
		t.Errorf("fixtures cover smart and plain meters of both fuels, and an export: electricity %d smart, %d plain; gas %d smart, %d plain; %d export",
			smartElectricity, plainElectricity, smartGas, plainGas, exportMeters)
	}
	if !reflect.DeepEqual(pairs, listed) {
		t.Errorf("export meters name their import meters %v; import meters list %v", pairs, listed)
	}
}

func checkDevice(t *testing.T, serial, kind string, dev map[string]any, backRef any, devices []any, seen map[string]string) {
	t.Helper()
	id, _ := dev["deviceId"].(string)
	if !eui64.MatchString(id) {
		t.Errorf("%s: deviceId %q is not an EUI-64", serial, id)
	}
	if other, dup := seen[id]; dup && other != serial {
		t.Errorf("%s: deviceId %s is also %s's", serial, id, other)
	}
	seen[id] = serial
	if dev["type"] != kind || dev["status"] != "COMMISSIONED" || dev["manufacturer"] == "" || dev["model"] == "" {
		t.Errorf("%s: device %v, want a commissioned %s with a make and model", serial, dev, kind)
	}
	if backRef != serial {
		t.Errorf("%s: the device's meter is %v", serial, backRef)
	}
	if len(devices) != 1 || dig(devices[0], "deviceId") != id {
		t.Errorf("%s: smartDevices %v, want the one device %s", serial, devices, id)
	}
}

func list(t *testing.T, v any) []any {
	t.Helper()
	if v == nil {
		return nil
	}
	l, ok := v.([]any)
	if !ok {
		t.Fatalf("want a list, got %T %v", v, v)
	}
	return l
}
