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

// noEnrolment answers productEnrolment(accountNumber:, enrolmentId:) for an account the
// viewer may read: null, as state records no enrolment.
func noEnrolment(_ context.Context, c *sim.Call) (any, error) {
	if _, _, err := readable(c, c.StringArg("accountNumber"), "", ""); err != nil {
		return nil, err
	}
	return nil, nil
}
