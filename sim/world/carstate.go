package world

import (
	"math"
	"time"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/krakensim/krakensim/sim/graphql"
)

// A car's state of charge (newer SDLs' status { stateOfCharge { value } }) and the power
// it charges at (chargePointPowerOutput) follow from its household: it reaches the
// target its preferences set for the day, short of the limit its own settings put on
// its charge, by the end of the night's smart charge, and drains as it is driven
// through the day; during the night it is short of that by what the plan has still to
// put in. It charges at the lesser of its charger's power and its own.

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

// stateOfCharge is car dev's charge in percent now: the target its preferences set for
// the morning (the next one, from 19:00), at most its limit, less, in the evening and
// night (19:00 to 07:00 where the tenant is), what the
// car has still to draw before morning, and, in the day, the part of the coming
// night's charge it has been driven down by so far; false for a device with no battery
// its maker states or no target.
func (g *Generator) stateOfCharge(env *Env, dev map[string]any) (float64, bool) {
	now := g.now(env)
	mk, md := g.deviceProduct(dev)
	spec, ok := g.faker.SpecOf(dev["__typename"].(string), "", mk, md)
	if !ok || spec.CapacityKWh <= 0 {
		return 0, false
	}
	local := now.In(g.zone())
	morning := time.Date(local.Year(), local.Month(), local.Day(), 7, 0, 0, 0, local.Location())
	evening := morning.Add(dayDriven)
	due := now // the morning whose target the night's charge is for
	if !local.Before(evening) {
		due = morning.AddDate(0, 0, 1)
	}
	target, ok := g.targetSoc(env, dev, due)
	if !ok {
		return 0, false
	}
	top := min(target, g.socLimit(env, dev))
	m, ok := g.chargingMeter(env, g.devOwner(env, dev), g.OwnerArgs())
	if !ok {
		return math.Round(top), true
	}
	reg := m.reg(g.zone())
	var short float64
	switch {
	case local.Before(morning):
		short = reg.charged(span{start: now, end: morning})
	case !local.Before(evening):
		short = reg.charged(span{start: now, end: morning.AddDate(0, 0, 1)})
	default:
		owed := reg.charged(span{start: evening, end: morning.AddDate(0, 0, 1)})
		short = owed * float64(now.Sub(morning)) / float64(dayDriven)
	}
	return math.Round(min(max(top-short/spec.CapacityKWh*100, 0), 100)), true
}

// dayDriven is how long after 07:00 a car is driven through the day, down by what the
// night after puts back.
const dayDriven = 12 * time.Hour
