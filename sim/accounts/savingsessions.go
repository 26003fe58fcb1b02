package accounts

import (
	"context"
	"math"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/fake"
	"github.com/krakensim/krakensim/sim/graphql"
	"github.com/krakensim/krakensim/sim/world"
)

// Octopus's Saving Sessions: in the winter season (November to March) Octopus calls
// events of half an hour to an hour and a half on weekday evenings, announced up to a
// week ahead, the same for every account. An account signs one smart import meter point
// up to the campaign (KT-GB-5111 for another), then opts in to each event before it
// begins (KT-GB-5114 for an unknown one, KT-GB-5116 before signing up, KT-GB-5117 once it
// has begun); what it saved against its baseline is known two days after the event, and
// earns the event's OctoPoints for each kWh. An account signed up before a season began
// joined about three in five of that season's events before the session started.

// savingSession is one Saving Sessions event.
type savingSession struct {
	id         int
	code       string
	start, end time.Time
	// reward is the OctoPoints given for each kWh saved, participants how many accounts
	// will have joined it.
	reward, participants int
	// regions are the regions it is called in (mpanRegion's numbers, in order); none for
	// every region.
	regions []int
}

// Saving Sessions' regions: from the 2025 season ("Power Down"), Octopus calls some
// events in a few regions only, numbered as the distributors whose areas they are (the
// first two digits of their MPANs, 10 to 23); an account joins those of its signed-up
// meter point's region alone.
const (
	targetedFrom            = 2025
	firstRegion, numRegions = 10, 14
)

// mpanRegion is the region of the meter point with the MPAN: its first two digits; 0
// when they are not a region's.
func mpanRegion(mpan string) int {
	if len(mpan) < 2 || mpan[0] < '0' || mpan[0] > '9' || mpan[1] < '0' || mpan[1] > '9' {
		return 0
	}
	if r := int(mpan[0]-'0')*10 + int(mpan[1]-'0'); r >= firstRegion && r < firstRegion+numRegions {
		return r
	}
	return 0
}

// targets reports whether the event is called in the region.
func (e *savingSession) targets(region int) bool {
	return len(e.regions) == 0 || slices.Contains(e.regions, region)
}

// Saving Sessions' calendar.
const (
	// sessionsAnnounced is how far ahead events are announced.
	sessionsAnnounced = 7 * 24 * time.Hour
	// sessionResultsAfter is how long after an event its results are set.
	sessionResultsAfter = 48 * time.Hour
	// sessionGridCO2 is the grams of CO2 a kWh saved at the evening peak avoids.
	sessionGridCO2 = 250.0
)

// sessionStarts are the local times events begin at, in minutes after midnight;
// sessionLengths their lengths in minutes; sessionRewards the OctoPoints a kWh earns.
var (
	sessionStarts  = []int{16*60 + 30, 17 * 60, 17*60 + 30, 18 * 60, 18*60 + 30}
	sessionLengths = []int{30, 60, 60, 60, 90}
	sessionRewards = []int{800, 1200, 1600, 1800, 2400, 3200}
)

// seasonOf is the year the Saving Sessions season a local day falls in began: the
// season running from November, else the last one that ran.
func seasonOf(day time.Time) int {
	if day.Month() >= time.November {
		return day.Year()
	}
	return day.Year() - 1
}

// savingSessionEvents are the events announced by now: those of now's season (or the
// last one) that begin within a week, in order of their start.
func savingSessionEvents(now time.Time, zone *time.Location) []savingSession {
	all := seasonCalendar(seasonOf(now.In(zone)), zone)
	n := 0
	for n < len(all) && !all[n].start.After(now.Add(sessionsAnnounced)) {
		n++
	}
	return all[:n:n]
}

// seasonCalendars are each season's events in each zone, worked out once (seasonKey).
var seasonCalendars sync.Map

// seasonKey keys a season's calendar: its year and the zone's name.
type seasonKey struct {
	season int
	zone   string
}

