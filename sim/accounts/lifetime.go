package accounts

import (
	"slices"
	"time"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/world"
)

// lifetime is when an object the state holds exists, from the start of day from until
// that of day until ("" while it lasts), so that the times the world makes up beside it
// fall inside it.
func (w *env) lifetime(from, until string) world.Lifetime {
	var lt world.Lifetime
	lt.Start, _ = dayStart(from, w.zone)
	lt.End, _ = dayStart(until, w.zone)
	return lt
}

// supplyLifetime is when the account has supplied meter point mpID: since its first
// agreement or the move-in to its property (the account's creation when it gives
// none), whichever came first, not since its meter was fitted for an earlier supplier.
// It lasts until the account moves out of its home (supplyEnd): the state's status,
// not its agreements, says whether a supply has ended otherwise, and a fixed term that
// ran out leaves the supply on.
func (w *env) supplyLifetime(a *sim.Account, ags []sim.Agreement, mpID string) world.Lifetime {
	from := w.moveIn(a, mpID)
	for _, ag := range ags {
		if ag.ValidFrom != "" && (from == "" || ag.ValidFrom < from) {
			from = ag.ValidFrom
		}
	}
	return w.lifetime(from, supplyEnd(a, mpID))
}

// supplyEnd is the day the account's supply of meter point mpID ends: the day after it
// moved out of the point's home for its fuel, or after the last day a leave of the
// supplier supplies the home, whichever comes first; "" while it lasts.
func supplyEnd(a *sim.Account, mpID string) string {
	end := moveOutEnd(a, mpID)
	if p, leave := propertyOf(a, mpID), leaveEnd(a); p != nil && leave != "" && p.OccupiedFrom <= leave && (end == "" || addDays(leave, 1) < end) {
		end = addDays(leave, 1)
	}
	return end
}

// moveOutEnd is the day after the account moved out of meter point mpID's home for its
// fuel; "" while it has not.
func moveOutEnd(a *sim.Account, mpID string) string {
	p := propertyOf(a, mpID)
	if p == nil || p.OccupiedTo == "" {
		return ""
	}
	fuel := "GAS"
	if slices.ContainsFunc(p.ElectricityMeterPoints, func(mp sim.ElectricityMeterPoint) bool { return mp.ID == mpID }) {
		fuel = "ELECTRICITY"
	}
	if p.MoveOut == nil || slices.Contains(p.MoveOut.Fuels, fuel) {
		return addDays(p.OccupiedTo, 1)
	}
	return ""
}

// pointStatus is a meter point's status today: off supply from the day its supply ends
// (supplyEnd); on (as on, its fuel's word for it) from the day its registration starts
// (start, see registrationStart), a switch's or a move in's; registering
// (PENDING_REGISTRATION) until then at a home the account moved into, whatever word
// for on supply (on, or a gas supply's LIVE) the supply had; else the state's.
func pointStatus(w *env, a *sim.Account, mpID, status, start, on string) string {
	today := w.today()
	if end := supplyEnd(a, mpID); end != "" && end <= today && status != "WITHDRAWN" {
		return "OFF_SUPPLY"
	}
	switch {
	case start == "" || status != "PENDING_REGISTRATION" && status != on && status != "LIVE":
		return status
	case start <= today && status == "PENDING_REGISTRATION":
		return on
	case start <= today:
		return status
	case movedInto(a, mpID):
		return "PENDING_REGISTRATION"
	}
	return status
}

// registrationStart is the day the account's supply of meter point mpID starts: its
// registration's, else the day the account moved into its home; "" for neither.
func registrationStart(a *sim.Account, mpID, registration string) string {
	if registration != "" {
		return registration
	}
	if movedInto(a, mpID) {
		return propertyOf(a, mpID).OccupiedFrom
	}
	return ""
}

// movedInto says whether the home holding meter point mpID is one the account moved
// into.
func movedInto(a *sim.Account, mpID string) bool {
	p := propertyOf(a, mpID)
	return p != nil && p.MovedIn
}

// moveIn is the date the account moved in to the property of meter point mpID, else
// the date it was created; "" when it says neither.
func (w *env) moveIn(a *sim.Account, mpID string) string {
	for i := range a.Properties {
		p := &a.Properties[i]
		if p.OccupiedFrom != "" && (slices.ContainsFunc(p.ElectricityMeterPoints, func(mp sim.ElectricityMeterPoint) bool { return mp.ID == mpID }) ||
			slices.ContainsFunc(p.GasMeterPoints, func(mp sim.GasMeterPoint) bool { return mp.ID == mpID })) {
			return p.OccupiedFrom
		}
	}
	if a.CreatedAt.IsZero() {
		return ""
	}
	return a.CreatedAt.In(w.zone).Format(time.DateOnly)
}

// accountLifetime is when the account has been supplied: since the first of its meter
// points' supplies, else since it was created.
func (w *env) accountLifetime(a *sim.Account) world.Lifetime {
	var first time.Time
	earlier := func(ags []sim.Agreement, mpID string) {
		if t := w.supplyLifetime(a, ags, mpID).Start; !t.IsZero() && (first.IsZero() || t.Before(first)) {
			first = t
		}
	}
	for i := range a.Properties {
		p := &a.Properties[i]
		for _, mp := range p.ElectricityMeterPoints {
			earlier(mp.Agreements, mp.ID)
		}
		for _, mp := range p.GasMeterPoints {
			earlier(mp.Agreements, mp.ID)
		}
	}
	if first.IsZero() {
		first = a.CreatedAt
	}
	return world.Lifetime{Start: first}
}

// meterLifetime is when a meter is in service: from its activation, else its meter
// point's start.
func (w *env) meterLifetime(activeFrom string, point obj) world.Lifetime {
	lt, _ := point[world.LifetimeKey].(world.Lifetime)
	if start, ok := dayStart(activeFrom, w.zone); ok {
		lt.Start = start
	}
	return lt
}

// occupancy is when the account occupies a property: from its move-in date (else the
// account's creation) through its move-out date.
func (w *env) occupancy(a *sim.Account, p *sim.Property) world.Lifetime {
	lt := w.lifetime(p.OccupiedFrom, addDays(occupiedTo(a, p), 1))
	if lt.Start.IsZero() {
		lt.Start = a.CreatedAt
	}
	return lt
}

// lastReadingDate is the local date of the latest reading of a meter point's meters, its
// smart meter's reads on billing dates among them, estimates not; null when none has one.
func (w *env) lastReadingDate(a *sim.Account, mp *sim.ElectricityMeterPoint) sim.Lazy {
	return func(map[string]any) (any, error) {
		var last time.Time
		for i := range mp.Meters {
			for _, r := range electricityReads(w, a, mp, &mp.Meters[i]) {
				if r.Source != "ESTIMATE" && r.ReadAt.After(last) {
					last = r.ReadAt
				}
			}
		}
		if last.IsZero() {
			return nil, nil
		}
		return last.In(w.zone).Format(time.DateOnly), nil
	}
}
