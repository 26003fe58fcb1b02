package graphql

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"sync"
	"testing"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
)

type execCase struct {
	name  string
	query string
	vars  string
	op    string
	hook  Hook
	want  string
}

func runCases(t *testing.T, cases []execCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			hook := tc.hook
			if hook == nil {
				hook = worldHook
			}
			e := newTestExecutor(t, Options{Hook: hook})
			got := runJSON(t, e, &Request{Query: tc.query, OperationName: tc.op, Variables: decodeVars(t, tc.vars)})
			if want := compactJSON(t, tc.want); got != want {
				t.Errorf("query %s\n got: %s\nwant: %s", tc.query, got, want)
			}
		})
	}
}

func TestSelections(t *testing.T) {
	runCases(t, []execCase{
		{name: "scalars and lists",
			query: `{ viewer { id name tags scores matrix } }`,
			want:  `{"data":{"viewer":{"id":"u1","name":"Ada","tags":["a",null,"c"],"scores":[1,2],"matrix":[[1,null],null]}}}`},
		{name: "aliases",
			query: `{ me: viewer { n: name, name, mail: email } }`,
			want:  `{"data":{"me":{"n":"Ada","name":"Ada","mail":"ada@example.com"}}}`},
		{name: "field merging",
			query: `{ viewer { name } viewer { email } viewer { name id } }`,
			want:  `{"data":{"viewer":{"name":"Ada","email":"ada@example.com","id":"u1"}}}`},
		{name: "named fragment on object",
			query: `{ viewer { ...U } } fragment U on User { id email }`,
			want:  `{"data":{"viewer":{"id":"u1","email":"ada@example.com"}}}`},
		{name: "inline fragments on interface members",
			query: `{ viewer { accounts { number ... on PersonalAccount { owner { name } } ... on BusinessAccount { companyNumber } } } }`,
			want:  `{"data":{"viewer":{"accounts":[{"number":"A-1","owner":null},{"number":"A-2","companyNumber":"C1"}]}}}`},
		{name: "fragments on interface and union",
			query: `{ search(text: "x") { __typename ...N ... on Named { name } ... on Property { address } } } fragment N on Node { id }`,
			want:  `{"data":{"search":[{"__typename":"User","id":"u2","name":"Bob"},{"__typename":"Property","id":"p1","address":"1 Road"},{"__typename":"BusinessAccount","id":"a3","name":"Co"}]}}`},
		{name: "fragment spread twice is collected once",
			query: `{ viewer { ...U ...U name } } fragment U on User { name id }`,
			want:  `{"data":{"viewer":{"name":"Ada","id":"u1"}}}`},
		{name: "inline fragment without type condition",
			query: `{ viewer { ... { name } } }`,
			want:  `{"data":{"viewer":{"name":"Ada"}}}`},
		{name: "typename at root, nested and in union",
			query: `{ __typename viewer { __typename } search(text: "") { __typename } }`,
			want:  `{"data":{"__typename":"Query","viewer":{"__typename":"User"},"search":[{"__typename":"User"},{"__typename":"Property"},{"__typename":"BusinessAccount"}]}}`},
		{name: "typename on mutation root",
			query: `mutation { __typename }`,
			want:  `{"data":{"__typename":"Mutation"}}`},
		{name: "skip and include literals",
			query: `{ viewer { id @skip(if: true) name @include(if: true) email @include(if: false) ... on User @skip(if: true) { tags } } }`,
			want:  `{"data":{"viewer":{"name":"Ada"}}}`},
		{name: "skip and include variables",
			query: `query($s: Boolean!, $i: Boolean = false) { viewer { id @skip(if: $s) name @include(if: $i) ...F @include(if: $s) } } fragment F on User { email }`,
			vars:  `{"s": true}`,
			want:  `{"data":{"viewer":{"email":"ada@example.com"}}}`},
		{name: "skip variable false",
			query: `query($s: Boolean!) { viewer { id @skip(if: $s) } }`,
			vars:  `{"s": false}`,
			want:  `{"data":{"viewer":{"id":"u1"}}}`},
		{name: "leaves from world",
			query: `{ count ratio flag ident text status }`,
			want:  `{"data":{"count":7,"ratio":0.25,"flag":true,"ident":"42","text":"hello","status":"PENDING"}}`},
	})
}

