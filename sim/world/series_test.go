package world

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// TestStepCount counts the steps of a window by the calendar as walking them does: on
// the half hour, by the day and the week across the clocks changing, by the month and
// the quarter, from a bound inside a step or on one, and none back from first.
func TestStepCount(t *testing.T) {
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatal(err)
	}
	at := func(y int, m time.Month, d, h, min int) time.Time { return time.Date(y, m, d, h, min, 0, 0, london) }
	walk := func(s step, first, end time.Time) int {
		n := 0
		for s.add(first, n).Before(end) {
			n++
		}
		return n
	}
	tests := []struct {
		name       string
		s          step
		first, end time.Time
		want       int
	}{
		{"half hours of a day", step{d: 30 * time.Minute}, at(2026, 11, 30, 0, 0), at(2026, 12, 1, 0, 0), 48},
		{"half hours to one under way", step{d: 30 * time.Minute}, at(2026, 11, 30, 0, 0), at(2026, 11, 30, 9, 10), 19},
		{"half hours of the day the clocks go back", step{d: 30 * time.Minute}, at(2026, 10, 25, 0, 0), at(2026, 10, 26, 0, 0), 50},
		{"half hours of a year", step{d: 30 * time.Minute}, at(2025, 12, 2, 0, 0), at(2026, 12, 2, 0, 0), 17520},
		{"ten seconds", step{d: 10 * time.Second}, at(2026, 11, 30, 0, 0), at(2026, 11, 30, 0, 5), 30},
		{"days across the clocks going forward", step{days: 1}, at(2026, 3, 20, 0, 0), at(2026, 4, 5, 0, 0), 16},
		{"days to one under way", step{days: 1}, at(2026, 3, 20, 0, 0), at(2026, 3, 29, 0, 30), 10},
		{"days across both changes", step{days: 1}, at(2019, 10, 1, 0, 0), at(2026, 12, 2, 0, 0), 2619},
		{"weeks", step{days: 7}, at(2026, 3, 2, 0, 0), at(2026, 11, 3, 0, 0), 36},
		{"months", step{months: 1}, at(2019, 10, 1, 0, 0), at(2026, 12, 1, 0, 0), 86},
		{"months to one under way", step{months: 1}, at(2019, 10, 1, 0, 0), at(2026, 12, 1, 0, 1), 87},
		{"quarters", step{months: 3}, at(2025, 1, 1, 0, 0), at(2026, 12, 2, 0, 0), 8},
		{"none back from first", step{d: 30 * time.Minute}, at(2026, 11, 30, 0, 0), at(2026, 11, 29, 0, 0), 0},
		{"none at first", step{days: 1}, at(2026, 11, 30, 0, 0), at(2026, 11, 30, 0, 0), 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, walked := tt.s.count(tt.first, tt.end), walk(tt.s, tt.first, tt.end); got != tt.want || walked != tt.want {
				t.Errorf("counted %d, walked %d; want %d", got, walked, tt.want)
			}
		})
	}
	t.Run("a duration's steps end where time.Duration does", func(t *testing.T) {
		s, first := step{d: 30 * time.Minute}, time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC)
		n := s.count(first, time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC))
		if last := s.add(first, n); n < 5_000_000 || last.Before(first) || last.Year() > 300 {
			t.Errorf("%d steps, the last ending %v", n, last)
		}
	})
}

// TestSeriesKeepsItsSteps lays out a series' runs from its first step kept, leaving out
// gaps that overlap, come in any order or run past its end.
func TestSeriesKeepsItsSteps(t *testing.T) {
	tests := []struct {
		name      string
		lo, steps int
		gaps      []stepRun
		want      string
		n         int
	}{
		{"all", 0, 10, nil, "[{0 10}]", 10},
		{"from lo", 3, 10, nil, "[{3 10}]", 7},
		{"none", 10, 10, nil, "[]", 0},
		{"a gap inside", 0, 10, []stepRun{{4, 6}}, "[{0 4} {6 10}]", 8},
		{"gaps overlapping, out of order", 0, 10, []stepRun{{5, 8}, {2, 3}, {4, 6}}, "[{0 2} {3 4} {8 10}]", 5},
		{"a gap before lo and one past the end", 5, 10, []stepRun{{0, 6}, {9, 20}}, "[{6 9}]", 3},
		{"a gap over everything", 0, 10, []stepRun{{0, 10}}, "[]", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &seriesList{}
			s.keep(tt.lo, tt.steps, tt.gaps)
			if got := fmt.Sprint(s.runs); got != tt.want && !(tt.want == "[]" && len(s.runs) == 0) || s.n != tt.n {
				t.Errorf("runs %v, n %d; want %s, %d", s.runs, s.n, tt.want, tt.n)
			}
		})
	}
}

// offsetLayout is how a DateTime is answered: RFC 3339 with "+00:00" for UTC.
const offsetLayout = "2006-01-02T15:04:05-07:00"

