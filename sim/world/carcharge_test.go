package world

import (
	"fmt"
	"math"
	"testing"
	"time"
)

// TestCarChargeIsTheMeters reads a year of a smart-charged household's meter half hour
// by half hour, in London and in Sydney: the car draws only in the tariff's off-peak
// hours by the clocks (summer time too), and is charged by 04:00, the earliest its owner
// may ask it to be ready, never more than a 7 kW charger can, in the runs its dispatches
// list; its year is a year of nights at its mean, half the household's own; the register
// only grows; and the meter's use between its readings is what they show.
func TestCarChargeIsTheMeters(t *testing.T) {
	for _, name := range []string{"Europe/London", "Australia/Sydney"} {
		t.Run(name, func(t *testing.T) {
			zone, _ := time.LoadLocation(name)
			start := time.Date(2026, 1, 1, 0, 0, 0, 0, zone)
			end := start.AddDate(1, 0, 0)
			night := OffPeak{From: -30 * time.Minute, To: 5*time.Hour + 30*time.Minute, Share: 7.0 / 24}
			m := &Meter{Register: "21L4381927", PerHalfHour: 0.23, Since: start, ReadAt: end, Read: 5000,
				Charging: ChargeSpan{From: start.AddDate(-1, 0, 0), Night: night}, OffPeaks: always(night)}
			r := regOf(7, m, householdOf(zone))
			if r.car == nil {
				t.Fatal("no car")
			}
			// Nights in pairs and the year's edges move it by a few kWh.
			if got, want := r.over(span{start: start, end: end}), 0.23*float64(end.Sub(start)/slot); math.Abs(got-want) > 0.001*want {
				t.Errorf("the register drew %v kWh between the readings, which show %v", got, want)
			}
			if got := r.car.perNight / 48 / r.mean; math.Abs(got-CarShare) > 1e-12 {
				t.Errorf("the car draws %v of the household's use", got)
			}
			runs := r.chargeRuns(start, end)
			inRun := map[int64]bool{}
			for _, sp := range runs {
				for at := sp.start; at.Before(sp.end); at = at.Add(slot) {
					inRun[at.Unix()] = true
				}
			}
			var year float64
			for at := start; at.Before(end); at = at.Add(slot) {
				sp := span{start: at, end: at.Add(slot)}
				car, all := r.charged(sp), r.over(sp)
				year += car
				if all < 0 || car < -1e-9 || car > all+1e-9 {
					t.Fatalf("%v: the meter drew %v kWh, the car %v", at, all, car)
				}
				if car <= 1e-9 {
					if inRun[at.Unix()] {
						t.Errorf("%v: in a dispatch, and the car drew nothing", at)
					}
					continue
				}
				local := at.In(zone)
				clock := time.Duration(local.Hour())*time.Hour + time.Duration(local.Minute())*time.Minute
				if clock >= readyBy && clock < 23*time.Hour+30*time.Minute || !inRun[at.Unix()] || car > chargeKW/2+1e-9 {
					t.Errorf("%v (%v local): the car drew %v kWh, in a dispatch %v", at, local.Format("15:04"), car, inRun[at.Unix()])
				}
			}
			if nights := year / r.car.perNight; math.Abs(nights-365) > 1.7 {
				t.Errorf("the car drew %.1f kWh in the year, %.2f nights at its mean %.2f kWh", year, nights, r.car.perNight)
			}
			if got := r.charged(span{start: start, end: end}); math.Abs(got-year) > 1e-6 {
				t.Errorf("the year's charge %v; its half hours add up to %v", got, year)
			}
		})
	}
}

