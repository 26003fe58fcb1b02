package simtest_test

import (
	"testing"

	"github.com/krakensim/krakensim/sim/simtest"
)

// TestOriginRemindersAreSetAndCompleted sets reminders on the demo account on Origin,
// for a team and, by the older mutation, by type; the account lists the open ones,
// soonest due first, until one is completed. Refused as documented for no account, no
// assignee, two, a type that is no type's name, and a reminder completed or unknown.
func TestOriginRemindersAreSetAndCompleted(t *testing.T) {
	_, c := tenant(t, "origin-schema.graphql")
	query := mustQuery(t, c)
	const (
		create   = `mutation($a: String, $type: String!, $team: String, $user: String, $due: DateTime) { createReminder(input: {accountNumber: $a, reminderTypeName: $type, content: "Call about the meter", dueAt: $due, assigneeTeamName: $team, assigneeUsername: $user}) { reminder { id reminderTypeName assigneeTeamName dueAt } } }`
		older    = `mutation { createAccountReminder(input: {accountNumber: "A-C90DC431", reminderType: BILLING, content: "Check the bill", dueAt: "2026-12-03T10:00:00+11:00"}) { accountReminder { reminderType content dueAt } } }`
		complete = `mutation($id: Int!) { completeReminder(input: {reminderId: $id, reason: "Called"}) { __typename } }`
		list     = `{ account(accountNumber: "A-C90DC431") { reminders { edges { node { id reminderTypeName content } } } } }`
	)
	for _, tc := range []struct {
		name string
		vars map[string]any
		code string
	}{
		{"no account", map[string]any{"type": "MOVE_OUT", "team": "Movers"}, "KT-CT-1408"},
		{"no assignee", map[string]any{"a": "A-C90DC431", "type": "MOVE_OUT"}, "KT-CT-1403"},
		{"a user and a team", map[string]any{"a": "A-C90DC431", "type": "MOVE_OUT", "team": "Movers", "user": "sam"}, "KT-CT-1405"},
		{"no type's name", map[string]any{"a": "A-C90DC431", "type": "call them!", "team": "Movers"}, "KT-CT-1401"},
		{"due in the past", map[string]any{"a": "A-C90DC431", "type": "MOVE_OUT", "team": "Movers", "due": "2026-12-01T09:00:00+11:00"}, "KT-CT-1401"},
	} {
		if out := c.Query(create, tc.vars); len(out.Errors) != 1 || out.Errors[0].Code() != tc.code {
			t.Errorf("%s: %+v, want %s", tc.name, out.Errors, tc.code)
		}
	}
	r := simtest.Get(query(create, map[string]any{"a": "A-C90DC431", "type": "MOVE_OUT", "team": "Movers", "due": "2026-12-10T09:00:00+11:00"}), "createReminder", "reminder")
	if simtest.Get(r, "assigneeTeamName") != "Movers" || simtest.Get(r, "dueAt") != "2026-12-10T09:00:00+11:00" {
		t.Errorf("set %v", r)
	}
	if got := simtest.Get(query(older, nil), "createAccountReminder", "accountReminder", "reminderType"); got != "BILLING" {
		t.Errorf("the older mutation set %v", got)
	}
	edges := simtest.Get(query(list, nil), "account", "reminders", "edges").([]any)
	if len(edges) != 2 || simtest.Get(edges[0], "node", "reminderTypeName") != "BILLING" || simtest.Get(edges[1], "node", "id") != simtest.Get(r, "id") {
		t.Fatalf("reminders %v", edges)
	}
	query(complete, map[string]any{"id": simtest.Get(r, "id")})
	if edges := simtest.Get(query(list, nil), "account", "reminders", "edges").([]any); len(edges) != 1 {
		t.Errorf("after completing one, reminders %v", edges)
	}
	for id, code := range map[any]string{simtest.Get(r, "id"): "KT-CT-1407", 1: "KT-CT-1406"} {
		if out := c.Query(complete, map[string]any{"id": id}); len(out.Errors) != 1 || out.Errors[0].Code() != code {
			t.Errorf("completing %v: %+v, want %s", id, out.Errors, code)
		}
	}
}
