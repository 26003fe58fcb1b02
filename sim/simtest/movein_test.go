package simtest_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/krakensim/krakensim/sim/simtest"
)

const moveIn = `mutation($p: ID!, $d: Date!, $e: String!, $product: String) { moveInCreateCustomer(input: {givenName: "Sam", familyName: "Newcomer", email: $e, propertyId: $p, moveInDate: $d, productCode: $product}) { accountNumber } }`

// TestMoveInIsTheNewcomers moves a new customer into the demo home once its household
// has left: refused as documented while the home is occupied, for an address that is
// none or a user's already, a product that does not supply the home and a second
// newcomer; the newcomer is emailed a link to set a password, signs in and reads an
// account of their own that supplies the home, its MPAN and MPRN, from the move-in day
// on the default product.
func TestMoveInIsTheNewcomers(t *testing.T) {
	srv, c := vendorServer(t)
	stranger := srv.ClientIn(t, c.Session)
	vars := func(date, email, product string) map[string]any {
		v := map[string]any{"p": "2214531", "d": date, "e": email}
		if product != "" {
			v["product"] = product
		}
		return v
	}
	if out := stranger.Query(moveIn, vars("2026-12-16", "sam@example.com", "")); len(out.Errors) != 1 || out.Errors[0].Code() != "KT-GB-5416" {
		t.Errorf("into an occupied home: %+v", out.Errors)
	}
	mustQuery(t, c)(`mutation { moveOut(input: {accountNumber: "A-C90DC431", propertyId: "2214531", moveOutDate: "2026-12-15"}) { account { number } } }`, nil)
	for _, tc := range []struct {
		name string
		vars map[string]any
		code string
	}{
		{"the day the household leaves", vars("2026-12-15", "sam@example.com", ""), "KT-GB-5416"},
		{"no address", vars("2026-12-16", "sam@", ""), "KT-GB-5416"},
		{"a user's address", vars("2026-12-16", "demo@krakensim.dev", ""), "KT-CT-4111"},
		{"a product with no gas", vars("2026-12-16", "sam@example.com", "AGILE-24-10-01"), "KT-GB-5416"},
		{"a product there is none of", vars("2026-12-16", "sam@example.com", "NOPE-1"), "KT-GB-5416"},
		{"a year ahead", vars("2027-12-16", "sam@example.com", ""), "KT-GB-5416"},
	} {
		if out := stranger.Query(moveIn, tc.vars); len(out.Errors) != 1 || out.Errors[0].Code() != tc.code {
			t.Errorf("%s: %+v, want %s", tc.name, out.Errors, tc.code)
		}
	}
	number, _ := simtest.Get(mustQuery(t, stranger)(moveIn, vars("2026-12-16", "sam@example.com", "")), "moveInCreateCustomer", "accountNumber").(string)
	if number == "" {
		t.Fatal("no account number")
	}
	if out := stranger.Query(moveIn, vars("2026-12-17", "alex@example.com", "")); len(out.Errors) != 1 || out.Errors[0].Code() != "KT-GB-5416" {
		t.Errorf("a second newcomer: %+v", out.Errors)
	}
	mail := stranger.Messages()[0]
	if mail.To != "sam@example.com" || mail.Data["accountNumber"] != number || mail.Data["token"] == "" {
		t.Fatalf("the welcome %+v", mail)
	}
	reset := `mutation($u: String!, $t: String!) { resetUserPassword(input: {userId: $u, token: $t, newPassword: "a-new-home-2026"}) { __typename } }`
	mustQuery(t, stranger)(reset, map[string]any{"u": mail.Data["userId"], "t": mail.Data["token"]})
	stranger.SignIn("sam@example.com", "a-new-home-2026")
	out := mustQuery(t, stranger)(`query($n: String!) { account(accountNumber: $n) { status billingEmail properties { postcode occupancyPeriods { effectiveFrom }
		electricityMeterPoints { mpan agreements { validFrom tariff { ... on TariffType { productCode } } } } gasMeterPoints { mprn } } } }`, map[string]any{"n": number})
	a := simtest.Get(out, "account")
	p := simtest.Get(a, "properties", 0)
	if simtest.Get(a, "status") != "PENDING" || simtest.Get(a, "billingEmail") != "sam@example.com" || simtest.Get(p, "postcode") != "NR3 1AB" ||
		simtest.Get(p, "occupancyPeriods", 0, "effectiveFrom") != "2026-12-16T00:00:00+00:00" ||
		simtest.Get(p, "electricityMeterPoints", 0, "mpan") != "1013004420117" || simtest.Get(p, "gasMeterPoints", 0, "mprn") != "3406086401" ||
		simtest.Get(p, "electricityMeterPoints", 0, "agreements", 0, "validFrom") != "2026-12-16T00:00:00+00:00" ||
		simtest.Get(p, "electricityMeterPoints", 0, "agreements", 0, "tariff", "productCode") != "VAR-22-11-01" {
		t.Errorf("the newcomer's account %v", a)
	}
	// Once their first month's statement is issued (16 December to 15 January, issued on
	// the 17th), the newcomer's first charge is for the days from their move in, which
	// the household's final charge did not bill, and the account is active, no longer
	// one that can be withdrawn.
	stranger.AdvanceClock(47 * 24 * time.Hour)
	stranger.SignIn("sam@example.com", "a-new-home-2026")
	status := mustQuery(t, stranger)(`query($n: String!) { account(accountNumber: $n) { status canBeWithdrawn } }`, map[string]any{"n": number})
	if got := fmt.Sprint(simtest.Get(status, "account")); got != "map[canBeWithdrawn:false status:ACTIVE]" {
		t.Errorf("the newcomer's account a month after moving in: %s", got)
	}
	charges := mustQuery(t, stranger)(`query($n: String!) { account(accountNumber: $n) { ledgers { transactions(first: 1) { edges { node {
		... on Charge { consumption { startDate endDate } } } } } } } }`, map[string]any{"n": number})
	if got := fmt.Sprint(simtest.Get(charges, "account", "ledgers", 0, "transactions", "edges", 0, "node", "consumption")); got != "map[endDate:2027-01-15 startDate:2026-12-16]" {
		t.Errorf("the newcomer's first charge is for %s, want the month from their move in on 2026-12-16", got)
	}
}

