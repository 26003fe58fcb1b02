package accounts

import (
	"context"
	"slices"
	"time"

	"github.com/krakensim/krakensim/sim"
)

// Payment extensions (Origin's): an account that owes on its ledger, with no payment
// plan in force, may pay later (paymentExtensionInfo): in full on a working day of the
// next two weeks, or in two instalments a week or a fortnight apart, starting on a
// working day of the next week or two. createPaymentExtension takes one of those days:
// with a payment instruction named, it schedules the payment (in full) or a schedule of
// the two instalments; without one, an account paying by a schedule has a payment
// holiday until the day, and one paying by hand promises the payments (PROMISED). The
// schedule an extension interrupts resumes after it. A day not offered, or an account
// not eligible, extends nothing (null).

const (
	extensionDays        = 14
	extensionInstalments = 2
)

// extension is what an account may choose.
type extension struct {
	eligible                     bool
	debt                         int
	payInFull, weekly, fortnight []string
}

// extensionFor works out the options of the account's ledger.
func extensionFor(w *env, a *sim.Account, l *sim.Ledger) extension {
	e := extension{payInFull: []string{}, weekly: []string{}, fortnight: []string{}}
	if l == nil || w.balanceNow(a, l.Number) >= 0 || statusOf(w, a) != "ACTIVE" || slices.ContainsFunc(a.PaymentPlans, func(p sim.PaymentPlan) bool {
		return planStatus(w, a, &p) == planActive
	}) {
		return e
	}
	e.eligible, e.debt = true, -w.balanceNow(a, l.Number)
	start, _ := time.Parse(time.DateOnly, addDays(w.today(), 1))
	days := w.days()
	for d := 0; d < extensionDays; d++ {
		day := start.AddDate(0, 0, d)
		if !days.Works(day) {
			continue
		}
		date := day.Format(time.DateOnly)
		e.payInFull, e.fortnight = append(e.payInFull, date), append(e.fortnight, date)
		if d < 7 {
			e.weekly = append(e.weekly, date)
		}
	}
	return e
}

// paymentExtensionInfo answers an account's paymentExtensionInfo.
func paymentExtensionInfo(w *env, a *sim.Account) obj {
	e := extensionFor(w, a, ledgerFor(a, ""))
	requested := "BEFORE_DUE_DATE"
	for _, s := range w.statements(a) {
		if s.IssuedDate != "" && addDays(s.IssuedDate, paymentTermDays) < w.today() && s.IssuedDate >= addDays(w.today(), -31) {
			requested = "AFTER_DUE_DATE"
		}
	}
	victoria := slices.ContainsFunc(a.Properties, func(p sim.Property) bool { return stateChoice(p.Address) == "VICTORIA" })
	return obj{
		"paymentExtensionOptions": obj{"payInFull": e.payInFull, "weekly": e.weekly, "fortnightly": e.fortnight,
			"fullAmount": e.debt, "instalmentAmount": (e.debt + extensionInstalments - 1) / extensionInstalments},
		"paymentExtensionEligibility": obj{"isEligibleForPaymentExtension": e.eligible, "requestedAt": requested, "isInVictoria": victoria},
	}
}

