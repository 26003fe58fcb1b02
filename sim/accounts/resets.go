package accounts

import (
	"cmp"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"maps"
	"strings"
	"time"
	"unicode"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/auth"
)

// Emails a user asks the platform to send them: a password reset link
// (requestPasswordReset; KT-CT-1133 for an address no user has), whose user id and token
// set a new password within three days (resetUserPassword, and the older
// resetPassword; KT-CT-4125 for a token that is not the user's latest, used, expired,
// or sent before the user's password or email changed), and a sign-in key (sendPreSignedTokenEmail, a pre-signed key that works for
// an hour, until withdrawn; KT-CT-4122 for an address that is not one). krakensim keeps
// each email it would have sent in the session's world (World.Messages), which the
// admin API and the dashboard show, so a test reads the token from there as a customer
// would from their inbox.

// passwordResetLifetime is how long a reset link works: Django's default, three days.
const passwordResetLifetime = 72 * time.Hour

// loginKeyLifetime is how long an emailed sign-in key (sendPreSignedTokenEmail) works.
const loginKeyLifetime = time.Hour

// secretToken is a new random token of n bytes, in hex.
func secretToken(n int) (string, error) {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return hex.EncodeToString(b), nil
}

// link is the consumer site's page at path on the host the request came to.
func link(c *sim.Call, path string) string { return c.Session.Origin() + path }

// requestPasswordReset emails a user a link to set a new password.
func requestPasswordReset(_ context.Context, c *sim.Call) (any, error) {
	email := strings.TrimSpace(str(input(c), "email"))
	w := c.Session.World()
	u := w.UserByEmail(email)
	if email == "" || u == nil {
		return nil, c.Error("KT-CT-1133")
	}
	err := emailReset(c, u, "Reset your password", func(url string) string {
		return "Set a new password within three days at " + url + "\n\nIf you did not ask for this, ignore this email: your password has not changed."
	}, nil)
	if err != nil {
		return nil, errorf(c, "drawing a token: %v", err)
	}
	return obj{"email": email}, nil
}

// emailReset gives the user a password reset for three days and emails its link: the
// subject, the text around the link, and values besides the reset's (userId, token,
// link) in the message's data.
func emailReset(c *sim.Call, u *sim.User, subject string, text func(url string) string, data map[string]string) error {
	token, err := secretToken(20)
	if err != nil {
		return err
	}
	w := c.Session.World()
	now := c.Session.Now().Truncate(time.Second)
	mu := w.MutableUser(u.ID)
	mu.PasswordReset = &sim.PasswordReset{Token: token, Expires: now.Add(passwordResetLifetime), State: resetState(u)}
	url := link(c, "/reset-password/"+u.ID+"/"+token+"/")
	d := map[string]string{"userId": u.ID, "token": token, "link": url}
	maps.Copy(d, data)
	w.AddMessage(&sim.Message{To: u.Email, Subject: subject, SentAt: now, Body: "Hi " + cmp.Or(u.GivenName, "there") + ",\n\n" + text(url), Data: d})
	return nil
}

// resetState is the digest of what a reset depends on: the user's password and email.
func resetState(u *sim.User) string {
	sum := sha256.Sum256([]byte(u.Password + "\x00" + strings.ToLower(strings.TrimSpace(u.Email))))
	return hex.EncodeToString(sum[:8])
}

// resetWith checks a reset's user and token: the user's latest reset, not yet used or
// expired, sent while the user had the password and email they have now.
func resetWith(c *sim.Call, userID, token string) (*sim.User, error) {
	u := c.Session.World().User(userID)
	if u == nil || u.PasswordReset == nil || token == "" ||
		subtle.ConstantTimeCompare([]byte(token), []byte(u.PasswordReset.Token)) != 1 || !c.Session.Now().Before(u.PasswordReset.Expires) ||
		u.PasswordReset.State != "" && u.PasswordReset.State != resetState(u) {
		return nil, c.Error("KT-CT-4125")
	}
	return u, nil
}

