package accounts

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/fake"
)

// Repayment requests: a customer asks for credit on one of their account's ledgers to
// be paid back (submitRepaymentRequest), named by its id or, on Origin, its number
// (KT-CT-3820 for both, KT-CT-3821 for neither; KT-CT-1132 for a ledger not on an
// account the viewer holds), for an amount the ledger's credit not already asked for
// covers (KT-CT-3927); sent again with the same idempotency key it is the same request,
// and the key cannot be reused for another (KT-CT-3928). A request is REQUESTED until
// the supplier acts on it, which krakensim leaves to a scenario; until then it can be
// cancelled (cancelRepaymentRequest; KT-CT-3930 for a request the viewer has none of,
// KT-CT-3931 for one no longer requested). Its ledger lists it, and what is requested
// is no longer refundable (maximumRefund).

const (
	repaymentRequested = "REQUESTED"
	repaymentCancelled = "CANCELLED"
)

// requested is how much of a ledger's credit open repayment requests ask for; every
// ledger's for "".
func requested(a *sim.Account, ledger string) int {
	sum := 0
	for _, r := range a.RepaymentRequests {
		if r.Status == repaymentRequested && (ledger == "" || r.LedgerNumber == ledger) {
			sum += r.Amount
		}
	}
	return sum
}

// hashUUID is a UUID made from parts, the same for the same parts.
func hashUUID(parts ...string) string {
	hi, lo := fake.HashStrings(parts...), fake.Mix64(fake.HashStrings(append(parts, "lo")...))
	s := fmt.Sprintf("%016x%016x", hi, lo)
	return s[:8] + "-" + s[8:12] + "-4" + s[13:16] + "-a" + s[17:20] + "-" + s[20:32]
}

// sentBefore is the account's request sent with the idempotency key, when same says it
// asks the same; one that asks otherwise is KT-CT-3928; nil for none.
func sentBefore(c *sim.Call, a *sim.Account, key string, same func(sim.RepaymentRequest) bool) (*sim.RepaymentRequest, error) {
	i := slices.IndexFunc(a.RepaymentRequests, func(r sim.RepaymentRequest) bool { return r.IdempotencyKey == key })
	switch {
	case i < 0:
		return nil, nil
	case !same(a.RepaymentRequests[i]):
		return nil, c.ValidationError("KT-CT-3928", "The idempotency key "+key+" was sent with repayment request "+a.RepaymentRequests[i].ID+".", "input", "idempotencyKey")
	}
	return &a.RepaymentRequests[i], nil
}

// submitRepaymentRequest asks for credit on a ledger of the account to be paid back.
func submitRepaymentRequest(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	a, ledger, err := ownedLedger(c, in, "KT-CT-1132", true, "KT-CT-1132")
	if err != nil {
		return nil, err
	}
	amount, _ := integer(in, "amountInMinorUnit")
	key := str(in, "idempotencyKey")
	earlier, err := sentBefore(c, a, key, func(r sim.RepaymentRequest) bool { return r.LedgerNumber == ledger.Number && r.Amount == amount })
	switch {
	case err != nil:
		return nil, err
	case earlier != nil:
		return obj{"repaymentRequest": obj{"requestId": earlier.ID, "status": earlier.Status}}, nil
	}
	if available := newEnv(c).balanceNow(a, ledger.Number) - requested(a, ledger.Number); amount <= 0 || amount > available {
		return nil, c.ValidationError("KT-CT-3927", fmt.Sprintf("The ledger %s has %d in credit not already requested; %d cannot be repaid.", ledger.Number, max(0, available), amount),
			"input", "amountInMinorUnit")
	}
	method := str(in, "method")
	if method == "" {
		method = "BANK_TRANSFER"
	}
	r := sim.RepaymentRequest{
		ID: hashUUID("repayment", a.Number, key, strconv.Itoa(len(a.RepaymentRequests))), LedgerNumber: ledger.Number, Amount: amount,
		Method: method, Reason: str(in, "reason"), IdempotencyKey: key, Status: repaymentRequested, RequestedAt: c.Session.Now().Truncate(time.Second),
	}
	a.RepaymentRequests = append(a.RepaymentRequests, r)
	return obj{"repaymentRequest": obj{"requestId": r.ID, "status": r.Status}}, nil
}

// cancelRepaymentRequest cancels a repayment request still waiting on the supplier:
// KT-CT-4231 for another user's, KT-CT-3930 for none, KT-CT-3931 for one not waiting.
func cancelRepaymentRequest(_ context.Context, c *sim.Call) (any, error) {
	u, _, err := c.Viewer()
	if err != nil {
		return nil, err
	}
	id := str(input(c), "requestId")
	w := c.Session.World()
	for _, held := range w.Accounts {
		if held == nil {
			continue
		}
		for i, r := range held.RepaymentRequests {
			if r.ID != id {
				continue
			}
			if !u.CanAccess(held.Number) {
				return nil, c.Error("KT-CT-4231")
			}
			if r.Status != repaymentRequested {
				return nil, c.Error("KT-CT-3931")
			}
			a := w.MutableAccount(held.Number)
			a.RepaymentRequests[i].Status = repaymentCancelled
			return obj{"repaymentRequest": obj{"requestId": id, "status": repaymentCancelled}}, nil
		}
	}
	return nil, c.Error("KT-CT-3930")
}

