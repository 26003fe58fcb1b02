package accounts

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/fake"
	"github.com/krakensim/krakensim/sim/world"
)

// Registering a device for smart control (SmartFlex): deviceRegistration registers the
// catalog's model its deviceVariantId names (a vehicleId of electricVehicles, a
// variantId of chargePointVariants or batteryVariants, a heatPumpId of
// heatPumpVariants) through a provider that controls that model, on a domestic
// account on supply whose home has a smart electricity meter; KT-CT-4321 for a
// property not the account's, a variant no catalog has or of another device type,
// KT-CT-4312 for a provider that does not control the model or a home that cannot be
// controlled, KT-CT-4324 for a kind of device the account has already (a car or its
// charger count as one). devices lists it from then on with its id. A car or a charger
// is ONBOARDING (AUTHENTICATION_COMPLETE) until triggerTestCharge runs its test charge
// (ONBOARDING_TEST_IN_PROGRESS, TEST_CHARGE_IN_PROGRESS, for sim.TestChargeLength), and
// LIVE after it; a battery, an inverter or a heat pump is LIVE at once.

// smartFlexKinds are the SmartFlex device types of the catalogs' types, with the
// device type they are registered as.
var smartFlexKinds = map[string]struct{ typ, deviceType string }{
	"ElectricVehicleModelType":    {"SmartFlexVehicle", "ELECTRIC_VEHICLES"},
	"ChargePointVariantModelType": {"SmartFlexChargePoint", "ELECTRIC_VEHICLES"},
	"BatteryVariantModelsType":    {"SmartFlexBattery", "BATTERIES"},
	"HeatPumpVariantModelsType":   {"SmartFlexHeatPump", "HEAT_PUMPS"},
}

// testCharged reports whether a SmartFlex device type is onboarded with a test charge.
func testCharged(typ string) bool { return typ == "SmartFlexVehicle" || typ == "SmartFlexChargePoint" }

// deviceRegistration answers deviceRegistration: the id of the device it registered.
func deviceRegistration(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	_, a, err := owned(c, str(in, "accountNumber"), c.UnauthorizedCode(), "")
	if err != nil {
		return nil, err
	}
	w := newEnv(c)
	pid := strconv.Itoa(intOr(in, "propertyId", 0))
	if accountProperty(a, pid) == nil {
		return nil, c.ValidationError("KT-CT-4321", "The account has no property "+pid+".", "input", "propertyId")
	}
	details, _ := in["deviceDetails"].(map[string]any)
	vid := str(details, "deviceVariantId")
	catalog, mk, md, ok := c.Session.Variant(vid)
	kind := smartFlexKinds[catalog]
	switch {
	case !ok || kind.typ == "":
		return nil, c.ValidationError("KT-CT-4321", fmt.Sprintf("No device variant has the id %q; electricVehicles, chargePointVariants, batteryVariants and heatPumpVariants list them.", vid),
			"input", "deviceDetails", "deviceVariantId")
	case kind.deviceType != str(in, "deviceType"):
		return nil, c.ValidationError("KT-CT-4321", fmt.Sprintf("Variant %s is the %s %s, registered as %s.", vid, mk, md, kind.deviceType), "input", "deviceType")
	}
	provider := str(in, "provider")
	spec, _ := fake.ModelSpec(catalog, "", mk, md)
	switch {
	case !slices.Contains(spec.Providers, provider):
		return nil, c.ValidationError("KT-CT-4312", fmt.Sprintf("The %s %s is not controlled through %s; it is through %s.", mk, md, provider, orNone(spec.Providers)), "input", "provider")
	case smartControlHome(w, a) == nil:
		return nil, c.ValidationError("KT-CT-4312", "The account's home cannot be smart controlled: it needs a domestic supply with a smart electricity meter.", "input", "provider")
	}
	for _, d := range a.Devices {
		if d.Type == kind.typ || kind.deviceType == "ELECTRIC_VEHICLES" && testCharged(d.Type) || kind.typ == "SmartFlexHeatPump" && d.OwnController() {
			return nil, c.ValidationError("KT-CT-4324", fmt.Sprintf("The account has a %s %s registered already.", d.Make, d.Model), "input", "deviceType")
		}
	}
	now := c.Session.Now().UTC()
	dev := sim.Device{Type: kind.typ, ID: hashUUID("smartflex", a.Number, vid, strconv.Itoa(len(a.Devices)), now.String()), Make: mk, Model: md, Provider: provider}
	if testCharged(kind.typ) {
		dev.Onboarding = &sim.DeviceOnboarding{RegisteredAt: now}
	}
	a.Devices = append(a.Devices, dev)
	if i := openWizard(a, pid); i >= 0 {
		a.SmartFlexWizards[i].DeviceID = dev.ID
	}
	return obj{"possibleErrors": []any{}, "registeredDeviceIds": []any{dev.ID}}, nil
}

// orNone is a list's items joined, or "none".
func orNone(items []string) string {
	if len(items) == 0 {
		return "none"
	}
	return strings.Join(items, ", ")
}