func TestVariablesAndArguments(t *testing.T) {
	runCases(t, []execCase{
		{name: "variable default applied",
			query: `query($f: AccountFilter = {status: PENDING}) { echo(filter: $f) }`,
			want:  `{"data":{"echo":{"filter":{"limit":10,"status":"PENDING"}}}}`},
		{name: "explicit null kept",
			query: `query($i: Int) { echo(i: $i) }`,
			vars:  `{"i": null}`,
			want:  `{"data":{"echo":{"i":null}}}`},
		{name: "absent variable is absent",
			query: `query($i: Int) { echo(i: $i) }`,
			want:  `{"data":{"echo":{}}}`},
		{name: "null overrides variable default",
			query: `query($i: Int = 3) { echo(i: $i) }`,
			vars:  `{"i": null}`,
			want:  `{"data":{"echo":{"i":null}}}`},
		{name: "variable single value to list",
			query: `query($l: [Int]) { echo(l: $l) }`,
			vars:  `{"l": 3}`,
			want:  `{"data":{"echo":{"l":[3]}}}`},
		{name: "literal single value to list",
			query: `{ echo(l: 4) }`,
			want:  `{"data":{"echo":{"l":[4]}}}`},
		{name: "input object defaults and nested list coercion",
			query: `{ echo(filter: {numbers: "x", nested: {limit: 1}}) }`,
			want:  `{"data":{"echo":{"filter":{"limit":10,"nested":{"limit":1,"status":"ACTIVE"},"numbers":["x"],"status":"ACTIVE"}}}}`},
		{name: "input object from variable gets defaults",
			query: `query($f: AccountFilter) { echo(filter: $f) }`,
			vars:  `{"f": {"numbers": ["n1", "n2"], "status": null}}`,
			want:  `{"data":{"echo":{"filter":{"limit":10,"numbers":["n1","n2"],"status":null}}}}`},
		{name: "variables of every scalar",
			query: `query($s: String, $i: Int, $f: Float, $b: Boolean, $id: ID, $e: Status, $j: JSON) { echo(s: $s, i: $i, f: $f, b: $b, id: $id, e: $e, j: $j) }`,
			vars:  `{"s": "x", "i": 2, "f": 3, "b": true, "id": 12, "e": "PENDING", "j": {"z": [1, "a"]}}`,
			want:  `{"data":{"echo":{"b":true,"e":"PENDING","f":3,"i":2,"id":"12","j":{"z":[1,"a"]},"s":"x"}}}`},
		{name: "literals of every scalar",
			query: `{ echo(s: "x", i: -2, f: 1, b: false, id: 7, e: ACTIVE, j: {a: [1, 2.5, "s", null, true]}) }`,
			want:  `{"data":{"echo":{"b":false,"e":"ACTIVE","f":1,"i":-2,"id":"7","j":{"a":[1,2.5,"s",null,true]},"s":"x"}}}`},
		{name: "variable inside literal object, absent field gets default",
			query: `query($l: Int, $s: Status) { echo(filter: {limit: $l, status: $s}) }`,
			vars:  `{"s": "CLOSED"}`,
			want:  `{"data":{"echo":{"filter":{"limit":10,"status":"CLOSED"}}}}`},
		{name: "argument default when absent",
			query: `{ echo }`,
			want:  `{"data":{"echo":{}}}`},
		{name: "oneOf literal",
			query: `{ echo(j: 1) }`,
			want:  `{"data":{"echo":{"j":1}}}`},
	})
}

