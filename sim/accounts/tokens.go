package accounts

import (
	"cmp"
	"context"
	"strings"
	"time"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/auth"
)

// Token management: a client signing out forgets its refresh token
// (invalidateRefreshToken, the holder's own, KT-CT-1130 otherwise) or all of a user's
// (invalidateRefreshTokensForUser, by the user or an organisation, KT-CT-1128 otherwise);
// their access tokens run out on their own. An organisation gets a year's refresh token
// for a user whose access token it holds (obtainLongLivedRefreshToken: KT-CT-1132 for a
// caller not an organisation, KT-CT-1121 for a token that is not Kraken's, KT-CT-1120
// for one expired, KT-CT-1122 for an organisation's) and pre-signed keys for a purpose
// and a number of days (generatePreSignedToken: KT-CT-1131 for a caller not an
// organisation, KT-CT-1128 for an address no user has), which sign in until they expire;
// invalidatePreSignedTokensForUser withdraws a user's keys, of one scope when given (the
// user or an organisation; KT-CT-1129 otherwise). A key's scope is its token's scope
// claim; a token of scope UPDATE_BLACKHOLE_EMAIL may only set the placeholder email
// (other fields answer unauthorized), other scopes are recorded, not enforced.

// refreshTokenMap is a RefreshToken.
func refreshTokenMap(w *env, t auth.RefreshInfo, valid bool) obj {
	return obj{"key": t.Token, "expiryDt": dateTime(t.Expires, w.zone), "isValid": valid}
}

// invalidateRefreshToken forgets one of the caller's refresh tokens.
func invalidateRefreshToken(_ context.Context, c *sim.Call) (any, error) {
	claims, err := c.Caller()
	if err != nil {
		return nil, err
	}
	token := str(input(c), "refreshToken")
	store := c.Session.Issuer().Store()
	p, ok := store.Holder(token)
	if !ok || p.Subject() != claims.Subject {
		return nil, c.Error("KT-CT-1130")
	}
	t, _ := store.Invalidate(token)
	return obj{"token": refreshTokenMap(newEnv(c), t, false)}, nil
}

// tokenUser is the user an email names, for a caller who is that user or an
// organisation; unauthorized otherwise.
func tokenUser(c *sim.Call, email, unauthorized string) (*sim.User, error) {
	claims, err := c.Caller()
	if err != nil {
		return nil, err
	}
	u := c.Session.World().UserByEmail(strings.TrimSpace(email))
	if u == nil || claims.Organization == "" && claims.UserID != u.ID {
		return nil, c.Error(unauthorized)
	}
	return u, nil
}

// invalidateRefreshTokensForUser forgets every refresh token of a user.
func invalidateRefreshTokensForUser(_ context.Context, c *sim.Call) (any, error) {
	u, err := tokenUser(c, str(input(c), "email"), "KT-CT-1128")
	if err != nil {
		return nil, err
	}
	w := newEnv(c)
	out := []any{}
	for _, t := range c.Session.Issuer().Store().InvalidateUser(u.ID) {
		out = append(out, refreshTokenMap(w, t, false))
	}
	return obj{"tokens": out}, nil
}

// obtainLongLivedRefreshToken gives an organisation a year's refresh token for the user
// whose access token it holds.
func obtainLongLivedRefreshToken(_ context.Context, c *sim.Call) (any, error) {
	claims, err := c.Caller()
	if err != nil {
		return nil, err
	}
	if claims.Organization == "" {
		return nil, c.Error("KT-CT-1132")
	}
	held, fail := c.Session.Authenticate(str(input(c), "krakenToken"))
	switch {
	case fail != nil && fail.Code == auth.CodeTokenExpired:
		return nil, c.Error("KT-CT-1120")
	case fail != nil:
		return nil, c.ValidationError("KT-CT-1121", "krakenToken is no Kraken access token.", "input", "krakenToken")
	case held.UserID == "":
		return nil, c.Error("KT-CT-1122")
	}
	rt, exp, err := c.Session.Issuer().LongLived(auth.Principal{UserID: held.UserID, Email: held.Email, Scope: held.Scope}, held.GrantType)
	if err != nil {
		return nil, errorf(c, "%v", err)
	}
	return obj{"refreshToken": rt, "refreshExpiresIn": exp}, nil
}

