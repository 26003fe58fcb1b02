package simtest_test

import (
	"fmt"
	"testing"

	"github.com/krakensim/krakensim/sim/simtest"
)

// agreementRates are the rates (band and price with tax) of the first agreement of an
// account's first meter point on day, as Origin's Product.paginatedRates gives them.
func agreementRates(t *testing.T, c *simtest.Client, account, day string) string {
	t.Helper()
	data := mustQuery(t, c)(`query($n: String!, $d: Date) { account(accountNumber: $n) { properties { meterPoints { agreements(includeInactive: true) {
		... on ElectricityAgreementType { product { code paginatedRates(ratesActiveAt: $d) { edges { node { bandCategory rateIncludingTax } } } } } } } } } }`,
		map[string]any{"n": account, "d": day})
	var out []string
	for _, ag := range simtest.Get(data, "account", "properties", 0, "meterPoints", 0, "agreements").([]any) {
		for _, e := range simtest.Get(ag, "product", "paginatedRates", "edges").([]any) {
			out = append(out, fmt.Sprint(simtest.Get(ag, "product", "code"), " ", simtest.Get(e, "node", "bandCategory"), " ", simtest.Get(e, "node", "rateIncludingTax")))
		}
	}
	return fmt.Sprint(out)
}

// TestOriginPricesBySupplyNetwork: Origin prices a home's electricity by its NMI's
// distribution network, as the default offers do: the two Melbourne homes on
// CitiPower's network and Flexible pay the same, the Sydney home on Ausgrid's another
// price; a home signed up on Ausgrid pays the Sydney home's, one on Energex's
// (Brisbane) another.
func TestOriginPricesBySupplyNetwork(t *testing.T) {
	srv, c := tenant(t, "origin-schema.graphql")
	const day = "2026-12-20"
	rates := func(key, account string) string {
		client, _ := signInAs(t, srv, c, `{APIKey: "`+key+`"}`)
		return agreementRates(t, client, account, day)
	}
	fitzroy := rates("sk_live_krakensimother3235449", "A-0F4A2B19")
	carlton := rates("sk_live_krakensimpayg3235453", "A-3C7D5E91")
	newtown := rates("sk_live_krakensimdemo3235447", "A-C90DC431")
	if fitzroy != carlton || fitzroy == "[]" {
		t.Errorf("two homes on CitiPower's Flexible: %s and %s", fitzroy, carlton)
	}
	if newtown == fitzroy {
		t.Errorf("Ausgrid's Flexible costs CitiPower's: %s", newtown)
	}

	org, _ := signInAs(t, srv, c, `{organizationSecretKey: "krakensim-organization-secret"}`)
	user, _ := simtest.Get(mustQuery(t, org)(initializeUser, map[string]any{"i": map[string]any{"customerDetails": robin(nil), "brandCode": "ORIGIN"}}), "initializeUser", "userNumber").(string)
	signUp := func(line1, postcode, nmi string) string {
		number, _ := simtest.Get(mustQuery(t, org)(initializeAccount, map[string]any{"i": robinsSale(user, func(m map[string]any) {
			m["billingAddress"] = map[string]any{"line1": line1, "postalCode": postcode}
			m["supplyPointInfoList"] = []any{map[string]any{"supplyPointInfo": map[string]any{"marketName": "AUS_ELECTRICITY", "externalIdentifier": nmi}}}
		})}), "initializeAccount", "accountNumber").(string)
		mustQuery(t, org)(enroll, map[string]any{"i": map[string]any{"accountNumber": number}})
		return number
	}
	sydney, brisbane := signUp("1 George Street", "2000", "4102000011"), signUp("1 Ann Street", "4006", "3114000001")
	key := simtest.Get(mustQuery(t, org)(`mutation { generatePreSignedToken(email: "robin@example.com", numberOfDaysAllowed: 30, scope: SUBMIT_METER_READINGS) { token } }`, nil), "generatePreSignedToken", "token")
	robinClient, _ := signInAs(t, srv, c, fmt.Sprintf(`{preSignedKey: %q}`, key))
	onAusgrid, onEnergex := agreementRates(t, robinClient, sydney, day), agreementRates(t, robinClient, brisbane, day)
	if onAusgrid != newtown {
		t.Errorf("a new Sydney home on Ausgrid pays %s, the Newtown home %s", onAusgrid, newtown)
	}
	if onEnergex == onAusgrid || onEnergex == "[]" {
		t.Errorf("a new Brisbane home on Energex pays %s, Ausgrid's price %s", onEnergex, onAusgrid)
	}
}

// TestOriginProductIsTheCatalogues: Origin's product(code:) is the catalogue's, named as
// the agreements on it name it, its rates at an NMI those of an agreement on it on that
// NMI's network (the Newtown home's Ausgrid), at a postcode those of its state capital's
// network; an unknown code is KT-AU-9510, and availableProducts lists the products on
// sale.
func TestOriginProductIsTheCatalogues(t *testing.T) {
	srv, c := tenant(t, "origin-schema.graphql")
	demo, _ := signInAs(t, srv, c, `{APIKey: "sk_live_krakensimdemo3235447"}`)
	const day = "2026-12-20"
	newtown := agreementRates(t, demo, "A-C90DC431", day)
	data := mustQuery(t, demo)(`query($d: Date) { product(code: "VAR-22-11-01") { code displayName fullName marketName
		byNMI: paginatedRates(nmi: "4102004420", ratesActiveAt: $d) { edges { node { bandCategory rateIncludingTax } } }
		byPostcode: paginatedRates(postcode: "2042", ratesActiveAt: $d) { edges { node { bandCategory rateIncludingTax } } }
		inMelbourne: paginatedRates(postcode: "3065", ratesActiveAt: $d) { edges { node { bandCategory rateIncludingTax } } } }
		availableProducts(marketName: "AUS_ELECTRICITY") { code } }`, map[string]any{"d": day})
	p := simtest.Get(data, "product")
	rates := func(field string) string {
		var out []string
		for _, e := range simtest.Get(p, field, "edges").([]any) {
			out = append(out, fmt.Sprint("VAR-22-11-01 ", simtest.Get(e, "node", "bandCategory"), " ", simtest.Get(e, "node", "rateIncludingTax")))
		}
		return fmt.Sprint(out)
	}
	if got := spaced(simtest.Get(p, "displayName"), simtest.Get(p, "fullName"), simtest.Get(p, "marketName")); got != "Flexible Flexible November 2022 AUS_ELECTRICITY" {
		t.Errorf("names: %s", got)
	}
	if rates("byNMI") != newtown || rates("byPostcode") != newtown {
		t.Errorf("rates at the Newtown NMI %s and postcode %s, the home's %s", rates("byNMI"), rates("byPostcode"), newtown)
	}
	if rates("inMelbourne") == newtown || rates("inMelbourne") == "[]" {
		t.Errorf("rates in Melbourne: %s", rates("inMelbourne"))
	}
	if got := fmt.Sprint(simtest.Get(data, "availableProducts", 0)); got != "map[code:VAR-22-11-01]" {
		t.Errorf("availableProducts begin with %s", got)
	}
	if got := graphqlCode(t, demo, `{ product(code: "NOPE-XYZ") { code } }`, nil); got != "KT-AU-9510" {
		t.Errorf("an unknown product: %q", got)
	}
}
