package simtest_test

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/krakensim/krakensim/sim/simtest"
)

// TestOctopusTariffSwitch follows Octopus's tariff switch: requote prices the demo
// property on the products its smart meter allows, renewAgreements puts both fuels on
// one of them today, quoteAccountOnProducts prices a meter point on named products and
// switchMeterPointProducts moves it when its agreement ends; quoted products of
// another property or meter point, unknown ones, past dates and others' accounts are
// refused with the codes each field documents, and change nothing.
func TestOctopusTariffSwitch(t *testing.T) {
	_, c := octopus(t)
	q := mustQuery(t, c)
	data := q(`mutation { requote(input: {accountNumber: "A-C90DC431", propertyId: "2214531"}) { quote {
		postcode mpan mprn includesElectricity includesGas meterType elecEstimate
		quotedProducts { id product { code } recommended annualAmount monthlyAmount annualSaving elecTariffCode gasTariffCode
			electricityTariffInformationLabel { ... on TariffInformationLabelStandard { supplier tariffCode estimatedAnnualCost } }
			gasTariffInformationLabel { supplier tariffCode estimatedAnnualCost } } } } }`, nil)
	quote := simtest.Get(data, "requote", "quote")
	if got := spaced(simtest.Get(quote, "postcode"), simtest.Get(quote, "mpan"), simtest.Get(quote, "mprn"), simtest.Get(quote, "includesElectricity"),
		simtest.Get(quote, "includesGas"), simtest.Get(quote, "meterType"), simtest.Get(quote, "elecEstimate")); got != "NR3 1AB 1013004420117 3406086401 true true SMART false" {
		t.Errorf("the quote's supply: %s", got)
	}
	products, _ := simtest.Get(quote, "quotedProducts").([]any)
	codes, fixedID, recommended := "", "", 0
	for _, p := range products {
		code := fmt.Sprint(simtest.Get(p, "product", "code"))
		codes += code + "=" + fmt.Sprint(simtest.Get(p, "elecTariffCode"), "/", simtest.Get(p, "gasTariffCode")) + " "
		annual, _ := simtest.Get(p, "annualAmount").(float64)
		if monthly := simtest.Get(p, "monthlyAmount"); monthly != math.Round(annual/12) {
			t.Errorf("%s: monthlyAmount %v for annualAmount %v", code, monthly, annual)
		}
		// Each fuel's label is its tariff's, from the account's supplier, and the two cost
		// the quoted product's year.
		labels := 0.0
		for _, l := range []struct{ fuel, field string }{{"elec", "electricityTariffInformationLabel"}, {"gas", "gasTariffInformationLabel"}} {
			label := simtest.Get(p, l.field)
			if label == nil {
				continue
			}
			if got, want := spaced(simtest.Get(label, "supplier"), simtest.Get(label, "tariffCode")), spaced("Octopus Energy", simtest.Get(p, l.fuel+"TariffCode")); got != want {
				t.Errorf("%s: the %s label: %s, want %s", code, l.fuel, got, want)
			}
			cost, _ := simtest.Get(label, "estimatedAnnualCost").(float64)
			labels += cost
		}
		if labels != annual {
			t.Errorf("%s: the labels cost %v a year, the quoted product %v", code, labels, annual)
		}
		if simtest.Get(p, "recommended") == true {
			recommended++
		}
		if code == "OE-FIX-12M-24-09-01" {
			fixedID = fmt.Sprint(simtest.Get(p, "id"))
		}
	}
	want := "VAR-22-11-01=E-1R-VAR-22-11-01-A/G-1R-VAR-22-11-01-A AGILE-24-10-01=E-1R-AGILE-24-10-01-A/ " +
		"OE-FIX-12M-24-09-01=E-1R-OE-FIX-12M-24-09-01-A/G-1R-OE-FIX-12M-24-09-01-A "
	if codes != want || recommended != 1 {
		t.Errorf("the quoted products:\n got %s(%d recommended)\nwant %s(1 recommended)", codes, recommended, want)
	}
	before := agreementsOf(t, c)
	const renew = `mutation($id: ID!, $property: ID!, $on: Date) { renewAgreements(input: {accountNumber: "A-C90DC431",
		quotedProductId: $id, propertyId: $property, makeFullDebtRepayment: false, changeOn: $on}) { account { number } } }`
	for _, tt := range []struct {
		name, id, property string
		on                 any
		code               string
	}{
		{"an unknown quoted product", "999", "2214531", nil, "KT-GB-4125"},
		{"another property", fixedID, "2214532", nil, "KT-GB-4125"},
		{"a change date past", fixedID, "2214531", "2026-12-01", "KT-GB-4125"},
	} {
		out := c.Query(renew, map[string]any{"id": tt.id, "property": tt.property, "on": tt.on})
		if len(out.Errors) != 1 || out.Errors[0].Code() != tt.code {
			t.Errorf("renewAgreements with %s: got %+v, want %s", tt.name, out.Errors, tt.code)
		}
	}
	if got := agreementsOf(t, c); got != before {
		t.Errorf("after the refused renewals:\n got %s\nwant %s", got, before)
	}
	q(renew, map[string]any{"id": fixedID, "property": "2214531", "on": nil})
	want = "ele: 9100010 E-1R-VAR-19-04-12-A 2019-10-01T00:00:00+01:00..2024-01-01T00:00:00+00:00; 9100001 E-1R-VAR-22-11-01-A 2024-01-01T00:00:00+00:00..2026-12-02T00:00:00+00:00; 9200000 E-1R-OE-FIX-12M-24-09-01-A 2026-12-02T00:00:00+00:00..2027-12-02T00:00:00+00:00; 9200001 E-1R-VAR-22-11-01-A 2027-12-02T00:00:00+00:00..<nil>; " +
		"gas: 9100011 G-1R-VAR-19-04-12-A 2019-10-01T00:00:00+01:00..2024-01-01T00:00:00+00:00; 9100002 G-1R-VAR-22-11-01-A 2024-01-01T00:00:00+00:00..2026-12-02T00:00:00+00:00; 9200002 G-1R-OE-FIX-12M-24-09-01-A 2026-12-02T00:00:00+00:00..2027-12-02T00:00:00+00:00; 9200003 G-1R-VAR-22-11-01-A 2027-12-02T00:00:00+00:00..<nil>; "
	if got := agreementsOf(t, c); got != want {
		t.Errorf("after renewing onto the fixed product:\n got %s\nwant %s", got, want)
	}

	const quoteOn = `mutation($mpan: String!, $code: String!) { quoteAccountOnProducts(input: {accountNumber: "A-C90DC431",
		electricityMeterPointsInput: [{mpan: $mpan, productsInput: [{code: $code}]}]}) {
		quoteRequest { electricitySupplyPoints { mpan rateType agreement { id } quotedProducts { id product { code } } } } } }`
	for _, tt := range []struct{ name, mpan, code string }{
		{"an unknown MPAN", "1999999999999", "AGILE-24-10-01"},
		{"an export product", "1013004420117", "OUTGOING-VAR-24-10-26"},
	} {
		out := c.Query(quoteOn, map[string]any{"mpan": tt.mpan, "code": tt.code})
		if len(out.Errors) != 1 || out.Errors[0].Code() != "KT-GB-4614" {
			t.Errorf("quoteAccountOnProducts with %s: got %+v, want KT-GB-4614", tt.name, out.Errors)
		}
	}
	data = q(quoteOn, map[string]any{"mpan": "1013004420117", "code": "AGILE-24-10-01"})
	point := simtest.Get(data, "quoteAccountOnProducts", "quoteRequest", "electricitySupplyPoints", 0)
	if got := spaced(simtest.Get(point, "mpan"), simtest.Get(point, "rateType"), simtest.Get(point, "agreement", "id"), simtest.Get(point, "quotedProducts", 0, "product", "code")); got != "1013004420117 STANDARD 9.2e+06 AGILE-24-10-01" {
		t.Errorf("the quoted supply point: %s", got)
	}
	agileID := fmt.Sprintf("%.0f", simtest.Get(point, "quotedProducts", 0, "id"))
	const switchTo = `mutation($account: String!, $mpxn: String!, $id: ID!) { switchMeterPointProducts(input: {accountNumber: $account,
		meterPointSwitchContexts: [{mpxn: $mpxn, quotedProductId: $id}]}) { account { number } } }`
	for _, tt := range []struct{ name, account, mpxn, id, code string }{
		{"another meter point", "A-C90DC431", "3406086401", agileID, "KT-GB-4617"},
		{"an unknown quoted product", "A-C90DC431", "1013004420117", "999", "KT-GB-4617"},
		{"another's account", "A-0F4A2B19", "1200019374620", agileID, "KT-CT-4623"},
	} {
		out := c.Query(switchTo, map[string]any{"account": tt.account, "mpxn": tt.mpxn, "id": tt.id})
		if len(out.Errors) != 1 || out.Errors[0].Code() != tt.code {
			t.Errorf("switchMeterPointProducts with %s: got %+v, want %s", tt.name, out.Errors, tt.code)
		}
	}
	q(switchTo, map[string]any{"account": "A-C90DC431", "mpxn": "1013004420117", "id": agileID})
	want = "ele: 9100010 E-1R-VAR-19-04-12-A 2019-10-01T00:00:00+01:00..2024-01-01T00:00:00+00:00; 9100001 E-1R-VAR-22-11-01-A 2024-01-01T00:00:00+00:00..2026-12-02T00:00:00+00:00; 9200000 E-1R-OE-FIX-12M-24-09-01-A 2026-12-02T00:00:00+00:00..2027-12-02T00:00:00+00:00; " +
		"9200004 E-1R-AGILE-24-10-01-A 2027-12-02T00:00:00+00:00..<nil>; "
	if got := agreementsOf(t, c); got[:len(want)] != want {
		t.Errorf("after switching when the fixed agreement ends:\n got %s\nwant %s…", got, want)
	}
}

