package simtest_test

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/simtest"
)

// TestOctopusCatalogsStateWhatMakersDo reads Octopus's device catalogs, which the
// Octopus app and smart-charging clients offer a customer to pick from, and the device
// an account registered: a catalog asked for one make lists that make's models only,
// each model's battery, power, years and providers are a real model's, and the
// account's car and charger state what the catalogs state of their models.
func TestOctopusCatalogsStateWhatMakersDo(t *testing.T) {
	_, c := octopus(t)
	q := mustQuery(t, c)
	providers := map[string]bool{}
	for _, v := range simtest.Get(q(`{ __type(name: "ProviderChoices") { enumValues { name } } }`, nil), "__type", "enumValues").([]any) {
		providers[simtest.Get(v, "name").(string)] = true
	}

	for _, tt := range []struct {
		make string
		want []string
	}{
		{"Tesla", []string{"Tesla Model 3", "Tesla Model Y"}},
		{"volkswagen", []string{"Volkswagen ID.3", "Volkswagen ID.4"}},
		{"Trabant", nil},
	} {
		var got []string
		for _, e := range q(`query($m: String) { electricVehicles(make: $m) { make models { model } } }`, map[string]any{"m": tt.make})["electricVehicles"].([]any) {
			for _, m := range simtest.Get(e, "models").([]any) {
				got = append(got, simtest.Get(e, "make").(string)+" "+simtest.Get(m, "model").(string))
			}
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("electricVehicles(make: %q) lists %v, want %v", tt.make, got, tt.want)
		}
	}

	cat := q(`{ electricVehicles { make models { model year availableFrom availableTo batterySize supportedProviders isIntegrationLive } }
		chargePointVariants { make models { model powerInKw amperage } }
		batteryVariants { make models { model couplingType batteryCapacityInKwh maxPowerInKw } } }`, nil)
	battery, power := map[string]float64{}, map[string]float64{}
	each := func(list string, check func(mk, md string, m any)) {
		for _, e := range cat[list].([]any) {
			for _, m := range simtest.Get(e, "models").([]any) {
				check(simtest.Get(e, "make").(string), simtest.Get(m, "model").(string), m)
			}
		}
	}
	each("electricVehicles", func(mk, md string, m any) {
		kwh := decimal(t, simtest.Get(m, "batterySize"))
		battery[mk+" "+md] = kwh
		from, _ := simtest.Get(m, "availableFrom").(float64)
		to, _ := simtest.Get(m, "availableTo").(float64)
		ps, _ := simtest.Get(m, "supportedProviders").([]any)
		switch {
		case kwh < 15 || kwh > 120:
			t.Errorf("the %s %s's battery holds %v kWh", mk, md, kwh)
		case from < 2010 || from > 2026 || simtest.Get(m, "year") != from:
			t.Errorf("the %s %s went on sale in %v (year %v)", mk, md, from, simtest.Get(m, "year"))
		case to != 0 && to < from:
			t.Errorf("the %s %s was on sale from %v to %v", mk, md, from, to)
		case len(ps) == 0 || simtest.Get(m, "isIntegrationLive") != true:
			t.Errorf("the %s %s has providers %v, integration live %v", mk, md, ps, simtest.Get(m, "isIntegrationLive"))
		}
		for _, p := range ps {
			if !providers[p.(string)] {
				t.Errorf("the %s %s is controlled through %v, not a ProviderChoices value", mk, md, p)
			}
		}
	})
	each("chargePointVariants", func(mk, md string, m any) {
		kw := decimal(t, simtest.Get(m, "powerInKw"))
		power[mk+" "+md] = kw
		if amps, _ := simtest.Get(m, "amperage").(float64); kw < 3 || kw > 22 || amps*0.230 < kw*0.95 {
			t.Errorf("the %s %s charges at %v kW on %v A", mk, md, kw, amps)
		}
	})
	each("batteryVariants", func(mk, md string, m any) {
		kwh, kw := decimal(t, simtest.Get(m, "batteryCapacityInKwh")), decimal(t, simtest.Get(m, "maxPowerInKw"))
		if kwh < 2 || kwh > 30 || kw <= 0 || kw > kwh {
			t.Errorf("the %s %s battery holds %v kWh at %v kW", mk, md, kwh, kw)
		}
		if cp := simtest.Get(m, "couplingType"); cp != "AC" && cp != "DC" {
			t.Errorf("the %s %s battery is %v-coupled", mk, md, cp)
		}
	})

	out := q(`{ devices(accountNumber: "A-7B3E9D12") { id provider }
		registeredKrakenflexDevice(accountNumber: "A-7B3E9D12") { krakenflexDeviceId provider vehicleMake vehicleModel vehicleBatterySizeInKwh chargePointMake chargePointModel chargePointPowerInKw } }`, nil)
	reg := simtest.Get(out, "registeredKrakenflexDevice")
	car := simtest.Get(reg, "vehicleMake").(string) + " " + simtest.Get(reg, "vehicleModel").(string)
	charger := simtest.Get(reg, "chargePointMake").(string) + " " + simtest.Get(reg, "chargePointModel").(string)
	if car != "Tesla Model 3" || decimal(t, simtest.Get(reg, "vehicleBatterySizeInKwh")) != battery[car] {
		t.Errorf("the registered car, a %s, holds %v kWh; the catalog says %v", car, simtest.Get(reg, "vehicleBatterySizeInKwh"), battery[car])
	}
	if charger != "Ohme Home Pro" || decimal(t, simtest.Get(reg, "chargePointPowerInKw")) != power[charger] {
		t.Errorf("the registered charger, a %s, charges at %v kW; the catalog says %v", charger, simtest.Get(reg, "chargePointPowerInKw"), power[charger])
	}
	var provider any
	for _, d := range simtest.Get(out, "devices").([]any) {
		if simtest.Get(d, "id") == simtest.Get(reg, "krakenflexDeviceId") {
			provider = simtest.Get(d, "provider")
		}
	}
	if provider == nil || simtest.Get(reg, "provider") != provider {
		t.Errorf("the registered device %v is controlled through %v; the devices list says %v", simtest.Get(reg, "krakenflexDeviceId"), simtest.Get(reg, "provider"), provider)
	}
}

// TestOctopusHeatPumpStatesWhatItDraws reads a heat pump an account declares beside the
// heat pump catalog: the catalog lists the model's heat output, the device the most
// power it draws ("the maximum power consumed"), which is less, as a NormalizedDecimal
// with no trailing zeros.
func TestOctopusHeatPumpStatesWhatItDraws(t *testing.T) {
	_, c := tenant(t, "octopus-schema.graphql", func(w *sim.World) {
		w.Accounts[0].Devices = append(w.Accounts[0].Devices, sim.Device{Type: "SmartFlexHeatPump", ID: "00000000-0002-4000-8020-0000000c90d1", Make: "Daikin", Model: "Altherma 3"})
	})
	q := mustQuery(t, c)
	out := q(`{ heatPumpVariants(make: "Daikin") { models { model powerInKw } }
		devices(accountNumber: "A-C90DC431") { ... on SmartFlexHeatPump { make model powerInKw } } }`, nil)
	output := decimal(t, simtest.Get(out, "heatPumpVariants", 0, "models", 0, "powerInKw"))
	var drawn any
	for _, d := range simtest.Get(out, "devices").([]any) {
		if simtest.Get(d, "model") == "Altherma 3" {
			drawn = simtest.Get(d, "powerInKw")
		}
	}
	if drawn != "3" || output != 8 {
		t.Errorf("the Daikin Altherma 3 draws %v kW (want \"3\") for a heat output of %v kW (want 8)", drawn, output)
	}
}

// decimal is a Decimal leaf's value.
func decimal(t *testing.T, v any) float64 {
	t.Helper()
	s, _ := v.(string)
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Errorf("%v is not a decimal", v)
	}
	return f
}

// TestOctopusChargeTargetsLieWithinTheirBounds reads a car's charging preferences, as
// the Home Assistant integration does to offer a target charge between the minimum and
// maximum: the bounds are the car's own, its preferenceSetting's 0 to 100% in every
// field that states them, whatever the targets, and each target lies within them, as
// drawn and as mutations set them.
func TestOctopusChargeTargetsLieWithinTheirBounds(t *testing.T) {
	_, c := current(t)
	q := mustQuery(t, c)
	const read = `{ devices(accountNumber: "A-7B3E9D12") { ... on SmartFlexVehicle { chargingPreferences { weekdayTargetSoc weekendTargetSoc minimumSoc maximumSoc }
			preferenceSetting { scheduleSettings { min max } } } }
		vehicleChargingPreferences(accountNumber: "A-7B3E9D12") { weekdayTargetSoc weekendTargetSoc minimumSoc: minimumSocPercentage maximumSoc: maximumSocPercentage } }`
	check := func(when string) {
		t.Helper()
		out := q(read, nil)
		prefs := []any{simtest.Get(out, "vehicleChargingPreferences")}
		var setting []any
		for _, d := range simtest.Get(out, "devices").([]any) {
			if p := simtest.Get(d, "chargingPreferences"); p != nil {
				prefs = append(prefs, p)
				setting, _ = simtest.Get(d, "preferenceSetting", "scheduleSettings").([]any)
			}
		}
		if len(prefs) != 2 || len(setting) != 1 || simtest.Get(setting, 0, "min") != "0" || simtest.Get(setting, 0, "max") != "100" {
			t.Fatalf("%s: A-7B3E9D12's car has charging preferences %v, within %v", when, prefs, setting)
		}
		for _, p := range prefs {
			lo, _ := simtest.Get(p, "minimumSoc").(float64)
			hi, _ := simtest.Get(p, "maximumSoc").(float64)
			if lo != 0 || hi != 100 {
				t.Errorf("%s: bounds %v–%v, where its preference setting's are 0–100 (%v)", when, lo, hi, p)
			}
			for _, target := range []string{"weekdayTargetSoc", "weekendTargetSoc"} {
				if v, _ := simtest.Get(p, target).(float64); v < lo || v > hi {
					t.Errorf("%s: %s %v is outside %v–%v (%v)", when, target, v, lo, hi, p)
				}
			}
		}
	}
	check("as drawn")
	q(`mutation { setVehicleChargePreferences(input: {accountNumber: "A-7B3E9D12", weekdayTargetSoc: 100, weekendTargetSoc: 10, weekdayTargetTime: "07:30", weekendTargetTime: "09:00"}) { krakenflexDevice { krakenflexDeviceId } } }`, nil)
	check("once set to 100 and 10")
	for _, most := range []int{85, 1} {
		q(`mutation($in: SmartFlexDevicePreferencesInput!) { setDevicePreferences(input: $in) { id } }`, map[string]any{"in": map[string]any{
			"deviceId": demoCar, "mode": "CHARGE", "unit": "PERCENTAGE", "schedules": []any{map[string]any{"dayOfWeek": "MONDAY", "time": "07:30", "max": most}}}})
		check(fmt.Sprintf("once Monday's set to %d", most))
	}
}

