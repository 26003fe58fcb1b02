package world

import (
	"strconv"
	"testing"
	"time"
)

// dispatchSDL is Kraken's Intelligent Octopus dispatches, described in # comments as
// Octopus's published SDL describes everything.
const dispatchSDL = `type Query {
  # All planned device dispatches 24 hours ahead, (usually) in time order.
  plannedDispatches(accountNumber: String!): [UpsideDispatchType]

  # All completed device dispatches 12 hours behind, in reverse time order.
  completedDispatches(accountNumber: String!): [UpsideDispatchType]
}
type UpsideDispatchType {
  # The start time of the dispatch.
  start: DateTime!

  # The end time of the dispatch.
  end: DateTime!

  # Energy in kWh (import has a negative value).
  delta: Decimal
  meta: UpsideDispatchMetaType
}
type UpsideDispatchMetaType {
  # Present for planned dispatches, otherwise ` + "`null`" + `. Value can be ` + "`smart-charge`, `test-charge` or `bump-charge`" + `.
  source: String

  # Present for completed dispatches, otherwise ` + "`null`" + `. The only relevant value is ` + "`AT_HOME`" + ` if present.
  location: String
}
scalar DateTime
scalar Decimal`

// TestDispatchesAreWhatTheirCommentsSay: planned dispatches lie within the next 24
// hours and completed ones within the last 12, each imports (a negative delta), and each
// has the one meta field its comment says it is present for.
func TestDispatchesAreWhatTheirCommentsSay(t *testing.T) {
	w := newSDLWorld(t, dispatchSDL, Options{})
	planned, completed := 0, 0
	for i := range 20 {
		acct := "A-" + strconv.Itoa(1000+i)
		data := w.ask(`query($a: String!) {
			plannedDispatches(accountNumber: $a) { start end delta meta { source location } }
			completedDispatches(accountNumber: $a) { start end delta meta { source location } } }`, map[string]any{"a": acct})
		for _, k := range []string{"plannedDispatches", "completedDispatches"} {
			var prev time.Time
			for _, d := range data[k].([]any) {
				d := d.(map[string]any)
				start, _ := time.Parse(time.RFC3339, d["start"].(string))
				end, _ := time.Parse(time.RFC3339, d["end"].(string))
				delta, err := strconv.ParseFloat(d["delta"].(string), 64)
				if err != nil || delta >= 0 {
					t.Errorf("%s %s: delta %v, want an import's negative energy", acct, k, d["delta"])
				}
				meta := d["meta"].(map[string]any)
				if k == "plannedDispatches" {
					planned++
					if !start.After(testNow) || start.After(testNow.Add(24*time.Hour)) {
						t.Errorf("%s: a planned dispatch starts at %v, not within 24 hours of %v", acct, start, testNow)
					}
					if !prev.IsZero() && start.Before(prev) {
						t.Errorf("%s: planned dispatches out of time order", acct)
					}
					if meta["source"] == nil || meta["location"] != nil {
						t.Errorf("%s: a planned dispatch's meta is %v, want a source and no location", acct, meta)
					}
				} else {
					completed++
					if end.After(testNow) || end.Before(testNow.Add(-12*time.Hour)) {
						t.Errorf("%s: a completed dispatch ends at %v, not within 12 hours before %v", acct, end, testNow)
					}
					if !prev.IsZero() && start.After(prev) {
						t.Errorf("%s: completed dispatches out of reverse time order", acct)
					}
					if meta["source"] != nil || meta["location"] == nil {
						t.Errorf("%s: a completed dispatch's meta is %v, want a location and no source", acct, meta)
					}
				}
				prev = start
			}
		}
	}
	if planned == 0 || completed == 0 {
		t.Errorf("%d planned and %d completed dispatches; want some of each", planned, completed)
	}
}

// TestDescribed: what descriptions state, in their words.
func TestDescribed(t *testing.T) {
	for _, c := range []struct {
		desc string
		want time.Duration
	}{
		{"All planned device dispatches 24 hours ahead, (usually) in time order.", 24 * time.Hour},
		{"All completed device dispatches 12 hours behind, in reverse time order.", 12 * time.Hour},
		{"Readings 7 days behind.", 7 * 24 * time.Hour},
		{"The next 24 readings.", 0},
		{"", 0},
	} {
		if got := horizonOf(c.desc); got != c.want {
			t.Errorf("horizonOf(%q) = %v, want %v", c.desc, got, c.want)
		}
	}
	for _, c := range []struct {
		desc string
		want tense
	}{
		{"Present for planned dispatches, otherwise `null`.", tenseFuture},
		{"Present for completed dispatches, otherwise `null`. The only relevant value is `AT_HOME` if present.", tensePast},
		{"Present for business accounts, otherwise null.", tenseNone},
		{"The source of the dispatch.", tenseNone},
	} {
		if got := presentFor(c.desc); got != c.want {
			t.Errorf("presentFor(%q) = %v, want %v", c.desc, got, c.want)
		}
	}
	for desc, want := range map[string]bool{
		"Energy in kWh (import has a negative value).": true,
		"Energy in kWh.": false,
		"Imports are negative, exports positive.": true,
	} {
		if got := importsNegative(desc); got != want {
			t.Errorf("importsNegative(%q) = %v, want %v", desc, got, want)
		}
	}
	for in, want := range map[any]any{3.5: -3.5, -2.0: -2.0, 4: -4, "0.850": "-0.850", "-1.2": "-1.2", "0.000": "0.000", nil: nil} {
		if got := negative(in); got != want {
			t.Errorf("negative(%v) = %v, want %v", in, got, want)
		}
	}
}
