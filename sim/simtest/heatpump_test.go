package simtest_test

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/krakensim/krakensim/sim/simtest"
)

// The heat pump household: A-5E3C1B77, whose Cosy 6 (fitted 21 October 2024) is run by
// the controller with this EUID.
const (
	heatPumpAccount = "A-5E3C1B77"
	heatPumpEUID    = "00:1e:5e:09:02:5e:3c:1b"
)

// heatPumpClient is a client of Octopus's SDL signed in as the heat pump household.
func heatPumpClient(t *testing.T) *simtest.Client {
	t.Helper()
	_, c := octopus(t)
	c.SignIn("heatpump@krakensim.dev", "krakensim")
	return c
}

// number reads a Decimal or Float answer.
func number(t *testing.T, v any) float64 {
	t.Helper()
	f, err := strconv.ParseFloat(fmt.Sprint(v), 64)
	if err != nil {
		t.Fatalf("%v is not a number", v)
	}
	return f
}

// TestOctopusHeatPumpControllerIsTheHouseholds reads the heat pump household's
// controller: its account lists its EUID at its home, its configuration is a Cosy 6's
// (a hot water zone on the cylinder's sensor, a heating zone on Cosy Pods, the second
// zone and auxiliary output off), and its status agrees with it and with the heat pump
// now: the heating zone calls for heat exactly while its primary sensor reads under its
// setpoint and the heat pump draws for it, the water zone while the cylinder is heated.
// Other accounts have no controller, and a Cosy is no KrakenFlex device.
func TestOctopusHeatPumpControllerIsTheHouseholds(t *testing.T) {
	c := heatPumpClient(t)
	q := mustQuery(t, c)
	for _, hour := range []int{0, 5, 11, 19} { // 09:00, 14:00, 20:00 and 04:00 UTC
		if hour > 0 {
			c.AdvanceClock(time.Duration(hour) * time.Hour)
			c.SignIn("heatpump@krakensim.dev", "krakensim")
		}
		data := q(fmt.Sprintf(`{
			octoHeatPumpControllerEuids(accountNumber: %[1]q)
			octoHeatPumpControllersAtLocation(accountNumber: %[1]q, propertyId: 2214537) { controller { euid } heatPumpModel location { propertyId } provisionedAt }
			octoHeatPumpControllerConfiguration(accountNumber: %[1]q, euid: %[2]q) {
				controller { state heatPumpTimezone connected }
				heatPump { model faultCodes maxWaterSetpoint minWaterSetpoint }
				zones { configuration { code zoneType enabled emergency primarySensor callForHeat currentOperation { mode setpointInCelsius action } } } }
			octoHeatPumpControllerStatus(accountNumber: %[1]q, euid: %[2]q) {
				sensors { code telemetry { temperatureInCelsius humidityPercentage } }
				zones { zone telemetry { mode setpointInCelsius relaySwitchedOn heatDemand } } }
			octoHeatPumpLivePerformance(euid: %[2]q) { powerInput { value } outdoorTemperature { value } } }`, heatPumpAccount, heatPumpEUID), nil)
		if got := fmt.Sprint(data["octoHeatPumpControllerEuids"]); got != "["+heatPumpEUID+"]" {
			t.Fatalf("the household's controllers: %v", got)
		}
		if got := fmt.Sprint(data["octoHeatPumpControllersAtLocation"]); got != "[map[controller:map[euid:"+heatPumpEUID+"] heatPumpModel:Cosy 6 location:map[propertyId:2214537] provisionedAt:2024-10-21T14:00:00+01:00]]" {
			t.Errorf("the controllers at its home: %v", got)
		}
		if got := fmt.Sprint(simtest.Get(data, "octoHeatPumpControllerConfiguration", "controller"), simtest.Get(data, "octoHeatPumpControllerConfiguration", "heatPump")); got != "map[connected:true heatPumpTimezone:GMT0BST,M3.5.0/1,M10.5.0 state:[NORMAL_MODE]] map[faultCodes:[] maxWaterSetpoint:60 minWaterSetpoint:40 model:Cosy 6]" {
			t.Errorf("the controller and heat pump: %v", got)
		}
		temps := map[any]float64{}
		for _, s := range simtest.Get(data, "octoHeatPumpControllerStatus", "sensors").([]any) {
			temps[simtest.Get(s, "code")] = number(t, simtest.Get(s, "telemetry", "temperatureInCelsius"))
		}
		config := map[any]any{}
		for _, z := range simtest.Get(data, "octoHeatPumpControllerConfiguration", "zones").([]any) {
			config[simtest.Get(z, "configuration", "code")] = simtest.Get(z, "configuration")
		}
		power := number(t, simtest.Get(data, "octoHeatPumpLivePerformance", "powerInput", "value"))
		outdoor := number(t, simtest.Get(data, "octoHeatPumpLivePerformance", "outdoorTemperature", "value"))
		for _, z := range simtest.Get(data, "octoHeatPumpControllerStatus", "zones").([]any) {
			code, tm := simtest.Get(z, "zone"), simtest.Get(z, "telemetry")
			cfg := config[code]
			demand := simtest.Get(tm, "heatDemand") == true
			if simtest.Get(cfg, "callForHeat") != demand || simtest.Get(tm, "relaySwitchedOn") != demand {
				t.Errorf("%v: zone %v demands heat %v, its configuration calls for heat %v", hour, code, demand, simtest.Get(cfg, "callForHeat"))
			}
			switch code {
			case "ZONE_1":
				sp, room := number(t, simtest.Get(tm, "setpointInCelsius")), temps[simtest.Get(cfg, "primarySensor")]
				if demand != (room < sp) || demand != (outdoor < 16) || sp != number(t, simtest.Get(cfg, "currentOperation", "setpointInCelsius")) {
					t.Errorf("%v: the heating zone set to %v °C reads %v °C at %v °C outdoors and demands heat %v", hour, sp, room, outdoor, demand)
				}
				if demand && power <= 0 {
					t.Errorf("%v: the heating zone demands heat and the heat pump draws %v kW", hour, power)
				}
			case "WATER":
				if on := simtest.Get(cfg, "currentOperation", "action") == "ON"; on != demand || simtest.Get(cfg, "primarySensor") != "ADC1" {
					t.Errorf("%v: the water zone is %v and demands heat %v", hour, simtest.Get(cfg, "currentOperation", "action"), demand)
				}
			default:
				// The second zone and the auxiliary output are heating zones, off, as a
				// captured Cosy's configuration says them (zoneType HEAT, emergency true).
				if demand || simtest.Get(tm, "mode") != "OFF" || simtest.Get(cfg, "enabled") != false || simtest.Get(cfg, "zoneType") != "HEAT" || simtest.Get(cfg, "emergency") != true {
					t.Errorf("%v: zone %v is %v, enabled %v, zoneType %v, emergency %v", hour, code, simtest.Get(tm, "mode"), simtest.Get(cfg, "enabled"), simtest.Get(cfg, "zoneType"), simtest.Get(cfg, "emergency"))
				}
			}
		}
		if cyl := temps["ADC1"]; cyl < 35 || cyl > 50 || temps["ADC2"] != -273.1 {
			t.Errorf("%v: the cylinder reads %v °C, an unwired sensor %v", hour, cyl, temps["ADC2"])
		}
	}

	// The demo user's accounts have no controller; a Cosy is no KrakenFlex device.
	_, demo := octopus(t)
	got := demo.Query(`{ a: octoHeatPumpControllerEuids(accountNumber: "A-C90DC431") b: octoHeatPumpControllerEuids }`, nil)
	if fmt.Sprint(got.Data) != "map[a:[] b:[]]" {
		t.Errorf("the demo user's controllers: %v", got.Data)
	}
	for _, tc := range []struct{ query, code string }{
		{`{ octoHeatPumpControllerConfiguration(accountNumber: "A-C90DC431", euid: "` + heatPumpEUID + `") { heatPump { model } } }`, "KT-CT-4305"},
		{`{ octoHeatPumpControllerStatus(accountNumber: "A-C90DC431", euid: "00:1e:5e:09:02:00:00:01") { zones { zone } } }`, "KT-CT-4303"},
		{`{ octoHeatPumpLivePerformance(euid: "` + heatPumpEUID + `") { readAt } }`, "KT-CT-4301"},
		{`{ heatPumpStatus(accountNumber: "A-C90DC431") { isConnected } }`, "KT-CT-4301"},
	} {
		if r := demo.Query(tc.query, nil); len(r.Errors) != 1 || r.Errors[0].Extensions["errorCode"] != tc.code {
			t.Errorf("%s: %+v, want %s", tc.query, r.Errors, tc.code)
		}
	}
	if r := c.Query(`{ heatPumpStatus(accountNumber: "A-5E3C1B77") { isConnected } }`, nil); len(r.Errors) != 1 || r.Errors[0].Extensions["errorCode"] != "KT-CT-4301" {
		t.Errorf("the Cosy as a KrakenFlex device: %+v", r.Errors)
	}
}

