package simtest_test

import (
	"fmt"
	"testing"

	"github.com/krakensim/krakensim/sim/simtest"
)

// TestOctopusMutationAnswersAreAboutTheAccountNamed runs mutations no resolver answers
// whose input names the demo account, or its user, on Octopus's SDL: what their payloads
// answer names that account, its users and its supply, not made-up ones.
func TestOctopusMutationAnswersAreAboutTheAccountNamed(t *testing.T) {
	_, c := octopus(t)
	q := mustQuery(t, c)
	for _, m := range []struct{ name, op, want string }{
		{"note's account", `mutation { createAccountNote(input: {accountNumber: "A-C90DC431", note: "Rang about the meter", isPinned: false}) {
			account { number users { givenName } } } }`,
			"map[createAccountNote:map[account:map[number:A-C90DC431 users:[map[givenName:Jamie] map[givenName:Robin]]]]]"},
		{"onboarding's supply", `mutation { startOnboardingProcess(input: {accountNumber: "A-C90DC431", mpan: "1013004420117", mprn: "3406086401", productCode: "AGILE-24-10-01"}) {
			onboardingProcess { account { number } meterPoint { mpan } } } }`,
			"map[startOnboardingProcess:map[onboardingProcess:map[account:map[number:A-C90DC431] meterPoint:map[mpan:1013004420117]]]]"},
		{"credit's account", `mutation { postCredit(input: {accountNumber: "A-C90DC431", netAmount: 1000, taxAmount: 50, reason: "GOODWILL", ledgerId: "6100001"}) {
			credit { accountNumber isCredit isAccountCharge } } }`,
			"map[postCredit:map[credit:map[accountNumber:A-C90DC431 isAccountCharge:false isCredit:true]]]"},
		{"portfolio role's user", `mutation { createPortfolioUserRole(input: {accountUserId: "3235447", portfolioId: "P-C90DC431", role: ADMIN}) {
			portfolioUserRole { role user { id fullName } } } }`,
			"map[createPortfolioUserRole:map[portfolioUserRole:map[role:ADMIN user:map[fullName:Jamie Carter id:3235447]]]]"},
	} {
		t.Run(m.name, func(t *testing.T) {
			if got := fmt.Sprint(q(m.op, nil)); got != m.want {
				t.Errorf("got %s, want %s", got, m.want)
			}
		})
	}
}

// TestOriginMutationAnswersAreAboutTheAccountNamed does the same on Origin's SDL, where
// a mutation names the account by a plain argument or by its input, and its ledger too.
func TestOriginMutationAnswersAreAboutTheAccountNamed(t *testing.T) {
	_, c := tenant(t, "origin-schema.graphql")
	data := mustQuery(t, c)(`mutation {
		addCustomEvent(accountNumber: "A-C90DC431", category: "MOVE_IN", content: "{}") { event { account category } }
		closeDcaProceeding(input: {accountNumber: "A-C90DC431", ledgerNumber: "L-6B2F0A1D", stopReason: "PAID", stoppedDate: "2026-11-20", agency: "Baycorp"}) {
			dcaProceedingClosureStatus { accountNumber ledgerNumber } }
		awardLoyaltyPoints(input: {accountNumber: "A-C90DC431", points: 100}) { ledgerEntry { accountNumber } } }`, nil)
	for _, c := range []struct{ name, got, want string }{
		{"event", fmt.Sprint(simtest.Get(data, "addCustomEvent", "event")), "map[account:A-C90DC431 category:MOVE_IN]"},
		{"debt collection", fmt.Sprint(simtest.Get(data, "closeDcaProceeding", "dcaProceedingClosureStatus")), "map[accountNumber:A-C90DC431 ledgerNumber:L-6B2F0A1D]"},
		{"loyalty points", fmt.Sprint(simtest.Get(data, "awardLoyaltyPoints", "ledgerEntry", "accountNumber")), "A-C90DC431"},
	} {
		if c.got != c.want {
			t.Errorf("%s: got %s, want %s", c.name, c.got, c.want)
		}
	}
}

// TestOriginPayloadsAreAboutTheUserNamed runs Origin's mutations that name a user: by
// the viewer signed in (a payload's viewer) or by userId; each answers the demo user.
func TestOriginPayloadsAreAboutTheUserNamed(t *testing.T) {
	_, c := tenant(t, "origin-schema.graphql")
	data := mustQuery(t, c)(`mutation {
		updateUserRichAddress(address: {}) { viewer { id fullName } }
		createPrimaryResidence(input: {userId: "3235447", propertyId: "2214531", fromDate: "2026-01-01",
			allowOverlappingPeriods: false, forceEndOverlappingProperty: false}) { primaryResidence { user { id fullName } property { id } } } }`, nil)
	for _, c := range []struct{ name, got, want string }{
		{"viewer", fmt.Sprint(simtest.Get(data, "updateUserRichAddress", "viewer")), "map[fullName:Jamie Carter id:3235447]"},
		{"residence", fmt.Sprint(simtest.Get(data, "createPrimaryResidence", "primaryResidence")), "map[property:map[id:2214531] user:map[fullName:Jamie Carter id:3235447]]"},
	} {
		if c.got != c.want {
			t.Errorf("%s: got %s, want %s", c.name, c.got, c.want)
		}
	}
}
