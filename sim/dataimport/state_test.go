package dataimport_test

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"testing"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/auth"
	"github.com/krakensim/krakensim/sim/dataimport"
	"github.com/krakensim/krakensim/sim/simtest"
)

// world returns a session's world; the tests call it between requests only.
func world(tb testing.TB, s *sim.Simulator, id string) *sim.World {
	tb.Helper()
	sess, err := s.Session(id)
	if err != nil {
		tb.Fatal(err)
	}
	return sess.World()
}

func statuses(tb testing.TB, resp *sim.HTTPResponse, path ...any) []any {
	tb.Helper()
	var out []any
	list, _ := simtest.Get(decode(tb, resp), path...).([]any)
	for _, item := range list {
		out = append(out, simtest.Get(item, "status"))
	}
	return out
}

func TestNotesAreStoredOnce(t *testing.T) {
	s := newSim(t)
	id := session(t, s)
	c := call{route: dataimport.PathNotes, auth: importKey, body: payload(t, "notes")}
	before := len(world(t, s, id).AccountByExternal("TENTACLE_ENERGY", "EXTERNAL-1234").Notes)
	first, second := serve(t, s, id, c), serve(t, s, id, c)
	if got := statuses(t, first); len(got) != 2 || got[0] != dataimport.NoteCreated || got[1] != dataimport.NoteCreated {
		t.Errorf("first import: %v", got)
	}
	if got := statuses(t, second); len(got) != 2 || got[0] != dataimport.NoteAlreadyExists || got[1] != dataimport.NoteAlreadyExists {
		t.Errorf("second import: %v", got)
	}
	a := world(t, s, id).AccountByExternal("TENTACLE_ENERGY", "EXTERNAL-1234")
	if len(a.Notes) != before+2 {
		t.Fatalf("%d notes, want %d", len(a.Notes), before+2)
	}
	pinned := a.Notes[before]
	if !pinned.IsPinned || pinned.UnpinAt.IsZero() || !pinned.CreatedAt.Equal(testNow) {
		t.Errorf("pinned note: %+v", pinned)
	}
	if doc := a.Notes[before+1]; len(doc.DocumentPaths) != 1 || doc.DocumentPaths[0] != "some/path/to/a/document.pdf" {
		t.Errorf("document note: %+v", doc)
	}
	if other := world(t, s, session(t, s)+"-other"); len(other.AccountByExternal("TENTACLE_ENERGY", "EXTERNAL-1234").Notes) != before {
		t.Errorf("another session sees the imported notes")
	}
}

func TestTransactionsState(t *testing.T) {
	s := newSim(t)
	id := session(t, s)
	// acct is the session's account as it stands: a request may replace the shared
	// fixture with the session's own copy.
	acct := func() *sim.Account { return world(t, s, id).AccountByExternal("TENTACLE_ENERGY", "EXTERNAL-1234") }
	a := acct()
	balance, count := a.Balance, len(a.Transactions)

	dry := `{"import_supplier": "TENTACLE_ENERGY", "external_account_number": "EXTERNAL-1234", "dry_run": true, "transactions": [{"transaction_id": "90", "transaction_date": "2019-10-02", "amount": 5, "type": "CREDIT"}]}`
	if resp := serve(t, s, id, call{route: dataimport.PathTransactions, auth: importKey, body: dry}); resp.Status != 201 || len(acct().Transactions) != count {
		t.Fatalf("dry run: %d, %d transactions", resp.Status, len(acct().Transactions))
	}
	c := call{route: dataimport.PathTransactions, auth: importKey, body: payload(t, "transactions")}
	serve(t, s, id, c)
	a = acct()
	if len(a.Transactions) != count+5 {
		t.Fatalf("%d transactions, want %d", len(a.Transactions), count+5)
	}
	// Charges 2 and 6 and the repayment take £10 each; the credit and payment give £10.
	if want := balance - 1000; a.Balance != want {
		t.Errorf("balance %d, want %d", a.Balance, want)
	}
	last := a.Transactions[len(a.Transactions)-1]
	if last.ImportID != "6" || last.ImportSupplier != "TENTACLE_ENERGY" || last.Amount != 1000 || last.Type != "SUPPLY_CHARGE" || last.ProductCode != "SOME-PRODUCT-CODE-4321" || last.LedgerNumber != "L-6B2F0A1C" {
		t.Errorf("supply charge stored as %+v", last)
	}
	for _, st := range statuses(t, serve(t, s, id, c), "results") {
		if st != dataimport.TransactionAlreadyExists {
			t.Errorf("second import: %v", st)
		}
	}

	notes := len(a.Notes)
	early := `{"import_supplier": "TENTACLE_ENERGY", "external_account_number": "EXTERNAL-1234", "transactions": [{"transaction_id": "91", "transaction_date": "2019-09-28", "amount": "71.00", "type": "PAYMENT", "reason": "GENERAL_CREDIT", "payment_type": "DEBIT_CARD"}]}`
	refused := serve(t, s, id, call{route: dataimport.PathTransactions, auth: importKey, body: early, query: "force_add_to_current_statement=false"})
	if a = acct(); refused.Status != 400 || len(a.Notes) != notes {
		t.Fatalf("refused: %d, notes %d→%d", refused.Status, notes, len(a.Notes))
	}
	serve(t, s, id, call{route: dataimport.PathTransactions, auth: importKey, body: early})
	a = acct()
	moved := a.Transactions[len(a.Transactions)-1]
	if moved.ID != "7" || moved.ImportID != "91" || moved.Date != "2019-10-01" || moved.Description == "" {
		t.Errorf("moved transaction: %+v", moved)
	}
	if len(a.Notes) != notes+1 || !a.Notes[notes].IsPinned {
		t.Errorf("no pinned note explains the move: %+v", a.Notes)
	}
}

