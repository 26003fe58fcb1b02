package accounts

import (
	"context"
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/checkout"
	"github.com/krakensim/krakensim/sim/fake"
)

// Payments through the vendor: a card payment or a payment method's set-up is handed to
// the simulated vendor (sim.Checkout), with a page krakensim serves (checkout.Path) for
// the hosted flows' URL and a client secret for the embedded ones, whose page the admin
// API lists. A payment the customer completes posts to its ledger (a card's at once, a
// direct debit's collected three days on); a hosted set-up stores the payment
// instruction, as the vendor's notice to Kraken would; an embedded one gives the payment
// method's reference, which storePaymentInstruction then stores with the card's details.
// Origin's completeStandalonePayment completes an embedded payment with the vendor's
// token, as its app does after the vendor's SDK confirms it.

// ddCollectionDays is how long a direct debit payment takes to collect.
const ddCollectionDays = 3

// newCheckout keeps a checkout for the session, its retrieval token and secret drawn
// from the session and the checkouts it has made.
func newCheckout(c *sim.Call, k *sim.Checkout) *sim.Checkout {
	w := c.Session.World()
	n := strconv.Itoa(len(w.Checkouts))
	if last := len(w.Checkouts); last > 0 {
		n = w.Checkouts[last-1].ID
	}
	h := func(part string) uint64 { return fake.HashStrings("checkout", c.Session.ID, n, part) }
	k.ID = fmt.Sprintf("%016x%016x", fake.Mix64(h("retrieval")), fake.Mix64(h("retrieval 2")))
	k.Created = c.Session.Now().UTC().Truncate(time.Second)
	k.Expires = k.Created.Add(checkout.TTL)
	k.Status = sim.CheckoutOpen
	if k.Method == "" {
		k.Method = "CARD"
	}
	w.AddCheckout(k)
	return k
}

// vendorID is an id in the vendor's form: prefix, an underscore, 24 letters and digits.
func vendorID(prefix string, parts ...string) string {
	var b [18]byte
	var word [8]byte
	for i := range 3 {
		binary.BigEndian.PutUint64(word[:], fake.Mix64(fake.HashStrings(append(parts, prefix, strconv.Itoa(i))...)))
		copy(b[i*6:], word[:6])
	}
	return prefix + "_" + strings.NewReplacer("-", "A", "_", "z").Replace(base64.RawURLEncoding.EncodeToString(b[:]))
}

// secret is the client secret of an embedded checkout: the vendor's intent id and its secret.
func secret(kind, id string) string {
	prefix := "pi"
	if kind == sim.CheckoutSetup {
		prefix = "seti"
	}
	return vendorID(prefix, id) + "_secret_" + vendorID("s", id)[2:]
}

// returnURLs are a hosted checkout's return addresses that the input gives.
func returnURLs(in map[string]any) map[string]string {
	out := map[string]string{}
	for _, k := range []string{"success", "pending", "failure", "error", "cancel", "expired"} {
		if u := strings.TrimSpace(str(in, "returnUrl"+strings.ToUpper(k[:1])+k[1:])); u != "" {
			out[k] = u
		}
	}
	return out
}

// standalone checks a standalone payment's input: the account the viewer holds, its
// ledger and a positive amount.
func standalone(c *sim.Call, in map[string]any, ledgerRequired string) (*sim.Account, *sim.Ledger, error) {
	_, a, err := owned(c, str(in, "accountNumber"), "KT-CT-3822", "")
	if err != nil {
		return nil, nil, err
	}
	id, number := str(in, "ledgerId"), str(in, "ledgerNumber")
	if ledgerRequired != "" && (id == "") == (number == "") {
		return nil, nil, c.ValidationError(ledgerRequired, "Provide either ledger ID or ledger number.", "input")
	}
	l, err := namedLedger(c, a, in, false, "KT-CT-3943")
	if err != nil {
		return nil, nil, err
	}
	if amount, _ := integer(in, "amount"); amount <= 0 {
		return nil, nil, c.ValidationError("KT-CT-3943", "The amount must be more than 0, in the minor unit of the currency.", "input", "amount")
	}
	return a, l, nil
}

// initiateStandalonePayment hands a one-off payment into a ledger to the vendor, for
// an embedded form to collect with the secret.
func initiateStandalonePayment(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	a, l, err := standalone(c, in, "")
	if err != nil {
		return nil, err
	}
	amount, _ := integer(in, "amount")
	k := newCheckout(c, &sim.Checkout{
		Kind: sim.CheckoutPayment, AccountNumber: a.Number, LedgerNumber: l.Number, Amount: amount,
		Description: str(in, "description"), Method: str(in, "collectionMethod"),
	})
	k.Secret = secret(k.Kind, k.ID)
	return obj{"payment": obj{"retrievalToken": k.ID, "secretToken": k.Secret}}, nil
}

