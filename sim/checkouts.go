package sim

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/krakensim/krakensim/sim/checkout"
	"github.com/krakensim/krakensim/sim/fake"
)

// MaxCheckouts is how many checkouts a world keeps; older ones are dropped.
const MaxCheckouts = 200

// Checkout is a payment, or a payment method's set-up, handed to the simulated vendor
// (initiateStandalonePayment, getHostedUrlForNewPaymentInstruction…): what it is for,
// where the customer returns to, and what became of it.
type Checkout struct {
	// ID is the checkout's retrieval token.
	ID string `json:"retrievalToken"`
	// Kind is CheckoutPayment or CheckoutSetup.
	Kind          string `json:"kind"`
	AccountNumber string `json:"accountNumber,omitempty"`
	LedgerNumber  string `json:"ledgerNumber,omitempty"`
	// Amount is a payment's, in pence.
	Amount      int    `json:"amount,omitempty"`
	Description string `json:"description,omitempty"`
	// Method is CARD or DIRECT_DEBIT: a payment's collection method, a set-up's
	// instruction type.
	Method string `json:"method"`
	// Secret is the client secret an embedded form completes the checkout with; a hosted
	// checkout has none.
	Secret string `json:"secret,omitempty"`
	// ReturnURLs are where the hosted page sends the customer, by outcome: success,
	// pending, failure, error, cancel, expired.
	ReturnURLs map[string]string `json:"returnUrls,omitempty"`
	Created    time.Time         `json:"created"`
	Expires    time.Time         `json:"expires"`
	// Status is OPEN until the customer pays (SUCCEEDED, or PENDING for a direct debit
	// not yet collected), is refused (FAILED), cancels (CANCELLED) or lets it expire.
	Status string `json:"status"`
	// Decline is the vendor's reason for a failed payment ("insufficient_funds").
	Decline string `json:"decline,omitempty"`
	// Result is what the vendor made: the payment's id, or the payment method's reference.
	Result string `json:"result,omitempty"`
	// Card is the card paid or saved with.
	Card *CheckoutCard `json:"card,omitempty"`
	// Bank is the bank account a direct debit was set up or paid from.
	Bank *CheckoutBank `json:"bank,omitempty"`
}

// CheckoutBank is the bank account a direct debit checkout was completed with.
type CheckoutBank struct {
	Holder string `json:"holder"`
	// SortCode is six digits (a UK sort code or an Australian BSB).
	SortCode string `json:"sortCode"`
	Last4    string `json:"last4"`
}

// CheckoutCard is the card a checkout was completed with, as the vendor reports it.
type CheckoutCard struct {
	Network  string `json:"network,omitempty"`
	Last4    string `json:"last4"`
	ExpMonth int    `json:"expMonth"`
	ExpYear  int    `json:"expYear"`
}

// Checkout kinds.
const (
	CheckoutPayment = "payment"
	CheckoutSetup   = "setup"
)

// Checkout statuses.
const (
	CheckoutOpen      = "OPEN"
	CheckoutSucceeded = "SUCCEEDED"
	CheckoutPending   = "PENDING"
	CheckoutFailed    = "FAILED"
	CheckoutCancelled = "CANCELLED"
	CheckoutExpired   = "EXPIRED"
)

// StatusAt is the checkout's status at now: an open one lapses at Expires.
func (c *Checkout) StatusAt(now time.Time) string {
	if c.Status == CheckoutOpen && !now.Before(c.Expires) {
		return CheckoutExpired
	}
	return c.Status
}

// AddCheckout keeps a checkout, dropping the oldest beyond MaxCheckouts; what a request
// put in it is cut to a bound.
func (w *World) AddCheckout(c *Checkout) {
	c.Description = clip(c.Description, 500)
	for k, v := range c.ReturnURLs {
		c.ReturnURLs[k] = clip(v, 2048)
	}
	if len(w.Checkouts) >= MaxCheckouts {
		w.Checkouts = slices.Clone(w.Checkouts[len(w.Checkouts)-MaxCheckouts+1:])
	}
	add(w, &w.Checkouts, listCheckouts, c)
}

