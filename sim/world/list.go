package world

import (
	"maps"
	"math"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/krakensim/krakensim/sim/fake"
	"github.com/krakensim/krakensim/sim/graphql"
)

// The lists a field answers: their items, how many, which and in what order, the
// spans they follow, and the catalogs and time series they may be.

// listKey is the key of the whole list a field answers: its parent, name and the
// arguments that make it (not those that filter, page, order or window it).
func listKey(f *graphql.Field, fr *fieldRole) uint64 {
	name := f.Name
	if fr.list != "" {
		name = fr.list // one list, whichever field pages it
	}
	if len(f.Path) == 1 {
		return graphql.FieldKey(f.ParentKey, name, rootScope(f, fr))
	}
	return graphql.FieldKey(f.ParentKey, name, ownerScope(f.Args, fr.owner))
}

// items is the list a list or connection field answers: its whole deterministic list,
// or the first MaxSeries items of the series its window and grouping make, then
// filtered and ordered.
func (g *Generator) items(env *Env, f *graphql.Field, fr *fieldRole) ([]map[string]any, error) {
	out, s, err := g.listed(env, f, fr)
	if s != nil {
		return g.filter(env, f, fr, s.first(MaxSeries)), nil
	}
	return out, err
}

// listed is the list a list or connection field answers, as items makes it, but for a
// series, which it leaves to be made as it is asked for (filter not yet applied).
func (g *Generator) listed(env *Env, f *graphql.Field, fr *fieldRole) ([]map[string]any, *seriesList, error) {
	if fr.choices != nil {
		return g.choices(fr.choices, fr.item), nil, nil
	}
	if tr := g.roles.typ(fr.item); tr != nil && tr.stat != nil {
		if out, ok := g.statistics(env, fr, tr.stat, g.parentMeta(f)); ok {
			return out, nil, nil
		}
	}
	if sr := g.roles.schedule(fr.item); sr != nil && fr.kind == listField {
		if pm := g.parentMeta(f); pm.device != nil {
			if out, ok := g.daySchedules(env, f, sr, pm.device); ok {
				return out, nil, nil
			}
		}
	}
	owner := g.heldBy(env, f, fr)
	if owner != nil {
		if out, ok := g.heldList(owner, f, fr); ok {
			return out, nil, nil
		}
	}
	if s := g.roles.deviceScoped(fr); s != nil && len(f.Path) == 1 {
		own, ok := g.byOwner(env, f, fr, s)
		if tr := g.roles.typ(fr.item); !ok && tr != nil && tr.charge && g.metersDevice(env, f.Args[fr.owner[0]]) {
			return []map[string]any{}, nil, nil // a meter's device plans no charge of its own
		}
		if ok {
			f, fr = own, s
		}
	}
	lk := listKey(f, fr)
	if len(f.Path) == 1 && len(fr.owner) > 0 {
		if dl := g.roles.devices(); dl != nil && dl.role != fr {
			found, has := g.ownerHas(env, fr.item, f.Args)
			if !has {
				return []map[string]any{}, nil, nil // what only a device makes: the owner has none
			}
			if g.roles.plannedRole(fr) && !g.anyLive(env, found) {
				// No smart charge is planned for a device not yet live; its test charge is.
				return append([]map[string]any{}, g.controlled(env, f, fr, nil)...), nil, nil
			}
		} else if dl != nil && g.opts.Devices != nil {
			if devs, ok := g.opts.Devices(env, f.Args); ok {
				return g.declared(env, f, fr, lk, devs), nil, nil
			}
		}
	}
	if w := fr.window; w != nil {
		if err := g.zoneError(f, w); err != nil {
			return nil, nil, err
		}
		if s, ok := g.series(env, f, fr, lk); ok {
			return nil, s, nil
		}
	}
	if fr.ref != nil {
		if out, ok := g.referring(env, f, fr, lk); ok {
			out = g.filter(env, f, fr, out)
			g.order(env, f, fr, out)
			return out, nil, nil
		}
	}
	if tr := g.roles.typ(fr.item); tr != nil && tr.charge && len(f.Path) == 1 && fr.tense != tenseNone {
		born, _ := g.born(f)
		out := g.controlled(env, f, fr, g.nightCharges(env, f, fr, g.began(env, f, born)))
		out = g.filter(env, f, fr, g.withMade(env, f, fr, out))
		g.order(env, f, fr, out)
		return out, nil, nil
	}
	n := g.count(f, fr, lk)
	if src, _ := f.Source.(map[string]any); (src[HoldsKey] != nil || g.ownsRoot(f, fr, owner)) && (g.roles.isMade(fr.item) || g.roles.isMade(fr.candidates...)) {
		n = 0 // state holds what it records; of what a mutation makes, only what was made since
	}
	makes, models, maker := g.catalog(f, fr, lk)
	if makes != nil {
		n = len(makes)
	} else if models != nil {
		n = len(models)
	}
	out := make([]map[string]any, 0, n)
	var prev *span
	born, fresh := g.born(f)
	began := g.began(env, f, born)
	if tr := g.roles.typ(fr.item); fresh && fr.tense != tenseFuture && tr != nil && g.hasTime(tr) {
		n = 0 // what happens in time has not yet happened to what was just made
	}
	var sk uint64 // the register of a list of readings
	var meter *Meter
	if g.readings(fr) {
		var lacks bool
		if sk, meter, lacks = g.register(env, f, fr, lk); lacks {
			n = 0
		}
	}
	scope := g.listScope(f, fr)
	var coded []codedItem
	if g.roles.stringCoded(fr.item) {
		if coded = g.codedList(f, scope); scope != 0 {
			n = len(coded)
		}
	}
	for i := 0; i < n; i++ {
		ik := graphql.IndexKey(lk, i)
		switch { // a catalog's entry is the same whichever make the list was asked for
		case makes != nil:
			ik = catalogKey(fr.item, makes[i], "")
		case models != nil:
			ik = catalogKey(fr.item, maker, models[i])
		}
		var typ string
		if coded != nil { // the owner's SENSOR01 is one sensor, whichever list names it
			ik = fake.Mix64(scope ^ fake.HashStrings("coded", fr.item, coded[i].code))
			typ = coded[i].kind.typ
		}
		if typ == "" || !slices.Contains(fr.candidates, typ) {
			typ = g.pickType(fr, ik, nil)
		}
		if typ == "" {
			break
		}
		if n := len(out); n > 0 && prev != nil && earlier(out[n-1]["__typename"].(string)) {
			typ = out[n-1]["__typename"].(string) // what came before stays at the old end
		}
		sp := g.tile(env, typ, fr.tense, ik, prev)
		if sp != nil && !born.IsZero() && !sp.end.After(born) {
			break // periods laid back in time stop where their owner began
		}
		if sp != nil && fr.horizon > 0 {
			if prev == nil && !g.roles.typ(typ).charge { // a charge's first slot is tonight's, or last night's
				sp = withinHorizon(sp, fr.horizon, ik, g.now(env))
			}
			if beyond(sp, fr.horizon, g.now(env)) {
				break // "planned dispatches 24 hours ahead"
			}
		}
		if sp != nil {
			prev = sp
		}
		it := g.entityAfter(env, typ, ik, "", sp, fr.tense, began)
		it[metaKey].(*meta).pos, it[metaKey].(*meta).scope, it[metaKey].(*meta).owner = i+1, scope, owner
		it[metaKey].(*meta).fresh = fresh
		if len(f.Path) == 1 && f.Operation != ast.Mutation {
			it[metaKey].(*meta).args = f.Args
		}
		if coded != nil {
			it["code"] = coded[i].code
			it[metaKey].(*meta).probe = coded[i].kind.probe
		}
		g.markThing(it)
		if tr := g.roles.typ(typ); tr != nil && tr.fan != nil {
			g.fanned(env, f, tr, it)
		}
		if sk != 0 {
			mt := it[metaKey].(*meta)
			mt.series, mt.meter = sk, meter
		}
		if tr := g.roles.typ(typ); tr != nil && makes != nil {
			it[tr.loneMake] = makes[i]
		} else if tr != nil && models != nil {
			it[tr.loneModel] = models[i]
		}
		out = append(out, it)
	}
	if tr := g.roles.typ(fr.item); tr != nil && tr.charge && len(f.Path) == 1 {
		out = g.controlled(env, f, fr, out)
	}
	out = g.withMade(env, f, fr, out)
	g.markBest(out)
	out = g.filter(env, f, fr, out)
	g.order(env, f, fr, out)
	return out, nil, nil
}

