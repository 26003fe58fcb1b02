package simtest_test

import (
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/krakensim/krakensim/sim/server"
	"github.com/krakensim/krakensim/sim/simtest"
)

// importPayload reads an auditor's account payload from testdata/import, as edit
// changes it (when given).
func importPayload(t *testing.T, name string, edit func(map[string]any)) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "import", name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	if edit == nil {
		return b
	}
	var p map[string]any
	if err := json.Unmarshal(b, &p); err != nil {
		t.Fatal(err)
	}
	edit(p)
	b, _ = json.Marshal(p)
	return b
}

// importAs posts an account payload as TENTACLE_ENERGY's migration to the path (the
// import or its validation) in c's session, answering the status and decoded body.
func importAs(t *testing.T, srv *simtest.Server, c *simtest.Client, path string, payload []byte) (int, any) {
	t.Helper()
	importer := srv.ClientIn(t, c.Session)
	importer.Header.Set("Authorization", "Token krakensim-import-key")
	status, body := importer.Do(http.MethodPost, path, payload)
	var out any
	if err := json.Unmarshal(body, &out); err != nil {
		t.Fatalf("%s: HTTP %d %s", path, status, body)
	}
	return status, out
}

// importedNumber imports the payload into c's session, signs c in as email (at the
// tenant's auth server) and answers the account's number.
func importedNumber(t *testing.T, srv *simtest.Server, c *simtest.Client, payload []byte, email string) string {
	t.Helper()
	if status, body := importAs(t, srv, c, "/v2/data-import/accounts/", payload); status != 201 {
		t.Fatalf("import: %d %v", status, body)
	}
	signInAtAuth(t, c, email)
	data := mustQuery(t, c)(`{ viewer { accounts { number } } }`, nil)
	return simtest.Get(data, "viewer", "accounts", 0, "number").(string)
}

// signInAtAuth signs c in as email at the tenant's auth server.
func signInAtAuth(t *testing.T, c *simtest.Client, email string) {
	t.Helper()
	out := c.QueryAt(server.AuthPath, `mutation($e: String!) { obtainKrakenToken(input: {email: $e, password: "krakensim"}) { token } }`, map[string]any{"e": email})
	c.Token, _ = simtest.Get(out.Data, "obtainKrakenToken", "token").(string)
	if c.Token == "" {
		t.Fatalf("sign-in as %s: %+v", email, out.Errors)
	}
}

// ledgerLines are an account's transactions, newest first, as "type date amount title".
func ledgerLines(t *testing.T, c *simtest.Client, number string) []string {
	t.Helper()
	data := mustQuery(t, c)(`query($a: String!) { account(accountNumber: $a) { transactions(first: 100) { edges { node { __typename postedDate amount title } } } } }`,
		map[string]any{"a": number})
	var out []string
	for _, e := range simtest.Get(data, "account", "transactions", "edges").([]any) {
		n := simtest.Get(e, "node")
		out = append(out, strings.Join([]string{simtest.Get(n, "__typename").(string), simtest.Get(n, "postedDate").(string), toStr(simtest.Get(n, "amount")), simtest.Get(n, "title").(string)}, " "))
	}
	return out
}

func toStr(v any) string { b, _ := json.Marshal(v); return string(b) }

