package world

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/krakensim/krakensim/internal/lazyre"
	"github.com/krakensim/krakensim/sim/fake"
	"github.com/krakensim/krakensim/sim/graphql"
)

// leafKind is what the world has to say about a leaf field.
type leafKind uint8

const (
	leafFake        leafKind = iota // nothing: the Faker's value stands
	leafAgree                       // the enum value that names the object's type
	leafNodeID                      // the global id of the object's raw id
	leafTime                        // a point in the object's span
	leafPair                        // one side of an ordered pair
	leafPlace                       // a part of the object's address
	leafQuantity                    // a reading's energy, register, demand or cost over its span
	leafProduct                     // a device's make or model, agreeing with the other
	leafDeviceName                  // a device's name: its make and model
	leafProvider                    // a device's provider enum: its make, when one names it
	leafSucceeded                   // a mutation payload's "it worked" (preferencesUpdated, success): true
	leafOnceClosed                  // closingBalance, a bill's document: null until it is over
	leafDeviceState                 // a device's state, within its lifecycle status and suspension
	leafLifecycle                   // a device's lifecycle status: LIVE for one its owner's state declares
	leafOverLimit                   // whether a car's target charge exceeds the limit beside the flag
	leafTaxed                       // a price with tax: the same price without it, plus tax
	leafKindFlag                    // a flag naming a kind of its abstract type (a Credit's isCredit): whether it is this one
	leafTax                         // the tax on an amount (salesTaxAmount): the amount with it less without
	leafStatus                      // a status that agrees with the span its list gave the object
	leafDuration                    // an interval's length (durationInSeconds): its end less its start
	leafSuccessor                   // a deprecated field: what the field its reason names instead answers
	leafLevel                       // an enum of levels (LOW, MEDIUM, HIGH): the band its object's score falls in
	leafBounded                     // a number its description bounds ("a decimal between 0 and 1")
	leafCOP                         // a heat pump's coefficient of performance: its output over its input
	leafOutdoor                     // the temperature outdoors, in the tenant's climate
	leafCode                        // the enum code naming an item of a list: a different one for each
	leafCodeKind                    // a kind enum beside a code (zoneType): the kind the code names
	leafCodeName                    // a display name beside a code: the code in words
	leafPrimary                     // the primary item of a sibling list (primarySensor): its first code, null when it is empty
	leafRetrieved                   // when a device's status was retrieved (retrievedAt): moments ago
	leafChecksum                    // the check character of a sibling identifier (nmiChecksum of identifier)
	leafPerson                      // a person's full name, title or pronouns: agreeing with their given and family name
	leafBalance                     // a balance: nothing, on what was just made
	leafSpec                        // what a maker states of the object's model: its battery size, power, years on sale
	leafClock                       // a time of day that starts or ends the object's span (timeSlotStart)
	leafTenseFlag                   // a flag saying whether the object is under way, over or to come (isActive): whether its span is
	leafStated                      // a code its description lists the values of ("e.g. IMPORT or EXPORT"): the first, the usual one
	leafFailure                     // what went wrong (error, failureReason): nothing unless its object's status says it failed
	leafRejection                   // why it was turned down (rejectionReason): nothing unless its object's status says it was
	leafFieldRef                    // a field its description says names an API field as <ParentType>.<fieldName>: a root field the schema serves
)

// leafRole is a leaf field's role, derived once per parent type and field.
type leafRole struct {
	kind    leafKind
	value   string
	tf      fake.TimeFormat
	pos     pos
	pair    pair
	product productField
	q       quantity
	// unit is a duration's unit.
	unit time.Duration
	// flag is a Boolean sibling the leaf follows: the one that says a device's smart
	// control is suspended (isSuspended), or that what a failure field reports went
	// well (isCardValid).
	flag string
	// bounds are the least and greatest values a bounded number may have.
	bounds [2]float64
	// present is the tense of the objects the field is present for (null on others),
	// negative that it is an energy whose import is negative (a dispatch's delta).
	present  tense
	negative bool
	// latest says it is the time of an object's latest reading ("Time of the latest SoC
	// limit reading"): now, as a device reports it.
	latest bool
	// tense is the tense a flag says its object is in when true (isActive: ongoing).
	tense tense
	// probe is what the field is on a wired probe (an ADC sensor) or a part of one.
	probe probeRole
	// pred is the deprecated sibling that names this field as its successor: what an
	// object states under that old name (status) this field answers (supplyStatus).
	pred string
	// choices are the values a code's description lists, the usual one first.
	choices []string
}

func (r *Roles) leaf(parent string, fd *ast.FieldDefinition, named *ast.Definition) leafRole {
	return r.leaves.get(fieldName{parent, fd.Name}, func() leafRole { return r.buildLeaf(parent, fd, named) })
}

