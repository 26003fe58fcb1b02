package simtest_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/simtest"
)

// TestEventsStayAsSent changes how the demo account's comms go, on both tenants: the
// statements sent before stay emails to the address they went to, whatever the delivery
// preference or billing email is now, and only those after go the new way.
func TestEventsStayAsSent(t *testing.T) {
	for _, file := range []string{"octopus-schema.graphql", "origin-schema.graphql"} {
		t.Run(file, func(t *testing.T) {
			_, c := tenant(t, file)
			q := mustQuery(t, c)
			const events = `{ account(accountNumber: "A-C90DC431") { events(first: 100) { edges { node { __typename
				... on EmailEventType { occurredAt message { toAddress } } ... on PrintEventType { occurredAt } } } } } }`
			sent := func() []string {
				var out []string
				for _, e := range simtest.Get(q(events, nil), "account", "events", "edges").([]any) {
					out = append(out, fmt.Sprint(simtest.Get(e, "node", "__typename"), " ", simtest.Get(e, "node", "occurredAt"), " ", simtest.Get(e, "node", "message", "toAddress")))
				}
				return out
			}
			before := sent()
			for _, m := range []string{
				`mutation { updateCommsDeliveryPreference(input: {accountNumber: "A-C90DC431", commsDeliveryPreference: POSTAL_MAIL}) { account { number } } }`,
				`mutation { updateAccountBillingEmail(input: {accountNumber: "A-C90DC431", billingEmail: "bills@example.org"}) { account { number } } }`,
				`mutation { updateCommsDeliveryPreference(input: {accountNumber: "A-C90DC431", commsDeliveryPreference: EMAIL}) { account { number } } }`,
			} {
				q(m, nil)
				if after := sent(); fmt.Sprint(after) != fmt.Sprint(before) {
					t.Fatalf("after %s the events sent before read\n%v\nnot\n%v", m, after[:4], before[:4])
				}
			}
			later(c, 34*24*time.Hour) // December's statement, issued in January 2027
			after := sent()
			if len(after) != len(before) || after[1] != before[0] {
				t.Fatalf("after a month: %d events, newest %v; want one more to bills@example.org", len(after), after[:3])
			}
			if want := "EmailEventType"; after[0][:len(want)] != want || after[0][len(after[0])-len("bills@example.org"):] != "bills@example.org" {
				t.Errorf("the statement after the change: %s", after[0])
			}
		})
	}
}

// TestEventsListTheWorldsMessages reads the Origin demo account's events after the world
// wrote to it: the printed bill is a letter, the hardship agreement an email, each at the
// time it was sent.
func TestEventsListTheWorldsMessages(t *testing.T) {
	_, c := tenant(t, "origin-schema.graphql")
	q := mustQuery(t, c)
	statement := simtest.Get(q(`{ account(accountNumber: "A-C90DC431") { ledgers { statements(first: 1) { edges { node { id } } } } } }`, nil),
		"account", "ledgers", 0, "statements", "edges", 0, "node", "id")
	q(`mutation($id: ID!) { requestPrintedBill(input: {accountNumber: "A-C90DC431", billingDocumentId: $id}) { success } }`, map[string]any{"id": statement})
	later(c, time.Hour)
	q(`mutation { createHardshipAgreement(input: {accountId: "A-C90DC431", hardshipType: REDUCED_INCOME, hardshipDetails: "Hours cut", startDate: "2026-12-02", sendComms: true}) { newHardshipAgreement { id } } }`, nil)
	data := q(`{ account(accountNumber: "A-C90DC431") { events(first: 2) { edges { node { __typename
		... on EmailEventType { occurredAt message { toAddress subject } } ... on PrintEventType { occurredAt message { addressee templateCode } } } } } } }`, nil)
	want := "[map[node:map[__typename:EmailEventType message:map[subject:We have set up support for you toAddress:demo@krakensim.dev] occurredAt:2026-12-02T21:00:00+11:00]] " +
		"map[node:map[__typename:PrintEventType message:map[addressee:Jamie Carter templateCode:PRINTED_BILL] occurredAt:2026-12-02T20:00:00+11:00]]]"
	if got := fmt.Sprint(simtest.Get(data, "account", "events", "edges")); got != want {
		t.Errorf("the account's newest events:\n got %s\nwant %s", got, want)
	}
}