// TestAMigratedCustomersFirstMonths imports the auditor's British account (a
// GoCardless mandate, £70 a month on the 5th, billed to 31 October, transfer and
// history readings) on 2 December 2026 and follows it: its readings are its meters'
// history and the estimates continue from them; its supplies are on supply on their
// product; November is billed on top of the balance transferred, with no balance
// brought forward cancelling it; the direct debit collects on the 5th from the import
// on, no made-up transfer paying anything; a true reading is checked against the
// history; and a late transaction cannot rewrite a statement Kraken issued.
func TestAMigratedCustomersFirstMonths(t *testing.T) {
	srv, c := octopus(t)
	number := importedNumber(t, srv, c, importPayload(t, "gb1", nil), "ada.mig@example.com")
	q := mustQuery(t, c)
	vars := map[string]any{"a": number}
	data := q(`query($a: String!) { account(accountNumber: $a) { brand balance
		properties { electricityMeterPoints { status agreements { tariff { ... on StandardTariff { productCode displayName } } }
			meters { readings(first: 10) { edges { node { readAt source registers { value } } } } } }
			gasMeterPoints { status meters { readings(first: 10) { edges { node { readAt source registers { value } } } } } } }
		paymentSchedules(first: 5) { edges { node { paymentDay paymentAmount scheduleType } } }
		directDebitInstructions(first: 5) { edges { node { status sortCode maskedAccountIdentifier } } }
		bills(first: 10) { edges { node { id billType fromDate ... on StatementType { totalCredits { grossTotal } totalCharges { grossTotal } openingBalance closingBalance } } } } } }`, vars)
	a := simtest.Get(data, "account")
	mp := simtest.Get(a, "properties", 0, "electricityMeterPoints", 0)
	if simtest.Get(a, "brand") != "OCTOPUS_ENERGY" || simtest.Get(mp, "status") != "ON_SUPPLY" || simtest.Get(a, "properties", 0, "gasMeterPoints", 0, "status") != "ON_SUPPLY" {
		t.Errorf("brand %v, statuses %v %v", simtest.Get(a, "brand"), simtest.Get(mp, "status"), simtest.Get(a, "properties", 0, "gasMeterPoints", 0, "status"))
	}
	if tariff := simtest.Get(mp, "agreements", 0, "tariff"); simtest.Get(tariff, "productCode") != "VAR-22-11-01" || simtest.Get(tariff, "displayName") != "Flexible Octopus" {
		t.Errorf("tariff %v, want VAR-22-11-01, Flexible Octopus", tariff)
	}
	reads := func(meter any) (out []string) {
		for _, e := range simtest.Get(meter, "readings", "edges").([]any) {
			n := simtest.Get(e, "node")
			out = append(out, simtest.Get(n, "readAt").(string)[:10]+" "+simtest.Get(n, "source").(string)+" "+simtest.Get(n, "registers", 0, "value").(string))
		}
		return out
	}
	want := []string{"2026-12-01 ESTIMATE", "2026-11-01 ESTIMATE", "2026-10-31 CUSTOMER 12345.00000", "2026-09-30 CUSTOMER 12100.00000", "2026-08-31 ROUTINE 11880.00000"}
	got := reads(simtest.Get(mp, "meters", 0))
	if len(got) != len(want) {
		t.Fatalf("electricity readings %v, want %v", got, want)
	}
	for i, w := range want {
		if !strings.HasPrefix(got[i], w) {
			t.Errorf("electricity reading %d: %s, want %s", i, got[i], w)
		}
	}
	if v := toInt(strings.Split(strings.Fields(got[1])[2], ".")[0]); v < 12345 || v > 12345+60 {
		t.Errorf("the estimate a day after the transfer reading is %d, want a day's use on from 12345", v)
	}
	if gas := reads(simtest.Get(a, "properties", 0, "gasMeterPoints", 0, "meters", 0)); !slices.Contains(gas, "2026-10-31 CUSTOMER 4321.00000") {
		t.Errorf("gas readings %v lack the transfer reading", gas)
	}
	if s := simtest.Get(a, "paymentSchedules", "edges", 0, "node"); toInt(simtest.Get(s, "paymentDay")) != 5 || toInt(simtest.Get(s, "paymentAmount")) != 7000 || simtest.Get(s, "scheduleType") != "DIRECT_DEBIT" {
		t.Errorf("payment schedule %v, want £70 on the 5th by direct debit", s)
	}
	if dd := simtest.Get(a, "directDebitInstructions", "edges", 0, "node"); simtest.Get(dd, "status") != "ACTIVE" || simtest.Get(dd, "sortCode") != "20-00-00" || simtest.Get(dd, "maskedAccountIdentifier") != "****9911" {
		t.Errorf("mandate %v, want the payload's 200000 / 55779911", dd)
	}
	bills := simtest.Get(a, "bills", "edges").([]any)
	if len(bills) != 2 {
		t.Fatalf("bills %v, want November's statement and the imported one", bills)
	}
	nov, old := simtest.Get(bills[0], "node"), simtest.Get(bills[1], "node")
	if simtest.Get(old, "billType") != "PRE_KRAKEN" || simtest.Get(old, "id") == "" {
		t.Errorf("the imported statement is %v, want a PRE_KRAKEN bill with an id", old)
	}
	charges := toInt(simtest.Get(nov, "totalCharges", "grossTotal"))
	if simtest.Get(nov, "fromDate") != "2026-11-01" || toInt(simtest.Get(nov, "totalCredits", "grossTotal")) != 0 || charges <= 0 ||
		toInt(simtest.Get(nov, "openingBalance")) != -12000 || toInt(simtest.Get(a, "balance")) != -8420-charges {
		t.Errorf("November %v, balance %v: want its charges on top of the -8420 transferred", nov, simtest.Get(a, "balance"))
	}
	for _, l := range ledgerLines(t, c, number) {
		if strings.HasPrefix(l, "Credit") && strings.Contains(l, "Balance brought forward") {
			t.Errorf("a made-up credit: %s", l)
		}
	}

	c.AdvanceClock(66 * 24 * time.Hour) // to 6 February 2027
	signInAtAuth(t, c, "ada.mig@example.com")
	lines := ledgerLines(t, c, number)
	for _, want := range []string{"Payment 2027-01-05 7000 Direct debit", "Payment 2027-02-05 7000 Direct debit"} {
		if !slices.Contains(lines, want) {
			t.Errorf("ledger %q lacks %q", lines, want)
		}
	}
	for _, l := range lines {
		if strings.Contains(l, "Bank transfer") || strings.HasPrefix(l, "Payment 2026-12-05") {
			t.Errorf("a payment not made: %s (ledger %q)", l, lines)
		}
	}
	read := func(value int) any {
		out := c.Query(`mutation($v: Int!) { createElectricityMeterReading(mpan: "1900000000013", serialNumber: "21E5551234", readAt: "2027-02-06", readings: [{registerId: "1", reading: $v}]) {
			readingErrors { field } id } }`, map[string]any{"v": value})
		if len(out.Errors) > 0 {
			t.Fatalf("reading %d: %+v", value, out.Errors)
		}
		return simtest.Get(out.Data, "createElectricityMeterReading", "readingErrors", 0, "field")
	}
	if field := read(12300); field != "reading" {
		t.Errorf("a reading below the transfer reading is taken (%v)", field)
	}
	if field := read(13400); field != nil {
		t.Errorf("a reading on from the history is refused on %v", field)
	}

	importer := srv.ClientIn(t, c.Session)
	importer.Header.Set("Authorization", "Token krakensim-import-key")
	late := func(query, date string) (int, string) {
		body := `{"import_supplier": "TENTACLE_ENERGY", "external_account_number": "MIG-GB-001", "transactions": [{"transaction_id": "LATE-` + date + `",
			"transaction_date": "` + date + `", "amount": 25.0, "type": "CREDIT", "reason": "IMPORTED_CREDIT"}]}`
		status, b := importer.Do(http.MethodPost, "/v1/data-import/transactions/create/"+query, []byte(body))
		return status, string(b)
	}
	if status, body := late("?force_add_to_current_statement=false", "2026-11-20"); status != 400 {
		t.Errorf("a credit in November, issued, kept where it is: %d %s", status, body)
	}
	if status, body := late("", "2026-11-21"); status != 201 || !strings.Contains(body, `"transaction_date":"2027-02-01"`) {
		t.Errorf("a credit in November, issued, moved: %d %s, want it moved to 2027-02-01", status, body)
	}
	data = q(`query($a: String!) { account(accountNumber: $a) { bills(first: 10) { edges { node { fromDate ... on StatementType { closingBalance totalCredits { grossTotal } } } } } } }`, vars)
	for _, e := range simtest.Get(data, "account", "bills", "edges").([]any) {
		if n := simtest.Get(e, "node"); simtest.Get(n, "fromDate") == "2026-11-01" && toInt(simtest.Get(n, "totalCredits", "grossTotal")) != 0 {
			t.Errorf("November's issued statement was rewritten: %v", n)
		}
	}
}