// catalog says what a list of devices names when it is a catalog: every make once, or
// only the make its argument of that name asks for, for a list of a type with a make
// and a list of models (electricVehicles(make:) { make models { model } }); every model
// of its parent's make (maker), for that list of models. Both are nil for other lists.
func (g *Generator) catalog(f *graphql.Field, fr *fieldRole, lk uint64) (makes, models []string, maker string) {
	if len(fr.candidates) != 1 {
		return nil, nil, ""
	}
	tr := g.roles.typ(fr.candidates[0])
	if tr == nil {
		return nil, nil, ""
	}
	if tr.loneMake != "" && g.listsModels(tr) {
		makes = g.faker.Makes(lk, tr.def.Name, "")
		if want, _ := f.Args[tr.loneMake].(string); strings.TrimSpace(want) != "" {
			makes = slices.DeleteFunc(makes, func(mk string) bool { return !strings.EqualFold(mk, strings.TrimSpace(want)) })
		}
		return makes, nil, ""
	}
	if tr.loneModel == "" {
		return nil, nil, ""
	}
	ptr := g.roles.typ(f.ParentType)
	source, _ := f.Source.(map[string]any)
	if ptr == nil || ptr.loneMake == "" || source == nil {
		return nil, nil, ""
	}
	mk, _ := source[ptr.loneMake].(string)
	if mk == "" {
		return nil, nil, ""
	}
	if models = g.faker.Models(tr.def.Name, "", mk); len(models) == 0 {
		return nil, nil, ""
	}
	return nil, models, mk
}

// catalogKey keys a catalog's entry of type typ: a make's (model "") or one of its
// models', the same whichever list holds it.
func catalogKey(typ, make, model string) uint64 {
	return fake.Mix64(fake.HashStrings("catalog", typ, strings.ToLower(make), strings.ToLower(model)))
}

