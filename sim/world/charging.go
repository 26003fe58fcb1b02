package world

import (
	"slices"
	"time"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/krakensim/krakensim/sim/fake"
	"github.com/krakensim/krakensim/sim/graphql"
)

// A car's smart charging (Intelligent Octopus's dispatches): the supplier plans a car's
// charge into the night's off-peak hours, 23:30 to 05:30 where the tenant is, in slots
// of half an hour to three hours with short pauses between, and what is done lies in
// the nights behind. A type is such a slot when it lasts hours and holds an energy its
// description says is negative for an import ("Energy in kWh (import has a negative
// value)"): a charge drawn from the grid.

// The off-peak night a charge is planned into, as hours and minutes local.
const (
	offPeakStart = 23*time.Hour + 30*time.Minute
	offPeakEnd   = 5*time.Hour + 30*time.Minute
)

// chargeOf reports whether def is a charging slot: its time class lasts hours and one
// of its numbers is an energy whose import is negative, or the energy it adds
// (SmartFlexDispatch's energyAddedKwh, as negative).
func chargeOf(s *ast.Schema, def *ast.Definition, tc timeClass) bool {
	if tc != lastsHours {
		return false
	}
	for _, f := range def.Fields {
		if f.Type.Elem != nil || !isNumeric(s, f.Type.Name()) {
			continue
		}
		if importsNegative(fieldDoc(f)) || addedEnergy(f.Name) {
			return true
		}
	}
	return false
}

// addedEnergy reports whether a number's name says it is the energy a charge adds
// (energyAddedKwh), which Kraken signs as an import, negative, as a dispatch's delta.
func addedEnergy(name string) bool {
	ws := words(name)
	return hasWord(ws, "added") && hasWord(ws, "energy", "kwh")
}

// nightOf is the off-peak night that holds t, else the next to begin after it; going
// back, the night that holds t, else the last to end before it.
func nightOf(t time.Time, back bool) (start, end time.Time) {
	day := midnight(t)
	s0, e0 := day.Add(-24*time.Hour+offPeakStart), day.Add(offPeakEnd) // the night that began yesterday
	s1, e1 := day.Add(offPeakStart), day.Add(24*time.Hour+offPeakEnd)
	switch {
	case !back && t.Before(e0), back && !t.After(s1):
		return s0, e0
	}
	return s1, e1
}

