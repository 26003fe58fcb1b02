package simtest_test

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/krakensim/krakensim/sim/simtest"
)

// TestOriginMultiSiteChargeItemisesEachSite reads the Origin business's electricity
// charge of August 2026, of its shop's NMI and its workshop's: a use and a supply line
// for each, naming its NMI, each site's supply charged at its network's daily rate
// (the shop's CitiPower's, the workshop's Jemena's) over the statement's 31 days (not
// both sites' as one price), and the lines adding up to the charge.
func TestOriginMultiSiteChargeItemisesEachSite(t *testing.T) {
	srv, c := tenant(t, "origin-schema.graphql")
	biz, _ := signInAs(t, srv, c, `{APIKey: "sk_live_krakensimbusiness3235450"}`)
	data := mustQuery(t, biz)(`{ account(accountNumber: "A-B1A2C3D4") { transactions(fromDate: "2026-08-31", toDate: "2026-09-01") { edges { node {
		__typename amounts { net } ... on Charge { title
		lineItems { numberOfUnits pricePerUnit netAmount }
		breakdownItems { supplyPointIdentifier numberOfUnits netAmount } } } } } } }`, nil)
	num := func(v any) float64 { f, _ := strconv.ParseFloat(fmt.Sprint(v), 64); return f }
	var charge any
	for _, e := range simtest.Get(data, "account", "transactions", "edges").([]any) {
		if n := simtest.Get(e, "node"); simtest.Get(n, "__typename") == "Charge" {
			charge = n
		}
	}
	if charge == nil {
		t.Fatalf("no charge posted on 31 August: %v", data)
	}
	lines, _ := simtest.Get(charge, "lineItems").([]any)
	breakdown, _ := simtest.Get(charge, "breakdownItems").([]any)
	if len(lines) != 4 || len(breakdown) != 4 {
		t.Fatalf("%d line items and %d breakdown items, want use and supply for each of two NMIs: %v", len(lines), len(breakdown), breakdown)
	}
	want := []string{"6102155283", "6001155318", "6102155283", "6001155318"}
	daily := []string{"", "", "77.15", "82.1"}
	var sum float64
	for i, li := range lines {
		sum += num(simtest.Get(li, "netAmount"))
		if got := simtest.Get(breakdown, i, "supplyPointIdentifier"); got != want[i] {
			t.Errorf("breakdown item %d names supply point %v, want %s", i, got, want[i])
		}
		if i >= 2 && (simtest.Get(li, "numberOfUnits") != "31.0" || simtest.Get(li, "pricePerUnit") != daily[i]) {
			t.Errorf("supply line %d: %v days at %v, want 31.0 at the daily rate %s", i, simtest.Get(li, "numberOfUnits"), simtest.Get(li, "pricePerUnit"), daily[i])
		}
	}
	if net := num(simtest.Get(charge, "amounts", "net")); sum != net || net != 38398 {
		t.Errorf("line items add up to %v, the charge's net is %v (want 38398)", sum, net)
	}
}

// TestOriginBusinessIsTheAccounts reads the Origin business's company: an ABN (eleven
// digits, numberType ABN), linked to the account itself, at its Footscray billing
// address, with no made-up sectors or segment.
func TestOriginBusinessIsTheAccounts(t *testing.T) {
	srv, c := tenant(t, "origin-schema.graphql")
	biz, _ := signInAs(t, srv, c, `{APIKey: "sk_live_krakensimbusiness3235450"}`)
	b := simtest.Get(mustQuery(t, biz)(`{ account(accountNumber: "A-B1A2C3D4") { business { name number numberType businessType sectors
		linkedAccountNumbers segmentName billingAddress { locality administrativeArea postalCode } legalAddress { administrativeArea postalCode } } } }`, nil), "account", "business")
	number, _ := simtest.Get(b, "number").(string)
	if len(number) != 11 || strings.Trim(number, "0123456789") != "" || simtest.Get(b, "numberType") != "ABN" {
		t.Errorf("number %q (%v), want an ABN", number, simtest.Get(b, "numberType"))
	}
	got := fmt.Sprint(simtest.Get(b, "name"), " | ", simtest.Get(b, "linkedAccountNumbers"), " | ", simtest.Get(b, "billingAddress"), " | ",
		simtest.Get(b, "legalAddress"), " | ", simtest.Get(b, "sectors"), " ", simtest.Get(b, "segmentName"))
	want := "Shah & Daughters Ltd | [A-B1A2C3D4] | map[administrativeArea:VIC locality:Footscray postalCode:3011] | map[administrativeArea:VIC postalCode:3011] | [] <nil>"
	if got != want {
		t.Errorf("business %s\nwant %s", got, want)
	}
}

