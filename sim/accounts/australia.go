package accounts

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/fake"
)

// networkOf is the id and name of the network that owns the supply with an NMI or
// MIRN; false for one AEMO does not allocate.
func networkOf(identifier string) (id, name string, ok bool) {
	n, ok := fake.NetworkOf(identifier)
	return n.ID, n.Name, ok
}

// networkMap is that network as an LNSPType or ProviderType (its id and names; its phone
// numbers are the world's); nil for none.
func networkMap(identifier string) any {
	if id, name, ok := networkOf(identifier); ok {
		return obj{"id": id, "shortName": name, "longName": name, "displayName": name}
	}
	return nil
}

// australianMeterFields are what an Australian meter's installation type says of how it
// is read: a comms meter (COMMS4D) is a smart meter read remotely every day (next
// tomorrow), a BASIC one is read by eye every quarter (next within three months); a
// meter in place is current (C), active from local midnight the day it was fitted.
func australianMeterFields(w *env, meter obj, m *sim.ElectricityMeter) {
	today, _ := dayStart(w.today(), w.zone)
	meter["activeFrom"] = dateAsTime(m.ActiveFrom, w.zone)
	meter["status"], meter["isUnmetered"], meter["isRemotelyReadMrim"], meter["isManuallyReadMrim"] = "C", false, false, false
	switch {
	case strings.HasPrefix(m.MeterType, "COMMS"):
		meter["installationType"], meter["isSmart"], meter["isRemotelyRead"], meter["isManuallyRead"] = m.MeterType, true, true, false
		meter["readTypeMethod"], meter["readTypeMode"], meter["readTypeFrequency"] = "R", "W", "D"
		meter["nextScheduledReadDate"] = today.AddDate(0, 0, 1).Format(time.DateOnly)
	case m.MeterType == "BASIC":
		meter["installationType"], meter["isSmart"], meter["isRemotelyRead"], meter["isManuallyRead"] = "BASIC", false, false, true
		meter["readTypeMethod"], meter["readTypeMode"], meter["readTypeFrequency"] = "M", "V", "A_3"
		meter["nextScheduledReadDate"] = today.AddDate(0, 0, 1+int(fake.Mix64(fake.HashStrings("read", m.SerialNumber))%91)).Format(time.DateOnly)
	}
}

// australianPointFields are what AEMO's standing data says of an electricity supply the
// state holds: its jurisdiction (the state its property is in), a small NMI of a
// residential or business customer by the account's type, with a LOW consumption
// threshold, on an urban feeder (a CBD one in a capital's centre); its market roles: the
// tenant's brand as the retailer (FRMP), the network its NMI's block belongs to (LNSP),
// and who meters it (the network for a basic meter, and for every meter in Victoria,
// whose networks rolled out its smart meters; a metering coordinator the retailer
// appoints for another smart meter). A home that exports its solar array's surplus is on
// the feed-in tariff scheme (FIT), another on none; its access notes are its property's.
func australianPointFields(w *env, m obj, a *sim.Account, mp *sim.ElectricityMeterPoint) {
	customer := "RESIDENTIAL"
	if a.AccountType == "BUSINESS" {
		customer = "BUSINESS"
	}
	m["customerClassification"], m["nmiClassification"], m["customerClassificationThreshold"] = customer, "SMALL", "LOW"
	p := propertyOf(a, mp.ID)
	state := ""
	if p != nil {
		if _, _, region := addressParts(p.Address); region != "" {
			state = strings.ToUpper(region)
			m["jurisdiction"] = state
		}
		m["feederClass"] = "Urban"
		if cbdPostcodes[p.Address.Postcode] {
			m["feederClass"] = "CBD"
		}
		m["accessDetails"] = accessNotes(p.PropertyType)
	}
	roles := obj{"frmp": orNil(a.Brand)}
	network, _, ok := networkOf(mp.NMI)
	if ok {
		roles["lnsp"] = network
		metering := network
		if cur := electricityMeterInPlace(mp, w.today()); cur >= 0 &&
			strings.HasPrefix(mp.Meters[cur].MeterType, "COMMS") && state != "VIC" {
			metering = meteringCoordinator
		}
		roles["mc"], roles["mdp"], roles["mpb"], roles["mpc"] = metering, metering, metering, metering
	}
	m["roles"] = roles
	m["hazards"], m["solarScheme"], m["sensitiveLoad"] = []any{}, "NONE", false
	if p != nil && slices.ContainsFunc(p.ElectricityMeterPoints, func(o sim.ElectricityMeterPoint) bool { return exportPoint(&o) }) {
		m["solarScheme"] = "FIT"
	}
	if mp.Access != nil {
		hazards := []any{}
		for _, h := range mp.Access.Hazards {
			hazards = append(hazards, h)
		}
		m["accessDetails"], m["hazards"] = mp.Access.Details, hazards
	}
	m["supplyDetails"] = obj{"agreedCapacity": nil, "connectionUnits": nil}
	m["predictedBill"] = sim.Lazy(func(args map[string]any) (any, error) { return predictedBill(w, a, mp, args), nil })
	m["consumptionSummary"] = sim.Lazy(func(args map[string]any) (any, error) { return consumptionSummary(w, a, mp, m, args) })
	m["standingChargesSummary"] = sim.Lazy(func(args map[string]any) (any, error) { return standingCharges(w, a, mp, args) })
	m["standingChargesWindow"] = sim.Lazy(func(args map[string]any) (any, error) {
		in, _ := args["input"].(map[string]any)
		charges, err := standingCharges(w, a, mp, in, "input")
		if err != nil {
			return nil, err
		}
		return obj{"__typename": "StandingChargesWindowType", "charges": charges, "error": nil}, nil
	})
}

