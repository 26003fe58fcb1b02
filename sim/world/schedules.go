package world

import (
	"maps"
	"slices"
	"strconv"
	"time"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/krakensim/krakensim/sim/fake"
	"github.com/krakensim/krakensim/sim/graphql"
)

// A device's schedule of the week (newer SDLs' preferences { schedules { dayOfWeek time
// max } }) states, day by day, what its charging preferences state for weekdays and
// weekends: the time a day's charge is due by and the charge it is due to reach. A
// schedule written to it (setDevicePreferences) sets those preferences, which the plan,
// boosts and the older fields read, so that every field and client agrees.

// scheduleRole is a list item type that holds a day of a week's schedule: the field
// naming its day (an enum of the week's days), the time, the most and least, and the
// limit on the most.
type scheduleRole struct {
	typ, day, at, most, least string
	// upper is the field of the level a vehicle-to-grid car's charge must never exceed
	// (upperLimit), "" for none; null for the cars of the world, which do not send power back.
	upper string
}

// weekdays are the days of a week, as a day enum names them, Monday first.
var weekdays = []string{"MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"}

// schedule is the day schedule objects of type typ are; nil for another type.
func (r *Roles) schedule(typ string) *scheduleRole {
	return r.schedules.get(typ, func() *scheduleRole {
		def := r.schema.Types[typ]
		if def == nil || def.Kind != ast.Object {
			return nil
		}
		sr := &scheduleRole{typ: typ}
		for _, f := range def.Fields {
			if f.Type.Elem != nil {
				continue
			}
			ws := words(f.Name)
			switch {
			case sr.day == "" && r.hasEnumValues(f, weekdays...):
				sr.day = f.Name
			case sr.at == "" && hasWord(ws, "time") && (f.Type.Name() == "Time" || f.Type.Name() == "String"):
				sr.at = f.Name
			case sr.most == "" && isNumeric(r.schema, f.Type.Name()) && hasWord(ws, "max", "maximum"):
				sr.most = f.Name
			case sr.least == "" && isNumeric(r.schema, f.Type.Name()) && hasWord(ws, "min", "minimum"):
				sr.least = f.Name
			case sr.upper == "" && isNumeric(r.schema, f.Type.Name()) && hasWord(ws, "upper") && hasWord(ws, "limit"):
				sr.upper = f.Name
			}
		}
		if sr.day == "" || sr.at == "" || sr.most == "" {
			return nil
		}
		return sr
	})
}

// dayKind is the word a device's preferences name a day's kind by.
func dayKind(day string) string {
	if day == "SATURDAY" || day == "SUNDAY" {
		return "weekend"
	}
	return "weekday"
}

// daySchedules are the days of device dev's week as a list of schedule items of role sr
// answers them: each day's target time and charge (dayValue); ok is false when the
// device states no target.
func (g *Generator) daySchedules(env *Env, f *graphql.Field, sr *scheduleRole, dev map[string]any) ([]map[string]any, bool) {
	def := g.schema.Types[sr.typ]
	ats, socs, ok := g.week(env, dev)
	if !ok {
		return nil, false
	}
	out := make([]map[string]any, 0, len(weekdays))
	for i, day := range weekdays {
		at, soc := ats[i], socs[i]
		it := g.entity(env, sr.typ, graphql.FieldKey(f.Key, day, ""), "", nil, tenseNone)
		it[sr.day] = day
		it[sr.at] = asTimeOf(at, def.Fields.ForName(sr.at).Type.Name())
		it[sr.most] = renderNumber(g.schema.Types[def.Fields.ForName(sr.most).Type.Name()], soc, 0)
		if sr.least != "" {
			if ld := def.Fields.ForName(sr.least); ld.Type.NonNull {
				it[sr.least] = renderNumber(g.schema.Types[ld.Type.Name()], 0, 0)
			} else {
				it[sr.least] = nil
			}
		}
		if sr.upper != "" {
			it[sr.upper] = nil
		}
		it[metaKey].(*meta).pos = i + 1
		out = append(out, it)
	}
	return out, true
}

// weekKey holds, beside what was written of a device, the week a schedule written to it
// set day by day (daySet, by day), which its kind of day's preferences, able to state
// only one day of each kind, do not.
const weekKey = "\x00week"

// daySet is a day of a week's schedule as written: its time and charge, and its kind of
// day's as the preferences stated them then; a later write to those overrides it.
type daySet struct {
	at, kindAt   string
	soc, kindSoc float64
}

