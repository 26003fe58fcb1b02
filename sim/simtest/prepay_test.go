package simtest_test

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/simtest"
)

const (
	paygElectricity = `{ ledgers: electricityPrepayLedgers(accountNumber: "A-3C7D5E91", mpan: "1600047318252", serialNumber: "23P0884152") {
		creditLedger { currentBalance } debtLedger { currentBalance } paymentLedger { payments { amount utrn } } } }`
	paygGas = `{ ledgers: gasPrepayLedgers(accountNumber: "A-3C7D5E91", mprn: "8840112736", serialNumber: "E6S11873412361") {
		creditLedger { currentBalance } debtLedger { currentBalance } } }`
	paygMeters = `{ account(accountNumber: "A-3C7D5E91") { properties { electricityMeterPoints { agreements { tariff { __typename } }
		meters { isReadyForTopup smartImportElectricityMeter { deviceId paymentMode } prepayLedgers { creditLedger { currentBalance } } } }
		gasMeterPoints { meters { smartGasMeter { deviceId paymentMode weeklyDebtRecoveryRateInPence } } } } } }`
	topUp = `mutation($d: String!, $a: Int!) { addCreditToSmartMeter(input: {accountNumber: "A-3C7D5E91", deviceId: $d, amount: $a}) { amount } }`
)

// payg is Chris, of the pay as you go flat, in the demo client's session, with the
// electricity and gas meters' device ids.
func payg(t *testing.T, edits ...func(*sim.World)) (chris, demo *simtest.Client, elec, gas string) {
	t.Helper()
	srv, c := octopus(t, edits...)
	chris = srv.ClientIn(t, c.Session)
	chris.SignIn("payg@krakensim.dev", "krakensim")
	m := mustQuery(t, chris)(paygMeters, nil)
	p := simtest.Get(m, "account", "properties", 0)
	elec, _ = simtest.Get(p, "electricityMeterPoints", 0, "meters", 0, "smartImportElectricityMeter", "deviceId").(string)
	gas, _ = simtest.Get(p, "gasMeterPoints", 0, "meters", 0, "smartGasMeter", "deviceId").(string)
	if elec == "" || gas == "" {
		t.Fatalf("the flat's meters %v", p)
	}
	return chris, c, elec, gas
}

// credit is a prepayment ledger query's credit balance.
func credit(t *testing.T, c *simtest.Client, query string) float64 {
	t.Helper()
	v, ok := simtest.Get(mustQuery(t, c)(query, nil), "ledgers", "creditLedger", "currentBalance").(float64)
	if !ok {
		t.Fatalf("no credit balance from %s", query)
	}
	return v
}

