package accounts

import (
	"context"

	"github.com/krakensim/krakensim/sim"
)

// Solar export repayments (Origin's): the customer chooses how the credit their exports
// earn is paid out (updateExportPaymentMethod: by cheque or into their bank account), and
// exportRepaymentDetails says whether they have (isConfigured) and how; nothing is paid
// or due apart (next and last repayment dates null), as a home's export is credited on
// its statements (the solar household's). Another's account is KT-CT-3823.

func exportRepayment(a *sim.Account) obj {
	return obj{"accountNumber": a.Number, "isConfigured": a.ExportPaymentMethod != "", "paymentMethod": orNil(a.ExportPaymentMethod),
		"nextRepaymentDate": nil, "lastRepaymentDate": nil}
}

// exportRepaymentDetails answers how the account's export credit is paid out.
func exportRepaymentDetails(_ context.Context, c *sim.Call) (any, error) {
	_, a, err := readable(c, c.StringArg("accountNumber"), "KT-CT-3823", "")
	if err != nil {
		return nil, err
	}
	return exportRepayment(a), nil
}

// updateExportPaymentMethod chooses how the account's export credit is paid out.
func updateExportPaymentMethod(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	_, a, err := owned(c, str(in, "accountNumber"), "KT-CT-3823", "")
	if err != nil {
		return nil, err
	}
	a.ExportPaymentMethod = str(in, "paymentMethod")
	return obj{"exportRepaymentDetails": exportRepayment(a)}, nil
}
