// Package world makes the simulated platform coherent for any SDL: objects with an
// identity are entities generated from their type and key, and read the same wherever
// they appear; key lookups answer that entity or "not found"; Relay connections page a
// stable list; filters, time windows and groupings shape lists; timestamps follow the
// session's clock; pairs are ordered and addresses agree with themselves.
//
// It answers only what state and scenarios left empty (a graphql.Generator), so state
// always wins, and it needs no code per field: the Roles table reads the SDL.
package world

import (
	"context"
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/krakensim/krakensim/sim/fake"
	"github.com/krakensim/krakensim/sim/graphql"
)

// DefaultMaxPage is the largest first or last a connection accepts, as on Kraken.
const DefaultMaxPage = 100

// MeasurementsMaxPage is the largest first or last of a measurements connection, whose
// pages Kraken's own consumption dashboard asks a thousand readings at a time.
const MeasurementsMaxPage = 1000

// MaxSeries bounds the items one answer makes of a time window: a plain list's (its
// first MaxSeries) and a window open at its start (its latest MaxSeries steps). A
// connection answers a page (its page limit when asked for none) and pages through the
// whole window.
const MaxSeries = 2000

// MaxWindow bounds the time a window pages through, whatever its step: ten years; a
// longer window keeps its latest steps, those that begin within MaxWindow of its end.
const MaxWindow = 10 * 366 * 24 * time.Hour

// Env is the session a request runs in: its virtual now and its store; Owner is what
// Options.State needs to read the session's state.
type Env struct {
	Now time.Time
	// Began is when the session's world was made, from which the history the world makes
	// up is dated, so that what is over keeps its dates while the clock moves; zero dates
	// it from Now.
	Began time.Time
	Store *Store
	Owner any
	// Request is the caller's own record of the request, for the Options that read it
	// (Viewer); nil for none.
	Request any
	// Scope says whom the root field being answered is for, which the store keeps for
	// each entity of a type HandedOut names; nil for no one.
	Scope Scoper
	// holders are the state owners the request's root fields have named, by type, key
	// field and value (nil for one state lacks), so that each is looked up once.
	holders map[[3]string]Holder
}

// Scope names whom a request's root field is for: an account, else a user.
type Scope struct{ Account, User string }

// Scoper works out a request's Scope, by its root field's arguments in schema, when an
// entity needs it.
type Scoper interface {
	Scope(schema *ast.Schema) Scope
}

// HandedOut reports whether the store keeps whom entities of type typ were handed out
// to: Kraken's Ink objects (messages, tags, buckets), which node(id:) answers only to
// them.
func HandedOut(typ string) bool { return strings.HasPrefix(typ, "Ink") }

type envKey struct{}

// WithEnv returns ctx carrying env for the Generator.
func WithEnv(ctx context.Context, env *Env) context.Context {
	return context.WithValue(ctx, envKey{}, env)
}

// env is the Env of the request ctx belongs to: from Options.Env, or WithEnv, or an Env
// of the wall clock with no store.
func (g *Generator) env(ctx context.Context) *Env {
	if g.opts.Env != nil {
		if env := g.opts.Env(ctx); env != nil {
			return env
		}
	}
	if env, ok := ctx.Value(envKey{}).(*Env); ok && env != nil {
		return env
	}
	return &Env{Now: time.Now()}
}

// Options configures a Generator.
type Options struct {
	// MaxPage is the largest first or last a connection accepts; 0 is DefaultMaxPage.
	MaxPage int
	// PageLimits are the connections, by field name, that accept larger pages than
	// MaxPage; nil is measurements' MeasurementsMaxPage.
	PageLimits map[string]int
	// NotFound is the error for a lookup of a key the world does not have; nil, or a nil
	// error, answers null (an error all the same where the field is non-null).
	NotFound func(f *graphql.Field, typeName, key string) error
	// Env finds the Env of a request, where the caller keeps it (WithEnv otherwise).
	Env func(ctx context.Context) *Env
	// State answers an entity of type typ whose key field has value from the session's
	// state (as a resolver answers it), so that lookups and node(id:) answer state as
	// state has it; ok=false when state does not have it.
	State func(env *Env, typ, field, value string) (map[string]any, bool)
	// PageError is the error for a first or last over its connection's limit, or
	// negative; nil answers the *PageError itself.
	PageError func(f *graphql.Field, e *PageError) error
	// Devices answers, from the session's state, the devices of the owner that a device
	// list's arguments name (devices(accountNumber:)), or with nil args every device state
	// declares; ok=false leaves them to the world.
	Devices func(env *Env, args map[string]any) (devices []Device, ok bool)
	// Meter answers, from state, the meter with the smart device or serial number id, so
	// that every series that reads it (telemetry by deviceId, a meter's consumption)
	// reads one register at its tariff's rate; ok=false when state has no such meter.
	Meter func(env *Env, id string) (m Meter, ok bool)
	// Viewer is the id of the user the request signs in, "" for none, so that a
	// payload's viewer is that user as State answers them.
	Viewer func(env *Env) string
	// Refused is the error of a mutation that cannot do what it is asked, for the reasons
	// given (BC_BOOST_CHARGE_IN_PROGRESS); nil, or a nil error, does it all the same.
	Refused func(f *graphql.Field, reasons []string) error
	// Invalid is the error of a mutation given a value no one could mean (a charge of
	// 150%, a ready-by time of "25:00"), saying so of the input at inputPath; nil, or a
	// nil error, takes it all the same.
	Invalid func(f *graphql.Field, message string, inputPath []any) error
	// ZoneError is the error of a field whose zone argument arg (timezone) is given as
	// name, which names no IANA zone; nil reads the window in the tenant's zone.
	ZoneError func(f *graphql.Field, arg, name string) error
}