func (r *Roles) buildLeaf(parent string, fd *ast.FieldDefinition, named *ast.Definition) leafRole {
	lr := r.leafKind(parent, fd, named)
	lr.present = presentFor(fieldDoc(fd))
	lr.latest = lr.tf != fake.NotTime && latestReadingRE().MatchString(fieldDoc(fd))
	lr.probe = r.probeOf(parent, fd, named)
	lr.negative = fd.Type.Elem == nil && isNumeric(r.schema, named.Name) && importsNegative(fieldDoc(fd))
	if tr := r.typ(parent); tr != nil && tr.charge && fd.Type.Elem == nil && isNumeric(r.schema, named.Name) && addedEnergy(fd.Name) {
		lr.negative = true // "energyAddedKwh": -6.521, as captured answers give it
	}
	if tr := r.typ(parent); tr != nil && lr.tf == fake.AsDateTime && named.Name == "String" {
		// A deprecated string a DateTime has replaced (startDt by start) was a Python
		// datetime's str.
		if other := replacedBy(tr.def, fd); other != nil && other.Type.Name() == "DateTime" {
			lr.tf = fake.AsPythonString
		}
	}
	if tr := r.typ(parent); tr != nil && !lr.negative && fd.Type.Elem == nil && isNumeric(r.schema, named.Name) {
		// A deprecated number replaced by one whose import is negative (deltaKwh by delta)
		// is signed as its replacement is.
		if other := replacedBy(tr.def, fd); other != nil && isNumeric(r.schema, other.Type.Name()) && importsNegative(fieldDoc(other)) {
			lr.negative = true
		}
	}
	if tr := r.typ(parent); tr != nil && lr.kind != leafAgree {
		for _, p := range tr.def.Fields {
			if p != fd && successor(r.schema, tr.def, p) == fd.Name {
				lr.pred = p.Name
				break
			}
		}
	}
	return lr
}