// TestCarChargesWhileItsTariffSays reads a household's car that charged from one
// November to the next (the night that begins before the end is its last): nothing
// before, nothing after, every night between, and the register's use outside those
// nights is the household's alone.
func TestCarChargesWhileItsTariffSays(t *testing.T) {
	london, _ := time.LoadLocation("Europe/London")
	from, to := time.Date(2024, 11, 1, 0, 0, 0, 0, london), time.Date(2025, 11, 1, 0, 0, 0, 0, london)
	shape := OffPeak{From: -30 * time.Minute, To: 5*time.Hour + 30*time.Minute, Share: 7.0 / 24}
	with := regOf(7, &Meter{Register: "x", OffPeaks: always(shape), Charging: ChargeSpan{From: from, To: to, Night: shape}}, householdOf(london))
	without := regOf(7, &Meter{Register: "x", OffPeaks: always(shape)}, householdOf(london))
	for _, tt := range []struct {
		name     string
		from, to time.Time
		car      bool
	}{
		{"the year before", from.AddDate(-1, 0, 0), from, false},
		{"the year of the car", from, to.Add(readyBy), true},
		{"the year after", to.Add(readyBy), to.AddDate(1, 0, 0), false},
	} {
		sp := span{start: tt.from, end: tt.to}
		car, extra := with.charged(sp), with.drawn(sp)-without.drawn(sp)
		if math.Abs(car-extra) > 1e-6 || (car > 1e-6) != tt.car {
			t.Errorf("%s: the car drew %g kWh; the meter %g more than the household alone", tt.name, car, extra)
		}
		if n := len(with.chargeRuns(tt.from, tt.to)); (n > 0) != tt.car || tt.car && n < 365 {
			t.Errorf("%s: %d charges", tt.name, n)
		}
	}
}

// BenchmarkChargedRegister reads a smart-charged household's register a day at a time,
// as its billing does.
func BenchmarkChargedRegister(b *testing.B) {
	london, _ := time.LoadLocation("Europe/London")
	for _, bc := range []struct {
		name           string
		charge, target bool
	}{{"household", false, false}, {"with car", true, false}, {"with car to its targets", true, true}} {
		b.Run(bc.name, func(b *testing.B) {
			night := OffPeak{From: -30 * time.Minute, To: 5*time.Hour + 30*time.Minute, Share: 7.0 / 24}
			m := &Meter{Register: "21L4381927", PerHalfHour: 0.23, OffPeaks: always(night)}
			if bc.charge {
				m.Charging = ChargeSpan{From: time.Date(2022, 11, 1, 0, 0, 0, 0, london), Night: night}
			}
			if bc.target { // a weekend's target below the week's: the nights follow from those before
				m.Battery = Battery{KWh: 57.5, Mornings: []Mornings{{Percent: [7]float64{70, 85, 85, 85, 85, 85, 70}}}}
			}
			r := regOf(7, m, householdOf(london))
			start := time.Date(2026, 1, 1, 0, 0, 0, 0, london)
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				at := start.AddDate(0, 0, i%365)
				_ = r.over(span{start: at, end: at.AddDate(0, 0, 1)})
			}
		})
	}
}

// TestBoostIsMeteredWhenItDraws reads a register with two boost charges against the same
// register without them: each draws 7 kW from its minute to its end, exactly (not spread
// over its half hours), Boosted and the car's charged energy count it, and nothing
// changes before the first or between them.
func TestBoostIsMeteredWhenItDraws(t *testing.T) {
	zone, _ := time.LoadLocation("Europe/London")
	at := func(h, m int) time.Time { return time.Date(2026, 12, 2, h, m, 0, 0, zone) }
	plain := Meter{Register: "21L4381927", PerHalfHour: 0.23}
	boosted := plain
	boosted.Boosts = []Boost{{From: at(9, 7), To: at(10, 30)}, {From: at(18, 0), To: at(18, 20)}}
	p, b := plain.In(zone), boosted.In(zone)
	for _, tc := range []struct {
		from, to time.Time
		want     float64
	}{
		{at(0, 0), at(9, 7), 0}, {at(9, 7), at(9, 8), 7.0 / 60}, {at(9, 0), at(9, 30), 7 * 23.0 / 60},
		{at(9, 7), at(10, 30), 7 * 83.0 / 60}, {at(10, 30), at(18, 0), 0}, {at(18, 10), at(19, 0), 7 * 10.0 / 60},
		{at(0, 0), at(23, 0), 7 * 103.0 / 60},
	} {
		extra := b.reg.drawn(span{start: tc.from, end: tc.to}) - p.reg.drawn(span{start: tc.from, end: tc.to})
		if math.Abs(extra-tc.want) > 1e-9 || math.Abs(b.Boosted(tc.from, tc.to)-tc.want) > 1e-9 || math.Abs(b.Charged(tc.from, tc.to)-tc.want) > 1e-9 {
			t.Errorf("%v–%v: %.4f kWh more, boosted %.4f, charged %.4f; want %.4f", tc.from.Format("15:04"), tc.to.Format("15:04"), extra,
				b.Boosted(tc.from, tc.to), b.Charged(tc.from, tc.to), tc.want)
		}
	}
}