// TestShellAccountKeepsTheCompany opens a business shell account on each tenant with a
// company's name, number and type, and reads them back as given (Origin saying which
// kind of number it is); a type that is none is refused.
func TestShellAccountKeepsTheCompany(t *testing.T) {
	const create = `mutation($i: CreateShellAccountInput!) { createShellAccount(input: $i) { errors { field messages }
		account { ... on AccountType { accountType businessType business { name number businessType %s } } } } }`
	for _, tc := range []struct {
		schema, postcode, number, kind, extra, want string
	}{
		{"octopus-schema.graphql", "LS1 4AB", "01234567", "CHARITY", "", "BUSINESS CHARITY map[businessType:CHARITY name:Greenfield Community Trust number:01234567]"},
		{"origin-schema.graphql", "3011", "004085616", "PTY_LTD", "numberType", "BUSINESS PROPRIETARY_LIMITED_COMPANY map[businessType:PROPRIETARY_LIMITED_COMPANY name:Greenfield Community Trust number:004085616 numberType:ACN]"},
		{"origin-schema.graphql", "3011", "", "TRUST", "numberType", "BUSINESS TRUST map[businessType:TRUST name:Greenfield Community Trust number: numberType:MISSING]"},
	} {
		t.Run(tc.schema+"/"+tc.kind, func(t *testing.T) {
			_, c := tenant(t, tc.schema)
			in := map[string]any{"givenName": "Sol", "familyName": "Trader", "email": "sol@trader.example", "billingName": "Byte Co Ltd",
				"billingAddressLine1": "2 Mill Lane", "billingPostcode": tc.postcode, "isBusinessAccount": true,
				"companyName": "Greenfield Community Trust", "companyNumber": tc.number, "businessType": tc.kind}
			out := simtest.Get(mustQuery(t, c)(fmt.Sprintf(create, tc.extra), map[string]any{"i": in}), "createShellAccount")
			a := simtest.Get(out, "account")
			if got := fmt.Sprint(simtest.Get(a, "accountType"), " ", simtest.Get(a, "businessType"), " ", simtest.Get(a, "business")); got != tc.want {
				t.Errorf("account %s, want %s (errors %v)", got, tc.want, simtest.Get(out, "errors"))
			}
			in["businessType"], in["email"] = "CONGLOMERATE", "sol2@trader.example"
			out = simtest.Get(mustQuery(t, c)(fmt.Sprintf(create, tc.extra), map[string]any{"i": in}), "createShellAccount")
			if got := fmt.Sprint(simtest.Get(out, "errors", 0, "field"), " ", simtest.Get(out, "account")); got != "businessType <nil>" {
				t.Errorf("an unknown company type: %s", got)
			}
		})
	}
}

// TestOriginBusinessSignUpJoinsABusinessProduct signs a Pty Ltd up through an
// organisation (initializeUser, initializeAccount as a BUSINESS, enrollment): its
// electricity and gas join the business product on sale, not the homes' Flexible.
func TestOriginBusinessSignUpJoinsABusinessProduct(t *testing.T) {
	srv, c := tenant(t, "origin-schema.graphql")
	org, _ := signInAs(t, srv, c, `{organizationSecretKey: "krakensim-organization-secret"}`)
	user := simtest.Get(mustQuery(t, org)(initializeUser, map[string]any{"i": map[string]any{"customerDetails": robin(nil), "brandCode": "ORIGIN"}}), "initializeUser", "userNumber")
	number := simtest.Get(mustQuery(t, org)(initializeAccount, map[string]any{"i": robinsSale(user.(string), func(m map[string]any) {
		m["accountType"], m["billingName"] = "BUSINESS", "Koala Cafe Pty Ltd"
	})}), "initializeAccount", "accountNumber").(string)
	mustQuery(t, org)(enroll, map[string]any{"i": map[string]any{"accountNumber": number,
		"bankDetails": map[string]any{"accountHolder": "Koala Cafe Pty Ltd", "accountNumber": "123456789", "bankCode": "062000"}}})
	sess, err := srv.Sim.Session(c.Session)
	if err != nil {
		t.Fatal(err)
	}
	a := sess.World().Account(number)
	if a == nil || len(a.Properties) != 1 {
		t.Fatalf("the signed-up account %+v", a)
	}
	products := map[string]string{}
	for _, mp := range a.Properties[0].ElectricityMeterPoints {
		products["electricity"] = mp.Agreements[0].ProductCode
	}
	for _, mp := range a.Properties[0].GasMeterPoints {
		products["gas"] = mp.Agreements[0].ProductCode
	}
	if got := fmt.Sprint(products); got != "map[electricity:BUS-VAR-23-04-01 gas:BUS-VAR-23-04-01]" {
		t.Errorf("the business joined %s, want both fuels on BUS-VAR-23-04-01", got)
	}
}

// TestShellAccountKeepsTheTaxNumber opens a business shell account on Origin with a tax
// number (an ABN) and reads it back: echoed by the payload, among the business's details,
// and as the business's number when no other is given.
func TestShellAccountKeepsTheTaxNumber(t *testing.T) {
	const create = `mutation($i: CreateShellAccountInput!) { createShellAccount(input: $i) { taxNumber errors { field messages }
		account { ... on AccountType { business { number numberType details { key value } } } } } }`
	for _, tc := range []struct {
		number, want string
	}{
		{"", "51824753556 map[details:[map[key:TAX_NUMBER value:51824753556]] number:51824753556 numberType:ABN]"},
		{"004085616", "51824753556 map[details:[map[key:TAX_NUMBER value:51824753556]] number:004085616 numberType:ACN]"},
	} {
		t.Run("number_"+tc.number, func(t *testing.T) {
			_, c := tenant(t, "origin-schema.graphql")
			in := map[string]any{"givenName": "Sol", "familyName": "Trader", "email": "sol@trader.example",
				"billingAddressLine1": "2 Mill Lane", "billingPostcode": "3011", "isBusinessAccount": true,
				"companyName": "Greenfield Community Trust", "companyNumber": tc.number, "taxNumber": " 51824753556 "}
			out := simtest.Get(mustQuery(t, c)(create, map[string]any{"i": in}), "createShellAccount")
			if got := fmt.Sprint(strings.TrimSpace(fmt.Sprint(simtest.Get(out, "taxNumber"))), " ", simtest.Get(out, "account", "business")); got != tc.want {
				t.Errorf("tax number and business %s, want %s (errors %v)", got, tc.want, simtest.Get(out, "errors"))
			}
		})
	}
}