// triggerTestCharge answers triggerTestCharge: the test charge of the account's car or
// charger being onboarded, which makes it live once it is over; KT-CT-4301 for an
// account with neither, KT-CT-4355 with testChargeRefusalReasons for one already live
// (TC_DEVICE_LIVE), under test (TC_DEVICE_ONBOARDING_IN_PROGRESS) or whose smart
// control is suspended (TC_DEVICE_SUSPENDED).
func triggerTestCharge(_ context.Context, c *sim.Call) (any, error) {
	_, a, err := owned(c, str(input(c), "accountNumber"), c.UnauthorizedCode(), "")
	if err != nil {
		return nil, err
	}
	now := c.Session.Now().UTC()
	suspended := controlSuspended(newEnv(c).controlOf(a))
	var dev *sim.Device
	var reasons []string
	for i := range a.Devices {
		d := &a.Devices[i]
		if !testCharged(d.Type) {
			continue
		}
		if suspended {
			reasons = append(reasons, "TC_DEVICE_SUSPENDED")
		}
		switch life, _ := d.Life(now); {
		case life == "ONBOARDING" && suspended:
		case life == "ONBOARDING":
			dev = d
		case life == "ONBOARDING_TEST_IN_PROGRESS":
			reasons = append(reasons, "TC_DEVICE_ONBOARDING_IN_PROGRESS")
		default:
			reasons = append(reasons, "TC_DEVICE_LIVE")
		}
	}
	if dev == nil {
		if len(reasons) == 0 {
			return nil, c.Error("KT-CT-4301")
		}
		slices.Sort(reasons)
		if err := c.Refused(slices.Compact(reasons)); err != nil {
			return nil, err
		}
		return nil, c.Error("KT-CT-4355")
	}
	dev.Onboarding.TestChargeAt = now
	return obj{"possibleErrors": []any{}, "krakenflexDevice": obj{"krakenflexDeviceId": dev.ID, "provider": dev.Provider}}, nil
}

// controlSuspended reports whether the car's smart control, as cc has it, is suspended
// now: its last suspension has not ended.
func controlSuspended(cc world.CarControl) bool {
	n := len(cc.Suspended)
	return n > 0 && cc.Suspended[n-1].To.IsZero()
}

// SmartFlex onboarding wizards: startSmartFlexOnboarding starts one for a property of
// the account (KT-CT-4321 for one not its), or answers the one already open there;
// smartFlexOnboardingWizards lists those open (of a property, when asked); a device
// registered at the property completes it, and cancelSmartFlexOnboarding cancels it
// (KT-CT-4371 for a wizard none of the viewer's accounts has open).

// startSmartFlexOnboarding answers startSmartFlexOnboarding: the property's open wizard.
func startSmartFlexOnboarding(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	_, a, err := owned(c, str(in, "accountNumber"), c.UnauthorizedCode(), "")
	if err != nil {
		return nil, err
	}
	pid := strconv.Itoa(intOr(in, "propertyId", 0))
	if accountProperty(a, pid) == nil {
		return nil, c.ValidationError("KT-CT-4321", "The account has no property "+pid+".", "input", "propertyId")
	}
	if i := openWizard(a, pid); i >= 0 {
		return obj{"possibleErrors": []any{}, "wizard": obj{"id": a.SmartFlexWizards[i].ID}}, nil
	}
	n := 0 // the wizards the session has started, numbered on from firstWizardID
	for _, acc := range c.Session.World().Accounts {
		if acc != nil {
			n += len(acc.SmartFlexWizards)
		}
	}
	z := sim.SmartFlexWizard{ID: strconv.Itoa(firstWizardID + n), PropertyID: pid, StartedAt: c.Session.Now().UTC()}
	a.SmartFlexWizards = append(a.SmartFlexWizards, z)
	return obj{"possibleErrors": []any{}, "wizard": obj{"id": z.ID}}, nil
}

// firstWizardID is the id of a session's first SmartFlex onboarding wizard.
const firstWizardID = 4590001

// openWizard is the index of the account's open wizard for property pid; -1 for none.
func openWizard(a *sim.Account, pid string) int {
	return slices.IndexFunc(a.SmartFlexWizards, func(z sim.SmartFlexWizard) bool { return z.PropertyID == pid && z.Open() })
}

// cancelSmartFlexOnboarding answers cancelSmartFlexOnboarding: the wizard, cancelled.
func cancelSmartFlexOnboarding(_ context.Context, c *sim.Call) (any, error) {
	u, _, err := c.Viewer()
	if err != nil {
		return nil, err
	}
	id := strings.TrimSpace(c.StringArg("input.wizardId"))
	for _, n := range u.AccountNumbers {
		a := c.Session.World().Account(n)
		if a == nil {
			continue
		}
		i := slices.IndexFunc(a.SmartFlexWizards, func(z sim.SmartFlexWizard) bool { return z.ID == id && z.Open() })
		if i < 0 {
			continue
		}
		a = c.Session.World().MutableAccount(n)
		a.SmartFlexWizards[i].CancelledAt = c.Session.Now().UTC()
		return obj{"possibleErrors": []any{}, "wizard": obj{"id": id}}, nil
	}
	return nil, c.ValidationError("KT-CT-4371", "No SmartFlex onboarding wizard "+id+" of yours is under way.", "input", "wizardId")
}

// smartFlexOnboardingWizards answers smartFlexOnboardingWizards(accountNumber:,
// propertyId:): the account's open wizards, of the property when asked.
func smartFlexOnboardingWizards(_ context.Context, c *sim.Call) (any, error) {
	_, a, err := readable(c, c.StringArg("accountNumber"), "", "")
	if err != nil {
		return nil, err
	}
	id, byProperty := integer(c.Field.Args, "propertyId")
	out := []any{}
	for _, z := range a.SmartFlexWizards {
		if z.Open() && (!byProperty || z.PropertyID == strconv.Itoa(id)) {
			out = append(out, obj{"id": z.ID})
		}
	}
	return out, nil
}
