package simtest_test

import (
	"fmt"
	"testing"

	"github.com/krakensim/krakensim/sim/simtest"
)

// TestCreateDirectDebitInstructionIsTheLedgers sets up a mandate from local bank details
// on Octopus's SDL: it is active, holds the details given, and is the ledger's from then on;
// details that are not a bank account's are refused naming the field.
func TestCreateDirectDebitInstructionIsTheLedgers(t *testing.T) {
	_, c := octopus(t)
	q := mustQuery(t, c)
	data := q(`mutation { createDirectDebitInstruction(input: {accountNumber: "A-C90DC431",
		directDebitInstruction: {accountNumber: "55779911", accountHolder: "Jamie Carter", sortCode: "20-00-00"}}) {
		directDebitInstruction { id status accountHolder sortCode instructionType maskedAccountIdentifier cardPaymentNetwork } } }`, nil)
	got := simtest.Get(data, "createDirectDebitInstruction", "directDebitInstruction")
	if s, want := fmt.Sprint(got), "map[accountHolder:Jamie Carter cardPaymentNetwork:<nil> id:412885 instructionType:DIRECT_DEBIT maskedAccountIdentifier:****9911 sortCode:20-00-00 status:ACTIVE]"; s != want {
		t.Errorf("the mandate: got %s, want %s", s, want)
	}
	after := q(`{ defaultPaymentInstruction(accountNumber: "A-C90DC431") { id accountHolder } }`, nil)
	if s, want := fmt.Sprint(simtest.Get(after, "defaultPaymentInstruction")), "map[accountHolder:Jamie Carter id:412885]"; s != want {
		t.Errorf("the account's default instruction after: got %s, want %s", s, want)
	}
	out := c.Query(`mutation { createDirectDebitInstruction(input: {accountNumber: "A-C90DC431",
		directDebitInstruction: {accountNumber: "557", accountHolder: "Jamie Carter", sortCode: "20-00-00"}}) { directDebitInstruction { id } } }`, nil)
	if len(out.Errors) != 1 || out.Errors[0].Extensions["errorCode"] != "KT-CT-3940" {
		t.Fatalf("a three-digit account number: %+v", out.Errors)
	}
}