func (r *Roles) leafKind(parent string, fd *ast.FieldDefinition, named *ast.Definition) leafRole {
	tr := r.typ(parent)
	kind := ""
	if tr != nil && named.Name == "Boolean" && fd.Type.Elem == nil && len(fd.Arguments) == 0 {
		kind = r.kindFlag(tr.def, fd.Name)
	}
	switch {
	case tr == nil:
		return leafRole{}
	case tr.agree[fd.Name] != "":
		return leafRole{kind: leafAgree, value: tr.agree[fd.Name]}
	case kind != "":
		return leafRole{kind: leafKindFlag, value: kind}
	case fd.Name == tr.nodeID:
		return leafRole{kind: leafNodeID}
	case named.Name == "Boolean" && fd.Type.Elem == nil && r.payload(parent) && succeeded(fd.Name):
		return leafRole{kind: leafSucceeded}
	}
	if other := successor(r.schema, tr.def, fd); other != "" {
		return leafRole{kind: leafSuccessor, value: other}
	}
	if tr.person != nil {
		if part := personPart(fd); part != "" {
			return leafRole{kind: leafPerson, value: part}
		}
	}
	if attr, p, ok := r.specOf(tr, fd, named); ok {
		return leafRole{kind: leafSpec, value: attr, product: p}
	}
	if fd.Type.Elem == nil && isNumeric(r.schema, named.Name) {
		switch {
		case tr.heat != nil && fd.Name == tr.heat.cop:
			return leafRole{kind: leafCOP}
		case outdoorField(fd.Name):
			return leafRole{kind: leafOutdoor}
		}
	}
	if p := position(words(fd.Name)); tr.timed && named.Kind == ast.Scalar && named.Name == "Time" && fd.Type.Elem == nil && (p == posStart || p == posEnd) {
		return leafRole{kind: leafClock, pos: p} // an appointment's timeSlotStart beside its date
	}
	if fd.Type.Elem == nil && named.Kind == ast.Scalar && namesAPIField(fieldDoc(fd)) {
		return leafRole{kind: leafFieldRef} // disablesRequestsTo, whose "to" names no date
	}
	if tf := r.faker.TimeFormatOf(parent, fd.Name, named); tf != fake.NotTime {
		if hasWord(words(fd.Name), "retrieved", "fetched", "polled") {
			return leafRole{kind: leafRetrieved, tf: tf}
		}
		return leafRole{kind: leafTime, tf: tf, pos: position(words(fd.Name))}
	}
	if life, flag, ok := r.deviceStateOf(tr, named); ok {
		return leafRole{kind: leafDeviceState, value: life, flag: flag}
	}
	if r.isLifecycle(fd) {
		return leafRole{kind: leafLifecycle}
	}
	if named.Name == "Boolean" && fd.Type.Elem == nil && hasWord(words(fd.Name), "violated", "exceeded") {
		if i := slices.IndexFunc(tr.def.Fields, r.isChargeLimit); i >= 0 {
			return leafRole{kind: leafOverLimit, value: tr.def.Fields[i].Name}
		}
	}
	if v := checksumOf(tr.def, fd); v != "" {
		return leafRole{kind: leafChecksum, value: v}
	}
	if v := r.primaryOf(tr.def, fd); v != "" {
		return leafRole{kind: leafPrimary, value: v}
	}
	if tr.code != "" && fd.Type.Elem == nil && len(fd.Arguments) == 0 {
		switch {
		case fd.Name == tr.code:
			return leafRole{kind: leafCode}
		case named.Kind == ast.Enum && lastWord(fd.Name) == "type":
			return leafRole{kind: leafCodeKind}
		case named.Name == "String" && (fd.Name == "displayName" || fd.Name == "name"):
			return leafRole{kind: leafCodeName}
		}
	}
	if tr.score != "" && fd.Type.Elem == nil && levelOf(named) != nil {
		return leafRole{kind: leafLevel, value: tr.score}
	}
	if tn := tenseFlag(tr, fd); tn != tenseNone {
		return leafRole{kind: leafTenseFlag, tense: tn}
	}
	if named.Kind == ast.Enum && (fd.Name == tr.status || tr.time != lastsInstant && fd.Type.Elem == nil && lastWord(fd.Name) == "status") {
		return leafRole{kind: leafStatus} // eventStatus, resultsStatus follow the span as status does
	}
	if named.Name == "String" && fd.Type.Elem == nil && len(fd.Arguments) == 0 && hasWord(words(fd.Name), "error", "failure") {
		if flag := validityFlag(tr.def); tr.status != "" || flag != "" {
			return leafRole{kind: leafFailure, flag: flag}
		}
	}
	if (named.Name == "String" || named.Kind == ast.Enum) && fd.Type.Elem == nil && len(fd.Arguments) == 0 && tr.status != "" && hasWord(words(fd.Name), "rejection", "refusal") {
		return leafRole{kind: leafRejection}
	}
	if !fd.Type.NonNull && fd.Type.Elem == nil && r.onceClosed(tr, fd) {
		return leafRole{kind: leafOnceClosed}
	}
	if p, ok := tr.pairs[fd.Name]; ok && len(fd.Arguments) == 0 {
		return leafRole{kind: leafPair, pair: p}
	}
	if p, ok := tr.products[fd.Name]; ok {
		return leafRole{kind: leafProduct, product: p}
	}
	if tr.deviceMake != "" && len(fd.Arguments) == 0 && fd.Type.Elem == nil {
		switch {
		case fd.Name == "name" && named.Name == "String":
			return leafRole{kind: leafDeviceName}
		case fd.Name == "provider" && named.Kind == ast.Enum:
			return leafRole{kind: leafProvider}
		}
	}
	if r.faker.IsPlace(parent, fd.Name, named) {
		return leafRole{kind: leafPlace}
	}
	if q, ok := tr.quantities[fd.Name]; ok {
		return leafRole{kind: leafQuantity, q: q}
	}
	if net, ok := tr.taxed[fd.Name]; ok {
		return leafRole{kind: leafTaxed, value: net}
	}
	if tr.trio != nil && fd.Name == tr.trio.tax {
		return leafRole{kind: leafTax}
	}
	if unit, ok := r.durationUnit(tr, fd, named); ok {
		return leafRole{kind: leafDuration, unit: unit}
	}
	if choices := statedChoices(fieldDoc(fd)); len(choices) > 1 && fd.Type.Elem == nil && named.Name == "String" {
		return leafRole{kind: leafStated, choices: choices}
	}
	if lo, hi, ok := statedBounds(fieldDoc(fd)); ok && fd.Type.Elem == nil && isNumeric(r.schema, named.Name) {
		return leafRole{kind: leafBounded, bounds: [2]float64{lo, hi}}
	}
	if fd.Type.Elem == nil && isNumeric(r.schema, named.Name) && lastWord(fd.Name) == "balance" {
		return leafRole{kind: leafBalance}
	}
	return leafRole{}
}

// durationUnit is the unit of a number that is an interval's length (durationInSeconds,
// durationMinutes; seconds when the name says none); false for any other field.
func (r *Roles) durationUnit(tr *typeRole, fd *ast.FieldDefinition, named *ast.Definition) (time.Duration, bool) {
	if !tr.interval || fd.Type.Elem != nil || len(fd.Arguments) > 0 || !isNumeric(r.schema, named.Name) {
		return 0, false
	}
	ws := words(fd.Name)
	if !hasWord(ws, "duration") {
		return 0, false
	}
	switch {
	case hasWord(ws, "minute", "minutes", "mins"):
		return time.Minute, true
	case hasWord(ws, "hour", "hours"):
		return time.Hour, true
	case hasWord(ws, "day", "days"):
		return 24 * time.Hour, true
	}
	return time.Second, true
}

// Flags that say an object's tense (isActive, isExpired, isUpcoming), without is or has.
var (
	ongoingFlags = []string{"active", "current", "live", "ongoing", "running"}
	pastFlags    = []string{"expired", "ended", "finished", "over", "past", "historic", "historical", "lapsed"}
	futureFlags  = []string{"future", "upcoming", "scheduled", "planned", "pending"}
)

