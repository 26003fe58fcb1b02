package simtest_test

import (
	"testing"

	"github.com/krakensim/krakensim/sim/simtest"
)

// TestOctopusElectricBlankets sends the demo account a blanket on Octopus once its user
// registers a need (refused as documented before, and a second time), and gives it a
// discount code once, emailed and then answered by discountCode.
func TestOctopusElectricBlankets(t *testing.T) {
	_, c := octopus(t)
	query := mustQuery(t, c)
	const (
		state = `{ doesAccountMeetVulnerabilityCriteria(accountNumber: "A-C90DC431") hasAlreadyReceivedBlanket(accountNumber: "A-C90DC431") areBlanketsAvailable
			hasReceivedADiscountCode(accountNumber: "A-C90DC431") discountCode(accountNumber: "A-C90DC431") }`
		order  = `mutation { orderBlanket(accountNumber: "A-C90DC431") { success } }`
		assign = `mutation { assignDiscountCode(accountNumber: "A-C90DC431") { discountCode } }`
	)
	if got := query(state, nil); got["doesAccountMeetVulnerabilityCriteria"] != false || got["hasAlreadyReceivedBlanket"] != false || got["discountCode"] != nil {
		t.Errorf("before: %v", got)
	}
	if out := c.Query(order, nil); len(out.Errors) != 1 || out.Errors[0].Code() != "KT-GB-6013" {
		t.Errorf("ordered with no need registered: %+v", out.Errors)
	}
	query(`mutation { updateSpecialCircumstances(input: {blind: true, userConsent: true}) { __typename } }`, nil)
	if got := simtest.Get(query(order, nil), "orderBlanket", "success"); got != true {
		t.Errorf("ordered: %v", got)
	}
	if out := c.Query(order, nil); len(out.Errors) != 1 || out.Errors[0].Code() != "KT-GB-6013" {
		t.Errorf("ordered twice: %+v", out.Errors)
	}
	code := simtest.Get(query(assign, nil), "assignDiscountCode", "discountCode")
	if out := c.Query(assign, nil); len(out.Errors) != 1 || out.Errors[0].Code() != "KT-GB-5912" {
		t.Errorf("a second code: %+v", out.Errors)
	}
	got := query(state, nil)
	if got["doesAccountMeetVulnerabilityCriteria"] != true || got["hasAlreadyReceivedBlanket"] != true || got["hasReceivedADiscountCode"] != true || got["discountCode"] != code {
		t.Errorf("after: %v (code %v)", got, code)
	}
	if msgs := c.Messages(); len(msgs) == 0 || msgs[len(msgs)-1].Data["discountCode"] != code {
		t.Errorf("emailed %+v", msgs)
	}
}
