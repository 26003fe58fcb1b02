// Package checkout is the simulated payment vendor: it signs the links to the hosted
// page krakensim hands out for a card payment or a payment method's set-up (where Kraken
// hands out its vendor's), checks a link back to the session and checkout it names, and
// tells what a card entered on the page does, by the vendor's (Stripe's) test cards. It
// holds no state; the simulator keeps each checkout with the session's.
package checkout

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"strings"
	"time"
)

// Path is where the hosted page is served: Path + a signed token.
const Path = "/__krakensim/checkout/"

// TTL is how long a hosted page takes a payment, as a vendor's checkout session lasts.
const TTL = 24 * time.Hour

// MaxToken is the longest token Check reads.
const MaxToken = 512

// ErrToken is a token that is malformed or was not signed by this simulator.
var ErrToken = errors.New("this checkout link is not one krakensim made (or was cut short)")

// Signer makes and checks the tokens of checkout links.
type Signer struct{ key []byte }

// NewSigner returns a signer keyed by the simulator's secret.
func NewSigner(secret []byte) *Signer {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte("krakensim checkout"))
	return &Signer{key: m.Sum(nil)}
}

// Token is the signed token naming a session's checkout.
func (s *Signer) Token(session, id string) string {
	body := base64.RawURLEncoding.EncodeToString([]byte(session)) + "." + id
	return body + "." + s.sign(body)
}

// Link is the hosted page's URL for a session's checkout, on origin ("" for a path).
func (s *Signer) Link(origin, session, id string) string {
	return origin + Path + s.Token(session, id)
}

// Check returns the session and checkout a token names.
func (s *Signer) Check(token string) (session, id string, err error) {
	if len(token) > MaxToken {
		return "", "", ErrToken
	}
	i := strings.LastIndexByte(token, '.')
	if i < 0 || !hmac.Equal([]byte(token[i+1:]), []byte(s.sign(token[:i]))) {
		return "", "", ErrToken
	}
	enc, id, ok := strings.Cut(token[:i], ".")
	raw, err := base64.RawURLEncoding.DecodeString(enc)
	if !ok || err != nil || id == "" {
		return "", "", ErrToken
	}
	return string(raw), id, nil
}

func (s *Signer) sign(body string) string {
	m := hmac.New(sha256.New, s.key)
	m.Write([]byte(body))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil)[:18])
}

// Card is what the vendor makes of a card number entered on the page.
type Card struct {
	// Network is the card scheme (VISA, MASTERCARD, AMEX), as Kraken's
	// cardPaymentNetwork names it; "" for another.
	Network string
	// Last4 are the number's last four digits.
	Last4 string
	// Decline is the vendor's code for a card it refuses ("card_declined",
	// "insufficient_funds", "expired_card", "incorrect_cvc", "processing_error"), ""
	// for one it takes.
	Decline string
	// Message says why, as the vendor's form tells the customer; "" for a card taken.
	Message string
}

// declines are Stripe's test cards that fail, by number.
var declines = map[string][2]string{
	"4000000000000002": {"card_declined", "Your card was declined."},
	"4000000000009995": {"insufficient_funds", "Your card has insufficient funds."},
	"4000000000009987": {"card_declined", "Your card was declined (lost card)."},
	"4000000000009979": {"card_declined", "Your card was declined (stolen card)."},
	"4000000000000069": {"expired_card", "Your card has expired."},
	"4000000000000127": {"incorrect_cvc", "Your card's security code is incorrect."},
	"4000000000000119": {"processing_error", "An error occurred while processing your card. Try again in a little bit."},
}

// ErrNumber is a card number that is not one (too short or long, or failing the Luhn check).
var ErrNumber = errors.New("your card number is incorrect")

// ReadCard reads a card number as typed (spaces and dashes allowed): Stripe's test
// cards that decline do, any other valid number is taken.
func ReadCard(number string) (Card, error) {
	digits := strings.Map(func(r rune) rune {
		switch {
		case r >= '0' && r <= '9':
			return r
		case r == ' ' || r == '-':
			return -1
		}
		return 'x'
	}, number)
	if len(digits) < 12 || len(digits) > 19 || strings.ContainsRune(digits, 'x') || !luhn(digits) {
		return Card{}, ErrNumber
	}
	c := Card{Network: network(digits), Last4: digits[len(digits)-4:]}
	if d, ok := declines[digits]; ok {
		c.Decline, c.Message = d[0], d[1]
	}
	return c, nil
}

func luhn(digits string) bool {
	sum := 0
	for i := range len(digits) {
		d := int(digits[len(digits)-1-i] - '0')
		if i%2 == 1 {
			if d *= 2; d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	return sum%10 == 0
}

func network(digits string) string {
	two := int(digits[0]-'0')*10 + int(digits[1]-'0')
	four := 0
	for _, r := range digits[:4] {
		four = four*10 + int(r-'0')
	}
	switch {
	case digits[0] == '4':
		return "VISA"
	case two >= 51 && two <= 55, four >= 2221 && four <= 2720:
		return "MASTERCARD"
	case two == 34 || two == 37:
		return "AMEX"
	}
	return ""
}