// initiateHostedStandalonePayment hands a one-off payment to the vendor's hosted page.
func initiateHostedStandalonePayment(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	if str(in, "collectionMethod") == "" {
		return nil, c.ValidationError("KT-CT-3957", "No collection method provided.", "input", "collectionMethod")
	}
	a, l, err := standalone(c, in, "KT-CT-3958")
	if err != nil {
		return nil, err
	}
	amount, _ := integer(in, "amount")
	k := newCheckout(c, &sim.Checkout{
		Kind: sim.CheckoutPayment, AccountNumber: a.Number, LedgerNumber: l.Number, Amount: amount,
		Description: str(in, "description"), Method: str(in, "collectionMethod"), ReturnURLs: returnURLs(in),
	})
	return obj{"payment": obj{"retrievalToken": k.ID, "url": c.Session.CheckoutLink(k.ID)}}, nil
}

// getHostedUrlForNewPaymentInstruction hands the set-up of a card or a direct debit for
// a ledger to the vendor's hosted page.
func getHostedUrlForNewPaymentInstruction(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	a, l, err := ownedLedger(c, in, "KT-CT-3822", true, "KT-CT-3822")
	if err != nil {
		return nil, err
	}
	k := newCheckout(c, &sim.Checkout{
		Kind: sim.CheckoutSetup, AccountNumber: a.Number, LedgerNumber: l.Number,
		Method: str(in, "instructionType"), ReturnURLs: returnURLs(in),
	})
	return obj{"url": c.Session.CheckoutLink(k.ID)}, nil
}

// getEmbeddedSecretForNewPaymentInstruction hands a payment method's set-up for an
// account's ledger to the vendor, for an embedded form to complete with the secret.
func getEmbeddedSecretForNewPaymentInstruction(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	a, l, err := ownedLedger(c, in, "KT-CT-3822", false, "KT-CT-4177")
	if err != nil {
		return nil, err
	}
	k := newCheckout(c, &sim.Checkout{Kind: sim.CheckoutSetup, AccountNumber: a.Number, LedgerNumber: l.Number, Method: str(in, "instructionType")})
	k.Secret = secret(k.Kind, k.ID)
	return obj{"secretKey": k.Secret}, nil
}

// getEmbeddedSecretForNewPaymentInstructionWithoutAccount hands a payment method's
// set-up to the vendor for no account yet (a sign-up's card).
func getEmbeddedSecretForNewPaymentInstructionWithoutAccount(_ context.Context, c *sim.Call) (any, error) {
	k := newCheckout(c, &sim.Checkout{Kind: sim.CheckoutSetup, Method: str(input(c), "instructionType")})
	k.Secret = secret(k.Kind, k.ID)
	return obj{"secretKey": k.Secret}, nil
}

// completeStandalonePayment (Origin's) completes an embedded payment with the vendor's
// token: a card's clears, a direct debit's is pending; the vendor's test tokens of a
// declined card (pm_card_chargeDeclined…, tok_chargeDeclined…) are KT-CT-3975, as is a
// payment already failed, cancelled or expired. The same idempotency key answers again.
func completeStandalonePayment(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	_, a, err := owned(c, str(in, "accountNumber"), "KT-CT-3822", "")
	if err != nil {
		return nil, err
	}
	l := ledgerFor(a, str(in, "ledgerNumber"))
	if l == nil {
		return nil, c.Error("KT-CT-3823")
	}
	w := c.Session.World()
	var k *sim.Checkout
	for _, x := range w.Checkouts {
		if x != nil && x.ID == str(in, "retrievalToken") && x.Kind == sim.CheckoutPayment {
			k = x
		}
	}
	if k == nil || k.AccountNumber != a.Number || k.LedgerNumber != l.Number {
		return nil, c.Error("KT-CT-3974")
	}
	key := collectKey{k.ID, str(in, "idempotencyKey")}
	if st, ok := c.Session.Value(key).(string); ok {
		return obj{"payment": obj{"status": st}}, nil
	}
	token := strings.ToLower(str(in, "completionToken"))
	st := k.StatusAt(c.Session.Now())
	switch {
	case st == sim.CheckoutSucceeded || st == sim.CheckoutPending:
	case st != sim.CheckoutOpen, token == "", strings.Contains(token, "declined"), strings.Contains(token, "fail"):
		if st == sim.CheckoutOpen && token != "" {
			k = w.MutableCheckout(k.ID)
			k.Status, k.Decline = sim.CheckoutFailed, "card_declined"
		}
		return nil, c.ValidationError("KT-CT-3975", "Unable to complete standalone payment: the vendor did not take it ("+strings.ToLower(st)+").", "input", "completionToken")
	default:
		k = w.MutableCheckout(k.ID)
		k.Status = sim.CheckoutSucceeded
		if k.Method == "DIRECT_DEBIT" {
			k.Status = sim.CheckoutPending
		}
		if err := CheckoutDone(c.Session, k); err != nil {
			return nil, err
		}
	}
	status := "CLEARED"
	if k.Status == sim.CheckoutPending {
		status = "PENDING"
	}
	c.Session.SetValue(key, status)
	return obj{"payment": obj{"status": status}}, nil
}

