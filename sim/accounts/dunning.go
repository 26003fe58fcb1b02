package accounts

import (
	"context"

	"github.com/krakensim/krakensim/sim"
)

// dunningProcess answers the Origin mutations that act on an account's dunning process
// (pauseDunning, withdrawDunning): the world starts none, so each names the account's
// absence from one (KT-CT-11301) rather than reporting a pause or withdrawal that
// changed nothing; the success path is a scenario's to script.
func dunningProcess(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	if _, _, err := readable(c, str(in, "accountNumber"), "", "KT-CT-4178"); err != nil {
		return nil, err
	}
	return nil, c.ValidationError("KT-CT-11301", "Account "+str(in, "accountNumber")+" is in no dunning process on the path \""+str(in, "pathName")+"\".", "input", "pathName")
}
