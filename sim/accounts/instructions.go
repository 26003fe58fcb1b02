package accounts

import (
	"cmp"
	"context"
	"slices"
	"time"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/workdays"
)

// A ledger's payment instructions (direct debit mandates, stored cards) and which one it
// collects with at a time: defaultPaymentInstruction(accountNumber:), and a ledger's
// usablePaymentInstructions, paymentPreferenceAtTime and paymentPreferences.

// instructionConnection pages the account's instructions, newest first, of the statuses
// asked for.
func instructionConnection(w *env, a *sim.Account, args map[string]any) (any, error) {
	return connection(w, instructionNodes(w, a, args), args)
}

// userInstructions answers a user's paymentMethods: those of each of their accounts, in
// the order they hold them, as the account's paymentMethods answers them.
func userInstructions(w *env, u *sim.User, args map[string]any) (any, error) {
	nodes := []any{}
	for _, n := range u.AccountNumbers {
		if a := w.Account(n); a != nil {
			nodes = append(nodes, instructionNodes(w, a, args)...)
		}
	}
	return connection(w, nodes, args)
}

// instructionNodes are the account's instructions of the statuses args ask for, newest
// first.
func instructionNodes(w *env, a *sim.Account, args map[string]any) []any {
	statuses := stringSet(args["statuses"])
	nodes := []any{}
	for _, in := range slices.Backward(a.PaymentInstructions) {
		if statuses != nil && !statuses[instructionStatus(w, a, in, w.now)] {
			continue
		}
		nodes = append(nodes, instructionMap(w, a, in))
	}
	return nodes
}

// instructionMap is a PaymentInstructionType or DirectDebitInstructionType; its owners
// are the account's users.
func instructionMap(w *env, a *sim.Account, in sim.PaymentInstruction) obj {
	var month, year any
	if in.CardExpiryMonth != 0 {
		month, year = in.CardExpiryMonth, in.CardExpiryYear
	}
	return obj{
		"id": in.ID, "status": instructionStatus(w, a, in, w.now), "sortCode": in.SortCode, "iban": "", "maskedIban": nil,
		"accountHolder": in.AccountHolder, "instructionType": in.InstructionType,
		"cardPaymentNetwork": orNil(in.CardPaymentNetwork), "cardExpiryMonth": month, "cardExpiryYear": year,
		"maskedAccountIdentifier": orNil(in.MaskedAccountIdentifier), "bankCode": orNil(in.SortCode),
		"accountType": nil, "validFrom": dateTime(in.ValidFrom, w.zone), "vendor": in.Vendor,
		"cardNumber": in.MaskedAccountIdentifier, "cardType": orNil(in.CardPaymentNetwork),
		"lastFourDigitsOfAccountNumber": orNil(lastDigits(in.MaskedAccountIdentifier, 4)),
		"supplementaryLedger":           nil,
		"owners": sim.Lazy(func(map[string]any) (any, error) {
			out := []any{}
			for _, u := range w.AccountUsers(a.Number) {
				out = append(out, obj{"accountUser": userMap(w, u), "business": nil, "lead": nil})
			}
			return out, nil
		}),
	}
}

// ledgerInstructions are the instructions a ledger collects with (those naming no
// ledger are the first's), oldest first: a ledger with no direct debit mandate of its own
// is collected with the first's, as the account's direct debit collects every ledger.
func ledgerInstructions(a *sim.Account, l *sim.Ledger, first bool) []sim.PaymentInstruction {
	var out, shared []sim.PaymentInstruction
	for _, in := range a.PaymentInstructions {
		switch {
		case in.LedgerNumber == l.Number || in.LedgerNumber == "" && first:
			out = append(out, in)
		case in.InstructionType == "DIRECT_DEBIT" && (in.LedgerNumber == "" || len(a.Ledgers) > 0 && in.LedgerNumber == a.Ledgers[0].Number):
			shared = append(shared, in)
		}
	}
	if !slices.ContainsFunc(out, func(in sim.PaymentInstruction) bool { return in.InstructionType == "DIRECT_DEBIT" }) {
		out = append(out, shared...)
	}
	slices.SortStableFunc(out, func(x, y sim.PaymentInstruction) int { return x.ValidFrom.Compare(y.ValidFrom) })
	return out
}

