package world

import (
	"slices"
	"strings"
	"time"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/krakensim/krakensim/sim/fake"
	"github.com/krakensim/krakensim/sim/graphql"
)

// A car's charge as its owner controls it (Intelligent Octopus): a boost charge the
// customer asks for (triggerBoostCharge, updateBoostCharge(action: BOOST)) charges the
// car now, outside the smart plan, as a dispatch of its own ("bump-charge") while its
// devices say BOOSTING, until it is done or cancelled (deleteBoostCharge); and while its
// smart control is suspended (suspendControl), the supplier plans no smart charge.

// A live device's state follows its owner's plan: BOOSTING while a boost is under way,
// SMART_CONTROL_OFF while suspended, SMART_CONTROL_IN_PROGRESS while a planned smart
// charge covers now, and SMART_CONTROL_CAPABLE between them.

// boostKey holds, among what was written of a device's status, the span of the boost
// charge its owner asked for; boostsKey all those it asked for, the latest maxBoosts,
// which its meter measured.
const (
	boostKey  = "\x00boost"
	boostsKey = "\x00boosts"
)

// maxBoosts bounds the boost charges a device keeps for its meter, and the spans its
// smart control was suspended.
const maxBoosts = 50

// suspendsKey holds, among what was written of a device's status, the spans its smart
// control was suspended (the last open while it still is).
const suspendsKey = "\x00suspends"

// boostLength is how long a boost charge lasts at least, when its car's battery is not
// known; it ends on a half hour.
const boostLength = time.Hour

// boostStops are the verbs that end a boost charge.
var boostStops = []string{"delete", "cancel", "stop", "end", "remove", "unboost"}

// boostAsked reports whether a mutation of this name, doing the verbs done, asks for a
// boost charge (on) or ends one.
func boostAsked(name string, done []string) (asked, on bool) {
	if !hasWord(words(name), "boost") && !slices.Contains(done, "boost") {
		return false, false
	}
	for _, v := range done {
		if slices.Contains(boostStops, v) {
			return true, false
		}
	}
	return true, true
}

// controlPart is the field of a device type whose object says whether the device's
// smart control is suspended (status), and that flag (isSuspended); "" for none.
func (g *Generator) controlPart(typ string) (field, flag string) {
	def := g.schema.Types[typ]
	if def == nil {
		return "", ""
	}
	for _, f := range def.Fields {
		if f.Type.Elem != nil || len(f.Arguments) > 0 {
			continue
		}
		for _, p := range g.roles.possible(f.Type.Name()) {
			pd := g.schema.Types[p]
			if pd == nil || pd.Kind != ast.Object {
				continue
			}
			for _, pf := range pd.Fields {
				if pf.Type.NamedType == "Boolean" && hasWord(words(pf.Name), "suspended") {
					return f.Name, pf.Name
				}
			}
		}
	}
	return "", ""
}

// controlWritten is what was written of the part of the device at key, of type typ,
// that says whether its control is suspended (its status), that part's key, and the
// flag's name; false for a type with no such part.
func (g *Generator) controlWritten(env *Env, key uint64, typ string) (pk uint64, cur map[string]any, flag string, ok bool) {
	field, flag := g.controlPart(typ)
	if field == "" {
		return 0, nil, "", false
	}
	pk = graphql.FieldKey(key, field, "")
	cur = map[string]any{}
	env.Store.written(pk, cur)
	return pk, cur, flag, true
}

// minBoost is the shortest boost charge, of a car already as full as its battery goes.
const minBoost = 30 * time.Minute

// boostEnd is when a boost charge the owner that args name asks for this minute (on)
// stops: once its car is full (a boost "will not stop until the battery reaches 100%
// charged"), or at the limit its own settings put on its charge: its battery, as its
// maker states it, charged at the power its devices take from its charge now; an hour
// on, at the next half hour, for an owner whose car's battery is not known; now, for no
// boost.
func (g *Generator) boostEnd(env *Env, on bool, args map[string]any) time.Time {
	now := g.now(env).Truncate(time.Minute)
	if !on {
		return now
	}
	if devs, ok := g.ownerDevices(env, args); ok {
		kw := g.chargeKW(devs, g.unregistered(env, args))
		for _, d := range devs {
			if soc, ok := g.chargeNow(env, d); ok {
				need := g.capacityOf(d) * (g.socLimit(env, d) - soc) / 100
				d := time.Duration(need / kw * float64(time.Hour)).Round(time.Minute)
				return now.Add(max(d, minBoost))
			}
		}
	}
	return now.Add(boostLength).Truncate(30 * time.Minute).Add(30 * time.Minute)
}