// Variant finds the catalog entry whose id is id (a vehicle's vehicleId, a charge
// point's, a battery's or a heat pump's variant id, as electricVehicles or
// chargePointVariants list them): its type, make and model; false for none.
func (g *Generator) Variant(id string) (typ, make, model string, ok bool) {
	id = strings.TrimSpace(id)
	if id == "" {
		return "", "", "", false
	}
	for _, c := range g.catalogs() {
		named := g.schema.Types[c.item.def.Fields.ForName(c.idField).Type.Name()]
		for _, mk := range g.faker.Makes(0, c.maker, "") {
			for _, md := range g.faker.Models(c.item.def.Name, "", mk) {
				k := catalogKey(c.item.def.Name, mk, md)
				if keyString(g.faker.Leaf(graphql.FieldKey(k, c.idField, ""), c.item.def.Name, c.idField, named)) == id {
					return c.item.def.Name, mk, md, true
				}
			}
		}
	}
	return "", "", "", false
}

// catalogList is a device catalog's list of models: the type of a make that lists them
// (maker), the models' type and the field holding a model's id.
type catalogList struct {
	maker   string
	item    *typeRole
	idField string
}

// catalogs are the schema's device catalogs' lists of models with ids, in type-name
// order, found once.
func (g *Generator) catalogs() []catalogList {
	r := g.roles
	r.catalogsOnce.Do(func() {
		for _, name := range slices.Sorted(maps.Keys(g.schema.Types)) {
			ptr := r.typ(name)
			if ptr == nil || ptr.loneMake == "" || !g.listsModels(ptr) {
				continue
			}
			for _, fd := range ptr.def.Fields {
				tr := r.typ(fd.Type.Name())
				if fd.Type.Elem == nil || tr == nil || tr.loneModel == "" {
					continue
				}
				idField := tr.identity
				for _, f := range tr.def.Fields {
					if ws := words(f.Name); idField == "" && len(ws) > 1 && ws[len(ws)-1] == "id" && isKeyScalar(f.Type) {
						idField = f.Name // vehicleId, variantId, heatPumpId
					}
				}
				if idField != "" {
					r.catalogList = append(r.catalogList, catalogList{maker: ptr.def.Name, item: tr, idField: idField})
				}
			}
		}
	})
	return r.catalogList
}

// listsModels reports whether a type has a list of a type with a model of its own.
func (g *Generator) listsModels(tr *typeRole) bool {
	for _, fd := range tr.def.Fields {
		if fd.Type.Elem == nil {
			continue
		}
		if it := g.roles.typ(fd.Type.Name()); it != nil && it.loneModel != "" {
			return true
		}
	}
	return false
}

// tile is the span of a list's next item when its spans follow one another: items of
// one tense that last a while (forecast periods, planned dispatches, past bills) are
// laid end to end, away from now, with a gap between items that last hours or days,
// rather than drawn on their own to coincide. nil leaves the item its natural span:
// instants, and types whose status says each one's tense.
func (g *Generator) tile(env *Env, typ string, tn tense, key uint64, prev *span) *span {
	tr := g.roles.typ(typ)
	if tr != nil && tr.time.months() > 0 && tn == tenseNone && tr.tense == tenseNone && g.hasTime(tr) {
		return monthBefore(g.now(env), prev, tr.status != "", tr.time.months())
	}
	if tr == nil || tr.time == lastsInstant || tr.status != "" || !g.hasTime(tr) {
		return nil
	}
	if tn == tenseNone {
		tn = tr.tense
	}
	if tn != tensePast && tn != tenseFuture {
		return nil
	}
	if tr.night && tn == tenseFuture {
		sp := nightAfter(g.now(env), prev)
		return &sp
	}
	if tr.charge {
		sp := chargeSlot(g.now(env), prev, tn, key)
		return &sp
	}
	sp := g.due(tr, naturalSpan(tr.time, tn, key, g.now(env), g.pastFrom(env)), g.now(env), true)
	if tr.peak {
		sp = atPeak(sp, key, g.now(env), prev)
		return &sp
	}
	if tr.visit {
		sp = inWorkingHours(sp, key, g.now(env), prev)
		return &sp
	}
	if prev == nil {
		return &sp
	}
	r := newRng(key ^ saltSpan ^ 0x5851f42d4c957f2d)
	var gap time.Duration
	switch tr.time {
	case lastsHours:
		gap = time.Duration(r.between(0, 8)) * 30 * time.Minute
	case lastsDays:
		gap = time.Duration(r.between(0, 3)) * 24 * time.Hour
	}
	if m := tr.time.months(); m > 0 {
		if tn == tenseFuture {
			sp.start, sp.end = prev.end, prev.end.AddDate(0, m, 0)
		} else {
			sp.start, sp.end = prev.start.AddDate(0, -m, 0), prev.start
		}
		return &sp
	}
	d := sp.end.Sub(sp.start)
	if tn == tenseFuture {
		sp.start = prev.end.Add(gap)
		sp.end = sp.start.Add(d)
	} else {
		sp.end = prev.start.Add(-gap)
		sp.start = sp.end.Add(-d)
	}
	return &sp
}

// earlier reports whether a type is named for what came before the others of its kind
// (a PreKrakenBillType, a legacy or historic one), so that a list running back in time
// has it only at its old end.
func earlier(typ string) bool {
	ws := words(typ)
	return len(ws) > 1 && (ws[0] == "pre" || ws[0] == "legacy" || ws[0] == "historic")
}

// monthBefore is the calendar period of months months of a list of such periods (bills,
// statements; annual statements' years) after prev, newest first: the current one,
// under way, first when the type has a status that can say it is open, else the last;
// each next item the one before.
func monthBefore(now time.Time, prev *span, canBeOpen bool, months int) *span {
	first := periodStart(now, months)
	sp := &span{start: first, end: first.AddDate(0, months, 0), tense: tenseOngoing}
	switch {
	case prev != nil:
		sp.start, sp.end, sp.tense = prev.start.AddDate(0, -months, 0), prev.start, tensePast
	case !canBeOpen:
		sp.start, sp.end, sp.tense = first.AddDate(0, -months, 0), first, tensePast
	}
	return sp
}

