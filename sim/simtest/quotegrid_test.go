package simtest_test

import (
	"fmt"
	"maps"
	"reflect"
	"strings"
	"testing"

	"github.com/krakensim/krakensim/sim/simtest"
)

// TestOctopusCreateQuoteRefusesWhatIsOffTheGrid: createQuote lists in its errors, as it
// lists a postcode that is none, a GSP group Great Britain has not, a postcode of no
// group (Northern Ireland's, the islands', an area that does not exist), an MPAN whose
// check digit is wrong and an MPRN that is none (not 6 to 10 digits), quoting nothing;
// the same quote of a good one is made.
func TestOctopusCreateQuoteRefusesWhatIsOffTheGrid(t *testing.T) {
	_, c := octopus(t)
	const create = `mutation($i: CreateQuoteInput!) { createQuote(input: $i) { errors { field errors { ... on SerializerErrorType { code message } } }
		quote { gspGroupId quotedProducts { elecTariffCode } } } }`
	for _, tc := range []struct {
		name, postcode, gsp, mpan, mprn string
		want                            string // the first error's field and code; "" for none
	}{
		{"a good quote", "NR3 1AB", "", "1013004420117", "", ""},
		{"a group given", "NR3 1AB", "_C", "", "", ""},
		{"a good MPRN", "NR3 1AB", "", "", "3406086401", ""},
		{"no postcode", "NR3", "", "", "", "postcode invalid"},
		{"Belfast", "BT1 1AA", "", "", "", "postcode invalid"},
		{"Jersey", "JE1 1AA", "", "", "", "postcode invalid"},
		{"the Isle of Man", "IM1 1AA", "", "", "", "postcode invalid"},
		{"no such area", "XX9 9ZZ", "", "", "", "postcode invalid"},
		{"group Z", "NR3 1AB", "_Z", "", "", "gspGroupId invalid"},
		{"group I", "NR3 1AB", "_I", "", "", "gspGroupId invalid"},
		{"a lower case group", "NR3 1AB", "_a", "", "", "gspGroupId invalid"},
		{"a bad check digit", "NR3 1AB", "", "1013004420118", "", "electricityMeterPoints invalid"},
		{"an MPRN of letters", "NR3 1AB", "", "", "34O6O864O1", "gasMeterPoints invalid"},
		{"an MPRN too long", "NR3 1AB", "", "", "34060864011", "gasMeterPoints invalid"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			point := map[string]any{"isEstimate": false, "annualConsumptionStandard": 2700}
			if tc.mpan != "" {
				point["mpan"] = tc.mpan
			}
			in := map[string]any{"postcode": tc.postcode, "brandCode": "OCTOPUS_ENERGY", "electricityMeterPoints": []any{point}}
			if tc.gsp != "" {
				in["gspGroupId"] = tc.gsp
			}
			if tc.mprn != "" {
				in["gasMeterPoints"] = []any{map[string]any{"isEstimate": true, "mprn": tc.mprn}}
			}
			got := simtest.Get(mustQuery(t, c)(create, map[string]any{"i": in}), "createQuote").(map[string]any)
			errs := got["errors"].([]any)
			if tc.want == "" {
				if len(errs) != 0 || len(simtest.Get(got, "quote", "quotedProducts").([]any)) == 0 {
					t.Errorf("errors %v, quote %v", errs, got["quote"])
				}
				return
			}
			if len(errs) == 0 || got["quote"] != nil {
				t.Fatalf("no error, quote %v", got["quote"])
			}
			bad := tc.postcode // the message names what is wrong
			if tc.gsp+tc.mpan+tc.mprn != "" {
				bad = tc.gsp + tc.mpan + tc.mprn
			}
			if e := spaced(simtest.Get(errs, 0, "field"), simtest.Get(errs, 0, "errors", 0, "code")); e != tc.want ||
				!strings.Contains(fmt.Sprint(simtest.Get(errs, 0, "errors", 0, "message")), bad) {
				t.Errorf("error %v, want %s", errs[0], tc.want)
			}
		})
	}
}