// seasonCalendar is every event of a season, in order of their start; read only.
func seasonCalendar(season int, zone *time.Location) []savingSession {
	k := seasonKey{season, zone.String()}
	cached := season >= firstSessionSeason && season < firstSessionSeason+64 // a clock set centuries on is not kept
	if v, ok := seasonCalendars.Load(k); ok && cached {
		return v.([]savingSession)
	}
	first := time.Date(season, time.November, 1, 0, 0, 0, 0, zone)
	for first.Weekday() != time.Monday {
		first = first.AddDate(0, 0, 1)
	}
	last := time.Date(season+1, time.April, 1, 0, 0, 0, 0, zone)
	var out []savingSession
	for week := 0; ; week++ {
		monday := first.AddDate(0, 0, 7*week)
		if !monday.Before(last) {
			break
		}
		h := fake.HashStrings("saving sessions", itoa(season), itoa(week))
		n := []int{0, 1, 1, 1, 2, 2}[h%6] // events this week
		days := []int{int(h>>8) % 5, int(h>>16) % 5}
		if n == 2 && days[0] == days[1] {
			days[1] = (days[1] + 2) % 5
		}
		slices.Sort(days[:n])
		for i := range n {
			eh := fake.Mix64(h ^ uint64(i+1)*0x9e3779b97f4a7c15)
			minutes := sessionStarts[eh%uint64(len(sessionStarts))]
			day := monday.AddDate(0, 0, days[i])
			start := time.Date(day.Year(), day.Month(), day.Day(), minutes/60, minutes%60, 0, 0, zone)
			if !start.Before(last) {
				continue
			}
			var regions []int
			if season >= targetedFrom && (eh>>40)%4 == 0 { // one in four, in two to four regions
				first := int((eh >> 48) % numRegions)
				for k := range 2 + int((eh>>44)%3) {
					regions = append(regions, firstRegion+(first+3*k)%numRegions)
				}
				slices.Sort(regions)
			}
			out = append(out, savingSession{
				regions:      regions,
				id:           (season%100)*100 + len(out) + 1,
				code:         sessionCode(eh),
				start:        start,
				end:          start.Add(time.Duration(sessionLengths[(eh>>8)%uint64(len(sessionLengths))]) * time.Minute),
				reward:       sessionRewards[(eh>>16)%uint64(len(sessionRewards))],
				participants: 700_000 + int((eh>>24)%500_000),
			})
		}
	}
	if !cached {
		return out
	}
	v, _ := seasonCalendars.LoadOrStore(k, out)
	return v.([]savingSession)
}

// sessionCode is an event's code: eight letters and digits that cannot be misread.
func sessionCode(h uint64) string {
	const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
	var b [8]byte
	for i := range b {
		h = fake.Mix64(h + uint64(i))
		b[i] = alphabet[h%uint64(len(alphabet))]
	}
	return string(b[:])
}

// status is where an event is at a time (SavingSessionsAccountEventStatus).
func (e *savingSession) status(now time.Time) string {
	switch {
	case now.Before(e.start):
		return "UPCOMING"
	case now.Before(e.end):
		return "ONGOING"
	}
	return "DONE"
}

// joinedBy reports whether the account's sign-up joined an event: one it opted in to,
// or, signed up before the event's season began, three in five of the season's.
func (e *savingSession) joinedBy(number string, ss *sim.SavingSessions, zone *time.Location) bool {
	if ss == nil {
		return false
	}
	if slices.Contains(ss.Events, e.code) {
		return true
	}
	season := seasonOf(e.start.In(zone))
	return ss.JoinedAt.Before(time.Date(season, time.November, 1, 0, 0, 0, 0, zone)) && e.targets(mpanRegion(ss.MPAN)) &&
		fake.HashStrings("saving session joined", number, e.code)%5 < 3
}

