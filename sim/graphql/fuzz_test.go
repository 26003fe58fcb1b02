package graphql

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/krakensim/krakensim/internal/fuzzcost"
)

func FuzzExecute(f *testing.F) {
	f.Add(`{ viewer { id name accounts { number ... on PersonalAccount { owner { name } } } } }`, `{}`)
	f.Add(`query($f: AccountFilter, $l: [Int]) { echo(filter: $f, l: $l) }`, `{"f": {"numbers": "x", "nested": {"limit": 1}}, "l": 3}`)
	f.Add(`mutation($in: CreateUserInput!) { createUser(input: $in) { ok user { id } } }`, `{"in": {"name": "a", "email": "b", "meta": {"x": [1]}}}`)
	f.Add(`query A { count } query B { search(text: "x") { __typename ... on Node { id } } }`, `null`)
	f.Add(`{ __schema { types { name fields(includeDeprecated: true) { name args { defaultValue } } } } }`, ``)
	f.Add(`query($s: Boolean!) { viewer @skip(if: $s) { id } requiredUser { strictFriend { email } } }`, `{"s": "yes"}`)
	f.Add(`{ a: viewer { ...F } b: viewer { ...F } } fragment F on User { friend { id } }`, `[]`)
	f.Add(`query($o: OneOfInput) { one(input: $o) }`, `{"o": {"a": null}}`)
	f.Add(`query($f: AccountFilter, $l: [Int], $o: OneOfInput, $s: String!) { echo(filter: $f, l: $l) one(input: $o) }`,
		`{"f": {"status": "X", "limit": "y", "zz": 1, "nested": {"nested": {"numbers": [null, 2]}}}, "l": [1, "a", true], "o": {"a": "x", "b": 1}}`)
	f.Add(`query($l: [Int], $f: AccountFilter) { echo(l: $l, filter: $f) }`, `{"l": ["a", null, "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t", "u", "v", "w", "x", "y", "z", "aa", "ab", "ac", "ad", "ae", "af", "ag", "ah", "ai", "aj", "ak", "al", "am", "an", "ao", "ap", "aq", "ar", "as", "at", "au", "av", "aw", "ax", "ay", "az"], "f": {"nested": {}, "zz": 0}}`)
	f.Add("query A($a:Int,$ a:Int)@skip(if:1){...A @ foo @foo a(x:1,x:2){b(c:{d:1,d:\"e\"})}}\r\nfragment A on Query{...B}\n"+
		"fragment A on Usr{...A}\u2028fragment B on String{... on Q{...A}}", `{}`)
	f.Add("{\n\tviewer{email{x} ... on Property{id}}\r\n}\n{\"\"\"a\n\"\"\"}", `{}`)
	f.Add(`query($d: [Int] = [3000000000, "a"], $e: Status! = "X") { echo(i: 99999999999999999999, id: 1.5, l: [1, null, {a: 1}], s: {a: [$d]}, filter: {limit: "x", nope: 1, nested: [1]}, e: ACTIV, j: {a: $e}) one(input: {a: null}) }`, `{}`)
	schema := loadTestSchema(f)
	hook := func(ctx context.Context, fl *Field) (any, bool, error) {
		switch fl.Name {
		case "echo":
			return fl.Args, true, nil
		case "count":
			return 1.5, true, nil
		}
		return nil, false, nil
	}
	e := New(schema, Options{Faker: testFaker{}, Hook: hook, MaxDepth: 20, MaxComplexity: 5000})
	f.Fuzz(func(t *testing.T, query, vars string) {
		var m map[string]any
		_ = json.Unmarshal([]byte(vars), &m)
		var resp *Response
		fuzzcost.Check(t, query, func() { resp = e.Execute(context.Background(), &Request{Query: query, Variables: m}) })
		if resp == nil {
			t.Fatal("nil response")
		}
		b, err := resp.MarshalJSON()
		if err != nil {
			t.Fatalf("marshal: %v", err)
		}
		if !json.Valid(b) {
			t.Fatalf("invalid JSON: %s", b)
		}
		if !resp.Executed && len(resp.Errors) == 0 {
			t.Fatalf("unexecuted response without errors for %q", query)
		}
		for _, e := range resp.Errors {
			if strings.HasPrefix(e.Message, "internal error") {
				t.Fatalf("%s for %q", e.Message, query)
			}
			for _, l := range e.Locations {
				if l.Line < 1 || l.Column < 1 {
					t.Fatalf("%q at %d:%d for %q", e.Message, l.Line, l.Column, query)
				}
			}
		}
	})
}
