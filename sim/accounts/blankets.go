package accounts

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/krakensim/krakensim/sim"
)

// Electric blankets (Octopus's winter help): an account a user of which is on the
// Priority Services Register meets the vulnerability criteria
// (doesAccountMeetVulnerabilityCriteria) and may be sent a blanket once (orderBlanket;
// KT-GB-6013 otherwise), after which hasAlreadyReceivedBlanket says so. Any account may
// be given a discount code for one once (assignDiscountCode, emailed to its billing
// address; KT-GB-5912 a second time), which discountCode answers and
// hasReceivedADiscountCode says it has. krakensim's stock does not run out.

// vulnerable reports whether a user of the account has needs registered today.
func vulnerable(w *env, a *sim.Account) bool {
	return slices.ContainsFunc(w.AccountUsers(a.Number), func(u *sim.User) bool {
		return slices.ContainsFunc(u.PSRRecords, func(r sim.PSRRecord) bool { return r.Expiry == "" || r.Expiry >= w.today() })
	})
}

// blanketAccount is the account the argument names, or the viewer's first.
func blanketAccount(c *sim.Call, number string, mutable bool) (*sim.Account, error) {
	if number == "" {
		u, _, err := c.Viewer()
		if err != nil {
			return nil, err
		}
		if len(u.AccountNumbers) > 0 {
			number = u.AccountNumbers[0]
		}
	}
	if mutable {
		_, a, err := owned(c, number, "", "")
		return a, err
	}
	_, a, err := readable(c, number, "", "")
	return a, err
}

func doesAccountMeetVulnerabilityCriteria(_ context.Context, c *sim.Call) (any, error) {
	a, err := blanketAccount(c, c.StringArg("accountNumber"), false)
	if err != nil {
		return nil, err
	}
	return vulnerable(newEnv(c), a), nil
}

func hasAlreadyReceivedBlanket(_ context.Context, c *sim.Call) (any, error) {
	a, err := blanketAccount(c, c.StringArg("accountNumber"), false)
	if err != nil {
		return nil, err
	}
	return !a.BlanketOrderedAt.IsZero(), nil
}

func stockLeft(context.Context, *sim.Call) (any, error) { return true, nil }

// orderBlanket sends a blanket to an account that meets the criteria, once.
func orderBlanket(_ context.Context, c *sim.Call) (any, error) {
	a, err := blanketAccount(c, c.StringArg("accountNumber"), true)
	if err != nil {
		return nil, err
	}
	if !a.BlanketOrderedAt.IsZero() || !vulnerable(newEnv(c), a) {
		return nil, c.Error("KT-GB-6013")
	}
	a.BlanketOrderedAt = c.Session.Now().UTC().Truncate(time.Second)
	return obj{"success": true}, nil
}

func hasReceivedADiscountCode(_ context.Context, c *sim.Call) (any, error) {
	a, err := blanketAccount(c, c.StringArg("accountNumber"), false)
	if err != nil {
		return nil, err
	}
	return a.BlanketDiscountCode != "", nil
}

func discountCode(_ context.Context, c *sim.Call) (any, error) {
	a, err := blanketAccount(c, c.StringArg("accountNumber"), false)
	if err != nil {
		return nil, err
	}
	return orNil(a.BlanketDiscountCode), nil
}

// assignDiscountCode gives the account a discount code for a blanket, once.
func assignDiscountCode(_ context.Context, c *sim.Call) (any, error) {
	a, err := blanketAccount(c, c.StringArg("accountNumber"), true)
	if err != nil {
		return nil, err
	}
	if a.BlanketDiscountCode != "" {
		return nil, c.Error("KT-GB-5912")
	}
	a.BlanketDiscountCode = "WARM-" + strings.ToUpper(strings.ReplaceAll(hashUUID("blanket", a.Number)[:8], "-", ""))
	if to := mailFirst(c.Session.World(), a); to != "" {
		c.Session.World().AddMessage(&sim.Message{
			To: to, Subject: "Your electric blanket discount code", SentAt: c.Session.Now().UTC().Truncate(time.Second),
			Body: "Use " + a.BlanketDiscountCode + " at checkout.", Data: map[string]string{"accountNumber": a.Number, "discountCode": a.BlanketDiscountCode},
		})
	}
	return obj{"discountCode": a.BlanketDiscountCode}, nil
}