func TestStatementsKeepPathsAndPeriod(t *testing.T) {
	s := newSim(t)
	id := session(t, s)
	if resp := serve(t, s, id, call{route: dataimport.PathStatements, auth: importKey, body: payload(t, "historical-statements")}); resp.Status != 201 {
		t.Fatalf("%d %s", resp.Status, resp.Body)
	}
	a := world(t, s, id).AccountByExternal("TENTACLE_ENERGY", "EXTERNAL-1234")
	got := a.Statements[len(a.Statements)-1]
	if got.ImportID != "1" || got.ID == "1" || got.StatementPath != "path/to/statement-1.pdf" || got.GrossAmount != 100 || !got.Historical {
		t.Errorf("statement stored as %+v", got)
	}
	// A historical statement does not move the open period: 2019-10-01 is still in it.
	resp := serve(t, s, id, call{route: dataimport.PathTransactions, auth: importKey, query: "force_add_to_current_statement=false",
		body: `{"import_supplier": "TENTACLE_ENERGY", "external_account_number": "EXTERNAL-1234", "transactions": [{"transaction_id": "92", "transaction_date": "2019-10-01", "amount": 1, "type": "CREDIT"}]}`})
	if resp.Status != 201 {
		t.Errorf("after a historical statement: %d %s", resp.Status, resp.Body)
	}
}

func TestVendorFailureRetry(t *testing.T) {
	s := newSim(t)
	id := session(t, s)
	flaky := call{route: dataimport.PathPaymentInstruction, auth: importKey,
		body: `{"import_supplier": "TENTACLE_ENERGY", "external_account_number": "EXTERNAL-1234", "vendor": "STRIPE", "reference": "VENDOR-FLAKY-7", "type": "CARD"}`}
	if first := serve(t, s, id, flaky); first.Status != 500 {
		t.Fatalf("first attempt: %d", first.Status)
	}
	if again := serve(t, s, id, flaky); again.Status != 201 {
		t.Fatalf("retry: %d %s", again.Status, again.Body)
	}
	if again := serve(t, s, id, flaky); again.Status != 201 {
		t.Fatalf("a third send of the same instruction: %d %s", again.Status, again.Body)
	}
	a := world(t, s, id).AccountByExternal("TENTACLE_ENERGY", "EXTERNAL-1234")
	pi := a.PaymentInstructions[len(a.PaymentInstructions)-1]
	if pi.VendorReference != "VENDOR-FLAKY-7" || pi.InstructionType != "CARD" || pi.Status != "ACTIVE" || pi.CardExpiryMonth == 0 {
		t.Errorf("instruction stored as %+v", pi)
	}
	if other := serve(t, s, session(t, s)+"-other", flaky); other.Status != 500 {
		t.Errorf("another session's first attempt: %d", other.Status)
	}
	rejects := flaky
	rejects.body = `{"import_supplier": "TENTACLE_ENERGY", "external_account_number": "EXTERNAL-5678", "vendor": "STRIPE", "reference": "vendor-rejects-2", "type": "CARD"}`
	for range 2 {
		if resp := serve(t, s, id, rejects); resp.Status != 400 {
			t.Errorf("persistent failure: %d", resp.Status)
		}
	}
}