// count is the length of a generated list. Under an entity, events (readings, bills,
// transactions, dispatches) number up to 12 in a connection and 6 in a list (monthly
// ones, such as bills, at least 3 and 2), and assets (meters, devices, agreements) up to
// 2, often none; so do the lists a root field makes for an owner
// (devices(accountNumber:)). Another root list has 1 to 3 items, another root
// connection 1 to 12.
func (g *Generator) count(f *graphql.Field, fr *fieldRole, lk uint64) int {
	if n, ok := statedCount(f, fr); ok {
		return n
	}
	if tr := g.roles.typ(firstOr(fr.candidates, fr.item)); tr != nil && tr.night {
		return 7 // a forecast of the week's nights
	}
	if n := g.roles.codes(firstOr(fr.candidates, fr.item)); n > 0 && n <= 12 {
		return n // one item for each code
	} else if n > 12 {
		return min(n, g.countOf(f, fr, lk))
	}
	return g.countOf(f, fr, lk)
}

// countOf is a list's length before what its items' codes allow.
func (g *Generator) countOf(f *graphql.Field, fr *fieldRole, lk uint64) int {
	r := newRng(lk ^ 0x94d049bb133111eb)
	nested := (len(f.Path) > 1 || len(fr.owner) > 0) && f.Operation != ast.Mutation
	kind := fr.kind
	if fr.list != "" {
		kind = fr.listKind
	}
	if !nested {
		if kind == connField {
			return r.between(1, 12)
		}
		return g.faker.ListLen(lk)
	}
	events, monthly := false, false
	if tr := g.roles.typ(firstOr(fr.candidates, fr.item)); tr != nil {
		events = tr.time == lastsInstant || tr.time == lastsHours || tr.time.months() > 0
		monthly = tr.time.months() > 0
	}
	switch {
	case monthly && kind == connField:
		return r.between(3, 12) // an account has a few months of bills at least
	case monthly:
		return r.between(2, 6)
	case events && kind == connField:
		return r.intn(13)
	case events:
		return r.intn(7)
	case g.roles.isEntity(fr.item):
		return max(0, r.intn(4)-1)
	}
	return g.faker.ListLen(lk)
}

// maxStatedCount bounds a list whose length its object states.
const maxStatedCount = 200

// countOf is the Int field of parent named for its list field list that states the
// list's length (referralsCreated beside referrals; also …Count, …Total, numberOf…,
// total…), "" when it has none.
func (r *Roles) countOf(parent, list string) string {
	def := r.schema.Types[parent]
	if def == nil || list == "" {
		return ""
	}
	title := strings.ToUpper(list[:1]) + list[1:]
	for _, name := range [...]string{list + "Created", list + "Count", list + "Total", "numberOf" + title, "total" + title} {
		if fd := def.Fields.ForName(name); fd != nil && fd.Type.Elem == nil && fd.Type.Name() == "Int" {
			return name
		}
	}
	return ""
}

// statedCount is the length f's object states for it in its count field, as state
// answers it, at most maxStatedCount.
func statedCount(f *graphql.Field, fr *fieldRole) (int, bool) {
	if fr.count == "" {
		return 0, false
	}
	source, _ := f.Source.(map[string]any)
	if v, ok := toFloat(source[fr.count]); ok && v >= 0 && v == math.Trunc(v) {
		return min(int(v), maxStatedCount), true
	}
	return 0, false
}

func firstOr(list []string, def string) string {
	if len(list) > 0 {
		return list[0]
	}
	return def
}

// filter keeps the items that key and enum arguments select, and those whose span meets
// a window given without a grouping.
func (g *Generator) filter(env *Env, f *graphql.Field, fr *fieldRole, items []map[string]any) []map[string]any {
	keep := items[:0]
	for _, it := range items {
		if g.selected(env, f, fr, it) {
			keep = append(keep, it)
		}
	}
	return keep
}

