package accounts

import (
	"context"
	"slices"
	"time"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/fake"
)

// Payment preferences (Origin's): a customer chooses which of the account's
// instructions their ledgers' payments are collected with from a day
// (setPaymentPreference; KT-CT-3967 for an instruction not active on every ledger named),
// or stops automated payments from a day, to pay by hand (stopAutomatedPayments). The
// day is tomorrow at the earliest, as collections already under way cannot change
// (KT-CT-3968), and for a ledger paid weekly it is the schedule's day of the week
// (KT-CT-3969); a ledger not the account's is KT-CT-3822. A preference replaces those
// set for the same day or later; a mandate set up after it takes over, as a mandate
// replacing another does. A ledger's paymentPreferences and paymentPreferenceAtTime
// answer it.

// setPaymentPreference collects the ledgers' payments with an instruction from a day.
func setPaymentPreference(_ context.Context, c *sim.Call) (any, error) {
	return setPreference(c, str(input(c), "paymentMethod"))
}

// stopAutomatedPayments stops collecting the ledgers' payments from a day.
func stopAutomatedPayments(_ context.Context, c *sim.Call) (any, error) {
	return setPreference(c, "")
}

func setPreference(c *sim.Call, instruction string) (any, error) {
	in := input(c)
	_, a, err := owned(c, str(in, "accountNumber"), "", "")
	if err != nil {
		return nil, err
	}
	numbers, _ := in["ledgerNumbers"].([]any)
	if len(numbers) == 0 {
		return nil, c.ValidationError("KT-CT-3822", "Name the ledgers the preference is for.", "input", "ledgerNumbers")
	}
	from, ok := parseDate(in["fromDate"])
	if !ok || from <= today(c) {
		return nil, c.ValidationError("KT-CT-3968", "A preference starts tomorrow at the earliest.", "input", "fromDate")
	}
	w := newEnv(c)
	var ledgers []*sim.Ledger
	for _, n := range numbers {
		number, _ := n.(string)
		l := a.Ledger(number)
		if l == nil {
			return nil, c.ValidationError("KT-CT-3822", "Account "+a.Number+" has no ledger "+number+".", "input", "ledgerNumbers")
		}
		if s := activeSchedule(a, l.Number, from); s != nil && s.PaymentFrequency == "Weekly" && s.PaymentDay != isoWeekday(from) {
			return nil, c.ValidationError("KT-CT-3969", "Ledger "+l.Number+" is paid weekly on day "+itoa(s.PaymentDay)+" of the week; start the preference on such a day.", "input", "fromDate")
		}
		if instruction != "" && !slices.ContainsFunc(ledgerInstructions(a, l, l == &a.Ledgers[0]), func(x sim.PaymentInstruction) bool {
			return x.ID == instruction && x.Status == "ACTIVE" && !closedMandate(w, a, x, w.now)
		}) {
			return nil, c.ValidationError("KT-CT-3967", "Instruction "+instruction+" is not an active instruction of ledger "+l.Number+".", "input", "paymentMethod")
		}
		ledgers = append(ledgers, l)
	}
	for _, l := range ledgers {
		a.PaymentPreferences = slices.DeleteFunc(a.PaymentPreferences, func(p sim.PaymentPreference) bool {
			return p.LedgerNumber == l.Number && p.From >= from
		})
		a.PaymentPreferences = append(a.PaymentPreferences, sim.PaymentPreference{LedgerNumber: l.Number, From: from, Instruction: instruction})
	}
	return obj{}, nil
}

// isoWeekday is a YYYY-MM-DD date's day of the week, 1 for Monday to 7.
func isoWeekday(date string) int {
	t, err := time.Parse(time.DateOnly, date)
	if err != nil {
		return 0
	}
	return (int(t.Weekday())+6)%7 + 1
}

// withPreferencesSet adds the preferences the customer set for the ledger to the
// preferences its instructions make, newest first.
func withPreferencesSet(w *env, a *sim.Account, l *sim.Ledger, nodes []any) []any {
	type dated struct {
		at   time.Time
		node any
	}
	var all []dated
	for _, n := range nodes {
		at, _ := time.Parse(fake.DateTimeLayout, str(n.(obj), "forPaymentsAfter"))
		all = append(all, dated{at, n})
	}
	added := false
	for _, p := range a.PaymentPreferences {
		from, ok := dayStart(p.From, w.zone)
		if !ok || p.LedgerNumber != l.Number {
			continue
		}
		added = true
		i := slices.IndexFunc(a.PaymentInstructions, func(in sim.PaymentInstruction) bool { return in.ID == p.Instruction })
		if i < 0 {
			all = append(all, dated{from, preference(w, a, nil, from)})
			continue
		}
		node := preference(w, a, &a.PaymentInstructions[i], time.Time{})
		node["forPaymentsAfter"] = dateTime(from, w.zone)
		all = append(all, dated{from, node})
	}
	if !added {
		return nodes
	}
	slices.SortStableFunc(all, func(x, y dated) int { return y.at.Compare(x.at) })
	out := make([]any, len(all))
	for i, d := range all {
		out[i] = d.node
	}
	return out
}