// TestOctopusBoostAndSuspendAsClientsReadThem asks for a boost charge, cancels it, and
// suspends smart control, reading what the Home Assistant Octopus Energy integration
// reads after each: its bump-charge switch is on while a planned dispatch whose source
// is "bump-charge" covers now, and its devices' state says BOOSTING or SMART_CONTROL_OFF;
// the boost lasts until the car is full, which then needs no smart charge tonight; a
// second boost while one is under way is refused (KT-CT-4357) and changes nothing.
func TestOctopusBoostAndSuspendAsClientsReadThem(t *testing.T) {
	_, c := octopus(t)
	q := mustQuery(t, c)
	const read = `{ devices(accountNumber: "A-7B3E9D12") { status { currentState } }
		plannedDispatches(accountNumber: "A-7B3E9D12") { start end delta meta { source } } }`
	const now = "2026-12-02T09:00:00+00:00"
	look := func(when string) (states, sources []string, boost []any) {
		t.Helper()
		out := q(read, nil)
		for _, d := range simtest.Get(out, "devices").([]any) {
			states = append(states, simtest.Get(d, "status", "currentState").(string))
		}
		for _, d := range simtest.Get(out, "plannedDispatches").([]any) {
			src := simtest.Get(d, "meta", "source").(string)
			sources = append(sources, src)
			if src == "bump-charge" {
				boost = append(boost, simtest.Get(d, "start"), simtest.Get(d, "end"), simtest.Get(d, "delta"))
			}
		}
		if len(states) != 1 {
			t.Fatalf("%s: the account's devices are %v", when, states)
		}
		return states, sources, boost
	}

	states, sources, boost := look("at first")
	if slices.Contains(states, "BOOSTING") || len(sources) == 0 || boost != nil {
		t.Fatalf("at first: states %v, dispatches %v", states, sources)
	}
	plan := len(sources)

	// A boost charges until the car is full, as far as its own limit lets it: its Model
	// 3's 57.5 kWh from its weekday target (2 December 2026 is a Wednesday, the night
	// before charged it to that), less what it has driven since 07:00 (tonight's charge,
	// driven over twelve hours), at the 7.4 kW its Ohme charger takes; tonight it needs
	// no smart charge.
	target := mustQuery(t, c)(`{ devices(accountNumber: "A-7B3E9D12") { ... on SmartFlexVehicle { chargingPreferences { weekdayTargetSoc } }
		status { ... on SmartFlexVehicleStatus { stateOfChargeLimit { upperSocLimit } } } }
		plannedDispatches(accountNumber: "A-7B3E9D12") { delta } }`, nil)
	soc := number(t, simtest.Get(target, "devices", 0, "chargingPreferences", "weekdayTargetSoc"))
	limit := number(t, simtest.Get(target, "devices", 0, "status", "stateOfChargeLimit", "upperSocLimit"))
	var tonight float64
	for _, d := range target["plannedDispatches"].([]any) {
		tonight -= number(t, simtest.Get(d, "delta"))
	}
	need := 57.5*(limit-min(soc, limit))/100 + tonight*2/12
	full := time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC).Add(time.Duration(need / 7.4 * float64(time.Hour)).Round(time.Minute))
	q(`mutation { triggerBoostCharge(input: {accountNumber: "A-7B3E9D12"}) { krakenflexDevice { krakenflexDeviceId } } }`, nil)
	states, sources, boost = look("boosting")
	if !slices.Equal(states, []string{"BOOSTING"}) || !slices.Equal(sources, []string{"bump-charge"}) || len(boost) != 3 ||
		boost[0] != now || boost[1] != full.Format("2006-01-02T15:04:05+00:00") {
		t.Errorf("boosting from %v%% (%.1f kWh to full): states %v, dispatches %v, the boost %v", soc, need, states, sources, boost)
	}
	if kwh, err := strconv.ParseFloat(boost[2].(string), 64); err != nil || math.Abs(kwh+need) > 0.1 {
		t.Errorf("a boost filling %.1f kWh draws %v kWh", need, boost[2])
	}
	if r := c.Query(`mutation { triggerBoostCharge(input: {accountNumber: "A-7B3E9D12"}) { krakenflexDevice { krakenflexDeviceId } } }`, nil); len(r.Errors) != 1 || r.Errors[0].Code() != "KT-CT-4357" {
		t.Errorf("a second boost while boosting: %+v", r.Errors)
	}
	if _, sources, _ = look("boosted twice"); !slices.Equal(sources, []string{"bump-charge"}) {
		t.Errorf("a second boost while boosting: dispatches %v", sources)
	}

	q(`mutation { deleteBoostCharge(input: {accountNumber: "A-7B3E9D12"}) { krakenflexDevice { krakenflexDeviceId } } }`, nil)
	states, sources, boost = look("cancelled")
	if slices.Contains(states, "BOOSTING") || len(sources) != plan || boost != nil {
		t.Errorf("cancelled: states %v, dispatches %v", states, sources)
	}

	q(`mutation { suspendControl(input: {accountNumber: "A-7B3E9D12"}) { krakenflexDevice { krakenflexDeviceId } } }`, nil)
	if states, sources, _ = look("suspended"); !slices.Equal(states, []string{"SMART_CONTROL_OFF"}) || len(sources) != 0 {
		t.Errorf("suspended: states %v, dispatches %v", states, sources)
	}
	q(`mutation { resumeControl(input: {accountNumber: "A-7B3E9D12"}) { krakenflexDevice { krakenflexDeviceId } } }`, nil)
	if states, sources, _ = look("resumed"); slices.Contains(states, "SMART_CONTROL_OFF") || len(sources) != plan {
		t.Errorf("resumed: states %v, dispatches %v", states, sources)
	}
}

// TestOctopusDispatchesAreWhatTheMeterMeasured reads the flat's Intelligent Octopus Go
// night as the Home Assistant integration does: tonight's planned dispatches lie on
// half hours in the off-peak hours (23:30–05:30) and draw no more than its 7.4 kW charger
// can; the next morning they are the night's completed dispatches; and the flat's meter
// recorded each one's energy in its half hours, on top of the household's own small
// draw, while the night's other half hours hold the household's alone.
func TestOctopusDispatchesAreWhatTheMeterMeasured(t *testing.T) {
	_, c := octopus(t)
	q := mustQuery(t, c)
	const dispatches = `{ plannedDispatches(accountNumber: "A-7B3E9D12") { start end delta } completedDispatches(accountNumber: "A-7B3E9D12") { start end delta } }`
	prefs := q(`{ devices(accountNumber: "A-7B3E9D12") { ... on SmartFlexVehicle { chargingPreferences { weekdayTargetTime } } } }`, nil)
	readyBy, _ := simtest.Get(prefs, "devices", 0, "chargingPreferences", "weekdayTargetTime").(string)
	evening := q(dispatches, nil)
	planned := evening["plannedDispatches"].([]any)
	if len(planned) == 0 || readyBy < "04:00" {
		t.Fatalf("planned for tonight %v, for a car to be ready by %q", planned, readyBy)
	}
	nightStart, nightEnd := time.Date(2026, 12, 2, 23, 30, 0, 0, time.UTC), time.Date(2026, 12, 3, 4, 0, 0, 0, time.UTC)
	type run struct {
		start, end time.Time
		kwh        float64
	}
	var runs []run // the dispatches, and the energy each drew
	for _, d := range planned {
		start, _ := time.Parse(time.RFC3339, simtest.Get(d, "start").(string))
		end, _ := time.Parse(time.RFC3339, simtest.Get(d, "end").(string))
		kwh, _ := strconv.ParseFloat(simtest.Get(d, "delta").(string), 64)
		kwh = -kwh
		hours := end.Sub(start).Hours()
		if start.Before(nightStart) || end.After(nightEnd) || end.Format("15:04:05") > readyBy || start.Minute()%30 != 0 || end.Minute()%30 != 0 || hours <= 0 || kwh <= 0 || kwh/hours > 7.4001 {
			t.Errorf("a dispatch %v–%v drawing %v kWh, for a car to be ready by %s", start, end, kwh, readyBy)
			continue
		}
		runs = append(runs, run{start.UTC(), end.UTC(), kwh})
	}
	c.AdvanceClock(24 * time.Hour)
	c.SignIn("demo@krakensim.dev", "krakensim")
	morning := q(dispatches, nil)
	var done []any // the night's, of the week's nights listed
	for _, d := range morning["completedDispatches"].([]any) {
		if start, _ := time.Parse(time.RFC3339, simtest.Get(d, "start").(string)); !start.Before(nightStart) {
			done = append(done, d)
		}
	}
	slices.Reverse(done) // latest first
	if fmt.Sprint(done) != fmt.Sprint(planned) {
		t.Errorf("planned last night %v; completed this morning %v", planned, done)
	}
	// The supplier has the meter's half hours up to the last midnight: the night's, the
	// day after.
	c.AdvanceClock(16 * time.Hour)
	c.SignIn("demo@krakensim.dev", "krakensim")
	used := q(`{ account(accountNumber: "A-7B3E9D12") { properties { electricityMeterPoints { meters {
		consumption(startAt: "2026-12-02T23:30:00Z", grouping: HALF_HOUR, timezone: "Europe/London", first: 12) { edges { node { startAt value } } } } } } } }`, nil)
	edges := simtest.Get(used, "account", "properties", 0, "electricityMeterPoints", 0, "meters", 0, "consumption", "edges").([]any)
	if len(edges) != 12 {
		t.Fatalf("%d half hours of the night", len(edges))
	}
	// Each dispatch's half hours drew its energy beside the home's own (up to 0.6 kWh a
	// half hour); the others, the home's alone.
	metered := map[time.Time]float64{}
	for _, e := range edges {
		at, _ := time.Parse(time.RFC3339, simtest.Get(e, "node", "startAt").(string))
		v, _ := strconv.ParseFloat(fmt.Sprint(simtest.Get(e, "node", "value")), 64)
		metered[at.UTC()] = v
	}
	for at, v := range metered {
		if in := slices.ContainsFunc(runs, func(r run) bool { return !at.Before(r.start) && at.Before(r.end) }); !in && (v < 0 || v > 0.6) {
			t.Errorf("%v: the meter recorded %v kWh, and no dispatch drew", at, v)
		}
	}
	for _, r := range runs {
		var v float64
		n := 0
		for at := r.start; at.Before(r.end); at = at.Add(30 * time.Minute) {
			v += metered[at]
			n++
		}
		if own := v - r.kwh; own < 0 || own > 0.6*float64(n) {
			t.Errorf("%v–%v: the meter recorded %.3f kWh, the car's dispatch %.3f", r.start, r.end, v, r.kwh)
		}
	}
}