func TestRequestErrors(t *testing.T) {
	runCases(t, []execCase{
		{name: "int variable not integral",
			query: `query($i: Int) { echo(i: $i) }`,
			vars:  `{"i": 1.5}`,
			want:  `{"errors":[{"message":"Variable '$i' got invalid value 1.5; Int cannot represent non-integer value: 1.5","locations":[{"line":1,"column":7}]}]}`},
		{name: "int variable out of range",
			query: `query($i: Int) { echo(i: $i) }`,
			vars:  `{"i": 3000000000}`,
			want:  `{"errors":[{"message":"Variable '$i' got invalid value 3000000000; Int cannot represent non 32-bit signed integer value: 3000000000","locations":[{"line":1,"column":7}]}]}`},
		{name: "enum is case sensitive",
			query: `query($e: Status) { echo(e: $e) }`,
			vars:  `{"e": "active"}`,
			want:  `{"errors":[{"message":"Variable '$e' got invalid value 'active'; Value 'active' does not exist in 'Status' enum. Did you mean the enum value 'ACTIVE'?","locations":[{"line":1,"column":7}]}]}`},
		{name: "required variable missing",
			query: `mutation($n: Int!) { step(n: $n) }`,
			want:  `{"errors":[{"message":"Variable '$n' of required type 'Int!' was not provided.","locations":[{"line":1,"column":10}]}]}`},
		{name: "non-null variable null",
			query: `mutation M($n: Int!) { step(n: $n) }`,
			vars:  `{"n": null}`,
			want:  `{"errors":[{"message":"Variable '$n' of non-null type 'Int!' must not be null.","locations":[{"line":1,"column":12}]}]}`},
		{name: "unknown input field",
			query: `query($f: AccountFilter) { echo(filter: $f) }`,
			vars:  `{"f": {"nope": 1}}`,
			want:  `{"errors":[{"message":"Variable '$f' got invalid value {'nope': 1}; Field 'nope' is not defined by type 'AccountFilter'.","locations":[{"line":1,"column":7}]}]}`},
		{name: "nested invalid value has a path",
			query: `query($f: AccountFilter) { echo(filter: $f) }`,
			vars:  `{"f": {"nested": {"numbers": ["a", 5]}}}`,
			want:  `{"errors":[{"message":"Variable '$f' got invalid value 5 at 'f.nested.numbers[1]'; String cannot represent a non string value: 5","locations":[{"line":1,"column":7}]}]}`},
		{name: "required input field missing",
			query: `mutation($in: CreateUserInput!) { createUser(input: $in) { ok } }`,
			vars:  `{"in": {"name": "x"}}`,
			want:  `{"errors":[{"message":"Variable '$in' got invalid value {'name': 'x'}; Field 'email' of required type 'String!' was not provided.","locations":[{"line":1,"column":10}]}]}`},
		{name: "input object not an object",
			query: `query($f: AccountFilter) { echo(filter: $f) }`,
			vars:  `{"f": "x"}`,
			want:  `{"errors":[{"message":"Variable '$f' got invalid value 'x'; Expected type 'AccountFilter' to be a mapping.","locations":[{"line":1,"column":7}]}]}`},
		{name: "oneOf with two keys",
			query: `query($o: OneOfInput) { one(input: $o) }`,
			vars:  `{"o": {"a": "x", "b": 1}}`,
			want:  `{"errors":[{"message":"Variable '$o' got invalid value {'a': 'x', 'b': 1}; Exactly one key must be specified for OneOf type 'OneOfInput'.","locations":[{"line":1,"column":7}]}]}`},
		{name: "syntax error",
			query: `{ viewer { name }`,
			want:  `{"errors":[{"message":"Syntax Error: Expected Name, found <EOF>.","locations":[{"line":1,"column":18}]}]}`},
		{name: "validation error",
			query: `{ viewer { nope } }`,
			want:  `{"errors":[{"message":"Cannot query field 'nope' on type 'User'. Did you mean 'name'?","locations":[{"line":1,"column":12}]}]}`},
		{name: "operation name required",
			query: `query A { count } query B { text }`,
			want:  `{"errors":[{"message":"Must provide operation name if query contains multiple operations."}]}`},
		{name: "unknown operation name",
			query: `query A { count } query B { text }`,
			op:    "C",
			want:  `{"errors":[{"message":"Unknown operation named 'C'."}]}`},
		{name: "no operation",
			query: `fragment F on User { id }`,
			want:  `{"errors":[{"message":"Fragment 'F' is never used.","locations":[{"line":1,"column":1}]}]}`},
		{name: "empty document",
			query: ``,
			want:  `{"errors":[{"message":"Syntax Error: Unexpected <EOF>.","locations":[{"line":1,"column":1}]}]}`},
		{name: "subscription",
			query: `subscription { count }`,
			want:  `{"errors":[{"message":"Schema is not configured to execute subscription operation.","locations":[{"line":1,"column":1}]}]}`},
	})
}

func TestOperationName(t *testing.T) {
	runCases(t, []execCase{
		{name: "second operation", op: "B",
			query: `query A { count } query B { text }`,
			want:  `{"data":{"text":"hello"}}`},
		{name: "single named operation without name", query: `query A { count }`,
			want: `{"data":{"count":7}}`},
		{name: "single operation with its name", op: "A", query: `query A { count }`,
			want: `{"data":{"count":7}}`},
	})
}