// debitStopped is the day from which a ledger's direct debit collects nothing, when it
// has stopped by day: the day the mandate it collected with by then was invalidated, or
// the day the customer stopped automated payments on it (stopAutomatedPayments) or
// preferred another kind of instruction, unless a mandate set up since has taken over;
// "" while it collects.
func debitStopped(a *sim.Account, ledger, day string, zone *time.Location) string {
	l := a.Ledger(ledger)
	if l == nil {
		l = &sim.Ledger{Number: ledger}
	}
	first := len(a.Ledgers) == 0 || a.Ledgers[0].Number == l.Number
	midnight, ok := dayStart(day, zone)
	if !ok {
		return ""
	}
	stopped, mandated := "", time.Time{}
	for _, in := range ledgerInstructions(a, l, first) {
		if in.InstructionType != "DIRECT_DEBIT" || !in.ValidFrom.Before(midnight.AddDate(0, 0, 1)) {
			continue
		}
		stopped, mandated = "", in.ValidFrom
		if in.Status == "INVALIDATED" && !in.InvalidatedAt.IsZero() {
			if on := in.InvalidatedAt.In(zone).Format(time.DateOnly); on <= day {
				stopped = on
			}
		}
	}
	if p, from := preferenceBy(a, l, midnight, zone); p != nil && !preferredDebit(a, p) && mandated.Before(from) {
		if stopped == "" || p.From < stopped {
			stopped = p.From
		}
	}
	return stopped
}

// preferredDebit reports whether a preference the customer set collects by direct
// debit: false for none (stopAutomatedPayments) and for a card or other instruction,
// from whose day the debit collects nothing.
func preferredDebit(a *sim.Account, p *sim.PaymentPreference) bool {
	i := slices.IndexFunc(a.PaymentInstructions, func(in sim.PaymentInstruction) bool { return in.ID == p.Instruction })
	return p.Instruction != "" && i >= 0 && a.PaymentInstructions[i].InstructionType == "DIRECT_DEBIT"
}

// collectingDebit is the direct debit among a ledger's instructions (ledgerInstructions)
// that collects at t: the newest valid by then, neither failed nor invalidated by then.
func collectingDebit(ins []sim.PaymentInstruction, t time.Time) (sim.PaymentInstruction, bool) {
	for _, in := range slices.Backward(ins) {
		if in.InstructionType != "DIRECT_DEBIT" || in.ValidFrom.After(t) || in.Status == "FAILED" {
			continue
		}
		invalidated := in.Status == "INVALIDATED" && (in.InvalidatedAt.IsZero() || !in.InvalidatedAt.After(t))
		return in, !invalidated
	}
	return sim.PaymentInstruction{}, false
}

// usableInstructions are a ledger's active instructions valid at t, newest first.
func usableInstructions(w *env, a *sim.Account, l *sim.Ledger, first bool, t time.Time) []sim.PaymentInstruction {
	var out []sim.PaymentInstruction
	for _, in := range slices.Backward(ledgerInstructions(a, l, first)) {
		if in.Status == "ACTIVE" && !in.ValidFrom.After(t) && !closedMandate(w, a, in, t) {
			out = append(out, in)
		}
	}
	return out
}