// eventMap is an event as SavingSessionsEventType answers it: the accounts that have
// joined by now grow towards its participants as it nears.
func (e *savingSession) eventMap(now time.Time, zone *time.Location) obj {
	joined := e.participants
	if ahead := e.start.Sub(now); ahead > 0 {
		joined = int(float64(e.participants) * (1 - 0.8*min(1, ahead.Hours()/sessionsAnnounced.Hours())))
	}
	regions := make([]any, len(e.regions))
	for i, r := range e.regions {
		regions[i] = obj{"regionId": r}
	}
	capacity := "AVAILABLE"
	if !now.Before(e.start) {
		capacity = "CLOSED"
	}
	return obj{"id": e.id, "code": e.code, "startAt": dateTime(e.start, zone), "endAt": dateTime(e.end, zone),
		"status": e.status(now), "totalParticipants": joined, "rewardPerKwhInOctoPoints": e.reward, "devEvent": false,
		"eventType": sessionEventType, "capacityStatus": capacity, "targetRegion": regions}
}

// sessionEventType is the kind of event Saving Sessions are (Power Down: use less).
const sessionEventType = "TURN_DOWN"

// joinedMap is an event an account joined, as SavingSessionsAccountJoinedEventsType
// answers it: what it used against its baseline and what that earned, once the results
// are set; nulls before. What it used is what its meter recorded over the event (use),
// and the baseline what it saved or overran that by; without a meter, both are drawn.
func (e *savingSession) joinedMap(number string, now time.Time, zone *time.Location, use meterUse) obj {
	m := obj{"eventId": e.id, "startAt": dateTime(e.start, zone), "endAt": dateTime(e.end, zone), "eventStatus": e.status(now), "eventType": sessionEventType}
	results := e.end.Add(sessionResultsAfter)
	outcome := "UPCOMING"
	switch {
	case !now.Before(results):
		outcome = ""
	case !now.Before(e.end):
		outcome = "CALCULATING"
	}
	if outcome != "" {
		for _, f := range []string{"rewardGivenInOctoPoints", "energySavedInKwh", "co2SavedInGrams", "percentageSaved", "netReductionPctRank",
			"avgCustomerRemunerationPounds", "baselineConsumptionDeltaKwh", "consumptionDeltaKwh", "resultsSetAt"} {
			m[f] = nil
		}
		m["status"], m["resultsStatus"] = outcome, outcome
		return m
	}
	hours := e.end.Sub(e.start).Hours()
	r, metered := e.measured(zone, use)
	if !metered {
		r = e.drawn(number)
	}
	m["status"], m["resultsStatus"] = r.outcome, r.outcome
	m["energySavedInKwh"] = r.saved
	m["rewardGivenInOctoPoints"] = r.points
	m["co2SavedInGrams"] = math.Round(r.saved * sessionGridCO2)
	m["percentageSaved"] = math.Round(r.share*1000) / 10
	m["netReductionPctRank"] = nil
	if r.saved > 0 {
		m["netReductionPctRank"] = math.Round(min(r.share/0.6, 1)*1000) / 10
	}
	m["avgCustomerRemunerationPounds"] = math.Round(float64(e.reward)*0.35*hours) / 800
	m["baselineConsumptionDeltaKwh"], m["consumptionDeltaKwh"] = math.Round(r.baseline*1000)/1000, math.Round(r.used*1000)/1000
	if r.outcome == "MISSING_READINGS" {
		m["consumptionDeltaKwh"] = nil
	}
	m["resultsSetAt"] = dateTime(results, zone)
	return m
}

// pointsFor is the OctoPoints kWh saved earn at reward points a kWh, in whole pennies'
// worth (eight points a penny).
func pointsFor(kwh float64, reward int) int {
	return int(math.Round(kwh*float64(reward)/8)) * 8
}

// Saving Sessions' baseline: the mean of the same half hours on the days before an
// event like its own, weekdays for one on a weekday, weekend days for one at a
// weekend, leaving out days with an event.
const (
	baselineWeekdays    = 10
	baselineWeekendDays = 4
)

// sessionResult is an event's result: what was used against the baseline, what was
// saved (share of the baseline) and the points it earned.
type sessionResult struct {
	outcome                      string
	baseline, used, saved, share float64
	points                       int
}