// TestOctopusHeatPumpPerformanceIsTheMeters reads the heat pump's performance beside
// its home's meter: a day's hours add up to the day, which is the heat pump's part of
// what the meter recorded (the household's own use the rest, a few kWh a day); each
// bucket gives two to five times what it draws; its lifetime is from its commissioning
// to its reading; it draws more in January than in July; and a range that ends before it
// was commissioned is refused (KT-CT-4381).
func TestOctopusHeatPumpPerformanceIsTheMeters(t *testing.T) {
	c := heatPumpClient(t)
	q := mustQuery(t, c)
	data := q(fmt.Sprintf(`{
		hours: octoHeatPumpTimeSeriesPerformance(euid: %[1]q, startAt: "2026-12-01T00:00:00Z", endAt: "2026-12-02T00:00:00Z", performanceGrouping: DAY) { startAt endAt energyInput { value } energyOutput { value } outdoorTemperature { value } }
		day: octoHeatPumpTimeRangedPerformance(euid: %[1]q, startAt: "2026-12-01T00:00:00Z", endAt: "2026-12-02T00:00:00Z") { coefficientOfPerformance energyInput { value } energyOutput { value } }
		months: octoHeatPumpTimeSeriesPerformance(euid: %[1]q, startAt: "2025-01-01T00:00:00Z", endAt: "2026-01-01T00:00:00Z", performanceGrouping: YEAR) { startAt energyInput { value } energyOutput { value } }
		since: octoHeatPumpTimeRangedPerformance(euid: %[1]q, startAt: "2020-01-01T00:00:00Z", endAt: "2026-12-02T09:00:00Z") { energyInput { value } energyOutput { value } }
		life: octoHeatPumpLifetimePerformance(euid: %[1]q) { readAt seasonalCoefficientOfPerformance energyInput { value } heatOutput { value } }
		account(accountNumber: %[2]q) { properties { electricityMeterPoints { meters {
			consumption(startAt: "2026-12-01T00:00:00Z", grouping: DAY, timezone: "Europe/London", first: 1) { edges { node { value } } } } } } } }`,
		heatPumpEUID, heatPumpAccount), nil)
	hours := data["hours"].([]any)
	if len(hours) != 24 {
		t.Fatalf("%d hours in a day", len(hours))
	}
	var in, out float64
	for i, h := range hours {
		hin, hout := number(t, simtest.Get(h, "energyInput", "value")), number(t, simtest.Get(h, "energyOutput", "value"))
		in, out = in+hin, out+hout
		start, _ := time.Parse(time.RFC3339, simtest.Get(h, "startAt").(string))
		if !start.Equal(time.Date(2026, 12, 1, i, 0, 0, 0, time.UTC)) || hin <= 0 || hout < 2*hin || hout > 5*hin {
			t.Errorf("hour %v drew %v kWh and gave %v", simtest.Get(h, "startAt"), hin, hout)
		}
	}
	dayIn, dayOut := number(t, simtest.Get(data, "day", "energyInput", "value")), number(t, simtest.Get(data, "day", "energyOutput", "value"))
	if math.Abs(dayIn-in) > 0.02 || math.Abs(dayOut-out) > 0.02 || math.Abs(number(t, simtest.Get(data, "day", "coefficientOfPerformance"))-dayOut/dayIn) > 0.006 {
		t.Errorf("the day drew %v kWh and gave %v, its hours %v and %v", dayIn, dayOut, in, out)
	}
	meter := number(t, simtest.Get(data, "account", "properties", 0, "electricityMeterPoints", 0, "meters", 0, "consumption", "edges", 0, "node", "value"))
	if own := meter - dayIn; own < 2 || own > 20 || dayIn < 5 {
		t.Errorf("the meter recorded %v kWh on a December day, the heat pump drew %v", meter, dayIn)
	}
	months := data["months"].([]any)
	if len(months) != 12 {
		t.Fatalf("%d months in a year", len(months))
	}
	jan, jul := number(t, simtest.Get(months[0], "energyInput", "value")), number(t, simtest.Get(months[6], "energyInput", "value"))
	if jan < 3*jul || jul <= 0 {
		t.Errorf("January drew %v kWh, July %v", jan, jul)
	}
	life, since := simtest.Get(data, "life"), simtest.Get(data, "since")
	if simtest.Get(life, "readAt") != "2026-12-02T09:00:00+00:00" ||
		number(t, simtest.Get(life, "energyInput", "value")) != number(t, simtest.Get(since, "energyInput", "value")) ||
		number(t, simtest.Get(life, "heatOutput", "value")) != number(t, simtest.Get(since, "energyOutput", "value")) {
		t.Errorf("its lifetime %v; since before it was fitted %v", life, since)
	}
	if scop := number(t, simtest.Get(life, "seasonalCoefficientOfPerformance")); scop < 2.8 || scop > 4 {
		t.Errorf("its seasonal COP is %v", scop)
	}
	r := c.Query(fmt.Sprintf(`{ octoHeatPumpTimeRangedPerformance(euid: %q, startAt: "2024-01-01T00:00:00Z", endAt: "2024-10-01T00:00:00Z") { energyInput { value } } }`, heatPumpEUID), nil)
	if len(r.Errors) != 1 || r.Errors[0].Extensions["errorCode"] != "KT-CT-4381" {
		t.Errorf("a range before it was fitted: %+v", r.Errors)
	}
}

