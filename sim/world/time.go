package world

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/krakensim/krakensim/sim/fake"
	"github.com/krakensim/krakensim/sim/graphql"
)

// span is when the thing an object stands for happens: [start, end], and whether that
// is over, under way or to come; readFrom and readTo, when set, are where its register
// began and has been read to, so that a reading's values cover only what was read of
// it (zero: all of it).
type span struct {
	start, end       time.Time
	tense            tense
	readFrom, readTo time.Time
	// zone, when set, is the zone its times are told in (a series' timezone argument's)
	// rather than the tenant's.
	zone *time.Location
	// open says it has no end yet (a state object's lifetime that lasts): its end is
	// told as none, even before it starts.
	open bool
	// asOf, when set, is the instant a made-up record is dated from (its session's
	// start), which what it says was done by now (issued, created, updated) was done by.
	asOf time.Time
	// came says it was dated to come and the clock has since passed its start, so its
	// status says it came to pass (cameIn).
	came bool
}

// read is the part of sp its register has been read over: [max(start, readFrom),
// min(end, readTo)), the span's labels kept apart from what its values cover.
func (sp span) read() span {
	if !sp.readTo.IsZero() && sp.readTo.Before(sp.end) {
		sp.end = maxTime(sp.readTo, sp.start)
	}
	if sp.readFrom.After(sp.start) {
		sp.start = minTime(sp.readFrom, sp.end)
	}
	return sp
}

// Lifetime is when an object the session's state holds exists: from Start until End, zero
// while it lasts. A state object's map gives it under LifetimeKey, so that the times the
// world makes up beside the state's (a supply end date, a status change) fall inside it.
type Lifetime struct{ Start, End time.Time }

// LifetimeKey is the key of a state object's Lifetime in its map; no GraphQL field can
// have it.
const LifetimeKey = "\x00lifetime"

// MetersKey is the key under which a state object that has meters (a property) names
// them, a map from a fuel ("electricity", "gas") to the serial number of its meter in
// place, and "export" to the id of its export meter, so that a series under it that
// names no meter (measurements filtered by fuel and direction alone) reads that meter.
const MetersKey = "\x00meters"

// ReadAsKey is the key under which a state object that is a meter names the id the
// meter is read by as its account holds it (over that account's tenancy of its home),
// so that a series under it reads that before its id or serial number.
const ReadAsKey = "\x00readAs"

// tenancySep joins an account's number and a meter's id in TenancyID.
const tenancySep = "\x00"

// TenancyID is the id a Meter lookup reads the meter of id by as the account numbered
// number holds or held it: over that account's tenancy of its home alone.
func TenancyID(number, id string) string { return number + tenancySep + id }

// SplitTenancy is the account number and meter id a TenancyID joins; ok is false for
// another id.
func SplitTenancy(tid string) (number, id string, ok bool) {
	return strings.Cut(tid, tenancySep)
}

// span is the lifetime as the world's objects have theirs: under way, over or to come at
// now; one that lasts is open, its times falling before a year after today, or after it
// starts.
func (lt Lifetime) span(now time.Time) span {
	sp := span{start: lt.Start, end: lt.End, tense: tenseOngoing}
	switch {
	case lt.Start.After(now):
		sp.tense = tenseFuture
	case !lt.End.IsZero() && !lt.End.After(now):
		sp.tense = tensePast
	}
	if sp.end.IsZero() {
		sp.open = true
		sp.end = midnight(now).AddDate(1, 0, 0)
		if !sp.end.After(sp.start) {
			sp.end = sp.start.AddDate(1, 0, 0)
		}
	}
	return sp
}

// lifetimeStart is when the state object whose field f is began, zero when it is not
// one or does not say.
func lifetimeStart(f *graphql.Field) time.Time {
	source, _ := f.Source.(map[string]any)
	lt, _ := source[LifetimeKey].(Lifetime)
	return lt.Start
}