// TestAccountImportThenPostImport rehearses a migration: import an account, read its
// status, then use every post-import endpoint on it.
func TestAccountImportThenPostImport(t *testing.T) {
	s := newSim(t)
	id := session(t, s)
	ext := map[string]string{"import_supplier_code": "TENTACLE_ENERGY", "external_account_number": "EXTERNAL-4242"}
	if resp := serve(t, s, id, call{route: dataimport.PathAccounts, auth: importKey, body: newAccountPayload}); resp.Status != 201 {
		t.Fatalf("create: %d %s", resp.Status, resp.Body)
	}
	w := world(t, s, id)
	if err := w.Validate(); err != nil {
		t.Fatalf("the world is inconsistent after the import:\n%v", err)
	}
	a := w.AccountByExternal("TENTACLE_ENERGY", "EXTERNAL-4242")
	if a == nil || len(a.Properties) != 1 || len(a.Properties[0].ElectricityMeterPoints) != 1 || len(a.Properties[0].GasMeterPoints) != 1 {
		t.Fatalf("account: %+v", a)
	}
	// The payment listed and, before it, the balance brought forward that makes up the rest.
	if a.Balance != 1250 || len(a.Transactions) != 2 || len(a.Notes) != 1 || a.BillingAddress.Postcode != "YO21 3PU" {
		t.Fatalf("account fields: balance %d, %d transactions, %d notes, %+v", a.Balance, len(a.Transactions), len(a.Notes), a.BillingAddress)
	}
	if sum := a.Transactions[0].Signed() + a.Transactions[1].Signed(); sum != a.Balance || a.Ledgers[0].Balance != a.Balance {
		t.Errorf("transactions add up to %d, ledger %d; want the balance %d", sum, a.Ledgers[0].Balance, a.Balance)
	}
	u := w.UserByEmail("alex@example.com")
	if u == nil || !u.CanAccess(a.Number) {
		t.Fatalf("user: %+v", u)
	}
	sess, _ := s.Session(id)
	if _, fail := sess.Issuer().Obtain(auth.ObtainInput{Email: "alex@example.com", Password: "krakensim"}, sess.Credentials()); fail != nil {
		t.Errorf("the imported customer cannot sign in: %v", fail)
	}

	status := decode(t, serve(t, s, id, call{method: "GET", route: dataimport.PathTransferStatus, auth: importKey, params: ext}))
	if simtest.Get(status, "status") != "COMPLETED" || simtest.Get(status, "kraken_account_number") != a.Number {
		t.Errorf("transfer status: %v", status)
	}
	imp := decode(t, serve(t, s, id, call{method: "GET", route: dataimport.PathAccountImportStatus, auth: importKey,
		params: map[string]string{"import_supplier_code": "TENTACLE_ENERGY", "external_identifier": "EXTERNAL-4242"}}))
	if simtest.Get(imp, "status") != "PROCESSED" || simtest.Get(imp, "kraken_identifier") != a.Number {
		t.Errorf("import status: %v", imp)
	}
	if again := serve(t, s, id, call{route: dataimport.PathAccounts, auth: importKey, body: newAccountPayload}); again.Status != 400 {
		t.Errorf("a second import: %d", again.Status)
	}

	ref := `"import_supplier": "TENTACLE_ENERGY", "external_account_number": "EXTERNAL-4242"`
	for _, c := range []call{
		{route: dataimport.PathNotes, body: `{` + ref + `, "notes": [{"body": "hello"}]}`},
		{route: dataimport.PathTransactions, query: "force_add_to_current_statement=false", body: `{` + ref + `, "transactions": [{"transaction_id": "T-2", "transaction_date": "2025-02-10", "amount": 3, "type": "CHARGE", "reason": "IMPORTED_CHARGE"}]}`},
		{route: dataimport.PathStatements, body: `{` + ref + `, "statements": [{"statement_id": "S-1", "bill_period_from_date": "2025-01-01", "bill_period_to_date": "2025-01-31", "statement_path": "s/1.pdf"}]}`},
		{route: dataimport.PathPaymentInstruction, body: `{` + ref + `, "vendor": "GOCARDLESS", "reference": "MD-1", "type": "DIRECT_DEBIT"}`},
	} {
		c.auth = importKey
		if resp := serve(t, s, id, c); resp.Status != 201 {
			t.Errorf("%s: %d %s", c.route, resp.Status, resp.Body)
		}
	}
	reg := serve(t, s, id, call{route: dataimport.PathRegistrationFlows, auth: importKey, params: ext, query: "supply_start_date=2025-04-01"})
	if got := statuses(t, reg, 0, "meter_points"); len(got) != 2 || got[0] != dataimport.RegistrationSuccess || got[1] != dataimport.RegistrationSuccess {
		t.Errorf("registration: %s", reg.Body)
	}
	if mp := a.Properties[0].ElectricityMeterPoints[0]; mp.RegistrationStartDate != "2025-04-01" {
		t.Errorf("registration start date: %q", mp.RegistrationStartDate)
	}
	if err := w.Validate(); err != nil {
		t.Errorf("the world is inconsistent after the post-import calls:\n%v", err)
	}
}

