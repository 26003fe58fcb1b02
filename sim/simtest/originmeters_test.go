package simtest_test

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/krakensim/krakensim/sim/simtest"
)

// keyClient is a client of srv signed in with an API key.
func keyClient(t *testing.T, srv *simtest.Server, key string) *simtest.Client {
	t.Helper()
	c := srv.Client(t)
	c.Token, _ = simtest.Get(c.Query(`mutation($k: String!) { obtainKrakenToken(input: {APIKey: $k}) { token } }`, map[string]any{"k": key}).Data, "obtainKrakenToken", "token").(string)
	return c
}

func decimalOf(t *testing.T, v any) float64 {
	t.Helper()
	f, err := strconv.ParseFloat(fmt.Sprint(v), 64)
	if err != nil {
		t.Fatalf("%v is no decimal", v)
	}
	return f
}

// An Origin gas meter and its readings say what the billing does with them: a metric
// meter read monthly, each reading's volume since the one before at the heating value
// and pressure correction the statements bill, making the MJ the statement that ends
// the day before it charges.
func TestOriginGasReadingsAgreeWithTheStatements(t *testing.T) {
	_, c := tenant(t, "origin-schema.graphql")
	data := mustQuery(t, c)(`{ account(accountNumber: "A-C90DC431") {
		bills(first: 4) { edges { node { ... on StatementType { toDate transactions(first: 10) { edges { node { title ... on Charge { consumption { quantity unit } } } } } } } } }
		properties { meterPoints { ... on GasMeterPointType { meters { activeFrom numberOfDials meterMultiplier meterMeasurementUnit meterReadFrequency currentReadPressureCorrectionFactor status
			readings(first: 3) { edges { node { ... on GasMeterReadingType { readAt value typeOfRead reasonForRead volumeFlow gasMeterUnits averageHeatingValue pressureCorrectionFactor consumedEnergy } } } } } } } } } }`, nil)
	billed := map[string]float64{} // MJ billed, by the day after the statement's end
	for _, e := range simtest.Get(data, "account", "bills", "edges").([]any) {
		to, _ := time.Parse(time.DateOnly, fmt.Sprint(simtest.Get(e, "node", "toDate")))
		for _, tx := range simtest.Get(e, "node", "transactions", "edges").([]any) {
			if simtest.Get(tx, "node", "title") == "Gas" {
				billed[to.AddDate(0, 0, 1).Format(time.DateOnly)] = decimalOf(t, simtest.Get(tx, "node", "consumption", "quantity"))
			}
		}
	}
	meter := simtest.Get(data, "account", "properties", 0, "meterPoints", 1, "meters", 0)
	if got, want := fmt.Sprintf("%v %v %v %v %v %v", simtest.Get(meter, "activeFrom"), simtest.Get(meter, "numberOfDials"), simtest.Get(meter, "meterMultiplier"), simtest.Get(meter, "meterMeasurementUnit"),
		simtest.Get(meter, "meterReadFrequency"), simtest.Get(meter, "status")), "2019-10-01T00:00:00+10:00 5 1.00 METRIC MONTHLY TURNED_ON"; got != want {
		t.Errorf("the meter: got %s, want %s", got, want)
	}
	edges := simtest.Get(meter, "readings", "edges").([]any)
	matched := 0
	for i, e := range edges[:len(edges)-1] {
		n, prev := simtest.Get(e, "node"), simtest.Get(edges[i+1], "node")
		if got := fmt.Sprintf("%v %v %v", simtest.Get(n, "typeOfRead"), simtest.Get(n, "reasonForRead"), simtest.Get(n, "gasMeterUnits")); got != "A SCH M" {
			t.Errorf("reading %d: type, reason and units %s, want a scheduled actual read of a metric meter", i, got)
		}
		if simtest.Get(n, "pressureCorrectionFactor") != simtest.Get(meter, "currentReadPressureCorrectionFactor") {
			t.Errorf("reading %d is corrected by %v, its meter by %v", i, simtest.Get(n, "pressureCorrectionFactor"), simtest.Get(meter, "currentReadPressureCorrectionFactor"))
		}
		volume := decimalOf(t, simtest.Get(n, "value")) - decimalOf(t, simtest.Get(prev, "value"))
		if got := decimalOf(t, simtest.Get(n, "volumeFlow")); math.Abs(got-volume) > 0.001 {
			t.Errorf("reading %d: volumeFlow %v, the register moved %.3f", i, got, volume)
		}
		mj := decimalOf(t, simtest.Get(n, "consumedEnergy"))
		if want := volume * decimalOf(t, simtest.Get(n, "averageHeatingValue")) * decimalOf(t, simtest.Get(n, "pressureCorrectionFactor")); math.Abs(mj-want) > 0.01 {
			t.Errorf("reading %d: consumedEnergy %v, its volume at its heating value and correction make %.2f", i, mj, want)
		}
		if b, ok := billed[fmt.Sprint(simtest.Get(n, "readAt"))[:10]]; ok {
			matched++
			if math.Abs(mj-b) > 0.5 {
				t.Errorf("reading %d: consumedEnergy %v MJ, its statement bills %v MJ", i, mj, b)
			}
		}
	}
	if matched == 0 {
		t.Errorf("no reading falls on a statement's end: %v", billed)
	}
}

