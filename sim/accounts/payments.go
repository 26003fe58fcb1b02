package accounts

import (
	"cmp"
	"context"
	"fmt"
	"iter"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/auth"
	"github.com/krakensim/krakensim/sim/fake"
	"github.com/krakensim/krakensim/sim/workdays"
)

// scheduleIDs yields every payment schedule id in the world.
func scheduleIDs(w *sim.World) iter.Seq[string] {
	return accountIDs(w, func(a *sim.Account) []sim.PaymentSchedule { return a.PaymentSchedules }, func(s *sim.PaymentSchedule) string { return s.ID })
}

func instructionIDs(w *sim.World) iter.Seq[string] {
	return accountIDs(w, func(a *sim.Account) []sim.PaymentInstruction { return a.PaymentInstructions }, func(in *sim.PaymentInstruction) string { return in.ID })
}

// paymentIDs are the ids of the payments state holds below weeklyCollections, the ones the
// session numbers its own payments after: a schedule's collection or a payment billing
// made that state holds once amended keeps the id billing numbered it by.
func paymentIDs(w *sim.World) iter.Seq[string] {
	return func(yield func(string) bool) {
		for id := range accountIDs(w, func(a *sim.Account) []sim.Payment { return a.Payments }, func(p *sim.Payment) string { return p.ID }) {
			if n, err := strconv.Atoi(id); (err != nil || n < weeklyCollections) && !yield(id) {
				return
			}
		}
	}
}

// activeSchedule is the ledger's schedule in force on date (the latest starting), or nil.
func activeSchedule(a *sim.Account, ledger, date string) *sim.PaymentSchedule {
	var best *sim.PaymentSchedule
	for i := range a.PaymentSchedules {
		s := &a.PaymentSchedules[i]
		if s.LedgerNumber == ledger && scheduleActive(*s, date) && (best == nil || s.ValidFrom > best.ValidFrom) {
			best = s
		}
	}
	return best
}

// replaceSchedule ends the ledger's schedule in force on from (the day before from),
// or drops it when it starts on from, and appends next; it returns next as stored.
func replaceSchedule(a *sim.Account, next sim.PaymentSchedule) *sim.PaymentSchedule {
	if cur := activeSchedule(a, next.LedgerNumber, next.ValidFrom); cur != nil {
		if cur.ValidFrom >= next.ValidFrom {
			*cur = next
			return cur
		}
		cur.ValidTo = addDays(next.ValidFrom, -1)
	}
	a.PaymentSchedules = append(a.PaymentSchedules, next)
	return &a.PaymentSchedules[len(a.PaymentSchedules)-1]
}

// afterSubmitted puts next, to replace the schedule of its ledger in force on its first
// day, back past that schedule's collection already sent to the bank (due by
// ddSubmitDays working days after today, on or after next's first day; of a variable
// amount, one its statement announced): that
// collection is taken as it was, and next begins the day after it (on another payment
// day, the month after it), so that a change collects from the collection that follows.
// A new payment day from today first collects no earlier than
// earliestPossibleDirectDebitPaymentDate (ddNoticeDays working days ahead): next begins
// on the first of the month it then collects in, the schedule it replaces collecting
// until then (monthTaken keeps a month from collecting twice).
func afterSubmitted(c *sim.Call, a *sim.Account, next *sim.PaymentSchedule) {
	cur := activeSchedule(a, next.LedgerNumber, next.ValidFrom)
	if cur == nil {
		return
	}
	day := today(c)
	if next.PaymentDay != cur.PaymentDay && next.ValidFrom == day && next.ScheduleType == "DIRECT_DEBIT" && strings.EqualFold(next.PaymentFrequency, "Monthly") {
		start, _ := time.Parse(time.DateOnly, day)
		earliest := workingDaysOn(bankDays(c), start, ddNoticeDays).Format(time.DateOnly)
		if first := paymentDayFrom(day, next.PaymentDay); first.Format(time.DateOnly) < earliest {
			next.ValidFrom = monthDay(first.Year(), first.Month()+1, 1).Format(time.DateOnly)
		}
	}
	submitted := takenAfter(c, a, *cur, "")
	if cur.PaymentAmount <= 0 && submitted != "" { // a variable debit's, announced: sent once within ddSubmitDays
		start, _ := time.Parse(time.DateOnly, day)
		if t, err := time.Parse(time.DateOnly, submitted); err != nil || bankDays(c).Next(t).After(workingDaysOn(bankDays(c), start, ddSubmitDays)) {
			submitted = ""
		}
	}
	if submitted == "" || submitted < next.ValidFrom {
		return
	}
	from := addDays(submitted, 1)
	if next.PaymentDay != cur.PaymentDay {
		t, _ := time.Parse(time.DateOnly, submitted)
		from = monthDay(t.Year(), t.Month()+1, 1).Format(time.DateOnly)
	}
	if next.ValidTo == "" || next.ValidTo >= from {
		next.ValidFrom = from
	}
}

// monthTaken reports whether, in the month of day, another monthly direct debit of a
// fixed amount on s's ledger, one s followed, collected before s began: a schedule
// booked on a new payment day first collects in the month after.
func monthTaken(a *sim.Account, s sim.PaymentSchedule, day time.Time) bool {
	if len(s.ValidFrom) < 7 || weekly(s) || s.Reason == planReason {
		return false // a weekly schedule, or a plan's, collects from its first day whatever the month held
	}
	y, _ := strconv.Atoi(s.ValidFrom[:4])
	m, _ := strconv.Atoi(s.ValidFrom[5:7])
	if day.Year()*12+int(day.Month()) > y*12+m {
		return false // a month after s began holds no collection before it
	}
	for _, o := range a.PaymentSchedules {
		if o.ID == s.ID || o.LedgerNumber != s.LedgerNumber || o.ValidFrom >= s.ValidFrom || o.ScheduleType != "DIRECT_DEBIT" ||
			o.PaymentAmount <= 0 || o.PaymentDay < 1 || o.IsPaymentHoliday || !strings.EqualFold(o.PaymentFrequency, "Monthly") {
			continue
		}
		if d := monthDay(day.Year(), day.Month(), o.PaymentDay).Format(time.DateOnly); d >= o.ValidFrom && (o.ValidTo == "" || d <= o.ValidTo) && d < s.ValidFrom {
			return true
		}
	}
	return false
}

// weekly reports whether a schedule collects every week or every few weeks.
func weekly(s sim.PaymentSchedule) bool { return strings.EqualFold(s.PaymentFrequency, "Weekly") }

// collects reports whether a fixed schedule of its frequency collects by itself: a
// monthly or a weekly one.
func collects(s sim.PaymentSchedule) bool {
	return weekly(s) || strings.EqualFold(s.PaymentFrequency, "Monthly")
}

