package world

import (
	"testing"
	"time"
)

// TestGroupingCounts counts the intervals of a grouping from a start to an end in
// London, across the clocks going back and into a part interval.
func TestGroupingCounts(t *testing.T) {
	london, _ := time.LoadLocation("Europe/London")
	at := func(y int, m time.Month, d, h, min int) time.Time { return time.Date(y, m, d, h, min, 0, 0, london) }
	for _, tc := range []struct {
		name        string
		first, end  time.Time
		want        int
		floorOfLast time.Time
	}{
		{"HALF_HOUR", at(2026, 10, 25, 0, 0), at(2026, 10, 26, 0, 0), 50, at(2026, 10, 25, 23, 30)}, // a 25-hour day
		{"QUARTER_HOUR", at(2026, 12, 1, 0, 0), at(2026, 12, 1, 1, 10), 5, at(2026, 12, 1, 1, 0)},
		{"DAY", at(2026, 10, 20, 0, 0), at(2026, 10, 30, 12, 0), 11, at(2026, 10, 30, 0, 0)},
		{"WEEK", at(2026, 11, 2, 0, 0), at(2026, 12, 2, 0, 0), 5, at(2026, 11, 30, 0, 0)},
		{"MONTH", at(2019, 10, 1, 0, 0), at(2026, 12, 5, 0, 0), 87, at(2026, 12, 1, 0, 0)},
		{"QUARTER", at(2026, 1, 1, 0, 0), at(2026, 12, 5, 0, 0), 4, at(2026, 10, 1, 0, 0)},
	} {
		g, ok := GroupingOf(tc.name)
		if !ok {
			t.Fatalf("%s: no grouping", tc.name)
		}
		n := g.Count(tc.first, tc.end)
		if n != tc.want || !g.Add(tc.first, n-1).Equal(tc.floorOfLast) || !g.Floor(tc.end.Add(-time.Nanosecond)).Equal(tc.floorOfLast) {
			t.Errorf("%s: %d intervals, the last from %v; want %d from %v", tc.name, n, g.Add(tc.first, n-1), tc.want, tc.floorOfLast)
		}
	}
	if _, ok := GroupingOf("NOT_A_GROUPING"); ok {
		t.Error("a grouping from nothing")
	}
}
