package accounts

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/fake"
	"github.com/krakensim/krakensim/sim/world"
)

// An Octopus heat pump's controller as its app sets it: its zones follow their schedules
// (AUTO; as fitted until set) until a mode is set on them (ON or OFF until set back,
// BOOST until its end),
// its hot water is heated to its setpoint, its flow temperature follows the weather
// within a range (or stays fixed), and its sensors carry the names given them. What is
// set is the session's state (sim.HeatPumpController), which the configuration and
// status read back. A zone set off draws nothing in the meter's half hours from when it
// was set until it is set back, and keeps that span after (sim.ZoneOff); a boost, a
// setpoint, a schedule set or a flow temperature leaves the half hours the fitted
// schedule's, as a car's boost leaves them.

// The Cosy's zones as the heat pump's half hours run them: its heating is set to 21 °C
// from 05:00, 22 °C from 13:00 (storing heat in the afternoon's Cosy window), 20 °C from
// 16:00 (coasting through the peak), 21 °C from 19:00 and 17 °C from 23:00; its water
// is heated from 04:00 to 05:00 and 13:00 to 14:30 (what the meter's half hours draw for
// it) to 50 °C; its second zone and its auxiliary output are off, holding 7 °C.
const (
	comfortC, setbackC, offC = 21.0, 17.0, 7.0
	cylinderC                = 50.0
)

// The ranges a controller accepts: a heating zone's setpoint, its hot water's, its
// flow temperature's; and the longest boost.
const (
	minZoneC, maxZoneC   = 7.0, 30.0
	minWaterC, maxWaterC = 40.0, 60.0
	minFlowC, maxFlowC   = 30.0, 70.0
	maxBoost             = 24 * time.Hour
)

// fittedSchedules are a zone's schedules as the Cosy is fitted: every day (the mask runs
// from Sunday to Saturday) the heating at 21 °C from 05:00, 22 °C from 13:00 (storing
// heat in the afternoon's Cosy window), 20 °C from 16:00 (coasting through the peak),
// 21 °C from 19:00 and 17 °C from 23:00; the water from 04:00 to 05:00 and 13:00 to
// 14:30, as the meter's half hours draw for them.
var fittedSchedules = map[string][]sim.Schedule{
	"ZONE_1": {{Days: "1111111", Settings: []sim.ScheduleSetting{
		{Time: "05:00", Action: "ON", Setpoint: comfortC}, {Time: "13:00", Action: "ON", Setpoint: comfortC + 1},
		{Time: "16:00", Action: "ON", Setpoint: comfortC - 1}, {Time: "19:00", Action: "ON", Setpoint: comfortC},
		{Time: "23:00", Action: "ON", Setpoint: setbackC}}}},
	"WATER": {{Days: "1111111", Settings: []sim.ScheduleSetting{
		{Time: "04:00", Action: "ON"}, {Time: "05:00", Action: "OFF"}, {Time: "13:00", Action: "ON"}, {Time: "14:30", Action: "OFF"}}}},
}

// schedulesOf are a zone's schedules on controller d: as set, else as fitted.
func schedulesOf(d *sim.Device, zone string) []sim.Schedule {
	if d.Controller != nil {
		for _, z := range d.Controller.Schedules {
			if z.Zone == zone {
				return z.Schedules
			}
		}
	}
	return fittedSchedules[zone]
}

// scheduled is what a zone's schedules have it do at local time t: the latest setting
// at or before t on a day they hold (looking back up to a week), on or off, at its
// setpoint (0: the zone's own); on at 0 for schedules that hold no day.
func scheduled(schedules []sim.Schedule, t time.Time) (on bool, setpoint float64) {
	on, setpoint, _ = scheduledSince(schedules, t)
	return on, setpoint
}