func TestDryRunCreatesNothing(t *testing.T) {
	s := newSim(t)
	id := session(t, s)
	accounts := len(world(t, s, id).Accounts)
	body := `{"payload": ` + newAccountPayload + `, "task_params": {"is_dry_run": true}}`
	if resp := serve(t, s, id, call{route: dataimport.PathAccounts, auth: importKey, body: body}); resp.Status != 201 {
		t.Fatalf("%d %s", resp.Status, resp.Body)
	}
	if n := len(world(t, s, id).Accounts); n != accounts {
		t.Errorf("%d accounts after a dry run, want %d", n, accounts)
	}
	params := map[string]string{"import_supplier_code": "TENTACLE_ENERGY", "external_identifier": "EXTERNAL-4242"}
	if got := simtest.Get(decode(t, serve(t, s, id, call{method: "GET", route: dataimport.PathAccountImportStatus, auth: importKey, params: params})), "status"); got != "DRY_RUN_SUCCEEDED" {
		t.Errorf("import status %v", got)
	}
	params = map[string]string{"import_supplier_code": "TENTACLE_ENERGY", "external_account_number": "EXTERNAL-4242"}
	if got := simtest.Get(decode(t, serve(t, s, id, call{method: "GET", route: dataimport.PathTransferStatus, auth: importKey, params: params})), "status"); got != "UNKNOWN" {
		t.Errorf("transfer status %v", got)
	}
}

func BenchmarkCreateTransactions(b *testing.B) {
	s := newSim(b)
	id := session(b, s)
	req := call{route: dataimport.PathTransactions, auth: importKey, body: payload(b, "transactions"), query: "check_previously_added=true"}.request(id)
	b.ReportAllocs()
	for b.Loop() {
		s.ServeREST(context.Background(), req)
	}
}

// notesBody is a notes payload of n notes with bodies unique to batch.
func notesBody(batch, n int) string {
	notes := make([]any, n)
	for i := range notes {
		notes[i] = map[string]any{"body": fmt.Sprintf("batch %d note %d", batch, i)}
	}
	b, _ := json.Marshal(map[string]any{"import_supplier": "TENTACLE_ENERGY", "external_account_number": "EXTERNAL-1234", "notes": notes})
	return string(b)
}

// statementsBody is a statements payload of n statements without ids.
func statementsBody(n int) string {
	stmts := make([]any, n)
	for i := range stmts {
		stmts[i] = map[string]any{"statement_id": fmt.Sprint(900000 + i), "bill_period_from_date": "2019-01-01", "bill_period_to_date": "2019-01-31"}
	}
	b, _ := json.Marshal(map[string]any{"import_supplier": "TENTACLE_ENERGY", "external_account_number": "EXTERNAL-1234", "statements": stmts})
	return string(b)
}

