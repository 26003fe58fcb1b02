package accounts

import (
	"cmp"
	"context"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/krakensim/krakensim/sim"
)

// Water meters: a property is unmetered until a meter is fitted on it (installMeter),
// which makes it a water supply; a fitted meter is exchanged for another on a day
// (exchangeMeter: the old one read and removed, the new one fitted that day) and its
// recorded details changed (modifyMeter). switchAccountToMeasuredTariff charges each of
// an account's metered supplies by what its meter measures from the day, and leaves a
// supply with no meter as it is ("if possible"). Details that do not hold are
// KT-GB-11001: no serial number, one another fitted meter has, a day still to come, a
// register of no dials or more than 12, a reading below zero or below the one fitted.

const (
	waterPointFloor = 9100001
	waterMeterFloor = 9200001
	// maxDials is the most dials a register is taken to have; a fitted meter with none
	// given is taken to have defaultDials.
	maxDials, defaultDials = 12, 5
	// manualReadMonths is how often a meter read by hand is visited.
	manualReadMonths = 3
)

// waterSpot is where a water meter is: its property (by id), and its point's and its
// own index there.
type waterSpot struct {
	account  *sim.Account
	property string
	point    int
	meter    int
}

// findWaterMeter is where the water meter with id is; false for none.
func findWaterMeter(w *sim.World, id string) (waterSpot, bool) {
	for _, a := range w.Accounts {
		if a == nil {
			continue
		}
		for _, p := range a.Properties {
			for i, mp := range p.WaterMeterPoints {
				if j := slices.IndexFunc(mp.Meters, func(m sim.WaterMeter) bool { return m.ID == id }); j >= 0 {
					return waterSpot{a, p.ID, i, j}, true
				}
			}
		}
	}
	return waterSpot{}, false
}

// waterPoints yields every water supply in the world.
func waterPoints(w *sim.World, yield func(*sim.WaterMeterPoint) bool) {
	for _, a := range w.Accounts {
		if a == nil {
			continue
		}
		for i := range a.Properties {
			for j := range a.Properties[i].WaterMeterPoints {
				if !yield(&a.Properties[i].WaterMeterPoints[j]) {
					return
				}
			}
		}
	}
}

// fittedMeter is the index of the point's meter still fitted; -1 for none.
func fittedMeter(mp *sim.WaterMeterPoint) int {
	return slices.IndexFunc(mp.Meters, func(m sim.WaterMeter) bool { return m.RemovedOn == "" })
}

// serialFitted reports whether a meter still fitted anywhere has the serial number.
func serialFitted(w *sim.World, serial string) bool {
	found := false
	waterPoints(w, func(mp *sim.WaterMeterPoint) bool {
		found = slices.ContainsFunc(mp.Meters, func(m sim.WaterMeter) bool {
			return m.RemovedOn == "" && strings.EqualFold(m.SerialNumber, serial)
		})
		return !found
	})
	return found
}

// newWaterMeter reads a WaterMeterDetailsInput at path, refusing details that do not
// hold with KT-GB-11001.
func newWaterMeter(c *sim.Call, in map[string]any, path ...any) (sim.WaterMeter, error) {
	bad := func(field, message string) error {
		return c.ValidationError("KT-GB-11001", message, append(slices.Clip(path), field)...)
	}
	w := c.Session.World()
	m := sim.WaterMeter{
		SerialNumber: strings.TrimSpace(str(in, "serialNumber")), MakeAndModel: sim.Clip(str(in, "makeAndModel"), 200),
		ReadMethod: cmp.Or(str(in, "readMethod"), "MANUAL"), Location: cmp.Or(str(in, "location"), "UNKNOWN"),
		AccessDetails: sim.Clip(str(in, "accessDetails"), 500), MeasurementUnit: cmp.Or(str(in, "measurementUnit"), "KILOLITRES"),
		NumberOfDials: defaultDials,
	}
	switch {
	case m.SerialNumber == "" || len(m.SerialNumber) > 32:
		return m, bad("serialNumber", "Give the serial number printed on the meter (up to 32 characters).")
	case serialFitted(w, m.SerialNumber):
		return m, bad("serialNumber", "Meter "+m.SerialNumber+" is fitted already.")
	}
	if _, given := in["numberOfDials"]; given && in["numberOfDials"] != nil {
		n, ok := integer(in, "numberOfDials")
		if !ok || n < 1 || n > maxDials {
			return m, bad("numberOfDials", "A register has 1 to "+strconv.Itoa(maxDials)+" dials.")
		}
		m.NumberOfDials = n
	}
	day, ok := parseDate(in["installationDate"])
	switch {
	case !ok:
		return m, bad("installationDate", "Give the day the meter was fitted.")
	case day > today(c):
		return m, bad("installationDate", "A meter cannot be fitted on a day still to come.")
	}
	m.InstallationDate = day
	if v, given := in["initialReading"]; given && v != nil {
		f, ok := number(v)
		if !ok || f < 0 || f >= registerLimit(m) {
			return m, bad("initialReading", "A register of "+strconv.Itoa(m.NumberOfDials)+" dials reads from zero to below "+decimal(registerLimit(m))+".")
		}
		m.InitialReading = f
	}
	return m, nil
}