// TestOctopusPayAsYouGoMetersSpendTheirCredit: the flat's meters are prepayment meters
// whose credit its use spends as time passes, a top-up adds to at once and the gas
// meter's debt is recovered from week by week; the snapshot and the meter's own ledgers
// agree; refusals are the behaviour's own; the demo household's credit meters keep none.
func TestOctopusPayAsYouGoMetersSpendTheirCredit(t *testing.T) {
	chris, demo, elec, gas := payg(t)
	m := mustQuery(t, chris)(paygMeters, nil)
	p := simtest.Get(m, "account", "properties", 0)
	if got := spaced(simtest.Get(p, "electricityMeterPoints", 0, "agreements", 0, "tariff", "__typename"),
		simtest.Get(p, "electricityMeterPoints", 0, "meters", 0, "isReadyForTopup"),
		simtest.Get(p, "electricityMeterPoints", 0, "meters", 0, "smartImportElectricityMeter", "paymentMode"),
		simtest.Get(p, "gasMeterPoints", 0, "meters", 0, "smartGasMeter", "paymentMode"),
		simtest.Get(p, "gasMeterPoints", 0, "meters", 0, "smartGasMeter", "weeklyDebtRecoveryRateInPence")); got != "PrepayTariff true PREPAY PREPAY 350" {
		t.Errorf("the flat's meters: %s", got)
	}
	billed := mustQuery(t, chris)(`{ account(accountNumber: "A-3C7D5E91") { bills(first: 1) { edges { node { id } } } transactions(first: 1) { edges { node { __typename } } } }
		livePaymentAdequacy(accountNumber: "A-3C7D5E91") { recommendedPayment { total } } }`, nil)
	if got := spaced(len(simtest.Get(billed, "account", "bills", "edges").([]any)), len(simtest.Get(billed, "account", "transactions", "edges").([]any)),
		simtest.Get(billed, "livePaymentAdequacy", "recommendedPayment", "total")); got != "0 0 0" {
		t.Errorf("what pay as you go is billed (statements, transactions, a suggested payment): %s", got)
	}
	before := credit(t, chris, paygElectricity)
	own := simtest.Get(p, "electricityMeterPoints", 0, "meters", 0, "prepayLedgers", "creditLedger", "currentBalance")
	snapshot := simtest.Get(mustQuery(t, chris)(`query($d: String!) { prepayBalanceSnapshot(deviceId: $d) { creditInPence debtInPence emergencyCreditInPence asAt } }`,
		map[string]any{"d": elec}), "prepayBalanceSnapshot")
	if before < 1000 || before > 10000 || own != before || simtest.Get(snapshot, "creditInPence") != before ||
		simtest.Get(snapshot, "emergencyCreditInPence") != 1500.0 || simtest.Get(snapshot, "asAt") != "2026-12-02T09:00:00+00:00" {
		t.Errorf("the electricity credit %v, its meter's %v, its snapshot %v", before, own, snapshot)
	}
	// 6,000 owed on 1 November, 350 a week recovered: 6,000 − 50 × 31⅜ days.
	if got := simtest.Get(mustQuery(t, chris)(paygGas, nil), "ledgers", "debtLedger", "currentBalance"); got != -4431.0 {
		t.Errorf("the gas debt on 2 December: %v", got)
	}
	mustQuery(t, chris)(topUp, map[string]any{"d": elec, "a": 1000})
	if after := credit(t, chris, paygElectricity); after != before+1000 {
		t.Errorf("a top-up of 1,000 took the credit from %v to %v", before, after)
	}
	payments := simtest.Get(mustQuery(t, chris)(`{ prepayPayments(accountNumber: "A-3C7D5E91", first: 1) { totalCount edges { node { amount paymentDate utrn smartPrepayProcessStatus } } } }`, nil), "prepayPayments")
	newest := simtest.Get(payments, "edges", 0, "node")
	if simtest.Get(payments, "totalCount") != 7.0 || simtest.Get(newest, "amount") != 1000.0 || simtest.Get(newest, "paymentDate") != "2026-12-02" ||
		!regexp.MustCompile(`^\d{20}$`).MatchString(simtest.Get(newest, "utrn").(string)) || simtest.Get(newest, "smartPrepayProcessStatus") != "COMPLETED" {
		t.Errorf("the top-ups %v", payments)
	}
	chris.AdvanceClock(6 * time.Hour)
	chris.SignIn("payg@krakensim.dev", "krakensim")
	if later := credit(t, chris, paygElectricity); later >= before+1000 || later < before+1000-400 {
		t.Errorf("six hours' use took the credit from %v to %v", before+1000, later)
	}
	demo.SignIn("demo@krakensim.dev", "krakensim")
	for _, tc := range []struct {
		name   string
		client *simtest.Client
		vars   map[string]any
		code   string
	}{
		{"nothing", chris, map[string]any{"d": elec, "a": 0}, "KT-CT-4321"},
		{"too much", chris, map[string]any{"d": gas, "a": 25001}, "KT-CT-4321"},
		{"a device of no prepayment meter", chris, map[string]any{"d": "00-00-00-00-00-00-00-00", "a": 500}, "KT-CT-4301"},
		{"another's meter", demo, map[string]any{"d": elec, "a": 500}, "KT-CT-1111"},
	} {
		if got := graphqlCode(t, tc.client, topUp, tc.vars); got != tc.code {
			t.Errorf("a top-up of %s: %q, want %s", tc.name, got, tc.code)
		}
	}
	const pan = `mutation($d: String!) { generatePaymentAllocationNumber(input: {accountNumber: "A-3C7D5E91", deviceId: $d}) { pan } }`
	elecPAN, _ := simtest.Get(mustQuery(t, chris)(pan, map[string]any{"d": elec}), "generatePaymentAllocationNumber", "pan").(string)
	gasPAN, _ := simtest.Get(mustQuery(t, chris)(pan, map[string]any{"d": gas}), "generatePaymentAllocationNumber", "pan").(string)
	again, _ := simtest.Get(mustQuery(t, chris)(pan, map[string]any{"d": elec}), "generatePaymentAllocationNumber", "pan").(string)
	if !regexp.MustCompile(`^9826\d{15}$`).MatchString(elecPAN) || !luhn(elecPAN) || gasPAN == elecPAN || again != elecPAN {
		t.Errorf("the PANs: %q, %q, again %q", elecPAN, gasPAN, again)
	}
	if got := graphqlCode(t, demo, pan, map[string]any{"d": elec}); got != "KT-CT-1111" {
		t.Errorf("a PAN for another's meter: %q", got)
	}
	network := simtest.Get(mustQuery(t, chris)(`query($d: String!) { smartDeviceNetwork(deviceId: $d) { smartDevices { type paymentMode } } }`,
		map[string]any{"d": elec}), "smartDeviceNetwork", "smartDevices").([]any)
	var kinds []string
	for _, d := range network {
		kinds = append(kinds, fmt.Sprint(simtest.Get(d, "type"), ":", simtest.Get(d, "paymentMode")))
	}
	if got := strings.Join(kinds, " "); got != "CHF:<nil> GPF:<nil> ESME:PREPAY GSME:PREPAY PPMID:<nil> CAD:<nil>" {
		t.Errorf("the flat's home network: %s", got)
	}
	if got := simtest.Get(mustQuery(t, demo)(`{ l: electricityPrepayLedgers(accountNumber: "A-C90DC431", mpan: "1013004420117", serialNumber: "19L3471092") { creditLedger { currentBalance } } }`, nil), "l"); got != nil {
		t.Errorf("a credit meter's prepayment ledgers: %v", got)
	}
}

