package simtest_test

import (
	"fmt"
	"testing"

	"github.com/krakensim/krakensim/sim/simtest"
)

// TestOctopusShellAccount opens a shell account on Octopus's SDL: the account and its
// user are the session's from then on, the user signs in with the password the input
// gives and reads the account, the payload echoes its input, and a wrong input reports
// its field and makes nothing.
func TestOctopusShellAccount(t *testing.T) {
	srv, c := octopus(t)
	q := mustQuery(t, c)
	const create = `mutation($in: CreateShellAccountInput!) { createShellAccount(input: $in) {
		givenName mobile urn errors { field messages }
		account { number status balance billingName billingAddressLine1 billingAddressPostcode
			... on AccountType { accountType users { givenName familyName email } ledgers { ledgerType balance } } } } }`
	data := q(create, map[string]any{"in": map[string]any{
		"givenName": "Ada", "familyName": "Lovelace", "email": "ada@example.com", "password": "Analytical1843",
		"mobile": "07700 900123", "billingAddressLine1": "12 Ink Street", "billingPostcode": "n1 9gu",
	}})
	payload := simtest.Get(data, "createShellAccount").(map[string]any)
	number, _ := simtest.Get(payload, "account", "number").(string)
	if len(number) != 10 || number[:2] != "A-" {
		t.Fatalf("the new account's number: %v", simtest.Get(payload, "account"))
	}
	delete(payload["account"].(map[string]any), "number")
	if got, want := fmt.Sprint(payload), "map[account:map[accountType:DOMESTIC balance:0 billingAddressLine1:12 Ink Street billingAddressPostcode:N1 9GU billingName:Ada Lovelace "+
		"ledgers:[map[balance:0 ledgerType:GENERAL_LEDGER]] status:ACTIVE users:[map[email:ada@example.com familyName:Lovelace givenName:Ada]]] "+
		"errors:[] givenName:Ada mobile:07700 900123 urn:<nil>]"; got != want {
		t.Errorf("the payload:\n got %s\nwant %s", got, want)
	}
	if out := c.Query(`query($n: String!) { account(accountNumber: $n) { number } }`, map[string]any{"n": number}); len(out.Errors) != 1 || out.Errors[0].Code() != "KT-CT-1111" {
		t.Errorf("the demo user reads another's new account: %+v, want KT-CT-1111", out.Errors)
	}

	ada := srv.ClientIn(t, c.Session)
	ada.SignIn("ada@example.com", "Analytical1843")
	read := mustQuery(t, ada)(`query($n: String!) { viewer { fullName mobile accounts { number } }
		account(accountNumber: $n) { billingName balance ... on AccountType { transactions(first: 5) { edges { node { id } } } } } }`, map[string]any{"n": number})
	if got, want := fmt.Sprint(read), "map[account:map[balance:0 billingName:Ada Lovelace transactions:map[edges:[]]] viewer:map[accounts:[map[number:"+number+"]] fullName:Ada Lovelace mobile:07700 900123]]"; got != want {
		t.Errorf("the new user reads:\n got %s\nwant %s", got, want)
	}
	stranger := srv.Client(t)
	if out := stranger.Query(`mutation { obtainKrakenToken(input: {email: "ada@example.com", password: "Analytical1843"}) { token } }`, nil); len(out.Errors) == 0 {
		t.Error("another session signs in as the user the first one made")
	}

	mine := q(`mutation { createShellAccount(input: {givenName: "Jamie", familyName: "Carter", email: "DEMO@krakensim.dev",
		isBusinessAccount: true, companyName: "Carter Joinery Ltd"}) { account { number billingName ... on AccountType { accountType } } errors { field } } }`, nil)
	own, _ := simtest.Get(mine, "createShellAccount", "account", "number").(string)
	if got, want := fmt.Sprint(simtest.Get(mine, "createShellAccount")), "map[account:map[accountType:BUSINESS billingName:Carter Joinery Ltd number:"+own+"] errors:[]]"; got != want {
		t.Errorf("a business account for the demo user: got %s, want %s", got, want)
	}
	accounts := func() string {
		return fmt.Sprint(simtest.Get(q(`{ viewer { accounts { number } } }`, nil), "viewer", "accounts"))
	}
	before := accounts()
	if want := "[map[number:A-C90DC431] map[number:A-7B3E9D12] map[number:" + own + "]]"; before != want {
		t.Errorf("the demo user's accounts: got %s, want %s", before, want)
	}

	for _, tt := range []struct {
		name, in, field string
	}{
		{"a blank given name", `givenName: " ", familyName: "Li", email: "li@example.com"`, "givenName"},
		{"a malformed email", `givenName: "Bo", familyName: "Li", email: "li.example.com"`, "email"},
		{"a business without its name", `givenName: "Bo", familyName: "Li", email: "demo@krakensim.dev", isBusinessAccount: true`, "companyName"},
		{"a postcode that is not one", `givenName: "Bo", familyName: "Li", email: "li@example.com", billingPostcode: "XYZ"`, "billingPostcode"},
		{"a phone that is not one", `givenName: "Bo", familyName: "Li", email: "li@example.com", mobile: "call me"`, "mobile"},
		{"a birth to come", `givenName: "Bo", familyName: "Li", email: "li@example.com", dateOfBirth: "2030-01-01"`, "dateOfBirth"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			data := q(`mutation { createShellAccount(input: {`+tt.in+`}) { account { number } errors { field messages } } }`, nil)
			if got := simtest.Get(data, "createShellAccount", "errors", 0, "field"); got != tt.field || simtest.Get(data, "createShellAccount", "account") != nil {
				t.Errorf("got %v, want an error on %s and no account", simtest.Get(data, "createShellAccount"), tt.field)
			}
			if out := stranger.Query(`mutation { obtainKrakenToken(input: {email: "li@example.com", password: "krakensim"}) { token } }`, nil); len(out.Errors) == 0 {
				t.Error("a refused input made its user")
			}
		})
	}
	if got := accounts(); got != before {
		t.Errorf("after the refused inputs, the demo user's accounts: got %s, want %s", got, before)
	}
}
