package simtest_test

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/simtest"
)

// occupierLetter is the letter to the occupier of a home left: its account number.
func occupierLetter(t *testing.T, c *simtest.Client) sim.Message {
	t.Helper()
	for _, m := range c.Messages() {
		if m.Subject == "Your energy supply" {
			return m
		}
	}
	t.Fatal("no letter to the occupier")
	return sim.Message{}
}

// TestOctopusOccupierAccountIsClaimed: the demo household moves out, and the home is
// supplied on an occupier account from the next day, written to at the home; the
// newcomer finds it by postcode and the number's last four characters, quotes the home
// with the token that answers, and claims it as documented: their users, the quoted
// product from the day they moved in, a direct debit on their payment day.
func TestOctopusOccupierAccountIsClaimed(t *testing.T) {
	srv, c := octopus(t)
	mustQuery(t, c)(`mutation { performMoveOut(input: {accountNumber: "A-C90DC431", propertyId: "2214531", moveOutDate: "2026-12-02"}) { account { number } } }`, nil)
	letter := occupierLetter(t, c)
	number := letter.Data["accountNumber"]
	if !strings.HasPrefix(letter.To, "The Occupier, 41 Octopus Lane") || !strings.Contains(letter.Body, "from 2026-12-03") || len(number) != 10 {
		t.Fatalf("the letter %+v", letter)
	}
	c.AdvanceClock(7 * 24 * time.Hour) // 9 December
	c.SignIn("demo@krakensim.dev", "krakensim")
	const lookup = `query($pc: String!, $s: String!) { occupierAccount(postcode: $pc, shortcode: $s) { account address date propertyId occupyToken } }`
	found := simtest.Get(mustQuery(t, c)(lookup, map[string]any{"pc": "nr3 1ab", "s": strings.ToLower(number[6:])}), "occupierAccount")
	id, _ := simtest.Get(found, "propertyId").(float64)
	property := strconv.FormatFloat(id, 'f', -1, 64)
	if simtest.Get(found, "account") != number || simtest.Get(found, "address") != "41 Octopus Lane, Norwich, Norfolk, NR3 1AB" || simtest.Get(found, "date") != "2026-12-03" {
		t.Fatalf("the occupier lookup %v", found)
	}
	if got := simtest.Get(mustQuery(t, c)(lookup, map[string]any{"pc": "NR3 1AB", "s": "C431"}), "occupierAccount"); got != nil {
		t.Errorf("the household's own account is no occupier account: %v", got)
	}
	sam := srv.ClientIn(t, c.Session)
	sam.Token = simtest.Get(found, "occupyToken").(string)
	quote := simtest.Get(mustQuery(t, sam)(`mutation($n: String!, $p: ID!) { requote(input: {accountNumber: $n, propertyId: $p}) { quote { code quotedProducts { product { code } } } } }`,
		map[string]any{"n": number, "p": property}), "requote", "quote")
	code := simtest.Get(quote, "code").(string)
	product := ""
	for _, qp := range simtest.Get(quote, "quotedProducts").([]any) {
		if p := simtest.Get(qp, "product", "code").(string); p != "VAR-22-11-01" && product == "" {
			product = p
		}
	}
	if product == "" {
		t.Fatalf("the quote %v offers nothing but the default product", quote)
	}
	const occupy = `mutation($in: OccupyInput!) { occupy(input: $in) { account { number ... on AccountType { billingName } } } }`
	in := func(edit func(map[string]any)) map[string]any {
		m := map[string]any{"accountNumber": number, "propertyId": property, "quoteCode": code, "productCode": product, "paymentDay": 5, "moveInDate": "2026-12-05",
			"directDebitInstruction": map[string]any{"accountNumber": "55779911", "accountHolder": "Sam Newcomer", "sortCode": "200000"},
			"users":                  []any{map[string]any{"givenName": "Sam", "familyName": "Newcomer", "email": "sam@example.com", "mobile": "07700900123", "optedInForMarketing": false}}}
		if edit != nil {
			edit(m)
		}
		return map[string]any{"in": m}
	}
	for _, tc := range []struct {
		name   string
		client *simtest.Client
		edit   func(map[string]any)
		code   string
	}{
		{"the household's own account", sam, func(m map[string]any) { m["accountNumber"] = "A-C90DC431" }, "KT-GB-6622"},
		{"the household claiming it", c, nil, "KT-GB-6622"},
		{"another property", sam, func(m map[string]any) { m["propertyId"] = "2214531" }, "KT-GB-6623"},
		{"an unknown quote", sam, func(m map[string]any) { m["quoteCode"] = "NOQUOTE1" }, "KT-GB-6623"},
		{"a product not quoted", sam, func(m map[string]any) { m["productCode"] = "NOPE-1" }, "KT-GB-6623"},
		{"before the account began", sam, func(m map[string]any) { m["moveInDate"] = "2026-12-01" }, "KT-GB-6623"},
		{"a day to come", sam, func(m map[string]any) { m["moveInDate"] = "2026-12-20" }, "KT-GB-6623"},
		{"no one", sam, func(m map[string]any) { m["users"] = []any{} }, "KT-GB-6623"},
		{"eleven people", sam, func(m map[string]any) {
			var users []any
			for i := range 11 {
				users = append(users, map[string]any{"givenName": "Sam", "familyName": "Newcomer", "email": fmt.Sprintf("sam%d@example.com", i), "mobile": "07700900123", "optedInForMarketing": false})
			}
			m["users"] = users
		}, "KT-GB-6623"},
		{"a payment day of 30", sam, func(m map[string]any) { m["paymentDay"] = 30 }, "KT-GB-6623"},
		{"no token", srv.ClientIn(t, c.Session), nil, "KT-CT-1112"},
	} {
		if got := graphqlCode(t, tc.client, occupy, in(tc.edit)); got != tc.code {
			t.Errorf("%s: %q, want %s", tc.name, got, tc.code)
		}
	}
	claimed := simtest.Get(mustQuery(t, sam)(occupy, in(nil)), "occupy", "account")
	if simtest.Get(claimed, "number") != number || simtest.Get(claimed, "billingName") != "Sam Newcomer" {
		t.Errorf("claimed %v", claimed)
	}
	if got := graphqlCode(t, sam, occupy, in(nil)); got != "KT-GB-6622" {
		t.Errorf("claiming twice: %q", got)
	}
	if got := graphqlCode(t, sam, `query($n: String!) { account(accountNumber: $n) { number } }`, map[string]any{"n": number}); got != "KT-CT-1111" {
		t.Errorf("the occupy token reading the claimed account: %q", got)
	}
	if got := simtest.Get(mustQuery(t, c)(lookup, map[string]any{"pc": "NR3 1AB", "s": number[6:]}), "occupierAccount"); got != nil {
		t.Errorf("a claimed account is found: %v", got)
	}
	var welcome sim.Message
	for _, m := range c.Messages() {
		if m.To == "sam@example.com" {
			welcome = m
		}
	}
	mustQuery(t, sam)(`mutation($u: String!, $t: String!) { resetUserPassword(input: {userId: $u, token: $t, newPassword: "a-new-home-2026"}) { __typename } }`,
		map[string]any{"u": welcome.Data["userId"], "t": welcome.Data["token"]})
	sam.SignIn("sam@example.com", "a-new-home-2026")
	a := simtest.Get(mustQuery(t, sam)(`query($n: String!) { account(accountNumber: $n) { billingEmail
		paymentSchedules(first: 5) { edges { node { paymentDay } } }
		properties { electricityMeterPoints { mpan agreements(includeInactive: true) { validFrom validTo tariff { ... on TariffType { productCode } } } } } } }`,
		map[string]any{"n": number}), "account")
	var agreements []string
	for _, ag := range simtest.Get(a, "properties", 0, "electricityMeterPoints", 0, "agreements").([]any) {
		agreements = append(agreements, fmt.Sprint(simtest.Get(ag, "tariff", "productCode"), " ", simtest.Get(ag, "validFrom"), " ", simtest.Get(ag, "validTo")))
	}
	want := "VAR-22-11-01 2026-12-03T00:00:00+00:00 2026-12-05T00:00:00+00:00; " + product + " 2026-12-05T00:00:00+00:00 <nil>"
	if got := strings.Join(agreements, "; "); got != want || simtest.Get(a, "billingEmail") != nil ||
		simtest.Get(a, "properties", 0, "electricityMeterPoints", 0, "mpan") != "1013004420117" ||
		simtest.Get(a, "paymentSchedules", "edges", 0, "node", "paymentDay") != 5.0 {
		t.Errorf("the claimed account %v: agreements %s, want %s", a, got, want)
	}
}

