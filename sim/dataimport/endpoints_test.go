package dataimport_test

import (
	"strings"
	"testing"

	"github.com/krakensim/krakensim/sim/auth"
	"github.com/krakensim/krakensim/sim/dataimport"
	"github.com/krakensim/krakensim/sim/simtest"
)

const (
	demoSupplier = `"import_supplier": "TENTACLE_ENERGY", "external_account_number": "EXTERNAL-1234"`
	squidKey     = "Token krakensim-squid-import-key"
)

// statusCase is one request and the answer it must get, compared with a golden file.
type statusCase struct {
	name   string
	call   call
	status int
}

func seedRegistration() call {
	return call{route: dataimport.PathRegistrationFlows, auth: importKey,
		params: map[string]string{"import_supplier_code": "TENTACLE_ENERGY", "external_account_number": "EXTERNAL-1234"}}
}

func statusCases(t *testing.T) []statusCase {
	notes := func(body string) call { return call{route: dataimport.PathNotes, auth: importKey, body: body} }
	txs := func(body, query string) call {
		return call{route: dataimport.PathTransactions, auth: importKey, body: body, query: query}
	}
	stmts := func(body string) call { return call{route: dataimport.PathStatements, auth: importKey, body: body} }
	pay := func(body string) call {
		return call{route: dataimport.PathPaymentInstruction, auth: importKey, body: body}
	}
	reg := func(code, number, query string) call {
		c := seedRegistration()
		c.params = map[string]string{"import_supplier_code": code, "external_account_number": number}
		c.query = query
		return c
	}
	get := func(route, code, number string) call {
		key := "external_account_number"
		if route == dataimport.PathAccountImportStatus {
			key = "external_identifier"
		}
		return call{method: "GET", route: route, auth: importKey, params: map[string]string{"import_supplier_code": code, key: number}}
	}
	acct := func(body string) call { return call{route: dataimport.PathAccounts, auth: importKey, body: body} }
	validate := func(body string) call {
		return call{route: dataimport.PathValidateAccount, auth: importKey, body: body}
	}
	withAuth := func(c call, a string) call { c.auth = a; return c }
	withType := func(c call, ct string) call { c.contentType = ct; return c }

	seedNotes, seedTxs := payload(t, "notes"), payload(t, "transactions")
	seedStmts, seedPay := payload(t, "historical-statements"), payload(t, "payment-instruction")
	return []statusCase{
		// Notes.
		{"notes/seed", notes(seedNotes), 201},
		{"notes/already-exists", notes(`{` + demoSupplier + `, "notes": [{"body": "Something else very important to import.", "created_at": "2020-02-01T12:00:00Z"}, {"body": "Something very important to import.", "created_at": "2020-01-01T12:00:00Z"}]}`), 201},
		{"notes/no-credentials", withAuth(notes(seedNotes), ""), 401},
		{"notes/wrong-key", withAuth(notes(seedNotes), "Token not-a-key"), 401},
		{"notes/token-with-spaces", withAuth(notes(seedNotes), "Token a b"), 401},
		{"notes/bad-jwt", withAuth(notes(seedNotes), "JWT not.a.jwt"), 401},
		{"notes/other-supplier-key", withAuth(notes(seedNotes), squidKey), 403},
		{"notes/unknown-account", notes(`{"import_supplier": "TENTACLE_ENERGY", "external_account_number": "EXTERNAL-0000", "notes": [{"body": "x"}]}`), 404},
		{"notes/invalid-fields", notes(`{"import_supplier": "NOPE", "external_account_number": ["x"], "notes": [{"body": "fine"}, {}, {"body": "x", "created_at": "yesterday", "is_pinned": "perhaps", "document_paths": [{"document_path": ""}, "x"]}, {"body": "x", "created_at": "2020-02-01T12:00:00Z", "unpin_at": "2020-01-01T12:00:00Z"}, 7]}`), 400},
		{"notes/null-character", notes(`{` + demoSupplier + `, "notes": [{"body": "a\u0000b", "created_at": "2020-02-01T12:00:00Z"}]}`), 400},
		{"notes/lone-surrogate", notes(`{` + demoSupplier + `, "notes": [{"body": "a\ud800b", "created_at": "2020-02-01T12:00:00Z"}, {"body": "\udc00\u0000", "created_at": "2020-02-01T12:00:00Z"}]}`), 400},
		{"notes/surrogate-pair", notes(`{` + demoSupplier + `, "notes": [{"body": "on fire \ud83d\udd25 \u00e9\"\\\/\n", "created_at": "2020-02-01T12:00:00Z"}]}`), 201},
		{"notes/no-account-number", notes(`{"import_supplier": "TENTACLE_ENERGY", "notes": []}`), 400},
		{"notes/notes-not-a-list", notes(`{` + demoSupplier + `, "notes": "hello"}`), 400},
		{"notes/bad-json", notes("{\n  \"import_supplier\": \"TENTACLE_ENERGY\",\n  \"notes\": [}\n"), 400},
		{"notes/truncated-json", notes(`{"import_supplier": "TENTACLE`), 400},
		{"notes/trailing-data", notes(`{} {}`), 400},
		{"notes/array-body", notes(`[1, 2]`), 400},
		{"notes/text-plain", withType(notes(seedNotes), "text/plain"), 415},
		{"notes/form-encoded", withType(notes("a=b"), "application/x-www-form-urlencoded"), 415},

		// Transactions.
		{"transactions/seed", txs(seedTxs, ""), 201},
		{"transactions/seed-no-check", txs(seedTxs, "check_previously_added=false"), 201},
		{"transactions/seed-dry-run", txs(`{`+demoSupplier+`, "dry_run": true, "transactions": [{"transaction_id": "9", "transaction_date": "2020-01-01", "amount": "12.5", "type": "CREDIT", "reason": "IMPORTED_CREDIT"}]}`, ""), 201},
		{"transactions/forced-into-period", txs(`{`+demoSupplier+`, "transactions": [{"transaction_id": "7", "transaction_date": "2019-09-28", "amount": 71, "type": "PAYMENT", "reason": "GENERAL_CREDIT", "reference": "reference 7", "payment_type": "DEBIT_CARD"}]}`, ""), 201},
		{"transactions/outside-period", txs(`{`+demoSupplier+`, "transactions": [{"transaction_id": "7", "transaction_date": "2019-09-28", "amount": 71, "type": "PAYMENT", "reason": "GENERAL_CREDIT", "reference": "reference 7", "payment_type": "DEBIT_CARD"}]}`, "force_add_to_current_statement=false"), 400},
		{"transactions/invalid-fields", txs(`{`+demoSupplier+`, "transactions": [{"transaction_id": "1", "transaction_date": "2019-10-01", "amount": 1, "type": "CHARGE", "reason": 5}, {"type": "REFUND"}, {"transaction_id": "3", "transaction_date": "2019-13-01", "amount": "1.234", "type": "PAYMENT", "payment_type": "BITCOIN"}, {"transaction_id": "4", "transaction_date": "2030-01-01", "amount": "abc", "type": "REPAYMENT", "payment_type": "DEBIT_CARD"}, {"transaction_id": "5", "transaction_date": "2019-10-01", "amount": 1, "type": "SUPPLY_CHARGE", "line_items": [{"start_date": "2019-11-01", "end_date": "2019-10-01", "number_of_units": 4, "net_amount": 40, "price_per_unit": 11, "units": [1]}], "tax_items": [{"amount": 1, "tax_type": "VAT", "value_taxed": 44, "rate": 0.21, "unit_type": "PERCENT"}]}]}`, ""), 400},
		{"transactions/duplicate-ids", txs(`{`+demoSupplier+`, "transactions": [{"transaction_id": "8", "transaction_date": "2019-10-01", "amount": 1, "type": "CREDIT"}, {"transaction_id": "8", "transaction_date": "2019-10-01", "amount": 1, "type": "CREDIT"}]}`, ""), 400},
		{"transactions/bad-query", txs(seedTxs, "check_previously_added=maybe"), 400},
		{"transactions/no-credentials", withAuth(txs(seedTxs, ""), ""), 401},
		{"transactions/other-supplier-key", withAuth(txs(seedTxs, ""), squidKey), 403},
		{"transactions/unknown-account", txs(`{"import_supplier": "TENTACLE_ENERGY", "external_account_number": "NOPE", "transactions": []}`, ""), 404},
		{"transactions/text-plain", withType(txs(seedTxs, ""), "text/plain"), 415},

		// Historical statements.
		{"statements/seed", stmts(seedStmts), 201},
		{"statements/invalid-fields", stmts(`{"import_supplier": "TENTACLE_ENERGY", "statements": [{"bill_period_from_date": "2022-02-01", "bill_period_to_date": "2022-01-01", "gross_amount": 1.5}, {}]}`), 400},
		{"statements/no-statement-id", stmts(`{` + demoSupplier + `, "statements": [{"bill_period_from_date": "2019-10-01", "bill_period_to_date": "2019-10-31"}]}`), 400},
		{"statements/not-an-object", stmts(`{` + demoSupplier + `, "statements": [7]}`), 400},
		{"statements/existing-id", stmts(`{` + demoSupplier + `, "statements": [{"statement_id": "1001", "bill_period_from_date": "2019-09-01", "bill_period_to_date": "2019-09-30"}]}`), 400},
		{"statements/no-credentials", withAuth(stmts(seedStmts), ""), 401},
		{"statements/other-supplier-key", withAuth(stmts(seedStmts), squidKey), 403},
		{"statements/unknown-account", stmts(`{"import_supplier": "TENTACLE_ENERGY", "external_account_number": "NOPE", "statements": []}`), 404},
		{"statements/text-plain", withType(stmts(seedStmts), "text/plain"), 415},

		// Payment instructions.
		{"payment-instruction/seed", pay(seedPay), 201},
		{"payment-instruction/reference-field", pay(`{"import_supplier": "TENTACLE_ENERGY", "external_account_number": "EXTERNAL-5678", "vendor": "STRIPE", "reference": "pm_123", "type": "CARD", "ledger_code": "L-0F4A2B02", "valid_from": "2025-03-01"}`), 201},
		{"payment-instruction/active-instruction-exists", pay(`{` + demoSupplier + `, "vendor": "GOCARDLESS", "reference": "MD000123", "type": "DIRECT_DEBIT", "ledger_code": "L-6B2F0A1D"}`), 400},
		{"payment-instruction/vendor-rejects", pay(`{` + demoSupplier + `, "vendor": "STRIPE", "reference": "VENDOR-REJECTS-1", "type": "CARD"}`), 400},
		{"payment-instruction/vendor-flaky", pay(`{` + demoSupplier + `, "vendor": "STRIPE", "reference": "VENDOR-FLAKY-1", "type": "CARD"}`), 500},
		{"payment-instruction/invalid-fields", pay(`{"import_supplier": "TENTACLE_ENERGY", "external_account_number": "EXTERNAL-1234", "vendor": "stripe", "type": "CHEQUE", "valid_from": "soon"}`), 400},
		{"payment-instruction/unknown-vendor", pay(`{` + demoSupplier + `, "vendor": "ACME_PAY", "reference": "A", "type": "CARD"}`), 400},
		{"payment-instruction/both-references", pay(`{` + demoSupplier + `, "vendor": "STRIPE", "reference": "A", "instruction_reference": "B", "type": "CARD"}`), 400},
		{"payment-instruction/unknown-ledger", pay(`{` + demoSupplier + `, "vendor": "STRIPE", "reference": "A", "type": "CARD", "ledger_code": "L-NOPE"}`), 400},
		{"payment-instruction/no-credentials", withAuth(pay(seedPay), ""), 401},
		{"payment-instruction/other-supplier-key", withAuth(pay(seedPay), squidKey), 403},
		{"payment-instruction/unknown-account", pay(`{"import_supplier": "TENTACLE_ENERGY", "external_account_number": "NOPE", "vendor": "STRIPE", "reference": "A", "type": "CARD"}`), 404},
		{"payment-instruction/text-plain", withType(pay(seedPay), "text/plain"), 415},

		// Registration flows.
		{"registration/seed", seedRegistration(), 200},
		{"registration/start-date", reg("TENTACLE_ENERGY", "EXTERNAL-1234", "supply_start_date=2025-04-01"), 200},
		{"registration/start-date-past", reg("TENTACLE_ENERGY", "EXTERNAL-1234", "supply_start_date=2025-02-01"), 400},
		{"registration/start-date-bad", reg("TENTACLE_ENERGY", "EXTERNAL-1234", "supply_start_date=tomorrow"), 400},
		{"registration/no-credentials", withAuth(seedRegistration(), ""), 401},
		{"registration/other-supplier-key", withAuth(seedRegistration(), squidKey), 403},
		{"registration/unknown-account", reg("TENTACLE_ENERGY", "EXTERNAL-0000", ""), 404},
		{"registration/unknown-supplier", reg("NOBODY", "EXTERNAL-1234", ""), 404},

		// Account import and status reads.
		{"accounts/create", acct(newAccountPayload), 201},
		{"accounts/create-wrapped-dry-run", acct(`{"payload": ` + newAccountPayload + `, "task_params": {"is_dry_run": true}}`), 201},
		{"accounts/already-imported", acct(`{` + demoSupplier + `}`), 400},
		{"accounts/invalid", acct(`{"import_supplier": "TENTACLE_ENERGY", "customers": [{"landline": "abcde", "email": "nope"}], "supply_addresses": [{"supply_address1": "1 Road", "supply_postcode": "NOWHERE", "meter_points": [{"mpxn": "1013004420118"}, {"mpxn": "1013004420117"}, {"mpxn": "12"}]}]}`), 400},
		{"accounts/no-credentials", withAuth(acct(newAccountPayload), ""), 401},
		{"accounts/other-supplier-key", withAuth(acct(newAccountPayload), squidKey), 403},
		{"accounts/text-plain", withType(acct(newAccountPayload), "text/plain"), 415},
		{"accounts-validate/ok", validate(newAccountPayload), 200},
		{"accounts-validate/invalid", validate(`{"import_supplier": "TENTACLE_ENERGY"}`), 400},
		{"accounts-validate/no-credentials", withAuth(validate(newAccountPayload), ""), 401},
		{"transfer-status/completed", get(dataimport.PathTransferStatus, "TENTACLE_ENERGY", "EXTERNAL-1234"), 200},
		{"transfer-status/in-progress", withAuth(get(dataimport.PathTransferStatus, "SQUID_POWER", "EXTERNAL-9012"), squidKey), 200},
		{"transfer-status/unknown", get(dataimport.PathTransferStatus, "TENTACLE_ENERGY", "EXTERNAL-0000"), 404},
		{"transfer-status/no-credentials", withAuth(get(dataimport.PathTransferStatus, "TENTACLE_ENERGY", "EXTERNAL-1234"), ""), 401},
		{"transfer-status/other-supplier-key", withAuth(get(dataimport.PathTransferStatus, "TENTACLE_ENERGY", "EXTERNAL-1234"), squidKey), 403},
		{"import-status/fixture-account", get(dataimport.PathAccountImportStatus, "TENTACLE_ENERGY", "EXTERNAL-1234"), 200},
		{"import-status/unknown", get(dataimport.PathAccountImportStatus, "TENTACLE_ENERGY", "EXTERNAL-0000"), 404},
		{"import-status/no-credentials", withAuth(get(dataimport.PathAccountImportStatus, "TENTACLE_ENERGY", "EXTERNAL-1234"), ""), 401},
	}
}

