package world

import (
	"fmt"
	"maps"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/krakensim/krakensim/sim/fake"
	"github.com/krakensim/krakensim/sim/graphql"
)

// Things a list names by an enum code (a heat pump's zones: WATER, ZONE_1, ZONE_2,
// AUXILIARY): the list has one item for each code (up to twelve), in the enum's order,
// so that two lists of them agree; an item's kind (zoneType) is the one its code names,
// and its display name is its code in words.

// codeOf is def's enum field that names it, when def has no identity of its own to tell
// its items apart: one named code, or after its enum and the type (ZoneStatus's zone:
// Zone, not ZoneTelemetry's mode: Mode); "" otherwise.
func codeOf(s *ast.Schema, def *ast.Definition, identity string) string {
	if identity != "" {
		return ""
	}
	for _, f := range def.Fields {
		if f.Type.Elem != nil || len(f.Arguments) > 0 {
			continue
		}
		e := s.Types[f.Type.Name()]
		if e == nil || e.Kind != ast.Enum || len(e.EnumValues) == 0 {
			continue
		}
		if f.Name == "code" || strings.EqualFold(f.Name, e.Name) && hasWord(typeWords(def.Name), f.Name) {
			return f.Name
		}
	}
	return ""
}

// codes is how many different codes the items of a list of typ can have: those of its
// code, or of the code of a part it holds (ZoneDetail's configuration); 0 for no code.
func (r *Roles) codes(typ string) int {
	return r.codeCounts.get(typ, func() int {
		tr := r.typ(typ)
		if tr == nil {
			return 0
		}
		if tr.code != "" {
			return r.enumLen(tr, tr.code)
		}
		for _, f := range tr.def.Fields {
			if f.Type.Elem != nil || len(f.Arguments) > 0 {
				continue
			}
			if pt := r.typ(f.Type.Name()); pt != nil && pt.code != "" {
				return r.enumLen(pt, pt.code)
			}
		}
		return 0
	})
}

// enumLen is how many values the enum field of tr has.
func (r *Roles) enumLen(tr *typeRole, field string) int {
	return len(r.schema.Types[tr.def.Fields.ForName(field).Type.Name()].EnumValues)
}

// codeValue is the code an object of a list answers: what it states, else the enum's
// value at its place in its list, else the Faker's; "" when its type has no code.
func (g *Generator) codeValue(tr *typeRole, mt *meta, source map[string]any) string {
	if tr.code == "" {
		return ""
	}
	fd := tr.def.Fields.ForName(tr.code)
	if v, ok := source[fd.Name].(string); ok {
		return v
	}
	if e := g.schema.Types[fd.Type.Name()]; mt.pos > 0 {
		return e.EnumValues[(mt.pos-1)%len(e.EnumValues)].Name
	}
	v, _ := g.leafValue(tr, mt, fd, source).(string)
	return v
}

// kindOfCode is the value of a kind enum (zoneType) that a code names: the same value,
// or one that begins the other (AUX for AUXILIARY), else the kind's first value (HEAT,
// for ZONE_1).
func kindOfCode(kind *ast.Definition, code string) string {
	if code == "" || len(kind.EnumValues) == 0 {
		return ""
	}
	for _, v := range kind.EnumValues {
		if v.Name == code || strings.HasPrefix(code, v.Name) || strings.HasPrefix(v.Name, code) {
			return v.Name
		}
	}
	return kind.EnumValues[0].Name
}

// codeWords is a code told as a name: ZONE_1 is "Zone 1", WATER "Water".
func codeWords(code string) string {
	parts := strings.Split(strings.ToLower(code), "_")
	if len(parts) > 0 && parts[0] != "" {
		parts[0] = strings.ToUpper(parts[0][:1]) + parts[0][1:]
	}
	return strings.Join(parts, " ")
}

// Things a list names by a free String code (a controller's sensors) are numbered by
// what the list calls them: SENSOR01, SENSOR02…; every such list under one owner (the
// sensors of a controller's zones and of its status) draws from the same ones; and a
// field naming the primary one of a sibling list (primarySensor) names its first.

// stringCoded reports whether the items of a list of typ are named by a String code:
// every concrete type has a String field code described as its code name ("The code
// name for a sensor."), which an error's or a product's code is not.
func (r *Roles) stringCoded(typ string) bool {
	return r.coded.get(typ, func() bool {
		types := r.possible(typ)
		for _, t := range types {
			tr := r.typ(t)
			if tr == nil {
				return false
			}
			f := tr.def.Fields.ForName("code")
			if f == nil || f.Type.Elem != nil || f.Type.Name() != "String" || !strings.Contains(strings.ToLower(fieldDoc(f)), "code name") {
				return false
			}
		}
		return len(types) > 0
	})
}

