package simtest_test

import (
	"fmt"
	"testing"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/simtest"
)

// TestOctopusDepositIsCalculatedAgreedAndCollected follows a deposit on Octopus: priced
// from a credit score, asked of the demo account by its key, accepted, then collected
// by direct debit once (the same idempotency key answering the same payment), and
// listed by depositAgreements.
func TestOctopusDepositIsCalculatedAgreedAndCollected(t *testing.T) {
	_, c := octopus(t)
	const (
		calc    = `mutation($s: Int!) { calculateDepositAmount(calculateDepositAmountInput: {creditScore: $s, monthlyAmount: 10000}) { depositAmount key } }`
		create  = `mutation($k: String!) { createDepositAgreement(input: {accountNumber: "A-C90DC431", depositKey: $k, reason: "Credit check"}) { depositAgreement { depositRequired depositAmount } } }`
		accept  = `mutation($k: String!) { recordDepositAgreementAccepted(input: {accountNumber: "A-C90DC431", depositKey: $k}) { isRecorded } }`
		collect = `mutation($k: String!, $i: String!) { collectDeposit(input: {accountNumber: "A-C90DC431", depositKey: $k, idempotencyKey: $i}) { payment { status paymentDate } } }`
		list    = `{ depositAgreements(accountNumber: "A-C90DC431") { depositKey depositAmount acceptedAt fulfilledAt } }`
	)
	for score, want := range map[int]float64{80: 0, 60: 10000, 40: 20000, 10: 30000} {
		if got := simtest.Get(c.Query(calc, map[string]any{"s": score}).Data, "calculateDepositAmount", "depositAmount"); got != want {
			t.Errorf("credit score %d: a deposit of %v, want %v", score, got, want)
		}
	}
	key, _ := simtest.Get(c.Query(calc, map[string]any{"s": 40}).Data, "calculateDepositAmount", "key").(string)
	if got := fmt.Sprint(simtest.Get(c.Query(create, map[string]any{"k": key}).Data, "createDepositAgreement", "depositAgreement")); got != "map[depositAmount:20000 depositRequired:true]" {
		t.Errorf("the agreement: %s", got)
	}
	if got := graphqlCode(t, c, collect, map[string]any{"k": key, "i": "dep-1"}); got != "KT-CT-5712" {
		t.Errorf("collecting before it is accepted: %q", got)
	}
	if got := simtest.Get(c.Query(accept, map[string]any{"k": "nope"}).Data, "recordDepositAgreementAccepted", "isRecorded"); got != false {
		t.Errorf("accepting no agreement: %v", got)
	}
	if got := simtest.Get(c.Query(accept, map[string]any{"k": key}).Data, "recordDepositAgreementAccepted", "isRecorded"); got != true {
		t.Errorf("accepting: %v", got)
	}
	first := fmt.Sprint(simtest.Get(c.Query(collect, map[string]any{"k": key, "i": "dep-1"}).Data, "collectDeposit", "payment"))
	if first != "map[paymentDate:2026-12-02 status:PENDING]" {
		t.Errorf("collected: %s", first)
	}
	if again := fmt.Sprint(simtest.Get(c.Query(collect, map[string]any{"k": key, "i": "dep-1"}).Data, "collectDeposit", "payment")); again != first {
		t.Errorf("the same key again: %s", again)
	}
	if got := graphqlCode(t, c, collect, map[string]any{"k": key, "i": "dep-2"}); got != "KT-CT-5711" {
		t.Errorf("collecting it twice: %q", got)
	}
	if got := fmt.Sprint(simtest.Get(c.Query(list, nil).Data, "depositAgreements")); got != "[map[acceptedAt:2026-12-02T09:00:00+00:00 depositAmount:20000 depositKey:"+key+" fulfilledAt:2026-12-02T09:00:00+00:00]]" {
		t.Errorf("depositAgreements: %s", got)
	}
}

// TestOriginDepositPolicy asks Origin accounts for a deposit by the supplier's policy:
// none of an account a direct debit pays, three months of estimated payments of one
// that pays by hand; and a deposit cannot be taken without an instruction.
func TestOriginDepositPolicy(t *testing.T) {
	_, c := tenant(t, "origin-schema.graphql", func(w *sim.World) {
		w.Account("A-C90DC431").PaymentInstructions = nil
	})
	const (
		create  = `mutation($n: String!) { createDepositAgreement(input: {accountNumber: $n, depositKey: "BOND", reason: "Bond"}) { depositAgreement { depositRequired depositAmount } } }`
		accept  = `mutation { recordDepositAgreementAccepted(input: {accountNumber: "A-C90DC431", depositKey: "BOND"}) { isRecorded } }`
		collect = `mutation { collectDeposit(input: {accountNumber: "A-C90DC431", depositKey: "BOND", idempotencyKey: "b-1"}) { payment { status } } }`
		list    = `{ depositAgreements(accountNumber: "A-C90DC431") { depositAmount collectionDate dueDate currentEligibilityStatus { isEligible reasonsForIneligibility } } }`
	)
	if got := fmt.Sprint(simtest.Get(c.Query(create, map[string]any{"n": "A-7B3E9D12"}).Data, "createDepositAgreement", "depositAgreement")); got != "map[depositAmount:0 depositRequired:false]" {
		t.Errorf("the flat, paid by direct debit: %s", got)
	}
	d := simtest.Get(c.Query(create, map[string]any{"n": "A-C90DC431"}).Data, "createDepositAgreement", "depositAgreement")
	amount, _ := simtest.Get(d, "depositAmount").(float64)
	if simtest.Get(d, "depositRequired") != true || amount <= 0 || int(amount)%3 != 0 {
		t.Errorf("the house, paid by hand: %v", d)
	}
	if got := graphqlCode(t, c, create, map[string]any{"n": "A-0F4A2B19"}); got != "KT-CT-4177" {
		t.Errorf("another's account: %q", got)
	}
	c.Query(accept, nil)
	if got := graphqlCode(t, c, collect, nil); got != "KT-CT-5713" {
		t.Errorf("collecting with no instruction: %q", got)
	}
	if got := fmt.Sprint(simtest.Get(c.Query(list, nil).Data, "depositAgreements", 0)); got != fmt.Sprintf("map[collectionDate:2026-12-02 currentEligibilityStatus:map[isEligible:false reasonsForIneligibility:[The deposit has not been paid.]] depositAmount:%v dueDate:9999-12-31]", amount) {
		t.Errorf("the house's deposit: %s", got)
	}
}