// generatePreSignedToken gives an organisation a pre-signed key for a user, for a
// purpose and a number of days.
func generatePreSignedToken(_ context.Context, c *sim.Call) (any, error) {
	claims, err := c.Caller()
	if err != nil {
		return nil, err
	}
	if claims.Organization == "" {
		return nil, c.Error("KT-CT-1131")
	}
	w := c.Session.World()
	u := w.UserByEmail(strings.TrimSpace(c.StringArg("email")))
	if u == nil {
		return nil, c.Error("KT-CT-1128")
	}
	days := 0
	switch v := c.Arg("numberOfDaysAllowed").(type) {
	case int:
		days = v
	case int64:
		days = int(v)
	case float64:
		days = int(v)
	}
	if days < 1 || days > 365 {
		return nil, c.ValidationError("KT-CT-1128", "numberOfDaysAllowed is 1 to 365.", "numberOfDaysAllowed")
	}
	k, err := addScopedKey(c, u, c.StringArg("scope"), time.Duration(days)*24*time.Hour)
	if err != nil {
		return nil, errorf(c, "drawing a key: %v", err)
	}
	return obj{"token": k.Key, "tokenExpiryDatetime": dateTime(k.Expires, c.Session.Zone()), "scope": k.Scope}, nil
}

// maxScopedKeys bounds the scoped keys a user holds; the oldest go first.
const maxScopedKeys = 50

// addScopedKey gives the user a new pre-signed key for scope, for d of the session's clock.
func addScopedKey(c *sim.Call, u *sim.User, scope string, d time.Duration) (sim.ScopedKey, error) {
	key, err := secretToken(16)
	if err != nil {
		return sim.ScopedKey{}, err
	}
	k := sim.ScopedKey{Key: key, Scope: scope, Expires: c.Session.Now().Add(d).UTC().Truncate(time.Second)}
	mu := c.Session.World().MutableUser(u.ID)
	if len(mu.ScopedKeys) >= maxScopedKeys {
		mu.ScopedKeys = mu.ScopedKeys[len(mu.ScopedKeys)-maxScopedKeys+1:]
	}
	mu.ScopedKeys = append(mu.ScopedKeys, k)
	return k, nil
}

// invalidatePreSignedTokensForUser withdraws a user's scoped keys, of one scope when
// given.
func invalidatePreSignedTokensForUser(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	u, err := tokenUser(c, str(in, "email"), "KT-CT-1129")
	if err != nil {
		return nil, err
	}
	scope := str(in, "scope")
	mu := c.Session.World().MutableUser(u.ID)
	out := []any{}
	if scope == "" {
		for _, k := range mu.PreSignedKeys {
			out = append(out, preSignedTokenMap(k, ""))
		}
		mu.PreSignedKeys = nil
	}
	kept := mu.ScopedKeys[:0]
	for _, k := range mu.ScopedKeys {
		if scope != "" && k.Scope != scope {
			kept = append(kept, k)
			continue
		}
		out = append(out, preSignedTokenMap(k.Key, k.Scope))
	}
	mu.ScopedKeys = kept
	return obj{"tokens": out}, nil
}

// unscopedKeyScope is the scope a withdrawn key that signs in for everything (a
// fixture's, sendPreSignedTokenEmail's) is answered with, as PreSignedToken.scope cannot
// be null: the first ExpiringTokenScope.
const unscopedKeyScope = "SUBMIT_METER_READINGS"

// preSignedTokenMap is a withdrawn PreSignedToken.
func preSignedTokenMap(key, scope string) obj {
	return obj{"key": key, "scope": cmp.Or(scope, unscopedKeyScope), "isValid": false}
}

// legacyAuthentication answers the deprecated emailAuthentication and
// apiKeyAuthentication: the user's legacy token, or the refusal in the answer's errors.
func legacyAuthentication(_ context.Context, c *sim.Call) (any, error) {
	in := auth.ObtainInput{Email: c.StringArg("email"), Password: c.StringArg("password"), APIKey: c.StringArg("apiKey")}
	tok, ok, err := c.Session.Issuer().Legacy(in, c.Session.Credentials())
	if err != nil {
		return nil, errorf(c, "%v", err)
	}
	if !ok {
		return obj{"token": nil, "errors": []any{obj{"field": "nonFieldErrors", "messages": []any{auth.LegacyRefusal}}}}, nil
	}
	return obj{"token": tok, "errors": nil}, nil
}

// disableToken withdraws the token that authenticated the request.
func disableToken(_ context.Context, c *sim.Call) (any, error) {
	h := c.Header("Authorization")
	if strings.TrimSpace(h) == "" {
		return nil, c.Error(c.MissingHeaderCode())
	}
	if _, fail := c.Session.Issuer().Disable(h); fail != nil {
		return nil, c.Error(fail.Code)
	}
	return obj{"message": "Token disabled."}, nil
}