// failOn returns a hook that fails the named field of the parent type and otherwise serves world().
func failOn(parent, field string) Hook {
	return func(ctx context.Context, f *Field) (any, bool, error) {
		if f.ParentType == parent && f.Name == field {
			return nil, false, errors.New("boom")
		}
		return worldHook(ctx, f)
	}
}

func TestNullPropagation(t *testing.T) {
	runCases(t, []execCase{
		{name: "nullable field error stays local",
			query: `{ viewer { id name } }`,
			hook:  failOn("User", "name"),
			want:  `{"errors":[{"message":"boom","locations":[{"line":1,"column":15}],"path":["viewer","name"]}],"data":{"viewer":{"id":"u1","name":null}}}`},
		{name: "non-null field error nulls the parent",
			query: `{ viewer { id email } count }`,
			hook:  failOn("User", "email"),
			want:  `{"errors":[{"message":"boom","locations":[{"line":1,"column":15}],"path":["viewer","email"]}],"data":{"viewer":null,"count":7}}`},
		{name: "list item error climbs through non-null list to nullable viewer",
			query: "{ viewer {\n  accounts { number }\n} }",
			hook: func(ctx context.Context, f *Field) (any, bool, error) {
				if f.Name == "number" && f.Path[2] == 1 {
					return nil, true, nil
				}
				return worldHook(ctx, f)
			},
			want: `{"errors":[{"message":"Cannot return null for non-nullable field BusinessAccount.number.","locations":[{"line":2,"column":14}],"path":["viewer","accounts",1,"number"]}],"data":{"viewer":null}}`},
		{name: "nullable list item null is fine",
			query: `{ viewer { tags } }`,
			want:  `{"data":{"viewer":{"tags":["a",null,"c"]}}}`},
		{name: "non-null list item null nulls the list",
			query: `{ viewer { scores } }`,
			hook: func(ctx context.Context, f *Field) (any, bool, error) {
				if f.Name == "scores" {
					return []any{1, nil}, true, nil
				}
				return worldHook(ctx, f)
			},
			want: `{"errors":[{"message":"Cannot return null for non-nullable field User.scores.","locations":[{"line":1,"column":12}],"path":["viewer","scores",1]}],"data":{"viewer":{"scores":null}}}`},
		{name: "up to data null",
			query: `{ count requiredUser { email } }`,
			hook:  failOn("User", "email"),
			want:  `{"errors":[{"message":"boom","locations":[{"line":1,"column":24}],"path":["requiredUser","email"]}],"data":null}`},
		{name: "two levels of non-null",
			query: `{ viewer { friend { strictFriend { email } } } }`,
			hook: func(ctx context.Context, f *Field) (any, bool, error) {
				if f.Name == "email" && len(f.Path) == 4 {
					return nil, false, errors.New("deep")
				}
				if f.Name == "friend" {
					return map[string]any{}, true, nil
				}
				return worldHook(ctx, f)
			},
			want: `{"errors":[{"message":"deep","locations":[{"line":1,"column":36}],"path":["viewer","friend","strictFriend","email"]}],"data":{"viewer":{"friend":null}}}`},
		{name: "non-null mutation field",
			query: `mutation { failing }`,
			hook:  failOn("Mutation", "failing"),
			want:  `{"errors":[{"message":"boom","locations":[{"line":1,"column":12}],"path":["failing"]}],"data":null}`},
		{name: "error on aliased merged field lists all locations",
			query: "{ viewer { n: name\n n: name } }",
			hook:  failOn("User", "name"),
			want:  `{"errors":[{"message":"boom","locations":[{"line":1,"column":12},{"line":2,"column":2}],"path":["viewer","n"]}],"data":{"viewer":{"n":null}}}`},
	})
}

