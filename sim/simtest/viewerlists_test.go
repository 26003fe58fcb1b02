package simtest_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/krakensim/krakensim/sim/simtest"
)

// TestOriginViewerBillsAreTheAccounts: the demo user's bills are those of their two
// accounts, as each account's bills answers them, newest period first; their payment
// methods are the accounts'.
func TestOriginViewerBillsAreTheAccounts(t *testing.T) {
	_, c := tenant(t, "origin-schema.graphql")
	q := mustQuery(t, c)
	const page = `bills(first: 40) { totalCount edges { node { id fromDate } } } paymentMethods(first: 10) { edges { node { id status } } }`
	data := q(`{ viewer { `+page+` } a: account(accountNumber: "A-C90DC431") { `+page+` } b: account(accountNumber: "A-7B3E9D12") { `+page+` } }`, nil)
	type bill struct{ id, from string }
	read := func(v any) (bills []bill, methods []string) {
		for _, e := range simtest.Get(v, "bills", "edges").([]any) {
			bills = append(bills, bill{fmt.Sprint(simtest.Get(e, "node", "id")), fmt.Sprint(simtest.Get(e, "node", "fromDate"))})
		}
		methodEdges, _ := simtest.Get(v, "paymentMethods", "edges").([]any)
		for _, e := range methodEdges {
			methods = append(methods, fmt.Sprint(simtest.Get(e, "node", "id"), simtest.Get(e, "node", "status")))
		}
		return bills, methods
	}
	got, gotMethods := read(data["viewer"])
	a, am := read(data["a"])
	b, bm := read(data["b"])
	want := slices.Concat(a, b)
	slices.SortStableFunc(want, func(x, y bill) int { return strings.Compare(y.from, x.from) })
	if len(a) == 0 || len(b) == 0 || !slices.Equal(got, want[:len(got)]) || len(got) != 40 {
		t.Errorf("viewer bills %v; the accounts' merged are %v", got, want)
	}
	total := func(k string) int { n, _ := simtest.Get(data, k, "bills", "totalCount").(float64); return int(n) }
	if got, want := total("viewer"), total("a")+total("b"); total("a") == 0 || got != want {
		t.Errorf("viewer bills totalCount %v, want %d", got, want)
	}
	if wantMethods := slices.Concat(am, bm); len(wantMethods) == 0 || !slices.Equal(gotMethods, wantMethods) {
		t.Errorf("viewer payment methods %v; the accounts' are %v", gotMethods, wantMethods)
	}
	only := q(`{ viewer { bills(first: 40, accountNumbers: ["A-7B3E9D12"]) { edges { node { id fromDate } } } } }`, nil)
	if got, _ := read(only["viewer"]); !slices.Equal(got, b) {
		t.Errorf("the flat's bills through the viewer: %v, want %v", got, b)
	}
	id := a[0].id
	if got := simtest.Get(q(`{ account(accountNumber: "A-C90DC431") { bill(id: "`+id+`") { id } } }`, nil), "account", "bill", "id"); fmt.Sprint(got) != id {
		t.Errorf("the viewer's first bill %s looked up on its account: %v", id, got)
	}
}

// TestPortfolioIsTheAccounts looks the account's portfolio up by its number: the same
// portfolio, listed among the viewer's; a number no account's is KT-CT-9403 and another
// user's is unauthorized.
func TestPortfolioIsTheAccounts(t *testing.T) {
	_, c := tenant(t, "origin-schema.graphql")
	q := mustQuery(t, c)
	const fields = `{ id number brand leadAccountNumber }`
	own := simtest.Get(q(`{ account(accountNumber: "A-7B3E9D12") { portfolio `+fields+` } }`, nil), "account", "portfolio")
	number, _ := simtest.Get(own, "number").(string)
	if !strings.HasPrefix(number, "P-") || simtest.Get(own, "leadAccountNumber") != "A-7B3E9D12" {
		t.Fatalf("the flat's portfolio is %v", own)
	}
	data := q(`query($n: String!) { portfolio(portfolioNumber: $n) `+fields+` accounts(portfolioNumber: $n) { number }
		viewer { portfolioIds portfolios(first: 5) { totalCount edges { node { number } } } portfolioUserRoles(portfolioNumber: $n) { role portfolio { number } } } }`, map[string]any{"n": number})
	if got := fmt.Sprint(data["portfolio"]); got != fmt.Sprint(own) {
		t.Errorf("portfolio(%s) is %s; the account's is %v", number, got, own)
	}
	if got := fmt.Sprint(data["accounts"]); got != "[map[number:A-7B3E9D12]]" {
		t.Errorf("accounts(portfolioNumber: %s) = %s", number, got)
	}
	v := data["viewer"]
	if got := fmt.Sprint(simtest.Get(v, "portfolios", "edges")); simtest.Get(v, "portfolios", "totalCount") != float64(2) && simtest.Get(v, "portfolios", "totalCount") != 2 || !strings.Contains(got, number) {
		t.Errorf("the viewer's portfolios %v, want both accounts' with %s", simtest.Get(v, "portfolios"), number)
	}
	if ids := simtest.Get(v, "portfolioIds").([]any); !slices.Contains(ids, simtest.Get(own, "id")) {
		t.Errorf("portfolioIds %v lack %v", ids, simtest.Get(own, "id"))
	}
	if got := fmt.Sprint(simtest.Get(v, "portfolioUserRoles")); got != "[map[portfolio:map[number:"+number+"] role:ADMIN]]" {
		t.Errorf("portfolioUserRoles %s", got)
	}
	for _, tc := range []struct{ number, code string }{{"P-DEADBEEF", "KT-CT-9403"}, {"P-0F4A2B19", "KT-CT-1111"}} {
		out := c.Query(`query($n: String!) { portfolio(portfolioNumber: $n) { id number } }`, map[string]any{"n": tc.number})
		if len(out.Errors) != 1 || out.Errors[0].Extensions["errorCode"] != tc.code || simtest.Get(out.Data, "portfolio") != nil {
			t.Errorf("portfolio(%s): %+v %v, want %s", tc.number, out.Errors, out.Data, tc.code)
		}
	}
}

// TestOctopusViewerPortfoliosAreTheAccounts: the demo user's portfolios are their two
// accounts', the one account.portfolio names among them.
func TestOctopusViewerPortfoliosAreTheAccounts(t *testing.T) {
	_, c := octopus(t)
	data := mustQuery(t, c)(`{ viewer { portfolioIds portfolios(first: 5) { edges { node { id number } } } }
		account(accountNumber: "A-C90DC431") { portfolio { id number } } }`, nil)
	edges := simtest.Get(data, "viewer", "portfolios", "edges").([]any)
	own := simtest.Get(data, "account", "portfolio")
	if len(edges) != 2 || fmt.Sprint(simtest.Get(edges[0], "node")) != fmt.Sprint(own) {
		t.Errorf("the viewer's portfolios %v; the dual-fuel account's is %v", edges, own)
	}
	if ids := simtest.Get(data, "viewer", "portfolioIds").([]any); len(ids) != 2 || ids[0] != simtest.Get(own, "id") {
		t.Errorf("portfolioIds %v", ids)
	}
}