// dueDays are the days a schedule is due to collect, before a collection moves to a
// working day, from from's month on: its payment day every multiplier months (three
// times as many for a quarterly one); for a weekly one, from from on, every seven
// times multiplier days from validFrom (a payment date "inline with validFrom", as
// the SDL's paymentDay has it). They end with year 9999, the clock's last
// (auth.MaxTime): a day after it cannot be written as a date that sorts after the
// days before it.
func dueDays(s sim.PaymentSchedule, from time.Time) iter.Seq[time.Time] {
	every := min(max(s.PaymentFrequencyMultiplier, 1), 12)
	return func(yield func(time.Time) bool) {
		if weekly(s) {
			first, err := time.Parse(time.DateOnly, s.ValidFrom)
			if err != nil {
				return
			}
			step, k := 7*every, 0
			if from.After(first) {
				k = (int(from.Sub(first).Hours()/24) + 7*every - 1) / step
			}
			for d := first.AddDate(0, 0, k*step); d.Year() <= auth.MaxTime.Year() && yield(d); d = d.AddDate(0, 0, step) {
			}
			return
		}
		if strings.EqualFold(s.PaymentFrequency, "Quarterly") {
			every *= 3
		}
		for n := 0; ; n += every {
			if d := monthDay(from.Year(), from.Month()+time.Month(n), s.PaymentDay); d.Year() > auth.MaxTime.Year() || !yield(d) {
				return
			}
		}
	}
}

// scheduleDays are dueDays of a's schedule s from from's month on, but for a payment
// plan's schedule the days of the plan's instalments from from on.
func scheduleDays(a *sim.Account, s sim.PaymentSchedule, from time.Time) iter.Seq[time.Time] {
	p := planOf(a, s)
	if p == nil {
		return dueDays(s, from)
	}
	return func(yield func(time.Time) bool) {
		for _, pp := range p.Payments {
			if d, err := time.Parse(time.DateOnly, pp.Date); err == nil && !d.Before(from) && !yield(d) {
				return
			}
		}
	}
}

// instalment is what a's schedule s collects on the due day that day is (or is
// collected on, a working day after): its amount, but for one paying off a debt
// (TotalDebtAmount) what of the debt the instalments due before leave, at most its
// amount, so that the last instalment takes the remainder and they sum to the debt; for
// a payment plan's, the plan's instalment that day.
func instalment(a *sim.Account, s sim.PaymentSchedule, day time.Time) int {
	if p := planOf(a, s); p != nil {
		return planDue(p, day.Format(time.DateOnly))
	}
	first, err := time.Parse(time.DateOnly, s.ValidFrom)
	if s.TotalDebtAmount <= 0 || err != nil {
		return s.PaymentAmount
	}
	n := 0 // the instalment's number
	for d := range dueDays(s, first) {
		if d.After(day) {
			break
		}
		n++
	}
	return max(0, min(s.PaymentAmount, s.TotalDebtAmount-(n-1)*s.PaymentAmount))
}

// createAccountPaymentSchedule replaces the ledger's schedule in force with one paying
// a new day or amount from today. Rules: the ledger must be the account's (KT-CT-3822);
// the day is 1–28 (KT-CT-3960); the amount is positive (KT-CT-3941); a schedule must be
// in force (KT-CT-3815) and not belong to a debt plan (KT-CT-3961); something must
// change (KT-CT-3962).
func createAccountPaymentSchedule(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	_, a, err := owned(c, str(in, "accountNumber"), "KT-CT-3923", "")
	if err != nil {
		return nil, err
	}
	l := a.Ledger(str(in, "ledgerNumber"))
	if l == nil {
		return nil, c.Error("KT-CT-3822")
	}
	day, hasDay := integer(in, "paymentDay")
	if hasDay && (day < 1 || day > 28) {
		return nil, c.ValidationError("KT-CT-3960", "The payment day must be between 1 and 28.", "input", "paymentDay")
	}
	amount, hasAmount := integer(in, "paymentAmount")
	if hasAmount && amount <= 0 {
		return nil, c.ValidationError("KT-CT-3941", "The payment amount must be more than 0.", "input", "paymentAmount")
	}
	date := today(c)
	cur := activeSchedule(a, l.Number, date)
	if cur == nil {
		return nil, c.Error("KT-CT-3815")
	}
	if cur.Reason == "DEBT_REPAYMENT_PLAN" {
		return nil, c.Error("KT-CT-3961")
	}
	if (!hasDay || day == cur.PaymentDay) && (!hasAmount || amount == cur.PaymentAmount) {
		return nil, c.Error("KT-CT-3962")
	}
	return obj{"schedule": scheduleMap(a, *changeSchedule(c, a, cur, day, amount))}, nil // 0 when not given
}

// changeSchedule replaces the schedule cur, in force today, with one from today on the
// day and of the amount given (0 keeping cur's); it returns the new one as stored. A
// schedule of the ledger booked to begin later keeps its start and takes the change too.
func changeSchedule(c *sim.Call, a *sim.Account, cur *sim.PaymentSchedule, day, amount int) *sim.PaymentSchedule {
	change := func(s *sim.PaymentSchedule) {
		if day > 0 {
			s.PaymentDay = day
		}
		if amount > 0 {
			s.PaymentAmount, s.IsVariablePaymentAmount = amount, false
		}
	}
	next := *cur
	next.ID = nextID(81700, scheduleIDs(c.Session.World()))
	next.ValidFrom, next.ValidTo = today(c), ""
	change(&next)
	afterSubmitted(c, a, &next)
	for i := range a.PaymentSchedules {
		if later := &a.PaymentSchedules[i]; later.LedgerNumber == next.LedgerNumber && later.ValidFrom > next.ValidFrom {
			change(later)
			if next.ValidTo == "" || next.ValidTo >= later.ValidFrom {
				next.ValidTo = addDays(later.ValidFrom, -1)
			}
		}
	}
	return replaceSchedule(a, next)
}

// updatePaymentSchedulePaymentDay moves the day the account's payments are taken, from
// today: the schedule in force on its first ledger with one is replaced by one on the new
// day. Rules: the day is 1–28 and the account is the viewer's (KT-GB-3912); a schedule
// must be in force, not a debt plan's (KT-GB-3911).
func updatePaymentSchedulePaymentDay(_ context.Context, c *sim.Call) (any, error) {
	s, err := reschedule(c, "paymentDay", "KT-GB-3918", "KT-GB-3912", "KT-GB-3911")
	if err != nil {
		return nil, err
	}
	return obj{"paymentSchedule": s}, nil
}

// directDebitPaymentDayUpdate is updatePaymentSchedulePaymentDay as Octopus's older
// mutation answers it, with no errors in its payload.
func directDebitPaymentDayUpdate(_ context.Context, c *sim.Call) (any, error) {
	s, err := reschedule(c, "paymentDay", "KT-GB-3918", "KT-GB-3912", "KT-GB-3911")
	if err != nil {
		return nil, err
	}
	return obj{"paymentSchedule": s, "errors": []any{}}, nil
}

// updatePaymentSchedulePaymentAmount fixes the amount the account pays each time, from
// today, as updatePaymentSchedulePaymentDay moves the day (KT-GB-3919 for an amount
// that is not more than 0, KT-GB-3920 with no schedule to change).
func updatePaymentSchedulePaymentAmount(_ context.Context, c *sim.Call) (any, error) {
	s, err := reschedule(c, "amount", "KT-CT-3923", "KT-GB-3919", "KT-GB-3920")
	if err != nil {
		return nil, err
	}
	return obj{"paymentSchedule": s}, nil
}