// born is when the owner of the list f answers began: a state object's start, or when a
// mutation of the session made it, which fresh then says (a shell account opened today
// has no bills, payments or notes from before); zero for others.
func (g *Generator) born(f *graphql.Field) (t time.Time, fresh bool) {
	if t := lifetimeStart(f); !t.IsZero() {
		return t, false
	}
	mt := g.parentMeta(f)
	if !mt.made || mt.span == nil {
		return time.Time{}, false
	}
	return mt.span.start, true
}

// began is when the owner of the list f answers began, for what it lists that happened
// since: born, else the start of a made-up owner that happens in time; zero for none.
func (g *Generator) began(env *Env, f *graphql.Field, born time.Time) time.Time {
	if !born.IsZero() {
		return born
	}
	m, _ := f.Source.(map[string]any)
	mt, ok := m[metaKey].(*meta)
	if !ok {
		return time.Time{}
	}
	tr := g.roles.typ(mt.typ)
	if tr == nil || !g.hasTime(tr) {
		return time.Time{}
	}
	return g.spanOf(env, mt, tr, m).start
}

// pos is where in its object's span a point in time lies.
type pos uint8

const (
	posPoint   pos = iota // a reading's time: the start
	posStart              // validFrom, start, fromDate
	posEnd                // validTo, end, toDate
	posIssued             // issuedDate: a few days after the end
	posDue                // dueDate: a couple of weeks after the end
	posCreated            // createdAt: a little before the start
	posUpdated            // updatedAt: between the start and now; when made, for what is to come
)

// position reads a field or argument name: issuedDate → posIssued, validTo → posEnd.
func position(ws []string) pos {
	for _, w := range ws {
		switch w {
		case "issued", "sent", "billed", "generated", "printed", "published", "emailed", "processed", "settled":
			return posIssued
		case "due":
			return posDue
		case "created", "requested", "submitted", "registered", "booked", "signed", "joined", "applied", "accepted", "placed", "opened":
			return posCreated
		case "updated", "modified", "changed":
			return posUpdated
		}
	}
	for _, w := range ws {
		switch w {
		case "from", "start", "begin", "began", "since", "commenced", "starting", "started", "activefrom":
			return posStart
		case "to", "end", "until", "till", "expiry", "expire", "expiration", "expired", "close", "closed", "finish",
			"finished", "stop", "stopped", "termination", "terminated", "ended", "ending", "resolved", "resolution":
			return posEnd
		}
	}
	return posPoint
}

// Status words say whether an object is under way, over or still to come.
var (
	ongoingWords = []string{"active", "on", "live", "current", "enrolled", "ongoing", "open", "enabled", "connected",
		"progress", "supplying", "running", "started", "valid", "effective", "onboarded", "operational", "calculating", "processing"}
	pastWords = []string{"lost", "ended", "inactive", "closed", "terminated", "completed", "complete", "expired", "cancelled",
		"canceled", "retired", "finished", "off", "withdrawn", "paid", "settled", "revoked", "deleted", "archived",
		"superseded", "former", "previous", "historic", "disconnected", "deactivated", "void", "voided", "dormant", "lapsed",
		"done", "success", "fail", "failed"}
	futureWords = []string{"pending", "scheduled", "planned", "upcoming", "gaining", "requested", "awaiting", "draft",
		"queued", "future", "booked", "waiting", "registering", "onboarding", "new"}
)

// statusTense classifies an enum value such as ON_SUPPLY, LOST or PENDING.
func statusTense(value string) tense {
	ws := words(value)
	switch {
	case hasWord(ws, "not", "non", "un"):
		if hasWord(ws, "started", "begun", "yet") {
			return tenseFuture
		}
		return tensePast
	case hasWord(ws, pastWords...):
		return tensePast
	case hasWord(ws, futureWords...):
		return tenseFuture
	case hasWord(ws, ongoingWords...):
		return tenseOngoing
	}
	return tenseNone
}

// statusIn is a value of the status enum named whose tense is tn (OPEN for a period under
// way, CLOSED or ISSUED for one over), drawn by key; "" when none says so.
func statusIn(named *ast.Definition, tn tense, key uint64) string {
	var fit []string
	for _, v := range named.EnumValues {
		if statusTense(v.Name) == tn {
			fit = append(fit, v.Name)
		}
	}
	if len(fit) == 0 {
		return ""
	}
	return fit[newRng(key).intn(len(fit))]
}

