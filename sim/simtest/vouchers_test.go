package simtest_test

import (
	"fmt"
	"maps"
	"testing"

	"github.com/krakensim/krakensim/sim/simtest"
)

// TestOriginVouchers buys, lists and refunds vouchers on Origin's SDL as a client does:
// a voucher bought is listed with its value, left to spend from its day, its charge
// (with GST) taken from the account and its ledger; one available later counts towards
// the future; a repeated idempotency key and a blank type are refused; a batch that
// fails buys none; a refund credits the charge back and leaves nothing to spend, once.
func TestOriginVouchers(t *testing.T) {
	_, c := tenant(t, "origin-schema.graphql")
	q := mustQuery(t, c)
	read := `{ account(accountNumber: "A-C90DC431") { balance ledgers { number balance } }
		vouchersForAccount(accountNumber: "A-C90DC431", redeemableOnly: false) { totalCount edges { node { id displayName voucherValue balance availableFrom refundedAt } } }
		redeemable: vouchersForAccount(accountNumber: "A-C90DC431", redeemableOnly: true) { totalCount }
		vouchersBalanceDetail(accountNumber: "A-C90DC431") { redeemableToday redeemableInFuture } }`
	buy := `mutation($k: String, $in: PurchaseVoucherInput!) { purchaseVoucher(idempotencyKey: $k, input: $in) { voucherPurchase { id balance charge { grossAmount netAmount salesTaxAmount } } } }`
	voucher := func(name, kind, from string, value int, charge any) map[string]any {
		return map[string]any{"accountNumber": "A-C90DC431", "displayName": name, "voucherType": kind, "voucherValueInCents": value,
			"chargeAmountInCents": charge, "purchasedAt": "2026-12-02T20:00:00+11:00", "availableFrom": from}
	}
	before := q(read, nil)
	bought := q(buy, map[string]any{"k": "gift-1", "in": voucher("Gift", "GIFT", "2026-12-02", 5000, 4000)})
	if got := fmt.Sprint(simtest.Get(bought, "purchaseVoucher", "voucherPurchase", "charge")); got != "map[grossAmount:4400 netAmount:4000 salesTaxAmount:400]" {
		t.Errorf("a voucher's charge: %s", got)
	}
	q(buy, map[string]any{"in": voucher("Later", "GIFT", "2027-01-01", 2500, nil)})
	after := q(read, nil)
	if b0, b1 := simtest.Get(before, "account", "balance").(float64), simtest.Get(after, "account", "balance").(float64); b0-b1 != 4400 {
		t.Errorf("buying the vouchers moved the balance from %v to %v", b0, b1)
	}
	if l0, l1 := simtest.Get(before, "account", "ledgers", 0, "balance").(float64), simtest.Get(after, "account", "ledgers", 0, "balance").(float64); l0-l1 != 4400 {
		t.Errorf("the first ledger went from %v to %v", l0, l1)
	}
	if got := spaced(simtest.Get(after, "vouchersForAccount", "totalCount"), simtest.Get(after, "redeemable", "totalCount"),
		simtest.Get(after, "vouchersBalanceDetail", "redeemableToday"), simtest.Get(after, "vouchersBalanceDetail", "redeemableInFuture"),
		simtest.Get(after, "vouchersForAccount", "edges", 0, "node", "displayName")); got != "2 1 5000 2500 Later" {
		t.Errorf("vouchers, redeemable, balance today and later, newest: %s", got)
	}
	for name, tc := range map[string]struct {
		query string
		vars  map[string]any
		code  string
	}{
		"the same key": {buy, map[string]any{"k": "gift-1", "in": voucher("Gift", "GIFT", "2026-12-02", 5000, nil)}, "KT-CT-13204"},
		"a blank type": {buy, map[string]any{"in": voucher("Gift", " ", "2026-12-02", 5000, nil)}, "KT-CT-13201"},
		"a bad batch": {`mutation($in: [PurchaseVoucherInput]!) { purchaseVouchers(input: $in) { voucherPurchases { id } } }`,
			map[string]any{"in": []any{voucher("One", "GIFT", "2026-12-02", 100, 100), voucher("Two", "", "2026-12-02", 100, 100)}}, "KT-CT-13201"},
	} {
		if out := c.Query(tc.query, tc.vars); len(out.Errors) != 1 || out.Errors[0].Code() != tc.code {
			t.Errorf("%s: %+v, want %s", name, out.Errors, tc.code)
		}
	}
	if got := simtest.Get(q(read, nil), "vouchersForAccount", "totalCount"); got != 2.0 {
		t.Errorf("after the refused purchases, %v vouchers", got)
	}
	refund := `mutation($id: ID!) { refundVoucher(input: {voucherPurchaseId: $id}) { voucherPurchase { balance refundedAt } } }`
	id := simtest.Get(bought, "purchaseVoucher", "voucherPurchase", "id")
	if got := simtest.Get(q(refund, map[string]any{"id": id}), "refundVoucher", "voucherPurchase"); simtest.Get(got, "balance") != 0.0 || simtest.Get(got, "refundedAt") == nil {
		t.Errorf("a refunded voucher: %v", got)
	}
	if out := c.Query(refund, map[string]any{"id": id}); len(out.Errors) != 1 || out.Errors[0].Code() != "KT-CT-13207" {
		t.Errorf("a second refund: %+v", out.Errors)
	}
	final := q(read, nil)
	if got := spaced(simtest.Get(final, "account", "balance"), simtest.Get(final, "vouchersBalanceDetail", "redeemableToday")); got != spaced(simtest.Get(before, "account", "balance"), 0) {
		t.Errorf("after the refund, balance and redeemable today: %s", got)
	}
}