// meteringCoordinator is the metering coordinator a retailer appoints for a smart meter
// outside Victoria, which also provides its metering data and its meter.
const meteringCoordinator = "INTELLIHUB"

// cbdPostcodes are the postcodes of the capitals' centres, whose supplies are on CBD
// feeders.
var cbdPostcodes = map[string]bool{"2000": true, "3000": true, "4000": true, "5000": true, "2601": true, "6000": true, "7000": true, "0800": true}

// accessNotes are a meter's access instructions, as its property's kind makes them.
func accessNotes(propertyType string) string {
	switch propertyType {
	case "FLAT", "APARTMENT", "UNIT":
		return "Meter room on the ground floor; the building manager has the key."
	case "BUSINESS", "COMMERCIAL", "SHOP", "WORKSHOP", "OFFICE":
		return "Meter panel inside the rear entrance; open during business hours."
	}
	return "Meter box on the side of the house; side gate unlocked."
}

// australianRegister gives an Australian meter's one register what MSATS says of it:
// active since the meter was fitted (local midnight), current; its NEM12 data stream
// (suffix) E1 for a general import, B1 for an export NMI's, in kWh read at unit
// multiplier 1, all day and no controlled load; on the network tariff of the NMI's
// network; dials as its readings show them (a smart meter's to the watt-hour, a basic
// one's whole), and the average day's load its readings run at.
func australianRegister(w *env, a *sim.Account, mp *sim.ElectricityMeterPoint, m *sim.ElectricityMeter, reg obj) {
	export := exportPoint(mp)
	suffix, decimals := "E1", 0
	if export {
		suffix = "B1"
	}
	if m.IsDigital || strings.HasPrefix(m.MeterType, "COMMS") {
		decimals = 3
	}
	network, _, _ := networkOf(mp.NMI)
	reg["activeFrom"], reg["status"], reg["isActive"], reg["isReactive"] = dateAsTime(m.ActiveFrom, w.zone), "C", true, false
	reg["suffix"], reg["isExportRegister"], reg["unitOfMeasure"], reg["multiplier"] = suffix, export, "KWH", "1.00"
	reg["timeOfDay"], reg["controlledLoad"] = "ALLDAY", "No"
	reg["networkTariffCode"], reg["networkTariffCodeOverride"] = networkTariffCode(network, a.AccountType == "BUSINESS"), []any{}
	reg["dialFormatDigits"], reg["dialFormatDecimals"] = 5, decimals
	reg["dataStream"] = sim.Lazy(func(map[string]any) (any, error) {
		return obj{"averageDailyLoad": math.Round(yearOfUse(w, electricityRegister(w, a, *mp, *m))/365.2425*1000) / 1000}, nil
	})
}

// networkTariffCodes are each network's published code of its general-supply tariff for
// a residential and for a small business customer's NMI.
var networkTariffCodes = map[string][2]string{
	"AUSGRID": {"EA010", "EA050"}, "ENDEAVOUR": {"N70", "N90"}, "ESSENTIAL": {"BLNN2AU", "BLNN1AU"},
	"EVOENERGY": {"010", "040"}, "CITIPOWER": {"C1R", "C2R"}, "POWERCOR": {"D1", "ND1"},
	"AUSNET": {"NEE11", "NEE21"}, "JEMENA": {"A100", "A200"}, "UNITED": {"LVS1R", "LVB1R"},
	"ENERGEX": {"8400", "8500"}, "SAPN": {"RSR", "BSR"}, "ERGON": {"ERTOUT1", "EBTOUT1"}, "TASNETWORKS": {"TAS31", "TAS22"},
}

// networkTariffCode is the general-supply network tariff code of a network's residential
// (or business) NMI; "NTC" for a network of no known tariffs.
func networkTariffCode(network string, business bool) string {
	codes, ok := networkTariffCodes[network]
	switch {
	case !ok:
		return "NTC"
	case business:
		return codes[1]
	}
	return codes[0]
}