// Meter is what state says of the meter a series of readings reads: a name for its
// register, the same for every series of the meter, its unit rate before tax at a time,
// in pence per kWh, and its standing charge before tax per day (each nil when state has
// none). ReadAt and Read are its latest reading in kWh, which its register passes
// through (zero for none), and PerHalfHour its mean use from the reading at Since to
// that one (0 when unknown; a zero Since takes it for the year's mean). Season is the
// swing of its use over the year (ElectricitySeason when 0). PerUnit is the kWh in a
// unit of the consumption it reports where that is not kWh (a SMETS2 gas meter's m³).
// OffPeaks are, from each day its tariffs change on, a two-rate tariff's off-peak hours
// and the part of each day's use drawn in them (a zero OffPeak for a single rate).
type Meter struct {
	Register string
	// Fuel is what it meters ("electricity", "gas"), Device the id of its smart meter
	// device (an ESME's or GSME's EUI-64; its serial number where it has none) and Point
	// its meter point's (an MPAN, an MPRN), as a reading's source names them; "" when not
	// known.
	Fuel, Device, Point string
	// Smart says that it is read remotely, a smart meter (an interval meter on
	// Australia's markets), whose readings come from it rather than estimates.
	Smart bool
	// Tax is the factor its prices' tax makes of them (a business's 1.2); 0 is the
	// tenant's rate for homes.
	Tax float64
	// Outgoing says that it reads what its home sent out, whose value is earned, untaxed.
	Outgoing    bool
	Rate        func(t time.Time) float64
	Standing    func(t time.Time) float64
	ReadAt      time.Time
	Read        float64
	Since       time.Time
	PerHalfHour float64
	Season      float64
	PerUnit     float64
	// OffPeaks are its off-peak hours from a day on (the first also before it).
	OffPeaks []OffPeakFrom
	// Charging is when its household's car charges under the supplier's smart control
	// in the off-peak nights (Intelligent Octopus Go), in the half hours its dispatches
	// plan, on top of the household's own use; its zero value: never.
	Charging ChargeSpan
	// Heating is when its household's heat pump runs, on top of the household's own use;
	// its zero value: never.
	Heating HeatSpan
	// Owner is the number of the state account whose meter it is ("" for the world's).
	Owner string
	// Coarse are the spans its supplier read it only a day or a month at a time, as its
	// household chose: no reading finer than that was collected in them.
	Coarse []CoarseSpan
	// ReadFrom is when its supplier began to read it: it has no reading from before (zero:
	// it always had).
	ReadFrom time.Time
	// ReadTo is when its supplier stopped reading it for the account it is read through,
	// which moved out of its home then: it has no reading from then on (zero: it reads it still).
	ReadTo time.Time
	// ChargeKW is the power its household's car charges at: the lesser of its charger's
	// and its own, as their makers state them (ChargeKW); 0 for a 7 kW wallbox's.
	ChargeKW float64
	// Boosts are the boost charges its household's car drew at full power outside the
	// smart plan, oldest first.
	Boosts []Boost
	// Suspended are the spans its household's car was not under the supplier's smart
	// control (To zero: still): a night they cover it charged from plug-in, at once.
	Suspended []Boost
	// Battery is its household's car's battery, which each night's smart charge fills to
	// the next morning's target; its zero value: not known.
	Battery Battery
	// Cuts are the spans its household cut its own use in (a Saving Session it joined),
	// in order, apart.
	Cuts []Cut
	// Solar is the peak power in kW of the solar array whose surplus the meter counts as
	// the household exports it (an export meter's); 0 for an import meter.
	Solar float64
	// SolarYield is the kWh a year each kW of that array generates where its home is
	// (SolarYield); 0 for Britain's.
	SolarYield float64
	// HomeUse is the mean kWh a half hour the home behind that array uses (its import
	// meter's), against whose half hours the array's yield is exported; 0 for a home
	// whose use is not known, which exports half its array's yield.
	HomeUse float64
	// Export is the export register of the same smart meter, which counts what the
	// household sends out beside what it draws (telemetry's export); nil for none.
	Export *Meter
	// Before is the meter as the household that held its home until HeldFrom read it,
	// for a home that changed hands then: its register and tax before HeldFrom (its own
	// from HeldFrom on); nil for none.
	Before   *Meter
	HeldFrom time.Time
	// memo is its register as regOf last worked it out, for the many readings of a
	// list that share the meter.
	memo *regMemo
}

// regMemo is a meter's register worked out for a series in a household's zone; of the
// meter at of, so that a copy of the meter (which may be changed) works out its own.
type regMemo struct {
	of     *Meter
	series uint64
	zone   *time.Location
	reg    meterReg
}

// Boost is a boost charge from From to To.
type Boost struct{ From, To time.Time }

// Cut is a span, from From to To, its household used Share (0 to 1) less of its own
// than it would have.
type Cut struct {
	From, To time.Time
	Share    float64
}

// Battery is a car's battery as its smart charge fills it: its capacity in kWh and the
// charge its owner's preferences set for each morning, oldest first; zero KWh when not
// known.
type Battery struct {
	KWh      float64
	Mornings []Mornings
}

// Mornings are the charge in percent of its battery a car's preferences set for each
// morning of the week, by time.Weekday, at most its own limit, from From on (the first
// also before it).
type Mornings struct {
	From    time.Time
	Percent [7]float64
}

// CarControl is what an owner asked of its car, as its meter measures it: its boost
// charges, the spans its smart control was suspended (To zero while it still is), and
// its battery, whose morning targets the nights charge to.
type CarControl struct {
	Boosts, Suspended []Boost
	Battery           Battery
}

// CoarseSpan is a span a meter was read only daily (or monthly) for its supplier, from
// From to To (zero: still).
type CoarseSpan struct {
	From, To time.Time
	Monthly  bool
}

// Collected is whether a reading starting at t, shorter than a day (subDaily) or a month
// (subMonthly), was collected by a meter read only as coarse allows.
func Collected(coarse []CoarseSpan, t time.Time, subDaily, subMonthly bool) bool {
	for _, c := range coarse {
		if t.Before(c.From) || !c.To.IsZero() && !t.Before(c.To) {
			continue
		}
		if c.hides(subDaily, subMonthly) {
			return false
		}
	}
	return true
}

// hides reports whether a meter read as the span allows has no reading shorter than a
// day (subDaily) or a month (subMonthly) of the span.
func (c CoarseSpan) hides(subDaily, subMonthly bool) bool {
	return subDaily || c.Monthly && subMonthly
}

// OffPeakFrom is a meter's off-peak hours from a time on.
type OffPeakFrom struct {
	From    time.Time
	OffPeak OffPeak
}

// ChargeSpan is from when to when a household's car charges, in the off-peak hours of
// its tariff (Night): from From's first night to To's (a zero To: still does); a zero
// From: never.
type ChargeSpan struct {
	From, To time.Time
	Night    OffPeak
}

// TaxAt is the factor its prices' tax makes of them at t (Tax): that of the household
// that held its home then.
func (m Meter) TaxAt(t time.Time) float64 {
	for m.Before != nil && t.Before(m.HeldFrom) {
		m = *m.Before
	}
	return m.Tax
}

// Charges reports whether the household's car charges at any time.
func (m Meter) Charges() bool { return !m.Charging.From.IsZero() }

// OffPeak is a two-rate tariff's off-peak hours, from and to (to after from) on a day of
// local standard time, from before its midnight when From is negative, and the part of a
// day's use its household draws in them; Sun, for hours the sun keeps (a solar array's),
// not the clocks (a tariff's keep the clocks, an hour earlier in standard time in summer);
// Standard, for hours of standard time that summer time does not move (Economy 7's).
type OffPeak struct {
	From, To time.Duration
	Share    float64
	Sun      bool
	Standard bool
}

// MeanHalfHour is the meter's mean use per half hour in kWh over a year of a household
// in zone, as its register draws it: what its readings show, else the register's own.
func (m Meter) MeanHalfHour(zone *time.Location) float64 {
	return m.reg(zone).meanHalfHour()
}

// Use is the energy in kWh the meter's register draws from from to to in a household in
// zone: its readings' use, swinging with the seasons.
func (m Meter) Use(from, to time.Time, zone *time.Location) float64 {
	return m.In(zone).Use(from, to)
}

// Register is a meter's register in a household, worked out once for the many spans a
// caller reads it over.
type Register struct{ reg meterReg }

// In is the meter's register in a household in zone.
func (m Meter) In(zone *time.Location) Register { return Register{m.reg(zone)} }

// Use is the energy in kWh the register draws from from to to.
func (r Register) Use(from, to time.Time) float64 {
	return r.reg.over(span{start: from, end: to})
}

// At is the register's reading in kWh at t, to the watt hour: through the meter's
// latest reading, where state gives one.
func (r Register) At(t time.Time) float64 { return r.reg.read(t) }

