package simtest_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/krakensim/krakensim/sim/simtest"
)

// agreementsOf reads the demo account's agreements on Octopus's SDL, electricity then
// gas, as "id tariffCode validFrom..validTo".
func agreementsOf(t *testing.T, c *simtest.Client) string {
	t.Helper()
	data := mustQuery(t, c)(`{ account(accountNumber: "A-C90DC431") { properties {
		electricityMeterPoints { agreements(includeInactive: true) { id validFrom validTo tariff { ... on TariffType { tariffCode } } } }
		gasMeterPoints { agreements(includeInactive: true) { id validFrom validTo tariff { ... on GasTariffType { tariffCode } } } } } } }`, nil)
	out := ""
	p := simtest.Get(data, "account", "properties", 0)
	for _, fuel := range []string{"electricityMeterPoints", "gasMeterPoints"} {
		ags, _ := simtest.Get(p, fuel, 0, "agreements").([]any)
		out += fuel[:3] + ":"
		for _, ag := range ags {
			out += fmt.Sprintf(" %.0f %v %v..%v;", simtest.Get(ag, "id"), simtest.Get(ag, "tariff", "tariffCode"), simtest.Get(ag, "validFrom"), simtest.Get(ag, "validTo"))
		}
		out += " "
	}
	return out
}

