package accounts

import (
	"context"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/krakensim/krakensim/sim"
)

// Deposits (both tenants'): Octopus's calculateDepositAmount prices a business's deposit
// from its credit score (0–100) and monthly consumption (none from 71, one month from
// 51, two from 30, three below) and keeps it under a key; createDepositAgreement asks
// an account for the deposit a key names (one the viewer had calculated, else the
// supplier's policy: three months of the account's estimated payments for an account
// that pays by hand, none for one an instruction collects from), once a key;
// recordDepositAgreementAccepted records the customer's acceptance, and collectDeposit
// takes the deposit with the account's instruction (KT-CT-5711 once paid or for none
// asked, KT-CT-5712 before it is accepted, KT-CT-5713 for an instruction not usable),
// the same idempotency key answering the same payment. depositAgreements lists them.

// depositMonths is how many months of consumption a credit score asks as a deposit.
func depositMonths(score int) int {
	switch {
	case score >= 71:
		return 0
	case score >= 51:
		return 1
	case score >= 30:
		return 2
	}
	return 3
}

// calculateDepositAmount prices a deposit and keeps it for the viewer under a new key.
func calculateDepositAmount(_ context.Context, c *sim.Call) (any, error) {
	in, _ := c.Arg("calculateDepositAmountInput").(map[string]any)
	u, _, err := c.MutableViewer()
	if err != nil {
		return nil, err
	}
	score, _ := integer(in, "creditScore")
	monthly, _ := integer(in, "monthlyAmount")
	amount := depositMonths(score) * max(0, monthly)
	d := sim.DepositAmount{Key: hashUUID("deposit-amount", u.ID, c.Session.Now().String(), itoa(len(u.DepositAmounts))), Amount: amount}
	u.DepositAmounts = append(u.DepositAmounts, d)
	if n := len(u.DepositAmounts) - sim.MaxDepositAmounts; n > 0 {
		u.DepositAmounts = slices.Delete(u.DepositAmounts, 0, n)
	}
	return obj{"depositAmount": amount, "key": d.Key, "possibleErrors": []any{}}, nil
}

// policyDeposit is the deposit the supplier's policy asks of an account: three months
// of its estimated payments when no instruction collects them, else none.
func policyDeposit(w *env, a *sim.Account) int {
	if l := ledgerFor(a, ""); l != nil && len(usableInstructions(w, a, l, true, w.now)) > 0 {
		return 0
	}
	return 3 * max(0, reviewPayments(w, a).ongoing)
}

// createDepositAgreement asks the account for the deposit the key names, if it needs one.
func createDepositAgreement(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	u, a, err := owned(c, str(in, "accountNumber"), "KT-CT-4177", "")
	if err != nil {
		return nil, err
	}
	key := sim.Clip(strings.TrimSpace(str(in, "depositKey")), 100)
	if i := slices.IndexFunc(a.Deposits, func(d sim.Deposit) bool { return d.Key == key }); i >= 0 {
		return obj{"depositAgreement": obj{"depositRequired": true, "depositAmount": a.Deposits[i].Amount}}, nil
	}
	amount := -1
	if i := slices.IndexFunc(u.DepositAmounts, func(d sim.DepositAmount) bool { return d.Key == key }); i >= 0 {
		amount = u.DepositAmounts[i].Amount
	}
	if amount < 0 {
		amount = policyDeposit(newEnv(c), a)
	}
	if amount == 0 || key == "" {
		return obj{"depositAgreement": obj{"depositRequired": false, "depositAmount": 0}}, nil
	}
	a.Deposits = append(a.Deposits, sim.Deposit{Key: key, Amount: amount, Reason: sim.Clip(str(in, "reason"), 500), CreatedAt: c.Session.Now().UTC().Truncate(time.Second)})
	return obj{"depositAgreement": obj{"depositRequired": true, "depositAmount": amount}}, nil
}

// accountDeposit finds the account's deposit agreement with the input's key.
func accountDeposit(c *sim.Call, in map[string]any) (*sim.Account, *sim.Deposit, error) {
	_, a, err := owned(c, str(in, "accountNumber"), "KT-CT-4177", "")
	if err != nil {
		return nil, nil, err
	}
	key := strings.TrimSpace(str(in, "depositKey"))
	i := slices.IndexFunc(a.Deposits, func(d sim.Deposit) bool { return d.Key == key })
	if i < 0 {
		return a, nil, nil
	}
	return a, &a.Deposits[i], nil
}