// Charged is the energy in kWh the household's smart-charged car drew from from to to
// (0 for a meter without one): the dispatches' energy.
func (r Register) Charged(from, to time.Time) float64 {
	return r.reg.charged(span{start: from, end: to})
}

// Boosted is the energy in kWh the household's boost charges drew from from to to.
func (r Register) Boosted(from, to time.Time) float64 {
	if len(r.reg.boosts) == 0 {
		return 0
	}
	return r.reg.boosted(to) - r.reg.boosted(from)
}

// UncontrolledRuns are the spans, start and end, the household's car charged from
// plug-in on nights its smart control was suspended, that end after from and begin
// before to (none for a meter without them).
func (r Register) UncontrolledRuns(from, to time.Time) [][2]time.Time {
	return startsAndEnds(r.reg.uncontrolledRuns(from, to))
}

// startsAndEnds are spans as their starts and ends.
func startsAndEnds(runs []span) [][2]time.Time {
	out := make([][2]time.Time, len(runs))
	for i, sp := range runs {
		out[i] = [2]time.Time{sp.start, sp.end}
	}
	return out
}

// ChargeRuns are the spans, start and end, the household's smart-charged car charges in
// over the nights that end after from and begin before to, in order (none for a meter
// without one): its dispatches.
func (r Register) ChargeRuns(from, to time.Time) [][2]time.Time {
	return startsAndEnds(r.reg.chargeRuns(from, to))
}

// reg is the meter's register in a household in zone.
func (m Meter) reg(zone *time.Location) meterReg {
	return regOf(fake.HashStrings("register", m.Register), &m, householdOf(zone))
}

// Device is a device that state says an owner has: its concrete type in the SDL, its
// id, make and model ("" for the world to pick), and its owner's key (an account
// number), which the device list's owner argument takes; the provider that controls it,
// and its lifecycle status and state while it is not yet live ("" for the world to say);
// Unregistered for one no device list names, which another's registration names (the
// charger a registered car charges through); TestCharge, the test charge that shows it
// can be controlled, zero for none; Property, the id of the owner's property it is at
// ("" for the world to say).
type Device struct {
	Type, ID, Make, Model string
	Owner, Property       string
	Provider              string
	Life, State           string
	Unregistered          bool
	TestCharge            Boost
}

// Generator is the graphql.Generator of one schema.
type Generator struct {
	schema *ast.Schema
	roles  *Roles
	faker  *fake.Faker
	opts   Options
	// home is the tenant's household: where its day starts and its use peaks.
	home household
}

// New returns the Generator of schema, drawing leaf values from faker.
func New(schema *ast.Schema, faker *fake.Faker, opts Options) *Generator {
	if opts.MaxPage <= 0 {
		opts.MaxPage = DefaultMaxPage
	}
	if opts.PageLimits == nil {
		opts.PageLimits = map[string]int{"measurements": MeasurementsMaxPage}
	}
	return &Generator{schema: schema, roles: NewRoles(schema, faker), faker: faker, opts: opts,
		home: householdOf(faker.Zone())}
}

// TaxRate is the factor a price with the tenant's tax is of the price without it.
func (g *Generator) TaxRate() float64 { return g.roles.tax() }

// UnpagedNodes is the most items the list or connection def of parent answers when
// asked for no first or last, for graphql.Options.UnpagedNodes: a connection's page
// limit (the page it then answers, generated or resolved by hand alike), a list over a
// window its MaxSeries (readings, or the steps of a grouping, such as telemetry); 0
// for any other field.
func (g *Generator) UnpagedNodes(parent string, def *ast.FieldDefinition) int {
	fr := g.roles.field(parent, def)
	switch {
	case fr.kind == connField:
		return g.pageLimit(def.Name)
	case fr.kind != plainField && fr.window != nil && (g.readings(fr) || fr.window.step != "") && !g.roles.isEntity(fr.item):
		return MaxSeries
	}
	return 0
}

// zone is the tenant's local time, whose calendar the world keeps.
func (g *Generator) zone() *time.Location { return g.faker.Zone() }

// now is the request's now in the tenant's local time.
func (g *Generator) now(env *Env) time.Time { return env.Now.In(g.zone()) }

// pastFrom is when made-up history is dated from, in the tenant's local time: the session's
// start, or now when that is unknown or later (a clock set back before it).
func (g *Generator) pastFrom(env *Env) time.Time {
	if env.Began.IsZero() || env.Began.After(env.Now) {
		return g.now(env)
	}
	return env.Began.In(g.zone())
}

// metaKey holds an object's *meta in the maps the Generator makes; no GraphQL field can
// be named so, so a client never sees it.
const metaKey = "\x00world"

// meta is what the Generator knows of an object it made.
type meta struct {
	key  uint64 // the key its fields are faked from
	typ  string // its concrete type
	id   string // its primary key, "" when it has no identity
	span *span  // when it happens, when a list or the store says so
	// series keys the meter whose register a reading's quantities come from: its list,
	// or the meter state names, which is then meter.
	series uint64
	meter  *Meter
	// filter is the filter that chose the reading it is, or is a part of, from a list of
	// them (utilityFilters); nil for none.
	filter *readingFilter
	// point is whether it is a reading of the register at an instant (POINT_IN_TIME):
	// its energy is the register's there.
	point bool
	tense tense // when it lies, when its list says so
	// place keys the town an object's address parts describe: its nearest entity's key,
	// and hints are what state already says of that place (a postcode, a town).
	place uint64
	hints []string
	// acted is what a mutation's payload answers, for the payload's fields.
	acted *acted
	// given is what a mutation's input says of the made-up object of its payload it is
	// (createAccountCharge's accountCharge), for its leaves; nil for others.
	given *given
	// named is the input of the mutation that made it, whose keys its entity fields
	// answer (createPrimaryResidence(input: {propertyId:})'s property); nil for others.
	named *given
	// owner is the state object it sits under, nil under none; about is the entity of
	// the owner's that its identity names (weekly insights by an MPAN: that meter
	// point), nil for none.
	owner Holder
	about map[string]any
	// args are the arguments of the root field it is the answer or an item of, whose
	// names its leaves of the same name echo (accountNumber); nil elsewhere. within are
	// those of the root field its whole is (a device's status: devices(accountNumber:)).
	args, within map[string]any
	// pos is 1 + its place in the list it is an item of, or of the item it is a part of;
	// 0 outside lists.
	pos int
	// scope keys the owner (accountNumber, euid) of the root object it sits under; 0
	// when that has none.
	scope uint64
	// probe says it is a wired probe (an ADC sensor), or a part of one.
	probe bool
	// code names the owner's thing (its zone ZONE_1, its sensor SENSOR01) that it is, or
	// is a part of, whichever list names it; "" for others.
	code string
	// made says a mutation of the session made it, and fresh that it is part of what one
	// made: nothing has happened to either yet.
	made, fresh bool
	// declared says it is a device its owner's state declares, or a part of one.
	declared bool
	// life and state are the lifecycle status and state state says a declared device
	// is in (ONBOARDING, AUTHENTICATION_COMPLETE); "" for the world to say.
	life, state string
	// test is the test charge of a declared device, nil for none.
	test *Boost
	// mirror is what of its owner's devices it restates, and which; nil for none.
	mirror *mirroring
	// device is the device it is a part of (a car's preferences), nil for none.
	device map[string]any
}

