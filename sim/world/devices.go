package world

import (
	"maps"
	"slices"
	"strings"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/krakensim/krakensim/sim/fake"
	"github.com/krakensim/krakensim/sim/graphql"
)

// An owner's devices decide what else the world says of them: the device a deprecated
// field registers for an owner (registeredKrakenflexDevice) is one of the devices its
// list names (devices(accountNumber:)), with the same make and model; the charging
// preferences of an owner with no vehicle, and the dispatches of an owner with no
// device, are not there.

// anyKind is the need of what any device makes possible (a dispatch, a device's record).
const anyKind = "*"

// ownedList is a root field that lists what one owner has, named by its arguments.
type ownedList struct {
	field *ast.FieldDefinition
	role  *fieldRole
}

// deviceList is the root field that lists an owner's devices, and the kind each of its
// concrete types is: the words that tell it from the others (vehicle, charge point).
type deviceList struct {
	ownedList
	kinds map[string][]string
}

// devices finds the root field that lists an owner's devices: a list whose arguments
// make it one owner's and whose type names devices. nil when the schema has none.
func (r *Roles) devices() *deviceList {
	r.devicesOnce.Do(func() {
		q := r.schema.Query
		if q == nil {
			return
		}
		for _, fd := range q.Fields {
			fr := r.field(q.Name, fd)
			if fr.kind == plainField || len(fr.owner) == 0 || len(fr.candidates) == 0 || !hasWord(words(fr.item), "device") {
				continue
			}
			if r.deviceList != nil && fd.Name != "devices" {
				continue
			}
			r.deviceList = &deviceList{ownedList{fd, fr}, kindsOf(fr.candidates)}
		}
	})
	return r.deviceList
}

// kindsOf is each type's words that no other type shares and that say nothing of
// devices in general: SmartFlexVehicle is a vehicle, SmartFlexChargePoint a charge point,
// SmartFlexDevice nothing in particular.
func kindsOf(types []string) map[string][]string {
	seen := map[string]int{}
	for _, t := range types {
		for _, w := range uniqueWords(t) {
			seen[w]++
		}
	}
	out := make(map[string][]string, len(types))
	for _, t := range types {
		var kind []string
		for _, w := range uniqueWords(t) {
			if seen[w] < len(types) && !slices.Contains([]string{"device", "type", "interface", "smart", "flex"}, w) {
				kind = append(kind, w)
			}
		}
		out[t] = kind
	}
	return out
}

func uniqueWords(name string) []string {
	var out []string
	for _, w := range words(name) {
		if !hasWord(out, w) {
			out = append(out, w)
		}
	}
	return out
}

// needs is what an owner must have for the world to answer an object of type typ for
// it: the listed device types whose kind its name or its make and model name
// (KrakenFlexDeviceType's vehicleMake and chargePointMake: a vehicle or a charge point;
// VehicleChargingPreferences: a vehicle), any device for a dispatch or another device
// record that names no kind, nil for anything else.
func (r *Roles) needs(typ string) []string {
	return r.need.get(typ, func() []string {
		dl := r.devices()
		tr := r.typ(typ)
		if dl == nil || tr == nil {
			return nil
		}
		if _, ok := dl.kinds[typ]; ok {
			return nil // the devices themselves
		}
		said := append([]string(nil), tr.words...)
		named := false // whether its makes and models name a kind of device
		for _, p := range tr.products {
			said = append(said, words(p.kind)...)
			named = named || p.kind != ""
		}
		var out []string
		for _, t := range dl.role.candidates {
			if k := dl.kinds[t]; len(k) > 0 && containsAll(said, k) && !hasWord(out, t) {
				out = append(out, t)
			}
		}
		if out == nil && !named && hasWord(tr.words, "device", "dispatch") {
			out = []string{anyKind}
		}
		return out
	})
}

