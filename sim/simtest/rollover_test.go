package simtest_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/krakensim/krakensim/sim/simtest"
)

// heldAgreements lists the agreements state holds for the supply with the MPAN, NMI or
// MPRN id on the account, each as "tariff from..to".
func heldAgreements(t *testing.T, srv *simtest.Server, c *simtest.Client, number, id string) string {
	t.Helper()
	sess, err := srv.Sim.Session(c.Session)
	if err != nil {
		t.Fatal(err)
	}
	a := sess.World().Account(number)
	if a == nil {
		t.Fatalf("no account %s", number)
	}
	out := ""
	for _, p := range a.Properties {
		for _, mp := range p.ElectricityMeterPoints {
			if mp.Identifier() == id {
				for _, ag := range mp.Agreements {
					out += fmt.Sprintf("%s %s..%s; ", ag.TariffCode, ag.ValidFrom, ag.ValidTo)
				}
			}
		}
		for _, mp := range p.GasMeterPoints {
			if mp.Identifier() == id {
				for _, ag := range mp.Agreements {
					out += fmt.Sprintf("%s %s..%s; ", ag.TariffCode, ag.ValidFrom, ag.ValidTo)
				}
			}
		}
	}
	return out
}

// TestBusinessTermRollsOntoBusinessFlexible ends a business's agreement on Octopus (a
// renewal given an end) and on Origin (its agreement period given an end): the supply
// rolls onto the business variable product the tenant sells businesses, BUS-VAR-23-04-01,
// in its own region or network, not the homes' Flexible.
func TestBusinessTermRollsOntoBusinessFlexible(t *testing.T) {
	for _, tc := range []struct {
		sdl, signIn, query, mpxn, want string
	}{
		{"octopus-schema.graphql", `{email: "business@krakensim.dev", password: "krakensim"}`, `mutation { renewAgreementForMeterPoint(input: {mpxn: "1600155283015", tariffCode: "E-1R-BUS-VAR-23-04-01-G",
			validFromDate: "2026-12-10", validToDate: "2027-06-10"}) { electricityAgreement { validTo } } }`, "1600155283015",
			"E-1R-BUS-VAR-18-10-01-G 2018-12-01..2023-04-01; E-1R-BUS-VAR-23-04-01-G 2023-04-01..2026-12-10; E-1R-BUS-VAR-23-04-01-G 2026-12-10..2027-06-10; E-1R-BUS-VAR-23-04-01-G 2027-06-10..; "},
		{"origin-schema.graphql", `{APIKey: "sk_live_krakensimbusiness3235450"}`, `mutation { updateAgreementPeriod(input: {accountNumber: "A-B1A2C3D4", agreementId: "9100006", validFrom: "2023-04-01",
			validTo: "2027-03-01"}) { account { number } } }`, "6102155283",
			"E-1R-BUS-VAR-18-10-01-CITIPOWER 2018-12-01..2023-04-01; E-1R-BUS-VAR-23-04-01-CITIPOWER 2023-04-01..2027-03-01; E-1R-BUS-VAR-23-04-01-CITIPOWER 2027-03-01..; "},
	} {
		srv, c := tenant(t, tc.sdl)
		biz, _ := signInAs(t, srv, c, tc.signIn)
		mustQuery(t, biz)(tc.query, nil)
		if got := heldAgreements(t, srv, c, "A-B1A2C3D4", tc.mpxn); got != tc.want {
			t.Errorf("%s: the business's agreements\n got %s\nwant %s", tc.sdl, got, tc.want)
		}
	}
}

// TestFixedTermsMadeWithoutRenewalRollOver makes fixed terms the ways that do not renew
// a supply: a newcomer moving in on a fixed product, a household moving home on one, and
// Origin's updateAgreementPeriod giving an agreement an end; each supply rolls onto
// Flexible at the term's end. Extending the agreement then moves the rollover (not
// begun) to the new end instead of refusing the overlap (KT-CT-1505).
func TestFixedTermsMadeWithoutRenewalRollOver(t *testing.T) {
	srv, c := vendorServer(t)
	mustQuery(t, c)(`mutation { moveOut(input: {accountNumber: "A-C90DC431", propertyId: "2214531", moveOutDate: "2026-12-15"}) { account { number } } }`, nil)
	stranger := srv.ClientIn(t, c.Session)
	number, _ := simtest.Get(mustQuery(t, stranger)(moveIn, map[string]any{"p": "2214531", "d": "2026-12-16", "e": "sam@example.com", "product": "OE-FIX-12M-24-09-01"}),
		"moveInCreateCustomer", "accountNumber").(string)
	if got, want := heldAgreements(t, srv, c, number, "3406086401"), "G-1R-OE-FIX-12M-24-09-01-A 2026-12-16..2027-12-16; G-1R-VAR-22-11-01-A 2027-12-16..; "; got != want {
		t.Errorf("the newcomer's gas\n got %s\nwant %s", got, want)
	}

	srv, c = octopus(t)
	mustQuery(t, c)(`mutation { renewAgreementsForAccount(input: {accountNumber: "A-C90DC431", electricityAgreements: [{agreementId: "9100001", productCode: "OE-FIX-12M-24-09-01"}],
		changeOn: "2026-12-10"}) { account { number } } }`, nil)
	mustQuery(t, c)(`mutation { performMoveOut(input: {accountNumber: "A-C90DC431", propertyId: "2214531", moveOutDate: "2026-12-14",
		newProperty: {address: "97 Orchard Crescent", postcode: "NR2 4SF", moveInDate: "2026-12-20", mpans: ["1090923744027"], moveInNewProperty: true}}) { account { number } } }`, nil)
	if got, want := heldAgreements(t, srv, c, "A-C90DC431", "1090923744027"), "E-1R-OE-FIX-12M-24-09-01-A 2026-12-20..2027-12-10; E-1R-VAR-22-11-01-A 2027-12-10..; "; got != want {
		t.Errorf("the next home's electricity\n got %s\nwant %s", got, want)
	}

	srv, c = tenant(t, "origin-schema.graphql")
	q := mustQuery(t, c)
	q(`mutation { updateAgreementPeriod(input: {accountNumber: "A-C90DC431", agreementId: "9100001", validFrom: "2024-01-01", validTo: "2027-03-01"}) { account { number } } }`, nil)
	const nmi = "4102004420"
	before := heldAgreements(t, srv, c, "A-C90DC431", nmi)
	q(`mutation { extendAgreementPeriod(input: {accountNumber: "A-C90DC431", agreementId: "9100001", validTo: "2027-06-01"}) { agreement { validTo } } }`, nil)
	after := heldAgreements(t, srv, c, "A-C90DC431", nmi)
	for _, tt := range []struct{ when, got, want string }{
		{"given an end", before, "2024-01-01..2027-03-01; E-1R-VAR-22-11-01-"},
		{"extended", after, "2024-01-01..2027-06-01; E-1R-VAR-22-11-01-"},
	} {
		if !strings.Contains(tt.got, tt.want) || !strings.HasSuffix(tt.got, "..; ") {
			t.Errorf("the agreements %s: %s, want …%s…", tt.when, tt.got, tt.want)
		}
	}
}
