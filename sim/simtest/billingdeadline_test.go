package simtest_test

import (
	"testing"
	"time"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/simtest"
)

// TestBillingStopsAtTheDeadline reads the balances of a session whose clock is set
// centuries on, so that billing them takes longer than a short --request-timeout: the
// field is stopped part way with KRAKENSIM-TIMEOUT, soon after the deadline, not
// answered once the billing is done.
func TestBillingStopsAtTheDeadline(t *testing.T) {
	const timeout = 30 * time.Millisecond
	srv, c := layered(t, "octopus-schema.graphql", nil, nil, func(cfg *sim.Config) { cfg.RequestTimeout = timeout })
	sess, err := srv.Sim.Session(c.Session)
	if err != nil {
		t.Fatal(err)
	}
	sess.Clock().Set(time.Date(9999, 1, 15, 9, 0, 0, 0, time.UTC))
	c.SignIn("demo@krakensim.dev", "krakensim")
	began := time.Now()
	out := c.Query(`{ viewer { accounts { number balance } } }`, nil)
	took := time.Since(began)
	if len(out.Errors) == 0 || simtest.Get(out.Errors[0].Extensions, "errorCode") != sim.CodeRequestTimeout {
		t.Fatalf("after %v: %+v, %v", took, out.Errors, out.Data)
	}
	if took > 2*time.Second {
		t.Errorf("stopped after %v; the deadline was %v", took, timeout)
	}
}