// TestOctopusRenewalQuoteRequests quotes the demo property for renewal on Octopus's SDL:
// createRenewalQuoteRequest prices each meter point on the products on offer to it and
// keeps the quote, whose products a switch takes; createQuoteRequestForProducts prices
// those of the products named that each may have, keeps nothing (null ids), and refuses
// a request with none, or for another property, with KT-GB-4624.
func TestOctopusRenewalQuoteRequests(t *testing.T) {
	_, c := octopus(t)
	q := mustQuery(t, c)
	points := func(request any) (string, []string) {
		out, ids := "", []string{}
		for _, fuel := range []string{"electricitySupplyPoints", "gasSupplyPoints"} {
			list, _ := simtest.Get(request, fuel).([]any)
			for _, p := range list {
				out += fmt.Sprint(simtest.Get(p, "mpan"), simtest.Get(p, "mprn"), ":")
				products, _ := simtest.Get(p, "quotedProducts").([]any)
				for _, qp := range products {
					out += " " + fmt.Sprint(simtest.Get(qp, "product", "code"))
					ids = append(ids, fmt.Sprint(simtest.Get(qp, "id")))
				}
				out += "; "
			}
		}
		return out, ids
	}
	const fields = `electricitySupplyPoints { mpan quotedProducts { id product { code } } } gasSupplyPoints { mprn quotedProducts { id product { code } } }`
	data := q(`mutation { createRenewalQuoteRequest(input: {accountNumber: "A-C90DC431", propertyId: 2214531, renewalAt: "2026-12-20T00:00:00Z"}) {
		quoteRequest { code `+fields+` } } }`, nil)
	got, ids := points(simtest.Get(data, "createRenewalQuoteRequest", "quoteRequest"))
	want := "1013004420117<nil>: VAR-22-11-01 AGILE-24-10-01 OE-FIX-12M-24-09-01; <nil>3406086401: VAR-22-11-01 OE-FIX-12M-24-09-01; "
	if got != want {
		t.Errorf("the renewal quote:\n got %s\nwant %s", got, want)
	}
	if len(ids) != 5 || ids[4] == "<nil>" {
		t.Fatalf("the renewal quote's ids: %v", ids)
	}
	gasFixed, _ := simtest.Get(data, "createRenewalQuoteRequest", "quoteRequest", "gasSupplyPoints", 0, "quotedProducts", 1, "id").(float64)
	q(`mutation($id: ID!) { switchMeterPointProducts(input: {accountNumber: "A-C90DC431", meterPointSwitchContexts: [{mpxn: "3406086401", quotedProductId: $id, changeOn: "2026-12-20"}]}) {
		account { number } } }`, map[string]any{"id": fmt.Sprintf("%.0f", gasFixed)})
	want = "ele: 9100010 E-1R-VAR-19-04-12-A 2019-10-01T00:00:00+01:00..2024-01-01T00:00:00+00:00; 9100001 E-1R-VAR-22-11-01-A 2024-01-01T00:00:00+00:00..<nil>; " +
		"gas: 9100011 G-1R-VAR-19-04-12-A 2019-10-01T00:00:00+01:00..2024-01-01T00:00:00+00:00; 9100002 G-1R-VAR-22-11-01-A 2024-01-01T00:00:00+00:00..2026-12-20T00:00:00+00:00; 9200000 G-1R-OE-FIX-12M-24-09-01-A 2026-12-20T00:00:00+00:00..2027-12-20T00:00:00+00:00; 9200001 G-1R-VAR-22-11-01-A 2027-12-20T00:00:00+00:00..<nil>; "
	if got := agreementsOf(t, c); got != want {
		t.Errorf("after switching onto the quoted gas product:\n got %s\nwant %s", got, want)
	}

	const forProducts = `mutation($property: Int!, $codes: [String]!) { createQuoteRequestForProducts(input: {accountNumber: "A-C90DC431",
		propertyId: $property, productCodes: $codes, renewalAt: "2026-12-20T00:00:00Z"}) { quoteRequest { ` + fields + ` } } }`
	data = q(forProducts, map[string]any{"property": 2214531, "codes": []any{"AGILE-24-10-01", "COSY-22-12-08"}})
	got, ids = points(simtest.Get(data, "createQuoteRequestForProducts", "quoteRequest"))
	if want := "1013004420117<nil>: AGILE-24-10-01; "; got != want || fmt.Sprint(ids) != "[<nil>]" {
		t.Errorf("the quote for products:\n got %s %v\nwant %s [<nil>]", got, ids, want)
	}
	for _, tt := range []struct {
		name     string
		property int
		codes    []any
	}{{"no products", 2214531, []any{}}, {"another property", 2214533, []any{"VAR-22-11-01"}}} {
		out := c.Query(forProducts, map[string]any{"property": tt.property, "codes": tt.codes})
		if len(out.Errors) != 1 || out.Errors[0].Code() != "KT-GB-4624" {
			t.Errorf("createQuoteRequestForProducts with %s: got %+v, want KT-GB-4624", tt.name, out.Errors)
		}
	}
}

