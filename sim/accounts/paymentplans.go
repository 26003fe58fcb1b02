package accounts

import (
	"context"
	"slices"
	"strconv"
	"time"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/workdays"
)

// Payment plans (Origin's SDL): a plan to pay a ledger's debt in instalments, offered
// by the back office (offerPaymentPlan) and accepted, cancelled or broken, or made by
// the customer (previewAndCreatePaymentPlan); the account lists them (paymentPlans) and
// says whether it may have one (paymentPlanEligibilityStatus).

// Statuses of a payment plan.
const (
	planOffered   = "OFFERED"
	planActive    = "ACTIVE"
	planCancelled = "CANCELLED"
	planRevised   = "REVISED"
	planBroken    = "BROKEN"
	planExpired   = "EXPIRED"
	planCompleted = "COMPLETED"
)

// maxInstalments bounds a plan's instalments: five years of weekly ones.
const maxInstalments = 260

// planReason is the reason of the payment schedule that collects a plan's instalments.
const planReason = "DEBT_REPAYMENT_PLAN"

// planStatus is a plan's status today: an offer past its expiry has EXPIRED; an active
// plan is BROKEN from the day after an instalment's day by which the payments to its
// ledger since it was agreed fall short of the instalments due, and COMPLETED once its
// last instalment's day has passed with every instalment paid.
func planStatus(w *env, a *sim.Account, p *sim.PaymentPlan) string {
	switch {
	case p.Status == planOffered && !p.OfferExpiresAt.IsZero() && !w.now.Before(p.OfferExpiresAt):
		return planExpired
	case p.Status != planActive || len(p.Payments) == 0 || p.Payments[0].Date >= w.today():
		return p.Status
	}
	today, from := w.today(), p.AcceptedAt.In(w.zone).Format(time.DateOnly)
	h, due := w.ledgerHistory(a, p.LedgerNumber), 0
	for _, pp := range p.Payments {
		if pp.Date >= today {
			return planActive
		}
		if due += pp.Amount; h.payments(from, pp.Date) < due {
			return planBroken
		}
	}
	return planCompleted
}

// planOf is the plan whose instalments schedule s collects; nil for another schedule.
func planOf(a *sim.Account, s sim.PaymentSchedule) *sim.PaymentPlan {
	if s.Reason != planReason || s.ID == "" {
		return nil
	}
	for i := range a.PaymentPlans {
		if a.PaymentPlans[i].ScheduleID == s.ID {
			return &a.PaymentPlans[i]
		}
	}
	return nil
}

// planDue is what a plan's instalment on day is, 0 for a day with none.
func planDue(p *sim.PaymentPlan, day string) int {
	for _, pp := range p.Payments {
		if pp.Date == day {
			return pp.Amount
		}
	}
	return 0
}

// collectPlan lays the payment schedule that collects the instalments of a plan put in
// force (of its type, on its ledger, from its first instalment's day to its last) in
// place of the ledger's schedule in force, which resumes the day after, as a payment
// extension's schedule does.
func collectPlan(c *sim.Call, w *env, a *sim.Account, p *sim.PaymentPlan) {
	first, err := time.Parse(time.DateOnly, p.Payments[0].Date)
	if err != nil {
		return
	}
	s := sim.PaymentSchedule{LedgerNumber: p.LedgerNumber, ValidFrom: p.Payments[0].Date, ValidTo: p.Payments[len(p.Payments)-1].Date,
		Reason: planReason, PaymentDay: first.Day(), PaymentFrequency: "Monthly", PaymentFrequencyMultiplier: p.FrequencyMultiplier,
		ScheduleType: p.ScheduleType}
	if p.Frequency == "WEEKLY" {
		s.PaymentDay, s.PaymentFrequency = isoWeekday(p.Payments[0].Date), "Weekly"
	}
	for _, pp := range p.Payments {
		s.PaymentAmount, s.TotalDebtAmount = max(s.PaymentAmount, pp.Amount), s.TotalDebtAmount+pp.Amount
	}
	p.ScheduleID = interrupt(c, a, activeSchedule(a, p.LedgerNumber, w.today()), s).ID
}

