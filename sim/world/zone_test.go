package world

import (
	"strconv"
	"strings"
	"testing"
	"time"
)

// zoneSDL groups readings as Kraken's measurements do: by a timezone argument that
// defaults to the tenant's local time, and by a grouping inside the utility filters.
const zoneSDL = `type Query {
  measurements(startAt: DateTime, endAt: DateTime, startOn: Date, endOn: Date, timezone: String = "Europe/London",
    utilityFilters: [UtilityFiltersInput], before: String, after: String, first: Int, last: Int): MeasurementConnection
}
input UtilityFiltersInput { electricityFilters: ElectricityFiltersInput gasFilters: GasFiltersInput }
input ElectricityFiltersInput { readingFrequencyType: ReadingFrequencyType = RAW_INTERVAL deviceId: String }
input GasFiltersInput { readingFrequencyType: ReadingFrequencyType = RAW_INTERVAL deviceId: String }
enum ReadingFrequencyType { RAW_INTERVAL THIRTY_MIN_INTERVAL HOUR_INTERVAL DAY_INTERVAL WEEK_INTERVAL MONTH_INTERVAL POINT_IN_TIME }
type MeasurementConnection { pageInfo: PageInfo! edges: [MeasurementEdge] }
type MeasurementEdge { node: MeasurementInterface cursor: String! }
type PageInfo { hasNextPage: Boolean! hasPreviousPage: Boolean! startCursor: String endCursor: String }
interface MeasurementInterface { value: Decimal! unit: String! readAt: DateTime! }
type MeasurementType implements MeasurementInterface { value: Decimal! unit: String! readAt: DateTime! }
type IntervalMeasurementType implements MeasurementInterface {
  value: Decimal! unit: String! readAt: DateTime! startAt: DateTime! endAt: DateTime! durationInSeconds: Int!
}
scalar DateTime
scalar Date
scalar Decimal`

// intervals are the start, end and duration of each item of a measurements answer,
// failing on an item that is not an interval.
func intervals(t *testing.T, w *sdlWorld, args string) (starts, ends []string, secs []float64) {
	t.Helper()
	data := w.ask(`{ measurements(first: 100, `+args+`) { edges { node { __typename value
		... on IntervalMeasurementType { startAt endAt durationInSeconds } } } } }`, nil)
	for _, e := range data["measurements"].(map[string]any)["edges"].([]any) {
		n := e.(map[string]any)["node"].(map[string]any)
		if n["__typename"] != "IntervalMeasurementType" {
			t.Fatalf("%s: a grouped reading is a %v, not an interval", args, n["__typename"])
		}
		starts, ends = append(starts, n["startAt"].(string)), append(ends, n["endAt"].(string))
		secs = append(secs, n["durationInSeconds"].(float64))
	}
	return starts, ends, secs
}