// createPaymentExtension sets the extension up on one of the days offered.
func createPaymentExtension(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	a, l, err := ownedLedger(c, in, "", false, c.UnauthorizedCode())
	if err != nil {
		return nil, err
	}
	w := newEnv(c)
	e := extensionFor(w, a, l)
	day, _ := parseDate(in["chosenDate"])
	option := str(in, "chosenOption")
	offered, step := e.payInFull, 0
	switch option {
	case "WEEKLY":
		offered, step = e.weekly, 7
	case "FORTNIGHTLY":
		offered, step = e.fortnight, 14
	}
	if !e.eligible || !slices.Contains(offered, day) {
		return obj{"paymentExtension": nil}, nil
	}
	amounts := []int{e.debt}
	if step > 0 {
		amounts = []int{(e.debt + 1) / 2, e.debt / 2}
	}
	id := str(in, "paymentInstructionId")
	var instruction *sim.PaymentInstruction
	if id != "" {
		i := slices.IndexFunc(ledgerInstructions(a, l, l == &a.Ledgers[0]), func(x sim.PaymentInstruction) bool {
			return x.ID == id && x.Status == "ACTIVE" && !closedMandate(w, a, x, w.now)
		})
		if i < 0 {
			return obj{"paymentExtension": nil}, nil
		}
		instruction = &ledgerInstructions(a, l, l == &a.Ledgers[0])[i]
	}
	today := w.today()
	current := activeSchedule(a, l.Number, today)
	switch {
	case instruction != nil && step == 0:
		p := sim.Payment{ID: nextID(5501001, paymentIDs(c.Session.World())), LedgerNumber: l.Number, Amount: e.debt, PaymentDate: day,
			Reference: "EXT-" + a.Number[2:], Status: "SCHEDULED", TransactionType: map[bool]string{true: "DD_REGULAR_COLLECTION", false: "CREDIT_CARD"}[instruction.InstructionType == "DIRECT_DEBIT"], OneOff: true}
		a.Payments = append(a.Payments, p)
		return obj{"paymentExtension": withTypename(paymentMap(bankDays(c), a, p, today), "AccountPaymentType")}, nil
	case instruction != nil:
		s := sim.PaymentSchedule{LedgerNumber: l.Number, ValidFrom: day, ValidTo: addDays(day, step), Reason: "GENERAL_ACCOUNT_PAYMENT",
			PaymentDay: isoWeekday(day), PaymentFrequency: "Weekly", PaymentFrequencyMultiplier: step / 7, PaymentAmount: amounts[0], TotalDebtAmount: e.debt,
			ScheduleType: map[bool]string{true: "DIRECT_DEBIT", false: "CARD_PAYMENT"}[instruction.InstructionType == "DIRECT_DEBIT"]}
		return obj{"paymentExtension": withTypename(scheduleMap(a, interrupt(c, a, current, s)), "PaymentScheduleType")}, nil
	case current != nil && !current.IsPaymentHoliday:
		holiday := *current
		holiday.ValidFrom, holiday.ValidTo, holiday.IsPaymentHoliday = today, day, true
		return obj{"paymentExtension": withTypename(scheduleMap(a, interrupt(c, a, current, holiday)), "PaymentScheduleType")}, nil
	}
	promises := []any{}
	for k, amount := range amounts {
		p := sim.Payment{ID: nextID(5501001, paymentIDs(c.Session.World())), LedgerNumber: l.Number, Amount: amount,
			PaymentDate: addDays(day, k*step), Reference: "PROMISE-" + a.Number[2:], Status: "PROMISED", OneOff: true}
		a.Payments = append(a.Payments, p)
		promises = append(promises, paymentMap(bankDays(c), a, p, today))
	}
	return obj{"paymentExtension": obj{"__typename": "PaymentPromiseType", "paymentPromises": promises}}, nil
}

// interrupt puts s in place of the schedule in force (cur, or none) for its days, the
// interrupted one resuming the day after; it returns s as stored.
func interrupt(c *sim.Call, a *sim.Account, cur *sim.PaymentSchedule, s sim.PaymentSchedule) sim.PaymentSchedule {
	var resume *sim.PaymentSchedule
	if cur != nil && (cur.ValidTo == "" || cur.ValidTo > s.ValidTo) {
		r := *cur
		r.ValidFrom = addDays(s.ValidTo, 1)
		resume = &r
	}
	s.ID = nextID(81700, scheduleIDs(c.Session.World()))
	stored := *replaceSchedule(a, s)
	if resume != nil {
		resume.ID = nextID(81700, scheduleIDs(c.Session.World()))
		a.PaymentSchedules = append(a.PaymentSchedules, *resume)
	}
	return stored
}

// withTypename is m naming its union member.
func withTypename(m obj, typename string) obj {
	m["__typename"] = typename
	return m
}
