package schema

import (
	"bytes"
	_ "embed"
)

//go:embed data-import.openapi.yaml
var dataImportOpenAPI []byte

// DataImportOpenAPI returns the OpenAPI 3 document of the simulated data-import REST API.
func DataImportOpenAPI() []byte { return bytes.Clone(dataImportOpenAPI) }