// drawn is the event's result for an account whose meter did not read it: drawn from
// its number and the event's code.
func (e *savingSession) drawn(number string) sessionResult {
	h := fake.HashStrings("saving session result", number, e.code)
	hours := e.end.Sub(e.start).Hours()
	r := sessionResult{baseline: math.Round((0.4+float64(h%100)/100)*hours*1000) / 1000}
	switch x := (h >> 8) % 20; {
	case x < 13:
		r.outcome, r.share = "SUCCESS", 0.2+float64((h>>16)%40)/100
	case x < 16:
		r.outcome, r.share = "PARTIAL_SUCCESS", 0.01+float64((h>>16)%19)/100
	case x < 19:
		r.outcome = "FAIL"
	default:
		r.outcome = "MISSING_READINGS"
	}
	r.saved = math.Round(r.baseline*r.share*1000) / 1000
	r.used = r.baseline - r.saved
	if r.outcome == "FAIL" {
		over := 1 + float64((h>>16)%30)/100 // a failed event's use against its baseline
		r.used = math.Round(r.baseline*over*1000) / 1000
	}
	r.points = pointsFor(r.saved, e.reward)
	return r
}

// measured is the event's result from the meter use reads: each half hour's use against
// its baseline (baselineDays), what it saved where it used less, and the points each
// half hour's saving earns; a success where every half hour saved, a partial one where
// some did, a failure where none did; false where no meter read it.
func (e *savingSession) measured(zone *time.Location, use meterUse) (sessionResult, bool) {
	var r sessionResult
	if _, ok := use(e.start, e.start.Add(30*time.Minute)); !ok {
		return r, false
	}
	days := e.baselineDays(zone)
	every, some := true, false
	for t := e.start; t.Before(e.end); t = t.Add(30 * time.Minute) {
		used, _ := use(t, t.Add(30*time.Minute))
		local, base := t.In(zone), 0.0
		for _, d := range days {
			at := time.Date(d.Year(), d.Month(), d.Day(), local.Hour(), local.Minute(), 0, 0, zone)
			x, _ := use(at, at.Add(30*time.Minute))
			base += x
		}
		if len(days) > 0 {
			base /= float64(len(days))
		}
		saved := math.Round(max(base-used, 0)*1000) / 1000
		if saved > 0 {
			some = true
		} else {
			every = false
		}
		r.baseline, r.used, r.saved = r.baseline+base, r.used+used, r.saved+saved
		r.points += pointsFor(saved, e.reward)
	}
	r.saved = math.Round(r.saved*1000) / 1000
	switch {
	case !some:
		r.outcome = "FAIL"
	case every:
		r.outcome = "SUCCESS"
	default:
		r.outcome = "PARTIAL_SUCCESS"
	}
	if r.baseline > 0 {
		r.share = r.saved / r.baseline
	}
	return r, true
}

// baselineDays are the days whose use at the event's time is its baseline: the last
// baselineWeekdays weekdays before its day (baselineWeekendDays weekend days, for an
// event at a weekend) on which no event was called, as local midnights.
func (e *savingSession) baselineDays(zone *time.Location) []time.Time {
	local := e.start.In(zone)
	weekend := func(t time.Time) bool { return t.Weekday() == time.Saturday || t.Weekday() == time.Sunday }
	want := baselineWeekdays
	if weekend(local) {
		want = baselineWeekendDays
	}
	busy := map[string]bool{}
	for season := seasonOf(local) - 1; season <= seasonOf(local); season++ {
		for _, o := range seasonEvents(season, e.start, zone) {
			busy[o.start.In(zone).Format(time.DateOnly)] = true
		}
	}
	var out []time.Time
	day := time.Date(local.Year(), local.Month(), local.Day(), 0, 0, 0, 0, zone)
	for back := 1; len(out) < want && back <= 60; back++ {
		d := day.AddDate(0, 0, -back)
		if weekend(d) == weekend(local) && !busy[d.Format(time.DateOnly)] {
			out = append(out, d)
		}
	}
	return out
}