func TestHookValues(t *testing.T) {
	leaf := func(field string, v any) Hook {
		return func(ctx context.Context, f *Field) (any, bool, error) {
			if f.Name == field {
				return v, true, nil
			}
			return worldHook(ctx, f)
		}
	}
	runCases(t, []execCase{
		{name: "invalid enum", query: `{ status }`, hook: leaf("status", "NOPE"),
			want: `{"errors":[{"message":"Enum 'Status' cannot represent value: 'NOPE'","locations":[{"line":1,"column":3}],"path":["status"]}],"data":{"status":null}}`},
		{name: "int not integral", query: `{ count }`, hook: leaf("count", 1.5),
			want: `{"errors":[{"message":"Int cannot represent non-integer value: 1.5","locations":[{"line":1,"column":3}],"path":["count"]}],"data":{"count":null}}`},
		{name: "int out of range", query: `{ count }`, hook: leaf("count", int64(1)<<40),
			want: `{"errors":[{"message":"Int cannot represent non 32-bit signed integer value: 1099511627776","locations":[{"line":1,"column":3}],"path":["count"]}],"data":{"count":null}}`},
		{name: "int from string rejected", query: `{ count }`, hook: leaf("count", "3"),
			want: `{"errors":[{"message":"Int cannot represent non-integer value: '3'","locations":[{"line":1,"column":3}],"path":["count"]}],"data":{"count":null}}`},
		{name: "int from json.Number", query: `{ count }`, hook: leaf("count", json.Number("12")),
			want: `{"data":{"count":12}}`},
		{name: "int from integral float", query: `{ count }`, hook: leaf("count", 12.0),
			want: `{"data":{"count":12}}`},
		{name: "float from int", query: `{ ratio }`, hook: leaf("ratio", 2),
			want: `{"data":{"ratio":2}}`},
		{name: "float from string rejected", query: `{ ratio }`, hook: leaf("ratio", "x"),
			want: `{"errors":[{"message":"Float cannot represent non numeric value: 'x'","locations":[{"line":1,"column":3}],"path":["ratio"]}],"data":{"ratio":null}}`},
		{name: "boolean rejected", query: `{ flag }`, hook: leaf("flag", 1),
			want: `{"errors":[{"message":"Boolean cannot represent a non boolean value: 1","locations":[{"line":1,"column":3}],"path":["flag"]}],"data":{"flag":null}}`},
		{name: "string from number", query: `{ text }`, hook: leaf("text", 12345),
			want: `{"data":{"text":"12345"}}`},
		{name: "string from map rejected", query: `{ text }`, hook: leaf("text", map[string]any{}),
			want: `{"errors":[{"message":"String cannot represent value: {}","locations":[{"line":1,"column":3}],"path":["text"]}],"data":{"text":null}}`},
		{name: "id from int", query: `{ ident }`, hook: leaf("ident", int64(9)),
			want: `{"data":{"ident":"9"}}`},
		{name: "id from bool rejected", query: `{ ident }`, hook: leaf("ident", true),
			want: `{"errors":[{"message":"ID cannot represent value: True","locations":[{"line":1,"column":3}],"path":["ident"]}],"data":{"ident":null}}`},
		{name: "custom scalar passes through", query: `{ now }`, hook: leaf("now", []any{1, "x"}),
			want: `{"data":{"now":[1,"x"]}}`},
		{name: "custom scalar from struct", query: `{ now }`, hook: leaf("now", struct{ A int }{3}),
			want: `{"data":{"now":{"A":3}}}`},
		{name: "non-list for list", query: `{ viewer { tags } }`, hook: leaf("tags", "x"),
			want: `{"errors":[{"message":"Expected Iterable, but did not find one for field \"User.tags\".","locations":[{"line":1,"column":12}],"path":["viewer","tags"]}],"data":{"viewer":{"tags":null}}}`},
		{name: "typed slice", query: `{ viewer { tags } }`, hook: leaf("tags", []string{"p", "q"}),
			want: `{"data":{"viewer":{"tags":["p","q"]}}}`},
		{name: "object from non-map", query: `{ viewer { name } }`, hook: leaf("viewer", 3),
			want: `{"errors":[{"message":"Expected a map value for object type \"User\", got int.","locations":[{"line":1,"column":3}],"path":["viewer"]}],"data":{"viewer":null}}`},
		{name: "object from typed map", query: `{ viewer { name email } }`, hook: leaf("viewer", map[string]string{"name": "N", "email": "E"}),
			want: `{"data":{"viewer":{"name":"N","email":"E"}}}`},
		{name: "abstract type by typename", query: `{ node(id: "1") { __typename id ... on Property { address } } }`,
			hook: leaf("node", map[string]any{"__typename": "Property", "id": "p9", "address": "Here"}),
			want: `{"data":{"node":{"__typename":"Property","id":"p9","address":"Here"}}}`},
		{name: "abstract type impossible typename", query: `{ node(id: "1") { id } }`,
			hook: leaf("node", map[string]any{"__typename": "MeterPoint"}),
			want: `{"errors":[{"message":"Runtime Object type 'MeterPoint' is not a possible type for 'Node'.","locations":[{"line":1,"column":3}],"path":["node"]}],"data":{"node":null}}`},
		{name: "another schema's typename is the possible type it ends with", query: `{ node(id: "1") { __typename id } }`,
			hook: leaf("node", map[string]any{"__typename": "RentedProperty", "id": "p9"}),
			want: `{"data":{"node":{"__typename":"Property","id":"p9"}}}`},
		{name: "a typename naming an abstract type is its possible type with most of the value's fields", query: `{ node(id: "1") { __typename id } }`,
			hook: leaf("node", map[string]any{"__typename": "Account", "id": "a1", "number": "A-1", "owner": nil}),
			want: `{"data":{"node":{"__typename":"PersonalAccount","id":"a1"}}}`},
		{name: "another schema's typename is the possible type without its Type suffix", query: `{ node(id: "1") { __typename id } }`,
			hook: leaf("node", map[string]any{"__typename": "PropertyType", "id": "p9"}),
			want: `{"data":{"node":{"__typename":"Property","id":"p9"}}}`},
		{name: "another schema's typename is otherwise the possible type with most of the value's fields", query: `{ node(id: "1") { __typename id } }`,
			hook: leaf("node", map[string]any{"__typename": "Dwelling", "id": "p9", "address": "Here"}),
			want: `{"data":{"node":{"__typename":"Property","id":"p9"}}}`},
		{name: "an unknown typename no possible type ends", query: `{ node(id: "1") { id } }`,
			hook: leaf("node", map[string]any{"__typename": "Propertie"}),
			want: `{"errors":[{"message":"Runtime Object type 'Propertie' is not a possible type for 'Node'.","locations":[{"line":1,"column":3}],"path":["node"]}],"data":{"node":null}}`},
		{name: "explicit nil in map is null", query: `{ viewer { friend { id } } }`,
			want: `{"data":{"viewer":{"friend":null}}}`},
		{name: "hook *Error keeps extensions and gets path",
			query: `{ viewer { name } }`,
			hook: func(ctx context.Context, f *Field) (any, bool, error) {
				if f.Name == "viewer" {
					return nil, false, &Error{Message: "Unauthorized.", Extensions: map[string]any{"errorCode": "KT-CT-1111", "errorType": "AUTHORIZATION"}}
				}
				return nil, false, nil
			},
			want: `{"errors":[{"message":"Unauthorized.","locations":[{"line":1,"column":3}],"path":["viewer"],"extensions":{"errorCode":"KT-CT-1111","errorType":"AUTHORIZATION"}}],"data":{"viewer":null}}`},
		{name: "hook *Error with its own path kept",
			query: `{ viewer { name } }`,
			hook: func(ctx context.Context, f *Field) (any, bool, error) {
				if f.Name == "viewer" {
					return nil, false, &Error{Message: "x", Path: []any{"elsewhere"}, Locations: []Location{{Line: 9, Column: 9}}}
				}
				return nil, false, nil
			},
			want: `{"errors":[{"message":"x","locations":[{"line":9,"column":9}],"path":["elsewhere"]}],"data":{"viewer":null}}`},
		{name: "panicking hook is a field error",
			query: `{ text count }`,
			hook: func(ctx context.Context, f *Field) (any, bool, error) {
				if f.Name == "text" {
					panic("oops")
				}
				return worldHook(ctx, f)
			},
			want: `{"errors":[{"message":"internal error in field hook: oops","locations":[{"line":1,"column":3}],"path":["text"]}],"data":{"text":null,"count":7}}`},
	})
}

