package simtest_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/krakensim/krakensim/sim/simtest"
)

// TestFixedDirectDebitIsReviewed: the demo household's fixed direct debit (£110 from
// January 2024) is reviewed every six months after the session began, so that with the
// clock set years ahead its balance, December billed, stays between the target (0) and
// the three months' payments of credit a review lets be rather than drifting into
// debt; each review is a schedule of its own, from a payment day (the 15th), in whole
// pounds, the one before it ending the day before; a change of payment made then leaves
// the reviews before it as they were.
func TestFixedDirectDebitIsReviewed(t *testing.T) {
	_, c := octopus(t)
	const q = `{ account(accountNumber: "A-C90DC431") { balance paymentSchedules(first: 100) { edges { node { id validFrom validTo paymentAmount paymentDay } } } } }`
	for _, at := range []string{"2035-01-03T09:00:00Z", "2060-01-03T09:00:00Z"} {
		setClock(t, c, at)
		c.SignIn("demo@krakensim.dev", "krakensim")
		acct := mustQuery(t, c)(q, nil)["account"].(map[string]any)
		edges := simtest.Get(acct, "paymentSchedules", "edges").([]any)
		paying := simtest.Get(edges[0], "node", "paymentAmount").(float64)
		if b := acct["balance"].(float64); b < -30000 || b > 3*paying {
			t.Errorf("at %s: balance %v, want from -£300 to three months' payments (%v)", at, b, 3*paying)
		}
		var reviewed int
		var after string // the day after the previous (later) schedule's start, newest first
		for _, e := range edges {
			n := e.(map[string]any)["node"].(map[string]any)
			from, _ := n["validFrom"].(string)
			if from < "2026-12-02" {
				continue
			}
			reviewed++
			if n["paymentDay"].(float64) != 15 || from[8:] != "15" || int(n["paymentAmount"].(float64))%100 != 0 {
				t.Errorf("at %s: reviewed schedule %v, want one from the 15th in whole pounds", at, n)
			}
			if after != "" && n["validTo"] != after {
				t.Errorf("at %s: schedule %v ends %v, want %s", at, n["id"], n["validTo"], after)
			}
			d, _ := time.Parse(time.DateOnly, from)
			after = d.AddDate(0, 0, -1).Format(time.DateOnly)
		}
		if reviewed == 0 {
			t.Errorf("at %s: no reviewed schedule in %v", at, edges)
		}
	}
	// A change made then ends the schedule in force; the reviews before stay as made.
	before := fmt.Sprint(mustQuery(t, c)(q, nil)["account"].(map[string]any)["balance"])
	mustQuery(t, c)(`mutation { updatePaymentSchedulePaymentAmount(input: {accountNumber: "A-C90DC431", amount: 15000}) { paymentSchedule { id } } }`, nil)
	acct := mustQuery(t, c)(q, nil)["account"].(map[string]any)
	if got := fmt.Sprint(acct["balance"]); got != before {
		t.Errorf("balance %s after changing the payment, want %s as before", got, before)
	}
	if n := simtest.Get(acct, "paymentSchedules", "edges").([]any)[1].(map[string]any)["node"].(map[string]any); n["validTo"] != "2060-01-02" || !strings.Contains(n["id"].(string), "R") {
		t.Errorf("schedule before the change %v, want the latest review ending 2060-01-02", n)
	}
}
