package simtest_test

import (
	"fmt"
	"testing"

	"github.com/krakensim/krakensim/sim/simtest"
)

// TestOriginSignUpKeepsTheAddresssState: an Origin sign-up names supplies of the state
// its postcode is in: an NMI of another state's network, a British MPAN given as an
// NMI, electricity in Western Australia or the Northern Territory (outside the National
// Electricity Market) and an address naming another state than its postcode's are
// refused (KT-CT-10325, prepareAccount's KT-CT-10316); the accounts made keep the
// suburb and the state, the postcode's when the address names none.
func TestOriginSignUpKeepsTheAddresssState(t *testing.T) {
	srv, c := tenant(t, "origin-schema.graphql")
	org, _ := signInAs(t, srv, c, `{organizationSecretKey: "krakensim-organization-secret"}`)
	user, _ := simtest.Get(mustQuery(t, org)(initializeUser, map[string]any{"i": map[string]any{"customerDetails": robin(nil), "brandCode": "ORIGIN"}}), "initializeUser", "userNumber").(string)
	sale := func(line1, line2, postcode, market, id string) map[string]any {
		return map[string]any{"i": robinsSale(user, func(m map[string]any) {
			m["billingAddress"] = map[string]any{"line1": line1, "line2": line2, "postalCode": postcode}
			m["supplyPointInfoList"] = []any{map[string]any{"supplyPointInfo": map[string]any{"marketName": market, "externalIdentifier": id}}}
		})}
	}
	for _, tc := range []struct {
		name                               string
		line1, line2, postcode, market, id string
	}{
		{"a New South Wales NMI in Queensland", "2 Test Street", "Fortitude Valley", "4006", "AUS_ELECTRICITY", "4102000029"},
		{"a British MPAN", "3 George Street", "Sydney", "2000", "AUS_ELECTRICITY", "1013004420117"},
		{"electricity in Perth", "1 Hay Street", "Perth", "6000", "AUS_ELECTRICITY", "8001000011"},
		{"electricity in Darwin", "1 Smith Street", "Darwin", "0800", "AUS_ELECTRICITY", "2500000011"},
		{"an address in another state than its postcode", "4 Ann Street", "Fortitude Valley NSW", "4006", "AUS_ELECTRICITY", "3114000001"},
	} {
		if got := graphqlCode(t, org, initializeAccount, sale(tc.line1, tc.line2, tc.postcode, tc.market, tc.id)); got != "KT-CT-10325" {
			t.Errorf("%s: %q, want KT-CT-10325", tc.name, got)
		}
	}
	const prepare = `mutation($i: PrepareAccountInput!) { prepareAccount(input: $i) { accountNumber } }`
	if got := graphqlCode(t, org, prepare, map[string]any{"i": map[string]any{"brandCode": "ORIGIN", "billingName": "Sam Newcomer",
		"billingAddress":      map[string]any{"line1": "2 Test Street, Fortitude Valley", "postalCode": "4006"},
		"customerDetails":     map[string]any{"givenName": "Sam", "familyName": "Newcomer", "email": "sam@example.com", "mobile": "0491570157"},
		"salesInfo":           map[string]any{"salesChannel": "DIRECT"},
		"supplyPointInfoList": []any{map[string]any{"supplyPointInfo": map[string]any{"marketName": "AUS_ELECTRICITY", "externalIdentifier": "4102000029"}}},
	}}); got != "KT-CT-10316" {
		t.Errorf("prepareAccount with a New South Wales NMI in Queensland: %q, want KT-CT-10316", got)
	}

	signUp := func(line1, line2, postcode, nmi string) string {
		number, _ := simtest.Get(mustQuery(t, org)(initializeAccount, sale(line1, line2, postcode, "AUS_ELECTRICITY", nmi)), "initializeAccount", "accountNumber").(string)
		mustQuery(t, org)(enroll, map[string]any{"i": map[string]any{"accountNumber": number}})
		return number
	}
	valley, sydney, fitzroy := signUp("1 Test Street, Fortitude Valley", "", "4006", "3114000001"), signUp("1 George Street", "", "2000", "4102000011"), signUp("12 Wattle Street", "Fitzroy VIC 3065", "3065", "6102000011")
	key := simtest.Get(mustQuery(t, org)(`mutation { generatePreSignedToken(email: "robin@example.com", numberOfDaysAllowed: 30, scope: SUBMIT_METER_READINGS) { token } }`, nil), "generatePreSignedToken", "token")
	robinClient, _ := signInAs(t, srv, c, fmt.Sprintf(`{preSignedKey: %q}`, key))
	for number, want := range map[string]string{
		valley:  "1 Test Street, Fortitude Valley QLD 4006 | 1 Test Street, Fortitude Valley QLD 4006 | Fortitude Valley QLD 4006",
		sydney:  "1 George Street, NSW 2000 | 1 George Street, NSW 2000 |  NSW 2000",
		fitzroy: "12 Wattle Street, Fitzroy VIC 3065 | 12 Wattle Street, Fitzroy VIC 3065 | Fitzroy VIC 3065",
	} {
		a := simtest.Get(mustQuery(t, robinClient)(`query($n: String!) { account(accountNumber: $n) { billingAddress
			properties { address richAddress { locality administrativeArea postalCode } } } }`, map[string]any{"n": number}), "account")
		rich := simtest.Get(a, "properties", 0, "richAddress")
		if got := fmt.Sprintf("%v | %v | %v %v %v", simtest.Get(a, "billingAddress"), simtest.Get(a, "properties", 0, "address"),
			simtest.Get(rich, "locality"), simtest.Get(rich, "administrativeArea"), simtest.Get(rich, "postalCode")); got != want {
			t.Errorf("%s: %s; want %s", number, got, want)
		}
	}
}