// CheckoutDone makes a completed checkout take effect: a payment posts to its ledger, a
// hosted set-up stores the payment instruction, an embedded one gives the reference
// storePaymentInstruction takes.
func CheckoutDone(s *sim.Session, k *sim.Checkout) error {
	w := s.World()
	if k.Kind == sim.CheckoutSetup {
		k.Result = vendorID("pm", k.ID)
		if k.Method == "DIRECT_DEBIT" {
			k.Result = vendorID("mandate", k.ID)
		}
		if k.Secret != "" || k.AccountNumber == "" {
			return nil
		}
	}
	a := w.MutableAccount(k.AccountNumber)
	if a == nil {
		return fmt.Errorf("account %s is not in the session any more", k.AccountNumber)
	}
	today := s.Now().In(s.Zone()).Format(time.DateOnly)
	if k.Kind == sim.CheckoutPayment {
		p := sim.Payment{
			ID: nextID(5501000, paymentIDs(w)), LedgerNumber: k.LedgerNumber, Amount: k.Amount, PaymentDate: today,
			Reference: k.Description, Status: "CLEARED", TransactionType: "DEBIT_CARD", OneOff: true,
		}
		if k.Method == "DIRECT_DEBIT" {
			p.Status, p.PaymentDate, p.TransactionType = "PENDING", addDays(today, ddCollectionDays), "DD_REGULAR_COLLECTION"
		}
		recordPayment(w, a, a.Ledger(k.LedgerNumber), p)
		k.Result = p.ID
		return nil
	}
	pi := checkoutInstruction(s, a, k, s.Now())
	if pi.InstructionType == "DIRECT_DEBIT" {
		addMandate(a, pi)
		return nil
	}
	a.PaymentInstructions = append(a.PaymentInstructions, pi)
	return nil
}

// recordPayment keeps a payment on the account of the world w, crediting its ledger
// when it has cleared.
func recordPayment(w *sim.World, a *sim.Account, l *sim.Ledger, p sim.Payment) {
	a.Payments = append(a.Payments, p)
	if p.Status == "CLEARED" {
		postTransaction(w, a, l, sim.Transaction{
			Date: p.PaymentDate, Amount: p.Amount, Type: "PAYMENT", Reason: "GENERAL_CREDIT", Reference: p.Reference,
			PaymentType: paymentKind(p.TransactionType), DisplayNote: paymentTitle(p.TransactionType),
		})
	}
}

// checkoutInstruction is the payment instruction a completed set-up stores.
func checkoutInstruction(s *sim.Session, a *sim.Account, k *sim.Checkout, now time.Time) sim.PaymentInstruction {
	pi := sim.PaymentInstruction{
		ID: nextID(412800, instructionIDs(s.World())), LedgerNumber: k.LedgerNumber, Status: "ACTIVE",
		InstructionType: k.Method, Vendor: "STRIPE", VendorReference: k.Result, AccountHolder: a.BillingName,
		ValidFrom: now.UTC().Truncate(time.Second),
	}
	if card := k.Card; card != nil {
		pi.MaskedAccountIdentifier, pi.CardPaymentNetwork = "****"+card.Last4, card.Network
		pi.CardExpiryMonth, pi.CardExpiryYear = card.ExpMonth, card.ExpYear
	}
	if bank := k.Bank; bank != nil {
		pi.Vendor, pi.AccountHolder = "BOTTOMLINE", bank.Holder
		pi.SortCode, pi.MaskedAccountIdentifier = sortCode(bank.SortCode, fake.Country(s.Zone()) == "AU"), "****"+bank.Last4
	}
	return pi
}

// setupCheckout is the completed set-up whose payment method reference is ref, or nil.
func setupCheckout(w *sim.World, ref string) *sim.Checkout {
	for _, k := range w.Checkouts {
		if k != nil && k.Kind == sim.CheckoutSetup && k.Result == ref && ref != "" {
			return k
		}
	}
	return nil
}
