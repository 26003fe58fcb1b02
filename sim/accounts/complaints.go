package accounts

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"time"

	"github.com/krakensim/krakensim/sim"
)

// Complaints and document accessibility (Origin's): createComplaint records a complaint
// the customer made about the account, with its first contact (KT-CT-10801 for no type,
// status or brand), listed newest first by the account's complaints; it is official
// (a complaint, not a query), resolved on the day its status says it is.
// updateDocumentAccessibilityPreference sets how the customer's documents are made,
// answered by the account's documentAccessibility.

const complaintFloor = 6600001

func complaintMap(w *env, a *sim.Account, cp sim.Complaint) obj {
	contact := obj{
		"name": cmp.Or(a.BillingName, "Customer"), "actionTaken": "Complaint recorded", "status": cp.Status,
		"createdAt": dateTime(cp.CreatedAt, w.zone), "mobile": nil, "email": orNil(mailFirst(w.World, a)), "landline": nil,
		"preferredCommunicationMethod": orNil(cp.ContactMethod), "summary": orNil(cp.Summary),
	}
	return obj{
		"id": cp.ID, "type": cp.Type, "subtype": orNil(cp.Subtype), "creationDate": cp.CreatedAt.In(w.zone).Format(time.DateOnly),
		"resolutionDate": orNil(cp.ResolutionDate), "assigneeId": nil, "isOfficial": true,
		"contacts": sim.Lazy(func(args map[string]any) (any, error) { return connection(w, []any{contact}, args) }),
	}
}

// complaintConnection pages the account's complaints, newest first.
func complaintConnection(w *env, a *sim.Account, args map[string]any) (any, error) {
	nodes := []any{}
	for _, cp := range slices.Backward(a.Complaints) {
		nodes = append(nodes, complaintMap(w, a, cp))
	}
	return connection(w, nodes, args)
}

// createComplaint records a complaint on the account.
func createComplaint(_ context.Context, c *sim.Call) (any, error) {
	in, _ := c.Arg("complaint").(map[string]any)
	_, a, err := owned(c, str(in, "accountNumber"), "", "")
	if err != nil {
		return nil, err
	}
	for _, field := range []string{"type", "status", "brand"} {
		if strings.TrimSpace(str(in, field)) == "" {
			return nil, c.ValidationError("KT-CT-10801", "Give the complaint's "+field+".", "complaint", field)
		}
	}
	now := c.Session.Now().UTC().Truncate(time.Second)
	cp := sim.Complaint{
		Type: sim.Clip(str(in, "type"), 100), Subtype: sim.Clip(str(in, "subtype"), 100), Summary: sim.Clip(str(in, "summary"), 2000),
		Source: str(in, "communicationSource"), ContactMethod: sim.Clip(str(in, "preferredContactMethod"), 50),
		Status: sim.Clip(strings.ToUpper(str(in, "status")), 50), CreatedAt: now,
	}
	if cp.Status == "RESOLVED" || cp.Status == "CLOSED" {
		cp.ResolutionDate = today(c)
	}
	cp.ID = nextID(complaintFloor, accountIDs(c.Session.World(), func(a *sim.Account) []sim.Complaint { return a.Complaints }, func(cp *sim.Complaint) string { return cp.ID }))
	a.Complaints = append(a.Complaints, cp)
	return obj{"complaint": complaintMap(newEnv(c), a, cp)}, nil
}

// updateDocumentAccessibilityPreference sets how the account's documents are made.
func updateDocumentAccessibilityPreference(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	_, a, err := owned(c, str(in, "accountNumber"), "KT-CT-4123", "")
	if err != nil {
		return nil, err
	}
	a.DocumentAccessibility = str(in, "documentAccessibilityPreference")
	return obj{"account": accountMap(newEnv(c), a)}, nil
}