func TestHookFieldDescription(t *testing.T) {
	var got []*Field
	hook := func(ctx context.Context, f *Field) (any, bool, error) {
		got = append(got, f)
		if f.Name == "accounts" {
			return []any{map[string]any{"__typename": "BusinessAccount", "number": "N"}}, true, nil
		}
		return nil, false, nil
	}
	e := newTestExecutor(t, Options{Hook: hook})
	req := &Request{Query: `query Q($s: Status) { viewer { list: accounts(status: $s) { number } } }`, Variables: map[string]any{"s": "ACTIVE"}}
	e.Execute(context.Background(), req)
	if len(got) != 3 {
		t.Fatalf("hook calls = %d, want 3 (viewer, accounts, number)", len(got))
	}
	acc := got[1]
	if acc.ParentType != "User" || acc.Name != "accounts" || acc.Alias != "list" || acc.Operation != "query" {
		t.Errorf("field = %+v", acc)
	}
	if acc.Args["first"] != 2 || acc.Args["status"] != "ACTIVE" {
		t.Errorf("args = %v, want first=2 (default) status=ACTIVE", acc.Args)
	}
	if len(acc.Path) != 2 || acc.Path[0] != "viewer" || acc.Path[1] != "list" {
		t.Errorf("path = %v", acc.Path)
	}
	if acc.Source != nil || acc.Request != req || acc.Definition == nil || acc.Definition.Name != "accounts" {
		t.Errorf("source/request/definition wrong: %+v", acc)
	}
	num := got[2]
	if num.ParentType != "BusinessAccount" || num.Source == nil || len(num.Path) != 4 || num.Path[2] != 0 {
		t.Errorf("number field = %+v", num)
	}
}

