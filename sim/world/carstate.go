package world

import (
	"math"
	"time"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/krakensim/krakensim/sim/fake"
	"github.com/krakensim/krakensim/sim/graphql"
)

// A car's state of charge (newer SDLs' status { stateOfCharge { value } }) and the power
// it charges at (chargePointPowerOutput) follow from its household: it is at the target
// its preferences set for the morning, short of the limit its own settings put on its
// charge, once the night's smart charge is done, drains as it is driven through the day
// by what the next night puts back, and rises by what it draws, a boost too. It charges
// at the lesser of its charger's power and its own.

// carLeaf is a leaf of device dev or its parts that says its state of charge in percent
// and when it is of (now), or the power it charges at in kW, from the household's plan;
// ok is false for another leaf, or a device whose owner state does not know.
func (g *Generator) carLeaf(env *Env, f *graphql.Field, named *ast.Definition, dev map[string]any) (any, bool) {
	if f.Definition.Type.Elem != nil {
		return nil, false
	}
	ws, pws, pfs := words(f.Name), words(f.ParentType), parentFieldWords(f)
	socPart := (hasWord(pws, "state") && hasWord(pws, "charge") || hasWord(pfs, "state") && hasWord(pfs, "charge")) && !hasWord(pws, "limit") && !hasWord(pfs, "limit")
	powerPart := hasWord(pfs, "active") && hasWord(pfs, "power") // a reading of it (activePower: DecimalReading)
	if socPart || powerPart {
		// The time its state of charge or power is of: now, as the car reports it.
		if tf := g.faker.TimeFormatOf(f.ParentType, f.Name, named); tf != fake.NotTime {
			if _, ok := g.targetSoc(env, dev, g.now(env)); ok && g.capacityOf(dev) > 0 { // as chargeNow knows it
				return g.faker.FormatTime(g.now(env).Truncate(time.Minute), tf, named), true
			}
			return nil, false
		}
	}
	if !isNumeric(g.schema, named.Name) {
		return nil, false
	}
	switch {
	case powerPart && f.Name == "value" || hasWord(ws, "active") && hasWord(ws, "power") && g.roles.isDevice(f.ParentType):
		if kw, ok := g.powerNow(env, dev); ok {
			return renderNumber(named, kw, 3), true
		}
	case hasWord(ws, "charge") && hasWord(ws, "power") && g.roles.isDevice(f.ParentType) && !hasWord(pws, "heat"):
		owner := g.devOwner(env, dev)
		devs, ok := g.ownerDevices(env, owner)
		if !ok {
			return nil, false
		}
		return renderNumber(named, g.chargeKW(devs, g.unregistered(env, owner)), 2), true
	case !hasWord(ws, "limit", "target", "minimum", "maximum", "min", "max") && !hasWord(pws, "limit") &&
		(hasWord(ws, "state") && hasWord(ws, "charge") || socPart && (f.Name == "value" || hasWord(ws, "soc", "percentage"))):
		if soc, ok := g.stateOfCharge(env, dev); ok {
			return renderNumber(named, soc, 0), true
		}
	}
	return nil, false
}

// parentFieldWords are the words of the name its parent object answers under in the
// response (stateOfCharge, of a reading type shared by several fields); none at the root.
func parentFieldWords(f *graphql.Field) []string {
	if len(f.Path) < 2 {
		return nil
	}
	name, _ := f.Path[len(f.Path)-2].(string)
	return words(name)
}

// powerNow is the power in kW car dev draws now, as its household's meter measures its
// charge over this minute (0 while it is not charging); false where the owner's meter
// charges no car.
func (g *Generator) powerNow(env *Env, dev map[string]any) (float64, bool) {
	m, ok := g.chargingMeter(env, g.devOwner(env, dev), g.OwnerArgs())
	if !ok {
		return 0, false
	}
	now := g.now(env)
	return m.reg(g.zone()).charged(span{start: now, end: now.Add(time.Minute)}) * 60, true
}

// devOwner is the owner arguments of device dev, as its device list names them.
func (g *Generator) devOwner(env *Env, dev map[string]any) map[string]any {
	return g.deviceOwner(env, dev["__typename"].(string), dev[metaKey].(*meta).id)
}

// stateOfCharge is car dev's charge in percent now, as its household's meter has it
// (chargeNow), rounded; false for a device with no battery its maker states or no
// target.
func (g *Generator) stateOfCharge(env *Env, dev map[string]any) (float64, bool) {
	soc, ok := g.chargeNow(env, dev)
	return math.Round(soc), ok
}