// TestOctopusRefreshQuote refreshes a requote's quote by its code on Octopus's SDL: the
// quote keeps its code and products, under new ids that renewAgreements takes, the old
// ones no longer; an unknown code is KT-GB-4612.
func TestOctopusRefreshQuote(t *testing.T) {
	_, c := octopus(t)
	q := mustQuery(t, c)
	products := func(quote any) (codes, ids []string) {
		list, _ := simtest.Get(quote, "quotedProducts").([]any)
		for _, p := range list {
			codes = append(codes, fmt.Sprint(simtest.Get(p, "product", "code")))
			ids = append(ids, fmt.Sprint(simtest.Get(p, "id")))
		}
		return codes, ids
	}
	first := simtest.Get(q(`mutation { requote(input: {accountNumber: "A-C90DC431", propertyId: "2214531"}) { quote { code quotedProducts { id product { code } } } } }`, nil), "requote", "quote")
	code := fmt.Sprint(simtest.Get(first, "code"))
	codes, oldIDs := products(first)
	again := simtest.Get(q(`mutation($code: String!) { refreshQuote(input: {code: $code}) { quote { code quotedProducts { id product { code } } } } }`,
		map[string]any{"code": code}), "refreshQuote", "quote")
	newCodes, newIDs := products(again)
	if got := fmt.Sprint(simtest.Get(again, "code")); got != code || fmt.Sprint(newCodes) != fmt.Sprint(codes) {
		t.Errorf("the refreshed quote: %s %v, want %s %v", got, newCodes, code, codes)
	}
	if len(newIDs) == 0 || newIDs[0] == oldIDs[0] {
		t.Fatalf("the refreshed quote's ids %v, the first quote's %v: want new ids", newIDs, oldIDs)
	}
	const renew = `mutation($id: ID!) { renewAgreements(input: {accountNumber: "A-C90DC431", quotedProductId: $id, propertyId: "2214531",
		makeFullDebtRepayment: false, changeOn: "2026-12-10"}) { account { number } } }`
	if out := c.Query(renew, map[string]any{"id": oldIDs[0]}); len(out.Errors) != 1 || out.Errors[0].Code() != "KT-GB-4125" {
		t.Errorf("renewing onto a product of the quote before it was refreshed: got %+v, want KT-GB-4125", out.Errors)
	}
	q(renew, map[string]any{"id": newIDs[0]})
	if out := c.Query(`mutation { refreshQuote(input: {code: "NOSUCHQ1"}) { quote { code } } }`, nil); len(out.Errors) != 1 || out.Errors[0].Code() != "KT-GB-4612" {
		t.Errorf("refreshing an unknown code: got %+v, want KT-GB-4612", out.Errors)
	}
}