func (g *Generator) selected(env *Env, f *graphql.Field, fr *fieldRole, it map[string]any) bool {
	mt := it[metaKey].(*meta)
	if mt.id != "" && env.Store.isRemoved(mt.typ, mt.id) {
		return false
	}
	tr := g.roles.typ(mt.typ)
	for _, k := range fr.keys {
		want := f.Args[k.arg]
		if want == nil || tr == nil {
			continue
		}
		have := keyString(it[k.field])
		if k.field != tr.identity {
			have = keyString(g.altValue(tr, mt.typ, mt.key, k.field))
		}
		if tr.global {
			if _, raw, ok := ParseGlobalID(keyString(want)); ok {
				want, have = raw, mt.id
			}
		}
		if !matchesKey(want, have) {
			return false
		}
	}
	for _, fa := range fr.filters {
		want := f.Args[fa.arg]
		if in, ok := want.(map[string]any); ok && fa.in != "" {
			want = in[fa.in]
		}
		if want == nil || tr == nil {
			continue
		}
		if fa.by != byField {
			tn := g.spanOf(env, mt, tr, it).tense
			if have := tn == tenseOngoing || fa.by == byUnissued && tn != tensePast; !flagSelects(fa.flag, want, have) {
				return false
			}
			continue
		}
		fd := tr.def.Fields.ForName(fa.field)
		switch {
		case fd == nil:
		case fa.flag != flagNone:
			if have, _ := g.leafValue(tr, mt, fd, it).(bool); !flagSelects(fa.flag, want, have) {
				return false
			}
		case fd.Name == tr.status && g.hasTime(tr):
			if !matchesKey(want, g.statusOf(env, tr, mt, it)) { // as the item reads now
				return false
			}
		case !matchesKey(want, keyString(g.leafValue(tr, mt, fd, nil))):
			return false
		}
	}
	if w := fr.window; w != nil && w.at != "" {
		if t, ok := parseTimeIn(f.Args[w.at], g.zone()); ok {
			sp := g.spanOf(env, mt, tr, it)
			if t.Before(midnight(sp.start.In(g.zone()))) || sp.tense != tenseOngoing && t.After(sp.end) {
				return false
			}
		}
	}
	if w := fr.window; w != nil && (len(w.start) > 0 || len(w.end) > 0) {
		if from, hasFrom, to, hasTo := w.bounds(f.Args, g.windowZone(f.Args, w)); hasFrom || hasTo {
			sp := g.spanOf(env, mt, tr, it)
			if hasFrom && sp.end.Before(from) || hasTo && !sp.start.Before(to) {
				return false
			}
		}
	}
	return true
}

func matchesKey(want any, have string) bool {
	if list, ok := want.([]any); ok {
		for _, w := range list {
			if keyString(w) == have {
				return true
			}
		}
		return len(list) == 0
	}
	return keyString(want) == have
}

// flagSelects reports whether a Boolean argument's value keeps an item whose Boolean
// field reads have.
func flagSelects(flag flagKind, want any, have bool) bool {
	w, ok := want.(bool)
	if !ok {
		return true
	}
	switch flag {
	case flagInclude:
		return w || !have
	case flagOnly:
		return !w || have
	case flagExclude:
		return !w || !have
	}
	return have == w
}

// leafValue is the value a leaf field of a generated object reads: what source (the
// item, when it has one) holds, its agreeing value, or its fake.
func (g *Generator) leafValue(tr *typeRole, mt *meta, fd *ast.FieldDefinition, source map[string]any) any {
	if v, ok := source[fd.Name]; ok {
		return v
	}
	if v, ok := tr.agree[fd.Name]; ok {
		return v
	}
	return g.faker.Leaf(graphql.FieldKey(mt.key, fd.Name, ""), mt.typ, fd.Name, g.schema.Types[fd.Type.Name()])
}

// order sorts items that happen in time as Kraken lists them: newest first, unless the
// list is of things to come, a time series, or asks for ascending order.
func (g *Generator) order(env *Env, f *graphql.Field, fr *fieldRole, items []map[string]any) {
	if len(items) < 2 {
		return
	}
	asc := fr.tense == tenseFuture
	if fr.order != "" {
		if v, ok := f.Args[fr.order].(string); ok {
			ws := words(v)
			switch {
			case hasWord(ws, "asc", "ascending", "oldest"):
				asc = true
			case hasWord(ws, "desc", "descending", "newest", "latest"):
				asc = false
			}
		}
	}
	starts := make(map[*meta]time.Time, len(items))
	for _, it := range items {
		mt := it[metaKey].(*meta)
		tr := g.roles.typ(mt.typ)
		if tr == nil || !g.hasTime(tr) {
			return
		}
		starts[mt] = g.spanOf(env, mt, tr, it).start
	}
	sort.SliceStable(items, func(i, j int) bool {
		a, b := starts[items[i][metaKey].(*meta)], starts[items[j][metaKey].(*meta)]
		if asc {
			return a.Before(b)
		}
		return a.After(b)
	})
}

// hasTime reports whether a type has a field that is a point in time.
func (g *Generator) hasTime(tr *typeRole) bool { return tr.timed }

