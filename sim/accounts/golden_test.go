package accounts_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/graphql"
)

const viewerQuery = `{
  viewer {
    id givenName familyName fullName preferredName email mobile landline title pronouns dateOfBirth liveSecretKey
    preferences { isOptedInToClientMessages isOptedInToOfferMessages isOptedInToSmsMessages emailFormat fontSizeMultiplier preferredHoldMusic }
    consents { code value }
    accountUserRoles { role account { number } }
    accounts { number status balance ... on AccountType { billingName } }
  }
}`

const accountQuery = `{
  account(accountNumber: "A-C90DC431") {
    id number status accountType brand createdAt balance overdueBalance billingName billingEmail
    billingAddress billingAddressLine1 billingAddressPostcode splitBillingAddress commsDeliveryPreference
    referralsCreated consents { code value } campaigns { slug name }
    references { namespace value } metadata { key value } notes { body isPinned createdAt }
    users { id email }
    ledgers { number name ledgerType balance amountOwedByCustomer statements(first: 3) { edges { node { id identifier startAt endAt } } } }
    paymentSchedules { totalCount edges { cursor node { id validFrom validTo paymentDay paymentAmount paymentFrequency scheduleType } } }
    payments(first: 2) { totalCount pageInfo { hasNextPage endCursor } edges { node { id amount paymentDate status transactionType } } }
    transactions(first: 6) { edges { node { __typename id postedDate amounts { gross } balanceCarriedForward note } } }
    directDebitInstructions { edges { node { id status instructionType sortCode maskedAccountIdentifier } } }
    properties {
      id postcode address
      electricityMeterPoints { mpan status meters { id serialNumber meterType readings(first: 3) { totalCount edges { node { readAt registers { value } } } } } agreements { id validFrom tariff { __typename ... on StandardTariff { tariffCode } } } }
      gasMeterPoints { mprn status meters { id serialNumber readings { totalCount } } }
    }
  }
}`

// TestGolden compares full answers for the viewer and the demo account with
// testdata/*.golden (rewrite with -update).
func TestGolden(t *testing.T) {
	for name, query := range map[string]string{"viewer": viewerQuery, "account": accountQuery} {
		t.Run(name, func(t *testing.T) {
			c := signIn(t, "demo@krakensim.dev")
			data := c.do(query, nil)
			got, err := json.MarshalIndent(data, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			path := filepath.Join("testdata", name+".golden")
			if *update {
				if err := os.MkdirAll("testdata", 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from the answer:\n%s", path, got)
			}
		})
	}
}

// Example signs the demo user in, changes their payment day and reads it back.
func Example() {
	srv, err := sharedServer()
	if err != nil {
		fmt.Println(err)
		return
	}
	s := srv.Sim
	h := map[string][]string{sim.SessionHeader: {"example"}}
	run := func(q string) map[string]any {
		resp := s.API().Execute(context.Background(), &graphql.Request{Query: q, Header: h})
		b, _ := json.Marshal(resp)
		var out struct{ Data map[string]any }
		_ = json.Unmarshal(b, &out)
		return out.Data
	}
	tok := run(`mutation { obtainKrakenToken(input: {email: "demo@krakensim.dev", password: "krakensim"}) { token } }`)
	h["Authorization"] = []string{"JWT " + dig(tok, "obtainKrakenToken.token").(string)}
	run(`mutation { createAccountPaymentSchedule(input: {accountNumber: "A-C90DC431", ledgerNumber: "L-6B2F0A1C", paymentDay: 20}) { schedule { id } } }`)
	data := run(`{ account(accountNumber: "A-C90DC431") { paymentSchedules(active: true) { edges { node { paymentDay paymentAmount } } } } }`)
	node := dig(data, "account.paymentSchedules.edges.0.node")
	fmt.Println(dig(node, "paymentDay"), dig(node, "paymentAmount"))
	// Output: 20 11000
}

func BenchmarkViewer(b *testing.B) {
	c := signIn(b, "demo@krakensim.dev")
	req := &graphql.Request{Query: viewerQuery, Header: map[string][]string{
		sim.SessionHeader: {c.session}, "Authorization": {"JWT " + c.token},
	}}
	b.ReportAllocs()
	for b.Loop() {
		if resp := c.s.API().Execute(context.Background(), req); len(resp.Errors) > 0 {
			b.Fatal(resp.Errors[0].Message)
		}
	}
}

func BenchmarkMutation(b *testing.B) {
	c := signIn(b, "demo@krakensim.dev")
	req := &graphql.Request{
		Query:     `mutation($n: String) { updateUser(input: {givenName: $n}) { viewer { givenName } } }`,
		Variables: map[string]any{"n": "Jay"},
		Header:    map[string][]string{sim.SessionHeader: {c.session}, "Authorization": {"JWT " + c.token}},
	}
	b.ReportAllocs()
	for b.Loop() {
		if resp := c.s.API().Execute(context.Background(), req); len(resp.Errors) > 0 {
			b.Fatal(resp.Errors[0].Message)
		}
	}
}
