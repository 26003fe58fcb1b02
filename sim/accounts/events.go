package accounts

import (
	"fmt"
	"html"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/world"
)

// An account's events (AccountType.events) are the communications it was sent: each
// statement (a bill, or an old one imported as a document) as it was issued, and the
// letters and emails the world sent about the account (a printed bill, a hardship
// agreement, a letter to the occupier). A statement goes as the account's comms went on
// its issue day (CommsHistory): by post, or emailed to its billing email, else to each
// of its users.

// commsSender is the address the world's emails come from.
const commsSender = "hello@krakensim.dev"

// maxCommsHistory is how many changes of an account's comms it keeps; the oldest go first.
const maxCommsHistory = 64

// mailTo is where the account's comms are emailed now: its billing email when it has
// one, else each of its users' addresses (not the stand-ins of users who gave none).
func mailTo(w *sim.World, a *sim.Account) []string {
	if a.BillingEmail != "" {
		return []string{a.BillingEmail}
	}
	var out []string
	for _, u := range w.AccountUsers(a.Number) {
		if u.Email != "" && !strings.HasSuffix(u.Email, "@"+blackholeDomain) && !slices.Contains(out, u.Email) {
			out = append(out, u.Email)
		}
	}
	return out
}

// mailFirst is the first address the account's comms are emailed to now; "" for none.
func mailFirst(w *sim.World, a *sim.Account) string {
	if to := mailTo(w, a); len(to) > 0 {
		return to[0]
	}
	return ""
}

// noteComms keeps how the mutable account a's comms went until now, before a change to
// its delivery preference or the addresses they go to.
func noteComms(w *sim.World, a *sim.Account, now time.Time) {
	p := sim.CommsPeriod{Until: now.UTC(), Preference: a.CommsDeliveryPreference, Emails: mailTo(w, a)}
	if n := len(a.CommsHistory); n > 0 && !now.After(a.CommsHistory[n-1].Until) {
		return // a change at the same time: the comms before it are kept already
	}
	if len(a.CommsHistory) >= maxCommsHistory {
		a.CommsHistory = slices.Clone(a.CommsHistory[len(a.CommsHistory)-maxCommsHistory+1:])
	}
	a.CommsHistory = append(a.CommsHistory, p)
}

// noteUserComms keeps how the comms of each account of the user u went until now,
// before u's email changes.
func noteUserComms(w *sim.World, u *sim.User, now time.Time) {
	for _, n := range u.AccountNumbers {
		if a := w.Account(n); a != nil && a.BillingEmail == "" {
			noteComms(w, w.MutableAccount(n), now)
		}
	}
}

// commsAt is how the account's comms went at t: its delivery preference and the
// addresses emailed.
func commsAt(w *sim.World, a *sim.Account, t time.Time) (string, []string) {
	for _, p := range a.CommsHistory {
		if t.Before(p.Until) {
			return p.Preference, p.Emails
		}
	}
	return a.CommsDeliveryPreference, mailTo(w, a)
}

// emailedTo is whether the statement s was emailed to the address to when it was issued.
func emailedTo(w *env, a *sim.Account, s sim.Statement, to string) bool {
	if to == "" {
		return false
	}
	for _, ev := range sentEvents(w, a, s) {
		if m, _ := ev["message"].(obj); m != nil && strings.EqualFold(fmt.Sprint(m["toAddress"]), to) {
			return true
		}
	}
	return false
}

// accountEvents are the account's AccountEvents, newest first, of the types eventTypes
// names (all when not given).
func accountEvents(w *env, a *sim.Account, args map[string]any) (any, error) {
	only := stringSet(args["eventTypes"])
	var evs []obj
	for _, s := range w.statements(a) {
		evs = append(evs, sentEvents(w, a, s)...)
	}
	evs = append(evs, messageEvents(w, a)...)
	slices.SortStableFunc(evs, func(x, y obj) int { return strings.Compare(y["_at"].(string), x["_at"].(string)) })
	nodes := []any{}
	for _, ev := range evs {
		if only == nil || only[ev["eventType"].(string)] {
			delete(ev, "_at")
			delete(ev, "_id")
			nodes = append(nodes, ev)
		}
	}
	return connection(w, nodes, args)
}

// sentEvents are the events of the statement's being sent to the account, at 09:00 on
// its issue day, as its comms went then: one letter, or an email to each address; none
// before then.
func sentEvents(w *env, a *sim.Account, s sim.Statement) []obj {
	if s.IssuedDate == "" || s.IssuedDate > w.today() {
		return nil
	}
	day, ok := dayStart(s.IssuedDate, w.zone)
	if !ok {
		return nil
	}
	at := day.Add(9 * time.Hour)
	pref, emails := commsAt(w.World, a, at)
	if pref == "POSTAL_MAIL" {
		return []obj{statementEvent(w, a, s, "", at)}
	}
	out := make([]obj, 0, len(emails))
	for i, to := range emails {
		id := "7" + s.ID
		if i > 0 {
			id += "-" + strconv.Itoa(i)
		}
		out = append(out, statementEvent(w, a, s, to, at, id))
	}
	return out
}