// scheduledSince is scheduled's setting at t and how long it has held.
func scheduledSince(schedules []sim.Schedule, t time.Time) (on bool, setpoint float64, since time.Duration) {
	day := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, t.Location())
	clock := t.Sub(day)
	for back := range 8 {
		d := day.AddDate(0, 0, -back)
		var best *sim.ScheduleSetting
		var bestAt time.Duration = -1
		for i := range schedules {
			sc := &schedules[i]
			if len(sc.Days) != 7 || sc.Days[int(d.Weekday())] != '1' {
				continue
			}
			for j := range sc.Settings {
				at, ok := sim.ClockOf(sc.Settings[j].Time)
				if ok && (back > 0 || at <= clock) && at > bestAt {
					best, bestAt = &sc.Settings[j], at
				}
			}
		}
		if best != nil {
			return best.Action == "ON", best.Setpoint, clock + time.Duration(back)*24*time.Hour - bestAt
		}
	}
	return true, 0, 0
}

// heatingSetpoint is the heating zone's scheduled setpoint on d at local time t (offC
// while its schedule has it off).
func heatingSetpoint(d *sim.Device, t time.Time) float64 {
	on, sp := scheduled(schedulesOf(d, "ZONE_1"), t)
	switch {
	case !on:
		return offC
	case sp == 0:
		return comfortC
	}
	return sp
}

// scheduleSettings are a zone's schedules as the configuration answers them.
func scheduleSettings(schedules []sim.Schedule) []any {
	out := make([]any, len(schedules))
	for i, sc := range schedules {
		settings := make([]any, len(sc.Settings))
		for j, st := range sc.Settings {
			var sp any
			if st.Setpoint > 0 {
				sp = st.Setpoint
			}
			clock, _ := sim.ClockOf(st.Time)
			settings[j] = setting(fmt.Sprintf("%02d:%02d:00", int(clock.Hours()), int(clock.Minutes())%60), st.Action, sp)
		}
		out[i] = obj{"days": sc.Days, "settings": settings}
	}
	return out
}

// cylinderTemp is the temperature of the hot water cylinder at local time t, heated to
// setpoint in the water's fitted slots (which the meter's half hours draw for), reached
// within an hour of a slot's start, and cooling by a degree and a quarter an hour as
// it is used after a slot ends.
func cylinderTemp(t time.Time, setpoint float64) float64 {
	on, _, since := scheduledSince(fittedSchedules["WATER"], t)
	if on {
		return setpoint - 8 + 8*min(since.Hours(), 1)
	}
	return max(setpoint-1.25*since.Hours(), 35)
}

// podNames are the Cosy Pods of the heating zone, as fitted.
var podNames = []string{"Hallway", "Living room", "Bedroom"}

// sensorCodes are the controller's sensors: the cylinder's and three unwired probes,
// then the Cosy Pods.
var sensorCodes = []string{"ADC1", "ADC2", "ADC3", "ADC4", "SENSOR01", "SENSOR02", "SENSOR03"}

// zoneState is a zone now: its mode, its setpoint (nil for none), a boost's end, what
// its schedule would have it at, and whether it calls for heat.
type zoneState struct {
	code, mode     string
	setpoint       any
	end            time.Time
	scheduled      any
	demand, active bool
}

// controllerNow is what the controller's zones are doing now, its hot water's setpoint,
// and the temperature outdoors.
type controllerNow struct {
	zones   []zoneState
	water   float64
	outdoor float64
}

// zonesNow works out the account's controller d's zones at w's now: each AUTO on its
// schedule unless a mode set on it holds (a boost until its end).
func zonesNow(w *env, a *sim.Account, d *sim.Device) controllerNow {
	now := w.now.In(w.zone)
	warm, outdoor := heatDemandNow(w, a)
	cn := controllerNow{water: cylinderC, outdoor: outdoor}
	hc := d.Controller
	if hc != nil && hc.WaterSetpoint > 0 {
		cn.water = hc.WaterSetpoint
	}
	set := func(code string) *sim.ZoneMode {
		if hc == nil {
			return nil
		}
		for i := range hc.Zones {
			z := &hc.Zones[i]
			if z.Zone == code && (z.Mode != "BOOST" || z.EndAt.After(w.now)) {
				return z
			}
		}
		return nil
	}
	heat := heatingSetpoint(d, now)
	water, _ := scheduled(schedulesOf(d, "WATER"), now)
	for _, z := range []zoneState{
		{code: "WATER", mode: "AUTO", setpoint: nil, scheduled: nil, demand: water, active: true},
		{code: "ZONE_1", mode: "AUTO", setpoint: heat, scheduled: heat, demand: warm && heat > offC, active: true},
		{code: "ZONE_2", mode: "OFF", setpoint: offC, scheduled: offC},
		{code: "AUXILIARY", mode: "OFF", setpoint: offC, scheduled: offC},
	} {
		if m := set(z.code); m != nil && z.active {
			z.mode, z.end = m.Mode, m.EndAt
			switch m.Mode {
			case "OFF":
				z.demand = false
				if z.code != "WATER" {
					z.setpoint = offC
				}
			default: // ON, BOOST
				z.demand = true
				if m.Setpoint > 0 {
					z.setpoint = m.Setpoint
				}
			}
		}
		cn.zones = append(cn.zones, z)
	}
	return cn
}

