package graphql_test

import (
	"context"
	"fmt"
	"time"

	"github.com/krakensim/krakensim/sim/graphql"
	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
)

func ExampleExecutor_Execute() {
	schema := gqlparser.MustLoadSchema(&ast.Source{Input: `
		type Query { account(number: String!): Account }
		type Account { number: String! balance: Int! status: Status }
		enum Status { ACTIVE CLOSED }
	`})
	hook := func(ctx context.Context, f *graphql.Field) (any, bool, error) {
		if f.Name == "account" {
			return map[string]any{"number": f.Args["number"], "balance": 1200}, true, nil
		}
		return nil, false, nil
	}
	e := graphql.New(schema, graphql.Options{Hook: hook})
	resp := e.Execute(context.Background(), &graphql.Request{
		Query:     `query($n: String!) { account(number: $n) { __typename number balance } }`,
		Variables: map[string]any{"n": "A-1234"},
	})
	out, _ := resp.MarshalJSON()
	fmt.Println(string(out))
	// Output: {"data":{"account":{"__typename":"Account","number":"A-1234","balance":1200}}}
}

func ExampleExecutor_Cost() {
	schema := gqlparser.MustLoadSchema(&ast.Source{Input: `
		type Query { account(number: String!): Account }
		type Account { number: String! payments(first: Int): PaymentConnection }
		type PaymentConnection { edges: [PaymentEdge] }
		type PaymentEdge { node: Payment }
		type Payment { id: ID! amount: Int }
	`})
	e := graphql.New(schema, graphql.Options{MaxComplexity: 200, MaxNodes: 10000})
	c, _ := e.Cost(&graphql.Request{
		Query:     `query($n: Int) { account(number: "A-1") { number payments(first: $n) { edges { node { id amount } } } } }`,
		Variables: map[string]any{"n": 20},
	})
	fmt.Println(c.Fields[0].Key, c.Complexity, c.Nodes, c.Depth)
	// Output: account 26 20 5
}

func ExampleOptions_maxPageWeight() {
	schema := gqlparser.MustLoadSchema(&ast.Source{Input: `
		type Query { readings(first: Int): [Reading] }
		type Reading { value: Float }
	`})
	// A page of a thousand weighs on complexity as a hundred; its items count in full.
	e := graphql.New(schema, graphql.Options{MaxComplexity: 200, MaxNodes: 10000, MaxPageWeight: 100})
	c, _ := e.Cost(&graphql.Request{Query: `{ readings(first: 1000) { value } }`})
	fmt.Println(c.Complexity, c.Nodes)
	// Output: 101 1000
}

func ExampleField_Selected() {
	schema := gqlparser.MustLoadSchema(&ast.Source{Input: `
		type Query { account(number: String!): Account }
		type Account { number: String! balance: Int! status: String }
	`})
	hook := func(ctx context.Context, f *graphql.Field) (any, bool, error) {
		if f.Name != "account" {
			return nil, false, nil
		}
		names, all := f.Selected() // build only what the query reads
		fmt.Println("selected:", names, all)
		return map[string]any{"number": f.Args["number"], "balance": 1200}, true, nil
	}
	e := graphql.New(schema, graphql.Options{Hook: hook})
	resp := e.Execute(context.Background(), &graphql.Request{
		Query: `{ account(number: "A-1") { number ...B } } fragment B on Account { balance number }`,
	})
	out, _ := resp.MarshalJSON()
	fmt.Println(string(out))
	// Output:
	// selected: [number balance] false
	// {"data":{"account":{"number":"A-1","balance":1200}}}
}

func ExampleParseDateTime() {
	for _, s := range []string{"2026-12-05T20:00:00+0000", "2026-12-05T21:00:00+01:00", "2026-12-05 20:00:00"} {
		t, ok := graphql.ParseDateTime(s, time.UTC)
		fmt.Println(t.UTC().Format(time.RFC3339), ok)
	}
	// Output:
	// 2026-12-05T20:00:00Z true
	// 2026-12-05T20:00:00Z true
	// 2026-12-05T20:00:00Z true
}