// TestOctopusStrangersDevicesAreRefused asks, as someone else, for the flat's devices,
// dispatches and charging preferences, which the world answers for its owner: Kraken
// refuses each (KT-CT-1111), and the owner still reads them.
func TestOctopusStrangersDevicesAreRefused(t *testing.T) {
	_, c := octopus(t)
	const read = `{ devices(accountNumber: "A-7B3E9D12") { id } plannedDispatches(accountNumber: "A-7B3E9D12") { start }
		vehicleChargingPreferences(accountNumber: "A-7B3E9D12") { weekdayTargetSoc } }`
	if r := c.Query(read, nil); len(r.Errors) != 0 || len(simtest.Get(r.Data, "devices").([]any)) != 1 {
		t.Fatalf("the owner reads %v, %+v", r.Data, r.Errors)
	}
	c.SignIn("other@krakensim.dev", "krakensim")
	r := c.Query(read, nil)
	if len(r.Errors) != 3 || fmt.Sprint(r.Data) != "map[devices:<nil> plannedDispatches:<nil> vehicleChargingPreferences:<nil>]" {
		t.Fatalf("a stranger reads %v, %+v", r.Data, r.Errors)
	}
	for _, e := range r.Errors {
		if e.Extensions["errorCode"] != "KT-CT-1111" {
			t.Errorf("%v: %v", e.Path, e.Extensions["errorCode"])
		}
	}
}

// TestOctopusEligibleDeviceTypesAreTheHomes reads the kinds of device each account may
// register for smart control: the homes with a smart meter on supply may register a car,
// a battery, an inverter, a heat pump and a thermostat (the heat pump household no
// second heat pump beside its Cosy); Sam's home, whose meter is not smart, and the
// business nothing; and an account is eligible for Intelligent Octopus exactly when it
// may register some.
func TestOctopusEligibleDeviceTypesAreTheHomes(t *testing.T) {
	_, c := octopus(t)
	for _, tc := range []struct{ account, want string }{
		{"A-C90DC431", "[ELECTRIC_VEHICLES BATTERIES INVERTERS HEAT_PUMPS THERMOSTATS]"},
		{"A-7B3E9D12", "[ELECTRIC_VEHICLES BATTERIES INVERTERS HEAT_PUMPS THERMOSTATS]"},
		{"A-0F4A2B19", "[]"},
		{heatPumpAccount, "[ELECTRIC_VEHICLES BATTERIES INVERTERS THERMOSTATS]"},
		{"A-B1A2C3D4", "[]"},
	} {
		c.SignIn(ownerOf[tc.account], "krakensim")
		got := mustQuery(t, c)(`query($a: String!) { eligibleDeviceTypes(accountNumber: $a) accountIoEligibility(accountNumber: $a) { isEligibleForIo } }`, map[string]any{"a": tc.account})
		if s := fmt.Sprint(got["eligibleDeviceTypes"]); s != tc.want {
			t.Errorf("%s: %s, want %s", tc.account, s, tc.want)
		}
		if io := simtest.Get(got, "accountIoEligibility", "isEligibleForIo"); io != (tc.want != "[]") {
			t.Errorf("%s: eligible for Intelligent Octopus %v beside %s", tc.account, io, tc.want)
		}
	}
}

// TestOctopusStrangersMeterTelemetryIsRefused reads a household's meter's telemetry by
// its smart device's id: its owner reads it, someone else is refused (KT-CT-1111), and
// no one reads it unsigned; a device no household has is no one's (a client's typo is
// refused, as Kraken refuses it). The id of the owner's car, which is no meter, has no
// meter telemetry, live or over a window.
func TestOctopusStrangersMeterTelemetryIsRefused(t *testing.T) {
	_, c := octopus(t)
	ids := mustQuery(t, c)(`{ account(accountNumber: "A-C90DC431") { electricityAgreements(active: true) { meterPoint { meters { smartDevices { deviceId } } } } }
		registeredKrakenflexDevice(accountNumber: "A-7B3E9D12") { krakenflexDeviceId } }`, nil)
	device := simtest.Get(ids, "account", "electricityAgreements", 0, "meterPoint", "meters", 0, "smartDevices", 0, "deviceId").(string)
	car := simtest.Get(ids, "registeredKrakenflexDevice", "krakenflexDeviceId").(string)
	const read = `query($d: String!) { smartMeterTelemetry(deviceId: $d, start: "2026-12-02T07:00:00Z", end: "2026-12-02T08:00:00Z", grouping: HALF_HOURLY) { readAt } }`
	const live = `query($d: String!) { smartMeterTelemetry(deviceId: $d) { readAt consumption demand } }`
	for _, tc := range []struct{ who, query, device, want string }{
		{"demo@krakensim.dev", read, device, "2"}, {"other@krakensim.dev", read, device, "KT-CT-1111"}, {"", read, device, "KT-CT-1112"},
		{"demo@krakensim.dev", read, "00-11-22-33-44-55-66-77", "KT-CT-1111"}, {"", read, "00-11-22-33-44-55-66-77", "KT-CT-1112"},
		{"demo@krakensim.dev", live, device, "1"}, {"demo@krakensim.dev", live, car, "0"}, {"demo@krakensim.dev", read, car, "0"},
		{"other@krakensim.dev", live, car, "KT-CT-1111"},
	} {
		c.Token = ""
		if tc.who != "" {
			c.SignIn(tc.who, "krakensim")
		}
		r := c.Query(tc.query, map[string]any{"d": tc.device})
		got := ""
		if len(r.Errors) > 0 {
			got = r.Errors[0].Code()
		} else if rows, ok := simtest.Get(r.Data, "smartMeterTelemetry").([]any); ok {
			got = fmt.Sprint(len(rows))
		}
		if got != tc.want {
			t.Errorf("%q reading %s: %s, want %s", tc.who, tc.device, got, tc.want)
		}
	}
}

