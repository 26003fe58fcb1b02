package simtest_test

import (
	"fmt"
	"strconv"
	"testing"
	"time"

	"github.com/krakensim/krakensim/sim/simtest"
)

// TestOriginWeeklySchedulesCollect makes a fixed £50 direct debit on Origin weekly from
// a Saturday, fortnightly from a Monday and monthly, then moves the clock seven weeks
// on: a weekly schedule collects every seven (fourteen) days from its validFrom, on the
// next working day when that is a weekend or a holiday (Monday 28 December 2026 is
// Boxing Day's), and December's statement posts the same collections the payments list.
func TestOriginWeeklySchedulesCollect(t *testing.T) {
	for _, tt := range []struct {
		name  string
		input map[string]any
		want  string
	}{
		{"weekly", map[string]any{"paymentFrequency": "Weekly", "validFrom": "2026-12-12"},
			"[2026-12-14 2026-12-21 2026-12-29 2027-01-04 2027-01-11 2027-01-18]"},
		{"fortnightly", map[string]any{"paymentFrequency": "Weekly", "paymentFrequencyMultiplier": 2, "validFrom": "2026-12-14"},
			"[2026-12-14 2026-12-29 2027-01-11]"},
		{"monthly", map[string]any{"paymentFrequency": "Monthly", "validFrom": "2026-12-14"}, "[2026-12-14 2027-01-14]"},
	} {
		_, c := tenant(t, "origin-schema.graphql")
		in := map[string]any{"accountNumber": "A-C90DC431", "scheduleType": "DIRECT_DEBIT", "paymentAmount": 5000}
		for k, v := range tt.input {
			in[k] = v
		}
		mustQuery(t, c)(`mutation($i: FixedPaymentScheduleInput!) { createFixedPaymentSchedule(input: $i) { paymentSchedule { id } } }`, map[string]any{"i": in})
		c.AdvanceClock(time.Date(2027, 1, 20, 9, 0, 0, 0, time.UTC).Sub(time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)))
		c.Token = ""
		c.Token, _ = simtest.Get(mustQuery(t, c)(`mutation { obtainKrakenToken(input: {APIKey: "sk_live_krakensimdemo3235447"}) { token } }`, nil), "obtainKrakenToken", "token").(string)
		data := mustQuery(t, c)(`{ account(accountNumber: "A-C90DC431") { payments(first: 12) { edges { node { id paymentDate amount } } }
			bills(first: 1) { edges { node { fromDate ... on StatementType { transactions(first: 20) { edges { node { title amount } } } } } } } } }`, nil)
		var dates []string
		december, ids := 0, map[string]bool{}
		for _, e := range simtest.Get(data, "account", "payments", "edges").([]any) {
			id := fmt.Sprint(simtest.Get(e, "node", "id"))
			if n, err := strconv.ParseInt(id, 10, 32); err != nil || n <= 0 || ids[id] {
				t.Errorf("%s: payment id %q is not a new Int amendPayment takes (%v)", tt.name, id, err)
			}
			ids[id] = true
			if d := fmt.Sprint(simtest.Get(e, "node", "paymentDate")); d > "2026-12-02" && simtest.Get(e, "node", "amount") == 5000.0 {
				dates = append([]string{d}, dates...)
				if d < "2027-01-01" {
					december += 5000
				}
			}
		}
		if got := fmt.Sprint(dates); got != tt.want {
			t.Errorf("%s: collected on %s, want %s", tt.name, got, tt.want)
		}
		posted := 0
		for _, e := range simtest.Get(data, "account", "bills", "edges", 0, "node", "transactions", "edges").([]any) {
			if simtest.Get(e, "node", "title") == "Direct debit" {
				posted += int(simtest.Get(e, "node", "amount").(float64))
			}
		}
		if posted != december {
			t.Errorf("%s: December's statement posts %d of direct debits, the payments %d", tt.name, posted, december)
		}
	}
}