// deviceIDs answers a root query's list of the ids an owner's devices of one kind
// have, named or described for that kind (octoHeatPumpControllerEuids(accountNumber:):
// the controllers of its heat pumps): an EUI-64 or the device's id for each such device
// its device list has, none when it has none; false for other fields.
func (g *Generator) deviceIDs(env *Env, f *graphql.Field) ([]any, bool) {
	def := f.Definition
	if len(f.Path) != 1 || f.Operation != ast.Query || def.Type.Elem == nil || def.Type.Elem.Elem != nil {
		return nil, false
	}
	dl := g.roles.devices()
	fw := words(f.Name)
	if dl == nil || !hasWord(fw[len(fw)-1:], "euid", "id") {
		return nil, false
	}
	kind, described := "", strings.ToLower(fieldDoc(def))
	for t, k := range dl.kinds {
		if len(k) > 0 && (containsAll(fw, k) || strings.Contains(described, strings.Join(k, " "))) && (kind == "" || t < kind) {
			kind = t
		}
	}
	if kind == "" {
		return nil, false
	}
	devs, ok := g.ownerDevices(env, f.Args)
	if !ok {
		return nil, false
	}
	out := []any{}
	for _, d := range devs {
		if d["__typename"] != kind {
			continue
		}
		id := keyString(d["id"])
		if fw[len(fw)-1] == "euid" {
			id = fake.EUI64(fake.HashStrings("controller", id))
		}
		out = append(out, id)
	}
	return out, true
}

// ownerDevices is the list of devices the owner that args name has, as the device list
// answers it; false when the schema lists no devices or args do not name its owner.
func (g *Generator) ownerDevices(env *Env, args map[string]any) ([]map[string]any, bool) {
	dl := g.roles.devices()
	if dl == nil {
		return nil, false
	}
	return g.ownerList(env, &dl.ownedList, args)
}

// ownerList is what the owned list answers for the owner that args name; false when args
// do not name its owner.
func (g *Generator) ownerList(env *Env, ol *ownedList, args map[string]any) ([]map[string]any, bool) {
	own := make(map[string]any, len(ol.role.owner))
	for _, a := range ol.role.owner {
		v, ok := args[a]
		if !ok || v == nil {
			return nil, false
		}
		own[a] = v
	}
	f := &graphql.Field{Operation: ast.Query, ParentType: g.schema.Query.Name, Name: ol.field.Name, Args: own,
		Path: []any{ol.field.Name}, Definition: ol.field, ParentKey: graphql.RootKey}
	items, err := g.items(env, f, ol.role)
	return items, err == nil
}

// ownerHas finds the owner's device of each kind typ needs (nil for one it lacks); ok
// is false when the owner lacks them all, true when typ needs nothing or the schema has
// no device list for the owner.
func (g *Generator) ownerHas(env *Env, typ string, args map[string]any) (map[string]map[string]any, bool) {
	needs := g.roles.needs(typ)
	if needs == nil {
		return nil, true
	}
	devs, ok := g.ownerDevices(env, args)
	if !ok {
		return nil, true
	}
	found := map[string]map[string]any{}
	for _, d := range devs {
		dt, _ := d["__typename"].(string)
		for _, n := range needs {
			if (n == anyKind || n == dt) && found[n] == nil {
				found[n] = d
			}
		}
	}
	return found, len(found) > 0
}

// anyLive reports whether one of an owner's devices is live (or states no lifecycle).
func (g *Generator) anyLive(env *Env, found map[string]map[string]any) bool {
	if len(found) == 0 {
		return true // the list needs no device of a kind
	}
	for _, d := range found {
		switch g.lifecycle(env, d) {
		case "", "LIVE":
			return true
		}
	}
	return false
}

// registered states, on the owner's object m of type typ, the make and model of the
// owner's device of each kind its make and model fields name (of one no list names, the
// charger its car charges through, where the owner lists none of the kind), and null
// for a kind the owner lacks, and the listed device's id.
func (g *Generator) registered(env *Env, owner map[string]any, tr *typeRole, m map[string]any, found map[string]map[string]any) {
	dl := g.roles.devices()
	spare := g.unregistered(env, owner)
	for name, p := range tr.products {
		if p.kind == "" || !p.make {
			continue
		}
		var dev map[string]any
		listed := false // whether the device list has a type of this kind at all
		for t, k := range dl.kinds {
			if len(k) > 0 && containsAll(words(p.kind), k) {
				listed = true
				if d := found[t]; d != nil {
					dev = d
				}
				for _, d := range spare {
					if d.Type == t && dev == nil {
						dev = g.deviceEntity(env, d, 0, tenseNone)
					}
				}
			}
		}
		if !listed {
			continue
		}
		if dev == nil {
			m[name], m[p.other] = nil, nil
			continue
		}
		m[name], m[p.other] = g.deviceProduct(dev)
	}
	g.registeredID(tr, m, found)
}