// TestOctopusBoostChargeIsMetered boosts the flat's car at 09:00, cancels the boost at
// 10:30 and reads the morning back at 11:00 beside a session that did not: the meter
// drew 7.4 kW more (its Ohme charger's power) from 09:00 until 10:30 (its half hours
// 11.1 kWh more), its completed
// dispatch is that energy, and the half hour after it is as it was. Two days on, the
// night after the boost drew what the boost had not already put in the car, so
// costOfCharge and costOfUsage over those days differ by the boost less what that night
// was spared.
func TestOctopusBoostChargeIsMetered(t *testing.T) {
	_, boosted := octopus(t)
	_, plain := octopus(t)
	mustQuery(t, boosted)(`mutation { triggerBoostCharge(input: {accountNumber: "A-7B3E9D12"}) { krakenflexDevice { krakenflexDeviceId } } }`, nil)
	advance := func(d time.Duration) {
		for _, c := range []*simtest.Client{boosted, plain} {
			c.AdvanceClock(d)
			c.SignIn("demo@krakensim.dev", "krakensim")
		}
	}
	advance(90 * time.Minute)
	mustQuery(t, boosted)(`mutation { deleteBoostCharge(input: {accountNumber: "A-7B3E9D12"}) { krakenflexDevice { krakenflexDeviceId } } }`, nil)
	advance(30 * time.Minute)
	const halfHours = `{ account(accountNumber: "A-7B3E9D12") { properties { electricityMeterPoints { meters {
		consumption(startAt: "2026-12-02T09:00:00Z", grouping: HALF_HOUR, timezone: "Europe/London", first: 4) { edges { node { startAt value } } } } } } }
		completedDispatches(accountNumber: "A-7B3E9D12") { start end delta meta { source } } }`
	read := func(c *simtest.Client) ([]float64, map[string]any) {
		got := mustQuery(t, c)(halfHours, nil)
		var out []float64
		for _, e := range simtest.Get(got, "account", "properties", 0, "electricityMeterPoints", 0, "meters", 0, "consumption", "edges").([]any) {
			out = append(out, number(t, simtest.Get(e, "node", "value")))
		}
		return out, got
	}
	_, got := read(boosted)
	// The supplier has the meter's half hours up to the last midnight.
	advance(13*time.Hour + 30*time.Minute) // 3 December, 00:30
	b, _ := read(boosted)
	p, _ := read(plain)
	if len(b) != 4 || len(p) != 4 {
		t.Fatalf("half hours %v and %v", b, p)
	}
	for i, want := range []float64{3.7, 3.7, 3.7, 0} {
		if d := b[i] - p[i]; math.Abs(d-want) > 0.01 {
			t.Errorf("half hour %d: %.3f kWh boosted, %.3f without, want %.1f more", i, b[i], p[i], want)
		}
	}
	var bump []string
	for _, d := range got["completedDispatches"].([]any) {
		if start := simtest.Get(d, "start").(string); start >= "2026-12-02T09:00" {
			bump = append(bump, fmt.Sprint(start, " ", simtest.Get(d, "end"), " ", simtest.Get(d, "delta")))
		}
	}
	if fmt.Sprint(bump) != "[2026-12-02T10:00:00+00:00 2026-12-02T10:30:00+00:00 -3.700 2026-12-02T09:30:00+00:00 2026-12-02T10:00:00+00:00 -3.700 2026-12-02T09:00:00+00:00 2026-12-02T09:30:00+00:00 -3.700]" {
		t.Errorf("the boost's dispatch: %v", bump)
	}
	advance(8*time.Hour + 30*time.Minute) // 3 December, 09:00: the night after the boost is done
	night := func(c *simtest.Client) float64 {
		var kwh float64
		for _, d := range mustQuery(t, c)(`{ completedDispatches(accountNumber: "A-7B3E9D12") { start delta } }`, nil)["completedDispatches"].([]any) {
			if simtest.Get(d, "start").(string) >= "2026-12-02T20" {
				kwh -= number(t, simtest.Get(d, "delta"))
			}
		}
		return kwh
	}
	planned, spared := night(plain), night(boosted)
	if want := max(planned-11.1, 0); planned <= 0 || math.Abs(spared-want) > 0.01 {
		t.Errorf("the night after: %.3f kWh dispatched, %.3f without the boost; want %.3f", spared, planned, want)
	}
	advance(24 * time.Hour)
	const days = `{ costOfUsage(accountNumber: "A-7B3E9D12", grouping: DAY, startAt: "2026-12-02T00:00:00Z") { details(grouping: DAY, first: 2) { edges { node { usageKwh } } } }
		costOfCharge(accountNumber: "A-7B3E9D12", frequency: DAILY, startDate: "2026-12-02") { reportDate totalConsumption } }`
	daysOf := func(c *simtest.Client) (used, charged float64) {
		got := mustQuery(t, c)(days, nil)
		for _, r := range got["costOfCharge"].([]any) {
			if d := simtest.Get(r, "reportDate"); d == "2026-12-02" || d == "2026-12-03" {
				charged += number(t, simtest.Get(r, "totalConsumption"))
			}
		}
		for _, e := range simtest.Get(got, "costOfUsage", "details", "edges").([]any) {
			used += number(t, simtest.Get(e, "node", "usageKwh"))
		}
		return used, charged
	}
	bu, bc := daysOf(boosted)
	pu, pc := daysOf(plain)
	want := 11.1 - (planned - spared)
	if math.Abs(bu-pu-want) > 0.01 || math.Abs(bc-pc-want) > 0.01 {
		t.Errorf("2 and 3 December: used %.3f kWh boosted, %.3f without; the car's charge %.3f and %.3f; want %.3f more of each", bu, pu, bc, pc, want)
	}
}

// TestOctopusDispatchEnergyAgreesWithItsOldName reads the flat's dispatches with the
// deprecated deltaKwh beside delta, which replaced it: the same energy, an import
// negative in both, the old one in whole kWh.
func TestOctopusDispatchEnergyAgreesWithItsOldName(t *testing.T) {
	_, c := octopus(t)
	got := mustQuery(t, c)(`{ plannedDispatches(accountNumber: "A-7B3E9D12") { delta deltaKwh } completedDispatches(accountNumber: "A-7B3E9D12") { delta deltaKwh } }`, nil)
	n := 0
	for _, list := range []string{"plannedDispatches", "completedDispatches"} {
		for _, d := range got[list].([]any) {
			delta, old := number(t, simtest.Get(d, "delta")), number(t, simtest.Get(d, "deltaKwh"))
			if delta >= 0 || old != math.Round(delta) {
				t.Errorf("%s: delta %v, deltaKwh %v", list, delta, old)
			}
			n++
		}
	}
	if n == 0 {
		t.Fatal("no dispatches")
	}
}

// TestOctopusStrangersCannotBoostTheirCar asks, as someone else and unsigned, for a boost
// charge of the flat's car, which the world acts on for its owner: Kraken refuses both
// (KT-CT-1111, KT-CT-1112) and the car is not boosting; its owner's boost is.
func TestOctopusStrangersCannotBoostTheirCar(t *testing.T) {
	_, c := octopus(t)
	const boost = `mutation { triggerBoostCharge(input: {accountNumber: "A-7B3E9D12"}) { krakenflexDevice { krakenflexDeviceId } } }`
	const state = `{ devices(accountNumber: "A-7B3E9D12") { status { currentState } } }`
	for _, tc := range []struct{ who, want string }{{"other@krakensim.dev", "KT-CT-1111"}, {"", "KT-CT-1112"}} {
		c.Token = ""
		if tc.who != "" {
			c.SignIn(tc.who, "krakensim")
		}
		r := c.Query(boost, nil)
		if len(r.Errors) != 1 || r.Errors[0].Code() != tc.want {
			t.Errorf("%q boosting the flat's car: %+v", tc.who, r.Errors)
		}
	}
	c.SignIn("demo@krakensim.dev", "krakensim")
	if got := fmt.Sprint(mustQuery(t, c)(state, nil)["devices"]); strings.Contains(got, "BOOSTING") {
		t.Errorf("after strangers asked: %s", got)
	}
	mustQuery(t, c)(boost, nil)
	if got := fmt.Sprint(mustQuery(t, c)(state, nil)["devices"]); !strings.Contains(got, "BOOSTING") {
		t.Errorf("after its owner asked: %s", got)
	}
}

// TestOctopusBoostChargeRefusedAsKrakenSays asks for a boost charge of the flat's car
// while one is under way, and while its smart control is suspended: each is refused with
// the code triggerBoostCharge's description names (KT-CT-4357) and the reason in its
// boostChargeRefusalReasons extension, and leaves the boost under way as it was; once
// control resumes and the boost is over, a boost starts again.
func TestOctopusBoostChargeRefusedAsKrakenSays(t *testing.T) {
	_, c := octopus(t)
	q := mustQuery(t, c)
	const boost = `mutation { triggerBoostCharge(input: {accountNumber: "A-7B3E9D12"}) { krakenflexDevice { krakenflexDeviceId } } }`
	const planned = `{ plannedDispatches(accountNumber: "A-7B3E9D12") { start end meta { source } } }`
	refused := func(want string) {
		t.Helper()
		boostRefused(t, c, boost, nil, want)
	}
	q(boost, nil)
	first := fmt.Sprint(q(planned, nil)["plannedDispatches"])
	refused("BC_BOOST_CHARGE_IN_PROGRESS")
	if again := fmt.Sprint(q(planned, nil)["plannedDispatches"]); again != first || !strings.Contains(first, "bump-charge") {
		t.Errorf("the boost under way %s, after a refused one %s", first, again)
	}
	c.AdvanceClock(6 * time.Hour) // the boost filled the car
	c.SignIn("demo@krakensim.dev", "krakensim")
	q(`mutation { suspendControl(input: {accountNumber: "A-7B3E9D12"}) { __typename } }`, nil)
	refused("BC_DEVICE_SUSPENDED")
	q(`mutation { resumeControl(input: {accountNumber: "A-7B3E9D12"}) { __typename } }`, nil)
	if r := c.Query(boost, nil); len(r.Errors) != 0 {
		t.Errorf("a boost once control resumed: %+v", r.Errors)
	}
}

// TestOctopusSuspendedCarChargesWhenPluggedIn suspends smart control of the flat's car at
// 09:00 and reads the next morning beside a session that did not: that night's charge
// was drawn from 18:00 the evening before at the peak rate, as a car charges when its
// supplier does not control it, not in the off-peak night (the meter's half hours move
// the same energy, it is no dispatch, and it costs more).
func TestOctopusSuspendedCarChargesWhenPluggedIn(t *testing.T) {
	_, suspended := octopus(t)
	_, plain := octopus(t)
	mustQuery(t, suspended)(`mutation { suspendControl(input: {accountNumber: "A-7B3E9D12"}) { __typename } }`, nil)
	for _, c := range []*simtest.Client{suspended, plain} {
		c.AdvanceClock(24 * time.Hour)
		c.SignIn("demo@krakensim.dev", "krakensim")
	}
	const read = `{ account(accountNumber: "A-7B3E9D12") { properties { electricityMeterPoints { meters {
		consumption(startAt: "2026-12-02T18:00:00Z", grouping: HALF_HOUR, timezone: "Europe/London", first: 24) { edges { node { value } } } } } } }
		costOfUsage(accountNumber: "A-7B3E9D12", grouping: HOUR, startAt: "2026-12-02T18:00:00Z") { details(grouping: HOUR, first: 6) { cost } } }`
	// The morning after, the night's dispatches are done; the supplier has the meter's
	// half hours after midnight the day after.
	dispatched := map[*simtest.Client]int{}
	for _, c := range []*simtest.Client{suspended, plain} {
		for _, d := range mustQuery(t, c)(`{ completedDispatches(accountNumber: "A-7B3E9D12") { start } }`, nil)["completedDispatches"].([]any) {
			if start := simtest.Get(d, "start").(string); start > "2026-12-02T23" {
				dispatched[c]++
			}
		}
		c.AdvanceClock(16 * time.Hour)
		c.SignIn("demo@krakensim.dev", "krakensim")
	}
	sums := func(c *simtest.Client) (evening, night, cost float64, dispatches int) {
		got := mustQuery(t, c)(read, nil)
		for i, e := range simtest.Get(got, "account", "properties", 0, "electricityMeterPoints", 0, "meters", 0, "consumption", "edges").([]any) {
			v := number(t, simtest.Get(e, "node", "value"))
			if i < 10 { // 18:00–23:00
				evening += v
			} else if i >= 11 { // 23:30–06:00
				night += v
			}
		}
		return evening, night, number(t, simtest.Get(got, "costOfUsage", "details", "cost")), dispatched[c]
	}
	se, sn, sc, sd := sums(suspended)
	pe, pn, pc, pd := sums(plain)
	if moved := se - pe; moved < 1 || math.Abs(moved-(pn-sn)) > 0.01 || sd != 0 || pd == 0 || sc <= pc {
		t.Errorf("suspended: evening %.3f, night %.3f kWh, %d dispatches, its evening %.0fp; under control: %.3f, %.3f kWh, %d dispatches, %.0fp", se, sn, sd, sc, pe, pn, pd, pc)
	}
}

