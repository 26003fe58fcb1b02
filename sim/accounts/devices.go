package accounts

import (
	"fmt"
	"hash/fnv"
	"strings"

	"github.com/krakensim/krakensim/sim"
)

// A meter's smart fields follow from what the world says of it: an electricity meter
// whose meterType is a SMETS one (S1, S2A, S2AD…) and a digital gas meter have a
// commissioned device, the others none. Clients decide on these fields (a non-null
// smartExportElectricityMeter marks an export meter; a gas mechanism of S1 or S2 a
// smart one), so they must never contradict each other.

// deviceModel is a meter make and model as a smart device reports them.
type deviceModel struct{ make, model, firmware string }

var (
	smets2Electricity = []deviceModel{{"Landis+Gyr", "E470", "2.13.7"}, {"Aclara", "SGM1412", "1.1.4"}, {"EDMI", "ES-10B", "3.6.1"}}
	smets1Electricity = []deviceModel{{"Secure Meters", "Liberty 100", "5.5.9"}, {"Landis+Gyr", "E470", "1.4.2"}}
	smets2Gas         = []deviceModel{{"Landis+Gyr", "G470", "2.3.0"}, {"Flonidan", "G4SZV", "1.2.8"}}
	smets1Gas         = []deviceModel{{"Secure Meters", "Europa", "4.1.3"}}
	// Makes of meters without a smart device: electromechanical and half-hourly ones.
	plainElectricity = []deviceModel{{"Landis+Gyr", "5235", ""}, {"Elster", "A1140", ""}, {"Ampy", "5196B", ""}}
	plainGas         = []deviceModel{{"Itron", "U6G", ""}, {"Elster", "BK-G4", ""}}
)

// serialHash is a stable number for a meter, so its device reads the same on every call.
func serialHash(serial string) uint64 {
	h := fnv.New64a()
	_, _ = h.Write([]byte(serial))
	return h.Sum64()
}

func pick(models []deviceModel, serial string) deviceModel {
	return models[serialHash(serial)%uint64(len(models))]
}

// deviceID is a smart device's EUI-64, written as Kraken writes it: eight hex pairs
// joined by dashes.
func deviceID(serial, kind string) string {
	n := serialHash(kind + ":" + serial)
	var b strings.Builder
	for i := 7; i >= 0; i-- {
		fmt.Fprintf(&b, "%02X", byte(n>>(8*i)))
		if i > 0 {
			b.WriteByte('-')
		}
	}
	return b.String()
}

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

// smartDevice is the SmartMeterDeviceType of a meter: an ESME for electricity, a GSME
// for gas, commissioned and in credit mode.
func smartDevice(kind, meterID, serial string, dm deviceModel, meter obj) obj {
	d := obj{
		"__typename": "SmartMeterDeviceType",
		"id":         "8" + meterID, "deviceId": deviceID(serial, kind), "serialNumber": serial,
		"type": kind, "status": "COMMISSIONED", "paymentMode": "CREDIT", "weeklyDebtRecoveryRateInPence": 0,
		"manufacturer": dm.make, "model": dm.model, "firmwareVersion": dm.firmware,
		"importElectricityMeter": nil, "exportElectricityMeter": nil, "gasMeter": nil,
	}
	if kind == "GSME" {
		d["gasMeter"] = meter
	} else {
		d["importElectricityMeter"] = meter
	}
	return d
}

// addElectricitySmartFields fills an electricity meter's make and smart devices. Export
// is not modelled: no meter has an export device or export meters.
func addElectricitySmartFields(w *env, m *sim.ElectricityMeter, meter obj) {
	meter["smartExportElectricityMeter"] = nil
	meter["prepayLedgers"] = nil
	meter["exportMeters"] = sim.Lazy(func(args map[string]any) (any, error) {
		return connection(w, []any{}, args)
	})
	switch smetsGeneration(m.MeterType) {
	case "S1":
		addSmart(meter, "ESME", m.ID, m.SerialNumber, pick(smets1Electricity, m.SerialNumber), "smartImportElectricityMeter")
	case "S2":
		addSmart(meter, "ESME", m.ID, m.SerialNumber, pick(smets2Electricity, m.SerialNumber), "smartImportElectricityMeter")
	default:
		dm := pick(plainElectricity, m.SerialNumber)
		meter["makeAndType"] = dm.make + " " + dm.model
		meter["smartImportElectricityMeter"] = nil
		meter["smartDevices"] = []any{}
	}
}

// addGasSmartFields fills a gas meter's mechanism, model and smart devices.
func addGasSmartFields(a *sim.Account, m *sim.GasMeter, meter obj) {
	meter["prepayLedgers"] = nil
	switch g := gasGeneration(a, m); g {
	case "S1", "S2":
		models := smets2Gas
		if g == "S1" {
			models = smets1Gas
		}
		dm := pick(models, m.SerialNumber)
		meter["mechanism"] = g
		meter["modelName"] = dm.model
		addSmart(meter, "GSME", m.ID, m.SerialNumber, dm, "smartGasMeter")
	default:
		dm := pick(plainGas, m.SerialNumber)
		meter["mechanism"] = "CR"
		meter["modelName"] = dm.model
		meter["smartGasMeter"] = nil
		meter["smartDevices"] = []any{}
	}
}

func addSmart(meter obj, kind, meterID, serial string, dm deviceModel, field string) {
	d := smartDevice(kind, meterID, serial, dm, meter)
	meter[field] = d
	meter["smartDevices"] = []any{d}
	if kind == "ESME" {
		meter["makeAndType"] = dm.make + " " + dm.model
	}
}