// entityKey is the key of the entity of type typ with primary key id.
func entityKey(typ, id string) uint64 { return fake.HashStrings("entity", typ, id) }

// ObjectKey keys an object by its identity, so an entity's faked fields agree wherever it
// appears, from state or generated.
func (g *Generator) ObjectKey(_ context.Context, def *ast.Definition, m map[string]any) (uint64, bool) {
	if mt, ok := m[metaKey].(*meta); ok {
		return mt.key, true
	}
	tr := g.roles.typ(def.Name)
	if tr == nil || tr.identity == "" {
		return 0, false
	}
	id := keyString(m[tr.identity])
	if id == "" {
		for _, a := range tr.alts { // a user state keys by id, whose number it leaves to the world
			if v := keyString(m[a]); v != "" {
				return entityKey(def.Name, a+":"+v), true
			}
		}
		return 0, false
	}
	if tr.global {
		if _, raw, ok := ParseGlobalID(id); ok {
			id = raw
		}
	}
	return entityKey(def.Name, id), true
}

func keyString(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case int:
		return strconv.Itoa(x)
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		if x == math.Trunc(x) && math.Abs(x) < 1e15 {
			return strconv.FormatInt(int64(x), 10)
		}
	case fmt.Stringer:
		return x.String()
	}
	return ""
}

// defaulted is f with each argument given as null that has a default, and each such
// field of an input object given, read as its default, as Kraken's resolvers read a
// null bound (measurements(startAt: null)) as the bound left out; f itself when none is.
func (g *Generator) defaulted(f *graphql.Field) *graphql.Field {
	var args map[string]any
	for _, ad := range f.Definition.Arguments {
		v, given := f.Args[ad.Name]
		if !given {
			continue
		}
		if w, changed := g.withDefaults(ad.Type, ad.DefaultValue, v); changed {
			if args == nil {
				args = maps.Clone(f.Args)
			}
			args[ad.Name] = w
		}
	}
	if args == nil {
		return f
	}
	one := *f
	one.Args = args
	return &one
}

// withDefaults is v, a value of type t whose default is def, with a null read as def and
// the null fields of an input object (in a list or not) as theirs; false when nothing
// changed.
func (g *Generator) withDefaults(t *ast.Type, def *ast.Value, v any) (any, bool) {
	switch x := v.(type) {
	case nil:
		if def == nil {
			return nil, false
		}
		d, err := def.Value(nil)
		return d, err == nil && d != nil
	case []any:
		if t.Elem == nil {
			return v, false
		}
		var out []any
		for i, it := range x {
			if w, changed := g.withDefaults(t.Elem, nil, it); changed {
				if out == nil {
					out = slices.Clone(x)
				}
				out[i] = w
			}
		}
		return out, out != nil
	case map[string]any:
		in := g.schema.Types[t.Name()]
		if in == nil || in.Kind != ast.InputObject {
			return v, false
		}
		var out map[string]any
		for _, fd := range in.Fields {
			it, given := x[fd.Name]
			if !given {
				continue
			}
			if w, changed := g.withDefaults(fd.Type, fd.DefaultValue, it); changed {
				if out == nil {
					out = maps.Clone(x)
				}
				out[fd.Name] = w
			}
		}
		return out, out != nil
	}
	return v, false
}

// Generate answers a field nothing else answered: objects, lists and connections of
// objects always; leaves where the world has something to say (times, pairs, places).
func (g *Generator) Generate(ctx context.Context, f *graphql.Field) (any, bool, error) {
	def := f.Definition
	if def == nil {
		return nil, false, nil
	}
	named := g.schema.Types[def.Type.Name()]
	if named == nil {
		return nil, false, nil
	}
	env := g.env(ctx)
	switch named.Kind {
	case ast.Scalar, ast.Enum:
		return g.scalar(env, f, named)
	}
	if strings.HasPrefix(named.Name, "__") {
		return nil, false, nil
	}
	f = g.callers(env, g.defaulted(f), named)
	fr := g.roles.field(f.ParentType, def)
	if fr.report {
		if def.Type.Elem != nil {
			return []any{}, true, nil
		}
		return nil, true, nil
	}
	switch fr.kind {
	case connField:
		return g.connection(env, f, fr)
	case listField:
		if def.Type.Elem.Elem != nil {
			return nil, false, nil
		}
		items, err := g.items(env, f, fr)
		if err != nil {
			return nil, true, err
		}
		out := make([]any, len(items))
		for i, it := range items {
			out[i] = it
		}
		return out, true, nil
	}
	if g.onboarded(env, f) {
		return nil, true, nil // "the current onboarding wizard" of a device done onboarding
	}
	if f.Name == "preferenceSetting" && g.roles.isDevice(f.ParentType) { // the bounds its schedule is taken within
		src, _ := f.Source.(map[string]any)
		id := ""
		if mt, ok := src[metaKey].(*meta); ok {
			id = mt.id
		}
		return g.preferenceSetting(f.ParentType, id, def), true, nil
	}
	return g.object(env, f, fr)
}

// callers is f, a root field answering named, with a key of the signed-in caller's own
// when named is a type HandedOut names and f names no account, so that what it hands
// out is theirs and no one else's (inkConversation with no account is the caller's own
// conversation, each user's another; Origin's inkLiveChatConversations their own).
func (g *Generator) callers(env *Env, f *graphql.Field, named *ast.Definition) *graphql.Field {
	if len(f.Path) != 1 || env.Scope == nil || !HandedOut(named.Name) {
		return f
	}
	sc := env.Scope.Scope(g.schema)
	if sc.Account != "" || sc.User == "" {
		return f
	}
	one := *f
	one.Key = graphql.FieldKey(f.Key, "caller", sc.User)
	return &one
}

// scalar answers a leaf field of type named.
func (g *Generator) scalar(env *Env, f *graphql.Field, named *ast.Definition) (any, bool, error) {
	if src, _ := f.Source.(map[string]any); src != nil {
		if mt, ok := src[metaKey].(*meta); ok && mt.mirror != nil {
			if v, ok, err := g.mirrorLeaf(env, f, mt, named); ok || err != nil {
				return v, ok, err
			}
		}
	}
	if v, ok := g.echo(f); ok {
		return v, true, nil
	}
	if v, ok := g.argEcho(f); ok {
		return v, true, nil
	}
	if v, ok := g.heldLeaf(f); ok {
		return v, true, nil
	}
	if v, ok := g.deviceIDs(env, f); ok {
		return v, true, nil
	}
	if f.Definition.Type.Elem != nil && g.roles.leaf(f.ParentType, f.Definition, named).kind != leafSpec {
		return nil, false, nil
	}
	return g.leaf(env, f, named)
}

