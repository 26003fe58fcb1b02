package accounts

import (
	"cmp"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/graphql"
)

// applyUserDetails checks and applies the details updateUser and updateUserDetails
// share; it returns the Kraken error (5413 malformed, a blank name among them, 5414
// clashing) without applying anything when one is wrong.
func applyUserDetails(c *sim.Call, u *sim.User, in map[string]any, malformed, clash string) error {
	if email, ok := strPtr(in, "email"); ok {
		if !validEmail(email) {
			return c.ValidationError(malformed, "Enter a valid email address.", "input", "email")
		}
		if other := c.Session.World().UserByEmail(email); other != nil && other != u {
			return c.ValidationError(clash, "This email address is already in use.", "input", "email")
		}
	}
	if dob, ok := strPtr(in, "dateOfBirth"); ok {
		d, valid := parseDate(dob)
		if !valid || d > today(c) {
			return c.ValidationError(malformed, "Enter a date of birth in the past.", "input", "dateOfBirth")
		}
	}
	for _, key := range []string{"mobile", "landline"} {
		if v, ok := strPtr(in, key); ok && v != "" && !phoneLike(v) {
			return c.ValidationError(malformed, "Enter a valid phone number.", "input", key)
		}
	}
	for key, what := range map[string]string{"givenName": "given", "familyName": "family"} {
		if v, ok := strPtr(in, key); ok && strings.TrimSpace(v) == "" {
			return c.ValidationError(malformed, "Enter a "+what+" name: a user always has one.", "input", key)
		}
	}
	details, _ := in["details"].([]any)
	for i, d := range details {
		if m, _ := d.(map[string]any); m == nil || strings.TrimSpace(str(m, "namespace")) == "" {
			return c.ValidationError(malformed, "Enter a namespace for each detail.", "input", "details", i, "namespace")
		}
	}
	if originUserRules(c) {
		if v, ok := strPtr(in, "givenName"); ok && detailKey("givenName", v) != detailKey("givenName", u.GivenName) {
			return c.ValidationError(malformed, "The given name cannot be changed here.", "input", "givenName")
		}
	} else if err := nameRule(c, u, in, clash); err != nil {
		return err
	}
	for key, field := range map[string]*string{
		"givenName": &u.GivenName, "familyName": &u.FamilyName, "pronouns": &u.Pronouns,
		"mobile": &u.Mobile, "landline": &u.Landline, "dateOfBirth": &u.DateOfBirth, "title": &u.Title,
		"label": &u.Label,
	} {
		if v, ok := strPtr(in, key); ok {
			*field = strings.TrimSpace(v)
		}
	}
	if details != nil {
		u.Details = mergeDetails(u.Details, details)
	}
	if email, ok := strPtr(in, "email"); ok && email != u.Email {
		noteUserComms(c.Session.World(), u, c.Session.Now())
		u.Email = email
	}
	return nil
}

// mergeDetails is what a user's details become when updateUser gives some: each
// namespace given takes its value (a new one is added at the end), a null value drops
// the namespace, and those not given stay as they were.
func mergeDetails(have []sim.UserDetail, given []any) []sim.UserDetail {
	out := slices.Clone(have)
	for _, g := range given {
		d, _ := g.(map[string]any)
		ns := strings.TrimSpace(str(d, "namespace"))
		i := slices.IndexFunc(out, func(x sim.UserDetail) bool { return x.Namespace == ns })
		v, set := d["value"].(string)
		switch {
		case !set && i >= 0:
			out = slices.Delete(out, i, i+1)
		case set && i >= 0:
			out[i].Value = v
		case set:
			out = append(out, sim.UserDetail{Namespace: ns, Value: v})
		}
	}
	return out
}

// userDetails are a user's details as AccountUserType.details answers them.
func userDetails(u *sim.User) []any {
	out := make([]any, 0, len(u.Details))
	for _, d := range u.Details {
		out = append(out, obj{"namespace": d.Namespace, "value": d.Value, "isSensitive": false})
	}
	return out
}

// originUserRules reports whether the field served is Origin's updateUser, whose
// contract blocks changing the given name and sets no limit on changes a day, rather
// than Octopus's one name a day.
func originUserRules(c *sim.Call) bool {
	d := c.Field.Definition
	return d != nil && d.Name == "updateUser" && strings.Contains(d.Description, "givenName fields are blocked")
}

