package schema

import (
	"bytes"
	_ "embed"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

//go:embed data-import.openapi.yaml
var dataImportOpenAPI []byte

// DataImportOpenAPI returns the OpenAPI 3 document of the simulated data-import REST API.
func DataImportOpenAPI() []byte { return bytes.Clone(dataImportOpenAPI) }

// DataImportStatuses returns the response statuses the embedded data-import document
// documents, keyed "METHOD /path/{param}/", in ascending order: DocumentedStatuses of
// DataImportOpenAPI, generated at build time so that startup need not load the document.
func DataImportStatuses() map[string][]int {
	out := make(map[string][]int, len(dataImportStatuses))
	for k, v := range dataImportStatuses {
		out[k] = slices.Clone(v)
	}
	return out
}

// DocumentedStatuses reads an OpenAPI 3 document's documented response statuses, keyed
// "METHOD /path/{param}/", in ascending order.
func DocumentedStatuses(doc []byte) (map[string][]int, error) {
	spec, err := openapi3.NewLoader().LoadFromData(doc)
	if err != nil {
		return nil, fmt.Errorf("openapi: %w", err)
	}
	out := map[string][]int{}
	for path, item := range spec.Paths.Map() {
		for method, op := range item.Operations() {
			if op.Responses == nil {
				continue
			}
			var codes []int
			for code := range op.Responses.Map() {
				if n, err := strconv.Atoi(code); err == nil {
					codes = append(codes, n)
				}
			}
			slices.Sort(codes)
			out[strings.ToUpper(method)+" "+path] = codes
		}
	}
	return out, nil
}
