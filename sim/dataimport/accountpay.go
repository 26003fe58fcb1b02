package dataimport

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/krakensim/krakensim/sim"
)

// Messages of an account payload's payment and billing sections.
const (
	msgPaymentDay = "Enter a payment day from 1 to 28."
)

var (
	scheduleFrequencies = map[string]struct {
		name  string
		every int
	}{
		"MONTHLY": {"Monthly", 1}, "QUARTERLY": {"Monthly", 3}, "SIX_MONTHLY": {"Monthly", 6}, "ANNUALLY": {"Monthly", 12},
		"WEEKLY": {"Weekly", 1}, "FORTNIGHTLY": {"Weekly", 2}, "FOUR_WEEKLY": {"Weekly", 4},
	}
	scheduleMeans   = map[string]string{"DD": "DIRECT_DEBIT", "CARD": "CARD_PAYMENT", "MANUAL": "BACS_TRANSFER", "PAYMENT_SLIP": "PAYMENT_SLIP"}
	periodLengths   = []string{"MONTHLY", "QUARTERLY"}
	frequencyChoice = []string{"MONTHLY", "QUARTERLY", "WEEKLY", "FORTNIGHTLY", "FOUR_WEEKLY", "ANNUALLY", "SIX_MONTHLY"}
	meansChoice     = []string{"DD", "CARD", "MANUAL", "PAYMENT_SLIP"}
)

// ledgerCoded is something an import puts on the ledger its ledger_code names ("" for
// the account's first).
type ledgerCoded[T any] struct {
	v      T
	ledger string
}

// readPayments reads the account's payment_instructions (a mandate or a card, with the
// bank or card details the payload gives) and payment_schedules.
func (in *accountIn) readPayments(f *form, now time.Time, types []string) {
	in.instructions, _ = eachItem(f, "payment_instructions", listOpt{}, func(_ int, pf *form) ledgerCoded[sim.PaymentInstruction] {
		var pi sim.PaymentInstruction
		pi.Status = "ACTIVE"
		if v, ok := pf.str("vendor", strOpt{required: true, max: 64}); ok {
			if !sim.IsUpperSnake(v) {
				pf.fail("vendor", msgVendorFormat)
			}
			pi.Vendor = v
		}
		pi.InstructionType, _ = pf.choice("type", true, instructionTypes)
		pi.VendorReference, _ = pf.str("reference", strOpt{required: true, max: 512})
		pi.ValidFrom = now.UTC().Truncate(time.Second)
		if d, ok := pf.date("valid_from", false, true); ok && d != "" {
			pi.ValidFrom, _ = time.ParseInLocation(time.DateOnly, d, in.zone)
		}
		if d, ok := pf.date("valid_to", false, true); ok && d != "" {
			if end, _ := time.ParseInLocation(time.DateOnly, d, in.zone); !end.After(now) {
				pi.Status, pi.InvalidatedAt = "INVALIDATED", end
			}
		}
		pf.str("customer_reference", strOpt{blank: true, max: 512})
		pf.str("instruction_identifier", strOpt{blank: true, max: 128})
		pf.boolean("use_for_scheduled_payments", false)
		ledger, _ := readLedgerCode(pf, false, types)
		if bank, ok := pf.object("bank_account", false); ok {
			bf := newForm(bank)
			pi.AccountHolder, _ = bf.str("account_holder", strOpt{blank: true, nullable: true, max: 255})
			number, _ := bf.str("account_number", strOpt{blank: true, nullable: true, max: 34})
			if number != "" {
				pi.MaskedAccountIdentifier = "****" + number[max(len(number)-4, 0):]
			}
			if code, ok := bf.str("sort_code", strOpt{blank: true, nullable: true, max: 8}); ok && code != "" {
				pi.SortCode = grouped(code, 2)
			} else if bsb, ok := bf.str("bsb", strOpt{blank: true, nullable: true, max: 7}); ok && bsb != "" {
				pi.SortCode = grouped(bsb, 3)
			}
			pf.nest("bank_account", bf.errs)
		}
		if card, ok := pf.object("card", false); ok {
			cf := newForm(card)
			pi.CardPaymentNetwork, _ = cf.str("card_payment_network", strOpt{blank: true, nullable: true, max: 32})
			cf.str("card_type", strOpt{blank: true, nullable: true, max: 32})
			if last, ok := cf.str("last_digits", strOpt{blank: true, nullable: true, max: 4}); ok && last != "" {
				pi.MaskedAccountIdentifier = "**** **** **** " + last
			}
			pi.CardExpiryMonth, _ = cf.integer("expiry_month", false, true)
			pi.CardExpiryYear, _ = cf.integer("expiry_year", false, true)
			pf.nest("card", cf.errs)
		}
		return ledgerCoded[sim.PaymentInstruction]{pi, ledger}
	})
	in.schedules, _ = eachItem(f, "payment_schedules", listOpt{}, func(_ int, sf *form) ledgerCoded[sim.PaymentSchedule] {
		s := sim.PaymentSchedule{Reason: "GENERAL_ACCOUNT_PAYMENT", PaymentFrequency: "Monthly", PaymentFrequencyMultiplier: 1, ScheduleType: "DIRECT_DEBIT"}
		if amount, ok := sf.decimal("amount", false, money); ok {
			s.PaymentAmount = int(amount.minorUnits())
		}
		s.IsVariablePaymentAmount = s.PaymentAmount <= 0
		if day, ok := sf.integer("day_of_month", false, true); ok {
			if day < 1 || day > 28 {
				sf.fail("day_of_month", msgPaymentDay)
			}
			s.PaymentDay = day
		}
		if fr, ok := sf.choice("frequency", false, frequencyChoice); ok {
			s.PaymentFrequency, s.PaymentFrequencyMultiplier = scheduleFrequencies[fr].name, scheduleFrequencies[fr].every
		}
		if m, ok := sf.choice("means", false, meansChoice); ok {
			s.ScheduleType = scheduleMeans[m]
		}
		s.ValidFrom, _ = sf.date("start_date", false, true)
		s.ValidTo, _ = sf.date("end_date", false, true)
		if s.ValidFrom != "" && s.ValidTo != "" && s.ValidTo < s.ValidFrom {
			sf.fail("end_date", "end_date must not be before start_date.")
		}
		sf.boolean("is_debt_repayment_plan", false)
		ledger, _ := readLedgerCode(sf, false, types)
		return ledgerCoded[sim.PaymentSchedule]{s, ledger}
	})
}

