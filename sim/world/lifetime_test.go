package world

import (
	"testing"
	"time"
)

// TestStateLifetime: the times the world makes up beside a state object fall in the
// Lifetime its map gives: a supply that lasts has no end date, one that ended ends then,
// and its start and last change lie within it.
func TestStateLifetime(t *testing.T) {
	const sdl = `type Query { meterPoint(id: ID!): MeterPointType }
type MeterPointType { id: ID! supplyStartDate: Date supplyEndDate: Date statusUpdatedAt: DateTime }
scalar Date
scalar DateTime`
	start := time.Date(2020, 4, 1, 0, 0, 0, 0, time.UTC)
	ended := time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)
	lifetimes := map[string]Lifetime{"on": {Start: start}, "ended": {Start: start, End: ended}}
	w := newSDLWorld(t, sdl, Options{State: func(_ *Env, typ, field, value string) (map[string]any, bool) {
		lt, ok := lifetimes[value]
		return map[string]any{"id": value, LifetimeKey: lt}, ok && typ == "MeterPointType" && field == "id"
	}})
	for _, tc := range []struct {
		id         string
		start, end any
		last       time.Time
	}{
		{"on", "2020-04-01", nil, testNow},
		{"ended", "2020-04-01", "2024-06-01", ended},
	} {
		data := w.ask(`query($id: ID!) { meterPoint(id: $id) { supplyStartDate supplyEndDate statusUpdatedAt } }`, map[string]any{"id": tc.id})
		mp := data["meterPoint"].(map[string]any)
		if mp["supplyStartDate"] != tc.start || mp["supplyEndDate"] != tc.end {
			t.Errorf("%s: supply %v to %v, want %v to %v", tc.id, mp["supplyStartDate"], mp["supplyEndDate"], tc.start, tc.end)
		}
		at, err := time.Parse(time.RFC3339, mp["statusUpdatedAt"].(string))
		if err != nil || at.Before(start) || at.After(tc.last) {
			t.Errorf("%s: status updated at %v, outside %v to %v", tc.id, mp["statusUpdatedAt"], start, tc.last)
		}
	}
}