// TestOctopusAutoTopUpKeepsTheMeterInCredit: an auto top-up adds its amount at the end
// of each day the credit has fallen below £5, from the card in force, until disabled;
// without a card each attempt fails and the meter runs through its emergency credit.
func TestOctopusAutoTopUpKeepsTheMeterInCredit(t *testing.T) {
	const create = `mutation($d: String!) { createAutoTopupConfig(input: {accountNumber: "A-3C7D5E91", deviceId: $d, topupAmount: 2000}) { autoTopupConfig { id topupAmount effectiveFrom effectiveTo } } }`
	const triggers = `query($id: ID!) { autoTopupTriggers(autoTopupConfigId: $id) { edges { node { status source failureReason triggeredAt } } } }`
	const disable = `mutation($d: String!) { disableAutoTopup(input: {accountNumber: "A-3C7D5E91", deviceId: $d}) { success } }`
	for _, tc := range []struct {
		name           string
		edit           func(*sim.World)
		status, reason string
	}{
		{"with a card", func(*sim.World) {}, "COMPLETED", ""},
		{"without one", func(w *sim.World) {
			w.Account("A-3C7D5E91").PaymentInstructions[0].Status = "CANCELLED"
		}, "FAILED", "FAILED_TO_COLLECT_PAYMENT"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			chris, _, elec, _ := payg(t, tc.edit)
			cfg := simtest.Get(mustQuery(t, chris)(create, map[string]any{"d": elec}), "createAutoTopupConfig", "autoTopupConfig")
			id, _ := simtest.Get(cfg, "id").(string)
			if simtest.Get(cfg, "topupAmount") != 2000.0 || simtest.Get(cfg, "effectiveFrom") != "2026-12-02T09:00:00+00:00" || simtest.Get(cfg, "effectiveTo") != nil {
				t.Fatalf("the config %v", cfg)
			}
			chris.AdvanceClock(30 * 24 * time.Hour)
			chris.SignIn("payg@krakensim.dev", "krakensim")
			edges := simtest.Get(mustQuery(t, chris)(triggers, map[string]any{"id": id}), "autoTopupTriggers", "edges").([]any)
			if len(edges) == 0 {
				t.Fatal("a month's use triggered no auto top-up")
			}
			for _, e := range edges {
				n := simtest.Get(e, "node")
				if simtest.Get(n, "status") != tc.status || simtest.Get(n, "source") != "LOW_CREDIT_BALANCE" || tc.reason != "" && simtest.Get(n, "failureReason") != tc.reason {
					t.Errorf("a trigger %v", n)
				}
			}
			left := credit(t, chris, paygElectricity)
			emergency := simtest.Get(mustQuery(t, chris)(`query($d: String!) { prepayBalanceSnapshot(deviceId: $d) { emergencyCreditInPence } }`,
				map[string]any{"d": elec}), "prepayBalanceSnapshot", "emergencyCreditInPence")
			switch {
			case tc.status == "COMPLETED" && emergency != 1500.0:
				t.Errorf("topped up automatically, the credit is %v and the emergency credit left %v", left, emergency)
			case tc.status == "FAILED" && (left != 0 || emergency != 0.0):
				t.Errorf("with every top-up failing, the credit is %v and the emergency credit left %v, not both gone", left, emergency)
			}
			if got := simtest.Get(mustQuery(t, chris)(disable, map[string]any{"d": elec}), "disableAutoTopup", "success"); got != true {
				t.Errorf("disabling: %v", got)
			}
			if got := simtest.Get(mustQuery(t, chris)(disable, map[string]any{"d": elec}), "disableAutoTopup", "success"); got != false {
				t.Errorf("disabling twice: %v", got)
			}
			configs := simtest.Get(mustQuery(t, chris)(`query($d: String!) { autoTopupConfigs(deviceId: $d, accountNumber: "A-3C7D5E91") { edges { node { id effectiveTo } } } }`,
				map[string]any{"d": elec}), "autoTopupConfigs", "edges").([]any)
			if len(configs) != 1 || simtest.Get(configs[0], "node", "effectiveTo") != "2027-01-01T09:00:00+00:00" {
				t.Errorf("the configs %v", configs)
			}
		})
	}
}