// cameIn is a value of the status enum named for what was to come and has come to pass,
// now of tense tn, drawn by key: one saying so (IN_PROGRESS, COMPLETED) that is no
// failure or refusal, else one that says no tense (ACCEPTED); "" when none fits.
func cameIn(named *ast.Definition, tn tense, key uint64) string {
	for _, want := range []tense{tn, tenseNone} {
		var fit []string
		for _, v := range named.EnumValues {
			if statusTense(v.Name) == want && !failed(v.Name) && !turnedDown(v.Name) {
				fit = append(fit, v.Name)
			}
		}
		if len(fit) > 0 {
			return fit[newRng(key).intn(len(fit))]
		}
	}
	return ""
}

// saltSpan keeps span draws apart from leaf values of the same key.
const saltSpan = 0x3c6ef372fe94f82b

// naturalSpan is the span of an object with this key that lasts like class and lies in
// tense, on the calendar of now's location (the tenant's local time). What is over, and
// what lasts days or years, is dated from past (the session's start, no later than now),
// so that a record keeps its dates while the clock moves; what happens in hours, under
// way or to come, is dated from now, stable while now stays within the same half hour
// (the same hour for what is to come), as is a period under way or to come.
func naturalSpan(class timeClass, tn tense, key uint64, now, past time.Time) span {
	r := newRng(key ^ saltSpan)
	if tn == tenseNone {
		tn = tensePast
	}
	ref := now
	if tn == tensePast || class == lastsDays || class == lastsYears {
		ref = past
	}
	day := midnight(ref)
	var d time.Duration
	switch class {
	case lastsInstant:
		d = 0
	case lastsHours:
		d = time.Duration(r.between(1, 8)) * 30 * time.Minute
	case lastsYears:
		d = time.Duration(r.between(180, 1095)) * 24 * time.Hour
	case lastsDays:
		d = time.Duration(r.between(1, 28)) * 24 * time.Hour
	}
	sp := span{tense: tn}
	if ref.Before(now) {
		sp.asOf = ref
	}
	if m := class.months(); m > 0 {
		first := periodStart(now, m)
		switch tn {
		case tensePast:
			first = periodStart(past, m).AddDate(0, -m*r.between(1, max(1, 12/m)), 0)
		case tenseFuture:
			first = first.AddDate(0, m, 0)
		}
		sp.start, sp.end = first, first.AddDate(0, m, 0)
		return sp
	}
	switch tn {
	case tensePast:
		var back time.Duration
		switch class {
		case lastsInstant, lastsHours:
			back = time.Duration(r.between(1, 30*48)) * 30 * time.Minute
		case lastsYears:
			back = time.Duration(r.between(1, 365)) * 24 * time.Hour
		default:
			back = time.Duration(r.between(1, 90)) * 24 * time.Hour
		}
		sp.end = day.Add(-back)
		sp.start = sp.end.Add(-d)
	case tenseOngoing:
		if class == lastsInstant { // the latest of it: minutes ago
			sp.start = now.Truncate(time.Minute).Add(-time.Duration(r.intn(5)) * time.Minute)
			sp.end, sp.tense = sp.start, tensePast
			return sp
		}
		anchor := day
		switch class {
		case lastsHours, lastsInstant:
			anchor = now.Truncate(30 * time.Minute)
			d = max(d, 150*time.Minute) // a fifth of it outlasts the half hour
		case lastsDays:
			anchor = ref.Truncate(time.Hour)
		}
		sp.start = anchor.Add(-time.Duration(float64(d) * float64(r.between(10, 80)) / 100)).Truncate(time.Minute)
		sp.end = sp.start.Add(d)
		if !sp.end.After(now) { // under way still: it ends after now
			sp.end = midnight(now).AddDate(0, 0, r.between(1, 28))
		}
	case tenseFuture:
		ahead := time.Duration(r.between(2, 96)) * 30 * time.Minute
		if class == lastsYears || class == lastsDays {
			ahead = time.Duration(r.between(1, 60)) * 24 * time.Hour
		}
		sp.start = ref.Truncate(time.Hour).Add(ahead)
		sp.end = sp.start.Add(d)
	}
	return sp
}

