package world

import (
	"math"
	"time"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/krakensim/krakensim/sim/graphql"
)

// A car's state of charge (newer SDLs' status { stateOfCharge { value } }) and the power
// it charges at (chargePointPowerOutput) follow from its household: it is at the target
// its preferences set for the morning, short of the limit its own settings put on its
// charge, once the night's smart charge is done, drains as it is driven through the day
// by what the next night puts back, and rises by what it draws, a boost too. It charges
// at the lesser of its charger's power and its own.

// carLeaf is a numeric leaf of device dev or its parts that says its state of charge
// in percent or the power it charges at in kW, from the household's plan; ok is false
// for another leaf, or a device whose owner state does not know.
func (g *Generator) carLeaf(env *Env, f *graphql.Field, named *ast.Definition, dev map[string]any) (any, bool) {
	if f.Definition.Type.Elem != nil || !isNumeric(g.schema, named.Name) {
		return nil, false
	}
	ws, pws := words(f.Name), words(f.ParentType)
	switch {
	case hasWord(ws, "charge") && hasWord(ws, "power") && g.roles.isDevice(f.ParentType) && !hasWord(pws, "heat"):
		owner := g.devOwner(env, dev)
		devs, ok := g.ownerDevices(env, owner)
		if !ok {
			return nil, false
		}
		return renderNumber(named, g.chargeKW(devs, g.unregistered(env, owner)), 2), true
	case !hasWord(ws, "limit", "target", "minimum", "maximum", "min", "max") && !hasWord(pws, "limit") &&
		(hasWord(ws, "state") && hasWord(ws, "charge") || hasWord(pws, "state") && hasWord(pws, "charge") && (f.Name == "value" || hasWord(ws, "soc", "percentage"))):
		if soc, ok := g.stateOfCharge(env, dev); ok {
			return renderNumber(named, soc, 0), true
		}
	}
	return nil, false
}

// devOwner is the owner arguments of device dev, as its device list names them.
func (g *Generator) devOwner(env *Env, dev map[string]any) map[string]any {
	return g.deviceOwner(env, dev["__typename"].(string), dev[metaKey].(*meta).id)
}

// stateOfCharge is car dev's charge in percent now, counted on from the last 07:00
// where the tenant is, when it was at the target its preferences set for that morning
// (at most its limit): up by what it has drawn since (the night's smart charge, a
// boost, a charge from plug-in), down by the part driven so far of what the night
// after that morning puts back, driven through the day's twelve hours; false for a
// device with no battery its maker states or no target.
func (g *Generator) stateOfCharge(env *Env, dev map[string]any) (float64, bool) {
	now := g.now(env)
	mk, md := g.deviceProduct(dev)
	spec, ok := g.faker.SpecOf(dev["__typename"].(string), "", mk, md)
	if !ok || spec.CapacityKWh <= 0 {
		return 0, false
	}
	local := now.In(g.zone())
	morning := time.Date(local.Year(), local.Month(), local.Day(), 7, 0, 0, 0, local.Location())
	if local.Before(morning) {
		morning = morning.AddDate(0, 0, -1)
	}
	target, ok := g.targetSoc(env, dev, morning)
	if !ok {
		return 0, false
	}
	limit := g.socLimit(env, dev)
	top := min(target, limit)
	m, ok := g.chargingMeter(env, g.devOwner(env, dev), g.OwnerArgs())
	if !ok || m.reg(g.zone()).car == nil {
		return math.Round(top), true
	}
	reg := m.reg(g.zone())
	evening := morning.Add(dayDriven)
	driven := reg.car.nightKWh(reg.series, reg.car.nightFrom(reg.home, evening)) * min(float64(now.Sub(morning))/float64(dayDriven), 1)
	soc := top + (reg.charged(span{start: morning, end: now})-driven)/spec.CapacityKWh*100
	return math.Round(min(max(soc, 0), limit)), true
}

// dayDriven is how long after 07:00 a car is driven through the day, down by what the
// night after puts back.
const dayDriven = 12 * time.Hour