// object answers a single object: a lookup, an optional entity or a generated one; over
// the window it was asked for, with what it measures.
func (g *Generator) object(env *Env, f *graphql.Field, fr *fieldRole) (any, bool, error) {
	if m, ok := g.filterEcho(f); ok {
		return m, true, nil
	}
	v, ok, err := g.objectOf(env, f, fr)
	if m, isMap := v.(map[string]any); isMap && ok && err == nil {
		if mt, has := m[metaKey].(*meta); has && f.Operation == ast.Mutation && len(f.Path) == 2 && fr.kind == plainField {
			mt.given = g.givenTo(f)
		}
		g.windowed(env, f, fr, m)
		g.measured(env, f, m)
		src, _ := f.Source.(map[string]any)
		pm, fromWorld := src[metaKey].(*meta) // a state parent has no tense, place or owner to lend
		if mt, has := m[metaKey].(*meta); has && fromWorld {
			if mt.id == "" {
				if tr := g.roles.typ(mt.typ); tr != nil && mt.tenseOf() == tenseNone && !g.hasTime(tr) {
					mt.tense = pm.tenseOf() // a part without a time of its own (a dispatch's meta) lies when its whole does
				}
				if mt.pos == 0 {
					mt.pos = pm.pos // a part of a list's item (a zone's configuration) is at its place
				}
				mt.probe = mt.probe || pm.probe
				if mt.within = pm.within; mt.within == nil {
					mt.within = pm.args
				}
				if mt.code == "" {
					mt.code = pm.code
				}
			}
			if mt.scope == 0 {
				mt.scope = pm.scope // a heat pump is its controller's owner's, serial number or not
			}
			if tr := g.roles.typ(mt.typ); mt.series == 0 && pm.series != 0 && mt.id == "" && tr != nil && !g.hasTime(tr) {
				sp := g.spanOf(env, pm, g.roles.typ(pm.typ), src)
				mt.series, mt.meter, mt.span = pm.series, pm.meter, &sp // a reading's metaData reads its register over its span
			}
			if mt.filter == nil && mt.id == "" {
				mt.filter = pm.filter
			}
			if mt.owner == nil {
				mt.owner = pm.owner
			}
			mt.fresh = mt.fresh || pm.fresh
			mt.declared = mt.declared || pm.declared
			if mt.device = pm.device; g.roles.isDevice(pm.typ) {
				mt.device = src
			}
			if mt.life == "" {
				mt.life, mt.state = pm.life, pm.state
			}
		}
		if mt, has := m[metaKey].(*meta); has && mt.code == "" && mt.scope != 0 && mt.pos > 0 {
			g.markThing(m)
		}
		if mt, has := m[metaKey].(*meta); has && mt.id == "" && mt.scope != 0 && g.roles.ownerShared(mt.typ) {
			mt.key = sharedKey(mt.scope, mt.typ) // the car's limit, whichever device says it
		}
		g.ranged(f, m)
		if mt, has := m[metaKey].(*meta); has {
			if tr := g.roles.typ(mt.typ); tr != nil && tr.fan != nil {
				g.fanned(env, f, tr, m)
			}
		}
	}
	return v, ok, err
}

func (g *Generator) objectOf(env *Env, f *graphql.Field, fr *fieldRole) (any, bool, error) {
	if len(fr.keys) > 0 && f.Operation != ast.Mutation {
		if v, ok, err := g.lookup(env, f, fr); ok {
			return v, true, err
		}
	}
	if (f.Operation != ast.Mutation || len(f.Path) > 2) && len(f.Path) > 1 {
		if m, ok := g.heldEntity(env, f, fr); ok {
			return m, true, nil
		}
	}
	// A query's root object whose arguments name an owner is the owner's first entity of
	// its type: accountUserFromAccountNumber(input: {accountNumber:}) is the account's user.
	if len(f.Path) == 1 && f.Operation != ast.Mutation && len(fr.names) > 0 && fr.kind == plainField && g.roles.isEntity(fr.item) {
		if h := g.heldBy(env, f, fr); h != nil {
			if m, ok := g.held(h, fr, 0); ok {
				return m, true, nil
			}
		}
	}
	if fr.optional && f.Operation != ast.Mutation && len(f.Path) > 1 && chance(f.Key, 30) {
		return nil, true, nil
	}
	var a *acted
	switch {
	case len(f.Path) > 1 && f.Name == "viewer":
		if m, ok := g.viewer(env, fr); ok {
			return m, true, nil // updateUserRichAddress's viewer: the one signed in
		}
	case f.Operation == ast.Mutation && len(f.Path) == 1:
		a = g.act(env, f)
		if a != nil && a.refused != nil {
			return nil, true, a.refused
		}
		if a != nil && a.typ != "" && a.field == "" {
			return g.actedEntity(env, a, fr.tense), true, nil
		}
	case f.Operation == ast.Mutation && len(f.Path) == 2:
		pa := g.parentMeta(f).acted
		switch {
		case pa != nil && pa.made != nil && pa.made.field == f.Name:
			m := g.entity(env, pa.made.typ, 0, pa.made.id, nil, tenseOngoing)
			m[metaKey].(*meta).named = &given{in: pa.in, types: pa.mr.inputs}
			return m, true, nil
		case pa != nil && pa.typ != "" && pa.field == f.Name:
			return g.actedEntity(env, pa, fr.tense), true, nil
		}
		if m, ok := g.heldEntity(env, f, fr); ok {
			return m, true, nil // createAccountNote's account: the one its input names
		}
		if pa != nil && pa.scope != "" {
			return g.owned(env, f, fr, pa.scope, pa.in)
		}
	case len(f.Path) == 1 && len(fr.owner) > 0:
		if scope := ownerScope(f.Args, fr.owner); scope != "" {
			return g.owned(env, f, fr, scope, f.Args)
		}
	}
	typ := g.pickType(fr, f.Key, f.Args)
	if typ == "" {
		return nil, false, nil
	}
	owner := g.heldBy(env, f, fr)
	id, about := g.heldIdentity(owner, typ, f.Key)
	m := g.entity(env, typ, f.Key, id, nil, fr.tense)
	mt := m[metaKey].(*meta)
	if mt.id == "" {
		pm := g.parentMeta(f)
		mt.place, mt.hints = pm.placeKey(), pm.hints
	}
	mt.acted, mt.owner, mt.about = a, owner, about
	if len(f.Path) == 1 && f.Operation != ast.Mutation {
		mt.args = f.Args
	}
	return m, true, nil
}

// viewer is the signed-in user as state answers them, for a viewer field below the root;
// false when there is none or state does not know them.
func (g *Generator) viewer(env *Env, fr *fieldRole) (map[string]any, bool) {
	if g.opts.Viewer == nil || g.opts.State == nil || fr.kind != plainField {
		return nil, false
	}
	id := g.opts.Viewer(env)
	if id == "" {
		return nil, false
	}
	for _, typ := range fr.candidates {
		if m, ok := g.opts.State(env, typ, "id", id); ok {
			return m, true
		}
	}
	return nil, false
}

// argEcho is what a leaf of a root query's answer, or of an item of it, answers from
// the root's argument of its name and type (weeklyUsageInsights(accountNumber:)'s
// accountNumber, addresses(postcode:)'s postcodes): what the client asked about.
func (g *Generator) argEcho(f *graphql.Field) (any, bool) {
	src, _ := f.Source.(map[string]any)
	mt, ok := src[metaKey].(*meta)
	if !ok || mt.args == nil || f.Definition.Type.Elem != nil {
		return nil, false
	}
	v, ok := mt.args[f.Name].(string)
	if !ok || v == "" {
		return nil, false
	}
	switch f.Definition.Type.NamedType {
	case "String", "ID":
		return v, true
	}
	return nil, false
}

