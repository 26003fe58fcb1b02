package accounts

import (
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

// supplyLifetime is when a meter point has been supplied: since its first agreement, or
// its first meter's activation. It lasts: the state's status, not its agreements, says
// whether a supply has ended, and a fixed term that ran out leaves the supply on.
func (w *env) supplyLifetime(ags []sim.Agreement, firstMeter string) world.Lifetime {
	from := firstMeter
	for _, ag := range ags {
		if from == "" || ag.ValidFrom != "" && ag.ValidFrom < from {
			from = ag.ValidFrom
		}
	}
	return w.lifetime(from, "")
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

// firstActive is the earliest activation date among meters, "" when none has one.
func firstActive[M any](meters []M, activeFrom func(M) string) string {
	first := ""
	for _, m := range meters {
		if d := activeFrom(m); d != "" && (first == "" || d < first) {
			first = d
		}
	}
	return first
}

// occupancy is when the account occupies a property: from its move-in date (else the
// account's creation) until its move-out date.
func (w *env) occupancy(a *sim.Account, p *sim.Property) world.Lifetime {
	lt := w.lifetime(p.OccupiedFrom, p.OccupiedTo)
	if lt.Start.IsZero() {
		lt.Start = a.CreatedAt
	}
	return lt
}

// lastReadingDate is the local date of the latest reading of a meter point's meters,
// nil when they have none.
func (w *env) lastReadingDate(meters []sim.ElectricityMeter) any {
	var last time.Time
	for _, m := range meters {
		for _, r := range m.Readings {
			if r.ReadAt.After(last) {
				last = r.ReadAt
			}
		}
	}
	if last.IsZero() {
		return nil
	}
	return last.In(w.zone).Format(time.DateOnly)
}