// zone is the state of one of the controller's zones.
func (cn controllerNow) zone(code string) zoneState {
	for _, z := range cn.zones {
		if z.code == code {
			return z
		}
	}
	return zoneState{}
}

// sensorName is the name a sensor carries: the one given it, else its own.
func sensorName(d *sim.Device, code, own string) string {
	if d.Controller != nil {
		for _, n := range d.Controller.SensorNames {
			if n.Code == code {
				return n.Name
			}
		}
	}
	return own
}

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

// controllerHex is n bytes of a hash, colon-separated.
func controllerHex(h uint64, n int) string {
	parts := make([]string, n)
	for i := range parts {
		parts[i] = fmt.Sprintf("%02x", byte(h>>(8*i)))
	}
	return strings.Join(parts, ":")
}

// tempRange is a TemperatureRange in whole degrees.
func tempRange(lo, hi float64) obj {
	return obj{"minimum": value(lo, "DEGREES_CELSIUS", 0), "maximum": value(hi, "DEGREES_CELSIUS", 0)}
}

// heatDemandNow reports whether the account's heat pump heats its home in the current
// half hour on its schedule (it is colder outdoors than world.HeatBase), and the
// temperature outdoors.
func heatDemandNow(w *env, a *sim.Account) (bool, float64) {
	reg, _, ok := heatRegister(w, a)
	if !ok {
		return false, 0
	}
	out := reg.HeatPumpNow(w.now).Outdoor
	return out < world.HeatBase, out
}

