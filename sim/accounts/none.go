package accounts

import (
	"context"

	"github.com/krakensim/krakensim/sim"
)

// none answers a root list of what the state records none of for an account the viewer
// may read: a security deposit and its return (depositAgreements, Origin's
// returnSchedule), a Feed-in Tariff installation (fitInstallations), an enrolment in a
// product (productEnrolments). A scenario still scripts them.
func none(_ context.Context, c *sim.Call) (any, error) {
	if _, _, err := readable(c, c.StringArg("accountNumber"), "", ""); err != nil {
		return nil, err
	}
	return []any{}, nil
}

// nothing answers a root object of what the state records none of for an account the
// viewer may read: null for an enrolment in a product (productEnrolment), a Feed-in
// Tariff schedule (fitSchedule: no installation).
func nothing(_ context.Context, c *sim.Call) (any, error) {
	if _, _, err := readable(c, c.StringArg("accountNumber"), "", ""); err != nil {
		return nil, err
	}
	return nil, nil
}

// noneConnection answers a root connection of what the state records none of for an
// account the viewer may read: prepayment top-ups (prepayPayments), as state's meters
// are credit meters.
func noneConnection(_ context.Context, c *sim.Call) (any, error) {
	if _, _, err := readable(c, c.StringArg("accountNumber"), "", ""); err != nil {
		return nil, err
	}
	return connection(newEnv(c), []any{}, c.Field.Args)
}

// noScheme answers a sign-up or promotional reward scheme (domesticSignupRewardScheme,
// domesticJoiningRewardScheme, activeDomesticSignupRewardScheme): null, as state runs
// none; a friend's referral code is domesticAccountReferralRewardScheme's.
func noScheme(context.Context, *sim.Call) (any, error) { return nil, nil }

// noDonations answers charityDonationHistory(accountNumber:) for an account the viewer
// may read: nothing donated, as state records no donation.
func noDonations(_ context.Context, c *sim.Call) (any, error) {
	if _, _, err := readable(c, c.StringArg("accountNumber"), "", ""); err != nil {
		return nil, err
	}
	return obj{"totalDonatedAmount": 0}, nil
}

// noExportRepayments answers Origin's exportRepaymentDetails(accountNumber:) for an
// account the viewer may read: not configured, nothing paid or due, as no state supply
// exports (no fixture home has solar panels).
func noExportRepayments(_ context.Context, c *sim.Call) (any, error) {
	_, a, err := readable(c, c.StringArg("accountNumber"), "", "")
	if err != nil {
		return nil, err
	}
	return obj{"accountNumber": a.Number, "isConfigured": false, "nextRepaymentDate": nil, "lastRepaymentDate": nil, "paymentMethod": nil}, nil
}
