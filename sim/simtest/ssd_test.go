package simtest_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/krakensim/krakensim/sim/simtest"
)

// TestMoveInSupplyStartIsOneFact moves the demo household out on Friday 18 December
// into a home it occupies that day. The earliest and latest days updateSsd accepts are
// what the account answers; a day before the move in is refused; a later day moves the
// registrations and the agreements together, and the home's supplies are on supply from
// that day, not before.
func TestMoveInSupplyStartIsOneFact(t *testing.T) {
	_, c := octopus(t)
	query := mustQuery(t, c)
	query(`mutation { performMoveOut(input: {accountNumber: "A-C90DC431", propertyId: "2214531", moveOutDate: "2026-12-18",
		newProperty: {address: "97 Market Terrace, London", postcode: "SE1 9SG", moveInDate: "2026-12-18", mpans: ["1245708906730"], mprns: ["1570890673"], moveInNewProperty: true}}) { account { number } } }`, nil)
	const read = `{ account(accountNumber: "A-C90DC431") { currentEstimatedSsd earliestPossibleSsd latestPossibleSsd
		properties { occupancyPeriods { effectiveFrom } electricityMeterPoints { status agreements { validFrom } } gasMeterPoints { status agreements { validFrom } } } } }`
	next := func() string {
		a := simtest.Get(query(read, nil), "account")
		p := simtest.Get(a, "properties", 1)
		return spaced(simtest.Get(a, "currentEstimatedSsd"), simtest.Get(a, "earliestPossibleSsd"), simtest.Get(a, "latestPossibleSsd"),
			simtest.Get(p, "occupancyPeriods", 0, "effectiveFrom"), simtest.Get(p, "electricityMeterPoints", 0, "status"),
			simtest.Get(p, "electricityMeterPoints", 0, "agreements", 0, "validFrom"), simtest.Get(p, "gasMeterPoints", 0, "agreements", 0, "validFrom"))
	}
	if got, want := next(), "2026-12-18 2026-12-18 2026-12-30 2026-12-18T00:00:00+00:00 PENDING_REGISTRATION 2026-12-18T00:00:00+00:00 2026-12-18T00:00:00+00:00"; got != want {
		t.Errorf("moved:\n got %s\nwant %s", got, want)
	}
	const ssd = `mutation($d: Date!) { updateSsd(input: {accountNumber: "A-C90DC431", desiredSsd: $d}) { ssdUpdated estimatedSsd } }`
	for _, day := range []string{"2026-12-09", "2026-12-17", "2026-12-31", "2026-12-19", "2026-12-25"} { // before the move in, after the latest, a Saturday, Christmas
		if got := graphqlCode(t, c, ssd, map[string]any{"d": day}); got != "KT-GB-4101" {
			t.Errorf("a supply start on %s: %q, want KT-GB-4101", day, got)
		}
	}
	if got := fmt.Sprint(simtest.Get(query(ssd, map[string]any{"d": "2026-12-22"}), "updateSsd")); got != "map[estimatedSsd:2026-12-22 ssdUpdated:true]" {
		t.Errorf("moving the supply start: %s", got)
	}
	if got, want := next(), "2026-12-22 2026-12-18 2026-12-30 2026-12-18T00:00:00+00:00 PENDING_REGISTRATION 2026-12-22T00:00:00+00:00 2026-12-22T00:00:00+00:00"; got != want {
		t.Errorf("the supply start moved:\n got %s\nwant %s", got, want)
	}
	c.AdvanceClock(19 * 24 * time.Hour) // 21 December: moved in, not yet supplied
	c.SignIn("demo@krakensim.dev", "krakensim")
	if got := simtest.Get(query(read, nil), "account", "properties", 1, "electricityMeterPoints", 0, "status"); got != "PENDING_REGISTRATION" {
		t.Errorf("the day before the supply start the supply is %v", got)
	}
	c.AdvanceClock(24 * time.Hour)
	c.SignIn("demo@krakensim.dev", "krakensim")
	if got := simtest.Get(query(read, nil), "account", "properties", 1, "electricityMeterPoints", 0, "status"); got != "ON_SUPPLY" {
		t.Errorf("on the supply start the supply is %v", got)
	}
}