func TestMutationSerialOrder(t *testing.T) {
	var mu sync.Mutex
	var order []any
	hook := func(ctx context.Context, f *Field) (any, bool, error) {
		if f.Name == "step" {
			mu.Lock()
			order = append(order, f.Args["n"])
			mu.Unlock()
			return f.Args["n"].(int) * 10, true, nil
		}
		return nil, false, nil
	}
	e := newTestExecutor(t, Options{Hook: hook})
	got := runJSON(t, e, &Request{Query: `mutation { c: step(n: 3) a: step(n: 1) b: step(n: 2) }`})
	if want := `{"data":{"c":30,"a":10,"b":20}}`; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
	if len(order) != 3 || order[0] != 3 || order[1] != 1 || order[2] != 2 {
		t.Errorf("execution order = %v, want [3 1 2]", order)
	}
}

func TestFakes(t *testing.T) {
	e := newTestExecutor(t, Options{})
	q := `query($s: Status) { viewer { id name a: tags tags accounts(status: $s) { id number ... on PersonalAccount { owner { id } } } } search(text: "x") { __typename ... on Node { id } } }`
	req := func(s string) *Request {
		return &Request{Query: q, Variables: map[string]any{"s": s}}
	}
	first := runJSON(t, e, req("ACTIVE"))
	second := runJSON(t, New(loadTestSchema(t), Options{Faker: testFaker{}}), req("ACTIVE"))
	if first != second {
		t.Fatalf("same request, different answers:\n%s\n%s", first, second)
	}
	resp := e.Execute(context.Background(), req("ACTIVE"))
	viewer := get(t, resp.Data, "viewer").(*Object)
	tags := get(t, viewer, "tags").([]any)
	if len(tags) != 2 || tags[0] == tags[1] {
		t.Errorf("list items should differ: %v", tags)
	}
	if a := get(t, viewer, "a"); !equalJSON(a, tags) {
		t.Errorf("aliased field with the same name and arguments differs: %v vs %v", a, tags)
	}
	accs := get(t, viewer, "accounts").([]any)
	id0 := get(t, accs[0].(*Object), "id")
	id1 := get(t, accs[1].(*Object), "id")
	if id0 == id1 {
		t.Errorf("two list items have the same id %v", id0)
	}
	other := e.Execute(context.Background(), req("PENDING"))
	accs2 := get(t, get(t, other.Data, "viewer").(*Object), "accounts").([]any)
	if equalJSON(accs, accs2) {
		t.Errorf("different arguments should give different fakes")
	}
	for _, it := range get(t, resp.Data, "search").([]any) {
		tn := get(t, it.(*Object), "__typename")
		if tn != "User" && tn != "BusinessAccount" && tn != "Property" {
			t.Errorf("union member %v is not a possible type", tn)
		}
	}
}

func TestDefaultFaker(t *testing.T) {
	e := New(loadTestSchema(t), Options{})
	resp := e.Execute(context.Background(), &Request{Query: `{ viewer { id name accounts { status number } scores } node(id: 1) { id } now count ratio flag }`})
	if !resp.Executed || len(resp.Errors) > 0 || resp.Data == nil {
		t.Fatalf("default faker: %+v", resp.Errors)
	}
	b, _ := json.Marshal(resp)
	if !json.Valid(b) || !strings.Contains(string(b), `"viewer":{"id":`) {
		t.Errorf("unexpected %s", b)
	}
}