// messageEvents are the events of the world's messages about the account, sent by now:
// an email to an address, a letter otherwise.
func messageEvents(w *env, a *sim.Account) []obj {
	var out []obj
	for _, m := range w.Messages {
		if m == nil || m.Data["accountNumber"] != a.Number || m.SentAt.After(w.now) {
			continue
		}
		out = append(out, messageEvent(w, a, m))
	}
	return out
}

// messageEvent is the event of a message the world sent about the account: an
// EmailEventType when it went to an email address, a PrintEventType with its letter
// otherwise.
func messageEvent(w *env, a *sim.Account, m *sim.Message) obj {
	id := "8" + m.ID
	at := dateTime(m.SentAt, w.zone)
	if !strings.Contains(m.To, "@") {
		lines := strings.Split(m.To, ", ")
		return obj{
			"__typename": "PrintEventType", "id": world.GlobalID("PrintEventType", id), "eventType": "PRINT_SENT", "occurredAt": at, "_at": m.SentAt.UTC().Format(time.RFC3339),
			"message": obj{
				"id": world.GlobalID("PrintMessageType", id), "templateCode": messageTemplate(m), "attachments": []any{},
				"highPriority": false, "addressee": lines[0], "addressLines": anyStrings(lines[1:]),
				"addressBlock": anyStrings(lines), "billingAddressAdministrativeArea": nil,
				"supplyAddressAdministrativeArea": nil, "documentTypeCode": messageTemplate(m), "inserts": []any{},
				"account": sim.Lazy(func(map[string]any) (any, error) { return accountMap(w, a), nil }),
			},
		}
	}
	return obj{
		"__typename": "EmailEventType", "id": world.GlobalID("EmailEventType", id), "eventType": "EMAIL_SENT", "occurredAt": at, "_at": m.SentAt.UTC().Format(time.RFC3339),
		"message": obj{
			"id": id, "createdAt": at, "sentAt": at,
			"templateCode": messageTemplate(m), "toAddress": m.To, "fromEmail": commsSender,
			"subject": m.Subject, "attachments": []any{}, "channel": "EMAIL", "sender": commsSender, "recipient": m.To,
			"textBody": m.Body, "htmlBody": "<p>" + html.EscapeString(m.Body) + "</p>",
			"toNumber": "", "fromNumber": "",
		},
	}
}

// messageTemplate names a message's template from its subject, in the world's
// upper-case template codes ("Printed bill" → PRINTED_BILL).
func messageTemplate(m *sim.Message) string {
	return strings.ToUpper(strings.Join(strings.FieldsFunc(m.Subject, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}), "_"))
}

// eventByID finds the event of the world whose id (its global id's) is id: the sending of
// the statement it numbers to its account, or of the message it numbers.
func eventByID(w *env, id string) (*sim.Account, obj) {
	if mid, ok := strings.CutPrefix(id, "8"); ok && mid != "" {
		for _, m := range w.Messages {
			if m != nil && m.ID == mid && !m.SentAt.After(w.now) {
				if a := w.Account(m.Data["accountNumber"]); a != nil {
					ev := messageEvent(w, a, m)
					delete(ev, "_at")
					return a, ev
				}
			}
		}
		return nil, nil
	}
	sid, ok := strings.CutPrefix(id, "7")
	if !ok || sid == "" {
		return nil, nil
	}
	for _, a := range w.Accounts {
		if a == nil {
			continue
		}
		for _, s := range w.statements(a) {
			for _, ev := range sentEvents(w, a, s) {
				if ev["_id"] == id {
					delete(ev, "_at")
					delete(ev, "_id")
					return a, ev
				}
			}
		}
	}
	return nil, nil
}

// statementEvent is the event of a statement's being sent: an EmailEventType with its
// email to the address to (numbered id), or, with no address, a PrintEventType with its
// letter.
func statementEvent(w *env, a *sim.Account, s sim.Statement, to string, at time.Time, ids ...string) obj {
	id := "7" + s.ID
	if len(ids) > 0 {
		id = ids[0]
	}
	period := statementPeriod(s, w.zone)
	stamp := at.UTC().Format(time.RFC3339)
	if to == "" {
		lines := linesOf(a.BillingAddress)
		_, _, region := addressParts(a.BillingAddress)
		return obj{
			"__typename": "PrintEventType", "id": world.GlobalID("PrintEventType", id), "eventType": "PRINT_SENT", "occurredAt": dateTime(at, w.zone),
			"_at": stamp, "_id": id,
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
		"__typename": "EmailEventType", "id": world.GlobalID("EmailEventType", id), "eventType": "EMAIL_SENT", "occurredAt": dateTime(at, w.zone),
		"_at": stamp, "_id": id,
		"message": obj{
			"id": id, "createdAt": dateTime(at.Add(-time.Minute), w.zone), "sentAt": dateTime(at, w.zone),
			"templateCode": "STATEMENT_ISSUED", "toAddress": to, "fromEmail": commsSender,
			"subject": subject, "attachments": []any{}, "channel": "EMAIL", "sender": commsSender, "recipient": to,
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