// TestOctopusProductSwitchIsTheQuote switches the demo home's supplies to a product its
// requote quoted, from the day asked: a new agreement on it for each supply, the
// current one ending then; a product no quote has, or a day outside the next 90, is
// refused, and nothing changes.
func TestOctopusProductSwitchIsTheQuote(t *testing.T) {
	_, c := octopus(t)
	q := mustQuery(t, c)
	quote := q(`mutation { requote(input: {accountNumber: "A-C90DC431", propertyId: "2214531"}) { quote { quotedProducts { id product { code } } } } }`, nil)
	products := simtest.Get(quote, "requote", "quote", "quotedProducts").([]any)
	id, code := simtest.Get(products[0], "id"), simtest.Get(products[0], "product", "code")
	const switchTo = `mutation($id: ID!, $d: Date!) { initiateProductSwitch(input: {accountNumber: "A-C90DC431", quotedProductId: $id, switchDate: $d}) { productCode switchDate } }`
	const read = `{ account(accountNumber: "A-C90DC431") { properties { electricityMeterPoints { agreements(includeInactive: true) { validFrom validTo tariff { ... on TariffType { productCode } } } }
		gasMeterPoints { agreements(includeInactive: true) { validFrom validTo tariff { ... on TariffType { productCode } } } } } } }`
	before := fmt.Sprint(q(read, nil))
	refusals := []struct{ name, id, date, code string }{
		{"no such product", "999999", "2026-12-10", "KT-CT-4619"},
		{"a day past", fmt.Sprint(id), "2026-12-01", ""},
		{"a day too far", fmt.Sprint(id), "2027-03-15", ""},
	}
	for _, tc := range refusals {
		out := c.Query(switchTo, map[string]any{"id": tc.id, "d": tc.date})
		if len(out.Errors) != 1 || tc.code != "" && out.Errors[0].Code() != tc.code {
			t.Errorf("%s: %+v", tc.name, out.Errors)
		}
	}
	if after := fmt.Sprint(q(read, nil)); after != before {
		t.Fatalf("refused switches changed the agreements")
	}
	done := q(switchTo, map[string]any{"id": id, "d": "2026-12-10"})
	if got := spaced(simtest.Get(done, "initiateProductSwitch", "productCode"), simtest.Get(done, "initiateProductSwitch", "switchDate")); got != spaced(code, "2026-12-10") {
		t.Errorf("switched: %s", got)
	}
	out := q(read, nil)
	for _, fuel := range []string{"electricityMeterPoints", "gasMeterPoints"} {
		ags := simtest.Get(out, "account", "properties", 0, fuel, 0, "agreements").([]any)
		last, prev := ags[len(ags)-1], ags[len(ags)-2]
		if simtest.Get(last, "tariff", "productCode") != code || simtest.Get(last, "validFrom") != "2026-12-10T00:00:00+00:00" || simtest.Get(prev, "validTo") != "2026-12-10T00:00:00+00:00" {
			t.Errorf("%s: agreements end with %v after %v", fuel, last, prev)
		}
	}
}

