package accounts

import (
	"context"
	"fmt"

	"github.com/krakensim/krakensim/sim"
)

// creditReasons are the reasons an account's ledgers are credited for, as krakensim posts
// them (and goodwill, which an operations team posts), with their display text.
var creditReasons = [][2]string{
	{"GENERAL_CREDIT", "General credit"}, {"GOODWILL", "Goodwill"}, {"BALANCE_TRANSFER", "Balance transfer"},
	{"LOYALTY_POINTS_REDEMPTION", "Loyalty points redemption"}, {"REFERRAL_REWARD", "Referral reward"},
	{"REFERRAL_CLAIM_CODE", "Referral claim code"}, {"VOUCHER_REFUND", "Voucher refund"},
	{"WHEEL_OF_FORTUNE_PRIZE", "Wheel of Fortune prize"}, {"GOODS_REFUND", "Goods refund"},
}

// chargeReasons are the reasons an account's ledgers are charged for.
var chargeReasons = [][2]string{{"GENERAL_CHARGE", "General charge"}, {"ENERGY_CHARGE", "Energy charge"}, {"VOUCHER_PURCHASE", "Voucher purchase"}, {"GOODS_PURCHASE", "Goods purchase"}}

// reasonList answers accountCreditReasons or accountChargeReasons: the reasons, none
// deprecated.
func reasonList(reasons [][2]string) sim.Resolver {
	return func(context.Context, *sim.Call) (any, error) {
		out := make([]any, len(reasons))
		for i, r := range reasons {
			out[i] = obj{"code": r[0], "display": r[1], "isDeprecated": false}
		}
		return out, nil
	}
}

// isReason reports whether code is one of reasons.
func isReason(reasons [][2]string, code string) bool {
	for _, r := range reasons {
		if r[0] == code {
			return true
		}
	}
	return false
}

// postCredit answers postCredit: the net and tax amounts credited to the account's
// ledger the input names by ledgerId (Octopus) or ledgerNumber (Origin), for one of
// accountCreditReasons, with the note to display; the credit as its transactions list it.
// KT-CT-5312 for a reason that is none of them, KT-CT-5316 for a ledger not the
// account's or amounts that credit nothing, KT-CT-3820 for both ledger fields and
// KT-CT-3821 for neither.
func postCredit(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	_, a, err := owned(c, str(in, "accountNumber"), c.UnauthorizedCode(), "")
	if err != nil {
		return nil, err
	}
	if reason := str(in, "reason"); !isReason(creditReasons, reason) {
		return nil, c.ValidationError("KT-CT-5312", fmt.Sprintf("No credit reason %q; accountCreditReasons lists them.", reason), "input", "reason")
	}
	net, _ := integer(in, "netAmount")
	tax, _ := integer(in, "taxAmount")
	if net < 0 || tax < 0 || net+tax <= 0 {
		return nil, c.ValidationError("KT-CT-5316", "A credit's net and tax amounts are not negative and credit something.", "input", "netAmount")
	}
	ref, field := str(in, "ledgerId"), "ledgerId"
	if number := str(in, "ledgerNumber"); number != "" {
		if ref != "" {
			return nil, c.Error("KT-CT-3820")
		}
		ref, field = number, "ledgerNumber"
	}
	if ref == "" {
		return nil, c.Error("KT-CT-3821")
	}
	ledger := ledgerFor(a, ref)
	if ledger == nil {
		return nil, c.ValidationError("KT-CT-5316", fmt.Sprintf("The account has no ledger %q.", ref), "input", field)
	}
	note := str(in, "displayNote")
	id := post(c, a, ledger, net+tax, "CREDIT", str(in, "reason"), note)
	a.Transactions[len(a.Transactions)-1].Tax = tax
	if n := str(in, "note"); n != "" {
		a.Transactions[len(a.Transactions)-1].Note = n
	}
	w := newEnv(c)
	page, err := transactionConnection(w, a, func(t sim.Transaction) bool { return t.ID == id }, map[string]any{"first": 1})
	if err != nil {
		return nil, err
	}
	var posted any
	for _, e := range page.(map[string]any)["edges"].([]any) {
		posted = e.(map[string]any)["node"]
	}
	return obj{"possibleErrors": []any{}, "credit": posted}, nil
}

