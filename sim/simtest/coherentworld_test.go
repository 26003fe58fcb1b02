package simtest_test

import (
	"fmt"
	"testing"

	"github.com/krakensim/krakensim/sim/simtest"
)

// TestOnePaymentMethod reads how Origin's flat pays on every path that says it: while
// its direct debit collects, the card saved beside it is not its preference (now, in
// the preference history, or as its account's default instruction) and its payments
// post as direct debits; once the customer prefers the card, the preference is the
// card and the debit collects nothing from that day.
func TestOnePaymentMethod(t *testing.T) {
	srv, c := tenant(t, "origin-schema.graphql")
	sess, err := srv.Sim.Session(c.Session)
	if err != nil {
		t.Fatal(err)
	}
	query := mustQuery(t, c)
	const read = `query($at: DateTime!) { defaultPaymentInstruction(accountNumber: "A-7B3E9D12") { instructionType }
		account(accountNumber: "A-7B3E9D12") {
		paymentSchedules(first: 5) { edges { node { scheduleType validTo } } }
		ledgers { number
			paymentPreferenceAtTime(atTime: $at) { __typename ... on PreferredInstruction { paymentMethod { id instructionType } } }
			paymentPreferences(first: 1) { edges { node { __typename ... on PreferredInstruction { paymentMethod { id instructionType } } } } } }
		transactions(first: 40) { edges { node { __typename postedDate title } } } } }`
	at := func() map[string]any { return map[string]any{"at": sess.Now().Format("2006-01-02T15:04:05Z")} }
	// method is the instruction type the preference now, the newest in the preference
	// history and the default instruction name, "" where they disagree.
	method := func(data map[string]any) any {
		l := simtest.Get(data, "account", "ledgers", 0)
		now, history := simtest.Get(l, "paymentPreferenceAtTime", "paymentMethod", "instructionType"),
			simtest.Get(l, "paymentPreferences", "edges", 0, "node", "paymentMethod", "instructionType")
		if def := simtest.Get(data, "defaultPaymentInstruction", "instructionType"); now != history || now != def {
			return fmt.Sprintf("now %v, history %v, default %v", now, history, def)
		}
		return now
	}
	// payments are the account's payment titles posted on or after from.
	payments := func(data map[string]any, from string) map[string]int {
		out := map[string]int{}
		for _, e := range simtest.Get(data, "account", "transactions", "edges").([]any) {
			n := simtest.Get(e, "node")
			if simtest.Get(n, "__typename") == "Payment" && simtest.Get(n, "postedDate").(string) >= from {
				out[fmt.Sprint(simtest.Get(n, "title"))]++
			}
		}
		return out
	}
	data := query(read, at())
	if got := method(data); got != "DIRECT_DEBIT" {
		t.Errorf("with a card saved beside the debit: %v; want DIRECT_DEBIT", got)
	}
	if got := simtest.Get(data, "account", "paymentSchedules", "edges", 0, "node", "scheduleType"); got != "DIRECT_DEBIT" {
		t.Errorf("schedule %v", got)
	}
	if got := payments(data, "2025-06-01"); got["Direct debit"] == 0 {
		t.Errorf("payments since June 2025: %v, want direct debits", got)
	}
	ledger := simtest.Get(data, "account", "ledgers", 0, "number").(string)
	from := sess.Now().AddDate(0, 0, 1).Format("2006-01-02")
	query(`mutation($l: String!, $d: Date!) { setPaymentPreference(input: {accountNumber: "A-7B3E9D12", paymentMethod: "412883", ledgerNumbers: [$l], fromDate: $d}) { __typename } }`,
		map[string]any{"l": ledger, "d": from})
	sess.Clock().Set(sess.Now().AddDate(0, 3, 0))
	c.Token = ""
	c.Token, _ = simtest.Get(c.Query(`mutation { obtainKrakenToken(input: {APIKey: "sk_live_krakensimdemo3235447"}) { token } }`, nil).Data, "obtainKrakenToken", "token").(string)
	data = query(read, at())
	if got := method(data); got != "CARD" {
		t.Errorf("the card preferred: %v; want CARD", got)
	}
	if got := payments(data, from); got["Direct debit"] != 0 {
		t.Errorf("payments since the card was preferred (%s): %v, want no direct debit", from, got)
	}
}