// chargeSlot is the slot of a charge planned after prev (or the first from now), or,
// going back, the one done before prev (or the last before now): within the off-peak
// nights, on half hours, half an hour to three hours long.
func chargeSlot(now time.Time, prev *span, tn tense, key uint64) span {
	r := newRng(key ^ 0x2127599bf4325c37)
	d := time.Duration(r.between(1, 6)) * 30 * time.Minute
	gap := time.Duration(r.between(0, 2)) * 30 * time.Minute
	const half = 30 * time.Minute
	if tn == tenseFuture {
		t := now.Truncate(half)
		if prev != nil {
			t = prev.end.Add(gap)
		}
		start, end := nightOf(t, false)
		t = maxTime(t, start)
		sp := span{start: t, end: minTime(t.Add(d), end), tense: tenseFuture}
		if !sp.start.After(now) {
			sp.tense = tenseOngoing
		}
		return sp
	}
	t := now.Truncate(half)
	if prev != nil {
		t = prev.start.Add(-gap)
	}
	start, end := nightOf(t, true)
	if !t.After(start) { // the slot before began the night: the one before ended the night before
		start, end = start.Add(-24*time.Hour), end.Add(-24*time.Hour)
	}
	t = minTime(t, end)
	return span{start: maxTime(t.Add(-d), start), end: t, tense: tensePast}
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// nightSlots are the slots a car's charge is planned into over the off-peak night from
// start to end, in order, drawn from the night and the owner's key alone, so that what
// a night's planned slots were is what its completed ones are.
func nightSlots(start, end time.Time, key uint64) []span {
	r := newRng(key ^ uint64(start.Unix()) ^ 0x2127599bf4325c37)
	var out []span
	for t := start; t.Before(end); {
		sp := span{start: t, end: minTime(t.Add(time.Duration(r.between(1, 6))*30*time.Minute), end)}
		out = append(out, sp)
		t = sp.end.Add(time.Duration(r.between(0, 2)) * 30 * time.Minute)
	}
	return out
}

// nightCharges are an owner's charge slots of a root list of them (planned dispatches,
// completed ones): the slots of the nights around now that are to come or under way, or
// done, within the reach the list's description states (24 hours ahead, 12 hours
// behind). Each slot is the same object whichever list answers it.
func (g *Generator) nightCharges(env *Env, f *graphql.Field, fr *fieldRole, began time.Time) []map[string]any {
	if m, ok := g.ownerMeter(env, f.Args, fr.owner); ok {
		if !m.Charges() {
			return nil // a household no smart tariff charges: nothing is dispatched
		}
		return g.meteredCharges(env, f, fr, began, m)
	}
	now, horizon := g.now(env), chargeHorizon(fr)
	ok := fake.HashStrings("charges", ownerScope(f.Args, fr.owner))
	start, end := nightOf(now, true)
	var out []map[string]any
	for n := -1; n <= 1; n++ {
		s, e := start.AddDate(0, 0, n), end.AddDate(0, 0, n)
		for j, sp := range nightSlots(s, e, ok) {
			if !inReach(&sp, now, horizon, fr.tense) {
				continue
			}
			it := g.chargeItem(env, f, fr, fake.Mix64(ok^uint64(s.Unix())^uint64(j+1)*0x9e3779b97f4a7c15), &sp, began, len(out)+1)
			if it == nil {
				return out
			}
			out = append(out, it)
		}
	}
	return out
}

// chargeItem is the charge slot sp at position pos of a root list of them, keyed by ik;
// nil when the list's type has no concrete type to answer it.
func (g *Generator) chargeItem(env *Env, f *graphql.Field, fr *fieldRole, ik uint64, sp *span, began time.Time, pos int) map[string]any {
	typ := g.pickType(fr, ik, nil)
	if typ == "" {
		return nil
	}
	it := g.entityAfter(env, typ, ik, "", sp, fr.tense, began)
	mt := it[metaKey].(*meta)
	mt.pos, mt.args = pos, f.Args
	g.chargeKind(it, "smart")
	g.markThing(it)
	return it
}

// chargeWords are, by what asked for a charge (a "smart" one the supplier planned, a
// "bump" the customer asked for, a "test" of a device newly registered), the values a
// charge's own kind may be called by, the first a String's.
var chargeWords = map[string][]string{
	"smart": {"SMART", "SMART_CHARGE"},
	"bump":  {"BOOST", "BUMP", "BUMP_CHARGE", "BOOST_CHARGE"},
	"test":  {"TEST", "TEST_CHARGE"},
}

// chargeKind says on charge slot it what asked for it, where its type has a field of
// its own for that (SmartFlexDispatch's type: SMART, BOOST or TEST): a String's word, or
// the value of an enum's that says it; nothing when the enum has none.
func (g *Generator) chargeKind(it map[string]any, kind string) {
	def := g.schema.Types[it["__typename"].(string)]
	for _, f := range def.Fields {
		if f.Type.Elem != nil || !slices.Equal(words(f.Name), []string{"type"}) && !slices.Equal(words(f.Name), []string{"kind"}) {
			continue
		}
		switch t := g.schema.Types[f.Type.Name()]; {
		case t != nil && t.Kind == ast.Enum:
			for _, w := range chargeWords[kind] {
				if t.EnumValues.ForName(w) != nil {
					it[f.Name] = w
					return
				}
			}
		case f.Type.Name() == "String":
			it[f.Name] = chargeWords[kind][0]
		}
		return
	}
}

// chargeHorizon is how far ahead or behind a list of charges reaches: what its
// description states, else a day.
func chargeHorizon(fr *fieldRole) time.Duration {
	if fr.horizon > 0 {
		return fr.horizon
	}
	return 24 * time.Hour
}

// inReach reports whether a charge slot is one a list of the tense lists from now
// within horizon (one to come or under way, or one done), and gives it its tense.
func inReach(sp *span, now time.Time, horizon time.Duration, tn tense) bool {
	if tn == tenseFuture {
		if !sp.end.After(now) || sp.start.After(now.Add(horizon)) {
			return false
		}
		sp.tense = tenseFuture
		if !sp.start.After(now) {
			sp.tense = tenseOngoing
		}
		return true
	}
	if sp.end.After(now) || sp.end.Before(now.Add(-horizon)) {
		return false
	}
	sp.tense = tensePast
	return true
}

// chargingMeter is the meter state names by the owner's arguments (an account number)
// whose household's car charges under smart control; false for none.
func (g *Generator) chargingMeter(env *Env, args map[string]any, owner []string) (Meter, bool) {
	m, ok := g.ownerMeter(env, args, owner)
	return m, ok && m.Charges()
}

// ownerMeter is the meter of the owner that args name, by the owner arguments, which
// measures what its car draws, smart charged or not; false when state knows none.
func (g *Generator) ownerMeter(env *Env, args map[string]any, owner []string) (Meter, bool) {
	if g.opts.Meter == nil {
		return Meter{}, false
	}
	for _, name := range owner {
		if id, ok := args[name].(string); ok && id != "" {
			if m, ok := g.opts.Meter(env, id); ok {
				return m, true
			}
		}
	}
	return Meter{}, false
}

// keptNights is how many nights back a list of the charges a household's meter drew
// reaches (completedDispatches): a week's, as Kraken keeps them for clients that read
// the nights before, beyond the "12 hours behind" its description states.
const keptNights = 7

// keptFrom is how far back from now a list of charges done reaches: noon where the
// tenant is, keptNights days before, so that it holds whole nights.
func (g *Generator) keptFrom(now time.Time) time.Time {
	d := now.In(g.zone()).AddDate(0, 0, -keptNights)
	return time.Date(d.Year(), d.Month(), d.Day(), 12, 0, 0, 0, d.Location())
}

// meteredCharges are the charge slots of a root list of them as the owner's meter
// measures them: the runs of half hours its car's nights charge in, within the list's
// reach around now (the nights kept behind it, for charges done), each drawing the
// energy the meter recorded for the car then.
func (g *Generator) meteredCharges(env *Env, f *graphql.Field, fr *fieldRole, began time.Time, m Meter) []map[string]any {
	now, horizon := g.now(env), chargeHorizon(fr)
	from, to := now.Add(-horizon), now.Add(horizon)
	if fr.tense != tenseFuture {
		horizon = max(horizon, now.Sub(g.keptFrom(now)))
		from, to = now.Add(-horizon), now
	}
	series := fake.HashStrings("register", m.Register)
	reg := regOf(series, &m, g.home)
	var out []map[string]any
	for _, run := range reg.chargeRuns(from, to) {
		if !inReach(&run, now, horizon, fr.tense) {
			continue
		}
		for _, sp := range doneHalfHours(run, fr.tense) {
			it := g.chargeItem(env, f, fr, fake.Mix64(series^uint64(sp.start.Unix())), &sp, began, len(out)+1)
			if it == nil {
				return out
			}
			mt := it[metaKey].(*meta)
			mt.series, mt.meter = series, &m
			out = append(out, it)
		}
	}
	return out
}

// doneHalfHours are the charges a run of them is listed as: a planned run whole, a run
// done as its half hours, one charge each, as Kraken lists completed dispatches.
func doneHalfHours(run span, t tense) []span {
	if t == tenseFuture {
		return []span{run}
	}
	out := make([]span, 0, int(run.end.Sub(run.start)/slot)+1)
	for at := run.start; at.Before(run.end); {
		next := at.Truncate(slot).Add(slot)
		if next.After(run.end) {
			next = run.end
		}
		out = append(out, span{start: at, end: next, tense: run.tense})
		at = next
	}
	return out
}