// BenchmarkCreateNotesLargeAccount imports 2,000 new notes into an account that holds
// 40,000: the cost follows the account's size plus the notes sent, not their product.
func BenchmarkCreateNotesLargeAccount(b *testing.B) {
	s := newSim(b)
	id := session(b, s)
	for i := range 5 {
		if resp := serve(b, s, id, call{route: dataimport.PathNotes, auth: importKey, body: notesBody(i, 8000)}); resp.Status != 201 {
			b.Fatalf("filling: %d %s", resp.Status, resp.Body)
		}
	}
	batch := 5
	b.ReportAllocs()
	for b.Loop() {
		batch++
		serve(b, s, id, call{route: dataimport.PathNotes, auth: importKey, body: notesBody(batch, 2000)})
	}
}

// BenchmarkCreateStatementsLargeAccount imports 500 statements without ids into an
// account that holds 10,000: each id is drawn without reading every statement again.
func BenchmarkCreateStatementsLargeAccount(b *testing.B) {
	s := newSim(b)
	id := session(b, s)
	if resp := serve(b, s, id, call{route: dataimport.PathStatements, auth: importKey, body: statementsBody(10000)}); resp.Status != 201 {
		b.Fatalf("filling: %d %s", resp.Status, resp.Body)
	}
	body := statementsBody(500)
	b.ReportAllocs()
	for b.Loop() {
		serve(b, s, id, call{route: dataimport.PathStatements, auth: importKey, body: body})
	}
}

// TestStatementIDsKept imports statements into an account that already has some: each
// keeps the statement_id it was sent with (the contract requires one) as its reference,
// in order, and is numbered on from the account's statements, one after another.
func TestStatementIDsKept(t *testing.T) {
	s := newSim(t)
	id := session(t, s)
	body := `{"import_supplier": "TENTACLE_ENERGY", "external_account_number": "EXTERNAL-1234", "statements": [
		{"statement_id": "5000", "bill_period_from_date": "2019-02-01", "bill_period_to_date": "2019-02-28"},
		{"statement_id": "4999", "bill_period_from_date": "2019-03-01", "bill_period_to_date": "2019-03-31"},
		{"statement_id": "7x", "bill_period_from_date": "2019-04-01", "bill_period_to_date": "2019-04-30"}]}`
	before := len(world(t, s, id).AccountByExternal("TENTACLE_ENERGY", "EXTERNAL-1234").Statements)
	if resp := serve(t, s, id, call{route: dataimport.PathStatements, auth: importKey, body: body}); resp.Status != 201 {
		t.Fatalf("%d %s", resp.Status, resp.Body)
	}
	var got, numbers []string
	for _, st := range world(t, s, id).AccountByExternal("TENTACLE_ENERGY", "EXTERNAL-1234").Statements[before:] {
		got, numbers = append(got, st.ImportID), append(numbers, st.ID)
	}
	if want := []string{"5000", "4999", "7x"}; !slices.Equal(got, want) {
		t.Errorf("statement_ids %v, want %v", got, want)
	}
	first, err := strconv.Atoi(numbers[0])
	if want := []string{strconv.Itoa(first), strconv.Itoa(first + 1), strconv.Itoa(first + 2)}; err != nil || first <= 1001 || !slices.Equal(numbers, want) {
		t.Errorf("statement ids %v, want three in a row above the account's 1001", numbers)
	}
}

// TestNotesAlreadyHeldChangeNothing imports a note the fixtures' account holds: the
// session keeps reading the shared account rather than a copy of its own.
func TestNotesAlreadyHeldChangeNothing(t *testing.T) {
	s := newSim(t)
	id := session(t, s)
	shared := world(t, s, id).AccountByExternal("TENTACLE_ENERGY", "EXTERNAL-1234")
	c := call{route: dataimport.PathNotes, auth: importKey, body: `{"import_supplier":"TENTACLE_ENERGY","external_account_number":"EXTERNAL-1234",` +
		`"notes":[{"body":"Something else very important to import.","is_pinned":false}]}`}
	if got := statuses(t, serve(t, s, id, c)); len(got) != 1 || got[0] != dataimport.NoteAlreadyExists {
		t.Fatalf("statuses %v, want [%s]", got, dataimport.NoteAlreadyExists)
	}
	if a := world(t, s, id).AccountByExternal("TENTACLE_ENERGY", "EXTERNAL-1234"); a != shared {
		t.Fatal("an import that changed nothing gave the session its own copy of the account")
	}
}