// series is the items of a time window, made as they are asked for: one per step of its
// grouping, or the list's length spread over the window; false when the arguments give
// no window.
func (g *Generator) series(env *Env, f *graphql.Field, fr *fieldRole, lk uint64) (*seriesList, bool) {
	w := fr.window
	name, filters, elem, filtered := g.filterList(f, w)
	if len(filters) > 1 {
		return g.filteredSeries(env, f, fr, lk, name, filters)
	}
	args := g.windowArgs(f, w)
	loc := g.windowZone(args, w)
	from, hasFrom, to, hasTo := w.bounds(args, loc)
	// A step partly outside the window asked for holds only its half hours inside it, as
	// REST's group_by sums them; the window the world makes up for one not asked for
	// bounds nothing.
	var inFrom, inTo time.Time
	if hasFrom {
		inFrom = from
	}
	if hasTo {
		inTo = to
	}
	st, hasStep, point := w.grouping(args)
	if !hasStep && g.roles.isEntity(fr.item) {
		return nil, false
	}
	readings := g.readings(fr)
	// Readings whose window the SDL's defaults leave at the ends of the calendar
	// (measurements(startAt = "0001-01-03…")) are all of them, "the oldest" to "the most
	// recent".
	all := readings && !hasFrom && !hasTo && w.unbounded(args)
	// One whose start is the SDL's default at the far past runs from "the oldest
	// readings", whatever its end.
	oldest := readings && !hasFrom && w.startsUnbounded(args)
	if !hasStep && (hasFrom || hasTo || all) && readings {
		st, hasStep = step{d: 30 * time.Minute}, true // readings without a grouping are half-hourly
	}
	if !hasFrom && !hasTo && !all && !hasStep && (w.step == "" || !readings) {
		return nil, false
	}
	sk, meter, lacks := g.register(env, f, fr, lk)
	typ := g.seriesType(fr, lk, hasStep, point)
	if typ == "" || lacks {
		return &seriesList{}, true
	}
	telemetry := hasWord(words(typ), "telemetry")
	if meter != nil && !telemetry {
		// A supplier's readings of a meter are whole half hours: those starting in the
		// window asked, none cut where it begins or ends.
		if hasFrom {
			from = HalfHourFrom(from)
			inFrom = from
		}
		if hasTo {
			to = HalfHourFrom(to)
			inTo = to
		}
	}
	stop := g.readUntil(env, readings, telemetry, meter)
	var readFrom time.Time // a supplier's series has nothing from before it began to read the meter
	if meter != nil {
		readFrom = meter.ReadFrom.In(loc)
	}
	if !hasFrom && !hasTo && !all {
		back := -12
		to = env.Now.In(loc).Truncate(time.Minute)
		if !stop.IsZero() {
			to = stop.In(loc).Truncate(time.Minute)
		}
		if !hasStep {
			// A live feed asked for no window nor grouping answers its latest reading
			// ("the latest data available"), which clients read as [0].
			st, hasStep = step{d: 10 * time.Second}, true
			to, back = env.Now.In(loc).Truncate(10*time.Second), -1
		}
		from, hasFrom, hasTo = st.add(to, back), true, true
	}
	if stop.IsZero() {
		switch {
		case !hasFrom:
			from = to.Add(-24 * time.Hour)
		case !hasTo && hasStep:
			to = st.add(from, 48)
		case !hasTo:
			to = from.Add(24 * time.Hour)
		}
	} else {
		if !hasTo || to.After(stop) {
			to = stop.In(loc).Truncate(time.Minute) // a window open at its end runs to where the readings stop
		}
		switch {
		case oldest && hasStep && !readFrom.IsZero():
			// One from the oldest readings of a meter whose first is known runs from
			// it, its latest MaxWindow.
			from = maxTime(st.floor(to.Add(-MaxWindow)), readFrom)
		case !hasFrom && hasStep:
			// One open at its start runs back from its end to where the readings begin,
			// its latest MaxSeries steps.
			end := st.floor(to)
			if end.Before(to) {
				end = st.add(end, 1)
			}
			from = maxTime(st.add(end, -MaxSeries), readFrom)
		case !hasFrom:
			from = maxTime(to.Add(-24*time.Hour), readFrom)
		case from.Before(readFrom):
			from = readFrom
		}
		if telemetry && hasStep {
			to = minTime(to, st.floor(stop.In(loc))) // the step under way is not yet read, as the live feed's latest is the last complete
		}
	}
	if hasStep {
		from = st.floor(from) // a half hour starts on the half hour, a day at midnight in loc
	}
	s := &seriesList{g: g, env: env, lk: lk, sk: sk, meter: meter, typ: typ, st: st, stepped: hasStep, point: point, from: from, zone: loc, stop: stop, begin: maxTime(readFrom, inFrom)}
	if !inTo.IsZero() && (stop.IsZero() || inTo.Before(stop)) {
		s.stop = inTo
	}
	switch {
	case filtered && len(filters) == 1:
		s.filter = g.filterOf(elem, filters[0], meter)
	case filtered:
		s.filter = g.fuelFilter(elem, meter)
	}
	if !to.After(from) {
		return s, true
	}
	if hasStep {
		var coarse []CoarseSpan
		if meter != nil && !telemetry {
			coarse = meter.Coarse // none (but a home's own telemetry) is finer than the household let it collect
		}
		s.stepsWithin(to, readFrom, coarse)
	} else {
		n := g.count(f, fr, lk)
		s.d = to.Sub(from) / time.Duration(max(n, 1))
		s.spread(n, readFrom)
	}
	return s, true
}

// readUntil is where a series' register has been read to: now for readings, the last
// midnight for what a supplier has read of a meter (its half hours collected daily, as
// REST answers them); zero for a series that is not read from a register.
func (g *Generator) readUntil(env *Env, readings, telemetry bool, meter *Meter) time.Time {
	var stop time.Time
	switch {
	case meter != nil && !telemetry:
		stop = collectedUntil(env.Now.In(g.zone()))
	case readings:
		stop = env.Now
	}
	if meter != nil && !meter.ReadTo.IsZero() && (stop.IsZero() || meter.ReadTo.Before(stop)) {
		stop = meter.ReadTo // its account moved out then
	}
	return stop
}

// collectedUntil is when what a supplier has read of a meter ends at now (in the
// tenant's zone): the last midnight, its data collected daily.
func collectedUntil(now time.Time) time.Time {
	return time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, now.Location())
}

// seriesType is the one type of a series' items: of a grouped series, one with a start
// and an end where the field allows one (IntervalMeasurementType, not MeasurementType),
// as a client reads every item of it alike; of one of points in time, one without.
func (g *Generator) seriesType(fr *fieldRole, lk uint64, stepped, point bool) string {
	types := g.filterTypes(fr.candidates, fr, nil)
	if stepped {
		var spans []string
		for _, t := range types {
			if tr := g.roles.typ(t); tr != nil && tr.interval != point {
				spans = append(spans, t)
			}
		}
		if len(spans) > 0 {
			types = spans
		}
	}
	return g.pickOf(types, lk)
}

