package accounts

import (
	"slices"
	"strings"
	"time"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/world"
)

// An account's events (AccountType.events) are the communications it was sent: each
// statement (a bill, or an old one imported as a document) as it was issued, by email to its billing email, or by post to its billing
// address when its comms go by post.

// commsSender is the address the world's emails come from.
const commsSender = "hello@krakensim.dev"

// accountEvents are the account's AccountEvents, newest first, of the types eventTypes
// names (all when not given).
func accountEvents(w *env, a *sim.Account, args map[string]any) (any, error) {
	only := stringSet(args["eventTypes"])
	post := a.CommsDeliveryPreference == "POSTAL_MAIL"
	nodes := []any{}
	issued := slices.Clone(w.statements(a))
	slices.SortStableFunc(issued, func(x, y sim.Statement) int { return strings.Compare(y.IssuedDate, x.IssuedDate) })
	kind := "EMAIL_SENT"
	if post {
		kind = "PRINT_SENT"
	}
	for _, s := range issued {
		if ev := sentEvent(w, a, s); ev != nil && (only == nil || only[kind]) {
			nodes = append(nodes, ev)
		}
	}
	return connection(w, nodes, args)
}

// sentEvent is the event of the statement's being sent to the account, at 09:00 on its
// issue day, by post when its comms go by post; nil before then.
func sentEvent(w *env, a *sim.Account, s sim.Statement) obj {
	if s.IssuedDate == "" || s.IssuedDate > w.today() {
		return nil
	}
	at, ok := dayStart(s.IssuedDate, w.zone)
	if !ok {
		return nil
	}
	kind := "EMAIL_SENT"
	if a.CommsDeliveryPreference == "POSTAL_MAIL" {
		kind = "PRINT_SENT"
	}
	return statementEvent(w, a, s, kind, at.Add(9*time.Hour))
}

// eventByID finds the event of the world whose id (its global id's) is id: the sending of
// the statement it numbers, to its account.
func eventByID(w *env, id string) (*sim.Account, obj) {
	sid, ok := strings.CutPrefix(id, "7")
	if !ok || sid == "" {
		return nil, nil
	}
	for _, a := range w.Accounts {
		if a == nil {
			continue
		}
		for _, s := range w.statements(a) {
			if s.ID == sid {
				if ev := sentEvent(w, a, s); ev != nil {
					return a, ev
				}
			}
		}
	}
	return nil, nil
}

// statementEvent is the event of a statement's being sent: an EmailEventType with its
// email, or a PrintEventType with its letter.
func statementEvent(w *env, a *sim.Account, s sim.Statement, kind string, at time.Time) obj {
	id := "7" + s.ID
	period := statementPeriod(s, w.zone)
	if kind == "PRINT_SENT" {
		lines := linesOf(a.BillingAddress)
		_, _, region := addressParts(a.BillingAddress)
		return obj{
			"__typename": "PrintEventType", "id": world.GlobalID("PrintEventType", id), "eventType": kind, "occurredAt": dateTime(at, w.zone),
			"message": obj{
				"id": world.GlobalID("PrintMessageType", id), "templateCode": "STATEMENT", "attachments": []any{},
				"highPriority": false, "addressee": a.BillingName, "addressLines": anyStrings(lines),
				"addressBlock": anyStrings(append([]string{a.BillingName}, lines...)), "billingAddressAdministrativeArea": orNil(region),
				"supplyAddressAdministrativeArea": orNil(region), "documentTypeCode": "STATEMENT", "inserts": []any{},
				"account": sim.Lazy(func(map[string]any) (any, error) { return accountMap(w, a), nil }),
			},
		}
	}
	subject := "Your statement for " + period
	return obj{
		"__typename": "EmailEventType", "id": world.GlobalID("EmailEventType", id), "eventType": kind, "occurredAt": dateTime(at, w.zone),
		"message": obj{
			"id": id, "createdAt": dateTime(at.Add(-time.Minute), w.zone), "sentAt": dateTime(at, w.zone),
			"templateCode": "STATEMENT_ISSUED", "toAddress": a.BillingEmail, "fromEmail": commsSender,
			"subject": subject, "attachments": []any{}, "channel": "EMAIL", "sender": commsSender, "recipient": a.BillingEmail,
			"textBody": "Hello " + a.BillingName + ",\n\n" + subject + " is ready in your account.",
			"htmlBody": "<p>Hello " + a.BillingName + ",</p><p>" + subject + " is ready in your account.</p>",
			"toNumber": "", "fromNumber": "",
		},
	}
}

// statementPeriod is a statement's period as a bill names it ("1–30 September 2019").
func statementPeriod(s sim.Statement, zone *time.Location) string {
	from, ok1 := dayStart(s.BillPeriodFrom, zone)
	to, ok2 := dayStart(s.BillPeriodTo, zone)
	switch {
	case !ok1:
		return "your account"
	case !ok2:
		return "the period from " + from.Format("2 January 2006")
	case from.Year() == to.Year() && from.Month() == to.Month():
		return from.Format("2") + "–" + to.Format("2 January 2006")
	}
	return from.Format("2 January 2006") + " to " + to.Format("2 January 2006")
}

func anyStrings(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = strings.TrimSpace(s)
	}
	return out
}