// MutableCheckout returns the checkout whose retrieval token is id for changing, or nil.
func (w *World) MutableCheckout(id string) *Checkout {
	i := slices.IndexFunc(w.Checkouts, func(c *Checkout) bool { return c != nil && c.ID == id })
	if i < 0 {
		return nil
	}
	return mutable(w, &w.Checkouts, listCheckouts, i, func(c *Checkout) {
		c.ReturnURLs = maps.Clone(c.ReturnURLs)
		if c.Card != nil {
			card := *c.Card
			c.Card = &card
		}
		if c.Bank != nil {
			bank := *c.Bank
			c.Bank = &bank
		}
	})
}

// CheckoutLink is the hosted page's URL for one of the session's checkouts.
func (s *Session) CheckoutLink(id string) string {
	return s.sim.checkouts.Link(s.Origin(), s.ID, id)
}

// CheckoutForm is what the customer did on the hosted page.
type CheckoutForm struct {
	// Cancel is the customer leaving without paying.
	Cancel bool
	// CardNumber, ExpMonth and ExpYear are a card's (a card checkout).
	CardNumber        string
	ExpMonth, ExpYear int
	// SortCode, BankAccount and AccountHolder are a bank account's (a direct debit).
	SortCode, BankAccount, AccountHolder string
}

// CheckoutFormError is a form the page asks the customer to correct, naming the field.
type CheckoutFormError struct {
	Field, Message string
}

func (e *CheckoutFormError) Error() string { return e.Field + ": " + e.Message }

// ErrCheckoutGone is a checkout its session no longer holds (reset, deleted, or dropped).
var ErrCheckoutGone = errors.New("this checkout is not in its session any more (the session was reset or deleted)")

// CheckoutHandler makes a completed checkout's effect in the session's state (a
// payment posted to the ledger, a payment method stored), setting its Result.
type CheckoutHandler func(s *Session, c *Checkout) error

// CheckoutPage is a checkout for the hosted page, in the session's time.
type CheckoutPage struct {
	Checkout
	Session string
	Now     time.Time
	// Currency is the tenant's (GBP, AUD…).
	Currency string
	// Redirect is where the customer goes now that it is done; "" when the page says.
	Redirect string
}

// Checkout returns the checkout a hosted page's token names.
func (s *Simulator) Checkout(ctx context.Context, token string) (*CheckoutPage, error) {
	sess, c, err := s.checkoutSession(ctx, token)
	if err != nil {
		return nil, err
	}
	defer s.release(sess)
	return page(sess, c), nil
}

// CompleteCheckout does what the customer did on the hosted page: pays, and the
// checkout succeeds or is declined by its card, or cancels. A form to correct is a
// *CheckoutFormError, returned with the page of the checkout, which stays open.
func (s *Simulator) CompleteCheckout(ctx context.Context, token string, form CheckoutForm) (*CheckoutPage, error) {
	sess, c, err := s.checkoutSession(ctx, token)
	if err != nil {
		return nil, err
	}
	defer s.release(sess)
	if tr := TraceFrom(ctx); tr != nil {
		tr.Entry.SetBody(formSummary(form))
	}
	now := sess.Now()
	if st := c.StatusAt(now); st != CheckoutOpen {
		return page(sess, c), nil
	}
	c = sess.world.MutableCheckout(c.ID)
	switch {
	case form.Cancel:
		c.Status = CheckoutCancelled
	case c.Method == "DIRECT_DEBIT":
		bank, fe := checkBank(form)
		if fe != nil {
			return page(sess, c), fe
		}
		c.Bank = bank
		c.Status = CheckoutSucceeded
		if c.Kind == CheckoutPayment {
			c.Status = CheckoutPending
		}
	default:
		card, err := checkout.ReadCard(form.CardNumber)
		if err != nil {
			return page(sess, c), &CheckoutFormError{Field: "cardNumber", Message: "Your card number is incorrect."}
		}
		if form.ExpMonth < 1 || form.ExpMonth > 12 || form.ExpYear*12+form.ExpMonth < now.Year()*12+int(now.Month()) {
			return page(sess, c), &CheckoutFormError{Field: "expiry", Message: "Your card's expiration date is in the past or not a date."}
		}
		c.Card = &CheckoutCard{Network: card.Network, Last4: card.Last4, ExpMonth: form.ExpMonth, ExpYear: form.ExpYear}
		c.Status, c.Decline = CheckoutSucceeded, card.Decline
		if card.Decline != "" {
			c.Status = CheckoutFailed
		}
	}
	if (c.Status == CheckoutSucceeded || c.Status == CheckoutPending) && s.checkoutDone != nil {
		if err := s.checkoutDone(sess, c); err != nil {
			return nil, err
		}
	}
	return page(sess, c), nil
}