// listNoun is what a list field calls one of its items, in capitals: SENSOR for sensors.
func listNoun(field string) string {
	return strings.ToUpper(lastWord(field)) // words are singular
}

// numberedCode is the code of the pos'th (from 1) item of a list that calls its items
// noun.
func numberedCode(noun string, pos int) string {
	return fmt.Sprintf("%s%02d", noun, pos)
}

// ownedCount is how many things numbered by noun (Zigbee sensors: SENSOR01…) the owner
// with scope key has: one to three.
func ownedCount(scope uint64, noun string) int {
	return 1 + int(fake.Mix64(scope^fake.HashStrings("coded", noun))%3)
}

// primaryOf is the list field of def that a String field naming its primary item
// (primarySensor) refers to; "" when fd is not such a field.
func (r *Roles) primaryOf(def *ast.Definition, fd *ast.FieldDefinition) string {
	rest, ok := strings.CutPrefix(fd.Name, "primary")
	if !ok || rest == "" || fd.Type.Name() != "String" || fd.Type.Elem != nil {
		return ""
	}
	for _, f := range def.Fields {
		if f.Type.Elem != nil && strings.EqualFold(lastWord(f.Name), rest) && r.stringCoded(f.Type.Name()) {
			return f.Name
		}
	}
	return ""
}

// Things coded by an acronym (a controller's ADC probes: ADC1, ADC2…) are a kind apart
// from those numbered by their list's noun (its Zigbee sensors: SENSOR01…). The owner's
// list of them all (its status's sensors) holds probes first; a zone's holds its share:
// the probes sit in the first zone that does not heat rooms (WATER, as a cylinder's
// probes do), the other sensors in the first that does (ZONE_1), and the other zones
// have none, so no primary sensor.

// codedKind is one kind of an owner's String-coded things: the member type of their
// list that holds it ("" for a list of one type) and the prefix of its codes.
type codedKind struct {
	typ, prefix string
	probe       bool
}

// code is the code of the i'th (from 1) thing of kind k: ADC1 for a probe, SENSOR01
// for the others.
func (k codedKind) code(i int) string {
	if k.probe {
		return k.prefix + strconv.Itoa(i)
	}
	return numberedCode(k.prefix, i)
}

// codedItem is one of an owner's String-coded things.
type codedItem struct {
	code string
	kind codedKind
}

// codedKinds are the kinds of String-coded things lists call noun: the members of the
// abstract types such lists hold, probes first; one kind numbered by noun when no list
// holds several.
func (r *Roles) codedKinds(noun string) []codedKind {
	return r.kinds.get(noun, func() []codedKind {
		var out []codedKind
		for _, name := range slices.Sorted(maps.Keys(r.schema.Types)) { // the first in name order, whatever the map's
			def := r.schema.Types[name]
			if def.Kind != ast.Object && def.Kind != ast.Interface {
				continue
			}
			for _, f := range def.Fields {
				item := r.schema.Types[f.Type.Name()]
				if f.Type.Elem == nil || item == nil || item.Kind == ast.Object || listNoun(f.Name) != noun || !r.stringCoded(item.Name) {
					continue
				}
				if ps := r.possible(item.Name); len(ps) > 1 && len(ps) > len(out) {
					out = out[:0]
					for _, p := range ps {
						k := codedKind{typ: p, prefix: noun}
						if a := acronymOf(p); a != "" && a != noun {
							k.prefix, k.probe = a, true
						}
						out = append(out, k)
					}
				}
			}
		}
		sort.SliceStable(out, func(i, j int) bool { return out[i].probe && !out[j].probe })
		if len(out) == 0 {
			out = []codedKind{{prefix: noun}}
		}
		return out
	})
}

// acronymOf is the acronym a type name begins with (ADC in ADCSensorConfiguration); ""
// when it begins with a word.
func acronymOf(name string) string {
	n := 0
	for n < len(name) && isUpper(name[n]) {
		n++
	}
	if n < 3 || n == len(name) || !isLower(name[n]) {
		return ""
	}
	return name[:n-1]
}

