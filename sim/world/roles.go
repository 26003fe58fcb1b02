package world

import (
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/krakensim/krakensim/sim/fake"
)

// Roles says what each type and field of one schema is to the world: which field is an
// object's identity, which fields are Relay connections, key lookups, filters, time
// windows or ordered pairs. It is derived from names and types alone, so it serves any
// tenant's SDL, and is computed once per type and field, on first use.
type Roles struct {
	schema *ast.Schema
	faker  *fake.Faker

	types  memo[string, *typeRole]
	fields memo[fieldName, *fieldRole]
	leaves memo[fieldName, leafRole]
	muts   memo[string, *mutationRole]
	// mirrors are the device parts owners' objects restate, by type; shared says which
	// types of parts several kinds of an owner's devices hold alike.
	mirrors memo[string, []*mirror]
	shared  memo[string, bool]
	// leafAt is where each device type states a leaf of each kind (deviceLeaf).
	leafAt memo[[2]string, leafPath]
	// heldLeaves match a leaf to the key or field of a held entity's type, by (type,
	// leaf name, leaf type).
	heldLeaves memo[[3]string, heldMatch]
	// holders are the object types that hold an input object's values, by (type, input).
	holders memo[[2]string, string]
	// coded says which list item types are named by a String code name (a sensor's), and
	// codeCounts how many enum codes name a list's items (a zone's four).
	coded      memo[string, bool]
	codeCounts memo[string, int]
	// kinds are the kinds of String-coded things a list may call by a noun (SENSOR: ADC
	// probes, Zigbee sensors).
	kinds memo[string, []codedKind]
	// zones is where String-coded things sit under things named by a code (sensors
	// under zones), found once.
	holderOnce sync.Once
	zones      *zones
	// mode is the enum of a zone's mode, found once.
	modeOnce   sync.Once
	mode       *ast.Definition
	modeHolder *ast.Definition

	ownersOnce sync.Once
	owned      *ownership
	// makers are the making mutations whose payload may hold each type, found once;
	// madeTypes says, by type, whether one of them makes it (createComplaint:
	// ComplaintType).
	madeOnce  sync.Once
	makers    map[string][]*ast.FieldDefinition
	madeTypes memo[string, bool]

	payloadsOnce sync.Once
	payloads     map[string]bool

	// listed are the entity types some list holds, found once.
	listedOnce sync.Once
	listed     map[string]bool

	devicesOnce sync.Once
	deviceList  *deviceList
	need        memo[string, []string]

	plannedOnce sync.Once
	// scoped are the roles root lists a device names answer as, by their own (deviceScoped).
	scoped memo[*fieldRole, *fieldRole]
	// schedules are the day schedules list item types are, by type (schedule).
	schedules memo[string, *scheduleRole]
	// catalogs are the device catalogs' lists of models with ids (Variant), found once.
	catalogsOnce sync.Once
	catalogList  []catalogList
	plannedList  *ownedList // the root list of an owner's planned charges (plannedDispatches); nil for none

	taxOnce sync.Once
	taxRate float64
}

// NewRoles returns the roles table of schema; faker tells which leaves are points in time.
func NewRoles(schema *ast.Schema, faker *fake.Faker) *Roles {
	return &Roles{schema: schema, faker: faker}
}

// timeClass is how long the thing an object stands for lasts.
type timeClass uint8

const (
	lastsDays    timeClass = iota // the default: a day to a few weeks
	lastsInstant                  // a reading, a transaction, a message
	lastsHours                    // a dispatch, a saving session, a charge
	lastsMonth                    // a bill or statement period
	lastsYears                    // an agreement, an enrolment, a schedule
	lastsYear                     // an annual statement's calendar year
)

// months is how many calendar months a period of the class spans, 0 for what is not a
// calendar period.
func (c timeClass) months() int {
	switch c {
	case lastsMonth:
		return 1
	case lastsYear:
		return 12
	}
	return 0
}

// tense places an object's span relative to the session's now.
type tense uint8

const (
	tenseNone    tense = iota // unknown: past unless a status says otherwise
	tensePast                 // over
	tenseOngoing              // started, not yet over
	tenseFuture               // to come
)

// typeRole is what one object type is to the world.
type typeRole struct {
	def   *ast.Definition
	words []string
	// identity is the field that keys the entity ("" for none): a natural key (number,
	// mpan, mprn, serialNumber, deviceId) before id. alts are its other key fields.
	identity string
	alts     []string
	// global says identity answers Relay global ids (a Node without a nodeId field);
	// nodeID names the field that answers them when identity is raw.
	global bool
	nodeID string
	conn   *connRole
	time   timeClass
	tense  tense
	// peak says the object happens at the evening peak (a saving session); night that
	// it is a night to come (a greenness forecast's period), one a day; visit that it is
	// an engineer's visit, on a weekday in working hours.
	peak, night, visit bool
	// charge says the object is a slot of a car's smart charge, planned into the
	// off-peak night.
	charge bool
	// steady says the object's energy is a car charger's, drawn steadily: a charge's slot,
	// or a type named for a dispatch or a charge.
	steady bool
	// score is a score out of 100, and best the Boolean that marks a list's best scores.
	score, best string
	// heat is what a report of a heat pump's performance has; nil for other types.
	// outdoor says some field of the type is the temperature outdoors.
	heat    *heatRole
	outdoor bool
	// code is the enum field that names an object without an identity (a zone's code).
	code string
	// ranged is the allowed range the type holds and what lies within it; nil for none.
	ranged *rangeRole
	// fan is what a wind turbine's discount status holds; nil for other types.
	fan *fanRole
	// status is an enum field that says whether the object is ongoing, over or to come.
	status string
	pairs  map[string]pair
	// products pairs a device's make and model fields (vehicleMake, vehicleModel);
	// loneMake and loneModel are a make or model field without the other (a catalog's
	// make, whose models are a list of their own type).
	products            map[string]productField
	loneMake, loneModel string
	// deviceMake is the make field of the object's own make and model ("make",
	// "manufacturer"), when the object is a device.
	deviceMake string
	agree      map[string]string   // enum field → the value that names this type
	quantities map[string]quantity // a reading's energy, register, demand and cost
	taxed      map[string]string   // a price with tax → the same price without it
	trio       *taxTrio            // an amount with tax, without it, and the tax; nil for none
	person     *personRole         // the given and family name of a person; nil for other types
	// interval says the object has a start and an end (IntervalMeasurementType), not a
	// point alone (MeasurementType).
	interval bool
	// ends says the object has a field for when it ends (validTo), so that it can be over;
	// timed that it has a field that is a point in time.
	ends, timed bool
	// stat is what a statistic of a measurement has (StatisticOutput); nil for others.
	stat *statRole
	// madeAtStart says the object's only points in time are when it was made and changed
	// (a note's createdAt): it was made when it began.
	madeAtStart bool
}