// newAccountPayload is an account import for TENTACLE_ENERGY's EXTERNAL-4242.
const newAccountPayload = `{
  "import_supplier": "TENTACLE_ENERGY",
  "external_account_number": "EXTERNAL-4242",
  "account_type": "DOMESTIC",
  "communication_preference": "ONLINE",
  "billing_name": "Alex Morgan",
  "billing_address1": "9 Harbour Street",
  "billing_address2": "Whitby",
  "billing_postcode": "YO21 3PU",
  "transfer_balance": "12.50",
  "customers": [
    {"given_name": "Alex", "family_name": "Morgan", "email": "alex@example.com", "mobile": "+447700900123", "date_of_birth": "1985-04-12", "title": "Mx"}
  ],
  "supply_addresses": [
    {
      "supply_address1": "9 Harbour Street",
      "supply_address2": "Whitby",
      "supply_postcode": "YO21 3PU",
      "customer_at_supply_address_from_date": "2021-06-01",
      "meter_points": [
        {"mpxn": "1900001234568", "supply_start_date": "2021-06-01", "meters": [{"meter_serial_number": "21E5550001", "installed_on": "2020-01-01"}], "agreements": [{"tariff_code": "E-1R-VAR-22-11-01-A", "effective_from": "2021-06-01"}]},
        {"mpxn": "8801234567", "meters": [{"meter_serial_number": "G4W0042"}]}
      ]
    }
  ],
  "ledgers": [
    {
      "ledger_code": "GENERAL_LEDGER",
      "last_statement_closing_date": "2025-01-31",
      "current_statement_transactions": [
        {"transaction_id": "T-1", "transaction_date": "2025-02-03", "amount": 20.0, "type": "PAYMENT", "reason": "ACCOUNT_CHARGE_PAYMENT", "payment_type": "DD_REGULAR_COLLECTION"}
      ]
    }
  ],
  "notes": [{"body": "Migrated from Tentacle Energy.", "is_pinned": true}]
}`