// chargeKW is the power the owner's car charges at through devs, its devices as the
// device list answers them, and the devices no list names (ChargeKW).
func (g *Generator) chargeKW(devs []map[string]any, unlisted []Device) float64 {
	ds := make([]Device, 0, len(devs)+len(unlisted))
	for _, d := range devs {
		mk, md := g.deviceProduct(d)
		ds = append(ds, Device{Type: d["__typename"].(string), Make: mk, Model: md})
	}
	return ChargeKW(append(ds, unlisted...))
}

// socLimit is the most, in percent, car dev's own settings let it charge to, as its
// status says it (stateOfChargeLimit { upperSocLimit }); 100 when it says none.
func (g *Generator) socLimit(env *Env, dev map[string]any) float64 {
	path, leaf := g.roles.deviceLeaf(dev["__typename"].(string), leafOfLimit)
	if leaf == "" {
		return 100
	}
	v, ok, err := g.partLeaf(env, dev, path, leaf)
	if x, isNum := toFloat(v); ok && err == nil && isNum && x > 0 && x <= 100 {
		return x
	}
	return 100
}

// overLimit says whether the target charge the owner's car's preferences set for the
// next morning, the one its next charge is for, exceeds the limit on its charge the
// object mt states in field limit ("Whether or not target SoC exceeds upper SoC
// limit"); false when no car of the owner its root field names sets a target.
func (g *Generator) overLimit(env *Env, tr *typeRole, mt *meta, limit string, source map[string]any) (bool, bool) {
	l, ok := toFloat(g.leafValue(tr, mt, tr.def.Fields.ForName(limit), source))
	if !ok || mt.within == nil {
		return false, false
	}
	morning := g.lastMorning(g.now(env)).AddDate(0, 0, 1)
	devs, _ := g.ownerDevices(env, mt.within)
	for _, d := range devs {
		if soc, ok := g.targetSoc(env, d, morning); ok {
			return soc > l, true
		}
	}
	return false, false
}

// Kinds of leaf a device states in its parts (deviceLeaf): its lifecycle status, the
// limit its own settings put on its charge, the target charge its preferences set and
// the time it is due by.
const (
	leafOfLifecycle = "lifecycle"
	leafOfLimit     = "limit"
	leafOfTarget    = "target"
	leafOfReady     = "ready"
)

// deviceLeaf finds where device type typ states a leaf of a kind (leafOfLifecycle,
// leafOfLimit, leafOfTarget, or leafOfTarget and a day word to prefer: "target
// weekend"): in one of its parts (status, chargingPreferences), else in one of theirs
// (status { stateOfChargeLimit }), by the path to it; leaf "" for none.
func (r *Roles) deviceLeaf(typ, kind string) (path []string, leaf string) {
	at := r.leafAt.get([2]string{typ, kind}, func() leafPath {
		ws := strings.Fields(kind)
		match := func(f *ast.FieldDefinition) bool {
			if f.Type.Elem != nil {
				return false
			}
			switch ws[0] {
			case leafOfLifecycle:
				return r.isLifecycle(f)
			case leafOfLimit:
				return r.isChargeLimit(f)
			case leafOfReady:
				return r.isTargetTime(f) && (len(ws) == 1 || hasWord(words(f.Name), ws[1]))
			}
			return r.isTargetCharge(f) && (len(ws) == 1 || hasWord(words(f.Name), ws[1]))
		}
		level := []leafPath{{def: r.schema.Types[typ]}}
		for depth := 0; depth < 2 && len(level) > 0; depth++ {
			var next []leafPath
			for _, at := range level {
				if at.def == nil {
					continue
				}
				for _, f := range at.def.Fields {
					if r.objectOf(f) == nil {
						continue
					}
					for _, p := range r.possible(f.Type.Name()) {
						pd := r.schema.Types[p]
						path := append(at.path[:len(at.path):len(at.path)], f.Name)
						if i := slices.IndexFunc(pd.Fields, match); i >= 0 {
							return leafPath{path: path, leaf: pd.Fields[i].Name}
						}
						next = append(next, leafPath{def: pd, path: path})
					}
				}
			}
			level = next
		}
		if len(ws) > 1 {
			path, leaf := r.deviceLeaf(typ, ws[0]) // any target, where none is the day's
			return leafPath{path: path, leaf: leaf}
		}
		return leafPath{}
	})
	return at.path, at.leaf
}