// newCustomerDays is how long a new customer may change both their names in a day.
const newCustomerDays = 31

// detailKey is what a detail says, written either way: a phone number's digits, an
// address in any case, anything else trimmed.
func detailKey(field, v string) string {
	switch field {
	case "mobile", "landline":
		return strings.Map(func(r rune) rune {
			if unicode.IsDigit(r) || r == '+' {
				return r
			}
			return -1
		}, v)
	case "email":
		return strings.ToLower(strings.TrimSpace(v))
	}
	return strings.TrimSpace(v)
}

// dayChangeKey is the session value holding the field a user changed on a day under a
// rule (one name a day, one detail a day).
type dayChangeKey struct{ rule, user, day string }

// nameRule holds updateUser's rule that only one name field (givenName, familyName)
// changes a day, so that an account is not handed to someone else by renaming its
// holder (clash, naming the field refused).
func nameRule(c *sim.Call, u *sim.User, in map[string]any, clash string) error {
	return dayRule(c, u, in, "name", map[string]string{"givenName": u.GivenName, "familyName": u.FamilyName}, clash)
}

// dayRule holds a rule that only one of the fields given (by their values now) changes
// a day (clash, naming the field refused); a customer of less than newCustomerDays (by
// their first account's creation), or one with no account yet, is exempt. It records
// the field changed today.
func dayRule(c *sim.Call, u *sim.User, in map[string]any, rule string, fields map[string]string, clash string) error {
	var changed []string
	for key, cur := range fields {
		if v, ok := strPtr(in, key); ok && detailKey(key, v) != detailKey(key, cur) {
			changed = append(changed, key)
		}
	}
	if len(changed) == 0 {
		return nil
	}
	slices.Sort(changed)
	var since time.Time
	held := false
	for _, n := range u.AccountNumbers {
		if a := c.Session.World().Account(n); a != nil {
			held = true
			if !a.CreatedAt.IsZero() && (since.IsZero() || a.CreatedAt.Before(since)) {
				since = a.CreatedAt
			}
		}
	}
	if !held || !since.IsZero() && c.Session.Now().Sub(since) < newCustomerDays*24*time.Hour {
		return nil // someone joining, or a new customer
	}
	key := dayChangeKey{rule, u.ID, today(c)}
	before, _ := c.Session.Value(key).(string)
	for _, f := range changed {
		if other := cmp.Or(before, changed[0]); f != other {
			return c.ValidationError(clash, "Only one "+rule+" field can be changed a day; "+other+" is changed today, so "+f+" can be changed tomorrow.", "input", f)
		}
	}
	c.Session.SetValue(key, changed[0])
	return nil
}

func phoneLike(s string) bool {
	n := 0
	for _, r := range s {
		switch {
		case unicode.IsDigit(r):
			n++
		case strings.ContainsRune(" +-()", r):
		default:
			return false
		}
	}
	return n >= 7 && n <= 15
}

// updateUser changes the viewer's details (only the viewer's: userId must be theirs).
func updateUser(_ context.Context, c *sim.Call) (any, error) {
	u, _, err := c.MutableViewer()
	if err != nil {
		return nil, err
	}
	in := input(c)
	if id, ok := strPtr(in, "userId"); ok && id != "" && id != u.ID {
		return nil, c.Error(codeUnauthorized)
	}
	if err := applyUserDetails(c, u, in, "KT-CT-5413", "KT-CT-5414"); err != nil {
		return nil, err
	}
	return obj{"viewer": userMap(newEnv(c), u)}, nil
}

