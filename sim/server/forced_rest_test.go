package server_test

import (
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/krakensim/krakensim/sim"
)

// TestForcedErrorOnREST: X-Krakensim-Error on a REST route is refused with a 400 that
// says why and how to make the route fail; without the header (or with an empty one)
// the route answers as usual.
func TestForcedErrorOnREST(t *testing.T) {
	p := newPlatform(t)
	const note = `{"import_supplier":"TENTACLE_ENERGY","external_account_number":"EXTERNAL-1234","notes":[{"body":"forced"}]}`
	auth := "Token krakensim-import-key"
	tests := []struct {
		name, method, path, body, forced string
		status                           int
		detail                           string // substring
	}{
		{"a code on a data-import route", http.MethodPost, "/v1/data-import/notes/create/", note, "KT-CT-3942", 400,
			`X-Krakensim-Error: "KT-CT-3942" is not applied to REST routes: the header forces a documented Kraken error code on a GraphQL root field, and POST /v1/data-import/notes/create/ answers HTTP statuses`},
		{"a status on a data-import route", http.MethodPost, "/v1/data-import/notes/create/", note, "404", 400,
			`{when: {http: "POST /v1/data-import/notes/create/"}, then: {status: 404}}`},
		{"field=code on Octopus's REST API", http.MethodGet, "/v1/products/", "", "viewer=KT-CT-1111", 400,
			`"viewer=KT-CT-1111" is not applied to REST routes`},
		{"an empty header is no header", http.MethodPost, "/v1/data-import/notes/create/", note, " ", 201, ""},
		{"no header", http.MethodPost, "/v1/data-import/notes/create/", note, "", 201, ""},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			header := []string{"Authorization", auth}
			if tt.forced != "" {
				header = append(header, sim.HeaderForceError, tt.forced)
			}
			status, _, out := p.send(tt.method, tt.path, "forced-rest-"+strconv.Itoa(i), tt.body, header...)
			if status != tt.status {
				t.Fatalf("status %d, want %d: %v", status, tt.status, out)
			}
			if tt.detail == "" {
				return
			}
			if d, _ := out["detail"].(string); !strings.Contains(d, tt.detail) {
				t.Errorf("detail %q does not contain %q", d, tt.detail)
			}
			if out["code"] != sim.CodeBadRequestHeader {
				t.Errorf("code %v, want %s", out["code"], sim.CodeBadRequestHeader)
			}
		})
	}
}