// TestOriginPlanChange quotes the demo household's supplies on Origin by NMI and MIRN,
// selects the fixed product for the electricity, sends the quote, and switches: the
// quoted products are priced as the supplies used, the selection rules the switch
// (another product refused with KT-CT-4626), and the switch accepts the quote.
func TestOriginPlanChange(t *testing.T) {
	_, c := tenant(t, "origin-schema.graphql")
	const (
		quote = `mutation($ids: [String]!) { createQuoteForAccount(input: {accountNumber: "A-C90DC431", identifiers: $ids, asOf: "2026-12-02"}) {
			quoteRequest { code acceptedAt quotedSupplyPoints { edges { node { marketName identifier quotedProducts { edges { node { id wasSelected clientParams product { code marketName rates { category } } } } } } } } } } }`
		sel      = `mutation($code: String!, $ids: [ID]!, $partial: Boolean) { selectProducts(input: {quoteCode: $code, selectedQuotedProductIds: $ids, partial: $partial}) { success } }`
		send     = `mutation($code: String!, $to: String) { sendQuoteSummary(input: {quoteCode: $code, accountNumber: "A-C90DC431", recipient: {givenName: "Jamie", email: $to}}) { success } }`
		switchTo = `mutation($id: ID!) { initiateProductSwitch(input: {accountNumber: "A-C90DC431", quotedProductId: $id, switchDate: "2026-12-10"}) { productCode switchDate } }`
		current  = `{ account(accountNumber: "A-C90DC431") { properties { meterPoints { agreements(includeInactive: true) { validFrom product { code } } } } } }`
	)
	for _, tc := range []struct {
		name string
		ids  []any
		want string
	}{
		{"none", []any{}, "KT-CT-4616"},
		{"an MPAN of another's", []any{"4102004420", "1200019374620"}, "KT-CT-4645"},
	} {
		if got := graphqlCode(t, c, quote, map[string]any{"ids": tc.ids}); got != tc.want {
			t.Errorf("quoting %s: %q, want %s", tc.name, got, tc.want)
		}
	}
	r := c.Query(quote, map[string]any{"ids": []any{"4102004420", "5240860640"}})
	q := simtest.Get(r.Data, "createQuoteForAccount", "quoteRequest")
	code, _ := simtest.Get(q, "code").(string)
	points, _ := simtest.Get(q, "quotedSupplyPoints", "edges").([]any)
	if code == "" || len(points) != 2 || simtest.Get(points[0], "node", "marketName") != "AUS_ELECTRICITY" || simtest.Get(points[1], "node", "identifier") != "5240860640" {
		t.Fatalf("the quote: %+v", r)
	}
	products := map[string]string{} // "identifier product" → quoted product id
	for _, p := range points {
		id := simtest.Get(p, "node", "identifier").(string)
		for _, e := range simtest.Get(p, "node", "quotedProducts", "edges").([]any) {
			n := simtest.Get(e, "node")
			products[id+" "+simtest.Get(n, "product", "code").(string)] = simtest.Get(n, "id").(string)
			if simtest.Get(n, "product", "rates", 0, "category") != "STANDING_CHARGE" || !strings.Contains(simtest.Get(n, "clientParams").(string), `"annualAmount":`) {
				t.Errorf("quoted product %v", n)
			}
		}
	}
	fixed, flexible, gas := products["4102004420 OE-FIX-12M-24-09-01"], products["4102004420 VAR-22-11-01"], products["5240860640 VAR-22-11-01"]
	if fixed == "" || flexible == "" || gas == "" {
		t.Fatalf("quoted products %v", products)
	}
	for _, tc := range []struct {
		name string
		vars map[string]any
		want string
	}{
		{"an unknown quote", map[string]any{"code": "NOPE", "ids": []any{fixed}}, "KT-CT-4619"},
		{"nothing", map[string]any{"code": code, "ids": []any{}}, "KT-CT-4626"},
		{"a product of no quote", map[string]any{"code": code, "ids": []any{"1"}}, "KT-CT-4634"},
		{"two for the electricity", map[string]any{"code": code, "ids": []any{fixed, flexible}, "partial": true}, "KT-CT-4646"},
		{"not the gas", map[string]any{"code": code, "ids": []any{fixed}}, "KT-CT-4635"},
		{"the electricity alone", map[string]any{"code": code, "ids": []any{fixed}, "partial": true}, ""},
	} {
		if got := graphqlCode(t, c, sel, tc.vars); got != tc.want {
			t.Errorf("selecting %s: %q, want %s", tc.name, got, tc.want)
		}
	}
	if got := graphqlCode(t, c, send, map[string]any{"code": code, "to": "jamie@"}); got != "KT-CT-4632" {
		t.Errorf("sending to no address: %q", got)
	}
	if got := graphqlCode(t, c, send, map[string]any{"code": code, "to": "jamie@krakensim.dev"}); got != "" {
		t.Errorf("sending: %q", got)
	}
	if msgs := c.Messages(); len(msgs) == 0 || msgs[len(msgs)-1].Data["quoteCode"] != code || !strings.Contains(msgs[len(msgs)-1].Body, "4102004420: Fixed") {
		t.Errorf("the quote sent: %+v", msgs)
	}
	if got := graphqlCode(t, c, switchTo, map[string]any{"id": flexible}); got != "KT-CT-4626" {
		t.Errorf("switching to the product not selected: %q", got)
	}
	if got := graphqlCode(t, c, switchTo, map[string]any{"id": fixed}); got != "" {
		t.Fatalf("switching to the one selected: %q", got)
	}
	if got := graphqlCode(t, c, switchTo, map[string]any{"id": gas}); got != "" {
		t.Fatalf("switching the gas, which selected nothing: %q", got)
	}
	ags := simtest.Get(c.Query(current, nil).Data, "account", "properties", 0, "meterPoints")
	for i, want := range []string{"OE-FIX-12M-24-09-01", "VAR-22-11-01"} {
		list := simtest.Get(ags, i, "agreements").([]any)
		if at := slices.IndexFunc(list, func(ag any) bool { return simtest.Get(ag, "validFrom") == "2026-12-10T00:00:00+11:00" }); at < 0 || simtest.Get(list[at], "product", "code") != want {
			t.Errorf("supply %d's agreements %v, want %s from the 10th", i, list, want)
		}
	}
	again := simtest.Get(c.Query(quote, map[string]any{"ids": []any{"4102004420"}}).Data, "createQuoteForAccount", "quoteRequest", "acceptedAt")
	if again != nil {
		t.Errorf("a new quote is accepted at %v", again)
	}
}