// createAccountCharge answers createAccountCharge: the gross amount charged to the
// account's first ledger for one of accountChargeReasons, its tax split at the tenant's
// rate as a statement splits it, with its notes and metadata; KT-CT-5212 for a reason that
// is none of them, KT-CT-5213 for an amount that charges nothing.
func createAccountCharge(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	_, a, err := owned(c, str(in, "accountNumber"), c.UnauthorizedCode(), "")
	if err != nil {
		return nil, err
	}
	reason := str(in, "reason")
	if !isReason(chargeReasons, reason) {
		return nil, c.ValidationError("KT-CT-5212", fmt.Sprintf("No charge reason %q; accountChargeReasons lists them.", reason), "input", "reason")
	}
	gross, _ := integer(in, "grossAmount")
	if gross <= 0 {
		return nil, c.ValidationError("KT-CT-5213", "A charge's gross amount is positive.", "input", "grossAmount")
	}
	display := str(in, "displayNote")
	id := post(c, a, ledgerFor(a, ""), gross, "CHARGE", reason, display)
	note := str(in, "note")
	a.Transactions[len(a.Transactions)-1].Note = note
	split := splitTax(gross, newEnv(c).accountTax(a))
	var metadata any
	if data := str(in, "metadata"); data != "" {
		metadata = obj{"data": data, "updatedAt": dateTime(newEnv(c).now, c.Session.Zone())}
	}
	return obj{"possibleErrors": []any{}, "accountCharge": obj{
		"id": id, "grossAmount": gross, "netAmount": split["netTotal"], "salesTaxAmount": split["taxTotal"], "cclAmount": 0,
		"reason": reason, "note": orNil(note), "displayNote": orNil(display), "metadata": metadata,
	}}, nil
}

// createAccountCredit credits the account's first ledger with a gross amount that its
// net and sales tax add up to (KT-CT-5314 otherwise, KT-CT-5315 for one that credits
// nothing), for its reason, with a note and metadata.
func createAccountCredit(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	_, a, err := owned(c, str(in, "accountNumber"), c.UnauthorizedCode(), "")
	if err != nil {
		return nil, err
	}
	net, _ := integer(in, "netAmount")
	tax, _ := integer(in, "salesTaxAmount")
	gross, _ := integer(in, "grossAmount")
	switch {
	case net < 0 || tax < 0 || gross <= 0:
		return nil, c.ValidationError("KT-CT-5315", "A credit's amounts are not negative and credit something.", "input", "grossAmount")
	case len(str(in, "metadata")) > 4096:
		return nil, c.ValidationError("KT-CT-5315", "The metadata is more than 4 KiB.", "input", "metadata")
	case net+tax != gross:
		return nil, c.ValidationError("KT-CT-5314", fmt.Sprintf("The net amount and sales tax add up to %d, not the gross amount %d.", net+tax, gross), "input", "grossAmount")
	}
	reason, note := str(in, "reason"), sim.Clip(str(in, "note"), 500)
	id := post(c, a, ledgerFor(a, ""), gross, "CREDIT", reason, note)
	a.Transactions[len(a.Transactions)-1].Tax = tax
	credit := obj{"id": id, "grossAmount": gross, "netAmount": net, "salesTaxAmount": tax, "note": note, "reason": reason, "metadata": nil}
	if m := str(in, "metadata"); m != "" {
		credit["metadata"] = obj{"data": m, "updatedAt": dateTime(c.Session.Now(), c.Session.Zone())}
	}
	return obj{"accountCredit": credit}, nil
}