// repaymentRequests lists a ledger's repayment requests, newest first.
func repaymentRequests(w *env, a *sim.Account, l *sim.Ledger, args map[string]any) (any, error) {
	nodes := []any{}
	for i := len(a.RepaymentRequests) - 1; i >= 0; i-- {
		r := a.RepaymentRequests[i]
		if r.LedgerNumber == l.Number {
			nodes = append(nodes, obj{"requestId": r.ID, "amount": r.Amount, "reasonCode": orNil(r.Reason), "method": orNil(r.Method),
				"instruction": nil, "status": r.Status})
		}
	}
	return connection(w, nodes, args)
}

// refunded is how much of a payment refunds not cancelled give back.
func refunded(a *sim.Account, payment string) int {
	sum := 0
	for _, r := range a.RepaymentRequests {
		if r.PaymentID == payment && r.Status != repaymentCancelled {
			sum += r.Amount
		}
	}
	return sum
}

// refundPayment (Octopus's) gives back some or all of a cleared payment of the account:
// a refund requested of the supplier as a repayment request is, on the payment's ledger.
// A payment the account has not is KT-CT-3924, one not cleared KT-CT-3929, more than
// the payment has left to refund KT-CT-3933; the same idempotency key answers the same
// refund, and cannot be used for another (KT-CT-3928).
func refundPayment(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	_, a, err := owned(c, str(in, "accountNumber"), "KT-CT-3924", "")
	if err != nil {
		return nil, err
	}
	w := newEnv(c)
	id, key := str(in, "paymentId"), str(in, "idempotencyKey")
	amount, _ := integer(in, "amountInMinorUnit")
	earlier, err := sentBefore(c, a, key, func(r sim.RepaymentRequest) bool { return r.PaymentID == id && r.Amount == amount })
	switch {
	case err != nil:
		return nil, err
	case earlier != nil:
		return obj{"repayment": requestedRepayment(w, *earlier)}, nil
	}
	i := slices.IndexFunc(a.Payments, func(p sim.Payment) bool { return p.ID == id })
	var p sim.Payment
	switch collections := w.billing(a).collections; {
	case i >= 0:
		p = a.Payments[i]
	case slices.ContainsFunc(collections, func(p sim.Payment) bool { return p.ID == id }):
		p = collections[slices.IndexFunc(collections, func(p sim.Payment) bool { return p.ID == id })]
	default:
		return nil, c.Error("KT-CT-3924")
	}
	if status := paymentStatus(p, w.today()); status != "CLEARED" {
		return nil, c.ValidationError("KT-CT-3929", "Payment "+id+" is "+status+"; only a cleared payment is refunded.", "input", "paymentId")
	}
	if left := p.Amount - refunded(a, id); amount <= 0 || amount > left {
		return nil, c.ValidationError("KT-CT-3933", fmt.Sprintf("Payment %s has %d left to refund; %d cannot be.", id, left, amount), "input", "amountInMinorUnit")
	}
	r := sim.RepaymentRequest{
		ID: hashUUID("refund", a.Number, id, key, strconv.Itoa(len(a.RepaymentRequests))), LedgerNumber: p.LedgerNumber, Amount: amount,
		Reason: str(in, "reason"), IdempotencyKey: key, Status: repaymentRequested, RequestedAt: c.Session.Now().Truncate(time.Second), PaymentID: id,
	}
	a.RepaymentRequests = append(a.RepaymentRequests, r)
	return obj{"repayment": requestedRepayment(w, r)}, nil
}

// requestedRepayment is an AccountRepaymentType of a repayment request.
func requestedRepayment(w *env, r sim.RepaymentRequest) obj {
	return obj{"id": r.ID, "amount": r.Amount, "paymentDate": r.RequestedAt.In(w.zone).Format(time.DateOnly), "status": r.Status}
}

// createRefundRequest (Octopus's) asks for credit on the account's first ledger to be
// paid back, as submitRepaymentRequest does, and emails the account's billing address
// that it was asked; KT-GB-4121 for an amount the credit not already asked for does not
// cover.
func createRefundRequest(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	_, a, err := owned(c, str(in, "accountNumber"), "", "")
	if err != nil {
		return nil, err
	}
	ledger := ledgerFor(a, "")
	amount, _ := integer(in, "requestedAmount")
	available := 0
	if ledger != nil { // the account's credit, as maximumRefund weighs it
		available = newEnv(c).balanceNow(a, "") - requested(a, "")
	}
	if amount <= 0 || amount > available {
		return nil, c.ValidationError("KT-GB-4121", fmt.Sprintf("The account has %d in credit not already asked back; %d cannot be refunded.", max(0, available), amount), "input", "requestedAmount")
	}
	now := c.Session.Now().Truncate(time.Second)
	r := sim.RepaymentRequest{
		ID: hashUUID("refund-request", a.Number, strconv.Itoa(len(a.RepaymentRequests))), LedgerNumber: ledger.Number, Amount: amount,
		Method: "BANK_TRANSFER", Status: repaymentRequested, RequestedAt: now,
	}
	a.RepaymentRequests = append(a.RepaymentRequests, r)
	if to := mailFirst(c.Session.World(), a); to != "" {
		c.Session.World().AddMessage(&sim.Message{
			To: to, Subject: "We have your refund request", SentAt: now.UTC(),
			Body: fmt.Sprintf("Hi %s,\n\nYou asked for %d of your credit on account %s back. We will be in touch when it is on its way.", cmp.Or(a.BillingName, "there"), amount, a.Number),
			Data: map[string]string{"accountNumber": a.Number, "requestId": r.ID, "amount": strconv.Itoa(amount)},
		})
	}
	return obj{"refundRequest": obj{"requestedAmountToReturn": amount}}, nil
}
