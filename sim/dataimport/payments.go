package dataimport

import (
	"fmt"
	"hash/fnv"
	"strings"
	"time"

	"github.com/krakensim/krakensim/sim"
)

// Instruction references that make the simulated payment vendor fail. A reference that
// starts with VendorRejectsPrefix is one the vendor persistently refuses (400, do not
// retry as is); one that starts with VendorFlakyPrefix fails intermittently: the first
// attempt in a session answers 500 and the same request then succeeds.
const (
	VendorRejectsPrefix = "VENDOR-REJECTS"
	VendorFlakyPrefix   = "VENDOR-FLAKY"
)

// Messages of the payment instruction checks.
const (
	msgEitherReference = "Either instruction_reference or reference must be provided."
	msgBothReferences  = "Provide only one of instruction_reference and reference."
	msgVendorFormat    = "Enter a valid vendor: upper-case letters, digits and underscores, like STRIPE."
	msgNoLedger        = "Ledger %q does not exist on the account."
	msgActiveExists    = "Account already has an active instruction"
	msgVendorRejects   = "The payment vendor %s could not verify instruction %s; do not retry this request in its current form."
	msgVendorFlaky     = "The payment vendor %s did not answer in time while verifying instruction %s; retry the request as is."
)

var (
	instructionTypes = []string{"BPAY", "CARD", "CUSTOM", "DIRECT_DEBIT", "GMO_REFUND", "PAYMENT_SLIP"}
)

// flakyKey marks, in the session, an intermittent vendor failure already answered.
type flakyKey struct{ account, vendor, reference string }

// createPaymentInstruction answers POST /v1/data-import/payment-instruction/create/.
func createPaymentInstruction(c *call, body map[string]any) *sim.HTTPResponse {
	f := newForm(body)
	ref := c.readAccountRef(f, true)
	vendor, vOK := f.str("vendor", strOpt{required: true, max: 64})
	if vOK && !sim.IsUpperSnake(vendor) {
		f.fail("vendor", msgVendorFormat)
	}
	typ, _ := f.choice("type", true, instructionTypes)
	legacyRef, hasLegacy := f.str("instruction_reference", strOpt{max: 128})
	newRef, hasNew := f.str("reference", strOpt{max: 512})
	ledger, _ := f.str("ledger_code", strOpt{nullable: true, max: 128})
	validFrom, _ := f.date("valid_from", false, true)
	f.boolean("use_for_scheduled_payments", false)
	if f.ok() {
		switch {
		case hasLegacy && hasNew:
			f.nonField(msgBothReferences)
		case !hasLegacy && !hasNew:
			f.nonField(msgEitherReference)
		}
	}
	reference := newRef
	if hasLegacy {
		reference = legacyRef
	}
	a, resp := c.resolve(f, ref)
	if resp != nil {
		return resp
	}
	if ledger != "" && a.Ledger(ledger) == nil {
		return sim.JSONResponse(400, map[string]any{"ledger_code": []string{fmt.Sprintf(msgNoLedger, ledger)}})
	}
	vendorError := func(status int, msg string) *sim.HTTPResponse {
		return sim.JSONResponse(status, map[string]any{
			"error_detail":            msg,
			"external_account_number": ref.external,
			"import_supplier":         ref.supplier,
			"reference":               reference,
		})
	}
	upper := strings.ToUpper(reference)
	switch {
	case strings.HasPrefix(upper, VendorRejectsPrefix):
		return vendorError(400, fmt.Sprintf(msgVendorRejects, vendor, reference))
	case strings.HasPrefix(upper, VendorFlakyPrefix):
		key := flakyKey{a.Number, vendor, reference}
		if c.sess.Value(key) == nil {
			c.sess.SetValue(key, true)
			return vendorError(500, fmt.Sprintf(msgVendorFlaky, vendor, reference))
		}
	}
	created := func() *sim.HTTPResponse {
		return sim.JSONResponse(201, map[string]any{
			"account_number":        ref.external,
			"kraken_account_number": a.Number,
			"reference":             reference,
		})
	}
	for _, have := range a.PaymentInstructions {
		if have.Status != "ACTIVE" || have.InstructionType != typ {
			continue
		}
		if have.Vendor == vendor && have.VendorReference == reference {
			return created()
		}
		return vendorError(400, msgActiveExists)
	}
	pi := vendorDetails(a, typ, vendor, reference, c.sess.Now())
	pi.ID = nextID(paymentInstructionIDs(c.world()), 400000)
	switch {
	case ledger != "":
		pi.LedgerNumber = ledger
	case len(a.Ledgers) > 0:
		pi.LedgerNumber = a.Ledgers[0].Number
	}
	if validFrom != "" {
		if t, err := time.Parse(time.DateOnly, validFrom); err == nil {
			pi.ValidFrom = t
		}
	}
	a.PaymentInstructions = append(a.PaymentInstructions, pi)
	return created()
}

// vendorDetails is what the simulated vendor returns about an instruction: plausible,
// deterministic card or bank details derived from the reference.
func vendorDetails(a *sim.Account, typ, vendor, reference string, now time.Time) sim.PaymentInstruction {
	h := fnv.New32a()
	h.Write([]byte(vendor + "/" + reference))
	n := h.Sum32()
	pi := sim.PaymentInstruction{
		Status:          "ACTIVE",
		InstructionType: typ,
		Vendor:          vendor,
		VendorReference: reference,
		AccountHolder:   a.BillingName,
		ValidFrom:       now.UTC().Truncate(time.Second),
	}
	switch typ {
	case "CARD":
		pi.CardPaymentNetwork = []string{"VISA", "MASTERCARD", "AMEX"}[n%3]
		pi.MaskedAccountIdentifier = fmt.Sprintf("**** **** **** %04d", n%10000)
		pi.CardExpiryMonth = int(n%12) + 1
		pi.CardExpiryYear = now.Year() + 1 + int(n%4)
	case "DIRECT_DEBIT":
		pi.SortCode = fmt.Sprintf("%02d-%02d-%02d", n%100, n/100%100, n/10000%100)
		pi.MaskedAccountIdentifier = fmt.Sprintf("****%04d", n%10000)
	}
	return pi
}