// productField is one side of a device's make and model: kind is what their common
// prefix names ("vehicle", "chargePoint", or "" for the object itself).
type productField struct {
	other, kind string
	make        bool
}

// pair is one side of an ordered pair of numbers (minimumSoc, maximumSoc).
type pair struct {
	other string
	low   bool
	// within are the numbers of the same measure the pair bounds (weekdayTargetSoc).
	within []string
}

// connRole is a Relay connection type's shape.
type connRole struct {
	edges, node, cursor string // field names
	edgeType, nodeType  string
	pageInfo            string
	pageInfoType        string
	total, count        string // totalCount, edgeCount ("" when absent)
}

// fieldKind is what a field answers.
type fieldKind uint8

const (
	plainField fieldKind = iota
	listField
	connField
)

// fieldRole is what one field (with its arguments) is to the world.
type fieldRole struct {
	kind fieldKind
	// item is the object, interface or union answered (the node type of a connection).
	item  string
	conn  *connRole
	tense tense
	// candidates restrict an abstract answer to the types the field's name agrees with.
	candidates []string
	keys       []keyArg    // arguments naming the answer's identity
	filters    []filterArg // enum arguments constraining the answer
	window     *windowRole
	order      string // an ordering argument
	page       bool   // first/last/before/after
	// owner lists the arguments that make the list itself (accountNumber), sorted.
	owner []string
	// optional says a nullable entity may be absent (an export meter, a heat pump).
	optional bool
	// count is the sibling that states a list's length (referralsCreated beside
	// referrals), "" when the parent type has none.
	count string
	// horizon is how far ahead or behind a list of what is to come or is over reaches,
	// where its description says ("24 hours ahead"); 0 for no bound.
	horizon time.Duration
	// ref is what a list of references refers to (joinedEvents → events), nil for
	// other lists.
	ref *refRole
	// choices is the enum a list of a setting's choices lists (holdMusicChoices: Songs),
	// nil for other lists.
	choices *choicesRole
	// names are the arguments naming an entity by its key (accountNumber: an
	// AccountType's number), or a mutation's input fields that do, whose state the
	// answer is about.
	names []namedArg
	// report says the field reports what went wrong (a payload's errors, a product's
	// error): nothing, in a world where nothing did.
	report bool
	// list is the sibling whose items this list or connection answers too
	// (paginatedFileAttachments answers fileAttachments'), and listKind that sibling's
	// kind; "" when the field answers its own.
	list     string
	listKind fieldKind
}

// namedArg is an argument, or a field of the input object argument in, naming an
// entity of type typ by its key field.
type namedArg struct{ arg, in, typ, field string }

// value is the key the argument gives in args ("" for none).
func (n namedArg) value(args map[string]any) string {
	if n.in != "" {
		in, _ := args[n.in].(map[string]any)
		return keyString(in[n.arg])
	}
	return keyString(args[n.arg])
}

// keyArg is an argument naming an identity field of the answer's types.
type keyArg struct {
	arg, field string
	list       bool
	// via is the owner type whose state the answer views (AccountType for
	// accountStatusSearchByNumber's AccountWithStatusInfoType); "" for the answer's own key.
	via string
}

// filterArg is an enum argument matched against a field of the answer's items.
type filterArg struct {
	arg, field string
	// in is the field of an input object argument that holds the enum values, "" when
	// the argument is the enum itself (apiBrownouts(input: {statuses: [SCHEDULED]})).
	in string
	// flag is how a Boolean argument selects by a Boolean field (flagNone: an enum
	// argument selects by an enum field of its type).
	flag flagKind
	// by is what a Boolean argument with no field of its own selects by.
	by tenseFilter
}

// tenseFilter is what a Boolean argument selects by when no Boolean field answers it.
type tenseFilter uint8

const (
	byField    tenseFilter = iota // the Boolean field named by filterArg.field
	byOngoing                     // the item is under way: includeOpenStatements
	byUnissued                    // the item has no document yet: includeBillsWithoutPDF
)

// flagKind is what a Boolean argument says of the items that have a Boolean field.
type flagKind uint8

const (
	flagNone    flagKind = iota
	flagInclude          // getDevEvents: false leaves out the dev events
	flagOnly             // onlyActive: true keeps the active ones alone
	flagExclude          // excludeTest: true leaves out the test ones
	flagEqual            // devEvent: true keeps those whose devEvent is true
)

// windowRole is a time window given by arguments, and its grouping; at is a point in
// time the items must span (validAt).
type windowRole struct {
	// start and end are the arguments that bound the window, in the SDL's order (a field
	// may take startAt and startOn); the first one given counts.
	start, end []string
	step, at   string
	// wholeDays are the end arguments that are dates, which name the last day in the
	// window (Kraken's measurements(endOn:) "Latest date … (inclusive)").
	wholeDays []string
	// zone is the argument that names the time zone the window's dates and grouping are
	// in (measurements(timezone: "Europe/London")).
	zone string
	// nested are the paths to a grouping inside input objects (utilityFilters →
	// electricityFilters → readingFrequencyType), read when step is not given.
	nested [][]string
	// utc are the bounds whose description says a date-time without an offset is UTC
	// (smartMeterTelemetry(start:)); others are read in the window's zone.
	utc []string
}

// bounds are the window's start and end, where the arguments give them, in loc; a date
// is the start of its day in loc, and an end that is a date ends with that day.
func (w *windowRole) bounds(args map[string]any, loc *time.Location) (from time.Time, hasFrom bool, to time.Time, hasTo bool) {
	from, hasFrom = w.firstTime(args, w.start, loc)
	for _, n := range w.end {
		if t, ok := parseTimeRead(args[n], loc, w.naive(n, loc)); ok {
			if slices.Contains(w.wholeDays, n) {
				t = t.AddDate(0, 0, 1)
			}
			return from, hasFrom, t, true
		}
	}
	return from, hasFrom, time.Time{}, false
}

// unbounded reports whether a bound of the window is given at an end of the calendar,
// as an SDL's defaults say "no bound" (measurements(startAt = "0001-01-03…")).
func (w *windowRole) unbounded(args map[string]any) bool {
	for _, names := range [][]string{w.start, w.end} {
		for _, n := range names {
			if atCalendarEnd(args[n]) {
				return true
			}
		}
	}
	return false
}