// TestOctopusSuspendedMidNightChargesAtOnce suspends the flat's car's smart control a
// minute into a night whose plan charges later, beside a session that did not: the rest
// of the night's energy is drawn at once at 7 kW from the next half hour, as a car
// charges when its supplier does not control it, and is no dispatch; the meter holds
// the same energy over the night and the same before the suspension.
func TestOctopusSuspendedMidNightChargesAtOnce(t *testing.T) {
	_, suspended := octopus(t)
	_, plain := octopus(t)
	now := time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)
	advance := func(to time.Time) {
		for _, c := range []*simtest.Client{suspended, plain} {
			c.AdvanceClock(to.Sub(now))
			c.SignIn("demo@krakensim.dev", "krakensim")
		}
		now = to
	}
	// The first night from 2 December whose plan does not charge in its first half hour.
	var night time.Time
	for d := 0; d < 14 && night.IsZero(); d++ {
		advance(time.Date(2026, 12, 2+d, 9, 0, 0, 0, time.UTC))
		start := time.Date(2026, 12, 2+d, 23, 30, 0, 0, time.UTC)
		first := ""
		for _, p := range mustQuery(t, plain)(`{ plannedDispatches(accountNumber: "A-7B3E9D12") { start } }`, nil)["plannedDispatches"].([]any) {
			if s := simtest.Get(p, "start").(string); first == "" || s < first {
				first = s
			}
		}
		if first > start.Format("2006-01-02T15:04:05+00:00") {
			night = start
		}
	}
	if night.IsZero() {
		t.Fatal("no night in a fortnight charges later than its first half hour")
	}
	advance(night.Add(time.Minute))
	mustQuery(t, suspended)(`mutation { suspendControl(input: {accountNumber: "A-7B3E9D12"}) { __typename } }`, nil)
	advance(night.Add(10 * time.Hour))
	// The morning after, the night's dispatches are done; the supplier has the meter's
	// half hours after midnight the day after.
	done := map[*simtest.Client]int{}
	for _, c := range []*simtest.Client{suspended, plain} {
		for _, d := range mustQuery(t, c)(`{ completedDispatches(accountNumber: "A-7B3E9D12") { start } }`, nil)["completedDispatches"].([]any) {
			if simtest.Get(d, "start").(string) >= night.Format("2006-01-02T15:04") {
				done[c]++
			}
		}
	}
	advance(night.Add(25 * time.Hour))
	read := fmt.Sprintf(`{ account(accountNumber: "A-7B3E9D12") { properties { electricityMeterPoints { meters {
		consumption(startAt: %q, grouping: HALF_HOUR, timezone: "Europe/London", first: 16) { edges { node { value } } } } } } } }`, night.Add(-2*time.Hour).Format(time.RFC3339))
	halves := func(c *simtest.Client) (v []float64, dispatched int) {
		got := mustQuery(t, c)(read, nil)
		for _, e := range simtest.Get(got, "account", "properties", 0, "electricityMeterPoints", 0, "meters", 0, "consumption", "edges").([]any) {
			v = append(v, number(t, simtest.Get(e, "node", "value")))
		}
		return v, done[c]
	}
	s, sd := halves(suspended)
	p, pd := halves(plain)
	if len(s) != 16 || len(p) != 16 {
		t.Fatalf("half hours %v, %v", s, p)
	}
	sum := func(v []float64) (t float64) {
		for _, x := range v {
			t += x
		}
		return t
	}
	// 21:30–00:00 is the same; from 00:00 the car charges at once, the whole night the same.
	if math.Abs(sum(s[:5])-sum(p[:5])) > 0.001 || s[5] < 3.5 || s[5] <= p[5] || math.Abs(sum(s)-sum(p)) > 0.01 || sd != 0 || pd == 0 {
		t.Errorf("suspended at %s: half hours %v, %d dispatches; under control %v, %d", night.Add(time.Minute).Format("2 Jan 15:04"), s, sd, p, pd)
	}
}

// TestOctopusOldFieldsRestateTheCar reads the flat's car through the deprecated fields
// an older client (megakid's Intelligent Octopus integration) still asks beside the
// devices list the app reads: vehicleChargingPreferences answers the car's
// chargingPreferences (its times to the minute), and registeredKrakenflexDevice its
// lifecycle status and whether smart control is suspended, as made, once set through
// the old mutation, and once the car is suspended through the new one; the record was
// created by the time the car's smart charging began.
func TestOctopusOldFieldsRestateTheCar(t *testing.T) {
	_, c := octopus(t)
	q := mustQuery(t, c)
	const read = `{
		vehicleChargingPreferences(accountNumber: "A-7B3E9D12") { weekdayTargetTime weekdayTargetSoc weekendTargetTime weekendTargetSoc minimumSocPercentage maximumSocPercentage }
		registeredKrakenflexDevice(accountNumber: "A-7B3E9D12") { status suspended }
		devices(accountNumber: "A-7B3E9D12") { deviceType status { current isSuspended }
			... on SmartFlexVehicle { chargingPreferences { weekdayTargetTime weekdayTargetSoc weekendTargetTime weekendTargetSoc minimumSoc maximumSoc } } } }`
	check := func(when string, wantSuspended bool) {
		t.Helper()
		d := q(read, nil)
		old := d["vehicleChargingPreferences"].(map[string]any)
		car := d["devices"].([]any)[0].(map[string]any)
		prefs := car["chargingPreferences"].(map[string]any)
		for o, n := range map[string]string{"weekdayTargetSoc": "weekdayTargetSoc", "weekendTargetSoc": "weekendTargetSoc",
			"minimumSocPercentage": "minimumSoc", "maximumSocPercentage": "maximumSoc"} {
			if fmt.Sprint(old[o]) != fmt.Sprint(prefs[n]) {
				t.Errorf("%s: vehicleChargingPreferences.%s %v, the car's %s %v", when, o, old[o], n, prefs[n])
			}
		}
		for _, f := range []string{"weekdayTargetTime", "weekendTargetTime"} {
			if s, _ := prefs[f].(string); len(s) < 5 || old[f] != s[:5] {
				t.Errorf("%s: vehicleChargingPreferences.%s %v, the car's %v", when, f, old[f], prefs[f])
			}
		}
		rec := d["registeredKrakenflexDevice"].(map[string]any)
		status := car["status"].(map[string]any)
		if rec["status"] != status["current"] || rec["status"] != "LIVE" {
			t.Errorf("%s: the record's status %v, the car's %v", when, rec["status"], status["current"])
		}
		if rec["suspended"] != wantSuspended || status["isSuspended"] != wantSuspended {
			t.Errorf("%s: the record suspended %v, the car %v; want %v", when, rec["suspended"], status["isSuspended"], wantSuspended)
		}
	}
	check("as made", false)
	// The flat went onto Intelligent Octopus Go on 1 November 2022, so its car was
	// registered by then (within the fortnight before), not last month.
	if at := fmt.Sprint(simtest.Get(q(`{ registeredKrakenflexDevice(accountNumber: "A-7B3E9D12") { createdAt } }`, nil), "registeredKrakenflexDevice", "createdAt")); at < "2022-10-18" || at > "2022-11-01T00:00:00+00:00" {
		t.Errorf("the car registered %s", at)
	}
	q(`mutation { setVehicleChargePreferences(input: {accountNumber: "A-7B3E9D12", weekdayTargetTime: "07:30", weekdayTargetSoc: 80, weekendTargetTime: "09:00", weekendTargetSoc: 90}) { __typename } }`, nil)
	check("once set", false)
	if got := fmt.Sprint(q(`{ vehicleChargingPreferences(accountNumber: "A-7B3E9D12") { weekdayTargetTime weekdayTargetSoc } }`, nil)["vehicleChargingPreferences"]); got != "map[weekdayTargetSoc:80 weekdayTargetTime:07:30]" {
		t.Errorf("the preferences set read back %s", got)
	}
	car := fmt.Sprint(q(`{ devices(accountNumber: "A-7B3E9D12") { id } }`, nil)["devices"].([]any)[0].(map[string]any)["id"])
	q(`mutation($id: ID!) { updateDeviceSmartControl(input: {deviceId: $id, action: SUSPEND}) { id } }`, map[string]any{"id": car})
	check("suspended", true)
}