// TestOccupierAccountGivesWayToANewcomer: a newcomer moving in after the household left
// takes the home over from its occupier account, which supplied it in between; one
// moving in the day after leaves an occupier account that never supplied it.
func TestOccupierAccountGivesWayToANewcomer(t *testing.T) {
	for _, tc := range []struct {
		day, status, occupied string
	}{
		{"2026-12-20", "PENDING", "2026-12-16..2026-12-19"},
		{"2026-12-16", "WITHDRAWN", ""},
	} {
		t.Run(tc.day, func(t *testing.T) {
			srv, c := vendorServer(t)
			mustQuery(t, c)(`mutation { moveOut(input: {accountNumber: "A-C90DC431", propertyId: "2214531", moveOutDate: "2026-12-15"}) { account { number } } }`, nil)
			number := occupierLetter(t, c).Data["accountNumber"]
			mustQuery(t, srv.ClientIn(t, c.Session))(moveIn, map[string]any{"p": "2214531", "d": tc.day, "e": "sam@example.com"})
			sess, err := srv.Sim.Session(c.Session)
			if err != nil {
				t.Fatal(err)
			}
			a := sess.World().Account(number)
			occupied := ""
			if len(a.Properties) > 0 {
				occupied = a.Properties[0].OccupiedFrom + ".." + a.Properties[0].OccupiedTo
			}
			if a.Status != tc.status || occupied != tc.occupied || a.Occupier {
				t.Errorf("the occupier account: %s, occupied %q, unclaimed %v", a.Status, occupied, a.Occupier)
			}
		})
	}
}

