package accounts

import (
	"context"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/krakensim/krakensim/sim"
)

// Origin's vouchers: purchaseVoucher (and purchaseVouchers) buys an account credit
// worth voucherValueInCents, redeemable from availableFrom, and charges the account what
// the input says it costs (with tax, on the ledger it names, else the first);
// refundVoucher takes back a voucher none of which was spent and credits its charge
// back. vouchersForAccount lists them and vouchersBalanceDetail adds up what is left of
// those not refunded: redeemable today, or from a day to come. A repeated idempotency
// key is refused (KT-CT-13204), and so is a blank voucher type (KT-CT-13201).

// maxVouchers bounds an account's vouchers, as a session's state is bounded.
const maxVouchers = 500

// voucherMap is a voucher as a VoucherPurchaseType.
func voucherMap(w *env, a *sim.Account, v sim.Voucher) obj {
	var charge any
	if i := chargeIndex(a, v); i >= 0 {
		t := a.Transactions[i]
		tax := splitTax(t.Amount, w.sess.TaxRate())
		charge = obj{"id": t.ID, "grossAmount": t.Amount, "netAmount": tax["netTotal"], "salesTaxAmount": tax["taxTotal"], "cclAmount": 0,
			"reason": t.Reason, "note": orNil(t.Note), "displayNote": orNil(t.DisplayNote), "metadata": nil}
	}
	refunded := any(nil)
	if !v.RefundedAt.IsZero() {
		refunded = dateTime(v.RefundedAt, w.zone)
	}
	return obj{
		"__typename": "VoucherPurchaseType", "id": v.ID, "displayName": v.DisplayName, "clientParams": orDefault(v.ClientParams, "{}"),
		"purchasedAt": dateTime(v.PurchasedAt, w.zone), "voucherValue": v.Value, "availableFrom": v.AvailableFrom,
		"balance": voucherBalance(v), "redemptions": []any{}, "refundedAt": refunded,
		"charge": charge, "chargeBalanceTransfer": nil, "payment": nil,
	}
}

// voucherBalance is what is left to spend of a voucher: none once refunded.
func voucherBalance(v sim.Voucher) int {
	if !v.RefundedAt.IsZero() {
		return 0
	}
	return v.Value - v.Redeemed
}

// purchaseVoucher buys one voucher for the input's account.
func purchaseVoucher(_ context.Context, c *sim.Call) (any, error) {
	v, a, err := buyVoucher(c, input(c), strings.TrimSpace(c.StringArg("idempotencyKey")))
	if err != nil {
		return nil, err
	}
	return obj{"voucherPurchase": voucherMap(newEnv(c), a, v)}, nil
}

// purchaseVouchers buys each voucher its inputs name, all or none: KT-CT-13203 for a
// batch naming more than one account, KT-CT-13202 for an item that gives both or neither
// of chargeAmountInCents and chargeAmountInCentsWithTax.
func purchaseVouchers(_ context.Context, c *sim.Call) (any, error) {
	items, _ := c.Arg("input").([]any)
	key := strings.TrimSpace(c.StringArg("idempotencyKey"))
	accounts := map[string]bool{}
	for _, it := range items {
		in, _ := it.(map[string]any)
		accounts[strings.TrimSpace(str(in, "accountNumber"))] = true
	}
	if len(accounts) > 1 {
		return nil, c.Error("KT-CT-13203")
	}
	for _, it := range items {
		if in, _ := it.(map[string]any); (in["chargeAmountInCents"] == nil) == (in["chargeAmountInCentsWithTax"] == nil) {
			return nil, c.Error("KT-CT-13202")
		}
	}
	type bought struct {
		v sim.Voucher
		a *sim.Account
	}
	var done []bought
	for i, it := range items {
		in, _ := it.(map[string]any)
		k := key
		if k != "" {
			k += "/" + itoa(i)
		}
		v, a, err := buyVoucher(c, in, k)
		if err != nil {
			for _, b := range done { // all or none: take back those bought
				undoVoucher(b.a, b.v)
			}
			return nil, err
		}
		done = append(done, bought{v, a})
	}
	w := newEnv(c)
	out := make([]any, len(done))
	for i, b := range done {
		out[i] = voucherMap(w, b.a, b.v)
	}
	return obj{"voucherPurchases": out}, nil
}

