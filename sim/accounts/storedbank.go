package accounts

import (
	"context"
	"slices"
	"strconv"

	"github.com/krakensim/krakensim/sim"
)

// Bank details stored first (Origin's storeDirectDebitPaymentMethodDetails: checked as a
// mandate's are, KT-CT-3940; a ledger named, KT-CT-3820 and 3821) give a reference from
// which setUpDirectDebitInstructionFromStoredDetails sets the ledger's direct debit up
// from a time, owned by users of the account (KT-CT-5415 for another, KT-CT-3971 for an
// owner that is not a user): once, on the ledger they were stored for (KT-CT-3948
// otherwise).

// storeDirectDebitPaymentMethodDetails stores bank details with the vendor.
func storeDirectDebitPaymentMethodDetails(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	a, l, err := ownedLedger(c, in, "", true, c.UnauthorizedCode())
	if err != nil {
		return nil, err
	}
	bank, _ := in["bankDetails"].(map[string]any)
	stored, err := bankInstruction(c, a, l, bank, "KT-CT-3940", "input", "bankDetails")
	if err != nil {
		return nil, err
	}
	stored.VendorReference = vendorID("pm", a.Number, l.Number, strconv.Itoa(len(a.StoredBankDetails)), stored.MaskedAccountIdentifier)
	a.StoredBankDetails = append(a.StoredBankDetails, stored)
	return obj{"storedPaymentMethodDetailsReference": stored.VendorReference}, nil
}

// setUpDirectDebitInstructionFromStoredDetails sets a direct debit up from stored
// details.
func setUpDirectDebitInstructionFromStoredDetails(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	a, l, err := ownedLedger(c, in, "KT-CT-4123", false, "KT-CT-3822")
	if err != nil {
		return nil, err
	}
	ref := str(in, "storedPaymentMethodDetailsReference")
	i := slices.IndexFunc(a.StoredBankDetails, func(p sim.PaymentInstruction) bool { return p.VendorReference == ref && ref != "" })
	if i < 0 || a.StoredBankDetails[i].LedgerNumber != l.Number {
		return nil, c.ValidationError("KT-CT-3948", "Ledger "+l.Number+" has no stored details "+strconv.Quote(ref)+" to use.", "input", "storedPaymentMethodDetailsReference")
	}
	for _, o := range list(in, "owners") {
		if typ := str(o, "ownerType"); typ != "" && typ != "ACCOUNT_USER" {
			return nil, c.ValidationError("KT-CT-3971", "An owner is a user of the account.", "input", "owners")
		}
		if u := c.Session.World().User(str(o, "ownerId")); u == nil || !u.CanAccess(a.Number) {
			return nil, c.ValidationError("KT-CT-5415", "Account "+a.Number+" has no user "+strconv.Quote(str(o, "ownerId"))+".", "input", "owners")
		}
	}
	pi := a.StoredBankDetails[i]
	a.StoredBankDetails = slices.Delete(a.StoredBankDetails, i, i+1)
	pi.ID = nextID(412800, instructionIDs(c.Session.World()))
	if t, ok := parseTime(in["validFrom"], c.Session.Zone()); ok {
		pi.ValidFrom = t
	}
	return obj{"paymentInstruction": instructionMap(newEnv(c), a, *addMandate(a, pi))}, nil
}
