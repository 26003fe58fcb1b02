package sim

import (
	"net/textproto"
	"testing"

	"github.com/krakensim/krakensim/sim/graphql"
)

// TestHeaderNamesAreCanonical keeps the header names the simulator looks up directly in
// a request's header map in the form net/http stores them.
func TestHeaderNamesAreCanonical(t *testing.T) {
	for _, name := range []string{SessionHeader, HeaderScenario, HeaderQueryComplexity,
		HeaderPossibleErrors, HeaderPossibleErrorsLegacy, HeaderForceError, "Authorization"} {
		if c := textproto.CanonicalMIMEHeaderKey(name); c != name {
			t.Errorf("%q is not canonical; net/http keeps it as %q", name, c)
		}
	}
}

func TestHeaderLookups(t *testing.T) {
	h := map[string][]string{SessionHeader: {"s1"}, "Authorization": {"JWT x"}, HeaderPossibleErrorsLegacy: {"true"}}
	c := &Call{Field: &graphql.Field{Request: &graphql.Request{Header: h}}}
	if got := (&HTTPRequest{Header: h}).HeaderValue("x-krakensim-session"); got != "s1" {
		t.Errorf("HeaderValue(lower case) = %q, want s1", got)
	}
	if got := headerValue(h, HeaderQueryComplexity); got != "" {
		t.Errorf("absent header = %q", got)
	}
	if !wantsPossibleErrors(h) {
		t.Errorf("the legacy possible-errors header was not seen")
	}
	if got := c.Header("authorization"); got != "JWT x" {
		t.Errorf("Call.Header(lower case) = %q, want the Authorization header", got)
	}
	for _, name := range []string{"Authorization", "authorization", "AUTHORIZATION"} {
		if got := (&HTTPRequest{Header: h}).HeaderValue(name); got != "JWT x" {
			t.Errorf("HeaderValue(%q) = %q, want the Authorization header", name, got)
		}
	}
	// A name given as it is stored is found without canonicalizing; an empty value
	// under it does not hide the canonical one.
	odd := map[string][]string{"x-odd": {"raw"}, "X-Empty": {"set"}, "x-empty": {}}
	if got := (&HTTPRequest{Header: odd}).HeaderValue("x-odd"); got != "raw" {
		t.Errorf("HeaderValue of a name stored as given = %q, want raw", got)
	}
	if got := (&HTTPRequest{Header: odd}).HeaderValue("x-empty"); got != "set" {
		t.Errorf("HeaderValue past an empty value = %q, want set", got)
	}
}