// TestOctopusHeatPumpPartialBucketsAreLabelledAsCut reads the heat pump's hours over a
// range that starts and ends within an hour, and its months of this year up to now: the
// first and last buckets are labelled with the part of the hour (or month) they cover,
// and the first holds what the heat pump drew in that part alone.
func TestOctopusHeatPumpPartialBucketsAreLabelledAsCut(t *testing.T) {
	q := mustQuery(t, heatPumpClient(t))
	data := q(fmt.Sprintf(`{
		hours: octoHeatPumpTimeSeriesPerformance(euid: %[1]q, startAt: "2026-12-01T00:30:00Z", endAt: "2026-12-01T03:15:00Z", performanceGrouping: DAY) { startAt endAt energyInput { value } }
		first: octoHeatPumpTimeRangedPerformance(euid: %[1]q, startAt: "2026-12-01T00:30:00Z", endAt: "2026-12-01T01:00:00Z") { energyInput { value } }
		months: octoHeatPumpTimeSeriesPerformance(euid: %[1]q, startAt: "2026-11-15T00:00:00Z", endAt: "2027-01-01T00:00:00Z", performanceGrouping: YEAR) { startAt endAt } }`,
		heatPumpEUID), nil)
	var spans []string
	for _, b := range append(data["hours"].([]any), data["months"].([]any)...) {
		spans = append(spans, fmt.Sprint(simtest.Get(b, "startAt"), "/", simtest.Get(b, "endAt")))
	}
	want := []string{
		"2026-12-01T00:30:00+00:00/2026-12-01T01:00:00+00:00", "2026-12-01T01:00:00+00:00/2026-12-01T02:00:00+00:00",
		"2026-12-01T02:00:00+00:00/2026-12-01T03:00:00+00:00", "2026-12-01T03:00:00+00:00/2026-12-01T03:15:00+00:00",
		"2026-11-15T00:00:00+00:00/2026-12-01T00:00:00+00:00", "2026-12-01T00:00:00+00:00/2026-12-02T09:00:00+00:00",
	}
	if !slices.Equal(spans, want) {
		t.Errorf("the buckets %v, want %v", spans, want)
	}
	if in, part := simtest.Get(data, "hours", 0, "energyInput", "value"), simtest.Get(data, "first", "energyInput", "value"); in != part {
		t.Errorf("the first half hour drew %v kWh, its bucket %v", part, in)
	}
}

