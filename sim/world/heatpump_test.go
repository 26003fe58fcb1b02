package world

import (
	"math"
	"testing"
	"time"
)

// TestHeatPumpIsTheMeters reads two years of a heat pump household's meter half hour by
// half hour: what the heat pump draws is in the meter, on top of the household's own use
// (the meter without it draws the rest), never before it was fitted; it draws more in
// winter than in summer and gives two to five times what it draws; its half hours add
// up to its days and its days to its years, across the blocks it is worked out in; and
// the meter's use between its readings is what they show.
func TestHeatPumpIsTheMeters(t *testing.T) {
	zone, _ := time.LoadLocation("Europe/London")
	fitted := time.Date(2024, 10, 7, 0, 0, 0, 0, zone)
	start, end := time.Date(2024, 10, 1, 0, 0, 0, 0, zone), time.Date(2026, 10, 1, 0, 0, 0, 0, zone)
	hs := HeatSpan{From: fitted, Loss: 0.17, Water: 6}
	with := Meter{Register: "22M0419926", Heating: hs}.In(zone)
	without := Meter{Register: "22M0419926"}.In(zone)
	var before, winter, summer float64
	var year HeatUse
	for at := start; at.Before(end); at = at.Add(slot) {
		next := at.Add(slot)
		all, own, hp := with.reg.drawn(span{start: at, end: next}), without.reg.drawn(span{start: at, end: next}), with.HeatPump(at, next)
		if math.Abs(all-own-hp.In) > 1e-6 {
			t.Fatalf("%v: the meter drew %v kWh, the household %v and the heat pump %v", at, all, own, hp.In)
		}
		if hp.In < 0 || hp.Out < hp.In*1.5-1e-9 || hp.Out > 5*hp.In+1e-9 {
			t.Fatalf("%v: the heat pump drew %v kWh and gave %v", at, hp.In, hp.Out)
		}
		switch {
		case at.Before(fitted):
			before += hp.In
		case at.Month() == time.January:
			winter += hp.In
		case at.Month() == time.July:
			summer += hp.In
		}
		if !at.Before(end.AddDate(-1, 0, 0)) {
			year.In += hp.In
			year.Out += hp.Out
		}
	}
	if before != 0 {
		t.Errorf("the heat pump drew %v kWh before it was fitted", before)
	}
	if winter < 4*summer || summer <= 0 {
		t.Errorf("two Januaries drew %v kWh, two Julys %v", winter, summer)
	}
	whole := with.HeatPump(end.AddDate(-1, 0, 0), end)
	if math.Abs(whole.In-year.In) > 1e-6*year.In || math.Abs(whole.Out-year.Out) > 1e-6*year.Out {
		t.Errorf("a year drew %v and gave %v kWh, its half hours %v and %v", whole.In, whole.Out, year.In, year.Out)
	}
	if cop := whole.COP(); cop < 2.6 || cop > 4 || whole.In < 2000 || whole.In > 6000 {
		t.Errorf("a year drew %v kWh at a COP of %v", whole.In, cop)
	}
	// Readings between which the household and its heat pump drew 0.5 kWh a half hour.
	m := Meter{Register: "22M0419926", Heating: hs, Since: start.AddDate(1, 0, 0), ReadAt: end, Read: 9000, PerHalfHour: 0.5}
	r := m.In(zone)
	if got, want := r.Use(m.Since, m.ReadAt), 0.5*float64(m.ReadAt.Sub(m.Since)/slot); math.Abs(got-want) > 0.01*want {
		t.Errorf("the register drew %v kWh between the readings, which show %v", got, want)
	}
	if got := r.At(end); math.Abs(got-9000) > 1e-6 {
		t.Errorf("the register reads %v at its reading of 9000", got)
	}
}

// TestHeatPumpNowIsItsHalfHour asks a heat pump's power: twice its half hour's energy,
// with the temperature outdoors as everyone has it.
func TestHeatPumpNowIsItsHalfHour(t *testing.T) {
	zone, _ := time.LoadLocation("Europe/London")
	r := Meter{Register: "22M0419926", Heating: HeatSpan{From: time.Date(2024, 10, 7, 0, 0, 0, 0, zone), Loss: 0.17, Water: 6}}.In(zone)
	at := time.Date(2026, 12, 2, 9, 10, 0, 0, zone)
	now, half := r.HeatPumpNow(at), r.HeatPump(at.Truncate(slot), at.Truncate(slot).Add(slot))
	if now.In != 2*half.In || now.Out != 2*half.Out || now.Outdoor != outdoor(at) || now.In <= 0 {
		t.Errorf("at %v it draws %v kW and gives %v at %v °C; its half hour %v and %v kWh", at, now.In, now.Out, now.Outdoor, half.In, half.Out)
	}
}

func BenchmarkHeatPumpRegister(b *testing.B) {
	zone, _ := time.LoadLocation("Europe/London")
	r := Meter{Register: "22M0419926", Heating: HeatSpan{From: time.Date(2023, 10, 7, 0, 0, 0, 0, zone), Loss: 0.17, Water: 6}}.In(zone)
	at := time.Date(2026, 12, 2, 9, 10, 0, 0, zone)
	r.At(at)
	b.ReportAllocs()
	for b.Loop() {
		r.At(at)
	}
}

// TestHeatPumpOffDrawsNothing sets a heat pump's heating off for three days and its
// water off from a day on: those half hours draw only what is left on (the water, then
// nothing), every other half hour what it drew before, and the meter the difference.
func TestHeatPumpOffDrawsNothing(t *testing.T) {
	zone, _ := time.LoadLocation("Europe/London")
	hs := HeatSpan{From: time.Date(2024, 10, 7, 0, 0, 0, 0, zone), Loss: 0.17, Water: 6}
	on := Meter{Register: "22M0419926", Heating: hs}.In(zone)
	offFrom, offTo := time.Date(2026, 11, 10, 8, 0, 0, 0, zone), time.Date(2026, 11, 13, 8, 0, 0, 0, zone)
	waterOff := time.Date(2026, 11, 20, 0, 0, 0, 0, zone)
	hs.Off = []HeatOff{{Space: true, From: offFrom, To: offTo}, {From: waterOff}}
	off := Meter{Register: "22M0419926", Heating: hs}.In(zone)
	for at := time.Date(2026, 11, 1, 0, 0, 0, 0, zone); at.Before(time.Date(2026, 12, 1, 0, 0, 0, 0, zone)); at = at.Add(slot) {
		next := at.Add(slot)
		was, is := on.HeatPump(at, next), off.HeatPump(at, next)
		want := was.In
		switch {
		case !at.Before(waterOff):
			want = was.In - was.WaterIn
		case !at.Before(offFrom) && at.Before(offTo):
			want = was.WaterIn
		}
		if math.Abs(is.In-want) > 1e-9 || math.Abs(on.reg.drawn(span{start: at, end: next})-off.reg.drawn(span{start: at, end: next})-(was.In-is.In)) > 1e-9 {
			t.Fatalf("%v: drew %v kWh, %v with nothing off; want %v", at, is.In, was.In, want)
		}
	}
}