// TestOctopusChargePreferencesNoOneCouldMeanAreRefused sets the flat's car to a charge
// or a ready-by time no one could mean: each is refused with the validation code
// setVehicleChargePreferences documents (KT-CT-4321), its validationErrors naming the
// input, and the car keeps what it had.
func TestOctopusChargePreferencesNoOneCouldMeanAreRefused(t *testing.T) {
	_, c := octopus(t)
	q := mustQuery(t, c)
	const set = `mutation($t: String!, $soc: Int!) { setVehicleChargePreferences(input: {accountNumber: "A-7B3E9D12",
		weekdayTargetTime: $t, weekdayTargetSoc: $soc, weekendTargetTime: "09:00", weekendTargetSoc: 90}) { __typename } }`
	const read = `{ vehicleChargingPreferences(accountNumber: "A-7B3E9D12") { weekdayTargetTime weekdayTargetSoc } }`
	q(set, map[string]any{"t": "07:30", "soc": 80})
	for _, tc := range []struct {
		time  string
		soc   int
		field string
	}{
		{"25:00", 80, "weekdayTargetTime"},
		{"7pm", 80, "weekdayTargetTime"},
		{"07:60", 80, "weekdayTargetTime"},
		{"07:30", 150, "weekdayTargetSoc"},
		{"07:30", -5, "weekdayTargetSoc"},
	} {
		r := c.Query(set, map[string]any{"t": tc.time, "soc": tc.soc})
		if len(r.Errors) != 1 || r.Errors[0].Code() != "KT-CT-4321" {
			t.Errorf("%s, %d%%: %+v", tc.time, tc.soc, r.Errors)
			continue
		}
		if got := fmt.Sprint(r.Errors[0].Extensions["validationErrors"]); !strings.Contains(got, "inputPath:[input "+tc.field+"]") {
			t.Errorf("%s, %d%%: validationErrors %s, want %s named", tc.time, tc.soc, got, tc.field)
		}
	}
	if got := fmt.Sprint(q(read, nil)["vehicleChargingPreferences"]); got != "map[weekdayTargetSoc:80 weekdayTargetTime:07:30]" {
		t.Errorf("after the refused ones: %s", got)
	}
}

// TestOctopusDeclaredDevicesAreLiveOfTheirKind reads the status of each device the
// flat declares, its charger registered too: it is the status type of the device's own
// kind (a car's SmartFlexVehicleStatus, which holds its stateOfChargeLimit; a charger's
// SmartFlexChargePointStatus), and LIVE, since the household's car is smart charged,
// with no onboarding wizard under way.
func TestOctopusDeclaredDevicesAreLiveOfTheirKind(t *testing.T) {
	_, c := octopus(t, chargerRegistered)
	got := mustQuery(t, c)(`{ devices(accountNumber: "A-7B3E9D12") { __typename status { __typename current } onboardingWizard { id } } }`, nil)
	var kinds []string
	for _, d := range got["devices"].([]any) {
		typ := simtest.Get(d, "__typename").(string)
		kinds = append(kinds, typ)
		if status := simtest.Get(d, "status", "__typename").(string); status != typ+"Status" || simtest.Get(d, "status", "current") != "LIVE" {
			t.Errorf("%s: status %s, %v", typ, status, simtest.Get(d, "status", "current"))
		}
		if w := simtest.Get(d, "onboardingWizard"); w != nil {
			t.Errorf("%s, live: an onboarding wizard %v", typ, w)
		}
	}
	if fmt.Sprint(kinds) != "[SmartFlexVehicle SmartFlexChargePoint]" {
		t.Errorf("the flat's devices %v", kinds)
	}
}

// TestOctopusCarsChargeLimitIsOne reads the flat's car's own limit on its charge where
// Kraken states it, its charger registered too: in the car's status, its charger's and
// the deprecated record, one limit (80–100%); it is violated exactly when the day's
// target charge exceeds it, as set; a boost stops at it.
func TestOctopusCarsChargeLimitIsOne(t *testing.T) {
	_, c := octopus(t, chargerRegistered)
	q := mustQuery(t, c)
	const read = `{ devices(accountNumber: "A-7B3E9D12") { status {
			... on SmartFlexVehicleStatus { stateOfChargeLimit { upperSocLimit timestamp isLimitViolated } }
			... on SmartFlexChargePointStatus { stateOfChargeLimit { upperSocLimit timestamp isLimitViolated } } } }
		registeredKrakenflexDevice(accountNumber: "A-7B3E9D12") { stateOfChargeLimit { upperSocLimit timestamp isLimitViolated } } }`
	limits := func() (string, float64) {
		got := q(read, nil)
		all := []any{simtest.Get(got, "devices", 0, "status", "stateOfChargeLimit"), simtest.Get(got, "devices", 1, "status", "stateOfChargeLimit"),
			simtest.Get(got, "registeredKrakenflexDevice", "stateOfChargeLimit")}
		for _, l := range all[1:] {
			if fmt.Sprint(l) != fmt.Sprint(all[0]) {
				t.Errorf("the car's limit %v, elsewhere %v", all[0], l)
			}
		}
		return fmt.Sprint(simtest.Get(all[0], "isLimitViolated")), number(t, simtest.Get(all[0], "upperSocLimit"))
	}
	violated, limit := limits()
	if limit < 80 || limit > 100 || violated != "false" {
		t.Fatalf("as made: limit %v, violated %s", limit, violated)
	}
	set := `mutation($soc: Int!) { setVehicleChargePreferences(input: {accountNumber: "A-7B3E9D12", weekdayTargetTime: "07:00", weekdayTargetSoc: $soc, weekendTargetTime: "09:00", weekendTargetSoc: 50}) { __typename } }`
	q(set, map[string]any{"soc": int(limit)})
	if v, _ := limits(); v != "false" {
		t.Errorf("a target at the limit: violated %s", v)
	}
	if limit < 100 {
		q(set, map[string]any{"soc": int(limit) + 5})
		if v, _ := limits(); v != "true" {
			t.Errorf("a target above the limit: violated %s", v)
		}
	}
	// The night charges it to its limit for the morning; a boost the next day takes back
	// only what it has driven since 07:00 (a kWh or two): the shortest boost, half an hour
	// at its charger's 7.4 kW.
	advance(c, 24*time.Hour)
	q(`mutation { triggerBoostCharge(input: {accountNumber: "A-7B3E9D12"}) { __typename } }`, nil)
	got := q(`{ plannedDispatches(accountNumber: "A-7B3E9D12") { delta meta { source } } }`, nil)
	boosts := 0
	for _, d := range got["plannedDispatches"].([]any) {
		if simtest.Get(d, "meta", "source") == "bump-charge" {
			boosts++
			if kwh := -number(t, simtest.Get(d, "delta")); math.Abs(kwh-3.7) > 0.01 {
				t.Errorf("a boost of a car at its limit drew %.3f kWh", kwh)
			}
		}
	}
	if boosts != 1 {
		t.Errorf("%d boosts planned", boosts)
	}
}

// TestOctopusDeviceMutationsNeedADevice asks the demo household, which has no car or
// charger, for what only a device can do: each is refused as its field documents, with
// KT-CT-4301 ("Unable to find device for given account"), or triggerBoostCharge's
// KT-CT-4357 with no reason listed; the flat, which has them, is answered, but for a
// test charge of its live car (KT-CT-4355, TC_DEVICE_LIVE).
func TestOctopusDeviceMutationsNeedADevice(t *testing.T) {
	_, c := octopus(t)
	for _, tc := range []struct{ mutation, want string }{
		{`suspendControl(input: {accountNumber: $a}) { __typename }`, "KT-CT-4301"},
		{`resumeControl(input: {accountNumber: $a}) { __typename }`, "KT-CT-4301"},
		{`deleteBoostCharge(input: {accountNumber: $a}) { __typename }`, "KT-CT-4301"},
		{`setVehicleChargePreferences(input: {accountNumber: $a, weekdayTargetTime: "07:00", weekdayTargetSoc: 80, weekendTargetTime: "09:00", weekendTargetSoc: 90}) { __typename }`, "KT-CT-4301"},
		{`triggerBoostCharge(input: {accountNumber: $a}) { __typename }`, "KT-CT-4357"},
		{`triggerTestCharge(input: {accountNumber: $a}) { __typename }`, "KT-CT-4301"},
	} {
		q := `mutation($a: String!) { ` + tc.mutation + ` }`
		r := c.Query(q, map[string]any{"a": "A-C90DC431"})
		if len(r.Errors) != 1 || r.Errors[0].Code() != tc.want || r.Errors[0].Extensions["boostChargeRefusalReasons"] != nil {
			t.Errorf("%s for the demo household: %+v, want %s", tc.mutation, r.Errors, tc.want)
		}
		r = c.Query(q, map[string]any{"a": "A-7B3E9D12"})
		if strings.HasPrefix(tc.mutation, "triggerTestCharge") {
			// The flat's devices are live: a test charge, which shows a newly registered
			// device can be controlled, is refused as its field documents.
			if len(r.Errors) != 1 || r.Errors[0].Code() != "KT-CT-4355" || fmt.Sprint(r.Errors[0].Extensions["testChargeRefusalReasons"]) != "[TC_DEVICE_LIVE]" {
				t.Errorf("a test charge of the flat's live car: %+v", r.Errors)
			}
		} else if len(r.Errors) != 0 {
			t.Errorf("%s for the flat: %+v", tc.mutation, r.Errors)
		}
	}
}

// TestOctopusCarAndChargerShareThePreferences reads the charging preferences the
// flat's car and its charger, registered too, each answer: one car's, the same as made
// and once set.
func TestOctopusCarAndChargerShareThePreferences(t *testing.T) {
	_, c := octopus(t, chargerRegistered)
	const read = `{ devices(accountNumber: "A-7B3E9D12") {
		... on SmartFlexVehicle { chargingPreferences { weekdayTargetSoc weekdayTargetTime weekendTargetSoc weekendTargetTime minimumSoc maximumSoc } }
		... on SmartFlexChargePoint { chargingPreferences { weekdayTargetSoc weekdayTargetTime weekendTargetSoc weekendTargetTime minimumSoc maximumSoc } } } }`
	check := func(when string) {
		t.Helper()
		devs := mustQuery(t, c)(read, nil)["devices"].([]any)
		if len(devs) != 2 {
			t.Fatalf("%s: the flat's devices %v", when, devs)
		}
		car, charger := fmt.Sprint(simtest.Get(devs[0], "chargingPreferences")), fmt.Sprint(simtest.Get(devs[1], "chargingPreferences"))
		if car != charger || car == "<nil>" {
			t.Errorf("%s: the car's preferences %s, the charger's %s", when, car, charger)
		}
	}
	check("as made")
	mustQuery(t, c)(`mutation { setVehicleChargePreferences(input: {accountNumber: "A-7B3E9D12", weekdayTargetTime: "07:30", weekdayTargetSoc: 70, weekendTargetTime: "09:00", weekendTargetSoc: 90}) { __typename } }`, nil)
	check("once set")
}

