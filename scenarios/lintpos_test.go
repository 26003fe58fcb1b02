package scenarios

import (
	"fmt"
	"strings"
	"testing"

	"github.com/krakensim/krakensim/sim/rules"
)

// TestLintDataPositions places problems inside answers' data, which Lint finds by
// parsing the file again: in a later document, through anchors and aliases, through
// merge keys, in block and flow style, and in lists.
func TestLintDataPositions(t *testing.T) {
	cases := []struct {
		name, src, want string
	}{
		{"second document",
			"name: a\nrules:\n  - when: {field: viewer}\n    then: {data: {givenName: A}}\n---\nname: b\nrules:\n  - when: {field: viewer}\n    then:\n      data:\n        familyNmae: B\n",
			"p.yaml:11:9: error: data: AccountUserType has no field \"familyNmae\" (did you mean \"familyName\"?)\n"},
		{"anchor and alias",
			"name: a\nrules:\n  - when: {field: viewer}\n    then: {data: &d {givenNmae: A}}\n  - when: {field: viewer, operationName: B}\n    then: {data: *d}\n",
			"p.yaml:4:22: error: data: AccountUserType has no field \"givenNmae\" (did you mean \"givenName\"?)\n"},
		{"merge key",
			"name: a\nrules:\n  - when: {field: viewer}\n    then:\n      data:\n        <<: [{givenName: A}, {familyNmae: B}]\n        givenName: C\n",
			"p.yaml:6:31: error: data: AccountUserType has no field \"familyNmae\" (did you mean \"familyName\"?)\n"},
		{"list item and scalar",
			"name: a\nrules:\n  - when: {field: viewer}\n    then:\n      data:\n        accounts:\n          - number: A-1\n          - {number: [1], balance: x}\n",
			"p.yaml:8:22: error: data.accounts.1.number: want String, got a list\n" +
				"p.yaml:8:36: error: data.accounts.1.balance: want Int, got a string (\"x\")\n"},
		{"empty key",
			"name: a\nrules:\n  - when: {field: viewer}\n    then:\n      data: {\"\": 1}\n",
			"p.yaml:5:14: error: data: AccountUserType has no field \"\"\n"},
		{"data itself",
			"name: a\nrules:\n  - when: {field: viewer}\n    then:\n      data: [1]\n",
			"p.yaml:5:13: error: data: want a AccountUserType object (a mapping), got a list\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := lines(Check("p.yaml", []byte(c.src), defaultContract(t), false))
			if got != c.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, c.want)
			}
		})
	}
}

// TestLintManyRules lints more rules than one goroutine checks, in two files: each
// problem is found once, where it was written, in order, with the duplicate ids
// across the files among them.
func TestLintManyRules(t *testing.T) {
	var scs []*rules.Scenario
	var want strings.Builder
	for f, name := range []string{"many-a.yaml", "many-b.yaml"} {
		var src strings.Builder
		fmt.Fprintf(&src, "name: many-%d\nrules:\n", f)
		line := 3 // where the next rule starts
		for i := range 3 * lintBatch {
			switch i % 3 {
			case 0:
				fmt.Fprintf(&src, "  - when: {field: viewer}\n    then: {data: {givenNmae: x%d}}\n", i)
				fmt.Fprintf(&want, "%s:%d:19: error: data: AccountUserType has no field \"givenNmae\" (did you mean \"givenName\"?)\n", name, line+1)
				line += 2
			case 1:
				fmt.Fprintf(&src, "  - id: same-%d\n    when: {field: viewer}\n    then: {data: {givenName: y}}\n", i)
				if f == 1 {
					fmt.Fprintf(&want, "%s:%d:9: error: rule id \"same-%d\" is already used at many-a.yaml:%d:9\n", name, line, i, line)
				}
				line += 3
			default:
				src.WriteString("  - when: {field: viewer}\n    then: {data: {givenName: z}}\n")
				line += 2
			}
		}
		parsed, err := Parse(name, []byte(src.String()))
		if err != nil {
			t.Fatal(err)
		}
		scs = append(scs, parsed...)
	}
	if got := lines(Lint(scs, defaultContract(t))); got != want.String() {
		t.Errorf("got %d lines, want %d; first difference:\n%s", strings.Count(got, "\n"), strings.Count(want.String(), "\n"), firstDiff(got, want.String()))
	}
}

