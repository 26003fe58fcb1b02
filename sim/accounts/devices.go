package accounts

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/fake"
)

// A meter's smart fields follow from what the world says of it: an electricity meter
// whose meterType is a SMETS one (S1, S2A, S2AD…) and a digital gas meter have a
// commissioned device, the others none. Clients decide on these fields (a non-null
// smartExportElectricityMeter marks an export meter; a gas mechanism of S1 or S2 a
// smart one), so they must never contradict each other.

// smetsGeneration is "S1" or "S2" for a smart electricity meterType, "" for others.
func smetsGeneration(meterType string) string {
	switch {
	case strings.HasPrefix(meterType, "S1"):
		return "S1"
	case strings.HasPrefix(meterType, "S2"):
		return "S2"
	}
	return ""
}

// gasGeneration is the SMETS generation of a digital gas meter: that of the electricity
// meters at its property (the two share a communications hub), S2 when there are none.
func gasGeneration(a *sim.Account, m *sim.GasMeter) string {
	if !m.IsDigital {
		return ""
	}
	for i := range a.Properties {
		p := &a.Properties[i]
		if !holdsGasMeter(p, m.ID) {
			continue
		}
		for _, mp := range p.ElectricityMeterPoints {
			for _, em := range mp.Meters {
				if g := smetsGeneration(em.MeterType); g != "" {
					return g
				}
			}
		}
	}
	return "S2"
}

func holdsGasMeter(p *sim.Property, id string) bool {
	for _, mp := range p.GasMeterPoints {
		for _, m := range mp.Meters {
			if m.ID == id {
				return true
			}
		}
	}
	return false
}

// smartDevice is the SmartMeterDeviceType of a meter: an ESME for electricity (its
// export's when export), a GSME for gas, commissioned and in credit mode, on its home's
// network.
func smartDevice(w *env, a *sim.Account, kind, meterID, serial, mk, md, firmware string, meter obj, export bool) obj {
	d := obj{
		"__typename": "SmartMeterDeviceType",
		"id":         "8" + meterID, "deviceId": fake.EUI64(fake.HashStrings(kind, serial)), "serialNumber": serial,
		"type": kind, "status": "COMMISSIONED", "paymentMode": "CREDIT", "weeklyDebtRecoveryRateInPence": 0,
		"manufacturer": mk, "model": md, "firmwareVersion": firmware,
		"importElectricityMeter": nil, "exportElectricityMeter": nil, "gasMeter": nil,
		"deviceNetwork": sim.Lazy(func(map[string]any) (any, error) { return meterNetwork(w, a, meterID), nil }),
	}
	switch {
	case kind == "GSME":
		d["gasMeter"] = meter
	case export:
		d["exportElectricityMeter"] = meter
	default:
		d["importElectricityMeter"] = meter
	}
	return d
}

// addElectricitySmartFields fills an electricity meter's make, its smart device (an
// export meter's is its smartExportElectricityMeter, not its import's) and the meters
// it pairs with at its property: an export meter's importMeter, an import meter's
// exportMeters.
func addElectricitySmartFields(w *env, a *sim.Account, mp *sim.ElectricityMeterPoint, m *sim.ElectricityMeter, meter obj) {
	export := exportPoint(mp)
	meter["prepayLedgers"] = nil
	meter["exportMeters"] = sim.Lazy(func(args map[string]any) (any, error) {
		if export {
			return connection(w, []any{}, args)
		}
		return connection(w, pairedMeters(w, a, mp, true), args)
	})
	if export {
		meter["importMeter"] = sim.Lazy(func(map[string]any) (any, error) {
			if ms := pairedMeters(w, a, mp, false); len(ms) > 0 {
				return ms[0], nil
			}
			return nil, nil
		})
	}
	gen := smetsGeneration(m.MeterType)
	mk, md, firmware := fake.MeterModel(fake.HashStrings(m.SerialNumber), false, gen)
	meter["makeAndType"] = mk + " " + md
	meter["smartImportElectricityMeter"], meter["smartExportElectricityMeter"] = nil, nil
	if gen == "" {
		meter["smartDevices"] = []any{}
		return
	}
	deviceOf := m.ID
	otherMP, other := sharedESME(w, a, mp, m)
	if other != nil && export {
		deviceOf = other.ID // the one ESME is known by its import meter
	}
	d := smartDevice(w, a, "ESME", deviceOf, m.SerialNumber, mk, md, firmware, meter, export)
	if other != nil {
		link := "exportElectricityMeter"
		if export {
			link = "importElectricityMeter"
		}
		d[link] = sim.Lazy(func(map[string]any) (any, error) {
			return electricityMeter(w, a, otherMP, other, electricityPoint(w, a, otherMP)), nil
		})
	}
	if export {
		meter["smartExportElectricityMeter"] = d
	} else {
		meter["smartImportElectricityMeter"] = d
	}
	meter["smartDevices"] = []any{d}
}

// sharedESME is the meter in place of the supply at m's property in the other direction
// (export for an import supply, import for an export one) with m's serial number: the
// same ESME metering both, as a solar home's does; nils for none.
func sharedESME(w *env, a *sim.Account, mp *sim.ElectricityMeterPoint, m *sim.ElectricityMeter) (*sim.ElectricityMeterPoint, *sim.ElectricityMeter) {
	p := propertyOf(a, mp.ID)
	if p == nil || m.SerialNumber == "" {
		return nil, nil
	}
	for j := range p.ElectricityMeterPoints {
		other := &p.ElectricityMeterPoints[j]
		if other.ID == mp.ID || exportPoint(other) == exportPoint(mp) {
			continue
		}
		if k := electricityMeterInPlace(other, w.today()); k >= 0 && other.Meters[k].SerialNumber == m.SerialNumber {
			return other, &other.Meters[k]
		}
	}
	return nil, nil
}

