package simtest_test

import (
	"fmt"
	"strings"
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

// TestLeaveEndsTheAccountAsAMoveOut has the demo household leave the supplier on 14
// December on each tenant: until then its supplies stay on and the leave can be moved;
// once the day has passed its supplies are off supply from the 15th, its occupancy has
// ended, its direct debit ends on the 14th, December's statement to the 14th is the
// last (isFinal on Origin) and settles the account on 15 January, nothing is collected
// after it, use after the 14th is not priced, and a second leave is refused.
func TestLeaveEndsTheAccountAsAMoveOut(t *testing.T) {
	const (
		account = `{ account(accountNumber: "A-C90DC431") { balance
			properties { occupancyPeriods { effectiveTo } %s }
			paymentSchedules(first: 1) { edges { node { validTo } } }
			payments(first: 10) { edges { node { amount paymentDate status } } }
			bills(first: 3, includeOpenStatements: true) { edges { node { fromDate toDate ... on StatementType { status %s } } } } } }`
		measured = `{ account(accountNumber: "A-C90DC431") { properties { measurements(first: 10, startOn: "2026-12-13", endOn: "2026-12-16",
			utilityFilters: [{electricityFilters: {readingFrequencyType: DAY_INTERVAL}}]) { edges { node { ... on IntervalMeasurementType { startAt } } } } } } }`
	)
	for _, tc := range []struct {
		name    string
		client  func(t *testing.T) *simtest.Client
		signIn  func(c *simtest.Client)
		leave   string
		points  string   // the property's supplies, as the tenant's SDL reads them
		lists   []string // the fields of points listing them
		off     string   // those supplies once they have ended
		isFinal string   // the field naming the final statement, in the tenant's SDL
	}{
		{"Octopus", func(t *testing.T) *simtest.Client { _, c := octopus(t); return c },
			func(c *simtest.Client) { c.SignIn("demo@krakensim.dev", "krakensim") },
			`mutation($d: Date!) { instigateLeaveSupplier(input: {accountNumber: "A-C90DC431", requestedSupplyEndDate: $d}) { leaveSupplierProcessId } }`,
			"electricityMeterPoints { status supplyEndDate } gasMeterPoints { status supplyEndDate }", []string{"electricityMeterPoints", "gasMeterPoints"},
			"[[map[status:OFF_SUPPLY supplyEndDate:2026-12-15]] [map[status:OFF_SUPPLY supplyEndDate:2026-12-15]]]", ""},
		{"Origin", func(t *testing.T) *simtest.Client { _, c := tenant(t, "origin-schema.graphql"); return c },
			func(c *simtest.Client) {
				c.Token = ""
				out := c.Query(`mutation { obtainKrakenToken(input: {APIKey: "sk_live_krakensimdemo3235447"}) { token } }`, nil)
				c.Token, _ = simtest.Get(out.Data, "obtainKrakenToken", "token").(string)
			},
			`mutation($d: Date!) { instigateLeaveSupplier(input: {accountNumber: "A-C90DC431", requestedSupplyEndDate: $d}) { number } }`,
			"meterPoints { status }", []string{"meterPoints"}, "[[map[status:OFF_SUPPLY] map[status:OFF_SUPPLY]]]", "isFinal"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := tc.client(t)
			query := mustQuery(t, c)
			query(tc.leave, map[string]any{"d": "2026-12-20"})
			query(tc.leave, map[string]any{"d": "2026-12-14"}) // moves the day of the leave in progress
			setClock(t, c, "2026-12-14T10:00:00Z")
			tc.signIn(c)
			supplies := func(p any) string {
				var out []any
				for _, f := range tc.lists {
					out = append(out, simtest.Get(p, f))
				}
				return fmt.Sprint(out)
			}
			before := simtest.Get(query(fmt.Sprintf(account, tc.points, tc.isFinal), nil), "account", "properties", 0)
			if got := supplies(before); strings.Contains(got, "OFF_SUPPLY") || !strings.Contains(got, "ON_SUPPLY") {
				t.Errorf("on the last day of supply, the supplies are %v", got)
			}

			setClock(t, c, "2027-03-20T10:00:00Z")
			tc.signIn(c)
			a := simtest.Get(query(fmt.Sprintf(account, tc.points, tc.isFinal), nil), "account")
			p := simtest.Get(a, "properties", 0)
			if got := supplies(p); got != tc.off {
				t.Errorf("the supplies left: %s", got)
			}
			if got := fmt.Sprint(simtest.Get(p, "occupancyPeriods", 0, "effectiveTo")); !strings.HasPrefix(got, "2026-12-15T00:00:00") {
				t.Errorf("the occupancy ends %v", got)
			}
			if got := simtest.Get(a, "paymentSchedules", "edges", 0, "node", "validTo"); got != "2026-12-14" {
				t.Errorf("the direct debit ends %v", got)
			}
			final := simtest.Get(a, "bills", "edges", 0, "node")
			if got := fmt.Sprint(simtest.Get(final, "fromDate"), " ", simtest.Get(final, "toDate"), " ", simtest.Get(final, "status")); got != "2026-12-01 2026-12-14 CLOSED" ||
				tc.isFinal != "" && simtest.Get(final, "isFinal") != true {
				t.Errorf("the last statement: %v, want the final one, December's to the 14th", final)
			}
			settled := false
			for _, e := range simtest.Get(a, "payments", "edges").([]any) {
				n := simtest.Get(e, "node")
				date := fmt.Sprint(simtest.Get(n, "paymentDate"))
				settled = settled || date == "2027-01-15" && simtest.Get(n, "status") == "CLEARED"
				if date > "2027-01-15" {
					t.Errorf("a payment after the settlement: %v", n)
				}
			}
			if !settled || simtest.Get(a, "balance") != 0.0 {
				t.Errorf("settled on 15 January: %v, balance %v", settled, simtest.Get(a, "balance"))
			}
			if tc.isFinal == "" {
				days := simtest.Get(query(measured, nil), "account", "properties", 0, "measurements", "edges").([]any)
				if last := fmt.Sprint(simtest.Get(days[len(days)-1], "node", "startAt")); !strings.HasPrefix(last, "2026-12-14") {
					t.Errorf("use is measured to %v, after the supply ended", last)
				}
			}
			if out := c.Query(tc.leave, map[string]any{"d": "2027-04-01"}); len(out.Errors) != 1 || out.Errors[0].Code() != "KT-CT-10301" {
				t.Errorf("leaving again: %+v", out.Errors)
			}
		})
	}
}

