package accounts

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/fake"
	"github.com/krakensim/krakensim/sim/world"
)

// heatPumpOf is the account's heat pump among its devices; nil for none.
func heatPumpOf(a *sim.Account) *sim.Device {
	for i := range a.Devices {
		if strings.Contains(a.Devices[i].Type, "HeatPump") {
			return &a.Devices[i]
		}
	}
	return nil
}

// heating is when an account's heat pump runs, measured by a meter m of its home's
// supply mp: from the day it was fitted (else the meter's) on, heating a home that loses
// 0.13–0.19 kW a degree (less in a flat) and hot water of 2.5 kWh a day and 1.5 more for
// each occupant; zero for an account without one and for its other supplies.
func heating(w *env, a *sim.Account, mp *sim.ElectricityMeterPoint, m sim.ElectricityMeter) world.HeatSpan {
	d := heatPumpOf(a)
	if d == nil {
		return world.HeatSpan{}
	}
	if home, _ := homeMeter(w, a); home == nil || home.ID != mp.ID || home.Identifier() != mp.Identifier() {
		return world.HeatSpan{}
	}
	from, ok := dayStart(d.InstalledAt, w.zone)
	if !ok {
		if from, ok = dayStart(m.ActiveFrom, w.zone); !ok {
			return world.HeatSpan{}
		}
	}
	hs := world.HeatSpan{From: from, Loss: 0.13 + 0.06*float64(fake.Mix64(fake.HashStrings("heat loss", a.Number))%1000)/1000, Water: 4, Off: zonesOff(d, from)}
	if p := propertyOf(a, mp.ID); p != nil {
		if p.PropertyType == "FLAT" || p.PropertyType == "UNIT" {
			hs.Loss *= 0.6
		}
		if p.NumberOfOccupants > 0 {
			hs.Water = 2.5 + 1.5*float64(p.NumberOfOccupants)
		}
	}
	return hs
}

// An Octopus heat pump (a Cosy) is run by Octopus's own controller, which the
// octoHeatPump queries read by its EUID: its configuration (as a captured Cosy 6 answers
// it: weather compensation, a hot water zone on its cylinder's sensors, a heating zone on
// its Cosy Pods), its zones and sensors now, and its performance, which is the heat pump
// the home's meter measures (what it drew, the heat it gave, the weather outdoors). It is
// no KrakenFlex device: heatPumpStatus and heatPumpDevice do not find it (KT-CT-4301, as
// Kraken answers a Cosy 6 owner).

// octopusController is the account's heat pump if Octopus's controller runs it; nil for
// none.
func octopusController(a *sim.Account) *sim.Device {
	if d := heatPumpOf(a); d != nil && d.OwnController() && d.ID != "" {
		return d
	}
	return nil
}

// controllerEuids answers octoHeatPumpControllerEuids(accountNumber:) (and its older
// twin): the EUIDs of the account's controllers, the viewer's accounts' without one.
func controllerEuids(_ context.Context, c *sim.Call) (any, error) {
	number, _ := c.Arg("accountNumber").(string)
	var accounts []*sim.Account
	if number != "" {
		_, a, err := readable(c, number, "", "")
		if err != nil {
			return nil, err
		}
		accounts = append(accounts, a)
	} else {
		u, _, err := c.Viewer()
		if err != nil {
			return nil, err
		}
		for _, n := range u.AccountNumbers {
			if a := c.Session.World().Account(n); a != nil {
				accounts = append(accounts, a)
			}
		}
	}
	out := []any{}
	for _, a := range accounts {
		if d := octopusController(a); d != nil {
			out = append(out, d.ID)
		}
	}
	return out, nil
}

// controllersAtLocation answers octoHeatPumpControllersAtLocation: the account's
// controller where its home is (the property its meter supplies), none elsewhere.
func controllersAtLocation(_ context.Context, c *sim.Call) (any, error) {
	_, a, err := readable(c, c.StringArg("accountNumber"), "", "")
	if err != nil {
		return nil, err
	}
	w := newEnv(c)
	d, p := octopusController(a), heatHome(w, a)
	if d == nil || p == nil || fmt.Sprint(c.Arg("propertyId")) != p.ID {
		return []any{}, nil
	}
	var provisioned any // the afternoon it was fitted, when state says
	if from, ok := dayStart(d.InstalledAt, w.zone); ok {
		provisioned = dateTime(from.Add(14*time.Hour), w.zone)
	}
	return []any{obj{
		"controller": obj{"euid": d.ID}, "heatPumpModel": d.Model, "location": obj{"propertyId": p.ID},
		"provisionedAt": provisioned,
	}}, nil
}

// heatHome is the property of the account's home supply, whose meter measures its heat
// pump; nil for none.
func heatHome(w *env, a *sim.Account) *sim.Property {
	mp, _ := homeMeter(w, a)
	if mp == nil {
		return nil
	}
	return propertyOf(a, mp.ID)
}