// sessionMeterPoints are the account's meter points Saving Sessions can sign up: the
// electricity supplies in force with a smart meter in place that import.
func sessionMeterPoints(a *sim.Account, today string) []obj {
	var out []obj
	for _, p := range a.Properties {
		for i := range p.ElectricityMeterPoints {
			mp := &p.ElectricityMeterPoints[i]
			m := electricityMeterInPlace(mp, today)
			ag, ok := activeAgreement(mp.Agreements, today)
			if mp.MPAN == "" || m < 0 || smetsGeneration(mp.Meters[m].MeterType) == "" || !ok || exportTariff(ag.ProductCode) {
				continue
			}
			out = append(out, obj{"address": addressLine(p.Address), "mpan": mp.MPAN, "regionId": regionOrNil(mp.MPAN)})
		}
	}
	return out
}

// sessionMeterPoint is the one of the meter points with the MPAN; nil when none has.
func sessionMeterPoint(points []obj, mpan string) obj {
	for _, p := range points {
		if p["mpan"] == mpan {
			return p
		}
	}
	return nil
}

// savingSessions answers the events announced, and each account's part in them; the
// account it names, when it names one, must be the viewer's, as the guard's fields.
func savingSessions(_ context.Context, c *sim.Call) (any, error) {
	if _, err := viewersIfNamed(c); err != nil {
		return nil, err
	}
	w := newEnv(c)
	now, zone := w.now, w.zone
	events := announcedEvents(now, zone)
	return obj{
		"events": sim.Lazy(func(map[string]any) (any, error) {
			list := make([]any, len(events))
			for i := range events {
				list[i] = events[i].eventMap(now, zone)
			}
			return list, nil
		}),
		"eventCount": len(events),
		"account": sim.Lazy(func(args map[string]any) (any, error) {
			number, _ := args["accountNumber"].(string)
			_, a, err := readable(c, number, "", "")
			if err != nil {
				return nil, err
			}
			return savingSessionsAccount(w, a, events), nil
		}),
	}, nil
}

// meterUse is what a meter recorded from one time to another in kWh; false for no meter.
type meterUse func(from, to time.Time) (float64, bool)

// sessionUse is what the meter in place at an account's electricity meter point numbered
// mpan recorded, as its consumption answers it.
func sessionUse(w *env, a *sim.Account, mpan string) meterUse {
	_, mp := a.ElectricityMeterPoint(mpan)
	regs := map[int]world.Register{} // each meter's, worked out once
	return func(from, to time.Time) (float64, bool) {
		if mp == nil {
			return 0, false
		}
		k := electricityMeterInPlace(mp, from.In(w.zone).Format(time.DateOnly))
		if k < 0 {
			return 0, false
		}
		reg, ok := regs[k]
		if !ok {
			reg = electricityRegister(w, a, *mp, mp.Meters[k]).In(w.zone)
			regs[k] = reg
		}
		return reg.Use(from, to), true
	}
}

// sessionCuts are the Saving Sessions events the account joined, each season's from the
// one it signed up in, as its household cut its use in them (cutShare), in order.
func sessionCuts(w *env, a *sim.Account) []world.Cut {
	ss := a.SavingSessions
	if ss == nil {
		return nil
	}
	var out []world.Cut
	for season := firstSeason(seasonOf(ss.JoinedAt.In(w.zone)), w.now, w.zone); season <= seasonOf(w.now.In(w.zone)); season++ {
		for _, e := range seasonEvents(season, w.now, w.zone) {
			if e.joinedBy(a.Number, ss, w.zone) {
				out = append(out, world.Cut{From: e.start, To: e.end, Share: cutShare(a.Number, e.code)})
			}
		}
	}
	return out
}

// firstSessionSeason is the year Octopus ran its first Saving Sessions season from;
// maxSessionSeasons bounds the seasons read back from now's, however far the clock is
// set.
const (
	firstSessionSeason = 2022
	maxSessionSeasons  = 8
)

