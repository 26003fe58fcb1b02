package sim

import (
	"maps"
	"strings"
	"time"
)

// WorldOverview is what the dashboard shows of a session's world: who can sign in and
// how, the accounts, the organisations' keys, and the emails sent, newest first.
type WorldOverview struct {
	Session       string                 `json:"session"`
	Users         []UserOverview         `json:"users"`
	Accounts      []AccountOverview      `json:"accounts"`
	Organizations []OrganizationOverview `json:"organizations"`
	Messages      []Message              `json:"messages"`
	// Checkouts are the session's checkouts, newest first, each with its hosted page.
	Checkouts []CheckoutOverview `json:"checkouts"`
}

// CheckoutOverview is one checkout of a WorldOverview: the checkout, its status now and
// the path of its hosted page (where an embedded form's checkout is completed too).
type CheckoutOverview struct {
	Checkout
	Status string `json:"status"`
	Page   string `json:"page"`
}

// UserOverview is one user of a WorldOverview, with the secrets that sign them in.
type UserOverview struct {
	ID            string   `json:"id"`
	Email         string   `json:"email"`
	Name          string   `json:"name"`
	Password      string   `json:"password,omitempty"`
	APIKey        string   `json:"apiKey,omitempty"`
	PreSignedKeys []string `json:"preSignedKeys,omitempty"`
	// ScopedKeys are the pre-signed keys issued for a purpose, until they expire.
	ScopedKeys []ScopedKeyOverview `json:"scopedKeys,omitempty"`
	Accounts   []string            `json:"accounts"`
}

// ScopedKeyOverview is a user's pre-signed key for a purpose, and when it stops signing in.
type ScopedKeyOverview struct {
	Key     string    `json:"key"`
	Scope   string    `json:"scope"`
	Expires time.Time `json:"expires"`
}

// AccountOverview is one account of a WorldOverview.
type AccountOverview struct {
	Number      string `json:"number"`
	Status      string `json:"status"`
	BillingName string `json:"billingName"`
	Balance     int    `json:"balance"`
}

// OrganizationOverview is one organisation of a WorldOverview, with its secret key.
type OrganizationOverview struct {
	Name      string `json:"name"`
	SecretKey string `json:"secretKey,omitempty"`
}

// WorldOverview describes the world of the session named id (created from the
// fixtures if new), without counting as a request.
func (s *Simulator) WorldOverview(id string) (WorldOverview, error) {
	sess, err := s.Session(id)
	if err != nil {
		return WorldOverview{}, err
	}
	return s.overviewOf(sess), nil
}

// PeekWorld is WorldOverview for an admin read, which makes no session: ErrNoSession
// for one that does not exist, but for the default session, which reads as the
// fixtures until its first request.
func (s *Simulator) PeekWorld(id string) (WorldOverview, error) {
	sess, err := s.readable(id)
	if err != nil {
		return WorldOverview{}, err
	}
	return s.overviewOf(sess), nil
}

func (s *Simulator) overviewOf(sess *Session) WorldOverview {
	sess.mu.Lock()
	defer sess.mu.Unlock()
	now := sess.Now()
	out := overview(sess.world, now.In(sess.Zone()))
	out.Session = sess.ID
	if find := s.finders["AccountType"]; find != nil {
		for i := range out.Accounts { // the balance today, as GraphQL answers it, not the fixtures'
			if m, ok := find(sess, "number", out.Accounts[i].Number); ok {
				if balance, ok := m["balance"].(Lazy); ok {
					if v, err := balance(nil); err == nil {
						if b, ok := v.(int); ok {
							out.Accounts[i].Balance = b
						}
					}
				}
			}
		}
	}
	for i := len(sess.world.Checkouts) - 1; i >= 0; i-- {
		if c := sess.world.Checkouts[i]; c != nil {
			out.Checkouts = append(out.Checkouts, CheckoutOverview{Checkout: *c, Status: c.StatusAt(now), Page: s.checkouts.Link("", sess.ID, c.ID)})
		}
	}
	return out
}

// SignInHint returns the first fixture user who signs in with an email and password,
// for forms to start from; both are empty when there is none.
func (s *Simulator) SignInHint() (email, password string) {
	for _, u := range s.world.Users {
		if u != nil && u.Email != "" && u.Password != "" {
			return u.Email, u.Password
		}
	}
	return "", ""
}

// overview is w as the admin API shows it at now (in the tenant's zone).
func overview(w *World, now time.Time) WorldOverview {
	out := WorldOverview{Users: []UserOverview{}, Accounts: []AccountOverview{}, Organizations: []OrganizationOverview{}, Messages: []Message{}, Checkouts: []CheckoutOverview{}}
	for _, u := range w.Users {
		if u == nil {
			continue
		}
		name := strings.TrimSpace(u.GivenName + " " + u.FamilyName)
		accounts := append([]string{}, u.AccountNumbers...)
		out.Users = append(out.Users, UserOverview{
			ID: u.ID, Email: u.Email, Name: name, Password: u.Password, APIKey: u.APIKey,
			PreSignedKeys: append([]string(nil), u.PreSignedKeys...), Accounts: accounts,
		})
		for _, k := range u.ScopedKeys {
			if now.Before(k.Expires) {
				last := &out.Users[len(out.Users)-1]
				last.ScopedKeys = append(last.ScopedKeys, ScopedKeyOverview(k))
			}
		}
	}
	for _, a := range w.Accounts {
		if a == nil {
			continue
		}
		out.Accounts = append(out.Accounts, AccountOverview{Number: a.Number, Status: a.StatusOn(now.Format(time.DateOnly)), BillingName: a.BillingName, Balance: a.Balance})
	}
	for _, o := range w.Organizations {
		if o == nil {
			continue
		}
		out.Organizations = append(out.Organizations, OrganizationOverview{Name: o.Name, SecretKey: o.SecretKey})
	}
	for i := len(w.Messages) - 1; i >= 0; i-- {
		if m := w.Messages[i]; m != nil {
			c := *m
			c.Data = maps.Clone(m.Data)
			out.Messages = append(out.Messages, c)
		}
	}
	return out
}
