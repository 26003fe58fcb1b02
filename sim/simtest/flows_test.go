package simtest_test

import (
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
	if !hasTransaction(out, "flow-1") {
		t.Errorf("the imported transaction is not on the account: %v", simtest.Get(out.Data, "account", "transactions"))
	}

	other := srv.Client(t)
	other.SignIn("demo@krakensim.dev", "krakensim")
	out = other.Query(q, nil)
	if hasNote(out, "Imported by the flow test.") || hasTransaction(out, "flow-1") {
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

func hasTransaction(out *simtest.Response, id string) bool {
	edges, _ := simtest.Get(out.Data, "account", "transactions", "edges").([]any)
	for _, e := range edges {
		if simtest.Get(e, "node", "id") == id {
			return true
		}
	}
	return false
}