// TestOctopusRenewAgreementForMeterPoint puts a meter point on a new tariff on Octopus's
// SDL: the payload's agreement of its fuel is the input's, the agreement in force ends
// when it begins, one that has not begun is replaced, and refused inputs (the other
// fuel's or another region's tariff, an unknown or another's meter point, an end before
// the start, a start that would replace an agreement that has begun) change nothing.
func TestOctopusRenewAgreementForMeterPoint(t *testing.T) {
	_, c := octopus(t)
	q := mustQuery(t, c)
	const renew = `mutation($mpxn: String!, $tariff: String!, $from: Date!, $to: Date) {
		renewAgreementForMeterPoint(input: {mpxn: $mpxn, tariffCode: $tariff, validFromDate: $from, validToDate: $to}) {
			electricityAgreement { validFrom validTo tariffCode } gasAgreement { validFrom validTo tariffCode } } }`
	data := q(renew, map[string]any{"mpxn": "1013004420117", "tariff": "E-1R-AGILE-24-10-01-A", "from": "2027-01-01", "to": "2028-01-01"})
	want := "map[electricityAgreement:map[tariffCode:E-1R-AGILE-24-10-01-A validFrom:2027-01-01T00:00:00+00:00 validTo:2028-01-01T00:00:00+00:00] gasAgreement:<nil>]"
	if got := fmt.Sprint(simtest.Get(data, "renewAgreementForMeterPoint")); got != want {
		t.Errorf("the electricity renewal:\n got %s\nwant %s", got, want)
	}
	data = q(renew, map[string]any{"mpxn": "3406086401", "tariff": "G-1R-OE-FIX-12M-24-09-01-A", "from": "2026-12-15"})
	want = "map[electricityAgreement:<nil> gasAgreement:map[tariffCode:G-1R-OE-FIX-12M-24-09-01-A validFrom:2026-12-15T00:00:00+00:00 validTo:2027-12-15T00:00:00+00:00]]"
	if got := fmt.Sprint(simtest.Get(data, "renewAgreementForMeterPoint")); got != want {
		t.Errorf("the gas renewal:\n got %s\nwant %s", got, want)
	}
	want = "ele: 9100010 E-1R-VAR-19-04-12-A 2019-10-01T00:00:00+01:00..2024-01-01T00:00:00+00:00; 9100001 E-1R-VAR-22-11-01-A 2024-01-01T00:00:00+00:00..2027-01-01T00:00:00+00:00; 9200000 E-1R-AGILE-24-10-01-A 2027-01-01T00:00:00+00:00..2028-01-01T00:00:00+00:00; 9200001 E-1R-VAR-22-11-01-A 2028-01-01T00:00:00+00:00..<nil>; " +
		"gas: 9100011 G-1R-VAR-19-04-12-A 2019-10-01T00:00:00+01:00..2024-01-01T00:00:00+00:00; 9100002 G-1R-VAR-22-11-01-A 2024-01-01T00:00:00+00:00..2026-12-15T00:00:00+00:00; 9200002 G-1R-OE-FIX-12M-24-09-01-A 2026-12-15T00:00:00+00:00..2027-12-15T00:00:00+00:00; 9200003 G-1R-VAR-22-11-01-A 2027-12-15T00:00:00+00:00..<nil>; "
	if got := agreementsOf(t, c); got != want {
		t.Errorf("the agreements afterwards:\n got %s\nwant %s", got, want)
	}
	for _, tt := range []struct{ name, mpxn, tariff, from, to, code, field string }{
		{"a gas tariff for an MPAN", "1013004420117", "G-1R-VAR-22-11-01-A", "2027-02-01", "", "KT-GB-4112", "tariffCode"},
		{"an electricity tariff for an MPRN", "3406086401", "E-1R-VAR-22-11-01-A", "2027-02-01", "", "KT-GB-4112", "tariffCode"},
		{"a gas-less product", "3406086401", "G-1R-AGILE-24-10-01-A", "2027-02-01", "", "KT-GB-4112", "tariffCode"},
		{"another region", "1013004420117", "E-1R-AGILE-24-10-01-C", "2027-02-01", "", "KT-GB-4112", "tariffCode"},
		{"an unknown meter point", "1999999999999", "E-1R-AGILE-24-10-01-A", "2027-02-01", "", "KT-GB-4112", "mpxn"},
		{"an end before the start", "1013004420117", "E-1R-AGILE-24-10-01-A", "2027-02-01", "2027-01-31", "KT-GB-4112", "validToDate"},
		{"a start replacing an agreement begun", "1013004420117", "E-1R-AGILE-24-10-01-A", "2023-06-01", "", "KT-GB-4112", "validFromDate"},
		{"another's meter point", "1200019374620", "E-1R-AGILE-24-10-01-C", "2027-02-01", "", "KT-CT-1111", ""},
	} {
		vars := map[string]any{"mpxn": tt.mpxn, "tariff": tt.tariff, "from": tt.from, "to": nil}
		if tt.to != "" {
			vars["to"] = tt.to
		}
		out := c.Query(renew, vars)
		if len(out.Errors) != 1 || out.Errors[0].Code() != tt.code {
			t.Errorf("%s: got %+v, want %s", tt.name, out.Errors, tt.code)
			continue
		}
		if tt.field != "" {
			path := fmt.Sprint(simtest.Get(out.Errors[0].Extensions, "validationErrors", 0, "inputPath"))
			if path != "[input "+tt.field+"]" {
				t.Errorf("%s: inputPath %s, want [input %s]", tt.name, path, tt.field)
			}
		}
	}
	if got := agreementsOf(t, c); got != want {
		t.Errorf("after the refused renewals:\n got %s\nwant %s", got, want)
	}
	// An agreement that has not begun is replaced by one that begins before it.
	q(renew, map[string]any{"mpxn": "1013004420117", "tariff": "E-1R-GO-VAR-22-10-14-A", "from": "2026-12-10"})
	want = "ele: 9100010 E-1R-VAR-19-04-12-A 2019-10-01T00:00:00+01:00..2024-01-01T00:00:00+00:00; 9100001 E-1R-VAR-22-11-01-A 2024-01-01T00:00:00+00:00..2026-12-10T00:00:00+00:00; 9200004 E-1R-GO-VAR-22-10-14-A 2026-12-10T00:00:00+00:00..<nil>; "
	if got := agreementsOf(t, c); got[:len(want)] != want {
		t.Errorf("after renewing before the next agreement:\n got %s\nwant %s…", got, want)
	}
}