// TestAMigratedCustomerWithoutADirectDebitIsNotPaid imports the British account with no
// payment instructions or schedules: months on, nothing made up has paid it.
func TestAMigratedCustomerWithoutADirectDebitIsNotPaid(t *testing.T) {
	srv, c := octopus(t)
	payload := importPayload(t, "gb1", func(p map[string]any) {
		delete(p, "payment_instructions")
		delete(p, "payment_schedules")
	})
	number := importedNumber(t, srv, c, payload, "ada.mig@example.com")
	c.AdvanceClock(90 * 24 * time.Hour)
	signInAtAuth(t, c, "ada.mig@example.com")
	for _, l := range ledgerLines(t, c, number) {
		if strings.HasPrefix(l, "Payment") && l > "Payment 2026-11-30" {
			t.Errorf("paid by something made up: %s", l)
		}
	}
}

// TestAMigratedOriginCustomer imports the data-import OpenAPI's electricity example
// (its dates moved to 2026, on a catalogue tariff) into Origin: branded ORIGIN, its
// current meter holding the readings imported and the estimates after them, the
// meters removed years ago none, on its tariff's product, its imported bills each with
// an id of its own, and no balance brought forward cancelling the months Kraken bills.
func TestAMigratedOriginCustomer(t *testing.T) {
	srv, c := tenant(t, "origin-schema.graphql")
	number := importedNumber(t, srv, c, importPayload(t, "au_e2", nil), "homer@simpson.com")
	data := mustQuery(t, c)(`query($a: String!) { account(accountNumber: $a) { brand
		properties { electricityMeterPoints { status agreements { product { code } }
			meters { serialNumber readings(first: 10) { edges { node { ... on ElectricityAccumulationMeterReadingType { readAt source registers { value } } } } } } } }
		bills(first: 10) { edges { node { id billType } } } } }`, map[string]any{"a": number})
	a := simtest.Get(data, "account")
	mp := simtest.Get(a, "properties", 0, "electricityMeterPoints", 0)
	if simtest.Get(a, "brand") != "ORIGIN" || simtest.Get(mp, "status") != "ON_SUPPLY" || simtest.Get(mp, "agreements", 0, "product", "code") != "VAR-22-11-01" {
		t.Errorf("brand %v, status %v, product %v", simtest.Get(a, "brand"), simtest.Get(mp, "status"), simtest.Get(mp, "agreements", 0, "product"))
	}
	for _, m := range simtest.Get(mp, "meters").([]any) {
		edges := simtest.Get(m, "readings", "edges").([]any)
		switch serial := simtest.Get(m, "serialNumber"); serial {
		case "12KD", "AB1234":
			if len(edges) != 0 {
				t.Errorf("meter %s, removed years ago, has readings %v", serial, edges)
			}
		case "Z16N389556":
			var got []string
			for _, e := range edges {
				n := simtest.Get(e, "node")
				got = append(got, simtest.Get(n, "readAt").(string)[:10]+" "+simtest.Get(n, "source").(string)+" "+simtest.Get(n, "registers", 0, "value").(string))
			}
			if !slices.Contains(got, "2026-08-01 SELF_READING_CREATE 1000.00000") || !slices.Contains(got, "2026-04-20 IMPORT_READING_CREATE 950.00000") ||
				len(got) < 5 || !strings.Contains(got[0], "KRAKEN_ESTIMATE") {
				t.Errorf("current meter's readings %v, want the imported ones and estimates after them", got)
			}
		}
	}
	ids := map[any]bool{}
	for _, e := range simtest.Get(a, "bills", "edges").([]any) {
		n := simtest.Get(e, "node")
		if simtest.Get(n, "billType") == "PRE_KRAKEN" && (simtest.Get(n, "id") == "" || ids[simtest.Get(n, "id")]) {
			t.Errorf("imported bill %v: its id is empty or another's", n)
		}
		ids[simtest.Get(n, "id")] = true
	}
	for _, l := range ledgerLines(t, c, number) {
		if strings.Contains(l, "Balance brought forward") || strings.Contains(l, "Bank transfer") {
			t.Errorf("a made-up transaction: %s", l)
		}
	}
}

