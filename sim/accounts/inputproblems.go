package accounts

import "github.com/krakensim/krakensim/sim"

// InputProblems are the validationErrors entries the behaviours' own refusals carry for
// a code whose input path does not depend on the request, by "operation.field" and
// code, so that the same code forced or scripted carries them too (sim.Config's
// InputProblems). Where a refusal names one of several inputs (the bank details' holder,
// account number or sort code), the entry is the one a client most often meets.
func InputProblems() map[string]map[string]sim.InputProblem {
	return map[string]map[string]sim.InputProblem{
		"mutation.createAccountPaymentSchedule": {
			"KT-CT-3960": {Message: "The payment day must be between 1 and 28.", InputPath: []any{"input", "paymentDay"}},
			"KT-CT-3941": {Message: "The payment amount must be more than 0.", InputPath: []any{"input", "paymentAmount"}},
		},
		"mutation.updateAutoTopUpAmount": {
			"KT-CT-3941": {Message: "The top-up amount must be more than nothing.", InputPath: []any{"input", "paymentAmount"}},
		},
		"mutation.setUpDirectDebitInstruction": {
			"KT-CT-3940": {Message: "The bank details are not valid: check accountNumber.", InputPath: []any{"input", "bankDetails", "accountNumber"}},
		},
		"mutation.createDirectDebitInstruction": {
			"KT-CT-3940": {Message: "The bank details are not valid: check accountNumber.", InputPath: []any{"input", "directDebitInstruction", "accountNumber"}},
		},
	}
}