// buyVoucher adds the voucher in describes to its account and charges for it.
func buyVoucher(c *sim.Call, in map[string]any, key string) (sim.Voucher, *sim.Account, error) {
	_, a, err := owned(c, str(in, "accountNumber"), "", "KT-CT-4178")
	if err != nil {
		return sim.Voucher{}, nil, err
	}
	if key != "" {
		for _, v := range a.Vouchers {
			if v.IdempotencyKey == key {
				return sim.Voucher{}, nil, c.Error("KT-CT-13204")
			}
		}
	}
	kind := strings.TrimSpace(str(in, "voucherType"))
	if kind == "" || len(kind) > 255 {
		return sim.Voucher{}, nil, c.Error("KT-CT-13201")
	}
	value, _ := integer(in, "voucherValueInCents")
	name := strings.TrimSpace(str(in, "displayName"))
	from, okFrom := parseTime(in["availableFrom"], c.Session.Zone())
	at, okAt := parseTime(in["purchasedAt"], c.Session.Zone())
	switch {
	case value <= 0 || value > math.MaxInt32:
		return sim.Voucher{}, nil, c.InputError("KT-CT-1605", "A voucher is worth a positive number of cents.", "input", "voucherValueInCents")
	case name == "" || len(name) > 255:
		return sim.Voucher{}, nil, c.InputError("KT-CT-1605", "A voucher's display name is 1 to 255 characters.", "input", "displayName")
	case !okFrom || !okAt:
		return sim.Voucher{}, nil, c.InputError("KT-CT-1605", "A voucher needs the day it becomes available and when it was bought.", "input", "availableFrom")
	case len(a.Vouchers) >= maxVouchers:
		return sim.Voucher{}, nil, c.InputError("KT-CT-1605", "The account holds as many vouchers as it may.", "input", "accountNumber")
	}
	l := ledgerFor(a, str(in, "transferChargeLedgerNumber"))
	if str(in, "transferChargeLedgerNumber") != "" && l == nil {
		return sim.Voucher{}, nil, c.InputError("KT-CT-1605", "The account has no ledger of that number.", "input", "transferChargeLedgerNumber")
	}
	charge, _ := integer(in, "chargeAmountInCentsWithTax")
	if net, ok := integer(in, "chargeAmountInCents"); ok && charge == 0 {
		charge = int(math.Round(float64(net) * c.Session.TaxRate()))
	}
	if charge < 0 || charge > math.MaxInt32 {
		return sim.Voucher{}, nil, c.InputError("KT-CT-1605", "A voucher's charge is a positive number of cents.", "input", "chargeAmountInCents")
	}
	v := sim.Voucher{
		ID: nextID(7300001, func(yield func(string) bool) {
			for _, v := range a.Vouchers {
				if !yield(v.ID) {
					return
				}
			}
		}),
		DisplayName: name, VoucherType: kind, Value: int(value), PurchasedAt: at.UTC(), AvailableFrom: from.In(c.Session.Zone()).Format(time.DateOnly),
		Charge: int(charge), ClientParams: str(in, "clientParams"), IdempotencyKey: key,
	}
	if charge > 0 {
		v.ChargeID = post(c, a, l, int(charge), "CHARGE", "VOUCHER_PURCHASE", name)
	}
	a.Vouchers = append(a.Vouchers, v)
	return v, a, nil
}

// undoVoucher takes a voucher bought in this call back off its account, with its charge.
func undoVoucher(a *sim.Account, v sim.Voucher) {
	for i := range a.Vouchers {
		if a.Vouchers[i].ID == v.ID {
			a.Vouchers = append(a.Vouchers[:i], a.Vouchers[i+1:]...)
			break
		}
	}
	if i := chargeIndex(a, v); i >= 0 {
		t := a.Transactions[i]
		a.Balance += t.Amount
		if l := ledgerFor(a, t.LedgerNumber); l != nil && t.LedgerNumber != "" {
			l.Balance += t.Amount
		}
		a.Transactions = append(a.Transactions[:i], a.Transactions[i+1:]...)
	}
}