// luhn reports whether a string of digits passes the Luhn check.
func luhn(s string) bool {
	sum := 0
	for i := len(s) - 1; i >= 0; i-- {
		d := int(s[i] - '0')
		if (len(s)-1-i)%2 == 1 {
			if d *= 2; d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	return sum%10 == 0
}

// TestOctopusPayAsYouGoSupplyStopsWhenItsCreditIsGone walks the flat to 22 December
// with its card cancelled, so that the household sends no top-up: its electricity
// credit and emergency credit run out on Thursday 17
// December, and the supply stops at the first half hour outside friendly hours (10:00
// to 16:00 on a working day), from when the meter measures nothing, its live demand is
// nothing and its standing charge is owed; a top-up repays that debt, then the
// emergency credit used, and puts it back on supply.
func TestOctopusPayAsYouGoSupplyStopsWhenItsCreditIsGone(t *testing.T) {
	chris, _, elec, _ := payg(t, func(w *sim.World) { w.Account("A-3C7D5E91").PaymentInstructions[0].Status = "CANCELLED" })
	chris.AdvanceClock(20*24*time.Hour + 3*time.Hour) // Tuesday 22 December, 12:00
	chris.SignIn("payg@krakensim.dev", "krakensim")
	q := mustQuery(t, chris)
	const halfHours = `{ account(accountNumber: "A-3C7D5E91") { properties { measurements(first: 300, startOn: "2026-12-16", endOn: "2026-12-21",
		utilityFilters: [{electricityFilters: {readingFrequencyType: THIRTY_MIN_INTERVAL}}]) { edges { node { value ... on IntervalMeasurementType { startAt } } } } } } }`
	read := func() (on, off []time.Time) {
		for _, e := range simtest.Get(q(halfHours, nil), "account", "properties", 0, "measurements", "edges").([]any) {
			at, _ := time.Parse(time.RFC3339, simtest.Get(e, "node", "startAt").(string))
			if simtest.Get(e, "node", "value") == "0.000" {
				off = append(off, at)
			} else {
				on = append(on, at)
			}
		}
		return on, off
	}
	on, off := read()
	if len(on) == 0 || len(off) == 0 {
		t.Fatalf("%d half hours on supply, %d off", len(on), len(off))
	}
	stopped := off[0]
	if !on[len(on)-1].Before(stopped) || stopped.Format("2006-01-02") != "2026-12-17" || stopped.Hour() < 10 || stopped.Hour() >= 16 || len(off) != int(time.Date(2026, 12, 22, 0, 0, 0, 0, time.UTC).Sub(stopped)/(30*time.Minute)) {
		t.Errorf("on supply to %v, off from %v for %d half hours; want off from a working-day half hour of 17 December to the last midnight", on[len(on)-1], stopped, len(off))
	}
	snapshot := q(`query($d: String!) { prepayBalanceSnapshot(deviceId: $d) { creditInPence emergencyCreditInPence } smartMeterTelemetry(deviceId: $d) { demand } }`, map[string]any{"d": elec})
	if got := spaced(simtest.Get(snapshot, "prepayBalanceSnapshot", "creditInPence"), simtest.Get(snapshot, "prepayBalanceSnapshot", "emergencyCreditInPence"), simtest.Get(snapshot, "smartMeterTelemetry", 0, "demand")); got != "0 0 0.0000" {
		t.Errorf("off supply: credit, emergency credit and demand %s", got)
	}
	debt := func() float64 {
		return simtest.Get(q(paygElectricity, nil), "ledgers", "debtLedger", "currentBalance").(float64)
	}
	owed := debt()
	chris.AdvanceClock(24 * time.Hour)
	chris.SignIn("payg@krakensim.dev", "krakensim")
	more := debt()
	if more >= owed {
		t.Errorf("a day off supply: debt %v, the day before %v; want its standing charge owed", more, owed)
	}
	q(topUp, map[string]any{"d": elec, "a": 5000})
	if after, left := debt(), credit(t, chris, paygElectricity); after != 0 || left != -1500+5000+more {
		t.Errorf("a top-up of 5000 owing %v: debt %v, credit %v; want the debt repaid first, then the emergency credit", -more, after, left)
	}
	chris.AdvanceClock(24 * time.Hour) // Thursday 24 December, 12:00
	chris.SignIn("payg@krakensim.dev", "krakensim")
	day := simtest.Get(q(`{ account(accountNumber: "A-3C7D5E91") { properties { measurements(first: 1, startOn: "2026-12-23", endOn: "2026-12-23",
		utilityFilters: [{electricityFilters: {readingFrequencyType: DAY_INTERVAL}}]) { edges { node { value } } } } } }`, nil), "account", "properties", 0, "measurements", "edges", 0, "node", "value")
	if v, _ := strconv.ParseFloat(fmt.Sprint(day), 64); v < 3 || credit(t, chris, paygElectricity) <= 0 {
		t.Errorf("topped up at noon on 23 December: %v kWh that day, credit %v", day, credit(t, chris, paygElectricity))
	}
}

// TestOctopusPayAsYouGoHouseholdKeepsToppingUp walks the flat into the autumn of 2027:
// after the fixture's top-ups the household tops up by card whenever a day ends with
// its credit below £5, so both meters keep measuring every month, their credit never
// runs through the emergency credit, the gas debt is recovered to nothing, and the
// ledgers, the snapshots and prepayPayments answer the same top-ups and balances.
func TestOctopusPayAsYouGoHouseholdKeepsToppingUp(t *testing.T) {
	srv, c := octopus(t)
	c.SignIn("payg@krakensim.dev", "krakensim")
	const ledgers = `{ e: electricityPrepayLedgers(accountNumber: "A-3C7D5E91", mpan: "1600047318252", serialNumber: "23P0884152") {
			creditLedger { currentBalance } debtLedger { currentBalance } paymentLedger { payments { amount paymentDate utrn } } }
		g: gasPrepayLedgers(accountNumber: "A-3C7D5E91", mprn: "8840112736", serialNumber: "E6S11873412361") {
			creditLedger { currentBalance } debtLedger { currentBalance } paymentLedger { payments { amount paymentDate utrn } } }
		prepayPayments(accountNumber: "A-3C7D5E91", first: 100) { totalCount edges { node { amount paymentDate utrn } } }
		account(accountNumber: "A-3C7D5E91") { properties { electricityMeterPoints { meters { smartImportElectricityMeter { deviceId } } }
			gasMeterPoints { meters { smartGasMeter { deviceId } } } } } }`
	const snapshot = `query($d: String!) { prepayBalanceSnapshot(deviceId: $d) { creditInPence debtInPence emergencyCreditInPence } }`
	payments := func(v any) []string {
		var out []string
		for _, p := range v.([]any) {
			p = cmp.Or(simtest.Get(p, "node"), p)
			out = append(out, fmt.Sprint(simtest.Get(p, "paymentDate"), " ", simtest.Get(p, "amount"), " ", simtest.Get(p, "utrn")))
		}
		slices.Sort(out)
		return out
	}
	now := time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)
	for _, at := range []time.Time{time.Date(2027, 3, 1, 9, 0, 0, 0, time.UTC), time.Date(2027, 7, 1, 9, 0, 0, 0, time.UTC), time.Date(2027, 10, 15, 9, 0, 0, 0, time.UTC)} {
		c.AdvanceClock(at.Sub(now))
		now = at
		c.SignIn("payg@krakensim.dev", "krakensim")
		data := mustQuery(t, c)(ledgers, nil)
		p := simtest.Get(data, "account", "properties", 0)
		var all []string
		for _, m := range []struct{ key, device string }{
			{"e", simtest.Get(p, "electricityMeterPoints", 0, "meters", 0, "smartImportElectricityMeter", "deviceId").(string)},
			{"g", simtest.Get(p, "gasMeterPoints", 0, "meters", 0, "smartGasMeter", "deviceId").(string)},
		} {
			credit := simtest.Get(data, m.key, "creditLedger", "currentBalance").(float64)
			debt := 0 - simtest.Get(data, m.key, "debtLedger", "currentBalance").(float64)
			snap := simtest.Get(mustQuery(t, c)(snapshot, map[string]any{"d": m.device}), "prepayBalanceSnapshot")
			if left, _ := simtest.Get(snap, "emergencyCreditInPence").(float64); left <= 0 || credit < 0 || credit > 5500 ||
				spaced(simtest.Get(snap, "creditInPence"), simtest.Get(snap, "debtInPence")) != spaced(credit, debt) {
				t.Errorf("%s %s: credit %v, debt %v, snapshot %v; want emergency credit left and the snapshot's credit and debt", at.Format(time.DateOnly), m.key, credit, debt, snap)
			}
			if at.Month() > time.March && debt != 0 {
				t.Errorf("%s %s: a debt of %v; want the gas debt recovered and none run up", at.Format(time.DateOnly), m.key, debt)
			}
			own := payments(simtest.Get(data, m.key, "paymentLedger", "payments"))
			if newest := own[len(own)-1]; newest < now.AddDate(0, 0, -21).Format(time.DateOnly) {
				t.Errorf("%s %s: the newest top-up %s", at.Format(time.DateOnly), m.key, newest)
			}
			all = append(all, own...)
		}
		slices.Sort(all)
		pp := simtest.Get(data, "prepayPayments")
		if listed := payments(simtest.Get(pp, "edges")); simtest.Get(pp, "totalCount") != float64(len(all)) || !slices.Equal(listed, all) {
			t.Errorf("%s: prepayPayments %v (%v), the meters' ledgers %v", at.Format(time.DateOnly), listed, simtest.Get(pp, "totalCount"), all)
		}
	}
	for _, m := range []struct {
		path  string
		least float64
	}{
		{"/v1/electricity-meter-points/1600047318252/meters/23P0884152/consumption/", 300},
		{"/v1/gas-meter-points/8840112736/meters/E6S11873412361/consumption/", 5},
	} {
		_, body := rest(t, srv, c.Session, "sk_live_krakensimpayg3235453", m.path+"?group_by=month&order_by=period&period_from=2026-12-01T00:00:00Z&period_to=2027-09-30T23:00:00Z")
		rows, _ := body["results"].([]any)
		if len(rows) != 10 {
			t.Fatalf("%s by month: %v", m.path, body)
		}
		for _, r := range rows {
			if v, _ := simtest.Get(r, "consumption").(float64); v < m.least {
				t.Errorf("%s in %v: %v; want the household's use every month", m.path, simtest.Get(r, "interval_start"), v)
			}
		}
	}
}

// TestOctopusPayAsYouGoEmergencyCreditIsNotNegativeCredit walks the flat to noon on
// 12 June 2028, when its electricity meter has spent a little of its emergency credit:
// its credit ledger shows no credit, as the meter does, not credit below nothing, and
// agrees with the snapshot, which counts what was used against the emergency credit,
// not as debt.
func TestOctopusPayAsYouGoEmergencyCreditIsNotNegativeCredit(t *testing.T) {
	chris, _, elec, _ := payg(t)
	chris.AdvanceClock(time.Date(2028, 6, 12, 12, 0, 0, 0, time.UTC).Sub(time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)))
	chris.SignIn("payg@krakensim.dev", "krakensim")
	data := mustQuery(t, chris)(`query($d: String!) { account(accountNumber: "A-3C7D5E91") { properties { electricityMeterPoints { meters {
		prepayLedgers { creditLedger { currentBalance } debtLedger { currentBalance } } } } } }
		prepayBalanceSnapshot(deviceId: $d) { creditInPence debtInPence emergencyCreditInPence } }`, map[string]any{"d": elec})
	ledgers := simtest.Get(data, "account", "properties", 0, "electricityMeterPoints", 0, "meters", 0, "prepayLedgers")
	snap := simtest.Get(data, "prepayBalanceSnapshot")
	if left, _ := simtest.Get(snap, "emergencyCreditInPence").(float64); left <= 0 || left >= 1500 {
		t.Fatalf("the snapshot %v; want some of the emergency credit used", snap)
	}
	if got := spaced(simtest.Get(ledgers, "creditLedger", "currentBalance"), simtest.Get(ledgers, "debtLedger", "currentBalance"),
		simtest.Get(snap, "creditInPence"), simtest.Get(snap, "debtInPence")); got != "0 0 0 0" {
		t.Errorf("on emergency credit, the ledgers' credit and debt and the snapshot's: %s; want no credit and no debt in either", got)
	}
}