// startsUnbounded reports whether the window's start is given at the start of the
// calendar, as an SDL's default says "the oldest readings" (measurements(startAt =
// "0001-01-03…")).
func (w *windowRole) startsUnbounded(args map[string]any) bool {
	return slices.ContainsFunc(w.start, func(n string) bool { return atCalendarStart(args[n]) })
}

// grouping is the window's step: its grouping argument's, else the first grouping given
// inside an input object, when the window has bounds to group; point is whether the
// grouping asks for the register at points in time (POINT_IN_TIME), which are then a
// half hour apart, as a smart meter's register is read.
func (w *windowRole) grouping(args map[string]any) (st step, ok, point bool) {
	if v, ok := args[w.step].(string); ok && w.step != "" {
		return groupingOf(v)
	}
	if len(w.start) == 0 && len(w.end) == 0 {
		return step{}, false, false
	}
	for _, p := range w.nested {
		if st, ok, point := nestedStep(args[p[0]], p[1:]); ok {
			return st, true, point
		}
	}
	return step{}, false, false
}

// groupingOf reads a grouping enum value as stepOf does, and one that names a point in
// time (POINT_IN_TIME) as half-hourly points.
func groupingOf(name string) (step, bool, bool) {
	if ws := words(name); hasWord(ws, "point") && hasWord(ws, "time") {
		return step{d: slot}, true, true
	}
	st, ok := stepOf(name)
	return st, ok, false
}

// nestedStep is the grouping at path in an input value, through lists, and whether it
// names points in time; false where none is given or the value names none
// (RAW_INTERVAL).
func nestedStep(v any, path []string) (step, bool, bool) {
	switch x := v.(type) {
	case []any:
		for _, it := range x {
			if st, ok, point := nestedStep(it, path); ok {
				return st, true, point
			}
		}
	case map[string]any:
		if len(path) == 0 {
			return step{}, false, false
		}
		return nestedStep(x[path[0]], path[1:])
	case string:
		if len(path) == 0 {
			return groupingOf(x)
		}
	}
	return step{}, false, false
}

// withoutGrouping is an input value without the groupings the paths under arg lead to,
// so that grouping a series does not make it read another register.
func withoutGrouping(v any, paths [][]string, arg string) any {
	for _, p := range paths {
		if p[0] == arg {
			v = dropPath(v, p[1:])
		}
	}
	return v
}

// dropPath copies v without the key at path, through lists; v itself is not changed.
func dropPath(v any, path []string) any {
	switch x := v.(type) {
	case []any:
		out := make([]any, len(x))
		for i, it := range x {
			out[i] = dropPath(it, path)
		}
		return out
	case map[string]any:
		if len(path) == 0 {
			return x
		}
		if _, ok := x[path[0]]; !ok {
			return x
		}
		out := make(map[string]any, len(x))
		for k, e := range x {
			if k != path[0] {
				out[k] = e
			} else if len(path) > 1 {
				out[k] = dropPath(e, path[1:])
			}
		}
		return out
	}
	return v
}

// naive is where the bound arg reads a date-time without an offset: UTC, where its
// description says so, else loc.
func (w *windowRole) naive(arg string, loc *time.Location) *time.Location {
	if slices.Contains(w.utc, arg) {
		return time.UTC
	}
	return loc
}

// firstTime is the first of the arguments names that holds a time, in loc.
func (w *windowRole) firstTime(args map[string]any, names []string, loc *time.Location) (time.Time, bool) {
	for _, n := range names {
		if t, ok := parseTimeRead(args[n], loc, w.naive(n, loc)); ok {
			return t, true
		}
	}
	return time.Time{}, false
}

// assumesUTC reports whether an argument's description says that a date-time without
// an offset is UTC ("If no UTC timezone offset is included, UTC (+00:00) will be
// assumed.").
func assumesUTC(desc string) bool {
	return strings.Contains(desc, "UTC") && strings.Contains(desc, "assumed")
}

// naturalKeys are the fields that key an entity before its id, as clients look them up.
var naturalKeys = []string{"number", "mpan", "mprn", "serialNumber", "deviceId"}

// fieldName names a field of a type.
type fieldName struct{ parent, field string }

// memo is a concurrency-safe map whose entries are built on first use.
type memo[K comparable, V any] struct {
	mu sync.RWMutex
	m  map[K]V
}

func (c *memo[K, V]) get(k K, build func() V) V {
	c.mu.RLock()
	v, ok := c.m[k]
	c.mu.RUnlock()
	if ok {
		return v
	}
	v = build()
	c.mu.Lock()
	if c.m == nil {
		c.m = map[K]V{}
	}
	c.m[k] = v
	c.mu.Unlock()
	return v
}

func (r *Roles) typ(name string) *typeRole {
	return r.types.get(name, func() *typeRole { return r.buildType(name) })
}

func (r *Roles) buildType(name string) *typeRole {
	def := r.schema.Types[name]
	if def == nil || (def.Kind != ast.Object && def.Kind != ast.Interface) {
		return nil
	}
	tr := &typeRole{def: def, words: typeWords(name)}
	tr.identity, tr.alts = identityOf(def, tr.words)
	if tr.identity != "" && implementsNode(r.schema, def) {
		if f := def.Fields.ForName("nodeId"); f != nil {
			tr.nodeID = "nodeId"
		} else if tr.identity == "id" {
			tr.global = true
		}
	}
	tr.conn = r.connOf(def)
	tr.time, tr.tense = classify(tr.words)
	tr.peak = tr.time == lastsHours && hasWord(tr.words, "saving") && hasWord(tr.words, "session", "event")
	tr.visit = tr.time == lastsHours && hasWord(tr.words, "visit", "appointment", "installation")
	tr.night = tr.time == lastsHours && tr.tense == tenseFuture && hasWord(tr.words, "greenness", "greener")
	tr.charge = chargeOf(r.schema, def, tr.time)
	tr.steady = tr.charge || hasWord(words(def.Name), "dispatch", "dispatches", "charge", "charging")
	tr.score, tr.best = scoreOf(r.schema, def)
	tr.heat = heatOf(r.schema, def, tr.words)
	tr.outdoor = slices.ContainsFunc(def.Fields, func(f *ast.FieldDefinition) bool { return outdoorField(f.Name) })
	tr.code = codeOf(r.schema, def, tr.identity)
	tr.ranged = rangeOf(r.schema, def, tr.words)
	if def.Kind == ast.Object {
		tr.fan = r.fanOf(def)
	}
	var starts, ends, made, other bool
	for _, f := range def.Fields {
		fd := r.schema.Types[f.Type.Name()]
		if fd == nil || f.Type.Elem != nil {
			continue
		}
		if fd.Kind == ast.Enum && tr.status == "" && isStatusName(f.Name) {
			tr.status = f.Name
		}
		if r.faker.TimeFormatOf(name, f.Name, fd) != fake.NotTime {
			tr.timed = true
			switch position(words(f.Name)) {
			case posStart:
				starts = true
			case posEnd:
				ends = true
			case posCreated:
				made = true
			case posUpdated:
				continue
			}
			other = other || position(words(f.Name)) != posCreated
		}
	}
	tr.interval, tr.ends = starts && ends, ends
	tr.stat = r.statisticOf(name)
	tr.madeAtStart = made && !other
	tr.pairs = pairsOf(r.schema, def)
	tr.products, tr.loneMake, tr.loneModel = productsOf(def)
	for _, f := range def.Fields {
		if p, ok := tr.products[f.Name]; ok && p.make && p.kind == "" {
			tr.deviceMake = f.Name
			break
		}
	}
	tr.agree = r.agreements(def, tr.words)
	tr.quantities = quantities(r.schema, def, r.tax())
	tr.trio = taxTrioOf(r.schema, def)
	tr.taxed = taxedPairs(r.schema, def, tr.trio)
	tr.person = personOf(def)
	return tr
}