// tenseFlag is the tense a Boolean field of an object that ends says the object is in
// when true (an agreement's isActive: ongoing); tenseNone for other fields.
func tenseFlag(tr *typeRole, fd *ast.FieldDefinition) tense {
	ws, ok := flagWords(fd)
	if !ok || !tr.ends || len(ws) != 1 {
		return tenseNone
	}
	switch {
	case slices.Contains(ongoingFlags, ws[0]):
		return tenseOngoing
	case slices.Contains(pastFlags, ws[0]):
		return tensePast
	case slices.Contains(futureFlags, ws[0]):
		return tenseFuture
	}
	return tenseNone
}

// onceClosed reports whether a field has a value only once its object's span is over: a
// closing amount of an object that has a time, or the document of an object that is
// issued (a bill's temporaryUrl, which Kraken has not made before the bill is issued).
func (r *Roles) onceClosed(tr *typeRole, fd *ast.FieldDefinition) bool {
	ws := words(fd.Name)
	closing, document := hasWord(ws, "closing"), hasWord(ws, "url", "pdf", "download", "document")
	// What came of it (rewardGiven…, energySaved…) is known once it is over, as a
	// closing balance is.
	closing = closing || tr.time != lastsInstant && outcome(fd.Name)
	if !closing && !document {
		return false
	}
	for _, f := range tr.def.Fields {
		if f.Type.Elem != nil || r.faker.TimeFormatOf(tr.def.Name, f.Name, r.schema.Types[f.Type.Name()]) == fake.NotTime {
			continue
		}
		if closing || position(words(f.Name)) == posIssued {
			return true
		}
	}
	return false
}

// leaf answers a scalar or enum field where the world has something to say: the enum
// value that names the object's type, a point in its span, one side of an ordered pair,
// a coherent address part, a reading's quantities over its span, or a make and model that belong
// together.
func (g *Generator) leaf(env *Env, f *graphql.Field, named *ast.Definition) (any, bool, error) {
	lr := g.roles.leaf(f.ParentType, f.Definition, named)
	if lr.probe != probeNone {
		if mt := g.parentMeta(f); mt.probe {
			return g.probeValue(f, mt, lr.probe, named)
		}
	}
	if lr.latest {
		return g.faker.FormatTime(g.now(env).Truncate(time.Minute), lr.tf, named), true, nil
	}
	if lr.present != tenseNone {
		// "Present for planned dispatches, otherwise null": a planned one under way is
		// still planned.
		if tn := g.parentMeta(f).tenseOf(); tn != tenseNone && tn != lr.present && (tn != tenseOngoing || lr.present != tenseFuture) {
			return nil, true, nil
		}
	}
	mt := g.parentMeta(f)
	src, _ := f.Source.(map[string]any)
	if mt.device != nil {
		if v, ok := g.preferenceLeaf(f, named, mt.device); ok {
			return v, true, nil
		}
		if v, ok := g.carLeaf(env, f, named, mt.device); ok {
			return v, true, nil
		}
	} else if mt.declared && src != nil && g.roles.isDevice(f.ParentType) {
		if v, ok := g.carLeaf(env, f, named, src); ok {
			return v, true, nil
		}
	}
	if mt.declared && suspendedFlag(f.Definition) {
		return g.stateSuspended(mt, f.Definition, src), true, nil
	}
	if !lr.negative {
		return g.leafAs(env, f, named, lr)
	}
	v, ok, err := g.leafAs(env, f, named, lr)
	if !ok && err == nil {
		v, ok = g.faker.Leaf(graphql.FieldKey(g.parentMeta(f).key, f.Name, ""), f.ParentType, f.Name, named), true
	}
	return negative(v), ok, err
}

// suspendedFlag reports whether a field is the Boolean that says a device's smart
// control is suspended (isSuspended).
func suspendedFlag(fd *ast.FieldDefinition) bool {
	return fd.Type.Elem == nil && fd.Type.Name() == "Boolean" && hasWord(words(fd.Name), "suspended")
}

// stateSuspended is whether a device's smart control is suspended, as its flag fd says
// it: as written; a device state declares is under control until a suspension is
// written, and others' flags are drawn.
func (g *Generator) stateSuspended(mt *meta, fd *ast.FieldDefinition, source map[string]any) bool {
	if v, ok := source[fd.Name].(bool); ok {
		return v
	}
	if mt.declared {
		return false
	}
	v, _ := g.leafValue(g.roles.typ(mt.typ), mt, fd, source).(bool)
	return v
}

// negative is a number made negative (an import's energy): v itself when it is not
// positive or not a number.
func negative(v any) any {
	switch x := v.(type) {
	case float64:
		return -math.Abs(x)
	case int:
		return -max(x, -x)
	case int64:
		return -max(x, -x)
	case string:
		if f, err := strconv.ParseFloat(x, 64); err == nil && f > 0 {
			return "-" + x
		}
	}
	return v
}