// reschedule replaces the account's schedule in force, on its first ledger that has one,
// with one from today with the day (field paymentDay) or the amount (field amount) the
// input gives; it answers the new schedule.
func reschedule(c *sim.Call, field, unauthorized, invalid, none string) (any, error) {
	in := input(c)
	_, a, err := owned(c, str(in, "accountNumber"), unauthorized, "")
	if err != nil {
		return nil, err
	}
	v, _ := integer(in, field)
	switch {
	case field == "paymentDay" && (v < 1 || v > 28):
		return nil, c.ValidationError(invalid, "The payment day must be between 1 and 28.", "input", field)
	case field == "amount" && v <= 0:
		return nil, c.ValidationError(invalid, "The payment amount must be more than 0.", "input", field)
	}
	date := today(c)
	var cur *sim.PaymentSchedule
	for _, l := range a.Ledgers {
		if cur = activeSchedule(a, l.Number, date); cur != nil {
			break
		}
	}
	if cur == nil || cur.Reason == "DEBT_REPAYMENT_PLAN" {
		return nil, c.Error(none)
	}
	if field == "paymentDay" {
		return scheduleMap(a, *changeSchedule(c, a, cur, v, 0)), nil
	}
	return scheduleMap(a, *changeSchedule(c, a, cur, 0, v)), nil
}

// updatePaymentSchedule changes one schedule of the account to the parameters given, from
// validFrom on: a schedule that has begun keeps what it collected, closed the day
// before, and a new one carries the change (the answer); one yet to begin is changed
// itself. validFrom is today or later, or the schedule's own start kept as it was (the
// change then from today), and the schedule has not ended; KT-CT-3942 otherwise.
func updatePaymentSchedule(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	// Origin's payload reports a refusal in its error union, when asked for it: a
	// schedule the account does not have, or a change it cannot make.
	refuse := func(err error, typename string) (any, error) {
		if !c.Field.Selects("error") {
			return nil, err
		}
		union := obj{"__typename": typename, "field": "paymentScheduleId", "message": err.Error()}
		if v, ok := validationPath(err); ok {
			union["message"] = v.message
		}
		return obj{"schedule": nil, "paymentSchedule": nil, "error": union}, nil
	}
	invalid := func(code, msg string, path ...any) (any, error) {
		return refuse(c.ValidationError(code, msg, append([]any{"input"}, path...)...), "UnableToUpdateScheduleType")
	}
	_, a, err := owned(c, str(in, "accountNumber"), "KT-CT-1128", "")
	if err != nil {
		return nil, err
	}
	listed, s := listedSchedule(newEnv(c), a, str(in, "paymentScheduleId"))
	if s == nil {
		return refuse(c.Error("KT-CT-3966"), "DoesNotExistErrorType")
	}
	p, _ := in["updatedParameters"].(map[string]any)
	if p == nil {
		return invalid("KT-CT-3942", "updatedParameters is required.", "updatedParameters")
	}
	from, ok := parseDate(p["validFrom"])
	if !ok {
		return invalid("KT-CT-3942", "validFrom must be a date.", "updatedParameters", "validFrom")
	}
	to, hasTo := parseDate(p["validTo"])
	day, hasDay := integer(p, "paymentDay")
	if hasDay && (day < 1 || day > 28) {
		return invalid("KT-CT-3960", "The payment day must be between 1 and 28.", "updatedParameters", "paymentDay")
	}
	amount, _ := integer(p, "paymentAmount")
	if amount < 0 {
		return invalid("KT-CT-3941", "The payment amount must not be negative.", "updatedParameters", "paymentAmount")
	}
	date := today(c)
	if listed.ValidTo != "" && listed.ValidTo < date {
		return invalid("KT-CT-3942", "Payment schedule "+listed.ID+" ended on "+listed.ValidTo+"; update one in force or to come.", "paymentScheduleId")
	}
	if from < date {
		if from != listed.ValidFrom {
			return invalid("KT-CT-3942", "validFrom must be today or later: what a schedule collected before today stays as it was.", "updatedParameters", "validFrom")
		}
		from = date
	}
	if hasTo && to < from {
		return invalid("KT-CT-3942", "validTo is before the change takes effect ("+from+").", "updatedParameters", "validTo")
	}
	next := listed
	next.ValidFrom, next.ValidTo = from, to
	next.ScheduleType = cmp.Or(str(p, "scheduleType"), s.ScheduleType)
	if f := str(p, "paymentFrequency"); f != "" {
		next.PaymentFrequency = f
	}
	if hasDay {
		next.PaymentDay = day
	}
	next.PaymentAmount, next.IsVariablePaymentAmount = amount, false
	if listed.ValidFrom < date {
		afterSubmitted(c, a, &next)
		from = next.ValidFrom
	}
	for _, later := range a.PaymentSchedules { // a change booked to come keeps its day
		if later.ID != s.ID && later.LedgerNumber == s.LedgerNumber && later.ValidFrom > from && (next.ValidTo == "" || next.ValidTo >= later.ValidFrom) {
			next.ValidTo = addDays(later.ValidFrom, -1)
		}
	}
	updated := func(s sim.PaymentSchedule) (any, error) { // Origin's payload names it schedule
		m := scheduleMap(a, s)
		return obj{"paymentSchedule": m, "schedule": m, "error": nil}, nil
	}
	if listed.ID != s.ID && listed.ValidFrom >= date { // a review to come: its schedule ends before it
		s.ValidTo = addDays(listed.ValidFrom, -1)
		return updated(*replaceSchedule(a, next))
	}
	if s.ValidFrom >= date { // not begun: nothing collected to keep
		*s = next
		return updated(*s)
	}
	if s.ValidTo == "" || s.ValidTo >= from {
		s.ValidTo = addDays(from, -1)
	}
	next.ID = nextID(81700, scheduleIDs(c.Session.World()))
	return updated(*replaceSchedule(a, next))
}

// directDebitSchedule checks and adds a monthly direct debit schedule on a ledger.
func directDebitSchedule(c *sim.Call, a *sim.Account, l *sim.Ledger, in map[string]any, invalid string) (*sim.PaymentSchedule, error) {
	day, _ := integer(in, "paymentDay")
	if day < 1 || day > 28 {
		return nil, c.ValidationError(invalid, "The payment day must be between 1 and 28.", "input", "paymentDay")
	}
	amount, hasAmount := integer(in, "paymentAmount")
	if hasAmount && amount <= 0 {
		return nil, c.ValidationError(invalid, "The payment amount must be more than 0.", "input", "paymentAmount")
	}
	date := today(c)
	from := date
	if v, given := in["validFrom"]; given && v != nil {
		d, ok := parseDate(v)
		if !ok || d < date {
			return nil, c.ValidationError(invalid, "validFrom must be today or later.", "input", "validFrom")
		}
		from = d
	}
	for _, s := range a.PaymentSchedules {
		if s.LedgerNumber == l.Number && s.ValidFrom > date {
			return nil, c.Error("KT-CT-3964")
		}
	}
	next := sim.PaymentSchedule{
		ID: nextID(81700, scheduleIDs(c.Session.World())), LedgerNumber: l.Number, ValidFrom: from,
		Reason: "GENERAL_ACCOUNT_PAYMENT", PaymentDay: day, PaymentFrequency: "Monthly",
		PaymentFrequencyMultiplier: 1, PaymentAmount: amount, IsVariablePaymentAmount: !hasAmount,
		ScheduleType: "DIRECT_DEBIT",
	}
	afterSubmitted(c, a, &next)
	return replaceSchedule(a, next), nil
}