func implementsNode(s *ast.Schema, def *ast.Definition) bool {
	for _, i := range def.Interfaces {
		if i == "Node" {
			return true
		}
	}
	return def.Name == "Node" && def.Kind == ast.Interface && s.Types["Node"] == def
}

// identityOf picks the key field of an object type and its other key fields.
func identityOf(def *ast.Definition, tw []string) (string, []string) {
	var keys []string
	for _, k := range naturalKeys {
		f := def.Fields.ForName(k)
		if f == nil || !isKeyScalar(f.Type) {
			continue
		}
		if k == "number" && !hasWord(tw, "account", "ledger") {
			continue
		}
		keys = append(keys, k)
	}
	if f := def.Fields.ForName("id"); f != nil && isKeyScalar(f.Type) {
		keys = append(keys, "id")
	}
	if len(keys) == 0 {
		return "", nil
	}
	return keys[0], keys[1:]
}

func isKeyScalar(t *ast.Type) bool {
	if t.Elem != nil {
		return false
	}
	switch t.NamedType {
	case "ID", "String", "Int":
		return true
	}
	return false
}

func isStatusName(name string) bool {
	ws := words(name)
	last := ws[len(ws)-1]
	return last == "status" || last == "state"
}

// classify says how long an object of a type with these words lasts, and when it lies.
func classify(ws []string) (timeClass, tense) {
	tn := tenseNone
	switch {
	case hasWord(ws, "planned", "forecast", "upcoming", "scheduled", "future", "next"):
		tn = tenseFuture
	case hasWord(ws, "live", "latest", "current", "active"):
		tn = tenseOngoing // what is so now: live telemetry, the latest reading, active offers
	case hasWord(ws, "available") && hasWord(ws, "slot", "slots", "timeslot", "timeslots"):
		tn = tenseFuture // slots available to book
	}
	switch {
	case hasWord(ws, "reading", "telemetry", "measurement", "snapshot", "sample", "transaction", "payment", "message",
		"note", "log", "credit", "charge", "refund", "repayment", "entry", "email", "sms", "print", "comment", "attachment"):
		if hasWord(ws, "session", "dispatch", "schedule", "instruction", "agreement") {
			break
		}
		return lastsInstant, tn
	}
	switch {
	case hasWord(ws, "dispatch", "session", "slot", "timeslot", "event", "boost", "window", "interval", "consumption", "usage", "outage", "visit", "appointment"),
		tn == tenseFuture && hasWord(ws, "forecast") && hasWord(ws, "period"): // a forecast's periods are hours, not bills
		return lastsHours, tn
	case hasWord(ws, "bill", "statement", "invoice", "billing", "period"):
		if hasWord(ws, "annual", "yearly") {
			return lastsYear, tn
		}
		return lastsMonth, tn
	case hasWord(ws, "agreement", "contract", "enrolment", "enrollment", "tariff", "membership", "subscription", "schedule",
		"plan", "lease", "occupancy", "supply", "registration", "instruction", "mandate", "meter", "property", "account", "tenancy"):
		return lastsYears, tn
	}
	return lastsDays, tn
}

var (
	lowWords  = []string{"min", "minimum", "lower", "low", "floor", "from", "start"}
	highWords = []string{"max", "maximum", "upper", "high", "ceiling", "to", "end"}
)

// pairsOf finds ordered pairs of numeric fields: minimumSoc/maximumSoc, tempLow/tempHigh.
func pairsOf(s *ast.Schema, def *ast.Definition) map[string]pair {
	var out map[string]pair
	byRest := map[string][2]string{}
	for _, f := range def.Fields {
		if f.Type.Elem != nil || !isNumeric(s, f.Type.NamedType) {
			continue
		}
		ws := words(f.Name)
		if len(ws) < 2 {
			continue
		}
		for _, side := range []struct {
			list []string
			i    int
		}{{lowWords, 0}, {highWords, 1}} {
			var rest string
			switch {
			case slices.Contains(side.list, ws[0]):
				rest = "<" + strings.Join(ws[1:], " ")
			case slices.Contains(side.list, ws[len(ws)-1]):
				rest = ">" + strings.Join(ws[:len(ws)-1], " ")
			default:
				continue
			}
			p := byRest[rest]
			p[side.i] = f.Name
			byRest[rest] = p
		}
	}
	for rest, p := range byRest {
		if p[0] == "" || p[1] == "" {
			continue
		}
		if out == nil {
			out = map[string]pair{}
		}
		within := boundedBy(s, def, p, words(rest[1:]))
		out[p[0]] = pair{other: p[1], low: true, within: within}
		out[p[1]] = pair{other: p[0], within: within}
	}
	return out
}