// Origin's registers are the NEM's: kWh registers whose suffix is the data stream (E1
// import, B1 export), export exactly on the export NMI, at multiplier 1, dials as the
// readings show them and the network's tariff code; meters are active from local
// midnight.
func TestOriginRegistersAreTheNEMs(t *testing.T) {
	srv, c := tenant(t, "origin-schema.graphql")
	const q = `query($a: String!) { account(accountNumber: $a) { properties { meterPoints { ... on MeterPointType { identifier meters { activeFrom
		registers { suffix isExportRegister unitOfMeasure multiplier dialFormatDigits dialFormatDecimals networkTariffCode timeOfDay controlledLoad }
		readings(first: 1) { edges { node { ... on ElectricityAccumulationMeterReadingType { value } } } } } } } } } }`
	for _, tt := range []struct {
		client       *simtest.Client
		account, nmi string
		want         string
	}{
		{c, "A-C90DC431", "4102004420", "2019-10-01T00:00:00+10:00 map[controlledLoad:No dialFormatDecimals:3 dialFormatDigits:5 isExportRegister:false multiplier:1.00 networkTariffCode:EA010 suffix:E1 timeOfDay:ALLDAY unitOfMeasure:KWH]"},
		{keyClient(t, srv, "sk_live_krakensimsolar3235454"), "A-6D4F2E88", "2002316464", "2024-11-01T00:00:00+11:00 map[controlledLoad:No dialFormatDecimals:3 dialFormatDigits:5 isExportRegister:true multiplier:1.00 networkTariffCode:RSR suffix:B1 timeOfDay:ALLDAY unitOfMeasure:KWH]"},
		{keyClient(t, srv, "sk_live_krakensimother3235449"), "A-0F4A2B19", "6102019374", "2020-04-01T00:00:00+11:00 map[controlledLoad:No dialFormatDecimals:0 dialFormatDigits:5 isExportRegister:false multiplier:1.00 networkTariffCode:C1R suffix:E1 timeOfDay:ALLDAY unitOfMeasure:KWH]"},
	} {
		data := mustQuery(t, tt.client)(q, map[string]any{"a": tt.account})
		found := false
		for _, p := range simtest.Get(data, "account", "properties", 0, "meterPoints").([]any) {
			if simtest.Get(p, "identifier") != tt.nmi {
				continue
			}
			found = true
			m := simtest.Get(p, "meters", 0)
			reg := simtest.Get(m, "registers", 0).(map[string]any)
			if got := fmt.Sprint(simtest.Get(m, "activeFrom"), " ", reg); got != tt.want {
				t.Errorf("%s: got %s, want %s", tt.nmi, got, tt.want)
			}
			// The readings show as many decimals as the register's dial format.
			if v, ok := simtest.Get(m, "readings", "edges", 0, "node", "value").(string); ok {
				if frac := strings.TrimRight(v[strings.Index(v, ".")+1:], "0"); len(frac) > toInt(reg["dialFormatDecimals"]) {
					t.Errorf("%s: a reading %s shows more decimals than the dials' %v", tt.nmi, v, reg["dialFormatDecimals"])
				}
			}
		}
		if !found {
			t.Errorf("%s has no NMI %s: %v", tt.account, tt.nmi, data)
		}
	}
}