// leafAs answers a leaf by its role.
func (g *Generator) leafAs(env *Env, f *graphql.Field, named *ast.Definition, lr leafRole) (any, bool, error) {
	if lr.pred != "" {
		source, _ := f.Source.(map[string]any)
		if v, ok := source[lr.pred]; ok && fits(v, named) {
			return v, true, nil
		}
	}
	if lr.kind == leafFake {
		if mt := g.parentMeta(f); mt.code != "" {
			return g.thingLeaf(f, mt, named), true, nil
		}
		return nil, false, nil
	}
	switch lr.kind {
	case leafAgree:
		return lr.value, true, nil
	case leafKindFlag:
		return lr.value == "true", true, nil
	case leafSucceeded:
		return true, true, nil // a mutation that failed answers an error instead
	}
	tr := g.roles.typ(f.ParentType)
	mt := g.parentMeta(f)
	source, _ := f.Source.(map[string]any)
	switch lr.kind {
	case leafNodeID:
		if id := keyString(source["id"]); id != "" {
			return GlobalID(f.ParentType, id), true, nil
		}
	case leafTime:
		sp := g.spanOf(env, mt, tr, source)
		p := lr.pos
		if p == posCreated && tr.madeAtStart && !sp.start.After(g.now(env)) {
			p = posPoint
		}
		t, null := at(sp, p, mt.key^graphql.FieldKey(0, f.Name, ""), g.now(env))
		if lr.pos == posEnd && (tr.time == lastsHours || sp.came && tr.time == lastsDays) {
			null = false // a session, dispatch or brownout under way still ends when it was planned to
		}
		if lr.pos == posEnd && lr.tf == fake.AsDate && tr.time.months() > 0 && t.Equal(midnight(t.In(g.zone()))) &&
			!docContains(f.Definition.Description, f.Definition.BeforeDescriptionComment, f.Definition.AfterDescriptionComment, "exclusive") {
			t = t.Add(-24 * time.Hour) // a bill's toDate is the last day it covers
		}
		if lr.pos == posStart && hasWord(words(f.Name), "week") {
			t = step{days: 7}.floor(t.In(g.zone())) // weekStart: the Monday of the week
		}
		if null && !f.Definition.Type.NonNull {
			return nil, true, nil
		}
		if sp.zone != nil {
			return g.faker.FormatTimeIn(t, lr.tf, named, sp.zone), true, nil
		}
		return g.faker.FormatTime(t, lr.tf, named), true, nil
	case leafPair:
		return g.pairValue(f, tr, mt, lr.pair, named, source), true, nil
	case leafPlace:
		if v, ok := g.faker.Place(mt.placeKey(), f.ParentType, f.Name, named, append(placeHints(source), mt.hints...)); ok {
			return v, true, nil
		}
	case leafProduct:
		return g.productValue(f, mt, lr.product, source)
	case leafDeviceName:
		mk, md, ok := g.device(f, mt, tr, source)
		if ok {
			return mk + " " + md, true, nil
		}
	case leafProvider:
		mk, md, _ := g.device(f, mt, tr, source)
		if v := g.providerOf(named, f.ParentType, "", mk, md); v != "" {
			return v, true, nil
		}
	case leafClock:
		sp := g.spanOf(env, mt, tr, source)
		t := sp.start
		if lr.pos == posEnd {
			t = sp.end
		}
		return t.In(g.zone()).Format(time.TimeOnly), true, nil
	case leafTenseFlag:
		sp, now := g.spanOf(env, mt, tr, source), g.now(env)
		switch lr.tense {
		case tensePast:
			return !sp.end.After(now), true, nil
		case tenseFuture:
			return sp.start.After(now), true, nil
		}
		return !sp.start.After(now) && sp.end.After(now), true, nil
	case leafSpec:
		if v, ok := g.spec(f, mt, tr, lr, named, source); ok {
			return v, true, nil
		}
	case leafLifecycle:
		return g.lifeOf(tr, mt, f.Definition, source), true, nil
	case leafOverLimit:
		if v, ok := g.overLimit(env, tr, mt, lr.value, source); ok {
			return v, true, nil
		}
	case leafDeviceState:
		life, _ := g.lifeOf(tr, mt, tr.def.Fields.ForName(lr.value), source).(string)
		if mt.declared && mt.state != "" && life == mt.life && named.EnumValues.ForName(mt.state) != nil {
			return mt.state, true, nil
		}
		suspended := false
		if lr.flag != "" {
			suspended = g.stateSuspended(mt, tr.def.Fields.ForName(lr.flag), source)
		}
		plan := planUnknown
		if life == "LIVE" && mt.within != nil {
			if on, known := g.charging(env, mt.within); known {
				plan = planIdle
				if on {
					plan = planCharging
				}
			}
		}
		if v := deviceState(named, life, suspended, g.boosting(env, source), plan, mt.key^graphql.FieldKey(0, f.Name, "")); v != "" {
			return v, true, nil
		}
	case leafStatus:
		if mt.span != nil && mt.span.came {
			if v := cameIn(named, mt.span.tense, mt.key^graphql.FieldKey(0, f.Name, "")); v != "" {
				return v, true, nil
			}
		} else if mt.span != nil {
			if v := statusIn(named, mt.span.tense, mt.key^graphql.FieldKey(0, f.Name, "")); v != "" {
				return v, true, nil
			}
		} else if v, ok := g.dueStatus(env, tr, mt, f.Definition, source); ok {
			return v, true, nil
		}
	case leafTaxed:
		if v, ok := toFloat(g.leafValue(tr, mt, tr.def.Fields.ForName(lr.value), source)); ok {
			return renderNumber(named, v*g.roles.tax(), 2), true, nil
		}
	case leafTax:
		if net, ok := toFloat(g.leafValue(tr, mt, tr.def.Fields.ForName(tr.trio.net), source)); ok {
			gross, given := toFloat(source[tr.trio.gross])
			if !given {
				gross = net * g.roles.tax() // as the gross leaf answers it
			}
			return renderNumber(named, gross-net, 2), true, nil
		}
	case leafOnceClosed:
		if g.spanOf(env, mt, tr, source).tense != tensePast {
			return nil, true, nil
		}
		if isNumeric(g.schema, named.Name) && outcome(f.Name) && failed(g.statusOf(env, tr, mt, source)) {
			return renderNumber(named, 0, 0), true, nil // nothing given for what failed
		}
		if v, ok := g.rewarded(tr, mt, source, f.Name); ok && isNumeric(g.schema, named.Name) {
			return renderNumber(named, v, 0), true, nil // a session's points per kWh, for what was saved
		}
	case leafFailure:
		ok := false // whether what the object is of went well
		if lr.flag != "" {
			ok = g.leafValue(tr, mt, tr.def.Fields.ForName(lr.flag), source) == true
		} else if status := g.statusOf(env, tr, mt, source); !failed(status) && !hasWord(words(status), "error", "rejected", "declined") {
			ok = true
		}
		if ok {
			if f.Definition.Type.NonNull {
				return "", true, nil
			}
			return nil, true, nil
		}
		if lastWord(f.Name) != "code" { // a failure's code is the Faker's
			return failureText(tr.def.Name), true, nil
		}
	case leafRejection:
		if !turnedDown(g.statusOf(env, tr, mt, source)) {
			if !f.Definition.Type.NonNull {
				return nil, true, nil
			} else if named.Name == "String" {
				return "", true, nil
			}
		} else if named.Name == "String" {
			return rejectionText(tr.def.Name), true, nil
		}
	case leafSuccessor:
		return g.successorValue(env, f, lr.value, source), true, nil
	case leafCOP:
		if v, ok := g.heatCOP(env, mt, tr, source); ok {
			return renderNumber(named, v, 2), true, nil
		}
	case leafOutdoor:
		v, _ := g.heatValue(env, mt, tr, source, f.Name)
		return renderNumber(named, v, 1), true, nil
	case leafChecksum:
		id, ok := source[lr.value].(string)
		if !ok {
			id, _ = g.leafValue(tr, mt, tr.def.Fields.ForName(lr.value), source).(string)
		}
		if c := nmiChecksum(id); c != "" {
			return c, true, nil
		}
	case leafBalance:
		if mt.made || mt.fresh {
			return renderNumber(named, 0, 0), true, nil
		}
	case leafPerson:
		return g.personValue(tr, mt, lr.value, source), true, nil
	case leafRetrieved:
		ago := time.Duration(5+newRng(mt.key^graphql.FieldKey(0, f.Name, "")).intn(115)) * time.Second
		return g.faker.FormatTime(g.now(env).Add(-ago), lr.tf, named), true, nil
	case leafPrimary:
		if mt.scope == 0 {
			return numberedCode(listNoun(lr.value), 1), true, nil
		}
		if z := g.roles.zoneLayout(); z != nil && z.holder == tr {
			if p := g.primary(g.codeValue(tr, mt, source)); p != "" {
				return p, true, nil
			}
			return nil, true, nil // a zone without sensors has no primary one
		}
		if share := g.share(tr, g.codeValue(tr, mt, source), g.inventory(mt.scope, listNoun(lr.value))); len(share) > 0 {
			return share[0].code, true, nil
		}
		return nil, true, nil // a zone without sensors has no primary one
	case leafCode:
		if v := g.codeValue(tr, mt, source); v != "" {
			return v, true, nil
		}
	case leafCodeKind:
		if v := kindOfCode(named, g.codeValue(tr, mt, source)); v != "" {
			return v, true, nil
		}
	case leafCodeName:
		if v := g.codeValue(tr, mt, source); v != "" {
			return codeWords(v), true, nil
		}
	case leafStated:
		return lr.choices[0], true, nil
	case leafFieldRef:
		if v := g.rootFieldRef(mt.key ^ graphql.FieldKey(0, f.Name, "")); v != "" {
			return v, true, nil
		}
	case leafBounded:
		v, _ := toFloat(g.faker.Leaf(graphql.FieldKey(mt.key, f.Name, ""), f.ParentType, f.Name, named))
		return renderNumber(named, bounded(v, lr.bounds, mt.key^graphql.FieldKey(0, f.Name, "")), boundedDecimals(lr.bounds)), true, nil
	case leafLevel:
		if v, ok := toFloat(g.leafValue(tr, mt, tr.def.Fields.ForName(lr.value), source)); ok {
			return level(levelOf(named), v), true, nil
		}
	case leafDuration:
		sp := g.spanOf(env, mt, tr, source)
		return renderNumber(named, float64(sp.end.Sub(sp.start)/lr.unit), 0), true, nil
	case leafQuantity:
		q := lr.q
		if mt.point && q.kind == qEnergy {
			q.kind = qRegister
		}
		if v, ok := quantityValue(q, mt.series, mt.key, g.spanOf(env, mt, tr, source).read(), mt.meter, g.home, tr.steady); ok {
			return renderNumber(named, v, q.decimals), true, nil
		}
	}
	return nil, false, nil
}

