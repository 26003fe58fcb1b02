// Package auth is Kraken's authentication as a pure domain: obtainKrakenToken's five
// sign-in modes, signed JWTs with Kraken's claims, refresh tokens, the Authorization
// header check, and the virtual clock that decides when tokens expire.
//
// It knows nothing of HTTP or of the error registry: failures carry a Kraken error code
// and the caller builds the GraphQL error from the registry.
package auth

import (
	"encoding/json"
	"strings"
	"time"
)

// Kraken error codes this package answers with.
const (
	// CodeUnauthorized: the signed-in viewer may not touch what was asked for.
	CodeUnauthorized = "KT-CT-1111"
	// CodeHeaderMissing: a field needing a signed-in user got no Authorization header.
	CodeHeaderMissing = "KT-CT-1112"
	// CodeTokenExpired: the access token's exp is past on the virtual clock.
	CodeTokenExpired = "KT-CT-1124"
	// CodeRefreshExpired: the refresh token is past its 7 days.
	CodeRefreshExpired = "KT-CT-1134"
	// CodeRefreshInvalid: the refresh token is not one this server issued.
	CodeRefreshInvalid = "KT-CT-1135"
	// CodeEmailPasswordIncomplete: only one of email and password was given.
	CodeEmailPasswordIncomplete = "KT-CT-1136"
	// CodeInputCombination: no sign-in mode, or more than one, was given.
	CodeInputCombination = "KT-CT-1137"
	// CodeBadCredentials: the email and password, or the API key, match no user.
	CodeBadCredentials = "KT-CT-1138"
	// CodeAuthenticationFailed: well-formed input that still may not sign in (locked
	// user, unknown or spent pre-signed key).
	CodeAuthenticationFailed = "KT-CT-1139"
	// CodeOrganizationSecretInvalid: the organization secret key matches no organization.
	CodeOrganizationSecretInvalid = "KT-CT-1140"
	// CodeInvalidCredential: the Authorization header is not a token this server accepts.
	CodeInvalidCredential = "KT-CT-1143"
)

// Grant types (the gty claim), one per sign-in mode.
const (
	GrantEmailAndPassword      = "EMAIL-AND-PASSWORD"
	GrantAPIKey                = "API-KEY"
	GrantPreSignedKey          = "PRE-SIGNED-KEY"
	GrantOrganizationSecretKey = "ORGANIZATION-SECRET-KEY"
	// GrantMasquerade is a support user's token acting as a customer
	// (masqueradeAuthentication).
	GrantMasquerade = "MASQUERADE"
)

// Token lifetimes.
const (
	AccessTTL  = 60 * time.Minute
	RefreshTTL = 7 * 24 * time.Hour
)

// TokenUseAccess is the tokenUse claim of every access token.
const TokenUseAccess = "access"

const (
	userSubjectPrefix = "kraken|account-user:"
	orgSubjectPrefix  = "kraken|organization:"
)

// Failure is a refused sign-in or header: the Kraken error code, the input field it
// concerns (for validationErrors' inputPath, empty for header failures) and a reason.
type Failure struct {
	Code   string
	Field  string
	Reason string
	// Recorded says the credential is an unsigned token a recording replays, which
	// only the recorded calls accept.
	Recorded bool
}

// RecordedTokenReason explains a Failure for a recording's token, for the error's
// extensions.
const RecordedTokenReason = "the Authorization token is an unsigned one (\"alg\": \"none\") that a recording replays: " +
	"only the calls the recording holds accept it. Record this call too, or sign in against the simulator " +
	"(without the recording's sign-in) for calls the recording lacks"

// Error makes a Failure usable as an error.
func (f *Failure) Error() string {
	if f.Field != "" {
		return f.Code + ": " + f.Field + ": " + f.Reason
	}
	return f.Code + ": " + f.Reason
}

func fail(code, field, reason string) *Failure {
	return &Failure{Code: code, Field: field, Reason: reason}
}

// Principal is who a credential signs in as: an account user (UserID, Email) or a
// third-party organization (Organization, with an empty UserID).
type Principal struct {
	UserID       string
	Email        string
	Organization string
	// Locked users exist but may not sign in by any mode.
	Locked bool
	// Scope is the ExpiringTokenScope of the pre-signed key that signed in, which the
	// token's scope claim carries; empty for every other sign-in.
	Scope string
}

