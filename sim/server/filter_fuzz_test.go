package server

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// FuzzRequestFilter feeds the journal's query-string filters any text: they parse or
// name the bad parameter, and never accept a negative status or limit.
func FuzzRequestFilter(f *testing.F) {
	for _, s := range []string{"", "field=viewer&limit=5", "status=400", "limit=-1", "status=x", "unmatched=maybe", "path=/v1/*&errorCode=KT-CT-1138", "%zz"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		r := &http.Request{URL: &url.URL{RawQuery: raw}}
		flt, err := requestFilter(r)
		if err != nil {
			name, _, _ := strings.Cut(err.Error(), ":")
			if name != "status" && name != "limit" && name != "unmatched" {
				t.Fatalf("error names no parameter: %v", err)
			}
			return
		}
		if flt.Status < 0 || flt.Limit < 0 {
			t.Fatalf("accepted %+v", flt)
		}
	})
}