// isPasswordResetTokenValid reports whether a reset's user id (as given in the link,
// or base64 encoded) and token would set a password now.
func isPasswordResetTokenValid(_ context.Context, c *sim.Call) (any, error) {
	id, token := c.StringArg("userId"), c.StringArg("token")
	if c.Session.World().User(id) == nil {
		// Django's reset links carry it URL-safe and unpadded (MzIzNTQ0Nw).
		for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawURLEncoding, base64.URLEncoding, base64.RawStdEncoding} {
			if b, err := enc.DecodeString(id); err == nil {
				id = string(b)
				break
			}
		}
	}
	_, err := resetWith(c, id, token)
	return err == nil, nil
}

// resetUserPassword sets a new password with a reset's token. A password that breaks
// the policy is KT-CT-5450, unless the deprecated fields that report it are asked for.
func resetUserPassword(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	u, err := resetWith(c, str(in, "userId"), str(in, "token"))
	if err != nil {
		return nil, err
	}
	pw := str(in, "newPassword")
	if code, msg := passwordProblem(pw, u.Email, u.Password); msg != "" {
		if c.Field.Selects("passwordUpdated") || c.Field.Selects("failureReasons") || c.Field.Selects("failureCodes") {
			return obj{"userId": u.ID, "passwordUpdated": false, "failureReasons": []any{msg}, "failureCodes": []any{code}}, nil
		}
		return nil, passwordError(c, code, msg, "input", "newPassword")
	}
	setPassword(c, u.ID, pw)
	return obj{"userId": u.ID, "passwordUpdated": true, "failureReasons": []any{}, "failureCodes": []any{}}, nil
}

// resetPassword is resetUserPassword's older form, which reports a token it does not
// take or a refused password in its errors rather than as an error.
func resetPassword(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	out := obj{"clientMutationId": orNil(str(in, "clientMutationId")), "errors": []any{}}
	u, err := resetWith(c, str(in, "userId"), str(in, "token"))
	if err != nil {
		out["errors"] = []any{obj{"field": "token", "errors": []any{obj{"__typename": "SerializerErrorType", "message": "The reset link is invalid or has expired."}}}}
		return out, nil
	}
	pw := str(in, "password")
	if _, msg := passwordProblem(pw, u.Email, u.Password); msg != "" {
		out["errors"] = []any{obj{"field": "password", "errors": []any{obj{"__typename": "SerializerErrorType", "message": msg}}}}
		return out, nil
	}
	setPassword(c, u.ID, pw)
	return out, nil
}

// setPassword gives a user a new password, which uses up their reset.
func setPassword(c *sim.Call, id, pw string) {
	u := c.Session.World().MutableUser(id)
	u.Password, u.PasswordReset = pw, nil
}

// sendPreSignedTokenEmail emails a user a pre-signed key that signs them in
// (obtainKrakenToken(input: {preSignedKey})); an address no user has is told the same,
// and nothing is sent.
func sendPreSignedTokenEmail(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	email := strings.TrimSpace(str(in, "email"))
	if !validEmail(email) {
		return nil, c.ValidationError("KT-CT-4122", "Enter a valid email address.", "input", "email")
	}
	w := c.Session.World()
	if u := w.UserByEmail(email); u != nil {
		k, err := addScopedKey(c, u, "", loginKeyLifetime)
		if err != nil {
			return nil, errorf(c, "drawing a key: %v", err)
		}
		key := k.Key
		url := link(c, cmp.Or(str(in, "targetUrl"), "/")) + "?key=" + key
		w.AddMessage(&sim.Message{
			To: u.Email, Subject: "Your sign-in link", SentAt: c.Session.Now().Truncate(time.Second),
			Body: "Hi " + cmp.Or(u.GivenName, "there") + ",\n\nSign in at " + url,
			Data: map[string]string{"preSignedKey": key, "link": url},
		})
	}
	return obj{"status": "SENT"}, nil
}

// forceReauthentication withdraws every token issued to the viewer so far, as tokens
// for any third party the viewer authorised (krakensim has none to withdraw).
func forceReauthentication(_ context.Context, c *sim.Call) (any, error) {
	u, _, err := c.Viewer()
	if err != nil {
		return nil, err
	}
	at := c.Session.ForceReauthentication(u.ID)
	return obj{"tokensInvalidated": true, "effectiveAt": dateTime(at, c.Session.Zone())}, nil
}

