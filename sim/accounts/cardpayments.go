package accounts

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/krakensim/krakensim/sim"
)

// Paying by card at once (Origin's older makePaymentWithSavedCard and
// makePaymentWithNewCard): a payment of a positive amount from one of the account's
// active cards, or a card the vendor's token names, kept on the first ledger: taken
// today it clears and credits the ledger; on a later day within a year, with a saved
// card, it is SCHEDULED; a card that has expired, or a token of a declining test card
// (pm_card_chargeDeclined…, tok_chargeDeclined…), makes a FAILED payment. A new card
// taken is saved as a card instruction when asked. Anything else pays nothing (null):
// the fields document no refusal but the platform's.

// cardNetworks are the vendor's test tokens' networks, by the word in the token.
var cardNetworks = []struct{ word, network, last4 string }{
	{"mastercard", "MASTERCARD", "4444"}, {"amex", "AMEX", "8431"}, {"visa", "VISA", "4242"},
}

// payByCard records a card payment of amount on the account's first ledger on day,
// failed when failed, and answers it.
func payByCard(c *sim.Call, a *sim.Account, amount int, day string, failed bool) obj {
	l := ledgerFor(a, "")
	today := today(c)
	p := sim.Payment{ID: nextID(5501000, paymentIDs(c.Session.World())), LedgerNumber: l.Number, Amount: amount, PaymentDate: day,
		Reference: "CARD-" + strings.TrimPrefix(a.Number, "A-"), Status: "SCHEDULED", TransactionType: "CREDIT_CARD", OneOff: true}
	switch {
	case failed:
		p.Status = "FAILED"
	case day == today:
		p.Status = "CLEARED"
	}
	recordPayment(c.Session.World(), a, l, p)
	return paymentMap(bankDays(c), a, p, today)
}

// makePaymentWithSavedCard pays with one of the account's saved cards.
func makePaymentWithSavedCard(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	_, a, err := owned(c, str(in, "accountNumber"), "", "")
	if err != nil {
		return nil, err
	}
	amount, _ := integer(in, "amount")
	day := today(c)
	if d, ok := parseDate(in["paymentDate"]); ok {
		day = d
	}
	i := slices.IndexFunc(a.PaymentInstructions, func(x sim.PaymentInstruction) bool {
		return x.ID == str(in, "paymentInstructionId") && x.InstructionType == "CARD" && x.Status == "ACTIVE"
	})
	if i < 0 || amount <= 0 || day < today(c) || day > addDays(today(c), 365) || ledgerFor(a, "") == nil {
		return obj{"accountPayment": nil}, nil
	}
	card := a.PaymentInstructions[i]
	return obj{"accountPayment": payByCard(c, a, amount, day, cardExpired(card, c.Session.Now().In(c.Session.Zone())))}, nil
}

// makePaymentWithNewCard pays today with the card a vendor's token names, saving it
// when asked.
func makePaymentWithNewCard(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	_, a, err := owned(c, str(in, "accountNumber"), "", "")
	if err != nil {
		return nil, err
	}
	amount, _ := integer(in, "amount")
	token := strings.TrimSpace(str(in, "vendorCardIdentifier"))
	if token == "" {
		token = strings.TrimSpace(str(in, "vendorAccountToken"))
	}
	if amount <= 0 || token == "" || ledgerFor(a, "") == nil {
		return obj{"accountPayment": nil, "creditCardInstruction": nil}, nil
	}
	lower := strings.ToLower(token)
	declined := strings.Contains(lower, "declined") || strings.Contains(lower, "fail")
	payment := payByCard(c, a, amount, today(c), declined)
	var saved any
	if save, _ := boolean(in, "saveCard"); save && !declined {
		network, last4 := "VISA", "4242"
		for _, n := range cardNetworks {
			if strings.Contains(lower, n.word) {
				network, last4 = n.network, n.last4
				break
			}
		}
		now := c.Session.Now()
		pi := sim.PaymentInstruction{
			ID: nextID(412800, instructionIDs(c.Session.World())), LedgerNumber: ledgerFor(a, "").Number, Status: "ACTIVE", InstructionType: "CARD",
			Vendor: "STRIPE", VendorReference: sim.Clip(token, 100), AccountHolder: a.BillingName, MaskedAccountIdentifier: "**** **** **** " + last4,
			CardPaymentNetwork: network, CardExpiryMonth: int(now.Month()), CardExpiryYear: now.Year() + 3, ValidFrom: now.UTC().Truncate(time.Second),
		}
		a.PaymentInstructions = append(a.PaymentInstructions, pi)
		saved = instructionMap(newEnv(c), a, pi)
	}
	return obj{"accountPayment": payment, "creditCardInstruction": saved}, nil
}

// updateCreditCardInstruction changes the expiry of one of the account's card
// instructions, as a reissued card has it (Origin's): KT-CT-4123 for another's account,
// KT-CT-3926 for an instruction not a card of the account's, KT-CT-1605 for an expiry
// that is not a month to come.
func updateCreditCardInstruction(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	_, a, err := owned(c, str(in, "accountNumber"), "KT-CT-4123", "")
	if err != nil {
		return nil, err
	}
	attrs, _ := in["creditCardInstructionAttributes"].(map[string]any)
	id := str(attrs, "id")
	i := slices.IndexFunc(a.PaymentInstructions, func(pi sim.PaymentInstruction) bool { return pi.ID == id && pi.InstructionType == "CARD" })
	if i < 0 {
		return nil, c.Error("KT-CT-3926")
	}
	month, err1 := strconv.Atoi(strings.TrimSpace(str(attrs, "expiryMonth")))
	year, err2 := strconv.Atoi(strings.TrimSpace(str(attrs, "expiryYear")))
	if year >= 0 && year < 100 {
		year += 2000
	}
	now := c.Session.Now().In(c.Session.Zone())
	switch {
	case err1 != nil || month < 1 || month > 12:
		return nil, c.ValidationError("KT-CT-1605", "expiryMonth must be a month from 1 to 12.", "input", "creditCardInstructionAttributes", "expiryMonth")
	case err2 != nil || year < now.Year() || year == now.Year() && month < int(now.Month()) || year > now.Year()+20:
		return nil, c.ValidationError("KT-CT-1605", "The card must expire this month or later, within 20 years.", "input", "creditCardInstructionAttributes", "expiryYear")
	}
	a.PaymentInstructions[i].CardExpiryMonth, a.PaymentInstructions[i].CardExpiryYear = month, year
	return obj{"creditCardInstruction": instructionMap(newEnv(c), a, a.PaymentInstructions[i])}, nil
}