// createPaymentSchedule (Octopus's) sets the monthly direct debit of the account's
// first ledger to a fixed amount on a day (1 to 28), from today: it replaces the
// schedule in force or starts one. The amount is fixed against a recent bill, so an
// account with no statement issued in the last 60 days is KT-GB-3917.
func createPaymentSchedule(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	_, a, err := owned(c, str(in, "accountNumber"), "", "")
	if err != nil {
		return nil, err
	}
	if _, origin := in["scheduleType"]; origin {
		return createSchedulePayingBills(c, a, in)
	}
	w := newEnv(c)
	since, last := addDays(w.today(), -60), ""
	for _, s := range w.statements(a) {
		last = max(last, s.IssuedDate)
	}
	if last < since {
		why := "Account " + a.Number + " has no statement"
		if last != "" {
			why += "; its last was issued on " + last
		}
		return nil, c.ValidationError("KT-GB-3917", why+".", "input", "accountNumber")
	}
	if amount, _ := integer(in, "paymentAmount"); amount <= 0 {
		return nil, c.ValidationError("KT-CT-3941", "The payment amount must be more than 0.", "input", "paymentAmount")
	}
	l := ledgerFor(a, "")
	if l == nil {
		return nil, c.Error(c.UnauthorizedCode())
	}
	s, err := directDebitSchedule(c, a, l, in, "KT-CT-3960")
	if err != nil {
		return nil, err
	}
	return obj{"paymentSchedule": scheduleMap(a, *s)}, nil
}

// createDirectDebitPaymentSchedule starts a monthly direct debit on a ledger (the
// first when none is named): the ledger has a valid direct debit instruction to collect
// with, day 1–28 and a positive amount (KT-GB-3931); none may be waiting to start
// already (KT-CT-3964).
func createDirectDebitPaymentSchedule(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	_, a, err := owned(c, str(in, "accountNumber"), "KT-CT-1128", "")
	if err != nil {
		return nil, err
	}
	l := ledgerFor(a, str(in, "ledgerNumber"))
	if l == nil {
		return nil, c.Error("KT-CT-1128")
	}
	if !slices.ContainsFunc(usableInstructions(newEnv(c), a, l, l == &a.Ledgers[0], c.Session.Now()), func(pi sim.PaymentInstruction) bool { return pi.InstructionType == "DIRECT_DEBIT" }) {
		return nil, c.ValidationError("KT-GB-3931", "Ledger "+l.Number+" has no valid direct debit instruction to collect with.", "input", "ledgerNumber")
	}
	s, err := directDebitSchedule(c, a, l, in, "KT-GB-3931")
	if err != nil {
		return nil, err
	}
	return obj{"paymentSchedule": scheduleMap(a, *s)}, nil
}

// bankInstruction checks bank details and builds an active direct debit mandate.
func bankInstruction(c *sim.Call, a *sim.Account, l *sim.Ledger, bank map[string]any, invalid string, path ...any) (sim.PaymentInstruction, error) {
	holder := strings.TrimSpace(str(bank, "accountHolder"))
	acct := digits(str(bank, "accountNumber"))
	sortField := "bankCode"
	if _, ok := bank["sortCode"]; ok {
		sortField = "sortCode" // createDirectDebitInstruction's local bank details
	}
	sort := digits(str(bank, sortField))
	iban := strings.ReplaceAll(strings.ToUpper(str(bank, "iban")), " ", "")
	// An Australian account is a BSB of six digits and an account number of six to ten.
	au := fake.Country(c.Session.Zone()) == "AU"
	field := ""
	switch {
	case holder == "":
		field = "accountHolder"
	case iban != "" && (au || len(iban) < 15 || !strings.HasPrefix(iban, "GB")):
		field = "iban"
	case iban == "" && (!au && len(acct) != 8 || au && (len(acct) < 6 || len(acct) > 10)):
		field = "accountNumber"
	case iban == "" && len(sort) != 6:
		field = sortField
	}
	if field != "" {
		return sim.PaymentInstruction{}, c.ValidationError(invalid, "The bank details are not valid: check "+field+".", append(path, field)...)
	}
	if iban != "" {
		sort, acct = iban[8:14], iban[len(iban)-8:]
	}
	w := c.Session.World()
	n := 1
	for _, in := range a.PaymentInstructions {
		if in.InstructionType == "DIRECT_DEBIT" {
			n++
		}
	}
	return sim.PaymentInstruction{
		ID: nextID(412800, instructionIDs(w)), LedgerNumber: l.Number, Status: "ACTIVE",
		InstructionType: "DIRECT_DEBIT", Vendor: "BOTTOMLINE",
		VendorReference: "DD-" + strings.TrimPrefix(a.Number, "A-") + "-" + strconv.Itoa(10000 + n)[1:],
		AccountHolder:   holder, SortCode: sortCode(sort, au),
		MaskedAccountIdentifier: "****" + acct[len(acct)-4:], ValidFrom: c.Session.Now().UTC(),
	}, nil
}

// sortCode writes six digits as a UK sort code (04-00-04) or an Australian BSB (062-000).
func sortCode(d string, au bool) string {
	if au {
		return d[0:3] + "-" + d[3:6]
	}
	return d[0:2] + "-" + d[2:4] + "-" + d[4:6]
}

// addMandate stores a new direct debit mandate; earlier active mandates on the same
// ledger are cancelled.
func addMandate(a *sim.Account, in sim.PaymentInstruction) *sim.PaymentInstruction {
	for i := range a.PaymentInstructions {
		p := &a.PaymentInstructions[i]
		if p.LedgerNumber == in.LedgerNumber && p.InstructionType == "DIRECT_DEBIT" && p.Status == "ACTIVE" {
			p.Status = "CANCELLED"
		}
	}
	a.PaymentInstructions = append(a.PaymentInstructions, in)
	return &a.PaymentInstructions[len(a.PaymentInstructions)-1]
}

// createDirectDebitInstructionAndSchedule sets up a mandate and a monthly schedule.
func createDirectDebitInstructionAndSchedule(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	_, a, err := owned(c, str(in, "accountNumber"), "KT-CT-1128", "")
	if err != nil {
		return nil, err
	}
	l := ledgerFor(a, str(in, "ledgerNumber"))
	if l == nil {
		return nil, c.Error("KT-CT-1128")
	}
	bank, _ := in["bankDetails"].(map[string]any)
	mandate, err := bankInstruction(c, a, l, bank, "KT-CT-3948", "input", "bankDetails")
	if err != nil {
		return nil, err
	}
	s, err := directDebitSchedule(c, a, l, in, "KT-GB-3930")
	if err != nil {
		return nil, err
	}
	schedule := scheduleMap(a, *s)
	stored := addMandate(a, mandate)
	return obj{"paymentInstruction": instructionMap(newEnv(c), a, *stored), "paymentSchedule": schedule}, nil
}

