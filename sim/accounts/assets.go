package accounts

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/krakensim/krakensim/sim"
)

// Customer assets (Origin's): the devices an account has are its assets (a car is an EV,
// its charger an EVSE, a heat pump a HEAT_PUMP), active from when they were fitted;
// registerCustomerAsset registers another at one of the account's properties (KT-CT-1128
// for a property or supply point not the account's, KT-CT-14602 for a physical id an
// active asset already has), and retireCustomerAsset retires one from a moment (now by
// default; KT-CT-14603 for one retired, not the viewer's, or a moment before it was
// active). The account's customerAssets lists them, customerAsset finds one.

const customerAssetFloor = 7700001

// deviceAssetTypes are the customer asset types of the devices state keeps, by type.
var deviceAssetTypes = map[string]string{
	"SmartFlexVehicle": "EV", "SmartFlexChargePoint": "EVSE", "SmartFlexHeatPump": "HEAT_PUMP",
	"SmartFlexInverter": "INVERTER", "SmartFlexThermostat": "THERMOSTAT", "SmartFlexStorageHeater": "STORAGE_HEATER",
}

// customerAssets are the account's assets: its devices (as retired, where they were),
// then those registered on it.
func customerAssets(zone *time.Location, a *sim.Account) []sim.CustomerAsset {
	var out []sim.CustomerAsset
	for _, d := range a.Devices {
		kind, ok := deviceAssetTypes[d.Type]
		if !ok || d.ID == "" {
			continue
		}
		if i := slices.IndexFunc(a.CustomerAssets, func(ca sim.CustomerAsset) bool { return ca.ID == d.ID }); i >= 0 {
			out = append(out, a.CustomerAssets[i])
			continue
		}
		from, ok := dayStart(d.InstalledAt, zone)
		if !ok {
			from = a.CreatedAt
		}
		out = append(out, sim.CustomerAsset{ID: d.ID, PhysicalID: d.ID, Name: strings.TrimSpace(d.Make + " " + d.Model), Type: kind, ActiveFrom: from})
	}
	for _, ca := range a.CustomerAssets {
		if !slices.ContainsFunc(out, func(o sim.CustomerAsset) bool { return o.ID == ca.ID }) {
			out = append(out, ca)
		}
	}
	return out
}

func customerAssetMap(w *env, a *sim.Account, ca sim.CustomerAsset) obj {
	return obj{
		"id": ca.ID, "physicalId": ca.PhysicalID, "name": ca.Name, "type": orNil(ca.Type),
		"activeFrom": dateTime(ca.ActiveFrom, w.zone), "activeTo": dateTime(ca.ActiveTo, w.zone), "accountNumber": a.Number,
	}
}

// customerAssetList answers an account's customerAssets.
func customerAssetList(w *env, a *sim.Account) []any {
	out := []any{}
	for _, ca := range customerAssets(w.zone, a) {
		out = append(out, customerAssetMap(w, a, ca))
	}
	return out
}

// findCustomerAsset finds an asset by id among the accounts the viewer may read.
func findCustomerAsset(c *sim.Call, w *env, id string) (*sim.Account, sim.CustomerAsset, bool) {
	u, _, err := c.Viewer()
	if err != nil || id == "" {
		return nil, sim.CustomerAsset{}, false
	}
	for a := range heldBy(c.Session.World(), u) {
		for _, ca := range customerAssets(w.zone, a) {
			if ca.ID == id {
				return a, ca, true
			}
		}
	}
	return nil, sim.CustomerAsset{}, false
}

// customerAsset answers Origin's customerAsset(customerAssetId:): null for one the
// viewer may not read.
func customerAsset(_ context.Context, c *sim.Call) (any, error) {
	if _, _, err := c.Viewer(); err != nil {
		return nil, err
	}
	w := newEnv(c)
	a, ca, ok := findCustomerAsset(c, w, c.StringArg("customerAssetId"))
	if !ok {
		return nil, nil
	}
	return customerAssetMap(w, a, ca), nil
}

