package simtest_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/krakensim/krakensim/sim/simtest"
)

// reviewedSchedules are the demo household's payment schedules, newest first.
const reviewedSchedules = `{ account(accountNumber: "A-C90DC431") { balance paymentSchedules(first: 100) { edges { node { id validFrom validTo paymentAmount paymentDay } } } } }`

// scheduleNodes lists the nodes of reviewedSchedules' answer.
func scheduleNodes(t *testing.T, c *simtest.Client) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, e := range simtest.Get(mustQuery(t, c)(reviewedSchedules, nil), "account", "paymentSchedules", "edges").([]any) {
		out = append(out, simtest.Get(e, "node").(map[string]any))
	}
	return out
}

// TestReviewedScheduleIDIsTaken: the id of a reviewed direct debit, as the account lists
// it, is taken by updatePaymentSchedule, which changes it as a change by account does,
// and by deletePaymentSchedule, which deletes a review yet to begin so that the schedule
// it was to replace goes on.
func TestReviewedScheduleIDIsTaken(t *testing.T) {
	srv, byAccount := tenant(t, "origin-schema.graphql")
	setClock(t, byAccount, "2035-01-01T09:00:00Z")
	originSignIn(t, byAccount)
	byID := srv.Client(t)
	setClock(t, byID, "2035-01-01T09:00:00Z")
	originSignIn(t, byID)
	inForce := scheduleNodes(t, byID)[0]
	id := inForce["id"].(string)
	if !strings.Contains(id, "R") || inForce["validTo"] != nil {
		t.Fatalf("schedule in force %v, want a review", inForce)
	}
	mustQuery(t, byAccount)(`mutation { createAccountPaymentSchedule(input: {accountNumber: "A-C90DC431", ledgerNumber: "L-6B2F0A1C", paymentAmount: 15000}) { schedule { id } } }`, nil)
	up := mustQuery(t, byID)(`mutation($id: String!) { updatePaymentSchedule(input: {accountNumber: "A-C90DC431", paymentScheduleId: $id,
		updatedParameters: {validFrom: "2035-01-01", scheduleType: DIRECT_DEBIT, paymentAmount: 15000}}) { schedule { validFrom paymentAmount } error { __typename } } }`, map[string]any{"id": id})
	if got := fmt.Sprint(simtest.Get(up, "updatePaymentSchedule")); got != "map[error:<nil> schedule:map[paymentAmount:15000 validFrom:2035-01-01]]" {
		t.Fatalf("updatePaymentSchedule of %s: %s", id, got)
	}
	want, got := fmt.Sprint(mustQuery(t, byAccount)(reviewedSchedules, nil)), fmt.Sprint(mustQuery(t, byID)(reviewedSchedules, nil))
	if got != want {
		t.Errorf("changed by id:\n%s\nwant as by account:\n%s", got, want)
	}
	if n := scheduleNodes(t, byID)[1]; n["id"] != id || n["validTo"] != "2034-12-31" {
		t.Errorf("the review changed %v, want %s ending 2034-12-31", n, id)
	}

	// A review yet to begin: deleted, the schedule before it goes on; updated, changed
	// itself from its start.
	var days []string // a few days after a review, before the day it begins (the 15th)
	for y := 2027; y < 2060; y++ {
		days = append(days, fmt.Sprintf("%d-01-10", y), fmt.Sprintf("%d-07-10", y))
	}
	for _, at := range days {
		del, upd := srv.Client(t), srv.Client(t)
		for _, c := range []*simtest.Client{del, upd} {
			setClock(t, c, at+"T09:00:00Z")
			originSignIn(t, c)
		}
		nodes := scheduleNodes(t, del)
		if nodes[0]["validFrom"].(string) <= at {
			continue
		}
		next, prev := nodes[0], nodes[1]
		out := mustQuery(t, del)(`mutation($id: String!) { deletePaymentSchedule(input: {accountNumber: "A-C90DC431", paymentScheduleId: $id}) { error { __typename } } }`, map[string]any{"id": next["id"]})
		if e := simtest.Get(out, "deletePaymentSchedule", "error"); e != nil {
			t.Fatalf("deleting %v at %s: %v", next, at, e)
		}
		if n := scheduleNodes(t, del)[0]; n["id"] != prev["id"] || n["validTo"] != nil || n["paymentAmount"] != prev["paymentAmount"] {
			t.Errorf("after deleting %v at %s the latest schedule is %v, want %v going on", next, at, n, prev)
		}
		out = mustQuery(t, upd)(`mutation($id: String!, $from: Date!) { updatePaymentSchedule(input: {accountNumber: "A-C90DC431", paymentScheduleId: $id,
			updatedParameters: {validFrom: $from, scheduleType: DIRECT_DEBIT, paymentAmount: 12300}}) { error { __typename } } }`, map[string]any{"id": next["id"], "from": next["validFrom"]})
		if e := simtest.Get(out, "updatePaymentSchedule", "error"); e != nil {
			t.Fatalf("updating %v at %s: %v", next, at, e)
		}
		nodes = scheduleNodes(t, upd)
		if n := nodes[0]; n["id"] != next["id"] || n["validFrom"] != next["validFrom"] || n["paymentAmount"] != 12300.0 || n["validTo"] != nil {
			t.Errorf("after updating %v at %s the latest schedule is %v, want it at 12300", next, at, n)
		}
		if n := nodes[1]; n["id"] != prev["id"] || n["validTo"] != prev["validTo"] {
			t.Errorf("after updating %v at %s the schedule before is %v, want %v", next, at, n, prev)
		}
		return
	}
	t.Error("no review to come at any day tried")
}

// originSignIn signs c in as Origin's demo user, by its API key.
func originSignIn(t *testing.T, c *simtest.Client) {
	t.Helper()
	out := mustQuery(t, c)(`mutation { obtainKrakenToken(input: {APIKey: "sk_live_krakensimdemo3235447"}) { token } }`, nil)
	c.Token = simtest.Get(out, "obtainKrakenToken", "token").(string)
}