// leafPath is where a device states a leaf: the path of parts to it, from the part's
// type def, and the leaf's name ("" for none).
type leafPath struct {
	def  *ast.Definition
	path []string
	leaf string
}

// isLifecycle reports whether f is a device's lifecycle status (an enum with LIVE and
// ONBOARDING).
func (r *Roles) isLifecycle(f *ast.FieldDefinition) bool {
	return f.Type.Elem == nil && r.hasEnumValues(f, "LIVE", "ONBOARDING")
}

// isChargeLimit reports whether f is a limit on a battery's charge (upperSocLimit).
func (r *Roles) isChargeLimit(f *ast.FieldDefinition) bool {
	ws := words(f.Name)
	return f.Type.Elem == nil && isNumeric(r.schema, f.Type.Name()) && hasWord(ws, "limit") && hasWord(ws, "soc", "charge")
}

// isTargetTime reports whether f is the time a target charge is due by
// (weekdayTargetTime).
func (r *Roles) isTargetTime(f *ast.FieldDefinition) bool {
	ws := words(f.Name)
	return f.Type.Elem == nil && (f.Type.Name() == "Time" || f.Type.Name() == "String") && hasWord(ws, "target") && hasWord(ws, "time")
}

// isTargetCharge reports whether f is a target charge (weekdayTargetSoc).
func (r *Roles) isTargetCharge(f *ast.FieldDefinition) bool {
	ws := words(f.Name)
	return f.Type.Elem == nil && isNumeric(r.schema, f.Type.Name()) && hasWord(ws, "target") && hasWord(ws, "soc", "charge")
}

// targetSoc is the charge in percent car dev's preferences set for the day of now (its
// own where a schedule set it day by day, else a weekend's at weekends, where they
// differ), as its device list answers them; false for a car whose preferences set none.
func (g *Generator) targetSoc(env *Env, dev map[string]any, now time.Time) (float64, bool) {
	wd := now.In(g.zone()).Weekday()
	if _, _, ok := g.roles.dayLeaves(dev["__typename"].(string), "weekday"); ok {
		_, soc, ok := g.dayValue(env, dev, weekdays[(wd+6)%7])
		return soc, ok
	}
	day := "weekday"
	if wd == time.Saturday || wd == time.Sunday {
		day = "weekend"
	}
	path, leaf := g.roles.deviceLeaf(dev["__typename"].(string), leafOfTarget+" "+day)
	if leaf == "" {
		return 0, false
	}
	v, ok, err := g.partLeaf(env, dev, path, leaf)
	x, isNum := toFloat(v)
	return x, ok && err == nil && isNum
}

// boostCharge starts the device's boost charge at key, of type typ, this minute, to end
// at end (on), or ends it.
func (g *Generator) boostCharge(env *Env, key uint64, typ string, on bool, end time.Time) {
	pk, cur, _, ok := g.controlWritten(env, key, typ)
	if !ok {
		return
	}
	old, had := cur[boostKey].(span)
	now := g.now(env).Truncate(time.Minute)
	boosting := had && !old.start.After(now) && old.end.After(now)
	history, _ := cur[boostsKey].([]span)
	switch {
	case on && !boosting:
		sp := span{start: now, end: end, tense: tenseOngoing}
		env.Store.write(pk, map[string]any{boostKey: sp, boostsKey: withSpan(history, sp)})
	case !on && boosting:
		sp := span{start: old.start, end: now, tense: tensePast}
		env.Store.write(pk, map[string]any{boostKey: sp, boostsKey: endingSpan(history, sp)})
	}
}

// withSpan is history with sp after it, the latest maxBoosts kept, history unchanged.
func withSpan(history []span, sp span) []span {
	return append(history[max(len(history)+1-maxBoosts, 0):len(history):len(history)], sp)
}

// endingSpan is history with its last span, begun when sp began, ended as sp is;
// history unchanged.
func endingSpan(history []span, sp span) []span {
	n := len(history)
	if n == 0 || !history[n-1].start.Equal(sp.start) {
		return history
	}
	return append(history[:n-1:n-1], sp)
}