// registerLimit is the first value a meter's register cannot show: ten to the power of
// its dials.
func registerLimit(m sim.WaterMeter) float64 { return math.Pow10(m.NumberOfDials) }

// installMeter fits the first meter on a property that has none fitted.
func installMeter(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	p, err := ownedProperty(c, str(in, "propertyId"), "KT-GB-11003")
	if err != nil {
		return nil, err
	}
	for i := range p.WaterMeterPoints {
		if j := fittedMeter(&p.WaterMeterPoints[i]); j >= 0 {
			return nil, c.ValidationError("KT-GB-11003", "Property "+p.ID+" has meter "+p.WaterMeterPoints[i].Meters[j].SerialNumber+" fitted; exchange it instead.", "input", "propertyId")
		}
	}
	details, _ := in["meter"].(map[string]any)
	m, err := newWaterMeter(c, details, "input", "meter")
	if err != nil {
		return nil, err
	}
	w := c.Session.World()
	m.ID = nextID(waterMeterFloor, waterMeterIDs(w))
	if len(p.WaterMeterPoints) == 0 {
		id, _ := strconv.Atoi(nextID(waterPointFloor, func(yield func(string) bool) {
			waterPoints(w, func(mp *sim.WaterMeterPoint) bool { return yield(strconv.Itoa(mp.ID)) })
		}))
		p.WaterMeterPoints = append(p.WaterMeterPoints, sim.WaterMeterPoint{ID: id})
	}
	mp := &p.WaterMeterPoints[0]
	mp.Meters = append(mp.Meters, m)
	return obj{"meter": waterMeterOn(c, p.ID, 0, len(mp.Meters)-1)}, nil
}

// waterMeterIDs yields the id of every water meter in the world.
func waterMeterIDs(w *sim.World) func(yield func(string) bool) {
	return func(yield func(string) bool) {
		waterPoints(w, func(mp *sim.WaterMeterPoint) bool {
			for _, m := range mp.Meters {
				if !yield(m.ID) {
					return false
				}
			}
			return true
		})
	}
}

// viewersWaterMeter finds a water meter on the viewer's accounts for changing: one
// that is no one's is notFound, another's KT-CT-1111.
func viewersWaterMeter(c *sim.Call, id, notFound string) (*sim.WaterMeterPoint, waterSpot, error) {
	u, _, err := c.Viewer()
	if err != nil {
		return nil, waterSpot{}, err
	}
	spot, ok := findWaterMeter(c.Session.World(), id)
	if !ok {
		return nil, spot, c.ValidationError(notFound, "No water meter has id "+id+".", "input", "meterId")
	}
	if !u.CanAccess(spot.account.Number) {
		return nil, spot, c.Error(codeUnauthorized)
	}
	_, p := c.Session.World().MutableProperty(spot.property)
	return &p.WaterMeterPoints[spot.point], spot, nil
}