// boundsRE finds the range a number's description states: "a decimal between 0 and 1",
// "Ranges from 0.0 - 1.0", "Day of the month (1-31)".
var boundsRE = lazyre.New(`(?i)(?:\b(?:between|from)\s+(-?\d+(?:\.\d+)?)\s*(?:and|to|-|–)\s*(-?\d+(?:\.\d+)?)|\((-?\d+(?:\.\d+)?)\s*(?:-|–|to)\s*(-?\d+(?:\.\d+)?)\))`)

// dayOfMonthRE finds a description of a day of the month, which every month has only up
// to the 28th.
var dayOfMonthRE = lazyre.New(`(?i)\bday of (?:the |a )?month\b`)

// statedChoicesRE finds the codes a description lists as a field's values: "e.g. IMPORT
// or EXPORT", "one of GAS, ELECTRICITY or WATER", "Can be 'CHEQUE' or 'DIRECT_DEBIT'".
var statedChoicesRE = lazyre.New(`\b(?i:e\.g\.,?|one of|either|can be)\s+('?[A-Z][A-Z0-9_]+'?(?:,\s*'?[A-Z][A-Z0-9_]+'?)*,?\s+or\s+'?[A-Z][A-Z0-9_]+\b)`)

// statedChoices are the codes a string's description lists as its values; none when it
// lists none.
func statedChoices(desc string) []string {
	m := statedChoicesRE().FindStringSubmatch(desc)
	if m == nil {
		return nil
	}
	var out []string
	for _, part := range strings.FieldsFunc(m[1], func(r rune) bool { return r == ',' || r == ' ' || r == '\'' }) {
		if part != "or" {
			out = append(out, part)
		}
	}
	return out
}

