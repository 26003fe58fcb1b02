package simtest_test

import (
	"math"
	"testing"
	"time"

	"github.com/krakensim/krakensim/sim/simtest"
)

// TestHandReadMeterGetsATenancyReading moves a newcomer into the home Sam leaves, whose
// meters are read by hand: each of the newcomer's meters opens with a change of tenancy
// reading at the start of the move-in day, estimated in whole units, as a smart meter
// opens with the register's read.
func TestHandReadMeterGetsATenancyReading(t *testing.T) {
	srv, demo := vendorServer(t)
	sam := srv.ClientIn(t, demo.Session)
	sam.SignIn("other@krakensim.dev", "krakensim")
	mustQuery(t, sam)(`mutation { moveOut(input: {accountNumber: "A-0F4A2B19", propertyId: "2214533", moveOutDate: "2026-12-15"}) { account { number } } }`, nil)
	newcomer := srv.ClientIn(t, demo.Session)
	number, _ := simtest.Get(mustQuery(t, newcomer)(moveIn, map[string]any{"p": "2214533", "d": "2026-12-16", "e": "alex@example.com"}), "moveInCreateCustomer", "accountNumber").(string)
	var mail map[string]string
	for _, m := range newcomer.Messages() {
		if m.To == "alex@example.com" {
			mail = m.Data
		}
	}
	mustQuery(t, newcomer)(`mutation($u: String!, $t: String!) { resetUserPassword(input: {userId: $u, token: $t, newPassword: "a-new-home-2026"}) { __typename } }`, map[string]any{"u": mail["userId"], "t": mail["token"]})
	newcomer.AdvanceClock(2 * 24 * time.Hour)
	newcomer.SignIn("alex@example.com", "a-new-home-2026")
	out := mustQuery(t, newcomer)(`query($n: String!) { account(accountNumber: $n) { properties {
		electricityMeterPoints { meters { serialNumber readings(last: 1) { edges { node { readAt source registers { value } } } } } }
		gasMeterPoints { meters { serialNumber readings(last: 1) { edges { node { readAt source registers { value } } } } } } } } }`, map[string]any{"n": number})
	p := simtest.Get(out, "account", "properties", 0)
	for _, fuel := range []string{"electricityMeterPoints", "gasMeterPoints"} {
		m := simtest.Get(p, fuel, 0, "meters", 0)
		read := simtest.Get(m, "readings", "edges", 0, "node")
		if simtest.Get(read, "readAt") != "2026-12-16T00:00:00+00:00" || simtest.Get(read, "source") != "ESTIMATE" {
			t.Errorf("%s's first reading %v", simtest.Get(m, "serialNumber"), read)
			continue
		}
		if v := decimal(t, simtest.Get(read, "registers", 0, "value")); v <= 0 || v != math.Trunc(v) {
			t.Errorf("%s's change of tenancy reading %v, want whole units", simtest.Get(m, "serialNumber"), v)
		}
	}
}
