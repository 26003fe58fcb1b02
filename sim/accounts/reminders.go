package accounts

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/krakensim/krakensim/sim"
)

// Reminders: a task set on an account for the supplier's staff, due at a time, open
// until completed. Origin's createReminder names its type from the reminder types
// (a name shaped as AccountReminderTypes' values; KT-CT-1401 for another, for no
// content or for a due time past), an account
// (KT-CT-1408 for none) and whoever completes it: a user or a team, not both
// (KT-CT-1403, KT-CT-1405); completeReminder closes an open one (KT-CT-1406 for none of
// the viewer's, KT-CT-1407 for one completed). The older createAccountReminder of both
// tenants sets one by type, with no assignee. An account's reminders lists the open
// ones, soonest due first.

const reminderFloor = 4400001

// reminderType is the type a name gives: a name shaped as the tenants' reminder types
// are (upper case, digits and underscores, as AccountReminderTypes' values), since a
// tenant's registry of them is its own; false for another.
func reminderType(name string) (string, bool) {
	name = strings.TrimSpace(name)
	if name == "" || len(name) > 100 || strings.Trim(name, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") != "" {
		return "", false
	}
	return name, true
}

func reminderMap(w *env, r sim.Reminder) obj {
	return obj{
		"id": r.ID, "reminderTypeName": r.Type, "reminderType": r.Type, "isKrakenManaged": false, "content": r.Content,
		"dueAt": dateTime(r.DueAt, w.zone), "assigneeUsername": orNil(r.AssigneeUsername), "assigneeId": orNil(r.AssigneeID),
		"assigneeTeamName": orNil(r.AssigneeTeamName), "assigneeTeamId": orNil(r.AssigneeTeamID), "reopenInkConversation": false,
		"createdAt": dateTime(r.CreatedAt, w.zone), "params": orNil(r.Params),
	}
}

// reminderConnection pages the account's open reminders, soonest due first.
func reminderConnection(w *env, a *sim.Account, args map[string]any) (any, error) {
	open := slices.DeleteFunc(slices.Clone(a.Reminders), func(r sim.Reminder) bool { return !r.CompletedAt.IsZero() })
	slices.SortStableFunc(open, func(x, y sim.Reminder) int { return x.DueAt.Compare(y.DueAt) })
	nodes := make([]any, 0, len(open))
	for _, r := range open {
		nodes = append(nodes, reminderMap(w, r))
	}
	return connection(w, nodes, args)
}

// newReminder reads what both tenants' reminder inputs share onto r, refusing no
// content or a due time that is no time with invalid.
func newReminder(c *sim.Call, in map[string]any, typeName, invalid string) (sim.Reminder, error) {
	now := c.Session.Now().UTC().Truncate(time.Second)
	r := sim.Reminder{Content: sim.Clip(strings.TrimSpace(str(in, "content")), 2000), CreatedAt: now, DueAt: now.Add(24 * time.Hour)}
	typ, ok := reminderType(typeName)
	switch {
	case !ok:
		return r, c.ValidationError(invalid, "No reminder type is called "+strconv.Quote(typeName)+".", "input", "reminderTypeName")
	case r.Content == "":
		return r, c.ValidationError(invalid, "Say what the reminder is for.", "input", "content")
	}
	r.Type = typ
	if v := in["dueAt"]; v != nil {
		t, ok := parseTime(v, c.Session.Zone())
		if !ok || t.Before(now) {
			return r, c.ValidationError(invalid, "dueAt is a time to come.", "input", "dueAt")
		}
		r.DueAt = t
	}
	r.ID, _ = strconv.Atoi(nextID(reminderFloor, func(yield func(string) bool) {
		for id := range accountIDs(c.Session.World(), func(a *sim.Account) []sim.Reminder { return a.Reminders }, func(r *sim.Reminder) string { return strconv.Itoa(r.ID) }) {
			if !yield(id) {
				return
			}
		}
	}))
	return r, nil
}

// createReminder (Origin's) sets a reminder on an account for a user or a team.
func createReminder(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	if str(in, "accountNumber") == "" {
		return nil, c.ValidationError("KT-CT-1408", "Name the account the reminder is for.", "input", "accountNumber")
	}
	_, a, err := owned(c, str(in, "accountNumber"), "", "")
	if err != nil {
		return nil, err
	}
	user := str(in, "assigneeUsername") != "" || str(in, "assigneeId") != ""
	team := str(in, "assigneeTeamName") != "" || str(in, "assigneeTeamId") != ""
	switch {
	case !user && !team:
		return nil, c.ValidationError("KT-CT-1403", "Name the user or the team who completes the reminder.", "input")
	case user && team:
		return nil, c.ValidationError("KT-CT-1405", "Name a user or a team, not both.", "input")
	}
	r, err := newReminder(c, in, str(in, "reminderTypeName"), "KT-CT-1401")
	if err != nil {
		return nil, err
	}
	r.AssigneeUsername, r.AssigneeID = sim.Clip(str(in, "assigneeUsername"), 150), sim.Clip(str(in, "assigneeId"), 50)
	r.AssigneeTeamName, r.AssigneeTeamID = sim.Clip(str(in, "assigneeTeamName"), 150), sim.Clip(str(in, "assigneeTeamId"), 50)
	r.Params = sim.Clip(str(in, "params"), 2000)
	a.Reminders = append(a.Reminders, r)
	return obj{"reminder": reminderMap(newEnv(c), r)}, nil
}

// createAccountReminder sets a reminder of a type on an account.
func createAccountReminder(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	_, a, err := owned(c, str(in, "accountNumber"), "", "")
	if err != nil {
		return nil, err
	}
	r, err := newReminder(c, in, str(in, "reminderType"), "KT-CT-1401")
	if err != nil {
		return nil, err
	}
	a.Reminders = append(a.Reminders, r)
	return obj{"accountReminder": reminderMap(newEnv(c), r)}, nil
}

// completeReminder closes one of the viewer's open reminders.
func completeReminder(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	id, _ := integer(in, "reminderId")
	held, i, err := viewersEntry(c, func(a *sim.Account) []sim.Reminder { return a.Reminders }, func(r sim.Reminder) bool { return r.ID == id })
	switch {
	case err != nil:
		return nil, err
	case held == nil:
		return nil, c.ValidationError("KT-CT-1406", "None of your accounts has reminder "+strconv.Itoa(id)+".", "input", "reminderId")
	case !held.Reminders[i].CompletedAt.IsZero():
		return nil, c.ValidationError("KT-CT-1407", "Reminder "+strconv.Itoa(id)+" was completed already.", "input", "reminderId")
	}
	a := c.Session.World().MutableAccount(held.Number)
	a.Reminders[i].CompletedAt = c.Session.Now().UTC().Truncate(time.Second)
	a.Reminders[i].CompletedReason = sim.Clip(str(in, "reason"), 500)
	return obj{}, nil
}