// ownerOf is the user who signs in to read each default account.
var ownerOf = map[string]string{
	"A-C90DC431": "demo@krakensim.dev", "A-7B3E9D12": "demo@krakensim.dev", "A-0F4A2B19": "other@krakensim.dev",
	"A-B1A2C3D4": "business@krakensim.dev", "A-9D8E7F60": "new@krakensim.dev", heatPumpAccount: "heatpump@krakensim.dev",
}

// TestOctopusCosyIsPricedInItsWindows reads the heat pump household's Cosy Octopus
// agreement: a HalfHourlyTariff whose unitRates are today's and tomorrow's seven periods (the Cosy
// windows at about half the standard rate, 16:00–19:00 at two fifths more), the same as
// applicableRates; its last statement charges each half hour's use at its rate, as the
// meter's days cost; and the heat pump stores heat in the Cosy windows, so that the
// household's use there costs less than at the standard rate.
func TestOctopusCosyIsPricedInItsWindows(t *testing.T) {
	c := heatPumpClient(t)
	q := mustQuery(t, c)
	data := q(`{ account(accountNumber: "A-5E3C1B77") { electricityAgreements(active: true) { tariff { __typename ... on HalfHourlyTariff { tariffCode
			unitRates { validFrom validTo value preVatValue } } } }
		bills(first: 1) { edges { node { fromDate toDate ... on StatementType { transactions(first: 5) { edges { node { ... on Charge { title consumption { quantity usageCost } } } } } } } } }
		properties { electricityMeterPoints { meters { readings(first: 1) { totalCount edges { node { source } } } } } } }
		applicableRates(accountNumber: "A-5E3C1B77", mpxn: "2297542918443", startAt: "2026-12-02T00:00:00Z", endAt: "2026-12-03T00:00:00Z", first: 20) { edges { node { value validFrom validTo } } } }`, nil)
	tariff := simtest.Get(data, "account", "electricityAgreements", 0, "tariff").(map[string]any)
	rates := tariff["unitRates"].([]any)
	want := []struct {
		from, to string
		factor   float64
	}{{"00:00", "04:00", 1}, {"04:00", "07:00", 0.5}, {"07:00", "13:00", 1}, {"13:00", "16:00", 0.5}, {"16:00", "19:00", 1.4}, {"19:00", "22:00", 1}, {"22:00", "00:00", 0.5}}
	if tariff["__typename"] != "HalfHourlyTariff" || tariff["tariffCode"] != "E-1R-COSY-22-12-08-L" || len(rates) != 2*len(want) ||
		simtest.Get(rates[len(want)], "validFrom") != "2026-12-03T00:00:00+00:00" || simtest.Get(rates[2*len(want)-1], "validTo") != "2026-12-04T00:00:00+00:00" {
		t.Fatalf("the Cosy tariff: %v", tariff)
	}
	standard := simtest.Get(rates[0], "value").(float64) // overnight, before the first window
	var applicable []map[string]any
	eachNode(data["applicableRates"].(map[string]any), func(n map[string]any) { applicable = append(applicable, n) })
	for i, w := range want {
		r := rates[i].(map[string]any)
		v := r["value"].(float64)
		if !strings.HasSuffix(r["validFrom"].(string), "T"+w.from+":00+00:00") || !strings.HasSuffix(r["validTo"].(string), "T"+w.to+":00+00:00") || math.Abs(v-standard*w.factor) > 0.02 {
			t.Errorf("period %d: %v, want %s–%s at %v × %v", i, r, w.from, w.to, w.factor, standard)
		}
		if i >= len(applicable) || fmt.Sprint(applicable[i]["validFrom"]) != r["validFrom"] || fmt.Sprint(applicable[i]["value"]) != strconv.FormatFloat(r["preVatValue"].(float64), 'f', 4, 64) {
			t.Errorf("period %d: %v in unitRates, %v in applicableRates", i, r, applicable)
		}
	}
	bill := simtest.Get(data, "account", "bills", "edges", 0, "node").(map[string]any)
	from, to := bill["fromDate"].(string), bill["toDate"].(string)
	var charged, kwh float64
	for _, e := range simtest.Get(bill, "transactions", "edges").([]any) {
		if simtest.Get(e, "node", "title") == "Electricity" {
			charged += simtest.Get(e, "node", "consumption", "usageCost").(float64)
			kwh += number(t, simtest.Get(e, "node", "consumption", "quantity"))
		}
	}
	halfHours, n := meterDaysCost(t, q, heatPumpAccount, "21J0539278", from, to)
	if charged <= 0 || math.Abs(halfHours-charged) > float64(n)/2+1 {
		t.Errorf("%s–%s on Cosy: the statement charged %v p for use; the meter's days cost %v p", from, to, charged, halfHours)
	}
	// Its direct debits pay for what the meter measured, so its statements bill that and
	// its smart meter reads on each billing date.
	readings := simtest.Get(data, "account", "properties", 0, "electricityMeterPoints", 0, "meters", 0, "readings")
	if n := simtest.Get(readings, "totalCount").(float64); n < 60 || simtest.Get(readings, "edges", 0, "node", "source") != "SMART_METER" {
		t.Errorf("the meter's readings: %v", readings)
	}
	if pre := standard / 1.05; charged > 0.9*kwh*pre {
		t.Errorf("%s–%s: %v kWh cost %v p, at the standard rate %v p", from, to, kwh, charged, kwh*pre)
	}
}