// pairedMeters are the meters in place of the other electricity supplies at mp's
// property that export (or import, when export is false).
func pairedMeters(w *env, a *sim.Account, mp *sim.ElectricityMeterPoint, export bool) []any {
	out := []any{}
	p := propertyOf(a, mp.ID)
	if p == nil {
		return out
	}
	for j := range p.ElectricityMeterPoints {
		other := &p.ElectricityMeterPoints[j]
		if other.ID == mp.ID && other.Identifier() == mp.Identifier() || exportPoint(other) != export {
			continue
		}
		if k := electricityMeterInPlace(other, w.today()); k >= 0 {
			out = append(out, electricityMeter(w, a, other, &other.Meters[k], electricityPoint(w, a, other)))
		}
	}
	return out
}

// addGasSmartFields fills a gas meter's mechanism, model and smart devices.
func addGasSmartFields(w *env, a *sim.Account, m *sim.GasMeter, meter obj) {
	meter["prepayLedgers"] = nil
	gen := gasGeneration(a, m)
	mk, md, firmware := fake.MeterModel(fake.HashStrings(m.SerialNumber), true, gen)
	meter["modelName"] = md
	if gen == "" {
		meter["mechanism"] = "CR"
		meter["smartGasMeter"] = nil
		meter["smartDevices"] = []any{}
		return
	}
	d := smartDevice(w, a, "GSME", m.ID, m.SerialNumber, mk, md, firmware, meter, false)
	meter["mechanism"] = gen
	meter["smartGasMeter"] = d
	meter["smartDevices"] = []any{d}
}

// userVehicles answers Octopus's userVehicles(accountNumber:, supportedProvider:): the
// cars among the devices of the account (of each account the viewer may read, when it
// names none), as the provider that gives control of them lists them: the device's id,
// its make and model, its name as the devices list gives it, a VIN of its own and no
// model year (state records none); a provider the model's maker does not name lists
// none of it, Enode (the default) every one.
func userVehicles(_ context.Context, c *sim.Call) (any, error) {
	u, _, err := c.Viewer()
	if err != nil {
		return nil, err
	}
	numbers := u.AccountNumbers
	if n := strings.TrimSpace(c.StringArg("accountNumber")); n != "" {
		if _, _, err := readable(c, n, "", ""); err != nil {
			return nil, err
		}
		numbers = []string{n}
	}
	provider := strings.ToUpper(strings.TrimSpace(c.StringArg("supportedProvider")))
	w := newEnv(c)
	out := []any{}
	for _, n := range numbers {
		a := w.Account(n)
		if a == nil {
			continue
		}
		for _, d := range a.Devices {
			if !strings.Contains(d.Type, "Vehicle") {
				continue
			}
			if sp, ok := fake.ModelSpec(d.Type, "vehicle", d.Make, d.Model); provider != "" && provider != "ENODE" && ok && !slices.Contains(sp.Providers, provider) {
				continue
			}
			out = append(out, obj{"vehicleId": d.ID, "information": obj{
				"vin": fake.VIN(fake.HashStrings("vin", d.ID)), "brand": orNil(d.Make), "model": orNil(d.Model), "year": nil,
				"displayName": orNil(strings.TrimSpace(d.Make + " " + d.Model)),
			}})
		}
	}
	return out, nil
}

// requestConsumptionData asks a smart electricity meter of one of the viewer's accounts
// for its half hours between startAt and endAt (its smart data already hold them):
// a reference for the request; KT-GB-4033 for a device that is no such meter's,
// KT-GB-4034 for a span that ends before it starts or lies ahead.
func requestConsumptionData(_ context.Context, c *sim.Call) (any, error) {
	u, _, err := c.Viewer()
	if err != nil {
		return nil, err
	}
	in := input(c)
	w := newEnv(c)
	id := strings.ToUpper(strings.TrimSpace(str(in, "deviceId")))
	serial := ""
	for _, n := range u.AccountNumbers {
		a := w.Account(n)
		if a == nil {
			continue
		}
		for _, p := range a.Properties {
			for _, mp := range p.ElectricityMeterPoints {
				for _, m := range mp.Meters {
					if smetsGeneration(m.MeterType) != "" && fake.EUI64(fake.HashStrings("ESME", m.SerialNumber)) == id {
						serial = m.SerialNumber
					}
				}
			}
		}
	}
	if serial == "" {
		return nil, c.ValidationError("KT-GB-4033", "None of your smart electricity meters has the device "+id+".", "input", "deviceId")
	}
	from, hasFrom := parseTime(in["startAt"], w.zone)
	to, hasTo := parseTime(in["endAt"], w.zone)
	if hasFrom && hasTo && to.Before(from) || hasFrom && from.After(w.now) {
		return nil, c.ValidationError("KT-GB-4034", "The span asked for ends before it starts, or lies ahead.", "input", "startAt")
	}
	ref := fmt.Sprintf("%016x", fake.HashStrings("consumption data", serial, w.now.String(), fmt.Sprint(in["startAt"], in["endAt"])))
	return obj{"requestReference": ref, "possibleErrors": []any{}}, nil
}