// boundedBy are the numeric fields of def, other than the pair p, that name the
// measure the pair's rest words name, units aside: minimumSoc and maximumSoc bound
// weekdayTargetSoc and weekendTargetSoc.
func boundedBy(s *ast.Schema, def *ast.Definition, p [2]string, rest []string) []string {
	measure := measureOf(rest)
	if len(measure) == 0 {
		return nil
	}
	var out []string
	for _, f := range def.Fields {
		if f.Name == p[0] || f.Name == p[1] || f.Type.Elem != nil || len(f.Arguments) > 0 || !isNumeric(s, f.Type.NamedType) {
			continue
		}
		if ws := words(f.Name); containsAll(ws, measure) && !hasWord(ws, lowWords...) && !hasWord(ws, highWords...) {
			out = append(out, f.Name)
		}
	}
	return out
}

// unitWords are the words of a field's name that say its unit, not what it measures.
var unitWords = []string{"percentage", "percent", "pct", "in", "kwh", "kw"}

// measureOf is what a field's name words say it measures, units aside
// (minimumSocPercentage: minimum soc).
func measureOf(ws []string) []string {
	return slices.DeleteFunc(slices.Clone(ws), func(w string) bool { return slices.Contains(unitWords, w) })
}

// plainString reports whether a field is a single String with no arguments.
func plainString(fd *ast.FieldDefinition) bool {
	return fd.Type.Elem == nil && fd.Type.NamedType == "String" && len(fd.Arguments) == 0
}

// productsOf finds make and model String fields with a common prefix: vehicleMake and
// vehicleModel, make and model, manufacturer and model or modelName; and a plain make
// or model field that has no such partner.
func productsOf(def *ast.Definition) (pairs map[string]productField, loneMake, loneModel string) {
	plain := func(name string) bool {
		f := def.Fields.ForName(name)
		return f != nil && plainString(f)
	}
	for _, f := range def.Fields {
		if !plain(f.Name) {
			continue
		}
		var prefix string
		switch {
		case strings.HasSuffix(f.Name, "Manufacturer"), f.Name == "manufacturer":
			prefix = strings.TrimSuffix(strings.TrimSuffix(f.Name, "Manufacturer"), "manufacturer")
		case strings.HasSuffix(f.Name, "Make"), f.Name == "make":
			prefix = strings.TrimSuffix(strings.TrimSuffix(f.Name, "Make"), "make")
		default:
			continue
		}
		cands := []string{prefix + "Model", prefix + "ModelName"}
		if prefix == "" {
			cands = []string{"model", "modelName"}
		}
		for _, name := range cands {
			if !plain(name) {
				continue
			}
			if pairs == nil {
				pairs = map[string]productField{}
			}
			pairs[f.Name] = productField{other: name, kind: prefix, make: true}
			pairs[name] = productField{other: f.Name, kind: prefix}
			break
		}
	}
	if plain("make") && pairs["make"].other == "" {
		loneMake = "make"
	}
	if plain("model") && pairs["model"].other == "" {
		loneModel = "model"
	}
	return pairs, loneMake, loneModel
}

func isNumeric(s *ast.Schema, name string) bool {
	switch name {
	case "Int", "Float", "Decimal", "BigInt":
		return true
	}
	d := s.Types[name]
	return d != nil && d.Kind == ast.Scalar && strings.Contains(strings.ToLower(name), "decimal")
}

// agreements maps each enum field of a member of an abstract type to the value that names
// the member: deviceType HEAT_PUMPS on SmartFlexHeatPump, billType STATEMENT on StatementType.
func (r *Roles) agreements(def *ast.Definition, tw []string) map[string]string {
	if def.Kind != ast.Object || !r.isMember(def.Name) {
		return nil
	}
	var out map[string]string
	for _, f := range def.Fields {
		e := r.schema.Types[f.Type.Name()]
		if e == nil || e.Kind != ast.Enum || f.Type.Elem != nil {
			continue
		}
		v := agreeingValue(e, tw)
		if v == "" && hasWord([]string{lastWord(f.Name)}, "type", "kind", "category") {
			v = headValue(e, tw)
		}
		if v == "" {
			v = namedInDoc(e, fieldDoc(f)) // "Sensor type (NTC)."
		}
		if v != "" {
			if out == nil {
				out = map[string]string{}
			}
			out[f.Name] = v
		}
	}
	return out
}

// kindFlag is what a Boolean is<Kind> of a member of an abstract type answers: "true"
// when Kind names the member (a Credit's isCredit, a Charge's isAccountCharge), "false"
// when it names another member (a Credit's isAccountCharge), "" when it names none.
func (r *Roles) kindFlag(def *ast.Definition, name string) string {
	fw := words(name)
	if len(fw) < 2 || fw[0] != "is" || def.Kind != ast.Object {
		return ""
	}
	fw = fw[1:]
	names := func(t string) bool {
		tw := typeWords(t)
		return isSuffix(fw, tw) || isSuffix(tw, fw)
	}
	if names(def.Name) {
		return "true"
	}
	var abstract []string
	abstract = append(abstract, def.Interfaces...)
	for _, d := range r.schema.Types {
		if d.Kind == ast.Union && slices.Contains(d.Types, def.Name) {
			abstract = append(abstract, d.Name)
		}
	}
	for _, a := range abstract {
		if len(r.possible(a)) > 20 {
			continue // Node: its members are not kinds of one thing
		}
		for _, p := range r.possible(a) {
			if p != def.Name && names(p) {
				return "false"
			}
		}
	}
	return ""
}

// agreeingValue is the enum value whose words all name the type (the longest such).
func agreeingValue(e *ast.Definition, tw []string) string {
	best, bestN, ties := "", 0, 0
	for _, v := range e.EnumValues {
		vw := words(v.Name)
		if !containsAll(tw, vw) {
			continue
		}
		switch {
		case len(vw) > bestN:
			best, bestN, ties = v.Name, len(vw), 0
		case len(vw) == bestN:
			ties++
		}
	}
	if ties > 0 {
		return ""
	}
	return best
}

// headValue is the one value of a kind enum that names, in the plural, the category of
// what the type is (SmartFlexVehicle's ELECTRIC_VEHICLES), "" when none or several do. A charger is of
// the vehicles it charges, as Kraken files a SmartFlexChargePoint.
func headValue(e *ast.Definition, tw []string) string {
	head := tw[len(tw)-1]
	if hasWord(tw, "charge", "charger", "charging") {
		head = "vehicle"
	}
	found := ""
	for _, v := range e.EnumValues {
		last := strings.ToLower(v.Name[strings.LastIndex(v.Name, "_")+1:]) // words() makes it singular
		if singular(last) != head || singular(last) == last {
			continue
		}
		if found != "" {
			return ""
		}
		found = v.Name
	}
	return found
}

