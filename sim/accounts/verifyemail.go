package accounts

import (
	"context"
	"crypto/subtle"
	"strings"
	"time"

	"github.com/krakensim/krakensim/sim"
)

// Verifying an email address: Origin's sendVerificationEmail sends the signed-in user a
// link with a token to the address given (verificationStatus false for one that is not
// an address); verifyEmail, on either tenant, takes the token of the user's latest link
// within a day of its sending and says the address is verified (isVerified), false for
// another token or a day late. A link followed stays verified.

// verificationLifetime is how long a verification link works.
const verificationLifetime = 24 * time.Hour

// sendVerificationEmail sends the viewer a link to verify an address.
func sendVerificationEmail(_ context.Context, c *sim.Call) (any, error) {
	u, _, err := c.MutableViewer()
	if err != nil {
		return nil, err
	}
	email := strings.TrimSpace(str(input(c), "email"))
	if !validEmail(email) {
		return obj{"verificationStatus": false}, nil
	}
	token, err := secretToken(20)
	if err != nil {
		return nil, err
	}
	now := c.Session.Now().Truncate(time.Second)
	u.EmailVerification = &sim.EmailVerification{Email: sim.Clip(email, 254), Token: token, Expires: now.Add(verificationLifetime)}
	url := link(c, "/verify-email/"+token+"/")
	c.Session.World().AddMessage(&sim.Message{
		To: email, Subject: "Verify your email address", SentAt: now,
		Body: "Hi " + u.GivenName + ",\n\nFollow " + url + " to verify this address.", Data: map[string]string{"userId": u.ID, "token": token, "link": url},
	})
	return obj{"verificationStatus": true}, nil
}

// verifyEmail verifies the viewer's address with the token of their latest link.
func verifyEmail(_ context.Context, c *sim.Call) (any, error) {
	u, _, err := c.Viewer()
	if err != nil {
		return nil, err
	}
	token, v := str(input(c), "token"), u.EmailVerification
	if v == nil || token == "" || subtle.ConstantTimeCompare([]byte(token), []byte(v.Token)) != 1 {
		return obj{"isVerified": false}, nil
	}
	if !v.VerifiedAt.IsZero() {
		return obj{"isVerified": true}, nil
	}
	now := c.Session.Now()
	if !now.Before(v.Expires) {
		return obj{"isVerified": false}, nil
	}
	mu, _, _ := c.MutableViewer()
	done := *mu.EmailVerification
	done.VerifiedAt = now.UTC().Truncate(time.Second)
	mu.EmailVerification = &done
	return obj{"isVerified": true}, nil
}