// passed is sp, dated to come, as the clock at now finds it once it has begun: under
// way until its end, then over.
func passed(sp span, now time.Time) span {
	sp.tense, sp.came = tensePast, true
	if sp.end.After(now) {
		sp.tense = tenseOngoing
	}
	return sp
}

// rolled is sp, dated to come, moved on by whole months past now as a schedule's next
// date is once the last has come, as long as it was.
func rolled(sp span, now time.Time) span {
	d := sp.end.Sub(sp.start)
	n := max((now.Year()-sp.start.Year())*12+int(now.Month()-sp.start.Month()), 1)
	next := sp.start.AddDate(0, n, 0)
	for !next.After(now) {
		n++
		next = sp.start.AddDate(0, n, 0)
	}
	sp.start, sp.end = next, next.Add(d)
	return sp
}

// atPeak moves the span of what happens at the evening peak (a saving session) to its
// day's peak: a start from 16:00 to 18:30 in now's location, 30 to 90 minutes long. What
// is over stays before now, what is to come after it, and what is under way runs from
// half hour to half hour around now; after prev in a list, it falls on another day.
func atPeak(sp span, key uint64, now time.Time, prev *span) span {
	r := newRng(key ^ saltSpan ^ 0x6c62272e07bb0142)
	if sp.tense == tenseOngoing { // one under way still runs from half hour to half hour
		k := r.intn(2)
		sp.start = now.Add(-time.Nanosecond).Truncate(30 * time.Minute).Add(-time.Duration(k) * 30 * time.Minute)
		sp.end = sp.start.Add(time.Duration(r.between(k+1, 3)) * 30 * time.Minute)
		if !sp.end.After(now) {
			sp.end = sp.end.Add(30 * time.Minute)
		}
		return sp
	}
	day := midnight(sp.start.In(now.Location()))
	step := 1
	if sp.tense == tensePast {
		step = -step
	}
	if prev != nil {
		day = midnight(prev.start.In(now.Location())).AddDate(0, 0, step*r.between(1, 4))
	}
	start := func() time.Time {
		return day.Add(16*time.Hour + time.Duration(r.between(0, 5))*30*time.Minute)
	}
	at := start()
	d := time.Duration(r.between(1, 3)) * 30 * time.Minute
	for i := 0; i < 3 && (sp.tense == tensePast && at.Add(d).After(now) || sp.tense != tensePast && !at.After(now)); i++ {
		day = day.AddDate(0, 0, step)
		at = start()
	}
	sp.start, sp.end = at, at.Add(d)
	return sp
}

// at is the point in time a field at position p names in sp; null says the field has no
// value yet (the end of something under way, or of one open).
func at(sp span, p pos, key uint64, now time.Time) (t time.Time, null bool) {
	r := newRng(key ^ saltSpan ^ uint64(p)<<56)
	if !sp.asOf.IsZero() && sp.asOf.Before(now) {
		now = sp.asOf
	}
	switch p {
	case posEnd:
		return sp.end, sp.tense == tenseOngoing || sp.open
	case posIssued:
		t = sp.end.Add(time.Duration(r.between(1, 5)) * 24 * time.Hour)
		if sp.tense == tensePast && t.After(now) {
			t = midnight(now) // what is over was issued by now
			if t.Before(sp.end) {
				t = sp.end
			}
		}
		return t, sp.tense != tensePast
	case posDue:
		return sp.end.Add(time.Duration(r.between(14, 21)) * 24 * time.Hour), sp.tense != tensePast
	case posCreated:
		t = sp.start.Add(-time.Duration(r.between(0, 14*24)) * time.Hour)
		if t.After(now) {
			t = now.Truncate(time.Minute).Add(-time.Duration(r.between(1, 48)) * time.Hour)
		}
		return t, false
	case posUpdated:
		if sp.start.After(now) { // arranged and not begun: last changed when it was made
			return at(sp, posCreated, key, now)
		}
		hi := sp.end
		if hi.After(now) {
			hi = now
		}
		if !hi.After(sp.start) {
			return sp.start, false
		}
		return sp.start.Add(time.Duration(r.intn(int(hi.Sub(sp.start) / time.Minute)))), false
	}
	return sp.start, false
}