// ausGasDeliveryKPa is the delivery pressure of a domestic low-pressure gas supply.
const ausGasDeliveryKPa = "1.10"

// australianGasMeter gives an Australian gas meter what the gas market's standing data
// says of it: an ordinary meter, turned on since it was fitted (local midnight), of five
// dials, metric or imperial as it is, at unit multiplier and a domestic supply's
// pressure, corrected as its readings are; read monthly when smart (on each billing
// date, the day after its latest reading's month), else quarterly by eye, its latest
// read the day of its latest reading.
func australianGasMeter(w *env, a *sim.Account, mp *sim.GasMeterPoint, m *sim.GasMeter, meter obj) {
	unit := "METRIC"
	if m.Imperial {
		unit = "IMPERIAL"
	}
	meter["activeFrom"], meter["status"], meter["installationType"] = dateAsTime(m.ActiveFrom, w.zone), "TURNED_ON", "ORDINARY"
	meter["meterMeasurementUnit"], meter["numberOfDials"], meter["meterMultiplier"] = unit, 5, "1.00"
	meter["kpaValue"], meter["currentReadPressureCorrectionFactor"] = ausGasDeliveryKPa, decimal(volumeCorrection)
	today, _ := dayStart(w.today(), w.zone)
	meter["meterReadFrequency"] = "QUARTERLY"
	meter["nextScheduledReadDate"] = today.AddDate(0, 0, 1+int(fake.Mix64(fake.HashStrings("read", m.SerialNumber))%91)).Format(time.DateOnly)
	var last *sim.MeterReading
	if rs := gasReads(w, a, mp, m); len(rs) > 0 {
		last = &rs[len(rs)-1]
	}
	meter["currentReadDate"] = nil
	if last != nil {
		meter["currentReadDate"] = last.ReadAt.In(w.zone).Format(time.DateOnly)
	}
	if m.IsDigital {
		meter["meterReadFrequency"] = "MONTHLY"
		if last != nil {
			meter["nextScheduledReadDate"] = last.ReadAt.In(w.zone).AddDate(0, 1, 0).Format(time.DateOnly)
		}
	}
}

// australianGasReading gives reading i of an Australian gas meter's readings rs (oldest
// first) how it came (typeOfRead: actual, a customer's own, or Kraken's estimate; a
// scheduled read, or the meter's installation read on the day it was fitted), its units,
// and the gas it measured since the reading before it: the volume in m³, at the heating
// value and pressure correction the billing applies, and the energy those make in MJ,
// as its statements bill it (none for a meter's first reading).
func australianGasReading(w *env, m *sim.GasMeter, rs []sim.MeterReading, i int, node obj) {
	r := rs[i]
	node["typeOfRead"], node["reasonForRead"] = "A", "SCH"
	switch r.Source {
	case "CUSTOMER":
		node["typeOfRead"], node["reasonForRead"] = "C", nil
	case "ESTIMATE":
		node["typeOfRead"] = "E"
	}
	if r.Source != "CUSTOMER" && r.ReadAt.In(w.zone).Format(time.DateOnly) == m.ActiveFrom {
		node["reasonForRead"] = "INI"
	}
	node["gasMeterUnits"] = map[bool]string{false: "M", true: "I"}[m.Imperial]
	node["averageHeatingValue"], node["pressureCorrectionFactor"] = decimal(calorificValue), decimal(volumeCorrection)
	node["volumeFlow"], node["consumedEnergy"] = nil, nil
	var prev *sim.MeterReading
	for j := i - 1; j >= 0 && prev == nil; j-- {
		if cmpRegister(rs[j].Register) == cmpRegister(r.Register) && rs[j].ReadAt.Before(r.ReadAt) {
			prev = &rs[j]
		}
	}
	if prev == nil || r.Value < prev.Value {
		return
	}
	volume := (r.Value - prev.Value) * gasUnit(m) / kWhPerCubicMetre // in m³
	node["volumeFlow"] = strconv.FormatFloat(volume, 'f', 3, 64)
	node["consumedEnergy"] = strconv.FormatFloat(volume*calorificValue*volumeCorrection, 'f', 2, 64)
}

// australianGasReadingOf gives a reading of an Australian gas meter, answered apart from
// the meter's readings (node, by its id), what australianGasReading does among them.
func australianGasReadingOf(w *env, a *sim.Account, mp *sim.GasMeterPoint, m *sim.GasMeter, node obj) {
	if fake.Country(w.zone) != "AU" {
		return
	}
	rs := gasReads(w, a, mp, m)
	if i := slices.IndexFunc(rs, func(r sim.MeterReading) bool { return r.ID == node["id"] }); i >= 0 {
		australianGasReading(w, m, rs, i, node)
	}
}