// TestOccupierAccountOnlyForASuppliedHome: a home the household leaves with no supply
// of ours gets no occupier account; the one it left with supplies does.
func TestOccupierAccountOnlyForASuppliedHome(t *testing.T) {
	_, c := octopus(t)
	out := mustQuery(t, c)(`mutation { performMoveOut(input: {accountNumber: "A-C90DC431", propertyId: "2214531", moveOutDate: "2026-12-02",
		newProperty: {address: "3 Quay Street", postcode: "NR1 1AA", moveInDate: "2026-12-03"}}) { account { ... on AccountType { properties { id } } } } }`, nil)
	props := simtest.Get(out, "performMoveOut", "account", "properties").([]any)
	next, _ := simtest.Get(props[len(props)-1], "id").(string)
	mustQuery(t, c)(`mutation($p: String!) { performMoveOut(input: {accountNumber: "A-C90DC431", propertyId: $p, moveOutDate: "2026-12-05"}) { account { number } } }`,
		map[string]any{"p": next})
	letters := 0
	for _, m := range c.Messages() {
		if m.Subject == "Your energy supply" {
			letters++
		}
	}
	if letters != 1 {
		t.Errorf("%d letters to an occupier, want one for the supplied home", letters)
	}
}

// TestOccupierPaysByTransferUntilADirectDebit: a newcomer claiming a home without a
// direct debit pays each statement by bank transfer at the prices Octopus charges for
// it; a direct debit set up later collects from then on and leaves the statements and
// transfers before it as they were.
func TestOccupierPaysByTransferUntilADirectDebit(t *testing.T) {
	const read = `query($n: String!) { account(accountNumber: $n) {
		paymentSchedules(first: 5) { edges { node { scheduleType validFrom validTo } } }
		gasAgreements { tariff { ... on GasTariffType { unitRate } } }
		bills(first: 20) { edges { node { id ... on StatementType { openingBalance closingBalance
			transactions(first: 20) { edges { node { __typename amount title } } } } } } } } }`
	rate := func(a any) float64 { return simtest.Get(a, "gasAgreements", 0, "tariff", "unitRate").(float64) }
	statements := func(a any) map[string]string {
		out := map[string]string{}
		for _, e := range simtest.Get(a, "bills", "edges").([]any) {
			n := simtest.Get(e, "node")
			var paid []string
			for _, tx := range simtest.Get(n, "transactions", "edges").([]any) {
				if simtest.Get(tx, "node", "__typename") != "Charge" {
					paid = append(paid, fmt.Sprint(simtest.Get(tx, "node", "title"), " ", simtest.Get(tx, "node", "amount")))
				}
			}
			out[simtest.Get(n, "id").(string)] = fmt.Sprint(simtest.Get(n, "openingBalance"), " ", simtest.Get(n, "closingBalance"), " ", paid)
		}
		return out
	}
	_, _, debit, debitNumber, _ := claimedHome(t, true)
	_, _, sam, number, _ := claimedHome(t, false)
	for _, cl := range []*simtest.Client{debit, sam} {
		cl.AdvanceClock(101 * 24 * time.Hour) // 20 March 2027
		cl.SignIn("sam@example.com", "a-new-home-2026")
	}
	byDebit := simtest.Get(mustQuery(t, debit)(read, map[string]any{"n": debitNumber}), "account")
	before := simtest.Get(mustQuery(t, sam)(read, map[string]any{"n": number}), "account")
	if got := simtest.Get(before, "paymentSchedules", "edges", 0, "node"); fmt.Sprint(got) != "map[scheduleType:BACS_TRANSFER validFrom:2026-12-03 validTo:<nil>]" {
		t.Errorf("the newcomer without a direct debit pays by %v", got)
	}
	if r := rate(before) / rate(byDebit); r < 1.049 || r > 1.051 {
		t.Errorf("gas at %v by transfer, %v by direct debit: want 5%% dearer", rate(before), rate(byDebit))
	}
	paid := statements(before)
	transfers := 0
	for _, s := range paid {
		transfers += strings.Count(s, "Bank transfer")
	}
	if len(paid) < 3 || transfers < 2 {
		t.Fatalf("three months' statements paid by transfer: %v", paid)
	}
	mustQuery(t, sam)(`mutation($n: String!) { createPaymentSchedule(input: {accountNumber: $n, paymentAmount: 12000, paymentDay: 20}) { __typename } }`, map[string]any{"n": number})
	for _, cl := range []*simtest.Client{debit, sam} {
		cl.AdvanceClock(73 * 24 * time.Hour) // 1 June
		cl.SignIn("sam@example.com", "a-new-home-2026")
	}
	after := simtest.Get(mustQuery(t, sam)(read, map[string]any{"n": number}), "account")
	byDebit = simtest.Get(mustQuery(t, debit)(read, map[string]any{"n": debitNumber}), "account")
	for id, was := range paid {
		if got := statements(after)[id]; got != was {
			t.Errorf("statement %s was %s before the direct debit, %s after", id, was, got)
		}
	}
	if got := fmt.Sprint(statements(after)); !strings.Contains(got, "Direct debit 12000") || rate(after) != rate(byDebit) {
		t.Errorf("after the direct debit: gas at %v (by debit %v), statements %v", rate(after), rate(byDebit), got)
	}
}