// unregistered are the devices of the owner that args name that no device list names.
func (g *Generator) unregistered(env *Env, args map[string]any) []Device {
	if g.opts.Devices == nil || args == nil {
		return nil
	}
	devs, _ := g.opts.Devices(env, args)
	var out []Device
	for _, d := range devs {
		if d.Unregistered {
			out = append(out, d)
		}
	}
	return out
}

// deviceProduct is the make and model of an owner's device dev: as state names them,
// else as the world picks them for it.
func (g *Generator) deviceProduct(dev map[string]any) (mk, md string) {
	dt := dev["__typename"].(string)
	key := dev[metaKey].(*meta).key
	mk, md = g.faker.Product(key, dt, "")
	if dtr := g.roles.typ(dt); dtr != nil && dtr.deviceMake != "" {
		if v, ok := dev[dtr.deviceMake].(string); ok {
			mk = v
			if md, ok = dev[dtr.products[dtr.deviceMake].other].(string); !ok {
				md, _ = g.faker.ModelOf(key, dt, "", mk)
			}
		}
	}
	return mk, md
}

// registeredID states, on the owner's object m, the id of the owner's device in the
// field that holds a device's id (krakenflexDeviceId): of the first device, in the order
// of the make fields' names, that the owner has.
func (g *Generator) registeredID(tr *typeRole, m map[string]any, found map[string]map[string]any) {
	dl := g.roles.devices()
	for _, f := range tr.def.Fields {
		ws := words(f.Name)
		if f.Type.Elem != nil || !isKeyScalar(f.Type) || len(ws) < 3 || ws[len(ws)-2] != "device" || ws[len(ws)-1] != "id" {
			continue
		}
		for _, name := range slices.Sorted(maps.Keys(tr.products)) {
			p := tr.products[name]
			for _, t := range slices.Sorted(maps.Keys(dl.kinds)) {
				k := dl.kinds[t]
				if !p.make || len(k) == 0 || !containsAll(words(p.kind), k) || found[t] == nil || m[f.Name] != nil {
					continue
				}
				if dtr := g.roles.typ(t); dtr != nil && dtr.identity != "" {
					m[f.Name] = found[t][dtr.identity]
					if pv, ok := found[t]["provider"].(string); ok && tr.def.Fields.ForName("provider") != nil {
						m["provider"] = pv // the provider state registered it through
					} else {
						g.registeredProvider(tr, m, p)
					}
				}
			}
		}
	}
}

// registeredProvider states, on the owner's object m, the provider of the device whose
// id it names, by the make and model fields p pairs: the provider the device list
// answers for that device.
func (g *Generator) registeredProvider(tr *typeRole, m map[string]any, p productField) {
	fd := tr.def.Fields.ForName("provider")
	if fd == nil || fd.Type.Elem != nil {
		return
	}
	named := g.schema.Types[fd.Type.Name()]
	mk, _ := m[tr.products[p.other].other].(string)
	md, _ := m[p.other].(string)
	if named == nil || named.Kind != ast.Enum || mk == "" {
		return
	}
	if v := g.providerOf(named, tr.def.Name, p.kind, mk, md); v != "" {
		m[fd.Name] = v
	}
}

// declared is an owner's device list as state declares it: each device of a type the
// list answers, with its id, make and model where state gives them.
func (g *Generator) declared(env *Env, f *graphql.Field, fr *fieldRole, lk uint64, devs []Device) []map[string]any {
	out := make([]map[string]any, 0, len(devs))
	for i, d := range devs {
		if g.roles.typ(d.Type) == nil || !slices.Contains(fr.candidates, d.Type) || d.Unregistered {
			continue // a type of another tenant's SDL, or a device no list names
		}
		it := g.deviceEntity(env, d, graphql.IndexKey(lk, i), fr.tense)
		it[metaKey].(*meta).scope = g.listScope(f, fr)
		if len(f.Path) == 1 {
			it[metaKey].(*meta).args = f.Args
		}
		out = append(out, it)
	}
	out = g.filter(env, f, fr, out)
	g.order(env, f, fr, out)
	return out
}