// stopPlan ends the schedule collecting a plan that ends today: the day before its next
// instalment (it is dropped when none was due yet), the schedule it interrupted
// resuming the day after.
func stopPlan(w *env, a *sim.Account, p *sim.PaymentPlan) {
	i := slices.IndexFunc(a.PaymentSchedules, func(s sim.PaymentSchedule) bool { return s.ID == p.ScheduleID && p.ScheduleID != "" })
	today := w.today()
	if i < 0 || a.PaymentSchedules[i].ValidTo < today {
		return
	}
	s := a.PaymentSchedules[i]
	resumed, end := addDays(s.ValidTo, 1), addDays(today, -1)
	if planDue(p, today) > 0 {
		end = today // today's instalment is with the bank already
	}
	if end < s.ValidFrom {
		a.PaymentSchedules = slices.Delete(a.PaymentSchedules, i, i+1)
		end = addDays(s.ValidFrom, -1)
	} else {
		a.PaymentSchedules[i].ValidTo = end
	}
	for j := range a.PaymentSchedules {
		if r := &a.PaymentSchedules[j]; r.LedgerNumber == s.LedgerNumber && r.ValidFrom == resumed {
			r.ValidFrom = addDays(end, 1)
		}
	}
}

// planMap is a payment plan as PaymentPlanType answers it.
func planMap(w *env, a *sim.Account, p *sim.PaymentPlan) obj {
	payments := make([]any, len(p.Payments))
	var next any
	status := planStatus(w, a, p)
	for i, pp := range p.Payments {
		payments[i] = obj{"payableDate": pp.Date, "amount": pp.Amount, "paymentType": p.ScheduleType}
		if next == nil && status == planActive && pp.Date >= w.today() {
			next = payments[i]
		}
	}
	return obj{
		"id": p.ID, "status": status, "initialScheduleType": p.ScheduleType,
		"strategyName": planStrategy(p), "strategyDisplayName": planStrategyName(p),
		"offeredAt": dateTime(p.OfferedAt, w.zone), "offerExpiresAt": dateTime(p.OfferExpiresAt, w.zone),
		"acceptedAt": dateTime(p.AcceptedAt, w.zone), "updatedAt": dateTime(p.UpdatedAt, w.zone),
		"ledgerNumber": p.LedgerNumber, "payments": payments, "nextPayment": next,
		"account": sim.Lazy(func(map[string]any) (any, error) { return accountMap(w, a), nil }),
	}
}

// planStrategy names how a plan was made: offered by the back office, or made by the
// customer.
func planStrategy(p *sim.PaymentPlan) string {
	if p.OfferExpiresAt.IsZero() {
		return "CUSTOMER_PAYMENT_PLAN"
	}
	return "OFFERED_PAYMENT_PLAN"
}

// planStrategyName is planStrategy in words, with the plan's frequency.
func planStrategyName(p *sim.PaymentPlan) string {
	every := map[string]string{"WEEKLY": "Weekly", "MONTHLY": "Monthly"}[p.Frequency]
	switch {
	case p.FrequencyMultiplier == 2 && p.Frequency == "WEEKLY":
		every = "Fortnightly"
	case p.FrequencyMultiplier > 1:
		every = "Every " + strconv.Itoa(p.FrequencyMultiplier) + map[string]string{"WEEKLY": " weeks", "MONTHLY": " months"}[p.Frequency]
	}
	return every + " payment plan"
}

// planConnection is an account's paymentPlans, newest first.
func planConnection(w *env, a *sim.Account, args map[string]any) (any, error) {
	nodes := make([]any, 0, len(a.PaymentPlans))
	for i := len(a.PaymentPlans) - 1; i >= 0; i-- {
		nodes = append(nodes, planMap(w, a, &a.PaymentPlans[i]))
	}
	return connection(w, nodes, args)
}

