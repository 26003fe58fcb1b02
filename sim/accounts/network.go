package accounts

import (
	"context"
	"maps"
	"slices"
	"strings"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/fake"
)

// A home's smart meters talk through one home area network, its communications hub's:
// the hub (CHF), its gas proxy (GPF) where a smart gas meter is fitted, each smart
// meter in place (ESME, GSME, the same devices the meters list) and the consumer access
// device whose readings krakensim answers as a meter's telemetry (CAD, an Octopus Home
// Mini), and in a prepayment home its prepayment interface device (PPMID). A home with
// no smart meter in place has no network.

// hubMakers are the communications hubs the DCC's regions fit: Arqiva's in the north
// (Scotland, the North East and the North West), Telefónica's elsewhere.
var hubMakers = map[bool][3]string{true: {"Toshiba", "CH2-N", "4.2.1"}, false: {"WNC", "CH2-CS", "3.1.6"}}

// northernGSPs are the GSP groups of the DCC's northern region.
var northernGSPs = []string{"_N", "_P", "_F", "_G"}

// homeNetwork is a property's SmartMeterDeviceNetworkType, nil when none of its meters
// in place is smart.
func homeNetwork(w *env, a *sim.Account, p *sim.Property) obj {
	today := w.today()
	var meters []any
	north := false
	for i := range p.ElectricityMeterPoints {
		mp := &p.ElectricityMeterPoints[i]
		if k := electricityMeterInPlace(mp, today); k >= 0 && smetsGeneration(mp.Meters[k].MeterType) != "" {
			meters = withDevices(meters, electricityMeter(w, a, mp, &mp.Meters[k], electricityPoint(w, a, mp))["smartDevices"].([]any))
			north = north || slices.Contains(northernGSPs, mp.GSPGroupID)
		}
	}
	gas := false
	for i := range p.GasMeterPoints {
		mp := &p.GasMeterPoints[i]
		if k := gasMeterInPlace(mp, today); k >= 0 && mp.Meters[k].IsDigital {
			meters = append(meters, gasMeter(w, a, mp, &mp.Meters[k], gasPoint(w, a, mp))["smartDevices"].([]any)...)
			gas = true
		}
	}
	if len(meters) == 0 {
		return nil
	}
	hub := hubMakers[north]
	devices := []any{hanDevice(w, a, p, "CHF", hub[0], hub[1], hub[2])}
	if gas {
		devices = append(devices, hanDevice(w, a, p, "GPF", hub[0], hub[1], hub[2]))
	}
	devices = append(devices, meters...)
	if len(a.PrepayMeters) > 0 {
		// A prepayment home's in-home display tops its meters up too.
		devices = append(devices, hanDevice(w, a, p, "PPMID", "Chameleon Technology", "IHD6", "4.2.1"))
	}
	devices = append(devices, hanDevice(w, a, p, "CAD", "Octopus Energy", "Home Mini", "1.0.9"))
	return obj{
		"__typename": "SmartMeterDeviceNetworkType",
		"id":         "6" + p.ID,
		"smartDevices": sim.Lazy(func(args map[string]any) (any, error) {
			if statuses := stringSet(args["statuses"]); statuses != nil && !statuses["COMMISSIONED"] {
				return []any{}, nil
			}
			return devices, nil
		}),
	}
}

// withDevices is devices with more after them, one device each: a meter that an import
// and an export supply share (a solar home's) is one ESME, which meters the import of
// the one and the export of the other.
func withDevices(devices, more []any) []any {
	for _, m := range more {
		d, _ := m.(obj)
		i := slices.IndexFunc(devices, func(o any) bool { od, _ := o.(obj); return d != nil && od != nil && od["deviceId"] == d["deviceId"] })
		if i < 0 {
			devices = append(devices, m)
			continue
		}
		merged := maps.Clone(devices[i].(obj))
		for _, k := range []string{"importElectricityMeter", "exportElectricityMeter"} {
			if merged[k] == nil {
				merged[k] = d[k]
			}
		}
		devices[i] = merged
	}
	return devices
}