func (r *Roles) isMember(name string) bool {
	def := r.schema.Types[name]
	if def == nil {
		return false
	}
	if len(def.Interfaces) > 0 {
		return true
	}
	for _, d := range r.schema.Types {
		if d.Kind == ast.Union && slices.Contains(d.Types, name) {
			return true
		}
	}
	return false
}

// connOf recognises a Relay connection: edges of objects with a node, and pageInfo.
func (r *Roles) connOf(def *ast.Definition) *connRole {
	edges, info := def.Fields.ForName("edges"), def.Fields.ForName("pageInfo")
	if edges == nil || info == nil || edges.Type.Elem == nil {
		return nil
	}
	et := r.schema.Types[edges.Type.Name()]
	if et == nil || et.Kind != ast.Object {
		return nil
	}
	node := et.Fields.ForName("node")
	if node == nil || node.Type.Elem != nil {
		return nil
	}
	c := &connRole{edges: "edges", node: "node", edgeType: et.Name, nodeType: node.Type.Name(), pageInfo: "pageInfo", pageInfoType: info.Type.Name()}
	if et.Fields.ForName("cursor") != nil {
		c.cursor = "cursor"
	}
	if f := def.Fields.ForName("totalCount"); f != nil && isNumeric(r.schema, f.Type.NamedType) {
		c.total = "totalCount"
	}
	if f := def.Fields.ForName("edgeCount"); f != nil && isNumeric(r.schema, f.Type.NamedType) {
		c.count = "edgeCount"
	}
	return c
}

// possible lists the concrete types of name (itself for an object), sorted.
func (r *Roles) possible(name string) []string {
	def := r.schema.Types[name]
	if def == nil {
		return nil
	}
	if def.Kind == ast.Object {
		return []string{name}
	}
	var out []string
	for _, p := range r.schema.GetPossibleTypes(def) {
		if p.Kind == ast.Object { // interfaces implementing def are never a value's type
			out = append(out, p.Name)
		}
	}
	sort.Strings(out)
	return out
}

func (r *Roles) field(parent string, def *ast.FieldDefinition) *fieldRole {
	return r.fields.get(fieldName{parent, def.Name}, func() *fieldRole { return r.buildField(parent, def) })
}

func (r *Roles) buildField(parent string, def *ast.FieldDefinition) *fieldRole {
	named := def.Type.Name()
	fr := &fieldRole{item: named}
	fw := words(def.Name)
	if tr := r.typ(named); tr != nil && tr.conn != nil && def.Type.Elem == nil {
		fr.kind, fr.conn, fr.item = connField, tr.conn, tr.conn.nodeType
	} else if def.Type.Elem != nil {
		fr.kind = listField
	}
	_, fr.tense = classify(fw)
	if hasWord(fw, "completed", "past", "previous", "history", "historic", "historical", "last", "recent") {
		fr.tense = tensePast
	}
	fr.candidates = r.agreeingTypes(fr.item, fw)
	if fr.kind == plainField {
		fr.candidates = r.parentsKind(parent, fr.item, fr.candidates)
	}
	fr.report = isReport(parent, def, fw)
	fr.optional = fr.kind == plainField && !def.Type.NonNull && r.isEntity(named) && r.isEntity(parent) && !namedAfter(words(parent), fw)
	for _, a := range def.Arguments {
		r.argRole(fr, a)
	}
	if m, q := r.schema.Mutation, r.schema.Query; m != nil && parent == m.Name || q != nil && parent == q.Name {
		if arg, in := r.inputObject(def); arg != nil {
			// createAccountNote(input: {accountNumber:}), accountUserFromAccountNumber(input:
			// {accountNumber:}): about that account.
			for _, f := range in.Fields {
				if typ, field, ok := r.argEntity(&ast.ArgumentDefinition{Name: f.Name, Type: f.Type}); ok {
					fr.names = append(fr.names, namedArg{f.Name, arg.Name, typ, field})
				}
			}
		}
	}
	sort.Strings(fr.owner)
	if fr.kind != plainField {
		fr.list, fr.listKind = r.sharedList(parent, def.Name, fr.item)
		fr.count = r.countOf(parent, def.Name)
		fr.horizon = horizonOf(fieldDoc(def))
		fr.ref = r.reference(fr.item)
	}
	if fr.kind == listField {
		fr.choices = r.choicesOf(parent, def)
	}
	return fr
}

// pagingWords are the words that name a connection beside a plain list of the same
// items (paginatedFileAttachments beside fileAttachments).
var pagingWords = []string{"paginated", "paged"}

// sharedList is the sibling of parent's list or connection field name that lists the
// same items under the same name but for a paging word, and its kind: the plain list
// both answer; "" when there is none or name is that list.
func (r *Roles) sharedList(parent, name, item string) (string, fieldKind) {
	def := r.schema.Types[parent]
	own := words(name)
	if def == nil || !hasWord(own, pagingWords...) {
		return "", plainField
	}
	base := slices.DeleteFunc(slices.Clone(own), func(w string) bool { return slices.Contains(pagingWords, w) })
	for _, fd := range def.Fields {
		if fd.Name == name || !slices.Equal(words(fd.Name), base) {
			continue
		}
		kind, it := listField, fd.Type.Name()
		if tr := r.typ(it); tr != nil && tr.conn != nil && fd.Type.Elem == nil {
			kind, it = connField, tr.conn.nodeType
		} else if fd.Type.Elem == nil {
			continue
		}
		if it == item {
			return fd.Name, kind
		}
	}
	return "", plainField
}

// isReport reports whether a field reports errors or alerts: named error or errors
// (readingErrors, predictedBillError), of an error type (ErrorType,
// ReadingValidationSaveErrorUnion), or alerts of an alert type (a device's active
// alerts, SmartFlexDeviceAlertInterface), and not itself part of one (a
// ValidationErrorType's fieldErrors). A payload's possibleErrors lists what the
// mutation may raise, and is not one.
func isReport(parent string, def *ast.FieldDefinition, fw []string) bool {
	// words are singular: errors is "error".
	last := fw[len(fw)-1]
	if last != "error" && last != "alert" || fw[0] == "possible" || hasWord(words(parent), last) || !hasWord(words(def.Type.Name()), last) {
		return false
	}
	return def.Type.Elem != nil || !def.Type.NonNull
}

// namedAfter reports whether a type's name holds all of a field's words, as
// OctoHeatPumpControllerConfiguration holds heatPump: what the object is about is there.
// (Only a relation between entities may be absent: the entities an object without an
// identity holds, a configuration or a report, are its content.)
func namedAfter(typeWords, fieldWords []string) bool {
	for _, w := range fieldWords {
		if !slices.Contains(typeWords, w) {
			return false
		}
	}
	return len(fieldWords) > 0
}

