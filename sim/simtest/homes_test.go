package simtest_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/simtest"
)

// TestOctopusHomeNetworkIsTheMeters reads the demo household's smart meters as a
// client pairing an in-home device does: the home's network is its communications
// hub's, holding the hub, its gas proxy, the meters' own devices and the consumer
// access device whose readings are the meters' telemetry; every device names that
// network, a device's id finds it, and Octocare names its meter and hub. A household without smart meters has none.
func TestOctopusHomeNetworkIsTheMeters(t *testing.T) {
	srv, c := octopus(t)
	q := mustQuery(t, c)
	data := q(`{ octocareUsageInfo(accountNumber: "A-C90DC431") { meterDeviceId propertyAddressLine1 }
		octocareOnboardingInfo(accountNumber: "A-C90DC431") { chfDeviceId propertyId }
		account(accountNumber: "A-C90DC431") { properties { id smartDeviceNetworks { id smartDevices { deviceId type status paymentMode
			deviceNetwork { id } importElectricityMeter { serialNumber } gasMeter { serialNumber } } }
		pending: smartDeviceNetworks { smartDevices(statuses: [PENDING]) { id } }
		electricityMeterPoints { meters { serialNumber smartDevices { deviceId deviceNetwork { id } } } }
		gasMeterPoints { meters { serialNumber smartDevices { deviceId deviceNetwork { id } } } } } } }`, nil)
	p := simtest.Get(data, "account", "properties", 0)
	networks := simtest.Get(p, "smartDeviceNetworks").([]any)
	if len(networks) != 1 {
		t.Fatalf("the demo home has %d networks", len(networks))
	}
	id := simtest.Get(networks[0], "id")
	var kinds []string
	byID := map[any]map[string]any{}
	for _, d := range simtest.Get(networks[0], "smartDevices").([]any) {
		d := d.(map[string]any)
		kinds = append(kinds, d["type"].(string))
		byID[d["deviceId"]] = d
		if simtest.Get(d, "deviceNetwork", "id") != id || d["status"] != "COMMISSIONED" {
			t.Errorf("device %v (%v) is %v on network %v, not on %v", d["deviceId"], d["type"], d["status"], simtest.Get(d, "deviceNetwork", "id"), id)
		}
		if meter := d["type"] == "ESME" || d["type"] == "GSME"; meter != (d["paymentMode"] != nil) {
			t.Errorf("a %v device's payment mode is %v", d["type"], d["paymentMode"])
		}
	}
	if got := strings.Join(kinds, " "); got != "CHF GPF ESME GSME CAD" {
		t.Errorf("the home's devices: %s", got)
	}
	var hub, esme any
	for devID, d := range byID {
		switch d["type"] {
		case "CHF":
			hub = devID
		case "ESME":
			esme = devID
		}
	}
	if got, want := spaced(simtest.Get(data, "octocareUsageInfo", "meterDeviceId"), simtest.Get(data, "octocareUsageInfo", "propertyAddressLine1"),
		simtest.Get(data, "octocareOnboardingInfo", "chfDeviceId"), simtest.Get(data, "octocareOnboardingInfo", "propertyId")), spaced(esme, "41 Octopus Lane", hub, simtest.Get(p, "id")); got != want {
		t.Errorf("Octocare's meter, address, hub and home: %s, not %s", got, want)
	}
	if out := q(`query($d: String!) { prepayBalanceSnapshot(deviceId: $d) { creditInPence } }`, map[string]any{"d": hub}); simtest.Get(out, "prepayBalanceSnapshot") != nil {
		t.Errorf("the hub's prepayment balance: %v", out)
	}
	if got := simtest.Get(p, "pending", 0, "smartDevices"); fmt.Sprint(got) != "[]" {
		t.Errorf("the home's pending devices: %v", got)
	}
	for _, fuel := range []string{"electricityMeterPoints", "gasMeterPoints"} {
		m := simtest.Get(p, fuel, 0, "meters", 0)
		dev := simtest.Get(m, "smartDevices", 0).(map[string]any)
		on := byID[dev["deviceId"]]
		if on == nil || simtest.Get(dev, "deviceNetwork", "id") != id {
			t.Errorf("meter %v's device %v is not on its home's network %v", simtest.Get(m, "serialNumber"), dev["deviceId"], id)
			continue
		}
		serial := simtest.Get(on, "importElectricityMeter", "serialNumber")
		if fuel == "gasMeterPoints" {
			serial = simtest.Get(on, "gasMeter", "serialNumber")
		}
		if serial != simtest.Get(m, "serialNumber") {
			t.Errorf("the network's %v meters %v, its meter is %v", on["type"], serial, simtest.Get(m, "serialNumber"))
		}
		found := q(`query($d: String!) { smartDeviceNetwork(deviceId: $d) { id smartDevices { deviceId } } }`, map[string]any{"d": dev["deviceId"]})
		if got := simtest.Get(found, "smartDeviceNetwork", "id"); got != id || len(simtest.Get(found, "smartDeviceNetwork", "smartDevices").([]any)) != len(kinds) {
			t.Errorf("smartDeviceNetwork(deviceId: %v) found %v", dev["deviceId"], simtest.Get(found, "smartDeviceNetwork"))
		}
	}

	// Another household's network is not the demo user's to read; a household with no
	// smart meter has none.
	sam := srv.ClientIn(t, c.Session)
	sam.SignIn("other@krakensim.dev", "krakensim")
	if out := sam.Query(`query($d: String!) { smartDeviceNetwork(deviceId: $d) { id } }`, map[string]any{"d": esme}); len(out.Errors) != 1 || out.Errors[0].Code() != "KT-CT-1111" {
		t.Errorf("another user reading the demo home's network: %+v", out.Errors)
	}
	other := mustQuery(t, sam)(`{ account(accountNumber: "A-0F4A2B19") { properties { smartDeviceNetworks { id } } } caredForAccounts }`, nil)
	if got := fmt.Sprint(simtest.Get(other, "account", "properties", 0, "smartDeviceNetworks"), simtest.Get(other, "caredForAccounts")); got != "[] []" {
		t.Errorf("a home of basic meters: networks and cared-for accounts %s", got)
	}
}

