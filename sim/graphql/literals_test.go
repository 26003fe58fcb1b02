package graphql

import (
	"context"
	"sync/atomic"
	"testing"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
)

// grapheneSDL declares graphene's scalars as Kraken's SDLs do.
const grapheneSDL = `
scalar Date
scalar DateTime
scalar Time
scalar UUID
scalar JSONString
scalar Decimal
scalar BigInt
input DayInput { day: Date, n: Int }
type Query {
  day(d: Date, dt: DateTime, t: Time, u: UUID, j: JSONString, dec: Decimal, big: BigInt, in: DayInput, days: [Date]): String
}
type Mutation { set(d: Date, n: Int): String }
`

// TestGrapheneLiterals checks that a literal graphene's scalar would not parse makes the
// document invalid, as graphql-core's ValuesOfCorrectTypeRule parses literals during
// validation: a 400 with the scalar's message at the literal, and no field runs, not
// even a mutation beside it. A variable keeps the variable's wording.
func TestGrapheneLiterals(t *testing.T) {
	var ran atomic.Int32
	e := New(mustSchema(t), Options{Faker: testFaker{}, Hook: func(context.Context, *Field) (any, bool, error) {
		ran.Add(1)
		return "ok", true, nil
	}})
	for _, tc := range []struct {
		name, query, vars, want string
	}{
		{"date not a day", `{ day(d: "2026-13-01") }`, ``,
			`{"errors":[{"message":"Date cannot represent value: '2026-13-01'","locations":[{"line":1,"column":10}]}]}`},
		{"date not a string", `{ day(d: 20260101) }`, ``,
			`{"errors":[{"message":"Date cannot represent non-string value: 20260101","locations":[{"line":1,"column":10}]}]}`},
		{"date in an input object", `{ day(in: {day: "1990-02-30", n: 1}) }`, ``,
			`{"errors":[{"message":"Date cannot represent value: '1990-02-30'","locations":[{"line":1,"column":17}]}]}`},
		{"date in a list", `{ day(days: ["2026-01-01", true]) }`, ``,
			`{"errors":[{"message":"Date cannot represent non-string value: true","locations":[{"line":1,"column":28}]}]}`},
		{"datetime", `{ day(dt: "yesterday") }`, ``,
			`{"errors":[{"message":"DateTime cannot represent value: 'yesterday'","locations":[{"line":1,"column":11}]}]}`},
		{"time", `{ day(t: "25:00") }`, ``,
			`{"errors":[{"message":"Time cannot represent value: '25:00'","locations":[{"line":1,"column":10}]}]}`},
		{"time not a string", `{ day(t: {h: 1}) }`, ``,
			`{"errors":[{"message":"Time cannot represent non-string value: {h: 1}","locations":[{"line":1,"column":10}]}]}`},
		{"uuid", `{ day(u: "nope") }`, ``,
			`{"errors":[{"message":"UUID cannot represent value: 'nope'","locations":[{"line":1,"column":10}]}]}`},
		{"uuid not a string", `{ day(u: 5) }`, ``,
			`{"errors":[{"message":"UUID cannot represent value: 5","locations":[{"line":1,"column":10}]}]}`},
		{"jsonstring", `{ day(j: "{bad") }`, ``,
			`{"errors":[{"message":"JSONString cannot represent value: '{bad'","locations":[{"line":1,"column":10}]}]}`},
		{"decimal", `{ day(dec: "abc") }`, ``,
			`{"errors":[{"message":"Decimal cannot represent value: 'abc'","locations":[{"line":1,"column":12}]}]}`},
		{"decimal boolean", `{ day(dec: true) }`, ``,
			`{"errors":[{"message":"Decimal cannot represent value: True","locations":[{"line":1,"column":12}]}]}`},
		{"a bad literal stops a mutation beside it", `mutation { bad: set(d: "1990-02-30") good: set(n: 1) }`, ``,
			`{"errors":[{"message":"Date cannot represent value: '1990-02-30'","locations":[{"line":1,"column":24}]}]}`},
		{"int beyond 32 bits stops a mutation beside it", `mutation { good: set(d: "2026-01-01") bad: set(n: 2147483648) }`, ``,
			`{"errors":[{"message":"Int cannot represent non 32-bit signed integer value: 2147483648","locations":[{"line":1,"column":51}]}]}`},
		{"good literals run", `{ day(d: "2026-12-02", dt: "2026-12-02T09:00:00Z", t: "09:30", u: "6f1c9a1e-2b3d-4c5e-8f70-1a2b3c4d5e6f", j: "{\"a\": 1}", dec: 12, big: 9007199254740993, in: {day: "2026-01-01"}, days: ["2026-01-01"]) }`, ``,
			`{"data":{"day":"ok"}}`},
		{"a variable inside a literal is checked as a variable", `query($d: Date) { day(in: {day: $d}) }`, `{"d": "2026-02-30"}`,
			`{"errors":[{"message":"Variable '$d' got invalid value '2026-02-30'; Date cannot represent value: '2026-02-30'","locations":[{"line":1,"column":7}]}]}`},
		{"date variable not a string", `query($d: Date) { day(d: $d) }`, `{"d": 20261101}`,
			`{"errors":[{"message":"Variable '$d' got invalid value 20261101; Date cannot represent non-string value: 20261101","locations":[{"line":1,"column":7}]}]}`},
		{"datetime variable not a string", `query($d: DateTime) { day(dt: $d) }`, `{"d": true}`,
			`{"errors":[{"message":"Variable '$d' got invalid value True; DateTime cannot represent non-string value: True","locations":[{"line":1,"column":7}]}]}`},
		{"time variable bad string", `query($d: Time) { day(t: $d) }`, `{"d": "7pm"}`,
			`{"errors":[{"message":"Variable '$d' got invalid value '7pm'; Time cannot represent value: '7pm'","locations":[{"line":1,"column":7}]}]}`},
		{"bad variable default", `query($d: Date = "2026-02-30") { day(d: $d) }`, ``,
			`{"errors":[{"message":"Date cannot represent value: '2026-02-30'","locations":[{"line":1,"column":18}]}]}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ran.Store(0)
			resp := e.Execute(context.Background(), &Request{Query: tc.query, Variables: decodeVars(t, tc.vars)})
			b, err := resp.MarshalJSON()
			if err != nil {
				t.Fatal(err)
			}
			if got, want := string(b), compactJSON(t, tc.want); got != want {
				t.Errorf("%s\n got: %s\nwant: %s", tc.query, got, want)
			}
			if resp.Executed != (ran.Load() > 0) || resp.Invalid == resp.Executed {
				t.Errorf("executed %v, invalid %v, fields run %d", resp.Executed, resp.Invalid, ran.Load())
			}
		})
	}
}

// TestPrintLiteral prints literals as graphql-core's print_ast does in its messages.
func TestPrintLiteral(t *testing.T) {
	doc, err := gqlparser.LoadQuery(mustSchema(t), `{ day(j: "x", days: ["a\n", null], in: {day: "d", n: -1}) }`)
	if err != nil {
		t.Fatal(err)
	}
	args := doc.Operations[0].SelectionSet[0].(*ast.Field).Arguments
	for i, want := range []string{`"x"`, `["a\n", null]`, `{day: "d", n: -1}`} {
		if got := printLiteral(args[i].Value); got != want {
			t.Errorf("printLiteral(%s) = %s, want %s", args[i].Value, got, want)
		}
	}
}

// mustSchema loads grapheneSDL.
func mustSchema(t *testing.T) *ast.Schema {
	t.Helper()
	schema, err := gqlparser.LoadSchema(&ast.Source{Name: "graphene.graphql", Input: grapheneSDL})
	if err != nil {
		t.Fatal(err)
	}
	return schema
}