// controllerOf is the account (named by accountNumber) and its controller of the EUID
// the call names, or the error code's failure.
func controllerOf(c *sim.Call, code string) (*sim.Account, *sim.Device, error) {
	_, a, err := readable(c, c.StringArg("accountNumber"), "", "")
	if err != nil {
		return nil, nil, err
	}
	if d := octopusController(a); d != nil && strings.EqualFold(d.ID, c.StringArg("euid")) {
		return a, d, nil
	}
	return nil, nil, c.Error(code)
}

// controllerByEUID is the account the viewer may read whose controller has the EUID
// the call names; KT-CT-4301 for none.
func controllerByEUID(c *sim.Call) (*sim.Account, *sim.Device, error) {
	u, _, err := c.Viewer()
	if err != nil {
		return nil, nil, err
	}
	euid := c.StringArg("euid")
	for _, a := range c.Session.World().Accounts {
		if d := octopusController(a); d != nil && strings.EqualFold(d.ID, euid) && u.CanAccess(a.Number) {
			return a, d, nil
		}
	}
	return nil, nil, c.Error("KT-CT-4301")
}

// heatRegister is the register of the meter that measures the account's heat pump, and
// when the heat pump was fitted.
func heatRegister(w *env, a *sim.Account) (world.Register, time.Time, bool) {
	mp, k := homeMeter(w, a)
	if mp == nil {
		return world.Register{}, time.Time{}, false
	}
	m := electricityRegister(w, a, *mp, mp.Meters[k])
	if !m.Heats() {
		return world.Register{}, time.Time{}, false
	}
	return m.In(w.zone), m.Heating.From, true
}

// heatPumpRead is a heat pump a performance query reads: the env, the register of the
// home meter of the account whose controller has the EUID the call names, and when the
// heat pump was commissioned.
type heatPumpRead struct {
	w    *env
	reg  world.Register
	from time.Time
}

// readHeatPump finds the heat pump whose controller's EUID the call names:
// KT-CT-4301 for none the viewer may read, KT-CT-4370 for one no meter measures.
func readHeatPump(c *sim.Call) (heatPumpRead, error) {
	a, _, err := controllerByEUID(c)
	if err != nil {
		return heatPumpRead{}, err
	}
	w := newEnv(c)
	reg, from, ok := heatRegister(w, a)
	if !ok {
		return heatPumpRead{}, c.Error("KT-CT-4370")
	}
	return heatPumpRead{w, reg, from}, nil
}

// telemetryAt is when the controller last reported: every five minutes.
func telemetryAt(w *env) time.Time { return w.now.Truncate(5 * time.Minute) }

// value is a value object (Power, Energy, Temperature) of v in unit, to decimals.
func value(v float64, unit string, decimals int) obj {
	return obj{"value": strconv.FormatFloat(v, 'f', decimals, 64), "unit": unit}
}

// copOf is a coefficient of performance as Kraken tells it; nil where nothing was drawn.
func copOf(u world.HeatUse) any {
	if u.In < 0.0005 {
		return nil
	}
	return strconv.FormatFloat(u.COP(), 'f', 2, 64)
}

// heatPumpLivePerformance answers octoHeatPumpLivePerformance(euid:): what the heat pump
// draws and gives now (its half hour's, as its meter measures it) and the weather.
func heatPumpLivePerformance(_ context.Context, c *sim.Call) (any, error) {
	hp, err := readHeatPump(c)
	if err != nil {
		return nil, err
	}
	w, reg := hp.w, hp.reg
	at := telemetryAt(w)
	u := reg.HeatPumpNow(at)
	return obj{
		"readAt": dateTime(at, w.zone), "coefficientOfPerformance": copOf(u),
		"powerInput": value(u.In, "KILOWATT", 3), "heatOutput": value(u.Out, "KILOWATT", 3),
		"outdoorTemperature": value(u.Outdoor, "DEGREES_CELSIUS", 1),
	}, nil
}

// heatPumpLifetimePerformance answers octoHeatPumpLifetimePerformance(euid:): what the
// heat pump has drawn and given since it was commissioned.
func heatPumpLifetimePerformance(_ context.Context, c *sim.Call) (any, error) {
	hp, err := readHeatPump(c)
	if err != nil {
		return nil, err
	}
	w, reg, from := hp.w, hp.reg, hp.from
	at := telemetryAt(w)
	u := reg.HeatPump(from, at)
	return obj{
		"readAt": dateTime(at, w.zone), "seasonalCoefficientOfPerformance": copOf(u),
		"energyInput": value(u.In, "KILOWATT_HOUR", 3), "heatOutput": value(u.Out, "KILOWATT_HOUR", 3),
	}, nil
}

