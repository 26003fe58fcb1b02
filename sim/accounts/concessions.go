package accounts

import (
	"cmp"
	"context"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/krakensim/krakensim/internal/lazyre"
	"github.com/krakensim/krakensim/sim"
)

// An Australian user's concession card (a pensioner's, a health care card, a veteran's)
// makes the accounts they use eligible for their state's energy rebate while it is
// current and not found invalid: a pro rata amount a day, or a share of the bill. The
// viewer's concessions, the card types their state accepts, the createConcession,
// updateConcession, validateConcession and removeConcession mutations, an agreement's
// eligibleRebates and the concession discount of an estimate all read one card.

// codeInvalidInput is Kraken's "Input data is invalid." for a mutation whose payload
// cannot carry the problem.
const codeInvalidInput = "KT-CT-10703"

// cardLabels are the readable names of the ConcessionCardType values.
var cardLabels = map[string]string{
	"CENTRELINK_PENSIONER":               "Pensioner Concession Card",
	"CENTRELINK_HEALTH_CARE":             "Health Care Card",
	"VETERANS_AFFAIRS_PENSIONER":         "DVA Pensioner Concession Card",
	"VETERANS_AFFAIRS_DVA_GOLD":          "DVA Gold Card",
	"VETERANS_AFFAIRS_DVA_GOLD_WW":       "DVA Gold Card (War Widow)",
	"VETERANS_AFFAIRS_DVA_GOLD_TPI":      "DVA Gold Card (TPI)",
	"VETERANS_AFFAIRS_DVA_GOLD_EDA":      "DVA Gold Card (EDA)",
	"QUEENSLAND_SENIORS_CARD":            "Queensland Seniors Card",
	"ASYLUM_SEEKER":                      "Asylum Seeker (ImmiCard)",
	"OTHER":                              "Other",
	"SA_GENERIC":                         "SA Concession",
	"REPATRIATION_HEALTH_CARE_CARD":      "Repatriation Health Care Card",
	"ACT_SERVICES_ACCESS_CARD_IMMI_CARD": "ACT Services Access Card / ImmiCard",
}

// cardLabel is a card type's readable name: its label, else its words.
func cardLabel(cardType string) string {
	if l, ok := cardLabels[cardType]; ok {
		return l
	}
	return codeWords(cardType)
}