// noteSuspension keeps, on the device at key of type typ, when its smart control was
// suspended and resumed, as its status's flag now says.
func (g *Generator) noteSuspension(env *Env, key uint64, typ string) {
	pk, cur, flag, ok := g.controlWritten(env, key, typ)
	if !ok {
		return
	}
	history, _ := cur[suspendsKey].([]span)
	open := len(history) > 0 && history[len(history)-1].end.IsZero()
	now := g.now(env)
	switch on, _ := cur[flag].(bool); {
	case on && !open:
		history = withSpan(history, span{start: now})
	case !on && open:
		history = endingSpan(history, span{start: history[len(history)-1].start, end: now})
	default:
		return
	}
	env.Store.write(pk, map[string]any{suspendsKey: history})
}

// noHolders has env find the devices of the owner args name without its state object,
// whose building may read its meter, which reads what they say.
func (g *Generator) noHolders(env *Env, args map[string]any) {
	if dl := g.roles.devices(); dl != nil {
		for _, n := range dl.role.names {
			if v := n.value(args); v != "" {
				if env.holders == nil {
					env.holders = map[[3]string]Holder{}
				}
				env.holders[[3]string{n.typ, n.field, v}] = nil
			}
		}
	}
}

// boostRefused is why a boost charge cannot start on device dev (Kraken's
// boostChargeRefusalReasons): it is not yet live or retired, one is under way, or its
// smart control is suspended; "" when it can.
func (g *Generator) boostRefused(env *Env, dev map[string]any) string {
	switch g.lifecycle(env, dev) {
	case "", "LIVE":
	case "RETIRED":
		return "BC_DEVICE_RETIRED"
	default:
		return "BC_DEVICE_NOT_YET_LIVE"
	}
	mt, _ := dev[metaKey].(*meta)
	if mt == nil {
		return ""
	}
	_, cur, flag, ok := g.controlWritten(env, mt.key, mt.typ)
	switch {
	case !ok:
	case g.boosting(env, cur):
		return "BC_BOOST_CHARGE_IN_PROGRESS"
	case cur[flag] == true:
		return "BC_DEVICE_SUSPENDED"
	}
	return ""
}

// testRefused is why a test charge, which shows that a device newly registered can be
// controlled, cannot start on device dev (Kraken's testChargeRefusalReasons): it is
// live already, retired, or its test is under way, and its smart control is suspended;
// none when it can.
func (g *Generator) testRefused(env *Env, dev map[string]any) []string {
	var why []string
	switch g.lifecycle(env, dev) {
	case "LIVE":
		why = append(why, "TC_DEVICE_LIVE")
	case "RETIRED":
		why = append(why, "TC_DEVICE_RETIRED")
	case "ONBOARDING_TEST_IN_PROGRESS":
		why = append(why, "TC_DEVICE_ONBOARDING_IN_PROGRESS")
	}
	if mt, _ := dev[metaKey].(*meta); mt != nil {
		if _, cur, flag, ok := g.controlWritten(env, mt.key, mt.typ); ok && cur[flag] == true {
			why = append(why, "TC_DEVICE_SUSPENDED")
		}
	}
	return why
}

// testAsked reports whether a mutation of this name asks for a test charge of a device
// (triggerTestCharge).
func testAsked(name string) bool {
	ws := words(name)
	return hasWord(ws, "test") && hasWord(ws, "charge", "dispatch")
}

// lifecycle is device dev's lifecycle status (LIVE, ONBOARDING, RETIRED…) as its status
// part says it; "" for a device that states none.
func (g *Generator) lifecycle(env *Env, dev map[string]any) string {
	typ, _ := dev["__typename"].(string)
	path, leaf := g.roles.deviceLeaf(typ, leafOfLifecycle)
	if _, isWorld := dev[metaKey].(*meta); !isWorld || leaf == "" {
		return ""
	}
	v, _, _ := g.partLeaf(env, dev, path, leaf)
	s, _ := v.(string)
	return s
}

// boosting reports whether a device's status, as source holds it, says a boost charge
// is under way.
func (g *Generator) boosting(env *Env, source map[string]any) bool {
	sp, ok := source[boostKey].(span)
	now := g.now(env)
	return ok && !sp.start.After(now) && sp.end.After(now)
}