// TestOctopusTelemetryReadsEveryISOOffset reads a meter's telemetry over one window
// written in each ISO 8601 form clients send (Home Assistant's strftime %z gives
// +0000): each answers the window's half hours, and none the default window.
func TestOctopusTelemetryReadsEveryISOOffset(t *testing.T) {
	_, c := octopus(t)
	q := mustQuery(t, c)
	device := simtest.Get(q(`{ account(accountNumber: "A-C90DC431") { electricityAgreements(active: true) { meterPoint { meters { smartDevices { deviceId } } } } } }`, nil),
		"account", "electricityAgreements", 0, "meterPoint", "meters", 0, "smartDevices", 0, "deviceId").(string)
	const read = `query($d: String!, $s: DateTime!, $e: DateTime!) { smartMeterTelemetry(deviceId: $d, start: $s, end: $e, grouping: HALF_HOURLY) { readAt } }`
	for _, tc := range []struct{ start, end, want string }{
		{"2026-12-01T07:00:00Z", "2026-12-01T08:00:00Z", "[2026-12-01T07:00:00+00:00 2026-12-01T07:30:00+00:00]"},
		{"2026-12-01T07:00:00+0000", "2026-12-01T08:00:00+0000", "[2026-12-01T07:00:00+00:00 2026-12-01T07:30:00+00:00]"},
		{"2026-12-01T08:00:00+0100", "2026-12-01T09:00:00+0100", "[2026-12-01T07:00:00+00:00 2026-12-01T07:30:00+00:00]"},
		{"2026-12-01 07:00:00.000000+00:00", "2026-12-01 08:00:00+00:00", "[2026-12-01T07:00:00+00:00 2026-12-01T07:30:00+00:00]"},
		{"2026-12-01T07:00:00", "2026-12-01T08:00:00", "[2026-12-01T07:00:00+00:00 2026-12-01T07:30:00+00:00]"},
	} {
		var got []string
		for _, r := range q(read, map[string]any{"d": device, "s": tc.start, "e": tc.end})["smartMeterTelemetry"].([]any) {
			got = append(got, simtest.Get(r, "readAt").(string))
		}
		if fmt.Sprint(got) != tc.want {
			t.Errorf("%s to %s: %v, want %s", tc.start, tc.end, got, tc.want)
		}
	}
}

// TestOctopusResumedControlPlansTheRest suspends the flat's car's smart control at 21:40,
// after it was plugged in, and resumes it, beside a session that did neither: resumed at
// once, the night's plan and meter are the plain session's (the audit of Home
// Assistant's pause and resume found the plan gone for the night); resumed an hour later,
// the car charged on its own from 22:00 to 23:00 and the supplier charges what it still
// needs, the night drawing the same energy.
func TestOctopusResumedControlPlansTheRest(t *testing.T) {
	const plan = `{ plannedDispatches(accountNumber: "A-7B3E9D12") { start end delta } }`
	const read = `{ account(accountNumber: "A-7B3E9D12") { properties { electricityMeterPoints { meters {
		consumption(startAt: "2026-12-02T21:00:00Z", grouping: HALF_HOUR, timezone: "Europe/London", first: 20) { edges { node { value } } } } } } } }`
	halves := func(c *simtest.Client) []float64 {
		var v []float64
		for _, e := range simtest.Get(mustQuery(t, c)(read, nil), "account", "properties", 0, "electricityMeterPoints", 0, "meters", 0, "consumption", "edges").([]any) {
			v = append(v, number(t, simtest.Get(e, "node", "value")))
		}
		return v
	}
	sum := func(v []float64) (t float64) {
		for _, x := range v {
			t += x
		}
		return t
	}
	for _, tc := range []struct {
		name  string
		after time.Duration
	}{{"resumed at once", 0}, {"resumed an hour later", time.Hour}} {
		t.Run(tc.name, func(t *testing.T) {
			_, paused := octopus(t)
			_, plain := octopus(t)
			for _, c := range []*simtest.Client{paused, plain} {
				c.AdvanceClock(12*time.Hour + 40*time.Minute) // 21:40
				c.SignIn("demo@krakensim.dev", "krakensim")
			}
			before := fmt.Sprint(mustQuery(t, plain)(plan, nil))
			mustQuery(t, paused)(`mutation { suspendControl(input: {accountNumber: "A-7B3E9D12"}) { __typename } }`, nil)
			if tc.after > 0 {
				paused.AdvanceClock(tc.after)
				paused.SignIn("demo@krakensim.dev", "krakensim")
			}
			mustQuery(t, paused)(`mutation { resumeControl(input: {accountNumber: "A-7B3E9D12"}) { __typename } }`, nil)
			if got := fmt.Sprint(mustQuery(t, paused)(plan, nil)); tc.after == 0 && got != before {
				t.Errorf("the plan after resuming: %s, under control throughout: %s", got, before)
			}
			// The day after, the supplier has the night's half hours.
			paused.AdvanceClock(27*time.Hour - tc.after)
			plain.AdvanceClock(27 * time.Hour)
			for _, c := range []*simtest.Client{paused, plain} {
				c.SignIn("demo@krakensim.dev", "krakensim")
			}
			s, p := halves(paused), halves(plain)
			if len(s) != 20 || len(p) != 20 {
				t.Fatalf("half hours %v, %v", s, p)
			}
			switch {
			case math.Abs(sum(s)-sum(p)) > 0.01:
				t.Errorf("the night drew %.3f kWh, under control throughout %.3f: %v, %v", sum(s), sum(p), s, p)
			case tc.after == 0 && fmt.Sprint(s) != fmt.Sprint(p):
				t.Errorf("resumed at once, the half hours %v differ from %v", s, p)
			case tc.after > 0 && sum(s[2:4]) < sum(p[2:4])+3:
				t.Errorf("22:00–23:00 drew %.3f kWh, under control %.3f: the car did not charge on its own", sum(s[2:4]), sum(p[2:4]))
			}
		})
	}
}

// chargerRegistered registers the flat's charger for smart control beside its car, as
// a household that registered both would have them.
func chargerRegistered(w *sim.World) {
	for i := range w.Account("A-7B3E9D12").Devices {
		w.Account("A-7B3E9D12").Devices[i].Unregistered = false
	}
}

// TestOctopusFlatRegistersItsCarAlone reads the flat's smart-controlled devices as
// Tesla-API's and Home Assistant's clients do: one device, the car, registered through
// Tesla, which the deprecated record names with the Ohme charger it charges through;
// the record follows the car's status and suspension, and the charger's id is no
// device of the account's.
func TestOctopusFlatRegistersItsCarAlone(t *testing.T) {
	_, c := octopus(t)
	q := mustQuery(t, c)
	const read = `{ devices(accountNumber: "A-7B3E9D12") { id __typename provider status { current isSuspended } }
		registeredKrakenflexDevice(accountNumber: "A-7B3E9D12") { krakenflexDeviceId provider vehicleMake chargePointMake chargePointModel chargePointPowerInKw status suspended } }`
	got := q(read, nil)
	devs := got["devices"].([]any)
	reg := got["registeredKrakenflexDevice"]
	if len(devs) != 1 || simtest.Get(devs[0], "__typename") != "SmartFlexVehicle" || simtest.Get(devs[0], "provider") != "TESLA" {
		t.Fatalf("the flat's devices %v", devs)
	}
	if simtest.Get(reg, "krakenflexDeviceId") != simtest.Get(devs[0], "id") || simtest.Get(reg, "provider") != "TESLA" || simtest.Get(reg, "vehicleMake") != "Tesla" {
		t.Errorf("the registered device %v; the list's %v", reg, devs[0])
	}
	if simtest.Get(reg, "chargePointMake") != "Ohme" || simtest.Get(reg, "chargePointModel") != "Home Pro" || decimal(t, simtest.Get(reg, "chargePointPowerInKw")) != 7.4 {
		t.Errorf("the registration's charger %v %v at %v kW, not the Ohme Home Pro's 7.4", simtest.Get(reg, "chargePointMake"), simtest.Get(reg, "chargePointModel"), simtest.Get(reg, "chargePointPowerInKw"))
	}
	if simtest.Get(reg, "status") != "LIVE" || simtest.Get(reg, "suspended") != false {
		t.Errorf("the registration is %v, suspended %v; the car is live and under control", simtest.Get(reg, "status"), simtest.Get(reg, "suspended"))
	}
	q(`mutation { suspendControl(input: {accountNumber: "A-7B3E9D12"}) { __typename } }`, nil)
	got = q(read, nil)
	if simtest.Get(got, "registeredKrakenflexDevice", "suspended") != true || simtest.Get(got, "devices", 0, "status", "isSuspended") != true {
		t.Errorf("suspended: the registration %v, the car %v", got["registeredKrakenflexDevice"], got["devices"])
	}
	// The charger, a made-up id and the car asked for by someone else are each refused
	// as another's device is; the car, by its owner, is answered.
	const act = `mutation($id: ID!, $act: SmartControlAction!) { updateDeviceSmartControl(input: {deviceId: $id, action: $act}) { id } }`
	for _, tc := range []struct{ who, id, want string }{
		{"demo@krakensim.dev", "00000000-0002-4000-8020-0000000a7b3f", "KT-CT-1111"},
		{"demo@krakensim.dev", "1b2c3d4e-0000-4000-8000-000000000001", "KT-CT-1111"},
		{"other@krakensim.dev", "00000000-0002-4000-8020-0000000a7b3e", "KT-CT-1111"},
		{"", "00000000-0002-4000-8020-0000000a7b3e", "KT-CT-1112"},
		{"demo@krakensim.dev", "00000000-0002-4000-8020-0000000a7b3e", ""},
	} {
		c.Token = ""
		if tc.who != "" {
			c.SignIn(tc.who, "krakensim")
		}
		r := c.Query(act, map[string]any{"id": tc.id, "act": "UNSUSPEND"})
		switch {
		case tc.want == "" && (len(r.Errors) != 0 || simtest.Get(r.Data, "updateDeviceSmartControl", "id") != tc.id):
			t.Errorf("%s resuming %s: %v, %+v", tc.who, tc.id, r.Data, r.Errors)
		case tc.want != "" && (len(r.Errors) != 1 || r.Errors[0].Code() != tc.want):
			t.Errorf("%q resuming %s: %v, %+v; want %s", tc.who, tc.id, r.Data, r.Errors, tc.want)
		}
	}
	if got := q(read, nil); simtest.Get(got, "registeredKrakenflexDevice", "suspended") != false {
		t.Errorf("resumed by its owner: the registration %v", got["registeredKrakenflexDevice"])
	}
}

