package simtest_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/krakensim/krakensim/sim/simtest"
)

// importedAccount imports, into c's session, an account of TENTACLE_ENERGY's external
// number ext for email, supplied from start and billed to billedTo, with the rest of
// the payload (transfer_balance, ledgers) given, and signs c in as its customer; it
// answers the import's status and body.
func importedAccount(t *testing.T, srv *simtest.Server, c *simtest.Client, ext, email, start, billedTo, rest string) (int, []byte) {
	t.Helper()
	importer := srv.ClientIn(t, c.Session)
	importer.Header.Set("Authorization", "Token krakensim-import-key")
	payload := fmt.Sprintf(`{"import_supplier": "TENTACLE_ENERGY", "external_account_number": %q,
		"customers": [{"given_name": "Alex", "family_name": "Morgan", "email": %q}],
		"supply_addresses": [{"supply_address1": "9 Harbour Street", "supply_postcode": "YO21 3PU", "customer_at_supply_address_from_date": %q,
			"meter_points": [{"mpxn": "1900001234568", "supply_start_date": %[3]q, "meters": [{"meter_serial_number": "21E5550001"}],
				"agreements": [{"tariff_code": "E-1R-VAR-22-11-01-M", "effective_from": %[3]q}]}]}],
		"last_billed_to_date": %q %s}`, ext, email, start, billedTo, rest)
	status, body := importer.Do(http.MethodPost, "/v2/data-import/accounts/", []byte(payload))
	if status == 201 {
		c.SignIn(email, "krakensim")
	}
	return status, body
}

// importedMoney reads the viewer's one account: its number, balance, its ledgers'
// balances added up, its transactions' signed amounts added up, and its bills (open
// statement first).
func importedMoney(t *testing.T, c *simtest.Client) (number string, balance, ledgers, transactions int, bills []any) {
	t.Helper()
	data := mustQuery(t, c)(`{ viewer { accounts { number } } }`, nil)
	number = simtest.Get(data, "viewer", "accounts", 0, "number").(string)
	data = mustQuery(t, c)(`query($a: String!) { account(accountNumber: $a) { balance ledgers { balance }
		transactions(first: 100, includeAllLedgers: true) { edges { node { __typename amounts { net gross } } } }
		bills(first: 20, includeOpenStatements: true) { edges { node { id fromDate ... on StatementType { status openingBalance } } } } } }`,
		map[string]any{"a": number})
	balance = toInt(simtest.Get(data, "account", "balance"))
	for _, l := range simtest.Get(data, "account", "ledgers").([]any) {
		ledgers += toInt(simtest.Get(l, "balance"))
	}
	for _, e := range simtest.Get(data, "account", "transactions", "edges").([]any) {
		n := simtest.Get(e, "node")
		switch simtest.Get(n, "__typename") {
		case "Charge", "Refund":
			transactions -= toInt(simtest.Get(n, "amounts", "gross"))
		case "Payment":
			transactions += toInt(simtest.Get(n, "amounts", "net"))
		default:
			transactions += toInt(simtest.Get(n, "amounts", "gross"))
		}
	}
	return number, balance, ledgers, transactions, simtest.Get(data, "account", "bills", "edges").([]any)
}

// TestAnImportedTransferBalanceIsOnTheLedger imports an account with a transfer_balance
// and no ledgers on 2 December 2026: the balance is on its ledger and a transaction at
// once, and stays the sum of both while it is billed; its first statement opens at it
// and is for the day after last_billed_to_date (or the day supply began, for an account
// billed to that day); and the open statement's id is the one it keeps once issued.
func TestAnImportedTransferBalanceIsOnTheLedger(t *testing.T) {
	for _, tc := range []struct {
		name, start, billedTo, rest, first string
	}{
		{"transfer balance", "2025-11-01", "2026-09-30", `, "transfer_balance": 12.5`, "2026-10-01"},
		{"ledger balance", "2025-11-01", "2026-09-30", `, "transfer_balance": 12.5, "ledgers": [{"ledger_code": "ELECTRICITY_LEDGER", "ledger_balance": 12.5}]`, "2026-10-01"},
		{"never billed", "2026-10-15", "2026-10-15", `, "transfer_balance": 12.5`, "2026-10-15"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv, c := octopus(t)
			if status, body := importedAccount(t, srv, c, "EXTERNAL-4243", "alex2@example.com", tc.start, tc.billedTo, tc.rest); status != 201 {
				t.Fatalf("import: %d %s", status, body)
			}
			_, balance, ledgers, transactions, bills := importedMoney(t, c)
			if balance != ledgers || balance != transactions {
				t.Errorf("on the import day the balance is %d, its ledgers %d, its transactions %d", balance, ledgers, transactions)
			}
			first := simtest.Get(bills[len(bills)-1], "node")
			if simtest.Get(first, "fromDate") != tc.first || toInt(simtest.Get(first, "openingBalance")) != 1250 {
				t.Errorf("first statement %v, want from %s opening at the 1250 transferred", first, tc.first)
			}
			open := simtest.Get(bills[0], "node")
			if simtest.Get(open, "status") != "OPEN" {
				t.Fatalf("open statement %v", open)
			}
			c.AdvanceClock(33 * 24 * time.Hour)
			c.SignIn("alex2@example.com", "krakensim")
			_, balance, ledgers, transactions, bills = importedMoney(t, c)
			if balance != ledgers || balance != transactions {
				t.Errorf("a month on the balance is %d, its ledgers %d, its transactions %d", balance, ledgers, transactions)
			}
			if issued := simtest.Get(bills[1], "node"); simtest.Get(issued, "id") != simtest.Get(open, "id") || simtest.Get(issued, "status") != "CLOSED" {
				t.Errorf("the statement issued is %v; open it was %v", issued, simtest.Get(open, "id"))
			}
		})
	}
}

// TestImportedLedgerBalancesAddUpToTheTransfer sends an account whose ledger_balance
// is not its transfer_balance: 400 ledger_balances_not_equal_to_transfer_balance, as
// the data-import API documents.
func TestImportedLedgerBalancesAddUpToTheTransfer(t *testing.T) {
	srv, c := octopus(t)
	status, body := importedAccount(t, srv, c, "EXTERNAL-4244", "alex3@example.com", "2025-11-01", "2026-09-30",
		`, "transfer_balance": 12.5, "ledgers": [{"ledger_code": "ELECTRICITY_LEDGER", "ledger_balance": 10}]`)
	if status != 400 || !strings.Contains(string(body), `"code":"ledger_balances_not_equal_to_transfer_balance"`) {
		t.Errorf("import: %d %s", status, body)
	}
}