// registerCustomerAsset registers an asset at one of the account's properties.
func registerCustomerAsset(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	_, held, err := readable(c, str(in, "accountNumber"), "KT-CT-1128", "")
	if err != nil {
		return nil, err
	}
	i := slices.IndexFunc(held.Properties, func(p sim.Property) bool { return p.ID == str(in, "propertyId") })
	if i < 0 {
		return nil, c.ValidationError("KT-CT-1128", "The account holds no property "+str(in, "propertyId")+".", "input", "propertyId")
	}
	p := &held.Properties[i]
	supply := str(in, "supplyPointId")
	if supply != "" && !slices.Contains(supplyPointIDs(p), supply) {
		return nil, c.ValidationError("KT-CT-1128", "Property "+p.ID+" has no supply point "+supply+".", "input", "supplyPointId")
	}
	w := newEnv(c)
	physical := strings.TrimSpace(str(in, "physicalId"))
	name := strings.TrimSpace(str(in, "name"))
	for field, v := range map[string]string{"physicalId": physical, "name": name} {
		if v == "" {
			return nil, c.ValidationError("KT-CT-1605", "Give the asset's "+field+".", "input", field)
		}
	}
	for _, other := range c.Session.World().Accounts {
		if other == nil {
			continue
		}
		for _, ca := range customerAssets(w.zone, other) {
			if ca.ActiveTo.IsZero() && strings.EqualFold(ca.PhysicalID, physical) {
				return nil, c.Error("KT-CT-14602")
			}
		}
	}
	org, _ := integer(in, "organisationId")
	ca := sim.CustomerAsset{
		PhysicalID: sim.Clip(physical, 100), Name: sim.Clip(name, 100), Type: str(in, "type"), PropertyID: p.ID, SupplyPointID: supply,
		OrganisationID: org, OrganisationDeviceID: sim.Clip(str(in, "organisationDeviceId"), 100),
		ActiveFrom: c.Session.Now().UTC().Truncate(time.Second),
	}
	ca.ID = nextID(customerAssetFloor, accountIDs(c.Session.World(), func(a *sim.Account) []sim.CustomerAsset { return a.CustomerAssets }, func(ca *sim.CustomerAsset) string { return ca.ID }))
	a := c.Session.World().MutableAccount(held.Number)
	a.CustomerAssets = append(a.CustomerAssets, ca)
	return obj{"customerAsset": customerAssetMap(w, a, ca)}, nil
}

// retireCustomerAsset retires one of the viewer's active assets from a moment.
func retireCustomerAsset(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	if _, _, err := c.Viewer(); err != nil {
		return nil, err
	}
	w := newEnv(c)
	held, ca, ok := findCustomerAsset(c, w, str(in, "customerAssetId"))
	if !ok {
		return nil, c.ValidationError("KT-CT-14603", "No customer asset "+str(in, "customerAssetId")+" of the viewer's.", "input", "customerAssetId")
	}
	at := c.Session.Now().UTC().Truncate(time.Second)
	if v, given := in["retiredAt"]; given && v != nil {
		if at, ok = parseTime(v, w.zone); !ok {
			return nil, c.ValidationError("KT-CT-14603", "retiredAt is no date and time.", "input", "retiredAt")
		}
	}
	switch {
	case !ca.ActiveTo.IsZero():
		return nil, c.ValidationError("KT-CT-14603", "Customer asset "+ca.ID+" was retired at "+ca.ActiveTo.Format(time.RFC3339)+".", "input", "customerAssetId")
	case at.Before(ca.ActiveFrom):
		return nil, c.ValidationError("KT-CT-14603", "Customer asset "+ca.ID+" became active at "+ca.ActiveFrom.Format(time.RFC3339)+", after retiredAt.", "input", "retiredAt")
	}
	ca.ActiveTo = at
	a := c.Session.World().MutableAccount(held.Number)
	if i := slices.IndexFunc(a.CustomerAssets, func(o sim.CustomerAsset) bool { return o.ID == ca.ID }); i >= 0 {
		a.CustomerAssets[i] = ca
	} else {
		a.CustomerAssets = append(a.CustomerAssets, ca)
	}
	return obj{"customerAsset": customerAssetMap(w, a, ca)}, nil
}

// supplyPointIDs are the ids of a property's meter points.
func supplyPointIDs(p *sim.Property) []string {
	var ids []string
	for _, mp := range p.ElectricityMeterPoints {
		ids = append(ids, mp.ID)
	}
	for _, mp := range p.GasMeterPoints {
		ids = append(ids, mp.ID)
	}
	return ids
}