// A British domestic register reads at multiplier 1, and a gas meter's units are what a
// step of its register counts: a cubic metre, or on an imperial meter 100 cubic feet.
func TestOctopusRegisterMultiplierAndGasUnits(t *testing.T) {
	srv, c := octopus(t)
	const q = `query($a: String!) { account(accountNumber: $a) { properties { electricityMeterPoints { meters { registers { multiplier } } } gasMeterPoints { meters { imperial units } } } } }`
	for _, tt := range []struct {
		client  *simtest.Client
		account string
	}{{c, "A-C90DC431"}, {c, "A-7B3E9D12"}, {keyClient(t, srv, "sk_live_krakensimother3235449"), "A-0F4A2B19"}} {
		data := mustQuery(t, tt.client)(q, map[string]any{"a": tt.account})
		for _, p := range simtest.Get(data, "account", "properties").([]any) {
			for _, mp := range simtest.Get(p, "electricityMeterPoints").([]any) {
				for _, m := range simtest.Get(mp, "meters").([]any) {
					for _, r := range simtest.Get(m, "registers").([]any) {
						if got := fmt.Sprint(simtest.Get(r, "multiplier")); got != "1" {
							t.Errorf("%s: a register's multiplier is %s, want 1", tt.account, got)
						}
					}
				}
			}
			for _, mp := range simtest.Get(p, "gasMeterPoints").([]any) {
				for _, m := range simtest.Get(mp, "meters").([]any) {
					want := map[bool]string{false: "1", true: "100"}[simtest.Get(m, "imperial") == true]
					if got := fmt.Sprint(simtest.Get(m, "units")); got != want {
						t.Errorf("%s: a gas meter (imperial %v) counts %s units a step, want %s", tt.account, simtest.Get(m, "imperial"), got, want)
					}
				}
			}
		}
	}
}

// Origin's smart meters on a time-of-use plan and a solar home's import and export
// meters list a reading on each billing date, the use between two what the statement
// between them charged.
func TestOriginSmartMetersOfEveryPlanListTheirReadings(t *testing.T) {
	srv, c := tenant(t, "origin-schema.graphql")
	const q = `query($a: String!) { account(accountNumber: $a) {
		bills(first: 3) { edges { node { ... on StatementType { toDate transactions(first: 10) { edges { node { ... on Charge { consumption { quantity } } } } } } } } }
		properties { meterPoints { ... on MeterPointType { identifier meters { readings(first: 3) { edges { node { ... on ElectricityAccumulationMeterReadingType { value readAt } } } } } } } } } }`
	for _, tt := range []struct {
		client  *simtest.Client
		account string
		points  int
	}{{c, "A-7B3E9D12", 1}, {keyClient(t, srv, "sk_live_krakensimsolar3235454"), "A-6D4F2E88", 2}} {
		data := mustQuery(t, tt.client)(q, map[string]any{"a": tt.account})
		billed := map[string][]float64{} // kWh billed, by the day after the statement's end
		for _, e := range simtest.Get(data, "account", "bills", "edges").([]any) {
			to, _ := time.Parse(time.DateOnly, fmt.Sprint(simtest.Get(e, "node", "toDate")))
			day := to.AddDate(0, 0, 1).Format(time.DateOnly)
			for _, tx := range simtest.Get(e, "node", "transactions", "edges").([]any) {
				if q := simtest.Get(tx, "node", "consumption", "quantity"); q != nil {
					billed[day] = append(billed[day], decimalOf(t, q))
				}
			}
		}
		points := simtest.Get(data, "account", "properties", 0, "meterPoints").([]any)
		if len(points) != tt.points {
			t.Fatalf("%s: %d meter points, want %d", tt.account, len(points), tt.points)
		}
		for _, p := range points {
			edges := simtest.Get(p, "meters", 0, "readings", "edges").([]any)
			if len(edges) < 2 {
				t.Errorf("%s %v: %d readings, want one a billing date", tt.account, simtest.Get(p, "identifier"), len(edges))
				continue
			}
			for i := range edges[:len(edges)-1] {
				n, prev := simtest.Get(edges[i], "node"), simtest.Get(edges[i+1], "node")
				use := decimalOf(t, simtest.Get(n, "value")) - decimalOf(t, simtest.Get(prev, "value"))
				day := fmt.Sprint(simtest.Get(n, "readAt"))[:10]
				ok := false
				for _, kwh := range billed[day] {
					ok = ok || math.Abs(kwh-use) < 0.01
				}
				if !ok {
					t.Errorf("%s %v: the register moved %.3f kWh to %s; the statement ending the day before bills %v", tt.account, simtest.Get(p, "identifier"), use, day, billed[day])
				}
			}
		}
	}
}