// preferredAt is the instruction a ledger collects with at t: the last one valid by
// then, unless it has since been invalidated or t is before any; false for none, and
// from when (since) once the account's settlement has closed its mandate. A
// preference the customer set since the last became valid stands instead: its
// instruction, or none from its day (since) when it stopped automated payments.
func preferredAt(w *env, a *sim.Account, l *sim.Ledger, first bool, t time.Time) (found sim.PaymentInstruction, ok bool, since time.Time) {
	now, zone := w.now, w.zone
	ins := ledgerInstructions(a, l, first)
	for _, in := range ins {
		if in.ValidFrom.After(t) {
			break
		}
		if in.Status == "FAILED" {
			continue
		}
		found, ok = in, true
	}
	// A card (or any other instruction) saved beside a direct debit that still collects
	// does not take over from it: the debit is how the ledger pays.
	if dd, collecting := collectingDebit(ins, t); collecting && found.InstructionType != "DIRECT_DEBIT" {
		found = dd
	}
	if p, from := preferenceBy(a, l, t, zone); p != nil && (!ok || !found.ValidFrom.After(from)) {
		i := slices.IndexFunc(a.PaymentInstructions, func(in sim.PaymentInstruction) bool { return in.ID == p.Instruction })
		if i < 0 {
			return sim.PaymentInstruction{}, false, from
		}
		found, ok = a.PaymentInstructions[i], true
	}
	if ok && closedMandate(w, a, found, t) {
		return sim.PaymentInstruction{}, false, mandateClosed(w, a) // the account is settled: nothing collects since
	}
	if ok && found.Status != "ACTIVE" && found.Status != "CANCELLED" && !t.Before(now) {
		return sim.PaymentInstruction{}, false, time.Time{} // invalidated: the customer pays by hand from now on
	}
	return found, ok, time.Time{}
}

// preferenceBy is the last preference the customer set for the ledger that is in force
// at t, and the instant it took effect; nil for none.
func preferenceBy(a *sim.Account, l *sim.Ledger, t time.Time, zone *time.Location) (*sim.PaymentPreference, time.Time) {
	var last *sim.PaymentPreference
	var at time.Time
	for i := range a.PaymentPreferences {
		p := &a.PaymentPreferences[i]
		from, ok := dayStart(p.From, zone)
		if ok && p.LedgerNumber == l.Number && !from.After(t) && (last == nil || !from.Before(at)) {
			last, at = p, from
		}
	}
	return last, at
}

// preference is a PaymentPreferenceUnion: the instruction preferred from its start, or
// payments the customer makes by hand from since.
func preference(w *env, a *sim.Account, in *sim.PaymentInstruction, since time.Time) obj {
	if in == nil {
		return obj{"__typename": "UserManagedPayment", "forPaymentsAfter": dateTime(since, w.zone)}
	}
	return obj{
		"__typename": "PreferredInstruction", "forPaymentsAfter": dateTime(in.ValidFrom, w.zone),
		"status": instructionStatus(w, a, *in, w.now), "paymentMethod": instructionMap(w, a, *in),
	}
}

// ledgerPayments are the ledger fields that answer how it is paid.
func ledgerPayments(w *env, a *sim.Account, l *sim.Ledger, first bool, m obj) {
	m["acceptsPayments"] = true
	m["supportsStatements"] = first || statementLedger(a) == ""
	m["supportsInvoices"] = false
	m["currentDirectDebitInstructionInvalidatedWithVendor"] = sim.Lazy(func(map[string]any) (any, error) {
		ins := ledgerInstructions(a, l, first)
		for _, in := range slices.Backward(ins) {
			if in.InstructionType == "DIRECT_DEBIT" {
				return in.Status == "INVALIDATED", nil
			}
		}
		return false, nil
	})
	m["usablePaymentInstructions"] = sim.Lazy(func(args map[string]any) (any, error) {
		at, ok := parseTime(args["usableAt"], w.zone)
		if !ok {
			at = w.now
		}
		nodes := []any{}
		for _, in := range usableInstructions(w, a, l, first, at) {
			nodes = append(nodes, instructionMap(w, a, in))
		}
		return connection(w, nodes, args)
	})
	m["paymentPreferenceAtTime"] = sim.Lazy(func(args map[string]any) (any, error) {
		at, ok := parseTime(args["atTime"], w.zone)
		if !ok {
			at = w.now
		}
		if in, ok, since := preferredAt(w, a, l, first, at); ok {
			return preference(w, a, &in, time.Time{}), nil
		} else if !since.IsZero() {
			return preference(w, a, nil, since), nil
		}
		return preference(w, a, nil, cmp.Or(a.CreatedAt, at)), nil
	})
	m["paymentPreferences"] = sim.Lazy(func(args map[string]any) (any, error) {
		nodes := []any{}
		ins := ledgerInstructions(a, l, first)
		for i, in := range slices.Backward(ins) {
			if _, collecting := collectingDebit(ins, in.ValidFrom); in.Status == "FAILED" || in.InstructionType != "DIRECT_DEBIT" && collecting {
				continue // a card saved beside a collecting debit is not the preference
			}
			if in.Status == "INVALIDATED" && i == len(ins)-1 {
				nodes = append(nodes, preference(w, a, nil, w.now))
			}
			nodes = append(nodes, preference(w, a, &in, time.Time{}))
		}
		// A mandate set up the day the account opened has been its preference throughout.
		if len(ins) == 0 || !a.CreatedAt.IsZero() && a.CreatedAt.Before(ins[0].ValidFrom.Add(-24*time.Hour)) {
			nodes = append(nodes, preference(w, a, nil, a.CreatedAt))
		}
		return connection(w, withPreferencesSet(w, a, l, nodes), args)
	})
}