// TestOctopusDispatchMetaAsTheSDLSays reads the flat's dispatches in the night, one
// under way: every planned one, that one too, says its source ("Present for planned
// dispatches"), and a completed one its location and no source.
func TestOctopusDispatchMetaAsTheSDLSays(t *testing.T) {
	_, c := octopus(t)
	c.AdvanceClock(16*time.Hour + 10*time.Minute) // 3 December, 01:10
	c.SignIn("demo@krakensim.dev", "krakensim")
	got := mustQuery(t, c)(`{ plannedDispatches(accountNumber: "A-7B3E9D12") { start end meta { source location } }
		completedDispatches(accountNumber: "A-7B3E9D12") { start end meta { source location } } }`, nil)
	const now = "2026-12-03T01:10:00+00:00"
	under := 0
	for _, d := range got["plannedDispatches"].([]any) {
		start, end := simtest.Get(d, "start").(string), simtest.Get(d, "end").(string)
		if start <= now && now < end {
			under++
		}
		if simtest.Get(d, "meta", "source") != "smart-charge" || simtest.Get(d, "meta", "location") != nil {
			t.Errorf("planned %s–%s: meta %v", start, end, simtest.Get(d, "meta"))
		}
	}
	done := got["completedDispatches"].([]any)
	for _, d := range done {
		if simtest.Get(d, "meta", "source") != nil || simtest.Get(d, "meta", "location") != "AT_HOME" {
			t.Errorf("completed %v: meta %v", simtest.Get(d, "start"), simtest.Get(d, "meta"))
		}
	}
	if under != 1 || len(done) == 0 {
		t.Fatalf("at 01:10, %d planned dispatches under way, %d completed: %v", under, len(done), got)
	}
}

// boostRefused asks for a boost with op, which must be refused as Kraken refuses one:
// KT-CT-4357, with the one reason want in its boostChargeRefusalReasons.
func boostRefused(t *testing.T, c *simtest.Client, op string, vars map[string]any, want string) {
	t.Helper()
	r := c.Query(op, vars)
	if len(r.Errors) != 1 || r.Errors[0].Code() != "KT-CT-4357" || fmt.Sprint(r.Errors[0].Extensions["boostChargeRefusalReasons"]) != "["+want+"]" {
		t.Errorf("a boost refused for %s: %+v", want, r.Errors)
	}
}

// TestDevicesAtTheirProperty: a household's devices are at its home, whose id their
// propertyId is, and devices(propertyId:) lists those at that property only: none for
// another account's property or an unknown one.
func TestDevicesAtTheirProperty(t *testing.T) {
	_, c := current(t)
	q := mustQuery(t, c)
	home := simtest.Get(q(`{ account(accountNumber: "A-7B3E9D12") { properties { id } } }`, nil), "account", "properties", 0, "id")
	other := simtest.Get(q(`{ account(accountNumber: "A-C90DC431") { properties { id } } }`, nil), "account", "properties", 0, "id")
	for _, tc := range []struct {
		name string
		args string
		want int
	}{
		{"the account's", "", 1},
		{"at its home", fmt.Sprintf(", propertyId: %q", home), 1},
		{"at another account's home", fmt.Sprintf(", propertyId: %q", other), 0},
		{"at no property", `, propertyId: "999"`, 0},
	} {
		devices := simtest.Get(q(`{ devices(accountNumber: "A-7B3E9D12"`+tc.args+`) { id propertyId } }`, nil), "devices").([]any)
		if len(devices) != tc.want {
			t.Errorf("%s: %d devices, want %d", tc.name, len(devices), tc.want)
		}
		for _, d := range devices {
			if got := simtest.Get(d, "propertyId"); got != home {
				t.Errorf("%s: device %v at property %v, want %v", tc.name, simtest.Get(d, "id"), got, home)
			}
		}
	}
}

// TestCostOfChargeToItsReportDate asks costOfCharge as an MCP server for Octopus does,
// with the reportDate current SDLs give it ("the date up to which data should be
// relative to"): alone, the period that ends that day, the same as a report from it
// says; with a startDate, which overrides it, every day from the start to yesterday.
func TestCostOfChargeToItsReportDate(t *testing.T) {
	_, c := currentEdited(t, func(sdl string) string {
		return strings.Replace(sdl, "    startDate: Date\n  ): [CostOfChargeType]",
			"    startDate: Date\n\n    # The date up to which data should be relative to.\n    reportDate: Date\n  ): [CostOfChargeType]", 1)
	}, nil)
	report := func(args string) []string {
		var out []string
		for _, r := range mustQuery(t, c)(`{ costOfCharge(accountNumber: "A-7B3E9D12", frequency: DAILY`+args+`) { reportDate totalConsumption } }`, nil)["costOfCharge"].([]any) {
			out = append(out, fmt.Sprint(simtest.Get(r, "reportDate"), " ", simtest.Get(r, "totalConsumption")))
		}
		return out
	}
	from := report(`, startDate: "2026-11-25"`)
	if len(from) != 7 || !strings.HasPrefix(from[0], "2026-11-25 ") || !strings.HasPrefix(from[6], "2026-12-01 ") {
		t.Fatalf("from 25 November: %v", from)
	}
	if got := report(`, reportDate: "2026-11-25"`); len(got) != 1 || got[0] != from[0] {
		t.Errorf("to 25 November: %v, want %s", got, from[0])
	}
	if got := report(`, startDate: "2026-11-25", reportDate: "2026-11-26"`); !slices.Equal(got, from) {
		t.Errorf("from 25 November to 26 November: %v, want the start to override it: %v", got, from)
	}
	if got := report(``); len(got) != 1 || got[0] != from[6] {
		t.Errorf("neither: %v, want yesterday's %s", got, from[6])
	}
}

// TestOctopusPlanTakesTheCarToItsTargetOrLimit reads the flat's car at 20:00, plugged in
// after the day's driving, as Predbat and Home Assistant's integrations estimate its
// charge from the plan: its state of charge and tonight's smart charge reach the target
// set for the morning, or its own limit where the target exceeds it (95% and 100% alike
// stop at the limit); after a boost at noon to its limit, tonight puts back only what
// the afternoon drove; with a target below its charge, nothing is planned.
func TestOctopusPlanTakesTheCarToItsTargetOrLimit(t *testing.T) {
	const read = `{ devices(accountNumber: "A-7B3E9D12") { status { ... on SmartFlexVehicleStatus { stateOfCharge { value } stateOfChargeLimit { upperSocLimit } } } }
		plannedDispatches(accountNumber: "A-7B3E9D12") { delta meta { source } } }`
	for _, tc := range []struct {
		target int
		boost  bool
	}{{95, false}, {100, false}, {80, false}, {50, false}, {95, true}} {
		t.Run(fmt.Sprintf("target %d boost %v", tc.target, tc.boost), func(t *testing.T) {
			_, c := current(t)
			q := mustQuery(t, c)
			q(fmt.Sprintf(`mutation { setVehicleChargePreferences(input: {accountNumber: "A-7B3E9D12", weekdayTargetSoc: %d, weekendTargetSoc: %d, weekdayTargetTime: "07:00", weekendTargetTime: "07:00"}) { krakenflexDevice { krakenflexDeviceId } } }`, tc.target, tc.target), nil)
			if tc.boost {
				c.AdvanceClock(3 * time.Hour) // noon
				c.SignIn("demo@krakensim.dev", "krakensim")
				q(`mutation { triggerBoostCharge(input: {accountNumber: "A-7B3E9D12"}) { krakenflexDevice { krakenflexDeviceId } } }`, nil)
				c.AdvanceClock(8 * time.Hour)
			} else {
				c.AdvanceClock(11 * time.Hour)
			}
			c.SignIn("demo@krakensim.dev", "krakensim")
			out := q(read, nil)
			soc := number(t, simtest.Get(out, "devices", 0, "status", "stateOfCharge", "value"))
			limit := number(t, simtest.Get(out, "devices", 0, "status", "stateOfChargeLimit", "upperSocLimit"))
			var kwh float64
			for _, d := range out["plannedDispatches"].([]any) {
				if simtest.Get(d, "meta", "source") != "smart-charge" {
					t.Errorf("at 20:00, a %v dispatch", simtest.Get(d, "meta", "source"))
				}
				kwh -= number(t, simtest.Get(d, "delta"))
			}
			want := max(min(float64(tc.target), limit)-soc, 0) * 57.5 / 100 // the car's 57.5 kWh
			if math.Abs(kwh-want) > 0.6 {                                   // its state of charge is told to the percent
				t.Errorf("at %v%% of its 57.5 kWh, its limit %v%%, a target of %d%% plans %.3f kWh, want %.3f", soc, limit, tc.target, kwh, want)
			}
			if tc.boost && soc < limit-10 {
				t.Errorf("boosted at noon to its %v%% limit, it is at %v%% by 20:00", limit, soc)
			}
		})
	}
}
