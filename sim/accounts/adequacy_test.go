package accounts_test

import (
	"fmt"
	"testing"

	"github.com/krakensim/krakensim/sim"
)

// adequacySDL is Octopus's livePaymentAdequacy, as its SDL declares it.
const adequacySDL = `
extend type Query { livePaymentAdequacy(accountNumber: String!): LivePaymentAdequacyQuery }
type LivePaymentAdequacyQuery { recommendedPayment: PaymentBreakdown currentBalance: Int targetBalance: Int
	estimatedConsumption: [ConsumptionBreakdown] reviewedOn: Date }
type PaymentBreakdown { total: Int ongoing: Int adjustment: Int }
type ConsumptionBreakdown { sourceName: String sourceId: String usage: [Int] }`

// TestPaymentAdequacyIsTheEstimate reviews the demo account's payments: each supply's
// cost in each month of the year billed, January first, with the seasons of its meter's
// register; a twelfth of the year's cost as the ongoing payment, and a twelfth of any
// debt, with the use since the last statement owed, on top.
func TestPaymentAdequacyIsTheEstimate(t *testing.T) {
	const read = `{ livePaymentAdequacy(accountNumber: "A-C90DC431") { recommendedPayment { total ongoing adjustment }
		currentBalance targetBalance reviewedOn estimatedConsumption { sourceName sourceId usage } } }`
	for _, tc := range []struct {
		name       string
		balance    int
		adjustment int
	}{
		{"in credit", 4230, 0},
		{"in debt", -12000, 1000},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := tenantClientWith(t, clockStart, func(w *sim.World) { w.Account("A-C90DC431").Balance = tc.balance }, adequacySDL)
			got := mustData(t, c.Query(read, nil))["livePaymentAdequacy"].(map[string]any)
			sources := got["estimatedConsumption"].([]any)
			if len(sources) != 2 {
				t.Fatalf("sources: %v", sources)
			}
			year := 0
			for i, want := range [][2]string{{"Electricity", "1013004420117"}, {"Gas", "3406086401"}} {
				s := sources[i].(map[string]any)
				if s["sourceName"] != want[0] || s["sourceId"] != want[1] {
					t.Errorf("source %d: %v %v", i, s["sourceName"], s["sourceId"])
				}
				usage := s["usage"].([]any)
				// Winter costs more than summer, gas much more; February is shorter than January.
				if len(usage) != 12 || usage[1].(float64) >= usage[0].(float64) || usage[0].(float64) < usage[6].(float64)*map[bool]float64{true: 1.2, false: 2.5}[i == 0] {
					t.Errorf("%s by month: %v", want[0], usage)
				}
				for _, u := range usage {
					year += int(u.(float64))
				}
			}
			pay := got["recommendedPayment"].(map[string]any)
			ongoing, adjustment := (year+6)/12, int(pay["adjustment"].(float64))
			// January's first nine days are owed too: a month's use, a twelfth of it at most.
			if tc.adjustment > 0 && (adjustment < tc.adjustment || adjustment > tc.adjustment+ongoing/12) || tc.adjustment == 0 && adjustment != 0 {
				t.Errorf("adjustment %d, want %d and a twelfth of the use not yet billed", adjustment, tc.adjustment)
			}
			if want := fmt.Sprint(map[string]any{"total": float64(ongoing + adjustment), "ongoing": float64(ongoing), "adjustment": float64(adjustment)}); fmt.Sprint(pay) != want {
				t.Errorf("payment %v, want %s", pay, want)
			}
			if got["currentBalance"] != float64(tc.balance) || got["targetBalance"] != 0.0 {
				t.Errorf("balances %v and %v", got["currentBalance"], got["targetBalance"])
			}
		})
	}
}
