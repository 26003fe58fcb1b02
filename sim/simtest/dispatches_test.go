package simtest_test

import (
	"fmt"
	"math"
	"slices"
	"testing"
	"time"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/simtest"
)

// TestOctopusCompletedDispatchesAreTheMetersNights reads the flat's completed dispatches
// as megakid's Home Assistant integration does, in a fresh session and after the clock
// has moved through nights: the week's nights before now are listed, newest first, each
// once, each night's deltas what the flat's meter drew for the car then (its REST half
// hours less those of the same flat without a car); none before its Intelligent Octopus
// Go agreement began, none on a night its car's smart control was suspended (it charged
// from plug-in), none on a night a boost filled the car, whose boost is listed as the
// half hours it drew in; and what a first reading listed is listed the same once the
// clock has moved on.
func TestOctopusCompletedDispatchesAreTheMetersNights(t *testing.T) {
	const flat = "A-7B3E9D12"
	start := time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)
	type step struct {
		at       time.Time
		mutation string
	}
	iogFrom := func(day string) func(*sim.World) {
		return func(w *sim.World) {
			ags := w.Account(flat).Properties[0].ElectricityMeterPoints[0].Agreements
			ags[0].ValidTo, ags[1].ValidFrom = day, day
		}
	}
	nights := func(first, last int) []string { // the nights that end on these days of November (31 is 1 December)
		var out []string
		for d := first; d <= last; d++ {
			day := time.Date(2026, 11, d, 0, 0, 0, 0, time.UTC)
			out = append(out, day.Format(time.DateOnly))
		}
		return out
	}
	for _, tc := range []struct {
		name  string
		edit  func(*sim.World)
		steps []step
		at    time.Time
		// nights are the nights with dispatches, by the day each ends; others are the
		// dispatches outside the off-peak nights.
		nights, others []string
	}{
		{name: "a fresh session", at: start, nights: nights(26, 32)},
		{name: "the audit evening", at: time.Date(2026, 12, 5, 20, 0, 0, 0, time.UTC), nights: nights(29, 35)},
		{name: "on Intelligent Go from 29 November", edit: iogFrom("2026-11-29"), at: time.Date(2026, 12, 5, 20, 0, 0, 0, time.UTC), nights: nights(30, 35)},
		{name: "suspended from 2 to 3 December", steps: []step{
			{start, `mutation { suspendControl(input: {accountNumber: "A-7B3E9D12"}) { __typename } }`},
			{start.AddDate(0, 0, 1), `mutation { resumeControl(input: {accountNumber: "A-7B3E9D12"}) { __typename } }`},
		}, at: start.AddDate(0, 0, 2), nights: slices.Concat(nights(28, 32), nights(34, 34))},
		{name: "a boost filling the car on 2 December", steps: []step{
			{start, `mutation { triggerBoostCharge(input: {accountNumber: "A-7B3E9D12"}) { krakenflexDevice { krakenflexDeviceId } } }`},
			{start.Add(90 * time.Minute), `mutation { deleteBoostCharge(input: {accountNumber: "A-7B3E9D12"}) { krakenflexDevice { krakenflexDeviceId } } }`},
		}, at: start.AddDate(0, 0, 1), nights: nights(27, 32), others: []string{"2026-12-02T10:00:00+00:00 2026-12-02T10:30:00+00:00 -3.700",
			"2026-12-02T09:30:00+00:00 2026-12-02T10:00:00+00:00 -3.700", "2026-12-02T09:00:00+00:00 2026-12-02T09:30:00+00:00 -3.700"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			edits := []func(*sim.World){}
			if tc.edit != nil {
				edits = append(edits, tc.edit)
			}
			srv, c := octopus(t, edits...)
			carless, bare := octopus(t, append(edits, func(w *sim.World) { w.Account(flat).Devices = nil })...)
			now := start
			moveTo := func(to time.Time) {
				for _, cl := range []*simtest.Client{c, bare} {
					cl.AdvanceClock(to.Sub(now))
					cl.SignIn("demo@krakensim.dev", "krakensim")
				}
				now = to
			}
			first := completed(t, c)
			for _, s := range tc.steps {
				moveTo(s.at)
				mustQuery(t, c)(s.mutation, nil)
			}
			moveTo(tc.at)
			got := completed(t, c)

			byNight := map[string]float64{}
			var others []string
			for i, d := range got {
				if i > 0 && d.end.After(got[i-1].start) {
					t.Errorf("%v–%v listed after %v–%v: not newest first, or overlapping", d.start, d.end, got[i-1].start, got[i-1].end)
				}
				if d.meta != "map[location:AT_HOME source:<nil>]" || d.startDt != d.start.UTC().Format(pythonTime) || d.endDt != d.end.UTC().Format(pythonTime) {
					t.Errorf("%v: meta %s, startDt %s, endDt %s", d.at, d.meta, d.startDt, d.endDt)
				}
				if h := d.start.Hour(); h >= 6 && h < 23 {
					others = append(others, fmt.Sprint(d.at[0], " ", d.at[1], " ", d.raw))
					continue
				}
				if d.end.Sub(d.start) > 30*time.Minute || d.start.Minute()%30 != 0 || d.start.Second() != 0 {
					t.Errorf("%v: a smart charge done is listed a half hour at a time, as Kraken lists them", d.at)
				}
				byNight[d.start.Add(time.Hour).Format(time.DateOnly)] -= d.delta
			}
			listed := slices.Sorted(func(yield func(string) bool) {
				for n := range byNight {
					if !yield(n) {
						return
					}
				}
			})
			if !slices.Equal(listed, tc.nights) || !slices.Equal(others, tc.others) {
				t.Errorf("at %v: nights %v and others %v dispatched; want %v and %v", tc.at, listed, others, tc.nights, tc.others)
			}

			// Each night the supplier has the half hours of (up to the last midnight), the
			// meter drew for the car what the night's dispatches list.
			midnight := tc.at.Truncate(24 * time.Hour)
			drawn := carDrawn(t, srv, carless, c.Session, bare.Session, midnight.AddDate(0, 0, -7), midnight)
			for day := midnight.AddDate(0, 0, -6); day.Before(midnight); day = day.AddDate(0, 0, 1) {
				n := day.Format(time.DateOnly)
				if math.Abs(drawn[n]-byNight[n]) > 0.015 {
					t.Errorf("the night to %s: the meter drew %.3f kWh for the car, its dispatches %.3f", n, drawn[n], byNight[n])
				}
			}

			// What the fresh session listed of the nights still kept (from noon a week
			// before) is listed as it was.
			kept := midnight.AddDate(0, 0, -7).Add(12 * time.Hour)
			for _, d := range first {
				if d.start.Before(kept) {
					continue
				}
				if !slices.Contains(got, d) {
					t.Errorf("%v–%v %s, listed at first, is not listed at %v", d.start, d.end, d.raw, tc.at)
				}
			}
		})
	}
}

