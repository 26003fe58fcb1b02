package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"go.yaml.in/yaml/v3"

	"github.com/krakensim/krakensim/fixtures"
	"github.com/krakensim/krakensim/internal/testshared"
	"github.com/krakensim/krakensim/schema"
	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/dataimport"
	"github.com/krakensim/krakensim/sim/dataimport/oapicheck"
	"github.com/krakensim/krakensim/sim/server"
	"github.com/krakensim/krakensim/sim/simtest"
)

// dataImportServer serves the default fixtures and the data-import routes over HTTP.
func dataImportServer(t *testing.T) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(server.New(server.Config{Sim: dataImportSim(t), MaxBodyBytes: 64 << 10}))
	t.Cleanup(srv.Close)
	return srv
}

// dataImportSim is a simulator of the embedded contract, the default fixtures and the
// data-import routes.
func dataImportSim(t *testing.T) *sim.Simulator {
	t.Helper()
	api, err := schema.Load(schema.APISource())
	if err != nil {
		t.Fatal(err)
	}
	authSchema, err := schema.Load(schema.AuthSource())
	if err != nil {
		t.Fatal(err)
	}
	reg, err := schema.DefaultRegistry()
	if err != nil {
		t.Fatal(err)
	}
	world, err := fixtures.Default()
	if err != nil {
		t.Fatal(err)
	}
	cfg := schema.SimConfig(api, authSchema, reg)
	cfg.World = world
	cfg.Routes = dataimport.Routes()
	s, err := sim.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// seedPayload reads one of the seed's example payloads from the dataimport testdata.
func seedPayload(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "dataimport", "testdata", "payloads", name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func loadReference(t *testing.T) *oapicheck.Document {
	t.Helper()
	path := testshared.Path(t, "reference", "origin-data-import-openapi.yml")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var raw any
	if err := yaml.Unmarshal(data, &raw); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	data, err = json.Marshal(stringKeys(raw))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := openapi3.NewLoader().LoadFromData(data)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	for _, s := range doc.Components.Schemas {
		if s.Value == nil {
			continue
		}
		for name, p := range s.Value.Properties {
			if (name == "import_supplier" || name == "vendor") && p.Value != nil {
				p.Value.Enum = nil
			}
		}
	}
	return &oapicheck.Document{Spec: doc}
}

// stringKeys gives every map key a string form (the reference has null keys, in its
// enumerations' descriptions), so that the document converts to JSON.
func stringKeys(v any) any {
	switch v := v.(type) {
	case map[string]any:
		for k, e := range v {
			v[k] = stringKeys(e)
		}
		return v
	case map[any]any:
		m := make(map[string]any, len(v))
		for k, e := range v {
			key := ""
			if k != nil {
				key = fmt.Sprint(k)
			}
			m[key] = stringKeys(e)
		}
		return m
	case []any:
		for i, e := range v {
			v[i] = stringKeys(e)
		}
	}
	return v
}

type exchange struct {
	name, method, pattern string
	params                map[string]string
	query, auth, ctype    string
	body                  string
	status                int
}

func (x exchange) path() string {
	p := x.pattern
	for k, v := range x.params {
		p = strings.ReplaceAll(p, "{"+k+"}", v)
	}
	if x.query != "" {
		p += "?" + x.query
	}
	return p
}

// TestDataImportOverHTTP sends the seed's payloads and failures over HTTP and checks
// every answer against the project's OpenAPI document, and against the real tenant's
// where both describe the path and the status.
func TestDataImportOverHTTP(t *testing.T) {
	srv := dataImportServer(t)
	own, err := oapicheck.Load(schema.DataImportOpenAPI())
	if err != nil {
		t.Fatal(err)
	}
	const key = "Token krakensim-import-key"
	demo := `"import_supplier": "TENTACLE_ENERGY", "external_account_number": "EXTERNAL-1234"`
	regParams := map[string]string{"import_supplier_code": "TENTACLE_ENERGY", "external_account_number": "EXTERNAL-1234"}
	cases := []exchange{
		{"notes", "POST", dataimport.PathNotes, nil, "", key, "application/json", seedPayload(t, "notes"), 201},
		{"notes-404", "POST", dataimport.PathNotes, nil, "", key, "application/json", `{"import_supplier": "TENTACLE_ENERGY", "external_account_number": "X", "notes": []}`, 404},
		{"notes-400", "POST", dataimport.PathNotes, nil, "", key, "application/json", `{"import_supplier": "TENTACLE_ENERGY", "notes": []}`, 400},
		{"notes-401", "POST", dataimport.PathNotes, nil, "", "", "application/json", seedPayload(t, "notes"), 401},
		{"notes-403", "POST", dataimport.PathNotes, nil, "", "Token krakensim-squid-import-key", "application/json", seedPayload(t, "notes"), 403},
		{"notes-415", "POST", dataimport.PathNotes, nil, "", key, "text/csv", "a,b", 415},
		{"notes-413", "POST", dataimport.PathNotes, nil, "", key, "application/json", `{"notes": [{"body": "` + strings.Repeat("x", 70<<10) + `"}]}`, 413},
		{"transactions", "POST", dataimport.PathTransactions, nil, "check_previously_added=true&force_add_to_current_statement=true", key, "application/json", seedPayload(t, "transactions"), 201},
		{"transactions-import-error", "POST", dataimport.PathTransactions, nil, "force_add_to_current_statement=false", key, "application/json",
			`{` + demo + `, "transactions": [{"transaction_id": "7", "transaction_date": "2019-09-28", "amount": 71, "type": "PAYMENT", "reason": "GENERAL_CREDIT", "reference": "reference 7", "payment_type": "DEBIT_CARD"}]}`, 400},
		{"statements", "POST", dataimport.PathStatements, nil, "", key, "application/json", seedPayload(t, "historical-statements"), 201},
		{"payment-instruction", "POST", dataimport.PathPaymentInstruction, nil, "", key, "application/json", seedPayload(t, "payment-instruction"), 201},
		{"payment-instruction-500", "POST", dataimport.PathPaymentInstruction, nil, "", key, "application/json", `{` + demo + `, "vendor": "STRIPE", "reference": "VENDOR-FLAKY-1", "type": "BPAY"}`, 500},
		{"payment-instruction-retried", "POST", dataimport.PathPaymentInstruction, nil, "", key, "application/json", `{` + demo + `, "vendor": "STRIPE", "reference": "VENDOR-FLAKY-1", "type": "BPAY"}`, 201},
		{"payment-instruction-rejected", "POST", dataimport.PathPaymentInstruction, nil, "", key, "application/json", `{` + demo + `, "vendor": "STRIPE", "reference": "VENDOR-REJECTS-1", "type": "GMO_REFUND"}`, 400},
		{"registration", "POST", dataimport.PathRegistrationFlows, regParams, "", key, "", "", 200},
		{"registration-404", "POST", dataimport.PathRegistrationFlows, map[string]string{"import_supplier_code": "TENTACLE_ENERGY", "external_account_number": "EXTERNAL-0000"}, "", key, "", "", 404},
		{"transfer-status", "GET", dataimport.PathTransferStatus, regParams, "", key, "", "", 200},
		{"transfer-status-404", "GET", dataimport.PathTransferStatus, map[string]string{"import_supplier_code": "TENTACLE_ENERGY", "external_account_number": "X"}, "", key, "", "", 404},
		{"import-status", "GET", dataimport.PathAccountImportStatus, map[string]string{"import_supplier_code": "TENTACLE_ENERGY", "external_identifier": "EXTERNAL-1234"}, "", key, "", "", 200},
		{"import-status-404", "GET", dataimport.PathAccountImportStatus, map[string]string{"import_supplier_code": "TENTACLE_ENERGY", "external_identifier": "X"}, "", key, "", "", 404},
		{"accounts-validate-400", "POST", dataimport.PathValidateAccount, nil, "", key, "application/json", `{"import_supplier": "TENTACLE_ENERGY", "customers": [{"landline": "abcde"}]}`, 400},
		{"accounts-already-imported", "POST", dataimport.PathAccounts, nil, "", key, "application/json", `{` + demo + `}`, 400},
		{"schema", "GET", dataimport.PathSchema, nil, "", "", "", "", 200},
	}
	var ref *oapicheck.Document
	referenced := 0
	for _, x := range cases {
		req, err := http.NewRequest(x.method, srv.URL+x.path(), strings.NewReader(x.body))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set(sim.SessionHeader, "http-e2e")
		if x.auth != "" {
			req.Header.Set("Authorization", x.auth)
		}
		if x.ctype != "" {
			req.Header.Set("Content-Type", x.ctype)
		}
		resp, err := srv.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != x.status {
			t.Errorf("%s: status %d, want %d: %s", x.name, resp.StatusCode, x.status, body)
			continue
		}
		if x.status == 413 {
			continue // the server's own limit, not an endpoint's answer
		}
		check := oapicheck.Exchange{
			Method: x.method, Pattern: x.pattern, Params: x.params, Request: req,
			RequestBody: []byte(x.body), CheckRequest: x.status < 300 && x.method == "POST",
			Status: resp.StatusCode, Header: resp.Header, Body: body,
		}
		if err := own.Check(context.Background(), check); err != nil {
			t.Errorf("%s: own document: %v", x.name, err)
		}
		if ref == nil {
			ref = loadReference(t)
		}
		if reason := referenceSkip(ref, x, body); reason != "" {
			t.Logf("%s: not checked against the reference: %s", x.name, reason)
			continue
		}
		check.CheckRequest = false
		if err := ref.Check(context.Background(), check); err != nil {
			if example := selfContradiction(ref, x); example != "" {
				msg, _, _ := strings.Cut(err.Error(), "\n")
				t.Logf("%s: differs from the reference, whose own example %s contradicts its schema: %s", x.name, example, msg)
				continue
			}
			t.Errorf("%s: reference document: %v", x.name, err)
		}
		referenced++
	}
	if ref != nil && referenced < 8 {
		t.Errorf("only %d answers were checked against the reference", referenced)
	}
}

// selfContradiction names an example of the reference's answer that does not match the
// reference's own schema for it, or "".
func selfContradiction(ref *oapicheck.Document, x exchange) string {
	mt := ref.Operation(x.method, x.pattern).Responses.Status(x.status).Value.Content.Get("application/json")
	for name, ex := range mt.Examples {
		if ex.Value != nil && mt.Schema.Value.VisitJSON(ex.Value.Value) != nil {
			return name
		}
	}
	return ""
}

// referenceSkip says why an answer cannot be checked against the reference document,
// or "" when it can: the reference lacks the path or the status, or documents no body
// (or only non_field_errors) for it.
func referenceSkip(ref *oapicheck.Document, x exchange, body []byte) string {
	op := ref.Operation(x.method, x.pattern)
	if op == nil {
		return "the reference has no " + x.method + " " + x.pattern
	}
	r := op.Responses.Status(x.status)
	if r == nil || r.Value == nil {
		return "the reference does not document this status"
	}
	mt := r.Value.Content.Get("application/json")
	if mt == nil || mt.Schema == nil {
		return "the reference documents no body for this status"
	}
	if x.status == 400 && mt.Schema.Ref == "#/components/schemas/NonFieldErrors" && !bytes.Contains(body, []byte(`"non_field_errors"`)) {
		return "the reference documents only non_field_errors for this 400, not field errors"
	}
	return ""
}

// TestDataImportSchemaErrorsOverHTTP sends bodies the OpenAPI document rejects to the
// notes, transactions and account import endpoints, and checks the DRF-style,
// field-positioned answers, together with the hand-written rules the schema cannot state.
func TestDataImportSchemaErrorsOverHTTP(t *testing.T) {
	srv := dataImportServer(t)
	const ref = `"import_supplier": "TENTACLE_ENERGY", "external_account_number": "EXTERNAL-1234"`
	tx := func(fields string) string {
		return `{` + ref + `, "transactions": [{"transaction_id": "S1", "transaction_date": "2019-10-01", "amount": 1, "type": "CHARGE"` + fields + `}]}`
	}
	cases := []struct {
		name, path, body, want string
	}{
		{"note body not a string", dataimport.PathNotes, `{` + ref + `, "notes": [{"body": "ok"}, {"body": 5}]}`,
			`{"notes":[{},{"body":["Not a valid string."]}]}`},
		{"note external_id too long", dataimport.PathNotes, `{` + ref + `, "notes": [{"body": "a", "external_id": "` + strings.Repeat("x", 256) + `"}]}`,
			`{"notes":[{"external_id":["Ensure this field has no more than 255 characters."]}]}`},
		{"note document path blank", dataimport.PathNotes, `{` + ref + `, "notes": [{"document_paths": [{"document_path": ""}]}]}`,
			`{"notes":[{"document_paths":[{"document_path":["This field may not be blank."]}]}]}`},
		{"note created_at format", dataimport.PathNotes, `{` + ref + `, "notes": [{"body": "a", "created_at": "yesterday"}]}`,
			`{"notes":[{"created_at":["Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z]."]}]}`},
		{"schema and cross-field problems together", dataimport.PathNotes, `{` + ref + `, "notes": [{"is_pinned": 3}, {}]}`,
			`{"notes":[{"is_pinned":["Must be a valid boolean."]},{"non_field_errors":["A note must have a body or at least one document path."]}]}`},
		{"notes missing", dataimport.PathNotes, `{` + ref + `}`, `{"notes":["This field is required."]}`},
		{"unknown supplier with a schema problem", dataimport.PathNotes, `{"import_supplier": "NOPE", "external_account_number": "E", "notes": "x"}`,
			`{"import_supplier":["\"NOPE\" is not a valid choice."],"notes":["Expected a list of items but got type \"str\"."]}`},
		{"reason pattern", dataimport.PathTransactions, tx(`, "reason": "lower"`),
			`{"transactions":{"0":{"reason":["Enter a valid reason: upper-case letters, digits and underscores, like IMPORTED_CHARGE."]}}}`},
		{"reason null is allowed, note too long", dataimport.PathTransactions, tx(`, "reason": null, "note": "` + strings.Repeat("n", 2001) + `"`),
			`{"transactions":{"0":{"note":["Ensure this field has no more than 2000 characters."]}}}`},
		{"amount not a number", dataimport.PathTransactions, tx(`, "amount": "ten"`),
			`{"transactions":{"0":{"amount":["A valid number is required."]}}}`},
		{"transaction id blank", dataimport.PathTransactions, tx(`, "transaction_id": ""`),
			`{"transactions":{"0":{"transaction_id":["This field may not be blank."]}}}`},
		{"units count", dataimport.PathTransactions, `{` + ref + `, "transactions": [{"transaction_id": "S1", "transaction_date": "2019-10-01", "amount": 1, "type": "SUPPLY_CHARGE", "product_code": "P", "line_items": [{"start_date": "2019-10-01", "end_date": "2019-10-02", "number_of_units": 1, "net_amount": 1, "rate_band": "DAY", "units": [1, 2, 3]}]}]}`,
			`{"transactions":{"0":{"line_items":{"0":{"units":["units must have exactly two values."]}}}}}`},
		{"tax unit type and a future date", dataimport.PathTransactions, `{` + ref + `, "transactions": [{"transaction_id": "S1", "transaction_date": "2999-01-01", "amount": 1, "type": "CHARGE", "tax_items": [{"amount": 1, "rate": 1, "value_taxed": 1, "tax_type": "VAT", "unit_type": "PERCENT"}]}]}`,
			`{"transactions":{"0":{"tax_items":{"0":{"unit_type":["\"PERCENT\" is not a valid choice."]}},"transaction_date":["Transaction date cannot be in the future."]}}}`},
		{"transaction not an object", dataimport.PathTransactions, `{` + ref + `, "transactions": [7]}`,
			`{"transactions":{"0":{"non_field_errors":["Invalid data. Expected a dictionary, but got int."]}}}`},
		{"account import: schema and hand errors by attr", dataimport.PathValidateAccount, `{"import_supplier": "NOPE", "external_account_number": "` + strings.Repeat("9", 129) + `", "account_type": "WRONG", "ledgers": [{"current_statement_transactions": [{"transaction_id": "1", "transaction_date": "2019-01-01", "amount": 1, "type": "CHARGE", "reason": "bad"}]}]}`,
			`{"code":"account_failed_validation","detail":"Could not validate account data.","errors":[{"attr":"account_type","code":"invalid_choice","detail":"\"WRONG\" is not a valid choice."},{"attr":"external_account_number","code":"max_length","detail":"Ensure this field has no more than 128 characters."},{"attr":"import_supplier","code":"invalid_choice","detail":"\"NOPE\" is not a valid choice."},{"attr":"ledgers.0.current_statement_transactions.0.reason","code":"invalid","detail":"Enter a valid reason: upper-case letters, digits and underscores, like IMPORTED_CHARGE."},{"attr":"ledgers.0.ledger_code","code":"required","detail":"This field is required."}]}`},
		{"account import: wrapped payload and task_params", dataimport.PathAccounts, `{"payload": {"import_supplier": "TENTACLE_ENERGY"}, "task_params": {"is_dry_run": "perhaps"}}`,
			`{"code":"import_process_failed_validation","detail":"Import process validation failed during account creation. Please validate the import process to get full details of the validation errors.","errors":[{"attr":"external_account_number","code":"required","detail":"This field is required."},{"attr":"task_params.is_dry_run","code":"invalid","detail":"Must be a valid boolean."}]}`},
		{"dry_run not a boolean", dataimport.PathTransactions, `{` + ref + `, "dry_run": "perhaps", "transactions": []}`,
			`{"dry_run":["Must be a valid boolean."]}`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			req, err := http.NewRequest("POST", srv.URL+tc.path, strings.NewReader(tc.body))
			if err != nil {
				t.Fatal(err)
			}
			req.Header.Set("Authorization", "Token krakensim-import-key")
			req.Header.Set("Content-Type", "application/json")
			resp, err := srv.Client().Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			body, err := io.ReadAll(resp.Body)
			if err != nil {
				t.Fatal(err)
			}
			if resp.StatusCode != 400 {
				t.Fatalf("status %d, want 400: %s", resp.StatusCode, body)
			}
			var got any
			if err := json.Unmarshal(body, &got); err != nil {
				t.Fatalf("%v: %s", err, body)
			}
			norm, _ := json.Marshal(got)
			if string(norm) != tc.want {
				t.Errorf("got  %s\nwant %s", norm, tc.want)
			}
		})
	}
}

// TestDataImportRefusesCustomerToken refuses a customer's sign-in token on every
// data-import endpoint with DRF's 403, for the customer's own supplier and another's,
// and stores nothing: the import supplier's key then adds the same transaction.
func TestDataImportRefusesCustomerToken(t *testing.T) {
	srv := dataImportServer(t)
	const session = "customer-token"
	do := func(method, path, auth, body string) (int, map[string]any) {
		t.Helper()
		req, err := http.NewRequest(method, srv.URL+path, strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set(sim.SessionHeader, session)
		req.Header.Set("Content-Type", "application/json")
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		resp, err := srv.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var out map[string]any
		_ = json.NewDecoder(resp.Body).Decode(&out)
		return resp.StatusCode, out
	}
	signIn, _ := json.Marshal(map[string]any{
		"query":     `mutation($i: ObtainJSONWebTokenInput!) { obtainKrakenToken(input: $i) { token } }`,
		"variables": map[string]any{"i": map[string]any{"email": "demo@krakensim.dev", "password": "krakensim"}},
	})
	_, out := do("POST", server.APIPath, "", string(signIn))
	token, _ := simtest.Get(out, "data", "obtainKrakenToken", "token").(string)
	if token == "" {
		t.Fatalf("sign-in failed: %v", out)
	}
	tx := `{"import_supplier": "TENTACLE_ENERGY", "account_number": "A-0F4A2B19", "transactions": [{"type": "CREDIT", "transaction_id": "demo-x1", "amount": "500.00", "reason": "GOODWILL", "transaction_date": "2025-03-10"}]}`
	ten := map[string]string{"import_supplier_code": "TENTACLE_ENERGY", "external_account_number": "EXTERNAL-1234"}
	cases := []struct {
		name, method, path, body string
	}{
		{"notes", "POST", dataimport.PathNotes, `{"import_supplier": "TENTACLE_ENERGY", "account_number": "A-0F4A2B19", "notes": [{"body": "demo wrote on Sam's account"}]}`},
		{"transactions", "POST", dataimport.PathTransactions, tx},
		{"transactions-other-supplier", "POST", dataimport.PathTransactions, `{"import_supplier": "SQUID_POWER", "external_account_number": "EXTERNAL-9012", "transactions": [{"type": "CHARGE", "transaction_id": "demo-c1", "amount": "250.00", "reason": "GOODWILL", "transaction_date": "2025-03-10", "tax_items": []}]}`},
		{"statements", "POST", dataimport.PathStatements, seedPayload(t, "historical-statements")},
		{"payment-instruction", "POST", dataimport.PathPaymentInstruction, seedPayload(t, "payment-instruction")},
		{"accounts", "POST", dataimport.PathAccounts, `{"import_supplier": "TENTACLE_ENERGY", "external_account_number": "EXTERNAL-7777"}`},
		{"accounts-validate", "POST", dataimport.PathValidateAccount, `{"import_supplier": "TENTACLE_ENERGY"}`},
		{"registration", "POST", exchange{pattern: dataimport.PathRegistrationFlows, params: ten}.path(), ""},
		{"transfer-status", "GET", exchange{pattern: dataimport.PathTransferStatus, params: ten}.path(), ""},
		{"import-status", "GET", exchange{pattern: dataimport.PathAccountImportStatus, params: map[string]string{"import_supplier_code": "TENTACLE_ENERGY", "external_identifier": "EXTERNAL-1234"}}.path(), ""},
	}
	for _, tc := range cases {
		for _, auth := range []string{token, "JWT " + token} {
			status, out := do(tc.method, tc.path, auth, tc.body)
			if got := simtest.Get(out, "detail"); status != 403 || got != "You do not have permission to perform this action." {
				t.Errorf("%s (%.4s…): %d %v, want 403 and DRF's permission message", tc.name, auth, status, out)
			}
		}
	}
	status, out := do("POST", dataimport.PathTransactions, "Token krakensim-import-key", strings.Replace(tx, `"account_number": "A-0F4A2B19"`, `"external_account_number": "EXTERNAL-1234"`, 1))
	if got := simtest.Get(out, "results", 0, "status"); status != 201 || got != "TRANSACTION_ADDED_TO_ACCOUNT" {
		t.Errorf("the supplier's key after the refusals: %d %v", status, out)
	}
}
