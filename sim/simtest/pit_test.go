package simtest_test

import (
	"fmt"
	"math"
	"strconv"
	"testing"
	"time"

	"github.com/krakensim/krakensim/sim/simtest"
)

// pointInTime reads a window of the demo home's electricity measurements at freq: each
// item's type, its instant (readAt, or startAt for an interval) and its value.
const pointInTime = `query PIT($startAt: DateTime, $endAt: DateTime, $freq: ReadingFrequencyType) {
  account(accountNumber: "A-C90DC431") { properties { measurements(first: 100, startAt: $startAt, endAt: $endAt,
    utilityFilters: [{electricityFilters: {readingDirection: CONSUMPTION, readingFrequencyType: $freq}}]) {
      totalCount
      edges { node { __typename value readAt ... on IntervalMeasurementType { startAt endAt } } } } } } }`

// pitRow is one measurement of pointInTime.
type pitRow struct {
	typ, at string
	value   float64
}

// readPIT answers pointInTime for the window [from, to) at freq.
func readPIT(t *testing.T, c *simtest.Client, freq, from, to string) []pitRow {
	t.Helper()
	m := simtest.Get(mustQuery(t, c)(pointInTime, map[string]any{"freq": freq, "startAt": from, "endAt": to}), "account", "properties", 0, "measurements")
	var rows []pitRow
	for _, e := range simtest.Get(m, "edges").([]any) {
		n := simtest.Get(e, "node").(map[string]any)
		r := pitRow{typ: fmt.Sprint(n["__typename"]), at: fmt.Sprint(n["readAt"])}
		if s, ok := n["startAt"]; ok {
			r.at = fmt.Sprint(s)
		}
		r.value, _ = strconv.ParseFloat(fmt.Sprint(n["value"]), 64)
		rows = append(rows, r)
	}
	return rows
}

// TestOctopusPointInTimeIsTheRegister reads a day of the demo home's electricity at
// POINT_IN_TIME and at THIRTY_MIN_INTERVAL (the clock at 09:00 UTC on 2 December 2026):
// the first answers MeasurementType readings of the cumulative register at each half
// hour's start, rising by each half hour's consumption, as the developer notes on the
// live API say ("POINT_IN_TIME returns the cumulative meter register").
func TestOctopusPointInTimeIsTheRegister(t *testing.T) {
	_, c := octopus(t)
	from, to := "2026-11-30T00:00:00Z", "2026-12-01T00:00:00Z"
	points := readPIT(t, c, "POINT_IN_TIME", from, to)
	halves := readPIT(t, c, "THIRTY_MIN_INTERVAL", from, to)
	if len(points) != 48 || len(halves) != 48 {
		t.Fatalf("%d points, %d half hours; want 48 of each", len(points), len(halves))
	}
	start, _ := time.Parse(time.RFC3339, from)
	for i, p := range points {
		at, err := time.Parse(time.RFC3339, p.at)
		if p.typ != "MeasurementType" || err != nil || !at.Equal(start.Add(time.Duration(i)*30*time.Minute)) {
			t.Fatalf("point %d: %+v", i, p)
		}
		if halves[i].typ != "IntervalMeasurementType" || halves[i].at != p.at {
			t.Fatalf("half hour %d: %+v beside point %+v", i, halves[i], p)
		}
		if i == 0 {
			continue
		}
		rise := p.value - points[i-1].value
		if rise <= 0 || math.Abs(rise-halves[i-1].value) > 0.0011 {
			t.Errorf("point %d rises %.4f from %v; the half hour before used %.3f", i, rise, points[i-1], halves[i-1].value)
		}
	}
	if points[0].value < 1000 {
		t.Errorf("the register reads %.3f at %s: not cumulative", points[0].value, points[0].at)
	}
}