// recordDepositAgreementAccepted records that the customer accepted the agreement;
// false for an agreement the account does not have.
func recordDepositAgreementAccepted(_ context.Context, c *sim.Call) (any, error) {
	_, d, err := accountDeposit(c, input(c))
	if err != nil || d == nil {
		return obj{"isRecorded": false}, err
	}
	if d.AcceptedAt.IsZero() {
		d.AcceptedAt = c.Session.Now().UTC().Truncate(time.Second)
	}
	return obj{"isRecorded": true}, nil
}

type depositCollectKey struct{ account, key string }

// collectDeposit takes an accepted deposit with the account's instruction, today.
func collectDeposit(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	a, d, err := accountDeposit(c, in)
	if err != nil {
		return nil, err
	}
	idem := strings.TrimSpace(str(in, "idempotencyKey"))
	if id, ok := c.Session.Value(depositCollectKey{a.Number, idem}).(string); ok && idem != "" {
		if i := slices.IndexFunc(a.Payments, func(p sim.Payment) bool { return p.ID == id }); i >= 0 {
			return obj{"payment": depositPayment(a.Payments[i], today(c)), "possibleErrors": []any{}}, nil
		}
	}
	switch {
	case d == nil || d.AcceptedAt.IsZero():
		return nil, c.ValidationError("KT-CT-5712", "The account has no deposit agreement "+str(in, "depositKey")+" the customer accepted.", "input", "depositKey")
	case !d.FulfilledAt.IsZero():
		return nil, c.ValidationError("KT-CT-5711", "The deposit was paid at "+d.FulfilledAt.Format(time.RFC3339)+".", "input", "depositKey")
	}
	l := ledgerFor(a, "")
	if l == nil {
		return nil, c.Error("KT-CT-5713")
	}
	usable := usableInstructions(newEnv(c), a, l, true, c.Session.Now())
	pick := 0
	if id := str(in, "instructionId"); id != "" {
		pick = slices.IndexFunc(usable, func(pi sim.PaymentInstruction) bool { return pi.ID == id })
	}
	if pick < 0 || len(usable) == 0 {
		return nil, c.ValidationError("KT-CT-5713", "The account has no active payment instruction "+str(in, "instructionId")+" to take the deposit with.", "input", "instructionId")
	}
	kind := "DD_REGULAR_COLLECTION"
	if usable[pick].InstructionType == "CARD" {
		kind = "DEBIT_CARD"
	}
	p := sim.Payment{
		ID: nextID(5501000, paymentIDs(c.Session.World())), LedgerNumber: l.Number, Amount: d.Amount,
		PaymentDate: today(c), Reference: "Deposit " + d.Key, Status: "PENDING", TransactionType: kind, OneOff: true,
	}
	a.Payments = append(a.Payments, p)
	d.FulfilledAt, d.PaymentID, d.IdempotencyKey = c.Session.Now().UTC().Truncate(time.Second), p.ID, idem
	c.Session.SetValue(depositCollectKey{a.Number, idem}, p.ID)
	return obj{"payment": depositPayment(p, today(c)), "possibleErrors": []any{}}, nil
}

func depositPayment(p sim.Payment, today string) obj {
	return obj{"status": paymentStatus(p, today), "paymentDate": p.PaymentDate}
}

// depositAgreements answers depositAgreements(accountNumber:): the account's deposit
// agreements, oldest first; a deposit is returnable a year after it was paid.
var depositAgreements = ofReadable(func(c *sim.Call, a *sim.Account) (any, error) {
	w := newEnv(c)
	out := []any{}
	for _, d := range a.Deposits {
		status := obj{"isEligible": false, "reasonsForIneligibility": []any{"The deposit has not been paid."}}
		if !d.FulfilledAt.IsZero() {
			if held := w.now.Sub(d.FulfilledAt); held >= 365*24*time.Hour {
				status = obj{"isEligible": true, "reasonsForIneligibility": []any{}}
			} else {
				status["reasonsForIneligibility"] = []any{"The deposit has been held for " + itoa(int(math.Floor(held.Hours()/24))) + " of 365 days."}
			}
		}
		collection := d.CreatedAt.In(w.zone).Format(time.DateOnly)
		out = append(out, obj{
			"depositKey": d.Key, "depositAmount": d.Amount, "acceptedAt": dateTime(d.AcceptedAt, w.zone), "fulfilledAt": dateTime(d.FulfilledAt, w.zone),
			"collectionDate": collection, "dueDate": "9999-12-31", "returnStrategy": "CREDIT_TO_ACCOUNT", "currentEligibilityStatus": status,
		})
	}
	return out, nil
})