// exchangeMeter removes a fitted meter on a day, read, and fits another in its place.
func exchangeMeter(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	mp, spot, err := viewersWaterMeter(c, str(in, "meterId"), "KT-GB-11002")
	if err != nil {
		return nil, err
	}
	i := spot.meter
	old := mp.Meters[i]
	day, _ := parseDate(in["exchangeDate"])
	switch {
	case old.RemovedOn != "":
		return nil, c.ValidationError("KT-GB-11002", "Meter "+old.SerialNumber+" was removed on "+old.RemovedOn+".", "input", "meterId")
	case day == "" || day < old.InstallationDate || day > today(c):
		return nil, c.ValidationError("KT-GB-11002", "Exchange the meter on a day from its fitting ("+old.InstallationDate+") to today.", "input", "exchangeDate")
	}
	final := old.InitialReading
	if v, given := in["finalReading"]; given && v != nil {
		f, ok := number(v)
		if !ok || f < old.InitialReading || f >= registerLimit(old) {
			return nil, c.ValidationError("KT-GB-11001", "The final reading is from the one the meter was fitted with ("+decimal(old.InitialReading)+") to below "+decimal(registerLimit(old))+".", "input", "finalReading")
		}
		final = f
	}
	details, _ := in["newMeter"].(map[string]any)
	m, err := newWaterMeter(c, details, "input", "newMeter")
	if err != nil {
		return nil, err
	}
	if m.InstallationDate != day {
		return nil, c.ValidationError("KT-GB-11001", "The new meter is fitted on the day of the exchange, "+day+".", "input", "newMeter", "installationDate")
	}
	m.ID = nextID(waterMeterFloor, waterMeterIDs(c.Session.World()))
	mp.Meters[i].RemovedOn, mp.Meters[i].FinalReading = day, final
	mp.Meters = append(mp.Meters, m)
	return obj{"meter": waterMeterOn(c, spot.property, spot.point, len(mp.Meters)-1)}, nil
}

// modifyMeter changes the recorded details of a fitted meter.
func modifyMeter(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	mp, spot, err := viewersWaterMeter(c, str(in, "meterId"), "KT-GB-11006")
	if err != nil {
		return nil, err
	}
	m := mp.Meters[spot.meter]
	if m.RemovedOn != "" {
		return nil, c.ValidationError("KT-GB-11005", "Meter "+m.SerialNumber+" was removed on "+m.RemovedOn+".", "input", "meterId")
	}
	if v := in["numberOfDials"]; v != nil {
		n, ok := integer(in, "numberOfDials")
		if !ok || n < 1 || n > maxDials {
			return nil, c.ValidationError("KT-GB-11001", "A register has 1 to "+strconv.Itoa(maxDials)+" dials.", "input", "numberOfDials")
		}
		m.NumberOfDials = n
	}
	for key, field := range map[string]*string{"location": &m.Location, "accessDetails": &m.AccessDetails, "keyDetails": &m.KeyDetails, "readMethod": &m.ReadMethod} {
		if s, ok := in[key].(string); ok {
			*field = sim.Clip(s, 500)
		}
	}
	mp.Meters[spot.meter] = m
	return obj{"meter": waterMeterOn(c, spot.property, spot.point, spot.meter)}, nil
}

// switchAccountToMeasuredTariff charges the account's metered water supplies (or the
// one property's) by what they measure from today.
func switchAccountToMeasuredTariff(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	_, a, err := owned(c, str(in, "accountNumber"), "", "")
	if err != nil {
		return nil, err
	}
	only := str(in, "propertyId")
	if only != "" && !slices.ContainsFunc(a.Properties, func(p sim.Property) bool { return p.ID == only }) {
		return nil, c.Error(c.UnauthorizedCode())
	}
	day := today(c)
	for i := range a.Properties {
		p := &a.Properties[i]
		if only != "" && p.ID != only {
			continue
		}
		for j := range p.WaterMeterPoints {
			if mp := &p.WaterMeterPoints[j]; mp.MeasuredFrom == "" && fittedMeter(mp) >= 0 {
				mp.MeasuredFrom = day
			}
		}
	}
	return obj{"account": accountMap(newEnv(c), a)}, nil
}

// waterMeterOn is the WaterMeterType of a meter on a property, as the session's world
// has it now.
func waterMeterOn(c *sim.Call, property string, point, meter int) obj {
	w := newEnv(c)
	a, p := w.Property(property)
	mp := &p.WaterMeterPoints[point]
	return waterMeterMap(w, a, p, mp, &mp.Meters[meter])
}

// waterUnits are the units a register counts in, as a reading states them.
var waterUnits = map[string]string{"DECILITRES": "dL", "DECALITRES": "daL", "KILOLITRES": "kL", "GALLONS": "gal"}