// TestQuotedStartDatesAreTheSwitchsDays quotes a prospect and reads Morgan's switch on
// the same day: the quote's allowed supply start dates are the days updateSsd accepts
// for a switch (working days from tomorrow to four weeks on, 2 December's Christmas and
// New Year holidays apart), the first and last of them the account's earliest and
// latest possible days.
func TestQuotedStartDatesAreTheSwitchsDays(t *testing.T) {
	srv, c := octopus(t)
	c.Token = ""
	q := mustQuery(t, c)(`mutation { q: createQuote(input: {postcode: "SE1 9SG", brandCode: "OCTOPUS_ENERGY", electricityMeterPoints: [{isEstimate: true}], gasMeterPoints: [{isEstimate: true}]}) {
		quote { quotedProducts { allowedSupplyStartDates } } } }`, nil)
	var allowed []string
	for _, d := range simtest.Get(q, "q", "quote", "quotedProducts", 0, "allowedSupplyStartDates").([]any) {
		allowed = append(allowed, d.(string))
	}
	if len(allowed) == 0 || allowed[0] != "2026-12-03" || allowed[len(allowed)-1] != "2026-12-30" || slices.Contains(allowed, "2026-12-05") || slices.Contains(allowed, "2026-12-25") {
		t.Fatalf("allowed supply start dates %v", allowed)
	}
	morgan := srv.Client(t)
	morgan.SignIn("new@krakensim.dev", "krakensim")
	bounds := simtest.Get(mustQuery(t, morgan)(`{ account(accountNumber: "A-9D8E7F60") { earliestPossibleSsd latestPossibleSsd } }`, nil), "account")
	if got := spaced(simtest.Get(bounds, "earliestPossibleSsd"), simtest.Get(bounds, "latestPossibleSsd")); got != allowed[0]+" "+allowed[len(allowed)-1] {
		t.Errorf("Morgan's switch may start %s, the quote's %s to %s", got, allowed[0], allowed[len(allowed)-1])
	}
	const ssd = `mutation($d: Date!) { updateSsd(input: {accountNumber: "A-9D8E7F60", desiredSsd: $d}) { ssdUpdated } }`
	for d := time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC); d.Before(time.Date(2027, 1, 2, 0, 0, 0, 0, time.UTC)); d = d.AddDate(0, 0, 1) {
		day := d.Format(time.DateOnly)
		if accepted := len(morgan.Query(ssd, map[string]any{"d": day}).Errors) == 0; accepted != slices.Contains(allowed, day) {
			t.Errorf("updateSsd on %s accepted %v, the quote allows it %v", day, accepted, !accepted)
		}
	}
}

// TestMoveOntoAQuoteOfTheNewHome: the demo household quotes its next home as a sign-up
// page does (createQuote) and moves there on a product that quote offers, which the next
// home's agreements are on; a product the quote does not offer is refused.
func TestMoveOntoAQuoteOfTheNewHome(t *testing.T) {
	_, c := octopus(t)
	query := mustQuery(t, c)
	q := simtest.Get(query(`mutation { createQuote(input: {postcode: "SE1 9SG", brandCode: "OCTOPUS_ENERGY", electricityMeterPoints: [{mpan: "1245708906730", isEstimate: true}]}) {
		quote { code quotedProducts { product { code } } } } }`, nil), "createQuote", "quote")
	code := simtest.Get(q, "code").(string)
	var fixed string
	for _, p := range simtest.Get(q, "quotedProducts").([]any) {
		if c := simtest.Get(p, "product", "code").(string); strings.Contains(c, "FIX") {
			fixed = c
		}
	}
	if fixed == "" {
		t.Fatalf("no fixed product quoted: %v", q)
	}
	const move = `mutation($q: String!, $p: String!) { performMoveOut(input: {accountNumber: "A-C90DC431", propertyId: "2214531", moveOutDate: "2026-12-18",
		newProperty: {address: "97 Market Terrace, London", postcode: "SE1 9SG", moveInDate: "2026-12-18", mpans: ["1245708906730"], productCode: $p, quoteCode: $q, moveInNewProperty: true}}) { account { number } } }`
	if got := graphqlCode(t, c, move, map[string]any{"q": code, "p": "AGILE-24-10-01"}); got != "KT-GB-6624" {
		t.Errorf("a product the quote does not offer: %q, want KT-GB-6624", got)
	}
	query(move, map[string]any{"q": code, "p": fixed})
	got := simtest.Get(query(`{ account(accountNumber: "A-C90DC431") { properties { electricityMeterPoints { agreements { tariff { ... on TariffType { productCode } } } } } } }`, nil),
		"account", "properties", 1, "electricityMeterPoints", 0, "agreements", 0, "tariff", "productCode")
	if got != fixed {
		t.Errorf("the next home's agreement is on %v, want the quoted %s", got, fixed)
	}
}