// updateUserDetails is the deprecated form of updateUser: problems come back in the
// payload's errors list rather than as GraphQL errors.
func updateUserDetails(_ context.Context, c *sim.Call) (any, error) {
	u, _, err := c.MutableViewer()
	if err != nil {
		return nil, err
	}
	in := input(c)
	out := obj{"clientMutationId": orNil(str(in, "clientMutationId")), "errors": []any{}}
	details := map[string]string{"givenName": u.GivenName, "familyName": u.FamilyName, "pronouns": u.Pronouns, "mobile": u.Mobile,
		"email": u.Email, "dateOfBirth": u.DateOfBirth, "landline": u.Landline}
	key := dayChangeKey{"detail", u.ID, today(c)}
	before := c.Session.Value(key)
	err = dayRule(c, u, in, "detail", details, "KT-CT-5414")
	if err == nil {
		if err = applyUserDetails(c, u, in, "KT-CT-5413", "KT-CT-5414"); err != nil {
			c.Session.SetValue(key, before) // a refused change takes no day's change
		}
	}
	if err != nil {
		field, msg := "input", err.Error()
		if v, ok := validationPath(err); ok {
			field, msg = v.field, v.message
		}
		out["errors"] = []any{obj{"field": field, "messages": []any{msg}}}
	}
	// The user's details as they stand: changed, or as they were when refused.
	out["givenName"], out["familyName"], out["email"] = u.GivenName, u.FamilyName, u.Email
	out["pronouns"], out["mobile"], out["landline"] = orNil(u.Pronouns), orNil(u.Mobile), orNil(u.Landline)
	out["dateOfBirth"] = orNil(u.DateOfBirth)
	return out, nil
}

type validationEntry struct{ field, message string }

// validationPath reads the first validationErrors entry of a Kraken error.
func validationPath(err error) (validationEntry, bool) {
	var e *graphql.Error
	if !errors.As(err, &e) {
		return validationEntry{}, false
	}
	list, _ := e.Extensions["validationErrors"].([]any)
	if len(list) == 0 {
		return validationEntry{}, false
	}
	first, _ := list[0].(map[string]any)
	path, _ := first["inputPath"].([]any)
	field := "input"
	if len(path) > 0 {
		field, _ = path[len(path)-1].(string)
	}
	msg, _ := first["message"].(string)
	return validationEntry{field, msg}, true
}

// updateCommsPreferences changes the viewer's communication preferences; a font size
// outside 0.5–3 is not a valid preference (KT-GB-5414).
func updateCommsPreferences(_ context.Context, c *sim.Call) (any, error) {
	u, _, err := c.MutableViewer()
	if err != nil {
		return nil, err
	}
	in := input(c)
	if f, ok := number(in["fontSizeMultiplier"]); ok && (f < 0.5 || f > 3) {
		return nil, c.ValidationError("KT-GB-5414", "The font size multiplier must be between 0.5 and 3.", "input", "fontSizeMultiplier")
	}
	// The input takes Strings that the preferences answer as enums: a value no enum has
	// would be kept and then fail every read.
	for key, enum := range map[string]string{"emailFormat": "EmailFormats", "preferredHoldMusic": "Songs"} {
		v, ok := strPtr(in, key)
		if values := c.EnumValues(enum); ok && values != nil && !slices.Contains(values, v) {
			return nil, c.ValidationError("KT-GB-5414", key+" must be one of "+strings.Join(values, ", ")+".", "input", key)
		}
	}
	p := &u.Preferences
	for key, field := range map[string]*bool{
		"isOptedInToClientMessages":          &p.IsOptedInToClientMessages,
		"isOptedInToOfferMessages":           &p.IsOptedInToOfferMessages,
		"isOptedInToRecommendedMessages":     &p.IsOptedInToRecommendedMessages,
		"isOptedInToUpdateMessages":          &p.IsOptedInToUpdateMessages,
		"isOptedInToThirdPartyMessages":      &p.IsOptedInToThirdPartyMessages,
		"isOptedInMeterReadingConfirmations": &p.IsOptedInMeterReadingConfirmations,
		"isOptedInToSmsMessages":             &p.IsOptedInToSmsMessages,
		"isUsingInvertedEmailColours":        &p.IsUsingInvertedEmailColours,
	} {
		if v, ok := boolean(in, key); ok {
			*field = v
		}
	}
	if v, ok := strPtr(in, "emailFormat"); ok {
		p.EmailFormat = v
	}
	if v, ok := strPtr(in, "preferredHoldMusic"); ok {
		p.PreferredHoldMusic = v
	}
	if f, ok := number(in["fontSizeMultiplier"]); ok {
		p.FontSizeMultiplier = f
	}
	return obj{"commsPreferences": prefsMap(*p)}, nil
}

// consentTypes are the consent codes the platform defines, besides those the world uses.
var consentTypes = []string{
	"ELECTRICITY_HALF_HOURLY_READINGS", "GAS_HALF_HOURLY_READINGS", "SMART_METER_DATA_SHARING",
	"MARKETING_EMAIL", "MARKETING_SMS", "MARKETING_POST", "MARKETING_PHONE", "MARKETING_THIRD_PARTY",
	"PAPERLESS_BILLING", "RESEARCH_SURVEYS",
}