// waterPointMap is a WaterMeterPointType.
func waterPointMap(w *env, a *sim.Account, p *sim.Property, mp *sim.WaterMeterPoint) obj {
	status := "DISCONNECTED"
	if fittedMeter(mp) >= 0 {
		status = "CONNECTED"
	}
	point := obj{
		"__typename": "WaterMeterPointType",
		"id":         mp.ID, "identifier": strconv.Itoa(mp.ID), "parentMirn": nil, "status": status,
		"supplyType": "WATER", "supplyDetails": nil, "enrolment": nil, "pricingZone": nil, "heatingPlant": nil,
		"property": sim.Lazy(func(map[string]any) (any, error) { return propertyMap(w, a, p), nil }),
	}
	point["meters"] = sim.Lazy(func(args map[string]any) (any, error) {
		out := []any{}
		id, filtered := integer(args, "id")
		for i := range mp.Meters {
			if !filtered || mp.Meters[i].ID == strconv.Itoa(id) {
				out = append(out, waterMeterMap(w, a, p, mp, &mp.Meters[i]))
			}
		}
		return out, nil
	})
	agreements := []any{}
	if mp.MeasuredFrom != "" {
		from := dateAsTime(mp.MeasuredFrom, w.zone)
		agreements = append(agreements, obj{
			"__typename": "EmbeddedWaterAgreementType", "id": mp.ID, "isRevoked": false,
			"validFrom": from, "agreedFrom": from, "agreedAt": from, "startAt": from,
			"validTo": nil, "agreedTo": nil, "terminatedAt": nil, "endAt": nil,
		})
	}
	point["agreements"] = agreements
	point["supplyPoint"] = obj{"__typename": "WaterSupplyPointType", "id": strconv.Itoa(mp.ID), "marketName": nil, "property": point["property"], "meterPoint": point}
	return point
}

// waterMeterMap is a WaterMeterType.
func waterMeterMap(w *env, a *sim.Account, p *sim.Property, mp *sim.WaterMeterPoint, m *sim.WaterMeter) obj {
	period := obj{"id": m.ID, "status": "CONNECTED", "startAt": dateAsTime(m.InstallationDate, w.zone), "endAt": dateAsTime(m.RemovedOn, w.zone)}
	if m.RemovedOn != "" {
		period["status"] = "DISCONNECTED"
	}
	reads := []any{waterRead(w, m.ID+"1", m.InitialReading, m.InstallationDate)}
	if m.RemovedOn != "" {
		reads = append(reads, waterRead(w, m.ID+"2", m.FinalReading, m.RemovedOn))
	}
	return obj{
		"__typename": "WaterMeterType",
		"id":         m.ID, "serialNumber": m.SerialNumber, "makeAndModel": m.MakeAndModel, "readMethod": m.ReadMethod,
		"location": m.Location, "accessDetails": m.AccessDetails, "keyDetails": orNil(m.KeyDetails),
		"measurementUnit": m.MeasurementUnit, "numberOfDials": m.NumberOfDials, "consumptionUnits": waterUnits[m.MeasurementUnit],
		"installationDate": m.InstallationDate, "constructionDate": nil,
		"activeFrom": dateAsTime(m.InstallationDate, w.zone), "activeTo": dateAsTime(m.RemovedOn, w.zone),
		// A meter read by hand needs reading when a household leaves; one read remotely does not.
		"requiresCotFinalReading": m.RemovedOn == "" && m.ReadMethod == "MANUAL",
		"fuelType":                "WATER", "nextScheduledReadDate": nextWaterRead(w, m),
		"connectionPeriods": []any{period}, "heatingPlant": nil, "pricingZone": nil,
		"consumption": sim.Lazy(func(args map[string]any) (any, error) { return connection(w, []any{}, args) }),
		"accumulationReadings": sim.Lazy(func(args map[string]any) (any, error) {
			return connection(w, reads, args)
		}),
		"meterPoint": sim.Lazy(func(map[string]any) (any, error) { return waterPointMap(w, a, p, mp), nil }),
	}
}

// waterRead is an EmbeddedWaterAccumulationReading of a register on a day.
func waterRead(w *env, id string, value float64, day string) obj {
	return obj{
		"id": id, "value": decimal(value), "readAt": dateAsTime(day, w.zone),
		"events": sim.Lazy(func(args map[string]any) (any, error) { return connection(w, []any{}, args) }),
	}
}

// nextWaterRead is the day a fitted meter is next read: tomorrow for one read remotely,
// the next quarter's anniversary of its fitting for one read by hand; null once removed.
func nextWaterRead(w *env, m *sim.WaterMeter) any {
	if m.RemovedOn != "" {
		return nil
	}
	now := w.now.In(w.zone)
	if m.ReadMethod == "REMOTE" {
		return now.AddDate(0, 0, 1).Format(time.DateOnly)
	}
	fitted, err := time.Parse(time.DateOnly, m.InstallationDate)
	if err != nil {
		return nil
	}
	today := now.Format(time.DateOnly)
	for k := 1; ; k++ {
		if next := fitted.AddDate(0, k*manualReadMonths, 0).Format(time.DateOnly); next > today {
			return next
		}
	}
}