// heatPumpControllerConfiguration answers octoHeatPumpControllerConfiguration (and its
// older twin) for the account's controller, as a captured Cosy 6 answers it; KT-CT-4305
// for an EUID it has no controller of.
func heatPumpControllerConfiguration(_ context.Context, c *sim.Call) (any, error) {
	a, d, err := controllerOf(c, "KT-CT-4305")
	if err != nil {
		return nil, err
	}
	w := newEnv(c)
	cn := zonesNow(w, a, d)
	h := fake.HashStrings("controller", d.ID)
	epoch := dateTime(time.Unix(0, 0), time.UTC)
	adc, pods := []any{}, []any{}
	for i, code := range sensorCodes {
		if i < 4 {
			adc = append(adc, obj{"__typename": "ADCSensorConfiguration", "code": code, "displayName": sensorName(d, code, code), "type": "NTC", "enabled": true})
			continue
		}
		pods = append(pods, obj{
			"__typename": "ZigbeeSensorConfiguration", "code": code, "displayName": sensorName(d, code, podNames[i-4]), "type": "ZIGBEE",
			"id": controllerHex(fake.Mix64(h^uint64(i-3)), 8), "firmwareVersion": "0D", "boostEnabled": true,
		})
	}
	zone := func(z zoneState, typ, name, primary string, sensors, schedules []any) obj {
		end := epoch
		if z.mode == "BOOST" {
			end = dateTime(z.end, w.zone)
		}
		action := any(nil)
		if z.code == "WATER" {
			action = map[bool]string{true: "ON", false: "OFF"}[z.demand]
		}
		return obj{"configuration": obj{
			"code": z.code, "zoneType": typ, "enabled": z.active, "displayName": name, "primarySensor": orNil(primary),
			"currentOperation":  obj{"mode": z.mode, "setpointInCelsius": z.setpoint, "action": action, "end": end},
			"previousOperation": obj{"mode": map[bool]string{true: "AUTO", false: "OFF"}[z.active], "setpointInCelsius": z.scheduled, "action": nil},
			"callForHeat":       z.demand, "heatDemand": z.demand, "emergency": !z.active, "sensors": sensors,
		}, "schedules": schedules}
	}
	flow, lo, hi, fixed := 50.0, 37.0, 55.0, false
	if hc := d.Controller; hc != nil {
		if hc.FlowMin > 0 && hc.FlowMax > 0 {
			lo, hi = hc.FlowMin, hc.FlowMax
		}
		fixed = hc.FixedFlow
		if hc.FlowTemperature > 0 {
			flow = hc.FlowTemperature
		}
	}
	return obj{
		"controller": obj{
			"state": []any{"NORMAL_MODE"}, "heatPumpTimezone": posixZone(w.zone), "connected": true, "accessPointPassword": nil,
			"lastReset": nil, "firmwareConfiguration": obj{"esp32": "v4.9.2", "efr32": "v2.3.0", "eui": d.ID},
		},
		"heatPump": obj{
			"serialNumber": controllerHex(fake.Mix64(h), 6), "model": d.Model, "hardwareVersion": "v5.1.0", "faultCodes": []any{},
			"maxWaterSetpoint": maxWaterC, "minWaterSetpoint": minWaterC, "manifoldEnabled": false, "hasHeatPumpCompatibleCylinder": true,
			"heatingFlowTemperature": obj{"currentTemperature": value(flow, "DEGREES_CELSIUS", 0), "allowableRange": tempRange(minFlowC, maxFlowC)},
			"weatherCompensation":    obj{"enabled": !fixed, "allowableRange": tempRange(minFlowC, maxFlowC), "currentRange": tempRange(lo, hi)},
		},
		"zones": []any{
			zone(cn.zone("WATER"), "WATER", "WATER", "ADC1", adc, scheduleSettings(schedulesOf(d, "WATER"))),
			zone(cn.zone("ZONE_1"), "HEAT", "ZONE1", "SENSOR01", pods, scheduleSettings(schedulesOf(d, "ZONE_1"))),
			zone(cn.zone("ZONE_2"), "HEAT", "ZONE2", "", []any{}, []any{}),
			zone(cn.zone("AUXILIARY"), "HEAT", "AUX", "", []any{}, []any{}),
		},
	}, nil
}