func knownConsent(w *sim.World, code string) bool {
	if slices.Contains(consentTypes, code) {
		return true
	}
	for _, u := range w.Users {
		if u != nil && slices.ContainsFunc(u.Consents, func(c sim.Consent) bool { return c.Code == code }) {
			return true
		}
	}
	for _, a := range w.Accounts {
		if a != nil && slices.ContainsFunc(a.Consents, func(c sim.Consent) bool { return c.Code == code }) {
			return true
		}
	}
	return false
}

// setConsents checks a consent update (9014 duplicates, 9017 unknown types, missing
// values) and applies it to list.
func setConsents(c *sim.Call, list *[]sim.Consent, updates []sim.Consent, arg string, invalid string) error {
	w := c.Session.World()
	seen := map[string]bool{}
	for i, up := range updates {
		if seen[up.Code] {
			return c.ValidationError("KT-CT-9014", "Consent "+up.Code+" is given twice.", arg, i)
		}
		seen[up.Code] = true
		if !knownConsent(w, up.Code) {
			return c.ValidationError("KT-CT-9017", "Unknown consent type "+up.Code+".", arg, i)
		}
		if up.Value == "" {
			return c.ValidationError(invalid, "A value is required for consent "+up.Code+".", arg, i, "value")
		}
	}
	for _, up := range updates {
		if i := slices.IndexFunc(*list, func(x sim.Consent) bool { return x.Code == up.Code }); i >= 0 {
			(*list)[i].Value = up.Value
		} else {
			*list = append(*list, up)
		}
	}
	return nil
}

// updateAccountUserConsents records the viewer's answers to consent types.
func updateAccountUserConsents(_ context.Context, c *sim.Call) (any, error) {
	u, _, err := c.MutableViewer()
	if err != nil {
		return nil, err
	}
	if n := c.StringArg("userNumber"); n != "" && n != u.ID {
		if c.Session.World().User(n) == nil {
			return nil, c.Error("KT-CT-5421")
		}
		return nil, c.Error(codeUnauthorized)
	}
	var updates []sim.Consent
	items, _ := c.Arg("consents").([]any)
	for _, it := range items {
		m, _ := it.(map[string]any)
		updates = append(updates, sim.Consent{Code: str(m, "consentTypeCode"), Value: str(m, "value")})
	}
	if err := setConsents(c, &u.Consents, updates, "consents", "KT-CT-1605"); err != nil {
		return nil, err
	}
	return obj{"accountUserConsents": obj{"consents": consentList(u.Consents, "1"+u.ID)}}, nil
}

// updateAccountConsents records an account's answers to consent types.
func updateAccountConsents(_ context.Context, c *sim.Call) (any, error) {
	_, a, err := owned(c, c.StringArg("accountNumber"), codeUnauthorized, "KT-CT-9018")
	if err != nil {
		return nil, err
	}
	var updates []sim.Consent
	items, _ := c.Arg("consents").([]any)
	for _, it := range items {
		m, _ := it.(map[string]any)
		updates = append(updates, sim.Consent{Code: str(m, "code"), Value: str(m, "value")})
	}
	if err := setConsents(c, &a.Consents, updates, "consents", "KT-CT-9017"); err != nil {
		return nil, err
	}
	deliveryOf(c, a, updates)
	return obj{"consents": consentList(a.Consents, accountID(a.Number))}, nil
}

// passwordProblem says why a new password breaks the policy, as the code Kraken's
// validationErrors give it and a message; "" and "" for a good one. current is the
// password it replaces ("" when it is not known).
func passwordProblem(pw, email, current string) (code, msg string) {
	local, _, _ := strings.Cut(strings.ToLower(email), "@")
	switch {
	case len(pw) < 8:
		return "password_too_short", "This password is too short. It must contain at least 8 characters."
	case strings.Trim(pw, "0123456789") == "":
		return "password_entirely_numeric", "This password is entirely numeric."
	case strings.EqualFold(pw, email), strings.EqualFold(pw, "password"), strings.EqualFold(pw, "password1"):
		return "password_too_common", "This password is too common."
	case current != "" && pw == current:
		return "password_matches_current", "The new password must differ from the current one."
	case len(local) >= 4 && strings.Contains(strings.ToLower(pw), local):
		return "password_contains_part_of_email_address", "The password contains part of the email address."
	}
	return "", ""
}

