package accounts

import (
	"context"
	"fmt"
	"math"
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
	home, _ := homeMeter(w, a)
	if d == nil || home == nil || home.ID != mp.ID || home.Identifier() != mp.Identifier() {
		return world.HeatSpan{}
	}
	from, ok := dayStart(d.InstalledAt, w.zone)
	if !ok {
		if from, ok = dayStart(m.ActiveFrom, w.zone); !ok {
			return world.HeatSpan{}
		}
	}
	hs := world.HeatSpan{From: from, Loss: 0.13 + 0.06*float64(fake.Mix64(fake.HashStrings("heat loss", a.Number))%1000)/1000, Water: 4}
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
	from, _ := dayStart(d.InstalledAt, w.zone)
	return []any{obj{
		"controller": obj{"euid": d.ID}, "heatPumpModel": d.Model, "location": obj{"propertyId": p.ID},
		"provisionedAt": dateTime(from.Add(14*time.Hour), w.zone),
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
	a, _, err := controllerByEUID(c)
	if err != nil {
		return nil, err
	}
	w := newEnv(c)
	reg, _, ok := heatRegister(w, a)
	if !ok {
		return nil, c.Error("KT-CT-4370")
	}
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
	a, _, err := controllerByEUID(c)
	if err != nil {
		return nil, err
	}
	w := newEnv(c)
	reg, from, ok := heatRegister(w, a)
	if !ok {
		return nil, c.Error("KT-CT-4370")
	}
	at := telemetryAt(w)
	u := reg.HeatPump(from, at)
	return obj{
		"readAt": dateTime(at, w.zone), "seasonalCoefficientOfPerformance": copOf(u),
		"energyInput": value(u.In, "KILOWATT_HOUR", 3), "heatOutput": value(u.Out, "KILOWATT_HOUR", 3),
	}, nil
}

// heatPumpRange is the span a performance query asks of, within the heat pump's
// commissioning and now; KT-CT-4381 for one that ends before it was commissioned or
// does not end after it starts.
func heatPumpRange(c *sim.Call, w *env, from time.Time) (start, end time.Time, err error) {
	s, ok1 := parseTime(c.Field.Args["startAt"], w.zone)
	e, ok2 := parseTime(c.Field.Args["endAt"], w.zone)
	if !ok1 || !ok2 || !e.After(s) || !e.After(from) {
		return s, e, c.Error("KT-CT-4381")
	}
	return maxTime(s, from), minTime(e, w.now), nil
}

// heatPumpTimeRangedPerformance answers octoHeatPumpTimeRangedPerformance: what the heat
// pump drew and gave between two times.
func heatPumpTimeRangedPerformance(_ context.Context, c *sim.Call) (any, error) {
	a, _, err := controllerByEUID(c)
	if err != nil {
		return nil, err
	}
	w := newEnv(c)
	reg, from, ok := heatRegister(w, a)
	if !ok {
		return nil, c.Error("KT-CT-4370")
	}
	start, end, err := heatPumpRange(c, w, from)
	if err != nil {
		return nil, err
	}
	u := world.HeatUse{}
	if end.After(start) {
		u = reg.HeatPump(start, end)
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
// temperature outdoors, from its commissioning to now.
func heatPumpTimeSeriesPerformance(_ context.Context, c *sim.Call) (any, error) {
	a, _, err := controllerByEUID(c)
	if err != nil {
		return nil, err
	}
	w := newEnv(c)
	reg, from, ok := heatRegister(w, a)
	if !ok {
		return nil, c.Error("KT-CT-4370")
	}
	start, end, err := heatPumpRange(c, w, from)
	if err != nil {
		return nil, err
	}
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
	out := []any{}
	for b := first; b.Before(end); b = step(b) {
		if len(out) == maxPerformanceBuckets {
			return nil, c.Error("KT-CT-4381")
		}
		next := step(b)
		u := reg.HeatPump(maxTime(b, start), minTime(next, end))
		out = append(out, obj{
			"startAt": dateTime(b, w.zone), "endAt": dateTime(next, w.zone),
			"energyInput": value(u.In, "KILOWATT_HOUR", 3), "energyOutput": value(u.Out, "KILOWATT_HOUR", 3),
			"outdoorTemperature": value(u.Outdoor, "DEGREES_CELSIUS", 1),
		})
	}
	return out, nil
}

// The Cosy's zones as the heat pump's half hours run them: its heating is set to 21 °C
// from 05:00, 22 °C from 13:00 (storing heat in the afternoon's Cosy window), 20 °C from
// 16:00 (coasting through the peak), 21 °C from 19:00 and 17 °C from 23:00; its water
// is heated from 04:00 to 05:00 and 13:00 to 14:30 (what the meter's half hours draw for
// it); its second zone and its auxiliary output are off.
const (
	comfortC, setbackC, offC = 21.0, 17.0, 7.0
	cylinderC                = 50.0
)

// heatingSchedule is the heating zone's schedule: from each time of day, its setpoint.
var heatingSchedule = []struct {
	hour     int
	setpoint float64
}{{5, comfortC}, {13, comfortC + 1}, {16, comfortC - 1}, {19, comfortC}, {23, setbackC}}

// heatingSetpoint is the heating zone's setpoint at local time t.
func heatingSetpoint(t time.Time) float64 {
	sp := setbackC
	for _, s := range heatingSchedule {
		if t.Hour() >= s.hour {
			sp = s.setpoint
		}
	}
	return sp
}

// heatingWater reports whether the heat pump heats the water at local time t.
func heatingWater(t time.Time) bool {
	h, m := t.Hour(), t.Minute()
	return h == 4 || h == 13 || h == 14 && m < 30
}

// cylinderTemp is the temperature of the hot water cylinder at local time t: heated to
// 50 °C in its slots, cooling by a degree and a quarter an hour as it is used.
func cylinderTemp(t time.Time) float64 {
	mins := float64(t.Hour()*60 + t.Minute())
	var since float64 // minutes since the water was last heated
	switch {
	case heatingWater(t):
		start := 4 * 60.0
		if t.Hour() >= 13 {
			start = 13 * 60
		}
		return 42 + (cylinderC-42)*min((mins-start)/60, 1)
	case mins >= 14*60+30:
		since = mins - (14*60 + 30)
	case mins >= 5*60:
		since = mins - 5*60
	default:
		since = mins + 24*60 - (14*60 + 30)
	}
	return max(cylinderC-1.25*since/60, 35)
}

// podNames are the Cosy Pods of the heating zone.
var podNames = []string{"Hallway", "Living room", "Bedroom"}

// setting is a zone schedule's setting.
func setting(at, action string, setpoint any) obj {
	return obj{"startTime": at, "action": action, "setpointInCelsius": setpoint}
}

// posixZone is the controller's timezone as it reports it: a POSIX TZ string for
// Britain's clocks, else the zone's name.
func posixZone(zone *time.Location) string {
	if zone.String() == "Europe/London" {
		return "GMT0BST,M3.5.0/1,M10.5.0"
	}
	return zone.String()
}

// controllerHex is n bytes of the controller's hash, colon-separated.
func controllerHex(h uint64, n int) string {
	parts := make([]string, n)
	for i := range parts {
		parts[i] = fmt.Sprintf("%02x", byte(h>>(8*i)))
	}
	return strings.Join(parts, ":")
}

// heatPumpControllerConfiguration answers octoHeatPumpControllerConfiguration (and its
// older twin) for the account's controller; KT-CT-4305 for an EUID it has none of.
func heatPumpControllerConfiguration(_ context.Context, c *sim.Call) (any, error) {
	a, d, err := controllerOf(c, "KT-CT-4305")
	if err != nil {
		return nil, err
	}
	w := newEnv(c)
	now := w.now.In(w.zone)
	h := fake.HashStrings("controller", d.ID)
	water, heat := heatingWater(now), heatingSetpoint(now)
	action := "OFF"
	if water {
		action = "ON"
	}
	warm, _ := heatDemandNow(w, a)
	epoch := dateTime(time.Unix(0, 0), time.UTC)
	every := "MON,TUE,WED,THU,FRI,SAT,SUN"
	adc := []any{}
	for i := 1; i <= 4; i++ {
		code := fmt.Sprintf("ADC%d", i)
		adc = append(adc, obj{"__typename": "ADCSensorConfiguration", "code": code, "displayName": code, "type": "NTC", "enabled": true})
	}
	pods := []any{}
	for i, name := range podNames {
		pods = append(pods, obj{
			"__typename": "ZigbeeSensorConfiguration", "code": fmt.Sprintf("SENSOR%02d", i+1), "displayName": name, "type": "ZIGBEE",
			"id": controllerHex(fake.Mix64(h^uint64(i+1)), 8), "firmwareVersion": "0D", "boostEnabled": true,
		})
	}
	zone := func(code, typ, name, primary string, enabled bool, op, prev obj, call bool, sensors []any, schedules []any) obj {
		return obj{"configuration": obj{
			"code": code, "zoneType": typ, "enabled": enabled, "displayName": name, "primarySensor": orNil(primary),
			"currentOperation": op, "previousOperation": prev, "callForHeat": call, "heatDemand": call, "emergency": false,
			"sensors": sensors,
		}, "schedules": schedules}
	}
	off := obj{"mode": "OFF", "setpointInCelsius": offC, "action": nil, "end": epoch}
	return obj{
		"controller": obj{
			"state": []any{"NORMAL_MODE"}, "heatPumpTimezone": posixZone(w.zone), "connected": true, "accessPointPassword": nil,
			"lastReset": nil, "firmwareConfiguration": obj{"esp32": "v4.9.2", "efr32": "v2.3.0", "eui": d.ID},
		},
		"heatPump": obj{
			"serialNumber": controllerHex(fake.Mix64(h), 6), "model": d.Model, "hardwareVersion": "v5.1.0", "faultCodes": []any{},
			"maxWaterSetpoint": 60.0, "minWaterSetpoint": 40.0, "manifoldEnabled": false, "hasHeatPumpCompatibleCylinder": true,
			"heatingFlowTemperature": obj{"currentTemperature": value(50, "DEGREES_CELSIUS", 0), "allowableRange": tempRange(30, 70)},
			"weatherCompensation":    obj{"enabled": true, "allowableRange": tempRange(30, 70), "currentRange": tempRange(37, 55)},
		},
		"zones": []any{
			zone("WATER", "WATER", "WATER", "ADC1", true, obj{"mode": "AUTO", "setpointInCelsius": nil, "action": action, "end": epoch},
				obj{"mode": "AUTO", "setpointInCelsius": nil, "action": nil}, water, adc,
				[]any{obj{"days": every, "settings": []any{setting("04:00:00", "ON", nil), setting("05:00:00", "OFF", nil), setting("13:00:00", "ON", nil), setting("14:30:00", "OFF", nil)}}}),
			zone("ZONE_1", "HEAT", "ZONE1", "SENSOR01", true, obj{"mode": "AUTO", "setpointInCelsius": heat, "action": nil, "end": epoch},
				obj{"mode": "AUTO", "setpointInCelsius": heat, "action": nil}, warm, pods,
				[]any{obj{"days": every, "settings": heatingSettings()}}),
			zone("ZONE_2", "HEAT", "ZONE2", "", false, off, obj{"mode": "OFF", "setpointInCelsius": offC, "action": nil}, false, []any{}, []any{}),
			zone("AUXILIARY", "AUX", "AUX", "", false, off, obj{"mode": "OFF", "setpointInCelsius": offC, "action": nil}, false, []any{}, []any{}),
		},
	}, nil
}

// tempRange is a TemperatureRange in whole degrees.
func tempRange(lo, hi float64) obj {
	return obj{"minimum": value(lo, "DEGREES_CELSIUS", 0), "maximum": value(hi, "DEGREES_CELSIUS", 0)}
}

// heatDemandNow reports whether the account's heat pump heats its home in the current
// half hour (it is colder outdoors than world.HeatBase), and the temperature outdoors.
func heatDemandNow(w *env, a *sim.Account) (bool, float64) {
	reg, _, ok := heatRegister(w, a)
	if !ok {
		return false, 0
	}
	out := reg.HeatPumpNow(w.now).Outdoor
	return out < world.HeatBase, out
}

// heatPumpControllerStatus answers octoHeatPumpControllerStatus (and its older twin):
// the controller's sensors and zones now: the cylinder's sensor, three sensors not
// wired (which read -273.1 °C, as Kraken reports them), the Cosy Pods at about their
// zone's setpoint, and each zone's setpoint, mode and demand; KT-CT-4303 for an EUID the
// account has no controller of.
func heatPumpControllerStatus(_ context.Context, c *sim.Call) (any, error) {
	a, d, err := controllerOf(c, "KT-CT-4303")
	if err != nil {
		return nil, err
	}
	w := newEnv(c)
	now := w.now.In(w.zone)
	h := fake.HashStrings("controller", d.ID)
	tick := uint64(now.Unix() / 300)
	seen := func(i int) any { // when a sensor last reported: within the last two minutes
		return dateTime(now.Add(-time.Duration(fake.Mix64(h^tick^uint64(i))%120)*time.Second), w.zone)
	}
	sensor := func(i int, code string, temp float64, humidity any) obj {
		return obj{
			"code":         code,
			"connectivity": obj{"online": true, "retrievedAt": seen(100 + i)},
			"telemetry":    obj{"temperatureInCelsius": temp, "humidityPercentage": humidity, "rssi": nil, "voltage": nil, "retrievedAt": seen(i)},
		}
	}
	sensors := []any{sensor(1, "ADC1", math.Round(cylinderTemp(now)*10)/10, nil)}
	for i := 2; i <= 4; i++ {
		sensors = append(sensors, sensor(i, fmt.Sprintf("ADC%d", i), -273.1, nil))
	}
	// The Cosy Pods read just under their zone's setpoint while it calls for heat, and at
	// or over it while it is warm enough outdoors that it does not.
	setpoint := heatingSetpoint(now)
	warm, outdoor := heatDemandNow(w, a)
	for i := range podNames {
		r := fake.Mix64(h ^ uint64(i+1)*0x9e3779b97f4a7c15)
		room := setpoint - 0.1 - float64(r%4)/10 - float64(fake.Mix64(r^tick)%3)/10
		if !warm {
			room = max(setpoint, outdoor+3) + float64(r%4)/10
		}
		sensors = append(sensors, sensor(10+i, fmt.Sprintf("SENSOR%02d", i+1), math.Round(room*10)/10, 45+int(r>>8%16)))
	}
	water := heatingWater(now)
	zone := func(code string, setpoint float64, mode string, on bool) obj {
		return obj{"zone": code, "telemetry": obj{"setpointInCelsius": setpoint, "mode": mode, "relaySwitchedOn": on, "heatDemand": on, "retrievedAt": seen(200)}}
	}
	return obj{
		"sensors": sensors,
		"zones": []any{
			zone("WATER", -300, "AUTO", water), zone("ZONE_1", setpoint, "AUTO", warm),
			zone("ZONE_2", offC, "OFF", false), zone("AUXILIARY", offC, "OFF", false),
		},
	}, nil
}

// krakenflexHeatPump answers heatPumpStatus and heatPumpDevice, which read a heat pump
// KrakenFlex controls: not found (KT-CT-4301) for an account without one, as for one
// whose heat pump Octopus's own controller runs.
func krakenflexHeatPump(_ context.Context, c *sim.Call) (any, error) {
	_, a, err := readable(c, c.StringArg("accountNumber"), "", "")
	if err != nil {
		return nil, err
	}
	if heatPumpOf(a) == nil || octopusController(a) != nil {
		return nil, c.Error("KT-CT-4301")
	}
	return obj{}, nil
}

// heatingSettings are the heating zone's schedule as its settings.
func heatingSettings() []any {
	out := make([]any, len(heatingSchedule))
	for i, s := range heatingSchedule {
		out[i] = setting(fmt.Sprintf("%02d:00:00", s.hour), "ON", s.setpoint)
	}
	return out
}