// chargeNow is car dev's charge in percent now, at most its limit: what it had when the
// last night's charge began, which its meter's register counts on from the targets its
// preferences set each morning, up by what it drew since (the night's smart charge, a
// boost, a charge from plug-in), down by the part driven so far of what it is driven
// through the day's twelve hours from 07:00 where the tenant is; the target its
// preferences set for the last morning where its meter charges no car; false for a
// device with no battery its maker states or no target.
func (g *Generator) chargeNow(env *Env, dev map[string]any) (float64, bool) {
	now := g.now(env)
	if g.capacityOf(dev) <= 0 {
		return 0, false
	}
	limit := g.socLimit(env, dev)
	m, ok := g.chargingMeter(env, g.devOwner(env, dev), g.OwnerArgs())
	if ok && m.Battery.KWh > 0 {
		reg := m.reg(g.zone())
		if c := reg.car; c != nil {
			k := slotOf(now)
			if n, start := c.nightOf(reg.home, k); n >= c.first && n < c.last {
				began := registerOrigin.Add(time.Duration(start) * slot)
				done := registerOrigin.Add(time.Duration(start+c.hours) * slot).In(g.zone())
				morning := time.Date(done.Year(), done.Month(), done.Day(), 7, 0, 0, 0, done.Location())
				driven := c.nightKWh(reg.series, n+1) * min(max(float64(now.Sub(morning))/float64(dayDriven), 0), 1)
				early := c.before(reg.series, reg.home, start) - c.planned(reg.series, reg.home, start) // charged from plug-in before the night began
				kwh := c.atStart(reg.series, n) + early + reg.charged(span{start: began, end: now}) - driven
				return min(max(kwh/m.Battery.KWh*100, 0), limit), true
			}
		}
	}
	target, ok := g.targetSoc(env, dev, g.lastMorning(now))
	if !ok {
		return 0, false
	}
	return min(max(target, 0), limit), true
}

// lastMorning is the last 07:00 at or before t where the tenant is: the morning a car's
// last night charged it for, from which its day's driving is counted.
func (g *Generator) lastMorning(t time.Time) time.Time {
	local := t.In(g.zone())
	morning := time.Date(local.Year(), local.Month(), local.Day(), 7, 0, 0, 0, local.Location())
	if local.Before(morning) {
		morning = morning.AddDate(0, 0, -1)
	}
	return morning
}

// capacityOf is the capacity in kWh of device dev's battery, as its maker states it; 0
// for none.
func (g *Generator) capacityOf(dev map[string]any) float64 {
	mk, md := g.deviceProduct(dev)
	if spec, ok := g.faker.SpecOf(dev["__typename"].(string), "", mk, md); ok {
		return spec.CapacityKWh
	}
	return 0
}

// dayDriven is how long after 07:00 a car is driven through the day, down by what the
// night after puts back.
const dayDriven = 12 * time.Hour

// morningsKey holds, beside what was written of a device, the targets its preferences
// set for each morning from each time they changed (Mornings), the latest maxBoosts.
const morningsKey = "\x00mornings"

// mornings are the charge in percent car dev's preferences set for each morning of the
// week, by weekday, at most its own limit; false for a device that sets none.
func (g *Generator) mornings(env *Env, dev map[string]any) ([7]float64, bool) {
	var week [7]float64
	_, socs, ok := g.week(env, dev)
	if !ok { // targets without a time they are due by: a weekday's and a weekend's
		wd, ok1 := g.targetSoc(env, dev, time.Date(2026, 1, 7, 12, 0, 0, 0, g.zone())) // a Wednesday
		we, ok2 := g.targetSoc(env, dev, time.Date(2026, 1, 4, 12, 0, 0, 0, g.zone())) // a Sunday
		if !ok1 || !ok2 {
			return week, false
		}
		socs = [7]float64{wd, wd, wd, wd, wd, we, we}
	}
	limit := g.socLimit(env, dev)
	for i, soc := range socs { // Monday first
		week[(i+1)%7] = min(max(soc, 0), limit)
	}
	return week, true
}

// noteMornings keeps, beside the device dev at key, when the targets its preferences set
// each morning changed from before (had: it set some) to what they set now.
func (g *Generator) noteMornings(env *Env, key uint64, dev map[string]any, before [7]float64, had bool) {
	after, ok := g.mornings(env, dev)
	if !ok || had && after == before {
		return
	}
	hk := graphql.FieldKey(key, morningsKey, "")
	cur := map[string]any{}
	env.Store.written(hk, cur)
	history, _ := cur[morningsKey].([]Mornings)
	if len(history) == 0 && had {
		history = []Mornings{{Percent: before}}
	}
	history = append(history[max(len(history)+1-maxBoosts, 0):len(history):len(history)], Mornings{From: g.now(env), Percent: after})
	env.Store.write(hk, map[string]any{morningsKey: history})
}

// battery is the battery of the first of devs, the owner's devices, whose maker states
// one and whose preferences set targets: its capacity and the targets each morning, as
// they were set over time.
func (g *Generator) battery(env *Env, devs []map[string]any) Battery {
	for _, d := range devs {
		kwh := g.capacityOf(d)
		if kwh <= 0 {
			continue
		}
		week, ok := g.mornings(env, d)
		if !ok {
			continue
		}
		cur := map[string]any{}
		env.Store.written(graphql.FieldKey(d[metaKey].(*meta).key, morningsKey, ""), cur)
		history, _ := cur[morningsKey].([]Mornings)
		if len(history) == 0 {
			history = []Mornings{{Percent: week}}
		}
		return Battery{KWh: kwh, Mornings: history}
	}
	return Battery{}
}