// setUpDirectDebitInstruction sets up a direct debit mandate on a ledger.
func setUpDirectDebitInstruction(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	a, l, err := ownedLedger(c, in, codeUnauthorized, true, codeUnauthorized)
	if err != nil {
		return nil, err
	}
	bank, _ := in["bankDetails"].(map[string]any)
	mandate, err := bankInstruction(c, a, l, bank, "KT-CT-3940", "input", "bankDetails")
	if err != nil {
		return nil, err
	}
	if t, ok := parseTime(in["validFrom"], c.Session.Zone()); ok {
		mandate.ValidFrom = t
	}
	pi := *addMandate(a, mandate)
	saleMandate(newEnv(c), a, l)
	return obj{"paymentInstruction": instructionMap(newEnv(c), a, pi)}, nil
}

// saleMandate gives a British account a sign-up prepared, not yet switching, whose
// main ledger (l) a direct debit mandate now pays, the schedule on its sale's payment
// day from the day its supply is to start (saleSchedule, saleStart).
func saleMandate(w *env, a *sim.Account, l *sim.Ledger) {
	if from, ok := saleStart(w, a); ok && from != "" && a.BillingAddress.CountryCode == "GB" && len(a.Ledgers) > 0 && l.Number == a.Ledgers[0].Number {
		saleSchedule(w.World, a, from)
	}
}

// createDirectDebitInstruction records a direct debit mandate from local bank details on
// the account's first ledger, as setUpDirectDebitInstruction does on the ledger named.
func createDirectDebitInstruction(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	a, l, err := ownedLedger(c, in, "KT-CT-3923", false, "KT-CT-3923")
	if err != nil {
		return nil, err
	}
	bank, _ := in["directDebitInstruction"].(map[string]any)
	mandate, err := bankInstruction(c, a, l, bank, "KT-CT-3940", "input", "directDebitInstruction")
	if err != nil {
		return nil, err
	}
	pi := *addMandate(a, mandate)
	saleMandate(newEnv(c), a, l)
	return obj{"directDebitInstruction": instructionMap(newEnv(c), a, pi)}, nil
}

// namedLedger is the ledger an input names by ledgerId (Octopus) or ledgerNumber
// (Origin), not both; naming neither is KT-CT-3821 when required, else the first ledger,
// and naming none of the account's is unknown.
func namedLedger(c *sim.Call, a *sim.Account, in map[string]any, required bool, unknown string) (*sim.Ledger, error) {
	id, number := str(in, "ledgerId"), str(in, "ledgerNumber")
	switch {
	case id != "" && number != "":
		return nil, c.Error("KT-CT-3820")
	case id == "" && number == "" && required:
		return nil, c.Error("KT-CT-3821")
	}
	l := ledgerFor(a, id+number)
	if l == nil {
		return nil, c.Error(unknown)
	}
	return l, nil
}

// ownedLedger is the viewer's account the input names (unauthorized for another's) and
// its ledger the input names, as namedLedger reads it.
func ownedLedger(c *sim.Call, in map[string]any, unauthorized string, required bool, unknown string) (*sim.Account, *sim.Ledger, error) {
	_, a, err := owned(c, str(in, "accountNumber"), unauthorized, "")
	if err != nil {
		return nil, nil, err
	}
	l, err := namedLedger(c, a, in, required, unknown)
	if err != nil {
		return nil, nil, err
	}
	return a, l, nil
}

// storePaymentInstruction records a payment method a vendor holds for the account.
func storePaymentInstruction(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	a, l, err := ownedLedger(c, in, "KT-CT-3822", false, "KT-CT-4177")
	if err != nil {
		return nil, err
	}
	kind := str(in, "instructionType")
	vendor := map[string]string{"CARD": "STRIPE", "DIRECT_DEBIT": "BOTTOMLINE"}[kind]
	if vendor == "" {
		vendor = "KRAKEN"
	}
	from, ok := parseTime(in["validFrom"], c.Session.Zone())
	if !ok {
		from = c.Session.Now().UTC()
	}
	ref := str(in, "vendorReference")
	masked := ""
	if len(ref) >= 4 {
		masked = "****" + ref[len(ref)-4:]
	}
	pi := sim.PaymentInstruction{
		ID: nextID(412800, instructionIDs(c.Session.World())), LedgerNumber: l.Number, Status: "ACTIVE",
		InstructionType: kind, Vendor: vendor, VendorReference: ref, AccountHolder: a.BillingName,
		MaskedAccountIdentifier: masked, ValidFrom: from,
	}
	if k := setupCheckout(c.Session.World(), ref); k != nil {
		if k.AccountNumber != "" && k.AccountNumber != a.Number {
			return nil, c.Error("KT-CT-4177")
		}
		stored := checkoutInstruction(c.Session, a, k, from)
		stored.ID, stored.LedgerNumber, stored.InstructionType = pi.ID, l.Number, kind
		pi = stored
	}
	a.PaymentInstructions = append(a.PaymentInstructions, pi)
	return obj{"paymentInstruction": instructionMap(newEnv(c), a, pi)}, nil
}

// invalidatePaymentInstruction stops one of the account's payment instructions.
func invalidatePaymentInstruction(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	_, a, err := owned(c, str(in, "accountNumber"), "KT-CT-3926", "")
	if err != nil {
		return nil, err
	}
	id := str(in, "id")
	for i := range a.PaymentInstructions {
		if p := &a.PaymentInstructions[i]; p.ID == id {
			p.Status, p.InvalidatedAt = "INVALIDATED", c.Session.Now().UTC()
			if p.InstructionType == "DIRECT_DEBIT" {
				endDebitSchedule(c, a, p.LedgerNumber)
			}
			return obj{"instruction": obj{"id": idInt(id)}}, nil
		}
	}
	return nil, c.Error("KT-CT-3926")
}

// endDebitSchedule ends a British ledger's direct debit schedule on the day its last
// mandate stops (invalidatePaymentInstruction): from that day the ledger pays each
// statement by bank transfer, at the prices Octopus charges for paying so, until a
// direct debit is set up again. A ledger another mandate still collects is left alone.
func endDebitSchedule(c *sim.Call, a *sim.Account, ledger string) {
	w := newEnv(c)
	if ledger == "" && len(a.Ledgers) > 0 {
		ledger = a.Ledgers[0].Number
	}
	day := today(c)
	cur := activeSchedule(a, ledger, day)
	if fake.Country(w.zone) != "GB" || cur == nil || cur.ScheduleType != "DIRECT_DEBIT" || debitStopped(a, ledger, day, w.zone) == "" {
		return
	}
	replaceSchedule(a, sim.PaymentSchedule{ID: nextID(81700, scheduleIDs(c.Session.World())), LedgerNumber: ledger, ValidFrom: day,
		Reason: "GENERAL_ACCOUNT_PAYMENT", PaymentFrequency: "Planned", PaymentFrequencyMultiplier: 1,
		IsVariablePaymentAmount: true, ScheduleType: "BACS_TRANSFER"})
}

