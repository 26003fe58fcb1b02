package simtest_test

import (
	"testing"
	"time"

	"github.com/krakensim/krakensim/sim/simtest"
)

// BenchmarkAdequacy asks the demo account and the solar account for their payment
// review as a dashboard does, paymentAdequacy and projectedBalance in one query: with
// the session's clock still (a test's), and with it moving between requests (a live
// session's), which works the review out again each time.
func BenchmarkAdequacy(b *testing.B) {
	srv, demo := tenant(b, "octopus-schema.graphql")
	solar := srv.ClientIn(b, demo.Session) // another person in the same session
	solar.SignIn("solar@krakensim.dev", "krakensim")
	sess, err := srv.Sim.Session(demo.Session)
	if err != nil {
		b.Fatal(err)
	}
	const q = `query($a: String!) { account(accountNumber: $a) { paymentAdequacy { suggestedDirectDebitAmount } projectedBalance } }`
	for _, bc := range []struct {
		name, account string
		c             *simtest.Client
		tick          time.Duration
	}{
		{"demo clock still", "A-C90DC431", demo, 0}, {"solar clock still", "A-6D4F2E88", solar, 0},
		{"demo clock moving", "A-C90DC431", demo, time.Millisecond}, {"solar clock moving", "A-6D4F2E88", solar, time.Millisecond},
	} {
		b.Run(bc.name, func(b *testing.B) {
			vars := map[string]any{"a": bc.account}
			b.ReportAllocs()
			for b.Loop() {
				if bc.tick > 0 {
					sess.Clock().Advance(bc.tick)
				}
				out := bc.c.Query(q, vars)
				if len(out.Errors) > 0 || simtest.Get(out.Data, "account", "projectedBalance") == nil {
					b.Fatalf("%+v", out.Errors)
				}
			}
		})
	}
}