// windowed gives an object asked for over a window (performance(startAt:, endAt:)) that
// window as its span, when the object has no span of its own.
func (g *Generator) windowed(env *Env, f *graphql.Field, fr *fieldRole, m map[string]any) {
	w := fr.window
	mt, ok := m[metaKey].(*meta)
	if w == nil || !ok || mt.span != nil {
		return
	}
	from, hasFrom, to, hasTo := w.bounds(f.Args, g.windowZone(f.Args, w))
	if !hasFrom || !hasTo || !to.After(from) {
		return
	}
	mt.span = &span{start: from, end: to, tense: tensePast}
	if to.After(g.now(env)) {
		mt.span.tense = tenseOngoing
	}
}

// owned answers the object of an owner (registeredKrakenflexDevice(accountNumber:)): the
// same one wherever the owner's object of its type is asked for, a mutation's payload
// included.
func (g *Generator) owned(env *Env, f *graphql.Field, fr *fieldRole, scope string, owner map[string]any) (any, bool, error) {
	typ := g.pickType(fr, ownedBase(scope, fr.item), f.Args)
	if typ == "" {
		return nil, false, nil
	}
	found, has := g.ownerHas(env, typ, owner)
	if !has && !f.Definition.Type.NonNull {
		return nil, true, nil
	}
	holder := g.heldBy(env, f, fr)
	id, about := g.heldIdentity(holder, typ, ownedBase(scope, typ))
	m := g.entity(env, typ, ownedBase(scope, typ), id, nil, fr.tense)
	if mt := m[metaKey].(*meta); mt.id != "" && env.Store.isRemoved(typ, mt.id) {
		return nil, true, nil
	}
	m[metaKey].(*meta).scope = scopeKey(scope)
	m[metaKey].(*meta).owner, m[metaKey].(*meta).about = holder, about
	if len(f.Path) == 1 && f.Operation != ast.Mutation {
		m[metaKey].(*meta).args = f.Args
	}
	if len(found) > 0 {
		g.registered(env, owner, g.roles.typ(typ), m, found)
		g.mirrorDevices(m, typ, found)
		g.registeredSince(env, m, owner)
	}
	return m, true, nil
}

// scopeKey keys an owner scope (its canonical arguments) for meta.scope.
func scopeKey(scope string) uint64 { return fake.HashStrings("scope", scope) }

// listScope is the owner scope key of the items of the list f answers: its parent's,
// or the owner its arguments name at the root.
func (g *Generator) listScope(f *graphql.Field, fr *fieldRole) uint64 {
	if len(f.Path) == 1 {
		if scope := rootScope(f, fr); scope != "" {
			return scopeKey(scope)
		}
		return 0
	}
	return g.parentMeta(f).scope
}

// rootScope is the owner a root field's arguments name: its required arguments, else
// the optional ones that name an entity by key (octoplusRewards(accountNumber:)), so
// that another owner's list holds other objects, with other ids; "" for none.
func rootScope(f *graphql.Field, fr *fieldRole) string {
	if scope := ownerScope(f.Args, fr.owner); scope != "" {
		return scope
	}
	named := map[string]any{}
	for _, n := range fr.names {
		if v := n.value(f.Args); v != "" {
			named[n.typ+"."+n.field] = v
		}
	}
	if len(named) == 0 {
		return ""
	}
	return graphql.CanonicalArgs(named)
}

func (mt *meta) placeKey() uint64 {
	if mt.place != 0 {
		return mt.place
	}
	return mt.key
}

func chance(key uint64, pct int) bool {
	return newRng(key^0x7f4a7c159e3779b9).intn(100) < pct
}

// lookup answers a field whose arguments name a key: the entity, or not found.
func (g *Generator) lookup(env *Env, f *graphql.Field, fr *fieldRole) (any, bool, error) {
	for _, k := range fr.keys {
		if k.list {
			continue
		}
		v := keyString(f.Args[k.arg])
		if v == "" {
			continue
		}
		if k.via != "" {
			return g.view(env, f, fr, k, v)
		}
		cands := g.filterTypes(fr.candidates, fr, f.Args)
		field := k.field
		if t, raw, ok := ParseGlobalID(v); ok && slices.Contains(cands, t) {
			cands, v, field = []string{t}, raw, "id"
		} else if fr.item == "Node" {
			return g.notFound(f, fr.item, v)
		}
		for _, c := range cands {
			tr := g.roles.typ(c)
			if tr == nil || tr.identity == "" {
				continue
			}
			if g.opts.State != nil {
				if m, ok := g.opts.State(env, c, field, v); ok {
					return m, true, nil
				}
			}
			if d, ok := g.declaredDevice(env, c, v); ok && field == tr.identity {
				return g.deviceEntity(env, d, 0, tenseNone), true, nil
			}
			key := v
			if field != tr.identity {
				if tr.global && field == "id" {
					if _, raw, ok := ParseGlobalID(v); ok {
						key = raw
					}
				} else {
					p, ok := env.primary(c, field, v)
					if !ok {
						continue
					}
					key = p
				}
			} else if tr.global {
				if _, raw, ok := ParseGlobalID(v); ok {
					key = raw
				}
			}
			if env.Store == nil {
				return g.entity(env, c, 0, key, nil, tenseNone), true, nil
			}
			if env.Store.Has(c, key) {
				return g.entity(env, c, 0, key, nil, tenseNone), true, nil
			}
		}
		return g.notFound(f, fr.item, v)
	}
	return nil, false, nil
}

// view answers an object that views a state owner (accountStatusSearchByNumber's
// account): the owner's fields under the view's type; not found when state lacks it.
func (g *Generator) view(env *Env, f *graphql.Field, fr *fieldRole, k keyArg, v string) (any, bool, error) {
	if g.opts.State != nil {
		if m, ok := g.opts.State(env, k.via, k.field, v); ok {
			out := maps.Clone(m)
			delete(out, "__typename")
			return out, true, nil
		}
	}
	return g.notFound(f, fr.item, v)
}

func (env *Env) primary(typ, field, value string) (string, bool) {
	if env.Store == nil {
		return "", false
	}
	return env.Store.primary(typ, field, value)
}

func (g *Generator) notFound(f *graphql.Field, typ, key string) (any, bool, error) {
	var err error
	if g.opts.NotFound != nil {
		err = g.opts.NotFound(f, typ, key)
	}
	if err == nil && f.Definition.Type.NonNull {
		err = &graphql.Error{Message: fmt.Sprintf("No %s found with the key %q.", typ, key), Extensions: map[string]any{"errorType": "NOT_FOUND"}}
	}
	return nil, true, err
}

// filterTypes keeps the types an enum argument agrees with (billType: STATEMENT).
func (g *Generator) filterTypes(types []string, fr *fieldRole, args map[string]any) []string {
	for _, fa := range fr.filters {
		want, ok := args[fa.arg].(string)
		if !ok {
			continue
		}
		var kept []string
		for _, t := range types {
			tr := g.roles.typ(t)
			if tr == nil {
				continue
			}
			if v, agrees := tr.agree[fa.field]; !agrees || v == want {
				kept = append(kept, t)
			}
		}
		types = kept
	}
	return types
}

// pickType chooses the concrete type of an object at key among those its field allows.
func (g *Generator) pickType(fr *fieldRole, key uint64, args map[string]any) string {
	return g.pickOf(g.filterTypes(fr.candidates, fr, args), key)
}

