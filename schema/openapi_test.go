package schema_test

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/krakensim/krakensim/schema"
)

// TestDataImportOpenAPIValidates loads the embedded data-import document with
// kin-openapi and validates it, examples included.
func TestDataImportOpenAPIValidates(t *testing.T) {
	doc, err := openapi3.NewLoader().LoadFromData(schema.DataImportOpenAPI())
	if err != nil {
		t.Fatal(err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{
		"/v1/data-import/notes/create/",
		"/v1/data-import/transactions/create/",
		"/v1/data-import/historical-statements/create/",
		"/v1/data-import/payment-instruction/create/",
		"/v1/data-import/send-registration-flows/{import_supplier_code}/{external_account_number}/",
		"/v2/data-import/accounts/",
		"/v2/data-import/accounts/validate/",
	} {
		item := doc.Paths.Value(path)
		if item == nil || item.Post == nil {
			t.Errorf("POST %s is not documented", path)
		}
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.") {
		t.Errorf("openapi %q", doc.OpenAPI)
	}
}

func TestDataImportOpenAPIIsACopy(t *testing.T) {
	a := schema.DataImportOpenAPI()
	a[0] = 'X'
	if schema.DataImportOpenAPI()[0] == 'X' {
		t.Error("changing the returned document changed the embedded one")
	}
}

// TestDataImportStatusesGenerated checks that the generated statuses are those the
// embedded document documents.
func TestDataImportStatusesGenerated(t *testing.T) {
	want, err := schema.DocumentedStatuses(schema.DataImportOpenAPI())
	if err != nil {
		t.Fatal(err)
	}
	got := schema.DataImportStatuses()
	if len(got) == 0 || !reflect.DeepEqual(got, want) {
		t.Errorf("schema/openapi_statuses.go is stale; run go generate ./schema\ngenerated: %v\ndocument:  %v", got, want)
	}
	got["POST /v1/data-import/notes/create/"][0] = 999
	if schema.DataImportStatuses()["POST /v1/data-import/notes/create/"][0] == 999 {
		t.Error("changing the returned statuses changed the generated ones")
	}
}
