package simtest_test

import (
	"testing"

	"github.com/krakensim/krakensim/sim/simtest"
)

// TestOriginCentrepayDeduction asks on Origin for a Centrepay deduction for the demo
// account's user, changes its amount and cancels it, each a request Services Australia
// processes; refused as documented for too little, days that do not hold, both an end
// and a target, a customer not the account's, a second deduction for the service,
// another customer's deduction and changes to one being cancelled.
func TestOriginCentrepayDeduction(t *testing.T) {
	_, c := tenant(t, "origin-schema.graphql")
	query := mustQuery(t, c)
	const (
		create = `mutation($given: String!, $a: Int!, $from: Date, $to: Date, $target: Int, $crn: String!) { createCentrepayDeduction(input: {customerGivenName: $given, customerFamilyName: "Carter", customerDateOfBirth: "1986-04-12",
			accountNumber: "A-C90DC431", benefitGroup: PEN, serviceReason: ELE, customerReferenceNumber: $crn, amount: $a, validFrom: $from, validTo: $to, targetAmount: $target}) {
			centrepayDeduction { id amount validFrom changeStatus } } }`
		change = `mutation($id: ID!, $given: String!, $a: Int, $from: Date) { changeCentrepayDeduction(input: {customerGivenName: $given, customerFamilyName: "Carter", customerDateOfBirth: "1986-04-12", deductionId: $id, amount: $a, validFrom: $from}) {
			centrepayDeduction { amount changeStatus } } }`
		cancel = `mutation($id: ID!) { cancelCentrepayDeduction(input: {customerGivenName: "Jamie", customerFamilyName: "Carter", customerDateOfBirth: "1986-04-12", deductionId: $id}) { centrepayDeduction { changeStatus } } }`
	)
	ok := map[string]any{"given": "Jamie", "a": 2500, "crn": "123456789A"}
	with := func(kv ...any) map[string]any {
		m := map[string]any{}
		for k, v := range ok {
			m[k] = v
		}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i].(string)] = kv[i+1]
		}
		return m
	}
	for _, tc := range []struct {
		name string
		vars map[string]any
		code string
	}{
		{"$10", with("a", 1000), "KT-AU-3916"},
		{"a day past", with("from", "2026-12-01"), "KT-AU-3913"},
		{"an end today", with("to", "2026-12-02"), "KT-AU-3914"},
		{"an end before the start", with("from", "2026-12-20", "to", "2026-12-10"), "KT-AU-3915"},
		{"an end and a target", with("to", "2027-06-01", "target", 50000), "KT-AU-3920"},
		{"more than the target", with("target", 2000), "KT-AU-3930"},
		{"another customer", with("given", "Robin"), "KT-AU-3912"},
		{"no reference number", with("crn", "12345"), "KT-AU-3912"},
	} {
		if out := c.Query(create, tc.vars); len(out.Errors) != 1 || out.Errors[0].Code() != tc.code {
			t.Errorf("%s: %+v, want %s", tc.name, out.Errors, tc.code)
		}
	}
	d := simtest.Get(query(create, with("target", 60000)), "createCentrepayDeduction", "centrepayDeduction")
	if simtest.Get(d, "changeStatus") != "CREATING" || simtest.Get(d, "validFrom") != "2026-12-02" {
		t.Errorf("asked %v", d)
	}
	id := simtest.Get(d, "id")
	if out := c.Query(create, ok); len(out.Errors) != 1 || out.Errors[0].Code() != "KT-AU-3912" {
		t.Errorf("a second for electricity: %+v", out.Errors)
	}
	for _, tc := range []struct {
		name string
		vars map[string]any
		code string
	}{
		{"another customer's", map[string]any{"id": id, "given": "Robin", "a": 3000}, "KT-AU-3924"},
		{"no such deduction", map[string]any{"id": "1", "given": "Jamie", "a": 3000}, "KT-AU-3923"},
		{"nothing to change", map[string]any{"id": id, "given": "Jamie"}, "KT-AU-3927"},
		{"the first day of one begun", map[string]any{"id": id, "given": "Jamie", "from": "2026-12-09"}, "KT-AU-3928"},
	} {
		if out := c.Query(change, tc.vars); len(out.Errors) != 1 || out.Errors[0].Code() != tc.code {
			t.Errorf("%s: %+v, want %s", tc.name, out.Errors, tc.code)
		}
	}
	changed := simtest.Get(query(change, map[string]any{"id": id, "given": "Jamie", "a": 3000}), "changeCentrepayDeduction", "centrepayDeduction")
	if simtest.Get(changed, "amount") != 3000.0 || simtest.Get(changed, "changeStatus") != "CHANGING" {
		t.Errorf("changed %v", changed)
	}
	if got := simtest.Get(query(cancel, map[string]any{"id": id}), "cancelCentrepayDeduction", "centrepayDeduction", "changeStatus"); got != "CANCELLING" {
		t.Errorf("cancelled %v", got)
	}
	for q, code := range map[string]string{cancel: "KT-AU-3925", change: "KT-AU-3926"} {
		if out := c.Query(q, map[string]any{"id": id, "given": "Jamie", "a": 4000}); len(out.Errors) != 1 || out.Errors[0].Code() != code {
			t.Errorf("after cancelling: %+v, want %s", out.Errors, code)
		}
	}
}