// TestOctopusHeatPumpPaymentsFollowTheWinter reviews the heat pump household's payments:
// each month of the year costs what its meter draws then at Cosy's half-hourly prices,
// so January costs twice July; its direct debit covers the year, so it need not review
// its payments; the tariff comparison prices its own Cosy tariff at what it costs, and a
// quote on Cosy at that, less than on Flexible.
func TestOctopusHeatPumpPaymentsFollowTheWinter(t *testing.T) {
	c := heatPumpClient(t)
	data := mustQuery(t, c)(`{ account(accountNumber: "A-5E3C1B77") { shouldReviewPayments }
		livePaymentAdequacy(accountNumber: "A-5E3C1B77") { recommendedPayment { total } estimatedConsumption { usage } }
		smartTariffComparison(mpan: "2297542918443") { currentCost currentCostWithTax costComparisons { tariff cost } } }`, nil)
	usage := simtest.Get(data, "livePaymentAdequacy", "estimatedConsumption", 0, "usage").([]any)
	if len(usage) != 12 || usage[0].(float64) < 2*usage[6].(float64) {
		t.Errorf("the months cost %v", usage)
	}
	if simtest.Get(data, "account", "shouldReviewPayments") != false {
		t.Errorf("a direct debit of £116 against a review of %v", simtest.Get(data, "livePaymentAdequacy", "recommendedPayment"))
	}
	cmp := simtest.Get(data, "smartTariffComparison")
	if got := fmt.Sprint(simtest.Get(cmp, "costComparisons", 0, "tariff"), " ", simtest.Get(cmp, "costComparisons", 0, "cost")); got != "E-1R-COSY-22-12-08-L "+fmt.Sprint(simtest.Get(cmp, "currentCost")) {
		t.Errorf("the comparison: %v", cmp)
	}
	// A quote on Cosy is the comparison's year with VAT (in pence) at today's prices, the
	// comparison's at the prices in force then (within the price cap's steps, a tenth),
	// and cheaper than on Flexible, whose one rate meets the heat pump's half hours at
	// their dearest.
	quote := mustQuery(t, c)(`mutation { createQuoteRequestForProducts(input: {accountNumber: "A-5E3C1B77", propertyId: 2214537,
		productCodes: ["COSY-22-12-08", "VAR-22-11-01"], renewalAt: "2026-12-20T00:00:00Z"}) { quoteRequest {
		electricitySupplyPoints { quotedProducts { product { code } annualAmount } } } } }`, nil)
	amounts := map[any]float64{}
	for _, qp := range simtest.Get(quote, "createQuoteRequestForProducts", "quoteRequest", "electricitySupplyPoints", 0, "quotedProducts").([]any) {
		amounts[simtest.Get(qp, "product", "code")] = simtest.Get(qp, "annualAmount").(float64)
	}
	cosy := number(t, simtest.Get(cmp, "currentCostWithTax")) * 100
	if math.Abs(amounts["COSY-22-12-08"]-cosy) > cosy/10 || amounts["COSY-22-12-08"] == cosy || amounts["VAR-22-11-01"] <= amounts["COSY-22-12-08"] {
		t.Errorf("quoted %v; the comparison's year on Cosy %v p", amounts, cosy)
	}
}