// inWorkingHours is sp moved to working hours, as an engineer visits: a weekday, from
// 08:00 to 14:00 in now's location, one to four hours long, ending by 18:00. What is over
// stays before now and what is to come after it, a day further off where need be, and
// after prev in a list on another day; what is under way is around now in working
// hours, else to come.
func inWorkingHours(sp span, key uint64, now time.Time, prev *span) span {
	r := newRng(key ^ saltSpan ^ 0x1b873593cc9e2d51)
	if sp.tense == tenseOngoing {
		day := midnight(now)
		open, shut := day.Add(8*time.Hour), day.Add(18*time.Hour)
		if wd := now.Weekday(); wd == time.Saturday || wd == time.Sunday || now.Before(open.Add(30*time.Minute)) || !now.Before(shut.Add(-30*time.Minute)) {
			sp.tense = tenseFuture // no engineer is at work now: the visit is to come
		} else {
			start := maxTime(now.Truncate(30*time.Minute).Add(-time.Duration(r.intn(4))*30*time.Minute), open)
			sp.start, sp.end = start, minTime(start.Add(time.Duration(r.between(2, 8))*30*time.Minute), shut)
			if !sp.end.After(now) {
				sp.end = now.Truncate(30 * time.Minute).Add(30 * time.Minute)
			}
			return sp
		}
	}
	step := 1
	if sp.tense == tensePast {
		step = -1
	}
	day := midnight(sp.start.In(now.Location()))
	if prev != nil {
		day = midnight(prev.start.In(now.Location())).AddDate(0, 0, step*r.between(1, 4))
	}
	at := time.Duration(r.between(16, 28)) * 30 * time.Minute
	d := time.Duration(r.between(2, 8)) * 30 * time.Minute
	for i := 0; i < 7; i++ {
		wd := day.Weekday()
		start := time.Date(day.Year(), day.Month(), day.Day(), 0, int(at/time.Minute), 0, 0, day.Location())
		if wd != time.Saturday && wd != time.Sunday && (step < 0 && !start.Add(d).After(now) || step > 0 && start.After(now)) {
			sp.start, sp.end = start, start.Add(d)
			return sp
		}
		day = day.AddDate(0, 0, step)
	}
	return sp
}

// midnight is the start of t's day in t's location.
func midnight(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, t.Location())
}

// standardOffset is loc's offset from UTC outside summer time: the smaller of its
// January and July offsets (Sydney +10:00, London 0).
func standardOffset(loc *time.Location) time.Duration {
	_, jan := time.Date(2026, time.January, 1, 0, 0, 0, 0, loc).Zone()
	_, jul := time.Date(2026, time.July, 1, 0, 0, 0, 0, loc).Zone()
	return time.Duration(min(jan, jul)) * time.Second
}

// periodStart is the start of the calendar period of months months (1, 3, 12) that
// holds t: its month, its quarter, its year.
func periodStart(t time.Time, months int) time.Time {
	y, m, _ := t.Date()
	m -= time.Month((int(m) - 1) % months)
	return time.Date(y, m, 1, 0, 0, 0, 0, t.Location())
}

// step is a grouping's spacing: a duration, whole days or whole calendar months; days
// and months follow the calendar of the time they are added to (a day is 23 or 25 hours
// when the clocks change).
type step struct {
	d      time.Duration
	days   int
	months int
}

func (s step) add(t time.Time, n int) time.Time {
	switch {
	case s.months > 0:
		return t.AddDate(0, s.months*n, 0)
	case s.days > 0:
		return t.AddDate(0, 0, s.days*n)
	}
	return t.Add(time.Duration(n) * s.d)
}