// TestStatuses sends each endpoint the seed's payloads and variations, each in its own
// session, and compares every answer with its golden file.
func TestStatuses(t *testing.T) {
	s := newSim(t)
	for _, tc := range statusCases(t) {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			resp := serve(t, s, session(t, s), tc.call)
			if resp.Status != tc.status {
				t.Errorf("status %d, want %d: %s", resp.Status, tc.status, resp.Body)
			}
			if resp.Status == 401 && len(resp.Header["Www-Authenticate"]) == 0 {
				t.Errorf("a 401 needs WWW-Authenticate")
			}
			golden(t, tc.name, resp)
			validateAgainstDocument(t, tc.call, resp)
		})
	}
}

// TestJWT refuses a valid token from obtainKrakenToken, as the raw header or after
// "JWT ", with 403, since no user may import; a stale one is still a 401.
func TestJWT(t *testing.T) {
	s := newSim(t)
	id := session(t, s)
	sess, err := s.Session(id)
	if err != nil {
		t.Fatal(err)
	}
	tok, fail := sess.Issuer().Obtain(auth.ObtainInput{Email: "demo@krakensim.dev", Password: "krakensim"}, sess.Credentials())
	if fail != nil {
		t.Fatal(fail)
	}
	for _, header := range []string{tok.Token, "JWT " + tok.Token} {
		c := call{route: dataimport.PathNotes, auth: header, body: `{` + demoSupplier + `, "notes": [{"body": "by token"}]}`}
		resp := serve(t, s, id, c)
		if got := simtest.Get(decode(t, resp), "detail"); resp.Status != 403 || got != "You do not have permission to perform this action." {
			t.Errorf("%.10s…: status %d: %s", header, resp.Status, resp.Body)
		}
	}
	sess.Clock().Set(testNow.Add(2 * 3600e9))
	c := call{route: dataimport.PathNotes, auth: tok.Token, body: `{` + demoSupplier + `, "notes": [{"body": "late"}]}`}
	resp := serve(t, s, id, c)
	if got := simtest.Get(decode(t, resp), "detail"); resp.Status != 401 || got != "Signature has expired." {
		t.Errorf("expired token: %d %v", resp.Status, got)
	}
}