// TestOctopusHeatPumpControllerTakesWhatIsSet sets the heat pump household's controller
// as its app does and reads it back: the heating set off holds 7 °C and calls for no
// heat, and the heat pump draws less now; the water boosted to 55 °C until an hour on
// calls for heat until then; set back to AUTO, a zone follows its schedule again; the
// hot water's setpoint, a fixed flow temperature and a sensor's new name are what the
// configuration and status show. What the controller does not take is refused with
// Kraken's codes, and another session's controller is as it was fitted.
func TestOctopusHeatPumpControllerTakesWhatIsSet(t *testing.T) {
	c := heatPumpClient(t)
	q := mustQuery(t, c)
	read := fmt.Sprintf(`{
		octoHeatPumpControllerConfiguration(accountNumber: %[1]q, euid: %[2]q) {
			heatPump { heatingFlowTemperature { currentTemperature { value } } weatherCompensation { enabled } }
			zones { configuration { code callForHeat currentOperation { mode setpointInCelsius end } sensors { ... on ZigbeeSensorConfiguration { code displayName } } } } }
		octoHeatPumpControllerStatus(accountNumber: %[1]q, euid: %[2]q) { sensors { code telemetry { temperatureInCelsius } } zones { zone telemetry { mode setpointInCelsius heatDemand } } }
		octoHeatPumpLivePerformance(euid: %[2]q) { powerInput { value } } }`, heatPumpAccount, heatPumpEUID)
	zone := func(data map[string]any, code string) (config, status any) {
		for _, z := range simtest.Get(data, "octoHeatPumpControllerConfiguration", "zones").([]any) {
			if simtest.Get(z, "configuration", "code") == code {
				config = simtest.Get(z, "configuration")
			}
		}
		for _, z := range simtest.Get(data, "octoHeatPumpControllerStatus", "zones").([]any) {
			if simtest.Get(z, "zone") == code {
				status = simtest.Get(z, "telemetry")
			}
		}
		return config, status
	}
	set := func(params string) {
		q(fmt.Sprintf(`mutation { octoHeatPumpSetZoneMode(accountNumber: %q, euid: %q, operationParameters: %s) { transactionId } }`, heatPumpAccount, heatPumpEUID, params), nil)
	}
	before := q(read, nil)
	power := func(data map[string]any) float64 {
		return number(t, simtest.Get(data, "octoHeatPumpLivePerformance", "powerInput", "value"))
	}
	if _, st := zone(before, "ZONE_1"); simtest.Get(st, "heatDemand") != true {
		t.Fatalf("on a December morning the heating calls for no heat: %v", st)
	}

	set(`{zone: ZONE_1, mode: OFF}`)
	set(`{zone: WATER, mode: BOOST, setpointInCelsius: 55, endAt: "2026-12-02T10:00:00Z"}`)
	off := q(read, nil)
	cfg, st := zone(off, "ZONE_1")
	if fmt.Sprintf("%v %v %v %v %v", simtest.Get(cfg, "currentOperation", "mode"), simtest.Get(cfg, "callForHeat"), simtest.Get(st, "mode"), simtest.Get(st, "setpointInCelsius"), simtest.Get(st, "heatDemand")) != "OFF false OFF 7 false" {
		t.Errorf("the heating set off: %v, %v", cfg, st)
	}
	if power(off) >= power(before) {
		t.Errorf("the heat pump draws %v kW with its heating off, %v kW before", power(off), power(before))
	}
	cfg, st = zone(off, "WATER")
	if fmt.Sprintf("%v %v", simtest.Get(cfg, "currentOperation"), simtest.Get(st, "heatDemand")) != "map[end:2026-12-02T10:00:00+00:00 mode:BOOST setpointInCelsius:55] true" {
		t.Errorf("the water boosted: %v, %v", cfg, st)
	}

	set(`{zone: ZONE_1, mode: AUTO}`)
	q(fmt.Sprintf(`mutation { octoHeatPumpUpdateWaterSetpoint(accountNumber: %[1]q, euid: %[2]q, setpoint: 55) { transactionId }
		octoHeatPumpUpdateFlowTemperatureConfiguration(euid: %[2]q, flowTemperatureInput: {useWeatherCompensation: false, flowTemperature: {value: "45", unit: DEGREES_CELSIUS}}) { transactionId }
		octoHeatPumpUpdateSensorDisplayName(accountNumber: %[1]q, euid: %[2]q, sensorCode: "SENSOR02", displayName: "Study") { transactionId } }`, heatPumpAccount, heatPumpEUID), nil)
	after := q(read, nil)
	if cfg, st := zone(after, "ZONE_1"); simtest.Get(cfg, "currentOperation", "mode") != "AUTO" || simtest.Get(st, "heatDemand") != true {
		t.Errorf("the heating set back to AUTO: %v, %v", cfg, st)
	}
	if got := fmt.Sprint(simtest.Get(after, "octoHeatPumpControllerConfiguration", "heatPump")); got != "map[heatingFlowTemperature:map[currentTemperature:map[value:45]] weatherCompensation:map[enabled:false]]" {
		t.Errorf("the flow set to 45 °C: %v", got)
	}
	cfg, _ = zone(after, "ZONE_1")
	if got := fmt.Sprint(simtest.Get(cfg, "sensors", 1)); got != "map[code:SENSOR02 displayName:Study]" {
		t.Errorf("the renamed sensor: %v", got)
	}
	cylinder := func(data map[string]any) float64 {
		return number(t, simtest.Get(data, "octoHeatPumpControllerStatus", "sensors", 0, "telemetry", "temperatureInCelsius"))
	}
	if cylinder(after) != cylinder(before)+5 {
		t.Errorf("the cylinder reads %v °C at a setpoint of 55, %v at 50", cylinder(after), cylinder(before))
	}

	for _, tc := range []struct{ mutation, code string }{
		{`octoHeatPumpSetZoneMode(accountNumber: "A-5E3C1B77", euid: "` + heatPumpEUID + `", operationParameters: {zone: ZONE_2, mode: ON}) { transactionId }`, "KT-CT-4333"},
		{`octoHeatPumpSetZoneMode(accountNumber: "A-5E3C1B77", euid: "` + heatPumpEUID + `", operationParameters: {zone: ZONE_1, mode: ON, setpointInCelsius: 35}) { transactionId }`, "KT-CT-4333"},
		{`octoHeatPumpSetZoneMode(accountNumber: "A-5E3C1B77", euid: "` + heatPumpEUID + `", operationParameters: {zone: WATER, mode: BOOST}) { transactionId }`, "KT-CT-4333"},
		{`octoHeatPumpSetZoneMode(accountNumber: "A-5E3C1B77", euid: "00:1e:5e:09:02:00:00:01", operationParameters: {zone: ZONE_1, mode: OFF}) { transactionId }`, "KT-CT-4306"},
		{`octoHeatPumpUpdateWaterSetpoint(accountNumber: "A-5E3C1B77", euid: "` + heatPumpEUID + `", setpoint: 65) { transactionId }`, "KT-CT-4321"},
		{`octoHeatPumpUpdateFlowTemperatureConfiguration(euid: "` + heatPumpEUID + `", flowTemperatureInput: {useWeatherCompensation: true, weatherCompensationValues: {minimum: {value: "50", unit: DEGREES_CELSIUS}, maximum: {value: "40", unit: DEGREES_CELSIUS}}}) { transactionId }`, "KT-CT-4321"},
		{`octoHeatPumpUpdateSensorDisplayName(accountNumber: "A-5E3C1B77", euid: "` + heatPumpEUID + `", sensorCode: "SENSOR09", displayName: "Loft") { transactionId }`, "KT-CT-4321"},
	} {
		if r := c.Query("mutation { "+tc.mutation+" }", nil); len(r.Errors) != 1 || r.Errors[0].Extensions["errorCode"] != tc.code {
			t.Errorf("%s: %+v, want %s", tc.mutation, r.Errors, tc.code)
		}
	}
	if again := q(read, nil); fmt.Sprint(again["octoHeatPumpControllerConfiguration"]) != fmt.Sprint(after["octoHeatPumpControllerConfiguration"]) {
		t.Errorf("a refused change changed the controller: %v", again["octoHeatPumpControllerConfiguration"])
	}

	// Weather compensation on keeps the fixed flow for when it is off again, and takes a
	// new one given beside its range (as Home Assistant sends both).
	for _, tc := range []struct{ input, want string }{
		{`{useWeatherCompensation: true, weatherCompensationValues: {minimum: {value: "33", unit: DEGREES_CELSIUS}, maximum: {value: "40", unit: DEGREES_CELSIUS}}}`, "45 true"},
		{`{useWeatherCompensation: true, flowTemperature: {value: "38", unit: DEGREES_CELSIUS}, weatherCompensationValues: {minimum: {value: "33", unit: DEGREES_CELSIUS}, maximum: {value: "40", unit: DEGREES_CELSIUS}}}`, "38 true"},
	} {
		q(fmt.Sprintf(`mutation { octoHeatPumpUpdateFlowTemperatureConfiguration(euid: %q, flowTemperatureInput: %s) { transactionId } }`, heatPumpEUID, tc.input), nil)
		hp := simtest.Get(q(read, nil), "octoHeatPumpControllerConfiguration", "heatPump")
		if got := fmt.Sprint(simtest.Get(hp, "heatingFlowTemperature", "currentTemperature", "value"), " ", simtest.Get(hp, "weatherCompensation", "enabled")); got != tc.want {
			t.Errorf("%s: the fixed flow and compensation read %s, want %s", tc.input, got, tc.want)
		}
	}

	other := heatPumpClient(t)
	if got := mustQuery(t, other)(read, nil); fmt.Sprint(got["octoHeatPumpControllerConfiguration"]) != fmt.Sprint(before["octoHeatPumpControllerConfiguration"]) {
		t.Errorf("another session's controller: %v", got["octoHeatPumpControllerConfiguration"])
	}
}

