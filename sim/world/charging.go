package world

import (
	"time"

	"github.com/vektah/gqlparser/v2/ast"
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
// of its numbers is an energy whose import is negative.
func chargeOf(s *ast.Schema, def *ast.Definition, tc timeClass) bool {
	if tc != lastsHours {
		return false
	}
	for _, f := range def.Fields {
		if f.Type.Elem == nil && isNumeric(s, f.Type.Name()) && importsNegative(fieldDoc(f)) {
			return true
		}
	}
	return false
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