// TestOctopusCampaignOfferIsAQuote: an account quotes its home for a campaign it is in
// that is open today, a quote a switch takes by its code; a campaign it is not in, one
// that has expired and a home not its own are refused as documented.
func TestOctopusCampaignOfferIsAQuote(t *testing.T) {
	srv, c := octopus(t)
	const offer = `mutation($n: String!, $p: Int!, $s: String!) { quoteCampaignOffer(input: {accountNumber: $n, propertyId: $p, campaignSlug: $s}) { quoteCode } }`
	code, _ := simtest.Get(mustQuery(t, c)(offer, map[string]any{"n": "A-C90DC431", "p": 2214531, "s": "smart-meter-upgrade"}), "quoteCampaignOffer", "quoteCode").(string)
	if len(code) != 8 {
		t.Fatalf("the quote code %q", code)
	}
	refreshed := simtest.Get(mustQuery(t, c)(`mutation($c: String!) { refreshQuote(input: {code: $c}) { quote { code } } }`, map[string]any{"c": code}), "refreshQuote", "quote", "code")
	if refreshed != code {
		t.Errorf("the campaign's quote is not one of the account's: %v", refreshed)
	}
	sam := srv.ClientIn(t, c.Session)
	sam.SignIn("other@krakensim.dev", "krakensim")
	for _, tc := range []struct {
		name   string
		client *simtest.Client
		vars   map[string]any
		code   string
	}{
		{"a campaign the account is not in", c, map[string]any{"n": "A-C90DC431", "p": 2214531, "s": "winter-saver"}, "KT-GB-6813"},
		{"a campaign that has expired", sam, map[string]any{"n": "A-0F4A2B19", "p": 2214533, "s": "winter-saver"}, "KT-GB-6813"},
		{"another account's home", c, map[string]any{"n": "A-C90DC431", "p": 2214533, "s": "smart-meter-upgrade"}, "KT-GB-6813"},
		{"another's account", sam, map[string]any{"n": "A-C90DC431", "p": 2214531, "s": "smart-meter-upgrade"}, "KT-CT-1111"},
	} {
		if got := graphqlCode(t, tc.client, offer, tc.vars); got != tc.code {
			t.Errorf("%s: %q, want %s", tc.name, got, tc.code)
		}
	}
}