// TestSuspendedCarChargesWhenPluggedIn suspends a smart-charged car's control from
// 10:00 on 2 December to 10:00 on 4 December, beside the same car under control: the
// two nights that begin while suspended are charged from 18:00 the evening before at
// 7 kW and are no dispatch, the others as planned; the week draws the same energy; the
// register only grows; nothing changes before the suspension.
func TestSuspendedCarChargesWhenPluggedIn(t *testing.T) {
	zone, day, planned := smartCar()
	suspended := planned
	suspended.Suspended = []Boost{{From: day(2, 10, 0), To: day(4, 10, 0)}}
	p, s := regOf(7, &planned, householdOf(zone)), regOf(7, &suspended, householdOf(zone))
	if got, want := s.over(span{start: day(1, 0, 0), end: day(8, 0, 0)}), p.over(span{start: day(1, 0, 0), end: day(8, 0, 0)}); math.Abs(got-want) > 1e-9 {
		t.Errorf("the week drew %v kWh suspended, %v under control", got, want)
	}
	if got, want := s.at(day(2, 17, 0)), p.at(day(2, 17, 0)); got != want {
		t.Errorf("before the first evening: %v, %v", got, want)
	}
	for _, d := range []int{2, 3} { // the nights beginning 23:30 on 2 and 3 December
		evening := span{start: day(d, 18, 0), end: day(d, 23, 0)}
		nightSpan := span{start: day(d, 23, 30), end: day(d+1, 5, 30)}
		kwh := p.charged(nightSpan)
		if got := s.charged(evening); math.Abs(got-kwh) > 1e-9 || kwh <= 0 {
			t.Errorf("%d December's evening drew %v kWh for the car, its night's plan %v", d, got, kwh)
		}
		if got := s.charged(nightSpan); math.Abs(got) > 1e-9 {
			t.Errorf("%d December's night drew %v kWh for the car while suspended", d, got)
		}
		if got := s.charged(span{start: day(d, 18, 0), end: day(d, 18, 30)}); math.Abs(got-min(kwh, chargeKW/2)) > 1e-9 {
			t.Errorf("%d December's first half hour from plug-in drew %v kWh", d, got)
		}
		if runs := s.uncontrolledRuns(evening.start, evening.end); len(runs) != 1 || !runs[0].start.Equal(day(d, 18, 0)) {
			t.Errorf("%d December's uncontrolled runs %v", d, runs)
		}
		if runs := s.chargeRuns(nightSpan.start, nightSpan.end); len(runs) != 0 {
			t.Errorf("%d December's night dispatched %v while suspended", d, runs)
		}
	}
	if got, want := s.charged(span{start: day(4, 23, 30), end: day(5, 5, 30)}), p.charged(span{start: day(4, 23, 30), end: day(5, 5, 30)}); got != want || got <= 0 {
		t.Errorf("the night after resuming drew %v kWh, its plan %v", got, want)
	}
	mustGrow(t, "suspended", s, day(1, 0, 0), day(8, 0, 0))
}

// TestNightAfterABoostDrawsWhatIsLeft boosts a smart-charged car for a short while and
// for long on 2 December, beside the same car without: the night that begins after each
// draws what its plan would have less what the boost put in (nothing once the car took
// more than the night needed), in fewer dispatched half hours; the week draws the boost
// more, less what the night was spared; other nights and the register's growth are as
// they were.
func TestNightAfterABoostDrawsWhatIsLeft(t *testing.T) {
	zone, day, planned := smartCar()
	p := regOf(7, &planned, householdOf(zone))
	tonight := span{start: day(2, 23, 30), end: day(3, 5, 30)}
	week := span{start: day(1, 0, 0), end: day(8, 0, 0)}
	plan := p.charged(tonight)
	if plan <= 1 {
		t.Fatalf("the plan draws %v kWh tonight", plan)
	}
	for _, minutes := range []int{5, 600} {
		boosted := planned
		boosted.Boosts = []Boost{{From: day(2, 9, 0), To: day(2, 9, 0).Add(time.Duration(minutes) * time.Minute)}}
		b := regOf(7, &boosted, householdOf(zone))
		put := chargeKW * float64(minutes) / 60
		want := max(plan-put, 0)
		if got := b.charged(tonight) - b.boosted(tonight.end) + b.boosted(tonight.start); math.Abs(got-want) > 1e-9 {
			t.Errorf("boosted %d minutes (%.2f kWh): tonight drew %v kWh, want %v", minutes, put, got, want)
		}
		if runs, was := b.chargeRuns(tonight.start, tonight.end), p.chargeRuns(tonight.start, tonight.end); want == 0 && len(runs) != 0 || len(runs) > len(was) {
			t.Errorf("boosted %d minutes: tonight dispatched %v, planned %v", minutes, runs, was)
		}
		if got, w := b.drawn(week)-p.drawn(week), put-(plan-want); math.Abs(got-w) > 1e-9 {
			t.Errorf("boosted %d minutes: the week drew %v kWh more, want %v", minutes, got, w)
		}
		next := span{start: day(3, 23, 30), end: day(4, 5, 30)}
		if got, w := b.charged(next), p.charged(next); got != w {
			t.Errorf("boosted %d minutes: the next night drew %v kWh, its plan %v", minutes, got, w)
		}
		mustGrow(t, fmt.Sprintf("boosted %d minutes", minutes), b, week.start, week.end)
	}
}