// pagedSDL is zoneSDL's measurements with a totalCount.
var pagedSDL = strings.Replace(zoneSDL, "type MeasurementConnection { pageInfo: PageInfo! edges: [MeasurementEdge] }",
	"type MeasurementConnection { pageInfo: PageInfo! edges: [MeasurementEdge] totalCount: Int! }", 1)

// TestSeriesPagesTheWholeWindow pages windows of a meter state knows, read from 1
// January 2024 and collected only daily from March to June 2025 and from 1 November
// 2026, only monthly from July to September 2025, as a client loops while hasNextPage:
// totalCount and the pages are the steps walking the window keeps (none ending by the
// meter's first reading, none finer than the meter collected then), in order, each the
// reading a window of its own answers; a connection asked for no page size answers
// MaxSeries of them, and a window longer than MaxWindow its latest.
func TestSeriesPagesTheWholeWindow(t *testing.T) {
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatal(err)
	}
	meter := Meter{Register: "M1", ReadFrom: time.Date(2024, 1, 1, 0, 0, 0, 0, london), Coarse: []CoarseSpan{
		{From: time.Date(2025, 3, 1, 0, 0, 0, 0, london), To: time.Date(2025, 6, 1, 0, 0, 0, 0, london)},
		{From: time.Date(2025, 7, 1, 0, 0, 0, 0, london), To: time.Date(2025, 10, 1, 0, 0, 0, 0, london), Monthly: true},
		{From: time.Date(2026, 11, 1, 0, 0, 0, 0, london)},
	}}
	w := newSDLWorld(t, pagedSDL, Options{MaxPage: 500, Meter: func(_ *Env, id string) (Meter, bool) {
		return meter, id == "dev-1"
	}})
	w.env = &Env{Now: testNow, Store: NewStore(0)}
	const node = `node { ... on IntervalMeasurementType { startAt endAt value } }`
	filters := func(freq, dev string) string {
		return `utilityFilters: [{electricityFilters: {readingFrequencyType: ` + freq + `, deviceId: "` + dev + `"}}]`
	}
	page := func(args string) (total int, more bool, nodes []map[string]any) {
		t.Helper()
		m := w.ask(`{ measurements(`+args+`) { totalCount pageInfo { hasNextPage endCursor } edges { `+node+` } } }`, nil)["measurements"].(map[string]any)
		for _, e := range m["edges"].([]any) {
			nodes = append(nodes, e.(map[string]any)["node"].(map[string]any))
		}
		return int(m["totalCount"].(float64)), m["pageInfo"].(map[string]any)["hasNextPage"].(bool), nodes
	}
	// walked is the starts of the steps of s from first to end a meter read from readFrom
	// collected, walking them as the series did before it counted them.
	walked := func(s step, first, end, readFrom time.Time, coarse []CoarseSpan) []string {
		var out []string
		for i := 0; s.add(first, i).Before(end); i++ {
			if st := s.add(first, i); s.add(first, i+1).After(readFrom) && Collected(coarse, st, s.d > 0, s.months == 0) {
				out = append(out, st.In(london).Format(offsetLayout))
			}
		}
		return out
	}
	midnight := time.Date(2026, 12, 2, 0, 0, 0, 0, london) // what the meter's supplier has read to
	tests := []struct {
		name, args string
		want       []string
	}{
		{"half hours of two years", filters("THIRTY_MIN_INTERVAL", "dev-1") + `, startOn: "2024-12-01"`,
			walked(step{d: 30 * time.Minute}, time.Date(2024, 12, 1, 0, 0, 0, 0, london), midnight, meter.ReadFrom, meter.Coarse)},
		{"half hours from before the meter was read", filters("THIRTY_MIN_INTERVAL", "dev-1") + `, startOn: "2020-06-01", endOn: "2024-03-31"`,
			walked(step{d: 30 * time.Minute}, meter.ReadFrom, time.Date(2024, 4, 1, 0, 0, 0, 0, london), meter.ReadFrom, nil)},
		{"days since the meter was read", filters("DAY_INTERVAL", "dev-1") + `, startOn: "2015-01-01"`,
			walked(step{days: 1}, meter.ReadFrom, midnight, meter.ReadFrom, meter.Coarse)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			var values []map[string]any
			after := ""
			for {
				total, more, nodes := page(tt.args + `, first: 500` + after)
				if total != len(tt.want) {
					t.Fatalf("totalCount %d, want %d", total, len(tt.want))
				}
				for _, n := range nodes {
					got = append(got, n["startAt"].(string))
				}
				values = append(values, nodes...)
				if !more {
					break
				}
				after = `, after: "` + Cursor(len(got)-1) + `"`
			}
			if strings.Join(got, " ") != strings.Join(tt.want, " ") {
				t.Fatalf("%d items from %s to %s; want %d from %s to %s", len(got), got[0], got[len(got)-1], len(tt.want), tt.want[0], tt.want[len(tt.want)-1])
			}
			for _, i := range []int{0, len(values) / 3, len(values) / 2, len(values) - 1} {
				v := values[i]
				_, _, own := page(strings.SplitN(tt.args, ", start", 2)[0] + `, startAt: "` + v["startAt"].(string) + `", endAt: "` + v["endAt"].(string) + `", first: 5`)
				if len(own) != 1 || fmt.Sprint(own[0]) != fmt.Sprint(v) {
					t.Errorf("item %d: %v; its own window answers %v", i, v, own)
				}
			}
		})
	}
	t.Run("no page size: the connection's page limit of them", func(t *testing.T) {
		total, more, nodes := page(filters("THIRTY_MIN_INTERVAL", "dev-1") + `, startOn: "2024-12-01"`)
		if total != len(tests[0].want) || !more || len(nodes) != MeasurementsMaxPage || nodes[0]["startAt"] != tests[0].want[0] {
			t.Errorf("totalCount %d, hasNextPage %v, %d items", total, more, len(nodes))
		}
	})
	t.Run("a window longer than MaxWindow: its latest", func(t *testing.T) {
		const steps = int(MaxWindow / (30 * time.Minute))
		total, _, first := page(filters("THIRTY_MIN_INTERVAL", "dev-9") + `, startOn: "2000-01-01", first: 1`)
		_, more, last := page(filters("THIRTY_MIN_INTERVAL", "dev-9") + `, startOn: "2000-01-01", first: 1, after: "` + Cursor(steps-2) + `"`)
		end := testNow.In(london)
		if want := end.Add(-MaxWindow).Format(offsetLayout); total != steps || len(first) != 1 || first[0]["startAt"] != want {
			t.Errorf("totalCount %d, from %v; want %d from %s", total, first, steps, want)
		}
		if want := end.Add(-30 * time.Minute).Format(offsetLayout); more || len(last) != 1 || last[0]["startAt"] != want {
			t.Errorf("the last: %v, hasNextPage %v; want %s", last, more, want)
		}
	})
}