// TestOccupierOpenStatementKeepsItsID reads the occupier account of the demo home with
// the occupy token: its open statement has the id its billing gives the month when it
// closes, not one every such account shares, and keeps it once issued.
func TestOccupierOpenStatementKeepsItsID(t *testing.T) {
	_, c := octopus(t)
	mustQuery(t, c)(`mutation { performMoveOut(input: {accountNumber: "A-C90DC431", propertyId: "2214531", moveOutDate: "2026-12-02"}) { account { number } } }`, nil)
	number := occupierLetter(t, c).Data["accountNumber"]
	bills := func() []any {
		c.SignIn("demo@krakensim.dev", "krakensim")
		found := simtest.Get(mustQuery(t, c)(`query($s: String!) { occupierAccount(postcode: "NR3 1AB", shortcode: $s) { occupyToken } }`,
			map[string]any{"s": number[6:]}), "occupierAccount")
		c.Token = simtest.Get(found, "occupyToken").(string)
		return simtest.Get(mustQuery(t, c)(`query($n: String!) { account(accountNumber: $n) { bills(first: 5, includeOpenStatements: true) {
			edges { node { id fromDate ... on StatementType { status } } } } } }`, map[string]any{"n": number}), "account", "bills", "edges").([]any)
	}
	c.AdvanceClock(7 * 24 * time.Hour)
	open := simtest.Get(bills()[0], "node")
	if simtest.Get(open, "status") != "OPEN" || simtest.Get(open, "fromDate") != "2026-12-03" || simtest.Get(open, "id") == "1" {
		t.Fatalf("the occupier's open statement %v", open)
	}
	c.AdvanceClock(28 * 24 * time.Hour) // 6 January, its first month issued
	listed := bills()
	if issued := simtest.Get(listed[len(listed)-1], "node"); simtest.Get(issued, "id") != simtest.Get(open, "id") || simtest.Get(issued, "status") != "CLOSED" {
		t.Errorf("issued %v; open it was %v", issued, open)
	}
}