// TestStatementsFollowTheUsersEmail changes the demo user's email on both tenants: the
// account has no billing email of its own, so the next statement goes to the new address,
// and the bills emailed to the user are found by it.
func TestStatementsFollowTheUsersEmail(t *testing.T) {
	for _, file := range []string{"octopus-schema.graphql", "origin-schema.graphql"} {
		t.Run(file, func(t *testing.T) {
			_, c := tenant(t, file)
			q := mustQuery(t, c)
			if got := simtest.Get(q(`{ account(accountNumber: "A-C90DC431") { billingEmail } }`, nil), "account", "billingEmail"); got != nil {
				t.Errorf("the demo account's own billing email: %v", got)
			}
			q(`mutation { updateUser(input: {email: "jamie.c@example.org"}) { viewer { email } } }`, nil)
			later(c, 34*24*time.Hour)
			data := q(`{ account(accountNumber: "A-C90DC431") { events(first: 4, eventTypes: [EMAIL_SENT]) { edges { node { ... on EmailEventType { message { toAddress } } } } }
				bills(first: 5, onlyCurrentEmail: true) { edges { node { issuedDate } } } } }`, nil)
			if got, want := fmt.Sprint(simtest.Get(data, "account", "events", "edges")),
				"[map[node:map[message:map[toAddress:jamie.c@example.org]]] map[node:map[message:map[toAddress:robin@krakensim.dev]]] "+
					"map[node:map[message:map[toAddress:demo@krakensim.dev]]] map[node:map[message:map[toAddress:robin@krakensim.dev]]]]"; got != want {
				t.Errorf("statements before and after the change:\n got %s\nwant %s", got, want)
			}
			if got := fmt.Sprint(simtest.Get(data, "account", "bills", "edges")); got != "[map[node:map[issuedDate:2027-01-02]]]" {
				t.Errorf("bills emailed to the user's new address: %s", got)
			}
		})
	}
}

// later moves the session's clock on by d and signs the demo user in again, whose token
// has lapsed.
func later(c *simtest.Client, d time.Duration) {
	c.AdvanceClock(d)
	c.Token, _ = simtest.Get(c.Query(`mutation { obtainKrakenToken(input: {APIKey: "sk_live_krakensimdemo3235447"}) { token } }`, nil).Data, "obtainKrakenToken", "token").(string)
}

// TestEmailNeedsAnAddress refuses email comms for an account with nowhere to email: no
// billing email, and users who gave no address of their own (on Origin, where the demo
// user signs in by key).
func TestEmailNeedsAnAddress(t *testing.T) {
	_, c := tenant(t, "origin-schema.graphql", func(w *sim.World) {
		a := w.Account("A-C90DC431")
		a.CommsDeliveryPreference = "POSTAL_MAIL"
		for _, u := range w.AccountUsers(a.Number) {
			u.Email = "user-" + u.ID + "@blackhole.krakensim.invalid"
		}
	})
	for _, m := range []string{
		`mutation { updateCommsDeliveryPreference(input: {accountNumber: "A-C90DC431", commsDeliveryPreference: EMAIL}) { account { number } } }`,
	} {
		if out := c.Query(m, nil); len(out.Errors) != 1 || out.Errors[0].Code() != "KT-CT-4136" {
			t.Errorf("%s: %+v, want KT-CT-4136", m, out.Errors)
		}
	}
	q := mustQuery(t, c)
	q(`mutation { updateAccountBillingEmail(input: {accountNumber: "A-C90DC431", billingEmail: "bills@example.org"}) { account { number } } }`, nil)
	q(`mutation { updateCommsDeliveryPreference(input: {accountNumber: "A-C90DC431", commsDeliveryPreference: EMAIL}) { account { number } } }`, nil)
	out := c.Query(`mutation { updateAccountBillingEmail(input: {accountNumber: "A-C90DC431", billingEmail: null}) { account { billingEmail } } }`, nil)
	if len(out.Errors) != 1 || out.Errors[0].Code() != "KT-CT-4122" || !strings.Contains(fmt.Sprint(q(`{ account(accountNumber: "A-C90DC431") { billingEmail } }`, nil)), "bills@example.org") {
		t.Errorf("clearing the only address while comms go by email: %+v", out.Errors)
	}
}