// firstSeason is the first season to read from, from: at most maxSessionSeasons before
// now's.
func firstSeason(from int, now time.Time, zone *time.Location) int {
	return max(from, seasonOf(now.In(zone))-maxSessionSeasons+1)
}

// announcedEvents are the events of every season announced by now, in order.
func announcedEvents(now time.Time, zone *time.Location) []savingSession {
	var out []savingSession
	for season := firstSeason(firstSessionSeason, now, zone); season <= seasonOf(now.In(zone)); season++ {
		out = append(out, seasonEvents(season, now, zone)...)
	}
	return out
}

// seasonEvents are the events of a season announced by now.
func seasonEvents(season int, now time.Time, zone *time.Location) []savingSession {
	asOf := time.Date(season+1, time.April, 1, 0, 0, 0, 0, zone).Add(-time.Second)
	if now.Before(asOf) {
		asOf = now
	}
	return savingSessionEvents(asOf, zone)
}

// cutShare is how much of its own use a household that joined an event cut in it: a
// quarter to three fifths, mostly; a little, sometimes; now and then nothing.
func cutShare(number, code string) float64 {
	h := fake.HashStrings("saving session cut", number, code)
	switch r := h % 20; {
	case r < 13:
		return 0.25 + float64((h>>8)%35)/100
	case r < 17:
		return 0.05 + float64((h>>8)%10)/100
	}
	return 0
}

// savingSessionsAccount is an account's part in Saving Sessions (SavingSessionsAccountType).
func savingSessionsAccount(w *env, a *sim.Account, events []savingSession) obj {
	now, zone := w.now, w.zone
	points := sessionMeterPoints(a, now.In(zone).Format(time.DateOnly))
	ss := a.SavingSessions
	eligible := make([]any, len(points))
	for i, p := range points {
		eligible[i] = p
	}
	use := meterUse(func(time.Time, time.Time) (float64, bool) { return 0, false })
	if ss != nil {
		use = sessionUse(w, a, ss.MPAN)
	}
	joined, streak := []any{}, []any{}
	run := 0 // events joined in a row
	for i := range events {
		e := &events[i]
		in := e.joinedBy(a.Number, ss, zone)
		if in {
			joined = append(joined, e.joinedMap(a.Number, now, zone, use))
		}
		if ss == nil || e.start.Before(ss.JoinedAt) || e.status(now) != "DONE" {
			continue
		}
		if run++; !in {
			run = 0
		}
		streak = append(streak, obj{"eventStartDate": dateTime(e.start, zone), "isOptedIntoEvent": in, "dispatchNotice": "DAY_AHEAD", "streakPoints": run})
	}
	m := obj{"hasJoinedCampaign": ss != nil, "canJoinCampaign": ss == nil && statusOf(w, a) == "ACTIVE" && len(points) > 0,
		"eligibleMeterPoints": eligible, "signedUpMeterPoint": nil, "isBusinessAccount": a.AccountType == "BUSINESS",
		"isTesterAccount": false, "joinedEvents": joined, "eventStreak": streak}
	if ss != nil {
		address := ""
		if p, _ := a.ElectricityMeterPoint(ss.MPAN); p != nil {
			address = addressLine(p.Address)
		}
		m["signedUpMeterPoint"] = obj{"address": address, "mpan": ss.MPAN, "regionId": regionOrNil(ss.MPAN)}
	}
	return m
}

// regionOrNil is the meter point's region, nil when its MPAN names none.
func regionOrNil(mpan string) any {
	if r := mpanRegion(mpan); r != 0 {
		return r
	}
	return nil
}

// addressLine is an address on one line with its postcode, as Saving Sessions gives a
// meter point's supply address.
func addressLine(ad sim.Address) string {
	return strings.Join(append(addressLines(ad), ad.Postcode), ", ")
}