// planEligibility is an account's paymentPlanEligibilityStatus, the first that holds, in
// the order the SDL's enum lists them: a hardship agreement in force, a plan in force (a
// fixed debt repayment schedule), a balance owed, else that it may have a plan.
func planEligibility(w *env, a *sim.Account) string {
	if slices.ContainsFunc(a.HardshipAgreements, func(h sim.HardshipAgreement) bool { return hardshipInForce(h, w.today()) }) {
		return "ACCOUNT_IS_ON_HARDSHIP_AGREEMENT"
	}
	if slices.ContainsFunc(a.PaymentPlans, func(p sim.PaymentPlan) bool { return planStatus(w, a, &p) == planActive }) {
		return "ACCOUNT_HAS_FIXED_DEBT_REPAYMENT_SCHEDULE"
	}
	if w.balanceNow(a, "") < 0 {
		return "ACCOUNT_HAS_NEGATIVE_BALANCE"
	}
	return "ACCOUNT_CAN_HAVE_PAYMENT_PLAN"
}

// component is a part of a plan: its instalments and their total.
type component struct{ n, total int }

// instalments lays the components' instalments on the plan's days, from first every
// multiplier weeks or months, a day that falls on a weekend moved to the Monday after;
// each component's total is split evenly, the remainder paid with its first instalment.
func instalments(days *workdays.Calendar, first time.Time, frequency string, multiplier int, parts ...component) []sim.PlanPayment {
	n := 0
	for _, p := range parts {
		n = max(n, p.n)
	}
	out := make([]sim.PlanPayment, n)
	for i := range out {
		d := monthsOn(first, i*multiplier)
		if frequency == "WEEKLY" {
			d = first.AddDate(0, 0, 7*i*multiplier)
		}
		out[i].Date = days.Next(d).Format(time.DateOnly)
		for _, p := range parts {
			if i < p.n {
				out[i].Amount += p.total / p.n
				if i == 0 {
					out[i].Amount += p.total % p.n
				}
			}
		}
	}
	return out
}

// monthsOn is the day n months after first, on the month's last day when it is shorter
// (31 December, then 28 February).
func monthsOn(first time.Time, n int) time.Time {
	y, m, d := first.Date()
	last := time.Date(y, m+time.Month(n)+1, 0, 0, 0, 0, 0, first.Location()).Day()
	return time.Date(y, m+time.Month(n), min(d, last), 0, 0, 0, 0, first.Location())
}

// planBounds says how far ahead a plan may run.
const planBounds = "A plan's first payment must be within a year, and its last within ten years, of today."

// planWithin reports whether a plan's instalments lie within planBounds of now.
func planWithin(now time.Time, payments []sim.PlanPayment) bool {
	if len(payments) == 0 {
		return false
	}
	return payments[0].Date <= now.AddDate(1, 0, 0).Format(time.DateOnly) &&
		payments[len(payments)-1].Date <= now.AddDate(10, 0, 0).Format(time.DateOnly)
}

// bankDays are the working days of the banks of the call's tenant.
func bankDays(c *sim.Call) *workdays.Calendar { return workdays.For(c.Session.Zone()) }

// planComponent reads an input's debt or ongoing component; ok is false for one that
// is not well formed (no instalments, a negative total, too many instalments).
func planComponent(in map[string]any, key string) (component, bool, bool) {
	m, given := in[key].(map[string]any)
	if !given {
		return component{}, false, true
	}
	n, _ := integer(m, "numberOfInstalments")
	total, _ := integer(m, "totalPaymentAmount")
	return component{n, total}, true, n > 0 && n <= maxInstalments && total > 0
}

// nextPlanID is an id no payment plan in the world has.
func nextPlanID(w *sim.World) string {
	return nextID(4100001, accountIDs(w, func(a *sim.Account) []sim.PaymentPlan { return a.PaymentPlans },
		func(p *sim.PaymentPlan) string { return p.ID }))
}

// planFrequency reads an input's frequency and multiplier (1 to 12).
func planFrequency(c *sim.Call, in map[string]any) (string, int, error) {
	m, _ := integer(in, "paymentFrequencyMultiplier")
	if m < 1 || m > 12 {
		return "", 0, c.ValidationError(c.FittingCode("KT-AU-3918"), "The payment frequency multiplier must be between 1 and 12.", "input", "paymentFrequencyMultiplier")
	}
	return str(in, "paymentFrequency"), m, nil
}