// deviceEntity is the entity of a device state declares, with its make and model.
func (g *Generator) deviceEntity(env *Env, d Device, key uint64, tn tense) map[string]any {
	it := g.entity(env, d.Type, key, d.ID, nil, tn)
	mt := it[metaKey].(*meta)
	mt.declared, mt.life, mt.state = true, d.Life, d.State
	if !d.TestCharge.From.IsZero() {
		mt.test = &d.TestCharge
	}
	if tr := g.roles.typ(d.Type); d.Provider != "" && tr != nil {
		if fd := tr.def.Fields.ForName("provider"); fd != nil && fd.Type.Elem == nil {
			if e := g.schema.Types[fd.Type.Name()]; e == nil || e.Kind != ast.Enum || e.EnumValues.ForName(d.Provider) != nil {
				it["provider"] = d.Provider
			}
		}
	}
	if tr := g.roles.typ(d.Type); d.Property != "" && tr != nil {
		if fd := tr.def.Fields.ForName("propertyId"); fd != nil && fd.Type.Elem == nil {
			it["propertyId"] = d.Property
		}
	}
	if tr := g.roles.typ(d.Type); tr != nil && tr.deviceMake != "" {
		if d.Make != "" {
			it[tr.deviceMake] = d.Make
		}
		if other := tr.products[tr.deviceMake].other; d.Model != "" && other != "" {
			it[other] = d.Model
		}
	}
	return it
}

// declaredDevice is the device of type typ (any, for "") with id v that state declares
// for any owner; false for none, or when the schema lists no devices.
func (g *Generator) declaredDevice(env *Env, typ, v string) (Device, bool) {
	if g.opts.Devices == nil || v == "" || g.roles.devices() == nil {
		return Device{}, false
	}
	devs, _ := g.opts.Devices(env, nil)
	for _, d := range devs {
		if d.ID == v && (typ == "" || d.Type == typ) && !d.Unregistered {
			return d, true
		}
	}
	return Device{}, false
}

// deviceOwner is the owner of the device state declares of type typ with id id, as the
// device list's one owner argument names it ({accountNumber: …}); nil for none.
func (g *Generator) deviceOwner(env *Env, typ, id string) map[string]any {
	dl := g.roles.devices()
	d, ok := g.declaredDevice(env, typ, id)
	if !ok || d.Owner == "" || dl == nil || len(dl.role.owner) != 1 {
		return nil
	}
	return map[string]any{dl.role.owner[0]: d.Owner}
}

// onboarded reports whether f is an optional onboarding part (onboardingWizard) of a
// device whose onboarding is over: live, or retired.
func (g *Generator) onboarded(env *Env, f *graphql.Field) bool {
	if f.Definition.Type.NonNull || !g.roles.isDevice(f.ParentType) || !hasWord(words(f.Name), "onboarding") {
		return false
	}
	src, _ := f.Source.(map[string]any)
	switch g.lifecycle(env, src) {
	case "LIVE", "RETIRED":
		return true
	}
	return false
}

// lifeOf is a device's lifecycle status as field fd of its status part (mt) says it:
// LIVE for a device its owner's state declares, which the household uses (its car is
// smart charged, its heat pump heats); else as written, or drawn.
func (g *Generator) lifeOf(tr *typeRole, mt *meta, fd *ast.FieldDefinition, source map[string]any) any {
	if _, written := source[fd.Name]; !written && mt.declared {
		e := g.schema.Types[fd.Type.Name()]
		if mt.life != "" && e != nil && e.EnumValues.ForName(mt.life) != nil {
			return mt.life
		}
		if e != nil && e.EnumValues.ForName("LIVE") != nil {
			return "LIVE"
		}
	}
	return g.leafValue(tr, mt, fd, source)
}