// sameWords reports whether two names or address lines are the same, case, spacing and
// punctuation aside.
func sameWords(x, y string) bool {
	norm := func(s string) string {
		return strings.Join(strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
			return !unicode.IsLetter(r) && !unicode.IsDigit(r)
		}), " ")
	}
	return norm(x) != "" && norm(x) == norm(y)
}

// samePostcode reports whether two postcodes are the same, spaces and case aside.
func samePostcode(x, y string) bool {
	squash := func(s string) string { return strings.ToUpper(strings.Join(strings.Fields(s), "")) }
	return squash(x) != "" && squash(x) == squash(y)
}

// livesAt reports whether one of the account's homes has the first line and postcode.
func livesAt(a *sim.Account, line, postcode string) bool {
	for _, p := range a.Properties {
		if len(p.Address.Lines) > 0 && sameWords(p.Address.Lines[0], line) && samePostcode(p.Address.Postcode, postcode) {
			return true
		}
	}
	return false
}

// identityTokenLifetime is how long the key a verified identity is given works.
const identityTokenLifetime = time.Hour

// identityScope is the scope of the key a verified identity is given: its token signs in
// only to set the user's placeholder email (updateBlackholeEmail, registerEmail).
const identityScope = "UPDATE_BLACKHOLE_EMAIL"

// identityToken is the pre-signed key a verified identity is given, to set the user's
// email with once swapped for a token (obtainKrakenToken(input: {preSignedKey})).
func identityToken(c *sim.Call, u *sim.User) (any, error) {
	k, err := addScopedKey(c, u, identityScope, identityTokenLifetime)
	if err != nil {
		return nil, errorf(c, "drawing a token: %v", err)
	}
	return obj{"token": k.Key}, nil
}

// verifyIdentity checks that a user of the account has the full name given and that it
// supplies the address given (first line and postcode): KT-CT-1145 otherwise.
func verifyIdentity(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	w := newEnv(c)
	a := w.Account(strings.TrimSpace(str(in, "accountNumber")))
	if a == nil || !livesAt(a, str(in, "firstLineOfAddress"), str(in, "postcode")) {
		return nil, c.Error("KT-CT-1145")
	}
	for _, u := range w.AccountUsers(a.Number) {
		if sameWords(u.GivenName+" "+u.FamilyName, str(in, "fullName")) {
			return identityToken(c, u)
		}
	}
	return nil, c.Error("KT-CT-1145")
}

// verifyIdentityFallback finds the one user with the family name given on an account
// that supplies the address given: KT-CT-1145 for none, or for more than one.
func verifyIdentityFallback(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	w := newEnv(c)
	found := map[string]*sim.User{}
	for _, a := range w.Accounts {
		if a == nil || !livesAt(a, str(in, "firstLineOfAddress"), str(in, "postcode")) {
			continue
		}
		for _, u := range w.AccountUsers(a.Number) {
			if sameWords(u.FamilyName, str(in, "familyName")) {
				found[u.ID] = u
			}
		}
	}
	if len(found) != 1 {
		return nil, c.Error("KT-CT-1145")
	}
	for _, u := range found {
		return identityToken(c, u)
	}
	return nil, c.Error("KT-CT-1145")
}

// masqueradeAuthentication exchanges a support user's one-time masquerade token (the
// admin API's sessions/{id}/masquerade) for an access token acting as the user; a token
// that is not the user's latest, used or expired is refused in the payload's errors.
func masqueradeAuthentication(_ context.Context, c *sim.Call) (any, error) {
	token, id := c.StringArg("masqueradeToken"), c.StringArg("userId")
	w := c.Session.World()
	u := w.User(id)
	if u == nil || u.Masquerade == nil || token == "" ||
		subtle.ConstantTimeCompare([]byte(token), []byte(u.Masquerade.Token)) != 1 || !c.Session.Now().Before(u.Masquerade.Expires) {
		return obj{"token": nil, "errors": []any{obj{"field": "masqueradeToken", "messages": []any{"The masquerade token is not valid for this user, or has expired."}}}}, nil
	}
	w.MutableUser(u.ID).Masquerade = nil
	tok, err := c.Session.Issuer().Masquerade(auth.Principal{UserID: u.ID, Email: u.Email})
	if err != nil {
		return nil, errorf(c, "%v", err)
	}
	return obj{"token": tok.Token, "errors": []any{}}, nil
}
