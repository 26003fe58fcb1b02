package world

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"
)

// billsSDL is an account's statements, shaped as Kraken's bills.
const billsSDL = `type Query { accounts: [Account] }
type Account { number: String! bills(first: Int, includeOpenStatements: Boolean = false, includeBillsWithoutPDF: Boolean = false): BillConnection }
type BillConnection { edges: [BillEdge] pageInfo: PageInfo! }
type BillEdge { node: StatementType cursor: String! }
type PageInfo { hasNextPage: Boolean! hasPreviousPage: Boolean! startCursor: String endCursor: String }
type StatementType { id: ID status: StatementStatus fromDate: Date toDate: Date issuedDate: Date temporaryUrl: String closingBalance: Int }
enum StatementStatus { OPEN CLOSED }
scalar Date`

// TestBillsFollowOneAnother: an account's statements are consecutive calendar months,
// newest first, each ending on its last day; the current month's is open, with no
// issue date, document or closing balance, and Kraken's bills leave it out, with any
// bill that has no document, unless asked.
func TestBillsFollowOneAnother(t *testing.T) {
	b := newSDLWorld(t, billsSDL, Options{}).raw(`{ accounts {
		number all: bills(first: 12, includeOpenStatements: true, includeBillsWithoutPDF: true) { ...B }
		issued: bills(first: 12) { ...B } withoutPDF: bills(first: 12, includeBillsWithoutPDF: true) { ...B } } }
		fragment B on BillConnection { edges { node { status fromDate toDate issuedDate temporaryUrl closingBalance } } }`, nil)
	var out struct {
		Data struct{ Accounts []map[string]any }
	}
	if err := json.Unmarshal(b, &out); err != nil || len(out.Data.Accounts) == 0 {
		t.Fatalf("%v: %s", err, b)
	}
	nodes := func(a map[string]any, list string) []map[string]any {
		var ns []map[string]any
		for _, e := range a[list].(map[string]any)["edges"].([]any) {
			ns = append(ns, e.(map[string]any)["node"].(map[string]any))
		}
		return ns
	}
	month := time.Date(testNow.Year(), testNow.Month(), 1, 0, 0, 0, 0, time.UTC)
	seen := 0
	for _, a := range out.Data.Accounts {
		all := nodes(a, "all")
		for i, n := range all {
			seen++
			from := month.AddDate(0, -i, 0)
			if want := from.Format(time.DateOnly); n["fromDate"] != want {
				t.Errorf("%v: bill %d starts %v, want %s", a["number"], i, n["fromDate"], want)
			}
			open := i == 0
			if open != (n["status"] == "OPEN") || open != (n["issuedDate"] == nil) || open != (n["temporaryUrl"] == nil) || open != (n["closingBalance"] == nil) {
				t.Errorf("%v: bill %d (open %v) reads %v", a["number"], i, open, n)
			}
			if !open && n["toDate"] != from.AddDate(0, 1, -1).Format(time.DateOnly) {
				t.Errorf("%v: bill %d from %v ends %v, not on its month's last day", a["number"], i, n["fromDate"], n["toDate"])
			}
			if issued, _ := n["issuedDate"].(string); !open && (issued > testNow.Format(time.DateOnly) || issued <= fmt.Sprint(n["toDate"])) {
				t.Errorf("%v: bill %d to %v issued %v; today is %s", a["number"], i, n["toDate"], issued, testNow.Format(time.DateOnly))
			}
		}
		if len(all) < 3 {
			t.Errorf("%v has %d bills; an account has a few months of them", a["number"], len(all))
		}
		// The open statement has no PDF either: it needs both flags.
		if issued, without := nodes(a, "issued"), nodes(a, "withoutPDF"); len(all) > 0 && (len(issued) != len(all)-1 || len(without) != len(all)-1) {
			t.Errorf("%v: %d bills, %d issued by default, %d with those without a PDF", a["number"], len(all), len(issued), len(without))
		}
	}
	if seen == 0 {
		t.Fatal(fmt.Sprint("no bills: ", string(b)))
	}
}

// TestPreKrakenBillsAreTheOldest: in an account's bills, bills from before the account
// came to Kraken are older than every Kraken statement.
func TestPreKrakenBillsAreTheOldest(t *testing.T) {
	const sdl = `type Query { accounts: [Account] }
type Account { number: String! bills(first: Int, includeOpenStatements: Boolean = false): BillConnection }
type BillConnection { edges: [BillEdge] pageInfo: PageInfo! }
type BillEdge { node: BillInterface cursor: String! }
type PageInfo { hasNextPage: Boolean! hasPreviousPage: Boolean! startCursor: String endCursor: String }
interface BillInterface { id: ID fromDate: Date billType: BillTypeEnum }
type StatementType implements BillInterface { id: ID fromDate: Date billType: BillTypeEnum status: StatementStatus }
type PreKrakenBillType implements BillInterface { id: ID fromDate: Date billType: BillTypeEnum }
enum BillTypeEnum { STATEMENT PRE_KRAKEN }
enum StatementStatus { OPEN CLOSED }
scalar Date`
	data := newSDLWorld(t, sdl, Options{}).ask(`{ accounts { number bills(first: 12, includeOpenStatements: true) { edges { node { __typename fromDate } } } } }`, nil)
	pre, both := 0, 0
	for _, a := range data["accounts"].([]any) {
		var types []string
		for _, e := range a.(map[string]any)["bills"].(map[string]any)["edges"].([]any) {
			types = append(types, e.(map[string]any)["node"].(map[string]any)["__typename"].(string))
		}
		seenPre := false
		for _, typ := range types {
			switch {
			case typ == "PreKrakenBillType":
				seenPre = true
				pre++
			case seenPre:
				t.Errorf("%v: a Kraken statement older than a pre-Kraken bill: %v", a.(map[string]any)["number"], types)
			}
		}
		if seenPre && types[0] != "PreKrakenBillType" {
			both++
		}
	}
	if pre == 0 || both == 0 {
		t.Errorf("%d pre-Kraken bills, %d accounts with both kinds; want some", pre, both)
	}
}