// lifecycleStates are the states a SmartFlex device may be in at each stage of its
// lifecycle, as Kraken's SmartFlexDeviceState documents them; a live device is suspended
// exactly when its state is SMART_CONTROL_OFF.
var lifecycleStates = map[string][]string{
	"ONBOARDING":                  {"AUTHENTICATION_PENDING", "AUTHENTICATION_FAILED", "AUTHENTICATION_COMPLETE"},
	"PENDING_LIVE":                {"AUTHENTICATION_COMPLETE", "SETUP_COMPLETE"},
	"ONBOARDING_TEST_IN_PROGRESS": {"TEST_CHARGE_IN_PROGRESS", "TEST_CHARGE_NOT_AVAILABLE"},
	"FAILED_ONBOARDING_TEST":      {"TEST_CHARGE_FAILED"},
	"LIVE":                        {"SMART_CONTROL_CAPABLE", "SMART_CONTROL_IN_PROGRESS", "BOOSTING", "SMART_CONTROL_NOT_AVAILABLE", "LOST_CONNECTION"},
	"RETIRED":                     {"RETIRED"},
}

// deviceStateOf reports whether an enum field of tr is a device's state (its enum has
// SMART_CONTROL_CAPABLE) beside a lifecycle status (an enum with LIVE and ONBOARDING),
// and names that status field and the Boolean that says it is suspended ("" for none).
func (r *Roles) deviceStateOf(tr *typeRole, named *ast.Definition) (life, flag string, ok bool) {
	if named.Kind != ast.Enum || named.EnumValues.ForName("SMART_CONTROL_CAPABLE") == nil {
		return "", "", false
	}
	for _, f := range tr.def.Fields {
		if f.Type.Elem != nil {
			continue
		}
		if f.Type.NamedType == "Boolean" && hasWord(words(f.Name), "suspended") {
			flag = f.Name
		}
	}
	for _, f := range tr.def.Fields {
		if f.Type.NamedType != named.Name && r.isLifecycle(f) {
			return f.Name, flag, true
		}
	}
	return "", "", false
}

func (r *Roles) hasEnumValues(f *ast.FieldDefinition, values ...string) bool {
	e := r.schema.Types[f.Type.NamedType]
	if e == nil || e.Kind != ast.Enum {
		return false
	}
	for _, v := range values {
		if e.EnumValues.ForName(v) == nil {
			return false
		}
	}
	return true
}

// planState is what an owner's plan says of now: nothing known, a smart charge
// scheduled or under way, or none.
type planState uint8

const (
	planUnknown planState = iota
	planCharging
	planIdle
)

// deviceState is a state of enum named that a device of lifecycle status life, and
// suspended or not, may be in, drawn by key; "" when the status allows none of them. A
// live device is BOOSTING exactly when its owner's boost charge is under way, and
// otherwise as its owner's plan says when it says.
func deviceState(named *ast.Definition, life string, suspended, boosting bool, plan planState, key uint64) string {
	if life == "LIVE" && suspended && named.EnumValues.ForName("SMART_CONTROL_OFF") != nil {
		return "SMART_CONTROL_OFF"
	}
	if life == "LIVE" && boosting && named.EnumValues.ForName("BOOSTING") != nil {
		return "BOOSTING"
	}
	if life == "LIVE" && plan != planUnknown {
		v := "SMART_CONTROL_CAPABLE"
		if plan == planCharging {
			v = "SMART_CONTROL_IN_PROGRESS"
		}
		if named.EnumValues.ForName(v) != nil {
			return v
		}
	}
	var allowed []string
	for _, v := range lifecycleStates[life] {
		if v == "BOOSTING" {
			continue
		}
		if named.EnumValues.ForName(v) != nil {
			allowed = append(allowed, v)
		}
	}
	if len(allowed) == 0 {
		return ""
	}
	return allowed[newRng(key).intn(len(allowed))]
}

// isDevice reports whether typ is one of the device list's types.
func (r *Roles) isDevice(typ string) bool {
	dl := r.devices()
	if dl == nil {
		return false
	}
	_, ok := dl.kinds[typ]
	return ok
}