// codeWords is an upper-case code's words, each capitalised (OCTOPUS_ENERGY: Octopus
// Energy).
func codeWords(code string) string {
	words := strings.Fields(strings.ReplaceAll(strings.ToLower(code), "_", " "))
	for i, w := range words {
		words[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	return strings.Join(words, " ")
}

// rebate is a state's energy concession for one fuel: a yearly amount paid pro rata
// each day, or a share of the charges it applies to; season is the months it applies
// in (zero for the whole year).
type rebate struct {
	name      string
	perYear   float64 // in dollars, GST inclusive
	share     float64
	appliedTo []string
	season    [2]time.Month
}

// jurisdiction is what a state gives concession card holders: the cards it accepts and
// its rebates on electricity and gas.
type jurisdiction struct {
	cards       []string
	electricity *rebate
	gas         *rebate
}

// accepts reports whether a state gives its rebate for a concession card: one of the
// cards it accepts, not found invalid.
func (j jurisdiction) accepts(c sim.Concession) bool {
	return slices.Contains(j.cards, c.CardType) && cardValid(c) != false
}

var (
	nationalCards = []string{"CENTRELINK_PENSIONER", "CENTRELINK_HEALTH_CARE", "VETERANS_AFFAIRS_PENSIONER", "VETERANS_AFFAIRS_DVA_GOLD"}
	dvaGoldCards  = []string{"VETERANS_AFFAIRS_DVA_GOLD_WW", "VETERANS_AFFAIRS_DVA_GOLD_TPI", "VETERANS_AFFAIRS_DVA_GOLD_EDA"}
	invoice       = []string{"INVOICE"}
)

// jurisdictions are the states' concessions as their schemes published them for 2024–25,
// by StateChoices value.
var jurisdictions = map[string]jurisdiction{
	"NEW_SOUTH_WALES": {
		cards:       slices.Concat([]string{"CENTRELINK_PENSIONER", "CENTRELINK_HEALTH_CARE", "VETERANS_AFFAIRS_PENSIONER"}, dvaGoldCards),
		electricity: &rebate{name: "NSW Low Income Household Rebate", perYear: 285, appliedTo: invoice},
		gas:         &rebate{name: "NSW Gas Rebate", perYear: 110, appliedTo: invoice},
	},
	"VICTORIA": {
		cards:       slices.Concat(nationalCards, dvaGoldCards, []string{"REPATRIATION_HEALTH_CARE_CARD", "ASYLUM_SEEKER"}),
		electricity: &rebate{name: "Annual Electricity Concession", share: 0.175, appliedTo: []string{"USAGE", "SERVICE_CHARGE", "CONTROLLED_LOAD"}},
		gas:         &rebate{name: "Winter Gas Concession", share: 0.175, appliedTo: []string{"USAGE", "SERVICE_CHARGE"}, season: [2]time.Month{time.May, time.October}},
	},
	"QUEENSLAND": {
		cards:       slices.Concat(nationalCards, dvaGoldCards, []string{"QUEENSLAND_SENIORS_CARD", "ASYLUM_SEEKER"}),
		electricity: &rebate{name: "Queensland Electricity Rebate", perYear: 372.20, appliedTo: invoice},
		gas:         &rebate{name: "Queensland Gas Rebate", perYear: 86.48, appliedTo: invoice},
	},
	"SOUTH_AUSTRALIA": {
		cards:       slices.Concat(nationalCards, []string{"SA_GENERIC"}),
		electricity: &rebate{name: "SA Energy Bill Concession", perYear: 272.30, appliedTo: invoice},
	},
	"AUSTRALIAN_CAPITAL_TERRITORY": {
		cards:       slices.Concat(nationalCards, []string{"ACT_SERVICES_ACCESS_CARD_IMMI_CARD"}),
		electricity: &rebate{name: "ACT Utilities Concession", perYear: 800, appliedTo: invoice},
	},
}

// centrelinkNumber is a Centrelink customer reference number: nine digits and a letter.
var centrelinkNumber = lazyre.New(`^[0-9]{9}[A-Z]$`)

// dvaNumber is a Veterans' Affairs file number: the state's letter, up to three letters
// of the conflict or service, and up to seven digits, with an optional segment letter.
var dvaNumber = lazyre.New(`^[NVQWST][A-Z]{0,3}[0-9]{1,7}[A-Z]?$`)

// otherNumber is any other card's number.
var otherNumber = lazyre.New(`^[A-Z0-9]{4,20}$`)

// cardNumber is a card number as cards print it, without spaces and in capitals, and
// whether it has the shape its card type gives it.
func cardNumber(cardType, number string) (string, bool) {
	n := strings.ToUpper(strings.Join(strings.Fields(number), ""))
	switch {
	case strings.HasPrefix(cardType, "CENTRELINK_"):
		return n, centrelinkNumber().MatchString(n)
	case strings.HasPrefix(cardType, "VETERANS_AFFAIRS_"), cardType == "REPATRIATION_HEALTH_CARE_CARD":
		return n, dvaNumber().MatchString(n)
	}
	return n, otherNumber().MatchString(n)
}

// cardNumberHint says what a card type's number looks like.
func cardNumberHint(cardType string) string {
	switch {
	case strings.HasPrefix(cardType, "CENTRELINK_"):
		return "Enter the customer reference number on the card: nine digits and a letter, like 123456789A."
	case strings.HasPrefix(cardType, "VETERANS_AFFAIRS_"), cardType == "REPATRIATION_HEALTH_CARE_CARD":
		return "Enter the DVA file number on the card, like NX123456."
	}
	return "Enter the card number: 4 to 20 letters and digits."
}

// currentConcession is the index of the user's concession in force on day: not removed,
// issued and not expired; -1 for none.
func currentConcession(u *sim.User, day string) int {
	for i, c := range u.Concessions {
		if concessionCurrent(c, day) {
			return i
		}
	}
	return -1
}

func concessionCurrent(c sim.Concession, day string) bool {
	return (c.RemovalDate == "" || c.RemovalDate > day) && (c.IssueDate == "" || c.IssueDate <= day) &&
		(c.ExpiryDate == "" || c.ExpiryDate >= day)
}

// cardValid is what the card's latest check found: nil before any.
func cardValid(c sim.Concession) any {
	if n := len(c.Validations); n > 0 {
		return c.Validations[n-1].Valid
	}
	return nil
}

// concessionPeriod is when a concession applies: from the day it applies from (its
// issue date unless a check said otherwise) to the first of its removal, its expiry's
// next day and the day a check found it invalid ("" for open).
func concessionPeriod(c sim.Concession) (from, to string) {
	from = cmp.Or(c.From, c.IssueDate)
	var ends []string
	if c.RemovalDate != "" {
		ends = append(ends, c.RemovalDate)
	}
	if c.ExpiryDate != "" {
		ends = append(ends, addDays(c.ExpiryDate, 1))
	}
	if n := len(c.Validations); n > 0 && !c.Validations[n-1].Valid && c.Validations[n-1].Date != "" {
		ends = append(ends, c.Validations[n-1].Date)
	}
	if len(ends) > 0 {
		to = slices.Min(ends)
	}
	return from, to
}

// concessionMap is a ConcessionType.
func concessionMap(w *env, c sim.Concession) obj {
	from, to := concessionPeriod(c)
	validations := make([]any, 0, len(c.Validations))
	for _, v := range c.Validations {
		var failure, reason any
		if !v.Valid {
			failure, reason = "CARD_NOT_VALID", "The issuer could not confirm the card."
		}
		validations = append(validations, obj{
			"id": v.ID, "validatedAt": v.Date, "isCardValid": v.Valid, "validationDt": dateAsTime(v.Date, w.zone),
			"failureCode": failure, "failureReason": reason, "notes": orNil(v.Notes), "method": orNil(v.Method),
		})
	}
	periods := []any{}
	if from != "" && (to == "" || to > from) {
		periods = append(periods, obj{"id": c.ID + "1", "fromDate": from, "toDate": orNil(to)})
	}
	return obj{
		"__typename": "ConcessionType", "id": c.ID, "number": c.Number, "cardType": c.CardType, "cardLabel": cardLabel(c.CardType),
		"cardIssueDate": orNil(c.IssueDate), "cardExpiryDate": orNil(c.ExpiryDate), "removalDate": orNil(c.RemovalDate),
		"isCurrent": concessionCurrent(c, w.today()), "isCardValid": cardValid(c), "nextValidationDate": orNil(c.NextValidationDate),
		"applicablePeriods": periods, "concessionValidations": validations,
	}
}

// userConcessions are a user's concession cards, the current one first.
func userConcessions(w *env, u *sim.User) []any {
	out := make([]any, 0, len(u.Concessions))
	cur := currentConcession(u, w.today())
	if cur >= 0 {
		out = append(out, concessionMap(w, u.Concessions[cur]))
	}
	for i, c := range u.Concessions {
		if i != cur {
			out = append(out, concessionMap(w, c))
		}
	}
	return out
}

// userJurisdiction is the state the user's first account is supplied in, as a
// StateChoices value; "" when not in Australia.
func userJurisdiction(w *env, u *sim.User) string {
	for _, n := range u.AccountNumbers {
		a := w.Account(n)
		if a == nil {
			continue
		}
		for _, p := range a.Properties {
			if s, ok := stateChoice(p.Address).(string); ok {
				return s
			}
		}
	}
	return ""
}

// applicableCards are the card types the user's state accepts, with their labels; the
// national cards where the state is not known.
func applicableCards(w *env, u *sim.User) []any {
	cards := nationalCards
	if j, ok := jurisdictions[userJurisdiction(w, u)]; ok {
		cards = j.cards
	}
	out := make([]any, len(cards))
	for i, c := range cards {
		out[i] = obj{"cardType": c, "cardLabel": cardLabel(c)}
	}
	return out
}

// concessionFor is the concession that makes an account's supply in state eligible for
// its rebate on day: a user of the account holding a current card the state accepts,
// not found invalid; false for none.
func concessionFor(w *env, a *sim.Account, state, day string) (sim.Concession, bool) {
	j, ok := jurisdictions[state]
	if !ok {
		return sim.Concession{}, false
	}
	for _, u := range w.Users {
		if u == nil || !livesOn(w, u, a) {
			continue
		}
		for _, c := range u.Concessions {
			from, to := concessionPeriod(c)
			if j.accepts(c) && from <= day && (to == "" || day < to) {
				return c, true
			}
		}
	}
	return sim.Concession{}, false
}

// rebateAt is the state an address is in (a StateChoices value) and its rebate on a
// fuel; nil for none.
func rebateAt(ad sim.Address, electricity bool) (string, *rebate) {
	state, _ := stateChoice(ad).(string)
	j := jurisdictions[state]
	if electricity {
		return state, j.electricity
	}
	return state, j.gas
}

// eligibleRebates are an agreement's RebateTypes: its state's rebate on its fuel for
// each stretch of the agreement's term in which a user of its account holds a
// concession, that overlaps the window (startAt to endAt; today when not given).
func eligibleRebates(w *env, a *sim.Account, ag sim.Agreement, mpID string, electricity bool, args map[string]any) []any {
	p := propertyOf(a, mpID)
	if p == nil {
		return []any{}
	}
	state, r := rebateAt(p.Address, electricity)
	if r == nil {
		return []any{}
	}
	start, end := w.dayOf(args["startAt"]), addDays(w.today(), 1)
	if t, ok := parseTime(args["endAt"], w.zone); ok {
		end = t.In(w.zone).Format(time.DateOnly)
	}
	if end <= start {
		end = addDays(start, 1)
	}
	out := []any{}
	for _, p := range concessionPeriods(w, a, state) {
		from, to := max(p[0], ag.ValidFrom), p[1]
		if ag.ValidTo != "" && (to == "" || ag.ValidTo < to) {
			to = ag.ValidTo
		}
		if to != "" && to <= from {
			continue
		}
		for _, s := range seasons(r, from, to, start, end) {
			out = append(out, rebateMap(w, r, s[0], s[1]))
		}
	}
	return out
}

// concessionPeriods are the runs of days, from and to ("" for open), in which a
// concession of one of the account's users that state accepts applies, oldest first:
// two users' cards over the same days make one run, as the rebate is the household's.
func concessionPeriods(w *env, a *sim.Account, state string) [][2]string {
	out := cardPeriods(w, a, state)
	slices.SortFunc(out, func(x, y [2]string) int { return strings.Compare(x[0], y[0]) })
	merged := out[:0]
	for _, p := range out {
		if n := len(merged); n > 0 && (merged[n-1][1] == "" || p[0] <= merged[n-1][1]) {
			if merged[n-1][1] != "" && (p[1] == "" || p[1] > merged[n-1][1]) {
				merged[n-1][1] = p[1]
			}
			continue
		}
		merged = append(merged, p)
	}
	return merged
}

// cardPeriods are the days, from and to ("" for open), in which each concession of the
// account's users that state accepts applies.
func cardPeriods(w *env, a *sim.Account, state string) [][2]string {
	var out [][2]string
	for _, u := range w.Users {
		if u == nil || !livesOn(w, u, a) {
			continue
		}
		for _, c := range u.Concessions {
			for _, p := range typedPeriods(c) {
				typed := c
				typed.CardType = p.cardType
				if jurisdictions[state].accepts(typed) && (p.to == "" || p.from < p.to) {
					out = append(out, [2]string{p.from, p.to})
				}
			}
		}
	}
	return out
}

// typedPeriod is a stretch of days, from and to ("" for open), in which a concession
// applied as a card of a type.
type typedPeriod struct{ cardType, from, to string }

// typedPeriods are the stretches of a concession's period in which it had each type: a
// type it had before a change of it until the day the change took effect, its type now
// since; none for a concession that applies from no day.
func typedPeriods(c sim.Concession) []typedPeriod {
	from, to := concessionPeriod(c)
	if from == "" {
		return nil
	}
	var out []typedPeriod
	for _, r := range c.Retyped {
		end := r.Until
		if to != "" && to < end {
			end = to
		}
		if from < end {
			out = append(out, typedPeriod{r.CardType, from, end})
		}
		from = max(from, r.Until)
	}
	return append(out, typedPeriod{c.CardType, from, to})
}

// seasons are the stretches, from and to ("" for open), in which a rebate applies to a
// concession applying from from to to, that overlap the window start to end: the
// concession's own period, or its part in each season of the rebate.
func seasons(r *rebate, from, to, start, end string) [][2]string {
	overlaps := func(a, b string) bool { return a < end && (b == "" || b > start) }
	if r.season[0] == 0 {
		if overlaps(from, to) {
			return [][2]string{{from, to}}
		}
		return nil
	}
	var out [][2]string
	first, _ := time.Parse(time.DateOnly, max(start, from))
	last, _ := time.Parse(time.DateOnly, end)
	for y := first.Year(); y <= last.Year() && y < first.Year()+maxSeasons; y++ {
		s := max(time.Date(y, r.season[0], 1, 0, 0, 0, 0, time.UTC).Format(time.DateOnly), from)
		e := time.Date(y, r.season[1]+1, 1, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
		if to != "" {
			e = min(e, to)
		}
		if s < e && overlaps(s, e) {
			out = append(out, [2]string{s, e})
		}
	}
	return out
}

// rebateSpan is a run of days [from, to) (to math.MaxInt while open) in which a rebate
// applies to a supply.
type rebateSpan struct {
	from, to int
	r        *rebate
}

// billedRebates are the runs of days in which the account's users' concessions make a
// supply at an address eligible for its state's rebate on a fuel, each day once, as its
// statements credit them: from the day the concession applies (a card added today, from
// today), to today.
func billedRebates(w *env, a *sim.Account, ad sim.Address, electricity bool) []rebateSpan {
	state, r := rebateAt(ad, electricity)
	if r == nil || !anyConcession(w, a) {
		return nil
	}
	end := addDays(w.today(), 1)
	var out []rebateSpan
	for _, p := range concessionPeriods(w, a, state) {
		for _, s := range seasons(r, p[0], p[1], p[0], end) {
			span := rebateSpan{from: dayNumber(s[0]), to: math.MaxInt, r: r}
			if s[1] != "" {
				span.to = dayNumber(s[1])
			}
			out = append(out, span)
		}
	}
	// Two cards over the same days rebate them once.
	slices.SortFunc(out, func(x, y rebateSpan) int { return cmp.Compare(x.from, y.from) })
	merged := out[:0]
	for _, s := range out {
		if n := len(merged); n > 0 && s.from <= merged[n-1].to {
			merged[n-1].to = max(merged[n-1].to, s.to)
			continue
		}
		merged = append(merged, s)
	}
	return merged
}

// maxSeasons bounds the seasons one window lists.
const maxSeasons = 100

// rebateMap is a RebateType applying from from to to ("" for ongoing).
func rebateMap(w *env, r *rebate, from, to string) obj {
	var cents, share any
	if r.perYear > 0 {
		cents = decimal(math.Round(r.perYear*100/365*100) / 100)
	} else {
		share = decimal(r.share)
	}
	applied := make([]any, len(r.appliedTo))
	for i, t := range r.appliedTo {
		applied[i] = t
	}
	return obj{
		"displayName": r.name, "creditReason": r.name, "rebateCents": cents, "percentageDiscount": share,
		"startAt": dateAsTime(from, w.zone), "endAt": dateAsTime(to, w.zone), "appliedTo": applied,
	}
}

// discount is what an account's concession takes off a fuel's charges: an amount a day
// in minor units before GST, or a share of the charges; zero for none.
type discount struct{ perDay, share float64 }

// off is what the discount takes off days of charges (minor units before GST).
func (d discount) off(charges, days float64) int {
	return int(math.Round(d.perDay*days + d.share*charges))
}

// concessionDiscount is the discount an account's concession gives on a fuel today: its
// state's rebate while a user of the account holds a card the state accepts; a seasonal
// share at the part of the year its season is, as an estimate spreads the year evenly.
func concessionDiscount(w *env, a *sim.Account, electricity bool) discount {
	if len(a.Properties) == 0 || !anyConcession(w, a) {
		return discount{}
	}
	for _, p := range a.Properties {
		state, r := rebateAt(p.Address, electricity)
		if r == nil {
			continue
		}
		if _, ok := concessionFor(w, a, state, w.today()); !ok {
			continue
		}
		if r.perYear > 0 {
			return discount{perDay: r.perYear * 100 / 365 / 1.1}
		}
		if r.season[0] == 0 {
			return discount{share: r.share}
		}
		return discount{share: r.share * float64(r.season[1]-r.season[0]+1) / 12}
	}
	return discount{}
}

// anyConcession reports whether a user of the account holds a concession card at all.
func anyConcession(w *env, a *sim.Account) bool {
	for _, u := range w.Users {
		if u != nil && len(u.Concessions) > 0 && livesOn(w, u, a) {
			return true
		}
	}
	return false
}

// livesOn reports whether a is an account of u's at their primary residence (the
// properties residences lists, or another account at one of their addresses: a second
// fuel's), the only place a concession applies: a rebate is one a household, not one an
// account the card holder pays.
func livesOn(w *env, u *sim.User, a *sim.Account) bool {
	if !slices.Contains(u.AccountNumbers, a.Number) {
		return false
	}
	for _, r := range residences(w, u) {
		if r.a == a {
			return true
		}
		for i := range a.Properties {
			if sameAddress(a.Properties[i].Address, r.p.Address) {
				return true
			}
		}
	}
	return false
}

// viewerConcession is the signed-in user, the session's own copy, for a concession
// mutation, with its input, today's date and the index of the card they hold today (-1
// for none); a userId that is not theirs is refused.
func viewerConcession(c *sim.Call) (u *sim.User, in map[string]any, day string, current int, err error) {
	u, _, err = c.MutableViewer()
	if err != nil {
		return nil, nil, "", -1, err
	}
	in = input(c)
	if id, ok := strPtr(in, "userId"); ok && id != "" && id != u.ID {
		return nil, nil, "", -1, c.Error(codeUnauthorized)
	}
	day = today(c)
	return u, in, day, currentConcession(u, day), nil
}

// fieldError is a ValidationErrorType naming the input field that is wrong.
func fieldError(field, message string) obj {
	return obj{"__typename": "ValidationErrorType", "fieldErrors": []any{
		obj{"inputPath": []any{"input", field}, "message": message},
	}}
}

// concessionIDs yields the id of every user's concessions.
func concessionIDs(w *sim.World) func(yield func(string) bool) {
	return func(yield func(string) bool) {
		for _, u := range w.Users {
			if u == nil {
				continue
			}
			for _, c := range u.Concessions {
				if !yield(c.ID) {
					return
				}
			}
		}
	}
}

// cardProblem is what is wrong with a card a mutation gives: the input field and why.
type cardProblem struct{ field, message string }

// checkCard reads a card's type, number and dates from a mutation's input into c; nil
// when they are right, else what is wrong.
func checkCard(day string, in map[string]any, c *sim.Concession) *cardProblem {
	typ := str(in, "cardType")
	n, ok := cardNumber(typ, str(in, "cardNumber"))
	if !ok {
		return &cardProblem{"cardNumber", cardNumberHint(typ)}
	}
	issue, expiry := c.IssueDate, c.ExpiryDate
	for _, d := range []struct {
		name string
		to   *string
	}{{"issueDate", &issue}, {"expiryDate", &expiry}} {
		if v, given := strPtr(in, d.name); given {
			if _, valid := parseDate(v); !valid {
				return &cardProblem{d.name, "Enter a date as YYYY-MM-DD."}
			}
			*d.to = v
		}
	}
	switch {
	case issue != "" && issue > day:
		return &cardProblem{"issueDate", "The card's issue date is in the future."}
	case expiry != "" && expiry < day:
		return &cardProblem{"expiryDate", "The card has expired."}
	case issue != "" && expiry != "" && expiry <= issue:
		return &cardProblem{"expiryDate", "The card expires before it was issued."}
	}
	c.CardType, c.Number, c.IssueDate, c.ExpiryDate = typ, n, issue, expiry
	return nil
}

// createConcession records the viewer's concession card, applying from today; a user
// already holding a current card is told which.
func createConcession(_ context.Context, c *sim.Call) (any, error) {
	u, in, day, i, err := viewerConcession(c)
	if err != nil {
		return nil, err
	}
	if i >= 0 {
		cur := u.Concessions[i]
		return obj{"concession": nil, "error": obj{
			"__typename": "ConcessionAlreadyExistsErrorType", "message": "The user already has a current concession card.",
			"existingCardNumber": cur.Number, "existingCardType": cur.CardType,
		}}, nil
	}
	con := sim.Concession{From: day}
	if p := checkCard(day, in, &con); p != nil {
		return obj{"concession": nil, "error": fieldError(p.field, p.message)}, nil
	}
	con.ID = nextID(3100001, concessionIDs(c.Session.World()))
	if con.IssueDate == "" {
		con.IssueDate = day
	}
	u.Concessions = append(u.Concessions, con)
	return obj{"concession": concessionMap(newEnv(c), con), "error": nil}, nil
}

// updateConcession changes the viewer's current card: its type and number (a new type
// from today, the days before keeping the type they had), and when it is next to be
// checked; null when they hold none.
func updateConcession(_ context.Context, c *sim.Call) (any, error) {
	u, in, day, i, err := viewerConcession(c)
	if err != nil {
		return nil, err
	}
	if i < 0 {
		return obj{"concession": nil}, nil
	}
	con := u.Concessions[i]
	if p := checkCard(day, in, &con); p != nil {
		return nil, c.ValidationError(codeInvalidInput, p.message, "input", p.field)
	}
	if was := u.Concessions[i].CardType; con.CardType != was {
		// A new type applies from today: the days before keep the rebate they had.
		con.Retyped = append(slices.Clip(con.Retyped), sim.ConcessionRetype{CardType: was, Until: day})
	}
	if v, given := strPtr(in, "nextValidationDate"); given {
		if _, valid := parseDate(v); !valid {
			return nil, c.ValidationError(codeInvalidInput, "Enter a date as YYYY-MM-DD.", "input", "nextValidationDate")
		}
		con.NextValidationDate = v
	}
	u.Concessions[i] = con
	return obj{"concession": concessionMap(newEnv(c), con)}, nil
}

// validateConcession records a check of the viewer's current card: a valid card applies
// from applicableFrom when given, an invalid one stops applying today. KT-AU-8812 when
// they hold none.
func validateConcession(_ context.Context, c *sim.Call) (any, error) {
	u, in, day, i, err := viewerConcession(c)
	if err != nil {
		return nil, err
	}
	if i < 0 {
		return nil, c.Error("KT-AU-8812")
	}
	con := &u.Concessions[i]
	valid, _ := boolean(in, "status")
	if from, given := strPtr(in, "applicableFrom"); given && valid {
		if _, ok := parseDate(from); ok {
			con.From = from
		}
	}
	con.Validations = append(slices.Clip(con.Validations), sim.ConcessionValidation{
		ID: con.ID + "-" + strconv.Itoa(len(con.Validations)+1), Date: day, Valid: valid, Method: "MANUAL", Notes: str(in, "notes"),
	})
	return obj{"concession": concessionMap(newEnv(c), *con)}, nil
}

// removeConcession ends the viewer's current card today; null when they hold none.
func removeConcession(_ context.Context, c *sim.Call) (any, error) {
	u, _, day, i, err := viewerConcession(c)
	if err != nil {
		return nil, err
	}
	if i < 0 {
		return obj{"concession": nil}, nil
	}
	u.Concessions[i].RemovalDate = day
	return obj{"concession": concessionMap(newEnv(c), u.Concessions[i])}, nil
}