// amendPayment changes the amount and date of a payment not yet taken.
func amendPayment(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	_, a, err := owned(c, str(in, "accountNumber"), "KT-CT-4123", "")
	if err != nil {
		return nil, err
	}
	id := str(in, "paymentId")
	if !slices.ContainsFunc(a.Payments, func(p sim.Payment) bool { return p.ID == id }) {
		// A schedule's collection not yet taken is amended as a payment state holds; a
		// variable debit's collects what its statement leaves owing, which is not amended.
		for _, p := range newEnv(c).billing(a).collections {
			switch s := paymentStatus(p, today(c)); {
			case p.ID != id || s != "SCHEDULED" && s != "PENDING":
			case scheduleCollection(id):
				a.Payments = append(a.Payments, p)
			default:
				return nil, c.ValidationError("KT-CT-3924", "A direct debit of a variable amount collects what the statement leaves owing; it cannot be amended.", "input", "paymentId")
			}
		}
	}
	for i := range a.Payments {
		p := &a.Payments[i]
		if p.ID != id {
			continue
		}
		if s := paymentStatus(*p, today(c)); s != "SCHEDULED" && s != "PENDING" && s != "PROMISED" {
			return nil, c.ValidationError("KT-CT-3924", "Only a payment not yet taken can be amended.", "input", "paymentId")
		}
		date, ok := parseDate(in["paymentDate"])
		amount, _ := integer(in, "amount")
		if !ok || date < today(c) || amount <= 0 {
			return nil, c.ValidationError("KT-CT-3924", "The amount must be positive and the date today or later.", "input")
		}
		p.Amount, p.PaymentDate = amount, date
		if p.Status == "PENDING" && date > today(c) {
			p.Status = "SCHEDULED" // moved off the day it was being collected
		}
		return obj{"payment": paymentMap(bankDays(c), a, *p, today(c))}, nil
	}
	return nil, c.Error("KT-CT-3924")
}

type collectKey struct{ account, key string }

// collectPayment schedules a one-off collection; the same idempotency key returns the
// payment it created first.
func collectPayment(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	_, a, err := owned(c, str(in, "accountNumber"), codeUnauthorized, "")
	if err != nil {
		return nil, err
	}
	l := ledgerFor(a, str(in, "ledgerId"))
	if l == nil {
		return nil, c.Error(codeUnauthorized)
	}
	key := collectKey{a.Number, str(in, "idempotencyKey")}
	if id, ok := c.Session.Value(key).(string); ok {
		for _, p := range a.Payments {
			if p.ID == id {
				return obj{"payment": paymentMap(bankDays(c), a, p, today(c))}, nil
			}
		}
	}
	date, ok := parseDate(in["paymentDate"])
	if !ok || date < today(c) {
		return nil, c.ValidationError("KT-CT-3932", "The payment date must be today or later.", "input", "paymentDate")
	}
	amount, _ := integer(in, "amount")
	if amount <= 0 {
		return nil, c.ValidationError("KT-CT-3932", "The amount must be more than 0.", "input", "amount")
	}
	kind := "DD_REGULAR_COLLECTION"
	method := str(in, "collectionMethod")
	if method == "CARD" {
		kind = "DEBIT_CARD"
	}
	status := "SCHEDULED"
	if date == today(c) {
		status = "PENDING"
	}
	if method == "" || method == "CARD" || method == "DIRECT_DEBIT" {
		usable := usableInstructions(newEnv(c), a, l, l == &a.Ledgers[0], c.Session.Now())
		if i := slices.IndexFunc(usable, func(pi sim.PaymentInstruction) bool { return method == "" || pi.InstructionType == method }); i < 0 {
			status = "FAILED" // no usable instruction to collect with, as CollectPayment.payment documents
		} else if method == "" && usable[i].InstructionType == "CARD" {
			kind = "DEBIT_CARD"
		}
	}
	p := sim.Payment{
		ID: nextID(5501000, paymentIDs(c.Session.World())), LedgerNumber: l.Number, Amount: amount,
		PaymentDate: date, Reference: str(in, "description"), Status: status, TransactionType: kind, OneOff: true,
	}
	a.Payments = append(a.Payments, p)
	c.Session.SetValue(key, p.ID)
	return obj{"payment": paymentMap(bankDays(c), a, p, today(c))}, nil
}

// maxReschedule is the most days a payment is moved by when its ledger's schedule
// collects nothing after it.
const maxReschedule = 28

// rescheduleLimit is how many days a payment not yet taken can be put back: up to the
// day before its ledger's schedule next collects, at most four weeks; none for one
// taken or failed.
func rescheduleLimit(days *workdays.Calendar, a *sim.Account, p sim.Payment, today string) int {
	if s := paymentStatus(p, today); s != "SCHEDULED" && s != "PENDING" || p.PaymentDate < today {
		return 0
	}
	limit := maxReschedule
	after, end := addDays(p.PaymentDate, 1), addDays(p.PaymentDate, maxReschedule+1)
	for _, s := range a.PaymentSchedules {
		if s.LedgerNumber != "" && p.LedgerNumber != "" && s.LedgerNumber != p.LedgerNumber || s.IsPaymentHoliday {
			continue
		}
		own := p.PaymentDate // the payment's own collection, moved off a weekend, is not the next
		if d, err := time.Parse(time.DateOnly, p.PaymentDate); err == nil {
			own = days.Next(d).Format(time.DateOnly)
		}
		if days := slices.DeleteFunc(collectionDays(days, a, s, after, end), func(d string) bool { return d == own }); len(days) > 0 {
			limit = min(limit, daysBetween(p.PaymentDate, days[0])-1)
		}
	}
	return max(0, limit)
}

// daysBetween is how many days from one date to another.
func daysBetween(from, to string) int {
	f, err1 := time.Parse(time.DateOnly, from)
	t, err2 := time.Parse(time.DateOnly, to)
	if err1 != nil || err2 != nil {
		return 0
	}
	return int(t.Sub(f).Hours() / 24)
}

