package accounts

import (
	"slices"
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
// meter in place is current (C).
func australianMeterFields(w *env, meter obj, m *sim.ElectricityMeter) {
	today, _ := dayStart(w.today(), w.zone)
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