// isEntity reports whether every concrete type of name has an identity.
func (r *Roles) isEntity(name string) bool {
	ps := r.possible(name)
	for _, p := range ps {
		if tr := r.typ(p); tr == nil || tr.identity == "" {
			return false
		}
	}
	return len(ps) > 0
}

// agreeingTypes keeps the concrete types of an abstract answer whose names carry the
// words the field adds to its type's name (gasAgreement: AgreementInterface → the gas ones).
func (r *Roles) agreeingTypes(item string, fw []string) []string {
	return namedBy(r.possible(item), item, fw)
}

// namedBy keeps, of types that item's field may answer, those whose names hold every
// word of ws that item's does not; all of them when none does, or ws adds no word.
func namedBy(types []string, item string, ws []string) []string {
	if len(types) < 2 {
		return types
	}
	iw := typeWords(item)
	var extra []string
	for _, w := range ws {
		if !hasWord(iw, w) {
			extra = append(extra, w)
		}
	}
	if len(extra) == 0 {
		return types
	}
	var out []string
	for _, t := range types {
		if containsAll(typeWords(t), extra) {
			out = append(out, t)
		}
	}
	if len(out) == 0 {
		return types
	}
	return out
}

// parentsKind keeps, of the types a parent's single object field may answer, those of
// the parent's own kind: a vehicle's status (SmartFlexDeviceStatusInterface) is a
// SmartFlexVehicleStatus, the words its type's name has beyond the field's type's; all
// of them when none is.
func (r *Roles) parentsKind(parent, item string, types []string) []string {
	return namedBy(types, item, typeWords(parent))
}

// argRole files one argument under the role it plays.
func (r *Roles) argRole(fr *fieldRole, a *ast.ArgumentDefinition) {
	switch a.Name {
	case "first", "last", "before", "after", "offset":
		fr.page = true
		return
	case "orderBy", "ordering", "sortBy", "sort", "order":
		fr.order = a.Name
		return
	}
	at := r.schema.Types[a.Type.Name()]
	if at == nil {
		return
	}
	if fake.ZoneArg(a.Name) && at.Kind == ast.Scalar && a.Type.Elem == nil {
		r.window(fr).zone = a.Name
		return
	}
	if k, ok := r.keyArg(fr.item, a); ok {
		fr.keys = append(fr.keys, k)
		return
	}
	if k, ok := r.viewArg(fr, a); ok {
		fr.keys = append(fr.keys, k)
		return
	}
	if at.Kind == ast.Enum {
		if isStep(at) {
			r.window(fr).step = a.Name
			return
		}
		if f := r.enumField(fr.item, at.Name); f != "" {
			fr.filters = append(fr.filters, filterArg{arg: a.Name, field: f})
			return
		}
	}
	if at.Kind == ast.Scalar && a.Type.Elem == nil && r.faker.TimeFormatOf("", a.Name, at) != fake.NotTime {
		if assumesUTC(argDoc(a)) {
			r.window(fr).utc = append(r.window(fr).utc, a.Name)
		}
		switch position(words(a.Name)) {
		case posStart:
			r.window(fr).start = append(r.window(fr).start, a.Name)
			return
		case posEnd, posIssued:
			r.window(fr).end = append(r.window(fr).end, a.Name)
			if r.faker.TimeFormatOf("", a.Name, at) == fake.AsDate && !strings.Contains(argDoc(a), "exclusive") {
				r.window(fr).wholeDays = append(r.window(fr).wholeDays, a.Name)
			}
			return
		case posPoint:
			if fr.kind != plainField {
				r.window(fr).at = a.Name
				return
			}
		}
	}
	if at.Kind == ast.InputObject {
		for _, in := range at.Fields {
			if et := r.schema.Types[in.Type.Name()]; et != nil && et.Kind == ast.Enum && !isStep(et) {
				if f := r.enumField(fr.item, et.Name); f != "" {
					fr.filters = append(fr.filters, filterArg{arg: a.Name, field: f, in: in.Name})
				}
			}
		}
		for _, p := range r.stepPaths(at, 0) {
			r.window(fr).nested = append(r.window(fr).nested, append([]string{a.Name}, p...))
		}
	}
	if at.Kind == ast.Scalar && a.Type.NamedType == "Boolean" {
		if f, flag := r.flagField(fr.item, a.Name); f != "" {
			fr.filters = append(fr.filters, filterArg{arg: a.Name, field: f, flag: flag})
		} else if flag, by := r.tenseFlag(fr.item, a.Name); by != byField {
			fr.filters = append(fr.filters, filterArg{arg: a.Name, flag: flag, by: by})
		}
		return // include/only flags change the selection, not the list's identity
	}
	if a.Type.NonNull {
		fr.owner = append(fr.owner, a.Name)
	}
	if typ, field, ok := r.argEntity(a); ok {
		fr.names = append(fr.names, namedArg{a.Name, "", typ, field})
	}
}

// viewArg matches an argument naming an owner by its key (accountNumber: AccountType's
// number) to a single object that views the owner: a type named for the owner
// (AccountWithStatusInfoType) with the owner's key field, which the owner does not hold
// as a part of its own (not AccountUserType, which AccountType's users hold).
func (r *Roles) viewArg(fr *fieldRole, a *ast.ArgumentDefinition) (keyArg, bool) {
	owner, field, ok := r.argEntity(a)
	def := r.schema.Types[fr.item]
	if !ok || fr.kind != plainField || fr.item == owner || def == nil || def.Kind != ast.Object {
		return keyArg{}, false
	}
	if f := def.Fields.ForName(field); f == nil || !isKeyScalar(f.Type) {
		return keyArg{}, false
	}
	ow, iw := typeWords(owner), typeWords(fr.item)
	if len(iw) <= len(ow) || !slices.Equal(iw[:len(ow)], ow) {
		return keyArg{}, false
	}
	for _, f := range r.schema.Types[owner].Fields {
		if f.Type.Name() == fr.item {
			return keyArg{}, false
		}
	}
	return keyArg{arg: a.Name, field: field, via: owner}, true
}

