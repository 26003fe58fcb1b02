package simtest_test

import (
	"net/http"
	"testing"
)

// TestErrorWordingIsGraphQLCore checks, through the server on the Octopus SDL, that
// parse, validation and variable errors read as Kraken's graphql-core 3.2 words them,
// as clients that match them (Home Assistant integrations detecting schema drift) see
// them. The expected messages are graphql-core 3.2.8's for the reference SDL.
func TestErrorWordingIsGraphQLCore(t *testing.T) {
	_, c := octopus(t)
	for _, tc := range []struct {
		query string
		vars  map[string]any
		want  string
	}{
		{`{viewer{emailx}}`, nil, `Cannot query field 'emailx' on type 'AccountUserType'. Did you mean 'email' or 'details'?`},
		{`{viewer{email{x}}}`, nil, `Field 'email' must not have a selection since type 'String!' has no subfields.`},
		{`{viewer{email}`, nil, `Syntax Error: Expected Name, found <EOF>.`},
		{`query($n:String!){account(accountNumber:$n){number}}`, map[string]any{}, `Variable '$n' of required type 'String!' was not provided.`},
		{`{account{number}}`, nil, `Field 'account' argument 'accountNumber' of type 'String!' is required, but it was not provided.`},
		{`query{...F}`, nil, `Unknown fragment 'F'.`},
		{`{viewer @include{email}}`, nil, `Directive '@include' argument 'if' of type 'Boolean!' is required, but it was not provided.`},
	} {
		out := c.Query(tc.query, tc.vars)
		if len(out.Errors) != 1 || out.Errors[0].Message != tc.want {
			t.Errorf("%s: got %+v, want one error %q", tc.query, out.Errors, tc.want)
		}
		if out.Data != nil {
			t.Errorf("%s: data %v, want none", tc.query, out.Data)
		}
	}
	if status, _ := c.Do(http.MethodPost, "/v1/graphql/", []byte(`{"query":"{viewer{emailx}}"}`)); status != http.StatusBadRequest {
		t.Errorf("status %d, want 400", status)
	}
}
