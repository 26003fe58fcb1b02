package dataimport

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestContractProblems(t *testing.T) {
	long := strings.Repeat("x", 1025)
	cases := []struct {
		name, pattern, body, want string
	}{
		{"valid statement", PathStatements, `{"import_supplier": "T", "external_account_number": "E", "statements": [{"statement_id": "1", "bill_period_from_date": "2020-01-01", "bill_period_to_date": "2020-01-31"}]}`, `null`},
		{"missing statement_id", PathStatements, `{"import_supplier": "T", "external_account_number": "E", "statements": [{"statement_id": "1", "bill_period_from_date": "2020-01-01", "bill_period_to_date": "2020-01-31"}, {"bill_period_from_date": "2020-01-01", "bill_period_to_date": "2020-01-31"}]}`,
			`{"statements":[{},{"statement_id":["This field is required."]}]}`},
		{"bad date and type", PathStatements, `{"import_supplier": "T", "external_account_number": 5, "statements": [{"statement_id": "1", "bill_period_from_date": "2020-13-01", "bill_period_to_date": "2020-01-31", "is_reversed": "yes"}]}`,
			`{"external_account_number":["Not a valid string."],"statements":[{"bill_period_from_date":["Date has wrong format. Use one of these formats instead: YYYY-MM-DD."],"is_reversed":["Must be a valid boolean."]}]}`},
		{"too long", PathStatements, `{"import_supplier": "T", "external_account_number": "E", "statements": [{"statement_id": "` + long + `", "bill_period_from_date": "2020-01-01", "bill_period_to_date": "2020-01-31"}]}`,
			`{"statements":[{"statement_id":["Ensure this field has no more than 1024 characters."]}]}`},
		{"not a list", PathStatements, `{"import_supplier": "T", "external_account_number": "E", "statements": "all"}`,
			`{"statements":["Expected a list of items but got type \"str\"."]}`},
		{"vendor and type", PathPaymentInstruction, `{"import_supplier": "T", "external_account_number": "E", "vendor": "ACME", "type": "CHEQUE"}`,
			`{"type":["\"CHEQUE\" is not a valid choice."],"vendor":["\"ACME\" is not a valid choice."]}`},
		{"missing everything", PathPaymentInstruction, `{}`,
			`{"external_account_number":["This field is required."],"import_supplier":["This field is required."],"type":["This field is required."],"vendor":["This field is required."]}`},
		{"no schema", "/nowhere/", `{}`, `null`},
		{"decimal neither number nor numeric text", PathTransactions, `{"import_supplier": "T", "transactions": [{"transaction_id": "1", "transaction_date": "2020-01-01", "amount": "ten", "type": "CHARGE"}]}`,
			`{"transactions":[{"amount":["A valid number is required."]}]}`},
		{"the document's own words for a pattern", PathTransactions, `{"import_supplier": "T", "transactions": [{"transaction_id": "1", "transaction_date": "2020-01-01", "amount": 1, "type": "CHARGE", "reason": "x"}]}`,
			`{"transactions":[{"reason":["Enter a valid reason: upper-case letters, digits and underscores, like IMPORTED_CHARGE."]}]}`},
		{"note datetime and blank path", PathNotes, `{"import_supplier": "T", "notes": [{"created_at": "soon", "document_paths": [{"document_path": ""}]}]}`,
			`{"notes":[{"created_at":["Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z]."],"document_paths":[{"document_path":["This field may not be blank."]}]}]}`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var body map[string]any
			dec := json.NewDecoder(strings.NewReader(tc.body))
			dec.UseNumber()
			if err := dec.Decode(&body); err != nil {
				t.Fatal(err)
			}
			got, _ := json.Marshal(contractProblems("POST", tc.pattern, body))
			if string(got) != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
}

func TestContractProblemsByIndex(t *testing.T) {
	var body map[string]any
	if err := json.Unmarshal([]byte(`{"import_supplier": "T", "transactions": [{"transaction_id": "1", "transaction_date": "2020-01-01", "amount": 1, "type": "CHARGE"}, {"type": "NOPE"}]}`), &body); err != nil {
		t.Fatal(err)
	}
	got, _ := json.Marshal(contractProblemsShaped("POST", PathTransactions, body, indexKeyed))
	want := `{"transactions":{"1":{"amount":["This field is required."],"transaction_date":["This field is required."],"transaction_id":["This field is required."],"type":["\"NOPE\" is not a valid choice."]}}}`
	if string(got) != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestMergeProblems(t *testing.T) {
	cases := []struct {
		name, schema, hand, want string
	}{
		{"schema words win for a field", `{"a": ["Not a valid string."]}`, `{"a": ["This field may not be blank."]}`, `{"a":["Not a valid string."]}`},
		{"hand fields added", `{"a": ["x"]}`, `{"b": ["y"]}`, `{"a":["x"],"b":["y"]}`},
		{"no object checks beside field problems", `{"a": ["x"]}`, `{"non_field_errors": ["y"]}`, `{"a":["x"]}`},
		{"items merged by position", `{"l": [{}, {"a": ["x"]}]}`, `{"l": [{"non_field_errors": ["y"]}, {"non_field_errors": ["z"]}]}`,
			`{"l":[{"non_field_errors":["y"]},{"a":["x"]}]}`},
		{"items merged by index", `{"l": {"1": {"a": ["x"]}}}`, `{"l": {"0": {"b": ["y"]}, "1": {"c": ["z"]}}}`,
			`{"l":{"0":{"b":["y"]},"1":{"a":["x"],"c":["z"]}}}`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var s, h map[string]any
			if err := json.Unmarshal([]byte(tc.schema), &s); err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal([]byte(tc.hand), &h); err != nil {
				t.Fatal(err)
			}
			got, _ := json.Marshal(mergeProblems(s, h))
			if string(got) != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
}

func FuzzContractProblems(f *testing.F) {
	f.Add(`{"statements": [{"statement_id": 1}, 7, []]}`)
	f.Add(`{"vendor": null, "type": {"a": [1e400]}}`)
	f.Fuzz(func(t *testing.T, s string) {
		var body map[string]any
		dec := json.NewDecoder(strings.NewReader(s))
		dec.UseNumber()
		if dec.Decode(&body) != nil {
			return
		}
		outs := []map[string]any{accountProblems(body)}
		for _, p := range []string{PathStatements, PathPaymentInstruction, PathNotes, PathTransactions} {
			outs = append(outs, contractProblems("POST", p, body), contractProblemsShaped("POST", p, body, indexKeyed))
		}
		for _, out := range outs {
			if _, err := json.Marshal(out); err != nil {
				t.Fatalf("problems do not encode: %v", err)
			}
		}
	})
}

// BenchmarkContractProblemsLargeBody checks a 64 KiB transactions body whose every item
// is wrong, the most a request may make the schema check report.
func BenchmarkContractProblemsLargeBody(b *testing.B) {
	item := `{"x": 1, "amount": "z", "line_items": [{"price_per_unit": "q"}]},`
	raw := `{"import_supplier": "T", "transactions": [` + strings.Repeat(item, (64<<10)/len(item)) + `1]}`
	var body map[string]any
	dec := json.NewDecoder(strings.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&body); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if contractProblemsShaped("POST", PathTransactions, body, indexKeyed) == nil {
			b.Fatal("no problems found")
		}
	}
}