// TestOctopusCreateQuoteLabelsTheQuotedTariffs: each quoted product's tariff information
// labels are its tariffs' own (the tariff code, rates and cost the acquisition quote's
// label gives the same use, the gas one a gas tariff's, an Economy 7 meter's an Eco7
// label), their costs the quote's, and quote(code:) reads the same labels again.
func TestOctopusCreateQuoteLabelsTheQuotedTariffs(t *testing.T) {
	_, c := octopus(t)
	q := mustQuery(t, c)
	const labels = `quotedProducts { product { code } elecTariffCode gasTariffCode annualAmount
		electricityTariffInformationLabel { __typename ... on TariffInformationLabelStandard { tariffCode unitRate standingCharge estimatedAnnualCost }
			... on TariffInformationLabelEco7 { tariffCode unitRateDay unitRateNight estimatedAnnualCost } }
		gasTariffInformationLabel { tariffCode unitRate standingCharge estimatedAnnualCost } }`
	created := simtest.Get(q(`mutation { createQuote(input: {postcode: "NR3 1AB", brandCode: "OCTOPUS_ENERGY", electricityMeterPoints: [{isEstimate: false, annualConsumptionStandard: 2700}],
		gasMeterPoints: [{isEstimate: false, annualConsumption: 11500}]}) { quote { code `+labels+` } } }`, nil), "createQuote", "quote")
	acquired := q(`mutation { createAcquisitionQuoteRequestForProducts(input: {postcode: "NR3 1AB", productCodes: ["VAR-22-11-01"],
		electricityMeterPoints: [{isEstimate: false, annualConsumptionStandard: 2700}], gasMeterPoints: [{isEstimate: false, annualConsumption: 11500}]}) { quoteRequest {
		electricitySupplyPoints { quotedProducts { electricityTariffInformationLabel { ... on ProductTariffInformationLabelStandard { tariffCode unitRate standingCharge estimatedAnnualCost } } } }
		gasSupplyPoints { quotedProducts { gasTariffInformationLabel { tariffCode unitRate standingCharge estimatedAnnualCost } } } } } }`, nil)
	products := simtest.Get(created, "quotedProducts").([]any)
	if len(products) == 0 {
		t.Fatalf("no products quoted: %v", created)
	}
	for _, p := range products {
		elec, gas := simtest.Get(p, "electricityTariffInformationLabel").(map[string]any), simtest.Get(p, "gasTariffInformationLabel").(map[string]any)
		if elec["__typename"] != "TariffInformationLabelStandard" || elec["tariffCode"] != simtest.Get(p, "elecTariffCode") || gas["tariffCode"] != simtest.Get(p, "gasTariffCode") ||
			!strings.HasPrefix(fmt.Sprint(gas["tariffCode"]), "G-1R-") || number(t, elec["estimatedAnnualCost"])+number(t, gas["estimatedAnnualCost"]) != number(t, simtest.Get(p, "annualAmount")) {
			t.Errorf("%v: labels %v and %v, quoted %v and %v at %v", simtest.Get(p, "product", "code"), elec, gas, simtest.Get(p, "elecTariffCode"), simtest.Get(p, "gasTariffCode"), simtest.Get(p, "annualAmount"))
		}
		if simtest.Get(p, "product", "code") != "VAR-22-11-01" {
			continue
		}
		elec = maps.Clone(elec)
		delete(elec, "__typename")
		want := simtest.Get(acquired, "createAcquisitionQuoteRequestForProducts", "quoteRequest", "electricitySupplyPoints", 0, "quotedProducts", 0, "electricityTariffInformationLabel")
		wantGas := simtest.Get(acquired, "createAcquisitionQuoteRequestForProducts", "quoteRequest", "gasSupplyPoints", 0, "quotedProducts", 0, "gasTariffInformationLabel")
		if !reflect.DeepEqual(elec, want) || !reflect.DeepEqual(gas, wantGas) {
			t.Errorf("Flexible's labels %v and %v, the acquisition quote's %v and %v", elec, gas, want, wantGas)
		}
	}
	again := simtest.Get(q(`query($c: String!) { quote(code: $c) { `+labels+` } }`, map[string]any{"c": simtest.Get(created, "code")}), "quote", "quotedProducts")
	created = simtest.Get(q(`mutation { createQuote(input: {postcode: "NR3 1AB", brandCode: "OCTOPUS_ENERGY", electricityMeterPoints: [{isEstimate: false, annualConsumptionStandard: 2700}],
		gasMeterPoints: [{isEstimate: false, annualConsumption: 11500}]}) { quote { code `+labels+` } } }`, nil), "createQuote", "quote")
	for i, p := range again.([]any) {
		if p, first := p.(map[string]any), products[i].(map[string]any); !reflect.DeepEqual(p["electricityTariffInformationLabel"], simtest.Get(first, "electricityTariffInformationLabel")) ||
			!reflect.DeepEqual(p["gasTariffInformationLabel"], first["gasTariffInformationLabel"]) ||
			!reflect.DeepEqual(simtest.Get(created, "quotedProducts", i), first) {
			t.Errorf("read again, product %d's labels %v, %v; made %v", i, p["electricityTariffInformationLabel"], p["gasTariffInformationLabel"], first)
		}
	}
	eco7 := simtest.Get(q(`mutation { createQuote(input: {postcode: "SE1 7PB", brandCode: "OCTOPUS_ENERGY",
		electricityMeterPoints: [{isEstimate: false, annualConsumptionDay: 2000, annualConsumptionNight: 1500}]}) { quote { meterType `+labels+` } } }`, nil), "createQuote", "quote")
	label := simtest.Get(eco7, "quotedProducts", 0, "electricityTariffInformationLabel")
	if simtest.Get(eco7, "meterType") != "ECONOMY7" || simtest.Get(label, "__typename") != "TariffInformationLabelEco7" ||
		simtest.Get(label, "tariffCode") != simtest.Get(eco7, "quotedProducts", 0, "elecTariffCode") || !strings.HasPrefix(fmt.Sprint(simtest.Get(label, "tariffCode")), "E-2R-") ||
		number(t, simtest.Get(label, "unitRateNight")) >= number(t, simtest.Get(label, "unitRateDay")) || simtest.Get(eco7, "quotedProducts", 0, "gasTariffInformationLabel") != nil {
		t.Errorf("an Economy 7 quote's label %v", eco7)
	}
}

