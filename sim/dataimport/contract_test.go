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
		for _, p := range []string{PathStatements, PathPaymentInstruction} {
			if out := contractProblems("POST", p, body); out != nil {
				if _, err := json.Marshal(out); err != nil {
					t.Fatalf("problems do not encode: %v", err)
				}
			}
		}
	})
}