// readHeatPumpSpan finds the heat pump whose controller's EUID the call names, as
// readHeatPump does, and the span the call asks of it, within its commissioning and
// now; KT-CT-4381 for one that ends before it was commissioned or does not end after
// it starts.
func readHeatPumpSpan(c *sim.Call) (hp heatPumpRead, start, end time.Time, err error) {
	if hp, err = readHeatPump(c); err != nil {
		return hp, start, end, err
	}
	s, ok1 := parseTime(c.Field.Args["startAt"], hp.w.zone)
	e, ok2 := parseTime(c.Field.Args["endAt"], hp.w.zone)
	if !ok1 || !ok2 || !e.After(s) || !e.After(hp.from) {
		return hp, s, e, c.Error("KT-CT-4381")
	}
	return hp, maxTime(s, hp.from), minTime(e, hp.w.now), nil
}

// heatPumpTimeRangedPerformance answers octoHeatPumpTimeRangedPerformance: what the heat
// pump drew and gave between two times.
func heatPumpTimeRangedPerformance(_ context.Context, c *sim.Call) (any, error) {
	hp, start, end, err := readHeatPumpSpan(c)
	if err != nil {
		return nil, err
	}
	u := world.HeatUse{}
	if end.After(start) {
		u = hp.reg.HeatPump(start, end)
	}
	return obj{
		"coefficientOfPerformance": copOf(u),
		"energyInput":              value(u.In, "KILOWATT_HOUR", 3), "energyOutput": value(u.Out, "KILOWATT_HOUR", 3),
	}, nil
}

// maxPerformanceBuckets bounds the buckets a time series answers.
const maxPerformanceBuckets = 2000

// heatPumpTimeSeriesPerformance answers octoHeatPumpTimeSeriesPerformance: the span in
// buckets of its grouping (LIVE half hours, DAY hours, WEEK and MONTH days, YEAR
// months, in the tenant's time), each what the heat pump drew and gave and the mean
// temperature outdoors, from its commissioning to now; a bucket the span cuts short
// (its first or last) is labelled with the part of it the span covers.
func heatPumpTimeSeriesPerformance(_ context.Context, c *sim.Call) (any, error) {
	hp, start, end, err := readHeatPumpSpan(c)
	if err != nil {
		return nil, err
	}
	w, reg := hp.w, hp.reg
	step := func(t time.Time) time.Time { return t.Add(30 * time.Minute) }
	first := start.Truncate(30 * time.Minute)
	local := start.In(w.zone)
	switch c.StringArg("performanceGrouping") {
	case "DAY":
		first = time.Date(local.Year(), local.Month(), local.Day(), local.Hour(), 0, 0, 0, w.zone)
		step = func(t time.Time) time.Time { return t.Add(time.Hour) }
	case "WEEK", "MONTH":
		first = time.Date(local.Year(), local.Month(), local.Day(), 0, 0, 0, 0, w.zone)
		step = func(t time.Time) time.Time { return t.AddDate(0, 0, 1) }
	case "YEAR":
		first = time.Date(local.Year(), local.Month(), 1, 0, 0, 0, 0, w.zone)
		step = func(t time.Time) time.Time { return t.AddDate(0, 1, 0) }
	}
	n := 0
	for b := first; b.Before(end); b = step(b) {
		if n++; n > maxPerformanceBuckets {
			return nil, c.Error("KT-CT-4381")
		}
	}
	out := make([]any, 0, n)
	for b := first; b.Before(end); b = step(b) {
		from, to := maxTime(b, start), minTime(step(b), end)
		u := reg.HeatPump(from, to)
		out = append(out, obj{
			"startAt": dateTime(from, w.zone), "endAt": dateTime(to, w.zone),
			"energyInput": value(u.In, "KILOWATT_HOUR", 3), "energyOutput": value(u.Out, "KILOWATT_HOUR", 3),
			"outdoorTemperature": value(u.Outdoor, "DEGREES_CELSIUS", 1),
		})
	}
	return out, nil
}

// zonesOff are the spans the heat pump d's heating (ZONE_1) or water was set off, ended
// and still (one set off with no time since it was fitted, from), as the meter's half
// hours keep them.
func zonesOff(d *sim.Device, fitted time.Time) []world.HeatOff {
	hc := d.Controller
	if hc == nil {
		return nil
	}
	var out []world.HeatOff
	for _, o := range hc.WasOff {
		out = append(out, world.HeatOff{Space: o.Zone == "ZONE_1", From: o.From, To: o.To})
	}
	for _, z := range hc.Zones {
		if z.Mode == "OFF" && (z.Zone == "ZONE_1" || z.Zone == "WATER") {
			from := z.Since
			if from.IsZero() {
				from = fitted
			}
			out = append(out, world.HeatOff{Space: z.Zone == "ZONE_1", From: from})
		}
	}
	return out
}
