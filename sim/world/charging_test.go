package world

import (
	"fmt"
	"slices"
	"strconv"
	"testing"
	"time"
)

// TestChargesAreAtNight: a car's planned and completed charges lie in the off-peak
// nights, 23:30 to 05:30 in the tenant's time, on half hours, half an hour to three hours
// each, without overlapping, whatever the time of day; one under way is planned still.
func TestChargesAreAtNight(t *testing.T) {
	london, _ := time.LoadLocation("Europe/London")
	inNight := func(t time.Time, end bool) bool {
		m := t.In(london).Hour()*60 + t.In(london).Minute()
		if end {
			return m > 23*60+30 || m <= 5*60+30
		}
		return m >= 23*60+30 || m < 5*60+30
	}
	w := newSDLWorld(t, dispatchSDL, Options{})
	seen, ongoing := 0, 0
	for _, now := range []time.Time{testNow, time.Date(2026, 12, 3, 2, 10, 0, 0, time.UTC), time.Date(2026, 12, 2, 23, 45, 0, 0, time.UTC), time.Date(2026, 7, 1, 6, 0, 0, 0, time.UTC)} {
		for i := range 12 {
			acct := "A-" + strconv.Itoa(2000+i)
			w.env = &Env{Now: now, Store: NewStore(0)}
			data := w.ask(`query($a: String!) { plannedDispatches(accountNumber: $a) { start end } completedDispatches(accountNumber: $a) { start end } }`, map[string]any{"a": acct})
			for _, k := range []string{"plannedDispatches", "completedDispatches"} {
				var prev [2]time.Time
				for _, d := range data[k].([]any) {
					d := d.(map[string]any)
					start, _ := time.Parse(time.RFC3339, d["start"].(string))
					end, _ := time.Parse(time.RFC3339, d["end"].(string))
					seen++
					if !start.After(now) && end.After(now) {
						ongoing++
					}
					if !inNight(start, false) || !inNight(end, true) || end.Sub(start) < 30*time.Minute || end.Sub(start) > 3*time.Hour || start.Minute()%30 != 0 {
						t.Errorf("%v %s %s: a charge from %v to %v, not a slot of the off-peak night", now, acct, k, start.In(london), end.In(london))
					}
					if !prev[0].IsZero() && (k == "plannedDispatches" && start.Before(prev[1]) || k == "completedDispatches" && end.After(prev[0])) {
						t.Errorf("%v %s %s: slots overlap or are out of order: %v–%v after %v–%v", now, acct, k, start, end, prev[0], prev[1])
					}
					prev = [2]time.Time{start, end}
				}
			}
		}
	}
	if seen == 0 || ongoing == 0 {
		t.Errorf("%d charges, %d of them under way; want some of each", seen, ongoing)
	}
}

// TestChargesPlannedAreThoseDone: the slots planned in the evening for the night are
// the slots completed the next morning, with the energy planned; an owner's nights
// differ from one another and from another owner's.
func TestChargesPlannedAreThoseDone(t *testing.T) {
	w := newSDLWorld(t, dispatchSDL, Options{})
	evening, morning := time.Date(2026, 12, 2, 20, 0, 0, 0, time.UTC), time.Date(2026, 12, 3, 7, 0, 0, 0, time.UTC)
	slots := func(now time.Time, acct, list string) []string {
		w.env = &Env{Now: now, Store: NewStore(0)}
		var out []string
		for _, d := range w.ask(`query($a: String!) { plannedDispatches(accountNumber: $a) { start end delta } completedDispatches(accountNumber: $a) { start end delta } }`,
			map[string]any{"a": acct})[list].([]any) {
			d := d.(map[string]any)
			out = append(out, fmt.Sprint(d["start"], " ", d["end"], " ", d["delta"]))
		}
		slices.Sort(out)
		return out
	}
	nights := map[string]bool{}
	for i := range 6 {
		acct := "A-" + strconv.Itoa(3000+i)
		planned, done := slots(evening, acct, "plannedDispatches"), slots(morning, acct, "completedDispatches")
		if len(planned) == 0 || !slices.Equal(planned, done) {
			t.Errorf("%s: planned %v in the evening, completed %v the next morning", acct, planned, done)
		}
		nights[fmt.Sprint(planned)] = true
		if next := slots(morning, acct, "plannedDispatches"); slices.Equal(next, planned) {
			t.Errorf("%s: the next night is planned as the last was: %v", acct, next)
		}
	}
	if len(nights) < 4 {
		t.Errorf("six accounts' nights are %d different plans", len(nights))
	}
}
