package accounts

import (
	"context"
	"net"
	"slices"
	"strings"
	"time"

	"github.com/krakensim/krakensim/sim"
)

// Double opt-in: a consent given by message before it counts. requestDoubleOptIn names
// an account (its consent, the message to its billing email) or one email address or
// mobile number (that user's consent; KT-CT-9019 for more than one, none, or an address
// no user has; KT-CT-9018 for an account that does not exist, the field's Unauthorized
// for one the viewer does not hold), a consent type (KT-CT-9017) and the customer's IP
// address (KT-CT-9019 for one that is not). The consent becomes PENDING, unless already
// accepted, and the message carries a token; confirmDoubleOptIn with it within a week
// accepts the consent (KT-CT-9021 for a token the viewer has none of, KT-CT-9020 for one
// expired, KT-CT-9022 once accepted). Messages are kept as the password reset's are.

// optInLifetime is how long a double opt-in token works.
const optInLifetime = 7 * 24 * time.Hour

// requestDoubleOptIn asks the customer to confirm a consent.
func requestDoubleOptIn(_ context.Context, c *sim.Call) (any, error) {
	viewer, _, err := c.Viewer()
	if err != nil {
		return nil, err
	}
	in := input(c)
	w := c.Session.World()
	number, email, mobile := strings.TrimSpace(str(in, "accountNumber")), strings.TrimSpace(str(in, "emailAddress")), strings.TrimSpace(str(in, "mobileNumber"))
	given := 0
	for _, v := range []string{number, email, mobile} {
		if v != "" {
			given++
		}
	}
	if given != 1 {
		return nil, c.ValidationError("KT-CT-9019", "Send one of accountNumber, emailAddress or mobileNumber.", "input")
	}
	code := str(in, "consentTypeCode")
	if !knownConsent(w, code) {
		return nil, c.ValidationError("KT-CT-9017", "Unknown consent type "+code+".", "input", "consentTypeCode")
	}
	if ip := str(in, "ipAddress"); net.ParseIP(strings.TrimSpace(ip)) == nil {
		return nil, c.ValidationError("KT-CT-9019", "ipAddress "+ip+" is no IP address.", "input", "ipAddress")
	}
	token, err := secretToken(16)
	if err != nil {
		return nil, errorf(c, "drawing a token: %v", err)
	}
	now := c.Session.Now().Truncate(time.Second)
	var list *[]sim.Consent
	var owner, to string
	switch {
	case number != "":
		a := w.Account(number)
		if a == nil {
			return nil, c.ValidationError("KT-CT-9018", "No account has number "+number+".", "input", "accountNumber")
		}
		if !viewer.CanAccess(number) {
			return nil, c.Error(codeUnauthorized)
		}
		ma := w.MutableAccount(number)
		list, owner, to = &ma.Consents, accountID(number), cmpOrEmail(ma.BillingEmail, viewer.Email)
	default:
		var u *sim.User
		for _, x := range w.Users {
			if x != nil && (email != "" && strings.EqualFold(x.Email, email) || mobile != "" && samePhone(x.Mobile, mobile)) {
				u = x
			}
		}
		if u == nil {
			return nil, c.ValidationError("KT-CT-9019", "No customer has "+email+mobile+".", "input")
		}
		mu := w.MutableUser(u.ID)
		list, owner, to = &mu.Consents, "1"+u.ID, email+mobile
	}
	i := slices.IndexFunc(*list, func(x sim.Consent) bool { return x.Code == code })
	if i < 0 {
		*list = append(*list, sim.Consent{Code: code, Value: "UNKNOWN"})
		i = len(*list) - 1
	}
	if (*list)[i].Value != "ACCEPTED" {
		(*list)[i].Value = "PENDING"
	}
	(*list)[i].OptIn = &sim.OptIn{Token: token, Expires: now.Add(optInLifetime)}
	url := link(c, "/consents/confirm/?token="+token)
	w.AddMessage(&sim.Message{
		To: to, Subject: "Confirm: " + consentName(code), SentAt: now,
		Body: "Please confirm you agree to " + strings.ToLower(consentName(code)) + ": " + url + "\n\nThe link works for seven days.",
		Data: map[string]string{"token": token, "consentTypeCode": code, "link": url},
	})
	return obj{"consent": consentList(*list, owner)[i]}, nil
}

// cmpOrEmail is the first address that is one.
func cmpOrEmail(addresses ...string) string {
	for _, a := range addresses {
		if validEmail(a) {
			return a
		}
	}
	return ""
}

// samePhone reports whether two phone numbers are the same, spaces aside.
func samePhone(x, y string) bool {
	strip := func(s string) string { return strings.ReplaceAll(s, " ", "") }
	return x != "" && strip(x) == strip(y)
}

// confirmDoubleOptIn accepts the consent a double opt-in's token was sent for.
func confirmDoubleOptIn(_ context.Context, c *sim.Call) (any, error) {
	viewer, _, err := c.Viewer()
	if err != nil {
		return nil, err
	}
	token := strings.TrimSpace(str(input(c), "token"))
	w := c.Session.World()
	now := c.Session.Now()
	find := func(list []sim.Consent) int {
		return slices.IndexFunc(list, func(x sim.Consent) bool { return token != "" && x.OptIn != nil && x.OptIn.Token == token })
	}
	confirm := func(list []sim.Consent, i int, owner string) (any, error) {
		switch {
		case list[i].Value == "ACCEPTED":
			return nil, c.Error("KT-CT-9022")
		case !now.Before(list[i].OptIn.Expires):
			return nil, c.Error("KT-CT-9020")
		}
		list[i].Value = "ACCEPTED"
		return obj{"consent": consentList(list, owner)[i]}, nil
	}
	for _, u := range w.Users {
		if u != nil && u.ID == viewer.ID {
			if i := find(u.Consents); i >= 0 {
				mu := w.MutableUser(u.ID)
				return confirm(mu.Consents, i, "1"+u.ID)
			}
		}
	}
	for a := range heldBy(w, viewer) {
		if i := find(a.Consents); i >= 0 {
			ma := w.MutableAccount(a.Number)
			return confirm(ma.Consents, i, accountID(a.Number))
		}
	}
	return nil, c.Error("KT-CT-9021")
}