// hanDevice is a device of a home's network that is not a meter: commissioned, with no
// payment mode, its id and serial number the property's.
func hanDevice(w *env, a *sim.Account, p *sim.Property, kind, mk, md, firmware string) obj {
	eui := fake.EUI64(fake.HashStrings(kind, p.ID))
	return obj{
		"__typename": "SmartMeterDeviceType",
		"id":         "6" + p.ID + kind, "deviceId": eui, "serialNumber": strings.ReplaceAll(eui, "-", ""),
		"type": kind, "status": "COMMISSIONED", "paymentMode": nil, "weeklyDebtRecoveryRateInPence": nil,
		"manufacturer": mk, "model": md, "firmwareVersion": firmware,
		"importElectricityMeter": nil, "exportElectricityMeter": nil, "gasMeter": nil,
		"deviceNetwork": sim.Lazy(func(map[string]any) (any, error) { return orNilObj(homeNetwork(w, a, p)), nil }),
	}
}

// meterNetwork is the network that holds a meter's device, by the meter's id: its
// home's, while the meter is in place; null for a meter taken out.
func meterNetwork(w *env, a *sim.Account, meterID string) any {
	for i := range a.Properties {
		n := homeNetwork(w, a, &a.Properties[i])
		if deviceWhere(n, func(d obj) bool { return d["id"] == "8"+meterID }) != nil {
			return n
		}
	}
	return nil
}

// networkList is a property's smartDeviceNetworks: its network, or none.
func networkList(w *env, a *sim.Account, p *sim.Property) any {
	return sim.Lazy(func(map[string]any) (any, error) {
		if n := homeNetwork(w, a, p); n != nil {
			return []any{n}, nil
		}
		return []any{}, nil
	})
}

// deviceOf is the device of a network with the id, or nil.
func deviceOf(network obj, id string) obj {
	return deviceWhere(network, func(d obj) bool { return d["deviceId"] == id })
}

// deviceWhere is the first device of a network that f accepts, or nil.
func deviceWhere(network obj, f func(obj) bool) obj {
	if network == nil {
		return nil
	}
	list, _ := network["smartDevices"].(sim.Lazy)(nil)
	for _, d := range list.([]any) {
		if d := d.(obj); f(d) {
			return d
		}
	}
	return nil
}

// smartDeviceNetwork answers smartDeviceNetwork(deviceId:): the network of the home
// holding the device, on an account the viewer may read; the world's for a device no
// account holds.
func smartDeviceNetwork(_ context.Context, c *sim.Call) (any, error) {
	a, n := networkHolding(newEnv(c), strings.TrimSpace(c.StringArg("deviceId")))
	if n == nil {
		return obj{}, nil
	}
	if _, _, err := readable(c, a.Number, "", ""); err != nil {
		return nil, err
	}
	return n, nil
}

// networkHolding is the network of some home that holds a device with the id, and the
// home's account; nils for none.
func networkHolding(w *env, id string) (*sim.Account, obj) {
	for _, a := range w.Accounts {
		for i := range a.Properties {
			if n := homeNetwork(w, a, &a.Properties[i]); deviceOf(n, id) != nil {
				return a, n
			}
		}
	}
	return nil, nil
}

// caredForAccounts answers caredForAccounts: none, as state holds no one caring for
// another's account (no mutation makes such a tie).
func caredForAccounts(_ context.Context, c *sim.Call) (any, error) {
	if _, _, err := c.Viewer(); err != nil {
		return nil, err
	}
	return []any{}, nil
}

// octocareInfo answers octocareUsageInfo and octocareOnboardingInfo for an account the
// viewer may read (state holds no one caring for another, so the viewer's own): its
// first home with a network, its smart electricity meter's device (else its gas
// meter's) and its hub; null for an account with none.
func octocareInfo(_ context.Context, c *sim.Call) (any, error) {
	_, a, err := readable(c, c.StringArg("accountNumber"), "", "")
	if err != nil {
		return nil, err
	}
	w := newEnv(c)
	for i := range a.Properties {
		p := &a.Properties[i]
		n := homeNetwork(w, a, p)
		if n == nil {
			continue
		}
		kind := func(k string) any {
			if d := deviceWhere(n, func(d obj) bool { return d["type"] == k }); d != nil {
				return d["deviceId"]
			}
			return nil
		}
		meter := kind("ESME")
		if meter == nil {
			meter = kind("GSME")
		}
		return obj{"meterDeviceId": meter, "chfDeviceId": kind("CHF"), "propertyAddressLine1": lineAt(addressLines(p.Address), 0), "propertyId": p.ID}, nil
	}
	return nil, nil
}