// reschedulePayment puts back a payment not yet taken by a number of days (Origin):
// refused in its error union for a payment the account does not have
// (InvalidTransactionErrorType), one already taken or failed
// (InvalidStatusForRescheduleErrorType), or more days than maxRescheduleDays allows
// (ExceededMaxSchedulableWorkingDaysErrorType).
func reschedulePayment(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	_, a, err := owned(c, str(in, "accountNumber"), "", "")
	if err != nil {
		return nil, err
	}
	refuse := func(typename, msg string) (any, error) {
		return obj{"newAccountPayment": nil, "error": obj{"__typename": typename, "message": msg}}, nil
	}
	id, day := str(in, "paymentId"), today(c)
	days, _ := integer(in, "numDays")
	for i := range a.Payments {
		p := &a.Payments[i]
		if p.ID != id {
			continue
		}
		limit := rescheduleLimit(bankDays(c), a, *p, day)
		switch s := paymentStatus(*p, day); {
		case s != "SCHEDULED" && s != "PENDING":
			return refuse("InvalidStatusForRescheduleErrorType", "A payment "+strings.ToLower(s)+" cannot be rescheduled.")
		case days < 1 || days > limit:
			return refuse("ExceededMaxSchedulableWorkingDaysErrorType", "The payment can be put back by 1 to "+strconv.Itoa(limit)+" days.")
		}
		p.PaymentDate = addDays(p.PaymentDate, days)
		return obj{"newAccountPayment": paymentMap(bankDays(c), a, *p, day), "error": nil}, nil
	}
	return refuse("InvalidTransactionErrorType", "The account has no payment "+id+".")
}

// updateAutoTopUpAmount changes the top-up a balance-triggered schedule collects:
// the ledger by id or, on Origin, number (KT-CT-3820 both, KT-CT-3821 neither, KT-CT-3822
// one not the account's), a schedule in force on it (KT-CT-3815 for none) that the
// balance triggers (KT-CT-3953: the schedules state holds collect on a day of the
// month, none when the balance falls), a positive amount (KT-CT-3941).
func updateAutoTopUpAmount(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	a, ledger, err := ownedLedger(c, in, "", true, "KT-CT-3822")
	if err != nil {
		return nil, err
	}
	if amount, _ := integer(in, "paymentAmount"); amount <= 0 {
		return nil, c.ValidationError("KT-CT-3941", "The top-up amount must be more than nothing.", "input", "paymentAmount")
	}
	day := today(c)
	for _, s := range a.PaymentSchedules {
		if (s.LedgerNumber == "" || s.LedgerNumber == ledger.Number) && scheduleActive(s, day) {
			return nil, c.Error("KT-CT-3953")
		}
	}
	return nil, c.Error("KT-CT-3815")
}

// cancelPayment deletes one of the account's payments while it is only scheduled
// (DELETED from then); one submitted or taken is KT-CT-3955, one the account has not
// KT-CT-3924.
func cancelPayment(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	_, a, err := owned(c, str(in, "accountNumber"), "KT-CT-3924", "")
	if err != nil {
		return nil, err
	}
	id := str(in, "paymentId")
	i := slices.IndexFunc(a.Payments, func(p sim.Payment) bool { return p.ID == id })
	if i < 0 {
		return nil, c.Error("KT-CT-3924")
	}
	p := &a.Payments[i]
	if s := paymentStatus(*p, today(c)); s != "SCHEDULED" && s != "REQUESTED" && s != "PROMISED" {
		return nil, c.ValidationError("KT-CT-3955", "The payment is "+strings.ToLower(s)+"; only a scheduled one can be cancelled.", "input", "paymentId")
	}
	p.Status = "DELETED"
	return obj{"payment": paymentMap(bankDays(c), a, *p, today(c))}, nil
}

// Origin's payment schedules: createPaymentSchedule starts one of a kind (direct debit,
// card, bank transfer) that pays what each bill asks, and createFixedPaymentSchedule one
// of a fixed amount, monthly on a day of the month (1 to 28) or weekly on a day of the
// week (1, Monday, to 7), every paymentFrequencyMultiplier (1 to 12) months or weeks
// (OutOfBoundsPaymentDayErrorType for a day out of those); each starts on its day
// (today at the earliest) on the ledger named or the first, and replaces the schedule in
// force then; one already waiting to start is a ScheduleOverlapErrorType.
// replaceLatestPaymentSchedule changes the kind of the schedule in force, or makes it
// pay what bills ask, from today.

// originSchedule is the ledger and first day an Origin schedule input names: the day is
// today at the earliest; a ledger not the account's is the field's Unauthorized.
func originSchedule(c *sim.Call, a *sim.Account, in map[string]any) (*sim.Ledger, string, error) {
	l := ledgerFor(a, str(in, "ledgerNumber"))
	if l == nil {
		return nil, "", c.Error(c.UnauthorizedCode())
	}
	from := today(c)
	if d, ok := parseDate(in["validFrom"]); ok && d > from {
		from = d
	}
	return l, from, nil
}

// waitingSchedule is a schedule of the ledger that starts after today; nil for none.
func waitingSchedule(a *sim.Account, ledger, day string) *sim.PaymentSchedule {
	for i := range a.PaymentSchedules {
		if s := &a.PaymentSchedules[i]; (s.LedgerNumber == "" || s.LedgerNumber == ledger) && s.ValidFrom > day {
			return s
		}
	}
	return nil
}

// createSchedulePayingBills answers Origin's createPaymentSchedule.
func createSchedulePayingBills(c *sim.Call, a *sim.Account, in map[string]any) (any, error) {
	l, from, err := originSchedule(c, a, in)
	if err != nil {
		return nil, err
	}
	day := today(c)
	if waitingSchedule(a, l.Number, day) != nil {
		return obj{"paymentSchedule": nil}, nil
	}
	next := sim.PaymentSchedule{
		ID: nextID(81700, scheduleIDs(c.Session.World())), LedgerNumber: l.Number, ValidFrom: from,
		Reason: "GENERAL_ACCOUNT_PAYMENT", PaymentFrequency: "Monthly", PaymentFrequencyMultiplier: 1,
		IsVariablePaymentAmount: true, ScheduleType: str(in, "scheduleType"), PaymentDay: min(28, dayOfMonth(from)),
	}
	if cur := activeSchedule(a, l.Number, day); cur != nil && cur.PaymentDay > 0 {
		next.PaymentDay = cur.PaymentDay
	}
	afterSubmitted(c, a, &next)
	return obj{"paymentSchedule": scheduleMap(a, *replaceSchedule(a, next))}, nil
}

// dayOfMonth is a YYYY-MM-DD date's day of the month.
func dayOfMonth(date string) int {
	t, err := time.Parse(time.DateOnly, date)
	if err != nil {
		return 1
	}
	return t.Day()
}