// inventory is every String-coded thing called noun that the owner with scope key has:
// two to four of each kind of probe, then one to three of the rest.
func (g *Generator) inventory(scope uint64, noun string) []codedItem {
	var out []codedItem
	for _, k := range g.roles.codedKinds(noun) {
		n := ownedCount(scope, noun)
		if k.probe {
			n = 2 + int(fake.Mix64(scope^fake.HashStrings("probes", k.prefix))%3)
		}
		for i := 1; i <= n; i++ {
			out = append(out, codedItem{code: k.code(i), kind: k})
		}
	}
	return out
}

// share is the part of an owner's inventory that a code-named part (a zone of type
// tr, coded code) holds (see zoneFor); the whole for what has no code.
func (g *Generator) share(tr *typeRole, code string, inv []codedItem) []codedItem {
	if tr == nil || tr.code == "" {
		return inv
	}
	codes := g.schema.Types[tr.def.Fields.ForName(tr.code).Type.Name()]
	probes := code != "" && code == zoneFor(tr, codes, g.schema, true)
	sensors := code != "" && code == zoneFor(tr, codes, g.schema, false)
	var out []codedItem
	for _, it := range inv {
		if it.kind.probe && probes || !it.kind.probe && sensors {
			out = append(out, it)
		}
	}
	return out
}

// zoneFor is the zone (a value of codes, the code enum of zone type tr) that holds its
// owner's probes, or its other sensors: probes sit in the first zone whose kind is not
// the kind enum's first (WATER, not HEAT), the others in the first zone whose kind is.
func zoneFor(tr *typeRole, codes *ast.Definition, s *ast.Schema, probe bool) string {
	var kind *ast.Definition
	for _, fd := range tr.def.Fields {
		if e := s.Types[fd.Type.Name()]; e != nil && e.Kind == ast.Enum && fd.Name != tr.code && lastWord(fd.Name) == "type" && len(e.EnumValues) > 0 {
			kind = e
			break
		}
	}
	for _, v := range codes.EnumValues {
		if rooms := kind == nil || kindOfCode(kind, v.Name) == kind.EnumValues[0].Name; rooms != probe {
			return v.Name
		}
	}
	return ""
}

// codedList is the things a String-coded list f answers holds: the owner's whole
// inventory, or its parent's share of it; nil outside an owner.
func (g *Generator) codedList(f *graphql.Field, scope uint64) []codedItem {
	if scope == 0 {
		return nil
	}
	inv := g.inventory(scope, listNoun(f.Name))
	pm := g.parentMeta(f)
	ptr := g.roles.typ(pm.typ)
	if ptr == nil || ptr.code == "" {
		return inv
	}
	source, _ := f.Source.(map[string]any)
	return g.share(ptr, g.codeValue(ptr, pm, source), inv)
}

// namedInDoc is the value of enum e that a field's description names in parentheses
// ("Sensor type (NTC)."); "" when it names none, or several.
func namedInDoc(e *ast.Definition, desc string) string {
	found := ""
	for _, v := range e.EnumValues {
		if strings.Contains(strings.ToUpper(desc), "("+v.Name+")") {
			if found != "" {
				return ""
			}
			found = v.Name
		}
	}
	return found
}

// probeRole is what a field is on a wired probe: the first probe, in a hot water
// cylinder, reads the water's temperature, the second and third the heat pump's flow and
// return, and a fourth nothing (no probe is wired to it, so it is not online); a probe
// measures no humidity, has no radio signal and is named by its code.
type probeRole uint8

const (
	probeNone   probeRole = iota
	probeNull             // humidity, signal strength: null
	probeWater            // a temperature: the water's
	probeName             // a display name: its code
	probeOnline           // whether it is online: while a probe is wired to it
)

// probeOf is what field fd of parent is on a probe.
func (r *Roles) probeOf(parent string, fd *ast.FieldDefinition, named *ast.Definition) probeRole {
	if fd.Type.Elem != nil || len(fd.Arguments) > 0 {
		return probeNone
	}
	ws := words(fd.Name)
	switch {
	case isNumeric(r.schema, named.Name) && hasWord(ws, "humidity", "rssi", "signal"):
		return probeNull
	case named.Name == "Boolean" && (fd.Name == "online" || fd.Name == "connected" || fd.Name == "isOnline"):
		return probeOnline
	case isNumeric(r.schema, named.Name) && hasWord(ws, "temperature", "celsius"):
		return probeWater
	case named.Name == "String" && (fd.Name == "displayName" || fd.Name == "name") && r.stringCoded(parent):
		return probeName
	}
	return probeNone
}