// TestOctopusRenewAgreementsForAccount renews an account's agreements to a product on
// Octopus's SDL: each on the same kind of tariff in its region from the change date, a
// fixed product's for its term; a refused renewal (none named, an agreement not the
// account's or not of the list's fuel, a product without the fuel, a change date past
// or over 90 days ahead, another's account) changes none of them.
func TestOctopusRenewAgreementsForAccount(t *testing.T) {
	_, c := octopus(t)
	const renew = `mutation($account: String!, $e: [AgreementRenewalProductInput], $g: [AgreementRenewalProductInput], $on: Date) {
		renewAgreementsForAccount(input: {accountNumber: $account, electricityAgreements: $e, gasAgreements: $g, changeOn: $on}) { account { number } } }`
	before := agreementsOf(t, c)
	item := func(id, product string) []any {
		return []any{map[string]any{"agreementId": id, "productCode": product}}
	}
	for _, tt := range []struct {
		name, account string
		e, g          []any
		on            any
		code          string
	}{
		{"no agreements", "A-C90DC431", nil, []any{}, nil, "KT-GB-4113"},
		{"an unknown agreement", "A-C90DC431", item("9100099", "AGILE-24-10-01"), nil, nil, "KT-GB-4126"},
		{"a gas agreement as electricity", "A-C90DC431", item("9100002", "AGILE-24-10-01"), nil, nil, "KT-GB-4126"},
		{"a product without gas", "A-C90DC431", item("9100001", "AGILE-24-10-01"), item("9100002", "AGILE-24-10-01"), nil, "KT-GB-4126"},
		{"a change date past", "A-C90DC431", item("9100001", "AGILE-24-10-01"), nil, "2026-12-01", "KT-GB-4126"},
		{"a change date over 90 days ahead", "A-C90DC431", item("9100001", "AGILE-24-10-01"), nil, "2027-03-03", "KT-GB-4126"},
		{"another's account", "A-0F4A2B19", item("9100008", "AGILE-24-10-01"), nil, nil, "KT-CT-1111"},
	} {
		out := c.Query(renew, map[string]any{"account": tt.account, "e": tt.e, "g": tt.g, "on": tt.on})
		if len(out.Errors) != 1 || out.Errors[0].Code() != tt.code {
			t.Errorf("%s: got %+v, want %s", tt.name, out.Errors, tt.code)
		}
	}
	if got := agreementsOf(t, c); got != before {
		t.Errorf("after the refused renewals:\n got %s\nwant %s", got, before)
	}
	mustQuery(t, c)(renew, map[string]any{"account": "A-C90DC431", "e": item("9100001", "OE-FIX-12M-24-09-01"), "g": item("9100002", "VAR-22-11-01"), "on": "2027-03-02"})
	want := "ele: 9100010 E-1R-VAR-19-04-12-A 2019-10-01T00:00:00+01:00..2024-01-01T00:00:00+00:00; 9100001 E-1R-VAR-22-11-01-A 2024-01-01T00:00:00+00:00..2027-03-02T00:00:00+00:00; 9200000 E-1R-OE-FIX-12M-24-09-01-A 2027-03-02T00:00:00+00:00..2028-03-02T00:00:00+00:00; 9200002 E-1R-VAR-22-11-01-A 2028-03-02T00:00:00+00:00..<nil>; " +
		"gas: 9100011 G-1R-VAR-19-04-12-A 2019-10-01T00:00:00+01:00..2024-01-01T00:00:00+00:00; 9100002 G-1R-VAR-22-11-01-A 2024-01-01T00:00:00+00:00..2027-03-02T00:00:00+00:00; 9200001 G-1R-VAR-22-11-01-A 2027-03-02T00:00:00+00:00..<nil>; "
	if got := agreementsOf(t, c); got != want {
		t.Errorf("after the renewal:\n got %s\nwant %s", got, want)
	}
}

// TestOctopusCanRenewAFixedTariff reads canRenewTariff as the dashboard's getAccount
// does: false for the demo household on Flexible, a variable tariff with no term to
// renew (as Octopus answers for a variable tariff), and true once its electricity is on
// a twelve-month fixed tariff.
func TestOctopusCanRenewAFixedTariff(t *testing.T) {
	_, c := octopus(t)
	q := mustQuery(t, c)
	const can = `{ account(accountNumber: "A-C90DC431") { canRenewTariff } }`
	if got := simtest.Get(q(can, nil), "account", "canRenewTariff"); got != false {
		t.Errorf("on Flexible: canRenewTariff %v", got)
	}
	q(`mutation { renewAgreementForMeterPoint(input: {mpxn: "1013004420117", tariffCode: "E-1R-OE-FIX-12M-24-09-01-A", validFromDate: "2026-12-02", validToDate: "2027-12-02"}) {
		electricityAgreement { validFrom } } }`, nil)
	if got := simtest.Get(q(can, nil), "account", "canRenewTariff"); got != true {
		t.Errorf("on a fixed tariff to December 2027: canRenewTariff %v", got)
	}
}

