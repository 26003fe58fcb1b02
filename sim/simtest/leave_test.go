package simtest_test

import (
	"testing"
	"time"

	"github.com/krakensim/krakensim/sim/simtest"
)

// TestOriginLeaveIsMovedAndReversed moves the day an Origin leave ends the demo
// account's supplies, and once it has completed reverses it, putting the agreements
// back; refused as documented while it can still be cancelled, once reversed, and past
// the cut-off of a later leave.
func TestOriginLeaveIsMovedAndReversed(t *testing.T) {
	_, c := tenant(t, "origin-schema.graphql")
	query := mustQuery(t, c)
	const (
		leave      = `mutation($d: Date!) { instigateLeaveSupplier(input: {accountNumber: "A-C90DC431", requestedSupplyEndDate: $d}) { number } }`
		update     = `mutation($n: NonEmptyID, $d: Date!) { updateLeaveSupplier(input: {number: $n, requestedSupplyEndDate: $d}) { message } }`
		reverse    = `mutation($n: NonEmptyID) { reverseLeaveSupplier(input: {number: $n, reversalReason: "Changed their mind"}) { message } }`
		process    = `query($n: String) { leaveSupplierProcess(number: $n) { status } }`
		agreements = `{ account(accountNumber: "A-C90DC431") { agreements(active: true) { validTo } } }`
	)
	before := simtest.Get(query(agreements, nil), "account", "agreements", 0, "validTo")
	n := simtest.Get(query(leave, map[string]any{"d": "2026-12-31"}), "instigateLeaveSupplier", "number")
	for _, tc := range []struct {
		name, query string
		vars        map[string]any
		code        string
	}{
		{"a day past", update, map[string]any{"n": n, "d": "2026-11-30"}, "KT-CT-10302"},
		{"no such process", update, map[string]any{"n": "1", "d": "2026-12-20"}, "KT-CT-10302"},
		{"reversing one in progress", reverse, map[string]any{"n": n}, "KT-CT-10342"},
	} {
		if out := c.Query(tc.query, tc.vars); len(out.Errors) != 1 || out.Errors[0].Code() != tc.code {
			t.Errorf("%s: %+v, want %s", tc.name, out.Errors, tc.code)
		}
	}
	query(update, map[string]any{"n": n, "d": "2026-12-20"})
	if got := simtest.Get(query(agreements, nil), "account", "agreements", 0, "validTo"); got != "2026-12-21T00:00:00+11:00" {
		t.Errorf("after moving the day, the agreement ends %v", got)
	}

	later := func(d time.Duration) { // a new token, as the last has expired
		c.AdvanceClock(d)
		c.Token = simtest.Get(query(`mutation { obtainKrakenToken(input: {APIKey: "sk_live_krakensimdemo3235447"}) { token } }`, nil), "obtainKrakenToken", "token").(string)
	}
	later(20 * 24 * time.Hour) // 22 December: the supplies have gone
	if got := simtest.Get(query(process, map[string]any{"n": n}), "leaveSupplierProcess", "status"); got != "COMPLETED" {
		t.Fatalf("the leave is %v", got)
	}
	if out := c.Query(update, map[string]any{"n": n, "d": "2027-01-10"}); len(out.Errors) != 1 || out.Errors[0].Code() != "KT-CT-10310" {
		t.Errorf("moving a completed leave: %+v", out.Errors)
	}
	query(reverse, map[string]any{"n": n})
	if got := simtest.Get(query(process, map[string]any{"n": n}), "leaveSupplierProcess", "status"); got != "REVERSED" {
		t.Errorf("reversed, the leave is %v", got)
	}
	if got := simtest.Get(query(agreements, nil), "account", "agreements", 0, "validTo"); got != before {
		t.Errorf("reversed, the agreement ends %v, %v before", got, before)
	}
	if out := c.Query(reverse, map[string]any{"n": n}); len(out.Errors) != 1 || out.Errors[0].Code() != "KT-CT-10341" {
		t.Errorf("reversing twice: %+v", out.Errors)
	}

	late := simtest.Get(query(leave, map[string]any{"d": "2026-12-23"}), "instigateLeaveSupplier", "number")
	later(40 * 24 * time.Hour)
	if out := c.Query(reverse, map[string]any{"n": late}); len(out.Errors) != 1 || out.Errors[0].Code() != "KT-CT-10344" {
		t.Errorf("past the cut-off: %+v", out.Errors)
	}
}