// pickOf chooses one of types at key; "" of none.
func (g *Generator) pickOf(types []string, key uint64) string {
	switch len(types) {
	case 0:
		return ""
	case 1:
		return types[0]
	}
	return types[g.faker.Pick(key, len(types))]
}

// entity makes the map of an object of concrete type typ: with an identity, its primary
// key is id, or the one key draws; its fields are then faked from that identity.
func (g *Generator) entity(env *Env, typ string, key uint64, id string, sp *span, tn tense) map[string]any {
	return g.entityAfter(env, typ, key, id, sp, tn, time.Time{})
}

// entityAfter is entity for an object that happened after after (an event of something
// that began then): first seen, its span is moved to lie after it, as long as it was.
func (g *Generator) entityAfter(env *Env, typ string, key uint64, id string, sp *span, tn tense, after time.Time) map[string]any {
	m := map[string]any{"__typename": typ}
	mt := &meta{key: key, typ: typ, span: sp, tense: tn}
	m[metaKey] = mt
	tr := g.roles.typ(typ)
	if tr == nil || tr.identity == "" {
		if tr != nil && sp == nil && !after.IsZero() {
			if moved, ok := g.bornAfter(env, mt, tr, m, after); ok {
				mt.span = moved
			}
		}
		env.Store.written(key, m)
		return m
	}
	idDef := tr.def.Fields.ForName(tr.identity)
	if id == "" {
		id = keyString(g.faker.Leaf(graphql.FieldKey(key, tr.identity, ""), typ, tr.identity, g.schema.Types[idDef.Type.Name()]))
	}
	mt.id, mt.key = id, entityKey(typ, id)
	m[tr.identity] = g.present(tr, typ, idDef, id)
	if tr.nodeID != "" {
		raw := id
		if tr.identity != "id" {
			raw = keyString(g.altValue(tr, typ, mt.key, "id"))
		}
		m[tr.nodeID] = GlobalID(typ, raw)
	}
	if sp == nil && !after.IsZero() {
		if moved, ok := g.bornAfter(env, mt, tr, m, after); ok {
			sp, mt.span = moved, moved
		}
	}
	if env.Store != nil {
		var scope Scope
		if env.Scope != nil && HandedOut(typ) {
			scope = env.Scope.Scope(g.schema)
		}
		seen, seenTense, made := env.Store.see(typ, id, sp, tn, func() []alias { return g.aliases(tr, typ, mt.key) }, scope)
		if seen != nil {
			due := g.due(tr, *seen, g.now(env), tn == tenseFuture || tr.tense == tenseFuture)
			mt.span = &due
		}
		if mt.tense == tenseNone {
			mt.tense = seenTense
		}
		mt.made = made
	}
	if tr.nodeID == "" {
		for _, a := range tr.alts {
			if a == "id" && implementsNode(g.schema, tr.def) {
				m["id"] = GlobalID(typ, keyString(g.altValue(tr, typ, mt.key, "id")))
			}
		}
	}
	env.Store.written(mt.key, m)
	return m
}

// present renders a primary key as its field answers it: a global id, a number or a string.
func (g *Generator) present(tr *typeRole, typ string, fd *ast.FieldDefinition, id string) any {
	if tr.global {
		return GlobalID(typ, id)
	}
	if fd.Type.NamedType == "Int" {
		if n, err := strconv.Atoi(id); err == nil {
			return n
		}
	}
	return id
}

func (g *Generator) altValue(tr *typeRole, typ string, key uint64, field string) any {
	fd := tr.def.Fields.ForName(field)
	return g.faker.Leaf(graphql.FieldKey(key, field, ""), typ, field, g.schema.Types[fd.Type.Name()])
}

// aliases are an entity's other keys, as the executor will fake them from its key.
func (g *Generator) aliases(tr *typeRole, typ string, key uint64) []alias {
	out := make([]alias, 0, len(tr.alts))
	for _, a := range tr.alts {
		out = append(out, alias{typ: typ, field: a, value: keyString(g.altValue(tr, typ, key, a))})
	}
	return out
}

// pageLimit is the largest first or last the connection field name accepts.
func (g *Generator) pageLimit(name string) int {
	return max(g.opts.MaxPage, g.opts.PageLimits[name])
}

// connection answers a Relay connection over the field's items.
func (g *Generator) connection(env *Env, f *graphql.Field, fr *fieldRole) (any, bool, error) {
	q, err := pageArgs(f.Args, g.pageLimit(f.Name))
	if err != nil {
		if g.opts.PageError != nil {
			if pe := g.opts.PageError(f, err.(*PageError)); pe != nil {
				return nil, true, pe
			}
		}
		return nil, true, err
	}
	items, s, err := g.listed(env, f, fr)
	if err != nil {
		return nil, true, err
	}
	n, node := len(items), func(i int) map[string]any { return items[i] }
	switch {
	case s != nil && g.sifts(env, f, fr, s):
		items = g.filter(env, f, fr, s.first(MaxSeries))
		n = len(items)
	case s != nil:
		n, node = s.n, s.item // a series makes only the page's items
	}
	p := slicePage(n, q)
	c := fr.conn
	edges := make([]any, 0, p.end-p.start)
	for i := p.start; i < p.end; i++ {
		e := map[string]any{"__typename": c.edgeType, metaKey: &meta{key: graphql.IndexKey(f.Key, i), typ: c.edgeType}, c.node: node(i)}
		if c.cursor != "" {
			e[c.cursor] = Cursor(i)
		}
		edges = append(edges, e)
	}
	info := map[string]any{"hasNextPage": p.hasNext, "hasPreviousPage": p.hasPrev, "startCursor": nil, "endCursor": nil,
		metaKey: &meta{key: graphql.FieldKey(f.Key, c.pageInfo, ""), typ: c.pageInfoType}}
	if len(edges) > 0 {
		info["startCursor"], info["endCursor"] = Cursor(p.start), Cursor(p.end-1)
	}
	out := map[string]any{metaKey: &meta{key: f.Key, typ: f.Definition.Type.Name()}, c.edges: edges, c.pageInfo: info}
	if c.total != "" {
		out[c.total] = n
	}
	if c.count != "" {
		out[c.count] = len(edges)
	}
	return out, true, nil
}

// parentMeta is what the Generator knows of a leaf's parent: its own meta, or one read
// from a state object's identity.
func (g *Generator) parentMeta(f *graphql.Field) *meta {
	m, _ := f.Source.(map[string]any)
	if mt, ok := m[metaKey].(*meta); ok {
		return mt
	}
	mt := &meta{key: f.ParentKey, typ: f.ParentType, hints: placeHints(m)}
	if tr := g.roles.typ(f.ParentType); tr != nil && tr.identity != "" && m != nil {
		mt.id = keyString(m[tr.identity])
	}
	return mt
}

