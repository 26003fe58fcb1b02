package accounts

import (
	"context"
	"slices"
	"strconv"
	"time"

	"github.com/krakensim/krakensim/sim"
)

// Hardship (Origin's): a customer in financial hardship has an agreement on their
// account from a day, open or to an end day (createHardshipAgreement), which
// updateHardshipAgreement changes or ends with an exit reason. While one is in force the
// account and its users are in hardship (isInHardship) and activeHardshipAgreements
// lists it. An end before the start is KT-CT-10950, one overlapping another of the
// account's KT-CT-11612; an account the viewer does not hold is KT-CT-12901 and an
// agreement none of theirs KT-CT-11611. With sendComms the billing address is told.

const hardshipFloor = 5200001

// hardshipInForce reports whether an agreement is in force on day.
func hardshipInForce(h sim.HardshipAgreement, day string) bool {
	return h.StartDate <= day && (h.EndDate == "" || h.EndDate >= day)
}

// activeHardship lists the account's agreements in force today.
func activeHardship(w *env, a *sim.Account) []any {
	out := []any{}
	for _, h := range a.HardshipAgreements {
		if hardshipInForce(h, w.today()) {
			out = append(out, hardshipMap(w, h))
		}
	}
	return out
}

// userInHardship reports whether one of the user's accounts is in hardship today.
func userInHardship(w *env, u *sim.User) bool {
	for a := range heldBy(w.World, u) {
		if slices.ContainsFunc(a.HardshipAgreements, func(h sim.HardshipAgreement) bool { return hardshipInForce(h, w.today()) }) {
			return true
		}
	}
	return false
}

func hardshipMap(w *env, h sim.HardshipAgreement) obj {
	return obj{
		"id": h.ID, "hardshipType": h.HardshipType, "hardshipDetails": h.HardshipDetails, "hardshipEntryReason": orNil(h.EntryReason),
		"paymentPlanDetails": h.PaymentPlanDetails, "startDate": h.StartDate, "endDate": orNil(h.EndDate),
		"exitReason": orNil(h.ExitReason), "exitReasonDetails": orNil(h.ExitReasonDetails), "createdAt": dateTime(h.CreatedAt, w.zone),
	}
}

// overlapping is another of the account's agreements whose days meet h's; nil for none.
func overlapping(a *sim.Account, h sim.HardshipAgreement) *sim.HardshipAgreement {
	for i := range a.HardshipAgreements {
		o := &a.HardshipAgreements[i]
		if o.ID != h.ID && (h.EndDate == "" || o.StartDate <= h.EndDate) && (o.EndDate == "" || h.StartDate <= o.EndDate) {
			return o
		}
	}
	return nil
}

// applyHardship sets the fields the input gives on h.
func applyHardship(in map[string]any, h *sim.HardshipAgreement) {
	for key, field := range map[string]*string{
		"hardshipType": &h.HardshipType, "hardshipDetails": &h.HardshipDetails, "hardshipEntryReason": &h.EntryReason,
		"paymentPlanDetails": &h.PaymentPlanDetails, "exitReason": &h.ExitReason, "exitReasonDetails": &h.ExitReasonDetails,
	} {
		if s, ok := in[key].(string); ok {
			*field = sim.Clip(s, 2000)
		}
	}
	for key, field := range map[string]*string{"startDate": &h.StartDate, "endDate": &h.EndDate} {
		if d, ok := parseDate(in[key]); ok {
			*field = d
		}
	}
}

// checkHardship refuses an agreement whose days do not hold or meet another's.
func checkHardship(c *sim.Call, a *sim.Account, h sim.HardshipAgreement) error {
	if h.StartDate == "" || h.EndDate != "" && h.EndDate < h.StartDate {
		return c.ValidationError("KT-CT-10950", "The agreement ends on "+h.EndDate+", before it starts on "+h.StartDate+".", "input", "endDate")
	}
	if o := overlapping(a, h); o != nil {
		return c.ValidationError("KT-CT-11612", "Agreement "+o.ID+" is in force from "+o.StartDate+" on the same days.", "input", "startDate")
	}
	return nil
}

// hardshipAccount is the viewer's account the input's accountId names, by number or id.
func hardshipAccount(c *sim.Call, ref string) (*sim.Account, error) {
	u, _, err := c.Viewer()
	if err != nil {
		return nil, err
	}
	w := c.Session.World()
	for a := range heldBy(w, u) {
		if a.Number == ref || accountID(a.Number) == ref {
			return w.MutableAccount(a.Number), nil
		}
	}
	return nil, c.ValidationError("KT-CT-12901", "None of your accounts is "+strconv.Quote(ref)+".", "input", "accountId")
}

// createHardshipAgreement records a hardship agreement on the account.
func createHardshipAgreement(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	a, err := hardshipAccount(c, str(in, "accountId"))
	if err != nil {
		return nil, err
	}
	h := sim.HardshipAgreement{CreatedAt: c.Session.Now().UTC().Truncate(time.Second)}
	applyHardship(in, &h)
	if err := checkHardship(c, a, h); err != nil {
		return nil, err
	}
	h.ID = nextID(hardshipFloor, accountIDs(c.Session.World(), func(a *sim.Account) []sim.HardshipAgreement { return a.HardshipAgreements },
		func(h *sim.HardshipAgreement) string { return h.ID }))
	a.HardshipAgreements = append(a.HardshipAgreements, h)
	notifyHardship(c, a, in, "We have set up support for you", h)
	return obj{"newHardshipAgreement": hardshipMap(newEnv(c), h)}, nil
}

// updateHardshipAgreement changes one of the viewer's hardship agreements.
func updateHardshipAgreement(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	id := str(in, "id")
	held, i, err := viewersEntry(c, func(a *sim.Account) []sim.HardshipAgreement { return a.HardshipAgreements },
		func(h sim.HardshipAgreement) bool { return h.ID == id })
	switch {
	case err != nil:
		return nil, err
	case held == nil:
		return nil, c.ValidationError("KT-CT-11611", "None of your accounts has hardship agreement "+strconv.Quote(id)+".", "input", "id")
	}
	h := held.HardshipAgreements[i]
	applyHardship(in, &h)
	if err := checkHardship(c, held, h); err != nil {
		return nil, err
	}
	a := c.Session.World().MutableAccount(held.Number)
	a.HardshipAgreements[i] = h
	notifyHardship(c, a, in, "Your support has changed", h)
	return obj{"updatedHardshipAgreement": hardshipMap(newEnv(c), h)}, nil
}

// notifyHardship emails the account's billing address about the agreement when the
// input asks to.
func notifyHardship(c *sim.Call, a *sim.Account, in map[string]any, subject string, h sim.HardshipAgreement) {
	to := mailFirst(c.Session.World(), a)
	if send, _ := boolean(in, "sendComms"); !send || to == "" {
		return
	}
	until := "until we agree otherwise"
	if h.EndDate != "" {
		until = "until " + h.EndDate
	}
	c.Session.World().AddMessage(&sim.Message{
		To: to, Subject: subject, SentAt: c.Session.Now().UTC().Truncate(time.Second),
		Body: "Your hardship agreement " + h.ID + " on account " + a.Number + " runs from " + h.StartDate + " " + until + ".",
		Data: map[string]string{"accountNumber": a.Number, "hardshipAgreementId": h.ID},
	})
}