// statedBounds is the range a number's description states, if it states one.
func statedBounds(desc string) (lo, hi float64, ok bool) {
	if desc == "" {
		return 0, 0, false
	}
	m := boundsRE().FindStringSubmatch(desc)
	if m == nil {
		return 0, 0, false
	}
	a, b := m[1], m[2]
	if a == "" {
		a, b = m[3], m[4]
	}
	lo, err1 := strconv.ParseFloat(a, 64)
	hi, err2 := strconv.ParseFloat(b, 64)
	if err1 != nil || err2 != nil || !(lo < hi) {
		return 0, 0, false
	}
	if hi == 31 && lo >= 1 && dayOfMonthRE().MatchString(desc) {
		hi = 28
	}
	return lo, hi, true
}

// bounded is v when it lies within b, else a value within b drawn from key.
func bounded(v float64, b [2]float64, key uint64) float64 {
	if v >= b[0] && v <= b[1] {
		return v
	}
	return b[0] + (b[1]-b[0])*float64(newRng(key).intn(1001))/1000
}

// boundedDecimals is how many decimals a number within b is told with: three within a
// unit's range (a fraction), else two.
func boundedDecimals(b [2]float64) int {
	if b[1]-b[0] <= 1 {
		return 3
	}
	return 2
}

// outcome reports whether a field is what came of something (rewardGivenInOctoPoints,
// energySavedInKwh), rather than its closing balance or document.
func outcome(name string) bool {
	return hasWord(words(name), "given", "saved", "awarded", "earned")
}

// validityFlag is the Boolean field that says whether what an object is of went well
// (isCardValid, isValid, success), "" for none.
func validityFlag(def *ast.Definition) string {
	for _, fd := range def.Fields {
		if fd.Type.Name() != "Boolean" || fd.Type.Elem != nil {
			continue
		}
		w := words(fd.Name)
		if last := w[len(w)-1]; last == "valid" && w[0] == "is" || fd.Name == "success" || fd.Name == "succeeded" || fd.Name == "isSuccessful" {
			return fd.Name
		}
	}
	return ""
}

// failureText is what went wrong with an object of the named type, in words: "The task
// failed." for a TaskResult, "The agreement rollover failed." for an AgreementRolloverType.
func failureText(typeName string) string {
	var kept []string
	for _, w := range words(typeName) {
		if !slices.Contains([]string{"type", "result", "output", "payload", "node"}, w) {
			kept = append(kept, w)
		}
	}
	if len(kept) == 0 {
		return "It failed."
	}
	return "The " + strings.Join(kept, " ") + " failed."
}

// turnedDown reports whether a status says that what it is the status of was turned
// down (REJECTED, DECLINED, REFUSED).
func turnedDown(status string) bool {
	return hasWord(words(status), "rejected", "declined", "refused", "reject", "decline", "refuse")
}