// probeValue answers field f of a probe (or of a part of one, mt).
func (g *Generator) probeValue(f *graphql.Field, mt *meta, pr probeRole, named *ast.Definition) (any, bool, error) {
	switch pr {
	case probeWater:
		switch n := probeNumber(mt.code); {
		case n >= 4:
			return nil, true, nil // an input with no probe wired to it
		case n == 2 || n == 3:
			return renderNumber(named, g.circuit(mt.scope, n == 3), 1), true, nil
		}
		if zone := g.zoneOf(mt); zone != "" {
			if sp, ok := g.setpoint(mt.scope, zone); ok {
				return renderNumber(named, g.reading(mt.scope, zone, mt.code, sp), 1), true, nil
			}
		}
		return renderNumber(named, 38+float64(newRng(mt.key^graphql.FieldKey(0, f.Name, "")).intn(170))/10, 1), true, nil
	case probeOnline:
		return probeNumber(mt.code) < 4, true, nil
	case probeName:
		if source, _ := f.Source.(map[string]any); source["code"] != nil {
			return source["code"], true, nil
		}
		return nil, false, nil
	}
	return nil, true, nil
}

// probeNumber is the number a probe's code ends with (ADC2 is 2); 0 for none.
func probeNumber(code string) int {
	i := len(code)
	for i > 0 && code[i-1] >= '0' && code[i-1] <= '9' {
		i--
	}
	n, _ := strconv.Atoi(code[i:])
	return n
}

// circuit is what a controller's second and third probes read: the heat pump's flow
// and return, 45–55 °C and 3–7 degrees apart while it reheats the cylinder, 32–45 °C
// while a room zone calls for heat, and a circuit at rest (20–26 °C, a degree apart)
// otherwise.
func (g *Generator) circuit(scope uint64, ret bool) float64 {
	r := newRng(fake.Mix64(scope ^ fake.HashStrings("circuit")))
	flow, drop := 20+float64(r.intn(61))/10, 0.5+float64(r.intn(11))/10
	if z := g.roles.zoneLayout(); z != nil {
		calls := func(zone, primary string) bool {
			sp, ok := g.setpoint(scope, zone)
			return ok && primary != "" && sp != frostSetpoint && g.reading(scope, zone, primary, sp) < sp
		}
		switch {
		case calls(z.probes, z.probe):
			flow, drop = 45+float64(r.intn(101))/10, 3+float64(r.intn(41))/10
		case calls(z.sensors, z.sensor):
			flow, drop = 32+float64(r.intn(131))/10, 3+float64(r.intn(41))/10
		}
	}
	if ret {
		return flow - drop
	}
	return flow
}

// markThing names an object by the owner's thing its code names (scope's ZONE_1), so
// that what the Faker says of it and its parts (a zone's mode and setpoint) is the same
// in its configuration and its status.
func (g *Generator) markThing(m map[string]any) {
	mt := m[metaKey].(*meta)
	if mt.scope == 0 {
		return
	}
	if code, ok := m["code"].(string); ok && g.roles.stringCoded(mt.typ) {
		mt.code = code
		return
	}
	if tr := g.roles.typ(mt.typ); tr != nil && tr.code != "" {
		mt.code = g.codeValue(tr, mt, m)
	}
}

// thingLeaf is what the Faker says of leaf f of an owner's coded thing or a part of it
// (mt): keyed by the thing, so alike in every list of it; a temperature of a water zone
// is the hot water's.
func (g *Generator) thingLeaf(f *graphql.Field, mt *meta, named *ast.Definition) any {
	idle := g.idle(mt)
	switch {
	case idle && f.Name == "mode" && named.Kind == ast.Enum && named.EnumValues.ForName("OFF") != nil:
		return "OFF"
	case idle && f.Name == "enabled" && named.Name == "Boolean":
		return false // a zone without sensors is not set up
	}
	off := idle || g.thingOff(mt)
	if off {
		if v, ok := g.offValue(f, named); ok {
			return v
		}
	}
	if v, ok := g.heatingValue(f, mt, named, off); ok {
		return v
	}
	name := f.Name
	if isNumeric(g.schema, named.Name) && hasWord(words(mt.code), "water") && !hasWord(words(name), "water") {
		name = "water" + strings.ToUpper(name[:1]) + name[1:]
	}
	return g.faker.SharedLeaf(graphql.FieldKey(thingKey(mt), f.Name, ""), f.ParentType, name, named)
}