// TestCancelledLeaveKeepsTheMoveOut has the demo household ask to leave on 31 December,
// move out on 14 December and then cancel the leave, on each tenant: the agreements
// still end with the move out, on the 15th, not open again.
func TestCancelledLeaveKeepsTheMoveOut(t *testing.T) {
	for _, tc := range []struct {
		name, leave, moveOut, cancel, agreements string
		client                                   func(t *testing.T) *simtest.Client
	}{
		{"Octopus", `mutation { instigateLeaveSupplier(input: {accountNumber: "A-C90DC431", requestedSupplyEndDate: "2026-12-31"}) { leaveSupplierProcessId } }`,
			`mutation { performMoveOut(input: {accountNumber: "A-C90DC431", propertyId: "2214531", moveOutDate: "2026-12-14"}) { account { number } } }`,
			`mutation { cancelLeaveSupplier(input: {leaveSupplierProcessId: "8600001"}) { message } }`,
			`{ account(accountNumber: "A-C90DC431") { properties { electricityMeterPoints { agreements(includeInactive: true) { validTo } } } } }`,
			func(t *testing.T) *simtest.Client { _, c := octopus(t); return c }},
		{"Origin", `mutation { instigateLeaveSupplier(input: {accountNumber: "A-C90DC431", requestedSupplyEndDate: "2026-12-31"}) { number } }`,
			`mutation { propertyMoveOut(input: {accountNumber: "A-C90DC431", propertyId: "2214531", moveOutDate: "2026-12-14"}) { workflow { status } } }`,
			`mutation { cancelLeaveSupplier(input: {number: "8600001"}) { message } }`,
			`{ account(accountNumber: "A-C90DC431") { properties { meterPoints { agreements(includeInactive: true) { validTo } } } } }`,
			func(t *testing.T) *simtest.Client { _, c := tenant(t, "origin-schema.graphql"); return c }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			query := mustQuery(t, tc.client(t))
			query(tc.leave, nil)
			query(tc.moveOut, nil)
			query(tc.cancel, nil)
			props := query(tc.agreements, nil)["account"].(map[string]any)["properties"].([]any)
			for _, points := range props[0].(map[string]any) {
				for _, mp := range points.([]any) {
					ags := simtest.Get(mp, "agreements").([]any)
					if got := fmt.Sprint(simtest.Get(ags[len(ags)-1], "validTo")); !strings.HasPrefix(got, "2026-12-15T00:00:00") {
						t.Errorf("the leave cancelled, the last agreement ends %v, want with the move out", got)
					}
				}
			}
		})
	}
}
