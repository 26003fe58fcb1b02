package simtest_test

import (
	"testing"

	"github.com/krakensim/krakensim/sim/simtest"
)

// TestOriginExportPaymentMethod chooses on Origin how the demo account's solar export
// credit is paid out: not configured before, then by direct debit, nothing due as the
// home exports nothing; another's account is refused as documented.
func TestOriginExportPaymentMethod(t *testing.T) {
	srv, c := tenant(t, "origin-schema.graphql")
	query := mustQuery(t, c)
	other := srv.ClientIn(t, c.Session)
	other.Token = simtest.Get(other.Query(`mutation { obtainKrakenToken(input: {APIKey: "sk_live_krakensimother3235449"}) { token } }`, nil).Data, "obtainKrakenToken", "token").(string)
	const (
		details = `{ exportRepaymentDetails(accountNumber: "A-C90DC431") { isConfigured paymentMethod nextRepaymentDate lastRepaymentDate } }`
		choose  = `mutation { updateExportPaymentMethod(input: {accountNumber: "A-C90DC431", paymentMethod: DIRECT_DEBIT}) { exportRepaymentDetails { isConfigured paymentMethod nextRepaymentDate } } }`
	)
	if got := simtest.Get(query(details, nil), "exportRepaymentDetails"); simtest.Get(got, "isConfigured") != false || simtest.Get(got, "nextRepaymentDate") != nil {
		t.Errorf("before: %v", got)
	}
	if out := other.Query(choose, nil); len(out.Errors) != 1 || out.Errors[0].Code() != "KT-CT-3823" {
		t.Errorf("another's account: %+v", out.Errors)
	}
	query(choose, nil)
	got := simtest.Get(query(details, nil), "exportRepaymentDetails")
	if simtest.Get(got, "isConfigured") != true || simtest.Get(got, "paymentMethod") != "DIRECT_DEBIT" || simtest.Get(got, "nextRepaymentDate") != nil || simtest.Get(got, "lastRepaymentDate") != nil {
		t.Errorf("after: %v", got)
	}
}