// A thing that is off (a zone whose mode is OFF) holds only frost protection: its
// setpoint is 7 °C, nothing demands or calls for heat, and its relay and action are off.

// frostSetpoint is the temperature a zone that is off keeps, in °C.
const frostSetpoint = 7

// modeEnum is the enum of a field named mode beside a setpoint (a zone's ON, OFF, AUTO,
// BOOST) that has a value OFF, in an output type; nil when the schema has none.
func (r *Roles) modeEnum() *ast.Definition {
	r.modeOnce.Do(func() {
		for _, name := range slices.Sorted(maps.Keys(r.schema.Types)) { // the first in name order, whatever the map's
			def := r.schema.Types[name]
			if def.Kind != ast.Object {
				continue // an input's setpoint may be another scalar (Octopus's FloatSafeDecimal), drawn apart
			}
			f := def.Fields.ForName("mode")
			if f == nil || f.Type.Elem != nil || !slices.ContainsFunc(def.Fields, func(s *ast.FieldDefinition) bool { return hasWord(words(s.Name), "setpoint") }) {
				continue
			}
			if e := r.schema.Types[f.Type.Name()]; e != nil && e.Kind == ast.Enum && e.EnumValues.ForName("OFF") != nil {
				r.mode, r.modeHolder = e, def
				return
			}
		}
	})
	return r.mode
}

// thingOff reports whether the owner's thing mt names is off: its mode, alike in every
// list of it, is OFF.
func (g *Generator) thingOff(mt *meta) bool {
	e := g.roles.modeEnum()
	if e == nil {
		return false
	}
	return g.faker.SharedLeaf(graphql.FieldKey(thingKey(mt), "mode", ""), "", "mode", e) == "OFF"
}

// idle reports whether the owner's thing mt names is a zone without sensors (ZONE_2 and
// AUXILIARY, where a Cosy controller has none), which is disabled and off.
func (g *Generator) idle(mt *meta) bool {
	z := g.roles.zoneLayout()
	return z != nil && mt.scope != 0 && z.isZone(mt.code) && mt.code != z.probes && mt.code != z.sensors
}

// zones is where an owner's String-coded things sit, found once: the type of a thing
// named by an enum code that lists them (a zone's configuration, and its sensors), and
// the zones that hold the probes (WATER) and the other sensors (ZONE_1); "" for a kind
// the schema has not.
type zones struct {
	holder          *typeRole
	list, noun      string
	codes           *ast.Definition
	probes, sensors string
	probe, sensor   string // the first of each kind's codes: ADC1, SENSOR01
}

// isZone reports whether code names a zone, not a sensor.
func (z *zones) isZone(code string) bool {
	return code != "" && z.codes.EnumValues.ForName(code) != nil
}

// zoneLayout is the schema's zones; nil when no type lists String-coded things under a
// code.
func (r *Roles) zoneLayout() *zones {
	r.holderOnce.Do(func() {
		for _, name := range slices.Sorted(maps.Keys(r.schema.Types)) { // the first in name order, whatever the map's
			def := r.schema.Types[name]
			if def.Kind != ast.Object {
				continue
			}
			for _, f := range def.Fields {
				if f.Type.Elem == nil || !r.stringCoded(f.Type.Name()) {
					continue
				}
				tr := r.typ(name)
				if tr == nil || tr.code == "" {
					break
				}
				z := &zones{holder: tr, list: f.Name, noun: listNoun(f.Name), codes: r.schema.Types[def.Fields.ForName(tr.code).Type.Name()]}
				for _, k := range r.codedKinds(z.noun) {
					switch {
					case k.probe && z.probe == "":
						z.probes, z.probe = zoneFor(tr, z.codes, r.schema, true), k.code(1)
					case !k.probe && z.sensor == "":
						z.sensors, z.sensor = zoneFor(tr, z.codes, r.schema, false), k.code(1)
					}
				}
				r.zones = z
				return
			}
		}
	})
	return r.zones
}

// thingKey keys the owner's thing mt names.
func thingKey(mt *meta) uint64 { return fake.Mix64(mt.scope ^ fake.HashStrings("thing", mt.code)) }

// offValue is what leaf f of a thing that is off answers; false when being off says
// nothing of it.
func (g *Generator) offValue(f *graphql.Field, named *ast.Definition) (any, bool) {
	ws := words(f.Name)
	switch {
	case named.Kind == ast.Enum && f.Name != "mode" && named.EnumValues.ForName("OFF") != nil:
		return "OFF", true
	case named.Name == "Boolean" && hasWord(ws, "demand", "call", "relay", "switched"):
		return false, true
	case isNumeric(g.schema, named.Name) && hasWord(ws, "setpoint"):
		return renderNumber(named, frostSetpoint, 1), true
	}
	return nil, false
}