// TestOctopusRenewOntoRenewalQuote renews the demo home's electricity onto a product
// createRenewalQuoteRequest quoted it, as README's quote-then-renew flow documents; the
// same quoted product for another property is refused with KT-GB-4125.
func TestOctopusRenewOntoRenewalQuote(t *testing.T) {
	_, c := octopus(t)
	q := mustQuery(t, c)
	data := q(`mutation { createRenewalQuoteRequest(input: {accountNumber: "A-C90DC431", propertyId: 2214531, renewalAt: "2026-12-20T00:00:00Z"}) {
		quoteRequest { electricitySupplyPoints { quotedProducts { id product { code } } } } } }`, nil)
	id := ""
	products, _ := simtest.Get(data, "createRenewalQuoteRequest", "quoteRequest", "electricitySupplyPoints", 0, "quotedProducts").([]any)
	for _, p := range products {
		if simtest.Get(p, "product", "code") == "AGILE-24-10-01" {
			id = fmt.Sprintf("%.0f", simtest.Get(p, "id"))
		}
	}
	if id == "" {
		t.Fatalf("no Agile quoted product in %v", products)
	}
	const renew = `mutation($id: ID!, $property: ID!) { renewAgreements(input: {accountNumber: "A-C90DC431", quotedProductId: $id,
		propertyId: $property, makeFullDebtRepayment: false, changeOn: "2026-12-20"}) { account { number } } }`
	if out := c.Query(renew, map[string]any{"id": id, "property": "2214532"}); len(out.Errors) != 1 || out.Errors[0].Code() != "KT-GB-4125" {
		t.Errorf("renewing another property onto the quoted product: got %+v, want KT-GB-4125", out.Errors)
	}
	q(renew, map[string]any{"id": id, "property": "2214531"})
	want := "ele: 9100010 E-1R-VAR-19-04-12-A 2019-10-01T00:00:00+01:00..2024-01-01T00:00:00+00:00; 9100001 E-1R-VAR-22-11-01-A 2024-01-01T00:00:00+00:00..2026-12-20T00:00:00+00:00; 9200000 E-1R-AGILE-24-10-01-A 2026-12-20T00:00:00+00:00..<nil>; " +
		"gas: 9100011 G-1R-VAR-19-04-12-A 2019-10-01T00:00:00+01:00..2024-01-01T00:00:00+00:00; 9100002 G-1R-VAR-22-11-01-A 2024-01-01T00:00:00+00:00..<nil>; "
	if got := agreementsOf(t, c); got != want {
		t.Errorf("after renewing onto the renewal quote's product:\n got %s\nwant %s", got, want)
	}
}

// TestOctopusBusinessIsQuotedBusinessProducts: a business is quoted business products
// only, and a home domestic ones, as Octopus sells them in separate markets: a prospect's
// createQuote (isBusiness), the shop's requote and renewal quote (priced as its tariff,
// paid on receipt and taxed at 5% under de minimis), and a domestic product named for the shop is KT-GB-4614.
func TestOctopusBusinessIsQuotedBusinessProducts(t *testing.T) {
	_, c := octopus(t)
	codes := func(products any, path ...any) string {
		var out []string
		list, _ := products.([]any)
		for _, p := range list {
			out = append(out, fmt.Sprint(simtest.Get(p, path...)))
		}
		return strings.Join(out, " ")
	}
	const create = `mutation($b: Boolean) { createQuote(input: {postcode: "M1 1PT", brandCode: "OCTOPUS_ENERGY", isBusiness: $b,
		electricityMeterPoints: [{isEstimate: false, annualConsumptionStandard: 5000}]}) { quote { isBusiness quotedProducts { product { code isBusiness } annualAmount } } } }`
	for _, tc := range []struct {
		business bool
		want     string
	}{{true, "BUS-VAR-23-04-01"}, {false, "VAR-22-11-01 OE-FIX-12M-24-09-01"}} {
		got := simtest.Get(mustQuery(t, c)(create, map[string]any{"b": tc.business}), "createQuote", "quote", "quotedProducts")
		if codes(got, "product", "code") != tc.want {
			t.Errorf("createQuote(isBusiness: %v) quotes %s, want %s", tc.business, codes(got, "product", "code"), tc.want)
		}
	}
	c.SignIn("business@krakensim.dev", "krakensim")
	q := mustQuery(t, c)
	requote := q(`mutation { requote(input: {accountNumber: "A-B1A2C3D4", propertyId: "2214534", paymentMethod: ONRECEIPT}) { quote { quotedProducts { product { code }
		electricityTariffInformationLabel { ... on TariffInformationLabelStandard { unitRate } } } } } }`, nil)
	products := simtest.Get(requote, "requote", "quote", "quotedProducts")
	if got := codes(products, "product", "code"); got != "BUS-VAR-23-04-01" {
		t.Errorf("the shop's requote quotes %s, want its business product only", got)
	}
	renewal := q(`mutation { createRenewalQuoteRequest(input: {accountNumber: "A-B1A2C3D4", propertyId: 2214534, renewalAt: "2026-12-20T00:00:00Z"}) {
		quoteRequest { electricitySupplyPoints { quotedProducts { product { code } } } } } }`, nil)
	if got := codes(simtest.Get(renewal, "createRenewalQuoteRequest", "quoteRequest", "electricitySupplyPoints", 0, "quotedProducts"), "product", "code"); got != "BUS-VAR-23-04-01" {
		t.Errorf("the shop's renewal quote quotes %s, want its business product only", got)
	}
	agreement := q(`{ account(accountNumber: "A-B1A2C3D4") { properties { electricityMeterPoints { agreements { tariff { ... on StandardTariff { unitRate } } } } } } }`, nil)
	if label, tariff := simtest.Get(products, 0, "electricityTariffInformationLabel", "unitRate"), simtest.Get(agreement, "account", "properties", 0, "electricityMeterPoints", 0, "agreements", 0, "tariff", "unitRate"); fmt.Sprint(label) != fmt.Sprint(tariff) {
		t.Errorf("the quote's unit rate %v, the shop's tariff's %v", label, tariff)
	}
	const named = `mutation { quoteAccountOnProducts(input: {accountNumber: "A-B1A2C3D4", electricityMeterPointsInput: [{mpan: "1600155283015",
		productsInput: [{code: "VAR-22-11-01"}]}]}) { quoteRequest { code } } }`
	if got := graphqlCode(t, c, named, nil); got != "KT-GB-4614" {
		t.Errorf("quoting the shop on a domestic product: %q, want KT-GB-4614", got)
	}
}