// dispatch is a completed dispatch as read: its span, as answered too, its energy
// (negative, imported) as answered and as a number, its deprecated span and its meta.
type dispatch struct {
	at             [2]string
	start, end     time.Time
	raw            string
	delta          float64
	startDt, endDt string
	meta           string
}

// completed reads the flat's completed dispatches as c, in the order listed.
func completed(t *testing.T, c *simtest.Client) []dispatch {
	t.Helper()
	var out []dispatch
	for _, d := range mustQuery(t, c)(`{ completedDispatches(accountNumber: "A-7B3E9D12") { start end startDt endDt delta meta { source location } } }`, nil)["completedDispatches"].([]any) {
		start, _ := time.Parse(time.RFC3339, simtest.Get(d, "start").(string))
		end, _ := time.Parse(time.RFC3339, simtest.Get(d, "end").(string))
		out = append(out, dispatch{at: [2]string{simtest.Get(d, "start").(string), simtest.Get(d, "end").(string)}, start: start.UTC(), end: end.UTC(), raw: simtest.Get(d, "delta").(string), delta: number(t, simtest.Get(d, "delta")),
			startDt: fmt.Sprint(simtest.Get(d, "startDt")), endDt: fmt.Sprint(simtest.Get(d, "endDt")), meta: fmt.Sprint(simtest.Get(d, "meta"))})
	}
	return out
}

// carDrawn is what the flat's meter drew for its car in each off-peak night (23:30 to
// 05:30) from from to to, by the day the night ends: its half hours by REST in session
// withCar of srv, less those in session without of carless, whose flat has no car.
func carDrawn(t *testing.T, srv, carless *simtest.Server, withCar, without string, from, to time.Time) map[string]float64 {
	t.Helper()
	path := "/v1/electricity-meter-points/1000007345180/meters/21L4381927/consumption/?page_size=1000&order_by=period&period_from=" +
		from.Format(time.RFC3339) + "&period_to=" + to.Format(time.RFC3339)
	halves := func(s *simtest.Server, session string) map[string]float64 {
		_, body := rest(t, s, session, "sk_live_krakensimdemo3235447", path)
		out := map[string]float64{}
		for _, r := range simtest.Get(body, "results").([]any) {
			out[simtest.Get(r, "interval_start").(string)] = simtest.Get(r, "consumption").(float64)
		}
		if len(out) != int(to.Sub(from)/(30*time.Minute)) {
			t.Fatalf("%d half hours from %v to %v", len(out), from, to)
		}
		return out
	}
	car, own := halves(srv, withCar), halves(carless, without)
	out := map[string]float64{}
	for at, v := range car {
		ts, _ := time.Parse(time.RFC3339, at)
		if m := ts.Hour()*60 + ts.Minute(); m >= 23*60+30 || m < 5*60+30 {
			out[ts.Add(time.Hour).Format(time.DateOnly)] += v - own[at]
		}
	}
	return out
}