// A zone's sensors read the room it heats: its primary sensor is near the zone's
// setpoint (a little under it, or over), a room whose zone is off has cooled to 13–18
// °C, and the zone demands heat, calls for it and switches its relay on while its
// primary sensor reads under its setpoint. A water zone's probes read the cylinder the
// same way.

// heatingValue is what leaf f of a zone or sensor (mt) answers as the heating makes it;
// false for other fields and things.
func (g *Generator) heatingValue(f *graphql.Field, mt *meta, named *ast.Definition, off bool) (any, bool) {
	ws := words(f.Name)
	switch {
	case named.Name == "Boolean" && (hasWord(ws, "demand", "relay") || hasWord(ws, "call") && hasWord(ws, "heat")):
		if off || !g.isZone(mt.code) {
			return nil, false
		}
		sp, ok := g.setpoint(mt.scope, mt.code)
		if !ok {
			return nil, false
		}
		primary := g.primary(mt.code)
		if primary == "" {
			return false, true
		}
		return g.reading(mt.scope, mt.code, primary, sp) < sp, true
	case isNumeric(g.schema, named.Name) && hasWord(ws, "temperature", "celsius") && !hasWord(ws, "setpoint") && !g.isZone(mt.code):
		zone := g.zoneOf(mt)
		if zone == "" {
			return nil, false
		}
		sp, ok := g.setpoint(mt.scope, zone)
		if !ok {
			return nil, false
		}
		return renderNumber(named, g.reading(mt.scope, zone, mt.code, sp), 1), true
	}
	return nil, false
}

// isZone reports whether code names a zone, not a sensor.
func (g *Generator) isZone(code string) bool {
	z := g.roles.zoneLayout()
	return z != nil && z.isZone(code)
}

// primary is the primary sensor of the zone coded code: the first of the kind it
// holds; "" for a zone that holds none.
func (g *Generator) primary(code string) string {
	z := g.roles.zoneLayout()
	switch {
	case z == nil || code == "":
		return ""
	case code == z.probes:
		return z.probe
	case code == z.sensors:
		return z.sensor
	}
	return ""
}

// zoneOf is the zone that holds the sensor or probe mt names; "" for none.
func (g *Generator) zoneOf(mt *meta) string {
	z := g.roles.zoneLayout()
	if z == nil || mt.scope == 0 || mt.code == "" || z.isZone(mt.code) {
		return ""
	}
	if mt.probe {
		return z.probes
	}
	return z.sensors
}

// setpoint is the setpoint of the owner's zone code, as its mode's holder answers it:
// frost protection when it is off; false when the schema has no such setpoint.
func (g *Generator) setpoint(scope uint64, code string) (float64, bool) {
	g.roles.modeEnum()
	def := g.roles.modeHolder
	if def == nil {
		return 0, false
	}
	zone := &meta{scope: scope, code: code}
	if g.idle(zone) || g.thingOff(zone) {
		return frostSetpoint, true
	}
	for _, fd := range def.Fields {
		if fd.Type.Elem == nil && hasWord(words(fd.Name), "setpoint") && isNumeric(g.schema, fd.Type.Name()) {
			name := fd.Name
			if hasWord(words(code), "water") {
				name = "water" + strings.ToUpper(name[:1]) + name[1:]
			}
			return toFloat(g.faker.SharedLeaf(graphql.FieldKey(thingKey(zone), fd.Name, ""), def.Name, name, g.schema.Types[fd.Type.Name()]))
		}
	}
	return 0, false
}

// reading is what sensor reads in the owner's zone set to sp: a little under or over it
// while the zone heats, a cooled room (13–18 °C) or cylinder (20–35 °C) while it is off.
func (g *Generator) reading(scope uint64, zone, sensor string, sp float64) float64 {
	r := newRng(fake.Mix64(scope ^ fake.HashStrings("reading", zone, sensor)))
	water := hasWord(words(zone), "water")
	switch {
	case sp == frostSetpoint && water:
		return 20 + float64(r.intn(151))/10
	case sp == frostSetpoint:
		return 13 + float64(r.intn(51))/10
	case water:
		return sp - 6 + float64(r.intn(71))/10
	}
	return sp - 1.8 + float64(r.intn(25))/10
}