// owedOn refuses a plan to pay more debt than the ledger owes (KT-AU-3918), the input's
// amount at inputPath.
func owedOn(c *sim.Call, a *sim.Account, l *sim.Ledger, debt int, inputPath ...any) error {
	if owes := -newEnv(c).balanceNow(a, l.Number); debt > owes {
		return c.ValidationError("KT-AU-3918", "The debt is more than the ledger owes ("+strconv.Itoa(max(0, owes))+").", inputPath...)
	}
	return nil
}

// supportUser fails for a supportUserId the world does not know: it has no staff.
func supportUser(c *sim.Call, in map[string]any) error {
	if str(in, "supportUserId") != "" {
		return c.Error("KT-AU-3939")
	}
	return nil
}

// offerPaymentPlan offers the account a plan to pay a ledger's debt (its debt component)
// and what it uses meanwhile (its ongoing component) in instalments from the first
// payment's day; the offer may be accepted until the end of its expiry day, which must
// come before the first payment.
func offerPaymentPlan(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	_, a, err := owned(c, str(in, "accountNumber"), "", "")
	if err != nil {
		return nil, err
	}
	if err := supportUser(c, in); err != nil {
		return nil, err
	}
	l := ledgerFor(a, str(in, "ledgerNumber"))
	if l == nil {
		return nil, c.Error("KT-AU-3921")
	}
	debt, hasDebt, okDebt := planComponent(in, "debtComponent")
	ongoing, hasOngoing, okOngoing := planComponent(in, "ongoingComponent")
	if !hasDebt && !hasOngoing {
		return nil, c.Error("KT-AU-3931")
	}
	if !okDebt || !okOngoing {
		return nil, c.ValidationError("KT-AU-3918", "A component needs 1 to 260 instalments and a positive total.", "input")
	}
	if hasDebt {
		if err := owedOn(c, a, l, debt.total, "input", "debtComponent", "totalPaymentAmount"); err != nil {
			return nil, err
		}
	}
	frequency, multiplier, err := planFrequency(c, in)
	if err != nil {
		return nil, err
	}
	expiry, okExpiry := parseDate(in["offerExpiry"])
	first, okFirst := parseDate(in["firstPaymentDate"])
	if !okExpiry || !okFirst || expiry >= first {
		return nil, c.Error("KT-AU-3932")
	}
	zone, now := c.Session.Zone(), c.Session.Now()
	expiryDay, _ := dayStart(expiry, zone)
	firstDay, _ := dayStart(first, zone)
	days := bankDays(c)
	if !days.Next(expiryDay).Before(days.Next(firstDay)) {
		return nil, c.Error("KT-AU-3932")
	}
	if !days.Next(expiryDay).AddDate(0, 0, 1).After(now) {
		return nil, c.ValidationError("KT-AU-3918", "The offer would expire before it is made.", "input", "offerExpiry")
	}
	var parts []component
	if hasDebt {
		parts = append(parts, debt)
	}
	if hasOngoing {
		parts = append(parts, ongoing)
	}
	payments := instalments(days, firstDay, frequency, multiplier, parts...)
	if !planWithin(now, payments) {
		return nil, c.ValidationError("KT-AU-3918", planBounds, "input", "firstPaymentDate")
	}
	a.PaymentPlans = append(a.PaymentPlans, sim.PaymentPlan{
		ID: nextPlanID(c.Session.World()), LedgerNumber: l.Number, Status: planOffered,
		ScheduleType: str(in, "initialScheduleType"), OfferedAt: now.UTC(),
		OfferExpiresAt: days.Next(expiryDay).AddDate(0, 0, 1).UTC(), UpdatedAt: now.UTC(),
		Frequency: frequency, FrequencyMultiplier: multiplier,
		Payments: payments,
	})
	w := newEnv(c)
	notifyPlan(c, a, in, "sendOfferComms", "We have offered you a payment plan", &a.PaymentPlans[len(a.PaymentPlans)-1])
	return obj{"paymentPlan": planMap(w, a, &a.PaymentPlans[len(a.PaymentPlans)-1])}, nil
}