func TestFakeFillsMissingMapKeys(t *testing.T) {
	hook := func(ctx context.Context, f *Field) (any, bool, error) {
		if f.Name == "viewer" {
			return map[string]any{"name": "Given"}, true, nil
		}
		return nil, false, nil
	}
	e := newTestExecutor(t, Options{Hook: hook})
	resp := e.Execute(context.Background(), &Request{Query: `{ viewer { name email } }`})
	v := get(t, resp.Data, "viewer").(*Object)
	if get(t, v, "name") != "Given" {
		t.Errorf("name = %v", get(t, v, "name"))
	}
	if email, _ := get(t, v, "email").(string); !strings.HasPrefix(email, "User.email-") {
		t.Errorf("email should be faked, got %v", email)
	}
}

func TestContextCancelled(t *testing.T) {
	e := newTestExecutor(t, Options{Hook: worldHook})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	resp := e.Execute(ctx, &Request{Query: `{ count }`})
	const cancelled = "Execution stopped: the request was cancelled (the client went away)."
	if resp.Executed || len(resp.Errors) != 1 || resp.Errors[0].Message != cancelled {
		t.Errorf("cancelled before start: %+v", resp.Errors)
	}
	ctx2, cancel2 := context.WithCancel(context.Background())
	defer cancel2()
	hook := func(c context.Context, f *Field) (any, bool, error) {
		if f.Name == "count" {
			cancel2()
		}
		return worldHook(c, f)
	}
	e2 := newTestExecutor(t, Options{Hook: hook})
	resp = e2.Execute(ctx2, &Request{Query: `{ count text flag }`})
	if !resp.Executed || len(resp.Errors) != 2 {
		t.Fatalf("cancelled during execution: %+v", resp.Errors)
	}
	for i, key := range []string{"text", "flag"} { // each root field not run says so
		if e := resp.Errors[i]; e.Message != cancelled || len(e.Path) != 1 || e.Path[0] != key || len(e.Locations) != 1 {
			t.Errorf("error %d = %+v, want %q at %s", i, e, cancelled, key)
		}
	}
	if v, _ := resp.Data.Get("text"); v != nil {
		t.Errorf("text after cancel = %v, want null", v)
	}
}

func get(t *testing.T, o *Object, key string) any {
	t.Helper()
	v, ok := o.Get(key)
	if !ok {
		t.Fatalf("key %q missing in %v", key, o.Keys)
	}
	return v
}

func equalJSON(a, b any) bool {
	x, err1 := json.Marshal(a)
	y, err2 := json.Marshal(b)
	return err1 == nil && err2 == nil && string(x) == string(y)
}

type panicFaker struct{ testFaker }

func (panicFaker) Leaf(uint64, string, string, *ast.Definition) any { panic("faker broke") }

func TestNeverPanics(t *testing.T) {
	e := New(loadTestSchema(t), Options{Faker: panicFaker{}})
	got := runJSON(t, e, &Request{Query: `{ count }`})
	if want := `{"errors":[{"message":"internal error: faker broke"}],"data":null}`; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
	if got := runJSON(t, e, nil); got != `{"errors":[{"message":"Must provide a request."}]}` {
		t.Errorf("nil request: %s", got)
	}
	resp := e.ExecuteProgram(context.Background(), nil, &Request{})
	if resp.Executed || len(resp.Errors) != 1 {
		t.Errorf("nil program: %+v", resp)
	}
}

// sameFaker answers every leaf alike, in lists of three.
type sameFaker struct{ testFaker }

func (sameFaker) Leaf(_ uint64, _, _ string, typ *ast.Definition) any {
	if typ.Kind == ast.Enum {
		return typ.EnumValues[0].Name
	}
	return "same"
}
func (sameFaker) ListLen(uint64) int { return 3 }

func TestMadeUpValueListsNameEachOnce(t *testing.T) {
	s, err := gqlparser.LoadSchema(&ast.Source{Name: "l.graphql", Input: `type Query { states: [State!]! codes: [String] grid: [[String]] things: [Thing] }
enum State { SETUP NORMAL }
type Thing { name: String }`})
	if err != nil {
		t.Fatal(err)
	}
	got := runJSON(t, New(s, Options{Faker: sameFaker{}}), &Request{Query: `{ states codes grid things { name } }`})
	want := `{"data":{"states":["SETUP"],"codes":["same"],"grid":[["same"],["same"],["same"]],"things":[{"name":"same"},{"name":"same"},{"name":"same"}]}}`
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}