// joinSavingSessionsCampaign signs one of the account's eligible meter points up to
// Saving Sessions; signing the same one up again changes nothing.
func joinSavingSessionsCampaign(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	_, a, err := owned(c, str(in, "accountNumber"), "KT-CT-4177", "")
	if err != nil {
		return nil, err
	}
	mpan := str(in, "mpan")
	now, zone := c.Session.Now(), c.Session.Zone()
	if sessionMeterPoint(sessionMeterPoints(a, now.In(zone).Format(time.DateOnly)), mpan) == nil || statusOf(newEnv(c), a) != "ACTIVE" {
		return nil, c.ValidationError("KT-GB-5111", "No smart import meter point of the account's has the MPAN "+mpan+".", "input", "mpan")
	}
	switch {
	case a.SavingSessions == nil:
		a.SavingSessions = &sim.SavingSessions{MPAN: mpan, JoinedAt: now.UTC().Truncate(time.Second)}
	case a.SavingSessions.MPAN != mpan:
		return nil, c.ValidationError("KT-GB-5112", "The account is signed up with MPAN "+a.SavingSessions.MPAN+".", "input", "mpan")
	}
	return obj{"account": obj{"number": a.Number}}, nil
}

// joinSavingSessionsEvent opts the account in to an event that has not begun, and
// answers the codes of the events it has joined.
func joinSavingSessionsEvent(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	_, a, err := owned(c, str(in, "accountNumber"), "KT-CT-4177", "")
	if err != nil {
		return nil, err
	}
	now, zone := c.Session.Now(), c.Session.Zone()
	events := announcedEvents(now, zone)
	code := str(in, "eventCode")
	at := slices.IndexFunc(events, func(e savingSession) bool { return e.code == code })
	ss := a.SavingSessions
	switch {
	case ss == nil:
		return nil, ineligible(c.Error("KT-GB-5116"), "Account is not part of a Saving Sessions campaign.")
	case at < 0:
		return nil, c.ValidationError("KT-GB-5114", "No event announced has the code "+code+".", "input", "eventCode")
	case events[at].joinedBy(a.Number, ss, zone):
	case events[at].status(now) != "UPCOMING":
		return nil, ineligible(c.ValidationError("KT-GB-5117", "The event began at "+events[at].start.In(zone).Format(time.RFC3339)+".", "input", "eventCode"),
			"Account cannot join event after the start of the event.")
	case !events[at].targets(mpanRegion(ss.MPAN)):
		reason := "Account's region is outside of the target regions for this event."
		return nil, ineligible(c.ValidationError("KT-GB-5117", reason, "input", "eventCode"), reason)
	default:
		if len(ss.Events) >= sim.MaxSavingSessionsEvents {
			ss.Events = slices.Delete(ss.Events, 0, 1)
		}
		ss.Events = append(ss.Events, code)
	}
	codes := []any{}
	for i := range events {
		if events[i].joinedBy(a.Number, ss, zone) {
			codes = append(codes, events[i].code)
		}
	}
	return obj{"joinedEventCodes": codes}, nil
}

// backendIneligible is the backend host's code for an event an account may not join.
const backendIneligible = "OE-1308"

// ineligible is a refusal of an event the account may not join, err, saying why in its
// reason when the field answers it as the backend host's OE-1308, as that host does.
func ineligible(err error, reason string) error {
	if e, ok := err.(*graphql.Error); ok && e.Extensions["errorCode"] == backendIneligible {
		e.Extensions["reason"] = reason
	}
	return err
}