// passwordError is KT-CT-5450 for a password at inputPath that breaks the policy, its
// validationErrors entry carrying the code.
func passwordError(c *sim.Call, code, msg string, inputPath ...any) error {
	err := c.ValidationError("KT-CT-5450", msg, inputPath...)
	if e, ok := err.(*graphql.Error); ok {
		if list, ok := e.Extensions["validationErrors"].([]any); ok && len(list) == 1 {
			list[0].(map[string]any)["code"] = code
		}
	}
	return err
}

// updateEmailAndPassword changes the viewer's sign-in email and password together.
func updateEmailAndPassword(_ context.Context, c *sim.Call) (any, error) {
	u, _, err := c.MutableViewer()
	if err != nil {
		return nil, err
	}
	in := input(c)
	email, pw := strings.TrimSpace(str(in, "email")), str(in, "password")
	if !validEmail(email) {
		return nil, c.ValidationError("KT-CT-5413", "Enter a valid email address.", "input", "email")
	}
	if other := c.Session.World().UserByEmail(email); other != nil && other != u {
		return nil, c.ValidationError("KT-CT-5414", "This email address is already in use.", "input", "email")
	}
	if code, msg := passwordProblem(pw, email, ""); msg != "" {
		return nil, passwordError(c, code, msg, "input", "password")
	}
	u.Email, u.Password = email, pw
	return obj{"success": true}, nil
}

// updatePassword changes the viewer's password after checking the old one: a wrong old
// password is KT-CT-5460, any other problem KT-CT-5450, with the reason in
// validationErrors.
func updatePassword(_ context.Context, c *sim.Call) (any, error) {
	u, _, err := c.MutableViewer()
	if err != nil {
		return nil, err
	}
	in := input(c)
	old, pw, confirm := str(in, "oldPassword"), str(in, "newPassword"), str(in, "newPasswordConfirmed")
	switch {
	case old != u.Password:
		return nil, c.ValidationError("KT-CT-5460", "Your old password was entered incorrectly.", "input", "oldPassword")
	case pw != confirm:
		return nil, c.ValidationError("KT-CT-5450", "The two password fields didn't match.", "input", "newPasswordConfirmed")
	}
	if code, msg := passwordProblem(pw, u.Email, u.Password); msg != "" {
		return nil, passwordError(c, code, msg, "input", "newPassword")
	}
	u.Password = pw
	return obj{"viewer": userMap(newEnv(c), u)}, nil
}

// regenerateSecretKey gives the viewer a new API key; the old one stops signing in.
func regenerateSecretKey(_ context.Context, c *sim.Call) (any, error) {
	u, _, err := c.MutableViewer()
	if err != nil {
		return nil, err
	}
	b := make([]byte, 12)
	if _, err := rand.Read(b); err != nil {
		return nil, errorf(c, "drawing a key: %v", err)
	}
	u.APIKey = "sk_live_krakensim" + hex.EncodeToString(b)
	return obj{"key": u.APIKey, "viewer": userMap(newEnv(c), u)}, nil
}

// invalidatePreSignedToken withdraws a pre-signed key, for its user or an
// organisation: KT-CT-1129 for a key neither holds.
func invalidatePreSignedToken(_ context.Context, c *sim.Call) (any, error) {
	claims, err := c.Caller()
	if err != nil {
		return nil, err
	}
	key := str(input(c), "token")
	w := c.Session.World()
	for _, u := range w.Users {
		if u == nil || key == "" || claims.Organization == "" && claims.UserID != u.ID {
			continue
		}
		if i := slices.Index(u.PreSignedKeys, key); i >= 0 {
			mu := w.MutableUser(u.ID)
			mu.PreSignedKeys = slices.Delete(mu.PreSignedKeys, i, i+1)
			return obj{"token": preSignedTokenMap(key, "")}, nil
		}
		if i := slices.IndexFunc(u.ScopedKeys, func(k sim.ScopedKey) bool { return k.Key == key }); i >= 0 {
			mu := w.MutableUser(u.ID)
			scope := mu.ScopedKeys[i].Scope
			mu.ScopedKeys = slices.Delete(mu.ScopedKeys, i, i+1)
			return obj{"token": preSignedTokenMap(key, scope)}, nil
		}
	}
	return nil, c.Error("KT-CT-1129")
}
