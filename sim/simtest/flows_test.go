package simtest_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/krakensim/krakensim/sim/simtest"
)

// TestImportedRecordsReachGraphQL imports a note and a transaction over REST, then reads
// them through GraphQL in the same session; another session does not see them.
func TestImportedRecordsReachGraphQL(t *testing.T) {
	srv := simtest.NewServer(t)
	importer := srv.Client(t)
	importer.Header.Set("Authorization", "Token krakensim-import-key")
	status, body := importer.Do(http.MethodPost, "/v1/data-import/notes/create/",
		[]byte(`{"import_supplier":"TENTACLE_ENERGY","external_account_number":"EXTERNAL-1234","notes":[{"body":"Imported by the flow test.","is_pinned":true}]}`))
	if status != 201 {
		t.Fatalf("notes: %d %s", status, body)
	}
	status, body = importer.Do(http.MethodPost, "/v1/data-import/transactions/create/",
		[]byte(`{"import_supplier":"TENTACLE_ENERGY","external_account_number":"EXTERNAL-1234","transactions":[{"transaction_id":"flow-1","transaction_date":"2019-10-02","amount":12.34,"type":"CREDIT","reason":"GOODWILL","display_note":"Flow credit"}]}`))
	if status != 201 {
		t.Fatalf("transactions: %d %s", status, body)
	}

	const q = `{ account(accountNumber: "A-C90DC431") { notes { body isPinned } transactions(first: 20, fromDate: "2019-10-02", toDate: "2019-10-03") { edges { node { id title amounts { gross } } } } } }` // complexity 125
	reader := srv.Client(t)
	reader.Session = importer.Session
	reader.SignIn("demo@krakensim.dev", "krakensim")
	out := reader.Query(q, nil)
	if len(out.Errors) > 0 {
		t.Fatalf("errors: %+v", out.Errors)
	}
	if !hasNote(out, "Imported by the flow test.") {
		t.Errorf("the imported note is not on the account: %v", simtest.Get(out.Data, "account", "notes"))
	}
	if !hasTransaction(out, "Flow credit") {
		t.Errorf("the imported transaction is not on the account: %v", simtest.Get(out.Data, "account", "transactions"))
	}

	other := srv.Client(t)
	other.SignIn("demo@krakensim.dev", "krakensim")
	out = other.Query(q, nil)
	if hasNote(out, "Imported by the flow test.") || hasTransaction(out, "Flow credit") {
		t.Error("another session sees the imported records")
	}
}

func hasNote(out *simtest.Response, body string) bool {
	notes, _ := simtest.Get(out.Data, "account", "notes").([]any)
	for _, n := range notes {
		if b, _ := simtest.Get(n, "body").(string); strings.Contains(b, body) {
			return true
		}
	}
	return false
}

// hasTransaction reports whether the account's transactions hold one titled title.
func hasTransaction(out *simtest.Response, title string) bool {
	edges, _ := simtest.Get(out.Data, "account", "transactions", "edges").([]any)
	for _, e := range edges {
		if simtest.Get(e, "node", "title") == title {
			return true
		}
	}
	return false
}

