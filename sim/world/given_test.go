package world

import (
	"fmt"
	"testing"
	"time"
)

// givenSDL has mutations whose payloads answer made-up objects the input describes: a
// charge of an amount (its gross, net and tax agree), a mandate made, and bank details
// registered, from nested bank details; and transactions whose kind flags name their own member of the interface.
const givenSDL = `
type Query { transactions: [Transaction] mandates(accountNumber: String!): [Mandate] }
type Mutation {
  createAccountCharge(input: CreateAccountChargeInput!): CreateAccountCharge
  postCredit(input: PostCreditInput!): PostCredit
  createMandate(input: CreateMandateInput!): CreateMandate
  registerBankDetails(input: RegisterBankDetailsInput!): RegisterBankDetails
  addToken(input: AddTokenInput!): AddToken
}
scalar BigInt
scalar DateTime
input AddTokenInput { externalAccountId: String! tokenValue: String! validFrom: DateTime! }
type AddToken { token: Token }
type Token { value: String! validFrom: DateTime! validTo: DateTime }
input CreateAccountChargeInput { accountNumber: String! grossAmount: Int! reason: String! note: String }
type CreateAccountCharge { accountCharge: AccountChargeType }
type AccountChargeType { netAmount: BigInt grossAmount: BigInt salesTaxAmount: BigInt cclAmount: BigInt reason: String note: String }
input PostCreditInput { accountNumber: String! netAmount: Int! taxAmount: Int! }
type PostCredit { credit: CreditSummary }
type CreditSummary { net: Int tax: Int gross: Int }
input CreateMandateInput { accountNumber: String! mandate: BankDetailsInput! }
input BankDetailsInput { accountHolder: String! sortCode: String! }
type CreateMandate { mandate: Mandate }
type Mandate { id: ID! accountHolder: String sortCode: String }
input RegisterBankDetailsInput { accountNumber: String! bankDetails: BankDetailsInput! }
type RegisterBankDetails { bankDetails: BankDetailsSummary }
type BankDetailsSummary { accountHolder: String sortCode: String }
interface Transaction { id: ID! amount: Int isCredit: Boolean isAccountCharge: Boolean isHeld: Boolean }
type Credit implements Transaction { id: ID! amount: Int isCredit: Boolean isAccountCharge: Boolean isHeld: Boolean }
type Charge implements Transaction { id: ID! amount: Int isCredit: Boolean isAccountCharge: Boolean isHeld: Boolean }
`

func TestPayloadHoldsWhatItsInputGives(t *testing.T) {
	s := newSessionOf(t, givenSDL, 0)
	charge := s.do(`mutation { createAccountCharge(input: {accountNumber: "A-1", grossAmount: 1050, reason: "SERVICE_FEE", note: "Meter exchange"}) {
		accountCharge { grossAmount netAmount salesTaxAmount reason note } } }`, "createAccountCharge", "accountCharge")
	if got, want := fmt.Sprint(charge), "map[grossAmount:1050 netAmount:1000 note:Meter exchange reason:SERVICE_FEE salesTaxAmount:50]"; got != want {
		t.Errorf("charge: got %s, want %s", got, want)
	}
	mandate := s.do(`mutation { createMandate(input: {accountNumber: "A-1", mandate: {accountHolder: "Jamie Carter", sortCode: "20-00-00"}}) {
		mandate { accountHolder sortCode } } }`, "createMandate", "mandate")
	if got, want := fmt.Sprint(mandate), "map[accountHolder:Jamie Carter sortCode:20-00-00]"; got != want {
		t.Errorf("mandate: got %s, want %s", got, want)
	}
	if got, want := fmt.Sprint(s.do(`{ mandates(accountNumber: "A-1") { accountHolder } }`, "mandates", 0)), "map[accountHolder:Jamie Carter]"; got != want {
		t.Errorf("mandates listed first: got %s, want %s", got, want)
	}
	details := s.do(`mutation { registerBankDetails(input: {accountNumber: "A-1", bankDetails: {accountHolder: "Robin Carter", sortCode: "40-11-62"}}) {
		bankDetails { accountHolder sortCode } } }`, "registerBankDetails", "bankDetails")
	if got, want := fmt.Sprint(details), "map[accountHolder:Robin Carter sortCode:40-11-62]"; got != want {
		t.Errorf("bank details: got %s, want %s", got, want)
	}
}

// TestPayloadBeginsWhenItsInputSays adds a token from a day its input gives, past or to
// come (addEvPublicChargingToken): the token holds its value under the input's
// tokenValue, and ends after it begins.
func TestPayloadBeginsWhenItsInputSays(t *testing.T) {
	s := newSessionOf(t, givenSDL, 0)
	for _, from := range []string{"2030-06-01T00:00:00Z", "2020-01-15T12:00:00Z", "2026-12-02T09:00:00Z"} {
		tok := s.do(`mutation { addToken(input: {externalAccountId: "A-1", tokenValue: "tok-9", validFrom: "`+from+`"}) { token { value validFrom validTo } } }`,
			"addToken", "token").(map[string]any)
		start, _ := time.Parse(time.RFC3339, fmt.Sprint(tok["validFrom"]))
		end, err := time.Parse(time.RFC3339, fmt.Sprint(tok["validTo"]))
		if tok["value"] != "tok-9" || tok["validFrom"] != from || err != nil && tok["validTo"] != nil || err == nil && !end.After(start) {
			t.Errorf("a token added from %s: %v", from, tok)
		}
	}
}

func TestAmountsWithTaxAgree(t *testing.T) {
	s := newSessionOf(t, givenSDL, 0)
	credit := s.do(`mutation { postCredit(input: {accountNumber: "A-1", netAmount: 2000, taxAmount: 100}) { credit { net tax gross } } }`, "postCredit", "credit").(map[string]any)
	net, tax, gross := credit["net"].(float64), credit["tax"].(float64), credit["gross"].(float64)
	if net+tax != gross || net <= 0 {
		t.Errorf("a made-up credit's net %v and tax %v do not make its gross %v", net, tax, gross)
	}
	if r := gross / net; r < 1.04 || r > 1.06 {
		t.Errorf("gross %v is %.3f of net %v, not the 5%% VAT on domestic energy", gross, r, net)
	}
}

func TestKindFlagsNameTheirMember(t *testing.T) {
	s := newSessionOf(t, givenSDL, 0)
	items, _ := s.do(`{ transactions { __typename isCredit isAccountCharge } }`, "transactions").([]any)
	if len(items) == 0 {
		t.Fatal("no transactions")
	}
	for _, it := range items {
		m := it.(map[string]any)
		credit := m["__typename"] == "Credit"
		if m["isCredit"] != credit || m["isAccountCharge"] != !credit {
			t.Errorf("a %v with isCredit %v and isAccountCharge %v", m["__typename"], m["isCredit"], m["isAccountCharge"])
		}
	}
}