// TestOctopusLeavingIntelligentGoKeepsThePast moves the flat off Intelligent Octopus Go
// onto Flexible from the 15th: its statements and its meter's past nights stay what
// they were (the car charged while it was on the tariff), its car is still dispatched
// until then (the nights before are its completed dispatches, the latest the night to
// the 15th), and from then on it is not, nor does its meter record a smart charge.
func TestOctopusLeavingIntelligentGoKeepsThePast(t *testing.T) {
	_, c := octopus(t)
	q := mustQuery(t, c)
	const past = `{ account(accountNumber: "A-7B3E9D12") { bills(first: 6) { edges { node { fromDate ... on StatementType { totalCharges { netTotal } } } } }
		properties { electricityMeterPoints { meters { consumption(startAt: "2026-11-20T00:00:00Z", grouping: HALF_HOUR, timezone: "Europe/London", first: 12) { edges { node { value } } } } } } } }`
	before0 := q(past, nil)
	before := fmt.Sprint(before0)
	planned := q(`{ plannedDispatches(accountNumber: "A-7B3E9D12") { start } }`, nil)["plannedDispatches"].([]any)
	q(`mutation { renewAgreementForMeterPoint(input: {mpxn: "1000007345180", tariffCode: "E-1R-VAR-22-11-01-A", validFromDate: "2026-12-15"}) { electricityAgreement { validFrom } } }`, nil)
	if after := fmt.Sprint(q(past, nil)); after != before {
		t.Errorf("the flat's past before leaving Intelligent Octopus Go:\n%s\nafter:\n%s", before, after)
	}
	if got := q(`{ plannedDispatches(accountNumber: "A-7B3E9D12") { start } }`, nil)["plannedDispatches"].([]any); len(planned) == 0 || fmt.Sprint(got) != fmt.Sprint(planned) {
		t.Errorf("tonight's dispatches %v, before leaving %v", got, planned)
	}
	c.AdvanceClock(14 * 24 * time.Hour) // the 16th, 09:00
	c.SignIn("demo@krakensim.dev", "krakensim")
	later := q(past, nil)
	// A statement issued since (November's) comes first; those before are as they were.
	if got := fmt.Sprint(simtest.Get(later, "account", "bills", "edges").([]any)[1:6], simtest.Get(later, "account", "properties")); got !=
		fmt.Sprint(simtest.Get(before0, "account", "bills", "edges").([]any)[:5], simtest.Get(before0, "account", "properties")) {
		t.Errorf("the flat's past once on Flexible:\n%s", got)
	}
	data := q(`{ plannedDispatches(accountNumber: "A-7B3E9D12") { start } completedDispatches(accountNumber: "A-7B3E9D12") { start }
		costOfCharge(accountNumber: "A-7B3E9D12", frequency: DAILY, startDate: "2026-12-13") { reportDate totalConsumption isSmartCharge } }`, nil)
	done := data["completedDispatches"].([]any)
	if len(data["plannedDispatches"].([]any)) != 0 || len(done) == 0 || simtest.Get(done, 0, "start").(string) >= "2026-12-15T06" {
		t.Errorf("dispatched on Flexible: %v; the nights before, on Intelligent Go: %v", data["plannedDispatches"], done)
	}
	days := data["costOfCharge"].([]any)
	if len(days) != 3 || simtest.Get(days[0], "totalConsumption").(float64) <= 0 || simtest.Get(days[2], "reportDate") != "2026-12-15" {
		t.Errorf("the car's charging from the 13th: %v", days)
	}
}