// writtenWeek is the week last written day by day to device dev, by day; nil for none.
func (g *Generator) writtenWeek(env *Env, dev map[string]any) map[string]daySet {
	cur := map[string]any{}
	env.Store.written(graphql.FieldKey(dev[metaKey].(*meta).key, weekKey, ""), cur)
	w, _ := cur[weekKey].(map[string]daySet)
	return w
}

// dayValue is the time and charge in percent device dev's preferences set for a day of
// the week (MONDAY): as a schedule last set it, unless its kind of day's preferences
// were written since, else as they state it; ok is false when they set none.
func (g *Generator) dayValue(env *Env, dev map[string]any, day string) (at string, soc float64, ok bool) {
	at, soc, ok = g.dayTarget(env, dev, dayKind(day))
	if !ok {
		return "", 0, false
	}
	at, soc = asSet(g.writtenWeek(env, dev), day, at, soc)
	return at, soc, true
}

// week is the time and charge in percent device dev's preferences set for each day of
// the week, Monday first (dayValue); ok is false when they set none.
func (g *Generator) week(env *Env, dev map[string]any) (at [7]string, soc [7]float64, ok bool) {
	wAt, wSoc, ok1 := g.dayTarget(env, dev, "weekday")
	eAt, eSoc, ok2 := g.dayTarget(env, dev, "weekend")
	if !ok1 || !ok2 {
		return at, soc, false
	}
	set := g.writtenWeek(env, dev)
	for i, day := range weekdays {
		if dayKind(day) == "weekend" {
			at[i], soc[i] = asSet(set, day, eAt, eSoc)
		} else {
			at[i], soc[i] = asSet(set, day, wAt, wSoc)
		}
	}
	return at, soc, true
}

// asSet is a day's time and charge as the week set day by day says them, where its kind
// of day still states at and soc, as it did then; at and soc themselves otherwise.
func asSet(set map[string]daySet, day, at string, soc float64) (string, float64) {
	if d, ok := set[day]; ok && d.kindAt == at && d.kindSoc == soc {
		return d.at, d.soc
	}
	return at, soc
}

// asTimeOf is a time of day hh:mm[:ss] as a leaf of the scalar named answers it: a Time
// to the second.
func asTimeOf(at, named string) string {
	if named == "Time" && len(at) == 5 {
		return at + ":00"
	}
	return at
}

// dayTarget is the time and charge in percent device dev's preferences set for a kind of
// day (weekday, weekend); ok is false when they set none.
func (g *Generator) dayTarget(env *Env, dev map[string]any, kind string) (at string, soc float64, ok bool) {
	charge, ready, ok := g.roles.dayLeaves(dev["__typename"].(string), kind)
	if !ok {
		return "", 0, false
	}
	v, ok1, err1 := g.partLeaf(env, dev, charge.path, charge.leaf)
	t, ok2, err2 := g.partLeaf(env, dev, ready.path, ready.leaf)
	soc, isNum := toFloat(v)
	at, isText := t.(string)
	if !ok1 || !ok2 || err1 != nil || err2 != nil || !isNum || !isText || len(at) < 5 {
		return "", 0, false
	}
	return at, soc, true
}

// dayLeaves are where device type typ states the target charge of a kind of day
// (weekday, weekend) and the time it is due by, each the day's or, where it has none of
// the day's, any; ok is false when it states either not at all.
func (r *Roles) dayLeaves(typ, kind string) (charge, ready leafPath, ok bool) {
	charge.path, charge.leaf = r.deviceLeaf(typ, leafOfTarget+" "+kind)
	ready.path, ready.leaf = r.deviceLeaf(typ, leafOfReady+" "+kind)
	return charge, ready, charge.leaf != "" && ready.leaf != ""
}

// writeSchedule sets, from the schedule sched a mutation gives device dev (items of
// role sr), each day it names (a day it does not name keeps its own), and the targets
// its preferences state: a weekday's from the first weekday the schedule names, a
// weekend's from the first weekend day; none from one in a unit other than a
// percentage; false when the device states no target to set.
func (g *Generator) writeSchedule(env *Env, dev map[string]any, sr *scheduleRole, sched []any, percent bool) bool {
	typ := dev["__typename"].(string)
	if _, _, ok := g.roles.dayLeaves(typ, "weekday"); !ok {
		return false
	}
	ats, socs, ok := g.week(env, dev)
	if !ok {
		return true
	}
	week := make(map[string]daySet, len(weekdays))
	for i, day := range weekdays {
		week[day] = daySet{at: ats[i], soc: socs[i]}
	}
	done, named := map[string]bool{}, false
	for _, d := range sched {
		item, _ := d.(map[string]any)
		day, _ := item[sr.day].(string)
		if !percent || !slices.Contains(weekdays, day) {
			continue
		}
		named = true
		ds := week[day]
		if soc, ok := toFloat(item[sr.most]); ok {
			ds.soc = soc
		}
		if at, ok := item[sr.at].(string); ok {
			if c, ok := clockOf(at); ok {
				ds.at = time.Time{}.Add(c).Format("15:04:05")
			}
		}
		week[day] = ds
		kind := dayKind(day)
		if done[kind] {
			continue
		}
		done[kind] = true
		charge, ready, _ := g.roles.dayLeaves(typ, kind)
		g.writePartLeaf(env, dev, charge, ds.soc)
		g.writePartLeaf(env, dev, ready, ds.at)
	}
	if !named {
		return true
	}
	for day, ds := range week {
		ds.kindAt, ds.kindSoc, _ = g.dayTarget(env, dev, dayKind(day))
		week[day] = ds
	}
	env.Store.write(graphql.FieldKey(dev[metaKey].(*meta).key, weekKey, ""), map[string]any{weekKey: week})
	return true
}