// TestGroupingFollowsTheTimezone: a grouping of a day or more starts at midnight in the
// timezone the client names (or the tenant's) and is told in it, a day is 23 or 25 hours
// when the clocks change, every item of a grouped series is an interval, and its
// duration is its length.
func TestGroupingFollowsTheTimezone(t *testing.T) {
	w := newSDLWorld(t, zoneSDL, Options{})
	day := `utilityFilters: [{electricityFilters: {readingFrequencyType: DAY_INTERVAL}}]`
	tests := []struct {
		name, args string
		starts     []string
		secs       []float64
	}{
		{"the tenant's day, in summer", day + `, startAt: "2026-07-01T00:00:00Z", endAt: "2026-07-03T00:00:00Z"`,
			[]string{"2026-07-01T00:00:00+01:00", "2026-07-02T00:00:00+01:00", "2026-07-03T00:00:00+01:00"}, []float64{86400, 86400, 86400}},
		{"Berlin's day", day + `, timezone: "Europe/Berlin", startAt: "2026-11-01T00:00:00Z", endAt: "2026-11-02T00:00:00Z"`,
			[]string{"2026-11-01T00:00:00+01:00", "2026-11-02T00:00:00+01:00"}, []float64{86400, 86400}},
		{"dates are the timezone's days", day + `, timezone: "Australia/Sydney", startOn: "2026-11-10", endOn: "2026-11-11"`,
			[]string{"2026-11-10T00:00:00+11:00", "2026-11-11T00:00:00+11:00"}, []float64{86400, 86400}},
		{"the day the clocks go back", day + `, startOn: "2026-10-25", endOn: "2026-10-25"`,
			[]string{"2026-10-25T00:00:00+01:00"}, []float64{25 * 3600}},
		{"an hour grouping across the clocks going forward", `utilityFilters: [{electricityFilters: {readingFrequencyType: HOUR_INTERVAL}}], startAt: "2026-03-29T00:10:00Z", endAt: "2026-03-29T02:00:00Z"`,
			[]string{"2026-03-29T00:00:00+00:00", "2026-03-29T02:00:00+01:00"}, []float64{3600, 3600}},
		{"raw readings on the half hour", `startAt: "2026-11-30T10:17:00Z", endAt: "2026-11-30T11:00:00Z"`,
			[]string{"2026-11-30T10:00:00+00:00", "2026-11-30T10:30:00+00:00"}, []float64{1800, 1800}},
		{"a month from its first day", `utilityFilters: [{gasFilters: {readingFrequencyType: MONTH_INTERVAL}}], startAt: "2026-06-15T00:00:00Z", endAt: "2026-07-15T00:00:00Z"`,
			[]string{"2026-06-01T00:00:00+01:00", "2026-07-01T00:00:00+01:00"}, []float64{30 * 86400, 31 * 86400}},
		{"a date-time without an offset is the timezone's", `startAt: "2026-07-01T09:00:00", endAt: "2026-07-01T10:00:00"`,
			[]string{"2026-07-01T09:00:00+01:00", "2026-07-01T09:30:00+01:00"}, []float64{1800, 1800}},
		{"and Berlin's when the client names Berlin", `timezone: "Europe/Berlin", startAt: "2026-07-01T09:00:00", endAt: "2026-07-01T09:30"`,
			[]string{"2026-07-01T09:00:00+02:00"}, []float64{1800}},
		{"a week from its Monday", `utilityFilters: [{electricityFilters: {readingFrequencyType: WEEK_INTERVAL}}], startAt: "2026-11-04T12:00:00Z", endAt: "2026-11-05T00:00:00Z"`,
			[]string{"2026-11-02T00:00:00+00:00"}, []float64{7 * 86400}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			starts, ends, secs := intervals(t, w, tt.args)
			if strings.Join(starts, " ") != strings.Join(tt.starts, " ") {
				t.Fatalf("starts %v, want %v", starts, tt.starts)
			}
			for i := range starts {
				if i+1 < len(starts) && ends[i] != starts[i+1] {
					t.Errorf("item %d ends at %s, the next starts at %s", i, ends[i], starts[i+1])
				}
				if secs[i] != tt.secs[i] {
					t.Errorf("item %d (%s–%s) lasts %v s, want %v", i, starts[i], ends[i], secs[i], tt.secs[i])
				}
			}
		})
	}
}

// TestGroupingKeepsTheRegister: grouping a series inside its filters reads the same
// register as its raw half hours, so a day is the sum of its half hours.
func TestGroupingKeepsTheRegister(t *testing.T) {
	w := newSDLWorld(t, zoneSDL, Options{})
	sum := func(grouping string) (float64, int) {
		data := w.ask(`{ measurements(first: 100, startOn: "2026-11-10", endOn: "2026-11-10",
			utilityFilters: [{electricityFilters: {readingFrequencyType: `+grouping+`}}]) { edges { node { value } } } }`, nil)
		var s float64
		edges := data["measurements"].(map[string]any)["edges"].([]any)
		for _, e := range edges {
			s += num(t, e.(map[string]any)["node"].(map[string]any)["value"])
		}
		return s, len(edges)
	}
	day, n := sum("DAY_INTERVAL")
	halves, m := sum("THIRTY_MIN_INTERVAL")
	if n != 1 || m != 48 {
		t.Fatalf("%d days and %d half hours in a day", n, m)
	}
	if d := day - halves; d > 0.03 || d < -0.03 {
		t.Errorf("the day reads %.3f kWh, its half hours add up to %.3f", day, halves)
	}
}

// TestGroupedReadingsAreIntervals: whichever of a field's reading types a series would
// draw, a grouped one answers the type with a start and an end, for every item.
func TestGroupedReadingsAreIntervals(t *testing.T) {
	for _, point := range []string{"MeasurementType", "AMeasurementType", "PointMeasurementType", "ZMeasurementType"} {
		sdl := strings.ReplaceAll(zoneSDL, "type MeasurementType ", "type "+point+" ")
		w := newSDLWorld(t, sdl, Options{})
		for _, grouping := range []string{"", `utilityFilters: [{electricityFilters: {readingFrequencyType: DAY_INTERVAL}}], `} {
			if starts, _, _ := intervals(t, w, grouping+`startAt: "2026-11-20T00:00:00Z", endAt: "2026-11-22T00:00:00Z"`); len(starts) == 0 {
				t.Errorf("beside %s, %sno readings", point, grouping)
			}
		}
	}
}