// TestOctopusQuoteIsPricedAtTheMPANsRegion: an MPAN names its region (London's 12) by
// its distributor, and both quote mutations price it there, whatever region the postcode
// is in.
func TestOctopusQuoteIsPricedAtTheMPANsRegion(t *testing.T) {
	_, c := octopus(t)
	q := mustQuery(t, c)
	for _, tc := range []struct{ postcode, mpan, want string }{
		{"NR3 1AB", "1200019374620", "_C"}, {"SE1 7PB", "1200019374620", "_C"}, {"NR3 1AB", "", "_A"}, {"SE1 7PB", "1013004420117", "_A"},
	} {
		point := map[string]any{"isEstimate": false, "annualConsumptionStandard": 2700}
		if tc.mpan != "" {
			point["mpan"] = tc.mpan
		}
		vars := map[string]any{"pc": tc.postcode, "e": []any{point}}
		got := q(`mutation($pc: String!, $e: [ElectricityMeterPointConsumptionInput]) {
			own: createQuote(input: {postcode: $pc, brandCode: "OCTOPUS_ENERGY", electricityMeterPoints: $e}) { quote { gspGroupId quotedProducts { product { code } elecTariffCode annualAmount } } } }`, vars)
		acq := q(`mutation($pc: String!, $e: [ElectricityMeterPointConsumptionInput]) {
			acq: createAcquisitionQuoteRequestForProducts(input: {postcode: $pc, productCodes: ["VAR-22-11-01"], electricityMeterPoints: $e}) {
				quoteRequest { electricitySupplyPoints { quotedProducts { annualAmount electricityTariffInformationLabel { ... on ProductTariffInformationLabelStandard { tariffCode } } } } } } }`, vars)
		own := simtest.Get(got, "own", "quote")
		acquired := simtest.Get(acq, "acq", "quoteRequest", "electricitySupplyPoints", 0, "quotedProducts", 0)
		if simtest.Get(own, "gspGroupId") != tc.want || simtest.Get(own, "quotedProducts", 0, "product", "code") != "VAR-22-11-01" ||
			simtest.Get(own, "quotedProducts", 0, "elecTariffCode") != "E-1R-VAR-22-11-01"+strings.Replace(tc.want, "_", "-", 1) ||
			simtest.Get(acquired, "electricityTariffInformationLabel", "tariffCode") != simtest.Get(own, "quotedProducts", 0, "elecTariffCode") ||
			simtest.Get(acquired, "annualAmount") != simtest.Get(own, "quotedProducts", 0, "annualAmount") {
			t.Errorf("%s with MPAN %q: createQuote %v, the acquisition quote %v; want %s", tc.postcode, tc.mpan, own, acquired, tc.want)
		}
	}
}