// TestImportedTransactionsHaveKrakensIDs imports transactions whose transaction_id is a
// native transaction's id and the id the account's sequence hands out next: each gets an
// id of Kraken's own, so no two of the account's transactions share one (a Relay cache
// would merge them), while the supplier's transaction_id is still what the import
// answers and what check_previously_added matches.
func TestImportedTransactionsHaveKrakensIDs(t *testing.T) {
	srv, c := octopus(t)
	q := mustQuery(t, c)
	const page = `query($after: String) { account(accountNumber: "A-C90DC431") { transactions(first: 90, after: $after) {
		pageInfo { hasNextPage endCursor } edges { node { __typename id title amounts { gross } } } } } }`
	all := func() []any {
		var nodes []any
		vars := map[string]any{"after": nil}
		for {
			conn := simtest.Get(q(page, vars), "account", "transactions")
			for _, e := range simtest.Get(conn, "edges").([]any) {
				nodes = append(nodes, simtest.Get(e, "node"))
			}
			if simtest.Get(conn, "pageInfo", "hasNextPage") != true {
				return nodes
			}
			vars["after"] = simtest.Get(conn, "pageInfo", "endCursor")
		}
	}
	before := all()
	native := simtest.Get(before[0], "id").(string)
	if !strings.HasPrefix(native, "C") {
		t.Fatalf("the newest transaction %v is not a billing run's charge", before[0])
	}
	importer := srv.ClientIn(t, c.Session)
	importer.Header.Set("Authorization", "Token krakensim-import-key")
	body := `{"import_supplier":"TENTACLE_ENERGY","external_account_number":"EXTERNAL-1234","transactions":[
		{"transaction_id":"` + native + `","transaction_date":"2019-10-02","amount":"1.00","type":"CREDIT","reason":"GOODWILL","display_note":"Clash with a charge"},
		{"transaction_id":"2","transaction_date":"2019-10-02","amount":"2.00","type":"CREDIT","reason":"GOODWILL","display_note":"Clash with the sequence"}]}`
	for _, want := range []string{"TRANSACTION_ADDED_TO_ACCOUNT", "TRANSACTION_ALREADY_EXISTS"} {
		status, out := importer.Do(http.MethodPost, "/v1/data-import/transactions/create/", []byte(body))
		var resp struct {
			Results []struct {
				Status string
				Data   struct {
					TransactionID string `json:"transaction_id"`
				} `json:"transaction_data"`
			}
		}
		if err := json.Unmarshal(out, &resp); status != 201 || err != nil || len(resp.Results) != 2 {
			t.Fatalf("import: %d %s", status, out)
		}
		for i, id := range []string{native, "2"} {
			if r := resp.Results[i]; r.Status != want || r.Data.TransactionID != id {
				t.Errorf("result %d: %s for %q, want %s for %q", i, r.Status, r.Data.TransactionID, want, id)
			}
		}
	}
	after := all()
	if len(after) != len(before)+2 {
		t.Fatalf("%d transactions after the import, want %d", len(after), len(before)+2)
	}
	seen := map[string]any{}
	imported := 0
	for _, n := range after {
		id := simtest.Get(n, "id").(string)
		if other, dup := seen[id]; dup {
			t.Errorf("id %s is both %v and %v", id, other, n)
		}
		seen[id] = n
		if title, _ := simtest.Get(n, "title").(string); strings.HasPrefix(title, "Clash with") {
			imported++
		}
	}
	if imported != 2 {
		t.Errorf("%d imported transactions listed, want 2", imported)
	}
	if got := fmt.Sprint(seen[native]); got != fmt.Sprint(before[0]) {
		t.Errorf("transaction %s is %s, want the charge %v", native, got, before[0])
	}
}

// TestReimportingAnAccountIsAlreadyImported sends an account with a meter point twice, as
// a migration retrying after a timeout does: the second send, and a validation of the
// same payload, answer 400 account_import_process_already_imported naming the account
// the first made (not its meter point's "already on account" field error), and no
// second account is made.
func TestReimportingAnAccountIsAlreadyImported(t *testing.T) {
	srv := simtest.NewServer(t)
	importer := srv.Client(t)
	importer.Header.Set("Authorization", "Token krakensim-import-key")
	payload := []byte(`{"import_supplier": "TENTACLE_ENERGY", "external_account_number": "EXTERNAL-4242",
		"customers": [{"given_name": "Alex", "family_name": "Morgan", "email": "alex@example.com"}],
		"supply_addresses": [{"supply_address1": "9 Harbour Street", "supply_postcode": "YO21 3PU", "customer_at_supply_address_from_date": "2021-06-01",
			"meter_points": [{"mpxn": "1900001234568", "supply_start_date": "2021-06-01", "meters": [{"meter_serial_number": "21E5550001"}]}]}]}`)
	if status, body := importer.Do(http.MethodPost, "/v2/data-import/accounts/", payload); status != 201 {
		t.Fatalf("first import: %d %s", status, body)
	}
	status, body := importer.Do(http.MethodGet, "/v2/data-import/accounts/TENTACLE_ENERGY/EXTERNAL-4242/", nil)
	var process struct {
		Account string `json:"kraken_identifier"`
	}
	if err := json.Unmarshal(body, &process); status != 200 || err != nil || !strings.HasPrefix(process.Account, "A-") {
		t.Fatalf("import status: %d %s", status, body)
	}
	want := fmt.Sprintf(`{"account_id":%q,"non_field_errors":{"code":"account_import_process_already_imported","detail":"The account import process with the account number EXTERNAL-4242 has already been imported."}}`, process.Account)
	for _, path := range []string{"/v2/data-import/accounts/", "/v2/data-import/accounts/validate/", "/v2/data-import/accounts/"} {
		if status, body := importer.Do(http.MethodPost, path, payload); status != 400 || strings.TrimSpace(string(body)) != want {
			t.Errorf("%s again: %d %s", path, status, body)
		}
	}
	reader := srv.Client(t)
	reader.Session = importer.Session
	reader.SignIn("alex@example.com", "krakensim")
	if out := reader.Query(`{ viewer { accounts { number } } }`, nil); fmt.Sprint(simtest.Get(out.Data, "viewer", "accounts")) != fmt.Sprintf("[map[number:%s]]", process.Account) {
		t.Errorf("alex's accounts: %v %+v", out.Data, out.Errors)
	}
}