// floor is the start of the step t falls in, on the calendar of t's location: a half hour
// on the half hour, a day at midnight, a week on its Monday, a quarter on its first month.
func (s step) floor(t time.Time) time.Time {
	switch {
	case s.months > 0:
		y, m, _ := t.Date()
		m0 := (int(m) - 1) / s.months * s.months
		return time.Date(y, time.Month(m0+1), 1, 0, 0, 0, 0, t.Location())
	case s.days == 7:
		day := midnight(t)
		return day.AddDate(0, 0, -(int(day.Weekday())+6)%7)
	case s.days > 0:
		return midnight(t)
	case s.d <= 0 || s.d > 24*time.Hour:
		return t
	}
	day := midnight(t)
	return day.Add(t.Sub(day) / s.d * s.d)
}

// count is how many steps from first, on a step's start, begin before t: exact, by the
// calendar, without walking them. A duration's steps more than the 292 years a
// time.Duration holds after first are not counted.
func (s step) count(first, t time.Time) int {
	if !t.After(first) {
		return 0
	}
	var n int
	switch {
	case s.months > 0:
		e := t.In(first.Location())
		n = ((e.Year()-first.Year())*12 + int(e.Month()) - int(first.Month())) / s.months
	case s.days > 0:
		n = int((t.Unix()-first.Unix())/(24*60*60)) / s.days
	case s.d > 0:
		span := t.Sub(first)
		n = int(span / s.d)
		if span%s.d != 0 && span < time.Duration(1<<63-1)-s.d {
			n++ // the step that t falls in began before it
		}
		return n
	default:
		return MaxSeries // a step of no length: its steps all begin at first
	}
	// A calendar's days and months are not all alike (the clocks change, months are
	// 28 to 31 days): n is at most a step off.
	for n > 0 && !s.add(first, n-1).Before(t) {
		n--
	}
	for s.add(first, n).Before(t) {
		n++
	}
	return n
}

// Grouping is a grouping enum value's spacing (QUARTER_HOUR, DAY, WEEK, QUARTER), for
// state's own series to step as the world's do.
type Grouping struct{ s step }

// GroupingOf reads a grouping enum value; false for one that names no spacing.
func GroupingOf(name string) (Grouping, bool) {
	s, ok := stepOf(name)
	return Grouping{s}, ok && (s.d > 0 || s.days > 0 || s.months > 0)
}

// Floor is the start of the interval t falls in, on the calendar of t's location.
func (g Grouping) Floor(t time.Time) time.Time { return g.s.floor(t) }

// HalfHourFrom is the first half hour of a supplier's readings a window from t holds:
// the one starting at t, or the next, as its readings are whole half-hour records a
// window lists by their start (from inclusive, to exclusive), never cut.
func HalfHourFrom(t time.Time) time.Time {
	half := step{d: 30 * time.Minute}
	if f := half.floor(t); f.Before(t) {
		return half.add(f, 1)
	}
	return t
}

// Add is t moved n intervals on (back for a negative n).
func (g Grouping) Add(t time.Time, n int) time.Time { return g.s.add(t, n) }

// SubDaily and SubMonthly report whether an interval is shorter than a day, a month.
func (g Grouping) SubDaily() bool   { return g.s.d > 0 && g.s.d < 24*time.Hour }
func (g Grouping) SubMonthly() bool { return g.s.months == 0 }

// Count is how many intervals from first, on an interval's start, begin before end.
func (g Grouping) Count(first, end time.Time) int { return g.s.count(first, end) }

func (s step) String() string {
	switch {
	case s.months > 0:
		return strconv.Itoa(s.months) + "mo"
	case s.days > 0:
		return (time.Duration(s.days) * 24 * time.Hour).String()
	}
	return s.d.String()
}

