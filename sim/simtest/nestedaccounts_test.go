package simtest_test

import (
	"testing"

	"github.com/krakensim/krakensim/sim/simtest"
)

// TestAccountsDeepInAnInputAreTheViewers refuses a field that carries an account number
// in a list or a nested input object (createCampaignItems' items, a contract's party,
// getUsersForAccounts' list, an Ink letter's post) as the guard refuses a top-level one:
// Unauthorized signed in for another's account or one no account has, the missing
// header's error anonymously, and no data; the viewer's own accounts are answered, and a
// bank account's number is no account's.
func TestAccountsDeepInAnInputAreTheViewers(t *testing.T) {
	gbSrv, gb := octopus(t)
	auSrv, au := tenant(t, "origin-schema.graphql")
	cases := []struct {
		name, query string
		au          bool
		answer      []any // a path that is set when the viewer's own account is asked
	}{
		{"createCampaignItems", `mutation($a: String) { createCampaignItems(input: {campaignId: "1", campaignItems: [{accountNumber: "A-C90DC431"}, {accountNumber: $a}]}) { batchIdentifier } }`, true, []any{"createCampaignItems", "batchIdentifier"}},
		{"contracts", `query($a: NonEmptyString) { contracts(filters: {party: {account: $a}}) { __typename } }`, true, nil},
		{"getUsersForAccounts", `query($a: String) { getUsersForAccounts(accountNumbers: ["A-C90DC431", $a]) { id } }`, true, []any{"getUsersForAccounts", 0, "id"}},
		{"createInkInboundMessage", `mutation($a: String) { createInkInboundMessage(input: {channel: EMAIL, messageId: "m1", newMessage: {post: {plainTextContent: "Hello", accountNumber: $a}}}) { clientMutationId } }`, false, []any{"createInkInboundMessage", "clientMutationId"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, srv := gb, gbSrv
			if tc.au {
				c, srv = au, auSrv
			}
			for _, number := range []string{"A-0F4A2B19", "A-00000000", "x"} {
				out := c.Query(tc.query, map[string]any{"a": number})
				if len(out.Errors) != 1 || out.Errors[0].Code() != "KT-CT-1111" || out.Errors[0].Message != "Unauthorized." || hasData(out) {
					t.Errorf("%s signed in: %+v %v, want KT-CT-1111 Unauthorized. and no data", number, out.Errors, out.Data)
				}
			}
			out := srv.ClientIn(t, c.Session+"-anonymous").Query(tc.query, map[string]any{"a": "A-C90DC431"})
			if len(out.Errors) != 1 || out.Errors[0].Code() != "KT-CT-1112" || hasData(out) {
				t.Errorf("anonymously: %+v %v, want KT-CT-1112 and no data", out.Errors, out.Data)
			}
			if tc.answer == nil {
				return
			}
			out = c.Query(tc.query, map[string]any{"a": "A-7B3E9D12"})
			if len(out.Errors) > 0 || simtest.Get(out.Data, tc.answer...) == nil {
				t.Errorf("the viewer's own accounts: %+v %v", out.Errors, out.Data)
			}
		})
	}
	out := au.Query(`mutation { storeBankDetailsForLead(input: {leadNumber: "L-1", bankDetails: {accountHolder: "Jamie Carter", accountNumber: "12345678", bankCode: "062000"}}) { paymentMethodReference } }`, nil)
	if len(out.Errors) > 0 || simtest.Get(out.Data, "storeBankDetailsForLead", "paymentMethodReference") == nil {
		t.Errorf("a bank account number: %+v %v", out.Errors, out.Data)
	}
}