// TestForceMoveInRegistersTheNewcomer moves the demo household out for a named newcomer
// with no email: the household leaves the day before, the newcomer is written to at the
// home with a key that signs them in, and registers an address (refused for a stranger,
// an address a user has, and once registered), which is sent a link to set a password.
func TestForceMoveInRegistersTheNewcomer(t *testing.T) {
	srv, c := vendorServer(t)
	query := mustQuery(t, c)
	query(`mutation { forceMoveIn(input: {accountNumber: "A-C90DC431", propertyId: "2214531", moveInDate: "2026-12-20", givenName: "Sam", familyName: "Newcomer"}) { account { number } } }`, nil)
	out := query(`{ account(accountNumber: "A-C90DC431") { properties { occupancyPeriods { effectiveTo } } } }`, nil)
	if got := simtest.Get(out, "account", "properties", 0, "occupancyPeriods", 0, "effectiveTo"); got != "2026-12-20T00:00:00+00:00" {
		t.Errorf("the household leaves %v", got)
	}
	letter := c.Messages()[0]
	number, key := letter.Data["accountNumber"], letter.Data["preSignedKey"]
	if letter.To != "Sam Newcomer, 41 Octopus Lane, Norwich, Norfolk, NR3 1AB" || number == "" || key == "" {
		t.Fatalf("the letter %+v", letter)
	}
	const register = `mutation($n: String!, $e: String!) { registerEmail(input: {accountNumber: $n, email: $e}) { blackholeEmailAccountUser { email hasBlackholeEmail } } }`
	if out := c.Query(register, map[string]any{"n": number, "e": "sam@example.com"}); len(out.Errors) != 1 || out.Errors[0].Code() != "KT-CT-1111" {
		t.Errorf("the old occupier registering: %+v", out.Errors)
	}
	sam := srv.ClientIn(t, c.Session)
	signIn := sam.Query(`mutation($k: String!) { obtainKrakenToken(input: {preSignedKey: $k}) { token } }`, map[string]any{"k": key})
	sam.Token, _ = simtest.Get(signIn.Data, "obtainKrakenToken", "token").(string)
	if sam.Token == "" {
		t.Fatalf("signing in with the letter's key: %+v", signIn.Errors)
	}
	for _, tc := range []struct{ email, code string }{{"demo@krakensim.dev", "KT-GB-5413"}, {"not an address", "KT-GB-5413"}} {
		if out := sam.Query(register, map[string]any{"n": number, "e": tc.email}); len(out.Errors) != 1 || out.Errors[0].Code() != tc.code {
			t.Errorf("registering %q: %+v, want %s", tc.email, out.Errors, tc.code)
		}
	}
	const update = `mutation($n: String!, $e: String!) { updateBlackholeEmail(input: {accountNumber: $n, email: $e}) { blackholeEmailAccountUser { email hasBlackholeEmail } blackholeEmailAccount { number billingEmail } } }`
	for _, tc := range []struct {
		client       *simtest.Client
		number, code string
	}{{c, "A-C90DC431", "KT-GB-5412"}, {c, "A-00000000", "KT-CT-1111"}} {
		if out := tc.client.Query(update, map[string]any{"n": tc.number, "e": "sam@example.com"}); len(out.Errors) != 1 || out.Errors[0].Code() != tc.code {
			t.Errorf("updating %s: %+v, want %s", tc.number, out.Errors, tc.code)
		}
	}
	got := simtest.Get(mustQuery(t, sam)(update, map[string]any{"n": number, "e": "sam@example.com"}), "updateBlackholeEmail")
	if simtest.Get(got, "blackholeEmailAccountUser", "email") != "sam@example.com" || simtest.Get(got, "blackholeEmailAccountUser", "hasBlackholeEmail") != false ||
		simtest.Get(got, "blackholeEmailAccount", "number") != number || simtest.Get(got, "blackholeEmailAccount", "billingEmail") != "sam@example.com" {
		t.Errorf("registered %v", got)
	}
	if out := sam.Query(register, map[string]any{"n": number, "e": "sam2@example.com"}); len(out.Errors) != 1 || out.Errors[0].Code() != "KT-GB-5412" {
		t.Errorf("registering again: %+v", out.Errors)
	}
	if mail := sam.Messages()[0]; mail.To != "sam@example.com" || mail.Data["token"] == "" {
		t.Errorf("the welcome %+v", mail)
	}
}