// writePartLeaf writes v as the leaf at lp below device dev, as a leaf of its type
// answers it (a time of day hh:mm to the second), where a mutation's values for the
// part are kept, and to the objects that restate it; nothing when there is no such part.
func (g *Generator) writePartLeaf(env *Env, dev map[string]any, lp leafPath, v any) {
	p, err := g.partOf(env, dev, lp.path)
	if p == nil || err != nil {
		return
	}
	ld := g.schema.Types[p["__typename"].(string)].Fields.ForName(lp.leaf)
	named := g.schema.Types[ld.Type.Name()]
	switch x := v.(type) {
	case float64:
		v = renderNumber(named, x, 0)
	case string:
		if at, ok := clockOf(x); ok {
			v = time.Time{}.Add(at).Format("15:04:05")
		}
	}
	key := dev[metaKey].(*meta).key // where a mutation's write to the part lands (write)
	for _, step := range lp.path {
		key = graphql.FieldKey(key, step, "")
	}
	env.Store.write(key, map[string]any{lp.leaf: v})
	p[lp.leaf] = v
	g.writeMirrors(env, dev, lp.path, lp.leaf, v)
}

// writeMirrors writes v, the leaf name of the part at path below device dev, to the
// objects of its owner's that restate that part (vehicleChargingPreferences(accountNumber:)),
// where a mutation acting on the owner keeps their values, so that they read it too.
func (g *Generator) writeMirrors(env *Env, dev map[string]any, path []string, name string, v any) {
	if len(path) != 1 {
		return
	}
	owner := g.devOwner(env, dev)
	names := slices.Sorted(maps.Keys(owner))
	scope := ownerScope(owner, names)
	if scope == "" {
		return
	}
	for _, t := range g.roles.owners().types {
		for _, m := range g.roles.mirrorOf(t) {
			if m.device != dev["__typename"] {
				continue
			}
			for leaf, at := range m.leaves {
				if at[0] == path[0] && at[1] == name {
					ld := g.schema.Types[t].Fields.ForName(leaf)
					env.Store.write(g.ownedKey(env, scope, t), map[string]any{leaf: asType(v, g.schema.Types[ld.Type.Name()])})
				}
			}
		}
	}
}

// listedDevice is the device of type typ and id as its owner's device list answers it;
// nil when state declares no such device.
func (g *Generator) listedDevice(env *Env, typ, id string) map[string]any {
	devs, ok := g.ownerDevices(env, g.deviceOwner(env, typ, id))
	if !ok {
		return nil
	}
	for _, d := range devs {
		if d["__typename"] == typ && d[metaKey].(*meta).id == id {
			return d
		}
	}
	return nil
}

// scheduled writes the schedules a mutation's input gives device dev (a week's days, to
// its preferences) as the targets its preferences state, and returns values without
// them; values itself when it gives none or the device states no target.
func (g *Generator) scheduled(env *Env, dev map[string]any, in map[string]any, values map[string]*ast.Type) map[string]*ast.Type {
	percent := inPercent(in) // bounds in °C set no charge in percent
	def := g.schema.Types[dev["__typename"].(string)]
	out := values
	for name := range values {
		sched, isList := in[name].([]any)
		if !isList {
			continue
		}
		for _, pf := range def.Fields {
			pd := g.roles.objectOf(pf)
			if pd == nil {
				continue
			}
			for _, p := range g.roles.possible(pd.Name) {
				lf := g.schema.Types[p].Fields.ForName(name)
				if lf == nil || lf.Type.Elem == nil {
					continue
				}
				if sr := g.roles.schedule(lf.Type.Name()); sr != nil && g.writeSchedule(env, dev, sr, sched, percent) {
					if len(out) == len(values) {
						out = maps.Clone(values)
					}
					delete(out, name)
				}
			}
		}
	}
	return out
}