// TestAMigrationPayloadRefused refuses what the simulator cannot keep as the payload
// says, naming the field, in both tenants: a reading not a number, an unknown reading
// type, a ledger without a known ledger type, a register given twice.
func TestAMigrationPayloadRefused(t *testing.T) {
	for _, tc := range []struct {
		name, tenant, payload string
		edit                  func(map[string]any)
		attr, code            string
	}{
		{"a ledger without its ledger_code", "octopus-schema.graphql", "gb8", func(p map[string]any) {
			delete(simtest.Get(p, "ledgers", 0).(map[string]any), "ledger_code")
		}, "ledgers.0.ledger_code", "required"},
		{"a ledger_code no ledger type has", "origin-schema.graphql", "au_e2", func(p map[string]any) {
			simtest.Get(p, "ledgers", 0).(map[string]any)["ledger_code"] = "NOT_A_LEDGER_TYPE"
		}, "ledgers.0.ledger_code", "ledger_code_does_not_exist"},
		{"a register given twice", "origin-schema.graphql", "au_e2", func(p map[string]any) {
			m := simtest.Get(p, "supply_addresses", 0, "meter_points", 0, "meters", 2).(map[string]any)
			m["registers"] = []any{map[string]any{"register_id": "1"}, map[string]any{"register_id": "1"}}
		}, "supply_addresses.0.meter_points.0.meters.2.registers", "meter_with_duplicate_register_ids"},
		{"a payment schedule's ledger_code no ledger type has", "octopus-schema.graphql", "gb8", func(p map[string]any) {
			simtest.Get(p, "payment_schedules", 0).(map[string]any)["ledger_code"] = "MAIN"
		}, "payment_schedules.0.ledger_code", "ledger_code_does_not_exist"},
		{"a reading not a number", "origin-schema.graphql", "au_e2", func(p map[string]any) {
			m := simtest.Get(p, "supply_addresses", 0, "meter_points", 0, "meters", 2, "transfer_readings", 0).(map[string]any)
			m["reading_value"] = "abc"
		}, "supply_addresses.0.meter_points.0.meters.2.transfer_readings.0.reading_value", "invalid"},
		{"an unknown reading type", "origin-schema.graphql", "au_e2", func(p map[string]any) {
			m := simtest.Get(p, "supply_addresses", 0, "meter_points", 0, "meters", 2, "reading_history", 0).(map[string]any)
			m["reading_type"] = "BOGUS"
		}, "supply_addresses.0.meter_points.0.meters.2.reading_history.0.reading_type", "invalid_choice"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv, c := tenant(t, tc.tenant)
			for _, path := range []string{"/v2/data-import/accounts/validate/", "/v2/data-import/accounts/"} {
				status, body := importAs(t, srv, c, path, importPayload(t, tc.payload, tc.edit))
				errs, _ := simtest.Get(body, "errors").([]any)
				if status != 400 || len(errs) != 1 || simtest.Get(errs[0], "attr") != tc.attr || simtest.Get(errs[0], "code") != tc.code {
					t.Errorf("%s: %d %v, want 400 on %s (%s)", path, status, body, tc.attr, tc.code)
				}
			}
		})
	}
}

// TestAMigrationPayloadKept takes what a tenant's own catalogue or billing would: a
// tariff code krakensim's catalogue lacks (the OpenAPI examples' own) and quarterly
// billing options are imported, billed monthly at the region's standard rates.
func TestAMigrationPayloadKept(t *testing.T) {
	for _, tc := range []struct{ name, tenant, payload string }{
		{"a tariff code krakensim lacks", "octopus-schema.graphql", "gb8"},
		{"quarterly billing", "origin-schema.graphql", "au_q"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv, c := tenant(t, tc.tenant)
			if status, body := importAs(t, srv, c, "/v2/data-import/accounts/", importPayload(t, tc.payload, nil)); status != 201 {
				t.Errorf("%d %v, want 201", status, body)
			}
		})
	}
}