// TestTenantZone: a tenant whose SDL defaults its timezones to Australia/Sydney tells
// date-times there, and its days start at Sydney's midnight.
func TestTenantZone(t *testing.T) {
	sdl := strings.ReplaceAll(zoneSDL, `"Europe/London"`, `"Australia/Sydney"`)
	w := newSDLWorld(t, sdl, Options{})
	starts, _, _ := intervals(t, w, `utilityFilters: [{electricityFilters: {readingFrequencyType: DAY_INTERVAL}}], startOn: "2026-11-10", endOn: "2026-11-10"`)
	if len(starts) != 1 || starts[0] != "2026-11-10T00:00:00+11:00" {
		t.Errorf("a Sydney day starts %v, want [2026-11-10T00:00:00+11:00]", starts)
	}
	if _, err := time.Parse(time.RFC3339, starts[0]); err != nil {
		t.Error(err)
	}
}

// num reads a Decimal or Float answer as a number.
func num(t *testing.T, v any) float64 {
	t.Helper()
	f, err := strconv.ParseFloat(toString(v), 64)
	if err != nil {
		t.Fatalf("%v is not a number", v)
	}
	return f
}

// TestHouseholdDayIsLocal: a household's use peaks in its own evening, not in the UK's:
// on a Sydney tenant, 17:00–21:00 Sydney time draws more than 01:00–05:00.
func TestHouseholdDayIsLocal(t *testing.T) {
	for _, zone := range []string{"Europe/London", "Australia/Sydney", "America/Chicago"} {
		w := newSDLWorld(t, strings.ReplaceAll(zoneSDL, `"Europe/London"`, `"`+zone+`"`), Options{})
		data := w.ask(`{ measurements(first: 100, startOn: "2026-11-10", endOn: "2026-11-10") { edges { node { value
			... on IntervalMeasurementType { startAt } } } } }`, nil)
		var evening, night float64
		for _, e := range data["measurements"].(map[string]any)["edges"].([]any) {
			n := e.(map[string]any)["node"].(map[string]any)
			at, err := time.Parse(time.RFC3339, n["startAt"].(string))
			if err != nil {
				t.Fatal(err)
			}
			switch h := at.Hour(); {
			case h >= 17 && h < 21:
				evening += num(t, n["value"])
			case h >= 1 && h < 5:
				night += num(t, n["value"])
			}
		}
		if evening < 2*night {
			t.Errorf("%s: the evening draws %.2f kWh, the small hours %.2f", zone, evening, night)
		}
	}
}

// TestNaiveTimeAssumedUTC: a bound whose description says a date-time without an offset
// is UTC (Kraken's smartMeterTelemetry(start:, end:)) reads it so, even in summer.
func TestNaiveTimeAssumedUTC(t *testing.T) {
	const types = `enum TelemetryGrouping { TEN_SECONDS ONE_MINUTE HALF_HOURLY }
type TelemetryType { readAt: DateTime! consumptionDelta: Decimal demand: Decimal }
scalar DateTime
scalar Decimal`
	for name, sdl := range map[string]string{
		"descriptions": `type Query {
  telemetry(
    "The start time of the range of readings (inclusive). If no UTC timezone offset is included, UTC (+00:00) will be assumed."
    start: DateTime
    "The end time of the range of readings (exclusive). If no UTC timezone offset is included, UTC (+00:00) will be assumed."
    end: DateTime
    grouping: TelemetryGrouping): [TelemetryType]
}
` + types,
		"# comments, as Octopus's SDL has them": `type Query {
  telemetry(
    # The start time of the range of readings (inclusive). If no UTC timezone offset is included, UTC (+00:00) will be assumed.
    start: DateTime

    # The end time of the range of readings (exclusive). If no UTC timezone offset is included, UTC (+00:00) will be assumed.
    end: DateTime
    grouping: TelemetryGrouping
  ): [TelemetryType]
}
` + types,
	} {
		w := newSDLWorld(t, sdl, Options{})
		data := w.ask(`{ telemetry(start: "2026-07-01T09:00:00", end: "2026-07-01T10:00:00", grouping: HALF_HOURLY) { readAt } }`, nil)
		var got []string
		for _, r := range data["telemetry"].([]any) {
			got = append(got, r.(map[string]any)["readAt"].(string))
		}
		if want := "2026-07-01T10:00:00+01:00 2026-07-01T10:30:00+01:00"; strings.Join(got, " ") != want {
			t.Errorf("%s: readings at %v, want %s", name, got, want)
		}
	}
}