// TestOctopusPayAsYouGoTopUpsStopWithItsCard gives the flat a card that expires in
// January 2027: the household's top-ups are taken from it until then, none after.
func TestOctopusPayAsYouGoTopUpsStopWithItsCard(t *testing.T) {
	_, c := octopus(t, func(w *sim.World) {
		a := w.Account("A-3C7D5E91")
		for i := range a.PaymentInstructions {
			if a.PaymentInstructions[i].InstructionType == "CARD" {
				a.PaymentInstructions[i].CardExpiryMonth, a.PaymentInstructions[i].CardExpiryYear = 1, 2027
			}
		}
	})
	c.AdvanceClock(time.Date(2027, 4, 1, 9, 0, 0, 0, time.UTC).Sub(time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)))
	c.SignIn("payg@krakensim.dev", "krakensim")
	data := mustQuery(t, c)(`{ prepayPayments(accountNumber: "A-3C7D5E91", first: 100) { edges { node { paymentDate } } } }`, nil)
	var dates []string
	for _, e := range simtest.Get(data, "prepayPayments", "edges").([]any) {
		dates = append(dates, fmt.Sprint(simtest.Get(e, "node", "paymentDate")))
	}
	slices.Sort(dates)
	if len(dates) == 0 || dates[len(dates)-1] >= "2027-02-01" || dates[len(dates)-1] < "2026-12-01" {
		t.Errorf("top-ups by April 2027 with a card that expired in January: %v", dates)
	}
}