// argEntity is the object type and key field an argument names by its words: the
// type's name and the key's (accountNumber: AccountType's number, propertyId:
// PropertyType's id).
func (r *Roles) argEntity(a *ast.ArgumentDefinition) (string, string, bool) {
	if a.Type.Elem != nil || !isKeyScalar(a.Type) {
		return "", "", false
	}
	aw := fake.Words(a.Name)
	for i := len(aw) - 1; i >= 1; i-- {
		field := camel(aw[i:], false)
		// A user is Kraken's account user (userId: an AccountUserType's id).
		for _, name := range []string{camel(aw[:i], true) + "Type", camel(aw[:i], true), "Account" + camel(aw[:i], true) + "Type"} {
			def := r.schema.Types[name]
			if def == nil || def.Kind != ast.Object {
				continue
			}
			if tr := r.typ(name); tr != nil && (tr.identity == field || slices.Contains(tr.alts, field)) {
				return name, field, true
			}
		}
	}
	return "", "", false
}

// camel joins words into a name: AccountNumber when upper, accountNumber otherwise.
func camel(ws []string, upper bool) string {
	var b strings.Builder
	for i, w := range ws {
		if w == "" {
			continue
		}
		if i > 0 || upper {
			b.WriteString(strings.ToUpper(w[:1]) + w[1:])
		} else {
			b.WriteString(w)
		}
	}
	return b.String()
}

// stepPaths are the paths to grouping enums in an input object, up to three deep.
func (r *Roles) stepPaths(def *ast.Definition, depth int) [][]string {
	var out [][]string
	for _, f := range def.Fields {
		t := r.schema.Types[f.Type.Name()]
		switch {
		case t == nil:
		case t.Kind == ast.Enum && isStep(t):
			out = append(out, []string{f.Name})
		case t.Kind == ast.InputObject && depth < 2 && t != def:
			for _, p := range r.stepPaths(t, depth+1) {
				out = append(out, append([]string{f.Name}, p...))
			}
		}
	}
	return out
}

func (r *Roles) window(fr *fieldRole) *windowRole {
	if fr.window == nil {
		fr.window = &windowRole{}
	}
	return fr.window
}

// keyArg matches an argument to a key field of the answer's types: mpan → mpan,
// deviceId → id of a …Device type, accountNumber → number of AccountType, ids → id,
// messageRelayId → id of InkMessage's InkGenericMessage.
func (r *Roles) keyArg(item string, a *ast.ArgumentDefinition) (keyArg, bool) {
	if a.Type.Name() != "ID" && a.Type.Name() != "String" && a.Type.Name() != "Int" {
		return keyArg{}, false
	}
	list := a.Type.Elem != nil
	aw := words(a.Name)
	if n := len(aw); n > 2 && aw[n-2] == "relay" && aw[n-1] == "id" {
		aw = append(aw[:n-2:n-2], "id") // a relay id is the id: conversationRelayId → id of InkConversation
	}
	iw := typeWords(item)
	for _, p := range r.possible(item) {
		tr := r.typ(p)
		if tr == nil || tr.identity == "" {
			continue
		}
		for _, k := range append([]string{tr.identity}, tr.alts...) {
			kw := words(k)
			switch {
			case a.Name == k, list && singular(a.Name) == k:
				return keyArg{arg: a.Name, field: k, list: list}, true
			case len(aw) > len(kw) && isSuffix(aw, kw) && (isSuffix(tr.words, aw[:len(aw)-len(kw)]) || isSuffix(iw, aw[:len(aw)-len(kw)])):
				return keyArg{arg: a.Name, field: k, list: list}, true
			}
		}
	}
	return keyArg{}, false
}

// enumField finds a field of the item's types whose type is the enum.
func (r *Roles) enumField(item, enum string) string {
	for _, p := range append([]string{item}, r.possible(item)...) {
		def := r.schema.Types[p]
		if def == nil {
			continue
		}
		for _, f := range def.Fields {
			if f.Type.Name() == enum && f.Type.Elem == nil {
				return f.Name
			}
		}
	}
	return ""
}

// flagField matches a Boolean argument to the Boolean field of the answer's types it
// selects by: getDevEvents to devEvent, onlyActive to isActive, excludeTest to test.
func (r *Roles) flagField(item, arg string) (string, flagKind) {
	ws := words(arg)
	flag := flagEqual
	if len(ws) > 1 {
		switch ws[0] {
		case "get", "include", "show", "with":
			flag, ws = flagInclude, ws[1:]
		case "only":
			flag, ws = flagOnly, ws[1:]
		case "exclude", "hide", "without", "skip":
			flag, ws = flagExclude, ws[1:]
		}
	}
	for _, p := range append([]string{item}, r.possible(item)...) {
		def := r.schema.Types[p]
		if def == nil {
			continue
		}
		for _, f := range def.Fields {
			if fw, ok := flagWords(f); ok && slices.Equal(fw, ws) {
				return f.Name, flag
			}
		}
	}
	return "", flagNone
}

// tenseFlag reads a Boolean argument that no Boolean field of the items answers but
// their time does: includeOpenStatements (open is under way), includeBillsWithoutPDF (a
// bill has its document once issued). The items must have a span of their own.
func (r *Roles) tenseFlag(item, arg string) (flagKind, tenseFilter) {
	ws := words(arg)
	if len(ws) < 2 || ws[0] != "include" {
		return flagNone, byField
	}
	timed := false
	for _, p := range append([]string{item}, r.possible(item)...) {
		if tr := r.typ(p); tr != nil && tr.time != lastsInstant && tr.time != lastsDays {
			timed = true
		}
	}
	switch {
	case !timed:
	case hasWord(ws, "without") && hasWord(ws, "pdf", "document", "url", "file"):
		return flagInclude, byUnissued
	case hasWord(ws, "open", "current", "ongoing", "unissued"):
		return flagInclude, byOngoing
	}
	return flagNone, byField
}

// flagWords are the words of a plain Boolean field, without the is or has in front
// (isSuspended: suspended); ok is false for other fields.
func flagWords(f *ast.FieldDefinition) (ws []string, ok bool) {
	if f.Type.Elem != nil || f.Type.Name() != "Boolean" || len(f.Arguments) > 0 {
		return nil, false
	}
	ws = words(f.Name)
	if len(ws) > 1 && (ws[0] == "is" || ws[0] == "has") {
		ws = ws[1:]
	}
	return ws, true
}

// isStep reports whether an enum's values are time steps (TEN_SECONDS, HALF_HOURLY, DAY…).
func isStep(e *ast.Definition) bool {
	n := 0
	for _, v := range e.EnumValues {
		if _, ok := stepOf(v.Name); ok {
			n++
		}
	}
	return n >= 2 && n*2 >= len(e.EnumValues)
}