// heatPumpControllerStatus answers octoHeatPumpControllerStatus (and its older twin):
// the controller's sensors and zones now: the cylinder's sensor, three sensors not
// wired (which read -273.1 °C, as Kraken reports them), the Cosy Pods just under their
// zone's setpoint while it calls for heat and at or over it while it does not, and each
// zone's setpoint, mode and demand (the water zone's setpoint -300, as Kraken reports
// it); KT-CT-4303 for an EUID the account has no controller of.
func heatPumpControllerStatus(_ context.Context, c *sim.Call) (any, error) {
	a, d, err := controllerOf(c, "KT-CT-4303")
	if err != nil {
		return nil, err
	}
	w := newEnv(c)
	now := w.now.In(w.zone)
	cn := zonesNow(w, a, d)
	h := fake.HashStrings("controller", d.ID)
	tick := uint64(now.Unix() / 300)
	at := func(i int) time.Time { // when a sensor last reported: within the last two minutes
		return now.Add(-time.Duration(fake.Mix64(h^tick^uint64(i))%120) * time.Second)
	}
	seen := func(i int) any { return dateTime(at(i), w.zone) }
	sensor := func(i int, temp float64, humidity any) obj {
		return obj{
			"code":         sensorCodes[i],
			"connectivity": obj{"online": true, "retrievedAt": seen(100 + i)},
			"telemetry":    obj{"temperatureInCelsius": temp, "humidityPercentage": humidity, "rssi": nil, "voltage": nil, "retrievedAt": seen(i)},
		}
	}
	sensors := []any{sensor(0, math.Round(cylinderTemp(now, cn.water)*10)/10, nil)}
	for i := 1; i < 4; i++ {
		sensors = append(sensors, sensor(i, -273.1, nil))
	}
	heat := cn.zone("ZONE_1")
	sp := heat.setpoint.(float64)
	for i := 4; i < len(sensorCodes); i++ {
		r := fake.Mix64(h ^ uint64(i-3)*0x9e3779b97f4a7c15)
		room := math.Min(sp, heatingSetpoint(d, now)) - 0.1 - float64(r%4)/10 - float64(fake.Mix64(r^tick)%3)/10
		if !heat.demand {
			room = math.Max(math.Max(sp, heatingSetpoint(d, now)-1.5), cn.outdoor+3) + float64(r%4)/10
		}
		sensors = append(sensors, sensor(i, math.Round(room*10)/10, 45+int(r>>8%16)))
	}
	// The zones were read since the controller's last command, which they show.
	zonesAt := at(200)
	if hc := d.Controller; hc != nil && hc.CommandedAt.After(zonesAt) && !hc.CommandedAt.After(now) {
		zonesAt = hc.CommandedAt
	}
	zones := []any{}
	for _, z := range cn.zones {
		setpoint := z.setpoint
		if z.code == "WATER" {
			setpoint = -300.0
		}
		zones = append(zones, obj{"zone": z.code, "telemetry": obj{"setpointInCelsius": setpoint, "mode": z.mode, "relaySwitchedOn": z.demand, "heatDemand": z.demand, "retrievedAt": dateTime(zonesAt, w.zone)}})
	}
	return obj{"sensors": sensors, "zones": zones}, nil
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

// mutableController is the controller of the EUID the call names on the account it
// names, as the session may change it (made when first set), or the code's failure;
// an account named by no argument is the one whose controller has the EUID.
func mutableController(c *sim.Call, code string) (*sim.HeatPumpController, *sim.Device, error) {
	var a *sim.Account
	var err error
	if c.StringArg("accountNumber") != "" {
		a, _, err = controllerOf(c, code)
	} else {
		a, _, err = controllerByEUID(c)
	}
	if err != nil {
		return nil, nil, err
	}
	ma, err := c.MutableAccount(a.Number, "")
	if err != nil {
		return nil, nil, err
	}
	d := octopusController(ma)
	if d.Controller == nil {
		d.Controller = &sim.HeatPumpController{}
	}
	d.Controller.CommandedAt = newEnv(c).now
	return d.Controller, d, nil
}

// transaction is a payload's transactionId: the id of what was asked of the controller
// (of the session, what was asked and when, and which of its parts: salt).
func transaction(c *sim.Call, salt string) obj {
	now := newEnv(c).now
	h := fake.Mix64(fake.HashStrings("heat pump transaction", c.Session.ID, c.Field.Name, fmt.Sprint(c.Field.Args), now.Format(time.RFC3339Nano), salt))
	return obj{"transactionId": fmt.Sprintf("%08x-%04x-4%03x-8%03x-%012x", uint32(h), uint16(h>>32), h>>48&0xfff, fake.Mix64(h)&0xfff, fake.Mix64(h^1)&0xffffffffffff), "possibleErrors": []any{}}
}

// setZoneMode answers octoHeatPumpSetZoneMode (and its older twin): a zone of the
// controller set ON or OFF until set back, to BOOST until endAt (within a day), or back
// to AUTO, its schedule; a heating zone's setpoint 7–30 °C, the water's 40–60 °C.
// KT-CT-4306 for an EUID the account has no controller of, KT-CT-4333 for parameters the
// zone does not take.
func setZoneMode(_ context.Context, c *sim.Call) (any, error) {
	params, _ := c.Arg("operationParameters").(map[string]any)
	zone, mode := str(params, "zone"), str(params, "mode")
	invalid := func(msg, field string) error {
		return c.ValidationError("KT-CT-4333", msg, "operationParameters", field)
	}
	if zone == "ZONE_2" || zone == "AUXILIARY" {
		return nil, invalid(zone+" is not enabled on this controller.", "zone")
	}
	lo, hi := minZoneC, maxZoneC
	if zone == "WATER" {
		lo, hi = minWaterC, maxWaterC
	}
	var setpoint float64
	if v, ok := params["setpointInCelsius"]; ok && v != nil {
		f, err := strconv.ParseFloat(fmt.Sprint(v), 64)
		if err != nil || f < lo || f > hi {
			return nil, invalid(fmt.Sprintf("The setpoint must be from %g to %g °C.", lo, hi), "setpointInCelsius")
		}
		setpoint = f
	}
	w := newEnv(c)
	var end time.Time
	if mode == "BOOST" {
		t, ok := parseTime(params["endAt"], w.zone)
		if !ok || !t.After(w.now) || t.Sub(w.now) > maxBoost {
			return nil, invalid("A boost must end after now and within a day.", "endAt")
		}
		end = t
	}
	hc, d, err := mutableController(c, "KT-CT-4306")
	if err != nil {
		return nil, err
	}
	zones := hc.Zones[:0]
	for _, z := range hc.Zones {
		switch {
		case z.Zone != zone:
			zones = append(zones, z)
		case z.Mode == "OFF" && mode == "OFF":
			return transaction(c, ""), nil // still off since it was set so
		case z.Mode == "OFF":
			// The span it was off ends now; the meter's half hours keep it.
			from := z.Since
			if from.IsZero() {
				from, _ = dayStart(d.InstalledAt, w.zone)
			}
			hc.WasOff = append(hc.WasOff, sim.ZoneOff{Zone: zone, From: from, To: w.now})
			if n := len(hc.WasOff); n > sim.MaxZoneOffs {
				hc.WasOff = hc.WasOff[n-sim.MaxZoneOffs:]
			}
		}
	}
	if mode != "AUTO" {
		zones = append(zones, sim.ZoneMode{Zone: zone, Mode: mode, Since: w.now, Setpoint: setpoint, EndAt: end})
	}
	hc.Zones = zones
	return transaction(c, ""), nil
}

// updateWaterSetpoint answers octoHeatPumpUpdateWaterSetpoint (and its older twin): the
// hot water heated to 40–60 °C from now on; KT-CT-4321 for another setpoint or an EUID
// the account has no controller of.
func updateWaterSetpoint(_ context.Context, c *sim.Call) (any, error) {
	sp, err := strconv.ParseFloat(fmt.Sprint(c.Arg("setpoint")), 64)
	if err != nil || sp < minWaterC || sp > maxWaterC {
		return nil, c.ValidationError("KT-CT-4321", fmt.Sprintf("The hot water's setpoint must be from %g to %g °C.", minWaterC, maxWaterC), "setpoint")
	}
	hc, _, err := mutableController(c, "KT-CT-4321")
	if err != nil {
		return nil, err
	}
	hc.WaterSetpoint = sp
	return transaction(c, ""), nil
}

// updateFlowTemperature answers octoHeatPumpUpdateFlowTemperatureConfiguration: weather
// compensation on within a range, or off at a fixed flow temperature, each 30–70 °C (the
// fixed one kept, or set when given, while compensation is on); KT-CT-4321 for values
// outside it or missing.
func updateFlowTemperature(_ context.Context, c *sim.Call) (any, error) {
	in, _ := c.Arg("flowTemperatureInput").(map[string]any)
	temp := func(m any, path ...string) (float64, bool) {
		for _, p := range path {
			mm, _ := m.(map[string]any)
			m = mm[p]
		}
		f, err := strconv.ParseFloat(fmt.Sprint(m), 64)
		return f, err == nil && f >= minFlowC && f <= maxFlowC
	}
	invalid := func(field string) error {
		return c.ValidationError("KT-CT-4321", fmt.Sprintf("Give flow temperatures from %g to %g °C, the minimum below the maximum.", minFlowC, maxFlowC), "flowTemperatureInput", field)
	}
	compensate, _ := in["useWeatherCompensation"].(bool)
	var lo, hi, flow float64
	if compensate {
		var ok1, ok2 bool
		lo, ok1 = temp(in, "weatherCompensationValues", "minimum", "value")
		hi, ok2 = temp(in, "weatherCompensationValues", "maximum", "value")
		if !ok1 || !ok2 || lo >= hi {
			return nil, invalid("weatherCompensationValues")
		}
	}
	// The fixed flow temperature is kept while weather compensation is on, for when it
	// is turned off (Home Assistant sends both each time).
	if given := in["flowTemperature"] != nil; given || !compensate {
		var ok bool
		if flow, ok = temp(in, "flowTemperature", "value"); !ok {
			return nil, invalid("flowTemperature")
		}
	}
	hc, _, err := mutableController(c, "KT-CT-4321")
	if err != nil {
		return nil, err
	}
	hc.FixedFlow = !compensate
	if compensate {
		hc.FlowMin, hc.FlowMax = lo, hi
	}
	if flow > 0 {
		hc.FlowTemperature = flow
	}
	return transaction(c, ""), nil
}

// renameSensors answers octoHeatPumpUpdateSensorDisplayName and its bulk form (and their
// older twins): each sensor of the controller named anew (1–50 characters); KT-CT-4321
// for a sensor it does not have or a name outside that.
func renameSensors(_ context.Context, c *sim.Call) (any, error) {
	type rename struct{ code, name string }
	var renames []rename
	path := []any{"sensorCode"}
	if ups, ok := c.Arg("updates").([]any); ok {
		path = []any{"updates"}
		for _, u := range ups {
			m, _ := u.(map[string]any)
			renames = append(renames, rename{str(m, "sensorCode"), str(m, "newDisplayName")})
		}
	} else {
		renames = append(renames, rename{c.StringArg("sensorCode"), c.StringArg("displayName")})
	}
	for _, r := range renames {
		name := strings.TrimSpace(r.name)
		if !slices.Contains(sensorCodes, r.code) || name == "" || len([]rune(name)) > 50 {
			return nil, c.ValidationError("KT-CT-4321", fmt.Sprintf("Name one of the controller's sensors (%s) with 1 to 50 characters.", strings.Join(sensorCodes, ", ")), path...)
		}
	}
	hc, _, err := mutableController(c, "KT-CT-4321")
	if err != nil {
		return nil, err
	}
	ids := []any{}
	for _, r := range renames {
		names := hc.SensorNames[:0]
		for _, n := range hc.SensorNames {
			if n.Code != r.code {
				names = append(names, n)
			}
		}
		hc.SensorNames = append(names, sim.SensorName{Code: r.code, Name: strings.TrimSpace(r.name)})
		ids = append(ids, obj{"sensorCode": r.code, "transactionId": transaction(c, r.code)["transactionId"]})
	}
	out := transaction(c, "")
	out["transactionIds"] = ids
	return out, nil
}

// setZoneSchedules answers octoHeatPumpSetZoneSchedules (and its older twin): a zone's
// schedules (WATER or ZONE_1) replaced by those given, which its status follows from
// now; KT-CT-4334 for schedules the zone does not take (world.ZoneSchedule.Problem),
// KT-CT-4308 for an EUID the account has no controller of.
func setZoneSchedules(_ context.Context, c *sim.Call) (any, error) {
	params, _ := c.Arg("zoneScheduleParameters").(map[string]any)
	zs := sim.ZoneSchedule{Zone: str(params, "zone")}
	list, _ := params["schedules"].([]any)
	for _, v := range list {
		m, _ := v.(map[string]any)
		sc := sim.Schedule{Days: str(m, "days")}
		settings, _ := m["settings"].([]any)
		for _, sv := range settings {
			sm, _ := sv.(map[string]any)
			st := sim.ScheduleSetting{Time: fmt.Sprint(sm["time"]), Action: str(sm, "action")}
			if sp, ok := sm["setpointInCelsius"]; ok && sp != nil {
				f, err := strconv.ParseFloat(fmt.Sprint(sp), 64)
				if err != nil || f <= 0 {
					f = -1 // out of every range
				}
				st.Setpoint = f
			}
			sc.Settings = append(sc.Settings, st)
		}
		zs.Schedules = append(zs.Schedules, sc)
	}
	if path, msg := zs.Problem(); msg != "" {
		in := []any{"zoneScheduleParameters"}
		for _, p := range strings.Split(path, ".") {
			if n, err := strconv.Atoi(p); err == nil {
				in = append(in, n)
			} else {
				in = append(in, p)
			}
		}
		return nil, c.ValidationError("KT-CT-4334", msg+".", in...)
	}
	hc, _, err := mutableController(c, "KT-CT-4308")
	if err != nil {
		return nil, err
	}
	hc.Schedules = slices.DeleteFunc(hc.Schedules, func(z sim.ZoneSchedule) bool { return z.Zone == zs.Zone })
	hc.Schedules = append(hc.Schedules, zs)
	return transaction(c, ""), nil
}