// TestOctopusHeatingSetOffIsMetered sets the heat pump household's heating off at 09:00
// and back to AUTO at 12:00: in those hours the heat pump drew nothing (no water is
// heated then) and the meter recorded the household alone, what another session, whose
// heating stayed on, records less its heat pump's; from 12:00 it draws again, and the
// span stays off after the zone is back on.
func TestOctopusHeatingSetOffIsMetered(t *testing.T) {
	const (
		ranged = `query($s: DateTime!, $e: DateTime!) { octoHeatPumpTimeRangedPerformance(euid: "` + heatPumpEUID + `", startAt: $s, endAt: $e) { energyInput { value } } }`
		meter  = `{ account(accountNumber: "A-5E3C1B77") { properties { electricityMeterPoints { meters {
			consumption(startAt: "2026-12-02T09:00:00Z", grouping: HALF_HOUR, timezone: "Europe/London", first: 6) { edges { node { value } } } } } } } }`
		set = `mutation($m: Mode!) { octoHeatPumpSetZoneMode(accountNumber: "A-5E3C1B77", euid: "` + heatPumpEUID + `", operationParameters: {zone: ZONE_1, mode: $m}) { transactionId } }`
	)
	drew := func(c *simtest.Client, from, to string) float64 {
		return number(t, simtest.Get(mustQuery(t, c)(ranged, map[string]any{"s": from, "e": to}), "octoHeatPumpTimeRangedPerformance", "energyInput", "value"))
	}
	morning := func(c *simtest.Client) float64 {
		var kwh float64
		for _, e := range simtest.Get(mustQuery(t, c)(meter, nil), "account", "properties", 0, "electricityMeterPoints", 0, "meters", 0, "consumption", "edges").([]any) {
			kwh += number(t, simtest.Get(e, "node", "value"))
		}
		return kwh
	}
	later := func(c *simtest.Client, d time.Duration) {
		c.AdvanceClock(d)
		c.SignIn("heatpump@krakensim.dev", "krakensim")
	}
	off := heatPumpClient(t)
	mustQuery(t, off)(set, map[string]any{"m": "OFF"})
	later(off, 3*time.Hour)
	mustQuery(t, off)(set, map[string]any{"m": "AUTO"})
	later(off, 3*time.Hour)
	on := heatPumpClient(t)
	later(on, 6*time.Hour)

	if got := drew(off, "2026-12-02T09:00:00Z", "2026-12-02T12:00:00Z"); got != 0 {
		t.Errorf("with its heating off from 09:00 to 12:00 the heat pump drew %v kWh", got)
	}
	if got := drew(off, "2026-12-02T12:00:00Z", "2026-12-02T15:00:00Z"); got <= 0 {
		t.Errorf("back on from 12:00, the heat pump drew %v kWh", got)
	}
	left := drew(on, "2026-12-02T09:00:00Z", "2026-12-02T12:00:00Z")
	// The supplier has the meter's half hours up to the last midnight.
	later(off, 10*time.Hour)
	later(on, 10*time.Hour)
	if got, want := morning(off), morning(on)-left; left <= 0 || math.Abs(got-want) > 0.002 {
		t.Errorf("from 09:00 to 12:00 the meter recorded %v kWh with the heating off, %v with it on, whose heat pump drew %v", got, morning(on), left)
	}
}