// createFixedPaymentSchedule answers Origin's createFixedPaymentSchedule.
func createFixedPaymentSchedule(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	_, a, err := owned(c, str(in, "accountNumber"), "", "")
	if err != nil {
		return nil, err
	}
	l, from, err := originSchedule(c, a, in)
	if err != nil {
		return nil, err
	}
	refuse := func(typename, msg string) (any, error) {
		return obj{"paymentSchedule": nil, "error": obj{"__typename": typename, "message": msg}}, nil
	}
	freq := cmp.Or(str(in, "paymentFrequency"), "Monthly")
	last := map[string]int{"Monthly": 28, "Weekly": 7}[freq]
	day, given := integer(in, "paymentDay")
	if !given {
		day = min(28, dayOfMonth(from))
		if freq == "Weekly" {
			t, _ := time.Parse(time.DateOnly, from)
			day = (int(t.Weekday())+6)%7 + 1
		}
	}
	if day < 1 || day > last {
		return refuse("OutOfBoundsPaymentDayErrorType", fmt.Sprintf("A %s payment day is 1 to %d.", strings.ToLower(freq), last))
	}
	if w := waitingSchedule(a, l.Number, today(c)); w != nil {
		return refuse("ScheduleOverlapErrorType", "Schedule "+w.ID+" starts on "+w.ValidFrom+"; a schedule cannot start before it.")
	}
	amount, _ := integer(in, "paymentAmount")
	next := sim.PaymentSchedule{
		ID: nextID(81700, scheduleIDs(c.Session.World())), LedgerNumber: l.Number, ValidFrom: from,
		Reason: "GENERAL_ACCOUNT_PAYMENT", PaymentFrequency: freq, PaymentFrequencyMultiplier: min(max(1, intOr(in, "paymentFrequencyMultiplier", 1)), 12),
		PaymentAmount: max(0, amount), PaymentDay: day, ScheduleType: str(in, "scheduleType"),
	}
	afterSubmitted(c, a, &next)
	return obj{"paymentSchedule": scheduleMap(a, *replaceSchedule(a, next)), "error": nil}, nil
}

// intOr is m[key] as an int, or def when not given.
func intOr(m map[string]any, key string, def int) int {
	if n, ok := integer(m, key); ok {
		return n
	}
	return def
}

// replaceLatestPaymentSchedule answers Origin's replaceLatestPaymentSchedule: the
// schedule in force on the ledger ends yesterday, and one of the kind asked (or its own)
// that pays bills or the same amount, as asked, starts today; nothing is replaced when
// no schedule is in force.
func replaceLatestPaymentSchedule(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	a, l, err := ownedLedger(c, in, "", false, c.UnauthorizedCode())
	if err != nil {
		return nil, err
	}
	day := today(c)
	cur := activeSchedule(a, l.Number, day)
	if cur == nil {
		return obj{"replacedSchedule": nil, "newSchedule": nil}, nil
	}
	old, next := *cur, *cur
	next.ID = nextID(81700, scheduleIDs(c.Session.World()))
	next.ValidFrom, next.ValidTo = day, ""
	next.ScheduleType = cmp.Or(str(in, "scheduleType"), cur.ScheduleType)
	if variable, ok := boolean(in, "isVariableScheduleType"); ok {
		next.IsVariablePaymentAmount = variable
	}
	afterSubmitted(c, a, &next)
	stored := *replaceSchedule(a, next)
	if i := slices.IndexFunc(a.PaymentSchedules, func(s sim.PaymentSchedule) bool { return s.ID == old.ID }); i >= 0 {
		old = a.PaymentSchedules[i]
	} else { // it started today, and next took its place
		old.ValidTo = old.ValidFrom
	}
	return obj{"replacedSchedule": scheduleMap(a, old), "newSchedule": scheduleMap(a, stored)}, nil
}

// deletePaymentSchedule answers Origin's deletePaymentSchedule: a schedule yet to start
// is deleted, and the one it was to replace goes on; one in force or ended is kept
// (UnableToDeleteScheduleType), and one the account has not is a DoesNotExistErrorType.
func deletePaymentSchedule(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	_, a, err := owned(c, str(in, "accountNumber"), "", "")
	if err != nil {
		return nil, err
	}
	answer := func(e obj) (any, error) {
		return obj{"account": accountMap(newEnv(c), a), "error": orNilObj(e)}, nil
	}
	id, day := str(in, "paymentScheduleId"), today(c)
	listed, stored := listedSchedule(newEnv(c), a, id)
	if stored == nil {
		return answer(obj{"__typename": "DoesNotExistErrorType", "field": "paymentScheduleId"})
	}
	if listed.ValidFrom <= day {
		return answer(obj{"__typename": "UnableToDeleteScheduleType", "message": "Schedule " + id + " started on " + listed.ValidFrom + "; only a schedule yet to start can be deleted."})
	}
	if stored.ID != id { // a review to come: the schedule it was to replace goes on
		declineReview(c.Session, id)
		return answer(nil)
	}
	i := slices.IndexFunc(a.PaymentSchedules, func(s sim.PaymentSchedule) bool { return s.ID == id })
	s := a.PaymentSchedules[i]
	if s.ValidFrom <= day {
		return answer(obj{"__typename": "UnableToDeleteScheduleType", "message": "Schedule " + id + " started on " + s.ValidFrom + "; only a schedule yet to start can be deleted."})
	}
	a.PaymentSchedules = slices.Delete(a.PaymentSchedules, i, i+1)
	if prev := activeSchedule(a, s.LedgerNumber, addDays(s.ValidFrom, -1)); prev != nil && prev.ValidTo == addDays(s.ValidFrom, -1) {
		prev.ValidTo = ""
	}
	return answer(nil)
}

// switchAccountToVariablePaymentSchedule answers Origin's mutation: from the day asked
// (today by default) the ledger's schedule pays what bills ask, of the kind and on the
// day of the schedule it replaces. A ledger not the account's is KT-CT-3922, a day
// before today or a ledger with no schedule to switch KT-CT-3947; a schedule waiting to
// start after that day is KT-CT-3984 unless cancelConflictingSchedules deletes it.
func switchAccountToVariablePaymentSchedule(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	_, a, err := owned(c, str(in, "accountNumber"), "", "KT-CT-3921")
	if err != nil {
		return nil, err
	}
	l := a.Ledger(str(in, "ledgerNumber"))
	if l == nil {
		return nil, c.ValidationError("KT-CT-3922", "Account "+a.Number+" has no ledger "+str(in, "ledgerNumber")+".", "input", "ledgerNumber")
	}
	day := today(c)
	from := day
	if v := in["targetChangeDate"]; v != nil {
		d, ok := parseDate(v)
		if !ok || d < day {
			return nil, c.ValidationError("KT-CT-3947", "The change is made today or later.", "input", "targetChangeDate")
		}
		from = d
	}
	for w := waitingSchedule(a, l.Number, from); w != nil; w = waitingSchedule(a, l.Number, from) {
		if cancel, _ := boolean(in, "cancelConflictingSchedules"); !cancel {
			return nil, c.ValidationError("KT-CT-3984", "Schedule "+w.ID+" starts on "+w.ValidFrom+"; set cancelConflictingSchedules to delete it.", "input", "targetChangeDate")
		}
		a.PaymentSchedules = slices.DeleteFunc(a.PaymentSchedules, func(s sim.PaymentSchedule) bool { return s.ID == w.ID })
	}
	cur := activeSchedule(a, l.Number, from)
	if cur == nil {
		return nil, c.ValidationError("KT-CT-3947", "Ledger "+l.Number+" has no schedule on "+from+" to switch.", "input", "ledgerNumber")
	}
	next := *cur
	next.ID = nextID(81700, scheduleIDs(c.Session.World()))
	next.ValidFrom, next.ValidTo = from, ""
	next.PaymentAmount, next.IsVariablePaymentAmount = 0, true
	afterSubmitted(c, a, &next)
	return obj{"schedule": scheduleMap(a, *replaceSchedule(a, next))}, nil
}