// formSummary is what the journal keeps of the page's form: what the customer did and
// the last digits of the card or account, not the numbers.
func formSummary(f CheckoutForm) []byte {
	last4 := func(s string) string {
		s = strings.Map(func(r rune) rune {
			if r >= '0' && r <= '9' {
				return r
			}
			return -1
		}, s)
		return s[max(0, len(s)-4):]
	}
	m := map[string]string{"action": "pay"}
	switch {
	case f.Cancel:
		m["action"] = "cancel"
	case f.CardNumber != "":
		m["card"] = "…" + last4(f.CardNumber)
	case f.BankAccount != "":
		m["bankAccount"] = "…" + last4(f.BankAccount)
	}
	b, _ := json.Marshal(m)
	return b
}

// checkBank reads a direct debit's bank account from the form.
func checkBank(f CheckoutForm) (*CheckoutBank, *CheckoutFormError) {
	clean := strings.NewReplacer(" ", "", "-", "")
	digits := func(s string, min, max int) bool {
		_, err := strconv.ParseUint(s, 10, 64)
		return err == nil && len(s) >= min && len(s) <= max
	}
	holder, sort, acct := strings.TrimSpace(f.AccountHolder), clean.Replace(f.SortCode), clean.Replace(f.BankAccount)
	switch {
	case holder == "" || len(holder) > 100:
		return nil, &CheckoutFormError{Field: "accountHolder", Message: "Enter the account holder's name (up to 100 characters)."}
	case !digits(sort, 6, 6):
		return nil, &CheckoutFormError{Field: "sortCode", Message: "A sort code (or BSB) is six digits."}
	case !digits(acct, 6, 10):
		return nil, &CheckoutFormError{Field: "bankAccount", Message: "An account number is six to ten digits."}
	}
	return &CheckoutBank{Holder: holder, SortCode: sort, Last4: acct[len(acct)-4:]}, nil
}

// checkoutSession locks the session a token names and finds its checkout; the page's
// request goes in the session's journal.
func (s *Simulator) checkoutSession(ctx context.Context, token string) (*Session, *Checkout, error) {
	id, cid, err := s.checkouts.Check(token)
	if err != nil {
		return nil, nil, err
	}
	if _, err := s.existing(id); err != nil {
		return nil, nil, ErrCheckoutGone
	}
	sess, err := s.acquire(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	if tr := TraceFrom(ctx); tr != nil {
		tr.inSession(sess, nil, nil)
	}
	i := slices.IndexFunc(sess.world.Checkouts, func(c *Checkout) bool { return c != nil && c.ID == cid })
	if i < 0 {
		s.release(sess)
		return nil, nil, ErrCheckoutGone
	}
	return sess, sess.world.Checkouts[i], nil
}

// page is a checkout as its page shows it, with where the customer goes next.
func page(sess *Session, c *Checkout) *CheckoutPage {
	now := sess.Now()
	p := &CheckoutPage{Checkout: *c, Session: sess.ID, Now: now, Currency: fake.Currency(sess.Zone())}
	p.Status = c.StatusAt(now)
	outcome := map[string]string{
		CheckoutSucceeded: "success", CheckoutPending: "pending", CheckoutFailed: "failure",
		CheckoutCancelled: "cancel", CheckoutExpired: "expired",
	}[p.Status]
	if p.Decline == "processing_error" {
		outcome = "error"
	}
	if u := c.ReturnURLs[outcome]; u != "" {
		p.Redirect = u
	} else if outcome == "pending" {
		p.Redirect = c.ReturnURLs["success"]
	}
	return p
}

// Describe is the checkout in a line, for the page's title, the amount in the
// tenant's currency.
func (p *CheckoutPage) Describe() string {
	if p.Kind == CheckoutSetup {
		if p.Method == "DIRECT_DEBIT" {
			return "Set up a Direct Debit"
		}
		return "Save a card"
	}
	symbol := map[string]string{"GBP": "£", "EUR": "€", "JPY": "¥"}[p.Currency]
	if symbol == "" {
		symbol = "$"
	}
	return fmt.Sprintf("Pay %s%d.%02d", symbol, p.Amount/100, p.Amount%100)
}