// windowArgs are the arguments a series' window is read from: its own, or, where they
// give no bound, its root object's for the bounds and zone it gives (costOfUsage(startAt:,
// timezone:) { details(grouping: DAY) }).
func (g *Generator) windowArgs(f *graphql.Field, w *windowRole) map[string]any {
	given := func(args map[string]any) bool {
		for _, names := range [][]string{w.start, w.end} {
			for _, n := range names {
				if args[n] != nil {
					return true
				}
			}
		}
		return false
	}
	if given(f.Args) {
		return f.Args
	}
	m, _ := f.Source.(map[string]any)
	mt, ok := m[metaKey].(*meta)
	if !ok || !given(mt.args) {
		return f.Args
	}
	args := make(map[string]any, len(f.Args)+3)
	for _, n := range append(append(slices.Clip(w.start), w.end...), w.zone) {
		if v := mt.args[n]; v != nil && n != "" {
			args[n] = v
		}
	}
	maps.Copy(args, f.Args)
	return args
}

// windowZone is the zone a window's dates and grouping are in: the one its timezone
// argument names, else the tenant's.
func (g *Generator) windowZone(args map[string]any, w *windowRole) *time.Location {
	if name, ok := args[w.zone].(string); ok && w.zone != "" {
		if loc, ok := fake.Zone(strings.TrimSpace(name)); ok {
			return loc
		}
	}
	return g.zone()
}

// zoneError is the error of a window whose timezone argument names no IANA zone
// ("Mars/Olympus", ""), as Kraken's resolvers refuse one; nil when it names one or is
// not given, or Options.ZoneError is unset.
func (g *Generator) zoneError(f *graphql.Field, w *windowRole) error {
	name, ok := f.Args[w.zone].(string)
	if !ok || w.zone == "" || g.opts.ZoneError == nil {
		return nil
	}
	if _, known := fake.Zone(strings.TrimSpace(name)); known {
		return nil
	}
	return g.opts.ZoneError(f, w.zone, name)
}

// register is the register a series of readings reads, and the meter it is: that of the
// meter state knows by an id among the field's arguments (deviceId, meterId,
// marketSupplyPointId, or one in an input object or a list of them: utilityFilters:
// [{electricityFilters: {deviceId}}]), by its parent's serial number, by its root
// object's arguments, or by the state object it is under (MetersKey); else the series'
// own (seriesKey), with no meter. lacks is true where the arguments ask the state
// object's export (readingDirection: GENERATION) and it has none: no readings.
func (g *Generator) register(env *Env, f *graphql.Field, fr *fieldRole, lk uint64) (sk uint64, meter *Meter, lacks bool) {
	if g.opts.Meter != nil {
		ids := meterIDs(f.Args, 0, nil)
		sort.Strings(ids)
		if m, ok := f.Source.(map[string]any); ok {
			// A meter is named by its id before its serial number, which an export
			// meter shares with its import meter (one meter, two MPANs).
			if typ, _ := m["__typename"].(string); strings.HasSuffix(typ, "MeterType") {
				if as, ok := m[ReadAsKey].(string); ok && as != "" {
					ids = append(ids, as)
				}
				if id, ok := m["id"].(string); ok && id != "" {
					ids = append(ids, id)
				}
			}
			if s, ok := m["serialNumber"].(string); ok && s != "" {
				ids = append(ids, s)
			}
			// A series under a root object reads the meter the root's arguments name
			// (costOfUsage(meterId:) { details }).
			if mt, ok := m[metaKey].(*meta); ok && len(mt.args) > 0 {
				root := meterIDs(mt.args, 0, nil)
				sort.Strings(root)
				ids = append(ids, root...)
			}
			// One under a state object with meters reads its meter of the fuel the
			// arguments name (utilityFilters: [{gasFilters: …}]), else its electricity
			// meter, and only that: none for a fuel, or an export (readingDirection:
			// GENERATION), it has no meter for, nor for another's meter named. What the
			// home drew (readingDirection: CONSUMPTION, the filter's default) is its
			// import meter's alone, so an export meter named for it reads nothing.
			if meters, ok := m[MetersKey].(map[string]string); ok {
				fuel, own := "electricity", []string{meters["electricity"], meters["export"]}
				switch {
				case namesFuel(f.Args, "gas", 0):
					fuel, own = "gas", []string{meters["gas"]}
				case namesValue(f.Args, "direction", "generation", 0):
					fuel, own = "export", []string{meters["export"]} // what its solar array sent out, which only an export meter reads
				case namesValue(f.Args, "direction", "consumption", 0):
					own = []string{meters["electricity"]}
				}
				if len(ids) > 0 {
					return g.ownMeter(env, ids, own, fuel == "export")
				}
				if meters[fuel] == "" {
					return 0, nil, true
				}
				ids = append(ids, meters[fuel])
			}
		}
		for _, id := range ids {
			if m, ok := g.opts.Meter(env, id); ok {
				if m.Before != nil && m.Owner != "" { // a home's meter that changed hands: its holder's tenancy
					if own, ok := g.opts.Meter(env, TenancyID(m.Owner, id)); ok {
						m = own
					}
				}
				return fake.HashStrings("register", m.Register), &m, false
			}
		}
	}
	return g.seriesKey(f, fr, lk), nil, false
}