// planToChange finds the input's payment plan among the accounts the viewer may change:
// the call's env, the account to change and the plan, or KT-AU-3933 (KT-AU-3939 for a
// support user named).
func planToChange(c *sim.Call, in map[string]any) (*env, *sim.Account, *sim.PaymentPlan, error) {
	a, p, err := viewerPlan(c, str(in, "paymentPlanId"))
	if err == nil {
		err = supportUser(c, in)
	}
	if err != nil {
		return nil, nil, nil, err
	}
	return newEnv(c), a, p, nil
}

// inForce reports whether the account has a plan in force on ledger other than except.
func inForce(w *env, a *sim.Account, ledger, except string) bool {
	return slices.ContainsFunc(a.PaymentPlans, func(o sim.PaymentPlan) bool {
		return o.ID != except && o.LedgerNumber == ledger && planStatus(w, a, &o) == planActive
	})
}

// viewerPlan finds the payment plan with id among the accounts the viewer may change:
// the account to change and the plan, or KT-AU-3933.
func viewerPlan(c *sim.Call, id string) (*sim.Account, *sim.PaymentPlan, error) {
	u, _, err := c.Viewer()
	if err != nil {
		return nil, nil, err
	}
	for _, number := range u.AccountNumbers {
		a := c.Session.World().Account(number)
		if a == nil || !slices.ContainsFunc(a.PaymentPlans, func(p sim.PaymentPlan) bool { return p.ID == id }) {
			continue
		}
		a = c.Session.World().MutableAccount(number)
		for i := range a.PaymentPlans {
			if a.PaymentPlans[i].ID == id {
				return a, &a.PaymentPlans[i], nil
			}
		}
	}
	return nil, nil, c.Error("KT-AU-3933")
}

// acceptPaymentPlan accepts an offered plan, which is then in force: not one whose offer
// expired (KT-AU-3935) or on a ledger with a plan in force already (KT-AU-3934).
func acceptPaymentPlan(_ context.Context, c *sim.Call) (any, error) {
	w, a, p, err := planToChange(c, input(c))
	if err != nil {
		return nil, err
	}
	switch planStatus(w, a, p) {
	case planOffered:
	case planExpired:
		return nil, c.Error("KT-AU-3935")
	default:
		return nil, c.Error("KT-AU-3936")
	}
	if inForce(w, a, p.LedgerNumber, p.ID) {
		return nil, c.Error("KT-AU-3934")
	}
	p.Status, p.AcceptedAt, p.UpdatedAt = planActive, w.now.UTC(), w.now.UTC()
	collectPlan(c, w, a, p)
	notifyPlan(c, a, input(c), "sendAcceptanceComms", "Your payment plan has started", p)
	return obj{"paymentPlan": planMap(w, a, p)}, nil
}

// cancelPaymentPlan ends a plan in force: cancelled, or revised when it is to be
// replaced by another.
func cancelPaymentPlan(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	revised, _ := in["isRevisedStatus"].(bool)
	return endPlan(c, in, "KT-AU-3937", map[bool]string{true: planRevised, false: planCancelled}[revised])
}

// breakPaymentPlan marks a plan in force as broken: its instalments were not paid.
func breakPaymentPlan(_ context.Context, c *sim.Call) (any, error) {
	return endPlan(c, input(c), "KT-AU-3938", planBroken)
}

// endPlan ends the input's plan in force with status, or fails with code when it is not
// in force.
func endPlan(c *sim.Call, in map[string]any, code, status string) (any, error) {
	w, a, p, err := planToChange(c, in)
	if err != nil {
		return nil, err
	}
	if planStatus(w, a, p) != planActive {
		return nil, c.Error(code)
	}
	p.Status, p.UpdatedAt = status, w.now.UTC()
	stopPlan(w, a, p)
	notifyPlan(c, a, in, "sendCancellationComms", "Your payment plan has ended", p)
	return obj{"paymentPlan": planMap(w, a, p)}, nil
}