// TestOctopusTakenOutMeterIsOffTheNetwork: a smart meter the flat's present one
// replaced keeps its device, on no network; the home's network holds the present one.
func TestOctopusTakenOutMeterIsOffTheNetwork(t *testing.T) {
	_, c := octopus(t, func(w *sim.World) {
		mp := &w.Account("A-7B3E9D12").Properties[0].ElectricityMeterPoints[0]
		mp.Meters = append([]sim.ElectricityMeter{{ID: "3019999", SerialNumber: "20L0000001", MeterType: "S2A", IsDigital: true, ActiveFrom: "2020-03-01"}}, mp.Meters...)
	})
	data := mustQuery(t, c)(`{ account(accountNumber: "A-7B3E9D12") { properties { smartDeviceNetworks { id smartDevices { type importElectricityMeter { serialNumber } } }
		electricityMeterPoints { meters(includeInactive: true) { serialNumber smartDevices { deviceNetwork { id } } } } } } }`, nil)
	p := simtest.Get(data, "account", "properties", 0)
	got := []string{}
	for _, m := range simtest.Get(p, "electricityMeterPoints", 0, "meters").([]any) {
		got = append(got, fmt.Sprint(simtest.Get(m, "serialNumber"), " ", simtest.Get(m, "smartDevices", 0, "deviceNetwork")))
	}
	slices.Sort(got)
	if want := fmt.Sprint("[20L0000001 <nil> 21L4381927 map[id:", simtest.Get(p, "smartDeviceNetworks", 0, "id"), "]]"); fmt.Sprint(got) != want {
		t.Errorf("the meters' networks: %v, want %s", got, want)
	}
	for _, d := range simtest.Get(p, "smartDeviceNetworks", 0, "smartDevices").([]any) {
		if s := simtest.Get(d, "importElectricityMeter", "serialNumber"); s != nil && s != "21L4381927" {
			t.Errorf("the home's network holds meter %v", s)
		}
	}
}

// TestOctopusOnboardingWizardsAreTheStarted: an account's SmartFlex onboarding wizards
// are those started for it, none before, and not another account's.
func TestOctopusOnboardingWizardsAreTheStarted(t *testing.T) {
	_, c := octopus(t)
	q := mustQuery(t, c)
	read := `{ flat: smartFlexOnboardingWizards(accountNumber: "A-7B3E9D12") { id } home: smartFlexOnboardingWizards(accountNumber: "A-C90DC431") { id } }`
	if got := fmt.Sprint(simtest.Get(q(read, nil), "flat")); got != "[]" {
		t.Errorf("wizards before any was started: %s", got)
	}
	started := q(`mutation { startSmartFlexOnboarding(input: {accountNumber: "A-7B3E9D12", propertyId: 2214532}) { wizard { id } } }`, nil)
	id := simtest.Get(started, "startSmartFlexOnboarding", "wizard", "id")
	data := q(read, nil)
	if got := spaced(simtest.Get(data, "flat"), simtest.Get(data, "home")); got != spaced(fmt.Sprintf("[map[id:%v]]", id), "[]") {
		t.Errorf("after starting one for the flat, the flat's and the home's wizards: %s", got)
	}
}

// TestOctopusUserVehiclesAreTheCars: the vehicles a provider lists for the flat are its
// car, as its devices name it, under the providers its maker names (and Enode), with
// one VIN wherever it is asked for.
func TestOctopusUserVehiclesAreTheCars(t *testing.T) {
	_, c := octopus(t)
	data := mustQuery(t, c)(`{ devices(accountNumber: "A-7B3E9D12") { __typename id name }
		flat: userVehicles(accountNumber: "A-7B3E9D12") { vehicleId information { vin brand model year displayName } }
		mine: userVehicles { vehicleId information { vin } }
		tesla: userVehicles(accountNumber: "A-7B3E9D12", supportedProvider: TESLA) { vehicleId }
		ohme: userVehicles(accountNumber: "A-7B3E9D12", supportedProvider: OHME) { vehicleId } }`, nil)
	var car map[string]any
	for _, d := range simtest.Get(data, "devices").([]any) {
		if d := d.(map[string]any); d["__typename"] == "SmartFlexVehicle" {
			car = d
		}
	}
	if car == nil {
		t.Fatal("the flat has no car")
	}
	v := simtest.Get(data, "flat").([]any)
	if len(v) != 1 || simtest.Get(v[0], "vehicleId") != car["id"] || simtest.Get(v[0], "information", "displayName") != car["name"] ||
		spaced(simtest.Get(v[0], "information", "brand"), simtest.Get(v[0], "information", "model"), simtest.Get(v[0], "information", "year")) != "Tesla Model 3 <nil>" {
		t.Errorf("the flat's vehicles %v, its car %v", v, car)
	}
	if vin, _ := simtest.Get(v[0], "information", "vin").(string); len(vin) != 17 || simtest.Get(data, "mine", 0, "information", "vin") != vin {
		t.Errorf("the car's VIN %q, listed for the viewer as %v", vin, simtest.Get(data, "mine", 0, "information", "vin"))
	}
	if got := spaced(len(simtest.Get(data, "tesla").([]any)), len(simtest.Get(data, "ohme").([]any))); got != "1 0" {
		t.Errorf("vehicles through Tesla and through Ohme: %s", got)
	}
}
