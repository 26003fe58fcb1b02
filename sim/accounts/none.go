package accounts

import (
	"context"

	"github.com/krakensim/krakensim/sim"
)

// The root fields below answer, for an account the viewer may read, what the state
// records none of; a scenario still scripts them.

// ofReadable is a resolver that answers answer's value for the account its
// accountNumber argument names, once the viewer may read it.
func ofReadable(answer func(c *sim.Call, a *sim.Account) (any, error)) sim.Resolver {
	return func(_ context.Context, c *sim.Call) (any, error) {
		_, a, err := readable(c, c.StringArg("accountNumber"), "", "")
		if err != nil {
			return nil, err
		}
		return answer(c, a)
	}
}

// none answers a root list: a security deposit's return (Origin's returnSchedule), a
// Feed-in Tariff installation (fitInstallations).
var none = ofReadable(func(*sim.Call, *sim.Account) (any, error) { return []any{}, nil })

// nothing answers a root object: null for a Feed-in Tariff schedule (fitSchedule: no
// installation).
var nothing = ofReadable(func(*sim.Call, *sim.Account) (any, error) { return nil, nil })

// noDonations answers charityDonationHistory(accountNumber:): nothing donated.
var noDonations = ofReadable(func(*sim.Call, *sim.Account) (any, error) { return obj{"totalDonatedAmount": 0}, nil })

// staffOnly answers a lookup Kraken keeps for the supplier's staff, which the world has
// none of (an engineer's siteworksBookingAccountSearchBy…, accountsSearch): the missing
// header's error for an anonymous caller, Unauthorized for any customer or organisation.
func staffOnly(_ context.Context, c *sim.Call) (any, error) {
	if _, err := c.Caller(); err != nil {
		return nil, err
	}
	return nil, c.Error(c.UnauthorizedCode())
}