// TestOctopusHeatPumpSchedulesAreTheZones sets the heat pump household's heating
// schedule (19 °C from midnight, off from 08:00, every day) and reads it back: the
// configuration lists it as set (days a mask from Sunday, as its input is), and at 09:00
// the heating zone is off by its schedule (7 °C, no demand); schedules the zone does not
// take are refused (KT-CT-4334), and an EUID the account has none of (KT-CT-4308).
func TestOctopusHeatPumpSchedulesAreTheZones(t *testing.T) {
	c := heatPumpClient(t)
	q := mustQuery(t, c)
	set := func(zone, schedules string) *simtest.Response {
		return c.Query(fmt.Sprintf(`mutation { octoHeatPumpSetZoneSchedules(accountNumber: %q, euid: %q, zoneScheduleParameters: {zone: %s, schedules: %s}) { transactionId } }`,
			heatPumpAccount, heatPumpEUID, zone, schedules), nil)
	}
	read := fmt.Sprintf(`{ octoHeatPumpControllerConfiguration(accountNumber: %[1]q, euid: %[2]q) { zones { configuration { code } schedules { days settings { startTime action setpointInCelsius } } } }
		octoHeatPumpControllerStatus(accountNumber: %[1]q, euid: %[2]q) { zones { zone telemetry { mode setpointInCelsius heatDemand } } } }`, heatPumpAccount, heatPumpEUID)
	before := q(read, nil)
	if got := fmt.Sprint(simtest.Get(before, "octoHeatPumpControllerConfiguration", "zones", 1, "schedules", 0, "days")); got != "1111111" {
		t.Errorf("the fitted heating schedule's days: %v", got)
	}
	if r := set("ZONE_1", `[{days: "1111111", settings: [{time: "00:00", action: "ON", setpointInCelsius: 19}, {time: "08:00", action: "OFF"}]}]`); len(r.Errors) != 0 {
		t.Fatalf("setting the schedule: %+v", r.Errors)
	}
	after := q(read, nil)
	if got := fmt.Sprint(simtest.Get(after, "octoHeatPumpControllerConfiguration", "zones", 1, "schedules")); got != "[map[days:1111111 settings:[map[action:ON setpointInCelsius:19 startTime:00:00:00] map[action:OFF setpointInCelsius:<nil> startTime:08:00:00]]]]" {
		t.Errorf("the heating schedule as set: %v", got)
	}
	if got := fmt.Sprint(simtest.Get(after, "octoHeatPumpControllerStatus", "zones", 1, "telemetry")); got != "map[heatDemand:false mode:AUTO setpointInCelsius:7]" {
		t.Errorf("at 09:00, off by its schedule: %v", got)
	}
	for _, tc := range []struct{ zone, schedules, code string }{
		{"ZONE_2", `[{days: "1111111", settings: [{time: "06:00", action: "ON"}]}]`, "KT-CT-4334"},
		{"ZONE_1", `[{days: "0000000", settings: [{time: "06:00", action: "ON"}]}]`, "KT-CT-4334"},
		{"ZONE_1", `[{days: "1100000", settings: [{time: "06:00", action: "ON"}]}, {days: "0100000", settings: [{time: "07:00", action: "ON"}]}]`, "KT-CT-4334"},
		{"ZONE_1", `[{days: "1111111", settings: [{time: "06:00", action: "ON", setpointInCelsius: 35}]}]`, "KT-CT-4334"},
		{"WATER", `[{days: "1111111", settings: [{time: "06:00", action: "BOOST"}]}]`, "KT-CT-4334"},
	} {
		if r := set(tc.zone, tc.schedules); len(r.Errors) != 1 || r.Errors[0].Extensions["errorCode"] != tc.code {
			t.Errorf("%s %s: %+v, want %s", tc.zone, tc.schedules, r.Errors, tc.code)
		}
	}
	r := c.Query(fmt.Sprintf(`mutation { octoHeatPumpSetZoneSchedules(accountNumber: %q, euid: "00:1e:5e:09:02:00:00:01", zoneScheduleParameters: {zone: ZONE_1, schedules: [{days: "1111111", settings: [{time: "06:00", action: "ON"}]}]}) { transactionId } }`, heatPumpAccount), nil)
	if len(r.Errors) != 1 || r.Errors[0].Extensions["errorCode"] != "KT-CT-4308" {
		t.Errorf("another EUID: %+v", r.Errors)
	}
	if again := q(read, nil); fmt.Sprint(again) != fmt.Sprint(after) {
		t.Errorf("a refused schedule changed the controller: %v", again)
	}
}

// TestOctopusHeatPumpZonesAreReadAfterACommand sets the heating zone ON at 19.5 °C ten
// minutes on and reads the controller's status straight after, and two minutes later:
// the zones' telemetry shows the new mode and setpoint, retrieved (to the second) at or
// after the command and not after now, never before the command it shows.
func TestOctopusHeatPumpZonesAreReadAfterACommand(t *testing.T) {
	c := heatPumpClient(t)
	read := fmt.Sprintf(`{ octoHeatPumpControllerStatus(accountNumber: %q, euid: %q) { zones { zone telemetry { mode setpointInCelsius retrievedAt } } } }`, heatPumpAccount, heatPumpEUID)
	start := time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)
	c.AdvanceClock(10 * time.Minute)
	c.SignIn("heatpump@krakensim.dev", "krakensim")
	mustQuery(t, c)(fmt.Sprintf(`mutation { octoHeatPumpSetZoneMode(accountNumber: %q, euid: %q, operationParameters: {zone: ZONE_1, mode: ON, setpointInCelsius: "19.5"}) { transactionId } }`,
		heatPumpAccount, heatPumpEUID), nil)
	commanded := start.Add(10 * time.Minute)
	for _, later := range []time.Duration{0, 2 * time.Minute} {
		c.AdvanceClock(later)
		now := commanded.Add(later)
		for _, z := range simtest.Get(mustQuery(t, c)(read, nil), "octoHeatPumpControllerStatus", "zones").([]any) {
			at, err := time.Parse(time.RFC3339, fmt.Sprint(simtest.Get(z, "telemetry", "retrievedAt")))
			if err != nil || at.Before(commanded) || at.After(now) {
				t.Errorf("%v on: %v retrieved at %v, the command at %v", later, z, at, commanded)
			}
			if simtest.Get(z, "zone") == "ZONE_1" && fmt.Sprintf("%v %v", simtest.Get(z, "telemetry", "mode"), simtest.Get(z, "telemetry", "setpointInCelsius")) != "ON 19.5" {
				t.Errorf("%v on: the heating zone reads %v", later, z)
			}
		}
	}
}