// TestOctopusOnReceiptPaysTheNonDirectDebitPrice: the shop pays by bank transfer, so its
// tariff and applicable rates show, and its statements charge, the NON_DIRECT_DEBIT price Octopus's REST
// publishes beside the direct debit one; a quote's paymentMethod ONRECEIPT prices the
// same products dearer than DIRECTDEBIT.
func TestOctopusOnReceiptPaysTheNonDirectDebitPrice(t *testing.T) {
	srv, c := octopus(t)
	_, body := rest(t, srv, c.Session, "", "/v1/products/BUS-VAR-23-04-01/electricity-tariffs/E-1R-BUS-VAR-23-04-01-G/standard-unit-rates/")
	published := map[float64]any{}
	for _, r := range simtest.Get(body, "results").([]any) {
		published[number(t, simtest.Get(r, "value_exc_vat"))] = simtest.Get(r, "payment_method")
	}
	c.SignIn("business@krakensim.dev", "krakensim")
	got := mustQuery(t, c)(`{ account(accountNumber: "A-B1A2C3D4") { properties { electricityMeterPoints { agreements { tariff { ... on StandardTariff { preVatUnitRate } } } } } } }`, nil)
	if rate := number(t, simtest.Get(got, "account", "properties", 0, "electricityMeterPoints", 0, "agreements", 0, "tariff", "preVatUnitRate")); published[rate] != "NON_DIRECT_DEBIT" {
		t.Errorf("the shop's unit rate %v is not one REST publishes for NON_DIRECT_DEBIT: %v", rate, published)
	}
	rates := mustQuery(t, c)(`{ applicableRates(accountNumber: "A-B1A2C3D4", mpxn: "1600155283015", startAt: "2026-01-01T00:00:00Z", endAt: "2027-12-31T00:00:00Z", first: 20) {
		edges { node { value } } } }`, nil)
	edges, _ := simtest.Get(rates, "applicableRates", "edges").([]any)
	if len(edges) == 0 {
		t.Errorf("the shop has no applicable rates: %v", rates)
	}
	for _, e := range edges {
		if v := number(t, simtest.Get(e, "node", "value")); published[v] != "NON_DIRECT_DEBIT" {
			t.Errorf("the shop's applicable rate %v is not one REST publishes for NON_DIRECT_DEBIT", v)
		}
	}
	const create = `mutation($m: QuotePaymentMethodChoices) { createQuote(input: {postcode: "M1 1PT", brandCode: "OCTOPUS_ENERGY", paymentMethod: $m,
		electricityMeterPoints: [{isEstimate: false, annualConsumptionStandard: 3000}]}) { quote { paymentMethod quotedProducts { product { code } annualAmount } } } }`
	amounts := map[string]string{}
	for _, m := range []string{"DIRECTDEBIT", "ONRECEIPT"} {
		q := simtest.Get(mustQuery(t, c)(create, map[string]any{"m": m}), "createQuote", "quote")
		amounts[m] = fmt.Sprint(simtest.Get(q, "quotedProducts", 0, "product", "code"), " ", simtest.Get(q, "quotedProducts", 0, "annualAmount"))
		if simtest.Get(q, "paymentMethod") != m {
			t.Errorf("the quote's payment method %v, want %s", simtest.Get(q, "paymentMethod"), m)
		}
	}
	var dd, receipt float64
	var code string
	fmt.Sscan(amounts["DIRECTDEBIT"], &code, &dd)
	fmt.Sscan(amounts["ONRECEIPT"], &code, &receipt)
	if code != "VAR-22-11-01" || dd <= 0 || receipt < dd*1.04 {
		t.Errorf("Flexible Octopus paid on receipt %v, by direct debit %v: want dearer on receipt", amounts["ONRECEIPT"], amounts["DIRECTDEBIT"])
	}
}