// spanOf is when an object happens: as its list or first sight set it, or from its type,
// status and key.
func (g *Generator) spanOf(env *Env, mt *meta, tr *typeRole, source map[string]any) span {
	if mt.span != nil {
		return *mt.span
	}
	if lt, ok := source[LifetimeKey].(Lifetime); ok && !lt.Start.IsZero() {
		return lt.span(g.now(env))
	}
	if mt.id != "" && env.Store != nil {
		if e := env.Store.get(mt.typ, mt.id); e != nil && e.span != nil {
			return *e.span
		}
	}
	tn, byStatus := mt.tense, false
	if tn == tenseNone && tr.status != "" {
		if s, ok := g.leafValue(tr, mt, tr.def.Fields.ForName(tr.status), source).(string); ok {
			tn = statusTense(s)
			byStatus = tn != tenseNone
		}
	}
	if tn == tenseNone {
		tn = tr.tense
	}
	var sp span
	if byStatus && tn == tenseOngoing && tr.time == lastsDays {
		// What its status says is under way keeps the dates it had when the session
		// began, then is over, its status saying it came to pass (a brownout COMPLETED).
		past := g.pastFrom(env)
		sp = passed(naturalSpan(tr.time, tn, mt.key, past, past), g.now(env))
		if past.Before(g.now(env)) {
			sp.asOf = past
		}
	} else {
		sp = g.due(tr, naturalSpan(tr.time, tn, mt.key, g.now(env), g.pastFrom(env)), g.now(env), mt.tense == tenseFuture || tr.tense == tenseFuture)
	}
	if tr.interval && !sp.end.After(sp.start) {
		sp.start = sp.end.Add(-slot) // an interval's reading is of the half hour before it
	}
	if tr.peak {
		sp = atPeak(sp, mt.key, g.now(env), nil)
	}
	if tr.visit {
		sp = inWorkingHours(sp, mt.key, g.now(env), nil)
	}
	if mt.given != nil {
		sp = g.givenStart(tr, mt.given, sp, g.now(env))
	}
	return sp
}

// due is sp, a made-up record's span, as the clock at now finds it once what was dated
// to come has begun. One whose list or kind says it is to come (an upcoming list:
// rolls) is the next of a monthly schedule, dated on past now; another keeps its dates
// and is under way, then over, its status saying it came to pass (a SCHEDULED brownout
// reads IN_PROGRESS, then COMPLETED; a REQUESTED agent contract ACCEPTED), or rolls on
// as well when its status enum has no value that says so.
func (g *Generator) due(tr *typeRole, sp span, now time.Time, rolls bool) span {
	if sp.tense != tenseFuture || sp.start.After(now) {
		return sp
	}
	if !rolls {
		done := passed(sp, now)
		if tr.status == "" {
			return done
		}
		if named := g.schema.Types[tr.def.Fields.ForName(tr.status).Type.Name()]; named != nil && cameIn(named, done.tense, 0) != "" {
			return done
		}
	}
	return rolled(sp, now)
}

// bornAfter is the span of an object that is over, moved to begin between after and
// now when it drew one that began before after; false when it need not or cannot move.
func (g *Generator) bornAfter(env *Env, mt *meta, tr *typeRole, m map[string]any, after time.Time) (*span, bool) {
	if !g.hasTime(tr) {
		return nil, false
	}
	sp := g.spanOf(env, mt, tr, m)
	now := g.now(env)
	d := sp.end.Sub(sp.start)
	room := now.Add(-d).Sub(after)
	if !sp.start.Before(after) || sp.tense == tenseFuture || sp.end.After(now) || room < 0 {
		return nil, false
	}
	start := after.Add(time.Duration(newRng(mt.key^saltSpan).intn(int(room/time.Minute)+1)) * time.Minute)
	if t := start.Truncate(30 * time.Minute).Add(30 * time.Minute); !t.Add(d).After(now) {
		start = t
	}
	moved := span{start: start, end: start.Add(d), tense: sp.tense}
	return &moved, true
}

// givenStart is sp begun when the mutation's input says the object begins (a token's
// validFrom), as long as it was: what a payload echoes of its start, it ends after.
func (g *Generator) givenStart(tr *typeRole, gv *given, sp span, now time.Time) span {
	for _, fd := range tr.def.Fields {
		v, ok := gv.in[fd.Name]
		if !ok || fd.Type.Elem != nil || position(words(fd.Name)) != posStart ||
			g.faker.TimeFormatOf(tr.def.Name, fd.Name, g.schema.Types[fd.Type.Name()]) == fake.NotTime {
			continue
		}
		if t, ok := parseTimeIn(v, g.zone()); ok {
			return Lifetime{Start: t, End: t.Add(sp.end.Sub(sp.start))}.span(now)
		}
	}
	return sp
}

// placeHints are the strings a state object already says about where it is (a postcode,
// a town), so that the address parts generated beside them agree.
func placeHints(source map[string]any) []string {
	var out []string
	for _, k := range []string{"postcode", "postCode", "town", "city", "postTown", "locality"} {
		if s, ok := source[k].(string); ok && s != "" {
			out = append(out, s)
		}
	}
	return out
}

// pairValue is one side of an ordered pair, both drawn as the executor would and
// ordered; the bounds on the charge a car's targets set (minimumSoc, maximumSoc) are
// its own, as its preferenceSetting states them, whatever the targets.
func (g *Generator) pairValue(f *graphql.Field, tr *typeRole, mt *meta, p pair, named *ast.Definition, source map[string]any) any {
	if len(p.within) > 0 && hasWord(words(f.Name), "soc") {
		if p.low {
			return renderNumber(named, minChargePercent, 0)
		}
		return renderNumber(named, maxChargePercent, 0)
	}
	mine := g.faker.Leaf(f.Key, f.ParentType, f.Name, named)
	od := tr.def.Fields.ForName(p.other)
	other, ok := source[p.other]
	if !ok || other == nil {
		other = g.faker.Leaf(graphql.FieldKey(mt.key, p.other, ""), f.ParentType, p.other, g.schema.Types[od.Type.Name()])
	}
	a, aok := toFloat(mine)
	b, bok := toFloat(other)
	if !aok || !bok {
		return mine
	}
	if (p.low && a > b) || (!p.low && a < b) {
		if ok && source[p.other] != nil {
			mine, a = renderNumber(named, b, 2), b
		} else {
			mine = g.faker.Leaf(graphql.FieldKey(mt.key, p.other, ""), f.ParentType, p.other, named)
			a, _ = toFloat(mine)
		}
	}
	for _, w := range p.within { // the bounds hold what they bound: a target between them
		if v, ok := toFloat(g.leafValue(tr, mt, tr.def.Fields.ForName(w), source)); ok && (p.low && v < a || !p.low && v > a) {
			mine, a = renderNumber(named, v, 2), v
		}
	}
	return mine
}

func toFloat(v any) (float64, bool) {
	switch x := v.(type) {
	case int:
		return float64(x), true
	case int64:
		return float64(x), true
	case float64:
		return x, true
	case string:
		f, err := strconv.ParseFloat(x, 64)
		return f, err == nil
	}
	return 0, false
}

// renderNumber renders v as a leaf of the numeric scalar named.
func renderNumber(named *ast.Definition, v float64, decimals int) any {
	switch named.Name {
	case "Int":
		return int(math.Round(v))
	case "BigInt":
		return int64(math.Round(v))
	case "Float":
		p := math.Pow10(decimals)
		return math.Round(v*p) / p
	}
	s := strconv.FormatFloat(v, 'f', decimals, 64)
	if named.Name == "NormalizedDecimal" {
		return fake.NormalizeDecimal(s)
	}
	return s
}