var numberWords = map[string]float64{"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "ten": 10,
	"twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "sixty": 60, "half": 0.5, "quarter": 0.25}

// stepOf reads a grouping enum value: TEN_SECONDS, HALF_HOURLY, DAY, MONTH, QUARTER,
// QUARTER_INTERVAL; a quarter of a unit that follows it is a number (QUARTER_HOUR).
func stepOf(name string) (step, bool) {
	n, unit := 1.0, ""
	ws := words(name)
	for i, w := range ws {
		if w == "quarter" && unit == "" && !slices.ContainsFunc(ws[i+1:], func(w string) bool { return timeUnit(w) != "" }) {
			unit = "q"
			continue
		}
		if v, ok := numberWords[w]; ok && unit == "" {
			n *= v
			continue
		}
		if v, err := strconv.Atoi(w); err == nil && v > 0 && unit == "" {
			n *= float64(v)
			continue
		}
		if u := timeUnit(w); u != "" {
			unit = u
		}
	}
	switch unit {
	case "s":
		return step{d: time.Duration(n * float64(time.Second))}, true
	case "m":
		return step{d: time.Duration(n * float64(time.Minute))}, true
	case "h":
		return step{d: time.Duration(n * float64(time.Hour))}, true
	case "d":
		if n == float64(int(n)) {
			return step{days: int(n)}, true
		}
		return step{d: time.Duration(n * 24 * float64(time.Hour))}, true
	case "w":
		if n == float64(int(n)) {
			return step{days: 7 * int(n)}, true
		}
		return step{d: time.Duration(n * 7 * 24 * float64(time.Hour))}, true
	case "mo":
		return step{months: max(1, int(n))}, true
	case "q":
		return step{months: 3}, true
	case "y":
		return step{months: 12 * max(1, int(n))}, true
	}
	return step{}, false
}

// timeUnit is the unit of time a word of a grouping names ("hourly": "h"), "" for none.
func timeUnit(w string) string {
	switch w {
	case "second", "sec":
		return "s"
	case "minute", "min", "minutely":
		return "m"
	case "hour", "hourly":
		return "h"
	case "day", "daily":
		return "d"
	case "week", "weekly":
		return "w"
	case "month", "monthly":
		return "mo"
	case "quarterly":
		return "q"
	case "year", "yearly", "annual", "annually":
		return "y"
	}
	return ""
}

// parseTimeIn reads a Date or DateTime argument in loc: a date is its day's start there,
// a date-time without an offset is read there too (as Django reads a naive date-time in
// its current zone), and one with an offset is told in loc.
func parseTimeIn(v any, loc *time.Location) (time.Time, bool) {
	return parseTimeRead(v, loc, loc)
}

// parseTimeRead is parseTimeIn with a date-time without an offset read in naive.
func parseTimeRead(v any, loc, naive *time.Location) (time.Time, bool) {
	s, ok := v.(string)
	if !ok {
		return time.Time{}, false
	}
	at := naive
	if len(s) == len(time.DateOnly) {
		at = loc
	}
	t, ok := graphql.ParseDateTime(s, at)
	if !ok || beyondCalendar(t) {
		return time.Time{}, false
	}
	return t.In(loc), true
}

// beyondCalendar reports whether t is at an end of the calendar, where an SDL's defaults
// stand for "no bound" (startAt = 0001-01-03, endAt = 9999-12-29).
func beyondCalendar(t time.Time) bool { return t.Year() < 1900 || t.Year() > 2999 }

// atCalendarEnd reports whether a Date or DateTime argument is at an end of the calendar.
func atCalendarEnd(v any) bool {
	s, ok := v.(string)
	if !ok {
		return false
	}
	t, ok := graphql.ParseDateTime(s, time.UTC)
	return ok && beyondCalendar(t)
}

// atCalendarStart reports whether a Date or DateTime argument is at the start of the
// calendar, the far past.
func atCalendarStart(v any) bool {
	s, ok := v.(string)
	if !ok {
		return false
	}
	t, ok := graphql.ParseDateTime(s, time.UTC)
	return ok && beyondCalendar(t) && t.Year() < 1900
}

func newRng(seed uint64) *rng { return &rng{fake.NewStream(seed)} }

// rng is fake.Stream with the names this package uses.
type rng struct{ *fake.Stream }

func (r *rng) intn(n int) int         { return r.Intn(n) }
func (r *rng) between(lo, hi int) int { return r.Between(lo, hi) }