// TestOctopusReplaceAgreement replaces the demo household's electricity agreement with a
// fixed product from the 20th: the agreement in force ends then, and Flexible follows the
// fixed term; a day past, a product
// with no tariff for the supply and a supply of another's are refused.
func TestOctopusReplaceAgreement(t *testing.T) {
	_, c := octopus(t)
	const (
		replace = `mutation($m: String!, $d: Date!, $p: String!) { replaceAgreement(input: {accountNumber: "A-C90DC431", mpxn: $m, replaceOnDate: $d, newProductCode: $p}) { account { number } } }`
		read    = `{ account(accountNumber: "A-C90DC431") { electricityAgreements(active: false) { validFrom validTo tariff { ... on TariffType { productCode } } } } }`
	)
	vars := func(m, d, p string) map[string]any { return map[string]any{"m": m, "d": d, "p": p} }
	for _, tc := range []struct {
		name string
		vars map[string]any
	}{
		{"today", vars("1013004420117", "2026-12-02", "OE-FIX-12M-24-09-01")},
		{"a product with no gas tariff", vars("3406086401", "2026-12-20", "AGILE-24-10-01")},
		{"another's supply", vars("1200019374620", "2026-12-20", "OE-FIX-12M-24-09-01")},
	} {
		if got := graphqlCode(t, c, replace, tc.vars); got != "KT-GB-4126" {
			t.Errorf("%s: %q, want KT-GB-4126", tc.name, got)
		}
	}
	if r := c.Query(replace, vars("1013004420117", "2026-12-20", "OE-FIX-12M-24-09-01")); len(r.Errors) > 0 {
		t.Fatalf("replacing: %+v", r.Errors)
	}
	ags := simtest.Get(c.Query(read, nil).Data, "account", "electricityAgreements").([]any)
	rolled, fixed, prev := ags[len(ags)-1], ags[len(ags)-2], ags[len(ags)-3]
	if simtest.Get(fixed, "tariff", "productCode") != "OE-FIX-12M-24-09-01" || simtest.Get(fixed, "validFrom") != "2026-12-20T00:00:00+00:00" || simtest.Get(prev, "validTo") != "2026-12-20T00:00:00+00:00" ||
		simtest.Get(rolled, "tariff", "productCode") != "VAR-22-11-01" || simtest.Get(rolled, "validFrom") != "2027-12-20T00:00:00+00:00" {
		t.Errorf("the agreements: %v", ags)
	}
}

// TestOctopusFixedTermRollsOver moves the clock past the end of a fixed term and of a
// renewal given an end on Octopus's SDL: each supply is then on Flexible (VAR-22-11-01)
// from the day its agreement ended, in force as the dashboard reads it, and the month's
// statement charges its fuel.
func TestOctopusFixedTermRollsOver(t *testing.T) {
	_, c := octopus(t)
	q := mustQuery(t, c)
	q(`mutation { renewAgreementsForAccount(input: {accountNumber: "A-C90DC431", electricityAgreements: [{agreementId: "9100001", productCode: "OE-FIX-12M-24-09-01"}],
		changeOn: "2026-12-10"}) { account { number } } }`, nil)
	q(`mutation { renewAgreementForMeterPoint(input: {mpxn: "3406086401", tariffCode: "G-1R-OE-FIX-12M-24-09-01-A", validFromDate: "2026-12-15", validToDate: "2027-06-15"}) {
		gasAgreement { validTo } } }`, nil)
	c.AdvanceClock(time.Date(2028, 2, 10, 9, 0, 0, 0, time.UTC).Sub(time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)))
	c.SignIn("demo@krakensim.dev", "krakensim")
	data := q(`{ account(accountNumber: "A-C90DC431") {
		electricityAgreements(active: true) { validFrom validTo tariff { ... on TariffType { productCode } } }
		gasAgreements(active: true) { validFrom validTo tariff { ... on GasTariffType { productCode } } }
		bills(first: 1) { edges { node { fromDate toDate ... on StatementType { transactions(first: 10) { edges { node { title amount } } } } } } } } }`, nil)
	for _, tt := range []struct{ fuel, want string }{
		{"electricityAgreements", "[map[tariff:map[productCode:VAR-22-11-01] validFrom:2027-12-10T00:00:00+00:00 validTo:<nil>]]"},
		{"gasAgreements", "[map[tariff:map[productCode:VAR-22-11-01] validFrom:2027-06-15T00:00:00+01:00 validTo:<nil>]]"},
	} {
		if got := fmt.Sprint(simtest.Get(data, "account", tt.fuel)); got != tt.want {
			t.Errorf("%s in force:\n got %s\nwant %s", tt.fuel, got, tt.want)
		}
	}
	bill := simtest.Get(data, "account", "bills", "edges", 0, "node")
	charged := map[string]float64{}
	for _, e := range simtest.Get(bill, "transactions", "edges").([]any) {
		if amount, _ := simtest.Get(e, "node", "amount").(float64); amount > 0 {
			charged[fmt.Sprint(simtest.Get(e, "node", "title"))] += amount
		}
	}
	if simtest.Get(bill, "fromDate") != "2028-01-01" || charged["Electricity"] <= 0 || charged["Gas"] <= 0 {
		t.Errorf("the statement from %v charges %v, want electricity and gas", simtest.Get(bill, "fromDate"), charged)
	}
}
