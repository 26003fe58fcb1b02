package simtest_test

import (
	"fmt"
	"testing"

	"github.com/krakensim/krakensim/sim/simtest"
)

// TestOriginAccountDebtPosition reads accountDebtPosition on Origin's SDL from the
// ledgers: a ledger that owes past its due date has that overdue amount, one in credit
// 0, both OK; a supplementary ledger (credit storage) is not listed; a day still to come
// is UNAVAILABLE with no amount, and an account nobody holds is Unauthorized.
func TestOriginAccountDebtPosition(t *testing.T) {
	_, c := tenant(t, "origin-schema.graphql")
	const q = `query($a: String!, $on: Date) { accountDebtPosition(accountNumber: $a, asOn: $on) { accountNumber
		ledgerDebtPositions { ledgerNumber delinquentDebtAmount status } } account(accountNumber: $a) { overdueBalance } }`
	for _, tc := range []struct {
		name, account string
		asOn          any
		want          string
	}{
		{"owing past its due date", "A-7B3E9D12", nil, "A-7B3E9D12 [L-7B3E9D01 1580 OK] overdue 1580"},
		{"in credit", "A-C90DC431", nil, "A-C90DC431 [L-6B2F0A1C 0 OK L-6B2F0A1D 0 OK] overdue 0"},
		{"as on today", "A-7B3E9D12", "2026-12-02", "A-7B3E9D12 [L-7B3E9D01 1580 OK] overdue 1580"},
		{"before the account was opened", "A-7B3E9D12", "2019-01-02", "A-7B3E9D12 [L-7B3E9D01 0 OK] overdue 1580"},
		{"a day to come", "A-7B3E9D12", "2027-01-02", "A-7B3E9D12 [L-7B3E9D01 <nil> UNAVAILABLE] overdue 1580"},
		{"nobody's account", "A-00000000", nil, "KT-CT-1111"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := c.Query(q, map[string]any{"a": tc.account, "on": tc.asOn})
			if len(out.Errors) > 0 {
				if got := out.Errors[0].Code(); got != tc.want {
					t.Errorf("%s, want %s", got, tc.want)
				}
				return
			}
			got := fmt.Sprint(simtest.Get(out.Data, "accountDebtPosition", "accountNumber"), " [")
			for i, p := range simtest.Get(out.Data, "accountDebtPosition", "ledgerDebtPositions").([]any) {
				m := p.(map[string]any)
				if i > 0 {
					got += " "
				}
				got += fmt.Sprint(m["ledgerNumber"], " ", m["delinquentDebtAmount"], " ", m["status"])
			}
			got += fmt.Sprint("] overdue ", simtest.Get(out.Data, "account", "overdueBalance"))
			if got != tc.want {
				t.Errorf("got %s, want %s", got, tc.want)
			}
		})
	}
}

// TestOriginCentrepayDeductionsListed lists on Origin's SDL the deductions
// createCentrepayDeduction asked for, as changed and cancelled: none before; the
// account's own, with their status, after.
func TestOriginCentrepayDeductionsListed(t *testing.T) {
	const (
		list   = `{ centrepayDeductions(accountNumber: "A-7B3E9D12") { id serviceReason amount targetAmount validFrom changeStatus } }`
		create = `mutation($reason: CentrepayServiceReasonEnum!) { createCentrepayDeduction(input: {customerGivenName: "Jamie", customerFamilyName: "Carter",
			customerDateOfBirth: "1986-04-12", accountNumber: "A-7B3E9D12", benefitGroup: CDA, serviceReason: $reason,
			customerReferenceNumber: "123456789A", amount: 4000, targetAmount: 40000}) { centrepayDeduction { id } } }`
		cancel = `mutation($id: ID!) { cancelCentrepayDeduction(input: {deductionId: $id, customerGivenName: "Jamie", customerFamilyName: "Carter",
			customerDateOfBirth: "1986-04-12"}) { centrepayDeduction { id } } }`
	)
	for _, tc := range []struct {
		name    string
		reasons []string
		cancel  bool
		want    string
	}{
		{"none", nil, false, "[]"},
		{"one", []string{"ELE"}, false, "[7700001 ELE 4000 40000 2026-12-02 CREATING]"},
		{"two, the first cancelled", []string{"ELE", "GAS"}, true, "[7700001 ELE 4000 40000 2026-12-02 CANCELLING 7700002 GAS 4000 40000 2026-12-02 CREATING]"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, c := tenant(t, "origin-schema.graphql")
			q := mustQuery(t, c)
			for _, r := range tc.reasons {
				q(create, map[string]any{"reason": r})
			}
			if tc.cancel {
				q(cancel, map[string]any{"id": "7700001"})
			}
			var got []any
			for _, d := range simtest.Get(q(list, nil), "centrepayDeductions").([]any) {
				m := d.(map[string]any)
				got = append(got, m["id"], m["serviceReason"], m["amount"], m["targetAmount"], m["validFrom"], m["changeStatus"])
			}
			if s := fmt.Sprint(got); s != tc.want {
				t.Errorf("%s, want %s", s, tc.want)
			}
		})
	}
}