// TestSchemaEndpoint serves the embedded document as YAML, and as JSON when asked.
func TestSchemaEndpoint(t *testing.T) {
	s := newSim(t)
	id := session(t, s)
	resp := serve(t, s, id, call{method: "GET", route: dataimport.PathSchema})
	if resp.Status != 200 || resp.Header["Content-Type"][0] != "application/yaml" || len(resp.Body) < 1000 {
		t.Fatalf("yaml: %d %v %d bytes", resp.Status, resp.Header, len(resp.Body))
	}
	resp = serve(t, s, id, call{method: "GET", route: dataimport.PathSchema, query: "format=json"})
	doc := decode(t, resp)
	if got := simtest.Get(doc, "openapi"); got != "3.0.3" {
		t.Errorf("json: openapi = %v", got)
	}
	if simtest.Get(doc, "paths", dataimport.PathNotes, "post") == nil {
		t.Errorf("json: the notes path is missing")
	}
}

// TestAustralianAccountImport imports an account at an Australian supply address: its
// NMI is an electricity supply, its MIRN a gas one, and an MPAN is no identifier there.
func TestAustralianAccountImport(t *testing.T) {
	s := newSim(t)
	id := session(t, s)
	body := func(ids ...string) string {
		var points []string
		for _, id := range ids {
			points = append(points, `{"mpxn": "`+id+`", "meters": [{"meter_serial_number": "M`+id+`"}]}`)
		}
		return `{"import_supplier": "TENTACLE_ENERGY", "external_account_number": "EXTERNAL-AU-` + ids[0] + `", "billing_name": "Kim Nguyen",
			"customers": [{"given_name": "Kim", "family_name": "Nguyen", "email": "kim.` + ids[0] + `@example.com"}],
			"supply_addresses": [{"customer_at_supply_address_from_date": "2024-01-01", "supply_address": {"administrative_area": "NSW", "country": "AU", "locality": "Newtown", "postal_code": "2042",
				"structured_street_address": {"house_number_1": "7", "street_name": "King", "street_type": "Street"}},
				"meter_points": [` + strings.Join(points, ", ") + `]}]}`
	}
	resp := serve(t, s, id, call{route: dataimport.PathAccounts, auth: importKey, body: body("4103445577", "5310923708")})
	if resp.Status != 201 {
		t.Fatalf("status %d: %s", resp.Status, resp.Body)
	}
	sess, err := s.Session(id)
	if err != nil {
		t.Fatal(err)
	}
	if a, mp := sess.World().ElectricityMeterPoint("4103445577"); a == nil || mp.NMI != "4103445577" || mp.MPAN != "" {
		t.Errorf("the NMI is not an electricity supply: %v %+v", a, mp)
	}
	if a, mp := sess.World().GasMeterPoint("5310923708"); a == nil || mp.MIRN != "5310923708" || len(mp.Meters) != 1 {
		t.Errorf("the MIRN is not a gas supply: %v %+v", a, mp)
	}
	resp = serve(t, s, id, call{route: dataimport.PathAccounts, auth: importKey, body: body("1013004420117")})
	if resp.Status != 400 || !strings.Contains(string(resp.Body), "1013004420117 is not a valid NMI") {
		t.Errorf("an MPAN in Newtown: status %d: %s", resp.Status, resp.Body)
	}
}