// refundVoucher refunds a voucher none of which was spent, on an account the viewer
// owns, and credits back what it was charged.
func refundVoucher(_ context.Context, c *sim.Call) (any, error) {
	id := strings.TrimSpace(str(input(c), "voucherPurchaseId"))
	u, _, err := c.Viewer()
	if err != nil {
		return nil, err
	}
	w := c.Session.World()
	for _, ro := range w.Accounts {
		i := voucherIndex(ro, id)
		if i < 0 || !u.CanAccess(ro.Number) {
			continue
		}
		a, err := c.MutableAccount(ro.Number, "KT-CT-13205")
		if err != nil {
			return nil, err
		}
		v := &a.Vouchers[i]
		switch {
		case !v.RefundedAt.IsZero():
			return nil, c.Error("KT-CT-13207")
		case v.Redeemed > 0:
			return nil, c.Error("KT-CT-13206")
		}
		v.RefundedAt = c.Session.Now().UTC().Truncate(time.Second)
		if v.Charge > 0 {
			ledger := "" // the first, for a charge state lists no transaction of
			if j := chargeIndex(a, *v); j >= 0 {
				ledger = a.Transactions[j].LedgerNumber
			}
			credit(c, a, ledgerFor(a, ledger), v.Charge, "VOUCHER_REFUND", v.DisplayName)
		}
		return obj{"voucherPurchase": voucherMap(newEnv(c), a, *v)}, nil
	}
	return nil, c.Error("KT-CT-13205")
}

func voucherIndex(a *sim.Account, id string) int {
	for i := range a.Vouchers {
		if a.Vouchers[i].ID == id {
			return i
		}
	}
	return -1
}

// chargeIndex is the index of the transaction that charged for a voucher, -1 for none.
func chargeIndex(a *sim.Account, v sim.Voucher) int {
	if v.ChargeID == "" {
		return -1
	}
	return slices.IndexFunc(a.Transactions, func(t sim.Transaction) bool { return t.ID == v.ChargeID })
}

// vouchersForAccount lists an account's vouchers, newest first, as the arguments filter
// them (redeemableOnly: something left, not refunded, available by today).
func vouchersForAccount(_ context.Context, c *sim.Call) (any, error) {
	_, a, err := readable(c, c.StringArg("accountNumber"), "", "KT-CT-4178")
	if err != nil {
		return nil, err
	}
	w := newEnv(c)
	today := w.today()
	args := c.Field.Args
	redeemable, _ := args["redeemableOnly"].(bool)
	excludeRefunded, _ := args["excludeRefunded"].(bool)
	excluded := stringSet(args["excludeByDisplayName"])
	nodes := []any{}
	for i := len(a.Vouchers) - 1; i >= 0; i-- {
		v := a.Vouchers[i]
		bought := v.PurchasedAt.In(w.zone).Format(time.DateOnly)
		switch {
		case redeemable && (voucherBalance(v) <= 0 || v.AvailableFrom > today),
			excludeRefunded && !v.RefundedAt.IsZero(), excluded[v.DisplayName],
			argString(args, "purchasedFromDate") != "" && bought < argString(args, "purchasedFromDate"),
			argString(args, "purchasedBeforeDate") != "" && bought >= argString(args, "purchasedBeforeDate"),
			argString(args, "availableFromDate") != "" && v.AvailableFrom < argString(args, "availableFromDate"),
			argString(args, "availableBeforeDate") != "" && v.AvailableFrom >= argString(args, "availableBeforeDate"):
			continue
		}
		nodes = append(nodes, voucherMap(w, a, v))
	}
	return connection(w, nodes, args)
}

// vouchersBalanceDetail adds up what is left of an account's vouchers: redeemable
// today, and from a day to come.
func vouchersBalanceDetail(_ context.Context, c *sim.Call) (any, error) {
	_, a, err := readable(c, c.StringArg("accountNumber"), "", "KT-CT-4178")
	if err != nil {
		return nil, err
	}
	today := newEnv(c).today()
	now, later := 0, 0
	for _, v := range a.Vouchers {
		if v.AvailableFrom <= today {
			now += voucherBalance(v)
		} else {
			later += voucherBalance(v)
		}
	}
	return obj{"redeemableToday": now, "redeemableInFuture": later}, nil
}