// joinOctoplusCampaign makes the viewer the loyalty-points user of an account not yet
// in Octoplus, and signs it up to Saving Sessions when asked: on the meter point named,
// else its first eligible one.
func joinOctoplusCampaign(_ context.Context, c *sim.Call) (any, error) {
	number := c.StringArg("accountNumber")
	if number == "" {
		if u, _, err := c.Viewer(); err == nil && len(u.AccountNumbers) > 0 {
			number = u.AccountNumbers[0]
		}
	}
	u, a, err := owned(c, number, "KT-CT-4177", "")
	if err != nil {
		return nil, err
	}
	switch why := octoplusIneligibility(a); {
	case why == "ALREADY_SIGNED_UP":
		return nil, c.Error("KT-GB-9312")
	case why != "" || statusOf(newEnv(c), a) != "ACTIVE":
		return nil, c.Error("KT-GB-9310")
	}
	setPointsUser(c, a, u.ID)
	outcome := obj{"octoplus": obj{"hasEnrolled": true}, "savingSessions": nil}
	opts, _ := c.Arg("savingSessionsEnrolmentOptions").(map[string]any)
	if enrol, _ := opts["shouldEnrol"].(bool); enrol {
		now := c.Session.Now()
		points := sessionMeterPoints(a, now.In(c.Session.Zone()).Format(time.DateOnly))
		mpan := str(opts, "nominatedMpan")
		if mpan == "" && len(points) > 0 {
			mpan = points[0]["mpan"].(string)
		}
		switch {
		case a.SavingSessions != nil:
			outcome["savingSessions"] = obj{"hasEnrolled": false, "enrolledMpan": a.SavingSessions.MPAN, "notEnrolledReason": "The account is already signed up to Saving Sessions."}
		case sessionMeterPoint(points, mpan) == nil:
			outcome["savingSessions"] = obj{"hasEnrolled": false, "enrolledMpan": nil, "notEnrolledReason": "The account has no smart import meter point with the MPAN " + mpan + "."}
		default:
			a.SavingSessions = &sim.SavingSessions{MPAN: mpan, JoinedAt: now.UTC().Truncate(time.Second)}
			outcome["savingSessions"] = obj{"hasEnrolled": true, "enrolledMpan": mpan, "notEnrolledReason": nil}
		}
	}
	return obj{"success": true, "outcome": outcome}, nil
}

// sessionRewardReason is the reason code of a Saving Sessions reward on the loyalty ledger.
const sessionRewardReason = "SAVING_SESSIONS_REWARD"

// sessionCredits are the Saving Sessions rewards credited to u by now that state has not
// recorded: for each account whose points u earns, each event it joined whose results
// were set after u's ledger opened and u began to earn them, on the day they were, as
// many points as it earned.
func (w *env) sessionCredits(u *sim.User) []sim.LoyaltyPointEntry {
	opened := time.Time{}
	switch {
	case len(u.LoyaltyPointEntries) > 0:
		opened = u.LoyaltyPointEntries[0].PostedAt
	case u.LoyaltyPoints != 0:
		opened = openingEntry(u).PostedAt
	}
	var out []sim.LoyaltyPointEntry
	for _, a := range w.Accounts {
		ss := a.SavingSessions
		if ss == nil || a.LoyaltyPointsUserID != u.ID {
			continue
		}
		since := opened
		if a.LoyaltyPointsSince.After(since) {
			since = a.LoyaltyPointsSince
		}
		use := sessionUse(w, a, ss.MPAN)
		for season := firstSeason(seasonOf(ss.JoinedAt.In(w.zone)), w.now, w.zone); season <= seasonOf(w.now.In(w.zone)); season++ {
			events := seasonEvents(season, w.now, w.zone)
			for i := range events {
				e := &events[i]
				set := e.end.Add(sessionResultsAfter)
				if set.After(w.now) || !set.After(since) || !e.joinedBy(a.Number, ss, w.zone) {
					continue
				}
				id := a.Number + "-" + e.code
				if slices.ContainsFunc(u.LoyaltyPointEntries, func(en sim.LoyaltyPointEntry) bool { return en.ID == id }) {
					continue
				}
				points, _ := e.joinedMap(a.Number, w.now, w.zone, use)["rewardGivenInOctoPoints"].(int)
				if points <= 0 {
					continue
				}
				out = append(out, sim.LoyaltyPointEntry{ID: id, AccountNumber: a.Number, LedgerType: "LOYALTY_POINTS", Value: points,
					ReasonCode: sessionRewardReason, PostedAt: set.UTC()})
			}
		}
	}
	slices.SortStableFunc(out, func(x, y sim.LoyaltyPointEntry) int { return x.PostedAt.Compare(y.PostedAt) })
	return out
}