// rejectionText is why an object of the named type was turned down, in words: "The
// application was rejected." for an Application.
func rejectionText(typeName string) string {
	return strings.TrimSuffix(failureText(typeName), " failed.") + " was rejected."
}

// failed reports whether a status says that what it is the status of came to nothing
// (FAIL, MISSING_READINGS, NONE).
func failed(status string) bool {
	return hasWord(words(status), "fail", "failed", "failure", "missing", "none", "cancelled", "canceled")
}

// statusOf is the value an object's status field answers, as the executor answers it.
func (g *Generator) statusOf(env *Env, tr *typeRole, mt *meta, source map[string]any) string {
	if tr.status == "" {
		return ""
	}
	fd := tr.def.Fields.ForName(tr.status)
	if v, ok := source[fd.Name].(string); ok {
		return v
	}
	if mt.span != nil && !mt.span.came {
		if v := statusIn(g.schema.Types[fd.Type.Name()], mt.span.tense, mt.key^graphql.FieldKey(0, fd.Name, "")); v != "" {
			return v
		}
	}
	if v, ok := g.dueStatus(env, tr, mt, fd, source); ok {
		return v
	}
	s, _ := g.leafValue(tr, mt, fd, source).(string)
	return s
}

// dueStatus is the status fd of a record dated to come whose start the clock has
// passed: the enum's value for what came to pass (cameIn); false for one still to come,
// one whose status is stated, or another field.
func (g *Generator) dueStatus(env *Env, tr *typeRole, mt *meta, fd *ast.FieldDefinition, source map[string]any) (string, bool) {
	if tr == nil || fd.Name != tr.status || !g.hasTime(tr) {
		return "", false
	}
	if _, stated := source[fd.Name]; stated {
		return "", false
	}
	sp := g.spanOf(env, mt, tr, source)
	if !sp.came {
		return "", false
	}
	v := cameIn(g.schema.Types[fd.Type.Name()], sp.tense, mt.key^graphql.FieldKey(0, fd.Name, ""))
	return v, v != ""
}

// fits reports whether a value an object states answers a leaf of type named: an enum's
// value, or any non-null value of a scalar.
func fits(v any, named *ast.Definition) bool {
	if named.Kind != ast.Enum {
		return v != nil
	}
	s, _ := v.(string)
	return named.EnumValues.ForName(s) != nil
}

// productValue is a device's make or model: one of the other's when the object states
// the other, else one side of a pair drawn for the object. A stated make the Faker does
// not know leaves the model to the Faker.
func (g *Generator) productValue(f *graphql.Field, mt *meta, p productField, source map[string]any) (any, bool, error) {
	if other, ok := source[p.other].(string); ok && other != "" {
		var v string
		if p.make {
			v, ok = g.faker.MakeOf(f.ParentType, p.kind, other)
		} else {
			v, ok = g.faker.ModelOf(mt.key, f.ParentType, p.kind, other)
		}
		if !ok {
			return nil, false, nil
		}
		return v, true, nil
	}
	mk, md := g.faker.Product(mt.key, f.ParentType, p.kind)
	if p.make {
		return mk, true, nil
	}
	return md, true, nil
}

// device is the make and model of a device object, as its make and model fields answer
// them.
func (g *Generator) device(f *graphql.Field, mt *meta, tr *typeRole, source map[string]any) (string, string, bool) {
	mk, md := g.makeAndModel(f, mt, tr, tr.products[tr.deviceMake], source)
	return mk, md, mk != "" && md != ""
}

// enumNaming is the value of enum def that names s, as TESLA names Tesla; "" for none.
func enumNaming(def *ast.Definition, s string) string {
	want := strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z':
			return r - 'a' + 'A'
		case r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
			return r
		}
		return -1
	}, s)
	if want == "" {
		return ""
	}
	for _, v := range def.EnumValues {
		if v != nil && strings.ReplaceAll(v.Name, "_", "") == want {
			return v.Name
		}
	}
	return ""
}

// namesAPIField reports whether a field's description says it names a field of the API
// as <ParentType>.<fieldName> (an API brownout's disablesRequestsTo).
func namesAPIField(doc string) bool {
	return strings.Contains(doc, "<ParentType>.") && strings.Contains(doc, "fieldName>")
}

// rootFieldRef is a root query field the served schema has, as <ParentType>.<fieldName>,
// drawn by key from its deprecated ones (what a brownout turns off before removing it),
// or from them all when none is; "" for a schema without a query type.
func (g *Generator) rootFieldRef(key uint64) string {
	q := g.schema.Query
	if q == nil {
		return ""
	}
	var all, old []string
	for _, fd := range q.Fields {
		if strings.HasPrefix(fd.Name, "__") {
			continue
		}
		all = append(all, fd.Name)
		if fd.Directives.ForName("deprecated") != nil {
			old = append(old, fd.Name)
		}
	}
	if len(old) > 0 {
		all = old
	}
	if len(all) == 0 {
		return ""
	}
	return q.Name + "." + all[newRng(key).intn(len(all))]
}