// Subject is the sub claim for p.
func (p Principal) Subject() string {
	if p.UserID == "" && p.Organization != "" {
		return orgSubjectPrefix + p.Organization
	}
	return userSubjectPrefix + p.UserID
}

// Credentials looks sign-in secrets up; the simulator's world implements it from fixtures.
type Credentials interface {
	// ByEmail returns the user with that email and their password.
	ByEmail(email string) (Principal, string, bool)
	ByAPIKey(key string) (Principal, bool)
	ByPreSignedKey(key string) (Principal, bool)
	ByOrganizationSecretKey(key string) (Principal, bool)
}

// UserCredentials are Credentials that also find a user by id, so that a token obtained
// with a refresh token carries the user's claims as they are when it is issued.
type UserCredentials interface {
	ByUserID(id string) (Principal, bool)
}

// ObtainInput is obtainKrakenToken's ObtainJSONWebTokenInput; empty strings are absent.
type ObtainInput struct {
	Email                 string `json:"email,omitempty"`
	Password              string `json:"password,omitempty"`
	APIKey                string `json:"APIKey,omitempty"`
	RefreshToken          string `json:"refreshToken,omitempty"`
	PreSignedKey          string `json:"preSignedKey,omitempty"`
	OrganizationSecretKey string `json:"organizationSecretKey,omitempty"`
}

// InputFromMap reads ObtainInput from a GraphQL input object's coerced value; non-string
// values count as absent.
func InputFromMap(m map[string]any) ObtainInput {
	s := func(k string) string {
		v, _ := m[k].(string)
		return v
	}
	return ObtainInput{
		Email:                 s("email"),
		Password:              s("password"),
		APIKey:                s("APIKey"),
		RefreshToken:          s("refreshToken"),
		PreSignedKey:          s("preSignedKey"),
		OrganizationSecretKey: s("organizationSecretKey"),
	}
}

// Token is obtainKrakenToken's answer.
type Token struct {
	Token            string `json:"token"`
	RefreshToken     string `json:"refreshToken"`
	RefreshExpiresIn int64  `json:"refreshExpiresIn"`
	claims           tokenClaims
}

// Payload is the access token's claims as obtainKrakenToken's payload field answers
// them, made when asked (most sign-ins do not select it).
func (t *Token) Payload() map[string]any { return t.claims.payload() }

// MarshalJSON encodes the token with its payload, as obtainKrakenToken answers.
func (t *Token) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Token            string         `json:"token"`
		Payload          map[string]any `json:"payload"`
		RefreshToken     string         `json:"refreshToken"`
		RefreshExpiresIn int64          `json:"refreshExpiresIn"`
	}{t.Token, t.Payload(), t.RefreshToken, t.RefreshExpiresIn})
}

// Claims is the identity an accepted access token carries.
type Claims struct {
	Subject      string
	UserID       string // empty for organization tokens
	Organization string // empty for account-user tokens
	Email        string
	GrantType    string
	// Scope is the pre-signed key's scope the token was obtained with; empty for none.
	Scope     string
	TokenUse  string
	Issuer    string
	IssuedAt  time.Time
	ExpiresAt time.Time
	OrigIat   time.Time
}

// IsUser reports whether the token signs in an account user with the given id.
func (c *Claims) IsUser(id string) bool {
	return c != nil && c.UserID != "" && c.UserID == id
}

// Authorize answers whether the viewer may touch something the given users own: nil when
// the viewer is one of them, else a failure with code (CodeUnauthorized when empty, or
// the field's own documented "Unauthorized." code).
func (c *Claims) Authorize(code string, owners ...string) *Failure {
	for _, id := range owners {
		if c.IsUser(id) {
			return nil
		}
	}
	if code == "" {
		code = CodeUnauthorized
	}
	return fail(code, "", "the viewer does not own the requested data")
}

func subjectParts(sub string) (user, org string, ok bool) {
	if id, found := strings.CutPrefix(sub, userSubjectPrefix); found && id != "" {
		return id, "", true
	}
	if id, found := strings.CutPrefix(sub, orgSubjectPrefix); found && id != "" {
		return "", id, true
	}
	return "", "", false
}