// TestOctopusAddressLookupIsGreatBritainsGrid: a postcode off Great Britain's grid
// (Northern Ireland, Jersey, the Isle of Man, an area that does not exist) has no homes,
// as REST finds it in no GSP group; the MPAN of each home the lookup gives elsewhere is
// one the public REST meter point endpoint answers with its region and profile class,
// and an MPAN whose check digit is wrong it does not know.
func TestOctopusAddressLookupIsGreatBritainsGrid(t *testing.T) {
	srv, c := octopus(t)
	q := mustQuery(t, c)
	for _, pc := range []string{"BT1 1AA", "JE1 1AA", "IM1 1AA", "XX9 9ZZ"} {
		got := q(`query($pc: String!) { addresses(postcode: $pc) { totalCount } getAddressesByPostcode(postcode: $pc) { display } }`, map[string]any{"pc": pc})
		_, body := rest(t, srv, c.Session, "", "/v1/industry/grid-supply-points/?postcode="+strings.ReplaceAll(pc, " ", "%20"))
		if simtest.Get(got, "addresses", "totalCount") != 0.0 || len(simtest.Get(got, "getAddressesByPostcode").([]any)) != 0 || body["count"] != 0.0 {
			t.Errorf("%s: %v, REST %v", pc, got, body)
		}
	}
	for pc, gsp := range map[string]string{"IV1 1AA": "_P", "CF10 1AA": "_K", "SE1 7PB": "_C", "NR3 1AB": "_A"} {
		edges := simtest.Get(q(`query($pc: String!) { addresses(postcode: $pc) { edges { node { gspGroupId electricityMeterPoints { mpan profileClass } } } } }`,
			map[string]any{"pc": pc}), "addresses", "edges").([]any)
		if len(edges) == 0 {
			t.Fatalf("%s has no homes", pc)
		}
		for _, e := range edges {
			mp := simtest.Get(e, "node", "electricityMeterPoints", 0).(map[string]any)
			status, body := rest(t, srv, c.Session, "", "/v1/electricity-meter-points/"+mp["mpan"].(string)+"/")
			if status != 200 || body["gsp"] != gsp || simtest.Get(e, "node", "gspGroupId") != gsp || body["mpan"] != mp["mpan"] || fmt.Sprint(body["profile_class"]) != fmt.Sprint(mp["profileClass"]) {
				t.Errorf("%s: the home's meter point %v in %v; REST %d %v", pc, mp, simtest.Get(e, "node", "gspGroupId"), status, body)
			}
		}
	}
	if status, body := rest(t, srv, c.Session, "", "/v1/electricity-meter-points/1013004420118/"); status != 404 {
		t.Errorf("an MPAN with a wrong check digit: %d %v", status, body)
	}
}