// TestOctopusMovesAreLifecycleProcesses moves the demo household out to a next home on
// Octopus: lifecycleProcesses lists the move out of the old home and into the next, in
// progress until their days, and the next home's supply joining; the day after the move
// in, none is active.
func TestOctopusMovesAreLifecycleProcesses(t *testing.T) {
	_, c := octopus(t)
	query := mustQuery(t, c)
	query(`mutation { performMoveOut(input: {accountNumber: "A-C90DC431", propertyId: "2214531", moveOutDate: "2026-12-20", newProperty: {address: "3 New Street, York", postcode: "YO1 7HH", mpans: ["1900000000004"]}}) { account { number } } }`, nil)
	const read = `query($active: Boolean) { lifecycleProcesses(accountNumber: "A-C90DC431", onlyActive: $active) {
		joinSupplierProcesses { edges { node { status } } }
		occupyPropertyProcesses { edges { node { id status occupyAt supplyPoints { edges { node { externalIdentifier } } } } } }
		leavePropertyProcesses { edges { node { id status } } } } }`
	got := simtest.Get(query(read, map[string]any{"active": true}), "lifecycleProcesses")
	occupy := simtest.Get(got, "occupyPropertyProcesses", "edges", 0, "node")
	if simtest.Get(got, "leavePropertyProcesses", "edges", 0, "node", "id") != "LPP-2214531" || simtest.Get(got, "leavePropertyProcesses", "edges", 0, "node", "status") != "IN_PROGRESS" ||
		simtest.Get(occupy, "status") != "IN_PROGRESS" || simtest.Get(occupy, "occupyAt") != "2026-12-21T00:00:00+00:00" ||
		simtest.Get(occupy, "supplyPoints", "edges", 0, "node", "externalIdentifier") != "1900000000004" ||
		simtest.Get(got, "joinSupplierProcesses", "edges", 0, "node", "status") != "IN_PROGRESS" {
		t.Errorf("the moves in progress %v", got)
	}
	c.AdvanceClock(20 * 24 * time.Hour)
	c.SignIn("demo@krakensim.dev", "krakensim")
	got = simtest.Get(query(read, map[string]any{"active": true}), "lifecycleProcesses")
	for _, kind := range []string{"occupyPropertyProcesses", "leavePropertyProcesses"} {
		if n := len(simtest.Get(got, kind, "edges").([]any)); n != 0 {
			t.Errorf("%d %s active once moved", n, kind)
		}
	}
	all := simtest.Get(query(read, nil), "lifecycleProcesses", "leavePropertyProcesses", "edges", 0, "node", "status")
	if all != "COMPLETED" {
		t.Errorf("the move out once done: %v", all)
	}
}