// TestSeriesSiftedByAnArgument: a series an enum argument sifts is made, its first
// MaxSeries steps, to be counted: only the items of the kind asked for, fewer than
// the steps.
func TestSeriesSiftedByAnArgument(t *testing.T) {
	const sdl = `type Query { readings(startOn: Date, endOn: Date, kind: Kind, first: Int, after: String): ReadingConnection }
enum Kind { ACTUAL ESTIMATED }
type ReadingConnection { pageInfo: PageInfo! edges: [ReadingEdge] totalCount: Int! }
type ReadingEdge { node: Reading cursor: String! }
type PageInfo { hasNextPage: Boolean! hasPreviousPage: Boolean! startCursor: String endCursor: String }
type Reading { readAt: DateTime! value: Float! kind: Kind! }
scalar Date
scalar DateTime`
	w := newSDLWorld(t, sdl, Options{})
	count := func(args string) (int, []any) {
		m := w.ask(`{ readings(startOn: "2025-12-01", first: 100`+args+`) { totalCount edges { node { kind } } } }`, nil)["readings"].(map[string]any)
		return int(m["totalCount"].(float64)), m["edges"].([]any)
	}
	all, _ := count("")
	actual, edges := count(", kind: ACTUAL")
	if all <= MaxSeries || actual == 0 || actual >= MaxSeries || len(edges) == 0 {
		t.Fatalf("%d readings, %d of them actual", all, actual)
	}
	for _, e := range edges {
		if k := e.(map[string]any)["node"].(map[string]any)["kind"]; k != "ACTUAL" {
			t.Errorf("an %v reading among the actual", k)
		}
	}
}

// TestInterleavedSeries lays out the items of series of one grouping, each from its own
// start and with its own gaps, step by step in the parts' order, and those of different
// groupings one part after another.
func TestInterleavedSeries(t *testing.T) {
	g := &Generator{}
	at := time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)
	hour := step{d: time.Hour}
	part := func(st step, from time.Time, steps int, gaps ...stepRun) *seriesList {
		s := &seriesList{g: g, st: st, stepped: true, from: from}
		s.keep(0, steps, gaps)
		return s
	}
	for _, tc := range []struct {
		name  string
		parts []*seriesList
		want  string // part:index of each item
	}{
		{"alike", []*seriesList{part(hour, at, 3), part(hour, at, 3)}, "0:0 1:0 0:1 1:1 0:2 1:2"},
		{"one begins later", []*seriesList{part(hour, at.Add(2*time.Hour), 2), part(hour, at, 4)}, "1:0 1:1 0:0 1:2 0:1 1:3"},
		{"one with a gap", []*seriesList{part(hour, at, 3, stepRun{1, 2}), part(hour, at, 3)}, "0:0 1:0 1:1 0:1 1:2"},
		{"one empty", []*seriesList{{}, part(hour, at, 2)}, "1:0 1:1"},
		{"groupings differ", []*seriesList{part(step{days: 1}, at, 2), part(hour, at, 2)}, "0:0 0:1 1:0 1:1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := interleaved(tc.parts)
			var got []string
			for i := 0; i < s.n; i++ {
				p, k := s.partItem(i)
				got = append(got, fmt.Sprintf("%d:%d", p, k))
			}
			if strings.Join(got, " ") != tc.want {
				t.Errorf("items %v, want %s", got, tc.want)
			}
		})
	}
}
