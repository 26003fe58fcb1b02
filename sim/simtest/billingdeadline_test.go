package simtest_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/simtest"
)

// TestBillingStopsAtTheDeadline reads the balances of a session whose clock is set
// centuries on, so that billing them takes longer than a short --request-timeout: the
// field is answered KRAKENSIM-TIMEOUT, not with a balance. How soon after the deadline
// it stops is a matter for BenchmarkBalanceAged, not for a timed assertion here.
func TestBillingStopsAtTheDeadline(t *testing.T) {
	const timeout = 30 * time.Millisecond
	srv, c := layered(t, "octopus-schema.graphql", nil, nil, func(cfg *sim.Config) { cfg.RequestTimeout = timeout })
	sess, err := srv.Sim.Session(c.Session)
	if err != nil {
		t.Fatal(err)
	}
	sess.Clock().Set(time.Date(9999, 1, 15, 9, 0, 0, 0, time.UTC))
	c.SignIn("demo@krakensim.dev", "krakensim")
	out := c.Query(`{ viewer { accounts { number balance } } }`, nil)
	if len(out.Errors) == 0 || simtest.Get(out.Errors[0].Extensions, "errorCode") != sim.CodeRequestTimeout {
		t.Fatalf("%+v, %v", out.Errors, out.Data)
	}
	if got := fmt.Sprint(out.Errors[0].Path); got != "[viewer accounts 0 balance]" {
		t.Errorf("the timeout names %s, not the billed field", got)
	}
}
