package simtest_test

import (
	"fmt"
	"testing"

	"github.com/krakensim/krakensim/sim/simtest"
)

// TestSettlementClosesTheMandate has the demo household leave the supplier on 14
// December on each tenant, its final statement settled by direct debit on 15 January:
// its mandate reads ACTIVE to the 14th and ACCOUNT_CLOSED from the settlement day, after
// collecting it, and is no longer usable or preferred (Origin's ledgers). A leave
// cancelled keeps the mandate active.
func TestSettlementClosesTheMandate(t *testing.T) {
	const (
		read = `{ account(accountNumber: "A-C90DC431") {
			directDebitInstructions(first: 5) { edges { node { id status } } }
			active: directDebitInstructions(first: 5, statuses: [ACTIVE]) { edges { node { id } } }
			payments(first: 10) { edges { node { paymentDate status } } } %s } }`
		ledgers = `ledgers { paymentPreferenceAtTime(atTime: "%sT12:00:00Z") { __typename } usablePaymentInstructions(first: 5) { edges { node { id } } } }`
	)
	for _, tc := range []struct {
		name          string
		client        func(t *testing.T) *simtest.Client
		apiKey        string
		leave, cancel string
		ledgers       bool
	}{
		{"Octopus", func(t *testing.T) *simtest.Client { _, c := octopus(t); return c }, "sk_live_krakensimdemo3235447",
			`mutation { instigateLeaveSupplier(input: {accountNumber: "A-C90DC431", requestedSupplyEndDate: "2026-12-14"}) { leaveSupplierProcessId } }`,
			`mutation { cancelLeaveSupplier(input: {leaveSupplierProcessId: "8600001"}) { message } }`, false},
		{"Origin", func(t *testing.T) *simtest.Client { _, c := tenant(t, "origin-schema.graphql"); return c }, "sk_live_krakensimdemo3235447",
			`mutation { instigateLeaveSupplier(input: {accountNumber: "A-C90DC431", requestedSupplyEndDate: "2026-12-14"}) { number } }`,
			`mutation { cancelLeaveSupplier(input: {number: "8600001"}) { message } }`, true},
	} {
		for _, cancelled := range []bool{false, true} {
			t.Run(fmt.Sprint(tc.name, " cancelled ", cancelled), func(t *testing.T) {
				c := tc.client(t)
				query := mustQuery(t, c)
				at := func(day string) any {
					setClock(t, c, day+"T10:00:00Z")
					c.Token = ""
					c.Token, _ = simtest.Get(query(`mutation($k: String!) { obtainKrakenToken(input: {APIKey: $k}) { token } }`,
						map[string]any{"k": tc.apiKey}), "obtainKrakenToken", "token").(string)
					extra := ""
					if tc.ledgers {
						extra = fmt.Sprintf(ledgers, day)
					}
					return simtest.Get(query(fmt.Sprintf(read, extra), nil), "account")
				}
				at("2026-12-02")
				query(tc.leave, nil)
				if cancelled {
					query(tc.cancel, nil)
				}
				status := func(a any) string {
					return fmt.Sprint(simtest.Get(a, "directDebitInstructions", "edges", 0, "node", "status"), " ", len(simtest.Get(a, "active", "edges").([]any)))
				}
				if got := status(at("2027-01-14")); got != "ACTIVE 1" {
					t.Errorf("the day before the settlement, the mandate reads %s", got)
				}
				a := at("2027-01-15")
				want := "ACCOUNT_CLOSED 0"
				if cancelled {
					want = "ACTIVE 1"
				}
				if got := status(a); got != want {
					t.Errorf("on the settlement day, the mandate reads %s, want %s", got, want)
				}
				collected := false
				for _, e := range simtest.Get(a, "payments", "edges").([]any) {
					collected = collected || simtest.Get(e, "node", "paymentDate") == "2027-01-15"
				}
				if !cancelled && !collected {
					t.Errorf("no settlement collected on its day")
				}
				if tc.ledgers {
					l := simtest.Get(a, "ledgers", 0)
					usable := len(simtest.Get(l, "usablePaymentInstructions", "edges").([]any))
					preferred := simtest.Get(l, "paymentPreferenceAtTime", "__typename")
					if !cancelled && (usable != 0 || preferred != "UserManagedPayment") || cancelled && (usable != 1 || preferred != "PreferredInstruction") {
						t.Errorf("the ledger's usable instructions: %d, preference %v", usable, preferred)
					}
				}
				if got := status(at("2027-03-20")); got != want {
					t.Errorf("in March, the mandate reads %s, want %s", got, want)
				}
			})
		}
	}
}

// TestMovedOutNeedsANewMandate: once the demo household's move out of its only home is
// settled, its mandate reads ACCOUNT_CLOSED and a new direct debit schedule is refused
// with KT-GB-3931 until a new mandate is set up.
func TestMovedOutNeedsANewMandate(t *testing.T) {
	const (
		moveOut  = `mutation { moveOut(input: {accountNumber: "A-C90DC431", propertyId: "2214531", moveOutDate: "2026-12-14"}) { account { number } } }`
		read     = `{ account(accountNumber: "A-C90DC431") { directDebitInstructions(first: 5) { edges { node { status } } } } }`
		schedule = `mutation { createDirectDebitPaymentSchedule(input: {accountNumber: "A-C90DC431", paymentDay: 12, paymentAmount: 5000}) { paymentSchedule { scheduleType } } }`
		mandate  = `mutation($l: ID!) { setUpDirectDebitInstruction(input: {accountNumber: "A-C90DC431", ledgerId: $l, validFrom: "2027-03-20T10:00:00Z",
			bankDetails: {accountHolder: "Demo", accountNumber: "12345678", bankCode: "040004"}}) { paymentInstruction { status } } }`
	)
	c := simtest.NewServer(t).Client(t)
	setClock(t, c, "2026-12-02T09:00:00Z")
	c.SignIn("demo@krakensim.dev", "krakensim")
	query := mustQuery(t, c)
	query(moveOut, nil)
	setClock(t, c, "2027-03-20T10:00:00Z")
	c.SignIn("demo@krakensim.dev", "krakensim")
	if got := simtest.Get(query(read, nil), "account", "directDebitInstructions", "edges", 0, "node", "status"); got != "ACCOUNT_CLOSED" {
		t.Errorf("settled, the mandate reads %v", got)
	}
	if out := c.Query(schedule, nil); len(out.Errors) != 1 || out.Errors[0].Code() != "KT-GB-3931" {
		t.Errorf("a new schedule with the closed mandate: %+v", out.Errors)
	}
	ledger := simtest.Get(query(`{ account(accountNumber: "A-C90DC431") { ledgers { id } } }`, nil), "account", "ledgers", 0, "id")
	if got := simtest.Get(query(mandate, map[string]any{"l": ledger}), "setUpDirectDebitInstruction", "paymentInstruction", "status"); got != "ACTIVE" {
		t.Errorf("a new mandate reads %v", got)
	}
	if got := simtest.Get(query(schedule, nil), "createDirectDebitPaymentSchedule", "paymentSchedule", "scheduleType"); got != "DIRECT_DEBIT" {
		t.Errorf("with a new mandate, the schedule is %v", got)
	}
}