func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(al), len(bl)) {
		if al[i] != bl[i] {
			return "got  " + al[i] + "\nwant " + bl[i]
		}
	}
	return "one is a prefix of the other"
}

// TestLintTemplateVars checks template var paths against the field's arguments, as
// when.variables are checked, and param names against a REST rule's route, at the
// path's literal however the string is written; a call finding nothing on the rule's
// kind of call (body and param on GraphQL, var on REST) is an error.
func TestLintTemplateVars(t *testing.T) {
	const head = "name: a\nrules:\n"
	cases := []struct {
		name, rules, want string
	}{
		{"known paths",
			"  - when: {field: createAccountPaymentSchedule}\n    then: {data: {schedule: {id: '{{ var \"input.accountNumber\" }}'}}, error: {code: KT-CT-3942, message: '{{ var \"input\" | json }}'}}\n",
			""},
		{"misspelt argument, single-quoted",
			"  - when: {field: account}\n    then: {data: {balance: '{{ var \"accountNumberr\" }}'}}\n",
			"p.yaml:4:36: error: var \"accountNumberr\": account has no argument \"accountNumberr\" (did you mean \"accountNumber\"?)\n"},
		{"input field, plain and repeated",
			"  - when: {field: createAccountPaymentSchedule}\n    then:\n      headers: {X-A: '{{ var \"input.paymentDya\" }}-{{ var \"input.paymentDya\" }}'}\n",
			"p.yaml:5:30: error: var \"input.paymentDya\": CreateAccountPaymentScheduleInput has no field \"paymentDya\" (did you mean \"paymentDay\"?)\n" +
				"p.yaml:5:59: error: var \"input.paymentDya\": CreateAccountPaymentScheduleInput has no field \"paymentDya\" (did you mean \"paymentDay\"?)\n"},
		{"double-quoted error message",
			"  - when: {field: createAccountPaymentSchedule}\n    then: {error: {code: KT-CT-3942, message: \"{{ var \\\"input.accountNumber.x\\\" }}\"}}\n",
			"p.yaml:4:55: error: var \"input.accountNumber.x\": input.accountNumber is String!, which has no field \"x\"\n"},
		{"block scalar, second line",
			"  - when: {field: account}\n    then:\n      data:\n        billingName: |\n          {{ var \"accountNumber\" }}\n          {{ if var \"number\" }}x{{ end }}\n",
			"p.yaml:8:21: error: var \"number\": account has no argument \"number\"\n"},
		{"no arguments",
			"  - when: {field: viewer}\n    then: {data: {givenName: '{{ var \"x\" }}', familyName: '{{ body \"x\" }}'}}\n",
			"p.yaml:4:38: error: var \"x\": viewer takes no arguments\n" +
				"p.yaml:4:68: error: body \"x\": a GraphQL call has no JSON body; a template finds its arguments with var\n"},
		{"param on GraphQL, in a status body",
			"  - when: {field: account}\n    then: {status: 503, body: {detail: '{{ param \"accountNumber\" }}'}}\n",
			"p.yaml:4:50: error: param \"accountNumber\": a GraphQL call has no route parameters; a template finds its arguments with var\n"},
		{"REST: route parameters, query and body",
			"  - when: {http: 'POST /v1/data-import/send-registration-flows/{import_supplier_code}/{external_account_number}/'}\n" +
				"    then: {body: {code: '{{ param \"import_supplier_code\" }}', q: '{{ query \"supply_start_date\" }}', b: ['{{ body \"a.b\" }}']}}\n",
			""},
		{"REST: body and query against the OpenAPI document",
			"  - when:\n      http: POST /v1/data-import/transactions/create/\n      query: {check_previosly_added: 'false'}\n" +
				"      body: {transactions.0.transaction_id: T-1, external_acount_number: E}\n" +
				"    then: {body: {q: '{{ query \"dry_run\" }}', b: '{{ body \"transactions.x\" }}'}}\n",
			"p.yaml:5:15: error: query: POST /v1/data-import/transactions/create/ has no query parameter \"check_previosly_added\" (did you mean \"check_previously_added\"?)\n" +
				"p.yaml:6:50: error: body: the body of POST /v1/data-import/transactions/create/ has no field \"external_acount_number\" (did you mean \"external_account_number\"?)\n" +
				"p.yaml:7:32: error: query \"dry_run\": POST /v1/data-import/transactions/create/ has no query parameter \"dry_run\"\n" +
				"p.yaml:7:59: error: body \"transactions.x\": transactions is a list; index it with a number, such as transactions.0\n"},
		{"error path through a list",
			"  - when: {field: viewer}\n    then: {error: {code: KT-CT-1111, path: accounts.number}}\n",
			"p.yaml:4:26: error: error path \"accounts.number\": accounts is a list; index it with a number, such as accounts.0.number\n"},
		{"REST: misspelt route parameter",
			"  - when: {http: 'GET /v1/data-import/account-transfer-status/{import_supplier_code}/{external_account_number}/'}\n" +
				"    then: {body: {number: '{{ param \"external_acount_number\" | upper }}'}}\n",
			"p.yaml:4:37: error: param \"external_acount_number\": route /v1/data-import/account-transfer-status/{import_supplier_code}/{external_account_number}/ has no parameter \"external_acount_number\" (did you mean \"external_account_number\"?)\n"},
		{"REST: a concrete path names its route and the path: that matches it",
			"  - when: {http: GET /v1/accounts/A-C90DC431/}\n    then: {status: 404}\n",
			"p.yaml:3:18: error: http: \"GET /v1/accounts/A-C90DC431/\" is a path of the route \"GET /v1/accounts/{account_number}/\"; write the route and match its segments with path: {account_number: A-C90DC431}\n"},
		{"REST: path matches a route's segments by name",
			"  - when: {http: 'GET /v1/accounts/{account_number}/', path: {account_number: A-1, acount_number: A-2}}\n    then: {status: 404}\n" +
				"  - when: {http: GET /v1/products/, path: {product: X}}\n    then: {status: 404}\n",
			"p.yaml:3:84: error: path acount_number: route /v1/accounts/{account_number}/ has no parameter \"acount_number\" (did you mean \"account_number\"?)\n" +
				"p.yaml:5:44: error: path product: route /v1/products/ has no parameters\n"},
		{"REST: no route parameters, var in a raw body",
			"  - when: {http: POST /v1/data-import/notes/create/}\n" +
				"    then:\n      headers: {X-Id: '{{ param \"id\" }}'}\n      rawBody: |\n        {{ var \"input.id\" }}\n",
			"p.yaml:5:33: error: param \"id\": route /v1/data-import/notes/create/ has no parameters\n" +
				"p.yaml:7:16: error: var \"input.id\": a REST call has no GraphQL variables; a template finds its route parameters with param, its query with query and its JSON body with body\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := lines(Check("p.yaml", []byte(head+c.rules), defaultContract(t), true))
			if got != c.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, c.want)
			}
		})
	}
}

// TestLintLongTemplate checks that a template as long as a template may be, one call
// after another on one line, has each call reported where it is written, in work
// linear in its length.
func TestLintLongTemplate(t *testing.T) {
	const call = `{{ param "nope" }}`
	n := (rules.MaxTemplateSource - 100) / len(call)
	src := "name: a\nrules:\n  - when: {http: POST /v1/data-import/notes/create/}\n    then:\n      rawBody: '" + strings.Repeat(call, n) + "'\n"
	ps := Check("p.yaml", []byte(src), defaultContract(t), true)
	if len(ps) != n {
		t.Fatalf("%d problems, want %d", len(ps), n)
	}
	last := ps[n-1]
	if want := 17 + (n-1)*len(call) + 9; last.Pos.Line != 5 || last.Pos.Column != want {
		t.Errorf("last problem at %d:%d, want 5:%d: %s", last.Pos.Line, last.Pos.Column, want, last)
	}
}
