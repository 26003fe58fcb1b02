package accounts

import (
	"context"
	"slices"
	"strings"

	"github.com/krakensim/krakensim/sim"
)

// Checking what a customer types before it is sent (validateEmail, validatePhone). An
// email is valid when it is a bare address on a domain mail can reach: the reserved
// names of RFC 2606 (.test, .example, .invalid, .localhost, example.com and its kin)
// reach no one, as an address checker such as Kickbox finds; with checkUniqueness, one a
// user already has is not. A phone number is valid with 7 to 15 digits.

// reservedDomains are the domains RFC 2606 sets aside, which accept no mail.
var reservedDomains = []string{"example.com", "example.net", "example.org"}

// reservedTLDs are the top-level names RFC 2606 sets aside.
var reservedTLDs = []string{"test", "example", "invalid", "localhost"}

// deliverable reports whether an address's domain can receive mail.
func deliverable(email string) bool {
	domain := strings.ToLower(email[strings.LastIndexByte(email, '@')+1:])
	tld := domain[strings.LastIndexByte(domain, '.')+1:]
	return !slices.Contains(reservedTLDs, tld) && !slices.ContainsFunc(reservedDomains, func(d string) bool {
		return domain == d || strings.HasSuffix(domain, "."+d)
	})
}

// validateEmail answers whether an email address is valid, and free when asked.
func validateEmail(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	email := strings.TrimSpace(str(in, "email"))
	valid := validEmail(email) && deliverable(email)
	if unique, _ := boolean(in, "checkUniqueness"); valid && unique {
		valid = !slices.ContainsFunc(c.Session.World().Users, func(u *sim.User) bool { return u != nil && strings.EqualFold(u.Email, email) })
	}
	return obj{"isValid": valid}, nil
}

// validatePhone answers whether a phone number is valid.
func validatePhone(_ context.Context, c *sim.Call) (any, error) {
	return obj{"isValid": phoneNumber(str(input(c), "phoneNumber"))}, nil
}