// TestOctopusLeaveSupplierIsCancelled asks for the demo account's supplies to end on
// Octopus: the agreements end on the day and the process is in progress; asking again
// moves the day; cancelling puts the agreements back, once; a day past and a process
// none of the viewer's accounts has are refused as documented.
func TestOctopusLeaveSupplierIsCancelled(t *testing.T) {
	_, c := octopus(t)
	query := mustQuery(t, c)
	const leave = `mutation($d: Date!) { instigateLeaveSupplier(input: {accountNumber: "A-C90DC431", requestedSupplyEndDate: $d}) { leaveSupplierProcessId message } }`
	const cancel = `mutation($id: ID!) { cancelLeaveSupplier(input: {leaveSupplierProcessId: $id, reason: "Staying"}) { message } }`
	const agreements = `{ account(accountNumber: "A-C90DC431") { electricityAgreements(active: true) { validTo } } }`
	before := simtest.Get(query(agreements, nil), "account", "electricityAgreements", 0, "validTo")
	if out := c.Query(leave, map[string]any{"d": "2026-11-30"}); len(out.Errors) != 1 || out.Errors[0].Code() != "KT-CT-1602" {
		t.Errorf("a day past: %+v", out.Errors)
	}
	id := simtest.Get(query(leave, map[string]any{"d": "2026-12-31"}), "instigateLeaveSupplier", "leaveSupplierProcessId")
	if again := simtest.Get(query(leave, map[string]any{"d": "2027-01-15"}), "instigateLeaveSupplier", "leaveSupplierProcessId"); id == nil || again != id {
		t.Errorf("asked twice: %v then %v", id, again)
	}
	if got := simtest.Get(query(agreements, nil), "account", "electricityAgreements", 0, "validTo"); got != "2027-01-16T00:00:00+00:00" {
		t.Errorf("the agreement ends %v while leaving", got)
	}
	p := simtest.Get(query(`query($id: ID!) { leaveSupplierProcess(leaveSupplierProcessId: $id) { id status } }`, map[string]any{"id": id}), "leaveSupplierProcess")
	if simtest.Get(p, "status") != "IN_PROGRESS" {
		t.Errorf("the process %v", p)
	}
	if out := c.Query(cancel, map[string]any{"id": "1"}); len(out.Errors) != 1 || out.Errors[0].Code() != "KT-CT-10302" {
		t.Errorf("another process: %+v", out.Errors)
	}
	query(cancel, map[string]any{"id": id})
	if got := simtest.Get(query(agreements, nil), "account", "electricityAgreements", 0, "validTo"); got != before {
		t.Errorf("the agreement ends %v once cancelled, %v before", got, before)
	}
	if out := c.Query(cancel, map[string]any{"id": id}); len(out.Errors) != 1 || out.Errors[0].Code() != "KT-CT-10305" {
		t.Errorf("cancelling again: %+v", out.Errors)
	}
	got := simtest.Get(query(`{ lifecycleProcesses(accountNumber: "A-C90DC431") { leaveSupplierProcesses { edges { node { id status } } } } }`, nil),
		"lifecycleProcesses", "leaveSupplierProcesses", "edges", 0, "node", "status")
	if got != "CANCELLED" {
		t.Errorf("listed %v", got)
	}
}