// preferenceWords are, by what a device's preferences are for (a car's charge, a heat
// pump's heat), the enum values its preferences' settings take: its mode, the unit of
// its schedule's bounds and the kind of its target.
var preferenceWords = map[string][]string{
	"charge": {"CHARGE", "PERCENTAGE", "ABSOLUTE_STATE_OF_CHARGE"},
	"heat":   {"HEAT", "CELSIUS", "ABSOLUTE_TEMPERATURE"},
}

// preferenceLeaf is an enum leaf of device dev's preferences, the part that holds its
// week's schedule: what it is for (CHARGE, in PERCENTAGE, to an ABSOLUTE_STATE_OF_CHARGE
// for a car or its charger; HEAT, in CELSIUS, for a heat pump), and a cap on how long it
// charges that is not set (DISABLED); ok is false for another leaf.
func (g *Generator) preferenceLeaf(f *graphql.Field, named *ast.Definition, dev map[string]any) (string, bool) {
	if named.Kind != ast.Enum || !g.holdsSchedule(f.ParentType) {
		return "", false
	}
	use := preferenceUse(dev["__typename"].(string))
	if use == "" {
		return "", false
	}
	if hasWord(words(f.Name), "capped") {
		if use == "charge" && named.EnumValues.ForName("DISABLED") != nil {
			return "DISABLED", true
		}
		return "", false
	}
	for _, v := range preferenceWords[use] {
		if named.EnumValues.ForName(v) != nil {
			return v, true
		}
	}
	return "", false
}

// preferenceUse is what the preferences of a device of type typ are for: "charge" for a
// car or its charger, "heat" for a heat pump; "" for another.
func preferenceUse(typ string) string {
	for _, w := range uniqueWords(typ) {
		switch w {
		case "vehicle", "charge", "charger":
			return "charge"
		case "heat":
			return "heat"
		}
	}
	return ""
}

// holdsSchedule reports whether objects of type typ hold a week's schedule.
func (g *Generator) holdsSchedule(typ string) bool {
	def := g.schema.Types[typ]
	return def != nil && slices.ContainsFunc(def.Fields, func(f *ast.FieldDefinition) bool {
		return f.Type.Elem != nil && g.roles.schedule(f.Type.Name()) != nil
	})
}

// preferenceSetting is a device's preference setting (preferenceSetting: the mode, unit
// and bounds its schedule takes), for a device whose preferences state a charge in
// percent: the bounds setDevicePreferences holds to, a charge from 0 to 100% and a time
// from 04:00 to 11:00 on the hour or half hour; nil for another device, whose bounds
// the world does not know.
func (g *Generator) preferenceSetting(typ, id string, fd *ast.FieldDefinition) any {
	tr := g.roles.typ(typ)
	if _, _, ok := g.roles.dayLeaves(typ, "weekday"); !ok || tr == nil {
		return nil
	}
	setting := g.implementation(fd.Type.Name())
	if setting == nil {
		return nil
	}
	sf := setting.Fields.ForName("scheduleSettings")
	if sf == nil {
		return nil
	}
	item := g.implementation(sf.Type.Name())
	if item == nil {
		return nil
	}
	h := fake.HashStrings("preference setting", id)
	return map[string]any{
		"__typename": setting.Name, "id": int(h % 90000000), "deviceType": tr.agree["deviceType"], "mode": "CHARGE", "unit": "PERCENTAGE",
		"scheduleSettings": []any{map[string]any{"__typename": item.Name, "id": int(h/90000000%90000000) + 1,
			"min": strconv.Itoa(minChargePercent), "max": strconv.Itoa(maxChargePercent), "step": "1", "timeFrom": "04:00:00", "timeTo": "11:00:00", "timeStep": int(slot / time.Minute)}},
	}
}

// minChargePercent and maxChargePercent bound the charge a car's preferences may set
// (preferenceSetting's scheduleSettings), which its chargingPreferences' minimumSoc and
// maximumSoc state.
const (
	minChargePercent = 0
	maxChargePercent = 100
)

// implementation is the object type named, or the first object implementing the
// interface named; nil for neither.
func (g *Generator) implementation(name string) *ast.Definition {
	def := g.schema.Types[name]
	switch {
	case def == nil:
		return nil
	case def.Kind == ast.Object:
		return def
	case def.Kind == ast.Interface:
		if ps := g.schema.GetPossibleTypes(def); len(ps) > 0 {
			return ps[0]
		}
	}
	return nil
}