// TestSuspendedMidNightChargesTheRestAtOnce suspends a smart-charged car's control at
// 00:10 to 10:00 on 3 December, within the night that began at 23:30: the plan's runs before
// 00:30 are dispatched, the rest of the night's energy drawn at once from 00:30 at 7 kW
// and no dispatch; the night, and the week, draw what the plan would have.
func TestSuspendedMidNightChargesTheRestAtOnce(t *testing.T) {
	zone, day, planned := smartCar()
	suspended := planned
	suspended.Suspended = []Boost{{From: day(3, 0, 10), To: day(3, 10, 0)}}
	p, s := regOf(7, &planned, householdOf(zone)), regOf(7, &suspended, householdOf(zone))
	tonight := span{start: day(2, 23, 30), end: day(3, 5, 30)}
	cut := day(3, 0, 30)
	if got, want := s.charged(tonight), p.charged(tonight); math.Abs(got-want) > 1e-9 || want <= 0 {
		t.Errorf("the night drew %v kWh suspended, %v planned", got, want)
	}
	if got, want := s.charged(span{start: tonight.start, end: cut}), p.charged(span{start: tonight.start, end: cut}); math.Abs(got-want) > 1e-9 {
		t.Errorf("before 00:30: %v kWh suspended, %v planned", got, want)
	}
	rest := p.charged(span{start: cut, end: tonight.end})
	if got := s.charged(span{start: cut, end: cut.Add(slot)}); math.Abs(got-min(rest, chargeKW/2)) > 1e-9 {
		t.Errorf("00:30–01:00 drew %v kWh suspended, the rest of the plan being %v", got, rest)
	}
	for _, r := range s.chargeRuns(tonight.start, tonight.end) {
		if r.end.After(cut) {
			t.Errorf("a run dispatched after the suspension: %v–%v", r.start, r.end)
		}
	}
	if runs := s.uncontrolledRuns(tonight.start, tonight.end); rest > 0 && (len(runs) != 1 || !runs[0].start.Equal(cut)) {
		t.Errorf("the uncontrolled runs %v, the rest %v kWh", runs, rest)
	}
	week := span{start: day(1, 0, 0), end: day(8, 0, 0)}
	if got, want := s.over(week), p.over(week); math.Abs(got-want) > 1e-9 {
		t.Errorf("the week drew %v kWh suspended, %v planned", got, want)
	}
}

// smartCar is a household's meter in London whose car charges under smart control in
// the night from 23:30, from a year before December 2026, and day, a time in December.
func smartCar() (*time.Location, func(d, h, m int) time.Time, Meter) {
	zone, _ := time.LoadLocation("Europe/London")
	day := func(d, h, m int) time.Time { return time.Date(2026, 12, d, h, m, 0, 0, zone) }
	night := OffPeak{From: -30 * time.Minute, To: 5*time.Hour + 30*time.Minute, Share: 7.0 / 24}
	return zone, day, Meter{Register: "21L4381927", PerHalfHour: 0.23, Charging: ChargeSpan{From: day(1, 0, 0).AddDate(-1, 0, 0), Night: night}, OffPeaks: always(night)}
}