// activePaymentMethod is how the account pays now: the type of the instruction its main
// ledger collects with (DIRECT_DEBIT, CARD); null when it has none.
func activePaymentMethod(w *env, a *sim.Account) any {
	if len(a.Ledgers) == 0 {
		return nil
	}
	if in, ok, _ := preferredAt(w, a, &a.Ledgers[0], true, w.now); ok {
		return in.InstructionType
	}
	return nil
}

// defaultPaymentInstruction answers defaultPaymentInstruction(accountNumber:,
// instructionType:): without a type, the instruction the account's main ledger collects
// with (preferredAt); else the newest usable instruction of the type on it; null when it
// has none.
func defaultPaymentInstruction(_ context.Context, c *sim.Call) (any, error) {
	number, _ := c.Field.Args["accountNumber"].(string)
	_, a, err := readable(c, number, "", "")
	if err != nil {
		return nil, err
	}
	if len(a.Ledgers) == 0 {
		return nil, nil
	}
	w := newEnv(c)
	kind, _ := c.Field.Args["instructionType"].(string)
	if in, ok, _ := preferredAt(w, a, &a.Ledgers[0], true, w.now); ok && kind == "" && in.Status == "ACTIVE" {
		return instructionMap(w, a, in), nil // the one the ledger collects with
	}
	for _, in := range usableInstructions(w, a, &a.Ledgers[0], true, w.now) {
		if kind == "" || in.InstructionType == kind {
			return instructionMap(w, a, in), nil
		}
	}
	return nil, nil
}

// ddNoticeDays are the working days' notice a new direct debit's first collection needs
// (the Direct Debit Guarantee's advance notice).
const ddNoticeDays = 10

// ddSubmitDays are the working days ahead of its day a collection is sent to the bank
// (Bacs's three-day cycle): one due within them of today is already on its way, and a
// change to its schedule leaves it as it was.
const ddSubmitDays = 3

// workingDaysOn is the day n working days after the day day begins.
func workingDaysOn(days *workdays.Calendar, day time.Time, n int) time.Time {
	for k := 0; k < n; {
		day = day.AddDate(0, 0, 1)
		if days.Works(day) {
			k++
		}
	}
	return day
}

// earliestDirectDebitDate answers earliestPossibleDirectDebitPaymentDate: ddNoticeDays
// working days after today, weekends skipped.
func earliestDirectDebitDate(_ context.Context, c *sim.Call) (any, error) {
	w := newEnv(c)
	d, _ := dayStart(w.today(), w.zone)
	d = workingDaysOn(w.days(), d, ddNoticeDays)
	return obj{"earliestPossibleDirectDebitPaymentDate": d.Format(time.DateOnly)}, nil
}