// notifyPlan emails the account's billing address about the plan when the input's flag
// asks to, as createHardshipAgreement's sendComms does.
func notifyPlan(c *sim.Call, a *sim.Account, in map[string]any, flag, subject string, p *sim.PaymentPlan) {
	to := mailFirst(c.Session.World(), a)
	if send, _ := boolean(in, flag); !send || to == "" || len(p.Payments) == 0 {
		return
	}
	total := 0
	for _, pp := range p.Payments {
		total += pp.Amount
	}
	c.Session.World().AddMessage(&sim.Message{
		To: to, Subject: subject, SentAt: c.Session.Now().UTC().Truncate(time.Second),
		Body: "Payment plan " + p.ID + " on account " + a.Number + ": " + strconv.Itoa(len(p.Payments)) + " instalments totalling " +
			strconv.Itoa(total) + ", from " + p.Payments[0].Date + " to " + p.Payments[len(p.Payments)-1].Date + ".",
		Data: map[string]string{"accountNumber": a.Number, "paymentPlanId": p.ID},
	})
}

// previewAndCreatePaymentPlan lays out the instalments of a plan to pay the input's debt
// and, when savePlan is set, makes it: in force at once, on a ledger with no plan in
// force (KT-AU-3919) that owes at least the debt (KT-AU-3918, as offerPaymentPlan).
func previewAndCreatePaymentPlan(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	_, a, err := readable(c, str(in, "accountNumber"), "KT-CT-3923", "")
	if err != nil {
		return nil, err
	}
	n, _ := integer(in, "numberOfInstalments")
	total, _ := integer(in, "totalDebtAmount")
	if n < 1 || n > maxInstalments || total <= 0 {
		return nil, c.ValidationError("KT-AU-3917", "A plan needs 1 to 260 instalments and a positive total debt.", "input")
	}
	frequency, multiplier, err := planFrequency(c, in)
	if err != nil {
		return nil, err
	}
	first, ok := parseDate(in["firstPaymentDate"])
	if !ok || first < today(c) {
		return nil, c.ValidationError("KT-AU-3917", "The first payment must be today or later.", "input", "firstPaymentDate")
	}
	firstDay, _ := dayStart(first, c.Session.Zone())
	payments := instalments(bankDays(c), firstDay, frequency, multiplier, component{n, total})
	if !planWithin(c.Session.Now(), payments) {
		return nil, c.ValidationError("KT-AU-3917", planBounds, "input", "firstPaymentDate")
	}
	preview := make([]any, len(payments))
	for i, p := range payments {
		preview[i] = obj{"payableDate": p.Date, "amount": p.Amount}
	}
	out := obj{"paymentPlanPreview": preview, "createdPaymentPlan": nil}
	if save, _ := in["savePlan"].(bool); !save {
		return out, nil
	}
	a = c.Session.World().MutableAccount(a.Number)
	l := ledgerFor(a, str(in, "ledgerNumber"))
	if l == nil {
		return nil, c.ValidationError("KT-AU-3919", "The account has no ledger of that number.", "input", "ledgerNumber")
	}
	w := newEnv(c)
	if inForce(w, a, l.Number, "") {
		return nil, c.ValidationError("KT-AU-3919", "The ledger has a payment plan in force already.", "input", "ledgerNumber")
	}
	if err := owedOn(c, a, l, total, "input", "totalDebtAmount"); err != nil {
		return nil, err
	}
	now := w.now.UTC()
	a.PaymentPlans = append(a.PaymentPlans, sim.PaymentPlan{
		ID: nextPlanID(c.Session.World()), LedgerNumber: l.Number, Status: planActive,
		ScheduleType: str(in, "initialScheduleType"), OfferedAt: now, AcceptedAt: now, UpdatedAt: now,
		Frequency: frequency, FrequencyMultiplier: multiplier, Payments: payments,
	})
	collectPlan(c, w, a, &a.PaymentPlans[len(a.PaymentPlans)-1])
	out["createdPaymentPlan"] = planMap(w, a, &a.PaymentPlans[len(a.PaymentPlans)-1])
	return out, nil
}