// mustGrow fails t unless register r only grows, half hour by half hour, from from to to.
func mustGrow(t *testing.T, what string, r meterReg, from, to time.Time) {
	t.Helper()
	prev := r.at(from)
	for at := from.Add(slot); at.Before(to); at = at.Add(slot) {
		if v := r.at(at); v < prev-1e-9 {
			t.Fatalf("%s, %v: the register fell from %v to %v", what, at, prev, v)
		}
		prev = max(prev, r.at(at))
	}
}

// TestNightsChargeToTheMorningsTargets charges a smart-charged car with a 57.5 kWh
// battery for four weeks, its weekend target below its weekdays', lowered to 20% on 10
// December and raised to 100% on 17 December: each night draws what takes the car from its charge at the
// night's start to the next morning's target, nothing where it is above that, no more
// than the night's half hours at 7 kW where the target is out of reach; the car's charge
// moves from night to night by what the nights and boosts put in and the days drove; the
// meter draws exactly the nights' charges; readings before the change are as they were.
func TestNightsChargeToTheMorningsTargets(t *testing.T) {
	zone, day, m := smartCar()
	week := [7]float64{60, 85, 85, 85, 85, 85, 60}
	m.Battery = Battery{KWh: 57.5, Mornings: []Mornings{{Percent: week}}}
	before := regOf(7, &m, householdOf(zone))
	changed := m
	changed.Battery.Mornings = append(changed.Battery.Mornings, Mornings{From: day(10, 12, 0), Percent: [7]float64{20, 20, 20, 20, 20, 20, 20}},
		Mornings{From: day(17, 12, 0), Percent: [7]float64{100, 100, 100, 100, 100, 100, 100}})
	changed.Boosts = []Boost{{From: day(22, 9, 0), To: day(22, 10, 0)}}
	r := regOf(7, &changed, householdOf(zone))
	c := r.car
	n0, _ := c.nightOf(r.home, slotOf(day(1, 12, 0)))
	full := float64(c.hours) * chargeKW / 2
	var nights float64
	reached, short, idle := 0, 0, 0
	for n := n0; n < n0+28; n++ {
		start := registerOrigin.Add(time.Duration(c.nightStart(r.home, n)) * slot)
		next := registerOrigin.Add(time.Duration(c.nightStart(r.home, n+1)) * slot)
		kwh := r.charged(span{start: start, end: start.Add(time.Duration(c.hours) * slot)})
		s, top := c.atStart(r.series, n), c.top(n)
		switch {
		case s >= top:
			idle++
			if kwh != 0 {
				t.Errorf("night %v: at %.2f kWh over its target %.2f, it drew %v", start, s, top, kwh)
			}
		case top-s > full:
			short++
			if math.Abs(kwh-full) > 1e-9 {
				t.Errorf("night %v: %.2f kWh short of its target, it drew %v, not the night's %v", start, top-s, kwh, full)
			}
		default:
			reached++
			if math.Abs(s+kwh-top) > 1e-9 {
				t.Errorf("night %v: from %.2f kWh it drew %v, its target %.2f", start, s, kwh, top)
			}
		}
		boosted := r.boosted(next) - r.boosted(start)
		if got, want := c.atStart(r.series, n+1), s+kwh+boosted-c.nightKWh(r.series, n+1); math.Abs(got-want) > 1e-9 {
			t.Errorf("night %v: the next began at %v kWh, this at %v, drawing %v, boosts %v", start, got, s, kwh, boosted)
		}
		nights += kwh
		if start.Before(day(10, 12, 0)) {
			if was := before.charged(span{start: start, end: next}); was != r.charged(span{start: start, end: next}) {
				t.Errorf("night %v: drew %v before the targets changed, %v after", start, was, r.charged(span{start: start, end: next}))
			}
		}
	}
	if reached == 0 || short == 0 || idle == 0 {
		t.Errorf("nights reaching their targets %d, short of them %d, over them %d: the walk wants each", reached, short, idle)
	}
	from := registerOrigin.Add(time.Duration(c.nightStart(r.home, n0)) * slot)
	to := registerOrigin.Add(time.Duration(c.nightStart(r.home, n0+28)) * slot)
	plain := m
	plain.Charging = ChargeSpan{}
	alone := regOf(7, &plain, householdOf(zone))
	if got, want := r.over(span{start: from, end: to})-alone.over(span{start: from, end: to}), nights+r.boosted(to)-r.boosted(from); math.Abs(got-want) > 1e-6 {
		t.Errorf("the meter drew %v kWh more than the household alone, the nights and boosts %v", got, want)
	}
	mustGrow(t, "targets", r, from, to)
}