// ownMeter is the register and meter that one of ids names among a state object's
// meters own (by id or serial number); lacks is true when none does. A smart meter's
// device names both its registers (an ESME's import and export): for the export asked
// (readingDirection: GENERATION), its export register.
func (g *Generator) ownMeter(env *Env, ids, own []string, export bool) (sk uint64, meter *Meter, lacks bool) {
	regs := make(map[string]Meter, len(own))
	for _, o := range own {
		if m, ok := g.opts.Meter(env, o); o != "" && ok {
			regs[m.Register] = m
		}
	}
	for _, id := range ids {
		named, ok := g.opts.Meter(env, id)
		if !ok {
			continue
		}
		if export && named.Export != nil && named.Point != id { // its device, not its import's meter point
			named = *named.Export
		}
		if m, ok := regs[named.Register]; ok { // read as the object's own meter is, over its own time
			return fake.HashStrings("register", m.Register), &m, false
		}
	}
	return 0, nil, true
}

// namesValue reports whether an argument given, or an input object's field or a list
// item up to two deep, whose name has the word key, has an enum value with the word
// value (readingDirection: GENERATION).
func namesValue(args map[string]any, key, value string, depth int) bool {
	for name, v := range args {
		switch x := v.(type) {
		case string:
			if hasWord(words(name), key) && hasWord(words(x), value) {
				return true
			}
		case map[string]any:
			if depth < 2 && namesValue(x, key, value, depth+1) {
				return true
			}
		case []any:
			for _, it := range x {
				if m, ok := it.(map[string]any); ok && depth < 2 && namesValue(m, key, value, depth+1) {
					return true
				}
			}
		}
	}
	return false
}

// namesFuel reports whether an argument given, or an input object's field or a list
// item up to two deep, is named for fuel (gasFilters).
func namesFuel(args map[string]any, fuel string, depth int) bool {
	for name, v := range args {
		if v == nil {
			continue
		}
		if hasWord(words(name), fuel) {
			return true
		}
		if depth >= 2 {
			continue
		}
		switch x := v.(type) {
		case map[string]any:
			if namesFuel(x, fuel, depth+1) {
				return true
			}
		case []any:
			for _, it := range x {
				if m, ok := it.(map[string]any); ok && namesFuel(m, fuel, depth+1) {
					return true
				}
			}
		}
	}
	return false
}

// meterIDs are the string values of arguments that name a meter: a device's id, a
// supply point's id or an MPAN, MPRN or MPxN, at the top or in input objects and their
// lists up to two deep.
func meterIDs(args map[string]any, depth int, out []string) []string {
	for name, v := range args {
		out = meterIDsIn(name, v, depth, out)
	}
	return out
}

func meterIDsIn(name string, v any, depth int, out []string) []string {
	switch x := v.(type) {
	case string:
		if x != "" && namesMeter(name) {
			out = append(out, x)
		}
	case map[string]any:
		if depth < 2 {
			out = meterIDs(x, depth+1, out)
		}
	case []any:
		for _, e := range x {
			out = meterIDsIn(name, e, depth, out)
		}
	}
	return out
}

// namesMeter reports whether an argument's name is that of a meter's id: deviceId,
// marketSupplyPointId, mpan, mprn, mpxn.
func namesMeter(name string) bool {
	ws := words(name)
	if len(ws) == 0 {
		return false
	}
	switch last := ws[len(ws)-1]; {
	case len(ws) == 1 && (last == "mpan" || last == "mprn" || last == "mpxn"):
		return true
	case last == "id":
		return hasWord(ws, "device", "meter") || hasWord(ws, "supply") && hasWord(ws, "point")
	}
	return false
}

// seriesKey keys the register a series of readings comes from: its list's, and the
// input objects and enums that say which meter or direction it reads
// (utilityFilters: {gasFilters: …} reads gas, not electricity), but not its grouping or
// order.
func (g *Generator) seriesKey(f *graphql.Field, fr *fieldRole, lk uint64) uint64 {
	sk := lk
	for _, a := range f.Definition.Arguments {
		v, ok := f.Args[a.Name]
		t := g.schema.Types[a.Type.Name()]
		if !ok || v == nil || t == nil || fr.window != nil && a.Name == fr.window.step || a.Name == fr.order {
			continue
		}
		if t.Kind == ast.InputObject && fr.window != nil && len(fr.window.nested) > 0 {
			v = withoutGrouping(v, fr.window.nested, a.Name)
		}
		if t.Kind == ast.InputObject || t.Kind == ast.Enum {
			sk = graphql.FieldKey(sk, a.Name, graphql.CanonicalArgs(map[string]any{a.Name: v}))
		}
	}
	return sk
}

// readings reports whether a list's items are readings, instants that are only ever
// in the past (telemetry, measurements).
func (g *Generator) readings(fr *fieldRole) bool {
	for _, c := range fr.candidates {
		if tr := g.roles.typ(c); tr == nil || tr.time != lastsInstant {
			return false
		}
	}
	return len(fr.candidates) > 0
}

// ownsRoot reports whether a query's root list names a state owner by its arguments
// (smartFlexOnboardingWizards(accountNumber:)): what it lists is that owner's.
func (g *Generator) ownsRoot(f *graphql.Field, fr *fieldRole, owner Holder) bool {
	return owner != nil && len(f.Path) == 1 && f.Operation != ast.Mutation && len(fr.names) > 0
}