// readBillingOptions checks account_billing_options' fields; the billing simulated is
// monthly whatever they say.
func readBillingOptions(f *form) {
	o, ok := f.object("account_billing_options", false)
	if !ok {
		return
	}
	of := newForm(o)
	of.choice("period_length", false, periodLengths)
	of.integer("period_length_multiplier", false, true)
	if day, ok := of.integer("period_start_day", false, true); ok && (day < 1 || day > 28) {
		of.fail("period_start_day", msgPaymentDay)
	}
	of.integer("period_start_month", false, true)
	of.boolean("use_industry_billing", false)
	f.nest("account_billing_options", of.errs)
}

// grouped is a bank code's digits in groups of n, as a sort code (20-00-00) or a BSB
// (111-111) is written.
func grouped(code string, n int) string {
	digits := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, code)
	var parts []string
	for len(digits) > n {
		parts, digits = append(parts, digits[:n]), digits[n:]
	}
	return strings.Join(append(parts, digits), "-")
}

// onLedger is the number of the account's ledger a ledger_code names: the ledger of that
// type, else the first.
func onLedger(a *sim.Account, code string) string {
	for _, l := range a.Ledgers {
		if code != "" && l.LedgerType == code {
			return l.Number
		}
	}
	if len(a.Ledgers) == 0 {
		return ""
	}
	return a.Ledgers[0].Number
}

// scheduleIDs are the ids of every payment schedule in the world.
func scheduleIDs(w *sim.World) []string {
	var ids []string
	for _, a := range w.Accounts {
		if a == nil {
			continue
		}
		for _, s := range a.PaymentSchedules {
			ids = append(ids, s.ID)
		}
	}
	return ids
}

// billedLedgerTypes are the ledger types Kraken's billing knows whatever the world: a
// fuel's, whose charges go to it, and the general one.
var billedLedgerTypes = []string{"ELECTRICITY_LEDGER", "GAS_LEDGER", "GENERAL_LEDGER"}

// ledgerTypes are the ledger types of the tenant's Kraken a ledger_code may name: those
// billing knows and those the world's accounts have (CREDIT_STORAGE_LEDGER, …), sorted.
func ledgerTypes(w *sim.World) []string {
	types := slices.Clone(billedLedgerTypes)
	for _, a := range w.Accounts {
		if a == nil {
			continue
		}
		for _, l := range a.Ledgers {
			if l.LedgerType != "" && !slices.Contains(types, l.LedgerType) {
				types = append(types, l.LedgerType)
			}
		}
	}
	slices.Sort(types)
	return types
}

// readLedgerCode reads a ledger_code, which must name one of the ledger types; "" when
// it is not required and not given.
func readLedgerCode(f *form, required bool, types []string) (string, bool) {
	code, ok := f.str("ledger_code", strOpt{required: required, blank: !required, nullable: !required, max: 128})
	if ok && code != "" && !slices.Contains(types, code) {
		f.fail("ledger_code", fmt.Sprintf(msgNoLedgerType, code, strings.Join(types, ", ")))
		return "", false
	}
	return code, ok
}

// ledgerName is what a ledger of an imported type is called: "Electricity Ledger" for
// ELECTRICITY_LEDGER, as the fixtures' are, and "Main Ledger" for the general one, as a
// sign-up's is.
func ledgerName(t string) string {
	if t == "GENERAL_LEDGER" {
		return "Main Ledger"
	}
	words := strings.Split(strings.ToLower(t), "_")
	for i, w := range words {
		if w != "" {
			words[i] = strings.ToUpper(w[:1]) + w[1:]
		}
	}
	return strings.Join(words, " ")
}