// ownerControl is what the owner's devices say of its car's charge: whether one of them
// has its smart control suspended, the boost charges asked of them, the spans their
// control was suspended (the last open while it still is), and the test charges of
// those newly registered.
type ownerControl struct {
	suspended                  bool
	boosts, suspensions, tests []span
}

// control is what the owner's devices that args name say of its car's charge.
func (g *Generator) control(env *Env, args map[string]any) ownerControl {
	devs, _ := g.ownerDevices(env, args)
	return g.controlOf(env, devs)
}

// controlOf is what devs, an owner's devices, say of its car's charge.
func (g *Generator) controlOf(env *Env, devs []map[string]any) ownerControl {
	var oc ownerControl
	add := func(to *[]span, sp span) {
		if !slices.ContainsFunc(*to, func(b span) bool { return b.start.Equal(sp.start) }) {
			*to = append(*to, sp)
		}
	}
	now := g.now(env)
	for _, d := range devs {
		if t := d[metaKey].(*meta).test; t != nil {
			tn := tenseOngoing
			switch {
			case !t.To.After(now):
				tn = tensePast
			case t.From.After(now):
				tn = tenseFuture
			}
			add(&oc.tests, span{start: t.From.In(now.Location()), end: t.To.In(now.Location()), tense: tn})
		}
		_, m, flag, ok := g.controlWritten(env, d[metaKey].(*meta).key, d["__typename"].(string))
		if !ok {
			continue
		}
		if s, _ := m[flag].(bool); s {
			oc.suspended = true
		}
		history, _ := m[boostsKey].([]span)
		if sp, ok := m[boostKey].(span); ok && len(history) == 0 {
			history = []span{sp}
		}
		for _, sp := range history {
			add(&oc.boosts, sp)
		}
		suspends, _ := m[suspendsKey].([]span)
		for _, sp := range suspends {
			add(&oc.suspensions, sp)
		}
	}
	return oc
}

// controlled is a list of charge slots as the owner's control leaves it: no smart charge
// planned while smart control is suspended, and each boost asked for, and each test
// charge, a slot of its own, planned while under way and done once over (within the
// nights a list of charges done keeps), over the smart slots it meets.
func (g *Generator) controlled(env *Env, f *graphql.Field, fr *fieldRole, items []map[string]any) []map[string]any {
	oc := g.control(env, f.Args)
	suspended, boosts := oc.suspended, append(oc.boosts, oc.tests...)
	if !suspended && len(boosts) == 0 {
		return items
	}
	planned := fr.tense == tenseFuture
	now := g.now(env)
	out := items[:0]
	for _, it := range items {
		mt := it[metaKey].(*meta)
		sp := g.spanOf(env, mt, g.roles.typ(mt.typ), it)
		if planned && suspended || slices.ContainsFunc(boosts, func(b span) bool { return b.start.Before(sp.end) && sp.start.Before(b.end) }) {
			continue
		}
		out = append(out, it)
	}
	for i, b := range boosts {
		if planned != b.end.After(now) || b.end.Sub(b.start) < time.Minute || !planned && b.end.Before(g.keptFrom(now)) {
			continue // a boost cancelled as it began charged nothing; one done before the nights kept is not listed
		}
		key := fake.HashStrings("boost", fr.item, b.start.UTC().Format(time.RFC3339Nano))
		if planned {
			it := g.entity(env, g.pickType(fr, key, nil), key, "", &b, b.tense)
			source := "bump-charge"
			if i >= len(oc.boosts) {
				source = "test-charge"
			}
			g.chargeSource(env, it, key, &b, source)
			out = append(out, g.meteredBy(env, f, fr, it))
			continue
		}
		// Done, it is listed as the half hours it drew in, as a night's charge done is.
		b.tense = tensePast
		for _, sp := range doneHalfHours(b, tensePast) {
			pk := fake.Mix64(key ^ uint64(sp.start.Unix()))
			out = append(out, g.meteredBy(env, f, fr, g.entity(env, g.pickType(fr, pk, nil), pk, "", &sp, tensePast)))
		}
	}
	return out
}

// meteredBy is charge it, whose energy is what the meter of the owner f names measured
// it draw; it itself where state knows no such meter.
func (g *Generator) meteredBy(env *Env, f *graphql.Field, fr *fieldRole, it map[string]any) map[string]any {
	if m, ok := g.ownerMeter(env, f.Args, fr.owner); ok {
		mt := it[metaKey].(*meta)
		mt.series, mt.meter = fake.HashStrings("register", m.Register), &m
	}
	return it
}

