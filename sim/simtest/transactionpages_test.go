package simtest_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/simtest"
)

// longHistory posts four hundred transactions of every kind to the demo account, on
// both its ledgers and on none, imported and not, in no order of date, some dated after
// the tests' day.
func longHistory(w *sim.World) {
	a := w.Account("A-C90DC431")
	types := []string{"CHARGE", "CREDIT", "PAYMENT", "REPAYMENT", "CHARGE"}
	ledgers := []string{a.Ledgers[0].Number, a.Ledgers[1].Number, ""}
	for i := range 400 {
		day := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, (i*7919)%1150)
		t := sim.Transaction{ID: w.NextTransactionID(), LedgerNumber: ledgers[i%3], Date: day.Format(time.DateOnly),
			Amount: 100 + i*13%900, Type: types[i%5], Reason: "GENERAL_CHARGE"}
		if t.Type != "CHARGE" {
			t.Reason = "GENERAL_CREDIT"
		}
		if i%7 == 0 {
			t.ImportSupplier = "Bulb"
		}
		if l := a.Ledger(t.LedgerNumber); l != nil {
			l.Balance += t.Signed()
		} else {
			a.Ledgers[0].Balance += t.Signed()
		}
		a.Balance += t.Signed()
		a.Transactions = append(a.Transactions, t)
	}
}

// TestTransactionPages pages the transactions and bills of an account with a long
// history forwards (first, after) and backwards (last, before), filtered by ledger,
// dates and types, in both orders, on the account, a ledger and a statement: the nodes,
// cursors, balances carried forward and counts are those of testdata/
// transaction-pages.golden (update with -update), and the same read again.
func TestTransactionPages(t *testing.T) {
	srv, c := tenant(t, "octopus-schema.graphql", longHistory)
	sess, err := srv.Sim.Session(c.Session)
	if err != nil {
		t.Fatal(err)
	}
	const txFields = `totalCount edgeCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
		edges { cursor node { __typename id postedDate amount balanceCarriedForward isIssued hasStatement statementId title amounts { net tax gross } } }`
	lists := []struct {
		name, query string
		path        []any
	}{
		{"all", `{ account(accountNumber: "A-C90DC431") { transactions(%s) { ` + txFields + ` } } }`, []any{"account", "transactions"}},
		{"ascending", `{ account(accountNumber: "A-C90DC431") { transactions(orderBy: POSTED_DATE_ASC, %s) { ` + txFields + ` } } }`, []any{"account", "transactions"}},
		{"gas ledger", `{ account(accountNumber: "A-C90DC431") { transactions(ledgerId: 6100002, %s) { ` + txFields + ` } } }`, []any{"account", "transactions"}},
		{"dates", `{ account(accountNumber: "A-C90DC431") { transactions(fromDate: "2025-02-01", toDate: "2026-03-15", %s) { ` + txFields + ` } } }`, []any{"account", "transactions"}},
		{"types", `{ account(accountNumber: "A-C90DC431") { transactions(transactionTypes: [IMPORTED_CHARGES, IMPORTED_PAYMENTS], orderBy: POSTED_DATE_ASC, %s) { ` + txFields + ` } } }`, []any{"account", "transactions"}},
		{"excluded", `{ account(accountNumber: "A-C90DC431") { transactions(transactionTypesExcluded: [ENERGY_CHARGES], fromDate: "2024-06-01", %s) { ` + txFields + ` } } }`, []any{"account", "transactions"}},
		{"ledger", `{ account(accountNumber: "A-C90DC431") { ledgers { transactions(%s) { ` + txFields + ` } } } }`, []any{"account", "ledgers", 0, "transactions"}},
		{"statement", `{ account(accountNumber: "A-C90DC431") { bills(first: 1) { edges { node { ... on StatementType { transactions(%s) { ` + txFields + ` } } } } } } }`, []any{"account", "bills", "edges", 0, "node", "transactions"}},
		{"bills", `{ account(accountNumber: "A-C90DC431") { bills(includeOpenStatements: true, %s) { totalCount edgeCount
			pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
			edges { cursor node { id fromDate toDate issuedDate ... on StatementType { openingBalance closingBalance totalCharges { netTotal taxTotal grossTotal } totalCredits { netTotal taxTotal grossTotal } } } } } } }`, []any{"account", "bills"}},
	}
	read := func() []byte {
		var out bytes.Buffer
		for _, l := range lists {
			// Forwards from the start, two pages on; backwards from the end, two pages back.
			for _, dir := range []struct{ size, next, cursor string }{{"first", "after", "endCursor"}, {"last", "before", "startCursor"}} {
				args := dir.size + ": 7"
				for page := range 3 {
					q := fmt.Sprintf(l.query, args)
					if strings.Contains(l.query, "offset: 0") {
						q = strings.Replace(q, "bills(first: 1)", "bills(first: 1)", 1)
					}
					res := c.Query(q, nil)
					if len(res.Errors) > 0 {
						t.Fatalf("%s %s: %+v", l.name, args, res.Errors)
					}
					conn := simtest.Get(res.Data, l.path...)
					b, err := json.Marshal(conn)
					if err != nil {
						t.Fatal(err)
					}
					fmt.Fprintf(&out, "%s page %d (%s):\n%s\n", l.name, page, args, b)
					cursor, _ := simtest.Get(conn, "pageInfo", dir.cursor).(string)
					if cursor == "" {
						break
					}
					args = fmt.Sprintf("%s: 7, %s: %q", dir.size, dir.next, cursor)
				}
			}
		}
		return out.Bytes()
	}
	var got []byte
	for _, months := range []int{0, 4} { // on the tests' day, and with the months since billed
		sess.Clock().Set(sess.Now().AddDate(0, months, 0))
		c.SignIn("demo@krakensim.dev", "krakensim")
		first := read()
		if again := read(); !bytes.Equal(first, again) {
			t.Errorf("+%d months: read again, the pages differ", months)
		}
		got = append(got, fmt.Sprintf("+%d months:\n", months)...)
		got = append(got, first...)
	}
	path := filepath.Join("testdata", "transaction-pages.golden")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("the pages differ from %s:\n%s", path, got)
	}
}