// TestOriginVoucherBatchesAreRefusedAsDocumented sends purchaseVouchers batches Origin's
// SDL documents refusals for, and blank display names: a batch over two accounts is
// KT-CT-13203, an item with both charge amounts or neither KT-CT-13202, and a blank
// display name KT-CT-1605 naming displayName (not KT-CT-3820, "Received both ledger ID
// and number."); none of them buys a voucher on either account.
func TestOriginVoucherBatchesAreRefusedAsDocumented(t *testing.T) {
	_, c := tenant(t, "origin-schema.graphql")
	q := mustQuery(t, c)
	const read = `{ a: vouchersForAccount(accountNumber: "A-C90DC431", redeemableOnly: false) { totalCount }
		b: vouchersForAccount(accountNumber: "A-7B3E9D12", redeemableOnly: false) { totalCount }
		account(accountNumber: "A-C90DC431") { balance } }`
	const batch = `mutation($in: [PurchaseVoucherInput]!) { purchaseVouchers(input: $in) { voucherPurchases { id } } }`
	const one = `mutation($in: PurchaseVoucherInput!) { purchaseVoucher(input: $in) { voucherPurchase { id } } }`
	voucher := func(account string, edit map[string]any) map[string]any {
		v := map[string]any{"accountNumber": account, "displayName": "Gift", "voucherType": "GIFT", "voucherValueInCents": 1000,
			"chargeAmountInCents": 1000, "purchasedAt": "2026-12-02T20:00:00+11:00", "availableFrom": "2026-12-02"}
		maps.Copy(v, edit)
		return v
	}
	before := fmt.Sprint(q(read, nil))
	for _, tc := range []struct {
		name, query string
		in          any
		code, path  string
	}{
		{"two accounts", batch, []any{voucher("A-C90DC431", nil), voucher("A-7B3E9D12", nil)}, "KT-CT-13203", ""},
		{"both charges", batch, []any{voucher("A-C90DC431", nil), voucher("A-C90DC431", map[string]any{"chargeAmountInCentsWithTax": 1100})}, "KT-CT-13202", ""},
		{"neither charge", batch, []any{voucher("A-C90DC431", map[string]any{"chargeAmountInCents": nil})}, "KT-CT-13202", ""},
		{"a blank name in a batch", batch, []any{voucher("A-C90DC431", nil), voucher("A-C90DC431", map[string]any{"displayName": " "})}, "KT-CT-1605", "[input displayName]"},
		{"a blank name", one, voucher("A-C90DC431", map[string]any{"displayName": ""}), "KT-CT-1605", "[input displayName]"},
	} {
		out := c.Query(tc.query, map[string]any{"in": tc.in})
		if len(out.Errors) != 1 || out.Errors[0].Code() != tc.code {
			t.Errorf("%s: %+v, want %s", tc.name, out.Errors, tc.code)
			continue
		}
		if tc.path != "" && (out.Errors[0].Message != "Invalid input." || fmt.Sprint(simtest.Get(out.Errors[0].Extensions, "validationErrors", 0, "inputPath")) != tc.path) {
			t.Errorf("%s: %+v", tc.name, out.Errors[0])
		}
	}
	if after := fmt.Sprint(q(read, nil)); after != before {
		t.Errorf("the refused purchases bought vouchers: %s → %s", before, after)
	}
}
