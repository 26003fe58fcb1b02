package simtest_test

import (
	"testing"

	"github.com/krakensim/krakensim/sim/simtest"
)

// TestUnknownAccountIsRefusedAsAnothers refuses a field the world answers for an account
// number no account has exactly as it refuses another's existing account: Unauthorized
// signed in, the missing header's error anonymously, and no made-up data either way.
func TestUnknownAccountIsRefusedAsAnothers(t *testing.T) {
	srv, demo := octopus(t)
	anonymous := srv.ClientIn(t, demo.Session)
	_, origin := tenant(t, "origin-schema.graphql")
	cases := []struct {
		name, query string
		au          bool
	}{
		{"ocppDetails", `query($a: String!) { ocppDetails(accountNumber: $a) { url username } }`, false},
		{"devices", `query($a: String!) { devices(accountNumber: $a) { id } }`, false},
		{"balanceForecast", `query($a: String!) { balanceForecast(accountNumber: $a) { __typename } }`, false},
		{"getSnaps", `query($a: String!) { getSnaps(accountNumber: $a) { __typename } }`, false},
		{"enodeLinkSession", `query($a: String!) { enodeLinkSession(accountNumber: $a) { __typename } }`, false},
		{"billToLatestSmartMeterSnapshot", `mutation($a: String!) { billToLatestSmartMeterSnapshot(input: {accountNumber: $a, mpan: "1013004420117"}) { __typename } }`, false},
		{"accountDebtPosition", `query($a: String!) { accountDebtPosition(accountNumber: $a) { __typename } }`, true},
		{"moveOutDates", `query($a: String!) { moveOutDates(input: {accountNumber: $a, propertyId: "1"}) { moveOutDates } }`, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			signedIn, other := demo, "A-0F4A2B19"
			if tc.au {
				signedIn = origin
			}
			for _, number := range []string{"A-00000000", "x", other} {
				out := signedIn.Query(tc.query, map[string]any{"a": number})
				if len(out.Errors) != 1 || out.Errors[0].Code() != "KT-CT-1111" || out.Errors[0].Message != "Unauthorized." || hasData(out) {
					t.Errorf("%s signed in: %+v %v, want KT-CT-1111 Unauthorized. and no data", number, out.Errors, out.Data)
				}
				if tc.au {
					continue // Origin's anonymous caller is the same guard's
				}
				out = anonymous.Query(tc.query, map[string]any{"a": number})
				if len(out.Errors) != 1 || out.Errors[0].Code() != "KT-CT-1112" || hasData(out) {
					t.Errorf("%s anonymously: %+v %v, want KT-CT-1112 and no data", number, out.Errors, out.Data)
				}
			}
		})
	}
}

// hasData reports whether an answer carries any non-null root field.
func hasData(out *simtest.Response) bool {
	for _, v := range out.Data {
		if v != nil {
			return true
		}
	}
	return false
}
