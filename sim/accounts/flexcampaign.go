package accounts

import (
	"context"
	"slices"
	"time"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/fake"
)

// freeElectricity is the slug of Octopus's free electricity campaign: on sunny, windy
// days with power to spare, an enrolled household's use in an event's hours is free.
const freeElectricity = "free_electricity"

// savingSessionsCampaign is the slug of Octoplus Saving Sessions as a flexibility
// campaign: an account signed up to Saving Sessions is in it by its signed-up meter point.
const savingSessionsCampaign = "octoplus-saving-sessions"

// freeElectricityFrom is when the campaign's events begin, where the platform's
// campaigns do not say.
const freeElectricityFrom = "2024-06-01"

// flexEvent is one of a flexibility campaign's events: its code, name and hours, and the
// Saving Sessions event it is (nil for another campaign's).
type flexEvent struct {
	code, name string
	start, end time.Time
	session    *savingSession
}

// flexEvents are a campaign's events announced by now (a day ahead), oldest first: for
// free electricity, one in about three weeks in ten from April to September, half of
// them at a weekend, of an hour or two from late morning, local time, when solar and
// wind leave power to spare; for Saving Sessions, the events savingSessions lists; none
// for a campaign the world runs no events of.
func flexEvents(w *env, slug string) []flexEvent {
	if slug == savingSessionsCampaign {
		sessions := announcedEvents(w.now, w.zone)
		out := make([]flexEvent, len(sessions))
		for i := range sessions {
			e := &sessions[i]
			out[i] = flexEvent{code: e.code, name: "Saving Session", start: e.start, end: e.end, session: e}
		}
		return out
	}
	if slug != freeElectricity {
		return nil
	}
	from := freeElectricityFrom
	for _, c := range w.Campaigns {
		if c != nil && c.Slug == slug && c.StartDate != "" {
			from = c.StartDate
		}
	}
	begin, ok := dayStart(from, w.zone)
	if !ok {
		return nil
	}
	announced := w.now.Add(24 * time.Hour)
	var out []flexEvent
	monday := begin.AddDate(0, 0, -(int(begin.Weekday())+6)%7)
	for week := monday; week.Before(announced); week = week.AddDate(0, 0, 7) {
		if m := week.AddDate(0, 0, 3).Month(); m < time.April || m > time.September {
			continue
		}
		h := fake.HashStrings(slug, week.Format(time.DateOnly))
		if h%10 >= 3 {
			continue
		}
		date := week.AddDate(0, 0, eventDays[h/10%10])
		start := time.Date(date.Year(), date.Month(), date.Day(), 11+int(h/1000%3), 0, 0, 0, w.zone)
		end := start.Add(time.Duration(1+h/10000%2) * time.Hour)
		if start.Before(begin) || start.After(announced) {
			continue
		}
		out = append(out, flexEvent{code: "FREE-ELEC-" + start.Format("20060102"), name: "Free Electricity", start: start, end: end})
	}
	return out
}

// eventDays are the days of a week (from Monday) a free electricity event falls on, by
// a tenth of chance each: a weekend's half the time.
var eventDays = [10]int{0, 1, 2, 3, 4, 5, 5, 5, 6, 6}

// enrolledIn reports whether an account is in a flexibility campaign: its campaigns
// name it.
func enrolledIn(a *sim.Account, slug string) bool {
	return a != nil && slices.Contains(a.Campaigns, slug)
}

// freeHours are the hours an account's electricity import is free: its free
// electricity events' while it is enrolled; none otherwise.
func freeHours(w *env, a *sim.Account) []flexEvent {
	if !enrolledIn(a, freeElectricity) {
		return nil
	}
	if w.freeEvents == nil { // every meter and supply of the call reads the same calendar
		events := flexEvents(w, freeElectricity)
		w.freeEvents = &events
	}
	return *w.freeEvents
}

// freeAt reports whether t falls in one of events' hours.
func freeAt(events []flexEvent, t time.Time) bool {
	for _, e := range events {
		if !t.Before(e.start) && t.Before(e.end) {
			return true
		}
	}
	return false
}

// flexEnrolled reports whether the account's supply point (its import MPAN) is in the
// campaign: the account's campaigns name it, or, for Saving Sessions, the account signed
// the supply point up to them.
func flexEnrolled(a *sim.Account, slug, mpan string) bool {
	if slug == savingSessionsCampaign && a != nil && a.SavingSessions != nil {
		return a.SavingSessions.MPAN == mpan && flexSupplyPoint(a, mpan)
	}
	return enrolledIn(a, slug) && flexSupplyPoint(a, mpan)
}

// flexSupplyPoint reports whether an MPAN is one of the account's import supplies.
func flexSupplyPoint(a *sim.Account, mpan string) bool {
	for _, p := range a.Properties {
		for i := range p.ElectricityMeterPoints {
			if mp := &p.ElectricityMeterPoints[i]; mp.Identifier() == mpan && !exportPoint(mp) {
				return true
			}
		}
	}
	return false
}

// isEnrolledInCustomerFlexibilityCampaign answers whether the account's supply point
// (its import MPAN) is in the campaign (flexEnrolled).
func isEnrolledInCustomerFlexibilityCampaign(_ context.Context, c *sim.Call) (any, error) {
	_, a, err := readable(c, c.StringArg("accountNumber"), "", "")
	if err != nil {
		return nil, err
	}
	return flexEnrolled(a, c.StringArg("campaignSlug"), c.StringArg("supplyPointIdentifier")), nil
}

// customerFlexibilityCampaignEvents pages the campaign's events announced by now, oldest
// first, each saying whether the account's supply point takes part: it is enrolled, and
// in Saving Sessions joined the event, as savingSessions' joinedEvents have it.
func customerFlexibilityCampaignEvents(_ context.Context, c *sim.Call) (any, error) {
	_, a, err := readable(c, c.StringArg("accountNumber"), "", "")
	if err != nil {
		return nil, err
	}
	w := newEnv(c)
	slug := c.StringArg("campaignSlug")
	in := flexEnrolled(a, slug, c.StringArg("supplyPointIdentifier"))
	events := flexEvents(w, slug)
	nodes := make([]any, len(events))
	for i, e := range events {
		part := in && (e.session == nil || e.session.joinedBy(a.Number, a.SavingSessions, w.zone))
		nodes[i] = obj{"__typename": "CFCampaignEventType", "code": e.code, "name": e.name,
			"startAt": dateTime(e.start, w.zone), "endAt": dateTime(e.end, w.zone), "isEventParticipant": part}
	}
	return connection(w, nodes, c.Field.Args)
}