// chargeSource says, on a planned slot it that is no smart charge, what asked for it: its
// part with a source is a "bump-charge" the customer asked for, or a "test-charge" of a
// device newly registered.
func (g *Generator) chargeSource(env *Env, it map[string]any, key uint64, sp *span, source string) {
	g.chargeKind(it, strings.TrimSuffix(source, "-charge"))
	def := g.schema.Types[it["__typename"].(string)]
	for _, f := range def.Fields {
		pd := g.schema.Types[f.Type.Name()]
		if f.Type.Elem != nil || pd == nil || pd.Kind != ast.Object || pd.Fields.ForName("source") == nil {
			continue
		}
		part := g.entity(env, pd.Name, graphql.FieldKey(key, f.Name, ""), "", sp, sp.tense)
		part["source"] = source
		it[f.Name] = part
		return
	}
}

// planned finds the root field that lists an owner's charges to come: a list of charge
// slots, to come, under the same owner arguments as the device list; nil for none.
func (r *Roles) planned() *ownedList {
	r.plannedOnce.Do(func() {
		dl, q := r.devices(), r.schema.Query
		if dl == nil || q == nil {
			return
		}
		var byDevice *ownedList // a list a device names, where the owner has none of its own
		for _, fd := range q.Fields {
			fr := r.field(q.Name, fd)
			s := r.deviceScoped(fr)
			if s != nil {
				fr = s
			}
			if !r.plannedRole(fr) || !slices.Equal(fr.owner, dl.role.owner) {
				continue
			}
			if s == nil {
				r.plannedList = &ownedList{fd, fr}
				return
			}
			if byDevice == nil {
				byDevice = &ownedList{fd, fr}
			}
		}
		r.plannedList = byDevice
	})
	return r.plannedList
}

// plannedRole reports whether fr lists charge slots to come (plannedDispatches,
// flexPlannedDispatches).
func (r *Roles) plannedRole(fr *fieldRole) bool {
	tr := r.typ(fr.item)
	return tr != nil && tr.charge && fr.tense == tenseFuture
}

// charging reports whether the owner that args name has a smart charge planned that
// has not ended: scheduled or under way, which SMART_CONTROL_IN_PROGRESS says; known is
// false when the schema plans none or args name no owner.
func (g *Generator) charging(env *Env, args map[string]any) (on, known bool) {
	pl := g.roles.planned()
	if pl == nil {
		return false, false
	}
	items, ok := g.ownerList(env, pl, args)
	if !ok {
		return false, false
	}
	now := g.now(env)
	for _, it := range items {
		mt := it[metaKey].(*meta)
		if sp := g.spanOf(env, mt, g.roles.typ(mt.typ), it); sp.end.After(now) {
			return true, true
		}
	}
	return false, true
}

// Control is what the owner whose devices args name asked of them, oldest first: its
// boost charges, from and to (those ended and the one under way, ending when it will),
// the latest maxBoosts of each device, which its meter measured beside the smart plan;
// the spans their smart control was suspended (To zero while it still is), when its car
// charged when plugged in, not as the supplier planned; and its car's battery, which the
// nights charge to the targets its preferences set.
func (g *Generator) Control(env *Env, args map[string]any) CarControl {
	g.noHolders(env, args)
	devs, _ := g.ownerDevices(env, args)
	oc := g.controlOf(env, devs)
	cc := CarControl{Battery: g.battery(env, devs)}
	for _, sp := range append(oc.boosts, oc.tests...) {
		if sp.end.After(sp.start) {
			cc.Boosts = append(cc.Boosts, Boost{From: sp.start, To: sp.end})
		}
	}
	for _, sp := range oc.suspensions {
		cc.Suspended = append(cc.Suspended, Boost{From: sp.start, To: sp.end})
	}
	byStart := func(a, b Boost) int { return a.From.Compare(b.From) }
	slices.SortFunc(cc.Boosts, byStart)
	slices.SortFunc(cc.Suspended, byStart)
	return cc
}

// OwnerArgs are the arguments that name an owner of devices (accountNumber), by which
// Boosts is asked; nil when the schema lists no devices.
func (g *Generator) OwnerArgs() []string {
	if dl := g.roles.devices(); dl != nil {
		return dl.role.owner
	}
	return nil
}