// TestImportedEmbeddedNetwork keeps the embedded network a supply address names, and
// refuses a code longer than the document allows, naming the field.
func TestImportedEmbeddedNetwork(t *testing.T) {
	s := newSim(t)
	id := session(t, s)
	body := func(code string) string {
		return `{"import_supplier": "TENTACLE_ENERGY", "external_account_number": "EXTERNAL-AU-EN", "billing_name": "Kim Nguyen",
			"customers": [{"given_name": "Kim", "family_name": "Nguyen", "email": "kim.en@example.com"}],
			"supply_addresses": [{"customer_at_supply_address_from_date": "2024-01-01", "embedded_network_code": "` + code + `",
				"supply_address": {"administrative_area": "NSW", "country": "AU", "locality": "Newtown", "postal_code": "2042",
				"structured_street_address": {"house_number_1": "7", "street_name": "King", "street_type": "Street"}},
				"meter_points": [{"mpxn": "4103445577", "meters": [{"meter_serial_number": "M1"}]}]}]}`
	}
	resp := serve(t, s, id, call{route: dataimport.PathAccounts, auth: importKey, body: body(strings.Repeat("x", 513))})
	if resp.Status != 400 || !strings.Contains(string(resp.Body), "embedded_network_code") {
		t.Errorf("a code of 513 characters: status %d: %s", resp.Status, resp.Body)
	}
	resp = serve(t, s, id, call{route: dataimport.PathAccounts, auth: importKey, body: body("The Island")})
	if resp.Status != 201 {
		t.Fatalf("status %d: %s", resp.Status, resp.Body)
	}
	sess, err := s.Session(id)
	if err != nil {
		t.Fatal(err)
	}
	a, _ := sess.World().ElectricityMeterPoint("4103445577")
	if a == nil || a.Properties[0].EmbeddedNetwork != "The Island" {
		t.Errorf("the network is not kept: %+v", a)
	}
}
