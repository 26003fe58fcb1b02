package simtest_test

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/server"
)

// Charges posted to one account count towards their session as they are kept, each
// about a transaction's size, so that filling an account drops an idle session at
// --max-total-session-bytes.
func TestChargesCountTowardsTheBound(t *testing.T) {
	const bound = 512 << 10
	srv, c := layered(t, "octopus-schema.graphql", nil, nil, func(cfg *sim.Config) { cfg.MaxTotalSessionBytes = bound; cfg.JournalSize = 1 })
	idle := srv.Client(t)
	idle.Query(`{ __typename }`, nil)
	approxBytes := func(session string) (int, float64) {
		status, b := c.Do(http.MethodGet, server.AdminPrefix+"sessions/"+session, nil)
		var out map[string]any
		_ = json.Unmarshal(b, &out)
		n, _ := out["approxBytes"].(float64)
		return status, n
	}
	const charge = `mutation { createAccountCharge(input: {accountNumber: "A-C90DC431", grossAmount: 100, reason: "GENERAL_CHARGE", note: "charge"}) { accountCharge { id } } }`
	c.Query(charge, nil)
	_, before := approxBytes(c.Session)
	n := 0
	for ; n < 5000; n++ {
		if r := c.Query(charge, nil); len(r.Errors) > 0 {
			t.Fatalf("charge %d: %+v", n, r.Errors)
		}
		if n%100 == 99 {
			if status, _ := approxBytes(idle.Session); status == http.StatusNotFound {
				break
			}
		}
	}
	if n == 5000 {
		t.Fatalf("5,000 charges did not drop the idle session under a bound of %d bytes", bound)
	}
	_, after := approxBytes(c.Session)
	if per := (after - before) / float64(n+1); per < 200 || per > 1000 || after < bound*9/10 {
		t.Errorf("%d charges grew the estimate from %.0f to %.0f bytes (%.0f each), want about a transaction's size each, to the bound of %d", n+1, before, after, per, bound)
	}
}
